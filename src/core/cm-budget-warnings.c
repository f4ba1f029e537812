/* cm-budget-warnings.c
 *
 * The grant rules the planner checks for the user; each warning's exact
 * condition is in docs/figures.md, "Warnings".
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-budget"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-budget.h"
#include "cm-budget-private.h"
#include "cm-db-private.h"
#include "cm-fiscal.h"
#include "cm-money.h"

/* In the order the warnings are listed in. */
static const char * const warning_kinds[] = {
  "over-committed",
  "over-proposed",
  "spend-before-approval",
  "ineligible-split",
  "pvi-share-below-minimum",
  "unfunded",
  "over-funded",
  "underspend-risk",
  "spend-outside-stream-year",
  "unallocated-spend",
};

static guint
kind_rank (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (warning_kinds); i++)
    if (g_str_equal (warning_kinds[i], kind))
      return i;

  return G_N_ELEMENTS (warning_kinds);
}

static int
compare_warnings (gconstpointer a,
                  gconstpointer b)
{
  const CmBudgetWarning *wa = *(const CmBudgetWarning * const *) a;
  const CmBudgetWarning *wb = *(const CmBudgetWarning * const *) b;
  guint ra = kind_rank (wa->kind);
  guint rb = kind_rank (wb->kind);
  int cmp;

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if ((cmp = strcmp (wa->subject, wb->subject)) != 0)
    return cmp;

  return strcmp (wa->message, wb->message);
}

static void add_warning (GPtrArray  *warnings,
                         const char *kind,
                         const char *subject,
                         const char *format,
                         ...) G_GNUC_PRINTF (4, 5);

static void
add_warning (GPtrArray  *warnings,
             const char *kind,
             const char *subject,
             const char *format,
             ...)
{
  CmBudgetWarning *warning = g_new0 (CmBudgetWarning, 1);
  va_list args;

  va_start (args, format);
  warning->message = g_strdup_vprintf (format, args);
  va_end (args);

  warning->kind = g_strdup (kind);
  warning->subject = g_strdup (subject);
  g_ptr_array_add (warnings, warning);
}

void
cm_budget_check_stream (GPtrArray             *warnings,
                        const CmBudgetFigures *figures,
                        const GDate           *today,
                        int                    year)
{
  g_autofree char *allocation = cm_money_format (figures->allocation_pence);
  g_autofree char *forecast = cm_money_format (figures->forecast_pence);
  GDate expiry, warn_from;

  if (figures->forecast_pence > figures->allocation_pence)
    {
      g_autofree char *over = cm_money_format (figures->forecast_pence - figures->allocation_pence);

      add_warning (warnings, "over-committed", figures->code,
                   _("Forecast spend of %s is %s over the allocation of %s"),
                   forecast, over, allocation);
    }

  /* Only when not over already: one overspend, one warning. */
  if (figures->forecast_pence <= figures->allocation_pence &&
      figures->forecast_pence + figures->proposed_pence > figures->allocation_pence)
    {
      g_autofree char *proposed = cm_money_format (figures->proposed_pence);
      g_autofree char *over = cm_money_format (figures->forecast_pence + figures->proposed_pence
                                               - figures->allocation_pence);

      add_warning (warnings, "over-proposed", figures->code,
                   _("Forecast %s plus proposals of %s would be %s over the allocation of %s"),
                   forecast, proposed, over, allocation);
    }

  if (figures->min_pvi_bp > 0 && figures->committed_pence > 0 &&
      figures->planned_pvi_bp < figures->min_pvi_bp)
    {
      g_autofree char *planned = cm_budget_format_percent (figures->planned_pvi_bp);
      g_autofree char *minimum = cm_budget_format_percent (figures->min_pvi_bp);

      add_warning (warnings, "pvi-share-below-minimum", figures->code,
                   _("Planned PVI share is %s%%, below the minimum of %s%%"), planned, minimum);
    }

  /* Without a spend-by date the money must be spent within its year. */
  if (g_date_valid (&figures->expiry))
    expiry = figures->expiry;
  else
    cm_fiscal_year_bounds (year, NULL, &expiry);

  warn_from = expiry;
  g_date_subtract_days (&warn_from, 90);

  /* Forecast < 90% of Allocation, in whole numbers. */
  if (g_date_compare (today, &warn_from) >= 0 &&
      10 * figures->forecast_pence < 9 * figures->allocation_pence)
    {
      g_autofree char *expiry_text = cm_fiscal_format_date (&expiry);
      g_autofree char *unspent = cm_money_format (figures->variance_pence);

      add_warning (warnings, "underspend-risk", figures->code,
                   _("Forecast spend of %s is under 90%% of the allocation of %s, with %s unspent; the money must be spent by %s"),
                   forecast, allocation, unspent, expiry_text);
    }
}

static void
check_commission (GPtrArray                *warnings,
                  CmBudgetModel            *model,
                  const CmBudgetCommission *commission,
                  int                       year)
{
  gboolean cancelled = g_str_equal (commission->status, "cancelled");

  for (guint s = 0; s < commission->splits->len && !cancelled; s++)
    {
      const CmBudgetSplit *split = g_ptr_array_index (commission->splits, s);
      const CmBudgetStream *stream = cm_budget_model_find_stream (model, split->stream_id);

      if (stream == NULL || stream->year != year)
        continue;

      if (!cm_budget_is_eligible (stream, commission->category))
        {
          if (commission->category != NULL)
            add_warning (warnings, "ineligible-split", commission->code,
                         _("Funded from %s, which does not fund %s training"),
                         stream->code, commission->category);
          else
            add_warning (warnings, "ineligible-split", commission->code,
                         _("Funded from the ring-fenced %s, but has no competency to show it is eligible"),
                         stream->code);
        }
    }

  if (commission->year != year || cancelled)
    return;

  if (g_str_equal (commission->status, "proposed") && commission->actual_pence != 0)
    {
      g_autofree char *actual = cm_money_format (commission->actual_pence);

      add_warning (warnings, "spend-before-approval", commission->code,
                   _("%s has been spent on it while it is only proposed"), actual);
    }

  if (cm_budget_status_is_committed (commission->status) && commission->unfunded_pence > 0)
    {
      g_autofree char *unfunded = cm_money_format (commission->unfunded_pence);
      g_autofree char *planned = cm_money_format (commission->planned_pence);

      add_warning (warnings, "unfunded", commission->code,
                   _("%s of the planned cost of %s has no funding"), unfunded, planned);
    }

  if (commission->unfunded_pence < 0)
    {
      g_autofree char *over = cm_money_format (-commission->unfunded_pence);
      g_autofree char *planned = cm_money_format (commission->planned_pence);

      add_warning (warnings, "over-funded", commission->code,
                   _("Splits add up to %s more than the planned cost of %s"), over, planned);
    }
}

/* The warnings of @state's year, looking up the references they name. */
static GPtrArray *
warnings_of_year (CmDb          *db,
                  CmBudgetYear  *state,
                  int            year,
                  const GDate   *today,
                  GError       **error)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(sqlite3_stmt) reference = NULL;

  if (!(reference = cm_db_prepare (db, "SELECT reference FROM transactions WHERE id = ?1", error)))
    return NULL;

  warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_warning_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < state->summary->streams->len; i++)
    cm_budget_check_stream (warnings, g_ptr_array_index (state->summary->streams, i), today, year);

  for (guint i = 0; i < state->model->commissions->len; i++)
    check_commission (warnings, state->model, g_ptr_array_index (state->model->commissions, i), year);

  /* One warning per transaction and stream, however many parts. */
  for (guint i = 0; i < state->parts->len; i++)
    {
      const CmBudgetPart *part = g_ptr_array_index (state->parts, i);
      g_autofree char *date = cm_fiscal_format_date (&part->date);
      g_autofree char *amount = cm_money_format (part->amount_pence);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", part->transaction_id,
                                              part->stream_code ? part->stream_code : "");

      if (part->stream_code != NULL && part->quarter != CM_BUDGET_OUTSIDE_YEAR)
        continue;
      if (!g_hash_table_add (seen, g_steal_pointer (&key)))
        continue;

      if (part->reference == NULL)
        {
          sqlite3_bind_int64 (reference, 1, part->transaction_id);
          if (sqlite3_step (reference) != SQLITE_ROW)
            {
              cm_db_set_error (db, error);
              return NULL;
            }
          ((CmBudgetPart *) part)->reference = g_strdup ((const char *) sqlite3_column_text (reference, 0));
          sqlite3_reset (reference);
        }

      if (part->stream_code != NULL)
        {
          g_autofree char *label = cm_fiscal_year_label (year);

          add_warning (warnings, "spend-outside-stream-year", part->reference,
                       _("%s of spend dated %s is charged to %s, a %s stream"),
                       amount, date, part->stream_code, label);
        }
      else
        add_warning (warnings, "unallocated-spend", part->reference,
                     _("%s of spend dated %s is charged to no funding stream"), amount, date);
    }

  cm_budget_sort_warnings (warnings);
  return g_steal_pointer (&warnings);
}

void
cm_budget_sort_warnings (GPtrArray *warnings)
{
  g_ptr_array_sort (warnings, compare_warnings);
}

/**
 * cm_budget_warnings:
 * @db: a #CmDb
 * @year: a financial year
 * @today: the date to judge expiry against
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CmBudgetWarning): the warnings,
 *   by kind then subject
 */
GPtrArray *
cm_budget_warnings (CmDb         *db,
                    int           year,
                    const GDate  *today,
                    GError      **error)
{
  g_autoptr(CmBudgetYear) state = NULL;

  g_return_val_if_fail (CM_IS_DB (db), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  /* The lean pass: a county's 100,000 transactions are read without their
   * text, and only the references warned about are looked up. */
  if (!(state = cm_budget_year_compute (db, year, FALSE, error)))
    return NULL;

  return warnings_of_year (db, state, year, today, error);
}

/**
 * cm_budget_summary_and_warnings:
 * @db: a #CmDb
 * @year: a financial year
 * @today: the date to judge expiry against
 * @out_summary: (out) (transfer full): the year's figures, as
 *   cm_budget_summary()
 * @out_warnings: (out) (transfer full) (element-type CmBudgetWarning): the
 *   warnings, as cm_budget_warnings()
 * @error: return location for a #GError
 *
 * Both from one pass over the year, for a page that shows both.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_budget_summary_and_warnings (CmDb             *db,
                                int               year,
                                const GDate      *today,
                                CmBudgetSummary **out_summary,
                                GPtrArray       **out_warnings,
                                GError          **error)
{
  g_autoptr(CmBudgetYear) state = NULL;
  GPtrArray *warnings;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (out_summary != NULL && out_warnings != NULL, FALSE);

  if (!(state = cm_budget_year_compute (db, year, FALSE, error)) ||
      !(warnings = warnings_of_year (db, state, year, today, error)))
    return FALSE;

  *out_summary = g_steal_pointer (&state->summary);
  *out_warnings = warnings;
  return TRUE;
}
