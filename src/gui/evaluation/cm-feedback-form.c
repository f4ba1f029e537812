/* cm-feedback-form.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cm-evaluation.h"
#include "cm-feedback-form.h"
#include "cm-undo.h"

/* Keying in a pile of paper feedback forms (Kirkpatrick L1 and L2) with the
 * keyboard only: the learner's ref or nothing for an anonymous form, a
 * number key per rating (the next rating is then chosen), and Enter to save
 * the form and start the next. The keys are shortcuts in the capture
 * phase, so they work wherever the focus is in the form; digits typed into
 * the ref field stay there. */
struct _CmFeedbackForm
{
  GtkWidget   parent_instance;

  /* Template widgets */
  GtkEntry   *learner_entry;
  GtkListBox *ratings_list;
  GtkLabel   *message_label;
  GtkLabel   *saved_label;

  CmContext  *context;
  gint64      event_id;
  GPtrArray  *bookings;   /* of CmBooking: who may be named on a form */
  GtkWidget  *rows[6];
  GtkWidget  *buttons[6][5];
  int         ratings[6]; /* 0 = not rated yet */
  guint       n_saved;
};

G_DEFINE_FINAL_TYPE (CmFeedbackForm, cm_feedback_form, GTK_TYPE_WIDGET)

enum {
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of the paper form. */
static const char *questions[6] = {
  N_("Content"),
  N_("Trainer"),
  N_("Venue"),
  N_("Relevance to my work"),
  N_("Confidence before"),
  N_("Confidence after"),
};

static void
show_message (CmFeedbackForm *self,
              const char     *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
set_rating (CmFeedbackForm *self,
            guint           question,
            int             rating)
{
  self->ratings[question] = rating;
  for (int i = 0; i < 5; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[question][i]), i + 1 == rating);
}

static void
clear_form (CmFeedbackForm *self)
{
  for (guint q = 0; q < G_N_ELEMENTS (questions); q++)
    set_rating (self, q, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->learner_entry), "");
  show_message (self, NULL);
}

static gboolean
focus_in_entry (CmFeedbackForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self->learner_entry) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->learner_entry)));
}

static int
focused_question (CmFeedbackForm *self)
{
  GtkWidget *child = gtk_widget_get_focus_child (GTK_WIDGET (self->ratings_list));

  for (guint q = 0; q < G_N_ELEMENTS (questions); q++)
    if (child == self->rows[q])
      return (int) q;

  return -1;
}

static gboolean
rate_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  CmFeedbackForm *self = CM_FEEDBACK_FORM (widget);
  int rating = GPOINTER_TO_INT (user_data);
  int question;

  /* A digit typed into the ref is part of the ref. */
  if (self->event_id == 0 || focus_in_entry (self))
    return FALSE;

  question = focused_question (self);
  if (question < 0)
    for (question = 0; question < 5 && self->ratings[question] != 0; question++)
      ;

  set_rating (self, (guint) question, rating);
  show_message (self, NULL);
  if (question + 1 < (int) G_N_ELEMENTS (questions))
    gtk_widget_grab_focus (self->rows[question + 1]);

  return TRUE;
}

/* The booking named by the ref typed, or NULL; *out_empty when none is. */
static const CmBooking *
find_learner (CmFeedbackForm *self,
              gboolean       *out_empty)
{
  g_autofree char *ref = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->learner_entry))));

  *out_empty = *ref == '\0';
  for (guint i = 0; !*out_empty && self->bookings != NULL && i < self->bookings->len; i++)
    {
      const CmBooking *booking = g_ptr_array_index (self->bookings, i);

      if (g_ascii_strcasecmp (booking->learner_ref, ref) == 0)
        return booking;
    }

  return NULL;
}

static void
save_form (CmFeedbackForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(AdwToast) toast = NULL;
  const CmBooking *booking;
  CmFeedback form = { 0 };
  gboolean anonymous;
  gboolean ok;

  booking = find_learner (self, &anonymous);
  if (booking == NULL && !anonymous)
    {
      g_autofree char *message =
        g_strdup_printf (_("Learner ref: nobody booked on this event has the ref “%s”. Correct it, or clear it for an anonymous form."),
                         gtk_editable_get_text (GTK_EDITABLE (self->learner_entry)));

      show_message (self, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->learner_entry));
      return;
    }

  for (guint q = 0; q < G_N_ELEMENTS (questions); q++)
    if (self->ratings[q] == 0)
      {
        g_autofree char *message = g_strdup_printf (_("%s: press 1 to 5 before saving the form."), _(questions[q]));

        show_message (self, message);
        gtk_widget_grab_focus (self->rows[q]);
        return;
      }

  form.event_id = self->event_id;
  form.learner_id = booking != NULL ? booking->learner_id : 0;
  form.content = self->ratings[0];
  form.trainer = self->ratings[1];
  form.venue = self->ratings[2];
  form.relevance = self->ratings[3];
  form.confidence_before = self->ratings[4];
  form.confidence_after = self->ratings[5];

  cm_context_begin_undoable (self->context);
  ok = cm_evaluation_save_feedback (cm_context_get_db (self->context), &form, &error);
  cm_context_end_undoable (self->context, ok ? _("Add feedback form") : NULL);

  if (!ok)
    {
      show_message (self, error->message);
      return;
    }

  self->n_saved++;
  /* Translators: %u is a number of forms */
  saved = g_strdup_printf (ngettext ("%u form saved", "%u forms saved", self->n_saved),
                           self->n_saved);
  gtk_label_set_text (self->saved_label, saved);
  toast = cm_undo_toast_new (GTK_WIDGET (self), self->context, _("Feedback form saved"));
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);

  clear_form (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->learner_entry));
}

static gboolean
next_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  CmFeedbackForm *self = CM_FEEDBACK_FORM (widget);
  gboolean started = FALSE;

  if (self->event_id == 0 || self->context == NULL)
    return FALSE;

  for (guint q = 0; q < G_N_ELEMENTS (questions); q++)
    started |= self->ratings[q] != 0;

  /* Enter after the ref goes on to the ratings. */
  if (!started && focus_in_entry (self))
    {
      gboolean anonymous;

      if (find_learner (self, &anonymous) == NULL && !anonymous)
        save_form (self);  /* says what is wrong with the ref */
      else
        {
          show_message (self, NULL);
          gtk_widget_grab_focus (self->rows[0]);
        }
      return TRUE;
    }

  save_form (self);
  return TRUE;
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_form (CM_FEEDBACK_FORM (widget));
}

static void
rating_clicked_cb (GtkButton      *button,
                   CmFeedbackForm *self)
{
  for (guint q = 0; q < G_N_ELEMENTS (questions); q++)
    for (int i = 0; i < 5; i++)
      if (self->buttons[q][i] == GTK_WIDGET (button))
        {
          set_rating (self, q, i + 1);
          gtk_widget_grab_focus (self->rows[q]);
          return;
        }
}

static void
add_question (CmFeedbackForm *self,
              guint           question)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(questions[question]));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (buttons, "linked");
  gtk_widget_add_css_class (buttons, "rating-buttons");

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", i + 1);
      GtkWidget *button = gtk_toggle_button_new_with_label (text);

      /* The row takes the focus; its number keys choose. */
      gtk_widget_set_focusable (button, FALSE);
      g_signal_connect (button, "clicked", G_CALLBACK (rating_clicked_cb), self);
      gtk_box_append (GTK_BOX (buttons), button);
      self->buttons[question][i] = button;
    }

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(questions[question]), -1);
  gtk_list_box_append (self->ratings_list, row);
  self->rows[question] = row;
}

static void
add_key (GtkShortcutController *controller,
         guint                  keyval,
         guint                  keypad_keyval,
         GtkShortcutFunc        func,
         gpointer               data)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (keyval, 0),
                                                                                       gtk_keyval_trigger_new (keypad_keyval, 0)),
                                                          gtk_callback_action_new (func, data, NULL)));
}

static void
cm_feedback_form_dispose (GObject *object)
{
  CmFeedbackForm *self = (CmFeedbackForm *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_FEEDBACK_FORM);
  /* The template's outer box is not bound, so the template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->context);
  g_clear_pointer (&self->bookings, g_ptr_array_unref);

  G_OBJECT_CLASS (cm_feedback_form_parent_class)->dispose (object);
}

static void
cm_feedback_form_class_init (CmFeedbackFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_feedback_form_dispose;

  /**
   * CmFeedbackForm::add-toast:
   * @self: the form
   * @toast: what to show
   *
   * Asks for @toast to be shown over the window.
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/evaluation/cm-feedback-form.ui");
  gtk_widget_class_bind_template_child (widget_class, CmFeedbackForm, learner_entry);
  gtk_widget_class_bind_template_child (widget_class, CmFeedbackForm, ratings_list);
  gtk_widget_class_bind_template_child (widget_class, CmFeedbackForm, message_label);
  gtk_widget_class_bind_template_child (widget_class, CmFeedbackForm, saved_label);

  gtk_widget_class_install_action (widget_class, "feedback.next", NULL, next_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_feedback_form_init (CmFeedbackForm *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint q = 0; q < G_N_ELEMENTS (questions); q++)
    add_question (self, q);

  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (int i = 0; i < 5; i++)
    add_key (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_1 + i, GDK_KEY_KP_1 + i, rate_cb, GINT_TO_POINTER (i + 1));
  add_key (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Return, GDK_KEY_KP_Enter, next_cb, NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/**
 * cm_feedback_form_set_event:
 * @self: a #CmFeedbackForm
 * @context: (nullable): where to save the forms
 * @event_id: the event the forms are for, or 0 for none
 * @bookings: (nullable): the event's bookings, whose refs may be named
 *
 * Starts keying in forms for another event, or gives the form the event's
 * bookings again. A form half keyed in is kept while the event is the same.
 */
void
cm_feedback_form_set_event (CmFeedbackForm *self,
                            CmContext      *context,
                            gint64          event_id,
                            GPtrArray      *bookings)
{
  g_return_if_fail (CM_IS_FEEDBACK_FORM (self));

  g_set_object (&self->context, context);
  g_clear_pointer (&self->bookings, g_ptr_array_unref);
  if (bookings != NULL)
    self->bookings = g_ptr_array_ref (bookings);

  if (self->event_id != event_id)
    {
      self->event_id = event_id;
      self->n_saved = 0;
      gtk_label_set_text (self->saved_label, "");
      clear_form (self);
    }
}

/**
 * cm_feedback_form_get_rating:
 * @self: a #CmFeedbackForm
 * @question: 0 (content) to 5 (confidence after)
 *
 * Returns: the rating keyed in so far, 0 for none
 */
int
cm_feedback_form_get_rating (CmFeedbackForm *self,
                             guint           question)
{
  g_return_val_if_fail (CM_IS_FEEDBACK_FORM (self), 0);
  g_return_val_if_fail (question < G_N_ELEMENTS (questions), 0);

  return self->ratings[question];
}

/**
 * cm_feedback_form_get_n_saved:
 * @self: a #CmFeedbackForm
 *
 * Returns: the forms saved for this event since it was shown
 */
guint
cm_feedback_form_get_n_saved (CmFeedbackForm *self)
{
  g_return_val_if_fail (CM_IS_FEEDBACK_FORM (self), 0);

  return self->n_saved;
}

/**
 * cm_feedback_form_focus_first:
 * @self: a #CmFeedbackForm
 *
 * Puts the focus on the ref, where a form starts.
 */
void
cm_feedback_form_focus_first (CmFeedbackForm *self)
{
  g_return_if_fail (CM_IS_FEEDBACK_FORM (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->learner_entry));
}

/**
 * cm_feedback_form_get_learner_entry:
 * @self: a #CmFeedbackForm
 *
 * Returns: (transfer none): where the learner's ref is typed
 */
GtkWidget *
cm_feedback_form_get_learner_entry (CmFeedbackForm *self)
{
  g_return_val_if_fail (CM_IS_FEEDBACK_FORM (self), NULL);

  return GTK_WIDGET (self->learner_entry);
}

/**
 * cm_feedback_form_get_message:
 * @self: a #CmFeedbackForm
 *
 * Returns: (nullable): what is wrong with the form keyed in, if shown
 */
const char *
cm_feedback_form_get_message (CmFeedbackForm *self)
{
  g_return_val_if_fail (CM_IS_FEEDBACK_FORM (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message_label)) ? gtk_label_get_text (self->message_label) : NULL;
}
