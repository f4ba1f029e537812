/* cm-evaluation-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-context.h"
#include "cm-evaluation-summary.h"
#include "cm-event-view.h"

G_BEGIN_DECLS

#define CM_TYPE_EVALUATION_PAGE (cm_evaluation_page_get_type ())

G_DECLARE_FINAL_TYPE (CmEvaluationPage, cm_evaluation_page, CM, EVALUATION_PAGE, GtkWidget)

CmContext           *cm_evaluation_page_get_context      (CmEvaluationPage *self);
void                 cm_evaluation_page_set_context      (CmEvaluationPage *self,
                                                          CmContext        *context);
int                  cm_evaluation_page_get_year         (CmEvaluationPage *self);
void                 cm_evaluation_page_set_year         (CmEvaluationPage *self,
                                                          int               year);
int                  cm_evaluation_page_get_half         (CmEvaluationPage *self);
void                 cm_evaluation_page_set_half         (CmEvaluationPage *self,
                                                          int               half);
GtkWidget           *cm_evaluation_page_get_status_page  (CmEvaluationPage *self);
const char          *cm_evaluation_page_get_visible_view (CmEvaluationPage *self);
int                  cm_evaluation_page_get_event_position (CmEvaluationPage *self,
                                                            const char       *code);
GtkListView         *cm_evaluation_page_get_events_view  (CmEvaluationPage *self);
guint                cm_evaluation_page_get_n_overdue    (CmEvaluationPage *self);
CmEventView         *cm_evaluation_page_get_event_view   (CmEvaluationPage *self);
CmEvaluationSummary *cm_evaluation_page_get_summary      (CmEvaluationPage *self);

G_END_DECLS
