/* cm-needs.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cm-db.h"

G_BEGIN_DECLS

/*
 * Training needs analysis (docs/figures.md, "Training needs analysis").
 *
 * A requirement line is one (cycle, staff group, competency). From the
 * line's inputs the needs engine computes, in exact integer arithmetic:
 *
 *   required = ceil (headcount * coverage_bp / 10000)
 *   leavers  = round_half_up (compliant * turnover_bp * 6 / (10000 * 12))
 *   still    = max (0, compliant - expiring - leavers)
 *   needed   = max (0, required - still)
 *
 * and a priority from 0 to 100 (see cm_needs_compute_line()).
 *
 * Percentages are basis points (hundredths of a percent: 100% = 10000),
 * days are half days and money is integer pence, as in the database.
 */

#define CM_NEEDS_ERROR (cm_needs_error_quark ())

typedef enum
{
  CM_NEEDS_ERROR_INVALID,          /* an argument out of its range (cycle, coverage, evidence, weights…) */
  CM_NEEDS_ERROR_NOT_FOUND,        /* a staff group, competency or requirement that does not exist */
  CM_NEEDS_ERROR_CYCLE_NOT_EMPTY,  /* copy-cycle: the target cycle already has requirement lines */
  CM_NEEDS_ERROR_SOURCE_EMPTY,     /* copy-cycle: the previous cycle has no requirement lines */
  CM_NEEDS_ERROR_CLOSED,           /* a write to a signed-off cycle, or closing one twice */
  CM_NEEDS_ERROR_OPEN,             /* reopening a cycle that is not signed off */
} CmNeedsError;

/* Default priority weights (docs/figures.md, "Priority"): they sum to 100. */
#define CM_NEEDS_DEFAULT_WEIGHT_MANDATORY 30
#define CM_NEEDS_DEFAULT_WEIGHT_RISK      25
#define CM_NEEDS_DEFAULT_WEIGHT_STRATEGIC 15
#define CM_NEEDS_DEFAULT_WEIGHT_EVIDENCE  10
#define CM_NEEDS_DEFAULT_WEIGHT_GAP       20

/* Default cost per place used for the indicative cost of a competency's
 * training while the database has no `tna_cost_per_place_pence` setting:
 * £45.00. Users change it; it is only a starting point. */
#define CM_NEEDS_DEFAULT_COST_PER_PLACE_PENCE G_GINT64_CONSTANT (4500)

/* Settings table keys. Existing databases hold these strings: they keep
 * the area's former name. */
#define CM_NEEDS_SETTING_WEIGHTS        "priority_weights"
#define CM_NEEDS_SETTING_COST_PER_PLACE "tna_cost_per_place_pence"
#define CM_NEEDS_SETTING_CURRENT_CYCLE  "tna_current_cycle"

/**
 * CmNeedsWeights:
 * @mandatory: weight of the "mandatory" term
 * @risk: weight of the risk term (risk 1..3, scaled by /3)
 * @strategic: weight of the strategic term (strategic 0..2, scaled by /2)
 * @evidence: weight of the evidence term (evidence 0..2, scaled by /2)
 * @gap: weight of the gap term min (1, needed / required)
 *
 * The priority weights. Valid when each is 0..100 and they sum to 100
 * (cm_needs_weights_validate()).
 */
typedef struct
{
  guint mandatory;
  guint risk;
  guint strategic;
  guint evidence;
  guint gap;
} CmNeedsWeights;

/**
 * CmNeedsOrgGroup:
 * @CM_NEEDS_ORG_GROUP_STATUTORY: statutory, health, police and school
 *   organisations (everything that is not PVI)
 * @CM_NEEDS_ORG_GROUP_PVI: private, voluntary and independent organisations
 *
 * The two organisation kind groups the grant returns report on.
 */
typedef enum
{
  CM_NEEDS_ORG_GROUP_STATUTORY,
  CM_NEEDS_ORG_GROUP_PVI,
  CM_NEEDS_ORG_GROUP_N
} CmNeedsOrgGroup;

/**
 * CmNeedsLine:
 *
 * One requirement line with its inputs and the computed figures; free
 * it with cm_needs_line_free(). Its names and codes are interned strings
 * (g_intern_string()): a county's 120,000 lines share 2,000 staff group
 * names instead of holding 840,000 copies.
 *
 * Inputs (from the database, or set by hand for cm_needs_compute_line()):
 * requirement_id, year, half, staff_group_id, staff_group (name),
 * organisation (name), organisation_kind (id such as "private"), sector (id),
 * competency_id, competency_code, competency_name, category (id),
 * headcount, turnover_bp, coverage_bp, compliant, expiring, evidence (0..2),
 * evidence_source (free text, "" when none, interned too), mandatory (0/1),
 * risk (1..3), strategic (0..2), capacity and half_days (the competency's
 * default delivery). In a signed-off cycle, headcount and turnover_bp are
 * the ones stored when it was closed.
 *
 * Computed by cm_needs_compute_line(): required, leavers, still, needed, and
 * the priority, both exactly as the fraction priority_num / priority_den
 * (priority_den > 0) and as the double @priority = priority_num /
 * priority_den. Show it to people with one decimal
 * (cm_needs_priority_round()); compare and sort on the double, which is the
 * correctly rounded value of the exact fraction, so equal fractions give
 * equal doubles.
 */
typedef struct
{
  /* inputs */
  gint64  requirement_id;
  int     year;
  int     half;
  gint64  staff_group_id;
  const char *staff_group;
  const char *organisation;
  const char *organisation_kind;
  const char *sector;
  gint64  competency_id;
  const char *competency_code;
  const char *competency_name;
  const char *category;
  gint64  headcount;
  gint64  turnover_bp;
  gint64  coverage_bp;
  gint64  compliant;
  gint64  expiring;
  int     evidence;
  const char *evidence_source;
  int     mandatory;
  int     risk;
  int     strategic;
  gint64  capacity;
  gint64  half_days;

  /* computed */
  gint64  required;
  gint64  leavers;
  gint64  still;
  gint64  needed;
  gint64  priority_num;
  gint64  priority_den;
  double  priority;
} CmNeedsLine;

/**
 * CmNeedsCompetency:
 *
 * A competency's needs over one cycle, aggregated from its lines:
 * places_needed = Σ needed; priority = the largest priority of its lines
 * (0 with priority_num 0 / priority_den 1 if it has none);
 * suggested_events = ceil (places_needed / capacity);
 * indicative_cost_pence = suggested_events * capacity * cost_per_place_pence;
 * pvi_needed = Σ needed over lines of PVI organisations.
 *
 * The indicative cost prices whole events, full: it is the planned cost
 * of the commission cm_needs_create_commissions() makes from it.
 *
 * n_lines counts the lines of the competency in the cycle (including lines
 * with nothing needed). Free with cm_needs_competency_free().
 */
typedef struct
{
  gint64  competency_id;
  char   *code;
  char   *name;
  char   *category;
  int     mandatory;
  int     risk;
  int     strategic;
  gint64  capacity;
  gint64  half_days;
  gint64  places_needed;
  gint64  pvi_needed;    /* of places_needed, for staff of PVI organisations */
  gint64  required;
  gint64  still;
  gint64  priority_num;
  gint64  priority_den;
  double  priority;
  gint64  suggested_events;
  gint64  cost_per_place_pence;
  gint64  indicative_cost_pence;
  guint   n_lines;
} CmNeedsCompetency;

/**
 * CmNeedsTotal:
 *
 * Totals of a set of lines grouped by sector or by organisation kind group.
 * @key is the sector id ("early-years", …) or "statutory" / "pvi".
 * @headcount counts each staff group once; @required, @still and
 * @needed are sums over the lines. Free with cm_needs_total_free().
 */
typedef struct
{
  char    *key;
  guint    n_staff_groups;
  guint    n_lines;
  gint64   headcount;
  gint64   required;
  gint64   still;
  gint64   needed;
} CmNeedsTotal;

/**
 * CmNeedsCycle:
 *
 * A training cycle known to the database: one the wizard was opened on
 * (a row of `cycles`) or one with requirement lines. @wizard_step is 0
 * when the wizard never saved a step; @closed is TRUE once it is signed
 * off.
 */
typedef struct
{
  int      year;
  int      half;
  int      wizard_step;
  guint    n_lines;
  gboolean closed;
} CmNeedsCycle;

/**
 * CmNeedsCycleState:
 * @exists: whether the cycle exists (cm_needs_cycle_exists())
 * @closed: whether it is signed off
 * @closed_on: the day it was signed off, "YYYY-MM-DD"; "" while open
 * @weights: the priority weights stored when it was signed off; only
 *   meaningful when @closed
 *
 * Whether a cycle is open or signed off (docs/figures.md, "Cycle
 * sign-off").
 */
typedef struct
{
  gboolean        exists;
  gboolean        closed;
  char            closed_on[11];
  CmNeedsWeights  weights;
} CmNeedsCycleState;

/* Boxed types, so lines and competencies can travel in GValues. */
GType              cm_needs_line_get_type          (void) G_GNUC_CONST;
GType              cm_needs_competency_get_type    (void) G_GNUC_CONST;

GQuark             cm_needs_error_quark            (void);

/* ---- Allocation -------------------------------------------------------- */

/* A zeroed line (strings NULL, priority 0/1); fill the inputs, then
 * cm_needs_compute_line(). */
CmNeedsLine       *cm_needs_line_new               (void);
/* A deep copy (strings duplicated). */
CmNeedsLine       *cm_needs_line_copy              (const CmNeedsLine       *line);
/* Frees the line and its strings; NULL is ignored. */
void               cm_needs_line_free              (CmNeedsLine             *line);
/* A deep copy (strings duplicated). */
CmNeedsCompetency *cm_needs_competency_copy        (const CmNeedsCompetency *competency);
/* Frees the competency and its strings; NULL is ignored. */
void               cm_needs_competency_free        (CmNeedsCompetency       *competency);
/* Frees the total and its key; NULL is ignored. */
void               cm_needs_total_free             (CmNeedsTotal            *total);

/* ---- Priority weights -------------------------------------------------- */

/* Sets @weights to 30/25/15/10/20. */
void               cm_needs_weights_init_default   (CmNeedsWeights          *weights);
/* TRUE when each weight is 0..100 and they sum to 100; otherwise
 * CM_NEEDS_ERROR_INVALID with a message saying what is wrong. */
gboolean           cm_needs_weights_validate       (const CmNeedsWeights    *weights,
                                                    GError                 **error);
/* "30,25,15,10,20": mandatory, risk, strategic, evidence, gap. */
char              *cm_needs_weights_to_string      (const CmNeedsWeights    *weights);
/* Parses the form written by cm_needs_weights_to_string() (spaces allowed
 * around the numbers) and validates it; CM_NEEDS_ERROR_INVALID otherwise. */
gboolean           cm_needs_weights_parse          (const char              *text,
                                                    CmNeedsWeights          *out_weights,
                                                    GError                 **error);
/* Reads the `priority_weights` setting; the defaults when it is absent.
 * A stored value that does not parse or validate is an error
 * (CM_NEEDS_ERROR_INVALID). */
gboolean           cm_needs_weights_load           (CmDb                    *db,
                                                    CmNeedsWeights          *out_weights,
                                                    GError                 **error);
/* Validates @weights and stores them as the `priority_weights` setting,
 * shared by the CLI and the app. Nothing is written if they are invalid. */
gboolean           cm_needs_weights_save           (CmDb                    *db,
                                                    const CmNeedsWeights    *weights,
                                                    GError                 **error);

/* ---- Default cost per place (settings) --------------------------------- */

/* Reads `tna_cost_per_place_pence`; CM_NEEDS_DEFAULT_COST_PER_PLACE_PENCE
 * when absent. */
gboolean           cm_needs_cost_per_place_load    (CmDb                    *db,
                                                    gint64                  *out_pence,
                                                    GError                 **error);
/* Stores the default cost per place; @pence must be 0..100,000,000,000
 * (CM_NEEDS_ERROR_INVALID otherwise). */
gboolean           cm_needs_cost_per_place_save    (CmDb                    *db,
                                                    gint64                   pence,
                                                    GError                 **error);

/* ---- The formula (pure, exact integer arithmetic) ---------------------- */

/* ceil (headcount * coverage_bp / 10000); inputs non-negative. */
gint64             cm_needs_required               (gint64                   headcount,
                                                    gint64                   coverage_bp);
/* round_half_up (compliant * turnover_bp * 6 / 120000): leavers over one
 * six-month cycle. */
gint64             cm_needs_leavers                (gint64                   compliant,
                                                    gint64                   turnover_bp);
/* max (0, compliant - expiring - leavers). */
gint64             cm_needs_still                  (gint64                   compliant,
                                                    gint64                   expiring,
                                                    gint64                   leavers);
/* max (0, required - still). */
gint64             cm_needs_needed                 (gint64                   required,
                                                    gint64                   still);
/* Fills the computed fields of @line (required, leavers, still, needed,
 * priority_num, priority_den, priority) from its inputs (headcount,
 * coverage_bp, turnover_bp, compliant, expiring, mandatory, risk,
 * strategic, evidence). @weights NULL means the defaults. Touches no
 * database. The priority is
 *   wM*mandatory + wR*risk/3 + wS*strategic/2 + wE*evidence/2
 *   + wG*min (1, needed/required)          (last term 0 if required = 0)
 * kept as one exact fraction over the denominator 6 * max (1, required). */
void               cm_needs_compute_line           (CmNeedsLine             *line,
                                                    const CmNeedsWeights    *weights);
/* The priority num/den scaled by 10^@decimals and rounded half up:
 * (…, 1) gives tenths for display ("45.8" is 458). @decimals ≤ 6. */
gint64             cm_needs_priority_round         (gint64                   priority_num,
                                                    gint64                   priority_den,
                                                    guint                    decimals);
/* The priority as shown to people, in the app and the CLI's tables:
 * always one decimal, a '.' in every locale ("92.8", "96.0"). */
char              *cm_needs_show_priority          (gint64                   priority_num,
                                                    gint64                   priority_den);
/* The priority as text with at most @decimals decimals, trailing zeros
 * dropped, a '.' separator whatever the locale ("45.83", "50", "12.5");
 * for JSON. */
char              *cm_needs_format_priority        (gint64                   priority_num,
                                                    gint64                   priority_den,
                                                    guint                    decimals);

/* ---- Cycles ------------------------------------------------------------ */

/* The cycle before (year, half): H1 -> previous year's H2, H2 -> same
 * year's H1. */
void               cm_needs_previous_cycle         (int                      year,
                                                    int                      half,
                                                    int                     *out_year,
                                                    int                     *out_half);
/* TRUE when year is 1900..9999 and half is 1 or 2; CM_NEEDS_ERROR_INVALID
 * otherwise. */
gboolean           cm_needs_check_cycle            (int                      year,
                                                    int                      half,
                                                    GError                 **error);
/* Creates the `cycles` row for (year, half) if missing (wizard step 0). */
gboolean           cm_needs_ensure_cycle           (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    GError                 **error);
/* The wizard step saved for the cycle; 0 when the cycle has no row. */
gboolean           cm_needs_get_wizard_step        (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    int                     *out_step,
                                                    GError                 **error);
/* Saves the wizard step (≥ 0) for the cycle, so the wizard resumes
 * there; does nothing for a cycle that does not exist. */
gboolean           cm_needs_set_wizard_step        (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    int                      step,
                                                    GError                 **error);
/* Whether the cycle exists: it has a `cycles` row or requirement lines. */
gboolean           cm_needs_cycle_exists           (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    gboolean                *out_exists,
                                                    GError                 **error);
/* (element-type CmNeedsCycle): every cycle with a `cycles` row or with
 * requirement lines, newest first (year desc, half desc). */
GArray            *cm_needs_list_cycles            (CmDb                    *db,
                                                    GError                 **error);
/* The cycle the wizard was last working on (`tna_current_cycle` setting);
 * *out_found FALSE (and year/half untouched) when none was saved. */
gboolean           cm_needs_get_current_cycle      (CmDb                    *db,
                                                    gboolean                *out_found,
                                                    int                     *out_year,
                                                    int                     *out_half,
                                                    GError                 **error);
/* Fills @out_state for (year, half); a cycle that does not exist is
 * not an error (exists FALSE). */
gboolean           cm_needs_get_cycle_state        (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    CmNeedsCycleState       *out_state,
                                                    GError                 **error);
/* TRUE when (year, half) is not signed off (whether or not it exists);
 * CM_NEEDS_ERROR_CLOSED "2010/11 H1 is signed off; reopen it to change
 * it" otherwise. Every write to a cycle's lines asks this first. */
gboolean           cm_needs_check_cycle_open       (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    GError                 **error);
/* Signs the cycle off (docs/figures.md, "Cycle sign-off"): stores on
 * each of its lines the headcount and turnover of its staff group, and
 * on the cycle the current priority weights and @today (NULL: the real
 * date). A cycle that does not exist is CM_NEEDS_ERROR_NOT_FOUND, one
 * already signed off CM_NEEDS_ERROR_CLOSED; nothing is written then.
 * Announces the cycle's `cycles` and `requirements`. */
gboolean           cm_needs_close_cycle            (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    const GDate             *today,
                                                    GError                 **error);
/* Drops what cm_needs_close_cycle() stored, so the cycle follows the live
 * workforce and weights again. CM_NEEDS_ERROR_NOT_FOUND for a cycle that
 * does not exist, CM_NEEDS_ERROR_OPEN for one not signed off. */
gboolean           cm_needs_reopen_cycle           (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    GError                 **error);
/* Remembers (year, half) as the current cycle; creates nothing. */
gboolean           cm_needs_set_current_cycle      (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    GError                 **error);

/* ---- Needs over a cycle ------------------------------------------------ */

/* (element-type CmNeedsLine) (transfer full): every requirement line of
 * the cycle, computed with @weights (NULL: the defaults), ordered by
 * priority desc, then staff group name, then competency code. The array
 * frees its elements. A signed-off cycle is computed from what was
 * stored when it was closed: its headcounts, turnovers and weights
 * (@weights is then not used). */
GPtrArray         *cm_needs_list_lines             (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    const CmNeedsWeights    *weights,
                                                    GError                 **error);
/* What a place cost on the last commission of each competency (latest
 * cycle, then latest created): its planned cost over its events × places,
 * rounded half up. A competency never commissioned, or commissioned
 * without places, is not in the table. gint64 id → gint64 pence. */
GHashTable        *cm_needs_load_prices            (CmDb                    *db,
                                                    GError                 **error);
/* (element-type CmNeedsCompetency) (transfer full): aggregates computed
 * @lines (of one cycle) per competency, ordered by priority desc, then
 * places needed desc, then code. Each is priced from @prices (nullable)
 * or at @cost_per_place_pence. Pure: the GUI can re-rank without a
 * query. */
GPtrArray         *cm_needs_aggregate_competencies (GPtrArray               *lines,
                                                    gint64                   cost_per_place_pence,
                                                    GHashTable              *prices);
/* cm_needs_list_lines() then cm_needs_aggregate_competencies(): one entry per
 * competency that has at least one line in the cycle. */
GPtrArray         *cm_needs_list_competencies      (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    const CmNeedsWeights    *weights,
                                                    gint64                   cost_per_place_pence,
                                                    GError                 **error);
/* (element-type CmNeedsTotal): totals of @lines per sector, in the order
 * of the sector vocabulary (cm_domain_values (CM_DOMAIN_SECTOR)); only
 * sectors that have lines. */
GPtrArray         *cm_needs_totals_by_sector       (GPtrArray               *lines);
/* (element-type CmNeedsTotal): two totals, "statutory" then "pvi"
 * (always both, possibly zero), indexed by CmNeedsOrgGroup. */
GPtrArray         *cm_needs_totals_by_org_group    (GPtrArray               *lines);
/* PVI for private, voluntary, independent; statutory for anything else. */
CmNeedsOrgGroup    cm_needs_org_group_of           (const char              *organisation_kind);
/* "statutory" or "pvi". */
const char        *cm_needs_org_group_id           (CmNeedsOrgGroup          group);

/* ---- Editing requirements --------------------------------------------- */

/* Every function below refuses a signed-off cycle with
 * CM_NEEDS_ERROR_CLOSED (cm_needs_check_cycle_open()) and writes nothing.
 *
 * Inserts or updates the line (year, half, staff group, competency) with
 * these values and ensures the cycle row. coverage_bp 0..10000,
 * compliant/expiring ≥ 0, evidence 0..2 (CM_NEEDS_ERROR_INVALID);
 * an unknown staff group or competency is CM_NEEDS_ERROR_NOT_FOUND. */
gboolean           cm_needs_set_requirement        (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    gint64                   staff_group_id,
                                                    gint64                   competency_id,
                                                    gint64                   coverage_bp,
                                                    gint64                   compliant,
                                                    gint64                   expiring,
                                                    int                      evidence,
                                                    GError                 **error);
/* Removes the line (year, half, staff group, competency); removing a line
 * that does not exist succeeds and does nothing. */
gboolean           cm_needs_delete_requirement     (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    gint64                   staff_group_id,
                                                    gint64                   competency_id,
                                                    GError                 **error);
/* Changes one field group of an existing line by its id (the
 * requirement_id of a CmNeedsLine); CM_NEEDS_ERROR_NOT_FOUND if the id is
 * unknown, CM_NEEDS_ERROR_INVALID for out-of-range values. */
gboolean           cm_needs_set_coverage           (CmDb                    *db,
                                                    gint64                   requirement_id,
                                                    gint64                   coverage_bp,
                                                    GError                 **error);
gboolean           cm_needs_set_position           (CmDb                    *db,
                                                    gint64                   requirement_id,
                                                    gint64                   compliant,
                                                    gint64                   expiring,
                                                    GError                 **error);
gboolean           cm_needs_set_evidence           (CmDb                    *db,
                                                    gint64                   requirement_id,
                                                    int                      evidence,
                                                    GError                 **error);
/* Where the evidence of need comes from ("Ofsted inspection, May 2010"):
 * free text, trimmed, at most 500 characters (CM_NEEDS_ERROR_INVALID);
 * NULL or "" clears it. */
gboolean           cm_needs_set_evidence_source    (CmDb                    *db,
                                                    gint64                   requirement_id,
                                                    const char              *source,
                                                    GError                 **error);
/* Bulk edit in one transaction: for each staff group, sets the
 * competency's coverage to @coverage_bp, creating the line (compliant 0,
 * expiring 0, evidence 0) when missing and keeping compliant, expiring and
 * evidence of an existing line. All or nothing. */
gboolean           cm_needs_apply_preset           (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    gint64                   competency_id,
                                                    const gint64            *staff_group_ids,
                                                    guint                    n_staff_groups,
                                                    gint64                   coverage_bp,
                                                    GError                 **error);

/* ---- Attendance, copy cycle and commissioning -------------------------- */

/* attended(N) of docs/figures.md, "Copy cycle": distinct learners of the
 * staff group with an `attended` booking at an event, dated inside cycle
 * (year, half), of a commission for the competency. Pre-fills
 * "compliant" in the wizard. */
gboolean           cm_needs_fill_from_attendance   (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    guint                   *out_n_filled,
                                                    GError                 **error);
gboolean           cm_needs_count_attended         (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    gint64                   staff_group_id,
                                                    gint64                   competency_id,
                                                    gint64                  *out_attended,
                                                    GError                 **error);
/* Copy cycle (docs/figures.md, "Copy cycle"): fills (year, half) from
 * the previous cycle N. Each line of N is copied with coverage and
 * evidence (and its source) kept, compliant = still(N) + attended(N)
 * and expiring = 0. A signed-off target is CM_NEEDS_ERROR_CLOSED.
 * Refuses with CM_NEEDS_ERROR_CYCLE_NOT_EMPTY when (year, half) already
 * has lines and
 * CM_NEEDS_ERROR_SOURCE_EMPTY when N has none, writing nothing. One
 * transaction; also ensures the target cycle row. @out_n_copied may be
 * NULL. */
gboolean           cm_needs_copy_cycle             (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    guint                   *out_n_copied,
                                                    GError                 **error);
/* One proposed commission per competency in @competency_ids, for cycle
 * (year, half), in one transaction: code "TNA-2010H1-<competency code>"
 * (with "-2", "-3"… when taken), title the competency name, events its
 * suggested events in the cycle (at least 1), half days and places per
 * event from the competency's default delivery (places = capacity),
 * cost per place @cost_per_place_pence, other costs 0, PVI places 0.
 * Unknown competency: CM_NEEDS_ERROR_NOT_FOUND, nothing written.
 * A signed-off cycle may be commissioned from: its figures are the ones
 * the board approved. @out_n_created may be NULL. */
gboolean           cm_needs_create_commissions     (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    const gint64            *competency_ids,
                                                    guint                    n_competencies,
                                                    gint64                   cost_per_place_pence,
                                                    guint                   *out_n_created,
                                                    GError                 **error);
gboolean           cm_needs_create_commissions_with_codes (CmDb             *db,
                                                    int                      year,
                                                    int                      half,
                                                    const gint64            *competency_ids,
                                                    guint                    n_competencies,
                                                    gint64                   cost_per_place_pence,
                                                    GStrv                   *out_codes,
                                                    GError                 **error);

/**
 * CmNeedsAnalysis:
 * @year: the cycle's financial year
 * @half: the cycle's half
 * @weights: the priority weights stored with the data
 * @cost_per_place_pence: the default cost per place stored with the data
 * @lines: (element-type CmNeedsLine): the cycle's lines, computed with
 *   @weights, highest priority first
 * @competencies: (element-type CmNeedsCompetency): the needs per
 *   competency, from @lines
 * @prices: per competency, from cm_needs_load_prices()
 * @closed: whether the cycle is signed off; @weights are then the ones
 *   stored with it
 * @closed_on: the day it was signed off, "YYYY-MM-DD"; "" while open
 *
 * Everything the needs wizard's steps show of one cycle, read in one go
 * (in a worker thread: a county's cycle has 120,000 lines). Free with
 * cm_needs_analysis_free().
 */
typedef struct
{
  int             year;
  int             half;
  CmNeedsWeights  weights;
  gint64          cost_per_place_pence;
  GPtrArray      *lines;
  GPtrArray      *competencies;
  GHashTable     *prices;
  gboolean        closed;
  char            closed_on[11];
} CmNeedsAnalysis;

CmNeedsAnalysis   *cm_needs_read_analysis          (CmDb                    *db,
                                                    int                      year,
                                                    int                      half,
                                                    GError                 **error);
void               cm_needs_analysis_free          (CmNeedsAnalysis         *analysis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmNeedsAnalysis, cm_needs_analysis_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmNeedsLine, cm_needs_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmNeedsCompetency, cm_needs_competency_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmNeedsTotal, cm_needs_total_free)

G_END_DECLS
