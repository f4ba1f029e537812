/* cm-commission-item.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-core"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-commission-item.h"
#include "cm-domain.h"
#include "cm-fiscal.h"

/* One commission in the commissions list. The properties are what the
 * columns show and sort on; the struct from cm-budget stays inside. */
struct _CmCommissionItem
{
  GObject             parent_instance;

  CmBudgetCommission *commission;
  char               *cycle;
};

G_DEFINE_FINAL_TYPE (CmCommissionItem, cm_commission_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_TITLE,
  PROP_CYCLE,
  PROP_CYCLE_KEY,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_STATUS_RANK,
  PROP_PLANNED,
  PROP_FUNDED,
  PROP_UNFUNDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
status_rank (const char *status)
{
  const char * const *statuses = cm_domain_values (CM_DOMAIN_COMMISSION_STATUS);

  for (int i = 0; statuses[i] != NULL; i++)
    if (g_strcmp0 (statuses[i], status) == 0)
      return i;

  return G_MAXINT;
}

static void
cm_commission_item_finalize (GObject *object)
{
  CmCommissionItem *self = (CmCommissionItem *)object;

  g_clear_pointer (&self->commission, cm_budget_commission_free);
  g_clear_pointer (&self->cycle, g_free);

  G_OBJECT_CLASS (cm_commission_item_parent_class)->finalize (object);
}

static void
cm_commission_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CmCommissionItem *self = CM_COMMISSION_ITEM (object);
  const CmBudgetCommission *commission = self->commission;

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, commission->code);
      break;

    case PROP_TITLE:
      g_value_set_string (value, commission->title);
      break;

    case PROP_CYCLE:
      g_value_set_string (value, self->cycle);
      break;

    case PROP_CYCLE_KEY:
      g_value_set_int (value, commission->year * 10 + commission->half);
      break;

    case PROP_STATUS:
      g_value_set_string (value, commission->status);
      break;

    case PROP_STATUS_LABEL:
      g_value_set_string (value, cm_domain_label (CM_DOMAIN_COMMISSION_STATUS, commission->status));
      break;

    case PROP_STATUS_RANK:
      g_value_set_int (value, status_rank (commission->status));
      break;

    case PROP_PLANNED:
      g_value_set_int64 (value, commission->planned_pence);
      break;

    case PROP_FUNDED:
      g_value_set_int64 (value, commission->funded_pence);
      break;

    case PROP_UNFUNDED:
      g_value_set_int64 (value, commission->unfunded_pence);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_commission_item_class_init (CmCommissionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cm_commission_item_finalize;
  object_class->get_property = cm_commission_item_get_property;

  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_CYCLE] = g_param_spec_string ("cycle", NULL, NULL, NULL, flags);
  properties[PROP_CYCLE_KEY] = g_param_spec_int ("cycle-key", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_RANK] = g_param_spec_int ("status-rank", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_PLANNED] = g_param_spec_int64 ("planned", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_FUNDED] = g_param_spec_int64 ("funded", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_UNFUNDED] = g_param_spec_int64 ("unfunded", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_commission_item_init (CmCommissionItem *self)
{
}

/**
 * cm_commission_item_new:
 * @commission: a commission read from cm-budget
 *
 * Returns: (transfer full): an item holding a copy of @commission
 */
CmCommissionItem *
cm_commission_item_new (const CmBudgetCommission *commission)
{
  CmCommissionItem *self;

  g_return_val_if_fail (commission != NULL, NULL);

  self = g_object_new (CM_TYPE_COMMISSION_ITEM, NULL);
  self->commission = cm_budget_commission_copy (commission);
  self->cycle = cm_fiscal_cycle_label (commission->year, commission->half);

  return self;
}

/**
 * cm_commission_item_get_commission:
 * @self: a #CmCommissionItem
 *
 * Returns: (transfer none): the commission
 */
const CmBudgetCommission *
cm_commission_item_get_commission (CmCommissionItem *self)
{
  g_return_val_if_fail (CM_IS_COMMISSION_ITEM (self), NULL);

  return self->commission;
}

/**
 * cm_commission_item_get_id:
 * @self: a #CmCommissionItem
 *
 * Returns: the commission's id
 */
gint64
cm_commission_item_get_id (CmCommissionItem *self)
{
  g_return_val_if_fail (CM_IS_COMMISSION_ITEM (self), 0);

  return self->commission->id;
}

/**
 * cm_commission_item_get_code:
 * @self: a #CmCommissionItem
 *
 * Returns: the commission's code
 */
const char *
cm_commission_item_get_code (CmCommissionItem *self)
{
  g_return_val_if_fail (CM_IS_COMMISSION_ITEM (self), NULL);

  return self->commission->code;
}

/**
 * cm_commission_item_has_stream:
 * @self: a #CmCommissionItem
 * @stream_code: a stream's code
 *
 * Returns: whether the commission has a split on that stream
 */
gboolean
cm_commission_item_has_stream (CmCommissionItem *self,
                               const char       *stream_code)
{
  g_return_val_if_fail (CM_IS_COMMISSION_ITEM (self), FALSE);

  for (guint i = 0; i < self->commission->splits->len; i++)
    {
      const CmBudgetSplit *split = g_ptr_array_index (self->commission->splits, i);

      if (g_strcmp0 (split->stream_code, stream_code) == 0)
        return TRUE;
    }

  return FALSE;
}
