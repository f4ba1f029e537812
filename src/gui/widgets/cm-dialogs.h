/* cm-dialogs.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The dialogs every area opens the same way: a message about what went
 * wrong, and the file chooser. Each is transient for the window of the
 * widget that asks. */

/* The file types a chooser offers, in this order. */
typedef enum
{
  CM_FILE_FILTER_NONE = 0,
  CM_FILE_FILTER_CSV  = 1 << 0,
  CM_FILE_FILTER_ALL  = 1 << 1,
} CmFileFilters;

/* Closes an editor whose changes the person chose to throw away. */
typedef void (*CmDiscardFunc) (GtkWindow *editor);

gboolean          cm_dialogs_ask_discard          (GtkWindow            *editor,
                                                   const char           *loaded,
                                                   const char           *now,
                                                   const char           *body,
                                                   CmDiscardFunc         discard);
AdwMessageDialog *cm_dialogs_new_question         (GtkWidget            *widget,
                                                   const char           *heading,
                                                   const char           *body);
AdwMessageDialog *cm_dialogs_show_message         (GtkWidget            *widget,
                                                   const char           *heading,
                                                   const char           *body);
AdwMessageDialog *cm_dialogs_show_error           (GtkWidget            *widget,
                                                   const char           *heading,
                                                   const GError         *error);
GtkNativeDialog  *cm_dialogs_file_chooser_new     (GtkWidget            *widget,
                                                   GtkFileChooserAction  action,
                                                   const char           *title,
                                                   const char           *accept_label,
                                                   CmFileFilters         filters);
char             *cm_dialogs_file_chooser_get_path (GtkNativeDialog     *chooser);

G_END_DECLS
