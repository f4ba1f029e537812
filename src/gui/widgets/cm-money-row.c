/* cm-money-row.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-field-error.h"
#include "cm-format.h"
#include "cm-import.h"
#include "cm-money.h"
#include "cm-money-row.h"

/* An entry row for an amount of money. What is typed is checked as the
 * CSV column it stands for ("csv-column") is, so "1234.5" and
 * "£1,234.50" both work, and is shown as "£1,234.50" once the focus
 * leaves the row; text that is not money, or out of the column's range,
 * is kept with what is wrong said beside it (cm-field-error.c) and
 * leaves "pence" as it was; Escape puts the last good amount back. An
 * empty row is £0.00. */
struct _CmMoneyRow
{
  AdwEntryRow  parent_instance;

  gint64       pence;
  gint64       last_typed;   /* the last amount typed or set, for Escape */
  gboolean     valid;
  gboolean     allow_negative;
  gboolean     updating;
  char        *csv_column;   /* "kind:column", or NULL for the default */
};

G_DEFINE_FINAL_TYPE (CmMoneyRow, cm_money_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_PENCE,
  PROP_VALID,
  PROP_ALLOW_NEGATIVE,
  PROP_CSV_COLUMN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_valid (CmMoneyRow *self,
           const char *message)
{
  gboolean valid = message == NULL;

  cm_field_error_set (GTK_WIDGET (self), message);

  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
set_pence_internal (CmMoneyRow *self,
                    gint64      pence)
{
  if (self->pence != pence)
    {
      self->pence = pence;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENCE]);
    }
}

static void
changed_cb (CmMoneyRow *self)
{
  g_autofree char *text = NULL;
  gint64 pence = 0;

  if (self->updating)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));

  if (*text != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) parts = NULL;

      /* Without a column of its own: the rule of any amount in a CSV
       * file, a split's (never negative) or spend's (either sign). */
      if (self->csv_column != NULL)
        parts = g_strsplit (self->csv_column, ":", 2);
      else
        parts = g_strsplit (self->allow_negative ? "spend:amount" : "splits:amount", ":", 2);

      if (g_strv_length (parts) != 2 || !cm_import_check_field (parts[0], parts[1], text, &pence, &error))
        {
          set_valid (self, error != NULL ? error->message : text);
          return;
        }
    }

  /* Typing over an amount empties the row first: Escape goes back to
   * the amount before, not to that £0.00. */
  if (*text != '\0')
    self->last_typed = pence;
  set_valid (self, NULL);
  set_pence_internal (self, pence);
}

static void
restore_cb (GtkWidget *field,
            gpointer   user_data)
{
  CmMoneyRow *self = CM_MONEY_ROW (field);

  cm_money_row_set_pence (self, self->last_typed);
}

static void
cm_money_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CmMoneyRow *self = CM_MONEY_ROW (object);

  switch (prop_id)
    {
    case PROP_PENCE:
      g_value_set_int64 (value, self->pence);
      break;

    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    case PROP_ALLOW_NEGATIVE:
      g_value_set_boolean (value, self->allow_negative);
      break;

    case PROP_CSV_COLUMN:
      g_value_set_string (value, self->csv_column);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_money_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CmMoneyRow *self = CM_MONEY_ROW (object);

  switch (prop_id)
    {
    case PROP_PENCE:
      cm_money_row_set_pence (self, g_value_get_int64 (value));
      break;

    case PROP_ALLOW_NEGATIVE:
      cm_money_row_set_allow_negative (self, g_value_get_boolean (value));
      break;

    case PROP_CSV_COLUMN:
      if (g_strcmp0 (self->csv_column, g_value_get_string (value)) != 0)
        {
          g_free (self->csv_column);
          self->csv_column = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
          changed_cb (self);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_money_row_finalize (GObject *object)
{
  CmMoneyRow *self = CM_MONEY_ROW (object);

  g_free (self->csv_column);

  G_OBJECT_CLASS (cm_money_row_parent_class)->finalize (object);
}

static void
cm_money_row_class_init (CmMoneyRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cm_money_row_finalize;
  object_class->get_property = cm_money_row_get_property;
  object_class->set_property = cm_money_row_set_property;

  properties[PROP_PENCE] =
    g_param_spec_int64 ("pence", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_ALLOW_NEGATIVE] =
    g_param_spec_boolean ("allow-negative", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * CmMoneyRow:csv-column:
   *
   * The CSV column whose rules the amount follows, as "kind:column"
   * ("commissions:fee_per_event"); see cm_import_check_field().
   */
  properties[PROP_CSV_COLUMN] =
    g_param_spec_string ("csv-column", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_money_row_init (CmMoneyRow *self)
{
  self->valid = TRUE;

  gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");
  g_signal_connect (self, "changed", G_CALLBACK (changed_cb), NULL);
  cm_format_watch_money_entry (GTK_EDITABLE (self));
  cm_field_error_set_restore (GTK_WIDGET (self), restore_cb, NULL);

  cm_money_row_set_pence (self, 0);
}

/**
 * cm_money_row_new:
 *
 * Returns: (transfer floating): a new row showing £0.00
 */
GtkWidget *
cm_money_row_new (void)
{
  return g_object_new (CM_TYPE_MONEY_ROW, NULL);
}

/**
 * cm_money_row_get_pence:
 * @self: a #CmMoneyRow
 *
 * Returns: the last valid amount typed or set, in pence
 */
gint64
cm_money_row_get_pence (CmMoneyRow *self)
{
  g_return_val_if_fail (CM_IS_MONEY_ROW (self), 0);

  return self->pence;
}

/**
 * cm_money_row_set_pence:
 * @self: a #CmMoneyRow
 * @pence: an amount
 *
 * Shows @pence as "£1,234.56".
 */
void
cm_money_row_set_pence (CmMoneyRow *self,
                        gint64      pence)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CM_IS_MONEY_ROW (self));

  text = cm_money_format (pence);
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self), text);
  self->updating = FALSE;

  self->last_typed = pence;
  set_valid (self, NULL);
  set_pence_internal (self, pence);
}

/**
 * cm_money_row_get_valid:
 * @self: a #CmMoneyRow
 *
 * Returns: whether the text is an amount the row accepts
 */
gboolean
cm_money_row_get_valid (CmMoneyRow *self)
{
  g_return_val_if_fail (CM_IS_MONEY_ROW (self), FALSE);

  return self->valid;
}

/**
 * cm_money_row_get_allow_negative:
 * @self: a #CmMoneyRow
 *
 * Returns: whether negative amounts (credits) are accepted
 */
gboolean
cm_money_row_get_allow_negative (CmMoneyRow *self)
{
  g_return_val_if_fail (CM_IS_MONEY_ROW (self), FALSE);

  return self->allow_negative;
}

/**
 * cm_money_row_set_allow_negative:
 * @self: a #CmMoneyRow
 * @allow_negative: whether to accept negative amounts
 *
 * Sets whether negative amounts are accepted; costs are not, spend is.
 */
void
cm_money_row_set_allow_negative (CmMoneyRow *self,
                                 gboolean    allow_negative)
{
  g_return_if_fail (CM_IS_MONEY_ROW (self));

  allow_negative = !!allow_negative;
  if (self->allow_negative == allow_negative)
    return;

  self->allow_negative = allow_negative;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_NEGATIVE]);
  changed_cb (self);
}
