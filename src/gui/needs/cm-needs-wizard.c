/* cm-needs-wizard.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-needs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-budget-util.h"
#include "cm-commission-step.h"
#include "cm-cycle-step.h"
#include "cm-dialogs.h"
#include "cm-fiscal.h"
#include "cm-needs-wizard.h"
#include "cm-position-step.h"
#include "cm-priorities-step.h"
#include "cm-requirements-step.h"
#include "cm-review-step.h"
#include "cm-needs.h"
#include "cm-wizard-step.h"
#include "cm-workforce-step.h"

/* The training needs analysis wizard: seven steps in a stack, Back and
 * Next as actions. The steps, made for each context the wizard shows,
 * ask for toasts, other steps and other cycles with signals. Where it stands (cycle and step) is written to the
 * database whenever it moves, so closing the application at any step and
 * opening it again comes back to the same place; the steps write every
 * edit as it is made. */
struct _CmNeedsWizard
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkLabel        *indicator_label;
  GtkLabel        *cycle_label;
  GtkProgressBar  *progress;
  GtkStack        *stack;
  GtkButton       *next_button;
  GtkButton       *sign_off_button;
  GtkRevealer     *state_revealer;
  GtkLabel        *state_label;

  CmContext       *context;
  char            *indicator;
  int              year;
  int              half;
  guint            step;
  guint            reload_source;
  CmWizardStep    *current;
  CmNeedsCycleState state;  /* of the cycle shown */
};

G_DEFINE_FINAL_TYPE (CmNeedsWizard, cm_needs_wizard, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_YEAR,
  PROP_HALF,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The steps in order, with the names the stack knows them by. */
static const struct {
  const char *name;
  GType     (*get_type) (void);
} step_kinds[CM_NEEDS_N_STEPS] = {
  { "cycle", cm_cycle_step_get_type },
  { "workforce", cm_workforce_step_get_type },
  { "requirements", cm_requirements_step_get_type },
  { "position", cm_position_step_get_type },
  { "priorities", cm_priorities_step_get_type },
  { "review", cm_review_step_get_type },
  { "commission", cm_commission_step_get_type },
};

/* %NULL without a context: the steps come with it. */
static CmWizardStep *
step_widget (CmNeedsWizard *self,
             guint          step)
{
  GtkWidget *child;

  g_assert (step >= 1 && step <= CM_NEEDS_N_STEPS);

  child = gtk_stack_get_child_by_name (self->stack, step_kinds[step - 1].name);
  return child != NULL ? CM_WIZARD_STEP (child) : NULL;
}

/* Takes @toast, shown over the whole window by whoever holds the wizard. */
static void
add_toast (CmNeedsWizard *self,
           AdwToast      *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
  g_object_unref (toast);
}

static void
show_message (CmNeedsWizard *self,
              const char    *message)
{
  add_toast (self, adw_toast_new (message));
}

static void
update_actions (CmNeedsWizard *self)
{
  gboolean ready = self->context != NULL && self->current != NULL;
  gboolean complete = ready && cm_wizard_step_get_is_complete (self->current);
  gboolean writable;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", ready && self->step > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 complete && self->step < CM_NEEDS_N_STEPS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.go-to", ready);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), self->step < CM_NEEDS_N_STEPS);

  /* Signing off ends the analysis: it is offered on the last step. */
  writable = ready && !cm_context_is_read_only (self->context);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.sign-off-cycle",
                                 writable && self->state.exists && !self->state.closed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.reopen-cycle", writable && self->state.closed);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_off_button),
                          ready && self->step == CM_NEEDS_N_STEPS && !self->state.closed);
}

/* Whether the cycle shown is open or signed off (docs/figures.md, "Cycle
 * sign-off"): one lookup by key. */
static void
update_state (CmNeedsWizard *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cycle = NULL;

  memset (&self->state, 0, sizeof self->state);

  if (self->context != NULL && self->step != 0 &&
      !cm_needs_get_cycle_state (cm_context_get_db (self->context), self->year, self->half,
                                 &self->state, &error))
    show_message (self, error->message);

  if (self->state.closed)
    {
      g_autofree char *day = NULL;
      g_autofree char *text = NULL;
      GDate date;

      g_date_clear (&date, 1);
      if (cm_fiscal_parse_date (self->state.closed_on, &date, NULL))
        day = cm_fiscal_format_date (&date);
      else
        day = g_strdup (self->state.closed_on);

      /* Translators: %s is a date such as "15 Nov 2010" */
      text = g_strdup_printf (_("Signed off on %s — reopen to change it"), day);
      gtk_label_set_text (self->state_label, text);
    }

  gtk_revealer_set_reveal_child (self->state_revealer, self->state.closed);

  if (self->step != 0)
    {
      cycle = cm_fiscal_cycle_label (self->year, self->half);
      if (self->state.closed)
        {
          /* Translators: a cycle and its state, e.g. "2010/11 H1 · Signed Off" */
          g_autofree char *text = g_strdup_printf (_("%s · Signed Off"), cycle);

          gtk_label_set_text (self->cycle_label, text);
        }
      else
        gtk_label_set_text (self->cycle_label, cycle);
    }
}

static void
update_indicator (CmNeedsWizard *self)
{
  g_autofree char *title = NULL;

  g_clear_pointer (&self->indicator, g_free);

  if (self->current == NULL)
    {
      gtk_label_set_text (self->indicator_label, "");
      gtk_label_set_text (self->cycle_label, "");
      memset (&self->state, 0, sizeof self->state);
      gtk_revealer_set_reveal_child (self->state_revealer, FALSE);
      return;
    }

  title = cm_wizard_step_dup_title (self->current);
  /* Translators: the wizard's step indicator, e.g. "Step 2 of 7 · Workforce" */
  self->indicator = g_strdup_printf (_("Step %u of %u · %s"), self->step, CM_NEEDS_N_STEPS, title);
  gtk_label_set_text (self->indicator_label, self->indicator);

  /* The cycle, with its state. */
  update_state (self);

  gtk_progress_bar_set_fraction (self->progress, (double) self->step / CM_NEEDS_N_STEPS);
}

static void
step_complete_cb (CmNeedsWizard *self)
{
  update_actions (self);
}

static void
save_position (CmNeedsWizard *self)
{
  g_autoptr(GError) error = NULL;

  if (self->context == NULL || cm_context_is_read_only (self->context) || self->step == 0)
    return;

  if (!cm_needs_set_wizard_step (cm_context_get_db (self->context), self->year, self->half,
                                 (int) self->step, &error))
    show_message (self, error->message);
}

/* Shows @step; @save writes the new position to the database. */
static void
show_step (CmNeedsWizard *self,
           guint          step,
           gboolean       save)
{
  CmWizardStep *next;

  step = CLAMP (step, 1, CM_NEEDS_N_STEPS);
  next = step_widget (self, step);

  if (self->current != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->current, step_complete_cb, self);
      if (self->current != next)
        cm_wizard_step_leave (self->current);
    }

  self->step = step;
  self->current = next;
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (next));

  g_signal_connect_object (next, "notify::is-complete",
                           G_CALLBACK (step_complete_cb), self,
                           G_CONNECT_SWAPPED);

  if (self->context != NULL)
    cm_wizard_step_enter (next);

  if (save)
    save_position (self);

  /* The step has just been read in full; a reload queued by the position
   * written above, or by a change before it, would read it all again. */
  g_clear_handle_id (&self->reload_source, g_source_remove);

  update_indicator (self);
  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmNeedsWizard *self = CM_NEEDS_WIZARD (widget);

  if (self->step > 1)
    show_step (self, self->step - 1, TRUE);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmNeedsWizard *self = CM_NEEDS_WIZARD (widget);

  if (self->current == NULL || !cm_wizard_step_get_is_complete (self->current))
    return;

  /* Next on the Cycle step is what creates the chosen cycle; choosing one
   * in a drop-down only looks at it. */
  if (self->step == CM_NEEDS_STEP_CYCLE && self->context != NULL &&
      !cm_context_is_read_only (self->context))
    {
      g_autoptr(GError) error = NULL;

      if (!cm_needs_ensure_cycle (cm_context_get_db (self->context), self->year, self->half, &error))
        {
          show_message (self, error->message);
          return;
        }
    }

  if (self->step < CM_NEEDS_N_STEPS)
    show_step (self, self->step + 1, TRUE);
}

static void
go_to_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CmNeedsWizard *self = CM_NEEDS_WIZARD (widget);
  guint step = g_variant_get_uint32 (parameter);

  if (step >= 1 && step <= CM_NEEDS_N_STEPS && self->context != NULL)
    show_step (self, step, TRUE);
}

/* Sign-off */

typedef gboolean (*CycleWrite) (CmDb *db, int year, int half, GError **error);

static gboolean
close_cycle (CmDb    *db,
             int      year,
             int      half,
             GError **error)
{
  return cm_needs_close_cycle (db, year, half, NULL, error);
}

static void
cycle_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CmNeedsWizard    *self)
{
  CycleWrite write = g_object_get_data (G_OBJECT (dialog), "cm-write");
  const char *done = g_object_get_data (G_OBJECT (dialog), "cm-done");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "yes") || self->context == NULL)
    return;

  /* The core announces the change, which reloads the step and the state. */
  if (!write (cm_context_get_db (self->context), self->year, self->half, &error))
    {
      show_message (self, error->message);
      return;
    }

  show_message (self, done);
}

/* Asks @heading before @write; @done is the toast after. */
static void
ask_cycle_write (CmNeedsWizard *self,
                 const char    *heading,
                 const char    *body,
                 const char    *yes,
                 const char    *done,
                 CycleWrite     write)
{
  AdwMessageDialog *dialog = cm_dialogs_new_question (GTK_WIDGET (self), heading, body);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "yes", yes, NULL);
  adw_message_dialog_set_response_appearance (dialog, "yes", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "cm-write", write);
  g_object_set_data_full (G_OBJECT (dialog), "cm-done", g_strdup (done), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (cycle_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_off_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CmNeedsWizard *self = CM_NEEDS_WIZARD (widget);
  g_autofree char *cycle = cm_fiscal_cycle_label (self->year, self->half);
  /* Translators: %s is a cycle such as "2010/11 H1" */
  g_autofree char *heading = g_strdup_printf (_("Sign Off %s?"), cycle);
  /* Translators: %s is a cycle such as "2010/11 H1" */
  g_autofree char *done = g_strdup_printf (_("%s is signed off"), cycle);

  ask_cycle_write (self, heading,
                   _("Its figures will stay as they are now, whatever later happens to the workforce "
                     "or the priority weights, and it cannot be changed until it is reopened. "
                     "Commissions can still be made from it."),
                   _("_Sign Off"), done, close_cycle);
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CmNeedsWizard *self = CM_NEEDS_WIZARD (widget);
  g_autofree char *cycle = cm_fiscal_cycle_label (self->year, self->half);
  /* Translators: %s is a cycle such as "2010/11 H1" */
  g_autofree char *heading = g_strdup_printf (_("Reopen %s?"), cycle);
  /* Translators: %s is a cycle such as "2010/11 H1" */
  g_autofree char *done = g_strdup_printf (_("%s is open again"), cycle);

  ask_cycle_write (self, heading,
                   _("Its figures will follow the current workforce and priority weights again, "
                     "and may no longer be the ones signed off."),
                   _("_Reopen"), done, cm_needs_reopen_cycle);
}

/* What the steps ask for */

static void
step_add_toast_cb (CmNeedsWizard *self,
                   AdwToast      *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
step_go_to_step_cb (CmNeedsWizard *self,
                    guint          step)
{
  if (step >= 1 && step <= CM_NEEDS_N_STEPS && self->context != NULL)
    show_step (self, step, TRUE);
}

/* The step has just written and shows it already: the core's own
 * announcement of that write need not reload it. */
static void
step_data_changed_cb (CmNeedsWizard *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
}

static gboolean
step_select_cycle_cb (CmNeedsWizard *self,
                      int            year,
                      int            half)
{
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    return FALSE;

  if (!cm_needs_wizard_set_cycle (self, year, half, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }

  return TRUE;
}

/* The steps get the context when they are made, so they are made for
 * each context the wizard shows. */
static void
add_steps (CmNeedsWizard *self)
{
  for (guint i = 0; i < CM_NEEDS_N_STEPS; i++)
    {
      GtkWidget *step = g_object_new (step_kinds[i].get_type (), "context", self->context, NULL);

      g_object_bind_property (self, "year", step, "year", G_BINDING_SYNC_CREATE);
      g_object_bind_property (self, "half", step, "half", G_BINDING_SYNC_CREATE);
      g_signal_connect_object (step, "add-toast", G_CALLBACK (step_add_toast_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (step, "go-to-step", G_CALLBACK (step_go_to_step_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (step, "data-changed", G_CALLBACK (step_data_changed_cb), self, G_CONNECT_SWAPPED);
      if (CM_IS_CYCLE_STEP (step))
        g_signal_connect_object (step, "select-cycle", G_CALLBACK (step_select_cycle_cb), self, G_CONNECT_SWAPPED);

      gtk_stack_add_named (self->stack, step, step_kinds[i].name);
    }
}

static void
remove_steps (CmNeedsWizard *self)
{
  if (self->current != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->current, step_complete_cb, self);
      cm_wizard_step_leave (self->current);
      self->current = NULL;
    }

  for (guint i = 0; i < CM_NEEDS_N_STEPS; i++)
    {
      GtkWidget *step = gtk_stack_get_child_by_name (self->stack, step_kinds[i].name);

      if (step == NULL)
        continue;

      /* A step still at work (an import) may outlive the wizard's use. */
      g_signal_handlers_disconnect_by_data (step, self);
      gtk_stack_remove (self->stack, step);
    }
}

static void
set_cycle_fields (CmNeedsWizard *self,
                  int            year,
                  int            half)
{
  gboolean year_changed = self->year != year;
  gboolean half_changed = self->half != half;

  self->year = year;
  self->half = half;

  if (year_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
  if (half_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HALF]);
}

/* Where to start: the cycle and step saved last time, else the newest
 * cycle the database knows, else today's, at step 1. Writes nothing. */
static void
load_position (CmNeedsWizard *self)
{
  CmDb *db = cm_context_get_db (self->context);
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;
  int year = 0;
  int half = 0;
  int step = 0;

  if (!cm_needs_get_current_cycle (db, &found, &year, &half, &error))
    {
      show_message (self, error->message);
      g_clear_error (&error);
    }

  if (!found)
    {
      g_autoptr(GArray) cycles = cm_needs_list_cycles (db, NULL);

      if (cycles != NULL && cycles->len > 0)
        {
          const CmNeedsCycle *newest = &g_array_index (cycles, CmNeedsCycle, 0);

          year = newest->year;
          half = newest->half;
        }
      else
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autoptr(GDate) today = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (now),
                                                   (GDateMonth) g_date_time_get_month (now),
                                                   (GDateYear) g_date_time_get_year (now));

          year = cm_fiscal_year_of (today);
          half = cm_fiscal_half_of (today);
        }
    }

  if (!cm_needs_get_wizard_step (db, year, half, &step, &error))
    show_message (self, error->message);

  set_cycle_fields (self, year, half);
  show_step (self, step >= 1 ? (guint) step : CM_NEEDS_STEP_CYCLE, FALSE);
}

static gboolean
reload_cb (gpointer user_data)
{
  CmNeedsWizard *self = user_data;

  self->reload_source = 0;
  if (self->current != NULL)
    {
      update_state (self);
      cm_wizard_step_enter (self->current);
      update_actions (self);
    }

  return G_SOURCE_REMOVE;
}

/* The core announces every write, the steps' own included. A step that
 * wrote says so with CmWizardStep::data-changed straight after, which
 * cancels the reload: what it wrote is already on screen. Anything else
 * (an import, the Budget page, Preferences) reloads the step once the
 * writer has returned. */
static void
context_changed_cb (CmNeedsWizard  *self,
                    const CmChange *change)
{
  /* Spend, streams and splits are the budget's; another cycle's lines
   * are not this one's. A county's cycle is not read again for them. */
  if (self->current == NULL || self->reload_source != 0 ||
      (change->kind & (CM_CHANGE_TRANSACTIONS | CM_CHANGE_STREAMS | CM_CHANGE_SPLITS)) ||
      ((change->kind & (CM_CHANGE_REQUIREMENTS | CM_CHANGE_CYCLES | CM_CHANGE_COMMISSIONS)) &&
       !cm_change_touches_cycle (change, self->year, self->half)))
    return;

  self->reload_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reload_cb, self, NULL);
}

static void
cm_needs_wizard_dispose (GObject *object)
{
  CmNeedsWizard *self = (CmNeedsWizard *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (self->current != NULL)
    g_signal_handlers_disconnect_by_func (self->current, step_complete_cb, self);
  self->current = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_NEEDS_WIZARD);

  /* Template roots without an id are not cleared by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_needs_wizard_parent_class)->dispose (object);
}

static void
cm_needs_wizard_finalize (GObject *object)
{
  CmNeedsWizard *self = (CmNeedsWizard *)object;

  g_clear_pointer (&self->indicator, g_free);

  G_OBJECT_CLASS (cm_needs_wizard_parent_class)->finalize (object);
}

static void
cm_needs_wizard_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CmNeedsWizard *self = CM_NEEDS_WIZARD (object);

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

    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_needs_wizard_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CmNeedsWizard *self = CM_NEEDS_WIZARD (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      cm_needs_wizard_set_context (self, g_value_get_object (value));
      break;

    case PROP_STEP:
      cm_needs_wizard_set_step (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_needs_wizard_class_init (CmNeedsWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_needs_wizard_dispose;
  object_class->finalize = cm_needs_wizard_finalize;
  object_class->get_property = cm_needs_wizard_get_property;
  object_class->set_property = cm_needs_wizard_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL,
                      0, 9999, 0,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_HALF] =
    g_param_spec_int ("half", NULL, NULL,
                      0, 2, 0,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL,
                       0, CM_NEEDS_N_STEPS, 0,
                       (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CmNeedsWizard::add-toast:
   * @self: the wizard
   * @toast: what to show
   *
   * Asks for @toast, from the wizard or one of its steps, to be shown
   * over the window the wizard is in.
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (CM_TYPE_CYCLE_STEP);
  g_type_ensure (CM_TYPE_WORKFORCE_STEP);
  g_type_ensure (CM_TYPE_REQUIREMENTS_STEP);
  g_type_ensure (CM_TYPE_POSITION_STEP);
  g_type_ensure (CM_TYPE_PRIORITIES_STEP);
  g_type_ensure (CM_TYPE_REVIEW_STEP);
  g_type_ensure (CM_TYPE_COMMISSION_STEP);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/needs/cm-needs-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, CmNeedsWizard, indicator_label);
  gtk_widget_class_bind_template_child (widget_class, CmNeedsWizard, cycle_label);
  gtk_widget_class_bind_template_child (widget_class, CmNeedsWizard, progress);
  gtk_widget_class_bind_template_child (widget_class, CmNeedsWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, CmNeedsWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, CmNeedsWizard, sign_off_button);
  gtk_widget_class_bind_template_child (widget_class, CmNeedsWizard, state_revealer);
  gtk_widget_class_bind_template_child (widget_class, CmNeedsWizard, state_label);

  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.go-to", "u", go_to_action);
  gtk_widget_class_install_action (widget_class, "wizard.sign-off-cycle", NULL, sign_off_action);
  gtk_widget_class_install_action (widget_class, "wizard.reopen-cycle", NULL, reopen_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "wizard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "wizard.next", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_needs_wizard_init (CmNeedsWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  update_actions (self);
}

/**
 * cm_needs_wizard_new:
 * @context: (nullable): the open database
 *
 * Returns: (transfer floating): a new wizard
 */
CmNeedsWizard *
cm_needs_wizard_new (CmContext *context)
{
  return g_object_new (CM_TYPE_NEEDS_WIZARD, "context", context, NULL);
}

/**
 * cm_needs_wizard_get_context:
 * @self: a #CmNeedsWizard
 *
 * Returns: (transfer none) (nullable): the open database
 */
CmContext *
cm_needs_wizard_get_context (CmNeedsWizard *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_WIZARD (self), NULL);

  return self->context;
}

/**
 * cm_needs_wizard_set_context:
 * @self: a #CmNeedsWizard
 * @context: (nullable): the open database
 *
 * Shows @context, resuming at the cycle and step saved in it.
 */
void
cm_needs_wizard_set_context (CmNeedsWizard *self,
                             CmContext     *context)
{
  g_return_if_fail (CM_IS_NEEDS_WIZARD (self));
  g_return_if_fail (context == NULL || CM_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (self->context, context_changed_cb, self);
  g_clear_handle_id (&self->reload_source, g_source_remove);

  remove_steps (self);
  g_set_object (&self->context, context);

  if (self->context != NULL)
    {
      add_steps (self);
      g_signal_connect_object (self->context, "changed",
                               G_CALLBACK (context_changed_cb), self,
                               G_CONNECT_SWAPPED);
      load_position (self);
    }
  else
    {
      if (self->step != 0)
        {
          self->step = 0;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
        }
      update_indicator (self);
      update_actions (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * cm_needs_wizard_get_year:
 * @self: a #CmNeedsWizard
 *
 * Returns: the financial year of the cycle analysed
 */
int
cm_needs_wizard_get_year (CmNeedsWizard *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_WIZARD (self), 0);

  return self->year;
}

/**
 * cm_needs_wizard_get_half:
 * @self: a #CmNeedsWizard
 *
 * Returns: the half (1 or 2) of the cycle analysed
 */
int
cm_needs_wizard_get_half (CmNeedsWizard *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_WIZARD (self), 0);

  return self->half;
}

/**
 * cm_needs_wizard_set_cycle:
 * @self: a #CmNeedsWizard
 * @year: a financial year
 * @half: 1 or 2
 * @error: return location for a #GError
 *
 * Works on cycle (@year, @half) from now on, and remembers it in the
 * database together with the step shown.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_wizard_set_cycle (CmNeedsWizard  *self,
                           int             year,
                           int             half,
                           GError        **error)
{
  CmDb *db;

  g_return_val_if_fail (CM_IS_NEEDS_WIZARD (self), FALSE);
  g_return_val_if_fail (self->context != NULL, FALSE);

  if (!cm_needs_check_cycle (year, half, error))
    return FALSE;

  db = cm_context_get_db (self->context);

  if (!cm_context_is_read_only (self->context) &&
      (!cm_needs_set_current_cycle (db, year, half, error) ||
       !cm_needs_set_wizard_step (db, year, half, (int) MAX (self->step, 1), error)))
    return FALSE;

  set_cycle_fields (self, year, half);
  update_indicator (self);
  update_actions (self);

  return TRUE;
}

/**
 * cm_needs_wizard_show_cycle:
 * @self: a #CmNeedsWizard
 * @year: a financial year
 * @half: 1 or 2
 *
 * Shows cycle (@year, @half) without writing anything: for a database
 * that remembers no cycle yet, so that merely looking changes nothing.
 * Moving through the steps or editing then saves it as usual.
 */
void
cm_needs_wizard_show_cycle (CmNeedsWizard *self,
                            int            year,
                            int            half)
{
  g_return_if_fail (CM_IS_NEEDS_WIZARD (self));

  if (!cm_needs_check_cycle (year, half, NULL) || (self->year == year && self->half == half))
    return;

  set_cycle_fields (self, year, half);
  update_indicator (self);
  update_actions (self);

  if (self->current != NULL && self->context != NULL)
    {
      cm_wizard_step_enter (self->current);
      update_actions (self);
    }
}

/**
 * cm_needs_wizard_get_step:
 * @self: a #CmNeedsWizard
 *
 * Returns: the step shown, 1 to %CM_NEEDS_N_STEPS (0 without a context)
 */
guint
cm_needs_wizard_get_step (CmNeedsWizard *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_WIZARD (self), 0);

  return self->step;
}

/**
 * cm_needs_wizard_set_step:
 * @self: a #CmNeedsWizard
 * @step: 1 to %CM_NEEDS_N_STEPS
 *
 * Shows @step and saves it as the cycle's position.
 */
void
cm_needs_wizard_set_step (CmNeedsWizard *self,
                          guint          step)
{
  g_return_if_fail (CM_IS_NEEDS_WIZARD (self));
  g_return_if_fail (step >= 1 && step <= CM_NEEDS_N_STEPS);

  if (self->context == NULL)
    return;

  show_step (self, step, TRUE);
}

/**
 * cm_needs_wizard_get_step_widget:
 * @self: a #CmNeedsWizard
 * @step: 1 to %CM_NEEDS_N_STEPS
 *
 * Returns: (transfer none) (nullable): the widget of @step, %NULL
 *   without a context
 */
GtkWidget *
cm_needs_wizard_get_step_widget (CmNeedsWizard *self,
                                 guint          step)
{
  g_return_val_if_fail (CM_IS_NEEDS_WIZARD (self), NULL);
  g_return_val_if_fail (step >= 1 && step <= CM_NEEDS_N_STEPS, NULL);

  return GTK_WIDGET (step_widget (self, step));
}

/**
 * cm_needs_wizard_get_indicator:
 * @self: a #CmNeedsWizard
 *
 * Returns: (nullable): the step indicator's text, such as
 *   "Step 2 of 7 · Workforce"
 */
const char *
cm_needs_wizard_get_indicator (CmNeedsWizard *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_WIZARD (self), NULL);

  return self->indicator;
}
