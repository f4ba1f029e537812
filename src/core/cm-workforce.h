/* cm-workforce.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cm-db.h"
#include "cm-organisation.h"
#include "cm-staff-group.h"

G_BEGIN_DECLS

GListStore *cm_workforce_list_organisations (CmDb     *db,
                                             GError  **error);
GListStore *cm_workforce_list_staff_groups  (CmDb     *db,
                                             GError  **error);
gboolean    cm_workforce_count_staff        (CmDb     *db,
                                             gint64   *out_groups,
                                             gint64   *out_headcount,
                                             GError  **error);

G_END_DECLS
