/* cm-needs-util.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-needs"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-column-view.h"
#include "cm-format.h"
#include "cm-needs-util.h"
#include "cm-needs.h"

/**
 * cm_needs_set_figure:
 * @label: a label
 * @value: a count
 *
 * Shows @value with thousands separators.
 */
void
cm_needs_set_figure (GtkLabel *label,
                     gint64    value)
{
  g_autofree char *text = cm_format_count (value);

  gtk_label_set_text (label, text);
}

/**
 * cm_needs_ui_cycle_writable:
 * @context: (nullable): the open database
 * @year: the cycle's financial year
 * @half: 1 or 2
 *
 * One lookup by key, cheap enough for the main thread. A cycle whose
 * state cannot be read counts as writable: the core refuses a write to
 * a signed-off cycle whatever the screen offered.
 *
 * Returns: %TRUE when the cycle's lines may be edited
 */
gboolean
cm_needs_ui_cycle_writable (CmContext *context,
                            int        year,
                            int        half)
{
  CmNeedsCycleState state;

  if (context == NULL || cm_context_is_read_only (context))
    return FALSE;

  if (!cm_needs_check_cycle (year, half, NULL) ||
      !cm_needs_get_cycle_state (cm_context_get_db (context), year, half, &state, NULL))
    return TRUE;

  return !state.closed;
}


static void
dropdown_label_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *list_item,
                         gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  int width_chars = GPOINTER_TO_INT (user_data);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (width_chars > 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
      gtk_label_set_max_width_chars (GTK_LABEL (label), width_chars);
      cm_cell_label_show_cut_text (GTK_LABEL (label));
    }
  gtk_list_item_set_child (list_item, label);
}

static void
dropdown_label_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *list_item,
                        gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (string));
}

static GtkListItemFactory *
dropdown_factory_new (int width_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (dropdown_label_setup_cb), GINT_TO_POINTER (width_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (dropdown_label_bind_cb), GINT_TO_POINTER (width_chars));
  return factory;
}

/**
 * cm_needs_dropdown_list_factory_new:
 *
 * Returns: (transfer full): the factory of a drop-down's list, for lists
 *   of strings that a cell opens itself
 */
GtkListItemFactory *
cm_needs_dropdown_list_factory_new (void)
{
  return dropdown_factory_new (0);
}

static void
cell_refresh_cb (CmNeedsItem *item,
                 GParamSpec  *pspec,
                 GtkWidget   *cell)
{
  CmNeedsCellUpdate update = g_object_get_data (G_OBJECT (cell), "cm-needs-update");

  update (cell, item);
}

/**
 * cm_needs_cell_prepare:
 * @cell: the cell's widget
 * @list_item: the list item it goes in
 * @update: shows a row in @cell
 *
 * Puts @cell in @list_item, remembering how to show a row.
 */
void
cm_needs_cell_prepare (GtkWidget         *cell,
                       GtkListItem       *list_item,
                       CmNeedsCellUpdate  update)
{
  g_object_set_data (G_OBJECT (cell), "cm-needs-list-item", list_item);
  g_object_set_data (G_OBJECT (cell), "cm-needs-update", update);
  gtk_list_item_set_child (list_item, cell);
}

/**
 * cm_needs_cell_get_item:
 * @cell: a cell set up with cm_needs_cell_prepare()
 *
 * Returns: (transfer none) (nullable): the row the cell shows
 */
CmNeedsItem *
cm_needs_cell_get_item (GtkWidget *cell)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (cell), "cm-needs-list-item");

  return list_item != NULL ? gtk_list_item_get_item (list_item) : NULL;
}

void
cm_needs_cell_bind_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item,
                       gpointer                  user_data)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  CmNeedsItem *item = gtk_list_item_get_item (list_item);

  g_signal_connect_object (item, "notify", G_CALLBACK (cell_refresh_cb), cell, G_CONNECT_DEFAULT);
  cell_refresh_cb (item, NULL, cell);
}

void
cm_needs_cell_unbind_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *list_item,
                         gpointer                  user_data)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  CmNeedsItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, cell_refresh_cb, cell);
}

/**
 * cm_needs_add_cell_column:
 * @view: the table
 * @title: the column's heading, translated
 * @setup: the factory's "setup" handler, which calls cm_needs_cell_prepare()
 * @user_data: passed to @setup
 * @expand: whether the column takes the spare width
 *
 * Appends a column of cells that follow their #CmNeedsItem's changes.
 *
 * Returns: (transfer none): the column appended to @view
 */
GtkColumnViewColumn *
cm_needs_add_cell_column (GtkColumnView *view,
                          const char    *title,
                          GCallback      setup,
                          gpointer       user_data,
                          gboolean       expand)
{
  return cm_column_view_append_column (view, title, setup,
                                       G_CALLBACK (cm_needs_cell_bind_cb),
                                       G_CALLBACK (cm_needs_cell_unbind_cb),
                                       user_data, expand);
}

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  update)
{
  int width_chars = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "cm-needs-width-chars"));
  GtkWidget *label;

  if (width_chars > 0)
    label = cm_column_view_text_label_new (width_chars);
  else
    label = cm_column_view_number_label_new ();

  cm_needs_cell_prepare (label, list_item, (CmNeedsCellUpdate) update);
}

/**
 * cm_needs_add_label_column:
 * @view: the table
 * @title: the column's heading, translated
 * @update: shows a row in a cell
 * @width_chars: for text, the width the cells ask for; 0 for figures
 * @expand: whether the column takes the spare width
 *
 * Appends a column of labels that follow their #CmNeedsItem's changes:
 * text, start-aligned, or figures, end-aligned.
 *
 * Returns: (transfer none): the column appended to @view
 */
GtkColumnViewColumn *
cm_needs_add_label_column (GtkColumnView     *view,
                           const char        *title,
                           CmNeedsCellUpdate  update,
                           int                width_chars,
                           gboolean           expand)
{
  GtkColumnViewColumn *column;

  column = cm_needs_add_cell_column (view, title, G_CALLBACK (label_setup_cb), (gpointer) update, expand);
  g_object_set_data (G_OBJECT (gtk_column_view_column_get_factory (column)),
                     "cm-needs-width-chars", GINT_TO_POINTER (width_chars));
  return column;
}

/**
 * cm_needs_items_for_lines:
 * @analysis: a cycle's analysis
 *
 * A #CmNeedsPrepareItems: one row for each line, in the analysis' order.
 *
 * Returns: (transfer full) (element-type CmNeedsItem): the rows
 */
GPtrArray *
cm_needs_items_for_lines (CmNeedsAnalysis *analysis)
{
  GPtrArray *items = g_ptr_array_new_full (analysis->lines->len, g_object_unref);

  for (guint i = 0; i < analysis->lines->len; i++)
    g_ptr_array_add (items, cm_needs_item_new_line (g_ptr_array_index (analysis->lines, i)));

  return items;
}

/* A step's read: what it asks for, and what comes back. */
typedef struct
{
  int                  year;
  int                  half;
  CmNeedsPrepareItems  prepare;
} AnalysisRequest;

typedef struct
{
  CmNeedsAnalysis *analysis;
  GPtrArray       *items;
} AnalysisResult;

static void
analysis_result_free (gpointer pointer)
{
  AnalysisResult *result = pointer;

  g_clear_pointer (&result->analysis, cm_needs_analysis_free);
  g_clear_pointer (&result->items, g_ptr_array_unref);
  g_free (result);
}

/* In a worker thread: the analysis, and the rows made from it, sorted,
 * so that the window only has to show them. */
static gpointer
read_analysis (CmDb          *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  const AnalysisRequest *request = data;
  AnalysisResult *result;
  CmNeedsAnalysis *analysis;

  if (!(analysis = cm_needs_read_analysis (db, request->year, request->half, error)))
    return NULL;

  result = g_new0 (AnalysisResult, 1);
  result->analysis = analysis;
  if (request->prepare != NULL)
    result->items = request->prepare (analysis);

  return result;
}

typedef struct
{
  CmWizardStep        *step;
  GCancellable        *reading;
  CmNeedsShowAnalysis  show;
} StepRead;

static void
step_read_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  StepRead *read = user_data;
  AnalysisResult *read_result;
  g_autoptr(GError) error = NULL;

  read_result = cm_context_read_finish (CM_CONTEXT (object), result, &error);

  /* A read that was superseded (another cycle, newer data) shows nothing. */
  if (!g_cancellable_is_cancelled (read->reading))
    {
      if (read_result != NULL)
        read->show (read->step, read_result->analysis, read_result->items);
      else
        cm_wizard_step_show_message (read->step, error->message);
    }

  g_clear_pointer (&read_result, analysis_result_free);
  g_object_unref (read->step);
  g_object_unref (read->reading);
  g_free (read);
}

/**
 * cm_needs_step_read_analysis:
 * @step: the wizard step that shows the cycle
 * @context: (nullable): its context; nothing is read without one
 * @year: a financial year
 * @half: 1 or 2
 * @reading: (inout): the step's read under way, cancelled and replaced
 * @prepare: (nullable): makes the step's rows from the analysis, in the
 *   worker thread
 * @show: called with the analysis and the rows once read, unless
 *   superseded
 *
 * Reads the cycle's analysis (cm_needs_read_analysis()) in a worker
 * thread for @step, which keeps showing what it has until @show is
 * called: a county's 120,000 lines take longer than a frame. The step
 * cancels *@reading when it is disposed.
 */
void
cm_needs_step_read_analysis (CmWizardStep         *step,
                             CmContext            *context,
                             int                   year,
                             int                   half,
                             GCancellable        **reading,
                             CmNeedsPrepareItems   prepare,
                             CmNeedsShowAnalysis   show)
{
  AnalysisRequest *request;
  StepRead *read;

  g_return_if_fail (CM_IS_WIZARD_STEP (step));
  g_return_if_fail (reading != NULL);

  if (*reading != NULL)
    g_cancellable_cancel (*reading);
  g_clear_object (reading);

  if (context == NULL)
    return;

  *reading = g_cancellable_new ();
  read = g_new0 (StepRead, 1);
  read->step = g_object_ref (step);
  read->reading = g_object_ref (*reading);
  read->show = show;

  request = g_new0 (AnalysisRequest, 1);
  request->year = year;
  request->half = half;
  request->prepare = prepare;
  cm_context_read_async (context, read_analysis, request, g_free, analysis_result_free,
                         *reading, step_read_done_cb, read);
}

/* A choice button: a menu button showing the current choice, whose list
 * is built when it is opened. A drop-down in every row of a table keeps
 * a list of every choice for every row shown; a county's table of 2,000
 * staff groups, each choosing among 350 organisations, cannot afford
 * that. */

typedef struct
{
  GListModel          *choices;
  gboolean             searchable;
  CmNeedsChoiceChosen  chosen;
  gpointer             user_data;
} ChoiceButton;

static void
choice_button_free (gpointer pointer)
{
  ChoiceButton *choice = pointer;

  g_clear_object (&choice->choices);
  g_free (choice);
}

static void
choice_activated_cb (GtkListView *list,
                     guint        position,
                     GtkWidget   *button)
{
  ChoiceButton *choice = g_object_get_data (G_OBJECT (button), "cm-choice");
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(GObject) item = g_list_model_get_item (shown, position);

  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  if (item == NULL)
    return;

  /* The list shown may be filtered: find the choice itself. */
  for (guint i = 0; i < g_list_model_get_n_items (choice->choices); i++)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (choice->choices, i);

      if (candidate == item)
        {
          choice->chosen (button, i, choice->user_data);
          return;
        }
    }
}

static void
choice_search_cb (GtkSearchEntry  *entry,
                  GtkStringFilter *filter)
{
  gtk_string_filter_set_search (filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
choice_create_popup (GtkMenuButton *button,
                     gpointer       user_data)
{
  ChoiceButton *choice = g_object_get_data (G_OBJECT (button), "cm-choice");
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkStringFilter *filter = gtk_string_filter_new (expression);
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list;

  filtered = gtk_filter_list_model_new (g_object_ref (choice->choices), GTK_FILTER (filter));
  selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (selection), cm_needs_dropdown_list_factory_new ());
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list), TRUE);
  g_signal_connect_object (list, "activate", G_CALLBACK (choice_activated_cb), button, 0);

  if (choice->searchable)
    {
      GtkWidget *search = gtk_search_entry_new ();

      g_signal_connect (search, "search-changed", G_CALLBACK (choice_search_cb), filter);
      gtk_box_append (GTK_BOX (box), search);
      gtk_popover_set_default_widget (GTK_POPOVER (popover), search);
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

/**
 * cm_needs_choice_button_new:
 * @choices: a model of #GtkStringObject, kept
 * @width_chars: the width of the button's text; longer choices are cut
 *   short there, with the whole text in a tooltip
 * @searchable: whether the list opens with a search entry
 * @accessible_label: what screen readers call it
 * @chosen: called with the position in @choices of what was chosen
 * @user_data: data for @chosen
 *
 * Returns: (transfer floating): a button for a table cell that offers
 *   @choices; show the current one with cm_needs_choice_button_set_text()
 */
GtkWidget *
cm_needs_choice_button_new (GListModel          *choices,
                            int                  width_chars,
                            gboolean             searchable,
                            const char          *accessible_label,
                            CmNeedsChoiceChosen  chosen,
                            gpointer             user_data)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *label = gtk_label_new (NULL);
  ChoiceButton *choice = g_new0 (ChoiceButton, 1);

  choice->choices = g_object_ref (choices);
  choice->searchable = searchable;
  choice->chosen = chosen;
  choice->user_data = user_data;
  g_object_set_data_full (G_OBJECT (button), "cm-choice", choice, choice_button_free);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (width_chars > 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
      gtk_label_set_max_width_chars (GTK_LABEL (label), width_chars);
      cm_cell_label_show_cut_text (GTK_LABEL (label));
    }
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), label);
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), choice_create_popup, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  return button;
}

/**
 * cm_needs_choice_button_set_text:
 * @button: a button from cm_needs_choice_button_new()
 * @text: the current choice
 *
 * Shows @text; the list, when next opened, offers the choices as they
 * are then.
 */
void
cm_needs_choice_button_set_text (GtkWidget  *button,
                                 const char *text)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));

  gtk_label_set_text (GTK_LABEL (gtk_menu_button_get_child (GTK_MENU_BUTTON (button))), text != NULL ? text : "");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), NULL);
}
