/* cm-staff-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CM_TYPE_STAFF_GROUP (cm_staff_group_get_type ())

G_DECLARE_FINAL_TYPE (CmStaffGroup, cm_staff_group, CM, STAFF_GROUP, GObject)

CmStaffGroup *cm_staff_group_new                 (gint64        id,
                                                  const char   *name,
                                                  const char   *organisation,
                                                  const char   *sector,
                                                  gint64        headcount,
                                                  guint         turnover_bp);
gint64        cm_staff_group_get_id              (CmStaffGroup *self);
const char   *cm_staff_group_get_name            (CmStaffGroup *self);
void          cm_staff_group_set_name            (CmStaffGroup *self,
                                                  const char   *name);
const char   *cm_staff_group_get_organisation    (CmStaffGroup *self);
void          cm_staff_group_set_organisation    (CmStaffGroup *self,
                                                  const char   *organisation);
const char   *cm_staff_group_get_sector          (CmStaffGroup *self);
void          cm_staff_group_set_sector          (CmStaffGroup *self,
                                                  const char   *sector);
const char   *cm_staff_group_get_sector_label    (CmStaffGroup *self);
gint64        cm_staff_group_get_headcount       (CmStaffGroup *self);
void          cm_staff_group_set_headcount       (CmStaffGroup *self,
                                                  gint64        headcount);
guint         cm_staff_group_get_turnover_bp     (CmStaffGroup *self);
void          cm_staff_group_set_turnover_bp     (CmStaffGroup *self,
                                                  guint         turnover_bp);
char         *cm_staff_group_dup_turnover_label  (CmStaffGroup *self);

G_END_DECLS
