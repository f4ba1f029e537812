/* cm-db.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define CM_DB_ERROR (cm_db_error_quark ())

typedef enum
{
  CM_DB_ERROR_OPEN,
  CM_DB_ERROR_CORRUPT,
  CM_DB_ERROR_NOT_COMMISSIONER,
  CM_DB_ERROR_TOO_NEW,
  CM_DB_ERROR_READ_ONLY,
  CM_DB_ERROR_BUSY,
  CM_DB_ERROR_FULL,
  CM_DB_ERROR_CONSTRAINT,
  CM_DB_ERROR_FAILED,
} CmDbError;

/* The schema version this build creates and migrates to. */
#define CM_DB_SCHEMA_VERSION 2

#define CM_TYPE_DB (cm_db_get_type ())

G_DECLARE_FINAL_TYPE (CmDb, cm_db, CM, DB, GObject)

GQuark        cm_db_error_quark        (void);
char         *cm_db_default_path       (void);
CmDb         *cm_db_open               (const char    *path,
                                        GError       **error);
const char   *cm_db_get_path           (CmDb          *self);
sqlite3      *cm_db_get_handle         (CmDb          *self);
int           cm_db_get_schema_version (CmDb          *self);
gboolean      cm_db_is_read_only       (CmDb          *self);
const char   *cm_db_get_migration_backup (CmDb        *self);
gboolean      cm_db_exec               (CmDb          *self,
                                        const char    *sql,
                                        GError       **error);
sqlite3_stmt *cm_db_prepare            (CmDb          *self,
                                        const char    *sql,
                                        GError       **error);
gboolean      cm_db_step_done          (CmDb          *self,
                                        sqlite3_stmt  *stmt,
                                        GError       **error);
gboolean      cm_db_row_exists         (CmDb          *self,
                                        const char    *sql,
                                        gint64         id,
                                        gboolean      *out_exists,
                                        GError       **error);
gboolean      cm_db_query_int64        (CmDb          *self,
                                        const char    *sql,
                                        gint64        *out_value,
                                        GError       **error);
void          cm_db_set_error          (CmDb          *self,
                                        GError       **error);
gboolean      cm_db_begin              (CmDb          *self,
                                        GError       **error);
gboolean      cm_db_commit             (CmDb          *self,
                                        GError       **error);
void          cm_db_rollback           (CmDb          *self);
gboolean      cm_db_backup             (CmDb          *self,
                                        const char    *dest_path,
                                        GError       **error);
gboolean      cm_db_has_user_data      (CmDb          *self,
                                        gboolean      *out_has_data,
                                        GError       **error);

G_END_DECLS
