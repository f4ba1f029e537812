/* test-workforce-edit.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cm-db-private.h"
#include "cm-catalogue.h"
#include "cm-context.h"
#include "cm-db.h"
#include "cm-workforce.h"
#include "cm-workforce-edit.h"

typedef struct
{
  char      *dir;
  CmContext *context;
  CmDb      *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("cm-test-workforce-edit-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "edit.db", NULL);
  fixture->context = cm_context_new_for_path (path, &error);
  g_assert_no_error (error);
  fixture->db = cm_context_get_db (fixture->context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_assert_finalize_object (fixture->context);

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gint64
query (Fixture    *fixture,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (cm_db_query_int64 (fixture->db, sql, &value, &error));
  g_assert_no_error (error);
  return value;
}

static gint64
add_organisation (Fixture    *fixture,
                  const char *name,
                  const char *kind)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (cm_workforce_save_organisation (fixture->db, 0, name, kind, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_staff_group (Fixture    *fixture,
                 const char *name,
                 gint64      organisation_id,
                 const char *sector,
                 gint64      headcount)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (cm_workforce_save_staff_group (fixture->db, 0, name, organisation_id, sector,
                                                headcount, 1100, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_organisation_save (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 alpha;
  gint64 id = -1;

  alpha = add_organisation (fixture, "  Alpha Nursery  ", "private");
  add_organisation (fixture, "Beta School", "school");
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM organisations"), ==, 2);
  /* Names are stored trimmed. */
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM organisations WHERE name = 'Alpha Nursery' AND kind = 'private'"), ==, 1);

  /* Update in place: same id, new name and kind. */
  g_assert_true (cm_workforce_save_organisation (fixture->db, alpha, "Alpha Day Nursery", "voluntary", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, alpha);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM organisations WHERE name = 'Alpha Day Nursery' AND kind = 'voluntary'"), ==, 1);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM organisations"), ==, 2);

  /* Keeping its own name is not a duplicate. */
  g_assert_true (cm_workforce_save_organisation (fixture->db, alpha, "Alpha Day Nursery", "private", NULL, &error));
  g_assert_no_error (error);

  g_assert_false (cm_workforce_save_organisation (fixture->db, alpha, "Beta School", "private", NULL, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_DUPLICATE);
  g_clear_error (&error);

  g_assert_false (cm_workforce_save_organisation (fixture->db, 0, "   ", "private", NULL, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (cm_workforce_save_organisation (fixture->db, 0, "Gamma", "PVT", NULL, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (cm_workforce_save_organisation (fixture->db, 9999, "Gamma", "school", NULL, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing the failures tried was written. */
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM organisations"), ==, 2);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM organisations WHERE name = 'Alpha Day Nursery' AND kind = 'private'"), ==, 1);
}

static void
test_organisation_delete (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmStaffGroupBackup) backup = NULL;
  gint64 used = add_organisation (fixture, "Used", "statutory");
  gint64 unused = add_organisation (fixture, "Unused", "health");
  gint64 group = add_staff_group (fixture, "Social workers", used, "social-care", 40);

  g_assert_false (cm_workforce_delete_organisation (fixture->db, used, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_IN_USE);
  g_clear_error (&error);

  g_assert_true (cm_workforce_delete_organisation (fixture->db, unused, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM organisations"), ==, 1);

  g_assert_false (cm_workforce_delete_organisation (fixture->db, unused, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A learner keeps the organisation too, even without a staff group. */
  g_assert_true (cm_db_exec (fixture->db, "INSERT INTO learners (ref, organisation_id) VALUES ('L1', 1)", &error));
  g_assert_no_error (error);
  backup = cm_workforce_delete_staff_group (fixture->db, group, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  g_assert_false (cm_workforce_delete_organisation (fixture->db, used, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM organisations"), ==, 1);
}

static void
test_staff_group_save (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 council = add_organisation (fixture, "Council", "statutory");
  gint64 nursery = add_organisation (fixture, "Nursery", "private");
  gint64 group;
  gint64 id = 0;

  group = add_staff_group (fixture, " Practitioners ", nursery, "early-years", 120);
  g_assert_cmpint (query (fixture,
                          "SELECT count(*) FROM staff_groups WHERE name = 'Practitioners'"
                          " AND organisation_id = 2 AND sector = 'early-years'"
                          " AND headcount = 120 AND turnover_bp = 1100"), ==, 1);

  g_assert_true (cm_workforce_save_staff_group (fixture->db, group, "Social workers", council,
                                                "social-care", 45, 1250, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, group);
  g_assert_cmpint (query (fixture,
                          "SELECT count(*) FROM staff_groups WHERE name = 'Social workers'"
                          " AND organisation_id = 1 AND sector = 'social-care'"
                          " AND headcount = 45 AND turnover_bp = 1250"), ==, 1);

  /* The limits are allowed… */
  g_assert_true (cm_workforce_save_staff_group (fixture->db, group, "Social workers", council,
                                                "social-care", 0, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cm_workforce_save_staff_group (fixture->db, group, "Social workers", council,
                                                "social-care", CM_WORKFORCE_MAX_HEADCOUNT, 10000, NULL, &error));
  g_assert_no_error (error);

  /* …and one past them is not. */
  g_assert_false (cm_workforce_save_staff_group (fixture->db, group, "Social workers", council,
                                                 "social-care", -1, 1100, NULL, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cm_workforce_save_staff_group (fixture->db, group, "Social workers", council,
                                                 "social-care", CM_WORKFORCE_MAX_HEADCOUNT + 1, 1100, NULL, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cm_workforce_save_staff_group (fixture->db, group, "Social workers", council,
                                                 "social-care", 10, 10001, NULL, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cm_workforce_save_staff_group (fixture->db, group, "Social workers", council,
                                                 "nursing", 10, 1100, NULL, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cm_workforce_save_staff_group (fixture->db, group, "", council,
                                                 "social-care", 10, 1100, NULL, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cm_workforce_save_staff_group (fixture->db, group, "Social workers", 77,
                                                 "social-care", 10, 1100, NULL, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cm_workforce_save_staff_group (fixture->db, 77, "Other", council,
                                                 "social-care", 10, 1100, NULL, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  add_staff_group (fixture, "Teachers", council, "education", 300);
  g_assert_false (cm_workforce_save_staff_group (fixture->db, group, "Teachers", council,
                                                 "social-care", 10, 1100, NULL, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* The failures left the last good values. */
  g_assert_cmpint (query (fixture,
                          "SELECT count(*) FROM staff_groups WHERE name = 'Social workers'"
                          " AND headcount = 1000000 AND turnover_bp = 10000"), ==, 1);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM staff_groups"), ==, 2);
}

static void
test_staff_group_delete_and_restore (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmStaffGroupBackup) backup = NULL;
  gint64 council = add_organisation (fixture, "Council", "statutory");
  gint64 keep = add_staff_group (fixture, "Teachers", council, "education", 300);
  gint64 group = add_staff_group (fixture, "Social workers", council, "social-care", 45);

  g_assert_true (cm_db_exec (fixture->db,
                             "INSERT INTO requirements (id, year, half, staff_group_id, competency_id,"
                             "                          coverage_bp, compliant, expiring, evidence)"
                             " VALUES (10, 2010, 1, 2, (SELECT id FROM competencies WHERE code = 'SG-B'), 10000, 30, 4, 2),"
                             "        (11, 2010, 2, 2, (SELECT id FROM competencies WHERE code = 'IW-CAF'), 5000, 7, 0, 1),"
                             "        (12, 2010, 1, 1, (SELECT id FROM competencies WHERE code = 'SG-B'), 2500, 0, 0, 0);"
                             "INSERT INTO learners (ref, organisation_id, staff_group_id) VALUES"
                             " ('L1', 1, 2), ('L2', 1, 2), ('L3', 1, 1);",
                             &error));
  g_assert_no_error (error);

  backup = cm_workforce_delete_staff_group (fixture->db, group, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  g_assert_cmpstr (cm_staff_group_backup_get_name (backup), ==, "Social workers");
  g_assert_cmpuint (cm_staff_group_backup_get_n_requirements (backup), ==, 2);

  g_assert_cmpint (query (fixture, "SELECT count(*) FROM staff_groups"), ==, 1);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM requirements"), ==, 1);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM learners WHERE staff_group_id IS NULL"), ==, 2);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM learners"), ==, 3);

  g_assert_null (cm_workforce_delete_staff_group (fixture->db, group, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo brings back every figure under the same ids. */
  g_assert_true (cm_workforce_restore_staff_group (fixture->db, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (fixture,
                          "SELECT count(*) FROM staff_groups WHERE id = 2 AND name = 'Social workers'"
                          " AND organisation_id = 1 AND sector = 'social-care' AND headcount = 45"
                          " AND turnover_bp = 1100"), ==, 1);
  g_assert_cmpint (query (fixture,
                          "SELECT count(*) FROM requirements WHERE id = 10 AND year = 2010 AND half = 1"
                          " AND staff_group_id = 2 AND coverage_bp = 10000 AND compliant = 30"
                          " AND expiring = 4 AND evidence = 2"), ==, 1);
  g_assert_cmpint (query (fixture,
                          "SELECT count(*) FROM requirements WHERE id = 11 AND half = 2"
                          " AND coverage_bp = 5000 AND compliant = 7 AND evidence = 1"), ==, 1);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM requirements"), ==, 3);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM learners WHERE staff_group_id = 2"), ==, 2);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM learners WHERE staff_group_id = 1"), ==, 1);

  /* Restoring twice would duplicate: refused, nothing written. */
  g_assert_false (cm_workforce_restore_staff_group (fixture->db, backup, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM requirements"), ==, 3);

  /* A name taken meanwhile blocks the restore as a whole. */
  g_clear_pointer (&backup, cm_staff_group_backup_free);
  backup = cm_workforce_delete_staff_group (fixture->db, group, &error);
  g_assert_no_error (error);
  g_assert_true (cm_workforce_save_staff_group (fixture->db, keep, "Social workers", council,
                                                "education", 300, 1100, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (cm_workforce_restore_staff_group (fixture->db, backup, &error));
  g_assert_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM staff_groups"), ==, 1);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM requirements"), ==, 1);
}

static void
test_unique_names (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *third = NULL;
  g_autofree char *organisation = NULL;
  gint64 council;

  first = cm_workforce_unique_staff_group_name (fixture->db, "New staff group", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "New staff group");

  council = add_organisation (fixture, "New organisation", "statutory");
  add_staff_group (fixture, "New staff group", council, "youth", 1);
  add_staff_group (fixture, "New staff group 2", council, "youth", 1);

  third = cm_workforce_unique_staff_group_name (fixture->db, "New staff group", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (third, ==, "New staff group 3");

  organisation = cm_workforce_unique_organisation_name (fixture->db, "New organisation", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (organisation, ==, "New organisation 2");
}

static void
test_totals_by_sector (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) totals = NULL;
  gint64 council = add_organisation (fixture, "Council", "statutory");
  const CmSectorTotal *total;

  totals = cm_workforce_totals_by_sector (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, ==, 0);
  g_clear_pointer (&totals, g_ptr_array_unref);

  add_staff_group (fixture, "Youth workers", council, "youth", 25);
  add_staff_group (fixture, "Childminders", council, "early-years", 60);
  add_staff_group (fixture, "Nursery practitioners", council, "early-years", 150);
  add_staff_group (fixture, "Social workers", council, "social-care", 45);

  totals = cm_workforce_totals_by_sector (fixture->db, &error);
  g_assert_no_error (error);

  /* In the vocabulary's order: early years, social care, youth. */
  g_assert_cmpuint (totals->len, ==, 3);
  total = g_ptr_array_index (totals, 0);
  g_assert_cmpstr (total->sector, ==, "early-years");
  g_assert_cmpuint (total->n_staff_groups, ==, 2);
  g_assert_cmpint (total->headcount, ==, 210);
  total = g_ptr_array_index (totals, 1);
  g_assert_cmpstr (total->sector, ==, "social-care");
  g_assert_cmpuint (total->n_staff_groups, ==, 1);
  g_assert_cmpint (total->headcount, ==, 45);
  total = g_ptr_array_index (totals, 2);
  g_assert_cmpstr (total->sector, ==, "youth");
  g_assert_cmpuint (total->n_staff_groups, ==, 1);
  g_assert_cmpint (total->headcount, ==, 25);
}

static void
test_list_competencies (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) store = NULL;
  g_autoptr(CmCompetency) first = NULL;
  g_autofree char *label = NULL;
  guint n;

  store = cm_workforce_list_competencies (fixture->db, &error);
  g_assert_no_error (error);

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_assert_cmpuint (n, ==, cm_catalogue_get_n_entries ());
  g_assert_cmpint (n, ==, query (fixture, "SELECT count(*) FROM competencies"));

  /* By code: CC-COMM comes first in the default catalogue. */
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (cm_competency_get_code (first), ==, "CC-COMM");
  g_assert_cmpstr (cm_competency_get_category (first), ==, "common-core");
  g_assert_true (cm_competency_get_mandatory (first));
  g_assert_cmpint (cm_competency_get_risk (first), ==, 2);
  g_assert_cmpint (cm_competency_get_strategic (first), ==, 2);
  g_assert_cmpint (cm_competency_get_half_days (first), ==, 1);
  g_assert_cmpint (cm_competency_get_capacity (first), ==, 25);

  label = cm_competency_dup_label (first);
  g_assert_true (g_str_has_prefix (label, "CC-COMM — "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/workforce-edit/organisation/save", test_organisation_save);
  ADD ("/workforce-edit/organisation/delete", test_organisation_delete);
  ADD ("/workforce-edit/staff-group/save", test_staff_group_save);
  ADD ("/workforce-edit/staff-group/delete-and-restore", test_staff_group_delete_and_restore);
  ADD ("/workforce-edit/unique-names", test_unique_names);
  ADD ("/workforce-edit/totals-by-sector", test_totals_by_sector);
  ADD ("/workforce-edit/list-competencies", test_list_competencies);

#undef ADD

  return g_test_run ();
}
