/* cm-gradual-model.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CM_TYPE_GRADUAL_MODEL (cm_gradual_model_get_type ())

G_DECLARE_FINAL_TYPE (CmGradualModel, cm_gradual_model, CM, GRADUAL_MODEL, GObject)

CmGradualModel *cm_gradual_model_new       (GListModel     *model);
GListModel     *cm_gradual_model_get_model (CmGradualModel *self);

G_END_DECLS
