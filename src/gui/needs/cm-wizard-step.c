/* cm-wizard-step.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-needs"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-wizard-step.h"

G_DEFINE_INTERFACE (CmWizardStep, cm_wizard_step, GTK_TYPE_WIDGET)

static void
cm_wizard_step_default_init (CmWizardStepInterface *iface)
{
  /**
   * CmWizardStep:title:
   *
   * The step's short name, as the step indicator shows it.
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_string ("title", NULL, NULL,
                                                            NULL,
                                                            (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));

  /**
   * CmWizardStep:is-complete:
   *
   * Whether enough is entered for the wizard to go on to the next step.
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_boolean ("is-complete", NULL, NULL,
                                                             FALSE,
                                                             (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)));
}

/**
 * cm_wizard_step_dup_title:
 * @self: a #CmWizardStep
 *
 * Returns: (transfer full): the step's short name
 */
char *
cm_wizard_step_dup_title (CmWizardStep *self)
{
  char *title = NULL;

  g_return_val_if_fail (CM_IS_WIZARD_STEP (self), NULL);

  g_object_get (self, "title", &title, NULL);
  return title;
}

/**
 * cm_wizard_step_get_is_complete:
 * @self: a #CmWizardStep
 *
 * Returns: whether the wizard may go on from this step
 */
gboolean
cm_wizard_step_get_is_complete (CmWizardStep *self)
{
  gboolean complete = FALSE;

  g_return_val_if_fail (CM_IS_WIZARD_STEP (self), FALSE);

  g_object_get (self, "is-complete", &complete, NULL);
  return complete;
}

/**
 * cm_wizard_step_enter:
 * @self: a #CmWizardStep
 *
 * Tells the step it is shown, or that the data under it changed.
 */
void
cm_wizard_step_enter (CmWizardStep *self)
{
  CmWizardStepInterface *iface;

  g_return_if_fail (CM_IS_WIZARD_STEP (self));

  iface = CM_WIZARD_STEP_GET_IFACE (self);
  if (iface->enter != NULL)
    iface->enter (self);
}

/**
 * cm_wizard_step_leave:
 * @self: a #CmWizardStep
 *
 * Tells the step it is no longer shown.
 */
void
cm_wizard_step_leave (CmWizardStep *self)
{
  CmWizardStepInterface *iface;

  g_return_if_fail (CM_IS_WIZARD_STEP (self));

  iface = CM_WIZARD_STEP_GET_IFACE (self);
  if (iface->leave != NULL)
    iface->leave (self);
}
