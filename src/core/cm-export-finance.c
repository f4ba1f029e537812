/* cm-export-finance.c
 *
 * The finance workbook: Summary, Quarterly, Commissions, Transactions,
 * Warnings, Audit and Chart. Every total and derived figure is a formula over
 * the Transactions and Commissions sheets, written with the core's value
 * cached, so the workbook shows the planner's figures and follows an
 * edited amount (docs/figures.md, "Workbooks").
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-export"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cm-audit.h"
#include "cm-budget.h"
#include "cm-budget-private.h"
#include "cm-export-private.h"
#include "cm-fiscal.h"

#define SUMMARY_SHEET      "Summary"
#define QUARTERLY_SHEET    "Quarterly"
#define COMMISSIONS_SHEET  "Commissions"
#define TRANSACTIONS_SHEET "Transactions"
#define WARNINGS_SHEET     "Warnings"
#define AUDIT_SHEET        "Audit"
#define CHART_SHEET        "Chart"

/* Summary and Quarterly: a title, a line under it, a gap, the header. */
#define TITLED_HEADER_ROW 3

/* Transactions columns. */
enum { T_DATE, T_QUARTER, T_STREAM, T_COMMISSION, T_SUPPLIER, T_REFERENCE, T_KIND, T_AMOUNT, T_N_COLUMNS };

/* Commissions columns before the splits. */
enum { C_CODE, C_TITLE, C_CYCLE, C_PROVIDER, C_STATUS, C_PLANNED, C_FIRST_SPLIT };

typedef struct
{
  CmExportBook  *book;
  int            year;
  CmBudgetYear  *state;
  GPtrArray     *streams;      /* of CmBudgetFigures (borrowed), the Summary's rows */
  GPtrArray     *commissions;  /* of CmBudgetCommission (borrowed), the Commissions rows */
  GHashTable    *actual;       /* "commission\nstream" -> gint64 *, pence */

  /* The ranges the formulas use. */
  char          *t_amount;
  char          *t_stream;
  char          *t_commission;
  char          *t_quarter;
  char          *c_status;
  gboolean       table;        /* Transactions as an Excel table */
} Finance;

static const char *
quarter_name (int quarter)
{
  static const char * const names[] = { "Outside year", "Q1", "Q2", "Q3", "Q4" };

  return names[CLAMP (quarter, 0, 4)];
}

static char *
actual_key (const char *commission,
            const char *stream)
{
  return g_strconcat (commission, "\n", stream, NULL);
}

static gint64
actual_of (Finance    *f,
           const char *commission,
           const char *stream,
           gboolean   *out_found)
{
  g_autofree char *key = actual_key (commission, stream);
  gint64 *value = g_hash_table_lookup (f->actual, key);

  if (out_found != NULL)
    *out_found = value != NULL;
  return value != NULL ? *value : 0;
}

static const CmBudgetSplit *
find_split (const CmBudgetCommission *commission,
            gint64                    stream_id)
{
  for (guint i = 0; i < commission->splits->len; i++)
    {
      const CmBudgetSplit *split = g_ptr_array_index (commission->splits, i);

      if (split->stream_id == stream_id)
        return split;
    }
  return NULL;
}

static void
finance_clear (Finance *f)
{
  g_clear_pointer (&f->state, cm_budget_year_free);
  g_clear_pointer (&f->commissions, g_ptr_array_unref);
  g_clear_pointer (&f->actual, g_hash_table_unref);
  g_free (f->t_amount);
  g_free (f->t_stream);
  g_free (f->t_commission);
  g_free (f->t_quarter);
  g_free (f->c_status);
}

/* The commissions the Summary's formulas need: those of the year, and any
 * other whose spend went to one of the year's streams. */
static void
collect (Finance *f)
{
  CmBudgetModel *model = f->state->model;
  g_autoptr(GHashTable) spent_codes = g_hash_table_new (g_str_hash, g_str_equal);

  f->actual = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < f->state->parts->len; i++)
    {
      const CmBudgetPart *part = g_ptr_array_index (f->state->parts, i);
      g_autofree char *key = NULL;
      gint64 *value;

      if (part->commission_code == NULL || part->stream_code == NULL)
        continue;
      key = actual_key (part->commission_code, part->stream_code);
      value = g_hash_table_lookup (f->actual, key);
      if (value == NULL)
        {
          value = g_new0 (gint64, 1);
          g_hash_table_insert (f->actual, g_steal_pointer (&key), value);
        }
      *value += part->amount_pence;
      g_hash_table_add (spent_codes, part->commission_code);
    }

  f->commissions = g_ptr_array_new ();
  for (guint i = 0; i < model->commissions->len; i++)
    {
      CmBudgetCommission *commission = g_ptr_array_index (model->commissions, i);

      if (commission->year == f->year || g_hash_table_contains (spent_codes, commission->code))
        g_ptr_array_add (f->commissions, commission);
    }
}

static gboolean
write_transactions (Finance  *f,
                    GError  **error)
{
  static const CmExportColumn columns[T_N_COLUMNS] = {
    { N_("Date"), 13, FALSE },
    { N_("Quarter"), 12, FALSE },
    { N_("Stream"), 14, FALSE },
    { N_("Commission"), 14, FALSE },
    { N_("Supplier"), 30, FALSE },
    { N_("Reference"), 16, FALSE },
    { N_("Kind"), 14, FALSE },
    { N_("Amount"), 14, TRUE },
  };
  CmExportBook *book = f->book;
  lxw_worksheet *sheet = cm_export_add_sheet (book, TRANSACTIONS_SHEET);
  lxw_table_column table_columns[T_N_COLUMNS] = { { 0 } };
  lxw_table_column *column_pointers[T_N_COLUMNS + 1] = { NULL };
  lxw_table_options options = { 0 };
  GPtrArray *parts = f->state->parts;

  for (guint i = 0; i < T_N_COLUMNS; i++)
    {
      table_columns[i].header = (char *) columns[i].title;
      table_columns[i].header_format = columns[i].number ? book->header_number : book->header;
      column_pointers[i] = &table_columns[i];
      worksheet_set_column (sheet, (lxw_col_t) i, (lxw_col_t) i, columns[i].width, NULL);
    }
  options.name = (char *) "Transactions";
  options.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
  options.style_type_number = 9;
  options.columns = column_pointers;

  if (f->table)
    {
      worksheet_add_table (sheet, 0, 0, MAX (parts->len, 1), T_N_COLUMNS - 1, &options);
      worksheet_freeze_panes (sheet, 1, 0);
      worksheet_repeat_rows (sheet, 0, 0);
    }
  else
    {
      cm_export_header_row (book, sheet, 0, columns, T_N_COLUMNS);
      worksheet_autofilter (sheet, 0, 0, MAX (parts->len, 1), T_N_COLUMNS - 1);
    }

  for (guint i = 0; i < parts->len; i++)
    {
      const CmBudgetPart *part = g_ptr_array_index (parts, i);
      lxw_row_t row = i + 1;

      cm_export_date (book, sheet, row, T_DATE, &part->date);
      worksheet_write_string (sheet, row, T_QUARTER, quarter_name (part->quarter), NULL);
      cm_export_text (sheet, row, T_STREAM, part->stream_code != NULL ? part->stream_code : "Unallocated", NULL);
      cm_export_text (sheet, row, T_COMMISSION, part->commission_code, NULL);
      cm_export_text (sheet, row, T_SUPPLIER, part->supplier, NULL);
      cm_export_text (sheet, row, T_REFERENCE, part->reference, NULL);
      cm_export_text (sheet, row, T_KIND, part->kind, NULL);
      cm_export_money (book, sheet, row, T_AMOUNT, part->amount_pence);

      if (i % 8192 == 8191 && !cm_export_step (book, 0.2 + 0.6 * i / parts->len, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_commissions (Finance  *f,
                   GError  **error)
{
  CmExportBook *book = f->book;
  lxw_worksheet *sheet = cm_export_add_sheet (book, COMMISSIONS_SHEET);
  guint n_streams = f->streams->len;
  lxw_col_t unfunded_col = C_FIRST_SPLIT + n_streams;
  lxw_col_t first_spent = unfunded_col + 1;
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (CmExportColumn));
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  const CmExportColumn fixed[] = {
    { _("Code"), 14, FALSE },
    { _("Title"), 36, FALSE },
    { _("Cycle"), 12, FALSE },
    { _("Provider"), 24, FALSE },
    { _("Status"), 11, FALSE },
    { _("Planned cost"), 14, TRUE },
  };

  g_array_append_vals (columns, fixed, G_N_ELEMENTS (fixed));
  for (guint s = 0; s < n_streams; s++)
    {
      const CmBudgetFigures *stream = g_ptr_array_index (f->streams, s);
      CmExportColumn column = { NULL, 13, TRUE };

      g_ptr_array_add (titles, cm_export_clean_text (stream->code));
      column.title = g_ptr_array_index (titles, titles->len - 1);
      g_array_append_val (columns, column);
    }
  {
    CmExportColumn column = { _("Unfunded"), 13, TRUE };

    g_array_append_val (columns, column);
  }
  for (guint s = 0; s < n_streams; s++)
    {
      const CmBudgetFigures *stream = g_ptr_array_index (f->streams, s);
      CmExportColumn column = { NULL, 14, TRUE };

      g_ptr_array_add (titles, g_strdup_printf (_("Spent on %s"), stream->code));
      column.title = g_ptr_array_index (titles, titles->len - 1);
      g_array_append_val (columns, column);
    }

  cm_export_header_row (book, sheet, 0, (CmExportColumn *) columns->data, columns->len);
  worksheet_autofilter (sheet, 0, 0, MAX (f->commissions->len, 1), columns->len - 1);

  for (guint i = 0; i < f->commissions->len; i++)
    {
      const CmBudgetCommission *commission = g_ptr_array_index (f->commissions, i);
      lxw_row_t row = i + 1;
      g_autofree char *cycle = cm_fiscal_cycle_label (commission->year, commission->half);
      g_autofree char *planned_cell = cm_export_cell (row, C_PLANNED, FALSE);
      g_autofree char *code_cell = cm_export_cell (row, C_CODE, TRUE);
      g_autofree char *commission_criterion = cm_export_criterion (commission->code, code_cell);

      cm_export_text (sheet, row, C_CODE, commission->code, NULL);
      cm_export_text (sheet, row, C_TITLE, commission->title, NULL);
      cm_export_text (sheet, row, C_CYCLE, cycle, NULL);
      cm_export_text (sheet, row, C_PROVIDER, commission->provider, NULL);
      cm_export_text (sheet, row, C_STATUS, commission->status, NULL);
      cm_export_money (book, sheet, row, C_PLANNED, commission->planned_pence);

      for (guint s = 0; s < n_streams; s++)
        {
          const CmBudgetFigures *stream = g_ptr_array_index (f->streams, s);
          const CmBudgetSplit *split = find_split (commission, stream->stream_id);

          if (split != NULL)
            cm_export_money (book, sheet, row, C_FIRST_SPLIT + s, split->value_pence);
        }

      /* Unfunded is over the commission's own year's streams, which are
       * the split columns only for a commission of this year. */
      if (commission->year == f->year)
        {
          g_autofree char *first = cm_export_cell (row, C_FIRST_SPLIT, FALSE);
          g_autofree char *last = cm_export_cell (row, C_FIRST_SPLIT + MAX (n_streams, 1) - 1, FALSE);
          g_autofree char *formula = n_streams > 0
            ? g_strdup_printf ("=%s-SUM(%s:%s)", planned_cell, first, last)
            : g_strdup_printf ("=%s", planned_cell);

          cm_export_formula (sheet, row, unfunded_col, formula, commission->unfunded_pence / 100.0, book->money);
        }

      for (guint s = 0; s < n_streams; s++)
        {
          const CmBudgetFigures *stream = g_ptr_array_index (f->streams, s);
          gboolean found;
          gint64 actual = actual_of (f, commission->code, stream->code, &found);
          g_autofree char *header = NULL;
          g_autofree char *code = NULL;
          g_autofree char *formula = NULL;

          if (!found && find_split (commission, stream->stream_id) == NULL)
            continue;
          /* The split column's header holds the stream's code. */
          header = cm_export_cell (0, C_FIRST_SPLIT + s, TRUE);
          code = cm_export_criterion (stream->code, header);
          formula = g_strdup_printf ("=SUMIFS(%s,%s,%s,%s,%s)", f->t_amount, f->t_stream, code,
                                     f->t_commission, commission_criterion);
          cm_export_formula (sheet, row, first_spent + s, formula, actual / 100.0, book->money);
        }

      if (i % 1024 == 1023 && !cm_export_step (book, 0.1 + 0.1 * i / f->commissions->len, error))
        return FALSE;
    }

  return TRUE;
}

/* The split and spent columns of stream @s on the Commissions sheet. */
static void
commission_ranges (Finance *f,
                   guint    s,
                   char   **out_split,
                   char   **out_spent)
{
  lxw_row_t last = MAX (f->commissions->len, 1);

  *out_split = cm_export_range (COMMISSIONS_SHEET, 1, C_FIRST_SPLIT + s, last);
  *out_spent = cm_export_range (COMMISSIONS_SHEET, 1, C_FIRST_SPLIT + f->streams->len + 1 + s, last);
}

static void
write_title (CmExportBook  *book,
             lxw_worksheet *sheet,
             const char    *what)
{
  g_autofree char *title = g_strdup_printf ("%s: %s", book->title, what);
  g_autofree char *date = cm_fiscal_format_date (&book->today);
  g_autofree char *line = g_strdup_printf (_("Exported from Commissioner on %s. Totals and derived figures are formulas: they follow any amount edited on the Transactions sheet."), date);

  worksheet_set_row (sheet, 0, 22, NULL);
  cm_export_text (sheet, 0, 0, title, book->title_format);
  cm_export_text (sheet, 1, 0, line, book->note);
}

static gboolean
write_summary (Finance  *f,
               GError  **error)
{
  /* The header is part of the contract (DESIGN.md section 4). */
  static const CmExportColumn columns[] = {
    { N_("Stream"), 16, FALSE },
    { N_("Funder"), 10, FALSE },
    { N_("Allocation"), 15, TRUE },
    { N_("Proposed"), 15, TRUE },
    { N_("Committed"), 15, TRUE },
    { N_("Actual"), 15, TRUE },
    { N_("Forecast"), 15, TRUE },
    { N_("Variance"), 15, TRUE },
    { N_("Available"), 15, TRUE },
  };
  CmExportBook *book = f->book;
  lxw_worksheet *sheet = cm_export_add_sheet (book, SUMMARY_SHEET);
  const CmBudgetSummary *summary = f->state->summary;
  lxw_row_t header = TITLED_HEADER_ROW;
  lxw_row_t first = header + 1;
  lxw_row_t total_row = first + f->streams->len;
  g_autofree char *proposed_status = cm_export_formula_string ("proposed");

  write_title (book, sheet, _("Summary"));
  cm_export_header_row (book, sheet, header, columns, G_N_ELEMENTS (columns));

  for (guint s = 0; s < f->streams->len; s++)
    {
      const CmBudgetFigures *stream = g_ptr_array_index (f->streams, s);
      lxw_row_t row = first + s;
      g_autofree char *split = NULL;
      g_autofree char *spent = NULL;
      g_autofree char *allocation = cm_export_cell (row, 2, FALSE);
      g_autofree char *proposed = cm_export_cell (row, 3, FALSE);
      g_autofree char *actual = cm_export_cell (row, 5, FALSE);
      g_autofree char *forecast = cm_export_cell (row, 6, FALSE);
      g_autofree char *code_cell = cm_export_cell (row, 0, TRUE);
      g_autofree char *code = cm_export_criterion (stream->code, code_cell);
      g_autofree char *formula = NULL;

      commission_ranges (f, s, &split, &spent);
      cm_export_text (sheet, row, 0, stream->code, NULL);
      cm_export_text (sheet, row, 1, stream->funder, NULL);
      cm_export_money (book, sheet, row, 2, stream->allocation_pence);

      /* What proposed commissions still have to come on a split
       * (docs/figures.md, "The figures of a stream"). */
      formula = g_strdup_printf ("=SUMPRODUCT((%s=%s)*ISNUMBER(%s)*((%s-%s)>0)*(%s-%s))",
                                 f->c_status, proposed_status, split, split, spent, split, spent);
      cm_export_formula (sheet, row, 3, formula, stream->proposed_pence / 100.0, book->money);
      g_free (formula);

      formula = g_strdup_printf ("=SUMPRODUCT(((%s=\"approved\")+(%s=\"contracted\")+(%s=\"delivered\"))*%s)",
                                 f->c_status, f->c_status, f->c_status, split);
      cm_export_formula (sheet, row, 4, formula, stream->committed_pence / 100.0, book->money);
      g_free (formula);

      formula = g_strdup_printf ("=SUMIFS(%s,%s,%s)", f->t_amount, f->t_stream, code);
      cm_export_formula (sheet, row, 5, formula, stream->actual_pence / 100.0, book->money);
      g_free (formula);

      /* max(split, actual) of an open commitment is its actual plus what
       * is still to come, max(0, split − actual). */
      formula = g_strdup_printf ("=%s+SUMPRODUCT(((%s=\"approved\")+(%s=\"contracted\"))*((%s-%s)>0)*(%s-%s))",
                                 actual, f->c_status, f->c_status, split, spent, split, spent);
      cm_export_formula (sheet, row, 6, formula, stream->forecast_pence / 100.0, book->money);
      g_free (formula);

      formula = g_strdup_printf ("=%s-%s", allocation, forecast);
      cm_export_formula (sheet, row, 7, formula, stream->variance_pence / 100.0, book->money);
      g_free (formula);

      formula = g_strdup_printf ("=%s-%s-%s", allocation, forecast, proposed);
      cm_export_formula (sheet, row, 8, formula, stream->available_pence / 100.0, book->money);
    }

  cm_export_text (sheet, total_row, 0, _("Total"), book->total_text);
  worksheet_write_blank (sheet, total_row, 1, book->total_text);
  {
    const gint64 totals[] = {
      summary->totals->allocation_pence, summary->totals->proposed_pence,
      summary->totals->committed_pence, summary->totals->actual_pence,
      summary->totals->forecast_pence, summary->totals->variance_pence,
      summary->totals->available_pence,
    };

    for (guint c = 0; c < G_N_ELEMENTS (totals); c++)
      {
        g_autofree char *top = cm_export_cell (first, 2 + c, FALSE);
        g_autofree char *bottom = cm_export_cell (MAX (total_row, first + 1) - 1, 2 + c, FALSE);
        g_autofree char *formula = f->streams->len > 0
          ? g_strdup_printf ("=SUM(%s:%s)", top, bottom) : g_strdup ("=0");

        cm_export_formula (sheet, total_row, 2 + c, formula, totals[c] / 100.0, book->total_money);
      }
  }

  {
    g_autofree char *formula = g_strdup_printf ("=SUMIFS(%s,%s,\"Unallocated\")", f->t_amount, f->t_stream);

    cm_export_text (sheet, total_row + 2, 0, _("Unallocated spend (no stream)"), NULL);
    cm_export_formula (sheet, total_row + 2, 5, formula, summary->unallocated_pence / 100.0, book->money);
  }

  return cm_export_step (book, 0.9, error);
}

static gboolean
write_quarterly (Finance  *f,
                 GError  **error)
{
  static const CmExportColumn columns[] = {
    { N_("Stream"), 16, FALSE },
    { N_("Q1 Apr–Jun"), 15, TRUE },
    { N_("Q2 Jul–Sep"), 15, TRUE },
    { N_("Q3 Oct–Dec"), 15, TRUE },
    { N_("Q4 Jan–Mar"), 15, TRUE },
    { N_("Outside year"), 15, TRUE },
    { N_("Total"), 15, TRUE },
  };
  static const int slots[] = { 1, 2, 3, 4, CM_BUDGET_OUTSIDE_YEAR };
  CmExportBook *book = f->book;
  lxw_worksheet *sheet = cm_export_add_sheet (book, QUARTERLY_SHEET);
  const CmBudgetSummary *summary = f->state->summary;
  lxw_row_t header = TITLED_HEADER_ROW;
  lxw_row_t first = header + 1;
  lxw_row_t total_row = first + f->streams->len + 1;
  gint64 column_totals[G_N_ELEMENTS (slots) + 1] = { 0 };

  write_title (book, sheet, _("Spend by quarter"));
  cm_export_header_row (book, sheet, header, columns, G_N_ELEMENTS (columns));

  for (guint s = 0; s <= f->streams->len; s++)
    {
      const CmBudgetFigures *stream = s < f->streams->len ? g_ptr_array_index (f->streams, s) : NULL;
      const gint64 *quarters = stream != NULL ? stream->quarter_pence : summary->unallocated_quarter_pence;
      lxw_row_t row = first + s;
      g_autofree char *code_cell = cm_export_cell (row, 0, TRUE);
      g_autofree char *code = cm_export_criterion (stream != NULL ? stream->code : "Unallocated", code_cell);
      g_autofree char *left = cm_export_cell (row, 1, FALSE);
      g_autofree char *right = cm_export_cell (row, G_N_ELEMENTS (slots), FALSE);
      g_autofree char *sum = g_strdup_printf ("=SUM(%s:%s)", left, right);
      gint64 row_total = 0;

      cm_export_text (sheet, row, 0, stream != NULL ? stream->code : "Unallocated", NULL);
      for (guint q = 0; q < G_N_ELEMENTS (slots); q++)
        {
          g_autofree char *formula = g_strdup_printf ("=SUMIFS(%s,%s,%s,%s,\"%s\")", f->t_amount, f->t_stream, code,
                                                      f->t_quarter, quarter_name (slots[q]));

          cm_export_formula (sheet, row, 1 + q, formula, quarters[slots[q]] / 100.0, book->money);
          row_total += quarters[slots[q]];
          column_totals[q] += quarters[slots[q]];
        }
      cm_export_formula (sheet, row, 1 + G_N_ELEMENTS (slots), sum, row_total / 100.0, book->money);
      column_totals[G_N_ELEMENTS (slots)] += row_total;
    }

  cm_export_text (sheet, total_row, 0, _("Total"), book->total_text);
  for (guint c = 0; c < G_N_ELEMENTS (column_totals); c++)
    {
      g_autofree char *top = cm_export_cell (first, 1 + c, FALSE);
      g_autofree char *bottom = cm_export_cell (total_row - 1, 1 + c, FALSE);
      g_autofree char *formula = g_strdup_printf ("=SUM(%s:%s)", top, bottom);

      cm_export_formula (sheet, total_row, 1 + c, formula, column_totals[c] / 100.0, book->total_money);
    }

  return cm_export_step (book, 0.92, error);
}

static gboolean
write_warnings (Finance  *f,
                CmDb     *db,
                GError  **error)
{
  static const CmExportColumn columns[] = {
    { N_("Kind"), 26, FALSE },
    { N_("Subject"), 16, FALSE },
    { N_("Message"), 100, FALSE },
  };
  CmExportBook *book = f->book;
  g_autoptr(GPtrArray) warnings = cm_budget_warnings (db, f->year, &book->today, error);
  lxw_worksheet *sheet;

  if (warnings == NULL)
    return FALSE;

  sheet = cm_export_add_sheet (book, WARNINGS_SHEET);
  cm_export_header_row (book, sheet, 0, columns, G_N_ELEMENTS (columns));
  worksheet_autofilter (sheet, 0, 0, MAX (warnings->len, 1), G_N_ELEMENTS (columns) - 1);
  for (guint i = 0; i < warnings->len; i++)
    {
      const CmBudgetWarning *warning = g_ptr_array_index (warnings, i);

      cm_export_text (sheet, i + 1, 0, warning->kind, book->text);
      cm_export_text (sheet, i + 1, 1, warning->subject, book->text);
      cm_export_text (sheet, i + 1, 2, warning->message, book->wrap);
    }

  return cm_export_step (book, 0.95, error);
}

/* An audit entry's old or new value, as the Transactions sheet would
 * show it: money in pence as pounds, a date as a date. */
static void
write_audit_value (CmExportBook  *book,
                   lxw_worksheet *sheet,
                   lxw_row_t      row,
                   lxw_col_t      col,
                   const char    *field,
                   const char    *value)
{
  gint64 number;

  if (value == NULL)
    return;

  number = g_ascii_strtoll (value, NULL, 10);
  switch (cm_audit_field_value (field))
    {
    case CM_AUDIT_VALUE_PENCE:
      cm_export_money (book, sheet, row, col, number);
      break;
    case CM_AUDIT_VALUE_BASIS_POINTS:
      worksheet_write_number (sheet, row, col, number / 10000.0, book->percent);
      break;
    case CM_AUDIT_VALUE_COUNT:
      worksheet_write_number (sheet, row, col, (double) number, book->integer);
      break;
    case CM_AUDIT_VALUE_HALF_DAYS:
      worksheet_write_number (sheet, row, col, number / 2.0, book->decimal);
      break;
    case CM_AUDIT_VALUE_DATE:
      {
        GDate date;

        if (cm_fiscal_parse_date (value, &date, NULL))
          cm_export_date (book, sheet, row, col, &date);
        else
          cm_export_text (sheet, row, col, value, NULL);
      }
      break;
    case CM_AUDIT_VALUE_TEXT:
    default:
      cm_export_text (sheet, row, col, value, NULL);
      break;
    }
}

/* The year's audit trail, newest first (HACKING.md, "Audit trail"). */
static gboolean
write_audit (Finance  *f,
             CmDb     *db,
             GError  **error)
{
  static const CmExportColumn columns[] = {
    { N_("Time"), 20, FALSE },
    { N_("User"), 14, FALSE },
    { N_("Item"), 30, FALSE },
    { N_("Field"), 20, FALSE },
    { N_("Old"), 14, TRUE },
    { N_("New"), 14, TRUE },
  };
  CmExportBook *book = f->book;
  g_autoptr(GPtrArray) entries = cm_audit_list_year (db, f->year, error);
  lxw_worksheet *sheet;

  if (entries == NULL)
    return FALSE;

  sheet = cm_export_add_sheet (book, AUDIT_SHEET);
  cm_export_header_row (book, sheet, 0, columns, G_N_ELEMENTS (columns));
  worksheet_autofilter (sheet, 0, 0, MAX (entries->len, 1), G_N_ELEMENTS (columns) - 1);
  for (guint i = 0; i < entries->len; i++)
    {
      const CmAuditEntry *entry = g_ptr_array_index (entries, i);
      lxw_row_t row = i + 1;
      lxw_datetime time = { 0 };

      /* Stored as "YYYY-MM-DDTHH:MM:SSZ" by the triggers. */
      if (sscanf (entry->time, "%4d-%2d-%2dT%2d:%2d:%lfZ", &time.year, &time.month, &time.day,
                  &time.hour, &time.min, &time.sec) == 6)
        worksheet_write_datetime (sheet, row, 0, &time, book->datetime);
      else
        cm_export_text (sheet, row, 0, entry->time, NULL);
      cm_export_text (sheet, row, 1, entry->user, NULL);
      cm_export_text (sheet, row, 2, entry->label, NULL);
      cm_export_text (sheet, row, 3, cm_audit_field_label (entry->field), NULL);
      write_audit_value (book, sheet, row, 4, entry->field, entry->old_value);
      write_audit_value (book, sheet, row, 5, entry->field, entry->new_value);

      if (i % 8192 == 8191 && !cm_export_step (book, 0.95 + 0.04 * i / entries->len, error))
        return FALSE;
    }

  return cm_export_step (book, 0.99, error);
}

static void
write_chart (Finance *f)
{
  CmExportBook *book = f->book;
  lxw_chartsheet *chartsheet = workbook_add_chartsheet (book->workbook, CHART_SHEET);
  lxw_chart *chart = workbook_add_chart (book->workbook, LXW_CHART_COLUMN);
  lxw_row_t first = TITLED_HEADER_ROW + 1;
  lxw_row_t last = first + MAX (f->streams->len, 1) - 1;
  lxw_chart_series *series;
  g_autofree char *title = g_strdup_printf (_("Allocation and forecast by stream, %s"), book->title);
  lxw_chart_fill allocation_fill = { .color = 0x9DB7D5 };
  lxw_chart_fill forecast_fill = { .color = 0x2F5597 };

  series = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (series, SUMMARY_SHEET, first, 0, last, 0);
  chart_series_set_values (series, SUMMARY_SHEET, first, 2, last, 2);
  chart_series_set_name_range (series, SUMMARY_SHEET, TITLED_HEADER_ROW, 2);
  chart_series_set_fill (series, &allocation_fill);

  series = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (series, SUMMARY_SHEET, first, 0, last, 0);
  chart_series_set_values (series, SUMMARY_SHEET, first, 6, last, 6);
  chart_series_set_name_range (series, SUMMARY_SHEET, TITLED_HEADER_ROW, 6);
  chart_series_set_fill (series, &forecast_fill);

  chart_title_set_name (chart, title);
  chart_axis_set_num_format (chart->y_axis, "£#,##0");
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  chartsheet_set_chart (chartsheet, chart);
  chartsheet_set_landscape (chartsheet);
}

gboolean
cm_export_finance (CmExportBook  *book,
                   CmDb          *db,
                   int            year,
                   int            half,
                   GError       **error)
{
  Finance f = { 0 };
  gboolean ok = FALSE;
  lxw_row_t last;

  (void) half;
  f.book = book;
  f.year = year;
  if (!(f.state = cm_budget_year_compute (db, year, TRUE, error)))
    goto out;
  f.streams = f.state->summary->streams;
  collect (&f);
  /* An Excel table needs every row kept until the end; a county's spend
   * goes out row by row instead, with an autofilter (docs/figures.md,
   * "Workbooks"). */
  f.table = f.state->parts->len <= CM_EXPORT_MAX_TABLE_ROWS;
  if (!cm_export_book_open (book, !f.table, error) ||
      !cm_export_step (book, 0.1, error))
    goto out;

  last = MAX (f.state->parts->len, 1);
  f.t_amount = cm_export_range (TRANSACTIONS_SHEET, 1, T_AMOUNT, last);
  f.t_stream = cm_export_range (TRANSACTIONS_SHEET, 1, T_STREAM, last);
  f.t_commission = cm_export_range (TRANSACTIONS_SHEET, 1, T_COMMISSION, last);
  f.t_quarter = cm_export_range (TRANSACTIONS_SHEET, 1, T_QUARTER, last);
  f.c_status = cm_export_range (COMMISSIONS_SHEET, 1, C_STATUS, MAX (f.commissions->len, 1));

  /* Sheets in the order they are shown; rows go out in order. */
  ok = write_summary (&f, error) &&
       write_quarterly (&f, error) &&
       write_commissions (&f, error) &&
       write_transactions (&f, error) &&
       write_warnings (&f, db, error) &&
       write_audit (&f, db, error);
  if (ok)
    write_chart (&f);

out:
  finance_clear (&f);
  return ok;
}
