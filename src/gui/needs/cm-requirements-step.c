/* cm-requirements-step.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-needs"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cm-column-view.h"
#include "cm-context.h"
#include "cm-dialogs.h"
#include "cm-domain.h"
#include "cm-gradual-model.h"
#include "cm-needs-item.h"
#include "cm-needs-util.h"
#include "cm-spin-cell.h"
#include "cm-requirements-step.h"
#include "cm-undo.h"
#include "cm-wizard-step.h"
#include "cm-workforce-edit.h"
#include "cm-workforce.h"

/* Step 3: for one competency at a time, which staff groups need it and
 * at what coverage. A row is a CmNeedsItem whose line has
 * requirement_id 0 while the group does not need the competency. */
struct _CmRequirementsStep
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkDropDown       *competency_dropdown;
  GtkMenuButton     *presets_button;
  GtkStack          *state_stack;
  GtkColumnView     *view;
  GtkRevealer       *bulk_revealer;
  GtkLabel          *selection_label;
  GtkSpinButton     *bulk_spin;
  GtkLabel          *summary_label;

  GListStore        *competencies;
  GListStore        *rows;
  GtkMultiSelection *selection;
  GListStore        *staff_groups;
  GHashTable        *organisation_kinds;
  GPtrArray         *lines;
  gboolean          updating;
  gboolean          complete;
  CmContext         *context;
  int                year;
  int                half;
  GCancellable      *reading;  /* the cycle being read, if it is */
  gboolean           reading_all;
};

static void cm_requirements_step_iface_init (CmWizardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CmRequirementsStep, cm_requirements_step, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CM_TYPE_WIZARD_STEP, cm_requirements_step_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_YEAR,
  PROP_HALF,
  PROP_TITLE,
  PROP_IS_COMPLETE,
  N_PROPS
};

/* Quick presets: coverage patterns that local children's workforce
 * needs analyses commonly use (safeguarding levels by sector, CAF in
 * schools, the Common Core for everyone). A NULL
 * sector means every sector; pvi_only limits to PVI organisations. */
static const struct {
  const char *label;
  const char *competency;
  const char *sector;
  gboolean    pvi_only;
  gint64      coverage_bp;
} presets[] = {
  { N_("All frontline social care: Level B safeguarding 100%"), "SG-B", "social-care", FALSE, 10000 },
  { N_("All early years: Level A safeguarding 100%"), "SG-A", "early-years", FALSE, 10000 },
  { N_("PVI early years: Level B safeguarding 50%"), "SG-B", "early-years", TRUE, 5000 },
  { N_("All schools: Common Assessment Framework 25%"), "IW-CAF", "education", FALSE, 2500 },
  { N_("All health: Level B safeguarding 100%"), "SG-B", "health", FALSE, 10000 },
  { N_("All youth: sexual exploitation awareness 50%"), "SG-CSE", "youth", FALSE, 5000 },
  { N_("Everyone: Common Core communication 100%"), "CC-COMM", NULL, FALSE, 10000 },
};

static CmDb *
db (CmRequirementsStep *self)
{
  return self->context != NULL ? cm_context_get_db (self->context) : NULL;
}

static gboolean
is_writable (CmRequirementsStep *self)
{
  return cm_needs_ui_cycle_writable (self->context, self->year, self->half);
}

static CmCompetency *
selected_competency (CmRequirementsStep *self)
{
  return gtk_drop_down_get_selected_item (self->competency_dropdown);
}

static void
set_complete (CmRequirementsStep *self,
              gboolean            complete)
{
  if (self->complete == complete)
    return;

  self->complete = complete;
  g_object_notify (G_OBJECT (self), "is-complete");
}

static void
update_summary (CmRequirementsStep *self)
{
  CmCompetency *competency = selected_competency (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *groups = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *summary = NULL;
  gint64 required = 0;
  guint n_needing = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmNeedsItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      const CmNeedsLine *line = cm_needs_item_get_line (item);

      if (!cm_needs_item_get_checked (item))
        continue;

      n_needing++;
      required += cm_needs_required (line->headcount, line->coverage_bp);
    }

  if (competency == NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      return;
    }

  /* Translators: "Needed by 12 of 33 staff groups" */
  groups = g_strdup_printf (ngettext ("Needed by %u of %u staff group", "Needed by %u of %u staff groups", n),
                            n_needing, n);
  /* Translators: "480 staff must hold it" */
  staff = g_strdup_printf (ngettext ("%u member of staff must hold it", "%u staff must hold it", (gulong) MIN (required, G_MAXUINT)),
                           (guint) MIN (required, G_MAXUINT));
  summary = g_strdup_printf ("%s · %s", groups, staff);
  gtk_label_set_text (self->summary_label, summary);
}

static const CmNeedsLine *
find_line (CmRequirementsStep *self,
           gint64              staff_group_id,
           gint64              competency_id)
{
  for (guint i = 0; self->lines != NULL && i < self->lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (self->lines, i);

      if (line->staff_group_id == staff_group_id && line->competency_id == competency_id)
        return line;
    }

  return NULL;
}

/* Rebuilds the rows for the competency chosen. */
static void
fill_rows (CmRequirementsStep *self)
{
  CmCompetency *competency = selected_competency (self);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->staff_groups));

  for (guint i = 0; competency != NULL && i < n; i++)
    {
      g_autoptr(CmStaffGroup) group = g_list_model_get_item (G_LIST_MODEL (self->staff_groups), i);
      const CmNeedsLine *existing = find_line (self, cm_staff_group_get_id (group), cm_competency_get_id (competency));
      g_autoptr(CmNeedsLine) line = existing != NULL ? cm_needs_line_copy (existing) : cm_needs_line_new ();
      CmNeedsItem *item;

      if (existing == NULL)
        {
          line->staff_group_id = cm_staff_group_get_id (group);
          line->staff_group = g_intern_string (cm_staff_group_get_name (group));
          line->organisation = g_intern_string (cm_staff_group_get_organisation (group));
          line->sector = g_intern_string (cm_staff_group_get_sector (group));
          line->headcount = cm_staff_group_get_headcount (group);
          line->turnover_bp = cm_staff_group_get_turnover_bp (group);
          line->competency_id = cm_competency_get_id (competency);
          line->competency_code = g_intern_string (cm_competency_get_code (competency));
          line->coverage_bp = 10000;
        }

      item = cm_needs_item_new_line (line);
      cm_needs_item_set_checked (item, existing != NULL);
      g_ptr_array_add (rows, item);
    }

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  update_summary (self);
}

/* What the step shows, read in a worker thread: the catalogue, the
 * workforce and the cycle's lines (120,000 of them in a county). */
typedef struct
{
  int         year;
  int         half;
  gboolean    lines_only;
  GListStore *competencies;
  GListStore *staff_groups;
  GListStore *organisations;
  GPtrArray  *lines;
} StepData;

static void
step_data_free (gpointer pointer)
{
  StepData *data = pointer;

  g_clear_object (&data->competencies);
  g_clear_object (&data->staff_groups);
  g_clear_object (&data->organisations);
  g_clear_pointer (&data->lines, g_ptr_array_unref);
  g_free (data);
}

static gpointer
read_step_data (CmDb          *db,
                gpointer       request,
                GCancellable  *cancellable,
                GError       **error)
{
  const StepData *asked = request;
  StepData *data = g_new0 (StepData, 1);

  *data = (StepData) { asked->year, asked->half, asked->lines_only, NULL, NULL, NULL, NULL };

  if ((!asked->lines_only &&
       (!(data->competencies = cm_workforce_list_competencies (db, error)) ||
        !(data->staff_groups = cm_workforce_list_staff_groups (db, error)) ||
        !(data->organisations = cm_workforce_list_organisations (db, error)))) ||
      !(data->lines = cm_needs_list_lines (db, asked->year, asked->half, NULL, error)))
    {
      step_data_free (data);
      return NULL;
    }

  return data;
}

static void show_data (CmRequirementsStep *self,
                       StepData           *data);

static void
step_data_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CmRequirementsStep) self = user_data;
  g_autoptr(GError) error = NULL;
  StepData *data = cm_context_read_finish (CM_CONTEXT (object), result, &error);

  /* Superseded: another cycle, or the data changed again. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    g_clear_pointer (&data, step_data_free);
  else if (data == NULL)
    cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
  else
    {
      self->reading_all = FALSE;
      show_data (self, data);
      step_data_free (data);
    }
}

static void
read_data (CmRequirementsStep *self,
           gboolean            lines_only)
{
  StepData *request;

  /* A write during a full read must not cut it down to the lines. */
  if (self->reading != NULL)
    {
      lines_only = lines_only && !self->reading_all;
      g_cancellable_cancel (self->reading);
    }
  g_clear_object (&self->reading);

  if (self->context == NULL)
    return;

  self->reading_all = !lines_only;
  request = g_new0 (StepData, 1);
  request->year = self->year;
  request->half = self->half;
  request->lines_only = lines_only;
  self->reading = g_cancellable_new ();
  cm_context_read_async (self->context, read_step_data, request, g_free, step_data_free,
                         self->reading, step_data_read_cb, g_object_ref (self));
}

static void
reload (CmRequirementsStep *self)
{
  read_data (self, FALSE);
}

static void
show_data (CmRequirementsStep *self,
           StepData           *data)
{
  GListStore *competencies = data->competencies;
  GListStore *staff_groups = data->staff_groups;
  GListStore *organisations = data->organisations;
  g_autoptr(GPtrArray) lines = g_ptr_array_ref (data->lines);
  CmCompetency *current = selected_competency (self);
  g_autofree char *current_code = current != NULL ? g_strdup (cm_competency_get_code (current)) : NULL;
  guint n_competencies;
  guint selected = 0;

  /* After a write only the lines were read again. */
  if (data->lines_only)
    {
      g_clear_pointer (&self->lines, g_ptr_array_unref);
      self->lines = g_steal_pointer (&lines);
      update_summary (self);
      set_complete (self, self->lines->len > 0);
      return;
    }

  g_hash_table_remove_all (self->organisation_kinds);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (organisations)); i++)
    {
      g_autoptr(CmOrganisation) organisation = g_list_model_get_item (G_LIST_MODEL (organisations), i);

      g_hash_table_insert (self->organisation_kinds,
                           g_strdup (cm_organisation_get_name (organisation)),
                           g_strdup (cm_organisation_get_kind (organisation)));
    }

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  self->lines = g_steal_pointer (&lines);
  g_set_object (&self->staff_groups, staff_groups);

  /* Keep the competency shown; start with the first that has lines. */
  n_competencies = g_list_model_get_n_items (G_LIST_MODEL (competencies));
  for (guint i = 0; i < n_competencies; i++)
    {
      g_autoptr(CmCompetency) competency = g_list_model_get_item (G_LIST_MODEL (competencies), i);

      if (current_code != NULL && g_str_equal (current_code, cm_competency_get_code (competency)))
        {
          selected = i;
          break;
        }
      if (current_code == NULL && self->lines->len > 0 &&
          ((const CmNeedsLine *) g_ptr_array_index (self->lines, 0))->competency_id == cm_competency_get_id (competency))
        selected = i;
    }

  self->updating = TRUE;
  g_list_store_splice (self->competencies, 0, g_list_model_get_n_items (G_LIST_MODEL (self->competencies)),
                       NULL, 0);
  for (guint i = 0; i < n_competencies; i++)
    {
      g_autoptr(CmCompetency) competency = g_list_model_get_item (G_LIST_MODEL (competencies), i);

      g_list_store_append (self->competencies, competency);
    }
  gtk_drop_down_set_selected (self->competency_dropdown, n_competencies > 0 ? selected : GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;

  fill_rows (self);

  gtk_stack_set_visible_child_name (self->state_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->staff_groups)) > 0 ? "table" : "empty");
  set_complete (self, self->lines->len > 0);
}

/* Bookkeeping after a write: the full list of lines drives Undo, the
 * summary and whether the step is complete; it is read again in the
 * background while the rows already show what was written. */
static void
lines_changed (CmRequirementsStep *self)
{
  cm_wizard_step_data_changed (CM_WIZARD_STEP (self));
  read_data (self, TRUE);
}

/* Sets the coverage of @items (rows of the competency shown) in one
 * transaction, creating their lines where missing. */
static gboolean
apply_coverage (CmRequirementsStep *self,
                CmNeedsItem       **items,
                guint               n_items,
                gint64              coverage_bp)
{
  CmCompetency *competency = selected_competency (self);
  g_autofree gint64 *ids = g_new0 (gint64, MAX (n_items, 1));
  g_autoptr(GError) error = NULL;

  if (competency == NULL || n_items == 0)
    return FALSE;

  for (guint i = 0; i < n_items; i++)
    ids[i] = cm_needs_item_get_line (items[i])->staff_group_id;

  if (!cm_needs_apply_preset (db (self), self->year, self->half,
                              cm_competency_get_id (competency), ids, n_items, coverage_bp, &error))
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
      return FALSE;
    }

  for (guint i = 0; i < n_items; i++)
    {
      CmNeedsLine *line = cm_needs_item_get_line (items[i]);

      line->coverage_bp = coverage_bp;
      cm_needs_item_set_checked (items[i], TRUE);
      cm_needs_item_line_changed (items[i]);
    }

  lines_changed (self);
  return TRUE;
}

/* Removes the lines of @items, offering Undo. */
static void
remove_lines (CmRequirementsStep *self,
              CmNeedsItem       **items,
              guint               n_items)
{
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;
  guint n_removed = 0;

  cm_context_begin_undoable (self->context);
  for (guint i = 0; i < n_items; i++)
    {
      CmNeedsLine *line = cm_needs_item_get_line (items[i]);
      g_autoptr(GError) error = NULL;

      if (!cm_needs_item_get_checked (items[i]))
        continue;

      if (!cm_needs_delete_requirement (db (self), self->year, self->half,
                                        line->staff_group_id, line->competency_id, &error))
        {
          cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
          break;
        }

      n_removed++;
      cm_needs_item_set_checked (items[i], FALSE);
      cm_needs_item_line_changed (items[i]);
    }

  /* Translators: what Undo takes back */
  label = g_strdup_printf (ngettext ("Remove %u training need line", "Remove %u training need lines", n_removed),
                           n_removed);
  cm_context_end_undoable (self->context, n_removed > 0 ? label : NULL);
  if (n_removed == 0)
    return;

  title = g_strdup_printf (ngettext ("Removed %u training need line", "Removed %u training need lines", n_removed),
                           n_removed);
  cm_wizard_step_add_toast (CM_WIZARD_STEP (self), cm_undo_toast_new (GTK_WIDGET (self), self->context, title));

  lines_changed (self);
}

/* Cells */

static void
check_toggled_cb (GtkCheckButton     *check,
                  CmRequirementsStep *self)
{
  CmNeedsItem *item = cm_needs_cell_get_item (GTK_WIDGET (check));
  gboolean active = gtk_check_button_get_active (check);

  if (item == NULL || self->updating || active == cm_needs_item_get_checked (item))
    return;

  if (active)
    {
      if (!apply_coverage (self, &item, 1, MAX (cm_needs_item_get_line (item)->coverage_bp, 100)))
        gtk_check_button_set_active (check, FALSE);
    }
  else
    remove_lines (self, &item, 1);
}

static void
coverage_changed_cb (CmSpinCell         *spin,
                     CmRequirementsStep *self)
{
  CmNeedsItem *item = cm_needs_cell_get_item (GTK_WIDGET (spin));
  gint64 coverage_bp = (gint64) llround (cm_spin_cell_get_value (spin) * 100.0);

  if (item == NULL || self->updating || !cm_needs_item_get_checked (item) ||
      coverage_bp == cm_needs_item_get_line (item)->coverage_bp)
    return;

  if (!apply_coverage (self, &item, 1, coverage_bp))
    cm_spin_cell_set_value (spin, cm_needs_item_get_line (item)->coverage_bp / 100.0);
}

static void
check_update (GtkWidget          *cell,
              CmNeedsItem        *item)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (cell), cm_needs_item_get_checked (item));
}

static void
check_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CmRequirementsStep       *self)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Needs this competency"),
                                  -1);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  cm_needs_cell_prepare (check, list_item, check_update);
}

static void
name_update (GtkWidget   *cell,
             CmNeedsItem *item)
{
  const CmNeedsLine *line = cm_needs_item_get_line (item);
  g_autofree char *tooltip = g_strdup_printf ("%s\n%s", line->staff_group, line->organisation);

  gtk_label_set_text (GTK_LABEL (cell), line->staff_group);
  cm_cell_set_tooltip_text (cell, tooltip);
}

static void
name_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               CmRequirementsStep       *self)
{
  cm_needs_cell_prepare (cm_column_view_text_label_new (20), list_item, name_update);
}

static void
sector_update (GtkWidget   *cell,
               CmNeedsItem *item)
{
  gtk_label_set_text (GTK_LABEL (cell), cm_domain_label (CM_DOMAIN_SECTOR, cm_needs_item_get_line (item)->sector));
}

static void
sector_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CmRequirementsStep       *self)
{
  cm_needs_cell_prepare (cm_column_view_text_label_new (10), list_item, sector_update);
}

static void
headcount_update (GtkWidget   *cell,
                  CmNeedsItem *item)
{
  cm_needs_set_figure (GTK_LABEL (cell), cm_needs_item_get_line (item)->headcount);
}

static void
headcount_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    CmRequirementsStep       *self)
{
  cm_needs_cell_prepare (cm_column_view_number_label_new (), list_item, headcount_update);
}

static void
coverage_update (GtkWidget   *cell,
                 CmNeedsItem *item)
{
  cm_spin_cell_set_value (CM_SPIN_CELL (cell), cm_needs_item_get_line (item)->coverage_bp / 100.0);
  gtk_widget_set_sensitive (cell, cm_needs_item_get_checked (item));
}

static void
coverage_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   CmRequirementsStep       *self)
{
  GtkWidget *spin = cm_spin_cell_new (0, 100, 5, 0, _("Coverage, percent of the headcount"));

  cm_spin_cell_set_csv_column (CM_SPIN_CELL (spin), "requirements", "coverage_percent", 100);

  g_signal_connect (spin, "value-changed", G_CALLBACK (coverage_changed_cb), self);
  cm_needs_cell_prepare (spin, list_item, coverage_update);
}

static void
required_update (GtkWidget   *cell,
                 CmNeedsItem *item)
{
  const CmNeedsLine *line = cm_needs_item_get_line (item);

  if (cm_needs_item_get_checked (item))
    cm_needs_set_figure (GTK_LABEL (cell), cm_needs_required (line->headcount, line->coverage_bp));
  else
    gtk_label_set_text (GTK_LABEL (cell), "—");
}

static void
required_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   CmRequirementsStep       *self)
{
  cm_needs_cell_prepare (cm_column_view_number_label_new (), list_item, required_update);
}

static void
setup_table (CmRequirementsStep *self)
{
  static const struct {
    const char *title;
    GCallback   setup;
    gboolean    expand;
  } columns[] = {
    { N_("Needs It"), G_CALLBACK (check_setup_cb), FALSE },
    { N_("Staff Group"), G_CALLBACK (name_setup_cb), TRUE },
    { N_("Sector"), G_CALLBACK (sector_setup_cb), FALSE },
    { N_("Headcount"), G_CALLBACK (headcount_setup_cb), FALSE },
    { N_("Coverage %"), G_CALLBACK (coverage_setup_cb), FALSE },
    { N_("Required"), G_CALLBACK (required_setup_cb), FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    cm_needs_add_cell_column (self->view, _(columns[i].title), columns[i].setup, self, columns[i].expand);

  self->selection = gtk_multi_selection_new (G_LIST_MODEL (cm_gradual_model_new (g_object_ref (G_LIST_MODEL (self->rows)))));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
}

/* Selection and bulk edits */

static GPtrArray *
selected_items (CmRequirementsStep *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->rows), position));
    while (gtk_bitset_iter_next (&iter, &position));

  return items;
}

static void
selection_changed_cb (CmRequirementsStep *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint n = (guint) gtk_bitset_get_size (selected);
  g_autofree char *text = NULL;

  /* Translators: how many staff groups are selected for a bulk edit */
  text = g_strdup_printf (ngettext ("%u selected", "%u selected", n), n);
  gtk_label_set_text (self->selection_label, text);
  gtk_revealer_set_reveal_child (self->bulk_revealer, n > 0);
}

static void
bulk_apply_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CmRequirementsStep *self = CM_REQUIREMENTS_STEP (widget);
  g_autoptr(GPtrArray) items = selected_items (self);
  gint64 coverage_bp = (gint64) llround (gtk_spin_button_get_value (self->bulk_spin) * 100.0);
  g_autofree char *message = NULL;

  if (items->len == 0 ||
      !apply_coverage (self, (CmNeedsItem **) items->pdata, items->len, coverage_bp))
    return;

  message = g_strdup_printf (ngettext ("Coverage set for %u staff group", "Coverage set for %u staff groups", items->len),
                             items->len);
  cm_wizard_step_show_message (CM_WIZARD_STEP (self), message);
}

static void
bulk_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CmRequirementsStep *self = CM_REQUIREMENTS_STEP (widget);
  g_autoptr(GPtrArray) items = selected_items (self);

  remove_lines (self, (CmNeedsItem **) items->pdata, items->len);
}

static void
select_none_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CmRequirementsStep *self = CM_REQUIREMENTS_STEP (widget);

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

/* Presets */

static guint
competency_position (CmRequirementsStep *self,
                     const char         *code)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->competencies));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmCompetency) competency = g_list_model_get_item (G_LIST_MODEL (self->competencies), i);

      if (g_str_equal (cm_competency_get_code (competency), code))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CmRequirementsStep *self = CM_REQUIREMENTS_STEP (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CmCompetency) competency = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint position;
  guint n;

  if (index >= G_N_ELEMENTS (presets) || db (self) == NULL)
    return;

  position = competency_position (self, presets[index].competency);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* Translators: %s is a competency code such as "SG-B" */
      message = g_strdup_printf (_("The catalogue has no competency “%s”"), presets[index].competency);
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), message);
      return;
    }
  competency = g_list_model_get_item (G_LIST_MODEL (self->competencies), position);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->staff_groups));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmStaffGroup) group = g_list_model_get_item (G_LIST_MODEL (self->staff_groups), i);
      const char *kind = g_hash_table_lookup (self->organisation_kinds, cm_staff_group_get_organisation (group));
      gint64 id = cm_staff_group_get_id (group);

      if (presets[index].sector != NULL && g_strcmp0 (presets[index].sector, cm_staff_group_get_sector (group)) != 0)
        continue;
      if (presets[index].pvi_only && !cm_domain_is_pvi (kind))
        continue;

      g_array_append_val (ids, id);
    }

  if (ids->len == 0)
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), _("No staff group matches this preset"));
      return;
    }

  if (!cm_needs_apply_preset (db (self), self->year, self->half,
                              cm_competency_get_id (competency), (const gint64 *) ids->data, ids->len,
                              presets[index].coverage_bp, &error))
    {
      cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Apply the Preset"), error);
      return;
    }

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->competency_dropdown, position);
  self->updating = FALSE;
  reload (self);
  cm_wizard_step_data_changed (CM_WIZARD_STEP (self));

  /* Translators: "SG-B set for 6 staff groups" */
  message = g_strdup_printf (ngettext ("%s set for %u staff group", "%s set for %u staff groups", ids->len),
                             cm_competency_get_code (competency), ids->len);
  cm_wizard_step_show_message (CM_WIZARD_STEP (self), message);
}

static void
setup_presets (CmRequirementsStep *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(presets[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "requirements.preset", g_variant_new_uint32 (i));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->presets_button, G_MENU_MODEL (menu));
}

static void
competency_selected_cb (CmRequirementsStep *self)
{
  if (self->updating)
    return;

  fill_rows (self);
}

/* The step */

static void
cm_requirements_step_enter (CmWizardStep *step)
{
  CmRequirementsStep *self = CM_REQUIREMENTS_STEP (step);
  gboolean writable = is_writable (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "requirements.preset", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "requirements.apply", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "requirements.remove", writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->view), writable);

  reload (self);
}

static void
cm_requirements_step_iface_init (CmWizardStepInterface *iface)
{
  iface->enter = cm_requirements_step_enter;
}

static void
cm_requirements_step_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CmRequirementsStep *self = CM_REQUIREMENTS_STEP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;

    case PROP_HALF:
      g_value_set_int (value, self->half);
      break;

    case PROP_TITLE:
      g_value_set_string (value, _("Requirements"));
      break;

    case PROP_IS_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_requirements_step_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CmRequirementsStep *self = CM_REQUIREMENTS_STEP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_YEAR:
      if (self->year != g_value_get_int (value))
        {
          self->year = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_HALF:
      if (self->half != g_value_get_int (value))
        {
          self->half = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_requirements_step_dispose (GObject *object)
{
  CmRequirementsStep *self = (CmRequirementsStep *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_REQUIREMENTS_STEP);

  /* Template roots without an id are not cleared by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->competencies);
  g_clear_object (&self->staff_groups);
  g_clear_pointer (&self->organisation_kinds, g_hash_table_unref);
  g_clear_pointer (&self->lines, g_ptr_array_unref);

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_requirements_step_parent_class)->dispose (object);
}

static void
cm_requirements_step_class_init (CmRequirementsStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_requirements_step_dispose;
  object_class->get_property = cm_requirements_step_get_property;
  object_class->set_property = cm_requirements_step_set_property;

  g_object_class_override_property (object_class, PROP_CONTEXT, "context");
  g_object_class_override_property (object_class, PROP_YEAR, "year");
  g_object_class_override_property (object_class, PROP_HALF, "half");
  g_object_class_override_property (object_class, PROP_TITLE, "title");
  g_object_class_override_property (object_class, PROP_IS_COMPLETE, "is-complete");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/needs/cm-requirements-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CmRequirementsStep, competency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CmRequirementsStep, presets_button);
  gtk_widget_class_bind_template_child (widget_class, CmRequirementsStep, state_stack);
  gtk_widget_class_bind_template_child (widget_class, CmRequirementsStep, view);
  gtk_widget_class_bind_template_child (widget_class, CmRequirementsStep, bulk_revealer);
  gtk_widget_class_bind_template_child (widget_class, CmRequirementsStep, selection_label);
  gtk_widget_class_bind_template_child (widget_class, CmRequirementsStep, bulk_spin);
  gtk_widget_class_bind_template_child (widget_class, CmRequirementsStep, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, competency_selected_cb);

  gtk_widget_class_install_action (widget_class, "requirements.preset", "u", preset_action);
  gtk_widget_class_install_action (widget_class, "requirements.apply", NULL, bulk_apply_action);
  gtk_widget_class_install_action (widget_class, "requirements.remove", NULL, bulk_remove_action);
  gtk_widget_class_install_action (widget_class, "requirements.select-none", NULL, select_none_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
competency_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (GPOINTER_TO_INT (user_data))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 16);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
competency_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  g_autofree char *label = cm_competency_dup_label (gtk_list_item_get_item (list_item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), label);
}

static void
cm_requirements_step_init (CmRequirementsStep *self)
{
  GtkListItemFactory *factory;
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->competencies = g_list_store_new (CM_TYPE_COMPETENCY);
  self->rows = g_list_store_new (CM_TYPE_NEEDS_ITEM);
  self->staff_groups = g_list_store_new (CM_TYPE_STAFF_GROUP);
  self->organisation_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_drop_down_set_model (self->competency_dropdown, G_LIST_MODEL (self->competencies));
  expression = gtk_property_expression_new (CM_TYPE_COMPETENCY, NULL, "label");
  gtk_drop_down_set_expression (self->competency_dropdown, expression);
  gtk_expression_unref (expression);

  /* Long names are cut short when closed, whole in the list. */
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (competency_setup_cb), GINT_TO_POINTER (TRUE));
  g_signal_connect (factory, "bind", G_CALLBACK (competency_bind_cb), NULL);
  gtk_drop_down_set_factory (self->competency_dropdown, factory);
  g_object_unref (factory);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (competency_setup_cb), GINT_TO_POINTER (FALSE));
  g_signal_connect (factory, "bind", G_CALLBACK (competency_bind_cb), NULL);
  gtk_drop_down_set_list_factory (self->competency_dropdown, factory);
  g_object_unref (factory);

  setup_table (self);
  setup_presets (self);

  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * cm_requirements_step_select_competency:
 * @self: a #CmRequirementsStep
 * @code: a competency code
 *
 * Shows the staff groups' requirements for competency @code.
 *
 * Returns: %TRUE if the catalogue has @code
 */
gboolean
cm_requirements_step_select_competency (CmRequirementsStep *self,
                                        const char         *code)
{
  guint position;

  g_return_val_if_fail (CM_IS_REQUIREMENTS_STEP (self), FALSE);

  position = competency_position (self, code);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_drop_down_set_selected (self->competency_dropdown, position);
  return TRUE;
}

/**
 * cm_requirements_step_get_rows:
 * @self: a #CmRequirementsStep
 *
 * Returns: (transfer none): the rows of the table, one #CmNeedsItem per
 *   staff group
 */
GListModel *
cm_requirements_step_get_rows (CmRequirementsStep *self)
{
  g_return_val_if_fail (CM_IS_REQUIREMENTS_STEP (self), NULL);

  return G_LIST_MODEL (self->rows);
}

/**
 * cm_requirements_step_get_selection:
 * @self: a #CmRequirementsStep
 *
 * Returns: (transfer none): the table's selection, for bulk edits
 */
GtkSelectionModel *
cm_requirements_step_get_selection (CmRequirementsStep *self)
{
  g_return_val_if_fail (CM_IS_REQUIREMENTS_STEP (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

/**
 * cm_requirements_step_get_bulk_spin:
 * @self: a #CmRequirementsStep
 *
 * Returns: (transfer none): the coverage that bulk edits apply
 */
GtkSpinButton *
cm_requirements_step_get_bulk_spin (CmRequirementsStep *self)
{
  g_return_val_if_fail (CM_IS_REQUIREMENTS_STEP (self), NULL);

  return self->bulk_spin;
}
