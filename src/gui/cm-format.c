/* cm-format.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <string.h>

#include "cm-format.h"

/**
 * cm_format_count:
 * @value: a whole number, such as a headcount
 *
 * Groups thousands with commas, as money is shown (en_GB), whatever the
 * C library's locale: "1,902".
 *
 * Returns: (transfer full): the number as shown
 */
char *
cm_format_count (gint64 value)
{
  g_autofree char *digits = NULL;
  GString *str;
  gsize len;
  guint64 magnitude;

  magnitude = value < 0 ? (guint64) -(value + 1) + 1 : (guint64) value;
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);
  len = strlen (digits);
  str = g_string_new (value < 0 ? "-" : NULL);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (str, ',');
      g_string_append_c (str, digits[i]);
    }

  return g_string_free (str, FALSE);
}
