/* cm-fiscal.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CM_FISCAL_ERROR (cm_fiscal_error_quark ())

typedef enum
{
  CM_FISCAL_ERROR_INVALID_DATE,
} CmFiscalError;

GQuark    cm_fiscal_error_quark    (void);
gboolean  cm_fiscal_parse_date     (const char  *text,
                                    GDate       *out_date,
                                    GError     **error);
gboolean  cm_fiscal_parse_entered_date (const char  *text,
                                        GDate       *out_date,
                                        GError     **error);
char     *cm_fiscal_format_iso     (const GDate *date);
gboolean  cm_fiscal_today          (GDate       *out_today,
                                    GError     **error);
char     *cm_fiscal_format_date    (const GDate *date);
int       cm_fiscal_year_of        (const GDate *date);
int       cm_fiscal_quarter_of     (const GDate *date);
int       cm_fiscal_half_of        (const GDate *date);
char     *cm_fiscal_year_label     (int          year);
char     *cm_fiscal_quarter_label  (int          quarter);
char     *cm_fiscal_cycle_label    (int          year,
                                    int          half);
void      cm_fiscal_year_bounds    (int          year,
                                    GDate       *out_start,
                                    GDate       *out_end);
void      cm_fiscal_quarter_bounds (int          year,
                                    int          quarter,
                                    GDate       *out_start,
                                    GDate       *out_end);
void      cm_fiscal_cycle_bounds   (int          year,
                                    int          half,
                                    GDate       *out_start,
                                    GDate       *out_end);

G_END_DECLS
