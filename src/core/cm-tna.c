/* cm-tna.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-tna"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-db-private.h"
#include "cm-budget.h"
#include "cm-budget-private.h"
#include "cm-domain.h"
#include "cm-fiscal.h"
#include "cm-money.h"
#include "cm-tna.h"

/* One cycle is six months of the annual turnover. */
#define CYCLE_MONTHS 6

/* The upper bound of every money column of the schema. */
#define MAX_PENCE G_GINT64_CONSTANT (100000000000)

G_DEFINE_QUARK (cm-tna-error-quark, cm_tna_error)

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

/* Transactions that nest: a function that must be all-or-nothing opens
 * its own transaction when none is open, and a savepoint inside the
 * caller's otherwise. */

static gboolean
tx_begin (CmDb      *db,
          gboolean  *out_own,
          GError   **error)
{
  *out_own = sqlite3_get_autocommit (cm_db_get_handle (db)) != 0;

  if (*out_own)
    return cm_db_begin (db, error);

  return cm_db_exec (db, "SAVEPOINT cm_tna", error);
}

static gboolean
tx_commit (CmDb      *db,
           gboolean   own,
           GError   **error)
{
  if (own)
    return cm_db_commit (db, error);

  return cm_db_exec (db, "RELEASE cm_tna", error);
}

static void
tx_rollback (CmDb     *db,
             gboolean  own)
{
  if (own)
    {
      cm_db_rollback (db);
      return;
    }

  sqlite3_exec (cm_db_get_handle (db), "ROLLBACK TO cm_tna; RELEASE cm_tna", NULL, NULL, NULL);
}

/* Settings. */

static gboolean
setting_get (CmDb        *db,
             const char  *key,
             char       **out_value,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *out_value = NULL;

  if (!(stmt = cm_db_prepare (db, "SELECT value FROM settings WHERE key = ?1", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
setting_set (CmDb        *db,
             const char  *key,
             const char  *value,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = cm_db_prepare (db,
                              "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                              error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);

  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  cm_db_announce (db, CM_CHANGE_SETTINGS, 0, 0, 0);
  return TRUE;
}

/* Weights. */

/**
 * cm_tna_weights_init_default:
 * @weights: (out caller-allocates): the weights to set
 *
 * Sets the default priority weights: 30/25/15/10/20 (docs/figures.md,
 * "Priority").
 */
void
cm_tna_weights_init_default (CmNeedsWeights *weights)
{
  g_return_if_fail (weights != NULL);

  weights->mandatory = CM_TNA_DEFAULT_WEIGHT_MANDATORY;
  weights->risk = CM_TNA_DEFAULT_WEIGHT_RISK;
  weights->strategic = CM_TNA_DEFAULT_WEIGHT_STRATEGIC;
  weights->evidence = CM_TNA_DEFAULT_WEIGHT_EVIDENCE;
  weights->gap = CM_TNA_DEFAULT_WEIGHT_GAP;
}

/**
 * cm_tna_weights_validate:
 * @weights: priority weights
 * @error: return location for a #GError
 *
 * Returns: %TRUE when each weight is 0..100 and they sum to 100
 */
gboolean
cm_tna_weights_validate (const CmNeedsWeights  *weights,
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
          g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
                       _("Each priority weight must be from 0 to 100 (one is %u)"), values[i]);
          return FALSE;
        }
      sum += values[i];
    }

  if (sum != 100)
    {
      g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
                   _("The priority weights must add up to 100; they add up to %u"), sum);
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_tna_weights_to_string:
 * @weights: priority weights
 *
 * Returns: (transfer full): "mandatory,risk,strategic,evidence,gap",
 *   such as "30,25,15,10,20"
 */
char *
cm_tna_weights_to_string (const CmNeedsWeights *weights)
{
  g_return_val_if_fail (weights != NULL, NULL);

  return g_strdup_printf ("%u,%u,%u,%u,%u",
                          weights->mandatory, weights->risk, weights->strategic,
                          weights->evidence, weights->gap);
}

/**
 * cm_tna_weights_parse:
 * @text: weights as written by cm_tna_weights_to_string()
 * @out_weights: (out caller-allocates): the weights
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @text holds five whole numbers that are valid weights
 */
gboolean
cm_tna_weights_parse (const char      *text,
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
      g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
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
          g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
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

  if (!cm_tna_weights_validate (&weights, error))
    return FALSE;

  *out_weights = weights;
  return TRUE;
}

/**
 * cm_tna_weights_load:
 * @db: a #CmDb
 * @out_weights: (out caller-allocates): the weights
 * @error: return location for a #GError
 *
 * Reads the priority weights stored in the database, or the defaults if
 * none were saved.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_weights_load (CmDb            *db,
                     CmNeedsWeights  *out_weights,
                     GError         **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (out_weights != NULL, FALSE);

  if (!setting_get (db, CM_TNA_SETTING_WEIGHTS, &value, error))
    return FALSE;

  if (value == NULL)
    {
      cm_tna_weights_init_default (out_weights);
      return TRUE;
    }

  if (!cm_tna_weights_parse (value, out_weights, error))
    {
      g_prefix_error (error, _("The saved priority weights are damaged: "));
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_tna_weights_save:
 * @db: a #CmDb
 * @weights: valid priority weights
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; invalid weights are refused unsaved
 */
gboolean
cm_tna_weights_save (CmDb                  *db,
                     const CmNeedsWeights  *weights,
                     GError               **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (weights != NULL, FALSE);

  if (!cm_tna_weights_validate (weights, error))
    return FALSE;

  value = cm_tna_weights_to_string (weights);
  return setting_set (db, CM_TNA_SETTING_WEIGHTS, value, error);
}

/* Cost per place. */

/**
 * cm_tna_cost_per_place_load:
 * @db: a #CmDb
 * @out_pence: (out): the default cost per place
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_cost_per_place_load (CmDb     *db,
                            gint64   *out_pence,
                            GError  **error)
{
  g_autofree char *value = NULL;
  gint64 pence = 0;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (out_pence != NULL, FALSE);

  if (!setting_get (db, CM_TNA_SETTING_COST_PER_PLACE, &value, error))
    return FALSE;

  if (value == NULL)
    {
      *out_pence = CM_TNA_DEFAULT_COST_PER_PLACE_PENCE;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (value, 10, 0, MAX_PENCE, &pence, NULL))
    {
      g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
                   _("The saved default cost per place “%s” is damaged"), value);
      return FALSE;
    }

  *out_pence = pence;
  return TRUE;
}

/**
 * cm_tna_cost_per_place_save:
 * @db: a #CmDb
 * @pence: the default cost per place
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_cost_per_place_save (CmDb    *db,
                            gint64   pence,
                            GError **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (pence < 0 || pence > MAX_PENCE)
    {
      g_set_error_literal (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
                           _("The cost per place must be from £0.00 to £1,000,000,000.00"));
      return FALSE;
    }

  value = g_strdup_printf ("%" G_GINT64_FORMAT, pence);
  return setting_set (db, CM_TNA_SETTING_COST_PER_PLACE, value, error);
}

/* The formula. */

/**
 * cm_tna_required:
 * @headcount: staff in the group, ≥ 0
 * @coverage_bp: share that must hold the competency, 0..10000
 *
 * Returns: ceil (@headcount * @coverage_bp / 10000)
 */
gint64
cm_tna_required (gint64 headcount,
                 gint64 coverage_bp)
{
  g_return_val_if_fail (headcount >= 0 && coverage_bp >= 0, 0);

  return (headcount * coverage_bp + 9999) / 10000;
}

/**
 * cm_tna_leavers:
 * @compliant: staff holding the competency, ≥ 0
 * @turnover_bp: annual turnover, 0..10000
 *
 * Returns: the holders expected to leave within one six-month cycle,
 *   rounded half up
 */
gint64
cm_tna_leavers (gint64 compliant,
                gint64 turnover_bp)
{
  g_return_val_if_fail (compliant >= 0 && turnover_bp >= 0, 0);

  return cm_money_round_half_up (compliant * turnover_bp * CYCLE_MONTHS, 10000 * 12);
}

/**
 * cm_tna_still:
 * @compliant: staff holding the competency
 * @expiring: of those, how many expire within the cycle
 * @leavers: of those, how many are expected to leave
 *
 * Returns: how many will still hold it at the end of the cycle, ≥ 0
 */
gint64
cm_tna_still (gint64 compliant,
              gint64 expiring,
              gint64 leavers)
{
  return MAX (0, compliant - expiring - leavers);
}

/**
 * cm_tna_needed:
 * @required: staff who must hold the competency
 * @still: staff who will still hold it
 *
 * Returns: places needed, ≥ 0
 */
gint64
cm_tna_needed (gint64 required,
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
 * cm_tna_compute_line:
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
cm_tna_compute_line (CmNeedsLine          *line,
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
      cm_tna_weights_init_default (&defaults);
      weights = &defaults;
    }

  line->required = cm_tna_required (line->headcount, line->coverage_bp);
  line->leavers = cm_tna_leavers (line->compliant, line->turnover_bp);
  line->still = cm_tna_still (line->compliant, line->expiring, line->leavers);
  line->needed = cm_tna_needed (line->required, line->still);

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
 * cm_tna_priority_round:
 * @priority_num: the priority's numerator
 * @priority_den: its denominator, > 0
 * @decimals: how many decimals to keep, ≤ 6
 *
 * Returns: the priority times 10^@decimals, rounded half up
 */
gint64
cm_tna_priority_round (gint64 priority_num,
                       gint64 priority_den,
                       guint  decimals)
{
  g_return_val_if_fail (priority_den > 0, 0);
  g_return_val_if_fail (decimals <= 6, 0);

  return cm_money_round_half_up (priority_num * power_of_ten (decimals), priority_den);
}

/**
 * cm_tna_format_priority:
 * @priority_num: the priority's numerator
 * @priority_den: its denominator, > 0
 * @decimals: at most this many decimals, ≤ 6
 *
 * Returns: (transfer full): the priority rounded half up, without
 *   trailing zeros, with a '.' in every locale: "45.83", "50", "12.5"
 */
char *
cm_tna_format_priority (gint64 priority_num,
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
  value = cm_tna_priority_round (priority_num, priority_den, decimals);
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
 * cm_tna_previous_cycle:
 * @year: a financial year
 * @half: 1 or 2
 * @out_year: (out): the previous cycle's year
 * @out_half: (out): the previous cycle's half
 *
 * H1 follows the previous year's H2; H2 follows the same year's H1.
 */
void
cm_tna_previous_cycle (int  year,
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
 * cm_tna_check_cycle:
 * @year: a financial year
 * @half: 1 or 2
 * @error: return location for a #GError
 *
 * Returns: %TRUE if (@year, @half) is a cycle the database can hold
 */
gboolean
cm_tna_check_cycle (int      year,
                    int      half,
                    GError **error)
{
  if (year < 1900 || year > 9999)
    {
      g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
                   _("The year must be from 1900 to 9999, not %d"), year);
      return FALSE;
    }

  if (half != 1 && half != 2)
    {
      g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
                   _("The half must be 1 or 2, not %d"), half);
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_tna_ensure_cycle:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_ensure_cycle (CmDb    *db,
                     int      year,
                     int      half,
                     GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_tna_check_cycle (year, half, error))
    return FALSE;

  if (!(stmt = cm_db_prepare (db,
                              "INSERT INTO cycles (year, half) VALUES (?1, ?2)"
                              " ON CONFLICT (year, half) DO NOTHING",
                              error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, half);

  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  if (sqlite3_changes (cm_db_get_handle (db)) > 0)
    cm_db_announce (db, CM_CHANGE_CYCLES, year, half, 0);
  return TRUE;
}

/**
 * cm_tna_get_wizard_step:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @out_step: (out): the saved step, 0 if none
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_get_wizard_step (CmDb    *db,
                        int      year,
                        int      half,
                        int     *out_step,
                        GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (out_step != NULL, FALSE);

  if (!cm_tna_check_cycle (year, half, error))
    return FALSE;

  if (!(stmt = cm_db_prepare (db, "SELECT wizard_step FROM cycles WHERE year = ?1 AND half = ?2", error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, half);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_step = sqlite3_column_int (stmt, 0);
  else if (rc == SQLITE_DONE)
    *out_step = 0;
  else
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_tna_set_wizard_step:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @step: the step the wizard is on, ≥ 0
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_set_wizard_step (CmDb    *db,
                        int      year,
                        int      half,
                        int      step,
                        GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_tna_check_cycle (year, half, error))
    return FALSE;

  if (step < 0)
    {
      g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
                   _("The wizard step must not be negative (%d)"), step);
      return FALSE;
    }

  if (!(stmt = cm_db_prepare (db,
                              "INSERT INTO cycles (year, half, wizard_step) VALUES (?1, ?2, ?3)"
                              " ON CONFLICT (year, half) DO UPDATE SET wizard_step = excluded.wizard_step",
                              error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, half);
  sqlite3_bind_int (stmt, 3, step);

  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  cm_db_announce (db, CM_CHANGE_CYCLES, year, half, 0);
  return TRUE;
}

/**
 * cm_tna_list_cycles:
 * @db: a #CmDb
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CmNeedsCycle) (nullable): the
 *   known cycles, newest first
 */
GArray *
cm_tna_list_cycles (CmDb    *db,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) cycles = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!(stmt = cm_db_prepare (db,
                              "SELECT year, half, max(step), sum(n) FROM ("
                              "  SELECT year, half, wizard_step AS step, 0 AS n FROM cycles"
                              "  UNION ALL"
                              "  SELECT year, half, 0, count(*) FROM requirements GROUP BY year, half"
                              ") GROUP BY year, half ORDER BY year DESC, half DESC",
                              error)))
    return NULL;

  cycles = g_array_new (FALSE, TRUE, sizeof (CmNeedsCycle));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CmNeedsCycle cycle;

      cycle.year = sqlite3_column_int (stmt, 0);
      cycle.half = sqlite3_column_int (stmt, 1);
      cycle.wizard_step = sqlite3_column_int (stmt, 2);
      cycle.n_lines = (guint) sqlite3_column_int64 (stmt, 3);
      g_array_append_val (cycles, cycle);
    }

  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&cycles);
}

/**
 * cm_tna_get_current_cycle:
 * @db: a #CmDb
 * @out_found: (out): whether a current cycle was saved
 * @out_year: (out): its year
 * @out_half: (out): its half
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_get_current_cycle (CmDb      *db,
                          gboolean  *out_found,
                          int       *out_year,
                          int       *out_half,
                          GError   **error)
{
  g_autofree char *value = NULL;
  gint64 year = 0;
  gint64 half = 0;
  char *end = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (out_found != NULL && out_year != NULL && out_half != NULL, FALSE);

  *out_found = FALSE;

  if (!setting_get (db, CM_TNA_SETTING_CURRENT_CYCLE, &value, error))
    return FALSE;

  if (value == NULL)
    return TRUE;

  year = g_ascii_strtoll (value, &end, 10);
  if (end != NULL && *end == ',')
    half = g_ascii_strtoll (end + 1, &end, 10);

  if (end == NULL || *end != '\0' || !cm_tna_check_cycle ((int) CLAMP (year, 0, 10000), (int) half, NULL))
    {
      g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
                   _("The saved current cycle “%s” is damaged"), value);
      return FALSE;
    }

  *out_found = TRUE;
  *out_year = (int) year;
  *out_half = (int) half;
  return TRUE;
}

/**
 * cm_tna_set_current_cycle:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_set_current_cycle (CmDb    *db,
                          int      year,
                          int      half,
                          GError **error)
{
  g_autofree char *value = NULL;
  gboolean own = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_tna_check_cycle (year, half, error))
    return FALSE;

  value = g_strdup_printf ("%d,%d", year, half);

  if (!tx_begin (db, &own, error))
    return FALSE;

  if (!cm_tna_ensure_cycle (db, year, half, error) ||
      !setting_set (db, CM_TNA_SETTING_CURRENT_CYCLE, value, error))
    {
      tx_rollback (db, own);
      return FALSE;
    }

  return tx_commit (db, own, error);
}

/* Needs over a cycle. */

/* Higher priority first; equal priorities compare equal. */
static int
compare_priority_desc (gint64 num_a,
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
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const CmNeedsLine *la = *(CmNeedsLine * const *) a;
  const CmNeedsLine *lb = *(CmNeedsLine * const *) b;
  int cmp;

  cmp = compare_priority_desc (la->priority_num, la->priority_den, lb->priority_num, lb->priority_den);
  if (cmp != 0)
    return cmp;

  cmp = g_strcmp0 (la->staff_group, lb->staff_group);
  if (cmp != 0)
    return cmp;

  return g_strcmp0 (la->competency_code, lb->competency_code);
}

static const char *
column_intern (sqlite3_stmt *stmt,
               int           column)
{
  return g_intern_string ((const char *) sqlite3_column_text (stmt, column));
}

/**
 * cm_tna_list_lines:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @weights: (nullable): priority weights, %NULL for the defaults
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CmNeedsLine) (nullable): the
 *   cycle's requirement lines, computed, highest priority first
 */
GPtrArray *
cm_tna_list_lines (CmDb                  *db,
                   int                    year,
                   int                    half,
                   const CmNeedsWeights  *weights,
                   GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!cm_tna_check_cycle (year, half, error))
    return NULL;

  if (weights != NULL && !cm_tna_weights_validate (weights, error))
    return NULL;

  if (!(stmt = cm_db_prepare (db,
                              "SELECT r.id, r.year, r.half, g.id, g.name, o.name, o.kind, g.sector,"
                              "       c.id, c.code, c.name, c.category, g.headcount, g.turnover_bp,"
                              "       r.coverage_bp, r.compliant, r.expiring, r.evidence,"
                              "       c.mandatory, c.risk, c.strategic, c.capacity, c.half_days"
                              "  FROM requirements r"
                              "  JOIN staff_groups g ON g.id = r.staff_group_id"
                              "  JOIN organisations o ON o.id = g.organisation_id"
                              "  JOIN competencies c ON c.id = r.competency_id"
                              " WHERE r.year = ?1 AND r.half = ?2",
                              error)))
    return NULL;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, half);

  lines = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_needs_line_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CmNeedsLine *line = cm_needs_line_new ();

      line->requirement_id = sqlite3_column_int64 (stmt, 0);
      line->year = sqlite3_column_int (stmt, 1);
      line->half = sqlite3_column_int (stmt, 2);
      line->staff_group_id = sqlite3_column_int64 (stmt, 3);
      line->staff_group = column_intern (stmt, 4);
      line->organisation = column_intern (stmt, 5);
      line->organisation_kind = column_intern (stmt, 6);
      line->sector = column_intern (stmt, 7);
      line->competency_id = sqlite3_column_int64 (stmt, 8);
      line->competency_code = column_intern (stmt, 9);
      line->competency_name = column_intern (stmt, 10);
      line->category = column_intern (stmt, 11);
      line->headcount = sqlite3_column_int64 (stmt, 12);
      line->turnover_bp = sqlite3_column_int64 (stmt, 13);
      line->coverage_bp = sqlite3_column_int64 (stmt, 14);
      line->compliant = sqlite3_column_int64 (stmt, 15);
      line->expiring = sqlite3_column_int64 (stmt, 16);
      line->evidence = sqlite3_column_int (stmt, 17);
      line->mandatory = sqlite3_column_int (stmt, 18);
      line->risk = sqlite3_column_int (stmt, 19);
      line->strategic = sqlite3_column_int (stmt, 20);
      line->capacity = sqlite3_column_int64 (stmt, 21);
      line->half_days = sqlite3_column_int64 (stmt, 22);

      cm_tna_compute_line (line, weights);
      g_ptr_array_add (lines, line);
    }

  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  g_ptr_array_sort (lines, compare_lines);

  return g_steal_pointer (&lines);
}

static int
compare_competencies (gconstpointer a,
                      gconstpointer b)
{
  const CmNeedsCompetency *ca = *(CmNeedsCompetency * const *) a;
  const CmNeedsCompetency *cb = *(CmNeedsCompetency * const *) b;
  int cmp;

  cmp = compare_priority_desc (ca->priority_num, ca->priority_den, cb->priority_num, cb->priority_den);
  if (cmp != 0)
    return cmp;

  if (ca->places_needed != cb->places_needed)
    return ca->places_needed > cb->places_needed ? -1 : 1;

  return g_strcmp0 (ca->code, cb->code);
}

/**
 * cm_tna_aggregate_competencies:
 * @lines: (element-type CmNeedsLine): computed lines of one cycle
 * @cost_per_place_pence: the default cost per place, ≥ 0
 *
 * Returns: (transfer full) (element-type CmNeedsCompetency): the needs
 *   per competency, highest priority first
 */
GPtrArray *
cm_tna_aggregate_competencies (GPtrArray *lines,
                               gint64     cost_per_place_pence)
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
          g_ptr_array_add (competencies, competency);
          g_hash_table_insert (by_id, &competency->competency_id, competency);
        }
      else if (compare_priority_desc (line->priority_num, line->priority_den,
                                      competency->priority_num, competency->priority_den) < 0)
        {
          competency->priority_num = line->priority_num;
          competency->priority_den = line->priority_den;
        }

      competency->places_needed += line->needed;
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
      competency->indicative_cost_pence = competency->places_needed * cost_per_place_pence;
    }

  g_ptr_array_sort (competencies, compare_competencies);

  return competencies;
}

/**
 * cm_tna_list_competencies:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @weights: (nullable): priority weights, %NULL for the defaults
 * @cost_per_place_pence: the default cost per place, ≥ 0
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CmNeedsCompetency) (nullable):
 *   the needs per competency over the cycle, highest priority first
 */
GPtrArray *
cm_tna_list_competencies (CmDb                  *db,
                          int                    year,
                          int                    half,
                          const CmNeedsWeights  *weights,
                          gint64                 cost_per_place_pence,
                          GError               **error)
{
  g_autoptr(GPtrArray) lines = NULL;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (cost_per_place_pence < 0 || cost_per_place_pence > MAX_PENCE)
    {
      g_set_error_literal (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
                           _("The cost per place must be from £0.00 to £1,000,000,000.00"));
      return NULL;
    }

  if (!(lines = cm_tna_list_lines (db, year, half, weights, error)))
    return NULL;

  return cm_tna_aggregate_competencies (lines, cost_per_place_pence);
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
 * cm_tna_totals_by_sector:
 * @lines: (element-type CmNeedsLine): computed lines
 *
 * Returns: (transfer full) (element-type CmNeedsTotal): one total per
 *   sector that has lines, in the sector vocabulary's order
 */
GPtrArray *
cm_tna_totals_by_sector (GPtrArray *lines)
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
 * cm_tna_org_group_of:
 * @organisation_kind: (nullable): an organisation kind id
 *
 * Returns: %CM_NEEDS_ORG_GROUP_PVI for private, voluntary and independent
 *   organisations, %CM_NEEDS_ORG_GROUP_STATUTORY otherwise
 */
CmNeedsOrgGroup
cm_tna_org_group_of (const char *organisation_kind)
{
  if (organisation_kind != NULL && cm_domain_is_pvi (organisation_kind))
    return CM_NEEDS_ORG_GROUP_PVI;

  return CM_NEEDS_ORG_GROUP_STATUTORY;
}

/**
 * cm_tna_org_group_id:
 * @group: an organisation kind group
 *
 * Returns: "statutory" or "pvi"
 */
const char *
cm_tna_org_group_id (CmNeedsOrgGroup group)
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
 * cm_tna_totals_by_org_group:
 * @lines: (element-type CmNeedsLine): computed lines
 *
 * Returns: (transfer full) (element-type CmNeedsTotal): the statutory
 *   total then the PVI total, indexed by #CmNeedsOrgGroup
 */
GPtrArray *
cm_tna_totals_by_org_group (GPtrArray *lines)
{
  GHashTable *seen[CM_NEEDS_ORG_GROUP_N];
  GPtrArray *totals;

  g_return_val_if_fail (lines != NULL, NULL);

  totals = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_needs_total_free);

  for (guint g = 0; g < CM_NEEDS_ORG_GROUP_N; g++)
    {
      CmNeedsTotal *total = g_new0 (CmNeedsTotal, 1);

      total->key = g_strdup (cm_tna_org_group_id ((CmNeedsOrgGroup) g));
      g_ptr_array_add (totals, total);
      seen[g] = g_hash_table_new (g_int64_hash, g_int64_equal);
    }

  for (guint i = 0; i < lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (lines, i);
      CmNeedsOrgGroup group = cm_tna_org_group_of (line->organisation_kind);

      total_add (g_ptr_array_index (totals, group), seen[group], line);
    }

  for (guint g = 0; g < CM_NEEDS_ORG_GROUP_N; g++)
    g_hash_table_unref (seen[g]);

  return totals;
}

/* Editing requirements. */


/* Requirement changes name the cycle and the line's id. */
static void
announce_requirement_id (CmDb   *db,
                         gint64  requirement_id)
{
  g_autoptr(sqlite3_stmt) stmt = cm_db_prepare (db, "SELECT year, half FROM requirements WHERE id = ?1", NULL);

  if (stmt == NULL)
    {
      cm_db_announce (db, CM_CHANGE_REQUIREMENTS, 0, 0, requirement_id);
      return;
    }

  sqlite3_bind_int64 (stmt, 1, requirement_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    cm_db_announce (db, CM_CHANGE_REQUIREMENTS,
                    sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1), requirement_id);
}

static void
announce_requirement (CmDb   *db,
                      int     year,
                      int     half,
                      gint64  staff_group_id,
                      gint64  competency_id)
{
  g_autoptr(sqlite3_stmt) stmt = cm_db_prepare (db,
                                                "SELECT id FROM requirements WHERE year = ?1 AND half = ?2"
                                                " AND staff_group_id = ?3 AND competency_id = ?4",
                                                NULL);
  gint64 id = 0;

  if (stmt != NULL)
    {
      sqlite3_bind_int (stmt, 1, year);
      sqlite3_bind_int (stmt, 2, half);
      sqlite3_bind_int64 (stmt, 3, staff_group_id);
      sqlite3_bind_int64 (stmt, 4, competency_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
    }

  cm_db_announce (db, CM_CHANGE_REQUIREMENTS, year, half, id);
}

static gboolean
check_staff_group (CmDb    *db,
                   gint64   staff_group_id,
                   GError **error)
{
  gboolean exists = FALSE;

  if (!cm_db_row_exists (db, "SELECT 1 FROM staff_groups WHERE id = ?1", staff_group_id, &exists, error))
    return FALSE;

  if (!exists)
    {
      g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_NOT_FOUND,
                   _("There is no staff group with id %" G_GINT64_FORMAT), staff_group_id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_competency (CmDb    *db,
                  gint64   competency_id,
                  GError **error)
{
  gboolean exists = FALSE;

  if (!cm_db_row_exists (db, "SELECT 1 FROM competencies WHERE id = ?1", competency_id, &exists, error))
    return FALSE;

  if (!exists)
    {
      g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_NOT_FOUND,
                   _("There is no competency with id %" G_GINT64_FORMAT), competency_id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_coverage (gint64   coverage_bp,
                GError **error)
{
  if (coverage_bp < 0 || coverage_bp > 10000)
    {
      g_set_error_literal (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
                           _("The coverage must be from 0% to 100%"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_position (gint64   compliant,
                gint64   expiring,
                GError **error)
{
  if (compliant < 0 || expiring < 0)
    {
      g_set_error_literal (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
                           _("The compliant and expiring counts must not be negative"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_evidence (int      evidence,
                GError **error)
{
  if (evidence < 0 || evidence > 2)
    {
      g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
                   _("The evidence of need must be 0, 1 or 2, not %d"), evidence);
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_tna_set_requirement:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @staff_group_id: a staff group
 * @competency_id: a competency
 * @coverage_bp: coverage, 0..10000
 * @compliant: staff holding the competency now
 * @expiring: of those, how many expire within the cycle
 * @evidence: strength of the evidence of need, 0..2
 * @error: return location for a #GError
 *
 * Inserts or replaces the requirement line.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_set_requirement (CmDb    *db,
                        int      year,
                        int      half,
                        gint64   staff_group_id,
                        gint64   competency_id,
                        gint64   coverage_bp,
                        gint64   compliant,
                        gint64   expiring,
                        int      evidence,
                        GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean own = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_tna_check_cycle (year, half, error) ||
      !check_coverage (coverage_bp, error) ||
      !check_position (compliant, expiring, error) ||
      !check_evidence (evidence, error))
    return FALSE;

  if (!tx_begin (db, &own, error))
    return FALSE;

  if (!check_staff_group (db, staff_group_id, error) ||
      !check_competency (db, competency_id, error) ||
      !cm_tna_ensure_cycle (db, year, half, error))
    goto failed;

  if (!(stmt = cm_db_prepare (db,
                              "INSERT INTO requirements (year, half, staff_group_id, competency_id,"
                              "                          coverage_bp, compliant, expiring, evidence)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                              " ON CONFLICT (year, half, staff_group_id, competency_id) DO UPDATE SET"
                              "   coverage_bp = excluded.coverage_bp, compliant = excluded.compliant,"
                              "   expiring = excluded.expiring, evidence = excluded.evidence",
                              error)))
    goto failed;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, half);
  sqlite3_bind_int64 (stmt, 3, staff_group_id);
  sqlite3_bind_int64 (stmt, 4, competency_id);
  sqlite3_bind_int64 (stmt, 5, coverage_bp);
  sqlite3_bind_int64 (stmt, 6, compliant);
  sqlite3_bind_int64 (stmt, 7, expiring);
  sqlite3_bind_int (stmt, 8, evidence);

  if (!cm_db_step_done (db, stmt, error))
    goto failed;

  announce_requirement (db, year, half, staff_group_id, competency_id);
  return tx_commit (db, own, error);

failed:
  tx_rollback (db, own);
  return FALSE;
}

/**
 * cm_tna_delete_requirement:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @staff_group_id: a staff group
 * @competency_id: a competency
 * @error: return location for a #GError
 *
 * Removes the requirement line, if there is one.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_delete_requirement (CmDb    *db,
                           int      year,
                           int      half,
                           gint64   staff_group_id,
                           gint64   competency_id,
                           GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_tna_check_cycle (year, half, error))
    return FALSE;

  if (!(stmt = cm_db_prepare (db,
                              "DELETE FROM requirements WHERE year = ?1 AND half = ?2"
                              " AND staff_group_id = ?3 AND competency_id = ?4",
                              error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, half);
  sqlite3_bind_int64 (stmt, 3, staff_group_id);
  sqlite3_bind_int64 (stmt, 4, competency_id);

  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  if (sqlite3_changes (cm_db_get_handle (db)) > 0)
    cm_db_announce (db, CM_CHANGE_REQUIREMENTS, year, half, 0);
  return TRUE;
}

/* Runs an UPDATE of one requirement bound as ?1 = id, then ?2, ?3 from
 * @values; an id that matches nothing is an error. */
static gboolean
update_requirement (CmDb         *db,
                    const char   *sql,
                    gint64        requirement_id,
                    const gint64 *values,
                    guint         n_values,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = cm_db_prepare (db, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, requirement_id);
  for (guint i = 0; i < n_values; i++)
    sqlite3_bind_int64 (stmt, (int) i + 2, values[i]);

  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  if (sqlite3_changes (cm_db_get_handle (db)) == 0)
    {
      g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_NOT_FOUND,
                   _("There is no requirement line with id %" G_GINT64_FORMAT), requirement_id);
      return FALSE;
    }

  announce_requirement_id (db, requirement_id);
  return TRUE;
}

/**
 * cm_tna_set_coverage:
 * @db: a #CmDb
 * @requirement_id: a requirement line
 * @coverage_bp: coverage, 0..10000
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_set_coverage (CmDb    *db,
                     gint64   requirement_id,
                     gint64   coverage_bp,
                     GError **error)
{
  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!check_coverage (coverage_bp, error))
    return FALSE;

  return update_requirement (db, "UPDATE requirements SET coverage_bp = ?2 WHERE id = ?1",
                             requirement_id, &coverage_bp, 1, error);
}

/**
 * cm_tna_set_position:
 * @db: a #CmDb
 * @requirement_id: a requirement line
 * @compliant: staff holding the competency now
 * @expiring: of those, how many expire within the cycle
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_set_position (CmDb    *db,
                     gint64   requirement_id,
                     gint64   compliant,
                     gint64   expiring,
                     GError **error)
{
  gint64 values[2] = { compliant, expiring };

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!check_position (compliant, expiring, error))
    return FALSE;

  return update_requirement (db, "UPDATE requirements SET compliant = ?2, expiring = ?3 WHERE id = ?1",
                             requirement_id, values, G_N_ELEMENTS (values), error);
}

/**
 * cm_tna_set_evidence:
 * @db: a #CmDb
 * @requirement_id: a requirement line
 * @evidence: strength of the evidence of need, 0..2
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_set_evidence (CmDb    *db,
                     gint64   requirement_id,
                     int      evidence,
                     GError **error)
{
  gint64 value = evidence;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!check_evidence (evidence, error))
    return FALSE;

  return update_requirement (db, "UPDATE requirements SET evidence = ?2 WHERE id = ?1",
                             requirement_id, &value, 1, error);
}

/**
 * cm_tna_apply_preset:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @competency_id: a competency
 * @staff_group_ids: (array length=n_staff_groups): staff groups
 * @n_staff_groups: how many
 * @coverage_bp: coverage, 0..10000
 * @error: return location for a #GError
 *
 * Sets the competency's coverage for every staff group given, in one
 * transaction, keeping the other fields of existing lines.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_apply_preset (CmDb          *db,
                     int            year,
                     int            half,
                     gint64         competency_id,
                     const gint64  *staff_group_ids,
                     guint          n_staff_groups,
                     gint64         coverage_bp,
                     GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean own = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (staff_group_ids != NULL || n_staff_groups == 0, FALSE);

  if (!cm_tna_check_cycle (year, half, error) ||
      !check_coverage (coverage_bp, error))
    return FALSE;

  if (!tx_begin (db, &own, error))
    return FALSE;

  if (!check_competency (db, competency_id, error) ||
      !cm_tna_ensure_cycle (db, year, half, error))
    goto failed;

  if (!(stmt = cm_db_prepare (db,
                              "INSERT INTO requirements (year, half, staff_group_id, competency_id, coverage_bp)"
                              " VALUES (?1, ?2, ?3, ?4, ?5)"
                              " ON CONFLICT (year, half, staff_group_id, competency_id) DO UPDATE SET"
                              "   coverage_bp = excluded.coverage_bp",
                              error)))
    goto failed;

  for (guint i = 0; i < n_staff_groups; i++)
    {
      if (!check_staff_group (db, staff_group_ids[i], error))
        goto failed;

      sqlite3_bind_int (stmt, 1, year);
      sqlite3_bind_int (stmt, 2, half);
      sqlite3_bind_int64 (stmt, 3, staff_group_ids[i]);
      sqlite3_bind_int64 (stmt, 4, competency_id);
      sqlite3_bind_int64 (stmt, 5, coverage_bp);

      if (!cm_db_step_done (db, stmt, error))
        goto failed;
    }

  cm_db_announce (db, CM_CHANGE_REQUIREMENTS, year, half, 0);
  return tx_commit (db, own, error);

failed:
  tx_rollback (db, own);
  return FALSE;
}

/* Attendance, copy cycle and commissioning. */

static sqlite3_stmt *
prepare_attended (CmDb     *db,
                  int       year,
                  int       half,
                  GError  **error)
{
  sqlite3_stmt *stmt;
  GDate start;
  GDate end;
  g_autofree char *start_iso = NULL;
  g_autofree char *end_iso = NULL;

  /* A learner booked on two events of the line's competency counts once. */
  stmt = cm_db_prepare (db,
                        "SELECT count(DISTINCT l.id)"
                        "  FROM bookings b"
                        "  JOIN learners l ON l.id = b.learner_id"
                        "  JOIN events e ON e.id = b.event_id"
                        "  JOIN commissions m ON m.id = e.commission_id"
                        " WHERE b.status = 'attended'"
                        "   AND l.staff_group_id = ?1"
                        "   AND m.competency_id = ?2"
                        "   AND e.date BETWEEN ?3 AND ?4",
                        error);
  if (stmt == NULL)
    return NULL;

  g_date_clear (&start, 1);
  g_date_clear (&end, 1);
  cm_fiscal_cycle_bounds (year, half, &start, &end);
  start_iso = cm_fiscal_format_iso (&start);
  end_iso = cm_fiscal_format_iso (&end);

  sqlite3_bind_text (stmt, 3, start_iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, end_iso, -1, SQLITE_TRANSIENT);

  return stmt;
}

static gboolean
step_attended (CmDb          *db,
               sqlite3_stmt  *stmt,
               gint64         staff_group_id,
               gint64         competency_id,
               gint64        *out_attended,
               GError       **error)
{
  int rc;

  sqlite3_bind_int64 (stmt, 1, staff_group_id);
  sqlite3_bind_int64 (stmt, 2, competency_id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      cm_db_set_error (db, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  *out_attended = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * cm_tna_count_attended:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @staff_group_id: a staff group
 * @competency_id: a competency
 * @out_attended: (out): distinct learners who attended
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_count_attended (CmDb     *db,
                       int       year,
                       int       half,
                       gint64    staff_group_id,
                       gint64    competency_id,
                       gint64   *out_attended,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (out_attended != NULL, FALSE);

  if (!cm_tna_check_cycle (year, half, error))
    return FALSE;

  if (!(stmt = prepare_attended (db, year, half, error)))
    return FALSE;

  return step_attended (db, stmt, staff_group_id, competency_id, out_attended, error);
}

static gboolean
count_lines (CmDb     *db,
             int       year,
             int       half,
             gint64   *out_count,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = cm_db_prepare (db, "SELECT count(*) FROM requirements WHERE year = ?1 AND half = ?2", error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, half);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  *out_count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * cm_tna_copy_cycle:
 * @db: a #CmDb
 * @year: the financial year of the cycle to fill
 * @half: 1 or 2
 * @out_n_copied: (out) (optional): how many lines were copied
 * @error: return location for a #GError
 *
 * Fills an empty cycle from the previous one, carrying attendance
 * forward as docs/figures.md, "Copy cycle", defines.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_tna_copy_cycle (CmDb     *db,
                   int       year,
                   int       half,
                   guint    *out_n_copied,
                   GError  **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(sqlite3_stmt) attended = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *target_label = NULL;
  g_autofree char *source_label = NULL;
  gint64 n_target = 0;
  gboolean own = FALSE;
  int source_year;
  int source_half;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (out_n_copied != NULL)
    *out_n_copied = 0;

  if (!cm_tna_check_cycle (year, half, error))
    return FALSE;

  cm_tna_previous_cycle (year, half, &source_year, &source_half);
  if (!cm_tna_check_cycle (source_year, source_half, error))
    return FALSE;

  target_label = cm_fiscal_cycle_label (year, half);
  source_label = cm_fiscal_cycle_label (source_year, source_half);

  if (!tx_begin (db, &own, error))
    return FALSE;

  if (!count_lines (db, year, half, &n_target, error))
    goto failed;

  if (n_target > 0)
    {
      g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_CYCLE_NOT_EMPTY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s already has %d requirement line; copying only fills an empty cycle",
                                "%s already has %d requirement lines; copying only fills an empty cycle",
                                (gulong) n_target),
                   target_label, (int) n_target);
      goto failed;
    }

  if (!(lines = cm_tna_list_lines (db, source_year, source_half, NULL, error)))
    goto failed;

  if (lines->len == 0)
    {
      g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_SOURCE_EMPTY,
                   _("%s has no requirement lines to copy into %s"), source_label, target_label);
      goto failed;
    }

  if (!(attended = prepare_attended (db, source_year, source_half, error)) ||
      !(insert = cm_db_prepare (db,
                                "INSERT INTO requirements (year, half, staff_group_id, competency_id,"
                                "                          coverage_bp, compliant, expiring, evidence)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
                                error)) ||
      !cm_tna_ensure_cycle (db, year, half, error))
    goto failed;

  for (guint i = 0; i < lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (lines, i);
      gint64 n_attended = 0;

      if (!step_attended (db, attended, line->staff_group_id, line->competency_id, &n_attended, error))
        goto failed;

      sqlite3_bind_int (insert, 1, year);
      sqlite3_bind_int (insert, 2, half);
      sqlite3_bind_int64 (insert, 3, line->staff_group_id);
      sqlite3_bind_int64 (insert, 4, line->competency_id);
      sqlite3_bind_int64 (insert, 5, line->coverage_bp);
      sqlite3_bind_int64 (insert, 6, line->still + n_attended);
      sqlite3_bind_int (insert, 7, line->evidence);

      if (!cm_db_step_done (db, insert, error))
        goto failed;
    }

  cm_db_announce (db, CM_CHANGE_REQUIREMENTS, year, half, 0);
  if (!tx_commit (db, own, error))
    return FALSE;

  if (out_n_copied != NULL)
    *out_n_copied = lines->len;

  return TRUE;

failed:
  tx_rollback (db, own);
  return FALSE;
}

static gboolean
code_taken (CmDb          *db,
            sqlite3_stmt  *stmt,
            const char    *code,
            gboolean      *out_taken,
            GError       **error)
{
  int rc;

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  *out_taken = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * cm_tna_create_commissions:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @competency_ids: (array length=n_competencies): competencies to commission
 * @n_competencies: how many
 * @cost_per_place_pence: cost per place of the new commissions
 * @out_n_created: (out) (optional): how many commissions were created
 * @error: return location for a #GError
 *
 * Turns the cycle's needs for the competencies given into proposed
 * commissions, all or none.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_tna_create_commissions (CmDb          *db,
                           int            year,
                           int            half,
                           const gint64  *competency_ids,
                           guint          n_competencies,
                           gint64         cost_per_place_pence,
                           guint         *out_n_created,
                           GError       **error)
{
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(sqlite3_stmt) competency = NULL;
  g_autoptr(sqlite3_stmt) taken = NULL;
  gboolean own = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (competency_ids != NULL || n_competencies == 0, FALSE);

  if (out_n_created != NULL)
    *out_n_created = 0;

  if (!cm_tna_check_cycle (year, half, error))
    return FALSE;

  if (cost_per_place_pence < 0 || cost_per_place_pence > MAX_PENCE)
    {
      g_set_error_literal (error, CM_TNA_ERROR, CM_TNA_ERROR_INVALID,
                           _("The cost per place must be from £0.00 to £1,000,000,000.00"));
      return FALSE;
    }

  if (!tx_begin (db, &own, error))
    return FALSE;

  if (!(needs = cm_tna_list_competencies (db, year, half, NULL, cost_per_place_pence, error)) ||
      !(competency = cm_db_prepare (db, "SELECT code, name, half_days, capacity FROM competencies WHERE id = ?1", error)) ||
      !(taken = cm_db_prepare (db, "SELECT 1 FROM commissions WHERE code = ?1", error)))
    goto failed;

  for (guint i = 0; i < n_competencies; i++)
    {
      g_autoptr(CmBudgetCommission) commission = cm_budget_commission_new ();
      g_autofree char *base = NULL;
      g_autofree char *code = NULL;
      g_autofree char *title = NULL;
      gint64 half_days;
      gint64 capacity;
      gint64 events = 0;
      gboolean is_taken = TRUE;
      int rc;

      sqlite3_bind_int64 (competency, 1, competency_ids[i]);
      rc = sqlite3_step (competency);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, CM_TNA_ERROR, CM_TNA_ERROR_NOT_FOUND,
                       _("There is no competency with id %" G_GINT64_FORMAT), competency_ids[i]);
          sqlite3_reset (competency);
          goto failed;
        }
      if (rc != SQLITE_ROW)
        {
          cm_db_set_error (db, error);
          sqlite3_reset (competency);
          goto failed;
        }

      base = g_strdup_printf ("TNA-%dH%d-%s", year, half, (const char *) sqlite3_column_text (competency, 0));
      title = g_strdup ((const char *) sqlite3_column_text (competency, 1));
      half_days = sqlite3_column_int64 (competency, 2);
      capacity = sqlite3_column_int64 (competency, 3);
      sqlite3_reset (competency);

      for (guint n = 0; n < needs->len; n++)
        {
          const CmNeedsCompetency *need = g_ptr_array_index (needs, n);

          if (need->competency_id == competency_ids[i])
            events = need->suggested_events;
        }

      /* Someone chose to commission it: at least one event. */
      events = MAX (1, events);

      code = g_strdup (base);
      for (guint suffix = 2; ; suffix++)
        {
          if (!code_taken (db, taken, code, &is_taken, error))
            goto failed;
          if (!is_taken)
            break;
          g_free (code);
          code = g_strdup_printf ("%s-%u", base, suffix);
        }

      /* The same checked save as the commission editor's. */
      g_free (commission->code);
      commission->code = g_steal_pointer (&code);
      g_free (commission->title);
      commission->title = g_steal_pointer (&title);
      commission->competency_id = competency_ids[i];
      commission->year = year;
      commission->half = half;
      commission->events = (int) events;
      commission->half_days = (int) half_days;
      commission->places = (int) capacity;
      commission->cost_per_place_pence = cost_per_place_pence;

      if (!cm_budget_save_commission_in_transaction (db, commission, error))
        goto failed;
    }

  if (!tx_commit (db, own, error))
    return FALSE;

  if (out_n_created != NULL)
    *out_n_created = n_competencies;

  return TRUE;

failed:
  tx_rollback (db, own);
  return FALSE;
}

/**
 * cm_tna_read_analysis:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @error: return location for a #GError
 *
 * Reads a cycle's lines with the stored weights and cost per place, and
 * aggregates them per competency.
 *
 * Returns: (transfer full) (nullable): the cycle's analysis
 */
CmNeedsAnalysis *
cm_tna_read_analysis (CmDb    *db,
                      int      year,
                      int      half,
                      GError **error)
{
  g_autoptr(CmNeedsAnalysis) analysis = g_new0 (CmNeedsAnalysis, 1);

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  analysis->year = year;
  analysis->half = half;

  if (!cm_tna_weights_load (db, &analysis->weights, error) ||
      !cm_tna_cost_per_place_load (db, &analysis->cost_per_place_pence, error) ||
      !(analysis->lines = cm_tna_list_lines (db, year, half, &analysis->weights, error)))
    return NULL;

  analysis->competencies = cm_tna_aggregate_competencies (analysis->lines, analysis->cost_per_place_pence);

  return g_steal_pointer (&analysis);
}

/**
 * cm_needs_analysis_free:
 * @analysis: (nullable): an analysis
 */
void
cm_needs_analysis_free (CmNeedsAnalysis *analysis)
{
  if (analysis == NULL)
    return;

  g_clear_pointer (&analysis->lines, g_ptr_array_unref);
  g_clear_pointer (&analysis->competencies, g_ptr_array_unref);
  g_free (analysis);
}
