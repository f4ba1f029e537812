/* cm-application.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-application.h"
#include "cm-backups.h"
#include "cm-context.h"
#include "cm-debug-timings.h"
#include "cm-fiscal.h"
#include "cm-preferences-window.h"
#include "cm-retention.h"
#include "cm-window.h"

struct _CmApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (CmApplication, cm_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accelerators[] = {
  { "app.quit", { "<Primary>q", NULL } },
  { "app.preferences", { "<Primary>comma", NULL } },
  { "app.shortcuts", { "<Primary>question", NULL } },
  { "window.close", { "<Primary>w", NULL } },
  { "win.import", { "<Primary>i", NULL } },
  { "win.help", { "F1", NULL } },
  { "win.export", { "<Primary>e", NULL } },
  { "win.show-page::needs", { "<Alt>1", NULL } },
  { "win.show-page::budget", { "<Alt>2", NULL } },
  { "win.show-page::evaluation", { "<Alt>3", NULL } },
};

/**
 * cm_application_new:
 *
 * Returns: (transfer full): the application
 */
CmApplication *
cm_application_new (void)
{
  /* The resource path is fixed so that the development profile, whose
   * application id ends in .Devel, finds the same style and icons. */
  return g_object_new (CM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

static char *
resolve_database_path (CmApplication *self,
                       const char    *path)
{
  g_autofree char *configured = NULL;

  if (path != NULL && path[0] != '\0')
    return g_strdup (path);

  if (self->settings != NULL)
    configured = g_settings_get_string (self->settings, "database-path");

  if (configured != NULL && configured[0] != '\0')
    return g_steal_pointer (&configured);

  return cm_db_default_path ();
}

/* Runs in a worker with its own connection: a county's copy takes a
 * moment. Returns the file written, or "" when none was needed. */
static gpointer
daily_backup_func (CmDb          *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  char *path = NULL;

  if (!cm_backups_take_daily (db, &path, error))
    return NULL;

  return path != NULL ? path : g_strdup ("");
}

static void
daily_backup_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CmWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cm_context_read_finish (CM_CONTEXT (object), result, &error);

  if (path == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("Could not take today’s backup: %s"), error->message);

      cm_window_add_toast (window, message);
    }
}

/**
 * cm_application_open_database:
 * @self: a #CmApplication
 * @path: (nullable): a database file, or %NULL for the configured one
 *
 * Presents the window showing @path, opening one if needed. A file that
 * cannot be opened gets a window explaining why.
 *
 * Returns: (transfer none): the window
 */
GtkWindow *
cm_application_open_database (CmApplication *self,
                              const char    *path)
{
  g_autofree char *resolved = NULL;
  g_autoptr(CmContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  g_return_val_if_fail (CM_IS_APPLICATION (self), NULL);

  resolved = resolve_database_path (self, path);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (CM_IS_WINDOW (l->data) &&
          g_strcmp0 (cm_window_get_path (l->data), resolved) == 0)
        {
          gtk_window_present (l->data);
          return l->data;
        }
    }

  context = cm_context_new_for_path (resolved, &error);

  if (context != NULL)
    {
      g_autoptr(GError) retention_error = NULL;
      gint64 n_erased = 0;
      GDate today;

      /* Before the pages read anything: details past the retention
       * period are not shown even once. Off unless chosen, so usually a
       * read of one setting. */
      cm_fiscal_get_today (&today, NULL);
      if (!cm_context_is_read_only (context) &&
          !cm_retention_apply (cm_context_get_db (context), &today, &n_erased, &retention_error))
        g_prefix_error (&retention_error, _("Could not erase personal details past their retention period: "));

      window = GTK_WINDOW (cm_window_new (self, context));

      if (retention_error != NULL)
        cm_window_add_toast (CM_WINDOW (window), retention_error->message);
      else if (n_erased > 0)
        {
          g_autofree char *message = cm_retention_format_erased (n_erased);

          cm_window_add_toast (CM_WINDOW (window), message);
        }
    }
  else
    window = GTK_WINDOW (cm_window_new_for_error (self, resolved, error));

  /* The day's first start backs the data up (README.md, "Backups"). */
  if (context != NULL && !cm_context_is_read_only (context))
    cm_context_read_async (context, daily_backup_func, NULL, NULL, g_free, NULL,
                           daily_backup_done_cb, g_object_ref (window));

  gtk_window_present (window);

  return window;
}

static void
cm_application_activate (GApplication *app)
{
  CmApplication *self = CM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_window_present (window);
  else
    cm_application_open_database (self, NULL);
}

static int
cm_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  CmApplication *self = CM_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *path = NULL;
  const char *arg = NULL;

  /* Relative to the directory the command was typed in, which may not be
   * ours when another instance is already running. */
  if (g_variant_dict_lookup (options, "database", "^&ay", &arg))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, arg);

      path = g_file_get_path (file);
    }

  cm_application_open_database (self, path);

  return EXIT_SUCCESS;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CmApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Close rather than quit outright, so that windows save their state. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CmContext *context = CM_IS_WINDOW (parent) ? cm_window_get_context (CM_WINDOW (parent)) : NULL;
  CmPreferencesWindow *preferences = cm_preferences_window_new (parent, context);

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource (RESOURCE_PATH "/cm-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, parent);
  gtk_window_present (shortcuts);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-icon", BASE_APP_ID,
                        "application-name", _("Commissioner"),
                        "developer-name", _("The Commissioner developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Plan, fund and evaluate training for the children’s workforce, from the needs analysis to the grant return."),
                        "website", "https://github.com/trainingcommissioner/commissioner",
                        "issue-url", "https://github.com/trainingcommissioner/commissioner/issues",
                        "copyright", _("© 2026 The Commissioner developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "shortcuts", .activate = shortcuts_action },
  { .name = "about", .activate = about_action },
};

static void
cm_application_startup (GApplication *app)
{
  CmApplication *self = CM_APPLICATION (app);

  /* AdwApplication loads style.css from the resource base path here. */
  G_APPLICATION_CLASS (cm_application_parent_class)->startup (app);

  cm_debug_timings_attach (GTK_APPLICATION (self));

  self->settings = g_settings_new (BASE_APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accelerators[i].action,
                                           accelerators[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
cm_application_dispose (GObject *object)
{
  CmApplication *self = (CmApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cm_application_parent_class)->dispose (object);
}

static void
cm_application_class_init (CmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cm_application_dispose;

  app_class->startup = cm_application_startup;
  app_class->activate = cm_application_activate;
  app_class->command_line = cm_application_command_line;
}

static void
cm_application_init (CmApplication *self)
{
  const GOptionEntry entries[] = {
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Open FILE instead of the usual database"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan, fund and evaluate training for the children’s workforce."));
}
