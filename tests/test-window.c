/* test-window.c
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

#include "cm-db-private.h"
#include "cm-application.h"
#include "cm-backups.h"
#include "cm-budget.h"
#include "cm-budget-page.h"
#include "cm-dialogs.h"
#include "cm-evaluation.h"
#include "cm-evaluation-page.h"
#include "cm-export-dialog.h"
#include "cm-needs-page.h"
#include "cm-preferences-window.h"
#include "cm-restore-dialog.h"
#include "cm-staff-group.h"
#include "cm-test-util.h"
#include "cm-transaction-editor.h"
#include "cm-needs.h"
#include "cm-window.h"
#include "cm-test-ui.h"

/* The example data's figures, counted by hand from cm-demo.c. */
#define N_ORGANISATIONS 22
#define N_STAFF_GROUPS  33

static CmApplication *application;

typedef struct
{
  char      *dir;
  char      *path;
  CmContext *context;
  CmWindow  *window;
} Fixture;




/* Runs the main loop until @widget is on screen. */

static gint64
query (CmContext  *context,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (cm_db_query_int64 (cm_context_get_db (context), sql, &value, &error));
  g_assert_no_error (error);
  return value;
}


static CmWindow *
open_window (CmContext *context)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  CmWindow *window;

  /* Each test starts on the first page, whatever the last one showed. */
  g_settings_reset (settings, "last-page");
  window = g_object_ref (cm_window_new (application, context));

  gtk_window_present (GTK_WINDOW (window));
  cm_test_wait_for_mapped (GTK_WIDGET (window));

  return window;
}

static void
close_window (CmWindow **window)
{
  CmWindow *self = g_steal_pointer (window);

  gtk_window_destroy (GTK_WINDOW (self));
  cm_test_iterate ();
  g_assert_finalize_object (self);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cm-test-window-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->path = g_build_filename (fixture->dir, "window.db", NULL);
  fixture->context = cm_context_new_for_path (fixture->path, &error);
  g_assert_no_error (error);
  cm_test_watch_context (fixture->context);

  fixture->window = open_window (fixture->context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    close_window (&fixture->window);

  g_assert_finalize_object (fixture->context);
  cm_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gboolean
action_enabled (CmWindow   *window,
                const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), name);
}

static CmNeedsPage *
needs_page (CmWindow *window)
{
  return CM_NEEDS_PAGE (cm_window_get_page (window, "needs"));
}

static void
test_window_welcome (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkWidget *bar = cm_test_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_SWITCHER_BAR);

  g_assert_cmpstr (cm_window_get_mode (fixture->window), ==, "welcome");
  g_assert_cmpstr (cm_window_get_path (fixture->window), ==, fixture->path);
  g_assert_true (cm_window_get_context (fixture->window) == fixture->context);

  g_assert_true (action_enabled (fixture->window, "load-example-data"));
  g_assert_true (action_enabled (fixture->window, "start-empty"));
  g_assert_true (action_enabled (fixture->window, "import"));
  g_assert_true (action_enabled (fixture->window, "backup"));
  g_assert_false (action_enabled (fixture->window, "show-page"));
  /* Nothing to export before the welcome is answered. */
  g_assert_false (action_enabled (fixture->window, "export"));

  /* The page switcher belongs to the pages, not to the welcome. */
  g_assert_nonnull (bar);
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
}

static void
test_window_load_example_data (Fixture       *fixture,
                               gconstpointer  user_data)
{
  GtkColumnView *view;
  GListModel *model;
  g_autoptr(CmStaffGroup) first = NULL;
  g_autofree char *answer = NULL;
  gint64 n_staff_groups;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-example-data", NULL));
  cm_test_iterate ();

  g_assert_cmpstr (cm_window_get_mode (fixture->window), ==, "pages");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (cm_window_get_view_stack (fixture->window)), ==, "needs");
  g_assert_false (action_enabled (fixture->window, "start-empty"));
  g_assert_true (action_enabled (fixture->window, "show-page"));

  /* The needs page opens on the analysis; its workforce overview browses
   * the staff just loaded. */
  g_assert_cmpstr (cm_needs_page_get_state (needs_page (fixture->window)), ==, "wizard");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (cm_needs_page_get_wizard (needs_page (fixture->window)))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (needs_page (fixture->window)), "needs.show-workforce", NULL));
  cm_test_iterate ();
  g_assert_cmpstr (cm_needs_page_get_state (needs_page (fixture->window)), ==, "workforce");
  view = cm_needs_page_get_staff_groups_view (needs_page (fixture->window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (view), "data-table"));

  model = G_LIST_MODEL (gtk_column_view_get_model (view));
  n_staff_groups = query (fixture->context, "SELECT count(*) FROM staff_groups");
  g_assert_cmpint (n_staff_groups, ==, N_STAFF_GROUPS);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_staff_groups);

  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (cm_staff_group_get_name (first), ==, "CAMHS clinicians");

  view = cm_needs_page_get_organisations_view (needs_page (fixture->window));
  model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_ORGANISATIONS);

  g_assert_cmpstr (cm_needs_page_get_summary (needs_page (fixture->window)),
                   ==, "33 staff groups · 1,900 staff in 22 organisations");

  /* The answer is kept in the file: the welcome is not shown again. */
  answer = cm_context_get_setting (fixture->context, "welcome-answered", NULL);
  g_assert_cmpstr (answer, ==, "example-data");

  close_window (&fixture->window);
  fixture->window = open_window (fixture->context);
  g_assert_cmpstr (cm_window_get_mode (fixture->window), ==, "pages");
  g_assert_cmpstr (cm_needs_page_get_state (needs_page (fixture->window)), ==, "wizard");
}

static void
test_window_sorting (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkColumnView *view;
  GListModel *columns;
  GListModel *model;
  g_autoptr(GtkColumnViewColumn) headcount_column = NULL;
  g_autoptr(CmStaffGroup) largest = NULL;
  g_autoptr(CmStaffGroup) smallest = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-example-data", NULL));
  cm_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (needs_page (fixture->window)), "needs.show-workforce", NULL));
  cm_test_iterate ();

  view = cm_needs_page_get_staff_groups_view (needs_page (fixture->window));
  columns = gtk_column_view_get_columns (view);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 5);

  /* Every column can be sorted by. */
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
    }

  headcount_column = g_list_model_get_item (columns, 3);
  g_assert_cmpstr (gtk_column_view_column_get_title (headcount_column), ==, "Headcount");
  gtk_column_view_sort_by_column (view, headcount_column, GTK_SORT_DESCENDING);
  cm_test_iterate ();

  model = G_LIST_MODEL (gtk_column_view_get_model (view));
  largest = g_list_model_get_item (model, 0);
  smallest = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
  g_assert_cmpstr (cm_staff_group_get_name (largest), ==, "Nursery practitioners, PVI settings");
  g_assert_cmpint (cm_staff_group_get_headcount (largest), ==, 150);
  g_assert_cmpstr (cm_staff_group_get_name (smallest), ==, "Residential care workers, independent children's homes");
  g_assert_cmpint (cm_staff_group_get_headcount (smallest), ==, 16);

  columns = gtk_column_view_get_columns (cm_needs_page_get_organisations_view (needs_page (fixture->window)));
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 4);
}

static void
test_window_start_empty (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *answer = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.start-empty", NULL));
  cm_test_iterate ();

  g_assert_cmpstr (cm_window_get_mode (fixture->window), ==, "pages");
  g_assert_cmpstr (cm_needs_page_get_state (needs_page (fixture->window)), ==, "empty");
  g_assert_cmpint (query (fixture->context, "SELECT count(*) FROM organisations"), ==, 0);

  answer = cm_context_get_setting (fixture->context, "welcome-answered", NULL);
  g_assert_cmpstr (answer, ==, "empty");

  close_window (&fixture->window);
  fixture->window = open_window (fixture->context);
  g_assert_cmpstr (cm_window_get_mode (fixture->window), ==, "pages");
}

typedef struct
{
  GAsyncResult *result;
} ImportWait;

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static void
test_window_reloads_on_change (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *csv = g_build_filename (fixture->dir, "organisations.csv", NULL);
  g_autoptr(GError) error = NULL;
  ImportWait wait = { NULL };
  CmImportResult counts;
  GListModel *model;

  g_assert_true (g_file_set_contents (csv,
                                      "name,kind\n"
                                      "Alpha Nursery,private\n"
                                      "Beta School,school\n",
                                      -1, NULL));

  /* Data that arrives by import, here without the file chooser, answers
   * the welcome and reaches the needs page through "changed". */
  cm_context_import_file_async (fixture->context, "organisations", csv, FALSE, NULL, import_done_cb, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cm_context_import_file_finish (fixture->context, wait.result, &counts, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  cm_test_iterate ();

  g_assert_cmpuint (counts.inserted, ==, 2);
  g_assert_cmpstr (cm_window_get_mode (fixture->window), ==, "pages");
  g_assert_cmpstr (cm_needs_page_get_state (needs_page (fixture->window)), ==, "wizard");
  g_assert_cmpstr (cm_needs_page_get_summary (needs_page (fixture->window)),
                   ==, "0 staff groups · 0 staff in 2 organisations");

  /* The tables, filled when shown, hold the imported rows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (needs_page (fixture->window)), "needs.show-workforce", NULL));
  cm_test_iterate ();
  model = G_LIST_MODEL (gtk_column_view_get_model (cm_needs_page_get_organisations_view (needs_page (fixture->window))));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  model = G_LIST_MODEL (gtk_column_view_get_model (cm_needs_page_get_staff_groups_view (needs_page (fixture->window))));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (cm_needs_page_get_summary (needs_page (fixture->window)),
                   ==, "0 staff groups · 0 staff in 2 organisations");

  /* The example data is refused once there is data: nothing changes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-example-data", NULL));
  cm_test_iterate ();
  g_assert_cmpint (query (fixture->context, "SELECT count(*) FROM organisations"), ==, 2);
  g_assert_nonnull (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_window_destroy (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  cm_test_iterate ();
}

static void
test_window_pages (Fixture       *fixture,
                   gconstpointer  user_data)
{
  AdwViewStack *stack = cm_window_get_view_stack (fixture->window);
  GtkWidget *budget = cm_window_get_page (fixture->window, "budget");
  GtkWidget *evaluation = cm_window_get_page (fixture->window, "evaluation");
  GtkWidget *status;

  /* On an empty database every page offers a way to fill it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.start-empty", NULL));
  cm_test_iterate ();

  g_assert_true (CM_IS_BUDGET_PAGE (budget));
  g_assert_true (CM_IS_EVALUATION_PAGE (evaluation));
  g_assert_true (cm_budget_page_get_context (CM_BUDGET_PAGE (budget)) == fixture->context);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "budget"));
  status = cm_budget_page_get_status_page (CM_BUDGET_PAGE (budget));
  cm_test_wait_for_mapped (status);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "budget");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Budget Yet");
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (status)), ==, "accessories-calculator-symbolic");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (needs_page (fixture->window))));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "evaluation"));
  status = cm_evaluation_page_get_status_page (CM_EVALUATION_PAGE (evaluation));
  cm_test_wait_for_mapped (status);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "evaluation");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Evaluations Yet");
  g_assert_false (gtk_widget_get_mapped (cm_budget_page_get_status_page (CM_BUDGET_PAGE (budget))));

  /* An unknown page name leaves the page as it is. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "nowhere"));
  cm_test_iterate ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "evaluation");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "needs"));
  cm_test_iterate ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "needs");
}

/* The page last shown is where the next start opens. */
static void
test_window_last_page (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *page = NULL;
  CmWindow *next;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.start-empty", NULL));
  cm_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "budget"));
  cm_test_iterate ();
  page = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (page, ==, "budget");

  next = g_object_ref (cm_window_new (application, fixture->context));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (cm_window_get_view_stack (next)), ==, "budget");
  close_window (&next);
  g_settings_reset (settings, "last-page");
}

static void
capture_toast_cb (GtkWidget *page,
                  AdwToast  *toast,
                  AdwToast **out_toast)
{
  g_set_object (out_toast, toast);
}

/* Export…: the dialog, the path given through its action, the export in
 * a worker thread, and the toast that offers to open the file. */
static void
test_window_export (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "Commissioner finance 2010-11.xlsx", NULL);
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *contents = NULL;
  CmExportDialog *dialog;
  GtkWindow *error_dialog;
  gsize length = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-example-data", NULL));
  cm_test_iterate ();
  g_assert_true (action_enabled (fixture->window, "export"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL));
  cm_test_iterate ();

  dialog = CM_EXPORT_DIALOG (cm_test_find_toplevel (CM_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_assert_cmpint (cm_export_dialog_get_kind (dialog), ==, CM_EXPORT_FINANCE);
  g_assert_cmpint (cm_export_dialog_get_year (dialog), ==, 2010);

  /* A folder where the file should go: an error, the dialog stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export-to", "s", fixture->dir));
  cm_test_iterate ();
  g_assert_false (cm_export_dialog_is_running (dialog));
  error_dialog = cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (error_dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (error_dialog)), ==, "Could Not Export the Workbook");
  gtk_window_destroy (error_dialog);
  cm_test_iterate ();
  g_assert_true (cm_test_find_toplevel (CM_TYPE_EXPORT_DIALOG) == GTK_WINDOW (dialog));

  g_signal_connect (dialog, "add-toast", G_CALLBACK (capture_toast_cb), &toast);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export-to", "s", path));
  cm_test_iterate ();

  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Exported “Commissioner finance 2010-11.xlsx”");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
  g_assert_nonnull (cm_test_find_widget (GTK_WIDGET (fixture->window), g_type_from_name ("AdwToastWidget")));
  g_assert_null (cm_test_find_toplevel (CM_TYPE_EXPORT_DIALOG));

  /* A workbook: a zip file, as libxlsxwriter writes it. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 10000);
  g_assert_true (memcmp (contents, "PK", 2) == 0);

  /* The LSCB report and the evaluation workbook can be chosen and
   * exported too. */
  for (guint i = 0; i < 2; i++)
    {
      CmExportKind kind = i == 0 ? CM_EXPORT_LSCB_REPORT : CM_EXPORT_EVALUATION;
      g_autofree char *name = cm_export_suggest_name (kind, 2010, 0);
      g_autofree char *kind_path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *title = g_strdup_printf ("Exported “%s”", name);

      g_clear_object (&toast);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL));
      cm_test_iterate ();
      dialog = CM_EXPORT_DIALOG (cm_test_find_toplevel (CM_TYPE_EXPORT_DIALOG));
      g_assert_nonnull (dialog);
      g_assert_true (cm_export_kind_available (kind));
      cm_export_dialog_set_kind (dialog, kind);
      g_assert_cmpint (cm_export_dialog_get_kind (dialog), ==, kind);
      g_signal_connect (dialog, "add-toast", G_CALLBACK (capture_toast_cb), &toast);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export-to", "s", kind_path));
      cm_test_iterate ();
      g_assert_nonnull (toast);
      g_assert_cmpstr (adw_toast_get_title (toast), ==, title);
      g_assert_null (cm_test_find_toplevel (CM_TYPE_EXPORT_DIALOG));
      g_assert_true (g_file_test (kind_path, G_FILE_TEST_IS_REGULAR));
    }
}

/* The window's overlay is the only one: a page's toast covers the whole
 * window, and its Undo still reaches the page. */
static void
test_window_toasts (Fixture       *fixture,
                    gconstpointer  user_data)
{
  GtkWidget *budget = cm_window_get_page (fixture->window, "budget");
  GType toast_widget_type;
  g_autoptr(AdwToast) toast = NULL;
  GtkWidget *shown;
  gint64 n_transactions;
  gint64 id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-example-data", NULL));
  cm_test_iterate ();

  /* "Example data loaded" */
  toast_widget_type = g_type_from_name ("AdwToastWidget");
  g_assert_true (toast_widget_type != G_TYPE_INVALID);
  shown = cm_test_find_widget (GTK_WIDGET (fixture->window), toast_widget_type);
  g_assert_nonnull (shown);
  g_assert_true (gtk_widget_get_parent (shown) == cm_test_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_TOAST_OVERLAY));
  g_assert_null (cm_test_find_widget (budget, ADW_TYPE_TOAST_OVERLAY));
  g_assert_null (cm_test_find_widget (GTK_WIDGET (needs_page (fixture->window)), ADW_TYPE_TOAST_OVERLAY));

  g_signal_connect (budget, "add-toast", G_CALLBACK (capture_toast_cb), &toast);
  n_transactions = query (fixture->context, "SELECT count(*) FROM transactions");
  id = query (fixture->context, "SELECT min(id) FROM transactions");
  g_assert_true (gtk_widget_activate_action (budget, "budget.delete-transaction", "x", id));
  cm_test_iterate ();
  g_assert_cmpint (query (fixture->context, "SELECT count(*) FROM transactions"), ==, n_transactions - 1);

  g_assert_nonnull (toast);
  g_assert_true (g_str_has_prefix (adw_toast_get_title (toast), "Deleted"));
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_assert_nonnull (cm_test_find_widget (GTK_WIDGET (fixture->window), toast_widget_type));

  /* What its button does. */
  g_signal_emit_by_name (toast, "button-clicked");
  cm_test_iterate ();
  g_assert_cmpint (query (fixture->context, "SELECT count(*) FROM transactions"), ==, n_transactions);
  g_assert_cmpint (query (fixture->context, "SELECT min(id) FROM transactions"), ==, id);

  g_signal_handlers_disconnect_by_func (budget, capture_toast_cb, &toast);
}

/* Alt+Right and Alt+Left move the analysis on and back even while the
 * focus is in the header bar, out of the wizard's reach. */
static void
test_window_wizard_keys (Fixture       *fixture,
                         gconstpointer  user_data)
{
  CmNeedsWizard *wizard = cm_needs_page_get_wizard (needs_page (fixture->window));
  g_autoptr(GtkShortcut) shortcut = NULL;
  g_autofree char *trigger = NULL;
  GtkWidget *dropdown;
  GtkWidget *focus;
  GtkWidget *owner = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-example-data", NULL));
  cm_test_iterate ();
  g_assert_cmpstr (cm_needs_page_get_state (needs_page (fixture->window)), ==, "wizard");
  cm_needs_wizard_set_step (wizard, CM_NEEDS_STEP_CYCLE);
  cm_test_iterate ();

  dropdown = cm_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_DROP_DOWN);
  g_assert_true (gtk_widget_grab_focus (dropdown));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, ADW_TYPE_HEADER_BAR));
  g_assert_null (gtk_widget_get_ancestor (focus, CM_TYPE_NEEDS_WIZARD));

  shortcut = cm_test_press_key (focus, GDK_KEY_Right, GDK_ALT_MASK, &owner);
  g_assert_nonnull (shortcut);
  g_assert_true (owner == GTK_WIDGET (fixture->window));
  trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
  g_assert_cmpstr (trigger, ==, "<Alt>Right");
  g_assert_cmpuint (cm_needs_wizard_get_step (wizard), ==, CM_NEEDS_STEP_WORKFORCE);
  g_clear_object (&shortcut);
  g_clear_pointer (&trigger, g_free);

  shortcut = cm_test_press_key (focus, GDK_KEY_Left, GDK_ALT_MASK, &owner);
  g_assert_nonnull (shortcut);
  trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
  g_assert_cmpstr (trigger, ==, "<Alt>Left");
  g_assert_cmpuint (cm_needs_wizard_get_step (wizard), ==, CM_NEEDS_STEP_CYCLE);
  g_clear_object (&shortcut);

  /* With the focus in the wizard, its own shortcut takes the key. */
  shortcut = cm_test_press_key (cm_needs_wizard_get_step_widget (wizard, CM_NEEDS_STEP_CYCLE),
                                GDK_KEY_Right, GDK_ALT_MASK, &owner);
  g_assert_nonnull (shortcut);
  g_assert_true (owner == GTK_WIDGET (wizard));
  g_assert_cmpuint (cm_needs_wizard_get_step (wizard), ==, CM_NEEDS_STEP_WORKFORCE);
  g_clear_object (&shortcut);

  /* Elsewhere the keys are left alone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "budget"));
  cm_test_iterate ();
  shortcut = cm_test_press_key (focus, GDK_KEY_Left, GDK_ALT_MASK, &owner);
  g_assert_null (shortcut);
  g_assert_null (owner);
  g_assert_cmpuint (cm_needs_wizard_get_step (wizard), ==, CM_NEEDS_STEP_WORKFORCE);
}

/* F1 opens the help at what is shown; Ctrl+Z anywhere in the window takes
 * back the last recorded action. */
static void
test_window_help_and_undo (Fixture       *fixture,
                           gconstpointer  user_data)
{
  CmNeedsWizard *wizard = cm_needs_page_get_wizard (needs_page (fixture->window));
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GtkShortcut) shortcut = NULL;
  g_auto(GStrv) accels = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *focus;
  GtkWidget *owner = NULL;
  gint64 n_transactions;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application), "win.help");
  g_assert_cmpstr (accels[0], ==, "F1");
  g_assert_true (action_enabled (fixture->window, "help"));

  uri = cm_window_get_help_uri (fixture->window);
  g_assert_cmpstr (uri, ==, "help:commissioner/index");
  g_clear_pointer (&uri, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-example-data", NULL));
  cm_test_iterate ();
  cm_needs_wizard_set_step (wizard, CM_NEEDS_STEP_WORKFORCE);
  cm_test_iterate ();
  uri = cm_window_get_help_uri (fixture->window);
  g_assert_cmpstr (uri, ==, "help:commissioner/needs#step-workforce");
  g_clear_pointer (&uri, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "budget"));
  cm_test_iterate ();
  g_assert_true (gtk_widget_activate_action (cm_window_get_page (fixture->window, "budget"),
                                             "budget.show-view", "s", "commissions"));
  cm_test_iterate ();
  uri = cm_window_get_help_uri (fixture->window);
  g_assert_cmpstr (uri, ==, "help:commissioner/budget#commission");
  g_clear_pointer (&uri, g_free);

  /* An action recorded anywhere, then Ctrl+Z from the header bar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "needs"));
  cm_test_iterate ();
  n_transactions = cm_test_query_int64 (db, "SELECT count(*) FROM transactions");
  cm_context_begin_undoable (fixture->context);
  g_assert_true (cm_budget_delete_transaction (db, cm_test_query_int64 (db, "SELECT min (id) FROM transactions"),
                                               &error));
  cm_context_end_undoable (fixture->context, "Delete one");
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM transactions"), ==, n_transactions - 1);

  focus = cm_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_DROP_DOWN);
  g_assert_true (gtk_widget_grab_focus (focus));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  shortcut = cm_test_press_key (focus, GDK_KEY_z, GDK_CONTROL_MASK, &owner);
  g_assert_nonnull (shortcut);
  g_assert_true (owner == GTK_WIDGET (fixture->window));
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM transactions"), ==, n_transactions);
  g_clear_object (&shortcut);

  shortcut = cm_test_press_key (focus, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, &owner);
  g_assert_nonnull (shortcut);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM transactions"), ==, n_transactions - 1);
}

/* Closing the window with an editor holding changes asks first, and the
 * window stays until the person has answered. */
static void
test_window_close_asks (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkWidget *budget = cm_window_get_page (fixture->window, "budget");
  CmDb *db = cm_context_get_db (fixture->context);
  AdwMessageDialog *question;
  GtkWindow *editor;
  gint64 id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-example-data", NULL));
  cm_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "budget"));
  cm_test_iterate ();
  while (g_strcmp0 (cm_budget_page_get_visible_view (CM_BUDGET_PAGE (budget)), "loading") == 0)
    g_main_context_iteration (NULL, TRUE);

  id = cm_test_query_int64 (db, "SELECT id FROM transactions WHERE reference = 'INV-4001'");
  g_assert_true (gtk_widget_activate_action (budget, "budget.edit-transaction", "x", id));
  editor = GTK_WINDOW (cm_test_find_toplevel (CM_TYPE_TRANSACTION_EDITOR));
  g_assert_nonnull (editor);
  g_object_ref (editor);
  cm_test_wait_for_mapped (GTK_WIDGET (editor));
  gtk_editable_set_text (GTK_EDITABLE (cm_transaction_editor_get_field (CM_TRANSACTION_EDITOR (editor), "amount")),
                         "9999.99");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.close", NULL));
  cm_test_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  question = ADW_MESSAGE_DIALOG (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Discard Changes?");

  adw_message_dialog_response (question, "discard");
  gtk_window_destroy (GTK_WINDOW (question));
  cm_test_iterate ();
  g_assert_finalize_object (editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
}

static void
test_window_cycle (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  GtkDropDown *dropdown;
  GListModel *cycles;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.start-empty", NULL));
  close_window (&fixture->window);

  g_settings_set_int (settings, "last-year", 2010);
  g_settings_set_int (settings, "last-half", 2);
  fixture->window = open_window (fixture->context);

  dropdown = GTK_DROP_DOWN (cm_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (dropdown);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dropdown)));

  cycles = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (cycles), ==, 8);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (cycles), 0), ==, "2009/10 H1");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (cycles), 7), ==, "2012/13 H2");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (cycles), 3), ==, "2010/11 H2");

  /* Choosing a cycle looks at it: it creates nothing in the database. */
  g_assert_cmpint (cm_test_query_int64 (cm_context_get_db (fixture->context), "SELECT count(*) FROM cycles"), ==, 0);
  gtk_drop_down_set_selected (dropdown, 4);
  cm_test_iterate ();
  g_assert_cmpint (g_settings_get_int (settings, "last-year"), ==, 2011);
  g_assert_cmpint (g_settings_get_int (settings, "last-half"), ==, 1);
  gtk_drop_down_set_selected (dropdown, 7);
  cm_test_iterate ();
  g_assert_cmpint (cm_test_query_int64 (cm_context_get_db (fixture->context), "SELECT count(*) FROM cycles"), ==, 0);
  g_assert_cmpint (cm_test_query_int64 (cm_context_get_db (fixture->context), "SELECT count(*) FROM requirements"), ==, 0);

  g_settings_reset (settings, "last-year");
  g_settings_reset (settings, "last-half");
}

static void
test_window_size (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  int width = 0;
  int height = 0;

  close_window (&fixture->window);

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  fixture->window = open_window (fixture->context);

  gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  /* Closing saves the size the window has then. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  g_object_ref (fixture->window);
  gtk_window_close (GTK_WINDOW (fixture->window));
  cm_test_iterate ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_object_unref (fixture->window);
  g_assert_finalize_object (g_steal_pointer (&fixture->window));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_window_open_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cm-test-window-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *contents = NULL;
  CmWindow *window;
  AdwStatusPage *status;

  g_assert_true (g_file_set_contents (path, "These are notes, not a database.\n", -1, NULL));

  window = CM_WINDOW (cm_application_open_database (application, path));
  g_object_ref (window);
  cm_test_wait_for_mapped (GTK_WIDGET (window));

  g_assert_null (cm_window_get_context (window));
  g_assert_cmpstr (cm_window_get_mode (window), ==, "error");
  g_assert_cmpstr (cm_window_get_path (window), ==, path);
  g_assert_false (action_enabled (window, "import"));
  g_assert_false (action_enabled (window, "backup"));
  g_assert_false (action_enabled (window, "load-example-data"));

  status = ADW_STATUS_PAGE (cm_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  while (status != NULL && !gtk_widget_get_mapped (GTK_WIDGET (status)))
    status = ADW_STATUS_PAGE (gtk_widget_get_next_sibling (GTK_WIDGET (status)));
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Could Not Open the Database");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), path));

  /* Asking again presents the same window. */
  g_assert_true (cm_application_open_database (application, path) == GTK_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (window));
  cm_test_iterate ();
  g_assert_finalize_object (window);

  /* The file was left alone. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "These are notes, not a database.\n");
  cm_test_remove_tree (dir);
}

/* A widget under @root of @type whose label is @text (a GtkLabel's text
 * or a GtkButton's label), or NULL. */
static GtkWidget *
find_labelled (GtkWidget  *root,
               GType       type,
               const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      ((GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0) ||
       (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), text) == 0)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, type, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Runs the main loop until the restore running in a worker is over. */
static void
wait_for_restore (CmWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!action_enabled (window, "restore"))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  cm_test_iterate ();
}

static void
count_change_cb (guint *n_changes)
{
  (*n_changes)++;
}

/* Back Up… writes a copy readable by its owner only. Restore… lists the
 * backups; choosing one and confirming brings its data back, every page
 * hears that everything changed, and the toast's Undo goes forward
 * again. */
/* A toast waits its turn behind the one shown: up to its timeout. */
static GtkWidget *
wait_for_labelled (GtkWidget  *root,
                   GType       type,
                   const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  GtkWidget *found;

  while ((found = find_labelled (root, type, text)) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return found;
}

static void
test_window_backup_and_restore (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  CmRestoreDialog *dialog;
  GtkWindow *question;
  GtkWidget *undo;
  guint n_changes = 0;
  struct stat st;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-example-data", NULL));
  cm_test_iterate ();

  /* Back Up… */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.backup-to", "s", copy));
  cm_test_iterate ();
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A backup of the example data, then a change after it. */
  g_assert_true (cm_backups_take (cm_context_get_db (fixture->context), CM_BACKUP_BEFORE_IMPORT, &backup, &error));
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (cm_context_get_db (fixture->context),
                             "INSERT INTO organisations (name, kind) VALUES ('Added Later', 'private')", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (fixture->context, "SELECT count(*) FROM organisations"), ==, N_ORGANISATIONS + 1);

  g_assert_true (action_enabled (fixture->window, "restore"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.restore", NULL));
  cm_test_iterate ();
  dialog = CM_RESTORE_DIALOG (cm_test_find_toplevel (CM_TYPE_RESTORE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_assert_cmpuint (cm_restore_dialog_get_n_backups (dialog), ==, 1);

  /* One row: when, why and how large. */
  backups = cm_backups_list (fixture->path, &error);
  g_assert_no_error (error);
  when = cm_backup_describe_time (g_ptr_array_index (backups, 0));
  g_assert_nonnull (find_labelled (GTK_WIDGET (dialog), GTK_TYPE_LABEL, when));

  /* Nothing chosen, nothing to restore. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "restore.restore", NULL);
  cm_test_iterate ();
  g_assert_null (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "restore.choose", "s", backup));
  g_assert_cmpstr (cm_restore_dialog_get_chosen (dialog), ==, backup);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "restore.restore", NULL));
  cm_test_iterate ();

  /* Asked first; cancelling changes nothing. */
  question = cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  title = g_strdup_printf ("Restore the Backup of %s?", when);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==, title);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "cancel");
  cm_test_iterate ();
  g_assert_true (cm_test_find_toplevel (CM_TYPE_RESTORE_DIALOG) == GTK_WINDOW (dialog));
  g_assert_cmpint (query (fixture->context, "SELECT count(*) FROM organisations"), ==, N_ORGANISATIONS + 1);

  g_signal_connect_swapped (fixture->context, "changed", G_CALLBACK (count_change_cb), &n_changes);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "restore.restore", NULL));
  cm_test_iterate ();
  question = cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "restore");
  wait_for_restore (fixture->window);
  g_assert_null (cm_test_find_toplevel (CM_TYPE_RESTORE_DIALOG));

  g_assert_cmpint (query (fixture->context, "SELECT count(*) FROM organisations"), ==, N_ORGANISATIONS);
  g_assert_cmpint (query (fixture->context, "SELECT count(*) FROM organisations WHERE name = 'Added Later'"), ==, 0);
  /* Every kind of data was announced, once. */
  g_assert_cmpuint (n_changes, ==, 11);
  g_clear_pointer (&title, g_free);
  title = g_strdup_printf ("Restored the backup of %s", when);
  g_assert_nonnull (wait_for_labelled (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, title));

  /* The toast's Undo brings the later change back. */
  undo = find_labelled (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  wait_for_restore (fixture->window);
  g_assert_cmpint (query (fixture->context, "SELECT count(*) FROM organisations"), ==, N_ORGANISATIONS + 1);
  g_assert_cmpint (query (fixture->context, "SELECT count(*) FROM organisations WHERE name = 'Added Later'"), ==, 1);
  g_assert_nonnull (wait_for_labelled (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, "The restore was undone"));
  g_signal_handlers_disconnect_by_func (fixture->context, count_change_cb, &n_changes);

  /* A file that is not a backup: an error, and nothing changes. */
  g_assert_true (g_file_set_contents (copy, "not a database", -1, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.restore-backup", "s", copy));
  wait_for_restore (fixture->window);
  question = cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==, "Could Not Restore the Backup");
  gtk_window_destroy (question);
  cm_test_iterate ();
  g_assert_cmpint (query (fixture->context, "SELECT count(*) FROM organisations"), ==, N_ORGANISATIONS + 1);
}

/* A database that cannot be opened, with backups: its window offers
 * Restore a Backup…, which puts the backup in its place and opens it. */
static void
test_window_restore_after_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cm-test-window-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *other = g_build_filename (dir, "no-backups.db", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  CmWindow *window;
  CmWindow *restored;
  GtkWidget *button;

  {
    g_autoptr(CmContext) context = cm_context_new_for_path (path, &error);

    g_assert_no_error (error);
    g_assert_true (cm_context_load_demo (context, &error));
    g_assert_no_error (error);
    g_assert_true (cm_backups_take (cm_context_get_db (context), CM_BACKUP_DAILY, &backup, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  memset (contents + 100, 0xA5, 3000);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  /* Without backups, no button. */
  g_assert_true (g_file_set_contents (other, "These are notes, not a database.\n", -1, NULL));
  window = CM_WINDOW (cm_application_open_database (application, other));
  cm_test_wait_for_mapped (GTK_WIDGET (window));
  g_assert_cmpstr (cm_window_get_mode (window), ==, "error");
  g_assert_false (action_enabled (window, "restore"));
  button = find_labelled (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Restore a Backup…");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_visible (button));
  gtk_window_destroy (GTK_WINDOW (window));
  cm_test_iterate ();

  window = CM_WINDOW (cm_application_open_database (application, path));
  g_object_ref (window);
  cm_test_wait_for_mapped (GTK_WIDGET (window));
  g_assert_cmpstr (cm_window_get_mode (window), ==, "error");
  g_assert_true (action_enabled (window, "restore"));
  button = find_labelled (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Restore a Backup…");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.restore");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", "s", backup));
  {
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    while (gtk_widget_get_realized (GTK_WIDGET (window)))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
  }
  cm_test_iterate ();
  g_assert_finalize_object (window);

  /* The window the restore opened; its start takes the day's backup in
   * a worker, which must be over before the window can go. */
  restored = CM_WINDOW (cm_application_open_database (application, path));
  cm_test_wait_for_mapped (GTK_WIDGET (restored));
  g_assert_nonnull (cm_window_get_context (restored));
  cm_test_watch_context (cm_window_get_context (restored));
  cm_test_iterate ();
  g_assert_cmpint (query (cm_window_get_context (restored), "SELECT count(*) FROM organisations"), ==, N_ORGANISATIONS);
  g_object_ref (restored);
  gtk_window_destroy (GTK_WINDOW (restored));
  cm_test_iterate ();
  g_assert_finalize_object (restored);

  cm_test_remove_tree (dir);
}

static void
test_window_preferences (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cm_test_make_temp_dir ("cm-test-preferences");
  g_autofree char *path = g_build_filename (dir, "prefs.db", NULL);
  g_autoptr(CmContext) context = cm_context_new_for_path (path, &error);
  CmPreferencesWindow *preferences = NULL;
  CmNeedsWeights weights;
  g_autofree char *stored = NULL;

  g_assert_no_error (error);
  preferences = g_object_ref (cm_preferences_window_new (NULL, context));
  gtk_window_present (GTK_WINDOW (preferences));
  cm_test_wait_for_mapped (GTK_WIDGET (preferences));

  g_assert_cmpint (cm_preferences_window_get_weight_total (preferences), ==, 100);

  /* 95 is shown but not saved: the database keeps the defaults. */
  gtk_adjustment_set_value (cm_preferences_window_get_weight_adjustment (preferences, 4), 15);
  g_assert_cmpint (cm_preferences_window_get_weight_total (preferences), ==, 95);
  g_assert_cmpint (cm_test_query_int64 (cm_context_get_db (context),
                                        "SELECT count(*) FROM settings WHERE key = 'priority_weights'"), ==, 0);

  /* Back to 100 with mandatory 35: saved where the CLI reads it. */
  gtk_adjustment_set_value (cm_preferences_window_get_weight_adjustment (preferences, 0), 35);
  g_assert_cmpint (cm_preferences_window_get_weight_total (preferences), ==, 100);
  stored = cm_test_query_text (cm_context_get_db (context),
                               "SELECT value FROM settings WHERE key = 'priority_weights'");
  g_assert_cmpstr (stored, ==, "35,25,15,10,15");
  g_assert_true (cm_needs_weights_load (cm_context_get_db (context), &weights, &error));
  g_assert_cmpuint (weights.mandatory, ==, 35);
  g_assert_cmpuint (weights.gap, ==, 15);

  gtk_window_destroy (GTK_WINDOW (preferences));
  cm_test_iterate ();
  g_assert_finalize_object (preferences);

  /* A new window shows what was saved. */
  preferences = g_object_ref (cm_preferences_window_new (NULL, context));
  g_assert_cmpfloat (gtk_adjustment_get_value (cm_preferences_window_get_weight_adjustment (preferences, 0)), ==, 35);

  /* The charge for places not taken up: on, £45.50 a half day, private
   * organisations charged; follow-ups due after 8 weeks. */
  {
    g_autoptr(CmChargePolicy) policy = NULL;
    GtkWidget *charges = cm_test_find_widget_named (GTK_WIDGET (preferences), "charges_switch");
    GtkWidget *half_day = cm_test_find_widget_named (GTK_WIDGET (preferences), "half_day_row");
    GtkWidget *weeks = cm_test_find_widget_named (GTK_WIDGET (preferences), "weeks_spin");
    GtkSwitch *private_switch = cm_preferences_window_get_kind_switch (preferences, "private");

    g_assert_nonnull (charges);
    g_assert_nonnull (half_day);
    g_assert_nonnull (weeks);
    g_assert_nonnull (private_switch);
    gtk_editable_set_text (GTK_EDITABLE (half_day), "45.5");
    g_signal_emit_by_name (half_day, "apply");
    gtk_switch_set_active (GTK_SWITCH (charges), TRUE);
    gtk_switch_set_active (private_switch, TRUE);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (weeks), 8);

    policy = cm_evaluation_get_charge_policy (cm_context_get_db (context), &error);
    g_assert_no_error (error);
    g_assert_true (policy->enabled);
    g_assert_cmpint (policy->half_day_pence, ==, 4550);
    g_assert_cmpstr (policy->kinds[0], ==, "private");
    g_assert_null (policy->kinds[1]);
    g_assert_cmpint (cm_evaluation_get_followup_weeks (cm_context_get_db (context), &error), ==, 8);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (half_day)), ==, "£45.50");
  }
  gtk_window_destroy (GTK_WINDOW (preferences));
  cm_test_iterate ();
  g_assert_finalize_object (preferences);

  g_clear_object (&context);
  cm_test_remove_tree (dir);
}

static void
test_window_shortcuts_and_about (void)
{
  GtkWindow *shortcuts;
  GtkWindow *about;
  g_auto(GStrv) accels = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (application), "shortcuts", NULL);
  shortcuts = cm_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  g_object_ref (shortcuts);
  cm_test_wait_for_mapped (GTK_WIDGET (shortcuts));
  gtk_window_destroy (shortcuts);
  cm_test_iterate ();
  g_assert_finalize_object (shortcuts);

  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  about = cm_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_object_ref (about);
  cm_test_wait_for_mapped (GTK_WIDGET (about));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_developer_name (ADW_ABOUT_WINDOW (about)), ==, "The Commissioner developers");
  gtk_window_destroy (about);
  cm_test_iterate ();
  g_assert_finalize_object (about);

  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  g_assert_nonnull (cm_test_find_toplevel (CM_TYPE_PREFERENCES_WINDOW));
  gtk_window_destroy (cm_test_find_toplevel (CM_TYPE_PREFERENCES_WINDOW));
  cm_test_iterate ();

  /* The shortcuts the shortcuts window lists are the ones set. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application), "win.show-page::budget");
  g_assert_cmpstrv (accels, ((const char * const[]) { "<Alt>2", NULL }));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application), "win.import");
  g_assert_cmpstrv (accels, ((const char * const[]) { "<Control>i", NULL }));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application), "app.preferences");
  g_assert_cmpstrv (accels, ((const char * const[]) { "<Control>comma", NULL }));
}

/* An error of one line is the dialog's text; a list of problems (an
 * import's bad rows) scrolls beneath it and can be copied. */
static void
test_window_error_dialog (void)
{
  g_autoptr(GError) one = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_ACCES, "Permission denied");
  g_autoptr(GError) many = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_FAILED,
                                                "bad.csv:2: column 'headcount': “-4” must be a whole number\n"
                                                "bad.csv:4: column 'organisation': no organisation named “Nowhere Trust”\n"
                                                "bad.csv:5: column 'turnover_percent': “140” must be a percentage");
  AdwMessageDialog *dialog;
  GtkWidget *extra;
  GtkWidget *label;

  dialog = cm_dialogs_show_error (NULL, "Could Not Import the File", one);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Permission denied");
  g_assert_null (adw_message_dialog_get_extra_child (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = cm_dialogs_show_error (NULL, "Could Not Import the File", many);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Nothing was saved. Correct these rows, then import the file again.");
  extra = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_SCROLLED_WINDOW (extra));
  label = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (extra));
  if (GTK_IS_VIEWPORT (label))
    label = gtk_viewport_get_child (GTK_VIEWPORT (label));
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, many->message);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  cm_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* Icons are sniffed for their type with the system's MIME database,
   * which the isolated XDG folders would hide. */
  g_content_type_set_mime_dirs (NULL);

  /* What gtk_test_init() does, but with isolated XDG folders, which
   * gtk_test_init() cannot ask g_test_init() for. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  gtk_init ();
  adw_init ();

  application = cm_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add ("/window/welcome", Fixture, NULL,
              fixture_set_up, test_window_welcome, fixture_tear_down);
  g_test_add ("/window/load-example-data", Fixture, NULL,
              fixture_set_up, test_window_load_example_data, fixture_tear_down);
  g_test_add ("/window/sorting", Fixture, NULL,
              fixture_set_up, test_window_sorting, fixture_tear_down);
  g_test_add ("/window/start-empty", Fixture, NULL,
              fixture_set_up, test_window_start_empty, fixture_tear_down);
  g_test_add ("/window/reloads-on-change", Fixture, NULL,
              fixture_set_up, test_window_reloads_on_change, fixture_tear_down);
  g_test_add ("/window/pages", Fixture, NULL,
              fixture_set_up, test_window_pages, fixture_tear_down);
  g_test_add ("/window/last-page", Fixture, NULL,
              fixture_set_up, test_window_last_page, fixture_tear_down);
  g_test_add ("/window/toasts", Fixture, NULL,
              fixture_set_up, test_window_toasts, fixture_tear_down);
  g_test_add ("/window/export", Fixture, NULL,
              fixture_set_up, test_window_export, fixture_tear_down);
  g_test_add ("/window/wizard-keys", Fixture, NULL,
              fixture_set_up, test_window_wizard_keys, fixture_tear_down);
  g_test_add ("/window/close-asks", Fixture, NULL,
              fixture_set_up, test_window_close_asks, fixture_tear_down);
  g_test_add ("/window/help-and-undo", Fixture, NULL,
              fixture_set_up, test_window_help_and_undo, fixture_tear_down);
  g_test_add ("/window/cycle", Fixture, NULL,
              fixture_set_up, test_window_cycle, fixture_tear_down);
  g_test_add ("/window/size", Fixture, NULL,
              fixture_set_up, test_window_size, fixture_tear_down);
  g_test_add ("/window/backup-and-restore", Fixture, NULL,
              fixture_set_up, test_window_backup_and_restore, fixture_tear_down);
  g_test_add_func ("/window/open-error", test_window_open_error);
  g_test_add_func ("/window/restore-after-error", test_window_restore_after_error);
  g_test_add_func ("/window/error-dialog", test_window_error_dialog);
  g_test_add_func ("/window/preferences", test_window_preferences);
  g_test_add_func ("/window/shortcuts-and-about", test_window_shortcuts_and_about);

  ret = g_test_run ();

  g_object_unref (application);

  return ret;
}
