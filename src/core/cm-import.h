/* cm-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cm-db.h"

G_BEGIN_DECLS

#define CM_IMPORT_ERROR (cm_import_error_quark ())

typedef enum
{
  CM_IMPORT_ERROR_UNKNOWN_KIND,
  CM_IMPORT_ERROR_IO,
  CM_IMPORT_ERROR_HEADER,
  CM_IMPORT_ERROR_ROW,
  CM_IMPORT_ERROR_DATABASE,
  CM_IMPORT_ERROR_CANCELLED,
} CmImportError;

typedef struct
{
  guint rows;
  guint inserted;
  guint updated;
} CmImportResult;

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

G_END_DECLS
