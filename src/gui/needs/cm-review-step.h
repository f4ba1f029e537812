/* cm-review-step.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cm-heatmap.h"

G_BEGIN_DECLS

#define CM_TYPE_REVIEW_STEP (cm_review_step_get_type ())

G_DECLARE_FINAL_TYPE (CmReviewStep, cm_review_step, CM, REVIEW_STEP, GtkWidget)

CmHeatmap  *cm_review_step_get_heatmap (CmReviewStep *self);
GListModel *cm_review_step_get_ranking (CmReviewStep *self);

G_END_DECLS
