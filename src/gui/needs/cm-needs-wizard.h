/* cm-needs-wizard.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-context.h"

G_BEGIN_DECLS

/* The wizard's steps, numbered as people see them. */
typedef enum
{
  CM_NEEDS_STEP_CYCLE = 1,
  CM_NEEDS_STEP_WORKFORCE,
  CM_NEEDS_STEP_REQUIREMENTS,
  CM_NEEDS_STEP_POSITION,
  CM_NEEDS_STEP_PRIORITIES,
  CM_NEEDS_STEP_REVIEW,
  CM_NEEDS_STEP_COMMISSION,
} CmNeedsStep;

#define CM_NEEDS_N_STEPS 7

#define CM_TYPE_NEEDS_WIZARD (cm_needs_wizard_get_type ())

G_DECLARE_FINAL_TYPE (CmNeedsWizard, cm_needs_wizard, CM, NEEDS_WIZARD, GtkWidget)

CmNeedsWizard *cm_needs_wizard_new             (CmContext     *context);
CmContext     *cm_needs_wizard_get_context     (CmNeedsWizard *self);
void           cm_needs_wizard_set_context     (CmNeedsWizard *self,
                                                CmContext     *context);
CmDb          *cm_needs_wizard_get_db          (CmNeedsWizard *self);
gboolean       cm_needs_wizard_is_read_only    (CmNeedsWizard *self);
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
void           cm_needs_wizard_add_toast       (CmNeedsWizard *self,
                                                AdwToast      *toast);
void           cm_needs_wizard_show_message    (CmNeedsWizard *self,
                                                const char    *message);
void           cm_needs_wizard_show_error      (CmNeedsWizard *self,
                                                const char    *heading,
                                                const GError  *error);
void           cm_needs_wizard_data_changed    (CmNeedsWizard *self);

CmNeedsWizard *cm_needs_wizard_find            (GtkWidget     *step);

G_END_DECLS
