/* test-app-files.c
 *
 * Bad files in the app, one instance at a time, the command line beside
 * the app, and learners' personal details: retention and the export's
 * names switch (tests/README.md, "Bad files in the app, and privacy").
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
#include <unistd.h>

#include "cm-db-private.h"
#include "cm-application.h"
#include "cm-export-dialog.h"
#include "cm-needs-page.h"
#include "cm-preferences-window.h"
#include "cm-retention.h"
#include "cm-test-ui.h"
#include "cm-test-util.h"
#include "cm-window.h"

static CmApplication *application;

/* A window on a new, empty database. */
typedef struct
{
  char      *dir;
  char      *path;
  CmContext *context;
  CmWindow  *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

  fixture->dir = cm_test_make_temp_dir ("cm-test-app-files");
  fixture->path = g_build_filename (fixture->dir, "window.db", NULL);
  fixture->context = cm_context_new_for_path (fixture->path, &error);
  g_assert_no_error (error);
  cm_test_watch_context (fixture->context);

  g_settings_reset (settings, "last-page");
  fixture->window = g_object_ref (cm_window_new (application, fixture->context));
  gtk_window_present (GTK_WINDOW (fixture->window));
  cm_test_wait_for_mapped (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  cm_test_iterate ();
  g_assert_finalize_object (g_steal_pointer (&fixture->window));
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

/* commissioner-cli imports while the window has the database open; the
 * window, checking when it is next focused, shows what was imported. */
static void
test_app_files_cli_while_open (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *csv = g_build_filename (fixture->dir, "organisations.csv", NULL);
  g_autofree char *out = NULL;

  g_assert_true (g_file_set_contents (csv, "name,kind\nAlpha Nursery,private\nBeta School,school\n", -1, NULL));
  g_assert_cmpstr (cm_window_get_mode (fixture->window), ==, "welcome");

  g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, &out, NULL, "--database", fixture->path,
                                    "import", "organisations", csv, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "(2 new, 0 updated, 0 unchanged)"));
  cm_test_iterate ();
  g_assert_cmpstr (cm_window_get_mode (fixture->window), ==, "welcome");

  /* What focusing the window runs. */
  g_assert_true (cm_context_check_external_changes (fixture->context));
  cm_test_iterate ();
  g_assert_cmpstr (cm_window_get_mode (fixture->window), ==, "pages");
  g_assert_cmpstr (cm_needs_page_get_summary (needs_page (fixture->window)),
                   ==, "0 staff groups · 0 staff in 2 organisations");
  g_assert_false (cm_context_check_external_changes (fixture->context));
}

static void
child_exited_cb (GPid     pid,
                 int      wait_status,
                 gpointer user_data)
{
  int *out_status = user_data;

  *out_status = wait_status;
  g_spawn_close_pid (pid);
}

static gboolean
name_has_owner (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner", g_variant_new ("(s)", name),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* Runs the main loop until the child watched sets @status; fails after
 * 30 seconds. */
static void
wait_for (const int *status)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (*status == -1)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

/* Single instance, under the test's own session bus: a second
 * `commissioner --database FILE` hands FILE to the first and exits at
 * once; the first opens it (and so creates it). Were the second to run
 * on its own, it would keep running with a window of its own. */
static void
test_app_files_single_instance (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autofree char *dir = cm_test_make_temp_dir ("cm-test-window");
  g_autofree char *first_db = g_build_filename (dir, "first.db", NULL);
  g_autofree char *second_db = g_build_filename (dir, "second.db", NULL);
  g_autofree char *program = g_build_filename (g_getenv ("CM_BUILD_ROOT"), "src", "gui", "commissioner", NULL);
  g_autofree char *object_path = g_strconcat ("/", APP_ID, NULL);
  const char *first_argv[] = { program, "--database", first_db, NULL };
  const char *second_argv[] = { program, "--database", second_db, NULL };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  int first_status = -1;
  int second_status = -1;
  GPid first;
  GPid second;

  g_assert_no_error (error);
  g_strdelimit (object_path, ".", '/');
  g_assert_false (name_has_owner (bus, APP_ID));

  g_assert_true (g_spawn_async (dir, (char **) first_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &first, &error));
  g_assert_no_error (error);
  g_child_watch_add (first, child_exited_cb, &first_status);
  while (!name_has_owner (bus, APP_ID) || !g_file_test (first_db, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpint (first_status, ==, -1);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }

  g_assert_true (g_spawn_async (dir, (char **) second_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &second, &error));
  g_assert_no_error (error);
  g_child_watch_add (second, child_exited_cb, &second_status);
  wait_for (&second_status);
  g_assert_true (g_spawn_check_wait_status (second_status, NULL));
  g_assert_true (g_file_test (second_db, G_FILE_TEST_EXISTS));
  g_assert_cmpint (first_status, ==, -1);

  /* Quit closes the first instance's two windows, and it exits. */
  g_dbus_connection_call_sync (bus, APP_ID, object_path, "org.gtk.Actions", "Activate",
                               g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                               NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  wait_for (&first_status);
  g_assert_true (g_spawn_check_wait_status (first_status, NULL));

  cm_test_remove_tree (dir);
}

/* The export dialog's switch for names: only for the evaluation
 * workbook, off unless turned on, and the workbook holds names only then. */
static void
test_app_files_export_names (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *without = g_build_filename (fixture->dir, "without.xlsx", NULL);
  g_autofree char *with = g_build_filename (fixture->dir, "with.xlsx", NULL);
  g_autoptr(GError) error = NULL;

  if (!cm_test_have_program ("unzip"))
    {
      g_test_skip ("unzip is not installed");
      return;
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-example-data", NULL));
  cm_test_iterate ();
  g_assert_true (cm_db_exec (cm_context_get_db (fixture->context),
                             "UPDATE learners SET name = 'Learner ' || id || ' Name', email = 'learner' || id || '@example.org'",
                             &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? without : with;
      g_autofree char *text = NULL;
      CmExportDialog *dialog;
      GtkWidget *group;
      GtkSwitch *names;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL));
      cm_test_iterate ();
      dialog = CM_EXPORT_DIALOG (cm_test_find_toplevel (CM_TYPE_EXPORT_DIALOG));
      g_assert_nonnull (dialog);
      group = cm_test_find_widget_named (GTK_WIDGET (dialog), "names_group");
      names = GTK_SWITCH (cm_test_find_widget_named (GTK_WIDGET (dialog), "names_switch"));

      cm_export_dialog_set_kind (dialog, CM_EXPORT_FINANCE);
      g_assert_false (gtk_widget_get_visible (group));
      cm_export_dialog_set_kind (dialog, CM_EXPORT_EVALUATION);
      g_assert_true (gtk_widget_get_visible (group));
      g_assert_false (gtk_switch_get_active (names));
      if (i == 1)
        gtk_switch_set_active (names, TRUE);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export-to", "s", path));
      cm_test_iterate ();
      g_assert_null (cm_test_find_toplevel (CM_TYPE_EXPORT_DIALOG));

      text = cm_test_workbook_text (path);
      g_assert_nonnull (strstr (text, "Follow-ups due"));
      if (i == 0)
        {
          g_assert_null (strstr (text, " Name<"));
          g_assert_null (strstr (text, "@example.org"));
        }
      else
        {
          g_assert_nonnull (strstr (text, " Name<"));
          g_assert_nonnull (strstr (text, "@example.org"));
        }
    }
}

/* The description of the error page shown in @window. */
static const char *
error_page_description (CmWindow *window)
{
  AdwStatusPage *status = ADW_STATUS_PAGE (cm_test_find_widget_named (GTK_WIDGET (window), "error_page"));

  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  return adw_status_page_get_description (status);
}

/* Each kind of bad file gets the error page saying what is wrong and
 * what to do, with Open Another File; the file is left byte for byte as
 * it was, with no journal, -wal or -shm beside it. */
static void
test_app_files_bad_files (void)
{
  g_autofree char *dir = cm_test_make_temp_dir ("cm-test-window");
  static const char * const remedies[] = {
    [CM_TEST_BAD_CSV] = "The file has not been changed. Open a database that Commissioner wrote instead; a CSV file is brought in with Import once a database is open.",
    [CM_TEST_BAD_XLSX] = "The file has not been changed. Open a database that Commissioner wrote instead; a CSV file is brought in with Import once a database is open.",
    [CM_TEST_BAD_TRUNCATED] = "The file has not been changed. Restore a backup of it, or open another file.",
    [CM_TEST_BAD_TOO_NEW] = "The file has not been changed. Open it with the newer version of Commissioner that wrote it, or open another file.",
  };

  for (CmTestBadFile kind = 0; kind < CM_TEST_BAD_N_KINDS; kind++)
    {
      g_autofree char *path = cm_test_write_bad_file (dir, kind);
      g_autofree char *before = cm_test_fingerprint (path);
      g_autofree char *after = NULL;
      g_autofree char *message = cm_test_bad_file_message (kind, path);
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      g_autofree char *expected = g_strdup_printf ("%s\n\n%s", escaped, remedies[kind]);
      CmWindow *window;

      window = CM_WINDOW (cm_application_open_database (application, path));
      g_object_ref (window);
      cm_test_wait_for_mapped (GTK_WIDGET (window));

      g_assert_null (cm_window_get_context (window));
      g_assert_cmpstr (cm_window_get_mode (window), ==, "error");
      g_assert_cmpstr (error_page_description (window), ==, expected);
      g_assert_true (action_enabled (window, "open-another"));
      g_assert_true (gtk_widget_get_mapped (cm_test_find_widget_named (GTK_WIDGET (window), "open_another_button")));

      gtk_window_destroy (GTK_WINDOW (window));
      cm_test_iterate ();
      g_assert_finalize_object (window);

      after = cm_test_fingerprint (path);
      g_assert_cmpstr (after, ==, before);
      cm_test_assert_no_side_files (path);
    }

  cm_test_remove_tree (dir);
}

/* Open Another File from the error page opens the file chosen in a
 * window of its own, and the error's window goes. */
static void
test_app_files_open_another (void)
{
  g_autofree char *dir = cm_test_make_temp_dir ("cm-test-window");
  g_autofree char *bad = cm_test_write_bad_file (dir, CM_TEST_BAD_CSV);
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autoptr(GError) error = NULL;
  CmWindow *window;
  CmWindow *other = NULL;
  GList *windows;

  window = CM_WINDOW (cm_application_open_database (application, bad));
  g_object_ref (window);
  cm_test_wait_for_mapped (GTK_WIDGET (window));
  g_assert_cmpstr (cm_window_get_mode (window), ==, "error");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-database", "s", good));
  cm_test_iterate ();

  /* The error's window is gone; the good file is open in another. */
  g_assert_null (gtk_window_get_application (GTK_WINDOW (window)));
  g_assert_finalize_object (window);
  for (windows = gtk_application_get_windows (GTK_APPLICATION (application)); windows != NULL; windows = windows->next)
    if (CM_IS_WINDOW (windows->data) && g_strcmp0 (cm_window_get_path (windows->data), good) == 0)
      other = g_object_ref (windows->data);
  g_assert_nonnull (other);
  g_assert_nonnull (cm_window_get_context (other));
  g_assert_cmpstr (cm_window_get_mode (other), !=, "error");

  gtk_window_destroy (GTK_WINDOW (other));
  cm_test_iterate ();
  g_assert_finalize_object (other);
  cm_test_remove_tree (dir);
}

/* A read-only file opens, with a banner saying why nothing can be saved. */
static void
test_app_files_read_only (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *banner;
  CmWindow *window;

  if (geteuid () == 0)
    {
      g_test_skip ("file permissions do not bind the superuser");
      return;
    }

  dir = cm_test_make_temp_dir ("cm-test-window");
  path = g_build_filename (dir, "ro.db", NULL);
  {
    g_autoptr(CmDb) db = cm_db_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (cm_db_exec (db, "INSERT INTO settings (key, value) VALUES ('welcome-answered', 'empty'); PRAGMA journal_mode=DELETE", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  before = cm_test_fingerprint (path);

  window = CM_WINDOW (cm_application_open_database (application, path));
  g_object_ref (window);
  cm_test_wait_for_mapped (GTK_WIDGET (window));

  g_assert_nonnull (cm_window_get_context (window));
  g_assert_cmpstr (cm_window_get_mode (window), ==, "pages");
  g_assert_false (action_enabled (window, "import"));
  banner = cm_test_find_widget_named (GTK_WIDGET (window), "read_only_banner");
  g_assert_true (gtk_widget_get_mapped (banner));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (banner)), ==,
                   "Changes cannot be saved: you do not have permission to change “ro.db”.");

  gtk_window_destroy (GTK_WINDOW (window));
  cm_test_iterate ();
  g_assert_finalize_object (window);

  after = cm_test_fingerprint (path);
  g_assert_cmpstr (after, ==, before);
  g_chmod (path, 0600);
  cm_test_remove_tree (dir);
}

/* The title of the toast shown over @window, or NULL. */
static const char *
visible_toast_title (CmWindow *window)
{
  GtkWidget *shown = cm_test_find_widget (GTK_WIDGET (window), g_type_from_name ("AdwToastWidget"));
  GtkWidget *label = shown != NULL ? cm_test_find_widget (shown, GTK_TYPE_LABEL) : NULL;

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* Retention: applied when the database is opened, with a toast saying
 * how many were erased, and shown and changed in Preferences. */
static void
test_app_files_retention (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cm_test_make_temp_dir ("cm-test-window");
  g_autofree char *path = g_build_filename (dir, "retention.db", NULL);
  g_autofree char *names = NULL;
  CmPreferencesWindow *preferences;
  AdwComboRow *row;
  CmWindow *window;
  GDate long_ago;

  {
    g_autoptr(CmDb) db = cm_db_open (path, &error);

    g_assert_no_error (error);
    g_date_clear (&long_ago, 1);
    g_date_set_dmy (&long_ago, 1, G_DATE_JANUARY, 2000);
    g_assert_true (cm_db_exec (db,
                               "INSERT INTO settings (key, value) VALUES ('welcome-answered', 'empty');"
                               "INSERT INTO organisations (id, name, kind) VALUES (1, 'Council', 'statutory');"
                               "INSERT INTO learners (ref, organisation_id, name, email, added_on) VALUES"
                               "  ('L1', 1, 'Ann Ash', 'ann@example.org', '2010-01-01'),"
                               "  ('L2', 1, 'Bob Birch', NULL, date ('now'))",
                               &error));
    g_assert_no_error (error);
    /* Two years, set when nothing was that old. */
    g_assert_true (cm_retention_set_years (db, 2, &long_ago, NULL, &error));
    g_assert_no_error (error);
  }

  window = CM_WINDOW (cm_application_open_database (application, path));
  g_object_ref (window);
  cm_test_wait_for_mapped (GTK_WIDGET (window));
  cm_test_watch_context (cm_window_get_context (window));
  cm_test_iterate ();

  names = cm_test_query_text (cm_context_get_db (cm_window_get_context (window)),
                              "SELECT group_concat (ref || ':' || coalesce (name, '-') || ':' || coalesce (email, '-'), ' ') FROM learners");
  g_assert_cmpstr (names, ==, "L1:-:- L2:Bob Birch:-");
  g_assert_cmpstr (visible_toast_title (window), ==, "Erased the personal details of 1 learner");

  preferences = g_object_ref (cm_preferences_window_new (GTK_WINDOW (window), cm_window_get_context (window)));
  gtk_window_present (GTK_WINDOW (preferences));
  cm_test_wait_for_mapped (GTK_WIDGET (preferences));
  row = ADW_COMBO_ROW (cm_test_find_widget_named (GTK_WIDGET (preferences), "retention_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);  /* 0, 1, 2, 3, 6 */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (row)));

  /* Never: stored, and L2 keeps their name. */
  adw_combo_row_set_selected (row, 0);
  cm_test_iterate ();
  g_assert_cmpint (cm_retention_get_years (cm_context_get_db (cm_window_get_context (window)), &error), ==, 0);
  g_assert_cmpint (cm_test_query_int64 (cm_context_get_db (cm_window_get_context (window)),
                                        "SELECT count(*) FROM learners WHERE name IS NOT NULL"), ==, 1);

  gtk_window_destroy (GTK_WINDOW (preferences));
  cm_test_iterate ();
  g_assert_finalize_object (preferences);
  gtk_window_destroy (GTK_WINDOW (window));
  cm_test_iterate ();
  g_assert_finalize_object (window);
  cm_test_remove_tree (dir);
}


int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* As in test-window.c: the MIME database, isolated XDG folders, then
   * GTK and libadwaita. */
  g_content_type_set_mime_dirs (NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  gtk_init ();
  adw_init ();

  /* Not unique, so that /app-files/single-instance can start the real
   * first instance itself. */
  application = cm_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/app-files/bad-files", test_app_files_bad_files);
  g_test_add_func ("/app-files/open-another", test_app_files_open_another);
  g_test_add_func ("/app-files/read-only", test_app_files_read_only);
  g_test_add_func ("/app-files/single-instance", test_app_files_single_instance);
  g_test_add ("/app-files/cli-while-open", Fixture, NULL,
              fixture_set_up, test_app_files_cli_while_open, fixture_tear_down);
  g_test_add_func ("/app-files/retention", test_app_files_retention);
  g_test_add ("/app-files/export-names", Fixture, NULL,
              fixture_set_up, test_app_files_export_names, fixture_tear_down);

  ret = g_test_run ();

  g_object_unref (application);

  return ret;
}
