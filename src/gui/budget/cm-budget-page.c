/* cm-budget-page.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cm-budget-page.h"
#include "cm-budget-util.h"
#include "cm-dialogs.h"
#include "cm-commission-editor.h"
#include "cm-fiscal.h"
#include "cm-funding-dialog.h"
#include "cm-stream-editor.h"
#include "cm-transaction-editor.h"
#include "cm-what-if-view.h"
#include "cm-undo.h"

/* The Budget page: for the financial year of the cycle chosen in the
 * header bar, the funding streams against what is planned and spent, the
 * commissions and the spend. Every change goes through cm-budget, which
 * announces it; the page reloads on the context's "changed", whoever made
 * the change. The page's actions
 * (budget.*) are what its buttons, rows and tests use. */
struct _CmBudgetPage
{
  GtkWidget                 parent_instance;

  /* Template widgets */
  GtkStack                 *stack;
  GtkSpinner               *loading_spinner;
  AdwStatusPage            *status_page;
  GtkButton                *copy_streams_button;
  GtkButton                *import_button;
  GtkLabel                 *title_label;
  GtkStack                 *views_stack;
  CmBudgetStreamsView      *streams_view;
  CmBudgetCommissionsView  *commissions_view;
  CmBudgetTransactionsView *transactions_view;
  CmWhatIfView             *what_if_view;

  CmContext                *context;
  GSettings                *settings;
  int                       year;
  int                       copy_from;     /* the latest earlier year with streams, or 0 */
  GPtrArray                *streams;       /* of CmBudgetStream, the year's */
  GPtrArray                *commissions;   /* of CmBudgetCommission, the year's */
  CmTransactionList        *transactions;  /* the year's spend, following changes itself */
  GCancellable             *reading;       /* the figures being read, if they are */
  guint                     reload_source;
  gboolean                  stale;         /* to read when next shown */

  /* What Undo puts back: the last stream or transaction deleted. */
};

G_DEFINE_FINAL_TYPE (CmBudgetPage, cm_budget_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWindow *
parent_window (CmBudgetPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Takes @toast, shown over the whole window by whoever holds the page. */
static void
add_toast (CmBudgetPage *self,
           AdwToast     *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
  g_object_unref (toast);
}

static void
view_add_toast_cb (CmBudgetPage *self,
                   AdwToast     *toast)
{
  add_toast (self, g_object_ref (toast));
}

static gboolean
writable (CmBudgetPage *self)
{
  return self->context != NULL && !cm_context_is_read_only (self->context);
}

static void
update_actions (CmBudgetPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean can_write = writable (self);
  gboolean has_streams = self->streams != NULL && self->streams->len > 0;

  gtk_widget_action_set_enabled (widget, "budget.add-stream", can_write);
  gtk_widget_action_set_enabled (widget, "budget.copy-streams", can_write && !has_streams && self->copy_from > 0);
  gtk_widget_action_set_enabled (widget, "budget.delete-stream", can_write);
  gtk_widget_action_set_enabled (widget, "budget.add-commission", can_write);
  gtk_widget_action_set_enabled (widget, "budget.suggest-funding", can_write && has_streams);
  gtk_widget_action_set_enabled (widget, "budget.add-transaction", can_write);
  gtk_widget_action_set_enabled (widget, "budget.delete-transaction", can_write);
  gtk_widget_action_set_enabled (widget, "budget.undo",
                                 can_write && cm_history_can_undo (cm_context_get_history (self->context)));
  gtk_widget_action_set_enabled (widget, "budget.redo",
                                 can_write && cm_history_can_redo (cm_context_get_history (self->context)));
}

static void
show_load_error (CmBudgetPage *self,
                 const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  adw_status_page_set_title (self->status_page, _("Could Not Read the Budget"));
  adw_status_page_set_description (self->status_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* What the page shows besides the spend, read in a worker thread: a
 * county's year takes longer than a frame. */
typedef struct
{
  GPtrArray       *streams;
  GPtrArray       *commissions;
  GPtrArray       *warnings;
  CmBudgetSummary *summary;
  int              copy_from;  /* for a year without streams: where to start it from */
} YearFigures;

static void
year_figures_free (gpointer pointer)
{
  YearFigures *figures = pointer;

  g_clear_pointer (&figures->streams, g_ptr_array_unref);
  g_clear_pointer (&figures->commissions, g_ptr_array_unref);
  g_clear_pointer (&figures->warnings, g_ptr_array_unref);
  g_clear_pointer (&figures->summary, cm_budget_summary_free);
  g_free (figures);
}

static gpointer
read_year_figures (CmDb          *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  int year = GPOINTER_TO_INT (data);
  YearFigures *figures = g_new0 (YearFigures, 1);
  GDate today;

  cm_budget_today (&today);

  if (!(figures->streams = cm_budget_list_streams (db, year, error)) ||
      !(figures->commissions = cm_budget_list_commissions (db, year, error)) ||
      !cm_budget_summary_and_warnings (db, year, &today, &figures->summary, &figures->warnings, error) ||
      (figures->streams->len == 0 && !cm_budget_previous_stream_year (db, year, &figures->copy_from, error)))
    {
      year_figures_free (figures);
      return NULL;
    }

  return figures;
}

static void
show_year (CmBudgetPage *self,
           YearFigures  *figures)
{
  g_autofree char *year_label = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  g_clear_pointer (&self->streams, g_ptr_array_unref);
  self->streams = g_ptr_array_ref (figures->streams);
  g_clear_pointer (&self->commissions, g_ptr_array_unref);
  self->commissions = g_ptr_array_ref (figures->commissions);

  year_label = cm_fiscal_year_label (self->year);
  /* Translators: the Budget page's heading: "Budget 2010/11" */
  title = g_strdup_printf (_("Budget %s"), year_label);
  gtk_label_set_text (self->title_label, title);

  adw_status_page_set_title (self->status_page, _("No Budget Yet"));
  /* Translators: %s is a financial year such as "2010/11" */
  description = g_strdup_printf (_("There are no funding streams for %s yet. Import your funding streams, "
                                   "commissions and spend, or add a stream, to see what is committed, "
                                   "spent and still available in each grant."),
                                 year_label);
  adw_status_page_set_description (self->status_page, description);

  /* A new year starts from the last one's streams, the usual way a
   * financial year begins: the same grants, allocations to come. */
  self->copy_from = figures->copy_from;
  if (self->copy_from > 0)
    {
      g_autofree char *from_label = cm_fiscal_year_label (self->copy_from);
      g_autofree char *copy_label = NULL;

      /* Translators: a button: "Start 2011/12 from 2010/11" */
      copy_label = g_strdup_printf (_("_Start %s from %s"), year_label, from_label);
      gtk_button_set_label (self->copy_streams_button, copy_label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->copy_streams_button), self->copy_from > 0);
  /* One suggested action at a time. */
  if (self->copy_from > 0)
    gtk_widget_remove_css_class (GTK_WIDGET (self->import_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->import_button), "suggested-action");

  cm_budget_streams_view_set_data (self->streams_view, figures->summary, figures->warnings);
  cm_budget_commissions_view_set_data (self->commissions_view, self->year, figures->commissions, figures->streams);

  /* The first figures replace the spinner at once, not by a fade. */
  gtk_stack_set_visible_child_full (self->stack, figures->streams->len > 0 ? "budget" : "empty",
                                    g_str_equal (gtk_stack_get_visible_child_name (self->stack), "loading")
                                    ? GTK_STACK_TRANSITION_TYPE_NONE
                                    : GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  update_actions (self);
}

static void
read_year_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CmBudgetPage) self = user_data;
  g_autoptr(GError) error = NULL;
  YearFigures *figures;

  figures = cm_context_read_finish (CM_CONTEXT (object), result, &error);

  /* Superseded by a newer read: another year, or the data changed again. */
  if (g_task_get_cancellable (G_TASK (result)) != self->reading)
    {
      g_clear_pointer (&figures, year_figures_free);
      return;
    }
  g_clear_object (&self->reading);

  if (figures == NULL)
    {
      show_load_error (self, error);
      return;
    }

  show_year (self, figures);
  year_figures_free (figures);
}

/* Reads the year's figures again; the spend list follows by itself. A
 * page out of sight reads when it is next shown: the window opens on
 * another page, and a county's budget need not hold it up. */
static void
reload (CmBudgetPage *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;

  if (self->transactions == NULL && self->context != NULL)
    {
      self->transactions = cm_transaction_list_new (self->context, self->year);
      cm_budget_transactions_view_set_list (self->transactions_view, self->transactions);
    }

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);

  if (self->context == NULL)
    return;

  self->reading = g_cancellable_new ();
  cm_context_read_async (self->context, read_year_figures, GINT_TO_POINTER (self->year), NULL,
                         year_figures_free, self->reading,
                         read_year_done_cb, g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  CmBudgetPage *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* One write announces several changes (a commission and its splits):
 * the figures are read again once, after the writer has returned. */
static void
context_changed_cb (CmBudgetPage   *self,
                    const CmChange *change)
{
  if (!(change->kind & (CM_CHANGE_BUDGET | CM_CHANGE_CATALOGUE)) ||
      !cm_change_touches_year (change, self->year) ||
      self->reload_source != 0)
    return;

  self->reload_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reload_cb, self, NULL);
}

/* Undo and Redo take back any recorded action, here or elsewhere in the
 * window, from the context's history (HACKING.md, "Undo"). The page has
 * its own actions so Ctrl+Z works wherever the page is shown. */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);

  if (self->context != NULL)
    cm_undo_activate (widget, self->context, g_str_equal (action_name, "budget.redo"));
}

static void
history_changed_cb (CmBudgetPage *self)
{
  update_actions (self);
}

/* Shows @message with an Undo button for the action just recorded. */
static void
offer_undo (CmBudgetPage *self,
            const char   *message)
{
  add_toast (self, cm_undo_toast_new (GTK_WIDGET (self), self->context, message));
}

/* Streams */

static const CmBudgetStream *
find_stream (CmBudgetPage *self,
             gint64        id)
{
  for (guint i = 0; self->streams != NULL && i < self->streams->len; i++)
    {
      const CmBudgetStream *stream = g_ptr_array_index (self->streams, i);

      if (stream->id == id)
        return stream;
    }

  return NULL;
}

static void
add_stream_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);
  CmStreamEditor *editor;

  if (self->context == NULL)
    return;

  editor = cm_stream_editor_new (parent_window (self), self->context, NULL, self->year);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_stream_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);
  const CmBudgetStream *stream = find_stream (self, g_variant_get_int64 (parameter));
  CmStreamEditor *editor;

  if (self->context == NULL || stream == NULL)
    return;

  editor = cm_stream_editor_new (parent_window (self), self->context, stream, self->year);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
delete_stream_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(CmBudgetStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *label = NULL;

  if (self->context == NULL)
    return;

  if (!(stream = cm_budget_get_stream (cm_context_get_db (self->context), id, &error)))
    {
      cm_dialogs_show_error (widget, _("Could Not Delete the Funding Stream"), error);
      return;
    }

  /* Translators: %s is a funding stream's code */
  message = g_strdup_printf (_("Deleted “%s”"), stream->code);
  /* Translators: what Undo takes back; %s is a funding stream's code */
  label = g_strdup_printf (_("Delete %s"), stream->code);
  cm_context_begin_undoable (self->context);
  if (!cm_budget_delete_stream (cm_context_get_db (self->context), id, &error))
    {
      cm_context_end_undoable (self->context, NULL);
      cm_dialogs_show_error (widget, _("Could Not Delete the Funding Stream"), error);
      return;
    }
  cm_context_end_undoable (self->context, label);
  offer_undo (self, message);
}

/* Starts the year shown from the streams of the latest earlier year that
 * has some. A few rows: written here like any other edit, and the page
 * shows them when the write is announced. */
static void
copy_streams_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);
  g_autoptr(GPtrArray) copied = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from_label = NULL;
  g_autofree char *to_label = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;

  if (self->context == NULL || self->copy_from <= 0)
    return;

  from_label = cm_fiscal_year_label (self->copy_from);
  to_label = cm_fiscal_year_label (self->year);
  /* Translators: what Undo takes back: "Start 2011/12 from 2010/11" */
  label = g_strdup_printf (_("Start %s from %s"), to_label, from_label);
  cm_context_begin_undoable (self->context);
  if (!cm_budget_copy_streams (cm_context_get_db (self->context), self->copy_from, self->year,
                               &copied, NULL, &error))
    {
      cm_context_end_undoable (self->context, NULL);
      cm_dialogs_show_error (widget, _("Could Not Start the Year"), error);
      return;
    }
  cm_context_end_undoable (self->context, label);

  /* Translators: a toast: "Copied 9 funding streams from 2010/11: set their allocations" */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Copied %u funding stream from %s: set its allocation",
                                          "Copied %u funding streams from %s: set their allocations",
                                          copied->len),
                             copied->len, from_label);
  offer_undo (self, message);
}

/* Commissions */

static void
add_commission_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);
  CmCommissionEditor *editor;
  int half;

  if (self->context == NULL || self->streams == NULL)
    return;

  /* A new commission is for the cycle chosen in the header, when that is
   * in the year shown. */
  half = g_settings_get_int (self->settings, "last-year") == self->year
    ? g_settings_get_int (self->settings, "last-half") : 1;
  editor = cm_commission_editor_new (parent_window (self), self->context, NULL, self->year, half, self->streams);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_commission_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);
  g_autoptr(CmBudgetCommission) commission = NULL;
  g_autoptr(GError) error = NULL;
  CmCommissionEditor *editor;

  if (self->context == NULL || self->streams == NULL)
    return;

  commission = cm_budget_get_commission (cm_context_get_db (self->context),
                                         g_variant_get_int64 (parameter), &error);
  if (commission == NULL)
    {
      cm_dialogs_show_error (widget, _("Could Not Open the Commission"), error);
      return;
    }

  editor = cm_commission_editor_new (parent_window (self), self->context, commission,
                                     commission->year, commission->half, self->streams);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
funding_response_cb (CmFundingDialog *dialog,
                     const char      *response,
                     CmBudgetPage    *self)
{
  g_autoptr(GPtrArray) proposal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) commissions = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "apply") != 0 || self->context == NULL)
    return;

  proposal = cm_funding_dialog_get_proposal (dialog);
  if (proposal->len == 0)
    return;

  commissions = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < proposal->len; i++)
    g_hash_table_add (commissions, ((CmBudgetProposal *) g_ptr_array_index (proposal, i))->commission_code);
  message = g_strdup_printf (ngettext ("Funding added to %u commission", "Funding added to %u commissions",
                                       g_hash_table_size (commissions)),
                             g_hash_table_size (commissions));

  cm_context_begin_undoable (self->context);
  if (!cm_budget_apply_proposal (cm_context_get_db (self->context), proposal, &error))
    {
      cm_context_end_undoable (self->context, NULL);
      cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Add the Funding"), error);
      return;
    }
  cm_context_end_undoable (self->context, message);
  offer_undo (self, message);
}

static void
suggest_funding_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) proposal = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  CmFundingDialog *dialog;
  GDate today;
  GDate year_end;

  if (self->context == NULL)
    return;

  ids = cm_budget_commissions_view_get_suggest_ids (self->commissions_view);
  if (ids->len == 0)
    {
      add_toast (self, adw_toast_new (_("Every commission shown is fully funded")));
      return;
    }

  /* A year that is over is planned as at its last day; otherwise every
   * stream would have expired and nothing could be suggested. */
  cm_budget_today (&today);
  cm_fiscal_year_bounds (self->year, NULL, &year_end);
  if (g_date_compare (&today, &year_end) > 0)
    today = year_end;

  if (!cm_budget_suggest_funding (cm_context_get_db (self->context), self->year,
                                  (const gint64 *) (gpointer) ids->data, ids->len,
                                  &today, &proposal, &outcomes, &error))
    {
      cm_dialogs_show_error (widget, _("Could Not Suggest Funding"), error);
      return;
    }

  dialog = cm_funding_dialog_new (parent_window (self), proposal, outcomes);
  g_signal_connect_object (dialog, "response", G_CALLBACK (funding_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Transactions */

static void
add_transaction_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);
  CmTransactionEditor *editor;

  if (self->context == NULL)
    return;

  editor = cm_transaction_editor_new (parent_window (self), self->context, NULL, self->year,
                                      self->commissions, self->streams);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_transaction_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);
  g_autoptr(CmBudgetTransaction) transaction = NULL;
  g_autoptr(GError) error = NULL;
  CmTransactionEditor *editor;

  if (self->context == NULL)
    return;

  transaction = cm_budget_get_transaction (cm_context_get_db (self->context),
                                           g_variant_get_int64 (parameter), &error);
  if (transaction == NULL)
    {
      cm_dialogs_show_error (widget, _("Could Not Open the Transaction"), error);
      return;
    }

  editor = cm_transaction_editor_new (parent_window (self), self->context, transaction, self->year,
                                      self->commissions, self->streams);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
delete_transaction_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(CmBudgetTransaction) transaction = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *label = NULL;

  if (self->context == NULL)
    return;

  if (!(transaction = cm_budget_get_transaction (cm_context_get_db (self->context), id, &error)))
    {
      cm_dialogs_show_error (widget, _("Could Not Delete the Transaction"), error);
      return;
    }

  /* Translators: %s is a transaction's reference, such as an invoice number */
  message = g_strdup_printf (_("Deleted “%s”"), transaction->reference);
  /* Translators: what Undo takes back; %s is a transaction's reference */
  label = g_strdup_printf (_("Delete %s"), transaction->reference);
  cm_context_begin_undoable (self->context);
  if (!cm_budget_delete_transaction (cm_context_get_db (self->context), id, &error))
    {
      cm_context_end_undoable (self->context, NULL);
      cm_dialogs_show_error (widget, _("Could Not Delete the Transaction"), error);
      return;
    }
  cm_context_end_undoable (self->context, label);
  offer_undo (self, message);
}

/* Navigation */

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (gtk_stack_get_child_by_name (self->views_stack, name) != NULL)
    gtk_stack_set_visible_child_name (self->views_stack, name);
}

/* Shows just the commissions named, such as those the needs analysis has
 * just created. */
static void
show_commissions_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);
  g_autofree const char **codes = g_variant_get_strv (parameter, NULL);

  gtk_stack_set_visible_child_name (self->views_stack, "commissions");
  cm_budget_commissions_view_show_only (self->commissions_view, codes);
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);
  const char *kind = NULL;
  const char *subject = NULL;

  g_variant_get (parameter, "(&s&s)", &kind, &subject);

  if (g_str_equal (kind, "stream"))
    {
      gtk_stack_set_visible_child_name (self->views_stack, "streams");
      cm_budget_streams_view_select_stream (self->streams_view, subject);
    }
  else if (g_str_equal (kind, "commission"))
    {
      gtk_stack_set_visible_child_name (self->views_stack, "commissions");
      cm_budget_commissions_view_select_commission (self->commissions_view, subject);
    }
  else if (g_str_equal (kind, "transaction"))
    {
      gtk_stack_set_visible_child_name (self->views_stack, "transactions");
      cm_budget_transactions_view_select_transaction (self->transactions_view, subject);
    }
}

/* Object */

static void
cm_budget_page_map (GtkWidget *widget)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (widget);

  GTK_WIDGET_CLASS (cm_budget_page_parent_class)->map (widget);

  if (self->stale)
    reload (self);
}

static void
cm_budget_page_dispose (GObject *object)
{
  CmBudgetPage *self = (CmBudgetPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_BUDGET_PAGE);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_object (&self->transactions);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->streams, g_ptr_array_unref);
  g_clear_pointer (&self->commissions, g_ptr_array_unref);

  G_OBJECT_CLASS (cm_budget_page_parent_class)->dispose (object);
}

static void
cm_budget_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_budget_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      cm_budget_page_set_context (self, g_value_get_object (value));
      break;

    case PROP_YEAR:
      cm_budget_page_set_year (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_budget_page_class_init (CmBudgetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_budget_page_dispose;
  widget_class->map = cm_budget_page_map;
  object_class->get_property = cm_budget_page_get_property;
  object_class->set_property = cm_budget_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* The financial year shown; it follows the cycle chosen in the window. */
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL,
                      1, G_MAXUINT16 - 1, 2010,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CmBudgetPage::add-toast:
   * @self: the page
   * @toast: what to show
   *
   * Asks for @toast to be shown over the window the page is in.
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (CM_TYPE_BUDGET_STREAMS_VIEW);
  g_type_ensure (CM_TYPE_BUDGET_COMMISSIONS_VIEW);
  g_type_ensure (CM_TYPE_BUDGET_TRANSACTIONS_VIEW);
  g_type_ensure (CM_TYPE_WHAT_IF_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/budget/cm-budget-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CmBudgetPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetPage, copy_streams_button);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetPage, views_stack);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetPage, streams_view);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetPage, commissions_view);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetPage, transactions_view);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetPage, what_if_view);

  gtk_widget_class_install_action (widget_class, "budget.add-stream", NULL, add_stream_action);
  gtk_widget_class_install_action (widget_class, "budget.edit-stream", "x", edit_stream_action);
  gtk_widget_class_install_action (widget_class, "budget.delete-stream", "x", delete_stream_action);
  gtk_widget_class_install_action (widget_class, "budget.copy-streams", NULL, copy_streams_action);
  gtk_widget_class_install_action (widget_class, "budget.add-commission", NULL, add_commission_action);
  gtk_widget_class_install_action (widget_class, "budget.edit-commission", "x", edit_commission_action);
  gtk_widget_class_install_action (widget_class, "budget.suggest-funding", NULL, suggest_funding_action);
  gtk_widget_class_install_action (widget_class, "budget.add-transaction", NULL, add_transaction_action);
  gtk_widget_class_install_action (widget_class, "budget.edit-transaction", "x", edit_transaction_action);
  gtk_widget_class_install_action (widget_class, "budget.delete-transaction", "x", delete_transaction_action);
  gtk_widget_class_install_action (widget_class, "budget.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "budget.undo", NULL);
  gtk_widget_class_install_action (widget_class, "budget.redo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "budget.redo", NULL);
  gtk_widget_class_install_action (widget_class, "budget.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "budget.show-commissions", "as", show_commissions_action);
  gtk_widget_class_install_action (widget_class, "budget.reveal", "(ss)", reveal_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_budget_page_init (CmBudgetPage *self)
{
  self->year = 2010;

  gtk_widget_init_template (GTK_WIDGET (self));
  cm_what_if_view_set_year (self->what_if_view, self->year);
  g_signal_connect_object (self->what_if_view, "add-toast", G_CALLBACK (view_add_toast_cb), self, G_CONNECT_SWAPPED);

  /* A spinning spinner animates even on a page out of sight, and each
   * of its frames lays out the whole window: it spins only while shown. */
  g_signal_connect (self->loading_spinner, "map", G_CALLBACK (gtk_spinner_start), NULL);
  g_signal_connect (self->loading_spinner, "unmap", G_CALLBACK (gtk_spinner_stop), NULL);

  /* The window keeps the chosen cycle in the settings. */
  self->settings = g_settings_new (BASE_APP_ID);
  g_settings_bind (self->settings, "last-year", self, "year",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_NO_SENSITIVITY);

  update_actions (self);
}

/**
 * cm_budget_page_get_context:
 * @self: a #CmBudgetPage
 *
 * Returns: (transfer none) (nullable): the context shown
 */
CmContext *
cm_budget_page_get_context (CmBudgetPage *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_PAGE (self), NULL);

  return self->context;
}

/**
 * cm_budget_page_set_context:
 * @self: a #CmBudgetPage
 * @context: (nullable): the context to show
 *
 * Sets the context the page shows and reloads.
 */
void
cm_budget_page_set_context (CmBudgetPage *self,
                            CmContext    *context)
{
  g_return_if_fail (CM_IS_BUDGET_PAGE (self));
  g_return_if_fail (context == NULL || CM_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->context, context_changed_cb, self);
      g_signal_handlers_disconnect_by_func (cm_context_get_history (self->context), history_changed_cb, self);
    }

  g_set_object (&self->context, context);
  if (self->context != NULL)
    g_signal_connect_object (cm_context_get_history (self->context), "notify::can-undo",
                             G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  if (self->context != NULL)
    g_signal_connect_object (cm_context_get_history (self->context), "notify::can-redo",
                             G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);

  g_clear_object (&self->transactions);
  cm_budget_transactions_view_set_list (self->transactions_view, NULL);
  cm_what_if_view_set_context (self->what_if_view, self->context);
  if (self->context != NULL)
    {
      g_signal_connect_object (self->context, "changed",
                               G_CALLBACK (context_changed_cb), self,
                               G_CONNECT_SWAPPED);
      reload (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * cm_budget_page_get_year:
 * @self: a #CmBudgetPage
 *
 * Returns: the financial year shown: 2010 for 2010/11
 */
int
cm_budget_page_get_year (CmBudgetPage *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_PAGE (self), 0);

  return self->year;
}

/**
 * cm_budget_page_set_year:
 * @self: a #CmBudgetPage
 * @year: a financial year
 *
 * Shows another financial year.
 */
void
cm_budget_page_set_year (CmBudgetPage *self,
                         int           year)
{
  g_return_if_fail (CM_IS_BUDGET_PAGE (self));

  if (self->year == year)
    return;

  self->year = year;
  if (self->transactions != NULL)
    cm_transaction_list_set_year (self->transactions, year);
  cm_what_if_view_set_year (self->what_if_view, year);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

/**
 * cm_budget_page_get_status_page:
 * @self: a #CmBudgetPage
 *
 * Returns: (transfer none): the empty state
 */
GtkWidget *
cm_budget_page_get_status_page (CmBudgetPage *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_PAGE (self), NULL);

  return GTK_WIDGET (self->status_page);
}

/**
 * cm_budget_page_get_copy_streams_button:
 * @self: a #CmBudgetPage
 *
 * Returns: (transfer none): the empty state's button that starts the year
 *   from an earlier year's streams, shown when there is one
 */
GtkWidget *
cm_budget_page_get_copy_streams_button (CmBudgetPage *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_PAGE (self), NULL);

  return GTK_WIDGET (self->copy_streams_button);
}

/**
 * cm_budget_page_get_visible_view:
 * @self: a #CmBudgetPage
 *
 * Returns: "loading" while the year is first read, "empty" when it has
 *   no streams, otherwise the view shown: "streams", "commissions" or
 *   "transactions"
 */
const char *
cm_budget_page_get_visible_view (CmBudgetPage *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_PAGE (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    return "empty";
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0)
    return "loading";

  return gtk_stack_get_visible_child_name (self->views_stack);
}

/**
 * cm_budget_page_get_transaction_list:
 * @self: a #CmBudgetPage
 *
 * Returns: (transfer none) (nullable): the year's spend, as the spend
 *   list shows it
 */
CmTransactionList *
cm_budget_page_get_transaction_list (CmBudgetPage *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_PAGE (self), NULL);

  return self->transactions;
}

/**
 * cm_budget_page_get_streams_view:
 * @self: a #CmBudgetPage
 *
 * Returns: (transfer none): the streams overview
 */
CmBudgetStreamsView *
cm_budget_page_get_streams_view (CmBudgetPage *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_PAGE (self), NULL);

  return self->streams_view;
}

/**
 * cm_budget_page_get_commissions_view:
 * @self: a #CmBudgetPage
 *
 * Returns: (transfer none): the commissions list
 */
CmBudgetCommissionsView *
cm_budget_page_get_commissions_view (CmBudgetPage *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_PAGE (self), NULL);

  return self->commissions_view;
}

/**
 * cm_budget_page_get_transactions_view:
 * @self: a #CmBudgetPage
 *
 * Returns: (transfer none): the transactions list
 */
CmBudgetTransactionsView *
cm_budget_page_get_transactions_view (CmBudgetPage *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_PAGE (self), NULL);

  return self->transactions_view;
}

/**
 * cm_budget_page_get_what_if_view:
 * @self: a #CmBudgetPage
 *
 * Returns: (transfer none): the What If view
 */
CmWhatIfView *
cm_budget_page_get_what_if_view (CmBudgetPage *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_PAGE (self), NULL);

  return self->what_if_view;
}
