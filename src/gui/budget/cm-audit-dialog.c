/* cm-audit-dialog.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-audit-dialog.h"
#include "cm-fiscal.h"

/* The recorded changes of one stream, commission (with its splits) or
 * transaction's money, newest first: when, who, and what changed
 * (HACKING.md, "Audit trail"). Read in a worker, again after any write. */
struct _CmAuditDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  GtkListBox     *list_box;

  CmContext      *context;
  CmAuditItem     item;
  gint64          id;
  GCancellable   *reading;
  guint           reload_source;
  guint           n_rows;
};

G_DEFINE_FINAL_TYPE (CmAuditDialog, cm_audit_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  CmAuditItem item;
  gint64      id;
} Query;

static gpointer
read_history (CmDb          *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  const Query *query = data;

  return cm_audit_list_item (db, query->item, query->id, error);
}

/* "15 Nov 2010, 09:30" in local time, from the stored UTC time. */
static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;
  GDate date;

  if (utc == NULL)
    return g_strdup (iso);

  local = g_date_time_to_local (utc);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  day = cm_fiscal_format_date (&date);
  clock = g_date_time_format (local, "%H:%M");

  /* Translators: when a change was made: "15 Nov 2010, 09:30" */
  return g_strdup_printf (_("%s, %s"), day, clock);
}

static GtkWidget *
make_row (CmAuditDialog      *self,
          const CmAuditEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *old_value = cm_audit_format_value (entry->field, entry->old_value);
  g_autofree char *new_value = cm_audit_format_value (entry->field, entry->new_value);
  g_autofree char *when = format_time (entry->time);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (g_str_equal (entry->kind, "split"))
    /* Translators: a split's change: "Split percent (C1 / DH-WDG): 50% → 75%" */
    title = g_strdup_printf (_("%s (%s): %s → %s"), cm_audit_field_label (entry->field),
                             entry->label, old_value, new_value);
  else
    /* Translators: a change: "Fee per event: £500.00 → £600.00" */
    title = g_strdup_printf (_("%s: %s → %s"), cm_audit_field_label (entry->field), old_value, new_value);
  /* Translators: "15 Nov 2010, 09:30 · alice": when, and who */
  subtitle = g_strdup_printf (_("%s · %s"), when, entry->user);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void
show_entries (CmAuditDialog *self,
              GPtrArray     *entries)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->list_box, make_row (self, g_ptr_array_index (entries, i)));

  self->n_rows = entries->len;
  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "list" : "empty");
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CmAuditDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = cm_context_read_finish (CM_CONTEXT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (entries == NULL)
    {
      g_warning ("Could not read the history: %s", error->message);
      entries = g_ptr_array_new ();
    }
  show_entries (self, entries);
}

static void
reload (CmAuditDialog *self)
{
  Query *query;

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  self->reading = g_cancellable_new ();

  /* Only the first read shows the spinner; later ones keep the rows. */
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "loading"))
    gtk_spinner_set_spinning (self->spinner, TRUE);

  query = g_new0 (Query, 1);
  query->item = self->item;
  query->id = self->id;
  cm_context_read_async (self->context, read_history, query, g_free,
                         (GDestroyNotify) g_ptr_array_unref, self->reading,
                         read_done_cb, g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  CmAuditDialog *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
context_changed_cb (CmAuditDialog  *self,
                    const CmChange *change)
{
  if (self->reload_source != 0 || !(change->kind & CM_CHANGE_BUDGET))
    return;

  self->reload_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reload_cb, self, NULL);
}

static void
cm_audit_dialog_dispose (GObject *object)
{
  CmAuditDialog *self = (CmAuditDialog *)object;

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_audit_dialog_parent_class)->dispose (object);
}

static void
cm_audit_dialog_class_init (CmAuditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_audit_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/budget/cm-audit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CmAuditDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CmAuditDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CmAuditDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CmAuditDialog, list_box);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cm_audit_dialog_init (CmAuditDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cm_audit_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @context: the context to read through
 * @item: what @id is
 * @id: the stream's, commission's or transaction's id
 * @label: the item as shown in the subtitle: "DH-WDG 2010/11", "C1"
 *
 * Returns: (transfer none): a new dialog, which GTK owns until it is
 *   closed; present it
 */
CmAuditDialog *
cm_audit_dialog_new (GtkWindow   *parent,
                     CmContext   *context,
                     CmAuditItem  item,
                     gint64       id,
                     const char  *label)
{
  CmAuditDialog *self;

  g_return_val_if_fail (CM_IS_CONTEXT (context), NULL);

  self = g_object_new (CM_TYPE_AUDIT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->context = g_object_ref (context);
  self->item = item;
  self->id = id;
  adw_window_title_set_subtitle (self->window_title, label);

  g_signal_connect_object (context, "changed", G_CALLBACK (context_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);

  return self;
}

/**
 * cm_audit_dialog_get_n_rows:
 * @self: a #CmAuditDialog
 *
 * Returns: how many changes are listed
 */
guint
cm_audit_dialog_get_n_rows (CmAuditDialog *self)
{
  g_return_val_if_fail (CM_IS_AUDIT_DIALOG (self), 0);

  return self->n_rows;
}

/**
 * cm_audit_dialog_get_row_title:
 * @self: a #CmAuditDialog
 * @index: a row, 0 for the newest change
 *
 * Returns: (nullable): what the row says changed, "Fee per event: £500.00 → £600.00"
 */
const char *
cm_audit_dialog_get_row_title (CmAuditDialog *self,
                               guint          index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CM_IS_AUDIT_DIALOG (self), NULL);

  row = gtk_list_box_get_row_at_index (self->list_box, (int) index);
  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
}

/**
 * cm_audit_dialog_is_empty:
 * @self: a #CmAuditDialog
 *
 * Returns: whether it shows "No Changes Recorded"
 */
gboolean
cm_audit_dialog_is_empty (CmAuditDialog *self)
{
  g_return_val_if_fail (CM_IS_AUDIT_DIALOG (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}
