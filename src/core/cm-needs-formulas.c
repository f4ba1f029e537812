/* cm-needs-formulas.c
 *
 * The needs engine's pure arithmetic (docs/figures.md, "Training needs
 * analysis"): the formula, priorities, weights, and aggregating lines per
 * competency, sector and organisation kind group. No database.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-needs"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-domain.h"
#include "cm-money.h"
#include "cm-needs.h"
#include "cm-needs-private.h"

/* One cycle is six months of the annual turnover. */
#define CYCLE_MONTHS 6

G_DEFINE_QUARK (cm-needs-error-quark, cm_needs_error)

G_DEFINE_BOXED_TYPE (CmNeedsLine, cm_needs_line, cm_needs_line_copy, cm_needs_line_free)
G_DEFINE_BOXED_TYPE (CmNeedsCompetency, cm_needs_competency, cm_needs_competency_copy, cm_needs_competency_free)

/* Allocation. */

/**
 * cm_needs_line_new:
 *
 * Returns: (transfer full): a line with every field zero and no strings
 */
CmNeedsLine *
cm_needs_line_new (void)
{
  CmNeedsLine *line = g_new0 (CmNeedsLine, 1);

  line->priority_den = 1;
  return line;
}

/**
 * cm_needs_line_copy:
 * @line: a line
 *
 * Returns: (transfer full): a deep copy of @line
 */
CmNeedsLine *
cm_needs_line_copy (const CmNeedsLine *line)
{
  CmNeedsLine *copy;

  g_return_val_if_fail (line != NULL, NULL);

  /* The strings are interned: shared, never freed. */
  copy = g_memdup2 (line, sizeof *line);

  return copy;
}

/**
 * cm_needs_line_free:
 * @line: (nullable): a line
 *
 * Frees @line and its strings.
 */
void
cm_needs_line_free (CmNeedsLine *line)
{
  if (line == NULL)
    return;

  g_free (line);
}

/**
 * cm_needs_competency_copy:
 * @competency: a competency's needs
 *
 * Returns: (transfer full): a deep copy of @competency
 */
CmNeedsCompetency *
cm_needs_competency_copy (const CmNeedsCompetency *competency)
{
  CmNeedsCompetency *copy;

  g_return_val_if_fail (competency != NULL, NULL);

  copy = g_memdup2 (competency, sizeof *competency);
  copy->code = g_strdup (competency->code);
  copy->name = g_strdup (competency->name);
  copy->category = g_strdup (competency->category);

  return copy;
}

/**
 * cm_needs_competency_free:
 * @competency: (nullable): a competency's needs
 *
 * Frees @competency and its strings.
 */
void
cm_needs_competency_free (CmNeedsCompetency *competency)
{
  if (competency == NULL)
    return;

  g_free (competency->code);
  g_free (competency->name);
  g_free (competency->category);
  g_free (competency);
}

/**
 * cm_needs_total_free:
 * @total: (nullable): a total
 *
 * Frees @total and its key.
 */
void
cm_needs_total_free (CmNeedsTotal *total)
{
  if (total == NULL)
    return;

  g_free (total->key);
  g_free (total);
}

/* Weights. */

/**
 * cm_needs_weights_init_default:
 * @weights: (out caller-allocates): the weights to set
 *
 * Sets the default priority weights: 30/25/15/10/20 (docs/figures.md,
 * "Priority").
 */
void
cm_needs_weights_init_default (CmNeedsWeights *weights)
{
  g_return_if_fail (weights != NULL);

  weights->mandatory = CM_NEEDS_DEFAULT_WEIGHT_MANDATORY;
  weights->risk = CM_NEEDS_DEFAULT_WEIGHT_RISK;
  weights->strategic = CM_NEEDS_DEFAULT_WEIGHT_STRATEGIC;
  weights->evidence = CM_NEEDS_DEFAULT_WEIGHT_EVIDENCE;
  weights->gap = CM_NEEDS_DEFAULT_WEIGHT_GAP;
}

/**
 * cm_needs_weights_validate:
 * @weights: priority weights
 * @error: return location for a #GError
 *
 * Returns: %TRUE when each weight is 0..100 and they sum to 100
 */
gboolean
cm_needs_weights_validate (const CmNeedsWeights  *weights,
                           GError               **error)
{
  guint values[5];
  guint sum = 0;

  g_return_val_if_fail (weights != NULL, FALSE);

  values[0] = weights->mandatory;
  values[1] = weights->risk;
  values[2] = weights->strategic;
  values[3] = weights->evidence;
  values[4] = weights->gap;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (values[i] > 100)
        {
          g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
                       _("Each priority weight must be from 0 to 100 (one is %u)"), values[i]);
          return FALSE;
        }
      sum += values[i];
    }

  if (sum != 100)
    {
      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
                   _("The priority weights must add up to 100; they add up to %u"), sum);
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_needs_weights_to_string:
 * @weights: priority weights
 *
 * Returns: (transfer full): "mandatory,risk,strategic,evidence,gap",
 *   such as "30,25,15,10,20"
 */
char *
cm_needs_weights_to_string (const CmNeedsWeights *weights)
{
  g_return_val_if_fail (weights != NULL, NULL);

  return g_strdup_printf ("%u,%u,%u,%u,%u",
                          weights->mandatory, weights->risk, weights->strategic,
                          weights->evidence, weights->gap);
}

/**
 * cm_needs_weights_parse:
 * @text: weights as written by cm_needs_weights_to_string()
 * @out_weights: (out caller-allocates): the weights
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @text holds five whole numbers that are valid weights
 */
gboolean
cm_needs_weights_parse (const char      *text,
                        CmNeedsWeights  *out_weights,
                        GError         **error)
{
  g_auto(GStrv) parts = NULL;
  guint values[5];
  CmNeedsWeights weights;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_weights != NULL, FALSE);

  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != G_N_ELEMENTS (values))
    {
      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
                   _("“%s” is not a list of five priority weights such as 30,25,15,10,20"), text);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      guint64 value = 0;

      g_strstrip (parts[i]);
      if (parts[i][0] == '+' || parts[i][0] == '-' ||
          !g_ascii_string_to_unsigned (parts[i], 10, 0, 100, &value, NULL))
        {
          g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
                       _("“%s” is not a priority weight from 0 to 100"), parts[i]);
          return FALSE;
        }
      values[i] = (guint) value;
    }

  weights.mandatory = values[0];
  weights.risk = values[1];
  weights.strategic = values[2];
  weights.evidence = values[3];
  weights.gap = values[4];

  if (!cm_needs_weights_validate (&weights, error))
    return FALSE;

  *out_weights = weights;
  return TRUE;
}

/* The formula. */

/**
 * cm_needs_required:
 * @headcount: staff in the group, ≥ 0
 * @coverage_bp: share that must hold the competency, 0..10000
 *
 * Returns: ceil (@headcount * @coverage_bp / 10000)
 */
gint64
cm_needs_required (gint64 headcount,
                   gint64 coverage_bp)
{
  g_return_val_if_fail (headcount >= 0 && coverage_bp >= 0, 0);

  return (headcount * coverage_bp + 9999) / 10000;
}

/**
 * cm_needs_leavers:
 * @compliant: staff holding the competency, ≥ 0
 * @turnover_bp: annual turnover, 0..10000
 *
 * Returns: the holders expected to leave within one six-month cycle,
 *   rounded half up
 */
gint64
cm_needs_leavers (gint64 compliant,
                  gint64 turnover_bp)
{
  g_return_val_if_fail (compliant >= 0 && turnover_bp >= 0, 0);

  return cm_money_round_half_up (compliant * turnover_bp * CYCLE_MONTHS, 10000 * 12);
}

/**
 * cm_needs_still:
 * @compliant: staff holding the competency
 * @expiring: of those, how many expire within the cycle
 * @leavers: of those, how many are expected to leave
 *
 * Returns: how many will still hold it at the end of the cycle, ≥ 0
 */
gint64
cm_needs_still (gint64 compliant,
                gint64 expiring,
                gint64 leavers)
{
  return MAX (0, compliant - expiring - leavers);
}

/**
 * cm_needs_needed:
 * @required: staff who must hold the competency
 * @still: staff who will still hold it
 *
 * Returns: places needed, ≥ 0
 */
gint64
cm_needs_needed (gint64 required,
                 gint64 still)
{
  return MAX (0, required - still);
}

static gint64
gcd64 (gint64 a,
       gint64 b)
{
  while (b != 0)
    {
      gint64 t = a % b;

      a = b;
      b = t;
    }

  return a;
}

/**
 * cm_needs_compute_line:
 * @line: a line whose inputs are set
 * @weights: (nullable): priority weights, %NULL for the defaults
 *
 * Computes required, leavers, still, needed and the priority of @line.
 *
 * The priority's five terms have denominators 1, 3, 2, 2 and required;
 * over the common denominator 6 * max (1, required) the whole sum is one
 * exact fraction, reduced, and the double is a single division of it.
 */
void
cm_needs_compute_line (CmNeedsLine          *line,
                       const CmNeedsWeights *weights)
{
  CmNeedsWeights defaults;
  gint64 r;
  gint64 num;
  gint64 den;
  gint64 divisor;

  g_return_if_fail (line != NULL);

  if (weights == NULL)
    {
      cm_needs_weights_init_default (&defaults);
      weights = &defaults;
    }

  line->required = cm_needs_required (line->headcount, line->coverage_bp);
  line->leavers = cm_needs_leavers (line->compliant, line->turnover_bp);
  line->still = cm_needs_still (line->compliant, line->expiring, line->leavers);
  line->needed = cm_needs_needed (line->required, line->still);

  r = MAX (1, line->required);
  den = 6 * r;
  num = 6 * r * (gint64) weights->mandatory * line->mandatory
      + 2 * r * (gint64) weights->risk * line->risk
      + 3 * r * (gint64) weights->strategic * line->strategic
      + 3 * r * (gint64) weights->evidence * line->evidence;
  if (line->required > 0)
    num += 6 * (gint64) weights->gap * MIN (line->needed, line->required);

  divisor = gcd64 (num < 0 ? -num : num, den);
  if (divisor > 1)
    {
      num /= divisor;
      den /= divisor;
    }

  line->priority_num = num;
  line->priority_den = den;
  line->priority = (double) num / (double) den;
}

static gint64
power_of_ten (guint decimals)
{
  gint64 scale = 1;

  for (guint i = 0; i < decimals; i++)
    scale *= 10;

  return scale;
}

/**
 * cm_needs_priority_round:
 * @priority_num: the priority's numerator
 * @priority_den: its denominator, > 0
 * @decimals: how many decimals to keep, ≤ 6
 *
 * Returns: the priority times 10^@decimals, rounded half up
 */
gint64
cm_needs_priority_round (gint64 priority_num,
                         gint64 priority_den,
                         guint  decimals)
{
  g_return_val_if_fail (priority_den > 0, 0);
  g_return_val_if_fail (decimals <= 6, 0);

  return cm_money_round_half_up (priority_num * power_of_ten (decimals), priority_den);
}

/**
 * cm_needs_show_priority:
 * @priority_num: the priority's numerator
 * @priority_den: its denominator, > 0
 *
 * The one way a priority is shown (docs/figures.md, "Priority"): rounded
 * half up to one decimal, which is always written, so that a column of
 * priorities lines up: "92.8", "96.0", "80.0".
 *
 * Returns: (transfer full): the priority as shown
 */
char *
cm_needs_show_priority (gint64 priority_num,
                        gint64 priority_den)
{
  gint64 tenths;

  g_return_val_if_fail (priority_den > 0, NULL);

  tenths = cm_needs_priority_round (priority_num, priority_den, 1);
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT,
                          tenths < 0 ? "-" : "", ABS (tenths) / 10, ABS (tenths) % 10);
}

/**
 * cm_needs_format_priority:
 * @priority_num: the priority's numerator
 * @priority_den: its denominator, > 0
 * @decimals: at most this many decimals, ≤ 6
 *
 * Returns: (transfer full): the priority rounded half up, without
 *   trailing zeros, with a '.' in every locale: "45.83", "50", "12.5"
 */
char *
cm_needs_format_priority (gint64 priority_num,
                          gint64 priority_den,
                          guint  decimals)
{
  gint64 scale;
  gint64 value;
  gint64 magnitude;
  gint64 fraction;
  guint width = decimals;

  g_return_val_if_fail (priority_den > 0, NULL);
  g_return_val_if_fail (decimals <= 6, NULL);

  scale = power_of_ten (decimals);
  value = cm_needs_priority_round (priority_num, priority_den, decimals);
  magnitude = value < 0 ? -value : value;
  fraction = magnitude % scale;

  while (width > 0 && fraction % 10 == 0)
    {
      fraction /= 10;
      width--;
    }

  if (width == 0)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT, value < 0 ? "-" : "", magnitude / scale);

  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT,
                          value < 0 ? "-" : "", magnitude / scale, (int) width, fraction);
}

/* Cycles. */

/**
 * cm_needs_previous_cycle:
 * @year: a financial year
 * @half: 1 or 2
 * @out_year: (out): the previous cycle's year
 * @out_half: (out): the previous cycle's half
 *
 * H1 follows the previous year's H2; H2 follows the same year's H1.
 */
void
cm_needs_previous_cycle (int  year,
                         int  half,
                         int *out_year,
                         int *out_half)
{
  g_return_if_fail (out_year != NULL && out_half != NULL);

  if (half == 1)
    {
      *out_year = year - 1;
      *out_half = 2;
    }
  else
    {
      *out_year = year;
      *out_half = 1;
    }
}

/**
 * cm_needs_check_cycle:
 * @year: a financial year
 * @half: 1 or 2
 * @error: return location for a #GError
 *
 * Returns: %TRUE if (@year, @half) is a cycle the database can hold
 */
gboolean
cm_needs_check_cycle (int      year,
                      int      half,
                      GError **error)
{
  if (year < 1900 || year > 9999)
    {
      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
                   _("The year must be from 1900 to 9999, not %d"), year);
      return FALSE;
    }

  if (half != 1 && half != 2)
    {
      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
                   _("The half must be 1 or 2, not %d"), half);
      return FALSE;
    }

  return TRUE;
}

/* Needs over a cycle. */

/* Higher priority first; equal priorities compare equal. */
int
cm_needs_compare_priority_desc (gint64 num_a,
                                gint64 den_a,
                                gint64 num_b,
                                gint64 den_b)
{
  double a = (double) num_a / (double) den_a;
  double b = (double) num_b / (double) den_b;

  if (a > b)
    return -1;
  if (a < b)
    return 1;
  return 0;
}

static int
compare_competencies (gconstpointer a,
                      gconstpointer b)
{
  const CmNeedsCompetency *ca = *(CmNeedsCompetency * const *) a;
  const CmNeedsCompetency *cb = *(CmNeedsCompetency * const *) b;
  int cmp;

  cmp = cm_needs_compare_priority_desc (ca->priority_num, ca->priority_den, cb->priority_num, cb->priority_den);
  if (cmp != 0)
    return cmp;

  if (ca->places_needed != cb->places_needed)
    return ca->places_needed > cb->places_needed ? -1 : 1;

  return g_strcmp0 (ca->code, cb->code);
}

/**
 * cm_needs_aggregate_competencies:
 * @lines: (element-type CmNeedsLine): computed lines of one cycle
 * @cost_per_place_pence: the default cost per place, ≥ 0
 * @prices: (nullable): competency id (gint64 *) → cost per place (gint64 *)
 *   from cm_needs_load_prices(), for competencies commissioned before
 *
 * Returns: (transfer full) (element-type CmNeedsCompetency): the needs
 *   per competency, highest priority first
 */
GPtrArray *
cm_needs_aggregate_competencies (GPtrArray  *lines,
                                 gint64      cost_per_place_pence,
                                 GHashTable *prices)
{
  g_autoptr(GHashTable) by_id = NULL;
  GPtrArray *competencies;

  g_return_val_if_fail (lines != NULL, NULL);
  g_return_val_if_fail (cost_per_place_pence >= 0, NULL);

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  competencies = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_needs_competency_free);

  for (guint i = 0; i < lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (lines, i);
      CmNeedsCompetency *competency = g_hash_table_lookup (by_id, &line->competency_id);

      if (competency == NULL)
        {
          competency = g_new0 (CmNeedsCompetency, 1);
          competency->competency_id = line->competency_id;
          competency->code = g_strdup (line->competency_code);
          competency->name = g_strdup (line->competency_name);
          competency->category = g_strdup (line->category);
          competency->mandatory = line->mandatory;
          competency->risk = line->risk;
          competency->strategic = line->strategic;
          competency->capacity = line->capacity;
          competency->half_days = line->half_days;
          competency->priority_num = line->priority_num;
          competency->priority_den = line->priority_den;
          competency->cost_per_place_pence = cost_per_place_pence;
          if (prices != NULL)
            {
              const gint64 *price = g_hash_table_lookup (prices, &line->competency_id);

              if (price != NULL)
                competency->cost_per_place_pence = *price;
            }
          g_ptr_array_add (competencies, competency);
          g_hash_table_insert (by_id, &competency->competency_id, competency);
        }
      else if (cm_needs_compare_priority_desc (line->priority_num, line->priority_den,
                                               competency->priority_num, competency->priority_den) < 0)
        {
          competency->priority_num = line->priority_num;
          competency->priority_den = line->priority_den;
        }

      competency->places_needed += line->needed;
      if (cm_needs_org_group_of (line->organisation_kind) == CM_NEEDS_ORG_GROUP_PVI)
        competency->pvi_needed += line->needed;
      competency->required += line->required;
      competency->still += line->still;
      competency->n_lines++;
    }

  for (guint i = 0; i < competencies->len; i++)
    {
      CmNeedsCompetency *competency = g_ptr_array_index (competencies, i);
      gint64 capacity = MAX (1, competency->capacity);

      competency->priority = (double) competency->priority_num / (double) competency->priority_den;
      competency->suggested_events = (competency->places_needed + capacity - 1) / capacity;
      /* What the commission made from it costs: whole events, full. */
      competency->indicative_cost_pence = competency->suggested_events * capacity * competency->cost_per_place_pence;
    }

  g_ptr_array_sort (competencies, compare_competencies);

  return competencies;
}

/* Adds @line to @total; @seen holds the staff groups counted so far. */
static void
total_add (CmNeedsTotal      *total,
           GHashTable        *seen,
           const CmNeedsLine *line)
{
  if (g_hash_table_add (seen, (gpointer) &line->staff_group_id))
    {
      total->n_staff_groups++;
      total->headcount += line->headcount;
    }

  total->n_lines++;
  total->required += line->required;
  total->still += line->still;
  total->needed += line->needed;
}

/**
 * cm_needs_totals_by_sector:
 * @lines: (element-type CmNeedsLine): computed lines
 *
 * Returns: (transfer full) (element-type CmNeedsTotal): one total per
 *   sector that has lines, in the sector vocabulary's order
 */
GPtrArray *
cm_needs_totals_by_sector (GPtrArray *lines)
{
  const char * const *sectors = cm_domain_values (CM_DOMAIN_SECTOR);
  guint n_sectors = cm_domain_n_values (CM_DOMAIN_SECTOR);
  GPtrArray *totals;

  g_return_val_if_fail (lines != NULL, NULL);

  totals = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_needs_total_free);

  for (guint s = 0; s < n_sectors; s++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
      CmNeedsTotal *total = NULL;

      for (guint i = 0; i < lines->len; i++)
        {
          const CmNeedsLine *line = g_ptr_array_index (lines, i);

          if (g_strcmp0 (line->sector, sectors[s]) != 0)
            continue;

          if (total == NULL)
            {
              total = g_new0 (CmNeedsTotal, 1);
              total->key = g_strdup (sectors[s]);
              g_ptr_array_add (totals, total);
            }
          total_add (total, seen, line);
        }
    }

  return totals;
}

/**
 * cm_needs_org_group_of:
 * @organisation_kind: (nullable): an organisation kind id
 *
 * Returns: %CM_NEEDS_ORG_GROUP_PVI for private, voluntary and independent
 *   organisations, %CM_NEEDS_ORG_GROUP_STATUTORY otherwise
 */
CmNeedsOrgGroup
cm_needs_org_group_of (const char *organisation_kind)
{
  if (organisation_kind != NULL && cm_domain_is_pvi (organisation_kind))
    return CM_NEEDS_ORG_GROUP_PVI;

  return CM_NEEDS_ORG_GROUP_STATUTORY;
}

/**
 * cm_needs_org_group_id:
 * @group: an organisation kind group
 *
 * Returns: "statutory" or "pvi"
 */
const char *
cm_needs_org_group_id (CmNeedsOrgGroup group)
{
  switch (group)
    {
    case CM_NEEDS_ORG_GROUP_PVI:
      return "pvi";
    case CM_NEEDS_ORG_GROUP_STATUTORY:
    case CM_NEEDS_ORG_GROUP_N:
    default:
      return "statutory";
    }
}

/**
 * cm_needs_totals_by_org_group:
 * @lines: (element-type CmNeedsLine): computed lines
 *
 * Returns: (transfer full) (element-type CmNeedsTotal): the statutory
 *   total then the PVI total, indexed by #CmNeedsOrgGroup
 */
GPtrArray *
cm_needs_totals_by_org_group (GPtrArray *lines)
{
  GHashTable *seen[CM_NEEDS_ORG_GROUP_N];
  GPtrArray *totals;

  g_return_val_if_fail (lines != NULL, NULL);

  totals = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_needs_total_free);

  for (guint g = 0; g < CM_NEEDS_ORG_GROUP_N; g++)
    {
      CmNeedsTotal *total = g_new0 (CmNeedsTotal, 1);

      total->key = g_strdup (cm_needs_org_group_id ((CmNeedsOrgGroup) g));
      g_ptr_array_add (totals, total);
      seen[g] = g_hash_table_new (g_int64_hash, g_int64_equal);
    }

  for (guint i = 0; i < lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (lines, i);
      CmNeedsOrgGroup group = cm_needs_org_group_of (line->organisation_kind);

      total_add (g_ptr_array_index (totals, group), seen[group], line);
    }

  for (guint g = 0; g < CM_NEEDS_ORG_GROUP_N; g++)
    g_hash_table_unref (seen[g]);

  return totals;
}
