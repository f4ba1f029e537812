/* cm-evaluation-page.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cm-evaluation-page.h"

/* The Evaluation page: what learners said and what changed in practice. */
struct _CmEvaluationPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  AdwStatusPage *status_page;

  CmContext     *context;
};

G_DEFINE_FINAL_TYPE (CmEvaluationPage, cm_evaluation_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cm_evaluation_page_dispose (GObject *object)
{
  CmEvaluationPage *self = (CmEvaluationPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_EVALUATION_PAGE);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_evaluation_page_parent_class)->dispose (object);
}

static void
cm_evaluation_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CmEvaluationPage *self = CM_EVALUATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_evaluation_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CmEvaluationPage *self = CM_EVALUATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      cm_evaluation_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_evaluation_page_class_init (CmEvaluationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_evaluation_page_dispose;
  object_class->get_property = cm_evaluation_page_get_property;
  object_class->set_property = cm_evaluation_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/evaluation/cm-evaluation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CmEvaluationPage, status_page);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_evaluation_page_init (CmEvaluationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cm_evaluation_page_get_context:
 * @self: a #CmEvaluationPage
 *
 * Returns: (transfer none) (nullable): the context shown
 */
CmContext *
cm_evaluation_page_get_context (CmEvaluationPage *self)
{
  g_return_val_if_fail (CM_IS_EVALUATION_PAGE (self), NULL);

  return self->context;
}

/**
 * cm_evaluation_page_set_context:
 * @self: a #CmEvaluationPage
 * @context: (nullable): the context to show
 *
 * Sets the context the page shows.
 */
void
cm_evaluation_page_set_context (CmEvaluationPage *self,
                            CmContext    *context)
{
  g_return_if_fail (CM_IS_EVALUATION_PAGE (self));
  g_return_if_fail (context == NULL || CM_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * cm_evaluation_page_get_status_page:
 * @self: a #CmEvaluationPage
 *
 * Returns: (transfer none): the empty state
 */
GtkWidget *
cm_evaluation_page_get_status_page (CmEvaluationPage *self)
{
  g_return_val_if_fail (CM_IS_EVALUATION_PAGE (self), NULL);

  return GTK_WIDGET (self->status_page);
}
