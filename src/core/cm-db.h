/* cm-db.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cm-change.h"

G_BEGIN_DECLS

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
  CM_DB_ERROR_MISSING,
} CmDbError;

/**
 * CmDbOpenFlags:
 * @CM_DB_OPEN_EXISTING: the file must already be a database; opened for
 *   writing, or for reading only when it cannot be written
 * @CM_DB_OPEN_CREATE: create the file (and its folders) when missing, or
 *   turn an empty file into a database
 * @CM_DB_OPEN_READ_ONLY: only read: nothing is ever created or left
 *   beside the file, and an older schema is upgraded in a private copy
 * @CM_DB_OPEN_WRITE: fail at once, naming the cause, when the file cannot
 *   be written
 * @CM_DB_OPEN_DRY_RUN: read it, as %CM_DB_OPEN_READ_ONLY does, into a
 *   private in-memory copy that may be written and is thrown away
 */
typedef enum
{
  CM_DB_OPEN_EXISTING  = 0,
  CM_DB_OPEN_CREATE    = 1 << 0,
  CM_DB_OPEN_READ_ONLY = 1 << 1,
  CM_DB_OPEN_WRITE     = 1 << 2,
  CM_DB_OPEN_DRY_RUN   = 1 << 3,
} CmDbOpenFlags;


/* The schema version this build creates and migrates to. */
#define CM_DB_SCHEMA_VERSION 8

#define CM_TYPE_DB (cm_db_get_type ())

G_DECLARE_FINAL_TYPE (CmDb, cm_db, CM, DB, GObject)

/* Called while waiting for another program's lock: once when the wait
 * starts (@waited_seconds 0), then about every five seconds. */
typedef void (*CmDbWaitFunc) (CmDb     *db,
                              guint     waited_seconds,
                              gpointer  user_data);

/* The connection and its life cycle. The SQL helpers are private to the
 * core (cm-db-private.h): nothing outside src/core runs SQL. */

GQuark        cm_db_error_quark          (void);
char         *cm_db_default_path         (void);
gboolean      cm_db_error_is_not_now     (const GError  *error);
CmDb         *cm_db_open                 (const char    *path,
                                          GError       **error);
CmDb         *cm_db_open_full            (const char    *path,
                                          CmDbOpenFlags  flags,
                                          GError       **error);
void          cm_db_set_lock_wait        (CmDb          *self,
                                          guint          seconds,
                                          CmDbWaitFunc   func,
                                          gpointer       user_data);
const char   *cm_db_get_path             (CmDb          *self);
int           cm_db_get_schema_version   (CmDb          *self);
gboolean      cm_db_is_read_only         (CmDb          *self);
const char   *cm_db_get_migration_backup (CmDb          *self);
gboolean      cm_db_backup               (CmDb          *self,
                                          const char    *dest_path,
                                          GError       **error);
gboolean      cm_db_has_user_data        (CmDb          *self,
                                          gboolean      *out_has_data,
                                          GError       **error);
gboolean      cm_db_count_rows           (CmDb          *self,
                                          const char    *table,
                                          gint64        *out_count,
                                          GError       **error);

G_END_DECLS
