/* test-cli.c
 *
 * Runs the real commissioner-cli binary on temporary databases and checks
 * its output, its exit codes and that bad data changes nothing.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cm-db.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static int
run_cli_in (const char          *cwd,
            const char * const  *envp_extra,
            char               **out_stdout,
            char               **out_stderr,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *cli = g_getenv ("CM_CLI");
  const char *arg;
  char *out = NULL;
  char *err = NULL;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, out_stderr);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  for (guint i = 0; envp_extra != NULL && envp_extra[i] != NULL; i += 2)
    envp = g_environ_setenv (envp, envp_extra[i], envp_extra[i + 1], TRUE);

  g_spawn_sync (cwd, (char **) argv->pdata, envp, G_SPAWN_DEFAULT,
                NULL, NULL, &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));

  if (out_stdout != NULL)
    *out_stdout = out;
  else
    g_free (out);
  if (out_stderr != NULL)
    *out_stderr = err;
  else
    g_free (err);

  return WEXITSTATUS (wait_status);
}

#define run_cli(fixture, out, err, ...) \
  run_cli_in ((fixture)->dir, NULL, out, err, "--database", (fixture)->db, __VA_ARGS__, NULL)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cm-test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "a.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)))
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

static void
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

/* A fingerprint of the tables a failed import must leave alone. */
static char *
snapshot (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = cm_db_open (fixture->db, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = cm_db_prepare (db,
                        "SELECT (SELECT count(*) FROM organisations) || '|' ||"
                        "       (SELECT count(*) FROM staff_groups) || '|' ||"
                        "       (SELECT coalesce(group_concat(name || ':' || organisation_id || ':' || sector || ':'"
                        "                                     || headcount || ':' || turnover_bp, ';'), '')"
                        "          FROM (SELECT * FROM staff_groups ORDER BY id)) || '|' ||"
                        "       (SELECT count(*) FROM competencies)",
                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = cm_db_open (fixture->db, &error);
  gint64 value = -1;

  g_assert_no_error (error);
  g_assert_true (cm_db_query_int64 (db, sql, &value, &error));
  return value;
}

static void
test_cli_version_and_help (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *help = NULL;

  g_assert_cmpint (run_cli_in (fixture->dir, NULL, &out, NULL, "--version", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "commissioner-cli " PACKAGE_VERSION "\n");

  g_assert_cmpint (run_cli_in (fixture->dir, NULL, &help, NULL, "--help", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (help, "Usage:\n  commissioner-cli [--database FILE] COMMAND [ARGS]\n"));
  for (guint i = 0; i < 4; i++)
    {
      static const char * const names[] = { "  init ", "  demo ", "  import KIND FILE.csv [--dry-run]", "  backup FILE" };

      g_assert_nonnull (strstr (help, names[i]));
    }
  g_assert_nonnull (strstr (help, "staff-groups"));
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
test_cli_usage_errors (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const cases[][4] = {
    { NULL },
    { "frobnicate", NULL },
    { "--verbose", "init", NULL },
    { "init", "extra", NULL },
    { "import", NULL },
    { "import", "staff-groups", NULL },
    { "import", "budgets", "x.csv", NULL },
    { "import", "staff-groups", "x.csv", "--force" },
    { "backup", NULL },
    { "--database", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      int status = run_cli_in (fixture->dir, NULL, NULL, &err,
                               cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL);

      g_assert_cmpint (status, ==, 2);
      g_assert_true (g_str_has_prefix (err, "commissioner-cli: "));
    }

  /* Nothing is created by a command line that makes no sense. */
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
test_cli_init (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  struct stat st;

  g_assert_cmpint (run_cli (fixture, &out, NULL, "init"), ==, 0);
  g_assert_cmpint (g_stat (fixture->db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  expected = g_strdup_printf ("Database ready: %s (schema 2, 54 competencies)\n", fixture->db);
  g_assert_cmpstr (out, ==, expected);
  first = snapshot (fixture);

  /* Idempotent: the second run changes nothing. */
  g_assert_cmpint (run_cli (fixture, &out2, NULL, "init"), ==, 0);
  g_assert_cmpstr (out2, ==, expected);
  second = snapshot (fixture);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM competencies WHERE is_default = 1"), ==, 54);
}

static void
test_cli_demo (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  struct stat st;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "init"), ==, 0);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "demo"), ==, 0);
  expected = g_strdup_printf ("Loaded the example data into %s: 22 organisations, 33 staff groups\n", fixture->db);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpint (g_stat (fixture->db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (count_rows (fixture, "SELECT sum(headcount) FROM staff_groups"), ==, 1900);

  before = snapshot (fixture);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "demo"), ==, 1);
  g_assert_cmpstr (err, ==, "The database already holds data; example data can only be loaded into an empty database\n");
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);
}

static void
test_cli_demo_initialises (Fixture       *fixture,
                           gconstpointer  data)
{
  /* demo on a file that does not exist yet creates and fills it. */
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM organisations"), ==, 22);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM competencies"), ==, 54);
}

typedef struct
{
  const char *name;
  const char *csv;
  const char *prefix;
} BadFile;

static void
test_cli_import_bad (Fixture       *fixture,
                     gconstpointer  data)
{
  static const BadFile cases[] = {
    { "unknown organisation, last row",
      "name,organisation,sector,headcount,turnover_percent\n"
      "Play workers,Westminster Children's Services,early-years,12,11\n"
      "Mentors,Westminster Youth Service,youth,8,11\n"
      "Tutors,Nowhere Trust,education,5,11\n",
      "bad.csv:4: column 'organisation': " },
    { "negative headcount, first row",
      "name,organisation,sector,headcount,turnover_percent\n"
      "Play workers,Westminster Children's Services,early-years,-4,11\n"
      "Mentors,Westminster Youth Service,youth,8,11\n",
      "bad.csv:2: column 'headcount': " },
    { "negative headcount, middle row, quoted and reordered",
      "Headcount,Name,Sector,Organisation,Turnover_Percent\r\n"
      "3,\"Play workers, weekends\",early-years,Westminster Children's Services,11\r\n"
      "-1,\"Mentors\",youth,Westminster Youth Service,11\r\n"
      "5,Tutors,education,Westminster Youth Service,11\r\n",
      "bad.csv:3: column 'Headcount': " },
    { "bad header",
      "name,organisation,sector,headcnt,turnover_percent\n"
      "Play workers,Westminster Children's Services,early-years,12,11\n",
      "bad.csv:1: column 'headcnt': " },
    { "missing column",
      "name,organisation,sector,turnover_percent\n"
      "Play workers,Westminster Children's Services,early-years,11\n",
      "bad.csv:1: column 'headcount': " },
    { "unterminated quote",
      "name,organisation,sector,headcount,turnover_percent\n"
      "Play workers,Westminster Children's Services,early-years,12,11\n"
      "\"Mentors,Westminster Youth Service,youth,8,11\n",
      "bad.csv:3: column 'name': " },
    { "turnover above 100",
      "name,organisation,sector,headcount,turnover_percent\n"
      "Play workers,Westminster Children's Services,early-years,12,140\n",
      "bad.csv:2: column 'turnover_percent': " },
    { "unknown sector",
      "name,organisation,sector,headcount,turnover_percent\n"
      "Play workers,Westminster Children's Services,nursing,12,11\n",
      "bad.csv:2: column 'sector': " },
  };
  g_autofree char *before = NULL;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  before = snapshot (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      int status;

      write_file (fixture, "bad.csv", cases[i].csv);
      status = run_cli (fixture, &out, &err, "import", "staff-groups", "bad.csv");

      if (status != 1 || !g_str_has_prefix (err, cases[i].prefix))
        g_error ("%s: exit %d, stderr “%s”, expected prefix “%s”",
                 cases[i].name, status, err, cases[i].prefix);

      /* One line, naming what is wrong after the column. */
      g_assert_cmpuint (strlen (err), >, strlen (cases[i].prefix) + 3);
      g_assert_nonnull (strchr (err, '\n'));
      g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
      g_assert_cmpstr (out, ==, "");

      after = snapshot (fixture);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_cli_import_good (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *dry = NULL;
  g_autofree char *again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "init"), ==, 0);
  write_file (fixture, "orgs.csv",
              "\xEF\xBB\xBFname,kind\r\n"
              "Marylebone Nursery,private\r\n"
              "Church Street Youth Project,voluntary\r\n");
  write_file (fixture, "groups.csv",
              "name,organisation,sector,headcount,turnover_percent\n"
              "Nursery practitioners,Marylebone Nursery,early-years,14,18\n"
              "Youth workers,Church Street Youth Project,youth,6,12.5\n");

  /* A dry run checks and reports, but writes nothing. */
  before = snapshot (fixture);
  g_assert_cmpint (run_cli (fixture, &dry, NULL, "import", "organisations", "orgs.csv", "--dry-run"), ==, 0);
  g_assert_cmpstr (dry, ==, "orgs.csv: 2 rows of organisations are valid (2 new, 0 updated); nothing was written\n");
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (run_cli (fixture, &out, NULL, "import", "organisations", "orgs.csv"), ==, 0);
  g_assert_cmpstr (out, ==, "orgs.csv: imported 2 rows of organisations (2 new, 0 updated)\n");
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "staff-groups", "groups.csv"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT turnover_bp FROM staff_groups WHERE name = 'Youth workers'"), ==, 1250);
  g_assert_cmpint (count_rows (fixture, "SELECT headcount FROM staff_groups WHERE name = 'Nursery practitioners'"), ==, 14);

  /* Importing the same file again updates in place. */
  g_assert_cmpint (run_cli (fixture, &again, NULL, "import", "staff-groups", "groups.csv"), ==, 0);
  g_assert_cmpstr (again, ==, "groups.csv: imported 2 rows of staff-groups (0 new, 2 updated)\n");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM staff_groups"), ==, 2);
}

static void
test_cli_import_missing_file (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (fixture, NULL, &err, "import", "organisations", "missing.csv"), ==, 1);
  g_assert_nonnull (strstr (err, "missing.csv"));
}

static void
test_cli_backup (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *nothing = g_build_filename (fixture->dir, "nothing.db", NULL);
  g_autofree char *original = NULL;
  g_autofree char *copied = NULL;
  char *db_path;
  struct stat st;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "backup", copy), ==, 0);
  expected = g_strdup_printf ("Backed up %s to %s\n", fixture->db, copy);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  original = snapshot (fixture);
  db_path = fixture->db;
  fixture->db = copy;
  copied = snapshot (fixture);
  fixture->db = db_path;
  g_assert_cmpstr (original, ==, copied);

  /* Backing up a database that does not exist creates neither file. */
  g_assert_cmpint (run_cli_in (fixture->dir, NULL, NULL, &err, "--database", nothing, "backup", "x.db", NULL), ==, 1);
  g_assert_nonnull (strstr (err, nothing));
  g_assert_false (g_file_test (nothing, G_FILE_TEST_EXISTS));
}

static void
test_cli_default_database (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *data_home = g_build_filename (fixture->dir, "data", NULL);
  g_autofree char *expected = g_build_filename (data_home, "commissioner", "commissioner.db", NULL);
  g_autofree char *folder = g_path_get_dirname (expected);
  const char * const env[] = { "XDG_DATA_HOME", data_home, NULL };
  struct stat st;

  g_assert_cmpint (run_cli_in (fixture->dir, env, NULL, NULL, "init", NULL), ==, 0);
  g_assert_cmpint (g_stat (expected, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
test_cli_not_a_database (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;

  write_file (fixture, "a.db", "name,kind\n");
  g_assert_cmpint (run_cli (fixture, NULL, &err, "init"), ==, 1);
  expected = g_strdup_printf ("“%s” is not a Commissioner database\n", fixture->db);
  g_assert_cmpstr (err, ==, expected);
  g_assert_true (g_file_get_contents (fixture->db, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "name,kind\n");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("version-and-help", test_cli_version_and_help);
  ADD ("usage-errors", test_cli_usage_errors);
  ADD ("init", test_cli_init);
  ADD ("demo", test_cli_demo);
  ADD ("demo-initialises", test_cli_demo_initialises);
  ADD ("import-bad", test_cli_import_bad);
  ADD ("import-good", test_cli_import_good);
  ADD ("import-missing-file", test_cli_import_missing_file);
  ADD ("backup", test_cli_backup);
  ADD ("default-database", test_cli_default_database);
  ADD ("not-a-database", test_cli_not_a_database);

#undef ADD

  return g_test_run ();
}
