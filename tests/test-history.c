/* test-history.c
 *
 * Undo and Redo: what an action wrote is taken back exactly, rows and ids
 * included, rows removed by cascade come back, an import is one step, and
 * an undo never overwrites a change made since.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cm-budget.h"
#include "cm-context.h"
#include "cm-db-private.h"
#include "cm-backups.h"

#include "cm-test-util.h"

typedef struct
{
  char      *dir;
  CmContext *context;
  CmHistory *history;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = cm_test_make_temp_dir ("cm-test-history-XXXXXX");
  path = g_build_filename (fixture->dir, "h.db", NULL);
  fixture->context = cm_context_new_for_path (path, &error);
  g_assert_no_error (error);
  /* The tests of a delete and an import need real data; the others one
   * stream, which keeps them quick under the sanitizers. */
  if (GPOINTER_TO_INT (data))
    g_assert_true (cm_context_load_demo (fixture->context, &error));
  else
    g_assert_true (cm_db_exec (cm_context_get_db (fixture->context),
                               "INSERT INTO streams (code, name, funder, year, allocation_pence)"
                               " VALUES ('LSCB', 'LSCB training programme', 'LSCB', 2010, 6000000)", &error));
  g_assert_no_error (error);
  fixture->history = cm_context_get_history (fixture->context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->context);
  cm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Every split and every transaction's commission, in id order: what a
 * commission's delete touches through its cascades. */
static char *
budget_rows (CmDb *db)
{
  return cm_test_query_text (db,
                             "SELECT (SELECT count (*) FROM commissions) || '/' ||"
                             " (SELECT group_concat (x, ',') FROM"
                             "   (SELECT commission_id || ':' || stream_id || ':' || ifnull (percent_bp, '') || ':' || ifnull (amount_pence, '') AS x"
                             "    FROM splits ORDER BY commission_id, stream_id)) || '/' ||"
                             " (SELECT group_concat (x, ',') FROM"
                             "   (SELECT id || ':' || ifnull (commission_id, '-') AS x FROM transactions ORDER BY id))");
}

static void
test_history_delete_commission (Fixture       *fixture,
                                gconstpointer  data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = budget_rows (db);
  g_autofree char *after_delete = NULL;
  g_autofree char *after_undo = NULL;
  g_autofree char *after_redo = NULL;
  gint64 id = cm_test_query_int64 (db, "SELECT id FROM commissions WHERE code = 'CORE-SUPV'");
  gint64 transaction_id = cm_test_query_int64 (db, "SELECT id FROM transactions WHERE commission_id ="
                                                   " (SELECT id FROM commissions WHERE code = 'CORE-SUPV')");

  /* CORE-SUPV has two splits and one invoice in the example data. */
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count (*) FROM commissions"), ==, 59);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count (*) FROM splits WHERE commission_id ="
                                            " (SELECT id FROM commissions WHERE code = 'CORE-SUPV')"), ==, 2);
  g_assert_cmpint (transaction_id, >, 0);
  g_assert_false (cm_history_can_undo (fixture->history));

  cm_context_begin_undoable (fixture->context);
  g_assert_true (cm_budget_delete_commission (db, id, &error));
  g_assert_no_error (error);
  cm_context_end_undoable (fixture->context, "Delete commission CORE-SUPV");

  g_assert_true (cm_history_can_undo (fixture->history));
  g_assert_cmpstr (cm_history_get_undo_label (fixture->history), ==, "Delete commission CORE-SUPV");
  after_delete = budget_rows (db);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count (*) FROM commissions"), ==, 58);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count (*) FROM splits"), ==, 59);

  g_assert_true (cm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  after_undo = budget_rows (db);
  g_assert_cmpstr (after_undo, ==, before);
  /* The same id, so whatever pointed at it points at it again. */
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT id FROM commissions WHERE code = 'CORE-SUPV'"), ==, id);
  g_assert_false (cm_history_can_undo (fixture->history));
  g_assert_true (cm_history_can_redo (fixture->history));
  g_assert_cmpstr (cm_history_get_redo_label (fixture->history), ==, "Delete commission CORE-SUPV");

  g_assert_true (cm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  after_redo = budget_rows (db);
  g_assert_cmpstr (after_redo, ==, after_delete);
  g_assert_true (cm_history_can_undo (fixture->history));
  g_assert_false (cm_history_can_redo (fixture->history));

  g_assert_true (cm_history_undo (fixture->history, &error));
  g_free (after_undo);
  after_undo = budget_rows (db);
  g_assert_cmpstr (after_undo, ==, before);
  g_assert_cmpint (cm_test_query_int64 (db, "PRAGMA foreign_key_check"), ==, 0);
}

static void
test_history_conflict (Fixture       *fixture,
                       gconstpointer  data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;
  gint64 allocation = cm_test_query_int64 (db, "SELECT allocation_pence FROM streams WHERE code = 'LSCB'");

  g_assert_cmpint (allocation, >, 0);

  cm_context_begin_undoable (fixture->context);
  g_assert_true (cm_db_exec (db, "UPDATE streams SET allocation_pence = 100 WHERE code = 'LSCB'", &error));
  cm_context_end_undoable (fixture->context, "Change LSCB");

  /* A change nobody recorded: undoing must not overwrite it. */
  g_assert_true (cm_db_exec (db, "UPDATE streams SET allocation_pence = 200 WHERE code = 'LSCB'", &error));

  g_assert_false (cm_history_undo (fixture->history, &error));
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==,
                   "“Change LSCB” can no longer be undone: what it changed has been changed again since");
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT allocation_pence FROM streams WHERE code = 'LSCB'"), ==, 200);
  g_assert_false (cm_history_can_undo (fixture->history));

  /* A failed action keeps nothing. */
  g_clear_error (&error);
  cm_context_begin_undoable (fixture->context);
  g_assert_true (cm_db_exec (db, "UPDATE streams SET allocation_pence = 300 WHERE code = 'LSCB'", &error));
  cm_context_end_undoable (fixture->context, NULL);
  g_assert_false (cm_history_can_undo (fixture->history));

  /* Nothing written, nothing to undo. */
  cm_context_begin_undoable (fixture->context);
  cm_context_end_undoable (fixture->context, "Nothing");
  g_assert_false (cm_history_can_undo (fixture->history));
}

static void
test_history_limit (Fixture       *fixture,
                    gconstpointer  data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;

  for (int i = 1; i <= CM_HISTORY_MAX_STEPS + 5; i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE streams SET allocation_pence = %d WHERE code = 'LSCB'", i);
      g_autofree char *label = g_strdup_printf ("Step %d", i);

      cm_context_begin_undoable (fixture->context);
      g_assert_true (cm_db_exec (db, sql, &error));
      cm_context_end_undoable (fixture->context, label);
    }

  for (int i = 0; i < CM_HISTORY_MAX_STEPS; i++)
    g_assert_true (cm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_false (cm_history_can_undo (fixture->history));
  /* The oldest five were forgotten: Step 6 took 5 to 6, so undoing it
   * leaves 5. */
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT allocation_pence FROM streams WHERE code = 'LSCB'"), ==, 5);

  /* A new action forgets what could be redone. */
  g_assert_true (cm_history_can_redo (fixture->history));
  cm_context_begin_undoable (fixture->context);
  g_assert_true (cm_db_exec (db, "UPDATE streams SET allocation_pence = 7 WHERE code = 'LSCB'", &error));
  cm_context_end_undoable (fixture->context, "Seven");
  g_assert_false (cm_history_can_redo (fixture->history));
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_history_import (Fixture       *fixture,
                     gconstpointer  data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *csv = g_build_filename (fixture->dir, "spend.csv", NULL);
  g_autofree char *before = budget_rows (db);
  gint64 n_before = cm_test_query_int64 (db, "SELECT count (*) FROM transactions");
  gint64 old_amount = cm_test_query_int64 (db, "SELECT amount_pence FROM transactions WHERE id = (SELECT min (id) FROM transactions)");

  /* Two new invoices and a new amount for an existing one. */
  g_assert_cmpint (old_amount, !=, 1234);
  {
    g_autofree char *supplier = cm_test_query_text (db, "SELECT supplier FROM transactions WHERE id = (SELECT min (id) FROM transactions)");
    g_autofree char *reference = cm_test_query_text (db, "SELECT reference FROM transactions WHERE id = (SELECT min (id) FROM transactions)");
    g_autofree char *date = cm_test_query_text (db, "SELECT date FROM transactions WHERE id = (SELECT min (id) FROM transactions)");
    g_autofree char *text = g_strdup_printf ("date,amount,commission,stream,supplier,reference,kind\n"
                                             "2010-05-01,100.00,,LSCB,Acme Training,UNDO-1,invoice\n"
                                             "2010-05-02,200.00,,LSCB,Acme Training,UNDO-2,invoice\n"
                                             "%s,12.34,,,\"%s\",\"%s\",invoice\n",
                                             date, supplier, reference);

    g_assert_true (g_file_set_contents (csv, text, -1, &error));
  }

  cm_context_import_file_async (fixture->context, "spend", csv, FALSE, NULL, import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cm_context_import_file_finish (fixture->context, result, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count (*) FROM transactions"), ==, n_before + 2);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT amount_pence FROM transactions WHERE id = (SELECT min (id) FROM transactions)"), ==, 1234);
  g_assert_cmpstr (cm_history_get_undo_label (fixture->history), ==, "Import of spend.csv");

  /* The worker backed the data up first, as it was. */
  {
    g_autoptr(GPtrArray) backups = cm_backups_list (cm_context_get_path (fixture->context), &error);
    g_autoptr(CmDb) copy = NULL;
    CmBackup *backup;

    g_assert_no_error (error);
    g_assert_cmpuint (backups->len, ==, 1);
    backup = g_ptr_array_index (backups, 0);
    g_assert_cmpint (backup->kind, ==, CM_BACKUP_BEFORE_IMPORT);
    copy = cm_db_open (backup->path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (cm_test_query_int64 (copy, "SELECT count (*) FROM transactions"), ==, n_before);
  }

  g_assert_true (cm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count (*) FROM transactions"), ==, n_before);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT amount_pence FROM transactions WHERE id = (SELECT min (id) FROM transactions)"), ==, old_amount);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count (*) FROM transactions WHERE reference LIKE 'UNDO-%'"), ==, 0);
  {
    g_autofree char *after = budget_rows (db);

    g_assert_cmpstr (after, ==, before);
  }

  /* A dry run records nothing. */
  g_clear_object (&result);
  cm_context_import_file_async (fixture->context, "spend", csv, TRUE, NULL, import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cm_context_import_file_finish (fixture->context, result, NULL, &error));
  g_assert_false (cm_history_can_undo (fixture->history));
  {
    g_autoptr(GPtrArray) backups = cm_backups_list (cm_context_get_path (fixture->context), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (backups->len, ==, 1);
  }
  g_assert_cmpstr (cm_history_get_redo_label (fixture->history), ==, "Import of spend.csv");
}

static void
kinds_cb (CmContext      *context,
          const CmChange *change,
          guint          *kinds)
{
  *kinds |= change->kind;
}

/* Undoing an import of bookings takes back the statuses and the DNA
 * charges they raised, and tells the evaluation and spend views. */
static void
test_history_bookings (Fixture       *fixture,
                       gconstpointer  data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *csv = g_build_filename (fixture->dir, "bookings.csv", NULL);
  g_autofree char *before = cm_test_query_text (db,
                                                "SELECT group_concat (status, ',') FROM (SELECT status FROM bookings ORDER BY rowid)");
  gint64 charges = cm_test_query_int64 (db, "SELECT count (*) FROM transactions WHERE kind = 'charge-income'");
  guint kinds = 0;

  /* A private nursery worker who attended a one-day course did not, after all. */
  {
    g_autofree char *row = cm_test_query_text (db,
                                               "SELECT e.code || ',' || l.ref FROM bookings b"
                                               "  JOIN events e ON e.id = b.event_id JOIN learners l ON l.id = b.learner_id"
                                               "  JOIN organisations o ON o.id = l.organisation_id"
                                               " WHERE b.status = 'attended' AND o.kind = 'private' ORDER BY b.rowid LIMIT 1");
    g_autofree char *text = g_strdup_printf ("event,learner,status\n%s,dna\n", row);

    g_assert_true (g_file_set_contents (csv, text, -1, &error));
  }

  cm_context_import_file_async (fixture->context, "bookings", csv, FALSE, NULL, import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cm_context_import_file_finish (fixture->context, result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count (*) FROM transactions WHERE kind = 'charge-income'"), ==, charges + 1);

  g_signal_connect (fixture->context, "changed", G_CALLBACK (kinds_cb), &kinds);
  g_assert_true (cm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_signal_handlers_disconnect_by_func (fixture->context, kinds_cb, &kinds);

  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count (*) FROM transactions WHERE kind = 'charge-income'"), ==, charges);
  {
    g_autofree char *after = cm_test_query_text (db,
                                                 "SELECT group_concat (status, ',') FROM (SELECT status FROM bookings ORDER BY rowid)");

    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpuint (kinds & CM_CHANGE_EVALUATION, !=, 0);
  g_assert_cmpuint (kinds & CM_CHANGE_TRANSACTIONS, !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, with_example_data) \
  g_test_add ("/history/" path, Fixture, GINT_TO_POINTER (with_example_data), fixture_set_up, func, fixture_tear_down)

  ADD ("delete-commission", test_history_delete_commission, TRUE);
  ADD ("conflict", test_history_conflict, FALSE);
  ADD ("limit", test_history_limit, FALSE);
  ADD ("import", test_history_import, TRUE);
  ADD ("bookings", test_history_bookings, TRUE);

  return g_test_run ();
}
