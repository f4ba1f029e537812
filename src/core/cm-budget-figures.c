/* cm-budget-figures.c
 *
 * The per-stream figures (docs/figures.md, "The figures of a stream"),
 * worked out in one pass over a year's spend.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-budget"

#include "config.h"

#include <string.h>

#include "cm-db-private.h"
#include "cm-budget.h"
#include "cm-budget-private.h"
#include "cm-evaluation-private.h"
#include "cm-fiscal.h"

typedef struct
{
  long double planned_num;
  long double planned_den;
  long double actual_num;
  long double actual_den;
} PviSums;

static void
row_clear (gpointer data)
{
  CmBudgetRow *row = data;

  g_clear_pointer (&row->actual_by_commission, g_hash_table_unref);
  g_clear_pointer (&row->entries, g_array_unref);
  g_clear_pointer (&row->figures, cm_budget_figures_free);
}

static gint64
row_actual (CmBudgetRow *row,
            gint64  commission_id)
{
  gint64 *value = g_hash_table_lookup (row->actual_by_commission, &commission_id);

  return value != NULL ? *value : 0;
}

static void
row_add_actual (CmBudgetRow *row,
                gint64  commission_id,
                gint64  amount)
{
  gint64 *value = g_hash_table_lookup (row->actual_by_commission, &commission_id);

  if (value == NULL)
    {
      value = g_new0 (gint64, 1);
      g_hash_table_insert (row->actual_by_commission, g_memdup2 (&commission_id, sizeof commission_id), value);
    }

  *value += amount;
}

static CmBudgetPart *
make_part (const CmBudgetTransaction *transaction,
           const CmBudgetStream      *stream,
           gint64                     amount,
           int                        quarter)
{
  CmBudgetPart *part = g_new0 (CmBudgetPart, 1);

  part->transaction_id = transaction->id;
  part->date = transaction->date;
  part->quarter = quarter;
  part->stream_code = stream != NULL ? g_strdup (stream->code) : NULL;
  part->commission_code = g_strdup (transaction->commission_code);
  part->supplier = g_strdup (transaction->supplier);
  part->reference = g_strdup (transaction->reference);
  part->kind = g_strdup (transaction->kind);
  part->amount_pence = amount;

  return part;
}

static int
compare_parts (gconstpointer a,
               gconstpointer b)
{
  const CmBudgetPart *pa = *(const CmBudgetPart * const *) a;
  const CmBudgetPart *pb = *(const CmBudgetPart * const *) b;
  int cmp = g_date_compare (&pa->date, &pb->date);

  if (cmp != 0)
    return cmp;
  if ((cmp = g_strcmp0 (pa->reference, pb->reference)) != 0)
    return cmp;

  /* Unallocated after the streams. */
  if (pa->stream_code == NULL || pb->stream_code == NULL)
    return (pa->stream_code == NULL) - (pb->stream_code == NULL);

  return strcmp (pa->stream_code, pb->stream_code);
}

static CmBudgetFigures *
figures_new (const CmBudgetStream *stream)
{
  CmBudgetFigures *figures = g_new0 (CmBudgetFigures, 1);

  g_date_clear (&figures->expiry, 1);
  if (stream == NULL)
    return figures;

  figures->stream_id = stream->id;
  figures->code = g_strdup (stream->code);
  figures->name = g_strdup (stream->name);
  figures->funder = g_strdup (stream->funder);
  figures->ring_fenced = stream->ring_fenced;
  figures->expiry = stream->expiry;
  figures->min_pvi_bp = stream->min_pvi_bp;
  figures->allocation_pence = stream->allocation_pence;

  return figures;
}

/* Forecast and PVI terms of one commission on one stream, under @status
 * (its own, or the one a re-plan gives it). */
static void
add_entry (CmBudgetFigures *figures,
           PviSums         *pvi,
           const CmBudgetEntry     *entry,
           const char      *status)
{
  const CmBudgetCommission *commission = entry->commission;
  gint64 value = entry->split != NULL ? entry->split->value_pence : 0;
  gint64 actual = entry->actual;
  gboolean open_commitment = g_str_equal (status, "approved") || g_str_equal (status, "contracted");

  if (entry->split != NULL)
    {
      /* Only what is still to come: spend already made on a proposed
       * commission is in the Forecast (docs/figures.md, "Budget planner"). */
      if (g_str_equal (status, "proposed"))
        figures->proposed_pence += MAX (0, value - actual);
      else if (cm_budget_status_is_committed (status))
        {
          figures->committed_pence += value;

          pvi->planned_den += value;
          if (commission->places > 0)
            pvi->planned_num += (long double) value * commission->pvi_places / commission->places;
        }
    }

  /* What is agreed but not yet paid still has to be paid; otherwise only
   * what was actually spent counts. */
  figures->forecast_pence += open_commitment ? MAX (value, actual) : actual;

  if (actual != 0 && entry->attended != NULL && entry->attended->attended > 0)
    {
      pvi->actual_den += actual;
      pvi->actual_num += (long double) actual * entry->attended->attended_pvi / entry->attended->attended;
    }
}

static void
row_add_entry (CmBudgetRow              *row,
               const CmBudgetCommission *commission,
               guint                     index,
               const CmBudgetSplit      *split,
               GHashTable               *attendance)
{
  CmBudgetEntry entry = {
    .commission = commission,
    .index = index,
    .split = split,
    .actual = row_actual (row, commission->id),
    .attended = g_hash_table_lookup (attendance, &commission->id),
  };

  g_array_append_val (row->entries, entry);
}

/* The figures that depend on statuses and the allocation, from the row's
 * entries; the spend figures (actual, quarters) are copied from the row. */
static CmBudgetFigures *
row_figures (const CmBudgetRow   *row,
             const char * const  *statuses,
             gint64               allocation,
             PviSums             *pvi)
{
  CmBudgetFigures *figures = figures_new (row->stream);

  figures->allocation_pence = allocation;
  figures->actual_pence = row->figures->actual_pence;
  memcpy (figures->quarter_pence, row->figures->quarter_pence, sizeof figures->quarter_pence);

  for (guint i = 0; i < row->entries->len; i++)
    {
      const CmBudgetEntry *entry = &g_array_index (row->entries, CmBudgetEntry, i);
      const char *status = statuses != NULL && statuses[entry->index] != NULL
        ? statuses[entry->index] : entry->commission->status;

      add_entry (figures, pvi, entry, status);
    }

  figures->forecast_pence += row->no_commission_pence;
  figures->variance_pence = figures->allocation_pence - figures->forecast_pence;
  figures->available_pence = figures->variance_pence - figures->proposed_pence;
  figures->planned_pvi_bp = (int) cm_budget_pvi_bp (pvi->planned_num, pvi->planned_den);
  figures->actual_pvi_bp = (int) cm_budget_pvi_bp (pvi->actual_num, pvi->actual_den);

  return figures;
}

void
cm_budget_year_free (CmBudgetYear *state)
{
  if (state == NULL)
    return;

  g_clear_pointer (&state->rows, g_array_unref);
  g_clear_pointer (&state->attendance, g_hash_table_unref);
  cm_budget_model_free (state->model);
  cm_budget_summary_free (state->summary);
  g_clear_pointer (&state->parts, g_ptr_array_unref);
  g_free (state);
}

/**
 * cm_budget_year_figures:
 * @state: a year read by cm_budget_year_compute()
 * @statuses: (nullable): a status for each commission of @state's model,
 *   by its index there; NULL, or a NULL entry, keeps the stored status
 * @allocations: (nullable): an allocation for each stream of the year, in
 *   the order of the summary's streams; NULL keeps the stored ones
 *
 * The year's figures with some commissions' statuses or the streams'
 * allocations changed, without reading anything again: what a re-plan
 * (docs/figures.md, "What-if") needs. The spend figures and unallocated
 * spend are those of @state.
 *
 * Returns: (transfer full): a new summary
 */
CmBudgetSummary *
cm_budget_year_figures (CmBudgetYear       *state,
                        const char * const *statuses,
                        const gint64       *allocations)
{
  CmBudgetSummary *summary = g_new0 (CmBudgetSummary, 1);
  CmBudgetFigures *totals;
  PviSums all = { 0 };

  summary->year = state->summary->year;
  summary->unallocated_pence = state->summary->unallocated_pence;
  memcpy (summary->unallocated_quarter_pence, state->summary->unallocated_quarter_pence,
          sizeof summary->unallocated_quarter_pence);
  summary->streams = g_ptr_array_new_full (state->rows->len, (GDestroyNotify) cm_budget_figures_free);

  for (guint i = 0; i < state->rows->len; i++)
    {
      const CmBudgetRow *row = &g_array_index (state->rows, CmBudgetRow, i);
      PviSums pvi = { 0 };
      gint64 allocation = allocations != NULL ? allocations[i] : row->stream->allocation_pence;

      g_ptr_array_add (summary->streams, row_figures (row, statuses, allocation, &pvi));
      all.planned_num += pvi.planned_num;
      all.planned_den += pvi.planned_den;
      all.actual_num += pvi.actual_num;
      all.actual_den += pvi.actual_den;
    }

  /* The totals row is the sum of the rows. */
  totals = summary->totals = figures_new (NULL);
  for (guint i = 0; i < summary->streams->len; i++)
    {
      const CmBudgetFigures *figures = g_ptr_array_index (summary->streams, i);

      totals->allocation_pence += figures->allocation_pence;
      totals->proposed_pence += figures->proposed_pence;
      totals->committed_pence += figures->committed_pence;
      totals->actual_pence += figures->actual_pence;
      totals->forecast_pence += figures->forecast_pence;
      totals->variance_pence += figures->variance_pence;
      totals->available_pence += figures->available_pence;
      for (guint q = 0; q < CM_BUDGET_N_QUARTER_SLOTS; q++)
        totals->quarter_pence[q] += figures->quarter_pence[q];
    }
  totals->planned_pvi_bp = (int) cm_budget_pvi_bp (all.planned_num, all.planned_den);
  totals->actual_pvi_bp = (int) cm_budget_pvi_bp (all.actual_num, all.actual_den);

  return summary;
}

CmBudgetYear *
cm_budget_year_compute (CmDb      *db,
                        int        year,
                        gboolean   with_parts,
                        GError   **error)
{
  g_autoptr(CmBudgetYear) state = g_new0 (CmBudgetYear, 1);
  g_autoptr(GPtrArray) transactions = NULL;
  g_autoptr(GArray) spend = NULL;
  guint n_transactions;
  g_autoptr(GHashTable) rows_by_stream = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) index_by_commission = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *rows;
  CmBudgetSummary *spend_summary;

  if (!(state->model = cm_budget_model_load (db, error)) ||
      !(state->attendance = cm_evaluation_attendance (db, error)))
    return NULL;

  /* The figures need only the money; the ledger needs the text too. */
  if (with_parts)
    {
      if (!(transactions = cm_budget_load_transactions (db, year, 0, 0, error)))
        return NULL;
      n_transactions = transactions->len;
    }
  else
    {
      if (!(spend = cm_budget_load_spend (db, year, error)))
        return NULL;
      n_transactions = spend->len;
    }

  /* The spend figures go in a summary of their own; the one returned is
   * made from it and the commissions below. */
  spend_summary = state->summary = g_new0 (CmBudgetSummary, 1);
  spend_summary->year = year;
  spend_summary->streams = g_ptr_array_new ();  /* the rows own the figures */
  state->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_part_free);
  rows = state->rows = g_array_new (FALSE, TRUE, sizeof (CmBudgetRow));
  g_array_set_clear_func (rows, row_clear);

  for (guint i = 0; i < state->model->streams->len; i++)
    {
      const CmBudgetStream *stream = g_ptr_array_index (state->model->streams, i);
      CmBudgetRow row = { 0 };

      if (stream->year != year)
        continue;

      row.stream = stream;
      row.figures = figures_new (stream);
      row.actual_by_commission = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      row.entries = g_array_new (FALSE, FALSE, sizeof (CmBudgetEntry));
      g_ptr_array_add (spend_summary->streams, row.figures);
      g_array_append_val (rows, row);
    }

  /* Pointers into the array are stable from here on. */
  for (guint i = 0; i < rows->len; i++)
    {
      CmBudgetRow *row = &g_array_index (rows, CmBudgetRow, i);

      g_hash_table_insert (rows_by_stream, (gpointer) &row->stream->id, row);
    }

  /* The one pass over the spend. */
  for (guint i = 0; i < n_transactions; i++)
    {
      const CmBudgetTransaction *transaction = transactions != NULL
        ? g_ptr_array_index (transactions, i)
        : &g_array_index (spend, CmBudgetTransaction, i);
      g_autoptr(GArray) parts = cm_budget_model_attribute (state->model, transaction);
      gboolean in_year = cm_fiscal_year_of (&transaction->date) == year;
      int quarter = in_year ? cm_fiscal_quarter_of (&transaction->date) : CM_BUDGET_OUTSIDE_YEAR;

      for (guint p = 0; p < parts->len; p++)
        {
          const CmBudgetAttribution *part = &g_array_index (parts, CmBudgetAttribution, p);
          CmBudgetRow *row;

          if (part->stream == NULL)
            {
              if (!in_year)
                continue;
              spend_summary->unallocated_pence += part->amount_pence;
              spend_summary->unallocated_quarter_pence[quarter] += part->amount_pence;
              /* Unallocated spend is always kept: it is a warning. */
              g_ptr_array_add (state->parts, make_part (transaction, NULL, part->amount_pence, quarter));
              continue;
            }

          row = g_hash_table_lookup (rows_by_stream, &part->stream->id);
          if (row == NULL)
            continue;

          row->figures->actual_pence += part->amount_pence;
          row->figures->quarter_pence[quarter] += part->amount_pence;
          if (transaction->commission_id > 0)
            row_add_actual (row, transaction->commission_id, part->amount_pence);
          else
            row->no_commission_pence += part->amount_pence;

          /* So is spend dated outside the stream's year. */
          if (with_parts || quarter == CM_BUDGET_OUTSIDE_YEAR)
            g_ptr_array_add (state->parts, make_part (transaction, part->stream, part->amount_pence, quarter));
        }
    }

  g_ptr_array_sort (state->parts, compare_parts);

  /* Each stream's entries: the commissions with a split on it, by code,
   * then those with spend on it but no split (the transaction named the
   * stream itself). */
  for (guint c = 0; c < state->model->commissions->len; c++)
    {
      const CmBudgetCommission *commission = g_ptr_array_index (state->model->commissions, c);

      g_hash_table_insert (index_by_commission, (gpointer) &commission->id, GUINT_TO_POINTER (c));
      for (guint s = 0; s < commission->splits->len; s++)
        {
          const CmBudgetSplit *split = g_ptr_array_index (commission->splits, s);
          CmBudgetRow *row = g_hash_table_lookup (rows_by_stream, &split->stream_id);

          if (row != NULL)
            row_add_entry (row, commission, c, split, state->attendance);
        }
    }

  for (guint i = 0; i < rows->len; i++)
    {
      CmBudgetRow *row = &g_array_index (rows, CmBudgetRow, i);
      g_autoptr(GHashTable) counted = g_hash_table_new (g_int64_hash, g_int64_equal);
      GHashTableIter iter;
      gpointer key;

      for (guint e = 0; e < row->entries->len; e++)
        g_hash_table_add (counted, (gpointer) &g_array_index (row->entries, CmBudgetEntry, e).commission->id);

      g_hash_table_iter_init (&iter, row->actual_by_commission);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          const CmBudgetCommission *commission = cm_budget_model_find_commission (state->model, *(gint64 *) key);

          if (commission != NULL && !g_hash_table_contains (counted, &commission->id))
            row_add_entry (row, commission,
                           GPOINTER_TO_UINT (g_hash_table_lookup (index_by_commission, &commission->id)),
                           NULL, state->attendance);
        }

      g_clear_pointer (&row->actual_by_commission, g_hash_table_unref);
    }

  state->summary = cm_budget_year_figures (state, NULL, NULL);
  cm_budget_summary_free (spend_summary);

  return g_steal_pointer (&state);
}

/**
 * cm_budget_summary:
 * @db: a #CmDb
 * @year: a financial year
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the figures of the year's streams
 */
CmBudgetSummary *
cm_budget_summary (CmDb    *db,
                   int      year,
                   GError **error)
{
  g_autoptr(CmBudgetYear) state = NULL;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!(state = cm_budget_year_compute (db, year, FALSE, error)))
    return NULL;

  return g_steal_pointer (&state->summary);
}

/**
 * cm_budget_list_parts:
 * @db: a #CmDb
 * @year: a financial year
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CmBudgetPart): the year's parts
 */
GPtrArray *
cm_budget_list_parts (CmDb    *db,
                      int      year,
                      GError **error)
{
  g_autoptr(CmBudgetYear) state = NULL;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!(state = cm_budget_year_compute (db, year, TRUE, error)))
    return NULL;

  return g_steal_pointer (&state->parts);
}

/**
 * cm_budget_list_parts_for_commission:
 * @db: a #CmDb
 * @commission_id: the commission
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CmBudgetPart): the parts of the
 *   commission's transactions
 */
GPtrArray *
cm_budget_list_parts_for_commission (CmDb    *db,
                                     gint64   commission_id,
                                     GError **error)
{
  g_autoptr(CmBudgetModel) model = NULL;
  g_autoptr(GPtrArray) transactions = NULL;
  GPtrArray *result;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!(model = cm_budget_model_load (db, error)) ||
      !(transactions = cm_budget_load_transactions (db, 0, commission_id, 0, error)))
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_part_free);
  for (guint i = 0; i < transactions->len; i++)
    {
      const CmBudgetTransaction *transaction = g_ptr_array_index (transactions, i);
      g_autoptr(GArray) parts = cm_budget_model_attribute (model, transaction);

      for (guint p = 0; p < parts->len; p++)
        {
          const CmBudgetAttribution *part = &g_array_index (parts, CmBudgetAttribution, p);

          g_ptr_array_add (result, make_part (transaction, part->stream, part->amount_pence,
                                              cm_fiscal_quarter_of (&transaction->date)));
        }
    }

  g_ptr_array_sort (result, compare_parts);
  return result;
}

/**
 * cm_budget_list_ledger:
 * @db: a #CmDb
 * @year: a financial year
 * @transaction_id: one transaction, or 0 for all of them
 * @out_parts: (out) (optional) (element-type gint64 GPtrArray): for each
 *   transaction's id, its parts of the year (of CmBudgetPart, as
 *   cm_budget_list_parts() gives them); a transaction with none (only a
 *   part for another year's stream) has no entry
 * @error: return location for a #GError
 *
 * The year's transactions, as cm_budget_list_transactions(), with where
 * each one's money went, in one pass: what the spend list shows.
 *
 * Returns: (transfer full) (element-type CmBudgetTransaction): the
 *   transactions, by date then reference
 */
GPtrArray *
cm_budget_list_ledger (CmDb         *db,
                       int           year,
                       gint64        transaction_id,
                       GHashTable  **out_parts,
                       GError      **error)
{
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(CmBudgetModel) model = NULL;
  g_autoptr(GHashTable) parts_by_id = NULL;
  GPtrArray *result;

  g_return_val_if_fail (CM_IS_DB (db), NULL);
  g_return_val_if_fail (year > 0, NULL);

  if (!(candidates = cm_budget_load_transactions (db, year, 0, transaction_id, error)) ||
      !(model = cm_budget_model_load (db, error)))
    return NULL;

  if (out_parts != NULL)
    parts_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_transaction_free);
  for (guint i = 0; i < candidates->len; i++)
    {
      CmBudgetTransaction *transaction = g_ptr_array_index (candidates, i);
      g_autoptr(GArray) attribution = cm_budget_model_attribute (model, transaction);
      g_autoptr(GPtrArray) parts = NULL;
      gboolean in_year = cm_fiscal_year_of (&transaction->date) == year;
      int quarter = in_year ? cm_fiscal_quarter_of (&transaction->date) : CM_BUDGET_OUTSIDE_YEAR;
      gboolean keep = in_year;

      for (guint p = 0; p < attribution->len; p++)
        {
          const CmBudgetAttribution *part = &g_array_index (attribution, CmBudgetAttribution, p);
          gboolean of_year = part->stream != NULL ? part->stream->year == year : in_year;

          keep |= part->stream != NULL && part->stream->year == year;
          if (!of_year || parts_by_id == NULL)
            continue;

          if (parts == NULL)
            parts = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_part_free);
          g_ptr_array_add (parts, make_part (transaction, part->stream, part->amount_pence, quarter));
        }

      if (!keep)
        continue;

      if (parts != NULL)
        {
          g_ptr_array_sort (parts, compare_parts);
          g_hash_table_insert (parts_by_id, g_memdup2 (&transaction->id, sizeof transaction->id),
                               g_steal_pointer (&parts));
        }
      g_ptr_array_add (result, g_steal_pointer (&candidates->pdata[i]));
    }

  if (out_parts != NULL)
    *out_parts = g_steal_pointer (&parts_by_id);

  return result;
}
