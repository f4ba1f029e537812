/* cm-competency.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-core"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-competency.h"
#include "cm-domain.h"

/* A competency of the catalogue as lists show it: what a course delivers,
 * with the ratings the priority is made of and its default delivery. */
struct _CmCompetency
{
  GObject  parent_instance;

  gint64   id;
  char    *code;
  char    *name;
  char    *category;
  gboolean mandatory;
  int      risk;
  int      strategic;
  gint64   half_days;
  gint64   capacity;
};

G_DEFINE_FINAL_TYPE (CmCompetency, cm_competency, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_CATEGORY,
  PROP_CATEGORY_LABEL,
  PROP_MANDATORY,
  PROP_RISK,
  PROP_STRATEGIC,
  PROP_HALF_DAYS,
  PROP_CAPACITY,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cm_competency_finalize (GObject *object)
{
  CmCompetency *self = (CmCompetency *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->category, g_free);

  G_OBJECT_CLASS (cm_competency_parent_class)->finalize (object);
}

static void
cm_competency_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CmCompetency *self = CM_COMPETENCY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;

    case PROP_CATEGORY_LABEL:
      g_value_set_string (value, cm_competency_get_category_label (self));
      break;

    case PROP_MANDATORY:
      g_value_set_boolean (value, self->mandatory);
      break;

    case PROP_RISK:
      g_value_set_int (value, self->risk);
      break;

    case PROP_STRATEGIC:
      g_value_set_int (value, self->strategic);
      break;

    case PROP_HALF_DAYS:
      g_value_set_int64 (value, self->half_days);
      break;

    case PROP_CAPACITY:
      g_value_set_int64 (value, self->capacity);
      break;

    case PROP_LABEL:
      g_value_take_string (value, cm_competency_dup_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_competency_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CmCompetency *self = CM_COMPETENCY (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_CODE:
      self->code = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_CATEGORY:
      self->category = g_value_dup_string (value);
      break;

    case PROP_MANDATORY:
      self->mandatory = g_value_get_boolean (value);
      break;

    case PROP_RISK:
      self->risk = g_value_get_int (value);
      break;

    case PROP_STRATEGIC:
      self->strategic = g_value_get_int (value);
      break;

    case PROP_HALF_DAYS:
      self->half_days = g_value_get_int64 (value);
      break;

    case PROP_CAPACITY:
      self->capacity = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_competency_class_init (CmCompetencyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags derived = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cm_competency_finalize;
  object_class->get_property = cm_competency_get_property;
  object_class->set_property = cm_competency_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, construct);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, construct);
  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, NULL, construct);
  properties[PROP_CATEGORY_LABEL] =
    g_param_spec_string ("category-label", NULL, NULL, NULL, derived);
  properties[PROP_MANDATORY] =
    g_param_spec_boolean ("mandatory", NULL, NULL, FALSE, construct);
  properties[PROP_RISK] =
    g_param_spec_int ("risk", NULL, NULL, 1, 3, 1, construct);
  properties[PROP_STRATEGIC] =
    g_param_spec_int ("strategic", NULL, NULL, 0, 2, 0, construct);
  properties[PROP_HALF_DAYS] =
    g_param_spec_int64 ("half-days", NULL, NULL, 0, G_MAXINT64, 2, construct);
  properties[PROP_CAPACITY] =
    g_param_spec_int64 ("capacity", NULL, NULL, 0, G_MAXINT64, 20, construct);
  /* "SG-B — Safeguarding children Level B…", for lists and drop-downs. */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, derived);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_competency_init (CmCompetency *self)
{
  self->risk = 1;
  self->half_days = 2;
  self->capacity = 20;
}

/**
 * cm_competency_new:
 * @id: the database id
 * @code: the unique code, such as "SG-B"
 * @name: what it is called
 * @category: a category id, such as "safeguarding"
 * @mandatory: whether the competency is mandatory
 * @risk: the risk rating, 1 to 3
 * @strategic: the strategic rating, 0 to 2
 * @half_days: the default length of one event in half days
 * @capacity: the default number of places on one event
 *
 * Returns: (transfer full): a new #CmCompetency
 */
CmCompetency *
cm_competency_new (gint64      id,
                   const char *code,
                   const char *name,
                   const char *category,
                   gboolean    mandatory,
                   int         risk,
                   int         strategic,
                   gint64      half_days,
                   gint64      capacity)
{
  return g_object_new (CM_TYPE_COMPETENCY,
                       "id", id,
                       "code", code,
                       "name", name,
                       "category", category,
                       "mandatory", mandatory,
                       "risk", CLAMP (risk, 1, 3),
                       "strategic", CLAMP (strategic, 0, 2),
                       "half-days", MAX (half_days, 0),
                       "capacity", MAX (capacity, 0),
                       NULL);
}

/**
 * cm_competency_get_id:
 * @self: a #CmCompetency
 *
 * Returns: the database id
 */
gint64
cm_competency_get_id (CmCompetency *self)
{
  g_return_val_if_fail (CM_IS_COMPETENCY (self), 0);

  return self->id;
}

/**
 * cm_competency_get_code:
 * @self: a #CmCompetency
 *
 * Returns: the unique code
 */
const char *
cm_competency_get_code (CmCompetency *self)
{
  g_return_val_if_fail (CM_IS_COMPETENCY (self), NULL);

  return self->code;
}

/**
 * cm_competency_get_name:
 * @self: a #CmCompetency
 *
 * Returns: the name
 */
const char *
cm_competency_get_name (CmCompetency *self)
{
  g_return_val_if_fail (CM_IS_COMPETENCY (self), NULL);

  return self->name;
}

/**
 * cm_competency_get_category:
 * @self: a #CmCompetency
 *
 * Returns: the category id
 */
const char *
cm_competency_get_category (CmCompetency *self)
{
  g_return_val_if_fail (CM_IS_COMPETENCY (self), NULL);

  return self->category;
}

/**
 * cm_competency_get_category_label:
 * @self: a #CmCompetency
 *
 * Returns: the category as people read it
 */
const char *
cm_competency_get_category_label (CmCompetency *self)
{
  g_return_val_if_fail (CM_IS_COMPETENCY (self), NULL);

  return cm_domain_label (CM_DOMAIN_CATEGORY, self->category);
}

/**
 * cm_competency_get_mandatory:
 * @self: a #CmCompetency
 *
 * Returns: whether the competency is mandatory
 */
gboolean
cm_competency_get_mandatory (CmCompetency *self)
{
  g_return_val_if_fail (CM_IS_COMPETENCY (self), FALSE);

  return self->mandatory;
}

/**
 * cm_competency_get_risk:
 * @self: a #CmCompetency
 *
 * Returns: the risk rating, 1 to 3
 */
int
cm_competency_get_risk (CmCompetency *self)
{
  g_return_val_if_fail (CM_IS_COMPETENCY (self), 1);

  return self->risk;
}

/**
 * cm_competency_get_strategic:
 * @self: a #CmCompetency
 *
 * Returns: the strategic rating, 0 to 2
 */
int
cm_competency_get_strategic (CmCompetency *self)
{
  g_return_val_if_fail (CM_IS_COMPETENCY (self), 0);

  return self->strategic;
}

/**
 * cm_competency_get_half_days:
 * @self: a #CmCompetency
 *
 * Returns: the default length of an event in half days
 */
gint64
cm_competency_get_half_days (CmCompetency *self)
{
  g_return_val_if_fail (CM_IS_COMPETENCY (self), 0);

  return self->half_days;
}

/**
 * cm_competency_get_capacity:
 * @self: a #CmCompetency
 *
 * Returns: the default number of places on an event
 */
gint64
cm_competency_get_capacity (CmCompetency *self)
{
  g_return_val_if_fail (CM_IS_COMPETENCY (self), 0);

  return self->capacity;
}

/**
 * cm_competency_dup_label:
 * @self: a #CmCompetency
 *
 * Returns: (transfer full): the code and the name, for lists
 */
char *
cm_competency_dup_label (CmCompetency *self)
{
  g_return_val_if_fail (CM_IS_COMPETENCY (self), NULL);

  /* Translators: a competency in a list: its code, then its name */
  return g_strdup_printf (_("%s — %s"), self->code, self->name);
}
