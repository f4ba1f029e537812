/* test-demo.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cm-db-private.h"
#include "cm-catalogue.h"
#include "cm-db.h"
#include "cm-demo.h"
#include "cm-domain.h"

#include "cm-test-util.h"

/* The figures the example data was built to: see cm-demo.c. */
#define N_ORGANISATIONS 22
#define N_STAFF_GROUPS  33
#define TOTAL_HEADCOUNT 1900
#define PVI_HEADCOUNT   456

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

  fixture->dir = g_dir_make_tmp ("cm-test-demo-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "demo.db", NULL);
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
load (CmDb *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_demo_load (db, &error));
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (cm_db_get_handle (db)));
}

static void
assert_refused (CmDb *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cm_demo_load (db, &error));
  g_assert_error (error, CM_DEMO_ERROR, CM_DEMO_ERROR_NOT_EMPTY);
  g_assert_cmpstr (error->message, ==,
                   "The database already holds data; example data can only be loaded into an empty database");
  g_assert_true (sqlite3_get_autocommit (cm_db_get_handle (db)));
}

static void
test_demo_load (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  CmDb *db = fixture->db;

  load (db);

  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM organisations"), ==, N_ORGANISATIONS);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM staff_groups"), ==, N_STAFF_GROUPS);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT sum(headcount) FROM staff_groups"), ==, TOTAL_HEADCOUNT);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM competencies"), ==, cm_catalogue_get_n_entries ());
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM competencies WHERE is_default = 0"), ==, 0);

  /* The example data is user data from now on. */
  {
    g_autoptr(GError) error = NULL;
    gboolean has_data = FALSE;

    g_assert_true (cm_db_has_user_data (db, &has_data, &error));
    g_assert_no_error (error);
    g_assert_true (has_data);
  }
}

static void
test_demo_organisation_kinds (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  static const struct
  {
    const char *kind;
    gint64      organisations;
    gint64      headcount;
  } expected[] = {
    { "statutory",   6, 800 },
    { "health",      4, 265 },
    { "police",      1,  25 },
    { "school",      3, 354 },
    { "private",     2, 250 },
    { "voluntary",   3, 120 },
    { "independent", 3,  86 },
  };
  const char * const *kinds = cm_domain_values (CM_DOMAIN_ORGANISATION_KIND);
  gint64 pvi = 0;

  load (fixture->db);

  g_assert_cmpuint (cm_domain_n_values (CM_DOMAIN_ORGANISATION_KIND), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM organisations WHERE kind = '%s'", kinds[i]);
      g_autofree char *headcount_sql = g_strdup_printf ("SELECT sum(g.headcount) FROM staff_groups g"
                                                        " JOIN organisations o ON o.id = g.organisation_id"
                                                        " WHERE o.kind = '%s'", kinds[i]);
      gint64 headcount = cm_test_query_int64 (fixture->db, headcount_sql);

      g_assert_cmpstr (kinds[i], ==, expected[i].kind);
      g_assert_cmpint (cm_test_query_int64 (fixture->db, count_sql), ==, expected[i].organisations);
      g_assert_cmpint (headcount, ==, expected[i].headcount);

      if (cm_domain_is_pvi (kinds[i]))
        pvi += headcount;
    }

  /* As in the strategy the example data follows: 76% of posts
   * statutory, the rest PVI. */
  g_assert_cmpint (pvi, ==, PVI_HEADCOUNT);
  g_assert_cmpint ((TOTAL_HEADCOUNT - pvi) * 100, ==, 76 * TOTAL_HEADCOUNT);

  /* The organisations the safeguarding programme needs are there by name. */
  g_assert_cmpint (cm_test_query_int64 (fixture->db,
                          "SELECT count(*) FROM organisations WHERE"
                          " (name = 'Westminster Children''s Services' AND kind = 'statutory') OR"
                          " (name = 'NHS Westminster' AND kind = 'health') OR"
                          " (name = 'Metropolitan Police Child Abuse Investigation Team' AND kind = 'police') OR"
                          " (name = 'Westminster Childminding Network' AND kind = 'private')"),
                   ==, 4);
}

static void
test_demo_sectors (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  static const struct
  {
    const char *sector;
    gint64      groups;
    gint64      headcount;
  } expected[] = {
    { "early-years",    5, 400 },
    { "education",      5, 429 },
    { "social-care",    7, 391 },
    { "health",         5, 265 },
    { "youth",          4, 180 },
    { "justice",        2,  55 },
    { "sport-culture",  2,  75 },
    { "family-support", 3, 105 },
  };
  const char * const *sectors = cm_domain_values (CM_DOMAIN_SECTOR);
  gint64 total = 0;

  load (fixture->db);

  g_assert_cmpuint (cm_domain_n_values (CM_DOMAIN_SECTOR), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; sectors[i] != NULL; i++)
    {
      g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM staff_groups WHERE sector = '%s'", sectors[i]);
      g_autofree char *headcount_sql = g_strdup_printf ("SELECT sum(headcount) FROM staff_groups WHERE sector = '%s'", sectors[i]);

      g_assert_cmpstr (sectors[i], ==, expected[i].sector);
      g_assert_cmpint (cm_test_query_int64 (fixture->db, count_sql), ==, expected[i].groups);
      g_assert_cmpint (cm_test_query_int64 (fixture->db, headcount_sql), ==, expected[i].headcount);
      total += expected[i].headcount;
    }

  g_assert_cmpint (total, ==, TOTAL_HEADCOUNT);
}

static void
test_demo_turnover (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  load (fixture->db);

  /* Mostly the strategy's 11%, higher in PVI early years. */
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM staff_groups WHERE turnover_bp = 1100"), ==, 20);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT min(turnover_bp) FROM staff_groups"), ==, 800);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT max(turnover_bp) FROM staff_groups"), ==, 1800);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT sum(headcount * turnover_bp) FROM staff_groups"), ==, 2290000);

  stmt = cm_db_prepare (fixture->db,
                        "SELECT o.name, g.sector, g.headcount, g.turnover_bp"
                        " FROM staff_groups g JOIN organisations o ON o.id = g.organisation_id"
                        " WHERE g.name = 'Nursery practitioners, PVI settings'",
                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Little Acorns Day Nurseries Ltd");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "early-years");
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 150);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1800);
}

static void
test_demo_refuses_second_load (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  CmDb *db = fixture->db;
  gint64 changes;

  load (db);
  changes = sqlite3_total_changes64 (cm_db_get_handle (db));

  assert_refused (db);

  /* Nothing written: not even the catalogue, which is already complete. */
  g_assert_cmpint (sqlite3_total_changes64 (cm_db_get_handle (db)), ==, changes);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM organisations"), ==, N_ORGANISATIONS);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM staff_groups"), ==, N_STAFF_GROUPS);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT sum(headcount) FROM staff_groups"), ==, TOTAL_HEADCOUNT);
}

static void
test_demo_accepts_catalogue_only (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_catalogue_install (fixture->db, &error));
  g_assert_no_error (error);
  /* An edited default competency is still part of the catalogue. */
  g_assert_true (cm_db_exec (fixture->db, "UPDATE competencies SET capacity = 30 WHERE code = 'SG-A'", &error));
  g_assert_no_error (error);

  load (fixture->db);

  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM organisations"), ==, N_ORGANISATIONS);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM competencies"), ==, cm_catalogue_get_n_entries ());
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT capacity FROM competencies WHERE code = 'SG-A'"), ==, 30);
}

/* Moving through the needs wizard on an empty database records its
 * cycle; the example data must still load on top of that. */
static void
test_demo_accepts_wizard_cycle (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_db_exec (fixture->db, "INSERT INTO cycles (year, half, wizard_step) VALUES (2010, 1, 3)", &error));
  g_assert_no_error (error);

  load (fixture->db);

  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM organisations"), ==, N_ORGANISATIONS);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM cycles WHERE year = 2010"), ==, 2);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT wizard_step FROM cycles WHERE year = 2010 AND half = 1"), ==, 3);
}

static void
test_demo_refuses_user_organisation (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_db_exec (fixture->db,
                             "INSERT INTO organisations (name, kind) VALUES ('Queen''s Park Playgroup', 'voluntary')",
                             &error));
  g_assert_no_error (error);

  assert_refused (fixture->db);

  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM organisations"), ==, 1);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM staff_groups"), ==, 0);
  /* The catalogue goes in first, as `init` would do. */
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM competencies"), ==, cm_catalogue_get_n_entries ());
}

static void
test_demo_refuses_user_competency (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_db_exec (fixture->db,
                             "INSERT INTO competencies (code, name, category) VALUES ('X-OWN', 'Own course', 'practice')",
                             &error));
  g_assert_no_error (error);

  assert_refused (fixture->db);

  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM organisations"), ==, 0);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM competencies"), ==, cm_catalogue_get_n_entries () + 1);
}

static void
test_demo_all_or_nothing (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GError) error = NULL;

  /* Fail on the last staff group: the organisations must go too. */
  g_assert_true (cm_db_exec (fixture->db,
                             "CREATE TRIGGER refuse_group BEFORE INSERT ON staff_groups"
                             " WHEN NEW.name = 'Pastoral and boarding staff, independent schools'"
                             " BEGIN SELECT RAISE (ABORT, 'refused'); END;",
                             &error));
  g_assert_no_error (error);

  g_assert_false (cm_demo_load (fixture->db, &error));
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, CM_DEMO_ERROR, CM_DEMO_ERROR_NOT_EMPTY));
  g_assert_true (sqlite3_get_autocommit (cm_db_get_handle (fixture->db)));
  g_clear_error (&error);

  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM organisations"), ==, 0);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM staff_groups"), ==, 0);

  g_assert_true (cm_db_exec (fixture->db, "DROP TRIGGER refuse_group", &error));
  g_assert_no_error (error);
  load (fixture->db);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM staff_groups"), ==, N_STAFF_GROUPS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo/load", test_demo_load);
  g_test_add_func ("/demo/organisation-kinds", test_demo_organisation_kinds);
  g_test_add_func ("/demo/sectors", test_demo_sectors);
  g_test_add_func ("/demo/turnover", test_demo_turnover);
  g_test_add_func ("/demo/refuses-second-load", test_demo_refuses_second_load);
  g_test_add_func ("/demo/accepts-catalogue-only", test_demo_accepts_catalogue_only);
  g_test_add_func ("/demo/accepts-wizard-cycle", test_demo_accepts_wizard_cycle);
  g_test_add_func ("/demo/refuses-user-organisation", test_demo_refuses_user_organisation);
  g_test_add_func ("/demo/refuses-user-competency", test_demo_refuses_user_competency);
  g_test_add_func ("/demo/all-or-nothing", test_demo_all_or_nothing);

  return g_test_run ();
}
