/* cm-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CM_TYPE_CHART (cm_chart_get_type ())

G_DECLARE_FINAL_TYPE (CmChart, cm_chart, CM, CHART, GtkWidget)

typedef enum
{
  CM_CHART_PENCE,       /* money, shown as "£1,234.56" */
  CM_CHART_HUNDREDTHS,  /* averages, shown as "4.33" */
} CmChartUnit;

GtkWidget  *cm_chart_new                   (void);
const char *cm_chart_get_title             (CmChart             *self);
void        cm_chart_set_title             (CmChart             *self,
                                            const char          *title);
gboolean    cm_chart_get_highlight_overrun (CmChart             *self);
void        cm_chart_set_highlight_overrun (CmChart             *self,
                                            gboolean             highlight_overrun);
void        cm_chart_set_data              (CmChart             *self,
                                            guint                n_categories,
                                            const char * const  *categories,
                                            guint                n_series,
                                            const char * const  *series,
                                            const char * const  *colors,
                                            const gint64        *values);
void        cm_chart_set_unit              (CmChart             *self,
                                            CmChartUnit          unit,
                                            gint64               axis_max);
guint       cm_chart_get_n_categories      (CmChart             *self);
guint       cm_chart_get_n_series          (CmChart             *self);
gint64      cm_chart_get_value             (CmChart             *self,
                                            guint                series,
                                            guint                category);
char       *cm_chart_describe              (CmChart             *self);

void        cm_chart_lookup_color          (GtkWidget           *widget,
                                            const char          *name,
                                            const char          *fallback,
                                            GdkRGBA             *out_color);

G_END_DECLS
