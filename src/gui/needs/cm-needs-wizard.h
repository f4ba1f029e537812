/* cm-needs-wizard.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-context.h"
#include "cm-wizard-step.h"

G_BEGIN_DECLS

#define CM_TYPE_NEEDS_WIZARD (cm_needs_wizard_get_type ())

G_DECLARE_FINAL_TYPE (CmNeedsWizard, cm_needs_wizard, CM, NEEDS_WIZARD, GtkWidget)

CmNeedsWizard *cm_needs_wizard_new             (CmContext     *context);
CmContext     *cm_needs_wizard_get_context     (CmNeedsWizard *self);
void           cm_needs_wizard_set_context     (CmNeedsWizard *self,
                                                CmContext     *context);
int            cm_needs_wizard_get_year        (CmNeedsWizard *self);
int            cm_needs_wizard_get_half        (CmNeedsWizard *self);
gboolean       cm_needs_wizard_set_cycle       (CmNeedsWizard *self,
                                                int            year,
                                                int            half,
                                                GError       **error);
void           cm_needs_wizard_show_cycle      (CmNeedsWizard *self,
                                                int            year,
                                                int            half);
guint          cm_needs_wizard_get_step        (CmNeedsWizard *self);
void           cm_needs_wizard_set_step        (CmNeedsWizard *self,
                                                guint          step);
GtkWidget     *cm_needs_wizard_get_step_widget (CmNeedsWizard *self,
                                                guint          step);
const char    *cm_needs_wizard_get_indicator   (CmNeedsWizard *self);

G_END_DECLS
