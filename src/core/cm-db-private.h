/* cm-db-private.h
 *
 * The SQL helpers of the core. Only src/core (and the tests that check
 * what it stored) include this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "cm-db.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The indexes of the transactions table (schema 3), which a large spend
 * import drops and builds again: sorting 100,000 keys once is quicker
 * than placing them one by one. */
#define CM_DB_TRANSACTION_INDEXES \
  "CREATE UNIQUE INDEX transactions_key ON transactions (lower (trim (supplier)), lower (trim (reference)));" \
  "CREATE INDEX transactions_date ON transactions (date);" \
  /* With the amount, a commission's actual is read from the index alone. */ \
  "CREATE INDEX transactions_commission ON transactions (commission_id, amount_pence);" \
  "CREATE INDEX transactions_stream ON transactions (stream_id);"
#define CM_DB_DROP_TRANSACTION_INDEXES \
  "DROP INDEX transactions_key; DROP INDEX transactions_date;" \
  "DROP INDEX transactions_commission; DROP INDEX transactions_stream;"

/* For tests: open and migrate no further than @target_version. */
CmDb         *cm_db_open_at_version    (const char    *path,
                                        int            target_version,
                                        GError       **error);
sqlite3      *cm_db_get_handle         (CmDb          *self);
gboolean      cm_db_copy_handle        (sqlite3       *source,
                                        const char    *dest_path,
                                        GError       **error);
gboolean      cm_db_check_copy         (const char    *source_path,
                                        GError       **error);
gboolean      cm_db_copy_file          (const char    *source_path,
                                        const char    *dest_path,
                                        GError       **error);
gboolean      cm_db_copy_from          (CmDb          *self,
                                        const char    *source_path,
                                        GError       **error);
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
void          cm_db_set_audit_each_insert (CmDb       *self,
                                           gboolean    each);
gboolean      cm_db_begin              (CmDb          *self,
                                        GError       **error);
gboolean      cm_db_commit             (CmDb          *self,
                                        GError       **error);
void          cm_db_rollback           (CmDb          *self);
void          cm_db_announce           (CmDb          *self,
                                        CmChangeKind   kind,
                                        int            year,
                                        int            half,
                                        gint64         id);

G_END_DECLS
