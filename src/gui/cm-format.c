/* cm-format.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-fiscal.h"
#include "cm-format.h"
#include "cm-money.h"

/**
 * cm_format_count:
 * @value: a whole number, such as a headcount
 *
 * Groups thousands with commas, as money is shown (en_GB), whatever the
 * C library's locale: "1,902".
 *
 * Returns: (transfer full): the number as shown
 */
char *
cm_format_count (gint64 value)
{
  g_autofree char *digits = NULL;
  GString *str;
  gsize len;
  guint64 magnitude;

  magnitude = value < 0 ? (guint64) -(value + 1) + 1 : (guint64) value;
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);
  len = strlen (digits);
  str = g_string_new (value < 0 ? "-" : NULL);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (str, ',');
      g_string_append_c (str, digits[i]);
    }

  return g_string_free (str, FALSE);
}

/* What is typed stays as typed while the field has the focus; once the
 * focus leaves, a value that can be read is shown the one way values are
 * shown (docs/figures.md, "Money" and "Dates and periods"). */
typedef char *(*ReformatFunc) (const char *text);

static char *
reformat_date (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  if (!cm_fiscal_parse_entered_date (text, &date, NULL))
    return NULL;

  return cm_fiscal_format_date (&date);
}

static char *
reformat_money (const char *text)
{
  gint64 pence;

  if (!cm_money_parse (text, &pence, NULL))
    return NULL;

  return cm_money_format (pence);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                ReformatFunc             reformat)
{
  GtkEditable *editable = GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  g_autofree char *shown = reformat (gtk_editable_get_text (editable));

  if (shown != NULL && g_strcmp0 (shown, gtk_editable_get_text (editable)) != 0)
    gtk_editable_set_text (editable, shown);
}

static void
watch (GtkEditable  *editable,
       ReformatFunc  reformat)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), reformat);
  gtk_widget_add_controller (GTK_WIDGET (editable), controller);
}

/**
 * cm_format_watch_date_entry:
 * @editable: an entry or entry row for a date
 *
 * When the focus leaves @editable, a date typed as "2010-11-15",
 * "15/11/2010" or "15 november 2010" is shown as "15 Nov 2010". Text that
 * is not a date is left alone, for the editor to mark.
 */
void
cm_format_watch_date_entry (GtkEditable *editable)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));

  watch (editable, reformat_date);
}

/**
 * cm_format_watch_money_entry:
 * @editable: an entry or entry row for an amount
 *
 * When the focus leaves @editable, an amount typed as "1234.5" is shown
 * as "£1,234.50". Text that is not money is left alone.
 */
void
cm_format_watch_money_entry (GtkEditable *editable)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));

  watch (editable, reformat_money);
}

static gboolean
money_spin_output_cb (GtkSpinButton *spin)
{
  gint64 pence = (gint64) llround (gtk_spin_button_get_value (spin) * 100.0);
  g_autofree char *text = cm_money_format (pence);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static int
money_spin_input_cb (GtkSpinButton *spin,
                     double        *new_value)
{
  gint64 pence;

  if (!cm_money_parse (gtk_editable_get_text (GTK_EDITABLE (spin)), &pence, NULL))
    return GTK_INPUT_ERROR;

  *new_value = pence / 100.0;
  return TRUE;
}

/**
 * cm_format_money_spin_button:
 * @spin: a spin button holding pounds, with two digits
 *
 * Shows the amount as money, "£45.00", and reads what is typed the way
 * money rows do ("45", "£1,234.50").
 */
void
cm_format_money_spin_button (GtkSpinButton *spin)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  gtk_spin_button_set_numeric (spin, FALSE);
  g_signal_connect (spin, "output", G_CALLBACK (money_spin_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (money_spin_input_cb), NULL);
  money_spin_output_cb (spin);
}
