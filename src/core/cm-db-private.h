/* cm-db-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cm-db.h"

G_BEGIN_DECLS

/* For tests: open and migrate no further than @target_version. */
CmDb *cm_db_open_at_version (const char  *path,
                             int          target_version,
                             GError     **error);

G_END_DECLS
