/* cm-export-book.c
 *
 * The one set of formats and sheet helpers every workbook kind uses
 * (docs/figures.md, "Workbooks").
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-export-private.h"
#include "cm-fiscal.h"

#define HEADER_FILL 0xDCE6F1
#define TOTAL_FILL  0xF2F2F2
#define MONEY_FORMAT "£#,##0.00"

void
cm_export_book_init_formats (CmExportBook *book)
{
  lxw_workbook *wb = book->workbook;

  book->title_format = workbook_add_format (wb);
  format_set_bold (book->title_format);
  format_set_font_size (book->title_format, 14);

  book->header = workbook_add_format (wb);
  format_set_bold (book->header);
  format_set_bg_color (book->header, HEADER_FILL);
  format_set_bottom (book->header, LXW_BORDER_THIN);
  format_set_text_wrap (book->header);
  format_set_align (book->header, LXW_ALIGN_VERTICAL_TOP);

  book->header_number = workbook_add_format (wb);
  format_set_bold (book->header_number);
  format_set_bg_color (book->header_number, HEADER_FILL);
  format_set_bottom (book->header_number, LXW_BORDER_THIN);
  format_set_text_wrap (book->header_number);
  format_set_align (book->header_number, LXW_ALIGN_RIGHT);
  format_set_align (book->header_number, LXW_ALIGN_VERTICAL_TOP);

  book->text = workbook_add_format (wb);
  format_set_align (book->text, LXW_ALIGN_VERTICAL_TOP);

  book->wrap = workbook_add_format (wb);
  format_set_text_wrap (book->wrap);
  format_set_align (book->wrap, LXW_ALIGN_VERTICAL_TOP);

  book->money = workbook_add_format (wb);
  format_set_num_format (book->money, MONEY_FORMAT);

  book->date = workbook_add_format (wb);
  format_set_num_format (book->date, "dd mmm yyyy");
  format_set_align (book->date, LXW_ALIGN_LEFT);

  book->datetime = workbook_add_format (wb);
  format_set_num_format (book->datetime, "yyyy-mm-dd hh:mm:ss");
  format_set_align (book->datetime, LXW_ALIGN_LEFT);

  book->percent = workbook_add_format (wb);
  format_set_num_format (book->percent, "0.00%");

  book->integer = workbook_add_format (wb);
  format_set_num_format (book->integer, "#,##0");

  book->decimal = workbook_add_format (wb);
  format_set_num_format (book->decimal, "0.0");

  book->average = workbook_add_format (wb);
  format_set_num_format (book->average, "0.00");

  book->total_text = workbook_add_format (wb);
  format_set_bold (book->total_text);
  format_set_top (book->total_text, LXW_BORDER_THIN);
  format_set_bottom (book->total_text, LXW_BORDER_DOUBLE);
  format_set_bg_color (book->total_text, TOTAL_FILL);

  book->total_money = workbook_add_format (wb);
  format_set_bold (book->total_money);
  format_set_top (book->total_money, LXW_BORDER_THIN);
  format_set_bottom (book->total_money, LXW_BORDER_DOUBLE);
  format_set_bg_color (book->total_money, TOTAL_FILL);
  format_set_num_format (book->total_money, MONEY_FORMAT);

  book->total_integer = workbook_add_format (wb);
  format_set_bold (book->total_integer);
  format_set_top (book->total_integer, LXW_BORDER_THIN);
  format_set_bottom (book->total_integer, LXW_BORDER_DOUBLE);
  format_set_bg_color (book->total_integer, TOTAL_FILL);
  format_set_num_format (book->total_integer, "#,##0");

  book->total_percent = workbook_add_format (wb);
  format_set_bold (book->total_percent);
  format_set_top (book->total_percent, LXW_BORDER_THIN);
  format_set_bottom (book->total_percent, LXW_BORDER_DOUBLE);
  format_set_bg_color (book->total_percent, TOTAL_FILL);
  format_set_num_format (book->total_percent, "0.00%");

  book->total_average = workbook_add_format (wb);
  format_set_bold (book->total_average);
  format_set_top (book->total_average, LXW_BORDER_THIN);
  format_set_bottom (book->total_average, LXW_BORDER_DOUBLE);
  format_set_bg_color (book->total_average, TOTAL_FILL);
  format_set_num_format (book->total_average, "0.00");

  book->note = workbook_add_format (wb);
  format_set_italic (book->note);
  format_set_font_color (book->note, 0x595959);
}

char *
cm_export_sheet_name (const char *name)
{
  g_autofree char *clean = cm_export_clean_text (name);
  GString *out = g_string_new (NULL);
  const char *p;
  glong n = 0;

  /* Excel refuses a name that starts or ends with an apostrophe. */
  for (p = clean; *p == '\''; p++)
    ;
  for (; *p != '\0' && n < CM_EXPORT_MAX_SHEET_NAME; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (strchr ("[]:*?/\\", (int) c) != NULL && c < 0x80)
        g_string_append_c (out, '-');
      else if (c == '\n' || c == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  while (out->len > 0 && out->str[out->len - 1] == '\'')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append (out, "Sheet");

  return g_string_free (out, FALSE);
}

lxw_worksheet *
cm_export_add_sheet (CmExportBook *book,
                     const char   *name)
{
  g_autofree char *safe = cm_export_sheet_name (name);
  g_autofree char *unique = g_strdup (safe);
  g_autofree char *footer = NULL;
  g_autofree char *date = cm_fiscal_format_date (&book->today);
  g_autofree char *title = NULL;
  lxw_worksheet *sheet;

  /* Sheet names are compared without case. */
  for (guint n = 2; ; n++)
    {
      g_autofree char *folded = g_utf8_casefold (unique, -1);

      if (!g_hash_table_contains (book->sheet_names, folded))
        {
          g_hash_table_add (book->sheet_names, g_steal_pointer (&folded));
          break;
        }
      g_free (unique);
      {
        g_autofree char *suffix = g_strdup_printf (" (%u)", n);
        glong keep = CM_EXPORT_MAX_SHEET_NAME - (glong) strlen (suffix);
        g_autofree char *head = g_utf8_substring (safe, 0, MIN (keep, g_utf8_strlen (safe, -1)));

        unique = g_strconcat (head, suffix, NULL);
      }
    }

  sheet = workbook_add_worksheet (book->workbook, unique);
  worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, 9);  /* A4 */
  worksheet_fit_to_pages (sheet, 1, 0);
  worksheet_set_margins (sheet, 0.5, 0.5, 0.6, 0.7);

  /* '&' starts a code in a header or footer: double it in the title. */
  {
    g_auto(GStrv) parts = g_strsplit (book->title, "&", -1);

    title = g_strjoinv ("&&", parts);
  }
  footer = g_strdup_printf ("&L&8Commissioner: %s&C&8%s &P / &N&R&8%s %s",
                            title, _("Page"), _("Exported"), date);
  worksheet_set_footer (sheet, footer);
  return sheet;
}

void
cm_export_header_row (CmExportBook         *book,
                      lxw_worksheet        *sheet,
                      lxw_row_t             row,
                      const CmExportColumn *columns,
                      guint                 n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    {
      worksheet_set_column (sheet, (lxw_col_t) i, (lxw_col_t) i, columns[i].width, NULL);
      worksheet_write_string (sheet, row, (lxw_col_t) i, columns[i].title,
                              columns[i].number ? book->header_number : book->header);
    }
  worksheet_freeze_panes (sheet, row + 1, 0);
  worksheet_repeat_rows (sheet, row, row);
}

char *
cm_export_clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));
  glong units = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      glong width = c > 0xFFFF ? 2 : 1;   /* Excel counts UTF-16 units */

      /* XML 1.0 cannot carry other control characters. */
      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F ||
          (c >= 0x80 && c < 0xA0) || c == 0xFFFE || c == 0xFFFF)
        continue;
      if (c == '\r')
        continue;
      if (units + width > CM_EXPORT_MAX_CELL_CHARS)
        break;
      units += width;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

void
cm_export_text (lxw_worksheet *sheet,
                lxw_row_t      row,
                lxw_col_t      col,
                const char    *text,
                lxw_format    *format)
{
  g_autofree char *clean = NULL;
  const char *p;

  if (text == NULL)
    return;

  /* Always a string cell: text such as "=HYPERLINK(…)" stays text. Plain
   * printable ASCII, most of a ledger, needs no cleaning. */
  for (p = text; *p >= 0x20 && *p < 0x7F; p++)
    ;
  if (*p == '\0' && p > text && p - text <= CM_EXPORT_MAX_CELL_CHARS)
    {
      worksheet_write_string (sheet, row, col, text, format);
      return;
    }
  clean = cm_export_clean_text (text);
  if (*clean == '\0')
    return;
  worksheet_write_string (sheet, row, col, clean, format);
}

void
cm_export_money (CmExportBook  *book,
                 lxw_worksheet *sheet,
                 lxw_row_t      row,
                 lxw_col_t      col,
                 gint64         pence)
{
  worksheet_write_number (sheet, row, col, (double) pence / 100.0, book->money);
}

void
cm_export_date (CmExportBook  *book,
                lxw_worksheet *sheet,
                lxw_row_t      row,
                lxw_col_t      col,
                const GDate   *date)
{
  lxw_datetime datetime = { 0 };

  if (date == NULL || !g_date_valid (date))
    return;
  datetime.year = g_date_get_year (date);
  datetime.month = g_date_get_month (date);
  datetime.day = g_date_get_day (date);
  worksheet_write_datetime (sheet, row, col, &datetime, book->date);
}

void
cm_export_formula (lxw_worksheet *sheet,
                   lxw_row_t      row,
                   lxw_col_t      col,
                   const char    *formula,
                   double         value,
                   lxw_format    *format)
{
  worksheet_write_formula_num (sheet, row, col, formula, format, value);
}

static void
append_column_name (GString   *out,
                    lxw_col_t  col)
{
  char letters[4];
  int n = 0;
  unsigned int c = (unsigned int) col + 1;

  while (c > 0 && n < 3)
    {
      letters[n++] = (char) ('A' + (c - 1) % 26);
      c = (c - 1) / 26;
    }
  while (n > 0)
    g_string_append_c (out, letters[--n]);
}

char *
cm_export_cell (lxw_row_t row,
                lxw_col_t col,
                gboolean  absolute)
{
  GString *out = g_string_new (NULL);

  if (absolute)
    g_string_append_c (out, '$');
  append_column_name (out, col);
  g_string_append_printf (out, "%s%u", absolute ? "$" : "", (unsigned int) row + 1);
  return g_string_free (out, FALSE);
}

char *
cm_export_weighted_mean (lxw_row_t first,
                         lxw_row_t last,
                         lxw_col_t col,
                         lxw_col_t weight,
                         lxw_row_t total)
{
  g_autofree char *top = cm_export_cell (first, col, FALSE);
  g_autofree char *bottom = cm_export_cell (last, col, FALSE);
  g_autofree char *weight_top = cm_export_cell (first, weight, FALSE);
  g_autofree char *weight_bottom = cm_export_cell (last, weight, FALSE);
  g_autofree char *weight_total = cm_export_cell (total, weight, FALSE);

  return g_strdup_printf ("=SUMPRODUCT(%s:%s,%s:%s)/%s", top, bottom, weight_top, weight_bottom, weight_total);
}

char *
cm_export_range (const char *sheet_name,
                 lxw_row_t   first_row,
                 lxw_col_t   col,
                 lxw_row_t   last_row)
{
  g_autofree char *first = cm_export_cell (first_row, col, TRUE);
  g_autofree char *last = cm_export_cell (last_row, col, TRUE);
  g_auto(GStrv) parts = g_strsplit (sheet_name, "'", -1);
  g_autofree char *quoted = g_strjoinv ("''", parts);

  return g_strdup_printf ("'%s'!%s:%s", quoted, first, last);
}

char *
cm_export_formula_string (const char *text)
{
  g_autofree char *clean = cm_export_clean_text (text);
  g_auto(GStrv) parts = g_strsplit (clean, "\"", -1);
  g_autofree char *doubled = g_strjoinv ("\"\"", parts);

  return g_strdup_printf ("\"%s\"", doubled);
}

char *
cm_export_criterion (const char *text,
                     const char *cell)
{
  g_autofree char *clean = cm_export_clean_text (text);
  GString *escaped;

  /* A cell holding plain text is matched as it is, and stays linked. */
  if (strpbrk (clean, "*?~") == NULL && strchr ("<>=", clean[0]) == NULL)
    return g_strdup (cell);

  /* Otherwise an exact "=text" with the wildcards escaped. */
  escaped = g_string_new ("=");
  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == '*' || *p == '?' || *p == '~')
        g_string_append_c (escaped, '~');
      g_string_append_c (escaped, *p);
    }
  {
    g_autofree char *inner = g_string_free (escaped, FALSE);

    return cm_export_formula_string (inner);
  }
}

gboolean
cm_export_step (CmExportBook  *book,
                double         fraction,
                GError       **error)
{
  if (g_cancellable_is_cancelled (book->cancellable))
    {
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_CANCELLED, _("The export was cancelled"));
      return FALSE;
    }
  if (book->progress != NULL)
    book->progress (fraction, book->progress_data);
  return TRUE;
}
