/* cm-commission-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cm-budget.h"

G_BEGIN_DECLS

#define CM_TYPE_COMMISSION_ITEM (cm_commission_item_get_type ())

G_DECLARE_FINAL_TYPE (CmCommissionItem, cm_commission_item, CM, COMMISSION_ITEM, GObject)

CmCommissionItem         *cm_commission_item_new            (const CmBudgetCommission *commission);
const CmBudgetCommission *cm_commission_item_get_commission (CmCommissionItem         *self);
gint64                    cm_commission_item_get_id         (CmCommissionItem         *self);
const char               *cm_commission_item_get_code       (CmCommissionItem         *self);
gboolean                  cm_commission_item_has_stream     (CmCommissionItem         *self,
                                                             const char               *stream_code);

G_END_DECLS
