/* cm-commission-editor.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-audit-dialog.h"
#include "cm-budget-util.h"
#include "cm-dialogs.h"
#include "cm-commission-editor.h"
#include "cm-domain.h"
#include "cm-fiscal.h"
#include "cm-money.h"
#include "cm-money-row.h"
#include "cm-needs.h"
#include "cm-search-drop-down.h"
#include "cm-workforce-edit.h"

/* Edits one commission: what it is, what it costs (worked out live as
 * the inputs change), which streams pay for it and what has been spent.
 * Nothing is written until Save, which goes through cm-budget in one
 * transaction; a refusal is explained in a dialog and the editor stays. */
struct _CmCommissionEditor
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *history_button;
  GtkButton           *save_button;
  AdwPreferencesPage  *preferences_page;
  AdwEntryRow         *code_row;
  AdwEntryRow         *title_row;
  AdwEntryRow         *provider_row;
  GtkDropDown         *competency_drop_down;
  AdwComboRow         *cycle_row;
  AdwComboRow         *status_row;
  GtkSpinButton       *events_spin;
  GtkSpinButton       *days_spin;
  GtkSpinButton       *places_spin;
  GtkSpinButton       *pvi_spin;
  CmMoneyRow          *fee_row;
  CmMoneyRow          *venue_row;
  CmMoneyRow          *cost_per_place_row;
  CmMoneyRow          *materials_row;
  GtkLabel            *planned_label;
  AdwPreferencesGroup *splits_group;
  GtkMenuButton       *add_split_button;
  AdwActionRow        *no_splits_row;
  GtkLabel            *funded_label;
  AdwActionRow        *remaining_row;
  GtkLabel            *remaining_label;
  AdwPreferencesGroup *ledger_group;
  AdwActionRow        *no_spend_row;

  CmContext           *context;
  CmBudgetCommission  *commission;
  GPtrArray           *streams;      /* of CmBudgetStream */
  GPtrArray           *split_rows;   /* of CmSplitRow */
  GPtrArray           *competency_codes;  /* of char *, [0] = NULL for none */
  char                *loaded;         /* the inputs as loaded, to see an edit */
  gboolean             may_close;      /* saved, or told to discard */
  guint                n_ledger_rows;
  gint64               planned;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (CmCommissionEditor, cm_commission_editor, ADW_TYPE_WINDOW)

/* By @id when it is set: a code is unique only within its year. */
static const CmBudgetStream *
find_stream (CmCommissionEditor *self,
             gint64              id,
             const char         *code)
{
  for (guint i = 0; self->streams != NULL && i < self->streams->len; i++)
    {
      const CmBudgetStream *stream = g_ptr_array_index (self->streams, i);

      if (id > 0 ? stream->id == id : g_strcmp0 (stream->code, code) == 0)
        return stream;
    }

  return NULL;
}

static CmSplitRow *
find_split_row (CmCommissionEditor *self,
                const char         *code)
{
  for (guint i = 0; i < self->split_rows->len; i++)
    {
      CmSplitRow *row = g_ptr_array_index (self->split_rows, i);

      if (g_strcmp0 (cm_split_row_get_stream_code (row), code) == 0)
        return row;
    }

  return NULL;
}

static const char *
selected_status (CmCommissionEditor *self)
{
  const char * const *statuses = cm_domain_values (CM_DOMAIN_COMMISSION_STATUS);
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (selected >= cm_domain_n_values (CM_DOMAIN_COMMISSION_STATUS))
    return self->commission->status;

  return statuses[selected];
}

static int
spin_int (GtkSpinButton *spin)
{
  return gtk_spin_button_get_value_as_int (spin);
}

/* Copies the inputs into @commission, splits aside. */
static void
read_inputs (CmCommissionEditor *self,
             CmBudgetCommission *commission)
{
  guint competency = gtk_drop_down_get_selected (self->competency_drop_down);

  g_free (commission->code);
  commission->code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));
  g_free (commission->title);
  commission->title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_free (commission->provider);
  commission->provider = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->provider_row))));

  /* The code is looked up again, so a changed choice counts. */
  commission->competency_id = 0;
  g_free (commission->competency_code);
  commission->competency_code = competency < self->competency_codes->len
    ? g_strdup (g_ptr_array_index (self->competency_codes, competency))
    : NULL;

  commission->half = adw_combo_row_get_selected (self->cycle_row) == 1 ? 2 : 1;
  g_free (commission->status);
  commission->status = g_strdup (selected_status (self));

  commission->events = spin_int (self->events_spin);
  commission->half_days = (int) (gtk_spin_button_get_value (self->days_spin) * 2 + 0.5);
  commission->places = spin_int (self->places_spin);
  commission->pvi_places = spin_int (self->pvi_spin);
  commission->fee_per_event_pence = cm_money_row_get_pence (self->fee_row);
  commission->venue_per_day_pence = cm_money_row_get_pence (self->venue_row);
  commission->cost_per_place_pence = cm_money_row_get_pence (self->cost_per_place_row);
  commission->materials_per_place_pence = cm_money_row_get_pence (self->materials_row);
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static gboolean
inputs_valid (CmCommissionEditor *self)
{
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_row));
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  CmMoneyRow *money_rows[] = { self->fee_row, self->venue_row, self->cost_per_place_row, self->materials_row };

  for (guint i = 0; i < G_N_ELEMENTS (money_rows); i++)
    if (!cm_money_row_get_valid (money_rows[i]))
      return FALSE;

  for (guint i = 0; i < self->split_rows->len; i++)
    if (!cm_split_row_get_valid (g_ptr_array_index (self->split_rows, i)))
      return FALSE;

  return !is_blank (code) && !is_blank (title);
}

static gboolean
is_committed_status (const char *status)
{
  return (g_strcmp0 (status, "approved") == 0 ||
          g_strcmp0 (status, "contracted") == 0 ||
          g_strcmp0 (status, "delivered") == 0);
}

static void
recompute (CmCommissionEditor *self)
{
  g_autoptr(CmBudgetCommission) scratch = cm_budget_commission_new ();
  g_autofree char *planned = NULL;
  g_autofree char *funded_text = NULL;
  g_autofree char *remaining_text = NULL;
  gint64 funded = 0;
  gint64 remaining;
  GtkWidget *remaining_widget = GTK_WIDGET (self->remaining_label);

  if (self->loading)
    return;

  read_inputs (self, scratch);
  self->planned = cm_budget_planned_cost (scratch);
  planned = cm_money_format (self->planned);
  gtk_label_set_text (self->planned_label, planned);

  for (guint i = 0; i < self->split_rows->len; i++)
    {
      CmSplitRow *row = g_ptr_array_index (self->split_rows, i);

      cm_split_row_set_planned (row, self->planned);
      funded += cm_split_row_get_value (row);
    }

  remaining = self->planned - funded;
  funded_text = cm_money_format (funded);
  gtk_label_set_text (self->funded_label, funded_text);

  gtk_widget_remove_css_class (remaining_widget, "error");
  gtk_widget_remove_css_class (remaining_widget, "warning");
  if (remaining < 0)
    {
      g_autofree char *over = cm_money_format (-remaining);

      /* Translators: %s is an amount of money */
      remaining_text = g_strdup_printf (_("Over-funded by %s"), over);
      gtk_widget_add_css_class (remaining_widget, "warning");
    }
  else
    {
      remaining_text = cm_money_format (remaining);
      if (remaining > 0 && is_committed_status (scratch->status))
        gtk_widget_add_css_class (remaining_widget, "error");
    }
  gtk_label_set_text (self->remaining_label, remaining_text);

  gtk_widget_set_visible (GTK_WIDGET (self->no_splits_row), self->split_rows->len == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", cm_commission_editor_can_save (self));
}

static void
input_changed_cb (CmCommissionEditor *self)
{
  recompute (self);
}

static void
update_add_menu (CmCommissionEditor *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  guint n_items = 0;

  for (guint i = 0; self->streams != NULL && i < self->streams->len; i++)
    {
      const CmBudgetStream *stream = g_ptr_array_index (self->streams, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (find_split_row (self, stream->code) != NULL)
        continue;

      /* Translators: a stream in the "Add Stream" menu: "DH-WDG — DH workforce grant" */
      label = g_strdup_printf (_("%s — %s"), stream->code, stream->name);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "editor.add-split", g_variant_new_string (stream->code));
      g_menu_append_item (menu, item);
      n_items++;
    }

  gtk_menu_button_set_menu_model (self->add_split_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_split_button), n_items > 0);
}

static void
split_changed_cb (CmCommissionEditor *self)
{
  recompute (self);
}

static void
add_split_row (CmCommissionEditor  *self,
               const CmBudgetSplit *split)
{
  const CmBudgetStream *stream = find_stream (self, split->stream_id, split->stream_code);
  GtkWidget *row = cm_split_row_new (split, stream != NULL ? stream->name : NULL);

  if (stream != NULL && !cm_budget_is_eligible (stream, self->commission->category))
    {
      g_autofree char *reason = NULL;

      /* Translators: %s is a funding stream's code */
      reason = g_strdup_printf (_("%s may not pay for this kind of training"), stream->code);
      cm_split_row_set_ineligible (CM_SPLIT_ROW (row), reason);
    }

  g_signal_connect_object (row, "changed", G_CALLBACK (split_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->splits_group, row);
  g_ptr_array_add (self->split_rows, row);
}

static void
add_split_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CmCommissionEditor *self = CM_COMMISSION_EDITOR (widget);
  const char *code = g_variant_get_string (parameter, NULL);
  const CmBudgetStream *stream = find_stream (self, 0, code);
  g_autoptr(CmBudgetSplit) split = NULL;
  gint64 funded = 0;

  if (stream == NULL || find_split_row (self, code) != NULL)
    return;

  for (guint i = 0; i < self->split_rows->len; i++)
    funded += cm_split_row_get_value (g_ptr_array_index (self->split_rows, i));

  /* A new stream offers to pay what is left. */
  split = cm_budget_split_new ();
  split->stream_id = stream->id;
  split->stream_code = g_strdup (stream->code);
  split->is_percent = FALSE;
  split->amount_pence = MAX (0, self->planned - funded);

  add_split_row (self, split);
  update_add_menu (self);
  recompute (self);
}

static void
remove_split_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CmCommissionEditor *self = CM_COMMISSION_EDITOR (widget);
  CmSplitRow *row = find_split_row (self, g_variant_get_string (parameter, NULL));

  if (row == NULL)
    return;

  g_ptr_array_remove (self->split_rows, row);
  adw_preferences_group_remove (self->splits_group, GTK_WIDGET (row));
  update_add_menu (self);
  recompute (self);
}

/* Everything a person can change, as text: equal texts, nothing to lose. */
static char *
describe_inputs (CmCommissionEditor *self)
{
  g_autoptr(CmBudgetCommission) scratch = cm_budget_commission_new ();
  GString *text = g_string_new (NULL);

  read_inputs (self, scratch);
  g_string_append_printf (text, "%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%s\x1f%d\x1f%d\x1f%d\x1f%d"
                          "\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT
                          "\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT,
                          scratch->code, scratch->title, scratch->provider,
                          scratch->competency_code != NULL ? scratch->competency_code : "",
                          scratch->half, scratch->status, scratch->events, scratch->half_days,
                          scratch->places, scratch->pvi_places, scratch->fee_per_event_pence,
                          scratch->venue_per_day_pence, scratch->cost_per_place_pence,
                          scratch->materials_per_place_pence);
  for (guint i = 0; i < self->split_rows->len; i++)
    {
      CmSplitRow *row = g_ptr_array_index (self->split_rows, i);

      g_string_append_printf (text, "\x1e%s\x1f%d\x1f%s", cm_split_row_get_stream_code (row),
                              cm_split_row_get_is_percent (row), cm_split_row_get_value_text (row));
    }

  return g_string_free (text, FALSE);
}

static void
discard (GtkWindow *window)
{
  CM_COMMISSION_EDITOR (window)->may_close = TRUE;
  gtk_window_close (window);
}

/* Escape, Cancel and the close button all come here: changes are only
 * thrown away once the person says so. */
static gboolean
cm_commission_editor_close_request (GtkWindow *window)
{
  CmCommissionEditor *self = CM_COMMISSION_EDITOR (window);

  if (!self->may_close && self->loaded != NULL)
    {
      g_autofree char *now = describe_inputs (self);

      if (cm_dialogs_ask_discard (window, self->loaded, now,
                                  _("The changes to this commission have not been saved."), discard))
        return TRUE;
    }

  return GTK_WINDOW_CLASS (cm_commission_editor_parent_class)->close_request (window);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmCommissionEditor *self = CM_COMMISSION_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!cm_commission_editor_save (self, &error))
    {
      cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Save the Commission"), error);
      return;
    }

  self->may_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
load_ledger (CmCommissionEditor *self)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;

  if (self->commission->id <= 0)
    return;

  parts = cm_budget_list_parts_for_commission (cm_context_get_db (self->context), self->commission->id, &error);
  if (parts == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->no_spend_row), _("Could not read the spend"));
      adw_action_row_set_subtitle (self->no_spend_row, error->message);
      return;
    }

  for (guint i = 0; i < parts->len; i++)
    {
      const CmBudgetPart *part = g_ptr_array_index (parts, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *amount_label;
      g_autofree char *amount = cm_money_format (part->amount_pence);
      g_autofree char *date = cm_fiscal_format_date (&part->date);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *quarter = NULL;

      quarter = part->quarter >= 1 && part->quarter <= 4 ? cm_fiscal_quarter_label (part->quarter) : g_strdup ("");
      /* Translators: a line of a commission's spend: "INV-0931 · Acme Training" */
      title = g_strdup_printf (_("%s · %s"), part->reference, part->supplier);
      /* Translators: "25 Mar 2010 · Q4 · DH-WDG · Invoice" */
      subtitle = g_strdup_printf (_("%s · %s · %s · %s"), date, quarter,
                                  part->stream_code != NULL ? part->stream_code : _("Unallocated"),
                                  cm_domain_label (CM_DOMAIN_TRANSACTION_KIND, part->kind));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      amount_label = gtk_label_new (amount);
      gtk_widget_add_css_class (amount_label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount_label);

      adw_preferences_group_add (self->ledger_group, row);
      self->n_ledger_rows++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->no_spend_row), self->n_ledger_rows == 0);
}

/* The catalogue, to choose from by code or name; "None" first. */
static void
load_competencies (CmCommissionEditor *self)
{
  const char *current = self->commission->competency_code;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GListStore) competencies = NULL;
  guint selected = 0;

  gtk_string_list_append (labels, _("None"));
  g_ptr_array_add (self->competency_codes, NULL);

  competencies = cm_workforce_list_competencies (cm_context_get_db (self->context), NULL);
  for (guint i = 0; competencies != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (competencies)); i++)
    {
      g_autoptr(CmCompetency) competency = g_list_model_get_item (G_LIST_MODEL (competencies), i);
      g_autofree char *label = NULL;

      /* Translators: a competency in a list: "SG-A — Safeguarding Level A" */
      label = g_strdup_printf (_("%s — %s"), cm_competency_get_code (competency), cm_competency_get_name (competency));
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->competency_codes, g_strdup (cm_competency_get_code (competency)));
      if (g_strcmp0 (cm_competency_get_code (competency), current) == 0)
        selected = self->competency_codes->len - 1;
    }

  /* A code the catalogue no longer has stays as it is. */
  if (current != NULL && selected == 0)
    {
      gtk_string_list_append (labels, current);
      g_ptr_array_add (self->competency_codes, g_strdup (current));
      selected = self->competency_codes->len - 1;
    }

  cm_search_drop_down_set_labels (self->competency_drop_down, labels);
  gtk_drop_down_set_selected (self->competency_drop_down, selected);
}

static void
load (CmCommissionEditor *self)
{
  const CmBudgetCommission *commission = self->commission;
  g_autoptr(GtkStringList) cycles = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  const char * const *status_ids = cm_domain_values (CM_DOMAIN_COMMISSION_STATUS);
  guint status_index = 0;

  /* Only what is stored has a history. */
  gtk_widget_set_visible (GTK_WIDGET (self->history_button), self->commission->id > 0);

  self->loading = TRUE;

  adw_window_title_set_title (self->window_title,
                              commission->id > 0 ? _("Edit Commission") : _("New Commission"));
  adw_window_title_set_subtitle (self->window_title, commission->code);

  gtk_editable_set_text (GTK_EDITABLE (self->code_row), commission->code != NULL ? commission->code : "");
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), commission->title != NULL ? commission->title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->provider_row), commission->provider != NULL ? commission->provider : "");
  load_competencies (self);

  for (int half = 1; half <= 2; half++)
    {
      g_autofree char *label = cm_fiscal_cycle_label (commission->year, half);

      gtk_string_list_append (cycles, label);
    }
  adw_combo_row_set_model (self->cycle_row, G_LIST_MODEL (cycles));
  adw_combo_row_set_selected (self->cycle_row, commission->half == 2 ? 1 : 0);

  for (guint i = 0; status_ids[i] != NULL; i++)
    {
      gtk_string_list_append (statuses, cm_domain_label (CM_DOMAIN_COMMISSION_STATUS, status_ids[i]));
      if (g_strcmp0 (status_ids[i], commission->status) == 0)
        status_index = i;
    }
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_selected (self->status_row, status_index);

  gtk_spin_button_set_value (self->events_spin, commission->events);
  gtk_spin_button_set_value (self->days_spin, commission->half_days / 2.0);
  gtk_spin_button_set_value (self->places_spin, commission->places);
  gtk_spin_button_set_value (self->pvi_spin, commission->pvi_places);
  cm_money_row_set_pence (self->fee_row, commission->fee_per_event_pence);
  cm_money_row_set_pence (self->venue_row, commission->venue_per_day_pence);
  cm_money_row_set_pence (self->cost_per_place_row, commission->cost_per_place_pence);
  cm_money_row_set_pence (self->materials_row, commission->materials_per_place_pence);

  for (guint i = 0; i < commission->splits->len; i++)
    add_split_row (self, g_ptr_array_index (commission->splits, i));

  self->loading = FALSE;

  update_add_menu (self);
  load_ledger (self);
  recompute (self);
}

static void
cm_commission_editor_dispose (GObject *object)
{
  CmCommissionEditor *self = (CmCommissionEditor *)object;

  g_clear_pointer (&self->split_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_COMMISSION_EDITOR);

  g_clear_object (&self->context);
  g_clear_pointer (&self->streams, g_ptr_array_unref);

  G_OBJECT_CLASS (cm_commission_editor_parent_class)->dispose (object);
}

static void
cm_commission_editor_finalize (GObject *object)
{
  CmCommissionEditor *self = (CmCommissionEditor *)object;

  g_clear_pointer (&self->commission, cm_budget_commission_free);
  g_clear_pointer (&self->competency_codes, g_ptr_array_unref);
  g_free (self->loaded);

  G_OBJECT_CLASS (cm_commission_editor_parent_class)->finalize (object);
}

/* The item's recorded changes of money (HACKING.md, "Audit trail"). */
static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CmCommissionEditor *self = (CmCommissionEditor *) widget;
  g_autofree char *label = g_strdup (self->commission->code);
  CmAuditDialog *dialog;

  if (self->commission->id <= 0)
    return;

  dialog = cm_audit_dialog_new (GTK_WINDOW (self), self->context,
                                CM_AUDIT_ITEM_COMMISSION, self->commission->id, label);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cm_commission_editor_class_init (CmCommissionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_commission_editor_dispose;
  object_class->finalize = cm_commission_editor_finalize;

  GTK_WINDOW_CLASS (klass)->close_request = cm_commission_editor_close_request;

  g_type_ensure (CM_TYPE_MONEY_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/budget/cm-commission-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, history_button);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, provider_row);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, competency_drop_down);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, cycle_row);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, events_spin);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, days_spin);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, places_spin);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, pvi_spin);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, fee_row);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, venue_row);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, cost_per_place_row);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, materials_row);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, planned_label);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, splits_group);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, add_split_button);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, no_splits_row);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, funded_label);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, remaining_row);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, remaining_label);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, ledger_group);
  gtk_widget_class_bind_template_child (widget_class, CmCommissionEditor, no_spend_row);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.show-history", NULL, show_history_action);
  gtk_widget_class_install_action (widget_class, "editor.add-split", "s", add_split_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-split", "s", remove_split_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
cm_commission_editor_init (CmCommissionEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->split_rows = g_ptr_array_new ();
  self->competency_codes = g_ptr_array_new_with_free_func (g_free);
}

/**
 * cm_commission_editor_new:
 * @parent: (nullable): the window the editor belongs to
 * @context: the context to save through
 * @commission: (nullable): the commission to edit, or %NULL for a new one
 * @year: the financial year of a new commission
 * @half: its half, 1 or 2: the cycle chosen in the header
 * @streams: (element-type CmBudgetStream): the streams that may fund it
 *
 * Returns: (transfer none): a new editor, which GTK owns until it is closed; present it
 */
CmCommissionEditor *
cm_commission_editor_new (GtkWindow                *parent,
                          CmContext                *context,
                          const CmBudgetCommission *commission,
                          int                       year,
                          int                       half,
                          GPtrArray                *streams)
{
  CmCommissionEditor *self;

  g_return_val_if_fail (CM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (streams != NULL, NULL);

  self = g_object_new (CM_TYPE_COMMISSION_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->context = g_object_ref (context);
  self->streams = g_ptr_array_ref (streams);

  if (commission != NULL)
    self->commission = cm_budget_commission_copy (commission);
  else
    {
      gint64 cost_per_place = CM_NEEDS_DEFAULT_COST_PER_PLACE_PENCE;

      /* The same default the needs analysis prices places with. */
      cm_needs_cost_per_place_load (cm_context_get_db (context), &cost_per_place, NULL);

      self->commission = cm_budget_commission_new ();
      self->commission->year = year;
      self->commission->half = half == 2 ? 2 : 1;
      self->commission->cost_per_place_pence = cost_per_place;
    }

  load (self);
  self->loaded = describe_inputs (self);

  return self;
}

/**
 * cm_commission_editor_get_commission:
 * @self: a #CmCommissionEditor
 *
 * Returns: (transfer none): the commission as last loaded or saved
 */
const CmBudgetCommission *
cm_commission_editor_get_commission (CmCommissionEditor *self)
{
  g_return_val_if_fail (CM_IS_COMMISSION_EDITOR (self), NULL);

  return self->commission;
}

/**
 * cm_commission_editor_can_save:
 * @self: a #CmCommissionEditor
 *
 * Returns: whether the input can be saved: a code and a title, amounts
 *   that are money and splits that are percentages or amounts
 */
gboolean
cm_commission_editor_can_save (CmCommissionEditor *self)
{
  g_return_val_if_fail (CM_IS_COMMISSION_EDITOR (self), FALSE);

  return inputs_valid (self) && !cm_context_is_read_only (self->context);
}

/**
 * cm_commission_editor_save:
 * @self: a #CmCommissionEditor
 * @error: return location for a #GError
 *
 * Writes the commission and its splits as entered and tells the context's
 * views. On failure nothing is written and the editor keeps the input.
 *
 * Returns: whether the commission was saved
 */
gboolean
cm_commission_editor_save (CmCommissionEditor  *self,
                           GError             **error)
{
  g_autoptr(CmBudgetCommission) commission = NULL;
  g_autofree char *label = NULL;
  gboolean saved;

  g_return_val_if_fail (CM_IS_COMMISSION_EDITOR (self), FALSE);

  commission = cm_budget_commission_copy (self->commission);
  read_inputs (self, commission);

  g_ptr_array_set_size (commission->splits, 0);
  for (guint i = 0; i < self->split_rows->len; i++)
    g_ptr_array_add (commission->splits, cm_split_row_to_split (g_ptr_array_index (self->split_rows, i)));

  /* Translators: what Undo takes back; %s is a code or reference */
  label = g_strdup_printf (commission->id != 0 ? _("Edit %s") : _("Add %s"), commission->code);
  cm_context_begin_undoable (self->context);
  saved = cm_budget_save_commission (cm_context_get_db (self->context), commission, error);
  cm_context_end_undoable (self->context, saved ? label : NULL);
  if (!saved)
    return FALSE;

  cm_budget_commission_free (self->commission);
  self->commission = g_steal_pointer (&commission);
  adw_window_title_set_subtitle (self->window_title, self->commission->code);

  return TRUE;
}

/**
 * cm_commission_editor_get_field:
 * @self: a #CmCommissionEditor
 * @name: "code", "title", "provider", "competency", "cycle", "status",
 *   "events", "days", "places", "pvi-places", "fee-per-event",
 *   "venue-per-day", "cost-per-place" or "materials-per-place"
 *
 * Returns: (transfer none) (nullable): the input for that field
 */
GtkWidget *
cm_commission_editor_get_field (CmCommissionEditor *self,
                                const char         *name)
{
  const struct {
    const char *name;
    gpointer    widget;
  } fields[] = {
    { "code", self->code_row },
    { "title", self->title_row },
    { "provider", self->provider_row },
    { "competency", self->competency_drop_down },
    { "cycle", self->cycle_row },
    { "status", self->status_row },
    { "events", self->events_spin },
    { "days", self->days_spin },
    { "places", self->places_spin },
    { "pvi-places", self->pvi_spin },
    { "fee-per-event", self->fee_row },
    { "venue-per-day", self->venue_row },
    { "cost-per-place", self->cost_per_place_row },
    { "materials-per-place", self->materials_row },
  };

  g_return_val_if_fail (CM_IS_COMMISSION_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return fields[i].widget;

  return NULL;
}

/**
 * cm_commission_editor_get_split_row:
 * @self: a #CmCommissionEditor
 * @stream_code: a stream's code
 *
 * Returns: (transfer none) (nullable): the split on that stream
 */
CmSplitRow *
cm_commission_editor_get_split_row (CmCommissionEditor *self,
                                    const char         *stream_code)
{
  g_return_val_if_fail (CM_IS_COMMISSION_EDITOR (self), NULL);

  return find_split_row (self, stream_code);
}

/**
 * cm_commission_editor_get_n_splits:
 * @self: a #CmCommissionEditor
 *
 * Returns: the number of streams in the splits editor
 */
guint
cm_commission_editor_get_n_splits (CmCommissionEditor *self)
{
  g_return_val_if_fail (CM_IS_COMMISSION_EDITOR (self), 0);

  return self->split_rows->len;
}

/**
 * cm_commission_editor_get_planned_text:
 * @self: a #CmCommissionEditor
 *
 * Returns: the planned cost as shown
 */
const char *
cm_commission_editor_get_planned_text (CmCommissionEditor *self)
{
  g_return_val_if_fail (CM_IS_COMMISSION_EDITOR (self), NULL);

  return gtk_label_get_text (self->planned_label);
}

/**
 * cm_commission_editor_get_funded_text:
 * @self: a #CmCommissionEditor
 *
 * Returns: the sum of the splits as shown
 */
const char *
cm_commission_editor_get_funded_text (CmCommissionEditor *self)
{
  g_return_val_if_fail (CM_IS_COMMISSION_EDITOR (self), NULL);

  return gtk_label_get_text (self->funded_label);
}

/**
 * cm_commission_editor_get_remaining_text:
 * @self: a #CmCommissionEditor
 *
 * Returns: what is left to fund, as shown
 */
const char *
cm_commission_editor_get_remaining_text (CmCommissionEditor *self)
{
  g_return_val_if_fail (CM_IS_COMMISSION_EDITOR (self), NULL);

  return gtk_label_get_text (self->remaining_label);
}

/**
 * cm_commission_editor_get_n_ledger_rows:
 * @self: a #CmCommissionEditor
 *
 * Returns: the number of attributed parts in the spend ledger
 */
guint
cm_commission_editor_get_n_ledger_rows (CmCommissionEditor *self)
{
  g_return_val_if_fail (CM_IS_COMMISSION_EDITOR (self), 0);

  return self->n_ledger_rows;
}

/**
 * cm_commission_editor_get_planned:
 * @self: a #CmCommissionEditor
 *
 * Returns: the planned cost of the inputs, in pence
 */
gint64
cm_commission_editor_get_planned (CmCommissionEditor *self)
{
  g_return_val_if_fail (CM_IS_COMMISSION_EDITOR (self), 0);

  return self->planned;
}
