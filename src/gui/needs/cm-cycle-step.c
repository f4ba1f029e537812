/* cm-cycle-step.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-needs"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-context.h"
#include "cm-cycle-step.h"
#include "cm-dialogs.h"
#include "cm-fiscal.h"
#include "cm-format.h"
#include "cm-needs.h"
#include "cm-undo.h"
#include "cm-wizard-step.h"

/* The years offered around the cycles the database knows. */
#define YEARS_BEFORE 2
#define YEARS_AFTER  2

/* Step 1: which cycle to analyse, and whether to start it from the one
 * before. */
struct _CmCycleStep
{
  GtkWidget       parent_instance;

  /* Template widgets */
  AdwComboRow    *year_row;
  AdwComboRow    *half_row;
  AdwActionRow   *copy_row;
  GtkButton      *copy_button;
  AdwPreferencesGroup *cycles_group;
  GtkListBox     *cycles_list;

  int             first_year;
  guint           n_years;
  gboolean        updating;
  CmContext      *context;
  int             year;
  int             half;
};

static void cm_cycle_step_iface_init (CmWizardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CmCycleStep, cm_cycle_step, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CM_TYPE_WIZARD_STEP, cm_cycle_step_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_YEAR,
  PROP_HALF,
  PROP_TITLE,
  PROP_IS_COMPLETE,
  N_PROPS
};

enum {
  SELECT_CYCLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CmDb *
db (CmCycleStep *self)
{
  return self->context != NULL ? cm_context_get_db (self->context) : NULL;
}

static gboolean
is_writable (CmCycleStep *self)
{
  return self->context != NULL && !cm_context_is_read_only (self->context);
}

/* Asks the wizard to analyse (@year, @half) from now on. */
static gboolean
select_cycle (CmCycleStep *self,
              int          year,
              int          half)
{
  gboolean selected = FALSE;

  g_signal_emit (self, signals[SELECT_CYCLE], 0, year, half, &selected);
  return selected;
}

static const CmNeedsCycle *
find_cycle (GArray *cycles,
            int     year,
            int     half)
{
  for (guint i = 0; cycles != NULL && i < cycles->len; i++)
    {
      const CmNeedsCycle *cycle = &g_array_index (cycles, CmNeedsCycle, i);

      if (cycle->year == year && cycle->half == half)
        return cycle;
    }

  return NULL;
}

static void
update_copy_row (CmCycleStep *self,
                 GArray      *cycles)
{
  int year = self->year;
  int half = self->half;
  const CmNeedsCycle *current = find_cycle (cycles, year, half);
  const CmNeedsCycle *previous;
  g_autofree char *previous_label = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  int previous_year;
  int previous_half;

  cm_needs_previous_cycle (year, half, &previous_year, &previous_half);
  previous = find_cycle (cycles, previous_year, previous_half);
  previous_label = cm_fiscal_cycle_label (previous_year, previous_half);

  /* Translators: %s is a cycle such as "2010/11 H1" */
  title = g_strdup_printf (_("Copy From %s"), previous_label);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->copy_row), title);

  if (current != NULL && current->n_lines > 0)
    {
      g_autofree char *count = cm_format_count (current->n_lines);

      /* Translators: %s is a count such as "120,000" */
      subtitle = g_strdup_printf (ngettext ("This cycle already has %s training need line, so there is nothing to copy into",
                                            "This cycle already has %s training need lines, so there is nothing to copy into",
                                            current->n_lines),
                                  count);
    }
  else if (previous == NULL || previous->n_lines == 0)
    /* Translators: %s is a cycle such as "2010/11 H1" */
    subtitle = g_strdup_printf (_("%s has no training need lines to copy"), previous_label);
  else
    {
      g_autofree char *count = cm_format_count (previous->n_lines);

      /* Translators: %s is a count such as "120,000" */
      subtitle = g_strdup_printf (ngettext ("Carries its %s line forward: coverage and evidence stay, and staff still compliant plus those who attended training count as compliant",
                                            "Carries its %s lines forward: coverage and evidence stay, and staff still compliant plus those who attended training count as compliant",
                                            previous->n_lines),
                                  count);
    }

  adw_action_row_set_subtitle (self->copy_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button),
                            is_writable (self) &&
                            (current == NULL || current->n_lines == 0) &&
                            previous != NULL && previous->n_lines > 0);
}

static void
cycle_row_activated_cb (CmCycleStep   *self,
                        GtkListBoxRow *row)
{
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "year"));
  int half = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "half"));
  int step = 0;

  if (!select_cycle (self, year, half))
    return;

  /* Going back to a cycle picks it up where it was left. */
  if (cm_needs_get_wizard_step (db (self), year, half, &step, NULL) && step > 1)
    cm_wizard_step_go_to_step (CM_WIZARD_STEP (self), (guint) step);
  else
    cm_wizard_step_enter (CM_WIZARD_STEP (self));
}

static GtkWidget *
cycle_row_new (const CmNeedsCycle *cycle,
               gboolean            is_current)
{
  g_autofree char *title = cm_fiscal_cycle_label (cycle->year, cycle->half);
  g_autofree char *count = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  count = cm_format_count (cycle->n_lines);
  /* Translators: %s is a count such as "120,000" */
  lines = g_strdup_printf (ngettext ("%s line", "%s lines", cycle->n_lines), count);
  if (cycle->wizard_step > 0)
    /* Translators: "42 lines · left at step 5 of 7" */
    subtitle = g_strdup_printf (_("%s · left at step %d of %d"), lines, cycle->wizard_step, CM_NEEDS_N_STEPS);
  else
    subtitle = g_strdup (lines);

  if (cycle->closed)
    {
      /* Translators: a cycle's lines and step, then its state: "42 lines · signed off" */
      char *closed = g_strdup_printf (_("%s · signed off"), subtitle);

      g_free (subtitle);
      subtitle = closed;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (is_current)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Shown now"),
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }
  else
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }

  g_object_set_data (G_OBJECT (row), "year", GINT_TO_POINTER (cycle->year));
  g_object_set_data (G_OBJECT (row), "half", GINT_TO_POINTER (cycle->half));

  return row;
}

static void
fill_cycles (CmCycleStep *self,
             GArray      *cycles)
{
  int year = self->year;
  int half = self->half;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cycles_list))) != NULL)
    gtk_list_box_remove (self->cycles_list, child);

  for (guint i = 0; cycles != NULL && i < cycles->len; i++)
    {
      const CmNeedsCycle *cycle = &g_array_index (cycles, CmNeedsCycle, i);

      gtk_list_box_append (self->cycles_list,
                           cycle_row_new (cycle, cycle->year == year && cycle->half == half));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->cycles_group), cycles != NULL && cycles->len > 0);
}

static guint
half_index (int half)
{
  return half == 2 ? 1 : 0;
}

/* The years offered only ever grow: choosing one never moves the others
 * under the pointer, however often the list is filled. */
static void
fill_years (CmCycleStep *self,
            GArray      *cycles)
{
  int year = self->year;
  int low = year;
  int high = year;

  for (guint i = 0; cycles != NULL && i < cycles->len; i++)
    {
      low = MIN (low, g_array_index (cycles, CmNeedsCycle, i).year);
      high = MAX (high, g_array_index (cycles, CmNeedsCycle, i).year);
    }

  if (self->n_years > 0 && low >= self->first_year && high < self->first_year + (int) self->n_years)
    {
      /* Everything fits in the list shown: keep it. */
      low = self->first_year;
      high = self->first_year + (int) self->n_years - 1;
    }
  else
    {
      g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);

      low = MAX (low - YEARS_BEFORE, 1900);
      high = MIN (high + YEARS_AFTER, 9999);
      /* Grow the list, unless that would make it long to scroll. */
      if (self->n_years > 0 &&
          MAX (high, self->first_year + (int) self->n_years - 1) - MIN (low, self->first_year) < 30)
        {
          low = MIN (low, self->first_year);
          high = MAX (high, self->first_year + (int) self->n_years - 1);
        }

      for (int y = low; y <= high; y++)
        {
          g_autofree char *label = cm_fiscal_year_label (y);

          gtk_string_list_append (years, label);
        }

      self->first_year = low;
      self->n_years = (guint) (high - low + 1);
      adw_combo_row_set_model (self->year_row, G_LIST_MODEL (years));
    }

  adw_combo_row_set_selected (self->year_row, (guint) (year - low));
  adw_combo_row_set_selected (self->half_row, half_index (self->half));
}

static void
cm_cycle_step_enter (CmWizardStep *step)
{
  CmCycleStep *self = CM_CYCLE_STEP (step);
  g_autoptr(GArray) cycles = NULL;
  g_autoptr(GError) error = NULL;

  if (db (self) == NULL)
    return;

  if (!(cycles = cm_needs_list_cycles (db (self), &error)))
    cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);

  self->updating = TRUE;
  fill_years (self, cycles);
  self->updating = FALSE;

  fill_cycles (self, cycles);
  update_copy_row (self, cycles);

  gtk_widget_set_sensitive (GTK_WIDGET (self->year_row), self->n_years > 0);
}

static void
cycle_selected_cb (CmCycleStep *self)
{
  guint year_index;
  guint half_index_;

  if (self->updating || db (self) == NULL)
    return;

  year_index = adw_combo_row_get_selected (self->year_row);
  half_index_ = adw_combo_row_get_selected (self->half_row);
  if (year_index == GTK_INVALID_LIST_POSITION || year_index >= self->n_years ||
      half_index_ == GTK_INVALID_LIST_POSITION)
    return;

  if (!select_cycle (self, self->first_year + (int) year_index, (int) half_index_ + 1))
    return;

  cm_cycle_step_enter (CM_WIZARD_STEP (self));
}

static void
copy_cb (CmCycleStep *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *previous_label = NULL;
  g_autofree char *message = NULL;
  int year = self->year;
  int half = self->half;
  int previous_year;
  int previous_half;
  guint n_copied = 0;

  cm_needs_previous_cycle (year, half, &previous_year, &previous_half);
  previous_label = cm_fiscal_cycle_label (previous_year, previous_half);

  cm_context_begin_undoable (self->context);
  if (!cm_needs_copy_cycle (db (self), year, half, &n_copied, &error))
    {
      cm_context_end_undoable (self->context, NULL);
      cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Copy the Previous Cycle"), error);
      return;
    }
  {
    g_autofree char *cycle_label = cm_fiscal_cycle_label (year, half);
    /* Translators: what Undo takes back; the %s are cycles such as "2010/11 H1" */
    g_autofree char *label = g_strdup_printf (_("Copy %s into %s"), previous_label, cycle_label);

    cm_context_end_undoable (self->context, label);
  }

  /* Translators: the second %s is a cycle such as "2010/11 H1" */
  message = g_strdup_printf (ngettext ("Copied %u line from %s", "Copied %u lines from %s", n_copied),
                             n_copied, previous_label);
  cm_wizard_step_add_toast (CM_WIZARD_STEP (self), cm_undo_toast_new (GTK_WIDGET (self), self->context, message));
  cm_wizard_step_data_changed (CM_WIZARD_STEP (self));
  cm_cycle_step_enter (CM_WIZARD_STEP (self));
}

static void
cm_cycle_step_iface_init (CmWizardStepInterface *iface)
{
  iface->enter = cm_cycle_step_enter;
}

static void
cm_cycle_step_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CmCycleStep *self = CM_CYCLE_STEP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;

    case PROP_HALF:
      g_value_set_int (value, self->half);
      break;

    case PROP_TITLE:
      g_value_set_string (value, _("Cycle"));
      break;

    case PROP_IS_COMPLETE:
      /* A cycle is always chosen. */
      g_value_set_boolean (value, TRUE);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_cycle_step_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CmCycleStep *self = CM_CYCLE_STEP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_YEAR:
      if (self->year != g_value_get_int (value))
        {
          self->year = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_HALF:
      if (self->half != g_value_get_int (value))
        {
          self->half = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_cycle_step_dispose (GObject *object)
{
  CmCycleStep *self = (CmCycleStep *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_CYCLE_STEP);

  /* Template roots without an id are not cleared by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_cycle_step_parent_class)->dispose (object);
}

static void
cm_cycle_step_class_init (CmCycleStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_cycle_step_dispose;
  object_class->get_property = cm_cycle_step_get_property;
  object_class->set_property = cm_cycle_step_set_property;

  g_object_class_override_property (object_class, PROP_CONTEXT, "context");
  g_object_class_override_property (object_class, PROP_YEAR, "year");
  g_object_class_override_property (object_class, PROP_HALF, "half");
  g_object_class_override_property (object_class, PROP_TITLE, "title");
  g_object_class_override_property (object_class, PROP_IS_COMPLETE, "is-complete");

  /**
   * CmCycleStep::select-cycle:
   * @self: the step
   * @year: a financial year
   * @half: 1 or 2
   *
   * Asks for cycle (@year, @half) to be the one analysed from now on; the
   * handler says why in a toast if it cannot be.
   *
   * Returns: %TRUE if the cycle is now the one analysed
   */
  signals[SELECT_CYCLE] =
    g_signal_new ("select-cycle",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/needs/cm-cycle-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CmCycleStep, year_row);
  gtk_widget_class_bind_template_child (widget_class, CmCycleStep, half_row);
  gtk_widget_class_bind_template_child (widget_class, CmCycleStep, copy_row);
  gtk_widget_class_bind_template_child (widget_class, CmCycleStep, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CmCycleStep, cycles_group);
  gtk_widget_class_bind_template_child (widget_class, CmCycleStep, cycles_list);
  gtk_widget_class_bind_template_callback (widget_class, cycle_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, cycle_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_cycle_step_init (CmCycleStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cm_cycle_step_copy_previous:
 * @self: a #CmCycleStep
 *
 * Does what the Copy button does.
 */
void
cm_cycle_step_copy_previous (CmCycleStep *self)
{
  g_return_if_fail (CM_IS_CYCLE_STEP (self));

  copy_cb (self);
}
