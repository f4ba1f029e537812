/* cm-evaluation-private.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cm-db-private.h"
#include "cm-evaluation.h"

G_BEGIN_DECLS

/* Keeps the DNA charges of bookings in step with their status, with its
 * statements prepared once so that an import of many bookings stays
 * quick (docs/figures.md, "DNA charges"). */
typedef struct _CmChargeSync CmChargeSync;

CmChargeSync *cm_charge_sync_new          (CmDb           *db,
                                           GError        **error);
gboolean      cm_charge_sync_booking      (CmChargeSync   *sync,
                                           gint64          event_id,
                                           gint64          learner_id,
                                           GError        **error);
gboolean      cm_charge_sync_all          (CmChargeSync   *sync,
                                           GError        **error);
/* Before a booking (or its event) is deleted: its charge goes with it. */
gboolean      cm_charge_sync_remove       (CmChargeSync   *sync,
                                           gint64          event_id,
                                           gint64          learner_id,
                                           GError        **error);
void          cm_charge_sync_free         (CmChargeSync   *sync);

/* The reference of a booking's charge; its supplier is the organisation. */
char         *cm_charge_reference         (const char     *event_code,
                                           const char     *learner_ref);

CmChargePolicy *cm_charge_policy_parse    (const char     *text);

/* The financial year of an event's date, 0 when it is unknown. */
int           cm_evaluation_event_year    (CmDb           *db,
                                           gint64          event_id);

void          cm_evaluation_period_bounds (int             year,
                                           int             half,
                                           char          **out_start,
                                           char          **out_end);

/* Attended bookings of a commission, and those of learners from PVI
 * organisations (the budget's Actual PVI %, docs/figures.md). */
typedef struct _CmAttendance
{
  gint64 attended;
  gint64 attended_pvi;
} CmAttendance;

/* &commission id -> CmAttendance, for every commission with attendance. */
GHashTable   *cm_evaluation_attendance    (CmDb           *db,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmChargeSync, cm_charge_sync_free)

G_END_DECLS
