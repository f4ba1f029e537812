/* test-evaluation.c
 *
 * The evaluation tracker on a scenario worked out by hand: bookings and
 * the waiting list, fill and DNA rates, cost per attendee, the attended
 * PVI share and the budget's Actual PVI %, DNA charges, feedback averages
 * and uplift, follow-up due dates and what is null (docs/figures.md,
 * "Evaluation" and "DNA charges").
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cm-db-private.h"
#include "cm-audit.h"
#include "cm-budget.h"
#include "cm-catalogue.h"
#include "cm-db.h"
#include "cm-demo.h"
#include "cm-evaluation.h"
#include "cm-needs.h"
#include "cm-fiscal.h"
#include "cm-import.h"
#include "cm-retention.h"

#include "cm-test-util.h"

typedef struct
{
  char *dir;
  CmDb *db;
} Fixture;

/*
 * Three organisations (1 statutory, 2 private, 3 voluntary), one stream
 * LSCB 2010 paying all of commission 1 (SG-A, one day, 2010 H1), which
 * has £1,000.00 of invoices; event 1 on 15 Jun 2010 with 4 places, and
 * event 2 with none. Learners 1–6: 1, 4 and 6 statutory, 2 and 5
 * private, 3 voluntary.
 */
static const char scenario[] =
  "INSERT INTO organisations (id, name, kind) VALUES (1, 'Council', 'statutory'),"
  "  (2, 'Little Acorns', 'private'), (3, 'Family Centre', 'voluntary');"
  "INSERT INTO staff_groups (id, name, organisation_id, sector, headcount) VALUES"
  "  (1, 'Social workers', 1, 'social-care', 10), (2, 'Nursery staff', 2, 'early-years', 10),"
  "  (3, 'Family workers', 3, 'family-support', 10);"
  "INSERT INTO streams (id, code, name, funder, year, allocation_pence) VALUES (1, 'LSCB', 'LSCB', 'LSCB', 2010, 1000000);"
  "INSERT INTO commissions (id, code, title, competency_id, year, half, status, events, half_days, places)"
  "  VALUES (1, 'C1', 'Level A', (SELECT id FROM competencies WHERE code = 'SG-A'), 2010, 1, 'delivered', 1, 2, 4),"
  "         (2, 'C2', 'Level B', NULL, 2010, 1, 'contracted', 1, 1, 0);"
  "INSERT INTO splits (commission_id, stream_id, amount_pence) VALUES (1, 1, 100000);"
  "INSERT INTO transactions (date, amount_pence, commission_id, supplier, reference, kind)"
  "  VALUES ('2010-06-30', 100000, 1, 'Trainer Ltd', 'INV-1', 'invoice');"
  "INSERT INTO events (id, code, commission_id, date, venue, places) VALUES"
  "  (1, 'E1', 1, '2010-06-15', 'Hall', 4), (2, 'E2', 2, '2010-07-01', 'Hall', 0);"
  "INSERT INTO learners (id, ref, organisation_id, staff_group_id) VALUES"
  "  (1, 'L1', 1, 1), (2, 'L2', 2, 2), (3, 'L3', 3, 3), (4, 'L4', 1, 1), (5, 'L5', 2, 2), (6, 'L6', 1, 1);";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("cm-test-evaluation-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "evaluation.db", NULL);
  fixture->db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_catalogue_install (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (fixture->db, scenario, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  cm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
assert_text (CmDb       *db,
             const char *sql,
             const char *expected)
{
  g_autofree char *text = cm_test_query_text (db, sql);

  g_assert_cmpstr (text, ==, expected);
}

static void
set_today (GDate      *date,
           const char *iso)
{
  g_date_clear (date, 1);
  g_assert_true (cm_fiscal_parse_date (iso, date, NULL));
}

static void
book (Fixture    *fixture,
      gint64      learner_id,
      const char *expected_status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  g_assert_true (cm_evaluation_book (fixture->db, 1, learner_id, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (status, ==, expected_status);
}

static void
set_status (Fixture    *fixture,
            gint64      learner_id,
            const char *status,
            gint64      expected_promoted)
{
  g_autoptr(GError) error = NULL;
  gint64 promoted = -1;

  g_assert_true (cm_evaluation_set_status (fixture->db, 1, learner_id, status, &promoted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (promoted, ==, expected_promoted);
}

/* L1, L3 and L5 attend, L4 does not come, L2 cancels (L5 takes the
 * place) and L6 stays on the waiting list. */
static void
record_attendance (Fixture *fixture)
{
  book (fixture, 1, "booked");
  book (fixture, 2, "booked");
  book (fixture, 3, "booked");
  book (fixture, 4, "booked");
  book (fixture, 5, "waitlist");
  book (fixture, 6, "waitlist");

  set_status (fixture, 2, "cancelled", 5);
  set_status (fixture, 1, "attended", 0);
  set_status (fixture, 3, "attended", 0);
  set_status (fixture, 4, "dna", 0);
  set_status (fixture, 5, "attended", 0);
}

static CmEvaluationReport *
report (Fixture              *fixture,
        CmEvaluationGrouping  grouping,
        const char           *today_iso)
{
  g_autoptr(GError) error = NULL;
  CmEvaluationReport *result;
  GDate today;

  set_today (&today, today_iso);
  result = cm_evaluation_report (fixture->db, 2010, 0, grouping, &today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
assert_measure (const CmEvaluationFigures *figures,
                CmEvaluationMeasure        measure,
                gint64                     expected)
{
  gint64 value = G_MININT64;

  g_assert_true (cm_evaluation_ratio (figures, measure, &value));
  g_assert_cmpint (value, ==, expected);
}

static void
assert_null (const CmEvaluationFigures *figures,
             CmEvaluationMeasure        measure)
{
  gint64 value = 0;

  g_assert_false (cm_evaluation_ratio (figures, measure, &value));
}

static void
test_evaluation_round (void)
{
  gint64 value = 0;

  g_assert_true (cm_evaluation_round_div (200000, 3, &value));
  g_assert_cmpint (value, ==, 66667);
  g_assert_true (cm_evaluation_round_div (1, 2, &value));
  g_assert_cmpint (value, ==, 1);
  /* Half up also below zero: −0.5 → 0 and −1.5 → −1. */
  g_assert_true (cm_evaluation_round_div (-1, 2, &value));
  g_assert_cmpint (value, ==, 0);
  g_assert_true (cm_evaluation_round_div (-3, 2, &value));
  g_assert_cmpint (value, ==, -1);
  g_assert_true (cm_evaluation_round_div (-91000, 3, &value));
  g_assert_cmpint (value, ==, -30333);
  g_assert_false (cm_evaluation_round_div (5, 0, &value));
}

static void
test_evaluation_waiting_list (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  const CmEvent *event;

  record_attendance (fixture);

  /* Booking the same learner twice is refused. */
  g_assert_false (cm_evaluation_book (fixture->db, 1, 1, NULL, &error));
  g_assert_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_DUPLICATE);
  g_clear_error (&error);

  bookings = cm_evaluation_list_bookings (fixture->db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->len, ==, 6);
  /* Everyone booked by ref, then the waiting list. */
  g_assert_cmpstr (((CmBooking *) bookings->pdata[0])->learner_ref, ==, "L1");
  g_assert_cmpstr (((CmBooking *) bookings->pdata[1])->status, ==, "cancelled");
  g_assert_cmpstr (((CmBooking *) bookings->pdata[4])->status, ==, "attended");
  g_assert_cmpstr (((CmBooking *) bookings->pdata[5])->learner_ref, ==, "L6");
  g_assert_cmpstr (((CmBooking *) bookings->pdata[5])->status, ==, "waitlist");

  events = cm_evaluation_list_events (fixture->db, 2010, 1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  event = events->pdata[0];
  g_assert_cmpstr (event->code, ==, "E1");
  g_assert_cmpint (event->attended, ==, 3);
  g_assert_cmpint (event->dna, ==, 1);
  g_assert_cmpint (event->cancelled, ==, 1);
  g_assert_cmpint (event->waitlist, ==, 1);

  /* A late cancellation frees L4's place: L6 is offered it. */
  set_status (fixture, 4, "late-cancel", 6);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM bookings WHERE status = 'waitlist'"), ==, 0);
  assert_text (fixture->db, "SELECT status FROM bookings WHERE learner_id = 6", "booked");

  /* Nobody left waiting: nobody promoted. */
  set_status (fixture, 6, "cancelled", 0);

  g_assert_false (cm_evaluation_set_status (fixture->db, 1, 1, "absent", NULL, &error));
  g_assert_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID);
}

static void
test_evaluation_rates (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CmEvaluationReport) by_commission = NULL;
  g_autoptr(CmEvaluationReport) by_kind = NULL;
  g_autoptr(CmBudgetSummary) summary = NULL;
  g_autoptr(CmChargePolicy) policy = g_new0 (CmChargePolicy, 1);
  g_autoptr(GError) error = NULL;
  const char *kinds[] = { "statutory", "private", NULL };
  const CmEvaluationFigures *c1;
  const CmEvaluationFigures *c2;
  const CmBudgetFigures *lscb;

  record_attendance (fixture);

  /* L4's DNA is charged £90.00 (a one-day event). */
  policy->enabled = TRUE;
  policy->half_day_pence = 5000;
  policy->full_day_pence = 9000;
  policy->kinds = g_strdupv ((char **) kinds);
  g_assert_true (cm_evaluation_set_charge_policy (fixture->db, policy, &error));
  g_assert_no_error (error);

  by_commission = report (fixture, CM_EVALUATION_BY_COMMISSION, "2011-03-31");
  g_assert_cmpuint (by_commission->rows->len, ==, 2);
  c1 = by_commission->rows->pdata[0];
  c2 = by_commission->rows->pdata[1];
  g_assert_cmpstr (c1->key, ==, "C1");
  g_assert_cmpint (c1->events, ==, 1);
  g_assert_cmpint (c1->places, ==, 4);
  g_assert_cmpint (c1->booked, ==, 0);
  g_assert_cmpint (c1->attended, ==, 3);
  g_assert_cmpint (c1->dna, ==, 1);
  g_assert_cmpint (c1->cancelled, ==, 1);
  g_assert_cmpint (c1->waitlist, ==, 1);
  /* Fill 3/4; DNA 1/(3 + 1); PVI 2 of 3 (L3 voluntary, L5 private). */
  assert_measure (c1, CM_EVALUATION_FILL_PERCENT, 7500);
  assert_measure (c1, CM_EVALUATION_DNA_PERCENT, 2500);
  assert_measure (c1, CM_EVALUATION_ATTENDED_PVI_PERCENT, 6667);
  /* (£1,000.00 − £90.00) / 3 = £303.333… → £303.33. */
  g_assert_cmpint (c1->actual_pence, ==, 91000);
  assert_measure (c1, CM_EVALUATION_COST_PER_ATTENDEE, 30333);

  /* C2: no places, no bookings, no spend: every rate is null. */
  g_assert_cmpstr (c2->key, ==, "C2");
  assert_null (c2, CM_EVALUATION_FILL_PERCENT);
  assert_null (c2, CM_EVALUATION_DNA_PERCENT);
  assert_null (c2, CM_EVALUATION_COST_PER_ATTENDEE);
  assert_null (c2, CM_EVALUATION_ATTENDED_PVI_PERCENT);
  assert_null (c2, CM_EVALUATION_RESPONSE_PERCENT);
  assert_null (c2, CM_EVALUATION_UPLIFT);
  assert_null (c2, CM_EVALUATION_APPLIED_AVERAGE);

  /* Totals: places 4 + 0. */
  g_assert_cmpint (by_commission->totals->places, ==, 4);
  g_assert_cmpint (by_commission->totals->events, ==, 2);
  assert_measure (by_commission->totals, CM_EVALUATION_FILL_PERCENT, 7500);
  assert_measure (by_commission->totals, CM_EVALUATION_COST_PER_ATTENDEE, 30333);

  /* By organisation kind: statutory L1 attended, L4 DNA, L6 waiting. */
  by_kind = report (fixture, CM_EVALUATION_BY_ORGANISATION_KIND, "2011-03-31");
  g_assert_cmpuint (by_kind->rows->len, ==, 3);
  g_assert_cmpstr (((CmEvaluationFigures *) by_kind->rows->pdata[2])->key, ==, "voluntary");
  c1 = by_kind->rows->pdata[1];
  g_assert_cmpstr (c1->key, ==, "statutory");
  g_assert_cmpint (c1->attended, ==, 1);
  g_assert_cmpint (c1->dna, ==, 1);
  assert_measure (c1, CM_EVALUATION_DNA_PERCENT, 5000);
  assert_null (c1, CM_EVALUATION_FILL_PERCENT);
  assert_null (c1, CM_EVALUATION_COST_PER_ATTENDEE);

  /* By competency: C1's SG-A, then C2 without one, last. */
  {
    g_autoptr(CmEvaluationReport) by_competency = report (fixture, CM_EVALUATION_BY_COMPETENCY, "2011-03-31");
    g_autoptr(CmEvaluationReport) by_sector = report (fixture, CM_EVALUATION_BY_SECTOR, "2011-03-31");
    const CmEvaluationFigures *row;

    g_assert_cmpuint (by_competency->rows->len, ==, 2);
    row = by_competency->rows->pdata[0];
    g_assert_cmpstr (row->key, ==, "SG-A");
    g_assert_cmpint (row->places, ==, 4);
    assert_measure (row, CM_EVALUATION_COST_PER_ATTENDEE, 30333);
    row = by_competency->rows->pdata[1];
    g_assert_null (row->key);
    g_assert_cmpint (row->events, ==, 1);

    /* By sector: L2 (cancelled) and L5 in early years, L3 in family
     * support, L1, L4 and L6 in social care. */
    g_assert_cmpuint (by_sector->rows->len, ==, 3);
    row = by_sector->rows->pdata[0];
    g_assert_cmpstr (row->key, ==, "early-years");
    g_assert_cmpint (row->attended, ==, 1);
    g_assert_cmpint (row->cancelled, ==, 1);
    assert_measure (row, CM_EVALUATION_ATTENDED_PVI_PERCENT, 10000);
    row = by_sector->rows->pdata[2];
    g_assert_cmpstr (row->key, ==, "social-care");
    g_assert_cmpint (row->waitlist, ==, 1);
    assert_measure (row, CM_EVALUATION_DNA_PERCENT, 5000);
    assert_measure (row, CM_EVALUATION_ATTENDED_PVI_PERCENT, 0);
    g_assert_cmpint (by_sector->totals->places, ==, 4);
  }

  /* The budget's Actual PVI % of LSCB: £910.00 × 2/3 / £910.00. */
  summary = cm_budget_summary (fixture->db, 2010, &error);
  g_assert_no_error (error);
  lscb = summary->streams->pdata[0];
  g_assert_cmpstr (lscb->code, ==, "LSCB");
  g_assert_cmpint (lscb->actual_pence, ==, 91000);
  g_assert_cmpint (lscb->actual_pvi_bp, ==, 6667);
}

static void
test_evaluation_charges (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CmChargePolicy) policy = g_new0 (CmChargePolicy, 1);
  g_autoptr(CmChargePolicy) stored = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) error = NULL;
  const char *kinds[] = { "statutory", "private", NULL };
  const char *bad_kinds[] = { "charity", NULL };
  const char *count_sql = "SELECT count(*) FROM transactions WHERE kind = 'charge-income'";

  /* With no policy, nothing is charged. */
  record_attendance (fixture);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, count_sql), ==, 0);

  policy->enabled = TRUE;
  policy->half_day_pence = 5000;
  policy->full_day_pence = 9000;
  policy->kinds = g_strdupv ((char **) kinds);
  g_assert_true (cm_evaluation_set_charge_policy (fixture->db, policy, &error));
  g_assert_no_error (error);

  stored = cm_evaluation_get_charge_policy (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_true (stored->enabled);
  g_assert_cmpint (stored->full_day_pence, ==, 9000);
  g_assert_cmpstrv (stored->kinds, kinds);

  /* One line for L4's DNA, keyed by organisation and reference. */
  g_assert_cmpint (cm_test_query_int64 (fixture->db, count_sql), ==, 1);
  assert_text (fixture->db,
               "SELECT supplier || '|' || reference || '|' || amount_pence || '|'"
               "       || date || '|' || commission_id || '|' || (stream_id IS NULL)"
               "  FROM transactions WHERE kind = 'charge-income'",
               "Council|DNA-E1-L4|-9000|2010-06-15|1|1");
  bookings = cm_evaluation_list_bookings (fixture->db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((CmBooking *) bookings->pdata[3])->charge_pence, ==, -9000);
  g_assert_cmpint (((CmBooking *) bookings->pdata[0])->charge_pence, ==, 0);

  /* Setting the same status again, or the policy again, never duplicates. */
  set_status (fixture, 4, "dna", 0);
  g_assert_true (cm_evaluation_set_charge_policy (fixture->db, policy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, count_sql), ==, 1);

  /* L4 did come after all: the charge goes. */
  set_status (fixture, 4, "attended", 0);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, count_sql), ==, 0);

  /* A late cancellation is charged as well, and L6 takes the place. */
  set_status (fixture, 4, "late-cancel", 6);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT sum(amount_pence) FROM transactions WHERE kind = 'charge-income'"),
                   ==, -9000);

  /* The council is renamed: saving L4's status again moves the line to
   * the new name rather than adding a second. */
  g_assert_true (cm_db_exec (fixture->db, "UPDATE organisations SET name = 'City Council' WHERE id = 1", &error));
  set_status (fixture, 4, "late-cancel", 0);
  assert_text (fixture->db,
               "SELECT group_concat (supplier || ':' || reference) FROM transactions WHERE kind = 'charge-income'",
               "City Council:DNA-E1-L4");

  /* L5 (private) does not come: on a half-day event, £50.00. */
  g_assert_true (cm_db_exec (fixture->db, "UPDATE commissions SET half_days = 1 WHERE id = 1", &error));
  set_status (fixture, 5, "dna", 0);
  g_assert_cmpint (cm_test_query_int64 (fixture->db,
                                        "SELECT amount_pence FROM transactions WHERE reference = 'DNA-E1-L5'"),
                   ==, -5000);

  /* Private no longer charged: the policy takes L5's line away and
   * brings L4's to the half-day amount. */
  g_strfreev (policy->kinds);
  policy->kinds = g_strdupv ((char **) (const char *[]) { "statutory", NULL });
  g_assert_true (cm_evaluation_set_charge_policy (fixture->db, policy, &error));
  g_assert_no_error (error);
  assert_text (fixture->db,
               "SELECT group_concat (reference || ':' || amount_pence) FROM transactions"
               " WHERE kind = 'charge-income'",
               "DNA-E1-L4:-5000");

  /* The event is renamed and moved: its charge follows, still one line. */
  {
    g_autoptr(GPtrArray) events = cm_evaluation_list_events (fixture->db, 2010, 0, 1, &error);
    CmEvent *event;

    g_assert_no_error (error);
    event = events->pdata[0];
    g_free (event->code);
    event->code = g_strdup ("E1B");
    g_date_set_dmy (&event->date, 2, G_DATE_JULY, 2010);
    g_assert_true (cm_evaluation_save_event (fixture->db, event, &error));
    g_assert_no_error (error);
    assert_text (fixture->db,
                 "SELECT group_concat (reference || ':' || amount_pence || ':' || date) FROM transactions"
                 " WHERE kind = 'charge-income'",
                 "DNA-E1B-L4:-5000:2010-07-02");
  }

  /* Off: no charges at all. */
  policy->enabled = FALSE;
  g_assert_true (cm_evaluation_set_charge_policy (fixture->db, policy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, count_sql), ==, 0);

  /* A kind that does not exist is refused, and nothing changes. */
  g_strfreev (policy->kinds);
  policy->kinds = g_strdupv ((char **) bad_kinds);
  policy->enabled = TRUE;
  g_assert_false (cm_evaluation_set_charge_policy (fixture->db, policy, &error));
  g_assert_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "charity"));
  g_clear_pointer (&stored, cm_charge_policy_free);
  stored = cm_evaluation_get_charge_policy (fixture->db, NULL);
  g_assert_false (stored->enabled);
}

static void
save_form (Fixture *fixture,
           gint64   learner_id,
           int      content,
           int      trainer,
           int      venue,
           int      relevance,
           int      before,
           int      after)
{
  g_autoptr(GError) error = NULL;
  CmFeedback form = { 0, 1, learner_id, content, trainer, venue, relevance, before, after };

  g_assert_true (cm_evaluation_save_feedback (fixture->db, &form, &error));
  g_assert_no_error (error);
  g_assert_cmpint (form.id, >, 0);
}

static void
test_evaluation_feedback (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CmEvaluationReport) result = NULL;
  g_autoptr(GError) error = NULL;
  CmFeedback bad = { 0, 1, 3, 4, 4, 6, 4, 2, 3 };
  const CmEvaluationFigures *c1;

  record_attendance (fixture);

  save_form (fixture, 1, 5, 4, 3, 5, 2, 4);
  save_form (fixture, 3, 4, 4, 2, 4, 3, 2);
  /* An anonymous form. */
  save_form (fixture, 0, 3, 5, 4, 4, 1, 5);
  /* L1 hands in a corrected form: it replaces the first. */
  save_form (fixture, 1, 5, 4, 3, 5, 2, 4);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM feedback"), ==, 3);

  /* A venue rating of 6 is refused and nothing is written. */
  g_assert_false (cm_evaluation_save_feedback (fixture->db, &bad, &error));
  g_assert_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Venue"));
  g_assert_nonnull (strstr (error->message, "6"));
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM feedback"), ==, 3);

  result = report (fixture, CM_EVALUATION_BY_COMMISSION, "2011-03-31");
  c1 = result->rows->pdata[0];
  g_assert_cmpint (c1->responses, ==, 3);
  /* Content (5 + 4 + 3)/3 = 4.00, trainer 13/3 = 4.33, venue 9/3 = 3.00,
   * relevance 13/3 = 4.33, before 6/3 = 2.00, after 11/3 = 3.67,
   * uplift (11 − 6)/3 = 1.67; confident: 4 and 5 of 3 forms = 66.67%. */
  assert_measure (c1, CM_EVALUATION_CONTENT, 400);
  assert_measure (c1, CM_EVALUATION_TRAINER, 433);
  assert_measure (c1, CM_EVALUATION_VENUE, 300);
  assert_measure (c1, CM_EVALUATION_RELEVANCE, 433);
  assert_measure (c1, CM_EVALUATION_CONFIDENCE_BEFORE, 200);
  assert_measure (c1, CM_EVALUATION_CONFIDENCE_AFTER, 367);
  assert_measure (c1, CM_EVALUATION_UPLIFT, 167);
  assert_measure (c1, CM_EVALUATION_REACHING_CONFIDENT_PERCENT, 6667);
  /* 3 forms from 3 attendees. */
  assert_measure (c1, CM_EVALUATION_RESPONSE_PERCENT, 10000);

  /* Confidence that fell: uplift below zero, rounded half up. */
  g_assert_true (cm_db_exec (fixture->db, "UPDATE feedback SET confidence_after = 1", &error));
  g_clear_pointer (&result, cm_evaluation_report_free);
  result = report (fixture, CM_EVALUATION_BY_COMMISSION, "2011-03-31");
  /* (3 − 6)/3 = −1.00 */
  assert_measure (result->rows->pdata[0], CM_EVALUATION_UPLIFT, -100);
  assert_measure (result->rows->pdata[0], CM_EVALUATION_REACHING_CONFIDENT_PERCENT, 0);
}

static void
assert_due (const char *event_iso,
            int         weeks,
            const char *expected_iso)
{
  GDate event;
  GDate due;
  g_autofree char *due_iso = NULL;

  set_today (&event, event_iso);
  cm_evaluation_followup_due (&event, weeks, &due);
  due_iso = cm_fiscal_format_iso (&due);
  g_assert_cmpstr (due_iso, ==, expected_iso);
}

static void
test_evaluation_followups (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GDate done;
  GDate today;

  /* 12 weeks = 84 days, also across the new year. */
  assert_due ("2010-06-15", 12, "2010-09-07");
  assert_due ("2010-11-20", 12, "2011-02-12");
  assert_due ("2010-12-25", 6, "2011-02-05");

  g_assert_cmpint (cm_evaluation_get_followup_weeks (fixture->db, &error), ==, 12);
  record_attendance (fixture);

  set_today (&done, "2010-09-01");
  g_assert_true (cm_evaluation_save_followup (fixture->db, 1, 1, &done, 2, "Uses it", &error));
  g_assert_no_error (error);
  /* Applied 4 is refused; so is a learner not booked. */
  g_assert_false (cm_evaluation_save_followup (fixture->db, 1, 3, &done, 4, NULL, &error));
  g_assert_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID);
  g_clear_error (&error);

  /* Due 7 Sep 2010: not overdue on the day, overdue the day after. */
  {
    g_autoptr(CmEvaluationReport) on_the_day = report (fixture, CM_EVALUATION_BY_COMMISSION, "2010-09-07");
    g_autoptr(CmEvaluationReport) after = report (fixture, CM_EVALUATION_BY_COMMISSION, "2010-09-08");
    const CmEvaluationFigures *c1 = after->rows->pdata[0];

    g_assert_cmpint (((CmEvaluationFigures *) on_the_day->rows->pdata[0])->followups_overdue, ==, 0);
    g_assert_cmpint (c1->followups_done, ==, 1);
    /* L3 and L5 attended and have none; L4's DNA needs none. */
    g_assert_cmpint (c1->followups_overdue, ==, 2);
    assert_measure (c1, CM_EVALUATION_APPLIED_AVERAGE, 200);
  }

  set_today (&today, "2010-09-08");
  rows = cm_evaluation_list_followups (fixture->db, 2010, 1, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_true (((CmFollowup *) rows->pdata[0])->done);
  g_assert_cmpint (((CmFollowup *) rows->pdata[0])->applied, ==, 2);
  g_assert_false (((CmFollowup *) rows->pdata[0])->overdue);
  g_assert_true (((CmFollowup *) rows->pdata[1])->overdue);

  /* Six weeks instead: due 27 Jul 2010. */
  g_assert_true (cm_evaluation_set_followup_weeks (fixture->db, 6, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CmEvaluationReport) six = report (fixture, CM_EVALUATION_BY_COMMISSION, "2010-07-28");

    g_assert_cmpint (((CmEvaluationFigures *) six->rows->pdata[0])->followups_overdue, ==, 2);
  }
  g_assert_false (cm_evaluation_set_followup_weeks (fixture->db, -1, &error));
  g_assert_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID);
}

static void
test_evaluation_edit (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *outcome = NULL;
  CmLearner learner = { 0 };
  CmEvent event = { 0 };

  /* A learner needs only a ref and an organisation. */
  learner.ref = (char *) "  NEW1 ";
  learner.organisation_id = 2;
  learner.name = (char *) "Ann Example";
  g_assert_true (cm_evaluation_save_learner (fixture->db, &learner, &error));
  g_assert_no_error (error);
  found = cm_evaluation_find_learners (fixture->db, "ann", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((CmLearner *) found->pdata[0])->ref, ==, "NEW1");
  g_assert_cmpstr (((CmLearner *) found->pdata[0])->organisation_kind, ==, "private");

  learner.id = 0;
  learner.ref = (char *) "NEW1";
  g_assert_false (cm_evaluation_save_learner (fixture->db, &learner, &error));
  g_assert_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_DUPLICATE);
  g_clear_error (&error);
  learner.ref = (char *) " ";
  g_assert_false (cm_evaluation_save_learner (fixture->db, &learner, &error));
  g_assert_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID);
  g_clear_error (&error);

  event.code = (char *) "E3";
  event.commission_id = 1;
  event.places = 10;
  g_assert_false (cm_evaluation_save_event (fixture->db, &event, &error));
  g_assert_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID);
  g_clear_error (&error);
  set_today (&event.date, "2011-01-10");
  g_assert_true (cm_evaluation_save_event (fixture->db, &event, &error));
  g_assert_no_error (error);
  g_assert_cmpint (event.id, >, 2);

  g_assert_true (cm_evaluation_set_outcome (fixture->db, 1, "More referrals were well evidenced.", &error));
  g_assert_no_error (error);
  outcome = cm_evaluation_get_outcome (fixture->db, 1, &error);
  g_assert_cmpstr (outcome, ==, "More referrals were well evidenced.");
  g_assert_false (cm_evaluation_set_outcome (fixture->db, 99, "x", &error));
  g_assert_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting an event takes its bookings' charges with it. */
  record_attendance (fixture);
  g_assert_true (cm_db_exec (fixture->db,
                             "INSERT INTO settings (key, value) VALUES ('dna_charge_policy',"
                             " 'enabled=1;half_day_pence=5000;full_day_pence=9000;kinds=statutory')",
                             &error));
  set_status (fixture, 4, "dna", 0);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM transactions WHERE kind = 'charge-income'"), ==, 1);
  g_assert_true (cm_evaluation_delete_event (fixture->db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM transactions WHERE kind = 'charge-income'"), ==, 0);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM bookings"), ==, 0);
}

static void
test_evaluation_erase (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CmEvaluationReport) before = NULL;
  g_autoptr(CmEvaluationReport) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = NULL;

  record_attendance (fixture);
  g_assert_true (cm_db_exec (fixture->db,
                             "UPDATE learners SET name = 'Pat Doe', email = 'pat@example.org' WHERE id = 4;"
                             "INSERT INTO settings (key, value) VALUES ('dna_charge_policy',"
                             " 'enabled=1;half_day_pence=5000;full_day_pence=9000;kinds=statutory')",
                             &error));
  set_status (fixture, 4, "dna", 0);
  before = report (fixture, CM_EVALUATION_BY_COMMISSION, "2011-03-31");

  g_assert_true (cm_evaluation_erase_learner (fixture->db, 4, &error));
  g_assert_no_error (error);

  ref = cm_test_query_text (fixture->db, "SELECT ref FROM learners WHERE id = 4");
  g_assert_true (g_str_has_prefix (ref, "erased-"));
  g_assert_cmpint (cm_test_query_int64 (fixture->db,
                                        "SELECT count(*) FROM learners WHERE id = 4 AND name IS NULL AND email IS NULL"
                                        " AND organisation_id = 1 AND staff_group_id = 1"),
                   ==, 1);
  /* The charge keeps its amount and follows the new ref. */
  g_assert_cmpint (cm_test_query_int64 (fixture->db,
                                        "SELECT count(*) FROM transactions WHERE reference LIKE 'DNA-E1-erased-%'"
                                        " AND amount_pence = -9000"),
                   ==, 1);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM transactions WHERE reference = 'DNA-E1-L4'"), ==, 0);

  after = report (fixture, CM_EVALUATION_BY_COMMISSION, "2011-03-31");
  g_assert_cmpint (before->totals->attended, ==, after->totals->attended);
  g_assert_cmpint (before->totals->dna, ==, after->totals->dna);
  g_assert_cmpint (before->totals->attended_pvi, ==, after->totals->attended_pvi);
  g_assert_cmpint (before->totals->actual_pence, ==, after->totals->actual_pence);

  /* Changing the status later finds the renamed charge: no duplicate. */
  set_status (fixture, 4, "attended", 0);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM transactions WHERE kind = 'charge-income'"), ==, 0);

  g_assert_false (cm_evaluation_erase_learner (fixture->db, 99, &error));
  g_assert_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_NOT_FOUND);
}

/* Fill From Attendance writes, on each line of 2010/11 H2 still at 0,
 * the learners of its staff group who attended a course for its
 * competency in H1 (counted here straight from the tables), and leaves a
 * count typed in alone. */
static void
test_evaluation_fill_from_attendance (void)
{
  g_autofree char *dir = cm_test_make_temp_dir ("cm-test-fill-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "f.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = cm_db_open (path, &error);
  g_autofree char *expected = NULL;
  g_autofree char *filled = NULL;
  gint64 kept_id;
  gint64 n_expected;
  guint n_filled = 0;

  g_assert_no_error (error);
  g_assert_true (cm_catalogue_install (db, &error));
  g_assert_true (cm_demo_load (db, &error));
  g_assert_no_error (error);

  g_assert_true (cm_db_exec (db, "UPDATE requirements SET compliant = 0 WHERE year = 2010 AND half = 2", &error));
  kept_id = cm_test_query_int64 (db, "SELECT min (id) FROM requirements WHERE year = 2010 AND half = 2");
  g_assert_true (cm_db_exec (db, "UPDATE requirements SET compliant = 5 WHERE id ="
                                 " (SELECT min (id) FROM requirements WHERE year = 2010 AND half = 2)", &error));

#define ATTENDED \
  "(SELECT count (DISTINCT b.learner_id) FROM bookings b" \
  "   JOIN events e ON e.id = b.event_id JOIN commissions c ON c.id = e.commission_id" \
  "   JOIN learners l ON l.id = b.learner_id" \
  "  WHERE b.status = 'attended' AND c.competency_id = r.competency_id" \
  "    AND l.staff_group_id = r.staff_group_id AND e.date BETWEEN '2010-04-01' AND '2010-09-30')"
  expected = cm_test_query_text (db, "SELECT group_concat (id || '=' || CASE WHEN compliant = 0 THEN " ATTENDED
                                     " ELSE compliant END, ',') FROM (SELECT * FROM requirements r"
                                     " WHERE year = 2010 AND half = 2 ORDER BY id) r");
  n_expected = cm_test_query_int64 (db, "SELECT count (*) FROM requirements r WHERE year = 2010 AND half = 2"
                                        " AND compliant = 0 AND " ATTENDED " > 0");
#undef ATTENDED
  g_assert_cmpint (n_expected, >, 0);

  g_assert_true (cm_needs_fill_from_attendance (db, 2010, 2, &n_filled, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_filled, ==, n_expected);
  filled = cm_test_query_text (db, "SELECT group_concat (id || '=' || compliant, ',') FROM"
                                   " (SELECT * FROM requirements WHERE year = 2010 AND half = 2 ORDER BY id)");
  g_assert_cmpstr (filled, ==, expected);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT compliant FROM requirements WHERE id = (SELECT min (id)"
                                            " FROM requirements WHERE year = 2010 AND half = 2)"), ==, 5);
  g_assert_cmpint (kept_id, >, 0);

  /* Again: nothing left at 0 with attendance behind it. */
  g_assert_true (cm_needs_fill_from_attendance (db, 2010, 2, &n_filled, &error));
  g_assert_cmpuint (n_filled, ==, 0);

  g_clear_object (&db);
  cm_test_remove_tree (dir);
}

/* The audit trail of DNA charges (HACKING.md, "Audit trail"): the
 * charge line a DNA adds, and takes away again, and the policy's amounts. */
static void
test_evaluation_charges_audit (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(CmChargePolicy) policy = g_new0 (CmChargePolicy, 1);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  const char *kinds[] = { "statutory", NULL };
  gint64 charge_id;

  record_attendance (fixture);
  policy->enabled = TRUE;
  policy->half_day_pence = 5000;
  policy->full_day_pence = 9000;
  policy->kinds = g_strdupv ((char **) kinds);
  g_assert_true (cm_evaluation_set_charge_policy (fixture->db, policy, &error));
  g_assert_no_error (error);
  charge_id = cm_test_query_int64 (fixture->db, "SELECT id FROM transactions WHERE kind = 'charge-income'");
  g_assert_cmpint (charge_id, >, 0);

  /* Only the half-day amount changes: one row. */
  policy->half_day_pence = 6000;
  g_assert_true (cm_evaluation_set_charge_policy (fixture->db, policy, &error));
  g_assert_no_error (error);
  assert_text (fixture->db,
               "SELECT group_concat (user || ':' || field || ':' || coalesce (old_value, '-') || ':' || new_value, ',')"
               "  FROM (SELECT * FROM audit WHERE kind = 'policy' AND year IS NULL ORDER BY id)",
               "evaluator:half_day_charge:-:5000,evaluator:full_day_charge:-:9000,"
               "evaluator:half_day_charge:5000:6000");

  /* L4 came after all: the charge goes. */
  set_status (fixture, 4, "attended", 0);
  entries = cm_audit_list_item (fixture->db, CM_AUDIT_ITEM_TRANSACTION, charge_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const CmAuditEntry *entry = g_ptr_array_index (entries, i);

      g_string_append_printf (seen, "%s|%s|%s|%d|%s|%s|%s\n", entry->user, entry->kind, entry->label,
                              entry->year, entry->field, entry->old_value ? entry->old_value : "-",
                              entry->new_value ? entry->new_value : "-");
    }
  g_assert_cmpstr (seen->str, ==,
                   "evaluator|transaction|Council DNA-E1-L4|2010|amount|-9000|-\n"
                   "evaluator|transaction|Council DNA-E1-L4|2010|amount|-|-9000\n");
}

/* Retention (docs/figures.md, "Retention of personal details"). Each
 * learner's last contact, by hand: L1 15 Jun 2010 (E1), L2 1 Jul 2010
 * (E2, cancelled), L3 1 Jul 2010 (E1 and E2), L4 15 Jun 2010 but no
 * details to erase, L5 never booked, added 20 Jun 2010, L6 15 Jun 2010
 * (waiting list), L7 never booked, added 1 Jan 2008, L8 never booked,
 * added 1 Jan 2011. */
static void
test_evaluation_retention (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CmDb *db = fixture->db;
  GDate today;
  gint64 n_erased = -1;

  g_assert_true (cm_db_exec (db,
                             "UPDATE learners SET name = 'Ann Ash', email = 'ann@example.org' WHERE id = 1;"
                             "UPDATE learners SET name = 'Bob Birch' WHERE id = 2;"
                             "UPDATE learners SET email = 'c@example.org' WHERE id = 3;"
                             "UPDATE learners SET name = '' WHERE id = 4;"
                             "UPDATE learners SET name = 'Eve Elm', added_on = '2010-06-20' WHERE id = 5;"
                             "UPDATE learners SET name = 'Fay Fir' WHERE id = 6;"
                             "INSERT INTO learners (id, ref, organisation_id, name, added_on) VALUES"
                             "  (7, 'L7', 1, 'Gus Gorse', '2008-01-01'), (8, 'L8', 1, 'Hal Holly', '2011-01-01');"
                             "INSERT INTO bookings (event_id, learner_id, status) VALUES"
                             "  (1, 1, 'attended'), (2, 2, 'cancelled'), (1, 3, 'attended'), (2, 3, 'booked'),"
                             "  (1, 4, 'dna'), (1, 6, 'waitlist');",
                             &error));
  g_assert_no_error (error);

  /* Off unless chosen: nothing is erased, however old. */
  g_assert_cmpint (cm_retention_get_years (db, &error), ==, 0);
  set_today (&today, "2030-01-01");
  g_assert_true (cm_retention_apply (db, &today, &n_erased, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_erased, ==, 0);

  /* One year, on 15 Jun 2011: only L7's details are older than 15 Jun 2010. */
  set_today (&today, "2011-06-15");
  g_assert_true (cm_retention_set_years (db, 1, &today, &n_erased, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_erased, ==, 1);
  g_assert_cmpint (cm_retention_get_years (db, &error), ==, 1);
  assert_text (db, "SELECT group_concat (ref, ' ') FROM learners WHERE name IS NULL AND email IS NULL", "L7");

  /* A day later, L1 and L6 go; L4 had nothing to erase. */
  set_today (&today, "2011-06-16");
  g_assert_true (cm_retention_apply (db, &today, &n_erased, &error));
  g_assert_cmpint (n_erased, ==, 2);
  assert_text (db, "SELECT group_concat (ref, ' ') FROM learners WHERE name IS NULL AND email IS NULL", "L1 L6 L7");

  /* On 2 Jul 2011: L2 (a cancelled booking counts), L3 and L5 go. */
  set_today (&today, "2011-07-02");
  g_assert_true (cm_retention_apply (db, &today, &n_erased, &error));
  g_assert_cmpint (n_erased, ==, 3);
  assert_text (db, "SELECT group_concat (ref, ' ') FROM learners WHERE name IS NULL AND email IS NULL",
               "L1 L2 L3 L5 L6 L7");
  assert_text (db, "SELECT group_concat (ref || ':' || coalesce (name, '-'), ' ') FROM learners WHERE coalesce (name, '') <> ''",
               "L8:Hal Holly");
  /* Refs and bookings stay, so every figure does. */
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM learners"), ==, 8);
  g_assert_cmpint (cm_test_query_int64 (db, "SELECT count(*) FROM bookings"), ==, 6);

  /* A period not offered: refused, naming it; nothing changes. */
  g_assert_false (cm_retention_set_years (db, 4, &today, &n_erased, &error));
  g_assert_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Personal details can be kept for 1, 2, 3 or 6 years after the last booking, or until erased by hand (0), not 4");
  g_clear_error (&error);
  g_assert_cmpint (cm_retention_get_years (db, &error), ==, 1);

  /* Off again: L8 keeps their name even in 2030. */
  set_today (&today, "2030-01-01");
  g_assert_true (cm_retention_set_years (db, 0, &today, &n_erased, &error));
  g_assert_cmpint (n_erased, ==, 0);
  g_assert_true (cm_retention_apply (db, &today, &n_erased, &error));
  g_assert_cmpint (n_erased, ==, 0);
  assert_text (db, "SELECT name FROM learners WHERE id = 8", "Hal Holly");

  /* Six years, on 1 Jan 2017: L8 was added on 1 Jan 2011, not before. */
  set_today (&today, "2017-01-01");
  g_assert_true (cm_retention_set_years (db, 6, &today, &n_erased, &error));
  g_assert_cmpint (n_erased, ==, 0);
  set_today (&today, "2017-01-02");
  g_assert_true (cm_retention_apply (db, &today, &n_erased, &error));
  g_assert_cmpint (n_erased, ==, 1);
  g_assert_no_error (error);
}

/* A learner needs no name or email, by hand or by import. */
static void
test_evaluation_learner_anonymous (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) learners = NULL;
  g_autofree char *csv = g_build_filename (fixture->dir, "learners.csv", NULL);
  CmLearner learner = { 0 };
  CmImportResult result = { 0 };
  g_autofree char *status = NULL;

  learner.ref = (char *) "ANON-1";
  learner.organisation_id = 1;
  g_assert_true (cm_evaluation_save_learner (fixture->db, &learner, &error));
  g_assert_no_error (error);
  g_assert_cmpint (learner.id, >, 0);
  g_assert_true (cm_evaluation_book (fixture->db, 1, learner.id, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (status, ==, "booked");

  g_assert_true (g_file_set_contents (csv, "ref,organisation,staff_group,name,email\nANON-2,Council,,,\n", -1, NULL));
  g_assert_true (cm_import_file (fixture->db, "learners", csv, FALSE, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.inserted, ==, 1);
  cm_import_result_clear (&result);

  assert_text (fixture->db, "SELECT group_concat (ref || ':' || typeof (name) || ':' || typeof (email), ' ') FROM learners WHERE ref LIKE 'ANON-%'",
               "ANON-1:null:null ANON-2:null:null");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("COMMISSIONER_USER", "evaluator", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/evaluation/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/evaluation/round", test_evaluation_round);
  ADD ("waiting-list", test_evaluation_waiting_list);
  ADD ("rates", test_evaluation_rates);
  ADD ("charges", test_evaluation_charges);
  ADD ("charges-audit", test_evaluation_charges_audit);
  ADD ("feedback", test_evaluation_feedback);
  ADD ("followups", test_evaluation_followups);
  ADD ("edit", test_evaluation_edit);
  ADD ("erase", test_evaluation_erase);
  ADD ("retention", test_evaluation_retention);
  ADD ("learner-anonymous", test_evaluation_learner_anonymous);
  g_test_add_func ("/evaluation/fill-from-attendance", test_evaluation_fill_from_attendance);

#undef ADD

  return g_test_run ();
}
