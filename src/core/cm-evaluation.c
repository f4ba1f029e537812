/* cm-evaluation.c
 *
 * Kirkpatrick feedback (L1, L2), follow-ups (L3), outcomes (L4) and the
 * evaluation figures (docs/figures.md, "Evaluation").
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

/**
 * cm_feedback_free:
 * @feedback: (nullable): what to free
 */
void
cm_feedback_free (CmFeedback *feedback)
{
  g_free (feedback);
}

/**
 * cm_followup_free:
 * @followup: (nullable): what to free
 */
void
cm_followup_free (CmFollowup *followup)
{
  if (followup == NULL)
    return;

  g_free (followup->event_code);
  g_free (followup->learner_ref);
  g_free (followup->comment);
  g_free (followup);
}

/**
 * cm_evaluation_figures_free:
 * @figures: (nullable): what to free
 */
void
cm_evaluation_figures_free (CmEvaluationFigures *figures)
{
  if (figures == NULL)
    return;

  g_free (figures->key);
  g_free (figures);
}

/**
 * cm_evaluation_report_free:
 * @report: (nullable): what to free
 */
void
cm_evaluation_report_free (CmEvaluationReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->rows, g_ptr_array_unref);
  cm_evaluation_figures_free (report->totals);
  g_free (report);
}

/* Arithmetic. */

/**
 * cm_evaluation_round_div:
 * @numerator: any value
 * @denominator: the divisor
 * @out_value: (out): floor (numerator / denominator + 1/2)
 *
 * Divides and rounds half up (towards +∞ on a tie, also below zero).
 *
 * Returns: %FALSE when @denominator is 0 (the figure is null)
 */
gboolean
cm_evaluation_round_div (gint64  numerator,
                         gint64  denominator,
                         gint64 *out_value)
{
  gint64 n;
  gint64 d;
  gint64 q;

  if (denominator == 0)
    return FALSE;

  if (denominator < 0)
    {
      numerator = -numerator;
      denominator = -denominator;
    }

  /* floor ((2n + d) / 2d) */
  n = 2 * numerator + denominator;
  d = 2 * denominator;
  q = n / d;
  if (n % d != 0 && n < 0)
    q--;

  *out_value = q;
  return TRUE;
}

/**
 * cm_evaluation_ratio:
 * @figures: the counts of one row
 * @measure: which rate or average
 * @out_value: (out): the value in hundredths (basis points for the
 *   percentages), or in pence for the cost per attendee
 *
 * Returns: %FALSE where the divisor is 0 (shown as null)
 */
gboolean
cm_evaluation_ratio (const CmEvaluationFigures *figures,
                     CmEvaluationMeasure        measure,
                     gint64                    *out_value)
{
  const CmEvaluationFigures *f = figures;
  gint64 came = f->attended + f->dna + f->late_cancel;

  g_return_val_if_fail (figures != NULL, FALSE);

  switch (measure)
    {
    case CM_EVALUATION_FILL_PERCENT:
      return cm_evaluation_round_div (f->attended * 10000, f->places, out_value);
    case CM_EVALUATION_DNA_PERCENT:
      return cm_evaluation_round_div ((f->dna + f->late_cancel) * 10000, came, out_value);
    case CM_EVALUATION_COST_PER_ATTENDEE:
      return f->has_actual && cm_evaluation_round_div (f->actual_pence, f->attended, out_value);
    case CM_EVALUATION_ATTENDED_PVI_PERCENT:
      return cm_evaluation_round_div (f->attended_pvi * 10000, f->attended, out_value);
    case CM_EVALUATION_RESPONSE_PERCENT:
      return cm_evaluation_round_div (f->responses * 10000, f->attended, out_value);
    case CM_EVALUATION_CONTENT:
      return cm_evaluation_round_div (f->content_sum * 100, f->responses, out_value);
    case CM_EVALUATION_TRAINER:
      return cm_evaluation_round_div (f->trainer_sum * 100, f->responses, out_value);
    case CM_EVALUATION_VENUE:
      return cm_evaluation_round_div (f->venue_sum * 100, f->responses, out_value);
    case CM_EVALUATION_RELEVANCE:
      return cm_evaluation_round_div (f->relevance_sum * 100, f->responses, out_value);
    case CM_EVALUATION_CONFIDENCE_BEFORE:
      return cm_evaluation_round_div (f->before_sum * 100, f->responses, out_value);
    case CM_EVALUATION_CONFIDENCE_AFTER:
      return cm_evaluation_round_div (f->after_sum * 100, f->responses, out_value);
    case CM_EVALUATION_UPLIFT:
      return cm_evaluation_round_div ((f->after_sum - f->before_sum) * 100, f->responses, out_value);
    case CM_EVALUATION_REACHING_CONFIDENT_PERCENT:
      return cm_evaluation_round_div (f->confident * 10000, f->responses, out_value);
    case CM_EVALUATION_APPLIED_AVERAGE:
      return cm_evaluation_round_div (f->applied_sum * 100, f->followups_done, out_value);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * cm_evaluation_followup_due:
 * @event_date: the event's date
 * @weeks: the follow-up weeks setting
 * @out_due: (out): the event date + @weeks weeks
 */
void
cm_evaluation_followup_due (const GDate *event_date,
                            int          weeks,
                            GDate       *out_due)
{
  *out_due = *event_date;
  g_date_add_days (out_due, (guint) MAX (0, weeks) * 7);
}

/* Feedback. */

static gboolean
check_rating (const char  *name,
              int          value,
              GError     **error)
{
  if (value >= 1 && value <= 5)
    return TRUE;

  g_set_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID,
               _("%s must be a rating from 1 to 5, not %d"), name, value);
  return FALSE;
}

/**
 * cm_evaluation_save_feedback:
 * @db: a #CmDb
 * @feedback: the form; its id is set when it is new
 * @error: return location for a #GError
 *
 * Adds a feedback form (id 0) or changes one. A form with a learner
 * replaces that learner's earlier form for the event; an anonymous one
 * (learner 0) is always a new form.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_evaluation_save_feedback (CmDb        *db,
                             CmFeedback  *feedback,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean exists = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (feedback != NULL, FALSE);

  if (!check_rating (_("Content"), feedback->content, error) ||
      !check_rating (_("Trainer"), feedback->trainer, error) ||
      !check_rating (_("Venue"), feedback->venue, error) ||
      !check_rating (_("Relevance"), feedback->relevance, error) ||
      !check_rating (_("Confidence before"), feedback->confidence_before, error) ||
      !check_rating (_("Confidence after"), feedback->confidence_after, error))
    return FALSE;

  if (!cm_db_row_exists (db, "SELECT 1 FROM events WHERE id = ?1", feedback->event_id, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error_literal (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_NOT_FOUND,
                           _("The event no longer exists"));
      return FALSE;
    }

  if (feedback->id != 0)
    stmt = cm_db_prepare (db,
                          "UPDATE feedback SET event_id = ?1, learner_id = ?2, content = ?3, trainer = ?4,"
                          " venue = ?5, relevance = ?6, confidence_before = ?7, confidence_after = ?8"
                          " WHERE id = ?9 RETURNING id",
                          error);
  else if (feedback->learner_id != 0)
    stmt = cm_db_prepare (db,
                          "INSERT INTO feedback (event_id, learner_id, content, trainer, venue, relevance,"
                          "                      confidence_before, confidence_after)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                          " ON CONFLICT (event_id, learner_id) DO UPDATE SET content = excluded.content,"
                          " trainer = excluded.trainer, venue = excluded.venue, relevance = excluded.relevance,"
                          " confidence_before = excluded.confidence_before,"
                          " confidence_after = excluded.confidence_after"
                          " RETURNING id",
                          error);
  else
    stmt = cm_db_prepare (db,
                          "INSERT INTO feedback (event_id, learner_id, content, trainer, venue, relevance,"
                          "                      confidence_before, confidence_after)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
                          error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, feedback->event_id);
  if (feedback->learner_id != 0)
    sqlite3_bind_int64 (stmt, 2, feedback->learner_id);
  sqlite3_bind_int (stmt, 3, feedback->content);
  sqlite3_bind_int (stmt, 4, feedback->trainer);
  sqlite3_bind_int (stmt, 5, feedback->venue);
  sqlite3_bind_int (stmt, 6, feedback->relevance);
  sqlite3_bind_int (stmt, 7, feedback->confidence_before);
  sqlite3_bind_int (stmt, 8, feedback->confidence_after);
  if (feedback->id != 0)
    sqlite3_bind_int64 (stmt, 9, feedback->id);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      feedback->id = sqlite3_column_int64 (stmt, 0);
      break;
    case SQLITE_DONE:
      g_set_error_literal (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_NOT_FOUND,
                           _("The feedback form no longer exists"));
      return FALSE;
    default:
      cm_db_set_error (db, error);
      return FALSE;
    }
  sqlite3_reset (stmt);

  cm_db_announce (db, CM_CHANGE_EVALUATION, cm_evaluation_event_year (db, feedback->event_id), 0,
                  feedback->event_id);
  return TRUE;
}

/* Follow-ups. */

/**
 * cm_evaluation_get_followup_weeks:
 * @db: a #CmDb
 * @error: return location for a #GError
 *
 * Returns: the weeks after an event that a follow-up is due (12 unless
 *   set), or -1 on error
 */
int
cm_evaluation_get_followup_weeks (CmDb    *db,
                                  GError **error)
{
  g_autofree char *text = NULL;
  gint64 weeks;

  g_return_val_if_fail (CM_IS_DB (db), -1);

  if (!cm_needs_setting_get (db, CM_EVALUATION_SETTING_FOLLOWUP_WEEKS, &text, error))
    return -1;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, 520, &weeks, NULL))
    return CM_EVALUATION_DEFAULT_FOLLOWUP_WEEKS;

  return (int) weeks;
}

/**
 * cm_evaluation_set_followup_weeks:
 * @db: a #CmDb
 * @weeks: 0 to 520
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_evaluation_set_followup_weeks (CmDb    *db,
                                  int      weeks,
                                  GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (weeks < 0 || weeks > 520)
    {
      g_set_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID,
                   _("Follow-ups must be due 0 to 520 weeks after the event, not %d"), weeks);
      return FALSE;
    }

  text = g_strdup_printf ("%d", weeks);
  return cm_needs_setting_set (db, CM_EVALUATION_SETTING_FOLLOWUP_WEEKS, text, error);
}

/**
 * cm_evaluation_save_followup:
 * @db: a #CmDb
 * @event_id: the event
 * @learner_id: the learner, who must be booked on it
 * @date: when the follow-up was done
 * @applied: 0 not at all, 1 a little, 2 mostly, 3 fully
 * @comment: (nullable): what they said
 * @error: return location for a #GError
 *
 * Records (or replaces) the learner's Level 3 follow-up.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_evaluation_save_followup (CmDb         *db,
                             gint64        event_id,
                             gint64        learner_id,
                             const GDate  *date,
                             int           applied,
                             const char   *comment,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *iso = NULL;
  gboolean booked = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (date == NULL || !g_date_valid (date))
    {
      g_set_error_literal (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID,
                           _("A follow-up needs the date it was done"));
      return FALSE;
    }
  if (applied < 0 || applied > 3)
    {
      g_set_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID,
                   _("Applied must be from 0 (not at all) to 3 (fully), not %d"), applied);
      return FALSE;
    }

  if (!(stmt = cm_db_prepare (db, "SELECT 1 FROM bookings WHERE event_id = ?1 AND learner_id = ?2", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, learner_id);
  booked = sqlite3_step (stmt) == SQLITE_ROW;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!booked)
    {
      g_set_error_literal (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_NOT_FOUND,
                           _("The learner is not booked on this event"));
      return FALSE;
    }

  iso = cm_fiscal_format_iso (date);
  if (!(stmt = cm_db_prepare (db,
                              "INSERT INTO followups (event_id, learner_id, date, applied, comment)"
                              " VALUES (?1, ?2, ?3, ?4, ?5)"
                              " ON CONFLICT (event_id, learner_id) DO UPDATE SET date = excluded.date,"
                              " applied = excluded.applied, comment = excluded.comment",
                              error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, learner_id);
  sqlite3_bind_text (stmt, 3, iso, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, applied);
  sqlite3_bind_text (stmt, 5, comment != NULL ? comment : "", -1, SQLITE_STATIC);
  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  cm_db_announce (db, CM_CHANGE_EVALUATION, cm_evaluation_event_year (db, event_id), 0, event_id);
  return TRUE;
}

/**
 * cm_evaluation_list_followups:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2, or 0 for the whole year
 * @today: the date overdue is judged against
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type CmFollowup): one row per
 *   attended booking at an event dated in the period, done or not, by due
 *   date, event code and learner ref
 */
GPtrArray *
cm_evaluation_list_followups (CmDb        *db,
                              int          year,
                              int          half,
                              const GDate *today,
                              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_followup_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  int weeks;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if ((weeks = cm_evaluation_get_followup_weeks (db, error)) < 0)
    return NULL;

  cm_evaluation_period_bounds (year, half, &start, &end);
  if (!(stmt = cm_db_prepare (db,
                              "SELECT b.event_id, b.learner_id, e.code, l.ref, e.date, f.date, f.applied, f.comment"
                              "  FROM bookings b"
                              "  JOIN events e ON e.id = b.event_id"
                              "  JOIN learners l ON l.id = b.learner_id"
                              "  LEFT JOIN followups f ON f.event_id = b.event_id AND f.learner_id = b.learner_id"
                              " WHERE b.status = 'attended' AND e.date BETWEEN ?1 AND ?2"
                              " ORDER BY e.date, e.code, l.ref",
                              error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, end, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CmFollowup *row = g_new0 (CmFollowup, 1);

      row->event_id = sqlite3_column_int64 (stmt, 0);
      row->learner_id = sqlite3_column_int64 (stmt, 1);
      row->event_code = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->learner_ref = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_date_clear (&row->event_date, 1);
      g_date_clear (&row->due, 1);
      g_date_clear (&row->date, 1);
      cm_fiscal_parse_date ((const char *) sqlite3_column_text (stmt, 4), &row->event_date, NULL);
      cm_evaluation_followup_due (&row->event_date, weeks, &row->due);
      row->done = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
      if (row->done)
        {
          cm_fiscal_parse_date ((const char *) sqlite3_column_text (stmt, 5), &row->date, NULL);
          row->applied = sqlite3_column_int (stmt, 6);
          row->comment = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
        }
      row->overdue = !row->done && g_date_compare (&row->due, today) < 0;
      g_ptr_array_add (rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* Outcomes (Level 4). */

/**
 * cm_evaluation_get_outcome:
 * @db: a #CmDb
 * @commission_id: the commission
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the commission's outcome narrative ("" when
 *   none), or %NULL on error
 */
char *
cm_evaluation_get_outcome (CmDb    *db,
                           gint64   commission_id,
                           GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!(stmt = cm_db_prepare (db, "SELECT outcome FROM commissions WHERE id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, commission_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_NOT_FOUND,
                           _("The commission no longer exists"));
      return NULL;
    }

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/**
 * cm_evaluation_set_outcome:
 * @db: a #CmDb
 * @commission_id: the commission
 * @outcome: (nullable): the Level 4 narrative
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_evaluation_set_outcome (CmDb        *db,
                           gint64       commission_id,
                           const char  *outcome,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int year;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!(stmt = cm_db_prepare (db, "UPDATE commissions SET outcome = ?2 WHERE id = ?1 RETURNING year", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, commission_id);
  sqlite3_bind_text (stmt, 2, outcome != NULL ? outcome : "", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (sqlite3_errcode (cm_db_get_handle (db)) != SQLITE_DONE)
        cm_db_set_error (db, error);
      else
        g_set_error_literal (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_NOT_FOUND,
                             _("The commission no longer exists"));
      return FALSE;
    }
  year = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  cm_db_announce (db, CM_CHANGE_EVALUATION, year, 0, commission_id);
  return TRUE;
}

/* The report: one pass over each table, added up here, which at county
 * scale is several times quicker than joining them in SQL (bench/README.md).
 * Row ids are the keys of direct hash tables, which compare keys without
 * calling a function: ids stay far below 2^32. */

#define ID_KEY(id) GSIZE_TO_POINTER ((gsize) (id))

typedef struct
{
  const char *kind;    /* interned organisation kind */
  const char *sector;  /* interned sector, NULL without a staff group */
  gboolean    pvi;
} LearnerInfo;

typedef struct
{
  CmEvaluationFigures *row;    /* by commission or competency; else NULL */
  gint64               commission_id;
  guint32              due;    /* Julian day the follow-ups are due */
} EventInfo;

typedef struct
{
  gint64 event_id;
  gint64 learner_id;
} Pair;

static guint
pair_hash (gconstpointer key)
{
  const Pair *pair = key;

  return (guint) ((guint64) pair->event_id * 2654435761u) ^ (guint) pair->learner_id;
}

static gboolean
pair_equal (gconstpointer a,
            gconstpointer b)
{
  const Pair *x = a;
  const Pair *y = b;

  return x->event_id == y->event_id && x->learner_id == y->learner_id;
}

typedef struct
{
  CmDb                 *db;
  CmEvaluationGrouping  grouping;
  const char           *start;
  const char           *end;
  guint32               today;
  int                   weeks;
  GHashTable           *rows;         /* key ("" for none) -> CmEvaluationFigures */
  CmEvaluationFigures  *totals;
  GHashTable           *commissions;  /* &id -> CmEvaluationFigures * of its row */
  GHashTable           *events;       /* &id -> EventInfo */
  GHashTable           *learners;     /* &id -> LearnerInfo */
  GHashTable           *followed;     /* Pair -> itself: follow-ups recorded */
} Report;

static void
report_clear (Report *report)
{
  g_clear_pointer (&report->rows, g_hash_table_unref);
  g_clear_pointer (&report->commissions, g_hash_table_unref);
  g_clear_pointer (&report->events, g_hash_table_unref);
  g_clear_pointer (&report->learners, g_hash_table_unref);
  g_clear_pointer (&report->followed, g_hash_table_unref);
}

static CmEvaluationFigures *
row_for_key (Report     *report,
             const char *key)
{
  CmEvaluationFigures *row = g_hash_table_lookup (report->rows, key != NULL ? key : "");

  if (row == NULL)
    {
      row = g_new0 (CmEvaluationFigures, 1);
      row->key = g_strdup (key);
      g_hash_table_insert (report->rows, g_strdup (key != NULL ? key : ""), row);
    }

  return row;
}

/* The row a booking, form or follow-up counts in. */
static CmEvaluationFigures *
row_for (Report          *report,
         const EventInfo *event,
         gint64           learner_id)
{
  const LearnerInfo *learner;

  if (event->row != NULL)
    return event->row;

  learner = learner_id != 0 ? g_hash_table_lookup (report->learners, ID_KEY (learner_id)) : NULL;
  if (report->grouping == CM_EVALUATION_BY_SECTOR)
    return row_for_key (report, learner != NULL ? learner->sector : NULL);

  return row_for_key (report, learner != NULL ? learner->kind : NULL);
}

static gboolean
step_error (Report       *report,
            int           rc,
            GError      **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;

  cm_db_set_error (report->db, error);
  return FALSE;
}

static guint32
julian_of (const unsigned char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  if (iso == NULL || !cm_fiscal_parse_date ((const char *) iso, &date, NULL))
    return 0;

  return g_date_get_julian (&date);
}

/* The commissions with an event in the period, and their rows. */
static gboolean
read_commissions (Report  *report,
                  GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = cm_db_prepare (report->db,
                              "SELECT m.id, m.code, c.code FROM commissions m"
                              "  LEFT JOIN competencies c ON c.id = m.competency_id"
                              " WHERE m.id IN (SELECT commission_id FROM events WHERE date BETWEEN ?1 AND ?2)",
                              error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, report->start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, report->end, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      CmEvaluationFigures *row = NULL;

      if (report->grouping == CM_EVALUATION_BY_COMMISSION)
        row = row_for_key (report, (const char *) sqlite3_column_text (stmt, 1));
      else if (report->grouping == CM_EVALUATION_BY_COMPETENCY)
        row = row_for_key (report, (const char *) sqlite3_column_text (stmt, 2));

      g_hash_table_insert (report->commissions, ID_KEY (id), row);
    }

  return step_error (report, rc, error);
}

static gboolean
read_events (Report  *report,
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = cm_db_prepare (report->db,
                              "SELECT id, commission_id, places, date FROM events WHERE date BETWEEN ?1 AND ?2",
                              error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, report->start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, report->end, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      EventInfo *event = g_new0 (EventInfo, 1);
      gint64 places = sqlite3_column_int64 (stmt, 2);

      event->commission_id = sqlite3_column_int64 (stmt, 1);
      event->row = g_hash_table_lookup (report->commissions, ID_KEY (event->commission_id));
      event->due = julian_of (sqlite3_column_text (stmt, 3)) + (guint32) report->weeks * 7;
      g_hash_table_insert (report->events, ID_KEY (id), event);

      /* Events and places are not by learner. */
      if (event->row != NULL)
        {
          event->row->events++;
          event->row->places += places;
        }
      report->totals->events++;
      report->totals->places += places;
    }

  return step_error (report, rc, error);
}

static gboolean
read_learners (Report  *report,
               GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = cm_db_prepare (report->db,
                              "SELECT l.id, o.kind, g.sector FROM learners l"
                              "  JOIN organisations o ON o.id = l.organisation_id"
                              "  LEFT JOIN staff_groups g ON g.id = l.staff_group_id",
                              error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      LearnerInfo *learner = g_new0 (LearnerInfo, 1);
      const char *sector = (const char *) sqlite3_column_text (stmt, 2);

      learner->kind = g_intern_string ((const char *) sqlite3_column_text (stmt, 1));
      learner->sector = sector != NULL ? g_intern_string (sector) : NULL;
      learner->pvi = cm_domain_is_pvi (learner->kind);
      g_hash_table_insert (report->learners, ID_KEY (id), learner);
    }

  return step_error (report, rc, error);
}

static gboolean
read_followups (Report  *report,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = cm_db_prepare (report->db, "SELECT event_id, learner_id, applied FROM followups", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Pair pair = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      const EventInfo *event = g_hash_table_lookup (report->events, ID_KEY (pair.event_id));
      gint64 applied = sqlite3_column_int64 (stmt, 2);
      CmEvaluationFigures *row;
      Pair *key;

      if (event == NULL)
        continue;

      row = row_for (report, event, pair.learner_id);
      row->followups_done++;
      row->applied_sum += applied;
      report->totals->followups_done++;
      report->totals->applied_sum += applied;

      key = g_memdup2 (&pair, sizeof pair);
      g_hash_table_add (report->followed, key);
    }

  return step_error (report, rc, error);
}

static gboolean
read_bookings (Report  *report,
               GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = cm_db_prepare (report->db, "SELECT event_id, learner_id, status FROM bookings", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Pair pair = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      const EventInfo *event = g_hash_table_lookup (report->events, ID_KEY (pair.event_id));
      const char *status = (const char *) sqlite3_column_text (stmt, 2);
      CmEvaluationFigures *rows[2];

      if (event == NULL)
        continue;

      rows[0] = row_for (report, event, pair.learner_id);
      rows[1] = report->totals;

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          CmEvaluationFigures *row = rows[i];

          switch (status[0])
            {
            case 'a':
              row->attended++;
              break;
            case 'b':
              row->booked++;
              break;
            case 'c':
              row->cancelled++;
              break;
            case 'd':
              row->dna++;
              break;
            case 'l':
              row->late_cancel++;
              break;
            case 'w':
            default:
              row->waitlist++;
              break;
            }
        }

      if (status[0] != 'a')
        continue;

      {
        const LearnerInfo *learner = g_hash_table_lookup (report->learners, ID_KEY (pair.learner_id));

        if (learner != NULL && learner->pvi)
          {
            rows[0]->attended_pvi++;
            rows[1]->attended_pvi++;
          }
      }

      if (event->due < report->today && !g_hash_table_contains (report->followed, &pair))
        {
          rows[0]->followups_overdue++;
          rows[1]->followups_overdue++;
        }
    }

  return step_error (report, rc, error);
}

static gboolean
read_feedback (Report  *report,
               GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = cm_db_prepare (report->db,
                              "SELECT event_id, learner_id, content, trainer, venue, relevance,"
                              "       confidence_before, confidence_after FROM feedback",
                              error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 event_id = sqlite3_column_int64 (stmt, 0);
      const EventInfo *event = g_hash_table_lookup (report->events, ID_KEY (event_id));
      CmEvaluationFigures *rows[2];
      gint64 after;

      if (event == NULL)
        continue;

      rows[0] = row_for (report, event, sqlite3_column_int64 (stmt, 1));
      rows[1] = report->totals;
      after = sqlite3_column_int64 (stmt, 7);

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          rows[i]->responses++;
          rows[i]->content_sum += sqlite3_column_int64 (stmt, 2);
          rows[i]->trainer_sum += sqlite3_column_int64 (stmt, 3);
          rows[i]->venue_sum += sqlite3_column_int64 (stmt, 4);
          rows[i]->relevance_sum += sqlite3_column_int64 (stmt, 5);
          rows[i]->before_sum += sqlite3_column_int64 (stmt, 6);
          rows[i]->after_sum += after;
          if (after >= 4)
            rows[i]->confident++;
        }
    }

  return step_error (report, rc, error);
}

/* A commission's whole spend, once per commission with an event in the
 * period; spend is not by learner, so not by sector or kind. */
static gboolean
read_actual (Report  *report,
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = cm_db_prepare (report->db,
                              "SELECT commission_id, sum(amount_pence) FROM transactions"
                              " WHERE commission_id IN (SELECT commission_id FROM events WHERE date BETWEEN ?1 AND ?2)"
                              " GROUP BY commission_id",
                              error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, report->start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, report->end, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      CmEvaluationFigures *row = g_hash_table_lookup (report->commissions, ID_KEY (id));

      if (row != NULL)
        row->actual_pence += sqlite3_column_int64 (stmt, 1);
      report->totals->actual_pence += sqlite3_column_int64 (stmt, 1);
    }

  return step_error (report, rc, error);
}

static gboolean
fill (Report  *report,
      GError **error)
{
  GHashTableIter iter;
  gpointer value;

  if (!read_commissions (report, error) ||
      !read_events (report, error) ||
      !read_learners (report, error) ||
      !read_followups (report, error) ||
      !read_bookings (report, error) ||
      !read_feedback (report, error) ||
      !read_actual (report, error))
    return FALSE;

  report->totals->has_actual = TRUE;
  if (report->grouping == CM_EVALUATION_BY_COMMISSION || report->grouping == CM_EVALUATION_BY_COMPETENCY)
    {
      g_hash_table_iter_init (&iter, report->rows);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        ((CmEvaluationFigures *) value)->has_actual = TRUE;
    }

  return TRUE;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const CmEvaluationFigures *x = *(CmEvaluationFigures * const *) a;
  const CmEvaluationFigures *y = *(CmEvaluationFigures * const *) b;

  /* "None" last. */
  if (x->key == NULL || y->key == NULL)
    return (x->key == NULL) - (y->key == NULL);
  return strcmp (x->key, y->key);
}

/* A pass over the attended bookings alone, with the events and the PVI
 * learners in memory: joining them in SQL made the county-scale summary
 * three times slower (bench/README.md). */
GHashTable *
cm_evaluation_attendance (CmDb    *db,
                          GError **error)
{
  g_autoptr(GHashTable) attendance = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) events = g_hash_table_new (g_direct_hash, NULL);
  g_autoptr(GHashTable) pvi = g_hash_table_new (g_direct_hash, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = cm_db_prepare (db, "SELECT id, commission_id FROM events", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 commission_id = sqlite3_column_int64 (stmt, 1);

      g_hash_table_insert (events, ID_KEY (id), ID_KEY (commission_id));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_DONE)
    goto failed;

  if (!(stmt = cm_db_prepare (db,
                              "SELECT l.id FROM learners l JOIN organisations o ON o.id = l.organisation_id"
                              " WHERE o.kind IN ('private', 'voluntary', 'independent')",
                              error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (pvi, ID_KEY (id));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_DONE)
    goto failed;

  if (!(stmt = cm_db_prepare (db, "SELECT event_id, learner_id FROM bookings WHERE status = 'attended'", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 event_id = sqlite3_column_int64 (stmt, 0);
      gint64 learner_id = sqlite3_column_int64 (stmt, 1);
      gint64 commission_id = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (events, ID_KEY (event_id)));
      CmAttendance *entry;

      if (commission_id == 0)
        continue;

      entry = g_hash_table_lookup (attendance, &commission_id);
      if (entry == NULL)
        {
          entry = g_new0 (CmAttendance, 1);
          g_hash_table_insert (attendance, g_memdup2 (&commission_id, sizeof commission_id), entry);
        }
      entry->attended++;
      if (g_hash_table_contains (pvi, ID_KEY (learner_id)))
        entry->attended_pvi++;
    }
  if (rc != SQLITE_DONE)
    goto failed;

  return g_steal_pointer (&attendance);

failed:
  cm_db_set_error (db, error);
  return NULL;
}

/**
 * cm_evaluation_report:
 * @db: a #CmDb
 * @year: a financial year
 * @half: 1 or 2 for a cycle, 0 for the whole year
 * @grouping: one row per commission, competency, sector or organisation kind
 * @today: the date follow-ups are judged overdue against
 * @error: return location for a #GError
 *
 * The evaluation figures of the events dated in the period (docs/figures.md,
 * "Evaluation"). Safe to call from a worker thread with its own #CmDb.
 *
 * Returns: (transfer full): the report, rows by key with "none" last
 */
CmEvaluationReport *
cm_evaluation_report (CmDb                 *db,
                      int                   year,
                      int                   half,
                      CmEvaluationGrouping  grouping,
                      const GDate          *today,
                      GError              **error)
{
  g_autoptr(CmEvaluationReport) result = g_new0 (CmEvaluationReport, 1);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  Report report = { db, grouping };
  GHashTableIter iter;
  gpointer value;
  gboolean own = FALSE;
  gboolean ok;

  g_return_val_if_fail (CM_IS_DB (db), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (half >= 0 && half <= 2, NULL);

  result->year = year;
  result->half = half;
  result->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_evaluation_figures_free);
  result->totals = g_new0 (CmEvaluationFigures, 1);

  cm_evaluation_period_bounds (year, half, &start, &end);
  report.start = start;
  report.end = end;
  report.today = g_date_get_julian (today);
  report.totals = result->totals;

  if ((report.weeks = cm_evaluation_get_followup_weeks (db, error)) < 0)
    return NULL;

  report.rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  report.commissions = g_hash_table_new (g_direct_hash, NULL);
  report.events = g_hash_table_new_full (g_direct_hash, NULL, NULL, g_free);
  report.learners = g_hash_table_new_full (g_direct_hash, NULL, NULL, g_free);
  report.followed = g_hash_table_new_full (pair_hash, pair_equal, g_free, NULL);

  /* One snapshot for every query, so that the totals match the rows. */
  own = sqlite3_get_autocommit (cm_db_get_handle (db)) != 0;
  if (own && !cm_db_exec (db, "BEGIN", error))
    {
      report_clear (&report);
      return NULL;
    }

  ok = fill (&report, error);
  if (own)
    cm_db_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL);

  if (ok)
    {
      g_hash_table_iter_init (&iter, report.rows);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (result->rows, value);
      g_ptr_array_sort (result->rows, compare_rows);
    }
  else
    {
      g_hash_table_iter_init (&iter, report.rows);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        cm_evaluation_figures_free (value);
    }
  report_clear (&report);

  if (!ok)
    return NULL;

  return g_steal_pointer (&result);
}
