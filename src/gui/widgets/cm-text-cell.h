/* cm-text-cell.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CM_TYPE_TEXT_CELL (cm_text_cell_get_type ())

G_DECLARE_FINAL_TYPE (CmTextCell, cm_text_cell, CM, TEXT_CELL, GtkWidget)

GtkWidget   *cm_text_cell_new        (int          width_chars,
                                      const char  *accessible_label);
void         cm_text_cell_set_text   (CmTextCell  *self,
                                      const char  *text);
const char  *cm_text_cell_get_text   (CmTextCell  *self);
GtkEditable *cm_text_cell_begin_edit (CmTextCell  *self);

G_END_DECLS
