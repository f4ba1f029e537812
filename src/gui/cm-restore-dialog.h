/* cm-restore-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CM_TYPE_RESTORE_DIALOG (cm_restore_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CmRestoreDialog, cm_restore_dialog, CM, RESTORE_DIALOG, AdwWindow)

CmRestoreDialog *cm_restore_dialog_new          (GtkWindow       *parent,
                                                 const char      *db_path);
guint            cm_restore_dialog_get_n_backups (CmRestoreDialog *self);
const char      *cm_restore_dialog_get_chosen   (CmRestoreDialog *self);

G_END_DECLS
