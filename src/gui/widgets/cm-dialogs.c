/* cm-dialogs.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-dialogs.h"

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * cm_dialogs_new_question:
 * @widget: (nullable): a widget in the window the question belongs to
 * @heading: what is asked: "2 Competencies Are Already Commissioned"
 * @body: (nullable): what the choices mean
 *
 * Makes a dialog over @widget's window, without responses: add them,
 * connect to #AdwMessageDialog::response, then present it.
 *
 * Returns: (transfer none): the dialog, owned by GTK's window list
 */
AdwMessageDialog *
cm_dialogs_new_question (GtkWidget  *widget,
                         const char *heading,
                         const char *body)
{
  g_return_val_if_fail (widget == NULL || GTK_IS_WIDGET (widget), NULL);

  return ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (widget), heading, body));
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWindow        *editor)
{
  CmDiscardFunc discard = (CmDiscardFunc) g_object_get_data (G_OBJECT (dialog), "cm-discard");

  if (g_str_equal (response, "discard"))
    discard (editor);
}

/**
 * cm_dialogs_ask_discard:
 * @editor: an editor asked to close
 * @loaded: what its inputs said when it opened, as text
 * @now: what they say now
 * @body: what would be lost: "The changes to this commission have not been saved."
 * @discard: called if the person chooses Discard; it closes @editor
 *
 * When @now differs from @loaded, asks before the changes are thrown
 * away: Keep Editing, the default and what Escape answers, or Discard.
 *
 * Returns: %TRUE if it asked, so the editor must stay open for now
 */
gboolean
cm_dialogs_ask_discard (GtkWindow     *editor,
                        const char    *loaded,
                        const char    *now,
                        const char    *body,
                        CmDiscardFunc  discard)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (editor), FALSE);
  g_return_val_if_fail (discard != NULL, FALSE);

  if (g_strcmp0 (loaded, now) == 0)
    return FALSE;

  dialog = cm_dialogs_new_question (GTK_WIDGET (editor), _("Discard Changes?"), body);
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_object_set_data (G_OBJECT (dialog), "cm-discard", (gpointer) discard);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), editor, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/**
 * cm_dialogs_show_message:
 * @widget: (nullable): a widget in the window the message belongs to
 * @heading: what happened: "No Funding Available"
 * @body: (nullable): what it means and what to do
 *
 * Shows a message with a Close button.
 *
 * Returns: (transfer none): the dialog, already presented
 */
AdwMessageDialog *
cm_dialogs_show_message (GtkWidget  *widget,
                         const char *heading,
                         const char *body)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (widget == NULL || GTK_IS_WIDGET (widget), NULL);

  dialog = cm_dialogs_new_question (widget, heading, body);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/**
 * cm_dialogs_show_error:
 * @widget: (nullable): a widget in the window the message belongs to
 * @heading: what could not be done: "Could Not Save the Commission"
 * @error: why
 *
 * Tells the person what went wrong, for failures that need more than a
 * toast.
 *
 * Returns: (transfer none): the dialog, already presented
 */
AdwMessageDialog *
cm_dialogs_show_error (GtkWidget    *widget,
                       const char   *heading,
                       const GError *error)
{
  AdwMessageDialog *dialog;
  GtkWidget *scrolled;
  GtkWidget *list;

  g_return_val_if_fail (error != NULL, NULL);

  if (strchr (error->message, '\n') == NULL)
    return cm_dialogs_show_message (widget, heading, error->message);

  /* An import with many bad rows names each on a line: the list scrolls,
   * and can be selected and copied to fix the file. */
  dialog = cm_dialogs_show_message (widget, heading, _("Nothing was saved. Correct these rows, then import the file again."));

  list = gtk_label_new (error->message);
  gtk_label_set_selectable (GTK_LABEL (list), TRUE);
  gtk_label_set_wrap (GTK_LABEL (list), TRUE);
  gtk_label_set_xalign (GTK_LABEL (list), 0.0);
  gtk_widget_add_css_class (list, "caption");

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (dialog, scrolled);

  return dialog;
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *suffix,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  if (suffix != NULL)
    gtk_file_filter_add_suffix (filter, suffix);
  if (pattern != NULL)
    gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

/**
 * cm_dialogs_file_chooser_new:
 * @widget: (nullable): a widget in the window the chooser belongs to
 * @action: %GTK_FILE_CHOOSER_ACTION_OPEN or %GTK_FILE_CHOOSER_ACTION_SAVE
 * @title: the chooser's title
 * @accept_label: the label of the button that accepts, with a mnemonic
 * @filters: the file types offered
 *
 * Makes a modal file chooser, which goes through the portal inside
 * Flatpak. Connect to #GtkNativeDialog::response, then show it.
 *
 * Returns: (transfer full): the chooser
 */
GtkNativeDialog *
cm_dialogs_file_chooser_new (GtkWidget            *widget,
                             GtkFileChooserAction  action,
                             const char           *title,
                             const char           *accept_label,
                             CmFileFilters         filters)
{
  GtkFileChooserNative *chooser;

  g_return_val_if_fail (widget == NULL || GTK_IS_WIDGET (widget), NULL);

  chooser = gtk_file_chooser_native_new (title, parent_window (widget), action,
                                         accept_label, _("_Cancel"));

  if (filters & CM_FILE_FILTER_CSV)
    add_filter (GTK_FILE_CHOOSER (chooser), _("CSV Files"), "text/csv", "csv", NULL);
  if (filters & CM_FILE_FILTER_ALL)
    add_filter (GTK_FILE_CHOOSER (chooser), _("All Files"), NULL, NULL, "*");

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  return GTK_NATIVE_DIALOG (chooser);
}

/**
 * cm_dialogs_file_chooser_get_path:
 * @chooser: a chooser from cm_dialogs_file_chooser_new()
 *
 * Returns: (transfer full) (nullable): the local path of the file
 *   chosen, or %NULL if there is none
 */
char *
cm_dialogs_file_chooser_get_path (GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (GTK_IS_FILE_CHOOSER (chooser), NULL);

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  return file != NULL ? g_file_get_path (file) : NULL;
}
