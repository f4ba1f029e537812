/* test-needs-wizard.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cm-application.h"
#include "cm-budget-commissions-view.h"
#include "cm-budget-page.h"
#include "cm-commission-step.h"
#include "cm-cycle-step.h"
#include "cm-gradual-model.h"
#include "cm-heatmap.h"
#include "cm-needs-item.h"
#include "cm-needs-wizard.h"
#include "cm-position-step.h"
#include "cm-priorities-step.h"
#include "cm-requirements-step.h"
#include "cm-review-step.h"
#include "cm-field-error.h"
#include "cm-spin-cell.h"
#include "cm-text-cell.h"
#include "cm-staff-group.h"
#include "cm-needs-page.h"
#include "cm-needs-util.h"
#include "cm-test-util.h"
#include "cm-needs.h"
#include "cm-window.h"
#include "cm-wizard-step.h"
#include "cm-workforce-step.h"
#include "cm-test-ui.h"

static CmApplication *application;

typedef struct
{
  char          *dir;
  char          *path;
  CmContext     *context;
  GtkWindow     *window;
  CmNeedsWizard *wizard;
} Fixture;


static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}


/* Runs the main loop until @widget has a size, then draws it as the next
 * frame would, without waiting for the frame clock (which an X server
 * without a compositor may hold back). */
static void
draw_now (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  GtkSnapshot *snapshot;
  GskRenderNode *node;

  cm_test_iterate ();
  while ((gtk_widget_get_width (widget) == 0 || gtk_widget_get_height (widget) == 0) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);

  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_clear_pointer (&node, gsk_render_node_unref);
}

static gint64
query (Fixture    *fixture,
       const char *sql)
{
  return cm_test_query_int64 (cm_context_get_db (fixture->context), sql);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}


/* What pressing a key does to @widget, through the shortcuts its class
 * binds: GTK 4 has no public way to make key events. */
static void
press (GtkWidget       *widget,
       guint            keyval,
       GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !found; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != keyval ||
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != modifiers)
            continue;

          found = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_assert_true (found);
  cm_test_iterate ();
}

static CmNeedsWizard *
open_wizard (Fixture *fixture)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (fixture->window);
  gtk_window_set_default_size (fixture->window, 1280, 800);

  fixture->wizard = g_object_ref (cm_needs_wizard_new (fixture->context));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->wizard));
  gtk_window_present (fixture->window);
  cm_test_wait_for_mapped (GTK_WIDGET (fixture->wizard));

  return fixture->wizard;
}

static void
close_wizard (Fixture *fixture)
{
  GtkWindow *window = g_steal_pointer (&fixture->window);
  CmNeedsWizard *wizard = g_steal_pointer (&fixture->wizard);

  gtk_window_destroy (window);
  cm_test_iterate ();
  /* The window lets go of what was under the pointer only when it goes. */
  g_assert_finalize_object (window);
  g_assert_finalize_object (wizard);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = cm_test_make_temp_dir ("cm-test-needs-wizard");
  fixture->path = g_build_filename (fixture->dir, "wizard.db", NULL);
  fixture->context = cm_context_new_for_path (fixture->path, &error);
  g_assert_no_error (error);
  cm_test_watch_context (fixture->context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GtkWindow *dialog;

  while ((dialog = cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    {
      gtk_window_destroy (dialog);
      cm_test_iterate ();
    }

  if (fixture->window != NULL)
    close_wizard (fixture);

  g_assert_finalize_object (fixture->context);
  cm_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
activate (gpointer    widget,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (widget), action, NULL));
  cm_test_iterate ();
}

static gpointer
step (Fixture *fixture,
      guint    number)
{
  return cm_needs_wizard_get_step_widget (fixture->wizard, number);
}

static void
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            char      **out_path)
{
  g_autoptr(GError) error = NULL;

  *out_path = g_build_filename (fixture->dir, name, NULL);
  g_file_set_contents (*out_path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
import (Fixture    *fixture,
        const char *kind,
        const char *path)
{
  CmWorkforceStep *workforce = step (fixture, CM_NEEDS_STEP_WORKFORCE);
  gboolean timed_out = FALSE;
  gboolean busy = TRUE;
  guint id;

  cm_workforce_step_import_file (workforce, kind, path);

  id = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (busy && !timed_out)
    {
      g_main_context_iteration (NULL, TRUE);
      g_object_get (workforce, "busy", &busy, NULL);
    }
  g_assert_false (timed_out);
  g_source_remove (id);
  cm_test_iterate ();
}

static CmNeedsItem *
row_named (GListModel *rows,
           const char *staff_group)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CmNeedsItem) item = g_list_model_get_item (rows, i);

      if (g_strcmp0 (cm_needs_item_get_line (item)->staff_group, staff_group) == 0)
        return item;
    }

  return NULL;
}

static void
test_wizard_empty (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now) - (g_date_time_get_month (now) < 4 ? 1 : 0);
  int half = g_date_time_get_month (now) >= 4 && g_date_time_get_month (now) <= 9 ? 1 : 2;

  open_wizard (fixture);

  /* A new database starts at step 1 on today's cycle, writing nothing. */
  g_assert_cmpuint (cm_needs_wizard_get_step (fixture->wizard), ==, CM_NEEDS_STEP_CYCLE);
  g_assert_cmpstr (cm_needs_wizard_get_indicator (fixture->wizard), ==, "Step 1 of 7 · Cycle");
  g_assert_cmpint (cm_needs_wizard_get_year (fixture->wizard), ==, year);
  g_assert_cmpint (cm_needs_wizard_get_half (fixture->wizard), ==, half);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM cycles"), ==, 0);

  /* Back goes nowhere from the first step; Next moves on. */
  activate (fixture->wizard, "wizard.back");
  g_assert_cmpuint (cm_needs_wizard_get_step (fixture->wizard), ==, CM_NEEDS_STEP_CYCLE);
  activate (fixture->wizard, "wizard.next");
  g_assert_cmpstr (cm_needs_wizard_get_indicator (fixture->wizard), ==, "Step 2 of 7 · Workforce");

  /* No staff groups: the empty state shows and Next is refused. */
  g_assert_false (cm_wizard_step_get_is_complete (step (fixture, CM_NEEDS_STEP_WORKFORCE)));
  g_assert_nonnull (find_widget (step (fixture, CM_NEEDS_STEP_WORKFORCE), ADW_TYPE_STATUS_PAGE));
  gtk_widget_activate_action (GTK_WIDGET (fixture->wizard), "wizard.next", NULL);
  cm_test_iterate ();
  g_assert_cmpuint (cm_needs_wizard_get_step (fixture->wizard), ==, CM_NEEDS_STEP_WORKFORCE);

  /* Moving saved the position. */
  g_assert_cmpint (query (fixture, "SELECT wizard_step FROM cycles"), ==, 2);

  /* Every later step has an empty state of its own. */
  for (guint i = CM_NEEDS_STEP_REQUIREMENTS; i <= CM_NEEDS_N_STEPS; i++)
    {
      cm_needs_wizard_set_step (fixture->wizard, i);
      cm_test_iterate ();
      g_assert_nonnull (find_widget (step (fixture, i), ADW_TYPE_STATUS_PAGE));
    }
}

static void
test_wizard_walk (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *organisations_csv = NULL;
  g_autofree char *staff_csv = NULL;
  g_autofree char *weights = NULL;
  g_autofree char *current = NULL;
  CmRequirementsStep *requirements;
  GtkSelectionModel *selection;
  GListModel *rows;
  AdwMessageDialog *question;
  CmSpinCell *cell;
  GtkSpinButton *spin;
  CmHeatmap *heatmap;
  CmNeedsItem *item;
  guint row;
  guint column;

  open_wizard (fixture);

  /* 1. Cycle: choose 2010/11 H1, the way the combo rows do. Choosing
   * remembers it but creates nothing; Next creates it. */
  g_assert_true (cm_needs_wizard_set_cycle (fixture->wizard, 2010, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM cycles"), ==, 0);
  current = cm_context_get_setting (fixture->context, CM_NEEDS_SETTING_CURRENT_CYCLE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (current, ==, "2010,1");
  activate (fixture->wizard, "wizard.next");
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM cycles WHERE year = 2010 AND half = 1 AND wizard_step = 2"), ==, 1);

  /* 2. Workforce: import organisations, then staff groups, from CSV. */
  write_file (fixture, "organisations.csv",
              "name,kind\n"
              "Sunshine Nursery,private\n"
              "Westminster Children's Services,statutory\n",
              &organisations_csv);
  write_file (fixture, "staff-groups.csv",
              "name,organisation,sector,headcount,turnover_percent\n"
              "Nursery practitioners,Sunshine Nursery,early-years,120,11\n"
              "Childminders,Sunshine Nursery,early-years,45,10\n"
              "Social workers,Westminster Children's Services,social-care,60,12\n",
              &staff_csv);
  import (fixture, "organisations", organisations_csv);
  import (fixture, "staff-groups", staff_csv);

  g_assert_cmpuint (g_list_model_get_n_items (cm_workforce_step_get_staff_groups (step (fixture, CM_NEEDS_STEP_WORKFORCE))), ==, 3);
  g_assert_cmpstr (cm_workforce_step_get_totals (step (fixture, CM_NEEDS_STEP_WORKFORCE)), ==,
                   "Early years 165 staff in 2 groups · Social care 60 staff in 1 group · Total 225 staff in 3 groups");
  g_assert_true (cm_wizard_step_get_is_complete (step (fixture, CM_NEEDS_STEP_WORKFORCE)));
  activate (fixture->wizard, "wizard.next");
  g_assert_cmpuint (cm_needs_wizard_get_step (fixture->wizard), ==, CM_NEEDS_STEP_REQUIREMENTS);
  g_assert_false (cm_wizard_step_get_is_complete (step (fixture, CM_NEEDS_STEP_REQUIREMENTS)));

  /* 3. Requirements: Level B safeguarding for both early years groups at
   * 50%, by bulk edit of a selection… */
  requirements = step (fixture, CM_NEEDS_STEP_REQUIREMENTS);
  g_assert_true (cm_requirements_step_select_competency (requirements, "SG-B"));
  cm_test_iterate ();
  rows = cm_requirements_step_get_rows (requirements);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);

  selection = cm_requirements_step_get_selection (requirements);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CmNeedsItem) row_item = g_list_model_get_item (rows, i);

      if (g_str_equal (cm_needs_item_get_line (row_item)->sector, "early-years"))
        gtk_selection_model_select_item (selection, i, FALSE);
    }
  gtk_spin_button_set_value (cm_requirements_step_get_bulk_spin (requirements), 50);
  activate (requirements, "requirements.apply");

  g_assert_cmpint (query (fixture,
                          "SELECT count(*) FROM requirements r JOIN competencies c ON c.id = r.competency_id"
                          " WHERE c.code = 'SG-B' AND r.year = 2010 AND r.half = 1 AND r.coverage_bp = 5000"),
                   ==, 2);
  g_assert_true (cm_wizard_step_get_is_complete (CM_WIZARD_STEP (requirements)));
  item = row_named (rows, "Childminders");
  g_assert_true (cm_needs_item_get_checked (item));

  /* …and the frontline social care preset for the social workers. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (requirements), "requirements.preset", "u", 0));
  cm_test_iterate ();
  g_assert_cmpint (query (fixture,
                          "SELECT r.coverage_bp FROM requirements r JOIN staff_groups s ON s.id = r.staff_group_id"
                          " WHERE s.name = 'Social workers'"),
                   ==, 10000);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM requirements"), ==, 3);
  activate (fixture->wizard, "wizard.next");

  /* 4. Current position: 10 childminders hold it now. The table is by
   * staff group, so the first compliant cell is theirs. It shows the
   * stored figure until it is edited, then a spin button takes its place. */
  g_assert_cmpuint (g_list_model_get_n_items (cm_position_step_get_rows (step (fixture, CM_NEEDS_STEP_POSITION))), ==, 3);
  g_assert_null (find_widget (step (fixture, CM_NEEDS_STEP_POSITION), GTK_TYPE_SPIN_BUTTON));
  cell = CM_SPIN_CELL (find_widget (step (fixture, CM_NEEDS_STEP_POSITION), CM_TYPE_SPIN_CELL));
  g_assert_nonnull (cell);
  g_assert_cmpfloat (cm_spin_cell_get_value (cell), ==, 0.0);
  spin = cm_spin_cell_begin_edit (cell);
  cm_test_iterate ();
  g_assert_true (find_widget (step (fixture, CM_NEEDS_STEP_POSITION), GTK_TYPE_SPIN_BUTTON) == GTK_WIDGET (spin));
  gtk_spin_button_set_value (spin, 10);
  cm_test_iterate ();
  g_assert_cmpint (query (fixture,
                          "SELECT r.compliant FROM requirements r JOIN staff_groups s ON s.id = r.staff_group_id"
                          " WHERE s.name = 'Childminders'"),
                   ==, 10);
  /* leavers = round_half_up (10 × 10% × 6/12) = 1; still = 9; needed = 23 − 9. */
  item = row_named (cm_position_step_get_rows (step (fixture, CM_NEEDS_STEP_POSITION)), "Childminders");
  g_assert_cmpint (cm_needs_item_get_line (item)->required, ==, 23);
  g_assert_cmpint (cm_needs_item_get_line (item)->leavers, ==, 1);
  g_assert_cmpint (cm_needs_item_get_line (item)->needed, ==, 14);
  activate (fixture->wizard, "wizard.next");

  /* 5. Priorities: weights that do not add up are neither saved nor let
   * the wizard go on; once they do, they are saved. */
  spin = cm_priorities_step_get_weight_spin (step (fixture, CM_NEEDS_STEP_PRIORITIES), 0);
  gtk_spin_button_set_value (spin, 40);
  cm_test_iterate ();
  g_assert_false (cm_wizard_step_get_is_complete (step (fixture, CM_NEEDS_STEP_PRIORITIES)));
  weights = cm_context_get_setting (fixture->context, CM_NEEDS_SETTING_WEIGHTS, NULL);
  g_assert_null (weights);
  gtk_widget_activate_action (GTK_WIDGET (fixture->wizard), "wizard.next", NULL);
  cm_test_iterate ();
  g_assert_cmpuint (cm_needs_wizard_get_step (fixture->wizard), ==, CM_NEEDS_STEP_PRIORITIES);

  gtk_spin_button_set_value (cm_priorities_step_get_weight_spin (step (fixture, CM_NEEDS_STEP_PRIORITIES), 1), 15);
  cm_test_iterate ();
  g_assert_true (cm_wizard_step_get_is_complete (step (fixture, CM_NEEDS_STEP_PRIORITIES)));
  weights = cm_context_get_setting (fixture->context, CM_NEEDS_SETTING_WEIGHTS, NULL);
  g_assert_cmpstr (weights, ==, "40,15,15,10,20");
  g_clear_pointer (&weights, g_free);
  g_assert_cmpuint (g_list_model_get_n_items (cm_priorities_step_get_ranking (step (fixture, CM_NEEDS_STEP_PRIORITIES))), ==, 1);

  activate (step (fixture, CM_NEEDS_STEP_PRIORITIES), "priorities.restore-defaults");
  weights = cm_context_get_setting (fixture->context, CM_NEEDS_SETTING_WEIGHTS, NULL);
  g_assert_cmpstr (weights, ==, "30,25,15,10,20");
  activate (fixture->wizard, "wizard.next");

  /* 6. Review: three staff groups × one competency, three lines. Rows go
   * by sector, then name. */
  heatmap = cm_review_step_get_heatmap (step (fixture, CM_NEEDS_STEP_REVIEW));
  draw_now (GTK_WIDGET (heatmap));
  g_assert_cmpuint (cm_heatmap_get_n_rows (heatmap), ==, 3);
  g_assert_cmpuint (cm_heatmap_get_n_columns (heatmap), ==, 1);
  g_assert_cmpuint (cm_heatmap_get_n_cells (heatmap), ==, 3);
  g_assert_cmpstr (cm_heatmap_get_row_title (heatmap, 0), ==, "Childminders");
  g_assert_cmpstr (cm_heatmap_get_row_title (heatmap, 2), ==, "Social workers");
  g_assert_cmpstr (cm_heatmap_get_column_title (heatmap, 0), ==, "SG-B");
  g_assert_cmpint (cm_heatmap_get_line (heatmap, 0, 0)->needed, ==, 14);
  g_assert_cmpfloat_with_epsilon (cm_heatmap_get_intensity (heatmap, 0, 0), 14.0 / 23.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cm_heatmap_get_intensity (heatmap, 2, 0), 1.0, 1e-9);
  g_assert_cmpuint (cm_heatmap_get_n_drawn_cells (heatmap), ==, 3);
  g_assert_true (cm_heatmap_get_focus_cell (heatmap, &row, &column));
  g_assert_cmpuint (row, ==, 0);
  g_assert_cmpuint (column, ==, 0);

  /* 14 + 60 + 60 places: 7 events of 20. */
  {
    g_autoptr(CmNeedsItem) first = g_list_model_get_item (cm_review_step_get_ranking (step (fixture, CM_NEEDS_STEP_REVIEW)), 0);

    g_assert_cmpint (cm_needs_item_get_competency (first)->places_needed, ==, 134);
    g_assert_cmpint (cm_needs_item_get_competency (first)->suggested_events, ==, 7);
  }
  activate (fixture->wizard, "wizard.next");

  /* 7. Commission: nothing is ticked until someone ticks it; tick SG-B
   * and create it. */
  g_assert_cmpuint (cm_needs_wizard_get_step (fixture->wizard), ==, CM_NEEDS_STEP_COMMISSION);
  g_assert_cmpuint (g_list_model_get_n_items (cm_commission_step_get_rows (step (fixture, CM_NEEDS_STEP_COMMISSION))), ==, 1);
  {
    g_autoptr(CmNeedsItem) offered = g_list_model_get_item (cm_commission_step_get_rows (step (fixture, CM_NEEDS_STEP_COMMISSION)), 0);

    g_assert_false (cm_needs_item_get_checked (offered));
  }
  g_assert_true (cm_commission_step_set_ticked (step (fixture, CM_NEEDS_STEP_COMMISSION), "SG-B", TRUE));
  activate (step (fixture, CM_NEEDS_STEP_COMMISSION), "commission.create");

  g_assert_cmpint (query (fixture,
                          "SELECT count(*) FROM commissions c JOIN competencies k ON k.id = c.competency_id"
                          " WHERE c.code = 'TNA-2010H1-SG-B' AND k.code = 'SG-B' AND c.status = 'proposed'"
                          " AND c.year = 2010 AND c.half = 1 AND c.events = 7 AND c.places = 20"
                          " AND c.half_days = 4 AND c.cost_per_place_pence = 4500"),
                   ==, 1);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM commissions"), ==, 1);

  /* Now it is proposed, it is no longer ticked. */
  {
    g_autoptr(CmNeedsItem) offered = g_list_model_get_item (cm_commission_step_get_rows (step (fixture, CM_NEEDS_STEP_COMMISSION)), 0);

    g_assert_false (cm_needs_item_get_checked (offered));
    g_assert_cmpstr (cm_needs_item_get_note (offered), ==, "TNA-2010H1-SG-B");

    /* All leaves it out: it is commissioned already. */
    activate (step (fixture, CM_NEEDS_STEP_COMMISSION), "commission.select-all");
    g_assert_false (cm_needs_item_get_checked (offered));

    /* Ticked by hand, it is not commissioned twice without asking:
     * Skip Them (the default) creates nothing, Create Anyway a second. */
    g_assert_true (cm_commission_step_set_ticked (step (fixture, CM_NEEDS_STEP_COMMISSION), "SG-B", TRUE));
    activate (step (fixture, CM_NEEDS_STEP_COMMISSION), "commission.create");
    g_assert_cmpint (query (fixture, "SELECT count(*) FROM commissions"), ==, 1);
    question = ADW_MESSAGE_DIALOG (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (question);
    g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "1 Competency Is Already Commissioned");
    g_assert_cmpstr (adw_message_dialog_get_body (question), ==, "SG-B (TNA-2010H1-SG-B)");
    g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "skip");
    adw_message_dialog_response (question, "skip");
    gtk_window_destroy (GTK_WINDOW (question));
    cm_test_iterate ();
    g_assert_cmpint (query (fixture, "SELECT count(*) FROM commissions"), ==, 1);

    g_assert_true (cm_commission_step_set_ticked (step (fixture, CM_NEEDS_STEP_COMMISSION), "SG-B", TRUE));
    activate (step (fixture, CM_NEEDS_STEP_COMMISSION), "commission.create");
    question = ADW_MESSAGE_DIALOG (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (question);
    adw_message_dialog_response (question, "create");
    gtk_window_destroy (GTK_WINDOW (question));
    cm_test_iterate ();
    g_assert_cmpint (query (fixture, "SELECT count(*) FROM commissions WHERE code = 'TNA-2010H1-SG-B-2'"), ==, 1);
  }

  g_assert_cmpint (query (fixture, "SELECT wizard_step FROM cycles WHERE year = 2010 AND half = 1"), ==, 7);

  /* The next cycle starts from this one: 3 lines copied. */
  cm_needs_wizard_set_step (fixture->wizard, CM_NEEDS_STEP_CYCLE);
  g_assert_true (cm_needs_wizard_set_cycle (fixture->wizard, 2010, 2, &error));
  g_assert_no_error (error);
  cm_cycle_step_copy_previous (step (fixture, CM_NEEDS_STEP_CYCLE));
  cm_test_iterate ();
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 2"), ==, 3);
  /* compliant = still (9) + attended (0) for the childminders. */
  g_assert_cmpint (query (fixture,
                          "SELECT r.compliant FROM requirements r JOIN staff_groups s ON s.id = r.staff_group_id"
                          " WHERE s.name = 'Childminders' AND r.half = 2"),
                   ==, 9);

  /* Copying again is refused with a dialog, writing nothing. */
  cm_cycle_step_copy_previous (step (fixture, CM_NEEDS_STEP_CYCLE));
  cm_test_iterate ();
  g_assert_nonnull (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 2"), ==, 3);
  gtk_window_destroy (GTK_WINDOW (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)));
  cm_test_iterate ();

  /* Choosing the last year offered keeps the years where they were. */
  {
    AdwComboRow *years = ADW_COMBO_ROW (find_widget (GTK_WIDGET (step (fixture, CM_NEEDS_STEP_CYCLE)), ADW_TYPE_COMBO_ROW));
    GListModel *model = adw_combo_row_get_model (years);
    guint n = g_list_model_get_n_items (model);
    g_autofree char *first = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), 0));

    g_assert_cmpuint (n, >=, 3);
    adw_combo_row_set_selected (years, n - 1);
    cm_test_iterate ();
    g_assert_true (adw_combo_row_get_model (years) == model);
    g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (years)), ==, n);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (years)), 0), ==, first);
    g_assert_cmpuint (adw_combo_row_get_selected (years), ==, n - 1);
  }
}

static void
test_wizard_resume (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_context_load_demo (fixture->context, &error));
  g_assert_no_error (error);

  open_wizard (fixture);
  g_assert_true (cm_needs_wizard_set_cycle (fixture->wizard, 2010, 2, &error));
  g_assert_no_error (error);
  cm_needs_wizard_set_step (fixture->wizard, CM_NEEDS_STEP_POSITION);
  cm_test_iterate ();
  g_assert_cmpstr (cm_needs_wizard_get_indicator (fixture->wizard), ==, "Step 4 of 7 · Current Position");

  /* Closing and opening again comes back to the same cycle and step. */
  close_wizard (fixture);
  open_wizard (fixture);
  g_assert_cmpint (cm_needs_wizard_get_year (fixture->wizard), ==, 2010);
  g_assert_cmpint (cm_needs_wizard_get_half (fixture->wizard), ==, 2);
  g_assert_cmpuint (cm_needs_wizard_get_step (fixture->wizard), ==, CM_NEEDS_STEP_POSITION);
  g_assert_cmpstr (cm_needs_wizard_get_indicator (fixture->wizard), ==, "Step 4 of 7 · Current Position");
  g_assert_cmpuint (g_list_model_get_n_items (cm_position_step_get_rows (step (fixture, CM_NEEDS_STEP_POSITION))), ==,
                    (guint) query (fixture, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 2"));

  /* Each cycle keeps its own step. */
  g_assert_true (cm_needs_wizard_set_cycle (fixture->wizard, 2010, 1, &error));
  g_assert_no_error (error);
  cm_needs_wizard_set_step (fixture->wizard, CM_NEEDS_STEP_REVIEW);
  cm_test_iterate ();
  close_wizard (fixture);
  open_wizard (fixture);
  g_assert_cmpint (cm_needs_wizard_get_half (fixture->wizard), ==, 1);
  g_assert_cmpuint (cm_needs_wizard_get_step (fixture->wizard), ==, CM_NEEDS_STEP_REVIEW);
  g_assert_cmpint (query (fixture, "SELECT wizard_step FROM cycles WHERE year = 2010 AND half = 2"), ==, 4);
  g_assert_cmpuint (cm_heatmap_get_n_cells (cm_review_step_get_heatmap (step (fixture, CM_NEEDS_STEP_REVIEW))), ==,
                    (guint) query (fixture, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 1"));
}

/* `needs --year YEAR --half HALF --json` on the fixture's database. */
static char *
needs_json (Fixture *fixture,
            int      year,
            int      half)
{
  g_autofree char *year_text = g_strdup_printf ("%d", year);
  g_autofree char *half_text = g_strdup_printf ("%d", half);
  const char *argv[] = { g_getenv ("CM_CLI"), "--database", fixture->path, "needs",
                         "--year", year_text, "--half", half_text, "--json", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (fixture->dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));

  return g_steal_pointer (&out);
}

/* The sum of every `"KEY":N` in @json, and how many there are. */
static gint64
json_sum (const char *json,
          const char *key,
          guint      *out_count)
{
  g_autofree char *pattern = g_strdup_printf ("\"%s\":(-?[0-9]+)", key);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gint64 sum = 0;
  guint count = 0;

  g_regex_match (regex, json, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *number = g_match_info_fetch (match, 1);

      sum += g_ascii_strtoll (number, NULL, 10);
      count++;
      g_match_info_next (match, NULL);
    }

  *out_count = count;
  return sum;
}

/* Switching the cycle in the header moves every step to it: the matrix
 * and the ranking are the new cycle's, as `needs --json` gives them. */
static void
test_wizard_cycle_switch (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  CmHeatmap *heatmap;
  GListModel *ranking;

  g_assert_true (cm_context_load_demo (fixture->context, &error));
  g_assert_no_error (error);
  open_wizard (fixture);

  for (int half = 1; half <= 2; half++)
    {
      g_autofree char *json = needs_json (fixture, 2010, half);
      g_autofree char *first_code = NULL;
      gint64 needed_sum;
      gint64 places_sum;
      gint64 shown_needed = 0;
      gint64 shown_places = 0;
      guint n_lines;
      guint n_competencies;

      /* Review first, then the header's choice, as a person would. */
      cm_needs_wizard_set_step (fixture->wizard, CM_NEEDS_STEP_REVIEW);
      cm_test_iterate ();
      g_assert_true (cm_needs_wizard_set_cycle (fixture->wizard, 2010, half, &error));
      g_assert_no_error (error);
      cm_needs_wizard_set_step (fixture->wizard, CM_NEEDS_STEP_REVIEW);
      cm_test_iterate ();

      needed_sum = json_sum (json, "needed", &n_lines);
      places_sum = json_sum (json, "places_needed", &n_competencies);
      g_assert_cmpuint (n_lines, >, 0);

      heatmap = cm_review_step_get_heatmap (step (fixture, CM_NEEDS_STEP_REVIEW));
      draw_now (GTK_WIDGET (heatmap));
      g_assert_cmpuint (cm_heatmap_get_n_cells (heatmap), ==, n_lines);
      for (guint r = 0; r < cm_heatmap_get_n_rows (heatmap); r++)
        for (guint c = 0; c < cm_heatmap_get_n_columns (heatmap); c++)
          {
            const CmNeedsLine *line = cm_heatmap_get_line (heatmap, r, c);

            if (line != NULL)
              shown_needed += line->needed;
          }
      g_assert_cmpint (shown_needed, ==, needed_sum);

      ranking = cm_review_step_get_ranking (step (fixture, CM_NEEDS_STEP_REVIEW));
      g_assert_cmpuint (g_list_model_get_n_items (ranking), ==, n_competencies);
      for (guint i = 0; i < g_list_model_get_n_items (ranking); i++)
        {
          g_autoptr(CmNeedsItem) item = g_list_model_get_item (ranking, i);

          shown_places += cm_needs_item_get_competency (item)->places_needed;
          if (i == 0)
            first_code = g_strdup (cm_needs_item_get_competency (item)->code);
        }
      g_assert_cmpint (shown_places, ==, places_sum);
      /* The top of the ranking is the first competency of the JSON. */
      {
        g_autofree char *expected = g_strdup_printf ("\"competencies\":[{\"code\":\"%s\"", first_code);

        g_assert_nonnull (strstr (json, expected));
      }
    }
}

static gpointer
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/* A disabled action does nothing: it asks no question. */
static gboolean
action_enabled (gpointer    widget,
                const char *action)
{
  GtkWindow *question;

  activate (widget, action);
  question = cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  if (question == NULL)
    return FALSE;

  gtk_window_destroy (question);
  cm_test_iterate ();
  return TRUE;
}

static void
answer (const char *heading,
        const char *response)
{
  AdwMessageDialog *question = ADW_MESSAGE_DIALOG (cm_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, heading);
  g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "cancel");
  adw_message_dialog_response (question, response);
  gtk_window_destroy (GTK_WINDOW (question));
  cm_test_iterate ();
}

/* Signing a cycle off through the wizard (docs/figures.md, "Cycle
 * sign-off"): its state shows, its inputs become read-only, and
 * reopening makes them editable again. */
static void
test_wizard_sign_off (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%d %b %Y");
  g_autofree char *banner = g_strdup_printf ("Signed off on %s — reopen to change it", today);
  GtkLabel *state_label;
  GtkLabel *cycle_label;
  GtkRevealer *revealer;
  GtkWidget *sign_off;
  GtkWidget *label;
  GtkEditable *entry;
  gpointer position;
  gpointer priorities;

  g_assert_true (cm_context_load_demo (fixture->context, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 2"), >, 0);

  open_wizard (fixture);
  g_assert_true (cm_needs_wizard_set_cycle (fixture->wizard, 2010, 1, &error));
  g_assert_no_error (error);
  state_label = template_child (fixture->wizard, CM_TYPE_NEEDS_WIZARD, "state_label");
  cycle_label = template_child (fixture->wizard, CM_TYPE_NEEDS_WIZARD, "cycle_label");
  revealer = template_child (fixture->wizard, CM_TYPE_NEEDS_WIZARD, "state_revealer");
  sign_off = template_child (fixture->wizard, CM_TYPE_NEEDS_WIZARD, "sign_off_button");
  position = step (fixture, CM_NEEDS_STEP_POSITION);
  priorities = step (fixture, CM_NEEDS_STEP_PRIORITIES);

  /* The workforce step says which cycles its edits change. */
  cm_needs_wizard_set_step (fixture->wizard, CM_NEEDS_STEP_WORKFORCE);
  cm_test_iterate ();
  label = template_child (step (fixture, CM_NEEDS_STEP_WORKFORCE), CM_TYPE_WORKFORCE_STEP, "cycles_label");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Changes here update 2010/11 H1 and 2010/11 H2.");

  /* Open: Sign Off is offered on the last step only. */
  g_assert_false (gtk_widget_get_visible (sign_off));
  cm_needs_wizard_set_step (fixture->wizard, CM_NEEDS_STEP_COMMISSION);
  cm_test_iterate ();
  g_assert_true (gtk_widget_get_visible (sign_off));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (gtk_label_get_text (cycle_label), ==, "2010/11 H1");
  g_assert_false (action_enabled (fixture->wizard, "wizard.reopen-cycle"));

  /* Cancel changes nothing. */
  activate (fixture->wizard, "wizard.sign-off-cycle");
  answer ("Sign Off 2010/11 H1?", "cancel");
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM cycles WHERE closed_on IS NOT NULL"), ==, 0);

  activate (fixture->wizard, "wizard.sign-off-cycle");
  answer ("Sign Off 2010/11 H1?", "yes");
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM cycles WHERE year = 2010 AND half = 1"
                                   " AND closed_on = date ('now', 'localtime')"), ==, 1);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 1"
                                   " AND closed_headcount IS NULL"), ==, 0);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (gtk_label_get_text (state_label), ==, banner);
  g_assert_cmpstr (gtk_label_get_text (cycle_label), ==, "2010/11 H1 · Signed Off");
  g_assert_false (gtk_widget_get_visible (sign_off));
  g_assert_false (action_enabled (fixture->wizard, "wizard.sign-off-cycle"));

  /* The inputs are read-only. */
  cm_needs_wizard_set_step (fixture->wizard, CM_NEEDS_STEP_REQUIREMENTS);
  cm_test_iterate ();
  g_assert_false (gtk_widget_get_sensitive (template_child (step (fixture, CM_NEEDS_STEP_REQUIREMENTS),
                                                            CM_TYPE_REQUIREMENTS_STEP, "view")));
  cm_needs_wizard_set_step (fixture->wizard, CM_NEEDS_STEP_POSITION);
  cm_test_iterate ();
  g_assert_false (gtk_widget_get_sensitive (template_child (position, CM_TYPE_POSITION_STEP, "view")));
  cm_needs_wizard_set_step (fixture->wizard, CM_NEEDS_STEP_PRIORITIES);
  cm_test_iterate ();
  g_assert_false (gtk_widget_get_sensitive (template_child (priorities, CM_TYPE_PRIORITIES_STEP, "view")));
  g_assert_false (gtk_widget_get_sensitive (template_child (priorities, CM_TYPE_PRIORITIES_STEP, "mandatory_spin")));
  /* The state shows on every step. */
  g_assert_true (gtk_revealer_get_reveal_child (revealer));

  cm_needs_wizard_set_step (fixture->wizard, CM_NEEDS_STEP_WORKFORCE);
  cm_test_iterate ();
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "Changes here update 2010/11 H2; signed-off cycles keep their figures.");

  /* Another cycle is open. */
  g_assert_true (cm_needs_wizard_set_cycle (fixture->wizard, 2010, 2, &error));
  cm_test_iterate ();
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (gtk_label_get_text (cycle_label), ==, "2010/11 H2");
  g_assert_true (cm_needs_wizard_set_cycle (fixture->wizard, 2010, 1, &error));
  cm_test_iterate ();

  /* Reopening asks, then the inputs are editable again. */
  cm_needs_wizard_set_step (fixture->wizard, CM_NEEDS_STEP_PRIORITIES);
  cm_test_iterate ();
  activate (fixture->wizard, "wizard.reopen-cycle");
  answer ("Reopen 2010/11 H1?", "yes");
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM cycles WHERE closed_on IS NOT NULL"), ==, 0);
  g_assert_cmpint (query (fixture, "SELECT count(closed_headcount) FROM requirements"), ==, 0);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (gtk_label_get_text (cycle_label), ==, "2010/11 H1");
  g_assert_true (gtk_widget_get_sensitive (template_child (priorities, CM_TYPE_PRIORITIES_STEP, "view")));
  g_assert_true (gtk_widget_get_sensitive (template_child (priorities, CM_TYPE_PRIORITIES_STEP, "mandatory_spin")));

  /* The Evidence page edits a line's source in its row. */
  gtk_stack_set_visible_child_name (template_child (priorities, CM_TYPE_PRIORITIES_STEP, "pages_stack"), "evidence");
  draw_now (GTK_WIDGET (priorities));
  label = find_widget (template_child (priorities, CM_TYPE_PRIORITIES_STEP, "view"), CM_TYPE_TEXT_CELL);
  g_assert_nonnull (label);
  entry = cm_text_cell_begin_edit (CM_TEXT_CELL (label));
  gtk_editable_set_text (entry, " Ofsted inspection, May 2010 ");
  g_signal_emit_by_name (entry, "activate");
  cm_test_iterate ();
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 1"
                                   " AND evidence_source = 'Ofsted inspection, May 2010'"), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Ofsted inspection, May 2010");
  /* Enter again with nothing changed writes nothing. */
  g_signal_emit_by_name (entry, "activate");
  cm_test_iterate ();
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM requirements WHERE evidence_source <> ''"), ==, 1);
}

static void
test_wizard_keyboard (Fixture       *fixture,
                      gconstpointer  user_data)
{
  open_wizard (fixture);

  /* Alt+Right and Alt+Left, as the footer's tooltips say. */
  press (GTK_WIDGET (fixture->wizard), GDK_KEY_Right, GDK_ALT_MASK);
  cm_test_iterate ();
  g_assert_cmpuint (cm_needs_wizard_get_step (fixture->wizard), ==, CM_NEEDS_STEP_WORKFORCE);
  press (GTK_WIDGET (fixture->wizard), GDK_KEY_Left, GDK_ALT_MASK);
  cm_test_iterate ();
  g_assert_cmpuint (cm_needs_wizard_get_step (fixture->wizard), ==, CM_NEEDS_STEP_CYCLE);
}

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
keep_toast_cb (gpointer   object,
               AdwToast  *toast,
               AdwToast **out_toast)
{
  g_set_object (out_toast, toast);
}

static void
last_toast_cb (gpointer   object,
               AdwToast  *toast,
               char     **out_title)
{
  g_free (*out_title);
  *out_title = g_strdup (adw_toast_get_title (toast));
}

/* A step works on the context it is made with and asks for everything
 * else with signals: toasts, other steps, other cycles. */
static void
test_wizard_step_signals (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *toast = NULL;
  g_autofree char *wizard_toast = NULL;
  GtkWindow *window;
  CmWizardStep *workforce;
  CmCycleStep *cycle;
  guint n_changed = 0;
  gboolean selected = FALSE;

  /* On its own, with no wizard around it. */
  window = GTK_WINDOW (g_object_ref (gtk_window_new ()));
  workforce = g_object_new (CM_TYPE_WORKFORCE_STEP, "context", fixture->context, NULL);
  g_object_ref (workforce);
  gtk_window_set_child (window, GTK_WIDGET (workforce));
  gtk_window_present (window);
  cm_test_wait_for_mapped (GTK_WIDGET (workforce));
  g_signal_connect (workforce, "add-toast", G_CALLBACK (last_toast_cb), &toast);
  g_signal_connect (workforce, "data-changed", G_CALLBACK (count_cb), &n_changed);

  cm_wizard_step_enter (workforce);
  activate (workforce, "workforce.add-organisation");
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM organisations"), ==, 1);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_nonnull (toast);
  g_assert_true (g_str_has_prefix (toast, "Added “New organisation”"));

  gtk_window_destroy (window);
  cm_test_iterate ();
  g_assert_finalize_object (window);
  g_assert_finalize_object (workforce);

  /* In the wizard, which does what they ask. */
  open_wizard (fixture);
  g_signal_connect (fixture->wizard, "add-toast", G_CALLBACK (last_toast_cb), &wizard_toast);
  cycle = step (fixture, CM_NEEDS_STEP_CYCLE);

  g_signal_emit_by_name (cycle, "select-cycle", 2010, 2, &selected);
  g_assert_true (selected);
  g_assert_cmpint (cm_needs_wizard_get_year (fixture->wizard), ==, 2010);
  g_assert_cmpint (cm_needs_wizard_get_half (fixture->wizard), ==, 2);
  for (guint i = CM_NEEDS_STEP_CYCLE; i <= CM_NEEDS_N_STEPS; i++)
    {
      int year = 0;
      int half = 0;

      g_object_get (step (fixture, i), "year", &year, "half", &half, NULL);
      g_assert_cmpint (year, ==, 2010);
      g_assert_cmpint (half, ==, 2);
    }

  g_signal_emit_by_name (cycle, "select-cycle", 1800, 1, &selected);
  g_assert_false (selected);
  g_assert_cmpint (cm_needs_wizard_get_year (fixture->wizard), ==, 2010);
  g_assert_cmpstr (wizard_toast, ==, "The year must be from 1900 to 9999, not 1800");

  g_signal_emit_by_name (cycle, "go-to-step", (guint) CM_NEEDS_STEP_POSITION);
  cm_test_iterate ();
  g_assert_cmpuint (cm_needs_wizard_get_step (fixture->wizard), ==, CM_NEEDS_STEP_POSITION);

  cm_wizard_step_show_message (step (fixture, CM_NEEDS_STEP_POSITION), "Hello");
  g_assert_cmpstr (wizard_toast, ==, "Hello");

  g_signal_handlers_disconnect_by_func (fixture->wizard, last_toast_cb, &wizard_toast);
}

/* 150 staff groups × 40 competencies: every cell a line. */
static GPtrArray *
large_matrix (void)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_needs_line_free);

  for (int g = 0; g < 150; g++)
    for (int c = 0; c < 40; c++)
      {
        CmNeedsLine *line = cm_needs_line_new ();
        g_autofree char *group_name = g_strdup_printf ("Staff group %03d", g);
        g_autofree char *code = g_strdup_printf ("C-%02d", c);
        g_autofree char *name = g_strdup_printf ("Competency %d", c);

        line->staff_group_id = g + 1;
        line->staff_group = g_intern_string (group_name);
        line->sector = g_intern_string (g % 2 == 0 ? "early-years" : "education");
        line->competency_id = c + 1;
        line->competency_code = g_intern_string (code);
        line->competency_name = g_intern_string (name);
        line->headcount = 20 + g;
        line->coverage_bp = 10000;
        line->compliant = (g * 7 + c * 3) % 20;
        line->risk = 1 + c % 3;
        line->strategic = c % 3;
        line->mandatory = c % 2;
        cm_needs_compute_line (line, NULL);
        g_ptr_array_add (lines, line);
      }

  return lines;
}

static void
test_heatmap_large (void)
{
  g_autoptr(GPtrArray) lines = large_matrix ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  CmHeatmap *heatmap = CM_HEATMAP (g_object_ref_sink (cm_heatmap_new ()));
  GtkAdjustment *vadjustment;
  guint row;
  guint column;
  gint64 start;

  g_object_ref (window);
  gtk_window_set_default_size (window, 1280, 800);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (heatmap));
  gtk_window_set_child (window, scrolled);
  gtk_window_present (window);
  cm_test_wait_for_mapped (GTK_WIDGET (heatmap));

  cm_heatmap_set_lines (heatmap, lines, NULL);
  g_assert_cmpuint (cm_heatmap_get_n_rows (heatmap), ==, 150);
  g_assert_cmpuint (cm_heatmap_get_n_columns (heatmap), ==, 40);
  g_assert_cmpuint (cm_heatmap_get_n_cells (heatmap), ==, 6000);

  /* Only what is in view is drawn. */
  start = g_get_monotonic_time ();
  draw_now (GTK_WIDGET (heatmap));
  g_test_message ("first frame of the large matrix: %" G_GINT64_FORMAT " µs", g_get_monotonic_time () - start);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (heatmap)), >, 600);
  g_assert_cmpuint (cm_heatmap_get_n_drawn_cells (heatmap), >, 0);
  g_assert_cmpuint (cm_heatmap_get_n_drawn_cells (heatmap), <, 1000);

  /* Redrawing, as hovering does, costs the visible cells only: what the
   * widget itself spends on a frame, rendering aside. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 100; i++)
    {
      cm_heatmap_set_focus_cell (heatmap, 0, i % 10);
      draw_now (GTK_WIDGET (heatmap));
    }
  g_test_message ("one frame of the visible cells: %" G_GINT64_FORMAT " µs", (g_get_monotonic_time () - start) / 100);

  /* Rows go by sector: the even, early years groups come first. */
  g_assert_cmpstr (cm_heatmap_get_row_title (heatmap, 0), ==, "Staff group 000");
  g_assert_cmpstr (cm_heatmap_get_row_title (heatmap, 75), ==, "Staff group 001");

  /* Focusing the far corner scrolls there; the headers stay. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (heatmap));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0.0);
  gtk_widget_grab_focus (GTK_WIDGET (heatmap));
  cm_heatmap_set_focus_cell (heatmap, 149, 39);
  draw_now (GTK_WIDGET (heatmap));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==,
                     gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment));
  g_assert_cmpuint (cm_heatmap_get_n_drawn_cells (heatmap), <, 1000);

  /* Arrow keys move the focus cell; Home goes to the first column. */
  press (GTK_WIDGET (heatmap), GDK_KEY_Up, 0);
  press (GTK_WIDGET (heatmap), GDK_KEY_Left, 0);
  g_assert_true (cm_heatmap_get_focus_cell (heatmap, &row, &column));
  g_assert_cmpuint (row, ==, 148);
  g_assert_cmpuint (column, ==, 38);
  press (GTK_WIDGET (heatmap), GDK_KEY_Home, 0);
  g_assert_true (cm_heatmap_get_focus_cell (heatmap, &row, &column));
  g_assert_cmpuint (column, ==, 0);
  press (GTK_WIDGET (heatmap), GDK_KEY_End, 0);
  g_assert_true (cm_heatmap_get_focus_cell (heatmap, &row, &column));
  g_assert_cmpuint (column, ==, 39);

  /* The cell under the pointer maps back to its line. */
  g_assert_true (cm_heatmap_get_cell_at (heatmap, gtk_widget_get_width (GTK_WIDGET (heatmap)) - 5,
                                         gtk_widget_get_height (GTK_WIDGET (heatmap)) - 5, &row, &column));
  g_assert_cmpuint (row, ==, 149);
  g_assert_cmpuint (column, ==, 39);
  {
    g_autofree char *text = cm_heatmap_describe_cell (heatmap, row, column);
    const CmNeedsLine *line = cm_heatmap_get_line (heatmap, row, column);
    g_autofree char *expected = g_strdup_printf ("Staff group 149\nC-39 — Competency 39\n"
                                                 "Required %" G_GINT64_FORMAT " · still compliant %" G_GINT64_FORMAT
                                                 " · needed %" G_GINT64_FORMAT "\nPriority ",
                                                 line->required, line->still, line->needed);

    g_assert_true (g_str_has_prefix (text, expected));
  }

  /* Empty again: nothing to draw. */
  cm_heatmap_set_lines (heatmap, NULL, NULL);
  draw_now (GTK_WIDGET (heatmap));
  g_assert_cmpuint (cm_heatmap_get_n_cells (heatmap), ==, 0);
  g_assert_cmpuint (cm_heatmap_get_n_drawn_cells (heatmap), ==, 0);

  gtk_window_destroy (window);
  cm_test_iterate ();
  g_assert_finalize_object (window);
  g_assert_finalize_object (heatmap);
}

/* The wizard in its place: the window's Needs page, with the header's
 * cycle selector following the wizard and the other way round. */
static void
test_wizard_in_window (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(GError) error = NULL;
  CmWindow *window;
  CmNeedsPage *page;
  CmNeedsWizard *wizard;
  GtkDropDown *dropdown;
  GListModel *cycles;
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *target = NULL;
  CmBudgetPage *budget;
  CmBudgetCommissionsView *commissions;

  g_settings_set_int (settings, "last-year", 2010);
  g_settings_set_int (settings, "last-half", 1);

  g_settings_reset (settings, "last-page");
  window = g_object_ref (cm_window_new (application, fixture->context));
  gtk_window_present (GTK_WINDOW (window));
  cm_test_wait_for_mapped (GTK_WIDGET (window));

  activate (window, "win.load-example-data");
  page = CM_NEEDS_PAGE (cm_window_get_page (window, "needs"));
  wizard = cm_needs_page_get_wizard (page);
  g_assert_cmpstr (cm_needs_page_get_state (page), ==, "wizard");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (wizard)));

  /* A database that remembers no cycle shows the header's, writing nothing. */
  g_assert_cmpint (cm_needs_wizard_get_year (wizard), ==, 2010);
  g_assert_cmpint (cm_needs_wizard_get_half (wizard), ==, 1);
  g_assert_null (cm_context_get_setting (fixture->context, CM_NEEDS_SETTING_CURRENT_CYCLE, NULL));

  /* Choosing H2 in the header moves the analysis there, and saves it. */
  /* The header bar comes first: its drop-down is the cycle selector. */
  dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (dropdown);
  cycles = gtk_drop_down_get_model (dropdown);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (cycles), gtk_drop_down_get_selected (dropdown)), ==, "2010/11 H1");
  gtk_drop_down_set_selected (dropdown, gtk_drop_down_get_selected (dropdown) + 1);
  cm_test_iterate ();
  g_assert_cmpint (cm_needs_wizard_get_half (wizard), ==, 2);
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM settings WHERE key = 'tna_current_cycle' AND value = '2010,2'"), ==, 1);

  /* The wizard's own choice shows in the header, far years included. */
  g_assert_true (cm_needs_wizard_set_cycle (wizard, 2015, 1, &error));
  g_assert_no_error (error);
  cycles = gtk_drop_down_get_model (dropdown);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (cycles), gtk_drop_down_get_selected (dropdown)), ==, "2015/16 H1");
  g_assert_cmpint (g_settings_get_int (settings, "last-year"), ==, 2015);

  /* The workforce overview is one action away, and back. */
  activate (page, "needs.show-workforce");
  g_assert_cmpstr (cm_needs_page_get_state (page), ==, "workforce");
  activate (page, "needs.show-wizard");
  g_assert_cmpstr (cm_needs_page_get_state (page), ==, "wizard");

  /* Commissioning ends on the Budget page, through the toast's action. */
  g_assert_true (cm_needs_wizard_set_cycle (wizard, 2010, 1, &error));
  g_assert_no_error (error);
  cm_needs_wizard_set_step (wizard, CM_NEEDS_STEP_COMMISSION);
  cm_test_iterate ();
  g_assert_true (cm_commission_step_set_ticked (CM_COMMISSION_STEP (cm_needs_wizard_get_step_widget (wizard, CM_NEEDS_STEP_COMMISSION)),
                                                "CC-WELF", TRUE));
  g_signal_connect (cm_needs_wizard_get_step_widget (wizard, CM_NEEDS_STEP_COMMISSION), "add-toast",
                    G_CALLBACK (keep_toast_cb), &toast);
  activate (cm_needs_wizard_get_step_widget (wizard, CM_NEEDS_STEP_COMMISSION), "commission.create");
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM commissions WHERE code = 'TNA-2010H1-CC-WELF' AND status = 'proposed'"), ==, 1);
  /* Its button opens the Budget page on just what was created. */
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.show-commissions");
  target = g_variant_print (adw_toast_get_action_target_value (toast), FALSE);
  g_assert_cmpstr (target, ==, "['TNA-2010H1-CC-WELF']");
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (wizard), "win.show-commissions",
                                                     adw_toast_get_action_target_value (toast)));
  cm_test_iterate ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (cm_window_get_view_stack (window)), ==, "budget");
  budget = CM_BUDGET_PAGE (cm_window_get_page (window, "budget"));
  while (g_strcmp0 (cm_budget_page_get_visible_view (budget), "loading") == 0)
    g_main_context_iteration (NULL, TRUE);
  cm_test_iterate ();
  g_assert_cmpstr (cm_budget_page_get_visible_view (budget), ==, "commissions");
  commissions = cm_budget_page_get_commissions_view (budget);
  g_assert_cmpint (cm_budget_commissions_view_get_selected_id (commissions), ==,
                   query (fixture, "SELECT id FROM commissions WHERE code = 'TNA-2010H1-CC-WELF'"));
  g_assert_true (g_str_has_prefix (cm_budget_commissions_view_get_footer (commissions), "1 of "));
  g_clear_object (&toast);

  gtk_window_destroy (GTK_WINDOW (window));
  cm_test_iterate ();
  g_assert_finalize_object (window);

  g_settings_reset (settings, "last-year");
  g_settings_reset (settings, "last-half");
}

static void
record_choice_cb (GtkWidget *button,
                  guint      position,
                  gpointer   user_data)
{
  *(guint *) user_data = position;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
count_value_changed_cb (GtkWidget *widget,
          guint     *count)
{
  (*count)++;
}

/* A number in a table row is a label until it is reached with the
 * keyboard; then a spin button of the same width takes its place. Only
 * a person's change is reported. */
static void
test_spin_cell (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *cell = cm_spin_cell_new (0, 100000, 1, 0, "Headcount");
  GtkWidget *other = gtk_button_new_with_label ("Elsewhere");
  GtkSpinButton *spin;
  guint changed = 0;
  int width;

  gtk_widget_set_halign (cell, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), other);
  gtk_box_append (GTK_BOX (box), cell);
  gtk_window_set_child (window, box);
  g_signal_connect (cell, "value-changed", G_CALLBACK (count_value_changed_cb), &changed);
  gtk_window_present (window);
  cm_test_wait_for_mapped (cell);

  cm_spin_cell_set_value (CM_SPIN_CELL (cell), 208);
  cm_test_iterate ();
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpfloat (cm_spin_cell_get_value (CM_SPIN_CELL (cell)), ==, 208.0);
  g_assert_null (find_widget (box, GTK_TYPE_SPIN_BUTTON));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_widget (cell, GTK_TYPE_LABEL))), ==, "208");
  width = gtk_widget_get_width (cell);
  g_assert_cmpint (width, >, 0);

  /* Out of range is clamped, as the spin button would. */
  cm_spin_cell_set_value (CM_SPIN_CELL (cell), 250000);
  g_assert_cmpfloat (cm_spin_cell_get_value (CM_SPIN_CELL (cell)), ==, 100000.0);
  cm_spin_cell_set_value (CM_SPIN_CELL (cell), 208);

  /* Focus from the keyboard: the spin button takes the focus. */
  gtk_widget_grab_focus (other);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  cm_test_iterate ();
  spin = GTK_SPIN_BUTTON (find_widget (box, GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (spin);
  g_assert_true (spin == cm_spin_cell_begin_edit (CM_SPIN_CELL (cell)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (spin)));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 208.0);
  g_assert_cmpint (gtk_widget_get_width (cell), ==, width);
  g_assert_cmpuint (changed, ==, 0);

  gtk_spin_button_set_value (spin, 209);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpfloat (cm_spin_cell_get_value (CM_SPIN_CELL (cell)), ==, 209.0);

  cm_spin_cell_set_value (CM_SPIN_CELL (cell), 31);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 31.0);

  gtk_window_destroy (window);
  cm_test_iterate ();
}

/* A line of text in a row is a label until it is edited, and says it
 * changed only when a person commits a different text. */
static void
test_text_cell (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *cell = cm_text_cell_new (20, "Source of the evidence");
  GtkWidget *other = gtk_button_new_with_label ("Elsewhere");
  GtkEditable *entry;
  guint changed = 0;

  gtk_box_append (GTK_BOX (box), other);
  gtk_box_append (GTK_BOX (box), cell);
  gtk_window_set_child (window, box);
  g_signal_connect (cell, "changed", G_CALLBACK (count_value_changed_cb), &changed);
  gtk_window_present (window);
  cm_test_wait_for_mapped (cell);

  cm_text_cell_set_text (CM_TEXT_CELL (cell), "Serious case review");
  cm_test_iterate ();
  g_assert_cmpuint (changed, ==, 0);
  g_assert_null (find_widget (box, GTK_TYPE_TEXT));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_widget (cell, GTK_TYPE_LABEL))), ==, "Serious case review");
  cm_text_cell_set_text (CM_TEXT_CELL (cell), NULL);
  g_assert_cmpstr (cm_text_cell_get_text (CM_TEXT_CELL (cell)), ==, "");
  cm_text_cell_set_text (CM_TEXT_CELL (cell), "Serious case review");

  /* Tab gives the entry the focus. */
  gtk_widget_grab_focus (other);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  cm_test_iterate ();
  entry = cm_text_cell_begin_edit (CM_TEXT_CELL (cell));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (entry)));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Serious case review");

  /* Typing is not committing; Enter is, and leaving the entry too. */
  gtk_editable_set_text (entry, "Audit");
  g_assert_cmpuint (changed, ==, 0);
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (cm_text_cell_get_text (CM_TEXT_CELL (cell)), ==, "Audit");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (changed, ==, 1);
  gtk_editable_set_text (entry, "Ofsted");
  gtk_widget_grab_focus (other);
  cm_test_iterate ();
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpstr (cm_text_cell_get_text (CM_TEXT_CELL (cell)), ==, "Ofsted");

  /* Set from outside: shown, not announced. */
  cm_text_cell_set_text (CM_TEXT_CELL (cell), "Audit, 2010");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Audit, 2010");
  g_assert_cmpuint (changed, ==, 2);

  gtk_window_destroy (window);
  cm_test_iterate ();
}

static void
collect_cells (GtkWidget *root,
               GPtrArray *cells)
{
  if (CM_IS_SPIN_CELL (root) && gtk_widget_get_mapped (root))
    g_ptr_array_add (cells, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cells (child, cells);
}

/* The staff group or line a table cell shows. */
static gpointer
cell_item (CmSpinCell *cell)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (cell), "list-item");

  return item != NULL ? gtk_list_item_get_item (item) : NULL;
}

/* Types @text into @cell and presses Enter; checks that @message is shown
 * under it (or nothing, for NULL) and that the text stays. */
static void
type_into_cell (CmSpinCell *cell,
                const char *text,
                const char *message)
{
  GtkSpinButton *spin = cm_spin_cell_begin_edit (cell);
  GtkWidget *label;
  int cell_height = 0;
  int spin_height = 0;

  gtk_widget_grab_focus (GTK_WIDGET (spin));
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (spin);
  cm_test_iterate ();

  g_assert_cmpstr (cm_spin_cell_get_error (cell), ==, message);
  if (message == NULL)
    return;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, text);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (spin), "error"));
  /* Beside the field: under the spin button, in the same cell. */
  label = cm_field_error_get_label (GTK_WIDGET (spin));
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_parent (label) == GTK_WIDGET (cell));
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, message);
  gtk_widget_measure (GTK_WIDGET (cell), GTK_ORIENTATION_VERTICAL, -1, NULL, &cell_height, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (spin), GTK_ORIENTATION_VERTICAL, -1, NULL, &spin_height, NULL, NULL);
  g_assert_cmpint (cell_height, >, spin_height);
}

/* Escape in @cell's spin button puts back @shown and clears the error. */
static void
escape_cell (CmSpinCell *cell,
             const char *shown)
{
  GtkSpinButton *spin = cm_spin_cell_begin_edit (cell);
  g_autoptr(GtkShortcut) escape = cm_test_press_key (GTK_WIDGET (spin), GDK_KEY_Escape, 0, NULL);

  g_assert_nonnull (escape);
  g_assert_null (cm_spin_cell_get_error (cell));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, shown);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (spin), "error"));
  g_assert_false (gtk_widget_get_visible (cm_field_error_get_label (GTK_WIDGET (spin))));
}

/* The wizard on the workforce step of 2010/11 H1, with one organisation
 * and the staff groups of @staff_rows (CSV lines). */
static void
open_workforce (Fixture    *fixture,
                const char *staff_rows)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *organisations_csv = NULL;
  g_autofree char *staff_csv = NULL;
  g_autofree char *staff = g_strconcat ("name,organisation,sector,headcount,turnover_percent\n", staff_rows, NULL);

  open_wizard (fixture);
  g_assert_true (cm_needs_wizard_set_cycle (fixture->wizard, 2010, 1, &error));
  g_assert_no_error (error);
  activate (fixture->wizard, "wizard.next");
  write_file (fixture, "organisations.csv", "name,kind\nSunshine Nursery,private\n", &organisations_csv);
  write_file (fixture, "staff-groups.csv", staff, &staff_csv);
  import (fixture, "organisations", organisations_csv);
  import (fixture, "staff-groups", staff_csv);
}

/* A headcount of -5, a turnover of "abc" and a coverage of 150% are
 * refused beside the cell in the words of the CSV import, the text stays
 * and nothing is written; Escape puts the stored value back, and a
 * corrected value is saved. */
static void
test_wizard_field_errors (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  CmStaffGroup *group;
  CmSpinCell *headcount;
  CmSpinCell *turnover;
  CmSpinCell *coverage = NULL;

  open_workforce (fixture, "Nursery practitioners,Sunshine Nursery,early-years,120,11\n");

  /* The staff group table: headcount, then turnover. */
  collect_cells (step (fixture, CM_NEEDS_STEP_WORKFORCE), cells);
  g_assert_cmpuint (cells->len, ==, 2);
  headcount = g_ptr_array_index (cells, 0);
  turnover = g_ptr_array_index (cells, 1);
  group = cell_item (headcount);
  g_assert_true (CM_IS_STAFF_GROUP (group));
  g_assert_cmpstr (cm_staff_group_get_name (group), ==, "Nursery practitioners");

  type_into_cell (headcount, "-5", "“-5” must be a whole number from 0 to 100000");
  g_assert_cmpint (query (fixture, "SELECT headcount FROM staff_groups"), ==, 120);
  escape_cell (headcount, "120");
  g_assert_cmpfloat (cm_spin_cell_get_value (headcount), ==, 120.0);

  type_into_cell (turnover, "abc", "“abc” is not a percentage such as 11, 12.5 or 11% (at most two decimals)");
  type_into_cell (turnover, "150", "“150” must be a percentage from 0 to 100");
  g_assert_cmpint (query (fixture, "SELECT turnover_bp FROM staff_groups"), ==, 1100);
  escape_cell (turnover, "11.0");

  /* Corrected, it is saved. */
  type_into_cell (headcount, "-5", "“-5” must be a whole number from 0 to 100000");
  type_into_cell (headcount, "130", NULL);
  g_assert_cmpint (query (fixture, "SELECT headcount FROM staff_groups"), ==, 130);

  /* Coverage, on the requirements step. */
  activate (fixture->wizard, "wizard.next");
  g_assert_true (cm_requirements_step_select_competency (step (fixture, CM_NEEDS_STEP_REQUIREMENTS), "SG-B"));
  cm_test_iterate ();
  gtk_selection_model_select_item (cm_requirements_step_get_selection (step (fixture, CM_NEEDS_STEP_REQUIREMENTS)), 0, TRUE);
  gtk_spin_button_set_value (cm_requirements_step_get_bulk_spin (step (fixture, CM_NEEDS_STEP_REQUIREMENTS)), 50);
  activate (step (fixture, CM_NEEDS_STEP_REQUIREMENTS), "requirements.apply");
  g_assert_cmpint (query (fixture, "SELECT coverage_bp FROM requirements"), ==, 5000);
  g_ptr_array_set_size (cells, 0);
  collect_cells (step (fixture, CM_NEEDS_STEP_REQUIREMENTS), cells);
  g_assert_cmpuint (cells->len, ==, 1);
  coverage = g_ptr_array_index (cells, 0);
  type_into_cell (coverage, "150", "“150” must be a percentage from 0 to 100");
  g_assert_cmpint (query (fixture, "SELECT coverage_bp FROM requirements"), ==, 5000);
  escape_cell (coverage, "50");
  type_into_cell (coverage, "40", NULL);
  g_assert_cmpint (query (fixture, "SELECT coverage_bp FROM requirements"), ==, 4000);
}

/* The first cell of @type in a table row, shown. */
static GtkWidget *
find_row_cell (GtkWidget *root,
               GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root) &&
      g_object_get_data (G_OBJECT (root), "list-item") != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_cell (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Tab from a staff group's turnover, the field before its Remove
 * button, goes past the button; Delete on the row removes the group. */
static void
test_wizard_tab_skips_delete (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  g_autoptr(GtkShortcut) delete = NULL;
  GtkWidget *owner = NULL;
  GtkWidget *focus;
  GtkWidget *sector;
  GtkSpinButton *spin;
  CmStaffGroup *group;
  g_autofree char *name = NULL;

  /* One row: its Remove button is what Tab would reach next. (With a
   * row after it, Tab reaches that row's name, an editable label; GTK 4.8
   * can leave a source behind when a window goes with one focused.) */
  open_workforce (fixture, "Nursery practitioners,Sunshine Nursery,early-years,120,11\n");
  collect_cells (step (fixture, CM_NEEDS_STEP_WORKFORCE), cells);
  g_assert_cmpuint (cells->len, ==, 2);

  spin = cm_spin_cell_begin_edit (g_ptr_array_index (cells, 1));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (spin)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  for (GtkWidget *widget = focus; widget != NULL; widget = gtk_widget_get_parent (widget))
    g_assert_false (GTK_IS_BUTTON (widget) &&
                    g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "user-trash-symbolic") == 0);
  g_assert_false (gtk_widget_is_ancestor (focus, step (fixture, CM_NEEDS_STEP_WORKFORCE)) &&
                  gtk_widget_get_ancestor (focus, GTK_TYPE_COLUMN_VIEW) != NULL);

  /* The row's sector has the focus: Delete removes its group. */
  sector = find_row_cell (step (fixture, CM_NEEDS_STEP_WORKFORCE), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (sector);
  group = gtk_list_item_get_item (g_object_get_data (G_OBJECT (sector), "list-item"));
  name = g_strdup (cm_staff_group_get_name (group));
  g_assert_true (gtk_widget_grab_focus (sector));
  delete = cm_test_press_key (gtk_root_get_focus (GTK_ROOT (fixture->window)), GDK_KEY_Delete, 0, &owner);
  g_assert_nonnull (delete);
  g_assert_true (GTK_IS_COLUMN_VIEW (owner));
  g_assert_cmpint (query (fixture, "SELECT count(*) FROM staff_groups"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cm_workforce_step_get_staff_groups (step (fixture, CM_NEEDS_STEP_WORKFORCE))), ==, 0);
  g_assert_cmpstr (name, !=, "");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM staff_groups WHERE name = '%s'", name);

    g_assert_cmpint (query (fixture, sql), ==, 0);
  }
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
record_change_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static GListStore *
numbers_store (guint n,
               guint offset)
{
  GListStore *store = g_list_store_new (GTK_TYPE_STRING_OBJECT);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", offset + i);
      g_autoptr(GtkStringObject) item = gtk_string_object_new (text);

      g_list_store_append (store, item);
    }
  return store;
}

static const char *
string_at (GListModel *model,
           guint       position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (model, position);

  /* The store holds its own reference. */
  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* A large model reaches a list a slice at a time, the rest in one go;
 * an edit of a row shown passes through as that row alone. */
static void
test_gradual_model (void)
{
  g_autoptr(GListStore) store = numbers_store (1000, 0);
  g_autoptr(GListStore) other = numbers_store (1000, 5000);
  g_autoptr(CmGradualModel) gradual = cm_gradual_model_new (g_object_ref (G_LIST_MODEL (store)));
  GListModel *model = G_LIST_MODEL (gradual);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GtkStringObject) replacement = gtk_string_object_new ("edited");
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  const Change *change;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 24);
  g_assert_cmpstr (string_at (model, 23), ==, "23");
  g_assert_null (g_list_model_get_item (model, 24));
  g_signal_connect (gradual, "items-changed", G_CALLBACK (record_change_cb), changes);

  /* Before the growth: an edit of a row shown, one not shown yet. */
  g_list_store_splice (store, 5, 1, (gpointer *) &replacement, 1);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 5);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);
  g_assert_cmpstr (string_at (model, 5), ==, "edited");
  g_list_store_remove (store, 500);
  g_assert_cmpuint (changes->len, ==, 1);

  /* Slices of 24 up to 216; the next would reach 240, more rows than
   * any list makes, so the other 783 come at once. */
  cm_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 999);
  g_assert_cmpuint (changes->len, ==, 1 + 8 + 1);
  for (guint i = 1; i < 9; i++)
    {
      change = &g_array_index (changes, Change, i);
      g_assert_cmpuint (change->position, ==, 24 * i);
      g_assert_cmpuint (change->removed, ==, 0);
      g_assert_cmpuint (change->added, ==, 24);
    }
  change = &g_array_index (changes, Change, 9);
  g_assert_cmpuint (change->position, ==, 216);
  g_assert_cmpuint (change->added, ==, 783);
  g_assert_cmpstr (string_at (model, 500), ==, "501");
  g_assert_cmpstr (string_at (model, 998), ==, "999");

  /* Once all are there, an edit is still one row. */
  g_array_set_size (changes, 0);
  g_list_store_splice (store, 900, 1, (gpointer *) &replacement, 1);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 900);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);

  /* Read again as a whole: back to a slice, then the growth again. */
  g_array_set_size (changes, 0);
  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (all, g_list_model_get_item (G_LIST_MODEL (other), i));
  g_list_store_splice (store, 0, 999, all->pdata, all->len);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 999);
  g_assert_cmpuint (change->added, ==, 24);
  g_assert_cmpstr (string_at (model, 0), ==, "5000");
  cm_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1000);
  g_assert_cmpstr (string_at (model, 999), ==, "5999");
}

/* A table cell's choice: the list is built when opened, searched, and
 * what is chosen is reported by its place among all the choices. */
static void
test_choice_button (void)
{
  const char * const names[] = { "Brook", "Coram Training", "NSPCC", "Youth Access", NULL };
  g_autoptr(GtkStringList) choices = gtk_string_list_new (names);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *button;
  GtkWidget *popover;
  GtkWidget *list;
  GtkWidget *search;
  guint chosen = G_MAXUINT;

  button = cm_needs_choice_button_new (G_LIST_MODEL (choices), 12, TRUE, "Organisation",
                                       record_choice_cb, &chosen);
  cm_needs_choice_button_set_text (button, "Coram Training");
  gtk_window_set_child (window, button);
  gtk_window_present (window);
  cm_test_wait_for_mapped (button);

  /* Nothing is listed until it is opened. */
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  cm_test_iterate ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (popover);
  list = find_descendant (popover, GTK_TYPE_LIST_VIEW);
  search = find_descendant (popover, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (list);
  g_assert_nonnull (search);

  /* Searching "youth" leaves one entry, the fourth choice. */
  gtk_editable_set_text (GTK_EDITABLE (search), "youth");
  g_signal_emit_by_name (search, "search-changed");
  cm_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)))), ==, 1);
  g_signal_emit_by_name (list, "activate", 0);
  g_assert_cmpuint (chosen, ==, 3);

  /* Showing another choice drops the list; the next opening builds it anew.
   * The list is closed first, as choosing closes it for a person: a popover
   * destroyed while open can leave GTK's pointer focus on a widget without
   * a surface, which a later test then trips over. */
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  cm_test_iterate ();
  cm_needs_choice_button_set_text (button, "Youth Access");
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_menu_button_get_child (GTK_MENU_BUTTON (button)))), ==, "Youth Access");

  gtk_window_destroy (window);
  cm_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* Isolated XDG folders, as in gtk_test_init(), which cannot ask
   * g_test_init() for them. */
  g_content_type_set_mime_dirs (NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  gtk_init ();
  adw_init ();

  application = cm_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/needs-wizard/empty", test_wizard_empty);
  ADD ("/needs-wizard/walk", test_wizard_walk);
  ADD ("/needs-wizard/resume", test_wizard_resume);
  ADD ("/needs-wizard/keyboard", test_wizard_keyboard);
  ADD ("/needs-wizard/step-signals", test_wizard_step_signals);
  ADD ("/needs-wizard/in-window", test_wizard_in_window);
  ADD ("/needs-wizard/cycle-switch", test_wizard_cycle_switch);
  ADD ("/needs-wizard/sign-off", test_wizard_sign_off);
  ADD ("/needs-wizard/field-errors", test_wizard_field_errors);
  ADD ("/needs-wizard/tab-skips-delete", test_wizard_tab_skips_delete);
  g_test_add_func ("/needs-wizard/heatmap-large", test_heatmap_large);
  g_test_add_func ("/needs-wizard/choice-button", test_choice_button);
  g_test_add_func ("/needs-wizard/spin-cell", test_spin_cell);
  g_test_add_func ("/needs-wizard/text-cell", test_text_cell);
  g_test_add_func ("/needs-wizard/gradual-model", test_gradual_model);

#undef ADD

  ret = g_test_run ();

  g_object_unref (application);

  return ret;
}
