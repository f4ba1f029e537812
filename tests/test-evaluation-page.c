/* test-evaluation-page.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "cm-budget.h"
#include "cm-chart.h"
#include "cm-evaluation-page.h"
#include "cm-evaluation-summary.h"
#include "cm-event-item.h"
#include "cm-event-view.h"
#include "cm-feedback-form.h"
#include "cm-field-error.h"
#include "cm-test-ui.h"
#include "cm-test-util.h"

/* The Evaluation page on the example data, driven with the keyboard as a
 * trainer keys in a register and a pile of feedback forms.
 *
 * The event is SWP-PLACE-E1 (12 Apr 2010, 8 places), the only event of
 * SWP-PLACE, the only commission paid by CWDC-SWP. Its register, by ref:
 *
 *   WL0063 statutory attended     WL0215 statutory cancelled
 *   WL0137 statutory attended     WL0353 school attended
 *   WL0146 statutory cancelled    WL0573 independent attended
 *   WL0151 statutory attended     WL0587 independent attended
 *
 * so 6 attend, 2 of them from PVI organisations: fill 6/8 = 75%, and the
 * stream's Actual PVI % is 2/6 = 33.33% (docs/figures.md, "The figures
 * of a stream": with one commission the spend cancels out). Its four
 * forms (content, trainer, venue, relevance, before, after) are
 * (5,5,2,4,1,3), (3,4,5,3,2,4), (5,5,5,5,3,3) and (3,4,3,5,3,4).
 *
 * The keys D A A L C D A A, one a line, make WL0063 and WL0353 DNA,
 * WL0146 attended and WL0151 a late cancellation: 4 attend, 2 of them PVI.
 * Fill 4/8 = 50%; DNA (2 + 1)/(4 + 3) = 42.86%; Actual PVI % 2/4 = 50%.
 * Two more forms, WL0146's (4,5,4,5,2,5) and an anonymous (3,3,4,4,1,4),
 * make six: content 23/6 = 3.83, trainer 26/6 = 4.33, venue 23/6 = 3.83,
 * relevance 26/6 = 4.33, before 12/6 = 2.00, after 23/6 = 3.83, uplift
 * 11/6 = 1.83, confident afterwards 4/6 = 66.67%, response 6/4 = 150%. */

#define EVENT      "SWP-PLACE-E1"
#define COMMISSION "SWP-PLACE"
#define STREAM     "CWDC-SWP"

typedef struct
{
  char             *dir;
  CmContext        *context;
  GtkWindow        *window;
  CmEvaluationPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_settings_set_int (settings, "last-year", 2010);
  g_settings_set_int (settings, "last-half", 1);

  fixture->dir = cm_test_make_temp_dir ("cm-test-evaluation-page-XXXXXX");
  path = g_build_filename (fixture->dir, "evaluation.db", NULL);
  fixture->context = cm_context_new_for_path (path, &error);
  g_assert_no_error (error);
  cm_test_watch_context (fixture->context);
  g_assert_true (cm_context_load_demo (fixture->context, &error));
  g_assert_no_error (error);

  fixture->page = g_object_new (CM_TYPE_EVALUATION_PAGE, "context", fixture->context, NULL);
  fixture->window = GTK_WINDOW (g_object_ref (gtk_window_new ()));
  gtk_window_set_default_size (fixture->window, 1280, 800);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  cm_test_wait_for_mapped (GTK_WIDGET (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (fixture->window);
  cm_test_iterate ();
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->context);
  g_assert_null (cm_test_find_toplevel (GTK_TYPE_WINDOW));

  cm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static CmDb *
db_of (Fixture *fixture)
{
  return cm_context_get_db (fixture->context);
}

static GtkWidget *
focus_of (Fixture *fixture)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  g_assert_nonnull (focus);
  return focus;
}

/* Presses @keyval where the focus is, as a person would; with nothing
 * focused, the key goes to the page. */
static void
press (Fixture         *fixture,
       guint            keyval,
       GdkModifierType  modifiers)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_autoptr(GtkShortcut) shortcut = NULL;

  shortcut = cm_test_press_key (focus != NULL ? focus : GTK_WIDGET (fixture->page), keyval, modifiers, NULL);

  g_assert_nonnull (shortcut);
}

/* The line of the list showing @code, scrolled to as the list's own
 * keyboard navigation would. */
static GtkWidget *
event_row (Fixture    *fixture,
           const char *code)
{
  GtkListView *view = cm_evaluation_page_get_events_view (fixture->page);
  int position = cm_evaluation_page_get_event_position (fixture->page, code);

  g_assert_cmpint (position, >=, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "list.scroll-to-item", "u", (guint32) position));
  cm_test_iterate ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *line = gtk_widget_get_first_child (child);
      CmEventItem *item = line != NULL ? g_object_get_data (G_OBJECT (line), "item") : NULL;

      if (item != NULL && gtk_widget_get_visible (child) &&
          g_strcmp0 (cm_event_item_get_title (item), code) == 0)
        return child;
    }

  g_assert_not_reached ();
}

static gint64
sql (Fixture    *fixture,
     const char *query)
{
  return cm_test_query_int64 (db_of (fixture), query);
}

/* floor (n × scale / d + 1/2) for n ≥ 0, as docs/figures.md rounds. */
static gint64
round_half_up (gint64 n,
               gint64 scale,
               gint64 d)
{
  return (2 * n * scale + d) / (2 * d);
}

static gint64
stream_actual_pvi (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBudgetSummary) summary = cm_budget_summary (db_of (fixture), 2010, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < summary->streams->len; i++)
    {
      CmBudgetFigures *figures = g_ptr_array_index (summary->streams, i);

      if (g_strcmp0 (figures->code, STREAM) == 0)
        return figures->actual_pvi_bp;
    }
  g_assert_not_reached ();
}

#define ATTENDED_SQL \
  "SELECT count(*) FROM bookings b JOIN events e ON e.id = b.event_id JOIN learners l ON l.id = b.learner_id" \
  " JOIN organisations o ON o.id = l.organisation_id WHERE e.code = '" EVENT "' AND b.status = 'attended'"
#define FORMS_SQL(WHAT) \
  "SELECT " WHAT " FROM feedback f JOIN events e ON e.id = f.event_id WHERE e.code = '" EVENT "'"

/* What the summary and the budget show, against the raw tables and
 * against the figures worked out by hand. */
static void
assert_figures (Fixture    *fixture,
                const char *fill,
                const char *dna,
                const char *actual_pvi,
                gint64      actual_pvi_bp,
                gint64      content,
                gint64      before,
                gint64      after)
{
  CmEvaluationSummary *summary = cm_evaluation_page_get_summary (fixture->page);
  CmChart *reaction = CM_CHART (cm_evaluation_summary_get_chart (summary, 0));
  CmChart *confidence = CM_CHART (cm_evaluation_summary_get_chart (summary, 1));
  gint64 attended = sql (fixture, ATTENDED_SQL);
  gint64 pvi = sql (fixture, ATTENDED_SQL " AND o.kind IN ('private', 'voluntary', 'independent')");
  gint64 forms = sql (fixture, FORMS_SQL ("count(*)"));

  g_assert_cmpstr (cm_evaluation_summary_get_figure (summary, "fill"), ==, fill);
  g_assert_cmpstr (cm_evaluation_summary_get_figure (summary, "dna"), ==, dna);
  g_assert_cmpstr (cm_evaluation_summary_get_figure (summary, "actual-pvi:" STREAM), ==, actual_pvi);

  /* The budget's Actual PVI % of the stream is the commission's share. */
  g_assert_cmpint (stream_actual_pvi (fixture), ==, actual_pvi_bp);
  g_assert_cmpint (round_half_up (pvi, 10000, attended), ==, actual_pvi_bp);

  g_assert_cmpint (cm_chart_get_value (reaction, 0, 0), ==, content);
  g_assert_cmpint (round_half_up (sql (fixture, FORMS_SQL ("sum(f.content)")), 100, forms), ==, content);
  g_assert_cmpint (cm_chart_get_value (reaction, 0, 1), ==,
                   round_half_up (sql (fixture, FORMS_SQL ("sum(f.trainer)")), 100, forms));
  g_assert_cmpint (cm_chart_get_value (reaction, 0, 2), ==,
                   round_half_up (sql (fixture, FORMS_SQL ("sum(f.venue)")), 100, forms));
  g_assert_cmpint (cm_chart_get_value (reaction, 0, 3), ==,
                   round_half_up (sql (fixture, FORMS_SQL ("sum(f.relevance)")), 100, forms));
  g_assert_cmpint (cm_chart_get_value (confidence, 0, 0), ==, before);
  g_assert_cmpint (round_half_up (sql (fixture, FORMS_SQL ("sum(f.confidence_before)")), 100, forms), ==, before);
  g_assert_cmpint (cm_chart_get_value (confidence, 0, 1), ==, after);
  g_assert_cmpint (round_half_up (sql (fixture, FORMS_SQL ("sum(f.confidence_after)")), 100, forms), ==, after);
}

static void
show_summary (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluation.show-summary", "x",
                                             sql (fixture, "SELECT id FROM commissions WHERE code = '" COMMISSION "'")));
  cm_test_iterate ();
  g_assert_cmpstr (cm_evaluation_page_get_visible_view (fixture->page), ==, "summary");
}

static const char *
status_of (Fixture    *fixture,
           const char *ref)
{
  static char status[32];
  g_autofree char *query = g_strdup_printf ("SELECT b.status FROM bookings b JOIN events e ON e.id = b.event_id"
                                            " JOIN learners l ON l.id = b.learner_id"
                                            " WHERE e.code = '" EVENT "' AND l.ref = '%s'", ref);
  g_autofree char *text = cm_test_query_text (db_of (fixture), query);

  g_strlcpy (status, text, sizeof status);
  return status;
}

static void
test_evaluation_page_keyboard (Fixture       *fixture,
                               gconstpointer  user_data)
{
  static const struct {
    guint       key;
    const char *ref;
    const char *status;
  } marks[] = {
    { GDK_KEY_d, "WL0063", "dna" },
    { GDK_KEY_a, "WL0137", "attended" },
    { GDK_KEY_a, "WL0146", "attended" },
    { GDK_KEY_l, "WL0151", "late-cancel" },
    { GDK_KEY_c, "WL0215", "cancelled" },
    { GDK_KEY_d, "WL0353", "dna" },
    { GDK_KEY_a, "WL0573", "attended" },
    { GDK_KEY_a, "WL0587", "attended" },
  };
  static const guint forms[2][6] = {
    { GDK_KEY_4, GDK_KEY_5, GDK_KEY_4, GDK_KEY_5, GDK_KEY_2, GDK_KEY_5 },
    { GDK_KEY_3, GDK_KEY_3, GDK_KEY_4, GDK_KEY_4, GDK_KEY_1, GDK_KEY_4 },
  };
  CmEventView *view = cm_evaluation_page_get_event_view (fixture->page);
  CmFeedbackForm *form = cm_event_view_get_feedback_form (view);
  GtkWidget *entry = cm_feedback_form_get_learner_entry (form);
  GtkListBox *register_list = cm_event_view_get_register (view);
  GtkWidget *row;

  g_assert_cmpstr (cm_evaluation_page_get_visible_view (fixture->page), ==, "list");

  /* Before: 6 of 8 attend, 2 from PVI organisations; four forms. */
  show_summary (fixture);
  assert_figures (fixture, "75%", "0%", "33.33%", 3333, 400, 225, 350);
  press (fixture, GDK_KEY_Left, GDK_ALT_MASK);
  g_assert_cmpstr (cm_evaluation_page_get_visible_view (fixture->page), ==, "list");

  /* Enter on the event opens its register, first line chosen. */
  row = event_row (fixture, EVENT);
  gtk_widget_grab_focus (row);
  press (fixture, GDK_KEY_Return, 0);
  g_assert_cmpstr (cm_evaluation_page_get_visible_view (fixture->page), ==, "event");
  g_assert_true (focus_of (fixture) == GTK_WIDGET (gtk_list_box_get_row_at_index (register_list, 0)));

  /* One key a line; the next line is chosen each time. */
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      g_assert_true (focus_of (fixture) == GTK_WIDGET (gtk_list_box_get_row_at_index (register_list, (int) i)));
      press (fixture, marks[i].key, 0);
      g_assert_cmpstr (status_of (fixture, marks[i].ref), ==, marks[i].status);
      g_assert_cmpstr (cm_event_view_get_row_status (view, i), ==, marks[i].status);
    }
  g_assert_cmpint (sql (fixture, ATTENDED_SQL), ==, 4);

  /* A ref nobody booked is refused, by name, and nothing is saved. */
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "WL9999");
  press (fixture, GDK_KEY_Return, 0);
  g_assert_cmpstr (cm_feedback_form_get_message (form), ==,
                   "Learner ref: nobody booked on this event has the ref “WL9999”. Correct it, or clear it for an anonymous form.");
  g_assert_true (gtk_widget_is_ancestor (focus_of (fixture), entry));
  g_assert_cmpint (sql (fixture, FORMS_SQL ("count(*)")), ==, 4);

  /* WL0146's form: Enter after the ref goes to the ratings. A form half
   * rated is refused, naming the rating missing. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "WL0146");
  press (fixture, GDK_KEY_Return, 0);
  g_assert_null (cm_feedback_form_get_message (form));
  for (guint q = 0; q < 2; q++)
    press (fixture, forms[0][q], 0);
  press (fixture, GDK_KEY_Return, 0);
  g_assert_cmpstr (cm_feedback_form_get_message (form), ==, "Venue: press 1 to 5 before saving the form.");
  g_assert_cmpint (sql (fixture, FORMS_SQL ("count(*)")), ==, 4);
  for (guint q = 2; q < 6; q++)
    press (fixture, forms[0][q], 0);
  for (guint q = 0; q < 6; q++)
    g_assert_cmpint (cm_feedback_form_get_rating (form, q), ==, (int) (forms[0][q] - GDK_KEY_0));
  press (fixture, GDK_KEY_Return, 0);
  g_assert_null (cm_feedback_form_get_message (form));
  g_assert_cmpint (sql (fixture, FORMS_SQL ("count(*)")), ==, 5);
  g_assert_cmpint (sql (fixture, FORMS_SQL ("count(*)") " AND f.learner_id = (SELECT id FROM learners WHERE ref = 'WL0146')"
                                            " AND content = 4 AND trainer = 5 AND f.venue = 4 AND relevance = 5"
                                            " AND confidence_before = 2 AND confidence_after = 5"), ==, 1);

  /* The next form starts at the ref; an anonymous one, Enter to skip it. */
  g_assert_true (gtk_widget_is_ancestor (focus_of (fixture), entry));
  press (fixture, GDK_KEY_Return, 0);
  for (guint q = 0; q < 6; q++)
    press (fixture, forms[1][q], 0);
  press (fixture, GDK_KEY_Return, 0);
  g_assert_cmpint (sql (fixture, FORMS_SQL ("count(*)")), ==, 6);
  g_assert_cmpint (sql (fixture, FORMS_SQL ("count(*)") " AND f.learner_id IS NULL"), ==, 1);
  g_assert_cmpuint (cm_feedback_form_get_n_saved (form), ==, 2);

  /* After: the summary and the budget follow. */
  show_summary (fixture);
  assert_figures (fixture, "50%", "42.86%", "50%", 5000, 383, 200, 383);
  g_assert_cmpstr (cm_evaluation_summary_get_figure (cm_evaluation_page_get_summary (fixture->page), "uplift"), ==, "1.83");
  g_assert_cmpstr (cm_evaluation_summary_get_figure (cm_evaluation_page_get_summary (fixture->page), "confident"), ==, "66.67%");
  g_assert_cmpstr (cm_evaluation_summary_get_figure (cm_evaluation_page_get_summary (fixture->page), "response"), ==, "150%");

  /* Back goes to the event it came from; Ctrl+Z takes back the last form. */
  press (fixture, GDK_KEY_Left, GDK_ALT_MASK);
  g_assert_cmpstr (cm_evaluation_page_get_visible_view (fixture->page), ==, "event");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluation.undo", NULL));
  cm_test_iterate ();
  g_assert_cmpint (sql (fixture, FORMS_SQL ("count(*)")), ==, 5);
  g_assert_cmpint (sql (fixture, FORMS_SQL ("count(*)") " AND f.learner_id IS NULL"), ==, 0);
}

/* A new learner is made on the spot and booked; the ref is required, a
 * ref already used is refused in the core's words, and neither changes
 * anything. Undo takes back the learner and the booking together. */
static void
test_evaluation_page_new_learner (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  CmEventView *view = cm_evaluation_page_get_event_view (fixture->page);
  GtkWidget *ref, *organisation, *name, *email;
  gint64 learners = sql (fixture, "SELECT count(*) FROM learners");
  gint64 event_id = sql (fixture, "SELECT id FROM events WHERE code = '" EVENT "'");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluation.open-event", "x", event_id));
  cm_test_iterate ();
  g_assert_cmpint (cm_event_view_get_event_id (view), ==, event_id);
  cm_event_view_get_learner_rows (view, &ref, &organisation, &name, &email);

  gtk_editable_set_text (GTK_EDITABLE (name), "Sam Example");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "event.add-learner", NULL));
  cm_test_iterate ();
  g_assert_cmpstr (cm_field_error_get (ref), ==, "A ref is required: the pseudonymous reference the learner is known by.");
  g_assert_cmpint (sql (fixture, "SELECT count(*) FROM learners"), ==, learners);

  gtk_editable_set_text (GTK_EDITABLE (ref), "WL0063");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "event.add-learner", NULL));
  cm_test_iterate ();
  g_assert_nonnull (cm_field_error_get (ref));
  g_assert_nonnull (strstr (cm_field_error_get (ref), "WL0063"));
  g_assert_cmpint (sql (fixture, "SELECT count(*) FROM learners"), ==, learners);

  /* The first organisation of the list, with an email left empty. */
  gtk_editable_set_text (GTK_EDITABLE (ref), "NEW-0001");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "event.add-learner", NULL));
  cm_test_iterate ();
  g_assert_null (cm_field_error_get (ref));
  g_assert_cmpint (sql (fixture, "SELECT count(*) FROM learners"), ==, learners + 1);
  g_assert_cmpint (sql (fixture, "SELECT count(*) FROM learners WHERE ref = 'NEW-0001' AND name = 'Sam Example'"
                                 " AND email IS NULL"), ==, 1);
  /* 8 places, 6 held (booked, attended or DNA): a place is free. */
  g_assert_cmpint (sql (fixture, "SELECT count(*) FROM bookings b JOIN learners l ON l.id = b.learner_id"
                                 " JOIN events e ON e.id = b.event_id"
                                 " WHERE l.ref = 'NEW-0001' AND b.status = 'booked' AND e.code = '" EVENT "'"), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluation.undo", NULL));
  cm_test_iterate ();
  g_assert_cmpint (sql (fixture, "SELECT count(*) FROM learners"), ==, learners);
  g_assert_cmpint (sql (fixture, "SELECT count(*) FROM bookings WHERE event_id = (SELECT id FROM events WHERE code = '" EVENT "')"), ==, 8);

  /* Neither name nor email: the ref is enough. */
  gtk_editable_set_text (GTK_EDITABLE (ref), "NEW-0002");
  gtk_editable_set_text (GTK_EDITABLE (name), "");
  gtk_editable_set_text (GTK_EDITABLE (email), "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "event.add-learner", NULL));
  cm_test_iterate ();
  g_assert_null (cm_field_error_get (ref));
  g_assert_cmpint (sql (fixture, "SELECT count(*) FROM learners WHERE ref = 'NEW-0002' AND name IS NULL AND email IS NULL"), ==, 1);
  g_assert_cmpint (sql (fixture, "SELECT count(*) FROM bookings b JOIN learners l ON l.id = b.learner_id"
                                 " WHERE l.ref = 'NEW-0002' AND b.status = 'booked'"), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluation.undo", NULL));
  cm_test_iterate ();
  g_assert_cmpint (sql (fixture, "SELECT count(*) FROM learners"), ==, learners);

  /* Erasing a learner's details asks first, then keeps every booking. */
  {
    gint64 learner_id = sql (fixture, "SELECT min (b.learner_id) FROM bookings b JOIN events e ON e.id = b.event_id"
                                      " WHERE e.code = '" EVENT "'");
    gint64 bookings = sql (fixture, "SELECT count(*) FROM bookings");
    AdwMessageDialog *question;

    g_assert_cmpint (learner_id, >, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "event.erase-learner", "x", learner_id));
    question = ADW_MESSAGE_DIALOG (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (question);
    g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "cancel");
    adw_message_dialog_response (question, "erase");
    gtk_window_destroy (GTK_WINDOW (question));
    cm_test_iterate ();
    {
      g_autofree char *sql_text = g_strdup_printf ("SELECT count(*) FROM learners WHERE id = %" G_GINT64_FORMAT
                                                   " AND name IS NULL AND email IS NULL AND ref LIKE 'erased-%%'",
                                                   learner_id);

      g_assert_cmpint (sql (fixture, sql_text), ==, 1);
    }
    g_assert_cmpint (sql (fixture, "SELECT count(*) FROM bookings"), ==, bookings);
  }
}

/* The cycle shown follows the header's; a cycle without events shows the
 * empty state, which offers to import. */
static void
test_evaluation_page_cycle (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  GtkWidget *status = cm_evaluation_page_get_status_page (fixture->page);

  g_assert_cmpint (cm_evaluation_page_get_event_position (fixture->page, "CORE-COMM-E1"), ==, 0);
  g_assert_cmpint (cm_evaluation_page_get_event_position (fixture->page, "CORE-HS-E1"), ==, -1);
  g_assert_cmpuint (cm_evaluation_page_get_n_overdue (fixture->page), ==,
                    sql (fixture, "SELECT count(*) FROM bookings b JOIN events e ON e.id = b.event_id"
                                  " WHERE b.status = 'attended' AND e.date BETWEEN '2010-04-01' AND '2010-09-30'"
                                  " AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.event_id = b.event_id AND f.learner_id = b.learner_id)"
                                  " AND date(e.date, '+84 days') < date('now')"));

  g_settings_set_int (settings, "last-half", 2);
  cm_test_iterate ();
  g_assert_cmpint (cm_evaluation_page_get_half (fixture->page), ==, 2);
  g_assert_cmpint (cm_evaluation_page_get_event_position (fixture->page, "CORE-HS-E1"), ==, 0);
  g_assert_cmpint (cm_evaluation_page_get_event_position (fixture->page, "CORE-COMM-E1"), ==, -1);

  g_settings_set_int (settings, "last-year", 2013);
  cm_test_wait_for_mapped (status);
  g_assert_cmpstr (cm_evaluation_page_get_visible_view (fixture->page), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Evaluations Yet");

  g_settings_reset (settings, "last-year");
  g_settings_reset (settings, "last-half");
  cm_test_iterate ();
  g_assert_cmpstr (cm_evaluation_page_get_visible_view (fixture->page), ==, "list");
}

int
main (int   argc,
      char *argv[])
{
  g_content_type_set_mime_dirs (NULL);

  /* What gtk_test_init() does, but with isolated XDG folders. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  gtk_init ();
  adw_init ();

  g_test_add ("/evaluation-page/keyboard", Fixture, NULL,
              fixture_set_up, test_evaluation_page_keyboard, fixture_tear_down);
  g_test_add ("/evaluation-page/new-learner", Fixture, NULL,
              fixture_set_up, test_evaluation_page_new_learner, fixture_tear_down);
  g_test_add ("/evaluation-page/cycle", Fixture, NULL,
              fixture_set_up, test_evaluation_page_cycle, fixture_tear_down);

  return g_test_run ();
}
