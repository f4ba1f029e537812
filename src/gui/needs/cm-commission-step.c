/* cm-commission-step.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-needs"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cm-budget.h"
#include "cm-column-view.h"
#include "cm-commission-step.h"
#include "cm-context.h"
#include "cm-dialogs.h"
#include "cm-format.h"
#include "cm-gradual-model.h"
#include "cm-money.h"
#include "cm-needs-item.h"
#include "cm-needs-util.h"
#include "cm-wizard-step.h"

/* The largest default cost per place offered, in pounds. */
#define MAX_COST_PER_PLACE 100000

/* Step 7: the competencies to commission. Each ticked one becomes a
 * proposed commission (events and places from the suggestion), ready for
 * the budget planner. */
struct _CmCommissionStep
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkStack      *state_stack;
  GtkSpinButton *cost_spin;
  GtkColumnView *view;
  GtkLabel      *selection_label;

  GListStore    *rows;
  GHashTable    *choices;   /* competency id → ticked, kept across reloads */
  gint64         cost_per_place_pence;
  gboolean       updating;
  CmContext     *context;
  int            year;
  int            half;
  GCancellable  *reading;  /* the cycle being read, if it is */
};

static void cm_commission_step_iface_init (CmWizardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CmCommissionStep, cm_commission_step, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CM_TYPE_WIZARD_STEP, cm_commission_step_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_YEAR,
  PROP_HALF,
  PROP_TITLE,
  PROP_IS_COMPLETE,
  N_PROPS
};

static CmDb *
db (CmCommissionStep *self)
{
  return self->context != NULL ? cm_context_get_db (self->context) : NULL;
}

static gboolean
is_writable (CmCommissionStep *self)
{
  return self->context != NULL && !cm_context_is_read_only (self->context);
}

static void
update_selection (CmCommissionStep *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *count = NULL;
  g_autofree char *events_text = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *text = NULL;
  gint64 events = 0;
  gint64 pence = 0;
  guint n_ticked = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmNeedsItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      const CmNeedsCompetency *competency = cm_needs_item_get_competency (item);

      if (!cm_needs_item_get_checked (item))
        continue;

      n_ticked++;
      events += MAX (competency->suggested_events, 1);
      pence += competency->indicative_cost_pence;
    }

  count = g_strdup_printf (ngettext ("%u competency ticked", "%u competencies ticked", n_ticked), n_ticked);
  events_text = g_strdup_printf (ngettext ("%u event", "%u events", (gulong) MIN (events, G_MAXUINT)),
                                 (guint) MIN (events, G_MAXUINT));
  cost = cm_money_format (pence);
  /* Translators: "3 competencies ticked · 7 events · £6,300.00 indicative" */
  text = g_strdup_printf (_("%s · %s · %s indicative"), count, events_text, cost);
  gtk_label_set_text (self->selection_label, text);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "commission.create",
                                 n_ticked > 0 && is_writable (self));
}

static void
show_analysis (CmCommissionStep *self,
               CmNeedsAnalysis  *analysis,
               GPtrArray        *prepared)
{
  g_autoptr(GPtrArray) commissions = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GPtrArray *competencies = analysis->competencies;
  int half = analysis->half;

  self->cost_per_place_pence = analysis->cost_per_place_pence;

  /* A cycle's commissions are a few hundred rows, quick to read here. */
  if (!(commissions = cm_budget_list_commissions (db (self), analysis->year, &error)))
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
      return;
    }

  for (guint i = 0; i < competencies->len; i++)
    {
      const CmNeedsCompetency *competency = g_ptr_array_index (competencies, i);
      CmNeedsItem *item = cm_needs_item_new_competency (competency, i + 1);
      g_autoptr(GString) note = g_string_new (NULL);
      gpointer choice = NULL;
      gboolean ticked;

      /* Say what is already commissioned for it in this cycle. */
      for (guint j = 0; j < commissions->len; j++)
        {
          const CmBudgetCommission *commission = g_ptr_array_index (commissions, j);

          if (commission->half != half || commission->competency_id != competency->competency_id)
            continue;

          if (note->len > 0)
            g_string_append (note, ", ");
          g_string_append (note, commission->code);
        }

      /* Nothing is ticked until someone ticks it. */
      if (g_hash_table_lookup_extended (self->choices, &competency->competency_id, NULL, &choice))
        ticked = GPOINTER_TO_INT (choice);
      else
        ticked = FALSE;

      cm_needs_item_set_checked (item, ticked);
      cm_needs_item_set_note (item, note->len > 0 ? note->str : NULL);
      g_ptr_array_add (items, item);
    }

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);

  self->updating = TRUE;
  gtk_spin_button_set_value (self->cost_spin, self->cost_per_place_pence / 100.0);
  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->state_stack, competencies->len > 0 ? "list" : "empty");
  update_selection (self);
}

static void
reload (CmCommissionStep *self)
{
  cm_needs_step_read_analysis (CM_WIZARD_STEP (self), self->context, self->year, self->half,
                               &self->reading, NULL, (CmNeedsShowAnalysis) show_analysis);
}

static void
remember_choice (CmCommissionStep *self,
                 CmNeedsItem      *item)
{
  gint64 *key = g_new (gint64, 1);

  *key = cm_needs_item_get_competency (item)->competency_id;
  g_hash_table_replace (self->choices, key, GINT_TO_POINTER (cm_needs_item_get_checked (item)));
}

static void
cost_changed_cb (CmCommissionStep *self)
{
  gint64 pence = (gint64) llround (gtk_spin_button_get_value (self->cost_spin) * 100.0);
  g_autoptr(GError) error = NULL;

  if (self->updating || db (self) == NULL || pence == self->cost_per_place_pence)
    return;

  if (!cm_needs_cost_per_place_save (db (self), pence, &error))
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
      return;
    }

  cm_wizard_step_data_changed (CM_WIZARD_STEP (self));
  reload (self);
}

static void
create_commissions (CmCommissionStep *self,
                    gboolean          with_duplicates)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  guint n_created = 0;
  g_auto(GStrv) codes = NULL;

  if (db (self) == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmNeedsItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (cm_needs_item_get_checked (item) &&
          (with_duplicates || cm_needs_item_get_note (item) == NULL))
        g_array_append_val (ids, cm_needs_item_get_competency (item)->competency_id);
    }

  if (ids->len == 0)
    return;

  cm_context_begin_undoable (self->context);
  if (!cm_needs_create_commissions_with_codes (db (self), self->year, self->half,
                                               (const gint64 *) ids->data, ids->len, self->cost_per_place_pence,
                                               &codes, &error))
    {
      cm_context_end_undoable (self->context, NULL);
      cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Create the Commissions"), error);
      return;
    }
  n_created = g_strv_length (codes);
  {
    /* Translators: what Undo takes back */
    g_autofree char *label = g_strdup_printf (ngettext ("Create %u commission", "Create %u commissions", n_created),
                                              n_created);

    cm_context_end_undoable (self->context, label);
  }

  /* What was just commissioned is not offered again by default. */
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *key = g_new (gint64, 1);

      *key = g_array_index (ids, gint64, i);
      g_hash_table_replace (self->choices, key, GINT_TO_POINTER (FALSE));
    }

  title = g_strdup_printf (ngettext ("Created %u proposed commission", "Created %u proposed commissions", n_created),
                           n_created);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Open _Budget"));
  adw_toast_set_action_name (toast, "win.show-commissions");
  adw_toast_set_action_target_value (toast, g_variant_new_strv ((const char * const *) codes, -1));
  /* Not a high-priority toast: see restore_done_cb in cm-window.c. */
  cm_wizard_step_add_toast (CM_WIZARD_STEP (self), toast);

  cm_wizard_step_data_changed (CM_WIZARD_STEP (self));
  reload (self);
}

static void
duplicates_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CmCommissionStep *self)
{
  if (g_str_equal (response, "skip"))
    create_commissions (self, FALSE);
  else if (g_str_equal (response, "create"))
    create_commissions (self, TRUE);
}

/* A competency already commissioned in this cycle is only commissioned
 * again once someone says so; by default it is skipped. */
static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CmCommissionStep *self = CM_COMMISSION_STEP (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autoptr(GString) duplicates = g_string_new (NULL);
  guint n_duplicates = 0;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmNeedsItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      const char *note = cm_needs_item_get_note (item);

      if (!cm_needs_item_get_checked (item) || note == NULL)
        continue;

      n_duplicates++;
      /* Translators: a competency and the commissions it already has: "SG-B (LSCB-B-H2)" */
      g_string_append_printf (duplicates, _("%s (%s)\n"), cm_needs_item_get_competency (item)->code, note);
    }

  if (n_duplicates == 0)
    {
      create_commissions (self, FALSE);
      return;
    }

  heading = g_strdup_printf (ngettext ("%u Competency Is Already Commissioned",
                                       "%u Competencies Are Already Commissioned", n_duplicates),
                             n_duplicates);
  g_strchomp (duplicates->str);
  dialog = cm_dialogs_new_question (GTK_WIDGET (self), heading, duplicates->str);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "create", _("Create _Anyway"),
                                    "skip", _("_Skip Them"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "skip", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "skip");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (duplicates_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* All ticks what still needs commissioning: a need, and no commission
 * for it in the cycle yet. */
static void
tick_all (CmCommissionStep *self,
          gboolean          ticked)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmNeedsItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      gboolean wanted = cm_needs_item_get_competency (item)->places_needed > 0 &&
                        cm_needs_item_get_note (item) == NULL;

      cm_needs_item_set_checked (item, ticked && wanted);
      remember_choice (self, item);
    }

  update_selection (self);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  tick_all (CM_COMMISSION_STEP (widget), TRUE);
}

static void
select_none_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  tick_all (CM_COMMISSION_STEP (widget), FALSE);
}

/* Cells */

static void
check_toggled_cb (GtkCheckButton   *check,
                  CmCommissionStep *self)
{
  CmNeedsItem *item = cm_needs_cell_get_item (GTK_WIDGET (check));
  gboolean active = gtk_check_button_get_active (check);

  if (item == NULL || active == cm_needs_item_get_checked (item))
    return;

  cm_needs_item_set_checked (item, active);
  remember_choice (self, item);
  update_selection (self);
}

static void
check_update (GtkWidget   *cell,
              CmNeedsItem *item)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (cell), cm_needs_item_get_checked (item));
}

static void
check_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CmCommissionStep         *self)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Commission this competency"),
                                  -1);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  cm_needs_cell_prepare (check, list_item, check_update);
}

static void
competency_update (GtkWidget   *cell,
                   CmNeedsItem *item)
{
  const CmNeedsCompetency *competency = cm_needs_item_get_competency (item);
  g_autofree char *text = g_strdup_printf ("%s — %s", competency->code, competency->name);

  gtk_label_set_text (GTK_LABEL (cell), text);
  cm_cell_set_tooltip_text (cell, text);
}

static void
places_update (GtkWidget   *cell,
               CmNeedsItem *item)
{
  cm_needs_set_figure (GTK_LABEL (cell), cm_needs_item_get_competency (item)->places_needed);
}

static void
events_update (GtkWidget   *cell,
               CmNeedsItem *item)
{
  cm_needs_set_figure (GTK_LABEL (cell), cm_needs_item_get_competency (item)->suggested_events);
}

static void
cost_update (GtkWidget   *cell,
             CmNeedsItem *item)
{
  g_autofree char *text = cm_money_format (cm_needs_item_get_competency (item)->indicative_cost_pence);

  gtk_label_set_text (GTK_LABEL (cell), text);
}

static void
note_update (GtkWidget   *cell,
             CmNeedsItem *item)
{
  const char *note = cm_needs_item_get_note (item);
  g_autofree char *text = NULL;

  if (note != NULL)
    /* Translators: the codes of commissions already proposed for a competency */
    text = g_strdup_printf (_("Already: %s"), note);

  gtk_label_set_text (GTK_LABEL (cell), text != NULL ? text : "");
  cm_cell_set_tooltip_text (cell, text);
  gtk_widget_add_css_class (cell, "dim-label");
}

/* The step */

static void
cm_commission_step_enter (CmWizardStep *step)
{
  CmCommissionStep *self = CM_COMMISSION_STEP (step);
  gboolean writable = is_writable (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->cost_spin), writable);
  reload (self);
}

static void
cm_commission_step_iface_init (CmWizardStepInterface *iface)
{
  iface->enter = cm_commission_step_enter;
}

static void
cm_commission_step_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CmCommissionStep *self = CM_COMMISSION_STEP (object);

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
      g_value_set_string (value, _("Commission"));
      break;

    case PROP_IS_COMPLETE:
      /* The last step: there is nothing after it. */
      g_value_set_boolean (value, TRUE);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_commission_step_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CmCommissionStep *self = CM_COMMISSION_STEP (object);

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
cm_commission_step_dispose (GObject *object)
{
  CmCommissionStep *self = (CmCommissionStep *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_COMMISSION_STEP);

  /* Template roots without an id are not cleared by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->rows);
  g_clear_pointer (&self->choices, g_hash_table_unref);

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_commission_step_parent_class)->dispose (object);
}

static void
cm_commission_step_class_init (CmCommissionStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_commission_step_dispose;
  object_class->get_property = cm_commission_step_get_property;
  object_class->set_property = cm_commission_step_set_property;

  g_object_class_override_property (object_class, PROP_CONTEXT, "context");
  g_object_class_override_property (object_class, PROP_YEAR, "year");
  g_object_class_override_property (object_class, PROP_HALF, "half");
  g_object_class_override_property (object_class, PROP_TITLE, "title");
  g_object_class_override_property (object_class, PROP_IS_COMPLETE, "is-complete");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/needs/cm-commission-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CmCommissionStep, state_stack);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionStep, cost_spin);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionStep, view);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionStep, selection_label);
  gtk_widget_class_bind_template_callback (widget_class, cost_changed_cb);

  gtk_widget_class_install_action (widget_class, "commission.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "commission.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "commission.select-none", NULL, select_none_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_commission_step_init (CmCommissionStep *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (CM_TYPE_NEEDS_ITEM);
  self->choices = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cost_per_place_pence = CM_NEEDS_DEFAULT_COST_PER_PLACE_PENCE;

  gtk_spin_button_set_range (self->cost_spin, 0, MAX_COST_PER_PLACE);
  cm_format_money_spin_button (self->cost_spin);

  cm_needs_add_cell_column (self->view, _("Commission"), G_CALLBACK (check_setup_cb), self, FALSE);
  cm_needs_add_label_column (self->view, _("Competency"), competency_update, 24, TRUE);
  cm_needs_add_label_column (self->view, _("Places"), places_update, 0, FALSE);
  cm_needs_add_label_column (self->view, _("Events"), events_update, 0, FALSE);
  cm_needs_add_label_column (self->view, _("Indicative Cost"), cost_update, 0, FALSE);
  cm_needs_add_label_column (self->view, _("Proposed"), note_update, 10, FALSE);

  selection = gtk_no_selection_new (G_LIST_MODEL (cm_gradual_model_new (g_object_ref (G_LIST_MODEL (self->rows)))));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
}

/**
 * cm_commission_step_get_rows:
 * @self: a #CmCommissionStep
 *
 * Returns: (transfer none): the competencies offered, as #CmNeedsItem
 *   whose "checked" says whether they are ticked
 */
GListModel *
cm_commission_step_get_rows (CmCommissionStep *self)
{
  g_return_val_if_fail (CM_IS_COMMISSION_STEP (self), NULL);

  return G_LIST_MODEL (self->rows);
}

/**
 * cm_commission_step_set_ticked:
 * @self: a #CmCommissionStep
 * @code: a competency code
 * @ticked: whether to commission it
 *
 * Returns: %TRUE if the competency is offered
 */
gboolean
cm_commission_step_set_ticked (CmCommissionStep *self,
                               const char       *code,
                               gboolean          ticked)
{
  guint n;

  g_return_val_if_fail (CM_IS_COMMISSION_STEP (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmNeedsItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (g_strcmp0 (cm_needs_item_get_competency (item)->code, code) == 0)
        {
          cm_needs_item_set_checked (item, ticked);
          remember_choice (self, item);
          update_selection (self);
          return TRUE;
        }
    }

  return FALSE;
}
