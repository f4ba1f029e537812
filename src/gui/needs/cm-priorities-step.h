/* cm-priorities-step.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CM_TYPE_PRIORITIES_STEP (cm_priorities_step_get_type ())

G_DECLARE_FINAL_TYPE (CmPrioritiesStep, cm_priorities_step, CM, PRIORITIES_STEP, GtkWidget)

GListModel    *cm_priorities_step_get_ranking     (CmPrioritiesStep *self);
GtkSpinButton *cm_priorities_step_get_weight_spin (CmPrioritiesStep *self,
                                                   guint             index);

G_END_DECLS
