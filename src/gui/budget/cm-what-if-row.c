/* cm-what-if-row.c
 *
 * One funding stream in the What If view: its cut (a percentage on a
 * slider, a new amount, or withdrawn) and its figures before and after
 * (docs/figures.md, "What-if").
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-format.h"
#include "cm-money.h"
#include "cm-stream-bar.h"
#include "cm-what-if-row.h"

struct _CmWhatIfRow
{
  GtkListBoxRow   parent_instance;

  GtkLabel       *code_label;
  GtkLabel       *name_label;
  GtkScale       *scale;
  GtkAdjustment  *adjustment;
  GtkEntry       *amount_entry;
  GtkCheckButton *withdraw_check;
  CmStreamBar    *before_bar;
  CmStreamBar    *after_bar;
  GtkLabel       *before_label;
  GtkLabel       *after_label;

  char           *code;
  gboolean        setting;   /* set_change() is moving the inputs */
};

G_DEFINE_FINAL_TYPE (CmWhatIfRow, cm_what_if_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_sensitivity (CmWhatIfRow *self)
{
  gboolean withdrawn = gtk_check_button_get_active (self->withdraw_check);
  gboolean amount = gtk_entry_get_text_length (self->amount_entry) > 0;

  /* One change per stream: a withdrawal beats a new amount, which beats a cut. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale), !withdrawn && !amount);
  gtk_widget_set_sensitive (GTK_WIDGET (self->amount_entry), !withdrawn);
}

static void
input_changed_cb (CmWhatIfRow *self)
{
  update_sensitivity (self);
  if (!self->setting)
    g_signal_emit (self, signals[CHANGED], 0);
}

static char *
format_percent_cb (GtkScale *scale,
                   double    value,
                   gpointer  user_data)
{
  /* Translators: a cut on the slider, in whole percent */
  return g_strdup_printf (_("%.0f%%"), value);
}

static void
cm_what_if_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CM_TYPE_WHAT_IF_ROW);

  G_OBJECT_CLASS (cm_what_if_row_parent_class)->dispose (object);
}

static void
cm_what_if_row_finalize (GObject *object)
{
  CmWhatIfRow *self = CM_WHAT_IF_ROW (object);

  g_free (self->code);

  G_OBJECT_CLASS (cm_what_if_row_parent_class)->finalize (object);
}

static void
cm_what_if_row_class_init (CmWhatIfRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_what_if_row_dispose;
  object_class->finalize = cm_what_if_row_finalize;

  /**
   * CmWhatIfRow::changed:
   *
   * The person changed the stream's cut, amount or withdrawal.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CM_TYPE_STREAM_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/budget/cm-what-if-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfRow, code_label);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfRow, scale);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfRow, adjustment);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfRow, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfRow, withdraw_check);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfRow, before_bar);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfRow, after_bar);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfRow, before_label);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfRow, after_label);
}

static void
cm_what_if_row_init (CmWhatIfRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->adjustment, "value-changed", G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->amount_entry, "changed", G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->withdraw_check, "toggled", G_CALLBACK (input_changed_cb), self);
  cm_format_watch_money_entry (GTK_EDITABLE (self->amount_entry));
  gtk_scale_set_format_value_func (self->scale, format_percent_cb, NULL, NULL);
}

CmWhatIfRow *
cm_what_if_row_new (const char *code,
                    const char *name)
{
  CmWhatIfRow *self = g_object_new (CM_TYPE_WHAT_IF_ROW, NULL);

  self->code = g_strdup (code);
  gtk_label_set_label (self->code_label, code);
  gtk_label_set_label (self->name_label, name);
  return self;
}

const char *
cm_what_if_row_get_code (CmWhatIfRow *self)
{
  g_return_val_if_fail (CM_IS_WHAT_IF_ROW (self), NULL);

  return self->code;
}

/* What the inputs say; an amount that does not read as money is marked
 * and leaves the stream unchanged. */
CmWhatIfChange
cm_what_if_row_get_change (CmWhatIfRow *self,
                           gint64      *out_value)
{
  const char *amount;
  gint64 pence = 0;
  double percent;

  g_return_val_if_fail (CM_IS_WHAT_IF_ROW (self), CM_WHAT_IF_UNCHANGED);

  *out_value = 0;
  if (gtk_check_button_get_active (self->withdraw_check))
    return CM_WHAT_IF_WITHDRAWN;

  amount = gtk_editable_get_text (GTK_EDITABLE (self->amount_entry));
  if (amount[0] != '\0')
    {
      gboolean ok = cm_money_parse (amount, &pence, NULL) && pence >= 0;

      if (ok)
        gtk_widget_remove_css_class (GTK_WIDGET (self->amount_entry), "error");
      else
        gtk_widget_add_css_class (GTK_WIDGET (self->amount_entry), "error");
      if (!ok)
        return CM_WHAT_IF_UNCHANGED;
      *out_value = pence;
      return CM_WHAT_IF_ALLOCATION;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->amount_entry), "error");

  percent = gtk_adjustment_get_value (self->adjustment);
  if (percent <= 0)
    return CM_WHAT_IF_UNCHANGED;
  /* The slider moves in whole percent: basis points are 100 times that. */
  *out_value = (gint64) (percent + 0.5) * 100;
  return CM_WHAT_IF_CUT;
}

/* Shows @change without emitting ::changed (a saved scenario opened). */
void
cm_what_if_row_set_change (CmWhatIfRow    *self,
                           CmWhatIfChange  change,
                           gint64          value)
{
  g_autofree char *amount = NULL;

  g_return_if_fail (CM_IS_WHAT_IF_ROW (self));

  if (change == CM_WHAT_IF_ALLOCATION)
    amount = cm_money_format (value);

  self->setting = TRUE;
  gtk_check_button_set_active (self->withdraw_check, change == CM_WHAT_IF_WITHDRAWN);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), amount != NULL ? amount : "");
  gtk_adjustment_set_value (self->adjustment, change == CM_WHAT_IF_CUT ? (double) value / 100.0 : 0);
  self->setting = FALSE;
  update_sensitivity (self);
}

static char *
describe (const CmBudgetFigures *figures)
{
  g_autofree char *left = cm_money_format (figures->available_pence);
  g_autofree char *allocation = cm_money_format (figures->allocation_pence);

  /* Translators: a stream's Remaining (allocation − forecast − proposed) and its allocation */
  return g_strdup_printf (_("%s left of %s"), left, allocation);
}

void
cm_what_if_row_set_figures (CmWhatIfRow          *self,
                            const CmWhatIfStream *stream)
{
  g_autofree char *before = describe (stream->before);
  g_autofree char *after = describe (stream->after);

  g_return_if_fail (CM_IS_WHAT_IF_ROW (self));

  cm_stream_bar_set_figures (self->before_bar, stream->before->allocation_pence, stream->before->actual_pence,
                             stream->before->forecast_pence, stream->before->proposed_pence);
  cm_stream_bar_set_figures (self->after_bar, stream->after->allocation_pence, stream->after->actual_pence,
                             stream->after->forecast_pence, stream->after->proposed_pence);
  gtk_label_set_label (self->before_label, before);
  gtk_label_set_label (self->after_label, after);
  if (stream->after->available_pence < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->after_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->after_label), "error");
}

GtkRange *
cm_what_if_row_get_scale (CmWhatIfRow *self)
{
  g_return_val_if_fail (CM_IS_WHAT_IF_ROW (self), NULL);

  return GTK_RANGE (self->scale);
}

const char *
cm_what_if_row_get_after_text (CmWhatIfRow *self)
{
  g_return_val_if_fail (CM_IS_WHAT_IF_ROW (self), NULL);

  return gtk_label_get_label (self->after_label);
}
