/* cm-cli.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cm-catalogue.h"
#include "cm-db.h"
#include "cm-demo.h"
#include "cm-import.h"

/* Exit codes are part of the command-line contract (DESIGN.md section 3). */
enum {
  EXIT_OK = 0,
  EXIT_BAD_DATA = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  char *database_path;
} CmCli;

typedef struct
{
  const char *name;
  const char *parameters;
  const char *summary;
  int (*run) (CmCli  *cli,
              int     argc,
              char  **argv);
} CmCliCommand;

static int
fail_usage (const char *format,
            ...) G_GNUC_PRINTF (1, 2);

static int
fail_usage (const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("commissioner-cli: %s\n", message);
  g_printerr (_("Try “commissioner-cli --help” for more information.\n"));
  return EXIT_USAGE;
}

static int
fail_error (const GError *error)
{
  g_printerr ("%s\n", error->message);
  return EXIT_BAD_DATA;
}

static CmDb *
open_database (CmCli   *cli,
               GError **error)
{
  return cm_db_open (cli->database_path, error);
}

/* Parses a command's own options; leaves the positional arguments. */
static gboolean
parse_command_options (const char    *command,
                       const char    *parameters,
                       GOptionEntry  *entries,
                       int           *argc,
                       char        ***argv,
                       int           *out_status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter_string = g_strdup_printf ("%s %s", command, parameters);

  context = g_option_context_new (parameter_string);
  g_option_context_set_help_enabled (context, TRUE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *out_status = fail_usage ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static int
run_init (CmCli  *cli,
          int     argc,
          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  gint64 n_competencies = 0;
  int status = EXIT_OK;

  if (!parse_command_options ("init", "", NULL, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("init takes no arguments"));

  if (!(db = open_database (cli, &error)) ||
      !cm_catalogue_install (db, &error) ||
      !cm_db_query_int64 (db, "SELECT count(*) FROM competencies", &n_competencies, &error))
    return fail_error (error);

  g_print (_("Database ready: %s (schema %d, %d competencies)\n"),
           cm_db_get_path (db), cm_db_get_schema_version (db), (int) n_competencies);
  if (cm_db_get_migration_backup (db) != NULL)
    g_print (_("The previous version was kept as %s\n"), cm_db_get_migration_backup (db));

  return EXIT_OK;
}

static int
run_demo (CmCli  *cli,
          int     argc,
          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  gint64 n_organisations = 0;
  gint64 n_staff_groups = 0;
  int status = EXIT_OK;

  if (!parse_command_options ("demo", "", NULL, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("demo takes no arguments"));

  if (!(db = open_database (cli, &error)) ||
      !cm_demo_load (db, &error) ||
      !cm_db_query_int64 (db, "SELECT count(*) FROM organisations", &n_organisations, &error) ||
      !cm_db_query_int64 (db, "SELECT count(*) FROM staff_groups", &n_staff_groups, &error))
    return fail_error (error);

  g_print (_("Loaded the example data into %s: %d organisations, %d staff groups\n"),
           cm_db_get_path (db), (int) n_organisations, (int) n_staff_groups);

  return EXIT_OK;
}

static int
run_import (CmCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *kinds = NULL;
  CmImportResult result = { 0 };
  gboolean dry_run = FALSE;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file and report, but write nothing"), NULL },
    { NULL }
  };

  if (!parse_command_options ("import", "KIND FILE.csv", entries, &argc, &argv, &status))
    return status;

  kinds = g_strjoinv (", ", (char **) cm_import_kinds ());
  if (argc != 3)
    return fail_usage (_("import needs a KIND and a FILE.csv (kinds: %s)"), kinds);
  if (!g_strv_contains (cm_import_kinds (), argv[1]))
    return fail_usage (_("unknown import kind “%s” (kinds: %s)"), argv[1], kinds);

  if (!(db = open_database (cli, &error)) ||
      !cm_import_file (db, argv[1], argv[2], dry_run, &result, NULL, &error))
    return fail_error (error);

  if (dry_run)
    g_print (_("%s: %u rows of %s are valid (%u new, %u updated); nothing was written\n"),
             argv[2], result.rows, argv[1], result.inserted, result.updated);
  else
    g_print (_("%s: imported %u rows of %s (%u new, %u updated)\n"),
             argv[2], result.rows, argv[1], result.inserted, result.updated);

  return EXIT_OK;
}

static int
run_backup (CmCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *source = NULL;
  int status = EXIT_OK;

  if (!parse_command_options ("backup", "FILE", NULL, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return fail_usage (_("backup needs the FILE to write"));

  /* Backing up must never create the database it copies. */
  source = cli->database_path ? g_strdup (cli->database_path) : cm_db_default_path ();
  if (!g_file_test (source, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("There is no database at “%s” to back up\n"), source);
      return EXIT_BAD_DATA;
    }

  if (!(db = open_database (cli, &error)) ||
      !cm_db_backup (db, argv[1], &error))
    return fail_error (error);

  g_print (_("Backed up %s to %s\n"), cm_db_get_path (db), argv[1]);

  return EXIT_OK;
}

static const CmCliCommand commands[] = {
  { "init", "", N_("Create or upgrade the database; safe to run again"), run_init },
  { "demo", "", N_("Load the example data into an empty database"), run_demo },
  { "import", "KIND FILE.csv [--dry-run]", N_("Import a CSV file; all rows or none"), run_import },
  { "backup", "FILE", N_("Write a consistent copy of the database"), run_backup },
};

static void
print_help (void)
{
  g_autofree char *default_path = cm_db_default_path ();
  g_autofree char *kinds = g_strjoinv (", ", (char **) cm_import_kinds ());

  g_print (_("Usage:\n  commissioner-cli [--database FILE] COMMAND [ARGS]\n\n"));
  g_print (_("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *synopsis = g_strdup_printf ("%s %s", commands[i].name, commands[i].parameters);

      g_print ("  %-34s %s\n", synopsis, _(commands[i].summary));
    }
  g_print (_("\nOptions:\n"));
  g_print ("  %-34s %s\n", "--database FILE", _("Use FILE instead of the default database"));
  g_print ("  %-34s %s\n", "--help", _("Show this help"));
  g_print ("  %-34s %s\n", "--version", _("Show the version"));
  g_print (_("\nImport kinds: %s\n"), kinds);
  g_print (_("Default database: %s\n"), default_path);
  g_print (_("Exit status: 0 success, 1 bad data (nothing written), 2 usage error.\n"));
}

int
main (int    argc,
      char **argv)
{
  CmCli cli = { NULL };
  int i;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command; the rest is the command's. */
  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help ();
          g_free (cli.database_path);
          return EXIT_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("commissioner-cli %s\n", PACKAGE_VERSION);
          g_free (cli.database_path);
          return EXIT_OK;
        }
      else if (g_str_equal (arg, "--database"))
        {
          if (i + 1 >= argc || argv[i + 1][0] == '\0')
            {
              g_free (cli.database_path);
              return fail_usage (_("--database needs a FILE"));
            }
          g_free (cli.database_path);
          cli.database_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--database="))
        {
          if (arg[strlen ("--database=")] == '\0')
            {
              g_free (cli.database_path);
              return fail_usage (_("--database needs a FILE"));
            }
          g_free (cli.database_path);
          cli.database_path = g_strdup (arg + strlen ("--database="));
        }
      else if (arg[0] == '-')
        {
          g_free (cli.database_path);
          return fail_usage (_("unknown option “%s”"), arg);
        }
      else
        break;
    }

  if (i >= argc)
    {
      g_free (cli.database_path);
      return fail_usage (_("no command given"));
    }

  status = -1;
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      if (g_str_equal (argv[i], commands[c].name))
        {
          status = commands[c].run (&cli, argc - i, argv + i);
          break;
        }
    }

  if (status < 0)
    status = fail_usage (_("unknown command “%s”"), argv[i]);

  g_free (cli.database_path);
  return status;
}
