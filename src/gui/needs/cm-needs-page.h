/* cm-needs-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-context.h"
#include "cm-needs-wizard.h"

G_BEGIN_DECLS

#define CM_TYPE_NEEDS_PAGE (cm_needs_page_get_type ())

G_DECLARE_FINAL_TYPE (CmNeedsPage, cm_needs_page, CM, NEEDS_PAGE, GtkWidget)

CmContext     *cm_needs_page_get_context            (CmNeedsPage *self);
void           cm_needs_page_set_context            (CmNeedsPage *self,
                                                     CmContext   *context);
const char    *cm_needs_page_get_state              (CmNeedsPage *self);
GtkColumnView *cm_needs_page_get_staff_groups_view  (CmNeedsPage *self);
GtkColumnView *cm_needs_page_get_organisations_view (CmNeedsPage *self);
const char    *cm_needs_page_get_summary            (CmNeedsPage *self);
CmNeedsWizard *cm_needs_page_get_wizard             (CmNeedsPage *self);

G_END_DECLS
