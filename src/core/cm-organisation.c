/* cm-organisation.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-core"

#include "config.h"

#include "cm-domain.h"
#include "cm-organisation.h"

/* One organisation of the partnership, with the size of its workforce as
 * recorded in its staff groups. A plain value object for list models. */
struct _CmOrganisation
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *kind;
  guint    n_staff_groups;
  gint64   headcount;
};

G_DEFINE_FINAL_TYPE (CmOrganisation, cm_organisation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_KIND_LABEL,
  PROP_N_STAFF_GROUPS,
  PROP_HEADCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cm_organisation_finalize (GObject *object)
{
  CmOrganisation *self = (CmOrganisation *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->kind, g_free);

  G_OBJECT_CLASS (cm_organisation_parent_class)->finalize (object);
}

static void
cm_organisation_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CmOrganisation *self = CM_ORGANISATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_KIND_LABEL:
      g_value_set_string (value, cm_organisation_get_kind_label (self));
      break;

    case PROP_N_STAFF_GROUPS:
      g_value_set_uint (value, self->n_staff_groups);
      break;

    case PROP_HEADCOUNT:
      g_value_set_int64 (value, self->headcount);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_organisation_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CmOrganisation *self = CM_ORGANISATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_NAME:
      cm_organisation_set_name (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      cm_organisation_set_kind (self, g_value_get_string (value));
      break;

    case PROP_N_STAFF_GROUPS:
      cm_organisation_set_n_staff_groups (self, g_value_get_uint (value));
      break;

    case PROP_HEADCOUNT:
      cm_organisation_set_headcount (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_organisation_class_init (CmOrganisationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cm_organisation_finalize;
  object_class->get_property = cm_organisation_get_property;
  object_class->set_property = cm_organisation_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_KIND_LABEL] =
    g_param_spec_string ("kind-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_STAFF_GROUPS] =
    g_param_spec_uint ("n-staff-groups", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_HEADCOUNT] =
    g_param_spec_int64 ("headcount", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_organisation_init (CmOrganisation *self)
{
}

/**
 * cm_organisation_new:
 * @id: the database id
 * @name: the organisation's unique name
 * @kind: an organisation kind id, such as "statutory"
 *
 * Returns: (transfer full): a new #CmOrganisation with no staff groups
 */
CmOrganisation *
cm_organisation_new (gint64      id,
                     const char *name,
                     const char *kind)
{
  return g_object_new (CM_TYPE_ORGANISATION,
                       "id", id,
                       "name", name,
                       "kind", kind,
                       NULL);
}

/**
 * cm_organisation_get_id:
 * @self: a #CmOrganisation
 *
 * Returns: the database id
 */
gint64
cm_organisation_get_id (CmOrganisation *self)
{
  g_return_val_if_fail (CM_IS_ORGANISATION (self), 0);

  return self->id;
}

/**
 * cm_organisation_get_name:
 * @self: a #CmOrganisation
 *
 * Returns: the organisation's name
 */
const char *
cm_organisation_get_name (CmOrganisation *self)
{
  g_return_val_if_fail (CM_IS_ORGANISATION (self), NULL);

  return self->name;
}

/**
 * cm_organisation_set_name:
 * @self: a #CmOrganisation
 * @name: the new name
 *
 * Sets the name.
 */
void
cm_organisation_set_name (CmOrganisation *self,
                          const char     *name)
{
  g_return_if_fail (CM_IS_ORGANISATION (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * cm_organisation_get_kind:
 * @self: a #CmOrganisation
 *
 * Returns: the organisation kind id, such as "voluntary"
 */
const char *
cm_organisation_get_kind (CmOrganisation *self)
{
  g_return_val_if_fail (CM_IS_ORGANISATION (self), NULL);

  return self->kind;
}

/**
 * cm_organisation_set_kind:
 * @self: a #CmOrganisation
 * @kind: an organisation kind id
 *
 * Sets the kind, and with it the kind label.
 */
void
cm_organisation_set_kind (CmOrganisation *self,
                          const char     *kind)
{
  g_return_if_fail (CM_IS_ORGANISATION (self));

  if (g_strcmp0 (self->kind, kind) == 0)
    return;

  g_free (self->kind);
  self->kind = g_strdup (kind);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND_LABEL]);
}

/**
 * cm_organisation_get_kind_label:
 * @self: a #CmOrganisation
 *
 * Returns: the translated name of the kind, such as "Voluntary"
 */
const char *
cm_organisation_get_kind_label (CmOrganisation *self)
{
  g_return_val_if_fail (CM_IS_ORGANISATION (self), NULL);

  return cm_domain_label (CM_DOMAIN_ORGANISATION_KIND, self->kind);
}

/**
 * cm_organisation_get_n_staff_groups:
 * @self: a #CmOrganisation
 *
 * Returns: how many staff groups belong to the organisation
 */
guint
cm_organisation_get_n_staff_groups (CmOrganisation *self)
{
  g_return_val_if_fail (CM_IS_ORGANISATION (self), 0);

  return self->n_staff_groups;
}

/**
 * cm_organisation_set_n_staff_groups:
 * @self: a #CmOrganisation
 * @n_staff_groups: the number of staff groups
 *
 * Sets the number of staff groups.
 */
void
cm_organisation_set_n_staff_groups (CmOrganisation *self,
                                    guint           n_staff_groups)
{
  g_return_if_fail (CM_IS_ORGANISATION (self));

  if (self->n_staff_groups != n_staff_groups)
    {
      self->n_staff_groups = n_staff_groups;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STAFF_GROUPS]);
    }
}

/**
 * cm_organisation_get_headcount:
 * @self: a #CmOrganisation
 *
 * Returns: the headcount summed over the organisation's staff groups
 */
gint64
cm_organisation_get_headcount (CmOrganisation *self)
{
  g_return_val_if_fail (CM_IS_ORGANISATION (self), 0);

  return self->headcount;
}

/**
 * cm_organisation_set_headcount:
 * @self: a #CmOrganisation
 * @headcount: the total headcount
 *
 * Sets the total headcount.
 */
void
cm_organisation_set_headcount (CmOrganisation *self,
                               gint64          headcount)
{
  g_return_if_fail (CM_IS_ORGANISATION (self));
  g_return_if_fail (headcount >= 0);

  if (self->headcount != headcount)
    {
      self->headcount = headcount;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADCOUNT]);
    }
}
