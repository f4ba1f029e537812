/* cm-stream-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-budget.h"
#include "cm-context.h"

G_BEGIN_DECLS

#define CM_TYPE_STREAM_EDITOR (cm_stream_editor_get_type ())

G_DECLARE_FINAL_TYPE (CmStreamEditor, cm_stream_editor, CM, STREAM_EDITOR, AdwWindow)

CmStreamEditor       *cm_stream_editor_new        (GtkWindow            *parent,
                                                   CmContext            *context,
                                                   const CmBudgetStream *stream,
                                                   int                   year);
const CmBudgetStream *cm_stream_editor_get_stream (CmStreamEditor       *self);
gboolean              cm_stream_editor_save       (CmStreamEditor       *self,
                                                   GError              **error);
GtkWidget            *cm_stream_editor_get_field  (CmStreamEditor       *self,
                                                   const char           *name);

G_END_DECLS
