/* cm-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-context.h"

G_BEGIN_DECLS

#define CM_TYPE_PREFERENCES_WINDOW (cm_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CmPreferencesWindow, cm_preferences_window, CM, PREFERENCES_WINDOW, AdwPreferencesWindow)

CmPreferencesWindow *cm_preferences_window_new                   (GtkWindow           *parent,
                                                                  CmContext           *context);
int                  cm_preferences_window_get_weight_total      (CmPreferencesWindow *self);
GtkAdjustment       *cm_preferences_window_get_weight_adjustment (CmPreferencesWindow *self,
                                                                  guint                index);

GtkSwitch           *cm_preferences_window_get_kind_switch (CmPreferencesWindow *self,
                                                           const char          *kind);

G_END_DECLS
