/* cm-export-returns.c
 *
 * Grant returns whose sections, row labels and figures come from a layout
 * file in data/returns, so that next year's form is a new file, not
 * new code. The format and the figures a layout may name are in
 * help/C/export.page and docs/figures.md, "Workbooks".
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-budget.h"
#include "cm-budget-private.h"
#include "cm-domain.h"
#include "cm-evaluation-groups.h"
#include "cm-export-private.h"
#include "cm-fiscal.h"

#define RETURN_GROUP "Return"

typedef enum
{
  FIGURE_MONEY,
  FIGURE_PERCENT,
  FIGURE_COUNT,
  FIGURE_SUM,           /* a SUM formula over the section's money rows so far */
  FIGURE_TRANSACTIONS,  /* the list of transactions, as evidence */
  FIGURE_NONE,          /* a label only */
  /* The columns of a table of courses. */
  COURSE_COUNT,         /* summed in the total row */
  COURSE_MONEY,
  COURSE_RATIO,         /* a percentage of two count columns, as a formula */
  COURSE_AVERAGE,       /* an average rating, weighted by the forms */
  COURSE_UPLIFT,        /* confidence after − before, as a formula */
} FigureType;

/* A table column's figure, and the columns its formula needs. */
typedef struct
{
  const char *figure;
  FigureType  type;
  const char *needs[2];
} CourseFigure;

static const CourseFigure course_figures[] = {
  { "events", COURSE_COUNT, { NULL } },
  { "places", COURSE_COUNT, { NULL } },
  { "booked", COURSE_COUNT, { NULL } },
  { "attended", COURSE_COUNT, { NULL } },
  { "dna", COURSE_COUNT, { NULL } },
  { "cancelled", COURSE_COUNT, { NULL } },
  { "waitlist", COURSE_COUNT, { NULL } },
  { "responses", COURSE_COUNT, { NULL } },
  { "fill-percent", COURSE_RATIO, { "attended", "places" } },
  { "dna-percent", COURSE_RATIO, { "dna", "attended" } },
  { "content", COURSE_AVERAGE, { "responses" } },
  { "trainer", COURSE_AVERAGE, { "responses" } },
  { "venue", COURSE_AVERAGE, { "responses" } },
  { "relevance", COURSE_AVERAGE, { "responses" } },
  { "confidence-before", COURSE_AVERAGE, { "responses" } },
  { "confidence-after", COURSE_AVERAGE, { "responses" } },
  { "uplift", COURSE_UPLIFT, { "confidence-before", "confidence-after" } },
  { "charges", COURSE_MONEY, { NULL } },
};

typedef struct
{
  char       *key;
  char       *label;
  char       *figure;
  FigureType  type;
} LayoutRow;

typedef struct
{
  char      *heading;
  GPtrArray *rows;   /* of LayoutRow; in a table, its columns */
  gboolean   table;  /* Table=courses: a row per course */
} LayoutSection;

struct _CmExportLayout
{
  char      *path;
  char      *title;
  char      *sheet;
  char      *return_kind;  /* the streams it covers: their return kind */
  gboolean   per_stream;   /* one block per stream, or one for them all */
  GPtrArray *sections;     /* of LayoutSection */
};

/* What a block of the return is about: one stream, or all of a kind. */
typedef struct
{
  char       *name;
  gint64      money[7];        /* allocation … available, as money_figures[] */
  gint64      quarter[CM_BUDGET_N_QUARTER_SLOTS];
  int         min_pvi_bp;
  long double planned_num, planned_den, actual_num, actual_den;
  GHashTable *by_category;     /* category id or "" -> gint64 * */
  GPtrArray  *parts;           /* of CmBudgetPart (borrowed) */
  GHashTable *commissions;     /* codes of the commissions its streams fund */
  GHashTable *counts;          /* count figure -> gint64 * */
  gint64      charges_pence;   /* DNA charges raised: income, > 0 */
  GPtrArray  *courses;         /* of CmEvaluationFigures (borrowed), by code */
  GHashTable *course_counts;   /* "CODE\nfigure" -> gint64 *: attended by kind, charges */
} Block;

static const char * const money_figures[] = {
  "allocation", "proposed", "committed", "spend-to-date", "forecast", "variance", "available",
};

static const char * const quarter_figures[] = {
  "spend-outside-year", "spend-q1", "spend-q2", "spend-q3", "spend-q4",
};

static void
layout_row_free (LayoutRow *row)
{
  g_free (row->key);
  g_free (row->label);
  g_free (row->figure);
  g_free (row);
}

static void
layout_section_free (LayoutSection *section)
{
  g_free (section->heading);
  g_ptr_array_unref (section->rows);
  g_free (section);
}

void
cm_export_layout_free (CmExportLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->path);
  g_free (layout->title);
  g_free (layout->sheet);
  g_free (layout->return_kind);
  g_clear_pointer (&layout->sections, g_ptr_array_unref);
  g_free (layout);
}

static gboolean
has_domain_suffix (const char  *figure,
                   const char  *prefix,
                   CmDomainSet  set)
{
  return g_str_has_prefix (figure, prefix) && cm_domain_contains (set, figure + strlen (prefix));
}

/* The type of @figure, or FALSE when a layout may not name it. */
static gboolean
figure_type (const char *figure,
             FigureType *out_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (money_figures); i++)
    if (g_str_equal (figure, money_figures[i]))
      return (*out_type = FIGURE_MONEY, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (quarter_figures); i++)
    if (g_str_equal (figure, quarter_figures[i]))
      return (*out_type = FIGURE_MONEY, TRUE);
  if (has_domain_suffix (figure, "spend-category-", CM_DOMAIN_CATEGORY) ||
      g_str_equal (figure, "spend-uncategorised"))
    return (*out_type = FIGURE_MONEY, TRUE);
  if (g_str_equal (figure, "pvi-minimum") || g_str_equal (figure, "pvi-planned") ||
      g_str_equal (figure, "pvi-actual"))
    return (*out_type = FIGURE_PERCENT, TRUE);
  if (has_domain_suffix (figure, "trained-sector-", CM_DOMAIN_SECTOR) ||
      has_domain_suffix (figure, "trained-kind-", CM_DOMAIN_ORGANISATION_KIND) ||
      g_str_equal (figure, "trained-total") || g_str_equal (figure, "events") ||
      g_str_equal (figure, "learners-trained"))
    return (*out_type = FIGURE_COUNT, TRUE);
  if (g_str_equal (figure, "sum"))
    return (*out_type = FIGURE_SUM, TRUE);
  if (g_str_equal (figure, "transactions"))
    return (*out_type = FIGURE_TRANSACTIONS, TRUE);
  if (g_str_equal (figure, "charges"))
    return (*out_type = FIGURE_MONEY, TRUE);
  return FALSE;
}

static const CourseFigure *
course_figure (const char *figure)
{
  if (has_domain_suffix (figure, "attended-kind-", CM_DOMAIN_ORGANISATION_KIND))
    {
      static const CourseFigure kind = { NULL, COURSE_COUNT, { NULL } };

      return &kind;
    }
  for (guint i = 0; i < G_N_ELEMENTS (course_figures); i++)
    if (g_str_equal (figure, course_figures[i].figure))
      return &course_figures[i];
  return NULL;
}

static const LayoutRow *
find_column (const LayoutSection *section,
             const char          *figure)
{
  for (guint i = 0; i < section->rows->len; i++)
    {
      const LayoutRow *row = g_ptr_array_index (section->rows, i);

      if (g_strcmp0 (row->figure, figure) == 0)
        return row;
    }
  return NULL;
}

/* The line of @key in [@group], for messages; 0 when not found. */
static int
find_line (const char *contents,
           const char *group,
           const char *key)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  gboolean in_group = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));

      if (line[0] == '[')
        {
          g_autofree char *name = g_strndup (line + 1, strcspn (line + 1, "]"));

          in_group = g_str_equal (name, group);
        }
      else if (in_group && g_str_has_prefix (line, key))
        {
          const char *rest = line + strlen (key);

          while (*rest == ' ' || *rest == '\t')
            rest++;
          if (*rest == '=')
            return (int) i + 1;
        }
    }
  return 0;
}

static gboolean
layout_error (GError     **error,
              const char  *path,
              const char  *contents,
              const char  *group,
              const char  *key,
              const char  *format,
              ...) G_GNUC_PRINTF (6, 7);

static gboolean
layout_error (GError     **error,
              const char  *path,
              const char  *contents,
              const char  *group,
              const char  *key,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  g_autofree char *display = g_filename_display_name (path);
  int line = key != NULL ? find_line (contents, group, key) : 0;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (key != NULL)
    g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_LAYOUT,
                 "%s:%d: key '%s' in [%s]: %s", display, line, key, group, message);
  else
    g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_LAYOUT, "%s: %s", display, message);
  return FALSE;
}

char *
cm_export_find_layout (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".ini", NULL);
  g_autofree char *user = g_build_filename (g_get_user_config_dir (), "commissioner", "returns", file, NULL);
  const char *dir = g_getenv ("COMMISSIONER_RETURNS_DIR");

  /* A finance officer's own copy comes first (help/C/export.page). */
  if (g_file_test (user, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&user);
  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, file, NULL);
  return g_build_filename (PKGDATADIR, "returns", file, NULL);
}

CmExportLayout *
cm_export_layout_load (const char  *path,
                       GError     **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(CmExportLayout) layout = g_new0 (CmExportLayout, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *per = NULL;
  g_auto(GStrv) groups = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    return (layout_error (error, path, "", NULL, NULL, "%s", local_error->message), NULL);
  if (!g_key_file_load_from_data (keys, contents, -1, G_KEY_FILE_NONE, &local_error))
    return (layout_error (error, path, contents, NULL, NULL, "%s", local_error->message), NULL);

  layout->path = g_strdup (path);
  layout->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) layout_section_free);
  if (!g_key_file_has_group (keys, RETURN_GROUP))
    return (layout_error (error, path, contents, NULL, NULL, _("no [%s] group"), RETURN_GROUP), NULL);

  layout->title = g_key_file_get_string (keys, RETURN_GROUP, "Title", NULL);
  layout->sheet = g_key_file_get_string (keys, RETURN_GROUP, "Sheet", NULL);
  layout->return_kind = g_key_file_get_string (keys, RETURN_GROUP, "Streams", NULL);
  per = g_key_file_get_string (keys, RETURN_GROUP, "Per", NULL);
  if (layout->title == NULL)
    return (layout_error (error, path, contents, NULL, NULL, _("[%s] needs a Title"), RETURN_GROUP), NULL);
  if (layout->sheet == NULL)
    layout->sheet = g_strdup (layout->title);
  if (layout->return_kind == NULL || !cm_domain_contains (CM_DOMAIN_RETURN_KIND, layout->return_kind))
    {
      g_autofree char *values = cm_domain_describe_values (CM_DOMAIN_RETURN_KIND);

      return (layout_error (error, path, contents, RETURN_GROUP, "Streams",
                            _("must be a stream’s return kind: %s"), values), NULL);
    }
  if (per != NULL && !g_str_equal (per, "stream") && !g_str_equal (per, "return"))
    return (layout_error (error, path, contents, RETURN_GROUP, "Per",
                          _("must be “stream” (a block per stream) or “return” (one for all), not “%s”"), per), NULL);
  layout->per_stream = g_strcmp0 (per, "stream") == 0;

  groups = g_key_file_get_groups (keys, NULL);
  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_auto(GStrv) row_keys = NULL;
      LayoutSection *section;

      if (g_str_equal (groups[g], RETURN_GROUP))
        continue;

      section = g_new0 (LayoutSection, 1);
      section->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) layout_row_free);
      section->heading = g_key_file_get_string (keys, groups[g], "Heading", NULL);
      if (section->heading == NULL)
        section->heading = g_strdup (groups[g]);
      g_ptr_array_add (layout->sections, section);
      {
        g_autofree char *table = g_key_file_get_string (keys, groups[g], "Table", NULL);

        if (table != NULL && !g_str_equal (table, "courses"))
          return (layout_error (error, path, contents, groups[g], "Table",
                                _("the only table is “courses”, not “%s”"), table), NULL);
        section->table = table != NULL;
      }

      row_keys = g_key_file_get_keys (keys, groups[g], NULL, NULL);
      for (guint k = 0; row_keys[k] != NULL; k++)
        {
          g_autofree char *value = NULL;
          const char *bar;
          LayoutRow *row;

          if (g_str_equal (row_keys[k], "Heading") || g_str_equal (row_keys[k], "Table"))
            continue;
          value = g_key_file_get_string (keys, groups[g], row_keys[k], NULL);
          row = g_new0 (LayoutRow, 1);
          row->key = g_strdup (row_keys[k]);
          bar = value != NULL ? strrchr (value, '|') : NULL;
          if (bar == NULL)
            {
              row->label = g_strdup (value != NULL ? value : "");
              row->type = FIGURE_NONE;
            }
          else
            {
              row->label = g_strstrip (g_strndup (value, bar - value));
              row->figure = g_strstrip (g_strdup (bar + 1));
            }
          g_ptr_array_add (section->rows, row);

          if (section->table)
            {
              const CourseFigure *course = row->figure != NULL ? course_figure (row->figure) : NULL;

              if (course == NULL)
                return (layout_error (error, path, contents, groups[g], row_keys[k],
                                      _("a column of the table of courses needs one of its figures, not “%s”; they are listed in the help, “Return layouts”"),
                                      row->figure != NULL ? row->figure : ""), NULL);
              row->type = course->type;
            }
          else if (row->figure != NULL && !figure_type (row->figure, &row->type))
            return (layout_error (error, path, contents, groups[g], row_keys[k],
                                  _("unknown figure “%s”; the figures a layout may use are listed in the help, “Return layouts”"),
                                  row->figure), NULL);
        }
    }

  /* A formula column needs the columns it is worked out from. */
  for (guint g = 0, n = 0; groups[g] != NULL; g++)
    {
      const LayoutSection *section;

      if (g_str_equal (groups[g], RETURN_GROUP))
        continue;
      section = g_ptr_array_index (layout->sections, n++);
      for (guint r = 0; section->table && r < section->rows->len; r++)
        {
          const LayoutRow *row = g_ptr_array_index (section->rows, r);
          const CourseFigure *course = course_figure (row->figure);

          for (guint i = 0; i < G_N_ELEMENTS (course->needs) && course->needs[i] != NULL; i++)
            if (find_column (section, course->needs[i]) == NULL)
              return (layout_error (error, path, contents, groups[g], row->key,
                                    _("“%s” is worked out from the “%s” column, which the table does not have"),
                                    row->figure, course->needs[i]), NULL);
        }
    }

  return g_steal_pointer (&layout);
}

/* ------------------------------------------------------------------ */
/* Figures                                                             */
/* ------------------------------------------------------------------ */

static void
block_free (Block *block)
{
  g_free (block->name);
  g_hash_table_unref (block->by_category);
  g_ptr_array_unref (block->parts);
  g_hash_table_unref (block->commissions);
  g_hash_table_unref (block->counts);
  g_ptr_array_unref (block->courses);
  g_hash_table_unref (block->course_counts);
  g_free (block);
}

static Block *
block_new (const char *name)
{
  Block *block = g_new0 (Block, 1);

  block->name = g_strdup (name);
  block->by_category = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  block->parts = g_ptr_array_new ();
  block->commissions = g_hash_table_new (g_str_hash, g_str_equal);
  block->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  block->courses = g_ptr_array_new ();
  block->course_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return block;
}

static void
block_add_stream (Block                 *block,
                  const CmBudgetFigures *figures)
{
  const gint64 money[] = {
    figures->allocation_pence, figures->proposed_pence, figures->committed_pence,
    figures->actual_pence, figures->forecast_pence, figures->variance_pence,
    figures->available_pence,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (money) == G_N_ELEMENTS (money_figures));
  for (guint i = 0; i < G_N_ELEMENTS (money); i++)
    block->money[i] += money[i];
  for (guint q = 0; q < CM_BUDGET_N_QUARTER_SLOTS; q++)
    block->quarter[q] += figures->quarter_pence[q];
  block->min_pvi_bp = MAX (block->min_pvi_bp, figures->min_pvi_bp);
  /* Shares of several streams are weighted by what they are shares of. */
  block->planned_num += (long double) figures->planned_pvi_bp * figures->committed_pence;
  block->planned_den += figures->committed_pence;
  block->actual_num += (long double) figures->actual_pvi_bp * figures->actual_pence;
  block->actual_den += figures->actual_pence;
}

static void
add_count (GHashTable *counts,
           const char *figure,
           gint64      count)
{
  gint64 *value = g_hash_table_lookup (counts, figure);

  if (value == NULL)
    {
      value = g_new0 (gint64, 1);
      g_hash_table_insert (counts, g_strdup (figure), value);
    }
  *value += count;
}

static void
block_count (Block      *block,
             const char *figure,
             gint64      count)
{
  add_count (block->counts, figure, count);
}

static void
course_count (Block      *block,
              const char *code,
              const char *figure,
              gint64      count)
{
  g_autofree char *key = g_strconcat (code, "\n", figure, NULL);

  add_count (block->course_counts, key, count);
}

static gint64
course_value (const Block *block,
              const char  *code,
              const char  *figure)
{
  g_autofree char *key = g_strconcat (code, "\n", figure, NULL);
  const gint64 *value = g_hash_table_lookup (block->course_counts, key);

  return value != NULL ? *value : 0;
}

static void
block_add_part (Block              *block,
                const CmBudgetPart *part,
                GHashTable         *commissions)
{
  const CmBudgetCommission *commission = part->commission_code != NULL
    ? g_hash_table_lookup (commissions, part->commission_code) : NULL;
  const char *category = commission != NULL && commission->category != NULL ? commission->category : "";
  gint64 *value = g_hash_table_lookup (block->by_category, category);

  if (value == NULL)
    {
      value = g_new0 (gint64, 1);
      g_hash_table_insert (block->by_category, g_strdup (category), value);
    }
  *value += part->amount_pence;
  g_ptr_array_add (block->parts, (gpointer) part);

  /* Charge income is negative spend; the reports show it as income. */
  if (g_strcmp0 (part->kind, "charge-income") == 0)
    {
      block->charges_pence -= part->amount_pence;
      if (part->commission_code != NULL)
        course_count (block, part->commission_code, "charges", -part->amount_pence);
    }
}

/* People trained and events: the attended bookings at the events dated
 * in the year of every commission the block's streams fund (a split on
 * one of them, or spend charged to one). */
static void
block_add_evaluation (Block                    *block,
                      const CmEvaluationReport *report,
                      GPtrArray                *groups)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      const CmEvaluationFigures *row = g_ptr_array_index (report->rows, i);

      if (row->key == NULL || !g_hash_table_contains (block->commissions, row->key))
        continue;
      block_count (block, "events", row->events);
      block_count (block, "learners-trained", row->attended);
      block_count (block, "trained-total", row->attended);
      g_ptr_array_add (block->courses, (gpointer) row);
    }
  for (guint i = 0; i < groups->len; i++)
    {
      const CmAttendedGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *kind = NULL;

      if (!g_hash_table_contains (block->commissions, group->commission_code))
        continue;
      kind = g_strconcat ("trained-kind-", group->organisation_kind, NULL);
      block_count (block, kind, group->attended);
      {
        g_autofree char *column = g_strconcat ("attended-kind-", group->organisation_kind, NULL);

        course_count (block, group->commission_code, column, group->attended);
      }
      if (group->sector != NULL)
        {
          g_autofree char *sector = g_strconcat ("trained-sector-", group->sector, NULL);

          block_count (block, sector, group->attended);
        }
    }
}

static double
block_value (const Block *block,
             const char  *figure)
{
  const gint64 *category;
  const gint64 *count;

  for (guint i = 0; i < G_N_ELEMENTS (money_figures); i++)
    if (g_str_equal (figure, money_figures[i]))
      return block->money[i] / 100.0;
  for (guint i = 0; i < G_N_ELEMENTS (quarter_figures); i++)
    if (g_str_equal (figure, quarter_figures[i]))
      return block->quarter[i] / 100.0;
  if (g_str_has_prefix (figure, "spend-category-"))
    {
      category = g_hash_table_lookup (block->by_category, figure + strlen ("spend-category-"));
      return category != NULL ? *category / 100.0 : 0;
    }
  if (g_str_equal (figure, "spend-uncategorised"))
    {
      category = g_hash_table_lookup (block->by_category, "");
      return category != NULL ? *category / 100.0 : 0;
    }
  if (g_str_equal (figure, "pvi-minimum"))
    return block->min_pvi_bp / 10000.0;
  if (g_str_equal (figure, "pvi-planned"))
    return block->planned_den > 0 ? (double) (block->planned_num / block->planned_den) / 10000.0 : 0;
  if (g_str_equal (figure, "pvi-actual"))
    return block->actual_den > 0 ? (double) (block->actual_num / block->actual_den) / 10000.0 : 0;

  if (g_str_equal (figure, "charges"))
    return block->charges_pence / 100.0;
  count = g_hash_table_lookup (block->counts, figure);
  return count != NULL ? (double) *count : 0;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  CmExportBook  *book;
  lxw_worksheet *sheet;
  lxw_row_t      row;
  lxw_format    *section;
  lxw_format    *block_title;
  lxw_format    *course_name;  /* wrapped, at the foot like the figures */
  GHashTable    *commissions;  /* code -> CmBudgetCommission */
} Writer;

static gint64
course_number (const Block               *block,
               const CmEvaluationFigures *course,
               const char                *figure)
{
  static const struct { const char *figure; gsize offset; } counts[] = {
    { "events", G_STRUCT_OFFSET (CmEvaluationFigures, events) },
    { "places", G_STRUCT_OFFSET (CmEvaluationFigures, places) },
    { "booked", G_STRUCT_OFFSET (CmEvaluationFigures, booked) },
    { "attended", G_STRUCT_OFFSET (CmEvaluationFigures, attended) },
    { "cancelled", G_STRUCT_OFFSET (CmEvaluationFigures, cancelled) },
    { "waitlist", G_STRUCT_OFFSET (CmEvaluationFigures, waitlist) },
    { "responses", G_STRUCT_OFFSET (CmEvaluationFigures, responses) },
    { "content", G_STRUCT_OFFSET (CmEvaluationFigures, content_sum) },
    { "trainer", G_STRUCT_OFFSET (CmEvaluationFigures, trainer_sum) },
    { "venue", G_STRUCT_OFFSET (CmEvaluationFigures, venue_sum) },
    { "relevance", G_STRUCT_OFFSET (CmEvaluationFigures, relevance_sum) },
    { "confidence-before", G_STRUCT_OFFSET (CmEvaluationFigures, before_sum) },
    { "confidence-after", G_STRUCT_OFFSET (CmEvaluationFigures, after_sum) },
  };

  /* Did not attend counts late cancellations too, as the DNA rate does. */
  if (g_str_equal (figure, "dna"))
    return course->dna + course->late_cancel;
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (g_str_equal (figure, counts[i].figure))
      return G_STRUCT_MEMBER (gint64, course, counts[i].offset);
  return course_value (block, course->key, figure);
}

static lxw_col_t
column_of (const LayoutSection *section,
           const char          *figure)
{
  for (guint i = 0; i < section->rows->len; i++)
    if (g_strcmp0 (((const LayoutRow *) g_ptr_array_index (section->rows, i))->figure, figure) == 0)
      return (lxw_col_t) (i + 1);
  g_return_val_if_reached (0);
}

/* The ratio of a course row or the total row: fill = attended / places,
 * DNA = did not attend / (attended + did not attend). */
static void
write_ratio (Writer              *w,
             const LayoutSection *section,
             const char          *figure,
             lxw_row_t            row,
             lxw_col_t            col,
             gint64               numerator,
             gint64               denominator,
             lxw_format          *format)
{
  gboolean fill = g_str_equal (figure, "fill-percent");
  g_autofree char *a = cm_export_cell (row, column_of (section, fill ? "attended" : "dna"), FALSE);
  g_autofree char *b = cm_export_cell (row, column_of (section, fill ? "places" : "attended"), FALSE);
  g_autofree char *formula = fill ? g_strdup_printf ("=%s/%s", a, b) : g_strdup_printf ("=%s/(%s+%s)", a, b, a);

  if (!fill)
    denominator += numerator;
  if (denominator > 0)
    cm_export_formula (w->sheet, row, col, formula, (double) numerator / (double) denominator, format);
}

static void
write_course_table (Writer              *w,
                    const LayoutSection *section,
                    const Block         *block)
{
  CmExportBook *book = w->book;
  lxw_row_t first;
  lxw_row_t last;
  lxw_row_t total_row;
  const CmEvaluationFigures *course;

  worksheet_set_row (w->sheet, w->row, 30, NULL);
  worksheet_write_string (w->sheet, w->row, 0, _("Course"), book->header);
  for (guint c = 0; c < section->rows->len; c++)
    {
      const LayoutRow *column = g_ptr_array_index (section->rows, c);
      g_autofree char *label = cm_export_clean_text (column->label);

      worksheet_write_string (w->sheet, w->row, (lxw_col_t) (c + 1), label, book->header_number);
    }
  w->row++;
  first = w->row;

  for (guint i = 0; i < block->courses->len; i++, w->row++)
    {
      const CmBudgetCommission *commission;
      g_autofree char *name = NULL;

      course = g_ptr_array_index (block->courses, i);
      commission = g_hash_table_lookup (w->commissions, course->key);
      name = commission != NULL && commission->title != NULL
        ? g_strdup_printf ("%s: %s", course->key, commission->title) : g_strdup (course->key);
      /* Rows are not measured by every viewer: a long name gets two lines. */
      if (g_utf8_strlen (name, -1) > 48)
        worksheet_set_row (w->sheet, w->row, 30, NULL);
      cm_export_text (w->sheet, w->row, 0, name, w->course_name);

      for (guint c = 0; c < section->rows->len; c++)
        {
          const LayoutRow *column = g_ptr_array_index (section->rows, c);
          lxw_col_t col = (lxw_col_t) (c + 1);
          gint64 responses = course->responses;

          switch (column->type)
            {
            case COURSE_COUNT:
              worksheet_write_number (w->sheet, w->row, col, (double) course_number (block, course, column->figure), book->integer);
              break;
            case COURSE_MONEY:
              cm_export_money (book, w->sheet, w->row, col, course_value (block, course->key, column->figure));
              break;
            case COURSE_RATIO:
              if (g_str_equal (column->figure, "fill-percent"))
                write_ratio (w, section, column->figure, w->row, col, course->attended, course->places, book->percent);
              else
                write_ratio (w, section, column->figure, w->row, col, course->dna + course->late_cancel, course->attended, book->percent);
              break;
            case COURSE_AVERAGE:
              /* The exact average, so that the total's weighted average
               * is exact too; shown to two decimals. */
              if (responses > 0)
                worksheet_write_number (w->sheet, w->row, col,
                                        (double) course_number (block, course, column->figure) / (double) responses, book->average);
              break;
            case COURSE_UPLIFT:
              if (responses > 0)
                {
                  g_autofree char *after = cm_export_cell (w->row, column_of (section, "confidence-after"), FALSE);
                  g_autofree char *before = cm_export_cell (w->row, column_of (section, "confidence-before"), FALSE);
                  g_autofree char *formula = g_strdup_printf ("=%s-%s", after, before);

                  cm_export_formula (w->sheet, w->row, col, formula,
                                     (double) course->after_sum / (double) responses - (double) course->before_sum / (double) responses,
                                     book->average);
                }
              break;
            default:
              g_assert_not_reached ();
            }
        }
    }

  /* The total row: sums, and the rates and averages of the sums. */
  last = MAX (w->row, first + 1) - 1;
  total_row = w->row;
  cm_export_text (w->sheet, total_row, 0, _("Total"), book->total_text);
  {
    gint64 totals[64] = { 0 };

    for (guint c = 0; c < section->rows->len && c < G_N_ELEMENTS (totals); c++)
      {
        const LayoutRow *column = g_ptr_array_index (section->rows, c);

        for (guint i = 0; i < block->courses->len; i++)
          {
            course = g_ptr_array_index (block->courses, i);
            totals[c] += column->type == COURSE_MONEY ? course_value (block, course->key, column->figure)
                                                      : course_number (block, course, column->figure);
          }
      }

    for (guint c = 0; c < section->rows->len && c < G_N_ELEMENTS (totals); c++)
      {
        const LayoutRow *column = g_ptr_array_index (section->rows, c);
        lxw_col_t col = (lxw_col_t) (c + 1);
        g_autofree char *top = cm_export_cell (first, col, FALSE);
        g_autofree char *bottom = cm_export_cell (last, col, FALSE);
        g_autofree char *sum = block->courses->len > 0 ? g_strdup_printf ("=SUM(%s:%s)", top, bottom) : g_strdup ("=0");

        switch (column->type)
          {
          case COURSE_COUNT:
            cm_export_formula (w->sheet, total_row, col, sum, (double) totals[c], book->total_integer);
            break;
          case COURSE_MONEY:
            cm_export_formula (w->sheet, total_row, col, sum, totals[c] / 100.0, book->total_money);
            break;
          case COURSE_RATIO:
            {
              gboolean fill = g_str_equal (column->figure, "fill-percent");
              guint a = column_of (section, fill ? "attended" : "dna") - 1;
              guint b = column_of (section, fill ? "places" : "attended") - 1;

              write_ratio (w, section, column->figure, total_row, col, totals[a], totals[b], book->total_percent);
              if ((fill ? totals[b] : totals[a] + totals[b]) == 0)
                worksheet_write_blank (w->sheet, total_row, col, book->total_percent);
            }
            break;
          case COURSE_AVERAGE:
            {
              lxw_col_t forms = column_of (section, "responses");
              g_autofree char *formula = cm_export_weighted_mean (first, last, col, forms, total_row);

              if (totals[forms - 1] > 0)
                cm_export_formula (w->sheet, total_row, col, formula, (double) totals[c] / (double) totals[forms - 1], book->total_average);
              else
                worksheet_write_blank (w->sheet, total_row, col, book->total_average);
            }
            break;
          case COURSE_UPLIFT:
            {
              lxw_col_t after = column_of (section, "confidence-after");
              lxw_col_t before = column_of (section, "confidence-before");
              lxw_col_t forms = column_of (section, "responses");
              g_autofree char *after_cell = cm_export_cell (total_row, after, FALSE);
              g_autofree char *before_cell = cm_export_cell (total_row, before, FALSE);
              g_autofree char *formula = g_strdup_printf ("=%s-%s", after_cell, before_cell);
              double n = (double) totals[forms - 1];

              if (n > 0)
                cm_export_formula (w->sheet, total_row, col, formula,
                                   totals[after - 1] / n - totals[before - 1] / n, book->total_average);
              else
                worksheet_write_blank (w->sheet, total_row, col, book->total_average);
            }
            break;
          default:
            g_assert_not_reached ();
          }
      }
  }
  w->row = total_row + 1;
}

static void
write_transactions (Writer      *w,
                    const Block *block)
{
  CmExportBook *book = w->book;
  static const char * const titles[] = { N_("Supplier"), N_("Amount"), N_("Date"), N_("Reference"), N_("Commission") };
  lxw_row_t first;

  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    worksheet_write_string (w->sheet, w->row, (lxw_col_t) c, _(titles[c]), c == 1 ? book->header_number : book->header);
  w->row++;
  first = w->row;
  for (guint i = 0; i < block->parts->len; i++, w->row++)
    {
      const CmBudgetPart *part = g_ptr_array_index (block->parts, i);

      cm_export_text (w->sheet, w->row, 0, part->supplier, NULL);
      cm_export_money (book, w->sheet, w->row, 1, part->amount_pence);
      cm_export_date (book, w->sheet, w->row, 2, &part->date);
      cm_export_text (w->sheet, w->row, 3, part->reference, NULL);
      cm_export_text (w->sheet, w->row, 4, part->commission_code, NULL);
    }
  {
    g_autofree char *top = cm_export_cell (first, 1, FALSE);
    g_autofree char *bottom = cm_export_cell (MAX (w->row, first + 1) - 1, 1, FALSE);
    g_autofree char *formula = w->row > first ? g_strdup_printf ("=SUM(%s:%s)", top, bottom) : g_strdup ("=0");
    gint64 total = 0;

    for (guint i = 0; i < block->parts->len; i++)
      total += ((const CmBudgetPart *) g_ptr_array_index (block->parts, i))->amount_pence;
    cm_export_text (w->sheet, w->row, 0, _("Total of the transactions"), book->total_text);
    cm_export_formula (w->sheet, w->row, 1, formula, total / 100.0, book->total_money);
    w->row++;
  }
}

static void
write_block (Writer               *w,
             const CmExportLayout *layout,
             const Block          *block)
{
  CmExportBook *book = w->book;

  if (block->name != NULL)
    {
      cm_export_text (w->sheet, w->row, 0, block->name, w->block_title);
      w->row += 2;
    }

  for (guint s = 0; s < layout->sections->len; s++)
    {
      const LayoutSection *section = g_ptr_array_index (layout->sections, s);
      lxw_row_t first_money = G_MAXUINT32;
      double section_total = 0;
      g_autoptr(GString) summed = g_string_new (NULL);

      cm_export_text (w->sheet, w->row, 0, section->heading, w->section);
      for (guint c = 1; c <= (section->table ? section->rows->len : 1); c++)
        worksheet_write_blank (w->sheet, w->row, (lxw_col_t) c, w->section);
      w->row++;

      if (section->table)
        {
          write_course_table (w, section, block);
          w->row++;
          continue;
        }

      for (guint r = 0; r < section->rows->len; r++)
        {
          const LayoutRow *row = g_ptr_array_index (section->rows, r);
          double value;

          switch (row->type)
            {
            case FIGURE_NONE:
              cm_export_text (w->sheet, w->row, 0, row->label, book->note);
              break;
            case FIGURE_MONEY:
              value = block_value (block, row->figure);
              cm_export_text (w->sheet, w->row, 0, row->label, book->text);
              worksheet_write_number (w->sheet, w->row, 1, value, book->money);
              {
                g_autofree char *cell = cm_export_cell (w->row, 1, FALSE);

                g_string_append_printf (summed, "%s%s", summed->len > 0 ? "," : "", cell);
              }
              section_total += value;
              first_money = MIN (first_money, w->row);
              break;
            case FIGURE_PERCENT:
              cm_export_text (w->sheet, w->row, 0, row->label, book->text);
              worksheet_write_number (w->sheet, w->row, 1, block_value (block, row->figure), book->percent);
              break;
            case FIGURE_COUNT:
              cm_export_text (w->sheet, w->row, 0, row->label, book->text);
              worksheet_write_number (w->sheet, w->row, 1, block_value (block, row->figure), book->integer);
              break;
            case FIGURE_SUM:
              {
                g_autofree char *formula = summed->len > 0 ? g_strdup_printf ("=SUM(%s)", summed->str) : g_strdup ("=0");

                cm_export_text (w->sheet, w->row, 0, row->label, book->total_text);
                cm_export_formula (w->sheet, w->row, 1, formula, section_total, book->total_money);
              }
              break;
            case FIGURE_TRANSACTIONS:
              if (row->label[0] != '\0')
                {
                  cm_export_text (w->sheet, w->row, 0, row->label, book->note);
                  w->row++;
                }
              write_transactions (w, block);
              continue;
            default:
              /* Table columns are written by write_course_table(). */
              g_assert_not_reached ();
            }
          w->row++;
        }
      w->row++;
    }
}

/* The width of column @col: the widest of its table headings' longest
 * word, of a money figure, and of the money rows above the table. */
static double
table_column_width (const CmExportLayout *layout,
                    guint                 col)
{
  double width = col == 1 ? 11 : 7;

  for (guint s = 0; s < layout->sections->len; s++)
    {
      const LayoutSection *section = g_ptr_array_index (layout->sections, s);
      const LayoutRow *row;
      g_auto(GStrv) words = NULL;

      if (!section->table || col > section->rows->len)
        continue;
      row = g_ptr_array_index (section->rows, col - 1);
      if (row->type == COURSE_MONEY)
        width = MAX (width, 11);
      words = g_strsplit_set (row->label, " -", -1);
      for (guint i = 0; words[i] != NULL; i++)
        width = MAX (width, g_utf8_strlen (words[i], -1) * 1.05 + 1.5);
    }
  return width;
}

static gboolean
export_return (CmExportBook  *book,
               CmDb          *db,
               int            year,
               const char    *layout_name,
               GError       **error)
{
  g_autofree char *path = cm_export_find_layout (layout_name);
  g_autoptr(CmExportLayout) layout = NULL;
  g_autoptr(CmBudgetYear) state = NULL;
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  g_autoptr(GHashTable) block_by_stream = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) block_by_stream_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(CmEvaluationReport) report = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GHashTable) commissions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *period = cm_fiscal_year_label (year);
  g_autofree char *date = cm_fiscal_format_date (&book->today);
  g_autoptr(GString) codes = g_string_new (NULL);
  Writer w = { book, NULL, 0, NULL, NULL, NULL, NULL };
  guint table_columns = 0;
  Block *all = NULL;

  if (!(layout = cm_export_layout_load (path, error)) ||
      !(state = cm_budget_year_compute (db, year, TRUE, error)) ||
      !(report = cm_evaluation_report (db, year, 0, CM_EVALUATION_BY_COMMISSION, &book->today, error)) ||
      !(groups = cm_evaluation_attended_groups (db, year, 0, error)))
    return FALSE;

  for (guint i = 0; i < state->model->commissions->len; i++)
    {
      CmBudgetCommission *commission = g_ptr_array_index (state->model->commissions, i);

      g_hash_table_insert (commissions, commission->code, commission);
    }

  if (!layout->per_stream)
    {
      all = block_new (NULL);
      g_ptr_array_add (blocks, all);
    }
  for (guint i = 0; i < state->summary->streams->len; i++)
    {
      const CmBudgetFigures *figures = g_ptr_array_index (state->summary->streams, i);
      const CmBudgetStream *stream = cm_budget_model_find_stream (state->model, figures->stream_id);
      Block *block = all;

      if (stream == NULL || g_strcmp0 (stream->return_kind, layout->return_kind) != 0)
        continue;
      if (block == NULL)
        {
          g_autofree char *name = g_strdup_printf ("%s: %s", figures->code, figures->name);

          block = block_new (name);
          g_ptr_array_add (blocks, block);
        }
      block_add_stream (block, figures);
      g_hash_table_insert (block_by_stream, figures->code, block);
      g_hash_table_insert (block_by_stream_id, (gpointer) &figures->stream_id, block);
      g_string_append_printf (codes, "%s%s", codes->len > 0 ? ", " : "", figures->code);
    }
  for (guint i = 0; i < state->parts->len; i++)
    {
      const CmBudgetPart *part = g_ptr_array_index (state->parts, i);
      Block *block = part->stream_code != NULL ? g_hash_table_lookup (block_by_stream, part->stream_code) : NULL;

      if (block != NULL)
        block_add_part (block, part, commissions);
      if (block != NULL && part->commission_code != NULL)
        g_hash_table_add (block->commissions, part->commission_code);
    }
  for (guint i = 0; i < state->model->commissions->len; i++)
    {
      CmBudgetCommission *commission = g_ptr_array_index (state->model->commissions, i);

      for (guint j = 0; j < commission->splits->len; j++)
        {
          const CmBudgetSplit *split = g_ptr_array_index (commission->splits, j);
          Block *block = g_hash_table_lookup (block_by_stream_id, &split->stream_id);

          if (block != NULL)
            g_hash_table_add (block->commissions, commission->code);
        }
    }
  for (guint b = 0; b < blocks->len; b++)
    block_add_evaluation (g_ptr_array_index (blocks, b), report, groups);

  if (!cm_export_book_open (book, TRUE, error) ||
      !cm_export_step (book, 0.3, error))
    return FALSE;

  w.sheet = cm_export_add_sheet (book, layout->sheet);
  w.section = workbook_add_format (book->workbook);
  format_set_bold (w.section);
  format_set_bg_color (w.section, 0xDCE6F1);
  format_set_bottom (w.section, LXW_BORDER_THIN);
  w.block_title = workbook_add_format (book->workbook);
  format_set_bold (w.block_title);
  format_set_font_size (w.block_title, 12);
  w.course_name = workbook_add_format (book->workbook);
  format_set_text_wrap (w.course_name);
  w.commissions = commissions;

  for (guint s = 0; s < layout->sections->len; s++)
    {
      const LayoutSection *section = g_ptr_array_index (layout->sections, s);

      if (section->table)
        table_columns = MAX (table_columns, section->rows->len);
    }
  worksheet_fit_to_pages (w.sheet, 1, 0);
  if (table_columns > 0)
    {
      /* A table of courses is read across: landscape, each column as
       * narrow as the longest word of its wrapped heading. */
      worksheet_set_column (w.sheet, 0, 0, 44, NULL);
      for (guint c = 1; c <= table_columns; c++)
        worksheet_set_column (w.sheet, (lxw_col_t) c, (lxw_col_t) c, table_column_width (layout, c), NULL);
    }
  else
    {
      worksheet_set_column (w.sheet, 0, 0, 62, NULL);
      worksheet_set_column (w.sheet, 1, 1, 18, NULL);
      worksheet_set_column (w.sheet, 2, 4, 14, NULL);
      worksheet_set_portrait (w.sheet);
    }

  {
    g_autofree char *line = codes->len > 0
      ? g_strdup_printf (_("Financial year %s. Streams: %s. Prepared with Commissioner on %s."), period, codes->str, date)
      : g_strdup_printf (_("Financial year %s. No stream of the year makes this return. Prepared with Commissioner on %s."), period, date);

    worksheet_set_row (w.sheet, 0, 22, NULL);
    cm_export_text (w.sheet, 0, 0, layout->title, book->title_format);
    cm_export_text (w.sheet, 1, 0, line, book->note);
    w.row = 3;
  }

  for (guint b = 0; b < blocks->len; b++)
    write_block (&w, layout, g_ptr_array_index (blocks, b));

  return cm_export_step (book, 0.9, error);
}

gboolean
cm_export_dh_return (CmExportBook  *book,
                     CmDb          *db,
                     int            year,
                     int            half,
                     GError       **error)
{
  return export_return (book, db, year, "dh", error);
}

gboolean
cm_export_cwdc_claim (CmExportBook  *book,
                      CmDb          *db,
                      int            year,
                      int            half,
                      GError       **error)
{
  return export_return (book, db, year, "cwdc", error);
}

gboolean
cm_export_lscb_report (CmExportBook  *book,
                       CmDb          *db,
                       int            year,
                       int            half,
                       GError       **error)
{
  return export_return (book, db, year, "lscb", error);
}
