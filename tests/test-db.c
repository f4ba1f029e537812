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

#include "cm-backups.h"
#include "cm-db.h"
#include "cm-db-diagnose.h"
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
                              "'events','learners','bookings','feedback','followups','settings','audit',"
                              "'what_if_scenarios','what_if_changes')"), ==, 19);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%STRICT'"), ==, 19);

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
  g_autofree char *old_name = g_strconcat (path, ".v1.bak", NULL);
  g_autofree char *stem = cm_backups_get_stem (path);
  g_autofree char *folder = cm_backups_get_folder ();
  g_autofree char *backup = NULL;
  g_autofree char *backup_name = NULL;
  g_autofree char *name = NULL;
  struct stat st;

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

  /* The copy taken before migrating is the old version, untouched, in
   * the backup folder and nowhere beside the database. */
  backup = g_strdup (cm_db_get_migration_backup (db));
  g_assert_nonnull (backup);
  backup_name = g_path_get_basename (backup);
  g_assert_true (g_str_has_prefix (backup, folder));
  g_assert_true (g_str_has_prefix (backup_name, stem));
  g_assert_true (g_str_has_suffix (backup_name, "-before-upgrade.db"));
  g_assert_false (g_file_test (old_name, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
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

/* Backups */

static CmDb *
open_with_organisation (const char *path,
                        const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = cm_db_open (path, &error);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO organisations (name, kind) VALUES ('%s', 'police')", name);

  g_assert_no_error (error);
  g_assert_true (cm_db_exec (db, sql, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&db);
}

/* The backups of @db_path, newest first, as "KIND NAME" without the
 * stem, each checked to be its owner's only. */
static char *
describe_backups (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = cm_backups_list (db_path, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *stem = cm_backups_get_stem (db_path);

  g_assert_no_error (error);
  for (guint i = 0; i < backups->len; i++)
    {
      CmBackup *backup = g_ptr_array_index (backups, i);
      g_autofree char *name = g_path_get_basename (backup->path);
      struct stat st;

      g_assert_cmpint (g_stat (backup->path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_assert_cmpint (backup->size, ==, st.st_size);
      g_assert_true (g_str_has_prefix (name, stem));
      g_string_append_printf (out, "%s%s", i > 0 ? "," : "", name + strlen (stem) + 1);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_db_backups_names (void)
{
  g_autofree char *default_path = cm_db_default_path ();
  g_autofree char *default_stem = cm_backups_get_stem (default_path);
  g_autofree char *a = cm_backups_get_stem ("/srv/county/plan.db");
  g_autofree char *a_again = cm_backups_get_stem ("/srv/county/../county/plan.db");
  g_autofree char *b = cm_backups_get_stem ("/srv/district/plan.db");
  g_autofree char *folder = cm_backups_get_folder ();
  g_autofree char *expected_folder = g_build_filename (g_get_user_data_dir (), "commissioner", "backups", NULL);

  g_assert_cmpstr (folder, ==, expected_folder);
  g_assert_cmpstr (default_stem, ==, "commissioner");
  /* Another database: its name and the first 8 hex digits of the
   * SHA-256 of its absolute path, the same however it is written. */
  g_assert_cmpuint (strlen (a), ==, strlen ("plan-") + 8);
  g_assert_true (g_str_has_prefix (a, "plan-"));
  g_assert_cmpuint (strspn (a + 5, "0123456789abcdef"), ==, 8);
  g_assert_cmpstr (a, ==, a_again);
  g_assert_cmpstr (a, !=, b);
}

/* Nine days of starts: the last seven daily backups are kept. */
static void
test_db_backups_daily (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) empty = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *empty_path = g_build_filename (tmp, "empty.db", NULL);
  g_autofree char *path = g_build_filename (tmp, "daily.db", NULL);
  g_autofree char *folder = cm_backups_get_folder ();
  g_autofree char *list = NULL;
  g_autofree char *taken = NULL;
  struct stat st;

  /* An empty database has nothing to lose: no backup. */
  empty = cm_db_open (empty_path, &error);
  g_assert_no_error (error);
  g_setenv ("COMMISSIONER_TODAY", "2026-11-01", TRUE);
  g_assert_true (cm_backups_take_daily (empty, &taken, &error));
  g_assert_no_error (error);
  g_assert_null (taken);

  db = open_with_organisation (path, "Day one");
  for (int day = 1; day <= 9; day++)
    {
      g_autofree char *today = g_strdup_printf ("2026-11-%02d", day);
      g_autofree char *expected = NULL;
      g_autofree char *name = NULL;
      g_autofree char *stem = cm_backups_get_stem (path);

      g_setenv ("COMMISSIONER_TODAY", today, TRUE);
      g_assert_true (cm_backups_take_daily (db, &taken, &error));
      g_assert_no_error (error);
      g_assert_nonnull (taken);
      name = g_path_get_basename (taken);
      expected = g_strdup_printf ("%s-%s-daily.db", stem, today);
      g_assert_cmpstr (name, ==, expected);
      g_clear_pointer (&taken, g_free);

      /* The second start of the day takes none. */
      g_assert_true (cm_backups_take_daily (db, &taken, &error));
      g_assert_no_error (error);
      g_assert_null (taken);
    }
  g_unsetenv ("COMMISSIONER_TODAY");

  list = describe_backups (path);
  g_assert_cmpstr (list, ==,
                   "2026-11-09-daily.db,2026-11-08-daily.db,2026-11-07-daily.db,2026-11-06-daily.db,"
                   "2026-11-05-daily.db,2026-11-04-daily.db,2026-11-03-daily.db");
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* The empty database's family is still empty. */
  g_clear_pointer (&list, g_free);
  list = describe_backups (empty_path);
  g_assert_cmpstr (list, ==, "");

  g_clear_object (&db);
  g_clear_object (&empty);
  cm_test_remove_tree (tmp);
}

/* Twelve backups before a change in one minute: the last ten are kept,
 * numbered in the order they were taken, beside the daily ones. */
static void
test_db_backups_before_change (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(CmDb) other = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 30, 8, 15, 42);
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "changes.db", NULL);
  g_autofree char *other_path = g_build_filename (tmp, "other", "changes.db", NULL);
  g_autofree char *list = NULL;
  g_autofree char *daily = NULL;
  CmBackup *newest;

  db = open_with_organisation (path, "Changes");
  g_setenv ("COMMISSIONER_TODAY", "2026-11-30", TRUE);
  g_assert_true (cm_backups_take_daily (db, &daily, &error));
  g_unsetenv ("COMMISSIONER_TODAY");
  g_assert_no_error (error);
  g_assert_nonnull (daily);

  for (int i = 1; i <= 12; i++)
    {
      g_assert_true (cm_backups_take_at (db, i == 12 ? CM_BACKUP_BEFORE_RESTORE : CM_BACKUP_BEFORE_IMPORT,
                                         when, NULL, &error));
      g_assert_no_error (error);
    }

  list = describe_backups (path);
  g_assert_cmpstr (list, ==,
                   "2026-11-30T0815-before-restore-12.db,"
                   "2026-11-30T0815-before-import-11.db,2026-11-30T0815-before-import-10.db,"
                   "2026-11-30T0815-before-import-9.db,2026-11-30T0815-before-import-8.db,"
                   "2026-11-30T0815-before-import-7.db,2026-11-30T0815-before-import-6.db,"
                   "2026-11-30T0815-before-import-5.db,2026-11-30T0815-before-import-4.db,"
                   "2026-11-30T0815-before-import-3.db,"
                   "2026-11-30-daily.db");

  backups = cm_backups_list (path, &error);
  g_assert_no_error (error);
  newest = g_ptr_array_index (backups, 0);
  g_assert_cmpint (newest->kind, ==, CM_BACKUP_BEFORE_RESTORE);
  g_assert_cmpstr (cm_backup_kind_label (newest->kind), ==, "Before a restore");
  {
    g_autofree char *shown = cm_backup_describe_time (newest);

    g_assert_cmpstr (shown, ==, "30 Nov 2026 08:15");
  }

  /* A database of the same name elsewhere has backups of its own. */
  {
    g_autofree char *other_dir = g_path_get_dirname (other_path);

    g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  }
  other = open_with_organisation (other_path, "Other");
  g_assert_true (cm_backups_take_at (other, CM_BACKUP_BEFORE_IMPORT, when, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_free);
  list = describe_backups (other_path);
  g_assert_cmpstr (list, ==, "2026-11-30T0815-before-import.db");
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = cm_backups_list (path, &error);
  g_assert_cmpuint (backups->len, ==, 11);

  g_clear_object (&other);
  g_clear_object (&db);
  cm_test_remove_tree (tmp);
}

static char *
organisation_names (CmDb *db)
{
  return cm_test_query_text (db, "SELECT group_concat (name, ',') FROM (SELECT name FROM organisations ORDER BY name)");
}

static void
record_change_cb (CmDb           *db,
                  const CmChange *change,
                  GString        *out)
{
  g_autofree char *text = cm_change_to_string (change);

  g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", text);
}

/* Restoring goes back to the backup; restoring the copy it takes first
 * goes forward again. Another connection stays usable throughout. */
static void
test_db_backups_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(CmDb) reader = NULL;
  g_autoptr(GString) changes = g_string_new (NULL);
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "restore.db", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *before = NULL;
  g_autofree char *before_undo = NULL;
  g_autofree char *names = NULL;
  g_autofree char *list = NULL;

  db = open_with_organisation (path, "Alpha");
  g_assert_true (cm_backups_take (db, CM_BACKUP_BEFORE_IMPORT, &backup, &error));
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (db, "INSERT INTO organisations (name, kind) VALUES ('Beta', 'school');"
                                 "UPDATE organisations SET kind = 'health' WHERE name = 'Alpha'", &error));
  g_assert_no_error (error);

  reader = cm_db_open (path, &error);
  g_assert_no_error (error);
  names = organisation_names (reader);
  g_assert_cmpstr (names, ==, "Alpha,Beta");
  g_clear_pointer (&names, g_free);

  g_signal_connect (db, "changed", G_CALLBACK (record_change_cb), changes);
  g_assert_true (cm_backups_restore (db, backup, &before, &error));
  g_assert_no_error (error);
  g_assert_nonnull (before);
  g_assert_nonnull (strstr (before, "-before-restore"));

  /* Every kind is announced, for any year, so every view reloads. */
  g_assert_cmpstr (changes->str, ==,
                   "workforce 0 0 0,catalogue 0 0 0,cycles 0 0 0,requirements 0 0 0,streams 0 0 0,"
                   "commissions 0 0 0,splits 0 0 0,transactions 0 0 0,settings 0 0 0,evaluation 0 0 0,scenarios 0 0 0");

  names = organisation_names (db);
  g_assert_cmpstr (names, ==, "Alpha");
  g_clear_pointer (&names, g_free);
  names = organisation_names (reader);
  g_assert_cmpstr (names, ==, "Alpha");
  g_clear_pointer (&names, g_free);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT kind = 'police' FROM organisations"), ==, 1);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), ==, 1);
  g_assert_cmpint (cm_test_query_int64 (db, "PRAGMA user_version"), ==, CM_DB_SCHEMA_VERSION);

  /* Undo: restoring what was there before. */
  g_assert_true (cm_backups_restore (db, before, &before_undo, &error));
  g_assert_no_error (error);
  names = organisation_names (reader);
  g_assert_cmpstr (names, ==, "Alpha,Beta");
  g_clear_pointer (&names, g_free);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT kind = 'health' FROM organisations WHERE name = 'Alpha'"), ==, 1);

  /* The connection still writes. */
  g_assert_true (cm_db_exec (db, "INSERT INTO organisations (name, kind) VALUES ('Gamma', 'private')", &error));
  g_assert_no_error (error);
  names = organisation_names (reader);
  g_assert_cmpstr (names, ==, "Alpha,Beta,Gamma");
  g_clear_pointer (&names, g_free);

  list = describe_backups (path);
  g_assert_nonnull (strstr (list, "before-restore"));

  g_clear_object (&reader);
  g_clear_object (&db);
  cm_test_remove_tree (tmp);
}

/* A backup that is not a whole Commissioner database of a schema this
 * version reads is refused, naming it; nothing changes and no copy is
 * left behind. */
static void
test_db_backups_restore_bad (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(CmDb) old = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "live.db", NULL);
  g_autofree char *notes = g_build_filename (tmp, "notes.db", NULL);
  g_autofree char *missing = g_build_filename (tmp, "missing.db", NULL);
  g_autofree char *newer = g_build_filename (tmp, "newer.db", NULL);
  g_autofree char *v1 = g_build_filename (tmp, "v1.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *names = NULL;
  g_autofree char *list = NULL;

  db = open_with_organisation (path, "Alpha");
  g_assert_true (g_file_set_contents (notes, "These are notes, not a database.\n", -1, NULL));

  g_assert_false (cm_backups_restore (db, notes, &before, &error));
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_NOT_COMMISSIONER);
  g_assert_nonnull (strstr (error->message, notes));
  g_assert_nonnull (strstr (error->message, "nothing was changed"));
  g_clear_error (&error);

  g_assert_false (cm_backups_restore (db, missing, &before, &error));
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* A copy written by a newer version. */
  g_assert_true (cm_db_backup (db, newer, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CmDb) copy = cm_db_open (newer, &error);

    g_assert_no_error (error);
    g_assert_true (cm_db_exec (copy, "PRAGMA user_version = 99", &error));
    g_assert_no_error (error);
  }
  g_assert_false (cm_backups_restore (db, newer, &before, &error));
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, newer));
  g_clear_error (&error);

  g_assert_null (before);
  names = organisation_names (db);
  g_assert_cmpstr (names, ==, "Alpha");
  list = describe_backups (path);
  g_assert_cmpstr (list, ==, "");

  /* A copy of an older schema is upgraded once it is in place. */
  old = cm_db_open_at_version (v1, 1, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (old, "INSERT INTO organisations (name, kind) VALUES ('From v1', 'school')", &error));
  g_assert_no_error (error);
  g_clear_object (&old);
  g_assert_true (cm_backups_restore (db, v1, &before, &error));
  g_assert_no_error (error);
  g_clear_pointer (&names, g_free);
  names = organisation_names (db);
  g_assert_cmpstr (names, ==, "From v1");
  g_assert_cmpint (cm_test_query_int64 (db, "PRAGMA user_version"), ==, CM_DB_SCHEMA_VERSION);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'settings'"), ==, 1);

  g_clear_object (&db);
  cm_test_remove_tree (tmp);
}

/* A database that cannot be opened is moved to the backup folder as it
 * is, and the backup put in its place. */
static void
test_db_backups_restore_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "damaged.db", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *before = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *names = NULL;
  g_autofree char *notes = g_build_filename (tmp, "notes.txt", NULL);
  gsize length = 0;
  gsize kept_length = 0;
  struct stat st;

  db = open_with_organisation (path, "Alpha");
  g_assert_true (cm_backups_take (db, CM_BACKUP_BEFORE_IMPORT, &backup, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  memset (contents + 100, 0xA5, 3000);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_assert_null (cm_db_open (path, &error));
  g_clear_error (&error);

  /* A bad backup changes nothing. */
  g_assert_true (g_file_set_contents (notes, "notes", -1, NULL));
  g_assert_false (cm_backups_restore_file (path, notes, &before, &error));
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_NOT_COMMISSIONER);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &kept, &kept_length, NULL));
  g_assert_cmpmem (kept, kept_length, contents, length);
  g_clear_pointer (&kept, g_free);

  g_assert_true (cm_backups_restore_file (path, backup, &before, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (before, "-before-restore"));
  g_assert_true (g_file_get_contents (before, &kept, &kept_length, NULL));
  g_assert_cmpmem (kept, kept_length, contents, length);
  g_assert_cmpint (g_stat (before, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  names = organisation_names (db);
  g_assert_cmpstr (names, ==, "Alpha");

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
count_waits_cb (CmDb     *db,
                guint     waited_seconds,
                gpointer  user_data)
{
  g_string_append_printf (user_data, "%u ", waited_seconds);
}

static void
test_db_busy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(CmDb) other = NULL;
  g_autoptr(GString) waits = g_string_new (NULL);
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "busy.db", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *expected_waited = NULL;
  gint64 start;

  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  other = cm_db_open (path, &error);
  g_assert_no_error (error);

  /* Another program holds the write lock: we fail cleanly, not hang. */
  g_assert_true (cm_db_begin (other, &error));
  cm_db_set_lock_wait (db, 0, NULL, NULL);
  g_assert_false (cm_db_begin (db, &error));
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_BUSY);
  expected = g_strdup_printf ("The database “%s” is locked by another program; nothing was written (waited 0 s)", path);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_true (cm_db_error_is_not_now (error));
  g_clear_error (&error);

  /* Waiting: told once when the wait starts, then given up after 1 s. */
  cm_db_set_lock_wait (db, 1, count_waits_cb, waits);
  start = g_get_monotonic_time ();
  g_assert_false (cm_db_begin (db, &error));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_BUSY);
  g_assert_cmpstr (waits->str, ==, "0 ");
  expected_waited = g_strdup_printf ("The database “%s” is locked by another program; nothing was written (waited 1 s)", path);
  g_assert_cmpstr (error->message, ==, expected_waited);
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


/* Without CM_DB_OPEN_CREATE nothing is created, not even a folder. */
static void
test_db_open_missing (void)
{
  static const CmDbOpenFlags flags[] = { CM_DB_OPEN_EXISTING, CM_DB_OPEN_READ_ONLY, CM_DB_OPEN_WRITE, CM_DB_OPEN_DRY_RUN };
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *missing = g_build_filename (tmp, "nope", "a.db", NULL);
  g_autofree char *folder = g_path_get_dirname (missing);
  g_autofree char *empty = g_build_filename (tmp, "empty.db", NULL);
  g_autofree char *expected = g_strdup_printf ("no database at %s; create one with `commissioner-cli --database %s init`",
                                               missing, missing);
  g_autofree char *expected_empty = g_strdup_printf ("%s is empty: it is not a Commissioner database; "
                                                     "create one with `commissioner-cli --database %s init`",
                                                     empty, empty);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) empty_error = NULL;
      g_autoptr(CmDb) db = cm_db_open_full (missing, flags[i], &error);
      g_autoptr(CmDb) empty_db = cm_db_open_full (empty, flags[i], &empty_error);

      g_assert_null (db);
      g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_MISSING);
      g_assert_cmpstr (error->message, ==, expected);
      g_assert_false (cm_db_error_is_not_now (error));
      g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

      g_assert_null (empty_db);
      g_assert_error (empty_error, CM_DB_ERROR, CM_DB_ERROR_MISSING);
      g_assert_cmpstr (empty_error->message, ==, expected_empty);
    }

  cm_test_remove_tree (tmp);
}

/* Reading a database of an older schema upgrades a copy in memory; the
 * file keeps its version and gets no .bak, -wal or -shm. */
static void
test_db_open_read_only_old (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) old = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "old.db", NULL);
  g_autofree char *name = NULL;
  g_autoptr(GDir) dir = NULL;
  guint n_files = 0;

  old = cm_db_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (old, "INSERT INTO organisations (name, kind) VALUES ('Kept', 'statutory')", &error));
  g_clear_object (&old);

  db = cm_db_open_full (path, CM_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cm_db_get_schema_version (db), ==, CM_DB_SCHEMA_VERSION);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'settings'"), ==, 1);
  name = cm_test_query_text (db, "SELECT name FROM organisations");
  g_assert_cmpstr (name, ==, "Kept");
  g_assert_null (cm_db_get_migration_backup (db));
  g_clear_object (&db);

  dir = g_dir_open (tmp, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  old = cm_db_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (old, "PRAGMA user_version"), ==, 1);
  g_clear_object (&old);
  cm_test_remove_tree (tmp);
}

static void
test_db_not_now (void)
{
  static const struct {
    CmDbError code;
    gboolean  not_now;
  } db_codes[] = {
    { CM_DB_ERROR_BUSY, TRUE },
    { CM_DB_ERROR_FULL, TRUE },
    { CM_DB_ERROR_READ_ONLY, TRUE },
    { CM_DB_ERROR_MISSING, FALSE },
    { CM_DB_ERROR_CONSTRAINT, FALSE },
    { CM_DB_ERROR_CORRUPT, FALSE },
    { CM_DB_ERROR_OPEN, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (db_codes); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (CM_DB_ERROR, db_codes[i].code, "x");

      g_assert_cmpint (cm_db_error_is_not_now (error), ==, db_codes[i].not_now);
    }

  {
    g_autoptr(GError) nospc = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_NOSPC, "x");
    g_autoptr(GError) noent = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_NOENT, "x");

    g_assert_true (cm_db_error_is_not_now (nospc));
    g_assert_false (cm_db_error_is_not_now (noent));
    g_assert_false (cm_db_error_is_not_now (NULL));
  }
}

/* Only the owner may read the data, whatever the umask: a new database
 * and its -wal and -shm, an existing one found readable by others once
 * it is opened for writing, and a backup. */
static void
test_db_mode (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "new.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *copy = g_build_filename (tmp, "copy.db", NULL);
  mode_t old_umask = umask (0);
  struct stat st;

  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (db, "INSERT INTO organisations (name, kind) VALUES ('A', 'police')", &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (shm, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (cm_db_backup (db, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Made readable by everyone while it was open. */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (wal, 0666), ==, 0);
  g_assert_cmpint (g_chmod (shm, 0640), ==, 0);
  g_clear_object (&db);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_chmod (copy, 0664), ==, 0);
  db = cm_db_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&db);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM organisations"), ==, 1);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&db);

  umask (old_umask);
  cm_test_remove_tree (tmp);
}

/* Each kind of bad file: refused with what is wrong, and left exactly as
 * it was, with no journal, -wal or -shm beside it. */
static void
test_db_bad_files (void)
{
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");

  for (CmTestBadFile kind = 0; kind < CM_TEST_BAD_N_KINDS; kind++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CmDb) db = NULL;
      g_autofree char *path = cm_test_write_bad_file (tmp, kind);
      g_autofree char *before = cm_test_fingerprint (path);
      g_autofree char *after = NULL;
      g_autofree char *expected = cm_test_bad_file_message (kind, path);

      db = cm_db_open (path, &error);
      g_assert_null (db);
      g_assert_error (error, CM_DB_ERROR, cm_test_bad_file_code (kind));
      g_assert_cmpstr (error->message, ==, expected);

      after = cm_test_fingerprint (path);
      g_assert_cmpstr (after, ==, before);
      cm_test_assert_no_side_files (path);
    }

  cm_test_remove_tree (tmp);
}

/* A string literal's bytes and their number, NULs included. */
#define BYTES(literal) (literal), sizeof (literal) - 1

/* Text that is not CSV, a PDF, a ZIP that is not a workbook, an old
 * Office file, a header cut short, and an empty file (a new database). */
static void
test_db_diagnose (void)
{
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "file.db", NULL);
  const struct {
    const char *bytes;
    gsize       length;
    const char *says;    /* after the path; NULL: nothing found */
  } cases[] = {
    { BYTES ("Minutes of the meeting\n"), "” is not a Commissioner database: it is a text file, not a database" },
    { BYTES ("%PDF-1.4\n%\342\343"), "” is not a Commissioner database: it is a PDF document, not a database" },
    { BYTES ("PK\003\004\024\000notes.txt"), "” is not a Commissioner database: it is a ZIP archive, not a database" },
    { BYTES ("\320\317\021\340\241\261\032\341"), "” is not a Commissioner database: it is an older Microsoft Office file (such as .xls or .doc), not a database" },
    { BYTES ("\001\002\003\000\377"), "” is not a Commissioner database: it is not an SQLite database at all" },
    { BYTES ("SQLite format 3\000\020\000"), "” is damaged: it ends part-way through (18 bytes, less than SQLite’s header of 100)" },
    { "", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (path, cases[i].bytes, cases[i].length, NULL));
      error = cm_db_diagnose_file (path);
      if (cases[i].says == NULL)
        g_assert_no_error (error);
      else
        {
          g_autofree char *expected = g_strdup_printf ("“%s%s", path, cases[i].says);

          g_assert_nonnull (error);
          g_assert_cmpstr (error->message, ==, expected);
        }
    }

  /* Cut short, but with a -wal or -journal that holds the missing pages:
   * left for SQLite to bring back. */
  {
    g_autofree char *truncated = cm_test_write_bad_file (tmp, CM_TEST_BAD_TRUNCATED);
    const char * const suffixes[] = { "-wal", "-journal" };
    GError *found;

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *side = g_strconcat (truncated, suffixes[i], NULL);

        g_assert_true (g_file_set_contents (side, "pages", -1, NULL));
        g_assert_null (cm_db_diagnose_file (truncated));
        g_unlink (side);
      }
    found = cm_db_diagnose_file (truncated);
    g_assert_error (found, CM_DB_ERROR, CM_DB_ERROR_CORRUPT);
    g_error_free (found);
  }

  cm_test_remove_tree (tmp);
}

/* A second connection opened in this process (as a worker's is, beside
 * the window's) must not drop the first one's locks: otherwise another
 * program that writes and closes takes itself for the last user and
 * deletes the -wal, and what the first connection writes next is lost.
 * Another program (the sqlite3 shell) must see that write. */
static void
test_db_second_connection (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = cm_test_make_temp_dir ("cm-test-db");
  g_autofree char *path = g_build_filename (tmp, "a.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *sqlite3_program = g_find_program_in_path ("sqlite3");
  g_autofree char *out = NULL;
  g_autoptr(CmDb) db = NULL;
  int wait_status = 0;

  if (sqlite3_program == NULL)
    {
      g_test_skip ("the sqlite3 shell is not installed");
      return;
    }

  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (db, "INSERT INTO settings (key, value) VALUES ('first', '1')", &error));
  g_assert_no_error (error);

  {
    g_autoptr(CmDb) second = cm_db_open (path, &error);

    g_assert_no_error (error);
  }

  /* Another program writes and closes: the -wal is still ours. */
  g_assert_cmpint (cm_test_run_cli (tmp, NULL, NULL, NULL, "--database", path, "init", NULL), ==, 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_true (cm_db_exec (db, "INSERT INTO settings (key, value) VALUES ('second', '2')", &error));
  g_assert_no_error (error);
  g_spawn_sync (tmp, (char *[]) { sqlite3_program, path, (char *) "SELECT group_concat (key) FROM settings WHERE key IN ('first', 'second')", NULL },
                NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "first,second\n");

  g_clear_object (&db);
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
  g_test_add_func ("/db/backups/names", test_db_backups_names);
  g_test_add_func ("/db/backups/daily", test_db_backups_daily);
  g_test_add_func ("/db/backups/before-change", test_db_backups_before_change);
  g_test_add_func ("/db/backups/restore", test_db_backups_restore);
  g_test_add_func ("/db/backups/restore-bad", test_db_backups_restore_bad);
  g_test_add_func ("/db/backups/restore-file", test_db_backups_restore_file);
  g_test_add_func ("/db/user-data", test_db_user_data);
  g_test_add_func ("/db/transaction", test_db_transaction);
  g_test_add_func ("/db/busy", test_db_busy);
  g_test_add_func ("/db/read-only", test_db_read_only);
  g_test_add_func ("/db/open-missing", test_db_open_missing);
  g_test_add_func ("/db/open-read-only-old", test_db_open_read_only_old);
  g_test_add_func ("/db/not-now", test_db_not_now);
  g_test_add_func ("/db/bad-files", test_db_bad_files);
  g_test_add_func ("/db/mode", test_db_mode);
  g_test_add_func ("/db/diagnose", test_db_diagnose);
  g_test_add_func ("/db/second-connection", test_db_second_connection);

  return g_test_run ();
}
