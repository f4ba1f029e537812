/* test-audit.c
 *
 * The audit trail of money changes (HACKING.md, "Audit trail"): the exact
 * rows each edit through the core writes, none for a save that changes
 * nothing or a write that is refused, an undo adding rows and deleting
 * none, imports, and reading by item and by year.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cm-audit.h"
#include "cm-budget.h"
#include "cm-catalogue.h"
#include "cm-db-private.h"
#include "cm-fiscal.h"
#include "cm-import.h"
#include "cm-undo-step.h"

#include "cm-test-util.h"

typedef struct
{
  char *dir;
  CmDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("cm-test-audit-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "audit.db", NULL);
  fixture->db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_catalogue_install (fixture->db, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  cm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* "kind|item_id|label|year|field|old|new" for each entry, one a line,
 * with "-" for none. */
static char *
describe (GPtrArray *entries)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const CmAuditEntry *entry = g_ptr_array_index (entries, i);

      g_assert_cmpstr (entry->user, ==, "audit-tester");
      g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                                           entry->time, 0, 0));
      g_string_append_printf (out, "%s|%" G_GINT64_FORMAT "|%s|%d|%s|%s|%s\n",
                              entry->kind, entry->item_id, entry->label, entry->year, entry->field,
                              entry->old_value ? entry->old_value : "-",
                              entry->new_value ? entry->new_value : "-");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_item (CmDb        *db,
             CmAuditItem  item,
             gint64       id,
             const char  *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = cm_audit_list_item (db, item, id, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = describe (entries);
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_year (CmDb       *db,
             int         year,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = cm_audit_list_year (db, year, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = describe (entries);
  g_assert_cmpstr (text, ==, expected);
}

static gint64
count_audit (CmDb *db)
{
  return cm_test_query_int64 (db, "SELECT count(*) FROM audit");
}

/* Stream DH 2010 (£10,000.00) and commission C1 (2 events of 1 day,
 * 20 places, £500.00 a fee, £10.00 of materials a place) half on DH. */
static void
add_scenario (CmDb    *db,
              gint64  *out_stream,
              gint64  *out_commission)
{
  g_autoptr(CmBudgetStream) stream = cm_budget_stream_new ();
  g_autoptr(CmBudgetCommission) commission = cm_budget_commission_new ();
  CmBudgetSplit *split = cm_budget_split_new ();
  g_autoptr(GError) error = NULL;

  g_free (stream->code);
  stream->code = g_strdup ("DH");
  g_free (stream->name);
  stream->name = g_strdup ("DH grant");
  g_free (stream->funder);
  stream->funder = g_strdup ("DH");
  stream->year = 2010;
  stream->allocation_pence = 1000000;
  g_assert_true (cm_budget_save_stream (db, stream, &error));
  g_assert_no_error (error);

  g_free (commission->code);
  commission->code = g_strdup ("C1");
  g_free (commission->title);
  commission->title = g_strdup ("Level A");
  commission->year = 2010;
  commission->half = 1;
  commission->events = 2;
  commission->half_days = 2;
  commission->places = 20;
  commission->fee_per_event_pence = 50000;
  commission->materials_per_place_pence = 1000;
  split->stream_code = g_strdup ("DH");
  split->is_percent = TRUE;
  split->percent_bp = 5000;
  g_ptr_array_add (commission->splits, split);
  g_assert_true (cm_budget_save_commission (db, commission, &error));
  g_assert_no_error (error);

  *out_stream = stream->id;
  *out_commission = commission->id;
}

static gint64
add_invoice (CmDb *db)
{
  g_autoptr(CmBudgetTransaction) transaction = cm_budget_transaction_new ();
  g_autoptr(GError) error = NULL;

  g_date_clear (&transaction->date, 1);
  g_assert_true (cm_fiscal_parse_date ("2010-06-30", &transaction->date, NULL));
  transaction->amount_pence = 12345;
  transaction->commission_code = g_strdup ("C1");
  transaction->stream_code = g_strdup ("DH");
  g_free (transaction->supplier);
  transaction->supplier = g_strdup ("Acme");
  g_free (transaction->reference);
  transaction->reference = g_strdup ("INV-1");
  g_free (transaction->kind);
  transaction->kind = g_strdup ("invoice");
  g_assert_true (cm_budget_save_transaction (db, transaction, &error));
  g_assert_no_error (error);

  return transaction->id;
}

static void
test_audit_edits (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBudgetStream) stream = NULL;
  g_autoptr(CmBudgetCommission) commission = NULL;
  g_autoptr(CmBudgetTransaction) transaction = NULL;
  g_autofree char *sql = NULL;
  gint64 stream_id, commission_id, transaction_id;
  gint64 before;

  add_scenario (fixture->db, &stream_id, &commission_id);

  /* Adding: the money fields that are not £0.00, from none. */
  assert_item (fixture->db, CM_AUDIT_ITEM_STREAM, stream_id,
               "stream|1|DH 2010/11|2010|allocation|-|1000000\n");
  assert_item (fixture->db, CM_AUDIT_ITEM_COMMISSION, commission_id,
               "split|1|C1 / DH|2010|percent|-|5000\n"
               "commission|1|C1|2010|materials_per_place|-|1000\n"
               "commission|1|C1|2010|fee_per_event|-|50000\n");

  /* An allocation cut to £9,000.00. */
  stream = cm_budget_get_stream (fixture->db, stream_id, &error);
  g_assert_no_error (error);
  stream->allocation_pence = 900000;
  g_assert_true (cm_budget_save_stream (fixture->db, stream, &error));
  g_assert_no_error (error);
  assert_item (fixture->db, CM_AUDIT_ITEM_STREAM, stream_id,
               "stream|1|DH 2010/11|2010|allocation|1000000|900000\n"
               "stream|1|DH 2010/11|2010|allocation|-|1000000\n");

  /* A cost, two counts and the split: one row each, the split updated
   * in place rather than deleted and added. */
  commission = cm_budget_get_commission (fixture->db, commission_id, &error);
  g_assert_no_error (error);
  commission->fee_per_event_pence = 60000;
  commission->events = 3;
  commission->half_days = 3;
  ((CmBudgetSplit *) commission->splits->pdata[0])->percent_bp = 7500;
  g_assert_true (cm_budget_save_commission (fixture->db, commission, &error));
  g_assert_no_error (error);
  assert_item (fixture->db, CM_AUDIT_ITEM_COMMISSION, commission_id,
               "split|1|C1 / DH|2010|percent|5000|7500\n"
               "commission|1|C1|2010|days|2|3\n"
               "commission|1|C1|2010|events|2|3\n"
               "commission|1|C1|2010|fee_per_event|50000|60000\n"
               "split|1|C1 / DH|2010|percent|-|5000\n"
               "commission|1|C1|2010|materials_per_place|-|1000\n"
               "commission|1|C1|2010|fee_per_event|-|50000\n");

  /* Saving what is stored, or changing what is not money, adds nothing. */
  before = count_audit (fixture->db);
  g_free (commission->provider);
  commission->provider = g_strdup ("Trainers Ltd");
  g_assert_true (cm_budget_save_commission (fixture->db, commission, &error));
  g_assert_no_error (error);
  g_assert_true (cm_budget_set_commission_status (fixture->db, commission_id, "approved", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (fixture->db), ==, before);

  /* A transaction's amount, and its date into the next year: the row of
   * each change names the year the transaction is now in. */
  transaction_id = add_invoice (fixture->db);
  transaction = cm_budget_get_transaction (fixture->db, transaction_id, &error);
  g_assert_no_error (error);
  transaction->amount_pence = 12000;
  g_assert_true (cm_fiscal_parse_date ("2011-04-02", &transaction->date, NULL));
  g_assert_true (cm_budget_save_transaction (fixture->db, transaction, &error));
  g_assert_no_error (error);
  assert_item (fixture->db, CM_AUDIT_ITEM_TRANSACTION, transaction_id,
               "transaction|1|Acme INV-1|2011|date|2010-06-30|2011-04-02\n"
               "transaction|1|Acme INV-1|2011|amount|12345|12000\n"
               "transaction|1|Acme INV-1|2010|amount|-|12345\n");

  /* A refused write records nothing. */
  before = count_audit (fixture->db);
  transaction->amount_pence = 1;
  g_free (transaction->kind);
  transaction->kind = g_strdup ("gift");
  g_assert_false (cm_budget_save_transaction (fixture->db, transaction, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_INVALID);
  g_clear_error (&error);
  stream->allocation_pence = -1;
  g_assert_false (cm_budget_save_stream (fixture->db, stream, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_audit (fixture->db), ==, before);

  /* The year lists its items' rows, newest first; the invoice is now
   * in 2011 but its first amount was recorded in 2010. */
  assert_year (fixture->db, 2010,
               "transaction|1|Acme INV-1|2010|amount|-|12345\n"
               "split|1|C1 / DH|2010|percent|5000|7500\n"
               "commission|1|C1|2010|days|2|3\n"
               "commission|1|C1|2010|events|2|3\n"
               "commission|1|C1|2010|fee_per_event|50000|60000\n"
               "stream|1|DH 2010/11|2010|allocation|1000000|900000\n"
               "split|1|C1 / DH|2010|percent|-|5000\n"
               "commission|1|C1|2010|materials_per_place|-|1000\n"
               "commission|1|C1|2010|fee_per_event|-|50000\n"
               "stream|1|DH 2010/11|2010|allocation|-|1000000\n");
  assert_year (fixture->db, 2009, "");

  /* Every row carries the user and a time in UTC (checked by describe). */
  sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE user <> 'audit-tester'");
  g_assert_cmpint (cm_test_query_int64 (fixture->db, sql), ==, 0);
}

static void
test_audit_undo (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmUndoStep) step = NULL;
  g_autoptr(CmUndoStep) redo = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_after = NULL;
  gint64 stream_id, commission_id, transaction_id;
  gint64 before;

  add_scenario (fixture->db, &stream_id, &commission_id);
  transaction_id = add_invoice (fixture->db);

  /* Deleting the commission deletes its split and unlinks its invoice:
   * all three are recorded, naming the commission. */
  before = count_audit (fixture->db);
  g_assert_true (cm_db_record_begin (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_true (cm_budget_delete_commission (fixture->db, commission_id, &error));
  g_assert_no_error (error);
  step = cm_db_record_end (fixture->db, "Delete C1");
  g_assert_nonnull (step);
  g_assert_cmpint (count_audit (fixture->db), ==, before + 4);
  assert_item (fixture->db, CM_AUDIT_ITEM_TRANSACTION, transaction_id,
               "transaction|1|Acme INV-1|2010|commission|C1|-\n"
               "transaction|1|Acme INV-1|2010|amount|-|12345\n");

  /* Undoing adds the rows that put it back and deletes none. */
  kept = cm_test_query_text (fixture->db, "SELECT group_concat (id || field || coalesce (old_value, '-')"
                                          " || coalesce (new_value, '-'), ',') FROM audit");
  before = count_audit (fixture->db);
  redo = cm_undo_step_apply (step, fixture->db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (redo);
  kept_after = cm_test_query_text (fixture->db, "SELECT group_concat (id || field || coalesce (old_value, '-')"
                                                " || coalesce (new_value, '-'), ',') FROM audit"
                                                " WHERE id <= (SELECT max(id) FROM audit) - 4");
  g_assert_cmpstr (kept_after, ==, kept);
  g_assert_cmpint (count_audit (fixture->db), ==, before + 4);
  assert_item (fixture->db, CM_AUDIT_ITEM_COMMISSION, commission_id,
               "split|1|C1 / DH|2010|percent|-|5000\n"
               "commission|1|C1|2010|materials_per_place|-|1000\n"
               "commission|1|C1|2010|fee_per_event|-|50000\n"
               "commission|1|C1|2010|materials_per_place|1000|-\n"
               "commission|1|C1|2010|fee_per_event|50000|-\n"
               "split|1|C1 / DH|2010|percent|5000|-\n"
               "split|1|C1 / DH|2010|percent|-|5000\n"
               "commission|1|C1|2010|materials_per_place|-|1000\n"
               "commission|1|C1|2010|fee_per_event|-|50000\n");
  assert_item (fixture->db, CM_AUDIT_ITEM_TRANSACTION, transaction_id,
               "transaction|1|Acme INV-1|2010|commission|-|C1\n"
               "transaction|1|Acme INV-1|2010|commission|C1|-\n"
               "transaction|1|Acme INV-1|2010|amount|-|12345\n");
}

static const char spend_csv[] =
  "date,amount,commission,stream,supplier,reference,kind\n"
  "2010-05-01,100.00,C1,DH,Acme,INV-10,invoice\n"
  "2010-05-02,\"£1,234.56\",,DH,Books Ltd,B-7,invoice\n";

static void
test_audit_import (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(CmImportResult) result = { 0 };
  g_auto(CmImportResult) again = { 0 };
  g_auto(CmImportResult) refused = { 0 };
  g_auto(CmImportResult) dry = { 0 };
  const char *more_csv = "date,amount,supplier,reference,kind\n2010-05-09,7.00,Acme,INV-12,invoice\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;
  gint64 stream_id, commission_id;
  gint64 before;

  add_scenario (fixture->db, &stream_id, &commission_id);

  /* Each row added is a change of money, from none. */
  before = count_audit (fixture->db);
  g_assert_true (cm_import_data (fixture->db, "spend", "spend.csv", spend_csv, strlen (spend_csv),
                                 FALSE, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 2);
  g_assert_cmpint (count_audit (fixture->db), ==, before + 2);
  assert_year (fixture->db, 2010,
               "transaction|2|Books Ltd B-7|2010|amount|-|123456\n"
               "transaction|1|Acme INV-10|2010|amount|-|10000\n"
               "split|1|C1 / DH|2010|percent|-|5000\n"
               "commission|1|C1|2010|materials_per_place|-|1000\n"
               "commission|1|C1|2010|fee_per_event|-|50000\n"
               "stream|1|DH 2010/11|2010|allocation|-|1000000\n");

  /* The same file again changes nothing and records nothing; a dry run
   * and a refused file record nothing either. */
  before = count_audit (fixture->db);
  g_assert_true (cm_import_data (fixture->db, "spend", "spend.csv", spend_csv, strlen (spend_csv),
                                 FALSE, &again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again.unchanged, ==, 2);
  g_assert_true (cm_import_data (fixture->db, "spend", "more.csv", more_csv, strlen (more_csv),
                                 TRUE, &dry, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dry.inserted, ==, 1);
  bad = g_strconcat (spend_csv, "2010-05-03,12.00,,DH,Acme,INV-11,gift\n", NULL);
  g_assert_false (cm_import_data (fixture->db, "spend", "spend.csv", bad, strlen (bad),
                                  FALSE, &refused, NULL, &error));
  g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW);
  g_assert_nonnull (strstr (error->message, "spend.csv:4: column 'kind'"));
  g_clear_error (&error);
  g_assert_cmpint (count_audit (fixture->db), ==, before);
}

/* A bulk import (10,000 rows and more) records its new rows as one row
 * per financial year: the file, how many, and their total. */
static void
test_audit_bulk_import (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(CmImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("date,amount,commission,stream,supplier,reference,kind\n");
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *text = NULL;
  const char *one_row = "date,amount,supplier,reference,kind\n2010-08-01,5.00,Acme,INV-2,invoice\n";
  gint64 stream_id, commission_id;
  gint64 before;

  add_scenario (fixture->db, &stream_id, &commission_id);
  add_invoice (fixture->db);

  /* 6,000 rows of £1.00 in 2010/11 and 4,000 of £2.50 in 2011/12, and
   * the stored invoice with a new amount. */
  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (csv, "%s,%s,,,Bulk Ltd,B-%u,invoice\n",
                            i < 6000 ? "2010-07-01" : "2011-07-01", i < 6000 ? "1.00" : "2.50", i);
  g_string_append (csv, "2010-06-30,130.00,C1,DH,Acme,INV-1,invoice\n");

  before = count_audit (fixture->db);
  g_assert_true (cm_import_data (fixture->db, "spend", "bulk.csv", csv->str, csv->len,
                                 FALSE, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 10000);
  g_assert_cmpuint (result.updated, ==, 1);
  g_assert_cmpint (count_audit (fixture->db), ==, before + 3);

  entries = cm_audit_list_year (fixture->db, 2011, &error);
  g_assert_no_error (error);
  text = describe (entries);
  g_assert_cmpstr (text, ==, "import|0|bulk.csv: 4000 new transactions|2011|imported_amount|-|1000000\n");
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_free (text);
  entries = cm_audit_list_year (fixture->db, 2010, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >=, 2);
  g_ptr_array_set_size (entries, 2);
  text = describe (entries);
  g_assert_cmpstr (text, ==,
                   "import|0|bulk.csv: 6000 new transactions|2010|imported_amount|-|600000\n"
                   "transaction|1|Acme INV-1|2010|amount|12345|13000\n");

  /* Each later insert is recorded on its own again. */
  before = count_audit (fixture->db);
  g_assert_true (cm_import_data (fixture->db, "spend", "one.csv", one_row, strlen (one_row),
                                 FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (fixture->db), ==, before + 1);
}

/* An undo checks foreign keys at its commit, so it may put a split back
 * before its commission: the split is still recorded. */
static void
test_audit_split_first (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 stream_id, commission_id;

  add_scenario (fixture->db, &stream_id, &commission_id);
  g_assert_true (cm_db_exec (fixture->db,
                             "BEGIN;"
                             "PRAGMA defer_foreign_keys = ON;"
                             "INSERT INTO splits (commission_id, stream_id, percent_bp) VALUES (99, 1, 2500);"
                             "INSERT INTO commissions (id, code, title, year, half) VALUES (99, 'C99', 'Late', 2010, 1);"
                             "COMMIT;", &error));
  g_assert_no_error (error);
  assert_item (fixture->db, CM_AUDIT_ITEM_COMMISSION, 99,
               "split|99|#99 / DH|0|percent|-|2500\n");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("COMMISSIONER_USER", "audit-tester", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/audit/edits", Fixture, NULL, fixture_set_up, test_audit_edits, fixture_tear_down);
  g_test_add ("/audit/undo", Fixture, NULL, fixture_set_up, test_audit_undo, fixture_tear_down);
  g_test_add ("/audit/import", Fixture, NULL, fixture_set_up, test_audit_import, fixture_tear_down);
  g_test_add ("/audit/split-first", Fixture, NULL, fixture_set_up, test_audit_split_first, fixture_tear_down);
  g_test_add ("/audit/bulk-import", Fixture, NULL, fixture_set_up, test_audit_bulk_import, fixture_tear_down);

  return g_test_run ();
}
