/* cm-what-if-store.c
 *
 * What-if writes: applying a plan (its deferred commissions cancelled),
 * and the saved scenarios (docs/figures.md, "What-if").
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
#include "cm-db-private.h"
#include "cm-fiscal.h"
#include "cm-what-if.h"

/* How a change is stored in what_if_changes.kind. */
static const char *
kind_name (CmWhatIfChange change)
{
  switch (change)
    {
    case CM_WHAT_IF_CUT:        return "cut";
    case CM_WHAT_IF_ALLOCATION: return "allocation";
    case CM_WHAT_IF_WITHDRAWN:  return "withdrawn";
    case CM_WHAT_IF_UNCHANGED:
    default:                    return NULL;
    }
}

static CmWhatIfChange
kind_from_name (const char *name)
{
  if (g_strcmp0 (name, "cut") == 0)
    return CM_WHAT_IF_CUT;
  if (g_strcmp0 (name, "allocation") == 0)
    return CM_WHAT_IF_ALLOCATION;
  if (g_strcmp0 (name, "withdrawn") == 0)
    return CM_WHAT_IF_WITHDRAWN;
  return CM_WHAT_IF_UNCHANGED;
}

/**
 * cm_what_if_apply:
 * @db: a #CmDb
 * @plan: a plan from cm_what_if_run()
 * @error: return location for a #GError
 *
 * Cancels every commission @plan defers, in one transaction, announcing
 * each one's commissions change.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_what_if_apply (CmDb                *db,
                  const CmWhatIfPlan  *plan,
                  GError             **error)
{
  g_autoptr(sqlite3_stmt) status = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (plan->deferred->len == 0)
    {
      g_set_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_INVALID,
                   _("The scenario defers no commission: there is nothing to cancel"));
      return FALSE;
    }

  if (!cm_db_begin (db, error))
    return FALSE;
  if (!(status = cm_db_prepare (db, "SELECT status FROM commissions WHERE id = ?1", error)))
    goto failed;

  for (guint i = 0; i < plan->deferred->len; i++)
    {
      const CmWhatIfOutcome *outcome = &g_array_index (plan->deferred, CmWhatIfOutcome, i);
      const CmWhatIfCandidate *candidate = outcome->candidate;
      g_autofree char *now = NULL;
      int rc;

      /* The plan was worked out from the statuses it read: if one has
       * moved on since, it is no longer the plan shown. */
      sqlite3_bind_int64 (status, 1, candidate->commission_id);
      rc = sqlite3_step (status);
      if (rc == SQLITE_ROW)
        now = g_strdup ((const char *) sqlite3_column_text (status, 0));
      else if (rc != SQLITE_DONE)
        {
          cm_db_set_error (db, error);
          goto failed;
        }
      sqlite3_reset (status);

      if (g_strcmp0 (now, "approved") != 0 && g_strcmp0 (now, "proposed") != 0)
        {
          g_set_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_STALE,
                       now == NULL
                       ? _("Commission “%s” has been deleted since the scenario was worked out; work it out again")
                       : _("Commission “%s” is no longer approved or proposed; work the scenario out again"),
                       candidate->code);
          goto failed;
        }

      if (!cm_budget_set_commission_status (db, candidate->commission_id, "cancelled", error))
        goto failed;
    }

  return cm_db_commit (db, error);

failed:
  cm_db_rollback (db);
  return FALSE;
}

void
cm_what_if_saved_free (CmWhatIfSaved *saved)
{
  if (saved == NULL)
    return;

  g_free (saved->name);
  g_clear_pointer (&saved->scenario, cm_what_if_scenario_free);
  g_free (saved);
}

static gboolean
check_change (CmDb                   *db,
              int                     year,
              const char             *code,
              CmWhatIfChange          change,
              gint64                  value,
              GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (change == CM_WHAT_IF_CUT && (value < 0 || value > 10000))
    {
      g_set_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_INVALID,
                   _("The cut of %s must be between 0%% and 100%%"), code);
      return FALSE;
    }
  if (change == CM_WHAT_IF_ALLOCATION && value < 0)
    {
      g_set_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_INVALID,
                   _("The new allocation of %s cannot be negative"), code);
      return FALSE;
    }

  if (!(stmt = cm_db_prepare (db, "SELECT 1 FROM streams WHERE code = ?1 AND year = ?2", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *label = cm_fiscal_year_label (year);

      g_set_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_UNKNOWN_STREAM,
                   _("%s has no funding stream “%s”"), label, code);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * cm_what_if_save_scenario:
 * @db: a #CmDb
 * @year: the financial year
 * @name: the scenario's name
 * @scenario: its changes
 * @today: the date it is saved
 * @error: return location for a #GError
 *
 * Saves the scenario, never the plan; announces `scenarios YEAR 0 ID`.
 *
 * Returns: the new scenario's id, 0 on failure
 */
gint64
cm_what_if_save_scenario (CmDb                    *db,
                          int                      year,
                          const char              *name,
                          const CmWhatIfScenario  *scenario,
                          const GDate             *today,
                          GError                 **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *created = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) change = NULL;
  gint64 id;

  g_return_val_if_fail (CM_IS_DB (db), 0);
  g_return_val_if_fail (scenario != NULL, 0);
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  if (trimmed[0] == '\0')
    {
      g_set_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_INVALID, _("A scenario needs a name"));
      return 0;
    }

  if (!cm_db_begin (db, error))
    return 0;

  codes = cm_what_if_scenario_get_streams (scenario);
  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      gint64 value = 0;
      CmWhatIfChange kind = cm_what_if_scenario_get (scenario, code, &value);

      if (!check_change (db, year, code, kind, value, error))
        goto failed;
    }

  created = cm_fiscal_format_iso (today);
  if (!(insert = cm_db_prepare (db, "INSERT INTO what_if_scenarios (year, name, created) VALUES (?1, ?2, ?3)"
                                    " ON CONFLICT (year, name) DO NOTHING", error)))
    goto failed;
  sqlite3_bind_int (insert, 1, year);
  sqlite3_bind_text (insert, 2, trimmed, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, created, -1, SQLITE_STATIC);
  if (!cm_db_step_done (db, insert, error))
    goto failed;
  if (sqlite3_changes (cm_db_get_handle (db)) == 0)
    {
      g_autofree char *label = cm_fiscal_year_label (year);

      g_set_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_DUPLICATE,
                   _("%s already has a scenario named “%s”"), label, trimmed);
      goto failed;
    }
  id = sqlite3_last_insert_rowid (cm_db_get_handle (db));

  if (!(change = cm_db_prepare (db, "INSERT INTO what_if_changes (scenario_id, stream_code, kind, value)"
                                    " VALUES (?1, ?2, ?3, ?4)", error)))
    goto failed;
  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      gint64 value = 0;
      CmWhatIfChange kind = cm_what_if_scenario_get (scenario, code, &value);

      sqlite3_bind_int64 (change, 1, id);
      sqlite3_bind_text (change, 2, code, -1, SQLITE_STATIC);
      sqlite3_bind_text (change, 3, kind_name (kind), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (change, 4, kind == CM_WHAT_IF_WITHDRAWN ? 0 : value);
      if (!cm_db_step_done (db, change, error))
        goto failed;
    }

  cm_db_announce (db, CM_CHANGE_SCENARIOS, year, 0, id);
  if (!cm_db_commit (db, error))
    return 0;
  return id;

failed:
  cm_db_rollback (db);
  return 0;
}

/* Reads the scenarios @where selects, with ?1 the id, ?2 the year and ?3
 * the name (a parameter @where does not use is left unbound). */
static GPtrArray *
read_scenarios (CmDb        *db,
                const char  *where,
                gint64       id,
                int          year,
                const char  *name,
                GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_what_if_saved_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *sql = NULL;
  g_autofree char *changes_sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) changes = NULL;
  int rc;

  sql = g_strconcat ("SELECT s.id, s.year, s.name, s.created FROM what_if_scenarios s WHERE ", where,
                     " ORDER BY s.name, s.id", NULL);
  changes_sql = g_strconcat ("SELECT c.scenario_id, c.stream_code, c.kind, c.value"
                             " FROM what_if_changes c JOIN what_if_scenarios s ON s.id = c.scenario_id"
                             " WHERE ", where, NULL);
  if (!(stmt = cm_db_prepare (db, sql, error)) ||
      !(changes = cm_db_prepare (db, changes_sql, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CmWhatIfSaved *saved = g_new0 (CmWhatIfSaved, 1);

      saved->id = sqlite3_column_int64 (stmt, 0);
      saved->year = sqlite3_column_int (stmt, 1);
      saved->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      cm_fiscal_parse_date ((const char *) sqlite3_column_text (stmt, 3), &saved->created, NULL);
      saved->scenario = cm_what_if_scenario_new ();
      g_ptr_array_add (list, saved);
      g_hash_table_insert (by_id, &saved->id, saved);
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  sqlite3_bind_int64 (changes, 1, id);
  sqlite3_bind_int (changes, 2, year);
  sqlite3_bind_text (changes, 3, name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (changes)) == SQLITE_ROW)
    {
      gint64 scenario_id = sqlite3_column_int64 (changes, 0);
      CmWhatIfSaved *saved = g_hash_table_lookup (by_id, &scenario_id);

      if (saved != NULL)
        cm_what_if_scenario_set (saved->scenario, (const char *) sqlite3_column_text (changes, 1),
                                 kind_from_name ((const char *) sqlite3_column_text (changes, 2)),
                                 sqlite3_column_int64 (changes, 3));
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

/**
 * cm_what_if_list_scenarios:
 * @db: a #CmDb
 * @year: the financial year
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CmWhatIfSaved): the year's saved
 *   scenarios by name, or %NULL on error
 */
GPtrArray *
cm_what_if_list_scenarios (CmDb    *db,
                           int      year,
                           GError **error)
{
  g_return_val_if_fail (CM_IS_DB (db), NULL);

  return read_scenarios (db, "s.year = ?2", 0, year, NULL, error);
}

static CmWhatIfSaved *
one_scenario (GPtrArray  *list,
              GError    **error,
              const char *message)
{
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error_literal (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_NOT_FOUND, message);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

/**
 * cm_what_if_get_scenario:
 * @db: a #CmDb
 * @id: the scenario's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the scenario, or %NULL
 */
CmWhatIfSaved *
cm_what_if_get_scenario (CmDb    *db,
                         gint64   id,
                         GError **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  list = read_scenarios (db, "s.id = ?1", id, 0, NULL, error);
  message = g_strdup_printf (_("There is no saved scenario with id %" G_GINT64_FORMAT), id);
  return one_scenario (list, error, message);
}

/**
 * cm_what_if_find_scenario:
 * @db: a #CmDb
 * @year: the financial year
 * @name: the scenario's name
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the scenario, or %NULL
 */
CmWhatIfSaved *
cm_what_if_find_scenario (CmDb        *db,
                          int          year,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *label = cm_fiscal_year_label (year);
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  list = read_scenarios (db, "s.year = ?2 AND s.name = ?3", 0, year, trimmed, error);
  message = g_strdup_printf (_("%s has no saved scenario named “%s”"), label, trimmed);
  return one_scenario (list, error, message);
}

/**
 * cm_what_if_delete_scenario:
 * @db: a #CmDb
 * @id: the scenario's id
 * @error: return location for a #GError
 *
 * Deletes a saved scenario and its changes; announces `scenarios YEAR 0 ID`.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_what_if_delete_scenario (CmDb    *db,
                            gint64   id,
                            GError **error)
{
  g_autoptr(CmWhatIfSaved) saved = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!(saved = cm_what_if_get_scenario (db, id, error)))
    return FALSE;
  if (!(stmt = cm_db_prepare (db, "DELETE FROM what_if_scenarios WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  cm_db_announce (db, CM_CHANGE_SCENARIOS, saved->year, 0, id);
  return TRUE;
}
