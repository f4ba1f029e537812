/* cm-undo.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-context.h"

G_BEGIN_DECLS

/* Undo and Redo as every area offers them: Ctrl+Z, Ctrl+Shift+Z and the
 * Undo button of a toast, all taking back the context's history (see
 * HACKING.md, "Undo"). */

gboolean  cm_undo_activate   (GtkWidget   *widget,
                              CmContext   *context,
                              gboolean     redo);
AdwToast *cm_undo_toast_new  (GtkWidget   *widget,
                              CmContext   *context,
                              const char  *title);

G_END_DECLS
