/* cm-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cm-db.h"

G_BEGIN_DECLS

#define CM_IMPORT_ERROR (cm_import_error_quark ())

/* A file with bad rows is refused with every bad row named, one a line,
 * up to this many; a last line counts the rest. */
#define CM_IMPORT_MAX_PROBLEMS 100

typedef enum
{
  CM_IMPORT_ERROR_UNKNOWN_KIND,
  CM_IMPORT_ERROR_IO,
  CM_IMPORT_ERROR_HEADER,
  CM_IMPORT_ERROR_ROW,
  CM_IMPORT_ERROR_DATABASE,
  CM_IMPORT_ERROR_CANCELLED,
} CmImportError;

/* A change of an existing transaction's amount or date, listed before it
 * is applied (with a dry run) and after. */
typedef struct
{
  guint   line;          /* where the row is in the file */
  char   *supplier;
  char   *reference;
  char    old_date[11];  /* YYYY-MM-DD */
  char    new_date[11];
  gint64  old_amount_pence;
  gint64  new_amount_pence;
} CmImportChange;

typedef struct
{
  guint      rows;
  guint      inserted;
  guint      updated;
  guint      unchanged;  /* already stored exactly so; nothing written */
  GPtrArray *changes;    /* of CmImportChange, in file order; NULL = none */
} CmImportResult;

void cm_import_change_free  (CmImportChange *change);
void cm_import_result_clear (CmImportResult *result);
char *cm_import_change_describe (const CmImportChange *change);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CmImportResult, cm_import_result_clear)

GQuark              cm_import_error_quark (void);
const char * const *cm_import_kinds       (void);
gboolean            cm_import_file        (CmDb            *db,
                                           const char      *kind,
                                           const char      *path,
                                           gboolean         dry_run,
                                           CmImportResult  *result,
                                           GCancellable    *cancellable,
                                           GError         **error);
gboolean            cm_import_data        (CmDb            *db,
                                           const char      *kind,
                                           const char      *display_name,
                                           const char      *data,
                                           gsize            length,
                                           gboolean         dry_run,
                                           CmImportResult  *result,
                                           GCancellable    *cancellable,
                                           GError         **error);
gboolean            cm_import_check_field (const char      *kind,
                                           const char      *column,
                                           const char      *text,
                                           gint64          *out_value,
                                           GError         **error);

G_END_DECLS
