/* cm-stream-bar.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-chart.h"
#include "cm-money.h"
#include "cm-stream-bar.h"

/* How a stream's allocation is used, as one bar: what is spent, what is
 * committed but not yet spent (Forecast − Actual), what is proposed, and
 * what is left. When those add up to more than the allocation, the bar
 * grows to the total, the part beyond the allocation is drawn in the error
 * colour and a mark shows where the allocation ends. */

#define BAR_HEIGHT 12
#define RADIUS     4.0
#define MIN_OVER_WIDTH 4.0

struct _CmStreamBar
{
  GtkWidget parent_instance;

  gint64    allocation;
  gint64    parts[CM_STREAM_BAR_N_PARTS];
};

G_DEFINE_FINAL_TYPE (CmStreamBar, cm_stream_bar, GTK_TYPE_WIDGET)

static const struct {
  const char *name;
  const char *fallback;
} part_colors[CM_STREAM_BAR_N_PARTS] = {
  [CM_STREAM_BAR_ACTUAL] = { "blue_4", "#1c71d8" },
  [CM_STREAM_BAR_COMMITTED] = { "blue_2", "#62a0ea" },
  [CM_STREAM_BAR_PROPOSED] = { "purple_1", "#dc8add" },
  [CM_STREAM_BAR_AVAILABLE] = { NULL, NULL },
  [CM_STREAM_BAR_OVER] = { "error_bg_color", "#e01b24" },
};

/**
 * cm_stream_bar_part_color:
 * @widget: a widget whose style to use
 * @part: a part of the bar
 * @out_color: (out): its colour
 *
 * The colour of a part, for the bar and its legend.
 */
void
cm_stream_bar_part_color (GtkWidget       *widget,
                          CmStreamBarPart  part,
                          GdkRGBA         *out_color)
{
  g_return_if_fail (part < CM_STREAM_BAR_N_PARTS);

  if (part == CM_STREAM_BAR_AVAILABLE)
    {
      /* The trough: a tint of the text colour shows on light and dark. */
      gtk_style_context_get_color (gtk_widget_get_style_context (widget), out_color);
      out_color->alpha *= 0.15;
    }
  else
    cm_chart_lookup_color (widget, part_colors[part].name, part_colors[part].fallback, out_color);
}

/**
 * cm_stream_bar_part_label:
 * @part: a part of the bar
 *
 * Returns: its name in the legend
 */
const char *
cm_stream_bar_part_label (CmStreamBarPart part)
{
  switch (part)
    {
    case CM_STREAM_BAR_ACTUAL:
      return _("Actual");
    case CM_STREAM_BAR_COMMITTED:
      return _("Committed");
    case CM_STREAM_BAR_PROPOSED:
      return _("Proposed");
    case CM_STREAM_BAR_AVAILABLE:
      return _("Available");
    case CM_STREAM_BAR_OVER:
      return _("Over allocation");
    case CM_STREAM_BAR_N_PARTS:
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * cm_stream_bar_part_description:
 * @part: a part of the bar
 *
 * Returns: what the part stands for, in a sentence
 */
const char *
cm_stream_bar_part_description (CmStreamBarPart part)
{
  switch (part)
    {
    case CM_STREAM_BAR_ACTUAL:
      return _("What has been spent");
    case CM_STREAM_BAR_COMMITTED:
      return _("Committed to approved and contracted commissions but not yet spent");
    case CM_STREAM_BAR_PROPOSED:
      return _("Earmarked for commissions that are only proposed");
    case CM_STREAM_BAR_AVAILABLE:
      return _("Left to commission if every proposal goes ahead");
    case CM_STREAM_BAR_OVER:
      return _("Forecast and proposals beyond the allocation");
    case CM_STREAM_BAR_N_PARTS:
    default:
      g_return_val_if_reached ("");
    }
}

static gint64
drawn_total (CmStreamBar *self)
{
  return (self->parts[CM_STREAM_BAR_ACTUAL] + self->parts[CM_STREAM_BAR_COMMITTED]
          + self->parts[CM_STREAM_BAR_PROPOSED]);
}

static void
cm_stream_bar_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CmStreamBar *self = CM_STREAM_BAR (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double y = (height - BAR_HEIGHT) / 2;
  gint64 used = drawn_total (self);
  gint64 scale = MAX (self->allocation, used);
  double limit;
  double x = 0;
  GskRoundedRect outline;
  GdkRGBA trough;
  GdkRGBA over;

  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, y, width, BAR_HEIGHT), RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);

  cm_stream_bar_part_color (widget, CM_STREAM_BAR_AVAILABLE, &trough);
  gtk_snapshot_append_color (snapshot, &trough, &GRAPHENE_RECT_INIT (0, y, width, BAR_HEIGHT));

  if (scale <= 0)
    {
      gtk_snapshot_pop (snapshot);
      return;
    }

  limit = width * (double) self->allocation / (double) scale;
  /* However small, an overrun must show. */
  if (used > self->allocation)
    limit = MIN (limit, width - MIN_OVER_WIDTH);
  cm_stream_bar_part_color (widget, CM_STREAM_BAR_OVER, &over);

  for (CmStreamBarPart part = CM_STREAM_BAR_ACTUAL; part <= CM_STREAM_BAR_PROPOSED; part++)
    {
      double w = width * (double) self->parts[part] / (double) scale;
      GdkRGBA color;

      if (w <= 0)
        continue;

      cm_stream_bar_part_color (widget, part, &color);
      /* Whatever lies beyond the allocation is the over-commitment. */
      if (x < limit)
        gtk_snapshot_append_color (snapshot, &color,
                                   &GRAPHENE_RECT_INIT (x, y, MIN (w, limit - x), BAR_HEIGHT));
      if (x + w > limit)
        gtk_snapshot_append_color (snapshot, &over,
                                   &GRAPHENE_RECT_INIT (MAX (x, limit), y, x + w - MAX (x, limit), BAR_HEIGHT));
      x += w;
    }

  gtk_snapshot_pop (snapshot);

  if (used > self->allocation)
    {
      GdkRGBA fg;

      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
      gtk_snapshot_append_color (snapshot, &fg,
                                 &GRAPHENE_RECT_INIT (MAX (0, limit - 1), y - 3, 2, BAR_HEIGHT + 6));
    }
}

static void
cm_stream_bar_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 60;
      *natural = 160;
    }
  else
    *minimum = *natural = BAR_HEIGHT + 6;
}

static void
css_changed_cb (GtkWidget         *widget,
                GtkCssStyleChange *change)
{
  gtk_widget_queue_draw (widget);
}

static void
cm_stream_bar_class_init (CmStreamBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = cm_stream_bar_snapshot;
  widget_class->measure = cm_stream_bar_measure;
  widget_class->css_changed = css_changed_cb;

  gtk_widget_class_set_css_name (widget_class, "streambar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cm_stream_bar_init (CmStreamBar *self)
{
}

/**
 * cm_stream_bar_new:
 *
 * Returns: (transfer floating): a new, empty bar
 */
GtkWidget *
cm_stream_bar_new (void)
{
  return g_object_new (CM_TYPE_STREAM_BAR, NULL);
}

/**
 * cm_stream_bar_set_figures:
 * @self: a #CmStreamBar
 * @allocation_pence: the stream's Allocation
 * @actual_pence: its Actual
 * @forecast_pence: its Forecast
 * @proposed_pence: its Proposed
 *
 * Shows the figures of a stream (or of the totals row).
 */
void
cm_stream_bar_set_figures (CmStreamBar *self,
                           gint64       allocation_pence,
                           gint64       actual_pence,
                           gint64       forecast_pence,
                           gint64       proposed_pence)
{
  g_autofree char *actual = NULL;
  g_autofree char *committed = NULL;
  g_autofree char *proposed = NULL;
  g_autofree char *available = NULL;
  g_autofree char *description = NULL;
  gint64 spent;
  gint64 used;

  g_return_if_fail (CM_IS_STREAM_BAR (self));

  spent = MAX (0, actual_pence);
  self->allocation = MAX (0, allocation_pence);
  self->parts[CM_STREAM_BAR_ACTUAL] = spent;
  self->parts[CM_STREAM_BAR_COMMITTED] = MAX (0, forecast_pence - spent);
  self->parts[CM_STREAM_BAR_PROPOSED] = MAX (0, proposed_pence);
  used = drawn_total (self);
  self->parts[CM_STREAM_BAR_AVAILABLE] = MAX (0, self->allocation - used);
  self->parts[CM_STREAM_BAR_OVER] = MAX (0, used - self->allocation);

  actual = cm_money_format (self->parts[CM_STREAM_BAR_ACTUAL]);
  committed = cm_money_format (self->parts[CM_STREAM_BAR_COMMITTED]);
  proposed = cm_money_format (self->parts[CM_STREAM_BAR_PROPOSED]);
  if (self->parts[CM_STREAM_BAR_OVER] > 0)
    {
      g_autofree char *over = cm_money_format (self->parts[CM_STREAM_BAR_OVER]);

      /* Translators: the figures behind a stream's bar */
      description = g_strdup_printf (_("Spent %s, committed and not yet spent %s, proposed %s: %s over the allocation"),
                                     actual, committed, proposed, over);
    }
  else
    {
      available = cm_money_format (self->parts[CM_STREAM_BAR_AVAILABLE]);
      /* Translators: the figures behind a stream's bar */
      description = g_strdup_printf (_("Spent %s, committed and not yet spent %s, proposed %s, available %s"),
                                     actual, committed, proposed, available);
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cm_stream_bar_get_part:
 * @self: a #CmStreamBar
 * @part: a part of the bar
 *
 * Returns: the amount the part stands for, in pence
 */
gint64
cm_stream_bar_get_part (CmStreamBar     *self,
                        CmStreamBarPart  part)
{
  g_return_val_if_fail (CM_IS_STREAM_BAR (self), 0);
  g_return_val_if_fail (part < CM_STREAM_BAR_N_PARTS, 0);

  return self->parts[part];
}

/**
 * cm_stream_bar_is_over:
 * @self: a #CmStreamBar
 *
 * Returns: whether spend, commitments and proposals exceed the allocation
 */
gboolean
cm_stream_bar_is_over (CmStreamBar *self)
{
  g_return_val_if_fail (CM_IS_STREAM_BAR (self), FALSE);

  return self->parts[CM_STREAM_BAR_OVER] > 0;
}
