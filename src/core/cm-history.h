/* cm-history.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cm-db.h"
#include "cm-undo-step.h"

G_BEGIN_DECLS

#define CM_TYPE_HISTORY (cm_history_get_type ())

G_DECLARE_FINAL_TYPE (CmHistory, cm_history, CM, HISTORY, GObject)

/* How many actions Undo can take back. */
#define CM_HISTORY_MAX_STEPS 50

CmHistory  *cm_history_new            (CmDb        *db);
void        cm_history_push           (CmHistory   *self,
                                       CmUndoStep  *step);
gboolean    cm_history_can_undo       (CmHistory   *self);
gboolean    cm_history_can_redo       (CmHistory   *self);
const char *cm_history_get_undo_label (CmHistory   *self);
const char *cm_history_get_redo_label (CmHistory   *self);
gboolean    cm_history_undo           (CmHistory   *self,
                                       GError     **error);
gboolean    cm_history_redo           (CmHistory   *self,
                                       GError     **error);
guint64     cm_history_get_undo_serial (CmHistory  *self);

G_END_DECLS
