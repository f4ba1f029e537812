/* cm-what-if-view.c
 *
 * The Budget page's What If view: each stream's cut, and the year
 * re-planned by priority as the sliders move (docs/figures.md,
 * "What-if"). The year is read once in a worker thread; each move only
 * runs the re-plan in memory. Apply cancels the deferred commissions as
 * one undoable step; Export writes the workbook in a worker; scenarios
 * can be saved, opened, compared and deleted.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-budget-util.h"
#include "cm-dialogs.h"
#include "cm-export.h"
#include "cm-fiscal.h"
#include "cm-money.h"
#include "cm-needs.h"
#include "cm-undo.h"
#include "cm-what-if-view.h"

/* A county defers thousands: the lists show this many, the workbook all. */
#define MAX_ROWS 100

struct _CmWhatIfView
{
  GtkWidget         parent_instance;

  GtkStack         *stack;
  GtkLabel         *summary_label;
  GtkListBox       *streams_list;
  GtkStack         *deferred_stack;
  GtkListBox       *deferred_list;
  AdwPreferencesGroup *unmet_group;
  GtkListBox       *unmet_list;
  AdwExpanderRow   *kept_row;
  GtkEntry         *name_entry;
  GtkListBox       *saved_list;
  AdwPreferencesGroup *compare_group;
  GtkListBox       *compare_list;

  CmContext        *context;
  int               year;
  CmWhatIf         *what_if;      /* the year read once */
  CmWhatIfPlan     *plan;         /* the plan shown */
  GPtrArray        *saved;        /* of CmWhatIfSaved */
  GPtrArray        *kept_rows;    /* rows added to kept_row, to remove them */
  GCancellable     *cancellable;
  GtkNativeDialog  *chooser;
  gboolean          stale;
  gboolean          exporting;
};

G_DEFINE_FINAL_TYPE (CmWhatIfView, cm_what_if_view, GTK_TYPE_WIDGET)

enum {
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_toast (CmWhatIfView *self,
           AdwToast     *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
  g_object_unref (toast);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* "DH-WDG cut by 20%, CWDC-IW withdrawn", or "No changes". */
static char *
describe_scenario (const CmWhatIfScenario *scenario)
{
  g_autoptr(GPtrArray) codes = cm_what_if_scenario_get_streams (scenario);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      gint64 value = 0;
      CmWhatIfChange change = cm_what_if_scenario_get (scenario, code, &value);
      g_autofree char *what = cm_what_if_describe_change (change, value);

      if (change == CM_WHAT_IF_ALLOCATION)
        {
          g_autofree char *amount = cm_money_format (value);

          g_free (what);
          /* Translators: a stream's new allocation in a what-if scenario */
          what = g_strdup_printf (_("to %s"), amount);
        }
      g_string_append_printf (text, "%s%s %s", i > 0 ? ", " : "", code, what);
    }
  if (text->len == 0)
    g_string_append (text, _("No changes"));
  return g_string_free (text, FALSE);
}

static CmWhatIfScenario *
current_scenario (CmWhatIfView *self)
{
  CmWhatIfScenario *scenario = cm_what_if_scenario_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->streams_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      gint64 value = 0;
      CmWhatIfChange change;

      if (!CM_IS_WHAT_IF_ROW (child))
        continue;
      change = cm_what_if_row_get_change (CM_WHAT_IF_ROW (child), &value);
      cm_what_if_scenario_set (scenario, cm_what_if_row_get_code (CM_WHAT_IF_ROW (child)), change, value);
    }
  return scenario;
}

static char *
outcome_subtitle (const CmWhatIfOutcome *outcome)
{
  const CmWhatIfCandidate *c = outcome->candidate;
  g_autofree char *cost = cm_money_format (c->planned_pence);
  g_autofree char *priority = cm_needs_show_priority (c->priority_num, c->priority_den);

  if (outcome->blocked_by != NULL)
    /* Translators: a deferred commission: the stream short, its planned cost, places and needs priority */
    return g_strdup_printf (_("Blocked by %s · %s · %" G_GINT64_FORMAT " places · priority %s"),
                            outcome->blocked_by, cost, c->places, priority);
  /* Translators: a kept commission: its planned cost, places and needs priority */
  return g_strdup_printf (_("%s · %" G_GINT64_FORMAT " places · priority %s"), cost, c->places, priority);
}

static char *
outcome_title (const CmWhatIfOutcome *outcome)
{
  return g_strdup_printf ("%s — %s", outcome->candidate->code, outcome->candidate->title);
}

static void
show_outcomes (CmWhatIfView *self)
{
  const CmWhatIfPlan *plan = self->plan;

  clear_list (self->deferred_list);
  for (guint i = 0; i < plan->deferred->len && i < MAX_ROWS; i++)
    {
      const CmWhatIfOutcome *outcome = &g_array_index (plan->deferred, CmWhatIfOutcome, i);
      g_autofree char *title = outcome_title (outcome);
      g_autofree char *subtitle = outcome_subtitle (outcome);

      gtk_list_box_append (self->deferred_list, text_row (title, subtitle));
    }
  gtk_stack_set_visible_child_name (self->deferred_stack, plan->deferred->len > 0 ? "list" : "none");

  clear_list (self->unmet_list);
  for (guint i = 0; i < plan->unmet->len && i < MAX_ROWS; i++)
    {
      const CmWhatIfUnmet *unmet = &g_array_index (plan->unmet, CmWhatIfUnmet, i);
      g_autofree char *priority = cm_needs_show_priority (unmet->priority_num, unmet->priority_den);
      /* Translators: places left unmet in a competency, and its needs priority */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %" G_GINT64_FORMAT " places · priority %s"),
                                                   unmet->competency_code != NULL ? unmet->competency_code : "—",
                                                   unmet->places, priority);

      gtk_list_box_append (self->unmet_list,
                           text_row (unmet->competency_code != NULL ? unmet->competency_name : _("No competency"),
                                     subtitle));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->unmet_group), plan->unmet->len > 0);

  for (guint i = 0; i < self->kept_rows->len; i++)
    adw_expander_row_remove (self->kept_row, g_ptr_array_index (self->kept_rows, i));
  g_ptr_array_set_size (self->kept_rows, 0);
  {
    /* Translators: the commissions a what-if scenario keeps */
    g_autofree char *title = g_strdup_printf (ngettext ("%u commission kept", "%u commissions kept",
                                                        plan->kept->len), plan->kept->len);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kept_row), title);
  }
  for (guint i = 0; i < plan->kept->len && i < MAX_ROWS; i++)
    {
      const CmWhatIfOutcome *outcome = &g_array_index (plan->kept, CmWhatIfOutcome, i);
      g_autofree char *title = outcome_title (outcome);
      g_autofree char *subtitle = outcome_subtitle (outcome);
      GtkWidget *row = text_row (title, subtitle);

      adw_expander_row_add_row (self->kept_row, row);
      g_ptr_array_add (self->kept_rows, row);
    }
}

static void
show_summary (CmWhatIfView *self)
{
  const CmWhatIfPlan *plan = self->plan;
  gint64 deferred_pence = 0;
  g_autofree char *cost = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < plan->deferred->len; i++)
    deferred_pence += g_array_index (plan->deferred, CmWhatIfOutcome, i).candidate->planned_pence;
  cost = cm_money_format (deferred_pence);

  if (plan->deferred->len == 0)
    text = g_strdup_printf (ngettext ("Every commission is kept: %u.", "All %u commissions are kept.", plan->kept->len),
                            plan->kept->len);
  else
    /* Translators: deferred count and planned cost, kept count, places left unmet */
    text = g_strdup_printf (_("%u deferred (%s of planned cost), %u kept, %" G_GINT64_FORMAT " places left unmet."),
                            plan->deferred->len, cost, plan->kept->len, plan->unmet_places);
  gtk_label_set_label (self->summary_label, text);
}

static void
update_actions (CmWhatIfView *self)
{
  gboolean writable = self->context != NULL && !cm_context_is_read_only (self->context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "what-if.apply",
                                 writable && self->plan != NULL && self->plan->deferred->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "what-if.export", self->plan != NULL && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "what-if.export-to", self->plan != NULL && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "what-if.save", writable && self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "what-if.delete", writable);
}

/* Whether two plans of the same loaded year defer the same commissions,
 * blocked by the same streams; the kept and unmet then match too. */
static gboolean
same_outcomes (const CmWhatIfPlan *a,
               const CmWhatIfPlan *b)
{
  if (a == NULL || b == NULL || a->what_if != b->what_if || a->deferred->len != b->deferred->len)
    return FALSE;

  for (guint i = 0; i < a->deferred->len; i++)
    {
      const CmWhatIfOutcome *x = &g_array_index (a->deferred, CmWhatIfOutcome, i);
      const CmWhatIfOutcome *y = &g_array_index (b->deferred, CmWhatIfOutcome, i);

      if (x->candidate != y->candidate || g_strcmp0 (x->blocked_by, y->blocked_by) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Works the plan out again from the inputs: cheap enough for each move. */
static void
replan (CmWhatIfView *self)
{
  g_autoptr(CmWhatIfScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  CmWhatIfPlan *plan;
  gboolean same;

  if (self->what_if == NULL)
    return;

  scenario = current_scenario (self);
  if (!(plan = cm_what_if_run (self->what_if, scenario, &error)))
    {
      add_toast (self, adw_toast_new (error->message));
      return;
    }
  same = same_outcomes (self->plan, plan);
  g_clear_pointer (&self->plan, cm_what_if_plan_free);
  self->plan = plan;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->streams_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *code = cm_what_if_row_get_code (CM_WHAT_IF_ROW (child));

      for (guint i = 0; i < plan->streams->len; i++)
        {
          const CmWhatIfStream *stream = g_ptr_array_index (plan->streams, i);

          if (g_str_equal (stream->code, code))
            cm_what_if_row_set_figures (CM_WHAT_IF_ROW (child), stream);
        }
    }
  show_summary (self);
  /* Most moves of a slider defer the same commissions: their rows stay. */
  if (!same)
    show_outcomes (self);
  update_actions (self);
}

static void
row_changed_cb (CmWhatIfView *self)
{
  replan (self);
}

/* Whether the rows shown are already the loaded year's streams. */
static gboolean
same_streams (CmWhatIfView          *self,
              const CmBudgetSummary *summary)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->streams_list));

  for (guint i = 0; i < summary->streams->len; i++, child = gtk_widget_get_next_sibling (child))
    {
      const CmBudgetFigures *figures = g_ptr_array_index (summary->streams, i);

      if (child == NULL || !g_str_equal (cm_what_if_row_get_code (CM_WHAT_IF_ROW (child)), figures->code))
        return FALSE;
    }
  return child == NULL;
}

/* Rows for the loaded year's streams; a stream that was already shown
 * keeps its cut. When the streams are the same the rows stay, and with
 * them the focus (after Apply, say). */
static void
build_rows (CmWhatIfView *self)
{
  const CmBudgetSummary *summary = cm_what_if_get_summary (self->what_if);
  g_autoptr(CmWhatIfScenario) previous = NULL;

  if (same_streams (self, summary))
    return;

  previous = current_scenario (self);
  clear_list (self->streams_list);
  for (guint i = 0; i < summary->streams->len; i++)
    {
      const CmBudgetFigures *figures = g_ptr_array_index (summary->streams, i);
      CmWhatIfRow *row = cm_what_if_row_new (figures->code, figures->name);
      gint64 value = 0;
      CmWhatIfChange change = cm_what_if_scenario_get (previous, figures->code, &value);

      cm_what_if_row_set_change (row, change, value);
      g_signal_connect_object (row, "changed", G_CALLBACK (row_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->streams_list, GTK_WIDGET (row));
    }
}

/* Saved scenarios */

static void
show_saved (CmWhatIfView *self)
{
  clear_list (self->saved_list);
  for (guint i = 0; self->saved != NULL && i < self->saved->len; i++)
    {
      const CmWhatIfSaved *saved = g_ptr_array_index (self->saved, i);
      g_autofree char *subtitle = describe_scenario (saved->scenario);
      GtkWidget *row = text_row (saved->name, subtitle);
      static const struct { const char *icon; const char *action; const char *tooltip; } buttons[] = {
        { "document-open-symbolic", "what-if.open", N_("Open") },
        { "view-dual-symbolic", "what-if.compare", N_("Compare With This Plan") },
        { "user-trash-symbolic", "what-if.delete", N_("Delete") },
      };

      for (guint b = 0; b < G_N_ELEMENTS (buttons); b++)
        {
          GtkWidget *button = gtk_button_new_from_icon_name (buttons[b].icon);

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, _(buttons[b].tooltip));
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _(buttons[b].tooltip), -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), buttons[b].action);
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", saved->id);
          gtk_widget_add_css_class (button, "flat");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->saved_list, row);
    }
  if (self->saved == NULL || self->saved->len == 0)
    gtk_list_box_append (self->saved_list, text_row (_("No saved scenarios yet"), NULL));
}

/* The year's saved scenarios are a handful of rows: read here. */
static void
read_saved (CmWhatIfView *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->saved, g_ptr_array_unref);
  if (self->context != NULL &&
      !(self->saved = cm_what_if_list_scenarios (cm_context_get_db (self->context), self->year, &error)))
    g_warning ("Could not read the saved scenarios: %s", error->message);
  show_saved (self);
}

static const CmWhatIfSaved *
find_saved (CmWhatIfView *self,
            gint64        id)
{
  for (guint i = 0; self->saved != NULL && i < self->saved->len; i++)
    {
      const CmWhatIfSaved *saved = g_ptr_array_index (self->saved, i);

      if (saved->id == id)
        return saved;
    }
  return NULL;
}

/* Reading */

static gpointer
load_in_thread (CmDb          *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  GDate today;

  cm_budget_today (&today);
  return cm_what_if_load (db, GPOINTER_TO_INT (data), &today, error);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CmWhatIfView) self = user_data;
  g_autoptr(GError) error = NULL;
  CmWhatIf *what_if = cm_context_read_finish (CM_CONTEXT (source), result, &error);

  if (what_if == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, adw_toast_new (error->message));
      return;
    }

  g_clear_pointer (&self->what_if, cm_what_if_unref);
  self->what_if = what_if;
  if (cm_what_if_get_summary (what_if)->streams->len == 0)
    {
      g_clear_pointer (&self->plan, cm_what_if_plan_free);
      clear_list (self->streams_list);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
      return;
    }

  build_rows (self);
  replan (self);
  gtk_stack_set_visible_child_name (self->stack, "plan");
}

static void
reload (CmWhatIfView *self)
{
  if (self->context == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* Out of sight, nothing is read until it is shown (HACKING.md, "How views listen"). */
      self->stale = TRUE;
      return;
    }

  self->stale = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->what_if == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  cm_context_read_async (self->context, load_in_thread, GINT_TO_POINTER (self->year), NULL,
                         (GDestroyNotify) cm_what_if_unref, self->cancellable, loaded_cb, g_object_ref (self));
  read_saved (self);
}

static void
context_changed_cb (CmWhatIfView   *self,
                    const CmChange *change)
{
  if ((change->kind & CM_CHANGE_SCENARIOS) && cm_change_touches_year (change, self->year))
    read_saved (self);
  if ((change->kind & (CM_CHANGE_BUDGET | CM_CHANGE_REQUIREMENTS | CM_CHANGE_CATALOGUE)) &&
      cm_change_touches_year (change, self->year))
    reload (self);
}

static void
map_cb (CmWhatIfView *self)
{
  if (self->stale || (self->what_if == NULL && self->cancellable == NULL))
    reload (self);
}

/* Actions */

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CmWhatIfView *self = CM_WHAT_IF_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  if (self->context == NULL || self->plan == NULL)
    return;

  /* Translators: what Undo takes back */
  label = g_strdup (_("Apply What-If"));
  message = g_strdup_printf (ngettext ("Cancelled %u deferred commission", "Cancelled %u deferred commissions",
                                       self->plan->deferred->len), self->plan->deferred->len);
  cm_context_begin_undoable (self->context);
  ok = cm_what_if_apply (cm_context_get_db (self->context), self->plan, &error);
  cm_context_end_undoable (self->context, ok ? label : NULL);
  if (!ok)
    {
      cm_dialogs_show_error (widget, _("Could Not Apply the Scenario"), error);
      return;
    }
  add_toast (self, cm_undo_toast_new (widget, self->context, message));
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CmWhatIfView *self = CM_WHAT_IF_VIEW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->streams_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    cm_what_if_row_set_change (CM_WHAT_IF_ROW (child), CM_WHAT_IF_UNCHANGED, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_group), FALSE);
  replan (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmWhatIfView *self = CM_WHAT_IF_VIEW (widget);
  g_autoptr(CmWhatIfScenario) scenario = current_scenario (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *trimmed = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  GDate today;

  if (self->context == NULL)
    return;

  cm_budget_today (&today);
  if (cm_what_if_save_scenario (cm_context_get_db (self->context), self->year, name, scenario, &today, &error) == 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_entry), "error");
      add_toast (self, adw_toast_new (error->message));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_entry), "error");
  trimmed = g_strstrip (g_strdup (name));
  message = g_strdup_printf (_("Saved “%s”"), trimmed);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  add_toast (self, adw_toast_new (message));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmWhatIfView *self = CM_WHAT_IF_VIEW (widget);
  const CmWhatIfSaved *saved = find_saved (self, g_variant_get_int64 (parameter));

  if (saved == NULL)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->streams_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      gint64 value = 0;
      CmWhatIfChange change = cm_what_if_scenario_get (saved->scenario,
                                                       cm_what_if_row_get_code (CM_WHAT_IF_ROW (child)), &value);

      cm_what_if_row_set_change (CM_WHAT_IF_ROW (child), change, value);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), saved->name);
  replan (self);
}

static char *
deferred_codes (const CmWhatIfPlan *plan,
                const CmWhatIfPlan *other)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < plan->deferred->len; i++)
    {
      const CmWhatIfCandidate *c = g_array_index (plan->deferred, CmWhatIfOutcome, i).candidate;
      gboolean in_other = FALSE;

      for (guint j = 0; j < other->deferred->len && !in_other; j++)
        in_other = g_array_index (other->deferred, CmWhatIfOutcome, j).candidate->commission_id == c->commission_id;
      if (!in_other)
        g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", c->code);
    }
  if (text->len == 0)
    g_string_append (text, _("None"));
  return g_string_free (text, FALSE);
}

/* This plan beside a saved one: each stream's Remaining, and what only
 * one of them defers. */
static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CmWhatIfView *self = CM_WHAT_IF_VIEW (widget);
  const CmWhatIfSaved *saved = find_saved (self, g_variant_get_int64 (parameter));
  g_autoptr(CmWhatIfPlan) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *here = NULL;
  g_autofree char *there = NULL;

  if (saved == NULL || self->what_if == NULL || self->plan == NULL)
    return;
  if (!(other = cm_what_if_run (self->what_if, saved->scenario, &error)))
    {
      add_toast (self, adw_toast_new (error->message));
      return;
    }

  clear_list (self->compare_list);
  for (guint i = 0; i < self->plan->streams->len && i < other->streams->len; i++)
    {
      const CmWhatIfStream *mine = g_ptr_array_index (self->plan->streams, i);
      const CmWhatIfStream *theirs = g_ptr_array_index (other->streams, i);
      g_autofree char *a = cm_money_format (mine->after->available_pence);
      g_autofree char *b = cm_money_format (theirs->after->available_pence);
      /* Translators: a stream's Remaining under the plan shown and under a saved scenario */
      g_autofree char *subtitle = g_strdup_printf (_("Remaining: %s here, %s in “%s”"), a, b, saved->name);

      gtk_list_box_append (self->compare_list, text_row (mine->code, subtitle));
    }
  here = deferred_codes (self->plan, other);
  there = deferred_codes (other, self->plan);
  gtk_list_box_append (self->compare_list, text_row (_("Deferred only here"), here));
  {
    g_autofree char *only_there = g_strdup_printf (_("Deferred only in “%s”"), saved->name);

    gtk_list_box_append (self->compare_list, text_row (only_there, there));
  }

  title = g_strdup_printf (_("Compared With “%s”"), saved->name);
  adw_preferences_group_set_title (self->compare_group, title);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_group), TRUE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CmWhatIfView *self = CM_WHAT_IF_VIEW (widget);
  const CmWhatIfSaved *saved = find_saved (self, g_variant_get_int64 (parameter));
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  if (saved == NULL || self->context == NULL)
    return;

  /* Translators: what Undo takes back; %s is a scenario's name */
  label = g_strdup_printf (_("Delete %s"), saved->name);
  message = g_strdup_printf (_("Deleted “%s”"), saved->name);
  cm_context_begin_undoable (self->context);
  ok = cm_what_if_delete_scenario (cm_context_get_db (self->context), saved->id, &error);
  cm_context_end_undoable (self->context, ok ? label : NULL);
  if (!ok)
    {
      cm_dialogs_show_error (widget, _("Could Not Delete the Scenario"), error);
      return;
    }
  add_toast (self, cm_undo_toast_new (widget, self->context, message));
}

/* Export */

typedef struct
{
  int               year;
  CmWhatIfScenario *scenario;
  char             *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  cm_what_if_scenario_free (job->scenario);
  g_free (job->path);
  g_free (job);
}

static gpointer
export_in_thread (CmDb          *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  ExportJob *job = data;
  GDate today;

  cm_budget_today (&today);
  if (!cm_export_what_if (db, job->year, job->scenario, &today, job->path, cancellable, error))
    return NULL;
  return g_strdup (job->path);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CmWhatIfView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cm_context_read_finish (CM_CONTEXT (source), result, &error);

  self->exporting = FALSE;
  update_actions (self);
  if (path == NULL)
    {
      cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Export the Scenario"), error);
      return;
    }
  {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *message = g_strdup_printf (_("Exported “%s”"), base);

    add_toast (self, adw_toast_new (message));
  }
}

static void
start_export (CmWhatIfView *self,
              const char   *path)
{
  ExportJob *job;

  if (self->context == NULL || self->exporting)
    return;

  job = g_new0 (ExportJob, 1);
  job->year = self->year;
  job->scenario = current_scenario (self);
  job->path = g_strdup (path);
  self->exporting = TRUE;
  update_actions (self);
  cm_context_read_async (self->context, export_in_thread, job, (GDestroyNotify) export_job_free,
                         g_free, NULL, exported_cb, g_object_ref (self));
}

static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  start_export (CM_WHAT_IF_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  CmWhatIfView *self = user_data;
  g_autoptr(GtkNativeDialog) owned = g_steal_pointer (&self->chooser);
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (path = cm_dialogs_file_chooser_get_path (owned)) != NULL)
    start_export (self, path);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CmWhatIfView *self = CM_WHAT_IF_VIEW (widget);
  g_autofree char *name = cm_export_what_if_suggest_name (self->year);

  if (self->chooser != NULL || self->exporting)
    return;

  self->chooser = cm_dialogs_file_chooser_new (widget, GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("Export Scenario"), _("_Export"), CM_FILE_FILTER_NONE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

/* The type */

static void
cm_what_if_view_dispose (GObject *object)
{
  CmWhatIfView *self = CM_WHAT_IF_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->context);
  g_clear_pointer (&self->plan, cm_what_if_plan_free);
  g_clear_pointer (&self->what_if, cm_what_if_unref);
  g_clear_pointer (&self->saved, g_ptr_array_unref);
  g_clear_pointer (&self->kept_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_WHAT_IF_VIEW);

  G_OBJECT_CLASS (cm_what_if_view_parent_class)->dispose (object);
}

static void
cm_what_if_view_class_init (CmWhatIfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_what_if_view_dispose;

  /**
   * CmWhatIfView::add-toast:
   * @toast: the toast to show
   */
  signals[ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/budget/cm-what-if-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfView, stack);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfView, streams_list);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfView, deferred_stack);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfView, deferred_list);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfView, unmet_group);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfView, unmet_list);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfView, kept_row);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfView, name_entry);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfView, saved_list);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfView, compare_group);
  gtk_widget_class_bind_template_child (widget_class, CmWhatIfView, compare_list);

  gtk_widget_class_install_action (widget_class, "what-if.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "what-if.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "what-if.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "what-if.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "what-if.compare", "x", compare_action);
  gtk_widget_class_install_action (widget_class, "what-if.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "what-if.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "what-if.export-to", "s", export_to_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_what_if_view_init (CmWhatIfView *self)
{
  self->year = 2010;
  self->kept_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
  update_actions (self);
}

void
cm_what_if_view_set_context (CmWhatIfView *self,
                             CmContext    *context)
{
  g_return_if_fail (CM_IS_WHAT_IF_VIEW (self));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (self->context, context_changed_cb, self);
  g_set_object (&self->context, context);
  g_clear_pointer (&self->plan, cm_what_if_plan_free);
  g_clear_pointer (&self->what_if, cm_what_if_unref);
  if (self->context != NULL)
    g_signal_connect_object (self->context, "changed", G_CALLBACK (context_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
  reload (self);
}

void
cm_what_if_view_set_year (CmWhatIfView *self,
                          int           year)
{
  g_return_if_fail (CM_IS_WHAT_IF_VIEW (self));

  if (self->year == year)
    return;
  self->year = year;
  /* Another year's streams: its cuts start again. */
  clear_list (self->streams_list);
  g_clear_pointer (&self->plan, cm_what_if_plan_free);
  g_clear_pointer (&self->what_if, cm_what_if_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_group), FALSE);
  update_actions (self);
  reload (self);
}

CmWhatIfRow *
cm_what_if_view_get_row (CmWhatIfView *self,
                         const char   *code)
{
  g_return_val_if_fail (CM_IS_WHAT_IF_VIEW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->streams_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (cm_what_if_row_get_code (CM_WHAT_IF_ROW (child)), code))
      return CM_WHAT_IF_ROW (child);
  return NULL;
}

const CmWhatIfPlan *
cm_what_if_view_get_plan (CmWhatIfView *self)
{
  g_return_val_if_fail (CM_IS_WHAT_IF_VIEW (self), NULL);

  return self->plan;
}

char *
cm_what_if_view_get_deferred_text (CmWhatIfView *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (CM_IS_WHAT_IF_VIEW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->deferred_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child));
      const char *dash = strstr (title, " — ");

      g_string_append_printf (text, "%s%.*s", text->len > 0 ? " " : "",
                              dash != NULL ? (int) (dash - title) : (int) strlen (title), title);
    }
  return g_string_free (text, FALSE);
}

GtkEntry *
cm_what_if_view_get_name_entry (CmWhatIfView *self)
{
  g_return_val_if_fail (CM_IS_WHAT_IF_VIEW (self), NULL);

  return self->name_entry;
}

const char *
cm_what_if_view_get_state (CmWhatIfView *self)
{
  g_return_val_if_fail (CM_IS_WHAT_IF_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
