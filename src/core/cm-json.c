/* cm-json.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-json"

#include "config.h"

#include "cm-json.h"

/**
 * cm_json_append_string:
 * @out: the JSON being written
 * @text: (nullable): UTF-8 text
 *
 * Escapes the quote, the backslash and every control character (as
 * \uXXXX or their short forms); other characters, UTF-8 included, are
 * written as they are, which JSON allows.
 */
void
cm_json_append_string (GString    *out,
                       const char *text)
{
  g_return_if_fail (out != NULL);

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    {
      const unsigned char *run = p;

      /* Copy runs that need no escape in one go. */
      while (*p >= 0x20 && *p != 0x7f && *p != '"' && *p != '\\')
        p++;
      if (p > run)
        g_string_append_len (out, (const char *) run, p - run);
      if (*p == '\0')
        break;

      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", (guint) *p);
          else
            g_string_append_c (out, (char) *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/**
 * cm_json_append_key:
 * @out: the JSON being written
 * @key: an object member's name
 *
 * Appends `"key":`.
 */
void
cm_json_append_key (GString    *out,
                    const char *key)
{
  g_return_if_fail (out != NULL && key != NULL);

  cm_json_append_string (out, key);
  g_string_append_c (out, ':');
}

/**
 * cm_json_append_int:
 * @out: the JSON being written
 * @value: a whole number
 *
 * Appends @value in decimal, the same in every locale.
 */
void
cm_json_append_int (GString *out,
                    gint64   value)
{
  char digits[24];
  char *end = digits + sizeof digits;
  char *p = end;
  guint64 magnitude;

  g_return_if_fail (out != NULL);

  /* Written by hand: a county's needs print 500,000 numbers, and the
   * C library's formatting is most of what that costs. */
  magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';

  g_string_append_len (out, p, end - p);
}
