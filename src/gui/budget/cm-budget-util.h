/* cm-budget-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean  cm_budget_parse_percent   (const char   *text,
                                     int          *out_bp);
void      cm_budget_today           (GDate        *out_date);

G_END_DECLS
