/* cm-transaction-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cm-budget.h"

G_BEGIN_DECLS

#define CM_TYPE_TRANSACTION_ITEM (cm_transaction_item_get_type ())

G_DECLARE_FINAL_TYPE (CmTransactionItem, cm_transaction_item, CM, TRANSACTION_ITEM, GObject)

CmTransactionItem         *cm_transaction_item_new             (const CmBudgetTransaction *transaction,
                                                                int                        year,
                                                                GPtrArray                 *parts);
const CmBudgetTransaction *cm_transaction_item_get_transaction (CmTransactionItem         *self);
gint64                     cm_transaction_item_get_id          (CmTransactionItem         *self);
const char                *cm_transaction_item_get_attribution (CmTransactionItem         *self);

G_END_DECLS
