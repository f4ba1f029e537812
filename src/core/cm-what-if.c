/* cm-what-if.c
 *
 * The re-plan under grant cuts (docs/figures.md, "What-if"): the year is
 * read once, and each scenario is worked out in memory from it.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-budget"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-budget-private.h"
#include "cm-fiscal.h"
#include "cm-money.h"
#include "cm-needs.h"
#include "cm-what-if.h"

G_DEFINE_QUARK (cm-what-if-error-quark, cm_what_if_error)

typedef struct
{
  CmWhatIfChange change;
  gint64         value;
} Change;

struct _CmWhatIfScenario
{
  GHashTable *changes;  /* stream code -> Change, both owned */
};

/* A candidate's claim on one stream of the year. */
typedef struct
{
  guint  row;   /* index of the stream in the year's rows (by code) */
  gint64 need;  /* max (0, split(c,s) − actual(c,s)) */
} Claim;

struct _CmWhatIf
{
  gatomicrefcount  ref_count;
  int              year;
  GDate            today;
  CmBudgetYear    *state;
  GArray          *candidates;       /* of CmWhatIfCandidate, in priority order */
  GPtrArray       *claims;           /* of GArray of Claim, one per candidate, by stream code */
  GArray          *indexes;          /* guint: each candidate's index in the model */
  gint64          *base_fp;          /* F+P of each stream with every candidate cancelled */
  GPtrArray       *warnings_before;  /* of GPtrArray of CmBudgetWarning, one per stream */
};

/* ------------------------------------------------------------------ */
/* Scenarios                                                           */
/* ------------------------------------------------------------------ */

CmWhatIfScenario *
cm_what_if_scenario_new (void)
{
  CmWhatIfScenario *scenario = g_new0 (CmWhatIfScenario, 1);

  scenario->changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return scenario;
}

CmWhatIfScenario *
cm_what_if_scenario_copy (const CmWhatIfScenario *scenario)
{
  CmWhatIfScenario *copy = cm_what_if_scenario_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (scenario != NULL, copy);

  g_hash_table_iter_init (&iter, scenario->changes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->changes, g_strdup (key), g_memdup2 (value, sizeof (Change)));

  return copy;
}

void
cm_what_if_scenario_free (CmWhatIfScenario *scenario)
{
  if (scenario == NULL)
    return;

  g_hash_table_unref (scenario->changes);
  g_free (scenario);
}

/**
 * cm_what_if_scenario_set:
 * @scenario: a scenario
 * @stream_code: the stream's code in the year
 * @change: what happens to it
 * @value: the cut in basis points, or the new allocation in pence
 *
 * Sets what happens to one stream, replacing what was set before.
 */
void
cm_what_if_scenario_set (CmWhatIfScenario *scenario,
                         const char       *stream_code,
                         CmWhatIfChange    change,
                         gint64            value)
{
  Change *entry;

  g_return_if_fail (scenario != NULL);
  g_return_if_fail (stream_code != NULL);

  if (change == CM_WHAT_IF_UNCHANGED)
    {
      g_hash_table_remove (scenario->changes, stream_code);
      return;
    }

  entry = g_new0 (Change, 1);
  entry->change = change;
  entry->value = change == CM_WHAT_IF_WITHDRAWN ? 0 : value;
  g_hash_table_insert (scenario->changes, g_strdup (stream_code), entry);
}

CmWhatIfChange
cm_what_if_scenario_get (const CmWhatIfScenario *scenario,
                         const char             *stream_code,
                         gint64                 *out_value)
{
  const Change *entry;

  g_return_val_if_fail (scenario != NULL, CM_WHAT_IF_UNCHANGED);

  entry = g_hash_table_lookup (scenario->changes, stream_code);
  if (out_value != NULL)
    *out_value = entry != NULL ? entry->value : 0;

  return entry != NULL ? entry->change : CM_WHAT_IF_UNCHANGED;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
cm_what_if_scenario_get_streams (const CmWhatIfScenario *scenario)
{
  GPtrArray *codes = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (scenario != NULL, codes);

  g_hash_table_iter_init (&iter, scenario->changes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (codes, key);
  g_ptr_array_sort (codes, compare_strings);

  return codes;
}

/**
 * cm_what_if_new_allocation:
 * @change: what happens to the stream
 * @value: the cut in basis points, or the new allocation in pence
 * @allocation_pence: A, the stream's allocation
 * @actual_pence: the stream's Actual to date
 *
 * Returns: A', the allocation the re-plan works with
 */
gint64
cm_what_if_new_allocation (CmWhatIfChange change,
                           gint64         value,
                           gint64         allocation_pence,
                           gint64         actual_pence)
{
  gint64 whole, rest;

  switch (change)
    {
    case CM_WHAT_IF_CUT:
      /* A × (10000 − bp) / 10000 in two parts, so that no allocation the
       * database can hold overflows; rounded half up once. */
      whole = allocation_pence / 10000;
      rest = allocation_pence % 10000;
      return whole * (10000 - value) + cm_money_round_half_up (rest * (10000 - value), 10000);
    case CM_WHAT_IF_ALLOCATION:
      return value;
    case CM_WHAT_IF_WITHDRAWN:
      return actual_pence;
    case CM_WHAT_IF_UNCHANGED:
    default:
      return allocation_pence;
    }
}

/* ------------------------------------------------------------------ */
/* Loading a year                                                      */
/* ------------------------------------------------------------------ */

typedef struct
{
  gint64 num;
  gint64 den;
} Fraction;

static int
compare_fractions (gint64 a_num,
                   gint64 a_den,
                   gint64 b_num,
                   gint64 b_den)
{
  /* Exact: priorities are at most 100 over 6 × required. */
  long double a = (long double) a_num * b_den;
  long double b = (long double) b_num * a_den;

  return a < b ? -1 : a > b ? 1 : 0;
}

/* The highest needs priority of each competency in cycle (year, half):
 * &competency id -> Fraction. */
static gboolean
load_priorities (CmDb                 *db,
                 int                   year,
                 int                   half,
                 const CmNeedsWeights *weights,
                 GHashTable           *priorities,
                 GError              **error)
{
  g_autoptr(GPtrArray) lines = NULL;

  /* A signed-off cycle uses the weights it was closed with. */
  if (!(lines = cm_needs_list_lines (db, year, half, weights, error)))
    return FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (lines, i);
      Fraction *best = g_hash_table_lookup (priorities, &line->competency_id);

      if (best == NULL)
        {
          best = g_new0 (Fraction, 1);
          best->num = line->priority_num;
          best->den = line->priority_den;
          g_hash_table_insert (priorities, g_memdup2 (&line->competency_id, sizeof (gint64)), best);
        }
      else if (compare_fractions (line->priority_num, line->priority_den, best->num, best->den) > 0)
        {
          best->num = line->priority_num;
          best->den = line->priority_den;
        }
    }

  return TRUE;
}

/* Highest priority first, then approved before proposed, then the
 * cheaper first, then code (docs/figures.md, "What-if"). */
/* A candidate and where its commission is in the model, while sorted. */
typedef struct
{
  CmWhatIfCandidate candidate;
  guint             index;
} Ranked;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const CmWhatIfCandidate *ca = &((const Ranked *) a)->candidate;
  const CmWhatIfCandidate *cb = &((const Ranked *) b)->candidate;
  gboolean a_approved = g_str_equal (ca->status, "approved");
  gboolean b_approved = g_str_equal (cb->status, "approved");
  int cmp;

  if ((cmp = compare_fractions (cb->priority_num, cb->priority_den, ca->priority_num, ca->priority_den)) != 0)
    return cmp;
  if (a_approved != b_approved)
    return a_approved ? -1 : 1;
  if (ca->planned_pence != cb->planned_pence)
    return ca->planned_pence < cb->planned_pence ? -1 : 1;

  return strcmp (ca->code, cb->code);
}

static gboolean
is_candidate (const CmBudgetCommission *commission,
              int                       year)
{
  return commission->year == year &&
         (g_str_equal (commission->status, "approved") || g_str_equal (commission->status, "proposed"));
}

/**
 * cm_what_if_load:
 * @db: a #CmDb
 * @year: a financial year
 * @today: the date the warnings are judged against
 * @error: return location for a #GError
 *
 * Reads everything the re-plans of @year need, once.
 *
 * Returns: (transfer full): the loaded year; cm_what_if_unref() it
 */
CmWhatIf *
cm_what_if_load (CmDb         *db,
                 int           year,
                 const GDate  *today,
                 GError      **error)
{
  g_autoptr(CmWhatIf) what_if = g_new0 (CmWhatIf, 1);
  GHashTable *priorities[2] = { NULL, NULL };
  g_autoptr(GHashTable) row_of_stream = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) order = NULL;
  g_autofree const char **statuses = NULL;
  g_autoptr(CmBudgetSummary) cancelled = NULL;
  CmNeedsWeights weights;
  CmBudgetModel *model;
  GArray *rows;

  g_return_val_if_fail (CM_IS_DB (db), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  g_atomic_ref_count_init (&what_if->ref_count);
  what_if->year = year;
  what_if->today = *today;

  if (!(what_if->state = cm_budget_year_compute (db, year, FALSE, error)) ||
      !cm_needs_weights_load (db, &weights, error))
    return NULL;

  model = what_if->state->model;
  rows = what_if->state->rows;

  /* The needs priorities, only of the cycles that have candidates. */
  for (guint c = 0; c < model->commissions->len; c++)
    {
      const CmBudgetCommission *commission = g_ptr_array_index (model->commissions, c);
      guint h = commission->half == 2;

      if (!is_candidate (commission, year) || commission->competency_id <= 0 || priorities[h] != NULL)
        continue;

      priorities[h] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      if (!load_priorities (db, year, commission->half, &weights, priorities[h], error))
        {
          g_clear_pointer (&priorities[0], g_hash_table_unref);
          g_clear_pointer (&priorities[1], g_hash_table_unref);
          return NULL;
        }
    }

  /* The candidates, in priority order; the order is the same for every
   * scenario, so it is worked out here once. */
  order = g_array_new (FALSE, TRUE, sizeof (Ranked));
  for (guint c = 0; c < model->commissions->len; c++)
    {
      const CmBudgetCommission *commission = g_ptr_array_index (model->commissions, c);
      Ranked ranked = { { 0 }, c };
      CmWhatIfCandidate *candidate = &ranked.candidate;
      const Fraction *priority = NULL;

      if (!is_candidate (commission, year))
        continue;

      if (commission->competency_id > 0 && priorities[commission->half == 2] != NULL)
        priority = g_hash_table_lookup (priorities[commission->half == 2], &commission->competency_id);

      candidate->commission_id = commission->id;
      candidate->code = commission->code;
      candidate->title = commission->title;
      candidate->status = commission->status;
      candidate->year = commission->year;
      candidate->half = commission->half;
      candidate->competency_code = commission->competency_id > 0 ? commission->competency_code : NULL;
      candidate->competency_name = commission->competency_id > 0 ? commission->competency_name : NULL;
      candidate->priority_num = priority != NULL ? priority->num : 0;
      candidate->priority_den = priority != NULL ? priority->den : 1;
      candidate->planned_pence = commission->planned_pence;
      candidate->places = (gint64) commission->events * commission->places;
      g_array_append_val (order, ranked);
    }
  g_array_sort (order, compare_candidates);
  g_clear_pointer (&priorities[0], g_hash_table_unref);
  g_clear_pointer (&priorities[1], g_hash_table_unref);

  for (guint i = 0; i < rows->len; i++)
    {
      CmBudgetRow *row = &g_array_index (rows, CmBudgetRow, i);

      g_hash_table_insert (row_of_stream, (gpointer) &row->stream->id, GUINT_TO_POINTER (i + 1));
    }

  /* Each candidate's claims, from its entries on the year's streams. */
  what_if->candidates = g_array_sized_new (FALSE, TRUE, sizeof (CmWhatIfCandidate), order->len);
  what_if->indexes = g_array_sized_new (FALSE, FALSE, sizeof (guint), order->len);
  what_if->claims = g_ptr_array_new_full (order->len, (GDestroyNotify) g_array_unref);
  statuses = g_new0 (const char *, model->commissions->len + 1);

  for (guint i = 0; i < order->len; i++)
    {
      const Ranked *ranked = &g_array_index (order, Ranked, i);
      guint index = ranked->index;
      const CmBudgetCommission *commission = g_ptr_array_index (model->commissions, index);
      GArray *claims = g_array_new (FALSE, FALSE, sizeof (Claim));

      g_array_append_val (what_if->candidates, ranked->candidate);
      g_array_append_val (what_if->indexes, index);
      statuses[index] = "cancelled";

      /* Splits are by stream code, and so are the rows. */
      for (guint s = 0; s < commission->splits->len; s++)
        {
          const CmBudgetSplit *split = g_ptr_array_index (commission->splits, s);
          guint row = GPOINTER_TO_UINT (g_hash_table_lookup (row_of_stream, &split->stream_id));
          const CmBudgetRow *stream_row;
          Claim claim;

          /* A split on another year's stream is that year's business. */
          if (row == 0)
            continue;

          stream_row = &g_array_index (rows, CmBudgetRow, row - 1);
          claim.row = row - 1;
          claim.need = split->value_pence;
          for (guint e = 0; e < stream_row->entries->len; e++)
            {
              const CmBudgetEntry *entry = &g_array_index (stream_row->entries, CmBudgetEntry, e);

              if (entry->index == index)
                {
                  claim.need = MAX (0, split->value_pence - entry->actual);
                  break;
                }
            }
          g_array_append_val (claims, claim);
        }

      g_ptr_array_add (what_if->claims, claims);
    }

  /* Where every re-plan starts: each candidate cancelled, keeping only
   * its actual spend in the Forecast. */
  cancelled = cm_budget_year_figures (what_if->state, statuses, NULL);
  what_if->base_fp = g_new0 (gint64, rows->len + 1);
  what_if->warnings_before = g_ptr_array_new_full (rows->len, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      const CmBudgetFigures *figures = g_ptr_array_index (cancelled->streams, i);
      GPtrArray *warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_warning_free);

      what_if->base_fp[i] = figures->forecast_pence + figures->proposed_pence;
      cm_budget_check_stream (warnings, g_ptr_array_index (what_if->state->summary->streams, i), today, year);
      cm_budget_sort_warnings (warnings);
      g_ptr_array_add (what_if->warnings_before, warnings);
    }

  return g_steal_pointer (&what_if);
}

CmWhatIf *
cm_what_if_ref (CmWhatIf *what_if)
{
  g_return_val_if_fail (what_if != NULL, NULL);

  g_atomic_ref_count_inc (&what_if->ref_count);
  return what_if;
}

void
cm_what_if_unref (CmWhatIf *what_if)
{
  if (what_if == NULL || !g_atomic_ref_count_dec (&what_if->ref_count))
    return;

  g_clear_pointer (&what_if->warnings_before, g_ptr_array_unref);
  g_clear_pointer (&what_if->claims, g_ptr_array_unref);
  g_clear_pointer (&what_if->indexes, g_array_unref);
  g_clear_pointer (&what_if->candidates, g_array_unref);
  g_clear_pointer (&what_if->base_fp, g_free);
  g_clear_pointer (&what_if->state, cm_budget_year_free);
  g_free (what_if);
}

int
cm_what_if_get_year (CmWhatIf *what_if)
{
  g_return_val_if_fail (what_if != NULL, 0);

  return what_if->year;
}

const CmBudgetSummary *
cm_what_if_get_summary (CmWhatIf *what_if)
{
  g_return_val_if_fail (what_if != NULL, NULL);

  return what_if->state->summary;
}

GArray *
cm_what_if_get_candidates (CmWhatIf *what_if)
{
  g_return_val_if_fail (what_if != NULL, NULL);

  return what_if->candidates;
}

/* ------------------------------------------------------------------ */
/* The re-plan                                                         */
/* ------------------------------------------------------------------ */

static void
what_if_stream_free (CmWhatIfStream *stream)
{
  if (stream == NULL)
    return;

  cm_budget_figures_free (stream->before);
  cm_budget_figures_free (stream->after);
  g_clear_pointer (&stream->warnings_before, g_ptr_array_unref);
  g_clear_pointer (&stream->warnings_after, g_ptr_array_unref);
  g_free (stream);
}

void
cm_what_if_plan_free (CmWhatIfPlan *plan)
{
  if (plan == NULL)
    return;

  g_clear_pointer (&plan->streams, g_ptr_array_unref);
  g_clear_pointer (&plan->totals_before, cm_budget_figures_free);
  g_clear_pointer (&plan->totals_after, cm_budget_figures_free);
  g_clear_pointer (&plan->kept, g_array_unref);
  g_clear_pointer (&plan->deferred, g_array_unref);
  g_clear_pointer (&plan->unmet, g_array_unref);
  g_clear_pointer (&plan->what_if, cm_what_if_unref);
  g_free (plan);
}

static CmBudgetFigures *
figures_copy (const CmBudgetFigures *figures)
{
  CmBudgetFigures *copy = g_memdup2 (figures, sizeof *figures);

  copy->code = g_strdup (figures->code);
  copy->name = g_strdup (figures->name);
  copy->funder = g_strdup (figures->funder);
  return copy;
}

static GPtrArray *
warnings_copy (GPtrArray *warnings)
{
  GPtrArray *copy = g_ptr_array_new_full (warnings->len, (GDestroyNotify) cm_budget_warning_free);

  for (guint i = 0; i < warnings->len; i++)
    {
      const CmBudgetWarning *warning = g_ptr_array_index (warnings, i);
      CmBudgetWarning *duplicate = g_new0 (CmBudgetWarning, 1);

      duplicate->kind = g_strdup (warning->kind);
      duplicate->subject = g_strdup (warning->subject);
      duplicate->message = g_strdup (warning->message);
      g_ptr_array_add (copy, duplicate);
    }

  return copy;
}

static int
compare_unmet (gconstpointer a,
               gconstpointer b)
{
  const CmWhatIfUnmet *ua = a;
  const CmWhatIfUnmet *ub = b;
  int cmp;

  if ((ua->competency_code == NULL) != (ub->competency_code == NULL))
    return ua->competency_code == NULL ? 1 : -1;
  if ((cmp = compare_fractions (ub->priority_num, ub->priority_den, ua->priority_num, ua->priority_den)) != 0)
    return cmp;
  if (ua->places != ub->places)
    return ua->places > ub->places ? -1 : 1;

  return g_strcmp0 (ua->competency_code, ub->competency_code);
}

/* The places of the deferred commissions, by competency. */
static GArray *
collect_unmet (GArray *deferred,
               gint64 *out_total)
{
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *unmet = g_array_new (FALSE, TRUE, sizeof (CmWhatIfUnmet));
  CmWhatIfUnmet none = { NULL, NULL, 0, 0, 1 };

  *out_total = 0;
  for (guint i = 0; i < deferred->len; i++)
    {
      const CmWhatIfCandidate *candidate = g_array_index (deferred, CmWhatIfOutcome, i).candidate;
      gpointer found;
      CmWhatIfUnmet *entry;

      *out_total += candidate->places;
      if (candidate->competency_code == NULL)
        {
          none.places += candidate->places;
          continue;
        }

      if (g_hash_table_lookup_extended (by_code, candidate->competency_code, NULL, &found))
        entry = &g_array_index (unmet, CmWhatIfUnmet, GPOINTER_TO_UINT (found));
      else
        {
          CmWhatIfUnmet fresh = { candidate->competency_code, candidate->competency_name, 0, 0, 1 };

          g_hash_table_insert (by_code, (gpointer) candidate->competency_code, GUINT_TO_POINTER (unmet->len));
          g_array_append_val (unmet, fresh);
          entry = &g_array_index (unmet, CmWhatIfUnmet, unmet->len - 1);
        }

      entry->places += candidate->places;
      if (compare_fractions (candidate->priority_num, candidate->priority_den,
                             entry->priority_num, entry->priority_den) > 0)
        {
          entry->priority_num = candidate->priority_num;
          entry->priority_den = candidate->priority_den;
        }
    }

  g_array_sort (unmet, compare_unmet);
  if (none.places > 0)
    g_array_append_val (unmet, none);

  return unmet;
}

/* Checks the scenario against the year and works out A' for each stream. */
static gboolean
new_allocations (CmWhatIf               *what_if,
                 const CmWhatIfScenario *scenario,
                 gint64                 *allocations,
                 GError                **error)
{
  GArray *rows = what_if->state->rows;
  g_autoptr(GPtrArray) codes = cm_what_if_scenario_get_streams (scenario);

  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      gint64 value = 0;
      CmWhatIfChange change = cm_what_if_scenario_get (scenario, code, &value);
      gboolean found = FALSE;

      for (guint r = 0; r < rows->len && !found; r++)
        found = g_str_equal (g_array_index (rows, CmBudgetRow, r).stream->code, code);

      if (!found)
        {
          g_autofree char *label = cm_fiscal_year_label (what_if->year);

          g_set_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_UNKNOWN_STREAM,
                       _("There is no funding stream “%s” in %s"), code, label);
          return FALSE;
        }
      if (change == CM_WHAT_IF_CUT && (value < 0 || value > 10000))
        {
          g_set_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_INVALID,
                       _("The cut of %s must be from 0 to 100%%"), code);
          return FALSE;
        }
      if (change == CM_WHAT_IF_ALLOCATION && value < 0)
        {
          g_set_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_INVALID,
                       _("The new allocation of %s cannot be negative"), code);
          return FALSE;
        }
    }

  for (guint r = 0; r < rows->len; r++)
    {
      const CmBudgetRow *row = &g_array_index (rows, CmBudgetRow, r);
      gint64 value = 0;
      CmWhatIfChange change = cm_what_if_scenario_get (scenario, row->stream->code, &value);

      allocations[r] = cm_what_if_new_allocation (change, value, row->stream->allocation_pence,
                                                  row->figures->actual_pence);
    }

  return TRUE;
}

/**
 * cm_what_if_run:
 * @what_if: a loaded year
 * @scenario: what happens to the streams
 * @error: return location for a #GError
 *
 * The re-plan (docs/figures.md, "What-if"): every candidate starts
 * cancelled; in priority order each is kept when every stream it has a
 * split on can still take what it has yet to spend, and deferred
 * otherwise. Then each stream's figures with the new allocation and the
 * deferred commissions cancelled, and the warnings they would raise.
 *
 * Returns: (transfer full): the plan
 */
CmWhatIfPlan *
cm_what_if_run (CmWhatIf               *what_if,
                const CmWhatIfScenario *scenario,
                GError                **error)
{
  g_autoptr(CmWhatIfPlan) plan = NULL;
  g_autoptr(CmBudgetSummary) after = NULL;
  g_autofree gint64 *allocations = NULL;
  g_autofree gint64 *fp = NULL;
  g_autofree const char **statuses = NULL;
  const CmBudgetSummary *before;
  GArray *rows;

  g_return_val_if_fail (what_if != NULL, NULL);
  g_return_val_if_fail (scenario != NULL, NULL);

  rows = what_if->state->rows;
  before = what_if->state->summary;
  allocations = g_new0 (gint64, rows->len + 1);
  if (!new_allocations (what_if, scenario, allocations, error))
    return NULL;

  plan = g_new0 (CmWhatIfPlan, 1);
  plan->year = what_if->year;
  plan->what_if = cm_what_if_ref (what_if);
  plan->kept = g_array_new (FALSE, TRUE, sizeof (CmWhatIfOutcome));
  plan->deferred = g_array_new (FALSE, TRUE, sizeof (CmWhatIfOutcome));

  fp = g_memdup2 (what_if->base_fp, sizeof (gint64) * (rows->len + 1));
  statuses = g_new0 (const char *, what_if->state->model->commissions->len + 1);

  for (guint i = 0; i < what_if->candidates->len; i++)
    {
      GArray *claims = g_ptr_array_index (what_if->claims, i);
      CmWhatIfOutcome outcome = { &g_array_index (what_if->candidates, CmWhatIfCandidate, i), NULL, 0 };

      /* The first short stream by code: the claims are in code order. */
      for (guint k = 0; k < claims->len && outcome.blocked_by == NULL; k++)
        {
          const Claim *claim = &g_array_index (claims, Claim, k);

          if (fp[claim->row] + claim->need > allocations[claim->row])
            {
              outcome.blocked_by = g_array_index (rows, CmBudgetRow, claim->row).stream->code;
              outcome.short_pence = fp[claim->row] + claim->need - allocations[claim->row];
            }
        }

      if (outcome.blocked_by != NULL)
        {
          statuses[g_array_index (what_if->indexes, guint, i)] = "cancelled";
          g_array_append_val (plan->deferred, outcome);
          continue;
        }

      for (guint k = 0; k < claims->len; k++)
        {
          const Claim *claim = &g_array_index (claims, Claim, k);

          fp[claim->row] += claim->need;
        }
      g_array_append_val (plan->kept, outcome);
    }

  after = cm_budget_year_figures (what_if->state, statuses, allocations);

  plan->streams = g_ptr_array_new_full (rows->len, (GDestroyNotify) what_if_stream_free);
  for (guint r = 0; r < rows->len; r++)
    {
      const CmBudgetRow *row = &g_array_index (rows, CmBudgetRow, r);
      CmWhatIfStream *stream = g_new0 (CmWhatIfStream, 1);

      stream->code = row->stream->code;
      stream->change = cm_what_if_scenario_get (scenario, row->stream->code, &stream->change_value);
      stream->before = figures_copy (g_ptr_array_index (before->streams, r));
      stream->after = g_steal_pointer (&after->streams->pdata[r]);
      stream->warnings_before = warnings_copy (g_ptr_array_index (what_if->warnings_before, r));
      stream->warnings_after = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_warning_free);
      cm_budget_check_stream (stream->warnings_after, stream->after, &what_if->today, what_if->year);
      cm_budget_sort_warnings (stream->warnings_after);
      g_ptr_array_add (plan->streams, stream);
    }
  plan->totals_before = figures_copy (before->totals);
  plan->totals_after = g_steal_pointer (&after->totals);
  plan->unmet = collect_unmet (plan->deferred, &plan->unmet_places);

  return g_steal_pointer (&plan);
}

/**
 * cm_what_if_describe_change:
 * @change: what a scenario does to a stream
 * @value: the cut in basis points, or the allocation in pence
 *
 * Returns: (transfer full): "cut by 20%", "new amount", "withdrawn" or
 *   "unchanged", translated
 */
char *
cm_what_if_describe_change (CmWhatIfChange change,
                            gint64         value)
{
  g_autofree char *text = NULL;

  switch (change)
    {
    case CM_WHAT_IF_CUT:
      text = cm_budget_format_percent (value);
      /* Translators: a cut of a grant, "cut by 20%" */
      return g_strdup_printf (_("cut by %s%%"), text);
    case CM_WHAT_IF_ALLOCATION:
      return g_strdup (_("new amount"));
    case CM_WHAT_IF_WITHDRAWN:
      return g_strdup (_("withdrawn"));
    case CM_WHAT_IF_UNCHANGED:
    default:
      return g_strdup (_("unchanged"));
    }
}
