/* cm-backups.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cm-db.h"

G_BEGIN_DECLS

/**
 * CmBackupKind:
 * @CM_BACKUP_DAILY: the first start of a day that may write
 * @CM_BACKUP_BEFORE_IMPORT: before an import that writes
 * @CM_BACKUP_BEFORE_UPGRADE: before the schema is migrated
 * @CM_BACKUP_BEFORE_RESTORE: before a backup is restored over the data
 *
 * Why an automatic backup was taken. The last 7 daily backups are kept,
 * and the last 10 of the other kinds together (taken before a change).
 */
typedef enum
{
  CM_BACKUP_DAILY,
  CM_BACKUP_BEFORE_IMPORT,
  CM_BACKUP_BEFORE_UPGRADE,
  CM_BACKUP_BEFORE_RESTORE,
} CmBackupKind;

#define CM_BACKUPS_KEEP_DAILY  7
#define CM_BACKUPS_KEEP_BEFORE 10

/**
 * CmBackup:
 * @kind: why it was taken
 * @time: (local) when: for a daily backup, its day, at the time the file
 *   was written when that was on the same day, else at midnight
 * @size: the file's size in bytes
 * @path: the file
 *
 * One automatic backup, as cm_backups_list() finds it.
 */
typedef struct
{
  CmBackupKind  kind;
  GDateTime    *time;
  gint64        size;
  char         *path;
} CmBackup;

void        cm_backup_free            (CmBackup      *backup);
const char *cm_backup_kind_label      (CmBackupKind   kind);
char       *cm_backup_describe_time   (const CmBackup *backup);

char       *cm_backups_get_folder     (void);
char       *cm_backups_get_stem       (const char    *db_path);
gboolean    cm_backups_take           (CmDb          *db,
                                       CmBackupKind   kind,
                                       char         **out_path,
                                       GError       **error);
gboolean    cm_backups_take_at        (CmDb          *db,
                                       CmBackupKind   kind,
                                       GDateTime     *when,
                                       char         **out_path,
                                       GError       **error);
gboolean    cm_backups_take_daily     (CmDb          *db,
                                       char         **out_path,
                                       GError       **error);
GPtrArray  *cm_backups_list           (const char    *db_path,
                                       GError       **error);
gboolean    cm_backups_restore        (CmDb          *db,
                                       const char    *backup_path,
                                       char         **out_before_restore,
                                       GError       **error);
gboolean    cm_backups_restore_file   (const char    *db_path,
                                       const char    *backup_path,
                                       char         **out_before_restore,
                                       GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmBackup, cm_backup_free)

G_END_DECLS
