/* cm-money.c
 *
 * Copyright 2024 The Commissioner authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-money"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-money.h"

/* "£" in UTF-8 */
#define POUND_SIGN "\xc2\xa3"
#define POUND_SIGN_LEN 2

/* |G_MININT64| as an unsigned value, the largest magnitude we can return. */
#define MAX_NEGATIVE_MAGNITUDE (((guint64) G_MAXINT64) + 1)

G_DEFINE_QUARK (cm-money-error-quark, cm_money_error)

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Appends a decimal digit to @value; FALSE if it would not fit. */
static gboolean
push_digit (guint64 *value,
            char     digit)
{
  guint d = (guint) (digit - '0');

  if (*value > (G_MAXUINT64 - d) / 10)
    return FALSE;

  *value = *value * 10 + d;
  return TRUE;
}

static void
set_invalid (GError     **error,
             const char  *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  if (*text == '\0')
    g_set_error_literal (error, CM_MONEY_ERROR, CM_MONEY_ERROR_INVALID,
                         _("No amount of money was given"));
  else
    g_set_error (error, CM_MONEY_ERROR, CM_MONEY_ERROR_INVALID,
                 _("“%s” is not an amount of money"), valid);
}

static void
set_overflow (GError     **error,
              const char  *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_set_error (error, CM_MONEY_ERROR, CM_MONEY_ERROR_OVERFLOW,
               _("“%s” is too large an amount of money"), valid);
}

/**
 * cm_money_parse:
 * @text: the text to read, UTF-8
 * @out_pence: (out) (optional): where to store the amount in pence
 * @error: return location for a #GError
 *
 * Reads an amount of money written the en_GB way, whatever the current
 * locale: an optional minus sign (before or after an optional "£"), digits
 * with optional thousands separators (commas, only in complete groups of
 * three), and an optional decimal point followed by one or two digits.
 * Leading and trailing blanks are ignored. A bare fraction such as ".5"
 * (50 pence) is accepted; "12." is not. Exponents, brackets for negatives,
 * a "+" sign and more than two decimal places are rejected.
 *
 * Examples: "1234.5" is 123450, "£1,234.56" is 123456, "-£12.00" and
 * "£-12.00" are -1200.
 *
 * Returns: %TRUE on success; on failure @out_pence is left untouched and
 * @error is set to %CM_MONEY_ERROR_INVALID or %CM_MONEY_ERROR_OVERFLOW.
 */
gboolean
cm_money_parse (const char  *text,
                gint64      *out_pence,
                GError     **error)
{
  const char *p;
  const char *end;
  gboolean negative = FALSE;
  gboolean have_pound = FALSE;
  gboolean have_integer = FALSE;
  gboolean overflow = FALSE;
  guint64 magnitude = 0;
  guint n_fraction = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  p = text;
  end = text + strlen (text);
  while (p < end && is_blank (*p))
    p++;
  while (end > p && is_blank (end[-1]))
    end--;

  /* Sign and currency symbol: "-", "-£", "£-" or "£", each at most once. */
  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (end - p >= POUND_SIGN_LEN && memcmp (p, POUND_SIGN, POUND_SIGN_LEN) == 0)
    {
      have_pound = TRUE;
      p += POUND_SIGN_LEN;
    }
  if (have_pound && !negative && p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }

  /* Whole pounds. A first group of one to three digits may be followed by
   * any number of ",ddd" groups; without commas any run of digits will do. */
  if (p < end && is_digit (*p))
    {
      guint group_len = 0;
      gboolean grouped = FALSE;

      have_integer = TRUE;

      while (p < end)
        {
          if (is_digit (*p))
            {
              if (!push_digit (&magnitude, *p))
                overflow = TRUE;
              group_len++;
              if (grouped && group_len > 3)
                goto invalid;
              p++;
            }
          else if (*p == ',')
            {
              if (grouped ? group_len != 3 : (group_len < 1 || group_len > 3))
                goto invalid;
              grouped = TRUE;
              group_len = 0;
              p++;
            }
          else
            break;
        }

      if (grouped && group_len != 3)
        goto invalid;
    }

  /* Pence: a point and one or two digits, padded to two. */
  if (p < end && *p == '.')
    {
      p++;
      while (p < end && is_digit (*p))
        {
          if (++n_fraction > 2)
            goto invalid;
          if (!push_digit (&magnitude, *p))
            overflow = TRUE;
          p++;
        }
      if (n_fraction == 0)
        goto invalid;
    }
  else if (!have_integer)
    goto invalid;

  if (p != end)
    goto invalid;

  for (; n_fraction < 2; n_fraction++)
    if (!push_digit (&magnitude, '0'))
      overflow = TRUE;

  if (overflow ||
      magnitude > (negative ? MAX_NEGATIVE_MAGNITUDE : (guint64) G_MAXINT64))
    {
      set_overflow (error, text);
      return FALSE;
    }

  if (out_pence != NULL)
    {
      if (negative && magnitude != 0)
        *out_pence = -(gint64) (magnitude - 1) - 1;
      else
        *out_pence = (gint64) magnitude;
    }

  return TRUE;

invalid:
  set_invalid (error, text);
  return FALSE;
}

/**
 * cm_money_format:
 * @pence: an amount in pence
 *
 * Formats an amount for display the en_GB way, independent of the current
 * locale: "£1,234.56", "£0.00", "-£12.00".
 *
 * Returns: (transfer full): a newly allocated string
 */
char *
cm_money_format (gint64 pence)
{
  /* "-£" + 19 digits + 6 commas + ".00" + NUL fits easily. */
  char buf[64];
  char *q = buf + sizeof buf;
  guint64 magnitude;
  guint64 pounds;
  guint n_digits = 0;

  /* Negate through unsigned arithmetic so G_MININT64 is well defined. */
  magnitude = pence < 0 ? (guint64) 0 - (guint64) pence : (guint64) pence;
  pounds = magnitude / 100;

  *--q = '\0';
  *--q = (char) ('0' + magnitude % 10);
  *--q = (char) ('0' + (magnitude / 10) % 10);
  *--q = '.';

  do
    {
      if (n_digits > 0 && n_digits % 3 == 0)
        *--q = ',';
      *--q = (char) ('0' + pounds % 10);
      pounds /= 10;
      n_digits++;
    }
  while (pounds > 0);

  q -= POUND_SIGN_LEN;
  memcpy (q, POUND_SIGN, POUND_SIGN_LEN);

  if (pence < 0)
    *--q = '-';

  return g_strdup (q);
}

/**
 * cm_money_round_half_up:
 * @numerator: the dividend
 * @denominator: the divisor, greater than zero
 *
 * Divides and rounds to the nearest integer, halves going up:
 * floor(numerator / denominator + 0.5) for a non-negative @numerator.
 * A negative @numerator is rounded symmetrically, half away from zero
 * (-5/2 gives -3), so that negating the input negates the result.
 *
 * The arithmetic is exact over the whole range of #gint64 and cannot
 * overflow.
 *
 * Returns: the rounded quotient, or 0 if @denominator is not positive
 */
gint64
cm_money_round_half_up (gint64 numerator,
                        gint64 denominator)
{
  guint64 magnitude;
  guint64 divisor;
  guint64 quotient;
  guint64 remainder;

  g_return_val_if_fail (denominator > 0, 0);

  magnitude = numerator < 0
    ? (guint64) 0 - (guint64) numerator
    : (guint64) numerator;
  divisor = (guint64) denominator;

  quotient = magnitude / divisor;
  remainder = magnitude % divisor;

  /* remainder / divisor >= 1/2, written without 2 * remainder overflowing. */
  if (remainder >= divisor - remainder)
    quotient++;

  /* With divisor >= 2 the quotient is at most 2^62 + 1; with divisor 1 it is
   * the magnitude itself, so both conversions below stay in range. */
  if (numerator < 0)
    return quotient == 0 ? 0 : -(gint64) (quotient - 1) - 1;

  return (gint64) quotient;
}
