/* cm-staff-group.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-core"

#include "config.h"

#include "cm-domain.h"
#include "cm-staff-group.h"

/* A group of similar posts, such as "Nursery practitioners, PVI settings".
 * Turnover is kept in basis points, as in the database. */
struct _CmStaffGroup
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *organisation;
  char    *sector;
  gint64   headcount;
  guint    turnover_bp;
};

G_DEFINE_FINAL_TYPE (CmStaffGroup, cm_staff_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ORGANISATION,
  PROP_SECTOR,
  PROP_SECTOR_LABEL,
  PROP_HEADCOUNT,
  PROP_TURNOVER_BP,
  PROP_TURNOVER_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Returns TRUE when *@field changed. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
cm_staff_group_finalize (GObject *object)
{
  CmStaffGroup *self = (CmStaffGroup *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->sector, g_free);

  G_OBJECT_CLASS (cm_staff_group_parent_class)->finalize (object);
}

static void
cm_staff_group_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CmStaffGroup *self = CM_STAFF_GROUP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ORGANISATION:
      g_value_set_string (value, self->organisation);
      break;

    case PROP_SECTOR:
      g_value_set_string (value, self->sector);
      break;

    case PROP_SECTOR_LABEL:
      g_value_set_string (value, cm_staff_group_get_sector_label (self));
      break;

    case PROP_HEADCOUNT:
      g_value_set_int64 (value, self->headcount);
      break;

    case PROP_TURNOVER_BP:
      g_value_set_uint (value, self->turnover_bp);
      break;

    case PROP_TURNOVER_LABEL:
      g_value_take_string (value, cm_staff_group_dup_turnover_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_staff_group_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CmStaffGroup *self = CM_STAFF_GROUP (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_NAME:
      cm_staff_group_set_name (self, g_value_get_string (value));
      break;

    case PROP_ORGANISATION:
      cm_staff_group_set_organisation (self, g_value_get_string (value));
      break;

    case PROP_SECTOR:
      cm_staff_group_set_sector (self, g_value_get_string (value));
      break;

    case PROP_HEADCOUNT:
      cm_staff_group_set_headcount (self, g_value_get_int64 (value));
      break;

    case PROP_TURNOVER_BP:
      cm_staff_group_set_turnover_bp (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_staff_group_class_init (CmStaffGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cm_staff_group_finalize;
  object_class->get_property = cm_staff_group_get_property;
  object_class->set_property = cm_staff_group_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* The owning organisation's name, which is unique. */
  properties[PROP_ORGANISATION] =
    g_param_spec_string ("organisation", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_SECTOR] =
    g_param_spec_string ("sector", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_SECTOR_LABEL] =
    g_param_spec_string ("sector-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_HEADCOUNT] =
    g_param_spec_int64 ("headcount", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_TURNOVER_BP] =
    g_param_spec_uint ("turnover-bp", NULL, NULL,
                       0, 10000, 1100,
                       (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_TURNOVER_LABEL] =
    g_param_spec_string ("turnover-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_staff_group_init (CmStaffGroup *self)
{
  self->turnover_bp = 1100;
}

/**
 * cm_staff_group_new:
 * @id: the database id
 * @name: the staff group's unique name
 * @organisation: the name of the organisation it belongs to
 * @sector: a sector id, such as "early-years"
 * @headcount: the number of staff
 * @turnover_bp: annual turnover in basis points (1100 is 11%)
 *
 * Returns: (transfer full): a new #CmStaffGroup
 */
CmStaffGroup *
cm_staff_group_new (gint64      id,
                    const char *name,
                    const char *organisation,
                    const char *sector,
                    gint64      headcount,
                    guint       turnover_bp)
{
  return g_object_new (CM_TYPE_STAFF_GROUP,
                       "id", id,
                       "name", name,
                       "organisation", organisation,
                       "sector", sector,
                       "headcount", headcount,
                       "turnover-bp", turnover_bp,
                       NULL);
}

/**
 * cm_staff_group_get_id:
 * @self: a #CmStaffGroup
 *
 * Returns: the database id
 */
gint64
cm_staff_group_get_id (CmStaffGroup *self)
{
  g_return_val_if_fail (CM_IS_STAFF_GROUP (self), 0);

  return self->id;
}

/**
 * cm_staff_group_get_name:
 * @self: a #CmStaffGroup
 *
 * Returns: the staff group's name
 */
const char *
cm_staff_group_get_name (CmStaffGroup *self)
{
  g_return_val_if_fail (CM_IS_STAFF_GROUP (self), NULL);

  return self->name;
}

/**
 * cm_staff_group_set_name:
 * @self: a #CmStaffGroup
 * @name: the new name
 *
 * Sets the name.
 */
void
cm_staff_group_set_name (CmStaffGroup *self,
                         const char   *name)
{
  g_return_if_fail (CM_IS_STAFF_GROUP (self));

  if (replace_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * cm_staff_group_get_organisation:
 * @self: a #CmStaffGroup
 *
 * Returns: the name of the organisation the group belongs to
 */
const char *
cm_staff_group_get_organisation (CmStaffGroup *self)
{
  g_return_val_if_fail (CM_IS_STAFF_GROUP (self), NULL);

  return self->organisation;
}

/**
 * cm_staff_group_set_organisation:
 * @self: a #CmStaffGroup
 * @organisation: an organisation's name
 *
 * Sets the organisation's name.
 */
void
cm_staff_group_set_organisation (CmStaffGroup *self,
                                 const char   *organisation)
{
  g_return_if_fail (CM_IS_STAFF_GROUP (self));

  if (replace_string (&self->organisation, organisation))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANISATION]);
}

/**
 * cm_staff_group_get_sector:
 * @self: a #CmStaffGroup
 *
 * Returns: the sector id, such as "social-care"
 */
const char *
cm_staff_group_get_sector (CmStaffGroup *self)
{
  g_return_val_if_fail (CM_IS_STAFF_GROUP (self), NULL);

  return self->sector;
}

/**
 * cm_staff_group_set_sector:
 * @self: a #CmStaffGroup
 * @sector: a sector id
 *
 * Sets the sector, and with it the sector label.
 */
void
cm_staff_group_set_sector (CmStaffGroup *self,
                           const char   *sector)
{
  g_return_if_fail (CM_IS_STAFF_GROUP (self));

  if (replace_string (&self->sector, sector))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTOR]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTOR_LABEL]);
    }
}

/**
 * cm_staff_group_get_sector_label:
 * @self: a #CmStaffGroup
 *
 * Returns: the translated name of the sector, such as "Social care"
 */
const char *
cm_staff_group_get_sector_label (CmStaffGroup *self)
{
  g_return_val_if_fail (CM_IS_STAFF_GROUP (self), NULL);

  return cm_domain_label (CM_DOMAIN_SECTOR, self->sector);
}

/**
 * cm_staff_group_get_headcount:
 * @self: a #CmStaffGroup
 *
 * Returns: the number of staff in the group
 */
gint64
cm_staff_group_get_headcount (CmStaffGroup *self)
{
  g_return_val_if_fail (CM_IS_STAFF_GROUP (self), 0);

  return self->headcount;
}

/**
 * cm_staff_group_set_headcount:
 * @self: a #CmStaffGroup
 * @headcount: the number of staff
 *
 * Sets the headcount.
 */
void
cm_staff_group_set_headcount (CmStaffGroup *self,
                              gint64        headcount)
{
  g_return_if_fail (CM_IS_STAFF_GROUP (self));
  g_return_if_fail (headcount >= 0);

  if (self->headcount != headcount)
    {
      self->headcount = headcount;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADCOUNT]);
    }
}

/**
 * cm_staff_group_get_turnover_bp:
 * @self: a #CmStaffGroup
 *
 * Returns: annual turnover in basis points
 */
guint
cm_staff_group_get_turnover_bp (CmStaffGroup *self)
{
  g_return_val_if_fail (CM_IS_STAFF_GROUP (self), 0);

  return self->turnover_bp;
}

/**
 * cm_staff_group_set_turnover_bp:
 * @self: a #CmStaffGroup
 * @turnover_bp: annual turnover in basis points, at most 10000
 *
 * Sets the turnover, and with it the turnover label.
 */
void
cm_staff_group_set_turnover_bp (CmStaffGroup *self,
                                guint         turnover_bp)
{
  g_return_if_fail (CM_IS_STAFF_GROUP (self));
  g_return_if_fail (turnover_bp <= 10000);

  if (self->turnover_bp != turnover_bp)
    {
      self->turnover_bp = turnover_bp;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TURNOVER_BP]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TURNOVER_LABEL]);
    }
}

/**
 * cm_staff_group_dup_turnover_label:
 * @self: a #CmStaffGroup
 *
 * Formats the turnover with as few decimals as it needs: "11%",
 * "12.5%", "12.25%".
 *
 * Returns: (transfer full): the turnover as shown
 */
char *
cm_staff_group_dup_turnover_label (CmStaffGroup *self)
{
  guint whole;
  guint hundredths;

  g_return_val_if_fail (CM_IS_STAFF_GROUP (self), NULL);

  whole = self->turnover_bp / 100;
  hundredths = self->turnover_bp % 100;

  if (hundredths == 0)
    return g_strdup_printf ("%u%%", whole);
  else if (hundredths % 10 == 0)
    return g_strdup_printf ("%u.%u%%", whole, hundredths / 10);
  else
    return g_strdup_printf ("%u.%02u%%", whole, hundredths);
}
