/* cm-audit-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-audit.h"
#include "cm-context.h"

G_BEGIN_DECLS

#define CM_TYPE_AUDIT_DIALOG (cm_audit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CmAuditDialog, cm_audit_dialog, CM, AUDIT_DIALOG, AdwWindow)

CmAuditDialog *cm_audit_dialog_new         (GtkWindow     *parent,
                                            CmContext     *context,
                                            CmAuditItem    item,
                                            gint64         id,
                                            const char    *label);
guint          cm_audit_dialog_get_n_rows  (CmAuditDialog *self);
const char    *cm_audit_dialog_get_row_title (CmAuditDialog *self,
                                              guint          index);
gboolean       cm_audit_dialog_is_empty    (CmAuditDialog *self);

G_END_DECLS
