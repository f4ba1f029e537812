/* cm-budget.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cm-db.h"

G_BEGIN_DECLS

/*
 * The commissioning budget planner: funding streams, commissions and
 * their planned cost, splits, spend attribution, the per-stream figures,
 * the warnings and "Suggest funding". Every formula and rounding rule is
 * in docs/figures.md, "Budget planner".
 *
 * All money is integer pence. Percentages are basis points (hundredths
 * of a percent: 5000 = 50%) and days are half days, as in the database.
 * Plain structs are returned in #GPtrArrays that own their elements (free
 * the array with g_ptr_array_unref()). Nothing here runs SQL outside the
 * functions below, so widgets never need to.
 *
 * Errors: rule violations are reported in #CM_BUDGET_ERROR with a message
 * naming the field; failures of the database itself in #CM_DB_ERROR.
 */

#define CM_BUDGET_ERROR (cm_budget_error_quark ())

typedef enum
{
  CM_BUDGET_ERROR_INVALID,    /* a field breaks a domain rule */
  CM_BUDGET_ERROR_NOT_FOUND,  /* no row with that id or code */
  CM_BUDGET_ERROR_DUPLICATE,  /* the code or reference is already used */
  CM_BUDGET_ERROR_IN_USE,     /* cannot delete: splits or spend refer to it */
} CmBudgetError;

/* Indexes of CmBudgetFigures.quarter_pence. */
#define CM_BUDGET_OUTSIDE_YEAR 0
#define CM_BUDGET_N_QUARTER_SLOTS 5

/* ------------------------------------------------------------------ */
/* Plain data                                                          */
/* ------------------------------------------------------------------ */

/* A funding stream: one funder's allocation for one financial year. */
typedef struct
{
  gint64     id;                  /* 0 until saved */
  char      *code;
  char      *name;
  char      *funder;              /* a CM_DOMAIN_FUNDER id: "DH", "CWDC", … */
  int        year;                /* financial year: 2010 = 2010/11 */
  gint64     allocation_pence;
  gboolean   ring_fenced;
  GDate      expiry;              /* spend-by date; not g_date_valid() = none */
  int        min_pvi_bp;          /* minimum PVI share, 5000 = 50% */
  char     **eligible_categories; /* NULL-terminated CM_DOMAIN_CATEGORY ids;
                                   * NULL or empty = every category */
  char      *return_kind;         /* "dh", "cwdc", "lscb" or "none" */
} CmBudgetStream;

/* One split of a commission onto a stream: a percentage or a fixed amount. */
typedef struct
{
  gint64    commission_id;  /* filled on read; set by cm_budget_save_commission() */
  gint64    stream_id;      /* on save: used when non-zero … */
  char     *stream_code;    /* … otherwise this code is looked up */
  gboolean  is_percent;     /* TRUE: percent_bp counts, FALSE: amount_pence */
  int       percent_bp;     /* 0..10000 */
  gint64    amount_pence;   /* >= 0 */
  gint64    value_pence;    /* read only: split(c,s) in pence, filled on read */
} CmBudgetSplit;

/* A commission (a piece of planned provision) with its splits. */
typedef struct
{
  gint64      id;                    /* 0 until saved */
  char       *code;
  char       *title;
  gint64      competency_id;         /* on save: used when non-zero … */
  char       *competency_code;       /* … otherwise looked up; both unset = none */
  char       *competency_name;       /* read only */
  char       *category;              /* read only: the competency's category or NULL */
  int         year;                  /* cycle: financial year … */
  int         half;                  /* … and half, 1 or 2 */
  char       *provider;
  char       *status;                /* a CM_DOMAIN_COMMISSION_STATUS id */
  int         events;
  int         half_days;             /* days per event in half days: 3 = 1.5 days */
  int         places;                /* places per event */
  gint64      fee_per_event_pence;
  gint64      venue_per_day_pence;
  gint64      cost_per_place_pence;
  gint64      materials_per_place_pence;
  int         pvi_places;            /* places per event reserved for PVI staff */
  char       *outcome;               /* Kirkpatrick L4 narrative */
  GPtrArray  *splits;                /* of CmBudgetSplit, by stream code; never NULL */

  /* Read only, filled on read from the current splits and spend. */
  gint64      planned_pence;         /* cm_budget_planned_cost() */
  gint64      funded_pence;          /* Σ split(c,s) */
  gint64      unfunded_pence;        /* planned − funded; negative = over-funded */
  gint64      actual_pence;          /* Σ amount of the commission's transactions */
} CmBudgetCommission;

/* A spend transaction. Negative amounts are credits. */
typedef struct
{
  gint64   id;               /* 0 until saved */
  GDate    date;
  gint64   amount_pence;
  gint64   commission_id;    /* on save: used when non-zero … */
  char    *commission_code;  /* … otherwise looked up; both unset = none */
  gint64   stream_id;        /* likewise for the stream */
  char    *stream_code;
  char    *supplier;
  char    *reference;        /* unique */
  char    *kind;             /* a CM_DOMAIN_TRANSACTION_KIND id */
} CmBudgetTransaction;

/* One attributed part of a transaction (a row of the finance workbook's
 * Transactions sheet and of the ledger). */
typedef struct
{
  gint64   transaction_id;
  GDate    date;
  int      quarter;          /* 1..4 within the year asked for, 0 = outside it */
  char    *stream_code;      /* NULL = Unallocated */
  char    *commission_code;  /* NULL = none */
  char    *supplier;
  char    *reference;
  char    *kind;
  gint64   amount_pence;
} CmBudgetPart;

/* The figures of one stream for its year, or the totals row. */
typedef struct
{
  gint64   stream_id;        /* 0 for the totals row */
  char    *code;             /* NULL for the totals row */
  char    *name;
  char    *funder;
  gboolean ring_fenced;
  GDate    expiry;           /* not valid when the stream has none */
  int      min_pvi_bp;
  gint64   allocation_pence;
  gint64   proposed_pence;
  gint64   committed_pence;
  gint64   actual_pence;
  gint64   forecast_pence;
  gint64   variance_pence;   /* allocation − forecast; positive = underspend */
  gint64   available_pence;  /* allocation − forecast − proposed */
  int      planned_pvi_bp;   /* 0 when nothing is committed */
  int      actual_pvi_bp;    /* 0 when nothing attended is recorded */
  /* Actual by quarter of the date within the year:
   * [0] outside the year, [1..4] Q1..Q4. Σ = actual_pence. */
  gint64   quarter_pence[CM_BUDGET_N_QUARTER_SLOTS];
} CmBudgetFigures;

/* Everything the planner shows for one financial year. */
typedef struct
{
  int              year;
  GPtrArray       *streams;            /* of CmBudgetFigures, by stream code */
  CmBudgetFigures *totals;             /* Σ of the rows; PVI % over all rows */
  gint64           unallocated_pence;  /* spend dated in the year with no stream */
  /* The unallocated spend by quarter: [1..4]; [0] is always 0. */
  gint64           unallocated_quarter_pence[CM_BUDGET_N_QUARTER_SLOTS];
} CmBudgetSummary;

/* A warning (docs/figures.md, "Warnings"): kind is one of
 * "over-committed", "over-proposed", "spend-before-approval", "ineligible-split",
 * "pvi-share-below-minimum", "unfunded", "over-funded",
 * "underspend-risk", "spend-outside-stream-year", "unallocated-spend". */
typedef struct
{
  char *kind;
  char *subject;   /* stream or commission code, or transaction reference */
  char *message;   /* translated, one sentence */
} CmBudgetWarning;

/* One line of a "Suggest funding" proposal: a fixed-amount split. */
typedef struct
{
  gint64  commission_id;
  char   *commission_code;
  gint64  stream_id;
  char   *stream_code;
  gint64  amount_pence;
} CmBudgetProposal;

/* Why a stream of the year gives what it gives to one commission in a
 * "Suggest funding" proposal (docs/figures.md, "Suggest Funding"). */
typedef enum
{
  CM_FUNDING_GIVES,         /* amount_pence > 0, as much as @limit allows */
  CM_FUNDING_NOT_NEEDED,    /* may pay, but the streams tried before it cover the rest */
  CM_FUNDING_NOTHING_LEFT,  /* may pay, but has nothing Available left */
  CM_FUNDING_PVI_MINIMUM,   /* may pay, but any amount would take its planned
                             * PVI % under its minimum */
  CM_FUNDING_EXPIRED,       /* its spend-by date is before the date of the suggestion */
  CM_FUNDING_NOT_ELIGIBLE,  /* cm_budget_is_eligible() is FALSE */
} CmFundingReasonKind;

/* What stopped a stream giving more (CM_FUNDING_GIVES only). */
typedef enum
{
  CM_FUNDING_LIMIT_NEED,       /* it gave all the commission still needed */
  CM_FUNDING_LIMIT_AVAILABLE,  /* it gave all it had left */
  CM_FUNDING_LIMIT_PVI,        /* more would take its planned PVI % under its minimum */
} CmFundingLimit;

/* One stream's part in the funding of one commission. */
typedef struct
{
  gint64               stream_id;
  char                *stream_code;
  CmFundingReasonKind  kind;
  CmFundingLimit       limit;              /* for CM_FUNDING_GIVES */
  gint64               amount_pence;       /* what the proposal takes from it; 0 unless GIVES */
  gint64               left_pence;         /* what it had left before this commission */
  GDate                spend_by;           /* its expiry, or the end of its year */
  gboolean             has_expiry;         /* whether spend_by is the stream's own expiry */
  gboolean             spend_by_in_cycle;  /* spend_by is before the end of the commission's cycle */
  gboolean             ring_fenced;
  char               **eligible_categories;  /* the stream's list (NULL = all) */
  int                  min_pvi_bp;
} CmBudgetFundingReason;

/* How one commission fares in a "Suggest funding" proposal. */
typedef struct
{
  gint64      commission_id;
  char       *commission_code;
  char       *commission_title;
  char       *category;         /* its competency's category, NULL = none */
  int         year;             /* its cycle */
  int         half;
  int         places;           /* places per event … */
  int         pvi_places;       /* … and of those, PVI places */
  gint64      needed_pence;     /* Unfunded before the proposal */
  gint64      proposed_pence;   /* Σ of the proposal's lines for it */
  gint64      unfunded_pence;   /* needed − proposed: what stays unfunded */
  GPtrArray  *reasons;          /* of CmBudgetFundingReason: one per stream of
                                 * the year, those that may pay in the order
                                 * tried, then expired and ineligible ones by code */
} CmBudgetFundingOutcome;

/* Input of cm_budget_attribute(): one stream's weight, split(c,s). */
typedef struct
{
  const char *stream_code;
  gint64      weight_pence;   /* >= 0 */
} CmBudgetShare;

GQuark cm_budget_error_quark (void);

/* Constructors fill the defaults of a new row (status "proposed", one
 * event of one day, return "none", …); free with the matching _free(). */
CmBudgetStream      *cm_budget_stream_new       (void);
CmBudgetStream      *cm_budget_stream_copy      (const CmBudgetStream *stream);
void                 cm_budget_stream_free      (CmBudgetStream *stream);
CmBudgetSplit       *cm_budget_split_new        (void);
CmBudgetSplit       *cm_budget_split_copy       (const CmBudgetSplit *split);
void                 cm_budget_split_free       (CmBudgetSplit *split);
CmBudgetCommission  *cm_budget_commission_new   (void);
CmBudgetCommission  *cm_budget_commission_copy  (const CmBudgetCommission *commission);
void                 cm_budget_commission_free  (CmBudgetCommission *commission);
gboolean             cm_budget_commission_equal (const CmBudgetCommission *a,
                                                 const CmBudgetCommission *b);
CmBudgetTransaction *cm_budget_transaction_new  (void);
CmBudgetTransaction *cm_budget_transaction_copy (const CmBudgetTransaction *transaction);
void                 cm_budget_transaction_free (CmBudgetTransaction *transaction);
void                 cm_budget_part_free        (CmBudgetPart *part);
void                 cm_budget_figures_free     (CmBudgetFigures *figures);
void                 cm_budget_summary_free     (CmBudgetSummary *summary);
void                 cm_budget_warning_free     (CmBudgetWarning *warning);
CmBudgetProposal    *cm_budget_proposal_copy    (const CmBudgetProposal *proposal);
void                 cm_budget_proposal_free    (CmBudgetProposal *proposal);
void                 cm_budget_funding_reason_free  (CmBudgetFundingReason *reason);
void                 cm_budget_funding_outcome_free (CmBudgetFundingOutcome *outcome);

/* Boxed types, for GValues and properties. */
#define CM_TYPE_BUDGET_STREAM      (cm_budget_stream_get_type ())
#define CM_TYPE_BUDGET_COMMISSION  (cm_budget_commission_get_type ())
#define CM_TYPE_BUDGET_TRANSACTION (cm_budget_transaction_get_type ())
GType cm_budget_stream_get_type      (void) G_GNUC_CONST;
GType cm_budget_commission_get_type  (void) G_GNUC_CONST;
GType cm_budget_transaction_get_type (void) G_GNUC_CONST;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmBudgetStream, cm_budget_stream_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmBudgetSplit, cm_budget_split_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmBudgetCommission, cm_budget_commission_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmBudgetTransaction, cm_budget_transaction_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmBudgetPart, cm_budget_part_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmBudgetFigures, cm_budget_figures_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmBudgetSummary, cm_budget_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmBudgetWarning, cm_budget_warning_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmBudgetProposal, cm_budget_proposal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmBudgetFundingOutcome, cm_budget_funding_outcome_free)

/* ------------------------------------------------------------------ */
/* Pure arithmetic (no database)                                       */
/* ------------------------------------------------------------------ */

/* planned_cost = events * (fee + venue * days) + events * places * (cost + materials),
 * with days = half_days / 2, rounded half up to the penny, exactly. */
gint64   cm_budget_planned_cost (const CmBudgetCommission *commission);

/* split(c,s): the fixed amount, or round_half_up(planned * percent_bp / 10000). */
gint64   cm_budget_split_value  (const CmBudgetSplit *split,
                                 gint64               planned_pence);

/* Shares @amount_pence across @n_shares streams in proportion to their
 * weights by the largest-remainder method: each part is the floor of its
 * exact share, and the pennies left over go one each to the largest
 * remainders, ties to the lower stream code (strcmp). A negative amount
 * (a credit) is shared as its absolute value and negated. The parts, written
 * to @out_parts (n_shares long, same order), always add up to the amount.
 * Returns FALSE, with every part 0, when the weights add up to 0 (the
 * transaction is then Unallocated). */
gboolean cm_budget_attribute    (gint64               amount_pence,
                                 const CmBudgetShare *shares,
                                 guint                n_shares,
                                 gint64              *out_parts);

/* A percentage in basis points as a plain number, the same in every
 * locale: 5000 -> "50", 3333 -> "33.33", 1250 -> "12.5". */
char    *cm_budget_format_percent (gint64 bp);

/* Whether a commission of @category (NULL = no competency) may be funded
 * from @stream under its eligible categories. A stream without a category
 * list takes any commission; a stream with one takes only those categories,
 * and (ring-fenced only) never a commission without a competency, since its
 * eligibility could not be shown on the grant return. */
gboolean cm_budget_is_eligible  (const CmBudgetStream *stream,
                                 const char           *category);

/* ------------------------------------------------------------------ */
/* Streams                                                             */
/* ------------------------------------------------------------------ */

/* The streams of financial year @year (0: every year), by code. */
GPtrArray      *cm_budget_list_streams  (CmDb                  *db,
                                         int                    year,
                                         GError               **error);
/* One stream by id; CM_BUDGET_ERROR_NOT_FOUND when there is none. */
CmBudgetStream *cm_budget_get_stream    (CmDb                  *db,
                                         gint64                 id,
                                         GError               **error);
/* Inserts (id 0: the new id is written back) or updates the stream and
 * replaces its eligible categories, in one transaction. A non-zero id that
 * no longer exists is inserted again with that id (undoing a delete). */
gboolean        cm_budget_save_stream   (CmDb                  *db,
                                         CmBudgetStream        *stream,
                                         GError               **error);
/* Deletes a stream; CM_BUDGET_ERROR_IN_USE while splits or spend name it. */
gboolean        cm_budget_delete_stream (CmDb                  *db,
                                         gint64                 id,
                                         GError               **error);
/* Starts @to_year's streams from @from_year's, with allocations of 0;
 * codes @to_year already has are left alone. @out_copied and
 * @out_skipped (of char *) get the codes of each. */
gboolean        cm_budget_copy_streams  (CmDb                  *db,
                                         int                    from_year,
                                         int                    to_year,
                                         GPtrArray            **out_copied,
                                         GPtrArray            **out_skipped,
                                         GError               **error);
/* The latest year before @year that has streams, or 0. */
gboolean        cm_budget_previous_stream_year (CmDb           *db,
                                                int             year,
                                                int            *out_year,
                                                GError        **error);

/* ------------------------------------------------------------------ */
/* Commissions and splits                                              */
/* ------------------------------------------------------------------ */

/* The commissions of cycles in financial year @year (0: every year), by
 * code, each with its splits and the read-only figures filled in. */
GPtrArray          *cm_budget_list_commissions      (CmDb                      *db,
                                                     int                        year,
                                                     GError                   **error);
/* One commission by id with splits and figures; CM_BUDGET_ERROR_NOT_FOUND. */
CmBudgetCommission *cm_budget_get_commission        (CmDb                      *db,
                                                     gint64                     id,
                                                     GError                   **error);
/* Inserts or updates the commission AND replaces its splits with
 * @commission->splits, in one transaction (id handling as for streams).
 * On success the struct is refreshed from the database: read-only fields
 * filled, and @commission->splits replaced by a new array (pointers into
 * the old one are no longer valid). On failure nothing is written and
 * the struct is left as it was. */
gboolean            cm_budget_save_commission       (CmDb                      *db,
                                                     CmBudgetCommission        *commission,
                                                     GError                   **error);
/* Deletes a commission and its splits; its transactions stay, unlinked. */
gboolean            cm_budget_delete_commission     (CmDb                      *db,
                                                     gint64                     id,
                                                     GError                   **error);
/* Changes only the status (a CM_DOMAIN_COMMISSION_STATUS id). */
gboolean            cm_budget_set_commission_status (CmDb                      *db,
                                                     gint64                     id,
                                                     const char                *status,
                                                     GError                   **error);
/* Inserts or replaces the one split of split->commission_id on its stream. */
gboolean            cm_budget_save_split            (CmDb                      *db,
                                                     const CmBudgetSplit       *split,
                                                     GError                   **error);
/* Removes a split; removing one that does not exist is not an error. */
gboolean            cm_budget_delete_split          (CmDb                      *db,
                                                     gint64                     commission_id,
                                                     gint64                     stream_id,
                                                     GError                   **error);

/* ------------------------------------------------------------------ */
/* Spend                                                               */
/* ------------------------------------------------------------------ */

/* The transactions of year @year (0: all): those dated in that financial
 * year and those attributed (wholly or in part) to one of its streams,
 * by date then reference. */
GPtrArray           *cm_budget_list_transactions  (CmDb                       *db,
                                                   int                         year,
                                                   GError                    **error);
/* One transaction by id; CM_BUDGET_ERROR_NOT_FOUND when there is none. */
CmBudgetTransaction *cm_budget_get_transaction    (CmDb                       *db,
                                                   gint64                      id,
                                                   GError                    **error);
/* Inserts or updates a transaction (id handling as for streams). */
gboolean             cm_budget_save_transaction   (CmDb                       *db,
                                                   CmBudgetTransaction        *transaction,
                                                   GError                    **error);
/* Deletes a transaction. */
gboolean             cm_budget_delete_transaction (CmDb                       *db,
                                                   gint64                      id,
                                                   GError                    **error);

/* Every attributed part for year @year, by date, reference, stream code:
 * each part given to a stream of that year (whatever its date: quarter 0
 * when outside the year), and the Unallocated parts (stream NULL) of
 * transactions dated in the year. Σ over a stream = its Actual. */
GPtrArray *cm_budget_list_parts                (CmDb    *db,
                                                int      year,
                                                GError **error);
/* The year's transactions (as cm_budget_list_transactions(), or only
 * @transaction_id when it is not 0) and, in @out_parts, each one's parts of
 * the year keyed by its id: one pass, for the spend list. */
GPtrArray *cm_budget_list_ledger               (CmDb        *db,
                                                int          year,
                                                gint64       transaction_id,
                                                GHashTable **out_parts,
                                                GError     **error);
/* Every attributed part of one commission's transactions (any year; the
 * quarter is that of the date's own financial year), for its ledger. */
GPtrArray *cm_budget_list_parts_for_commission (CmDb    *db,
                                                gint64   commission_id,
                                                GError **error);

/* ------------------------------------------------------------------ */
/* Figures and warnings                                                */
/* ------------------------------------------------------------------ */

/* The per-stream figures (docs/figures.md, "The figures of a stream")
 * for the streams of @year, the
 * totals row, the unallocated spend and the quarterly actuals. */
CmBudgetSummary *cm_budget_summary  (CmDb         *db,
                                     int           year,
                                     GError      **error);

/* The warnings for @year as of @today, ordered by kind (in the order of
 * the list above) then subject:
 *  over-committed           stream: Forecast > Allocation
 *  over-proposed            stream: Forecast <= Allocation < Forecast + Proposed
 *  spend-before-approval    commission of the year, proposed, with spend
 *  ineligible-split         commission: split onto a stream of the year
 *                           for which cm_budget_is_eligible() is FALSE
 *  pvi-share-below-minimum  stream with a minimum and committed funding:
 *                           planned PVI % < minimum
 *  unfunded                 commission of the year, approved, contracted
 *                           or delivered, Unfunded > 0
 *  over-funded              commission of the year, not cancelled, Unfunded < 0
 *  underspend-risk          stream: @today >= expiry − 90 days and
 *                           Forecast < 90% of Allocation; a stream without
 *                           an expiry must be spent by the end of its year
 *  spend-outside-stream-year transaction attributed to a stream of the year,
 *                           dated outside that year (one per stream)
 *  unallocated-spend        transaction dated in the year with a part
 *                           attributed to no stream */
GPtrArray       *cm_budget_warnings (CmDb         *db,
                                     int           year,
                                     const GDate  *today,
                                     GError      **error);
gboolean         cm_budget_summary_and_warnings (CmDb             *db,
                                                 int               year,
                                                 const GDate      *today,
                                                 CmBudgetSummary **out_summary,
                                                 GPtrArray       **out_warnings,
                                                 GError          **error);

/* ------------------------------------------------------------------ */
/* Suggest funding                                                     */
/* ------------------------------------------------------------------ */

/* Proposes fixed-amount splits from the streams of @year for the
 * commissions in @commission_ids (in that order) that are not fully funded
 * and not cancelled, without writing anything. For each commission the
 * unfunded amount is taken from the streams in order of earliest expiry
 * (no expiry = the end of the year), then ring-fenced before unrestricted
 * money (which can fund anything later), then code, skipping streams that
 * have expired before @today, for which the commission is not eligible
 * (cm_budget_is_eligible()), or that have nothing Available left (after
 * the earlier lines of this proposal). From a stream with a PVI minimum, at
 * most the amount that keeps the stream's planned PVI % (counting this
 * proposal as committed) at or above the minimum is taken. The proposal,
 * of CmBudgetProposal, may be empty or leave a commission part-funded.
 * @out_outcomes (nullable) receives a CmBudgetFundingOutcome for each
 * commission that is not cancelled, in the same order: what each stream of
 * the year gives it and why, and what stays unfunded. */
gboolean cm_budget_suggest_funding (CmDb          *db,
                                    int            year,
                                    const gint64  *commission_ids,
                                    guint          n_commission_ids,
                                    const GDate   *today,
                                    GPtrArray    **out_proposal,
                                    GPtrArray    **out_outcomes,
                                    GError       **error);

/* Applies a proposal (possibly edited by the user) in one transaction: a
 * line adds its amount to the commission's split on that stream, turning a
 * percent split into the fixed amount it came to plus the addition. */
gboolean cm_budget_apply_proposal  (CmDb          *db,
                                    GPtrArray     *proposal,
                                    GError       **error);

G_END_DECLS
