/* cm-stream-editor.c
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
#include "cm-domain.h"
#include "cm-field-error.h"
#include "cm-fiscal.h"
#include "cm-format.h"
#include "cm-import.h"
#include "cm-money-row.h"
#include "cm-stream-editor.h"

/* Adds or edits a funding stream of the year shown: who gives it, how
 * much, by when it must be spent and what it may pay for. */
struct _CmStreamEditor
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *history_button;
  AdwEntryRow         *code_row;
  AdwEntryRow         *name_row;
  AdwComboRow         *funder_row;
  CmMoneyRow          *allocation_row;
  AdwEntryRow         *expiry_row;
  GtkSwitch           *ring_fenced_switch;
  AdwEntryRow         *min_pvi_row;
  AdwComboRow         *return_row;
  AdwPreferencesGroup *categories_group;

  CmContext           *context;
  CmBudgetStream      *stream;
  GPtrArray           *category_checks;  /* of GtkCheckButton, in vocabulary order */
  char                *loaded;           /* the inputs as loaded, to see an edit */
  gboolean             may_close;        /* saved, or told to discard */
};

G_DEFINE_FINAL_TYPE (CmStreamEditor, cm_stream_editor, ADW_TYPE_WINDOW)

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/* Both fields are checked as the streams CSV checks them; both may be
 * left empty (no spend-by date, no minimum). */
static gboolean
read_expiry (CmStreamEditor  *self,
             GDate           *out_date,
             GError         **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->expiry_row));
  gint64 julian = 0;

  g_date_clear (out_date, 1);
  if (!cm_import_check_field ("streams", "expiry", text, &julian, error))
    return FALSE;
  if (julian > 0)
    g_date_set_julian (out_date, (guint32) julian);
  return TRUE;
}

static gboolean
read_min_pvi (CmStreamEditor  *self,
              int             *out_bp,
              GError         **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->min_pvi_row));
  gint64 bp = 0;

  *out_bp = 0;
  if (is_blank (text))
    return TRUE;
  if (!cm_import_check_field ("streams", "min_pvi_percent", text, &bp, error))
    return FALSE;
  *out_bp = (int) bp;
  return TRUE;
}

static void
input_changed_cb (CmStreamEditor *self)
{
  gboolean valid;

  valid = (cm_field_error_get_value (GTK_WIDGET (self->expiry_row), NULL) &&
           (is_blank (gtk_editable_get_text (GTK_EDITABLE (self->min_pvi_row))) ||
            cm_field_error_get_value (GTK_WIDGET (self->min_pvi_row), NULL)) &&
           cm_money_row_get_valid (self->allocation_row) &&
           !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->code_row))) &&
           !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 valid && !cm_context_is_read_only (self->context));
}

/* Everything the person can change, as one string: different from the
 * string made on loading means there is something to lose. */
static char *
describe_inputs (CmStreamEditor *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\x1f%s\x1f%u\x1f%s\x1f%s\x1f%d\x1f%s\x1f%u",
                          gtk_editable_get_text (GTK_EDITABLE (self->code_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                          adw_combo_row_get_selected (self->funder_row),
                          gtk_editable_get_text (GTK_EDITABLE (self->allocation_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->expiry_row)),
                          gtk_switch_get_active (self->ring_fenced_switch),
                          gtk_editable_get_text (GTK_EDITABLE (self->min_pvi_row)),
                          adw_combo_row_get_selected (self->return_row));
  for (guint i = 0; i < self->category_checks->len; i++)
    g_string_append_c (text, gtk_check_button_get_active (g_ptr_array_index (self->category_checks, i)) ? '1' : '0');

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
discard (GtkWindow *window)
{
  CM_STREAM_EDITOR (window)->may_close = TRUE;
  gtk_window_close (window);
}

/* Escape and the close button: changes are only thrown away once the
 * person says so. */
static gboolean
cm_stream_editor_close_request (GtkWindow *window)
{
  CmStreamEditor *self = CM_STREAM_EDITOR (window);

  if (!self->may_close && self->loaded != NULL)
    {
      g_autofree char *now = describe_inputs (self);

      if (cm_dialogs_ask_discard (window, self->loaded, now,
                                  _("The changes to this funding stream have not been saved."), discard))
        return TRUE;
    }

  return GTK_WINDOW_CLASS (cm_stream_editor_parent_class)->close_request (window);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmStreamEditor *self = CM_STREAM_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!cm_stream_editor_save (self, &error))
    {
      cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Save the Funding Stream"), error);
      return;
    }

  self->may_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static guint
index_of (CmDomainSet  set,
          const char  *id)
{
  const char * const *ids = cm_domain_values (set);

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], id) == 0)
      return i;

  return 0;
}

static GListModel *
labels_model (CmDomainSet set)
{
  const char * const *ids = cm_domain_values (set);
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    gtk_string_list_append (list, cm_domain_label (set, ids[i]));

  return G_LIST_MODEL (list);
}

static void
load (CmStreamEditor *self)
{
  const CmBudgetStream *stream = self->stream;
  const char * const *categories = cm_domain_values (CM_DOMAIN_CATEGORY);
  g_autoptr(GListModel) funders = labels_model (CM_DOMAIN_FUNDER);
  g_autoptr(GListModel) returns = labels_model (CM_DOMAIN_RETURN_KIND);
  g_autofree char *year_label = cm_fiscal_year_label (stream->year);
  g_autofree char *subtitle = NULL;

  /* Only what is stored has a history. */
  gtk_widget_set_visible (GTK_WIDGET (self->history_button), self->stream->id > 0);

  adw_window_title_set_title (self->window_title,
                              stream->id > 0 ? _("Edit Funding Stream") : _("New Funding Stream"));
  /* Translators: the financial year a stream belongs to: "For 2010/11" */
  subtitle = g_strdup_printf (_("For %s"), year_label);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_editable_set_text (GTK_EDITABLE (self->code_row), stream->code != NULL ? stream->code : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), stream->name != NULL ? stream->name : "");
  adw_combo_row_set_model (self->funder_row, funders);
  adw_combo_row_set_selected (self->funder_row, index_of (CM_DOMAIN_FUNDER, stream->funder));
  adw_combo_row_set_model (self->return_row, returns);
  adw_combo_row_set_selected (self->return_row, index_of (CM_DOMAIN_RETURN_KIND, stream->return_kind));
  cm_money_row_set_pence (self->allocation_row, stream->allocation_pence);
  gtk_switch_set_active (self->ring_fenced_switch, stream->ring_fenced);

  if (g_date_valid (&stream->expiry))
    {
      g_autofree char *expiry = cm_fiscal_format_date (&stream->expiry);

      gtk_editable_set_text (GTK_EDITABLE (self->expiry_row), expiry);
    }

  if (stream->min_pvi_bp > 0)
    {
      g_autofree char *pvi = cm_budget_format_percent (stream->min_pvi_bp);

      gtk_editable_set_text (GTK_EDITABLE (self->min_pvi_row), pvi);
    }

  for (guint i = 0; categories[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   stream->eligible_categories != NULL &&
                                   g_strv_contains ((const char * const *) stream->eligible_categories, categories[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cm_domain_label (CM_DOMAIN_CATEGORY, categories[i]));
      adw_preferences_group_add (self->categories_group, row);
      g_ptr_array_add (self->category_checks, check);
    }

  input_changed_cb (self);
}

static void
cm_stream_editor_dispose (GObject *object)
{
  CmStreamEditor *self = (CmStreamEditor *)object;

  g_clear_pointer (&self->category_checks, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_STREAM_EDITOR);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_stream_editor_parent_class)->dispose (object);
}

static void
cm_stream_editor_finalize (GObject *object)
{
  CmStreamEditor *self = (CmStreamEditor *)object;

  g_clear_pointer (&self->stream, cm_budget_stream_free);
  g_free (self->loaded);

  G_OBJECT_CLASS (cm_stream_editor_parent_class)->finalize (object);
}

/* The item's recorded changes of money (HACKING.md, "Audit trail"). */
static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CmStreamEditor *self = (CmStreamEditor *) widget;
  g_autofree char *year_label = cm_fiscal_year_label (self->stream->year);
  g_autofree char *label = g_strdup_printf ("%s %s", self->stream->code, year_label);
  CmAuditDialog *dialog;

  if (self->stream->id <= 0)
    return;

  dialog = cm_audit_dialog_new (GTK_WINDOW (self), self->context,
                                CM_AUDIT_ITEM_STREAM, self->stream->id, label);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cm_stream_editor_class_init (CmStreamEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_stream_editor_dispose;
  object_class->finalize = cm_stream_editor_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = cm_stream_editor_close_request;

  g_type_ensure (CM_TYPE_MONEY_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/budget/cm-stream-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CmStreamEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CmStreamEditor, history_button);
  gtk_widget_class_bind_template_child (widget_class, CmStreamEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, CmStreamEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CmStreamEditor, funder_row);
  gtk_widget_class_bind_template_child (widget_class, CmStreamEditor, allocation_row);
  gtk_widget_class_bind_template_child (widget_class, CmStreamEditor, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, CmStreamEditor, ring_fenced_switch);
  gtk_widget_class_bind_template_child (widget_class, CmStreamEditor, min_pvi_row);
  gtk_widget_class_bind_template_child (widget_class, CmStreamEditor, return_row);
  gtk_widget_class_bind_template_child (widget_class, CmStreamEditor, categories_group);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.show-history", NULL, show_history_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
cm_stream_editor_init (CmStreamEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cm_field_error_check_text (GTK_WIDGET (self->expiry_row), "streams", "expiry");
  cm_field_error_check_text (GTK_WIDGET (self->min_pvi_row), "streams", "min_pvi_percent");

  cm_format_watch_date_entry (GTK_EDITABLE (self->expiry_row));

  self->category_checks = g_ptr_array_new ();
}

/**
 * cm_stream_editor_new:
 * @parent: (nullable): the window the editor belongs to
 * @context: the context to save through
 * @stream: (nullable): the stream to edit, or %NULL for a new one
 * @year: the financial year of a new stream
 *
 * Returns: (transfer none): a new editor, which GTK owns until it is closed; present it
 */
CmStreamEditor *
cm_stream_editor_new (GtkWindow            *parent,
                      CmContext            *context,
                      const CmBudgetStream *stream,
                      int                   year)
{
  CmStreamEditor *self;

  g_return_val_if_fail (CM_IS_CONTEXT (context), NULL);

  self = g_object_new (CM_TYPE_STREAM_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->context = g_object_ref (context);

  if (stream != NULL)
    self->stream = cm_budget_stream_copy (stream);
  else
    {
      self->stream = cm_budget_stream_new ();
      self->stream->year = year;
    }

  load (self);
  self->loaded = describe_inputs (self);

  return self;
}

/**
 * cm_stream_editor_get_stream:
 * @self: a #CmStreamEditor
 *
 * Returns: (transfer none): the stream as last loaded or saved
 */
const CmBudgetStream *
cm_stream_editor_get_stream (CmStreamEditor *self)
{
  g_return_val_if_fail (CM_IS_STREAM_EDITOR (self), NULL);

  return self->stream;
}

/**
 * cm_stream_editor_save:
 * @self: a #CmStreamEditor
 * @error: return location for a #GError
 *
 * Writes the stream as entered and tells the context's views.
 *
 * Returns: whether the stream was saved
 */
gboolean
cm_stream_editor_save (CmStreamEditor  *self,
                       GError         **error)
{
  g_autoptr(CmBudgetStream) stream = NULL;
  g_autofree char *label = NULL;
  gboolean saved;
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  const char * const *category_ids = cm_domain_values (CM_DOMAIN_CATEGORY);
  const char * const *funders = cm_domain_values (CM_DOMAIN_FUNDER);
  const char * const *returns = cm_domain_values (CM_DOMAIN_RETURN_KIND);
  guint funder = adw_combo_row_get_selected (self->funder_row);
  guint return_kind = adw_combo_row_get_selected (self->return_row);

  g_return_val_if_fail (CM_IS_STREAM_EDITOR (self), FALSE);

  stream = cm_budget_stream_copy (self->stream);

  g_free (stream->code);
  stream->code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));
  g_free (stream->name);
  stream->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (funder < cm_domain_n_values (CM_DOMAIN_FUNDER))
    {
      g_free (stream->funder);
      stream->funder = g_strdup (funders[funder]);
    }
  if (return_kind < cm_domain_n_values (CM_DOMAIN_RETURN_KIND))
    {
      g_free (stream->return_kind);
      stream->return_kind = g_strdup (returns[return_kind]);
    }
  stream->allocation_pence = cm_money_row_get_pence (self->allocation_row);
  stream->ring_fenced = gtk_switch_get_active (self->ring_fenced_switch);

  if (!read_expiry (self, &stream->expiry, error) ||
      !read_min_pvi (self, &stream->min_pvi_bp, error))
    return FALSE;

  for (guint i = 0; i < self->category_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->category_checks, i)))
      g_strv_builder_add (categories, category_ids[i]);
  g_strfreev (stream->eligible_categories);
  stream->eligible_categories = g_strv_builder_end (categories);

  /* Translators: what Undo takes back; %s is a code or reference */
  label = g_strdup_printf (stream->id != 0 ? _("Edit %s") : _("Add %s"), stream->code);
  cm_context_begin_undoable (self->context);
  saved = cm_budget_save_stream (cm_context_get_db (self->context), stream, error);
  cm_context_end_undoable (self->context, saved ? label : NULL);
  if (!saved)
    return FALSE;

  cm_budget_stream_free (self->stream);
  self->stream = g_steal_pointer (&stream);

  return TRUE;
}

/**
 * cm_stream_editor_get_field:
 * @self: a #CmStreamEditor
 * @name: "code", "name", "funder", "allocation", "expiry", "ring-fenced",
 *   "min-pvi" or "return"
 *
 * Returns: (transfer none) (nullable): the input for that field
 */
GtkWidget *
cm_stream_editor_get_field (CmStreamEditor *self,
                            const char     *name)
{
  const struct {
    const char *name;
    gpointer    widget;
  } fields[] = {
    { "code", self->code_row },
    { "name", self->name_row },
    { "funder", self->funder_row },
    { "allocation", self->allocation_row },
    { "expiry", self->expiry_row },
    { "ring-fenced", self->ring_fenced_switch },
    { "min-pvi", self->min_pvi_row },
    { "return", self->return_row },
  };

  g_return_val_if_fail (CM_IS_STREAM_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return fields[i].widget;

  return NULL;
}
