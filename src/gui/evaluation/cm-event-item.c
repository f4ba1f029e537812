/* cm-event-item.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-event-item.h"
#include "cm-fiscal.h"

/* A line of the Evaluation page's list of events: an event with its fill,
 * DNA and overdue follow-ups as the list shows them, or the heading of a
 * group (a month, a commission). The texts are made once, when the cycle
 * is read, so that binding a row costs nothing but setting labels
 * (HACKING.md, "Large lists"). */
struct _CmEventItem
{
  GObject  parent_instance;

  gboolean heading;
  gint64   event_id;
  gint64   commission_id;
  char    *title;
  char    *subtitle;
  char    *fill;
  char    *fill_tooltip;
  char    *dna;
  char    *dna_tooltip;
  char    *overdue;
  char    *overdue_tooltip;
};

G_DEFINE_FINAL_TYPE (CmEventItem, cm_event_item, G_TYPE_OBJECT)

static void
cm_event_item_finalize (GObject *object)
{
  CmEventItem *self = (CmEventItem *)object;

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->fill);
  g_free (self->fill_tooltip);
  g_free (self->dna);
  g_free (self->dna_tooltip);
  g_free (self->overdue);
  g_free (self->overdue_tooltip);

  G_OBJECT_CLASS (cm_event_item_parent_class)->finalize (object);
}

static void
cm_event_item_class_init (CmEventItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_event_item_finalize;
}

static void
cm_event_item_init (CmEventItem *self)
{
}

/**
 * cm_event_item_new_heading:
 * @title: the group's name
 * @commission_id: the commission the group is, or 0
 *
 * Returns: (transfer full): a group's heading
 */
CmEventItem *
cm_event_item_new_heading (const char *title,
                           gint64      commission_id)
{
  CmEventItem *self = g_object_new (CM_TYPE_EVENT_ITEM, NULL);

  self->heading = TRUE;
  self->title = g_strdup (title);
  self->commission_id = commission_id;
  return self;
}

/**
 * cm_event_item_new_event:
 * @event: an event with its counts
 * @overdue: its follow-ups overdue
 *
 * Returns: (transfer full): the event's line
 */
CmEventItem *
cm_event_item_new_event (const CmEvent *event,
                         guint          overdue)
{
  CmEventItem *self = g_object_new (CM_TYPE_EVENT_ITEM, NULL);
  g_autofree char *date = cm_fiscal_format_date (&event->date);
  int missed = event->dna + event->late_cancel;

  self->event_id = event->id;
  self->commission_id = event->commission_id;
  self->title = g_strdup (event->code);
  self->subtitle = event->venue != NULL && *event->venue != '\0'
    ? g_strdup_printf ("%s · %s · %s", date, event->commission_code, event->venue)
    : g_strdup_printf ("%s · %s", date, event->commission_code);
  self->fill = g_strdup_printf ("%d/%d", event->attended, event->places);
  self->fill_tooltip = g_strdup_printf (_("%d attended of %d places; %d booked, %d waiting"),
                                        event->attended, event->places, event->booked, event->waitlist);
  if (missed > 0)
    {
      self->dna = g_strdup_printf (ngettext ("%d DNA", "%d DNA", missed), missed);
      self->dna_tooltip = g_strdup_printf (_("%d did not attend and %d cancelled late: places paid for and not used"),
                                           event->dna, event->late_cancel);
    }
  if (overdue > 0)
    {
      self->overdue = g_strdup_printf (ngettext ("%u overdue", "%u overdue", overdue), overdue);
      self->overdue_tooltip = g_strdup_printf (ngettext ("%u follow-up is past its due date and not recorded",
                                                         "%u follow-ups are past their due date and not recorded",
                                                         overdue),
                                               overdue);
    }

  return self;
}

gboolean
cm_event_item_is_heading (CmEventItem *self)
{
  g_return_val_if_fail (CM_IS_EVENT_ITEM (self), FALSE);
  return self->heading;
}

gint64
cm_event_item_get_event_id (CmEventItem *self)
{
  g_return_val_if_fail (CM_IS_EVENT_ITEM (self), 0);
  return self->event_id;
}

gint64
cm_event_item_get_commission_id (CmEventItem *self)
{
  g_return_val_if_fail (CM_IS_EVENT_ITEM (self), 0);
  return self->commission_id;
}

const char *
cm_event_item_get_title (CmEventItem *self)
{
  g_return_val_if_fail (CM_IS_EVENT_ITEM (self), NULL);
  return self->title;
}

const char *
cm_event_item_get_subtitle (CmEventItem *self)
{
  g_return_val_if_fail (CM_IS_EVENT_ITEM (self), NULL);
  return self->subtitle;
}

const char *
cm_event_item_get_fill (CmEventItem *self)
{
  g_return_val_if_fail (CM_IS_EVENT_ITEM (self), NULL);
  return self->fill;
}

const char *
cm_event_item_get_fill_tooltip (CmEventItem *self)
{
  g_return_val_if_fail (CM_IS_EVENT_ITEM (self), NULL);
  return self->fill_tooltip;
}

/* NULL when nobody missed a place. */
const char *
cm_event_item_get_dna (CmEventItem *self)
{
  g_return_val_if_fail (CM_IS_EVENT_ITEM (self), NULL);
  return self->dna;
}

const char *
cm_event_item_get_dna_tooltip (CmEventItem *self)
{
  g_return_val_if_fail (CM_IS_EVENT_ITEM (self), NULL);
  return self->dna_tooltip;
}

/* NULL when no follow-up is overdue. */
const char *
cm_event_item_get_overdue (CmEventItem *self)
{
  g_return_val_if_fail (CM_IS_EVENT_ITEM (self), NULL);
  return self->overdue;
}

const char *
cm_event_item_get_overdue_tooltip (CmEventItem *self)
{
  g_return_val_if_fail (CM_IS_EVENT_ITEM (self), NULL);
  return self->overdue_tooltip;
}
