/* test-csv.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cm-csv.h"

/* Reads every record of @data as "LINE:[field][field]\n" lines, so a whole
 * parse is compared in one assertion. Stops at the first error. */
static char *
read_all_len (const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr(CmCsvReader) reader = cm_csv_reader_new (data, length);
  g_autoptr(GString) out = g_string_new (NULL);

  for (;;)
    {
      g_autoptr(GPtrArray) fields = NULL;
      guint line = 0;

      if (!cm_csv_reader_next (reader, &fields, &line, error))
        {
          g_assert_null (fields);
          return NULL;
        }
      if (fields == NULL)
        break;

      g_string_append_printf (out, "%u:", line);
      for (guint i = 0; i < fields->len; i++)
        g_string_append_printf (out, "[%s]", (const char *) g_ptr_array_index (fields, i));
      g_string_append_c (out, '\n');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
read_all (const char  *data,
          GError     **error)
{
  return read_all_len (data, strlen (data), error);
}

static void
assert_parses (const char *data,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = read_all (data, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, expected);
}

/* Reads until the error and checks where the reader says it is. */
static void
assert_fails (const char *data,
              gsize       length,
              CmCsvError  code,
              guint       line,
              guint       field,
              const char *message)
{
  g_autoptr(CmCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint error_line = 0;

  reader = cm_csv_reader_new (data, length == (gsize) -1 ? strlen (data) : length);

  for (;;)
    {
      g_autoptr(GPtrArray) fields = NULL;

      if (!cm_csv_reader_next (reader, &fields, &error_line, &error))
        break;
      g_assert_nonnull (fields);
    }

  g_assert_error (error, CM_CSV_ERROR, (int) code);
  g_assert_cmpuint (error_line, ==, line);
  g_assert_cmpuint (cm_csv_reader_get_error_field (reader), ==, field);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);

  /* After an error the reader reports the end rather than going on. */
  {
    g_autoptr(GPtrArray) fields = NULL;
    g_autoptr(GError) again = NULL;

    g_assert_true (cm_csv_reader_next (reader, &fields, NULL, &again));
    g_assert_no_error (again);
    g_assert_null (fields);
  }
}

static void
test_csv_simple (void)
{
  assert_parses ("name,kind\nBarnardo's,voluntary\nWestminster City Council,statutory\n",
                 "1:[name][kind]\n"
                 "2:[Barnardo's][voluntary]\n"
                 "3:[Westminster City Council][statutory]\n");
}

static void
test_csv_quoted_comma (void)
{
  assert_parses ("\"Nursery practitioners, PVI settings\",early-years\n",
                 "1:[Nursery practitioners, PVI settings][early-years]\n");
}

static void
test_csv_doubled_quotes (void)
{
  assert_parses ("\"The \"\"Hub\"\" centre\",\"\"\"\",\"a\"\"\"\n",
                 "1:[The \"Hub\" centre][\"][a\"]\n");
}

static void
test_csv_embedded_newline (void)
{
  /* The second record spans lines 2 and 3; the third starts on line 4. */
  assert_parses ("code,name\nSG-A,\"Safeguarding\nLevel A\"\nSG-B,Level B\n",
                 "1:[code][name]\n"
                 "2:[SG-A][Safeguarding\nLevel A]\n"
                 "4:[SG-B][Level B]\n");
}

static void
test_csv_embedded_crlf (void)
{
  /* A CRLF inside quotes counts as one line and is kept as written. */
  assert_parses ("a,\"x\r\ny\r\n\r\nz\"\r\nb,c\r\n",
                 "1:[a][x\r\ny\r\n\r\nz]\n"
                 "5:[b][c]\n");
  /* So is a mix, and a CR alone is a character like any other. */
  assert_parses ("\"x\ny\r\nz\rw\"\n",
                 "1:[x\ny\r\nz\rw]\n");
}

static void
test_csv_bom (void)
{
  assert_parses ("\xef\xbb\xbfname,kind\nA,school\n",
                 "1:[name][kind]\n"
                 "2:[A][school]\n");

  /* Only a leading BOM is special. */
  assert_parses ("a,\xef\xbb\xbf" "b\n", "1:[a][\xef\xbb\xbf" "b]\n");
}

static void
test_csv_crlf (void)
{
  assert_parses ("name,kind\r\nA,school\r\nB,police\r\n",
                 "1:[name][kind]\n"
                 "2:[A][school]\n"
                 "3:[B][police]\n");
}

static void
test_csv_no_final_newline (void)
{
  assert_parses ("name,kind\nA,school", "1:[name][kind]\n2:[A][school]\n");
  assert_parses ("name,kind\r\nA,\"school\"", "1:[name][kind]\n2:[A][school]\n");
  /* A last CR alone still ends the line rather than joining the field. */
  assert_parses ("a,b\r", "1:[a][b]\n");
}

static void
test_csv_empty_fields (void)
{
  assert_parses (",a,,\"\",\n,\n\"\"\n",
                 "1:[][a][][][]\n"
                 "2:[][]\n"
                 "3:[]\n");
}

static void
test_csv_empty_lines (void)
{
  assert_parses ("\n\nname,kind\n\nA,school\r\n\r\n\nB,police\n\n",
                 "3:[name][kind]\n"
                 "5:[A][school]\n"
                 "8:[B][police]\n");
}

static void
test_csv_empty_input (void)
{
  assert_parses ("", "");
  assert_parses ("\xef\xbb\xbf", "");
  assert_parses ("\n\r\n\n", "");
}

static void
test_csv_length_respected (void)
{
  g_autoptr(GError) error = NULL;
  const char data[] = "a,b\nc,d\ne,f";
  g_autofree char *got = read_all_len (data, 7, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, "1:[a][b]\n2:[c][d]\n");
}

static void
test_csv_utf8_content (void)
{
  assert_parses ("Café “Bright Start”,£1\u00a0234.50\n",
                 "1:[Café “Bright Start”][£1\u00a0234.50]\n");
}

static void
test_csv_blanks_around_quotes (void)
{
  /* Blanks outside quotes are tolerated; inside they are kept. */
  assert_parses ("a, \"b c\" ,\t\" d\"\n", "1:[a][b c][ d]\n");
  /* Unquoted blanks are part of the field; callers trim if they want. */
  assert_parses (" a , b\n", "1:[ a ][ b]\n");
}

static void
test_csv_unterminated_quote (void)
{
  /* The quote opens on line 3 and runs to the end. */
  assert_fails ("name,kind\nA,school\n\"B,police\nC,health\n", (gsize) -1,
                CM_CSV_ERROR_UNTERMINATED_QUOTE, 3, 0,
                "Line 3: unterminated quoted field");

  /* In the second field of a record that began two lines earlier. */
  assert_fails ("x,\"multi\nline\",\"open\nmore\n", (gsize) -1,
                CM_CSV_ERROR_UNTERMINATED_QUOTE, 2, 2,
                "Line 2: unterminated quoted field");
}

static void
test_csv_stray_quote (void)
{
  assert_fails ("name,kind\nThe \"Hub\",school\n", (gsize) -1,
                CM_CSV_ERROR_STRAY_QUOTE, 2, 0, NULL);
  assert_fails ("a,b\nc,d\"\n", (gsize) -1,
                CM_CSV_ERROR_STRAY_QUOTE, 2, 1, NULL);
}

static void
test_csv_text_after_quote (void)
{
  assert_fails ("a,b\nc,\"d\"e,f\n", (gsize) -1,
                CM_CSV_ERROR_TEXT_AFTER_QUOTE, 2, 1,
                "Line 2: unexpected text after a closing quote");
}

static void
test_csv_invalid_utf8 (void)
{
  /* Latin-1 "é" from a spreadsheet saved in the wrong encoding. */
  assert_fails ("name,kind\nA,school\nCaf\xe9,voluntary\n", (gsize) -1,
                CM_CSV_ERROR_INVALID_UTF8, 3, 0,
                "Line 3: the text is not valid UTF-8 (save the file as UTF-8)");

  /* Inside a quoted field, the line is where the bad bytes are. */
  assert_fails ("a,\"one\ntwo\nth\xffree\"\n", (gsize) -1,
                CM_CSV_ERROR_INVALID_UTF8, 3, 1, NULL);

  /* A truncated sequence at the very end. */
  assert_fails ("a,b\n\xe2\x80", (gsize) -1,
                CM_CSV_ERROR_INVALID_UTF8, 2, 0, NULL);
}

static void
test_csv_nul_byte (void)
{
  const char data[] = "a,b\nc,d\0e\n";

  assert_fails (data, sizeof data - 1, CM_CSV_ERROR_INVALID_UTF8, 2, 1, NULL);
}

static void
test_csv_describe (void)
{
  g_assert_cmpstr (cm_csv_error_describe (CM_CSV_ERROR_UNTERMINATED_QUOTE), ==,
                   "unterminated quoted field");
  g_assert_cmpstr (cm_csv_error_describe (CM_CSV_ERROR_TEXT_AFTER_QUOTE), ==,
                   "unexpected text after a closing quote");
}

/* The csv-spectrum cases (tests/csv-spectrum/README.md): every record
 * read equals its JSON object, byte for byte. The JSON files are arrays
 * of objects of strings, which GVariant's text format reads as aa{ss}. */
static const char * const spectrum_cases[] = {
  "comma_in_quotes",
  "empty",
  "empty_crlf",
  "escaped_quotes",
  "json",
  "newlines",
  "newlines_crlf",
  "quotes_and_newlines",
  "simple",
  "simple_crlf",
  "utf8",
};

static void
test_csv_spectrum (gconstpointer data)
{
  const char *name = data;
  g_autofree char *csv_name = g_strconcat (name, ".csv", NULL);
  g_autofree char *json_name = g_strconcat (name, ".json", NULL);
  g_autofree char *csv_path = g_test_build_filename (G_TEST_DIST, "csv-spectrum", "csvs", csv_name, NULL);
  g_autofree char *json_path = g_test_build_filename (G_TEST_DIST, "csv-spectrum", "json", json_name, NULL);
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) expected = NULL;
  g_autoptr(CmCsvReader) reader = NULL;
  g_autoptr(GPtrArray) header = NULL;
  gsize csv_length = 0;
  gsize n_records;

  g_assert_true (g_file_get_contents (csv_path, &csv, &csv_length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (json_path, &json, NULL, &error));
  g_assert_no_error (error);

  expected = g_variant_parse (G_VARIANT_TYPE ("aa{ss}"), json, NULL, NULL, &error);
  g_assert_no_error (error);
  n_records = g_variant_n_children (expected);
  g_assert_cmpuint (n_records, >, 0);

  reader = cm_csv_reader_new (csv, csv_length);
  g_assert_true (cm_csv_reader_next (reader, &header, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (header);

  for (gsize r = 0; r < n_records; r++)
    {
      g_autoptr(GVariant) record = g_variant_get_child_value (expected, r);
      g_autoptr(GPtrArray) fields = NULL;

      g_assert_true (cm_csv_reader_next (reader, &fields, NULL, &error));
      g_assert_no_error (error);
      g_assert_nonnull (fields);
      g_assert_cmpuint (fields->len, ==, header->len);
      g_assert_cmpuint (fields->len, ==, g_variant_n_children (record));

      for (guint i = 0; i < fields->len; i++)
        {
          const char *key = g_ptr_array_index (header, i);
          const char *got = g_ptr_array_index (fields, i);
          const char *want = NULL;

          g_assert_true (g_variant_lookup (record, key, "&s", &want));
          g_assert_cmpstr (got, ==, want);
        }
    }

  /* Nothing more in the file. */
  {
    g_autoptr(GPtrArray) fields = NULL;

    g_assert_true (cm_csv_reader_next (reader, &fields, NULL, &error));
    g_assert_no_error (error);
    g_assert_null (fields);
  }
}

static void
test_csv_quoted_flags (void)
{
  g_autoptr(CmCsvReader) reader = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  const char data[] = "a, \" b \",\"\",,\"c\r\nd\"\n";

  reader = cm_csv_reader_new (data, sizeof data - 1);
  g_assert_true (cm_csv_reader_next (reader, &fields, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (fields, 1), ==, " b ");
  g_assert_cmpstr (g_ptr_array_index (fields, 4), ==, "c\r\nd");
  g_assert_false (cm_csv_reader_get_quoted (reader, 0));
  g_assert_true (cm_csv_reader_get_quoted (reader, 1));
  g_assert_true (cm_csv_reader_get_quoted (reader, 2));
  g_assert_false (cm_csv_reader_get_quoted (reader, 3));
  g_assert_true (cm_csv_reader_get_quoted (reader, 4));
  g_assert_false (cm_csv_reader_get_quoted (reader, 5));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csv/simple", test_csv_simple);
  g_test_add_func ("/csv/quoted-comma", test_csv_quoted_comma);
  g_test_add_func ("/csv/doubled-quotes", test_csv_doubled_quotes);
  g_test_add_func ("/csv/embedded-newline", test_csv_embedded_newline);
  g_test_add_func ("/csv/embedded-crlf", test_csv_embedded_crlf);
  g_test_add_func ("/csv/bom", test_csv_bom);
  g_test_add_func ("/csv/crlf", test_csv_crlf);
  g_test_add_func ("/csv/no-final-newline", test_csv_no_final_newline);
  g_test_add_func ("/csv/empty-fields", test_csv_empty_fields);
  g_test_add_func ("/csv/empty-lines", test_csv_empty_lines);
  g_test_add_func ("/csv/empty-input", test_csv_empty_input);
  g_test_add_func ("/csv/length-respected", test_csv_length_respected);
  g_test_add_func ("/csv/utf8-content", test_csv_utf8_content);
  g_test_add_func ("/csv/blanks-around-quotes", test_csv_blanks_around_quotes);
  g_test_add_func ("/csv/unterminated-quote", test_csv_unterminated_quote);
  g_test_add_func ("/csv/stray-quote", test_csv_stray_quote);
  g_test_add_func ("/csv/text-after-quote", test_csv_text_after_quote);
  g_test_add_func ("/csv/invalid-utf8", test_csv_invalid_utf8);
  g_test_add_func ("/csv/nul-byte", test_csv_nul_byte);
  g_test_add_func ("/csv/describe", test_csv_describe);
  g_test_add_func ("/csv/quoted-flags", test_csv_quoted_flags);

  for (guint i = 0; i < G_N_ELEMENTS (spectrum_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/csv/spectrum/", spectrum_cases[i], NULL);

      g_test_add_data_func (path, spectrum_cases[i], test_csv_spectrum);
    }

  return g_test_run ();
}
