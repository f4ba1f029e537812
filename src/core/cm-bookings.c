/* cm-bookings.c
 *
 * Events, learners, bookings and attendance, with the waiting list
 * (docs/figures.md, "Evaluation").
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-evaluation"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-domain.h"
#include "cm-evaluation-private.h"
#include "cm-fiscal.h"
#include "cm-needs-private.h"

G_DEFINE_QUARK (cm-evaluation-error-quark, cm_evaluation_error)

/* Statuses that hold one of the event's places. */
#define HOLDS_PLACE_SQL "status IN ('booked', 'attended', 'dna')"

/**
 * cm_event_free:
 * @event: (nullable): what to free
 */
void
cm_event_free (CmEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->code);
  g_free (event->commission_code);
  g_free (event->venue);
  g_free (event);
}

/**
 * cm_learner_free:
 * @learner: (nullable): what to free
 */
void
cm_learner_free (CmLearner *learner)
{
  if (learner == NULL)
    return;

  g_free (learner->ref);
  g_free (learner->organisation_name);
  g_free (learner->organisation_kind);
  g_free (learner->staff_group_name);
  g_free (learner->name);
  g_free (learner->email);
  g_free (learner);
}

/**
 * cm_booking_free:
 * @booking: (nullable): what to free
 */
void
cm_booking_free (CmBooking *booking)
{
  if (booking == NULL)
    return;

  g_free (booking->learner_ref);
  g_free (booking->learner_name);
  g_free (booking->organisation_name);
  g_free (booking->organisation_kind);
  g_free (booking->status);
  g_free (booking);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

int
cm_evaluation_event_year (CmDb   *db,
                          gint64  event_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GDate date;
  int year = 0;

  if (!(stmt = cm_db_prepare (db, "SELECT date FROM events WHERE id = ?1", NULL)))
    return 0;

  sqlite3_bind_int64 (stmt, 1, event_id);
  g_date_clear (&date, 1);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      cm_fiscal_parse_date ((const char *) sqlite3_column_text (stmt, 0), &date, NULL))
    year = cm_fiscal_year_of (&date);

  return year;
}

/* The first and last day of the year, or of its half 1 or 2, as ISO. */
void
cm_evaluation_period_bounds (int    year,
               int    half,
               char **out_start,
               char **out_end)
{
  GDate start;
  GDate end;

  g_date_clear (&start, 1);
  g_date_clear (&end, 1);
  if (half == 1 || half == 2)
    cm_fiscal_cycle_bounds (year, half, &start, &end);
  else
    cm_fiscal_year_bounds (year, &start, &end);

  *out_start = cm_fiscal_format_iso (&start);
  *out_end = cm_fiscal_format_iso (&end);
}

/* Events. */

/**
 * cm_evaluation_list_events:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2 for a cycle, 0 for the whole year
 * @commission_id: only this commission's events, or 0 for all
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type CmEvent): the events dated
 *   in the period, by date and code, with their bookings counted
 */
GPtrArray *
cm_evaluation_list_events (CmDb    *db,
                           int      year,
                           int      half,
                           gint64   commission_id,
                           GError **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_event_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  cm_evaluation_period_bounds (year, half, &start, &end);

  if (!(stmt = cm_db_prepare (db,
                              "SELECT e.id, e.code, e.commission_id, m.code, e.date, e.venue, e.places,"
                              "       count(b.status = 'booked' OR NULL), count(b.status = 'attended' OR NULL),"
                              "       count(b.status = 'dna' OR NULL), count(b.status = 'late-cancel' OR NULL),"
                              "       count(b.status = 'cancelled' OR NULL), count(b.status = 'waitlist' OR NULL)"
                              "  FROM events e"
                              "  JOIN commissions m ON m.id = e.commission_id"
                              "  LEFT JOIN bookings b ON b.event_id = e.id"
                              " WHERE e.date BETWEEN ?1 AND ?2 AND (?3 = 0 OR e.commission_id = ?3)"
                              " GROUP BY e.id ORDER BY e.date, e.code",
                              error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, end, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, commission_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CmEvent *event = g_new0 (CmEvent, 1);

      event->id = sqlite3_column_int64 (stmt, 0);
      event->code = column_dup (stmt, 1);
      event->commission_id = sqlite3_column_int64 (stmt, 2);
      event->commission_code = column_dup (stmt, 3);
      g_date_clear (&event->date, 1);
      cm_fiscal_parse_date ((const char *) sqlite3_column_text (stmt, 4), &event->date, NULL);
      event->venue = column_dup (stmt, 5);
      event->places = sqlite3_column_int (stmt, 6);
      event->booked = sqlite3_column_int (stmt, 7);
      event->attended = sqlite3_column_int (stmt, 8);
      event->dna = sqlite3_column_int (stmt, 9);
      event->late_cancel = sqlite3_column_int (stmt, 10);
      event->cancelled = sqlite3_column_int (stmt, 11);
      event->waitlist = sqlite3_column_int (stmt, 12);
      g_ptr_array_add (events, event);
    }

  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&events);
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

static gboolean
save_event_row (CmDb     *db,
                CmEvent  *event,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *date = NULL;
  g_autofree char *code = NULL;
  gboolean exists = FALSE;
  int old_year;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  if (is_blank (event->code))
    return invalid (error, _("An event needs a code"));
  if (!g_date_valid (&event->date))
    return invalid (error, _("Event %s needs a date"), event->code);
  if (event->places < 0 || event->places > 10000)
    return invalid (error, _("Event %s: places must be from 0 to 10000, not %d"), event->code, event->places);
  if (!cm_db_row_exists (db, "SELECT 1 FROM commissions WHERE id = ?1", event->commission_id, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_NOT_FOUND,
                   _("Event %s: there is no such commission"), event->code);
      return FALSE;
    }

  code = g_strstrip (g_strdup (event->code));
  date = cm_fiscal_format_iso (&event->date);
  old_year = event->id != 0 ? cm_evaluation_event_year (db, event->id) : 0;

  if (event->id == 0)
    stmt = cm_db_prepare (db,
                          "INSERT INTO events (code, commission_id, date, venue, places)"
                          " VALUES (?1, ?2, ?3, ?4, ?5)",
                          error);
  else
    stmt = cm_db_prepare (db,
                          "UPDATE events SET code = ?1, commission_id = ?2, date = ?3, venue = ?4,"
                          " places = ?5 WHERE id = ?6",
                          error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, event->commission_id);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, event->venue != NULL ? event->venue : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, event->places);
  if (event->id != 0)
    sqlite3_bind_int64 (stmt, 6, event->id);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (cm_db_get_handle (db)) == SQLITE_CONSTRAINT_UNIQUE)
        {
          g_set_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_DUPLICATE,
                       _("There is already an event with the code %s"), code);
          return FALSE;
        }
      cm_db_set_error (db, error);
      return FALSE;
    }

  if (event->id == 0)
    event->id = sqlite3_last_insert_rowid (cm_db_get_handle (db));
  else if (sqlite3_changes (cm_db_get_handle (db)) == 0)
    {
      g_set_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_NOT_FOUND,
                   _("Event %s no longer exists"), code);
      return FALSE;
    }

  if (old_year != 0 && old_year != cm_fiscal_year_of (&event->date))
    cm_db_announce (db, CM_CHANGE_EVALUATION, old_year, 0, event->id);
  cm_db_announce (db, CM_CHANGE_EVALUATION, cm_fiscal_year_of (&event->date), 0, event->id);
  return TRUE;
}

/* The learners booked on an event. */
static GArray *
event_learners (CmDb    *db,
                gint64   event_id,
                GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = cm_db_prepare (db, "SELECT learner_id FROM bookings WHERE event_id = ?1", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * cm_evaluation_save_event:
 * @db: a #CmDb
 * @event: the event; its id is set when it is new
 * @error: return location for a #GError
 *
 * Adds the event (id 0) or changes it. The code must be unique, the
 * commission must exist and the date must be valid. The DNA charges of
 * a changed event follow its new code, date and commission.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_evaluation_save_event (CmDb     *db,
                          CmEvent  *event,
                          GError  **error)
{
  g_autoptr(CmChargeSync) sync = NULL;
  g_autoptr(GArray) learners = NULL;
  gint64 id = event->id;
  gboolean own = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  /* The charges are keyed by the event's code: take them off first. */
  if (id != 0)
    {
      if (!(sync = cm_charge_sync_new (db, error)) ||
          !(learners = event_learners (db, id, error)))
        goto failed;
      for (guint i = 0; i < learners->len; i++)
        if (!cm_charge_sync_remove (sync, id, g_array_index (learners, gint64, i), error))
          goto failed;
    }

  if (!save_event_row (db, event, error))
    goto failed;

  for (guint i = 0; learners != NULL && i < learners->len; i++)
    if (!cm_charge_sync_booking (sync, id, g_array_index (learners, gint64, i), error))
      goto failed;

  return cm_needs_tx_commit (db, own, error);

failed:
  cm_needs_tx_rollback (db, own);
  event->id = id;
  return FALSE;
}

/**
 * cm_evaluation_delete_event:
 * @db: a #CmDb
 * @event_id: the event
 * @error: return location for a #GError
 *
 * Deletes the event with its bookings, feedback and follow-ups, and the
 * DNA charges its bookings raised.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_evaluation_delete_event (CmDb    *db,
                            gint64   event_id,
                            GError **error)
{
  g_autoptr(CmChargeSync) sync = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  int year = cm_evaluation_event_year (db, event_id);
  gboolean own = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  if (!(sync = cm_charge_sync_new (db, error)) ||
      !(ids = event_learners (db, event_id, error)))
    goto failed;

  for (guint i = 0; i < ids->len; i++)
    if (!cm_charge_sync_remove (sync, event_id, g_array_index (ids, gint64, i), error))
      goto failed;

  if (!(stmt = cm_db_prepare (db, "DELETE FROM events WHERE id = ?1", error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, event_id);
  if (!cm_db_step_done (db, stmt, error))
    goto failed;
  if (sqlite3_changes (cm_db_get_handle (db)) == 0)
    {
      g_set_error_literal (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_NOT_FOUND,
                           _("The event no longer exists"));
      goto failed;
    }

  cm_db_announce (db, CM_CHANGE_EVALUATION, year, 0, event_id);
  return cm_needs_tx_commit (db, own, error);

failed:
  cm_needs_tx_rollback (db, own);
  return FALSE;
}

/* Learners. */

static CmLearner *
read_learner (sqlite3_stmt *stmt)
{
  CmLearner *learner = g_new0 (CmLearner, 1);

  learner->id = sqlite3_column_int64 (stmt, 0);
  learner->ref = column_dup (stmt, 1);
  learner->organisation_id = sqlite3_column_int64 (stmt, 2);
  learner->organisation_name = column_dup (stmt, 3);
  learner->organisation_kind = column_dup (stmt, 4);
  learner->staff_group_id = sqlite3_column_int64 (stmt, 5);
  learner->staff_group_name = column_dup (stmt, 6);
  learner->name = column_dup (stmt, 7);
  learner->email = column_dup (stmt, 8);
  return learner;
}

/**
 * cm_evaluation_find_learners:
 * @db: a #CmDb
 * @search: (nullable): text the ref, name or email contains, without case
 * @limit: at most this many, 0 for all
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type CmLearner): the learners
 *   found, by ref
 */
GPtrArray *
cm_evaluation_find_learners (CmDb        *db,
                             const char  *search,
                             guint        limit,
                             GError     **error)
{
  g_autoptr(GPtrArray) learners = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_learner_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *pattern = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!(stmt = cm_db_prepare (db,
                              "SELECT l.id, l.ref, l.organisation_id, o.name, o.kind, l.staff_group_id, g.name,"
                              "       l.name, l.email"
                              "  FROM learners l"
                              "  JOIN organisations o ON o.id = l.organisation_id"
                              "  LEFT JOIN staff_groups g ON g.id = l.staff_group_id"
                              " WHERE ?1 IS NULL OR l.ref LIKE ?1 OR l.name LIKE ?1 OR l.email LIKE ?1"
                              " ORDER BY l.ref LIMIT ?2",
                              error)))
    return NULL;

  if (search != NULL && *search != '\0')
    {
      g_autoptr(GString) escaped = g_string_new ("%");

      /* LIKE without its wildcards: what was typed is looked for as it is. */
      for (const char *p = search; *p; p++)
        {
          if (*p == '%' || *p == '_')
            continue;
          g_string_append_c (escaped, *p);
        }
      g_string_append_c (escaped, '%');
      pattern = g_string_free (g_steal_pointer (&escaped), FALSE);
      sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (learners, read_learner (stmt));

  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&learners);
}

static void
bind_optional_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (is_blank (text))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/**
 * cm_evaluation_save_learner:
 * @db: a #CmDb
 * @learner: the learner; its id is set when it is new
 * @error: return location for a #GError
 *
 * Adds the learner (id 0) or changes them. A ref is required and unique;
 * name and email are optional.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_evaluation_save_learner (CmDb       *db,
                            CmLearner  *learner,
                            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *ref = NULL;
  gboolean exists = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (learner != NULL, FALSE);

  if (is_blank (learner->ref))
    return invalid (error, _("A learner needs a ref"));
  ref = g_strstrip (g_strdup (learner->ref));

  if (!cm_db_row_exists (db, "SELECT 1 FROM organisations WHERE id = ?1", learner->organisation_id, &exists, error))
    return FALSE;
  if (!exists)
    return invalid (error, _("Learner %s needs an organisation"), ref);
  if (learner->staff_group_id != 0)
    {
      if (!cm_db_row_exists (db, "SELECT 1 FROM staff_groups WHERE id = ?1", learner->staff_group_id, &exists, error))
        return FALSE;
      if (!exists)
        return invalid (error, _("Learner %s: there is no such staff group"), ref);
    }

  if (learner->id == 0)
    stmt = cm_db_prepare (db,
                          "INSERT INTO learners (ref, organisation_id, staff_group_id, name, email)"
                          " VALUES (?1, ?2, ?3, ?4, ?5)",
                          error);
  else
    stmt = cm_db_prepare (db,
                          "UPDATE learners SET ref = ?1, organisation_id = ?2, staff_group_id = ?3,"
                          " name = ?4, email = ?5 WHERE id = ?6",
                          error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, ref, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, learner->organisation_id);
  if (learner->staff_group_id != 0)
    sqlite3_bind_int64 (stmt, 3, learner->staff_group_id);
  bind_optional_text (stmt, 4, learner->name);
  bind_optional_text (stmt, 5, learner->email);
  if (learner->id != 0)
    sqlite3_bind_int64 (stmt, 6, learner->id);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (cm_db_get_handle (db)) == SQLITE_CONSTRAINT_UNIQUE)
        {
          g_set_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_DUPLICATE,
                       _("There is already a learner with the ref %s"), ref);
          return FALSE;
        }
      cm_db_set_error (db, error);
      return FALSE;
    }

  if (learner->id == 0)
    learner->id = sqlite3_last_insert_rowid (cm_db_get_handle (db));

  cm_db_announce (db, CM_CHANGE_EVALUATION, 0, 0, learner->id);
  return TRUE;
}

/**
 * cm_evaluation_erase_learner:
 * @db: a #CmDb
 * @learner_id: the learner
 * @error: return location for a #GError
 *
 * Erases what identifies a person: name and email are cleared and the
 * ref becomes an opaque one. Organisation, staff group, bookings,
 * feedback and follow-ups stay, so every figure stays the same; the
 * references of the learner's DNA charges follow the new ref.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_evaluation_erase_learner (CmDb    *db,
                             gint64   learner_id,
                             GError **error)
{
  g_autoptr(sqlite3_stmt) old = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) charges = NULL;
  g_autoptr(sqlite3_stmt) rename = NULL;
  g_autofree char *old_ref = NULL;
  g_autofree char *new_ref = NULL;
  g_autofree char *uuid = NULL;
  gboolean own = FALSE;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  if (!(old = cm_db_prepare (db, "SELECT ref FROM learners WHERE id = ?1", error)))
    goto failed;
  sqlite3_bind_int64 (old, 1, learner_id);
  if (sqlite3_step (old) != SQLITE_ROW)
    {
      g_set_error_literal (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_NOT_FOUND,
                           _("The learner no longer exists"));
      goto failed;
    }
  old_ref = column_dup (old, 0);

  /* Random, so that nothing links the new ref to the person. */
  uuid = g_uuid_string_random ();
  new_ref = g_strdup_printf ("erased-%s", uuid);

  if (!(update = cm_db_prepare (db, "UPDATE learners SET ref = ?1, name = NULL, email = NULL WHERE id = ?2", error)))
    goto failed;
  sqlite3_bind_text (update, 1, new_ref, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (update, 2, learner_id);
  if (!cm_db_step_done (db, update, error))
    goto failed;

  /* Found as cm-charges.c finds them: by the commission's spend. */
  if (!(charges = cm_db_prepare (db,
                                 "SELECT e.code, e.commission_id FROM bookings b"
                                 "  JOIN events e ON e.id = b.event_id"
                                 " WHERE b.learner_id = ?1",
                                 error)) ||
      !(rename = cm_db_prepare (db,
                                "UPDATE transactions SET reference = ?3"
                                " WHERE commission_id = ?1 AND kind = 'charge-income'"
                                "   AND lower (trim (reference)) = lower (trim (?2))"
                                " RETURNING id, date",
                                error)))
    goto failed;

  sqlite3_bind_int64 (charges, 1, learner_id);
  while ((rc = sqlite3_step (charges)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (charges, 0);
      g_autofree char *from = cm_charge_reference (code, old_ref);
      g_autofree char *to = cm_charge_reference (code, new_ref);
      GDate date;

      sqlite3_bind_int64 (rename, 1, sqlite3_column_int64 (charges, 1));
      sqlite3_bind_text (rename, 2, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (rename, 3, to, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (rename)) == SQLITE_ROW)
        {
          g_date_clear (&date, 1);
          cm_fiscal_parse_date ((const char *) sqlite3_column_text (rename, 1), &date, NULL);
          cm_db_announce (db, CM_CHANGE_TRANSACTIONS, g_date_valid (&date) ? cm_fiscal_year_of (&date) : 0,
                          0, sqlite3_column_int64 (rename, 0));
        }
      sqlite3_reset (rename);
      if (rc != SQLITE_DONE)
        {
          cm_db_set_error (db, error);
          goto failed;
        }
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      goto failed;
    }

  cm_db_announce (db, CM_CHANGE_EVALUATION, 0, 0, learner_id);
  return cm_needs_tx_commit (db, own, error);

failed:
  cm_needs_tx_rollback (db, own);
  return FALSE;
}

/* Bookings. */

/**
 * cm_evaluation_list_bookings:
 * @db: a #CmDb
 * @event_id: the event
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type CmBooking): the event's
 *   register: everyone booked, then the waiting list in the order they
 *   joined it, each with the charge the policy raises
 */
GPtrArray *
cm_evaluation_list_bookings (CmDb    *db,
                             gint64   event_id,
                             GError **error)
{
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_booking_free);
  g_autoptr(CmChargePolicy) policy = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!(policy = cm_evaluation_get_charge_policy (db, error)) ||
      !(stmt = cm_db_prepare (db,
                              "SELECT b.event_id, b.learner_id, l.ref, l.name, o.name, o.kind, b.status, m.half_days"
                              "  FROM bookings b"
                              "  JOIN events e ON e.id = b.event_id"
                              "  JOIN commissions m ON m.id = e.commission_id"
                              "  JOIN learners l ON l.id = b.learner_id"
                              "  JOIN organisations o ON o.id = l.organisation_id"
                              " WHERE b.event_id = ?1"
                              " ORDER BY b.status = 'waitlist', CASE WHEN b.status = 'waitlist' THEN b.rowid END, l.ref",
                              error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CmBooking *booking = g_new0 (CmBooking, 1);

      booking->event_id = sqlite3_column_int64 (stmt, 0);
      booking->learner_id = sqlite3_column_int64 (stmt, 1);
      booking->learner_ref = column_dup (stmt, 2);
      booking->learner_name = column_dup (stmt, 3);
      booking->organisation_name = column_dup (stmt, 4);
      booking->organisation_kind = column_dup (stmt, 5);
      booking->status = column_dup (stmt, 6);
      if (g_str_equal (booking->status, "dna") || g_str_equal (booking->status, "late-cancel"))
        booking->charge_pence = cm_evaluation_charge_amount (policy, booking->organisation_kind,
                                                             sqlite3_column_int (stmt, 7));
      g_ptr_array_add (bookings, booking);
    }

  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&bookings);
}

static gboolean
count_held (CmDb    *db,
            gint64   event_id,
            gint64  *out_held,
            gint64  *out_places,
            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = cm_db_prepare (db,
                              "SELECT e.places, (SELECT count(*) FROM bookings"
                              "                   WHERE event_id = e.id AND " HOLDS_PLACE_SQL ")"
                              "  FROM events e WHERE e.id = ?1",
                              error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, event_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_NOT_FOUND,
                           _("The event no longer exists"));
      return FALSE;
    }

  *out_places = sqlite3_column_int64 (stmt, 0);
  *out_held = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/**
 * cm_evaluation_book:
 * @db: a #CmDb
 * @event_id: the event
 * @learner_id: the learner
 * @out_status: (out) (optional) (transfer full): "booked", or "waitlist"
 *   when every place is taken
 * @error: return location for a #GError
 *
 * Books the learner on the event. A learner already booked is refused.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_evaluation_book (CmDb    *db,
                    gint64   event_id,
                    gint64   learner_id,
                    char   **out_status,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 held = 0;
  gint64 places = 0;
  gboolean exists = FALSE;
  const char *status;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!count_held (db, event_id, &held, &places, error) ||
      !cm_db_row_exists (db, "SELECT 1 FROM learners WHERE id = ?1", learner_id, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error_literal (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_NOT_FOUND,
                           _("The learner no longer exists"));
      return FALSE;
    }

  status = held < places ? "booked" : "waitlist";

  if (!(stmt = cm_db_prepare (db, "INSERT INTO bookings (event_id, learner_id, status) VALUES (?1, ?2, ?3)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, learner_id);
  sqlite3_bind_text (stmt, 3, status, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (cm_db_get_handle (db)) == SQLITE_CONSTRAINT_PRIMARYKEY)
        {
          g_set_error_literal (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_DUPLICATE,
                               _("The learner is already booked on this event"));
          return FALSE;
        }
      cm_db_set_error (db, error);
      return FALSE;
    }

  if (out_status != NULL)
    *out_status = g_strdup (status);

  cm_db_announce (db, CM_CHANGE_EVALUATION, cm_evaluation_event_year (db, event_id), 0, event_id);
  return TRUE;
}

/* Offers a freed place to the first on the waiting list. */
static gboolean
promote_waiting (CmDb    *db,
                 gint64   event_id,
                 gint64  *out_promoted,
                 GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 held = 0;
  gint64 places = 0;
  int rc;

  if (!count_held (db, event_id, &held, &places, error))
    return FALSE;
  if (held >= places)
    return TRUE;

  if (!(stmt = cm_db_prepare (db,
                              "UPDATE bookings SET status = 'booked'"
                              " WHERE rowid = (SELECT rowid FROM bookings"
                              "                 WHERE event_id = ?1 AND status = 'waitlist'"
                              "                 ORDER BY rowid LIMIT 1)"
                              " RETURNING learner_id",
                              error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, event_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_promoted = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_evaluation_set_status:
 * @db: a #CmDb
 * @event_id: the event
 * @learner_id: the learner
 * @status: a booking status
 * @out_promoted: (out) (optional): the learner given the place a
 *   cancellation freed, or 0
 * @error: return location for a #GError
 *
 * Records attendance or a cancellation. When a place is freed (cancelled
 * or late-cancel), the first learner on the waiting list is booked into
 * it. The booking's DNA charge follows its new status.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_evaluation_set_status (CmDb        *db,
                          gint64       event_id,
                          gint64       learner_id,
                          const char  *status,
                          gint64      *out_promoted,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(CmChargeSync) sync = NULL;
  gint64 promoted = 0;
  gboolean own = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (out_promoted != NULL)
    *out_promoted = 0;

  if (status == NULL || !cm_domain_contains (CM_DOMAIN_BOOKING_STATUS, status))
    {
      g_autofree char *known = cm_domain_describe_values (CM_DOMAIN_BOOKING_STATUS);

      return invalid (error, _("“%s” is not a booking status; use one of %s"), status ? status : "", known);
    }

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  if (!(stmt = cm_db_prepare (db, "UPDATE bookings SET status = ?3 WHERE event_id = ?1 AND learner_id = ?2", error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, learner_id);
  sqlite3_bind_text (stmt, 3, status, -1, SQLITE_STATIC);
  if (!cm_db_step_done (db, stmt, error))
    goto failed;
  if (sqlite3_changes (cm_db_get_handle (db)) == 0)
    {
      g_set_error_literal (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_NOT_FOUND,
                           _("The learner is not booked on this event"));
      goto failed;
    }

  if ((g_str_equal (status, "cancelled") || g_str_equal (status, "late-cancel")) &&
      !promote_waiting (db, event_id, &promoted, error))
    goto failed;

  if (!(sync = cm_charge_sync_new (db, error)) ||
      !cm_charge_sync_booking (sync, event_id, learner_id, error))
    goto failed;

  cm_db_announce (db, CM_CHANGE_EVALUATION, cm_evaluation_event_year (db, event_id), 0, event_id);
  if (!cm_needs_tx_commit (db, own, error))
    return FALSE;

  if (out_promoted != NULL)
    *out_promoted = promoted;
  return TRUE;

failed:
  cm_needs_tx_rollback (db, own);
  return FALSE;
}

/**
 * cm_evaluation_mark_all_attended:
 * @db: a #CmDb
 * @event_id: the event
 * @error: return location for a #GError
 *
 * Marks every "booked" learner of the event as attended.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_evaluation_mark_all_attended (CmDb    *db,
                                 gint64   event_id,
                                 GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!(stmt = cm_db_prepare (db, "UPDATE bookings SET status = 'attended' WHERE event_id = ?1 AND status = 'booked'", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  if (sqlite3_changes (cm_db_get_handle (db)) > 0)
    cm_db_announce (db, CM_CHANGE_EVALUATION, cm_evaluation_event_year (db, event_id), 0, event_id);
  return TRUE;
}
