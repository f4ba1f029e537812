/* cm-commission-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-budget.h"
#include "cm-context.h"
#include "cm-split-row.h"

G_BEGIN_DECLS

#define CM_TYPE_COMMISSION_EDITOR (cm_commission_editor_get_type ())

G_DECLARE_FINAL_TYPE (CmCommissionEditor, cm_commission_editor, CM, COMMISSION_EDITOR, AdwWindow)

CmCommissionEditor       *cm_commission_editor_new                (GtkWindow                *parent,
                                                                   CmContext                *context,
                                                                   const CmBudgetCommission *commission,
                                                                   int                       year,
                                                                   int                       half,
                                                                   GPtrArray                *streams);
const CmBudgetCommission *cm_commission_editor_get_commission     (CmCommissionEditor       *self);
gboolean                  cm_commission_editor_can_save           (CmCommissionEditor       *self);
gboolean                  cm_commission_editor_save               (CmCommissionEditor       *self,
                                                                   GError                  **error);
GtkWidget                *cm_commission_editor_get_field          (CmCommissionEditor       *self,
                                                                   const char               *name);
CmSplitRow               *cm_commission_editor_get_split_row      (CmCommissionEditor       *self,
                                                                   const char               *stream_code);
guint                     cm_commission_editor_get_n_splits       (CmCommissionEditor       *self);
const char               *cm_commission_editor_get_planned_text   (CmCommissionEditor       *self);
const char               *cm_commission_editor_get_funded_text    (CmCommissionEditor       *self);
const char               *cm_commission_editor_get_remaining_text (CmCommissionEditor       *self);
guint                     cm_commission_editor_get_n_ledger_rows  (CmCommissionEditor       *self);
gint64                    cm_commission_editor_get_planned        (CmCommissionEditor       *self);

G_END_DECLS
