/* cm-stream-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CM_TYPE_STREAM_BAR (cm_stream_bar_get_type ())

G_DECLARE_FINAL_TYPE (CmStreamBar, cm_stream_bar, CM, STREAM_BAR, GtkWidget)

/* The parts of the bar, in the order they are drawn. */
typedef enum
{
  CM_STREAM_BAR_ACTUAL,
  CM_STREAM_BAR_COMMITTED,
  CM_STREAM_BAR_PROPOSED,
  CM_STREAM_BAR_AVAILABLE,
  CM_STREAM_BAR_OVER,
  CM_STREAM_BAR_N_PARTS
} CmStreamBarPart;

GtkWidget *cm_stream_bar_new          (void);
void       cm_stream_bar_set_figures  (CmStreamBar     *self,
                                       gint64           allocation_pence,
                                       gint64           actual_pence,
                                       gint64           forecast_pence,
                                       gint64           proposed_pence);
gint64     cm_stream_bar_get_part     (CmStreamBar     *self,
                                       CmStreamBarPart  part);
gboolean   cm_stream_bar_is_over      (CmStreamBar     *self);
void       cm_stream_bar_part_color   (GtkWidget       *widget,
                                       CmStreamBarPart  part,
                                       GdkRGBA         *out_color);
const char *cm_stream_bar_part_label  (CmStreamBarPart  part);
const char *cm_stream_bar_part_description (CmStreamBarPart part);

G_END_DECLS
