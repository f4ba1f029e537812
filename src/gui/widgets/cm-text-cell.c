/* cm-text-cell.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include "cm-text-cell.h"

/*
 * A line of text in a table row that becomes an entry when it is edited:
 * the text counterpart of CmSpinCell, for the same reason (HACKING.md,
 * "Large lists"). Until it is clicked or reached with Tab it is a label
 * styled as a field; it stays an entry after that. The text is committed,
 * and CmTextCell::changed emitted, when Enter is pressed or the entry
 * loses the focus with a different text.
 */

struct _CmTextCell
{
  GtkWidget  parent_instance;

  GtkWidget *label;
  GtkWidget *entry;

  char      *text;
  char      *accessible_label;
  int        width_chars;
};

G_DEFINE_FINAL_TYPE (CmTextCell, cm_text_cell, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
commit (CmTextCell *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (g_strcmp0 (text, self->text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
entry_activate_cb (GtkEntry   *entry,
                   CmTextCell *self)
{
  commit (self);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                CmTextCell              *self)
{
  if (self->entry != NULL)
    commit (self);
}

/**
 * cm_text_cell_begin_edit:
 * @self: a #CmTextCell
 *
 * Puts the entry in place of the label, if it is not there yet.
 *
 * Returns: (transfer none): the entry that edits the text
 */
GtkEditable *
cm_text_cell_begin_edit (CmTextCell *self)
{
  GtkEventController *focus;

  g_return_val_if_fail (CM_IS_TEXT_CELL (self), NULL);

  if (self->entry != NULL)
    return GTK_EDITABLE (self->entry);

  self->entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), self->width_chars);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), self->text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_label,
                                  -1);
  g_signal_connect (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (self->entry, focus);

  g_clear_pointer (&self->label, gtk_widget_unparent);
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  gtk_widget_remove_css_class (GTK_WIDGET (self), "as-field");
  /* From now on Tab lands in the entry, not on the cell. */
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);

  return GTK_EDITABLE (self->entry);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            CmTextCell      *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (cm_text_cell_begin_edit (self)));
}

/* Reached with Tab, or given the focus, the cell hands it to its entry. */
static gboolean
cm_text_cell_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (cm_text_cell_begin_edit (CM_TEXT_CELL (widget))));
}

static void
cm_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  CmTextCell *self = CM_TEXT_CELL (widget);
  GtkWidget *child = self->entry != NULL ? self->entry : self->label;

  gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
cm_text_cell_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  CmTextCell *self = CM_TEXT_CELL (widget);
  GtkWidget *child = self->entry != NULL ? self->entry : self->label;

  gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
cm_text_cell_dispose (GObject *object)
{
  CmTextCell *self = CM_TEXT_CELL (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_pointer (&self->entry, gtk_widget_unparent);

  G_OBJECT_CLASS (cm_text_cell_parent_class)->dispose (object);
}

static void
cm_text_cell_finalize (GObject *object)
{
  CmTextCell *self = CM_TEXT_CELL (object);

  g_free (self->text);
  g_free (self->accessible_label);

  G_OBJECT_CLASS (cm_text_cell_parent_class)->finalize (object);
}

static void
cm_text_cell_class_init (CmTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_text_cell_dispose;
  object_class->finalize = cm_text_cell_finalize;

  widget_class->measure = cm_text_cell_measure;
  widget_class->size_allocate = cm_text_cell_size_allocate;
  widget_class->grab_focus = cm_text_cell_grab_focus;

  /**
   * CmTextCell::changed:
   *
   * Emitted when a person commits a different text, not by
   * cm_text_cell_set_text().
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "textcell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TEXT_BOX);
}

static void
cm_text_cell_init (CmTextCell *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->text = g_strdup ("");
  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "as-field");

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

/**
 * cm_text_cell_new:
 * @width_chars: the width the cell asks for, in characters
 * @accessible_label: what screen readers call it
 *
 * Returns: (transfer floating): a text cell for a table row
 */
GtkWidget *
cm_text_cell_new (int         width_chars,
                  const char *accessible_label)
{
  CmTextCell *self = g_object_new (CM_TYPE_TEXT_CELL, NULL);

  self->width_chars = width_chars;
  self->accessible_label = g_strdup (accessible_label);
  gtk_label_set_width_chars (GTK_LABEL (self->label), width_chars);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  return GTK_WIDGET (self);
}

/**
 * cm_text_cell_set_text:
 * @self: a #CmTextCell
 * @text: (nullable): the text to show; %NULL is ""
 *
 * Shows @text without emitting #CmTextCell::changed.
 */
void
cm_text_cell_set_text (CmTextCell *self,
                       const char *text)
{
  g_return_if_fail (CM_IS_TEXT_CELL (self));

  if (text == NULL)
    text = "";

  g_free (self->text);
  self->text = g_strdup (text);

  if (self->entry != NULL)
    {
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
      return;
    }

  gtk_label_set_text (GTK_LABEL (self->label), text);
}

/**
 * cm_text_cell_get_text:
 * @self: a #CmTextCell
 *
 * Returns: the text last set or committed
 */
const char *
cm_text_cell_get_text (CmTextCell *self)
{
  g_return_val_if_fail (CM_IS_TEXT_CELL (self), NULL);

  return self->text;
}
