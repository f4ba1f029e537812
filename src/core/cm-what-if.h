/* cm-what-if.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cm-budget.h"
#include "cm-db.h"

G_BEGIN_DECLS

/*
 * What-if: the year re-planned by priority under grant cuts, without
 * writing anything (docs/figures.md, "What-if").
 *
 * cm_what_if_load() reads a financial year once: the streams, the
 * commissions with their splits and spend, and the needs priorities.
 * cm_what_if_run() then re-plans it for a scenario in memory, reading
 * nothing, so a view can run it again each time a slider moves (a county's
 * 3,000 commissions take well under a millisecond). A loaded year and its
 * plans touch only their own memory: load in a worker thread, run
 * anywhere, one thread at a time per loaded year.
 */

#define CM_WHAT_IF_ERROR (cm_what_if_error_quark ())

typedef enum
{
  CM_WHAT_IF_ERROR_UNKNOWN_STREAM,  /* the scenario names a stream the year does not have */
  CM_WHAT_IF_ERROR_INVALID,         /* a cut outside 0–100% or a negative allocation */
  CM_WHAT_IF_ERROR_NOT_FOUND,       /* no saved scenario with that id or name */
  CM_WHAT_IF_ERROR_DUPLICATE,       /* the year already has a scenario of that name */
  CM_WHAT_IF_ERROR_STALE,           /* a deferred commission is no longer approved or proposed */
} CmWhatIfError;

/* What a scenario does to one stream. */
typedef enum
{
  CM_WHAT_IF_UNCHANGED,   /* A' = A */
  CM_WHAT_IF_CUT,         /* A' = round_half_up (A × (100 − p) / 100); value: p in basis points */
  CM_WHAT_IF_ALLOCATION,  /* A' = value, in pence */
  CM_WHAT_IF_WITHDRAWN,   /* A' = the stream's Actual to date */
} CmWhatIfChange;

typedef struct _CmWhatIf         CmWhatIf;
typedef struct _CmWhatIfScenario CmWhatIfScenario;

/* A candidate commission: approved or proposed, of the year. Its strings
 * belong to the loaded year. */
typedef struct
{
  gint64       commission_id;
  const char  *code;
  const char  *title;
  const char  *status;           /* "approved" or "proposed" */
  int          year;             /* its cycle */
  int          half;
  const char  *competency_code;  /* NULL: no competency */
  const char  *competency_name;
  gint64       priority_num;     /* the highest needs priority of its competency */
  gint64       priority_den;     /* in its own cycle; 0/1 without one */
  gint64       planned_pence;
  gint64       places;           /* events × places per event */
} CmWhatIfCandidate;

/* What the re-plan did with one candidate. */
typedef struct
{
  const CmWhatIfCandidate *candidate;
  const char              *blocked_by;   /* the first short stream by code; NULL when kept */
  gint64                   short_pence;  /* how far keeping it would have taken that
                                          * stream over its new allocation; 0 when kept */
} CmWhatIfOutcome;

/* One stream before and after. */
typedef struct
{
  const char      *code;
  CmWhatIfChange   change;
  gint64           change_value;     /* basis points or pence, as the change says */
  CmBudgetFigures *before;           /* the year's figures as they are */
  CmBudgetFigures *after;            /* allocation A', the deferred commissions cancelled */
  GPtrArray       *warnings_before;  /* of CmBudgetWarning: what @before raises */
  GPtrArray       *warnings_after;   /* of CmBudgetWarning: what @after would raise */
} CmWhatIfStream;

/* Places left unmet in one competency by the deferred commissions. */
typedef struct
{
  const char *competency_code;  /* NULL: commissions without a competency */
  const char *competency_name;
  gint64      places;           /* Σ events × places of its deferred commissions */
  gint64      priority_num;     /* the highest priority among them */
  gint64      priority_den;
} CmWhatIfUnmet;

/* The year re-planned under one scenario. */
typedef struct
{
  int         year;
  GPtrArray  *streams;        /* of CmWhatIfStream, by code */
  CmBudgetFigures *totals_before;
  CmBudgetFigures *totals_after;
  GArray     *kept;           /* of CmWhatIfOutcome, in the order taken */
  GArray     *deferred;       /* of CmWhatIfOutcome, in the order taken */
  GArray     *unmet;          /* of CmWhatIfUnmet: by priority (highest first), places
                               * (most first), code; no competency last */
  gint64      unmet_places;   /* Σ of @unmet */
  CmWhatIf   *what_if;        /* (owned) a reference: the plan's strings are its */
} CmWhatIfPlan;

GQuark            cm_what_if_error_quark     (void);

/* Scenarios: one change per stream code; streams not named are unchanged. */
CmWhatIfScenario *cm_what_if_scenario_new    (void);
CmWhatIfScenario *cm_what_if_scenario_copy   (const CmWhatIfScenario *scenario);
void              cm_what_if_scenario_free   (CmWhatIfScenario       *scenario);
/* Sets (or with CM_WHAT_IF_UNCHANGED, clears) the change of @stream_code.
 * @value is a cut in basis points (0..10000) or an allocation in pence
 * (≥ 0); cm_what_if_run() refuses others. */
void              cm_what_if_scenario_set    (CmWhatIfScenario       *scenario,
                                              const char             *stream_code,
                                              CmWhatIfChange          change,
                                              gint64                  value);
CmWhatIfChange    cm_what_if_scenario_get    (const CmWhatIfScenario *scenario,
                                              const char             *stream_code,
                                              gint64                 *out_value);
/* (transfer container): the codes the scenario changes, sorted. */
GPtrArray        *cm_what_if_scenario_get_streams (const CmWhatIfScenario *scenario);

/* "cut by 20%", "new amount", "withdrawn" or "unchanged", translated. */
char             *cm_what_if_describe_change (CmWhatIfChange          change,
                                              gint64                  value);

/* A' for an allocation @allocation_pence and Actual @actual_pence. */
gint64            cm_what_if_new_allocation  (CmWhatIfChange          change,
                                              gint64                  value,
                                              gint64                  allocation_pence,
                                              gint64                  actual_pence);

/* Reads financial year @year once; @today is the date the warnings are
 * judged against (the underspend risk). */
CmWhatIf         *cm_what_if_load            (CmDb                   *db,
                                              int                     year,
                                              const GDate            *today,
                                              GError                **error);
CmWhatIf         *cm_what_if_ref             (CmWhatIf               *what_if);
void              cm_what_if_unref           (CmWhatIf               *what_if);
int               cm_what_if_get_year        (CmWhatIf               *what_if);
/* The year's figures as they are (the plan's "before"). */
const CmBudgetSummary *cm_what_if_get_summary (CmWhatIf              *what_if);
/* (element-type CmWhatIfCandidate): the candidates in priority order. */
GArray           *cm_what_if_get_candidates  (CmWhatIf               *what_if);

/* Re-plans the year under @scenario; writes and reads nothing. A stream
 * code the year does not have is CM_WHAT_IF_ERROR_UNKNOWN_STREAM, a cut
 * or an allocation out of range CM_WHAT_IF_ERROR_INVALID. */
CmWhatIfPlan     *cm_what_if_run             (CmWhatIf               *what_if,
                                              const CmWhatIfScenario *scenario,
                                              GError                **error);
void              cm_what_if_plan_free       (CmWhatIfPlan           *plan);

/* Applying a plan: every deferred commission becomes cancelled, in one
 * transaction. A deferred commission that is no longer approved or
 * proposed is CM_WHAT_IF_ERROR_STALE, a plan with nothing deferred
 * CM_WHAT_IF_ERROR_INVALID; either way nothing is written. */
gboolean          cm_what_if_apply           (CmDb                   *db,
                                              const CmWhatIfPlan     *plan,
                                              GError                **error);

/* A saved scenario: a name and the changes, never the plan. */
typedef struct
{
  gint64            id;
  int               year;
  char             *name;
  GDate             created;
  CmWhatIfScenario *scenario;
} CmWhatIfSaved;

void              cm_what_if_saved_free      (CmWhatIfSaved          *saved);

/* Saves @scenario for @year as @name (trimmed, unique within the year),
 * dated @today. Returns the new id, or 0 with an error: an empty name,
 * a name taken, a stream the year does not have, or a value out of
 * range. */
gint64            cm_what_if_save_scenario   (CmDb                   *db,
                                              int                     year,
                                              const char             *name,
                                              const CmWhatIfScenario *scenario,
                                              const GDate            *today,
                                              GError                **error);
/* (element-type CmWhatIfSaved): the year's saved scenarios, by name. */
GPtrArray        *cm_what_if_list_scenarios  (CmDb                   *db,
                                              int                     year,
                                              GError                **error);
/* One saved scenario by id, or by year and name (compared exactly, after
 * trimming); CM_WHAT_IF_ERROR_NOT_FOUND when there is none. */
CmWhatIfSaved    *cm_what_if_get_scenario    (CmDb                   *db,
                                              gint64                  id,
                                              GError                **error);
CmWhatIfSaved    *cm_what_if_find_scenario   (CmDb                   *db,
                                              int                     year,
                                              const char             *name,
                                              GError                **error);
gboolean          cm_what_if_delete_scenario (CmDb                   *db,
                                              gint64                  id,
                                              GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmWhatIfSaved, cm_what_if_saved_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmWhatIf, cm_what_if_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmWhatIfScenario, cm_what_if_scenario_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmWhatIfPlan, cm_what_if_plan_free)

G_END_DECLS
