/* cm-event-view.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cm-column-view.h"
#include "cm-dialogs.h"
#include "cm-domain.h"
#include "cm-event-view.h"
#include "cm-field-error.h"
#include "cm-fiscal.h"
#include "cm-money.h"
#include "cm-organisation.h"
#include "cm-undo.h"
#include "cm-workforce.h"

/* One event: its register, marked one key per learner (A, D, L, C, as the
 * hint and the shortcuts window say), the waiting list, the DNA charges
 * the policy raises, adding a booking, and the feedback forms. Every write
 * goes through cm-evaluation and is recorded for Undo; the view reads the
 * bookings again when the core announces a change to the event. */
struct _CmEventView
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkButton      *summary_button;
  GtkLabel       *fill_label;
  GtkListBox     *register_list;
  GtkWidget      *waitlist_heading;
  GtkListBox     *waitlist_list;
  GtkLabel       *charges_label;
  GtkSearchEntry *learner_search;
  GtkListBox     *results_list;
  AdwExpanderRow *new_learner_row;
  AdwEntryRow    *ref_row;
  AdwComboRow    *organisation_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *email_row;
  CmFeedbackForm *feedback_form;

  CmContext      *context;
  CmEvent        *event;
  GPtrArray      *bookings;       /* of CmBooking, the register then the waiting list */
  GPtrArray      *register_rows;  /* of the register's rows, by bookings index */
  GPtrArray      *results;        /* of CmLearner, the search results shown */
  GListStore     *organisations;  /* of CmOrganisation, for a new learner */
  GCancellable   *reading;
  GCancellable   *searching;
  guint           reload_source;
  gboolean        focus_pending;  /* focus the register once it is read */
};

G_DEFINE_FINAL_TYPE (CmEventView, cm_event_view, GTK_TYPE_WIDGET)

enum {
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Takes @toast. */
static void
add_toast (CmEventView *self,
           AdwToast    *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
  g_object_unref (toast);
}

static void
forward_toast_cb (CmEventView *self,
                  AdwToast    *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static CmDb *
db_of (CmEventView *self)
{
  return cm_context_get_db (self->context);
}

static const char *
status_style (const char *status)
{
  if (g_str_equal (status, "attended"))
    return "success";
  if (g_str_equal (status, "dna"))
    return "error";
  if (g_str_equal (status, "late-cancel"))
    return "warning";
  if (g_str_equal (status, "cancelled"))
    return "dim-label";
  return NULL;
}

static char *
learner_title (const CmBooking *booking)
{
  if (booking->learner_name != NULL && *booking->learner_name != '\0')
    return g_strdup_printf ("%s — %s", booking->learner_ref, booking->learner_name);
  return g_strdup (booking->learner_ref);
}

static char *
organisation_subtitle (const CmBooking *booking)
{
  return g_strdup_printf ("%s · %s", booking->organisation_name,
                          _(cm_domain_label (CM_DOMAIN_ORGANISATION_KIND, booking->organisation_kind)));
}

/* A row's status and charge labels are its last two suffixes, found by
 * name so that a row can be brought up to date in place, keeping the
 * focus where it was while a register is keyed in. */
static void
update_row (GtkWidget       *row,
            const CmBooking *booking)
{
  GtkLabel *status = g_object_get_data (G_OBJECT (row), "status-label");
  GtkLabel *charge = g_object_get_data (G_OBJECT (row), "charge-label");
  const char *style = status_style (booking->status);
  g_autofree char *title = learner_title (booking);
  g_autofree char *subtitle = organisation_subtitle (booking);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_text (status, _(cm_domain_label (CM_DOMAIN_BOOKING_STATUS, booking->status)));
  gtk_widget_set_css_classes (GTK_WIDGET (status), (const char *[]) { style, NULL });

  /* The row's menu acts on its own learner. */
  {
    g_autoptr(GMenu) menu = g_menu_new ();
    g_autoptr(GMenuItem) erase = g_menu_item_new (_("_Erase Personal Details…"), NULL);

    g_menu_item_set_action_and_target_value (erase, "event.erase-learner",
                                             g_variant_new_int64 (booking->learner_id));
    g_menu_append_item (menu, erase);
    gtk_menu_button_set_menu_model (g_object_get_data (G_OBJECT (row), "menu-button"), G_MENU_MODEL (menu));
  }

  if (booking->charge_pence != 0)
    {
      /* Charged to the agency: the spend records it as money coming back,
       * a negative amount; here it is what they pay. */
      g_autofree char *amount = cm_money_format (-booking->charge_pence);

      gtk_label_set_text (charge, amount);
      cm_cell_set_tooltip_text (GTK_WIDGET (charge), _("The DNA charge the policy raises for this place"));
    }
  else
    gtk_label_set_text (charge, "");
  gtk_widget_set_visible (GTK_WIDGET (charge), booking->charge_pence != 0);
}

static GtkWidget *
booking_row_new (const CmBooking *booking)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *charge = gtk_label_new (NULL);
  GtkWidget *menu_button = gtk_menu_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("More for this learner"));
  gtk_widget_add_css_class (charge, "numeric");
  gtk_widget_add_css_class (charge, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), charge);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);
  g_object_set_data (G_OBJECT (row), "menu-button", menu_button);
  g_object_set_data (G_OBJECT (row), "status-label", status);
  g_object_set_data (G_OBJECT (row), "charge-label", charge);
  update_row (row, booking);

  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static gboolean
is_register (const CmBooking *booking)
{
  return !g_str_equal (booking->status, "waitlist");
}

/* Whether the register shows the same learners in the same order. */
static gboolean
same_register (CmEventView *self,
               GPtrArray   *bookings)
{
  guint n = 0;

  for (guint i = 0; i < bookings->len; i++)
    {
      const CmBooking *booking = g_ptr_array_index (bookings, i);
      const CmBooking *old;

      if (!is_register (booking))
        continue;
      if (self->bookings == NULL || n >= self->register_rows->len || n >= self->bookings->len)
        return FALSE;
      old = g_ptr_array_index (self->bookings, n);
      if (!is_register (old) || old->learner_id != booking->learner_id)
        return FALSE;
      n++;
    }

  return n == self->register_rows->len;
}

static void
show_bookings (CmEventView *self,
               GPtrArray   *bookings)
{
  g_autoptr(GString) charges = g_string_new (NULL);
  g_autofree char *fill = NULL;
  int attended = 0;
  int dna = 0;
  int late = 0;
  int booked = 0;
  int waiting = 0;
  gint64 charged = 0;
  guint n_charges = 0;

  if (same_register (self, bookings))
    {
      for (guint i = 0; i < bookings->len && i < self->register_rows->len; i++)
        update_row (g_ptr_array_index (self->register_rows, i), g_ptr_array_index (bookings, i));
    }
  else
    {
      clear_list (self->register_list);
      g_ptr_array_set_size (self->register_rows, 0);
      for (guint i = 0; i < bookings->len; i++)
        {
          const CmBooking *booking = g_ptr_array_index (bookings, i);
          GtkWidget *row;

          if (!is_register (booking))
            continue;
          row = booking_row_new (booking);
          gtk_list_box_append (self->register_list, row);
          g_ptr_array_add (self->register_rows, row);
        }
    }

  clear_list (self->waitlist_list);
  for (guint i = 0; i < bookings->len; i++)
    {
      const CmBooking *booking = g_ptr_array_index (bookings, i);

      attended += g_str_equal (booking->status, "attended");
      dna += g_str_equal (booking->status, "dna");
      late += g_str_equal (booking->status, "late-cancel");
      booked += g_str_equal (booking->status, "booked");

      if (!is_register (booking))
        {
          GtkWidget *row = booking_row_new (booking);

          waiting++;
          gtk_list_box_append (self->waitlist_list, row);
        }

      if (booking->charge_pence != 0)
        {
          g_autofree char *amount = cm_money_format (-booking->charge_pence);

          charged -= booking->charge_pence;
          n_charges++;
          /* Translators: a line of the charges: "R0012, Sure Start Millbrook: £90.00" */
          g_string_append_printf (charges, _("%s, %s: %s\n"), booking->learner_ref, booking->organisation_name, amount);
        }
    }

  gtk_widget_set_visible (self->waitlist_heading, waiting > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->waitlist_list), waiting > 0);

  if (n_charges > 0)
    {
      g_autofree char *total = cm_money_format (charged);

      /* Translators: the last line of the charges */
      g_string_append_printf (charges, _("Total: %s"), total);
    }
  else
    g_string_append (charges, _("None: nobody the policy charges missed a place."));
  gtk_label_set_text (self->charges_label, charges->str);

  /* Translators: the event's fill, then who did not come */
  fill = g_strdup_printf (_("Attended %d of %d places · %d did not attend · %d cancelled late · %d still booked"),
                          attended, self->event->places, dna, late, booked);
  gtk_label_set_text (self->fill_label, fill);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.all-attended",
                                 booked > 0 && !cm_context_is_read_only (self->context));

  g_clear_pointer (&self->bookings, g_ptr_array_unref);
  self->bookings = g_ptr_array_ref (bookings);
  if (self->focus_pending && self->register_rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->register_rows, 0));
  self->focus_pending = FALSE;
  cm_feedback_form_set_event (self->feedback_form, self->context, self->event->id, bookings);
}

/* Reading */

typedef struct
{
  GPtrArray  *bookings;
  GListStore *organisations;
} EventData;

static void
event_data_free (gpointer pointer)
{
  EventData *data = pointer;

  g_clear_pointer (&data->bookings, g_ptr_array_unref);
  g_clear_object (&data->organisations);
  g_free (data);
}

typedef struct
{
  gint64   event_id;
  gboolean organisations;
} EventQuery;

static gpointer
read_event (CmDb          *db,
            gpointer       pointer,
            GCancellable  *cancellable,
            GError       **error)
{
  EventQuery *query = pointer;
  EventData *data = g_new0 (EventData, 1);

  if (!(data->bookings = cm_evaluation_list_bookings (db, query->event_id, error)) ||
      (query->organisations && !(data->organisations = cm_workforce_list_organisations (db, error))))
    {
      event_data_free (data);
      return NULL;
    }

  return data;
}

static void
read_event_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CmEventView) self = user_data;
  g_autoptr(GError) error = NULL;
  EventData *data;

  data = cm_context_read_finish (CM_CONTEXT (object), result, &error);
  if (g_task_get_cancellable (G_TASK (result)) != self->reading)
    {
      g_clear_pointer (&data, event_data_free);
      return;
    }
  g_clear_object (&self->reading);

  if (data == NULL)
    {
      gtk_label_set_text (self->fill_label, error->message);
      return;
    }

  if (data->organisations != NULL)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      g_set_object (&self->organisations, data->organisations);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->organisations)); i++)
        {
          g_autoptr(CmOrganisation) organisation = g_list_model_get_item (G_LIST_MODEL (self->organisations), i);

          gtk_string_list_append (names, cm_organisation_get_name (organisation));
        }
      adw_combo_row_set_model (self->organisation_row, G_LIST_MODEL (names));
    }

  show_bookings (self, data->bookings);
  event_data_free (data);
}

static void
reload (CmEventView *self)
{
  EventQuery *query;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->context == NULL || self->event == NULL)
    return;

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  self->reading = g_cancellable_new ();

  query = g_new0 (EventQuery, 1);
  query->event_id = self->event->id;
  query->organisations = self->organisations == NULL;
  cm_context_read_async (self->context, read_event, query, g_free,
                         event_data_free, self->reading,
                         read_event_done_cb, g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  CmEventView *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* A write about this event names it; a learner's names no year; a new
 * charge policy or organisation changes the charges shown. */
static void
context_changed_cb (CmEventView    *self,
                    const CmChange *change)
{
  gboolean ours;

  if (self->event == NULL || self->reload_source != 0)
    return;

  ours = ((change->kind & CM_CHANGE_EVALUATION) &&
          (change->id == 0 || change->id == self->event->id || change->year == 0));
  ours |= (change->kind & (CM_CHANGE_SETTINGS | CM_CHANGE_WORKFORCE)) != 0;
  if (change->kind & CM_CHANGE_WORKFORCE)
    g_clear_object (&self->organisations);

  if (ours)
    self->reload_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reload_cb, self, NULL);
}

/* Marking the register */

static gint
focused_register_row (CmEventView *self)
{
  GtkWidget *child = gtk_widget_get_focus_child (GTK_WIDGET (self->register_list));

  for (guint i = 0; child != NULL && i < self->register_rows->len; i++)
    if (g_ptr_array_index (self->register_rows, i) == child)
      return (gint) i;

  return -1;
}

static void
mark_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmEventView *self = CM_EVENT_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  const char *status = g_variant_get_string (parameter, NULL);
  const char *status_label = _(cm_domain_label (CM_DOMAIN_BOOKING_STATUS, status));
  const CmBooking *booking;
  gint64 promoted = 0;
  gint index;
  gboolean ok;

  index = focused_register_row (self);
  if (index < 0 || self->bookings == NULL || cm_context_is_read_only (self->context))
    return;
  booking = g_ptr_array_index (self->bookings, index);

  if (!g_str_equal (booking->status, status))
    {
      label = g_strdup_printf (_("Mark %s %s"), booking->learner_ref, status_label);
      cm_context_begin_undoable (self->context);
      ok = cm_evaluation_set_status (db_of (self), self->event->id, booking->learner_id, status, &promoted, &error);
      cm_context_end_undoable (self->context, ok ? label : NULL);
      if (!ok)
        {
          add_toast (self, adw_toast_new (error->message));
          return;
        }

      if (promoted != 0)
        /* Translators: a learner's ref and status, then that a place went to the waiting list */
        message = g_strdup_printf (_("%s: %s; the first on the waiting list has the place"),
                                   booking->learner_ref, status_label);
      else
        /* Translators: a learner's ref and their new status */
        message = g_strdup_printf (_("%s: %s"), booking->learner_ref, status_label);
      add_toast (self, cm_undo_toast_new (widget, self->context, message));
    }

  /* On to the next learner, as on a paper register. */
  if ((guint) index + 1 < self->register_rows->len)
    gtk_widget_grab_focus (g_ptr_array_index (self->register_rows, index + 1));
}

/* Privacy: a learner's name and email go and their ref becomes an opaque
 * one; every figure stays (docs/figures.md, "Erasing a learner"). Not
 * recorded for Undo, which would keep the details it erased. */
static void
erase_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CmEventView      *self)
{
  gint64 learner_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "learner-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "erase") || self->context == NULL)
    return;

  if (!cm_evaluation_erase_learner (db_of (self), learner_id, &error))
    {
      cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Erase the Learner’s Details"), error);
      return;
    }
  add_toast (self, adw_toast_new (_("Personal details erased")));
}

static void
erase_learner_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CmEventView *self = CM_EVENT_VIEW (widget);
  gint64 learner_id = g_variant_get_int64 (parameter);
  const CmBooking *booking = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  for (guint i = 0; self->bookings != NULL && i < self->bookings->len; i++)
    if (((const CmBooking *) g_ptr_array_index (self->bookings, i))->learner_id == learner_id)
      booking = g_ptr_array_index (self->bookings, i);
  if (booking == NULL || cm_context_is_read_only (self->context))
    return;

  /* Translators: %s is a learner's ref, such as WL0266 */
  heading = g_strdup_printf (_("Erase %s’s Personal Details?"), booking->learner_ref);
  dialog = cm_dialogs_new_question (widget, heading,
                                    _("Their name and email are cleared and their ref is replaced by an "
                                      "anonymous one. Their bookings, feedback and follow-ups stay, so "
                                      "every figure is unchanged. This cannot be undone."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "erase", _("_Erase"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "learner-id", GSIZE_TO_POINTER (learner_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (erase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
all_attended_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CmEventView *self = CM_EVENT_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->event == NULL)
    return;

  cm_context_begin_undoable (self->context);
  ok = cm_evaluation_mark_all_attended (db_of (self), self->event->id, &error);
  cm_context_end_undoable (self->context, ok ? _("Mark all booked attended") : NULL);
  if (!ok)
    add_toast (self, adw_toast_new (error->message));
  else
    add_toast (self, cm_undo_toast_new (widget, self->context, _("Everyone booked is marked attended")));
}

/* Booking */

static void
book (CmEventView *self,
      gint64       learner_id,
      const char  *ref)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  label = g_strdup_printf (_("Book %s"), ref);
  cm_context_begin_undoable (self->context);
  ok = cm_evaluation_book (db_of (self), self->event->id, learner_id, &status, &error);
  cm_context_end_undoable (self->context, ok ? label : NULL);
  if (!ok)
    {
      add_toast (self, adw_toast_new (error->message));
      return;
    }

  message = g_str_equal (status, "waitlist")
    ? g_strdup_printf (_("%s joins the waiting list: every place is taken"), ref)
    : g_strdup_printf (_("%s is booked"), ref);
  add_toast (self, cm_undo_toast_new (GTK_WIDGET (self), self->context, message));
  gtk_editable_set_text (GTK_EDITABLE (self->learner_search), "");
}

static gboolean
is_booked (CmEventView *self,
           gint64       learner_id)
{
  for (guint i = 0; self->bookings != NULL && i < self->bookings->len; i++)
    if (((CmBooking *) g_ptr_array_index (self->bookings, i))->learner_id == learner_id)
      return TRUE;

  return FALSE;
}

static void
result_activated_cb (CmEventView   *self,
                     GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);
  const CmLearner *learner;

  if (self->results == NULL || index < 0 || (guint) index >= self->results->len)
    return;
  learner = g_ptr_array_index (self->results, index);
  book (self, learner->id, learner->ref);
}

static gpointer
find_learners (CmDb          *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return cm_evaluation_find_learners (db, data, 8, error);
}

static void
find_learners_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CmEventView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *learners;

  learners = cm_context_read_finish (CM_CONTEXT (object), result, &error);
  if (g_task_get_cancellable (G_TASK (result)) != self->searching)
    {
      g_clear_pointer (&learners, g_ptr_array_unref);
      return;
    }
  g_clear_object (&self->searching);

  clear_list (self->results_list);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  if (learners == NULL)
    {
      add_toast (self, adw_toast_new (error->message));
      return;
    }

  self->results = learners;
  for (guint i = 0; i < learners->len; i++)
    {
      const CmLearner *learner = g_ptr_array_index (learners, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = learner->name != NULL && *learner->name != '\0'
        ? g_strdup_printf ("%s — %s", learner->ref, learner->name) : g_strdup (learner->ref);
      gboolean booked = is_booked (self, learner->id);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   booked ? _("Already booked on this event") : learner->organisation_name);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), !booked);
      gtk_widget_set_sensitive (row, !booked);
      gtk_list_box_append (self->results_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), learners->len > 0);
}

static void
search_changed_cb (CmEventView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->learner_search));

  if (self->searching != NULL)
    g_cancellable_cancel (self->searching);
  g_clear_object (&self->searching);

  if (self->context == NULL || *text == '\0')
    {
      clear_list (self->results_list);
      gtk_widget_set_visible (GTK_WIDGET (self->results_list), FALSE);
      return;
    }

  self->searching = g_cancellable_new ();
  cm_context_read_async (self->context, find_learners, g_strdup (text), g_free,
                         (GDestroyNotify) g_ptr_array_unref, self->searching,
                         find_learners_done_cb, g_object_ref (self));
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* A new learner made here and booked, as one step to undo. */
static void
add_learner_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CmEventView *self = CM_EVENT_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmOrganisation) organisation = NULL;
  g_autofree char *ref = entry_text (self->ref_row);
  g_autofree char *name = entry_text (self->name_row);
  g_autofree char *email = entry_text (self->email_row);
  g_autofree char *label = NULL;
  g_autofree char *status = NULL;
  g_autofree char *message = NULL;
  guint selected = adw_combo_row_get_selected (self->organisation_row);
  CmLearner learner = { 0 };
  gboolean ok;

  if (*ref == '\0')
    {
      cm_field_error_set (GTK_WIDGET (self->ref_row), _("A ref is required: the pseudonymous reference the learner is known by."));
      gtk_widget_grab_focus (GTK_WIDGET (self->ref_row));
      return;
    }
  cm_field_error_set (GTK_WIDGET (self->ref_row), NULL);

  if (self->organisations == NULL || selected == GTK_INVALID_LIST_POSITION)
    {
      cm_field_error_set (GTK_WIDGET (self->organisation_row), _("Choose the learner’s organisation."));
      return;
    }
  cm_field_error_set (GTK_WIDGET (self->organisation_row), NULL);
  organisation = g_list_model_get_item (G_LIST_MODEL (self->organisations), selected);

  learner.ref = ref;
  learner.organisation_id = cm_organisation_get_id (organisation);
  learner.name = *name != '\0' ? name : NULL;
  learner.email = *email != '\0' ? email : NULL;

  label = g_strdup_printf (_("Add learner %s"), ref);
  cm_context_begin_undoable (self->context);
  ok = (cm_evaluation_save_learner (db_of (self), &learner, &error) &&
        cm_evaluation_book (db_of (self), self->event->id, learner.id, &status, &error));
  cm_context_end_undoable (self->context, ok ? label : NULL);

  if (!ok)
    {
      /* Which field is wrong is in the message, in the core's words. */
      cm_field_error_set (GTK_WIDGET (self->ref_row), error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->ref_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), "");
  message = g_str_equal (status, "waitlist")
    ? g_strdup_printf (_("%s added and put on the waiting list"), ref)
    : g_strdup_printf (_("%s added and booked"), ref);
  add_toast (self, cm_undo_toast_new (widget, self->context, message));
}

/* Object */

static void
cm_event_view_dispose (GObject *object)
{
  CmEventView *self = (CmEventView *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_EVENT_VIEW);
  /* The template's outer box is not bound, so the template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  if (self->searching != NULL)
    g_cancellable_cancel (self->searching);
  g_clear_object (&self->reading);
  g_clear_object (&self->searching);
  g_clear_object (&self->context);
  g_clear_object (&self->organisations);
  g_clear_pointer (&self->event, cm_event_free);
  g_clear_pointer (&self->bookings, g_ptr_array_unref);
  g_clear_pointer (&self->register_rows, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);

  G_OBJECT_CLASS (cm_event_view_parent_class)->dispose (object);
}

static void
add_mark_key (GtkShortcutController *controller,
              guint                  keyval,
              const char            *status)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (keyval, 0),
                                                                         gtk_named_action_new ("event.mark"),
                                                                         "s", status));
}

static void
cm_event_view_class_init (CmEventViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_event_view_dispose;

  /**
   * CmEventView::add-toast:
   * @self: the view
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

  g_type_ensure (CM_TYPE_FEEDBACK_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/evaluation/cm-event-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CmEventView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, summary_button);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, fill_label);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, register_list);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, waitlist_heading);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, waitlist_list);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, charges_label);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, learner_search);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, results_list);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, new_learner_row);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, ref_row);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, name_row);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, email_row);
  gtk_widget_class_bind_template_child (widget_class, CmEventView, feedback_form);
  gtk_widget_class_bind_template_callback (widget_class, forward_toast_cb);

  gtk_widget_class_install_action (widget_class, "event.mark", "s", mark_action);
  gtk_widget_class_install_action (widget_class, "event.all-attended", NULL, all_attended_action);
  gtk_widget_class_install_action (widget_class, "event.add-learner", NULL, add_learner_action);
  gtk_widget_class_install_action (widget_class, "event.erase-learner", "x", erase_learner_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_event_view_init (CmEventView *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->register_rows = g_ptr_array_new ();
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->summary_button), "x", (gint64) 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->summary_button), "evaluation.show-summary");

  /* One key per learner on the focused line of the register. */
  controller = gtk_shortcut_controller_new ();
  add_mark_key (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_a, "attended");
  add_mark_key (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_d, "dna");
  add_mark_key (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_l, "late-cancel");
  add_mark_key (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_c, "cancelled");
  gtk_widget_add_controller (GTK_WIDGET (self->register_list), controller);

  g_signal_connect_swapped (self->learner_search, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->results_list, "row-activated", G_CALLBACK (result_activated_cb), self);
}

/**
 * cm_event_view_set_event:
 * @self: a #CmEventView
 * @context: the context to read and write
 * @event: the event to show; copied
 *
 * Shows @event and reads its bookings. Showing the same event again
 * brings its heading up to date and keeps the feedback form as it is.
 */
void
cm_event_view_set_event (CmEventView   *self,
                         CmContext     *context,
                         const CmEvent *event)
{
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;
  gboolean same;

  g_return_if_fail (CM_IS_EVENT_VIEW (self));
  g_return_if_fail (CM_IS_CONTEXT (context));
  g_return_if_fail (event != NULL);

  if (self->context != context)
    {
      if (self->context != NULL)
        g_signal_handlers_disconnect_by_func (self->context, context_changed_cb, self);
      g_set_object (&self->context, context);
      g_clear_object (&self->organisations);
      g_signal_connect_object (context, "changed", G_CALLBACK (context_changed_cb), self, G_CONNECT_SWAPPED);
    }

  same = self->event != NULL && self->event->id == event->id;
  g_clear_pointer (&self->event, cm_event_free);
  self->event = g_new0 (CmEvent, 1);
  *self->event = *event;
  self->event->code = g_strdup (event->code);
  self->event->commission_code = g_strdup (event->commission_code);
  self->event->venue = g_strdup (event->venue);

  date = cm_fiscal_format_date (&event->date);
  gtk_label_set_text (self->title_label, event->code);
  subtitle = event->venue != NULL && *event->venue != '\0'
    ? g_strdup_printf ("%s · %s · %s", date, event->venue, event->commission_code)
    : g_strdup_printf ("%s · %s", date, event->commission_code);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->summary_button), "x", event->commission_id);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.add-learner", !cm_context_is_read_only (context));
  if (!same)
    {
      clear_list (self->register_list);
      clear_list (self->results_list);
      g_ptr_array_set_size (self->register_rows, 0);
      g_clear_pointer (&self->bookings, g_ptr_array_unref);
      gtk_editable_set_text (GTK_EDITABLE (self->learner_search), "");
      cm_feedback_form_set_event (self->feedback_form, context, event->id, NULL);
      reload (self);
    }
}

/**
 * cm_event_view_get_event_id:
 * @self: a #CmEventView
 *
 * Returns: the event shown, or 0
 */
gint64
cm_event_view_get_event_id (CmEventView *self)
{
  g_return_val_if_fail (CM_IS_EVENT_VIEW (self), 0);

  return self->event != NULL ? self->event->id : 0;
}

/**
 * cm_event_view_get_register:
 * @self: a #CmEventView
 *
 * Returns: (transfer none): the register, one row per booking not waiting
 */
GtkListBox *
cm_event_view_get_register (CmEventView *self)
{
  g_return_val_if_fail (CM_IS_EVENT_VIEW (self), NULL);

  return self->register_list;
}

/**
 * cm_event_view_get_row_status:
 * @self: a #CmEventView
 * @row: a row of the register
 *
 * Returns: (nullable): the status shown on @row, a CM_DOMAIN_BOOKING_STATUS id
 */
const char *
cm_event_view_get_row_status (CmEventView *self,
                              guint        row)
{
  g_return_val_if_fail (CM_IS_EVENT_VIEW (self), NULL);

  if (self->bookings == NULL || row >= self->register_rows->len)
    return NULL;
  return ((CmBooking *) g_ptr_array_index (self->bookings, row))->status;
}

/**
 * cm_event_view_get_feedback_form:
 * @self: a #CmEventView
 *
 * Returns: (transfer none): the feedback form
 */
CmFeedbackForm *
cm_event_view_get_feedback_form (CmEventView *self)
{
  g_return_val_if_fail (CM_IS_EVENT_VIEW (self), NULL);

  return self->feedback_form;
}

/**
 * cm_event_view_focus_register:
 * @self: a #CmEventView
 *
 * Puts the focus on the register's first line, where keying starts, as
 * soon as the register has been read.
 */
void
cm_event_view_focus_register (CmEventView *self)
{
  g_return_if_fail (CM_IS_EVENT_VIEW (self));

  if (self->register_rows->len > 0 && self->reading == NULL)
    gtk_widget_grab_focus (g_ptr_array_index (self->register_rows, 0));
  else
    self->focus_pending = TRUE;
}

/**
 * cm_event_view_get_learner_rows:
 * @self: a #CmEventView
 * @out_ref: (out) (transfer none): the new learner's ref
 * @out_organisation: (out) (transfer none): their organisation, a combo row
 * @out_name: (out) (transfer none): their name
 * @out_email: (out) (transfer none): their email
 *
 * Gives the fields of a new learner.
 */
void
cm_event_view_get_learner_rows (CmEventView  *self,
                                GtkWidget   **out_ref,
                                GtkWidget   **out_organisation,
                                GtkWidget   **out_name,
                                GtkWidget   **out_email)
{
  g_return_if_fail (CM_IS_EVENT_VIEW (self));

  *out_ref = GTK_WIDGET (self->ref_row);
  *out_organisation = GTK_WIDGET (self->organisation_row);
  *out_name = GTK_WIDGET (self->name_row);
  *out_email = GTK_WIDGET (self->email_row);
}
