/* cm-test-ui.h
 *
 * Helpers for the GUI test programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-context.h"

G_BEGIN_DECLS

void       cm_test_watch_context   (CmContext *context);
void       cm_test_iterate         (void);
void       cm_test_wait_for_mapped (GtkWidget *widget);
GtkWindow *cm_test_find_toplevel   (GType      type);
GtkWidget *cm_test_find_widget     (GtkWidget  *root,
                                    GType       type);
GtkWidget *cm_test_find_widget_named (GtkWidget  *root,
                                      const char *name);
GtkShortcut *cm_test_press_key     (GtkWidget       *focus,
                                    guint            keyval,
                                    GdkModifierType  modifiers,
                                    GtkWidget      **out_owner);

G_END_DECLS
