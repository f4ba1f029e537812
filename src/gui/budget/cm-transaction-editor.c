/* cm-transaction-editor.c
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
#include "cm-money.h"
#include "cm-money-row.h"
#include "cm-search-drop-down.h"
#include "cm-transaction-editor.h"

/* Adds or edits one spend transaction: an invoice, a credit note, a
 * journal or charge income, and the commission or stream it is charged to. */
struct _CmTransactionEditor
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *history_button;
  AdwEntryRow         *date_row;
  CmMoneyRow          *amount_row;
  AdwComboRow         *kind_row;
  AdwEntryRow         *supplier_row;
  AdwEntryRow         *reference_row;
  GtkDropDown         *commission_drop_down;
  GtkDropDown         *stream_drop_down;

  CmContext           *context;
  GCancellable        *cancellable;       /* the read of the streams' figures */
  GPtrArray           *streams;           /* of CmBudgetStream, as offered */
  CmBudgetTransaction *transaction;
  GPtrArray           *commission_codes;  /* of char *, [0] = NULL for none */
  GPtrArray           *stream_codes;      /* likewise */
  GArray              *stream_ids;        /* of gint64, beside stream_codes: a
                                           * code is unique only within a year */
  char                *loaded;            /* the inputs as loaded, to see an edit */
  gboolean             may_close;         /* saved, or told to discard */
};

G_DEFINE_FINAL_TYPE (CmTransactionEditor, cm_transaction_editor, ADW_TYPE_WINDOW)

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static void
input_changed_cb (CmTransactionEditor *self)
{
  gboolean valid;

  valid = (cm_field_error_get_value (GTK_WIDGET (self->date_row), NULL) &&
           cm_money_row_get_valid (self->amount_row) &&
           !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->supplier_row))) &&
           !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->reference_row))));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 valid && !cm_context_is_read_only (self->context));
}

/* Everything a person can change, as text: equal texts, nothing to lose. */
static char *
describe_inputs (CmTransactionEditor *self)
{
  return g_strdup_printf ("%s\x1f%s\x1f%u\x1f%s\x1f%s\x1f%u\x1f%u",
                          gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->amount_row)),
                          adw_combo_row_get_selected (self->kind_row),
                          gtk_editable_get_text (GTK_EDITABLE (self->supplier_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->reference_row)),
                          gtk_drop_down_get_selected (self->commission_drop_down),
                          gtk_drop_down_get_selected (self->stream_drop_down));
}

static void
discard (GtkWindow *window)
{
  CM_TRANSACTION_EDITOR (window)->may_close = TRUE;
  gtk_window_close (window);
}

/* Escape, Cancel and the close button: changes are only thrown away once
 * the person says so. */
static gboolean
cm_transaction_editor_close_request (GtkWindow *window)
{
  CmTransactionEditor *self = CM_TRANSACTION_EDITOR (window);

  if (!self->may_close && self->loaded != NULL)
    {
      g_autofree char *now = describe_inputs (self);

      if (cm_dialogs_ask_discard (window, self->loaded, now,
                                  _("The changes to this transaction have not been saved."), discard))
        return TRUE;
    }

  return GTK_WINDOW_CLASS (cm_transaction_editor_parent_class)->close_request (window);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmTransactionEditor *self = CM_TRANSACTION_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!cm_transaction_editor_save (self, &error))
    {
      cm_dialogs_show_error (GTK_WIDGET (self), _("Could Not Save the Transaction"), error);
      return;
    }

  self->may_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static guint
index_of_code (GPtrArray  *codes,
               const char *code)
{
  if (code == NULL || *code == '\0')
    return 0;

  for (guint i = 1; i < codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (codes, i), code) == 0)
      return i;

  return 0;
}

/* Lists the streams, with what each has Available once @summary, the
 * year's figures, is read (docs/figures.md, "Budget planner"). */
static void
show_streams (CmTransactionEditor   *self,
              const CmBudgetSummary *summary)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->stream_drop_down);

  gtk_string_list_append (labels, _("None"));
  for (guint i = 1; i < self->stream_codes->len; i++)
    {
      const char *code = g_ptr_array_index (self->stream_codes, i);
      const CmBudgetStream *stream = i - 1 < self->streams->len ? g_ptr_array_index (self->streams, i - 1) : NULL;
      const CmBudgetFigures *figures = NULL;
      g_autofree char *label = NULL;

      /* The year's figures are for the year's own streams only. */
      for (guint j = 0; stream != NULL && summary != NULL && j < summary->streams->len && figures == NULL; j++)
        {
          const CmBudgetFigures *row = g_ptr_array_index (summary->streams, j);

          if (g_strcmp0 (row->code, code) == 0)
            figures = row;
        }

      if (figures != NULL)
        {
          g_autofree char *available = cm_money_format (figures->available_pence);

          /* Translators: a funding stream in a list: "DH-WDG — £12,400.00 available" */
          label = g_strdup_printf (_("%s — %s available"), code, available);
        }
      else if (stream != NULL)
        label = g_strdup_printf (_("%s — %s"), code, stream->name);
      else if (index_of_code (self->stream_codes, code) < i)
        /* Translators: a stream of another financial year than the one shown: "DH-WDG (another year)" */
        label = g_strdup_printf (_("%s (another year)"), code);
      else
        label = g_strdup (code);
      gtk_string_list_append (labels, label);
    }

  cm_search_drop_down_set_labels (self->stream_drop_down, labels);
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->stream_drop_down, selected);
}

static gpointer
read_summary (CmDb          *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return cm_budget_summary (db, GPOINTER_TO_INT (data), error);
}

static void
summary_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  CmBudgetSummary *summary = cm_context_read_finish (CM_CONTEXT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without figures, the streams keep their names. */
  if (summary != NULL)
    {
      show_streams (CM_TRANSACTION_EDITOR (user_data), summary);
      cm_budget_summary_free (summary);
    }
}

static void
load (CmTransactionEditor *self,
      int                  year,
      GPtrArray           *commissions,
      GPtrArray           *streams)
{
  const CmBudgetTransaction *transaction = self->transaction;
  const char * const *kinds = cm_domain_values (CM_DOMAIN_TRANSACTION_KIND);
  g_autoptr(GtkStringList) kind_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) commission_labels = gtk_string_list_new (NULL);
  g_autofree char *year_label = cm_fiscal_year_label (year);
  const gint64 no_stream = 0;
  guint kind_index = 0;
  guint stream_index = 0;

  /* Only what is stored has a history. */
  gtk_widget_set_visible (GTK_WIDGET (self->history_button), self->transaction->id > 0);

  adw_window_title_set_title (self->window_title,
                              transaction->id > 0 ? _("Edit Transaction") : _("New Transaction"));
  adw_window_title_set_subtitle (self->window_title, year_label);

  if (g_date_valid (&transaction->date))
    {
      g_autofree char *date = cm_fiscal_format_date (&transaction->date);

      gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
    }
  cm_money_row_set_pence (self->amount_row, transaction->amount_pence);
  gtk_editable_set_text (GTK_EDITABLE (self->supplier_row), transaction->supplier != NULL ? transaction->supplier : "");
  gtk_editable_set_text (GTK_EDITABLE (self->reference_row), transaction->reference != NULL ? transaction->reference : "");

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      gtk_string_list_append (kind_labels, cm_domain_label (CM_DOMAIN_TRANSACTION_KIND, kinds[i]));
      if (g_strcmp0 (kinds[i], transaction->kind) == 0)
        kind_index = i;
    }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_labels));
  adw_combo_row_set_selected (self->kind_row, kind_index);

  gtk_string_list_append (commission_labels, _("None"));
  g_ptr_array_add (self->commission_codes, NULL);
  for (guint i = 0; commissions != NULL && i < commissions->len; i++)
    {
      const CmBudgetCommission *commission = g_ptr_array_index (commissions, i);
      g_autofree char *label = NULL;

      /* Translators: a commission in a list: "LSCB-LEVA — Safeguarding Level A" */
      label = g_strdup_printf (_("%s — %s"), commission->code, commission->title);
      gtk_string_list_append (commission_labels, label);
      g_ptr_array_add (self->commission_codes, g_strdup (commission->code));
    }
  /* A transaction of a commission of another year keeps its commission. */
  if (transaction->commission_code != NULL && index_of_code (self->commission_codes, transaction->commission_code) == 0)
    {
      gtk_string_list_append (commission_labels, transaction->commission_code);
      g_ptr_array_add (self->commission_codes, g_strdup (transaction->commission_code));
    }
  cm_search_drop_down_set_labels (self->commission_drop_down, commission_labels);
  gtk_drop_down_set_selected (self->commission_drop_down,
                              index_of_code (self->commission_codes, transaction->commission_code));

  g_ptr_array_add (self->stream_codes, NULL);
  g_array_append_val (self->stream_ids, no_stream);
  for (guint i = 0; streams != NULL && i < streams->len; i++)
    {
      const CmBudgetStream *stream = g_ptr_array_index (streams, i);

      g_ptr_array_add (self->streams, cm_budget_stream_copy (stream));
      g_ptr_array_add (self->stream_codes, g_strdup (stream->code));
      g_array_append_val (self->stream_ids, stream->id);
    }
  /* The transaction's own stream is found by id when it has one: another
   * year's keeps its place even where this year has one of its code. */
  if (transaction->stream_id <= 0)
    stream_index = index_of_code (self->stream_codes, transaction->stream_code);
  for (guint i = 1; transaction->stream_id > 0 && i < self->stream_ids->len; i++)
    if (g_array_index (self->stream_ids, gint64, i) == transaction->stream_id)
      stream_index = i;
  if (stream_index == 0 && transaction->stream_code != NULL && *transaction->stream_code != '\0')
    {
      g_ptr_array_add (self->stream_codes, g_strdup (transaction->stream_code));
      g_array_append_val (self->stream_ids, transaction->stream_id);
      stream_index = self->stream_ids->len - 1;
    }
  show_streams (self, NULL);
  gtk_drop_down_set_selected (self->stream_drop_down, stream_index);

  input_changed_cb (self);
}

static void
cm_transaction_editor_dispose (GObject *object)
{
  CmTransactionEditor *self = (CmTransactionEditor *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_TRANSACTION_EDITOR);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (cm_transaction_editor_parent_class)->dispose (object);
}

static void
cm_transaction_editor_finalize (GObject *object)
{
  CmTransactionEditor *self = (CmTransactionEditor *)object;

  g_clear_pointer (&self->transaction, cm_budget_transaction_free);
  g_clear_pointer (&self->commission_codes, g_ptr_array_unref);
  g_clear_pointer (&self->stream_codes, g_ptr_array_unref);
  g_clear_pointer (&self->stream_ids, g_array_unref);
  g_clear_pointer (&self->streams, g_ptr_array_unref);

  g_free (self->loaded);

  G_OBJECT_CLASS (cm_transaction_editor_parent_class)->finalize (object);
}

/* The item's recorded changes of money (HACKING.md, "Audit trail"). */
static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CmTransactionEditor *self = (CmTransactionEditor *) widget;
  g_autofree char *label = g_strstrip (g_strdup_printf ("%s %s", self->transaction->supplier,
                                                         self->transaction->reference));
  CmAuditDialog *dialog;

  if (self->transaction->id <= 0)
    return;

  dialog = cm_audit_dialog_new (GTK_WINDOW (self), self->context,
                                CM_AUDIT_ITEM_TRANSACTION, self->transaction->id, label);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cm_transaction_editor_class_init (CmTransactionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_transaction_editor_dispose;
  object_class->finalize = cm_transaction_editor_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = cm_transaction_editor_close_request;

  g_type_ensure (CM_TYPE_MONEY_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/budget/cm-transaction-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CmTransactionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CmTransactionEditor, history_button);
  gtk_widget_class_bind_template_child (widget_class, CmTransactionEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, CmTransactionEditor, amount_row);
  gtk_widget_class_bind_template_child (widget_class, CmTransactionEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CmTransactionEditor, supplier_row);
  gtk_widget_class_bind_template_child (widget_class, CmTransactionEditor, reference_row);
  gtk_widget_class_bind_template_child (widget_class, CmTransactionEditor, commission_drop_down);
  gtk_widget_class_bind_template_child (widget_class, CmTransactionEditor, stream_drop_down);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.show-history", NULL, show_history_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
cm_transaction_editor_init (CmTransactionEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cm_field_error_check_text (GTK_WIDGET (self->date_row), "spend", "date");

  cm_format_watch_date_entry (GTK_EDITABLE (self->date_row));

  self->commission_codes = g_ptr_array_new_with_free_func (g_free);
  self->stream_codes = g_ptr_array_new_with_free_func (g_free);
  self->stream_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->streams = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_stream_free);
  self->cancellable = g_cancellable_new ();
}

/**
 * cm_transaction_editor_new:
 * @parent: (nullable): the window the editor belongs to
 * @context: the context to save through
 * @transaction: (nullable): the transaction to edit, or %NULL for a new one
 * @year: the financial year shown
 * @commissions: (element-type CmBudgetCommission) (nullable): the
 *   commissions it may be charged to
 * @streams: (element-type CmBudgetStream) (nullable): the streams it may
 *   be charged to
 *
 * Returns: (transfer none): a new editor, which GTK owns until it is closed; present it
 */
CmTransactionEditor *
cm_transaction_editor_new (GtkWindow                 *parent,
                           CmContext                 *context,
                           const CmBudgetTransaction *transaction,
                           int                        year,
                           GPtrArray                 *commissions,
                           GPtrArray                 *streams)
{
  CmTransactionEditor *self;

  g_return_val_if_fail (CM_IS_CONTEXT (context), NULL);

  self = g_object_new (CM_TYPE_TRANSACTION_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->context = g_object_ref (context);

  if (transaction != NULL)
    self->transaction = cm_budget_transaction_copy (transaction);
  else
    {
      GDate today;

      self->transaction = cm_budget_transaction_new ();
      /* Today, when it falls in the year shown. */
      cm_budget_today (&today);
      if (cm_fiscal_year_of (&today) == year)
        self->transaction->date = today;
    }

  load (self, year, commissions, streams);
  self->loaded = describe_inputs (self);

  /* The year's figures take a while for a county: read them aside. */
  cm_context_read_async (context, read_summary, GINT_TO_POINTER (year), NULL,
                         (GDestroyNotify) cm_budget_summary_free, self->cancellable,
                         summary_read_cb, self);

  return self;
}

/**
 * cm_transaction_editor_get_transaction:
 * @self: a #CmTransactionEditor
 *
 * Returns: (transfer none): the transaction as last loaded or saved
 */
const CmBudgetTransaction *
cm_transaction_editor_get_transaction (CmTransactionEditor *self)
{
  g_return_val_if_fail (CM_IS_TRANSACTION_EDITOR (self), NULL);

  return self->transaction;
}

/**
 * cm_transaction_editor_save:
 * @self: a #CmTransactionEditor
 * @error: return location for a #GError
 *
 * Writes the transaction as entered and tells the context's views.
 *
 * Returns: whether the transaction was saved
 */
gboolean
cm_transaction_editor_save (CmTransactionEditor  *self,
                            GError              **error)
{
  g_autoptr(CmBudgetTransaction) transaction = NULL;
  g_autofree char *label = NULL;
  gboolean saved;
  const char * const *kinds = cm_domain_values (CM_DOMAIN_TRANSACTION_KIND);
  const char *date_text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint commission = gtk_drop_down_get_selected (self->commission_drop_down);
  guint stream = gtk_drop_down_get_selected (self->stream_drop_down);
  gint64 julian = 0;

  g_return_val_if_fail (CM_IS_TRANSACTION_EDITOR (self), FALSE);

  transaction = cm_budget_transaction_copy (self->transaction);

  /* In the words the field shows beside it. */
  if (!cm_import_check_field ("spend", "date", date_text, &julian, error))
    return FALSE;
  g_date_set_julian (&transaction->date, (guint32) julian);

  transaction->amount_pence = cm_money_row_get_pence (self->amount_row);
  g_free (transaction->supplier);
  transaction->supplier = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->supplier_row))));
  g_free (transaction->reference);
  transaction->reference = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reference_row))));
  if (kind < cm_domain_n_values (CM_DOMAIN_TRANSACTION_KIND))
    {
      g_free (transaction->kind);
      transaction->kind = g_strdup (kinds[kind]);
    }

  /* Codes are looked up again, so a changed choice counts; a stream by
   * the id of the one listed, as its code may name another year's too. */
  transaction->commission_id = 0;
  g_free (transaction->commission_code);
  transaction->commission_code = commission < self->commission_codes->len
    ? g_strdup (g_ptr_array_index (self->commission_codes, commission))
    : NULL;
  transaction->stream_id = stream < self->stream_ids->len
    ? g_array_index (self->stream_ids, gint64, stream)
    : 0;
  g_free (transaction->stream_code);
  transaction->stream_code = stream < self->stream_codes->len
    ? g_strdup (g_ptr_array_index (self->stream_codes, stream))
    : NULL;

  /* Translators: what Undo takes back; %s is a code or reference */
  label = g_strdup_printf (transaction->id != 0 ? _("Edit %s") : _("Add %s"), transaction->reference);
  cm_context_begin_undoable (self->context);
  saved = cm_budget_save_transaction (cm_context_get_db (self->context), transaction, error);
  cm_context_end_undoable (self->context, saved ? label : NULL);
  if (!saved)
    return FALSE;

  cm_budget_transaction_free (self->transaction);
  self->transaction = g_steal_pointer (&transaction);

  return TRUE;
}

/**
 * cm_transaction_editor_get_field:
 * @self: a #CmTransactionEditor
 * @name: "date", "amount", "kind", "supplier", "reference", "commission"
 *   or "stream"
 *
 * Returns: (transfer none) (nullable): the input for that field
 */
GtkWidget *
cm_transaction_editor_get_field (CmTransactionEditor *self,
                                 const char          *name)
{
  const struct {
    const char *name;
    gpointer    widget;
  } fields[] = {
    { "date", self->date_row },
    { "amount", self->amount_row },
    { "kind", self->kind_row },
    { "supplier", self->supplier_row },
    { "reference", self->reference_row },
    { "commission", self->commission_drop_down },
    { "stream", self->stream_drop_down },
  };

  g_return_val_if_fail (CM_IS_TRANSACTION_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return fields[i].widget;

  return NULL;
}

/**
 * cm_transaction_editor_select_commission:
 * @self: a #CmTransactionEditor
 * @code: (nullable): a commission's code, or %NULL for none
 *
 * Chooses the commission as its drop-down does.
 *
 * Returns: whether @code is offered
 */
gboolean
cm_transaction_editor_select_commission (CmTransactionEditor *self,
                                         const char          *code)
{
  guint index;

  g_return_val_if_fail (CM_IS_TRANSACTION_EDITOR (self), FALSE);

  index = index_of_code (self->commission_codes, code);
  gtk_drop_down_set_selected (self->commission_drop_down, index);
  return index > 0 || code == NULL;
}

/**
 * cm_transaction_editor_select_stream:
 * @self: a #CmTransactionEditor
 * @code: (nullable): a stream's code, or %NULL for none
 *
 * Chooses the stream as its drop-down does.
 *
 * Returns: whether @code is offered
 */
gboolean
cm_transaction_editor_select_stream (CmTransactionEditor *self,
                                     const char          *code)
{
  guint index;

  g_return_val_if_fail (CM_IS_TRANSACTION_EDITOR (self), FALSE);

  index = index_of_code (self->stream_codes, code);
  gtk_drop_down_set_selected (self->stream_drop_down, index);
  return index > 0 || code == NULL;
}
