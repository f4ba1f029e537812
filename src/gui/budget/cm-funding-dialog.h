/* cm-funding-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-budget.h"
#include "cm-money-row.h"

G_BEGIN_DECLS

#define CM_TYPE_FUNDING_DIALOG (cm_funding_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CmFundingDialog, cm_funding_dialog, CM, FUNDING_DIALOG, AdwMessageDialog)

CmFundingDialog *cm_funding_dialog_new           (GtkWindow       *parent,
                                                  GPtrArray       *proposal,
                                                  GPtrArray       *outcomes);
GPtrArray       *cm_funding_dialog_get_proposal  (CmFundingDialog *self);
guint            cm_funding_dialog_get_n_lines   (CmFundingDialog *self);
CmMoneyRow      *cm_funding_dialog_get_line_row  (CmFundingDialog *self,
                                                  guint            index);
guint            cm_funding_dialog_get_n_reasons (CmFundingDialog *self);
const char      *cm_funding_dialog_get_reason    (CmFundingDialog *self,
                                                  guint            index);
const char      *cm_funding_dialog_get_unfunded  (CmFundingDialog *self,
                                                  guint            commission_index);

G_END_DECLS
