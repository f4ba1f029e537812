/* test-what-if.c
 *
 * The re-plan under grant cuts (docs/figures.md, "What-if") on a small
 * year worked out by hand: every kept and deferred list in the order
 * taken, each stream's figures after to the penny, the unmet places, and
 * the scenarios the year refuses.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cm-budget.h"
#include "cm-catalogue.h"
#include "cm-db.h"
#include "cm-fiscal.h"
#include "cm-import.h"
#include "cm-undo-step.h"
#include "cm-what-if.h"

#include "cm-test-util.h"

/*
 * The year 2010/11, all in cycle 2010/11 H1, every commission one event
 * of one day with 10 places, costing only its fee:
 *
 *   streams   A £1,000.01, B £500.00, Z £500.00
 *   C-HI      mandatory, risk 3, strategic 2, evidence 2, all needed: 100
 *   C-MID     risk 3, strategic 2, evidence 2, all needed: 70
 *   C-LOW     risk 3, evidence 0, all needed: 45
 *
 *   code  status      competency  cost     splits            spend
 *   F1    contracted  C-LOW       400.00   A 100%            120.00
 *   K1    approved    C-HI        400.00   A 200.00 B 200.00 100.00 (A 50, B 50)
 *   K2    proposed    C-HI        100.00   A 100%
 *   K3    approved    C-MID       150.00   B 100%
 *   K4    approved    C-MID       150.00   B 100%
 *   K5    approved    C-MID       200.00   B 100%
 *   N1    proposed    none         50.00   Z 100%
 *   N2    proposed    none         40.00   Z 100%            40.00
 *   X1    cancelled   C-LOW        80.00   Z 100%            30.00
 *   D1    delivered   C-LOW        60.00   Z 100%            60.00
 *
 * Priority order: K1, K2 (100: approved before proposed), K3, K4, K5 (70:
 * cheaper first, then code), N2, N1 (0: cheaper first).
 *
 * Every candidate cancelled, F+P is A 450.00 (F1 400 + K1's 50 spent),
 * B 50.00 (K1's 50) and Z 130.00 (X1 30, D1 60, N2 40). What each
 * candidate still needs: K1 A 150 B 150, K2 A 100, K3 B 150, K4 B 150,
 * K5 B 200, N1 Z 50, N2 Z 0.
 */

static const char competencies_csv[] =
  "code,name,category,mandatory,refresh_months,risk,strategic,days,capacity\n"
  "C-HI,High,safeguarding,yes,0,3,2,1,10\n"
  "C-MID,Middle,practice,no,0,3,2,1,10\n"
  "C-LOW,Low,practice,no,0,3,0,1,10\n";

static const char organisations_csv[] =
  "name,kind\n"
  "Council,statutory\n";

static const char staff_groups_csv[] =
  "name,organisation,sector,headcount,turnover_percent\n"
  "Social workers,Council,social-care,10,0\n";

static const char requirements_csv[] =
  "year,half,staff_group,competency,coverage_percent,compliant,expiring,evidence\n"
  "2010,1,Social workers,C-HI,100,0,0,2\n"
  "2010,1,Social workers,C-MID,100,0,0,2\n"
  "2010,1,Social workers,C-LOW,100,0,0,0\n"
  /* Another cycle's priority does not count. */
  "2010,2,Social workers,C-LOW,100,0,0,2\n";

static const char streams_csv[] =
  "code,name,funder,year,allocation,ring_fenced,expiry,min_pvi_percent,eligible_categories,return\n"
  "A,Stream A,DH,2010,1000.01,no,,0,,none\n"
  "B,Stream B,CWDC,2010,500.00,no,,0,,none\n"
  "Z,Stream Z,Core,2010,500.00,no,,0,,none\n";

static const char commissions_csv[] =
  "code,title,competency,year,half,provider,status,events,days,places,fee_per_event,venue_per_day,cost_per_place,materials_per_place,pvi_places\n"
  "F1,Fixed one,C-LOW,2010,1,Acme,contracted,1,1,10,400.00,0,0,0,0\n"
  "K1,Keep one,C-HI,2010,1,Acme,approved,1,1,10,400.00,0,0,0,0\n"
  "K2,Keep two,C-HI,2010,1,Acme,proposed,1,1,10,100.00,0,0,0,0\n"
  "K3,Keep three,C-MID,2010,1,Acme,approved,1,1,10,150.00,0,0,0,0\n"
  "K4,Keep four,C-MID,2010,1,Acme,approved,1,1,10,150.00,0,0,0,0\n"
  "K5,Keep five,C-MID,2010,1,Acme,approved,1,1,10,200.00,0,0,0,0\n"
  "N1,No competency one,,2010,1,Acme,proposed,1,1,10,50.00,0,0,0,0\n"
  "N2,No competency two,,2010,1,Acme,proposed,1,1,10,40.00,0,0,0,0\n"
  "X1,Cancelled one,C-LOW,2010,1,Acme,cancelled,1,1,10,80.00,0,0,0,0\n"
  "D1,Delivered one,C-LOW,2010,1,Acme,delivered,1,1,10,60.00,0,0,0,0\n";

static const char splits_csv[] =
  "commission,stream,percent,amount\n"
  "F1,A,100,\n"
  "K1,A,,200.00\n"
  "K1,B,,200.00\n"
  "K2,A,100,\n"
  "K3,B,100,\n"
  "K4,B,100,\n"
  "K5,B,100,\n"
  "N1,Z,100,\n"
  "N2,Z,100,\n"
  "X1,Z,100,\n"
  "D1,Z,100,\n";

static const char spend_csv[] =
  "date,amount,commission,stream,supplier,reference,kind\n"
  "2010-05-01,100.00,K1,,Trainer,T1,invoice\n"
  "2010-05-02,120.00,F1,,Trainer,T2,invoice\n"
  "2010-05-03,30.00,X1,,Trainer,T3,invoice\n"
  "2010-05-04,60.00,D1,,Trainer,T4,invoice\n"
  "2010-05-05,40.00,N2,,Trainer,T5,invoice\n";

typedef struct
{
  char     *dir;
  CmDb     *db;
  CmWhatIf *what_if;
} Fixture;

static void
import (CmDb       *db,
        const char *kind,
        const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_auto(CmImportResult) result = { 0 };

  gboolean ok = cm_import_data (db, kind, kind, csv, strlen (csv), FALSE, &result, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GDate today;

  fixture->dir = g_dir_make_tmp ("cm-test-what-if-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "what-if.db", NULL);
  fixture->db = cm_db_open (path, &error);
  g_assert_no_error (error);

  import (fixture->db, "competencies", competencies_csv);
  import (fixture->db, "organisations", organisations_csv);
  import (fixture->db, "staff-groups", staff_groups_csv);
  import (fixture->db, "requirements", requirements_csv);
  import (fixture->db, "streams", streams_csv);
  import (fixture->db, "commissions", commissions_csv);
  import (fixture->db, "splits", splits_csv);
  import (fixture->db, "spend", spend_csv);

  /* Before the underspend-risk window of a stream spent by 31 March. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_JUNE, 2010);
  fixture->what_if = cm_what_if_load (fixture->db, 2010, &today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->what_if);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->what_if, cm_what_if_unref);
  g_assert_finalize_object (fixture->db);
  cm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static CmWhatIfPlan *
run (Fixture                *fixture,
     const CmWhatIfScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  CmWhatIfPlan *plan = cm_what_if_run (fixture->what_if, scenario, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

/* "K1 K2" for the kept, "K5:B:20000" (code, blocked by, short) for the deferred. */
static char *
outcomes_text (GArray *outcomes)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < outcomes->len; i++)
    {
      const CmWhatIfOutcome *outcome = &g_array_index (outcomes, CmWhatIfOutcome, i);

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, outcome->candidate->code);
      if (outcome->blocked_by != NULL)
        g_string_append_printf (text, ":%s:%" G_GINT64_FORMAT, outcome->blocked_by, outcome->short_pence);
    }

  return g_string_free (text, FALSE);
}

/* "C-HI 20; - 10": competency (- for none) and places. */
static char *
unmet_text (const CmWhatIfPlan *plan)
{
  GString *text = g_string_new (NULL);
  gint64 total = 0;

  for (guint i = 0; i < plan->unmet->len; i++)
    {
      const CmWhatIfUnmet *unmet = &g_array_index (plan->unmet, CmWhatIfUnmet, i);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s %" G_GINT64_FORMAT,
                              unmet->competency_code != NULL ? unmet->competency_code : "-", unmet->places);
      total += unmet->places;
    }
  g_assert_cmpint (total, ==, plan->unmet_places);

  return g_string_free (text, FALSE);
}

/* Allocation, forecast, proposed and available after, in pence. */
static void
assert_after (const CmWhatIfPlan *plan,
              const char         *code,
              gint64              allocation,
              gint64              forecast,
              gint64              proposed,
              gint64              available)
{
  for (guint i = 0; i < plan->streams->len; i++)
    {
      const CmWhatIfStream *stream = g_ptr_array_index (plan->streams, i);

      if (!g_str_equal (stream->code, code))
        continue;

      g_assert_cmpint (stream->after->allocation_pence, ==, allocation);
      g_assert_cmpint (stream->after->forecast_pence, ==, forecast);
      g_assert_cmpint (stream->after->proposed_pence, ==, proposed);
      g_assert_cmpint (stream->after->available_pence, ==, available);
      return;
    }

  g_assert_not_reached ();
}

static const CmWhatIfStream *
find_stream (const CmWhatIfPlan *plan,
             const char         *code)
{
  for (guint i = 0; i < plan->streams->len; i++)
    {
      const CmWhatIfStream *stream = g_ptr_array_index (plan->streams, i);

      if (g_str_equal (stream->code, code))
        return stream;
    }

  g_assert_not_reached ();
  return NULL;
}

#define assert_outcomes(array, expected) \
  G_STMT_START { \
    g_autofree char *text_ = outcomes_text (array); \
    g_assert_cmpstr (text_, ==, expected); \
  } G_STMT_END

#define assert_unmet(plan, expected) \
  G_STMT_START { \
    g_autofree char *text_ = unmet_text (plan); \
    g_assert_cmpstr (text_, ==, expected); \
  } G_STMT_END

static void
test_what_if_order (Fixture       *fixture,
                    gconstpointer  data)
{
  GArray *candidates = cm_what_if_get_candidates (fixture->what_if);
  static const char * const order[] = { "K1", "K2", "K3", "K4", "K5", "N2", "N1" };
  static const gint64 priorities[] = { 100, 100, 70, 70, 70, 0, 0 };

  g_assert_cmpuint (candidates->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < candidates->len; i++)
    {
      const CmWhatIfCandidate *candidate = &g_array_index (candidates, CmWhatIfCandidate, i);

      g_assert_cmpstr (candidate->code, ==, order[i]);
      /* The exact fraction, whatever its denominator. */
      g_assert_cmpint (candidate->priority_num, ==, priorities[i] * candidate->priority_den);
      g_assert_cmpint (candidate->places, ==, 10);
    }
}

/* Nothing changed: B has room for K3 and K4 (50 + 150 + 150 + 150 = 500),
 * not for K5 as well. */
static void
test_what_if_unchanged (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();
  g_autoptr(CmWhatIfPlan) plan = run (fixture, scenario);
  const CmWhatIfStream *b;

  assert_outcomes (plan->kept, "K1 K2 K3 K4 N2 N1");
  assert_outcomes (plan->deferred, "K5:B:20000");
  assert_unmet (plan, "C-MID 10");

  /* A: F1 400 + K1 max(200, 50) = 600, K2 100 proposed. */
  assert_after (plan, "A", 100001, 60000, 10000, 30001);
  /* B: K1 200 + K3 150 + K4 150, K5 cancelled. */
  assert_after (plan, "B", 50000, 50000, 0, 0);
  /* Z: X1 30 + D1 60 + N2 40 spent; N1 50 proposed, N2 nothing left to come. */
  assert_after (plan, "Z", 50000, 13000, 5000, 32000);

  /* Before, B forecast K5 too: 700, over by 200. */
  b = find_stream (plan, "B");
  g_assert_cmpint (b->before->forecast_pence, ==, 70000);
  g_assert_cmpuint (b->warnings_before->len, ==, 1);
  g_assert_cmpstr (((CmBudgetWarning *) g_ptr_array_index (b->warnings_before, 0))->kind, ==, "over-committed");
  g_assert_cmpuint (b->warnings_after->len, ==, 0);
  g_assert_cmpint (plan->totals_after->forecast_pence, ==, 60000 + 50000 + 13000);
}

/* A cut by 50%: round_half_up (100001 × 50 / 100) = round_half_up (50000.5)
 * = 50001. K1 fits on B (200 ≤ 500) but not on A (450 + 150 = 600 >
 * 500.01): blocked by A alone. */
static void
test_what_if_cut (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();
  g_autoptr(CmWhatIfPlan) plan = NULL;
  const CmWhatIfStream *a;

  cm_what_if_scenario_set (scenario, "A", CM_WHAT_IF_CUT, 5000);
  plan = run (fixture, scenario);

  assert_outcomes (plan->kept, "K3 K4 N2 N1");
  assert_outcomes (plan->deferred, "K1:A:9999 K2:A:4999 K5:B:5000");
  assert_unmet (plan, "C-HI 20; C-MID 10");

  /* A: F1 400 and K1's 50 spent. B: K1's 50, K3 and K4. */
  assert_after (plan, "A", 50001, 45000, 0, 5001);
  assert_after (plan, "B", 50000, 35000, 0, 15000);

  a = find_stream (plan, "A");
  g_assert_cmpint (a->change, ==, CM_WHAT_IF_CUT);
  g_assert_cmpint (a->change_value, ==, 5000);
  g_assert_cmpint (a->before->allocation_pence, ==, 100001);

  /* A third off: 100001 × 66.67% = 66670.6667, so 66671. */
  g_assert_cmpint (cm_what_if_new_allocation (CM_WHAT_IF_CUT, 3333, 100001, 0), ==, 66671);
  g_assert_cmpint (cm_what_if_new_allocation (CM_WHAT_IF_CUT, 10000, 100001, 0), ==, 0);
  g_assert_cmpint (cm_what_if_new_allocation (CM_WHAT_IF_CUT, 0, 100001, 0), ==, 100001);
  /* No overflow at the largest allocation the database takes. */
  g_assert_cmpint (cm_what_if_new_allocation (CM_WHAT_IF_CUT, 5000, G_MAXINT64 / 4, 0), ==,
                   (G_MAXINT64 / 4) / 2 + 1);
}

/* Both of K1's streams short: blocked by the first by code. */
static void
test_what_if_both_short (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();
  g_autoptr(CmWhatIfPlan) plan = NULL;

  cm_what_if_scenario_set (scenario, "B", CM_WHAT_IF_ALLOCATION, 10000);
  cm_what_if_scenario_set (scenario, "A", CM_WHAT_IF_CUT, 5000);
  plan = run (fixture, scenario);

  assert_outcomes (plan->kept, "N2 N1");
  assert_outcomes (plan->deferred, "K1:A:9999 K2:A:4999 K3:B:10000 K4:B:10000 K5:B:15000");
}

/* Withdrawn: B keeps only its Actual, K1's 50.00, which is all already
 * forecast; nothing more on B fits. */
static void
test_what_if_withdrawn (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();
  g_autoptr(CmWhatIfPlan) plan = NULL;

  cm_what_if_scenario_set (scenario, "B", CM_WHAT_IF_WITHDRAWN, 123);
  plan = run (fixture, scenario);

  assert_outcomes (plan->kept, "K2 N2 N1");
  assert_outcomes (plan->deferred, "K1:B:15000 K3:B:15000 K4:B:15000 K5:B:20000");
  assert_unmet (plan, "C-HI 10; C-MID 30");

  assert_after (plan, "B", 5000, 5000, 0, 0);
  /* A: F1 400 + K1's 50 spent; K2 100 proposed. */
  assert_after (plan, "A", 100001, 45000, 10000, 45001);
  g_assert_cmpint (find_stream (plan, "B")->change_value, ==, 0);
}

/* A new amount for A between 600 (K1) and 700 (K1 and K2): the approved
 * K1 comes before the proposed K2 of the same priority, though K2 is
 * cheaper. */
static void
test_what_if_new_amount (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();
  g_autoptr(CmWhatIfPlan) plan = NULL;

  cm_what_if_scenario_set (scenario, "A", CM_WHAT_IF_ALLOCATION, 65000);
  plan = run (fixture, scenario);

  assert_outcomes (plan->kept, "K1 K3 K4 N2 N1");
  assert_outcomes (plan->deferred, "K2:A:5000 K5:B:20000");
  assert_unmet (plan, "C-HI 10; C-MID 10");
  assert_after (plan, "A", 65000, 60000, 0, 5000);

  /* Z £150.00: N2 (nothing left to spend) fits at 130, N1 not: 180. */
  cm_what_if_scenario_set (scenario, "A", CM_WHAT_IF_UNCHANGED, 0);
  cm_what_if_scenario_set (scenario, "Z", CM_WHAT_IF_ALLOCATION, 15000);
  g_clear_pointer (&plan, cm_what_if_plan_free);
  plan = run (fixture, scenario);
  assert_outcomes (plan->kept, "K1 K2 K3 K4 N2");
  assert_outcomes (plan->deferred, "K5:B:20000 N1:Z:3000");
  assert_unmet (plan, "C-MID 10; - 10");
}

/* Z at £80.00 is already over with what is fixed and spent (130.00):
 * every candidate on it is deferred, even N2, which needs nothing more. */
static void
test_what_if_over_committed (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();
  g_autoptr(CmWhatIfPlan) plan = NULL;
  const CmWhatIfStream *z;
  const CmBudgetWarning *warning;

  cm_what_if_scenario_set (scenario, "Z", CM_WHAT_IF_ALLOCATION, 8000);
  plan = run (fixture, scenario);

  assert_outcomes (plan->kept, "K1 K2 K3 K4");
  assert_outcomes (plan->deferred, "K5:B:20000 N2:Z:5000 N1:Z:10000");
  assert_unmet (plan, "C-MID 10; - 20");
  assert_after (plan, "Z", 8000, 13000, 0, -5000);

  z = find_stream (plan, "Z");
  g_assert_cmpuint (z->warnings_after->len, ==, 1);
  warning = g_ptr_array_index (z->warnings_after, 0);
  g_assert_cmpstr (warning->kind, ==, "over-committed");
  g_assert_cmpstr (warning->subject, ==, "Z");
  g_assert_cmpstr (warning->message, ==, "Forecast spend of £130.00 is £50.00 over the allocation of £80.00");
}

/* A scenario the year does not fit is refused, and nothing is written
 * by any run. */
static void
test_what_if_bad_scenario (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();
  g_autoptr(CmWhatIfScenario) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) list_error = NULL;
  CmWhatIfPlan *plan;
  gint64 value = -1;

  before = cm_budget_list_commissions (fixture->db, 2010, &list_error);
  g_assert_no_error (list_error);

  cm_what_if_scenario_set (scenario, "A", CM_WHAT_IF_CUT, 2000);
  cm_what_if_scenario_set (scenario, "NOPE", CM_WHAT_IF_WITHDRAWN, 0);
  plan = cm_what_if_run (fixture->what_if, scenario, &error);
  g_assert_null (plan);
  g_assert_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_UNKNOWN_STREAM);
  g_assert_cmpstr (error->message, ==, "There is no funding stream “NOPE” in 2010/11");
  g_clear_error (&error);

  copy = cm_what_if_scenario_copy (scenario);
  g_assert_cmpint (cm_what_if_scenario_get (copy, "A", &value), ==, CM_WHAT_IF_CUT);
  g_assert_cmpint (value, ==, 2000);

  cm_what_if_scenario_set (scenario, "NOPE", CM_WHAT_IF_UNCHANGED, 0);
  cm_what_if_scenario_set (scenario, "A", CM_WHAT_IF_CUT, 10001);
  g_assert_null (cm_what_if_run (fixture->what_if, scenario, &error));
  g_assert_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The cut of A must be from 0 to 100%");
  g_clear_error (&error);

  cm_what_if_scenario_set (scenario, "A", CM_WHAT_IF_ALLOCATION, -1);
  g_assert_null (cm_what_if_run (fixture->what_if, scenario, &error));
  g_assert_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The new allocation of A cannot be negative");

  /* The statuses and allocations stored are as they were. */
  after = cm_budget_list_commissions (fixture->db, 2010, &list_error);
  g_assert_no_error (list_error);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_true (cm_budget_commission_equal (g_ptr_array_index (before, i), g_ptr_array_index (after, i)));
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT sum (allocation_pence) FROM streams"), ==,
                   100001 + 50000 + 50000);
}

static char *
statuses (CmDb *db)
{
  return cm_test_query_text (db, "SELECT group_concat (code || ':' || status, ' ') FROM"
                                 " (SELECT code, status FROM commissions ORDER BY code)");
}

#define STATUSES_BEFORE \
  "D1:delivered F1:contracted K1:approved K2:proposed K3:approved K4:approved" \
  " K5:approved N1:proposed N2:proposed X1:cancelled"

/* Applying A cut by half cancels K1, K2 and K5 (the deferred of
 * test_what_if_cut) in one step, which Undo takes back whole. */
static void
test_what_if_apply (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();
  g_autoptr(CmWhatIfPlan) plan = NULL;
  g_autoptr(CmUndoStep) step = NULL;
  g_autoptr(CmUndoStep) redo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = statuses (fixture->db);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;

  g_assert_cmpstr (before, ==, STATUSES_BEFORE);

  cm_what_if_scenario_set (scenario, "A", CM_WHAT_IF_CUT, 5000);
  plan = run (fixture, scenario);
  assert_outcomes (plan->deferred, "K1:A:9999 K2:A:4999 K5:B:5000");

  g_assert_true (cm_db_record_begin (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_true (cm_what_if_apply (fixture->db, plan, &error));
  g_assert_no_error (error);
  step = cm_db_record_end (fixture->db, "Apply what-if");
  g_assert_nonnull (step);

  after = statuses (fixture->db);
  g_assert_cmpstr (after, ==,
                   "D1:delivered F1:contracted K1:cancelled K2:cancelled K3:approved K4:approved"
                   " K5:cancelled N1:proposed N2:proposed X1:cancelled");

  /* The same plan again: K1 is no longer approved, and nothing is written. */
  g_assert_false (cm_what_if_apply (fixture->db, plan, &error));
  g_assert_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_STALE);
  g_assert_cmpstr (error->message, ==, "Commission “K1” is no longer approved or proposed; work the scenario out again");
  g_clear_error (&error);
  g_free (undone);
  undone = statuses (fixture->db);
  g_assert_cmpstr (undone, ==, after);

  redo = cm_undo_step_apply (step, fixture->db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (redo);
  g_free (undone);
  undone = statuses (fixture->db);
  g_assert_cmpstr (undone, ==, STATUSES_BEFORE);
}

/* A stale plan writes nothing, even for the deferred before the stale
 * one; a plan with nothing deferred is refused. */
static void
test_what_if_apply_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();
  g_autoptr(CmWhatIfScenario) none = cm_what_if_scenario_new ();
  g_autoptr(CmWhatIfPlan) plan = NULL;
  g_autoptr(CmWhatIfPlan) unchanged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;

  /* B raised to 1,000.00 keeps K5 too. */
  cm_what_if_scenario_set (none, "B", CM_WHAT_IF_ALLOCATION, 100000);
  unchanged = run (fixture, none);
  g_assert_cmpuint (unchanged->deferred->len, ==, 0);
  g_assert_false (cm_what_if_apply (fixture->db, unchanged, &error));
  g_assert_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The scenario defers no commission: there is nothing to cancel");
  g_clear_error (&error);

  cm_what_if_scenario_set (scenario, "A", CM_WHAT_IF_CUT, 5000);
  plan = run (fixture, scenario);
  g_assert_true (cm_budget_set_commission_status (fixture->db,
                                                 cm_test_query_int64 (fixture->db, "SELECT id FROM commissions WHERE code = 'K5'"),
                                                 "contracted", &error));

  g_assert_false (cm_what_if_apply (fixture->db, plan, &error));
  g_assert_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_STALE);
  g_assert_cmpstr (error->message, ==, "Commission “K5” is no longer approved or proposed; work the scenario out again");
  g_clear_error (&error);
  now = statuses (fixture->db);
  g_assert_cmpstr (now, ==,
                   "D1:delivered F1:contracted K1:approved K2:proposed K3:approved K4:approved"
                   " K5:contracted N1:proposed N2:proposed X1:cancelled");

}

/* Saved scenarios: saved, listed by name, found, deleted; the plan's
 * tables are never written. */
static void
test_what_if_saved (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();
  g_autoptr(CmWhatIfScenario) other = cm_what_if_scenario_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CmWhatIfSaved) saved = NULL;
  g_autoptr(CmWhatIfSaved) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = statuses (fixture->db);
  g_autofree char *after = NULL;
  const CmWhatIfSaved *first;
  gint64 value = -1;
  gint64 id;
  gint64 other_id;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 3, G_DATE_JUNE, 2010);

  cm_what_if_scenario_set (scenario, "A", CM_WHAT_IF_CUT, 2000);
  cm_what_if_scenario_set (scenario, "B", CM_WHAT_IF_WITHDRAWN, 0);
  cm_what_if_scenario_set (scenario, "Z", CM_WHAT_IF_ALLOCATION, 12345);
  id = cm_what_if_save_scenario (fixture->db, 2010, "  A −20 %, B withdrawn ", scenario, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  cm_what_if_scenario_set (other, "B", CM_WHAT_IF_CUT, 10000);
  other_id = cm_what_if_save_scenario (fixture->db, 2010, "10. All of B", other, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (other_id, >, id);

  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count (*) FROM what_if_changes"), ==, 4);
  after = statuses (fixture->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT sum (allocation_pence) FROM streams"), ==,
                   100001 + 50000 + 50000);

  /* By name: "10. All of B" before "A −20 %…". */
  list = cm_what_if_list_scenarios (fixture->db, 2010, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  first = g_ptr_array_index (list, 0);
  g_assert_cmpstr (first->name, ==, "10. All of B");
  g_assert_cmpint (first->id, ==, other_id);
  g_assert_cmpint (cm_what_if_scenario_get (first->scenario, "B", &value), ==, CM_WHAT_IF_CUT);
  g_assert_cmpint (value, ==, 10000);
  g_assert_cmpint (cm_what_if_scenario_get (first->scenario, "A", NULL), ==, CM_WHAT_IF_UNCHANGED);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = cm_what_if_list_scenarios (fixture->db, 2011, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);

  saved = cm_what_if_get_scenario (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->name, ==, "A −20 %, B withdrawn");
  g_assert_cmpint (saved->year, ==, 2010);
  g_assert_cmpint (g_date_compare (&saved->created, &today), ==, 0);
  g_assert_cmpint (cm_what_if_scenario_get (saved->scenario, "A", &value), ==, CM_WHAT_IF_CUT);
  g_assert_cmpint (value, ==, 2000);
  g_assert_cmpint (cm_what_if_scenario_get (saved->scenario, "B", NULL), ==, CM_WHAT_IF_WITHDRAWN);
  g_assert_cmpint (cm_what_if_scenario_get (saved->scenario, "Z", &value), ==, CM_WHAT_IF_ALLOCATION);
  g_assert_cmpint (value, ==, 12345);

  found = cm_what_if_find_scenario (fixture->db, 2010, " A −20 %, B withdrawn", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, id);

  g_assert_true (cm_what_if_delete_scenario (fixture->db, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count (*) FROM what_if_changes"), ==, 1);
  g_assert_null (cm_what_if_get_scenario (fixture->db, id, &error));
  g_assert_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cm_what_if_delete_scenario (fixture->db, id, &error));
  g_assert_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cm_what_if_find_scenario (fixture->db, 2010, "A −20 %, B withdrawn", &error));
  g_assert_error (error, CM_WHAT_IF_ERROR, CM_WHAT_IF_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "2010/11 has no saved scenario named “A −20 %, B withdrawn”");
}

/* Each bad scenario is refused with a message naming what is wrong, and
 * nothing is saved. */
static void
test_what_if_save_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CmWhatIfScenario) good = cm_what_if_scenario_new ();
  g_autoptr(GError) error = NULL;
  GDate today;
  static const struct
  {
    const char    *name;
    const char    *stream;
    CmWhatIfChange change;
    gint64         value;
    int            code;
    const char    *message;
  } cases[] = {
    { "   ", "A", CM_WHAT_IF_CUT, 1000, CM_WHAT_IF_ERROR_INVALID, "A scenario needs a name" },
    { "Taken", "A", CM_WHAT_IF_CUT, 1000, CM_WHAT_IF_ERROR_DUPLICATE, "2010/11 already has a scenario named “Taken”" },
    { "Unknown", "Q", CM_WHAT_IF_CUT, 1000, CM_WHAT_IF_ERROR_UNKNOWN_STREAM, "2010/11 has no funding stream “Q”" },
    { "Too much", "A", CM_WHAT_IF_CUT, 10001, CM_WHAT_IF_ERROR_INVALID, "The cut of A must be between 0% and 100%" },
    { "Negative", "B", CM_WHAT_IF_ALLOCATION, -1, CM_WHAT_IF_ERROR_INVALID, "The new allocation of B cannot be negative" },
  };

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 3, G_DATE_JUNE, 2010);
  cm_what_if_scenario_set (good, "A", CM_WHAT_IF_CUT, 1000);
  g_assert_cmpint (cm_what_if_save_scenario (fixture->db, 2010, "Taken", good, &today, &error), >, 0);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();

      cm_what_if_scenario_set (scenario, cases[i].stream, cases[i].change, cases[i].value);
      g_assert_cmpint (cm_what_if_save_scenario (fixture->db, 2010, cases[i].name, scenario, &today, &error), ==, 0);
      g_assert_error (error, CM_WHAT_IF_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_error (&error);
    }

  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count (*) FROM what_if_scenarios"), ==, 1);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count (*) FROM what_if_changes"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/what-if/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("order", test_what_if_order);
  ADD ("unchanged", test_what_if_unchanged);
  ADD ("cut", test_what_if_cut);
  ADD ("both-short", test_what_if_both_short);
  ADD ("withdrawn", test_what_if_withdrawn);
  ADD ("new-amount", test_what_if_new_amount);
  ADD ("over-committed", test_what_if_over_committed);
  ADD ("bad-scenario", test_what_if_bad_scenario);
  ADD ("apply", test_what_if_apply);
  ADD ("apply-refused", test_what_if_apply_refused);
  ADD ("saved", test_what_if_saved);
  ADD ("save-refused", test_what_if_save_refused);

#undef ADD

  return g_test_run ();
}
