/* test-catalogue.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cm-db-private.h"
#include "cm-catalogue.h"
#include "cm-db.h"
#include "cm-domain.h"

#include "cm-test-util.h"

typedef struct
{
  char *dir;
  CmDb *db;
} Fixture;


static Fixture *
fixture_new (void)
{
  Fixture *fixture = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("cm-test-catalogue-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->db);

  return fixture;
}

static void
fixture_free (Fixture *fixture)
{
  g_clear_object (&fixture->db);
  cm_test_remove_tree (fixture->dir);
  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));
  g_clear_pointer (&fixture->dir, g_free);
  g_free (fixture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)


static void
install (CmDb *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_catalogue_install (db, &error));
  g_assert_no_error (error);
  /* No transaction may be left open behind the caller's back. */
  g_assert_true (sqlite3_get_autocommit (cm_db_get_handle (db)));
}

static void
test_catalogue_count (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_assert_cmpuint (cm_catalogue_get_n_entries (), ==, 54);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM competencies"), ==, 0);

  install (fixture->db);

  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM competencies"), ==, cm_catalogue_get_n_entries ());
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM competencies WHERE is_default = 1"), ==, 54);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(DISTINCT code) FROM competencies"), ==, 54);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(DISTINCT name) FROM competencies"), ==, 54);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM competencies WHERE mandatory = 1"), ==, 14);
}

static void
test_catalogue_categories (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  const char * const *categories = cm_domain_values (CM_DOMAIN_CATEGORY);
  static const struct
  {
    const char *category;
    gint64      count;
  } expected[] = {
    { "safeguarding",        9 },
    { "common-core",         6 },
    { "integrated-working",  8 },
    { "qualification",      13 },
    { "management",         10 },
    { "practice",            8 },
  };

  install (fixture->db);

  g_assert_cmpuint (g_strv_length ((char **) categories), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; categories[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM competencies WHERE category = '%s'",
                                              categories[i]);

      g_assert_cmpstr (categories[i], ==, expected[i].category);
      g_assert_cmpint (cm_test_query_int64 (fixture->db, sql), ==, expected[i].count);
    }

  /* Every Common Core area, and nothing else, in its own category. */
  g_assert_cmpint (cm_test_query_int64 (fixture->db,
                          "SELECT count(*) FROM competencies WHERE category = 'common-core'"
                          " AND code IN ('CC-COMM','CC-DEV','CC-WELF','CC-TRANS','CC-MULTI','CC-INFO')"
                          " AND mandatory = 1 AND refresh_months = 0"),
                   ==, 6);
}

static void
test_catalogue_codes (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GRegex) pattern = g_regex_new ("^(SG|CC|IW|Q|M|P)-[A-Z0-9]+$", 0, 0, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const char * const prefixes[][2] = {
    { "safeguarding",       "SG-" },
    { "common-core",        "CC-" },
    { "integrated-working", "IW-" },
    { "qualification",      "Q-" },
    { "management",         "M-" },
    { "practice",           "P-" },
  };
  guint n_rows = 0;

  g_assert_no_error (error);
  install (fixture->db);

  stmt = cm_db_prepare (fixture->db,
                        "SELECT code, name, category, risk, strategic, half_days, capacity"
                        " FROM competencies ORDER BY id",
                        &error);
  g_assert_no_error (error);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *category = (const char *) sqlite3_column_text (stmt, 2);
      gboolean prefix_matches = FALSE;

      g_assert_true (g_regex_match (pattern, code, 0, NULL));
      g_assert_cmpuint (strlen (code), <=, 10);
      g_assert_true (g_hash_table_add (seen, g_strdup (code)));
      g_assert_cmpuint (strlen (name), >, 5);
      g_assert_true (cm_domain_contains (CM_DOMAIN_CATEGORY, category));

      for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
        if (g_str_equal (category, prefixes[i][0]))
          prefix_matches = g_str_has_prefix (code, prefixes[i][1]);
      g_assert_true (prefix_matches);

      g_assert_cmpint (sqlite3_column_int (stmt, 3), >=, 1);
      g_assert_cmpint (sqlite3_column_int (stmt, 3), <=, 3);
      g_assert_cmpint (sqlite3_column_int (stmt, 4), >=, 0);
      g_assert_cmpint (sqlite3_column_int (stmt, 4), <=, 2);
      g_assert_cmpint (sqlite3_column_int (stmt, 5), >=, 1);
      g_assert_cmpint (sqlite3_column_int (stmt, 6), >=, 12);
      g_assert_cmpint (sqlite3_column_int (stmt, 6), <=, 25);
      n_rows++;
    }

  g_assert_cmpuint (n_rows, ==, cm_catalogue_get_n_entries ());
  g_assert_cmpuint (g_hash_table_size (seen), ==, n_rows);
}

typedef struct
{
  const char *code;
  const char *name;
  const char *category;
  int         mandatory;
  int         refresh_months;
  int         risk;
  int         strategic;
  int         half_days;
  int         capacity;
} Expected;

static void
assert_competency (CmDb           *db,
                   const Expected *expected,
                   int             is_default)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = cm_db_prepare (db,
                        "SELECT name, category, mandatory, refresh_months, risk, strategic,"
                        "       half_days, capacity, is_default"
                        " FROM competencies WHERE code = ?1",
                        &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, expected->code, -1, SQLITE_STATIC);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, expected->name);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, expected->category);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, expected->mandatory);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, expected->refresh_months);
  g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, expected->risk);
  g_assert_cmpint (sqlite3_column_int (stmt, 5), ==, expected->strategic);
  g_assert_cmpint (sqlite3_column_int (stmt, 6), ==, expected->half_days);
  g_assert_cmpint (sqlite3_column_int (stmt, 7), ==, expected->capacity);
  g_assert_cmpint (sqlite3_column_int (stmt, 8), ==, is_default);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static const Expected sg_b = {
  "SG-B", "Safeguarding children Level B: working together across agencies",
  "safeguarding", 1, 36, 3, 2, 4, 20
};

static void
test_catalogue_values (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  static const Expected expected[] = {
    { "SG-A", "Safeguarding children Level A: child protection awareness", "safeguarding", 1, 36, 3, 2, 1, 25 },
    { "SG-CSA", "Child sexual abuse", "safeguarding", 0, 0, 3, 1, 2, 20 },
    { "SG-SAFER", "Safer recruitment", "safeguarding", 1, 60, 3, 1, 2, 20 },
    { "SG-SUPV", "Supervision for managers in child protection", "safeguarding", 0, 0, 3, 2, 4, 16 },
    { "CC-COMM", "Effective communication and engagement with children, young people and families", "common-core", 1, 0, 2, 2, 1, 25 },
    { "CC-INFO", "Information sharing", "common-core", 1, 0, 2, 2, 1, 25 },
    { "IW-CAF", "Common Assessment Framework (CAF and eCAF)", "integrated-working", 0, 0, 2, 2, 2, 20 },
    { "IW-IND", "Children's Trust multi-agency induction", "integrated-working", 1, 0, 1, 2, 2, 25 },
    { "Q-NVQ3", "NVQ/QCF Level 3 Children and Young People's Workforce", "qualification", 1, 0, 2, 2, 24, 12 },
    { "Q-PQ", "Post-qualifying award in social work (PQ)", "qualification", 0, 0, 2, 2, 30, 12 },
    { "Q-EYPS", "Early Years Professional Status (EYPS)", "qualification", 0, 0, 1, 2, 20, 12 },
    { "M-CMI5", "CMI Diploma in Management (Level 5)", "management", 0, 0, 1, 2, 24, 12 },
    { "M-YOUTH", "Youth Workforce Management Development programme", "management", 0, 0, 1, 1, 10, 17 },
    { "P-TRIPLEP", "Triple P Positive Parenting Programme", "practice", 0, 0, 2, 2, 6, 20 },
    { "P-EQUAL", "Equality and diversity", "practice", 1, 36, 1, 1, 1, 25 },
  };

  install (fixture->db);

  assert_competency (fixture->db, &sg_b, 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_competency (fixture->db, &expected[i], 1);

  /* No Level C course: the catalogue only holds courses the local
   * strategies actually commission, and invents none. */
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM competencies WHERE code = 'SG-C'"), ==, 0);
}

static void
test_catalogue_idempotent (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  install (fixture->db);
  install (fixture->db);
  install (fixture->db);

  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM competencies"), ==, 54);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT max(id) FROM competencies"), ==, 54);
  assert_competency (fixture->db, &sg_b, 1);
}

static void
test_catalogue_keeps_user_edits (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GError) error = NULL;
  static const Expected edited = {
    "SG-B", "Level B (two days, Westminster LSCB)", "safeguarding", 0, 24, 2, 1, 3, 30
  };
  static const Expected own = {
    "X-LOCAL", "Local induction walk-round", "practice", 0, 0, 1, 0, 1, 8
  };

  install (fixture->db);

  g_assert_true (cm_db_exec (fixture->db,
                             "UPDATE competencies SET name = 'Level B (two days, Westminster LSCB)',"
                             " mandatory = 0, refresh_months = 24, risk = 2, strategic = 1,"
                             " half_days = 3, capacity = 30 WHERE code = 'SG-B';"
                             "DELETE FROM competencies WHERE code = 'P-HCP';"
                             "INSERT INTO competencies (code, name, category, mandatory, refresh_months,"
                             " risk, strategic, half_days, capacity)"
                             " VALUES ('X-LOCAL', 'Local induction walk-round', 'practice', 0, 0, 1, 0, 1, 8);",
                             &error));
  g_assert_no_error (error);

  install (fixture->db);

  assert_competency (fixture->db, &edited, 1);
  assert_competency (fixture->db, &own, 0);
  /* A deleted default comes back: the catalogue is what every database starts from. */
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM competencies WHERE code = 'P-HCP'"), ==, 1);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM competencies"), ==, 55);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM competencies WHERE is_default = 1"), ==, 54);
}

static void
test_catalogue_rolls_back (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GError) error = NULL;

  /* Make the last entry fail: nothing of the catalogue may be left behind. */
  g_assert_true (cm_db_exec (fixture->db,
                             "CREATE TRIGGER refuse_hcp BEFORE INSERT ON competencies"
                             " WHEN NEW.code = 'P-HCP'"
                             " BEGIN SELECT RAISE (ABORT, 'refused'); END;",
                             &error));
  g_assert_no_error (error);

  g_assert_false (cm_catalogue_install (fixture->db, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "P-HCP"));
  g_assert_true (sqlite3_get_autocommit (cm_db_get_handle (fixture->db)));
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM competencies"), ==, 0);
  g_clear_error (&error);

  g_assert_true (cm_db_exec (fixture->db, "DROP TRIGGER refuse_hcp", &error));
  g_assert_no_error (error);
  install (fixture->db);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM competencies"), ==, 54);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/catalogue/count", test_catalogue_count);
  g_test_add_func ("/catalogue/categories", test_catalogue_categories);
  g_test_add_func ("/catalogue/codes", test_catalogue_codes);
  g_test_add_func ("/catalogue/values", test_catalogue_values);
  g_test_add_func ("/catalogue/idempotent", test_catalogue_idempotent);
  g_test_add_func ("/catalogue/keeps-user-edits", test_catalogue_keeps_user_edits);
  g_test_add_func ("/catalogue/rolls-back", test_catalogue_rolls_back);

  return g_test_run ();
}
