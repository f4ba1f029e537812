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

#include "cm-db-private.h"
#include "cm-budget.h"
#include "cm-db.h"
#include "cm-backups.h"
#include "cm-evaluation.h"
#include "cm-needs.h"

#include "cm-what-if.h"

#include "cm-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

#define run_cli(fixture, out, err, ...) \
  cm_test_run_cli ((fixture)->dir, NULL, out, err, "--database", (fixture)->db, __VA_ARGS__, NULL)

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
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  cm_test_remove_tree (fixture->dir);
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

  g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, &out, NULL, "--version", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "commissioner-cli " PACKAGE_VERSION "\n");

  g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, &help, NULL, "--help", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (help, "Usage:\n  commissioner-cli [--database FILE] COMMAND [ARGS]\n"));
  for (guint i = 0; i < 6; i++)
    {
      static const char * const names[] = { "  init ", "  demo ", "  import KIND FILE.csv [--dry-run]", "  backup FILE",
                                            "  close-cycle --year YYYY --half 1|2 ", "  reopen-cycle --year YYYY --half 1|2 " };

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
      int status = cm_test_run_cli (fixture->dir, NULL, NULL, &err,
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
  expected = g_strdup_printf ("Database ready: %s (schema %d, 54 competencies)\n", fixture->db, CM_DB_SCHEMA_VERSION);
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
  g_assert_cmpstr (dry, ==, "orgs.csv: 2 rows of organisations are valid (2 new, 0 updated, 0 unchanged); nothing was written\n");
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (run_cli (fixture, &out, NULL, "import", "organisations", "orgs.csv"), ==, 0);
  g_assert_cmpstr (out, ==, "orgs.csv: imported 2 rows of organisations (2 new, 0 updated, 0 unchanged)\n");
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "staff-groups", "groups.csv"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT turnover_bp FROM staff_groups WHERE name = 'Youth workers'"), ==, 1250);
  g_assert_cmpint (count_rows (fixture, "SELECT headcount FROM staff_groups WHERE name = 'Nursery practitioners'"), ==, 14);

  /* Importing the same file again changes nothing, and says so. */
  g_assert_cmpint (run_cli (fixture, &again, NULL, "import", "staff-groups", "groups.csv"), ==, 0);
  g_assert_cmpstr (again, ==, "groups.csv: imported 2 rows of staff-groups (0 new, 0 updated, 2 unchanged)\n");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM staff_groups"), ==, 2);
}

static void
test_cli_import_missing_file (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "init"), ==, 0);
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
  g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, NULL, &err, "--database", nothing, "backup", "x.db", NULL), ==, 1);
  g_assert_nonnull (strstr (err, nothing));
  g_assert_false (g_file_test (nothing, G_FILE_TEST_EXISTS));
}

/* The backups of the fixture's database, newest first, as names
 * without the stem; each must be its owner's only. */
static char *
list_backups (Fixture    *fixture,
              GPtrArray **out_paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = cm_backups_list (fixture->db, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *stem = cm_backups_get_stem (fixture->db);

  g_assert_no_error (error);
  if (out_paths != NULL)
    *out_paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < backups->len; i++)
    {
      CmBackup *backup = g_ptr_array_index (backups, i);
      g_autofree char *name = g_path_get_basename (backup->path);
      struct stat st;

      g_assert_cmpint (g_stat (backup->path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_string_append_printf (out, "%s%s", i > 0 ? "," : "", name + strlen (stem) + 1);
      if (out_paths != NULL)
        g_ptr_array_add (*out_paths, g_strdup (backup->path));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Twelve imports: a backup before each, the last ten kept; a dry run
 * takes none; the day's first write adds the daily one. */
static void
test_cli_backups_before_import (Fixture       *fixture,
                                gconstpointer  data)
{
  const char * const env[] = { "COMMISSIONER_TODAY", "2026-11-30", NULL };
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *list = NULL;
  g_autofree char *stem = cm_backups_get_stem (fixture->db);
  guint n_daily = 0;

  write_file (fixture, "orgs.csv", "name,kind\nCouncil,statutory\n");
  g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, NULL, "--database", fixture->db, "init", NULL), ==, 0);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, NULL, "--database", fixture->db,
                                    "import", "organisations", "orgs.csv", "--dry-run", NULL), ==, 0);
  list = list_backups (fixture, NULL);
  g_assert_cmpstr (list, ==, "");

  for (int i = 1; i <= 12; i++)
    {
      g_autofree char *csv = g_strdup_printf ("name,kind\nCouncil,statutory\nNursery %d,private\n", i);
      g_autoptr(GPtrArray) paths = NULL;
      g_autofree char *newest = NULL;

      write_file (fixture, "orgs.csv", csv);
      g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, NULL, "--database", fixture->db,
                                        "import", "organisations", "orgs.csv", NULL), ==, 0);
      g_clear_pointer (&list, g_free);
      list = list_backups (fixture, &paths);
      /* The first import found an empty database: no daily backup. */
      if (i == 1)
        g_assert_cmpuint (paths->len, ==, 1);
      newest = g_strdup (g_ptr_array_index (paths, 0));
      g_assert_true (g_str_has_suffix (newest, ".db"));
      g_assert_nonnull (strstr (newest, "-before-import"));
      g_ptr_array_add (taken, g_steal_pointer (&newest));
    }

  g_clear_pointer (&list, g_free);
  list = list_backups (fixture, &kept);
  g_assert_cmpuint (kept->len, ==, 11);
  for (guint j = 0, k = 11; j < kept->len; j++)
    {
      const char *path = g_ptr_array_index (kept, j);
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *daily = g_strdup_printf ("%s-2026-11-30-daily.db", stem);

      if (g_str_equal (name, daily))
        {
          n_daily++;
          continue;
        }
      /* Newest first: imports 12 down to 3. */
      g_assert_cmpstr (path, ==, g_ptr_array_index (taken, k));
      k--;
    }
  g_assert_cmpuint (n_daily, ==, 1);
  g_assert_false (g_file_test (g_ptr_array_index (taken, 0), G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (g_ptr_array_index (taken, 1), G_FILE_TEST_EXISTS));
}

/* Nine days on which the command line writes: seven daily backups. */
static void
test_cli_backups_daily (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *list = NULL;

  write_file (fixture, "orgs.csv", "name,kind\nCouncil,statutory\n");
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "init"), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "organisations", "orgs.csv"), ==, 0);
  for (int day = 1; day <= 9; day++)
    {
      g_autofree char *today = g_strdup_printf ("2026-11-%02d", day);
      const char * const env[] = { "COMMISSIONER_TODAY", today, NULL };

      g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, NULL, "--database", fixture->db,
                                        "init", NULL), ==, 0);
      /* Reading does not count. */
      g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, NULL, "--database", fixture->db,
                                        "summary", "--year", "2010", NULL), ==, 0);
    }

  list = list_backups (fixture, NULL);
  {
    g_auto(GStrv) names = g_strsplit (list, ",", -1);
    g_autoptr(GString) dailies = g_string_new (NULL);

    for (guint i = 0; names[i] != NULL; i++)
      if (g_str_has_suffix (names[i], "-daily.db"))
        g_string_append_printf (dailies, "%s%s", dailies->len > 0 ? "," : "", names[i]);
    g_assert_cmpstr (dailies->str, ==,
                     "2026-11-09-daily.db,2026-11-08-daily.db,2026-11-07-daily.db,2026-11-06-daily.db,"
                     "2026-11-05-daily.db,2026-11-04-daily.db,2026-11-03-daily.db");
  }
}

/* With nowhere to put the backup, nothing is imported. */
static void
test_cli_backups_folder_unwritable (Fixture       *fixture,
                                    gconstpointer  data)
{
  const char * const env[] = { "XDG_DATA_HOME", "/dev/null", NULL };
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  write_file (fixture, "orgs.csv", "name,kind\nCouncil,statutory\n");
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "init"), ==, 0);
  before = snapshot (fixture);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, &err, "--database", fixture->db,
                                    "import", "organisations", "orgs.csv", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "Could not create the backup folder “/dev/null/commissioner/backups”: Not a directory\n");
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);
}

/* Upgrading an older database backs it up first and says where. */
static void
test_cli_init_upgrade (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *list = NULL;
  g_autofree char *folder = cm_backups_get_folder ();
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *expected = NULL;

  {
    g_autoptr(CmDb) old = cm_db_open_at_version (fixture->db, 1, &error);

    g_assert_no_error (error);
    g_assert_true (cm_db_exec (old, "INSERT INTO organisations (name, kind) VALUES ('Council', 'statutory')", &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (run_cli (fixture, &out, NULL, "init"), ==, 0);
  list = list_backups (fixture, &paths);
  /* The upgrade's backup; the daily one follows it. */
  g_assert_cmpuint (paths->len, ==, 2);
  g_assert_nonnull (strstr (list, "-before-upgrade.db"));
  for (guint i = 0; i < paths->len; i++)
    if (g_str_has_suffix (g_ptr_array_index (paths, i), "-before-upgrade.db"))
      expected = g_strdup_printf ("The previous version was backed up to %s\n", (char *) g_ptr_array_index (paths, i));
  g_assert_nonnull (expected);
  g_assert_true (g_str_has_prefix (expected + strlen ("The previous version was backed up to "), folder));
  g_assert_true (g_str_has_suffix (out, expected));

  {
    g_autofree char *old_name = g_strconcat (fixture->db, ".v1.bak", NULL);

    g_assert_false (g_file_test (old_name, G_FILE_TEST_EXISTS));
  }
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

  g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, NULL, "init", NULL), ==, 0);
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
  expected = g_strdup_printf ("“%s” is not a Commissioner database: it is a text file, perhaps a CSV file to import, not a database\n", fixture->db);
  g_assert_cmpstr (err, ==, expected);
  g_assert_true (g_file_get_contents (fixture->db, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "name,kind\n");
}

/* retention sets the period and erases what is older: learner L1 was
 * added today, which in 2099 is far more than a year ago. */
static void
test_cli_retention (Fixture       *fixture,
                    gconstpointer  data)
{
  const char * const env[] = { "COMMISSIONER_TODAY", "2099-01-01", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  write_file (fixture, "orgs.csv", "name,kind\nCouncil,statutory\n");
  write_file (fixture, "learners.csv", "ref,organisation,staff_group,name,email\nL1,Council,,Ann Ash,ann@example.org\nL2,Council,,,\n");
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "init"), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "organisations", "orgs.csv"), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "learners", "learners.csv"), ==, 0);

  /* Off until chosen. */
  g_assert_cmpint (cm_test_run_cli (fixture->dir, env, &out, NULL, "--database", fixture->db, "retention", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Learners’ personal details are kept until erased by hand\nErased the personal details of 0 learners\n");
  g_clear_pointer (&out, g_free);

  /* A period not offered is a usage error; nothing changes. */
  g_assert_cmpint (cm_test_run_cli (fixture->dir, env, &out, &err, "--database", fixture->db, "retention", "--years", "4", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "commissioner-cli: --years must be 0, 1, 2, 3 or 6, not 4\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM learners WHERE name IS NOT NULL"), ==, 1);

  g_assert_cmpint (cm_test_run_cli (fixture->dir, env, &out, NULL, "--database", fixture->db, "retention", "--years", "1", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Learners’ personal details are erased 1 year after their last booking\nErased the personal details of 1 learner\n");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM learners WHERE name IS NOT NULL OR email IS NOT NULL"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM learners"), ==, 2);
}

/* Each kind of bad file: exit 1 with what is wrong, the file exactly as
 * it was, and no journal, -wal or -shm left beside it. */
static void
test_cli_bad_files (Fixture       *fixture,
                    gconstpointer  data)
{
  for (CmTestBadFile kind = 0; kind < CM_TEST_BAD_N_KINDS; kind++)
    {
      g_autofree char *path = cm_test_write_bad_file (fixture->dir, kind);
      g_autofree char *before = cm_test_fingerprint (path);
      g_autofree char *after = NULL;
      g_autofree char *message = cm_test_bad_file_message (kind, path);
      g_autofree char *expected = g_strconcat (message, "\n", NULL);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, &out, &err, "--database", path,
                                        "summary", "--year", "2010", NULL), ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, ==, expected);

      after = cm_test_fingerprint (path);
      g_assert_cmpstr (after, ==, before);
      cm_test_assert_no_side_files (path);
    }
}

/* A fingerprint of the requirement lines, in key order. */
static char *
snapshot_requirements (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = cm_db_open (fixture->db, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = cm_db_prepare (db,
                        "SELECT count(*) || '|' || coalesce(group_concat(year || ':' || half || ':'"
                        " || staff_group_id || ':' || competency_id || ':' || coverage_bp || ':'"
                        " || compliant || ':' || expiring || ':' || evidence, ';'), '')"
                        "  FROM (SELECT * FROM requirements ORDER BY year, half, staff_group_id, competency_id)",
                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* One requirement line recomputed from the raw tables, independently of
 * the core: the formula of docs/figures.md, "Training needs analysis",
 * written out again. */
typedef struct
{
  char   *staff_group;
  char   *competency;
  gint64  capacity;
  gint64  required;
  gint64  still;
  gint64  needed;
  double  priority;
  gboolean seen;
} ExpectedLine;

static void
expected_line_free (ExpectedLine *line)
{
  g_free (line->staff_group);
  g_free (line->competency);
  g_free (line);
}

static GPtrArray *
expected_lines (Fixture *fixture,
                int      year,
                int      half)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = cm_db_open (fixture->db, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) expected_line_free);

  g_assert_no_error (error);
  stmt = cm_db_prepare (db,
                        "SELECT g.name, c.code, g.headcount, r.coverage_bp, g.turnover_bp,"
                        "       r.compliant, r.expiring, c.mandatory, c.risk, c.strategic, r.evidence,"
                        "       c.capacity"
                        "  FROM requirements r"
                        "  JOIN staff_groups g ON g.id = r.staff_group_id"
                        "  JOIN competencies c ON c.id = r.competency_id"
                        " WHERE r.year = ?1 AND r.half = ?2",
                        &error);
  g_assert_no_error (error);
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, half);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ExpectedLine *line = g_new0 (ExpectedLine, 1);
      gint64 headcount = sqlite3_column_int64 (stmt, 2);
      gint64 coverage = sqlite3_column_int64 (stmt, 3);
      gint64 turnover = sqlite3_column_int64 (stmt, 4);
      gint64 compliant = sqlite3_column_int64 (stmt, 5);
      gint64 expiring = sqlite3_column_int64 (stmt, 6);
      int mandatory = sqlite3_column_int (stmt, 7);
      int risk = sqlite3_column_int (stmt, 8);
      int strategic = sqlite3_column_int (stmt, 9);
      int evidence = sqlite3_column_int (stmt, 10);
      /* leavers = floor (compliant * turnover% / 100 * 6 / 12 + 1/2) */
      gint64 leavers = (2 * compliant * turnover * 6 + 10000 * 12) / (2 * 10000 * 12);

      line->staff_group = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      line->competency = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      line->capacity = sqlite3_column_int64 (stmt, 11);
      line->required = headcount * coverage / 10000 + (headcount * coverage % 10000 != 0 ? 1 : 0);
      line->still = compliant - expiring - leavers;
      if (line->still < 0)
        line->still = 0;
      line->needed = line->required - line->still;
      if (line->needed < 0)
        line->needed = 0;
      line->priority = 30.0 * mandatory + 25.0 * risk / 3.0 + 15.0 * strategic / 2.0 + 10.0 * evidence / 2.0;
      if (line->required > 0)
        line->priority += 20.0 * MIN (1.0, (double) line->needed / (double) line->required);
      g_ptr_array_add (lines, line);
    }

  return lines;
}

/* Flattens `needs --json` with Python's json module into tab-separated
 * rows, "L" for lines and "C" for competencies; NULL if there is no Python. */
static char **
flatten_needs_json (Fixture    *fixture,
                    const char *json)
{
  static const char script[] =
    "import json, sys\n"
    "d = json.load(open(sys.argv[1], encoding='utf-8'))\n"
    "assert sorted(d) == ['competencies', 'lines'], sorted(d)\n"
    "for l in d['lines']:\n"
    "    assert sorted(l) == ['competency', 'needed', 'priority', 'required', 'staff_group', 'still'], sorted(l)\n"
    "    assert all(isinstance(l[k], int) for k in ('required', 'still', 'needed'))\n"
    "    assert isinstance(l['priority'], (int, float))\n"
    "    print('L', l['staff_group'], l['competency'], l['required'], l['still'], l['needed'], repr(float(l['priority'])), sep='\\t')\n"
    "for c in d['competencies']:\n"
    "    assert sorted(c) == ['code', 'places_needed', 'priority', 'suggested_events'], sorted(c)\n"
    "    print('C', c['code'], c['places_needed'], repr(float(c['priority'])), c['suggested_events'], sep='\\t')\n";
  g_autofree char *path = g_build_filename (fixture->dir, "needs.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  int wait_status = 0;

  if (!g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE))
    return NULL;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  g_spawn_sync (fixture->dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("needs --json is not the expected JSON: %s", err);

  return g_strsplit (out, "\n", -1);
}

static void
test_cli_needs_json (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) rows = NULL;
  guint n_lines = 0;
  guint n_competencies = 0;
  double previous = G_MAXDOUBLE;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "needs", "--year", "2010", "--half", "1", "--json"), ==, 0);
  g_assert_true (g_str_has_prefix (out, "{\"lines\":[{\"staff_group\":\""));

  rows = flatten_needs_json (fixture, out);
  if (rows == NULL)
    {
      g_test_skip ("needs /usr/bin/python3 to read JSON");
      return;
    }

  expected = expected_lines (fixture, 2010, 1);
  g_assert_cmpuint (expected->len, >=, 33);

  /* Σ needed and the capacity per competency, for the second part. */
  for (guint i = 0; i < expected->len; i++)
    {
      ExpectedLine *line = g_ptr_array_index (expected, i);
      gint64 *sum = g_hash_table_lookup (places, line->competency);

      if (sum == NULL)
        {
          sum = g_new0 (gint64, 3);
          g_hash_table_insert (places, g_strdup (line->competency), sum);
        }
      sum[0] += line->needed;
      sum[1] = line->capacity;
      sum[2] = MAX (sum[2], (gint64) (line->priority * 1000000.0 + 0.5));
    }

  for (guint r = 0; rows[r] != NULL; r++)
    {
      g_auto(GStrv) fields = NULL;

      if (rows[r][0] == '\0')
        continue;

      fields = g_strsplit (rows[r], "\t", -1);
      if (g_str_equal (fields[0], "L"))
        {
          ExpectedLine *match = NULL;
          double priority;

          g_assert_cmpuint (g_strv_length (fields), ==, 7);
          for (guint i = 0; i < expected->len; i++)
            {
              ExpectedLine *line = g_ptr_array_index (expected, i);

              if (g_str_equal (line->staff_group, fields[1]) && g_str_equal (line->competency, fields[2]))
                match = line;
            }
          g_assert_nonnull (match);
          g_assert_false (match->seen);
          match->seen = TRUE;

          g_assert_cmpint (g_ascii_strtoll (fields[3], NULL, 10), ==, match->required);
          g_assert_cmpint (g_ascii_strtoll (fields[4], NULL, 10), ==, match->still);
          g_assert_cmpint (g_ascii_strtoll (fields[5], NULL, 10), ==, match->needed);
          /* Two decimals, rounded. */
          priority = g_ascii_strtod (fields[6], NULL);
          g_assert_cmpfloat_with_epsilon (priority, match->priority, 0.005 + 1e-9);
          /* Highest priority first. */
          g_assert_cmpfloat (priority, <=, previous);
          previous = priority;
          n_lines++;
        }
      else
        {
          gint64 *sum;

          g_assert_cmpstr (fields[0], ==, "C");
          g_assert_cmpuint (g_strv_length (fields), ==, 5);
          sum = g_hash_table_lookup (places, fields[1]);
          g_assert_nonnull (sum);
          g_assert_cmpint (g_ascii_strtoll (fields[2], NULL, 10), ==, sum[0]);
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fields[3], NULL), sum[2] / 1000000.0, 0.005 + 1e-6);
          g_assert_cmpint (g_ascii_strtoll (fields[4], NULL, 10), ==, (sum[0] + sum[1] - 1) / sum[1]);
          n_competencies++;
        }
    }

  g_assert_cmpuint (n_lines, ==, expected->len);
  g_assert_cmpuint (n_competencies, ==, g_hash_table_size (places));

  /* The same figures in a table by default. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "needs", "--year", "2010", "--half", "1"), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Training needs for 2010/11 H1 (priority weights 30,25,15,10,20)\n"));
  g_assert_nonnull (strstr (out, "Nursery practitioners, PVI settings"));
  g_assert_nonnull (strstr (out, "Indicative cost"));

  /* A cycle that does not exist is not made up, nor created by asking. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (fixture, &out, &err, "needs", "--year", "2012", "--half", "1"), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "There is no cycle 2012/13 H1 in this database"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, &out, &err, "needs", "--json", "--half", "2", "--year", "2012"), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "There is no cycle 2012/13 H2 in this database"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "needs", "--year", "2012", "--half", "1"), ==, 1);

  /* Created, it has no lines yet. */
  db = cm_db_open (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_true (cm_needs_ensure_cycle (db, 2012, 1, &error));
  g_assert_no_error (error);
  g_clear_object (&db);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "needs", "--year", "2012", "--half", "1"), ==, 0);
  g_assert_cmpstr (out, ==, "No requirement lines for 2012/13 H1\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "needs", "--json", "--half", "1", "--year", "2012"), ==, 0);
  g_assert_cmpstr (out, ==, "{\"lines\":[],\"competencies\":[]}\n");
}

static void
test_cli_needs_usage (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const cases[][6] = {
    { "needs", NULL },
    { "needs", "--year", "2010", NULL },
    { "needs", "--half", "1", NULL },
    { "needs", "--year", "twenty", "--half", "1" },
    { "needs", "--year", "2010", "--half", "3" },
    { "needs", "--year", "10", "--half", "1" },
    { "needs", "--year", "2010", "--half", "1", "extra" },
    { "needs", "--year", "2010", "--half", "1", "--csv" },
    { "copy-cycle", NULL },
    { "copy-cycle", "--year", "2010", NULL },
    { "copy-cycle", "--year", "2010", "--half", "0" },
    { "copy-cycle", "--year", "2010", "--half", "1", "--json" },
    { "close-cycle", NULL },
    { "close-cycle", "--year", "2010", NULL },
    { "close-cycle", "--year", "2010", "--half", "3" },
    { "close-cycle", "--year", "2010", "--half", "1", "--json" },
    { "reopen-cycle", "--half", "1", NULL },
    { "reopen-cycle", "--year", "2010", "--half", "1", "extra" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      int status = run_cli (fixture, NULL, &err, cases[i][0], cases[i][1], cases[i][2],
                            cases[i][3], cases[i][4], cases[i][5]);

      g_test_message ("case %u: %s", i, err);
      g_assert_cmpint (status, ==, 2);
      g_assert_true (g_str_has_prefix (err, "commissioner-cli: "));
    }

  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
test_cli_copy_cycle (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected_out = NULL;
  g_autoptr(GPtrArray) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n_source;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  n_source = count_rows (fixture, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 2");
  g_assert_cmpint (n_source, >, 0);

  /* 2010 H2 already has lines: bad data, nothing written. */
  before = snapshot_requirements (fixture);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "copy-cycle", "--year", "2010", "--half", "2"), ==, 1);
  g_assert_true (g_str_has_prefix (err, "2010/11 H2 already has "));
  after = snapshot_requirements (fixture);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (run_cli (fixture, &out, NULL, "copy-cycle", "--year", "2011", "--half", "1"), ==, 0);
  expected_out = g_strdup_printf ("Copied %d requirement lines from 2010/11 H2 into 2011/12 H1\n", (int) n_source);
  g_assert_cmpstr (out, ==, expected_out);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM requirements WHERE year = 2011 AND half = 1"), ==, n_source);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM requirements WHERE year = 2011 AND half = 1 AND expiring <> 0"), ==, 0);

  /* compliant = still(2010 H2) + attended(2010 H2), line by line. */
  source = expected_lines (fixture, 2010, 2);
  db = cm_db_open (fixture->db, &error);
  g_assert_no_error (error);
  stmt = cm_db_prepare (db,
                        "SELECT r.compliant,"
                        "       (SELECT count(DISTINCT b.learner_id) FROM bookings b"
                        "          JOIN learners l ON l.id = b.learner_id"
                        "          JOIN events e ON e.id = b.event_id"
                        "          JOIN commissions m ON m.id = e.commission_id"
                        "         WHERE b.status = 'attended' AND l.staff_group_id = g.id"
                        "           AND m.competency_id = c.id"
                        "           AND e.date >= '2010-10-01' AND e.date <= '2011-03-31')"
                        "  FROM requirements r"
                        "  JOIN staff_groups g ON g.id = r.staff_group_id"
                        "  JOIN competencies c ON c.id = r.competency_id"
                        " WHERE r.year = 2011 AND r.half = 1 AND g.name = ?1 AND c.code = ?2",
                        &error);
  g_assert_no_error (error);
  for (guint i = 0; i < source->len; i++)
    {
      ExpectedLine *line = g_ptr_array_index (source, i);

      sqlite3_bind_text (stmt, 1, line->staff_group, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, line->competency, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, line->still + sqlite3_column_int64 (stmt, 1));
      sqlite3_reset (stmt);
    }

  /* Nothing in 2011 H2 to copy into 2012 H1. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "copy-cycle", "--year", "2012", "--half", "1"), ==, 1);
  g_assert_cmpstr (err, ==, "2011/12 H2 has no requirement lines to copy into 2012/13 H1\n");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM requirements WHERE year = 2012"), ==, 0);
}

/* Cycle sign-off (docs/figures.md, "Cycle sign-off"), worked by hand:
 * T-ONE is mandatory, risk 3, strategic 2, 20 places an event. */
static const char sign_off_h1[] =
  "{\"lines\":[{\"staff_group\":\"Social workers\",\"competency\":\"T-ONE\",\"required\":40,\"still\":14,\"needed\":26,\"priority\":93},"
  "{\"staff_group\":\"Nursery staff\",\"competency\":\"T-ONE\",\"required\":30,\"still\":7,\"needed\":23,\"priority\":90.33}],"
  "\"competencies\":[{\"code\":\"T-ONE\",\"places_needed\":49,\"priority\":93,\"suggested_events\":3}]}\n";

static void
test_cli_sign_off (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const fixed_day[] = { "COMMISSIONER_TODAY", "2010-11-15", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *h1 = NULL;
  g_autofree char *h2 = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  CmNeedsWeights gap_only = { 0, 0, 0, 0, 100 };

  write_file (fixture, "organisations.csv", "name,kind\nCouncil,statutory\nLittle Nursery,private\n");
  write_file (fixture, "groups.csv",
              "name,organisation,sector,headcount,turnover_percent\n"
              "Social workers,Council,social-care,40,11\n"
              "Nursery staff,Little Nursery,early-years,30,18\n");
  write_file (fixture, "competencies.csv",
              "code,name,category,mandatory,refresh_months,risk,strategic,days,capacity\n"
              "T-ONE,Test one,safeguarding,yes,36,3,2,2,20\n");
  write_file (fixture, "requirements.csv",
              "year,half,staff_group,competency,coverage_percent,compliant,expiring,evidence\n"
              "2010,1,Social workers,T-ONE,100,20,5,2\n"
              "2010,1,Nursery staff,T-ONE,100,10,2,1\n"
              "2010,2,Social workers,T-ONE,50,10,0,0\n");
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "init"), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "organisations", "organisations.csv"), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "staff-groups", "groups.csv"), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "competencies", "competencies.csv"), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "requirements", "requirements.csv"), ==, 0);

  /* H1: Social workers 40 required, 20*0.11/2 = 1.1 -> 1 leaver, still
   * 14, needed 26, priority 30+25+15+10+20*26/40 = 93; Nursery staff 30
   * required, 10*0.18/2 = 0.9 -> 1 leaver, still 7, needed 23, priority
   * 30+25+15+5+20*23/30 = 90.33; 49 places, ceil (49/20) = 3 events. */
  g_assert_cmpint (run_cli (fixture, &h1, NULL, "needs", "--year", "2010", "--half", "1", "--json"), ==, 0);
  g_assert_cmpstr (h1, ==, sign_off_h1);

  g_assert_cmpint (cm_test_run_cli (fixture->dir, fixed_day, &out, NULL, "--database", fixture->db,
                               "close-cycle", "--year", "2010", "--half", "1", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Signed off 2010/11 H1 on 2010-11-15: its figures no longer follow the workforce or the weights\n");

  /* The workforce and the weights change. */
  write_file (fixture, "groups-2.csv",
              "name,organisation,sector,headcount,turnover_percent\n"
              "Social workers,Council,social-care,60,20\n"
              "Nursery staff,Little Nursery,early-years,10,18\n");
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "staff-groups", "groups-2.csv"), ==, 0);
  db = cm_db_open (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_true (cm_needs_weights_save (db, &gap_only, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  /* H1 is unchanged, byte for byte. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "needs", "--year", "2010", "--half", "1", "--json"), ==, 0);
  g_assert_cmpstr (out, ==, sign_off_h1);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "needs", "--year", "2010", "--half", "1"), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Training needs for 2010/11 H1 (signed off on 2010-11-15, priority weights 30,25,15,10,20)\n"));

  /* The open H2 follows: 60*50% = 30 required, 10*0.20/2 = 1 leaver,
   * still 9, needed 21, gap only 100*21/30 = 70, ceil (21/20) = 2. */
  g_assert_cmpint (run_cli (fixture, &h2, NULL, "needs", "--year", "2010", "--half", "2", "--json"), ==, 0);
  g_assert_cmpstr (h2, ==,
                   "{\"lines\":[{\"staff_group\":\"Social workers\",\"competency\":\"T-ONE\",\"required\":30,\"still\":9,\"needed\":21,\"priority\":70}],"
                   "\"competencies\":[{\"code\":\"T-ONE\",\"places_needed\":21,\"priority\":70,\"suggested_events\":2}]}\n");

  /* Writes to H1 are bad data and change nothing. */
  before = snapshot_requirements (fixture);
  write_file (fixture, "more.csv",
              "year,half,staff_group,competency,coverage_percent,compliant,expiring,evidence\n"
              "2010,2,Nursery staff,T-ONE,100,0,0,0\n"
              "2010,1,Social workers,T-ONE,50,20,5,2\n");
  g_assert_cmpint (run_cli (fixture, NULL, &err, "import", "requirements", "more.csv"), ==, 1);
  g_assert_nonnull (strstr (err, "more.csv:3: column 'half': 2010/11 H1 is signed off; reopen it to change it"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "close-cycle", "--year", "2010", "--half", "1"), ==, 1);
  g_assert_cmpstr (err, ==, "2010/11 H1 is already signed off (on 2010-11-15)\n");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "close-cycle", "--year", "2015", "--half", "2"), ==, 1);
  g_assert_cmpstr (err, ==, "There is no cycle 2015/16 H2: it has not been created\n");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "reopen-cycle", "--year", "2010", "--half", "2"), ==, 1);
  g_assert_cmpstr (err, ==, "2010/11 H2 is not signed off: there is nothing to reopen\n");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "reopen-cycle", "--year", "2015", "--half", "1"), ==, 1);
  g_assert_cmpstr (err, ==, "There is no cycle 2015/16 H1: it has not been created\n");
  after = snapshot_requirements (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM cycles WHERE year = 2015"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM cycles WHERE closed_on IS NOT NULL"), ==, 1);

  /* Reopened, H1 follows the live workforce and weights: Social workers
   * 60 required, 20*0.20/2 = 2 leavers, still 13, needed 47, priority
   * 100*47/60 = 78.33; Nursery staff 10 required, still 7, needed 3,
   * priority 30; 50 places, 3 events. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "reopen-cycle", "--year", "2010", "--half", "1"), ==, 0);
  g_assert_cmpstr (out, ==, "Reopened 2010/11 H1: its figures follow the workforce and the weights again\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "needs", "--year", "2010", "--half", "1", "--json"), ==, 0);
  g_assert_cmpstr (out, ==,
                   "{\"lines\":[{\"staff_group\":\"Social workers\",\"competency\":\"T-ONE\",\"required\":60,\"still\":13,\"needed\":47,\"priority\":78.33},"
                   "{\"staff_group\":\"Nursery staff\",\"competency\":\"T-ONE\",\"required\":10,\"still\":7,\"needed\":3,\"priority\":30}],"
                   "\"competencies\":[{\"code\":\"T-ONE\",\"places_needed\":50,\"priority\":78.33,\"suggested_events\":3}]}\n");

  /* And takes writes again. */
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "requirements", "more.csv"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT coverage_bp FROM requirements r JOIN staff_groups g ON g.id = r.staff_group_id"
                                        " WHERE r.year = 2010 AND r.half = 1 AND g.name = 'Social workers'"), ==, 5000);
}

/* Recomputes `summary --json` from the raw tables with its own
 * arithmetic (Python's exact integers and fractions), checking the keys
 * and their order as docs/figures.md, "Where the figures are shown",
 * lists them, that the totals are the sums
 * of the rows and that every transaction's parts add up to it. Prints
 * what differs and fails. */
static const char budget_check_script[] =
  "import json, sqlite3, sys\n"
  "from collections import OrderedDict\n"
  "from fractions import Fraction\n"
  "from math import floor\n"
  "db, path, year = sys.argv[1], sys.argv[2], int(sys.argv[3])\n"
  "doc = json.load(open(path, encoding='utf-8'), object_pairs_hook=OrderedDict)\n"
  "money = ['allocation_pence', 'proposed_pence', 'committed_pence', 'actual_pence',\n"
  "         'forecast_pence', 'variance_pence', 'available_pence']\n"
  "assert list(doc) == ['year', 'streams', 'totals', 'unallocated_pence'], list(doc)\n"
  "assert doc['year'] == year\n"
  "for row in doc['streams']:\n"
  "    assert list(row) == ['code', 'funder'] + money + ['planned_pvi_percent'], list(row)\n"
  "    assert all(type(row[k]) is int for k in money)\n"
  "    assert type(row['planned_pvi_percent']) in (int, float)\n"
  "assert list(doc['totals']) == money, list(doc['totals'])\n"
  "for k in money:\n"
  "    assert doc['totals'][k] == sum(r[k] for r in doc['streams']), k\n"
  "con = sqlite3.connect(db)\n"
  "start, end = '%d-04-01' % year, '%d-03-31' % (year + 1)\n"
  "streams = {}\n"
  "for sid, code, funder, y, alloc in con.execute('SELECT id, code, funder, year, allocation_pence FROM streams'):\n"
  "    streams[sid] = dict(code=code, funder=funder, year=y, allocation=alloc)\n"
  "comms = {}\n"
  "for cid, status, e, hd, pl, fee, venue, cost, mat, pvi in con.execute(\n"
  "        'SELECT id, status, events, half_days, places, fee_per_event_pence, venue_per_day_pence,'\n"
  "        ' cost_per_place_pence, materials_per_place_pence, pvi_places FROM commissions'):\n"
  "    half_pence = 2 * e * fee + e * venue * hd + 2 * e * pl * (cost + mat)\n"
  "    comms[cid] = dict(status=status, planned=(half_pence + 1) // 2, places=pl, pvi=pvi, splits={})\n"
  "for cid, sid, bp, amount in con.execute('SELECT commission_id, stream_id, percent_bp, amount_pence FROM splits'):\n"
  "    c = comms[cid]\n"
  "    c['splits'][sid] = amount if bp is None else (c['planned'] * bp + 5000) // 10000\n"
  "def attribute(amount, cid, sid):\n"
  "    if sid is not None:\n"
  "        return {sid: amount}\n"
  "    c = comms.get(cid)\n"
  "    total = sum(c['splits'].values()) if c else 0\n"
  "    if total == 0:\n"
  "        return {None: amount}\n"
  "    parts, order = {}, []\n"
  "    for s, w in c['splits'].items():\n"
  "        q, r = divmod(abs(amount) * w, total)\n"
  "        parts[s] = q\n"
  "        order.append((-r, streams[s]['code'], s))\n"
  "    for _, _, s in sorted(order)[:abs(amount) - sum(parts.values())]:\n"
  "        parts[s] += 1\n"
  "    return {s: (-v if amount < 0 else v) for s, v in parts.items()}\n"
  "rows = {sid: dict(actual=0, by_c={}, nocomm=0) for sid, s in streams.items() if s['year'] == year}\n"
  "unallocated = 0\n"
  "for tid, date, amount, cid, sid in con.execute('SELECT id, date, amount_pence, commission_id, stream_id FROM transactions'):\n"
  "    parts = attribute(amount, cid, sid)\n"
  "    assert sum(parts.values()) == amount, tid\n"
  "    for s, v in parts.items():\n"
  "        if s is None:\n"
  "            if start <= date <= end:\n"
  "                unallocated += v\n"
  "        elif s in rows:\n"
  "            rows[s]['actual'] += v\n"
  "            if cid is None:\n"
  "                rows[s]['nocomm'] += v\n"
  "            else:\n"
  "                rows[s]['by_c'][cid] = rows[s]['by_c'].get(cid, 0) + v\n"
  "expected = []\n"
  "for sid in sorted(rows, key=lambda s: streams[s]['code']):\n"
  "    r, alloc = rows[sid], streams[sid]['allocation']\n"
  "    proposed = committed = den = 0\n"
  "    num = Fraction(0)\n"
  "    forecast = r['nocomm']\n"
  "    for cid in set(r['by_c']) | {c for c, v in comms.items() if sid in v['splits']}:\n"
  "        c = comms[cid]\n"
  "        split, actual = c['splits'].get(sid), r['by_c'].get(cid, 0)\n"
  "        if split is not None and c['status'] == 'proposed':\n"
  "            proposed += split\n"
  "        if split is not None and c['status'] in ('approved', 'contracted', 'delivered'):\n"
  "            committed += split\n"
  "            den += split\n"
  "            if c['places'] > 0:\n"
  "                num += Fraction(split * c['pvi'], c['places'])\n"
  "        if c['status'] in ('approved', 'contracted'):\n"
  "            forecast += max(split or 0, actual)\n"
  "        else:\n"
  "            forecast += actual\n"
  "    bp = 0 if den == 0 else floor(num * 10000 / den + Fraction(1, 2))\n"
  "    expected.append([streams[sid]['code'], streams[sid]['funder'], alloc, proposed, committed,\n"
  "                     r['actual'], forecast, alloc - forecast, alloc - forecast - proposed, bp / 100])\n"
  "got = [[row['code'], row['funder']] + [row[k] for k in money] + [row['planned_pvi_percent']] for row in doc['streams']]\n"
  "ok = True\n"
  "for e, g in zip(expected, got):\n"
  "    if e != g:\n"
  "        print('expected', e, file=sys.stderr)\n"
  "        print('got     ', g, file=sys.stderr)\n"
  "        ok = False\n"
  "if len(expected) != len(got) or doc['unallocated_pence'] != unallocated:\n"
  "    print('rows', len(expected), len(got), 'unallocated', unallocated, doc['unallocated_pence'], file=sys.stderr)\n"
  "    ok = False\n"
  "print(len(got))\n"
  "sys.exit(0 if ok else 1)\n";

static void
test_cli_summary_json (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *py_out = NULL;
  g_autofree char *py_err = NULL;
  g_autofree char *json_path = g_build_filename (fixture->dir, "summary.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *argv[] = { "/usr/bin/python3", "-c", budget_check_script, fixture->db, json_path, "2010", NULL };
  guint n_transactions = 0;
  int wait_status = 0;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "summary", "--year", "2010", "--json"), ==, 0);
  g_assert_true (g_str_has_prefix (out, "{\"year\":2010,\"streams\":[{\"code\":\"CORE\",\"funder\":\"Core\",\"allocation_pence\":4200000,"));
  g_assert_true (g_str_has_suffix (out, "}\n"));

  if (g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE))
    {
      g_assert_true (g_file_set_contents (json_path, out, -1, NULL));
      g_spawn_sync (fixture->dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                    &py_out, &py_err, &wait_status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (wait_status, NULL))
        g_error ("summary --json differs from the figures recomputed from the tables:\n%s", py_err);
      /* The nine 2010/11 streams of the example data. */
      g_assert_cmpstr (py_out, ==, "9\n");
    }
  else
    g_test_message ("no /usr/bin/python3: figures not recomputed");

  /* Σ attributed parts of every transaction = its amount; in the example
   * every transaction is of 2010/11 or charged to one of its streams. */
  db = cm_db_open (fixture->db, &error);
  g_assert_no_error (error);
  parts = cm_budget_list_parts (db, 2010, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < parts->len; i++)
    {
      const CmBudgetPart *part = g_ptr_array_index (parts, i);
      gint64 *sum = g_hash_table_lookup (sums, &part->transaction_id);

      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (sums, g_memdup2 (&part->transaction_id, sizeof (gint64)), sum);
        }
      *sum += part->amount_pence;
    }

  stmt = cm_db_prepare (db, "SELECT id, amount_pence FROM transactions", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 *sum = g_hash_table_lookup (sums, &id);

      g_assert_nonnull (sum);
      g_assert_cmpint (*sum, ==, sqlite3_column_int64 (stmt, 1));
      n_transactions++;
    }
  g_assert_cmpuint (n_transactions, >=, 20);
  g_assert_cmpuint (g_hash_table_size (sums), ==, n_transactions);
}

static void
test_cli_summary_table (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *empty = NULL;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "summary", "--year", "2010"), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Budget summary for 2010/11\n"));
  g_assert_nonnull (strstr (out, "DH-WDG       DH        £240,000.00"));
  g_assert_nonnull (strstr (out, "\nTotal "));
  g_assert_nonnull (strstr (out, "Unallocated spend: £480.00\n"));

  g_assert_cmpint (run_cli (fixture, &empty, NULL, "summary", "--year", "2015"), ==, 0);
  g_assert_cmpstr (empty, ==, "No funding streams for 2015/16\n");

  g_assert_cmpint (run_cli (fixture, NULL, &err, "summary"), ==, 2);
  g_assert_nonnull (strstr (err, "--year YYYY is required"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "summary", "--year", "2010", "extra"), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "warnings", "--year", "99"), ==, 2);
}

static void
test_cli_warnings_json (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const kinds[] = {
    "over-committed", "over-proposed", "ineligible-split", "pvi-share-below-minimum",
    "unfunded", "over-funded", "underspend-risk", "spend-outside-stream-year",
    "unallocated-spend",
  };
  /* An empty COMMISSIONER_TODAY means the real date: years after 2011. */
  const char * const real_today[] = { "COMMISSIONER_TODAY", "", NULL };
  const char * const june_2010[] = { "COMMISSIONER_TODAY", "2010-06-01", NULL };
  const char * const bad_today[] = { "COMMISSIONER_TODAY", "yesterday", NULL };
  g_autofree char *out = NULL;
  g_autofree char *early = NULL;
  g_autofree char *table = NULL;
  g_autofree char *err = NULL;
  g_autofree char *help = NULL;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, real_today, &out, NULL, "--database", fixture->db,
                               "warnings", "--year", "2010", "--json", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "{\"warnings\":[{\"kind\":\"over-committed\",\"subject\":\"CWDC-YOUTH\",\"message\":\""));
  g_assert_true (g_str_has_suffix (out, "\"}]}\n"));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *needle = g_strdup_printf ("{\"kind\":\"%s\",\"subject\":\"", kinds[i]);

      if (strstr (out, needle) == NULL)
        g_error ("warnings --json on the example data has no %s warning:\n%s", kinds[i], out);
    }

  g_assert_nonnull (strstr (out, "{\"kind\":\"underspend-risk\",\"subject\":\"CWDC-STEPUP\","));
  g_assert_nonnull (strstr (out, "{\"kind\":\"unallocated-spend\",\"subject\":\"INV-4007\","));
  g_assert_nonnull (strstr (out, "{\"kind\":\"spend-outside-stream-year\",\"subject\":\"INV-1012\","));

  /* A fixed date makes the report reproducible: in June 2010 nothing is
   * near its spend-by date yet. */
  g_assert_cmpint (cm_test_run_cli (fixture->dir, june_2010, &early, NULL, "--database", fixture->db,
                               "warnings", "--year", "2010", "--json", NULL), ==, 0);
  g_assert_null (strstr (early, "underspend-risk"));
  g_assert_nonnull (strstr (early, "pvi-share-below-minimum"));

  g_assert_cmpint (cm_test_run_cli (fixture->dir, june_2010, &table, NULL, "--database", fixture->db,
                               "warnings", "--year", "2010", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (table, "over-committed            CWDC-YOUTH   Forecast spend of £15,200.00 is £200.00 over the allocation of £15,000.00\n"));

  g_assert_cmpint (cm_test_run_cli (fixture->dir, bad_today, NULL, &err, "--database", fixture->db,
                               "warnings", "--year", "2010", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "COMMISSIONER_TODAY"));

  g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, &help, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (help, "COMMISSIONER_TODAY=YYYY-MM-DD"));
  g_assert_nonnull (strstr (help, "summary --year YYYY [--json]"));
}

/* The example data's figures are pinned byte for byte: tests/golden holds
 * the output of the release that first computed them, so a refactoring
 * of the core cannot move a penny or a priority unnoticed. */
/* Spend is keyed on supplier and reference: two suppliers may both send
 * an "INV-1". Re-importing writes nothing; a changed amount or date is
 * listed, by --dry-run before anything is written. */
static void
test_cli_import_spend_identity (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *dry = NULL;
  g_autofree char *applied = NULL;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "init"), ==, 0);
  write_file (fixture, "spend.csv",
              "date,amount,supplier,reference,kind\n"
              "2010-05-04,1200.00,Acme Training Ltd,INV-1,invoice\n"
              "2010-05-06,450.50,Safe Start CIC,INV-1,invoice\n"
              "2010-06-01,-50.00,Acme Training Ltd,CN-7,credit\n");
  g_assert_cmpint (run_cli (fixture, &out, NULL, "import", "spend", "spend.csv"), ==, 0);
  g_assert_cmpstr (out, ==, "spend.csv: imported 3 rows of spend (3 new, 0 updated, 0 unchanged)\n");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM transactions WHERE reference = 'INV-1'"), ==, 2);
  g_assert_cmpint (count_rows (fixture, "SELECT sum(amount_pence) FROM transactions"), ==, 160050);

  /* The same file again: nothing written. Case and spaces do not make a
   * new supplier. */
  write_file (fixture, "again.csv",
              "date,amount,supplier,reference,kind\n"
              "2010-05-04,1200.00,Acme Training Ltd,INV-1,invoice\n"
              "2010-05-06,450.50,Safe Start CIC,INV-1,invoice\n"
              "2010-06-01,-50.00,Acme Training Ltd,CN-7,credit\n");
  g_assert_cmpint (run_cli (fixture, &again, NULL, "import", "spend", "again.csv"), ==, 0);
  g_assert_cmpstr (again, ==, "again.csv: imported 3 rows of spend (0 new, 0 updated, 3 unchanged)\n");

  /* A changed amount and a changed date are listed, first by a dry run
   * that writes nothing. */
  write_file (fixture, "changed.csv",
              "date,amount,supplier,reference,kind\n"
              "2010-05-04,1300.00,ACME TRAINING LTD ,inv-1,invoice\n"
              "2010-05-07,450.50,Safe Start CIC,INV-1,invoice\n");
  g_assert_cmpint (run_cli (fixture, &dry, NULL, "import", "spend", "changed.csv", "--dry-run"), ==, 0);
  g_assert_cmpstr (dry, ==,
                   "changed.csv: 2 rows of spend are valid (0 new, 2 updated, 0 unchanged); nothing was written\n"
                   "  changed.csv: line 2: ACME TRAINING LTD inv-1: amount \302\2431,200.00 \342\206\222 \302\2431,300.00\n"
                   "  changed.csv: line 3: Safe Start CIC INV-1: date 6 May 2010 \342\206\222 7 May 2010\n");
  g_assert_cmpint (count_rows (fixture, "SELECT sum(amount_pence) FROM transactions"), ==, 160050);

  g_assert_cmpint (run_cli (fixture, &applied, NULL, "import", "spend", "changed.csv"), ==, 0);
  g_assert_true (g_str_has_prefix (applied, "changed.csv: imported 2 rows of spend (0 new, 2 updated, 0 unchanged)\n"));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM transactions"), ==, 3);
  g_assert_cmpint (count_rows (fixture, "SELECT sum(amount_pence) FROM transactions"), ==, 170050);

  /* Twice in one file is an error, whatever the case. */
  write_file (fixture, "twice.csv",
              "date,amount,supplier,reference,kind\n"
              "2010-07-01,10.00,Acme Training Ltd,INV-9,invoice\n"
              "2010-07-02,10.00,acme training ltd,INV-9,invoice\n");
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "spend", "twice.csv"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM transactions"), ==, 3);
}

static void
check_golden (const char *file,
              const char *out)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "golden", file, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, expected);
}

/* The example data's figures are pinned byte for byte: tests/golden holds
 * the output of the release that first computed them, so a refactoring
 * of the core cannot move a penny or a priority unnoticed. */
static void
test_cli_golden (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *summary = NULL;
  g_autofree char *needs_1 = NULL;
  g_autofree char *needs_2 = NULL;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  g_assert_cmpint (run_cli (fixture, &summary, NULL, "summary", "--year", "2010", "--json"), ==, 0);
  g_assert_cmpint (run_cli (fixture, &needs_1, NULL, "needs", "--year", "2010", "--half", "1", "--json"), ==, 0);
  g_assert_cmpint (run_cli (fixture, &needs_2, NULL, "needs", "--year", "2010", "--half", "2", "--json"), ==, 0);

  check_golden ("summary-2010.json", summary);
  check_golden ("needs-2010-1.json", needs_1);
  check_golden ("needs-2010-2.json", needs_2);
}

/* Evaluation (docs/figures.md, "Evaluation"). */

static const char * const today_2011_03_31[] = { "COMMISSIONER_TODAY", "2011-03-31", NULL };

/* floor (num × scale / den + 1/2), worked out here on its own. */
static gboolean
half_up (gint64  num,
         gint64  scale,
         gint64  den,
         gint64 *out)
{
  gint64 n = 2 * num * scale + den;
  gint64 d = 2 * den;

  if (den == 0)
    return FALSE;
  *out = n / d - (n % d != 0 && n < 0);
  return TRUE;
}

enum {
  R_EVENTS, R_PLACES, R_BOOKED, R_ATTENDED, R_DNA, R_LATE, R_CANCELLED, R_WAITLIST,
  R_PVI, R_ACTUAL, R_RESPONSES, R_CONTENT, R_TRAINER, R_VENUE, R_RELEVANCE,
  R_BEFORE, R_AFTER, R_CONFIDENT, R_DONE, R_APPLIED, R_OVERDUE, N_RAW
};

static void
append_hundredths (GString    *out,
                   const char *key,
                   gint64      num,
                   gint64      scale,
                   gint64      den)
{
  gint64 value;

  g_string_append_printf (out, ",\"%s\":", key);
  if (!half_up (num, scale, den, &value))
    g_string_append (out, "null");
  else
    {
      g_autofree char *text = cm_budget_format_percent (value);

      g_string_append (out, text);
    }
}

static void
append_expected (GString      *out,
                 const gint64 *r)
{
  gint64 cost;

  g_string_append_printf (out,
                          "\"events\":%" G_GINT64_FORMAT ",\"places\":%" G_GINT64_FORMAT
                          ",\"booked\":%" G_GINT64_FORMAT ",\"attended\":%" G_GINT64_FORMAT
                          ",\"dna\":%" G_GINT64_FORMAT ",\"late_cancel\":%" G_GINT64_FORMAT
                          ",\"cancelled\":%" G_GINT64_FORMAT ",\"waitlist\":%" G_GINT64_FORMAT,
                          r[R_EVENTS], r[R_PLACES], r[R_BOOKED], r[R_ATTENDED], r[R_DNA], r[R_LATE],
                          r[R_CANCELLED], r[R_WAITLIST]);
  append_hundredths (out, "fill_percent", r[R_ATTENDED], 10000, r[R_PLACES]);
  append_hundredths (out, "dna_percent", r[R_DNA] + r[R_LATE], 10000, r[R_ATTENDED] + r[R_DNA] + r[R_LATE]);
  if (half_up (r[R_ACTUAL], 1, r[R_ATTENDED], &cost))
    g_string_append_printf (out, ",\"cost_per_attendee_pence\":%" G_GINT64_FORMAT, cost);
  else
    g_string_append (out, ",\"cost_per_attendee_pence\":null");
  append_hundredths (out, "attended_pvi_percent", r[R_PVI], 10000, r[R_ATTENDED]);
  g_string_append_printf (out, ",\"responses\":%" G_GINT64_FORMAT, r[R_RESPONSES]);
  append_hundredths (out, "content", r[R_CONTENT], 100, r[R_RESPONSES]);
  append_hundredths (out, "trainer", r[R_TRAINER], 100, r[R_RESPONSES]);
  append_hundredths (out, "venue", r[R_VENUE], 100, r[R_RESPONSES]);
  append_hundredths (out, "relevance", r[R_RELEVANCE], 100, r[R_RESPONSES]);
  append_hundredths (out, "confidence_before", r[R_BEFORE], 100, r[R_RESPONSES]);
  append_hundredths (out, "confidence_after", r[R_AFTER], 100, r[R_RESPONSES]);
  append_hundredths (out, "uplift", r[R_AFTER] - r[R_BEFORE], 100, r[R_RESPONSES]);
  append_hundredths (out, "reaching_confident_percent", r[R_CONFIDENT], 10000, r[R_RESPONSES]);
  g_string_append_printf (out, ",\"followups_done\":%" G_GINT64_FORMAT ",\"followups_overdue\":%" G_GINT64_FORMAT,
                          r[R_DONE], r[R_OVERDUE]);
  append_hundredths (out, "applied_average", r[R_APPLIED], 100, r[R_DONE]);
}

/* `evaluation --year 2010 --json` worked out straight from the tables:
 * events dated in 2010/11, follow-ups due 84 days after the event,
 * today 31 Mar 2011. */
static char *
expected_evaluation (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = cm_db_open (fixture->db, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new ("{\"year\":2010,\"half\":null,\"commissions\":[");
  gint64 totals[N_RAW] = { 0 };
  gboolean first = TRUE;
  int rc;

  g_assert_no_error (error);
  stmt = cm_db_prepare (db,
                        "WITH ev AS (SELECT * FROM events WHERE date >= '2010-04-01' AND date <= '2011-03-31'),"
                        " bk AS (SELECT b.*, e.commission_id, e.date, o.kind FROM bookings b JOIN ev e ON e.id = b.event_id"
                        "         JOIN learners l ON l.id = b.learner_id JOIN organisations o ON o.id = l.organisation_id),"
                        " fb AS (SELECT f.*, e.commission_id FROM feedback f JOIN ev e ON e.id = f.event_id),"
                        " fu AS (SELECT u.*, e.commission_id FROM followups u JOIN ev e ON e.id = u.event_id)"
                        "SELECT m.code,"
                        " (SELECT count(*) FROM ev WHERE commission_id = m.id),"
                        " (SELECT sum(places) FROM ev WHERE commission_id = m.id),"
                        " (SELECT count(*) FROM bk WHERE commission_id = m.id AND status = 'booked'),"
                        " (SELECT count(*) FROM bk WHERE commission_id = m.id AND status = 'attended'),"
                        " (SELECT count(*) FROM bk WHERE commission_id = m.id AND status = 'dna'),"
                        " (SELECT count(*) FROM bk WHERE commission_id = m.id AND status = 'late-cancel'),"
                        " (SELECT count(*) FROM bk WHERE commission_id = m.id AND status = 'cancelled'),"
                        " (SELECT count(*) FROM bk WHERE commission_id = m.id AND status = 'waitlist'),"
                        " (SELECT count(*) FROM bk WHERE commission_id = m.id AND status = 'attended'"
                        "     AND kind IN ('private', 'voluntary', 'independent')),"
                        " (SELECT coalesce (sum(amount_pence), 0) FROM transactions WHERE commission_id = m.id),"
                        " (SELECT count(*) FROM fb WHERE commission_id = m.id),"
                        " (SELECT coalesce (sum(content), 0) FROM fb WHERE commission_id = m.id),"
                        " (SELECT coalesce (sum(trainer), 0) FROM fb WHERE commission_id = m.id),"
                        " (SELECT coalesce (sum(venue), 0) FROM fb WHERE commission_id = m.id),"
                        " (SELECT coalesce (sum(relevance), 0) FROM fb WHERE commission_id = m.id),"
                        " (SELECT coalesce (sum(confidence_before), 0) FROM fb WHERE commission_id = m.id),"
                        " (SELECT coalesce (sum(confidence_after), 0) FROM fb WHERE commission_id = m.id),"
                        " (SELECT count(*) FROM fb WHERE commission_id = m.id AND confidence_after >= 4),"
                        " (SELECT count(*) FROM fu WHERE commission_id = m.id),"
                        " (SELECT coalesce (sum(applied), 0) FROM fu WHERE commission_id = m.id),"
                        " (SELECT count(*) FROM bk WHERE commission_id = m.id AND status = 'attended'"
                        "     AND julianday ('2011-03-31') - julianday (date) > 84"
                        "     AND NOT EXISTS (SELECT 1 FROM followups u WHERE u.event_id = bk.event_id"
                        "                       AND u.learner_id = bk.learner_id))"
                        " FROM commissions m WHERE m.id IN (SELECT commission_id FROM ev) ORDER BY m.code",
                        &error);
  g_assert_no_error (error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 r[N_RAW];

      for (int i = 0; i < N_RAW; i++)
        {
          r[i] = sqlite3_column_int64 (stmt, i + 1);
          totals[i] += r[i];
        }
      g_string_append_printf (out, "%s{\"code\":\"%s\",", first ? "" : ",", sqlite3_column_text (stmt, 0));
      append_expected (out, r);
      g_string_append_c (out, '}');
      first = FALSE;
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);

  g_string_append (out, "],\"totals\":{");
  append_expected (out, totals);
  g_string_append (out, "}}\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_cli_evaluation_json (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *half = NULL;
  g_autofree char *table = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, today_2011_03_31, &out, NULL,
                               "--database", fixture->db, "evaluation", "--year", "2010", "--json", NULL), ==, 0);
  expected = expected_evaluation (fixture);
  g_assert_cmpstr (out, ==, expected);

  /* The example data has what the figures are for. */
  g_assert_nonnull (strstr (out, "\"code\":\"LSCB-B-H1\""));
  g_assert_null (strstr (out, "\"waitlist\":0}"));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM learners"), >=, 550);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM bookings WHERE status = 'waitlist'"), >, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM feedback WHERE learner_id IS NULL"), >, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(DISTINCT o.kind) FROM learners l JOIN organisations o ON o.id = l.organisation_id"), ==, 7);

  g_assert_cmpint (cm_test_run_cli (fixture->dir, today_2011_03_31, &half, NULL,
                               "--database", fixture->db, "evaluation", "--year", "2010", "--half", "1", "--json", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (half, "{\"year\":2010,\"half\":1,\"commissions\":[{\"code\":\"CORE-COMM\""));
  g_assert_null (strstr (half, "IW-CAF-H2"));

  g_assert_cmpint (cm_test_run_cli (fixture->dir, today_2011_03_31, &table, NULL,
                               "--database", fixture->db, "evaluation", "--year", "2010", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (table, "Evaluation for 2010/11\n\nCommission     Events Places Attended"));

  /* A year without events: no rows and null rates. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, today_2011_03_31, &out, NULL,
                               "--database", fixture->db, "evaluation", "--year", "2012", "--json", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "{\"year\":2012,\"half\":null,\"commissions\":[],\"totals\":{\"events\":0,"));
  g_assert_nonnull (strstr (out, "\"fill_percent\":null"));

  g_assert_cmpint (run_cli (fixture, NULL, &err, "evaluation", "--year", "2010", "--half", "3"), ==, 2);
}

static gint64
line_compliant (const char *db_path,
                gint64      staff_group_id,
                gint64      competency_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = cm_db_open (db_path, &error);
  g_autofree char *sql = g_strdup_printf ("SELECT compliant FROM requirements WHERE year = 2010 AND half = 2"
                                          " AND staff_group_id = %" G_GINT64_FORMAT
                                          " AND competency_id = %" G_GINT64_FORMAT,
                                          staff_group_id, competency_id);
  gint64 value = -1;

  g_assert_no_error (error);
  g_assert_true (cm_db_query_int64 (db, sql, &value, &error));
  return value;
}

/* Attendance in 2010/11 H1 closes the cycle: copied into H2, a line's
 * compliant grows by exactly the learners who attended; DNA and
 * cancelled bookings add nothing. */
static void
test_cli_copy_cycle_attendance (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "b.db", NULL);
  g_autofree char *needs_a = NULL;
  g_autofree char *needs_b = NULL;
  g_autoptr(GError) error = NULL;
  gint64 staff_group_id;
  gint64 competency_id;
  gint64 attended;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  {
    g_autoptr(CmDb) db = cm_db_open (fixture->db, &error);
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_no_error (error);
    g_assert_true (cm_db_exec (db, "DELETE FROM requirements WHERE year = 2010 AND half = 2", &error));
    /* The H1 line with the most learners who attended. */
    stmt = cm_db_prepare (db,
                          "SELECT r.staff_group_id, r.competency_id, count(DISTINCT b.learner_id) AS n"
                          "  FROM requirements r"
                          "  JOIN learners l ON l.staff_group_id = r.staff_group_id"
                          "  JOIN bookings b ON b.learner_id = l.id AND b.status = 'attended'"
                          "  JOIN events e ON e.id = b.event_id AND e.date BETWEEN '2010-04-01' AND '2010-09-30'"
                          "  JOIN commissions m ON m.id = e.commission_id AND m.competency_id = r.competency_id"
                          " WHERE r.year = 2010 AND r.half = 1"
                          " GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 1",
                          &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    staff_group_id = sqlite3_column_int64 (stmt, 0);
    competency_id = sqlite3_column_int64 (stmt, 1);
    attended = sqlite3_column_int64 (stmt, 2);
  }
  g_assert_cmpint (attended, >, 2);

  /* b.db: the same, but those learners did not come or cancelled. */
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "backup", other), ==, 0);
  {
    g_autoptr(CmDb) db = cm_db_open (other, &error);
    g_autofree char *sql = NULL;

    g_assert_no_error (error);
    sql = g_strdup_printf ("UPDATE bookings SET status = CASE WHEN learner_id %% 2 = 0 THEN 'dna' ELSE 'cancelled' END"
                           " WHERE status = 'attended' AND rowid IN (SELECT b.rowid"
                           "   FROM bookings b JOIN learners l ON l.id = b.learner_id JOIN events e ON e.id = b.event_id"
                           "   JOIN commissions m ON m.id = e.commission_id"
                           "  WHERE l.staff_group_id = %" G_GINT64_FORMAT " AND m.competency_id = %" G_GINT64_FORMAT
                           "    AND e.date BETWEEN '2010-04-01' AND '2010-09-30')",
                           staff_group_id, competency_id);
    g_assert_true (cm_db_exec (db, sql, &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "copy-cycle", "--year", "2010", "--half", "2"), ==, 0);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, NULL, NULL, "--database", other,
                               "copy-cycle", "--year", "2010", "--half", "2", NULL), ==, 0);

  g_assert_cmpint (line_compliant (fixture->db, staff_group_id, competency_id) -
                   line_compliant (other, staff_group_id, competency_id), ==, attended);

  /* Only that line moves in the needs. */
  g_assert_cmpint (run_cli (fixture, &needs_a, NULL, "needs", "--year", "2010", "--half", "2", "--json"), ==, 0);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, &needs_b, NULL, "--database", other,
                               "needs", "--year", "2010", "--half", "2", "--json", NULL), ==, 0);
  g_assert_cmpstr (needs_a, !=, needs_b);
}

/* What a refused import of evaluation data must leave alone. */
static char *
snapshot_evaluation (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = cm_db_open (fixture->db, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = cm_db_prepare (db,
                        "SELECT (SELECT count(*) || ':' || total (places) FROM events) || '|' ||"
                        "       (SELECT count(*) FROM learners) || '|' ||"
                        "       (SELECT group_concat (event_id || status, ',') FROM bookings) || '|' ||"
                        "       (SELECT total (content + 10 * confidence_after) || ':' || count(*) FROM feedback) || '|' ||"
                        "       (SELECT count(*) || ':' || total (amount_pence) FROM transactions)",
                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
test_cli_import_evaluation (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  before = snapshot_evaluation (fixture);

  /* A booking for a learner nobody knows, among good rows. */
  write_file (fixture, "bookings.csv",
              "event,learner,status\n"
              "LSCB-A-H1-E1,WL0001,attended\n"
              "LSCB-A-H1-E1,NOBODY,attended\n");
  g_assert_cmpint (run_cli (fixture, NULL, &err, "import", "bookings", "bookings.csv"), ==, 1);
  g_assert_true (g_str_has_prefix (err, "bookings.csv:3: column 'learner': "));
  g_assert_nonnull (strstr (err, "NOBODY"));
  g_clear_pointer (&err, g_free);

  /* Feedback with a rating of 6. */
  write_file (fixture, "feedback.csv",
              "event,learner,content,trainer,venue,relevance,confidence_before,confidence_after\n"
              "LSCB-A-H1-E1,,4,4,4,4,2,4\n"
              "LSCB-A-H1-E1,,4,6,4,4,2,4\n");
  g_assert_cmpint (run_cli (fixture, NULL, &err, "import", "feedback", "feedback.csv"), ==, 1);
  g_assert_true (g_str_has_prefix (err, "feedback.csv:3: column 'trainer': "));
  g_clear_pointer (&err, g_free);

  after = snapshot_evaluation (fixture);
  g_assert_cmpstr (before, ==, after);

  /* Good files: an event, a learner, their booking, feedback and
   * follow-up; again, all unchanged but the new anonymous form. */
  write_file (fixture, "events.csv", "code,commission,date,venue,places\nLSCB-A-H2-X,LSCB-A-H2,2011-03-22,Council House,2\n");
  write_file (fixture, "learners.csv",
              "ref,organisation,staff_group,name,email\n"
              "NEW-1,Little Acorns Day Nurseries Ltd,\"Nursery practitioners, PVI settings\",,\n"
              "NEW-2,Westminster Children's Society,,Sam,sam@example.org\n");
  write_file (fixture, "bookings.csv", "event,learner,status\nLSCB-A-H2-X,NEW-1,attended\nLSCB-A-H2-X,NEW-2,dna\n");
  write_file (fixture, "feedback.csv",
              "event,learner,content,trainer,venue,relevance,confidence_before,confidence_after\n"
              "LSCB-A-H2-X,NEW-1,5,5,4,5,2,4\n"
              "LSCB-A-H2-X,,3,4,4,4,3,3\n");
  write_file (fixture, "followups.csv", "event,learner,date,applied,comment\nLSCB-A-H2-X,NEW-1,2011-06-20,2,\n");
  for (int round = 0; round < 2; round++)
    {
      const char *kinds[] = { "events", "learners", "bookings", "feedback", "followups" };

      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        {
          g_autofree char *file = g_strdup_printf ("%s.csv", kinds[i]);

          g_clear_pointer (&out, g_free);
          g_assert_cmpint (run_cli (fixture, &out, NULL, "import", kinds[i], file), ==, 0);
          if (round == 1 && !g_str_equal (kinds[i], "feedback"))
            g_assert_cmpstr (strstr (out, "(0 new, 0 updated,") ? "unchanged" : out, ==, "unchanged");
        }
    }
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM feedback f JOIN events e ON e.id = f.event_id"
                                        " WHERE e.code = 'LSCB-A-H2-X'"), ==, 3);
  /* NEW-2's DNA (voluntary, a half-day event) is charged £50.00, once. */
  g_assert_cmpint (count_rows (fixture, "SELECT sum(amount_pence) FROM transactions"
                                        " WHERE reference = 'DNA-LSCB-A-H2-X-NEW-2'"), ==, -5000);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM transactions WHERE reference LIKE 'DNA-LSCB-A-H2-X-%'"), ==, 1);
}

/* Erasing a learner changes no figure. */
static void
test_cli_erase_learner (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *evaluation_before = NULL;
  g_autofree char *evaluation_after = NULL;
  g_autofree char *summary_before = NULL;
  g_autofree char *summary_after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 learner_id;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  /* A learner with a DNA charge, feedback and a follow-up. */
  learner_id = count_rows (fixture,
                           "SELECT min(l.id) FROM learners l"
                           " WHERE EXISTS (SELECT 1 FROM bookings b JOIN transactions t"
                           "                 ON t.reference = 'DNA-' || (SELECT code FROM events WHERE id = b.event_id)"
                           "                    || '-' || l.ref"
                           "                WHERE b.learner_id = l.id)"
                           "   AND EXISTS (SELECT 1 FROM feedback WHERE learner_id = l.id)"
                           "   AND EXISTS (SELECT 1 FROM followups WHERE learner_id = l.id)");
  g_assert_cmpint (learner_id, >, 0);

  g_assert_cmpint (cm_test_run_cli (fixture->dir, today_2011_03_31, &evaluation_before, NULL,
                               "--database", fixture->db, "evaluation", "--year", "2010", "--json", NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, &summary_before, NULL, "summary", "--year", "2010", "--json"), ==, 0);

  {
    g_autoptr(CmDb) db = cm_db_open (fixture->db, &error);

    g_assert_no_error (error);
    g_assert_true (cm_db_exec (db, "UPDATE learners SET name = 'Jo Bloggs', email = 'jo@example.org'", &error));
    g_assert_true (cm_evaluation_erase_learner (db, learner_id, &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM learners WHERE name IS NULL AND ref LIKE 'erased-%'"), ==, 1);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, today_2011_03_31, &evaluation_after, NULL,
                               "--database", fixture->db, "evaluation", "--year", "2010", "--json", NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, &summary_after, NULL, "summary", "--year", "2010", "--json"), ==, 0);
  g_assert_cmpstr (evaluation_before, ==, evaluation_after);
  g_assert_cmpstr (summary_before, ==, summary_after);
}

/* The same grant keeps its code from year to year: a 2011 stream is
 * imported beside 2010's, copy-streams starts 2011/12 from 2010/11, and
 * spend resolves its stream in the year of its date. */
static void
test_cli_streams_by_year (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *summary_before = NULL;
  g_autofree char *summary_after = NULL;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  g_assert_cmpint (run_cli (fixture, &summary_before, NULL, "summary", "--year", "2010", "--json"), ==, 0);

  write_file (fixture, "dh-2011.csv",
              "code,name,funder,year,allocation,ring_fenced,expiry,min_pvi_percent,return\n"
              "DH-WDG,DH Workforce Development Grant,DH,2011,\"£250,000.00\",yes,2012-03-31,50,dh\n");
  g_assert_cmpint (run_cli (fixture, &out, NULL, "import", "streams", "dh-2011.csv"), ==, 0);
  g_assert_cmpstr (out, ==, "dh-2011.csv: imported 1 rows of streams (1 new, 0 updated, 0 unchanged)\n");
  g_clear_pointer (&out, g_free);

  /* 2010/11 is untouched, to the penny. */
  g_assert_cmpint (count_rows (fixture, "SELECT allocation_pence FROM streams WHERE code = 'DH-WDG' AND year = 2010"),
                   ==, 24000000);
  g_assert_cmpint (count_rows (fixture, "SELECT allocation_pence FROM streams WHERE code = 'DH-WDG' AND year = 2011"),
                   ==, 25000000);
  g_assert_cmpint (run_cli (fixture, &summary_after, NULL, "summary", "--year", "2010", "--json"), ==, 0);
  g_assert_cmpstr (summary_after, ==, summary_before);

  g_assert_cmpint (run_cli (fixture, &out, &err, "copy-streams", "--from", "2010", "--to", "2011"), ==, 0);
  g_assert_cmpstr (out, ==, "Copied 8 streams from 2010/11 to 2011/12 with allocations of £0.00; 1 already existed: DH-WDG\n");
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM streams WHERE year = 2011"), ==, 9);
  g_assert_cmpint (count_rows (fixture, "SELECT sum (allocation_pence) FROM streams WHERE year = 2011"), ==, 25000000);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM streams WHERE year = 2011 AND allocation_pence = 0"), ==, 8);

  /* Again: nothing left to copy. */
  g_assert_cmpint (run_cli (fixture, &out, NULL, "copy-streams", "--from", "2010", "--to", "2011"), ==, 0);
  g_assert_cmpstr (out, ==, "Copied 0 streams from 2010/11 to 2011/12 with allocations of £0.00; 9 already existed: "
                            "CORE, CWDC-IW, CWDC-NQSW, CWDC-STEPUP, CWDC-SWP, CWDC-WSPP, CWDC-YOUTH, DH-WDG, LSCB\n");
  g_clear_pointer (&out, g_free);

  /* Spend dated 31 March is 2010/11's, 1 April 2011/12's. */
  write_file (fixture, "spend.csv",
              "date,amount,stream,supplier,reference,kind\n"
              "2011-03-31,10.00,DH-WDG,Middlesex University,YE-1,invoice\n"
              "2011-04-01,20.00,DH-WDG,Middlesex University,YE-2,invoice\n");
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", "spend", "spend.csv"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT s.year FROM transactions t JOIN streams s ON s.id = t.stream_id"
                                        " WHERE t.reference = 'YE-1'"), ==, 2010);
  g_assert_cmpint (count_rows (fixture, "SELECT s.year FROM transactions t JOIN streams s ON s.id = t.stream_id"
                                        " WHERE t.reference = 'YE-2'"), ==, 2011);

  /* A code the year does not have: exit 1, the line named, nothing written. */
  write_file (fixture, "bad-spend.csv",
              "date,amount,stream,supplier,reference,kind\n"
              "2012-04-01,20.00,DH-WDG,Middlesex University,YE-3,invoice\n");
  g_assert_cmpint (run_cli (fixture, NULL, &err, "import", "spend", "bad-spend.csv"), ==, 1);
  g_assert_cmpstr (err, ==, "bad-spend.csv:2: column 'stream': no stream “DH-WDG” in 2012/13, the year of the date 2012-04-01\n");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM transactions WHERE reference = 'YE-3'"), ==, 0);
}

static void
test_cli_copy_streams_errors (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char * const usage[][5] = {
    { "copy-streams", NULL },
    { "copy-streams", "--from", "2010", NULL },
    { "copy-streams", "--to", "2011", NULL },
    { "copy-streams", "--from", "10", "--to" },
    { "copy-streams", "--from", "twenty", NULL },
    { "copy-streams", "--from", "2010", "--to", "99999" },
  };
  g_autofree char *err = NULL;
  g_autofree char *help = NULL;

  g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, &help, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (help, "\n  copy-streams --from YYYY --to YYYY     Start a year’s streams from another’s, "
                                  "with allocations of £0.00\n"));

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_autofree char *message = NULL;

      g_assert_cmpint (run_cli (fixture, NULL, &message, usage[i][0], usage[i][1], usage[i][2], usage[i][3], usage[i][4]),
                       ==, 2);
      g_assert_true (g_str_has_prefix (message, "commissioner-cli: "));
    }
  g_assert_cmpint (run_cli (fixture, NULL, &err, "copy-streams", "--from", "2010", "--to", "2011", "extra"), ==, 2);
  g_assert_cmpstr (err, ==, "commissioner-cli: copy-streams: unexpected argument “extra”\n"
                            "Try “commissioner-cli --help” for more information.\n");
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "copy-streams", "--from", "2010", "--to", "2010"), ==, 1);
  g_assert_cmpstr (err, ==, "The streams of 2010/11 cannot be copied into the same year\n");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "copy-streams", "--from", "2011", "--to", "2012"), ==, 1);
  g_assert_cmpstr (err, ==, "There are no funding streams in 2011/12 to copy\n");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM streams"), ==, 9);
}

/* what-if: bad options are usage errors (2) that open nothing; a stream
 * the year does not have is bad data (1); neither writes anything. */
static void
test_cli_what_if_errors (Fixture       *fixture,
                         gconstpointer  data)
{
  static const struct {
    const char *args[3];
    const char *message;
  } usage[] = {
    { { "--cut", "DH-WDG=abc" }, "--cut DH-WDG=abc: “abc” is not a percentage such as 11, 12.5 or 11% (at most two decimals)" },
    { { "--cut", "DH-WDG=120" }, "--cut DH-WDG=120: “120” must be a percentage from 0 to 100" },
    { { "--cut", "DH-WDG=-1" }, "--cut DH-WDG=-1: “-1” is not a percentage such as 11, 12.5 or 11% (at most two decimals)" },
    { { "--cut", "DH-WDG=12.345" }, "--cut DH-WDG=12.345: “12.345” is not a percentage such as 11, 12.5 or 11% (at most two decimals)" },
    { { "--cut", "DH-WDG" }, "--cut needs STREAM=PERCENT, not “DH-WDG”" },
    { { "--allocation", "=5" }, "--allocation needs STREAM=AMOUNT, not “=5”" },
    { { "--allocation", "DH-WDG=-5" }, "--allocation DH-WDG=-5: “-5” must be an amount from £0.00 to £1,000,000,000.00" },
    { { "--allocation", "DH-WDG=lots" }, "--allocation DH-WDG=lots: “lots” is not an amount of money" },
    { { "--withdraw", "LSCB=5" }, "--withdraw needs a STREAM code, not “LSCB=5”" },
    { { "--cut", "LSCB=10", "--withdraw" }, "Missing argument for --withdraw" },
  };
  g_autofree char *help = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, &help, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (help, "\n  what-if --year YYYY [--cut STREAM=PERCENT]… [--allocation STREAM=AMOUNT]… "
                                  "[--withdraw STREAM]… [--scenario NAME] [--json] Re-plan the year by priority under grant cuts; writes nothing\n"));

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_autofree char *message = NULL;
      g_autofree char *expected = g_strdup_printf ("commissioner-cli: %s\nTry “commissioner-cli --help” for more information.\n",
                                                   usage[i].message);

      g_assert_cmpint (run_cli (fixture, NULL, &message, "what-if", "--year", "2010",
                                usage[i].args[0], usage[i].args[1], usage[i].args[2]), ==, 2);
      g_assert_cmpstr (message, ==, expected);
    }
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "what-if", "--year", "2010", "--cut", "DH-WDG=10",
                            "--withdraw", "DH-WDG"), ==, 2);
  g_assert_cmpstr (err, ==, "commissioner-cli: --withdraw: stream DH-WDG is already changed; give one --cut, "
                            "--allocation or --withdraw for each stream\n"
                            "Try “commissioner-cli --help” for more information.\n");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "what-if", "--cut", "DH-WDG=10"), ==, 2);
  g_assert_cmpstr (err, ==, "commissioner-cli: what-if: --year YYYY is required\n"
                            "Try “commissioner-cli --help” for more information.\n");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, &out, &err, "what-if", "--year", "2010", "--cut", "DH-WDG=20",
                            "--withdraw", "NQSW"), ==, 1);
  g_assert_cmpstr (err, ==, "There is no funding stream “NQSW” in 2010/11\n");
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  /* Money as a CSV file writes it; a percentage with its sign. */
  g_assert_cmpint (run_cli (fixture, &out, NULL, "what-if", "--year", "2010", "--allocation", "CORE=£1,000.00",
                            "--cut", "LSCB=12.5%", "--json"), ==, 0);
  g_assert_true (g_str_has_prefix (out, "{\"year\":2010,\"streams\":[{\"code\":\"CORE\",\"allocation_pence\":100000,"));
  g_assert_nonnull (strstr (out, "{\"code\":\"LSCB\",\"allocation_pence\":5250000,"));
  g_clear_pointer (&out, g_free);

  /* The board note. */
  g_assert_cmpint (run_cli (fixture, &out, NULL, "what-if", "--year", "2010", "--cut", "DH-WDG=20",
                            "--withdraw", "CWDC-IW"), ==, 0);
  g_assert_true (g_str_has_prefix (out, "What if: 2010/11 re-planned by priority\n"));
  g_assert_nonnull (strstr (out, "\nDH-WDG       cut by 20%      £240,000.00   £192,000.00 "));
  g_assert_nonnull (strstr (out, "\nCWDC-IW      withdrawn        £50,000.00    £38,464.00 "));
  g_assert_nonnull (strstr (out, "\nWhat stops: 7 commissions deferred, £67,080.00 of planned cost; 14 kept.\n"));
  g_assert_nonnull (strstr (out, "\nPlaces left unmet: 264 places\n"));
  g_assert_nonnull (strstr (out, "\nover-committed           CWDC-IW      Forecast spend of £41,752.00 is £3,288.00 over "
                                 "the allocation of £38,464.00\n"));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM commissions WHERE status = 'cancelled'"), ==, 1);
}

/* audit --year: the table and --json exactly, and its usage errors. */
static void
test_cli_audit (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const clerk[] = { "COMMISSIONER_USER", "clerk", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *not_db = g_build_filename (fixture->dir, "notes.db", NULL);

  write_file (fixture, "s1.csv",
              "code,name,funder,year,allocation,ring_fenced,min_pvi_percent,return\n"
              "DH-WDG,DH Workforce Development Grant,DH,2010,1000.00,yes,50,dh\n");
  write_file (fixture, "s2.csv",
              "code,name,funder,year,allocation,ring_fenced,min_pvi_percent,return\n"
              "DH-WDG,DH Workforce Development Grant,DH,2010,\"£1,250.50\",yes,50,dh\n");
  g_assert_cmpint (cm_test_run_cli (fixture->dir, clerk, NULL, NULL, "--database", fixture->db, "init", NULL), ==, 0);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, clerk, NULL, NULL, "--database", fixture->db,
                                    "import", "streams", "s1.csv", NULL), ==, 0);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, clerk, NULL, NULL, "--database", fixture->db,
                                    "import", "streams", "s2.csv", NULL), ==, 0);

  /* Fixed times, so that the output can be compared exactly. */
  db = cm_db_open (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (db, "UPDATE audit SET time = '2010-11-15T09:30:0' || id || 'Z'", &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  g_assert_cmpint (run_cli (fixture, &out, NULL, "audit", "--year", "2010"), ==, 0);
  expected = g_strdup_printf ("%-20s %-12s %-32s %-20s %s\n"
                              "%-20s %-12s %-32s %-20s %s\n"
                              "%-20s %-12s %-32s %-20s %s\n",
                              "Time", "User", "Item", "Field", "Change",
                              "2010-11-15T09:30:02Z", "clerk", "DH-WDG 2010/11", "Allocation", "£1,000.00 → £1,250.50",
                              "2010-11-15T09:30:01Z", "clerk", "DH-WDG 2010/11", "Allocation", "none → £1,000.00");
  g_assert_cmpstr (out, ==, expected);

  g_assert_cmpint (run_cli (fixture, &json, NULL, "audit", "--year", "2010", "--json"), ==, 0);
  g_assert_cmpstr (json, ==,
                   "{\"year\":2010,\"entries\":["
                   "{\"time\":\"2010-11-15T09:30:02Z\",\"user\":\"clerk\",\"kind\":\"stream\",\"item_id\":1,"
                   "\"item\":\"DH-WDG 2010/11\",\"field\":\"allocation\",\"old\":100000,\"new\":125050},"
                   "{\"time\":\"2010-11-15T09:30:01Z\",\"user\":\"clerk\",\"kind\":\"stream\",\"item_id\":1,"
                   "\"item\":\"DH-WDG 2010/11\",\"field\":\"allocation\",\"old\":null,\"new\":100000}]}\n");

  g_assert_cmpint (run_cli (fixture, &empty, NULL, "audit", "--year", "2011"), ==, 0);
  g_assert_cmpstr (empty, ==, "No changes recorded for 2011/12\n");

  /* Usage errors exit 2, a file that is not a database 1; none writes. */
  g_assert_cmpint (run_cli (fixture, NULL, &err, "audit"), ==, 2);
  g_assert_nonnull (strstr (err, "audit: --year YYYY is required"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "audit", "--year", "99"), ==, 2);
  g_assert_nonnull (strstr (err, "--year must be a year from 1900 to 9999, not 99"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, NULL, &err, "audit", "--year", "2010", "extra"), ==, 2);
  g_assert_nonnull (strstr (err, "audit: unexpected argument “extra”"));
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_set_contents (not_db, "just some notes\n", -1, NULL));
  g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, NULL, &err, "--database", not_db,
                                    "audit", "--year", "2010", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "is not a Commissioner database"));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit"), ==, 2);
}

/* what-if --scenario runs a scenario saved in the app: the same JSON as
 * its changes given as options; an unknown name is bad data (1), and
 * --scenario with --cut a usage error (2). */
static void
test_cli_what_if_scenario (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GDate today;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "demo"), ==, 0);
  {
    g_autoptr(CmDb) db = cm_db_open (fixture->db, &error);

    g_assert_no_error (error);
    g_date_clear (&today, 1);
    g_date_set_dmy (&today, 1, G_DATE_JUNE, 2010);
    cm_what_if_scenario_set (scenario, "DH-WDG", CM_WHAT_IF_CUT, 2000);
    cm_what_if_scenario_set (scenario, "CWDC-IW", CM_WHAT_IF_WITHDRAWN, 0);
    g_assert_cmpint (cm_what_if_save_scenario (db, 2010, "DH −20 %, CWDC-IW withdrawn", scenario, &today, &error), >, 0);
    g_assert_no_error (error);
  }

  g_assert_cmpint (run_cli (fixture, &expected, NULL, "what-if", "--year", "2010", "--cut", "DH-WDG=20",
                            "--withdraw", "CWDC-IW", "--json"), ==, 0);
  g_assert_cmpint (run_cli (fixture, &out, NULL, "what-if", "--year", "2010",
                            "--scenario", "DH −20 %, CWDC-IW withdrawn", "--json"), ==, 0);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (fixture, &out, &err, "what-if", "--year", "2011", "--scenario", "DH −20 %, CWDC-IW withdrawn"), ==, 1);
  g_assert_cmpstr (err, ==, "2011/12 has no saved scenario named “DH −20 %, CWDC-IW withdrawn”\n");
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture, NULL, &err, "what-if", "--year", "2010", "--scenario", "X", "--cut", "LSCB=10"), ==, 2);
  g_assert_cmpstr (err, ==, "commissioner-cli: --scenario cannot be given with --cut, --allocation or --withdraw\n"
                            "Try “commissioner-cli --help” for more information.\n");
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
  ADD ("backups/before-import", test_cli_backups_before_import);
  ADD ("backups/daily", test_cli_backups_daily);
  ADD ("backups/folder-unwritable", test_cli_backups_folder_unwritable);
  ADD ("init-upgrade", test_cli_init_upgrade);
  ADD ("default-database", test_cli_default_database);
  ADD ("not-a-database", test_cli_not_a_database);
  ADD ("bad-files", test_cli_bad_files);
  ADD ("retention", test_cli_retention);
  ADD ("needs-json", test_cli_needs_json);
  ADD ("needs-usage", test_cli_needs_usage);
  ADD ("copy-cycle", test_cli_copy_cycle);
  ADD ("sign-off", test_cli_sign_off);
  ADD ("summary-json", test_cli_summary_json);
  ADD ("summary-table", test_cli_summary_table);
  ADD ("warnings-json", test_cli_warnings_json);
  ADD ("golden", test_cli_golden);
  ADD ("import-spend-identity", test_cli_import_spend_identity);
  ADD ("evaluation-json", test_cli_evaluation_json);
  ADD ("copy-cycle-attendance", test_cli_copy_cycle_attendance);
  ADD ("import-evaluation", test_cli_import_evaluation);
  ADD ("erase-learner", test_cli_erase_learner);
  ADD ("streams-by-year", test_cli_streams_by_year);
  ADD ("copy-streams-errors", test_cli_copy_streams_errors);
  ADD ("what-if-errors", test_cli_what_if_errors);
  ADD ("audit", test_cli_audit);
  ADD ("what-if-scenario", test_cli_what_if_scenario);

#undef ADD

  return g_test_run ();
}
