/* cm-budget.c
 *
 * The budget planner's plain data and its pure arithmetic.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-budget"

#include "config.h"

#include <string.h>

#include "cm-budget.h"
#include "cm-budget-private.h"
#include "cm-money.h"

G_DEFINE_QUARK (cm-budget-error-quark, cm_budget_error)

G_DEFINE_BOXED_TYPE (CmBudgetStream, cm_budget_stream, cm_budget_stream_copy, cm_budget_stream_free)
G_DEFINE_BOXED_TYPE (CmBudgetCommission, cm_budget_commission, cm_budget_commission_copy, cm_budget_commission_free)
G_DEFINE_BOXED_TYPE (CmBudgetTransaction, cm_budget_transaction, cm_budget_transaction_copy, cm_budget_transaction_free)

/**
 * cm_budget_stream_new:
 *
 * Returns: (transfer full): an unsaved stream: funder "Other", return
 *   "none", no expiry, every category eligible
 */
CmBudgetStream *
cm_budget_stream_new (void)
{
  CmBudgetStream *stream = g_new0 (CmBudgetStream, 1);

  stream->code = g_strdup ("");
  stream->name = g_strdup ("");
  stream->funder = g_strdup ("Other");
  stream->return_kind = g_strdup ("none");
  g_date_clear (&stream->expiry, 1);

  return stream;
}

/**
 * cm_budget_stream_copy:
 * @stream: a stream
 *
 * Returns: (transfer full): a deep copy
 */
CmBudgetStream *
cm_budget_stream_copy (const CmBudgetStream *stream)
{
  CmBudgetStream *copy;

  g_return_val_if_fail (stream != NULL, NULL);

  copy = g_memdup2 (stream, sizeof *stream);
  copy->code = g_strdup (stream->code);
  copy->name = g_strdup (stream->name);
  copy->funder = g_strdup (stream->funder);
  copy->eligible_categories = g_strdupv (stream->eligible_categories);
  copy->return_kind = g_strdup (stream->return_kind);

  return copy;
}

/**
 * cm_budget_stream_free:
 * @stream: (nullable): a stream
 */
void
cm_budget_stream_free (CmBudgetStream *stream)
{
  if (stream == NULL)
    return;

  g_free (stream->code);
  g_free (stream->name);
  g_free (stream->funder);
  g_strfreev (stream->eligible_categories);
  g_free (stream->return_kind);
  g_free (stream);
}

/**
 * cm_budget_split_new:
 *
 * Returns: (transfer full): a 0% split on no stream yet
 */
CmBudgetSplit *
cm_budget_split_new (void)
{
  CmBudgetSplit *split = g_new0 (CmBudgetSplit, 1);

  split->is_percent = TRUE;
  return split;
}

/**
 * cm_budget_split_copy:
 * @split: a split
 *
 * Returns: (transfer full): a deep copy
 */
CmBudgetSplit *
cm_budget_split_copy (const CmBudgetSplit *split)
{
  CmBudgetSplit *copy;

  g_return_val_if_fail (split != NULL, NULL);

  copy = g_memdup2 (split, sizeof *split);
  copy->stream_code = g_strdup (split->stream_code);
  return copy;
}

/**
 * cm_budget_split_free:
 * @split: (nullable): a split
 */
void
cm_budget_split_free (CmBudgetSplit *split)
{
  if (split == NULL)
    return;

  g_free (split->stream_code);
  g_free (split);
}

/**
 * cm_budget_commission_new:
 *
 * Returns: (transfer full): an unsaved, proposed commission of one event
 *   of one day, no splits
 */
CmBudgetCommission *
cm_budget_commission_new (void)
{
  CmBudgetCommission *commission = g_new0 (CmBudgetCommission, 1);

  commission->code = g_strdup ("");
  commission->title = g_strdup ("");
  commission->provider = g_strdup ("");
  commission->status = g_strdup ("proposed");
  commission->outcome = g_strdup ("");
  commission->half = 1;
  commission->events = 1;
  commission->half_days = 2;
  commission->splits = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_split_free);

  return commission;
}

/**
 * cm_budget_commission_copy:
 * @commission: a commission
 *
 * Returns: (transfer full): a deep copy, splits included
 */
CmBudgetCommission *
cm_budget_commission_copy (const CmBudgetCommission *commission)
{
  CmBudgetCommission *copy;

  g_return_val_if_fail (commission != NULL, NULL);

  copy = g_memdup2 (commission, sizeof *commission);
  copy->code = g_strdup (commission->code);
  copy->title = g_strdup (commission->title);
  copy->competency_code = g_strdup (commission->competency_code);
  copy->competency_name = g_strdup (commission->competency_name);
  copy->category = g_strdup (commission->category);
  copy->provider = g_strdup (commission->provider);
  copy->status = g_strdup (commission->status);
  copy->outcome = g_strdup (commission->outcome);
  copy->splits = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_split_free);

  if (commission->splits != NULL)
    for (guint i = 0; i < commission->splits->len; i++)
      g_ptr_array_add (copy->splits, cm_budget_split_copy (g_ptr_array_index (commission->splits, i)));

  return copy;
}

static gboolean
split_equal (const CmBudgetSplit *a,
             const CmBudgetSplit *b)
{
  return a->commission_id == b->commission_id &&
         a->stream_id == b->stream_id &&
         g_strcmp0 (a->stream_code, b->stream_code) == 0 &&
         a->is_percent == b->is_percent &&
         a->percent_bp == b->percent_bp &&
         a->amount_pence == b->amount_pence &&
         a->value_pence == b->value_pence;
}

/**
 * cm_budget_commission_equal:
 * @a: a commission
 * @b: another commission
 *
 * Compares every field, read-only figures and splits included, so that a
 * list can tell which of its rows an edit changed.
 *
 * Returns: whether @a and @b read the same
 */
gboolean
cm_budget_commission_equal (const CmBudgetCommission *a,
                            const CmBudgetCommission *b)
{
  guint n_a, n_b;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->id != b->id ||
      a->competency_id != b->competency_id ||
      a->year != b->year || a->half != b->half ||
      a->events != b->events || a->half_days != b->half_days ||
      a->places != b->places || a->pvi_places != b->pvi_places ||
      a->fee_per_event_pence != b->fee_per_event_pence ||
      a->venue_per_day_pence != b->venue_per_day_pence ||
      a->cost_per_place_pence != b->cost_per_place_pence ||
      a->materials_per_place_pence != b->materials_per_place_pence ||
      a->planned_pence != b->planned_pence ||
      a->funded_pence != b->funded_pence ||
      a->unfunded_pence != b->unfunded_pence ||
      a->actual_pence != b->actual_pence ||
      g_strcmp0 (a->code, b->code) != 0 ||
      g_strcmp0 (a->title, b->title) != 0 ||
      g_strcmp0 (a->competency_code, b->competency_code) != 0 ||
      g_strcmp0 (a->competency_name, b->competency_name) != 0 ||
      g_strcmp0 (a->category, b->category) != 0 ||
      g_strcmp0 (a->provider, b->provider) != 0 ||
      g_strcmp0 (a->status, b->status) != 0 ||
      g_strcmp0 (a->outcome, b->outcome) != 0)
    return FALSE;

  n_a = a->splits != NULL ? a->splits->len : 0;
  n_b = b->splits != NULL ? b->splits->len : 0;
  if (n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (!split_equal (g_ptr_array_index (a->splits, i), g_ptr_array_index (b->splits, i)))
      return FALSE;

  return TRUE;
}

/**
 * cm_budget_commission_free:
 * @commission: (nullable): a commission
 */
void
cm_budget_commission_free (CmBudgetCommission *commission)
{
  if (commission == NULL)
    return;

  g_free (commission->code);
  g_free (commission->title);
  g_free (commission->competency_code);
  g_free (commission->competency_name);
  g_free (commission->category);
  g_free (commission->provider);
  g_free (commission->status);
  g_free (commission->outcome);
  g_clear_pointer (&commission->splits, g_ptr_array_unref);
  g_free (commission);
}

/**
 * cm_budget_transaction_new:
 *
 * Returns: (transfer full): an unsaved invoice of £0.00 with no date yet
 */
CmBudgetTransaction *
cm_budget_transaction_new (void)
{
  CmBudgetTransaction *transaction = g_new0 (CmBudgetTransaction, 1);

  g_date_clear (&transaction->date, 1);
  transaction->supplier = g_strdup ("");
  transaction->reference = g_strdup ("");
  transaction->kind = g_strdup ("invoice");

  return transaction;
}

/**
 * cm_budget_transaction_copy:
 * @transaction: a transaction
 *
 * Returns: (transfer full): a deep copy
 */
CmBudgetTransaction *
cm_budget_transaction_copy (const CmBudgetTransaction *transaction)
{
  CmBudgetTransaction *copy;

  g_return_val_if_fail (transaction != NULL, NULL);

  copy = g_memdup2 (transaction, sizeof *transaction);
  copy->commission_code = g_strdup (transaction->commission_code);
  copy->stream_code = g_strdup (transaction->stream_code);
  copy->supplier = g_strdup (transaction->supplier);
  copy->reference = g_strdup (transaction->reference);
  copy->kind = g_strdup (transaction->kind);

  return copy;
}

/**
 * cm_budget_transaction_free:
 * @transaction: (nullable): a transaction
 */
void
cm_budget_transaction_free (CmBudgetTransaction *transaction)
{
  if (transaction == NULL)
    return;

  g_free (transaction->commission_code);
  g_free (transaction->stream_code);
  g_free (transaction->supplier);
  g_free (transaction->reference);
  g_free (transaction->kind);
  g_free (transaction);
}

/**
 * cm_budget_part_free:
 * @part: (nullable): an attributed part
 */
void
cm_budget_part_free (CmBudgetPart *part)
{
  if (part == NULL)
    return;

  g_free (part->stream_code);
  g_free (part->commission_code);
  g_free (part->supplier);
  g_free (part->reference);
  g_free (part->kind);
  g_free (part);
}

/**
 * cm_budget_figures_free:
 * @figures: (nullable): a row of figures
 */
void
cm_budget_figures_free (CmBudgetFigures *figures)
{
  if (figures == NULL)
    return;

  g_free (figures->code);
  g_free (figures->name);
  g_free (figures->funder);
  g_free (figures);
}

/**
 * cm_budget_summary_free:
 * @summary: (nullable): a summary
 */
void
cm_budget_summary_free (CmBudgetSummary *summary)
{
  if (summary == NULL)
    return;

  g_clear_pointer (&summary->streams, g_ptr_array_unref);
  cm_budget_figures_free (summary->totals);
  g_free (summary);
}

/**
 * cm_budget_warning_free:
 * @warning: (nullable): a warning
 */
void
cm_budget_warning_free (CmBudgetWarning *warning)
{
  if (warning == NULL)
    return;

  g_free (warning->kind);
  g_free (warning->subject);
  g_free (warning->message);
  g_free (warning);
}

/**
 * cm_budget_proposal_copy:
 * @proposal: a line of a proposal
 *
 * Returns: (transfer full): a deep copy
 */
CmBudgetProposal *
cm_budget_proposal_copy (const CmBudgetProposal *proposal)
{
  CmBudgetProposal *copy;

  g_return_val_if_fail (proposal != NULL, NULL);

  copy = g_memdup2 (proposal, sizeof *proposal);
  copy->commission_code = g_strdup (proposal->commission_code);
  copy->stream_code = g_strdup (proposal->stream_code);
  return copy;
}

/**
 * cm_budget_proposal_free:
 * @proposal: (nullable): a line of a proposal
 */
void
cm_budget_proposal_free (CmBudgetProposal *proposal)
{
  if (proposal == NULL)
    return;

  g_free (proposal->commission_code);
  g_free (proposal->stream_code);
  g_free (proposal);
}

/**
 * cm_budget_funding_reason_free:
 * @reason: (nullable): one stream's reason in a funding outcome
 */
void
cm_budget_funding_reason_free (CmBudgetFundingReason *reason)
{
  if (reason == NULL)
    return;

  g_free (reason->stream_code);
  g_strfreev (reason->eligible_categories);
  g_free (reason);
}

/**
 * cm_budget_funding_outcome_free:
 * @outcome: (nullable): how one commission fares in a proposal
 */
void
cm_budget_funding_outcome_free (CmBudgetFundingOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_free (outcome->commission_code);
  g_free (outcome->commission_title);
  g_free (outcome->category);
  g_clear_pointer (&outcome->reasons, g_ptr_array_unref);
  g_free (outcome);
}

/* Exact arithmetic. */

/* a * b + c for non-negative values, saturating at G_MAXINT64: absurd
 * inputs give an absurd but finite cost instead of wrapping round. */
static guint64
mul_add (guint64 a,
         guint64 b,
         guint64 c)
{
  guint64 product;

  if (!g_uint64_checked_mul (&product, a, b) ||
      !g_uint64_checked_add (&product, product, c) ||
      product > G_MAXINT64)
    return G_MAXINT64;

  return product;
}

static guint64
nonnegative (gint64 value)
{
  return value > 0 ? (guint64) value : 0;
}

/**
 * cm_budget_planned_cost:
 * @commission: a commission
 *
 * planned_cost = events × (fee + venue × days) + events × places × (cost +
 * materials), days being half_days / 2. Only the venue term can fall on a
 * half penny, so the sum is worked out in half pence and rounded half up
 * once: numerator = 2·events·fee + events·venue·half_days +
 * 2·events·places·(cost + materials), over 2.
 *
 * Returns: the planned cost in pence
 */
gint64
cm_budget_planned_cost (const CmBudgetCommission *commission)
{
  guint64 events, per_place, half_pence;

  g_return_val_if_fail (commission != NULL, 0);

  events = nonnegative (commission->events);
  per_place = mul_add (nonnegative (commission->cost_per_place_pence), 1,
                       nonnegative (commission->materials_per_place_pence));

  half_pence = mul_add (2 * events, nonnegative (commission->fee_per_event_pence), 0);
  half_pence = mul_add (mul_add (events, nonnegative (commission->venue_per_day_pence), 0),
                        nonnegative (commission->half_days), half_pence);
  half_pence = mul_add (mul_add (2 * events, nonnegative (commission->places), 0),
                        per_place, half_pence);

  if (half_pence >= G_MAXINT64)
    return G_MAXINT64 / 2;

  return cm_money_round_half_up ((gint64) half_pence, 2);
}

/**
 * cm_budget_split_value:
 * @split: a split
 * @planned_pence: the commission's planned cost
 *
 * Returns: split(c,s): the fixed amount, or
 *   round_half_up(planned × percent_bp / 10000)
 */
gint64
cm_budget_split_value (const CmBudgetSplit *split,
                       gint64               planned_pence)
{
  guint64 planned, bp;

  g_return_val_if_fail (split != NULL, 0);

  if (!split->is_percent)
    return MAX (split->amount_pence, 0);

  planned = nonnegative (planned_pence);
  bp = (guint64) CLAMP (split->percent_bp, 0, 10000);

  /* planned = q·10000 + r, so planned·bp/10000 = q·bp + r·bp/10000
   * exactly, and only the last term needs rounding. */
  return (gint64) ((planned / 10000) * bp) +
         cm_money_round_half_up ((gint64) ((planned % 10000) * bp), 10000);
}

typedef struct
{
  guint       index;
  guint64     remainder;
  const char *code;
} Remainder;

static int
compare_remainders (gconstpointer a,
                    gconstpointer b)
{
  const Remainder *ra = a;
  const Remainder *rb = b;
  int cmp;

  if (ra->remainder != rb->remainder)
    return ra->remainder > rb->remainder ? -1 : 1;

  /* One code in two years: the order the shares were given in. */
  cmp = g_strcmp0 (ra->code, rb->code);
  if (cmp != 0)
    return cmp;
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

/**
 * cm_budget_attribute:
 * @amount_pence: the transaction's amount; negative for a credit
 * @shares: (array length=n_shares): each stream's split(c,s)
 * @n_shares: the number of shares
 * @out_parts: (array length=n_shares) (out caller-allocates): the parts
 *
 * Shares @amount_pence in proportion to the weights by the largest
 * remainder method (see cm-budget.h).
 *
 * Returns: %FALSE if the weights add up to 0 and nothing was shared
 */
gboolean
cm_budget_attribute (gint64               amount_pence,
                     const CmBudgetShare *shares,
                     guint                n_shares,
                     gint64              *out_parts)
{
  g_autofree Remainder *remainders = NULL;
  unsigned __int128 total = 0;
  guint64 magnitude;
  guint64 given = 0;
  guint64 left;

  g_return_val_if_fail (n_shares == 0 || (shares != NULL && out_parts != NULL), FALSE);

  for (guint i = 0; i < n_shares; i++)
    {
      out_parts[i] = 0;
      total += nonnegative (shares[i].weight_pence);
    }

  if (total == 0)
    return FALSE;

  magnitude = amount_pence < 0 ? (guint64) 0 - (guint64) amount_pence : (guint64) amount_pence;
  remainders = g_new (Remainder, n_shares);

  /* Products of two 64-bit values need 128 bits to stay exact. */
  for (guint i = 0; i < n_shares; i++)
    {
      unsigned __int128 product = (unsigned __int128) magnitude * nonnegative (shares[i].weight_pence);
      guint64 floor_part = (guint64) (product / total);

      remainders[i].index = i;
      remainders[i].remainder = (guint64) (product % total);
      remainders[i].code = shares[i].stream_code;
      out_parts[i] = (gint64) floor_part;
      given += floor_part;
    }

  /* Fewer pennies are left over than there are shares. */
  left = magnitude - given;
  qsort (remainders, n_shares, sizeof *remainders, compare_remainders);
  for (guint i = 0; i < n_shares && left > 0; i++, left--)
    out_parts[remainders[i].index]++;

  if (amount_pence < 0)
    for (guint i = 0; i < n_shares; i++)
      out_parts[i] = -out_parts[i];

  return TRUE;
}

/**
 * cm_budget_is_eligible:
 * @stream: a stream
 * @category: (nullable): the commission's competency category
 *
 * Returns: whether @stream may fund a commission of @category
 */
gboolean
cm_budget_is_eligible (const CmBudgetStream *stream,
                       const char           *category)
{
  g_return_val_if_fail (stream != NULL, FALSE);

  if (stream->eligible_categories == NULL || stream->eligible_categories[0] == NULL)
    return TRUE;

  if (category == NULL)
    return !stream->ring_fenced;

  return g_strv_contains ((const char * const *) stream->eligible_categories, category);
}

/* Helpers shared by the budget modules. */

gboolean
cm_budget_status_is_committed (const char *status)
{
  return g_strcmp0 (status, "approved") == 0 ||
         g_strcmp0 (status, "contracted") == 0 ||
         g_strcmp0 (status, "delivered") == 0;
}

gint64
cm_budget_pvi_bp (long double numerator,
                  long double denominator)
{
  long double bp;

  if (denominator <= 0)
    return 0;

  bp = numerator * 10000.0L / denominator;
  if (bp <= 0)
    return 0;

  /* Half up, as everywhere else; the share cannot exceed 100%. */
  return MIN ((gint64) (bp + 0.5L), 10000);
}

/**
 * cm_budget_format_percent:
 * @bp: basis points
 *
 * Returns: (transfer full): the percentage without a sign, e.g. "33.33"
 */
char *
cm_budget_format_percent (gint64 bp)
{
  guint64 magnitude = bp < 0 ? (guint64) 0 - (guint64) bp : (guint64) bp;
  const char *sign = bp < 0 ? "-" : "";
  guint fraction = (guint) (magnitude % 100);

  if (fraction == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, magnitude / 100);
  if (fraction % 10 == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%u", sign, magnitude / 100, fraction / 10);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", sign, magnitude / 100, fraction);
}
