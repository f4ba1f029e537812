/* cm-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *cm_format_count              (gint64         value);
void  cm_format_watch_date_entry    (GtkEditable   *editable);
void  cm_format_watch_money_entry   (GtkEditable   *editable);
void  cm_format_money_spin_button   (GtkSpinButton *spin);

G_END_DECLS
