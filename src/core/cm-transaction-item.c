/* cm-transaction-item.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-core"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-domain.h"
#include "cm-fiscal.h"
#include "cm-money.h"
#include "cm-transaction-item.h"

/* One transaction in the transactions list, with its quarter and where
 * its money went (the attributed parts) written out. */
struct _CmTransactionItem
{
  GObject              parent_instance;

  CmBudgetTransaction *transaction;
  char                *date_label;
  char                *quarter_label;
  int                  quarter_key;
  char                *attribution;
};

G_DEFINE_FINAL_TYPE (CmTransactionItem, cm_transaction_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATE_KEY,
  PROP_DATE_LABEL,
  PROP_QUARTER_KEY,
  PROP_QUARTER_LABEL,
  PROP_SUPPLIER,
  PROP_REFERENCE,
  PROP_KIND_LABEL,
  PROP_COMMISSION,
  PROP_ATTRIBUTION,
  PROP_AMOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cm_transaction_item_finalize (GObject *object)
{
  CmTransactionItem *self = (CmTransactionItem *)object;

  g_clear_pointer (&self->transaction, cm_budget_transaction_free);
  g_clear_pointer (&self->date_label, g_free);
  g_clear_pointer (&self->quarter_label, g_free);
  g_clear_pointer (&self->attribution, g_free);

  G_OBJECT_CLASS (cm_transaction_item_parent_class)->finalize (object);
}

static void
cm_transaction_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CmTransactionItem *self = CM_TRANSACTION_ITEM (object);
  const CmBudgetTransaction *transaction = self->transaction;

  switch (prop_id)
    {
    case PROP_DATE_KEY:
      g_value_set_uint (value, g_date_valid (&transaction->date) ? g_date_get_julian (&transaction->date) : 0);
      break;

    case PROP_DATE_LABEL:
      g_value_set_string (value, self->date_label);
      break;

    case PROP_QUARTER_KEY:
      g_value_set_int (value, self->quarter_key);
      break;

    case PROP_QUARTER_LABEL:
      g_value_set_string (value, self->quarter_label);
      break;

    case PROP_SUPPLIER:
      g_value_set_string (value, transaction->supplier);
      break;

    case PROP_REFERENCE:
      g_value_set_string (value, transaction->reference);
      break;

    case PROP_KIND_LABEL:
      g_value_set_string (value, cm_domain_label (CM_DOMAIN_TRANSACTION_KIND, transaction->kind));
      break;

    case PROP_COMMISSION:
      g_value_set_string (value, transaction->commission_code != NULL ? transaction->commission_code : "");
      break;

    case PROP_ATTRIBUTION:
      g_value_set_string (value, self->attribution);
      break;

    case PROP_AMOUNT:
      g_value_set_int64 (value, transaction->amount_pence);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_transaction_item_class_init (CmTransactionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cm_transaction_item_finalize;
  object_class->get_property = cm_transaction_item_get_property;

  properties[PROP_DATE_KEY] = g_param_spec_uint ("date-key", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_DATE_LABEL] = g_param_spec_string ("date-label", NULL, NULL, NULL, flags);
  properties[PROP_QUARTER_KEY] = g_param_spec_int ("quarter-key", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_QUARTER_LABEL] = g_param_spec_string ("quarter-label", NULL, NULL, NULL, flags);
  properties[PROP_SUPPLIER] = g_param_spec_string ("supplier", NULL, NULL, NULL, flags);
  properties[PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, flags);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, flags);
  properties[PROP_COMMISSION] = g_param_spec_string ("commission", NULL, NULL, NULL, flags);
  properties[PROP_ATTRIBUTION] = g_param_spec_string ("attribution", NULL, NULL, NULL, flags);
  properties[PROP_AMOUNT] = g_param_spec_int64 ("amount", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_transaction_item_init (CmTransactionItem *self)
{
}

static char *
describe_parts (const CmBudgetTransaction *transaction,
                GPtrArray                 *parts)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; parts != NULL && i < parts->len; i++)
    {
      const CmBudgetPart *part = g_ptr_array_index (parts, i);
      g_autofree char *amount = NULL;

      if (part->transaction_id != transaction->id)
        continue;

      if (n++ > 0)
        g_string_append (text, " · ");

      amount = cm_money_format (part->amount_pence);
      /* Translators: one part of a transaction: "DH-WDG £600.00" */
      g_string_append_printf (text, _("%s %s"),
                              part->stream_code != NULL ? part->stream_code : _("Unallocated"),
                              amount);
    }

  /* A transaction wholly given to one place is shown by name only. */
  if (n == 1)
    {
      if (transaction->stream_code != NULL && *transaction->stream_code != '\0')
        return g_strdup (transaction->stream_code);

      for (guint i = 0; i < parts->len; i++)
        {
          const CmBudgetPart *part = g_ptr_array_index (parts, i);

          if (part->transaction_id == transaction->id)
            return g_strdup (part->stream_code != NULL ? part->stream_code : _("Unallocated"));
        }
    }

  if (n == 0)
    {
      /* Only a part for another year's stream: name it without figures. */
      if (transaction->stream_code != NULL && *transaction->stream_code != '\0')
        return g_strdup (transaction->stream_code);
      return g_strdup (_("Unallocated"));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * cm_transaction_item_new:
 * @transaction: a transaction read from cm-budget
 * @year: the financial year shown
 * @parts: (element-type CmBudgetPart) (nullable): the attributed parts of
 *   the year, from cm_budget_list_parts()
 *
 * Returns: (transfer full): an item holding a copy of @transaction
 */
CmTransactionItem *
cm_transaction_item_new (const CmBudgetTransaction *transaction,
                         int                        year,
                         GPtrArray                 *parts)
{
  CmTransactionItem *self;

  g_return_val_if_fail (transaction != NULL, NULL);

  self = g_object_new (CM_TYPE_TRANSACTION_ITEM, NULL);
  self->transaction = cm_budget_transaction_copy (transaction);
  self->attribution = describe_parts (transaction, parts);

  if (g_date_valid (&transaction->date))
    {
      int date_year = cm_fiscal_year_of (&transaction->date);
      int quarter = cm_fiscal_quarter_of (&transaction->date);
      g_autofree char *quarter_label = cm_fiscal_quarter_label (quarter);

      self->date_label = cm_fiscal_format_date (&transaction->date);
      self->quarter_key = date_year * 10 + quarter;

      if (date_year == year)
        self->quarter_label = g_steal_pointer (&quarter_label);
      else
        {
          g_autofree char *year_label = cm_fiscal_year_label (date_year);

          /* Translators: a quarter of another financial year: "2009/10 Q4" */
          self->quarter_label = g_strdup_printf (_("%s %s"), year_label, quarter_label);
        }
    }
  else
    {
      self->date_label = g_strdup ("");
      self->quarter_label = g_strdup ("");
    }

  return self;
}

/**
 * cm_transaction_item_get_transaction:
 * @self: a #CmTransactionItem
 *
 * Returns: (transfer none): the transaction
 */
const CmBudgetTransaction *
cm_transaction_item_get_transaction (CmTransactionItem *self)
{
  g_return_val_if_fail (CM_IS_TRANSACTION_ITEM (self), NULL);

  return self->transaction;
}

/**
 * cm_transaction_item_get_id:
 * @self: a #CmTransactionItem
 *
 * Returns: the transaction's id
 */
gint64
cm_transaction_item_get_id (CmTransactionItem *self)
{
  g_return_val_if_fail (CM_IS_TRANSACTION_ITEM (self), 0);

  return self->transaction->id;
}

/**
 * cm_transaction_item_get_attribution:
 * @self: a #CmTransactionItem
 *
 * Returns: where the money went: "DH-WDG £600.00 · LSCB £400.00",
 *   a stream code, or "Unallocated"
 */
const char *
cm_transaction_item_get_attribution (CmTransactionItem *self)
{
  g_return_val_if_fail (CM_IS_TRANSACTION_ITEM (self), NULL);

  return self->attribution;
}
