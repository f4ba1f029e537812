/* cm-stream-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-budget.h"
#include "cm-stream-bar.h"

G_BEGIN_DECLS

#define CM_TYPE_STREAM_ROW (cm_stream_row_get_type ())

G_DECLARE_FINAL_TYPE (CmStreamRow, cm_stream_row, CM, STREAM_ROW, GtkListBoxRow)

/* The figure columns, left to right. */
typedef enum
{
  CM_STREAM_FIGURE_ALLOCATION,
  CM_STREAM_FIGURE_PROPOSED,
  CM_STREAM_FIGURE_COMMITTED,
  CM_STREAM_FIGURE_ACTUAL,
  CM_STREAM_FIGURE_FORECAST,
  CM_STREAM_FIGURE_VARIANCE,
  CM_STREAM_FIGURE_AVAILABLE,
  CM_STREAM_FIGURE_PVI,
  CM_STREAM_N_FIGURES
} CmStreamFigure;

GtkWidget   *cm_stream_row_new                (void);
GtkWidget   *cm_stream_row_new_header         (void);
void         cm_stream_row_set_figures        (CmStreamRow           *self,
                                               const CmBudgetFigures *figures);
gint64       cm_stream_row_get_stream_id      (CmStreamRow           *self);
const char  *cm_stream_row_get_code           (CmStreamRow           *self);
const char  *cm_stream_row_get_figure_text    (CmStreamRow           *self,
                                               CmStreamFigure         figure);
CmStreamBar *cm_stream_row_get_bar            (CmStreamRow           *self);
int          cm_stream_row_get_figure_width   (CmStreamRow           *self);
void         cm_stream_row_add_to_size_groups (CmStreamRow           *self,
                                               GtkSizeGroup          *name_group,
                                               GtkSizeGroup          *figure_group,
                                               GtkSizeGroup          *pvi_group);
void         cm_stream_row_set_figure_visible (CmStreamRow           *self,
                                               CmStreamFigure         figure,
                                               gboolean               visible);
const char  *cm_stream_figure_title           (CmStreamFigure         figure);

G_END_DECLS
