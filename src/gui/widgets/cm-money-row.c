/* cm-money-row.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-format.h"
#include "cm-money.h"
#include "cm-money-row.h"

/* An entry row for an amount of money. What is typed is read with
 * cm_money_parse(), so "1234.5" and "£1,234.50" both work, and is shown
 * as "£1,234.50" once the focus leaves the row; text that is not money
 * (or a negative amount where none is allowed) is marked with the error
 * style and leaves "pence" as it was. An empty row is £0.00. */
struct _CmMoneyRow
{
  AdwEntryRow  parent_instance;

  gint64       pence;
  gboolean     valid;
  gboolean     allow_negative;
  gboolean     updating;
};

G_DEFINE_FINAL_TYPE (CmMoneyRow, cm_money_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_PENCE,
  PROP_VALID,
  PROP_ALLOW_NEGATIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_valid (CmMoneyRow *self,
           gboolean    valid)
{
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");

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

  if (*text == '\0')
    pence = 0;
  else if (!cm_money_parse (text, &pence, NULL) || (pence < 0 && !self->allow_negative))
    {
      set_valid (self, FALSE);
      return;
    }

  set_valid (self, TRUE);
  set_pence_internal (self, pence);
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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_money_row_class_init (CmMoneyRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_money_row_init (CmMoneyRow *self)
{
  self->valid = TRUE;

  gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");
  g_signal_connect (self, "changed", G_CALLBACK (changed_cb), NULL);
  cm_format_watch_money_entry (GTK_EDITABLE (self));

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

  set_valid (self, TRUE);
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
