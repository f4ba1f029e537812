/* cm-needs-item.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-needs"

#include "config.h"

#include "cm-needs-item.h"

/* A row of the wizard's tables: a requirement line or a competency's
 * aggregate, both plain core structs, in a GObject so that list models
 * can hold them. Cells follow "notify::line" when a line is edited in
 * place, which keeps the row (and the focus in it) while its computed
 * figures change. */
struct _CmNeedsItem
{
  GObject            parent_instance;

  CmNeedsLine       *line;
  CmNeedsCompetency *competency;
  guint              rank;
  gboolean           checked;
  char              *note;
};

G_DEFINE_FINAL_TYPE (CmNeedsItem, cm_needs_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LINE,
  PROP_CHECKED,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cm_needs_item_finalize (GObject *object)
{
  CmNeedsItem *self = (CmNeedsItem *)object;

  g_clear_pointer (&self->line, cm_needs_line_free);
  g_clear_pointer (&self->competency, cm_needs_competency_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (cm_needs_item_parent_class)->finalize (object);
}

static void
cm_needs_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CmNeedsItem *self = CM_NEEDS_ITEM (object);

  switch (prop_id)
    {
    case PROP_LINE:
      g_value_set_boxed (value, self->line);
      break;

    case PROP_CHECKED:
      g_value_set_boolean (value, self->checked);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_needs_item_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CmNeedsItem *self = CM_NEEDS_ITEM (object);

  switch (prop_id)
    {
    case PROP_CHECKED:
      cm_needs_item_set_checked (self, g_value_get_boolean (value));
      break;

    case PROP_NOTE:
      cm_needs_item_set_note (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_needs_item_class_init (CmNeedsItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cm_needs_item_finalize;
  object_class->get_property = cm_needs_item_get_property;
  object_class->set_property = cm_needs_item_set_property;

  properties[PROP_LINE] =
    g_param_spec_boxed ("line", NULL, NULL,
                        cm_needs_line_get_type (),
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_CHECKED] =
    g_param_spec_boolean ("checked", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_needs_item_init (CmNeedsItem *self)
{
}

/**
 * cm_needs_item_new_line:
 * @line: a requirement line, copied
 *
 * Returns: (transfer full): an item for @line
 */
CmNeedsItem *
cm_needs_item_new_line (const CmNeedsLine *line)
{
  CmNeedsItem *self;

  g_return_val_if_fail (line != NULL, NULL);

  self = g_object_new (CM_TYPE_NEEDS_ITEM, NULL);
  self->line = cm_needs_line_copy (line);
  return self;
}

/**
 * cm_needs_item_new_competency:
 * @competency: a competency's needs, copied
 * @rank: its place in the ranking, from 1
 *
 * Returns: (transfer full): an item for @competency
 */
CmNeedsItem *
cm_needs_item_new_competency (const CmNeedsCompetency *competency,
                              guint                    rank)
{
  CmNeedsItem *self;

  g_return_val_if_fail (competency != NULL, NULL);

  self = g_object_new (CM_TYPE_NEEDS_ITEM, NULL);
  self->competency = cm_needs_competency_copy (competency);
  self->rank = rank;
  return self;
}

/**
 * cm_needs_item_get_line:
 * @self: a #CmNeedsItem
 *
 * The line may be changed in place; call cm_needs_item_line_changed()
 * afterwards.
 *
 * Returns: (transfer none) (nullable): the line
 */
CmNeedsLine *
cm_needs_item_get_line (CmNeedsItem *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_ITEM (self), NULL);

  return self->line;
}

/**
 * cm_needs_item_get_competency:
 * @self: a #CmNeedsItem
 *
 * Returns: (transfer none) (nullable): the competency's needs
 */
const CmNeedsCompetency *
cm_needs_item_get_competency (CmNeedsItem *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_ITEM (self), NULL);

  return self->competency;
}

/**
 * cm_needs_item_get_rank:
 * @self: a #CmNeedsItem
 *
 * Returns: the competency's place in the ranking, from 1 (0 for lines)
 */
guint
cm_needs_item_get_rank (CmNeedsItem *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_ITEM (self), 0);

  return self->rank;
}

/**
 * cm_needs_item_line_changed:
 * @self: a #CmNeedsItem
 *
 * Tells the cells showing the line that it was changed in place.
 */
void
cm_needs_item_line_changed (CmNeedsItem *self)
{
  g_return_if_fail (CM_IS_NEEDS_ITEM (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE]);
}

/**
 * cm_needs_item_get_checked:
 * @self: a #CmNeedsItem
 *
 * Returns: whether the row is ticked
 */
gboolean
cm_needs_item_get_checked (CmNeedsItem *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_ITEM (self), FALSE);

  return self->checked;
}

/**
 * cm_needs_item_set_checked:
 * @self: a #CmNeedsItem
 * @checked: whether the row is ticked
 */
void
cm_needs_item_set_checked (CmNeedsItem *self,
                           gboolean     checked)
{
  g_return_if_fail (CM_IS_NEEDS_ITEM (self));

  checked = !!checked;
  if (self->checked == checked)
    return;

  self->checked = checked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}

/**
 * cm_needs_item_get_note:
 * @self: a #CmNeedsItem
 *
 * Returns: (nullable): a remark shown with the row
 */
const char *
cm_needs_item_get_note (CmNeedsItem *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_ITEM (self), NULL);

  return self->note;
}

/**
 * cm_needs_item_set_note:
 * @self: a #CmNeedsItem
 * @note: (nullable): a remark shown with the row
 */
void
cm_needs_item_set_note (CmNeedsItem *self,
                        const char  *note)
{
  g_return_if_fail (CM_IS_NEEDS_ITEM (self));

  if (g_strcmp0 (self->note, note) == 0)
    return;

  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}
