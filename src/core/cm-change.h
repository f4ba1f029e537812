/* cm-change.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CmChangeKind:
 * @CM_CHANGE_WORKFORCE: organisations and staff groups
 * @CM_CHANGE_CATALOGUE: competencies
 * @CM_CHANGE_CYCLES: a needs cycle was created or its wizard state moved
 * @CM_CHANGE_REQUIREMENTS: requirement lines of a cycle
 * @CM_CHANGE_STREAMS: funding streams of a year
 * @CM_CHANGE_COMMISSIONS: commissions of a year
 * @CM_CHANGE_SPLITS: splits of a year's commissions
 * @CM_CHANGE_TRANSACTIONS: spend touching a year
 * @CM_CHANGE_SETTINGS: settings stored with the data (weights, cost per place…)
 * @CM_CHANGE_EVALUATION: events, learners, bookings, feedback, follow-ups and outcomes
 * @CM_CHANGE_SCENARIOS: the saved what-if scenarios of a year
 *
 * What a write changed. A notification carries exactly one kind; they are
 * flags so that a listener can test for several at once.
 */
typedef enum
{
  CM_CHANGE_WORKFORCE    = 1 << 0,
  CM_CHANGE_CATALOGUE    = 1 << 1,
  CM_CHANGE_CYCLES       = 1 << 2,
  CM_CHANGE_REQUIREMENTS = 1 << 3,
  CM_CHANGE_STREAMS      = 1 << 4,
  CM_CHANGE_COMMISSIONS  = 1 << 5,
  CM_CHANGE_SPLITS       = 1 << 6,
  CM_CHANGE_TRANSACTIONS = 1 << 7,
  CM_CHANGE_SETTINGS     = 1 << 8,
  CM_CHANGE_EVALUATION   = 1 << 9,
  CM_CHANGE_SCENARIOS    = 1 << 10,
} CmChangeKind;

#define CM_CHANGE_BUDGET (CM_CHANGE_STREAMS | CM_CHANGE_COMMISSIONS | CM_CHANGE_SPLITS | CM_CHANGE_TRANSACTIONS)
#define CM_CHANGE_ALL    (0x7ff)

/**
 * CmChange:
 * @kind: what changed
 * @year: the financial year it touches, or 0 for any year (or none)
 * @half: the cycle's half (1 or 2) for cycles and requirements, else 0
 * @id: the one row that changed, or 0 when several did
 *
 * One change notification (see #CmDb::changed and #CmContext::changed).
 */
typedef struct
{
  CmChangeKind kind;
  int          year;
  int          half;
  gint64       id;
} CmChange;

#define CM_TYPE_CHANGE (cm_change_get_type ())
GType        cm_change_get_type    (void) G_GNUC_CONST;
CmChange    *cm_change_copy        (const CmChange *change);
void         cm_change_free        (CmChange       *change);
const char  *cm_change_kind_nick   (CmChangeKind    kind);
gboolean     cm_change_touches_year (const CmChange *change,
                                     int             year);
gboolean     cm_change_touches_cycle (const CmChange *change,
                                      int             year,
                                      int             half);
char        *cm_change_to_string   (const CmChange *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmChange, cm_change_free)

G_END_DECLS
