/* cm-undo-step.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cm-change.h"
#include "cm-db.h"

G_BEGIN_DECLS

/**
 * CmUndoStep:
 *
 * What one user action wrote, kept as the statements that take it back.
 * Recorded with cm_db_record_begin() and cm_db_record_end() on the
 * connection that did the writing; see HACKING.md, "Undo".
 */
typedef struct _CmUndoStep CmUndoStep;

gboolean      cm_db_record_begin        (CmDb              *db,
                                         GError           **error);
CmUndoStep   *cm_db_record_end          (CmDb              *db,
                                         const char        *label);
gboolean      cm_db_is_recording        (CmDb              *db);

CmUndoStep   *cm_undo_step_apply        (CmUndoStep        *step,
                                         CmDb              *db,
                                         GError           **error);
const char   *cm_undo_step_get_label    (const CmUndoStep  *step);
void          cm_undo_step_free         (CmUndoStep        *step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmUndoStep, cm_undo_step_free)

G_END_DECLS
