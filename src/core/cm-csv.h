/* cm-csv.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CM_CSV_ERROR (cm_csv_error_quark ())

typedef enum
{
  CM_CSV_ERROR_UNTERMINATED_QUOTE,
  CM_CSV_ERROR_STRAY_QUOTE,
  CM_CSV_ERROR_TEXT_AFTER_QUOTE,
  CM_CSV_ERROR_INVALID_UTF8,
} CmCsvError;

typedef struct _CmCsvReader CmCsvReader;

GQuark       cm_csv_error_quark           (void);
const char  *cm_csv_error_describe        (CmCsvError    code);
CmCsvReader *cm_csv_reader_new            (const char   *data,
                                           gsize         length);
void         cm_csv_reader_free           (CmCsvReader  *reader);
gboolean     cm_csv_reader_next           (CmCsvReader  *reader,
                                           GPtrArray   **out_fields,
                                           guint        *out_line,
                                           GError      **error);
guint        cm_csv_reader_get_error_field (CmCsvReader *reader);
gboolean     cm_csv_reader_get_quoted     (CmCsvReader  *reader,
                                           guint         index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmCsvReader, cm_csv_reader_free)

G_END_DECLS
