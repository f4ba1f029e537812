/* cm-evaluation-groups.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cm-evaluation.h"

G_BEGIN_DECLS

/* Attended bookings of one commission at its events dated in a period,
 * from learners of one organisation kind and sector (docs/figures.md,
 * "Workbooks"). */
typedef struct
{
  char   *commission_code;
  char   *organisation_kind;
  char   *sector;             /* NULL: the learner has no staff group */
  gint64  attended;
} CmAttendedGroup;

void       cm_attended_group_free         (CmAttendedGroup *group);

GPtrArray *cm_evaluation_attended_groups  (CmDb     *db,
                                           int       year,
                                           int       half,
                                           GError  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmAttendedGroup, cm_attended_group_free)

G_END_DECLS
