/* cm-export-dialog.c
 *
 * Export…: which workbook, for which year or cycle, then where; the export
 * runs in a worker thread with its own connection (HACKING.md, "Threads"),
 * shows its progress and can be stopped, and ends with a toast that opens
 * the file.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-dialogs.h"
#include "cm-export-dialog.h"
#include "cm-fiscal.h"

/* What the worker needs, and the progress it reports (thousandths). */
typedef struct
{
  CmExportKind  kind;
  CmExportFlags flags;
  int          year;
  int          half;
  GDate        today;
  char        *path;
  int          progress;  /* atomic */
} Job;

struct _CmExportDialog
{
  AdwWindow        parent_instance;

  CmContext       *context;
  CmExportKind     kind;
  GCancellable    *cancellable;
  Job             *job;              /* while running */
  guint            progress_id;
  GtkNativeDialog *chooser;
  GtkCheckButton  *kind_buttons[CM_EXPORT_N_KINDS];

  AdwPreferencesGroup *kinds_group;
  GtkSpinButton       *year_spin;
  AdwComboRow         *half_row;
  AdwPreferencesGroup *names_group;
  GtkSwitch           *names_switch;
  GtkRevealer         *progress_revealer;
  GtkProgressBar      *progress_bar;
  GtkWidget           *page;
};

G_DEFINE_FINAL_TYPE (CmExportDialog, cm_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const kind_titles[CM_EXPORT_N_KINDS] = {
  [CM_EXPORT_FINANCE] = N_("Finance"),
  [CM_EXPORT_DH_RETURN] = N_("DH Return"),
  [CM_EXPORT_CWDC_CLAIM] = N_("CWDC Claim"),
  [CM_EXPORT_LSCB_REPORT] = N_("LSCB Report"),
  [CM_EXPORT_TNA] = N_("Training Needs Analysis"),
  [CM_EXPORT_EVALUATION] = N_("Evaluation"),
};

static Job *
job_ref (Job *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
job_clear (Job *job)
{
  g_free (job->path);
}

static void
job_unref (Job *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

static void
job_progress_cb (double   fraction,
                 gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->progress, (int) (fraction * 1000));
}

static gpointer
export_worker (CmDb          *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Job *job = data;

  if (!cm_export_write_full (db, job->kind, job->year, job->half, job->flags, &job->today, job->path,
                             job_progress_cb, job, cancellable, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
update_state (CmExportDialog *self)
{
  gboolean running = self->job != NULL;

  gtk_widget_set_sensitive (self->page, !running);
  gtk_revealer_set_reveal_child (self->progress_revealer, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose",
                                 !running && self->chooser == NULL && cm_export_kind_available (self->kind));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export-to", !running && cm_export_kind_available (self->kind));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->half_row), cm_export_kind_uses_half (self->kind));
  /* Off whenever another kind is chosen, so names go out only when asked
   * for with the workbook that lists people. */
  if (!cm_export_kind_lists_people (self->kind))
    gtk_switch_set_active (self->names_switch, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->names_group), cm_export_kind_lists_people (self->kind));
}

static gboolean
progress_cb (gpointer user_data)
{
  CmExportDialog *self = user_data;

  if (self->job != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->job->progress) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
open_file_cb (AdwToast *toast,
              gpointer  user_data)
{
  const char *path = g_object_get_data (G_OBJECT (toast), "path");
  GtkWindow *parent = g_object_get_data (G_OBJECT (toast), "parent");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CmExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  Job *job = g_steal_pointer (&self->job);
  gboolean ok = cm_context_read_finish (CM_CONTEXT (source), result, &error) != NULL;

  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);

  if (ok)
    {
      g_autofree char *name = g_filename_display_basename (job->path);
      g_autofree char *title = g_strdup_printf (_("Exported “%s”"), name);
      AdwToast *toast = adw_toast_new (title);
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      adw_toast_set_button_label (toast, _("_Open"));
      g_object_set_data_full (G_OBJECT (toast), "path", g_strdup (job->path), g_free);
      g_object_set_data (G_OBJECT (toast), "parent", parent);
      g_signal_connect (toast, "button-clicked", G_CALLBACK (open_file_cb), NULL);
      g_signal_emit (self, signals[ADD_TOAST], 0, toast);
      g_object_unref (toast);
      job_unref (job);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  job_unref (job);
  update_state (self);
  if (!g_error_matches (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_CANCELLED) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Export the Workbook"), error);
}

static void
start_export (CmExportDialog *self,
              const char     *path)
{
  Job *job = g_atomic_rc_box_new0 (Job);

  job->kind = self->kind;
  job->flags = cm_export_kind_lists_people (self->kind) && gtk_switch_get_active (self->names_switch)
    ? CM_EXPORT_WITH_NAMES : CM_EXPORT_FLAGS_NONE;
  job->year = gtk_spin_button_get_value_as_int (self->year_spin);
  job->half = cm_export_kind_uses_half (self->kind) ? (int) adw_combo_row_get_selected (self->half_row) + 1 : 0;
  job->path = g_strdup (path);
  /* The same date the command line uses for reproducible reports. */
  cm_fiscal_get_today (&job->today, NULL);

  self->job = job;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Writing the workbook…"));
  self->progress_id = g_timeout_add (100, progress_cb, self);
  update_state (self);

  cm_context_read_async (self->context, export_worker, job_ref (job), (GDestroyNotify) job_unref, NULL,
                         self->cancellable, export_done_cb, g_object_ref (self));
}

static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (widget);

  if (self->job == NULL)
    start_export (self, g_variant_get_string (parameter, NULL));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  CmExportDialog *self = user_data;
  g_autoptr(GtkNativeDialog) owned = g_steal_pointer (&self->chooser);
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (path = cm_dialogs_file_chooser_get_path (owned)) != NULL)
    start_export (self, path);
  else
    update_state (self);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (widget);
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  int half = (int) adw_combo_row_get_selected (self->half_row) + 1;
  g_autofree char *name = cm_export_suggest_name (self->kind, year, half);

  if (self->chooser != NULL || self->job != NULL)
    return;

  self->chooser = cm_dialogs_file_chooser_new (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("Export Workbook"), _("_Export"), CM_FILE_FILTER_NONE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  update_state (self);
  gtk_native_dialog_show (self->chooser);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
}

/* The year shown as 2010/11, as everywhere else. */
static gboolean
year_output_cb (GtkSpinButton *spin)
{
  g_autofree char *label = cm_fiscal_year_label (gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), label);
  return TRUE;
}

static int
year_input_cb (GtkSpinButton *spin,
               double        *new_value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  gint64 year = g_ascii_strtoll (text, &end, 10);

  if (end == text || year < 1900 || year > 9999)
    return GTK_INPUT_ERROR;
  *new_value = (double) year;
  return TRUE;
}

static void
kind_toggled_cb (GtkCheckButton *button,
                 CmExportDialog *self)
{
  if (gtk_check_button_get_active (button))
    {
      self->kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "kind"));
      update_state (self);
    }
}

static void
build_kinds (CmExportDialog *self)
{
  GtkCheckButton *group = NULL;

  for (guint i = 0; i < CM_EXPORT_N_KINDS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *subtitle = cm_export_kind_purpose (i);

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      group = GTK_CHECK_BUTTON (check);
      g_object_set_data (G_OBJECT (check), "kind", GUINT_TO_POINTER (i));
      g_signal_connect (check, "toggled", G_CALLBACK (kind_toggled_cb), self);
      self->kind_buttons[i] = GTK_CHECK_BUTTON (check);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(kind_titles[i]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_sensitive (row, cm_export_kind_available (i));
      adw_preferences_group_add (self->kinds_group, row);
    }
  gtk_check_button_set_active (self->kind_buttons[CM_EXPORT_FINANCE], TRUE);
}

static void
cm_export_dialog_constructed (GObject *object)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (object);

  G_OBJECT_CLASS (cm_export_dialog_parent_class)->constructed (object);

  build_kinds (self);
  update_state (self);
}

static gboolean
cm_export_dialog_close_request (GtkWindow *window)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (window);

  /* Closing stops a running export; the old file stays as it was. */
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (cm_export_dialog_parent_class)->close_request (window);
}

static void
cm_export_dialog_dispose (GObject *object)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (cm_export_dialog_parent_class)->dispose (object);
}

static void
cm_export_dialog_finalize (GObject *object)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cm_export_dialog_parent_class)->finalize (object);
}

static void
cm_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_export_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_export_dialog_class_init (CmExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cm_export_dialog_constructed;
  object_class->dispose = cm_export_dialog_dispose;
  object_class->finalize = cm_export_dialog_finalize;
  object_class->get_property = cm_export_dialog_get_property;
  object_class->set_property = cm_export_dialog_set_property;
  window_class->close_request = cm_export_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CmExportDialog::add-toast:
   * @toast: the toast to show, offering to open the file
   *
   * Emitted when the workbook is written, just before the dialog closes.
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/export/cm-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, kinds_group);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, half_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, names_group);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, names_switch);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, page);
  gtk_widget_class_bind_template_callback (widget_class, year_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, year_input_cb);

  gtk_widget_class_install_action (widget_class, "export.choose", NULL, choose_action);
  /* Writes straight to the path given, without the file chooser. */
  gtk_widget_class_install_action (widget_class, "export.export-to", "s", export_to_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cm_export_dialog_init (CmExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cm_export_dialog_new:
 * @parent: the window it belongs to
 * @context: the context to export from
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
CmExportDialog *
cm_export_dialog_new (GtkWindow *parent,
                      CmContext *context)
{
  return g_object_new (CM_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}

CmExportKind
cm_export_dialog_get_kind (CmExportDialog *self)
{
  g_return_val_if_fail (CM_IS_EXPORT_DIALOG (self), CM_EXPORT_FINANCE);
  return self->kind;
}

void
cm_export_dialog_set_kind (CmExportDialog *self,
                           CmExportKind    kind)
{
  g_return_if_fail (CM_IS_EXPORT_DIALOG (self));
  g_return_if_fail (kind < CM_EXPORT_N_KINDS);
  gtk_check_button_set_active (self->kind_buttons[kind], TRUE);
}

int
cm_export_dialog_get_year (CmExportDialog *self)
{
  g_return_val_if_fail (CM_IS_EXPORT_DIALOG (self), 0);
  return gtk_spin_button_get_value_as_int (self->year_spin);
}

/* The window offers the cycle chosen in its header. */
void
cm_export_dialog_set_period (CmExportDialog *self,
                             int             year,
                             int             half)
{
  g_return_if_fail (CM_IS_EXPORT_DIALOG (self));
  gtk_spin_button_set_value (self->year_spin, year);
  adw_combo_row_set_selected (self->half_row, half == 2 ? 1 : 0);
}

gboolean
cm_export_dialog_is_running (CmExportDialog *self)
{
  g_return_val_if_fail (CM_IS_EXPORT_DIALOG (self), FALSE);
  return self->job != NULL;
}
