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
#include "cm-budget-util.h"
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

  GListStore         *store;
  GtkSortListModel   *sort_model;
  GtkFilterListModel *filter_model;
  GtkSingleSelection *selection;
  GtkFilter          *search_filter;
};

G_DEFINE_FINAL_TYPE (CmBudgetTransactionsView, cm_budget_transactions_view, GTK_TYPE_WIDGET)

typedef struct
{
  const char *title;
  const char *property;
  const char *sort_property;
  gboolean    money;
  gboolean    expand;
  int         min_chars;
} ColumnSpec;

static const ColumnSpec columns[] = {
  { N_("Date"), "date-label", "date-key", FALSE, FALSE, 11 },
  { N_("Quarter"), "quarter-label", "quarter-key", FALSE, FALSE, 4 },
  { N_("Supplier"), "supplier", "supplier", FALSE, TRUE, 14 },
  { N_("Reference"), "reference", "reference", FALSE, FALSE, 10 },
  { N_("Kind"), "kind-label", "kind-label", FALSE, FALSE, 8 },
  { N_("Commission"), "commission", "commission", FALSE, FALSE, 10 },
  { N_("Charged To"), "attribution", "attribution", FALSE, TRUE, 14 },
  { N_("Amount"), "amount", "amount", TRUE, FALSE, 0 },
};

static const char * const search_properties[] = { "supplier", "reference", "commission" };

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  const ColumnSpec *spec = user_data;
  GtkWidget *label = gtk_label_new (NULL);

  if (spec->money)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), spec->min_chars);
    }

  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  const ColumnSpec *spec = user_data;
  GtkWidget *label = gtk_list_item_get_child (item);
  GObject *transaction = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (spec->money)
    {
      gint64 pence = 0;

      g_object_get (transaction, spec->property, &pence, NULL);
      text = cm_money_format (pence);
    }
  else
    {
      g_object_get (transaction, spec->property, &text, NULL);
      gtk_widget_set_tooltip_text (label, text);
    }

  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
update_footer (CmBudgetTransactionsView *self)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);
  guint total_n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gint64 total = 0;
  g_autofree char *count = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmTransactionItem) item = g_list_model_get_item (model, i);

      total += cm_transaction_item_get_transaction (item)->amount_pence;
    }

  if (n == total_n)
    count = g_strdup_printf (ngettext ("%u transaction", "%u transactions", n), n);
  else
    /* Translators: "12 of 57 transactions" */
    count = g_strdup_printf (ngettext ("%u of %u transaction", "%u of %u transactions", total_n), n, total_n);

  amount = cm_money_format (total);
  /* Translators: "57 transactions · total £313,665.55" */
  text = g_strdup_printf (_("%s · total %s"), count, amount);
  gtk_label_set_text (self->footer_label, text);
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
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const ColumnSpec *spec = &columns[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), (gpointer) spec);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), (gpointer) spec);
      cm_budget_append_column (self->column_view, CM_TYPE_TRANSACTION_ITEM, _(spec->title),
                               spec->sort_property, spec->expand, factory);
    }

  cm_budget_sort_by_first_column (self->column_view);
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

  self->store = g_list_store_new (CM_TYPE_TRANSACTION_ITEM);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sort_model)),
                                                  GTK_FILTER (any));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (update_footer), self, G_CONNECT_SWAPPED);
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
  g_clear_object (&self->store);
  g_clear_object (&self->search_filter);

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
 * cm_budget_transactions_view_set_data:
 * @self: a #CmBudgetTransactionsView
 * @year: the financial year shown
 * @transactions: (element-type CmBudgetTransaction): its transactions
 * @parts: (element-type CmBudgetPart): their attributed parts
 *
 * Shows @transactions, keeping the selection.
 */
void
cm_budget_transactions_view_set_data (CmBudgetTransactionsView *self,
                                      int                       year,
                                      GPtrArray                *transactions,
                                      GPtrArray                *parts)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 selected_id = cm_budget_transactions_view_get_selected_id (self);
  GListModel *model = G_LIST_MODEL (self->selection);

  g_return_if_fail (CM_IS_BUDGET_TRANSACTIONS_VIEW (self));
  g_return_if_fail (transactions != NULL);

  for (guint i = 0; i < transactions->len; i++)
    g_ptr_array_add (items, cm_transaction_item_new (g_ptr_array_index (transactions, i), year, parts));
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; selected_id > 0 && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CmTransactionItem) item = g_list_model_get_item (model, i);

      if (cm_transaction_item_get_id (item) == selected_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }

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
              /* GTK 4.8 has no gtk_column_view_scroll_to(); its list view does. */
              for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
                   child != NULL;
                   child = gtk_widget_get_next_sibling (child))
                if (GTK_IS_LIST_VIEW (child))
                  gtk_widget_activate_action (child, "list.scroll-to-item", "u", i);
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
