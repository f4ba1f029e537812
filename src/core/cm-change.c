/* cm-change.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-core"

#include "config.h"

#include "cm-change.h"

G_DEFINE_BOXED_TYPE (CmChange, cm_change, cm_change_copy, cm_change_free)

/**
 * cm_change_copy:
 * @change: a #CmChange
 *
 * Returns: (transfer full): a copy of @change
 */
CmChange *
cm_change_copy (const CmChange *change)
{
  return g_memdup2 (change, sizeof *change);
}

void
cm_change_free (CmChange *change)
{
  g_free (change);
}

/**
 * cm_change_kind_nick:
 * @kind: one #CmChangeKind
 *
 * Returns: the kind's name, also the detail of the "changed" signals:
 *   `g_signal_connect (context, "changed::transactions", …)`
 */
const char *
cm_change_kind_nick (CmChangeKind kind)
{
  switch (kind)
    {
    case CM_CHANGE_WORKFORCE:    return "workforce";
    case CM_CHANGE_CATALOGUE:    return "catalogue";
    case CM_CHANGE_CYCLES:       return "cycles";
    case CM_CHANGE_REQUIREMENTS: return "requirements";
    case CM_CHANGE_STREAMS:      return "streams";
    case CM_CHANGE_COMMISSIONS:  return "commissions";
    case CM_CHANGE_SPLITS:       return "splits";
    case CM_CHANGE_TRANSACTIONS: return "transactions";
    case CM_CHANGE_SETTINGS:     return "settings";
    case CM_CHANGE_EVALUATION:   return "evaluation";
    case CM_CHANGE_SCENARIOS:    return "scenarios";
    default:                     return "unknown";
    }
}

/**
 * cm_change_touches_year:
 * @change: a #CmChange
 * @year: a financial year
 *
 * Returns: %TRUE if @change may alter what is shown for @year: its year
 *   is @year, or it names no year
 */
gboolean
cm_change_touches_year (const CmChange *change,
                        int             year)
{
  return change->year == 0 || change->year == year;
}

/**
 * cm_change_touches_cycle:
 * @change: a #CmChange
 * @year: a financial year
 * @half: 1 or 2
 *
 * Returns: %TRUE if @change may alter what is shown for the cycle
 */
gboolean
cm_change_touches_cycle (const CmChange *change,
                         int             year,
                         int             half)
{
  return cm_change_touches_year (change, year) && (change->half == 0 || change->half == half);
}

/**
 * cm_change_to_string:
 * @change: a #CmChange
 *
 * Returns: (transfer full): "kind year half id", for tests and debugging
 */
char *
cm_change_to_string (const CmChange *change)
{
  return g_strdup_printf ("%s %d %d %" G_GINT64_FORMAT,
                          cm_change_kind_nick (change->kind),
                          change->year, change->half, change->id);
}
