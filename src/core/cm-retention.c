/* cm-retention.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-evaluation"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-db-private.h"
#include "cm-evaluation.h"
#include "cm-fiscal.h"
#include "cm-needs-private.h"
#include "cm-retention.h"

static const int choices[] = { 0, 1, 2, 3, 6 };

/**
 * cm_retention_choices:
 * @out_n_choices: (out): how many there are
 *
 * Returns: the years a retention period may be, 0 (off) first
 */
const int *
cm_retention_choices (guint *out_n_choices)
{
  *out_n_choices = G_N_ELEMENTS (choices);
  return choices;
}

static gboolean
is_choice (int years)
{
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (choices[i] == years)
      return TRUE;

  return FALSE;
}

/**
 * cm_retention_get_years:
 * @db: a #CmDb
 * @error: return location for a #GError
 *
 * Returns: the years after their last booking that learners' personal
 *   details are kept, 0 when they are kept until erased by hand, or -1
 *   on error
 */
int
cm_retention_get_years (CmDb    *db,
                        GError **error)
{
  g_autofree char *text = NULL;
  gint64 years;

  g_return_val_if_fail (CM_IS_DB (db), -1);

  if (!cm_needs_setting_get (db, CM_RETENTION_SETTING, &text, error))
    return -1;

  /* A value this version does not offer erases nothing. */
  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, 100, &years, NULL) ||
      !is_choice ((int) years))
    return 0;

  return (int) years;
}

/* Erases within the caller's transaction. */
static gboolean
erase_older_than (CmDb         *db,
                  int           years,
                  const GDate  *today,
                  gint64       *out_n_erased,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GDate cutoff = *today;
  g_autofree char *iso = NULL;
  gint64 n_erased = 0;
  int rc;

  if (years == 0)
    goto done;

  g_date_subtract_years (&cutoff, (guint) years);
  iso = cm_fiscal_format_iso (&cutoff);

  /* A learner's last contact is the date of the latest event they were
   * booked on, whatever became of the booking; one never booked is
   * judged by the day they were added (docs/figures.md, "Retention of
   * personal details"). */
  if (!(stmt = cm_db_prepare (db,
                              "UPDATE learners SET name = NULL, email = NULL"
                              " WHERE (coalesce (name, '') <> '' OR coalesce (email, '') <> '')"
                              "   AND coalesce ((SELECT max (e.date) FROM bookings b"
                              "                    JOIN events e ON e.id = b.event_id"
                              "                   WHERE b.learner_id = learners.id),"
                              "                 added_on) < ?1"
                              " RETURNING id",
                              error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cm_db_announce (db, CM_CHANGE_EVALUATION, 0, 0, sqlite3_column_int64 (stmt, 0));
      n_erased++;
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

done:
  if (out_n_erased != NULL)
    *out_n_erased = n_erased;
  return TRUE;
}

/**
 * cm_retention_apply:
 * @db: a #CmDb
 * @today: the date to judge by
 * @out_n_erased: (out) (optional): how many learners' details were erased
 * @error: return location for a #GError
 *
 * Erases the name and email of every learner with no booking on an event
 * in the retention period before @today (docs/figures.md, "Retention of
 * personal details"), in one transaction. Refs, bookings, feedback and
 * follow-ups stay, so every figure stays the same. Announces
 * `evaluation 0 0 ID` for each learner erased. Nothing is erased when
 * the setting is off.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_retention_apply (CmDb         *db,
                    const GDate  *today,
                    gint64       *out_n_erased,
                    GError      **error)
{
  gboolean own = FALSE;
  int years;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  if ((years = cm_retention_get_years (db, error)) < 0 ||
      !erase_older_than (db, years, today, out_n_erased, error) ||
      !cm_needs_tx_commit (db, own, error))
    {
      cm_needs_tx_rollback (db, own);
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_retention_set_years:
 * @db: a #CmDb
 * @years: one of cm_retention_choices(); 0 turns erasing off
 * @today: the date to judge by
 * @out_n_erased: (out) (optional): how many learners' details were erased
 * @error: return location for a #GError
 *
 * Stores the retention period and erases at once what it no longer
 * keeps, in one transaction.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_retention_set_years (CmDb         *db,
                        int           years,
                        const GDate  *today,
                        gint64       *out_n_erased,
                        GError      **error)
{
  g_autofree char *text = NULL;
  gboolean own = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!is_choice (years))
    {
      g_set_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID,
                   _("Personal details can be kept for 1, 2, 3 or 6 years after the last booking, or until erased by hand (0), not %d"),
                   years);
      return FALSE;
    }

  text = g_strdup_printf ("%d", years);

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  if (!cm_needs_setting_set (db, CM_RETENTION_SETTING, text, error) ||
      !erase_older_than (db, years, today, out_n_erased, error) ||
      !cm_needs_tx_commit (db, own, error))
    {
      cm_needs_tx_rollback (db, own);
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_retention_format_erased:
 * @n_erased: how many learners' details were erased
 *
 * Returns: (transfer full): what to tell the person, such as "Erased the
 *   personal details of 3 learners"
 */
char *
cm_retention_format_erased (gint64 n_erased)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Erased the personal details of %" G_GINT64_FORMAT " learner",
                                       "Erased the personal details of %" G_GINT64_FORMAT " learners",
                                       (gulong) n_erased),
                          n_erased);
}
