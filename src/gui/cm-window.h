/* cm-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-application.h"
#include "cm-context.h"

G_BEGIN_DECLS

#define CM_TYPE_WINDOW (cm_window_get_type ())

G_DECLARE_FINAL_TYPE (CmWindow, cm_window, CM, WINDOW, AdwApplicationWindow)

CmWindow     *cm_window_new            (CmApplication *application,
                                        CmContext     *context);
CmWindow     *cm_window_new_for_error  (CmApplication *application,
                                        const char    *path,
                                        const GError  *error);
CmContext    *cm_window_get_context    (CmWindow      *self);
const char   *cm_window_get_path       (CmWindow      *self);
const char   *cm_window_get_mode       (CmWindow      *self);
AdwViewStack *cm_window_get_view_stack (CmWindow      *self);
GtkWidget    *cm_window_get_page       (CmWindow      *self,
                                        const char    *name);
void          cm_window_add_toast      (CmWindow      *self,
                                        const char    *title);
char         *cm_window_get_help_uri   (CmWindow      *self);

G_END_DECLS
