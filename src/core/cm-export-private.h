/* cm-export-private.h
 *
 * Shared between the cm-export*.c modules: one set of formats and sheet
 * helpers for every workbook kind (docs/figures.md, "Workbooks").
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <xlsxwriter.h>

#include "cm-export.h"

G_BEGIN_DECLS

/* Excel's limits. */
#define CM_EXPORT_MAX_CELL_CHARS 32767
#define CM_EXPORT_MAX_SHEET_NAME 31

/* The most transactions written as an Excel table; more are written in
 * constant memory with an autofilter (docs/figures.md, "Workbooks"). */
#define CM_EXPORT_MAX_TABLE_ROWS 20000

typedef struct
{
  lxw_workbook *workbook;    /* NULL until cm_export_book_open() */
  char         *tmp_path;
  char         *path;
  char         *title;       /* "Finance 2010/11": document title and footer */
  GDate         today;
  gboolean      with_names;  /* CM_EXPORT_WITH_NAMES */
  GHashTable   *sheet_names; /* folded names taken, for unique sheet names */

  void        (*progress) (double fraction, gpointer user_data);
  gpointer      progress_data;
  GCancellable *cancellable;
  gconstpointer input;       /* a kind's own input: the what-if scenario */

  /* The shared formats. */
  lxw_format   *title_format;
  lxw_format   *header;
  lxw_format   *header_number;
  lxw_format   *text;
  lxw_format   *wrap;
  lxw_format   *money;
  lxw_format   *date;
  lxw_format   *datetime;       /* "yyyy-mm-dd hh:mm:ss": a time in UTC */
  lxw_format   *percent;
  lxw_format   *integer;
  lxw_format   *decimal;
  lxw_format   *average;        /* "0.00": a mean rating */
  lxw_format   *total_text;
  lxw_format   *total_money;
  lxw_format   *total_integer;
  lxw_format   *total_percent;
  lxw_format   *total_average;
  lxw_format   *note;
} CmExportBook;

/* A column of a list sheet: its header and width in characters. */
typedef struct
{
  const char *title;
  double      width;
  gboolean    number;  /* right-aligned header */
} CmExportColumn;

/* The kinds' writers. Each fills @book; the caller closes and renames it. */
typedef gboolean (*CmExportFunc) (CmExportBook  *book,
                                  CmDb          *db,
                                  int            year,
                                  int            half,
                                  GError       **error);

gboolean cm_export_finance     (CmExportBook *book, CmDb *db, int year, int half, GError **error);
gboolean cm_export_tna         (CmExportBook *book, CmDb *db, int year, int half, GError **error);
gboolean cm_export_dh_return   (CmExportBook *book, CmDb *db, int year, int half, GError **error);
gboolean cm_export_cwdc_claim  (CmExportBook *book, CmDb *db, int year, int half, GError **error);
gboolean cm_export_lscb_report (CmExportBook *book, CmDb *db, int year, int half, GError **error);
gboolean cm_export_evaluation  (CmExportBook *book, CmDb *db, int year, int half, GError **error);
/* The what-if workbook: @book->input is the CmWhatIfScenario. */
gboolean cm_export_what_if_book (CmExportBook *book, CmDb *db, int year, int half, GError **error);

/* A grant return's layout (a file in data/returns, help/C/export.page). */
typedef struct _CmExportLayout CmExportLayout;

/* The layout file @name ("dh") to use: the user's copy in
 * $XDG_CONFIG_HOME/commissioner/returns/, else $COMMISSIONER_RETURNS_DIR,
 * else the installed one. */
char           *cm_export_find_layout  (const char      *name);
/* Reads and checks a layout: an unknown figure is refused with the file,
 * line and key. */
CmExportLayout *cm_export_layout_load  (const char      *path,
                                        GError         **error);
void            cm_export_layout_free  (CmExportLayout  *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmExportLayout, cm_export_layout_free)

/* Starts the workbook, once a kind knows how large it is:
 * @constant_memory writes each row out as it goes (rows in order, no
 * Excel tables; docs/figures.md, "Workbooks"). */
gboolean cm_export_book_open (CmExportBook  *book,
                              gboolean       constant_memory,
                              GError       **error);

/* Adds the shared formats to a new workbook. */
void cm_export_book_init_formats (CmExportBook *book);

/* A new worksheet with a safe, unique name, set up for print: landscape,
 * fit to one page wide, the footer with the title, the page number and
 * the export date. */
lxw_worksheet *cm_export_add_sheet     (CmExportBook         *book,
                                        const char           *name);
/* A sheet name Excel accepts: no []:*?/\, at most 31 characters, not
 * empty, not starting or ending with an apostrophe. */
char          *cm_export_sheet_name    (const char           *name);
/* Writes a bold header row at @row, sets the widths, freezes the panes
 * under it and repeats it on every printed page. */
void           cm_export_header_row    (CmExportBook         *book,
                                        lxw_worksheet        *sheet,
                                        lxw_row_t             row,
                                        const CmExportColumn *columns,
                                        guint                 n_columns);
/* User text, always as a string: control characters stripped, cut to
 * Excel's cell limit. NULL writes nothing. */
void           cm_export_text          (lxw_worksheet        *sheet,
                                        lxw_row_t             row,
                                        lxw_col_t             col,
                                        const char           *text,
                                        lxw_format           *format);
char          *cm_export_clean_text    (const char           *text);
void           cm_export_money         (CmExportBook         *book,
                                        lxw_worksheet        *sheet,
                                        lxw_row_t             row,
                                        lxw_col_t             col,
                                        gint64                pence);
void           cm_export_date          (CmExportBook         *book,
                                        lxw_worksheet        *sheet,
                                        lxw_row_t             row,
                                        lxw_col_t             col,
                                        const GDate          *date);
/* A formula with its cached value, @pence / 100 in @format. */
void           cm_export_formula       (lxw_worksheet        *sheet,
                                        lxw_row_t             row,
                                        lxw_col_t             col,
                                        const char           *formula,
                                        double                value,
                                        lxw_format           *format);
/* =SUMPRODUCT(values, weights)/weight total: the mean of the rows
 * @first…@last of column @col weighted by column @weight, whose total is
 * on row @total. */
char          *cm_export_weighted_mean (lxw_row_t             first,
                                        lxw_row_t             last,
                                        lxw_col_t             col,
                                        lxw_col_t             weight,
                                        lxw_row_t             total);
/* "A1"-style cell and column names, zero-based; @absolute gives "$A$1". */
char          *cm_export_cell          (lxw_row_t             row,
                                        lxw_col_t             col,
                                        gboolean              absolute);
/* 'Sheet name'!$A$2:$A$10, quoting the name. */
char          *cm_export_range         (const char           *sheet_name,
                                        lxw_row_t             first_row,
                                        lxw_col_t             col,
                                        lxw_row_t             last_row);
/* @text as a string constant inside a formula: "…" with quotes doubled. */
char          *cm_export_formula_string (const char          *text);

/* The SUMIFS criterion that matches exactly @text, which @cell holds:
 * @cell itself for plain text; for text with a wildcard (* ? ~) or
 * starting like a comparison (< > =), a string constant that escapes
 * them. */
char          *cm_export_criterion     (const char           *text,
                                        const char           *cell);

/* Reports progress; FALSE (with CM_EXPORT_ERROR_CANCELLED) when cancelled. */
gboolean       cm_export_step          (CmExportBook         *book,
                                        double                fraction,
                                        GError              **error);

G_END_DECLS
