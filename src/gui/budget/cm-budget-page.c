/* cm-budget-page.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cm-budget-page.h"

/* The Budget page: funding streams against what is planned and spent. */
struct _CmBudgetPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  AdwStatusPage *status_page;

  CmContext     *context;
};

G_DEFINE_FINAL_TYPE (CmBudgetPage, cm_budget_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cm_budget_page_dispose (GObject *object)
{
  CmBudgetPage *self = (CmBudgetPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_BUDGET_PAGE);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_budget_page_parent_class)->dispose (object);
}

static void
cm_budget_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (object);

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
cm_budget_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CmBudgetPage *self = CM_BUDGET_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      cm_budget_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_budget_page_class_init (CmBudgetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_budget_page_dispose;
  object_class->get_property = cm_budget_page_get_property;
  object_class->set_property = cm_budget_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/budget/cm-budget-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CmBudgetPage, status_page);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_budget_page_init (CmBudgetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cm_budget_page_get_context:
 * @self: a #CmBudgetPage
 *
 * Returns: (transfer none) (nullable): the context shown
 */
CmContext *
cm_budget_page_get_context (CmBudgetPage *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_PAGE (self), NULL);

  return self->context;
}

/**
 * cm_budget_page_set_context:
 * @self: a #CmBudgetPage
 * @context: (nullable): the context to show
 *
 * Sets the context the page shows.
 */
void
cm_budget_page_set_context (CmBudgetPage *self,
                            CmContext    *context)
{
  g_return_if_fail (CM_IS_BUDGET_PAGE (self));
  g_return_if_fail (context == NULL || CM_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * cm_budget_page_get_status_page:
 * @self: a #CmBudgetPage
 *
 * Returns: (transfer none): the empty state
 */
GtkWidget *
cm_budget_page_get_status_page (CmBudgetPage *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_PAGE (self), NULL);

  return GTK_WIDGET (self->status_page);
}
