/* cm-budget-util.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cm-budget-util.h"

/* Small pieces shared by the Budget page's views and editors. */

/**
 * cm_budget_parse_percent:
 * @text: what was typed: "50", "50%", "33.33", "12.5"
 * @out_bp: (out): the percentage in basis points (5000 = 50%)
 *
 * Reads a percentage from 0 to 100 with at most two decimals, exactly
 * (no floating point), in the same form in every locale.
 *
 * Returns: whether @text is such a percentage
 */
gboolean
cm_budget_parse_percent (const char *text,
                         int        *out_bp)
{
  g_autofree char *copy = NULL;
  const char *p;
  gint64 whole = 0;
  gint64 fraction = 0;
  int n_digits = 0;
  int n_fraction = 0;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_bp != NULL, FALSE);

  copy = g_strstrip (g_strdup (text));
  len = strlen (copy);
  if (len > 0 && copy[len - 1] == '%')
    {
      copy[len - 1] = '\0';
      g_strchomp (copy);
    }

  for (p = copy; g_ascii_isdigit (*p); p++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole > 100)
        return FALSE;
      n_digits++;
    }

  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++)
        {
          if (++n_fraction > 2)
            return FALSE;
          fraction = fraction * 10 + (*p - '0');
        }
      if (n_fraction == 1)
        fraction *= 10;
    }

  if (*p != '\0' || (n_digits == 0 && n_fraction == 0))
    return FALSE;

  if (whole * 100 + fraction > 10000)
    return FALSE;

  *out_bp = (int) (whole * 100 + fraction);
  return TRUE;
}

/**
 * cm_budget_format_date:
 * @date: (nullable): a date
 *
 * Returns: (transfer full): "25 Mar 2010", or "" for no date
 */
char *
cm_budget_format_date (const GDate *date)
{
  char buffer[64];

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");

  if (g_date_strftime (buffer, sizeof buffer, "%d %b %Y", date) == 0)
    return g_strdup ("");

  return g_strdup (buffer);
}

/**
 * cm_budget_today:
 * @out_date: (out): set to today's local date
 *
 * The date the warnings are worked out for.
 */
void
cm_budget_today (GDate *out_date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

/**
 * cm_budget_show_error:
 * @parent: a widget in the window the message belongs to
 * @heading: what could not be done: "Could Not Save the Commission"
 * @error: why
 *
 * Tells the person what went wrong in a message dialog.
 */
void
cm_budget_show_error (GtkWidget    *parent,
                      const char   *heading,
                      const GError *error)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * cm_budget_set_error_style:
 * @widget: an entry or row
 * @error: whether what it holds is wrong
 *
 * Marks input that cannot be used.
 */
void
cm_budget_set_error_style (GtkWidget *widget,
                           gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

/**
 * cm_budget_append_column:
 * @view: a column view
 * @item_type: the type of the items in its model
 * @title: the translated column title
 * @sort_property: the property of @item_type the column sorts by
 * @expand: whether the column takes spare width
 * @factory: (transfer full): makes the column's cells
 *
 * Appends a resizable column that sorts text properties as text and
 * everything else as numbers.
 */
void
cm_budget_append_column (GtkColumnView      *view,
                         GType               item_type,
                         const char         *title,
                         const char         *sort_property,
                         gboolean            expand,
                         GtkListItemFactory *factory)
{
  GObjectClass *item_class = g_type_class_ref (item_type);
  GParamSpec *pspec = g_object_class_find_property (item_class, sort_property);
  GtkExpression *expression = gtk_property_expression_new (item_type, NULL, sort_property);
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  g_return_if_fail (pspec != NULL);

  if (pspec->value_type == G_TYPE_STRING)
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));
  else
    sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (view, column);

  g_type_class_unref (item_class);
}

/**
 * cm_budget_sort_by_first_column:
 * @view: a column view
 *
 * Sorts @view ascending by its first column.
 */
void
cm_budget_sort_by_first_column (GtkColumnView *view)
{
  g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (gtk_column_view_get_columns (view), 0);

  gtk_column_view_sort_by_column (view, first, GTK_SORT_ASCENDING);
}
