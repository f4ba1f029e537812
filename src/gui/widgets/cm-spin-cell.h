/* cm-spin-cell.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CM_TYPE_SPIN_CELL (cm_spin_cell_get_type ())

G_DECLARE_FINAL_TYPE (CmSpinCell, cm_spin_cell, CM, SPIN_CELL, GtkWidget)

GtkWidget     *cm_spin_cell_new        (double      lower,
                                        double      upper,
                                        double      step,
                                        guint       digits,
                                        const char *accessible_label);
void           cm_spin_cell_set_value  (CmSpinCell *self,
                                        double      value);
double         cm_spin_cell_get_value  (CmSpinCell *self);
GtkSpinButton *cm_spin_cell_begin_edit (CmSpinCell *self);
void           cm_spin_cell_set_csv_column (CmSpinCell *self,
                                            const char *kind,
                                            const char *column,
                                            double      scale);
const char    *cm_spin_cell_get_error      (CmSpinCell *self);

G_END_DECLS
