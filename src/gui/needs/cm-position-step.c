/* cm-position-step.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-needs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-column-view.h"
#include "cm-context.h"
#include "cm-fiscal.h"
#include "cm-format.h"
#include "cm-gradual-model.h"
#include "cm-needs-item.h"
#include "cm-needs-util.h"
#include "cm-spin-cell.h"
#include "cm-position-step.h"
#include "cm-undo.h"
#include "cm-wizard-step.h"

/* The most staff one line can count as compliant or expiring. */
#define MAX_COUNT 1000000

/* Step 4: how many staff of each line hold the competency now, and how
 * many of those lapse before the cycle ends. The computed columns follow
 * each edit at once. */
struct _CmPositionStep
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkStack          *state_stack;
  GtkSearchEntry    *search_entry;
  GtkColumnView     *view;
  GtkLabel          *summary_label;

  GListStore        *rows;
  GtkFilterListModel *filtered;
  GtkCustomFilter   *filter;
  CmNeedsWeights     weights;
  CmContext         *context;
  int                year;
  int                half;
  GCancellable      *reading;  /* the cycle being read, if it is */
};

static void cm_position_step_iface_init (CmWizardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CmPositionStep, cm_position_step, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CM_TYPE_WIZARD_STEP, cm_position_step_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_YEAR,
  PROP_HALF,
  PROP_TITLE,
  PROP_IS_COMPLETE,
  N_PROPS
};

static CmDb *
db (CmPositionStep *self)
{
  return self->context != NULL ? cm_context_get_db (self->context) : NULL;
}

static gboolean
is_writable (CmPositionStep *self)
{
  return cm_needs_ui_cycle_writable (self->context, self->year, self->half);
}

static void
update_summary (CmPositionStep *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *lines = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *required_text = NULL;
  g_autofree char *still_text = NULL;
  g_autofree char *needed_text = NULL;
  gint64 required = 0;
  gint64 still = 0;
  gint64 needed = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmNeedsItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      const CmNeedsLine *line = cm_needs_item_get_line (item);

      required += line->required;
      still += line->still;
      needed += line->needed;
    }

  required_text = cm_format_count (required);
  still_text = cm_format_count (still);
  needed_text = cm_format_count (needed);
  lines = g_strdup_printf (ngettext ("%u line", "%u lines", n), n);
  /* Translators: totals over the lines: "required 1,200 · still compliant 800 · needed 400" */
  figures = g_strdup_printf (_("required %s · still compliant %s · needed %s"),
                             required_text, still_text, needed_text);
  summary = g_strdup_printf ("%s · %s", lines, figures);
  gtk_label_set_text (self->summary_label, summary);
}

typedef struct
{
  const char  *sort_key;  /* the staff group's collation key */
  CmNeedsItem *item;
} SortRow;

static int
compare_sort_rows (gconstpointer a,
                   gconstpointer b)
{
  const SortRow *row_a = a;
  const SortRow *row_b = b;
  int result = strcmp (row_a->sort_key, row_b->sort_key);

  if (result != 0)
    return result;

  return g_strcmp0 (cm_needs_item_get_line (row_a->item)->competency_code,
                    cm_needs_item_get_line (row_b->item)->competency_code);
}

/* In the worker thread: the table reads best grouped by staff group, in
 * the order of the reader's language. Each name's collation key is made
 * once (2,000 of them in a county), not once per comparison. */
static GPtrArray *
prepare_rows (CmNeedsAnalysis *analysis)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, FALSE, sizeof (SortRow), analysis->lines->len);
  GPtrArray *items = g_ptr_array_new_full (analysis->lines->len, g_object_unref);

  for (guint i = 0; i < analysis->lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (analysis->lines, i);
      SortRow row;

      row.sort_key = g_hash_table_lookup (keys, line->staff_group);
      if (row.sort_key == NULL)
        {
          row.sort_key = g_utf8_collate_key (line->staff_group, -1);
          g_hash_table_insert (keys, (gpointer) line->staff_group, (gpointer) row.sort_key);
        }
      row.item = cm_needs_item_new_line (line);
      g_array_append_val (rows, row);
    }

  g_array_sort (rows, compare_sort_rows);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, g_array_index (rows, SortRow, i).item);

  return items;
}

static void
show_analysis (CmPositionStep  *self,
               CmNeedsAnalysis *analysis,
               GPtrArray       *items)
{
  GPtrArray *lines = analysis->lines;

  self->weights = analysis->weights;
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);

  gtk_stack_set_visible_child_name (self->state_stack, lines->len > 0 ? "table" : "empty");
  update_summary (self);
}

static void
reload (CmPositionStep *self)
{
  cm_needs_step_read_analysis (CM_WIZARD_STEP (self), self->context, self->year, self->half,
                               &self->reading, prepare_rows, (CmNeedsShowAnalysis) show_analysis);
}

static void
write_position (CmPositionStep *self,
                CmNeedsItem    *item,
                gint64          compliant,
                gint64          expiring)
{
  CmNeedsLine *line = cm_needs_item_get_line (item);
  g_autoptr(GError) error = NULL;

  if (!cm_needs_set_position (db (self), line->requirement_id, compliant, expiring, &error))
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
      /* Show what is stored. */
      cm_needs_item_line_changed (item);
      return;
    }

  line->compliant = compliant;
  line->expiring = expiring;
  cm_needs_compute_line (line, &self->weights);
  cm_needs_item_line_changed (item);

  update_summary (self);
  cm_wizard_step_data_changed (CM_WIZARD_STEP (self));
}

static void
compliant_changed_cb (CmSpinCell     *spin,
                      CmPositionStep *self)
{
  CmNeedsItem *item = cm_needs_cell_get_item (GTK_WIDGET (spin));
  gint64 value = (gint64) cm_spin_cell_get_value (spin);

  if (item == NULL || value == cm_needs_item_get_line (item)->compliant)
    return;

  write_position (self, item, value, cm_needs_item_get_line (item)->expiring);
}

static void
expiring_changed_cb (CmSpinCell     *spin,
                     CmPositionStep *self)
{
  CmNeedsItem *item = cm_needs_cell_get_item (GTK_WIDGET (spin));
  gint64 value = (gint64) cm_spin_cell_get_value (spin);

  if (item == NULL || value == cm_needs_item_get_line (item)->expiring)
    return;

  write_position (self, item, cm_needs_item_get_line (item)->compliant, value);
}

/* Cells */

static void
staff_group_update (GtkWidget   *cell,
                    CmNeedsItem *item)
{
  const CmNeedsLine *line = cm_needs_item_get_line (item);

  gtk_label_set_text (GTK_LABEL (cell), line->staff_group);
  cm_cell_set_tooltip_text (cell, line->staff_group);
}

static void
competency_update (GtkWidget   *cell,
                   CmNeedsItem *item)
{
  const CmNeedsLine *line = cm_needs_item_get_line (item);

  gtk_label_set_text (GTK_LABEL (cell), line->competency_code);
  cm_cell_set_tooltip_text (cell, line->competency_name);
}

static void
required_update (GtkWidget   *cell,
                 CmNeedsItem *item)
{
  cm_needs_set_figure (GTK_LABEL (cell), cm_needs_item_get_line (item)->required);
}

static void
leavers_update (GtkWidget   *cell,
                CmNeedsItem *item)
{
  cm_needs_set_figure (GTK_LABEL (cell), cm_needs_item_get_line (item)->leavers);
}

static void
still_update (GtkWidget   *cell,
              CmNeedsItem *item)
{
  cm_needs_set_figure (GTK_LABEL (cell), cm_needs_item_get_line (item)->still);
}

static void
needed_update (GtkWidget   *cell,
               CmNeedsItem *item)
{
  cm_needs_set_figure (GTK_LABEL (cell), cm_needs_item_get_line (item)->needed);
}

static void
compliant_update (GtkWidget   *cell,
                  CmNeedsItem *item)
{
  cm_spin_cell_set_value (CM_SPIN_CELL (cell), (double) cm_needs_item_get_line (item)->compliant);
}

static void
expiring_update (GtkWidget   *cell,
                 CmNeedsItem *item)
{
  cm_spin_cell_set_value (CM_SPIN_CELL (cell), (double) cm_needs_item_get_line (item)->expiring);
}

static void
compliant_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    CmPositionStep           *self)
{
  GtkWidget *spin = cm_spin_cell_new (0, MAX_COUNT, 1, 0, _("Compliant now"));

  cm_spin_cell_set_csv_column (CM_SPIN_CELL (spin), "requirements", "compliant", 1);

  g_signal_connect (spin, "value-changed", G_CALLBACK (compliant_changed_cb), self);
  cm_needs_cell_prepare (spin, list_item, compliant_update);
}

static void
expiring_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   CmPositionStep           *self)
{
  GtkWidget *spin = cm_spin_cell_new (0, MAX_COUNT, 1, 0, _("Expiring before the cycle ends"));

  cm_spin_cell_set_csv_column (CM_SPIN_CELL (spin), "requirements", "expiring", 1);

  g_signal_connect (spin, "value-changed", G_CALLBACK (expiring_changed_cb), self);
  cm_needs_cell_prepare (spin, list_item, expiring_update);
}

static gboolean
filter_func (gpointer        object,
             CmPositionStep *self)
{
  const CmNeedsLine *line = cm_needs_item_get_line (CM_NEEDS_ITEM (object));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *haystack = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  joined = g_strjoin (" ", line->staff_group, line->competency_code,
                      line->competency_name, line->organisation, NULL);
  haystack = g_utf8_casefold (joined, -1);
  return strstr (haystack, needle) != NULL;
}

static void
search_changed_cb (CmPositionStep *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* With nothing to find, no filter at all: the rows pass in one go
   * instead of being searched a slice at a time. */
  if (text == NULL || *text == '\0')
    gtk_filter_list_model_set_filter (self->filtered, NULL);
  else if (gtk_filter_list_model_get_filter (self->filtered) == NULL)
    gtk_filter_list_model_set_filter (self->filtered, GTK_FILTER (self->filter));
  else
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
setup_table (CmPositionStep *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  cm_needs_add_label_column (self->view, _("Staff Group"), staff_group_update, 18, TRUE);
  cm_needs_add_label_column (self->view, _("Competency"), competency_update, 8, FALSE);
  cm_needs_add_label_column (self->view, _("Required"), required_update, 0, FALSE);
  cm_needs_add_cell_column (self->view, _("Compliant"), G_CALLBACK (compliant_setup_cb), self, FALSE);
  cm_needs_add_cell_column (self->view, _("Expiring"), G_CALLBACK (expiring_setup_cb), self, FALSE);
  cm_needs_add_label_column (self->view, _("Leavers"), leavers_update, 0, FALSE);
  cm_needs_add_label_column (self->view, _("Still"), still_update, 0, FALSE);
  cm_needs_add_label_column (self->view, _("Needed"), needed_update, 0, FALSE);

  self->filter = gtk_custom_filter_new ((GtkCustomFilterFunc) filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)), NULL);
  /* A county's 120,000 lines are searched a slice at a time. */
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  selection = gtk_no_selection_new (G_LIST_MODEL (cm_gradual_model_new (g_object_ref (G_LIST_MODEL (self->filtered)))));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
}

/* Pre-filling */

static void
prefill_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CmPositionStep *self = CM_POSITION_STEP (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *previous_label = NULL;
  g_autofree char *message = NULL;
  int previous_year;
  int previous_half;
  guint n_filled = 0;
  gboolean ok;

  if (db (self) == NULL)
    return;

  cm_needs_previous_cycle (self->year, self->half, &previous_year, &previous_half);
  previous_label = cm_fiscal_cycle_label (previous_year, previous_half);

  /* Only lines nobody filled in yet: a count typed in is never lost. The
   * core writes them in one go; the change notification shows them. */
  cm_context_begin_undoable (self->context);
  ok = cm_needs_fill_from_attendance (db (self), self->year, self->half, &n_filled, &error);
  cm_context_end_undoable (self->context, ok && n_filled > 0 ? _("Fill From Attendance") : NULL);
  if (!ok)
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
      return;
    }

  if (n_filled == 0)
    {
      /* Translators: %s is a cycle such as "2010/11 H1" */
      message = g_strdup_printf (_("No attendance in %s for the lines still at zero"), previous_label);
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), message);
      return;
    }

  /* Translators: %s is a cycle such as "2010/11 H1" */
  message = g_strdup_printf (ngettext ("Filled %u line from attendance in %s",
                                       "Filled %u lines from attendance in %s", n_filled),
                             n_filled, previous_label);
  cm_wizard_step_add_toast (CM_WIZARD_STEP (self), cm_undo_toast_new (GTK_WIDGET (self), self->context, message));
}

/* The step */

static void
cm_position_step_enter (CmWizardStep *step)
{
  CmPositionStep *self = CM_POSITION_STEP (step);
  gboolean writable = is_writable (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "position.prefill", writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->view), writable);

  reload (self);
}

static void
cm_position_step_iface_init (CmWizardStepInterface *iface)
{
  iface->enter = cm_position_step_enter;
}

static void
cm_position_step_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CmPositionStep *self = CM_POSITION_STEP (object);

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
      g_value_set_string (value, _("Current Position"));
      break;

    case PROP_IS_COMPLETE:
      /* Zero is a valid count: nobody trained yet. */
      g_value_set_boolean (value, TRUE);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_position_step_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CmPositionStep *self = CM_POSITION_STEP (object);

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
cm_position_step_dispose (GObject *object)
{
  CmPositionStep *self = (CmPositionStep *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_POSITION_STEP);

  /* Template roots without an id are not cleared by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_position_step_parent_class)->dispose (object);
}

static void
cm_position_step_class_init (CmPositionStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_position_step_dispose;
  object_class->get_property = cm_position_step_get_property;
  object_class->set_property = cm_position_step_set_property;

  g_object_class_override_property (object_class, PROP_CONTEXT, "context");
  g_object_class_override_property (object_class, PROP_YEAR, "year");
  g_object_class_override_property (object_class, PROP_HALF, "half");
  g_object_class_override_property (object_class, PROP_TITLE, "title");
  g_object_class_override_property (object_class, PROP_IS_COMPLETE, "is-complete");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/needs/cm-position-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CmPositionStep, state_stack);
  gtk_widget_class_bind_template_child (widget_class, CmPositionStep, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CmPositionStep, view);
  gtk_widget_class_bind_template_child (widget_class, CmPositionStep, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "position.prefill", NULL, prefill_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_position_step_init (CmPositionStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (CM_TYPE_NEEDS_ITEM);
  cm_needs_weights_init_default (&self->weights);

  setup_table (self);
}

/**
 * cm_position_step_get_rows:
 * @self: a #CmPositionStep
 *
 * Returns: (transfer none): the lines of the cycle, as #CmNeedsItem
 */
GListModel *
cm_position_step_get_rows (CmPositionStep *self)
{
  g_return_val_if_fail (CM_IS_POSITION_STEP (self), NULL);

  return G_LIST_MODEL (self->rows);
}
