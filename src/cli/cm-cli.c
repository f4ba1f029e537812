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
#include <signal.h>
#include <string.h>

#include "cm-backups.h"
#include "cm-audit.h"
#include "cm-budget.h"
#include "cm-catalogue.h"
#include "cm-db.h"
#include "cm-demo.h"
#include "cm-evaluation.h"
#include "cm-export.h"
#include "cm-import.h"
#include "cm-fiscal.h"
#include "cm-json.h"
#include "cm-money.h"
#include "cm-needs.h"
#include "cm-what-if.h"
#include "cm-retention.h"

/* Exit codes are part of the command-line contract that scripts and
 * tests rely on; `commissioner-cli --help` and README.md state them. */
enum {
  EXIT_OK = 0,
  EXIT_BAD_DATA = 1,
  EXIT_USAGE = 2,
  /* Could not be done now, nothing written: a lock, a full disk, a
   * read-only file or folder (cm_db_error_is_not_now()). */
  EXIT_NOT_NOW = 3,
};

/* How long a command waits for another program's lock, unless import's
 * --wait says otherwise. */
#define DEFAULT_WAIT_SECONDS 60

typedef struct
{
  char *database_path;
  int   wait_seconds;
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
  if (cm_db_error_is_not_now (error) ||
      g_error_matches (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_NOT_NOW))
    return EXIT_NOT_NOW;
  return EXIT_BAD_DATA;
}

static void
waiting_cb (CmDb     *db,
            guint     waited_seconds,
            gpointer  user_data)
{
  if (waited_seconds == 0)
    g_printerr (_("waiting for another program to finish writing…\n"));
  else
    g_printerr (_("still waiting (%u s)…\n"), waited_seconds);
}

/* Only init and demo create a database; reading commands open it
 * read-only and never leave anything beside it. */
static CmDb *
open_database (CmCli          *cli,
               CmDbOpenFlags   flags,
               GError        **error)
{
  CmDb *db = cm_db_open_full (cli->database_path, flags, error);

  if (db != NULL)
    cm_db_set_lock_wait (db, cli->wait_seconds, waiting_cb, NULL);
  return db;
}

/* For a command that writes: the day's first one backs the data up
 * first (README.md, "Backups"). */
static CmDb *
open_database_to_write (CmCli          *cli,
                        CmDbOpenFlags   flags,
                        GError        **error)
{
  g_autoptr(CmDb) db = NULL;

  if (!(db = open_database (cli, flags, error)) ||
      !cm_backups_take_daily (db, NULL, error))
    return NULL;

  return g_steal_pointer (&db);
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

  if (!(db = open_database_to_write (cli, CM_DB_OPEN_CREATE | CM_DB_OPEN_WRITE, &error)) ||
      !cm_catalogue_install (db, &error) ||
      !cm_db_count_rows (db, "competencies", &n_competencies, &error))
    return fail_error (error);

  g_print (_("Database ready: %s (schema %d, %d competencies)\n"),
           cm_db_get_path (db), cm_db_get_schema_version (db), (int) n_competencies);
  if (cm_db_get_migration_backup (db) != NULL)
    g_print (_("The previous version was backed up to %s\n"), cm_db_get_migration_backup (db));

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

  if (!(db = open_database_to_write (cli, CM_DB_OPEN_CREATE | CM_DB_OPEN_WRITE, &error)) ||
      !cm_demo_load (db, &error) ||
      !cm_db_count_rows (db, "organisations", &n_organisations, &error) ||
      !cm_db_count_rows (db, "staff_groups", &n_staff_groups, &error))
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
  g_auto(CmImportResult) result = { 0 };
  gboolean dry_run = FALSE;
  int wait_seconds = DEFAULT_WAIT_SECONDS;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file and report, but write nothing"), NULL },
    { "wait", 0, 0, G_OPTION_ARG_INT, &wait_seconds, N_("Wait up to SECONDS for another program to finish writing (default 60)"), "SECONDS" },
    { NULL }
  };

  if (!parse_command_options ("import", "KIND FILE.csv", entries, &argc, &argv, &status))
    return status;
  if (wait_seconds < 0)
    return fail_usage (_("--wait must be 0 or more seconds, not %d"), wait_seconds);
  cli->wait_seconds = wait_seconds;

  kinds = g_strjoinv (", ", (char **) cm_import_kinds ());
  if (argc != 3)
    return fail_usage (_("import needs a KIND and a FILE.csv (kinds: %s)"), kinds);
  if (!g_strv_contains (cm_import_kinds (), argv[1]))
    return fail_usage (_("unknown import kind “%s” (kinds: %s)"), argv[1], kinds);

  if (!(db = dry_run ? open_database (cli, CM_DB_OPEN_DRY_RUN, &error) : open_database_to_write (cli, CM_DB_OPEN_WRITE, &error)) ||
      (!dry_run && !cm_backups_take (db, CM_BACKUP_BEFORE_IMPORT, NULL, &error)) ||
      !cm_import_file (db, argv[1], argv[2], dry_run, &result, NULL, &error))
    return fail_error (error);

  if (dry_run)
    g_print (_("%s: %u rows of %s are valid (%u new, %u updated, %u unchanged); nothing was written\n"),
             argv[2], result.rows, argv[1], result.inserted, result.updated, result.unchanged);
  else
    g_print (_("%s: imported %u rows of %s (%u new, %u updated, %u unchanged)\n"),
             argv[2], result.rows, argv[1], result.inserted, result.updated, result.unchanged);

  /* Every change to money already recorded is listed, so that a wrong
   * file is caught (with --dry-run, before it is written). */
  for (guint i = 0; result.changes != NULL && i < result.changes->len; i++)
    {
      g_autofree char *line = cm_import_change_describe (g_ptr_array_index (result.changes, i));

      g_print ("  %s: %s\n", argv[2], line);
    }

  return EXIT_OK;
}

static int
run_backup (CmCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  int status = EXIT_OK;

  if (!parse_command_options ("backup", "FILE", NULL, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return fail_usage (_("backup needs the FILE to write"));

  if (!(db = open_database (cli, CM_DB_OPEN_READ_ONLY, &error)) ||
      !cm_db_backup (db, argv[1], &error))
    return fail_error (error);

  g_print (_("Backed up %s to %s\n"), cm_db_get_path (db), argv[1]);

  return EXIT_OK;
}

/* --year YYYY, with --half 1|2 when @out_half is given (the needs
 * commands) and --json when @out_json is; --year and --half are required. */
static gboolean parse_period_options_full (const char    *command,
                                           int           *argc,
                                           char        ***argv,
                                           int           *out_year,
                                           int           *out_half,
                                           gboolean       half_optional,
                                           gboolean      *out_json,
                                           int           *out_status);

static gboolean
parse_period_options (const char    *command,
                      int           *argc,
                      char        ***argv,
                      int           *out_year,
                      int           *out_half,
                      gboolean      *out_json,
                      int           *out_status)
{
  return parse_period_options_full (command, argc, argv, out_year, out_half, FALSE, out_json, out_status);
}

/* With @half_optional, a missing --half leaves *out_half 0 (the whole year). */
static gboolean
parse_period_options_full (const char    *command,
                           int           *argc,
                           char        ***argv,
                           int           *out_year,
                           int           *out_half,
                           gboolean       half_optional,
                           gboolean      *out_json,
                           int           *out_status)
{
  int year = G_MININT;
  int half = G_MININT;
  gboolean json = FALSE;
  GOptionEntry entries[4] = { { NULL } };
  g_autoptr(GString) parameters = g_string_new ("--year YYYY");
  guint n = 0;

  entries[n++] = (GOptionEntry) { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Financial year, e.g. 2010 for 2010/11"), "YYYY" };
  if (out_half != NULL)
    {
      entries[n++] = (GOptionEntry) { "half", 0, 0, G_OPTION_ARG_INT, &half, N_("Half of the year: 1 (Apr–Sep) or 2 (Oct–Mar)"), "1|2" };
      g_string_append (parameters, half_optional ? " [--half 1|2]" : " --half 1|2");
    }
  if (out_json != NULL)
    {
      entries[n++] = (GOptionEntry) { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL };
      g_string_append (parameters, " [--json]");
    }

  if (!parse_command_options (command, parameters->str, entries, argc, argv, out_status))
    return FALSE;

  if (*argc > 1)
    {
      *out_status = fail_usage (_("%s: unexpected argument “%s”"), command, (*argv)[1]);
      return FALSE;
    }
  if (year == G_MININT)
    {
      *out_status = fail_usage (_("%s: --year YYYY is required"), command);
      return FALSE;
    }
  if (year < 1900 || year > 9999)
    {
      *out_status = fail_usage (_("--year must be a year from 1900 to 9999, not %d"), year);
      return FALSE;
    }
  if (out_half != NULL && half == G_MININT && half_optional)
    half = 0;
  else if (out_half != NULL && half == G_MININT)
    {
      *out_status = fail_usage (_("%s: --half 1 or --half 2 is required"), command);
      return FALSE;
    }
  if (out_half != NULL && half != 1 && half != 2 && !(half_optional && half == 0))
    {
      *out_status = fail_usage (_("--half must be 1 or 2, not %d"), half);
      return FALSE;
    }

  *out_year = year;
  if (out_half != NULL)
    *out_half = half;
  if (out_json != NULL)
    *out_json = json;
  return TRUE;
}

/* @text cut or padded to @width characters (not bytes). */
static void
append_cell (GString    *out,
             const char *text,
             guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  if (length > (glong) width)
    {
      const char *cut = g_utf8_offset_to_pointer (text, width - 1);

      g_string_append_len (out, text, cut - text);
      g_string_append (out, "…");
      return;
    }

  g_string_append (out, text);
  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');
}

static void
print_needs_json (GPtrArray *lines,
                  GPtrArray *competencies)
{
  g_autoptr(GString) out = g_string_new ("{\"lines\":[");

  for (guint i = 0; i < lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (lines, i);
      g_autofree char *priority = cm_needs_format_priority (line->priority_num, line->priority_den, 2);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      cm_json_append_key (out, "staff_group");
      cm_json_append_string (out, line->staff_group);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "competency");
      cm_json_append_string (out, line->competency_code);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "required");
      cm_json_append_int (out, line->required);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "still");
      cm_json_append_int (out, line->still);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "needed");
      cm_json_append_int (out, line->needed);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "priority");
      g_string_append (out, priority);
      g_string_append_c (out, '}');
    }

  g_string_append (out, "],\"competencies\":[");

  for (guint i = 0; i < competencies->len; i++)
    {
      const CmNeedsCompetency *competency = g_ptr_array_index (competencies, i);
      g_autofree char *priority = cm_needs_format_priority (competency->priority_num, competency->priority_den, 2);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      cm_json_append_key (out, "code");
      cm_json_append_string (out, competency->code);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "places_needed");
      cm_json_append_int (out, competency->places_needed);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "priority");
      g_string_append (out, priority);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "suggested_events");
      cm_json_append_int (out, competency->suggested_events);
      g_string_append_c (out, '}');
    }

  g_string_append (out, "]}\n");
  g_print ("%s", out->str);
}

static void
print_needs_table (int                      year,
                   int                      half,
                   const CmNeedsWeights    *weights,
                   const CmNeedsCycleState *state,
                   GPtrArray               *lines,
                   GPtrArray               *competencies)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *cycle = cm_fiscal_cycle_label (year, half);
  g_autofree char *weights_text = cm_needs_weights_to_string (weights);

  if (lines->len == 0)
    {
      g_print (_("No requirement lines for %s\n"), cycle);
      return;
    }

  if (state->closed)
    /* Translators: the second %s is a date, YYYY-MM-DD */
    g_string_append_printf (out, _("Training needs for %s (signed off on %s, priority weights %s)\n\n"),
                            cycle, state->closed_on, weights_text);
  else
    g_string_append_printf (out, _("Training needs for %s (priority weights %s)\n\n"), cycle, weights_text);

  append_cell (out, _("Staff group"), 44);
  g_string_append_c (out, ' ');
  append_cell (out, _("Competency"), 11);
  g_string_append_printf (out, " %8s %8s %8s %8s\n", _("Required"), _("Still"), _("Needed"), _("Priority"));

  for (guint i = 0; i < lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (lines, i);
      g_autofree char *priority = cm_needs_show_priority (line->priority_num, line->priority_den);

      append_cell (out, line->staff_group, 44);
      g_string_append_c (out, ' ');
      append_cell (out, line->competency_code, 11);
      g_string_append_printf (out, " %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT " %8s\n",
                              line->required, line->still, line->needed, priority);
    }

  g_string_append_c (out, '\n');
  append_cell (out, _("Competency"), 11);
  g_string_append_printf (out, " %8s %8s %8s %16s  %s\n",
                          _("Places"), _("Priority"), _("Events"), _("Indicative cost"), _("Name"));

  for (guint i = 0; i < competencies->len; i++)
    {
      const CmNeedsCompetency *competency = g_ptr_array_index (competencies, i);
      g_autofree char *priority = cm_needs_show_priority (competency->priority_num, competency->priority_den);
      g_autofree char *cost = cm_money_format (competency->indicative_cost_pence);

      append_cell (out, competency->code, 11);
      g_string_append_printf (out, " %8" G_GINT64_FORMAT " %8s %8" G_GINT64_FORMAT " ",
                              competency->places_needed, priority, competency->suggested_events);
      /* The pound sign is one character but two bytes. */
      for (glong pad = g_utf8_strlen (cost, -1); pad < 16; pad++)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s  %s\n", cost, competency->name);
    }

  g_print ("%s", out->str);
}

static int
run_needs (CmCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) competencies = NULL;
  g_autoptr(GHashTable) prices = NULL;
  CmNeedsWeights weights;
  CmNeedsCycleState state;
  gint64 cost_per_place = 0;
  gboolean json = FALSE;
  int year = 0;
  int half = 0;
  int status = EXIT_OK;

  if (!parse_period_options ("needs", &argc, &argv, &year, &half, &json, &status))
    return status;

  if (!(db = open_database (cli, CM_DB_OPEN_READ_ONLY, &error)) ||
      !cm_needs_get_cycle_state (db, year, half, &state, &error))
    return fail_error (error);

  if (!state.exists)
    {
      g_autofree char *cycle = cm_fiscal_cycle_label (year, half);

      /* Translators: %s is a cycle such as "2011/12 H2" */
      g_printerr (_("There is no cycle %s in this database: create it in the needs wizard, or with copy-cycle or an import of requirements\n"),
                  cycle);
      return EXIT_BAD_DATA;
    }

  if (!cm_needs_weights_load (db, &weights, &error))
    return fail_error (error);

  /* A signed-off cycle keeps the weights it was closed with. */
  if (state.closed)
    weights = state.weights;

  if (!cm_needs_cost_per_place_load (db, &cost_per_place, &error) ||
      !(lines = cm_needs_list_lines (db, year, half, &weights, &error)))
    return fail_error (error);

  if (!(prices = cm_needs_load_prices (db, &error)))
    return fail_error (error);

  competencies = cm_needs_aggregate_competencies (lines, cost_per_place, prices);

  if (json)
    print_needs_json (lines, competencies);
  else
    print_needs_table (year, half, &weights, &state, lines, competencies);

  return EXIT_OK;
}

static int
run_copy_cycle (CmCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *target = NULL;
  g_autofree char *source = NULL;
  guint n_copied = 0;
  int source_year;
  int source_half;
  int year = 0;
  int half = 0;
  int status = EXIT_OK;

  if (!parse_period_options ("copy-cycle", &argc, &argv, &year, &half, NULL, &status))
    return status;

  cm_needs_previous_cycle (year, half, &source_year, &source_half);
  if (source_year < 1900)
    return fail_usage (_("There is no cycle before %d H%d to copy from"), year, half);

  if (!(db = open_database_to_write (cli, CM_DB_OPEN_WRITE, &error)) ||
      !cm_needs_copy_cycle (db, year, half, &n_copied, &error))
    return fail_error (error);

  target = cm_fiscal_cycle_label (year, half);
  source = cm_fiscal_cycle_label (source_year, source_half);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Copied %u requirement line from %s into %s\n",
                        "Copied %u requirement lines from %s into %s\n",
                        n_copied),
           n_copied, source, target);

  return EXIT_OK;
}

static gboolean get_today (GDate *out_today,
                           int   *out_status);

static int
run_close_cycle (CmCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *cycle = NULL;
  g_autofree char *day = NULL;
  GDate today;
  int year = 0;
  int half = 0;
  int status = EXIT_OK;

  if (!parse_period_options ("close-cycle", &argc, &argv, &year, &half, NULL, &status) ||
      !get_today (&today, &status))
    return status;

  if (!(db = open_database_to_write (cli, CM_DB_OPEN_WRITE, &error)) ||
      !cm_needs_close_cycle (db, year, half, &today, &error))
    return fail_error (error);

  cycle = cm_fiscal_cycle_label (year, half);
  day = cm_fiscal_format_iso (&today);
  /* Translators: the first %s is a cycle such as "2010/11 H1", the second a date */
  g_print (_("Signed off %s on %s: its figures no longer follow the workforce or the weights\n"), cycle, day);

  return EXIT_OK;
}

static int
run_reopen_cycle (CmCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *cycle = NULL;
  int year = 0;
  int half = 0;
  int status = EXIT_OK;

  if (!parse_period_options ("reopen-cycle", &argc, &argv, &year, &half, NULL, &status))
    return status;

  if (!(db = open_database_to_write (cli, CM_DB_OPEN_WRITE, &error)) ||
      !cm_needs_reopen_cycle (db, year, half, &error))
    return fail_error (error);

  cycle = cm_fiscal_cycle_label (year, half);
  /* Translators: %s is a cycle such as "2010/11 H1" */
  g_print (_("Reopened %s: its figures follow the workforce and the weights again\n"), cycle);

  return EXIT_OK;
}

static int
run_copy_streams (CmCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(GPtrArray) copied = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *from_label = NULL;
  g_autofree char *to_label = NULL;
  g_autofree char *zero = cm_money_format (0);
  int from = G_MININT;
  int to = G_MININT;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_INT, &from, N_("The financial year to copy the streams of"), "YYYY" },
    { "to", 0, 0, G_OPTION_ARG_INT, &to, N_("The financial year to start"), "YYYY" },
    { NULL }
  };

  if (!parse_command_options ("copy-streams", "--from YYYY --to YYYY", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("copy-streams: unexpected argument “%s”"), argv[1]);
  if (from == G_MININT || to == G_MININT)
    return fail_usage (_("copy-streams: --from YYYY and --to YYYY are required"));
  if (from < 1900 || from > 9999)
    return fail_usage (_("--from must be a year from 1900 to 9999, not %d"), from);
  if (to < 1900 || to > 9999)
    return fail_usage (_("--to must be a year from 1900 to 9999, not %d"), to);

  if (!(db = open_database_to_write (cli, CM_DB_OPEN_WRITE, &error)) ||
      !cm_budget_copy_streams (db, from, to, &copied, &skipped, &error))
    return fail_error (error);

  from_label = cm_fiscal_year_label (from);
  to_label = cm_fiscal_year_label (to);
  /* Translators: "Copied 9 streams from 2010/11 to 2011/12 with allocations of £0.00" */
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                            "Copied %u stream from %s to %s with allocations of %s",
                                            "Copied %u streams from %s to %s with allocations of %s",
                                            copied->len),
                          copied->len, from_label, to_label, zero);
  if (skipped->len > 0)
    {
      g_autofree char *codes = NULL;
      guint n_skipped = skipped->len;

      g_ptr_array_add (skipped, NULL);
      codes = g_strjoinv (", ", (char **) skipped->pdata);
      /* Translators: "; 1 already existed: DH-WDG" */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "; %u already existed: %s",
                                                "; %u already existed: %s",
                                                n_skipped),
                              n_skipped, codes);
    }
  g_print ("%s\n", out->str);

  return EXIT_OK;
}

/* Today, unless COMMISSIONER_TODAY fixes it (cm_fiscal_get_today()). */
static gboolean
get_today (GDate *out_today,
           int   *out_status)
{
  g_autoptr(GError) error = NULL;

  if (!cm_fiscal_get_today (out_today, &error))
    {
      *out_status = fail_usage (_("COMMISSIONER_TODAY: %s"), error->message);
      return FALSE;
    }

  return TRUE;
}

/* @text right-aligned in @width characters. */
static void
append_right (GString    *out,
              const char *text,
              guint       width)
{
  for (glong pad = g_utf8_strlen (text, -1); pad < (glong) width; pad++)
    g_string_append_c (out, ' ');
  g_string_append (out, text);
}

static void
append_money_members (GString               *out,
                      const CmBudgetFigures *figures)
{
  cm_json_append_key (out, "allocation_pence");
  cm_json_append_int (out, figures->allocation_pence);
  g_string_append_c (out, ',');
  cm_json_append_key (out, "proposed_pence");
  cm_json_append_int (out, figures->proposed_pence);
  g_string_append_c (out, ',');
  cm_json_append_key (out, "committed_pence");
  cm_json_append_int (out, figures->committed_pence);
  g_string_append_c (out, ',');
  cm_json_append_key (out, "actual_pence");
  cm_json_append_int (out, figures->actual_pence);
  g_string_append_c (out, ',');
  cm_json_append_key (out, "forecast_pence");
  cm_json_append_int (out, figures->forecast_pence);
  g_string_append_c (out, ',');
  cm_json_append_key (out, "variance_pence");
  cm_json_append_int (out, figures->variance_pence);
  g_string_append_c (out, ',');
  cm_json_append_key (out, "available_pence");
  cm_json_append_int (out, figures->available_pence);
}

static void
print_summary_json (const CmBudgetSummary *summary)
{
  g_autoptr(GString) out = g_string_new ("{");

  cm_json_append_key (out, "year");
  cm_json_append_int (out, summary->year);
  g_string_append_c (out, ',');
  cm_json_append_key (out, "streams");
  g_string_append_c (out, '[');

  for (guint i = 0; i < summary->streams->len; i++)
    {
      const CmBudgetFigures *figures = g_ptr_array_index (summary->streams, i);
      g_autofree char *pvi = cm_budget_format_percent (figures->planned_pvi_bp);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      cm_json_append_key (out, "code");
      cm_json_append_string (out, figures->code);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "funder");
      cm_json_append_string (out, figures->funder);
      g_string_append_c (out, ',');
      append_money_members (out, figures);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "planned_pvi_percent");
      g_string_append (out, pvi);
      g_string_append_c (out, '}');
    }

  g_string_append (out, "],");
  cm_json_append_key (out, "totals");
  g_string_append_c (out, '{');
  append_money_members (out, summary->totals);
  g_string_append (out, "},");
  cm_json_append_key (out, "unallocated_pence");
  cm_json_append_int (out, summary->unallocated_pence);
  g_string_append (out, "}\n");

  g_print ("%s", out->str);
}

static void
append_figures_row (GString               *out,
                    const char            *code,
                    const char            *funder,
                    const CmBudgetFigures *figures,
                    gboolean               with_pvi)
{
  const gint64 amounts[] = {
    figures->allocation_pence, figures->proposed_pence, figures->committed_pence,
    figures->actual_pence, figures->forecast_pence, figures->variance_pence,
    figures->available_pence,
  };

  append_cell (out, code, 12);
  g_string_append_c (out, ' ');
  append_cell (out, funder, 6);
  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *money = cm_money_format (amounts[i]);

      g_string_append_c (out, ' ');
      append_right (out, money, 14);
    }

  if (with_pvi)
    {
      g_autofree char *pvi = cm_budget_format_percent (figures->planned_pvi_bp);
      g_autofree char *cell = g_strdup_printf ("%s%%", pvi);

      g_string_append_c (out, ' ');
      append_right (out, cell, 11);
    }
  g_string_append_c (out, '\n');
}

static void
print_summary_table (const CmBudgetSummary *summary)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *label = cm_fiscal_year_label (summary->year);
  g_autofree char *unallocated = cm_money_format (summary->unallocated_pence);
  const char *headings[] = {
    _("Allocation"), _("Proposed"), _("Committed"), _("Actual"),
    _("Forecast"), _("Variance"), _("Available"),
  };

  if (summary->streams->len == 0)
    {
      g_print (_("No funding streams for %s\n"), label);
      if (summary->unallocated_pence != 0)
        g_print (_("Unallocated spend: %s\n"), unallocated);
      return;
    }

  g_string_append_printf (out, _("Budget summary for %s\n\n"), label);

  append_cell (out, _("Stream"), 12);
  g_string_append_c (out, ' ');
  append_cell (out, _("Funder"), 6);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      g_string_append_c (out, ' ');
      append_right (out, headings[i], 14);
    }
  g_string_append_c (out, ' ');
  append_right (out, _("Planned PVI"), 11);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < summary->streams->len; i++)
    {
      const CmBudgetFigures *figures = g_ptr_array_index (summary->streams, i);

      append_figures_row (out, figures->code, figures->funder, figures, TRUE);
    }

  append_figures_row (out, _("Total"), "", summary->totals, FALSE);
  g_string_append_printf (out, _("\nUnallocated spend: %s\n"), unallocated);

  g_print ("%s", out->str);
}

static int
run_summary (CmCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(CmBudgetSummary) summary = NULL;
  gboolean json = FALSE;
  int year = 0;
  int status = EXIT_OK;

  if (!parse_period_options ("summary", &argc, &argv, &year, NULL, &json, &status))
    return status;

  if (!(db = open_database (cli, CM_DB_OPEN_READ_ONLY, &error)) ||
      !(summary = cm_budget_summary (db, year, &error)))
    return fail_error (error);

  if (json)
    print_summary_json (summary);
  else
    print_summary_table (summary);

  return EXIT_OK;
}

static int
run_warnings (CmCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean json = FALSE;
  GDate today;
  int year = 0;
  int status = EXIT_OK;

  if (!parse_period_options ("warnings", &argc, &argv, &year, NULL, &json, &status) ||
      !get_today (&today, &status))
    return status;

  if (!(db = open_database (cli, CM_DB_OPEN_READ_ONLY, &error)) ||
      !(warnings = cm_budget_warnings (db, year, &today, &error)))
    return fail_error (error);

  if (json)
    {
      g_string_append_c (out, '{');
      cm_json_append_key (out, "warnings");
      g_string_append_c (out, '[');
      for (guint i = 0; i < warnings->len; i++)
        {
          const CmBudgetWarning *warning = g_ptr_array_index (warnings, i);

          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append_c (out, '{');
          cm_json_append_key (out, "kind");
          cm_json_append_string (out, warning->kind);
          g_string_append_c (out, ',');
          cm_json_append_key (out, "subject");
          cm_json_append_string (out, warning->subject);
          g_string_append_c (out, ',');
          cm_json_append_key (out, "message");
          cm_json_append_string (out, warning->message);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]}\n");
    }
  else if (warnings->len == 0)
    {
      g_autofree char *label = cm_fiscal_year_label (year);

      g_string_append_printf (out, _("No warnings for %s\n"), label);
    }
  else
    {
      for (guint i = 0; i < warnings->len; i++)
        {
          const CmBudgetWarning *warning = g_ptr_array_index (warnings, i);

          append_cell (out, warning->kind, 25);
          g_string_append_c (out, ' ');
          append_cell (out, warning->subject, 12);
          g_string_append_printf (out, " %s\n", warning->message);
        }
    }

  g_print ("%s", out->str);
  return EXIT_OK;
}

/* An entry's value in --json: a number as stored, text as a string. */
static void
append_audit_value_json (GString    *out,
                         const char *field,
                         const char *value)
{
  CmAuditValue kind = cm_audit_field_value (field);

  if (value != NULL && kind != CM_AUDIT_VALUE_TEXT && kind != CM_AUDIT_VALUE_DATE)
    cm_json_append_int (out, g_ascii_strtoll (value, NULL, 10));
  else
    cm_json_append_string (out, value);
}

static void
print_audit_json (int        year,
                  GPtrArray *entries)
{
  g_autoptr(GString) out = g_string_new ("{");

  cm_json_append_key (out, "year");
  cm_json_append_int (out, year);
  g_string_append_c (out, ',');
  cm_json_append_key (out, "entries");
  g_string_append_c (out, '[');
  for (guint i = 0; i < entries->len; i++)
    {
      const CmAuditEntry *entry = g_ptr_array_index (entries, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      cm_json_append_key (out, "time");
      cm_json_append_string (out, entry->time);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "user");
      cm_json_append_string (out, entry->user);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "kind");
      cm_json_append_string (out, entry->kind);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "item_id");
      cm_json_append_int (out, entry->item_id);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "item");
      cm_json_append_string (out, entry->label);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "field");
      cm_json_append_string (out, entry->field);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "old");
      append_audit_value_json (out, entry->field, entry->old_value);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "new");
      append_audit_value_json (out, entry->field, entry->new_value);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}\n");

  g_print ("%s", out->str);
}

static void
print_audit_table (int        year,
                   GPtrArray *entries)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (entries->len == 0)
    {
      g_autofree char *label = cm_fiscal_year_label (year);

      g_print (_("No changes recorded for %s\n"), label);
      return;
    }

  append_cell (out, _("Time"), 20);
  g_string_append_c (out, ' ');
  append_cell (out, _("User"), 12);
  g_string_append_c (out, ' ');
  append_cell (out, _("Item"), 32);
  g_string_append_c (out, ' ');
  append_cell (out, _("Field"), 20);
  g_string_append_printf (out, " %s\n", _("Change"));

  for (guint i = 0; i < entries->len; i++)
    {
      const CmAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *old_value = cm_audit_format_value (entry->field, entry->old_value);
      g_autofree char *new_value = cm_audit_format_value (entry->field, entry->new_value);

      append_cell (out, entry->time, 20);
      g_string_append_c (out, ' ');
      append_cell (out, entry->user, 12);
      g_string_append_c (out, ' ');
      append_cell (out, entry->label, 32);
      g_string_append_c (out, ' ');
      append_cell (out, cm_audit_field_label (entry->field), 20);
      g_string_append_printf (out, " %s → %s\n", old_value, new_value);
    }

  g_print ("%s", out->str);
}

static int
run_audit (CmCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gboolean json = FALSE;
  int year = 0;
  int status = EXIT_OK;

  if (!parse_period_options ("audit", &argc, &argv, &year, NULL, &json, &status))
    return status;

  if (!(db = open_database (cli, CM_DB_OPEN_READ_ONLY, &error)) ||
      !(entries = cm_audit_list_year (db, year, &error)))
    return fail_error (error);

  if (json)
    print_audit_json (year, entries);
  else
    print_audit_table (year, entries);

  return EXIT_OK;
}

static int
run_export (CmCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *output = NULL;
  int year = G_MININT;
  int half = 0;
  int status = EXIT_OK;
  gboolean with_names = FALSE;
  CmExportKind kind;
  GDate today;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Financial year, e.g. 2010 for 2010/11"), "YYYY" },
    { "half", 0, 0, G_OPTION_ARG_INT, &half, N_("Half of the year: 1 (Apr–Sep) or 2 (Oct–Mar)"), "1|2" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The workbook to write"), "FILE.xlsx" },
    { "with-names", 0, 0, G_OPTION_ARG_NONE, &with_names, N_("Include learners’ names and emails where the workbook lists learners (evaluation)"), NULL },
    { NULL }
  };

  if (!parse_command_options ("export", "KIND --year YYYY [--half 1|2] --output FILE.xlsx [--with-names]", entries, &argc, &argv, &status))
    return status;

  if (argc < 2)
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **) cm_export_kinds ());

      return fail_usage (_("export: which workbook? One of %s"), kinds);
    }
  if (argc > 2)
    return fail_usage (_("%s: unexpected argument “%s”"), "export", argv[2]);
  if (!cm_export_kind_from_name (argv[1], &kind))
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **) cm_export_kinds ());

      return fail_usage (_("export: unknown workbook “%s”; the kinds are %s"), argv[1], kinds);
    }
  if (year == G_MININT)
    return fail_usage (_("%s: --year YYYY is required"), "export");
  if (year < 1900 || year > 9999)
    return fail_usage (_("--year must be a year from 1900 to 9999, not %d"), year);
  if (half != 0 && half != 1 && half != 2)
    return fail_usage (_("--half must be 1 or 2, not %d"), half);
  if (cm_export_kind_uses_half (kind) && half == 0)
    return fail_usage (_("export %s: --half 1 or --half 2 is required"), argv[1]);
  if (output == NULL || *output == '\0')
    return fail_usage (_("%s: --output FILE.xlsx is required"), "export");
  if (with_names && !cm_export_kind_lists_people (kind))
    return fail_usage (_("export %s: --with-names is only for a workbook that lists learners (evaluation)"), argv[1]);
  if (!get_today (&today, &status))
    return status;

  if (!(db = open_database (cli, CM_DB_OPEN_READ_ONLY, &error)) ||
      !cm_export_write_full (db, kind, year, half, with_names ? CM_EXPORT_WITH_NAMES : CM_EXPORT_FLAGS_NONE,
                             &today, output, NULL, NULL, NULL, &error))
    return fail_error (error);

  return EXIT_OK;
}

/* A figure in hundredths, such as "87.5", or null. */
static void
append_measure (GString                   *out,
                const char                *key,
                const CmEvaluationFigures *figures,
                CmEvaluationMeasure        measure)
{
  gint64 value = 0;

  g_string_append_c (out, ',');
  cm_json_append_key (out, key);
  if (!cm_evaluation_ratio (figures, measure, &value))
    g_string_append (out, "null");
  else if (measure == CM_EVALUATION_COST_PER_ATTENDEE)
    cm_json_append_int (out, value);
  else
    {
      g_autofree char *text = cm_budget_format_percent (value);

      g_string_append (out, text);
    }
}

static void
append_count (GString    *out,
              const char *key,
              gint64      value)
{
  g_string_append_c (out, ',');
  cm_json_append_key (out, key);
  cm_json_append_int (out, value);
}

/* Every member but "code", in the order of DESIGN's contract. */
static void
append_evaluation_members (GString                   *out,
                           const CmEvaluationFigures *f)
{
  append_count (out, "events", f->events);
  append_count (out, "places", f->places);
  append_count (out, "booked", f->booked);
  append_count (out, "attended", f->attended);
  append_count (out, "dna", f->dna);
  append_count (out, "late_cancel", f->late_cancel);
  append_count (out, "cancelled", f->cancelled);
  append_count (out, "waitlist", f->waitlist);
  append_measure (out, "fill_percent", f, CM_EVALUATION_FILL_PERCENT);
  append_measure (out, "dna_percent", f, CM_EVALUATION_DNA_PERCENT);
  append_measure (out, "cost_per_attendee_pence", f, CM_EVALUATION_COST_PER_ATTENDEE);
  append_measure (out, "attended_pvi_percent", f, CM_EVALUATION_ATTENDED_PVI_PERCENT);
  append_count (out, "responses", f->responses);
  append_measure (out, "content", f, CM_EVALUATION_CONTENT);
  append_measure (out, "trainer", f, CM_EVALUATION_TRAINER);
  append_measure (out, "venue", f, CM_EVALUATION_VENUE);
  append_measure (out, "relevance", f, CM_EVALUATION_RELEVANCE);
  append_measure (out, "confidence_before", f, CM_EVALUATION_CONFIDENCE_BEFORE);
  append_measure (out, "confidence_after", f, CM_EVALUATION_CONFIDENCE_AFTER);
  append_measure (out, "uplift", f, CM_EVALUATION_UPLIFT);
  append_measure (out, "reaching_confident_percent", f, CM_EVALUATION_REACHING_CONFIDENT_PERCENT);
  append_count (out, "followups_done", f->followups_done);
  append_count (out, "followups_overdue", f->followups_overdue);
  append_measure (out, "applied_average", f, CM_EVALUATION_APPLIED_AVERAGE);
}

static void
print_evaluation_json (const CmEvaluationReport *report)
{
  g_autoptr(GString) out = g_string_new ("{");
  g_autoptr(GString) totals = g_string_new (NULL);

  cm_json_append_key (out, "year");
  cm_json_append_int (out, report->year);
  g_string_append_c (out, ',');
  cm_json_append_key (out, "half");
  if (report->half == 0)
    g_string_append (out, "null");
  else
    cm_json_append_int (out, report->half);
  g_string_append_c (out, ',');
  cm_json_append_key (out, "commissions");
  g_string_append_c (out, '[');

  for (guint i = 0; i < report->rows->len; i++)
    {
      const CmEvaluationFigures *row = g_ptr_array_index (report->rows, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      cm_json_append_key (out, "code");
      cm_json_append_string (out, row->key);
      append_evaluation_members (out, row);
      g_string_append_c (out, '}');
    }

  g_string_append (out, "],");
  cm_json_append_key (out, "totals");
  g_string_append_c (out, '{');
  /* Each member starts with a comma; the first of the totals must not. */
  append_evaluation_members (totals, report->totals);
  g_string_append (out, totals->str + 1);
  g_string_append (out, "}}\n");

  g_print ("%s", out->str);
}

static char *
format_measure (const CmEvaluationFigures *figures,
                CmEvaluationMeasure        measure)
{
  gint64 value = 0;

  if (!cm_evaluation_ratio (figures, measure, &value))
    return g_strdup ("–");
  if (measure == CM_EVALUATION_COST_PER_ATTENDEE)
    return cm_money_format (value);

  return cm_budget_format_percent (value);
}

static void
append_evaluation_row (GString                   *out,
                       const char                *code,
                       const CmEvaluationFigures *f)
{
  const CmEvaluationMeasure measures[] = {
    CM_EVALUATION_FILL_PERCENT, CM_EVALUATION_DNA_PERCENT, CM_EVALUATION_COST_PER_ATTENDEE,
    CM_EVALUATION_ATTENDED_PVI_PERCENT, CM_EVALUATION_RESPONSE_PERCENT, CM_EVALUATION_UPLIFT,
    CM_EVALUATION_REACHING_CONFIDENT_PERCENT,
  };
  const guint widths[] = { 7, 6, 12, 6, 9, 7, 10 };
  g_autofree char *events = g_strdup_printf ("%" G_GINT64_FORMAT, f->events);
  g_autofree char *places = g_strdup_printf ("%" G_GINT64_FORMAT, f->places);
  g_autofree char *attended = g_strdup_printf ("%" G_GINT64_FORMAT, f->attended);
  g_autofree char *overdue = g_strdup_printf ("%" G_GINT64_FORMAT, f->followups_overdue);

  append_cell (out, code, 14);
  g_string_append_c (out, ' ');
  append_right (out, events, 6);
  g_string_append_c (out, ' ');
  append_right (out, places, 6);
  g_string_append_c (out, ' ');
  append_right (out, attended, 8);
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      g_autofree char *cell = format_measure (f, measures[i]);

      g_string_append_c (out, ' ');
      append_right (out, cell, widths[i]);
    }
  g_string_append_c (out, ' ');
  append_right (out, overdue, 7);
  g_string_append_c (out, '\n');
}

static void
print_evaluation_table (const CmEvaluationReport *report)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *label = report->half == 0 ? cm_fiscal_year_label (report->year)
                                             : cm_fiscal_cycle_label (report->year, report->half);
  const char *headings[] = {
    _("Events"), _("Places"), _("Attended"), _("Fill %"), _("DNA %"), _("Per attendee"),
    _("PVI %"), _("Returns %"), _("Uplift"), _("Conf ≥4 %"), _("Overdue"),
  };
  const guint widths[] = { 6, 6, 8, 7, 6, 12, 6, 9, 7, 10, 7 };

  if (report->rows->len == 0)
    {
      g_print (_("No events in %s\n"), label);
      return;
    }

  g_string_append_printf (out, _("Evaluation for %s\n\n"), label);
  append_cell (out, _("Commission"), 14);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      g_string_append_c (out, ' ');
      append_right (out, headings[i], widths[i]);
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < report->rows->len; i++)
    {
      const CmEvaluationFigures *row = g_ptr_array_index (report->rows, i);

      append_evaluation_row (out, row->key, row);
    }
  append_evaluation_row (out, _("Total"), report->totals);

  g_print ("%s", out->str);
}

static int
run_evaluation (CmCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(CmEvaluationReport) report = NULL;
  gboolean json = FALSE;
  GDate today;
  int year = 0;
  int half = 0;
  int status = EXIT_OK;

  if (!parse_period_options_full ("evaluation", &argc, &argv, &year, &half, TRUE, &json, &status) ||
      !get_today (&today, &status))
    return status;

  if (!(db = open_database (cli, CM_DB_OPEN_READ_ONLY, &error)) ||
      !(report = cm_evaluation_report (db, year, half, CM_EVALUATION_BY_COMMISSION, &today, &error)))
    return fail_error (error);

  if (json)
    print_evaluation_json (report);
  else
    print_evaluation_table (report);

  return EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* what-if                                                             */
/* ------------------------------------------------------------------ */

/* "STREAM=VALUE" of --cut or --allocation: the code and the value's text. */
static gboolean
split_stream_value (const char  *option,
                    const char  *value_name,
                    const char  *text,
                    char       **out_code,
                    const char **out_value,
                    int         *out_status)
{
  const char *equals = strchr (text, '=');
  g_autofree char *code = NULL;

  if (equals != NULL)
    code = g_strstrip (g_strndup (text, equals - text));
  if (code == NULL || *code == '\0')
    {
      *out_status = fail_usage (_("%s needs STREAM=%s, not “%s”"), option, value_name, text);
      return FALSE;
    }

  *out_code = g_steal_pointer (&code);
  *out_value = equals + 1;
  return TRUE;
}

/* Adds one change to @scenario, refusing a second change of one stream. */
static gboolean
add_what_if_change (CmWhatIfScenario *scenario,
                    const char       *option,
                    const char       *code,
                    CmWhatIfChange    change,
                    gint64            value,
                    int              *out_status)
{
  if (cm_what_if_scenario_get (scenario, code, NULL) != CM_WHAT_IF_UNCHANGED)
    {
      *out_status = fail_usage (_("%s: stream %s is already changed; give one --cut, --allocation or --withdraw for each stream"),
                                option, code);
      return FALSE;
    }

  cm_what_if_scenario_set (scenario, code, change, value);
  return TRUE;
}

/* What happens to a stream, in words: "cut by 20%", "withdrawn". */
static void
print_what_if_json (const CmWhatIfPlan *plan)
{
  g_autoptr(GString) out = g_string_new ("{");

  cm_json_append_key (out, "year");
  cm_json_append_int (out, plan->year);
  g_string_append (out, ",\"streams\":[");
  for (guint i = 0; i < plan->streams->len; i++)
    {
      const CmWhatIfStream *stream = g_ptr_array_index (plan->streams, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      cm_json_append_key (out, "code");
      cm_json_append_string (out, stream->code);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "allocation_pence");
      cm_json_append_int (out, stream->after->allocation_pence);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "forecast_pence");
      cm_json_append_int (out, stream->after->forecast_pence);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "proposed_pence");
      cm_json_append_int (out, stream->after->proposed_pence);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "available_pence");
      cm_json_append_int (out, stream->after->available_pence);
      g_string_append_c (out, '}');
    }

  g_string_append (out, "],\"kept\":[");
  for (guint i = 0; i < plan->kept->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      cm_json_append_string (out, g_array_index (plan->kept, CmWhatIfOutcome, i).candidate->code);
    }

  g_string_append (out, "],\"deferred\":[");
  for (guint i = 0; i < plan->deferred->len; i++)
    {
      const CmWhatIfOutcome *outcome = &g_array_index (plan->deferred, CmWhatIfOutcome, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      cm_json_append_key (out, "code");
      cm_json_append_string (out, outcome->candidate->code);
      g_string_append_c (out, ',');
      cm_json_append_key (out, "blocked_by");
      cm_json_append_string (out, outcome->blocked_by);
      g_string_append_c (out, '}');
    }

  g_string_append (out, "],\"unmet\":[");
  for (guint i = 0; i < plan->unmet->len; i++)
    {
      const CmWhatIfUnmet *unmet = &g_array_index (plan->unmet, CmWhatIfUnmet, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      cm_json_append_key (out, "competency");
      if (unmet->competency_code != NULL)
        cm_json_append_string (out, unmet->competency_code);
      else
        g_string_append (out, "null");
      g_string_append_c (out, ',');
      cm_json_append_key (out, "places");
      cm_json_append_int (out, unmet->places);
      g_string_append_c (out, '}');
    }

  g_string_append (out, "]}\n");
  g_print ("%s", out->str);
}

static void
append_money_pair (GString *out,
                   gint64   before,
                   gint64   after)
{
  g_autofree char *before_text = cm_money_format (before);
  g_autofree char *after_text = cm_money_format (after);

  g_string_append_c (out, ' ');
  append_right (out, before_text, 13);
  g_string_append_c (out, ' ');
  append_right (out, after_text, 13);
}

static void
append_what_if_stream_row (GString               *out,
                           const char            *code,
                           const char            *change,
                           const CmBudgetFigures *before,
                           const CmBudgetFigures *after)
{
  append_cell (out, code, 12);
  g_string_append_c (out, ' ');
  append_cell (out, change, 13);
  append_money_pair (out, before->allocation_pence, after->allocation_pence);
  append_money_pair (out, before->forecast_pence, after->forecast_pence);
  append_money_pair (out, before->forecast_pence + before->proposed_pence,
                     after->forecast_pence + after->proposed_pence);
  append_money_pair (out, before->available_pence, after->available_pence);
  g_string_append_c (out, '\n');
}

static void
print_what_if_table (const CmWhatIfPlan *plan)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *label = cm_fiscal_year_label (plan->year);
  const char *groups[] = { _("Allocation"), _("Forecast"), _("Forecast + Proposed"), _("Remaining") };
  guint n_warnings = 0;

  /* Translators: %s is a financial year such as "2010/11" */
  g_string_append_printf (out, _("What if: %s re-planned by priority\n\n"), label);

  g_string_append_printf (out, "%26s", "");
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_string_append_c (out, ' ');
      append_right (out, groups[i], 27);
    }
  g_string_append_c (out, '\n');
  append_cell (out, _("Stream"), 12);
  g_string_append_c (out, ' ');
  append_cell (out, _("Change"), 13);
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_string_append_c (out, ' ');
      append_right (out, _("before"), 13);
      g_string_append_c (out, ' ');
      append_right (out, _("after"), 13);
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < plan->streams->len; i++)
    {
      const CmWhatIfStream *stream = g_ptr_array_index (plan->streams, i);
      g_autofree char *change = cm_what_if_describe_change (stream->change, stream->change_value);

      append_what_if_stream_row (out, stream->code, change, stream->before, stream->after);
    }
  append_what_if_stream_row (out, _("Total"), "", plan->totals_before, plan->totals_after);

  g_string_append_c (out, '\n');
  if (plan->deferred->len == 0)
    g_string_append_printf (out, _("Nothing stops: all %u approved and proposed commissions still fit.\n"),
                            plan->kept->len);
  else
    {
      gint64 planned = 0;
      g_autofree char *planned_text = NULL;

      for (guint i = 0; i < plan->deferred->len; i++)
        planned += g_array_index (plan->deferred, CmWhatIfOutcome, i).candidate->planned_pence;
      planned_text = cm_money_format (planned);

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "What stops: %u commission deferred, %s of planned cost; %u kept.\n\n",
                                                "What stops: %u commissions deferred, %s of planned cost; %u kept.\n\n",
                                                plan->deferred->len),
                              plan->deferred->len, planned_text, plan->kept->len);
      append_cell (out, _("Commission"), 13);
      g_string_append_c (out, ' ');
      append_cell (out, _("Title"), 34);
      g_string_append_c (out, ' ');
      append_right (out, _("Planned cost"), 13);
      g_string_append_c (out, ' ');
      append_cell (out, _("Blocked by"), 12);
      g_string_append_c (out, ' ');
      append_cell (out, _("For"), 11);
      g_string_append_c (out, ' ');
      append_right (out, _("Places"), 6);
      g_string_append_c (out, ' ');
      append_right (out, _("Priority"), 8);
      g_string_append_c (out, '\n');

      for (guint i = 0; i < plan->deferred->len; i++)
        {
          const CmWhatIfOutcome *outcome = &g_array_index (plan->deferred, CmWhatIfOutcome, i);
          const CmWhatIfCandidate *candidate = outcome->candidate;
          g_autofree char *cost = cm_money_format (candidate->planned_pence);
          g_autofree char *places = g_strdup_printf ("%" G_GINT64_FORMAT, candidate->places);
          g_autofree char *priority = cm_needs_show_priority (candidate->priority_num, candidate->priority_den);

          append_cell (out, candidate->code, 13);
          g_string_append_c (out, ' ');
          append_cell (out, candidate->title, 34);
          g_string_append_c (out, ' ');
          append_right (out, cost, 13);
          g_string_append_c (out, ' ');
          append_cell (out, outcome->blocked_by, 12);
          g_string_append_c (out, ' ');
          append_cell (out, candidate->competency_code != NULL ? candidate->competency_code : "–", 11);
          g_string_append_c (out, ' ');
          append_right (out, places, 6);
          g_string_append_c (out, ' ');
          append_right (out, priority, 8);
          g_string_append_c (out, '\n');
        }

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "\nPlaces left unmet: %" G_GINT64_FORMAT " place\n",
                                                "\nPlaces left unmet: %" G_GINT64_FORMAT " places\n",
                                                plan->unmet_places),
                              plan->unmet_places);
      append_cell (out, _("Competency"), 11);
      g_string_append_c (out, ' ');
      append_right (out, _("Places"), 6);
      g_string_append_c (out, ' ');
      append_right (out, _("Priority"), 8);
      g_string_append_printf (out, "  %s\n", _("Name"));
      for (guint i = 0; i < plan->unmet->len; i++)
        {
          const CmWhatIfUnmet *unmet = &g_array_index (plan->unmet, CmWhatIfUnmet, i);
          g_autofree char *places = g_strdup_printf ("%" G_GINT64_FORMAT, unmet->places);
          g_autofree char *priority = cm_needs_show_priority (unmet->priority_num, unmet->priority_den);

          append_cell (out, unmet->competency_code != NULL ? unmet->competency_code : "–", 11);
          g_string_append_c (out, ' ');
          append_right (out, places, 6);
          g_string_append_c (out, ' ');
          append_right (out, priority, 8);
          g_string_append_printf (out, "  %s\n",
                                  unmet->competency_name != NULL ? unmet->competency_name : _("(no competency)"));
        }
    }

  for (guint i = 0; i < plan->streams->len; i++)
    {
      const CmWhatIfStream *stream = g_ptr_array_index (plan->streams, i);

      for (guint w = 0; w < stream->warnings_after->len; w++)
        {
          const CmBudgetWarning *warning = g_ptr_array_index (stream->warnings_after, w);

          if (n_warnings++ == 0)
            g_string_append_printf (out, "\n%s\n", _("Warnings after the re-plan:"));
          append_cell (out, warning->kind, 24);
          g_string_append_c (out, ' ');
          append_cell (out, warning->subject, 12);
          g_string_append_printf (out, " %s\n", warning->message);
        }
    }
  if (n_warnings == 0)
    g_string_append_printf (out, "\n%s\n", _("No stream raises a warning after the re-plan."));

  g_print ("%s", out->str);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db ? 1 : 0;
}

static int
run_what_if (CmCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(CmWhatIf) what_if = NULL;
  g_autoptr(CmWhatIfPlan) plan = NULL;
  g_autoptr(CmWhatIfScenario) scenario = cm_what_if_scenario_new ();
  g_auto(GStrv) cuts = NULL;
  g_auto(GStrv) amounts = NULL;
  g_auto(GStrv) withdrawals = NULL;
  g_autofree char *scenario_name = NULL;
  g_autoptr(CmWhatIfSaved) saved = NULL;
  gboolean json = FALSE;
  int year = G_MININT;
  int repeat = 0;
  int status = EXIT_OK;
  GDate today;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Financial year, e.g. 2010 for 2010/11"), "YYYY" },
    { "cut", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cuts, N_("Cut a stream’s allocation by PERCENT (0 to 100)"), "STREAM=PERCENT" },
    { "allocation", 0, 0, G_OPTION_ARG_STRING_ARRAY, &amounts, N_("Give a stream a new allocation"), "STREAM=AMOUNT" },
    { "withdraw", 0, 0, G_OPTION_ARG_STRING_ARRAY, &withdrawals, N_("Withdraw a stream: it keeps only what it has spent"), "STREAM" },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario_name, N_("Run the year’s scenario saved as NAME in the app"), "NAME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL },
    /* For bench/run: re-plans N more times and prints the median time on stderr. */
    { "repeat", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &repeat, NULL, "N" },
    { NULL }
  };

  if (!parse_command_options ("what-if",
                              "--year YYYY [--cut STREAM=PERCENT]… [--allocation STREAM=AMOUNT]… [--withdraw STREAM]… [--scenario NAME] [--json]",
                              entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("%s: unexpected argument “%s”"), "what-if", argv[1]);
  if (year == G_MININT)
    return fail_usage (_("%s: --year YYYY is required"), "what-if");
  if (year < 1900 || year > 9999)
    return fail_usage (_("--year must be a year from 1900 to 9999, not %d"), year);
  if (repeat < 0 || repeat > 100000)
    return fail_usage (_("--repeat must be from 0 to 100000, not %d"), repeat);
  if (scenario_name != NULL && (cuts != NULL || amounts != NULL || withdrawals != NULL))
    return fail_usage (_("--scenario cannot be given with --cut, --allocation or --withdraw"));

  for (guint i = 0; cuts != NULL && cuts[i] != NULL; i++)
    {
      g_autofree char *code = NULL;
      const char *text = NULL;
      gint64 bp = 0;

      if (!split_stream_value ("--cut", "PERCENT", cuts[i], &code, &text, &status))
        return status;
      if (!cm_import_check_field ("splits", "percent", text, &bp, &error))
        return fail_usage ("--cut %s: %s", cuts[i], error->message);
      if (!add_what_if_change (scenario, "--cut", code, CM_WHAT_IF_CUT, bp, &status))
        return status;
    }

  for (guint i = 0; amounts != NULL && amounts[i] != NULL; i++)
    {
      g_autofree char *code = NULL;
      const char *text = NULL;
      gint64 pence = 0;

      if (!split_stream_value ("--allocation", "AMOUNT", amounts[i], &code, &text, &status))
        return status;
      /* Read as a streams file's allocation column reads it. */
      if (!cm_import_check_field ("streams", "allocation", text, &pence, &error))
        return fail_usage ("--allocation %s: %s", amounts[i], error->message);
      if (!add_what_if_change (scenario, "--allocation", code, CM_WHAT_IF_ALLOCATION, pence, &status))
        return status;
    }

  for (guint i = 0; withdrawals != NULL && withdrawals[i] != NULL; i++)
    {
      g_autofree char *code = g_strstrip (g_strdup (withdrawals[i]));

      if (*code == '\0' || strchr (code, '=') != NULL)
        return fail_usage (_("--withdraw needs a STREAM code, not “%s”"), withdrawals[i]);
      if (!add_what_if_change (scenario, "--withdraw", code, CM_WHAT_IF_WITHDRAWN, 0, &status))
        return status;
    }

  if (!get_today (&today, &status))
    return status;

  if (!(db = open_database (cli, CM_DB_OPEN_READ_ONLY, &error)))
    return fail_error (error);
  if (scenario_name != NULL)
    {
      if (!(saved = cm_what_if_find_scenario (db, year, scenario_name, &error)))
        return fail_error (error);
      cm_what_if_scenario_free (scenario);
      scenario = cm_what_if_scenario_copy (saved->scenario);
    }
  if (!(what_if = cm_what_if_load (db, year, &today, &error)) ||
      !(plan = cm_what_if_run (what_if, scenario, &error)))
    return fail_error (error);

  if (repeat > 0)
    {
      g_autofree double *times = g_new0 (double, repeat);

      for (int i = 0; i < repeat; i++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(CmWhatIfPlan) again = cm_what_if_run (what_if, scenario, NULL);

          times[i] = (g_get_monotonic_time () - start) / 1000.0;
        }
      qsort (times, repeat, sizeof (double), compare_doubles);
      g_printerr ("what-if: recompute median %.3f ms over %d runs (%u commissions)\n",
                  repeat % 2 ? times[repeat / 2] : (times[repeat / 2 - 1] + times[repeat / 2]) / 2,
                  repeat, cm_what_if_get_candidates (what_if)->len);
    }

  if (json)
    print_what_if_json (plan);
  else
    print_what_if_table (plan);

  return EXIT_OK;
}

static int
run_retention (CmCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autofree char *erased = NULL;
  guint n_choices = 0;
  const int *choices = cm_retention_choices (&n_choices);
  gboolean valid = FALSE;
  gint64 n_erased = 0;
  GDate today;
  int years = G_MININT;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "years", 0, 0, G_OPTION_ARG_INT, &years, N_("Keep personal details this long after the last booking: 0 (until erased by hand), 1, 2, 3 or 6"), "N" },
    { NULL }
  };

  if (!parse_command_options ("retention", "[--years 0|1|2|3|6]", entries, &argc, &argv, &status) ||
      !get_today (&today, &status))
    return status;
  if (argc > 1)
    return fail_usage (_("retention: unexpected argument “%s”"), argv[1]);
  for (guint i = 0; i < n_choices; i++)
    valid = valid || choices[i] == years;
  if (years != G_MININT && !valid)
    return fail_usage (_("--years must be 0, 1, 2, 3 or 6, not %d"), years);

  if (!(db = open_database_to_write (cli, CM_DB_OPEN_WRITE, &error)))
    return fail_error (error);

  if (years != G_MININT)
    {
      if (!cm_retention_set_years (db, years, &today, &n_erased, &error))
        return fail_error (error);
    }
  else if ((years = cm_retention_get_years (db, &error)) < 0 ||
           !cm_retention_apply (db, &today, &n_erased, &error))
    return fail_error (error);

  if (years == 0)
    g_print (_("Learners’ personal details are kept until erased by hand\n"));
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Learners’ personal details are erased %d year after their last booking\n",
                          "Learners’ personal details are erased %d years after their last booking\n",
                          (gulong) years),
             years);
  erased = cm_retention_format_erased (n_erased);
  g_print ("%s\n", erased);

  return EXIT_OK;
}

static const CmCliCommand commands[] = {
  { "init", "", N_("Create or upgrade the database; safe to run again"), run_init },
  { "demo", "", N_("Load the example data into an empty database"), run_demo },
  { "import", "KIND FILE.csv [--dry-run] [--wait SECONDS]", N_("Import a CSV file; all rows or none"), run_import },
  { "export", "KIND --year YYYY [--half 1|2] --output FILE.xlsx [--with-names]", N_("Write an Excel workbook: finance, a grant return or the needs analysis"), run_export },
  { "needs", "--year YYYY --half 1|2 [--json]", N_("Show the training needs of a cycle, highest priority first"), run_needs },
  { "copy-cycle", "--year YYYY --half 1|2", N_("Fill this cycle from the previous one, adding attendance"), run_copy_cycle },
  { "close-cycle", "--year YYYY --half 1|2", N_("Sign the cycle off: keep its figures and make it read-only"), run_close_cycle },
  { "reopen-cycle", "--year YYYY --half 1|2", N_("Reopen a signed-off cycle: its figures follow the workforce again"), run_reopen_cycle },
  { "copy-streams", "--from YYYY --to YYYY", N_("Start a year’s streams from another’s, with allocations of £0.00"), run_copy_streams },
  { "summary", "--year YYYY [--json]", N_("Show each funding stream’s figures for a financial year"), run_summary },
  { "warnings", "--year YYYY [--json]", N_("List the budget warnings for a financial year"), run_warnings },
  { "audit", "--year YYYY [--json]", N_("List the changes to money recorded for a financial year, newest first"), run_audit },
  { "evaluation", "--year YYYY [--half 1|2] [--json]", N_("Show bookings, attendance and feedback per commission"), run_evaluation },
  { "what-if", "--year YYYY [--cut STREAM=PERCENT]… [--allocation STREAM=AMOUNT]… [--withdraw STREAM]… [--scenario NAME] [--json]",
    N_("Re-plan the year by priority under grant cuts; writes nothing"), run_what_if },
  { "backup", "FILE", N_("Write a consistent copy of the database"), run_backup },
  { "retention", "[--years 0|1|2|3|6]", N_("Set how long learners’ names and emails are kept, and erase what is older"), run_retention },
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

      g_print ("  %-38s %s\n", synopsis, _(commands[i].summary));
    }
  g_print (_("\nOptions:\n"));
  g_print ("  %-38s %s\n", "--database FILE", _("Use FILE instead of the default database"));
  g_print ("  %-38s %s\n", "--help", _("Show this help"));
  g_print ("  %-38s %s\n", "--version", _("Show the version"));
  g_print (_("\nImport kinds: %s\n"), kinds);
  {
    g_autofree char *export_kinds = g_strjoinv (", ", (char **) cm_export_kinds ());

    g_print (_("Export kinds: %s\n"), export_kinds);
  }
  g_print (_("Default database: %s\n"), default_path);
  g_print (_("Environment: COMMISSIONER_TODAY=YYYY-MM-DD sets the date that warnings and overdue follow-ups are judged against and that close-cycle records, for reproducible reports, and the day of the daily backup.\n"));
  {
    g_autofree char *folder = cm_backups_get_folder ();

    g_print (_("Backups: the first command of the day that writes, and every import that writes, back the database up first, into %s (the last 7 daily and the last 10 before a change are kept).\n"),
             folder);
  }
  g_print (_("Exit status: 0 success, 1 bad data or no database (nothing written), 2 usage error, "
             "3 could not be done now: the database is locked by another program, the disk is full, "
             "a file or folder is read-only, or the workbook to replace is open in another program (nothing written).\n"));
}

int
main (int    argc,
      char **argv)
{
  CmCli cli = { NULL, DEFAULT_WAIT_SECONDS };
  int i;
  int status;

  /* Past a file size limit (ulimit -f), a write then fails with EFBIG and
   * is reported, rather than the signal killing the process mid-write. */
  signal (SIGXFSZ, SIG_IGN);

  setlocale (LC_ALL, "");
  /* Otherwise a command's --help names the command as the program. */
  g_set_prgname ("commissioner-cli");
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
