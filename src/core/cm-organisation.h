/* cm-organisation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CM_TYPE_ORGANISATION (cm_organisation_get_type ())

G_DECLARE_FINAL_TYPE (CmOrganisation, cm_organisation, CM, ORGANISATION, GObject)

CmOrganisation *cm_organisation_new                (gint64          id,
                                                    const char     *name,
                                                    const char     *kind);
gint64          cm_organisation_get_id             (CmOrganisation *self);
const char     *cm_organisation_get_name           (CmOrganisation *self);
void            cm_organisation_set_name           (CmOrganisation *self,
                                                    const char     *name);
const char     *cm_organisation_get_kind           (CmOrganisation *self);
void            cm_organisation_set_kind           (CmOrganisation *self,
                                                    const char     *kind);
const char     *cm_organisation_get_kind_label     (CmOrganisation *self);
guint           cm_organisation_get_n_staff_groups (CmOrganisation *self);
void            cm_organisation_set_n_staff_groups (CmOrganisation *self,
                                                    guint           n_staff_groups);
gint64          cm_organisation_get_headcount      (CmOrganisation *self);
void            cm_organisation_set_headcount      (CmOrganisation *self,
                                                    gint64          headcount);

G_END_DECLS
