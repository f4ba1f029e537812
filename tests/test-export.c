/* test-export.c
 *
 * The Excel workbooks, read back with openpyxl and recalculated with
 * LibreOffice through tests/export-check.py: values, number formats,
 * dates, formulas and their cached results against the core's figures;
 * the locale, failed writes and user text.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cm-budget.h"
#include "cm-db.h"
#include "cm-db-private.h"
#include "cm-demo.h"
#include "cm-domain.h"
#include "cm-evaluation.h"
#include "cm-export.h"
#include "cm-what-if.h"
#include "cm-export-private.h"
#include "cm-import.h"

#include "cm-test-util.h"

#define MONEY "£#,##0.00"

typedef struct
{
  char *dir;
  char *db_path;
  CmDb *db;
  GDate today;
} Fixture;

/* One cell as export-check.py prints it. */
typedef struct
{
  char kind;       /* s, n, d, f or r (recalculated) */
  char *value;
  char *format;
} Cell;

static void
cell_free (Cell *cell)
{
  g_free (cell->value);
  g_free (cell->format);
  g_free (cell);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = cm_test_make_temp_dir ("cm-test-export");
  fixture->db_path = g_build_filename (fixture->dir, "a.db", NULL);
  fixture->db = cm_db_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_demo_load (fixture->db, &error));
  g_assert_no_error (error);
  g_date_clear (&fixture->today, 1);
  g_date_set_dmy (&fixture->today, 15, G_DATE_NOVEMBER, 2010);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  cm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
}

static char *
checker (void)
{
  return g_build_filename (g_getenv ("G_TEST_SRCDIR"), "export-check.py", NULL);
}

static gboolean
have_python (void)
{
  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ||
      system ("/usr/bin/python3 -c 'import openpyxl' 2>/dev/null") != 0)
    {
      g_test_skip ("python3-openpyxl is not installed");
      return FALSE;
    }
  return TRUE;
}

static gboolean
have_libreoffice (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed; build-aux/dev.sh installs it");
      return FALSE;
    }
  return TRUE;
}

/* Runs export-check.py; every line "SHEET!A1\tkind\tvalue\tformat" goes
 * into the table, other lines into @out_lines. */
static GHashTable *
run_checker (GPtrArray  **out_lines,
             const char  *command,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *script = checker ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cell_free);
  int wait_status = 0;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) "/usr/bin/python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (char *) command);
  va_start (args, command);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("export-check.py %s failed: %s", command, err);

  if (out_lines != NULL)
    *out_lines = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 4);
      Cell *cell;

      if (g_strv_length (fields) != 4)
        {
          if (out_lines != NULL && lines[i][0] != '\0')
            g_ptr_array_add (*out_lines, g_strdup (lines[i]));
          continue;
        }
      cell = g_new0 (Cell, 1);
      cell->kind = fields[1][0];
      cell->value = g_strdup (fields[2]);
      cell->format = g_strdup (fields[3]);
      g_hash_table_replace (cells, g_strdup (fields[0]), cell);
    }

  return cells;
}

static const Cell *
get_cell (GHashTable *cells,
          const char *where)
{
  const Cell *cell = g_hash_table_lookup (cells, where);

  if (cell == NULL)
    g_error ("no cell %s in the workbook", where);
  return cell;
}

static void
assert_cell (GHashTable *cells,
             const char *where,
             char        kind,
             const char *value)
{
  const Cell *cell = get_cell (cells, where);

  g_assert_cmpint (cell->kind, ==, kind);
  g_assert_cmpstr (cell->value, ==, value);
}

/* A cell's number in pence, rounded to the penny. */
static gint64
cell_pence (GHashTable *cells,
            const char *where)
{
  const Cell *cell = get_cell (cells, where);
  double value = g_ascii_strtod (cell->value, NULL);

  return (gint64) (value * 100.0 + (value < 0 ? -0.5 : 0.5));
}

static void
assert_money (GHashTable *cells,
              const char *where,
              gint64      pence)
{
  const Cell *cell = get_cell (cells, where);

  g_assert_cmpint (cell_pence (cells, where), ==, pence);
  /* LibreOffice writes the pound sign escaped: "\£#,##0.00". */
  if (cell->kind != 'r')
    g_assert_cmpstr (cell->format, ==, MONEY);
}

static char *
export_finance (Fixture    *fixture,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (cm_export_write (fixture->db, CM_EXPORT_FINANCE, 2010, 0, &fixture->today,
                                  path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* The Summary and Quarterly cells of every stream against the core, from
 * @cells (cached "f" or recalculated "r" values alike). */
static void
assert_finance_figures (Fixture    *fixture,
                        GHashTable *cells)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBudgetSummary) summary = cm_budget_summary (fixture->db, 2010, &error);
  guint s;

  g_assert_no_error (error);
  for (s = 0; s <= summary->streams->len; s++)
    {
      const CmBudgetFigures *figures = s < summary->streams->len
        ? g_ptr_array_index (summary->streams, s) : summary->totals;
      guint row = 5 + s;
      const gint64 expected[] = {
        figures->allocation_pence, figures->proposed_pence, figures->committed_pence,
        figures->actual_pence, figures->forecast_pence, figures->variance_pence,
        figures->available_pence,
      };
      const int quarters[] = { 1, 2, 3, 4, CM_BUDGET_OUTSIDE_YEAR };
      g_autofree char *a = g_strdup_printf ("Summary!A%u", row);

      g_assert_cmpstr (get_cell (cells, a)->value, ==, figures->code != NULL ? figures->code : "Total");
      for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
        {
          g_autofree char *where = g_strdup_printf ("Summary!%c%u", 'C' + c, row);

          assert_money (cells, where, expected[c]);
        }
      if (figures->code == NULL)
        continue;
      for (guint q = 0; q < G_N_ELEMENTS (quarters); q++)
        {
          g_autofree char *where = g_strdup_printf ("Quarterly!%c%u", 'B' + q, row);

          g_assert_cmpint (cell_pence (cells, where), ==, figures->quarter_pence[quarters[q]]);
        }
    }
}

static void
test_export_finance (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) cells = NULL;
  const char * const header[] = {
    "Stream", "Funder", "Allocation", "Proposed", "Committed", "Actual", "Forecast", "Variance", "Available",
  };

  if (!have_python ())
    return;

  path = export_finance (fixture, "finance.xlsx");
  cells = run_checker (NULL, "dump", path, NULL);

  /* The header row exactly as DESIGN.md, one row per stream (the example
   * data has 9 in 2010/11), then the Total row. */
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    {
      g_autofree char *where = g_strdup_printf ("Summary!%c4", 'A' + c);

      assert_cell (cells, where, 's', header[c]);
    }
  assert_cell (cells, "Summary!A5", 's', "CORE");
  assert_cell (cells, "Summary!A13", 's', "LSCB");
  assert_cell (cells, "Summary!A14", 's', "Total");
  g_assert_false (g_hash_table_contains (cells, "Summary!A15"));
  assert_cell (cells, "Summary!A16", 's', "Unallocated spend (no stream)");

  /* CORE by hand: allocation £42,000.00 as a number, Actual the SUMIFS
   * over Transactions with the core's £19,286.28 cached (DNA charges
   * on CORE's courses bring it £1,112.00 below its invoices). */
  assert_cell (cells, "Summary!C5", 'n', "42000");
  g_assert_cmpstr (get_cell (cells, "Summary!C5")->format, ==, MONEY);
  assert_cell (cells, "Summary!F5", 'f', "19286.28");
  for (char c = 'D'; c <= 'I'; c++)
    {
      g_autofree char *where = g_strdup_printf ("Summary!%c5", c);

      g_assert_cmpint (get_cell (cells, where)->kind, ==, 'f');
    }
  assert_finance_figures (fixture, cells);

  /* Transactions: real dates, text, money. */
  assert_cell (cells, "Transactions!A1", 's', "Date");
  assert_cell (cells, "Transactions!H1", 's', "Amount");
  assert_cell (cells, "Transactions!A2", 'd', "2010-03-25");
  assert_cell (cells, "Transactions!B2", 's', "Outside year");
  assert_cell (cells, "Transactions!F2", 's', "INV-0931");
  assert_cell (cells, "Transactions!H2", 'n', "2040");
  g_assert_cmpstr (get_cell (cells, "Transactions!H2")->format, ==, MONEY);

  /* Commissions: planned cost, a split and Unfunded as a formula. */
  assert_cell (cells, "Commissions!A2", 's', "CORE-CHANGE");
  assert_cell (cells, "Commissions!E2", 's', "approved");
  assert_cell (cells, "Commissions!F2", 'n', "3300");
  assert_cell (cells, "Warnings!A2", 's', "over-committed");
  assert_cell (cells, "Warnings!B2", 's', "CWDC-YOUTH");
}

/* The Audit sheet: the year's changes of money, newest first, each
 * value formatted as the sheets that show it. */
static void
test_export_audit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBudgetTransaction) transaction = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autofree char *path = NULL;
  g_autofree char *label = NULL;
  g_autofree char *last = NULL;
  g_autofree char *after = NULL;
  g_autofree char *split_row = NULL;
  g_autofree char *split_new = NULL;
  g_autofree char *split_old = NULL;
  const char *header[] = { "Time", "User", "Item", "Field", "Old", "New" };
  gint64 n_entries;
  gint64 split_position;

  if (!have_python ())
    return;

  /* An invoice of 2010/11, £1.00 more and back. */
  transaction = cm_budget_get_transaction (fixture->db,
                                           cm_test_query_int64 (fixture->db, "SELECT id FROM transactions"
                                                                " WHERE reference = 'INV-1001'"),
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpint (transaction->amount_pence, ==, 153000);
  transaction->amount_pence = 153100;
  g_assert_true (cm_budget_save_transaction (fixture->db, transaction, &error));
  g_assert_no_error (error);
  transaction->amount_pence = 153000;
  g_assert_true (cm_budget_save_transaction (fixture->db, transaction, &error));
  g_assert_no_error (error);
  /* One time for every row, so that the sheet can be checked exactly. */
  g_assert_true (cm_db_exec (fixture->db, "UPDATE audit SET time = '2010-11-15T09:30:05Z'", &error));
  g_assert_no_error (error);

  path = export_finance (fixture, "finance.xlsx");
  cells = run_checker (NULL, "dump", path, NULL);

  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    {
      g_autofree char *where = g_strdup_printf ("Audit!%c1", 'A' + c);

      assert_cell (cells, where, 's', header[c]);
    }

  label = cm_test_query_text (fixture->db, "SELECT trim (supplier || ' ' || reference) FROM transactions WHERE reference = 'INV-1001'");
  assert_cell (cells, "Audit!A2", 'd', "2010-11-15 09:30:05");
  g_assert_cmpstr (get_cell (cells, "Audit!A2")->format, ==, "yyyy-mm-dd hh:mm:ss");
  assert_cell (cells, "Audit!B2", 's', "finance-officer");
  assert_cell (cells, "Audit!C2", 's', label);
  assert_cell (cells, "Audit!D2", 's', "Amount");
  assert_cell (cells, "Audit!E2", 'n', "1531");
  g_assert_cmpstr (get_cell (cells, "Audit!E2")->format, ==, MONEY);
  assert_cell (cells, "Audit!F2", 'n', "1530");
  g_assert_cmpstr (get_cell (cells, "Audit!F2")->format, ==, MONEY);
  assert_cell (cells, "Audit!E3", 'n', "1530");
  assert_cell (cells, "Audit!F3", 'n', "1531");

  /* A split added by the example data: none to a percentage. */
  split_position = cm_test_query_int64 (fixture->db,
                                        "SELECT count(*) FROM audit WHERE (year = 2010 OR year IS NULL) AND id >="
                                        " (SELECT max(id) FROM audit WHERE kind = 'split' AND field = 'percent' AND year = 2010)");
  split_new = cm_test_query_text (fixture->db,
                                  "SELECT printf ('%g', new_value / 10000.0) FROM audit"
                                  " WHERE id = (SELECT max(id) FROM audit WHERE kind = 'split' AND field = 'percent' AND year = 2010)");
  split_row = g_strdup_printf ("Audit!D%" G_GINT64_FORMAT, split_position + 1);
  assert_cell (cells, split_row, 's', "Split percent");
  split_old = g_strdup_printf ("Audit!E%" G_GINT64_FORMAT, split_position + 1);
  g_assert_false (g_hash_table_contains (cells, split_old));
  g_free (split_row);
  split_row = g_strdup_printf ("Audit!F%" G_GINT64_FORMAT, split_position + 1);
  assert_cell (cells, split_row, 'n', split_new);
  g_assert_cmpstr (get_cell (cells, split_row)->format, ==, "0.00%");

  /* Every entry of the year and of the charge policy, and no more. */
  n_entries = cm_test_query_int64 (fixture->db, "SELECT count(*) FROM audit WHERE year = 2010 OR year IS NULL");
  g_assert_cmpint (n_entries, >, 100);
  last = g_strdup_printf ("Audit!D%" G_GINT64_FORMAT, n_entries + 1);
  after = g_strdup_printf ("Audit!D%" G_GINT64_FORMAT, n_entries + 2);
  g_assert_true (g_hash_table_contains (cells, last));
  g_assert_false (g_hash_table_contains (cells, after));
}

static void
test_export_recalculate (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *recalculated = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *edited_recalculated = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) transactions = NULL;
  g_autoptr(GError) error = NULL;
  CmBudgetTransaction *changed = NULL;
  g_autofree char *where = NULL;

  if (!have_python () || !have_libreoffice ())
    return;

  path = export_finance (fixture, "finance.xlsx");
  recalculated = g_build_filename (fixture->dir, "recalculated.xlsx", NULL);
  cells = run_checker (&lines, "recalc", path, recalculated, NULL);

  /* Every formula's recomputed value is its cached value. */
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (lines, 0), "formulas "));
  g_assert_cmpint (atoi ((char *) g_ptr_array_index (lines, 0) + strlen ("formulas ")), >, 200);
  assert_finance_figures (fixture, cells);
  g_clear_pointer (&lines, g_ptr_array_unref);

  /* Edit INV-2011 (one part, DH-WDG, Q1, £3,300.00, of the delivered
   * DH-EYFS) in the workbook, and the same in the database. */
  before = run_checker (NULL, "dump", path, NULL);
  for (guint row = 2; where == NULL; row++)
    {
      g_autofree char *reference = g_strdup_printf ("Transactions!F%u", row);

      g_assert_true (g_hash_table_contains (before, reference));
      if (g_str_equal (get_cell (before, reference)->value, "INV-2011"))
        where = g_strdup_printf ("Transactions!H%u", row);
    }
  assert_cell (before, where, 'n', "3300");
  edited = g_build_filename (fixture->dir, "edited.xlsx", NULL);
  g_hash_table_unref (run_checker (NULL, "set", path, edited, where, "4533.21", NULL));
  edited_recalculated = g_build_filename (fixture->dir, "edited-recalculated.xlsx", NULL);
  g_clear_pointer (&cells, g_hash_table_unref);
  cells = run_checker (&lines, "recalc", edited, edited_recalculated, NULL);

  transactions = cm_budget_list_transactions (fixture->db, 2010, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < transactions->len; i++)
    {
      CmBudgetTransaction *transaction = g_ptr_array_index (transactions, i);

      if (g_str_equal (transaction->reference, "INV-2011"))
        changed = transaction;
    }
  g_assert_nonnull (changed);
  g_assert_cmpint (changed->amount_pence, ==, 330000);
  changed->amount_pence = 453321;
  g_assert_true (cm_budget_save_transaction (fixture->db, changed, &error));
  g_assert_no_error (error);

  /* Actual, Forecast, Variance, Available and Q1 follow, as the core has them. */
  assert_finance_figures (fixture, cells);
  g_assert_cmpint (cell_pence (cells, "Summary!F12") - cell_pence (before, "Summary!F12"), ==, 123321);
  g_assert_cmpint (cell_pence (cells, "Quarterly!B12") - cell_pence (before, "Quarterly!B12"), ==, 123321);
  assert_cell (before, "Summary!A12", 's', "DH-WDG");
}


static char *
export_kind (Fixture      *fixture,
             CmExportKind  kind,
             int           half,
             const char   *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (cm_export_write (fixture->db, kind, 2010, half, &fixture->today,
                                  path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* The commissions a stream of 2010 funds, as SQL: a split on it, or
 * spend charged to it. */
static char *
funded_by (const char *stream)
{
  return g_strdup_printf ("(SELECT commission_id FROM splits WHERE stream_id = (SELECT id FROM streams WHERE code = '%s' AND year = 2010)"
                          " UNION SELECT commission_id FROM transactions WHERE commission_id IS NOT NULL"
                          "   AND stream_id = (SELECT id FROM streams WHERE code = '%s' AND year = 2010))",
                          stream, stream);
}

/* Attended bookings at events of 2010/11 of the commissions @stream
 * funds, from learners matching @where. */
static gint64
trained (CmDb       *db,
         const char *stream,
         const char *where)
{
  g_autofree char *funded = funded_by (stream);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM bookings b JOIN events e ON e.id = b.event_id"
                                          "  JOIN learners l ON l.id = b.learner_id"
                                          "  JOIN organisations o ON o.id = l.organisation_id"
                                          "  LEFT JOIN staff_groups g ON g.id = l.staff_group_id"
                                          " WHERE b.status = 'attended' AND e.date BETWEEN '2010-04-01' AND '2011-03-31'"
                                          "   AND e.commission_id IN %s AND %s",
                                          funded, where);

  return cm_test_query_int64 (db, sql);
}

static void
assert_count (GHashTable *cells,
              const char *where,
              gint64      count)
{
  const Cell *cell = get_cell (cells, where);

  g_assert_cmpint (g_ascii_strtoll (cell->value, NULL, 10), ==, count);
  if (cell->kind != 'r')
    g_assert_cmpstr (cell->format, ==, "#,##0");
}

static void
test_export_dh_return (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *recalculated = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBudgetSummary) summary = cm_budget_summary (fixture->db, 2010, &error);
  const CmBudgetFigures *dh = g_ptr_array_index (summary->streams, 7);

  g_assert_no_error (error);
  g_assert_cmpstr (dh->code, ==, "DH-WDG");
  if (!have_python ())
    return;

  path = export_kind (fixture, CM_EXPORT_DH_RETURN, 0, "dh.xlsx");
  cells = run_checker (NULL, "dump", path, NULL);
  assert_cell (cells, "DH return!A4", 's', "1. Grant allocation and forecast");
  assert_cell (cells, "DH return!A5", 's', "Grant allocation for the year");
  assert_money (cells, "DH return!B5", 24000000);
  assert_money (cells, "DH return!B7", dh->forecast_pence);
  assert_money (cells, "DH return!B11", dh->quarter_pence[1]);
  assert_money (cells, "DH return!B15", dh->quarter_pence[CM_BUDGET_OUTSIDE_YEAR]);
  /* Total expenditure is a formula over the quarters: the stream's Actual. */
  assert_cell (cells, "DH return!A16", 's', "Total expenditure to date");
  g_assert_cmpint (get_cell (cells, "DH return!B16")->kind, ==, 'f');
  assert_money (cells, "DH return!B16", dh->actual_pence);
  /* PVI: the grant's minimum of 50% and the planned 41.3%, as percentages. */
  assert_cell (cells, "DH return!B19", 'n', "0.5");
  g_assert_cmpstr (get_cell (cells, "DH return!B19")->format, ==, "0.00%");
  assert_cell (cells, "DH return!B20", 'n', "0.413");
  /* Actual PVI: every DH commission with attendance is paid by DH alone,
   * so its actual is all its spend; weighted by it, 30.14%. */
  {
    g_autofree char *funded = funded_by ("DH-WDG");
    g_autofree char *others = g_strdup_printf ("SELECT count(*) FROM splits WHERE commission_id IN %s"
                                               " AND stream_id != (SELECT id FROM streams WHERE code = 'DH-WDG' AND year = 2010)", funded);
    g_autofree char *num = g_strdup_printf (
      "SELECT CAST (round (sum (a * 10000.0 * p / n) / sum (a)) AS INTEGER) FROM ("
      " SELECT (SELECT sum (amount_pence) FROM transactions t WHERE t.commission_id = m.id) AS a,"
      "  (SELECT count(*) FROM bookings b JOIN events e ON e.id = b.event_id"
      "    WHERE e.commission_id = m.id AND b.status = 'attended') AS n,"
      "  (SELECT count(*) FROM bookings b JOIN events e ON e.id = b.event_id JOIN learners l ON l.id = b.learner_id"
      "    JOIN organisations o ON o.id = l.organisation_id"
      "    WHERE e.commission_id = m.id AND b.status = 'attended' AND o.kind IN ('private', 'voluntary', 'independent')) AS p"
      " FROM commissions m WHERE m.id IN %s) WHERE n > 0 AND a IS NOT NULL", funded);

    g_assert_cmpint (cm_test_query_int64 (fixture->db, others), ==, 0);
    g_assert_cmpint (cm_test_query_int64 (fixture->db, num), ==, 3014);
    assert_cell (cells, "DH return!B21", 'n', "0.3014");
  }
  /* People trained, by sector (rows 34-41) and by kind (44-50), counted
   * from the bookings themselves. */
  {
    const char * const *sectors = cm_domain_values (CM_DOMAIN_SECTOR);
    const char * const *kinds = cm_domain_values (CM_DOMAIN_ORGANISATION_KIND);
    gint64 by_sector = 0;
    gint64 by_kind = 0;

    g_assert_cmpuint (g_strv_length ((char **) sectors), ==, 8);
    g_assert_cmpuint (g_strv_length ((char **) kinds), ==, 7);
    for (guint i = 0; sectors[i] != NULL; i++)
      {
        g_autofree char *where = g_strdup_printf ("DH return!B%u", 34 + i);
        g_autofree char *match = g_strdup_printf ("g.sector = '%s'", sectors[i]);
        gint64 expected = trained (fixture->db, "DH-WDG", match);

        assert_count (cells, where, expected);
        by_sector += expected;
      }
    for (guint i = 0; kinds[i] != NULL; i++)
      {
        g_autofree char *where = g_strdup_printf ("DH return!B%u", 44 + i);
        g_autofree char *match = g_strdup_printf ("o.kind = '%s'", kinds[i]);
        gint64 expected = trained (fixture->db, "DH-WDG", match);

        assert_count (cells, where, expected);
        by_kind += expected;
      }
    /* Every learner has a staff group in the example data. */
    g_assert_cmpint (by_sector, ==, 287);
    g_assert_cmpint (by_kind, ==, 287);
    assert_cell (cells, "DH return!B34", 'n', "101");
    assert_cell (cells, "DH return!B44", 'n', "137");
  }
  /* Spend by category adds up to the Actual too. */
  assert_cell (cells, "DH return!A31", 's', "Total");
  assert_money (cells, "DH return!B31", dh->actual_pence);

  if (!have_libreoffice ())
    return;
  recalculated = g_build_filename (fixture->dir, "dh-recalculated.xlsx", NULL);
  g_clear_pointer (&cells, g_hash_table_unref);
  cells = run_checker (&lines, "recalc", path, recalculated, NULL);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "formulas 2");
  assert_money (cells, "DH return!B16", dh->actual_pence);
}

static void
test_export_cwdc_claim (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *recalculated = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint blocks = 0;

  if (!have_python ())
    return;

  path = export_kind (fixture, CM_EXPORT_CWDC_CLAIM, 0, "cwdc.xlsx");
  cells = run_checker (NULL, "dump", path, NULL);
  /* One block per CWDC stream, the first with its evidence. */
  assert_cell (cells, "CWDC claim!A4", 's', "CWDC-IW: CWDC Integrated Working");
  assert_money (cells, "CWDC claim!B7", 5000000);
  assert_money (cells, "CWDC claim!B8", 3846400);
  assert_cell (cells, "CWDC claim!A13", 's', "Events delivered");
  /* Outputs: events of 2010/11 and attended places of the commissions
   * CWDC-IW funds, IW-IND shared with CORE among them. */
  {
    g_autofree char *funded = funded_by ("CWDC-IW");
    g_autofree char *events = g_strdup_printf ("SELECT count(*) FROM events WHERE date BETWEEN '2010-04-01' AND '2011-03-31'"
                                               " AND commission_id IN %s", funded);

    g_assert_cmpint (cm_test_query_int64 (fixture->db, events), ==, 22);
    assert_count (cells, "CWDC claim!B13", 22);
    assert_cell (cells, "CWDC claim!A14", 's', "Learners trained");
    assert_count (cells, "CWDC claim!B14", trained (fixture->db, "CWDC-IW", "1"));
  }
  assert_cell (cells, "CWDC claim!A18", 's', "Supplier");
  assert_cell (cells, "CWDC claim!D19", 's', "INV-3001");
  assert_cell (cells, "CWDC claim!C19", 'd', "2010-06-25");
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (((Cell *) value)->value, "CWDC-") && strstr (((Cell *) value)->value, ": ") != NULL)
      blocks++;
  g_assert_cmpuint (blocks, ==, 6);

  /* Each block's evidence total is a formula: £38,464.00 for CWDC-IW, its
   * spend to date. */
  if (!have_libreoffice ())
    return;
  recalculated = g_build_filename (fixture->dir, "cwdc-recalculated.xlsx", NULL);
  g_clear_pointer (&cells, g_hash_table_unref);
  cells = run_checker (&lines, "recalc", path, recalculated, NULL);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "formulas 6");
  {
    guint first = G_MAXUINT;
    g_autofree char *where = NULL;

    /* The first block's total is the one on the lowest row. */
    g_hash_table_iter_init (&iter, cells);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (g_str_equal (((Cell *) value)->value, "Total of the transactions"))
        first = MIN (first, (guint) atoi ((char *) key + strlen ("CWDC claim!A")));
    g_assert_cmpuint (first, <, G_MAXUINT);
    where = g_strdup_printf ("CWDC claim!B%u", first);
    g_assert_cmpint (cell_pence (cells, where), ==, 3846400);
  }
}

static const char * const today_2010_11_15[] = { "COMMISSIONER_TODAY", "2010-11-15", NULL };

/* Exports @kind for 2010 with commissioner-cli, as a user would. */
static char *
export_with_cli (Fixture    *fixture,
                 const char *kind,
                 const char *name)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (cm_test_run_cli (fixture->dir, today_2010_11_15, NULL, &err, "--database", fixture->db_path,
                                    "export", kind, "--year", "2010", "--output", path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  return path;
}

/* A number cell against a figure in hundredths (a rating) or basis
 * points (a rate), rounded half up as the core rounds it. */
static void
assert_hundredths (GHashTable *cells,
                   const char *where,
                   gint64      expected,
                   double      scale)
{
  double value = g_ascii_strtod (get_cell (cells, where)->value, NULL) * scale;

  g_assert_cmpint ((gint64) floor (value + 0.5 + 1e-9), ==, expected);
}

static gint64
course_sql (Fixture    *fixture,
            const char *code,
            const char *format)  /* EVENTS: the course's events of 2010/11 */
{
  g_autofree char *events = g_strdup_printf ("(SELECT e.id FROM events e JOIN commissions m ON m.id = e.commission_id"
                                             " WHERE m.code = '%s' AND e.date BETWEEN '2010-04-01' AND '2011-03-31')", code);
  g_auto(GStrv) parts = g_strsplit (format, "EVENTS", -1);
  g_autofree char *sql = g_strjoinv (events, parts);

  return cm_test_query_int64 (fixture->db, sql);
}

/* Every course row and the total row of the LSCB report against the
 * tables (counts, charges) and the core (rates and averages), from
 * @cells, cached or recalculated. */
static void
assert_lscb_figures (Fixture    *fixture,
                     GHashTable *cells)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmEvaluationReport) report = cm_evaluation_report (fixture->db, 2010, 0, CM_EVALUATION_BY_COMMISSION,
                                                               &fixture->today, &error);
  const char * const *kinds = cm_domain_values (CM_DOMAIN_ORGANISATION_KIND);
  g_autofree char *funded = funded_by ("LSCB");
  g_autofree char *courses_sql = g_strdup_printf ("SELECT count(DISTINCT commission_id) FROM events"
                                                  " WHERE date BETWEEN '2010-04-01' AND '2011-03-31' AND commission_id IN %s", funded);
  gint64 n_courses = cm_test_query_int64 (fixture->db, courses_sql);
  gint64 sums[8] = { 0 };
  guint row;

  g_assert_no_error (error);
  g_assert_cmpint (n_courses, ==, 8);
  for (row = 12; row < 12 + n_courses; row++)
    {
      g_autofree char *a = g_strdup_printf ("LSCB report!A%u", row);
      g_autofree char *code = g_strndup (get_cell (cells, a)->value, strcspn (get_cell (cells, a)->value, ":"));
      const CmEvaluationFigures *figures = NULL;
      const struct { char col; const char *sql; } counts[] = {
        { 'B', "SELECT count(*) FROM events WHERE id IN EVENTS" },
        { 'C', "SELECT sum(places) FROM events WHERE id IN EVENTS" },
        { 'D', "SELECT count(*) FROM bookings WHERE status = 'attended' AND event_id IN EVENTS" },
        { 'E', "SELECT count(*) FROM bookings WHERE status IN ('dna', 'late-cancel') AND event_id IN EVENTS" },
        { 'N', "SELECT count(*) FROM feedback WHERE event_id IN EVENTS" },
      };
      const struct { char col; CmEvaluationMeasure measure; double scale; } measures[] = {
        { 'F', CM_EVALUATION_FILL_PERCENT, 10000 },
        { 'O', CM_EVALUATION_CONTENT, 100 },
        { 'P', CM_EVALUATION_TRAINER, 100 },
        { 'Q', CM_EVALUATION_VENUE, 100 },
        { 'R', CM_EVALUATION_RELEVANCE, 100 },
        { 'S', CM_EVALUATION_CONFIDENCE_BEFORE, 100 },
        { 'T', CM_EVALUATION_CONFIDENCE_AFTER, 100 },
        { 'U', CM_EVALUATION_UPLIFT, 100 },
      };

      for (guint i = 0; i < report->rows->len; i++)
        if (g_strcmp0 (((CmEvaluationFigures *) g_ptr_array_index (report->rows, i))->key, code) == 0)
          figures = g_ptr_array_index (report->rows, i);
      g_assert_nonnull (figures);
      g_assert_true (g_str_has_prefix (code, "LSCB-"));

      for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
        {
          g_autofree char *where = g_strdup_printf ("LSCB report!%c%u", counts[i].col, row);
          gint64 expected = course_sql (fixture, code, counts[i].sql);

          assert_count (cells, where, expected);
          sums[i] += expected;
        }
      /* Attendance by kind adds up to Attended. */
      {
        gint64 by_kind = 0;

        for (guint k = 0; kinds[k] != NULL; k++)
          {
            g_autofree char *where = g_strdup_printf ("LSCB report!%c%u", 'G' + k, row);
            g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM bookings b JOIN learners l ON l.id = b.learner_id"
                                                    " JOIN organisations o ON o.id = l.organisation_id"
                                                    " WHERE b.status = 'attended' AND o.kind = '%s' AND b.event_id IN EVENTS", kinds[k]);
            gint64 expected = course_sql (fixture, code, sql);

            assert_count (cells, where, expected);
            by_kind += expected;
          }
        g_assert_cmpint (by_kind, ==, figures->attended);
      }
      for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
        {
          g_autofree char *where = g_strdup_printf ("LSCB report!%c%u", measures[i].col, row);
          gint64 expected;

          g_assert_true (cm_evaluation_ratio (figures, measures[i].measure, &expected));
          assert_hundredths (cells, where, expected, measures[i].scale);
        }
      /* Charges are income: the charge-income lines of the course, negated. */
      {
        g_autofree char *where = g_strdup_printf ("LSCB report!V%u", row);
        g_autofree char *sql = g_strdup_printf ("SELECT -coalesce (sum (t.amount_pence), 0) FROM transactions t"
                                                " JOIN commissions m ON m.id = t.commission_id"
                                                " WHERE t.kind = 'charge-income' AND m.code = '%s'", code);
        gint64 expected = cm_test_query_int64 (fixture->db, sql);

        assert_money (cells, where, expected);
        sums[5] += expected;
      }
    }

  /* The total row: sums, and rates and averages over all the forms. */
  {
    g_autofree char *a = g_strdup_printf ("LSCB report!A%u", row);
    g_autofree char *where = NULL;
    g_autofree char *sql = NULL;
    g_autofree char *events = g_strdup_printf ("(SELECT id FROM events WHERE date BETWEEN '2010-04-01' AND '2011-03-31'"
                                               " AND commission_id IN %s)", funded);
    const char cols[] = { 'B', 'C', 'D', 'E', 'N' };

    g_assert_cmpstr (get_cell (cells, a)->value, ==, "Total");
    for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
      {
        g_free (where);
        where = g_strdup_printf ("LSCB report!%c%u", cols[i], row);
        assert_count (cells, where, sums[i]);
      }
    g_free (where);
    where = g_strdup_printf ("LSCB report!V%u", row);
    assert_money (cells, where, sums[5]);
    /* The courses' own charges; the programme's £2,330.00 above also has
     * DNA-2010-Q2, charged to the stream with no course. */
    g_assert_cmpint (sums[5], ==, 188000);
    g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT amount_pence FROM transactions WHERE reference = 'DNA-2010-Q2'"
                                          " AND commission_id IS NULL"), ==, -45000);

    /* Fill: attended / places, in basis points, rounded half up. */
    g_free (where);
    where = g_strdup_printf ("LSCB report!F%u", row);
    assert_hundredths (cells, where, (sums[2] * 20000 + sums[1]) / (2 * sums[1]), 10000);
    /* Content: the mean of every form of the programme. */
    sql = g_strdup_printf ("SELECT CAST (floor (avg (content) * 100 + 0.5) AS INTEGER) FROM feedback WHERE event_id IN %s", events);
    g_free (where);
    where = g_strdup_printf ("LSCB report!O%u", row);
    assert_hundredths (cells, where, cm_test_query_int64 (fixture->db, sql), 100);
    g_free (sql);
    sql = g_strdup_printf ("SELECT CAST (floor ((avg (confidence_after) - avg (confidence_before)) * 100 + 0.5) AS INTEGER)"
                           " FROM feedback WHERE event_id IN %s", events);
    g_free (where);
    where = g_strdup_printf ("LSCB report!U%u", row);
    assert_hundredths (cells, where, cm_test_query_int64 (fixture->db, sql), 100);
  }
}

static void
test_export_lscb_report (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *recalculated = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *funded = funded_by ("LSCB");
  g_autofree char *others = g_strdup_printf ("SELECT count(*) FROM splits WHERE commission_id IN %s"
                                             " AND stream_id != (SELECT id FROM streams WHERE code = 'LSCB' AND year = 2010)"
                                             " AND commission_id IN (SELECT commission_id FROM events)", funded);

  /* The courses with events are paid by the LSCB alone, so the stream's
   * charges are all of theirs. */
  g_assert_cmpint (cm_test_query_int64 (fixture->db, others), ==, 0);
  if (!have_python ())
    return;

  path = export_with_cli (fixture, "lscb-report", "lscb.xlsx");
  cells = run_checker (NULL, "dump", path, NULL);
  assert_cell (cells, "LSCB report!A4", 's', "1. Funding of the programme");
  assert_money (cells, "LSCB report!B5", 6000000);
  assert_cell (cells, "LSCB report!A8", 's', "DNA charges raised from agencies");
  assert_money (cells, "LSCB report!B8", 233000);
  assert_cell (cells, "LSCB report!A11", 's', "Course");
  assert_cell (cells, "LSCB report!F11", 's', "Fill rate");
  assert_cell (cells, "LSCB report!A12", 's', "LSCB-A-H1: Safeguarding Level A: child protection awareness (April–September)");
  g_assert_cmpint (get_cell (cells, "LSCB report!F12")->kind, ==, 'f');
  g_assert_cmpstr (get_cell (cells, "LSCB report!F12")->format, ==, "0.00%");
  g_assert_cmpstr (get_cell (cells, "LSCB report!O12")->format, ==, "0.00");
  g_assert_cmpint (get_cell (cells, "LSCB report!B20")->kind, ==, 'f');
  assert_lscb_figures (fixture, cells);

  if (!have_libreoffice ())
    return;
  recalculated = g_build_filename (fixture->dir, "lscb-recalculated.xlsx", NULL);
  g_clear_pointer (&cells, g_hash_table_unref);
  cells = run_checker (&lines, "recalc", path, recalculated, NULL);
  g_assert_cmpuint (lines->len, ==, 1);
  /* Fill and uplift of 8 courses, 21 totals. */
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "formulas 37");
  assert_lscb_figures (fixture, cells);
}

/* The cells of one row of the evaluation workbook against the
 * `evaluation --json` figures of the same row, @json (hundredths, rates
 * as percentages); a null there is an empty cell. */
static void
assert_evaluation_row (GHashTable *cells,
                       GHashTable *json,
                       const char *sheet,
                       guint       row,
                       const char *code)
{
  const struct { char col; const char *key; double scale; gboolean count; } columns[] = {
    { 'C', "events", 1, TRUE },
    { 'D', "attended", 1, TRUE },
    { 'E', "responses", 1, TRUE },
    { 'G', "content", 1, FALSE },
    { 'H', "trainer", 1, FALSE },
    { 'I', "venue", 1, FALSE },
    { 'J', "relevance", 1, FALSE },
    { 'K', "confidence_before", 1, FALSE },
    { 'L', "confidence_after", 1, FALSE },
    { 'M', "uplift", 1, FALSE },
    { 'N', "reaching_confident_percent", 100, FALSE },
    { 'O', "followups_done", 1, TRUE },
    { 'P', "applied_average", 1, FALSE },
    { 'Q', "followups_overdue", 1, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *where = g_strdup_printf ("%s!%c%u", sheet, columns[i].col, row);
      g_autofree char *key = g_strdup_printf ("json!%s.%s", code, columns[i].key);
      const Cell *expected = g_hash_table_lookup (json, key);
      const Cell *cell = g_hash_table_lookup (cells, where);
      double want;

      if (expected == NULL)
        {
          g_assert_null (cell);
          continue;
        }
      g_assert_nonnull (cell);
      want = g_ascii_strtod (expected->value, NULL);
      if (columns[i].count)
        g_assert_cmpint (g_ascii_strtoll (cell->value, NULL, 10), ==, (gint64) want);
      else
        /* The core's figure is the cell's rounded half up to 2 decimals. */
        g_assert_cmpint ((gint64) floor (g_ascii_strtod (cell->value, NULL) * 100 * columns[i].scale + 0.5 + 1e-9), ==,
                         (gint64) floor (want * 100 + 0.5));
    }
}

static void
assert_evaluation_figures (GHashTable *cells,
                           GHashTable *json,
                           guint       n_commissions)
{
  guint row;

  for (row = 5; row < 5 + n_commissions; row++)
    {
      g_autofree char *a = g_strdup_printf ("By commission!A%u", row);

      assert_evaluation_row (cells, json, "By commission", row, get_cell (cells, a)->value);
    }
  {
    g_autofree char *a = g_strdup_printf ("By commission!A%u", row);

    g_assert_cmpstr (get_cell (cells, a)->value, ==, "Total");
    assert_evaluation_row (cells, json, "By commission", row, "Total");
  }
}

static void
test_export_evaluation (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *recalculated = NULL;
  g_autofree char *json_path = g_build_filename (fixture->dir, "evaluation.json", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GHashTable) json = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  gint64 n_commissions = cm_test_query_int64 (fixture->db, "SELECT count(DISTINCT commission_id) FROM events"
                                                           " WHERE date BETWEEN '2010-04-01' AND '2011-03-31'");
  gint64 n_competencies = cm_test_query_int64 (fixture->db, "SELECT count(DISTINCT coalesce (m.competency_id, 0)) FROM events e"
                                                            " JOIN commissions m ON m.id = e.commission_id"
                                                            " WHERE e.date BETWEEN '2010-04-01' AND '2011-03-31'");

  guint n_formulas = 0;

  g_assert_cmpint (n_commissions, ==, 35);
  if (!have_python ())
    return;

  path = export_with_cli (fixture, "evaluation", "evaluation.xlsx");
  g_assert_cmpint (cm_test_run_cli (fixture->dir, today_2010_11_15, &out, NULL, "--database", fixture->db_path,
                                    "evaluation", "--year", "2010", "--json", NULL), ==, 0);
  g_assert_true (g_file_set_contents (json_path, out, -1, NULL));
  json = run_checker (NULL, "json", json_path, NULL);
  assert_cell (json, "json!Total.attended", 'j', "1828");

  cells = run_checker (NULL, "dump", path, NULL);
  assert_cell (cells, "By commission!A1", 's', "Evaluation of training 2010/11: by commission");
  assert_cell (cells, "By commission!A4", 's', "Commission");
  assert_cell (cells, "By commission!A5", 's', "CORE-COMM");
  assert_cell (cells, "By commission!B5", 's', "Postgraduate Certificate in Strategic Commissioning");
  /* CORE-COMM: two attended, two forms of content 5 and 4. */
  assert_cell (cells, "By commission!G5", 'n', "4.5");
  g_assert_cmpstr (get_cell (cells, "By commission!G5")->format, ==, "0.00");
  g_assert_cmpint (get_cell (cells, "By commission!F5")->kind, ==, 'f');
  g_assert_cmpstr (get_cell (cells, "By commission!F5")->format, ==, "0.00%");
  assert_evaluation_figures (cells, json, (guint) n_commissions);
  /* By competency: a row each, and the same totals. */
  {
    g_autofree char *total = g_strdup_printf ("By competency!A%u", (guint) (5 + n_competencies));

    assert_cell (cells, total, 's', "Total");
    assert_evaluation_row (cells, json, "By competency", (guint) (5 + n_competencies), "Total");
  }

  if (!have_libreoffice ())
    return;
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, cells);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      n_formulas += ((Cell *) value)->kind == 'f';
  }
  recalculated = g_build_filename (fixture->dir, "evaluation-recalculated.xlsx", NULL);
  g_clear_pointer (&cells, g_hash_table_unref);
  cells = run_checker (&lines, "recalc", path, recalculated, NULL);
  g_assert_cmpuint (lines->len, ==, 1);
  /* Every formula recalculates to its cached value: the response rates
   * and uplifts of the rows with attended learners and forms, and 16 on
   * each Total row. */
  {
    g_autofree char *expected = g_strdup_printf ("formulas %u", n_formulas);

    g_assert_cmpint (n_competencies, ==, 25);
    g_assert_cmpuint (n_formulas, ==, 150);
    g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, expected);
  }
  assert_evaluation_figures (cells, json, (guint) n_commissions);
}

static void
test_export_tna (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *recalculated = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;

  /* A cycle that does not exist is refused, and nothing is written. */
  path = g_build_filename (fixture->dir, "tna.xlsx", NULL);
  g_assert_false (cm_export_write (fixture->db, CM_EXPORT_TNA, 2012, 1, &fixture->today, path, NULL, NULL, NULL, &error));
  g_assert_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no cycle 2012/13 H1"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&path, g_free);

  if (!have_python ())
    return;

  path = export_kind (fixture, CM_EXPORT_TNA, 1, "tna.xlsx");
  cells = run_checker (NULL, "dump", path, NULL);
  assert_cell (cells, "Needs matrix!A1", 's', "Staff group");
  assert_cell (cells, "Needs matrix!A2", 's', "CAMHS clinicians");
  assert_cell (cells, "Needs matrix!C2", 's', "Health");
  assert_cell (cells, "Needs matrix!H1", 's', "IW-CAF");
  assert_cell (cells, "Needs matrix!H2", 'n', "12");
  /* SG-B as needs --json has it: 530 places, priority 96, 27 events of
   * 20 at £66.00 a place = £35,640.00. */
  assert_cell (cells, "Suggested events!A2", 's', "SG-B");
  assert_cell (cells, "Suggested events!D2", 'n', "96");
  assert_cell (cells, "Suggested events!E2", 'n', "530");
  assert_cell (cells, "Suggested events!G2", 'f', "27");
  assert_money (cells, "Suggested events!H2", 6600);
  assert_money (cells, "Suggested events!I2", 3564000);
  assert_cell (cells, "Priorities!A2", 's', "Registered childminders");
  assert_cell (cells, "Priorities!D2", 's', "SG-B");
  assert_cell (cells, "Priorities!I2", 'n', "28");

  if (!have_libreoffice ())
    return;
  recalculated = g_build_filename (fixture->dir, "tna-recalculated.xlsx", NULL);
  g_clear_pointer (&cells, g_hash_table_unref);
  cells = run_checker (&lines, "recalc", path, recalculated, NULL);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (lines, 0), "formulas "));
  assert_money (cells, "Suggested events!I2", 3564000);
}

/* A user's copy of dh.ini in $XDG_CONFIG_HOME/commissioner/returns wins. */
static void
test_export_user_layout (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *shipped_path = g_build_filename (g_getenv ("COMMISSIONER_RETURNS_DIR"), "dh.ini", NULL);
  g_autofree char *folder = g_build_filename (g_get_user_config_dir (), "commissioner", "returns", NULL);
  g_autofree char *user_path = g_build_filename (folder, "dh.ini", NULL);
  g_autofree char *shipped = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "dh.xlsx", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) cells = NULL;
  GString *edited;
  /* The test's isolated folders are not in its environment. */
  const char * const env[] = { "COMMISSIONER_TODAY", "2010-11-15", "XDG_CONFIG_HOME", g_get_user_config_dir (), NULL };

  g_assert_true (g_file_get_contents (shipped_path, &shipped, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  edited = g_string_new (shipped);
  g_assert_cmpuint (g_string_replace (edited, "1=Grant allocation for the year|allocation",
                                      "1=Allocation notified in the grant letter|allocation", 1), ==, 1);
  g_assert_true (g_file_set_contents (user_path, edited->str, -1, NULL));
  g_clear_object (&fixture->db);

  g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, &err, "--database", fixture->db_path,
                                    "export", "dh-return", "--year", "2010", "--output", path, NULL), ==, 0);
  if (have_python ())
    {
      cells = run_checker (NULL, "dump", path, NULL);
      assert_cell (cells, "DH return!A5", 's', "Allocation notified in the grant letter");
      assert_money (cells, "DH return!B5", 24000000);
    }

  /* An unknown figure: refused with the file, line and key; no workbook. */
  g_assert_cmpuint (g_string_replace (edited, "3=Forecast outturn|forecast", "3=Forecast outturn|forecats", 1), ==, 1);
  g_assert_true (g_file_set_contents (user_path, edited->str, -1, NULL));
  g_unlink (path);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, &err, "--database", fixture->db_path,
                                    "export", "dh-return", "--year", "2010", "--output", path, NULL), ==, 1);
  {
    g_autofree char *expected = g_strdup_printf ("%s:16: key '3' in [Grant]: unknown figure “forecats”", user_path);

    g_assert_true (g_str_has_prefix (err, expected));
  }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_string_free (edited, TRUE);

  /* The table of courses: a column the table cannot have, and a rate
   * without the columns it is worked out from. */
  {
    g_autofree char *lscb_shipped_path = g_build_filename (g_getenv ("COMMISSIONER_RETURNS_DIR"), "lscb.ini", NULL);
    g_autofree char *lscb_path = g_build_filename (folder, "lscb.ini", NULL);
    g_autofree char *lscb = NULL;
    g_autofree char *expected = NULL;

    g_assert_true (g_file_get_contents (lscb_shipped_path, &lscb, NULL, NULL));
    edited = g_string_new (lscb);
    g_assert_cmpuint (g_string_replace (edited, "1=Events|events", "1=Events|spend-q1", 1), ==, 1);
    g_assert_true (g_file_set_contents (lscb_path, edited->str, -1, NULL));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, &err, "--database", fixture->db_path,
                                      "export", "lscb-report", "--year", "2010", "--output", path, NULL), ==, 1);
    expected = g_strdup_printf ("%s:22: key '1' in [Courses]: a column of the table of courses needs one of its figures, not “spend-q1”",
                                lscb_path);
    g_assert_true (g_str_has_prefix (err, expected));
    g_string_free (edited, TRUE);

    edited = g_string_new (lscb);
    g_assert_cmpuint (g_string_replace (edited, "2=Places|places\n", "", 1), ==, 1);
    g_assert_true (g_file_set_contents (lscb_path, edited->str, -1, NULL));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, &err, "--database", fixture->db_path,
                                      "export", "lscb-report", "--year", "2010", "--output", path, NULL), ==, 1);
    g_free (expected);
    expected = g_strdup_printf ("%s:25: key '5' in [Courses]: “fill-percent” is worked out from the “places” column, which the table does not have",
                                lscb_path);
    g_assert_true (g_str_has_prefix (err, expected));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_string_free (edited, TRUE);
  }
}

static void
test_export_locale (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *c_path = g_build_filename (fixture->dir, "c.xlsx", NULL);
  g_autofree char *de_path = g_build_filename (fixture->dir, "de.xlsx", NULL);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autofree char *script = NULL;
  const char * const c_env[] = { "LC_ALL", "C", "COMMISSIONER_TODAY", "2010-11-15", NULL };
  const char * const de_env[] = { "LC_ALL", "de_DE.UTF-8", "COMMISSIONER_TODAY", "2010-11-15", NULL };
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  if (!have_python ())
    return;

  g_clear_object (&fixture->db);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, c_env, NULL, NULL, "--database", fixture->db_path,
                                    "export", "finance", "--year", "2010", "--output", c_path, NULL), ==, 0);
  g_assert_cmpint (cm_test_run_cli (fixture->dir, de_env, NULL, &err, "--database", fixture->db_path,
                                    "export", "finance", "--year", "2010", "--output", de_path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  /* Every part but the creation time is the same, byte for byte. */
  script = g_strdup_printf ("import sys, zipfile\n"
                            "a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])\n"
                            "assert sorted(a.namelist()) == sorted(b.namelist())\n"
                            "for n in a.namelist():\n"
                            "    if n != 'docProps/core.xml' and a.read(n) != b.read(n): print(n)\n"
                            "print(len(a.namelist()))\n");
  g_spawn_sync (NULL, (char *[]) { (char *) "/usr/bin/python3", (char *) "-c", script, c_path, de_path, NULL },
                NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  /* 6 sheets' parts, the table, the chart and the rest: no difference. */
  g_assert_true (g_ascii_isdigit (out[0]));
  g_assert_cmpint (atoi (out), >, 15);
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* Makes @path impossible to write in or replace even as root (an
 * immutable file or folder), or read-only for anyone else. */
static gboolean
lock_down (const char *path,
           gboolean    locked)
{
  if (geteuid () == 0)
    {
      g_autofree char *command = g_strdup_printf ("chattr %si '%s' 2>/dev/null", locked ? "+" : "-", path);

      return system (command) == 0;
    }
  return g_chmod (path, locked ? 0555 : 0755) == 0;
}

static void
test_export_failed_writes (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *target = g_build_filename (folder, "finance.xlsx", NULL);
  g_autofree char *lock = g_build_filename (folder, ".~lock.finance.xlsx#", NULL);
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no", "such", "x.xlsx", NULL);
  const char * const env[] = { "COMMISSIONER_TODAY", "2010-11-15", NULL };

  g_clear_object (&fixture->db);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (target, "the old workbook", -1, NULL));

  /* Open in another program: refused, the old file kept. */
  g_assert_true (g_file_set_contents (lock, "", -1, NULL));
  g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, &err, "--database", fixture->db_path,
                                    "export", "finance", "--year", "2010", "--output", target, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "finance.xlsx"));
  g_assert_nonnull (strstr (err, "open in another program"));
  contents = read_file (target);
  g_assert_cmpstr (contents, ==, "the old workbook");
  g_unlink (lock);
  g_clear_pointer (&err, g_free);

  /* A folder where the file should be. */
  g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, &err, "--database", fixture->db_path,
                                    "export", "finance", "--year", "2010", "--output", folder, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "it is a folder"));
  g_clear_pointer (&err, g_free);

  /* A folder that does not exist. */
  g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, &err, "--database", fixture->db_path,
                                    "export", "finance", "--year", "2010", "--output", missing, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "does not exist"));
  g_clear_pointer (&err, g_free);

  /* A folder that cannot be written in: nothing left behind in it. */
  if (!lock_down (folder, TRUE))
    {
      g_test_skip ("cannot make a read-only folder here");
      return;
    }
  g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, &err, "--database", fixture->db_path,
                                    "export", "finance", "--year", "2010", "--output", target, NULL), ==, 3);
  lock_down (folder, FALSE);
  g_assert_nonnull (strstr (err, "is not writable"));
  g_clear_pointer (&contents, g_free);
  contents = read_file (target);
  g_assert_cmpstr (contents, ==, "the old workbook");
  g_clear_pointer (&err, g_free);

  /* A file that cannot be replaced. */
  if (!lock_down (target, TRUE))
    {
      g_test_skip ("cannot make an unreplaceable file here");
      return;
    }
  g_assert_cmpint (cm_test_run_cli (fixture->dir, env, NULL, &err, "--database", fixture->db_path,
                                    "export", "finance", "--year", "2010", "--output", target, NULL), ==, 1);
  lock_down (target, FALSE);
  g_assert_nonnull (strstr (err, "finance.xlsx"));
  g_clear_pointer (&contents, g_free);
  contents = read_file (target);
  g_assert_cmpstr (contents, ==, "the old workbook");
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (dir) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
}

static void
test_export_safe_text (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CmBudgetTransaction) transaction = cm_budget_transaction_new ();
  g_autoptr(CmBudgetTransaction) wild = cm_budget_transaction_new ();
  g_autoptr(CmBudgetStream) stream = cm_budget_stream_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *recalculated = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *clean = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean found = FALSE;
  guint n_imported = 0;
  const char imported[] =
    "date,amount,commission,stream,supplier,reference,kind\n"
    "2010-12-02,12.00,,CORE,\"=HYPERLINK(\"\"http://imported\"\",\"\"z\"\")\",@SUM(A1),invoice\n";
  gboolean found_audit = FALSE;

  /* A stream whose code SUMIFS would read as a wildcard: "DH*" must not
   * take DH-WDG's spend. */
  g_free (stream->code);
  stream->code = g_strdup ("DH*");
  g_free (stream->name);
  stream->name = g_strdup ("Odd code");
  g_free (stream->funder);
  stream->funder = g_strdup ("DH");
  stream->year = 2010;
  stream->allocation_pence = 100000;
  g_assert_true (cm_budget_save_stream (fixture->db, stream, &error));
  g_assert_no_error (error);
  g_free (wild->stream_code);
  wild->stream_code = g_strdup ("DH*");
  g_date_set_dmy (&wild->date, 2, G_DATE_DECEMBER, 2010);
  wild->amount_pence = 5678;
  g_free (wild->supplier);
  wild->supplier = g_strdup ("Wild Cards Ltd");
  g_free (wild->reference);
  wild->reference = g_strdup ("W-1");
  g_assert_true (cm_budget_save_transaction (fixture->db, wild, &error));
  g_assert_no_error (error);

  g_date_set_dmy (&transaction->date, 1, G_DATE_DECEMBER, 2010);
  transaction->amount_pence = 1234;
  g_free (transaction->stream_code);
  transaction->stream_code = g_strdup ("CORE");
  g_free (transaction->supplier);
  transaction->supplier = g_strdup ("=HYPERLINK(\"http://x\",\"y\")");
  g_free (transaction->reference);
  transaction->reference = g_strdup ("+1\x01-2\x1f@3");
  g_free (transaction->kind);
  transaction->kind = g_strdup ("invoice");
  g_assert_true (cm_budget_save_transaction (fixture->db, transaction, &error));
  g_assert_no_error (error);

  /* The same through a CSV import, as a finance system's file brings it. */
  g_assert_true (cm_import_data (fixture->db, "spend", "spend.csv", imported, strlen (imported),
                                 FALSE, NULL, NULL, &error));
  g_assert_no_error (error);

  if (!have_python ())
    return;

  path = export_finance (fixture, "finance.xlsx");
  cells = run_checker (NULL, "dump", path, NULL);
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Cell *cell = value;

      /* The audit trail repeats the text: as text too. */
      if (g_str_has_prefix (key, "Audit!"))
        {
          if (cell->value[0] == '=' || cell->value[0] == '@' || cell->value[0] == '+')
            g_assert_cmpint (cell->kind, ==, 's');
          if (g_str_has_prefix (key, "Audit!C") && g_str_has_prefix (cell->value, "=HYPERLINK(\"http://x"))
            {
              g_assert_cmpstr (cell->value, ==, "=HYPERLINK(\"http://x\",\"y\") +1-2@3");
              found_audit = TRUE;
            }
          continue;
        }
      if (g_str_has_prefix (cell->value, "=HYPERLINK(\"http://x"))
        {
          g_assert_cmpint (cell->kind, ==, 's');
          g_assert_cmpstr (cell->value, ==, "=HYPERLINK(\"http://x\",\"y\")");
          g_assert_true (g_str_has_prefix (key, "Transactions!E"));
          found = TRUE;
        }
      if (g_str_has_prefix (cell->value, "=HYPERLINK(\"http://imported"))
        {
          g_assert_cmpint (cell->kind, ==, 's');
          g_assert_cmpstr (cell->value, ==, "=HYPERLINK(\"http://imported\",\"z\")");
          n_imported++;
        }
      if (g_str_has_prefix (cell->value, "@SUM"))
        {
          g_assert_cmpint (cell->kind, ==, 's');
          g_assert_cmpstr (cell->value, ==, "@SUM(A1)");
          n_imported++;
        }
      /* Control characters gone, the sign and @ kept as text. */
      if (g_str_has_prefix (cell->value, "+1"))
        {
          g_assert_cmpint (cell->kind, ==, 's');
          g_assert_cmpstr (cell->value, ==, "+1-2@3");
        }
    }
  g_assert_true (found);
  g_assert_cmpuint (n_imported, ==, 2);
  g_assert_true (found_audit);

  /* The Summary row of DH*, recalculated: its own £56.78 only. */
  if (have_libreoffice ())
    {
      g_autoptr(GHashTable) after = NULL;
      g_autoptr(GPtrArray) lines = NULL;

      recalculated = g_build_filename (fixture->dir, "recalculated.xlsx", NULL);
      after = run_checker (&lines, "recalc", path, recalculated, NULL);
      g_assert_cmpuint (lines->len, ==, 1);
      assert_cell (cells, "Summary!A12", 's', "DH*");
      assert_money (after, "Summary!F12", 5678);
      assert_cell (cells, "Summary!A13", 's', "DH-WDG");
      assert_money (after, "Summary!F13", 12428000);
      assert_finance_figures (fixture, after);
    }

  /* Excel's limits: 32,767 characters a cell, 31 a sheet name. */
  for (guint i = 0; i < 40000; i++)
    g_string_append_c (long_text, 'a' + i % 26);
  clean = cm_export_clean_text (long_text->str);
  g_assert_cmpuint (strlen (clean), ==, 32767);
  g_clear_pointer (&clean, g_free);
  clean = cm_export_clean_text ("a\tb\nc\rd\x7f" "e");
  g_assert_cmpstr (clean, ==, "a\tb\ncde");
  g_clear_pointer (&clean, g_free);
  clean = cm_export_sheet_name ("'Q1/Q2 [draft]: spend*? by stream and quarter'");
  g_assert_cmpstr (clean, ==, "Q1-Q2 -draft-- spend-- by strea");
  g_clear_pointer (&clean, g_free);
  clean = cm_export_sheet_name ("");
  g_assert_cmpstr (clean, ==, "Sheet");
}

static void
test_export_cli (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "x.xlsx", NULL);

  g_clear_object (&fixture->db);

#define EXPORT(status, ...) \
  g_clear_pointer (&err, g_free); \
  g_assert_cmpint (cm_test_run_cli (fixture->dir, NULL, NULL, &err, "--database", fixture->db_path, \
                                    "export", __VA_ARGS__, NULL), ==, status)

  EXPORT (2, "--year", "2010", "--output", path);
  g_assert_nonnull (strstr (err, "which workbook"));
  EXPORT (2, "budget", "--year", "2010", "--output", path);
  g_assert_nonnull (strstr (err, "unknown workbook “budget”"));
  EXPORT (2, "finance", "--output", path);
  g_assert_nonnull (strstr (err, "--year YYYY is required"));
  EXPORT (2, "finance", "--year", "2010");
  g_assert_nonnull (strstr (err, "--output FILE.xlsx is required"));
  EXPORT (2, "finance", "--year", "2010", "--half", "3", "--output", path);
  g_assert_nonnull (strstr (err, "--half must be 1 or 2"));
  EXPORT (2, "tna", "--year", "2010", "--output", path);
  g_assert_nonnull (strstr (err, "--half 1 or --half 2 is required"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  EXPORT (0, "finance", "--year", "2010", "--output", path);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

#undef EXPORT
}

/* A cancelled export writes nothing and leaves the old file alone. */
static void
test_export_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "finance.xlsx", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n = 0;

  g_assert_true (g_file_set_contents (path, "the old workbook", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (cm_export_write (fixture->db, CM_EXPORT_FINANCE, 2010, 0, &fixture->today, path,
                                   NULL, NULL, cancellable, &error));
  g_assert_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the old workbook");

  /* No temporary file left behind: the database, its journal files and
   * the old workbook only. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (g_str_has_prefix (name, ".commissioner-export"));
      n++;
    }
  g_assert_cmpuint (n, >=, 2);
}

static void
test_export_names (void)
{
  g_autofree char *finance = cm_export_suggest_name (CM_EXPORT_FINANCE, 2010, 0);
  g_autofree char *tna = cm_export_suggest_name (CM_EXPORT_TNA, 2010, 2);
  g_autofree char *century = cm_export_suggest_name (CM_EXPORT_DH_RETURN, 2099, 0);
  CmExportKind kind = CM_EXPORT_N_KINDS;

  g_assert_cmpstr (finance, ==, "Commissioner finance 2010-11.xlsx");
  g_assert_cmpstr (tna, ==, "Commissioner tna 2010-11 H2.xlsx");
  g_assert_cmpstr (century, ==, "Commissioner dh-return 2099-00.xlsx");
  g_assert_cmpuint (g_strv_length ((char **) cm_export_kinds ()), ==, 6);
  g_assert_true (cm_export_kind_from_name ("cwdc-claim", &kind));
  g_assert_cmpint (kind, ==, CM_EXPORT_CWDC_CLAIM);
  g_assert_false (cm_export_kind_from_name ("Finance", &kind));
}

/* No workbook, and no --json output, holds a learner's name or email
 * unless asked for; the evaluation workbook's follow-ups due then name
 * each learner. */
static void
test_export_privacy (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const json_commands[][5] = {
    { "summary", "--year", "2010", "--json", NULL },
    { "warnings", "--year", "2010", "--json", NULL },
    { "evaluation", "--year", "2010", "--json", NULL },
    { "needs", "--year", "2010", "--half", "1" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *named = NULL;
  g_autofree char *with_names = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected_name = NULL;
  g_autofree char *expected_email = NULL;
  gint64 due_learner;

  if (!cm_test_have_program ("unzip"))
    {
      g_test_skip ("unzip is not installed");
      return;
    }

  g_assert_true (cm_db_exec (fixture->db,
                             "UPDATE learners SET name = 'Learner ' || id || ' Name', email = 'learner' || id || '@example.org'",
                             &error));
  g_assert_no_error (error);
  /* An attended learner with no follow-up yet, at a 2010 event. */
  due_learner = cm_test_query_int64 (fixture->db,
                                     "SELECT min (b.learner_id) FROM bookings b JOIN events e ON e.id = b.event_id"
                                     "  LEFT JOIN followups f ON f.event_id = b.event_id AND f.learner_id = b.learner_id"
                                     " WHERE b.status = 'attended' AND f.event_id IS NULL"
                                     "   AND e.date BETWEEN '2010-04-01' AND '2011-03-31'");
  g_assert_cmpint (due_learner, >, 0);
  expected_name = g_strdup_printf ("Learner %" G_GINT64_FORMAT " Name", due_learner);
  expected_email = g_strdup_printf ("learner%" G_GINT64_FORMAT "@example.org", due_learner);

  for (CmExportKind kind = 0; kind < CM_EXPORT_N_KINDS; kind++)
    {
      g_autofree char *name = g_strdup_printf ("kind-%d.xlsx", (int) kind);
      g_autofree char *path = export_kind (fixture, kind, cm_export_kind_uses_half (kind) ? 1 : 0, name);
      g_autofree char *contents = cm_test_workbook_text (path);

      g_assert_nonnull (strstr (contents, "<sheetData"));
      g_assert_null (strstr (contents, " Name<"));
      g_assert_null (strstr (contents, "@example.org"));

      /* Asked for where nobody is listed: refused, nothing written. */
      if (!cm_export_kind_lists_people (kind))
        {
          g_autofree char *refused = g_build_filename (fixture->dir, "refused.xlsx", NULL);
          g_autofree char *message = g_strdup_printf ("The %s workbook lists no learners, so it has no names to include",
                                                      cm_export_kinds ()[kind]);

          g_assert_false (cm_export_write_full (fixture->db, kind, 2010, cm_export_kind_uses_half (kind) ? 1 : 0,
                                                CM_EXPORT_WITH_NAMES, &fixture->today, refused, NULL, NULL, NULL, &error));
          g_assert_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, message);
          g_clear_error (&error);
          g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
        }
    }

  /* Without names, the follow-ups due still list the learner's ref. */
  named = export_kind (fixture, CM_EXPORT_EVALUATION, 0, "evaluation.xlsx");
  text = cm_test_workbook_text (named);
  g_assert_nonnull (strstr (text, "Follow-ups due"));
  g_assert_nonnull (strstr (text, "Names and emails are left out unless asked for."));
  g_clear_pointer (&text, g_free);

  with_names = g_build_filename (fixture->dir, "with-names.xlsx", NULL);
  g_assert_true (cm_export_write_full (fixture->db, CM_EXPORT_EVALUATION, 2010, 0, CM_EXPORT_WITH_NAMES, &fixture->today,
                                       with_names, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = cm_test_workbook_text (with_names);
  g_assert_nonnull (strstr (text, expected_name));
  g_assert_nonnull (strstr (text, expected_email));
  g_assert_nonnull (strstr (text, "This sheet names learners"));
  {
    GStatBuf st;

    /* Naming people: readable by its owner only, as the database is. */
    g_assert_cmpint (g_stat (with_names, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* The command line refuses it for a kind that lists nobody. */
  {
    g_autofree char *refused = g_build_filename (fixture->dir, "finance-names.xlsx", NULL);
    g_autofree char *err = NULL;

    g_assert_cmpint (cm_test_run_cli (fixture->dir, today_2010_11_15, NULL, &err, "--database", fixture->db_path,
                                      "export", "finance", "--year", "2010", "--output", refused, "--with-names", NULL), ==, 2);
    g_assert_true (g_str_has_prefix (err, "commissioner-cli: export finance: --with-names is only for a workbook that lists learners (evaluation)\n"));
    g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
  }

  for (guint i = 0; i < G_N_ELEMENTS (json_commands); i++)
    {
      g_autofree char *out = NULL;

      g_assert_cmpint (cm_test_run_cli (fixture->dir, today_2010_11_15, &out, NULL, "--database", fixture->db_path,
                                        json_commands[i][0], json_commands[i][1], json_commands[i][2],
                                        json_commands[i][3], json_commands[i][4], "--json", NULL), ==, 0);
      g_assert_cmpuint (strlen (out), >, 100);
      g_assert_null (strstr (out, " Name"));
      g_assert_null (strstr (out, "@example.org"));
    }
}

/* The what-if workbook of the example data with DH-WDG cut by 10%: the
 * figures of `what-if --year 2010 --cut DH-WDG=10`. */
static void
test_export_what_if (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();
  g_autoptr(CmWhatIfScenario) bad = cm_what_if_scenario_new ();
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "what-if.xlsx", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "bad.xlsx", NULL);
  g_autofree char *name = cm_export_what_if_suggest_name (2010);

  g_assert_cmpstr (name, ==, "Commissioner what-if 2010-11.xlsx");

  /* A stream the year does not have: nothing is written. */
  cm_what_if_scenario_set (bad, "NOPE", CM_WHAT_IF_CUT, 1000);
  g_assert_false (cm_export_what_if (fixture->db, 2010, bad, &fixture->today, missing, NULL, &error));
  g_assert_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_UNKNOWN_STREAM);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  if (!have_python ())
    return;

  cm_what_if_scenario_set (scenario, "DH-WDG", CM_WHAT_IF_CUT, 1000);
  g_assert_true (cm_export_what_if (fixture->db, 2010, scenario, &fixture->today, path, NULL, &error));
  g_assert_no_error (error);
  cells = run_checker (NULL, "dump", path, NULL);

  assert_cell (cells, "Streams!A1", 's', "Stream");
  assert_cell (cells, "Streams!J1", 's', "Remaining after");
  assert_cell (cells, "Streams!A2", 's', "CORE");
  assert_cell (cells, "Streams!B2", 's', "unchanged");
  assert_cell (cells, "Streams!A9", 's', "DH-WDG");
  assert_cell (cells, "Streams!B9", 's', "cut by 10%");
  assert_cell (cells, "Streams!C9", 'n', "240000");
  assert_cell (cells, "Streams!D9", 'n', "216000");
  assert_cell (cells, "Streams!F9", 'n', "192210");
  assert_cell (cells, "Streams!I9", 'n', "-1410");
  assert_cell (cells, "Streams!J9", 'n', "11790");
  assert_cell (cells, "Streams!A11", 's', "Total");
  assert_cell (cells, "Streams!C11", 'n', "544000");
  assert_cell (cells, "Streams!D11", 'n', "520000");
  assert_cell (cells, "Streams!J11", 'n', "34709");

  assert_cell (cells, "Kept!A2", 's', "WSPP-NVQ");
  assert_cell (cells, "Kept!A19", 's', "STEPUP-2");
  g_assert_null (g_hash_table_lookup (cells, "Kept!A20"));

  assert_cell (cells, "Deferred!H1", 's', "Blocked by");
  assert_cell (cells, "Deferred!A2", 's', "YOUTH-CAMH");
  assert_cell (cells, "Deferred!H2", 's', "CWDC-YOUTH");
  assert_cell (cells, "Deferred!F2", 'n', "38.2");
  assert_cell (cells, "Deferred!G2", 'n', "2550");
  assert_cell (cells, "Deferred!A3", 's', "DH-PQ-CP");
  assert_cell (cells, "Deferred!H3", 's', "DH-WDG");
  assert_cell (cells, "Deferred!G3", 'n', "24000");
  assert_cell (cells, "Deferred!A4", 's', "DH-NVQ2");
  assert_cell (cells, "Deferred!G4", 'n', "13200");
  g_assert_null (g_hash_table_lookup (cells, "Deferred!A5"));

  assert_cell (cells, "Unmet!A2", 's', "P-CAMH");
  assert_cell (cells, "Unmet!C2", 'n', "60");
  assert_cell (cells, "Unmet!D2", 'n', "38.2");
  assert_cell (cells, "Unmet!A3", 's', "Q-NVQ2");
  assert_cell (cells, "Unmet!C3", 'n', "12");
  assert_cell (cells, "Unmet!A4", 's', "Q-PQ");
  assert_cell (cells, "Unmet!C4", 'n', "10");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("COMMISSIONER_USER", "finance-officer", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/export/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/export/names", test_export_names);
  ADD ("finance", test_export_finance);
  ADD ("audit", test_export_audit);
  ADD ("recalculate", test_export_recalculate);
  ADD ("dh-return", test_export_dh_return);
  ADD ("cwdc-claim", test_export_cwdc_claim);
  ADD ("lscb-report", test_export_lscb_report);
  ADD ("evaluation", test_export_evaluation);
  ADD ("user-layout", test_export_user_layout);
  ADD ("tna", test_export_tna);
  ADD ("locale", test_export_locale);
  ADD ("failed-writes", test_export_failed_writes);
  ADD ("safe-text", test_export_safe_text);
  ADD ("cli", test_export_cli);
  ADD ("cancel", test_export_cancel);
  ADD ("privacy", test_export_privacy);
  ADD ("what-if", test_export_what_if);

#undef ADD

  return g_test_run ();
}
