/* cm-requirements-step.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CM_TYPE_REQUIREMENTS_STEP (cm_requirements_step_get_type ())

G_DECLARE_FINAL_TYPE (CmRequirementsStep, cm_requirements_step, CM, REQUIREMENTS_STEP, GtkWidget)

gboolean           cm_requirements_step_select_competency (CmRequirementsStep *self,
                                                           const char         *code);
GListModel        *cm_requirements_step_get_rows          (CmRequirementsStep *self);
GtkSelectionModel *cm_requirements_step_get_selection     (CmRequirementsStep *self);
GtkSpinButton     *cm_requirements_step_get_bulk_spin     (CmRequirementsStep *self);

G_END_DECLS
