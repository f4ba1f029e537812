/* cm-needs-item.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cm-needs.h"

G_BEGIN_DECLS

#define CM_TYPE_NEEDS_ITEM (cm_needs_item_get_type ())

G_DECLARE_FINAL_TYPE (CmNeedsItem, cm_needs_item, CM, NEEDS_ITEM, GObject)

CmNeedsItem             *cm_needs_item_new_line        (const CmNeedsLine       *line);
CmNeedsItem             *cm_needs_item_new_competency  (const CmNeedsCompetency *competency,
                                                        guint                    rank);
CmNeedsLine             *cm_needs_item_get_line        (CmNeedsItem             *self);
const CmNeedsCompetency *cm_needs_item_get_competency  (CmNeedsItem             *self);
guint                    cm_needs_item_get_rank        (CmNeedsItem             *self);
void                     cm_needs_item_line_changed    (CmNeedsItem             *self);
gboolean                 cm_needs_item_get_checked     (CmNeedsItem             *self);
void                     cm_needs_item_set_checked     (CmNeedsItem             *self,
                                                        gboolean                 checked);
const char              *cm_needs_item_get_note        (CmNeedsItem             *self);
void                     cm_needs_item_set_note        (CmNeedsItem             *self,
                                                        const char              *note);

G_END_DECLS
