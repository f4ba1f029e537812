/* cm-commission-step.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CM_TYPE_COMMISSION_STEP (cm_commission_step_get_type ())

G_DECLARE_FINAL_TYPE (CmCommissionStep, cm_commission_step, CM, COMMISSION_STEP, GtkWidget)

GListModel *cm_commission_step_get_rows   (CmCommissionStep *self);
gboolean    cm_commission_step_set_ticked (CmCommissionStep *self,
                                           const char       *code,
                                           gboolean          ticked);

G_END_DECLS
