/* cm-workforce-step.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CM_TYPE_WORKFORCE_STEP (cm_workforce_step_get_type ())

G_DECLARE_FINAL_TYPE (CmWorkforceStep, cm_workforce_step, CM, WORKFORCE_STEP, GtkWidget)

void        cm_workforce_step_import_file      (CmWorkforceStep *self,
                                                const char      *kind,
                                                const char      *path);
GListModel *cm_workforce_step_get_staff_groups (CmWorkforceStep *self);
const char *cm_workforce_step_get_totals       (CmWorkforceStep *self);

G_END_DECLS
