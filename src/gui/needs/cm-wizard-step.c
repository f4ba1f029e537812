/* cm-wizard-step.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-needs"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-context.h"
#include "cm-wizard-step.h"

G_DEFINE_INTERFACE (CmWizardStep, cm_wizard_step, GTK_TYPE_WIDGET)

enum {
  ADD_TOAST,
  GO_TO_STEP,
  DATA_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cm_wizard_step_default_init (CmWizardStepInterface *iface)
{
  /**
   * CmWizardStep:context:
   *
   * The open database the step reads and writes.
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_object ("context", NULL, NULL,
                                                            CM_TYPE_CONTEXT,
                                                            (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                             G_PARAM_STATIC_STRINGS)));

  /**
   * CmWizardStep:year:
   *
   * The financial year of the cycle analysed.
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_int ("year", NULL, NULL,
                                                         0, 9999, 0,
                                                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                                                          G_PARAM_EXPLICIT_NOTIFY)));

  /**
   * CmWizardStep:half:
   *
   * The half (1 or 2) of the cycle analysed; 0 before there is one.
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_int ("half", NULL, NULL,
                                                         0, 2, 0,
                                                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                                                          G_PARAM_EXPLICIT_NOTIFY)));

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

  /**
   * CmWizardStep::add-toast:
   * @self: the step
   * @toast: what to show
   *
   * Asks for @toast to be shown over the window.
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  /**
   * CmWizardStep::go-to-step:
   * @self: the step
   * @step: the step to show, from 1
   *
   * Asks the wizard to show another step.
   */
  signals[GO_TO_STEP] =
    g_signal_new ("go-to-step",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * CmWizardStep::data-changed:
   * @self: the step
   *
   * Says the step has just written to the database and already shows
   * what it wrote: the core announces the write to everyone, but the
   * step need not be reloaded for it.
   */
  signals[DATA_CHANGED] =
    g_signal_new ("data-changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
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

/**
 * cm_wizard_step_add_toast:
 * @self: a #CmWizardStep
 * @toast: (transfer full): what to show
 *
 * Asks for @toast to be shown, through #CmWizardStep::add-toast.
 */
void
cm_wizard_step_add_toast (CmWizardStep *self,
                          AdwToast     *toast)
{
  g_return_if_fail (CM_IS_WIZARD_STEP (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
  g_object_unref (toast);
}

/**
 * cm_wizard_step_show_message:
 * @self: a #CmWizardStep
 * @message: what to say
 *
 * Asks for @message to be shown in a toast.
 */
void
cm_wizard_step_show_message (CmWizardStep *self,
                             const char   *message)
{
  cm_wizard_step_add_toast (self, adw_toast_new (message));
}

/**
 * cm_wizard_step_go_to_step:
 * @self: a #CmWizardStep
 * @step: the step to show, from 1
 *
 * Asks the wizard to show @step, through #CmWizardStep::go-to-step.
 */
void
cm_wizard_step_go_to_step (CmWizardStep *self,
                           guint         step)
{
  g_return_if_fail (CM_IS_WIZARD_STEP (self));

  g_signal_emit (self, signals[GO_TO_STEP], 0, step);
}

/**
 * cm_wizard_step_data_changed:
 * @self: a #CmWizardStep
 *
 * Says the step has just written to the database and shows it already,
 * through #CmWizardStep::data-changed.
 */
void
cm_wizard_step_data_changed (CmWizardStep *self)
{
  g_return_if_fail (CM_IS_WIZARD_STEP (self));

  g_signal_emit (self, signals[DATA_CHANGED], 0);
}
