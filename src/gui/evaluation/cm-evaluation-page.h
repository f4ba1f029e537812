/* cm-evaluation-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-context.h"

G_BEGIN_DECLS

#define CM_TYPE_EVALUATION_PAGE (cm_evaluation_page_get_type ())

G_DECLARE_FINAL_TYPE (CmEvaluationPage, cm_evaluation_page, CM, EVALUATION_PAGE, GtkWidget)

CmContext *cm_evaluation_page_get_context     (CmEvaluationPage *self);
void       cm_evaluation_page_set_context     (CmEvaluationPage *self,
                                        CmContext    *context);
GtkWidget *cm_evaluation_page_get_status_page (CmEvaluationPage *self);

G_END_DECLS
