/* cm-search-drop-down.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void         cm_search_drop_down_set_labels       (GtkDropDown   *drop_down,
                                                   GtkStringList *labels);
GtkEditable *cm_search_drop_down_get_search_entry (GtkDropDown   *drop_down);
GListModel  *cm_search_drop_down_get_matches      (GtkDropDown   *drop_down);

G_END_DECLS
