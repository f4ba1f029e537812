/* cm-search-drop-down.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include "cm-search-drop-down.h"

/*
 * A drop-down of labels such as "SG-A — Safeguarding Level A" that can be
 * searched by typing any part of them: a code or a word of a title.
 *
 * GTK 4.8's drop-down searches its items through its expression, but
 * only from the start of each label. Its search filter is a string
 * filter inside the popup's list; it is found there and told to match
 * anywhere, each time the labels are set (setting a model makes a new
 * filter).
 */

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

/* The popup's filtered list, or NULL if GTK builds it otherwise. */
static GtkFilterListModel *
popup_filter_model (GtkDropDown *drop_down)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (drop_down), GTK_TYPE_LIST_VIEW);
  GtkSelectionModel *selection = list != NULL ? gtk_list_view_get_model (GTK_LIST_VIEW (list)) : NULL;
  GListModel *filtered = GTK_IS_SINGLE_SELECTION (selection)
    ? gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection))
    : NULL;

  return GTK_IS_FILTER_LIST_MODEL (filtered) ? GTK_FILTER_LIST_MODEL (filtered) : NULL;
}

/* The button shows the chosen label on one line, shortened at its end,
 * so that a long title cannot squeeze the row's own title; the popup
 * shows each label whole. */
static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gboolean shorten = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (shorten)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), string != NULL ? gtk_string_object_get_string (string) : "");
  gtk_widget_set_tooltip_text (label, GPOINTER_TO_INT (user_data) && string != NULL
                                      ? gtk_string_object_get_string (string) : NULL);
}

static GtkListItemFactory *
label_factory_new (gboolean shorten)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (shorten));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GINT_TO_POINTER (shorten));
  return factory;
}

/**
 * cm_search_drop_down_set_labels:
 * @drop_down: a #GtkDropDown
 * @labels: what it offers, one label an item
 *
 * Shows @labels in @drop_down, with a search field that narrows them to
 * those containing what is typed, ignoring case.
 */
void
cm_search_drop_down_set_labels (GtkDropDown   *drop_down,
                                GtkStringList *labels)
{
  g_autoptr(GtkExpression) expression = NULL;
  GtkFilterListModel *filtered;
  GtkFilter *filter;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));
  g_return_if_fail (GTK_IS_STRING_LIST (labels));

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (drop_down, expression);
  if (gtk_drop_down_get_list_factory (drop_down) == NULL)
    {
      g_autoptr(GtkListItemFactory) button_factory = label_factory_new (TRUE);
      g_autoptr(GtkListItemFactory) list_factory = label_factory_new (FALSE);

      gtk_drop_down_set_factory (drop_down, button_factory);
      gtk_drop_down_set_list_factory (drop_down, list_factory);
    }
  gtk_drop_down_set_enable_search (drop_down, TRUE);
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (labels));

  filtered = popup_filter_model (drop_down);
  filter = filtered != NULL ? gtk_filter_list_model_get_filter (filtered) : NULL;
  if (GTK_IS_STRING_FILTER (filter))
    {
      gtk_string_filter_set_match_mode (GTK_STRING_FILTER (filter), GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
      gtk_string_filter_set_ignore_case (GTK_STRING_FILTER (filter), TRUE);
    }
}

/**
 * cm_search_drop_down_get_search_entry:
 * @drop_down: a drop-down given labels by cm_search_drop_down_set_labels()
 *
 * Returns: (transfer none) (nullable): the search field of its popup
 */
GtkEditable *
cm_search_drop_down_get_search_entry (GtkDropDown *drop_down)
{
  g_return_val_if_fail (GTK_IS_DROP_DOWN (drop_down), NULL);

  return GTK_EDITABLE (find_descendant (GTK_WIDGET (drop_down), GTK_TYPE_SEARCH_ENTRY));
}

/**
 * cm_search_drop_down_get_matches:
 * @drop_down: a drop-down given labels by cm_search_drop_down_set_labels()
 *
 * Returns: (transfer none) (nullable): the labels its popup lists for
 *   the search typed so far
 */
GListModel *
cm_search_drop_down_get_matches (GtkDropDown *drop_down)
{
  g_return_val_if_fail (GTK_IS_DROP_DOWN (drop_down), NULL);

  return G_LIST_MODEL (popup_filter_model (drop_down));
}
