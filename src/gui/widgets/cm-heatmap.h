/* cm-heatmap.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-needs.h"

G_BEGIN_DECLS

#define CM_TYPE_HEATMAP (cm_heatmap_get_type ())

G_DECLARE_FINAL_TYPE (CmHeatmap, cm_heatmap, CM, HEATMAP, GtkWidget)

GtkWidget         *cm_heatmap_new               (void);
void               cm_heatmap_set_lines         (CmHeatmap         *self,
                                                 GPtrArray         *lines,
                                                 GPtrArray         *competencies);
guint              cm_heatmap_get_n_rows        (CmHeatmap         *self);
guint              cm_heatmap_get_n_columns     (CmHeatmap         *self);
guint              cm_heatmap_get_n_cells       (CmHeatmap         *self);
const char        *cm_heatmap_get_row_title     (CmHeatmap         *self,
                                                 guint              row);
const char        *cm_heatmap_get_column_title  (CmHeatmap         *self,
                                                 guint              column);
const CmNeedsLine *cm_heatmap_get_line          (CmHeatmap         *self,
                                                 guint              row,
                                                 guint              column);
double             cm_heatmap_get_intensity     (CmHeatmap         *self,
                                                 guint              row,
                                                 guint              column);
gboolean           cm_heatmap_get_focus_cell    (CmHeatmap         *self,
                                                 guint             *out_row,
                                                 guint             *out_column);
void               cm_heatmap_set_focus_cell    (CmHeatmap         *self,
                                                 guint              row,
                                                 guint              column);
gboolean           cm_heatmap_get_cell_at       (CmHeatmap         *self,
                                                 double             x,
                                                 double             y,
                                                 guint             *out_row,
                                                 guint             *out_column);
char              *cm_heatmap_describe_cell     (CmHeatmap         *self,
                                                 guint              row,
                                                 guint              column);
guint              cm_heatmap_get_n_drawn_cells (CmHeatmap         *self);

G_END_DECLS
