/* cm-needs-store.c
 *
 * Reading and writing requirement lines and the needs settings (priority
 * weights, default cost per place).
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-needs"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cm-budget.h"
#include "cm-db-private.h"
#include "cm-needs.h"
#include "cm-needs-private.h"

/* Transactions that nest: a function that must be all-or-nothing opens
 * its own transaction when none is open, and a savepoint inside the
 * caller's otherwise. */

gboolean
cm_needs_tx_begin (CmDb      *db,
                   gboolean  *out_own,
                   GError   **error)
{
  *out_own = sqlite3_get_autocommit (cm_db_get_handle (db)) != 0;

  if (*out_own)
    return cm_db_begin (db, error);

  return cm_db_exec (db, "SAVEPOINT cm_needs", error);
}

gboolean
cm_needs_tx_commit (CmDb      *db,
                    gboolean   own,
                    GError   **error)
{
  if (own)
    return cm_db_commit (db, error);

  return cm_db_exec (db, "RELEASE cm_needs", error);
}

void
cm_needs_tx_rollback (CmDb     *db,
                      gboolean  own)
{
  if (own)
    {
      cm_db_rollback (db);
      return;
    }

  sqlite3_exec (cm_db_get_handle (db), "ROLLBACK TO cm_needs; RELEASE cm_needs", NULL, NULL, NULL);
}

/* Settings. */

gboolean
cm_needs_setting_get (CmDb        *db,
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

gboolean
cm_needs_setting_set (CmDb        *db,
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
 * cm_needs_weights_load:
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
cm_needs_weights_load (CmDb            *db,
                       CmNeedsWeights  *out_weights,
                       GError         **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (out_weights != NULL, FALSE);

  if (!cm_needs_setting_get (db, CM_NEEDS_SETTING_WEIGHTS, &value, error))
    return FALSE;

  if (value == NULL)
    {
      cm_needs_weights_init_default (out_weights);
      return TRUE;
    }

  if (!cm_needs_weights_parse (value, out_weights, error))
    {
      g_prefix_error (error, _("The saved priority weights are damaged: "));
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_needs_weights_save:
 * @db: a #CmDb
 * @weights: valid priority weights
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; invalid weights are refused unsaved
 */
gboolean
cm_needs_weights_save (CmDb                  *db,
                       const CmNeedsWeights  *weights,
                       GError               **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (weights != NULL, FALSE);

  if (!cm_needs_weights_validate (weights, error))
    return FALSE;

  value = cm_needs_weights_to_string (weights);
  return cm_needs_setting_set (db, CM_NEEDS_SETTING_WEIGHTS, value, error);
}

/* Cost per place. */

/**
 * cm_needs_cost_per_place_load:
 * @db: a #CmDb
 * @out_pence: (out): the default cost per place
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_cost_per_place_load (CmDb     *db,
                              gint64   *out_pence,
                              GError  **error)
{
  g_autofree char *value = NULL;
  gint64 pence = 0;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (out_pence != NULL, FALSE);

  if (!cm_needs_setting_get (db, CM_NEEDS_SETTING_COST_PER_PLACE, &value, error))
    return FALSE;

  if (value == NULL)
    {
      *out_pence = CM_NEEDS_DEFAULT_COST_PER_PLACE_PENCE;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (value, 10, 0, CM_NEEDS_MAX_PENCE, &pence, NULL))
    {
      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
                   _("The saved default cost per place “%s” is damaged"), value);
      return FALSE;
    }

  *out_pence = pence;
  return TRUE;
}

/**
 * cm_needs_cost_per_place_save:
 * @db: a #CmDb
 * @pence: the default cost per place
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_cost_per_place_save (CmDb    *db,
                              gint64   pence,
                              GError **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (pence < 0 || pence > CM_NEEDS_MAX_PENCE)
    {
      g_set_error_literal (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
                           _("The cost per place must be from £0.00 to £1,000,000,000.00"));
      return FALSE;
    }

  value = g_strdup_printf ("%" G_GINT64_FORMAT, pence);
  return cm_needs_setting_set (db, CM_NEEDS_SETTING_COST_PER_PLACE, value, error);
}

/* Needs over a cycle. */

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const CmNeedsLine *la = *(CmNeedsLine * const *) a;
  const CmNeedsLine *lb = *(CmNeedsLine * const *) b;
  int cmp;

  cmp = cm_needs_compare_priority_desc (la->priority_num, la->priority_den, lb->priority_num, lb->priority_den);
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

/* The names of a staff group or a competency, interned once per list:
 * 120,000 lines name only 2,000 staff groups and 60 competencies. */
typedef struct
{
  const char *names[4];
} Names;

static const Names *
row_names (GHashTable   *cache,
           sqlite3_stmt *stmt,
           int           id_column,
           int           first_column,
           guint         n_columns)
{
  gint64 id = sqlite3_column_int64 (stmt, id_column);
  Names *names = g_hash_table_lookup (cache, &id);

  if (names == NULL)
    {
      names = g_new0 (Names, 1);
      for (guint i = 0; i < n_columns; i++)
        names->names[i] = column_intern (stmt, first_column + (int) i);
      g_hash_table_insert (cache, g_memdup2 (&id, sizeof id), names);
    }

  return names;
}

/**
 * cm_needs_list_lines:
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
cm_needs_list_lines (CmDb                  *db,
                     int                    year,
                     int                    half,
                     const CmNeedsWeights  *weights,
                     GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) competencies = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  CmNeedsCycleState state;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!cm_needs_check_cycle (year, half, error))
    return NULL;

  if (weights != NULL && !cm_needs_weights_validate (weights, error))
    return NULL;

  /* A signed-off cycle keeps the weights it was closed with. */
  if (!cm_needs_get_cycle_state (db, year, half, &state, error))
    return NULL;
  if (state.closed)
    weights = &state.weights;

  if (!(stmt = cm_db_prepare (db,
                              "SELECT r.id, r.year, r.half, g.id, g.name, o.name, o.kind, g.sector,"
                              "       c.id, c.code, c.name, c.category,"
                              "       coalesce (r.closed_headcount, g.headcount),"
                              "       coalesce (r.closed_turnover_bp, g.turnover_bp),"
                              "       r.coverage_bp, r.compliant, r.expiring, r.evidence,"
                              "       c.mandatory, c.risk, c.strategic, c.capacity, c.half_days,"
                              "       r.evidence_source"
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
      const Names *group = row_names (groups, stmt, 3, 4, 4);
      const Names *competency = row_names (competencies, stmt, 8, 9, 3);

      line->requirement_id = sqlite3_column_int64 (stmt, 0);
      line->year = sqlite3_column_int (stmt, 1);
      line->half = sqlite3_column_int (stmt, 2);
      line->staff_group_id = sqlite3_column_int64 (stmt, 3);
      line->staff_group = group->names[0];
      line->organisation = group->names[1];
      line->organisation_kind = group->names[2];
      line->sector = group->names[3];
      line->competency_id = sqlite3_column_int64 (stmt, 8);
      line->competency_code = competency->names[0];
      line->competency_name = competency->names[1];
      line->category = competency->names[2];
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
      line->evidence_source = column_intern (stmt, 23);

      cm_needs_compute_line (line, weights);
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

/**
 * cm_needs_list_competencies:
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
cm_needs_list_competencies (CmDb                  *db,
                            int                    year,
                            int                    half,
                            const CmNeedsWeights  *weights,
                            gint64                 cost_per_place_pence,
                            GError               **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GHashTable) prices = NULL;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (cost_per_place_pence < 0 || cost_per_place_pence > CM_NEEDS_MAX_PENCE)
    {
      g_set_error_literal (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
                           _("The cost per place must be from £0.00 to £1,000,000,000.00"));
      return NULL;
    }

  if (!(lines = cm_needs_list_lines (db, year, half, weights, error)) ||
      !(prices = cm_needs_load_prices (db, error)))
    return NULL;

  return cm_needs_aggregate_competencies (lines, cost_per_place_pence, prices);
}

/* Editing requirements. */

/* The cycle of an existing line, which must be open to be changed. */
static gboolean
requirement_cycle (CmDb    *db,
                   gint64   requirement_id,
                   int     *out_year,
                   int     *out_half,
                   GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = cm_db_prepare (db, "SELECT year, half FROM requirements WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, requirement_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_NOT_FOUND,
                   _("There is no requirement line with id %" G_GINT64_FORMAT), requirement_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  *out_year = sqlite3_column_int (stmt, 0);
  *out_half = sqlite3_column_int (stmt, 1);

  return cm_needs_check_cycle_open (db, *out_year, *out_half, error);
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
      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_NOT_FOUND,
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
      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_NOT_FOUND,
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
      g_set_error_literal (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
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
      g_set_error_literal (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
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
      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
                   _("The evidence of need must be 0, 1 or 2, not %d"), evidence);
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_needs_set_requirement:
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
cm_needs_set_requirement (CmDb    *db,
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

  if (!cm_needs_check_cycle (year, half, error) ||
      !check_coverage (coverage_bp, error) ||
      !check_position (compliant, expiring, error) ||
      !check_evidence (evidence, error))
    return FALSE;

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  if (!cm_needs_check_cycle_open (db, year, half, error) ||
      !check_staff_group (db, staff_group_id, error) ||
      !check_competency (db, competency_id, error) ||
      !cm_needs_ensure_cycle (db, year, half, error))
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
  return cm_needs_tx_commit (db, own, error);

failed:
  cm_needs_tx_rollback (db, own);
  return FALSE;
}

/**
 * cm_needs_delete_requirement:
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
cm_needs_delete_requirement (CmDb    *db,
                             int      year,
                             int      half,
                             gint64   staff_group_id,
                             gint64   competency_id,
                             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_needs_check_cycle_open (db, year, half, error))
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
  int year = 0;
  int half = 0;

  if (!requirement_cycle (db, requirement_id, &year, &half, error) ||
      !(stmt = cm_db_prepare (db, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, requirement_id);
  for (guint i = 0; i < n_values; i++)
    sqlite3_bind_int64 (stmt, (int) i + 2, values[i]);

  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  cm_db_announce (db, CM_CHANGE_REQUIREMENTS, year, half, requirement_id);
  return TRUE;
}

/**
 * cm_needs_set_coverage:
 * @db: a #CmDb
 * @requirement_id: a requirement line
 * @coverage_bp: coverage, 0..10000
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_set_coverage (CmDb    *db,
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
 * cm_needs_set_position:
 * @db: a #CmDb
 * @requirement_id: a requirement line
 * @compliant: staff holding the competency now
 * @expiring: of those, how many expire within the cycle
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_set_position (CmDb    *db,
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
 * cm_needs_set_evidence:
 * @db: a #CmDb
 * @requirement_id: a requirement line
 * @evidence: strength of the evidence of need, 0..2
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_set_evidence (CmDb    *db,
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

/* Long enough for "Serious case review, Child T, March 2010, recommendation 4". */
#define MAX_EVIDENCE_SOURCE 500

/**
 * cm_needs_set_evidence_source:
 * @db: a #CmDb
 * @requirement_id: a requirement line
 * @source: (nullable): where the evidence of need comes from
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_needs_set_evidence_source (CmDb        *db,
                              gint64       requirement_id,
                              const char  *source,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = g_strstrip (g_strdup (source != NULL ? source : ""));
  int year = 0;
  int half = 0;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > MAX_EVIDENCE_SOURCE)
    {
      g_set_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID,
                   _("The evidence source must be text of at most %d characters"), MAX_EVIDENCE_SOURCE);
      return FALSE;
    }

  if (!requirement_cycle (db, requirement_id, &year, &half, error) ||
      !(stmt = cm_db_prepare (db, "UPDATE requirements SET evidence_source = ?2 WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, requirement_id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);

  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  cm_db_announce (db, CM_CHANGE_REQUIREMENTS, year, half, requirement_id);
  return TRUE;
}

/**
 * cm_needs_apply_preset:
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
cm_needs_apply_preset (CmDb          *db,
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

  if (!cm_needs_check_cycle (year, half, error) ||
      !check_coverage (coverage_bp, error))
    return FALSE;

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  if (!cm_needs_check_cycle_open (db, year, half, error) ||
      !check_competency (db, competency_id, error) ||
      !cm_needs_ensure_cycle (db, year, half, error))
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
  return cm_needs_tx_commit (db, own, error);

failed:
  cm_needs_tx_rollback (db, own);
  return FALSE;
}

/* The analysis of a cycle. */

/**
 * cm_needs_load_prices:
 * @db: a #CmDb
 * @error: return location for a #GError
 *
 * Returns: (transfer full): competency id → cost per place of its last
 *   commission, both gint64
 */
GHashTable *
cm_needs_load_prices (CmDb    *db,
                      GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) prices = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  /* Oldest first, so that each later commission replaces the one before. */
  if (!(stmt = cm_db_prepare (db,
                              "SELECT competency_id, events, half_days, places, fee_per_event_pence,"
                              "       venue_per_day_pence, cost_per_place_pence, materials_per_place_pence"
                              " FROM commissions"
                              " WHERE competency_id IS NOT NULL AND events > 0 AND places > 0"
                              "   AND status <> 'cancelled'"
                              " ORDER BY year, half, id",
                              error)))
    return NULL;

  prices = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CmBudgetCommission commission = { 0 };
      gint64 planned;
      gint64 n_places;
      gint64 *id = g_new (gint64, 1);
      gint64 *price = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      commission.events = sqlite3_column_int (stmt, 1);
      commission.half_days = sqlite3_column_int (stmt, 2);
      commission.places = sqlite3_column_int (stmt, 3);
      commission.fee_per_event_pence = sqlite3_column_int64 (stmt, 4);
      commission.venue_per_day_pence = sqlite3_column_int64 (stmt, 5);
      commission.cost_per_place_pence = sqlite3_column_int64 (stmt, 6);
      commission.materials_per_place_pence = sqlite3_column_int64 (stmt, 7);

      planned = cm_budget_planned_cost (&commission);
      n_places = (gint64) commission.events * commission.places;
      *price = (2 * planned + n_places) / (2 * n_places);
      g_hash_table_replace (prices, id, price);
    }

  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&prices);
}

/**
 * cm_needs_read_analysis:
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
cm_needs_read_analysis (CmDb    *db,
                        int      year,
                        int      half,
                        GError **error)
{
  g_autoptr(CmNeedsAnalysis) analysis = g_new0 (CmNeedsAnalysis, 1);
  CmNeedsCycleState state;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  analysis->year = year;
  analysis->half = half;

  if (!cm_needs_check_cycle (year, half, error) ||
      !cm_needs_get_cycle_state (db, year, half, &state, error) ||
      !cm_needs_weights_load (db, &analysis->weights, error))
    return NULL;

  /* A signed-off cycle shows the weights it was closed with. */
  analysis->closed = state.closed;
  memcpy (analysis->closed_on, state.closed_on, sizeof analysis->closed_on);
  if (state.closed)
    analysis->weights = state.weights;

  if (!cm_needs_cost_per_place_load (db, &analysis->cost_per_place_pence, error) ||
      !(analysis->lines = cm_needs_list_lines (db, year, half, &analysis->weights, error)) ||
      !(analysis->prices = cm_needs_load_prices (db, error)))
    return NULL;

  analysis->competencies = cm_needs_aggregate_competencies (analysis->lines, analysis->cost_per_place_pence,
                                                            analysis->prices);

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
  g_clear_pointer (&analysis->prices, g_hash_table_unref);
  g_free (analysis);
}
