/* cm-catalogue.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cm-db.h"

G_BEGIN_DECLS

guint    cm_catalogue_get_n_entries (void);
gboolean cm_catalogue_install       (CmDb    *db,
                                     GError **error);

G_END_DECLS
