/* cm-cycle-step.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CM_TYPE_CYCLE_STEP (cm_cycle_step_get_type ())

G_DECLARE_FINAL_TYPE (CmCycleStep, cm_cycle_step, CM, CYCLE_STEP, GtkWidget)

void cm_cycle_step_copy_previous (CmCycleStep *self);

G_END_DECLS
