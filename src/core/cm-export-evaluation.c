/* cm-export-evaluation.c
 *
 * The evaluation workbook of a year: per commission and per competency,
 * the feedback forms and response rate, the reaction ratings (L1),
 * confidence before and after and its uplift (L2), follow-ups and how
 * much was applied (L3), and the follow-ups still due, by learner ref,
 * with names and emails only when asked for (docs/figures.md,
 * "Workbooks").
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-export"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-budget.h"
#include "cm-budget-private.h"
#include "cm-db-private.h"
#include "cm-evaluation.h"
#include "cm-export-private.h"
#include "cm-fiscal.h"

/* The columns, in order; their letters are used in the formulas. */
enum
{
  COL_CODE,
  COL_NAME,
  COL_EVENTS,
  COL_ATTENDED,
  COL_FORMS,
  COL_RESPONSE,     /* forms / attended */
  COL_CONTENT,
  COL_TRAINER,
  COL_VENUE,
  COL_RELEVANCE,
  COL_BEFORE,
  COL_AFTER,
  COL_UPLIFT,       /* after − before */
  COL_CONFIDENT,    /* forms with confidence after ≥ 4 / forms */
  COL_DONE,
  COL_APPLIED,      /* Σ applied / follow-ups done */
  COL_OVERDUE,
  N_COLUMNS,
};

#define HEADER_ROW 3

typedef struct
{
  CmExportBook  *book;
  lxw_worksheet *sheet;
} Sheet;

/* Σ @sum / @count over a row, written as the exact mean so that the
 * total's weighted mean of them is exact too; nothing when @count is 0. */
static void
write_mean (Sheet      *s,
            lxw_row_t   row,
            lxw_col_t   col,
            gint64      sum,
            gint64      count,
            lxw_format *format)
{
  if (count > 0)
    worksheet_write_number (s->sheet, row, col, (double) sum / (double) count, format);
}

/* =A/B with its value, or nothing when B is 0. */
static void
write_quotient (Sheet      *s,
                lxw_row_t   row,
                lxw_col_t   col,
                lxw_col_t   numerator,
                lxw_col_t   denominator,
                gint64      n,
                gint64      d,
                lxw_format *format)
{
  g_autofree char *a = cm_export_cell (row, numerator, FALSE);
  g_autofree char *b = cm_export_cell (row, denominator, FALSE);
  g_autofree char *formula = g_strdup_printf ("=%s/%s", a, b);

  if (d != 0)
    cm_export_formula (s->sheet, row, col, formula, (double) n / (double) d, format);
}

static void
write_uplift (Sheet                     *s,
              lxw_row_t                  row,
              const CmEvaluationFigures *f,
              lxw_format                *format)
{
  g_autofree char *after = cm_export_cell (row, COL_AFTER, FALSE);
  g_autofree char *before = cm_export_cell (row, COL_BEFORE, FALSE);
  g_autofree char *formula = g_strdup_printf ("=%s-%s", after, before);

  if (f->responses > 0)
    cm_export_formula (s->sheet, row, COL_UPLIFT, formula,
                       (double) f->after_sum / (double) f->responses - (double) f->before_sum / (double) f->responses,
                       format);
}

static void
write_row (Sheet                     *s,
           lxw_row_t                  row,
           const char                *code,
           const char                *name,
           const CmEvaluationFigures *f)
{
  CmExportBook *book = s->book;
  const struct { lxw_col_t col; gint64 sum; } ratings[] = {
    { COL_CONTENT, f->content_sum }, { COL_TRAINER, f->trainer_sum }, { COL_VENUE, f->venue_sum },
    { COL_RELEVANCE, f->relevance_sum }, { COL_BEFORE, f->before_sum }, { COL_AFTER, f->after_sum },
  };

  cm_export_text (s->sheet, row, COL_CODE, code, book->text);
  cm_export_text (s->sheet, row, COL_NAME, name, book->text);
  worksheet_write_number (s->sheet, row, COL_EVENTS, (double) f->events, book->integer);
  worksheet_write_number (s->sheet, row, COL_ATTENDED, (double) f->attended, book->integer);
  worksheet_write_number (s->sheet, row, COL_FORMS, (double) f->responses, book->integer);
  write_quotient (s, row, COL_RESPONSE, COL_FORMS, COL_ATTENDED, f->responses, f->attended, book->percent);
  for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
    write_mean (s, row, ratings[i].col, ratings[i].sum, f->responses, book->average);
  write_uplift (s, row, f, book->average);
  write_mean (s, row, COL_CONFIDENT, f->confident, f->responses, book->percent);
  worksheet_write_number (s->sheet, row, COL_DONE, (double) f->followups_done, book->integer);
  write_mean (s, row, COL_APPLIED, f->applied_sum, f->followups_done, book->average);
  worksheet_write_number (s->sheet, row, COL_OVERDUE, (double) f->followups_overdue, book->integer);
}

/* The Total row: sums, rates of the sums, and every mean weighted by
 * what it is a mean of, which gives the core's totals. */
static void
write_total (Sheet                     *s,
             lxw_row_t                  row,
             lxw_row_t                  first,
             lxw_row_t                  last,
             const CmEvaluationFigures *f)
{
  CmExportBook *book = s->book;
  const struct { lxw_col_t col; gint64 value; } sums[] = {
    { COL_EVENTS, f->events }, { COL_ATTENDED, f->attended }, { COL_FORMS, f->responses },
    { COL_DONE, f->followups_done }, { COL_OVERDUE, f->followups_overdue },
  };
  const struct { lxw_col_t col; lxw_col_t weight; gint64 sum; gint64 count; lxw_format *format; } means[] = {
    { COL_CONTENT, COL_FORMS, f->content_sum, f->responses, book->total_average },
    { COL_TRAINER, COL_FORMS, f->trainer_sum, f->responses, book->total_average },
    { COL_VENUE, COL_FORMS, f->venue_sum, f->responses, book->total_average },
    { COL_RELEVANCE, COL_FORMS, f->relevance_sum, f->responses, book->total_average },
    { COL_BEFORE, COL_FORMS, f->before_sum, f->responses, book->total_average },
    { COL_AFTER, COL_FORMS, f->after_sum, f->responses, book->total_average },
    { COL_CONFIDENT, COL_FORMS, f->confident, f->responses, book->total_percent },
    { COL_APPLIED, COL_DONE, f->applied_sum, f->followups_done, book->total_average },
  };

  cm_export_text (s->sheet, row, COL_CODE, _("Total"), book->total_text);
  worksheet_write_blank (s->sheet, row, COL_NAME, book->total_text);
  for (guint i = 0; i < G_N_ELEMENTS (sums); i++)
    {
      g_autofree char *top = cm_export_cell (first, sums[i].col, FALSE);
      g_autofree char *bottom = cm_export_cell (last, sums[i].col, FALSE);
      g_autofree char *formula = last >= first ? g_strdup_printf ("=SUM(%s:%s)", top, bottom) : g_strdup ("=0");

      cm_export_formula (s->sheet, row, sums[i].col, formula, (double) sums[i].value, book->total_integer);
    }
  write_quotient (s, row, COL_RESPONSE, COL_FORMS, COL_ATTENDED, f->responses, f->attended, book->total_percent);
  for (guint i = 0; i < G_N_ELEMENTS (means); i++)
    {
      g_autofree char *formula = cm_export_weighted_mean (first, last, means[i].col, means[i].weight, row);

      if (means[i].count > 0)
        cm_export_formula (s->sheet, row, means[i].col, formula,
                           (double) means[i].sum / (double) means[i].count, means[i].format);
      else
        worksheet_write_blank (s->sheet, row, means[i].col, means[i].format);
    }
  write_uplift (s, row, f, book->total_average);
}

static void
write_sheet (Sheet                    *s,
             const char               *sheet_name,
             const char               *heading,
             const char               *code_title,
             const char               *name_title,
             const CmEvaluationReport *report,
             GHashTable               *names)
{
  CmExportBook *book = s->book;
  g_autofree char *period = cm_fiscal_year_label (report->year);
  g_autofree char *date = cm_fiscal_format_date (&book->today);
  g_autofree char *line = g_strdup_printf (_("Events dated in %s. Ratings 1–5, applied 0–3; follow-ups overdue on %s. Prepared with Commissioner."),
                                           period, date);
  const CmExportColumn columns[N_COLUMNS] = {
    [COL_CODE] = { code_title, 16, FALSE },
    [COL_NAME] = { name_title, 40, FALSE },
    [COL_EVENTS] = { _("Events"), 8, TRUE },
    [COL_ATTENDED] = { _("Attended"), 9, TRUE },
    [COL_FORMS] = { _("Feedback forms"), 9, TRUE },
    [COL_RESPONSE] = { _("Response rate"), 10, TRUE },
    [COL_CONTENT] = { _("Content"), 9, TRUE },
    [COL_TRAINER] = { _("Trainer"), 9, TRUE },
    [COL_VENUE] = { _("Venue"), 9, TRUE },
    [COL_RELEVANCE] = { _("Relevance"), 10, TRUE },
    [COL_BEFORE] = { _("Confidence before"), 11, TRUE },
    [COL_AFTER] = { _("Confidence after"), 11, TRUE },
    [COL_UPLIFT] = { _("Uplift"), 9, TRUE },
    [COL_CONFIDENT] = { _("Reaching confident (4+)"), 11, TRUE },
    [COL_DONE] = { _("Follow-ups done"), 10, TRUE },
    [COL_APPLIED] = { _("Applied (0–3)"), 9, TRUE },
    [COL_OVERDUE] = { _("Follow-ups overdue"), 10, TRUE },
  };
  lxw_row_t row = HEADER_ROW + 1;

  s->sheet = cm_export_add_sheet (book, sheet_name);
  worksheet_set_row (s->sheet, 0, 22, NULL);
  cm_export_text (s->sheet, 0, 0, heading, book->title_format);
  cm_export_text (s->sheet, 1, 0, line, book->note);
  worksheet_set_row (s->sheet, HEADER_ROW, 45, NULL);
  cm_export_header_row (book, s->sheet, HEADER_ROW, columns, N_COLUMNS);

  for (guint i = 0; i < report->rows->len; i++, row++)
    {
      const CmEvaluationFigures *f = g_ptr_array_index (report->rows, i);
      const char *name = f->key != NULL ? g_hash_table_lookup (names, f->key) : _("No competency recorded");

      write_row (s, row, f->key != NULL ? f->key : _("None"), name, f);
    }
  if (report->rows->len > 0)
    worksheet_autofilter (s->sheet, HEADER_ROW, 0, row - 1, N_COLUMNS - 1);
  write_total (s, row, HEADER_ROW + 1, row - 1, report->totals);
}

/* Learners' names and emails by id, read only when they are to be
 * written. */
static GHashTable *
load_people (CmDb    *db,
             GError **error)
{
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_strfreev);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = cm_db_prepare (db, "SELECT id, name, email FROM learners", error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      char **fields = g_new0 (char *, 3);

      *id = sqlite3_column_int64 (stmt, 0);
      /* Never NULL, so that g_strfreev() frees both. */
      fields[0] = g_strdup (sqlite3_column_type (stmt, 1) != SQLITE_NULL ? (const char *) sqlite3_column_text (stmt, 1) : "");
      fields[1] = g_strdup (sqlite3_column_type (stmt, 2) != SQLITE_NULL ? (const char *) sqlite3_column_text (stmt, 2) : "");
      g_hash_table_insert (people, id, fields);
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&people);
}

/* Follow-ups not yet recorded, so that someone can ask for them: by
 * learner ref only, unless names were asked for. */
static gboolean
write_followups_due (CmExportBook  *book,
                     CmDb          *db,
                     int            year,
                     GError       **error)
{
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(GHashTable) people = NULL;
  g_autofree char *period = cm_fiscal_year_label (year);
  g_autofree char *heading = g_strdup_printf (_("Follow-ups due from training %s"), period);
  g_autofree char *date = cm_fiscal_format_date (&book->today);
  g_autofree char *line = NULL;
  lxw_worksheet *sheet;
  lxw_row_t row = HEADER_ROW + 1;
  guint n_columns = 0;

  if (!(followups = cm_evaluation_list_followups (db, year, 0, &book->today, error)) ||
      (book->with_names && !(people = load_people (db, error))))
    return FALSE;

  line = book->with_names
    ? g_strdup_printf (_("Follow-ups not yet recorded on %s. This sheet names learners: keep it as you keep their records."), date)
    : g_strdup_printf (_("Follow-ups not yet recorded on %s, by learner ref. Names and emails are left out unless asked for."), date);

  {
    const CmExportColumn all[] = {
      { _("Event"), 14, FALSE },
      { _("Event date"), 12, FALSE },
      { _("Learner ref"), 16, FALSE },
      { _("Name"), 24, FALSE },
      { _("Email"), 30, FALSE },
      { _("Due"), 12, FALSE },
      { _("Overdue"), 9, FALSE },
    };
    CmExportColumn columns[G_N_ELEMENTS (all)];

    for (guint i = 0; i < G_N_ELEMENTS (all); i++)
      if (book->with_names || (i != 3 && i != 4))
        columns[n_columns++] = all[i];

    sheet = cm_export_add_sheet (book, _("Follow-ups due"));
    worksheet_set_row (sheet, 0, 22, NULL);
    cm_export_text (sheet, 0, 0, heading, book->title_format);
    cm_export_text (sheet, 1, 0, line, book->note);
    cm_export_header_row (book, sheet, HEADER_ROW, columns, n_columns);
  }

  for (guint i = 0; i < followups->len; i++)
    {
      const CmFollowup *f = g_ptr_array_index (followups, i);
      lxw_col_t col = 0;

      if (f->done)
        continue;

      cm_export_text (sheet, row, col++, f->event_code, book->text);
      cm_export_date (book, sheet, row, col++, &f->event_date);
      cm_export_text (sheet, row, col++, f->learner_ref, book->text);
      if (book->with_names)
        {
          char **fields = g_hash_table_lookup (people, &f->learner_id);

          cm_export_text (sheet, row, col++, fields != NULL && *fields[0] != '\0' ? fields[0] : NULL, book->text);
          cm_export_text (sheet, row, col++, fields != NULL && *fields[1] != '\0' ? fields[1] : NULL, book->text);
        }
      cm_export_date (book, sheet, row, col++, &f->due);
      cm_export_text (sheet, row, col++, f->overdue ? _("Yes") : _("No"), book->text);
      row++;
    }
  if (row > HEADER_ROW + 1)
    worksheet_autofilter (sheet, HEADER_ROW, 0, row - 1, (lxw_col_t) (n_columns - 1));

  return TRUE;
}

gboolean
cm_export_evaluation (CmExportBook  *book,
                      CmDb          *db,
                      int            year,
                      int            half,
                      GError       **error)
{
  g_autoptr(CmEvaluationReport) by_commission = NULL;
  g_autoptr(CmEvaluationReport) by_competency = NULL;
  g_autoptr(CmBudgetModel) model = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) competencies = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *period = cm_fiscal_year_label (year);
  g_autofree char *heading = NULL;
  Sheet s = { book, NULL };

  if (!(by_commission = cm_evaluation_report (db, year, 0, CM_EVALUATION_BY_COMMISSION, &book->today, error)) ||
      !(by_competency = cm_evaluation_report (db, year, 0, CM_EVALUATION_BY_COMPETENCY, &book->today, error)) ||
      !(model = cm_budget_model_load (db, error)))
    return FALSE;

  for (guint i = 0; i < model->commissions->len; i++)
    {
      CmBudgetCommission *commission = g_ptr_array_index (model->commissions, i);

      g_hash_table_insert (titles, commission->code, commission->title);
      if (commission->competency_code != NULL)
        g_hash_table_insert (competencies, commission->competency_code, commission->competency_name);
    }

  if (!cm_export_book_open (book, TRUE, error) ||
      !cm_export_step (book, 0.3, error))
    return FALSE;

  heading = g_strdup_printf (_("Evaluation of training %s: by commission"), period);
  write_sheet (&s, _("By commission"), heading, _("Commission"), _("Title"), by_commission, titles);
  if (!cm_export_step (book, 0.6, error))
    return FALSE;
  g_free (heading);
  heading = g_strdup_printf (_("Evaluation of training %s: by competency"), period);
  write_sheet (&s, _("By competency"), heading, _("Competency"), _("Name"), by_competency, competencies);
  if (!cm_export_step (book, 0.8, error) ||
      !write_followups_due (book, db, year, error))
    return FALSE;

  return cm_export_step (book, 0.9, error);
}
