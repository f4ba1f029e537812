/* cm-test-util.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cm-db-private.h"
#include "cm-test-util.h"

/* A fresh folder for one test's database and files; @prefix names it. */
char *
cm_test_make_temp_dir (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpl = g_strdup_printf ("%s-XXXXXX", prefix);
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
cm_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)))
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          cm_test_remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

/* The first column of the first row of @sql; fails the test on error. */
gint64
cm_test_query_int64 (CmDb       *db,
                     const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (cm_db_query_int64 (db, sql, &value, &error));
  g_assert_no_error (error);
  return value;
}

char *
cm_test_query_text (CmDb       *db,
                    const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = cm_db_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* As root, commands run without the capabilities that let root ignore
 * file modes, so that a read-only file or folder stops them as it stops
 * anyone else (root cannot be made to by chmod alone). */
static const char * const unprivileged_prefix[] = {
  "setpriv",
  "--bounding-set", "-dac_override,-dac_read_search",
  "--inh-caps", "-dac_override,-dac_read_search",
  NULL
};

static void
limit_file_size_cb (gpointer data)
{
  struct rlimit limit;

  limit.rlim_cur = limit.rlim_max = (rlim_t) *(const gint64 *) data;
  setrlimit (RLIMIT_FSIZE, &limit);
  /* Otherwise the first write past the limit kills the process. */
  signal (SIGXFSZ, SIG_IGN);
}

static int
run_cli_valist (const char              *cwd,
                const CmTestCliOptions  *options,
                char                   **out_stdout,
                char                   **out_stderr,
                va_list                  args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *cli = g_getenv ("CM_CLI");
  const char *arg;
  char *out = NULL;
  char *err = NULL;
  int wait_status = 0;

  g_assert_nonnull (cli);
  if (options->unprivileged && geteuid () == 0)
    for (guint i = 0; unprivileged_prefix[i] != NULL; i++)
      g_ptr_array_add (argv, (char *) unprivileged_prefix[i]);
  g_ptr_array_add (argv, (char *) cli);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  /* The test's own data folder (isolated, see g_test_init()), where the
   * CLI keeps its backups; the environment only says /dev/null. */
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  for (guint i = 0; options->envp_extra != NULL && options->envp_extra[i] != NULL; i += 2)
    envp = g_environ_setenv (envp, options->envp_extra[i], options->envp_extra[i + 1], TRUE);

  g_spawn_sync (cwd, (char **) argv->pdata, envp, G_SPAWN_SEARCH_PATH,
                options->file_size_limit > 0 ? limit_file_size_cb : NULL,
                (gpointer) &options->file_size_limit,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));

  if (out_stdout != NULL)
    *out_stdout = out;
  else
    g_free (out);
  if (out_stderr != NULL)
    *out_stderr = err;
  else
    g_free (err);

  return WEXITSTATUS (wait_status);
}

/* Runs $CM_CLI with the arguments (NULL-terminated) in @cwd, with
 * @envp_extra (name, value pairs) added; returns its exit status. */
int
cm_test_run_cli (const char          *cwd,
                 const char * const  *envp_extra,
                 char               **out_stdout,
                 char               **out_stderr,
                 ...)
{
  CmTestCliOptions options = { .envp_extra = envp_extra };
  va_list args;
  int status;

  va_start (args, out_stderr);
  status = run_cli_valist (cwd, &options, out_stdout, out_stderr, args);
  va_end (args);
  return status;
}

/* Like cm_test_run_cli(), as @options say. */
int
cm_test_run_cli_with (const char              *cwd,
                      const CmTestCliOptions  *options,
                      char                   **out_stdout,
                      char                   **out_stderr,
                      ...)
{
  va_list args;
  int status;

  va_start (args, out_stderr);
  status = run_cli_valist (cwd, options, out_stdout, out_stderr, args);
  va_end (args);
  return status;
}

/* Whether CmTestCliOptions.unprivileged works here: a command that
 * cannot write a read-only file. NULL if so, else why not. */
const char *
cm_test_unprivileged_unavailable (void)
{
  static const char *reason;
  static gsize checked;

  if (g_once_init_enter (&checked))
    {
      g_autofree char *dir = cm_test_make_temp_dir ("cm-test-priv");
      g_autofree char *file = g_build_filename (dir, "f", NULL);
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      int wait_status = 0;

      g_assert_true (g_file_set_contents (file, "", 0, NULL));
      g_chmod (file, 0400);
      if (geteuid () == 0)
        for (guint i = 0; unprivileged_prefix[i] != NULL; i++)
          g_ptr_array_add (argv, (char *) unprivileged_prefix[i]);
      g_ptr_array_add (argv, (char *) "test");
      g_ptr_array_add (argv, (char *) "-w");
      g_ptr_array_add (argv, file);
      g_ptr_array_add (argv, NULL);

      if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                         G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &wait_status, NULL))
        reason = "setpriv is not installed, and root ignores file modes";
      else if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 1)
        reason = "could not drop root's permission to ignore file modes";
      cm_test_remove_tree (dir);
      g_once_init_leave (&checked, 1);
    }

  return reason;
}

/* Writes a file of @kind in @dir and returns its path. */
char *
cm_test_write_bad_file (const char    *dir,
                        CmTestBadFile  kind)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;

  switch (kind)
    {
    case CM_TEST_BAD_CSV:
      path = g_build_filename (dir, "notes.db", NULL);
      g_assert_true (g_file_set_contents (path, "name,kind\nPolice,police\n", -1, &error));
      break;

    case CM_TEST_BAD_XLSX:
      {
        /* A ZIP's first local header, naming the part every workbook has. */
        static const char bytes[] = "PK\003\004\024\000\006\000\010\000\000\000!\000"
                                    "\000\000\000\000\000\000\000\000\000\000\000\000"
                                    "\023\000\000\000[Content_Types].xml";

        path = g_build_filename (dir, "budget.db", NULL);
        g_assert_true (g_file_set_contents (path, bytes, sizeof bytes - 1, &error));
      }
      break;

    case CM_TEST_BAD_TRUNCATED:
      {
        g_autoptr(CmDb) db = NULL;
        g_autofree char *contents = NULL;
        gsize length = 0;
        guchar *header;

        path = g_build_filename (dir, "truncated.db", NULL);
        db = cm_db_open (path, &error);
        g_assert_no_error (error);
        g_clear_object (&db);

        /* Two pages of 4,096 bytes left, and a header that still counts
         * 40, as a copy cut short leaves it. */
        g_assert_true (g_file_get_contents (path, &contents, &length, &error));
        g_assert_cmpuint (length, >=, 8192);
        header = (guchar *) contents;
        g_assert_cmpuint ((header[16] << 8) | header[17], ==, 4096);
        memcpy (header + 28, "\000\000\000\050", 4);
        memcpy (header + 92, header + 24, 4);
        g_assert_true (g_file_set_contents (path, contents, 8192, &error));
      }
      break;

    case CM_TEST_BAD_TOO_NEW:
      {
        g_autoptr(CmDb) db = NULL;

        path = g_build_filename (dir, "future.db", NULL);
        db = cm_db_open (path, &error);
        g_assert_no_error (error);
        g_assert_true (cm_db_exec (db, "PRAGMA user_version = 99", &error));
        g_assert_no_error (error);
      }
      break;

    case CM_TEST_BAD_N_KINDS:
    default:
      g_assert_not_reached ();
    }

  g_assert_no_error (error);
  return path;
}

/* The message opening a file of @kind at @path fails with, as promised
 * in tests/README.md. */
char *
cm_test_bad_file_message (CmTestBadFile  kind,
                          const char    *path)
{
  switch (kind)
    {
    case CM_TEST_BAD_CSV:
      return g_strdup_printf ("“%s” is not a Commissioner database: it is a text file, perhaps a CSV file to import, not a database", path);
    case CM_TEST_BAD_XLSX:
      return g_strdup_printf ("“%s” is not a Commissioner database: it is an Excel workbook (.xlsx) or another Office document, not a database", path);
    case CM_TEST_BAD_TRUNCATED:
      return g_strdup_printf ("“%s” is damaged: it ends part-way through (8192 bytes, SQLite expected 163840)", path);
    case CM_TEST_BAD_TOO_NEW:
      return g_strdup_printf ("The database “%s” was written by a newer version of Commissioner (schema 99; this version reads up to %d)",
                              path, CM_DB_SCHEMA_VERSION);
    case CM_TEST_BAD_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* The #CmDbError of a file of @kind. */
int
cm_test_bad_file_code (CmTestBadFile kind)
{
  switch (kind)
    {
    case CM_TEST_BAD_CSV:
    case CM_TEST_BAD_XLSX:
      return CM_DB_ERROR_NOT_COMMISSIONER;
    case CM_TEST_BAD_TRUNCATED:
      return CM_DB_ERROR_CORRUPT;
    case CM_TEST_BAD_TOO_NEW:
      return CM_DB_ERROR_TOO_NEW;
    case CM_TEST_BAD_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* The bytes' SHA-256, the modification time to the nanosecond and the
 * mode: what must stay the same when a file is only looked at. */
char *
cm_test_fingerprint (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *sum = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  struct stat st;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (path, &st), ==, 0);
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);

  return g_strdup_printf ("%s %" G_GINT64_FORMAT ".%09ld %o", sum,
                          (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec,
                          (unsigned) st.st_mode);
}

/* Fails the test if SQLite left a journal, -wal or -shm beside @path. */
void
cm_test_assert_no_side_files (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS))
        g_error ("%s was left behind", side);
    }
}

/* Every entry of the workbook at @path, unzipped and joined: the text of
 * every cell, whichever sheet holds it. Needs unzip. */
char *
cm_test_workbook_text (const char *path)
{
  const char *argv[] = { "unzip", "-p", path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  return out;
}

/* Whether @name is a program on the PATH. */
gboolean
cm_test_have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}
