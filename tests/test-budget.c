/* test-budget.c
 *
 * The budget planner on a scenario worked out by hand: every figure of
 * docs/figures.md, "Budget planner", to the penny, the attribution
 * remainders, each warning exactly when it should appear, "Suggest
 * funding", and the budget import kinds.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cm-db-private.h"
#include "cm-budget.h"
#include "cm-catalogue.h"
#include "cm-db.h"
#include "cm-fiscal.h"
#include "cm-import.h"

#include "cm-test-util.h"

typedef struct
{
  char *dir;
  CmDb *db;
} Fixture;


static Fixture *
fixture_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Fixture *fixture = g_new0 (Fixture, 1);

  fixture->dir = g_dir_make_tmp ("cm-test-budget-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "budget.db", NULL);
  fixture->db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_catalogue_install (fixture->db, &error));
  g_assert_no_error (error);

  return fixture;
}

static void
fixture_free (Fixture *fixture)
{
  g_assert_finalize_object (fixture->db);
  cm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)


static void
set_date (GDate      *date,
          const char *iso)
{
  g_autoptr(GError) error = NULL;

  g_date_clear (date, 1);
  g_assert_true (cm_fiscal_parse_date (iso, date, &error));
  g_assert_no_error (error);
}

/* Building the scenario through the editing API. */

static gint64
add_stream (CmDb       *db,
            const char *code,
            const char *funder,
            int         year,
            gint64      allocation,
            gboolean    ring_fenced,
            const char *expiry,
            int         min_pvi_bp,
            const char *categories)
{
  g_autoptr(CmBudgetStream) stream = cm_budget_stream_new ();
  g_autoptr(GError) error = NULL;

  g_free (stream->code);
  stream->code = g_strdup (code);
  g_free (stream->name);
  stream->name = g_strdup_printf ("Stream %s", code);
  g_free (stream->funder);
  stream->funder = g_strdup (funder);
  stream->year = year;
  stream->allocation_pence = allocation;
  stream->ring_fenced = ring_fenced;
  if (expiry != NULL)
    set_date (&stream->expiry, expiry);
  stream->min_pvi_bp = min_pvi_bp;
  if (categories != NULL)
    stream->eligible_categories = g_strsplit (categories, ";", -1);

  g_assert_true (cm_budget_save_stream (db, stream, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stream->id, >, 0);

  return stream->id;
}

static CmBudgetCommission *
new_commission (const char *code,
                const char *competency,
                const char *status,
                int         events,
                int         half_days,
                int         places,
                gint64      fee,
                gint64      venue,
                gint64      cost,
                gint64      materials,
                int         pvi_places)
{
  CmBudgetCommission *commission = cm_budget_commission_new ();

  g_free (commission->code);
  commission->code = g_strdup (code);
  g_free (commission->title);
  commission->title = g_strdup_printf ("Course %s", code);
  commission->competency_code = g_strdup (competency);
  g_free (commission->status);
  commission->status = g_strdup (status);
  commission->year = 2010;
  commission->half = 1;
  commission->events = events;
  commission->half_days = half_days;
  commission->places = places;
  commission->fee_per_event_pence = fee;
  commission->venue_per_day_pence = venue;
  commission->cost_per_place_pence = cost;
  commission->materials_per_place_pence = materials;
  commission->pvi_places = pvi_places;

  return commission;
}

static void
add_percent (CmBudgetCommission *commission,
             const char         *stream,
             int                 percent_bp)
{
  CmBudgetSplit *split = cm_budget_split_new ();

  split->stream_code = g_strdup (stream);
  split->is_percent = TRUE;
  split->percent_bp = percent_bp;
  g_ptr_array_add (commission->splits, split);
}

static void
add_amount (CmBudgetCommission *commission,
            const char         *stream,
            gint64              amount)
{
  CmBudgetSplit *split = cm_budget_split_new ();

  split->stream_code = g_strdup (stream);
  split->is_percent = FALSE;
  split->amount_pence = amount;
  g_ptr_array_add (commission->splits, split);
}

static gint64
save_commission (CmDb               *db,
                 CmBudgetCommission *commission)
{
  g_autoptr(CmBudgetCommission) owned = commission;
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_budget_save_commission (db, owned, &error));
  g_assert_no_error (error);
  return owned->id;
}

static gint64
add_spend (CmDb       *db,
           const char *date,
           gint64      amount,
           const char *commission,
           const char *stream,
           const char *reference,
           const char *kind)
{
  g_autoptr(CmBudgetTransaction) transaction = cm_budget_transaction_new ();
  g_autoptr(GError) error = NULL;

  set_date (&transaction->date, date);
  transaction->amount_pence = amount;
  transaction->commission_code = g_strdup (commission);
  transaction->stream_code = g_strdup (stream);
  /* By id: some rows are dated outside their stream's year on purpose,
   * where a code names the stream of the date's own year. */
  if (stream != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM streams WHERE code = '%s' ORDER BY year LIMIT 1", stream);

      transaction->stream_id = cm_test_query_int64 (db, sql);
    }
  g_free (transaction->supplier);
  transaction->supplier = g_strdup ("Supplier");
  g_free (transaction->reference);
  transaction->reference = g_strdup (reference);
  g_free (transaction->kind);
  transaction->kind = g_strdup (kind);

  g_assert_true (cm_budget_save_transaction (db, transaction, &error));
  g_assert_no_error (error);
  return transaction->id;
}

/* Spend naming its stream by code alone, as a CSV file does. */
static gint64
add_spend_by_code (CmDb       *db,
                   const char *date,
                   const char *stream,
                   const char *reference)
{
  g_autoptr(CmBudgetTransaction) transaction = cm_budget_transaction_new ();
  g_autoptr(GError) error = NULL;

  set_date (&transaction->date, date);
  transaction->amount_pence = 1000;
  transaction->stream_code = g_strdup (stream);
  g_free (transaction->reference);
  transaction->reference = g_strdup (reference);

  g_assert_true (cm_budget_save_transaction (db, transaction, &error));
  g_assert_no_error (error);
  return transaction->id;
}

static gint64
commission_id (CmDb       *db,
               const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM commissions WHERE code = '%s'", code);

  return cm_test_query_int64 (db, sql);
}

/*
 * The scenario, financial year 2010 (1 April 2010 – 31 March 2011).
 *
 * Streams (2010 unless said):
 *   DH    £10,000.00  ring-fenced, spend by 2011-03-31, minimum PVI 50%,
 *                     safeguarding and qualification only
 *   LSCB   £5,000.00  spend by 2011-06-30, safeguarding only
 *   CORE   £3,000.00  no expiry (so the end of the year), every category
 *   OLD    £1,000.00  a 2009 stream, which 2010 must ignore
 *
 * Commissions, planned cost in half pence
 * (2·events·fee + events·venue·half_days + 2·events·places·(cost + materials)) / 2:
 *   A1 SG-A approved, 3 events of half a day, 20 places (10 PVI), fee £300,
 *      venue £101.01 a day, materials £2.50:
 *      (2·3·30000 + 3·10101·1 + 2·3·20·250) / 2 = (180000 + 30303 + 30000) / 2
 *      = 240303 / 2 = 120151.5 -> 120152 (half up) = £1,201.52
 *      split DH 50%, LSCB 50%: round_half_up(120152 · 5000 / 10000) = 60076 each
 *   N1 Q-NVQ3 contracted, 1 event, 24 days, 10 places (8 PVI), £500 a place:
 *      10 · 50000 = 500000 = £5,000.00; split DH £4,000.00, CORE £1,000.00
 *   M1 M-FIRST approved, 1 event of 1 day, 10 places (0 PVI), fee £600, venue £100:
 *      (2·60000 + 10000·2) / 2 = 70000; split LSCB 100% = 70000 (not eligible:
 *      management training on the safeguarding budget)
 *   P1 P-EYFS proposed, 1 event of 1 day, 20 places (20 PVI), fee £400,
 *      materials £5: (2·40000 + 2·20·500) / 2 = 50000; split CORE £600.00
 *      (over-funded by £100.00)
 *   I1 IW-CAF delivered, 1 event of 1 day, 20 places (5 PVI), fee £300, venue £50:
 *      (2·30000 + 5000·2) / 2 = 35000; split CORE 100% = 35000
 *   U1 SG-A contracted, 1 event, half a day, 25 places (5 PVI), fee £250:
 *      25000; split LSCB £200.00 (£50.00 unfunded)
 *   X1 SG-A cancelled, 1 event, half a day, 20 places (10 PVI), fee £200:
 *      20000; split LSCB 100% = 20000 (counts nowhere: cancelled)
 *   E1 Q-NVQ3 approved, 1 event, 4 places (4 PVI), £500 a place: 200000;
 *      split DH 100%
 *   Z1 no competency, approved, fee £150: 15000; no splits (unfunded)
 *   Q1 Q-NVQ3 approved, 1 event, 10 places (0 PVI), £100 a place: 100000;
 *      split DH 0%, so its spend cannot be shared (unfunded £1,000.00)
 *
 * Spend and its parts (largest remainder; a tie goes to the lower code):
 *   T01 2010-04-15   £100.01 A1          DH 5001 + LSCB 5000 (the odd penny to DH)
 *   T02 2010-05-20   £600.00 A1          DH 30000 + LSCB 30000
 *   T03 2010-07-01 £2,500.00 N1          DH 200000 + CORE 50000 (4:1)
 *   T04 2010-10-10 £2,500.00 N1          DH 200000 + CORE 50000
 *   T05 2010-11-11  -£100.00 N1 credit   DH -8000 + CORE -2000
 *   T06 2010-06-10   £350.00 I1          CORE 35000
 *   T07 2010-08-08   £700.00 M1          LSCB 70000
 *   T08 2010-09-09   £125.00 U1          LSCB 12500
 *   T09 2010-12-12    £80.00 X1          LSCB 8000 (a cancelled course's fee)
 *   T10 2011-01-05 £1,000.00 E1          DH 100000
 *   T11 2011-02-14   £150.00 Z1          Unallocated (no splits)
 *   T12 2011-03-01   £500.00 Q1          Unallocated (splits add up to 0)
 *   T13 2010-06-30    £45.50 CORE        CORE 4550, no commission (journal)
 *   T14 2010-07-15    £60.00 -           Unallocated
 *   T15 2010-09-30   -£20.00 LSCB        LSCB -2000, charge income
 *   T16 2010-03-31   £200.00 N1 + DH     DH 20000: the named stream takes all;
 *                                        dated in 2009/10
 *   T17 2011-04-01    £99.99 A1          9999 / 2 = 4999.5 each: DH 5000, LSCB 4999;
 *                                        dated in 2011/12
 *   T18 2010-05-05   £300.00 OLD         the 2009 stream: not in 2010 at all
 *   T19 2010-10-01    £30.00 M1 + CORE   CORE 3000 (M1 has no split on CORE)
 *   T20 2011-03-15   -£35.00 I1 credit   CORE -3500
 *   T21 2011-01-20 £1,000.00 E1          DH 100000
 *   T22 2010-12-01   £333.33 A1          16666.5 each: DH 16667, LSCB 16666
 *
 * Attendance: I1 had 4 attended (1 private, 1 voluntary, 2 statutory) and a
 * PVI no-show; A1 had 3 attended (1 independent, 2 health).
 */
static Fixture *
scenario_new (void)
{
  Fixture *fixture = fixture_new ();
  CmDb *db = fixture->db;
  CmBudgetCommission *c;
  g_autoptr(GError) error = NULL;

  add_stream (db, "DH", "DH", 2010, 1000000, TRUE, "2011-03-31", 5000, "safeguarding;qualification");
  add_stream (db, "LSCB", "LSCB", 2010, 500000, FALSE, "2011-06-30", 0, "safeguarding");
  add_stream (db, "CORE", "Core", 2010, 300000, FALSE, NULL, 0, NULL);
  add_stream (db, "OLD", "CWDC", 2009, 100000, FALSE, NULL, 0, NULL);

  c = new_commission ("A1", "SG-A", "approved", 3, 1, 20, 30000, 10101, 0, 250, 10);
  add_percent (c, "LSCB", 5000);
  add_percent (c, "DH", 5000);
  save_commission (db, c);

  c = new_commission ("N1", "Q-NVQ3", "contracted", 1, 48, 10, 0, 0, 50000, 0, 8);
  add_amount (c, "DH", 400000);
  add_amount (c, "CORE", 100000);
  save_commission (db, c);

  c = new_commission ("M1", "M-FIRST", "approved", 1, 2, 10, 60000, 10000, 0, 0, 0);
  add_percent (c, "LSCB", 10000);
  save_commission (db, c);

  c = new_commission ("P1", "P-EYFS", "proposed", 1, 2, 20, 40000, 0, 0, 500, 20);
  add_amount (c, "CORE", 60000);
  save_commission (db, c);

  c = new_commission ("I1", "IW-CAF", "delivered", 1, 2, 20, 30000, 5000, 0, 0, 5);
  add_percent (c, "CORE", 10000);
  save_commission (db, c);

  c = new_commission ("U1", "SG-A", "contracted", 1, 1, 25, 25000, 0, 0, 0, 5);
  add_amount (c, "LSCB", 20000);
  save_commission (db, c);

  c = new_commission ("X1", "SG-A", "cancelled", 1, 1, 20, 20000, 0, 0, 0, 10);
  add_percent (c, "LSCB", 10000);
  save_commission (db, c);

  c = new_commission ("E1", "Q-NVQ3", "approved", 1, 48, 4, 0, 0, 50000, 0, 4);
  add_percent (c, "DH", 10000);
  save_commission (db, c);

  c = new_commission ("Z1", NULL, "approved", 1, 0, 0, 15000, 0, 0, 0, 0);
  save_commission (db, c);

  c = new_commission ("Q1", "Q-NVQ3", "approved", 1, 2, 10, 0, 0, 10000, 0, 0);
  add_percent (c, "DH", 0);
  save_commission (db, c);

  add_spend (db, "2010-04-15", 10001, "A1", NULL, "T01", "invoice");
  add_spend (db, "2010-05-20", 60000, "A1", NULL, "T02", "invoice");
  add_spend (db, "2010-07-01", 250000, "N1", NULL, "T03", "invoice");
  add_spend (db, "2010-10-10", 250000, "N1", NULL, "T04", "invoice");
  add_spend (db, "2010-11-11", -10000, "N1", NULL, "T05", "credit");
  add_spend (db, "2010-06-10", 35000, "I1", NULL, "T06", "invoice");
  add_spend (db, "2010-08-08", 70000, "M1", NULL, "T07", "invoice");
  add_spend (db, "2010-09-09", 12500, "U1", NULL, "T08", "invoice");
  add_spend (db, "2010-12-12", 8000, "X1", NULL, "T09", "invoice");
  add_spend (db, "2011-01-05", 100000, "E1", NULL, "T10", "invoice");
  add_spend (db, "2011-02-14", 15000, "Z1", NULL, "T11", "invoice");
  add_spend (db, "2011-03-01", 50000, "Q1", NULL, "T12", "invoice");
  add_spend (db, "2010-06-30", 4550, NULL, "CORE", "T13", "journal");
  add_spend (db, "2010-07-15", 6000, NULL, NULL, "T14", "invoice");
  add_spend (db, "2010-09-30", -2000, NULL, "LSCB", "T15", "charge-income");
  add_spend (db, "2010-03-31", 20000, "N1", "DH", "T16", "invoice");
  add_spend (db, "2011-04-01", 9999, "A1", NULL, "T17", "invoice");
  add_spend (db, "2010-05-05", 30000, NULL, "OLD", "T18", "invoice");
  add_spend (db, "2010-10-01", 3000, "M1", "CORE", "T19", "invoice");
  add_spend (db, "2011-03-15", -3500, "I1", NULL, "T20", "credit");
  add_spend (db, "2011-01-20", 100000, "E1", NULL, "T21", "invoice");
  add_spend (db, "2010-12-01", 33333, "A1", NULL, "T22", "invoice");

  g_assert_true (cm_db_exec (db,
                             "INSERT INTO organisations (id, name, kind) VALUES"
                             " (1, 'Nursery', 'private'), (2, 'Charity', 'voluntary'),"
                             " (3, 'Council', 'statutory'), (4, 'Home', 'independent'),"
                             " (5, 'Hospital', 'health');"
                             "INSERT INTO learners (id, ref, organisation_id) VALUES"
                             " (1, 'L1', 1), (2, 'L2', 2), (3, 'L3', 3), (4, 'L4', 3), (5, 'L5', 1),"
                             " (6, 'L6', 4), (7, 'L7', 5), (8, 'L8', 5);"
                             "INSERT INTO events (id, code, commission_id, date, places) VALUES"
                             " (1, 'I1-1', (SELECT id FROM commissions WHERE code = 'I1'), '2010-06-01', 20),"
                             " (2, 'A1-1', (SELECT id FROM commissions WHERE code = 'A1'), '2010-05-01', 20);"
                             "INSERT INTO bookings (event_id, learner_id, status) VALUES"
                             " (1, 1, 'attended'), (1, 2, 'attended'), (1, 3, 'attended'),"
                             " (1, 4, 'attended'), (1, 5, 'dna'),"
                             " (2, 6, 'attended'), (2, 7, 'attended'), (2, 8, 'attended');",
                             &error));
  g_assert_no_error (error);

  return fixture;
}

static const CmBudgetFigures *
find_figures (const CmBudgetSummary *summary,
              const char            *code)
{
  for (guint i = 0; i < summary->streams->len; i++)
    {
      const CmBudgetFigures *figures = g_ptr_array_index (summary->streams, i);

      if (g_strcmp0 (figures->code, code) == 0)
        return figures;
    }

  g_assert_not_reached ();
  return NULL;
}

/* Pure arithmetic. */

static void
test_planned_cost (void)
{
  g_autoptr(CmBudgetCommission) c = new_commission ("X", NULL, "proposed", 3, 1, 20, 30000, 10101, 0, 250, 0);
  CmBudgetSplit split = { 0 };

  /* A1 above: 240303 half pence, half up to 120152. */
  g_assert_cmpint (cm_budget_planned_cost (c), ==, 120152);

  /* One event, half a day at £0.01: half a penny rounds up to 1p. */
  c->events = 1;
  c->fee_per_event_pence = 0;
  c->venue_per_day_pence = 1;
  c->materials_per_place_pence = 0;
  g_assert_cmpint (cm_budget_planned_cost (c), ==, 1);

  /* 1.5 days at £101.01 with 2 events: 2·10101·3 = 60606 half pence = 30303. */
  c->events = 2;
  c->half_days = 3;
  c->venue_per_day_pence = 10101;
  g_assert_cmpint (cm_budget_planned_cost (c), ==, 30303);

  /* No events: nothing to pay. */
  c->events = 0;
  g_assert_cmpint (cm_budget_planned_cost (c), ==, 0);

  /* Percent splits round half up: 33.33% of £1.50 = 49.995p -> 50p;
   * 12.5% of 1p = 0.125p -> 0p; 50% of 1p = 0.5p -> 1p. */
  split.is_percent = TRUE;
  split.percent_bp = 3333;
  g_assert_cmpint (cm_budget_split_value (&split, 150), ==, 50);
  split.percent_bp = 1250;
  g_assert_cmpint (cm_budget_split_value (&split, 1), ==, 0);
  split.percent_bp = 5000;
  g_assert_cmpint (cm_budget_split_value (&split, 1), ==, 1);
  /* Large planned costs stay exact: 100% of £9,999,999,999.99. */
  split.percent_bp = 10000;
  g_assert_cmpint (cm_budget_split_value (&split, G_GINT64_CONSTANT (999999999999)), ==,
                   G_GINT64_CONSTANT (999999999999));
  split.is_percent = FALSE;
  split.amount_pence = 12345;
  g_assert_cmpint (cm_budget_split_value (&split, 1), ==, 12345);
}

static void
test_attribute (void)
{
  /* Three equal shares, listed out of code order. */
  const CmBudgetShare three[] = {
    { "C-STREAM", 5000 }, { "A-STREAM", 5000 }, { "B-STREAM", 5000 },
  };
  const CmBudgetShare uneven[] = {
    { "DH", 60076 }, { "LSCB", 20000 }, { "CORE", 10000 },
  };
  const CmBudgetShare nothing[] = {
    { "DH", 0 }, { "LSCB", 0 },
  };
  const CmBudgetShare huge[] = {
    { "A", G_GINT64_CONSTANT (900000000000) }, { "B", G_GINT64_CONSTANT (100000000001) },
  };
  gint64 parts[3];

  /* £100.00 / 3 = 3333.33 each: floors 3333, one penny left, all three
   * remainders equal, so the lowest code (A-STREAM) gets it. */
  g_assert_true (cm_budget_attribute (10000, three, 3, parts));
  g_assert_cmpint (parts[0], ==, 3333);
  g_assert_cmpint (parts[1], ==, 3334);
  g_assert_cmpint (parts[2], ==, 3333);

  /* A credit is shared as its absolute value, then negated. */
  g_assert_true (cm_budget_attribute (-10000, three, 3, parts));
  g_assert_cmpint (parts[0], ==, -3333);
  g_assert_cmpint (parts[1], ==, -3334);
  g_assert_cmpint (parts[2], ==, -3333);

  /* £2.00 / 3: 66.67 each: floors 66, two pennies left to A and B. */
  g_assert_true (cm_budget_attribute (200, three, 3, parts));
  g_assert_cmpint (parts[0], ==, 66);
  g_assert_cmpint (parts[1], ==, 67);
  g_assert_cmpint (parts[2], ==, 67);

  /* £1,000.00 over 60076 : 20000 : 10000 (total 90076):
   *   DH   100000·60076/90076 = 66694.79…  -> 66694, remainder .79
   *   LSCB 100000·20000/90076 = 22203.49…  -> 22203, remainder .49
   *   CORE 100000·10000/90076 = 11101.74…  -> 11101, remainder .74
   * 66694 + 22203 + 11101 = 99998: two pennies, to DH (.79) and CORE (.74). */
  g_assert_true (cm_budget_attribute (100000, uneven, 3, parts));
  g_assert_cmpint (parts[0], ==, 66695);
  g_assert_cmpint (parts[1], ==, 22203);
  g_assert_cmpint (parts[2], ==, 11102);
  g_assert_cmpint (parts[0] + parts[1] + parts[2], ==, 100000);

  /* Weights that add up to nothing cannot share anything. */
  parts[0] = parts[1] = 99;
  g_assert_false (cm_budget_attribute (10000, nothing, 2, parts));
  g_assert_cmpint (parts[0], ==, 0);
  g_assert_cmpint (parts[1], ==, 0);

  /* Products beyond 64 bits stay exact: £9,999,999,999.99 over 9 : 1 (+1p).
   * A: 999999999999·900000000000/1000000000001 = 899999999998.2… -> 899999999998
   * B: 999999999999·100000000001/1000000000001 = 100000000000.7… -> 100000000000
   * one penny left, to B (.7 > .2). */
  g_assert_true (cm_budget_attribute (G_GINT64_CONSTANT (999999999999), huge, 2, parts));
  g_assert_cmpint (parts[0], ==, G_GINT64_CONSTANT (899999999998));
  g_assert_cmpint (parts[1], ==, G_GINT64_CONSTANT (100000000001));

  /* Zero shares nothing but succeeds. */
  g_assert_true (cm_budget_attribute (0, three, 3, parts));
  g_assert_cmpint (parts[0] + parts[1] + parts[2], ==, 0);
}

static void
test_eligibility (void)
{
  g_autoptr(CmBudgetStream) stream = cm_budget_stream_new ();

  /* No list: everything, even a commission without a competency. */
  g_assert_true (cm_budget_is_eligible (stream, "management"));
  g_assert_true (cm_budget_is_eligible (stream, NULL));

  stream->eligible_categories = g_strsplit ("safeguarding;qualification", ";", -1);
  g_assert_true (cm_budget_is_eligible (stream, "safeguarding"));
  g_assert_false (cm_budget_is_eligible (stream, "management"));
  /* Unknown category: eligible unless the money is ring-fenced. */
  g_assert_true (cm_budget_is_eligible (stream, NULL));
  stream->ring_fenced = TRUE;
  g_assert_false (cm_budget_is_eligible (stream, NULL));
  g_assert_true (cm_budget_is_eligible (stream, "qualification"));
}

/* The scenario's figures. */

static void
test_summary (void)
{
  g_autoptr(Fixture) fixture = scenario_new ();
  g_autoptr(CmBudgetSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  const CmBudgetFigures *dh, *lscb, *core, *totals;

  summary = cm_budget_summary (fixture->db, 2010, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  g_assert_cmpint (summary->year, ==, 2010);

  /* The 2010 streams only, by code; OLD is a 2009 stream. */
  g_assert_cmpuint (summary->streams->len, ==, 3);
  g_assert_cmpstr (((CmBudgetFigures *) g_ptr_array_index (summary->streams, 0))->code, ==, "CORE");
  g_assert_cmpstr (((CmBudgetFigures *) g_ptr_array_index (summary->streams, 1))->code, ==, "DH");
  g_assert_cmpstr (((CmBudgetFigures *) g_ptr_array_index (summary->streams, 2))->code, ==, "LSCB");

  /* DH
   *   Proposed  = 0 (no proposed commission is split onto DH)
   *   Committed = A1 60076 + N1 400000 + E1 200000 + Q1 0 = 660076
   *   Actual    = T01 5001 + T02 30000 + T03 200000 + T04 200000 − T05 8000
   *             + T10 100000 + T16 20000 + T17 5000 + T21 100000 + T22 16667 = 668668
   *   actual(c,DH): A1 5001+30000+5000+16667 = 56668; N1 200000+200000−8000+20000
   *                 = 412000; E1 200000
   *   Forecast  = max(60076, 56668) + max(400000, 412000) + max(200000, 200000)
   *             + max(0, 0) = 60076 + 412000 + 200000 = 672076
   *   Variance  = 1000000 − 672076 = 327924 = Available (nothing proposed)
   *   Planned PVI = (60076·10/20 + 400000·8/10 + 200000·4/4 + 0) / 660076
   *               = 550038 / 660076 = 83.329…% -> 83.33%
   *   Actual PVI  = A1 only has attendance: 56668·1/3 / 56668 = 33.33%
   *   Quarters: outside T16 20000 + T17 5000 = 25000; Q1 5001 + 30000 = 35001;
   *   Q2 200000; Q3 200000 − 8000 + 16667 = 208667; Q4 100000 + 100000 = 200000 */
  dh = find_figures (summary, "DH");
  g_assert_cmpstr (dh->funder, ==, "DH");
  g_assert_cmpint (dh->allocation_pence, ==, 1000000);
  g_assert_cmpint (dh->proposed_pence, ==, 0);
  g_assert_cmpint (dh->committed_pence, ==, 660076);
  g_assert_cmpint (dh->actual_pence, ==, 668668);
  g_assert_cmpint (dh->forecast_pence, ==, 672076);
  g_assert_cmpint (dh->variance_pence, ==, 327924);
  g_assert_cmpint (dh->available_pence, ==, 327924);
  g_assert_cmpint (dh->planned_pvi_bp, ==, 8333);
  g_assert_cmpint (dh->actual_pvi_bp, ==, 3333);
  g_assert_cmpint (dh->quarter_pence[0], ==, 25000);
  g_assert_cmpint (dh->quarter_pence[1], ==, 35001);
  g_assert_cmpint (dh->quarter_pence[2], ==, 200000);
  g_assert_cmpint (dh->quarter_pence[3], ==, 208667);
  g_assert_cmpint (dh->quarter_pence[4], ==, 200000);

  /* LSCB
   *   Proposed  = 0
   *   Committed = A1 60076 + M1 70000 + U1 20000 = 150076 (X1 is cancelled)
   *   Actual    = T01 5000 + T02 30000 + T07 70000 + T08 12500 + T09 8000
   *             − T15 2000 + T17 4999 + T22 16666 = 145165
   *   Forecast  = A1 max(60076, 56665) + M1 max(70000, 70000) + U1 max(20000, 12500)
   *             + X1 actual 8000 + no commission −2000 = 156076
   *   Variance  = 500000 − 156076 = 343924 = Available
   *   Planned PVI = (60076·10/20 + 0 + 20000·5/25) / 150076 = 34038 / 150076
   *               = 22.680…% -> 22.68%; actual PVI 33.33% (A1 again)
   *   Quarters: outside 4999; Q1 35000; Q2 70000 + 12500 − 2000 = 80500;
   *   Q3 8000 + 16666 = 24666; Q4 0 */
  lscb = find_figures (summary, "LSCB");
  g_assert_cmpint (lscb->allocation_pence, ==, 500000);
  g_assert_cmpint (lscb->proposed_pence, ==, 0);
  g_assert_cmpint (lscb->committed_pence, ==, 150076);
  g_assert_cmpint (lscb->actual_pence, ==, 145165);
  g_assert_cmpint (lscb->forecast_pence, ==, 156076);
  g_assert_cmpint (lscb->variance_pence, ==, 343924);
  g_assert_cmpint (lscb->available_pence, ==, 343924);
  g_assert_cmpint (lscb->planned_pvi_bp, ==, 2268);
  g_assert_cmpint (lscb->actual_pvi_bp, ==, 3333);
  g_assert_cmpint (lscb->quarter_pence[0], ==, 4999);
  g_assert_cmpint (lscb->quarter_pence[1], ==, 35000);
  g_assert_cmpint (lscb->quarter_pence[2], ==, 80500);
  g_assert_cmpint (lscb->quarter_pence[3], ==, 24666);
  g_assert_cmpint (lscb->quarter_pence[4], ==, 0);

  /* CORE
   *   Proposed  = P1 60000
   *   Committed = N1 100000 + I1 35000 = 135000
   *   Actual    = T03 50000 + T04 50000 − T05 2000 + T06 35000 + T13 4550
   *             + T19 3000 − T20 3500 = 137050
   *   Forecast  = N1 max(100000, 98000) + P1 actual 0 + I1 actual 31500
   *             + M1 max(0, 3000) + no commission 4550 = 139050
   *   Variance  = 300000 − 139050 = 160950; Available = 160950 − 60000 = 100950
   *   Planned PVI = (100000·8/10 + 35000·5/20) / 135000 = 88750 / 135000
   *               = 65.740…% -> 65.74%
   *   Actual PVI  = I1: 31500·2/4 / 31500 = 50% (the no-show does not count)
   *   Quarters: Q1 35000 + 4550 = 39550; Q2 50000; Q3 50000 − 2000 + 3000 = 51000;
   *   Q4 −3500 */
  core = find_figures (summary, "CORE");
  g_assert_cmpint (core->allocation_pence, ==, 300000);
  g_assert_cmpint (core->proposed_pence, ==, 60000);
  g_assert_cmpint (core->committed_pence, ==, 135000);
  g_assert_cmpint (core->actual_pence, ==, 137050);
  g_assert_cmpint (core->forecast_pence, ==, 139050);
  g_assert_cmpint (core->variance_pence, ==, 160950);
  g_assert_cmpint (core->available_pence, ==, 100950);
  g_assert_cmpint (core->planned_pvi_bp, ==, 6574);
  g_assert_cmpint (core->actual_pvi_bp, ==, 5000);
  g_assert_cmpint (core->quarter_pence[0], ==, 0);
  g_assert_cmpint (core->quarter_pence[1], ==, 39550);
  g_assert_cmpint (core->quarter_pence[2], ==, 50000);
  g_assert_cmpint (core->quarter_pence[3], ==, 51000);
  g_assert_cmpint (core->quarter_pence[4], ==, -3500);

  /* Totals are the sums of the rows. */
  totals = summary->totals;
  g_assert_null (totals->code);
  g_assert_cmpint (totals->allocation_pence, ==, 1800000);
  g_assert_cmpint (totals->proposed_pence, ==, 60000);
  g_assert_cmpint (totals->committed_pence, ==, 660076 + 150076 + 135000);
  g_assert_cmpint (totals->actual_pence, ==, 668668 + 145165 + 137050);
  g_assert_cmpint (totals->forecast_pence, ==, 672076 + 156076 + 139050);
  g_assert_cmpint (totals->variance_pence, ==, 327924 + 343924 + 160950);
  g_assert_cmpint (totals->available_pence, ==, 327924 + 343924 + 100950);
  g_assert_cmpint (totals->quarter_pence[0], ==, 25000 + 4999);
  g_assert_cmpint (totals->quarter_pence[4], ==, 200000 + 0 - 3500);

  /* Unallocated in 2010: T11 15000 + T12 50000 (Q4) and T14 6000 (Q2);
   * T18 went to the 2009 stream and is not unallocated. */
  g_assert_cmpint (summary->unallocated_pence, ==, 71000);
  g_assert_cmpint (summary->unallocated_quarter_pence[2], ==, 6000);
  g_assert_cmpint (summary->unallocated_quarter_pence[4], ==, 65000);

  /* A year without streams is empty, not an error. */
  g_clear_pointer (&summary, cm_budget_summary_free);
  summary = cm_budget_summary (fixture->db, 2012, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->streams->len, ==, 0);
  g_assert_cmpint (summary->totals->allocation_pence, ==, 0);
  g_assert_cmpint (summary->unallocated_pence, ==, 0);
}

static const CmBudgetPart *
find_part (GPtrArray  *parts,
           const char *reference,
           const char *stream)
{
  for (guint i = 0; i < parts->len; i++)
    {
      const CmBudgetPart *part = g_ptr_array_index (parts, i);

      if (g_str_equal (part->reference, reference) && g_strcmp0 (part->stream_code, stream) == 0)
        return part;
    }

  return NULL;
}

static void
test_parts (void)
{
  g_autoptr(Fixture) fixture = scenario_new ();
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) ledger = NULL;
  g_autoptr(GPtrArray) transactions = NULL;
  g_autoptr(GError) error = NULL;
  const CmBudgetPart *part;
  gint64 sum = 0;

  parts = cm_budget_list_parts (fixture->db, 2010, &error);
  g_assert_no_error (error);

  /* 22 transactions; T18 is not in 2010; A1's four and N1's three
   * (not T16) have two parts each: 21 + 4 + 3 = 28. */
  g_assert_cmpuint (parts->len, ==, 28);

  part = find_part (parts, "T01", "DH");
  g_assert_nonnull (part);
  g_assert_cmpint (part->amount_pence, ==, 5001);
  g_assert_cmpint (part->quarter, ==, 1);
  g_assert_cmpstr (part->commission_code, ==, "A1");
  g_assert_cmpstr (part->kind, ==, "invoice");
  g_assert_cmpint (find_part (parts, "T01", "LSCB")->amount_pence, ==, 5000);
  g_assert_cmpint (find_part (parts, "T17", "DH")->amount_pence, ==, 5000);
  g_assert_cmpint (find_part (parts, "T17", "LSCB")->amount_pence, ==, 4999);
  g_assert_cmpint (find_part (parts, "T17", "LSCB")->quarter, ==, 0);
  g_assert_cmpint (find_part (parts, "T22", "DH")->amount_pence, ==, 16667);
  g_assert_cmpint (find_part (parts, "T22", "LSCB")->amount_pence, ==, 16666);
  g_assert_cmpint (find_part (parts, "T05", "DH")->amount_pence, ==, -8000);
  g_assert_cmpint (find_part (parts, "T05", "CORE")->amount_pence, ==, -2000);
  g_assert_cmpint (find_part (parts, "T16", "DH")->amount_pence, ==, 20000);
  g_assert_null (find_part (parts, "T16", "CORE"));
  g_assert_cmpint (find_part (parts, "T19", "CORE")->amount_pence, ==, 3000);
  g_assert_null (find_part (parts, "T19", "LSCB"));
  g_assert_cmpint (find_part (parts, "T12", NULL)->amount_pence, ==, 50000);
  g_assert_cmpint (find_part (parts, "T14", NULL)->quarter, ==, 2);
  g_assert_null (find_part (parts, "T18", "OLD"));

  /* By date: T16 (2010-03-31) first, T17 (2011-04-01) last. */
  g_assert_cmpstr (((CmBudgetPart *) g_ptr_array_index (parts, 0))->reference, ==, "T16");
  g_assert_cmpstr (((CmBudgetPart *) g_ptr_array_index (parts, parts->len - 1))->reference, ==, "T17");

  /* Every transaction's parts add up to it exactly. */
  for (guint i = 0; i < parts->len; i++)
    sum += ((CmBudgetPart *) g_ptr_array_index (parts, i))->amount_pence;
  g_assert_cmpint (sum, ==, cm_test_query_int64 (fixture->db, "SELECT sum(amount_pence) FROM transactions WHERE reference <> 'T18'"));

  /* The ledger of A1: four transactions, eight parts, 100.01 + 600 + 99.99 + 333.33. */
  ledger = cm_budget_list_parts_for_commission (fixture->db, commission_id (fixture->db, "A1"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ledger->len, ==, 8);
  sum = 0;
  for (guint i = 0; i < ledger->len; i++)
    sum += ((CmBudgetPart *) g_ptr_array_index (ledger, i))->amount_pence;
  g_assert_cmpint (sum, ==, 10001 + 60000 + 9999 + 33333);
  /* In the ledger a part's quarter is that of its own year. */
  g_assert_cmpint (((CmBudgetPart *) g_ptr_array_index (ledger, ledger->len - 1))->quarter, ==, 1);

  /* The year's transactions: those dated in it, T18 too (spend of the
   * year, though charged to a 2009 stream), and T16 and T17, dated
   * outside it but charged to its streams. */
  transactions = cm_budget_list_transactions (fixture->db, 2010, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (transactions->len, ==, 22);
  g_assert_cmpstr (((CmBudgetTransaction *) g_ptr_array_index (transactions, 0))->reference, ==, "T16");
  g_clear_pointer (&transactions, g_ptr_array_unref);
  transactions = cm_budget_list_transactions (fixture->db, 2009, &error);
  g_assert_no_error (error);
  /* 2009: T16 is dated in it; T18 is charged to its stream. */
  g_assert_cmpuint (transactions->len, ==, 2);
}

typedef struct
{
  const char *kind;
  const char *subject;
} Expected;

static void
assert_warnings (CmDb           *db,
                 const char     *today_iso,
                 const Expected *expected,
                 guint           n_expected)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  set_date (&today, today_iso);
  warnings = cm_budget_warnings (db, 2010, &today, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < warnings->len; i++)
    {
      const CmBudgetWarning *warning = g_ptr_array_index (warnings, i);

      g_test_message ("%s %s %s", warning->kind, warning->subject, warning->message);
      g_assert_true (g_utf8_validate (warning->message, -1, NULL));
      g_assert_cmpstr (warning->message, !=, "");
    }

  g_assert_cmpuint (warnings->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const CmBudgetWarning *warning = g_ptr_array_index (warnings, i);

      g_assert_cmpstr (warning->kind, ==, expected[i].kind);
      g_assert_cmpstr (warning->subject, ==, expected[i].subject);
    }
}

static void
test_warnings (void)
{
  g_autoptr(Fixture) fixture = scenario_new ();
  g_autoptr(CmBudgetStream) core = NULL;
  g_autoptr(CmBudgetCommission) n1 = NULL;
  g_autoptr(GError) error = NULL;
  /* On 1 June 2010 nothing is near its spend-by date. In order of kind:
   *   ineligible-split  M1: management training on LSCB (safeguarding only)
   *   unfunded          Q1 (£1,000.00), U1 (£50.00), Z1 (£150.00); approved
   *                     or contracted. A1, N1, M1, I1 and E1 are fully funded.
   *   over-funded       P1: £600.00 split on £500.00
   *   spend-outside-stream-year  T16 (DH, 2010-03-31), T17 on DH and on
   *                     LSCB (2011-04-01)
   *   unallocated-spend T11 (no splits), T12 (splits add up to 0), T14
   * Not: over-committed or over-proposed (every Forecast + Proposed is
   * within its allocation), PVI (DH is at 83.33%), underspend (too early),
   * X1 (cancelled), T18 (2009). */
  const Expected june[] = {
    { "ineligible-split", "M1" },
    { "unfunded", "Q1" },
    { "unfunded", "U1" },
    { "unfunded", "Z1" },
    { "over-funded", "P1" },
    { "spend-outside-stream-year", "T16" },
    { "spend-outside-stream-year", "T17" },
    { "spend-outside-stream-year", "T17" },
    { "unallocated-spend", "T11" },
    { "unallocated-spend", "T12" },
    { "unallocated-spend", "T14" },
  };
  /* 31 December 2010 is 90 days before 31 March 2011: DH (Forecast 672076 <
   * 90% of 1000000) and CORE (no expiry, so the year end; 139050 < 270000)
   * are at risk; LSCB may spend until 30 June 2011, so not until 1 April. */
  const Expected december[] = {
    { "ineligible-split", "M1" },
    { "unfunded", "Q1" },
    { "unfunded", "U1" },
    { "unfunded", "Z1" },
    { "over-funded", "P1" },
    { "underspend-risk", "CORE" },
    { "underspend-risk", "DH" },
    { "spend-outside-stream-year", "T16" },
    { "spend-outside-stream-year", "T17" },
    { "spend-outside-stream-year", "T17" },
    { "unallocated-spend", "T11" },
    { "unallocated-spend", "T12" },
    { "unallocated-spend", "T14" },
  };
  const Expected april[] = {
    { "ineligible-split", "M1" },
    { "unfunded", "Q1" },
    { "unfunded", "U1" },
    { "unfunded", "Z1" },
    { "over-funded", "P1" },
    { "underspend-risk", "CORE" },
    { "underspend-risk", "DH" },
    { "underspend-risk", "LSCB" },
    { "spend-outside-stream-year", "T16" },
    { "spend-outside-stream-year", "T17" },
    { "spend-outside-stream-year", "T17" },
    { "unallocated-spend", "T11" },
    { "unallocated-spend", "T12" },
    { "unallocated-spend", "T14" },
  };
  /* CORE's allocation cut to 139049: Forecast 139050 is over it, and no
   * longer under 90% of it. Over-committed only: over-proposed is for a
   * stream whose Forecast still fits, so one overspend gives one warning. */
  const Expected over[] = {
    { "over-committed", "CORE" },
    { "ineligible-split", "M1" },
    { "unfunded", "Q1" },
    { "unfunded", "U1" },
    { "unfunded", "Z1" },
    { "over-funded", "P1" },
    { "spend-outside-stream-year", "T16" },
    { "spend-outside-stream-year", "T17" },
    { "spend-outside-stream-year", "T17" },
    { "unallocated-spend", "T11" },
    { "unallocated-spend", "T12" },
    { "unallocated-spend", "T14" },
  };
  /* At exactly 139050 it is not over-committed, but with P1's £600.00
   * proposed it is over-proposed; at 199050 (139050 + 60000) neither. And
   * N1 without PVI places pulls DH down to (30038 + 0 + 200000) / 660076
   * = 34.85% < 50%. */
  const Expected proposed_only[] = {
    { "over-proposed", "CORE" },
    { "ineligible-split", "M1" },
    { "pvi-share-below-minimum", "DH" },
    { "unfunded", "Q1" },
    { "unfunded", "U1" },
    { "unfunded", "Z1" },
    { "over-funded", "P1" },
    { "spend-outside-stream-year", "T16" },
    { "spend-outside-stream-year", "T17" },
    { "spend-outside-stream-year", "T17" },
    { "unallocated-spend", "T11" },
    { "unallocated-spend", "T12" },
    { "unallocated-spend", "T14" },
  };
  const Expected within[] = {
    { "ineligible-split", "M1" },
    { "pvi-share-below-minimum", "DH" },
    { "unfunded", "Q1" },
    { "unfunded", "U1" },
    { "unfunded", "Z1" },
    { "over-funded", "P1" },
    { "spend-outside-stream-year", "T16" },
    { "spend-outside-stream-year", "T17" },
    { "spend-outside-stream-year", "T17" },
    { "unallocated-spend", "T11" },
    { "unallocated-spend", "T12" },
    { "unallocated-spend", "T14" },
  };
  g_autoptr(GPtrArray) streams = NULL;

  assert_warnings (fixture->db, "2010-06-01", june, G_N_ELEMENTS (june));
  assert_warnings (fixture->db, "2010-12-30", june, G_N_ELEMENTS (june));
  assert_warnings (fixture->db, "2010-12-31", december, G_N_ELEMENTS (december));
  assert_warnings (fixture->db, "2011-03-31", december, G_N_ELEMENTS (december));
  assert_warnings (fixture->db, "2011-04-01", april, G_N_ELEMENTS (april));

  streams = cm_budget_list_streams (fixture->db, 2010, &error);
  g_assert_no_error (error);
  core = cm_budget_stream_copy (g_ptr_array_index (streams, 0));
  g_assert_cmpstr (core->code, ==, "CORE");

  core->allocation_pence = 139049;
  g_assert_true (cm_budget_save_stream (fixture->db, core, &error));
  g_assert_no_error (error);
  assert_warnings (fixture->db, "2010-06-01", over, G_N_ELEMENTS (over));

  n1 = cm_budget_get_commission (fixture->db, commission_id (fixture->db, "N1"), &error);
  g_assert_no_error (error);
  n1->pvi_places = 0;
  g_assert_true (cm_budget_save_commission (fixture->db, n1, &error));
  g_assert_no_error (error);

  core->allocation_pence = 139050;
  g_assert_true (cm_budget_save_stream (fixture->db, core, &error));
  g_assert_no_error (error);
  assert_warnings (fixture->db, "2010-06-01", proposed_only, G_N_ELEMENTS (proposed_only));

  core->allocation_pence = 199050;
  g_assert_true (cm_budget_save_stream (fixture->db, core, &error));
  g_assert_no_error (error);
  assert_warnings (fixture->db, "2010-06-01", within, G_N_ELEMENTS (within));
}

/* Spend on a commission that is still proposed: it leaves Proposed for
 * the Forecast, so Available does not move, and it is flagged. */
static void
test_proposed_spend (void)
{
  g_autoptr(Fixture) fixture = scenario_new ();
  g_autoptr(CmBudgetSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  const CmBudgetFigures *core;
  const Expected with_spend[] = {
    { "spend-before-approval", "P1" },
    { "ineligible-split", "M1" },
    { "unfunded", "Q1" },
    { "unfunded", "U1" },
    { "unfunded", "Z1" },
    { "over-funded", "P1" },
    { "spend-outside-stream-year", "T16" },
    { "spend-outside-stream-year", "T17" },
    { "spend-outside-stream-year", "T17" },
    { "unallocated-spend", "T11" },
    { "unallocated-spend", "T12" },
    { "unallocated-spend", "T14" },
  };

  /* £200.00 invoiced against P1, whose only split is £600.00 on CORE:
   *   Proposed  = max(0, 60000 − 20000) = 40000 (was 60000)
   *   Forecast  = 139050 + P1 actual 20000 = 159050
   *   Available = 300000 − 159050 − 40000 = 100950, as before the invoice */
  add_spend (fixture->db, "2010-07-01", 20000, "P1", NULL, "T30", "invoice");
  summary = cm_budget_summary (fixture->db, 2010, &error);
  g_assert_no_error (error);
  core = find_figures (summary, "CORE");
  g_assert_cmpint (core->proposed_pence, ==, 40000);
  g_assert_cmpint (core->actual_pence, ==, 137050 + 20000);
  g_assert_cmpint (core->forecast_pence, ==, 159050);
  g_assert_cmpint (core->available_pence, ==, 100950);
  g_assert_cmpint (summary->totals->proposed_pence, ==, 40000);
  assert_warnings (fixture->db, "2010-06-01", with_spend, G_N_ELEMENTS (with_spend));

  /* £500.00 more is more than its split: nothing is still to come.
   *   Proposed  = max(0, 60000 − 70000) = 0
   *   Forecast  = 139050 + 70000 = 209050; Available = 90950 */
  add_spend (fixture->db, "2010-08-01", 50000, "P1", NULL, "T31", "invoice");
  g_clear_pointer (&summary, cm_budget_summary_free);
  summary = cm_budget_summary (fixture->db, 2010, &error);
  g_assert_no_error (error);
  core = find_figures (summary, "CORE");
  g_assert_cmpint (core->proposed_pence, ==, 0);
  g_assert_cmpint (core->forecast_pence, ==, 209050);
  g_assert_cmpint (core->available_pence, ==, 90950);

  /* CORE cannot be deleted, and the refusal counts what depends on it:
   * N1, P1 and I1 are funded from it; T03, T04, T05 (N1), T06, T20 (I1),
   * T30 and T31 (P1) reach it through their splits; T13 and T19 name it. */
  g_assert_false (cm_budget_delete_stream (fixture->db, core->stream_id, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_IN_USE);
  g_assert_cmpstr (error->message, ==,
                   "The funding stream is still in use: 3 commissions are funded from it; "
                   "7 transactions of theirs are charged to it through their funding; "
                   "2 transactions name it. Move them to another stream first");
}

static void
test_warning_messages (void)
{
  g_autoptr(Fixture) fixture = scenario_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  set_date (&today, "2010-12-31");
  warnings = cm_budget_warnings (fixture->db, 2010, &today, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < warnings->len; i++)
    {
      const CmBudgetWarning *warning = g_ptr_array_index (warnings, i);

      if (g_str_equal (warning->subject, "U1"))
        g_assert_cmpstr (warning->message, ==, "£50.00 of the planned cost of £250.00 has no funding");
      else if (g_str_equal (warning->subject, "P1"))
        g_assert_cmpstr (warning->message, ==, "Splits add up to £100.00 more than the planned cost of £500.00");
      else if (g_str_equal (warning->subject, "M1"))
        g_assert_cmpstr (warning->message, ==, "Funded from LSCB, which does not fund management training");
      else if (g_str_equal (warning->subject, "T14"))
        g_assert_cmpstr (warning->message, ==, "£60.00 of spend dated 15 Jul 2010 is charged to no funding stream");
      else if (g_str_equal (warning->subject, "T16"))
        g_assert_cmpstr (warning->message, ==, "£200.00 of spend dated 31 Mar 2010 is charged to DH, a 2010/11 stream");
      else if (g_str_equal (warning->subject, "DH"))
        g_assert_cmpstr (warning->message, ==,
                         "Forecast spend of £6,720.76 is under 90% of the allocation of £10,000.00, "
                         "with £3,279.24 unspent; the money must be spent by 31 Mar 2011");
    }
}

/* Editing. */

static void
test_edit_streams (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(CmBudgetStream) stream = NULL;
  g_autoptr(CmBudgetStream) again = NULL;
  g_autoptr(CmBudgetStream) duplicate = NULL;
  g_autoptr(GPtrArray) streams = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = add_stream (fixture->db, "DH", "DH", 2010, 24000000, TRUE, "2011-03-31", 5000, "qualification;safeguarding");

  stream = cm_budget_get_stream (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stream->code, ==, "DH");
  g_assert_cmpstr (stream->name, ==, "Stream DH");
  g_assert_cmpint (stream->allocation_pence, ==, 24000000);
  g_assert_true (stream->ring_fenced);
  g_assert_true (g_date_valid (&stream->expiry));
  g_assert_cmpint (g_date_get_day (&stream->expiry), ==, 31);
  g_assert_cmpint (stream->min_pvi_bp, ==, 5000);
  g_assert_cmpstr (stream->return_kind, ==, "none");
  /* Categories come back in the vocabulary's order. */
  g_assert_cmpuint (g_strv_length (stream->eligible_categories), ==, 2);
  g_assert_cmpstr (stream->eligible_categories[0], ==, "safeguarding");
  g_assert_cmpstr (stream->eligible_categories[1], ==, "qualification");

  /* Update in place: categories replaced, expiry removed. */
  g_strfreev (stream->eligible_categories);
  stream->eligible_categories = NULL;
  g_date_clear (&stream->expiry, 1);
  stream->allocation_pence = 100;
  g_assert_true (cm_budget_save_stream (fixture->db, stream, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stream->id, ==, id);
  again = cm_budget_get_stream (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_null (again->eligible_categories);
  g_assert_false (g_date_valid (&again->expiry));
  g_assert_cmpint (again->allocation_pence, ==, 100);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM stream_categories"), ==, 0);

  /* A second stream with the same code is refused, naming the code. */
  duplicate = cm_budget_stream_copy (stream);
  duplicate->id = 0;
  g_assert_false (cm_budget_save_stream (fixture->db, duplicate, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "DH"));
  g_assert_cmpint (duplicate->id, ==, 0);
  g_clear_error (&error);

  /* Domain rules. */
  g_free (duplicate->code);
  duplicate->code = g_strdup ("X");
  g_free (duplicate->funder);
  duplicate->funder = g_strdup ("Lottery");
  g_assert_false (cm_budget_save_stream (fixture->db, duplicate, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_INVALID);
  g_clear_error (&error);
  g_free (duplicate->funder);
  duplicate->funder = g_strdup ("Other");
  duplicate->min_pvi_bp = 10001;
  g_assert_false (cm_budget_save_stream (fixture->db, duplicate, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_INVALID);
  g_clear_error (&error);
  duplicate->min_pvi_bp = 0;
  duplicate->eligible_categories = g_strsplit ("cooking", ";", -1);
  g_assert_false (cm_budget_save_stream (fixture->db, duplicate, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM streams"), ==, 1);

  /* In use: a transaction names it. Then deleted, and undone by saving
   * the same struct again, which keeps its id. */
  add_spend (fixture->db, "2010-05-01", 100, NULL, "DH", "R1", "invoice");
  g_assert_false (cm_budget_delete_stream (fixture->db, id, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_IN_USE);
  g_assert_cmpstr (error->message, ==, "The funding stream is still in use: 1 transaction names it. Move them to another stream first");
  g_clear_error (&error);
  g_assert_true (cm_db_exec (fixture->db, "DELETE FROM transactions", &error));
  g_assert_true (cm_budget_delete_stream (fixture->db, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM streams"), ==, 0);
  g_assert_false (cm_budget_delete_stream (fixture->db, id, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (cm_budget_save_stream (fixture->db, again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, id);

  streams = cm_budget_list_streams (fixture->db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (streams->len, ==, 1);
}

/* A stream's code is unique within its year; a code given for a split
 * or a transaction names the stream of the commission's year or of the
 * transaction's date. */
static void
test_streams_by_year (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(CmBudgetStream) duplicate = NULL;
  g_autoptr(CmBudgetTransaction) transaction = cm_budget_transaction_new ();
  g_autoptr(CmBudgetSplit) split = cm_budget_split_new ();
  g_autoptr(GError) error = NULL;
  CmBudgetCommission *c;
  gint64 dh_2010, dh_2011, c_2011, t_march, t_april;

  dh_2010 = add_stream (fixture->db, "DH-WDG", "DH", 2010, 24000000, TRUE, "2011-03-31", 5000, NULL);
  dh_2011 = add_stream (fixture->db, "DH-WDG", "DH", 2011, 25000000, TRUE, "2012-03-31", 5000, NULL);
  add_stream (fixture->db, "LSCB", "LSCB", 2010, 6000000, FALSE, NULL, 0, NULL);
  g_assert_cmpint (dh_2010, !=, dh_2011);

  /* The same code twice in one year is refused, naming code and year;
   * so is moving a stream into a year that has its code. */
  duplicate = cm_budget_get_stream (fixture->db, dh_2011, &error);
  g_assert_no_error (error);
  duplicate->id = 0;
  g_assert_false (cm_budget_save_stream (fixture->db, duplicate, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "There is already a funding stream with code “DH-WDG” in 2011/12");
  g_clear_error (&error);
  duplicate->id = dh_2011;
  duplicate->year = 2010;
  g_assert_false (cm_budget_save_stream (fixture->db, duplicate, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "There is already a funding stream with code “DH-WDG” in 2010/11");
  g_clear_error (&error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT allocation_pence FROM streams WHERE id = 1"), ==, 24000000);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT sum (allocation_pence) FROM streams WHERE year = 2011"),
                   ==, 25000000);

  /* Splits by code take the commission's year. */
  c = new_commission ("NVQ-10", NULL, "approved", 1, 2, 10, 100000, 0, 0, 0, 0);
  add_percent (c, "DH-WDG", 10000);
  save_commission (fixture->db, c);
  c = new_commission ("NVQ-11", NULL, "approved", 1, 2, 10, 100000, 0, 0, 0, 0);
  c->year = 2011;
  add_percent (c, "DH-WDG", 5000);
  c_2011 = save_commission (fixture->db, c);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT stream_id FROM splits WHERE commission_id = 1"), ==, dh_2010);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT stream_id FROM splits WHERE commission_id = 2"), ==, dh_2011);

  /* A 2011/12 commission has no LSCB stream: refused, nothing changed. */
  split->commission_id = c_2011;
  split->stream_code = g_strdup ("LSCB");
  split->is_percent = TRUE;
  split->percent_bp = 5000;
  g_assert_false (cm_budget_save_split (fixture->db, split, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no funding stream “LSCB” in 2011/12");
  g_clear_error (&error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM splits"), ==, 2);

  /* Spend by code takes the financial year of its date. */
  t_march = add_spend_by_code (fixture->db, "2011-03-31", "DH-WDG", "INV-1");
  t_april = add_spend_by_code (fixture->db, "2011-04-01", "DH-WDG", "INV-2");
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT stream_id FROM transactions WHERE reference = 'INV-1'"),
                   ==, dh_2010);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT stream_id FROM transactions WHERE reference = 'INV-2'"),
                   ==, dh_2011);
  g_assert_cmpint (t_march, !=, t_april);

  set_date (&transaction->date, "2011-04-01");
  transaction->amount_pence = 100;
  transaction->stream_code = g_strdup ("LSCB");
  g_free (transaction->reference);
  transaction->reference = g_strdup ("INV-3");
  g_assert_false (cm_budget_save_transaction (fixture->db, transaction, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no funding stream “LSCB” in 2011/12");
  g_clear_error (&error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM transactions"), ==, 2);
}

/* Reads one stream by code and year, which must exist. */
static CmBudgetStream *
get_stream (CmDb       *db,
            const char *code,
            int         year)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM streams WHERE code = '%s' AND year = %d", code, year);
  g_autoptr(GError) error = NULL;
  CmBudgetStream *stream;
  gint64 id = cm_test_query_int64 (db, sql);

  g_assert_cmpint (id, >, 0);
  stream = cm_budget_get_stream (db, id, &error);
  g_assert_no_error (error);
  return stream;
}

static char *
join_codes (GPtrArray *codes)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < codes->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? "," : "", (const char *) g_ptr_array_index (codes, i));

  return g_string_free (joined, FALSE);
}

static void
test_copy_streams (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GPtrArray) copied = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(CmBudgetStream) lscb = NULL;
  g_autoptr(CmBudgetStream) lscb_2011 = NULL;
  g_autoptr(CmBudgetStream) core_2011 = NULL;
  g_autoptr(CmBudgetStream) dh_2011 = NULL;
  g_autoptr(CmBudgetStream) leap_2012 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int previous = -1;

  add_stream (fixture->db, "DH-WDG", "DH", 2010, 24000000, TRUE, "2011-03-31", 5000, "safeguarding;qualification");
  add_stream (fixture->db, "CORE", "Core", 2010, 3000000, FALSE, NULL, 0, NULL);
  add_stream (fixture->db, "LSCB", "LSCB", 2010, 6000000, TRUE, "2011-06-30", 2500, "safeguarding");
  lscb = get_stream (fixture->db, "LSCB", 2010);
  g_free (lscb->return_kind);
  lscb->return_kind = g_strdup ("lscb");
  g_free (lscb->name);
  lscb->name = g_strdup ("LSCB multi-agency training");
  g_assert_true (cm_budget_save_stream (fixture->db, lscb, &error));
  g_assert_no_error (error);
  /* 2011/12 already has its DH grant, with its own allocation. */
  add_stream (fixture->db, "DH-WDG", "DH", 2011, 123, FALSE, NULL, 0, NULL);

  g_assert_true (cm_budget_previous_stream_year (fixture->db, 2011, &previous, &error));
  g_assert_cmpint (previous, ==, 2010);
  g_assert_true (cm_budget_previous_stream_year (fixture->db, 2010, &previous, &error));
  g_assert_cmpint (previous, ==, 0);
  g_assert_true (cm_budget_previous_stream_year (fixture->db, 2014, &previous, &error));
  g_assert_cmpint (previous, ==, 2011);
  g_assert_no_error (error);

  before = cm_test_query_text (fixture->db, "SELECT group_concat (id || code || year || allocation_pence || ifnull (expiry, '-'), ',')"
                                            " FROM streams WHERE year = 2010");

  g_assert_true (cm_budget_copy_streams (fixture->db, 2010, 2011, &copied, &skipped, &error));
  g_assert_no_error (error);
  codes = join_codes (copied);
  g_assert_cmpstr (codes, ==, "CORE,LSCB");
  g_clear_pointer (&codes, g_free);
  codes = join_codes (skipped);
  g_assert_cmpstr (codes, ==, "DH-WDG");
  g_clear_pointer (&codes, g_free);

  /* Every field is copied but the allocation; the expiry moves a year. */
  lscb_2011 = get_stream (fixture->db, "LSCB", 2011);
  g_assert_cmpint (lscb_2011->id, !=, lscb->id);
  g_assert_cmpstr (lscb_2011->name, ==, "LSCB multi-agency training");
  g_assert_cmpstr (lscb_2011->funder, ==, "LSCB");
  g_assert_cmpint (lscb_2011->year, ==, 2011);
  g_assert_cmpint (lscb_2011->allocation_pence, ==, 0);
  g_assert_true (lscb_2011->ring_fenced);
  g_assert_cmpint (g_date_get_year (&lscb_2011->expiry), ==, 2012);
  g_assert_cmpint (g_date_get_month (&lscb_2011->expiry), ==, G_DATE_JUNE);
  g_assert_cmpint (g_date_get_day (&lscb_2011->expiry), ==, 30);
  g_assert_cmpint (lscb_2011->min_pvi_bp, ==, 2500);
  g_assert_cmpuint (g_strv_length (lscb_2011->eligible_categories), ==, 1);
  g_assert_cmpstr (lscb_2011->eligible_categories[0], ==, "safeguarding");
  g_assert_cmpstr (lscb_2011->return_kind, ==, "lscb");

  core_2011 = get_stream (fixture->db, "CORE", 2011);
  g_assert_cmpstr (core_2011->funder, ==, "Core");
  g_assert_cmpint (core_2011->allocation_pence, ==, 0);
  g_assert_false (core_2011->ring_fenced);
  g_assert_false (g_date_valid (&core_2011->expiry));
  g_assert_null (core_2011->eligible_categories);
  g_assert_cmpstr (core_2011->return_kind, ==, "none");

  /* What 2011/12 had is left alone, and so is 2010/11. */
  dh_2011 = get_stream (fixture->db, "DH-WDG", 2011);
  g_assert_cmpint (dh_2011->allocation_pence, ==, 123);
  g_assert_false (dh_2011->ring_fenced);
  g_assert_null (dh_2011->eligible_categories);
  after = cm_test_query_text (fixture->db, "SELECT group_concat (id || code || year || allocation_pence || ifnull (expiry, '-'), ',')"
                                           " FROM streams WHERE year = 2010");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM streams"), ==, 6);

  /* 29 February becomes the 28th in a year without one. */
  add_stream (fixture->db, "LEAP", "Other", 2011, 100, FALSE, "2012-02-29", 0, NULL);
  g_clear_pointer (&copied, g_ptr_array_unref);
  g_clear_pointer (&skipped, g_ptr_array_unref);
  g_assert_true (cm_budget_copy_streams (fixture->db, 2011, 2012, &copied, &skipped, &error));
  g_assert_no_error (error);
  codes = join_codes (copied);
  g_assert_cmpstr (codes, ==, "CORE,DH-WDG,LEAP,LSCB");
  g_assert_cmpuint (skipped->len, ==, 0);
  leap_2012 = get_stream (fixture->db, "LEAP", 2012);
  g_assert_cmpint (g_date_get_year (&leap_2012->expiry), ==, 2013);
  g_assert_cmpint (g_date_get_month (&leap_2012->expiry), ==, G_DATE_FEBRUARY);
  g_assert_cmpint (g_date_get_day (&leap_2012->expiry), ==, 28);

  /* Refused: the same year, a year without streams, not a year. Nothing changes. */
  g_assert_false (cm_budget_copy_streams (fixture->db, 2010, 2010, NULL, NULL, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The streams of 2010/11 cannot be copied into the same year");
  g_clear_error (&error);
  g_assert_false (cm_budget_copy_streams (fixture->db, 2009, 2013, NULL, NULL, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There are no funding streams in 2009/10 to copy");
  g_clear_error (&error);
  g_assert_false (cm_budget_copy_streams (fixture->db, 2010, 10000, NULL, NULL, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM streams"), ==, 11);
}

static void
test_edit_commissions (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(CmBudgetCommission) read = NULL;
  g_autoptr(CmBudgetCommission) copy = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  CmBudgetCommission *c;
  CmBudgetSplit split = { 0 };
  gint64 id, before;

  add_stream (fixture->db, "DH", "DH", 2010, 100000, FALSE, NULL, 0, NULL);
  add_stream (fixture->db, "CORE", "Core", 2010, 100000, FALSE, NULL, 0, NULL);

  c = new_commission ("A1", "SG-A", "proposed", 3, 1, 20, 30000, 10101, 0, 250, 10);
  add_percent (c, "DH", 2500);
  add_amount (c, "CORE", 50000);
  id = save_commission (fixture->db, c);

  read = cm_budget_get_commission (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->competency_code, ==, "SG-A");
  g_assert_cmpstr (read->category, ==, "safeguarding");
  g_assert_cmpint (read->planned_pence, ==, 120152);
  /* Splits by stream code: CORE £500.00, DH 25% of 120152 = 30038. */
  g_assert_cmpuint (read->splits->len, ==, 2);
  g_assert_cmpstr (((CmBudgetSplit *) g_ptr_array_index (read->splits, 0))->stream_code, ==, "CORE");
  g_assert_cmpint (((CmBudgetSplit *) g_ptr_array_index (read->splits, 0))->value_pence, ==, 50000);
  g_assert_cmpint (((CmBudgetSplit *) g_ptr_array_index (read->splits, 1))->value_pence, ==, 30038);
  g_assert_cmpint (read->funded_pence, ==, 80038);
  g_assert_cmpint (read->unfunded_pence, ==, 40114);
  g_assert_cmpint (read->actual_pence, ==, 0);

  /* Saving replaces the splits, in one transaction: a bad split (an
   * unknown stream) leaves the old ones and the old fields alone. */
  copy = cm_budget_commission_copy (read);
  copy->events = 9;
  add_percent (copy, "NOPE", 1000);
  g_assert_false (cm_budget_save_commission (fixture->db, copy, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT events FROM commissions"), ==, 3);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM splits"), ==, 2);

  /* The same stream twice is refused too. */
  g_ptr_array_remove_index (copy->splits, copy->splits->len - 1);
  add_percent (copy, "DH", 1000);
  g_assert_false (cm_budget_save_commission (fixture->db, copy, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM splits"), ==, 2);

  /* PVI places above places. */
  g_ptr_array_remove_index (copy->splits, copy->splits->len - 1);
  copy->pvi_places = 21;
  g_assert_false (cm_budget_save_commission (fixture->db, copy, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_INVALID);
  g_clear_error (&error);
  copy->pvi_places = 10;

  /* Dropping a split and saving works, and refreshes the read-only figures. */
  g_ptr_array_remove_index (copy->splits, 0);
  g_assert_true (cm_budget_save_commission (fixture->db, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (copy->events, ==, 9);
  g_assert_cmpuint (copy->splits->len, ==, 1);
  g_assert_cmpint (copy->funded_pence, ==, cm_budget_split_value (g_ptr_array_index (copy->splits, 0), copy->planned_pence));

  /* Status changes. */
  g_assert_true (cm_budget_set_commission_status (fixture->db, id, "contracted", &error));
  g_assert_no_error (error);
  g_assert_false (cm_budget_set_commission_status (fixture->db, id, "finished", &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cm_budget_set_commission_status (fixture->db, 999, "approved", &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* One split at a time. */
  split.commission_id = id;
  split.stream_code = (char *) "CORE";
  split.is_percent = FALSE;
  split.amount_pence = 1234;
  g_assert_true (cm_budget_save_split (fixture->db, &split, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT amount_pence FROM splits WHERE stream_id = (SELECT id FROM streams WHERE code = 'CORE')"), ==, 1234);
  g_assert_true (cm_budget_delete_split (fixture->db, id, cm_test_query_int64 (fixture->db, "SELECT id FROM streams WHERE code = 'CORE'"), &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM splits"), ==, 1);

  list = cm_budget_list_commissions (fixture->db, 2010, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((CmBudgetCommission *) g_ptr_array_index (list, 0))->status, ==, "contracted");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = cm_budget_list_commissions (fixture->db, 2011, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);

  /* Deleting keeps the spend, unlinked. */
  add_spend (fixture->db, "2010-05-01", 100, "A1", NULL, "R1", "invoice");
  before = cm_test_query_int64 (fixture->db, "SELECT count(*) FROM transactions");
  g_assert_true (cm_budget_delete_commission (fixture->db, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM transactions"), ==, before);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM transactions WHERE commission_id IS NULL"), ==, 1);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM splits"), ==, 0);
}

static void
test_edit_transactions (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(CmBudgetTransaction) read = NULL;
  g_autoptr(CmBudgetTransaction) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  add_stream (fixture->db, "DH", "DH", 2010, 100000, FALSE, NULL, 0, NULL);
  id = add_spend (fixture->db, "2010-05-01", -1234, NULL, "DH", "CN-1", "credit");

  read = cm_budget_get_transaction (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->amount_pence, ==, -1234);
  g_assert_cmpstr (read->stream_code, ==, "DH");
  g_assert_null (read->commission_code);
  g_assert_cmpint (g_date_get_month (&read->date), ==, G_DATE_MAY);

  /* The reference is unique. */
  other = cm_budget_transaction_copy (read);
  other->id = 0;
  g_assert_false (cm_budget_save_transaction (fixture->db, other, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_DUPLICATE);
  g_clear_error (&error);

  g_free (other->reference);
  other->reference = g_strdup ("CN-2");
  g_free (other->kind);
  other->kind = g_strdup ("refund");
  g_assert_false (cm_budget_save_transaction (fixture->db, other, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_INVALID);
  g_clear_error (&error);

  /* Undo of a delete: saving the deleted row again restores its id. */
  g_assert_true (cm_budget_delete_transaction (fixture->db, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM transactions"), ==, 0);
  g_assert_true (cm_budget_save_transaction (fixture->db, read, &error));
  g_assert_no_error (error);
  g_assert_cmpint (read->id, ==, id);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT amount_pence FROM transactions"), ==, -1234);
}

typedef struct
{
  const char          *stream;
  CmFundingReasonKind  kind;
  CmFundingLimit       limit;
  gint64               amount;
  gint64               left;
} ExpectedReason;

static void
assert_outcome (const CmBudgetFundingOutcome *outcome,
                const char                   *code,
                gint64                        needed,
                gint64                        proposed,
                gint64                        unfunded,
                const ExpectedReason         *expected,
                guint                         n_expected)
{
  g_assert_cmpstr (outcome->commission_code, ==, code);
  g_assert_cmpint (outcome->needed_pence, ==, needed);
  g_assert_cmpint (outcome->proposed_pence, ==, proposed);
  g_assert_cmpint (outcome->unfunded_pence, ==, unfunded);
  g_assert_cmpuint (outcome->reasons->len, ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      const CmBudgetFundingReason *reason = g_ptr_array_index (outcome->reasons, i);

      g_assert_cmpstr (reason->stream_code, ==, expected[i].stream);
      g_assert_cmpint (reason->kind, ==, expected[i].kind);
      if (reason->kind == CM_FUNDING_GIVES)
        g_assert_cmpint (reason->limit, ==, expected[i].limit);
      g_assert_cmpint (reason->amount_pence, ==, expected[i].amount);
      g_assert_cmpint (reason->left_pence, ==, expected[i].left);
    }
}

/*
 * Suggest funding, as a finance officer would do it by hand.
 *
 * Streams for 2010/11, on 1 July 2010:
 *   NHS   £1,000.00  spend by 31 December 2010, any category, no PVI rule
 *   DH    £3,000.00  ring-fenced, spend by 31 March 2011, safeguarding and
 *                    qualification only, at least 50% for PVI staff;
 *                    already committed: BASE £1,000.00 at 10/20 PVI places
 *                    (50%), so £2,000.00 is Available and the share is 50%
 *   CORE  £5,000.00  no spend-by date (so 31 March 2011), anything
 *   EXP   £2,000.00  spend by 31 May 2010: already expired, unusable
 *
 * To fund, in this order (all proposed, nothing split yet):
 *   S1 Safeguarding Level B, £1,500.00, 16 of 20 places PVI (80%)
 *   S2 Safeguarding Level A, £2,000.00, no PVI places (council staff)
 *   S3 CAF training (integrated working), £400.00
 *
 * Money that expires first is spent first: NHS, then DH and CORE (both
 * 31 March; the ring-fenced DH grant first, since CORE can pay for anything).
 *   S1: all £1,000.00 of NHS; the other £500.00 from DH. An 80% course
 *       only raises DH's PVI share: (£500 + £400) / (£1,000 + £500) = 60%.
 *   S2: NHS is used up. From DH only as much as keeps the share at 50%:
 *       £900 / (£1,500 + x) >= 50% gives x <= £300.00. The remaining
 *       £1,700.00 from CORE.
 *   S3: integrated working is not eligible for DH: all £400.00 from CORE.
 */
static void
test_suggest_funding (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GPtrArray) proposal = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(CmBudgetCommission) s1 = NULL;
  g_autoptr(GError) error = NULL;
  const struct {
    const char *commission;
    const char *stream;
    gint64      amount;
  } expected[] = {
    { "S1", "NHS", 100000 },
    { "S1", "DH", 50000 },
    { "S2", "DH", 30000 },
    { "S2", "CORE", 170000 },
    { "S3", "CORE", 40000 },
  };
  CmBudgetCommission *c;
  gint64 ids[3];
  GDate today;

  add_stream (fixture->db, "NHS", "NHS", 2010, 100000, FALSE, "2010-12-31", 0, NULL);
  add_stream (fixture->db, "DH", "DH", 2010, 300000, TRUE, "2011-03-31", 5000, "safeguarding;qualification");
  add_stream (fixture->db, "CORE", "Core", 2010, 500000, FALSE, NULL, 0, NULL);
  add_stream (fixture->db, "EXP", "Other", 2010, 200000, FALSE, "2010-05-31", 0, NULL);

  /* £1,000.00: 1 event, fee £1,000. */
  c = new_commission ("BASE", "SG-A", "approved", 1, 1, 20, 100000, 0, 0, 0, 10);
  add_percent (c, "DH", 10000);
  save_commission (fixture->db, c);

  ids[0] = save_commission (fixture->db, new_commission ("S1", "SG-B", "proposed", 1, 4, 20, 150000, 0, 0, 0, 16));
  ids[1] = save_commission (fixture->db, new_commission ("S2", "SG-A", "proposed", 1, 1, 20, 200000, 0, 0, 0, 0));
  ids[2] = save_commission (fixture->db, new_commission ("S3", "IW-CAF", "proposed", 1, 2, 20, 40000, 0, 0, 0, 0));

  set_date (&today, "2010-07-01");
  g_assert_true (cm_budget_suggest_funding (fixture->db, 2010, ids, G_N_ELEMENTS (ids), &today,
                                            &proposal, &outcomes, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (proposal->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CmBudgetProposal *line = g_ptr_array_index (proposal, i);

      g_assert_cmpstr (line->commission_code, ==, expected[i].commission);
      g_assert_cmpstr (line->stream_code, ==, expected[i].stream);
      g_assert_cmpint (line->amount_pence, ==, expected[i].amount);
    }

  /* Why, stream by stream: those that may pay in the order tried (with
   * what each had left before the commission), then the unusable ones. */
  {
    const ExpectedReason s1_reasons[] = {
      { "NHS", CM_FUNDING_GIVES, CM_FUNDING_LIMIT_AVAILABLE, 100000, 100000 },
      { "DH", CM_FUNDING_GIVES, CM_FUNDING_LIMIT_NEED, 50000, 200000 },
      { "CORE", CM_FUNDING_NOT_NEEDED, 0, 0, 500000 },
      { "EXP", CM_FUNDING_EXPIRED, 0, 0, 200000 },
    };
    const ExpectedReason s2_reasons[] = {
      { "NHS", CM_FUNDING_NOTHING_LEFT, 0, 0, 0 },
      { "DH", CM_FUNDING_GIVES, CM_FUNDING_LIMIT_PVI, 30000, 150000 },
      { "CORE", CM_FUNDING_GIVES, CM_FUNDING_LIMIT_NEED, 170000, 500000 },
      { "EXP", CM_FUNDING_EXPIRED, 0, 0, 200000 },
    };
    const ExpectedReason s3_reasons[] = {
      { "NHS", CM_FUNDING_NOTHING_LEFT, 0, 0, 0 },
      { "CORE", CM_FUNDING_GIVES, CM_FUNDING_LIMIT_NEED, 40000, 330000 },
      { "DH", CM_FUNDING_NOT_ELIGIBLE, 0, 0, 120000 },
      { "EXP", CM_FUNDING_EXPIRED, 0, 0, 200000 },
    };

    g_assert_cmpuint (outcomes->len, ==, 3);
    assert_outcome (g_ptr_array_index (outcomes, 0), "S1", 150000, 150000, 0,
                    s1_reasons, G_N_ELEMENTS (s1_reasons));
    assert_outcome (g_ptr_array_index (outcomes, 1), "S2", 200000, 200000, 0,
                    s2_reasons, G_N_ELEMENTS (s2_reasons));
    assert_outcome (g_ptr_array_index (outcomes, 2), "S3", 40000, 40000, 0,
                    s3_reasons, G_N_ELEMENTS (s3_reasons));
  }

  /* Nothing was written. */
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM splits"), ==, 1);

  g_assert_true (cm_budget_apply_proposal (fixture->db, proposal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM splits"), ==, 6);

  s1 = cm_budget_get_commission (fixture->db, ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpint (s1->unfunded_pence, ==, 0);

  /* Once they are approved, DH's planned share is exactly the minimum:
   * (50000 + 40000 + 0) / (100000 + 50000 + 30000) = 50%. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_true (cm_budget_set_commission_status (fixture->db, ids[i], "approved", &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr(CmBudgetSummary) summary = cm_budget_summary (fixture->db, 2010, &error);

    g_assert_no_error (error);
    g_assert_cmpint (find_figures (summary, "DH")->planned_pvi_bp, ==, 5000);
    g_assert_cmpint (find_figures (summary, "NHS")->available_pence, ==, 0);
  }

  /* Fully funded now: nothing more to suggest. */
  g_assert_true (cm_budget_suggest_funding (fixture->db, 2010, ids, G_N_ELEMENTS (ids), &today, &again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
}

/*
 * The reasons when the money runs short, on 1 November 2010, for two
 * proposed commissions of 2010/11 H2 (October to March):
 *   X  Safeguarding Level A, £2,000.00, no PVI places
 *   Y  no competency, £100.00
 *
 * Streams, in the order tried:
 *   LSCB   £600.00, spend by 31 October 2010: expired the day before
 *   NHS    £500.00, spend by 31 January 2011, before the cycle ends
 *   DH     £3,000.00, ring-fenced, safeguarding only, minimum PVI 50%,
 *          £1,000.00 committed at exactly 50%: £2,000.00 Available
 *   IW     £1,000.00, ring-fenced, integrated working only
 *   SPENT  £300.00, all committed to USED: nothing Available
 *
 * X: NHS gives all £500.00 it has. DH may fund safeguarding, but any
 *    amount at 0% PVI would pull its share under 50%, so it gives nothing.
 *    IW is not for safeguarding, SPENT has nothing left, LSCB expired.
 *    £1,500.00 stays unfunded.
 * Y: NHS is now empty; DH and IW are ring-fenced to categories and Y has
 *    no competency. All £100.00 stays unfunded.
 */
static void
test_suggest_funding_reasons (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GPtrArray) proposal = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  const ExpectedReason x_reasons[] = {
    { "NHS", CM_FUNDING_GIVES, CM_FUNDING_LIMIT_AVAILABLE, 50000, 50000 },
    { "DH", CM_FUNDING_PVI_MINIMUM, 0, 0, 200000 },
    { "SPENT", CM_FUNDING_NOTHING_LEFT, 0, 0, 0 },
    { "IW", CM_FUNDING_NOT_ELIGIBLE, 0, 0, 100000 },
    { "LSCB", CM_FUNDING_EXPIRED, 0, 0, 60000 },
  };
  const ExpectedReason y_reasons[] = {
    { "NHS", CM_FUNDING_NOTHING_LEFT, 0, 0, 0 },
    { "SPENT", CM_FUNDING_NOTHING_LEFT, 0, 0, 0 },
    { "DH", CM_FUNDING_NOT_ELIGIBLE, 0, 0, 200000 },
    { "IW", CM_FUNDING_NOT_ELIGIBLE, 0, 0, 100000 },
    { "LSCB", CM_FUNDING_EXPIRED, 0, 0, 60000 },
  };
  const CmBudgetFundingOutcome *x;
  const CmBudgetFundingReason *reason;
  const CmBudgetProposal *line;
  CmBudgetCommission *c;
  gint64 ids[2];
  GDate today;

  add_stream (fixture->db, "LSCB", "LSCB", 2010, 60000, FALSE, "2010-10-31", 0, NULL);
  add_stream (fixture->db, "NHS", "NHS", 2010, 50000, FALSE, "2011-01-31", 0, NULL);
  add_stream (fixture->db, "DH", "DH", 2010, 300000, TRUE, "2011-03-31", 5000, "safeguarding");
  add_stream (fixture->db, "IW", "CWDC", 2010, 100000, TRUE, NULL, 0, "integrated-working");
  add_stream (fixture->db, "SPENT", "Core", 2010, 30000, FALSE, NULL, 0, NULL);

  c = new_commission ("BASE", "SG-A", "approved", 1, 2, 20, 100000, 0, 0, 0, 10);
  add_percent (c, "DH", 10000);
  save_commission (fixture->db, c);
  c = new_commission ("USED", "SG-B", "approved", 1, 2, 20, 30000, 0, 0, 0, 0);
  add_percent (c, "SPENT", 10000);
  save_commission (fixture->db, c);

  c = new_commission ("X", "SG-A", "proposed", 1, 2, 20, 200000, 0, 0, 0, 0);
  c->half = 2;
  ids[0] = save_commission (fixture->db, c);
  c = new_commission ("Y", NULL, "proposed", 1, 2, 20, 10000, 0, 0, 0, 0);
  c->half = 2;
  ids[1] = save_commission (fixture->db, c);

  set_date (&today, "2010-11-01");
  g_assert_true (cm_budget_suggest_funding (fixture->db, 2010, ids, G_N_ELEMENTS (ids), &today,
                                            &proposal, &outcomes, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (proposal->len, ==, 1);
  line = g_ptr_array_index (proposal, 0);
  g_assert_cmpstr (line->commission_code, ==, "X");
  g_assert_cmpstr (line->stream_code, ==, "NHS");
  g_assert_cmpint (line->amount_pence, ==, 50000);

  g_assert_cmpuint (outcomes->len, ==, 2);
  x = g_ptr_array_index (outcomes, 0);
  assert_outcome (x, "X", 200000, 50000, 150000, x_reasons, G_N_ELEMENTS (x_reasons));
  assert_outcome (g_ptr_array_index (outcomes, 1), "Y", 10000, 0, 10000, y_reasons, G_N_ELEMENTS (y_reasons));

  g_assert_cmpstr (x->category, ==, "safeguarding");
  g_assert_cmpint (x->half, ==, 2);

  /* NHS must be spent by 31 January 2011, before the cycle ends on 31 March. */
  reason = g_ptr_array_index (x->reasons, 0);
  g_assert_true (reason->has_expiry);
  g_assert_true (reason->spend_by_in_cycle);
  g_assert_cmpint (g_date_get_day (&reason->spend_by), ==, 31);
  g_assert_cmpint (g_date_get_month (&reason->spend_by), ==, G_DATE_JANUARY);
  /* DH's spend-by date is the cycle's last day: not before it. */
  reason = g_ptr_array_index (x->reasons, 1);
  g_assert_false (reason->spend_by_in_cycle);
  g_assert_cmpint (reason->min_pvi_bp, ==, 5000);
  /* IW is ring-fenced to integrated working. */
  reason = g_ptr_array_index (x->reasons, 3);
  g_assert_true (reason->ring_fenced);
  g_assert_cmpstr (reason->eligible_categories[0], ==, "integrated-working");
  g_assert_null (reason->eligible_categories[1]);
  /* SPENT has no expiry: it is spent by the end of the year. */
  reason = g_ptr_array_index (x->reasons, 2);
  g_assert_false (reason->has_expiry);
  g_assert_cmpint (g_date_get_year (&reason->spend_by), ==, 2011);
  g_assert_cmpint (g_date_get_month (&reason->spend_by), ==, G_DATE_MARCH);

  /* A commission id that does not exist is an error, and nothing is returned. */
  {
    g_autoptr(GPtrArray) none = NULL;
    g_autoptr(GPtrArray) no_outcomes = NULL;
    gint64 bad = 999999;

    g_assert_false (cm_budget_suggest_funding (fixture->db, 2010, &bad, 1, &today, &none, &no_outcomes, &error));
    g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND);
    g_assert_null (none);
    g_assert_null (no_outcomes);
  }
}

/* Applying adds to an existing split; a percent split becomes the amount
 * it came to plus the addition. */
static void
test_apply_proposal_merges (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GPtrArray) proposal = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_proposal_free);
  g_autoptr(GError) error = NULL;
  CmBudgetProposal *line;
  CmBudgetCommission *c;
  gint64 id, stream;

  stream = add_stream (fixture->db, "CORE", "Core", 2010, 500000, FALSE, NULL, 0, NULL);
  c = new_commission ("C1", NULL, "proposed", 1, 0, 0, 10001, 0, 0, 0, 0);
  add_percent (c, "CORE", 5000);
  id = save_commission (fixture->db, c);

  line = g_new0 (CmBudgetProposal, 1);
  line->commission_id = id;
  line->stream_id = stream;
  line->amount_pence = 4999;
  g_ptr_array_add (proposal, line);

  /* 50% of 10001 = 5000.5 -> 5001; plus 4999 = 10000. */
  g_assert_true (cm_budget_apply_proposal (fixture->db, proposal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT amount_pence FROM splits"), ==, 10000);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT percent_bp IS NULL FROM splits"), ==, 1);

  /* A bad line rolls the whole proposal back. */
  line->amount_pence = 1;
  line = g_new0 (CmBudgetProposal, 1);
  line->commission_id = 999;
  line->stream_id = stream;
  line->amount_pence = 1;
  g_ptr_array_add (proposal, line);
  g_assert_false (cm_budget_apply_proposal (fixture->db, proposal, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT amount_pence FROM splits"), ==, 10000);
}

/* Import. */

static void
import_ok (CmDb       *db,
           const char *kind,
           const char *csv)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_import_data (db, kind, "ok.csv", csv, strlen (csv), FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
}

static char *
splits_snapshot (CmDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = cm_db_prepare (db,
                                                "SELECT coalesce (group_concat (commission_id || ':' || stream_id || ':'"
                                                " || coalesce (percent_bp, '-') || ':' || coalesce (amount_pence, '-'), ';'), '')"
                                                " FROM (SELECT * FROM splits ORDER BY commission_id, stream_id)",
                                                &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
test_import (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(CmBudgetCommission) a1 = NULL;
  g_autoptr(CmBudgetStream) dh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *both = "commission,stream,percent,amount\n"
                     "A1,CORE,,12.00\n"
                     "A1,DH,50,1000.00\n";
  const char *unknown = "commission,stream,amount\n"
                        "A1,NOPE,10\n";
  const char *neither = "Commission,Stream,Percent,Amount\n"
                        "A1,CORE,,\n";

  import_ok (fixture->db, "streams",
             "code,name,funder,year,allocation,ring_fenced,expiry,min_pvi_percent,eligible_categories,return\n"
             "DH,Children's Social Care Workforce Development Grant,DH,2010,\"£240,000.00\",yes,31/03/2011,50,"
             "safeguarding; Qualification,dh\n"
             "CORE,Core budget,Core,2010,42000,no,,0,,none\n");
  import_ok (fixture->db, "commissions",
             "code,title,competency,year,half,provider,status,events,days,places,fee_per_event,"
             "venue_per_day,cost_per_place,materials_per_place,pvi_places\n"
             "A1,Level A,SG-A,2010,1,NSPCC,approved,3,0.5,20,300,101.01,0,2.50,10\n"
             "Z1,Conference,,2010,2,LSCB,proposed,1,1,100,1000,0,0,0,0\n");
  import_ok (fixture->db, "splits",
             "commission,stream,percent,amount\n"
             "A1,DH,50,\n"
             "A1,CORE,,600.76\n");
  import_ok (fixture->db, "spend",
             "date,amount,commission,stream,supplier,reference,kind\n"
             "15/04/2010,100.01,A1,,NSPCC,T01,invoice\n"
             "2010-04-16,-12.00,,CORE,Venue,T02,credit\n");

  dh = cm_budget_get_stream (fixture->db, cm_test_query_int64 (fixture->db, "SELECT id FROM streams WHERE code = 'DH'"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dh->allocation_pence, ==, 24000000);
  g_assert_true (dh->ring_fenced);
  g_assert_cmpint (dh->min_pvi_bp, ==, 5000);
  g_assert_cmpstr (dh->return_kind, ==, "dh");
  g_assert_cmpuint (g_strv_length (dh->eligible_categories), ==, 2);
  g_assert_cmpstr (dh->eligible_categories[1], ==, "qualification");
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT expiry IS NULL FROM streams WHERE code = 'CORE'"), ==, 1);

  a1 = cm_budget_get_commission (fixture->db, commission_id (fixture->db, "A1"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (a1->half_days, ==, 1);
  g_assert_cmpint (a1->planned_pence, ==, 120152);
  g_assert_cmpint (a1->funded_pence, ==, 60076 + 60076);
  g_assert_cmpint (a1->actual_pence, ==, 10001);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT competency_id IS NULL FROM commissions WHERE code = 'Z1'"), ==, 1);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT amount_pence FROM transactions WHERE reference = 'T02'"), ==, -1200);

  /* Re-importing is safe: an update, and the category list is replaced. */
  import_ok (fixture->db, "streams",
             "code,name,funder,year,allocation,ring_fenced,min_pvi_percent,return\n"
             "DH,DH grant,DH,2010,240000,yes,50,dh\n");
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM streams"), ==, 2);
  g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM stream_categories"), ==, 0);

  before = splits_snapshot (fixture->db);

  /* Both a percent and an amount on line 3: the whole file is refused,
   * so line 2's change is rolled back too. */
  g_assert_false (cm_import_data (fixture->db, "splits", "both.csv", both, strlen (both), FALSE, NULL, NULL, &error));
  g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW);
  g_assert_cmpstr (error->message, ==, "both.csv:3: column 'amount': give either a percent or an amount, not both");
  g_clear_error (&error);

  g_assert_false (cm_import_data (fixture->db, "splits", "unknown.csv", unknown, strlen (unknown), FALSE, NULL, NULL, &error));
  g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW);
  g_assert_cmpstr (error->message, ==, "unknown.csv:2: column 'stream': no stream “NOPE” in 2010/11, the year of commission “A1”");
  g_clear_error (&error);

  g_assert_false (cm_import_data (fixture->db, "splits", "neither.csv", neither, strlen (neither), FALSE, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "neither.csv:2: column 'Percent': give a percent or an amount");
  g_clear_error (&error);

  after = splits_snapshot (fixture->db);
  g_assert_cmpstr (before, ==, after);

  /* The other kinds' own rules. */
  {
    const char *bad_category = "code,name,funder,year,allocation,ring_fenced,min_pvi_percent,eligible_categories,return\n"
                               "X,X,Other,2010,1,no,0,safeguarding;cooking,none\n";
    const char *bad_pvi = "code,title,year,half,provider,status,events,days,places,fee_per_event,"
                          "venue_per_day,cost_per_place,materials_per_place,pvi_places\n"
                          "Y1,Y,2010,1,P,proposed,1,1,10,0,0,0,0,11\n";
    const char *bad_spend = "date,amount,commission,supplier,reference,kind\n"
                            "2010-04-01,10,NOPE,S,R9,invoice\n";

    g_assert_false (cm_import_data (fixture->db, "streams", "s.csv", bad_category, strlen (bad_category), FALSE, NULL, NULL, &error));
    g_assert_nonnull (g_strstr_len (error->message, -1, "s.csv:2: column 'eligible_categories': “cooking”"));
    g_clear_error (&error);
    g_assert_false (cm_import_data (fixture->db, "commissions", "c.csv", bad_pvi, strlen (bad_pvi), FALSE, NULL, NULL, &error));
    g_assert_cmpstr (error->message, ==, "c.csv:2: column 'pvi_places': 11 PVI places is more than the 10 places per event");
    g_clear_error (&error);
    g_assert_false (cm_import_data (fixture->db, "spend", "t.csv", bad_spend, strlen (bad_spend), FALSE, NULL, NULL, &error));
    g_assert_cmpstr (error->message, ==, "t.csv:2: column 'commission': no commission with code “NOPE”");
    g_clear_error (&error);
    g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM streams"), ==, 2);
    g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM commissions"), ==, 2);
    g_assert_cmpint (cm_test_query_int64 (fixture->db, "SELECT count(*) FROM transactions"), ==, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/budget/planned-cost", test_planned_cost);
  g_test_add_func ("/budget/attribute", test_attribute);
  g_test_add_func ("/budget/eligibility", test_eligibility);
  g_test_add_func ("/budget/summary", test_summary);
  g_test_add_func ("/budget/parts", test_parts);
  g_test_add_func ("/budget/warnings", test_warnings);
  g_test_add_func ("/budget/warning-messages", test_warning_messages);
  g_test_add_func ("/budget/proposed-spend", test_proposed_spend);
  g_test_add_func ("/budget/edit-streams", test_edit_streams);
  g_test_add_func ("/budget/streams-by-year", test_streams_by_year);
  g_test_add_func ("/budget/copy-streams", test_copy_streams);
  g_test_add_func ("/budget/edit-commissions", test_edit_commissions);
  g_test_add_func ("/budget/edit-transactions", test_edit_transactions);
  g_test_add_func ("/budget/suggest-funding", test_suggest_funding);
  g_test_add_func ("/budget/suggest-funding-reasons", test_suggest_funding_reasons);
  g_test_add_func ("/budget/apply-proposal-merges", test_apply_proposal_merges);
  g_test_add_func ("/budget/import", test_import);

  return g_test_run ();
}
