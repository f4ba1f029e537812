/* cm-csv.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-csv.h"

/* "\xef\xbb\xbf" is the UTF-8 byte order mark spreadsheets like to write. */
#define UTF8_BOM "\xef\xbb\xbf"
#define UTF8_BOM_LEN 3

struct _CmCsvReader
{
  const char *pos;
  const char *end;
  GString    *field;
  GArray     *quoted;       /* of gboolean, per field of the last record */
  guint       line;
  guint       error_field;
  gboolean    failed;
};

G_DEFINE_QUARK (cm-csv-error-quark, cm_csv_error)

/**
 * cm_csv_error_describe:
 * @code: a #CmCsvError
 *
 * Returns: (transfer none): what is wrong, as a phrase without the line
 *   number, for callers that report the position in their own words
 */
const char *
cm_csv_error_describe (CmCsvError code)
{
  switch (code)
    {
    case CM_CSV_ERROR_UNTERMINATED_QUOTE:
      return _("unterminated quoted field");
    case CM_CSV_ERROR_STRAY_QUOTE:
      return _("a quote inside an unquoted field (put the whole field in quotes and double the quote)");
    case CM_CSV_ERROR_TEXT_AFTER_QUOTE:
      return _("unexpected text after a closing quote");
    case CM_CSV_ERROR_INVALID_UTF8:
      return _("the text is not valid UTF-8 (save the file as UTF-8)");
    default:
      return _("the file is not valid CSV");
    }
}

/**
 * cm_csv_reader_new:
 * @data: the whole file; must stay alive as long as the reader
 * @length: the length of @data in bytes
 *
 * Creates a reader of RFC 4180 CSV: comma separated, fields optionally in
 * double quotes with doubled quotes inside and line breaks allowed, LF or
 * CRLF line ends. A leading UTF-8 byte order mark is skipped.
 *
 * Returns: (transfer full): a new reader
 */
CmCsvReader *
cm_csv_reader_new (const char *data,
                   gsize       length)
{
  CmCsvReader *reader;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  reader = g_new0 (CmCsvReader, 1);
  reader->pos = data;
  reader->end = data != NULL ? data + length : NULL;
  reader->field = g_string_new (NULL);
  reader->quoted = g_array_new (FALSE, FALSE, sizeof (gboolean));
  reader->line = 1;

  if (length >= UTF8_BOM_LEN && memcmp (data, UTF8_BOM, UTF8_BOM_LEN) == 0)
    reader->pos += UTF8_BOM_LEN;

  return reader;
}

/**
 * cm_csv_reader_free:
 * @reader: (nullable): a reader
 *
 * Frees @reader; the data it read is not touched.
 */
void
cm_csv_reader_free (CmCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_string_free (reader->field, TRUE);
  g_array_unref (reader->quoted);
  g_free (reader);
}

/* The length of the line break at @p: 1 for LF (or a CR ending the
 * data), 2 for CRLF, 0 when there is none. */
static gsize
newline_length (const char *p,
                const char *end)
{
  if (p >= end)
    return 0;
  if (*p == '\n')
    return 1;
  if (*p == '\r')
    {
      if (p + 1 == end)
        return 1;
      if (p[1] == '\n')
        return 2;
    }
  return 0;
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static void
set_error (CmCsvReader  *reader,
           GError      **error,
           CmCsvError    code,
           guint         line,
           guint         field)
{
  reader->failed = TRUE;
  reader->error_field = field;
  reader->line = line;

  g_set_error (error, CM_CSV_ERROR, code,
               _("Line %u: %s"), line, cm_csv_error_describe (code));
}

/* Reads one field into reader->field and leaves reader->pos on the comma,
 * line break or end that follows it. */
static gboolean
read_field (CmCsvReader  *reader,
            guint         index,
            gboolean     *out_quoted,
            GError      **error)
{
  const char *p = reader->pos;
  const char *end = reader->end;
  const char *q;

  g_string_truncate (reader->field, 0);
  *out_quoted = FALSE;

  /* Hand-written files often put a space after the comma: tolerate blanks
   * before an opening quote. */
  for (q = p; q < end && is_blank (*q); q++)
    ;

  if (q < end && *q == '"')
    {
      guint start_line = reader->line;

      *out_quoted = TRUE;
      p = q + 1;
      for (;;)
        {
          gsize n;

          if (p == end)
            {
              set_error (reader, error, CM_CSV_ERROR_UNTERMINATED_QUOTE, start_line, index);
              return FALSE;
            }

          if (*p == '"')
            {
              if (p + 1 < end && p[1] == '"')
                {
                  g_string_append_c (reader->field, '"');
                  p += 2;
                  continue;
                }
              p++;
              break;
            }

          /* Quoted text is kept exactly as written, CRLF included
           * (help/C/import.page, "How fields are read"). */
          if ((n = newline_length (p, end)) > 0)
            {
              g_string_append_len (reader->field, p, n);
              reader->line++;
              p += n;
              continue;
            }

          g_string_append_c (reader->field, *p);
          p++;
        }

      while (p < end && is_blank (*p))
        p++;

      if (p < end && *p != ',' && newline_length (p, end) == 0)
        {
          set_error (reader, error, CM_CSV_ERROR_TEXT_AFTER_QUOTE, reader->line, index);
          return FALSE;
        }
    }
  else
    {
      while (p < end && *p != ',' && newline_length (p, end) == 0)
        {
          if (*p == '"')
            {
              set_error (reader, error, CM_CSV_ERROR_STRAY_QUOTE, reader->line, index);
              return FALSE;
            }
          p++;
        }

      g_string_append_len (reader->field, reader->pos, p - reader->pos);
    }

  reader->pos = p;
  return TRUE;
}

/**
 * cm_csv_reader_next:
 * @reader: a reader
 * @out_fields: (out) (transfer full): the fields of the next record, as
 *   UTF-8 strings, or %NULL at the end of the data
 * @out_line: (out) (optional): the physical line the record starts on
 *   (1-based), or on error the line where the problem is
 * @error: return location for a #GError
 *
 * Reads the next record. Empty lines are skipped; a line break inside a
 * quoted field does not end the record, so the record after it reports
 * its own physical line. Errors name the line: for an unterminated quote
 * the line where the quoted field opens, for invalid UTF-8 the line
 * holding the bad bytes. After an error the reader reports the end.
 *
 * Returns: %TRUE on success (also at the end), %FALSE on error
 */
gboolean
cm_csv_reader_next (CmCsvReader  *reader,
                    GPtrArray   **out_fields,
                    guint        *out_line,
                    GError      **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  guint record_line;
  gsize n;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (out_fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_fields = NULL;
  if (out_line != NULL)
    *out_line = 0;

  if (reader->failed)
    return TRUE;

  while ((n = newline_length (reader->pos, reader->end)) > 0)
    {
      reader->pos += n;
      reader->line++;
    }

  if (reader->pos >= reader->end)
    return TRUE;

  record_line = reader->line;
  fields = g_ptr_array_new_with_free_func (g_free);
  g_array_set_size (reader->quoted, 0);

  for (;;)
    {
      guint field_line = reader->line;
      const char *bad = NULL;
      gboolean quoted = FALSE;

      if (!read_field (reader, fields->len, &quoted, error))
        {
          if (out_line != NULL)
            *out_line = reader->line;
          return FALSE;
        }

      /* Bytes are checked per field so the error can say where; the
       * separators are ASCII and cannot hide inside a UTF-8 sequence. */
      if (!g_utf8_validate_len (reader->field->str, reader->field->len, &bad))
        {
          guint line = field_line;

          for (const char *c = reader->field->str; c < bad; c++)
            if (*c == '\n')
              line++;

          set_error (reader, error, CM_CSV_ERROR_INVALID_UTF8, line, fields->len);
          if (out_line != NULL)
            *out_line = line;
          return FALSE;
        }

      g_ptr_array_add (fields, g_strndup (reader->field->str, reader->field->len));
      g_array_append_val (reader->quoted, quoted);

      if (reader->pos < reader->end && *reader->pos == ',')
        {
          reader->pos++;
          continue;
        }

      if ((n = newline_length (reader->pos, reader->end)) > 0)
        {
          reader->pos += n;
          reader->line++;
        }
      break;
    }

  *out_fields = g_steal_pointer (&fields);
  if (out_line != NULL)
    *out_line = record_line;

  return TRUE;
}

/**
 * cm_csv_reader_get_quoted:
 * @reader: a reader
 * @index: the 0-based index of a field of the record last read
 *
 * Whether the field was written in double quotes. Callers may trim
 * unquoted fields, but quoted text is meant exactly as written.
 *
 * Returns: %TRUE if the field was quoted; %FALSE if it was not, or if
 *   there is no such field
 */
gboolean
cm_csv_reader_get_quoted (CmCsvReader *reader,
                          guint        index)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  if (index >= reader->quoted->len)
    return FALSE;

  return g_array_index (reader->quoted, gboolean, index);
}

/**
 * cm_csv_reader_get_error_field:
 * @reader: a reader
 *
 * Returns: the 0-based index, within its record, of the field where the
 *   last error was found
 */
guint
cm_csv_reader_get_error_field (CmCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->error_field;
}
