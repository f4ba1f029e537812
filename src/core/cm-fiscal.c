/* cm-fiscal.c
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

#define G_LOG_DOMAIN "cm-fiscal"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-fiscal.h"

#define MIN_YEAR 1900
#define MAX_YEAR 9999

/* GDate stores years as guint16 and a financial year ends in year + 1. */
#define VALID_FISCAL_YEAR(y) ((y) >= 1 && (y) < G_MAXUINT16)

G_DEFINE_QUARK (cm-fiscal-error-quark, cm_fiscal_error)

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

/* Reads between @min and @max digits from *@p (stopping at @end) into
 * @out and advances *@p. At most four digits, so no overflow. */
static gboolean
read_number (const char **p,
             const char  *end,
             guint        min,
             guint        max,
             int         *out)
{
  const char *q = *p;
  int value = 0;
  guint n = 0;

  while (q < end && is_digit (*q) && n < max)
    {
      value = value * 10 + (*q - '0');
      q++;
      n++;
    }

  /* More digits than allowed is an error, not the start of the next field. */
  if (n < min || (q < end && is_digit (*q)))
    return FALSE;

  *p = q;
  *out = value;
  return TRUE;
}

static gboolean
expect (const char **p,
        const char  *end,
        char         c)
{
  if (*p >= end || **p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

/**
 * cm_fiscal_parse_date:
 * @text: the text to read
 * @out_date: (out) (optional): where to store the date
 * @error: return location for a #GError
 *
 * Reads a date in one of two forms, whatever the current locale: ISO 8601
 * "YYYY-MM-DD" with exactly four, two and two digits ("2010-4-1" is
 * rejected), or UK day-first "DD/MM/YYYY" where day and month may have one
 * or two digits ("1/4/2010") and the year has four. Leading and trailing
 * blanks are ignored; anything else around the date is an error. The date
 * must exist in the calendar and its year be within 1900–9999.
 *
 * Returns: %TRUE on success; on failure @out_date is left untouched and
 * @error is set to %CM_FISCAL_ERROR_INVALID_DATE.
 */
gboolean
cm_fiscal_parse_date (const char  *text,
                      GDate       *out_date,
                      GError     **error)
{
  const char *p;
  const char *end;
  int year = 0;
  int month = 0;
  int day = 0;
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  p = text;
  end = text + strlen (text);
  while (p < end && is_blank (*p))
    p++;
  while (end > p && is_blank (end[-1]))
    end--;

  if (p == end)
    {
      g_set_error_literal (error, CM_FISCAL_ERROR, CM_FISCAL_ERROR_INVALID_DATE,
                           _("No date was given (use YYYY-MM-DD or DD/MM/YYYY)"));
      return FALSE;
    }

  /* The fourth character tells the two forms apart: a digit only in ISO. */
  if (end - p >= 4 && is_digit (p[0]) && is_digit (p[1]) &&
      is_digit (p[2]) && is_digit (p[3]))
    ok = read_number (&p, end, 4, 4, &year) &&
         expect (&p, end, '-') &&
         read_number (&p, end, 2, 2, &month) &&
         expect (&p, end, '-') &&
         read_number (&p, end, 2, 2, &day);
  else
    ok = read_number (&p, end, 1, 2, &day) &&
         expect (&p, end, '/') &&
         read_number (&p, end, 1, 2, &month) &&
         expect (&p, end, '/') &&
         read_number (&p, end, 4, 4, &year);

  ok = ok && p == end &&
       year >= MIN_YEAR && year <= MAX_YEAR &&
       month >= 1 && month <= 12 &&
       day >= 1 &&
       g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);

  if (!ok)
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      g_set_error (error, CM_FISCAL_ERROR, CM_FISCAL_ERROR_INVALID_DATE,
                   _("“%s” is not a valid date (use YYYY-MM-DD or DD/MM/YYYY)"),
                   valid);
      return FALSE;
    }

  if (out_date != NULL)
    g_date_set_dmy (out_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return TRUE;
}

/**
 * cm_fiscal_format_iso:
 * @date: a valid date
 *
 * Returns: (transfer full): the date as "YYYY-MM-DD"
 */
char *
cm_fiscal_format_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/* The same in every language, as money is (docs/figures.md, "Dates and periods"). */
static const char * const month_abbrevs[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};

/**
 * cm_fiscal_format_date:
 * @date: (nullable): a date
 *
 * The one way dates are shown to people, whatever the language of the
 * desktop: the day without a leading zero, the abbreviated month and the
 * year, "1 Apr 2010", "15 Nov 2010".
 *
 * Returns: (transfer full): the date as shown, or "" for no valid date
 */
char *
cm_fiscal_format_date (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");

  return g_strdup_printf ("%u %s %04u",
                          (guint) g_date_get_day (date),
                          month_abbrevs[g_date_get_month (date) - 1],
                          (guint) g_date_get_year (date));
}

/* "Nov" or "November", in any case; 0 when @name is neither. */
static int
month_from_name (const char *name,
                 gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    {
      if ((len == 3 && g_ascii_strncasecmp (name, month_abbrevs[i], 3) == 0) ||
          (len == strlen (month_names[i]) && g_ascii_strncasecmp (name, month_names[i], len) == 0))
        return (int) i + 1;
    }

  return 0;
}

/* "15 Nov 2010": day (one or two digits), month name, four-digit year,
 * separated by blanks. */
static gboolean
parse_shown_date (const char *text,
                  GDate      *out_date)
{
  const char *p = text;
  const char *end = text + strlen (text);
  const char *name;
  int day = 0, month, year = 0;

  while (p < end && is_blank (*p))
    p++;
  while (end > p && is_blank (end[-1]))
    end--;

  if (!read_number (&p, end, 1, 2, &day) || p >= end || !is_blank (*p))
    return FALSE;
  while (p < end && is_blank (*p))
    p++;

  name = p;
  while (p < end && g_ascii_isalpha (*p))
    p++;
  if ((month = month_from_name (name, p - name)) == 0 || p >= end || !is_blank (*p))
    return FALSE;
  while (p < end && is_blank (*p))
    p++;

  if (!read_number (&p, end, 4, 4, &year) || p != end ||
      year < MIN_YEAR || year > MAX_YEAR || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  if (out_date != NULL)
    g_date_set_dmy (out_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/**
 * cm_fiscal_parse_entered_date:
 * @text: what was typed
 * @out_date: (out) (optional): where to store the date
 * @error: return location for a #GError
 *
 * Reads a date typed into the app: the two forms of
 * cm_fiscal_parse_date() ("2010-11-15", "15/11/2010") or the form dates
 * are shown in, "15 Nov 2010" (the month's abbreviation or full name, in
 * any case).
 *
 * Returns: %TRUE on success; on failure @out_date is left untouched and
 * @error is set to %CM_FISCAL_ERROR_INVALID_DATE.
 */
gboolean
cm_fiscal_parse_entered_date (const char  *text,
                              GDate       *out_date,
                              GError     **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (parse_shown_date (text, out_date) || cm_fiscal_parse_date (text, out_date, NULL))
    return TRUE;

  trimmed = g_strstrip (g_utf8_make_valid (text, -1));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, CM_FISCAL_ERROR, CM_FISCAL_ERROR_INVALID_DATE,
                           _("No date was given (use 15 Nov 2010, 2010-11-15 or 15/11/2010)"));
    }
  else
    g_set_error (error, CM_FISCAL_ERROR, CM_FISCAL_ERROR_INVALID_DATE,
                 _("“%s” is not a valid date (use 15 Nov 2010, 2010-11-15 or 15/11/2010)"),
                 trimmed);

  return FALSE;
}

/**
 * cm_fiscal_year_of:
 * @date: a valid date
 *
 * Returns: the financial year containing @date, named after the calendar
 *   year it starts in (1 April 2010 – 31 March 2011 is 2010)
 */
int
cm_fiscal_year_of (const GDate *date)
{
  int year;

  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  year = (int) g_date_get_year (date);
  return g_date_get_month (date) >= G_DATE_APRIL ? year : year - 1;
}

/**
 * cm_fiscal_quarter_of:
 * @date: a valid date
 *
 * Returns: the quarter of the financial year containing @date: 1 for
 *   April–June, 2 for July–September, 3 for October–December, 4 for
 *   January–March
 */
int
cm_fiscal_quarter_of (const GDate *date)
{
  int month;

  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  month = (int) g_date_get_month (date);
  return ((month + 12 - G_DATE_APRIL) % 12) / 3 + 1;
}

/**
 * cm_fiscal_half_of:
 * @date: a valid date
 *
 * Returns: the half of the financial year containing @date: 1 for
 *   April–September, 2 for October–March
 */
int
cm_fiscal_half_of (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  return cm_fiscal_quarter_of (date) <= 2 ? 1 : 2;
}

/**
 * cm_fiscal_year_label:
 * @year: a financial year
 *
 * The label is an identifier used in exports and the command line, so it
 * is the same in every locale.
 *
 * Returns: (transfer full): the year as shown, e.g. "2010/11", "1999/00"
 */
char *
cm_fiscal_year_label (int year)
{
  g_return_val_if_fail (VALID_FISCAL_YEAR (year), NULL);

  return g_strdup_printf ("%d/%02d", year, (year + 1) % 100);
}

/**
 * cm_fiscal_quarter_label:
 * @quarter: 1 to 4
 *
 * Returns: (transfer full): "Q1" to "Q4", the same in every locale
 */
char *
cm_fiscal_quarter_label (int quarter)
{
  g_return_val_if_fail (quarter >= 1 && quarter <= 4, NULL);

  return g_strdup_printf ("Q%d", quarter);
}

/**
 * cm_fiscal_cycle_label:
 * @year: a financial year
 * @half: 1 or 2
 *
 * Returns: (transfer full): the training cycle as shown, e.g. "2010/11 H2",
 *   the same in every locale
 */
char *
cm_fiscal_cycle_label (int year,
                       int half)
{
  g_autofree char *year_label = NULL;

  g_return_val_if_fail (VALID_FISCAL_YEAR (year), NULL);
  g_return_val_if_fail (half == 1 || half == 2, NULL);

  year_label = cm_fiscal_year_label (year);
  return g_strdup_printf ("%s H%d", year_label, half);
}

/**
 * cm_fiscal_year_bounds:
 * @year: a financial year
 * @out_start: (out) (optional): set to 1 April of @year
 * @out_end: (out) (optional): set to 31 March of @year + 1
 *
 * Fills in the first and last day of a financial year, both inclusive.
 */
void
cm_fiscal_year_bounds (int    year,
                       GDate *out_start,
                       GDate *out_end)
{
  g_return_if_fail (VALID_FISCAL_YEAR (year));

  if (out_start != NULL)
    g_date_set_dmy (out_start, 1, G_DATE_APRIL, (GDateYear) year);
  if (out_end != NULL)
    g_date_set_dmy (out_end, 31, G_DATE_MARCH, (GDateYear) (year + 1));
}

/**
 * cm_fiscal_quarter_bounds:
 * @year: a financial year
 * @quarter: 1 to 4
 * @out_start: (out) (optional): set to the first day of the quarter
 * @out_end: (out) (optional): set to the last day of the quarter
 *
 * Fills in the first and last day of a quarter, both inclusive; quarter 4
 * of 2010 is 1 January – 31 March 2011.
 */
void
cm_fiscal_quarter_bounds (int    year,
                          int    quarter,
                          GDate *out_start,
                          GDate *out_end)
{
  static const guint8 last_day[] = { 30, 30, 31, 31 };
  int first_month;
  int calendar_year;

  g_return_if_fail (VALID_FISCAL_YEAR (year));
  g_return_if_fail (quarter >= 1 && quarter <= 4);

  /* Q1 starts in April (4), Q4 in January (1) of the next year. */
  first_month = (quarter * 3) % 12 + 1;
  calendar_year = quarter == 4 ? year + 1 : year;

  if (out_start != NULL)
    g_date_set_dmy (out_start, 1, (GDateMonth) first_month,
                    (GDateYear) calendar_year);
  if (out_end != NULL)
    g_date_set_dmy (out_end, last_day[quarter - 1],
                    (GDateMonth) (first_month + 2),
                    (GDateYear) calendar_year);
}

/**
 * cm_fiscal_cycle_bounds:
 * @year: a financial year
 * @half: 1 or 2
 * @out_start: (out) (optional): set to the first day of the cycle
 * @out_end: (out) (optional): set to the last day of the cycle
 *
 * Fills in the first and last day of a training cycle, both inclusive:
 * half 1 of 2010 is 1 April – 30 September 2010, half 2 is 1 October 2010 –
 * 31 March 2011.
 */
void
cm_fiscal_cycle_bounds (int    year,
                        int    half,
                        GDate *out_start,
                        GDate *out_end)
{
  g_return_if_fail (VALID_FISCAL_YEAR (year));
  g_return_if_fail (half == 1 || half == 2);

  cm_fiscal_quarter_bounds (year, half == 1 ? 1 : 3, out_start, NULL);
  cm_fiscal_quarter_bounds (year, half == 1 ? 2 : 4, NULL, out_end);
}

/**
 * cm_fiscal_today:
 * @out_today: (out): set to today's local date
 * @error: return location for a #GError
 *
 * Today, unless COMMISSIONER_TODAY=YYYY-MM-DD fixes the date, so that
 * reports and what is judged against today can be reproduced.
 *
 * Returns: %FALSE, with @out_today still set to today's local date, if
 *   COMMISSIONER_TODAY is set but is not a date
 */
gboolean
cm_fiscal_today (GDate   *out_today,
                 GError **error)
{
  const char *fixed = g_getenv ("COMMISSIONER_TODAY");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate parsed;

  g_date_clear (out_today, 1);
  g_date_set_dmy (out_today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));

  if (fixed == NULL || *fixed == '\0')
    return TRUE;

  g_date_clear (&parsed, 1);
  if (!cm_fiscal_parse_date (fixed, &parsed, error))
    return FALSE;

  *out_today = parsed;
  return TRUE;
}
