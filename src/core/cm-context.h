/* cm-context.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cm-db.h"
#include "cm-history.h"
#include "cm-import.h"

G_BEGIN_DECLS

#define CM_TYPE_CONTEXT (cm_context_get_type ())

G_DECLARE_FINAL_TYPE (CmContext, cm_context, CM, CONTEXT, GObject)

/**
 * CmContextReadFunc:
 * @db: a connection of the worker thread's own, to the same file
 * @data: what cm_context_read_async() was given
 * @cancellable: (nullable): checked between steps of long work
 * @error: return location for a #GError
 *
 * Reads something large in a worker thread.
 *
 * Returns: (nullable): the result, or %NULL with @error set
 */
typedef gpointer (*CmContextReadFunc) (CmDb          *db,
                                       gpointer       data,
                                       GCancellable  *cancellable,
                                       GError       **error);

CmContext  *cm_context_new                (CmDb                 *db);
CmContext  *cm_context_new_for_path       (const char           *path,
                                           GError              **error);
CmDb       *cm_context_get_db             (CmContext            *self);
const char *cm_context_get_path           (CmContext            *self);
gboolean    cm_context_is_read_only       (CmContext            *self);
gboolean    cm_context_load_demo          (CmContext            *self,
                                           GError              **error);
void        cm_context_read_async         (CmContext            *self,
                                           CmContextReadFunc     func,
                                           gpointer              data,
                                           GDestroyNotify        data_free,
                                           GDestroyNotify        result_free,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gpointer    cm_context_read_finish        (CmContext            *self,
                                           GAsyncResult         *result,
                                           GError              **error);
guint       cm_context_get_n_reading      (CmContext            *self);
void        cm_context_import_file_async  (CmContext            *self,
                                           const char           *kind,
                                           const char           *path,
                                           gboolean              dry_run,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean    cm_context_import_file_finish (CmContext            *self,
                                           GAsyncResult         *result,
                                           CmImportResult       *out_result,
                                           GError              **error);
gboolean    cm_context_backup             (CmContext            *self,
                                           const char           *dest_path,
                                           GError              **error);
void        cm_context_restore_async      (CmContext            *self,
                                           const char           *backup_path,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean    cm_context_restore_finish     (CmContext            *self,
                                           GAsyncResult         *result,
                                           char                **out_before_restore,
                                           GError              **error);
char       *cm_context_get_setting        (CmContext            *self,
                                           const char           *key,
                                           GError              **error);
gboolean    cm_context_set_setting        (CmContext            *self,
                                           const char           *key,
                                           const char           *value,
                                           GError              **error);
CmHistory  *cm_context_get_history        (CmContext            *self);
gboolean    cm_context_check_external_changes (CmContext       *self);
void        cm_context_begin_undoable     (CmContext            *self);
void        cm_context_end_undoable       (CmContext            *self,
                                           const char           *label);

G_END_DECLS
