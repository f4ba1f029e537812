/* cm-budget-private.h
 *
 * Shared between the cm-budget*.c modules; not for the GUI.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cm-budget.h"

G_BEGIN_DECLS

/* Every stream and commission (with splits and their values), which is
 * what attributing any transaction needs. Small next to the spend. */
typedef struct
{
  GPtrArray  *streams;            /* of CmBudgetStream, by code */
  GHashTable *streams_by_id;      /* &id -> CmBudgetStream (borrowed) */
  GPtrArray  *commissions;        /* of CmBudgetCommission, by code */
  GHashTable *commissions_by_id;  /* &id -> CmBudgetCommission (borrowed) */
} CmBudgetModel;

/* One attributed part: stream NULL = Unallocated. */
typedef struct
{
  const CmBudgetStream *stream;
  gint64                amount_pence;
} CmBudgetAttribution;

/* One commission's money on one stream: what the figures that depend on
 * its status are made of. */
typedef struct
{
  const CmBudgetCommission *commission;
  guint                     index;     /* in the model's commissions */
  const CmBudgetSplit      *split;     /* NULL: spend but no split here */
  gint64                    actual;    /* actual(c,s) */
  const struct _CmAttendance *attended;  /* NULL: none recorded */
} CmBudgetEntry;

/* One stream of the year: its spend and the commissions on it. */
typedef struct
{
  const CmBudgetStream *stream;
  CmBudgetFigures      *figures;               /* the spend figures: actual, quarters */
  GHashTable           *actual_by_commission;  /* &id -> gint64 *, both owned; only while read */
  gint64                no_commission_pence;
  GArray               *entries;               /* of CmBudgetEntry: splits by commission
                                                * code, then spend without a split */
} CmBudgetRow;

/* A year's figures and parts, computed in one pass over the spend. */
typedef struct
{
  CmBudgetModel   *model;
  CmBudgetSummary *summary;
  GPtrArray       *parts;       /* of CmBudgetPart, as cm_budget_list_parts() */
  GArray          *rows;        /* of CmBudgetRow, as summary->streams */
  GHashTable      *attendance;  /* as cm_evaluation_attendance() */
} CmBudgetYear;

CmBudgetModel *cm_budget_model_load          (CmDb                       *db,
                                              GError                    **error);
void           cm_budget_model_free          (CmBudgetModel              *model);
GArray        *cm_budget_model_attribute     (CmBudgetModel              *model,
                                              const CmBudgetTransaction  *transaction);
const CmBudgetStream *cm_budget_model_find_stream (CmBudgetModel         *model,
                                                   gint64                 id);
CmBudgetCommission   *cm_budget_model_find_commission (CmBudgetModel     *model,
                                                       gint64             id);

/* Transactions whose date is in @year, or that name a stream of @year, or
 * whose commission has a split on one (a superset of the year's spend);
 * every transaction when @year is 0. With @commission_id, only its own;
 * with @transaction_id, only that one. */
GPtrArray     *cm_budget_load_transactions   (CmDb                       *db,
                                              int                         year,
                                              gint64                      commission_id,
                                              gint64                      transaction_id,
                                              GError                    **error);

GArray        *cm_budget_load_spend          (CmDb                       *db,
                                              int                         year,
                                              GError                    **error);

/* The year's figures; with @with_parts also every attributed part (the
 * ledger's rows), which costs a copy of each transaction's text. Without,
 * the parts are only those a warning is about (unallocated, or dated
 * outside the stream's year), and they carry no text: no supplier,
 * reference or codes. */
CmBudgetYear  *cm_budget_year_compute        (CmDb                       *db,
                                              int                         year,
                                              gboolean                    with_parts,
                                              GError                    **error);
void           cm_budget_year_free           (CmBudgetYear               *state);
CmBudgetSummary *cm_budget_year_figures      (CmBudgetYear               *state,
                                              const char * const         *statuses,
                                              const gint64               *allocations);

/* Appends the warnings a stream's figures raise (over-committed,
 * over-proposed, PVI share below minimum, underspend risk), and sorts a
 * list of warnings into the order cm_budget_warnings() gives. */
void           cm_budget_check_stream        (GPtrArray                  *warnings,
                                              const CmBudgetFigures      *figures,
                                              const GDate                *today,
                                              int                         year);
void           cm_budget_sort_warnings       (GPtrArray                  *warnings);

gboolean       cm_budget_save_commission_in_transaction (CmDb               *db,
                                                         CmBudgetCommission *commission,
                                                         GError            **error);
gboolean       cm_budget_status_is_committed (const char                 *status);
gint64         cm_budget_pvi_bp              (long double                 numerator,
                                              long double                 denominator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmBudgetModel, cm_budget_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmBudgetYear, cm_budget_year_free)

G_END_DECLS
