/* test-workforce.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cm-catalogue.h"
#include "cm-context.h"
#include "cm-db.h"
#include "cm-demo.h"
#include "cm-workforce.h"

#include "cm-test-util.h"

/* The example data's figures, counted by hand from cm-demo.c. */
#define N_ORGANISATIONS 22
#define N_STAFF_GROUPS  33
#define TOTAL_HEADCOUNT 1900

typedef struct
{
  char      *dir;
  char      *path;
  CmContext *context;
} Fixture;


static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean load_demo = GPOINTER_TO_INT (user_data);

  fixture->dir = g_dir_make_tmp ("cm-test-workforce-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->path = g_build_filename (fixture->dir, "workforce.db", NULL);
  fixture->context = cm_context_new_for_path (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->context);

  if (load_demo)
    {
      g_assert_true (cm_demo_load (cm_context_get_db (fixture->context), &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->context);
  cm_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}


static char *
sort_key (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  return g_utf8_collate_key (folded, -1);
}

static void
count_changed_cb (CmContext      *context,
                  const CmChange *change,
                  guint          *count)
{
  (*count)++;
}

static void
test_workforce_empty (Fixture       *fixture,
                      gconstpointer  user_data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GListStore) groups = NULL;
  g_autoptr(GListStore) organisations = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_groups = -1;
  gint64 headcount = -1;

  groups = cm_workforce_list_staff_groups (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (groups);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (groups)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (groups)) == CM_TYPE_STAFF_GROUP);

  organisations = cm_workforce_list_organisations (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (organisations);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (organisations)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (organisations)) == CM_TYPE_ORGANISATION);

  g_assert_true (cm_workforce_count_staff (db, &n_groups, &headcount, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_groups, ==, 0);
  g_assert_cmpint (headcount, ==, 0);
}

static void
test_workforce_staff_groups (Fixture       *fixture,
                             gconstpointer  user_data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GListStore) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmStaffGroup) first = NULL;
  g_autoptr(CmStaffGroup) last = NULL;
  g_autofree char *previous_key = NULL;
  gboolean found_nursery = FALSE;
  gint64 headcount = 0;
  guint n_items;

  groups = cm_workforce_list_staff_groups (db, &error);
  g_assert_no_error (error);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (groups));
  g_assert_cmpuint (n_items, ==, N_STAFF_GROUPS);
  g_assert_cmpint (n_items, ==, cm_test_query_int64 (db, "SELECT count(*) FROM staff_groups"));

  /* Case does not decide the order: "CAMHS" comes before "Child". */
  first = g_list_model_get_item (G_LIST_MODEL (groups), 0);
  last = g_list_model_get_item (G_LIST_MODEL (groups), n_items - 1);
  g_assert_cmpstr (cm_staff_group_get_name (first), ==, "CAMHS clinicians");
  g_assert_cmpstr (cm_staff_group_get_name (last), ==, "Youth workers, voluntary sector");

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CmStaffGroup) group = g_list_model_get_item (G_LIST_MODEL (groups), i);
      g_autofree char *key = sort_key (cm_staff_group_get_name (group));

      if (previous_key != NULL)
        g_assert_cmpint (strcmp (previous_key, key), <, 0);
      g_free (previous_key);
      previous_key = g_strdup (key);

      headcount += cm_staff_group_get_headcount (group);

      if (g_str_equal (cm_staff_group_get_name (group), "Nursery practitioners, PVI settings"))
        {
          g_autofree char *label = NULL;
          g_autofree char *sector_label = NULL;
          guint turnover_bp = 0;

          found_nursery = TRUE;
          g_assert_cmpstr (cm_staff_group_get_organisation (group), ==, "Little Acorns Day Nurseries Ltd");
          g_assert_cmpstr (cm_staff_group_get_sector (group), ==, "early-years");
          g_assert_cmpint (cm_staff_group_get_headcount (group), ==, 150);
          g_object_get (group,
                        "turnover-bp", &turnover_bp,
                        "turnover-label", &label,
                        "sector-label", &sector_label,
                        NULL);
          g_assert_cmpuint (turnover_bp, ==, 1800);
          g_assert_cmpstr (label, ==, "18%");
          g_assert_cmpstr (sector_label, ==, "Early years");
        }
    }

  g_assert_true (found_nursery);
  g_assert_cmpint (headcount, ==, TOTAL_HEADCOUNT);
  g_assert_cmpint (headcount, ==, cm_test_query_int64 (db, "SELECT sum(headcount) FROM staff_groups"));
}

static void
test_workforce_organisations (Fixture       *fixture,
                              gconstpointer  user_data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GListStore) organisations = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmOrganisation) first = NULL;
  gint64 headcount = 0;
  guint n_staff_groups = 0;
  guint checked = 0;
  guint n_items;

  organisations = cm_workforce_list_organisations (db, &error);
  g_assert_no_error (error);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (organisations));
  g_assert_cmpuint (n_items, ==, N_ORGANISATIONS);
  g_assert_cmpint (n_items, ==, cm_test_query_int64 (db, "SELECT count(*) FROM organisations"));

  first = g_list_model_get_item (G_LIST_MODEL (organisations), 0);
  g_assert_cmpstr (cm_organisation_get_name (first), ==, "Capital Independent Fostering");
  g_assert_cmpstr (cm_organisation_get_kind (first), ==, "independent");
  g_assert_cmpstr (cm_organisation_get_kind_label (first), ==, "Independent");
  g_assert_cmpuint (cm_organisation_get_n_staff_groups (first), ==, 1);
  g_assert_cmpint (cm_organisation_get_headcount (first), ==, 40);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CmOrganisation) organisation = g_list_model_get_item (G_LIST_MODEL (organisations), i);
      const char *name = cm_organisation_get_name (organisation);

      headcount += cm_organisation_get_headcount (organisation);
      n_staff_groups += cm_organisation_get_n_staff_groups (organisation);

      /* 100 + 55 + 35 + 40 + 105 + 50 + 25 */
      if (g_str_equal (name, "Westminster Children's Services"))
        {
          g_assert_cmpuint (cm_organisation_get_n_staff_groups (organisation), ==, 7);
          g_assert_cmpint (cm_organisation_get_headcount (organisation), ==, 410);
          checked++;
        }
      /* An organisation without staff groups is listed all the same. */
      else if (g_str_equal (name, "NHS Westminster"))
        {
          g_assert_cmpuint (cm_organisation_get_n_staff_groups (organisation), ==, 0);
          g_assert_cmpint (cm_organisation_get_headcount (organisation), ==, 0);
          g_assert_cmpstr (cm_organisation_get_kind_label (organisation), ==, "Health");
          checked++;
        }
    }

  g_assert_cmpuint (checked, ==, 2);
  g_assert_cmpint (headcount, ==, TOTAL_HEADCOUNT);
  g_assert_cmpuint (n_staff_groups, ==, N_STAFF_GROUPS);
}

static void
test_workforce_count_staff (Fixture       *fixture,
                            gconstpointer  user_data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;
  gint64 n_groups = -1;
  gint64 headcount = -1;

  g_assert_true (cm_workforce_count_staff (db, &n_groups, &headcount, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_groups, ==, N_STAFF_GROUPS);
  g_assert_cmpint (headcount, ==, TOTAL_HEADCOUNT);

  /* Either figure may be left out. */
  n_groups = -1;
  g_assert_true (cm_workforce_count_staff (db, &n_groups, NULL, &error));
  g_assert_cmpint (n_groups, ==, N_STAFF_GROUPS);
  headcount = -1;
  g_assert_true (cm_workforce_count_staff (db, NULL, &headcount, &error));
  g_assert_cmpint (headcount, ==, TOTAL_HEADCOUNT);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_staff_group_turnover_label (void)
{
  static const struct {
    guint       bp;
    const char *label;
  } cases[] = {
    { 1100, "11%" },
    { 1250, "12.5%" },
    { 1225, "12.25%" },
    { 1205, "12.05%" },
    { 5, "0.05%" },
    { 0, "0%" },
    { 10000, "100%" },
  };
  g_autoptr(CmStaffGroup) group = cm_staff_group_new (1, "Play workers", "Play Service", "youth", 12, 1100);
  guint n_label_notifies = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = NULL;

      cm_staff_group_set_turnover_bp (group, cases[i].bp);
      label = cm_staff_group_dup_turnover_label (group);
      g_assert_cmpstr (label, ==, cases[i].label);
    }

  g_signal_connect (group, "notify::turnover-label", G_CALLBACK (count_notify_cb), &n_label_notifies);
  cm_staff_group_set_turnover_bp (group, 10000);
  g_assert_cmpuint (n_label_notifies, ==, 0);
  cm_staff_group_set_turnover_bp (group, 900);
  g_assert_cmpuint (n_label_notifies, ==, 1);

  g_assert_cmpstr (cm_staff_group_get_sector_label (group), ==, "Youth");
}

static void
test_organisation_notify (void)
{
  g_autoptr(CmOrganisation) organisation = cm_organisation_new (7, "Church Street Family Centre", "voluntary");
  guint n_kind = 0;
  guint n_kind_label = 0;
  guint n_headcount = 0;
  g_autofree char *kind_label = NULL;
  gint64 id = 0;

  g_signal_connect (organisation, "notify::kind", G_CALLBACK (count_notify_cb), &n_kind);
  g_signal_connect (organisation, "notify::kind-label", G_CALLBACK (count_notify_cb), &n_kind_label);
  g_signal_connect (organisation, "notify::headcount", G_CALLBACK (count_notify_cb), &n_headcount);

  cm_organisation_set_kind (organisation, "voluntary");
  cm_organisation_set_headcount (organisation, 0);
  g_assert_cmpuint (n_kind, ==, 0);
  g_assert_cmpuint (n_kind_label, ==, 0);
  g_assert_cmpuint (n_headcount, ==, 0);

  cm_organisation_set_kind (organisation, "private");
  cm_organisation_set_headcount (organisation, 30);
  g_assert_cmpuint (n_kind, ==, 1);
  g_assert_cmpuint (n_kind_label, ==, 1);
  g_assert_cmpuint (n_headcount, ==, 1);

  g_object_get (organisation, "id", &id, "kind-label", &kind_label, NULL);
  g_assert_cmpint (id, ==, 7);
  g_assert_cmpstr (kind_label, ==, "Private");
}

static void
test_context_catalogue (Fixture       *fixture,
                        gconstpointer  user_data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  gboolean has_data = TRUE;

  /* A new database holds the default catalogue and nothing else. */
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM competencies WHERE is_default = 1"),
                   ==, cm_catalogue_get_n_entries ());
  g_assert_true (cm_db_has_user_data (db, &has_data, NULL));
  g_assert_false (has_data);
  g_assert_false (cm_context_is_read_only (fixture->context));
  g_assert_cmpstr (cm_context_get_path (fixture->context), ==, fixture->path);
}

static void
test_context_settings (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmContext) reopened = NULL;
  g_autofree char *value = NULL;

  value = cm_context_get_setting (fixture->context, "welcome-answered", &error);
  g_assert_no_error (error);
  g_assert_null (value);

  g_assert_true (cm_context_set_setting (fixture->context, "welcome-answered", "empty", &error));
  g_assert_no_error (error);
  g_assert_true (cm_context_set_setting (fixture->context, "welcome-answered", "example-data", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (cm_context_get_db (fixture->context), "SELECT count(*) FROM settings"), ==, 1);

  /* Settings travel with the file. */
  reopened = cm_context_new_for_path (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&value, g_free);
  value = cm_context_get_setting (reopened, "welcome-answered", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "example-data");

  g_assert_true (cm_context_set_setting (fixture->context, "welcome-answered", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&value, g_free);
  value = cm_context_get_setting (reopened, "welcome-answered", &error);
  g_assert_no_error (error);
  g_assert_null (value);
}

static void
test_context_load_demo (Fixture       *fixture,
                        gconstpointer  user_data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  g_signal_connect (fixture->context, "changed", G_CALLBACK (count_changed_cb), &n_changed);

  g_assert_true (cm_context_load_demo (fixture->context, &error));
  g_assert_no_error (error);
  /* One for each kind of data but the settings, and one for the DNA
   * charges of 2010/11. */
  g_assert_cmpuint (n_changed, ==, 10);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM staff_groups"), ==, N_STAFF_GROUPS);

  /* A database that holds data is refused, and nothing is announced. */
  g_assert_false (cm_context_load_demo (fixture->context, &error));
  g_assert_error (error, CM_DEMO_ERROR, CM_DEMO_ERROR_NOT_EMPTY);
  g_assert_cmpuint (n_changed, ==, 10);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM staff_groups"), ==, N_STAFF_GROUPS);

  g_signal_handlers_disconnect_by_func (fixture->context, count_changed_cb, &n_changed);
}

typedef struct
{
  GAsyncResult *result;
  guint         n_changed_before;
  guint        *n_changed;
} ImportWait;

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportWait *wait = user_data;

  /* "changed" has already been emitted when the caller hears back. */
  wait->n_changed_before = *wait->n_changed;
  wait->result = g_object_ref (result);
}

static gboolean
run_import (CmContext       *context,
            const char      *kind,
            const char      *path,
            guint           *n_changed,
            guint           *n_changed_before,
            CmImportResult  *counts,
            GError         **error)
{
  ImportWait wait = { NULL, 0, n_changed };
  gboolean ok;

  cm_context_import_file_async (context, kind, path, FALSE, NULL, import_done_cb, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);

  ok = cm_context_import_file_finish (context, wait.result, counts, error);
  *n_changed_before = wait.n_changed_before;
  g_object_unref (wait.result);
  return ok;
}

static void
test_context_import (Fixture       *fixture,
                     gconstpointer  user_data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autofree char *good = g_build_filename (fixture->dir, "organisations.csv", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "bad-organisations.csv", NULL);
  g_autoptr(GError) error = NULL;
  CmImportResult counts = { 99, 99, 99 };
  guint n_changed = 0;
  guint n_changed_before = 0;

  g_assert_true (g_file_set_contents (good,
                                      "name,kind\n"
                                      "Alpha Nursery,private\n"
                                      "Beta School,school\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (bad,
                                      "name,kind\n"
                                      "Gamma Trust,statutory\n"
                                      "Delta Club,privat\n",
                                      -1, NULL));

  g_signal_connect (fixture->context, "changed", G_CALLBACK (count_changed_cb), &n_changed);

  g_assert_true (run_import (fixture->context, "organisations", good,
                             &n_changed, &n_changed_before, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.rows, ==, 2);
  g_assert_cmpuint (counts.inserted, ==, 2);
  g_assert_cmpuint (counts.updated, ==, 0);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (n_changed_before, ==, 1);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM organisations"), ==, 2);

  /* Importing the same file again writes nothing and announces nothing. */
  g_assert_true (run_import (fixture->context, "organisations", good,
                             &n_changed, &n_changed_before, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.rows, ==, 2);
  g_assert_cmpuint (counts.inserted, ==, 0);
  g_assert_cmpuint (counts.updated, ==, 0);
  g_assert_cmpuint (counts.unchanged, ==, 2);
  g_assert_cmpuint (n_changed, ==, 1);

  /* A wrong row rejects the whole file and names where it is wrong. */
  g_assert_false (run_import (fixture->context, "organisations", bad,
                              &n_changed, &n_changed_before, &counts, &error));
  g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW);
  g_assert_nonnull (strstr (error->message, "bad-organisations.csv:3: column 'kind'"));
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM organisations"), ==, 2);

  g_signal_handlers_disconnect_by_func (fixture->context, count_changed_cb, &n_changed);
}

static void
test_context_backup (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) copy = NULL;

  g_assert_true (cm_context_backup (fixture->context, copy_path, &error));
  g_assert_no_error (error);

  copy = cm_db_open (copy_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (copy, "SELECT count(*) FROM staff_groups"), ==, N_STAFF_GROUPS);
  g_assert_cmpint (cm_test_query_int64 (copy, "SELECT sum(headcount) FROM staff_groups"), ==, TOTAL_HEADCOUNT);

  g_assert_false (cm_context_backup (fixture->context, missing, &error));
  g_assert_nonnull (error);
}

static void
test_context_not_commissioner (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cm-test-workforce-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autoptr(CmContext) context = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "These are notes, not a database.\n", -1, NULL));

  context = cm_context_new_for_path (path, &error);
  g_assert_null (context);
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_NOT_COMMISSIONER);
  g_assert_nonnull (strstr (error->message, path));

  /* The file is left as it was. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "These are notes, not a database.\n");

  cm_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/workforce/empty", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_workforce_empty, fixture_tear_down);
  g_test_add ("/workforce/staff-groups", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_workforce_staff_groups, fixture_tear_down);
  g_test_add ("/workforce/organisations", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_workforce_organisations, fixture_tear_down);
  g_test_add ("/workforce/count-staff", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_workforce_count_staff, fixture_tear_down);
  g_test_add_func ("/workforce/staff-group/turnover-label", test_staff_group_turnover_label);
  g_test_add_func ("/workforce/organisation/notify", test_organisation_notify);
  g_test_add ("/context/catalogue", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_context_catalogue, fixture_tear_down);
  g_test_add ("/context/settings", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_context_settings, fixture_tear_down);
  g_test_add ("/context/load-demo", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_context_load_demo, fixture_tear_down);
  g_test_add ("/context/import", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_context_import, fixture_tear_down);
  g_test_add ("/context/backup", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_context_backup, fixture_tear_down);
  g_test_add_func ("/context/not-commissioner", test_context_not_commissioner);

  return g_test_run ();
}
