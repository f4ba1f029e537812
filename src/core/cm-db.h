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
} CmDbError;

/* The schema version this build creates and migrates to. */
#define CM_DB_SCHEMA_VERSION 6

#define CM_TYPE_DB (cm_db_get_type ())

G_DECLARE_FINAL_TYPE (CmDb, cm_db, CM, DB, GObject)

/* The connection and its life cycle. The SQL helpers are private to the
 * core (cm-db-private.h): nothing outside src/core runs SQL. */

GQuark        cm_db_error_quark          (void);
char         *cm_db_default_path         (void);
CmDb         *cm_db_open                 (const char    *path,
                                          GError       **error);
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
