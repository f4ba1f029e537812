/* cm-preferences-window.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-money.h"
#include "cm-preferences-window.h"

/* Per-user preferences, all kept in GSettings: the needs analysis
 * priority weights and defaults for new commissions. */
struct _CmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkAdjustment        *mandatory_adjustment;
  GtkAdjustment        *risk_adjustment;
  GtkAdjustment        *strategic_adjustment;
  GtkAdjustment        *evidence_adjustment;
  GtkAdjustment        *gap_adjustment;
  AdwActionRow         *total_row;
  GtkLabel             *total_label;
  GtkImage             *total_warning;
  AdwEntryRow          *cost_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (CmPreferencesWindow, cm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const weight_keys[] = {
  "weight-mandatory",
  "weight-risk",
  "weight-strategic",
  "weight-evidence",
  "weight-gap",
};

/**
 * cm_preferences_window_get_weight_total:
 * @self: a #CmPreferencesWindow
 *
 * Returns: the sum of the five priority weights
 */
int
cm_preferences_window_get_weight_total (CmPreferencesWindow *self)
{
  int total = 0;

  g_return_val_if_fail (CM_IS_PREFERENCES_WINDOW (self), 0);

  for (guint i = 0; i < G_N_ELEMENTS (weight_keys); i++)
    total += g_settings_get_int (self->settings, weight_keys[i]);

  return total;
}

static void
update_total (CmPreferencesWindow *self)
{
  int total = cm_preferences_window_get_weight_total (self);
  g_autofree char *text = g_strdup_printf ("%d", total);
  gboolean ok = total == 100;

  gtk_label_set_text (self->total_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->total_warning), !ok);

  if (ok)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), "warning");
      adw_action_row_set_subtitle (self->total_row, _("Priorities run from 0 to 100"));
    }
  else
    {
      g_autofree char *subtitle = g_strdup_printf (_("The weights add up to %d; they must add up to 100"), total);

      gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "warning");
      adw_action_row_set_subtitle (self->total_row, subtitle);
    }
}

static void
reset_weights_cb (CmPreferencesWindow *self)
{
  g_settings_delay (self->settings);
  for (guint i = 0; i < G_N_ELEMENTS (weight_keys); i++)
    g_settings_reset (self->settings, weight_keys[i]);
  g_settings_apply (self->settings);
}

static void
show_cost (CmPreferencesWindow *self)
{
  g_autofree char *text = cm_money_format (g_settings_get_int64 (self->settings, "default-cost-per-place"));

  gtk_editable_set_text (GTK_EDITABLE (self->cost_row), text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->cost_row), "error");
}

static void
cost_apply_cb (CmPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->cost_row));
  g_autoptr(GError) error = NULL;
  gint64 pence = 0;

  if (!cm_money_parse (text, &pence, &error) || pence < 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->cost_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->cost_row),
                                   error != NULL ? error->message : _("The cost cannot be negative"));
      return;
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cost_row), NULL);
  g_settings_set_int64 (self->settings, "default-cost-per-place", pence);
  show_cost (self);
}

static void
cost_changed_cb (CmPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->cost_row), "error");
}

static void
settings_changed_cb (CmPreferencesWindow *self,
                     const char          *key)
{
  if (g_str_equal (key, "default-cost-per-place"))
    show_cost (self);
  else if (g_str_has_prefix (key, "weight-"))
    update_total (self);
}

static void
cm_preferences_window_dispose (GObject *object)
{
  CmPreferencesWindow *self = (CmPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cm_preferences_window_parent_class)->dispose (object);
}

static void
cm_preferences_window_class_init (CmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/cm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, mandatory_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, risk_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, strategic_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, evidence_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, gap_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, total_row);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, total_label);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, total_warning);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, cost_row);
  gtk_widget_class_bind_template_callback (widget_class, reset_weights_cb);
  gtk_widget_class_bind_template_callback (widget_class, cost_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, cost_changed_cb);
}

static void
cm_preferences_window_init (CmPreferencesWindow *self)
{
  GtkAdjustment *adjustments[G_N_ELEMENTS (weight_keys)];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_APP_ID);

  adjustments[0] = self->mandatory_adjustment;
  adjustments[1] = self->risk_adjustment;
  adjustments[2] = self->strategic_adjustment;
  adjustments[3] = self->evidence_adjustment;
  adjustments[4] = self->gap_adjustment;

  for (guint i = 0; i < G_N_ELEMENTS (weight_keys); i++)
    g_settings_bind (self->settings, weight_keys[i],
                     adjustments[i], "value",
                     G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);

  update_total (self);
  show_cost (self);
}

/**
 * cm_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer none): a new preferences window
 */
CmPreferencesWindow *
cm_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (CM_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
