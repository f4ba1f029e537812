/* cm-export-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-context.h"
#include "cm-export.h"

G_BEGIN_DECLS

#define CM_TYPE_EXPORT_DIALOG (cm_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CmExportDialog, cm_export_dialog, CM, EXPORT_DIALOG, AdwWindow)

CmExportDialog *cm_export_dialog_new      (GtkWindow      *parent,
                                           CmContext      *context);
CmExportKind    cm_export_dialog_get_kind (CmExportDialog *self);
void            cm_export_dialog_set_kind (CmExportDialog *self,
                                           CmExportKind    kind);
int             cm_export_dialog_get_year (CmExportDialog *self);
void            cm_export_dialog_set_period (CmExportDialog *self,
                                             int             year,
                                             int             half);
gboolean        cm_export_dialog_is_running (CmExportDialog *self);

G_END_DECLS
