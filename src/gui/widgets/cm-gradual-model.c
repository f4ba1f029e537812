/* cm-gradual-model.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <gdk/gdk.h>

#include "cm-gradual-model.h"

/*
 * A list model that shows a large model a slice at a time when it is
 * first filled.
 *
 * A GTK 4.8 list makes a row for each of up to 200 items as soon as it
 * has them (see HACKING.md, "Large lists"), and making 200 rows of a
 * table holds the window for a third of a second or more. Behind this
 * model the list makes the first SLICE rows, draws them, and makes the
 * next slice after that frame, so the table shows at once and the window
 * keeps answering. Past the rows a list makes, the rest of the items come
 * in one go: they cost nothing until scrolled to.
 *
 * Changes to the items already shown pass straight through, so an edit
 * still changes one row. A change that replaces the whole model starts
 * again from the first slice.
 */

#define SLICE 24
#define ENOUGH_FOR_ANY_LIST 240

struct _CmGradualModel
{
  GObject     parent_instance;

  GListModel *model;
  guint       n_shown;
  guint       grow_source;
};

static void cm_gradual_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CmGradualModel, cm_gradual_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cm_gradual_model_list_model_init))

static GType
cm_gradual_model_get_item_type (GListModel *list)
{
  CmGradualModel *self = CM_GRADUAL_MODEL (list);

  return g_list_model_get_item_type (self->model);
}

static guint
cm_gradual_model_get_n_items (GListModel *list)
{
  return CM_GRADUAL_MODEL (list)->n_shown;
}

static gpointer
cm_gradual_model_get_item (GListModel *list,
                           guint       position)
{
  CmGradualModel *self = CM_GRADUAL_MODEL (list);

  if (position >= self->n_shown)
    return NULL;

  return g_list_model_get_item (self->model, position);
}

static void
cm_gradual_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cm_gradual_model_get_item_type;
  iface->get_n_items = cm_gradual_model_get_n_items;
  iface->get_item = cm_gradual_model_get_item;
}

static gboolean
grow_cb (gpointer user_data)
{
  CmGradualModel *self = user_data;
  guint n = g_list_model_get_n_items (self->model);
  guint before = self->n_shown;

  if (before >= n)
    {
      self->grow_source = 0;
      return G_SOURCE_REMOVE;
    }

  self->n_shown = before + SLICE >= ENOUGH_FOR_ANY_LIST ? n : MIN (n, before + SLICE);
  g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->n_shown - before);

  if (self->n_shown < n)
    return G_SOURCE_CONTINUE;

  self->grow_source = 0;
  return G_SOURCE_REMOVE;
}

static void
queue_growth (CmGradualModel *self)
{
  if (self->grow_source != 0 || self->n_shown >= g_list_model_get_n_items (self->model))
    return;

  /* After the frame that draws the slice just added. */
  self->grow_source = g_idle_add_full (GDK_PRIORITY_REDRAW + 10, grow_cb, self, NULL);
}

static void
model_items_changed_cb (GListModel     *model,
                        guint           position,
                        guint           removed,
                        guint           added,
                        CmGradualModel *self)
{
  guint n = g_list_model_get_n_items (model);
  guint old_n = n - added + removed;
  guint old_shown = self->n_shown;
  guint shown_removed;

  if (added == n || added > SLICE)
    {
      /* Filled, replaced or grown by many: start again from a slice. */
      self->n_shown = MIN (n, SLICE);
      if (old_shown > 0 || self->n_shown > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old_shown, self->n_shown);
      queue_growth (self);
      return;
    }

  if (position >= old_shown && old_shown < old_n)
    {
      /* Not shown yet: it comes with its slice. */
      queue_growth (self);
      return;
    }

  /* Shown: passed on as it is, so an edit changes its one row. */
  shown_removed = MIN (removed, old_shown - position);
  self->n_shown = old_shown - shown_removed + added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, shown_removed, added);
  queue_growth (self);
}

static void
cm_gradual_model_dispose (GObject *object)
{
  CmGradualModel *self = CM_GRADUAL_MODEL (object);

  g_clear_handle_id (&self->grow_source, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (cm_gradual_model_parent_class)->dispose (object);
}

static void
cm_gradual_model_class_init (CmGradualModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cm_gradual_model_dispose;
}

static void
cm_gradual_model_init (CmGradualModel *self)
{
}

/**
 * cm_gradual_model_new:
 * @model: (transfer full): the items
 *
 * Returns: (transfer full): a model of @model's items that, when it is
 *   filled, shows them a slice a frame until a list has all its rows
 */
CmGradualModel *
cm_gradual_model_new (GListModel *model)
{
  CmGradualModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (CM_TYPE_GRADUAL_MODEL, NULL);
  self->model = model;
  self->n_shown = MIN (g_list_model_get_n_items (model), SLICE);
  g_signal_connect (model, "items-changed", G_CALLBACK (model_items_changed_cb), self);
  queue_growth (self);

  return self;
}

/**
 * cm_gradual_model_get_model:
 * @self: a #CmGradualModel
 *
 * Returns: (transfer none): the model it shows
 */
GListModel *
cm_gradual_model_get_model (CmGradualModel *self)
{
  g_return_val_if_fail (CM_IS_GRADUAL_MODEL (self), NULL);

  return self->model;
}
