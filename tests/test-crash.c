/* test-crash.c
 *
 * Crash safety: a process killed with SIGKILL in the middle of a large
 * write leaves the database whole, with all of the write or none of it,
 * and an export leaves no partial workbook.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <utime.h>

#include "cm-db.h"
#include "cm-db-private.h"

#include "cm-test-util.h"

#define N_BEFORE 100
#define N_ROWS   50000

/* Where each kill lands, as a share of the time the whole write takes. */
static const struct {
  const char *name;
  double      share;
} points[] = {
  { "early", 0.1 },
  { "middle", 0.4 },
  { "late", 0.7 },
};

static char *work_dir;
static char *big_db;      /* N_BEFORE + N_ROWS transactions */
static double import_seconds;

static char **
child_environment (void)
{
  char **envp = g_get_environ ();

  /* The test's own isolated folders (g_test_init()); the environment
   * only says /dev/null. */
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  envp = g_environ_setenv (envp, "HOME", g_get_home_dir (), TRUE);
  return envp;
}

static GPid
spawn (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = child_environment ();
  GPid pid = 0;

  g_spawn_async (work_dir, (char **) argv, envp,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* Returns TRUE if @pid was still running and was killed, FALSE if it had
 * already exited (successfully: anything else fails the test). */
static gboolean
kill_and_reap (GPid pid)
{
  int status = 0;

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (WIFSIGNALED (status))
    {
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      return TRUE;
    }

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return FALSE;
}

static void
wait_for (GPid pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
write_spend (const char *path,
             const char *prefix,
             int         n_rows)
{
  g_autoptr(GString) csv = g_string_new ("date,amount,supplier,reference,kind\n");
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "2010-%02d-%02d,%d.%02d,Supplier %d,%s-%d,invoice\n",
                            4 + i % 9, 1 + i % 28, (i * 37) % 1000, i % 100, i % 50, prefix, i);
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, &error));
  g_assert_no_error (error);
}

/* PRAGMA integrity_check is "ok", and the number of transactions. */
static gint64
check_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = cm_db_open (path, &error);
  g_autofree char *check = NULL;

  g_assert_no_error (error);
  check = cm_test_query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  return cm_test_query_int64 (db, "SELECT count(*) FROM transactions");
}

static void
sleep_seconds (double seconds)
{
  if (seconds > 0)
    g_usleep ((gulong) (seconds * G_USEC_PER_SEC));
}

/* Whether another connection holds the write lock of @handle's file: a
 * write transaction is open (cm_db_begin() takes the lock at once). */
static gboolean
writer_active (sqlite3 *handle)
{
  int rc = sqlite3_exec (handle, "BEGIN IMMEDIATE", NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  g_assert_cmpint (rc & 0xff, ==, SQLITE_BUSY);
  return TRUE;
}

static sqlite3 *
open_probe (const char *path)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 0);
  return handle;
}

/* Waits until a writer holds @handle's file (or gives up after 60 s). */
static void
wait_for_writer (sqlite3 *handle,
                 gboolean active)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (writer_active (handle) != active)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (500);
    }
}

/* Waits for a write transaction that lasts: the example data's, not the
 * catalogue check before it. Returns when it began (about). */
static gint64
wait_for_long_write (sqlite3 *handle)
{
  for (;;)
    {
      gint64 start;

      wait_for_writer (handle, TRUE);
      start = g_get_monotonic_time ();
      g_usleep (5000);
      if (writer_active (handle))
        return start;
    }
}

/* A database of N_BEFORE transactions, its copy with N_ROWS more
 * imported, and how long that import took. */
static void
ensure_databases (void)
{
  g_autofree char *base = NULL;
  g_autofree char *small = NULL;
  g_autofree char *big = NULL;
  const char *cli = g_getenv ("CM_CLI");
  gint64 start;

  if (big_db != NULL)
    return;

  base = g_build_filename (work_dir, "base.db", NULL);
  small = g_build_filename (work_dir, "small.csv", NULL);
  big = g_build_filename (work_dir, "big.csv", NULL);
  write_spend (small, "OLD", N_BEFORE);
  write_spend (big, "NEW", N_ROWS);

  g_assert_cmpint (cm_test_run_cli (work_dir, NULL, NULL, NULL, "--database", base, "init", NULL), ==, 0);
  g_assert_cmpint (cm_test_run_cli (work_dir, NULL, NULL, NULL, "--database", base, "import", "spend", small, NULL), ==, 0);
  g_assert_cmpint (check_database (base), ==, N_BEFORE);

  big_db = g_build_filename (work_dir, "big.db", NULL);
  copy_file (base, big_db);
  {
    const char * const argv[] = { cli, "--database", big_db, "import", "spend", big, NULL };
    sqlite3 *probe = open_probe (big_db);
    GPid pid = spawn (argv);

    /* How long the import's transaction holds the database. */
    start = wait_for_long_write (probe);
    wait_for_writer (probe, FALSE);
    import_seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
    sqlite3_close (probe);
    wait_for (pid);
  }
  g_assert_cmpint (check_database (big_db), ==, N_BEFORE + N_ROWS);
}

/* kill -9 during an import of 50,000 spend rows, at three points: the
 * database is whole and holds all of them or none. */
static void
test_crash_import (void)
{
  g_autofree char *base = g_build_filename (work_dir, "base.db", NULL);
  g_autofree char *big = g_build_filename (work_dir, "big.csv", NULL);
  g_autofree char *target = g_build_filename (work_dir, "killed.db", NULL);
  const char *cli = g_getenv ("CM_CLI");

  ensure_databases ();
  g_test_message ("the transaction of a whole import of %d rows held the database for %.2f s",
                  N_ROWS, import_seconds);

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      const char * const argv[] = { cli, "--database", target, "import", "spend", big, NULL };
      double delay = import_seconds * points[i].share;
      gboolean killed;
      gint64 count;
      GPid pid;

      sqlite3 *probe;
      gint64 start;

      remove_database (target);
      copy_file (base, target);
      probe = open_probe (target);
      pid = spawn (argv);
      start = wait_for_long_write (probe);
      sleep_seconds (delay - (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
      killed = kill_and_reap (pid);
      sqlite3_close (probe);
      count = check_database (target);
      g_test_message ("import killed %s, %.3f s into its transaction: %s, %" G_GINT64_FORMAT " transactions",
                      points[i].name, delay, killed ? "killed" : "had finished", count);

      g_assert_true (count == N_BEFORE || count == N_BEFORE + N_ROWS);
      if (!killed)
        g_assert_cmpint (count, ==, N_BEFORE + N_ROWS);
      /* Inside the transaction, nothing is committed yet. */
      if (i == 0)
        {
          g_assert_true (killed);
          g_assert_cmpint (count, ==, N_BEFORE);
        }
    }

  remove_database (target);
}

/* Whether @path ends like a whole zip file: the end of its central
 * directory is in its last 22 bytes (the workbooks have no comment). */
static gboolean
is_whole_workbook (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL) || length < 22)
    return FALSE;
  return memcmp (contents + length - 22, "PK\x05\x06", 4) == 0;
}

static guint
count_files (const char *folder,
             const char *prefix,
             const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if ((prefix == NULL || g_str_has_prefix (name, prefix)) &&
        (suffix == NULL || g_str_has_suffix (name, suffix)))
      n++;

  return n;
}

/* kill -9 during an export of the finance workbook of 50,100
 * transactions: no partial .xlsx; a workbook already there is left
 * byte for byte; the temporary file left behind goes at the next export
 * once it is an hour old. */
static void
test_crash_export (void)
{
  g_autofree char *folder = g_build_filename (work_dir, "out", NULL);
  g_autofree char *target = g_build_filename (folder, "finance.xlsx", NULL);
  g_autofree char *previous = g_build_filename (work_dir, "previous.xlsx", NULL);
  g_autofree char *previous_bytes = NULL;
  g_autofree char *stale = g_build_filename (folder, ".commissioner-export-STALE1", NULL);
  g_autofree char *fresh = g_build_filename (folder, ".commissioner-export-FRESH1", NULL);
  const char *cli = g_getenv ("CM_CLI");
  const char * const argv[] = { cli, "--database", NULL, "export", "finance", "--year", "2010",
                                "--output", target, NULL };
  const char **args = g_memdup2 (argv, sizeof argv);
  double export_seconds;
  gsize previous_length = 0;
  struct utimbuf old_times;
  gint64 start;

  ensure_databases ();
  args[2] = big_db;
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  start = g_get_monotonic_time ();
  wait_for (spawn (args));
  export_seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  g_test_message ("a whole export took %.2f s", export_seconds);
  g_assert_true (is_whole_workbook (target));
  g_assert_cmpint (g_rename (target, previous), ==, 0);
  g_assert_true (g_file_get_contents (previous, &previous_bytes, &previous_length, NULL));

  for (guint with_target = 0; with_target <= 1; with_target++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (points); i++)
        {
          double delay = export_seconds * points[i].share;
          gboolean killed;
          GPid pid;

          g_unlink (target);
          if (with_target)
            copy_file (previous, target);

          pid = spawn (args);
          sleep_seconds (delay);
          killed = kill_and_reap (pid);
          g_test_message ("export %s a workbook killed %s, after %.3f s: %s",
                          with_target ? "over" : "without", points[i].name, delay,
                          killed ? "killed" : "had finished");

          if (killed && !with_target)
            g_assert_cmpuint (count_files (folder, NULL, ".xlsx"), ==, 0);
          else if (killed)
            {
              g_autofree char *bytes = NULL;
              gsize length = 0;
              gboolean same;

              g_assert_cmpuint (count_files (folder, NULL, ".xlsx"), ==, 1);
              g_assert_true (g_file_get_contents (target, &bytes, &length, NULL));
              same = length == previous_length && memcmp (bytes, previous_bytes, length) == 0;
              /* Untouched, or (killed after the rename, before exiting)
               * replaced by a whole workbook. */
              g_assert_true (same || (i > 0 && is_whole_workbook (target)));
              if (i == 0)
                g_assert_true (same);
            }
          else
            g_assert_true (is_whole_workbook (target));

          if (i == 0)
            g_assert_true (killed);
        }
    }

  /* What the kills left: temporary files only, hidden, never .xlsx. An
   * hour later the next export removes them; a new one (another export
   * running) stays. */
  g_test_message ("%u temporary files left by the kills", count_files (folder, ".commissioner-export-", NULL));
  g_assert_true (g_file_set_contents (stale, "partial", -1, NULL));
  g_assert_true (g_file_set_contents (fresh, "partial", -1, NULL));
  old_times.actime = old_times.modtime = time (NULL) - 2 * 60 * 60;
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_prefix (name, ".commissioner-export-") && !g_str_equal (name, ".commissioner-export-FRESH1"))
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);

          g_assert_cmpint (g_utime (path, (struct utimbuf *) &old_times), ==, 0);
        }
  }
  g_unlink (target);
  wait_for (spawn (args));
  g_assert_true (is_whole_workbook (target));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (folder, ".commissioner-export-", NULL), ==, 1);

  g_free (args);
  cm_test_remove_tree (folder);
}

/* The rows of every table the example data fills, as "N,N,…". */
static char *
count_example_rows (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = cm_db_open (path, &error);
  g_autofree char *check = NULL;

  g_assert_no_error (error);
  check = cm_test_query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  return cm_test_query_text (db,
                             "SELECT (SELECT count(*) FROM organisations) || ',' || (SELECT count(*) FROM staff_groups)"
                             " || ',' || (SELECT count(*) FROM competencies) || ',' || (SELECT count(*) FROM requirements)"
                             " || ',' || (SELECT count(*) FROM streams) || ',' || (SELECT count(*) FROM commissions)"
                             " || ',' || (SELECT count(*) FROM splits) || ',' || (SELECT count(*) FROM transactions)"
                             " || ',' || (SELECT count(*) FROM events) || ',' || (SELECT count(*) FROM learners)"
                             " || ',' || (SELECT count(*) FROM bookings) || ',' || (SELECT count(*) FROM feedback)"
                             " || ',' || (SELECT count(*) FROM followups)");
}

static int
run_gdbus (const char * const *argv)
{
  g_auto(GStrv) envp = child_environment ();
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, NULL);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Starts the application on @path and waits until its window's actions
 * answer on the session bus. */
static GPid
start_app (const char *path,
           const char *gdbus,
           const char *window_path)
{
  const char * const app_argv[] = { g_getenv ("CM_APP"), "--database", path, NULL };
  const char * const describe[] = { gdbus, "call", "--session", "--dest", APP_ID, "--object-path", window_path,
                                    "--method", "org.gtk.Actions.DescribeAll", NULL };
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  GPid pid = spawn (app_argv);

  while (run_gdbus (describe) != 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50000);
    }

  return pid;
}

/* kill -9 of the application while it loads the example data (one
 * transaction of thousands of rows), asked through its window's
 * exported actions: the database is whole, and holds all of the
 * example data or none of it. */
static void
test_crash_gui (void)
{
  g_autofree char *gdbus = g_find_program_in_path ("gdbus");
  g_autofree char *app_path = NULL;
  g_autofree char *window_path = NULL;
  g_autofree char *full_path = g_build_filename (work_dir, "gui-full.db", NULL);
  g_autofree char *target = g_build_filename (work_dir, "gui-killed.db", NULL);
  g_autofree char *full = NULL;
  g_autofree char *empty = NULL;
  double load_seconds;
  sqlite3 *probe;
  gint64 start;
  GPid caller;
  GPid pid;

  if (g_getenv ("CM_APP") == NULL || g_getenv ("DISPLAY") == NULL ||
      g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL || gdbus == NULL)
    {
      g_test_skip ("needs the application, a display, a session bus and gdbus");
      return;
    }

  app_path = g_strdelimit (g_strconcat ("/", APP_ID, NULL), ".", '/');
  window_path = g_strconcat (app_path, "/window/1", NULL);

  {
    const char * const activate[] = { gdbus, "call", "--session", "--dest", APP_ID, "--object-path", window_path,
                                      "--method", "org.gtk.Actions.Activate", "load-example-data", "[]", "{}", NULL };

    /* The whole load, timed from the moment its transaction takes the
     * write lock to the commit that lets it go. */
    pid = start_app (full_path, gdbus, window_path);
    empty = count_example_rows (full_path);
    probe = open_probe (full_path);
    wait_for_writer (probe, FALSE);
    caller = spawn (activate);
    start = wait_for_long_write (probe);
    wait_for_writer (probe, FALSE);
    load_seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
    sqlite3_close (probe);
    wait_for (caller);
    g_assert_true (kill_and_reap (pid));
    full = count_example_rows (full_path);
    g_test_message ("the example data's transaction held the database for %.3f s: %s rows, %s before",
                    load_seconds, full, empty);
    g_assert_true (g_str_has_prefix (full, "22,33,"));
    g_assert_cmpstr (full, !=, empty);

    for (guint i = 0; i < G_N_ELEMENTS (points); i++)
      {
        double delay = load_seconds * points[i].share;
        g_autofree char *before = NULL;
        g_autofree char *after = NULL;
        gboolean killed;
        int status = 0;

        remove_database (target);
        pid = start_app (target, gdbus, window_path);
        before = count_example_rows (target);
        g_assert_cmpstr (before, ==, empty);

        probe = open_probe (target);
        wait_for_writer (probe, FALSE);
        caller = spawn (activate);
        start = wait_for_long_write (probe);
        sleep_seconds (delay - (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
        killed = kill_and_reap (pid);
        sqlite3_close (probe);
        waitpid (caller, &status, 0);

        after = count_example_rows (target);
        g_test_message ("application killed %s, %.3f s into the transaction: %s, %s rows",
                        points[i].name, delay, killed ? "killed" : "had exited", after);
        g_assert_true (killed);
        g_assert_true (g_str_equal (after, empty) || g_str_equal (after, full));
      }
  }

  remove_database (target);
  remove_database (full_path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  work_dir = g_dir_make_tmp ("cm-test-crash-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/crash/import", test_crash_import);
  g_test_add_func ("/crash/export", test_crash_export);
  g_test_add_func ("/crash/gui", test_crash_gui);

  ret = g_test_run ();

  cm_test_remove_tree (work_dir);
  g_free (work_dir);
  g_free (big_db);
  return ret;
}
