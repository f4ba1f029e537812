/* cm-restore-dialog.c
 *
 * The automatic backups of one database, one row each (when, why, how
 * large), and the question before one is restored. The window restores
 * it (win.restore-backup).
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-backups.h"
#include "cm-restore-dialog.h"

struct _CmRestoreDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  AdwPreferencesGroup  *group;
  GtkListBox           *list_box;

  char                 *path;
  char                 *chosen;  /* the backup file, or "" */
  GPtrArray            *backups;
};

G_DEFINE_FINAL_TYPE (CmRestoreDialog, cm_restore_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PATH,
  PROP_CHOSEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CmBackup *
find_backup (CmRestoreDialog *self,
             const char      *path)
{
  for (guint i = 0; self->backups != NULL && i < self->backups->len; i++)
    {
      const CmBackup *backup = g_ptr_array_index (self->backups, i);

      if (g_strcmp0 (backup->path, path) == 0)
        return backup;
    }

  return NULL;
}

static void
update_actions (CmRestoreDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "restore.restore",
                                 find_backup (self, self->chosen) != NULL);
}

static GtkWidget *
make_row (const CmBackup *backup)
{
  g_autofree char *when = cm_backup_describe_time (backup);
  g_autofree char *size = g_format_size ((guint64) backup->size);
  /* Translators: "Before an import · 12.3 MB" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), cm_backup_kind_label (backup->kind), size);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "restore.choose");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (check), "s", backup->path);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  return row;
}

static void
fill (CmRestoreDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (self->path);
  g_autofree char *description = NULL;

  g_clear_pointer (&self->backups, g_ptr_array_unref);
  self->backups = cm_backups_list (self->path, &error);
  /* The folder could not be read: say so where the list would be. */
  if (self->backups == NULL)
    {
      adw_status_page_set_description (self->empty_page, error->message);
      self->backups = g_ptr_array_new ();
    }

  for (guint i = 0; i < self->backups->len; i++)
    gtk_list_box_append (self->list_box, make_row (g_ptr_array_index (self->backups, i)));

  description = g_strdup_printf (_("Restoring replaces the data now in “%s” with the backup’s. A copy of the data is kept first, so that the restore can be undone."),
                                 basename);
  adw_preferences_group_set_description (self->group, description);
  gtk_stack_set_visible_child_name (self->stack, self->backups->len > 0 ? "list" : "empty");
  update_actions (self);
}

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CmRestoreDialog  *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (!g_str_equal (response, "restore") || find_backup (self, self->chosen) == NULL)
    return;

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.restore-backup", "s", self->chosen);

  /* The question is a child of this window and still answering: go once
   * it has. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_cb, g_object_ref (self), g_object_unref);
}

/* Restoring replaces everything shown: asked once, even though it can be
 * undone. */
static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CmRestoreDialog *self = CM_RESTORE_DIALOG (widget);
  const CmBackup *backup = find_backup (self, self->chosen);
  g_autofree char *when = NULL;
  AdwMessageDialog *dialog;

  if (backup == NULL)
    return;

  when = cm_backup_describe_time (backup);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Restore the Backup of %s?"), when);
  adw_message_dialog_set_body (dialog, _("Everything entered since then is replaced. A copy of the data as it is now is kept first, so that you can undo the restore."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cm_restore_dialog_constructed (GObject *object)
{
  CmRestoreDialog *self = (CmRestoreDialog *)object;

  G_OBJECT_CLASS (cm_restore_dialog_parent_class)->constructed (object);

  fill (self);
}

static void
cm_restore_dialog_finalize (GObject *object)
{
  CmRestoreDialog *self = (CmRestoreDialog *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->chosen, g_free);
  g_clear_pointer (&self->backups, g_ptr_array_unref);

  G_OBJECT_CLASS (cm_restore_dialog_parent_class)->finalize (object);
}

static void
cm_restore_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CM_TYPE_RESTORE_DIALOG);

  G_OBJECT_CLASS (cm_restore_dialog_parent_class)->dispose (object);
}

static void
cm_restore_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CmRestoreDialog *self = CM_RESTORE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_CHOSEN:
      g_value_set_string (value, self->chosen);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_restore_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CmRestoreDialog *self = CM_RESTORE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;

    case PROP_CHOSEN:
      if (g_strcmp0 (self->chosen, g_value_get_string (value)) != 0)
        {
          g_free (self->chosen);
          self->chosen = g_strdup (g_value_get_string (value) ? g_value_get_string (value) : "");
          update_actions (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_restore_dialog_class_init (CmRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cm_restore_dialog_constructed;
  object_class->dispose = cm_restore_dialog_dispose;
  object_class->finalize = cm_restore_dialog_finalize;
  object_class->get_property = cm_restore_dialog_get_property;
  object_class->set_property = cm_restore_dialog_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The backup file chosen, "" for none: the rows' radio buttons. */
  properties[PROP_CHOSEN] =
    g_param_spec_string ("chosen", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/cm-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CmRestoreDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CmRestoreDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CmRestoreDialog, group);
  gtk_widget_class_bind_template_child (widget_class, CmRestoreDialog, list_box);

  gtk_widget_class_install_property_action (widget_class, "restore.choose", "chosen");
  gtk_widget_class_install_action (widget_class, "restore.restore", NULL, restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cm_restore_dialog_init (CmRestoreDialog *self)
{
  self->chosen = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cm_restore_dialog_new:
 * @parent: the window showing the database; it does the restore
 * @db_path: the database whose backups to offer
 *
 * Returns: (transfer none): a new dialog
 */
CmRestoreDialog *
cm_restore_dialog_new (GtkWindow  *parent,
                       const char *db_path)
{
  g_return_val_if_fail (db_path != NULL, NULL);

  return g_object_new (CM_TYPE_RESTORE_DIALOG,
                       "transient-for", parent,
                       "path", db_path,
                       NULL);
}

/**
 * cm_restore_dialog_get_n_backups:
 * @self: a #CmRestoreDialog
 *
 * Returns: how many backups are offered
 */
guint
cm_restore_dialog_get_n_backups (CmRestoreDialog *self)
{
  g_return_val_if_fail (CM_IS_RESTORE_DIALOG (self), 0);

  return self->backups != NULL ? self->backups->len : 0;
}

/**
 * cm_restore_dialog_get_chosen:
 * @self: a #CmRestoreDialog
 *
 * Returns: the backup file chosen, or "" for none
 */
const char *
cm_restore_dialog_get_chosen (CmRestoreDialog *self)
{
  g_return_val_if_fail (CM_IS_RESTORE_DIALOG (self), NULL);

  return self->chosen;
}
