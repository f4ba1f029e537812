/* cm-test-util.h
 *
 * Small helpers shared by the test programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cm-db.h"

G_BEGIN_DECLS

char   *cm_test_make_temp_dir (const char *prefix);
void    cm_test_remove_tree   (const char *path);
gint64  cm_test_query_int64   (CmDb       *db,
                               const char *sql);
char   *cm_test_query_text    (CmDb       *db,
                               const char *sql);
int     cm_test_run_cli       (const char          *cwd,
                               const char * const  *envp_extra,
                               char               **out_stdout,
                               char               **out_stderr,
                               ...) G_GNUC_NULL_TERMINATED;

typedef struct
{
  const char * const *envp_extra;    /* name, value pairs to add */
  gboolean            unprivileged;  /* as root, file modes apply */
  gint64              file_size_limit; /* bytes (ulimit -f), 0 for none */
} CmTestCliOptions;

int         cm_test_run_cli_with             (const char              *cwd,
                                              const CmTestCliOptions  *options,
                                              char                   **out_stdout,
                                              char                   **out_stderr,
                                              ...) G_GNUC_NULL_TERMINATED;
const char *cm_test_unprivileged_unavailable (void);
/* Files that are not a database this version can open. */
typedef enum
{
  CM_TEST_BAD_CSV,        /* a CSV file saved as .db */
  CM_TEST_BAD_XLSX,       /* the start of an Excel workbook */
  CM_TEST_BAD_TRUNCATED,  /* 8,192 of the 163,840 bytes its header gives */
  CM_TEST_BAD_TOO_NEW,    /* schema 99 */
  CM_TEST_BAD_N_KINDS,
} CmTestBadFile;

char   *cm_test_write_bad_file (const char    *dir,
                                CmTestBadFile  kind);
char   *cm_test_bad_file_message (CmTestBadFile  kind,
                                  const char    *path);
int     cm_test_bad_file_code  (CmTestBadFile  kind);
char   *cm_test_fingerprint    (const char    *path);
void    cm_test_assert_no_side_files (const char *path);
char   *cm_test_workbook_text  (const char    *path);
gboolean cm_test_have_program  (const char    *name);

G_END_DECLS
