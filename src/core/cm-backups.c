/* cm-backups.c
 *
 * Automatic backups: taken, named, kept and restored (HACKING.md,
 * "Backups").
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-db"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cm-backups.h"
#include "cm-db-private.h"
#include "cm-fiscal.h"

/* In file names; the order is CmBackupKind's. */
static const char * const kind_names[] = {
  "daily",
  "before-import",
  "before-upgrade",
  "before-restore",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == CM_BACKUP_BEFORE_RESTORE + 1);

/* A file found in the folder, with what its name says. */
typedef struct
{
  CmBackupKind  kind;
  int           year, month, day, hour, minute;
  guint         counter;  /* 1 for a name without "-N" */
  char         *path;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->path);
  g_free (entry);
}

/* Newest first: by day, then minute, then the counter of that minute. */
static int
entry_compare_newest_first (gconstpointer a,
                            gconstpointer b)
{
  const Entry *x = *(Entry * const *) a;
  const Entry *y = *(Entry * const *) b;
  int keys_x[] = { x->year, x->month, x->day, x->hour, x->minute, (int) x->counter };
  int keys_y[] = { y->year, y->month, y->day, y->hour, y->minute, (int) y->counter };

  for (guint i = 0; i < G_N_ELEMENTS (keys_x); i++)
    if (keys_x[i] != keys_y[i])
      return keys_x[i] > keys_y[i] ? -1 : 1;

  return 0;
}

void
cm_backup_free (CmBackup *backup)
{
  if (backup == NULL)
    return;

  g_clear_pointer (&backup->time, g_date_time_unref);
  g_free (backup->path);
  g_free (backup);
}

/**
 * cm_backup_kind_label:
 * @kind: a #CmBackupKind
 *
 * Returns: why the backup was taken, in words ("Before an import")
 */
const char *
cm_backup_kind_label (CmBackupKind kind)
{
  switch (kind)
    {
    case CM_BACKUP_DAILY:
      return _("Daily");
    case CM_BACKUP_BEFORE_IMPORT:
      return _("Before an import");
    case CM_BACKUP_BEFORE_UPGRADE:
      return _("Before an upgrade");
    case CM_BACKUP_BEFORE_RESTORE:
      return _("Before a restore");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * cm_backup_describe_time:
 * @backup: a #CmBackup
 *
 * Returns: (transfer full): when it was taken, as dates are shown
 *   ("30 Nov 2026 08:15")
 */
char *
cm_backup_describe_time (const CmBackup *backup)
{
  g_autofree char *time = g_date_time_format (backup->time, "%H:%M");
  g_autofree char *day = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (backup->time),
                  (GDateMonth) g_date_time_get_month (backup->time),
                  (GDateYear) g_date_time_get_year (backup->time));
  day = cm_fiscal_format_date (&date);

  return g_strdup_printf ("%s %s", day, time);
}

/**
 * cm_backups_get_folder:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/commissioner/backups`
 */
char *
cm_backups_get_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "commissioner", "backups", NULL);
}

/**
 * cm_backups_get_stem:
 * @db_path: a database file
 *
 * The start of the names of the backups of @db_path: its name without
 * `.db`, and for any database but the default one a short hash of its
 * absolute path, so that two databases never share backups
 * ("commissioner", "county-3f9a12c4").
 *
 * Returns: (transfer full): the stem
 */
char *
cm_backups_get_stem (const char *db_path)
{
  g_autofree char *absolute = g_canonicalize_filename (db_path, NULL);
  g_autofree char *default_path = cm_db_default_path ();
  g_autofree char *default_absolute = g_canonicalize_filename (default_path, NULL);
  g_autofree char *base = g_path_get_basename (absolute);
  g_autofree char *hash = NULL;

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';

  if (g_str_equal (absolute, default_absolute))
    return g_steal_pointer (&base);

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  return g_strdup_printf ("%s-%.8s", base, hash);
}

static gboolean
read_number (const char *text,
             guint       n_digits,
             int        *out_value)
{
  int value = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }

  *out_value = value;
  return TRUE;
}

/* Reads "STEM-YYYY-MM-DD-daily.db" or "STEM-YYYY-MM-DDTHHMM-KIND[-N].db". */
static Entry *
parse_name (const char *stem,
            const char *name)
{
  g_autoptr(GString) rest = NULL;
  Entry entry = { 0 };
  const char *p;
  size_t stem_length = strlen (stem);

  if (strncmp (name, stem, stem_length) != 0 || name[stem_length] != '-' ||
      !g_str_has_suffix (name, ".db"))
    return NULL;

  rest = g_string_new_len (name + stem_length + 1, (gssize) (strlen (name) - stem_length - 1 - 3));
  p = rest->str;

  if (rest->len < 11 ||
      !read_number (p, 4, &entry.year) || p[4] != '-' ||
      !read_number (p + 5, 2, &entry.month) || p[7] != '-' ||
      !read_number (p + 8, 2, &entry.day) ||
      !g_date_valid_dmy ((GDateDay) entry.day, (GDateMonth) entry.month, (GDateYear) entry.year))
    return NULL;
  p += 10;
  entry.counter = 1;

  if (g_str_equal (p, "-daily"))
    entry.kind = CM_BACKUP_DAILY;
  else
    {
      gboolean found = FALSE;

      if (p[0] != 'T' || !read_number (p + 1, 2, &entry.hour) || !read_number (p + 3, 2, &entry.minute) ||
          p[5] != '-' || entry.hour > 23 || entry.minute > 59)
        return NULL;
      p += 6;

      for (guint k = CM_BACKUP_BEFORE_IMPORT; k < G_N_ELEMENTS (kind_names) && !found; k++)
        {
          size_t length = strlen (kind_names[k]);

          if (strncmp (p, kind_names[k], length) != 0)
            continue;
          if (p[length] == '\0')
            found = TRUE;
          else if (p[length] == '-' && p[length + 1] != '\0' && strspn (p + length + 1, "0123456789") == strlen (p + length + 1))
            {
              guint64 counter = g_ascii_strtoull (p + length + 1, NULL, 10);

              if (counter < 2 || counter > 9999)
                return NULL;
              entry.counter = (guint) counter;
              found = TRUE;
            }
          if (found)
            entry.kind = (CmBackupKind) k;
        }
      if (!found)
        return NULL;
    }

  return g_memdup2 (&entry, sizeof entry);
}

/* The backups of @stem in the folder, newest first; none if the folder
 * is missing. */
static GPtrArray *
list_entries (const char  *stem,
              GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (entry_free);
  g_autofree char *folder = cm_backups_get_folder ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  if (!(dir = g_dir_open (folder, 0, &local_error)))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&entries);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Could not read the backups in “%s”: "), folder);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      Entry *entry = parse_name (stem, name);

      if (entry == NULL)
        continue;
      entry->path = g_build_filename (folder, name, NULL);
      g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (entries, entry_compare_newest_first);
  return g_steal_pointer (&entries);
}

/**
 * cm_backups_list:
 * @db_path: a database file
 * @error: return location for a #GError
 *
 * Lists the automatic backups of @db_path, newest first.
 *
 * Returns: (transfer full) (element-type CmBackup): the backups
 */
GPtrArray *
cm_backups_list (const char  *db_path,
                 GError     **error)
{
  g_autofree char *stem = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  stem = cm_backups_get_stem (db_path);
  if (!(entries = list_entries (stem, error)))
    return NULL;

  backups = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_backup_free);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GFile) file = g_file_new_for_path (entry->path);
      g_autoptr(GFileInfo) info = g_file_query_info (file,
                                                     G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
      CmBackup *backup;

      /* Gone since the folder was read (another instance rotated it). */
      if (info == NULL)
        continue;

      backup = g_new0 (CmBackup, 1);
      backup->kind = entry->kind;
      backup->size = g_file_info_get_size (info);
      backup->path = g_strdup (entry->path);
      backup->time = g_date_time_new_local (entry->year, entry->month, entry->day, entry->hour, entry->minute, 0);
      if (entry->kind == CM_BACKUP_DAILY)
        {
          g_autoptr(GDateTime) written = g_file_info_get_modification_date_time (info);
          g_autoptr(GDateTime) local = written != NULL ? g_date_time_to_local (written) : NULL;

          if (local != NULL && g_date_time_get_year (local) == entry->year &&
              g_date_time_get_month (local) == entry->month &&
              g_date_time_get_day_of_month (local) == entry->day)
            {
              g_date_time_unref (backup->time);
              backup->time = g_date_time_new_local (entry->year, entry->month, entry->day,
                                                    g_date_time_get_hour (local), g_date_time_get_minute (local), 0);
            }
        }
      g_ptr_array_add (backups, backup);
    }

  return g_steal_pointer (&backups);
}

static void
remove_backup (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* Keeps the last 7 daily backups and the last 10 of the others, and
 * @keep whatever its age (it is about to be restored). */
static void
rotate (const char *stem,
        const char *keep)
{
  g_autoptr(GPtrArray) entries = list_entries (stem, NULL);
  guint n_daily = 0;
  guint n_before = 0;

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      guint n = entry->kind == CM_BACKUP_DAILY ? ++n_daily : ++n_before;
      guint limit = entry->kind == CM_BACKUP_DAILY ? CM_BACKUPS_KEEP_DAILY : CM_BACKUPS_KEEP_BEFORE;

      if (n > limit && g_strcmp0 (entry->path, keep) != 0)
        remove_backup (entry->path);
    }
}

static char *
ensure_folder (GError **error)
{
  g_autofree char *folder = cm_backups_get_folder ();

  /* One person's data: only they may list or read the copies. */
  if (g_mkdir_with_parents (folder, 0700) != 0 || g_chmod (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the backup folder “%s”: %s"), folder, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&folder);
}

/* A name no backup of @stem has yet. Backups taken in the same minute
 * are counted ("…T0815-before-import-2.db") so that their order is kept. */
static char *
next_path (const char   *folder,
           const char   *stem,
           CmBackupKind  kind,
           GDateTime    *when)
{
  g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *name = NULL;
  guint counter = 0;

  if (kind == CM_BACKUP_DAILY)
    {
      name = g_strdup_printf ("%s-%s-daily.db", stem, day);
      return g_build_filename (folder, name, NULL);
    }

  entries = list_entries (stem, NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      if (entry->kind != CM_BACKUP_DAILY &&
          entry->year == g_date_time_get_year (when) && entry->month == g_date_time_get_month (when) &&
          entry->day == g_date_time_get_day_of_month (when) && entry->hour == g_date_time_get_hour (when) &&
          entry->minute == g_date_time_get_minute (when))
        counter = MAX (counter, entry->counter);
    }

  if (counter == 0)
    name = g_strdup_printf ("%s-%sT%02d%02d-%s.db", stem, day,
                            g_date_time_get_hour (when), g_date_time_get_minute (when), kind_names[kind]);
  else
    name = g_strdup_printf ("%s-%sT%02d%02d-%s-%u.db", stem, day,
                            g_date_time_get_hour (when), g_date_time_get_minute (when), kind_names[kind], counter + 1);

  return g_build_filename (folder, name, NULL);
}

static gboolean
take (CmDb          *db,
      CmBackupKind   kind,
      GDateTime     *when,
      const char    *keep,
      char         **out_path,
      GError       **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *path = NULL;

  if (!(folder = ensure_folder (error)))
    return FALSE;

  stem = cm_backups_get_stem (cm_db_get_path (db));

  /* Claim the name first: two programs backing up in the same minute
   * (concurrent imports) must not write to the same file. */
  for (;;)
    {
      int fd;

      g_free (path);
      path = next_path (folder, stem, kind, when);
      fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);
      if (fd >= 0)
        {
          close (fd);
          break;
        }
      if (errno != EEXIST)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not back up the database: could not write “%s”: %s"),
                       path, g_strerror (saved_errno));
          return FALSE;
        }
      /* Another program is taking today's daily backup already. */
      if (kind == CM_BACKUP_DAILY)
        return TRUE;
    }

  if (!cm_db_copy_handle (cm_db_get_handle (db), path, error))
    {
      g_unlink (path);
      g_prefix_error (error, _("Could not back up the database: "));
      return FALSE;
    }

  rotate (stem, keep);

  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return TRUE;
}

/**
 * cm_backups_take_at:
 * @db: an open database
 * @kind: why
 * @when: the time to name it by (for a daily backup, only its day counts)
 * @out_path: (out) (optional) (transfer full): the file written
 * @error: return location for a #GError
 *
 * Copies @db into the backup folder with the SQLite backup API (mode
 * 0600), then removes the backups of the same family past the last 7
 * daily ones and the last 10 of the others.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_backups_take_at (CmDb          *db,
                    CmBackupKind   kind,
                    GDateTime     *when,
                    char         **out_path,
                    GError       **error)
{
  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (when != NULL, FALSE);

  return take (db, kind, when, NULL, out_path, error);
}

/**
 * cm_backups_take:
 * @db: an open database
 * @kind: why
 * @out_path: (out) (optional) (transfer full): the file written
 * @error: return location for a #GError
 *
 * cm_backups_take_at() now.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_backups_take (CmDb          *db,
                 CmBackupKind   kind,
                 char         **out_path,
                 GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return cm_backups_take_at (db, kind, now, out_path, error);
}

/**
 * cm_backups_take_daily:
 * @db: an open database
 * @out_path: (out) (optional) (transfer full) (nullable): the file
 *   written, %NULL when none was needed
 * @error: return location for a #GError
 *
 * Takes today's daily backup unless there is one already, or the
 * database holds nothing of the user's yet. Today follows
 * `COMMISSIONER_TODAY` (cm_fiscal_get_today()).
 *
 * Returns: %TRUE on success, whether or not a backup was needed
 */
gboolean
cm_backups_take_daily (CmDb     *db,
                       char    **out_path,
                       GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *folder = cm_backups_get_folder ();
  g_autofree char *stem = NULL;
  g_autofree char *path = NULL;
  gboolean has_data = FALSE;
  GDate today;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (out_path != NULL)
    *out_path = NULL;

  cm_fiscal_get_today (&today, NULL);
  when = g_date_time_new_local (g_date_get_year (&today), g_date_get_month (&today), g_date_get_day (&today),
                                g_date_time_get_hour (now), g_date_time_get_minute (now), 0);
  stem = cm_backups_get_stem (cm_db_get_path (db));
  path = next_path (folder, stem, CM_BACKUP_DAILY, when);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  /* An empty database has nothing to lose. */
  if (!cm_db_has_user_data (db, &has_data, error))
    return FALSE;
  if (!has_data)
    return TRUE;

  return take (db, CM_BACKUP_DAILY, when, NULL, out_path, error);
}

/**
 * cm_backups_restore:
 * @db: the open database
 * @backup_path: the backup to restore
 * @out_before_restore: (out) (optional) (transfer full): the backup of
 *   what @db held, which restoring takes first
 * @error: return location for a #GError
 *
 * Backs @db up (%CM_BACKUP_BEFORE_RESTORE), then copies @backup_path into
 * it with cm_db_copy_from(): open connections stay valid. Announces every
 * kind of data as changed. Restoring the before-restore backup undoes it.
 *
 * Returns: %TRUE on success; on failure nothing was changed
 */
gboolean
cm_backups_restore (CmDb        *db,
                    const char  *backup_path,
                    char       **out_before_restore,
                    GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *before = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (cm_db_is_read_only (db))
    {
      g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_READ_ONLY,
                   _("The database “%s” is read-only; nothing was changed"), cm_db_get_path (db));
      return FALSE;
    }
  /* A copy that cannot be restored is refused before anything is done. */
  if (!cm_db_check_copy (backup_path, error) ||
      !take (db, CM_BACKUP_BEFORE_RESTORE, now, backup_path, &before, error))
    return FALSE;

  /* On failure the before-restore backup stays: upgrading an older copy
   * may have failed once it was in place. */
  if (!cm_db_copy_from (db, backup_path, error))
    return FALSE;

  /* Everything may have changed: every view reads its data again. */
  for (guint kind = 1; kind <= CM_CHANGE_ALL; kind <<= 1)
    cm_db_announce (db, (CmChangeKind) kind, 0, 0, 0);

  if (out_before_restore != NULL)
    *out_before_restore = g_steal_pointer (&before);
  return TRUE;
}

static gboolean
move_aside (const char  *from,
            const char  *to,
            GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);

  if (!g_file_test (from, G_FILE_TEST_EXISTS))
    return TRUE;

  if (!g_file_move (source, dest, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                    NULL, NULL, NULL, error))
    return FALSE;

  g_chmod (to, 0600);
  return TRUE;
}

/**
 * cm_backups_restore_file:
 * @db_path: a database file that cannot be opened (damaged, say)
 * @backup_path: the backup to restore
 * @out_before_restore: (out) (optional) (transfer full): where the file
 *   that was there went
 * @error: return location for a #GError
 *
 * For a database no connection can open: writes a checked copy of
 * @backup_path beside @db_path, moves the file there (and its `-wal`) to
 * the backup folder as it is (%CM_BACKUP_BEFORE_RESTORE), and puts the
 * copy in its place.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_backups_restore_file (const char  *db_path,
                         const char  *backup_path,
                         char       **out_before_restore,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *before = NULL;
  g_autofree char *before_wal = NULL;
  g_autofree char *restoring = g_strconcat (db_path, ".restoring", NULL);
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (!(folder = ensure_folder (error)))
    return FALSE;

  /* The copy is whole before anything is moved. */
  if (!cm_db_copy_file (backup_path, restoring, error))
    return FALSE;

  stem = cm_backups_get_stem (db_path);
  before = next_path (folder, stem, CM_BACKUP_BEFORE_RESTORE, now);
  before_wal = g_strconcat (before, "-wal", NULL);

  /* A -wal left beside the restored file would be replayed into it. */
  if (!move_aside (db_path, before, error) ||
      !move_aside (wal, before_wal, error))
    {
      g_unlink (restoring);
      return FALSE;
    }
  g_unlink (shm);

  if (g_rename (restoring, db_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), db_path, g_strerror (saved_errno));
      return FALSE;
    }

  rotate (stem, NULL);

  if (out_before_restore != NULL)
    *out_before_restore = g_file_test (before, G_FILE_TEST_EXISTS) ? g_steal_pointer (&before) : NULL;
  return TRUE;
}
