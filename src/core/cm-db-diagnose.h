/* cm-db-diagnose.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GError *cm_db_diagnose_file           (const char *path);
char   *cm_db_describe_read_only      (const char *path);
void    cm_db_restrict_mode           (const char *path);

G_END_DECLS
