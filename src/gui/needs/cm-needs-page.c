/* cm-needs-page.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cm-column-view.h"
#include "cm-format.h"
#include "cm-needs-page.h"
#include "cm-needs-wizard.h"
#include "cm-workforce.h"

/* The Needs page: the training needs analysis wizard, and an overview of
 * the workforce it covers (staff groups and organisations) one action
 * away. A database without a workforce first gets a status page. */
struct _CmNeedsPage
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  GtkColumnView     *staff_groups_view;
  GtkColumnView     *organisations_view;
  GtkLabel          *summary_label;
  CmNeedsWizard     *wizard;

  GtkSortListModel  *staff_groups_model;
  GtkSortListModel  *organisations_model;
  CmContext         *context;
  gboolean           show_workforce;
  gboolean           wizard_requested;
};

G_DEFINE_FINAL_TYPE (CmNeedsPage, cm_needs_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const CmColumnSpec staff_group_columns[] = {
  { .title = N_("Name"), .property = "name", .sort_property = "name",
    .kind = CM_COLUMN_TEXT, .width_chars = 16, .expand = TRUE },
  { .title = N_("Organisation"), .property = "organisation", .sort_property = "organisation",
    .kind = CM_COLUMN_TEXT, .width_chars = 12, .expand = TRUE },
  { .title = N_("Sector"), .property = "sector-label", .sort_property = "sector-label",
    .kind = CM_COLUMN_TEXT, .width_chars = 9 },
  { .title = N_("Headcount"), .property = "headcount", .format = cm_format_count, .sort_property = "headcount",
    .kind = CM_COLUMN_NUMBER },
  { .title = N_("Turnover"), .property = "turnover-label", .sort_property = "turnover-bp",
    .kind = CM_COLUMN_NUMBER },
};

static const CmColumnSpec organisation_columns[] = {
  { .title = N_("Name"), .property = "name", .sort_property = "name",
    .kind = CM_COLUMN_TEXT, .width_chars = 24, .expand = TRUE },
  { .title = N_("Kind"), .property = "kind-label", .sort_property = "kind-label",
    .kind = CM_COLUMN_TEXT, .width_chars = 10 },
  { .title = N_("Staff Groups"), .property = "n-staff-groups", .format = cm_format_count, .sort_property = "n-staff-groups",
    .kind = CM_COLUMN_NUMBER },
  { .title = N_("Headcount"), .property = "headcount", .format = cm_format_count, .sort_property = "headcount",
    .kind = CM_COLUMN_NUMBER },
};

static GtkSortListModel *
setup_view (GtkColumnView      *view,
            GType               item_type,
            const CmColumnSpec *specs,
            guint               n_specs)
{
  GtkSortListModel *sort_model;
  g_autoptr(GtkSingleSelection) selection = NULL;

  cm_column_view_append_specs (view, item_type, specs, n_specs);

  sort_model = cm_column_view_sort_model_new (view, G_LIST_MODEL (g_list_store_new (item_type)));
  selection = cm_column_view_selection_new (G_LIST_MODEL (g_object_ref (sort_model)));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));

  /* Show which way the list is sorted from the start. */
  cm_column_view_sort_by_first_column (view);

  return sort_model;
}

static void
show_error (CmNeedsPage  *self,
            const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  adw_status_page_set_title (self->empty_page, _("Could Not Read the Workforce"));
  adw_status_page_set_description (self->empty_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
reload (CmNeedsPage *self)
{
  g_autoptr(GListStore) staff_groups = NULL;
  g_autoptr(GListStore) organisations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *groups_text = NULL;
  g_autofree char *staff_text = NULL;
  g_autofree char *organisations_text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *headcount_text = NULL;
  gint64 n_groups = 0;
  gint64 headcount = 0;
  gint64 n_organisations = 0;
  CmDb *db;

  if (self->context == NULL)
    return;

  db = cm_context_get_db (self->context);

  if (!cm_workforce_count_staff (db, &n_groups, &headcount, &error) ||
      !cm_db_count_rows (db, "organisations", &n_organisations, &error))
    {
      show_error (self, error);
      return;
    }

  /* The tables are filled when they are shown: hidden, a county's 2,000
   * staff groups would still make 200 rows of each table, and the page
   * opens on the wizard. */
  if (self->show_workforce)
    {
      if (!(staff_groups = cm_workforce_list_staff_groups (db, &error)) ||
          !(organisations = cm_workforce_list_organisations (db, &error)))
        {
          show_error (self, error);
          return;
        }

      gtk_sort_list_model_set_model (self->staff_groups_model, G_LIST_MODEL (staff_groups));
      gtk_sort_list_model_set_model (self->organisations_model, G_LIST_MODEL (organisations));
    }

  headcount_text = cm_format_count (headcount);
  groups_text = g_strdup_printf (ngettext ("%u staff group", "%u staff groups", (guint) n_groups),
                                 (guint) n_groups);
  /* Translators: %s is a number such as "1,902" */
  staff_text = g_strdup_printf (ngettext ("%s member of staff", "%s staff", (gulong) MIN (headcount, G_MAXLONG)),
                                headcount_text);
  organisations_text = g_strdup_printf (ngettext ("%u organisation", "%u organisations", (gulong) n_organisations),
                                        (guint) n_organisations);
  /* Translators: "31 staff groups · 1,902 staff in 18 organisations" */
  summary = g_strdup_printf (_("%s · %s in %s"), groups_text, staff_text, organisations_text);
  gtk_label_set_text (self->summary_label, summary);

  if (n_groups == 0 && n_organisations == 0 && !self->wizard_requested)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, self->show_workforce ? "workforce" : "wizard");
}

static void
wizard_add_toast_cb (CmNeedsPage *self,
                     AdwToast    *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
show_wizard_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CmNeedsPage *self = CM_NEEDS_PAGE (widget);

  self->show_workforce = FALSE;
  self->wizard_requested = TRUE;
  reload (self);
}

static void
show_workforce_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CmNeedsPage *self = CM_NEEDS_PAGE (widget);

  self->show_workforce = TRUE;
  reload (self);
}

static void
cm_needs_page_dispose (GObject *object)
{
  CmNeedsPage *self = (CmNeedsPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_NEEDS_PAGE);

  g_clear_object (&self->staff_groups_model);
  g_clear_object (&self->organisations_model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_needs_page_parent_class)->dispose (object);
}

static void
cm_needs_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CmNeedsPage *self = CM_NEEDS_PAGE (object);

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
cm_needs_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CmNeedsPage *self = CM_NEEDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      cm_needs_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_needs_page_class_init (CmNeedsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_needs_page_dispose;
  object_class->get_property = cm_needs_page_get_property;
  object_class->set_property = cm_needs_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CmNeedsPage::add-toast:
   * @self: the page
   * @toast: what to show
   *
   * Asks for @toast, from the page or its wizard, to be shown over the
   * window the page is in.
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (CM_TYPE_NEEDS_WIZARD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/needs/cm-needs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CmNeedsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CmNeedsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CmNeedsPage, staff_groups_view);
  gtk_widget_class_bind_template_child (widget_class, CmNeedsPage, organisations_view);
  gtk_widget_class_bind_template_child (widget_class, CmNeedsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CmNeedsPage, wizard);
  gtk_widget_class_bind_template_callback (widget_class, wizard_add_toast_cb);

  gtk_widget_class_install_action (widget_class, "needs.show-wizard", NULL, show_wizard_action);
  gtk_widget_class_install_action (widget_class, "needs.show-workforce", NULL, show_workforce_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_needs_page_init (CmNeedsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->staff_groups_model = setup_view (self->staff_groups_view, CM_TYPE_STAFF_GROUP,
                                         staff_group_columns, G_N_ELEMENTS (staff_group_columns));
  self->organisations_model = setup_view (self->organisations_view, CM_TYPE_ORGANISATION,
                                          organisation_columns, G_N_ELEMENTS (organisation_columns));
}

/**
 * cm_needs_page_get_context:
 * @self: a #CmNeedsPage
 *
 * Returns: (transfer none) (nullable): the context shown
 */
CmContext *
cm_needs_page_get_context (CmNeedsPage *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_PAGE (self), NULL);

  return self->context;
}

/**
 * cm_needs_page_set_context:
 * @self: a #CmNeedsPage
 * @context: (nullable): the context to show
 *
 * Shows the workforce of @context and follows its changes.
 */
void
cm_needs_page_set_context (CmNeedsPage *self,
                           CmContext   *context)
{
  g_return_if_fail (CM_IS_NEEDS_PAGE (self));
  g_return_if_fail (context == NULL || CM_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (self->context, reload, self);

  g_set_object (&self->context, context);
  cm_needs_wizard_set_context (self->wizard, context);

  /* The tables here show the workforce and nothing else. */
  if (self->context != NULL)
    g_signal_connect_object (self->context, "changed::workforce",
                             G_CALLBACK (reload), self,
                             G_CONNECT_SWAPPED);

  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * cm_needs_page_get_state:
 * @self: a #CmNeedsPage
 *
 * Returns: "wizard" (the analysis) or "workforce" (the overview of the
 *   workforce) when there are staff groups or organisations, else "empty"
 *   (unless the analysis was asked for)
 */
const char *
cm_needs_page_get_state (CmNeedsPage *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * cm_needs_page_get_staff_groups_view:
 * @self: a #CmNeedsPage
 *
 * Returns: (transfer none): the table of staff groups
 */
GtkColumnView *
cm_needs_page_get_staff_groups_view (CmNeedsPage *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_PAGE (self), NULL);

  return self->staff_groups_view;
}

/**
 * cm_needs_page_get_organisations_view:
 * @self: a #CmNeedsPage
 *
 * Returns: (transfer none): the table of organisations
 */
GtkColumnView *
cm_needs_page_get_organisations_view (CmNeedsPage *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_PAGE (self), NULL);

  return self->organisations_view;
}

/**
 * cm_needs_page_get_summary:
 * @self: a #CmNeedsPage
 *
 * Returns: the totals line under the tables
 */
const char *
cm_needs_page_get_summary (CmNeedsPage *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_PAGE (self), NULL);

  return gtk_label_get_text (self->summary_label);
}

/**
 * cm_needs_page_get_wizard:
 * @self: a #CmNeedsPage
 *
 * Returns: (transfer none): the training needs analysis wizard
 */
CmNeedsWizard *
cm_needs_page_get_wizard (CmNeedsPage *self)
{
  g_return_val_if_fail (CM_IS_NEEDS_PAGE (self), NULL);

  return self->wizard;
}
