/* cm-column-view.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Tables built the same way everywhere: columns over any GListModel of
 * GObjects, sorters from the items' properties, figures right-aligned
 * in tabular figures. Helpers on GtkColumnView, not a widget of their
 * own. */

typedef enum
{
  CM_COLUMN_TEXT,    /* start-aligned, cut short, the whole text in the tooltip */
  CM_COLUMN_NUMBER,  /* end-aligned, in tabular figures */
} CmColumnKind;

/* The text of @item's cell, newly allocated. */
typedef char *(*CmColumnTextFunc)     (gpointer  item);
/* How an integer property reads: a count, a sum of money. */
typedef char *(*CmColumnFormatFunc)   (gint64    value);
/* Styles a cell once its text is set, from the item it shows. */
typedef void  (*CmColumnDecorateFunc) (GtkLabel *label,
                                       gpointer  item);

/**
 * CmColumnSpec:
 * @title: the column title, marked with N_(); translated when the column
 *   is made
 * @property: (nullable): the item property shown, a string, or an integer
 *   read through @format
 * @format: (nullable): turns an integer @property into text
 * @text: (nullable): makes the cell's text, instead of @property
 * @sort_property: (nullable): the item property the column sorts by, as
 *   text if it is a string, else as a number; %NULL for a column that
 *   does not sort
 * @kind: how the cells look
 * @width_chars: for text cells, the width they ask for
 * @expand: whether the column takes the spare width
 * @decorate: (nullable): adds styles or a tooltip to a bound cell
 *
 * A column whose cells are labels. Specs are read while the view lives:
 * keep them in static tables.
 */
typedef struct
{
  const char           *title;
  const char           *property;
  CmColumnFormatFunc    format;
  CmColumnTextFunc      text;
  const char           *sort_property;
  CmColumnKind          kind;
  int                   width_chars;
  gboolean              expand;
  CmColumnDecorateFunc  decorate;
} CmColumnSpec;

GtkColumnViewColumn *cm_column_view_append_spec      (GtkColumnView      *view,
                                                      GType               item_type,
                                                      const CmColumnSpec *spec);
void                 cm_column_view_append_specs     (GtkColumnView      *view,
                                                      GType               item_type,
                                                      const CmColumnSpec *specs,
                                                      guint               n_specs);
GtkColumnViewColumn *cm_column_view_append_column    (GtkColumnView      *view,
                                                      const char         *title,
                                                      GCallback           setup,
                                                      GCallback           bind,
                                                      GCallback           unbind,
                                                      gpointer            user_data,
                                                      gboolean            expand);
void                 cm_column_view_hide_when_narrow (GtkColumnView       *view,
                                                      GtkColumnViewColumn *column,
                                                      int                  min_window_width);
GtkSorter           *cm_column_view_sorter_new       (GType               item_type,
                                                      const char         *property);
GtkWidget           *cm_column_view_text_label_new   (int                 width_chars);
void                 cm_cell_label_show_cut_text     (GtkLabel           *label);
void                 cm_cell_set_tooltip_text        (GtkWidget          *cell,
                                                      const char         *text);
GtkWidget           *cm_column_view_number_label_new (void);
GtkSortListModel    *cm_column_view_sort_model_new   (GtkColumnView      *view,
                                                      GListModel         *model);
GtkSingleSelection  *cm_column_view_selection_new    (GListModel         *model);
void                 cm_column_view_sort_by_first_column (GtkColumnView  *view);
void                 cm_column_view_set_model_when_mapped (GtkColumnView     *view,
                                                           GtkSelectionModel *model);
void                 cm_column_view_scroll_to        (GtkColumnView      *view,
                                                      guint               position);

G_END_DECLS
