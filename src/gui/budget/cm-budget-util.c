/* cm-budget-util.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-budget-util.h"

/* Small pieces shared by the Budget page's views and editors. */

/**
 * cm_budget_parse_percent:
 * @text: what was typed: "50", "50%", "33.33", "12.5"
 * @out_bp: (out): the percentage in basis points (5000 = 50%)
 *
 * Reads a percentage from 0 to 100 with at most two decimals, exactly
 * (no floating point), in the same form in every locale.
 *
 * Returns: whether @text is such a percentage
 */
gboolean
cm_budget_parse_percent (const char *text,
                         int        *out_bp)
{
  g_autofree char *copy = NULL;
  const char *p;
  gint64 whole = 0;
  gint64 fraction = 0;
  int n_digits = 0;
  int n_fraction = 0;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_bp != NULL, FALSE);

  copy = g_strstrip (g_strdup (text));
  len = strlen (copy);
  if (len > 0 && copy[len - 1] == '%')
    {
      copy[len - 1] = '\0';
      g_strchomp (copy);
    }

  for (p = copy; g_ascii_isdigit (*p); p++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole > 100)
        return FALSE;
      n_digits++;
    }

  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++)
        {
          if (++n_fraction > 2)
            return FALSE;
          fraction = fraction * 10 + (*p - '0');
        }
      if (n_fraction == 1)
        fraction *= 10;
    }

  if (*p != '\0' || (n_digits == 0 && n_fraction == 0))
    return FALSE;

  if (whole * 100 + fraction > 10000)
    return FALSE;

  *out_bp = (int) (whole * 100 + fraction);
  return TRUE;
}

/**
 * cm_budget_today:
 * @out_date: (out): set to today's local date
 *
 * The date the warnings are worked out for.
 */
void
cm_budget_today (GDate *out_date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}
