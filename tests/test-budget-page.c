/* test-budget-page.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cm-audit-dialog.h"
#include "cm-budget-page.h"
#include "cm-chart.h"
#include "cm-commission-editor.h"
#include "cm-commission-item.h"
#include "cm-fiscal.h"
#include "cm-field-error.h"
#include "cm-funding-dialog.h"
#include "cm-import.h"
#include "cm-money.h"
#include "cm-money-row.h"
#include "cm-search-drop-down.h"
#include "cm-split-row.h"
#include "cm-stream-editor.h"
#include "cm-transaction-editor.h"
#include "cm-transaction-item.h"
#include "cm-what-if-view.h"
#include "cm-test-ui.h"
#include "cm-test-util.h"

/* The Budget page on the example data, driven through its actions as a
 * person would drive it, with what it shows checked against cm-budget
 * and against figures worked out by hand.
 *
 * The commission used is WSPP-NVQ of the example data: NVQ Level 3 for
 * PVI practitioners, approved, one event of 24 days with 6 places at
 * £1,650.00 a place and £50.00 of materials, so a planned cost of
 * 6 × £1,700.00 = £10,200.00, of which CWDC-WSPP pays a fixed £8,000.00
 * and £2,200.00 is unfunded. */

#define COMMISSION     "WSPP-NVQ"
#define WSPP           "CWDC-WSPP"
#define CORE           "CORE"

typedef struct
{
  char         *dir;
  char         *path;
  CmContext    *context;
  GtkWindow    *window;
  CmBudgetPage *page;
} Fixture;






/* Fails with the message of any error dialog left open. */
static void
assert_no_error_dialog (void)
{
  GtkWindow *dialog = cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  if (dialog != NULL && !CM_IS_FUNDING_DIALOG (dialog))
    g_error ("unexpected dialog: %s: %s",
             adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
             adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
}

/* Closes @window with the action its Cancel button uses, discarding any
 * changes when asked, and checks that nothing keeps it alive. */
static void
close_and_finalize (gpointer window)
{
  GtkWindow *question;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  cm_test_iterate ();
  question = cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  if (question != NULL)
    {
      g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==, "Discard Changes?");
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "discard");
      gtk_window_destroy (question);
      cm_test_iterate ();
    }
  g_assert_finalize_object (window);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cm-test-budget-page-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->path = g_build_filename (fixture->dir, "budget.db", NULL);
  fixture->context = cm_context_new_for_path (fixture->path, &error);
  g_assert_no_error (error);
  cm_test_watch_context (fixture->context);
  g_assert_true (cm_context_load_demo (fixture->context, &error));
  g_assert_no_error (error);

  fixture->page = g_object_new (CM_TYPE_BUDGET_PAGE, "context", fixture->context, NULL);
  fixture->window = GTK_WINDOW (g_object_ref (gtk_window_new ()));
  gtk_window_set_default_size (fixture->window, 1280, 800);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  cm_test_wait_for_mapped (GTK_WIDGET (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GtkWindow *toast_free;

  gtk_window_destroy (fixture->window);
  cm_test_iterate ();
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->context);

  /* No editor or dialog may outlive its test. */
  toast_free = cm_test_find_toplevel (GTK_TYPE_WINDOW);
  g_assert_null (toast_free);

  cm_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static CmDb *
db_of (Fixture *fixture)
{
  return cm_context_get_db (fixture->context);
}

static CmBudgetSummary *
summary_of (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CmBudgetSummary *summary = cm_budget_summary (db_of (fixture), 2010, &error);

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static const CmBudgetFigures *
figures_of (const CmBudgetSummary *summary,
            const char            *code)
{
  for (guint i = 0; i < summary->streams->len; i++)
    {
      const CmBudgetFigures *figures = g_ptr_array_index (summary->streams, i);

      if (g_strcmp0 (figures->code, code) == 0)
        return figures;
    }

  g_error ("no stream %s", code);
  return NULL;
}

static GPtrArray *
warnings_of (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *warnings;
  GDate today;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  warnings = cm_budget_warnings (db_of (fixture), 2010, &today, &error);
  g_assert_no_error (error);
  return warnings;
}

static gboolean
has_warning (GPtrArray  *warnings,
             const char *kind,
             const char *subject)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      const CmBudgetWarning *warning = g_ptr_array_index (warnings, i);

      if (g_str_equal (warning->kind, kind) && g_str_equal (warning->subject, subject))
        return TRUE;
    }

  return FALSE;
}

static CmBudgetCommission *
commission_by_code (Fixture    *fixture,
                    const char *code)
{
  g_autoptr(GPtrArray) commissions = NULL;
  g_autoptr(GError) error = NULL;

  commissions = cm_budget_list_commissions (db_of (fixture), 2010, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < commissions->len; i++)
    {
      const CmBudgetCommission *commission = g_ptr_array_index (commissions, i);

      if (g_str_equal (commission->code, code))
        return cm_budget_commission_copy (commission);
    }

  g_error ("no commission %s", code);
  return NULL;
}

/* What the page shows for a stream's figure. */
static const char *
shown (Fixture        *fixture,
       const char     *code,
       CmStreamFigure  figure)
{
  CmBudgetStreamsView *view = cm_budget_page_get_streams_view (fixture->page);
  CmStreamRow *row = cm_budget_streams_view_get_row (view, code);

  g_assert_nonnull (row);
  return cm_stream_row_get_figure_text (row, figure);
}

static void
assert_shown_money (Fixture        *fixture,
                    const char     *code,
                    CmStreamFigure  figure,
                    gint64          pence)
{
  g_autofree char *expected = cm_money_format (pence);

  g_assert_cmpstr (shown (fixture, code, figure), ==, expected);
}

/* The warnings list shows cm_budget_warnings(), one row each, in order. */
static void
assert_warnings_shown (Fixture *fixture)
{
  CmBudgetStreamsView *view = cm_budget_page_get_streams_view (fixture->page);
  g_autoptr(GPtrArray) warnings = warnings_of (fixture);

  g_assert_cmpuint (cm_budget_streams_view_get_n_warnings (view), ==, warnings->len);
  for (guint i = 0; i < warnings->len; i++)
    {
      const CmBudgetWarning *warning = g_ptr_array_index (warnings, i);
      AdwActionRow *row = cm_budget_streams_view_get_warning_row (view, i);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, warning->message);
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), warning->subject));
    }
}

static void
test_budget_page_streams (Fixture       *fixture,
                          gconstpointer  user_data)
{
  CmBudgetStreamsView *view = cm_budget_page_get_streams_view (fixture->page);
  g_autoptr(CmBudgetSummary) summary = summary_of (fixture);
  CmStreamRow *total_row = cm_budget_streams_view_get_total_row (view);
  CmChart *allocation_chart = cm_budget_streams_view_get_allocation_chart (view);
  CmChart *quarter_chart = cm_budget_streams_view_get_quarter_chart (view);
  const CmBudgetFigures *youth;
  CmStreamBar *bar;
  g_autofree char *description = NULL;
  gint64 quarter_sum = 0;

  g_assert_cmpint (cm_budget_page_get_year (fixture->page), ==, 2010);
  g_assert_cmpstr (cm_budget_page_get_visible_view (fixture->page), ==, "streams");
  g_assert_false (gtk_widget_get_mapped (cm_budget_page_get_status_page (fixture->page)));

  /* The example year has the reference case's streams, every one shown
   * with the figures cm-budget works out, to the penny. */
  g_assert_cmpuint (summary->streams->len, >=, 3);
  for (guint i = 0; i < summary->streams->len; i++)
    {
      const CmBudgetFigures *figures = g_ptr_array_index (summary->streams, i);
      g_autofree char *pvi_number = cm_budget_format_percent (figures->planned_pvi_bp);
      g_autofree char *pvi = g_strdup_printf ("%s%%", pvi_number);

      assert_shown_money (fixture, figures->code, CM_STREAM_FIGURE_ALLOCATION, figures->allocation_pence);
      assert_shown_money (fixture, figures->code, CM_STREAM_FIGURE_PROPOSED, figures->proposed_pence);
      assert_shown_money (fixture, figures->code, CM_STREAM_FIGURE_COMMITTED, figures->committed_pence);
      assert_shown_money (fixture, figures->code, CM_STREAM_FIGURE_ACTUAL, figures->actual_pence);
      assert_shown_money (fixture, figures->code, CM_STREAM_FIGURE_FORECAST, figures->forecast_pence);
      assert_shown_money (fixture, figures->code, CM_STREAM_FIGURE_VARIANCE, figures->variance_pence);
      assert_shown_money (fixture, figures->code, CM_STREAM_FIGURE_AVAILABLE, figures->available_pence);
      g_assert_cmpstr (shown (fixture, figures->code, CM_STREAM_FIGURE_PVI), ==, pvi);

      g_assert_cmpint (cm_chart_get_value (allocation_chart, 0, i), ==, figures->allocation_pence);
      g_assert_cmpint (cm_chart_get_value (allocation_chart, 1, i), ==, figures->forecast_pence);
    }
  g_assert_cmpuint (cm_chart_get_n_categories (allocation_chart), ==, summary->streams->len);

  /* The Total line is the totals row. */
  g_assert_nonnull (total_row);
  g_assert_null (cm_stream_row_get_code (total_row));
  {
    g_autofree char *allocation = cm_money_format (summary->totals->allocation_pence);
    g_autofree char *available = cm_money_format (summary->totals->available_pence);

    g_assert_cmpstr (cm_stream_row_get_figure_text (total_row, CM_STREAM_FIGURE_ALLOCATION), ==, allocation);
    g_assert_cmpstr (cm_stream_row_get_figure_text (total_row, CM_STREAM_FIGURE_AVAILABLE), ==, available);
  }

  /* The bar splits the allocation as Actual, Forecast − Actual, Proposed
   * and what is left; an over-committed stream shows the overrun. */
  youth = figures_of (summary, "CWDC-YOUTH");
  bar = cm_stream_row_get_bar (cm_budget_streams_view_get_row (view, "CWDC-YOUTH"));
  g_assert_cmpint (cm_stream_bar_get_part (bar, CM_STREAM_BAR_ACTUAL), ==, MAX (0, youth->actual_pence));
  g_assert_cmpint (cm_stream_bar_get_part (bar, CM_STREAM_BAR_COMMITTED), ==,
                   MAX (0, youth->forecast_pence - MAX (0, youth->actual_pence)));
  g_assert_cmpint (cm_stream_bar_get_part (bar, CM_STREAM_BAR_PROPOSED), ==, youth->proposed_pence);
  if (youth->forecast_pence + youth->proposed_pence > youth->allocation_pence)
    {
      g_assert_true (cm_stream_bar_is_over (bar));
      g_assert_cmpint (cm_stream_bar_get_part (bar, CM_STREAM_BAR_OVER), ==,
                       youth->forecast_pence + youth->proposed_pence - youth->allocation_pence);
    }

  /* Spend by quarter adds up to all the year's spend: the streams'
   * Actual plus what no stream got. */
  for (guint q = 0; q < cm_chart_get_n_categories (quarter_chart); q++)
    quarter_sum += cm_chart_get_value (quarter_chart, 1, q);
  g_assert_cmpint (quarter_sum, ==, summary->totals->actual_pence + summary->unallocated_pence);

  description = cm_chart_describe (allocation_chart);
  g_assert_nonnull (strstr (description, "CWDC-YOUTH:"));

  assert_warnings_shown (fixture);
}

static void
test_budget_page_reveal (Fixture       *fixture,
                         gconstpointer  user_data)
{
  CmBudgetStreamsView *view = cm_budget_page_get_streams_view (fixture->page);
  CmBudgetCommissionsView *commissions = cm_budget_page_get_commissions_view (fixture->page);
  g_autoptr(CmBudgetCommission) commission = commission_by_code (fixture, COMMISSION);
  g_autoptr(GPtrArray) warnings = warnings_of (fixture);
  guint index = G_MAXUINT;

  /* WSPP-NVQ is approved with £2,200.00 unfunded: a warning. */
  g_assert_cmpint (commission->unfunded_pence, ==, 220000);
  for (guint i = 0; i < warnings->len; i++)
    {
      const CmBudgetWarning *warning = g_ptr_array_index (warnings, i);

      if (g_str_equal (warning->kind, "unfunded") && g_str_equal (warning->subject, COMMISSION))
        index = i;
    }
  g_assert_cmpuint (index, !=, G_MAXUINT);

  /* Choosing the warning shows the commission, even when the filter hid it. */
  cm_budget_commissions_view_set_filters (commissions, NULL, "proposed", NULL, 0);
  adw_action_row_activate (cm_budget_streams_view_get_warning_row (view, index));
  cm_test_iterate ();
  g_assert_cmpstr (cm_budget_page_get_visible_view (fixture->page), ==, "commissions");
  g_assert_cmpint (cm_budget_commissions_view_get_selected_id (commissions), ==, commission->id);

  /* A stream's warning selects the stream's line. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.reveal", "(ss)",
                                             "stream", WSPP));
  cm_test_iterate ();
  g_assert_cmpstr (cm_budget_page_get_visible_view (fixture->page), ==, "streams");
  g_assert_cmpstr (cm_budget_streams_view_get_selected (view), ==, WSPP);
}

static void
test_budget_page_commission_editor (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(CmBudgetSummary) before = summary_of (fixture);
  g_autoptr(CmBudgetSummary) after = NULL;
  g_autoptr(CmBudgetCommission) commission = commission_by_code (fixture, COMMISSION);
  g_autoptr(CmBudgetCommission) saved = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  CmCommissionEditor *editor;
  CmSplitRow *wspp_row;
  CmSplitRow *core_row;
  gint64 wspp_committed;
  gint64 core_committed;

  g_assert_true (has_warning (warnings = warnings_of (fixture), "unfunded", COMMISSION));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Open the editor as activating the row does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.edit-commission", "x",
                                             commission->id));
  editor = CM_COMMISSION_EDITOR (cm_test_find_toplevel (CM_TYPE_COMMISSION_EDITOR));
  g_assert_nonnull (editor);
  g_object_ref (editor);
  cm_test_wait_for_mapped (GTK_WIDGET (editor));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == fixture->window);

  g_assert_cmpstr (cm_commission_editor_get_planned_text (editor), ==, "£10,200.00");
  g_assert_cmpstr (cm_commission_editor_get_remaining_text (editor), ==, "£2,200.00");
  g_assert_cmpuint (cm_commission_editor_get_n_splits (editor), ==, 1);

  /* Costs. 8 places at £1,700.00 = £13,600.00, shown as it is typed. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cm_commission_editor_get_field (editor, "places")), 8);
  g_assert_cmpstr (cm_commission_editor_get_planned_text (editor), ==, "£13,600.00");

  /* A fee of £250.00 for the one event, and a venue at £10.00 a day for
   * 23.5 days: 25,000 + 1,000 × 23.5 + 8 × 170,000 = 1,408,500 pence. */
  gtk_editable_set_text (GTK_EDITABLE (cm_commission_editor_get_field (editor, "fee-per-event")), "£250.00");
  gtk_editable_set_text (GTK_EDITABLE (cm_commission_editor_get_field (editor, "venue-per-day")), "10");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cm_commission_editor_get_field (editor, "days")), 23.5);
  g_assert_cmpint (cm_commission_editor_get_planned (editor), ==, 1408500);
  g_assert_cmpstr (cm_commission_editor_get_planned_text (editor), ==, "£14,085.00");

  /* Money that is not money is marked and cannot be saved. */
  gtk_editable_set_text (GTK_EDITABLE (cm_commission_editor_get_field (editor, "materials-per-place")), "fifty");
  g_assert_false (cm_money_row_get_valid (CM_MONEY_ROW (cm_commission_editor_get_field (editor, "materials-per-place"))));
  g_assert_true (gtk_widget_has_css_class (cm_commission_editor_get_field (editor, "materials-per-place"), "error"));
  g_assert_false (cm_commission_editor_can_save (editor));
  gtk_editable_set_text (GTK_EDITABLE (cm_commission_editor_get_field (editor, "materials-per-place")), "£50.00");
  g_assert_true (cm_commission_editor_can_save (editor));
  g_assert_cmpint (cm_commission_editor_get_planned (editor), ==, 1408500);

  /* Splits: CWDC-WSPP pays 50% instead of £8,000.00, which is
   * round_half_up (1,408,500 × 5,000 / 10,000) = 704,250. */
  wspp_row = cm_commission_editor_get_split_row (editor, WSPP);
  g_assert_nonnull (wspp_row);
  g_assert_false (cm_split_row_get_is_percent (wspp_row));
  cm_split_row_set_is_percent (wspp_row, TRUE);
  cm_split_row_set_text (wspp_row, "50");
  g_assert_true (cm_split_row_get_valid (wspp_row));
  g_assert_cmpint (cm_split_row_get_value (wspp_row), ==, 704250);
  g_assert_cmpstr (cm_split_row_get_value_text (wspp_row), ==, "£7,042.50");
  g_assert_cmpstr (cm_commission_editor_get_remaining_text (editor), ==, "£7,042.50");

  /* A percentage over 100 is refused. */
  cm_split_row_set_text (wspp_row, "150");
  g_assert_false (cm_split_row_get_valid (wspp_row));
  cm_split_row_set_text (wspp_row, "50%");
  g_assert_true (cm_split_row_get_valid (wspp_row));

  /* CORE is added for the rest: the new split offers what is left. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-split", "s", CORE));
  core_row = cm_commission_editor_get_split_row (editor, CORE);
  g_assert_nonnull (core_row);
  g_assert_cmpint (cm_split_row_get_value (core_row), ==, 704250);
  g_assert_cmpstr (cm_commission_editor_get_funded_text (editor), ==, "£14,085.00");
  g_assert_cmpstr (cm_commission_editor_get_remaining_text (editor), ==, "£0.00");

  /* Nothing is written before Save. */
  saved = commission_by_code (fixture, COMMISSION);
  g_assert_cmpint (saved->planned_pence, ==, 1020000);
  g_clear_pointer (&saved, cm_budget_commission_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  cm_test_iterate ();
  assert_no_error_dialog ();
  g_assert_finalize_object (editor);

  /* Read back from cm-budget. */
  saved = commission_by_code (fixture, COMMISSION);
  g_assert_cmpint (saved->places, ==, 8);
  g_assert_cmpint (saved->half_days, ==, 47);
  g_assert_cmpint (saved->fee_per_event_pence, ==, 25000);
  g_assert_cmpint (saved->venue_per_day_pence, ==, 1000);
  g_assert_cmpint (saved->planned_pence, ==, 1408500);
  g_assert_cmpint (saved->funded_pence, ==, 1408500);
  g_assert_cmpint (saved->unfunded_pence, ==, 0);
  g_assert_cmpuint (saved->splits->len, ==, 2);

  /* An approved commission's splits are committed: CWDC-WSPP loses the
   * old £8,000.00 and gains £7,042.50; CORE gains £7,042.50. */
  after = summary_of (fixture);
  wspp_committed = figures_of (before, WSPP)->committed_pence - 800000 + 704250;
  core_committed = figures_of (before, CORE)->committed_pence + 704250;
  g_assert_cmpint (figures_of (after, WSPP)->committed_pence, ==, wspp_committed);
  g_assert_cmpint (figures_of (after, CORE)->committed_pence, ==, core_committed);
  g_assert_cmpint (after->totals->committed_pence, ==, before->totals->committed_pence + 704250 * 2 - 800000);

  /* The page followed. */
  assert_shown_money (fixture, WSPP, CM_STREAM_FIGURE_COMMITTED, wspp_committed);
  assert_shown_money (fixture, CORE, CM_STREAM_FIGURE_COMMITTED, core_committed);
  assert_shown_money (fixture, WSPP, CM_STREAM_FIGURE_AVAILABLE, figures_of (after, WSPP)->available_pence);

  /* Fully funded now: its warning has gone, from the list too. */
  warnings = warnings_of (fixture);
  g_assert_false (has_warning (warnings, "unfunded", COMMISSION));
  assert_warnings_shown (fixture);
}

static CmTransactionEditor *
open_transaction_editor (Fixture *fixture)
{
  CmTransactionEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.add-transaction", NULL));
  editor = CM_TRANSACTION_EDITOR (cm_test_find_toplevel (CM_TYPE_TRANSACTION_EDITOR));
  g_assert_nonnull (editor);
  g_object_ref (editor);
  cm_test_wait_for_mapped (GTK_WIDGET (editor));

  return editor;
}

static void
fill_transaction (CmTransactionEditor *editor,
                  const char          *date,
                  const char          *amount,
                  const char          *reference,
                  const char          *stream)
{
  gtk_editable_set_text (GTK_EDITABLE (cm_transaction_editor_get_field (editor, "date")), date);
  gtk_editable_set_text (GTK_EDITABLE (cm_transaction_editor_get_field (editor, "amount")), amount);
  gtk_editable_set_text (GTK_EDITABLE (cm_transaction_editor_get_field (editor, "supplier")), "Harbour Training Ltd");
  gtk_editable_set_text (GTK_EDITABLE (cm_transaction_editor_get_field (editor, "reference")), reference);
  g_assert_true (cm_transaction_editor_select_stream (editor, stream));
}

static CmTransactionItem *
shown_transaction (Fixture    *fixture,
                   const char *reference)
{
  GListModel *model = cm_budget_transactions_view_get_model (cm_budget_page_get_transactions_view (fixture->page));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CmTransactionItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (cm_transaction_item_get_transaction (item)->reference, reference) == 0)
        return item;
    }

  return NULL;
}

static void
test_budget_page_transactions (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(CmBudgetSummary) before = summary_of (fixture);
  g_autoptr(CmBudgetSummary) after = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  GListModel *shown_model = cm_budget_transactions_view_get_model (cm_budget_page_get_transactions_view (fixture->page));
  guint n_shown = g_list_model_get_n_items (shown_model);
  CmTransactionEditor *editor;
  CmTransactionItem *item;
  g_autofree char *quarter = NULL;
  gint64 id;

  /* An invoice of £1,234.56 dated 15 June 2010 (Q1) charged to CWDC-WSPP. */
  editor = open_transaction_editor (fixture);
  fill_transaction (editor, "15/06/2010", "£1,234.56", "TEST-0001", WSPP);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  cm_test_iterate ();
  assert_no_error_dialog ();
  g_assert_finalize_object (editor);

  after = summary_of (fixture);
  g_assert_cmpint (figures_of (after, WSPP)->actual_pence, ==, figures_of (before, WSPP)->actual_pence + 123456);
  g_assert_cmpint (figures_of (after, WSPP)->quarter_pence[1], ==, figures_of (before, WSPP)->quarter_pence[1] + 123456);
  g_assert_cmpint (after->totals->actual_pence, ==, before->totals->actual_pence + 123456);
  assert_shown_money (fixture, WSPP, CM_STREAM_FIGURE_ACTUAL, figures_of (after, WSPP)->actual_pence);
  assert_shown_money (fixture, WSPP, CM_STREAM_FIGURE_FORECAST, figures_of (after, WSPP)->forecast_pence);

  g_assert_cmpuint (g_list_model_get_n_items (shown_model), ==, n_shown + 1);
  item = shown_transaction (fixture, "TEST-0001");
  g_assert_nonnull (item);
  g_object_get (item, "quarter-label", &quarter, NULL);
  g_assert_cmpstr (quarter, ==, "Q1");
  g_assert_cmpstr (cm_transaction_item_get_attribution (item), ==, WSPP);

  /* £480.00 with neither stream nor commission is unallocated spend:
   * a new warning naming its reference. */
  g_assert_false (has_warning (warnings = warnings_of (fixture), "unallocated-spend", "TEST-0002"));
  g_clear_pointer (&warnings, g_ptr_array_unref);
  editor = open_transaction_editor (fixture);
  fill_transaction (editor, "2010-10-01", "480", "TEST-0002", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  cm_test_iterate ();
  assert_no_error_dialog ();
  g_assert_finalize_object (editor);

  warnings = warnings_of (fixture);
  g_assert_true (has_warning (warnings, "unallocated-spend", "TEST-0002"));
  g_clear_pointer (&warnings, g_ptr_array_unref);
  assert_warnings_shown (fixture);
  g_clear_pointer (&after, cm_budget_summary_free);
  after = summary_of (fixture);
  g_assert_cmpint (after->unallocated_pence, ==, before->unallocated_pence + 48000);
  g_assert_cmpstr (cm_transaction_item_get_attribution (shown_transaction (fixture, "TEST-0002")), ==, "Unallocated");

  /* Delete it, then Undo puts it back as it was. */
  id = cm_transaction_item_get_id (shown_transaction (fixture, "TEST-0002"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.delete-transaction", "x", id));
  cm_test_iterate ();
  assert_no_error_dialog ();
  g_assert_null (shown_transaction (fixture, "TEST-0002"));
  g_assert_false (has_warning (warnings = warnings_of (fixture), "unallocated-spend", "TEST-0002"));
  g_clear_pointer (&warnings, g_ptr_array_unref);
  assert_warnings_shown (fixture);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.undo", NULL));
  cm_test_iterate ();
  assert_no_error_dialog ();
  g_assert_nonnull (shown_transaction (fixture, "TEST-0002"));
  g_assert_cmpint (cm_transaction_item_get_id (shown_transaction (fixture, "TEST-0002")), ==, id);
  g_assert_true (has_warning (warnings = warnings_of (fixture), "unallocated-spend", "TEST-0002"));
  assert_warnings_shown (fixture);

  /* A reference already used is refused with a dialog; the editor stays. */
  editor = open_transaction_editor (fixture);
  fill_transaction (editor, "2010-10-02", "10", "TEST-0001", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  cm_test_iterate ();
  g_assert_nonnull (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_window_destroy (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  cm_test_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  close_and_finalize (editor);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
record_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GArray     *seen)
{
  ItemsChanged change = { position, removed, added };

  g_array_append_val (seen, change);
}

/* A county's ledger: editing one transaction among 10,000 changes that
 * one row of the list, and no other. */
static void
test_budget_page_one_row_of_many (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(GString) csv = g_string_new ("date,amount,stream,supplier,reference,kind\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  g_auto(CmImportResult) result = { 0 };
  CmTransactionList *list = cm_budget_page_get_transaction_list (fixture->page);
  GListModel *shown = cm_budget_transactions_view_get_model (cm_budget_page_get_transactions_view (fixture->page));
  CmTransactionEditor *editor;
  CmTransactionItem *item;
  const ItemsChanged *change;
  guint position = 0;
  guint n_before;
  gint64 id;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (csv, "2010-%02u-%02u,%u.%02u,CORE,Harbour Training Ltd,HT-%05u,invoice\n",
                            4 + i % 9, 1 + i % 28, 10 + i % 90, i % 100, i);
  g_assert_true (cm_import_data (cm_context_get_db (fixture->context), "spend", "many.csv",
                                 csv->str, csv->len, FALSE, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 10000);
  cm_test_iterate ();

  n_before = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n_before, >=, 10000);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_before);

  id = cm_test_query_int64 (cm_context_get_db (fixture->context),
                            "SELECT id FROM transactions WHERE reference = 'HT-04321'");
  g_assert_true (cm_transaction_list_find (list, id, &position));

  g_signal_connect (list, "items-changed", G_CALLBACK (record_items_changed_cb), seen);

  /* Edit its amount in the editor, as a person would. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.edit-transaction", "x", id));
  editor = CM_TRANSACTION_EDITOR (cm_test_find_toplevel (CM_TYPE_TRANSACTION_EDITOR));
  g_assert_nonnull (editor);
  g_object_ref (editor);
  cm_test_wait_for_mapped (GTK_WIDGET (editor));
  gtk_editable_set_text (GTK_EDITABLE (cm_transaction_editor_get_field (editor, "amount")), "1234.56");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  cm_test_iterate ();
  assert_no_error_dialog ();
  g_object_unref (editor);
  cm_test_iterate ();

  /* One items-changed, for that row alone, and the row shows the amount. */
  g_assert_cmpuint (seen->len, ==, 1);
  change = &g_array_index (seen, ItemsChanged, 0);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_before);
  item = g_list_model_get_item (G_LIST_MODEL (list), position);
  g_assert_cmpint (cm_transaction_item_get_transaction (item)->amount_pence, ==, 123456);
  g_assert_cmpint (cm_transaction_item_get_id (item), ==, id);
  g_object_unref (item);

  g_signal_handlers_disconnect_by_func (list, record_items_changed_cb, seen);
}

/* Escape in an edited commission editor asks before anything is lost:
 * Keep Editing keeps the text, Discard closes without saving. */
static void
test_budget_page_discard_asks (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(CmBudgetCommission) commission = commission_by_code (fixture, COMMISSION);
  g_autoptr(CmBudgetCommission) after = NULL;
  g_autoptr(GtkShortcut) escape = NULL;
  AdwMessageDialog *question;
  CmCommissionEditor *editor;
  GtkWidget *fee;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.edit-commission", "x",
                                             commission->id));
  editor = CM_COMMISSION_EDITOR (cm_test_find_toplevel (CM_TYPE_COMMISSION_EDITOR));
  g_assert_nonnull (editor);
  g_object_ref (editor);
  cm_test_wait_for_mapped (GTK_WIDGET (editor));

  /* Unchanged, Escape just closes. */
  escape = cm_test_press_key (cm_commission_editor_get_field (editor, "title"), GDK_KEY_Escape, 0, NULL);
  g_assert_nonnull (escape);
  g_assert_null (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_finalize_object (editor);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.edit-commission", "x",
                                             commission->id));
  editor = CM_COMMISSION_EDITOR (cm_test_find_toplevel (CM_TYPE_COMMISSION_EDITOR));
  g_object_ref (editor);
  cm_test_wait_for_mapped (GTK_WIDGET (editor));
  fee = cm_commission_editor_get_field (editor, "fee-per-event");
  gtk_editable_set_text (GTK_EDITABLE (fee), "£1,200.00");

  g_clear_object (&escape);
  escape = cm_test_press_key (fee, GDK_KEY_Escape, 0, NULL);
  g_assert_nonnull (escape);
  question = ADW_MESSAGE_DIALOG (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Discard Changes?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "keep");
  g_assert_cmpstr (adw_message_dialog_get_close_response (question), ==, "keep");

  adw_message_dialog_response (question, "keep");
  gtk_window_destroy (GTK_WINDOW (question));
  cm_test_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fee)), ==, "£1,200.00");

  /* Cancel asks too; Discard closes, and nothing was saved. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  cm_test_iterate ();
  question = ADW_MESSAGE_DIALOG (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (question);
  adw_message_dialog_response (question, "discard");
  gtk_window_destroy (GTK_WINDOW (question));
  cm_test_iterate ();
  g_assert_finalize_object (editor);

  after = commission_by_code (fixture, COMMISSION);
  g_assert_cmpint (after->fee_per_event_pence, ==, commission->fee_per_event_pence);
  g_assert_cmpint (after->fee_per_event_pence, !=, 120000);

  /* The transaction editor asks the same way. */
  {
    CmDb *db = cm_context_get_db (fixture->context);
    gint64 id = cm_test_query_int64 (db, "SELECT id FROM transactions WHERE reference = 'INV-4001'");
    gint64 amount = cm_test_query_int64 (db, "SELECT amount_pence FROM transactions WHERE reference = 'INV-4001'");
    CmTransactionEditor *transaction_editor;
    GtkWidget *amount_field;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.edit-transaction", "x", id));
    transaction_editor = CM_TRANSACTION_EDITOR (cm_test_find_toplevel (CM_TYPE_TRANSACTION_EDITOR));
    g_assert_nonnull (transaction_editor);
    g_object_ref (transaction_editor);
    cm_test_wait_for_mapped (GTK_WIDGET (transaction_editor));
    amount_field = cm_transaction_editor_get_field (transaction_editor, "amount");
    gtk_editable_set_text (GTK_EDITABLE (amount_field), "9999.99");

    g_clear_object (&escape);
    escape = cm_test_press_key (amount_field, GDK_KEY_Escape, 0, NULL);
    g_assert_nonnull (escape);
    question = ADW_MESSAGE_DIALOG (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (question);
    g_assert_cmpstr (adw_message_dialog_get_body (question), ==, "The changes to this transaction have not been saved.");
    adw_message_dialog_response (question, "keep");
    gtk_window_destroy (GTK_WINDOW (question));
    cm_test_iterate ();
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (transaction_editor)));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (amount_field)), ==, "9999.99");

    close_and_finalize (transaction_editor);
    g_assert_cmpint (cm_test_query_int64 (db, "SELECT amount_pence FROM transactions WHERE reference = 'INV-4001'"), ==, amount);
  }

  /* And so does the stream editor. */
  {
    CmStreamEditor *stream_editor;
    GtkWidget *name_field;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.add-stream", NULL));
    stream_editor = CM_STREAM_EDITOR (cm_test_find_toplevel (CM_TYPE_STREAM_EDITOR));
    g_assert_nonnull (stream_editor);
    g_object_ref (stream_editor);
    cm_test_wait_for_mapped (GTK_WIDGET (stream_editor));
    name_field = cm_stream_editor_get_field (stream_editor, "name");
    gtk_editable_set_text (GTK_EDITABLE (name_field), "NHS training pilot");

    g_clear_object (&escape);
    escape = cm_test_press_key (name_field, GDK_KEY_Escape, 0, NULL);
    g_assert_nonnull (escape);
    question = ADW_MESSAGE_DIALOG (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (question);
    g_assert_cmpstr (adw_message_dialog_get_body (question), ==, "The changes to this funding stream have not been saved.");
    adw_message_dialog_response (question, "keep");
    gtk_window_destroy (GTK_WINDOW (question));
    cm_test_iterate ();
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (stream_editor)));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_field)), ==, "NHS training pilot");
    close_and_finalize (stream_editor);
  }
}

/* @field shows @message beside it (in it, or in the row around it),
 * in the error style, and keeps @text. */
static void
assert_field_error (GtkWidget  *field,
                    const char *text,
                    const char *message)
{
  GtkWidget *label = cm_field_error_get_label (field);
  GtkWidget *row = ADW_IS_PREFERENCES_ROW (field) ? field : gtk_widget_get_ancestor (field, ADW_TYPE_ACTION_ROW);

  g_assert_cmpstr (cm_field_error_get (field), ==, message);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field)), ==, text);
  g_assert_true (gtk_widget_has_css_class (field, "error"));
  g_assert_nonnull (label);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_ancestor (label, row));
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, message);
}

/* Escape in @field puts back @text and takes the error away. */
static void
assert_escape_restores (GtkWidget  *field,
                        const char *text)
{
  g_autoptr(GtkShortcut) escape = cm_test_press_key (field, GDK_KEY_Escape, 0, NULL);

  g_assert_nonnull (escape);
  g_assert_null (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (cm_field_error_get (field));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field)), ==, text);
  g_assert_false (gtk_widget_has_css_class (field, "error"));
  g_assert_false (gtk_widget_get_visible (cm_field_error_get_label (field)));
}

#define NOT_MONEY "“abc” is not an amount of money"
#define NOT_A_DATE "“31/02/2011” is not a valid date (use YYYY-MM-DD or DD/MM/YYYY)"

/* "abc" in a money field and 31/02/2011 in a date are refused beside the
 * field in the words of the CSV import; the text stays, Save is off and
 * nothing is written; Escape puts the last good value back. */
static void
test_budget_page_field_errors (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(CmBudgetCommission) commission = commission_by_code (fixture, COMMISSION);
  g_autoptr(CmBudgetCommission) after = NULL;
  CmDb *db = db_of (fixture);
  gint64 n_transactions = cm_test_query_int64 (db, "SELECT count(*) FROM transactions");
  g_autofree char *fee_text = cm_money_format (commission->fee_per_event_pence);
  CmCommissionEditor *editor;
  CmTransactionEditor *transaction_editor;
  CmStreamEditor *stream_editor;
  GtkWidget *field;

  /* The commission editor: a fee, and a split's amount. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.edit-commission", "x",
                                             commission->id));
  editor = g_object_ref (CM_COMMISSION_EDITOR (cm_test_find_toplevel (CM_TYPE_COMMISSION_EDITOR)));
  cm_test_wait_for_mapped (GTK_WIDGET (editor));
  field = cm_commission_editor_get_field (editor, "fee-per-event");
  gtk_editable_set_text (GTK_EDITABLE (field), "abc");
  cm_test_iterate ();
  assert_field_error (field, "abc", NOT_MONEY);
  g_assert_false (cm_commission_editor_can_save (editor));
  assert_escape_restores (field, fee_text);
  g_assert_true (cm_commission_editor_can_save (editor));

  gtk_editable_set_text (GTK_EDITABLE (field), "-5");
  assert_field_error (field, "-5", "“-5” must be an amount from £0.00 to £1,000,000,000.00");
  gtk_editable_set_text (GTK_EDITABLE (field), "£250");
  g_assert_null (cm_field_error_get (field));

  field = cm_split_row_get_part (cm_commission_editor_get_split_row (editor, WSPP), "entry");
  gtk_editable_set_text (GTK_EDITABLE (field), "abc");
  assert_field_error (field, "abc", NOT_MONEY);
  g_assert_false (cm_commission_editor_can_save (editor));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL) &&
                  cm_test_find_toplevel (CM_TYPE_COMMISSION_EDITOR) == NULL);
  assert_escape_restores (field, "£8,000.00");
  close_and_finalize (editor);
  after = commission_by_code (fixture, COMMISSION);
  g_assert_cmpint (after->fee_per_event_pence, ==, commission->fee_per_event_pence);

  /* The transaction editor: a date and an amount. */
  transaction_editor = open_transaction_editor (fixture);
  fill_transaction (transaction_editor, "15/06/2010", "£1,234.56", "TEST-0002", WSPP);
  field = cm_transaction_editor_get_field (transaction_editor, "date");
  gtk_editable_set_text (GTK_EDITABLE (field), "31/02/2011");
  assert_field_error (field, "31/02/2011", NOT_A_DATE);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (transaction_editor), "editor.save", NULL) &&
                  cm_test_find_toplevel (CM_TYPE_TRANSACTION_EDITOR) == NULL);
  cm_test_iterate ();
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM transactions"), ==, n_transactions);
  assert_escape_restores (field, "15/06/2010");

  field = cm_transaction_editor_get_field (transaction_editor, "amount");
  gtk_editable_set_text (GTK_EDITABLE (field), "abc");
  assert_field_error (field, "abc", NOT_MONEY);
  assert_escape_restores (field, "£1,234.56");
  close_and_finalize (transaction_editor);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM transactions"), ==, n_transactions);

  /* The stream editor: the spend-by date and the allocation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.add-stream", NULL));
  stream_editor = g_object_ref (CM_STREAM_EDITOR (cm_test_find_toplevel (CM_TYPE_STREAM_EDITOR)));
  cm_test_wait_for_mapped (GTK_WIDGET (stream_editor));
  gtk_editable_set_text (GTK_EDITABLE (cm_stream_editor_get_field (stream_editor, "code")), "NHS-TEST");
  gtk_editable_set_text (GTK_EDITABLE (cm_stream_editor_get_field (stream_editor, "name")), "NHS training pilot");
  field = cm_stream_editor_get_field (stream_editor, "expiry");
  gtk_editable_set_text (GTK_EDITABLE (field), "31/02/2011");
  assert_field_error (field, "31/02/2011", NOT_A_DATE);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (stream_editor), "editor.save", NULL) &&
                  cm_test_find_toplevel (CM_TYPE_STREAM_EDITOR) == NULL);
  assert_escape_restores (field, "");
  field = cm_stream_editor_get_field (stream_editor, "allocation");
  gtk_editable_set_text (GTK_EDITABLE (field), "abc");
  assert_field_error (field, "abc", NOT_MONEY);
  assert_escape_restores (field, "£0.00");
  field = cm_stream_editor_get_field (stream_editor, "min-pvi");
  gtk_editable_set_text (GTK_EDITABLE (field), "150");
  assert_field_error (field, "150", "“150” must be a percentage from 0 to 100");
  gtk_window_destroy (GTK_WINDOW (stream_editor));
  cm_test_iterate ();
  g_assert_finalize_object (stream_editor);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM streams WHERE code = 'NHS-TEST'"), ==, 0);
}

/* Types @text in @drop_down's search and waits for its list to follow. */
static GListModel *
search_drop_down (GtkWidget  *drop_down,
                  const char *text)
{
  GListModel *matches = cm_search_drop_down_get_matches (GTK_DROP_DOWN (drop_down));
  GtkFilter *filter = gtk_filter_list_model_get_filter (GTK_FILTER_LIST_MODEL (matches));
  gint64 until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  /* The search field waits for a pause in typing. */
  gtk_editable_set_text (cm_search_drop_down_get_search_entry (GTK_DROP_DOWN (drop_down)), text);
  while (g_strcmp0 (gtk_string_filter_get_search (GTK_STRING_FILTER (filter)), text) != 0 &&
         g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (gtk_string_filter_get_search (GTK_STRING_FILTER (filter)), ==, text);
  cm_test_iterate ();
  return matches;
}

static gboolean
matches_contain (GListModel *matches,
                 const char *label)
{
  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (matches, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        return TRUE;
    }

  return FALSE;
}

static const char *
selected_label (GtkWidget *drop_down)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (drop_down));

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* The commission and competency pickers narrow as a code or a word of a
 * title is typed; the stream picker shows each stream's Available. */
static void
test_budget_page_search_drop_downs (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(CmBudgetCommission) commission = commission_by_code (fixture, COMMISSION);
  g_autoptr(CmBudgetSummary) summary = summary_of (fixture);
  g_autoptr(GPtrArray) commissions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *available = NULL;
  g_autofree char *stream_label = NULL;
  CmTransactionEditor *transaction_editor;
  CmCommissionEditor *editor;
  GtkWidget *drop_down;
  GListModel *matches;
  guint n_items;

  commissions = cm_budget_list_commissions (db_of (fixture), 2010, &error);
  g_assert_no_error (error);

  transaction_editor = open_transaction_editor (fixture);
  drop_down = cm_transaction_editor_get_field (transaction_editor, "commission");
  g_assert_true (GTK_IS_DROP_DOWN (drop_down));
  g_assert_true (gtk_drop_down_get_enable_search (GTK_DROP_DOWN (drop_down)));
  g_assert_nonnull (gtk_drop_down_get_expression (GTK_DROP_DOWN (drop_down)));
  n_items = g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down)));
  g_assert_cmpuint (n_items, ==, commissions->len + 1);
  g_assert_cmpstr (selected_label (drop_down), ==, "None");

  /* A word of the title, not its start: "NVQ Level 3 bursaries for PVI settings". */
  matches = search_drop_down (drop_down, "BURSARIES");
  g_assert_cmpuint (g_list_model_get_n_items (matches), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (matches), <, n_items);
  g_assert_true (matches_contain (matches, "WSPP-NVQ — NVQ Level 3 bursaries for PVI settings"));
  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (matches, i);
      g_autofree char *folded = g_utf8_strdown (gtk_string_object_get_string (item), -1);

      g_assert_nonnull (strstr (folded, "bursaries"));
    }
  /* By code. */
  matches = search_drop_down (drop_down, "wspp-nvq");
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 1);
  g_assert_true (cm_transaction_editor_select_commission (transaction_editor, COMMISSION));
  g_assert_cmpstr (selected_label (drop_down), ==, "WSPP-NVQ — NVQ Level 3 bursaries for PVI settings");

  /* Each stream with its Available, read aside from the year's figures. */
  cm_test_iterate ();
  drop_down = cm_transaction_editor_get_field (transaction_editor, "stream");
  available = cm_money_format (figures_of (summary, WSPP)->available_pence);
  stream_label = g_strdup_printf ("%s — %s available", WSPP, available);
  g_assert_true (cm_transaction_editor_select_stream (transaction_editor, WSPP));
  g_assert_cmpstr (selected_label (drop_down), ==, stream_label);
  matches = search_drop_down (drop_down, "cwdc");
  g_assert_true (matches_contain (matches, stream_label));
  close_and_finalize (transaction_editor);

  /* The competency of a commission: optional, from the catalogue. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.edit-commission", "x",
                                             commission->id));
  editor = g_object_ref (CM_COMMISSION_EDITOR (cm_test_find_toplevel (CM_TYPE_COMMISSION_EDITOR)));
  cm_test_wait_for_mapped (GTK_WIDGET (editor));
  drop_down = cm_commission_editor_get_field (editor, "competency");
  g_assert_true (GTK_IS_DROP_DOWN (drop_down));
  g_assert_true (gtk_drop_down_get_enable_search (GTK_DROP_DOWN (drop_down)));
  matches = search_drop_down (drop_down, "level a");
  g_assert_true (matches_contain (matches, "SG-A — Safeguarding children Level A: child protection awareness"));
  g_assert_false (matches_contain (matches, "None"));
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down))); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down)), i);

      if (g_str_has_prefix (gtk_string_object_get_string (item), "SG-A — "))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), i);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  cm_test_iterate ();
  assert_no_error_dialog ();
  g_assert_finalize_object (editor);
  g_clear_pointer (&commission, cm_budget_commission_free);
  commission = commission_by_code (fixture, COMMISSION);
  g_assert_cmpstr (commission->competency_code, ==, "SG-A");

  /* None takes it away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.edit-commission", "x",
                                             commission->id));
  editor = g_object_ref (CM_COMMISSION_EDITOR (cm_test_find_toplevel (CM_TYPE_COMMISSION_EDITOR)));
  cm_test_wait_for_mapped (GTK_WIDGET (editor));
  drop_down = cm_commission_editor_get_field (editor, "competency");
  g_assert_cmpstr (selected_label (drop_down), ==, "SG-A — Safeguarding children Level A: child protection awareness");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 0);
  g_assert_cmpstr (selected_label (drop_down), ==, "None");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  cm_test_iterate ();
  assert_no_error_dialog ();
  g_assert_finalize_object (editor);
  g_clear_pointer (&commission, cm_budget_commission_free);
  commission = commission_by_code (fixture, COMMISSION);
  g_assert_null (commission->competency_code);
}

static gboolean
is_delete_button (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (GTK_IS_BUTTON (widget) &&
        (g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "user-trash-symbolic") == 0 ||
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "list-remove-symbolic") == 0))
      return TRUE;

  return FALSE;
}

/* Tab from the field before a row's Delete button goes past it; the
 * Delete key on the row does what the button does. */
static void
test_budget_page_tab_skips_delete (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(CmBudgetCommission) commission = commission_by_code (fixture, COMMISSION);
  g_autoptr(GtkShortcut) delete = NULL;
  CmStreamRow *stream_row;
  CmCommissionEditor *editor;
  CmSplitRow *split_row;
  GtkWidget *owner = NULL;
  GtkWidget *entry;
  GtkWidget *focus;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.edit-commission", "x",
                                             commission->id));
  editor = g_object_ref (CM_COMMISSION_EDITOR (cm_test_find_toplevel (CM_TYPE_COMMISSION_EDITOR)));
  cm_test_wait_for_mapped (GTK_WIDGET (editor));
  split_row = cm_commission_editor_get_split_row (editor, WSPP);
  entry = cm_split_row_get_part (split_row, "entry");
  g_assert_true (gtk_widget_grab_focus (entry));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (editor), GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (GTK_ROOT (editor));
  g_assert_nonnull (focus);
  g_assert_false (is_delete_button (focus));
  g_assert_false (gtk_widget_is_ancestor (focus, GTK_WIDGET (split_row)));
  /* Still there for the mouse, and for Delete on the row. */
  g_assert_true (gtk_widget_get_sensitive (cm_split_row_get_part (split_row, "remove")));
  g_assert_true (gtk_widget_get_visible (cm_split_row_get_part (split_row, "remove")));
  /* GTK holds the row while its key is handled; so does the test. */
  g_object_ref (split_row);
  delete = cm_test_press_key (GTK_WIDGET (split_row), GDK_KEY_Delete, 0, &owner);
  g_assert_nonnull (delete);
  g_assert_true (owner == GTK_WIDGET (split_row));
  g_object_unref (split_row);
  g_assert_null (cm_commission_editor_get_split_row (editor, WSPP));
  g_assert_cmpuint (cm_commission_editor_get_n_splits (editor), ==, commission->splits->len - 1);
  close_and_finalize (editor);

  /* A stream's row: Tab leaves the row, not for its Delete button. */
  stream_row = cm_budget_streams_view_get_row (cm_budget_page_get_streams_view (fixture->page), WSPP);
  g_assert_nonnull (stream_row);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (stream_row)));
  gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_false (is_delete_button (focus));
}

static void
capture_toast_cb (GtkWidget *page,
                  AdwToast  *toast,
                  GPtrArray *toasts)
{
  g_ptr_array_add (toasts, g_object_ref (toast));
}


static char *
commission_statuses (CmDb *db)
{
  return cm_test_query_text (db, "SELECT group_concat (code || ':' || status, ' ') FROM"
                                 " (SELECT code, status FROM commissions ORDER BY id)");
}

/* The What If view on the example data, with the figures of
 * `what-if --year 2010 [--cut DH-WDG=10]`: a cut moves the deferred list
 * and the stream's figures at once; Apply cancels the deferred, and
 * Ctrl+Z puts every status back. */
static void
test_budget_page_what_if (Fixture       *fixture,
                          gconstpointer  user_data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GPtrArray) toasts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *before = commission_statuses (db);
  g_autofree char *deferred = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GtkShortcut) shortcut = NULL;
  CmWhatIfView *view = cm_budget_page_get_what_if_view (fixture->page);
  GtkWidget *owner = NULL;
  CmWhatIfRow *row;

  g_signal_connect (fixture->page, "add-toast", G_CALLBACK (capture_toast_cb), toasts);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.show-view", "s", "what-if"));
  cm_test_wait_for_mapped (GTK_WIDGET (view));
  cm_test_iterate ();
  g_assert_nonnull (cm_what_if_view_get_plan (view));

  /* Unchanged: CWDC-YOUTH and DH-WDG are over-committed as they are. */
  deferred = cm_what_if_view_get_deferred_text (view);
  g_assert_cmpstr (deferred, ==, "YOUTH-CAMH DH-NVQ2");
  row = cm_what_if_view_get_row (view, "DH-WDG");
  g_assert_nonnull (row);
  g_assert_cmpstr (cm_what_if_row_get_after_text (row), ==, "£11,790.00 left of £240,000.00");

  /* Cut by 10%: DH-PQ-CP no longer fits either. */
  gtk_range_set_value (cm_what_if_row_get_scale (row), 10);
  g_free (deferred);
  deferred = cm_what_if_view_get_deferred_text (view);
  g_assert_cmpstr (deferred, ==, "YOUTH-CAMH DH-PQ-CP DH-NVQ2");
  g_assert_cmpstr (cm_what_if_row_get_after_text (row), ==, "£11,790.00 left of £216,000.00");
  g_assert_cmpint (cm_what_if_view_get_plan (view)->unmet_places, ==, 82);
  g_assert_cmpstr (cm_what_if_row_get_after_text (cm_what_if_view_get_row (view, "CWDC-YOUTH")), ==,
                   "£2,350.00 left of £15,000.00");

  /* Apply: the three deferred are cancelled, nothing else moves. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "what-if.apply", NULL));
  cm_test_iterate ();
  assert_no_error_dialog ();
  g_assert_cmpuint (toasts->len, ==, 1);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (toasts, 0)), ==, "Cancelled 3 deferred commissions");
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count (*) FROM commissions WHERE status = 'cancelled'"
                                            " AND code IN ('YOUTH-CAMH', 'DH-PQ-CP', 'DH-NVQ2')"), ==, 3);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count (*) FROM commissions WHERE status = 'cancelled'"), ==, 4);
  g_assert_cmpstr (cm_history_get_undo_label (cm_context_get_history (fixture->context)), ==, "Apply What-If");
  /* The view reads the year again: nothing is left to defer. */
  g_free (deferred);
  deferred = cm_what_if_view_get_deferred_text (view);
  g_assert_cmpstr (deferred, ==, "");

  /* Ctrl+Z, the page's shortcut, from the slider. */
  shortcut = cm_test_press_key (GTK_WIDGET (cm_what_if_row_get_scale (row)), GDK_KEY_z, GDK_CONTROL_MASK, &owner);
  g_assert_nonnull (shortcut);
  g_assert_true (owner == GTK_WIDGET (fixture->page));
  cm_test_iterate ();
  assert_no_error_dialog ();
  after = commission_statuses (db);
  g_assert_cmpstr (after, ==, before);
  g_free (deferred);
  deferred = cm_what_if_view_get_deferred_text (view);
  g_assert_cmpstr (deferred, ==, "YOUTH-CAMH DH-PQ-CP DH-NVQ2");

  /* Export: the scenario on screen, written in a worker. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "what-if.xlsx", NULL);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "what-if.export-to", "s", path));
    cm_test_iterate ();
    assert_no_error_dialog ();
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (toasts, toasts->len - 1)), ==,
                     "Exported “what-if.xlsx”");
  }

  /* A year without streams: the empty state. */
  cm_budget_page_set_year (fixture->page, 2030);
  cm_test_iterate ();
  g_assert_cmpstr (cm_what_if_view_get_state (view), ==, "empty");
  g_assert_null (cm_what_if_view_get_plan (view));

  g_signal_handlers_disconnect_by_func (fixture->page, capture_toast_cb, toasts);
}

/* Saved scenarios from the view: saved with a name, reopened, compared
 * and deleted with Undo. The plan itself is never written. */
static void
test_budget_page_what_if_saved (Fixture       *fixture,
                                gconstpointer  user_data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GPtrArray) toasts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *before = commission_statuses (db);
  g_autofree char *after = NULL;
  g_autofree char *deferred = NULL;
  g_autoptr(CmWhatIfSaved) saved = NULL;
  g_autoptr(GError) error = NULL;
  CmWhatIfView *view = cm_budget_page_get_what_if_view (fixture->page);
  GtkEditable *name_entry;
  gint64 id;

  g_signal_connect (fixture->page, "add-toast", G_CALLBACK (capture_toast_cb), toasts);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.show-view", "s", "what-if"));
  cm_test_wait_for_mapped (GTK_WIDGET (view));
  cm_test_iterate ();

  gtk_range_set_value (cm_what_if_row_get_scale (cm_what_if_view_get_row (view, "DH-WDG")), 20);
  name_entry = GTK_EDITABLE (cm_what_if_view_get_name_entry (view));
  gtk_editable_set_text (name_entry, "DH −20 %");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "what-if.save", NULL));
  cm_test_iterate ();
  saved = cm_what_if_find_scenario (db, 2010, "DH −20 %", &error);
  g_assert_no_error (error);
  id = saved->id;
  g_assert_cmpint (cm_what_if_scenario_get (saved->scenario, "DH-WDG", NULL), ==, CM_WHAT_IF_CUT);
  after = commission_statuses (db);
  g_assert_cmpstr (after, ==, before);

  /* The same name again is refused, and says so. */
  gtk_editable_set_text (name_entry, "DH −20 %");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "what-if.save", NULL));
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (toasts, toasts->len - 1)), ==,
                   "2010/11 already has a scenario named “DH −20 %”");
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count (*) FROM what_if_scenarios"), ==, 1);

  /* Reset, then reopen it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "what-if.reset", NULL));
  deferred = cm_what_if_view_get_deferred_text (view);
  g_assert_cmpstr (deferred, ==, "YOUTH-CAMH DH-NVQ2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "what-if.compare", "x", id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "what-if.open", "x", id));
  g_free (deferred);
  deferred = cm_what_if_view_get_deferred_text (view);
  g_assert_cmpstr (deferred, ==, "YOUTH-CAMH DH-CMI5 DH-PVI-MGR DH-PQ-CP DH-NVQ2");

  /* Delete, then Undo from its toast's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "what-if.delete", "x", id));
  cm_test_iterate ();
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count (*) FROM what_if_scenarios"), ==, 0);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count (*) FROM what_if_changes"), ==, 0);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (toasts, toasts->len - 1)), ==, "Deleted “DH −20 %”");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.undo", NULL));
  cm_test_iterate ();
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT id FROM what_if_scenarios"), ==, id);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT value FROM what_if_changes"), ==, 2000);

  g_signal_handlers_disconnect_by_func (fixture->page, capture_toast_cb, toasts);
}

/* Deletions stay undoable, latest first, after their toast has gone:
 * Ctrl+Z anywhere on the page puts them back. */
static void
test_budget_page_undo_after_toast (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GPtrArray) toasts = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *focus;
  GtkWidget *owner = NULL;
  gint64 first = cm_test_query_int64 (db, "SELECT id FROM transactions WHERE reference = 'INV-4001'");
  gint64 second = cm_test_query_int64 (db, "SELECT id FROM transactions WHERE reference = 'INV-4002'");
  gint64 n = cm_test_query_int64 (db, "SELECT count(*) FROM transactions");

  g_signal_connect (fixture->page, "add-toast", G_CALLBACK (capture_toast_cb), toasts);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.show-view", "s", "transactions"));
  cm_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.delete-transaction", "x", first));
  cm_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.delete-transaction", "x", second));
  cm_test_iterate ();
  assert_no_error_dialog ();
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM transactions"), ==, n - 2);
  g_assert_cmpuint (toasts->len, ==, 2);

  /* The toasts go away; the deletions are still remembered. */
  for (guint i = 0; i < toasts->len; i++)
    adw_toast_dismiss (g_ptr_array_index (toasts, i));
  cm_test_iterate ();

  focus = GTK_WIDGET (cm_budget_transactions_view_get_column_view (cm_budget_page_get_transactions_view (fixture->page)));
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GtkShortcut) shortcut = cm_test_press_key (focus, GDK_KEY_z, GDK_CONTROL_MASK, &owner);

      g_assert_nonnull (shortcut);
      g_assert_true (owner == GTK_WIDGET (fixture->page));
      assert_no_error_dialog ();
      /* The latest first: INV-4002, then INV-4001, with their ids. */
      g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM transactions"), ==, n - 1 + round);
      g_assert_cmpint (cm_test_query_int64 (db, round == 0 ? "SELECT id FROM transactions WHERE reference = 'INV-4002'"
                                                          : "SELECT id FROM transactions WHERE reference = 'INV-4001'"),
                       ==, round == 0 ? second : first);
    }
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.undo", NULL) &&
                  cm_test_query_int64 (db, "SELECT count(*) FROM transactions") != n);
  g_signal_handlers_disconnect_by_func (fixture->page, capture_toast_cb, toasts);
}

/* An edit saved from the editor is taken back by Undo and made again by
 * Redo, and the list follows. */
static void
test_budget_page_undo_edit (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(CmBudgetCommission) commission = commission_by_code (fixture, COMMISSION);
  g_autoptr(CmBudgetCommission) saved = NULL;
  g_autoptr(GError) error = NULL;
  CmCommissionEditor *editor;

  g_assert_cmpint (commission->planned_pence, ==, 1020000);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.redo", NULL) &&
                  cm_history_can_redo (cm_context_get_history (fixture->context)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.edit-commission", "x",
                                             commission->id));
  editor = CM_COMMISSION_EDITOR (cm_test_find_toplevel (CM_TYPE_COMMISSION_EDITOR));
  g_object_ref (editor);
  cm_test_wait_for_mapped (GTK_WIDGET (editor));
  /* 8 places at £1,700.00 instead of 6: £13,600.00. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cm_commission_editor_get_field (editor, "places")), 8);
  g_assert_true (cm_commission_editor_save (editor, &error));
  g_assert_no_error (error);
  close_and_finalize (editor);
  cm_test_iterate ();

  saved = commission_by_code (fixture, COMMISSION);
  g_assert_cmpint (saved->planned_pence, ==, 1360000);
  g_clear_pointer (&saved, cm_budget_commission_free);
  g_assert_cmpstr (cm_history_get_undo_label (cm_context_get_history (fixture->context)), ==, "Edit " COMMISSION);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.undo", NULL));
  cm_test_iterate ();
  assert_no_error_dialog ();
  saved = commission_by_code (fixture, COMMISSION);
  g_assert_cmpint (saved->planned_pence, ==, 1020000);
  g_clear_pointer (&saved, cm_budget_commission_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.redo", NULL));
  cm_test_iterate ();
  assert_no_error_dialog ();
  saved = commission_by_code (fixture, COMMISSION);
  g_assert_cmpint (saved->planned_pence, ==, 1360000);
}

/* A new commission is for the cycle chosen in the header. */
static void
test_budget_page_new_commission_cycle (Fixture       *fixture,
                                       gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  CmCommissionEditor *editor;

  g_settings_set_int (settings, "last-year", 2010);
  g_settings_set_int (settings, "last-half", 2);
  cm_test_iterate ();
  g_assert_cmpint (cm_budget_page_get_year (fixture->page), ==, 2010);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.add-commission", NULL));
  editor = CM_COMMISSION_EDITOR (cm_test_find_toplevel (CM_TYPE_COMMISSION_EDITOR));
  g_assert_nonnull (editor);
  g_object_ref (editor);
  cm_test_wait_for_mapped (GTK_WIDGET (editor));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (cm_commission_editor_get_field (editor, "cycle"))), ==, 1);
  g_assert_cmpint (cm_commission_editor_get_commission (editor)->half, ==, 2);
  close_and_finalize (editor);

  g_settings_set_int (settings, "last-half", 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.add-commission", NULL));
  editor = CM_COMMISSION_EDITOR (cm_test_find_toplevel (CM_TYPE_COMMISSION_EDITOR));
  g_object_ref (editor);
  cm_test_wait_for_mapped (GTK_WIDGET (editor));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (cm_commission_editor_get_field (editor, "cycle"))), ==, 0);
  close_and_finalize (editor);
}

/* The store beneath the selection, sort and filter models a view wraps it in. */
static GListModel *
innermost_model (GListModel *model)
{
  for (;;)
    {
      if (GTK_IS_SINGLE_SELECTION (model))
        model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));
      else if (GTK_IS_SORT_LIST_MODEL (model))
        model = gtk_sort_list_model_get_model (GTK_SORT_LIST_MODEL (model));
      else if (GTK_IS_FILTER_LIST_MODEL (model))
        model = gtk_filter_list_model_get_model (GTK_FILTER_LIST_MODEL (model));
      else
        return model;
    }
}

/* An invoice against one commission changes that commission's actual:
 * its row is replaced, every other row of the list stays, and the stream
 * lines keep their widgets. */
static void
test_budget_page_one_commission_changes (Fixture       *fixture,
                                         gconstpointer  user_data)
{
  CmBudgetCommissionsView *view = cm_budget_page_get_commissions_view (fixture->page);
  CmBudgetStreamsView *streams_view = cm_budget_page_get_streams_view (fixture->page);
  GListModel *shown = cm_budget_commissions_view_get_model (view);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  g_autoptr(CmCommissionItem) before = NULL;
  g_autoptr(CmCommissionItem) after = NULL;
  CmStreamRow *core_row = cm_budget_streams_view_get_row (streams_view, CORE);
  CmTransactionEditor *editor;
  const ItemsChanged *change;
  guint n_shown = g_list_model_get_n_items (shown);
  guint position = G_MAXUINT;
  guint store_position = G_MAXUINT;
  GListModel *store;
  gint64 id;

  g_assert_nonnull (core_row);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.show-view", "s", "commissions"));
  cm_test_iterate ();
  g_assert_cmpuint (n_shown, ==, 59);
  for (guint i = 0; i < n_shown && position == G_MAXUINT; i++)
    {
      g_autoptr(CmCommissionItem) item = g_list_model_get_item (shown, i);

      if (g_strcmp0 (cm_commission_item_get_code (item), "CORE-INFO") == 0)
        position = i;
    }
  g_assert_cmpuint (position, <, n_shown);
  before = g_list_model_get_item (shown, position);

  id = cm_test_query_int64 (cm_context_get_db (fixture->context),
                            "SELECT id FROM transactions WHERE reference = 'INV-4001'");
  store = innermost_model (shown);
  g_assert_true (G_IS_LIST_STORE (store));
  g_assert_cmpuint (g_list_model_get_n_items (store), ==, n_shown);
  for (guint i = 0; i < n_shown && store_position == G_MAXUINT; i++)
    {
      g_autoptr(CmCommissionItem) item = g_list_model_get_item (store, i);

      if (g_strcmp0 (cm_commission_item_get_code (item), "CORE-INFO") == 0)
        store_position = i;
    }
  g_signal_connect (store, "items-changed", G_CALLBACK (record_items_changed_cb), seen);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.edit-transaction", "x", id));
  editor = CM_TRANSACTION_EDITOR (cm_test_find_toplevel (CM_TYPE_TRANSACTION_EDITOR));
  g_assert_nonnull (editor);
  g_object_ref (editor);
  cm_test_wait_for_mapped (GTK_WIDGET (editor));
  gtk_editable_set_text (GTK_EDITABLE (cm_transaction_editor_get_field (editor, "amount")), "1234.56");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  cm_test_iterate ();
  assert_no_error_dialog ();
  g_object_unref (editor);
  cm_test_iterate ();

  g_assert_cmpuint (seen->len, ==, 1);
  change = &g_array_index (seen, ItemsChanged, 0);
  g_assert_cmpuint (change->position, ==, store_position);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_shown);

  after = g_list_model_get_item (shown, position);
  g_assert_true (after != before);
  g_assert_cmpstr (cm_commission_item_get_code (after), ==, "CORE-INFO");
  /* INV-4001, now £1,234.56, less the example data's two DNA charges of
   * £50.00 on CORE-INFO. */
  g_assert_cmpint (cm_commission_item_get_commission (after)->actual_pence, ==, 113456);
  g_assert_true (cm_budget_streams_view_get_row (streams_view, CORE) == core_row);

  g_signal_handlers_disconnect_by_func (store, record_items_changed_cb, seen);
}

static void
test_budget_page_suggest_funding (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  CmBudgetCommissionsView *view = cm_budget_page_get_commissions_view (fixture->page);
  g_autoptr(CmBudgetCommission) commission = commission_by_code (fixture, COMMISSION);
  g_autoptr(CmBudgetCommission) saved = NULL;
  g_autoptr(GPtrArray) proposal = NULL;
  CmFundingDialog *dialog;
  gint64 proposed = 0;

  /* The selected commission, which lacks £2,200.00. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.show-view", "s", "commissions"));
  g_assert_true (cm_budget_commissions_view_select_commission (view, COMMISSION));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.suggest-funding", NULL));
  cm_test_iterate ();

  assert_no_error_dialog ();
  dialog = CM_FUNDING_DIALOG (cm_test_find_toplevel (CM_TYPE_FUNDING_DIALOG));
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  g_assert_cmpuint (cm_funding_dialog_get_n_lines (dialog), >=, 1);

  /* Why, stream by stream, in the order tried (all spend by 31 Mar 2011;
   * ring-fenced first), then the streams that may not pay for it. */
  {
    const char * const reasons[] = {
      "CWDC-NQSW can give £2,000.00 (all it has left)",
      "CWDC-STEPUP can give £200.00 (all that is still needed)",
      "CWDC-SWP: nothing available",
      "CWDC-WSPP: not needed, the streams above cover it (£1,575.00 left)",
      "DH-WDG: nothing available (£1,410.00 over its allocation already)",
      "CORE: not needed, the streams above cover it (£912.00 left)",
      "CWDC-IW: not eligible — ring-fenced to Common Core and Integrated working",
      "CWDC-YOUTH: not eligible — ring-fenced to Common Core, Management and Practice",
      "LSCB: not eligible — only for Safeguarding",
    };

    g_assert_cmpuint (cm_funding_dialog_get_n_reasons (dialog), ==, G_N_ELEMENTS (reasons));
    for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
      g_assert_cmpstr (cm_funding_dialog_get_reason (dialog, i), ==, reasons[i]);
    g_assert_cmpstr (cm_funding_dialog_get_unfunded (dialog, 0), ==, "Fully funded");
  }

  proposal = cm_funding_dialog_get_proposal (dialog);
  for (guint i = 0; i < proposal->len; i++)
    {
      const CmBudgetProposal *line = g_ptr_array_index (proposal, i);

      g_assert_cmpstr (line->commission_code, ==, COMMISSION);
      proposed += line->amount_pence;
    }
  g_assert_cmpint (proposed, >, 0);
  g_assert_cmpint (proposed, <=, 220000);

  /* Shown, not applied. */
  saved = commission_by_code (fixture, COMMISSION);
  g_assert_cmpint (saved->unfunded_pence, ==, 220000);
  g_clear_pointer (&saved, cm_budget_commission_free);

  /* The person lowers the first line to £100.00 and accepts. */
  cm_money_row_set_pence (cm_funding_dialog_get_line_row (dialog, 0), 10000);
  proposed = proposed - ((CmBudgetProposal *) g_ptr_array_index (proposal, 0))->amount_pence + 10000;
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  /* What the button does: respond, then close. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  close_and_finalize (dialog);
  assert_no_error_dialog ();

  saved = commission_by_code (fixture, COMMISSION);
  g_assert_cmpint (saved->unfunded_pence, ==, 220000 - proposed);
  g_assert_cmpint (saved->funded_pence, ==, commission->funded_pence + proposed);
}

/* A commission no stream can cover: each stream gives what it has left
 * and the rest stays unfunded. BIG-NVQ is WSPP-NVQ ten times over,
 * proposed, with no splits: 10 × 6 places × (£1,650 + £50) = £102,000.00.
 * CWDC-NQSW £2,000.00 + CWDC-STEPUP £8,500.00 + CWDC-WSPP £1,575.00 +
 * CORE £912.00 (the example data's DNA charges came back to it)
 * = £12,987.00, so £89,013.00 stays unfunded. */
static void
test_budget_page_suggest_funding_short (Fixture       *fixture,
                                        gconstpointer  user_data)
{
  CmBudgetCommissionsView *view = cm_budget_page_get_commissions_view (fixture->page);
  g_autoptr(CmBudgetCommission) big = commission_by_code (fixture, COMMISSION);
  g_autoptr(GError) error = NULL;
  const char * const reasons[] = {
    "CWDC-NQSW can give £2,000.00 (all it has left)",
    "CWDC-STEPUP can give £8,500.00 (all it has left)",
    "CWDC-SWP: nothing available",
    "CWDC-WSPP can give £1,575.00 (all it has left)",
    "DH-WDG: nothing available (£1,410.00 over its allocation already)",
    "CORE can give £912.00 (all it has left)",
    "CWDC-IW: not eligible — ring-fenced to Common Core and Integrated working",
    "CWDC-YOUTH: not eligible — ring-fenced to Common Core, Management and Practice",
    "LSCB: not eligible — only for Safeguarding",
  };
  CmFundingDialog *dialog;

  big->id = 0;
  g_free (big->code);
  big->code = g_strdup ("BIG-NVQ");
  g_free (big->status);
  big->status = g_strdup ("proposed");
  big->events = 10;
  g_ptr_array_set_size (big->splits, 0);
  g_assert_true (cm_budget_save_commission (db_of (fixture), big, &error));
  g_assert_no_error (error);
  g_assert_cmpint (big->unfunded_pence, ==, 10200000);
  cm_test_iterate ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.show-view", "s", "commissions"));
  g_assert_true (cm_budget_commissions_view_select_commission (view, "BIG-NVQ"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.suggest-funding", NULL));
  cm_test_iterate ();

  assert_no_error_dialog ();
  dialog = CM_FUNDING_DIALOG (cm_test_find_toplevel (CM_TYPE_FUNDING_DIALOG));
  g_assert_nonnull (dialog);
  g_object_ref (dialog);

  g_assert_cmpuint (cm_funding_dialog_get_n_lines (dialog), ==, 4);
  g_assert_cmpuint (cm_funding_dialog_get_n_reasons (dialog), ==, G_N_ELEMENTS (reasons));
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    g_assert_cmpstr (cm_funding_dialog_get_reason (dialog, i), ==, reasons[i]);
  g_assert_cmpstr (cm_funding_dialog_get_unfunded (dialog, 0), ==, "£89,013.00 stays unfunded");

  /* Readable in a narrow window: the reasons wrap rather than widen it. */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, -1);
  cm_test_iterate ();
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 600);
  }

  close_and_finalize (dialog);
  assert_no_error_dialog ();
}

/* Moves the keyboard focus into @field and then out of it, to @other. */
static void
leave_field (GtkWidget *field,
             GtkWidget *other)
{
  g_assert_true (gtk_widget_grab_focus (field));
  cm_test_iterate ();
  g_assert_true (gtk_widget_grab_focus (other));
  cm_test_iterate ();
}

/* One date format and one money format, in lists and while editing:
 * "31 Mar 2011" and "£240,000.00"; what is typed another way is shown
 * that way once the field is left. */
static void
test_budget_page_formats (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GPtrArray) streams = NULL;
  g_autoptr(GError) error = NULL;
  CmStreamEditor *editor;
  GtkWidget *expiry, *allocation, *name;
  gint64 dh_id = 0;

  g_assert_cmpstr (cm_stream_figure_title (CM_STREAM_FIGURE_PVI), ==, "Planned PVI");

  streams = cm_budget_list_streams (db_of (fixture), 2010, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < streams->len; i++)
    if (g_str_equal (((CmBudgetStream *) g_ptr_array_index (streams, i))->code, "DH-WDG"))
      dh_id = ((CmBudgetStream *) g_ptr_array_index (streams, i))->id;
  g_assert_cmpint (dh_id, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.edit-stream", "x", dh_id));
  cm_test_iterate ();
  editor = CM_STREAM_EDITOR (cm_test_find_toplevel (CM_TYPE_STREAM_EDITOR));
  g_assert_nonnull (editor);

  expiry = cm_stream_editor_get_field (editor, "expiry");
  allocation = cm_stream_editor_get_field (editor, "allocation");
  name = cm_stream_editor_get_field (editor, "name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (expiry)), ==, "31 Mar 2011");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (allocation)), ==, "£240,000.00");

  /* Typed the CSV way or in words: shown the one way once left. */
  gtk_editable_set_text (GTK_EDITABLE (expiry), "2011-02-01");
  leave_field (expiry, name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (expiry)), ==, "1 Feb 2011");
  gtk_editable_set_text (GTK_EDITABLE (expiry), "15 november 2010");
  leave_field (expiry, name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (expiry)), ==, "15 Nov 2010");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (editor)));

  gtk_editable_set_text (GTK_EDITABLE (allocation), "1234.5");
  leave_field (allocation, name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (allocation)), ==, "£1,234.50");
  g_assert_cmpint (cm_money_row_get_pence (CM_MONEY_ROW (allocation)), ==, 123450);

  /* Not a date: left as typed, for the editor to mark, and not saved. */
  gtk_editable_set_text (GTK_EDITABLE (expiry), "31 Sept 2010");
  leave_field (expiry, name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (expiry)), ==, "31 Sept 2010");
  g_assert_true (gtk_widget_has_css_class (expiry, "error"));
  g_assert_false (cm_stream_editor_save (editor, &error));
  /* In the CSV import's words, as beside the field. */
  g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW);
  g_assert_cmpstr (error->message, ==, "“31 Sept 2010” is not a valid date (use YYYY-MM-DD or DD/MM/YYYY)");
  g_clear_error (&error);
  {
    g_autoptr(CmBudgetStream) dh = cm_budget_get_stream (db_of (fixture), dh_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (dh->allocation_pence, ==, 24000000);
    g_assert_cmpint (g_date_get_day (&dh->expiry), ==, 31);
  }

  gtk_window_destroy (GTK_WINDOW (editor));
  cm_test_iterate ();
}

static CmBudgetFundingReason *
reason_new (const char          *code,
            CmFundingReasonKind  kind,
            gint64               amount,
            gint64               left,
            const char          *spend_by)
{
  CmBudgetFundingReason *reason = g_new0 (CmBudgetFundingReason, 1);

  reason->stream_code = g_strdup (code);
  reason->kind = kind;
  reason->amount_pence = amount;
  reason->left_pence = left;
  g_date_clear (&reason->spend_by, 1);
  g_assert_true (cm_fiscal_parse_date (spend_by, &reason->spend_by, NULL));

  return reason;
}

static CmBudgetFundingOutcome *
outcome_new (const char *code,
             const char *category,
             gint64      needed,
             gint64      proposed)
{
  CmBudgetFundingOutcome *outcome = g_new0 (CmBudgetFundingOutcome, 1);

  outcome->commission_code = g_strdup (code);
  outcome->commission_title = g_strdup_printf ("Course %s", code);
  outcome->category = g_strdup (category);
  outcome->year = 2010;
  outcome->half = 2;
  outcome->places = 20;
  outcome->needed_pence = needed;
  outcome->proposed_pence = proposed;
  outcome->unfunded_pence = needed - proposed;
  outcome->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_funding_reason_free);

  return outcome;
}

/* Every kind of reason in words, from outcomes made by hand (the example
 * of tests/test-budget.c, /budget/suggest-funding-reasons), with nothing
 * proposed: the dialog still opens, says why, and cannot apply. */
static void
test_funding_dialog_reasons (void)
{
  g_autoptr(GPtrArray) proposal = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_proposal_free);
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_funding_outcome_free);
  CmBudgetFundingOutcome *x = outcome_new ("X", "safeguarding", 200000, 50000);
  CmBudgetFundingOutcome *y = outcome_new ("Y", NULL, 10000, 0);
  CmBudgetFundingReason *reason;
  CmFundingDialog *dialog;
  const char * const expected[] = {
    "NHS can give £500.00 (all it has left); it must be spent by 31 Jan 2011, before 2010/11 H2 ends",
    "DH can give £300.00 (more would take its planned PVI share below 50%)",
    "CORE can give £1,700.00 (all that is still needed)",
    "DH: with 0 of 20 places for PVI staff, any amount would take its planned PVI share below 50%",
    "SPENT: nothing available",
    "CWDC-YOUTH: nothing available (£1,250.50 over its allocation already)",
    "EXTRA: not needed, the streams above cover it (£4,000.00 left)",
    "IW: not eligible — ring-fenced to Integrated working",
    "LSCB: not eligible — only for Safeguarding and Qualification",
    "LSCB: expired 31 Oct 2010, before the commission’s events",
    "DH: not eligible — ring-fenced to Safeguarding, and this commission has no competency",
  };

  reason = reason_new ("NHS", CM_FUNDING_GIVES, 50000, 50000, "2011-01-31");
  reason->limit = CM_FUNDING_LIMIT_AVAILABLE;
  reason->spend_by_in_cycle = TRUE;
  g_ptr_array_add (x->reasons, reason);
  reason = reason_new ("DH", CM_FUNDING_GIVES, 30000, 150000, "2011-03-31");
  reason->limit = CM_FUNDING_LIMIT_PVI;
  reason->min_pvi_bp = 5000;
  g_ptr_array_add (x->reasons, reason);
  reason = reason_new ("CORE", CM_FUNDING_GIVES, 170000, 500000, "2011-03-31");
  reason->limit = CM_FUNDING_LIMIT_NEED;
  g_ptr_array_add (x->reasons, reason);
  reason = reason_new ("DH", CM_FUNDING_PVI_MINIMUM, 0, 200000, "2011-03-31");
  reason->min_pvi_bp = 5000;
  g_ptr_array_add (x->reasons, reason);
  g_ptr_array_add (x->reasons, reason_new ("SPENT", CM_FUNDING_NOTHING_LEFT, 0, 0, "2011-03-31"));
  g_ptr_array_add (x->reasons, reason_new ("CWDC-YOUTH", CM_FUNDING_NOTHING_LEFT, 0, -125050, "2011-03-31"));
  g_ptr_array_add (x->reasons, reason_new ("EXTRA", CM_FUNDING_NOT_NEEDED, 0, 400000, "2011-03-31"));
  reason = reason_new ("IW", CM_FUNDING_NOT_ELIGIBLE, 0, 100000, "2011-03-31");
  reason->ring_fenced = TRUE;
  reason->eligible_categories = g_strsplit ("integrated-working", ";", -1);
  g_ptr_array_add (x->reasons, reason);
  reason = reason_new ("LSCB", CM_FUNDING_NOT_ELIGIBLE, 0, 100000, "2011-03-31");
  reason->eligible_categories = g_strsplit ("safeguarding;qualification", ";", -1);
  g_ptr_array_add (x->reasons, reason);
  g_ptr_array_add (x->reasons, reason_new ("LSCB", CM_FUNDING_EXPIRED, 0, 60000, "2010-10-31"));
  reason = reason_new ("DH", CM_FUNDING_NOT_ELIGIBLE, 0, 200000, "2011-03-31");
  reason->ring_fenced = TRUE;
  reason->eligible_categories = g_strsplit ("safeguarding", ";", -1);
  g_ptr_array_add (y->reasons, reason);
  g_ptr_array_add (outcomes, x);
  g_ptr_array_add (outcomes, y);

  dialog = cm_funding_dialog_new (NULL, proposal, outcomes);
  g_object_ref_sink (dialog);

  g_assert_cmpuint (cm_funding_dialog_get_n_lines (dialog), ==, 0);
  g_assert_cmpuint (cm_funding_dialog_get_n_reasons (dialog), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (cm_funding_dialog_get_reason (dialog, i), ==, expected[i]);
  g_assert_cmpstr (cm_funding_dialog_get_unfunded (dialog, 0), ==, "£1,500.00 stays unfunded");
  g_assert_cmpstr (cm_funding_dialog_get_unfunded (dialog, 1), ==, "£100.00 stays unfunded");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "No Funding Available");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_budget_page_streams_editing (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  CmBudgetStreamsView *view = cm_budget_page_get_streams_view (fixture->page);
  g_autoptr(GPtrArray) streams = NULL;
  g_autoptr(GError) error = NULL;
  CmStreamEditor *editor;
  gint64 id = 0;
  guint n_streams;

  streams = cm_budget_list_streams (db_of (fixture), 2010, &error);
  g_assert_no_error (error);
  n_streams = streams->len;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.add-stream", NULL));
  editor = CM_STREAM_EDITOR (cm_test_find_toplevel (CM_TYPE_STREAM_EDITOR));
  g_assert_nonnull (editor);
  g_object_ref (editor);
  cm_test_wait_for_mapped (GTK_WIDGET (editor));

  gtk_editable_set_text (GTK_EDITABLE (cm_stream_editor_get_field (editor, "code")), "NHS-TEST");
  gtk_editable_set_text (GTK_EDITABLE (cm_stream_editor_get_field (editor, "name")), "NHS training pilot");
  gtk_editable_set_text (GTK_EDITABLE (cm_stream_editor_get_field (editor, "allocation")), "£12,500");
  gtk_editable_set_text (GTK_EDITABLE (cm_stream_editor_get_field (editor, "expiry")), "31/03/2011");
  gtk_editable_set_text (GTK_EDITABLE (cm_stream_editor_get_field (editor, "min-pvi")), "25");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  cm_test_iterate ();
  assert_no_error_dialog ();
  id = cm_stream_editor_get_stream (editor)->id;
  g_assert_finalize_object (editor);

  g_clear_pointer (&streams, g_ptr_array_unref);
  streams = cm_budget_list_streams (db_of (fixture), 2010, &error);
  g_assert_cmpuint (streams->len, ==, n_streams + 1);
  g_assert_nonnull (cm_budget_streams_view_get_row (view, "NHS-TEST"));
  assert_shown_money (fixture, "NHS-TEST", CM_STREAM_FIGURE_ALLOCATION, 1250000);
  assert_shown_money (fixture, "NHS-TEST", CM_STREAM_FIGURE_AVAILABLE, 1250000);

  /* Delete with Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.delete-stream", "x", id));
  cm_test_iterate ();
  g_assert_null (cm_budget_streams_view_get_row (view, "NHS-TEST"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.undo", NULL));
  cm_test_iterate ();
  g_assert_nonnull (cm_budget_streams_view_get_row (view, "NHS-TEST"));
  {
    g_autoptr(CmBudgetStream) back = cm_budget_get_stream (db_of (fixture), id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (back->min_pvi_bp, ==, 2500);
    g_assert_cmpint (g_date_get_year (&back->expiry), ==, 2011);
  }

  /* A stream with splits cannot go: the reason is shown. */
  {
    const CmBudgetStream *wspp = NULL;

    for (guint i = 0; i < streams->len; i++)
      if (g_str_equal (((CmBudgetStream *) g_ptr_array_index (streams, i))->code, WSPP))
        wspp = g_ptr_array_index (streams, i);
    g_assert_nonnull (wspp);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.delete-stream", "x", wspp->id));
    cm_test_iterate ();
    g_assert_nonnull (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    gtk_window_destroy (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    cm_test_iterate ();
    g_assert_nonnull (cm_budget_streams_view_get_row (view, WSPP));
  }
}

static void
test_budget_page_empty_year (Fixture       *fixture,
                             gconstpointer  user_data)
{
  GtkWidget *status = cm_budget_page_get_status_page (fixture->page);
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

  /* The page follows the cycle the window keeps in the settings. 2013/14
   * has no streams: the empty state, with its actions. */
  g_settings_set_int (settings, "last-year", 2013);
  g_assert_cmpint (cm_budget_page_get_year (fixture->page), ==, 2013);
  cm_test_wait_for_mapped (status);
  g_assert_cmpstr (cm_budget_page_get_visible_view (fixture->page), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Budget Yet");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), "2013/14"));

  g_settings_reset (settings, "last-year");
  cm_test_iterate ();
  g_assert_cmpint (cm_budget_page_get_year (fixture->page), ==, 2010);
  g_assert_cmpstr (cm_budget_page_get_visible_view (fixture->page), ==, "streams");

  /* A year is read in the background; the page shows it once read. */
  cm_budget_page_set_year (fixture->page, 2013);
  cm_test_iterate ();
  g_assert_cmpstr (cm_budget_page_get_visible_view (fixture->page), ==, "empty");
  cm_budget_page_set_year (fixture->page, 2010);
  cm_test_iterate ();
  g_assert_cmpstr (cm_budget_page_get_visible_view (fixture->page), ==, "streams");
}

/* Opens a new stream's editor on the page's year with @code filled in. */
static CmStreamEditor *
new_stream_editor (Fixture    *fixture,
                   const char *code)
{
  CmStreamEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.add-stream", NULL));
  editor = CM_STREAM_EDITOR (cm_test_find_toplevel (CM_TYPE_STREAM_EDITOR));
  g_assert_nonnull (editor);
  g_object_ref (editor);
  cm_test_wait_for_mapped (GTK_WIDGET (editor));
  gtk_editable_set_text (GTK_EDITABLE (cm_stream_editor_get_field (editor, "code")), code);
  gtk_editable_set_text (GTK_EDITABLE (cm_stream_editor_get_field (editor, "name")), "DH Workforce Development Grant");
  gtk_editable_set_text (GTK_EDITABLE (cm_stream_editor_get_field (editor, "allocation")), "£250,000");
  return editor;
}

/* A new financial year: a year without streams offers to start from the
 * latest earlier year that has some, and the copies appear through the
 * change notification. A code is unique within its year only, so the
 * stream editor refuses one its year has and takes it in another, and
 * the spend editor saves the stream listed, not another year's. */
static void
test_budget_page_new_year (Fixture       *fixture,
                           gconstpointer  user_data)
{
  CmBudgetStreamsView *view = cm_budget_page_get_streams_view (fixture->page);
  GtkWidget *button = cm_budget_page_get_copy_streams_button (fixture->page);
  g_autoptr(GPtrArray) streams_2010 = NULL;
  g_autoptr(GPtrArray) streams_2011 = NULL;
  g_autoptr(GError) error = NULL;
  CmStreamEditor *editor;
  CmTransactionEditor *spend_editor;
  gint64 n_streams, wspp_2010, wspp_2011;

  /* Before the first year with streams there is nothing to start from. */
  cm_budget_page_set_year (fixture->page, 2009);
  cm_test_iterate ();
  g_assert_cmpstr (cm_budget_page_get_visible_view (fixture->page), ==, "empty");
  g_assert_false (gtk_widget_get_visible (button));

  /* The nearest earlier year, however far back. */
  cm_budget_page_set_year (fixture->page, 2013);
  cm_test_iterate ();
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Start 2013/14 from 2010/11");

  cm_budget_page_set_year (fixture->page, 2011);
  cm_test_iterate ();
  g_assert_cmpstr (cm_budget_page_get_visible_view (fixture->page), ==, "empty");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Start 2011/12 from 2010/11");

  g_signal_emit_by_name (button, "clicked");
  cm_test_iterate ();
  assert_no_error_dialog ();

  g_assert_cmpstr (cm_budget_page_get_visible_view (fixture->page), ==, "streams");
  streams_2010 = cm_budget_list_streams (db_of (fixture), 2010, &error);
  g_assert_no_error (error);
  streams_2011 = cm_budget_list_streams (db_of (fixture), 2011, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (streams_2011->len, ==, 9);
  g_assert_cmpuint (streams_2011->len, ==, streams_2010->len);
  for (guint i = 0; i < streams_2011->len; i++)
    {
      const CmBudgetStream *stream = g_ptr_array_index (streams_2011, i);

      g_assert_cmpstr (stream->code, ==, ((CmBudgetStream *) g_ptr_array_index (streams_2010, i))->code);
      g_assert_cmpint (stream->allocation_pence, ==, 0);
      g_assert_nonnull (cm_budget_streams_view_get_row (view, stream->code));
      g_assert_cmpstr (shown (fixture, stream->code, CM_STREAM_FIGURE_ALLOCATION), ==, "£0.00");
    }
  g_assert_cmpint (((CmBudgetStream *) g_ptr_array_index (streams_2010, 0))->allocation_pence, >, 0);
  /* With streams, the year has nothing more to start from. */
  g_assert_false (gtk_widget_is_sensitive (button));

  /* 2011/12 now has DH-WDG: a second one is refused, naming the year. */
  n_streams = cm_test_query_int64 (db_of (fixture), "SELECT count(*) FROM streams");
  editor = new_stream_editor (fixture, "DH-WDG");
  g_assert_false (cm_stream_editor_save (editor, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "There is already a funding stream with code “DH-WDG” in 2011/12");
  g_clear_error (&error);
  close_and_finalize (editor);
  cm_test_iterate ();
  g_assert_cmpint (cm_test_query_int64 (db_of (fixture), "SELECT count(*) FROM streams"), ==, n_streams);

  /* 2012/13 has none: the same code is a new stream there. */
  cm_budget_page_set_year (fixture->page, 2012);
  cm_test_iterate ();
  editor = new_stream_editor (fixture, "DH-WDG");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  cm_test_iterate ();
  assert_no_error_dialog ();
  g_assert_finalize_object (editor);
  g_assert_cmpint (cm_test_query_int64 (db_of (fixture), "SELECT allocation_pence FROM streams"
                                                         " WHERE code = 'DH-WDG' AND year = 2012"), ==, 25000000);
  g_assert_cmpint (cm_test_query_int64 (db_of (fixture), "SELECT allocation_pence FROM streams"
                                                         " WHERE code = 'DH-WDG' AND year = 2011"), ==, 0);
  g_assert_cmpint (cm_test_query_int64 (db_of (fixture), "SELECT allocation_pence FROM streams"
                                                         " WHERE code = 'DH-WDG' AND year = 2010"), ==, 24000000);
  g_assert_cmpstr (cm_budget_page_get_visible_view (fixture->page), ==, "streams");
  assert_shown_money (fixture, "DH-WDG", CM_STREAM_FIGURE_ALLOCATION, 25000000);

  /* Spend entered on 2010/11 for a 2010/11 stream keeps that stream,
   * even dated in 2011/12, which has a stream of the same code. */
  cm_budget_page_set_year (fixture->page, 2010);
  cm_test_iterate ();
  wspp_2010 = cm_test_query_int64 (db_of (fixture), "SELECT id FROM streams WHERE code = '" WSPP "' AND year = 2010");
  wspp_2011 = cm_test_query_int64 (db_of (fixture), "SELECT id FROM streams WHERE code = '" WSPP "' AND year = 2011");
  g_assert_cmpint (wspp_2010, !=, wspp_2011);
  spend_editor = open_transaction_editor (fixture);
  fill_transaction (spend_editor, "20/04/2011", "£100.00", "LATE-0001", WSPP);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (spend_editor), "editor.save", NULL));
  cm_test_iterate ();
  assert_no_error_dialog ();
  g_assert_finalize_object (spend_editor);
  g_assert_cmpint (cm_test_query_int64 (db_of (fixture), "SELECT stream_id FROM transactions WHERE reference = 'LATE-0001'"),
                   ==, wspp_2010);

  /* And spend of 2010/11 charged to the 2011/12 stream keeps that one
   * when it is edited, though 2010/11 lists a stream of its code. */
  {
    g_autoptr(CmBudgetTransaction) early = cm_budget_transaction_new ();

    g_date_set_dmy (&early->date, 1, G_DATE_MARCH, 2011);
    early->amount_pence = 5000;
    early->stream_id = wspp_2011;
    g_free (early->supplier);
    early->supplier = g_strdup ("Harbour Training Ltd");
    g_free (early->reference);
    early->reference = g_strdup ("EARLY-0001");
    g_assert_true (cm_budget_save_transaction (db_of (fixture), early, &error));
    g_assert_no_error (error);
    cm_test_iterate ();

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.edit-transaction", "x", early->id));
    spend_editor = CM_TRANSACTION_EDITOR (cm_test_find_toplevel (CM_TYPE_TRANSACTION_EDITOR));
    g_assert_nonnull (spend_editor);
    g_object_ref (spend_editor);
    cm_test_wait_for_mapped (GTK_WIDGET (spend_editor));
    gtk_editable_set_text (GTK_EDITABLE (cm_transaction_editor_get_field (spend_editor, "amount")), "£60.00");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (spend_editor), "editor.save", NULL));
    cm_test_iterate ();
    assert_no_error_dialog ();
    g_object_unref (spend_editor);
    cm_test_iterate ();
    g_assert_cmpint (cm_test_query_int64 (db_of (fixture), "SELECT stream_id FROM transactions WHERE reference = 'EARLY-0001'"),
                     ==, wspp_2011);
    g_assert_cmpint (cm_test_query_int64 (db_of (fixture), "SELECT amount_pence FROM transactions WHERE reference = 'EARLY-0001'"),
                     ==, 6000);
  }
}

/* History: the commission editor's History opens the commission's
 * recorded changes of money, newest first. The example data added
 * WSPP-NVQ with £1,650.00 a place, £50.00 of materials and £8,000.00
 * from CWDC-WSPP (three rows); a place then costs £1,700.00 (a fourth). */
static void
test_budget_page_history (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(CmBudgetCommission) commission = commission_by_code (fixture, COMMISSION);
  g_autoptr(GError) error = NULL;
  CmCommissionEditor *editor;
  CmAuditDialog *dialog;

  commission->cost_per_place_pence = 170000;
  g_assert_true (cm_budget_save_commission (db_of (fixture), commission, &error));
  g_assert_no_error (error);
  cm_test_iterate ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "budget.edit-commission", "x",
                                             commission->id));
  editor = CM_COMMISSION_EDITOR (cm_test_find_toplevel (CM_TYPE_COMMISSION_EDITOR));
  g_assert_nonnull (editor);
  g_object_ref (editor);
  cm_test_wait_for_mapped (GTK_WIDGET (editor));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.show-history", NULL));
  dialog = CM_AUDIT_DIALOG (cm_test_find_toplevel (CM_TYPE_AUDIT_DIALOG));
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (editor));
  cm_test_wait_for_mapped (GTK_WIDGET (dialog));
  cm_test_iterate ();

  g_assert_false (cm_audit_dialog_is_empty (dialog));
  g_assert_cmpuint (cm_audit_dialog_get_n_rows (dialog), ==, 4);
  g_assert_cmpstr (cm_audit_dialog_get_row_title (dialog, 0), ==, "Cost per place: £1,650.00 → £1,700.00");
  g_assert_cmpstr (cm_audit_dialog_get_row_title (dialog, 1), ==, "Amount (WSPP-NVQ / CWDC-WSPP): none → £8,000.00");
  g_assert_cmpstr (cm_audit_dialog_get_row_title (dialog, 2), ==, "Materials per place: none → £50.00");
  g_assert_cmpstr (cm_audit_dialog_get_row_title (dialog, 3), ==, "Cost per place: none → £1,650.00");
  g_assert_null (cm_audit_dialog_get_row_title (dialog, 4));

  /* A change made while it is open is listed at once. */
  commission->cost_per_place_pence = 165000;
  g_assert_true (cm_budget_save_commission (db_of (fixture), commission, &error));
  g_assert_no_error (error);
  cm_test_iterate ();
  g_assert_cmpuint (cm_audit_dialog_get_n_rows (dialog), ==, 5);
  g_assert_cmpstr (cm_audit_dialog_get_row_title (dialog, 0), ==, "Cost per place: £1,700.00 → £1,650.00");

  gtk_window_destroy (GTK_WINDOW (dialog));
  cm_test_iterate ();
  g_assert_finalize_object (dialog);
  gtk_window_destroy (GTK_WINDOW (editor));
  cm_test_iterate ();
  g_assert_finalize_object (editor);

  /* Data from before the audit trail: no rows, and the empty state. */
  dialog = cm_audit_dialog_new (fixture->window, fixture->context, CM_AUDIT_ITEM_TRANSACTION, 999999, "None");
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  cm_test_wait_for_mapped (GTK_WIDGET (dialog));
  cm_test_iterate ();
  g_assert_true (cm_audit_dialog_is_empty (dialog));
  g_assert_cmpuint (cm_audit_dialog_get_n_rows (dialog), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  cm_test_iterate ();
  g_assert_finalize_object (dialog);
}

int
main (int   argc,
      char *argv[])
{
  /* Icons are sniffed for their type with the system's MIME database,
   * which the isolated XDG folders would hide. */
  g_content_type_set_mime_dirs (NULL);

  /* What gtk_test_init() does, but with isolated XDG folders. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  gtk_init ();
  adw_init ();

  g_test_add ("/budget-page/streams", Fixture, NULL,
              fixture_set_up, test_budget_page_streams, fixture_tear_down);
  g_test_add ("/budget-page/history", Fixture, NULL,
              fixture_set_up, test_budget_page_history, fixture_tear_down);
  g_test_add ("/budget-page/reveal", Fixture, NULL,
              fixture_set_up, test_budget_page_reveal, fixture_tear_down);
  g_test_add ("/budget-page/commission-editor", Fixture, NULL,
              fixture_set_up, test_budget_page_commission_editor, fixture_tear_down);
  g_test_add ("/budget-page/transactions", Fixture, NULL,
              fixture_set_up, test_budget_page_transactions, fixture_tear_down);
  g_test_add ("/budget-page/discard-asks", Fixture, NULL,
              fixture_set_up, test_budget_page_discard_asks, fixture_tear_down);
  g_test_add ("/budget-page/undo-after-toast", Fixture, NULL,
              fixture_set_up, test_budget_page_undo_after_toast, fixture_tear_down);
  g_test_add ("/budget-page/new-commission-cycle", Fixture, NULL,
              fixture_set_up, test_budget_page_new_commission_cycle, fixture_tear_down);
  g_test_add ("/budget-page/undo-edit", Fixture, NULL,
              fixture_set_up, test_budget_page_undo_edit, fixture_tear_down);
  g_test_add ("/budget-page/what-if", Fixture, NULL,
              fixture_set_up, test_budget_page_what_if, fixture_tear_down);
  g_test_add ("/budget-page/what-if-saved", Fixture, NULL,
              fixture_set_up, test_budget_page_what_if_saved, fixture_tear_down);
  g_test_add ("/budget-page/one-commission-changes", Fixture, NULL,
              fixture_set_up, test_budget_page_one_commission_changes, fixture_tear_down);
  g_test_add ("/budget-page/suggest-funding", Fixture, NULL,
              fixture_set_up, test_budget_page_suggest_funding, fixture_tear_down);
  g_test_add_func ("/budget-page/funding-dialog-reasons", test_funding_dialog_reasons);
  g_test_add ("/budget-page/formats", Fixture, NULL,
              fixture_set_up, test_budget_page_formats, fixture_tear_down);
  g_test_add ("/budget-page/suggest-funding-short", Fixture, NULL,
              fixture_set_up, test_budget_page_suggest_funding_short, fixture_tear_down);
  g_test_add ("/budget-page/streams-editing", Fixture, NULL,
              fixture_set_up, test_budget_page_streams_editing, fixture_tear_down);
  g_test_add ("/budget-page/one-row-of-many", Fixture, NULL,
              fixture_set_up, test_budget_page_one_row_of_many, fixture_tear_down);
  g_test_add ("/budget-page/field-errors", Fixture, NULL,
              fixture_set_up, test_budget_page_field_errors, fixture_tear_down);
  g_test_add ("/budget-page/search-drop-downs", Fixture, NULL,
              fixture_set_up, test_budget_page_search_drop_downs, fixture_tear_down);
  g_test_add ("/budget-page/tab-skips-delete", Fixture, NULL,
              fixture_set_up, test_budget_page_tab_skips_delete, fixture_tear_down);
  g_test_add ("/budget-page/empty-year", Fixture, NULL,
              fixture_set_up, test_budget_page_empty_year, fixture_tear_down);
  g_test_add ("/budget-page/new-year", Fixture, NULL,
              fixture_set_up, test_budget_page_new_year, fixture_tear_down);

  return g_test_run ();
}
