/* cm-budget-commissions-view.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-budget-commissions-view.h"
#include "cm-column-view.h"
#include "cm-commission-item.h"
#include "cm-domain.h"
#include "cm-fiscal.h"
#include "cm-money.h"

/* The commissions of the year in a table: every column sorts, and the
 * list filters by status, stream, cycle and a search on code and title.
 * The models: a list store of CmCommissionItem, sorted by the column
 * view's sorter, filtered, then a single selection. Activating a row
 * edits the commission (budget.edit-commission). */
struct _CmBudgetCommissionsView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *content_box;
  GtkSearchEntry     *search_entry;
  GtkButton          *suggest_button;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *stream_dropdown;
  GtkDropDown        *cycle_dropdown;
  GtkColumnView      *column_view;
  GtkLabel           *footer_label;
  GtkRevealer        *only_revealer;
  GtkLabel           *only_label;

  GListStore         *store;
  GtkSortListModel   *sort_model;
  GtkFilterListModel *filter_model;
  GtkSingleSelection *selection;
  GtkCustomFilter    *custom_filter;
  GtkStringFilter    *code_filter;
  GtkStringFilter    *title_filter;

  GPtrArray          *stream_codes;   /* of char *, [0] = NULL for all */
  int                 year;
  gboolean            updating;

  /* The filter as chosen. */
  char               *status;
  char               *stream_code;
  int                 half;
  GHashTable         *only_codes;   /* of char *, or NULL for every commission */
};

G_DEFINE_FINAL_TYPE (CmBudgetCommissionsView, cm_budget_commissions_view, GTK_TYPE_WIDGET)

static gboolean
is_committed_status (const char *status)
{
  return (g_strcmp0 (status, "approved") == 0 ||
          g_strcmp0 (status, "contracted") == 0 ||
          g_strcmp0 (status, "delivered") == 0);
}

/* Money short of what is committed is an error; more than it costs, a
 * warning. */
static void
decorate_unfunded (GtkLabel *label,
                   gpointer  item)
{
  const CmBudgetCommission *c = cm_commission_item_get_commission (item);
  GtkWidget *widget = GTK_WIDGET (label);

  gtk_widget_remove_css_class (widget, "error");
  gtk_widget_remove_css_class (widget, "warning");
  cm_cell_set_tooltip_text (widget, NULL);
  if (c->unfunded_pence > 0 && is_committed_status (c->status))
    {
      gtk_widget_add_css_class (widget, "error");
      cm_cell_set_tooltip_text (widget, _("Approved but not fully funded"));
    }
  else if (c->unfunded_pence < 0 && g_strcmp0 (c->status, "cancelled") != 0)
    {
      gtk_widget_add_css_class (widget, "warning");
      cm_cell_set_tooltip_text (widget, _("Funded for more than it costs"));
    }
}

static const CmColumnSpec columns[] = {
  { .title = N_("Code"), .property = "code", .sort_property = "code",
    .kind = CM_COLUMN_TEXT, .width_chars = 12 },
  { .title = N_("Title"), .property = "title", .sort_property = "title",
    .kind = CM_COLUMN_TEXT, .width_chars = 24, .expand = TRUE },
  { .title = N_("Cycle"), .property = "cycle", .sort_property = "cycle-key",
    .kind = CM_COLUMN_TEXT, .width_chars = 10 },
  { .title = N_("Status"), .property = "status-label", .sort_property = "status-rank",
    .kind = CM_COLUMN_TEXT, .width_chars = 10 },
  { .title = N_("Planned Cost"), .property = "planned", .format = cm_money_format, .sort_property = "planned",
    .kind = CM_COLUMN_NUMBER },
  { .title = N_("Funded"), .property = "funded", .format = cm_money_format, .sort_property = "funded",
    .kind = CM_COLUMN_NUMBER },
  { .title = N_("Unfunded"), .property = "unfunded", .format = cm_money_format, .sort_property = "unfunded",
    .kind = CM_COLUMN_NUMBER, .decorate = decorate_unfunded },
};

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CmBudgetCommissionsView *self = user_data;
  CmCommissionItem *commission = item;
  const CmBudgetCommission *c = cm_commission_item_get_commission (commission);

  if (self->status != NULL && g_strcmp0 (c->status, self->status) != 0)
    return FALSE;
  if (self->half != 0 && c->half != self->half)
    return FALSE;
  if (self->stream_code != NULL && !cm_commission_item_has_stream (commission, self->stream_code))
    return FALSE;
  if (self->only_codes != NULL && !g_hash_table_contains (self->only_codes, c->code))
    return FALSE;

  return TRUE;
}

static void
set_only_codes (CmBudgetCommissionsView *self,
                const char * const      *codes)
{
  if (codes == NULL && self->only_codes == NULL)
    return;

  g_clear_pointer (&self->only_codes, g_hash_table_unref);
  if (codes != NULL)
    {
      guint n = g_strv_length ((char **) codes);
      g_autofree char *text = NULL;

      self->only_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < n; i++)
        g_hash_table_add (self->only_codes, g_strdup (codes[i]));
      text = g_strdup_printf (ngettext ("Showing the commission just created",
                                        "Showing the %u commissions just created", n), n);
      gtk_label_set_text (self->only_label, text);
    }
  gtk_revealer_set_reveal_child (self->only_revealer, self->only_codes != NULL);
  gtk_filter_changed (GTK_FILTER (self->custom_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
show_all_cb (CmBudgetCommissionsView *self)
{
  set_only_codes (self, NULL);
}

static void
update_footer (CmBudgetCommissionsView *self)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gint64 planned = 0;
  gint64 funded = 0;
  gint64 unfunded = 0;
  g_autofree char *count = NULL;
  g_autofree char *planned_text = NULL;
  g_autofree char *funded_text = NULL;
  g_autofree char *unfunded_text = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmCommissionItem) item = g_list_model_get_item (model, i);
      const CmBudgetCommission *c = cm_commission_item_get_commission (item);

      planned += c->planned_pence;
      funded += c->funded_pence;
      unfunded += c->unfunded_pence;
    }

  if (n == total)
    count = g_strdup_printf (ngettext ("%u commission", "%u commissions", n), n);
  else
    /* Translators: "12 of 40 commissions" */
    count = g_strdup_printf (ngettext ("%u of %u commission", "%u of %u commissions", total), n, total);

  planned_text = cm_money_format (planned);
  funded_text = cm_money_format (funded);
  unfunded_text = cm_money_format (unfunded);
  /* Translators: "40 commissions · planned £520,000.00 · funded £510,000.00 · unfunded £10,000.00" */
  text = g_strdup_printf (_("%s · planned %s · funded %s · unfunded %s"),
                          count, planned_text, funded_text, unfunded_text);
  gtk_label_set_text (self->footer_label, text);
}

static void
filter_changed_cb (CmBudgetCommissionsView *self)
{
  const char * const *statuses = cm_domain_values (CM_DOMAIN_COMMISSION_STATUS);
  const char *search;
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint stream = gtk_drop_down_get_selected (self->stream_dropdown);
  guint cycle = gtk_drop_down_get_selected (self->cycle_dropdown);

  const char *new_status = NULL;
  const char *new_stream_code = NULL;
  int new_half = cycle == 1 || cycle == 2 ? (int) cycle : 0;
  gboolean changed;

  if (self->updating)
    return;

  if (status >= 1 && status <= cm_domain_n_values (CM_DOMAIN_COMMISSION_STATUS))
    new_status = statuses[status - 1];
  if (stream >= 1 && stream < self->stream_codes->len)
    new_stream_code = g_ptr_array_index (self->stream_codes, stream);

  /* Refiltering touches every row; new figures with the same choices
   * leave the rows that were replaced to say so themselves. */
  changed = g_strcmp0 (new_status, self->status) != 0 ||
            g_strcmp0 (new_stream_code, self->stream_code) != 0 ||
            new_half != self->half;

  g_free (self->status);
  self->status = g_strdup (new_status);
  g_free (self->stream_code);
  self->stream_code = g_strdup (new_stream_code);
  self->half = new_half;

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gtk_string_filter_set_search (self->code_filter, search);
  gtk_string_filter_set_search (self->title_filter, search);

  if (changed)
    gtk_filter_changed (GTK_FILTER (self->custom_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
row_activated_cb (CmBudgetCommissionsView *self,
                  guint                    position)
{
  g_autoptr(CmCommissionItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "budget.edit-commission", "x",
                                cm_commission_item_get_id (item));
}

static void
setup_columns (CmBudgetCommissionsView *self)
{
  cm_column_view_append_specs (self->column_view, CM_TYPE_COMMISSION_ITEM,
                               columns, G_N_ELEMENTS (columns));
  /* In a narrow window the money stays: the cycle, what is funded
   * (planned less unfunded) and the status (all three also filters or
   * figures elsewhere) go first. */
  {
    GListModel *view_columns = gtk_column_view_get_columns (self->column_view);
    g_autoptr(GtkColumnViewColumn) cycle = g_list_model_get_item (view_columns, 2);
    g_autoptr(GtkColumnViewColumn) status = g_list_model_get_item (view_columns, 3);
    g_autoptr(GtkColumnViewColumn) funded = g_list_model_get_item (view_columns, 5);

    cm_column_view_hide_when_narrow (self->column_view, cycle, 900);
    cm_column_view_hide_when_narrow (self->column_view, funded, 760);
    cm_column_view_hide_when_narrow (self->column_view, status, 680);
  }
  cm_column_view_sort_by_first_column (self->column_view);
}

static void
setup_models (CmBudgetCommissionsView *self)
{
  GtkEveryFilter *every = gtk_every_filter_new ();
  GtkAnyFilter *any = gtk_any_filter_new ();

  self->store = g_list_store_new (CM_TYPE_COMMISSION_ITEM);
  self->sort_model = cm_column_view_sort_model_new (self->column_view, G_LIST_MODEL (g_object_ref (self->store)));

  self->custom_filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->code_filter = gtk_string_filter_new (gtk_property_expression_new (CM_TYPE_COMMISSION_ITEM, NULL, "code"));
  self->title_filter = gtk_string_filter_new (gtk_property_expression_new (CM_TYPE_COMMISSION_ITEM, NULL, "title"));
  gtk_multi_filter_append (GTK_MULTI_FILTER (any), g_object_ref (GTK_FILTER (self->code_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (any), g_object_ref (GTK_FILTER (self->title_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), g_object_ref (GTK_FILTER (self->custom_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), GTK_FILTER (any));

  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sort_model)),
                                                  GTK_FILTER (every));
  self->selection = cm_column_view_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  cm_column_view_set_model_when_mapped (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (update_footer), self, G_CONNECT_SWAPPED);
}

static void
cm_budget_commissions_view_dispose (GObject *object)
{
  CmBudgetCommissionsView *self = (CmBudgetCommissionsView *)object;

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_BUDGET_COMMISSIONS_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->store);
  g_clear_object (&self->custom_filter);
  g_clear_object (&self->code_filter);
  g_clear_object (&self->title_filter);

  G_OBJECT_CLASS (cm_budget_commissions_view_parent_class)->dispose (object);
}

static void
cm_budget_commissions_view_finalize (GObject *object)
{
  CmBudgetCommissionsView *self = (CmBudgetCommissionsView *)object;

  g_clear_pointer (&self->stream_codes, g_ptr_array_unref);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->only_codes, g_hash_table_unref);
  g_clear_pointer (&self->stream_code, g_free);

  G_OBJECT_CLASS (cm_budget_commissions_view_parent_class)->finalize (object);
}

static void
cm_budget_commissions_view_class_init (CmBudgetCommissionsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_budget_commissions_view_dispose;
  object_class->finalize = cm_budget_commissions_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/budget/cm-budget-commissions-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CmBudgetCommissionsView, content_box);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetCommissionsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetCommissionsView, suggest_button);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetCommissionsView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetCommissionsView, stream_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetCommissionsView, cycle_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetCommissionsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetCommissionsView, footer_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_all_cb);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetCommissionsView, only_revealer);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetCommissionsView, only_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_budget_commissions_view_init (CmBudgetCommissionsView *self)
{
  const char * const *statuses = cm_domain_values (CM_DOMAIN_COMMISSION_STATUS);
  g_autoptr(GtkStringList) status_labels = gtk_string_list_new (NULL);

  self->stream_codes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->stream_codes, NULL);

  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (status_labels, _("All statuses"));
  for (guint i = 0; statuses[i] != NULL; i++)
    gtk_string_list_append (status_labels, cm_domain_label (CM_DOMAIN_COMMISSION_STATUS, statuses[i]));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (status_labels));

  setup_columns (self);
  setup_models (self);
  self->updating = FALSE;

  update_footer (self);
}

static void
set_dropdown_strings (GtkDropDown *dropdown,
                      GPtrArray   *labels,
                      guint        selected)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (labels, i));

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, selected);
}

/* When @commissions are the rows already listed, in the same order, only
 * the rows whose commission reads differently are replaced, each with its
 * own "items-changed": an edit or an invoice changes one or two rows, and
 * the rest keep their widgets, the sort and the scroll position. */
static gboolean
replace_changed (CmBudgetCommissionsView *self,
                 GPtrArray               *commissions)
{
  GListModel *model = G_LIST_MODEL (self->store);

  if (g_list_model_get_n_items (model) != commissions->len)
    return FALSE;

  for (guint i = 0; i < commissions->len; i++)
    {
      const CmBudgetCommission *commission = g_ptr_array_index (commissions, i);
      CmCommissionItem *item = g_list_model_get_item (model, i);
      gboolean same_id = cm_commission_item_get_id (item) == commission->id;

      g_object_unref (item);
      if (!same_id)
        return FALSE;
    }

  for (guint i = 0; i < commissions->len; i++)
    {
      const CmBudgetCommission *commission = g_ptr_array_index (commissions, i);
      g_autoptr(CmCommissionItem) item = g_list_model_get_item (model, i);

      if (!cm_budget_commission_equal (cm_commission_item_get_commission (item), commission))
        {
          g_autoptr(CmCommissionItem) replacement = cm_commission_item_new (commission);

          g_list_store_splice (self->store, i, 1, (gpointer *) &replacement, 1);
        }
    }

  return TRUE;
}

/**
 * cm_budget_commissions_view_set_data:
 * @self: a #CmBudgetCommissionsView
 * @year: the financial year shown
 * @commissions: (element-type CmBudgetCommission): its commissions
 * @streams: (element-type CmBudgetStream): its streams, for the filter
 *
 * Shows @commissions, keeping the filter and the selection.
 */
void
cm_budget_commissions_view_set_data (CmBudgetCommissionsView *self,
                                     int                      year,
                                     GPtrArray               *commissions,
                                     GPtrArray               *streams)
{
  g_autoptr(GPtrArray) stream_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cycle_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *selected_stream = g_strdup (self->stream_code);
  gint64 selected_id = cm_budget_commissions_view_get_selected_id (self);
  guint stream_index = 0;
  guint cycle_index = gtk_drop_down_get_selected (self->cycle_dropdown);

  g_return_if_fail (CM_IS_BUDGET_COMMISSIONS_VIEW (self));
  g_return_if_fail (commissions != NULL);
  g_return_if_fail (streams != NULL);

  self->updating = TRUE;

  g_ptr_array_set_size (self->stream_codes, 0);
  g_ptr_array_add (self->stream_codes, NULL);
  g_ptr_array_add (stream_labels, g_strdup (_("All streams")));
  for (guint i = 0; i < streams->len; i++)
    {
      const CmBudgetStream *stream = g_ptr_array_index (streams, i);

      g_ptr_array_add (self->stream_codes, g_strdup (stream->code));
      g_ptr_array_add (stream_labels, g_strdup (stream->code));
      if (g_strcmp0 (stream->code, selected_stream) == 0)
        stream_index = self->stream_codes->len - 1;
    }
  set_dropdown_strings (self->stream_dropdown, stream_labels, stream_index);

  if (year != self->year)
    cycle_index = 0;
  self->year = year;
  g_ptr_array_add (cycle_labels, g_strdup (_("All cycles")));
  g_ptr_array_add (cycle_labels, cm_fiscal_cycle_label (year, 1));
  g_ptr_array_add (cycle_labels, cm_fiscal_cycle_label (year, 2));
  set_dropdown_strings (self->cycle_dropdown, cycle_labels,
                        cycle_index != GTK_INVALID_LIST_POSITION ? cycle_index : 0);

  if (!replace_changed (self, commissions))
    {
      for (guint i = 0; i < commissions->len; i++)
        g_ptr_array_add (items, cm_commission_item_new (g_ptr_array_index (commissions, i)));
      g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                           items->pdata, items->len);
    }

  self->updating = FALSE;
  filter_changed_cb (self);

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (selected_id > 0)
    {
      GListModel *model = G_LIST_MODEL (self->selection);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(CmCommissionItem) item = g_list_model_get_item (model, i);

          if (cm_commission_item_get_id (item) == selected_id)
            {
              gtk_single_selection_set_selected (self->selection, i);
              break;
            }
        }
    }
  /* Commissions asked for before they were read: the first of them. */
  if (self->only_codes != NULL &&
      gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);

  update_footer (self);
}

/**
 * cm_budget_commissions_view_select_commission:
 * @self: a #CmBudgetCommissionsView
 * @code: a commission's code
 *
 * Selects the commission and scrolls to it, clearing the filter if it
 * hides the commission.
 *
 * Returns: whether the commission is in the list
 */
gboolean
cm_budget_commissions_view_select_commission (CmBudgetCommissionsView *self,
                                              const char              *code)
{
  GListModel *model;

  g_return_val_if_fail (CM_IS_BUDGET_COMMISSIONS_VIEW (self), FALSE);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      model = G_LIST_MODEL (self->selection);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(CmCommissionItem) item = g_list_model_get_item (model, i);

          if (g_strcmp0 (cm_commission_item_get_code (item), code) == 0)
            {
              gtk_single_selection_set_selected (self->selection, i);
              cm_column_view_scroll_to (self->column_view, i);
              gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
              return TRUE;
            }
        }

      cm_budget_commissions_view_clear_filters (self);
    }

  return FALSE;
}

/**
 * cm_budget_commissions_view_get_selected_id:
 * @self: a #CmBudgetCommissionsView
 *
 * Returns: the id of the selected commission, 0 if none is
 */
gint64
cm_budget_commissions_view_get_selected_id (CmBudgetCommissionsView *self)
{
  CmCommissionItem *item;

  g_return_val_if_fail (CM_IS_BUDGET_COMMISSIONS_VIEW (self), 0);

  item = gtk_single_selection_get_selected_item (self->selection);
  return item != NULL ? cm_commission_item_get_id (item) : 0;
}

/**
 * cm_budget_commissions_view_get_suggest_ids:
 * @self: a #CmBudgetCommissionsView
 *
 * The commissions "Suggest Funding" works on: the selected one if it is
 * not fully funded, otherwise every one shown that is not fully funded
 * and not cancelled, in the order shown.
 *
 * Returns: (transfer full) (element-type gint64): commission ids
 */
GArray *
cm_budget_commissions_view_get_suggest_ids (CmBudgetCommissionsView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  CmCommissionItem *selected;
  GListModel *model;

  g_return_val_if_fail (CM_IS_BUDGET_COMMISSIONS_VIEW (self), ids);

  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    {
      const CmBudgetCommission *c = cm_commission_item_get_commission (selected);

      if (c->unfunded_pence > 0 && g_strcmp0 (c->status, "cancelled") != 0)
        {
          g_array_append_val (ids, c->id);
          return ids;
        }
    }

  model = G_LIST_MODEL (self->selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CmCommissionItem) item = g_list_model_get_item (model, i);
      const CmBudgetCommission *c = cm_commission_item_get_commission (item);

      if (c->unfunded_pence > 0 && g_strcmp0 (c->status, "cancelled") != 0)
        g_array_append_val (ids, c->id);
    }

  return ids;
}

/**
 * cm_budget_commissions_view_get_column_view:
 * @self: a #CmBudgetCommissionsView
 *
 * Returns: (transfer none): the table
 */
GtkColumnView *
cm_budget_commissions_view_get_column_view (CmBudgetCommissionsView *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_COMMISSIONS_VIEW (self), NULL);

  return self->column_view;
}

/**
 * cm_budget_commissions_view_get_model:
 * @self: a #CmBudgetCommissionsView
 *
 * Returns: (transfer none): the rows as shown, of #CmCommissionItem
 */
GListModel *
cm_budget_commissions_view_get_model (CmBudgetCommissionsView *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_COMMISSIONS_VIEW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * cm_budget_commissions_view_set_filters:
 * @self: a #CmBudgetCommissionsView
 * @search: (nullable): text to find in codes and titles
 * @status: (nullable): a status id, or %NULL for all
 * @stream_code: (nullable): a stream's code, or %NULL for all
 * @half: 1 or 2 for one cycle of the year, 0 for both
 *
 * Sets the filter as its controls do.
 */
void
cm_budget_commissions_view_set_filters (CmBudgetCommissionsView *self,
                                        const char              *search,
                                        const char              *status,
                                        const char              *stream_code,
                                        int                      half)
{
  const char * const *statuses = cm_domain_values (CM_DOMAIN_COMMISSION_STATUS);
  guint status_index = 0;
  guint stream_index = 0;

  g_return_if_fail (CM_IS_BUDGET_COMMISSIONS_VIEW (self));

  for (guint i = 0; status != NULL && statuses[i] != NULL; i++)
    if (g_str_equal (statuses[i], status))
      status_index = i + 1;

  for (guint i = 1; stream_code != NULL && i < self->stream_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->stream_codes, i), stream_code) == 0)
      stream_index = i;

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search != NULL ? search : "");
  gtk_drop_down_set_selected (self->status_dropdown, status_index);
  gtk_drop_down_set_selected (self->stream_dropdown, stream_index);
  gtk_drop_down_set_selected (self->cycle_dropdown, half == 1 || half == 2 ? (guint) half : 0);
  self->updating = FALSE;

  filter_changed_cb (self);
}

/**
 * cm_budget_commissions_view_clear_filters:
 * @self: a #CmBudgetCommissionsView
 *
 * Shows every commission of the year.
 */
void
cm_budget_commissions_view_clear_filters (CmBudgetCommissionsView *self)
{
  set_only_codes (self, NULL);
  cm_budget_commissions_view_set_filters (self, NULL, NULL, NULL, 0);
}

/**
 * cm_budget_commissions_view_show_only:
 * @self: a #CmBudgetCommissionsView
 * @codes: (array zero-terminated=1): the codes of the commissions to show
 *
 * Shows just these commissions, such as those the needs analysis has
 * just created, with a bar saying so and offering to show all; selects
 * the first.
 */
void
cm_budget_commissions_view_show_only (CmBudgetCommissionsView *self,
                                      const char * const      *codes)
{
  g_return_if_fail (CM_IS_BUDGET_COMMISSIONS_VIEW (self));
  g_return_if_fail (codes != NULL);

  cm_budget_commissions_view_set_filters (self, NULL, NULL, NULL, 0);
  set_only_codes (self, codes);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      cm_column_view_scroll_to (self->column_view, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
}

/**
 * cm_budget_commissions_view_get_footer:
 * @self: a #CmBudgetCommissionsView
 *
 * Returns: the count and totals under the table
 */
const char *
cm_budget_commissions_view_get_footer (CmBudgetCommissionsView *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_COMMISSIONS_VIEW (self), NULL);

  return gtk_label_get_text (self->footer_label);
}
