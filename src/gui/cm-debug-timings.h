/* cm-debug-timings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void cm_debug_timings_attach (GtkApplication *app);

G_END_DECLS
