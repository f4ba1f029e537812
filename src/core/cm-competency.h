/* cm-competency.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CM_TYPE_COMPETENCY (cm_competency_get_type ())

G_DECLARE_FINAL_TYPE (CmCompetency, cm_competency, CM, COMPETENCY, GObject)

CmCompetency *cm_competency_new                (gint64        id,
                                                const char   *code,
                                                const char   *name,
                                                const char   *category,
                                                gboolean      mandatory,
                                                int           risk,
                                                int           strategic,
                                                gint64        half_days,
                                                gint64        capacity);
gint64        cm_competency_get_id             (CmCompetency *self);
const char   *cm_competency_get_code           (CmCompetency *self);
const char   *cm_competency_get_name           (CmCompetency *self);
const char   *cm_competency_get_category       (CmCompetency *self);
const char   *cm_competency_get_category_label (CmCompetency *self);
gboolean      cm_competency_get_mandatory      (CmCompetency *self);
int           cm_competency_get_risk           (CmCompetency *self);
int           cm_competency_get_strategic      (CmCompetency *self);
gint64        cm_competency_get_half_days      (CmCompetency *self);
gint64        cm_competency_get_capacity       (CmCompetency *self);
char         *cm_competency_dup_label          (CmCompetency *self);

G_END_DECLS
