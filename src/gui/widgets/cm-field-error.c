/* cm-field-error.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <adwaita.h>

#include "cm-field-error.h"
#include "cm-import.h"

/*
 * What is wrong with a field, said beside it.
 *
 * Every editor marks bad input the same way: the field gets the error
 * style, a label in the error colour says what is wrong in the words a
 * CSV import uses for the same column (cm_import_check_field()), and the
 * field is marked invalid with the message as its description for
 * screen readers; the label is an alert, so it is read out as it
 * appears. A row shows the label after its text, and so does the row
 * around an entry; any other field has it placed right after it in its
 * parent. The text typed stays until it is corrected, or until Escape
 * puts the last good value back.
 */

typedef struct
{
  GtkWidget           *label;      /* owned by its row or the field's parent */
  char                *message;
  CmFieldErrorRestore  restore;
  gpointer             restore_data;
  /* cm_field_error_check_text() */
  char                *kind;
  char                *column;
  char                *last_good;
} FieldError;

#define FIELD_ERROR_KEY "cm-field-error"

static void
field_error_free (gpointer data)
{
  FieldError *state = data;

  g_free (state->message);
  g_free (state->kind);
  g_free (state->column);
  g_free (state->last_good);
  g_free (state);
}

static FieldError *
get_state (GtkWidget *field,
           gboolean   create)
{
  FieldError *state = g_object_get_data (G_OBJECT (field), FIELD_ERROR_KEY);

  if (state == NULL && create)
    {
      state = g_new0 (FieldError, 1);
      g_object_set_data_full (G_OBJECT (field), FIELD_ERROR_KEY, state, field_error_free);
    }

  return state;
}

static void
make_label (GtkWidget  *field,
            FieldError *state)
{
  GtkWidget *row;

  state->label = g_object_new (GTK_TYPE_LABEL,
                               "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                               "wrap", TRUE,
                               "xalign", 0.0f,
                               "max-width-chars", 30,
                               "valign", GTK_ALIGN_CENTER,
                               NULL);
  gtk_widget_add_css_class (state->label, "error");
  gtk_widget_add_css_class (state->label, "caption");

  if (ADW_IS_ENTRY_ROW (field))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (field), state->label);
  else if (ADW_IS_ACTION_ROW (field))
    adw_action_row_add_suffix (ADW_ACTION_ROW (field), state->label);
  else if ((row = gtk_widget_get_ancestor (field, ADW_TYPE_ACTION_ROW)) != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), state->label);
  else if (gtk_widget_get_parent (field) != NULL)
    /* Right after the field, in its parent (a box, or a CmSpinCell,
     * which lays the message out under its spin button). */
    gtk_widget_insert_after (state->label, gtk_widget_get_parent (field), field);
  else
    {
      /* Nowhere to show it yet: the style and description still say it. */
      g_object_ref_sink (state->label);
      g_clear_object (&state->label);
    }
}

/**
 * cm_field_error_set:
 * @field: an entry, a row or a spin button
 * @message: (nullable): what is wrong, or %NULL when nothing is
 *
 * Shows @message beside @field, or takes it away.
 */
void
cm_field_error_set (GtkWidget  *field,
                    const char *message)
{
  FieldError *state;

  g_return_if_fail (GTK_IS_WIDGET (field));

  state = get_state (field, message != NULL);
  if (state == NULL || g_strcmp0 (state->message, message) == 0)
    return;

  g_free (state->message);
  state->message = g_strdup (message);

  if (message != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
      if (state->label == NULL)
        make_label (field, state);
      if (state->label != NULL)
        gtk_label_set_text (GTK_LABEL (state->label), message);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  if (state->label != NULL)
    gtk_widget_set_visible (state->label, message != NULL);
}

/**
 * cm_field_error_get:
 * @field: a field
 *
 * Returns: (nullable): the message shown beside @field, or %NULL
 */
const char *
cm_field_error_get (GtkWidget *field)
{
  FieldError *state;

  g_return_val_if_fail (GTK_IS_WIDGET (field), NULL);

  state = get_state (field, FALSE);
  return state != NULL ? state->message : NULL;
}

/**
 * cm_field_error_get_label:
 * @field: a field
 *
 * Returns: (transfer none) (nullable): the label showing the message,
 *   once there has been one
 */
GtkWidget *
cm_field_error_get_label (GtkWidget *field)
{
  FieldError *state;

  g_return_val_if_fail (GTK_IS_WIDGET (field), NULL);

  state = get_state (field, FALSE);
  return state != NULL ? state->label : NULL;
}

static gboolean
escape_cb (GtkWidget *field,
           GVariant  *args,
           gpointer   user_data)
{
  FieldError *state = get_state (field, FALSE);

  /* Nothing to undo: Escape goes on to the window (closing an editor). */
  if (state == NULL || state->message == NULL || state->restore == NULL)
    return FALSE;

  state->restore (field, state->restore_data);
  cm_field_error_set (field, NULL);
  return TRUE;
}

/**
 * cm_field_error_set_restore:
 * @field: a field
 * @restore: puts the last good value back
 * @user_data: passed to @restore
 *
 * Makes Escape in @field, while it shows an error, call @restore and
 * take the error away.
 */
void
cm_field_error_set_restore (GtkWidget           *field,
                            CmFieldErrorRestore  restore,
                            gpointer             user_data)
{
  FieldError *state;

  g_return_if_fail (GTK_IS_WIDGET (field));
  g_return_if_fail (restore != NULL);

  state = get_state (field, TRUE);
  if (state->restore == NULL)
    {
      GtkEventController *controller = gtk_shortcut_controller_new ();

      /* Before the window's own Escape, which closes it. */
      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                              gtk_callback_action_new (escape_cb, NULL, NULL)));
      gtk_widget_add_controller (field, controller);
    }

  state->restore = restore;
  state->restore_data = user_data;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static void
check_text (GtkEditable *field)
{
  FieldError *state = get_state (GTK_WIDGET (field), FALSE);
  const char *text = gtk_editable_get_text (field);
  g_autoptr(GError) error = NULL;
  gboolean valid = cm_import_check_field (state->kind, state->column, text, NULL, &error);

  /* An empty required field is not an error yet, only not complete. */
  cm_field_error_set (GTK_WIDGET (field), valid || is_blank (text) ? NULL : error->message);

  /* Typing over a value empties the field first: that is not a value
   * for Escape to go back to. */
  if (valid && (!is_blank (text) || state->last_good == NULL))
    {
      g_free (state->last_good);
      state->last_good = g_strdup (text);
    }
}

static void
restore_last_good (GtkWidget *field,
                   gpointer   user_data)
{
  FieldError *state = get_state (field, FALSE);
  g_autofree char *text = g_strdup (state->last_good != NULL ? state->last_good : "");

  gtk_editable_set_text (GTK_EDITABLE (field), text);
}

/**
 * cm_field_error_check_text:
 * @field: a #GtkEditable: an entry or an entry row
 * @kind: the kind of CSV file whose column the field holds
 * @column: that column, as the CSV header names it
 *
 * Checks @field as it is typed in, as cm_import_check_field() does, and
 * shows what is wrong beside it. Escape puts back the last text that was
 * good. Read the value with cm_field_error_get_value().
 */
void
cm_field_error_check_text (GtkWidget  *field,
                           const char *kind,
                           const char *column)
{
  FieldError *state;

  g_return_if_fail (GTK_IS_EDITABLE (field));

  state = get_state (field, TRUE);
  g_return_if_fail (state->kind == NULL);

  state->kind = g_strdup (kind);
  state->column = g_strdup (column);
  cm_field_error_set_restore (field, restore_last_good, NULL);
  g_signal_connect (field, "changed", G_CALLBACK (check_text), NULL);
  check_text (GTK_EDITABLE (field));
}

/**
 * cm_field_error_get_value:
 * @field: a field given to cm_field_error_check_text()
 * @out_value: (out) (optional): its value in stored units, as
 *   cm_import_check_field() gives it
 *
 * Returns: whether the text is valid; an empty required field is not
 */
gboolean
cm_field_error_get_value (GtkWidget *field,
                          gint64    *out_value)
{
  FieldError *state;
  gint64 value = 0;
  gboolean valid;

  g_return_val_if_fail (GTK_IS_EDITABLE (field), FALSE);

  state = get_state (field, FALSE);
  g_return_val_if_fail (state != NULL && state->kind != NULL, FALSE);

  /* Read afresh: the caller's own "changed" handler may run first. */
  valid = cm_import_check_field (state->kind, state->column, gtk_editable_get_text (GTK_EDITABLE (field)),
                                 &value, NULL);
  if (out_value != NULL)
    *out_value = valid ? value : 0;
  return valid;
}
