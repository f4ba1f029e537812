/* cm-retention.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cm-db.h"

G_BEGIN_DECLS

/*
 * How long learners' names and emails are kept (docs/figures.md,
 * "Retention of personal details"): a setting stored with the data, off
 * unless chosen, and the erasing it asks for.
 */

/* Settings table key. */
#define CM_RETENTION_SETTING "learner_retention_years"

/* The years that may be chosen, 0 (off) first, NULL-terminated. */
const int *cm_retention_choices   (guint         *out_n_choices);
int        cm_retention_get_years (CmDb          *db,
                                   GError       **error);
gboolean   cm_retention_set_years (CmDb          *db,
                                   int            years,
                                   const GDate   *today,
                                   gint64        *out_n_erased,
                                   GError       **error);
gboolean   cm_retention_apply     (CmDb          *db,
                                   const GDate   *today,
                                   gint64        *out_n_erased,
                                   GError       **error);

char      *cm_retention_format_erased (gint64 n_erased);

G_END_DECLS
