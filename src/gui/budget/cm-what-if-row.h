/* cm-what-if-row.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-what-if.h"

G_BEGIN_DECLS

#define CM_TYPE_WHAT_IF_ROW (cm_what_if_row_get_type ())
G_DECLARE_FINAL_TYPE (CmWhatIfRow, cm_what_if_row, CM, WHAT_IF_ROW, GtkListBoxRow)

CmWhatIfRow    *cm_what_if_row_new         (const char           *code,
                                            const char           *name);
const char     *cm_what_if_row_get_code    (CmWhatIfRow          *self);
CmWhatIfChange  cm_what_if_row_get_change  (CmWhatIfRow          *self,
                                            gint64               *out_value);
void            cm_what_if_row_set_change  (CmWhatIfRow          *self,
                                            CmWhatIfChange        change,
                                            gint64                value);
void            cm_what_if_row_set_figures (CmWhatIfRow          *self,
                                            const CmWhatIfStream *stream);
GtkRange       *cm_what_if_row_get_scale   (CmWhatIfRow          *self);
const char     *cm_what_if_row_get_after_text (CmWhatIfRow       *self);

G_END_DECLS
