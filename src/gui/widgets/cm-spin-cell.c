/* cm-spin-cell.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include "cm-field-error.h"
#include "cm-import.h"
#include "cm-spin-cell.h"

/*
 * A number in a table row that becomes a spin button when it is edited.
 *
 * A list makes its rows by the hundred (see HACKING.md, "Large lists"),
 * and a spin button is a text field, two buttons and their icons: two of
 * them a row made up half the time of showing a county's table. Until it
 * is clicked or reached with Tab, the cell is a label styled as a field,
 * as wide as the spin button it will become, so nothing moves when the
 * spin button takes its place. It stays a spin button after that; a row
 * is reused for other lines as the table scrolls.
 *
 * A cell given a CSV column (cm_spin_cell_set_csv_column()) reads what is
 * typed as the import reads that column. Text it refuses is kept, with
 * what is wrong said under it in the import's words (cm-field-error.c),
 * instead of a spin button's silent return to the old value; Escape
 * puts the old value back.
 */

struct _CmSpinCell
{
  GtkWidget      parent_instance;

  GtkWidget     *label;
  GtkSpinButton *spin;

  double         value;
  double         lower;
  double         upper;
  double         step;
  guint          digits;
  char          *accessible_label;
  gboolean       setting;
  char          *csv_kind;
  char          *csv_column;
  double         csv_scale;   /* stored units per unit shown */
  gboolean       invalid;     /* the spin button holds refused text */
};

G_DEFINE_FINAL_TYPE (CmSpinCell, cm_spin_cell, GTK_TYPE_WIDGET)

enum {
  VALUE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_value (CmSpinCell *self)
{
  return g_strdup_printf ("%.*f", (int) self->digits, self->value);
}

static void
spin_value_changed_cb (GtkSpinButton *spin,
                       CmSpinCell    *self)
{
  self->value = gtk_spin_button_get_value (spin);
  if (!self->setting)
    g_signal_emit (self, signals[VALUE_CHANGED], 0);
}

/* Instead of the spin button's own reading, which drops bad text. */
static int
spin_input_cb (GtkSpinButton *spin,
               double        *new_value,
               CmSpinCell    *self)
{
  g_autoptr(GError) error = NULL;
  gint64 stored = 0;

  if (self->csv_kind == NULL)
    return FALSE;

  if (!cm_import_check_field (self->csv_kind, self->csv_column,
                              gtk_editable_get_text (GTK_EDITABLE (spin)), &stored, &error))
    {
      self->invalid = TRUE;
      cm_field_error_set (GTK_WIDGET (spin), error->message);
      *new_value = gtk_spin_button_get_value (spin);
      return TRUE;
    }

  self->invalid = FALSE;
  cm_field_error_set (GTK_WIDGET (spin), NULL);
  *new_value = stored / self->csv_scale;
  return TRUE;
}

/* TRUE keeps the text: refused text stays until corrected. */
static gboolean
spin_output_cb (GtkSpinButton *spin,
                CmSpinCell    *self)
{
  return self->invalid;
}

static void
show_value_again (CmSpinCell *self)
{
  self->invalid = FALSE;
  cm_field_error_set (GTK_WIDGET (self->spin), NULL);
  self->setting = TRUE;
  gtk_spin_button_set_value (self->spin, self->value);
  self->setting = FALSE;
}

static void
restore_cb (GtkWidget *spin,
            gpointer   user_data)
{
  show_value_again (CM_SPIN_CELL (user_data));
}

static GtkSpinButton *
make_spin_button (double lower,
                  double upper,
                  double step,
                  guint  digits)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_widget_add_css_class (spin, "numeric");
  return GTK_SPIN_BUTTON (spin);
}

/**
 * cm_spin_cell_begin_edit:
 * @self: a #CmSpinCell
 *
 * Puts the spin button in place of the label, if it is not there yet.
 *
 * Returns: (transfer none): the spin button that edits the value
 */
GtkSpinButton *
cm_spin_cell_begin_edit (CmSpinCell *self)
{
  g_return_val_if_fail (CM_IS_SPIN_CELL (self), NULL);

  if (self->spin != NULL)
    return self->spin;

  self->spin = make_spin_button (self->lower, self->upper, self->step, self->digits);
  self->setting = TRUE;
  gtk_spin_button_set_value (self->spin, self->value);
  self->setting = FALSE;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_label,
                                  -1);
  g_signal_connect (self->spin, "value-changed", G_CALLBACK (spin_value_changed_cb), self);
  /* Letters are let in, to be refused with a reason rather than dropped. */
  if (self->csv_kind != NULL)
    gtk_spin_button_set_numeric (self->spin, FALSE);
  g_signal_connect (self->spin, "input", G_CALLBACK (spin_input_cb), self);
  g_signal_connect (self->spin, "output", G_CALLBACK (spin_output_cb), self);
  cm_field_error_set_restore (GTK_WIDGET (self->spin), restore_cb, self);

  g_clear_pointer (&self->label, gtk_widget_unparent);
  gtk_widget_set_parent (GTK_WIDGET (self->spin), GTK_WIDGET (self));
  gtk_widget_remove_css_class (GTK_WIDGET (self), "as-field");
  /* From now on Tab lands in the spin button's text, not on the cell. */
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);

  return self->spin;
}

static void
edit_and_focus (CmSpinCell *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (cm_spin_cell_begin_edit (self)));
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            CmSpinCell      *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  edit_and_focus (self);
}

/* Reached with Tab, or given the focus, the cell hands it to its spin
 * button. */
static gboolean
cm_spin_cell_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (cm_spin_cell_begin_edit (CM_SPIN_CELL (widget))));
}

/* The width the spin button will take, measured once for each range. */
static int
spin_width (CmSpinCell *self)
{
  static GHashTable *widths = NULL;
  g_autofree char *key = NULL;
  gpointer width;

  if (widths == NULL)
    widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  key = g_strdup_printf ("%g:%g:%u", self->lower, self->upper, self->digits);
  if (!g_hash_table_lookup_extended (widths, key, NULL, &width))
    {
      GtkSpinButton *sample = make_spin_button (self->lower, self->upper, self->step, self->digits);
      int natural = 0;

      g_object_ref_sink (sample);
      gtk_widget_measure (GTK_WIDGET (sample), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_object_unref (sample);

      width = GINT_TO_POINTER (natural);
      g_hash_table_insert (widths, g_steal_pointer (&key), width);
    }

  return GPOINTER_TO_INT (width);
}

/* The message under a spin button holding refused text, if shown. */
static GtkWidget *
shown_message (CmSpinCell *self)
{
  GtkWidget *label = self->spin != NULL ? cm_field_error_get_label (GTK_WIDGET (self->spin)) : NULL;

  return label != NULL && gtk_widget_get_visible (label) ? label : NULL;
}

static void
cm_spin_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  CmSpinCell *self = CM_SPIN_CELL (widget);
  GtkWidget *child = self->spin != NULL ? GTK_WIDGET (self->spin) : self->label;
  GtkWidget *message = shown_message (self);

  gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);

  if (orientation == GTK_ORIENTATION_HORIZONTAL && self->spin == NULL)
    {
      int width = spin_width (self);

      *minimum = MAX (*minimum, width);
      *natural = MAX (*natural, width);
    }

  if (message != NULL)
    {
      int message_minimum = 0;
      int message_natural = 0;

      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* The message wraps to the width of the spin button. */
          gtk_widget_measure (message, orientation, -1, &message_minimum, &message_natural, NULL, NULL);
          *minimum = MAX (*minimum, message_minimum);
          *natural = MAX (*natural, MAX (message_minimum, MIN (message_natural, 2 * *natural)));
        }
      else
        {
          gtk_widget_measure (message, orientation, for_size, &message_minimum, &message_natural, NULL, NULL);
          *minimum += message_minimum;
          *natural += message_natural;
          *minimum_baseline = *natural_baseline = -1;
        }
    }
}

static void
cm_spin_cell_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  CmSpinCell *self = CM_SPIN_CELL (widget);
  GtkWidget *child = self->spin != NULL ? GTK_WIDGET (self->spin) : self->label;
  GtkWidget *message = shown_message (self);
  int child_height = 0;

  if (message == NULL)
    {
      gtk_widget_allocate (child, width, height, baseline, NULL);
      return;
    }

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &child_height, NULL, NULL);
  child_height = MIN (child_height, height);
  gtk_widget_allocate (child, width, child_height, -1, NULL);
  gtk_widget_allocate (message, width, height - child_height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, child_height)));
}

static void
cm_spin_cell_dispose (GObject *object)
{
  CmSpinCell *self = CM_SPIN_CELL (object);

  GtkWidget *child;

  g_clear_pointer (&self->label, gtk_widget_unparent);
  self->spin = NULL;
  /* The spin button, and the message under it once there was one. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cm_spin_cell_parent_class)->dispose (object);
}

static void
cm_spin_cell_finalize (GObject *object)
{
  CmSpinCell *self = CM_SPIN_CELL (object);

  g_free (self->accessible_label);
  g_free (self->csv_kind);
  g_free (self->csv_column);

  G_OBJECT_CLASS (cm_spin_cell_parent_class)->finalize (object);
}

static void
cm_spin_cell_class_init (CmSpinCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_spin_cell_dispose;
  object_class->finalize = cm_spin_cell_finalize;

  widget_class->measure = cm_spin_cell_measure;
  widget_class->size_allocate = cm_spin_cell_size_allocate;
  widget_class->grab_focus = cm_spin_cell_grab_focus;

  /**
   * CmSpinCell::value-changed:
   *
   * Emitted when a person changes the value, not by
   * cm_spin_cell_set_value().
   */
  signals[VALUE_CHANGED] =
    g_signal_new ("value-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "spincell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON);
}

static void
cm_spin_cell_init (CmSpinCell *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0.0);
  gtk_widget_add_css_class (self->label, "numeric");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "as-field");

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_END);

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

/**
 * cm_spin_cell_new:
 * @lower: the smallest value
 * @upper: the largest value
 * @step: the step of the arrows
 * @digits: the decimals shown
 * @accessible_label: what screen readers call it
 *
 * Returns: (transfer floating): a number cell for a table row
 */
GtkWidget *
cm_spin_cell_new (double      lower,
                  double      upper,
                  double      step,
                  guint       digits,
                  const char *accessible_label)
{
  CmSpinCell *self = g_object_new (CM_TYPE_SPIN_CELL, NULL);

  self->lower = lower;
  self->upper = upper;
  self->step = step;
  self->digits = digits;
  self->value = lower;
  self->accessible_label = g_strdup (accessible_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, lower,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, upper,
                                  -1);
  cm_spin_cell_set_value (self, lower);
  return GTK_WIDGET (self);
}

/**
 * cm_spin_cell_set_value:
 * @self: a #CmSpinCell
 * @value: the value to show
 *
 * Shows @value, clamped to the range, without emitting
 * #CmSpinCell::value-changed.
 */
void
cm_spin_cell_set_value (CmSpinCell *self,
                        double      value)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CM_IS_SPIN_CELL (self));

  self->value = CLAMP (value, self->lower, self->upper);

  if (self->spin != NULL)
    {
      /* A row shown again, or a value saved elsewhere: refused text goes. */
      if (self->invalid)
        show_value_again (self);
      self->setting = TRUE;
      if (gtk_spin_button_get_value (self->spin) != self->value)
        gtk_spin_button_set_value (self->spin, self->value);
      self->setting = FALSE;
      return;
    }

  text = format_value (self);
  gtk_label_set_text (GTK_LABEL (self->label), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, self->value,
                                  -1);
}

/**
 * cm_spin_cell_get_value:
 * @self: a #CmSpinCell
 *
 * Returns: the value shown
 */
double
cm_spin_cell_get_value (CmSpinCell *self)
{
  g_return_val_if_fail (CM_IS_SPIN_CELL (self), 0.0);

  return self->value;
}

/**
 * cm_spin_cell_set_csv_column:
 * @self: a #CmSpinCell
 * @kind: a kind of CSV file
 * @column: the column of that kind the cell edits
 * @scale: the column's stored units per unit shown: 100 for a
 *   percentage stored in basis points, 1 for a count
 *
 * Reads typed text as cm_import_check_field() reads @column, and says
 * what is wrong under the cell when it refuses it.
 */
void
cm_spin_cell_set_csv_column (CmSpinCell *self,
                             const char *kind,
                             const char *column,
                             double      scale)
{
  g_return_if_fail (CM_IS_SPIN_CELL (self));
  g_return_if_fail (kind != NULL && column != NULL && scale > 0);

  g_free (self->csv_kind);
  self->csv_kind = g_strdup (kind);
  g_free (self->csv_column);
  self->csv_column = g_strdup (column);
  self->csv_scale = scale;
}

/**
 * cm_spin_cell_get_error:
 * @self: a #CmSpinCell
 *
 * Returns: (nullable): what is wrong with the text typed, as shown
 *   under the cell, or %NULL
 */
const char *
cm_spin_cell_get_error (CmSpinCell *self)
{
  g_return_val_if_fail (CM_IS_SPIN_CELL (self), NULL);

  return self->spin != NULL ? cm_field_error_get (GTK_WIDGET (self->spin)) : NULL;
}
