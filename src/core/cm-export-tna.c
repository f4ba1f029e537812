/* cm-export-tna.c
 *
 * The needs analysis of one cycle: the needs matrix (staff group ×
 * competency, coloured by a colour scale), the priorities list, and the
 * suggested events with their indicative cost (docs/figures.md,
 * "Workbooks").
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-domain.h"
#include "cm-export-private.h"
#include "cm-fiscal.h"
#include "cm-needs.h"

/* Priorities are shown rounded to one decimal (docs/figures.md, "Priority"). */
static double
priority_value (gint64 num,
                gint64 den)
{
  return cm_needs_priority_round (num, den, 1) / 10.0;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
write_matrix (CmExportBook    *book,
              CmNeedsAnalysis *analysis)
{
  lxw_worksheet *sheet = cm_export_add_sheet (book, _("Needs matrix"));
  g_autoptr(GHashTable) group_rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) competency_cols = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (CmExportColumn));
  const CmNeedsLine **first_line;
  gint64 *needed;
  gint64 *column_totals;
  guint n_groups, n_codes;
  lxw_row_t header = 0;
  lxw_row_t total_row;
  lxw_col_t first_col = 3;
  lxw_col_t total_col;
  const CmExportColumn fixed[] = {
    { _("Staff group"), 40, FALSE },
    { _("Organisation"), 28, FALSE },
    { _("Sector"), 14, FALSE },
  };

  for (guint i = 0; i < analysis->lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (analysis->lines, i);

      if (!g_hash_table_contains (group_rows, line->staff_group))
        {
          g_hash_table_add (group_rows, (gpointer) line->staff_group);
          g_ptr_array_add (groups, (gpointer) line->staff_group);
        }
      if (!g_hash_table_contains (competency_cols, line->competency_code))
        {
          g_hash_table_add (competency_cols, (gpointer) line->competency_code);
          g_ptr_array_add (codes, (gpointer) line->competency_code);
        }
    }
  g_ptr_array_sort (groups, compare_names);
  g_ptr_array_sort (codes, compare_names);
  n_groups = groups->len;
  n_codes = codes->len;
  g_hash_table_remove_all (group_rows);
  g_hash_table_remove_all (competency_cols);
  for (guint i = 0; i < n_groups; i++)
    g_hash_table_insert (group_rows, g_ptr_array_index (groups, i), GUINT_TO_POINTER (i));
  for (guint i = 0; i < n_codes; i++)
    g_hash_table_insert (competency_cols, g_ptr_array_index (codes, i), GUINT_TO_POINTER (i));

  /* The matrix is dense in memory: rows must go out in order. */
  needed = g_new0 (gint64, (gsize) MAX (n_groups * n_codes, 1));
  first_line = g_new0 (const CmNeedsLine *, MAX (n_groups, 1));
  column_totals = g_new0 (gint64, MAX (n_codes, 1));
  for (guint i = 0; i < analysis->lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (analysis->lines, i);
      guint r = GPOINTER_TO_UINT (g_hash_table_lookup (group_rows, line->staff_group));
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (competency_cols, line->competency_code));

      needed[(gsize) r * n_codes + c] += line->needed;
      column_totals[c] += line->needed;
      if (first_line[r] == NULL)
        first_line[r] = line;
    }

  g_array_append_vals (columns, fixed, G_N_ELEMENTS (fixed));
  for (guint c = 0; c < n_codes; c++)
    {
      CmExportColumn column = { g_ptr_array_index (codes, c), 9, TRUE };

      g_array_append_val (columns, column);
    }
  {
    CmExportColumn column = { _("Total"), 10, TRUE };

    g_array_append_val (columns, column);
  }
  total_col = first_col + n_codes;
  cm_export_header_row (book, sheet, header, (CmExportColumn *) columns->data, columns->len);
  worksheet_freeze_panes (sheet, header + 1, 1);
  worksheet_autofilter (sheet, header, 0, header + MAX (n_groups, 1), columns->len - 1);

  for (guint r = 0; r < n_groups; r++)
    {
      lxw_row_t row = header + 1 + r;
      gint64 row_total = 0;
      g_autofree char *left = cm_export_cell (row, first_col, FALSE);
      g_autofree char *right = cm_export_cell (row, MAX (total_col, first_col + 1) - 1, FALSE);
      g_autofree char *formula = n_codes > 0 ? g_strdup_printf ("=SUM(%s:%s)", left, right) : g_strdup ("=0");

      cm_export_text (sheet, row, 0, g_ptr_array_index (groups, r), NULL);
      cm_export_text (sheet, row, 1, first_line[r]->organisation, NULL);
      cm_export_text (sheet, row, 2, cm_domain_label (CM_DOMAIN_SECTOR, first_line[r]->sector), NULL);
      for (guint c = 0; c < n_codes; c++)
        {
          gint64 value = needed[(gsize) r * n_codes + c];

          worksheet_write_number (sheet, row, first_col + c, (double) value, book->integer);
          row_total += value;
        }
      cm_export_formula (sheet, row, total_col, formula, (double) row_total, book->total_integer);
    }

  total_row = header + 1 + n_groups;
  cm_export_text (sheet, total_row, 0, _("Total"), book->total_text);
  worksheet_write_blank (sheet, total_row, 1, book->total_text);
  worksheet_write_blank (sheet, total_row, 2, book->total_text);
  {
    gint64 all = 0;

    for (guint c = 0; c <= n_codes; c++)
      {
        g_autofree char *top = cm_export_cell (header + 1, first_col + c, FALSE);
        g_autofree char *bottom = cm_export_cell (MAX (total_row, header + 2) - 1, first_col + c, FALSE);
        g_autofree char *formula = n_groups > 0 ? g_strdup_printf ("=SUM(%s:%s)", top, bottom) : g_strdup ("=0");
        gint64 value = c < n_codes ? column_totals[c] : all;

        if (c < n_codes)
          all += column_totals[c];
        cm_export_formula (sheet, total_row, first_col + c, formula, (double) value, book->total_integer);
      }
  }

  /* White for nothing needed, through amber, to red for the most. */
  if (n_groups > 0 && n_codes > 0)
    {
      lxw_conditional_format scale = { 0 };

      scale.type = LXW_CONDITIONAL_3_COLOR_SCALE;
      scale.min_color = 0xFFFFFF;
      scale.mid_color = 0xFFD966;
      scale.max_color = 0xE06666;
      worksheet_conditional_format_range (sheet, header + 1, first_col, header + n_groups,
                                          first_col + n_codes - 1, &scale);
    }

  g_free (needed);
  g_free (first_line);
  g_free (column_totals);
}

static void
write_priorities (CmExportBook    *book,
                  CmNeedsAnalysis *analysis)
{
  static const CmExportColumn columns[] = {
    { N_("Staff group"), 40, FALSE },
    { N_("Organisation"), 28, FALSE },
    { N_("Sector"), 14, FALSE },
    { N_("Competency"), 12, FALSE },
    { N_("Competency name"), 36, FALSE },
    { N_("Headcount"), 11, TRUE },
    { N_("Required"), 10, TRUE },
    { N_("Still valid"), 10, TRUE },
    { N_("Needed"), 10, TRUE },
    { N_("Priority"), 10, TRUE },
  };
  lxw_worksheet *sheet = cm_export_add_sheet (book, _("Priorities"));

  cm_export_header_row (book, sheet, 0, columns, G_N_ELEMENTS (columns));
  worksheet_autofilter (sheet, 0, 0, MAX (analysis->lines->len, 1), G_N_ELEMENTS (columns) - 1);
  for (guint i = 0; i < analysis->lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (analysis->lines, i);
      lxw_row_t row = i + 1;

      cm_export_text (sheet, row, 0, line->staff_group, NULL);
      cm_export_text (sheet, row, 1, line->organisation, NULL);
      cm_export_text (sheet, row, 2, cm_domain_label (CM_DOMAIN_SECTOR, line->sector), NULL);
      cm_export_text (sheet, row, 3, line->competency_code, NULL);
      cm_export_text (sheet, row, 4, line->competency_name, NULL);
      worksheet_write_number (sheet, row, 5, (double) line->headcount, book->integer);
      worksheet_write_number (sheet, row, 6, (double) line->required, book->integer);
      worksheet_write_number (sheet, row, 7, (double) line->still, book->integer);
      worksheet_write_number (sheet, row, 8, (double) line->needed, book->integer);
      worksheet_write_number (sheet, row, 9, priority_value (line->priority_num, line->priority_den), book->decimal);
    }
}

static void
write_events (CmExportBook    *book,
              CmNeedsAnalysis *analysis)
{
  static const CmExportColumn columns[] = {
    { N_("Competency"), 12, FALSE },
    { N_("Name"), 40, FALSE },
    { N_("Category"), 18, FALSE },
    { N_("Priority"), 10, TRUE },
    { N_("Places needed"), 10, TRUE },
    { N_("Places per event"), 10, TRUE },
    { N_("Suggested events"), 11, TRUE },
    { N_("Cost per place"), 13, TRUE },
    { N_("Indicative cost"), 15, TRUE },
  };
  lxw_worksheet *sheet = cm_export_add_sheet (book, _("Suggested events"));
  GPtrArray *competencies = analysis->competencies;
  lxw_row_t total_row = competencies->len + 1;
  gint64 total_events = 0, total_places = 0, total_cost = 0;

  cm_export_header_row (book, sheet, 0, columns, G_N_ELEMENTS (columns));
  worksheet_autofilter (sheet, 0, 0, MAX (competencies->len, 1), G_N_ELEMENTS (columns) - 1);
  for (guint i = 0; i < competencies->len; i++)
    {
      const CmNeedsCompetency *competency = g_ptr_array_index (competencies, i);
      lxw_row_t row = i + 1;
      g_autofree char *places = cm_export_cell (row, 4, FALSE);
      g_autofree char *capacity = cm_export_cell (row, 5, FALSE);
      g_autofree char *events = cm_export_cell (row, 6, FALSE);
      g_autofree char *price = cm_export_cell (row, 7, FALSE);
      g_autofree char *events_formula = g_strdup_printf ("=ROUNDUP(%s/MAX(1,%s),0)", places, capacity);
      g_autofree char *cost_formula = g_strdup_printf ("=%s*MAX(1,%s)*%s", events, capacity, price);

      cm_export_text (sheet, row, 0, competency->code, NULL);
      cm_export_text (sheet, row, 1, competency->name, NULL);
      cm_export_text (sheet, row, 2, cm_domain_label (CM_DOMAIN_CATEGORY, competency->category), NULL);
      worksheet_write_number (sheet, row, 3, priority_value (competency->priority_num, competency->priority_den), book->decimal);
      worksheet_write_number (sheet, row, 4, (double) competency->places_needed, book->integer);
      worksheet_write_number (sheet, row, 5, (double) competency->capacity, book->integer);
      /* Whole events, full: docs/figures.md, "Suggested events". */
      cm_export_formula (sheet, row, 6, events_formula, (double) competency->suggested_events, book->integer);
      cm_export_money (book, sheet, row, 7, competency->cost_per_place_pence);
      cm_export_formula (sheet, row, 8, cost_formula, competency->indicative_cost_pence / 100.0, book->money);
      total_events += competency->suggested_events;
      total_places += competency->places_needed;
      total_cost += competency->indicative_cost_pence;
    }

  cm_export_text (sheet, total_row, 0, _("Total"), book->total_text);
  for (lxw_col_t c = 1; c <= 8; c++)
    {
      g_autofree char *top = cm_export_cell (1, c, FALSE);
      g_autofree char *bottom = cm_export_cell (MAX (total_row, 2) - 1, c, FALSE);
      g_autofree char *formula = g_strdup_printf ("=SUM(%s:%s)", top, bottom);

      if (c == 4)
        cm_export_formula (sheet, total_row, c, formula, (double) total_places, book->total_integer);
      else if (c == 6)
        cm_export_formula (sheet, total_row, c, formula, (double) total_events, book->total_integer);
      else if (c == 8)
        cm_export_formula (sheet, total_row, c, formula, total_cost / 100.0, book->total_money);
      else
        worksheet_write_blank (sheet, total_row, c, book->total_text);
    }
}

gboolean
cm_export_tna (CmExportBook  *book,
               CmDb          *db,
               int            year,
               int            half,
               GError       **error)
{
  g_autoptr(CmNeedsAnalysis) analysis = NULL;
  CmNeedsCycleState state = { 0 };

  if (!cm_needs_get_cycle_state (db, year, half, &state, error))
    return FALSE;
  if (!state.exists)
    {
      g_autofree char *label = cm_fiscal_cycle_label (year, half);

      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_INVALID,
                   _("There is no cycle %s in this database: create it in the needs wizard, or with copy-cycle or an import of requirements"),
                   label);
      return FALSE;
    }
  if (!(analysis = cm_needs_read_analysis (db, year, half, error)) ||
      !cm_export_book_open (book, TRUE, error) ||
      !cm_export_step (book, 0.3, error))
    return FALSE;

  write_matrix (book, analysis);
  if (!cm_export_step (book, 0.6, error))
    return FALSE;
  write_priorities (book, analysis);
  write_events (book, analysis);
  return cm_export_step (book, 0.9, error);
}
