/* cm-db-diagnose.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-db"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "cm-db.h"
#include "cm-db-diagnose.h"

/* Enough to see the SQLite header and to tell text from other files. */
#define SNIFF_BYTES 4096

/* The SQLite file header: the magic string with its NUL, then the page
 * size at 16, the change counter at 24, the page count at 28 and the
 * number the page count is valid for at 92, big-endian. */
#define SQLITE_MAGIC        "SQLite format 3"
#define SQLITE_HEADER_BYTES 100

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
contains (const guchar *bytes,
          gsize         n_bytes,
          const char   *needle)
{
  gsize len = strlen (needle);

  for (gsize i = 0; i + len <= n_bytes; i++)
    if (memcmp (bytes + i, needle, len) == 0)
      return TRUE;

  return FALSE;
}

/* Text is valid UTF-8 with no NUL, allowing a character cut at the end
 * of what was read. */
static gboolean
looks_like_text (const guchar *bytes,
                 gsize         n_bytes)
{
  const char *end = NULL;

  if (n_bytes == 0 || memchr (bytes, '\0', n_bytes) != NULL)
    return FALSE;

  if (g_utf8_validate ((const char *) bytes, n_bytes, &end))
    return TRUE;

  return n_bytes == SNIFF_BYTES && (gsize) (end - (const char *) bytes) + 4 > n_bytes;
}

/* What a file that is not SQLite is, in a commissioner's words. */
static const char *
describe_foreign (const guchar *bytes,
                  gsize         n_bytes)
{
  if (n_bytes >= 4 && memcmp (bytes, "PK\003\004", 4) == 0)
    {
      if (contains (bytes, n_bytes, "xl/") || contains (bytes, n_bytes, "[Content_Types].xml"))
        return _("an Excel workbook (.xlsx) or another Office document, not a database");
      return _("a ZIP archive, not a database");
    }

  if (n_bytes >= 5 && memcmp (bytes, "%PDF-", 5) == 0)
    return _("a PDF document, not a database");

  if (n_bytes >= 4 && memcmp (bytes, "\320\317\021\340", 4) == 0)
    return _("an older Microsoft Office file (such as .xls or .doc), not a database");

  if (looks_like_text (bytes, n_bytes))
    {
      const guchar *newline = memchr (bytes, '\n', n_bytes);
      gsize first_line = newline != NULL ? (gsize) (newline - bytes) : n_bytes;

      if (memchr (bytes, ',', first_line) != NULL || memchr (bytes, ';', first_line) != NULL ||
          memchr (bytes, '\t', first_line) != NULL)
        return _("a text file, perhaps a CSV file to import, not a database");
      return _("a text file, not a database");
    }

  return _("not an SQLite database at all");
}

/* A -wal or a hot -journal beside @path holds pages SQLite will bring
 * back into it. */
static gboolean
has_pending_pages (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (side, &st) == 0 && st.st_size > 0)
        return TRUE;
    }

  return FALSE;
}

/* Reads the start of @path through SQLite's own file layer. A plain
 * open() and close() of a database this process already has open (a
 * worker's connection opening beside the window's) would drop the
 * process's POSIX locks on it, and another program could then delete the
 * -wal that still holds our writes; SQLite's layer keeps the descriptor
 * until those locks are gone. */
static gboolean
read_start (const char *path,
            guchar     *bytes,
            gsize       size,
            gsize      *out_n_bytes,
            gint64     *out_file_size)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);
  g_autofree char *full_path = NULL;
  g_autofree sqlite3_file *file = NULL;
  sqlite3_int64 file_size = 0;
  int out_flags = 0;
  gsize n_bytes;
  int rc;

  if (vfs == NULL)
    return FALSE;

  full_path = g_malloc0 ((gsize) vfs->mxPathname + 1);
  if (vfs->xFullPathname (vfs, path, vfs->mxPathname + 1, full_path) != SQLITE_OK)
    return FALSE;

  file = g_malloc0 ((gsize) vfs->szOsFile);
  if (vfs->xOpen (vfs, full_path, file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &out_flags) != SQLITE_OK)
    return FALSE;

  rc = file->pMethods->xFileSize (file, &file_size);
  n_bytes = rc == SQLITE_OK ? (gsize) MIN ((sqlite3_int64) size, file_size) : 0;
  if (rc == SQLITE_OK && n_bytes > 0)
    rc = file->pMethods->xRead (file, bytes, (int) n_bytes, 0);
  file->pMethods->xClose (file);

  if (rc != SQLITE_OK)
    return FALSE;

  *out_n_bytes = n_bytes;
  *out_file_size = file_size;
  return TRUE;
}

/**
 * cm_db_diagnose_file:
 * @path: a file that exists
 *
 * Looks at the bytes of @path, without opening a connection, for what
 * SQLite would only report as "not a database" or "malformed": another
 * kind of file, or a database that ends before the size its header
 * gives (truncated by a failed copy or a full disk).
 *
 * Returns: (transfer full) (nullable): a #CM_DB_ERROR saying what is
 *   wrong (%CM_DB_ERROR_NOT_COMMISSIONER or %CM_DB_ERROR_CORRUPT), or
 *   %NULL if the bytes show nothing wrong, or could not be read
 */
GError *
cm_db_diagnose_file (const char *path)
{
  guchar bytes[SNIFF_BYTES];
  gint64 file_size = 0;
  gsize n_bytes = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!read_start (path, bytes, sizeof bytes, &n_bytes, &file_size))
    return NULL;

  /* SQLite makes an empty file a new database. */
  if (n_bytes == 0)
    return NULL;

  if (n_bytes < sizeof SQLITE_MAGIC || memcmp (bytes, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    return g_error_new (CM_DB_ERROR, CM_DB_ERROR_NOT_COMMISSIONER,
                        _("“%s” is not a Commissioner database: it is %s"),
                        path, describe_foreign (bytes, n_bytes));

  if (n_bytes < SQLITE_HEADER_BYTES)
    return g_error_new (CM_DB_ERROR, CM_DB_ERROR_CORRUPT,
                        _("“%s” is damaged: it ends part-way through (%" G_GINT64_FORMAT " bytes, less than SQLite’s header of %d)"),
                        path, file_size, SQLITE_HEADER_BYTES);

  {
    guint32 page_size = ((guint32) bytes[16] << 8) | bytes[17];
    guint32 change_counter = read_be32 (bytes + 24);
    guint32 n_pages = read_be32 (bytes + 28);
    guint32 valid_for = read_be32 (bytes + 92);
    gint64 expected;

    if (page_size == 1)
      page_size = 65536;

    /* The page count in the header is only kept by SQLite 3.7 and later,
     * which says so with the valid-for number. While a checkpoint runs
     * the file may be shorter than the header says, and so may it after
     * a crash mid-commit; the -wal or the -journal then still holds the
     * pages. */
    if (page_size < 512 || (page_size & (page_size - 1)) != 0 ||
        n_pages == 0 || valid_for != change_counter || has_pending_pages (path))
      return NULL;

    expected = (gint64) n_pages * page_size;
    if (file_size < expected)
      return g_error_new (CM_DB_ERROR, CM_DB_ERROR_CORRUPT,
                          _("“%s” is damaged: it ends part-way through (%" G_GINT64_FORMAT " bytes, SQLite expected %" G_GINT64_FORMAT ")"),
                          path, file_size, expected);
  }

  return NULL;
}

/**
 * cm_db_describe_read_only:
 * @path: a database that SQLite opened read-only
 *
 * Says why changes to @path cannot be saved: the disk is read-only, the
 * file's permissions do not allow it, or SQLite cannot write its -wal
 * beside it in the folder.
 *
 * Returns: (transfer full): a sentence to show
 */
char *
cm_db_describe_read_only (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  basename = g_path_get_basename (path);

  if (g_access (path, W_OK) != 0)
    {
      if (errno == EROFS)
        return g_strdup_printf (_("Changes cannot be saved: “%s” is on a disk that is read-only."), basename);
      return g_strdup_printf (_("Changes cannot be saved: you do not have permission to change “%s”."), basename);
    }

  dir = g_path_get_dirname (path);
  if (g_access (dir, W_OK) != 0)
    return g_strdup_printf (_("Changes cannot be saved: the folder holding “%s” cannot be written to."), basename);

  return g_strdup_printf (_("Changes cannot be saved: “%s” could only be opened read-only."), basename);
}

/**
 * cm_db_restrict_mode:
 * @path: a database this process opened for writing
 *
 * Makes @path, and its -wal and -shm when they exist, readable and
 * writable by their owner only: the file holds learners' names and
 * emails. Files owned by someone else are left alone, since only the
 * owner may change their mode.
 */
void
cm_db_restrict_mode (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  g_return_if_fail (path != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0 && S_ISREG (st.st_mode) &&
          st.st_uid == geteuid () && (st.st_mode & 0777) != 0600)
        g_chmod (file, 0600);
    }
}
