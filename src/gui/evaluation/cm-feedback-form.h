/* cm-feedback-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-context.h"

G_BEGIN_DECLS

#define CM_TYPE_FEEDBACK_FORM (cm_feedback_form_get_type ())

G_DECLARE_FINAL_TYPE (CmFeedbackForm, cm_feedback_form, CM, FEEDBACK_FORM, GtkWidget)

void        cm_feedback_form_set_event   (CmFeedbackForm *self,
                                          CmContext      *context,
                                          gint64          event_id,
                                          GPtrArray      *bookings);
int         cm_feedback_form_get_rating  (CmFeedbackForm *self,
                                          guint           question);
guint       cm_feedback_form_get_n_saved (CmFeedbackForm *self);
void        cm_feedback_form_focus_first (CmFeedbackForm *self);
GtkWidget  *cm_feedback_form_get_learner_entry (CmFeedbackForm *self);
const char *cm_feedback_form_get_message (CmFeedbackForm *self);

G_END_DECLS
