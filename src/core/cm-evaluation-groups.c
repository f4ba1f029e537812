/* cm-evaluation-groups.c
 *
 * Who attended each commission's events, by organisation kind and sector:
 * what the grant returns count as people trained (docs/figures.md,
 * "Workbooks").
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-evaluation"

#include "config.h"

#include "cm-evaluation-groups.h"
#include "cm-evaluation-private.h"

/**
 * cm_attended_group_free:
 * @group: (nullable): what to free
 */
void
cm_attended_group_free (CmAttendedGroup *group)
{
  if (group == NULL)
    return;

  g_free (group->commission_code);
  g_free (group->organisation_kind);
  g_free (group->sector);
  g_free (group);
}

/**
 * cm_evaluation_attended_groups:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2 for a cycle, 0 for the whole year
 * @error: return location for a #GError
 *
 * The attended bookings at events dated in the period, counted by
 * commission, organisation kind and sector. Safe in a worker thread.
 *
 * Returns: (transfer full): #CmAttendedGroup rows by commission code,
 *   kind and sector, or %NULL on error
 */
GPtrArray *
cm_evaluation_attended_groups (CmDb    *db,
                               int      year,
                               int      half,
                               GError **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_attended_group_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);
  g_return_val_if_fail (half >= 0 && half <= 2, NULL);

  cm_evaluation_period_bounds (year, half, &start, &end);
  if (!(stmt = cm_db_prepare (db,
                              "SELECT m.code, o.kind, g.sector, count(*) FROM bookings b"
                              "  JOIN events e ON e.id = b.event_id"
                              "  JOIN commissions m ON m.id = e.commission_id"
                              "  JOIN learners l ON l.id = b.learner_id"
                              "  JOIN organisations o ON o.id = l.organisation_id"
                              "  LEFT JOIN staff_groups g ON g.id = l.staff_group_id"
                              " WHERE b.status = 'attended' AND e.date BETWEEN ?1 AND ?2"
                              " GROUP BY m.code, o.kind, g.sector ORDER BY m.code, o.kind, g.sector",
                              error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, end, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CmAttendedGroup *group = g_new0 (CmAttendedGroup, 1);

      group->commission_code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      group->organisation_kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      group->sector = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      group->attended = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (groups, group);
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&groups);
}
