/* cm-workforce-step.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-needs"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cm-column-view.h"
#include "cm-context.h"
#include "cm-dialogs.h"
#include "cm-domain.h"
#include "cm-fiscal.h"
#include "cm-format.h"
#include "cm-gradual-model.h"
#include "cm-needs.h"
#include "cm-needs-util.h"
#include "cm-spin-cell.h"
#include "cm-wizard-step.h"
#include "cm-undo.h"
#include "cm-workforce-edit.h"
#include "cm-workforce-step.h"
#include "cm-workforce.h"

/* Step 2: the staff the analysis covers. Both tables edit in place and
 * every change is written at once; removing a staff group offers Undo. */
struct _CmWorkforceStep
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkStack         *state_stack;
  GtkStack         *tables_stack;
  GtkColumnView    *staff_groups_view;
  GtkColumnView    *organisations_view;
  GtkLabel         *totals_label;
  GtkLabel         *cycles_label;

  GListStore       *staff_groups;
  GListStore       *organisations;
  GtkSelectionModel *organisations_selection;
  GtkStringList    *organisation_names;
  GtkStringList    *sector_labels;
  GtkStringList    *kind_labels;
  GtkNativeDialog  *chooser;
  char             *chooser_kind;
  GCancellable     *cancellable;
  gboolean          updating;
  gboolean          busy;
  gboolean          complete;
  CmContext        *context;
  int               year;
  int               half;
};

static void cm_workforce_step_iface_init (CmWizardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CmWorkforceStep, cm_workforce_step, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CM_TYPE_WIZARD_STEP, cm_workforce_step_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_YEAR,
  PROP_HALF,
  PROP_BUSY,
  PROP_TITLE,
  PROP_IS_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static CmDb *
db (CmWorkforceStep *self)
{
  return self->context != NULL ? cm_context_get_db (self->context) : NULL;
}

static gboolean
is_writable (CmWorkforceStep *self)
{
  return self->context != NULL && !cm_context_is_read_only (self->context);
}

static void
set_busy (CmWorkforceStep *self,
          gboolean         busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_complete (CmWorkforceStep *self,
              gboolean         complete)
{
  if (self->complete == complete)
    return;

  self->complete = complete;
  g_object_notify (G_OBJECT (self), "is-complete");
}

static CmOrganisation *
organisation_at (CmWorkforceStep *self,
                 guint            position)
{
  g_autoptr(CmOrganisation) organisation = g_list_model_get_item (G_LIST_MODEL (self->organisations), position);

  /* The store keeps it alive. */
  return organisation;
}

static guint
organisation_index (CmWorkforceStep *self,
                    const char      *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->organisations));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (cm_organisation_get_name (organisation_at (self, i)), name) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/* Totals */

static void
update_totals (CmWorkforceStep *self)
{
  g_autoptr(GPtrArray) totals = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 headcount = 0;
  guint n_groups = 0;

  if (!(totals = cm_workforce_totals_by_sector (db (self), &error)))
    {
      gtk_label_set_text (self->totals_label, error->message);
      return;
    }

  for (guint i = 0; i < totals->len; i++)
    {
      const CmSectorTotal *total = g_ptr_array_index (totals, i);
      g_autofree char *count = cm_format_count (total->headcount);
      g_autofree char *part = NULL;

      /* Translators: a sector's total: "Early years 210 staff in 2 groups" */
      part = g_strdup_printf (ngettext ("%s %s staff in %u group", "%s %s staff in %u groups", total->n_staff_groups),
                              cm_domain_label (CM_DOMAIN_SECTOR, total->sector), count, total->n_staff_groups);
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, part);

      headcount += total->headcount;
      n_groups += total->n_staff_groups;
    }

  if (totals->len > 0)
    {
      g_autofree char *count = cm_format_count (headcount);
      g_autofree char *all = NULL;

      /* Translators: the grand total after the sectors' totals */
      all = g_strdup_printf (ngettext ("Total %s staff in %u group", "Total %s staff in %u groups", n_groups),
                             count, n_groups);
      g_string_append (text, " · ");
      g_string_append (text, all);
    }

  gtk_label_set_text (self->totals_label, text->str);
}

/* Loading */

/* Makes @store hold the items of @items, in one items-changed. */
static void
replace_all (GListStore *store,
             GListModel *items)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    g_ptr_array_add (all, g_list_model_get_item (items, i));

  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), all->pdata, all->len);
}

static void
reload (CmWorkforceStep *self)
{
  g_autoptr(GListStore) staff_groups = NULL;
  g_autoptr(GListStore) organisations = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  CmDb *database = db (self);
  guint n_groups;
  guint n_organisations;

  if (database == NULL)
    return;

  if (!(staff_groups = cm_workforce_list_staff_groups (database, &error)) ||
      !(organisations = cm_workforce_list_organisations (database, &error)))
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
      return;
    }

  n_groups = g_list_model_get_n_items (G_LIST_MODEL (staff_groups));
  n_organisations = g_list_model_get_n_items (G_LIST_MODEL (organisations));
  names = g_ptr_array_new ();

  /* The drop-downs of bound rows follow these models: keep them from
   * writing while the rows are rebound. */
  self->updating = TRUE;

  /* One splice each: a county's 2,000 rows appended one by one would
   * make the sorted table re-sort 2,000 times. */
  replace_all (self->organisations, G_LIST_MODEL (organisations));
  for (guint i = 0; i < n_organisations; i++)
    {
      g_autoptr(CmOrganisation) organisation = g_list_model_get_item (G_LIST_MODEL (organisations), i);

      g_ptr_array_add (names, (gpointer) cm_organisation_get_name (organisation));
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->organisation_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->organisation_names)),
                          (const char * const *) names->pdata);

  replace_all (self->staff_groups, G_LIST_MODEL (staff_groups));

  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->state_stack,
                                    n_groups > 0 || n_organisations > 0 ? "workforce" : "empty");
  update_totals (self);
  set_complete (self, n_groups > 0);
}

static void
changed (CmWorkforceStep *self)
{
  update_totals (self);
  set_complete (self, g_list_model_get_n_items (G_LIST_MODEL (self->staff_groups)) > 0);
  cm_wizard_step_data_changed (CM_WIZARD_STEP (self));
}

/* Staff groups */

typedef struct
{
  const char *name;
  gint64      organisation_id;
  const char *sector;
  gint64      headcount;
  gint64      turnover_bp;
} GroupValues;

static gboolean
read_group (CmWorkforceStep *self,
            CmStaffGroup    *group,
            GroupValues     *values)
{
  guint organisation = organisation_index (self, cm_staff_group_get_organisation (group));

  if (organisation == GTK_INVALID_LIST_POSITION)
    return FALSE;

  values->name = cm_staff_group_get_name (group);
  values->organisation_id = cm_organisation_get_id (organisation_at (self, organisation));
  values->sector = cm_staff_group_get_sector (group);
  values->headcount = cm_staff_group_get_headcount (group);
  values->turnover_bp = cm_staff_group_get_turnover_bp (group);
  return TRUE;
}

/* Writes @values for @group; on success the object follows, on failure
 * the toast says why and FALSE tells the cell to show the old value. */
static gboolean
save_group (CmWorkforceStep   *self,
            CmStaffGroup      *group,
            const GroupValues *values)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (values->name));
  guint organisation;

  if (!cm_workforce_save_staff_group (db (self), cm_staff_group_get_id (group), values->name,
                                      values->organisation_id, values->sector, values->headcount,
                                      values->turnover_bp, NULL, &error))
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
      return FALSE;
    }

  /* The core stores the name trimmed. */
  cm_staff_group_set_name (group, name);
  for (organisation = 0; organisation < g_list_model_get_n_items (G_LIST_MODEL (self->organisations)); organisation++)
    if (cm_organisation_get_id (organisation_at (self, organisation)) == values->organisation_id)
      cm_staff_group_set_organisation (group, cm_organisation_get_name (organisation_at (self, organisation)));
  cm_staff_group_set_sector (group, values->sector);
  cm_staff_group_set_headcount (group, values->headcount);
  cm_staff_group_set_turnover_bp (group, (guint) values->turnover_bp);

  changed (self);
  return TRUE;
}

static CmStaffGroup *
cell_group (GtkWidget *cell)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (cell), "list-item");

  return item != NULL ? gtk_list_item_get_item (item) : NULL;
}

static void
group_name_editing_cb (GtkEditableLabel *label,
                       GParamSpec       *pspec,
                       CmWorkforceStep  *self)
{
  CmStaffGroup *group = cell_group (GTK_WIDGET (label));
  GroupValues values;
  const char *text;

  if (group == NULL || gtk_editable_label_get_editing (label) || self->updating)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (label));
  if (g_strcmp0 (text, cm_staff_group_get_name (group)) == 0 || !read_group (self, group, &values))
    return;

  values.name = text;
  if (!save_group (self, group, &values))
    gtk_editable_set_text (GTK_EDITABLE (label), cm_staff_group_get_name (group));
}

/* Moves the row's staff group to the organisation at @position. */
static void
move_group (CmWorkforceStep *self,
            GtkWidget       *cell,
            guint            position)
{
  CmStaffGroup *group = cell_group (cell);
  GroupValues values;
  CmOrganisation *organisation;

  if (group == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->organisations)))
    return;

  organisation = organisation_at (self, position);
  if (g_strcmp0 (cm_organisation_get_name (organisation), cm_staff_group_get_organisation (group)) == 0 ||
      !read_group (self, group, &values))
    return;

  values.organisation_id = cm_organisation_get_id (organisation);
  save_group (self, group, &values);
}

static void
organisation_chosen_cb (GtkWidget *button,
                        guint      position,
                        gpointer   user_data)
{
  move_group (user_data, button, position);
}

static void
group_sector_chosen_cb (GtkWidget *button,
                        guint      position,
                        gpointer   user_data)
{
  CmWorkforceStep *self = user_data;
  CmStaffGroup *group = cell_group (button);
  GroupValues values;
  const char *sector;

  if (group == NULL || position >= cm_domain_n_values (CM_DOMAIN_SECTOR))
    return;

  sector = cm_domain_values (CM_DOMAIN_SECTOR)[position];
  if (g_strcmp0 (sector, cm_staff_group_get_sector (group)) == 0 || !read_group (self, group, &values))
    return;

  values.sector = sector;
  save_group (self, group, &values);
}

static void
group_headcount_cb (CmSpinCell      *spin,
                    CmWorkforceStep *self)
{
  CmStaffGroup *group = cell_group (GTK_WIDGET (spin));
  gint64 headcount = (gint64) cm_spin_cell_get_value (spin);
  GroupValues values;

  if (group == NULL || self->updating || headcount == cm_staff_group_get_headcount (group) ||
      !read_group (self, group, &values))
    return;

  values.headcount = headcount;
  if (!save_group (self, group, &values))
    cm_spin_cell_set_value (spin, (double) cm_staff_group_get_headcount (group));
}

static void
group_turnover_cb (CmSpinCell      *spin,
                   CmWorkforceStep *self)
{
  CmStaffGroup *group = cell_group (GTK_WIDGET (spin));
  gint64 turnover_bp = (gint64) llround (cm_spin_cell_get_value (spin) * 100.0);
  GroupValues values;

  if (group == NULL || self->updating || turnover_bp == cm_staff_group_get_turnover_bp (group) ||
      !read_group (self, group, &values))
    return;

  values.turnover_bp = turnover_bp;
  if (!save_group (self, group, &values))
    cm_spin_cell_set_value (spin, cm_staff_group_get_turnover_bp (group) / 100.0);
}

static void
group_remove_cb (GtkWidget       *cell,
                 CmWorkforceStep *self)
{
  CmStaffGroup *group = cell_group (cell);
  g_autoptr(CmStaffGroupBackup) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;
  guint position;
  guint n_lines;

  if (group == NULL)
    return;

  /* Translators: what Undo takes back; %s is a staff group's name */
  label = g_strdup_printf (_("Remove %s"), cm_staff_group_get_name (group));
  cm_context_begin_undoable (self->context);
  backup = cm_workforce_delete_staff_group (db (self), cm_staff_group_get_id (group), &error);
  cm_context_end_undoable (self->context, backup != NULL ? label : NULL);
  if (backup == NULL)
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
      return;
    }

  if (g_list_store_find (self->staff_groups, group, &position))
    g_list_store_remove (self->staff_groups, position);

  n_lines = cm_staff_group_backup_get_n_requirements (backup);
  if (n_lines > 0)
    /* Translators: %s is a staff group's name */
    title = g_strdup_printf (ngettext ("Removed “%s” and its %u training need line",
                                       "Removed “%s” and its %u training need lines", n_lines),
                             cm_staff_group_backup_get_name (backup), n_lines);
  else
    title = g_strdup_printf (_("Removed “%s”"), cm_staff_group_backup_get_name (backup));

  cm_wizard_step_add_toast (CM_WIZARD_STEP (self), cm_undo_toast_new (GTK_WIDGET (self), self->context, title));

  changed (self);
}

/* Cells of the staff group table */

static void
remember_item (GtkWidget   *cell,
               GtkListItem *item)
{
  g_object_set_data (G_OBJECT (cell), "list-item", item);
}

static void
group_name_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     CmWorkforceStep          *self)
{
  GtkWidget *label = gtk_editable_label_new ("");

  gtk_editable_set_width_chars (GTK_EDITABLE (label), 18);
  /* A name longer than the column ends in "…" rather than being cut
   * off; the whole name is in the tooltip. */
  for (GtkWidget *child = gtk_widget_get_first_child (label); child != NULL;
       child = gtk_widget_get_first_child (child))
    {
      GtkWidget *shown = GTK_IS_STACK (child) ? gtk_stack_get_visible_child (GTK_STACK (child)) : child;

      if (GTK_IS_LABEL (shown))
        {
          gtk_label_set_ellipsize (GTK_LABEL (shown), PANGO_ELLIPSIZE_END);
          break;
        }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Staff group name"),
                                  -1);
  remember_item (label, item);
  g_signal_connect (label, "notify::editing", G_CALLBACK (group_name_editing_cb), self);
  gtk_list_item_set_child (item, label);
}

static void
group_name_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    CmWorkforceStep          *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  CmStaffGroup *group = gtk_list_item_get_item (item);

  gtk_editable_set_text (GTK_EDITABLE (label), cm_staff_group_get_name (group));
  cm_cell_set_tooltip_text (label, cm_staff_group_get_name (group));
}

static void
group_organisation_setup_cb (GtkSignalListItemFactory *factory,
                             GtkListItem              *item,
                             CmWorkforceStep          *self)
{
  GtkWidget *button = cm_needs_choice_button_new (G_LIST_MODEL (self->organisation_names), 22, TRUE,
                                                  _("Organisation"), organisation_chosen_cb, self);

  remember_item (button, item);
  gtk_list_item_set_child (item, button);
}

static void
group_organisation_bind_cb (GtkSignalListItemFactory *factory,
                            GtkListItem              *item,
                            CmWorkforceStep          *self)
{
  CmStaffGroup *group = gtk_list_item_get_item (item);

  cm_needs_choice_button_set_text (gtk_list_item_get_child (item), cm_staff_group_get_organisation (group));
}

static void
group_sector_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       CmWorkforceStep          *self)
{
  GtkWidget *button = cm_needs_choice_button_new (G_LIST_MODEL (self->sector_labels), 0, FALSE,
                                                  _("Sector"), group_sector_chosen_cb, self);

  remember_item (button, item);
  gtk_list_item_set_child (item, button);
}

static void
group_sector_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      CmWorkforceStep          *self)
{
  CmStaffGroup *group = gtk_list_item_get_item (item);

  cm_needs_choice_button_set_text (gtk_list_item_get_child (item),
                                   cm_domain_label (CM_DOMAIN_SECTOR, cm_staff_group_get_sector (group)));
}

static void
group_headcount_setup_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *item,
                          CmWorkforceStep          *self)
{
  GtkWidget *spin = cm_spin_cell_new (0, (double) CM_WORKFORCE_MAX_HEADCOUNT, 1, 0, _("Headcount"));

  cm_spin_cell_set_csv_column (CM_SPIN_CELL (spin), "staff-groups", "headcount", 1);

  remember_item (spin, item);
  g_signal_connect (spin, "value-changed", G_CALLBACK (group_headcount_cb), self);
  gtk_list_item_set_child (item, spin);
}

static void
group_headcount_bind_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         CmWorkforceStep          *self)
{
  CmStaffGroup *group = gtk_list_item_get_item (item);

  cm_spin_cell_set_value (CM_SPIN_CELL (gtk_list_item_get_child (item)),
                          (double) cm_staff_group_get_headcount (group));
}

static void
group_turnover_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         CmWorkforceStep          *self)
{
  GtkWidget *spin = cm_spin_cell_new (0, 100, 0.5, 1, _("Annual turnover, percent"));

  cm_spin_cell_set_csv_column (CM_SPIN_CELL (spin), "staff-groups", "turnover_percent", 100);

  remember_item (spin, item);
  g_signal_connect (spin, "value-changed", G_CALLBACK (group_turnover_cb), self);
  gtk_list_item_set_child (item, spin);
}

static void
group_turnover_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        CmWorkforceStep          *self)
{
  CmStaffGroup *group = gtk_list_item_get_item (item);

  cm_spin_cell_set_value (CM_SPIN_CELL (gtk_list_item_get_child (item)),
                          cm_staff_group_get_turnover_bp (group) / 100.0);
}

static void
remove_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GCallback callback = g_object_get_data (G_OBJECT (factory), "callback");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  /* Tab passes it by; the Delete key on the row does the same. */
  gtk_widget_set_can_focus (button, FALSE);
  cm_cell_set_tooltip_text (button, _("Remove (Delete)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"),
                                  -1);
  remember_item (button, item);
  g_signal_connect (button, "clicked", callback, user_data);
  gtk_list_item_set_child (item, button);
}

static void
remove_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
}

/* Organisations */

static CmOrganisation *
cell_organisation (GtkWidget *cell)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (cell), "list-item");

  return item != NULL ? gtk_list_item_get_item (item) : NULL;
}

static gboolean
save_organisation (CmWorkforceStep *self,
                   CmOrganisation  *organisation,
                   const char      *name,
                   const char      *kind)
{
  g_autoptr(GError) error = NULL;

  if (!cm_workforce_save_organisation (db (self), cm_organisation_get_id (organisation), name, kind, NULL, &error))
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
      return FALSE;
    }

  /* Staff groups show the organisation by name: read both again. */
  reload (self);
  cm_wizard_step_data_changed (CM_WIZARD_STEP (self));
  return TRUE;
}

static void
organisation_name_editing_cb (GtkEditableLabel *label,
                              GParamSpec       *pspec,
                              CmWorkforceStep  *self)
{
  CmOrganisation *organisation = cell_organisation (GTK_WIDGET (label));
  const char *text;

  if (organisation == NULL || gtk_editable_label_get_editing (label) || self->updating)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (label));
  if (g_strcmp0 (text, cm_organisation_get_name (organisation)) == 0)
    return;

  if (!save_organisation (self, organisation, text, cm_organisation_get_kind (organisation)))
    gtk_editable_set_text (GTK_EDITABLE (label), cm_organisation_get_name (organisation));
}

static void
organisation_kind_chosen_cb (GtkWidget *button,
                             guint      position,
                             gpointer   user_data)
{
  CmWorkforceStep *self = user_data;
  CmOrganisation *organisation = cell_organisation (button);
  const char *kind;

  if (organisation == NULL || position >= cm_domain_n_values (CM_DOMAIN_ORGANISATION_KIND))
    return;

  kind = cm_domain_values (CM_DOMAIN_ORGANISATION_KIND)[position];
  if (g_strcmp0 (kind, cm_organisation_get_kind (organisation)) != 0)
    save_organisation (self, organisation, cm_organisation_get_name (organisation), kind);
}

static void
organisation_remove_cb (GtkWidget       *cell,
                        CmWorkforceStep *self)
{
  CmOrganisation *organisation = cell_organisation (cell);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  if (organisation == NULL)
    return;

  /* Translators: what Undo takes back; %s is an organisation's name */
  label = g_strdup_printf (_("Remove %s"), cm_organisation_get_name (organisation));
  cm_context_begin_undoable (self->context);
  if (!cm_workforce_delete_organisation (db (self), cm_organisation_get_id (organisation), &error))
    {
      cm_context_end_undoable (self->context, NULL);
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
      return;
    }
  cm_context_end_undoable (self->context, label);

  /* Translators: %s is an organisation's name */
  title = g_strdup_printf (_("Removed “%s”"), cm_organisation_get_name (organisation));
  cm_wizard_step_add_toast (CM_WIZARD_STEP (self), cm_undo_toast_new (GTK_WIDGET (self), self->context, title));

  reload (self);
  cm_wizard_step_data_changed (CM_WIZARD_STEP (self));
}

static void
organisation_name_setup_cb (GtkSignalListItemFactory *factory,
                            GtkListItem              *item,
                            CmWorkforceStep          *self)
{
  GtkWidget *label = gtk_editable_label_new ("");

  gtk_editable_set_width_chars (GTK_EDITABLE (label), 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Organisation name"),
                                  -1);
  remember_item (label, item);
  g_signal_connect (label, "notify::editing", G_CALLBACK (organisation_name_editing_cb), self);
  gtk_list_item_set_child (item, label);
}

static void
organisation_name_bind_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *item,
                           CmWorkforceStep          *self)
{
  CmOrganisation *organisation = gtk_list_item_get_item (item);

  gtk_editable_set_text (GTK_EDITABLE (gtk_list_item_get_child (item)), cm_organisation_get_name (organisation));
}

static void
organisation_kind_setup_cb (GtkSignalListItemFactory *factory,
                            GtkListItem              *item,
                            CmWorkforceStep          *self)
{
  GtkWidget *button = cm_needs_choice_button_new (G_LIST_MODEL (self->kind_labels), 0, FALSE,
                                                  _("Kind of organisation"), organisation_kind_chosen_cb, self);

  remember_item (button, item);
  gtk_list_item_set_child (item, button);
}

static void
organisation_kind_bind_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *item,
                           CmWorkforceStep          *self)
{
  CmOrganisation *organisation = gtk_list_item_get_item (item);

  cm_needs_choice_button_set_text (gtk_list_item_get_child (item),
                                   cm_domain_label (CM_DOMAIN_ORGANISATION_KIND, cm_organisation_get_kind (organisation)));
}

static void
figure_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  gtk_list_item_set_child (item, cm_column_view_number_label_new ());
}

static void
organisation_groups_bind_cb (GtkSignalListItemFactory *factory,
                             GtkListItem              *item,
                             gpointer                  user_data)
{
  CmOrganisation *organisation = gtk_list_item_get_item (item);

  cm_needs_set_figure (GTK_LABEL (gtk_list_item_get_child (item)),
                       cm_organisation_get_n_staff_groups (organisation));
}

static void
organisation_headcount_bind_cb (GtkSignalListItemFactory *factory,
                                GtkListItem              *item,
                                gpointer                  user_data)
{
  CmOrganisation *organisation = gtk_list_item_get_item (item);

  cm_needs_set_figure (GTK_LABEL (gtk_list_item_get_child (item)),
                       cm_organisation_get_headcount (organisation));
}

/* The cell of the row with the focus, or of the row holding it. */
static GtkWidget *
find_cell (GtkWidget *root)
{
  if (g_object_get_data (G_OBJECT (root), "list-item") != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *cell = find_cell (child);

      if (cell != NULL)
        return cell;
    }

  return NULL;
}

static GtkWidget *
focused_cell (GtkWidget *view)
{
  GtkRoot *root = gtk_widget_get_root (view);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || focus == view || !gtk_widget_is_ancestor (focus, view))
    return NULL;

  for (GtkWidget *widget = focus; widget != view; widget = gtk_widget_get_parent (widget))
    if (g_object_get_data (G_OBJECT (widget), "list-item") != NULL)
      return widget;

  return find_cell (focus);
}

static gboolean
delete_row_cb (GtkWidget *view,
               GVariant  *args,
               gpointer   user_data)
{
  void (*remove) (GtkWidget *, CmWorkforceStep *) = g_object_get_data (G_OBJECT (view), "remove-callback");
  GtkWidget *cell = focused_cell (view);

  if (cell == NULL || remove == NULL)
    return FALSE;

  remove (cell, CM_WORKFORCE_STEP (user_data));
  return TRUE;
}

static void
add_remove_column (CmWorkforceStep *self,
                   GtkColumnView   *view,
                   GCallback        callback)
{
  GtkColumnViewColumn *column;
  GtkListItemFactory *factory;
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* Delete on a row removes it, as its button does; text being edited
   * takes the key first. */
  g_object_set_data (G_OBJECT (view), "remove-callback", callback);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_callback_action_new (delete_row_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (view), shortcuts);

  column = cm_column_view_append_column (view, "", G_CALLBACK (remove_setup_cb), G_CALLBACK (remove_bind_cb),
                                         NULL, self, FALSE);
  factory = gtk_column_view_column_get_factory (column);
  g_object_set_data (G_OBJECT (factory), "callback", callback);
  gtk_column_view_column_set_resizable (column, FALSE);
}

static void
attach_visible_table (CmWorkforceStep *self)
{
  gboolean shown = g_strcmp0 (gtk_stack_get_visible_child_name (self->tables_stack), "organisations") == 0;

  gtk_column_view_set_model (self->organisations_view, shown ? self->organisations_selection : NULL);
}

static void
setup_tables (CmWorkforceStep *self)
{
  g_autoptr(GtkSingleSelection) groups = NULL;
  g_autoptr(GtkSingleSelection) organisations = NULL;
  GtkColumnViewColumn *name;
  GtkColumnViewColumn *organisation;
  GtkColumnViewColumn *sector;

  name = cm_column_view_append_column (self->staff_groups_view, _("Name"),
                                       G_CALLBACK (group_name_setup_cb), G_CALLBACK (group_name_bind_cb),
                                       NULL, self, TRUE);
  /* Long names must not push the figures off a narrow window: the column
   * starts narrow and takes whatever room is left (the whole name is in
   * its tooltip). */
  gtk_column_view_column_set_fixed_width (name, 220);
  organisation = cm_column_view_append_column (self->staff_groups_view, _("Organisation"),
                                               G_CALLBACK (group_organisation_setup_cb),
                                               G_CALLBACK (group_organisation_bind_cb), NULL, self, TRUE);
  sector = cm_column_view_append_column (self->staff_groups_view, _("Sector"),
                                         G_CALLBACK (group_sector_setup_cb), G_CALLBACK (group_sector_bind_cb),
                                         NULL, self, FALSE);
  /* A narrow window keeps the figures of the analysis in sight; who
   * employs a group and its sector come back when the window is wider. */
  cm_column_view_hide_when_narrow (self->staff_groups_view, sector, 900);
  cm_column_view_hide_when_narrow (self->staff_groups_view, organisation, 720);
  cm_column_view_append_column (self->staff_groups_view, _("Headcount"),
                                G_CALLBACK (group_headcount_setup_cb), G_CALLBACK (group_headcount_bind_cb), NULL, self, FALSE);
  cm_column_view_append_column (self->staff_groups_view, _("Turnover %"),
                                G_CALLBACK (group_turnover_setup_cb), G_CALLBACK (group_turnover_bind_cb), NULL, self, FALSE);
  add_remove_column (self, self->staff_groups_view, G_CALLBACK (group_remove_cb));

  groups = cm_column_view_selection_new (G_LIST_MODEL (cm_gradual_model_new (g_object_ref (G_LIST_MODEL (self->staff_groups)))));
  gtk_column_view_set_model (self->staff_groups_view, GTK_SELECTION_MODEL (groups));

  cm_column_view_append_column (self->organisations_view, _("Name"),
                                G_CALLBACK (organisation_name_setup_cb), G_CALLBACK (organisation_name_bind_cb), NULL, self, TRUE);
  cm_column_view_append_column (self->organisations_view, _("Kind"),
                                G_CALLBACK (organisation_kind_setup_cb), G_CALLBACK (organisation_kind_bind_cb), NULL, self, FALSE);
  cm_column_view_append_column (self->organisations_view, _("Staff Groups"),
                                G_CALLBACK (figure_setup_cb), G_CALLBACK (organisation_groups_bind_cb), NULL, self, FALSE);
  cm_column_view_append_column (self->organisations_view, _("Headcount"),
                                G_CALLBACK (figure_setup_cb), G_CALLBACK (organisation_headcount_bind_cb), NULL, self, FALSE);
  add_remove_column (self, self->organisations_view, G_CALLBACK (organisation_remove_cb));

  /* The table out of sight has no model: a list makes up to 200 rows
   * even when hidden, and a county has 350 organisations. */
  organisations = cm_column_view_selection_new (G_LIST_MODEL (g_object_ref (self->organisations)));
  self->organisations_selection = GTK_SELECTION_MODEL (g_steal_pointer (&organisations));
  g_signal_connect_object (self->tables_stack, "notify::visible-child-name",
                           G_CALLBACK (attach_visible_table), self, G_CONNECT_SWAPPED);
  attach_visible_table (self);
}

/* Adding */

static void
add_staff_group_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CmWorkforceStep *self = CM_WORKFORCE_STEP (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gint64 id = 0;

  if (db (self) == NULL)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->organisations)) == 0)
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), _("Add an organisation first: every staff group belongs to one"));
      gtk_stack_set_visible_child_name (self->tables_stack, "organisations");
      return;
    }

  if (!(name = cm_workforce_unique_staff_group_name (db (self), _("New staff group"), &error)) ||
      !cm_workforce_save_staff_group (db (self), 0, name,
                                      cm_organisation_get_id (organisation_at (self, 0)),
                                      cm_domain_values (CM_DOMAIN_SECTOR)[0], 0, 1100, &id, &error))
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
      return;
    }

  reload (self);
  gtk_stack_set_visible_child_name (self->tables_stack, "staff-groups");

  /* Translators: %s is the new staff group's name */
  message = g_strdup_printf (_("Added “%s”: give it its name and figures in the table"), name);
  cm_wizard_step_show_message (CM_WIZARD_STEP (self), message);
  cm_wizard_step_data_changed (CM_WIZARD_STEP (self));
}

static void
add_organisation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CmWorkforceStep *self = CM_WORKFORCE_STEP (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (db (self) == NULL)
    return;

  if (!(name = cm_workforce_unique_organisation_name (db (self), _("New organisation"), &error)) ||
      !cm_workforce_save_organisation (db (self), 0, name, "statutory", NULL, &error))
    {
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), error->message);
      return;
    }

  reload (self);
  gtk_stack_set_visible_child_name (self->tables_stack, "organisations");

  /* Translators: %s is the new organisation's name */
  message = g_strdup_printf (_("Added “%s”: give it its name and kind in the table"), name);
  cm_wizard_step_show_message (CM_WIZARD_STEP (self), message);
  cm_wizard_step_data_changed (CM_WIZARD_STEP (self));
}

/* Import */

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CmWorkforceStep) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(CmImportResult) counts = { 0 };
  /* Nothing to tell once the step has left the window. */
  gboolean shown = gtk_widget_get_root (GTK_WIDGET (self)) != NULL;

  set_busy (self, FALSE);

  if (!cm_context_import_file_finish (CM_CONTEXT (object), result, &counts, &error))
    {
      if (shown &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_CANCELLED))
        cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Import the File"), error);
      return;
    }

  if (shown)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (ngettext ("Imported %u row (%u new, %u updated, %u unchanged)",
                                           "Imported %u rows (%u new, %u updated, %u unchanged)", counts.rows),
                                 counts.rows, counts.inserted, counts.updated, counts.unchanged);
      cm_wizard_step_show_message (CM_WIZARD_STEP (self), message);
    }
}

/**
 * cm_workforce_step_import_file:
 * @self: a #CmWorkforceStep
 * @kind: "organisations" or "staff-groups"
 * @path: the CSV file
 *
 * Imports @path in the background, as the Import menu does once a file
 * is chosen; #CmWorkforceStep:busy is %TRUE meanwhile.
 */
void
cm_workforce_step_import_file (CmWorkforceStep *self,
                               const char      *kind,
                               const char      *path)
{
  g_return_if_fail (CM_IS_WORKFORCE_STEP (self));
  g_return_if_fail (kind != NULL && path != NULL);

  if (self->context == NULL || self->busy)
    return;

  set_busy (self, TRUE);
  cm_context_import_file_async (self->context, kind, path, FALSE,
                                self->cancellable, import_done_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     CmWorkforceStep *self)
{
  /* The chooser is done with; it goes when the response is handled. */
  g_autoptr(GtkNativeDialog) owned = g_steal_pointer (&self->chooser);
  g_autofree char *kind = g_steal_pointer (&self->chooser_kind);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = cm_dialogs_file_chooser_get_path (owned);

      if (path != NULL)
        cm_workforce_step_import_file (self, kind, path);
    }
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CmWorkforceStep *self = CM_WORKFORCE_STEP (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  const char *title;

  if (self->chooser != NULL || self->busy)
    return;

  if (g_str_equal (kind, "organisations"))
    title = _("Import Organisations");
  else if (g_str_equal (kind, "staff-groups"))
    title = _("Import Staff Groups");
  else
    return;

  self->chooser = cm_dialogs_file_chooser_new (widget, GTK_FILE_CHOOSER_ACTION_OPEN,
                                               title, _("_Import"), CM_FILE_FILTER_CSV);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  self->chooser_kind = g_strdup (kind);
  gtk_native_dialog_show (self->chooser);
}

/* The step */

/* Which cycles an edit here changes: the open ones; signed-off cycles
 * keep their figures (docs/figures.md, "Cycle sign-off"). */
static void
update_cycles_label (CmWorkforceStep *self)
{
  g_autoptr(GArray) cycles = NULL;
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *text = NULL;
  guint n_closed = 0;

  if (self->context == NULL || !(cycles = cm_needs_list_cycles (db (self), NULL)))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->cycles_label), FALSE);
      return;
    }

  /* Oldest first reads better in a sentence. */
  for (guint i = cycles->len; i > 0; i--)
    {
      const CmNeedsCycle *cycle = &g_array_index (cycles, CmNeedsCycle, i - 1);

      if (cycle->closed)
        n_closed++;
      else
        g_ptr_array_add (open, cm_fiscal_cycle_label (cycle->year, cycle->half));
    }

  for (guint i = 0; i < open->len; i++)
    {
      if (i > 0)
        /* Translators: between the last two cycles of a list: "2010/11 H2 and 2011/12 H1" */
        g_string_append (list, i + 1 == open->len ? _(" and ") : ", ");
      g_string_append (list, g_ptr_array_index (open, i));
    }

  if (open->len == 0 && n_closed == 0)
    text = NULL;
  else if (open->len == 0)
    text = g_strdup (_("Every cycle is signed off: changes here update none of their figures."));
  else if (n_closed == 0)
    /* Translators: %s lists cycles: "2010/11 H2 and 2011/12 H1" */
    text = g_strdup_printf (_("Changes here update %s."), list->str);
  else
    /* Translators: %s lists cycles: "2010/11 H2 and 2011/12 H1" */
    text = g_strdup_printf (_("Changes here update %s; signed-off cycles keep their figures."), list->str);

  gtk_label_set_text (self->cycles_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->cycles_label), text != NULL);
}

static void
cm_workforce_step_enter (CmWizardStep *step)
{
  CmWorkforceStep *self = CM_WORKFORCE_STEP (step);
  gboolean writable = is_writable (self);

  update_cycles_label (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workforce.add-staff-group", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workforce.add-organisation", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workforce.import", writable);

  reload (self);
}

static void
cm_workforce_step_iface_init (CmWizardStepInterface *iface)
{
  iface->enter = cm_workforce_step_enter;
}

static void
cm_workforce_step_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CmWorkforceStep *self = CM_WORKFORCE_STEP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;

    case PROP_HALF:
      g_value_set_int (value, self->half);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_TITLE:
      g_value_set_string (value, _("Workforce"));
      break;

    case PROP_IS_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_workforce_step_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CmWorkforceStep *self = CM_WORKFORCE_STEP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_YEAR:
      if (self->year != g_value_get_int (value))
        {
          self->year = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_HALF:
      if (self->half != g_value_get_int (value))
        {
          self->half = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_workforce_step_dispose (GObject *object)
{
  CmWorkforceStep *self = (CmWorkforceStep *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_WORKFORCE_STEP);

  /* Template roots without an id are not cleared by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->staff_groups);
  g_clear_object (&self->organisations);
  g_clear_object (&self->organisation_names);
  g_clear_object (&self->sector_labels);
  g_clear_object (&self->kind_labels);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->chooser_kind, g_free);

  g_clear_object (&self->organisations_selection);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_workforce_step_parent_class)->dispose (object);
}

static void
cm_workforce_step_class_init (CmWorkforceStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_workforce_step_dispose;
  object_class->get_property = cm_workforce_step_get_property;
  object_class->set_property = cm_workforce_step_set_property;

  /* TRUE while a CSV file is being imported. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_property (object_class, PROP_BUSY, properties[PROP_BUSY]);

  g_object_class_override_property (object_class, PROP_CONTEXT, "context");
  g_object_class_override_property (object_class, PROP_YEAR, "year");
  g_object_class_override_property (object_class, PROP_HALF, "half");
  g_object_class_override_property (object_class, PROP_TITLE, "title");
  g_object_class_override_property (object_class, PROP_IS_COMPLETE, "is-complete");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/needs/cm-workforce-step.ui");
  gtk_widget_class_bind_template_child (widget_class, CmWorkforceStep, state_stack);
  gtk_widget_class_bind_template_child (widget_class, CmWorkforceStep, tables_stack);
  gtk_widget_class_bind_template_child (widget_class, CmWorkforceStep, staff_groups_view);
  gtk_widget_class_bind_template_child (widget_class, CmWorkforceStep, organisations_view);
  gtk_widget_class_bind_template_child (widget_class, CmWorkforceStep, totals_label);
  gtk_widget_class_bind_template_child (widget_class, CmWorkforceStep, cycles_label);

  gtk_widget_class_install_action (widget_class, "workforce.add-staff-group", NULL, add_staff_group_action);
  gtk_widget_class_install_action (widget_class, "workforce.add-organisation", NULL, add_organisation_action);
  gtk_widget_class_install_action (widget_class, "workforce.import", "s", import_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_workforce_step_init (CmWorkforceStep *self)
{
  const char * const *sectors = cm_domain_values (CM_DOMAIN_SECTOR);
  const char * const *kinds = cm_domain_values (CM_DOMAIN_ORGANISATION_KIND);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->staff_groups = g_list_store_new (CM_TYPE_STAFF_GROUP);
  self->organisations = g_list_store_new (CM_TYPE_ORGANISATION);
  self->organisation_names = gtk_string_list_new (NULL);
  self->sector_labels = gtk_string_list_new (NULL);
  self->kind_labels = gtk_string_list_new (NULL);
  self->cancellable = g_cancellable_new ();

  for (guint i = 0; sectors[i] != NULL; i++)
    gtk_string_list_append (self->sector_labels, cm_domain_label (CM_DOMAIN_SECTOR, sectors[i]));
  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (self->kind_labels, cm_domain_label (CM_DOMAIN_ORGANISATION_KIND, kinds[i]));

  setup_tables (self);
}

/**
 * cm_workforce_step_get_staff_groups:
 * @self: a #CmWorkforceStep
 *
 * Returns: (transfer none): the staff groups the table shows
 */
GListModel *
cm_workforce_step_get_staff_groups (CmWorkforceStep *self)
{
  g_return_val_if_fail (CM_IS_WORKFORCE_STEP (self), NULL);

  return G_LIST_MODEL (self->staff_groups);
}

/**
 * cm_workforce_step_get_totals:
 * @self: a #CmWorkforceStep
 *
 * Returns: the totals by sector under the tables
 */
const char *
cm_workforce_step_get_totals (CmWorkforceStep *self)
{
  g_return_val_if_fail (CM_IS_WORKFORCE_STEP (self), NULL);

  return gtk_label_get_text (self->totals_label);
}
