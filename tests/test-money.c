/* test-money.c
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

#define G_LOG_DOMAIN "test-money"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "cm-money.h"

#define ACCEPT(text, pence) { text, TRUE, pence, 0 }
#define REJECT(text, code) { text, FALSE, 0, CM_MONEY_ERROR_##code }

typedef struct
{
  const char   *text;
  gboolean      ok;
  gint64        pence;
  CmMoneyError  code;
} ParseCase;

static const ParseCase parse_cases[] = {
  /* Accepted */
  ACCEPT ("1234.5", 123450),
  ACCEPT ("1234", 123400),
  ACCEPT ("£1,234.56", 123456),
  ACCEPT ("-12.00", -1200),
  ACCEPT ("-£12.00", -1200),
  ACCEPT ("£-12.00", -1200),
  ACCEPT ("0.05", 5),
  ACCEPT (".5", 50),
  ACCEPT ("-.5", -50),
  ACCEPT ("£.05", 5),
  ACCEPT ("  £12.34  ", 1234),
  ACCEPT ("\t7\r\n", 700),
  ACCEPT ("1,234,567.89", 123456789),
  ACCEPT ("1,000", 100000),
  ACCEPT ("999,999.99", 99999999),
  ACCEPT ("0", 0),
  ACCEPT ("-0.00", 0),
  ACCEPT ("£0.00", 0),
  ACCEPT ("12.3", 1230),
  ACCEPT ("£0.01", 1),
  ACCEPT ("007.10", 710),
  ACCEPT ("1234567", 123456700),
  ACCEPT ("92233720368547758.07", G_MAXINT64),
  ACCEPT ("£92,233,720,368,547,758.07", G_MAXINT64),
  ACCEPT ("-92233720368547758.08", G_MININT64),
  ACCEPT ("-£92,233,720,368,547,758.08", G_MININT64),

  /* Rejected as not money */
  REJECT ("abc", INVALID),
  REJECT ("", INVALID),
  REJECT ("   ", INVALID),
  REJECT ("£", INVALID),
  REJECT ("-", INVALID),
  REJECT ("-£", INVALID),
  REJECT ("1.2.3", INVALID),
  REJECT ("--1", INVALID),
  REJECT ("-£-1", INVALID),
  REJECT ("£-£1", INVALID),
  REJECT ("££1", INVALID),
  REJECT ("1e5", INVALID),
  REJECT ("1,23", INVALID),
  REJECT ("12,34.00", INVALID),
  REJECT ("1234,567", INVALID),
  REJECT ("1,2345", INVALID),
  REJECT (",123", INVALID),
  REJECT ("1,234,", INVALID),
  REJECT ("1,,234", INVALID),
  REJECT ("12.345", INVALID),
  REJECT ("12.", INVALID),
  REJECT (".", INVALID),
  REJECT ("(12.00)", INVALID),
  REJECT ("+12", INVALID),
  REJECT ("£ 12", INVALID),
  REJECT ("12 345", INVALID),
  REJECT ("12£", INVALID),
  REJECT ("12,00", INVALID),        /* decimal comma */
  REJECT ("1.234,56", INVALID),     /* German grouping */
  REJECT ("0x10", INVALID),
  REJECT ("1.5.", INVALID),
  REJECT ("12\xc2", INVALID),       /* half a pound sign */
  REJECT ("\xc2\xa3" "12\xff", INVALID),
  REJECT ("99999999999999999999999.999", INVALID),

  /* Rejected as too large */
  REJECT ("92233720368547758.08", OVERFLOW),
  REJECT ("-92233720368547758.09", OVERFLOW),
  REJECT ("92233720368547759", OVERFLOW),
  REJECT ("£1,000,000,000,000,000,000.00", OVERFLOW),
  REJECT ("99999999999999999999999999999", OVERFLOW),
  REJECT ("-184467440737095516.16", OVERFLOW),
};

typedef struct
{
  gint64      pence;
  const char *text;
} FormatCase;

static const FormatCase format_cases[] = {
  { 0, "£0.00" },
  { 1, "£0.01" },
  { 10, "£0.10" },
  { 99, "£0.99" },
  { 100, "£1.00" },
  { 99999, "£999.99" },
  { 100000, "£1,000.00" },
  { 123456, "£1,234.56" },
  { 12345678, "£123,456.78" },
  { 100000000, "£1,000,000.00" },
  { -5, "-£0.05" },
  { -1200, "-£12.00" },
  { -123456789, "-£1,234,567.89" },
  { G_MAXINT64, "£92,233,720,368,547,758.07" },
  { G_MININT64, "-£92,233,720,368,547,758.08" },
  { G_MININT64 + 1, "-£92,233,720,368,547,758.07" },
};

typedef struct
{
  gint64 numerator;
  gint64 denominator;
  gint64 expected;
} RoundCase;

static const RoundCase round_cases[] = {
  { 0, 1, 0 },
  { 0, 7, 0 },
  { 4, 2, 2 },
  { 5, 2, 3 },
  { 3, 2, 2 },
  { 1, 2, 1 },
  { 1, 3, 0 },
  { 2, 3, 1 },
  { 149, 100, 1 },
  { 150, 100, 2 },
  { 151, 100, 2 },
  { 249, 100, 2 },
  { 250, 100, 3 },
  { 407385, 100, 4074 },           /* £123.45 * 33 % */
  { 1234500, 100, 12345 },
  { -5, 2, -3 },                  /* half away from zero */
  { -3, 2, -2 },
  { -1, 2, -1 },
  { -1, 3, 0 },
  { -2, 3, -1 },
  { -149, 100, -1 },
  { -150, 100, -2 },
  { -151, 100, -2 },
  { G_MAXINT64, 1, G_MAXINT64 },
  { G_MAXINT64, 2, G_GINT64_CONSTANT (4611686018427387904) },
  { G_MAXINT64, G_MAXINT64, 1 },
  { G_MAXINT64 - 1, G_MAXINT64, 1 },
  { G_GINT64_CONSTANT (4611686018427387903), G_MAXINT64, 0 },
  { G_GINT64_CONSTANT (4611686018427387904), G_MAXINT64, 1 },
  { 1, G_MAXINT64, 0 },
  { G_MININT64, 1, G_MININT64 },
  { G_MININT64, 2, G_GINT64_CONSTANT (-4611686018427387904) },
  { G_MININT64, G_MAXINT64, -1 },
  { G_MININT64 + 1, G_MAXINT64, -1 },
};

static void
check_parse_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];
      g_autoptr(GError) error = NULL;
      gint64 pence = 42;
      gboolean ok;

      ok = cm_money_parse (c->text, &pence, &error);

      if (c->ok)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          if (pence != c->pence)
            g_error ("“%s”: expected %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT,
                     c->text, c->pence, pence);
        }
      else
        {
          if (ok)
            g_error ("“%s” was accepted as %" G_GINT64_FORMAT, c->text, pence);
          g_assert_error (error, CM_MONEY_ERROR, (int) c->code);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          /* A failed parse leaves the output alone. */
          g_assert_cmpint (pence, ==, 42);
        }
    }
}

static void
test_parse_table (void)
{
  g_test_message ("LC_NUMERIC is %s", setlocale (LC_NUMERIC, NULL));
  check_parse_table ();
}

static void
test_parse_messages (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cm_money_parse ("1,23", NULL, &error));
  g_assert_error (error, CM_MONEY_ERROR, CM_MONEY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“1,23” is not an amount of money");
  g_clear_error (&error);

  g_assert_false (cm_money_parse ("", NULL, &error));
  g_assert_error (error, CM_MONEY_ERROR, CM_MONEY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "No amount of money was given");
  g_clear_error (&error);

  g_assert_false (cm_money_parse ("92233720368547758.08", NULL, &error));
  g_assert_error (error, CM_MONEY_ERROR, CM_MONEY_ERROR_OVERFLOW);
  g_assert_cmpstr (error->message, ==,
                   "“92233720368547758.08” is too large an amount of money");
  g_clear_error (&error);

  /* Invalid UTF-8 is repaired in the message. */
  g_assert_false (cm_money_parse ("1\xff", NULL, &error));
  g_assert_error (error, CM_MONEY_ERROR, CM_MONEY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“1\xef\xbf\xbd” is not an amount of money");
  g_clear_error (&error);

  /* Optional arguments may be NULL. */
  g_assert_true (cm_money_parse ("1", NULL, NULL));
  g_assert_false (cm_money_parse ("x", NULL, NULL));
}

static void
check_format_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autofree char *text = cm_money_format (format_cases[i].pence);

      g_assert_cmpstr (text, ==, format_cases[i].text);
    }
}

static void
test_format_table (void)
{
  check_format_table ();
}

static void
test_round_trip (void)
{
  static const gint64 values[] = {
    0, 1, -1, 99, 100, 101, 999999, 1000000, -1000000, 123456789012,
    G_MAXINT64, G_MAXINT64 - 1, G_MININT64, G_MININT64 + 1,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = cm_money_format (values[i]);
      gint64 back = 0;

      g_assert_true (cm_money_parse (text, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, values[i]);
    }

  /* Every amount from -£20.00 to £20.00 survives the trip. */
  for (gint64 pence = -2000; pence <= 2000; pence++)
    {
      g_autofree char *text = cm_money_format (pence);
      gint64 back = G_MAXINT64;

      g_assert_true (cm_money_parse (text, &back, NULL));
      g_assert_cmpint (back, ==, pence);
    }
}

/* Whatever the process locale, switch this thread to a decimal-comma locale
 * and make sure nothing changes. */
static void
test_decimal_comma_locale (void)
{
  locale_t de;
  locale_t old;

  de = newlocale (LC_ALL_MASK, "de_DE.UTF-8", (locale_t) 0);
  if (de == (locale_t) 0)
    {
      g_test_skip ("de_DE.UTF-8 locale not available");
      return;
    }

  old = uselocale (de);
  g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");
  check_parse_table ();
  check_format_table ();
  uselocale (old);
  freelocale (de);
}

static void
test_round_half_up (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (round_cases); i++)
    {
      const RoundCase *c = &round_cases[i];
      gint64 result = cm_money_round_half_up (c->numerator, c->denominator);

      if (result != c->expected)
        g_error ("round_half_up (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                 "): expected %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT,
                 c->numerator, c->denominator, c->expected, result);
    }
}

static void
test_round_half_up_symmetry (void)
{
  /* Small values against an independent definition: floor((2n + d) / 2d)
   * for n >= 0, mirrored for n < 0. */
  for (gint64 d = 1; d <= 12; d++)
    for (gint64 n = -300; n <= 300; n++)
      {
        gint64 m = n < 0 ? -n : n;
        gint64 expected = (2 * m + d) / (2 * d);

        if (n < 0)
          expected = -expected;
        g_assert_cmpint (cm_money_round_half_up (n, d), ==, expected);
      }
}

static void
test_round_half_up_bad_denominator (void)
{
  g_test_expect_message ("cm-money", G_LOG_LEVEL_CRITICAL, "*denominator > 0*");
  g_assert_cmpint (cm_money_round_half_up (10, 0), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("cm-money", G_LOG_LEVEL_CRITICAL, "*denominator > 0*");
  g_assert_cmpint (cm_money_round_half_up (10, -3), ==, 0);
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/money/parse/table", test_parse_table);
  g_test_add_func ("/money/parse/messages", test_parse_messages);
  g_test_add_func ("/money/format/table", test_format_table);
  g_test_add_func ("/money/format/round-trip", test_round_trip);
  g_test_add_func ("/money/decimal-comma-locale", test_decimal_comma_locale);
  g_test_add_func ("/money/round-half-up/table", test_round_half_up);
  g_test_add_func ("/money/round-half-up/symmetry", test_round_half_up_symmetry);
  g_test_add_func ("/money/round-half-up/bad-denominator",
                   test_round_half_up_bad_denominator);

  return g_test_run ();
}
