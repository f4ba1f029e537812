/* test-changes.c
 *
 * Every kind of core write announces exactly what it changed, once it is
 * committed, through CmContext::changed; a write that fails announces
 * nothing.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cm-db-private.h"
#include "cm-backups.h"
#include "cm-budget.h"
#include "cm-context.h"
#include "cm-db.h"
#include "cm-evaluation.h"
#include "cm-import.h"
#include "cm-needs.h"
#include "cm-retention.h"
#include "cm-what-if.h"
#include "cm-workforce-edit.h"

#include "cm-test-util.h"

typedef struct
{
  char      *dir;
  CmContext *context;
  GPtrArray *seen;  /* "kind year half id" per notification */
  gint64     organisation_id;
  gint64     staff_group_id;
  gint64     competency_id;
  gint64     stream_id;
} Fixture;

static void
changed_cb (CmContext      *context,
            const CmChange *change,
            Fixture        *fixture)
{
  g_ptr_array_add (fixture->seen, cm_change_to_string (change));
}

/* What was announced since the last call, "; "-joined, then forgets it. */
static char *
take_seen (Fixture *fixture)
{
  char *joined;

  g_ptr_array_add (fixture->seen, NULL);
  joined = g_strjoinv ("; ", (char **) fixture->seen->pdata);
  g_ptr_array_set_size (fixture->seen, 0);

  return joined;
}

#define assert_seen(fixture, expected) \
  G_STMT_START { \
    g_autofree char *seen_ = take_seen (fixture); \
    g_assert_cmpstr (seen_, ==, expected); \
  } G_STMT_END

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  CmDb *db;

  fixture->dir = cm_test_make_temp_dir ("cm-test-changes-XXXXXX");
  path = g_build_filename (fixture->dir, "c.db", NULL);
  fixture->context = cm_context_new_for_path (path, &error);
  g_assert_no_error (error);
  db = cm_context_get_db (fixture->context);

  g_assert_true (cm_workforce_save_organisation (db, 0, "Westminster City Council", "statutory",
                                                 &fixture->organisation_id, &error));
  g_assert_true (cm_workforce_save_staff_group (db, 0, "Social workers", fixture->organisation_id,
                                                "social-care", 100, 1100, &fixture->staff_group_id, &error));
  g_assert_no_error (error);
  fixture->competency_id = cm_test_query_int64 (db, "SELECT id FROM competencies WHERE code = 'SG-B'");
  g_assert_cmpint (fixture->competency_id, >, 0);

  fixture->seen = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->context, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_func (fixture->context, changed_cb, fixture);
  g_assert_finalize_object (fixture->context);
  g_ptr_array_unref (fixture->seen);
  cm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
test_changes_workforce (Fixture       *fixture,
                        gconstpointer  data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (cm_workforce_save_organisation (db, 0, "Little Acorns", "private", &id, &error));
  assert_seen (fixture, "workforce 0 0 0");

  g_assert_true (cm_workforce_save_staff_group (db, fixture->staff_group_id, "Social workers",
                                                fixture->organisation_id, "social-care", 120, 1100,
                                                NULL, &error));
  assert_seen (fixture, "workforce 0 0 0");

  g_assert_true (cm_workforce_delete_organisation (db, id, &error));
  g_assert_no_error (error);
  assert_seen (fixture, "workforce 0 0 0");

  /* A refused delete announces nothing. */
  g_assert_false (cm_workforce_delete_organisation (db, fixture->organisation_id, &error));
  g_clear_error (&error);
  assert_seen (fixture, "");
}

static void
test_changes_requirements (Fixture       *fixture,
                           gconstpointer  data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 line_id;

  /* The first line of a cycle creates the cycle. */
  g_assert_true (cm_needs_set_requirement (db, 2010, 1, fixture->staff_group_id, fixture->competency_id,
                                           10000, 40, 5, 1, &error));
  g_assert_no_error (error);
  line_id = cm_test_query_int64 (db, "SELECT id FROM requirements");
  expected = g_strdup_printf ("cycles 2010 1 0; requirements 2010 1 %" G_GINT64_FORMAT, line_id);
  assert_seen (fixture, expected);

  g_clear_pointer (&expected, g_free);
  g_assert_true (cm_needs_set_coverage (db, line_id, 5000, &error));
  expected = g_strdup_printf ("requirements 2010 1 %" G_GINT64_FORMAT, line_id);
  assert_seen (fixture, expected);

  g_assert_true (cm_needs_set_evidence (db, line_id, 2, &error));
  assert_seen (fixture, expected);

  g_assert_false (cm_needs_set_coverage (db, line_id, 20000, &error));
  g_clear_error (&error);
  assert_seen (fixture, "");

  /* Copying into H2 fills the next cycle. */
  g_assert_true (cm_needs_copy_cycle (db, 2010, 2, NULL, &error));
  g_assert_no_error (error);
  assert_seen (fixture, "cycles 2010 2 0; requirements 2010 2 0");

  g_assert_true (cm_needs_delete_requirement (db, 2010, 2, fixture->staff_group_id, fixture->competency_id, &error));
  assert_seen (fixture, "requirements 2010 2 0");

  g_assert_true (cm_needs_set_evidence_source (db, line_id, "Audit", &error));
  assert_seen (fixture, expected);

  /* Signing off changes the cycle and what its lines show. */
  g_assert_true (cm_needs_close_cycle (db, 2010, 1, NULL, &error));
  g_assert_no_error (error);
  assert_seen (fixture, "cycles 2010 1 0; requirements 2010 1 0");

  /* Refused writes to a signed-off cycle announce nothing. */
  g_assert_false (cm_needs_set_evidence_source (db, line_id, "Ofsted", &error));
  g_clear_error (&error);
  g_assert_false (cm_needs_set_requirement (db, 2010, 1, fixture->staff_group_id, fixture->competency_id,
                                            10000, 1, 0, 0, &error));
  g_clear_error (&error);
  g_assert_false (cm_needs_close_cycle (db, 2010, 1, NULL, &error));
  g_clear_error (&error);
  assert_seen (fixture, "");

  g_assert_true (cm_needs_reopen_cycle (db, 2010, 1, &error));
  g_assert_no_error (error);
  assert_seen (fixture, "cycles 2010 1 0; requirements 2010 1 0");
  g_assert_false (cm_needs_reopen_cycle (db, 2010, 1, &error));
  g_clear_error (&error);
  assert_seen (fixture, "");
}

static void
test_changes_settings (Fixture       *fixture,
                       gconstpointer  data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;
  CmNeedsWeights weights = { 40, 20, 15, 5, 20 };

  g_assert_true (cm_needs_weights_save (db, &weights, &error));
  g_assert_no_error (error);
  assert_seen (fixture, "settings 0 0 0");

  g_assert_true (cm_needs_cost_per_place_save (db, 5000, &error));
  assert_seen (fixture, "settings 0 0 0");

  g_assert_true (cm_context_set_setting (fixture->context, "welcome-answered", "yes", &error));
  assert_seen (fixture, "settings 0 0 0");

  weights.gap = 99;
  g_assert_false (cm_needs_weights_save (db, &weights, &error));
  g_clear_error (&error);
  assert_seen (fixture, "");
}

static gint64
add_stream (Fixture *fixture)
{
  g_autoptr(CmBudgetStream) stream = cm_budget_stream_new ();
  g_autoptr(GError) error = NULL;

  g_free (stream->code);
  stream->code = g_strdup ("DH-WDG");
  g_free (stream->name);
  stream->name = g_strdup ("DH workforce development grant");
  g_free (stream->funder);
  stream->funder = g_strdup ("DH");
  stream->year = 2010;
  stream->allocation_pence = 24000000;
  g_assert_true (cm_budget_save_stream (cm_context_get_db (fixture->context), stream, &error));
  g_assert_no_error (error);

  return stream->id;
}

static void
test_changes_budget (Fixture       *fixture,
                     gconstpointer  data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBudgetCommission) commission = cm_budget_commission_new ();
  g_autoptr(CmBudgetTransaction) transaction = cm_budget_transaction_new ();
  g_autoptr(CmBudgetSplit) split = cm_budget_split_new ();
  g_autofree char *expected = NULL;
  gint64 stream_id;

  stream_id = add_stream (fixture);
  expected = g_strdup_printf ("streams 2010 0 %" G_GINT64_FORMAT, stream_id);
  assert_seen (fixture, expected);

  g_free (commission->code);
  commission->code = g_strdup ("LSCB-B");
  g_free (commission->title);
  commission->title = g_strdup ("Safeguarding Level B");
  commission->year = 2010;
  commission->half = 2;
  commission->places = 20;
  commission->fee_per_event_pence = 90000;
  g_assert_true (cm_budget_save_commission (db, commission, &error));
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("commissions 2010 0 %" G_GINT64_FORMAT "; splits 2010 0 %" G_GINT64_FORMAT,
                              commission->id, commission->id);
  assert_seen (fixture, expected);

  split->commission_id = commission->id;
  split->stream_id = stream_id;
  split->is_percent = TRUE;
  split->percent_bp = 10000;
  g_assert_true (cm_budget_save_split (db, split, &error));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("splits 2010 0 %" G_GINT64_FORMAT, commission->id);
  assert_seen (fixture, expected);

  g_assert_true (cm_budget_set_commission_status (db, commission->id, "approved", &error));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("commissions 2010 0 %" G_GINT64_FORMAT, commission->id);
  assert_seen (fixture, expected);

  /* Spend dated in 2011/12 on a 2010/11 commission touches both years. */
  g_date_set_dmy (&transaction->date, 3, G_DATE_MAY, 2011);
  transaction->amount_pence = 90000;
  transaction->commission_id = commission->id;
  g_free (transaction->supplier);
  transaction->supplier = g_strdup ("Acme Training Ltd");
  g_free (transaction->reference);
  transaction->reference = g_strdup ("INV-1");
  g_assert_true (cm_budget_save_transaction (db, transaction, &error));
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("transactions 2010 0 %" G_GINT64_FORMAT "; transactions 2011 0 %" G_GINT64_FORMAT,
                              transaction->id, transaction->id);
  assert_seen (fixture, expected);

  g_assert_true (cm_budget_delete_transaction (db, transaction->id, &error));
  assert_seen (fixture, expected);

  g_assert_true (cm_budget_delete_split (db, commission->id, stream_id, &error));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("splits 2010 0 %" G_GINT64_FORMAT "; splits 2010 0 %" G_GINT64_FORMAT,
                              commission->id, stream_id);
  assert_seen (fixture, expected);

  /* A refused save announces nothing. */
  g_free (commission->code);
  commission->code = g_strdup ("");
  g_assert_false (cm_budget_save_commission (db, commission, &error));
  g_clear_error (&error);
  assert_seen (fixture, "");
}

/* Copying a year's streams announces each new stream in the year it
 * starts; a refused copy, or one with nothing left to copy, nothing. */
static void
test_changes_copy_streams (Fixture       *fixture,
                           gconstpointer  data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copied = NULL;
  g_autofree char *expected = NULL;
  gint64 new_id;

  add_stream (fixture);
  g_ptr_array_set_size (fixture->seen, 0);

  g_assert_true (cm_budget_copy_streams (db, 2010, 2011, &copied, NULL, &error));
  g_assert_no_error (error);
  new_id = cm_test_query_int64 (db, "SELECT id FROM streams WHERE year = 2011");
  expected = g_strdup_printf ("streams 2011 0 %" G_GINT64_FORMAT, new_id);
  assert_seen (fixture, expected);

  g_assert_true (cm_budget_copy_streams (db, 2010, 2011, NULL, NULL, &error));
  assert_seen (fixture, "");

  g_assert_false (cm_budget_copy_streams (db, 2012, 2013, NULL, NULL, &error));
  g_assert_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_seen (fixture, "");
}

static void
test_changes_import (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char spend[] =
    "date,amount,supplier,reference,kind\n"
    "2010-05-04,1200.00,Acme Training Ltd,INV-1,invoice\n"
    "2010-05-06,450.50,Safe Start CIC,INV-1,invoice\n";
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;
  g_auto(CmImportResult) result = { 0 };

  /* One notification for the whole file, not one per row. */
  g_assert_true (cm_import_data (db, "spend", "spend.csv", spend, strlen (spend), FALSE, &result, NULL, &error));
  g_assert_no_error (error);
  assert_seen (fixture, "transactions 0 0 0");

  /* Nothing written, nothing announced. */
  g_assert_true (cm_import_data (db, "spend", "spend.csv", spend, strlen (spend), FALSE, &result, NULL, &error));
  g_assert_cmpuint (result.unchanged, ==, 2);
  assert_seen (fixture, "");

  /* A dry run announces nothing either. */
  g_assert_true (cm_import_data (db, "organisations", "o.csv", "name,kind\nA,private\n", 19, TRUE, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_seen (fixture, "");
}

static void
test_changes_create_commissions (Fixture       *fixture,
                                 gconstpointer  data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 id;

  g_assert_true (cm_needs_set_requirement (db, 2010, 1, fixture->staff_group_id, fixture->competency_id,
                                           10000, 40, 5, 1, &error));
  g_ptr_array_set_size (fixture->seen, 0);

  g_assert_true (cm_needs_create_commissions (db, 2010, 1, &fixture->competency_id, 1, 4500, NULL, &error));
  g_assert_no_error (error);
  id = cm_test_query_int64 (db, "SELECT id FROM commissions");
  expected = g_strdup_printf ("commissions 2010 0 %" G_GINT64_FORMAT "; splits 2010 0 %" G_GINT64_FORMAT, id, id);
  assert_seen (fixture, expected);
}

static void
test_changes_evaluation (Fixture       *fixture,
                         gconstpointer  data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(CmChargePolicy) policy = g_new0 (CmChargePolicy, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;
  const char *kinds[] = { "statutory", NULL };
  CmEvent event = { 0 };
  CmLearner learner = { 0 };
  CmFeedback form = { 0 };
  GDate date;
  gint64 charge_id;

  g_assert_true (cm_db_exec (db,
                             "INSERT INTO commissions (id, code, title, year, half, half_days, places)"
                             " VALUES (7, 'C7', 'Level A', 2010, 1, 2, 10)",
                             &error));
  assert_seen (fixture, "");

  event.code = (char *) "E1";
  event.commission_id = 7;
  event.places = 1;
  g_date_clear (&event.date, 1);
  g_date_set_dmy (&event.date, 15, G_DATE_JUNE, 2010);
  g_assert_true (cm_evaluation_save_event (db, &event, &error));
  expected = g_strdup_printf ("evaluation 2010 0 %" G_GINT64_FORMAT, event.id);
  assert_seen (fixture, expected);

  learner.ref = (char *) "L1";
  learner.organisation_id = fixture->organisation_id;
  g_assert_true (cm_evaluation_save_learner (db, &learner, &error));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("evaluation 0 0 %" G_GINT64_FORMAT, learner.id);
  assert_seen (fixture, expected);

  g_assert_true (cm_evaluation_book (db, event.id, learner.id, NULL, &error));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("evaluation 2010 0 %" G_GINT64_FORMAT, event.id);
  assert_seen (fixture, expected);

  /* "All booked attended"; again, nothing is left to change. */
  g_assert_true (cm_evaluation_mark_all_attended (db, event.id, &error));
  assert_seen (fixture, expected);
  g_assert_true (cm_evaluation_mark_all_attended (db, event.id, &error));
  assert_seen (fixture, "");

  policy->enabled = TRUE;
  policy->full_day_pence = 9000;
  policy->kinds = g_strdupv ((char **) kinds);
  g_assert_true (cm_evaluation_set_charge_policy (db, policy, &error));
  assert_seen (fixture, "settings 0 0 0");

  /* The DNA raises a charge: the spend of 2010/11 changes too. */
  g_assert_true (cm_evaluation_set_status (db, event.id, learner.id, "dna", NULL, &error));
  g_assert_no_error (error);
  charge_id = cm_test_query_int64 (db, "SELECT id FROM transactions WHERE kind = 'charge-income'");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("transactions 2010 0 %" G_GINT64_FORMAT "; evaluation 2010 0 %" G_GINT64_FORMAT,
                              charge_id, event.id);
  assert_seen (fixture, expected);

  g_assert_false (cm_evaluation_set_status (db, event.id, learner.id, "gone", NULL, &error));
  g_clear_error (&error);
  assert_seen (fixture, "");

  form.event_id = event.id;
  form.content = form.trainer = form.venue = form.relevance = 4;
  form.confidence_before = 2;
  form.confidence_after = 4;
  g_assert_true (cm_evaluation_save_feedback (db, &form, &error));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("evaluation 2010 0 %" G_GINT64_FORMAT, event.id);
  assert_seen (fixture, expected);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_SEPTEMBER, 2010);
  g_assert_true (cm_evaluation_save_followup (db, event.id, learner.id, &date, 2, NULL, &error));
  assert_seen (fixture, expected);

  g_assert_true (cm_evaluation_set_outcome (db, 7, "Better referrals", &error));
  assert_seen (fixture, "evaluation 2010 0 7");

  g_assert_true (cm_evaluation_set_followup_weeks (db, 10, &error));
  assert_seen (fixture, "settings 0 0 0");

  /* Erasing renames the charge. */
  g_assert_true (cm_evaluation_erase_learner (db, learner.id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("transactions 2010 0 %" G_GINT64_FORMAT "; evaluation 0 0 %" G_GINT64_FORMAT,
                              charge_id, learner.id);
  assert_seen (fixture, expected);

  /* An import announces once. */
  path = g_build_filename (fixture->dir, "learners.csv", NULL);
  g_assert_true (g_file_set_contents (path, "ref,organisation\nL2,Westminster City Council\nL3,Westminster City Council\n", -1, NULL));
  {
    CmImportResult result = { 0 };

    g_assert_true (cm_import_file (db, "learners", path, FALSE, &result, NULL, &error));
    g_assert_no_error (error);
    cm_import_result_clear (&result);
  }
  assert_seen (fixture, "evaluation 0 0 0");

  g_assert_true (cm_evaluation_delete_event (db, event.id, &error));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("transactions 2010 0 %" G_GINT64_FORMAT "; evaluation 2010 0 %" G_GINT64_FORMAT,
                              charge_id, event.id);
  assert_seen (fixture, expected);
}

static void
test_changes_demo (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "demo.db", NULL);
  g_autoptr(CmContext) context = cm_context_new_for_path (path, &error);

  g_assert_no_error (error);
  g_signal_connect (context, "changed", G_CALLBACK (changed_cb), fixture);
  g_assert_true (cm_context_load_demo (context, &error));
  g_assert_no_error (error);
  /* The first is the DNA charges the example policy raises. */
  assert_seen (fixture,
               "transactions 2010 0 0; workforce 0 0 0; catalogue 0 0 0; cycles 0 0 0; requirements 0 0 0; "
               "streams 0 0 0; commissions 0 0 0; splits 0 0 0; transactions 0 0 0; evaluation 0 0 0");
  g_signal_handlers_disconnect_by_func (context, changed_cb, fixture);
}

static gboolean restore_finished;

static void
restore_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GError **error = user_data;
  g_autofree char *before = NULL;

  g_assert_true (cm_context_restore_finish (CM_CONTEXT (object), result, &before, error));
  g_assert_nonnull (before);
  restore_finished = TRUE;
}

static void
restore_failed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (cm_context_restore_finish (CM_CONTEXT (object), result, NULL, error));
  restore_finished = TRUE;
}

/* A restore, run in a worker, announces every kind once on the context's
 * thread; a refused one, nothing. */
static void
test_changes_restore (Fixture       *fixture,
                      gconstpointer  data)
{
  CmDb *db = cm_context_get_db (fixture->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *notes = g_build_filename (fixture->dir, "notes.db", NULL);

  g_assert_true (cm_backups_take (db, CM_BACKUP_BEFORE_IMPORT, &backup, &error));
  g_assert_no_error (error);
  assert_seen (fixture, "");

  restore_finished = FALSE;
  cm_context_restore_async (fixture->context, backup, NULL, restore_done_cb, &error);
  while (!restore_finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
  assert_seen (fixture,
               "workforce 0 0 0; catalogue 0 0 0; cycles 0 0 0; requirements 0 0 0; streams 0 0 0; "
               "commissions 0 0 0; splits 0 0 0; transactions 0 0 0; settings 0 0 0; evaluation 0 0 0; scenarios 0 0 0");

  g_assert_true (g_file_set_contents (notes, "notes", -1, NULL));
  restore_finished = FALSE;
  cm_context_restore_async (fixture->context, notes, NULL, restore_failed_cb, &error);
  while (!restore_finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, CM_DB_ERROR, CM_DB_ERROR_NOT_COMMISSIONER);
  assert_seen (fixture, "");
}

/* Setting the retention period announces the setting and each learner
 * erased; erasing nothing, or a refused period, announces nothing. */
static void
test_changes_retention (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  CmDb *db = cm_context_get_db (fixture->context);
  CmLearner learner = { 0 };
  GDate today;
  gint64 n_erased = -1;

  learner.ref = (char *) "L1";
  learner.organisation_id = fixture->organisation_id;
  learner.name = (char *) "Ann Ash";
  g_assert_true (cm_evaluation_save_learner (db, &learner, &error));
  g_assert_no_error (error);
  g_assert_true (cm_db_exec (db, "UPDATE learners SET added_on = '2020-01-01'", &error));
  g_assert_no_error (error);
  g_ptr_array_set_size (fixture->seen, 0);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 2, G_DATE_JANUARY, 2021);
  g_assert_false (cm_retention_set_years (db, 5, &today, &n_erased, &error));
  g_clear_error (&error);
  assert_seen (fixture, "");

  g_assert_true (cm_retention_set_years (db, 1, &today, &n_erased, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_erased, ==, 1);
  expected = g_strdup_printf ("settings 0 0 0; evaluation 0 0 %" G_GINT64_FORMAT, learner.id);
  assert_seen (fixture, expected);

  g_assert_true (cm_retention_apply (db, &today, &n_erased, &error));
  g_assert_cmpint (n_erased, ==, 0);
  assert_seen (fixture, "");
}

/* Another connection (commissioner-cli) writes: nothing is announced
 * until checked, then every kind once; the context's own writes, and a
 * second check, announce nothing more. */
static void
test_changes_external (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) other = cm_db_open (cm_context_get_path (fixture->context), &error);
  gint64 id = 0;

  g_assert_no_error (error);
  g_assert_false (cm_context_check_external_changes (fixture->context));
  assert_seen (fixture, "");

  g_assert_true (cm_workforce_save_organisation (other, 0, "Little Acorns", "private", &id, &error));
  g_assert_no_error (error);
  assert_seen (fixture, "");

  g_assert_true (cm_context_check_external_changes (fixture->context));
  assert_seen (fixture, "workforce 0 0 0; catalogue 0 0 0; cycles 0 0 0; requirements 0 0 0; streams 0 0 0; "
                        "commissions 0 0 0; splits 0 0 0; transactions 0 0 0; settings 0 0 0; evaluation 0 0 0; scenarios 0 0 0");
  g_assert_false (cm_context_check_external_changes (fixture->context));
  assert_seen (fixture, "");

  g_assert_true (cm_workforce_save_organisation (cm_context_get_db (fixture->context), 0, "Big Oaks", "private", &id, &error));
  g_assert_no_error (error);
  assert_seen (fixture, "workforce 0 0 0");
  g_assert_false (cm_context_check_external_changes (fixture->context));
  assert_seen (fixture, "");
}

/* Applying a what-if announces each cancelled commission, once, at the
 * commit; saving and deleting a scenario announce it; a refused save
 * announces nothing. */
static void
test_changes_what_if (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "what-if.db", NULL);
  g_autoptr(CmContext) context = cm_context_new_for_path (path, &error);
  g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();
  g_autoptr(CmWhatIf) what_if = NULL;
  g_autoptr(CmWhatIfPlan) plan = NULL;
  g_autofree char *expected = NULL;
  CmDb *db;
  GDate today;
  gint64 id;

  g_assert_no_error (error);
  g_assert_true (cm_context_load_demo (context, &error));
  db = cm_context_get_db (context);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_NOVEMBER, 2010);
  cm_what_if_scenario_set (scenario, "DH-WDG", CM_WHAT_IF_CUT, 1000);
  what_if = cm_what_if_load (db, 2010, &today, &error);
  g_assert_no_error (error);
  plan = cm_what_if_run (what_if, scenario, &error);
  g_assert_no_error (error);
  g_signal_connect (context, "changed", G_CALLBACK (changed_cb), fixture);

  g_assert_true (cm_what_if_apply (db, plan, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("commissions 2010 0 %" G_GINT64_FORMAT "; commissions 2010 0 %" G_GINT64_FORMAT
                              "; commissions 2010 0 %" G_GINT64_FORMAT,
                              cm_test_query_int64 (db, "SELECT id FROM commissions WHERE code = 'YOUTH-CAMH'"),
                              cm_test_query_int64 (db, "SELECT id FROM commissions WHERE code = 'DH-PQ-CP'"),
                              cm_test_query_int64 (db, "SELECT id FROM commissions WHERE code = 'DH-NVQ2'"));
  assert_seen (fixture, expected);

  id = cm_what_if_save_scenario (db, 2010, "DH −10 %", scenario, &today, &error);
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("scenarios 2010 0 %" G_GINT64_FORMAT, id);
  assert_seen (fixture, expected);

  g_assert_cmpint (cm_what_if_save_scenario (db, 2010, "DH −10 %", scenario, &today, &error), ==, 0);
  g_clear_error (&error);
  assert_seen (fixture, "");

  g_assert_true (cm_what_if_delete_scenario (db, id, &error));
  assert_seen (fixture, expected);

  g_signal_handlers_disconnect_by_func (context, changed_cb, fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/changes/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("workforce", test_changes_workforce);
  ADD ("requirements", test_changes_requirements);
  ADD ("settings", test_changes_settings);
  ADD ("budget", test_changes_budget);
  ADD ("copy-streams", test_changes_copy_streams);
  ADD ("import", test_changes_import);
  ADD ("create-commissions", test_changes_create_commissions);
  ADD ("evaluation", test_changes_evaluation);
  ADD ("demo", test_changes_demo);
  ADD ("restore", test_changes_restore);
  ADD ("retention", test_changes_retention);
  ADD ("external", test_changes_external);
  ADD ("what-if", test_changes_what_if);

#undef ADD

  return g_test_run ();
}
