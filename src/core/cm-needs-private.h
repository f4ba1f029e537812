/* cm-needs-private.h
 *
 * Shared between the cm-needs*.c modules; not for the GUI.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cm-needs.h"

G_BEGIN_DECLS

/* The upper bound of every money column of the schema. */
#define CM_NEEDS_MAX_PENCE G_GINT64_CONSTANT (100000000000)

/* Transactions that nest: a function that must be all-or-nothing opens
 * its own transaction when none is open, and a savepoint inside the
 * caller's otherwise. */
gboolean cm_needs_tx_begin              (CmDb        *db,
                                         gboolean    *out_own,
                                         GError     **error);
gboolean cm_needs_tx_commit             (CmDb        *db,
                                         gboolean     own,
                                         GError     **error);
void     cm_needs_tx_rollback           (CmDb        *db,
                                         gboolean     own);

/* The settings table: *out_value NULL when @key is absent. */
gboolean cm_needs_setting_get           (CmDb        *db,
                                         const char  *key,
                                         char       **out_value,
                                         GError     **error);
gboolean cm_needs_setting_set           (CmDb        *db,
                                         const char  *key,
                                         const char  *value,
                                         GError     **error);

/* Higher priority first; equal priorities compare equal. */
int      cm_needs_compare_priority_desc (gint64       num_a,
                                         gint64       den_a,
                                         gint64       num_b,
                                         gint64       den_b);

G_END_DECLS
