/* cm-money.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CM_MONEY_ERROR (cm_money_error_quark ())

typedef enum
{
  CM_MONEY_ERROR_INVALID,
  CM_MONEY_ERROR_OVERFLOW,
} CmMoneyError;

GQuark    cm_money_error_quark     (void);
gboolean  cm_money_parse           (const char  *text,
                                    gint64      *out_pence,
                                    GError     **error);
char     *cm_money_format          (gint64       pence);
gint64    cm_money_round_half_up   (gint64       numerator,
                                    gint64       denominator);

G_END_DECLS
