/* cm-field-error.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * CmFieldErrorRestore:
 * @field: the field Escape was pressed in
 * @user_data: what cm_field_error_set_restore() was given
 *
 * Puts the last good value back in @field.
 */
typedef void (*CmFieldErrorRestore) (GtkWidget *field,
                                     gpointer   user_data);

void        cm_field_error_set         (GtkWidget           *field,
                                        const char          *message);
const char *cm_field_error_get         (GtkWidget           *field);
GtkWidget  *cm_field_error_get_label   (GtkWidget           *field);
void        cm_field_error_set_restore (GtkWidget           *field,
                                        CmFieldErrorRestore  restore,
                                        gpointer             user_data);
void        cm_field_error_check_text  (GtkWidget           *field,
                                        const char          *kind,
                                        const char          *column);
gboolean    cm_field_error_get_value   (GtkWidget           *field,
                                        gint64              *out_value);

G_END_DECLS
