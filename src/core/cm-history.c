/* cm-history.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cm-history.h"

/**
 * CmHistory:
 *
 * The actions that Undo and Redo can take back and make again, newest
 * last, for one connection. Each is a #CmUndoStep recorded while the
 * action wrote. A new action forgets what could be redone.
 */
struct _CmHistory
{
  GObject    parent_instance;

  CmDb      *db;
  GPtrArray *undo;   /* of CmUndoStep, newest last */
  GPtrArray *redo;   /* of CmUndoStep, newest last */
  GArray    *undo_serials;  /* of guint64, beside undo: which push each was */
  guint64    last_serial;
};

G_DEFINE_FINAL_TYPE (CmHistory, cm_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify_all (CmHistory *self)
{
  for (guint i = PROP_CAN_UNDO; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}

static void
cm_history_finalize (GObject *object)
{
  CmHistory *self = CM_HISTORY (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->undo_serials, g_array_unref);

  G_OBJECT_CLASS (cm_history_parent_class)->finalize (object);
}

static void
cm_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CmHistory *self = CM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, cm_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, cm_history_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, cm_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, cm_history_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_history_class_init (CmHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cm_history_finalize;
  object_class->get_property = cm_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_history_init (CmHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_undo_step_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_undo_step_free);
  self->undo_serials = g_array_new (FALSE, FALSE, sizeof (guint64));
}

/**
 * cm_history_new:
 * @db: the connection that undo and redo write with
 *
 * Returns: (transfer full): an empty history
 */
CmHistory *
cm_history_new (CmDb *db)
{
  CmHistory *self;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  self = g_object_new (CM_TYPE_HISTORY, NULL);
  self->db = g_object_ref (db);

  return self;
}

/**
 * cm_history_push:
 * @self: a #CmHistory
 * @step: (transfer full) (nullable): what an action wrote; %NULL when it
 *   wrote nothing, which changes nothing
 *
 * Adds the newest action. The oldest is forgotten past
 * %CM_HISTORY_MAX_STEPS, and nothing can be redone any more.
 */
void
cm_history_push (CmHistory  *self,
                 CmUndoStep *step)
{
  g_return_if_fail (CM_IS_HISTORY (self));

  if (step == NULL)
    return;

  if (self->undo->len >= CM_HISTORY_MAX_STEPS)
    {
      g_ptr_array_remove_index (self->undo, 0);
      g_array_remove_index (self->undo_serials, 0);
    }
  g_ptr_array_add (self->undo, step);
  self->last_serial++;
  g_array_append_val (self->undo_serials, self->last_serial);
  g_ptr_array_set_size (self->redo, 0);
  notify_all (self);
}

gboolean
cm_history_can_undo (CmHistory *self)
{
  g_return_val_if_fail (CM_IS_HISTORY (self), FALSE);

  return self->undo->len > 0;
}

gboolean
cm_history_can_redo (CmHistory *self)
{
  g_return_val_if_fail (CM_IS_HISTORY (self), FALSE);

  return self->redo->len > 0;
}

static const char *
top_label (GPtrArray *steps)
{
  if (steps->len == 0)
    return NULL;

  return cm_undo_step_get_label (g_ptr_array_index (steps, steps->len - 1));
}

/**
 * cm_history_get_undo_label:
 * @self: a #CmHistory
 *
 * Returns: (nullable): what Undo would take back, or %NULL
 */
const char *
cm_history_get_undo_label (CmHistory *self)
{
  g_return_val_if_fail (CM_IS_HISTORY (self), NULL);

  return top_label (self->undo);
}

/**
 * cm_history_get_redo_label:
 * @self: a #CmHistory
 *
 * Returns: (nullable): what Redo would make again, or %NULL
 */
const char *
cm_history_get_redo_label (CmHistory *self)
{
  g_return_val_if_fail (CM_IS_HISTORY (self), NULL);

  return top_label (self->redo);
}

/* Applies the newest step of @from and moves its inverse onto @to. A step
 * that can no longer be applied is dropped, with everything older, since
 * those came before it and may depend on it. */
static gboolean
move_step (CmHistory  *self,
           GPtrArray  *from,
           GPtrArray  *to,
           GError    **error)
{
  CmUndoStep *step;
  CmUndoStep *inverse;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (from->len > 0, FALSE);

  step = g_ptr_array_index (from, from->len - 1);
  if (!(inverse = cm_undo_step_apply (step, self->db, &local_error)))
    {
      if (g_error_matches (local_error, CM_DB_ERROR, CM_DB_ERROR_CONSTRAINT))
        {
          g_ptr_array_set_size (from, 0);
          if (from == self->undo)
            g_array_set_size (self->undo_serials, 0);
          notify_all (self);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_ptr_array_remove_index (from, from->len - 1);
  g_ptr_array_add (to, inverse);
  if (from == self->undo)
    g_array_set_size (self->undo_serials, self->undo_serials->len - 1);
  else
    {
      self->last_serial++;
      g_array_append_val (self->undo_serials, self->last_serial);
    }
  notify_all (self);
  return TRUE;
}

/**
 * cm_history_undo:
 * @self: a #CmHistory
 * @error: return location for a #GError
 *
 * Takes back the newest action. If what it wrote has changed since, the
 * history is cleared and @error says so; nothing is written.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_history_undo (CmHistory  *self,
                 GError    **error)
{
  g_return_val_if_fail (CM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (cm_history_can_undo (self), FALSE);

  return move_step (self, self->undo, self->redo, error);
}

/**
 * cm_history_redo:
 * @self: a #CmHistory
 * @error: return location for a #GError
 *
 * Makes the action last taken back again.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_history_redo (CmHistory  *self,
                 GError    **error)
{
  g_return_val_if_fail (CM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (cm_history_can_redo (self), FALSE);

  return move_step (self, self->redo, self->undo, error);
}

/**
 * cm_history_get_undo_serial:
 * @self: a #CmHistory
 *
 * Tells actions apart: an Undo button on a toast takes back only the
 * action it was shown for, and only while that is still the newest.
 *
 * Returns: a number unique to the action Undo would take back, or 0
 */
guint64
cm_history_get_undo_serial (CmHistory *self)
{
  g_return_val_if_fail (CM_IS_HISTORY (self), 0);

  if (self->undo_serials->len == 0)
    return 0;

  return g_array_index (self->undo_serials, guint64, self->undo_serials->len - 1);
}
