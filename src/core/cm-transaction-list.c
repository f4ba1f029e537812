/* cm-transaction-list.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-core"

#include "config.h"

#include <string.h>

#include "cm-budget.h"
#include "cm-fiscal.h"
#include "cm-transaction-list.h"

/* The spend of one financial year as a list model, by date, reference
 * and id: what the Budget page's spend list shows.
 *
 * A year is read in a worker thread with a connection of its own, so a
 * county's 100,000 transactions never hold up the window; "loading" is
 * TRUE meanwhile. After that the list follows the context's change
 * notifications row by row: saving one transaction re-reads that one and
 * emits items-changed for its position only (HACKING.md, "Data flow").
 * Changes that name no row (an import) read the year again. */
struct _CmTransactionList
{
  GObject       parent_instance;

  CmContext    *context;
  int           year;
  gboolean      constructed;

  GPtrArray    *items;          /* of CmTransactionItem */
  gint64        total_pence;    /* Σ amount of the items */
  gboolean      loading;
  GError       *error;
  GCancellable *cancellable;

  /* Rows to re-read once the writer has returned: transaction ids, and
   * commissions whose transactions must be re-read. */
  GHashTable   *dirty_rows;
  GHashTable   *dirty_commissions;
  guint         refresh_source;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CmTransactionList, cm_transaction_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_YEAR,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A commission with more transactions than this is re-read with the year. */
#define MAX_ROWS_REFRESHED 500

static GType
list_get_item_type (GListModel *model)
{
  return CM_TYPE_TRANSACTION_ITEM;
}

static guint
list_get_n_items (GListModel *model)
{
  return CM_TRANSACTION_LIST (model)->items->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  CmTransactionList *self = CM_TRANSACTION_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static gint64
item_amount (gpointer item)
{
  return cm_transaction_item_get_transaction (item)->amount_pence;
}

static void
emit_items_changed (CmTransactionList *self,
                    guint              position,
                    guint              removed,
                    guint              added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* The order of cm_budget_list_ledger(): date, reference, id. */
static int
compare_items (CmTransactionItem *a,
               CmTransactionItem *b)
{
  const CmBudgetTransaction *ta = cm_transaction_item_get_transaction (a);
  const CmBudgetTransaction *tb = cm_transaction_item_get_transaction (b);
  int cmp;

  if (g_date_valid (&ta->date) && g_date_valid (&tb->date) &&
      (cmp = g_date_compare (&ta->date, &tb->date)) != 0)
    return cmp;
  if ((cmp = g_strcmp0 (ta->reference, tb->reference)) != 0)
    return cmp;

  return (ta->id > tb->id) - (ta->id < tb->id);
}

static guint
sorted_position (CmTransactionList *self,
                 CmTransactionItem *item)
{
  guint low = 0, high = self->items->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (compare_items (g_ptr_array_index (self->items, mid), item) < 0)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

static void
set_loading (CmTransactionList *self,
             gboolean           loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Loading a year */

static GPtrArray *
read_items (CmDb    *db,
            int      year,
            gint64   only_id,
            GError **error)
{
  g_autoptr(GPtrArray) transactions = NULL;
  g_autoptr(GHashTable) parts = NULL;
  GPtrArray *items;

  if (!(transactions = cm_budget_list_ledger (db, year, only_id, &parts, error)))
    return NULL;

  items = g_ptr_array_new_full (transactions->len, g_object_unref);
  for (guint i = 0; i < transactions->len; i++)
    {
      const CmBudgetTransaction *transaction = g_ptr_array_index (transactions, i);

      g_ptr_array_add (items, cm_transaction_item_new (transaction, year,
                                                       g_hash_table_lookup (parts, &transaction->id)));
    }

  return items;
}

/* In a worker thread. */
static gpointer
read_year (CmDb          *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return read_items (db, GPOINTER_TO_INT (data), 0, error);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CmTransactionList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) old = NULL;

  items = cm_context_read_finish (CM_CONTEXT (object), result, &error);

  /* A newer load (another year, or after a change) replaced this one. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);

  g_clear_error (&self->error);
  if (items == NULL)
    {
      self->error = g_steal_pointer (&error);
      items = g_ptr_array_new_with_free_func (g_object_unref);
    }

  old = g_steal_pointer (&self->items);
  self->items = g_steal_pointer (&items);
  self->total_pence = 0;
  for (guint i = 0; i < self->items->len; i++)
    self->total_pence += item_amount (g_ptr_array_index (self->items, i));
  emit_items_changed (self, 0, old->len, self->items->len);
  set_loading (self, FALSE);
}

/**
 * cm_transaction_list_reload:
 * @self: a #CmTransactionList
 *
 * Reads the year again in a worker thread; the rows stay as they are
 * until it is done.
 */
void
cm_transaction_list_reload (CmTransactionList *self)
{
  g_return_if_fail (CM_IS_TRANSACTION_LIST (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  g_hash_table_remove_all (self->dirty_rows);
  g_hash_table_remove_all (self->dirty_commissions);
  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (self->context == NULL || self->year <= 0)
    return;

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  cm_context_read_async (self->context, read_year, GINT_TO_POINTER (self->year), NULL,
                         (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                         load_done_cb, g_object_ref (self));
}

/* Following changes */

static gboolean
find_position (CmTransactionList *self,
               gint64             id,
               guint             *out_position)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      if (cm_transaction_item_get_id (g_ptr_array_index (self->items, i)) == id)
        {
          *out_position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Re-reads one transaction and puts it where it now belongs: in place
 * when its order is the same (one items-changed of one row), elsewhere,
 * or out of the year's list. */
static void
refresh_row (CmTransactionList *self,
             gint64             id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  CmTransactionItem *item;
  guint position = 0;
  gboolean present = find_position (self, id, &position);
  guint target;

  if (!(fresh = read_items (cm_context_get_db (self->context), self->year, id, &error)))
    {
      g_warning ("Could not read transaction %" G_GINT64_FORMAT ": %s", id, error->message);
      return;
    }

  if (present)
    self->total_pence -= item_amount (g_ptr_array_index (self->items, position));

  if (fresh->len == 0)
    {
      if (present)
        {
          g_ptr_array_remove_index (self->items, position);
          emit_items_changed (self, position, 1, 0);
        }
      return;
    }

  item = g_ptr_array_steal_index (fresh, 0);
  self->total_pence += item_amount (item);

  if (present &&
      (position == 0 || compare_items (g_ptr_array_index (self->items, position - 1), item) < 0) &&
      (position + 1 >= self->items->len || compare_items (item, g_ptr_array_index (self->items, position + 1)) < 0))
    {
      g_object_unref (g_ptr_array_index (self->items, position));
      self->items->pdata[position] = item;
      emit_items_changed (self, position, 1, 1);
      return;
    }

  if (present)
    {
      g_ptr_array_remove_index (self->items, position);
      emit_items_changed (self, position, 1, 0);
    }

  target = sorted_position (self, item);
  g_ptr_array_insert (self->items, (int) target, item);
  emit_items_changed (self, target, 0, 1);
}

static gboolean
refresh_cb (gpointer user_data)
{
  CmTransactionList *self = user_data;
  g_autoptr(GHashTable) rows = g_steal_pointer (&self->dirty_rows);
  g_autoptr(GHashTable) commissions = g_steal_pointer (&self->dirty_commissions);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  self->refresh_source = 0;
  self->dirty_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->dirty_commissions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* The rows of a changed commission (its code or splits moved). */
  for (guint i = 0; g_hash_table_size (commissions) > 0 && i < self->items->len; i++)
    {
      const CmBudgetTransaction *transaction = cm_transaction_item_get_transaction (g_ptr_array_index (self->items, i));

      if (transaction->commission_id > 0 && g_hash_table_contains (commissions, &transaction->commission_id))
        g_hash_table_add (rows, g_memdup2 (&transaction->id, sizeof transaction->id));
    }

  if (g_hash_table_size (rows) > MAX_ROWS_REFRESHED)
    {
      cm_transaction_list_reload (self);
      return G_SOURCE_REMOVE;
    }

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);

  for (guint i = 0; i < ids->len; i++)
    refresh_row (self, g_array_index (ids, gint64, i));

  return G_SOURCE_REMOVE;
}

static void
mark_dirty (CmTransactionList *self,
            GHashTable        *set,
            gint64             id)
{
  g_hash_table_add (set, g_memdup2 (&id, sizeof id));
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, self, NULL);
}

static void
context_changed_cb (CmTransactionList *self,
                    const CmChange    *change)
{
  if (!cm_change_touches_year (change, self->year))
    return;

  /* A load under way would miss this change: start it again. */
  if (self->loading)
    {
      if (change->kind & (CM_CHANGE_TRANSACTIONS | CM_CHANGE_COMMISSIONS | CM_CHANGE_SPLITS | CM_CHANGE_STREAMS))
        cm_transaction_list_reload (self);
      return;
    }

  switch (change->kind)
    {
    case CM_CHANGE_TRANSACTIONS:
      if (change->id != 0)
        mark_dirty (self, self->dirty_rows, change->id);
      else
        cm_transaction_list_reload (self);
      break;

    case CM_CHANGE_COMMISSIONS:
    case CM_CHANGE_SPLITS:
      if (change->id != 0)
        mark_dirty (self, self->dirty_commissions, change->id);
      else
        cm_transaction_list_reload (self);
      break;

    case CM_CHANGE_STREAMS:
      cm_transaction_list_reload (self);
      break;

    case CM_CHANGE_WORKFORCE:
    case CM_CHANGE_CATALOGUE:
    case CM_CHANGE_CYCLES:
    case CM_CHANGE_REQUIREMENTS:
    case CM_CHANGE_SETTINGS:
    default:
      break;
    }
}

/* GObject */

static void
cm_transaction_list_dispose (GObject *object)
{
  CmTransactionList *self = (CmTransactionList *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_transaction_list_parent_class)->dispose (object);
}

static void
cm_transaction_list_finalize (GObject *object)
{
  CmTransactionList *self = (CmTransactionList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->dirty_rows, g_hash_table_unref);
  g_clear_pointer (&self->dirty_commissions, g_hash_table_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (cm_transaction_list_parent_class)->finalize (object);
}

static void
cm_transaction_list_constructed (GObject *object)
{
  CmTransactionList *self = (CmTransactionList *)object;

  G_OBJECT_CLASS (cm_transaction_list_parent_class)->constructed (object);

  self->constructed = TRUE;
  if (self->context != NULL)
    g_signal_connect_object (self->context, "changed",
                             G_CALLBACK (context_changed_cb), self,
                             G_CONNECT_SWAPPED);
  cm_transaction_list_reload (self);
}

static void
cm_transaction_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CmTransactionList *self = CM_TRANSACTION_LIST (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_transaction_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CmTransactionList *self = CM_TRANSACTION_LIST (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_YEAR:
      cm_transaction_list_set_year (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_transaction_list_class_init (CmTransactionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cm_transaction_list_dispose;
  object_class->finalize = cm_transaction_list_finalize;
  object_class->constructed = cm_transaction_list_constructed;
  object_class->get_property = cm_transaction_list_get_property;
  object_class->set_property = cm_transaction_list_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL,
                      0, 9999, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_transaction_list_init (CmTransactionList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->dirty_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->dirty_commissions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * cm_transaction_list_new:
 * @context: a #CmContext
 * @year: a financial year, or 0 for none yet
 *
 * Returns: (transfer full): a list that starts loading @year at once
 */
CmTransactionList *
cm_transaction_list_new (CmContext *context,
                         int        year)
{
  g_return_val_if_fail (CM_IS_CONTEXT (context), NULL);

  return g_object_new (CM_TYPE_TRANSACTION_LIST,
                       "context", context,
                       "year", year,
                       NULL);
}

int
cm_transaction_list_get_year (CmTransactionList *self)
{
  g_return_val_if_fail (CM_IS_TRANSACTION_LIST (self), 0);

  return self->year;
}

/**
 * cm_transaction_list_set_year:
 * @self: a #CmTransactionList
 * @year: a financial year
 *
 * Shows another year: the rows go at once and the year's are read in
 * the background.
 */
void
cm_transaction_list_set_year (CmTransactionList *self,
                              int                year)
{
  guint old_n;

  g_return_if_fail (CM_IS_TRANSACTION_LIST (self));

  if (self->year == year)
    return;

  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);

  /* Another year's rows must not linger while this one loads. */
  old_n = self->items->len;
  g_ptr_array_set_size (self->items, 0);
  self->total_pence = 0;
  if (old_n > 0)
    emit_items_changed (self, 0, old_n, 0);

  /* Before construction ends, constructed() loads. */
  if (self->constructed)
    cm_transaction_list_reload (self);
}

/**
 * cm_transaction_list_get_loading:
 * @self: a #CmTransactionList
 *
 * Returns: %TRUE while the year is being read
 */
gboolean
cm_transaction_list_get_loading (CmTransactionList *self)
{
  g_return_val_if_fail (CM_IS_TRANSACTION_LIST (self), FALSE);

  return self->loading;
}

/**
 * cm_transaction_list_get_error:
 * @self: a #CmTransactionList
 *
 * Returns: (nullable): why the last load failed, or %NULL
 */
const GError *
cm_transaction_list_get_error (CmTransactionList *self)
{
  g_return_val_if_fail (CM_IS_TRANSACTION_LIST (self), NULL);

  return self->error;
}

/**
 * cm_transaction_list_find:
 * @self: a #CmTransactionList
 * @id: a transaction's id
 * @out_position: (out) (optional): where it is
 *
 * Returns: %TRUE if the transaction is in the list
 */
gboolean
cm_transaction_list_find (CmTransactionList *self,
                          gint64             id,
                          guint             *out_position)
{
  guint position = 0;

  g_return_val_if_fail (CM_IS_TRANSACTION_LIST (self), FALSE);

  if (!find_position (self, id, &position))
    return FALSE;

  if (out_position != NULL)
    *out_position = position;
  return TRUE;
}

/**
 * cm_transaction_list_get_total_pence:
 * @self: a #CmTransactionList
 *
 * Returns: the sum of the amounts of every transaction in the list, kept
 *   as rows change so that showing it costs nothing
 */
gint64
cm_transaction_list_get_total_pence (CmTransactionList *self)
{
  g_return_val_if_fail (CM_IS_TRANSACTION_LIST (self), 0);

  return self->total_pence;
}
