/* cm-transaction-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-budget.h"
#include "cm-context.h"

G_BEGIN_DECLS

#define CM_TYPE_TRANSACTION_EDITOR (cm_transaction_editor_get_type ())

G_DECLARE_FINAL_TYPE (CmTransactionEditor, cm_transaction_editor, CM, TRANSACTION_EDITOR, AdwWindow)

CmTransactionEditor       *cm_transaction_editor_new             (GtkWindow                 *parent,
                                                                  CmContext                 *context,
                                                                  const CmBudgetTransaction *transaction,
                                                                  int                        year,
                                                                  GPtrArray                 *commissions,
                                                                  GPtrArray                 *streams);
const CmBudgetTransaction *cm_transaction_editor_get_transaction (CmTransactionEditor       *self);
gboolean                   cm_transaction_editor_save            (CmTransactionEditor       *self,
                                                                  GError                   **error);
GtkWidget                 *cm_transaction_editor_get_field       (CmTransactionEditor       *self,
                                                                  const char                *name);
gboolean                   cm_transaction_editor_select_commission (CmTransactionEditor     *self,
                                                                  const char                *code);
gboolean                   cm_transaction_editor_select_stream   (CmTransactionEditor       *self,
                                                                  const char                *code);

G_END_DECLS
