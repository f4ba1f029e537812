/* cm-export.c
 *
 * The workbook kinds, and what every export does around a kind's writer:
 * the "C" numeric locale, the temporary file and its rename into place
 * (docs/figures.md, "Workbooks").
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cm-export.h"
#include "cm-export-private.h"
#include "cm-fiscal.h"

G_DEFINE_QUARK (cm-export-error-quark, cm_export_error)

typedef struct
{
  const char   *name;
  const char   *label;     /* for the title and the footer */
  const char   *purpose;
  gboolean      uses_half;
  CmExportFunc  func;      /* NULL: not written by this version */
} KindInfo;

static const KindInfo kinds[CM_EXPORT_N_KINDS] = {
  [CM_EXPORT_FINANCE] = { "finance", N_("Finance"),
    N_("For finance officers: each stream’s figures, spend by quarter, commissions and every transaction, with live totals"),
    FALSE, cm_export_finance },
  [CM_EXPORT_DH_RETURN] = { "dh-return", N_("DH return"),
    N_("For the Department of Health: the workforce development grant return"),
    FALSE, cm_export_dh_return },
  [CM_EXPORT_CWDC_CLAIM] = { "cwdc-claim", N_("CWDC claim"),
    N_("For the Children’s Workforce Development Council: one claim block per CWDC stream"),
    FALSE, cm_export_cwdc_claim },
  [CM_EXPORT_LSCB_REPORT] = { "lscb-report", N_("LSCB report"),
    N_("For the Safeguarding Children Board: the multi-agency safeguarding programme"),
    FALSE, cm_export_lscb_report },
  [CM_EXPORT_TNA] = { "tna", N_("Training needs"),
    N_("For the workforce board: the needs matrix, priorities and suggested events of a cycle"),
    TRUE, cm_export_tna },
  [CM_EXPORT_EVALUATION] = { "evaluation", N_("Evaluation"),
    N_("For commissioners and providers: responses, reaction, confidence and follow-ups"),
    FALSE, cm_export_evaluation },
};

static const char * const kind_names[] = {
  "finance", "dh-return", "cwdc-claim", "lscb-report", "tna", "evaluation", NULL,
};
G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == CM_EXPORT_N_KINDS + 1);

const char * const *
cm_export_kinds (void)
{
  return kind_names;
}

gboolean
cm_export_kind_from_name (const char   *name,
                          CmExportKind *out_kind)
{
  for (guint i = 0; i < CM_EXPORT_N_KINDS; i++)
    {
      if (g_strcmp0 (name, kinds[i].name) == 0)
        {
          *out_kind = (CmExportKind) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
cm_export_kind_purpose (CmExportKind kind)
{
  g_return_val_if_fail (kind < CM_EXPORT_N_KINDS, NULL);
  return _(kinds[kind].purpose);
}

gboolean
cm_export_kind_lists_people (CmExportKind kind)
{
  g_return_val_if_fail (kind < CM_EXPORT_N_KINDS, FALSE);
  /* Its follow-ups due, by learner. */
  return kind == CM_EXPORT_EVALUATION;
}

gboolean
cm_export_kind_uses_half (CmExportKind kind)
{
  g_return_val_if_fail (kind < CM_EXPORT_N_KINDS, FALSE);
  return kinds[kind].uses_half;
}

gboolean
cm_export_kind_available (CmExportKind kind)
{
  g_return_val_if_fail (kind < CM_EXPORT_N_KINDS, FALSE);
  return kinds[kind].func != NULL;
}

char *
cm_export_suggest_name (CmExportKind kind,
                        int          year,
                        int          half)
{
  g_return_val_if_fail (kind < CM_EXPORT_N_KINDS, NULL);

  /* A slash cannot be in a file name: 2010/11 becomes 2010-11. */
  if (kinds[kind].uses_half && half > 0)
    return g_strdup_printf ("Commissioner %s %d-%02d H%d.xlsx", kinds[kind].name, year, (year + 1) % 100, half);
  return g_strdup_printf ("Commissioner %s %d-%02d.xlsx", kinds[kind].name, year, (year + 1) % 100);
}

/* ------------------------------------------------------------------ */
/* Writing the file                                                    */
/* ------------------------------------------------------------------ */

static gboolean
set_write_error (GError     **error,
                 int          saved_errno,
                 const char  *path,
                 const char  *folder)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *display_folder = g_filename_display_name (folder);

  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_NOT_NOW,
                   _("Could not write “%s”: the disk is full"), display);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_NOT_NOW,
                   _("Could not write “%s”: the folder “%s” is not writable"), display, display_folder);
      break;
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: the folder “%s” does not exist"), display, display_folder);
      break;
    default:
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
      break;
    }
  return FALSE;
}

static gboolean
set_replace_error (GError     **error,
                   int          code,
                   const char  *path,
                   const char  *why)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, CM_EXPORT_ERROR, code,
               _("Could not replace “%s”: %s; the file was left as it was"), display, why);
  return FALSE;
}

/* Whether another program holds @path open for editing: LibreOffice and
 * Excel leave a lock file beside a document they have open. */
/* The temporary workbooks are named so; an export that was killed leaves
 * one behind, never a partial .xlsx. */
#define TEMP_PREFIX ".commissioner-export-"

/* No export runs for an hour: a temporary workbook that old was left by
 * one that was interrupted, and the next export to the folder removes it. */
#define STALE_TEMP_SECONDS (60 * 60)

static void
remove_stale_temporaries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, TEMP_PREFIX))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && now - (gint64) st.st_mtime > STALE_TEMP_SECONDS)
        g_unlink (path);
    }
}

static gboolean
target_is_locked (const char *folder,
                  const char *base)
{
  g_autofree char *lo_name = g_strdup_printf (".~lock.%s#", base);
  g_autofree char *lo_path = g_build_filename (folder, lo_name, NULL);
  g_autofree char *excel_name = g_strdup_printf ("~$%s", base);
  g_autofree char *excel_path = g_build_filename (folder, excel_name, NULL);

  return g_file_test (lo_path, G_FILE_TEST_EXISTS) || g_file_test (excel_path, G_FILE_TEST_EXISTS);
}

/* The cause of a failed workbook_close(): libxlsxwriter reports a failed
 * write as its own code, so the disk is asked whether it is full. */
static int
close_errno (lxw_error lxw_status,
             int       saved_errno,
             const char *folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GFileInfo) info = NULL;

  if (saved_errno == ENOSPC || saved_errno == EDQUOT || saved_errno == EACCES ||
      saved_errno == EPERM || saved_errno == EROFS)
    return saved_errno;

  info = g_file_query_filesystem_info (file, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  if (info != NULL && g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE) < 1024 * 1024)
    return ENOSPC;

  return lxw_status == LXW_ERROR_CREATING_XLSX_FILE ? EACCES : EIO;
}

static CmExportBook *
book_new (const char   *tmp_path,
          const char   *path,
          const char   *label,
          gboolean      uses_half,
          int           year,
          int           half,
          const GDate  *today)
{
  CmExportBook *book = g_new0 (CmExportBook, 1);
  g_autofree char *period = uses_half && half > 0
    ? cm_fiscal_cycle_label (year, half) : cm_fiscal_year_label (year);

  book->tmp_path = g_strdup (tmp_path);
  book->path = g_strdup (path);
  book->title = g_strdup_printf ("%s %s", label, period);
  book->today = *today;
  book->sheet_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return book;
}

gboolean
cm_export_book_open (CmExportBook  *book,
                     gboolean       constant_memory,
                     GError       **error)
{
  g_autofree char *folder = g_path_get_dirname (book->tmp_path);
  lxw_workbook_options options = { .constant_memory = constant_memory, .tmpdir = folder, .use_zip64 = LXW_FALSE };
  lxw_doc_properties properties = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (book->workbook == NULL, FALSE);

  errno = 0;
  book->workbook = workbook_new_opt (book->tmp_path, &options);
  if (book->workbook == NULL)
    return set_write_error (error, errno != 0 ? errno : EIO, book->path, folder);

  cm_export_book_init_formats (book);
  properties.title = book->title;
  properties.author = (char *) "Commissioner";
  properties.created = (time_t) g_date_time_to_unix (now);
  workbook_set_properties (book->workbook, &properties);
  return TRUE;
}

static void
book_free (CmExportBook *book)
{
  if (book == NULL)
    return;
  if (book->workbook != NULL)
    {
      /* Closing is the only way to free it; what it wrote is removed. */
      workbook_close (book->workbook);
    }
  g_hash_table_unref (book->sheet_names);
  g_free (book->tmp_path);
  g_free (book->path);
  g_free (book->title);
  g_free (book);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmExportBook, book_free)

static gboolean
write_in_c_locale (CmExportBook  *book,
                   CmExportFunc   func,
                   CmDb          *db,
                   int            year,
                   int            half,
                   GError       **error)
{
  /* libxlsxwriter prints doubles with the C library, which follows the
   * thread's numeric locale (docs/figures.md, "Workbooks"). */
  locale_t c_locale = newlocale (LC_NUMERIC_MASK, "C", duplocale (LC_GLOBAL_LOCALE));
  locale_t previous;
  gboolean ok;

  if (c_locale == (locale_t) 0)
    {
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_WRITE, _("Could not set up the number format: %s"), g_strerror (errno));
      return FALSE;
    }
  previous = uselocale (c_locale);
  ok = func (book, db, year, half, error);
  g_warn_if_fail (!ok || book->workbook != NULL);
  if (ok && book->workbook != NULL)
    {
      lxw_error status;
      int saved_errno;

      errno = 0;
      status = workbook_close (book->workbook);
      saved_errno = errno;
      book->workbook = NULL;
      if (status != LXW_NO_ERROR)
        {
          uselocale (previous);
          freelocale (c_locale);
          errno = saved_errno;
          return FALSE;
        }
    }
  uselocale (previous);
  freelocale (c_locale);
  return ok;
}

gboolean
cm_export_write (CmDb          *db,
                 CmExportKind   kind,
                 int            year,
                 int            half,
                 const GDate   *today,
                 const char    *path,
                 void         (*progress) (double   fraction,
                                           gpointer user_data),
                 gpointer       user_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return cm_export_write_full (db, kind, year, half, CM_EXPORT_FLAGS_NONE, today, path,
                               progress, user_data, cancellable, error);
}

/* Writes the workbook @func fills to a temporary file beside @path, and
 * renames it into place. */
static gboolean
write_book (CmDb          *db,
            CmExportFunc   func,
            const char    *label,
            gboolean       uses_half,
            int            year,
            int            half,
            CmExportFlags  flags,
            const GDate   *today,
            const char    *path,
            gconstpointer  input,
            void         (*progress) (double   fraction,
                                      gpointer user_data),
            gpointer       user_data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(CmExportBook) book = NULL;
  GError *local_error = NULL;
  int fd;

  folder = g_path_get_dirname (path);
  base = g_path_get_basename (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return set_replace_error (error, CM_EXPORT_ERROR_WRITE, path, _("it is a folder"));
  if (target_is_locked (folder, base))
    return set_replace_error (error, CM_EXPORT_ERROR_NOT_NOW, path, _("it is open in another program; close it there and export again"));
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return set_write_error (error, ENOENT, path, folder);

  /* The workbook goes to a file beside the target, so that the rename
   * is atomic and a failure leaves the old file as it was. */
  remove_stale_temporaries (folder);
  tmp_path = g_build_filename (folder, TEMP_PREFIX "XXXXXX", NULL);
  /* A workbook that names people is readable by its owner only, as the
   * database is; the others are meant to be passed on. */
  fd = g_mkstemp_full (tmp_path, O_RDWR, (flags & CM_EXPORT_WITH_NAMES) ? 0600 : 0644);
  if (fd < 0)
    return set_write_error (error, errno, path, folder);
  close (fd);

  book = book_new (tmp_path, path, label, uses_half, year, half, today);
  book->input = input;
  book->with_names = (flags & CM_EXPORT_WITH_NAMES) != 0;
  book->progress = progress;
  book->progress_data = user_data;
  book->cancellable = cancellable;

  if (!write_in_c_locale (book, func, db, year, half, &local_error))
    {
      int saved_errno = errno;

      g_clear_pointer (&book, book_free);
      g_unlink (tmp_path);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      return set_write_error (error, close_errno (LXW_ERROR_ZIP_FILE_OPERATION, saved_errno, folder), path, folder);
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      if (saved_errno == ENOSPC || saved_errno == EDQUOT)
        return set_write_error (error, saved_errno, path, folder);
      return set_replace_error (error, CM_EXPORT_ERROR_WRITE, path, g_strerror (saved_errno));
    }

  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}

gboolean
cm_export_write_full (CmDb          *db,
                      CmExportKind   kind,
                      int            year,
                      int            half,
                      CmExportFlags  flags,
                      const GDate   *today,
                      const char    *path,
                      void         (*progress) (double   fraction,
                                                gpointer user_data),
                      gpointer       user_data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (kind >= CM_EXPORT_N_KINDS)
    {
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_INVALID, _("Unknown kind of workbook"));
      return FALSE;
    }
  if (kinds[kind].func == NULL)
    {
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_UNAVAILABLE,
                   _("This version cannot write the %s workbook"),
                   kinds[kind].name);
      return FALSE;
    }
  if (kinds[kind].uses_half && half != 1 && half != 2)
    {
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_INVALID,
                   _("The %s workbook is for a cycle: give the half, 1 or 2"), kinds[kind].name);
      return FALSE;
    }

  if ((flags & CM_EXPORT_WITH_NAMES) && !cm_export_kind_lists_people (kind))
    {
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_INVALID,
                   _("The %s workbook lists no learners, so it has no names to include"), kinds[kind].name);
      return FALSE;
    }

  return write_book (db, kinds[kind].func, _(kinds[kind].label), kinds[kind].uses_half,
                     year, half, flags, today, path, NULL, progress, user_data, cancellable, error);
}

/**
 * cm_export_what_if:
 * @db: a #CmDb
 * @year: the financial year
 * @scenario: the changes to the streams
 * @today: the date of the warnings and the footer
 * @path: the workbook to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_export_what_if (CmDb                    *db,
                   int                      year,
                   const CmWhatIfScenario  *scenario,
                   const GDate             *today,
                   const char              *path,
                   GCancellable            *cancellable,
                   GError                 **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  return write_book (db, cm_export_what_if_book, _("What-if"), FALSE, year, 0, CM_EXPORT_FLAGS_NONE,
                     today, path, scenario, NULL, NULL, cancellable, error);
}

char *
cm_export_what_if_suggest_name (int year)
{
  return g_strdup_printf ("Commissioner what-if %d-%02d.xlsx", year, (year + 1) % 100);
}
