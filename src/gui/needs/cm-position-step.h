/* cm-position-step.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CM_TYPE_POSITION_STEP (cm_position_step_get_type ())

G_DECLARE_FINAL_TYPE (CmPositionStep, cm_position_step, CM, POSITION_STEP, GtkWidget)

GListModel *cm_position_step_get_rows (CmPositionStep *self);

G_END_DECLS
