/* cm-wizard-step.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The needs wizard's steps, numbered as people see them. */
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

#define CM_TYPE_WIZARD_STEP (cm_wizard_step_get_type ())

G_DECLARE_INTERFACE (CmWizardStep, cm_wizard_step, CM, WIZARD_STEP, GtkWidget)

/**
 * CmWizardStepInterface:
 * @enter: the step becomes the one shown: read what it shows from the
 *   database (again); called again when the data changed under it
 * @leave: the step stops being shown
 *
 * One page of the needs wizard. Implementations provide the properties
 * #CmWizardStep:context (construct-only), #CmWizardStep:year and
 * #CmWizardStep:half (the cycle analysed, kept up to date by the
 * wizard), and the read-only #CmWizardStep:title and
 * #CmWizardStep:is-complete, notifying the latter when it changes.
 *
 * A step knows nothing of the wizard around it: it asks for what it
 * cannot do itself with the signals #CmWizardStep::add-toast,
 * #CmWizardStep::go-to-step and #CmWizardStep::data-changed.
 */
struct _CmWizardStepInterface
{
  GTypeInterface parent_iface;

  void (*enter) (CmWizardStep *self);
  void (*leave) (CmWizardStep *self);
};

char     *cm_wizard_step_dup_title       (CmWizardStep *self);
gboolean  cm_wizard_step_get_is_complete (CmWizardStep *self);
void      cm_wizard_step_enter           (CmWizardStep *self);
void      cm_wizard_step_leave           (CmWizardStep *self);
void      cm_wizard_step_add_toast       (CmWizardStep *self,
                                          AdwToast     *toast);
void      cm_wizard_step_show_message    (CmWizardStep *self,
                                          const char   *message);
void      cm_wizard_step_go_to_step      (CmWizardStep *self,
                                          guint         step);
void      cm_wizard_step_data_changed    (CmWizardStep *self);

G_END_DECLS
