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
