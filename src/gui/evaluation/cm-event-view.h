/* cm-event-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-context.h"
#include "cm-evaluation.h"
#include "cm-feedback-form.h"

G_BEGIN_DECLS

#define CM_TYPE_EVENT_VIEW (cm_event_view_get_type ())

G_DECLARE_FINAL_TYPE (CmEventView, cm_event_view, CM, EVENT_VIEW, GtkWidget)

void            cm_event_view_set_event         (CmEventView   *self,
                                                 CmContext     *context,
                                                 const CmEvent *event);
gint64          cm_event_view_get_event_id      (CmEventView   *self);
GtkListBox     *cm_event_view_get_register      (CmEventView   *self);
const char     *cm_event_view_get_row_status    (CmEventView   *self,
                                                 guint          row);
CmFeedbackForm *cm_event_view_get_feedback_form (CmEventView   *self);
void            cm_event_view_focus_register    (CmEventView   *self);
void            cm_event_view_get_learner_rows  (CmEventView   *self,
                                                 GtkWidget    **out_ref,
                                                 GtkWidget    **out_organisation,
                                                 GtkWidget    **out_name,
                                                 GtkWidget    **out_email);

G_END_DECLS
