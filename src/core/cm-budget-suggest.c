/* cm-budget-suggest.c
 *
 * "Suggest funding": proposes splits for commissions that are not fully
 * funded, the way a finance officer would, and applies them only when
 * asked to.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-budget"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-db-private.h"
#include "cm-budget.h"
#include "cm-budget-private.h"
#include "cm-fiscal.h"

/* A stream the proposal may draw on, with what is left of it. */
typedef struct
{
  const CmBudgetStream *stream;
  GDate                 spend_by;
  gint64                remaining_pence;
  long double           pvi_num;   /* planned PVI: Σ split × pvi/places … */
  long double           pvi_den;   /* … over Σ split, committed commissions */
  gboolean              expired;   /* spend_by is before the date of the suggestion */
} Source;

static int
compare_sources (gconstpointer a,
                 gconstpointer b)
{
  const Source *sa = a;
  const Source *sb = b;
  int cmp = g_date_compare (&sa->spend_by, &sb->spend_by);

  if (cmp != 0)
    return cmp;

  /* Restricted money first: unrestricted money can pay for anything later. */
  if (sa->stream->ring_fenced != sb->stream->ring_fenced)
    return sa->stream->ring_fenced ? -1 : 1;

  return g_strcmp0 (sa->stream->code, sb->stream->code);
}

/* Whether the share stays at or above the minimum, compared exactly
 * rather than after rounding, so that a proposal never rests on a
 * rounding: num / den >= min_bp / 10000. */
static gboolean
keeps_pvi_minimum (const Source *source,
                   long double   share,
                   gint64        amount)
{
  long double num = source->pvi_num + (long double) amount * share;
  long double den = source->pvi_den + (long double) amount;

  /* The tolerance absorbs the binary rounding of shares such as 4/5;
   * one penny more moves the difference by far more. */
  return num * 10000.0L >= (long double) source->stream->min_pvi_bp * den - 1e-6L;
}

/* The most that can come from @source without pulling its planned PVI %
 * under its minimum. Adding money at a share below the minimum lowers
 * the stream's share steadily, so the limit is found by bisection. */
static gint64
pvi_limit (const Source             *source,
           const CmBudgetCommission *commission,
           gint64                    wanted)
{
  long double share;
  gint64 low = 0, high = wanted;

  if (source->stream->min_pvi_bp <= 0)
    return wanted;

  /* At or above the minimum itself it can only help. */
  if ((gint64) commission->pvi_places * 10000 >= (gint64) source->stream->min_pvi_bp * commission->places &&
      commission->places > 0)
    return wanted;

  share = commission->places > 0 ? (long double) commission->pvi_places / commission->places : 0;

  if (keeps_pvi_minimum (source, share, wanted))
    return wanted;

  while (low < high)
    {
      gint64 mid = low + (high - low + 1) / 2;

      if (keeps_pvi_minimum (source, share, mid))
        low = mid;
      else
        high = mid - 1;
    }

  return low;
}

static CmBudgetFundingReason *
reason_new (const Source *source)
{
  CmBudgetFundingReason *reason = g_new0 (CmBudgetFundingReason, 1);

  reason->stream_id = source->stream->id;
  reason->stream_code = g_strdup (source->stream->code);
  reason->left_pence = source->remaining_pence;
  reason->spend_by = source->spend_by;
  reason->has_expiry = g_date_valid (&source->stream->expiry);
  reason->ring_fenced = source->stream->ring_fenced;
  reason->eligible_categories = g_strdupv (source->stream->eligible_categories);
  reason->min_pvi_bp = source->stream->min_pvi_bp;

  return reason;
}

static CmBudgetFundingOutcome *
outcome_new (const CmBudgetCommission *commission)
{
  CmBudgetFundingOutcome *outcome = g_new0 (CmBudgetFundingOutcome, 1);

  outcome->commission_id = commission->id;
  outcome->commission_code = g_strdup (commission->code);
  outcome->commission_title = g_strdup (commission->title);
  outcome->category = g_strdup (commission->category);
  outcome->year = commission->year;
  outcome->half = commission->half;
  outcome->places = commission->places;
  outcome->pvi_places = commission->pvi_places;
  outcome->needed_pence = MAX (commission->unfunded_pence, 0);
  outcome->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_funding_reason_free);

  return outcome;
}

static int
compare_reason_codes (gconstpointer a,
                      gconstpointer b)
{
  const CmBudgetFundingReason *ra = *(CmBudgetFundingReason * const *) a;
  const CmBudgetFundingReason *rb = *(CmBudgetFundingReason * const *) b;

  return g_strcmp0 (ra->stream_code, rb->stream_code);
}

static CmBudgetProposal *
proposal_new (const CmBudgetCommission *commission,
              const CmBudgetStream     *stream,
              gint64                    amount)
{
  CmBudgetProposal *line = g_new0 (CmBudgetProposal, 1);

  line->commission_id = commission->id;
  line->commission_code = g_strdup (commission->code);
  line->stream_id = stream->id;
  line->stream_code = g_strdup (stream->code);
  line->amount_pence = amount;

  return line;
}

/**
 * cm_budget_suggest_funding:
 * @db: a #CmDb
 * @year: the financial year whose streams may be used
 * @commission_ids: (array length=n_commission_ids): the commissions to fund
 * @n_commission_ids: how many
 * @today: streams that expired before this date are not used
 * @out_proposal: (out) (transfer full) (element-type CmBudgetProposal):
 *   the proposed splits
 * @out_outcomes: (out) (optional) (transfer full) (element-type CmBudgetFundingOutcome):
 *   why each stream gives what it gives, per commission
 * @error: return location for a #GError
 *
 * Works out a proposal as cm-budget.h describes; writes nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_budget_suggest_funding (CmDb          *db,
                           int            year,
                           const gint64  *commission_ids,
                           guint          n_commission_ids,
                           const GDate   *today,
                           GPtrArray    **out_proposal,
                           GPtrArray    **out_outcomes,
                           GError       **error)
{
  g_autoptr(CmBudgetYear) state = NULL;
  g_autoptr(GArray) sources = g_array_new (FALSE, TRUE, sizeof (Source));
  g_autoptr(GPtrArray) proposal = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_proposal_free);
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_funding_outcome_free);

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (commission_ids != NULL || n_commission_ids == 0, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (out_proposal != NULL, FALSE);

  if (!(state = cm_budget_year_compute (db, year, FALSE, error)))
    return FALSE;

  for (guint i = 0; i < state->summary->streams->len; i++)
    {
      const CmBudgetFigures *figures = g_ptr_array_index (state->summary->streams, i);
      Source source = { 0 };

      source.stream = cm_budget_model_find_stream (state->model, figures->stream_id);
      source.remaining_pence = figures->available_pence;

      if (g_date_valid (&source.stream->expiry))
        source.spend_by = source.stream->expiry;
      else
        cm_fiscal_year_bounds (year, NULL, &source.spend_by);

      /* Kept, so that the outcome can say why it gave nothing. */
      source.expired = g_date_compare (&source.spend_by, today) < 0;

      g_array_append_val (sources, source);
    }

  /* The stream's planned PVI % as it stands. */
  for (guint c = 0; c < state->model->commissions->len; c++)
    {
      const CmBudgetCommission *commission = g_ptr_array_index (state->model->commissions, c);

      if (!cm_budget_status_is_committed (commission->status))
        continue;

      for (guint s = 0; s < commission->splits->len; s++)
        {
          const CmBudgetSplit *split = g_ptr_array_index (commission->splits, s);

          for (guint i = 0; i < sources->len; i++)
            {
              Source *source = &g_array_index (sources, Source, i);

              if (source->stream->id != split->stream_id)
                continue;

              source->pvi_den += split->value_pence;
              if (commission->places > 0)
                source->pvi_num += (long double) split->value_pence * commission->pvi_places / commission->places;
            }
        }
    }

  g_array_sort (sources, compare_sources);

  for (guint k = 0; k < n_commission_ids; k++)
    {
      const CmBudgetCommission *commission = cm_budget_model_find_commission (state->model, commission_ids[k]);
      g_autoptr(GPtrArray) unusable = NULL;
      CmBudgetFundingOutcome *outcome;
      GDate cycle_end;
      gint64 need;
      long double share;

      if (commission == NULL)
        {
          g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                       _("There is no commission with id %" G_GINT64_FORMAT), commission_ids[k]);
          return FALSE;
        }

      if (g_str_equal (commission->status, "cancelled"))
        continue;

      need = commission->unfunded_pence;
      share = commission->places > 0 ? (long double) commission->pvi_places / commission->places : 0;
      outcome = outcome_new (commission);
      g_ptr_array_add (outcomes, outcome);
      unusable = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_funding_reason_free);
      cm_fiscal_cycle_bounds (commission->year, commission->half, NULL, &cycle_end);

      for (guint i = 0; i < sources->len; i++)
        {
          Source *source = &g_array_index (sources, Source, i);
          CmBudgetFundingReason *reason = reason_new (source);
          gint64 wanted, amount;

          reason->spend_by_in_cycle = g_date_compare (&source->spend_by, &cycle_end) < 0;

          if (source->expired || !cm_budget_is_eligible (source->stream, commission->category))
            {
              reason->kind = source->expired ? CM_FUNDING_EXPIRED : CM_FUNDING_NOT_ELIGIBLE;
              g_ptr_array_add (unusable, reason);
              continue;
            }

          g_ptr_array_add (outcome->reasons, reason);

          if (source->remaining_pence <= 0)
            {
              reason->kind = CM_FUNDING_NOTHING_LEFT;
              continue;
            }

          if (need <= 0)
            {
              reason->kind = CM_FUNDING_NOT_NEEDED;
              continue;
            }

          wanted = MIN (need, source->remaining_pence);
          amount = pvi_limit (source, commission, wanted);
          if (amount <= 0)
            {
              reason->kind = CM_FUNDING_PVI_MINIMUM;
              continue;
            }

          reason->kind = CM_FUNDING_GIVES;
          reason->amount_pence = amount;
          if (amount < wanted)
            reason->limit = CM_FUNDING_LIMIT_PVI;
          else if (amount == need)
            reason->limit = CM_FUNDING_LIMIT_NEED;
          else
            reason->limit = CM_FUNDING_LIMIT_AVAILABLE;

          g_ptr_array_add (proposal, proposal_new (commission, source->stream, amount));
          need -= amount;
          outcome->proposed_pence += amount;
          source->remaining_pence -= amount;
          source->pvi_num += (long double) amount * share;
          source->pvi_den += amount;
        }

      outcome->unfunded_pence = outcome->needed_pence - outcome->proposed_pence;

      g_ptr_array_sort (unusable, compare_reason_codes);
      for (guint i = 0; i < unusable->len; i++)
        g_ptr_array_add (outcome->reasons, g_steal_pointer (&g_ptr_array_index (unusable, i)));
      g_ptr_array_set_free_func (unusable, NULL);
    }

  *out_proposal = g_steal_pointer (&proposal);
  if (out_outcomes != NULL)
    *out_outcomes = g_steal_pointer (&outcomes);
  return TRUE;
}

/**
 * cm_budget_apply_proposal:
 * @db: a #CmDb
 * @proposal: (element-type CmBudgetProposal): the lines to apply
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; on failure nothing is changed
 */
gboolean
cm_budget_apply_proposal (CmDb       *db,
                          GPtrArray  *proposal,
                          GError    **error)
{
  g_autoptr(sqlite3_stmt) read = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (proposal != NULL, FALSE);

  if (!cm_db_begin (db, error))
    return FALSE;

  read = cm_db_prepare (db,
                        "SELECT sp.percent_bp, sp.amount_pence FROM splits sp"
                        " WHERE sp.commission_id = ?1 AND sp.stream_id = ?2",
                        error);
  write = cm_db_prepare (db,
                         "INSERT INTO splits (commission_id, stream_id, percent_bp, amount_pence)"
                         " VALUES (?1, ?2, NULL, ?3)"
                         " ON CONFLICT (commission_id, stream_id) DO UPDATE SET"
                         " percent_bp = NULL, amount_pence = excluded.amount_pence",
                         error);
  if (read == NULL || write == NULL)
    goto failed;

  for (guint i = 0; i < proposal->len; i++)
    {
      const CmBudgetProposal *line = g_ptr_array_index (proposal, i);
      g_autoptr(CmBudgetCommission) commission = NULL;
      gint64 current = 0;
      int rc;

      if (line->amount_pence < 0)
        {
          g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_INVALID,
                       _("A proposed split of “%s” cannot be negative"),
                       line->commission_code ? line->commission_code : "");
          goto failed;
        }

      if (!(commission = cm_budget_get_commission (db, line->commission_id, error)))
        goto failed;

      sqlite3_bind_int64 (read, 1, line->commission_id);
      sqlite3_bind_int64 (read, 2, line->stream_id);
      rc = sqlite3_step (read);
      if (rc == SQLITE_ROW)
        {
          CmBudgetSplit split = { 0 };

          split.is_percent = sqlite3_column_type (read, 0) != SQLITE_NULL;
          split.percent_bp = sqlite3_column_int (read, 0);
          split.amount_pence = sqlite3_column_int64 (read, 1);
          current = cm_budget_split_value (&split, commission->planned_pence);
        }
      else if (rc != SQLITE_DONE)
        {
          cm_db_set_error (db, error);
          sqlite3_reset (read);
          goto failed;
        }
      sqlite3_reset (read);

      sqlite3_bind_int64 (write, 1, line->commission_id);
      sqlite3_bind_int64 (write, 2, line->stream_id);
      sqlite3_bind_int64 (write, 3, current + line->amount_pence);
      if (!cm_db_step_done (db, write, error))
        goto failed;
      cm_db_announce (db, CM_CHANGE_SPLITS, commission->year, 0, commission->id);
    }

  g_clear_pointer (&read, sqlite3_finalize);
  g_clear_pointer (&write, sqlite3_finalize);
  return cm_db_commit (db, error);

failed:
  cm_db_rollback (db);
  return FALSE;
}
