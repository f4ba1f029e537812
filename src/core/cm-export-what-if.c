/* cm-export-what-if.c
 *
 * The what-if workbook: a scenario's re-plan of a year, each stream
 * before and after, the commissions kept and deferred, and the places
 * left unmet (docs/figures.md, "What-if").
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-export"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-export-private.h"
#include "cm-needs.h"
#include "cm-what-if.h"

/* A priority as the app shows it ("38.2"), written as a number. */
static void
write_priority (CmExportBook  *book,
                lxw_worksheet *sheet,
                lxw_row_t      row,
                lxw_col_t      col,
                gint64         num,
                gint64         den)
{
  g_autofree char *shown = cm_needs_show_priority (num, den);

  worksheet_write_number (sheet, row, col, g_ascii_strtod (shown, NULL), book->decimal);
}

static void
write_streams (CmExportBook       *book,
               const CmWhatIfPlan *plan)
{
  static const CmExportColumn columns[] = {
    { N_("Stream"), 14, FALSE }, { N_("Change"), 18, FALSE },
    { N_("Allocation before"), 16, TRUE }, { N_("Allocation after"), 16, TRUE },
    { N_("Forecast before"), 16, TRUE }, { N_("Forecast after"), 16, TRUE },
    { N_("Proposed before"), 16, TRUE }, { N_("Proposed after"), 16, TRUE },
    { N_("Remaining before"), 16, TRUE }, { N_("Remaining after"), 16, TRUE },
  };
  CmExportColumn translated[G_N_ELEMENTS (columns)];
  lxw_worksheet *sheet = cm_export_add_sheet (book, _("Streams"));
  lxw_row_t row = 1;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    translated[i] = (CmExportColumn) { _(columns[i].title), columns[i].width, columns[i].number };
  cm_export_header_row (book, sheet, 0, translated, G_N_ELEMENTS (translated));

  for (guint i = 0; i <= plan->streams->len; i++, row++)
    {
      const CmWhatIfStream *stream = i < plan->streams->len ? g_ptr_array_index (plan->streams, i) : NULL;
      const CmBudgetFigures *before = stream != NULL ? stream->before : plan->totals_before;
      const CmBudgetFigures *after = stream != NULL ? stream->after : plan->totals_after;
      g_autofree char *change = stream != NULL ? cm_what_if_describe_change (stream->change, stream->change_value) : NULL;

      cm_export_text (sheet, row, 0, stream != NULL ? stream->code : _("Total"), stream != NULL ? book->text : book->total_text);
      cm_export_text (sheet, row, 1, change, stream != NULL ? book->text : book->total_text);
      cm_export_money (book, sheet, row, 2, before->allocation_pence);
      cm_export_money (book, sheet, row, 3, after->allocation_pence);
      cm_export_money (book, sheet, row, 4, before->forecast_pence);
      cm_export_money (book, sheet, row, 5, after->forecast_pence);
      cm_export_money (book, sheet, row, 6, before->proposed_pence);
      cm_export_money (book, sheet, row, 7, after->proposed_pence);
      cm_export_money (book, sheet, row, 8, before->available_pence);
      cm_export_money (book, sheet, row, 9, after->available_pence);
    }
}

static void
write_outcomes (CmExportBook *book,
                const char   *name,
                GArray       *outcomes,
                gboolean      deferred)
{
  static const CmExportColumn columns[] = {
    { N_("Commission"), 14, FALSE }, { N_("Title"), 40, FALSE }, { N_("Status"), 12, FALSE },
    { N_("Competency"), 12, FALSE }, { N_("Places"), 10, TRUE }, { N_("Priority"), 10, TRUE },
    { N_("Planned cost"), 16, TRUE }, { N_("Blocked by"), 14, FALSE }, { N_("Short by"), 16, TRUE },
  };
  CmExportColumn translated[G_N_ELEMENTS (columns)];
  guint n_columns = deferred ? G_N_ELEMENTS (columns) : G_N_ELEMENTS (columns) - 2;
  lxw_worksheet *sheet = cm_export_add_sheet (book, name);

  for (guint i = 0; i < n_columns; i++)
    translated[i] = (CmExportColumn) { _(columns[i].title), columns[i].width, columns[i].number };
  cm_export_header_row (book, sheet, 0, translated, n_columns);

  for (guint i = 0; i < outcomes->len; i++)
    {
      const CmWhatIfOutcome *outcome = &g_array_index (outcomes, CmWhatIfOutcome, i);
      const CmWhatIfCandidate *c = outcome->candidate;
      lxw_row_t row = i + 1;

      cm_export_text (sheet, row, 0, c->code, book->text);
      cm_export_text (sheet, row, 1, c->title, book->text);
      cm_export_text (sheet, row, 2, c->status, book->text);
      cm_export_text (sheet, row, 3, c->competency_code, book->text);
      worksheet_write_number (sheet, row, 4, (double) c->places, book->integer);
      write_priority (book, sheet, row, 5, c->priority_num, c->priority_den);
      cm_export_money (book, sheet, row, 6, c->planned_pence);
      if (deferred)
        {
          cm_export_text (sheet, row, 7, outcome->blocked_by, book->text);
          cm_export_money (book, sheet, row, 8, outcome->short_pence);
        }
    }
}

static void
write_unmet (CmExportBook       *book,
             const CmWhatIfPlan *plan)
{
  static const CmExportColumn columns[] = {
    { N_("Competency"), 12, FALSE }, { N_("Name"), 44, FALSE },
    { N_("Places"), 10, TRUE }, { N_("Priority"), 10, TRUE },
  };
  CmExportColumn translated[G_N_ELEMENTS (columns)];
  lxw_worksheet *sheet = cm_export_add_sheet (book, _("Unmet"));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    translated[i] = (CmExportColumn) { _(columns[i].title), columns[i].width, columns[i].number };
  cm_export_header_row (book, sheet, 0, translated, G_N_ELEMENTS (translated));

  for (guint i = 0; i < plan->unmet->len; i++)
    {
      const CmWhatIfUnmet *unmet = &g_array_index (plan->unmet, CmWhatIfUnmet, i);
      lxw_row_t row = i + 1;

      cm_export_text (sheet, row, 0, unmet->competency_code, book->text);
      cm_export_text (sheet, row, 1, unmet->competency_code != NULL ? unmet->competency_name : _("No competency"), book->text);
      worksheet_write_number (sheet, row, 2, (double) unmet->places, book->integer);
      write_priority (book, sheet, row, 3, unmet->priority_num, unmet->priority_den);
    }
}

gboolean
cm_export_what_if_book (CmExportBook  *book,
                        CmDb          *db,
                        int            year,
                        int            half,
                        GError       **error)
{
  const CmWhatIfScenario *scenario = book->input;
  g_autoptr(CmWhatIf) what_if = NULL;
  g_autoptr(CmWhatIfPlan) plan = NULL;

  if (!(what_if = cm_what_if_load (db, year, &book->today, error)) ||
      !(plan = cm_what_if_run (what_if, scenario, error)) ||
      !cm_export_step (book, 0.5, error) ||
      !cm_export_book_open (book, FALSE, error))
    return FALSE;

  write_streams (book, plan);
  write_outcomes (book, _("Kept"), plan->kept, FALSE);
  write_outcomes (book, _("Deferred"), plan->deferred, TRUE);
  write_unmet (book, plan);
  return TRUE;
}
