/* cm-event-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cm-evaluation.h"

G_BEGIN_DECLS

#define CM_TYPE_EVENT_ITEM (cm_event_item_get_type ())

G_DECLARE_FINAL_TYPE (CmEventItem, cm_event_item, CM, EVENT_ITEM, GObject)

CmEventItem *cm_event_item_new_heading        (const char    *title,
                                               gint64         commission_id);
CmEventItem *cm_event_item_new_event          (const CmEvent *event,
                                               guint          overdue);
gboolean     cm_event_item_is_heading         (CmEventItem   *self);
gint64       cm_event_item_get_event_id       (CmEventItem   *self);
gint64       cm_event_item_get_commission_id  (CmEventItem   *self);
const char  *cm_event_item_get_title          (CmEventItem   *self);
const char  *cm_event_item_get_subtitle       (CmEventItem   *self);
const char  *cm_event_item_get_fill           (CmEventItem   *self);
const char  *cm_event_item_get_fill_tooltip   (CmEventItem   *self);
const char  *cm_event_item_get_dna            (CmEventItem   *self);
const char  *cm_event_item_get_dna_tooltip    (CmEventItem   *self);
const char  *cm_event_item_get_overdue        (CmEventItem   *self);
const char  *cm_event_item_get_overdue_tooltip (CmEventItem  *self);

G_END_DECLS
