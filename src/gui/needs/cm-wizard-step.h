/* cm-wizard-step.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CM_TYPE_WIZARD_STEP (cm_wizard_step_get_type ())

G_DECLARE_INTERFACE (CmWizardStep, cm_wizard_step, CM, WIZARD_STEP, GtkWidget)

/**
 * CmWizardStepInterface:
 * @enter: the step becomes the one shown: read what it shows from the
 *   database (again); called again when the data changed under it
 * @leave: the step stops being shown
 *
 * One page of the needs wizard. Implementations also provide the
 * read-only properties #CmWizardStep:title (the step's short name) and
 * #CmWizardStep:is-complete (whether the wizard may go on to the next
 * step), notifying the latter when it changes.
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

G_END_DECLS
