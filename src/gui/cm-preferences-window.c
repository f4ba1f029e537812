/* cm-preferences-window.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-domain.h"
#include "cm-evaluation.h"
#include "cm-fiscal.h"
#include "cm-format.h"
#include "cm-money.h"
#include "cm-preferences-window.h"
#include "cm-needs.h"
#include "cm-retention.h"

/* The needs analysis weights and the default cost per place belong to the
 * data, not the person: they live in the database so the app, the command
 * line and anyone opening a copy of the file rank needs the same way. */
struct _CmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  CmContext            *context;

  /* Template widgets */
  GtkAdjustment        *mandatory_adjustment;
  GtkAdjustment        *risk_adjustment;
  GtkAdjustment        *strategic_adjustment;
  GtkAdjustment        *evidence_adjustment;
  GtkAdjustment        *gap_adjustment;
  AdwPreferencesGroup  *weights_group;
  AdwActionRow         *total_row;
  GtkLabel             *total_label;
  GtkImage             *total_warning;
  AdwEntryRow          *cost_row;
  AdwPreferencesGroup  *charges_group;
  GtkSwitch            *charges_switch;
  AdwEntryRow          *half_day_row;
  AdwEntryRow          *full_day_row;
  AdwExpanderRow       *kinds_row;
  GPtrArray            *kind_switches;  /* of GtkSwitch, in vocabulary order */
  AdwPreferencesGroup  *followups_group;
  GtkAdjustment        *weeks_adjustment;
  AdwPreferencesGroup  *privacy_group;
  AdwComboRow          *retention_row;

  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (CmPreferencesWindow, cm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkAdjustment **
weight_adjustments (CmPreferencesWindow *self,
                    GtkAdjustment       *out[5])
{
  out[0] = self->mandatory_adjustment;
  out[1] = self->risk_adjustment;
  out[2] = self->strategic_adjustment;
  out[3] = self->evidence_adjustment;
  out[4] = self->gap_adjustment;
  return out;
}

static void
read_weights (CmPreferencesWindow *self,
              CmNeedsWeights      *weights)
{
  weights->mandatory = (guint) gtk_adjustment_get_value (self->mandatory_adjustment);
  weights->risk = (guint) gtk_adjustment_get_value (self->risk_adjustment);
  weights->strategic = (guint) gtk_adjustment_get_value (self->strategic_adjustment);
  weights->evidence = (guint) gtk_adjustment_get_value (self->evidence_adjustment);
  weights->gap = (guint) gtk_adjustment_get_value (self->gap_adjustment);
}

static void
show_weights (CmPreferencesWindow  *self,
              const CmNeedsWeights *weights)
{
  self->loading = TRUE;
  gtk_adjustment_set_value (self->mandatory_adjustment, weights->mandatory);
  gtk_adjustment_set_value (self->risk_adjustment, weights->risk);
  gtk_adjustment_set_value (self->strategic_adjustment, weights->strategic);
  gtk_adjustment_set_value (self->evidence_adjustment, weights->evidence);
  gtk_adjustment_set_value (self->gap_adjustment, weights->gap);
  self->loading = FALSE;
}

static void
show_error (CmPreferencesWindow *self,
            const GError        *error)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (error->message));
}

/**
 * cm_preferences_window_get_weight_total:
 * @self: a #CmPreferencesWindow
 *
 * Returns: the sum of the five priority weights as shown
 */
int
cm_preferences_window_get_weight_total (CmPreferencesWindow *self)
{
  CmNeedsWeights weights;

  g_return_val_if_fail (CM_IS_PREFERENCES_WINDOW (self), 0);

  read_weights (self, &weights);
  return (int) (weights.mandatory + weights.risk + weights.strategic + weights.evidence + weights.gap);
}

/**
 * cm_preferences_window_get_weight_adjustment:
 * @self: a #CmPreferencesWindow
 * @index: 0 mandatory, 1 risk, 2 strategic, 3 evidence, 4 gap
 *
 * Returns: (transfer none): the adjustment behind that weight's spin button
 */
GtkAdjustment *
cm_preferences_window_get_weight_adjustment (CmPreferencesWindow *self,
                                             guint                index)
{
  GtkAdjustment *adjustments[5];

  g_return_val_if_fail (CM_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (index < 5, NULL);

  return weight_adjustments (self, adjustments)[index];
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
      g_autofree char *subtitle = g_strdup_printf (_("The weights add up to %d; they are saved once they add up to 100"), total);

      gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "warning");
      adw_action_row_set_subtitle (self->total_row, subtitle);
    }
}

/* Saved only when they add up to 100, so a half-made change never
 * re-ranks the analysis. */
static void
weight_changed_cb (CmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  CmNeedsWeights weights;

  update_total (self);

  if (self->loading || self->context == NULL)
    return;

  read_weights (self, &weights);
  if (!cm_needs_weights_validate (&weights, NULL))
    return;

  if (!cm_needs_weights_save (cm_context_get_db (self->context), &weights, &error))
    {
      show_error (self, error);
      return;
    }
}

static void
reset_weights_cb (CmPreferencesWindow *self)
{
  CmNeedsWeights weights;

  cm_needs_weights_init_default (&weights);
  show_weights (self, &weights);
  weight_changed_cb (self);
}

static void
show_cost (CmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 pence = CM_NEEDS_DEFAULT_COST_PER_PLACE_PENCE;

  if (self->context != NULL &&
      !cm_needs_cost_per_place_load (cm_context_get_db (self->context), &pence, &error))
    show_error (self, error);

  text = cm_money_format (pence);
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

  if (self->context != NULL)
    {
      if (!cm_needs_cost_per_place_save (cm_context_get_db (self->context), pence, &error))
        {
          show_error (self, error);
          return;
        }
    }

  show_cost (self);
}

static void
cost_changed_cb (CmPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->cost_row), "error");
}

/* The DNA charge policy (docs/figures.md, "DNA charges"): each change is
 * written at once, and can be undone, since it moves charge lines. */
static void
show_charges (CmPreferencesWindow *self)
{
  g_autoptr(CmChargePolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *half_day = NULL;
  g_autofree char *full_day = NULL;

  if (self->context == NULL)
    return;
  if (!(policy = cm_evaluation_get_charge_policy (cm_context_get_db (self->context), &error)))
    {
      show_error (self, error);
      return;
    }

  self->loading = TRUE;
  gtk_switch_set_active (self->charges_switch, policy->enabled);
  half_day = cm_money_format (policy->half_day_pence);
  full_day = cm_money_format (policy->full_day_pence);
  gtk_editable_set_text (GTK_EDITABLE (self->half_day_row), half_day);
  gtk_editable_set_text (GTK_EDITABLE (self->full_day_row), full_day);
  for (guint i = 0; i < self->kind_switches->len; i++)
    {
      const char *kind = cm_domain_values (CM_DOMAIN_ORGANISATION_KIND)[i];

      gtk_switch_set_active (g_ptr_array_index (self->kind_switches, i),
                             policy->kinds != NULL && g_strv_contains ((const char * const *) policy->kinds, kind));
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->half_day_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->full_day_row), "error");
  self->loading = FALSE;
}

static gboolean
read_charge (AdwEntryRow *row,
             gint64      *out_pence)
{
  g_autoptr(GError) error = NULL;

  if (!cm_money_parse (gtk_editable_get_text (GTK_EDITABLE (row)), out_pence, &error) || *out_pence < 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row),
                                   error != NULL ? error->message : _("A charge cannot be negative"));
      return FALSE;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
  return TRUE;
}

static void
charges_changed_cb (CmPreferencesWindow *self)
{
  g_autoptr(GStrvBuilder) kinds = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  CmChargePolicy policy = { 0 };
  gboolean ok;

  if (self->loading || self->context == NULL)
    return;

  if (!read_charge (self->half_day_row, &policy.half_day_pence) ||
      !read_charge (self->full_day_row, &policy.full_day_pence))
    return;

  policy.enabled = gtk_switch_get_active (self->charges_switch);
  for (guint i = 0; i < self->kind_switches->len; i++)
    if (gtk_switch_get_active (g_ptr_array_index (self->kind_switches, i)))
      g_strv_builder_add (kinds, cm_domain_values (CM_DOMAIN_ORGANISATION_KIND)[i]);
  policy.kinds = g_strv_builder_end (kinds);

  cm_context_begin_undoable (self->context);
  ok = cm_evaluation_set_charge_policy (cm_context_get_db (self->context), &policy, &error);
  cm_context_end_undoable (self->context, ok ? _("Change the charges for places not taken up") : NULL);
  g_strfreev (policy.kinds);
  if (!ok)
    show_error (self, error);

  show_charges (self);
}

static void
weeks_changed_cb (CmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading || self->context == NULL)
    return;

  if (!cm_evaluation_set_followup_weeks (cm_context_get_db (self->context),
                                         (int) gtk_adjustment_get_value (self->weeks_adjustment), &error))
    show_error (self, error);
}

static void
retention_changed_cb (CmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint n_choices = 0;
  const int *choices = cm_retention_choices (&n_choices);
  guint selected = adw_combo_row_get_selected (self->retention_row);
  gint64 n_erased = 0;
  GDate today;

  if (self->loading || self->context == NULL || selected >= n_choices)
    return;

  cm_fiscal_get_today (&today, NULL);
  if (!cm_retention_set_years (cm_context_get_db (self->context), choices[selected], &today, &n_erased, &error))
    show_error (self, error);
  else if (n_erased > 0)
    {
      g_autofree char *message = cm_retention_format_erased (n_erased);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
    }
}

static void
show_retention (CmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint n_choices = 0;
  const int *choices = cm_retention_choices (&n_choices);
  int years = 0;

  if (self->context != NULL && (years = cm_retention_get_years (cm_context_get_db (self->context), &error)) < 0)
    {
      show_error (self, error);
      return;
    }

  self->loading = TRUE;
  for (guint i = 0; i < n_choices; i++)
    if (choices[i] == years)
      adw_combo_row_set_selected (self->retention_row, i);
  self->loading = FALSE;
}

static void
load (CmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  CmNeedsWeights weights;
  gboolean writable = self->context != NULL && !cm_context_is_read_only (self->context);

  cm_needs_weights_init_default (&weights);
  if (self->context != NULL &&
      !cm_needs_weights_load (cm_context_get_db (self->context), &weights, &error))
    show_error (self, error);

  show_weights (self, &weights);
  update_total (self);
  show_cost (self);
  show_charges (self);

  if (self->context != NULL)
    {
      int weeks = cm_evaluation_get_followup_weeks (cm_context_get_db (self->context), &error);

      if (weeks <= 0)
        show_error (self, error);
      else
        {
          self->loading = TRUE;
          gtk_adjustment_set_value (self->weeks_adjustment, weeks);
          self->loading = FALSE;
        }
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->weights_group), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cost_row), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->charges_group), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->followups_group), writable);
  show_retention (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->privacy_group), writable);
}

static void
cm_preferences_window_constructed (GObject *object)
{
  CmPreferencesWindow *self = (CmPreferencesWindow *)object;

  G_OBJECT_CLASS (cm_preferences_window_parent_class)->constructed (object);

  load (self);
}

static void
cm_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CmPreferencesWindow *self = CM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CmPreferencesWindow *self = CM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_preferences_window_dispose (GObject *object)
{
  CmPreferencesWindow *self = (CmPreferencesWindow *)object;

  /* Widgets going away must not write anything. */
  self->loading = TRUE;
  g_clear_pointer (&self->kind_switches, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_preferences_window_parent_class)->dispose (object);
}

static void
cm_preferences_window_class_init (CmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cm_preferences_window_constructed;
  object_class->dispose = cm_preferences_window_dispose;
  object_class->get_property = cm_preferences_window_get_property;
  object_class->set_property = cm_preferences_window_set_property;

  /**
   * CmPreferencesWindow:context:
   *
   * The open database whose settings are edited; %NULL when none is open.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/cm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, mandatory_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, risk_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, strategic_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, evidence_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, gap_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, weights_group);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, total_row);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, total_label);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, total_warning);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, cost_row);
  gtk_widget_class_bind_template_callback (widget_class, reset_weights_cb);
  gtk_widget_class_bind_template_callback (widget_class, cost_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, cost_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, weight_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, charges_group);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, charges_switch);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, half_day_row);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, full_day_row);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, kinds_row);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, followups_group);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, weeks_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, charges_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, weeks_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, privacy_group);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, retention_row);
  gtk_widget_class_bind_template_callback (widget_class, retention_changed_cb);
}

static void
cm_preferences_window_init (CmPreferencesWindow *self)
{
  const char * const *kinds = cm_domain_values (CM_DOMAIN_ORGANISATION_KIND);

  gtk_widget_init_template (GTK_WIDGET (self));

  {
    g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
    guint n_choices = 0;
    const int *choices = cm_retention_choices (&n_choices);

    for (guint i = 0; i < n_choices; i++)
      {
        g_autofree char *label = NULL;

        if (choices[i] == 0)
          label = g_strdup (_("Never"));
        else
          label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "After %d year", "After %d years", (gulong) choices[i]),
                                   choices[i]);
        gtk_string_list_append (labels, label);
      }

    self->loading = TRUE;
    adw_combo_row_set_model (self->retention_row, G_LIST_MODEL (labels));
    self->loading = FALSE;
  }

  cm_format_watch_money_entry (GTK_EDITABLE (self->cost_row));
  cm_format_watch_money_entry (GTK_EDITABLE (self->half_day_row));
  cm_format_watch_money_entry (GTK_EDITABLE (self->full_day_row));

  /* One switch per kind of organisation. */
  self->kind_switches = g_ptr_array_new ();
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     cm_domain_label (CM_DOMAIN_ORGANISATION_KIND, kinds[i]));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (charges_changed_cb), self);
      adw_expander_row_add_row (self->kinds_row, row);
      g_ptr_array_add (self->kind_switches, toggle);
    }
}

/**
 * cm_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @context: (nullable): the open database, if any
 *
 * Returns: (transfer none): a new preferences window
 */
CmPreferencesWindow *
cm_preferences_window_new (GtkWindow *parent,
                           CmContext *context)
{
  return g_object_new (CM_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}

/**
 * cm_preferences_window_get_kind_switch:
 * @self: a #CmPreferencesWindow
 * @kind: an organisation kind id, such as "private"
 *
 * Returns: (transfer none) (nullable): the switch that says whether
 *   organisations of @kind are charged for places not taken up
 */
GtkSwitch *
cm_preferences_window_get_kind_switch (CmPreferencesWindow *self,
                                       const char          *kind)
{
  const char * const *kinds = cm_domain_values (CM_DOMAIN_ORGANISATION_KIND);

  g_return_val_if_fail (CM_IS_PREFERENCES_WINDOW (self), NULL);

  for (guint i = 0; kinds[i] != NULL && i < self->kind_switches->len; i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      return g_ptr_array_index (self->kind_switches, i);

  return NULL;
}
