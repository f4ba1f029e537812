/* cm-needs-cycles.c
 *
 * Training cycles, the wizard's saved place, attendance, copying a cycle
 * and turning a cycle's needs into commissions.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-needs"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cm-db-private.h"
#include "cm-budget.h"
#include "cm-budget-private.h"
#include "cm-fiscal.h"
#include "cm-needs.h"
#include "cm-needs-private.h"

/* Cycles. */

/**
 * cm_needs_ensure_cycle:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_ensure_cycle (CmDb    *db,
                       int      year,
                       int      half,
                       GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_needs_check_cycle (year, half, error))
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
 * cm_needs_get_wizard_step:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @out_step: (out): the saved step, 0 if none
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_get_wizard_step (CmDb    *db,
                          int      year,
                          int      half,
                          int     *out_step,
                          GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (out_step != NULL, FALSE);

  if (!cm_needs_check_cycle (year, half, error))
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
 * cm_needs_set_wizard_step:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @step: the step the wizard is on, ≥ 0
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_set_wizard_step (CmDb    *db,
                          int      year,
                          int      half,
                          int      step,
                          GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean exists = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_needs_check_cycle (year, half, error))
    return FALSE;

  if (step < 0)
    {
      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
                   _("The wizard step must not be negative (%d)"), step);
      return FALSE;
    }

  /* Only for a cycle that exists: looking at one never creates it. A
   * cycle with lines but no row (imported) gets its row here. */
  if (!cm_needs_cycle_exists (db, year, half, &exists, error))
    return FALSE;
  if (!exists)
    return TRUE;

  if (!(stmt = cm_db_prepare (db,
                              "INSERT INTO cycles (year, half, wizard_step) VALUES (?1, ?2, ?3)"
                              " ON CONFLICT (year, half) DO UPDATE SET wizard_step = excluded.wizard_step"
                              " WHERE wizard_step IS NOT excluded.wizard_step",
                              error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, half);
  sqlite3_bind_int (stmt, 3, step);

  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  if (sqlite3_changes (cm_db_get_handle (db)) > 0)
    cm_db_announce (db, CM_CHANGE_CYCLES, year, half, 0);
  return TRUE;
}

/**
 * cm_needs_cycle_exists:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @out_exists: (out): whether the cycle has a `cycles` row or lines
 * @error: return location for a #GError
 *
 * A cycle exists once it has been created (a `cycles` row) or has
 * requirement lines; looking at one never creates it.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_cycle_exists (CmDb     *db,
                       int       year,
                       int       half,
                       gboolean *out_exists,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (out_exists != NULL, FALSE);

  if (!cm_needs_check_cycle (year, half, error))
    return FALSE;

  if (!(stmt = cm_db_prepare (db,
                              "SELECT EXISTS (SELECT 1 FROM cycles WHERE year = ?1 AND half = ?2)"
                              " OR EXISTS (SELECT 1 FROM requirements WHERE year = ?1 AND half = ?2)",
                              error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, half);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  *out_exists = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/**
 * cm_needs_list_cycles:
 * @db: a #CmDb
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CmNeedsCycle) (nullable): the
 *   known cycles, newest first
 */
GArray *
cm_needs_list_cycles (CmDb    *db,
                      GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) cycles = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!(stmt = cm_db_prepare (db,
                              "SELECT year, half, max(step), sum(n), max(closed) FROM ("
                              "  SELECT year, half, wizard_step AS step, 0 AS n, closed_on IS NOT NULL AS closed"
                              "    FROM cycles"
                              "  UNION ALL"
                              "  SELECT year, half, 0, count(*), 0 FROM requirements GROUP BY year, half"
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
      cycle.closed = sqlite3_column_int (stmt, 4) != 0;
      g_array_append_val (cycles, cycle);
    }

  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&cycles);
}

/* Sign-off (docs/figures.md, "Cycle sign-off"). */

/**
 * cm_needs_get_cycle_state:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @out_state: (out caller-allocates): the cycle's state
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_get_cycle_state (CmDb               *db,
                          int                 year,
                          int                 half,
                          CmNeedsCycleState  *out_state,
                          GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (out_state != NULL, FALSE);

  memset (out_state, 0, sizeof *out_state);

  if (!cm_needs_cycle_exists (db, year, half, &out_state->exists, error))
    return FALSE;

  if (!(stmt = cm_db_prepare (db, "SELECT closed_on, closed_weights FROM cycles"
                                  " WHERE year = ?1 AND half = ?2 AND closed_on IS NOT NULL", error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, half);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  out_state->closed = TRUE;
  g_strlcpy (out_state->closed_on, (const char *) sqlite3_column_text (stmt, 0), sizeof out_state->closed_on);
  if (!cm_needs_weights_parse ((const char *) sqlite3_column_text (stmt, 1), &out_state->weights, error))
    {
      g_autofree char *label = cm_fiscal_cycle_label (year, half);

      g_prefix_error (error, _("The weights stored with %s are damaged: "), label);
      return FALSE;
    }

  return TRUE;
}

static void
set_closed_error (int      year,
                  int      half,
                  GError **error)
{
  g_autofree char *label = cm_fiscal_cycle_label (year, half);

  g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_CLOSED,
               _("%s is signed off; reopen it to change it"), label);
}

/**
 * cm_needs_check_cycle_open:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the cycle may be written to
 */
gboolean
cm_needs_check_cycle_open (CmDb    *db,
                           int      year,
                           int      half,
                           GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_needs_check_cycle (year, half, error))
    return FALSE;

  if (!(stmt = cm_db_prepare (db, "SELECT 1 FROM cycles WHERE year = ?1 AND half = ?2 AND closed_on IS NOT NULL",
                              error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, half);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  if (rc == SQLITE_ROW)
    {
      set_closed_error (year, half, error);
      return FALSE;
    }

  return TRUE;
}

/* The cycle's state, refusing one that does not exist. */
static gboolean
get_existing_state (CmDb               *db,
                    int                 year,
                    int                 half,
                    CmNeedsCycleState  *out_state,
                    GError            **error)
{
  if (!cm_needs_check_cycle (year, half, error) ||
      !cm_needs_get_cycle_state (db, year, half, out_state, error))
    return FALSE;

  if (!out_state->exists)
    {
      g_autofree char *label = cm_fiscal_cycle_label (year, half);

      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_NOT_FOUND,
                   _("There is no cycle %s: it has not been created"), label);
      return FALSE;
    }

  return TRUE;
}

/* Runs @sql bound to ?1 = year, ?2 = half, then optionally ?3 and ?4. */
static gboolean
exec_for_cycle (CmDb        *db,
                const char  *sql,
                int          year,
                int          half,
                const char  *text3,
                const char  *text4,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = cm_db_prepare (db, sql, error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, half);
  if (text3 != NULL)
    sqlite3_bind_text (stmt, 3, text3, -1, SQLITE_TRANSIENT);
  if (text4 != NULL)
    sqlite3_bind_text (stmt, 4, text4, -1, SQLITE_TRANSIENT);

  return cm_db_step_done (db, stmt, error);
}

/**
 * cm_needs_close_cycle:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @today: (nullable): the day of signing off, %NULL for today
 * @error: return location for a #GError
 *
 * Signs the cycle off, storing what its figures depend on.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_needs_close_cycle (CmDb         *db,
                      int           year,
                      int           half,
                      const GDate  *today,
                      GError      **error)
{
  CmNeedsCycleState state;
  CmNeedsWeights weights;
  g_autofree char *weights_text = NULL;
  g_autofree char *today_iso = NULL;
  gboolean own = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (today == NULL || g_date_valid (today), FALSE);

  if (today != NULL)
    today_iso = cm_fiscal_format_iso (today);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      today_iso = g_date_time_format (now, "%Y-%m-%d");
    }

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  if (!get_existing_state (db, year, half, &state, error) ||
      !cm_needs_weights_load (db, &weights, error))
    goto failed;

  if (state.closed)
    {
      g_autofree char *label = cm_fiscal_cycle_label (year, half);

      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_CLOSED,
                   _("%s is already signed off (on %s)"), label, state.closed_on);
      goto failed;
    }

  weights_text = cm_needs_weights_to_string (&weights);

  if (!exec_for_cycle (db,
                       "INSERT INTO cycles (year, half, closed_on, closed_weights) VALUES (?1, ?2, ?3, ?4)"
                       " ON CONFLICT (year, half) DO UPDATE SET"
                       "   closed_on = excluded.closed_on, closed_weights = excluded.closed_weights",
                       year, half, today_iso, weights_text, error) ||
      !exec_for_cycle (db,
                       "UPDATE requirements SET"
                       "   closed_headcount = (SELECT headcount FROM staff_groups g WHERE g.id = staff_group_id),"
                       "   closed_turnover_bp = (SELECT turnover_bp FROM staff_groups g WHERE g.id = staff_group_id)"
                       " WHERE year = ?1 AND half = ?2",
                       year, half, NULL, NULL, error))
    goto failed;

  cm_db_announce (db, CM_CHANGE_CYCLES, year, half, 0);
  cm_db_announce (db, CM_CHANGE_REQUIREMENTS, year, half, 0);
  return cm_needs_tx_commit (db, own, error);

failed:
  cm_needs_tx_rollback (db, own);
  return FALSE;
}

/**
 * cm_needs_reopen_cycle:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @error: return location for a #GError
 *
 * Reopens a signed-off cycle: its figures follow the live workforce and
 * weights again.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_needs_reopen_cycle (CmDb    *db,
                       int      year,
                       int      half,
                       GError **error)
{
  CmNeedsCycleState state;
  gboolean own = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  if (!get_existing_state (db, year, half, &state, error))
    goto failed;

  if (!state.closed)
    {
      g_autofree char *label = cm_fiscal_cycle_label (year, half);

      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_OPEN,
                   _("%s is not signed off: there is nothing to reopen"), label);
      goto failed;
    }

  if (!exec_for_cycle (db,
                       "UPDATE cycles SET closed_on = NULL, closed_weights = NULL WHERE year = ?1 AND half = ?2",
                       year, half, NULL, NULL, error) ||
      !exec_for_cycle (db,
                       "UPDATE requirements SET closed_headcount = NULL, closed_turnover_bp = NULL"
                       " WHERE year = ?1 AND half = ?2",
                       year, half, NULL, NULL, error))
    goto failed;

  cm_db_announce (db, CM_CHANGE_CYCLES, year, half, 0);
  cm_db_announce (db, CM_CHANGE_REQUIREMENTS, year, half, 0);
  return cm_needs_tx_commit (db, own, error);

failed:
  cm_needs_tx_rollback (db, own);
  return FALSE;
}

/**
 * cm_needs_get_current_cycle:
 * @db: a #CmDb
 * @out_found: (out): whether a current cycle was saved
 * @out_year: (out): its year
 * @out_half: (out): its half
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_get_current_cycle (CmDb      *db,
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

  if (!cm_needs_setting_get (db, CM_NEEDS_SETTING_CURRENT_CYCLE, &value, error))
    return FALSE;

  if (value == NULL)
    return TRUE;

  year = g_ascii_strtoll (value, &end, 10);
  if (end != NULL && *end == ',')
    half = g_ascii_strtoll (end + 1, &end, 10);

  if (end == NULL || *end != '\0' || !cm_needs_check_cycle ((int) CLAMP (year, 0, 10000), (int) half, NULL))
    {
      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
                   _("The saved current cycle “%s” is damaged"), value);
      return FALSE;
    }

  *out_found = TRUE;
  *out_year = (int) year;
  *out_half = (int) half;
  return TRUE;
}

/**
 * cm_needs_set_current_cycle:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_set_current_cycle (CmDb    *db,
                            int      year,
                            int      half,
                            GError **error)
{
  g_autofree char *value = NULL;
  gboolean own = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_needs_check_cycle (year, half, error))
    return FALSE;

  value = g_strdup_printf ("%d,%d", year, half);

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  if (!cm_needs_setting_set (db, CM_NEEDS_SETTING_CURRENT_CYCLE, value, error))
    {
      cm_needs_tx_rollback (db, own);
      return FALSE;
    }

  return cm_needs_tx_commit (db, own, error);
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
 * cm_needs_count_attended:
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
cm_needs_count_attended (CmDb     *db,
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

  if (!cm_needs_check_cycle (year, half, error))
    return FALSE;

  if (!(stmt = prepare_attended (db, year, half, error)))
    return FALSE;

  return step_attended (db, stmt, staff_group_id, competency_id, out_attended, error);
}

/**
 * cm_needs_fill_from_attendance:
 * @db: a #CmDb
 * @year: the cycle's financial year
 * @half: 1 or 2
 * @out_n_filled: (out) (optional): how many lines were filled
 * @error: return location for a #GError
 *
 * Sets compliant, on each line of the cycle still at 0, to the learners
 * of its staff group who attended a course for its competency in the
 * previous cycle: the attended(N) of copy-cycle (docs/figures.md, "Copy
 * cycle"). A count someone typed in is never replaced. One transaction.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_needs_fill_from_attendance (CmDb     *db,
                               int       year,
                               int       half,
                               guint    *out_n_filled,
                               GError  **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) attended = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) competencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean own = FALSE;
  guint n_filled = 0;
  int previous_year;
  int previous_half;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (out_n_filled != NULL)
    *out_n_filled = 0;

  if (!cm_needs_check_cycle (year, half, error))
    return FALSE;
  cm_needs_previous_cycle (year, half, &previous_year, &previous_half);

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  if (!cm_needs_check_cycle_open (db, year, half, error) ||
      !(select = cm_db_prepare (db,
                                "SELECT id, staff_group_id, competency_id FROM requirements"
                                " WHERE year = ?1 AND half = ?2 AND compliant = 0",
                                error)) ||
      !(attended = prepare_attended (db, previous_year, previous_half, error)) ||
      !(update = cm_db_prepare (db, "UPDATE requirements SET compliant = ?2 WHERE id = ?1", error)))
    goto failed;

  /* Read the lines first, then write: the update changes what the
   * query selects. */
  sqlite3_bind_int (select, 1, year);
  sqlite3_bind_int (select, 2, half);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);
      gint64 group = sqlite3_column_int64 (select, 1);
      gint64 competency = sqlite3_column_int64 (select, 2);

      g_array_append_val (ids, id);
      g_array_append_val (groups, group);
      g_array_append_val (competencies, competency);
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      goto failed;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 n_attended = 0;

      if (!step_attended (db, attended, g_array_index (groups, gint64, i),
                          g_array_index (competencies, gint64, i), &n_attended, error))
        goto failed;
      if (n_attended == 0)
        continue;

      sqlite3_bind_int64 (update, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_int64 (update, 2, n_attended);
      if (!cm_db_step_done (db, update, error))
        goto failed;
      n_filled++;
    }

  if (n_filled > 0)
    cm_db_announce (db, CM_CHANGE_REQUIREMENTS, year, half, 0);
  if (!cm_needs_tx_commit (db, own, error))
    return FALSE;

  if (out_n_filled != NULL)
    *out_n_filled = n_filled;
  return TRUE;

failed:
  cm_needs_tx_rollback (db, own);
  return FALSE;
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
 * cm_needs_copy_cycle:
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
cm_needs_copy_cycle (CmDb     *db,
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

  if (!cm_needs_check_cycle (year, half, error))
    return FALSE;

  cm_needs_previous_cycle (year, half, &source_year, &source_half);
  if (!cm_needs_check_cycle (source_year, source_half, error))
    return FALSE;

  target_label = cm_fiscal_cycle_label (year, half);
  source_label = cm_fiscal_cycle_label (source_year, source_half);

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  if (!cm_needs_check_cycle_open (db, year, half, error) ||
      !count_lines (db, year, half, &n_target, error))
    goto failed;

  if (n_target > 0)
    {
      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_CYCLE_NOT_EMPTY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s already has %d requirement line; copying only fills an empty cycle",
                                "%s already has %d requirement lines; copying only fills an empty cycle",
                                (gulong) n_target),
                   target_label, (int) n_target);
      goto failed;
    }

  if (!(lines = cm_needs_list_lines (db, source_year, source_half, NULL, error)))
    goto failed;

  if (lines->len == 0)
    {
      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_SOURCE_EMPTY,
                   _("%s has no requirement lines to copy into %s"), source_label, target_label);
      goto failed;
    }

  if (!(attended = prepare_attended (db, source_year, source_half, error)) ||
      !(insert = cm_db_prepare (db,
                                "INSERT INTO requirements (year, half, staff_group_id, competency_id,"
                                "                          coverage_bp, compliant, expiring, evidence,"
                                "                          evidence_source)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8)",
                                error)) ||
      !cm_needs_ensure_cycle (db, year, half, error))
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
      sqlite3_bind_text (insert, 8, line->evidence_source, -1, SQLITE_STATIC);

      if (!cm_db_step_done (db, insert, error))
        goto failed;
    }

  cm_db_announce (db, CM_CHANGE_REQUIREMENTS, year, half, 0);
  if (!cm_needs_tx_commit (db, own, error))
    return FALSE;

  if (out_n_copied != NULL)
    *out_n_copied = lines->len;

  return TRUE;

failed:
  cm_needs_tx_rollback (db, own);
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
 * cm_needs_create_commissions:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @competency_ids: (array length=n_competencies): competencies to commission
 * @n_competencies: how many
 * @cost_per_place_pence: cost per place of a competency never
 *   commissioned before; the others cost what a place cost on their last
 *   commission (cm_needs_load_prices())
 * @out_n_created: (out) (optional): how many commissions were created
 * @error: return location for a #GError
 *
 * Turns the cycle's needs for the competencies given into proposed
 * commissions, all or none.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_create_commissions (CmDb          *db,
                             int            year,
                             int            half,
                             const gint64  *competency_ids,
                             guint          n_competencies,
                             gint64         cost_per_place_pence,
                             guint         *out_n_created,
                             GError       **error)
{
  g_auto(GStrv) codes = NULL;

  if (!cm_needs_create_commissions_with_codes (db, year, half, competency_ids, n_competencies,
                                               cost_per_place_pence, &codes, error))
    {
      if (out_n_created != NULL)
        *out_n_created = 0;
      return FALSE;
    }

  if (out_n_created != NULL)
    *out_n_created = g_strv_length (codes);
  return TRUE;
}

/**
 * cm_needs_create_commissions_with_codes:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2
 * @competency_ids: (array length=n_competencies): competencies to commission
 * @n_competencies: how many
 * @cost_per_place_pence: as for cm_needs_create_commissions()
 * @out_codes: (out) (transfer full): the codes of the commissions created,
 *   in the order of @competency_ids
 * @error: return location for a #GError
 *
 * Like cm_needs_create_commissions(), telling which commissions it made,
 * so that they can be shown.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_create_commissions_with_codes (CmDb          *db,
                                        int            year,
                                        int            half,
                                        const gint64  *competency_ids,
                                        guint          n_competencies,
                                        gint64         cost_per_place_pence,
                                        GStrv         *out_codes,
                                        GError       **error)
{
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(sqlite3_stmt) competency = NULL;
  g_autoptr(sqlite3_stmt) taken = NULL;
  gboolean own = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (competency_ids != NULL || n_competencies == 0, FALSE);
  g_return_val_if_fail (out_codes != NULL, FALSE);

  *out_codes = NULL;

  if (!cm_needs_check_cycle (year, half, error))
    return FALSE;

  if (cost_per_place_pence < 0 || cost_per_place_pence > CM_NEEDS_MAX_PENCE)
    {
      g_set_error_literal (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
                           _("The cost per place must be from £0.00 to £1,000,000,000.00"));
      return FALSE;
    }

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  if (!(needs = cm_needs_list_competencies (db, year, half, NULL, cost_per_place_pence, error)) ||
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
      gint64 pvi_places = 0;
      gint64 price = cost_per_place_pence;
      gboolean is_taken = TRUE;
      int rc;

      sqlite3_bind_int64 (competency, 1, competency_ids[i]);
      rc = sqlite3_step (competency);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_NOT_FOUND,
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

          if (need->competency_id != competency_ids[i])
            continue;

          events = need->suggested_events;
          price = need->cost_per_place_pence;
          /* Places kept for PVI staff in their share of the need, so that
           * a grant's PVI minimum can be checked (docs/figures.md). */
          if (need->places_needed > 0)
            pvi_places = MIN (capacity, (2 * capacity * need->pvi_needed + need->places_needed)
                                        / (2 * need->places_needed));
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
      commission->pvi_places = (int) pvi_places;
      /* Priced as the wizard showed it: as last time, or as entered. */
      commission->cost_per_place_pence = price;

      if (!cm_budget_save_commission_in_transaction (db, commission, error))
        goto failed;
      g_strv_builder_add (codes, commission->code);
    }

  if (!cm_needs_tx_commit (db, own, error))
    return FALSE;

  *out_codes = g_strv_builder_end (codes);
  return TRUE;

failed:
  cm_needs_tx_rollback (db, own);
  return FALSE;
}
