/* cm-budget-transactions-view.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-budget-transactions-view.h"
#include "cm-format.h"
#include "cm-column-view.h"
#include "cm-money.h"
#include "cm-transaction-item.h"

/* The year's spend in a table, with the quarter each transaction falls in
 * and the streams its money went to. Activating a row edits it
 * (budget.edit-transaction); Delete removes it (budget.delete-transaction),
 * with Undo offered by the page. */
struct _CmBudgetTransactionsView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *content_box;
  GtkSearchEntry     *search_entry;
  GtkButton          *delete_button;
  GtkColumnView      *column_view;
  GtkLabel           *footer_label;

  CmTransactionList  *list;
  GtkSortListModel   *sort_model;
  GtkFilterListModel *filter_model;
  GtkSingleSelection *selection;
  GtkFilter          *search_filter;
  guint               footer_source;
};

G_DEFINE_FINAL_TYPE (CmBudgetTransactionsView, cm_budget_transactions_view, GTK_TYPE_WIDGET)

static const CmColumnSpec columns[] = {
  { .title = N_("Date"), .property = "date-label", .sort_property = "date-key",
    .kind = CM_COLUMN_TEXT, .width_chars = 11 },
  { .title = N_("Quarter"), .property = "quarter-label", .sort_property = "quarter-key",
    .kind = CM_COLUMN_TEXT, .width_chars = 4 },
  { .title = N_("Supplier"), .property = "supplier", .sort_property = "supplier",
    .kind = CM_COLUMN_TEXT, .width_chars = 14, .expand = TRUE },
  { .title = N_("Reference"), .property = "reference", .sort_property = "reference",
    .kind = CM_COLUMN_TEXT, .width_chars = 10 },
  { .title = N_("Kind"), .property = "kind-label", .sort_property = "kind-label",
    .kind = CM_COLUMN_TEXT, .width_chars = 8 },
  { .title = N_("Commission"), .property = "commission", .sort_property = "commission",
    .kind = CM_COLUMN_TEXT, .width_chars = 10 },
  { .title = N_("Charged To"), .property = "attribution", .sort_property = "attribution",
    .kind = CM_COLUMN_TEXT, .width_chars = 14, .expand = TRUE },
  { .title = N_("Amount"), .property = "amount", .format = cm_money_format, .sort_property = "amount",
    .kind = CM_COLUMN_NUMBER },
};

static const char * const search_properties[] = { "supplier", "reference", "commission" };

static void
update_footer (CmBudgetTransactionsView *self)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);
  guint total_n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  gint64 total = 0;
  g_autofree char *count = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;

  /* Unsearched, the list keeps its own total; a search's rows are summed
   * once it has finished, not after each slice. */
  if (gtk_filter_list_model_get_pending (self->filter_model) > 0)
    {
      gtk_label_set_text (self->footer_label, _("Searching…"));
      return;
    }
  if (n == total_n && self->list != NULL)
    total = cm_transaction_list_get_total_pence (self->list);
  else
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(CmTransactionItem) item = g_list_model_get_item (model, i);

        total += cm_transaction_item_get_transaction (item)->amount_pence;
      }

  if (n == total_n)
    {
      g_autofree char *shown = cm_format_count (n);

      /* Translators: %s is a count such as "100,000" */
      count = g_strdup_printf (ngettext ("%s transaction", "%s transactions", n), shown);
    }
  else
    {
      g_autofree char *shown = cm_format_count (n);
      g_autofree char *all = cm_format_count (total_n);

      /* Translators: "12 of 57 transactions" */
      count = g_strdup_printf (ngettext ("%s of %s transaction", "%s of %s transactions", total_n), shown, all);
    }

  amount = cm_money_format (total);
  /* Translators: "57 transactions · total £313,665.55" */
  text = g_strdup_printf (_("%s · total %s"), count, amount);

  if (self->list != NULL && cm_transaction_list_get_loading (self->list))
    gtk_label_set_text (self->footer_label, _("Reading the spend…"));
  else if (self->list != NULL && cm_transaction_list_get_error (self->list) != NULL)
    {
      g_autofree char *failed = g_strdup_printf (_("Could not read the spend: %s"),
                                                 cm_transaction_list_get_error (self->list)->message);

      gtk_label_set_text (self->footer_label, failed);
    }
  else
    gtk_label_set_text (self->footer_label, text);
}

static gboolean
update_footer_cb (gpointer user_data)
{
  CmBudgetTransactionsView *self = user_data;

  self->footer_source = 0;
  update_footer (self);
  return G_SOURCE_REMOVE;
}

/* A county's 100,000 rows are summed once per burst of changes, not once
 * per change. */
static void
queue_footer (CmBudgetTransactionsView *self)
{
  if (self->footer_source == 0)
    self->footer_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_footer_cb, self, NULL);
}

static void
selection_changed_cb (CmBudgetTransactionsView *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button),
                            gtk_single_selection_get_selected_item (self->selection) != NULL);
}

static void
search_changed_cb (CmBudgetTransactionsView *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GListModel *filters = G_LIST_MODEL (self->search_filter);

  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkStringFilter) filter = g_list_model_get_item (filters, i);

      gtk_string_filter_set_search (filter, search);
    }
}

static void
row_activated_cb (CmBudgetTransactionsView *self,
                  guint                     position)
{
  g_autoptr(CmTransactionItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "budget.edit-transaction", "x",
                                cm_transaction_item_get_id (item));
}

static void
delete_clicked_cb (CmBudgetTransactionsView *self)
{
  gint64 id = cm_budget_transactions_view_get_selected_id (self);

  if (id > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "budget.delete-transaction", "x", id);
}

static gboolean
delete_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  CmBudgetTransactionsView *self = CM_BUDGET_TRANSACTIONS_VIEW (widget);

  if (cm_budget_transactions_view_get_selected_id (self) <= 0)
    return FALSE;

  delete_clicked_cb (self);
  return TRUE;
}

static void
setup_columns (CmBudgetTransactionsView *self)
{
  /* The list comes in date order: no sorting until a header asks. */
  cm_column_view_append_specs (self->column_view, CM_TYPE_TRANSACTION_ITEM,
                               columns, G_N_ELEMENTS (columns));
}

static void
setup_models (CmBudgetTransactionsView *self)
{
  GtkAnyFilter *any = gtk_any_filter_new ();

  for (guint i = 0; i < G_N_ELEMENTS (search_properties); i++)
    {
      GtkExpression *expression = gtk_property_expression_new (CM_TYPE_TRANSACTION_ITEM, NULL, search_properties[i]);

      gtk_multi_filter_append (GTK_MULTI_FILTER (any), GTK_FILTER (gtk_string_filter_new (expression)));
    }
  self->search_filter = g_object_ref (GTK_FILTER (any));

  self->sort_model = cm_column_view_sort_model_new (self->column_view, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sort_model)),
                                                  GTK_FILTER (any));
  gtk_filter_list_model_set_incremental (self->filter_model, TRUE);
  self->selection = cm_column_view_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  cm_column_view_set_model_when_mapped (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (queue_footer), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::pending",
                           G_CALLBACK (queue_footer), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
cm_budget_transactions_view_dispose (GObject *object)
{
  CmBudgetTransactionsView *self = (CmBudgetTransactionsView *)object;

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_BUDGET_TRANSACTIONS_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->list);
  g_clear_object (&self->search_filter);
  g_clear_handle_id (&self->footer_source, g_source_remove);

  G_OBJECT_CLASS (cm_budget_transactions_view_parent_class)->dispose (object);
}

static void
cm_budget_transactions_view_class_init (CmBudgetTransactionsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_budget_transactions_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/budget/cm-budget-transactions-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CmBudgetTransactionsView, content_box);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetTransactionsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetTransactionsView, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetTransactionsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetTransactionsView, footer_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_shortcut_cb, NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_budget_transactions_view_init (CmBudgetTransactionsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  setup_columns (self);
  setup_models (self);
  update_footer (self);
}

/**
 * cm_budget_transactions_view_set_list:
 * @self: a #CmBudgetTransactionsView
 * @list: (nullable): the year's spend, which follows the data by itself
 *
 * Shows @list.
 */
void
cm_budget_transactions_view_set_list (CmBudgetTransactionsView *self,
                                      CmTransactionList        *list)
{
  g_return_if_fail (CM_IS_BUDGET_TRANSACTIONS_VIEW (self));
  g_return_if_fail (list == NULL || CM_IS_TRANSACTION_LIST (list));

  if (self->list == list)
    return;

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, queue_footer, self);

  g_set_object (&self->list, list);
  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (list));

  if (self->list != NULL)
    g_signal_connect_object (self->list, "notify::loading",
                             G_CALLBACK (queue_footer), self, G_CONNECT_SWAPPED);

  selection_changed_cb (self);
  update_footer (self);
}

/**
 * cm_budget_transactions_view_select_transaction:
 * @self: a #CmBudgetTransactionsView
 * @reference: a transaction's reference
 *
 * Selects the transaction and scrolls to it, clearing the search if it
 * hides the transaction.
 *
 * Returns: whether the transaction is in the list
 */
gboolean
cm_budget_transactions_view_select_transaction (CmBudgetTransactionsView *self,
                                                const char               *reference)
{
  g_return_val_if_fail (CM_IS_BUDGET_TRANSACTIONS_VIEW (self), FALSE);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      GListModel *model = G_LIST_MODEL (self->selection);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(CmTransactionItem) item = g_list_model_get_item (model, i);

          if (g_strcmp0 (cm_transaction_item_get_transaction (item)->reference, reference) == 0)
            {
              gtk_single_selection_set_selected (self->selection, i);
              cm_column_view_scroll_to (self->column_view, i);
              gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
              return TRUE;
            }
        }

      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      search_changed_cb (self);
    }

  return FALSE;
}

/**
 * cm_budget_transactions_view_get_selected_id:
 * @self: a #CmBudgetTransactionsView
 *
 * Returns: the id of the selected transaction, 0 if none is
 */
gint64
cm_budget_transactions_view_get_selected_id (CmBudgetTransactionsView *self)
{
  CmTransactionItem *item;

  g_return_val_if_fail (CM_IS_BUDGET_TRANSACTIONS_VIEW (self), 0);

  item = gtk_single_selection_get_selected_item (self->selection);
  return item != NULL ? cm_transaction_item_get_id (item) : 0;
}

/**
 * cm_budget_transactions_view_get_column_view:
 * @self: a #CmBudgetTransactionsView
 *
 * Returns: (transfer none): the table
 */
GtkColumnView *
cm_budget_transactions_view_get_column_view (CmBudgetTransactionsView *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_TRANSACTIONS_VIEW (self), NULL);

  return self->column_view;
}

/**
 * cm_budget_transactions_view_get_model:
 * @self: a #CmBudgetTransactionsView
 *
 * Returns: (transfer none): the rows as shown, of #CmTransactionItem
 */
GListModel *
cm_budget_transactions_view_get_model (CmBudgetTransactionsView *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_TRANSACTIONS_VIEW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * cm_budget_transactions_view_get_footer:
 * @self: a #CmBudgetTransactionsView
 *
 * Returns: the count and total under the table
 */
const char *
cm_budget_transactions_view_get_footer (CmBudgetTransactionsView *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_TRANSACTIONS_VIEW (self), NULL);

  return gtk_label_get_text (self->footer_label);
}
