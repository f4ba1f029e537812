/* cm-what-if-view.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-context.h"
#include "cm-what-if-row.h"

G_BEGIN_DECLS

#define CM_TYPE_WHAT_IF_VIEW (cm_what_if_view_get_type ())
G_DECLARE_FINAL_TYPE (CmWhatIfView, cm_what_if_view, CM, WHAT_IF_VIEW, GtkWidget)

void                cm_what_if_view_set_context  (CmWhatIfView *self,
                                                  CmContext    *context);
void                cm_what_if_view_set_year     (CmWhatIfView *self,
                                                  int           year);
/* For tests: the row of stream @code, and the plan shown (NULL while reading). */
CmWhatIfRow        *cm_what_if_view_get_row      (CmWhatIfView *self,
                                                  const char   *code);
const CmWhatIfPlan *cm_what_if_view_get_plan     (CmWhatIfView *self);
/* "YOUTH-CAMH DH-NVQ2": the deferred commissions listed, in order. */
char               *cm_what_if_view_get_deferred_text (CmWhatIfView *self);
GtkEntry           *cm_what_if_view_get_name_entry (CmWhatIfView *self);
/* "loading", "empty" or "plan". */
const char         *cm_what_if_view_get_state    (CmWhatIfView *self);

G_END_DECLS
