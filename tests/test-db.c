/* test-db.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cm-db.h"
#include "cm-db-private.h"

#include "cm-test-util.h"





static void
test_db_default_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "commissioner", "commissioner.db", NULL);
  g_autofree char *dir = g_path_get_dirname (expected);
  g_autofree char *path = cm_db_default_path ();
  struct stat st;

  g_assert_cmpstr (path, ==, expected);

  db = cm_db_open (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cm_db_get_path (db), ==, expected);

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (expected, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_db_new_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "new.db", NULL);
  g_autofree char *journal = NULL;
  struct stat st;

  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);

  g_assert_cmpint (cm_db_get_schema_version (db), ==, CM_DB_SCHEMA_VERSION);
  g_assert_cmpint (cm_test_query_int64 (db, "PRAGMA user_version"), ==, CM_DB_SCHEMA_VERSION);
  g_assert_cmpint (cm_test_query_int64 (db, "PRAGMA application_id"), ==, 0x434d534e);
  g_assert_cmpint (cm_test_query_int64 (db, "PRAGMA foreign_keys"), ==, 1);
  journal = cm_test_query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_false (cm_db_is_read_only (db));
  g_assert_null (cm_db_get_migration_backup (db));

  /* Every table of the domain model exists from the start. */
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                              "('organisations','staff_groups','competencies','cycles','requirements',"
                              "'streams','stream_categories','commissions','splits','transactions',"
                              "'events','learners','bookings','feedback','followups','settings',"
                              "'what_if_scenarios','what_if_changes')"), ==, 18);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%STRICT'"), ==, 18);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_clear_object (&db);
  cm_test_remove_tree (tmp);
}

static void
test_db_migrate_from_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) old = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(CmDb) copy = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "old.db", NULL);
  g_autofree char *backup = g_strconcat (path, ".v1.bak", NULL);
  g_autofree char *name = NULL;

  old = cm_db_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cm_db_get_schema_version (old), ==, 1);
  g_assert_cmpint (cm_test_query_int64 (old, "SELECT count(*) FROM sqlite_schema WHERE name = 'settings'"), ==, 0);
  g_assert_true (cm_db_exec (old, "INSERT INTO organisations (name, kind) VALUES ('Westminster Children''s Services', 'statutory')", &error));
  g_assert_no_error (error);
  g_clear_object (&old);

  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cm_db_get_schema_version (db), ==, CM_DB_SCHEMA_VERSION);
  g_assert_cmpint (cm_test_query_int64 (db, "PRAGMA user_version"), ==, CM_DB_SCHEMA_VERSION);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'settings'"), ==, 1);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'requirements_cycle'"), ==, 1);
  name = cm_test_query_text (db, "SELECT name FROM organisations");
  g_assert_cmpstr (name, ==, "Westminster Children's Services");

  /* The copy taken before migrating is the old version, untouched. */
  g_assert_cmpstr (cm_db_get_migration_backup (db), ==, backup);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  copy = cm_db_open_at_version (backup, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (copy, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (cm_test_query_int64 (copy, "SELECT count(*) FROM organisations"), ==, 1);
  g_clear_object (&copy);

  /* Reopening a current database migrates nothing and copies nothing. */
  g_clear_object (&db);
  g_unlink (backup);
  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (cm_db_get_migration_backup (db));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  g_clear_object (&db);
  cm_test_remove_tree (tmp);
}

/* Schema 4 makes a stream's code unique within its year by rebuilding
 * the streams table; everything that refers to a stream must follow. */
static void
test_db_migrate_streams_from_v3 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) old = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "v3.db", NULL);
  g_autofree char *code = NULL;
  g_autofree char *parent = NULL;

  old = cm_db_open_at_version (path, 3, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (old,
                             "INSERT INTO streams (id, code, name, funder, year, allocation_pence, ring_fenced,"
                             "                     expiry, min_pvi_bp, return_kind)"
                             " VALUES (7, 'DH-WDG', 'DH Workforce Development Grant', 'DH', 2010, 24000000, 1,"
                             "         '2011-03-31', 5000, 'dh'),"
                             "        (9, 'LSCB', 'LSCB training', 'LSCB', 2010, 6000000, 0, NULL, 0, 'lscb');"
                             "INSERT INTO stream_categories (stream_id, category) VALUES (7, 'safeguarding'), (7, 'qualification');"
                             "INSERT INTO commissions (id, code, title, year, half) VALUES (3, 'C-1', 'Level A', 2010, 1);"
                             "INSERT INTO splits (commission_id, stream_id, percent_bp) VALUES (3, 7, 10000);"
                             "INSERT INTO transactions (date, amount_pence, stream_id, supplier, reference, kind)"
                             " VALUES ('2010-06-01', 12345, 9, 'NSPCC', 'INV-1', 'invoice');",
                             &error));
  g_assert_no_error (error);
  /* The old schema refuses the same code in another year. */
  g_assert_false (cm_db_exec (old, "INSERT INTO streams (code, name, funder, year, allocation_pence)"
                                   " VALUES ('DH-WDG', 'DH Workforce Development Grant', 'DH', 2011, 0)", &error));
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_clear_object (&old);

  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (db, "PRAGMA user_version"), ==, CM_DB_SCHEMA_VERSION);
  g_assert_cmpint (cm_test_query_int64 (db, "PRAGMA foreign_keys"), ==, 1);

  /* Every row kept its id and values; nothing points at a missing row. */
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  code = cm_test_query_text (db, "SELECT code || ' ' || year || ' ' || allocation_pence || ' ' || ring_fenced"
                                 " || ' ' || expiry || ' ' || min_pvi_bp || ' ' || return_kind FROM streams WHERE id = 7");
  g_assert_cmpstr (code, ==, "DH-WDG 2010 24000000 1 2011-03-31 5000 dh");
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM stream_categories WHERE stream_id = 7"), ==, 2);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT stream_id FROM splits WHERE commission_id = 3"), ==, 7);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT stream_id FROM transactions"), ==, 9);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'streams_year'"), ==, 1);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'streams_v4'"), ==, 0);

  /* The references still name the rebuilt table, with their actions. */
  parent = cm_test_query_text (db, "SELECT group_concat (\"table\" || ' ' || on_delete, ', ') FROM pragma_foreign_key_list ('splits')");
  g_assert_cmpstr (parent, ==, "streams RESTRICT, commissions CASCADE");
  g_assert_false (cm_db_exec (db, "DELETE FROM streams WHERE id = 7", &error));
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (cm_db_exec (db, "DELETE FROM streams WHERE id = 9", &error));
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (cm_db_exec (db, "DELETE FROM splits; DELETE FROM streams WHERE id = 7", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM stream_categories"), ==, 0);

  /* The same code in another year is a new stream; in the same year it is refused. */
  g_assert_true (cm_db_exec (db, "INSERT INTO streams (code, name, funder, year, allocation_pence)"
                                 " VALUES ('LSCB', 'LSCB training', 'LSCB', 2011, 0)", &error));
  g_assert_no_error (error);
  g_assert_false (cm_db_exec (db, "INSERT INTO streams (code, name, funder, year, allocation_pence)"
                                  " VALUES ('LSCB', 'LSCB again', 'LSCB', 2011, 0)", &error));
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM streams WHERE code = 'LSCB'"), ==, 2);

  g_clear_object (&db);
  cm_test_remove_tree (tmp);
}

/* A migration runs with foreign keys off, so it checks them itself: a
 * row pointing at a missing one stops the upgrade and changes nothing. */
static void
test_db_migrate_broken_reference (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) old = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "broken.db", NULL);

  old = cm_db_open_at_version (path, 3, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (old, "PRAGMA foreign_keys=OFF;"
                                  "INSERT INTO commissions (id, code, title, year, half) VALUES (3, 'C-1', 'Level A', 2010, 1);"
                                  "INSERT INTO splits (commission_id, stream_id, percent_bp) VALUES (3, 42, 10000);",
                             &error));
  g_assert_no_error (error);
  g_clear_object (&old);

  db = cm_db_open (path, &error);
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_CONSTRAINT);
  g_assert_null (db);
  g_assert_nonnull (strstr (error->message, "version 4"));
  g_assert_nonnull (strstr (error->message, "row 1 of splits refers to a missing row of streams"));
  g_clear_error (&error);

  old = cm_db_open_at_version (path, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (old, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (cm_test_query_int64 (old, "SELECT count(*) FROM sqlite_schema WHERE name = 'streams_v4'"), ==, 0);
  g_clear_object (&old);
  cm_test_remove_tree (tmp);
}

static void
test_db_foreign_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "fk.db", NULL);

  db = cm_db_open (path, &error);
  g_assert_no_error (error);

  g_assert_false (cm_db_exec (db, "INSERT INTO staff_groups (name, organisation_id, sector, headcount) "
                                  "VALUES ('Health visitors', 42, 'health', 30)", &error));
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM staff_groups"), ==, 0);

  /* An organisation with staff groups cannot be deleted from under them. */
  g_assert_true (cm_db_exec (db, "INSERT INTO organisations (id, name, kind) VALUES (1, 'NHS Westminster', 'health');"
                                 "INSERT INTO staff_groups (name, organisation_id, sector, headcount) "
                                 "VALUES ('Health visitors', 1, 'health', 30)", &error));
  g_assert_no_error (error);
  g_assert_false (cm_db_exec (db, "DELETE FROM organisations WHERE id = 1", &error));
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM organisations"), ==, 1);

  g_clear_object (&db);
  cm_test_remove_tree (tmp);
}

static void
test_db_checks (void)
{
  static const char * const rejected[] = {
    "INSERT INTO organisations (name, kind) VALUES ('A', 'charity')",
    "INSERT INTO organisations (name, kind) VALUES ('  ', 'private')",
    "INSERT INTO staff_groups (name, organisation_id, sector, headcount) VALUES ('G', 1, 'health', -1)",
    "INSERT INTO staff_groups (name, organisation_id, sector, headcount) VALUES ('G', 1, 'nursing', 3)",
    "INSERT INTO staff_groups (name, organisation_id, sector, headcount, turnover_bp) VALUES ('G', 1, 'health', 3, 10001)",
    "INSERT INTO competencies (code, name, category, risk) VALUES ('X', 'X', 'practice', 4)",
    "INSERT INTO competencies (code, name, category, half_days) VALUES ('X', 'X', 'practice', 0)",
    "INSERT INTO requirements (year, half, staff_group_id, competency_id, coverage_bp) VALUES (2010, 3, 1, 1, 100)",
    "INSERT INTO requirements (year, half, staff_group_id, competency_id, coverage_bp) VALUES (2010, 1, 1, 1, 14000)",
    "INSERT INTO streams (code, name, funder, year, allocation_pence) VALUES ('S', 'S', 'Lottery', 2010, 0)",
    "INSERT INTO streams (code, name, funder, year, allocation_pence, expiry) VALUES ('S', 'S', 'DH', 2010, 0, '31/03/2011')",
    "INSERT INTO commissions (code, title, year, half, places, pvi_places) VALUES ('C', 'C', 2010, 1, 10, 11)",
    "INSERT INTO commissions (code, title, year, half, status) VALUES ('C', 'C', 2010, 1, 'paid')",
    "INSERT INTO splits (commission_id, stream_id, percent_bp, amount_pence) VALUES (1, 1, 5000, 100)",
    "INSERT INTO splits (commission_id, stream_id) VALUES (1, 1)",
    "INSERT INTO transactions (date, amount_pence, reference, kind) VALUES ('2010-02-30', 100, 'R', 'invoice')",
    "INSERT INTO transactions (date, amount_pence, reference, kind) VALUES ('2010-04-01', 100, 'R', 'refund')",
    "INSERT INTO bookings (event_id, learner_id, status) VALUES (1, 1, 'maybe')",
    "INSERT INTO followups (event_id, learner_id, date, applied) VALUES (1, 1, '2010-07-01', 4)",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "checks.db", NULL);

  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (db,
                             "INSERT INTO organisations (id, name, kind) VALUES (1, 'O', 'school');"
                             "INSERT INTO staff_groups (id, name, organisation_id, sector, headcount) VALUES (1, 'SG', 1, 'education', 10);"
                             "INSERT INTO competencies (id, code, name, category) VALUES (1, 'K', 'K', 'practice');"
                             "INSERT INTO streams (id, code, name, funder, year, allocation_pence) VALUES (1, 'DH', 'DH', 'DH', 2010, 100);"
                             "INSERT INTO commissions (id, code, title, year, half) VALUES (1, 'C1', 'C1', 2010, 1);"
                             "INSERT INTO events (id, code, commission_id, date, places) VALUES (1, 'E1', 1, '2010-05-01', 20);"
                             "INSERT INTO learners (id, ref, organisation_id) VALUES (1, 'L1', 1);",
                             &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      if (cm_db_exec (db, rejected[i], &error))
        g_error ("accepted: %s", rejected[i]);
      g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_CONSTRAINT);
      g_clear_error (&error);
    }

  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM organisations"), ==, 1);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM staff_groups"), ==, 1);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM splits"), ==, 0);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM transactions"), ==, 0);

  g_clear_object (&db);
  cm_test_remove_tree (tmp);
}

static void
test_db_not_commissioner (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *garbage = g_build_filename (tmp, "garbage.db", NULL);
  g_autofree char *foreign = g_build_filename (tmp, "foreign.db", NULL);
  g_autofree char *contents = NULL;
  const char text[] = "Name,Headcount\nHealth visitors,30\n";
  sqlite3 *other = NULL;
  gsize length = 0;

  /* A spreadsheet saved under the wrong name: refused, left as it was. */
  g_assert_true (g_file_set_contents (garbage, text, -1, NULL));
  db = cm_db_open (garbage, &error);
  g_assert_null (db);
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_NOT_COMMISSIONER);
  g_assert_nonnull (strstr (error->message, garbage));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (garbage, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, text);

  /* Another program's SQLite database. */
  g_assert_cmpint (sqlite3_open (foreign, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "CREATE TABLE notes (body TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  db = cm_db_open (foreign, &error);
  g_assert_null (db);
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_NOT_COMMISSIONER);
  g_clear_error (&error);

  cm_test_remove_tree (tmp);
}

static void
test_db_corrupt (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "corrupt.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (db, "INSERT INTO organisations (name, kind) VALUES ('O', 'police')", &error));
  g_clear_object (&db);

  /* Scribble over the schema page, keeping the header intact. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 4096);
  memset (contents + 100, 0xA5, 3000);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  db = cm_db_open (path, &error);
  g_assert_null (db);
  g_assert_true (g_error_matches (error, CM_DB_ERROR, CM_DB_ERROR_CORRUPT) ||
                 g_error_matches (error, CM_DB_ERROR, CM_DB_ERROR_NOT_COMMISSIONER));
  g_assert_nonnull (strstr (error->message, path));

  cm_test_remove_tree (tmp);
}

static void
test_db_too_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "future.db", NULL);

  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (db, "PRAGMA user_version = 99", &error));
  g_clear_object (&db);

  db = cm_db_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_TOO_NEW);

  cm_test_remove_tree (tmp);
}

static void
test_db_backup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(CmDb) copy = NULL;
  g_autoptr(CmDb) writer = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "live.db", NULL);
  g_autofree char *dest = g_build_filename (tmp, "copy.db", NULL);
  g_autofree char *missing = g_build_filename (tmp, "no", "such", "folder", "copy.db", NULL);
  struct stat st;

  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (db,
                             "INSERT INTO organisations (name, kind) VALUES ('A', 'police'), ('B', 'school');"
                             "INSERT INTO streams (code, name, funder, year, allocation_pence) "
                             "VALUES ('DH-WDG', 'DH grant', 'DH', 2010, 24000000)",
                             &error));
  g_assert_no_error (error);

  /* Another program is writing: the copy holds committed data only. */
  writer = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_begin (writer, &error));
  g_assert_true (cm_db_exec (writer, "INSERT INTO organisations (name, kind) VALUES ('C', 'private')", &error));
  g_assert_true (cm_db_backup (db, dest, &error));
  g_assert_no_error (error);
  cm_db_rollback (writer);
  g_clear_object (&writer);

  g_assert_cmpint (g_stat (dest, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  copy = cm_db_open (dest, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (copy, "SELECT count(*) FROM organisations"), ==, 2);
  g_assert_cmpint (cm_test_query_int64 (copy, "SELECT allocation_pence FROM streams WHERE code = 'DH-WDG'"), ==, 24000000);

  g_assert_false (cm_db_backup (db, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_clear_object (&copy);
  g_clear_object (&db);
  cm_test_remove_tree (tmp);
}

static void
test_db_user_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "user.db", NULL);
  gboolean has_data = TRUE;

  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_has_user_data (db, &has_data, &error));
  g_assert_false (has_data);

  g_assert_true (cm_db_exec (db, "INSERT INTO competencies (code, name, category, is_default) VALUES ('SG-A', 'Level A', 'safeguarding', 1)", &error));
  g_assert_true (cm_db_has_user_data (db, &has_data, &error));
  g_assert_false (has_data);

  g_assert_true (cm_db_exec (db, "INSERT INTO competencies (code, name, category) VALUES ('MINE', 'Local induction', 'practice')", &error));
  g_assert_true (cm_db_has_user_data (db, &has_data, &error));
  g_assert_true (has_data);

  g_assert_true (cm_db_exec (db, "DELETE FROM competencies WHERE code = 'MINE';"
                                 "INSERT INTO organisations (name, kind) VALUES ('O', 'voluntary')", &error));
  g_assert_true (cm_db_has_user_data (db, &has_data, &error));
  g_assert_true (has_data);

  g_clear_object (&db);
  cm_test_remove_tree (tmp);
}

static void
test_db_transaction (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "tx.db", NULL);

  db = cm_db_open (path, &error);
  g_assert_no_error (error);

  g_assert_true (cm_db_begin (db, &error));
  g_assert_true (cm_db_exec (db, "INSERT INTO organisations (name, kind) VALUES ('O', 'voluntary')", &error));
  cm_db_rollback (db);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM organisations"), ==, 0);

  g_assert_true (cm_db_begin (db, &error));
  g_assert_true (cm_db_exec (db, "INSERT INTO organisations (name, kind) VALUES ('O', 'voluntary')", &error));
  g_assert_true (cm_db_commit (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM organisations"), ==, 1);

  /* Rolling back with no transaction open is harmless. */
  cm_db_rollback (db);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM organisations"), ==, 1);

  g_clear_object (&db);
  cm_test_remove_tree (tmp);
}

static void
test_db_busy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(CmDb) other = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "busy.db", NULL);

  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  other = cm_db_open (path, &error);
  g_assert_no_error (error);

  /* Another program holds the write lock: we fail cleanly, not hang. */
  g_assert_true (cm_db_begin (other, &error));
  sqlite3_busy_timeout (cm_db_get_handle (db), 50);
  g_assert_false (cm_db_begin (db, &error));
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "locked by another program"));
  g_clear_error (&error);
  cm_db_rollback (other);

  g_assert_true (cm_db_begin (db, &error));
  g_assert_no_error (error);
  cm_db_rollback (db);

  g_clear_object (&other);
  g_clear_object (&db);
  cm_test_remove_tree (tmp);
}

static void
test_db_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *path = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("file permissions do not bind the superuser");
      return;
    }

  tmp = cm_test_make_temp_dir ("cm-test-db");
  path = g_build_filename (tmp, "ro.db", NULL);
  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (db, "INSERT INTO organisations (name, kind) VALUES ('O', 'voluntary'); PRAGMA journal_mode=DELETE", &error));
  g_clear_object (&db);
  g_chmod (path, 0400);

  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_is_read_only (db));
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM organisations"), ==, 1);
  g_assert_false (cm_db_exec (db, "INSERT INTO organisations (name, kind) VALUES ('P', 'voluntary')", &error));
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_READ_ONLY);

  g_clear_object (&db);
  g_chmod (path, 0600);
  cm_test_remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/db/default-path", test_db_default_path);
  g_test_add_func ("/db/new-file", test_db_new_file);
  g_test_add_func ("/db/migrate-from-v1", test_db_migrate_from_v1);
  g_test_add_func ("/db/migrate-streams-from-v3", test_db_migrate_streams_from_v3);
  g_test_add_func ("/db/migrate-broken-reference", test_db_migrate_broken_reference);
  g_test_add_func ("/db/foreign-keys", test_db_foreign_keys);
  g_test_add_func ("/db/checks", test_db_checks);
  g_test_add_func ("/db/not-commissioner", test_db_not_commissioner);
  g_test_add_func ("/db/corrupt", test_db_corrupt);
  g_test_add_func ("/db/too-new", test_db_too_new);
  g_test_add_func ("/db/backup", test_db_backup);
  g_test_add_func ("/db/user-data", test_db_user_data);
  g_test_add_func ("/db/transaction", test_db_transaction);
  g_test_add_func ("/db/busy", test_db_busy);
  g_test_add_func ("/db/read-only", test_db_read_only);

  return g_test_run ();
}
