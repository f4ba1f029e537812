/* cm-window.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-application.h"
#include "cm-backups.h"
#include "cm-budget-page.h"
#include "cm-db-diagnose.h"
#include "cm-dialogs.h"
#include "cm-evaluation-page.h"
#include "cm-export-dialog.h"
#include "cm-fiscal.h"
#include "cm-import.h"
#include "cm-needs-page.h"
#include "cm-needs.h"
#include "cm-restore-dialog.h"
#include "cm-undo.h"
#include "cm-window.h"

/* Stored in the database, so the question is asked once per file. */
#define WELCOME_SETTING "welcome-answered"

/* The cycle selector offers the saved cycle's year with the one before
 * and the two after. */
#define CYCLE_YEARS_BEFORE 1
#define CYCLE_YEARS_AFTER  2

/* What the path a file chooser gave is for. */
typedef void (*ChosenFunc) (CmWindow   *self,
                            const char *path);

struct _CmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkDropDown          *cycle_dropdown;
  GtkMenuButton        *menu_button;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  GtkWidget            *load_example_button;
  AdwStatusPage        *error_page;
  GtkWidget            *restore_button;
  GtkLabel             *read_only_banner;
  AdwViewStack         *view_stack;
  AdwViewSwitcherBar   *switcher_bar;
  CmNeedsPage          *needs_page;
  CmBudgetPage         *budget_page;
  CmEvaluationPage     *evaluation_page;

  GSettings            *settings;
  CmContext            *context;
  char                 *path;
  GError               *open_error;
  GCancellable         *cancellable;
  GtkNativeDialog      *file_chooser;
  ChosenFunc            chosen;      /* what file_chooser's path is for */
  int                   first_cycle_year;
  gboolean              welcome_pending;
  gboolean              importing;
  gboolean              restoring;
  gboolean              error_has_backups;  /* of the file that could not be opened */
  gboolean              loading_example_data;
  gboolean              syncing_cycle;
};

G_DEFINE_FINAL_TYPE (CmWindow, cm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PATH,
  PROP_OPEN_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What each import kind is called, in the order the kinds are offered. */
static const struct {
  const char *kind;
  const char *label;
} import_kinds[] = {
  { "organisations", N_("Organisations") },
  { "staff-groups", N_("Staff groups") },
  { "competencies", N_("Competencies") },
  { "requirements", N_("Training needs") },
  { "streams", N_("Funding streams") },
  { "commissions", N_("Commissions") },
  { "splits", N_("Funding splits") },
  { "spend", N_("Spend") },
};

static void
set_action_enabled (CmWindow   *self,
                    const char *name,
                    gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/**
 * cm_window_add_toast:
 * @self: a #CmWindow
 * @title: what to say
 *
 * Shows a short message over the window's content.
 */
void
cm_window_add_toast (CmWindow   *self,
                     const char *title)
{
  g_return_if_fail (CM_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* Every toast shows over the whole window, whichever page raised it. */
static void
page_add_toast_cb (CmWindow *self,
                   AdwToast *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static void
update_switcher_bar (CmWindow *self)
{
  gboolean pages = g_strcmp0 (cm_window_get_mode (self), "pages") == 0;

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    pages && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
update_mode (CmWindow *self)
{
  const char *mode;
  gboolean pages;
  gboolean writable;

  if (self->context == NULL)
    mode = "error";
  else if (self->welcome_pending)
    mode = "welcome";
  else
    mode = "pages";

  pages = g_str_equal (mode, "pages");
  writable = self->context != NULL && !cm_context_is_read_only (self->context);

  gtk_stack_set_visible_child_name (self->main_stack, mode);

  /* Enter answers the welcome with what most people want first. */
  if (g_str_equal (mode, "welcome"))
    gtk_widget_grab_focus (self->load_example_button);

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, pages);
  gtk_widget_set_visible (GTK_WIDGET (self->cycle_dropdown), pages);

  set_action_enabled (self, "import", writable && self->file_chooser == NULL && !self->importing);
  set_action_enabled (self, "backup", self->context != NULL);
  set_action_enabled (self, "backup-to", self->context != NULL);
  set_action_enabled (self, "restore", !self->restoring && (writable || (self->context == NULL && self->error_has_backups)));
  set_action_enabled (self, "restore-backup", !self->restoring && (writable || (self->context == NULL && self->error_has_backups)));
  set_action_enabled (self, "undo-restore", !self->restoring && writable);
  set_action_enabled (self, "open-another", self->file_chooser == NULL);
  set_action_enabled (self, "load-example-data", writable);
  set_action_enabled (self, "start-empty", writable && self->welcome_pending);
  set_action_enabled (self, "show-page", pages);
  set_action_enabled (self, "export", pages);

  update_switcher_bar (self);
}

static void
answer_welcome (CmWindow   *self,
                const char *answer)
{
  g_autoptr(GError) error = NULL;

  if (!self->welcome_pending)
    return;

  self->welcome_pending = FALSE;

  if (!cm_context_set_setting (self->context, WELCOME_SETTING, answer, &error))
    cm_window_add_toast (self, error->message);

  update_mode (self);
}

static void
context_changed_cb (CmWindow       *self,
                    const CmChange *change)
{
  gboolean has_data = FALSE;

  /* Data that arrived by import answers the welcome question too. */
  if (self->welcome_pending &&
      !self->loading_example_data &&
      cm_db_has_user_data (cm_context_get_db (self->context), &has_data, NULL) &&
      has_data)
    answer_welcome (self, "imported");
}

static void
switcher_title_visible_cb (CmWindow *self)
{
  update_switcher_bar (self);
}

/* Cycles */

static void
cycle_selected_cb (CmWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->cycle_dropdown);
  int year;
  int half;

  if (selected == GTK_INVALID_LIST_POSITION)
    return;

  year = self->first_cycle_year + (int) selected / 2;
  half = 1 + (int) selected % 2;

  g_settings_set_int (self->settings, "last-year", year);
  g_settings_set_int (self->settings, "last-half", half);

  /* The needs analysis works on the cycle chosen here. */
  if (!self->syncing_cycle && self->context != NULL)
    {
      CmNeedsWizard *wizard = cm_needs_page_get_wizard (self->needs_page);
      g_autoptr(GError) error = NULL;

      if ((cm_needs_wizard_get_year (wizard) != year || cm_needs_wizard_get_half (wizard) != half) &&
          !cm_needs_wizard_set_cycle (wizard, year, half, &error))
        cm_window_add_toast (self, error->message);
    }
}

static void
fill_cycles (CmWindow *self)
{
  g_autoptr(GtkStringList) cycles = gtk_string_list_new (NULL);
  int year = g_settings_get_int (self->settings, "last-year");
  int half = g_settings_get_int (self->settings, "last-half");

  year = CLAMP (year, 1900 + CYCLE_YEARS_BEFORE, 9998 - CYCLE_YEARS_AFTER);
  self->first_cycle_year = year - CYCLE_YEARS_BEFORE;

  for (int y = self->first_cycle_year; y <= year + CYCLE_YEARS_AFTER; y++)
    {
      for (int h = 1; h <= 2; h++)
        {
          g_autofree char *label = cm_fiscal_cycle_label (y, h);

          gtk_string_list_append (cycles, label);
        }
    }

  gtk_drop_down_set_model (self->cycle_dropdown, G_LIST_MODEL (cycles));
  gtk_drop_down_set_selected (self->cycle_dropdown,
                              (guint) (CYCLE_YEARS_BEFORE * 2 + (half == 2 ? 1 : 0)));
}

/* Shows (@year, @half) in the cycle selector without passing it back. */
static void
show_cycle (CmWindow *self,
            int       year,
            int       half)
{
  int position = (year - self->first_cycle_year) * 2 + (half - 1);

  if (year < 1900 || half < 1 || half > 2)
    return;

  self->syncing_cycle = TRUE;

  if (position < 0 || position >= (CYCLE_YEARS_BEFORE + CYCLE_YEARS_AFTER + 1) * 2)
    {
      g_settings_set_int (self->settings, "last-year", year);
      g_settings_set_int (self->settings, "last-half", half);
      fill_cycles (self);
    }
  else
    gtk_drop_down_set_selected (self->cycle_dropdown, (guint) position);

  self->syncing_cycle = FALSE;
}

static void
wizard_cycle_cb (CmWindow *self)
{
  CmNeedsWizard *wizard = cm_needs_page_get_wizard (self->needs_page);

  show_cycle (self, cm_needs_wizard_get_year (wizard), cm_needs_wizard_get_half (wizard));
}

/* The database remembers the cycle last analysed: the selector shows it.
 * A database that remembers none starts on the selector's cycle. */
static void
sync_cycle (CmWindow *self)
{
  CmNeedsWizard *wizard = cm_needs_page_get_wizard (self->needs_page);
  gboolean found = FALSE;
  int year = 0;
  int half = 0;

  if (cm_needs_get_current_cycle (cm_context_get_db (self->context), &found, &year, &half, NULL) && found)
    show_cycle (self, cm_needs_wizard_get_year (wizard), cm_needs_wizard_get_half (wizard));
  else
    cm_needs_wizard_show_cycle (wizard,
                                g_settings_get_int (self->settings, "last-year"),
                                g_settings_get_int (self->settings, "last-half"));

  g_signal_connect_object (wizard, "notify::year", G_CALLBACK (wizard_cycle_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (wizard, "notify::half", G_CALLBACK (wizard_cycle_cb), self, G_CONNECT_SWAPPED);
}

static void
setup_cycles (CmWindow *self)
{
  fill_cycles (self);

  g_signal_connect_object (self->cycle_dropdown, "notify::selected",
                           G_CALLBACK (cycle_selected_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Import */

typedef struct
{
  CmWindow    *self;
  char        *path;
  const char  *kind;
  GtkDropDown *kinds;
  gboolean     checking;  /* a dry run, before asking to apply changes */
} ImportRequest;

static void start_import    (CmWindow             *self,
                             ImportRequest        *job,
                             gboolean              check_first);
static void confirm_changes (CmWindow             *self,
                             ImportRequest        *job,
                             const CmImportResult *counts);

static void
import_request_free (gpointer  data,
                     GClosure *closure)
{
  ImportRequest *request = data;

  g_clear_object (&request->self);
  g_free (request->path);
  g_free (request);
}

static const char *
guess_import_kind (const char *path)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *name = g_ascii_strdown (basename, -1);
  const char *best = NULL;

  g_strdelimit (name, "_ ", '-');

  /* The longest kind named in the file name wins, so that a file called
   * "2010-staff-groups.csv" is not taken for something shorter. */
  for (guint i = 0; i < G_N_ELEMENTS (import_kinds); i++)
    {
      const char *kind = import_kinds[i].kind;

      if (strstr (name, kind) != NULL && (best == NULL || strlen (kind) > strlen (best)))
        best = kind;
    }

  return best;
}

static char *
describe_import (const char           *kind,
                 const CmImportResult *result)
{
  g_autofree char *rows = NULL;
  guint n = result->rows;

  if (g_str_equal (kind, "organisations"))
    rows = g_strdup_printf (ngettext ("Imported %u organisation", "Imported %u organisations", n), n);
  else if (g_str_equal (kind, "staff-groups"))
    rows = g_strdup_printf (ngettext ("Imported %u staff group", "Imported %u staff groups", n), n);
  else if (g_str_equal (kind, "competencies"))
    rows = g_strdup_printf (ngettext ("Imported %u competency", "Imported %u competencies", n), n);
  else if (g_str_equal (kind, "requirements"))
    rows = g_strdup_printf (ngettext ("Imported %u training need", "Imported %u training needs", n), n);
  else if (g_str_equal (kind, "streams"))
    rows = g_strdup_printf (ngettext ("Imported %u funding stream", "Imported %u funding streams", n), n);
  else if (g_str_equal (kind, "commissions"))
    rows = g_strdup_printf (ngettext ("Imported %u commission", "Imported %u commissions", n), n);
  else if (g_str_equal (kind, "splits"))
    rows = g_strdup_printf (ngettext ("Imported %u funding split", "Imported %u funding splits", n), n);
  else if (g_str_equal (kind, "spend"))
    rows = g_strdup_printf (ngettext ("Imported %u transaction", "Imported %u transactions", n), n);
  else if (g_str_equal (kind, "events"))
    rows = g_strdup_printf (ngettext ("Imported %u event", "Imported %u events", n), n);
  else if (g_str_equal (kind, "learners"))
    rows = g_strdup_printf (ngettext ("Imported %u learner", "Imported %u learners", n), n);
  else if (g_str_equal (kind, "bookings"))
    rows = g_strdup_printf (ngettext ("Imported %u booking", "Imported %u bookings", n), n);
  else if (g_str_equal (kind, "feedback"))
    rows = g_strdup_printf (ngettext ("Imported %u feedback form", "Imported %u feedback forms", n), n);
  else if (g_str_equal (kind, "followups"))
    rows = g_strdup_printf (ngettext ("Imported %u follow-up", "Imported %u follow-ups", n), n);
  else
    rows = g_strdup_printf (ngettext ("Imported %u row", "Imported %u rows", n), n);

  /* Translators: %s is a sentence such as "Imported 12 staff groups" */
  return g_strdup_printf (_("%s (%u new, %u updated, %u unchanged)"),
                          rows, result->inserted, result->updated, result->unchanged);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportRequest *request = user_data;
  CmWindow *self = request->self;
  g_autoptr(GError) error = NULL;
  g_auto(CmImportResult) counts = { 0 };
  gboolean ok;

  ok = cm_context_import_file_finish (CM_CONTEXT (object), result, &counts, &error);
  self->importing = FALSE;

  /* Nothing to tell when the window was closed meanwhile. */
  if (self->context == NULL)
    goto out;

  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_CANCELLED))
        {
          g_autofree char *basename = g_path_get_basename (request->path);
          g_autofree char *heading = g_strdup_printf (_("Could Not Import “%s”"), basename);

          cm_dialogs_show_error (GTK_WIDGET (self), heading, error);
        }
    }
  else if (request->checking && counts.changes != NULL)
    {
      confirm_changes (self, request, &counts);
      request = NULL;
    }
  else if (request->checking)
    {
      start_import (self, g_steal_pointer (&request), FALSE);
      return;
    }
  else
    {
      g_autofree char *message = describe_import (request->kind, &counts);

      adw_toast_overlay_add_toast (self->toast_overlay,
                                   cm_undo_toast_new (GTK_WIDGET (self), self->context, message));
    }

  update_mode (self);

out:
  if (request != NULL)
    import_request_free (request, NULL);
}

/* Spend is checked first: a file that changes the amount or date of
 * transactions already stored lists them, and nothing is written until
 * the user confirms. */
static void
start_import (CmWindow      *self,
              ImportRequest *job,
              gboolean       check_first)
{
  job->checking = check_first;
  self->importing = TRUE;
  update_mode (self);

  cm_context_import_file_async (self->context, job->kind, job->path, check_first,
                                self->cancellable, import_done_cb, job);
}

static void
confirm_changes_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             gpointer          user_data)
{
  ImportRequest *job = user_data;

  if (!g_str_equal (response, "apply") || job->self->context == NULL)
    {
      import_request_free (job, NULL);
      return;
    }

  start_import (job->self, job, FALSE);
}

static void
confirm_changes (CmWindow             *self,
                 ImportRequest        *job,
                 const CmImportResult *counts)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *basename = g_path_get_basename (job->path);
  AdwMessageDialog *dialog;
  const guint shown = MIN (counts->changes->len, 12);

  g_string_append_printf (body,
                          ngettext ("“%s” changes %u transaction already recorded:",
                                    "“%s” changes %u transactions already recorded:",
                                    counts->changes->len),
                          basename, counts->changes->len);
  for (guint i = 0; i < shown; i++)
    {
      g_autofree char *line = cm_import_change_describe (g_ptr_array_index (counts->changes, i));

      g_string_append_printf (body, "\n%s", line);
    }
  if (counts->changes->len > shown)
    g_string_append_printf (body, ngettext ("\n… and %u more", "\n… and %u more",
                                            counts->changes->len - shown),
                            counts->changes->len - shown);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Change Recorded Spend?"), body->str));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Apply Changes"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_changes_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_kind_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  ImportRequest *request = user_data;
  CmWindow *self = request->self;
  ImportRequest *job;
  guint selected;

  if (!g_str_equal (response, "import") || self->context == NULL)
    return;

  selected = gtk_drop_down_get_selected (request->kinds);
  if (selected >= G_N_ELEMENTS (import_kinds))
    return;

  job = g_new0 (ImportRequest, 1);
  job->self = g_object_ref (self);
  job->path = g_strdup (request->path);
  job->kind = import_kinds[selected].kind;

  start_import (self, job, g_str_equal (job->kind, "spend"));
}

static void
ask_import_kind (CmWindow   *self,
                 const char *path)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *basename = g_path_get_basename (path);
  const char *guess = guess_import_kind (path);
  AdwMessageDialog *dialog;
  ImportRequest *request;
  GtkWidget *kinds;
  guint selected = 0;

  for (guint i = 0; i < G_N_ELEMENTS (import_kinds); i++)
    {
      gtk_string_list_append (labels, _(import_kinds[i].label));
      if (g_strcmp0 (guess, import_kinds[i].kind) == 0)
        selected = i;
    }

  kinds = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kinds), selected);
  gtk_widget_set_halign (kinds, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (kinds),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What the file holds"),
                                  -1);

  /* The guess, if any, is preselected; the person confirms it. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Import CSV File"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Choose what “%s” holds. Rows that already exist are updated; if any row is wrong, nothing is imported."),
                                  basename);
  adw_message_dialog_set_extra_child (dialog, kinds);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");

  request = g_new0 (ImportRequest, 1);
  request->self = g_object_ref (self);
  request->path = g_strdup (path);
  request->kinds = GTK_DROP_DOWN (kinds);

  g_signal_connect_data (dialog, "response",
                         G_CALLBACK (import_kind_response_cb),
                         request, import_request_free,
                         G_CONNECT_DEFAULT);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* File choosers: one at a time, each handing its path to @chosen. */

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     CmWindow        *self)
{
  /* The chooser is done with; it goes when the response is handled. */
  g_autoptr(GtkNativeDialog) owned = g_steal_pointer (&self->file_chooser);
  ChosenFunc chosen = g_steal_pointer (&self->chosen);
  g_autofree char *path = NULL;

  /* Without a local path there is nowhere to read or write. */
  if (response == GTK_RESPONSE_ACCEPT)
    path = cm_dialogs_file_chooser_get_path (owned);

  update_mode (self);

  if (path != NULL)
    chosen (self, path);
}

/* @suggested_name (nullable) is the name a saved file starts with. */
static void
choose_file (CmWindow             *self,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept_label,
             CmFileFilters         filters,
             const char           *suggested_name,
             ChosenFunc            chosen)
{
  if (self->file_chooser != NULL)
    return;

  self->file_chooser = cm_dialogs_file_chooser_new (GTK_WIDGET (self), action, title, accept_label, filters);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), suggested_name);
  self->chosen = chosen;
  g_signal_connect (self->file_chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (self->file_chooser);
  update_mode (self);
}

static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  choose_file (user_data, GTK_FILE_CHOOSER_ACTION_OPEN, _("Import CSV File"), _("_Open"),
               CM_FILE_FILTER_CSV | CM_FILE_FILTER_ALL, NULL, ask_import_kind);
}

/* Backup */

static void
back_up_to (CmWindow   *self,
            const char *path)
{
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    return;

  if (!cm_context_backup (self->context, path, &error))
    cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Back Up the Database"), error);
  else
    {
      g_autofree char *basename = g_path_get_basename (path);
      g_autofree char *message = g_strdup_printf (_("Backed up to “%s”"), basename);

      cm_window_add_toast (self, message);
    }
}

/* Writes straight to the path given, without the file chooser. */
static void
backup_to_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CmWindow *self = user_data;

  back_up_to (self, g_variant_get_string (parameter, NULL));
}

static void
backup_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  CmWindow *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (self->context == NULL)
    return;

  /* Translators: the file name suggested for a backup; %s is today's date */
  name = g_strdup_printf (_("Commissioner backup %s.db"), date);
  choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Back Up Database"), _("_Save"),
               CM_FILE_FILTER_NONE, name, back_up_to);
}

/* Restore (README.md, "Backups") */

typedef struct
{
  CmWindow *self;
  char     *backup;
  char     *when;  /* as the toast names it */
  gboolean  undo;
} RestoreRequest;

static void
restore_request_free (RestoreRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->backup);
  g_free (request->when);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RestoreRequest, restore_request_free)

/* "30 Nov 2026 08:15" for a backup of this database, else its name. */
static char *
describe_backup (CmWindow   *self,
                 const char *backup_path)
{
  g_autoptr(GPtrArray) backups = self->path != NULL ? cm_backups_list (self->path, NULL) : NULL;

  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      CmBackup *backup = g_ptr_array_index (backups, i);

      if (g_str_equal (backup->path, backup_path))
        return cm_backup_describe_time (backup);
    }

  return g_path_get_basename (backup_path);
}

static RestoreRequest *
restore_request_new (CmWindow   *self,
                     const char *backup,
                     gboolean    undo)
{
  RestoreRequest *request = g_new0 (RestoreRequest, 1);

  request->self = g_object_ref (self);
  request->backup = g_strdup (backup);
  request->when = describe_backup (self, backup);
  request->undo = undo;
  return request;
}

static void
restore_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RestoreRequest) request = user_data;
  CmWindow *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gboolean ok;

  ok = cm_context_restore_finish (CM_CONTEXT (object), result, &before, &error);
  self->restoring = FALSE;

  /* Nothing to tell when the window was closed meanwhile. */
  if (self->context == NULL)
    return;

  if (!ok)
    cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Restore the Backup"), error);
  else
    {
      g_autofree char *message = g_strdup_printf (_("Restored the backup of %s"), request->when);
      AdwToast *toast = adw_toast_new (request->undo ? _("The restore was undone") : message);

      /* Undo restores the copy taken just before. Not a high-priority
       * toast: libadwaita 1.2 aborts when one is dismissed while the toast
       * it pushed aside is still animating out. */
      if (!request->undo)
        {
          adw_toast_set_button_label (toast, _("_Undo"));
          adw_toast_set_action_name (toast, "win.undo-restore");
          adw_toast_set_action_target_value (toast, g_variant_new_string (before));
        }
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  update_mode (self);
}

static void
restore_file_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  CmWindow *self = source_object;
  RestoreRequest *request = task_data;
  g_autoptr(GError) error = NULL;

  if (!cm_backups_restore_file (self->path, request->backup, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* The file could not be opened: the backup replaces it, and the window
 * gives way to one showing the restored data. */
static void
restore_file_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CmWindow *self = CM_WINDOW (object);
  RestoreRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (self->path);
  g_autofree char *message = NULL;
  GtkApplication *application;
  GtkWindow *window;

  self->restoring = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Restore the Backup"), error);
      update_mode (self);
      return;
    }

  message = g_strdup_printf (_("Restored the backup of %s"), request->when);
  application = gtk_window_get_application (GTK_WINDOW (self));
  gtk_window_destroy (GTK_WINDOW (self));
  if (application == NULL)
    return;

  window = cm_application_open_database (CM_APPLICATION (application), path);
  if (CM_IS_WINDOW (window))
    cm_window_add_toast (CM_WINDOW (window), message);
}

static void
start_restore (CmWindow   *self,
               const char *backup,
               gboolean    undo)
{
  if (self->restoring)
    return;

  self->restoring = TRUE;
  update_mode (self);

  if (self->context == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, restore_file_done_cb, NULL);

      g_task_set_task_data (task, restore_request_new (self, backup, undo), (GDestroyNotify) restore_request_free);
      g_task_run_in_thread (task, restore_file_thread);
      return;
    }

  cm_context_restore_async (self->context, backup, self->cancellable, restore_done_cb,
                            restore_request_new (self, backup, undo));
}

/* Restores the backup named, without asking: what the Restore dialog
 * does once the person has confirmed. */
static void
restore_backup_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  start_restore (user_data, g_variant_get_string (parameter, NULL), FALSE);
}

static void
undo_restore_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  start_restore (user_data, g_variant_get_string (parameter, NULL), TRUE);
}

static void
restore_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CmWindow *self = user_data;

  if (self->path != NULL)
    gtk_window_present (GTK_WINDOW (cm_restore_dialog_new (GTK_WINDOW (self), self->path)));
}

/* Welcome */

static void
load_example_data_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  CmWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->context == NULL)
    return;

  self->loading_example_data = TRUE;
  ok = cm_context_load_demo (self->context, &error);
  self->loading_example_data = FALSE;

  if (!ok)
    {
      cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Load the Example Data"), error);
      return;
    }

  answer_welcome (self, "example-data");
  adw_view_stack_set_visible_child_name (self->view_stack, "needs");
  cm_window_add_toast (self, _("Example data loaded"));
}

static void
start_empty_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CmWindow *self = user_data;

  answer_welcome (self, "empty");
}

static void
page_shown_cb (CmWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  if (page != NULL)
    g_settings_set_string (self->settings, "last-page", page);
}

static void
show_page_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CmWindow *self = user_data;
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
export_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  CmWindow *self = user_data;
  CmExportDialog *dialog;

  if (self->context == NULL)
    return;

  dialog = cm_export_dialog_new (GTK_WINDOW (self), self->context);
  cm_export_dialog_set_period (dialog, cm_needs_wizard_get_year (cm_needs_page_get_wizard (self->needs_page)),
                               cm_needs_wizard_get_half (cm_needs_page_get_wizard (self->needs_page)));
  g_signal_connect_object (dialog, "add-toast", G_CALLBACK (page_add_toast_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Alt+Left and Alt+Right move the analysis on wherever the focus is, the
 * header bar included, as long as the analysis is shown. The wizard
 * binds them too and gets them first when it has the focus. */
static gboolean
wizard_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  CmWindow *self = CM_WINDOW (widget);
  const char *action = g_variant_get_string (args, NULL);

  if (g_strcmp0 (cm_window_get_mode (self), "pages") != 0 ||
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "needs") != 0 ||
      g_strcmp0 (cm_needs_page_get_state (self->needs_page), "wizard") != 0)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (cm_needs_page_get_wizard (self->needs_page)), action, NULL);
}

/* Ctrl+Z and Ctrl+Shift+Z anywhere in the window (a text field's own undo
 * comes first): the context's history, see HACKING.md "Undo". */
static gboolean
undo_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  CmWindow *self = CM_WINDOW (widget);

  if (self->context == NULL || cm_context_is_read_only (self->context))
    return FALSE;

  return cm_undo_activate (widget, self->context, g_variant_get_boolean (args));
}

/* Help */

/**
 * cm_window_get_help_uri:
 * @self: a #CmWindow
 *
 * Returns: (transfer full): the help page, and its section where there
 *   is one, for what the window shows now
 */
char *
cm_window_get_help_uri (CmWindow *self)
{
  static const char * const wizard_sections[CM_NEEDS_N_STEPS + 1] = {
    NULL, "step-cycle", "step-workforce", "step-requirements", "step-position",
    "step-priorities", "step-review", "step-commission",
  };
  const char *view;
  const char *page = "index";
  const char *section = NULL;

  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);

  view = adw_view_stack_get_visible_child_name (self->view_stack);
  if (g_strcmp0 (cm_window_get_mode (self), "pages") != 0)
    page = "index";
  else if (g_strcmp0 (view, "needs") == 0)
    {
      page = "needs";
      if (g_strcmp0 (cm_needs_page_get_state (self->needs_page), "wizard") == 0)
        {
          guint step = cm_needs_wizard_get_step (cm_needs_page_get_wizard (self->needs_page));

          section = step <= CM_NEEDS_N_STEPS ? wizard_sections[step] : "wizard";
        }
      else
        section = "inputs";
    }
  else if (g_strcmp0 (view, "budget") == 0)
    {
      const char *budget_view = cm_budget_page_get_visible_view (self->budget_page);

      page = "budget";
      if (g_strcmp0 (budget_view, "streams") == 0)
        section = "overview";
      else if (g_strcmp0 (budget_view, "commissions") == 0)
        section = "commission";
      else if (g_strcmp0 (budget_view, "transactions") == 0)
        section = "spend";
    }

  if (section != NULL)
    return g_strdup_printf ("help:commissioner/%s#%s", page, section);
  return g_strdup_printf ("help:commissioner/%s", page);
}

static void
help_shown_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CmWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Open the Help"), error);
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CmWindow *self = user_data;
  g_autofree char *uri = cm_window_get_help_uri (self);

  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL, help_shown_cb, g_object_ref (self));
}

/* The Budget page with just the commissions named: what the toast after
 * creating commissions in the needs analysis opens. */
static void
show_commissions_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  CmWindow *self = user_data;

  if (g_strcmp0 (cm_window_get_mode (self), "pages") != 0)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "budget");
  gtk_widget_activate_action_variant (GTK_WIDGET (self->budget_page), "budget.show-commissions", parameter);
}

/* Open Another File */

/* Opens @path in a window of its own; this window, which could not open
 * its file, is no longer needed. */
static void
open_database (CmWindow   *self,
               const char *path)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GtkWindow *window;

  if (!CM_IS_APPLICATION (application))
    return;

  window = cm_application_open_database (CM_APPLICATION (application), path);
  if (window != GTK_WINDOW (self) && self->context == NULL)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
open_another_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  choose_file (user_data, GTK_FILE_CHOOSER_ACTION_OPEN, _("Open Database"), _("_Open"),
               CM_FILE_FILTER_NONE, NULL, open_database);
}

/* The same without the chooser, given the path: for tests and scripts. */
static void
open_database_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  open_database (user_data, g_variant_get_string (parameter, NULL));
}

static const GActionEntry win_actions[] = {
  { .name = "open-another", .activate = open_another_action },
  { .name = "open-database", .activate = open_database_action, .parameter_type = "s" },
  { .name = "help", .activate = help_action },
  { .name = "show-commissions", .activate = show_commissions_action, .parameter_type = "as" },
  { .name = "import", .activate = import_action },
  { .name = "export", .activate = export_action },
  { .name = "backup", .activate = backup_action },
  { .name = "backup-to", .activate = backup_to_action, .parameter_type = "s" },
  { .name = "restore", .activate = restore_action },
  { .name = "restore-backup", .activate = restore_backup_action, .parameter_type = "s" },
  { .name = "undo-restore", .activate = undo_restore_action, .parameter_type = "s" },
  { .name = "load-example-data", .activate = load_example_data_action },
  { .name = "start-empty", .activate = start_empty_action },
  { .name = "show-page", .activate = show_page_action, .parameter_type = "s" },
};

/* Setup */

static const char *
describe_remedy (const GError *error)
{
  if (error == NULL || error->domain != CM_DB_ERROR)
    return _("The file has not been changed.");

  switch ((CmDbError) error->code)
    {
    case CM_DB_ERROR_BUSY:
      return _("The file has not been changed. Close the other program using it, then open Commissioner again.");
    case CM_DB_ERROR_TOO_NEW:
      return _("The file has not been changed. Open it with the newer version of Commissioner that wrote it, or open another file.");
    case CM_DB_ERROR_CORRUPT:
      return _("The file has not been changed. Restore a backup of it, or open another file.");
    case CM_DB_ERROR_NOT_COMMISSIONER:
      return _("The file has not been changed. Open a database that Commissioner wrote instead; a CSV file is brought in with Import once a database is open.");
    case CM_DB_ERROR_OPEN:
    case CM_DB_ERROR_READ_ONLY:
    case CM_DB_ERROR_FULL:
    case CM_DB_ERROR_CONSTRAINT:
    case CM_DB_ERROR_FAILED:
    default:
      return _("The file has not been changed.");
    }
}

static void
show_open_error (CmWindow *self)
{
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  escaped = g_markup_escape_text (self->open_error != NULL ? self->open_error->message : "", -1);
  description = g_strdup_printf ("%s\n\n%s", escaped, describe_remedy (self->open_error));
  adw_status_page_set_description (self->error_page, description);

  if (self->path != NULL)
    {
      g_autoptr(GPtrArray) backups = cm_backups_list (self->path, NULL);

      self->error_has_backups = backups != NULL && backups->len > 0;
    }
  gtk_widget_set_visible (self->restore_button, self->error_has_backups);
}

/* commissioner-cli may write while the window is open: coming back to
 * the window shows what it wrote. */
static void
is_active_cb (CmWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)) && self->context != NULL)
    cm_context_check_external_changes (self->context);
}

static void
cm_window_constructed (GObject *object)
{
  CmWindow *self = (CmWindow *)object;
  gboolean has_data = FALSE;

  G_OBJECT_CLASS (cm_window_parent_class)->constructed (object);

  if (self->context != NULL)
    {
      CmDb *db = cm_context_get_db (self->context);
      g_autofree char *answer = NULL;

      g_clear_pointer (&self->path, g_free);
      self->path = g_strdup (cm_context_get_path (self->context));

      answer = cm_context_get_setting (self->context, WELCOME_SETTING, NULL);
      self->welcome_pending = (answer == NULL &&
                               !cm_context_is_read_only (self->context) &&
                               cm_db_has_user_data (db, &has_data, NULL) &&
                               !has_data);

      cm_needs_page_set_context (self->needs_page, self->context);
      sync_cycle (self);
      cm_budget_page_set_context (self->budget_page, self->context);
      cm_evaluation_page_set_context (self->evaluation_page, self->context);

      g_signal_connect_object (self->context, "changed",
                               G_CALLBACK (context_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);
    }
  else
    show_open_error (self);

  /* Name the file in the title unless it is the usual one. */
  if (self->path != NULL)
    {
      g_autofree char *default_path = cm_db_default_path ();

      if (g_strcmp0 (self->path, default_path) != 0)
        {
          g_autofree char *basename = g_path_get_basename (self->path);

          adw_view_switcher_title_set_subtitle (self->switcher_title, basename);
        }
    }

  update_mode (self);

  /* Stays in view, unlike a toast: every edit is off, and this says why. */
  if (self->context != NULL && cm_context_is_read_only (self->context))
    {
      g_autofree char *message = cm_db_describe_read_only (self->path);

      gtk_label_set_text (self->read_only_banner, message);
      gtk_widget_set_visible (GTK_WIDGET (self->read_only_banner), TRUE);
    }
}

/* Asks each editor open over the window to close. An editor holding
 * changes asks whether to discard them and stays open meanwhile.
 *
 * Returns: %TRUE if one is still open, so the window must stay */
static gboolean
close_editors (CmWindow *self)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  g_autoptr(GPtrArray) editors = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean kept = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i);

      if (other != GTK_WINDOW (self) && gtk_window_get_transient_for (other) == GTK_WINDOW (self) &&
          gtk_widget_get_visible (GTK_WIDGET (other)) && !ADW_IS_MESSAGE_DIALOG (other))
        g_ptr_array_add (editors, g_object_ref (other));
    }

  for (guint i = 0; i < editors->len; i++)
    {
      GtkWindow *editor = g_ptr_array_index (editors, i);

      gtk_window_close (editor);
      /* Still shown: it asked about its changes. */
      if (gtk_widget_get_visible (GTK_WIDGET (editor)))
        kept = TRUE;
    }

  return kept;
}

static gboolean
cm_window_close_request (GtkWindow *window)
{
  CmWindow *self = CM_WINDOW (window);
  int width;
  int height;

  if (close_editors (self))
    return TRUE;

  gtk_window_get_default_size (window, &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (cm_window_parent_class)->close_request (window);
}

static void
cm_window_dispose (GObject *object)
{
  CmWindow *self = (CmWindow *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_WINDOW);

  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cm_window_parent_class)->dispose (object);
}

static void
cm_window_finalize (GObject *object)
{
  CmWindow *self = (CmWindow *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (cm_window_parent_class)->finalize (object);
}

static void
cm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CmWindow *self = CM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_OPEN_ERROR:
      g_value_set_boxed (value, self->open_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CmWindow *self = CM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;

    case PROP_OPEN_ERROR:
      self->open_error = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_window_class_init (CmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cm_window_constructed;
  object_class->dispose = cm_window_dispose;
  object_class->finalize = cm_window_finalize;
  object_class->get_property = cm_window_get_property;
  object_class->set_property = cm_window_set_property;

  window_class->close_request = cm_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Only needed when there is no context: the file that failed to open. */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OPEN_ERROR] =
    g_param_spec_boxed ("open-error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CM_TYPE_NEEDS_PAGE);
  g_type_ensure (CM_TYPE_BUDGET_PAGE);
  g_type_ensure (CM_TYPE_EVALUATION_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/cm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, cycle_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, load_example_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, needs_page);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, budget_page);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, evaluation_page);
  gtk_widget_class_bind_template_callback (widget_class, switcher_title_visible_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_add_toast_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                undo_shortcut_cb, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                undo_shortcut_cb, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                wizard_shortcut_cb, "s", "wizard.back");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                wizard_shortcut_cb, "s", "wizard.next");
}

static void
cm_window_init (CmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_APP_ID);
  self->cancellable = g_cancellable_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   win_actions, G_N_ELEMENTS (win_actions),
                                   self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  setup_cycles (self);

  /* Back on the page last used; pages read their data only once shown. */
  {
    g_autofree char *page = g_settings_get_string (self->settings, "last-page");

    if (adw_view_stack_get_child_by_name (self->view_stack, page) != NULL)
      adw_view_stack_set_visible_child_name (self->view_stack, page);
    g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                             G_CALLBACK (page_shown_cb), self, G_CONNECT_SWAPPED);
  }

#if DEVELOPMENT_PROFILE
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * cm_window_new:
 * @application: the application
 * @context: the open database to show
 *
 * Returns: (transfer none): a new window
 */
CmWindow *
cm_window_new (CmApplication *application,
               CmContext     *context)
{
  g_return_val_if_fail (CM_IS_CONTEXT (context), NULL);

  return g_object_new (CM_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

/**
 * cm_window_new_for_error:
 * @application: the application
 * @path: the database file that could not be opened
 * @error: why it could not be opened
 *
 * Returns: (transfer none): a new window explaining the problem
 */
CmWindow *
cm_window_new_for_error (CmApplication *application,
                         const char    *path,
                         const GError  *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  return g_object_new (CM_TYPE_WINDOW,
                       "application", application,
                       "path", path,
                       "open-error", error,
                       NULL);
}

/**
 * cm_window_get_context:
 * @self: a #CmWindow
 *
 * Returns: (transfer none) (nullable): the context, or %NULL if the
 *   database could not be opened
 */
CmContext *
cm_window_get_context (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);

  return self->context;
}

/**
 * cm_window_get_path:
 * @self: a #CmWindow
 *
 * Returns: (nullable): the database file the window shows
 */
const char *
cm_window_get_path (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);

  return self->path;
}

/**
 * cm_window_get_mode:
 * @self: a #CmWindow
 *
 * Returns: "welcome", "error" or "pages", whichever is shown
 */
const char *
cm_window_get_mode (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * cm_window_get_view_stack:
 * @self: a #CmWindow
 *
 * Returns: (transfer none): the stack of the Needs, Budget and
 *   Evaluation pages
 */
AdwViewStack *
cm_window_get_view_stack (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);

  return self->view_stack;
}

/**
 * cm_window_get_page:
 * @self: a #CmWindow
 * @name: "needs", "budget" or "evaluation"
 *
 * Returns: (transfer none) (nullable): the page
 */
GtkWidget *
cm_window_get_page (CmWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);

  return adw_view_stack_get_child_by_name (self->view_stack, name);
}
