/* test-fiscal.c
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

#define G_LOG_DOMAIN "test-fiscal"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "cm-fiscal.h"

#define ACCEPT(text, y, m, d) { text, TRUE, y, m, d }
#define REJECT(text) { text, FALSE, 0, 0, 0 }

typedef struct
{
  const char *text;
  gboolean    ok;
  int         year;
  int         month;
  int         day;
} ParseCase;

static const ParseCase parse_cases[] = {
  /* Accepted */
  ACCEPT ("2010-04-01", 2010, 4, 1),
  ACCEPT ("01/04/2010", 2010, 4, 1),
  ACCEPT ("1/4/2010", 2010, 4, 1),
  ACCEPT ("01/4/2010", 2010, 4, 1),
  ACCEPT ("1/04/2010", 2010, 4, 1),
  ACCEPT ("31/03/2011", 2011, 3, 31),
  ACCEPT ("2011-03-31", 2011, 3, 31),
  ACCEPT ("12/11/2010", 2010, 11, 12),   /* day first */
  ACCEPT ("2012-02-29", 2012, 2, 29),
  ACCEPT ("29/02/2012", 2012, 2, 29),
  ACCEPT ("2000-02-29", 2000, 2, 29),    /* divisible by 400 */
  ACCEPT ("30/09/2010", 2010, 9, 30),
  ACCEPT ("1/10/2010", 2010, 10, 1),
  ACCEPT ("31/12/2010", 2010, 12, 31),
  ACCEPT ("2011-01-01", 2011, 1, 1),
  ACCEPT ("1900-01-01", 1900, 1, 1),
  ACCEPT ("9999-12-31", 9999, 12, 31),
  ACCEPT ("31/12/9999", 9999, 12, 31),
  ACCEPT ("  2010-04-01  ", 2010, 4, 1),
  ACCEPT ("\t1/4/2010\r\n", 2010, 4, 1),

  /* Rejected */
  REJECT ("31/02/2011"),
  REJECT ("2011-02-29"),                 /* not a leap year */
  REJECT ("29/02/2011"),
  REJECT ("1900-02-29"),                 /* centuries are not, mostly */
  REJECT ("2010-13-01"),
  REJECT ("2010-00-10"),
  REJECT ("2010-04-00"),
  REJECT ("2010-04-31"),
  REJECT ("2010-04-32"),
  REJECT ("00/01/2010"),
  REJECT ("32/01/2010"),
  REJECT ("01/13/2010"),
  REJECT ("01/00/2010"),
  REJECT ("31/04/2010"),
  REJECT ("2010-4-1"),                   /* ISO needs both digits */
  REJECT ("2010-4-01"),
  REJECT ("2010-04-1"),
  REJECT ("01-04-2010"),
  REJECT ("2010/04/01"),
  REJECT ("20100401"),
  REJECT ("01/04/10"),                   /* two-digit year */
  REJECT ("001/04/2010"),
  REJECT ("1/004/2010"),
  REJECT ("1/4/02010"),
  REJECT ("02010-04-01"),
  REJECT (""),
  REJECT ("   "),
  REJECT ("abc"),
  REJECT ("2010-04-01x"),
  REJECT ("2010-04-01T00:00"),
  REJECT ("01/04/2010 extra"),
  REJECT ("2010-04-01-"),
  REJECT ("+2010-04-01"),
  REJECT ("-1/4/2010"),
  REJECT ("1 / 4 / 2010"),
  REJECT ("1899-12-31"),
  REJECT ("31/12/1899"),
  REJECT ("0000-01-01"),
  REJECT ("10000-01-01"),
  REJECT ("2010\xe2\x88\x92" "04\xe2\x88\x92" "01"),   /* U+2212 minus */
  REJECT ("2010-04-01\xff"),
};

typedef struct
{
  int year;
  int month;
  int day;
  int fiscal_year;
  int quarter;
  int half;
} PeriodCase;

static const PeriodCase period_cases[] = {
  { 2010, 3, 31, 2009, 4, 2 },
  { 2010, 4, 1, 2010, 1, 1 },
  { 2010, 6, 30, 2010, 1, 1 },
  { 2010, 7, 1, 2010, 2, 1 },
  { 2010, 9, 30, 2010, 2, 1 },
  { 2010, 10, 1, 2010, 3, 2 },
  { 2010, 12, 31, 2010, 3, 2 },
  { 2011, 1, 1, 2010, 4, 2 },
  { 2011, 2, 28, 2010, 4, 2 },
  { 2011, 3, 31, 2010, 4, 2 },
  { 2011, 4, 1, 2011, 1, 1 },
  { 2012, 2, 29, 2011, 4, 2 },
  { 2000, 1, 1, 1999, 4, 2 },
  { 1999, 12, 31, 1999, 3, 2 },
  { 1900, 1, 1, 1899, 4, 2 },
  { 9999, 12, 31, 9999, 3, 2 },
};

static void
assert_date (const GDate *date,
             int          year,
             int          month,
             int          day)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpint (g_date_get_year (date), ==, year);
  g_assert_cmpint (g_date_get_month (date), ==, month);
  g_assert_cmpint (g_date_get_day (date), ==, day);
}

static void
test_parse_table (void)
{
  g_test_message ("LC_TIME is %s", setlocale (LC_TIME, NULL));

  for (gsize i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];
      g_autoptr(GError) error = NULL;
      GDate date;
      gboolean ok;

      g_date_clear (&date, 1);
      ok = cm_fiscal_parse_date (c->text, &date, &error);

      if (c->ok)
        {
          if (!ok)
            g_error ("“%s” was rejected: %s", c->text, error->message);
          g_assert_no_error (error);
          assert_date (&date, c->year, c->month, c->day);
        }
      else
        {
          if (ok)
            g_error ("“%s” was accepted", c->text);
          g_assert_error (error, CM_FISCAL_ERROR, CM_FISCAL_ERROR_INVALID_DATE);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          /* A failed parse leaves the output alone. */
          g_assert_false (g_date_valid (&date));
        }
    }
}

static void
test_parse_messages (void)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_assert_false (cm_fiscal_parse_date ("31/02/2011", NULL, &error));
  g_assert_error (error, CM_FISCAL_ERROR, CM_FISCAL_ERROR_INVALID_DATE);
  g_assert_cmpstr (error->message, ==,
                   "“31/02/2011” is not a valid date (use YYYY-MM-DD or DD/MM/YYYY)");
  g_clear_error (&error);

  g_assert_false (cm_fiscal_parse_date ("", NULL, &error));
  g_assert_error (error, CM_FISCAL_ERROR, CM_FISCAL_ERROR_INVALID_DATE);
  g_assert_cmpstr (error->message, ==,
                   "No date was given (use YYYY-MM-DD or DD/MM/YYYY)");
  g_clear_error (&error);

  /* An earlier date is not overwritten by a failed parse. */
  g_date_set_dmy (&date, 5, G_DATE_NOVEMBER, 2010);
  g_assert_false (cm_fiscal_parse_date ("2011-02-29", &date, NULL));
  assert_date (&date, 2010, 11, 5);

  g_assert_true (cm_fiscal_parse_date ("2010-04-01", NULL, NULL));
}

static void
test_format_iso (void)
{
  static const struct {
    int year, month, day;
    const char *text;
  } cases[] = {
    { 2010, 4, 1, "2010-04-01" },
    { 2011, 3, 31, "2011-03-31" },
    { 2012, 2, 29, "2012-02-29" },
    { 2010, 12, 9, "2010-12-09" },
    { 1900, 1, 1, "1900-01-01" },
    { 9999, 12, 31, "9999-12-31" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      GDate date, back;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) cases[i].day,
                      (GDateMonth) cases[i].month, (GDateYear) cases[i].year);
      text = cm_fiscal_format_iso (&date);
      g_assert_cmpstr (text, ==, cases[i].text);

      g_date_clear (&back, 1);
      g_assert_true (cm_fiscal_parse_date (text, &back, NULL));
      g_assert_cmpint (g_date_compare (&date, &back), ==, 0);
    }
}

/* The one way dates are shown, the same under de_DE as in C. */
static void
test_format_date (void)
{
  static const struct {
    int year, month, day;
    const char *text;
  } cases[] = {
    { 2010, 4, 1, "1 Apr 2010" },
    { 2010, 11, 15, "15 Nov 2010" },
    { 2011, 3, 31, "31 Mar 2011" },
    { 2012, 2, 29, "29 Feb 2012" },
    { 2010, 12, 9, "9 Dec 2010" },
    { 1900, 1, 1, "1 Jan 1900" },
  };
  g_autofree char *none = cm_fiscal_format_date (NULL);
  GDate invalid;

  g_assert_cmpstr (none, ==, "");
  g_date_clear (&invalid, 1);
  g_free (none);
  none = cm_fiscal_format_date (&invalid);
  g_assert_cmpstr (none, ==, "");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      GDate date, back;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) cases[i].day,
                      (GDateMonth) cases[i].month, (GDateYear) cases[i].year);
      text = cm_fiscal_format_date (&date);
      g_assert_cmpstr (text, ==, cases[i].text);

      /* What is shown can be typed back. */
      g_date_clear (&back, 1);
      g_assert_true (cm_fiscal_parse_entered_date (text, &back, NULL));
      g_assert_cmpint (g_date_compare (&date, &back), ==, 0);
    }
}

/* Typed into the app: the CSV forms and the shown form. */
static void
test_parse_entered (void)
{
  static const struct {
    const char *text;
    int year, month, day;   /* 0: refused */
  } cases[] = {
    { "15 Nov 2010", 2010, 11, 15 },
    { "  1 apr 2010 ", 2010, 4, 1 },
    { "01 APR 2010", 2010, 4, 1 },
    { "15 November 2010", 2010, 11, 15 },
    { "29 Feb 2012", 2012, 2, 29 },
    { "2010-11-15", 2010, 11, 15 },
    { "15/11/2010", 2010, 11, 15 },
    { "1/4/2010", 2010, 4, 1 },
    { "29 Feb 2011", 0, 0, 0 },
    { "32 Jan 2010", 0, 0, 0 },
    { "15 Nov 10", 0, 0, 0 },
    { "15 Novem 2010", 0, 0, 0 },
    { "15Nov2010", 0, 0, 0 },
    { "Nov 15 2010", 0, 0, 0 },
    { "15 Nov 2010 x", 0, 0, 0 },
    { "0 Nov 2010", 0, 0, 0 },
    { "15 Nov 1899", 0, 0, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_date_clear (&date, 1);
      if (cases[i].year == 0)
        {
          g_assert_false (cm_fiscal_parse_entered_date (cases[i].text, &date, &error));
          g_assert_error (error, CM_FISCAL_ERROR, CM_FISCAL_ERROR_INVALID_DATE);
          g_assert_false (g_date_valid (&date));
          continue;
        }

      g_assert_true (cm_fiscal_parse_entered_date (cases[i].text, &date, &error));
      g_assert_no_error (error);
      assert_date (&date, cases[i].year, cases[i].month, cases[i].day);
    }

  /* The message names what was typed and the forms that work. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (cm_fiscal_parse_entered_date (" 31 Sept 2010 ", NULL, &error));
    g_assert_cmpstr (error->message, ==,
                     "“31 Sept 2010” is not a valid date (use 15 Nov 2010, 2010-11-15 or 15/11/2010)");
    g_clear_error (&error);
    g_assert_false (cm_fiscal_parse_entered_date ("  ", NULL, &error));
    g_assert_cmpstr (error->message, ==, "No date was given (use 15 Nov 2010, 2010-11-15 or 15/11/2010)");
  }
}

static void
test_periods (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (period_cases); i++)
    {
      const PeriodCase *c = &period_cases[i];
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) c->day, (GDateMonth) c->month,
                      (GDateYear) c->year);
      g_assert_cmpint (cm_fiscal_year_of (&date), ==, c->fiscal_year);
      g_assert_cmpint (cm_fiscal_quarter_of (&date), ==, c->quarter);
      g_assert_cmpint (cm_fiscal_half_of (&date), ==, c->half);
    }
}

static void
test_labels (void)
{
  static const struct {
    int year;
    const char *text;
  } years[] = {
    { 2010, "2010/11" },
    { 2009, "2009/10" },
    { 1999, "1999/00" },
    { 2000, "2000/01" },
    { 2099, "2099/00" },
    { 1900, "1900/01" },
    { 9999, "9999/00" },
  };
  static const struct {
    int year, half;
    const char *text;
  } cycles[] = {
    { 2010, 1, "2010/11 H1" },
    { 2010, 2, "2010/11 H2" },
    { 1999, 2, "1999/00 H2" },
    { 2099, 1, "2099/00 H1" },
  };
  static const char * const quarters[] = { "Q1", "Q2", "Q3", "Q4" };

  for (gsize i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autofree char *text = cm_fiscal_year_label (years[i].year);
      g_assert_cmpstr (text, ==, years[i].text);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (cycles); i++)
    {
      g_autofree char *text = cm_fiscal_cycle_label (cycles[i].year, cycles[i].half);
      g_assert_cmpstr (text, ==, cycles[i].text);
    }

  for (int q = 1; q <= 4; q++)
    {
      g_autofree char *text = cm_fiscal_quarter_label (q);
      g_assert_cmpstr (text, ==, quarters[q - 1]);
    }
}

static void
test_bounds (void)
{
  static const struct {
    int quarter;
    int start_year, start_month, start_day;
    int end_year, end_month, end_day;
  } quarters[] = {
    { 1, 2010, 4, 1, 2010, 6, 30 },
    { 2, 2010, 7, 1, 2010, 9, 30 },
    { 3, 2010, 10, 1, 2010, 12, 31 },
    { 4, 2011, 1, 1, 2011, 3, 31 },
  };
  GDate start, end;

  g_date_clear (&start, 1);
  g_date_clear (&end, 1);

  cm_fiscal_year_bounds (2010, &start, &end);
  assert_date (&start, 2010, 4, 1);
  assert_date (&end, 2011, 3, 31);

  cm_fiscal_year_bounds (1999, &start, &end);
  assert_date (&start, 1999, 4, 1);
  assert_date (&end, 2000, 3, 31);

  cm_fiscal_cycle_bounds (2010, 1, &start, &end);
  assert_date (&start, 2010, 4, 1);
  assert_date (&end, 2010, 9, 30);

  cm_fiscal_cycle_bounds (2010, 2, &start, &end);
  assert_date (&start, 2010, 10, 1);
  assert_date (&end, 2011, 3, 31);

  for (gsize i = 0; i < G_N_ELEMENTS (quarters); i++)
    {
      cm_fiscal_quarter_bounds (2010, quarters[i].quarter, &start, &end);
      assert_date (&start, quarters[i].start_year, quarters[i].start_month,
                   quarters[i].start_day);
      assert_date (&end, quarters[i].end_year, quarters[i].end_month,
                   quarters[i].end_day);
    }

  /* Either output may be omitted. */
  g_date_clear (&end, 1);
  cm_fiscal_year_bounds (2011, &start, NULL);
  assert_date (&start, 2011, 4, 1);
  g_assert_false (g_date_valid (&end));
  cm_fiscal_cycle_bounds (2011, 2, NULL, &end);
  assert_date (&end, 2012, 3, 31);
}

/* Walk every day of 2000–2030 and check that the period functions and the
 * bounds functions agree, and that periods change exactly on their edges. */
static void
test_consistency (void)
{
  GDate date, last, start, end;
  int previous_quarter = 4;

  g_date_clear (&date, 1);
  g_date_clear (&last, 1);
  g_date_clear (&start, 1);
  g_date_clear (&end, 1);
  g_date_set_dmy (&date, 1, G_DATE_APRIL, 2000);
  g_date_set_dmy (&last, 31, G_DATE_MARCH, 2031);

  for (; g_date_compare (&date, &last) <= 0; g_date_add_days (&date, 1))
    {
      int year = cm_fiscal_year_of (&date);
      int quarter = cm_fiscal_quarter_of (&date);
      int half = cm_fiscal_half_of (&date);

      g_assert_cmpint (half, ==, quarter <= 2 ? 1 : 2);

      cm_fiscal_year_bounds (year, &start, &end);
      g_assert_cmpint (g_date_compare (&start, &date), <=, 0);
      g_assert_cmpint (g_date_compare (&date, &end), <=, 0);

      cm_fiscal_quarter_bounds (year, quarter, &start, &end);
      g_assert_cmpint (g_date_compare (&start, &date), <=, 0);
      g_assert_cmpint (g_date_compare (&date, &end), <=, 0);
      if (quarter != previous_quarter)
        {
          g_assert_cmpint (quarter, ==, previous_quarter % 4 + 1);
          g_assert_cmpint (g_date_compare (&start, &date), ==, 0);
        }

      cm_fiscal_cycle_bounds (year, half, &start, &end);
      g_assert_cmpint (g_date_compare (&start, &date), <=, 0);
      g_assert_cmpint (g_date_compare (&date, &end), <=, 0);

      previous_quarter = quarter;
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/fiscal/parse/table", test_parse_table);
  g_test_add_func ("/fiscal/parse/messages", test_parse_messages);
  g_test_add_func ("/fiscal/format-iso", test_format_iso);
  g_test_add_func ("/fiscal/format-date", test_format_date);
  g_test_add_func ("/fiscal/parse-entered", test_parse_entered);
  g_test_add_func ("/fiscal/periods", test_periods);
  g_test_add_func ("/fiscal/labels", test_labels);
  g_test_add_func ("/fiscal/bounds", test_bounds);
  g_test_add_func ("/fiscal/consistency", test_consistency);

  return g_test_run ();
}
