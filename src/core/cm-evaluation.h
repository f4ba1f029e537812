/* cm-evaluation.h
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
 * The evaluation tracker: events of commissions, learners, bookings and
 * attendance (cm-bookings.c), DNA charges (cm-charges.c), and Kirkpatrick
 * feedback, follow-ups and the figures per commission, competency, sector
 * and organisation kind (cm-evaluation.c). Every formula and rounding rule
 * is in docs/figures.md, "Evaluation".
 *
 * Plain structs come in #GPtrArrays that own them. Every write announces
 * %CM_CHANGE_EVALUATION (and %CM_CHANGE_TRANSACTIONS when a DNA charge
 * changes). Rule violations are reported in #CM_EVALUATION_ERROR with a
 * message naming the field; database failures in #CM_DB_ERROR.
 */

#define CM_EVALUATION_ERROR (cm_evaluation_error_quark ())

typedef enum
{
  CM_EVALUATION_ERROR_INVALID,    /* a field breaks a domain rule */
  CM_EVALUATION_ERROR_NOT_FOUND,  /* no event, learner, booking or commission with that id */
  CM_EVALUATION_ERROR_DUPLICATE,  /* the code or ref is already used */
} CmEvaluationError;

/* Settings table keys. */
#define CM_EVALUATION_SETTING_FOLLOWUP_WEEKS "followup_weeks"
#define CM_EVALUATION_SETTING_CHARGES        "dna_charge_policy"

#define CM_EVALUATION_DEFAULT_FOLLOWUP_WEEKS 12

/* One run of a commission. The counts are filled on read. */
typedef struct
{
  gint64   id;               /* 0 until saved */
  char    *code;
  gint64   commission_id;
  char    *commission_code;  /* read only */
  GDate    date;
  char    *venue;
  int      places;
  int      booked;           /* read only: bookings by status */
  int      attended;
  int      dna;
  int      late_cancel;
  int      cancelled;
  int      waitlist;
} CmEvent;

/* A person booked. Only ref, organisation and staff group are needed. */
typedef struct
{
  gint64   id;                    /* 0 until saved */
  char    *ref;                   /* pseudonymous, unique */
  gint64   organisation_id;
  char    *organisation_name;     /* read only */
  char    *organisation_kind;     /* read only */
  gint64   staff_group_id;        /* 0 = none */
  char    *staff_group_name;      /* read only */
  char    *name;                  /* NULL or empty = not recorded */
  char    *email;
} CmLearner;

/* A booking of one learner on one event (a line of the register). */
typedef struct
{
  gint64   event_id;
  gint64   learner_id;
  char    *learner_ref;
  char    *learner_name;       /* may be NULL */
  char    *organisation_name;
  char    *organisation_kind;
  char    *status;             /* a CM_DOMAIN_BOOKING_STATUS id */
  gint64   charge_pence;       /* the DNA charge the policy raises: ≤ 0 */
} CmBooking;

/* One feedback form (Kirkpatrick L1 and L2); every rating is 1–5. */
typedef struct
{
  gint64   id;                 /* 0 until saved */
  gint64   event_id;
  gint64   learner_id;         /* 0 = an anonymous form */
  int      content;
  int      trainer;
  int      venue;
  int      relevance;
  int      confidence_before;
  int      confidence_after;
} CmFeedback;

/* A Level 3 follow-up of an attended learner. */
typedef struct
{
  gint64   event_id;
  gint64   learner_id;
  char    *event_code;         /* read only */
  char    *learner_ref;        /* read only */
  GDate    event_date;         /* read only */
  GDate    due;                /* read only: event date + the follow-up weeks */
  gboolean done;               /* read only: a follow-up is recorded */
  gboolean overdue;            /* read only: not done and due before today */
  GDate    date;               /* when it was done; invalid when not done */
  int      applied;            /* 0 not at all … 3 fully */
  char    *comment;
} CmFollowup;

/* The DNA charge policy, stored with the data. */
typedef struct
{
  gboolean  enabled;
  gint64    half_day_pence;   /* ≥ 0: what a half-day place not taken up costs */
  gint64    full_day_pence;   /* ≥ 0: for an event of a day or longer */
  char    **kinds;            /* NULL-terminated organisation kinds charged */
} CmChargePolicy;

typedef enum
{
  CM_EVALUATION_BY_COMMISSION,
  CM_EVALUATION_BY_COMPETENCY,
  CM_EVALUATION_BY_SECTOR,
  CM_EVALUATION_BY_ORGANISATION_KIND,
} CmEvaluationGrouping;

/* The counts and sums behind one row of the evaluation figures
 * (docs/figures.md, "Evaluation"). The rates and averages are worked out
 * from them with cm_evaluation_ratio(). */
typedef struct
{
  char    *key;              /* commission or competency code, sector or kind;
                              * NULL for the totals and for "none" */
  gint64   events;
  gint64   places;
  gint64   booked;
  gint64   attended;
  gint64   dna;
  gint64   late_cancel;
  gint64   cancelled;
  gint64   waitlist;
  gint64   attended_pvi;
  gboolean has_actual;       /* FALSE where spend is not by commission */
  gint64   actual_pence;
  gint64   responses;
  gint64   content_sum;
  gint64   trainer_sum;
  gint64   venue_sum;
  gint64   relevance_sum;
  gint64   before_sum;
  gint64   after_sum;
  gint64   confident;        /* forms with confidence after ≥ 4 */
  gint64   followups_done;
  gint64   followups_overdue;
  gint64   applied_sum;
} CmEvaluationFigures;

typedef struct
{
  int                  year;
  int                  half;    /* 0 = the whole year */
  GPtrArray           *rows;    /* of CmEvaluationFigures, by key */
  CmEvaluationFigures *totals;
} CmEvaluationReport;

/* The rates and averages of a row, in hundredths (basis points for
 * percentages); FALSE where the divisor is 0 (shown as null). */
typedef enum
{
  CM_EVALUATION_FILL_PERCENT,
  CM_EVALUATION_DNA_PERCENT,
  CM_EVALUATION_COST_PER_ATTENDEE,   /* in pence, not hundredths */
  CM_EVALUATION_ATTENDED_PVI_PERCENT,
  CM_EVALUATION_RESPONSE_PERCENT,
  CM_EVALUATION_CONTENT,
  CM_EVALUATION_TRAINER,
  CM_EVALUATION_VENUE,
  CM_EVALUATION_RELEVANCE,
  CM_EVALUATION_CONFIDENCE_BEFORE,
  CM_EVALUATION_CONFIDENCE_AFTER,
  CM_EVALUATION_UPLIFT,
  CM_EVALUATION_REACHING_CONFIDENT_PERCENT,
  CM_EVALUATION_APPLIED_AVERAGE,
} CmEvaluationMeasure;

GQuark               cm_evaluation_error_quark   (void);

void                 cm_event_free               (CmEvent *event);
void                 cm_learner_free             (CmLearner *learner);
void                 cm_booking_free             (CmBooking *booking);
void                 cm_feedback_free            (CmFeedback *feedback);
void                 cm_followup_free            (CmFollowup *followup);
void                 cm_charge_policy_free       (CmChargePolicy *policy);
void                 cm_evaluation_figures_free  (CmEvaluationFigures *figures);
void                 cm_evaluation_report_free   (CmEvaluationReport *report);

/* Arithmetic (docs/figures.md, "Evaluation"). */
gboolean             cm_evaluation_round_div     (gint64    numerator,
                                                  gint64    denominator,
                                                  gint64   *out_value);
gboolean             cm_evaluation_ratio         (const CmEvaluationFigures *figures,
                                                  CmEvaluationMeasure        measure,
                                                  gint64                    *out_value);
gint64               cm_evaluation_charge_amount (const CmChargePolicy *policy,
                                                  const char           *organisation_kind,
                                                  int                   half_days);
void                 cm_evaluation_followup_due  (const GDate *event_date,
                                                  int          weeks,
                                                  GDate       *out_due);

/* Events (cm-bookings.c). */
GPtrArray           *cm_evaluation_list_events   (CmDb         *db,
                                                  int           year,
                                                  int           half,
                                                  gint64        commission_id,
                                                  GError      **error);
gboolean             cm_evaluation_save_event    (CmDb         *db,
                                                  CmEvent      *event,
                                                  GError      **error);
gboolean             cm_evaluation_delete_event  (CmDb         *db,
                                                  gint64        event_id,
                                                  GError      **error);

/* Learners. */
GPtrArray           *cm_evaluation_find_learners (CmDb         *db,
                                                  const char   *search,
                                                  guint         limit,
                                                  GError      **error);
gboolean             cm_evaluation_save_learner  (CmDb         *db,
                                                  CmLearner    *learner,
                                                  GError      **error);
gboolean             cm_evaluation_erase_learner (CmDb         *db,
                                                  gint64        learner_id,
                                                  GError      **error);

/* Bookings and attendance. */
GPtrArray           *cm_evaluation_list_bookings (CmDb         *db,
                                                  gint64        event_id,
                                                  GError      **error);
gboolean             cm_evaluation_book          (CmDb         *db,
                                                  gint64        event_id,
                                                  gint64        learner_id,
                                                  char        **out_status,
                                                  GError      **error);
gboolean             cm_evaluation_set_status    (CmDb         *db,
                                                  gint64        event_id,
                                                  gint64        learner_id,
                                                  const char   *status,
                                                  gint64       *out_promoted,
                                                  GError      **error);
gboolean             cm_evaluation_mark_all_attended (CmDb     *db,
                                                      gint64    event_id,
                                                      GError  **error);

/* DNA charges (cm-charges.c). */
CmChargePolicy      *cm_evaluation_get_charge_policy (CmDb     *db,
                                                      GError  **error);
gboolean             cm_evaluation_set_charge_policy (CmDb                 *db,
                                                      const CmChargePolicy *policy,
                                                      GError              **error);

/* Feedback, follow-ups and outcomes (cm-evaluation.c). */
gboolean             cm_evaluation_save_feedback (CmDb         *db,
                                                  CmFeedback   *feedback,
                                                  GError      **error);
int                  cm_evaluation_get_followup_weeks (CmDb    *db,
                                                       GError **error);
gboolean             cm_evaluation_set_followup_weeks (CmDb    *db,
                                                       int      weeks,
                                                       GError **error);
gboolean             cm_evaluation_save_followup (CmDb         *db,
                                                  gint64        event_id,
                                                  gint64        learner_id,
                                                  const GDate  *date,
                                                  int           applied,
                                                  const char   *comment,
                                                  GError      **error);
GPtrArray           *cm_evaluation_list_followups (CmDb        *db,
                                                   int          year,
                                                   int          half,
                                                   const GDate *today,
                                                   GError     **error);
char                *cm_evaluation_get_outcome   (CmDb         *db,
                                                  gint64        commission_id,
                                                  GError      **error);
gboolean             cm_evaluation_set_outcome   (CmDb         *db,
                                                  gint64        commission_id,
                                                  const char   *outcome,
                                                  GError      **error);
CmEvaluationReport  *cm_evaluation_report        (CmDb                 *db,
                                                  int                   year,
                                                  int                   half,
                                                  CmEvaluationGrouping  grouping,
                                                  const GDate          *today,
                                                  GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmEvent, cm_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmLearner, cm_learner_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmBooking, cm_booking_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmFeedback, cm_feedback_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmFollowup, cm_followup_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmChargePolicy, cm_charge_policy_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmEvaluationFigures, cm_evaluation_figures_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmEvaluationReport, cm_evaluation_report_free)

G_END_DECLS
