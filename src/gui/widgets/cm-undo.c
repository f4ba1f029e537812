/* cm-undo.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cm-dialogs.h"
#include "cm-undo.h"

/**
 * cm_undo_activate:
 * @widget: where an error message is shown from
 * @context: whose history to use
 * @redo: %TRUE to make the last undone action again
 *
 * Takes back the newest action (or makes again the last one taken back).
 * The views follow through the change notifications. If it cannot be
 * done, says why.
 *
 * Returns: %TRUE if something was undone or redone
 */
gboolean
cm_undo_activate (GtkWidget *widget,
                  CmContext *context,
                  gboolean   redo)
{
  CmHistory *history;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (CM_IS_CONTEXT (context), FALSE);

  history = cm_context_get_history (context);
  if (redo ? !cm_history_can_redo (history) : !cm_history_can_undo (history))
    return FALSE;

  ok = redo ? cm_history_redo (history, &error) : cm_history_undo (history, &error);
  if (!ok)
    cm_dialogs_show_error (widget, redo ? _("Could Not Redo") : _("Could Not Undo"), error);

  return ok;
}

typedef struct
{
  GtkWidget *widget;
  CmContext *context;
  guint64    serial;
} ToastData;

static void
toast_data_free (gpointer pointer,
                 GClosure *closure)
{
  ToastData *data = pointer;

  g_clear_weak_pointer (&data->widget);
  g_clear_object (&data->context);
  g_free (data);
}

static void
toast_undo_clicked_cb (AdwToast  *toast,
                       ToastData *data)
{
  /* Only the action this toast was shown for, and only while it is the
   * newest: a later action has its own toast. */
  if (data->widget == NULL ||
      cm_history_get_undo_serial (cm_context_get_history (data->context)) != data->serial)
    return;

  cm_undo_activate (data->widget, data->context, FALSE);
}

/**
 * cm_undo_toast_new:
 * @widget: the widget whose action this was (errors show from it)
 * @context: whose history holds the action
 * @title: what was done ("Deleted “INV-1”")
 *
 * Makes the toast shown after an action that can be undone: its Undo
 * button takes back that action, as Ctrl+Z would.
 *
 * Returns: (transfer full): a new toast
 */
AdwToast *
cm_undo_toast_new (GtkWidget  *widget,
                   CmContext  *context,
                   const char *title)
{
  AdwToast *toast;
  ToastData *data;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (CM_IS_CONTEXT (context), NULL);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  data = g_new0 (ToastData, 1);
  g_set_weak_pointer (&data->widget, widget);
  data->context = g_object_ref (context);
  data->serial = cm_history_get_undo_serial (cm_context_get_history (context));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (toast_undo_clicked_cb),
                         data, toast_data_free, G_CONNECT_DEFAULT);

  return toast;
}
