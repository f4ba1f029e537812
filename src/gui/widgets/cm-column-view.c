/* cm-column-view.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-column-view.h"

static gboolean
label_query_tooltip_cb (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip,
                        gpointer    user_data)
{
  GtkLabel *label = GTK_LABEL (widget);
  const char *text = gtk_label_get_text (label);

  if (text == NULL || *text == '\0' || !pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * cm_cell_label_show_cut_text:
 * @label: a label that may be cut short
 *
 * Shows the whole text in a tooltip when the label is cut short. The
 * tooltip is asked for when the pointer rests on the label: setting one
 * on every bind would query the pointer each time, which binding a list
 * of hundreds of rows cannot afford.
 */
void
cm_cell_label_show_cut_text (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_widget_set_has_tooltip (GTK_WIDGET (label), TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (label_query_tooltip_cb), NULL);
}

#define CELL_TOOLTIP_KEY "cm-cell-tooltip"

static gboolean
cell_query_tooltip_cb (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), CELL_TOOLTIP_KEY);

  if (text == NULL || *text == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * cm_cell_set_tooltip_text:
 * @cell: a widget in a table row, or any widget made by the hundred
 * @text: (nullable): its tooltip; %NULL or "" for none
 *
 * Gives @cell a tooltip that is only looked at when the pointer rests on
 * it. gtk_widget_set_tooltip_text() asks the display server where the
 * pointer is each time it is called, which a list binding hundreds of
 * rows cannot afford (see HACKING.md, "Large lists").
 */
void
cm_cell_set_tooltip_text (GtkWidget  *cell,
                          const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (cell));

  if (!gtk_widget_get_has_tooltip (cell))
    {
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), NULL);
    }
  g_object_set_data_full (G_OBJECT (cell), CELL_TOOLTIP_KEY, g_strdup (text), g_free);
}

/**
 * cm_column_view_text_label_new:
 * @width_chars: the width it asks for, in characters
 *
 * Returns: (transfer floating): a start-aligned label that ellipsizes
 */

GtkWidget *
cm_column_view_text_label_new (int width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Short of room, long names are cut rather than squeezed away. */
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  cm_cell_label_show_cut_text (GTK_LABEL (label));
  return label;
}

/**
 * cm_column_view_number_label_new:
 *
 * Returns: (transfer floating): an end-aligned label in tabular figures
 */
GtkWidget *
cm_column_view_number_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Figures line up on the right, in digits of one width. */
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

/**
 * cm_column_view_sorter_new:
 * @item_type: the type of the items sorted
 * @property: a property of @item_type
 *
 * Returns: (transfer full): a sorter by @property, as text if it is a
 *   string and as a number otherwise
 */
GtkSorter *
cm_column_view_sorter_new (GType       item_type,
                           const char *property)
{
  GObjectClass *item_class;
  GParamSpec *pspec;
  GtkExpression *expression;
  GtkSorter *sorter;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (property != NULL, NULL);

  item_class = g_type_class_ref (item_type);
  pspec = g_object_class_find_property (item_class, property);
  expression = gtk_property_expression_new (item_type, NULL, property);

  if (pspec != NULL && pspec->value_type == G_TYPE_STRING)
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));
  else
    sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));

  g_type_class_unref (item_class);

  return sorter;
}

static void
spec_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  const CmColumnSpec *spec = user_data;
  GtkWidget *label;

  if (spec->kind == CM_COLUMN_TEXT)
    label = cm_column_view_text_label_new (spec->width_chars);
  else
    label = cm_column_view_number_label_new ();

  gtk_list_item_set_child (list_item, label);
}

static char *
spec_dup_text (const CmColumnSpec *spec,
               GObject            *item)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (spec->text != NULL)
    return spec->text (item);

  if (spec->property == NULL)
    return NULL;

  if (spec->format != NULL)
    {
      /* Any integer property converts to a gint64. */
      g_value_init (&value, G_TYPE_INT64);
      g_object_get_property (item, spec->property, &value);
      return spec->format (g_value_get_int64 (&value));
    }

  g_value_init (&value, G_TYPE_STRING);
  g_object_get_property (item, spec->property, &value);
  return g_value_dup_string (&value);
}

static void
spec_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  const CmColumnSpec *spec = user_data;
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  GObject *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = spec_dup_text (spec, item);

  /* Long text is cut short; the label's tooltip keeps it readable. */
  gtk_label_set_text (label, text != NULL ? text : "");

  if (spec->decorate != NULL)
    spec->decorate (label, item);
}

/**
 * cm_column_view_append_column:
 * @view: the table
 * @title: the column's heading, translated
 * @setup: the factory's "setup" handler
 * @bind: the factory's "bind" handler
 * @unbind: (nullable): the factory's "unbind" handler
 * @user_data: passed to the handlers
 * @expand: whether the column takes the spare width
 *
 * Appends a resizable column whose cells the handlers make and fill.
 *
 * Returns: (transfer none): the column appended to @view
 */
GtkColumnViewColumn *
cm_column_view_append_column (GtkColumnView *view,
                              const char    *title,
                              GCallback      setup,
                              GCallback      bind,
                              GCallback      unbind,
                              gpointer       user_data,
                              gboolean       expand)
{
  g_autoptr(GtkColumnViewColumn) column = NULL;
  GtkListItemFactory *factory;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (setup != NULL && bind != NULL, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", setup, user_data);
  g_signal_connect (factory, "bind", bind, user_data);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, user_data);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (view, column);

  /* The view holds the column now. */
  return column;
}

/**
 * cm_column_view_append_spec:
 * @view: the table
 * @item_type: the type of the items in its model
 * @spec: (not nullable): the column, kept while @view lives
 *
 * Appends a resizable column of labels, with a sorter when
 * @spec->sort_property is set.
 *
 * Returns: (transfer none): the column appended to @view
 */
GtkColumnViewColumn *
cm_column_view_append_spec (GtkColumnView      *view,
                            GType               item_type,
                            const CmColumnSpec *spec)
{
  GtkColumnViewColumn *column;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  column = cm_column_view_append_column (view, _(spec->title),
                                         G_CALLBACK (spec_setup_cb), G_CALLBACK (spec_bind_cb), NULL,
                                         (gpointer) spec, spec->expand);

  if (spec->sort_property != NULL)
    {
      g_autoptr(GtkSorter) sorter = cm_column_view_sorter_new (item_type, spec->sort_property);

      gtk_column_view_column_set_sorter (column, sorter);
    }

  return column;
}

/**
 * cm_column_view_append_specs:
 * @view: the table
 * @item_type: the type of the items in its model
 * @specs: (array length=n_specs): the columns, kept while @view lives
 * @n_specs: how many
 *
 * Appends a column for each of @specs.
 */
void
cm_column_view_append_specs (GtkColumnView      *view,
                             GType               item_type,
                             const CmColumnSpec *specs,
                             guint               n_specs)
{
  for (guint i = 0; i < n_specs; i++)
    cm_column_view_append_spec (view, item_type, &specs[i]);
}

/**
 * cm_column_view_sort_model_new:
 * @view: the table
 * @model: (transfer full): the rows
 *
 * Returns: (transfer full): @model sorted as the column headers say
 */
GtkSortListModel *
cm_column_view_sort_model_new (GtkColumnView *view,
                               GListModel    *model)
{
  GtkSortListModel *sorted;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);

  sorted = gtk_sort_list_model_new (model, g_object_ref (gtk_column_view_get_sorter (view)));
  /* Sorting a county's lists must not hold up the window. */
  gtk_sort_list_model_set_incremental (sorted, TRUE);
  return sorted;
}

/**
 * cm_column_view_selection_new:
 * @model: (transfer full): the rows
 *
 * Returns: (transfer full): a selection of at most one row that starts
 *   with none
 */
GtkSingleSelection *
cm_column_view_selection_new (GListModel *model)
{
  GtkSingleSelection *selection = gtk_single_selection_new (model);

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  return selection;
}

/**
 * cm_column_view_sort_by_first_column:
 * @view: the table
 *
 * Sorts @view ascending by its first column, so the headers show the
 * order from the start.
 */
void
cm_column_view_sort_by_first_column (GtkColumnView *view)
{
  g_autoptr(GtkColumnViewColumn) first = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  first = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  if (first != NULL)
    gtk_column_view_sort_by_column (view, first, GTK_SORT_ASCENDING);
}

/**
 * cm_column_view_scroll_to:
 * @view: the table
 * @position: a row of its model
 *
 * Scrolls until the row at @position is in view.
 */
void
cm_column_view_scroll_to (GtkColumnView *view,
                          guint          position)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  /* GTK 4.8 has no gtk_column_view_scroll_to(); its list view does. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
    }
}

static void
attach_model_on_map_cb (GtkColumnView *view)
{
  GtkSelectionModel *model = g_object_get_data (G_OBJECT (view), "cm-model-when-mapped");

  g_signal_handlers_disconnect_by_func (view, attach_model_on_map_cb, NULL);
  gtk_column_view_set_model (view, model);
  g_object_set_data (G_OBJECT (view), "cm-model-when-mapped", NULL);
}

/**
 * cm_column_view_set_model_when_mapped:
 * @view: the table
 * @model: its rows
 *
 * Gives @view its model once it is first shown. A list makes up to 200
 * rows as soon as it has a model, even out of sight, so a table on a tab
 * or a page not shown yet costs nothing until it is (see HACKING.md,
 * "Large lists"). Once attached, the model stays.
 */
void
cm_column_view_set_model_when_mapped (GtkColumnView     *view,
                                      GtkSelectionModel *model)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (GTK_IS_SELECTION_MODEL (model));

  if (gtk_widget_get_mapped (GTK_WIDGET (view)))
    {
      gtk_column_view_set_model (view, model);
      return;
    }

  g_object_set_data_full (G_OBJECT (view), "cm-model-when-mapped", g_object_ref (model), g_object_unref);
  g_signal_handlers_disconnect_by_func (view, attach_model_on_map_cb, NULL);
  g_signal_connect (view, "map", G_CALLBACK (attach_model_on_map_cb), NULL);
}

/* Columns a table hides in a narrow window; see cm_column_view_hide_when_narrow(). */
typedef struct
{
  GtkColumnView *view;        /* unowned: the data lives on it */
  GPtrArray     *columns;     /* of GtkColumnViewColumn */
  GArray        *min_widths;  /* of int, beside columns */
  GdkSurface    *surface;
  gulong         layout_handler;
} NarrowColumns;

static void
narrow_columns_apply (NarrowColumns *narrow,
                      int            window_width)
{
  for (guint i = 0; i < narrow->columns->len; i++)
    {
      GtkColumnViewColumn *column = g_ptr_array_index (narrow->columns, i);
      gboolean visible = window_width >= g_array_index (narrow->min_widths, int, i);

      if (gtk_column_view_column_get_visible (column) != visible)
        gtk_column_view_column_set_visible (column, visible);
    }
}

static void
narrow_surface_layout_cb (GdkSurface    *surface,
                          int            width,
                          int            height,
                          NarrowColumns *narrow)
{
  narrow_columns_apply (narrow, width);
}

static void
narrow_disconnect (NarrowColumns *narrow)
{
  if (narrow->surface != NULL)
    {
      g_clear_signal_handler (&narrow->layout_handler, narrow->surface);
      g_clear_object (&narrow->surface);
    }
}

static void
narrow_realize_cb (GtkWidget     *view,
                   NarrowColumns *narrow)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (view));

  narrow_disconnect (narrow);
  if (surface == NULL)
    return;

  narrow->surface = g_object_ref (surface);
  narrow->layout_handler = g_signal_connect (surface, "layout", G_CALLBACK (narrow_surface_layout_cb), narrow);
  narrow_columns_apply (narrow, gdk_surface_get_width (surface));
}

static void
narrow_unrealize_cb (GtkWidget     *view,
                     NarrowColumns *narrow)
{
  narrow_disconnect (narrow);
}

static void
narrow_columns_free (NarrowColumns *narrow)
{
  narrow_disconnect (narrow);
  g_ptr_array_unref (narrow->columns);
  g_array_unref (narrow->min_widths);
  g_free (narrow);
}

/**
 * cm_column_view_hide_when_narrow:
 * @view: the table
 * @column: one of its columns
 * @min_window_width: the window width below which @column is hidden
 *
 * Lets a table fit a narrow window: the columns least needed go first,
 * so that the figures people came for stay on screen without scrolling
 * sideways. Follows the window's width as it is resized.
 */
void
cm_column_view_hide_when_narrow (GtkColumnView       *view,
                                 GtkColumnViewColumn *column,
                                 int                  min_window_width)
{
  NarrowColumns *narrow;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  narrow = g_object_get_data (G_OBJECT (view), "cm-narrow-columns");
  if (narrow == NULL)
    {
      narrow = g_new0 (NarrowColumns, 1);
      narrow->view = view;
      narrow->columns = g_ptr_array_new_with_free_func (g_object_unref);
      narrow->min_widths = g_array_new (FALSE, FALSE, sizeof (int));
      g_object_set_data_full (G_OBJECT (view), "cm-narrow-columns", narrow, (GDestroyNotify) narrow_columns_free);
      g_signal_connect (view, "realize", G_CALLBACK (narrow_realize_cb), narrow);
      g_signal_connect (view, "unrealize", G_CALLBACK (narrow_unrealize_cb), narrow);
    }

  g_ptr_array_add (narrow->columns, g_object_ref (column));
  g_array_append_val (narrow->min_widths, min_window_width);

  if (gtk_widget_get_realized (GTK_WIDGET (view)))
    narrow_realize_cb (GTK_WIDGET (view), narrow);
}
