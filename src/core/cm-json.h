/* cm-json.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Small helpers for writing JSON by hand (the command line's --json). */

/* Appends @text as a JSON string literal, quotes included; NULL is `null`. */
void  cm_json_append_string (GString     *out,
                             const char  *text);
/* Appends `"key":` with @key escaped. */
void  cm_json_append_key    (GString     *out,
                             const char  *key);
/* Appends a whole number. */
void  cm_json_append_int    (GString     *out,
                             gint64       value);

G_END_DECLS
