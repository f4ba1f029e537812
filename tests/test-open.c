/* test-open.c
 *
 * Opening a database from the command line: a missing or empty file, a
 * read-only file or folder, another program's lock, a full disk, and
 * several importers at once. Each checks the exit status, the exact
 * message, the files left in the folder and the rows stored.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cm-db-private.h"
#include "cm-db.h"

#include "cm-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

#define run_cli(fixture, out, err, ...) \
  cm_test_run_cli ((fixture)->dir, NULL, out, err, "--database", (fixture)->db, __VA_ARGS__, NULL)

static const CmTestCliOptions unprivileged = { .unprivileged = TRUE };

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = cm_test_make_temp_dir ("cm-test-open");
  fixture->db = g_build_filename (fixture->dir, "a.db", NULL);
  /* Children started here keep their backups in the test's own folder. */
  g_setenv ("XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_chmod (fixture->dir, 0700);
  cm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
list_folder (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static int
file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static gint64
count (const char *db_path,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = cm_db_open_full (db_path, CM_DB_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return cm_test_query_int64 (db, sql);
}

/* A spend file of @n_rows rows with references PREFIX-000001 and on. */
static char *
write_spend (Fixture    *fixture,
             const char *name,
             const char *prefix,
             guint       n_rows)
{
  g_autoptr(GString) csv = g_string_new ("date,amount,supplier,reference,kind\n");
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  for (guint i = 1; i <= n_rows; i++)
    g_string_append_printf (csv, "2010-%02u-%02u,%u.%02u,Supplier %u,%s-%06u,invoice\n",
                            4 + i % 9, 1 + i % 28, 10 + i % 990, i % 100, i % 40, prefix, i);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  return g_steal_pointer (&path);
}

static void
init_database (Fixture *fixture)
{
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "init"), ==, 0);
}

static void
test_open_missing_path (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const commands[][6] = {
    { "summary", "--year", "2010", NULL },
    { "needs", "--year", "2010", "--half", "1", NULL },
    { "warnings", "--year", "2010", NULL },
    { "evaluation", "--year", "2010", NULL },
    { "import", "organisations", "orgs.csv", NULL },
    { "import", "organisations", "orgs.csv", "--dry-run", NULL },
    { "copy-streams", "--from", "2010", "--to", "2011", NULL },
    { "backup", "copy.db", NULL },
  };
  g_autofree char *csv = write_file (fixture, "orgs.csv", "name,kind\nA,school\n");
  g_autofree char *typo_file = g_build_filename (fixture->dir, "a.dbb", NULL);
  g_autofree char *typo_folder = g_build_filename (fixture->dir, "dtaa", "a.db", NULL);
  const char *paths[] = { typo_file, typo_folder };

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        g_autofree char *expected = g_strdup_printf ("no database at %s; create one with "
                                                     "`commissioner-cli --database %s init`\n",
                                                     paths[p], paths[p]);
        g_autofree char *files = NULL;
        int status;

        status = cm_test_run_cli (fixture->dir, NULL, &out, &err, "--database", paths[p],
                                  commands[c][0], commands[c][1], commands[c][2], commands[c][3],
                                  commands[c][4], commands[c][5], NULL);
        if (status != 1 || g_strcmp0 (err, expected) != 0)
          g_error ("%s on %s: exit %d, stderr “%s”", commands[c][0], paths[p], status, err);
        g_assert_cmpstr (out, ==, "");

        /* Neither the file nor its folder was created. */
        files = list_folder (fixture->dir);
        g_assert_cmpstr (files, ==, "orgs.csv");
      }
}

static void
test_open_empty_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *csv = write_file (fixture, "orgs.csv", "name,kind\nA,school\n");
  g_autofree char *expected = g_strdup_printf ("%s is empty: it is not a Commissioner database; create one with "
                                               "`commissioner-cli --database %s init`\n",
                                               fixture->db, fixture->db);
  g_autofree char *init_out = NULL;
  g_autofree char *init_expected = NULL;
  g_autofree char *files = NULL;
  struct stat st;

  g_assert_true (g_file_set_contents (fixture->db, "", 0, NULL));
  g_chmod (fixture->db, 0644);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *err = NULL;
      int status;

      if (i == 0)
        status = run_cli (fixture, NULL, &err, "summary", "--year", "2010");
      else if (i == 1)
        status = run_cli (fixture, NULL, &err, "import", "organisations", "orgs.csv");
      else
        status = run_cli (fixture, NULL, &err, "backup", "copy.db");
      g_assert_cmpint (status, ==, 1);
      g_assert_cmpstr (err, ==, expected);
      g_assert_cmpint (g_stat (fixture->db, &st), ==, 0);
      g_assert_cmpint (st.st_size, ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0644);
    }
  files = list_folder (fixture->dir);
  g_assert_cmpstr (files, ==, "a.db orgs.csv");

  /* An empty file holds nothing to lose: init makes it a database, only
   * its owner's. */
  g_assert_cmpint (run_cli (fixture, &init_out, NULL, "init"), ==, 0);
  init_expected = g_strdup_printf ("Database ready: %s (schema %d, 54 competencies)\n", fixture->db, CM_DB_SCHEMA_VERSION);
  g_assert_cmpstr (init_out, ==, init_expected);
  g_assert_cmpint (file_mode (fixture->db), ==, 0600);
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM competencies"), ==, 54);
}

/* Reading a database that is open in WAL mode leaves nothing beside it. */
static void
test_open_read_leaves_nothing (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *csv = write_file (fixture, "orgs.csv", "name,kind\nA,school\nB,health\n");
  g_autofree char *files = NULL;
  g_autofree char *out = NULL;

  init_database (fixture);
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "organisations", "orgs.csv"), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "summary", "--year", "2010"), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "needs", "--year", "2010", "--half", "1"), ==, 1);
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "evaluation", "--year", "2010"), ==, 0);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "import", "organisations", "orgs.csv", "--dry-run"), ==, 0);
  g_assert_cmpstr (out, ==, "orgs.csv: 2 rows of organisations are valid (0 new, 0 updated, 2 unchanged); nothing was written\n");
  files = list_folder (fixture->dir);
  g_assert_cmpstr (files, ==, "a.db orgs.csv");
}

static void
test_open_read_only_file (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *csv = write_file (fixture, "orgs.csv", "name,kind\nA,school\nB,health\n");
  g_autofree char *more = write_file (fixture, "more.csv", "name,kind\nC,police\n");
  g_autofree char *expected = g_strdup_printf ("The database “%s” is read-only; nothing was written\n", fixture->db);
  g_autofree char *out = NULL;
  g_autofree char *dry = NULL;
  g_autofree char *err = NULL;
  g_autofree char *files = NULL;
  g_autofree char *after = NULL;
  const char *why_not = cm_test_unprivileged_unavailable ();

  if (why_not != NULL)
    {
      g_test_skip (why_not);
      return;
    }

  init_database (fixture);
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "organisations", "orgs.csv"), ==, 0);
  g_chmod (fixture->db, 0400);

  /* Reading works and leaves no -wal or -shm (which would keep their
   * read-only mode after the file is fixed). */
  g_assert_cmpint (cm_test_run_cli_with (fixture->dir, &unprivileged, &out, NULL,
                                         "--database", fixture->db, "summary", "--year", "2010", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "No funding streams for 2010/11\n");
  g_assert_cmpint (cm_test_run_cli_with (fixture->dir, &unprivileged, &dry, NULL,
                                         "--database", fixture->db, "import", "organisations", "more.csv",
                                         "--dry-run", NULL), ==, 0);
  g_assert_cmpstr (dry, ==, "more.csv: 1 rows of organisations are valid (1 new, 0 updated, 0 unchanged); nothing was written\n");
  files = list_folder (fixture->dir);
  g_assert_cmpstr (files, ==, "a.db more.csv orgs.csv");

  /* Writing fails now, naming the file, with nothing changed. */
  g_assert_cmpint (cm_test_run_cli_with (fixture->dir, &unprivileged, NULL, &err,
                                         "--database", fixture->db, "import", "organisations", "more.csv", NULL), ==, 3);
  g_assert_cmpstr (err, ==, expected);
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM organisations"), ==, 2);
  after = list_folder (fixture->dir);
  g_assert_cmpstr (after, ==, "a.db more.csv orgs.csv");
  g_assert_cmpint (file_mode (fixture->db), ==, 0400);

  /* Once the owner fixes it, writing works at once. */
  g_chmod (fixture->db, 0600);
  g_assert_cmpint (cm_test_run_cli_with (fixture->dir, &unprivileged, NULL, NULL,
                                         "--database", fixture->db, "import", "organisations", "more.csv", NULL), ==, 0);
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM organisations"), ==, 3);
}

static void
test_open_unreadable_file (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *csv = write_file (fixture, "orgs.csv", "name,kind\nA,school\n");
  g_autofree char *expected = g_strdup_printf ("Not allowed to use “%s” (Permission denied); nothing was written\n", fixture->db);
  g_autofree char *files = NULL;
  const char *why_not = cm_test_unprivileged_unavailable ();

  if (why_not != NULL)
    {
      g_test_skip (why_not);
      return;
    }

  init_database (fixture);
  g_chmod (fixture->db, 0000);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *err = NULL;
      int status;

      if (i == 0)
        status = cm_test_run_cli_with (fixture->dir, &unprivileged, NULL, &err,
                                       "--database", fixture->db, "summary", "--year", "2010", NULL);
      else
        status = cm_test_run_cli_with (fixture->dir, &unprivileged, NULL, &err,
                                       "--database", fixture->db, "import", "organisations", "orgs.csv", NULL);
      g_assert_cmpint (status, ==, 3);
      g_assert_cmpstr (err, ==, expected);
    }
  files = list_folder (fixture->dir);
  g_assert_cmpstr (files, ==, "a.db orgs.csv");

  g_chmod (fixture->db, 0600);
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM organisations"), ==, 0);
}

static void
test_open_read_only_folder (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "shared", NULL);
  g_autofree char *db = g_build_filename (folder, "a.db", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *csv = write_file (fixture, "orgs.csv", "name,kind\nA,school\nB,health\n");
  g_autofree char *more = write_file (fixture, "more.csv", "name,kind\nC,police\n");
  g_autofree char *expected = g_strdup_printf ("The folder “%s” is read-only, so the database “%s” cannot be changed; "
                                               "nothing was written\n", folder, db);
  g_autofree char *backup_out = NULL;
  g_autofree char *backup_expected = g_strdup_printf ("Backed up %s to %s\n", db, copy);
  g_autofree char *err = NULL;
  g_autofree char *files = NULL;
  g_autofree char *after = NULL;
  g_autofree char *fixed = NULL;
  const char *why_not = cm_test_unprivileged_unavailable ();

  if (why_not != NULL)
    {
      g_test_skip (why_not);
      return;
    }

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, NULL, NULL, "--database", db, "init", NULL), ==, 0);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, NULL, NULL, "--database", db,
                                    "import", "organisations", "orgs.csv", NULL), ==, 0);
  g_chmod (folder, 0500);

  /* Reading and backing up work, and create nothing in the folder. */
  g_assert_cmpint (cm_test_run_cli_with (fixture->dir, &unprivileged, NULL, NULL,
                                         "--database", db, "summary", "--year", "2010", NULL), ==, 0);
  g_assert_cmpint (cm_test_run_cli_with (fixture->dir, &unprivileged, &backup_out, NULL,
                                         "--database", db, "backup", copy, NULL), ==, 0);
  g_assert_cmpstr (backup_out, ==, backup_expected);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM organisations"), ==, 2);
  files = list_folder (folder);
  g_assert_cmpstr (files, ==, "a.db");

  /* Writing names the folder, not the file, and does not hang. */
  g_assert_cmpint (cm_test_run_cli_with (fixture->dir, &unprivileged, NULL, &err,
                                         "--database", db, "import", "organisations", "more.csv", NULL), ==, 3);
  g_assert_cmpstr (err, ==, expected);
  after = list_folder (folder);
  g_assert_cmpstr (after, ==, "a.db");
  g_assert_cmpint (count (db, "SELECT count(*) FROM organisations"), ==, 2);

  g_chmod (folder, 0700);
  g_assert_cmpint (cm_test_run_cli_with (fixture->dir, &unprivileged, NULL, NULL,
                                         "--database", db, "import", "organisations", "more.csv", NULL), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM organisations"), ==, 3);
  fixed = list_folder (folder);
  g_assert_cmpstr (fixed, ==, "a.db");
}

/* A -shm left read-only (by an older version reading a read-only file)
 * is named as the cause, not the database. */
static void
test_open_read_only_shm (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *csv = write_file (fixture, "orgs.csv", "name,kind\nA,school\n");
  g_autofree char *shm = g_strconcat (fixture->db, "-shm", NULL);
  g_autofree char *expected = g_strdup_printf ("“%s” is read-only, so the database “%s” cannot be changed; "
                                               "delete it while no program is using the database, or make it writable; "
                                               "nothing was written\n", shm, fixture->db);
  g_autofree char *err = NULL;
  const char *why_not = cm_test_unprivileged_unavailable ();

  if (why_not != NULL)
    {
      g_test_skip (why_not);
      return;
    }

  init_database (fixture);
  g_assert_true (g_file_set_contents (shm, "", 0, NULL));
  g_chmod (shm, 0400);

  g_assert_cmpint (cm_test_run_cli_with (fixture->dir, &unprivileged, NULL, &err,
                                         "--database", fixture->db, "import", "organisations", "orgs.csv", NULL), ==, 3);
  g_assert_cmpstr (err, ==, expected);
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM organisations"), ==, 0);

  g_unlink (shm);
  g_assert_cmpint (cm_test_run_cli_with (fixture->dir, &unprivileged, NULL, NULL,
                                         "--database", fixture->db, "import", "organisations", "orgs.csv", NULL), ==, 0);
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM organisations"), ==, 1);
}

/* Another program's write lock on @path, held until lock_release(). */
static sqlite3 *
lock_hold (const char *path)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return handle;
}

static void
lock_release (sqlite3 *handle)
{
  g_assert_cmpint (sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

static GSubprocess *
spawn_cli (Fixture            *fixture,
           const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (char *) g_getenv ("CM_CLI"));
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, fixture->db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, fixture->dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static int
finish_cli (GSubprocess  *process,
            char        **out_stdout,
            char        **out_stderr)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, out_stdout, out_stderr, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
test_open_lock_waits (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const args[] = { "import", "spend", "spend.csv", NULL };
  g_autofree char *csv = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) stderr_lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_line = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  sqlite3 *lock;
  gint64 start;

  init_database (fixture);
  csv = write_spend (fixture, "spend.csv", "W", 500);

  lock = lock_hold (fixture->db);
  process = spawn_cli (fixture, args);

  /* The lock is held for 2 s from when the import starts waiting, however
   * long a loaded machine takes to start it. */
  stderr_lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (stderr_lines), FALSE);
  first_line = g_data_input_stream_read_line_utf8 (stderr_lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_line, ==, "waiting for another program to finish writing…");
  start = g_get_monotonic_time ();
  g_usleep (2 * G_USEC_PER_SEC);
  lock_release (lock);

  g_assert_cmpint (finish_cli (process, &out, &err), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC);
  /* Said once: nothing more on stderr. */
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, "spend.csv: imported 500 rows of spend (500 new, 0 updated, 0 unchanged)\n");
  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM transactions"), ==, 500);
  /* 10 + i pounds and i % 100 pence for i = 1 to 500:
   * 100 × (5,000 + 125,250) + 5 × 4,950. */
  g_assert_cmpint (count (fixture->db, "SELECT sum(amount_pence) FROM transactions"), ==, 13049750);
}

static void
test_open_lock_gives_up (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *csv = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err_now = NULL;
  g_autofree char *dry = NULL;
  g_autofree char *err_dry = NULL;
  g_autofree char *expected = g_strdup_printf ("waiting for another program to finish writing…\n"
                                               "The database “%s” is locked by another program; nothing was written (waited 1 s)\n",
                                               fixture->db);
  g_autofree char *expected_now = g_strdup_printf ("The database “%s” is locked by another program; nothing was written (waited 0 s)\n",
                                                   fixture->db);
  g_autofree char *files = NULL;
  sqlite3 *lock;

  init_database (fixture);
  csv = write_spend (fixture, "spend.csv", "G", 200);

  lock = lock_hold (fixture->db);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "import", "spend", "spend.csv", "--wait", "1"), ==, 3);
  g_assert_cmpstr (err, ==, expected);
  g_assert_cmpint (run_cli (fixture, NULL, &err_now, "import", "spend", "spend.csv", "--wait", "0"), ==, 3);
  g_assert_cmpstr (err_now, ==, expected_now);
  /* A dry run only reads: it need not wait. */
  g_assert_cmpint (run_cli (fixture, &dry, &err_dry, "import", "spend", "spend.csv", "--dry-run", "--wait", "0"), ==, 0);
  g_assert_cmpstr (dry, ==, "spend.csv: 200 rows of spend are valid (200 new, 0 updated, 0 unchanged); nothing was written\n");
  g_assert_cmpstr (err_dry, ==, "");
  lock_release (lock);

  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM transactions"), ==, 0);
  files = list_folder (fixture->dir);
  g_assert_cmpstr (files, ==, "a.db spend.csv");
}

static void
test_open_wait_usage (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *err = NULL;

  init_database (fixture);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "import", "spend", "spend.csv", "--wait", "-1"), ==, 2);
  g_assert_cmpstr (err, ==, "commissioner-cli: --wait must be 0 or more seconds, not -1\n"
                            "Try “commissioner-cli --help” for more information.\n");
}

/* The exit statuses are part of the contract, so --help states them. */
static void
test_open_help_exit_status (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *help = NULL;

  g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, &help, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (help, "\nExit status: 0 success, 1 bad data or no database (nothing written), "
                                  "2 usage error, 3 could not be done now: the database is locked by another program, "
                                  "the disk is full, a file or folder is read-only, or the workbook to replace is open in another program "
                                  "(nothing written).\n"));
}

static void
check_nothing_written (Fixture    *fixture,
                       const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = cm_db_open_full (db_path, CM_DB_OPEN_READ_ONLY, &error);
  g_autofree char *integrity = NULL;

  g_assert_no_error (error);
  integrity = cm_test_query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM transactions"), ==, 0);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM competencies"), ==, 54);
}

/* A file size limit (ulimit -f) stops the database growing as a full
 * disk would; the import is refused whole, without a line number. */
static void
test_open_file_size_limit (Fixture       *fixture,
                           gconstpointer  data)
{
  CmTestCliOptions limited = { .file_size_limit = 0 };
  g_autofree char *csv = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = g_strdup_printf ("The disk is full, or “%s” has reached the largest file allowed; nothing was written\n",
                                               fixture->db);
  struct stat st;

  init_database (fixture);
  csv = write_spend (fixture, "spend.csv", "F", 3000);
  g_assert_cmpint (g_stat (fixture->db, &st), ==, 0);
  /* Room for the -shm and a few pages of -wal, not for 3,000 rows. */
  limited.file_size_limit = MAX (st.st_size, 64 * 1024) + 64 * 1024;

  g_assert_cmpint (cm_test_run_cli_with (fixture->dir, &limited, &out, &err,
                                         "--database", fixture->db, "import", "spend", "spend.csv", NULL), ==, 3);
  g_assert_cmpstr (err, ==, expected);
  g_assert_cmpstr (out, ==, "");
  check_nothing_written (fixture, fixture->db);
}

/* A real full disk: a small tmpfs, mounted in a namespace of its own
 * (unshare) so that neither root nor a mount outside is needed. */
static void
test_open_disk_full (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *mount_point = g_build_filename (fixture->dir, "disk", NULL);
  g_autofree char *on_disk = g_build_filename (mount_point, "a.db", NULL);
  g_autofree char *back = g_build_filename (fixture->dir, "back.db", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *status_path = g_build_filename (fixture->dir, "status", NULL);
  g_autofree char *read_status_path = NULL;
  g_autofree char *read_err_path = NULL;
  g_autofree char *read_status = NULL;
  g_autofree char *read_err = NULL;
  int wait_status = 0;
  struct stat st;

  init_database (fixture);
  csv = write_spend (fixture, "spend.csv", "D", 3000);
  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  g_assert_cmpint (g_stat (fixture->db, &st), ==, 0);

  /* Room for the database, its -shm and a few pages more. */
  script = g_strdup_printf ("set -e\n"
                            "mount -t tmpfs -o size=%" G_GINT64_FORMAT "k tmpfs disk 2>/dev/null || exit 77\n"
                            "cp a.db disk/a.db\n"
                            "set +e\n"
                            "\"$CM_CLI\" --database \"$PWD/disk/a.db\" import spend spend.csv\n"
                            "echo $? > status\n"
                            "cp disk/a.db back.db\n"
                            /* Reading needs room too, for the -shm. */
                            "dd if=/dev/zero of=disk/fill bs=4k 2>/dev/null\n"
                            "\"$CM_CLI\" --database \"$PWD/disk/a.db\" summary --year 2010 2> read-err\n"
                            "echo $? > read-status\n",
                            (gint64) st.st_size / 1024 + 128);
  g_spawn_sync (fixture->dir, (char *[]) { (char *) "unshare", (char *) "-rm", (char *) "sh", (char *) "-c", script, NULL },
                NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &wait_status, NULL);
  if (!g_file_test (status_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("cannot mount a tmpfs here (unshare -rm sh -c 'mount -t tmpfs …')");
      return;
    }

  g_assert_true (g_file_get_contents (status_path, &status_text, NULL, NULL));
  g_assert_cmpstr (status_text, ==, "3\n");
  expected = g_strdup_printf ("The disk holding “%s/disk/a.db” is full; nothing was written\n", fixture->dir);
  g_assert_cmpstr (err, ==, expected);
  g_assert_cmpstr (out, ==, "");
  check_nothing_written (fixture, back);

  read_status_path = g_build_filename (fixture->dir, "read-status", NULL);
  read_err_path = g_build_filename (fixture->dir, "read-err", NULL);
  g_assert_true (g_file_get_contents (read_status_path, &read_status, NULL, NULL));
  g_assert_cmpstr (read_status, ==, "3\n");
  g_assert_true (g_file_get_contents (read_err_path, &read_err, NULL, NULL));
  g_assert_cmpstr (read_err, ==, expected);
}

/* Four imports at once into one database: each waits its turn, and
 * every row arrives exactly once. */
static void
test_open_concurrent_imports (Fixture       *fixture,
                              gconstpointer  data)
{
#if defined(__SANITIZE_ADDRESS__)
  /* The sanitizer build imports some twenty times slower. */
  const guint n_rows = 2500;
#else
  const guint n_rows = 50000;
#endif
  GSubprocess *processes[4];
  char *files[4];

  init_database (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
    {
      g_autofree char *name = g_strdup_printf ("spend-%u.csv", i);
      g_autofree char *prefix = g_strdup_printf ("C%u", i);

      files[i] = write_spend (fixture, name, prefix, n_rows);
    }

  for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
    {
      /* Each waits its turn; however slow a loaded machine makes the
       * others, that is not what is tested here. */
      const char *args[] = { "import", "spend", files[i], "--wait", "600", NULL };

      processes[i] = spawn_cli (fixture, args);
    }

  for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *expected = g_strdup_printf ("%s: imported %u rows of spend (%u new, 0 updated, 0 unchanged)\n",
                                                   files[i], n_rows, n_rows);

      g_assert_cmpint (finish_cli (processes[i], &out, &err), ==, 0);
      g_assert_cmpstr (out, ==, expected);
      g_object_unref (processes[i]);
      g_free (files[i]);
    }

  g_assert_cmpint (count (fixture->db, "SELECT count(*) FROM transactions"), ==, 4 * n_rows);
  g_assert_cmpint (count (fixture->db, "SELECT count(DISTINCT lower(reference)) FROM transactions"), ==, 4 * n_rows);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM transactions WHERE reference LIKE 'C%u-%%'", i);

      g_assert_cmpint (count (fixture->db, sql), ==, n_rows);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/open/missing-path", test_open_missing_path);
  ADD ("/open/empty-file", test_open_empty_file);
  ADD ("/open/read-leaves-nothing", test_open_read_leaves_nothing);
  ADD ("/open/read-only-file", test_open_read_only_file);
  ADD ("/open/unreadable-file", test_open_unreadable_file);
  ADD ("/open/read-only-folder", test_open_read_only_folder);
  ADD ("/open/read-only-shm", test_open_read_only_shm);
  ADD ("/open/lock-waits", test_open_lock_waits);
  ADD ("/open/lock-gives-up", test_open_lock_gives_up);
  ADD ("/open/wait-usage", test_open_wait_usage);
  ADD ("/open/help-exit-status", test_open_help_exit_status);
  ADD ("/open/file-size-limit", test_open_file_size_limit);
  ADD ("/open/disk-full", test_open_disk_full);
  ADD ("/open/concurrent-imports", test_open_concurrent_imports);

  return g_test_run ();
}
