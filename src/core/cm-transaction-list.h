/* cm-transaction-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cm-context.h"
#include "cm-transaction-item.h"

G_BEGIN_DECLS

#define CM_TYPE_TRANSACTION_LIST (cm_transaction_list_get_type ())

G_DECLARE_FINAL_TYPE (CmTransactionList, cm_transaction_list, CM, TRANSACTION_LIST, GObject)

CmTransactionList *cm_transaction_list_new          (CmContext         *context,
                                                     int                year);
int                cm_transaction_list_get_year     (CmTransactionList *self);
void               cm_transaction_list_set_year     (CmTransactionList *self,
                                                     int                year);
gboolean           cm_transaction_list_get_loading  (CmTransactionList *self);
gint64             cm_transaction_list_get_total_pence (CmTransactionList *self);
const GError      *cm_transaction_list_get_error    (CmTransactionList *self);
gboolean           cm_transaction_list_find         (CmTransactionList *self,
                                                     gint64             id,
                                                     guint             *out_position);
void               cm_transaction_list_reload       (CmTransactionList *self);

G_END_DECLS
