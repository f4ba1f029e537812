/* test-needs.c
 *
 * The needs engine: the formula on hand-computed lines, the priority
 * score, aggregation, weights, copy cycle, commissioning and the
 * `requirements` import.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cm-db-private.h"
#include "cm-db.h"
#include "cm-demo.h"
#include "cm-import.h"
#include "cm-needs.h"
#include "cm-workforce-edit.h"

#include "cm-test-util.h"

/* The formula. */

typedef struct
{
  gint64 headcount;
  gint64 coverage_bp;
  gint64 turnover_bp;
  gint64 compliant;
  gint64 expiring;
  /* expected */
  gint64 required;
  gint64 leavers;
  gint64 still;
  gint64 needed;
} FormulaCase;

/* Each line worked out by hand:
 *   required = ceil (headcount * coverage / 100)
 *   leavers  = round_half_up (compliant * turnover / 100 / 2) */
static const FormulaCase formula_cases[] = {
  /* zero headcount: nothing required */
  {    0, 10000,  1100,    0,   0,    0,  0,    0,   0 },
  /* coverage 0: nothing required, still counted (10*0.11/2 = 0.55 -> 1) */
  {   50,     0,  1100,   10,   2,    0,  1,    7,   0 },
  /* coverage 100: 20*0.11/2 = 1.1 -> 1 */
  {   40, 10000,  1100,   20,   5,   40,  1,   14,  26 },
  /* turnover rounding at exactly .5: 10*0.10/2 = 0.5 -> 1 */
  {   30, 10000,  1000,   10,   0,   30,  1,    9,  21 },
  /* just under .5: 9*0.11/2 = 0.495 -> 0; 20*50% = 10 */
  {   20,  5000,  1100,    9,   0,   10,  0,    9,   1 },
  /* expiring > compliant: still is 0, not negative; 5*0.11/2 = 0.275 -> 0 */
  {   25, 10000,  1100,    5,   8,   25,  0,    0,  25 },
  /* coverage rounds up: 33*33.33% = 10.9989 -> 11 */
  {   33,  3333,     0,    4,   1,   11,  0,    3,   8 },
  /* 7*12.5% = 0.875 -> 1 */
  {    7,  1250,  1100,    0,   0,    1,  0,    0,   1 },
  /* more still hold it than required: needed 0 */
  {   10,  5000,  1100,    9,   0,    5,  0,    9,   0 },
  /* turnover 100%: half of the holders leave in a cycle */
  {  100, 10000, 10000,   60,  10,  100, 30,   20,  80 },
  /* 1.5 -> 2; 40*75% = 30 */
  {   40,  7500,  1200,   25,   3,   30,  2,   20,  10 },
  /* 2.5 -> 3 */
  {   60, 10000,  1000,   50,   0,   60,  3,   47,  13 },
  /* leavers push still below 0: 2*1.0/2 = 1, 2-1-1 = 0 */
  {    5, 10000, 10000,    2,   1,    5,  1,    0,   5 },
  /* the whole Westminster workforce: 1500*0.11/2 = 82.5 -> 83 */
  { 1900, 10000,  1100, 1500, 200, 1900, 83, 1217, 683 },
  /* 0.01% of one person is still one person */
  {    1,     1,  1100,    0,   0,    1,  0,    0,   1 },
  /* exact coverage: 20*25% = 5, no rounding up */
  {   20,  2500,     0,    5,   0,    5,  0,    5,   0 },
  /* compliant = expiring: 6*0.18/2 = 0.54 -> 1, 6-6-1 < 0 -> 0 */
  {   12, 10000,  1800,    6,   6,   12,  1,    0,  12 },
};

static void
test_formula_lines (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (formula_cases), >=, 15);

  for (guint i = 0; i < G_N_ELEMENTS (formula_cases); i++)
    {
      const FormulaCase *c = &formula_cases[i];
      g_autoptr(CmNeedsLine) line = cm_needs_line_new ();

      line->headcount = c->headcount;
      line->coverage_bp = c->coverage_bp;
      line->turnover_bp = c->turnover_bp;
      line->compliant = c->compliant;
      line->expiring = c->expiring;
      line->risk = 1;

      cm_needs_compute_line (line, NULL);

      g_test_message ("case %u", i);
      g_assert_cmpint (line->required, ==, c->required);
      g_assert_cmpint (line->leavers, ==, c->leavers);
      g_assert_cmpint (line->still, ==, c->still);
      g_assert_cmpint (line->needed, ==, c->needed);

      /* The pure helpers agree with the line. */
      g_assert_cmpint (cm_needs_required (c->headcount, c->coverage_bp), ==, c->required);
      g_assert_cmpint (cm_needs_leavers (c->compliant, c->turnover_bp), ==, c->leavers);
      g_assert_cmpint (cm_needs_still (c->compliant, c->expiring, c->leavers), ==, c->still);
      g_assert_cmpint (cm_needs_needed (c->required, c->still), ==, c->needed);
    }
}

typedef struct
{
  CmNeedsWeights weights;
  int            mandatory;
  int            risk;
  int            strategic;
  int            evidence;
  gint64         headcount;
  gint64         coverage_bp;
  gint64         compliant;
  /* expected, as a reduced fraction */
  gint64         num;
  gint64         den;
  const char    *two_decimals;
  const char    *one_decimal;
} PriorityCase;

static const PriorityCase priority_cases[] = {
  /* 30 + 25 + 15 + 10 + 20*26/40 = 93 */
  { { 30, 25, 15, 10, 20 }, 1, 3, 2, 2, 40, 10000, 14, 93, 1, "93", "93.0" },
  /* required 0: gap term 0; 25*1/3 = 25/3 */
  { { 30, 25, 15, 10, 20 }, 0, 1, 0, 0, 0, 10000, 0, 25, 3, "8.33", "8.3" },
  /* 25*2/3 + 15/2 + 10/2 + 20*8/11 = 2885/66 = 43.7121… */
  { { 30, 25, 15, 10, 20 }, 0, 2, 1, 1, 11, 10000, 3, 2885, 66, "43.71", "43.7" },
  /* nothing needed: 40 + 20/3 = 140/3 */
  { { 40, 20, 20, 0, 20 }, 1, 1, 0, 2, 5, 10000, 5, 140, 3, "46.67", "46.7" },
  /* only the gap counts, all needed: 100 */
  { { 0, 0, 0, 0, 100 }, 0, 3, 2, 2, 25, 10000, 0, 100, 1, "100", "100.0" },
  /* gap 1/8 of 100: 12.5 */
  { { 0, 0, 0, 0, 100 }, 1, 3, 2, 2, 8, 10000, 7, 25, 2, "12.5", "12.5" },
  /* 30 + 25 + 15 + 5 + 20*23/30 = 271/3 = 90.333… */
  { { 30, 25, 15, 10, 20 }, 1, 3, 2, 1, 30, 10000, 7, 271, 3, "90.33", "90.3" },
  /* 25/3 + 15/2 = 95/6 = 15.8333…, half up to 15.8 */
  { { 30, 25, 15, 10, 20 }, 0, 1, 1, 0, 10, 5000, 5, 95, 6, "15.83", "15.8" },
};

static void
test_priority (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (priority_cases); i++)
    {
      const PriorityCase *c = &priority_cases[i];
      g_autoptr(CmNeedsLine) line = cm_needs_line_new ();
      g_autofree char *two = NULL;
      g_autofree char *one = NULL;

      line->mandatory = c->mandatory;
      line->risk = c->risk;
      line->strategic = c->strategic;
      line->evidence = c->evidence;
      line->headcount = c->headcount;
      line->coverage_bp = c->coverage_bp;
      line->compliant = c->compliant;

      cm_needs_compute_line (line, &c->weights);

      g_test_message ("case %u", i);
      g_assert_cmpint (line->priority_num, ==, c->num);
      g_assert_cmpint (line->priority_den, ==, c->den);
      g_assert_cmpfloat_with_epsilon (line->priority, (double) c->num / (double) c->den, 1e-9);

      two = cm_needs_format_priority (line->priority_num, line->priority_den, 2);
      one = cm_needs_show_priority (line->priority_num, line->priority_den);
      g_assert_cmpstr (two, ==, c->two_decimals);
      g_assert_cmpstr (one, ==, c->one_decimal);
    }
}

static void
test_priority_values (void)
{
  g_autoptr(CmNeedsLine) line = cm_needs_line_new ();
  CmNeedsWeights weights;
  g_autofree char *text = NULL;

  /* Default weights: the worked example of docs/figures.md,
   * "Training needs analysis". */
  line->mandatory = 1;
  line->risk = 2;
  line->strategic = 1;
  line->evidence = 2;
  line->headcount = 150;
  line->coverage_bp = 10000;
  line->turnover_bp = 1800;
  line->compliant = 45;
  line->expiring = 10;
  cm_needs_compute_line (line, NULL);
  /* leavers 45*0.18/2 = 4.05 -> 4, still 31, needed 119:
   * 30 + 50/3 + 7.5 + 10 + 20*119/150 = 30 + 16.6667 + 7.5 + 10 + 15.8667 = 80.0333… */
  g_assert_cmpint (line->needed, ==, 119);
  g_assert_cmpfloat_with_epsilon (line->priority, 30.0 + 50.0 / 3.0 + 7.5 + 10.0 + 20.0 * 119.0 / 150.0, 1e-9);
  g_assert_cmpint (line->priority_num * 300, ==, 24010 * line->priority_den);

  /* Rounding for display is half up on the exact value. */
  g_assert_cmpint (cm_needs_priority_round (1, 8, 2), ==, 13);
  g_assert_cmpint (cm_needs_priority_round (1, 8, 1), ==, 1);
  g_assert_cmpint (cm_needs_priority_round (1, 20, 1), ==, 1);
  g_assert_cmpint (cm_needs_priority_round (2885, 66, 1), ==, 437);
  text = cm_needs_format_priority (1, 8, 2);
  g_assert_cmpstr (text, ==, "0.13");
  g_clear_pointer (&text, g_free);
  text = cm_needs_format_priority (0, 1, 2);
  g_assert_cmpstr (text, ==, "0");
  g_clear_pointer (&text, g_free);
  text = cm_needs_format_priority (201, 2, 2);
  g_assert_cmpstr (text, ==, "100.5");

  /* As shown: always one decimal, so 96 and 92.8 line up as 96.0 and 92.8;
   * the worked example's 2401/30 = 80.0333… shows 80.0. */
  g_clear_pointer (&text, g_free);
  text = cm_needs_show_priority (96, 1);
  g_assert_cmpstr (text, ==, "96.0");
  g_clear_pointer (&text, g_free);
  text = cm_needs_show_priority (464, 5);
  g_assert_cmpstr (text, ==, "92.8");
  g_clear_pointer (&text, g_free);
  text = cm_needs_show_priority (2401, 30);
  g_assert_cmpstr (text, ==, "80.0");
  g_clear_pointer (&text, g_free);
  text = cm_needs_show_priority (0, 1);
  g_assert_cmpstr (text, ==, "0.0");
  g_clear_pointer (&text, g_free);
  text = cm_needs_show_priority (1, 20);
  g_assert_cmpstr (text, ==, "0.1");

  /* The same line under other weights. */
  weights = (CmNeedsWeights) { 0, 0, 0, 0, 100 };
  cm_needs_compute_line (line, &weights);
  g_assert_cmpint (line->priority_num, ==, 238);
  g_assert_cmpint (line->priority_den, ==, 3);
}

static void
test_weights (void)
{
  g_autoptr(GError) error = NULL;
  CmNeedsWeights weights;
  CmNeedsWeights parsed;
  g_autofree char *text = NULL;
  static const char * const bad[] = {
    "30,25,15,10",
    "30,25,15,10,20,0",
    "a,b,c,d,e",
    "30,25,15,10,21",
    "101,0,0,0,0",
    "-10,35,15,10,50",
    "30,25,15,10,",
    "",
  };

  cm_needs_weights_init_default (&weights);
  g_assert_cmpuint (weights.mandatory, ==, 30);
  g_assert_cmpuint (weights.risk, ==, 25);
  g_assert_cmpuint (weights.strategic, ==, 15);
  g_assert_cmpuint (weights.evidence, ==, 10);
  g_assert_cmpuint (weights.gap, ==, 20);
  g_assert_true (cm_needs_weights_validate (&weights, &error));
  g_assert_no_error (error);

  text = cm_needs_weights_to_string (&weights);
  g_assert_cmpstr (text, ==, "30,25,15,10,20");

  g_assert_true (cm_needs_weights_parse (" 40, 20,20 ,0,20", &parsed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (parsed.mandatory, ==, 40);
  g_assert_cmpuint (parsed.evidence, ==, 0);
  g_assert_cmpuint (parsed.gap, ==, 20);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      parsed = weights;
      g_assert_false (cm_needs_weights_parse (bad[i], &parsed, &error));
      g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
      g_clear_error (&error);
      /* Untouched on failure. */
      g_assert_cmpuint (parsed.mandatory, ==, 30);
    }

  weights = (CmNeedsWeights) { 30, 25, 15, 10, 19 };
  g_assert_false (cm_needs_weights_validate (&weights, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "99"));
  g_clear_error (&error);

  weights = (CmNeedsWeights) { 120, 0, 0, 0, 0 };
  g_assert_false (cm_needs_weights_validate (&weights, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_clear_error (&error);

  weights = (CmNeedsWeights) { 100, 0, 0, 0, 0 };
  g_assert_true (cm_needs_weights_validate (&weights, &error));
  g_assert_no_error (error);
}

/* A small database. */

typedef struct
{
  char  *dir;
  CmDb  *db;
  gint64 group_a;  /* statutory social care, 40, 11% */
  gint64 group_b;  /* private early years, 30, 18% */
  gint64 group_c;  /* statutory youth, 0 staff */
  gint64 one;      /* mandatory, risk 3, strategic 2, 2 days, 20 places */
  gint64 two;      /* risk 2, strategic 1, 1 day, 12 places */
} Fixture;


static gint64
query_int (CmDb       *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (cm_db_query_int64 (db, sql, &value, &error));
  g_assert_no_error (error);
  return value;
}


static void
exec_sql (CmDb       *db,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

static void
set_line (Fixture *f,
          int      year,
          int      half,
          gint64   group,
          gint64   competency,
          gint64   coverage_bp,
          gint64   compliant,
          gint64   expiring,
          int      evidence)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_needs_set_requirement (f->db, year, half, group, competency,
                                           coverage_bp, compliant, expiring, evidence, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("cm-test-needs-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (f->dir, "test.db", NULL);
  f->db = cm_db_open (path, &error);
  g_assert_no_error (error);

  exec_sql (f->db,
            "INSERT INTO organisations (id, name, kind) VALUES"
            " (1, 'Council', 'statutory'), (2, 'Little Nursery', 'private');"
            "INSERT INTO staff_groups (id, name, organisation_id, sector, headcount, turnover_bp) VALUES"
            " (1, 'Alpha social workers', 1, 'social-care', 40, 1100),"
            " (2, 'Beta nursery staff', 2, 'early-years', 30, 1800),"
            " (3, 'Gamma youth workers', 1, 'youth', 0, 1100);"
            "INSERT INTO competencies (id, code, name, category, mandatory, refresh_months, risk,"
            "                          strategic, half_days, capacity) VALUES"
            " (1, 'T-ONE', 'Test one', 'safeguarding', 1, 36, 3, 2, 4, 20),"
            " (2, 'T-TWO', 'Test two', 'integrated-working', 0, 0, 2, 1, 2, 12),"
            " (3, 'T-NONE', 'Test none', 'practice', 0, 0, 1, 0, 1, 25);");
  f->group_a = 1;
  f->group_b = 2;
  f->group_c = 3;
  f->one = 1;
  f->two = 2;

  /* Worked out by hand (default weights):
   *   A×ONE: req 40, leavers 1 (1.1), still 14, needed 26, priority 93
   *   B×ONE: req 30, leavers 1 (0.9), still 7, needed 23, priority 271/3
   *   C×ONE: req 0, needed 0, priority 70
   *   A×TWO: req 20, leavers 0 (0.44), still 8, needed 12, priority 217/6
   *   B×TWO: req 8 (7.5), still 0, needed 8, priority 325/6 */
  set_line (f, 2010, 1, f->group_a, f->one, 10000, 20, 5, 2);
  set_line (f, 2010, 1, f->group_b, f->one, 10000, 10, 2, 1);
  set_line (f, 2010, 1, f->group_c, f->one, 10000, 0, 0, 0);
  set_line (f, 2010, 1, f->group_a, f->two, 5000, 8, 0, 0);
  set_line (f, 2010, 1, f->group_b, f->two, 2500, 0, 0, 2);
  /* Another cycle, which must not count. */
  set_line (f, 2010, 2, f->group_a, f->two, 10000, 1, 0, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  cm_test_remove_tree (f->dir);
  g_free (f->dir);
}

static const CmNeedsLine *
find_line (GPtrArray  *lines,
           const char *group,
           const char *code)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (lines, i);

      if (g_str_equal (line->staff_group, group) && g_str_equal (line->competency_code, code))
        return line;
    }

  return NULL;
}

static void
test_list_lines (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  const CmNeedsLine *line;
  CmNeedsWeights gap_only = { 0, 0, 0, 0, 100 };
  CmNeedsWeights bad = { 0, 0, 0, 0, 99 };

  lines = cm_needs_list_lines (f->db, 2010, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 5);

  /* Ordered by priority: 93, 90.33, 70, 54.17, 36.17. */
  line = g_ptr_array_index (lines, 0);
  g_assert_cmpstr (line->staff_group, ==, "Alpha social workers");
  g_assert_cmpstr (line->competency_code, ==, "T-ONE");
  g_assert_cmpint (line->priority_num, ==, 93);
  g_assert_cmpint (line->priority_den, ==, 1);
  g_assert_cmpstr (line->organisation, ==, "Council");
  g_assert_cmpstr (line->organisation_kind, ==, "statutory");
  g_assert_cmpstr (line->sector, ==, "social-care");
  g_assert_cmpstr (line->category, ==, "safeguarding");
  g_assert_cmpint (line->headcount, ==, 40);
  g_assert_cmpint (line->turnover_bp, ==, 1100);
  g_assert_cmpint (line->required, ==, 40);
  g_assert_cmpint (line->leavers, ==, 1);
  g_assert_cmpint (line->still, ==, 14);
  g_assert_cmpint (line->needed, ==, 26);
  g_assert_cmpint (line->year, ==, 2010);
  g_assert_cmpint (line->half, ==, 1);

  line = g_ptr_array_index (lines, 1);
  g_assert_cmpstr (line->staff_group, ==, "Beta nursery staff");
  g_assert_cmpstr (line->competency_code, ==, "T-ONE");
  g_assert_cmpint (line->still, ==, 7);
  g_assert_cmpint (line->needed, ==, 23);
  g_assert_cmpfloat_with_epsilon (line->priority, 271.0 / 3.0, 1e-9);

  line = g_ptr_array_index (lines, 2);
  g_assert_cmpstr (line->staff_group, ==, "Gamma youth workers");
  g_assert_cmpint (line->required, ==, 0);
  g_assert_cmpfloat_with_epsilon (line->priority, 70.0, 1e-9);

  line = g_ptr_array_index (lines, 3);
  g_assert_cmpstr (line->staff_group, ==, "Beta nursery staff");
  g_assert_cmpstr (line->competency_code, ==, "T-TWO");
  g_assert_cmpint (line->required, ==, 8);
  g_assert_cmpint (line->needed, ==, 8);
  g_assert_cmpfloat_with_epsilon (line->priority, 325.0 / 6.0, 1e-9);

  line = g_ptr_array_index (lines, 4);
  g_assert_cmpstr (line->staff_group, ==, "Alpha social workers");
  g_assert_cmpstr (line->competency_code, ==, "T-TWO");
  g_assert_cmpint (line->required, ==, 20);
  g_assert_cmpint (line->leavers, ==, 0);
  g_assert_cmpint (line->still, ==, 8);
  g_assert_cmpint (line->needed, ==, 12);
  g_assert_cmpfloat_with_epsilon (line->priority, 217.0 / 6.0, 1e-9);

  /* Other weights re-rank: gap only gives 100, 76.67, 65, 60, 0. */
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = cm_needs_list_lines (f->db, 2010, 1, &gap_only, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 5);
  line = g_ptr_array_index (lines, 0);
  g_assert_cmpstr (line->competency_code, ==, "T-TWO");
  g_assert_cmpstr (line->staff_group, ==, "Beta nursery staff");
  g_assert_cmpfloat_with_epsilon (line->priority, 100.0, 1e-9);
  line = g_ptr_array_index (lines, 1);
  g_assert_cmpfloat_with_epsilon (line->priority, 230.0 / 3.0, 1e-9);
  line = g_ptr_array_index (lines, 2);
  g_assert_cmpfloat_with_epsilon (line->priority, 65.0, 1e-9);
  line = g_ptr_array_index (lines, 3);
  g_assert_cmpfloat_with_epsilon (line->priority, 60.0, 1e-9);
  line = g_ptr_array_index (lines, 4);
  g_assert_cmpstr (line->staff_group, ==, "Gamma youth workers");
  g_assert_cmpfloat_with_epsilon (line->priority, 0.0, 1e-9);

  /* Invalid weights and cycles are refused. */
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = cm_needs_list_lines (f->db, 2010, 1, &bad, &error);
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_assert_null (lines);
  g_clear_error (&error);
  lines = cm_needs_list_lines (f->db, 2010, 3, NULL, &error);
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_assert_null (lines);
  g_clear_error (&error);

  /* An empty cycle is an empty list. */
  lines = cm_needs_list_lines (f->db, 2011, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 0);
}

static void
test_competencies (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) competencies = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(CmNeedsCompetency) copy = NULL;
  const CmNeedsCompetency *c;

  competencies = cm_needs_list_competencies (f->db, 2010, 1, NULL, 4500, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (competencies->len, ==, 2);

  c = g_ptr_array_index (competencies, 0);
  g_assert_cmpstr (c->code, ==, "T-ONE");
  g_assert_cmpstr (c->name, ==, "Test one");
  g_assert_cmpstr (c->category, ==, "safeguarding");
  g_assert_cmpint (c->places_needed, ==, 49);     /* 26 + 23 + 0 */
  g_assert_cmpint (c->required, ==, 70);
  g_assert_cmpint (c->still, ==, 21);
  g_assert_cmpint (c->priority_num, ==, 93);
  g_assert_cmpint (c->priority_den, ==, 1);
  g_assert_cmpfloat_with_epsilon (c->priority, 93.0, 1e-9);
  g_assert_cmpint (c->capacity, ==, 20);
  g_assert_cmpint (c->half_days, ==, 4);
  g_assert_cmpint (c->suggested_events, ==, 3);   /* ceil (49 / 20) */
  g_assert_cmpint (c->cost_per_place_pence, ==, 4500);
  g_assert_cmpint (c->indicative_cost_pence, ==, 270000); /* 3 events × 20 places × £45 */
  g_assert_cmpuint (c->n_lines, ==, 3);

  c = g_ptr_array_index (competencies, 1);
  g_assert_cmpstr (c->code, ==, "T-TWO");
  g_assert_cmpint (c->places_needed, ==, 20);     /* 12 + 8 */
  g_assert_cmpfloat_with_epsilon (c->priority, 325.0 / 6.0, 1e-9);
  g_assert_cmpint (c->suggested_events, ==, 2);   /* ceil (20 / 12) */
  g_assert_cmpint (c->indicative_cost_pence, ==, 108000); /* 2 events × 12 places × £45 */
  g_assert_cmpuint (c->n_lines, ==, 2);

  copy = cm_needs_competency_copy (c);
  g_assert_cmpstr (copy->code, ==, "T-TWO");
  g_assert_true (copy->code != c->code);

  /* Ties on priority go to the larger need, then the code. */
  lines = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_needs_line_free);
  for (guint i = 0; i < 3; i++)
    {
      CmNeedsLine *line = cm_needs_line_new ();
      static const char * const codes[] = { "Z-SMALL", "A-SMALL", "M-BIG" };
      static const gint64 headcounts[] = { 5, 5, 50 };

      line->competency_id = i + 1;
      line->competency_code = g_intern_string (codes[i]);
      line->competency_name = g_intern_string (codes[i]);
      line->headcount = headcounts[i];
      line->coverage_bp = 10000;
      line->risk = 3;
      line->capacity = 20;
      cm_needs_compute_line (line, NULL);
      g_ptr_array_add (lines, line);
    }
  g_clear_pointer (&competencies, g_ptr_array_unref);
  competencies = cm_needs_aggregate_competencies (lines, 0, NULL);
  g_assert_cmpuint (competencies->len, ==, 3);
  g_assert_cmpstr (((CmNeedsCompetency *) g_ptr_array_index (competencies, 0))->code, ==, "M-BIG");
  g_assert_cmpstr (((CmNeedsCompetency *) g_ptr_array_index (competencies, 1))->code, ==, "A-SMALL");
  g_assert_cmpstr (((CmNeedsCompetency *) g_ptr_array_index (competencies, 2))->code, ==, "Z-SMALL");
  g_assert_cmpint (((CmNeedsCompetency *) g_ptr_array_index (competencies, 0))->suggested_events, ==, 3);
  g_assert_cmpint (((CmNeedsCompetency *) g_ptr_array_index (competencies, 0))->indicative_cost_pence, ==, 0);
}

static const CmNeedsTotal *
total_at (GPtrArray *totals,
          guint      i)
{
  return g_ptr_array_index (totals, i);
}

static void
test_totals (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) sectors = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  const CmNeedsTotal *t;

  lines = cm_needs_list_lines (f->db, 2010, 1, NULL, &error);
  g_assert_no_error (error);

  sectors = cm_needs_totals_by_sector (lines);
  g_assert_cmpuint (sectors->len, ==, 3);

  t = total_at (sectors, 0);
  g_assert_cmpstr (t->key, ==, "early-years");
  g_assert_cmpuint (t->n_staff_groups, ==, 1);
  g_assert_cmpuint (t->n_lines, ==, 2);
  g_assert_cmpint (t->headcount, ==, 30);
  g_assert_cmpint (t->required, ==, 38);
  g_assert_cmpint (t->still, ==, 7);
  g_assert_cmpint (t->needed, ==, 31);

  t = total_at (sectors, 1);
  g_assert_cmpstr (t->key, ==, "social-care");
  g_assert_cmpuint (t->n_staff_groups, ==, 1);
  g_assert_cmpuint (t->n_lines, ==, 2);
  g_assert_cmpint (t->headcount, ==, 40);
  g_assert_cmpint (t->required, ==, 60);
  g_assert_cmpint (t->still, ==, 22);
  g_assert_cmpint (t->needed, ==, 38);

  t = total_at (sectors, 2);
  g_assert_cmpstr (t->key, ==, "youth");
  g_assert_cmpuint (t->n_lines, ==, 1);
  g_assert_cmpint (t->headcount, ==, 0);
  g_assert_cmpint (t->needed, ==, 0);

  groups = cm_needs_totals_by_org_group (lines);
  g_assert_cmpuint (groups->len, ==, CM_NEEDS_ORG_GROUP_N);

  t = total_at (groups, CM_NEEDS_ORG_GROUP_STATUTORY);
  g_assert_cmpstr (t->key, ==, "statutory");
  g_assert_cmpuint (t->n_staff_groups, ==, 2);
  g_assert_cmpuint (t->n_lines, ==, 3);
  g_assert_cmpint (t->headcount, ==, 40);
  g_assert_cmpint (t->required, ==, 60);
  g_assert_cmpint (t->still, ==, 22);
  g_assert_cmpint (t->needed, ==, 38);

  t = total_at (groups, CM_NEEDS_ORG_GROUP_PVI);
  g_assert_cmpstr (t->key, ==, "pvi");
  g_assert_cmpuint (t->n_staff_groups, ==, 1);
  g_assert_cmpuint (t->n_lines, ==, 2);
  g_assert_cmpint (t->headcount, ==, 30);
  g_assert_cmpint (t->required, ==, 38);
  g_assert_cmpint (t->still, ==, 7);
  g_assert_cmpint (t->needed, ==, 31);

  g_assert_cmpint (cm_needs_org_group_of ("voluntary"), ==, CM_NEEDS_ORG_GROUP_PVI);
  g_assert_cmpint (cm_needs_org_group_of ("independent"), ==, CM_NEEDS_ORG_GROUP_PVI);
  g_assert_cmpint (cm_needs_org_group_of ("school"), ==, CM_NEEDS_ORG_GROUP_STATUTORY);
  g_assert_cmpint (cm_needs_org_group_of ("health"), ==, CM_NEEDS_ORG_GROUP_STATUTORY);
}

static void
test_weights_storage (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  CmNeedsWeights weights = { 1, 1, 1, 1, 1 };
  CmNeedsWeights custom = { 40, 20, 20, 0, 20 };
  CmNeedsWeights invalid = { 40, 20, 20, 0, 19 };
  gint64 pence = 0;

  /* Nothing saved: the defaults. */
  g_assert_true (cm_needs_weights_load (f->db, &weights, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (weights.mandatory, ==, 30);
  g_assert_cmpuint (weights.gap, ==, 20);

  g_assert_true (cm_needs_weights_save (f->db, &custom, &error));
  g_assert_no_error (error);
  stored = cm_test_query_text (f->db, "SELECT value FROM settings WHERE key = 'priority_weights'");
  g_assert_cmpstr (stored, ==, "40,20,20,0,20");

  g_assert_true (cm_needs_weights_load (f->db, &weights, &error));
  g_assert_no_error (error);
  g_assert_true (memcmp (&weights, &custom, sizeof weights) == 0);

  /* Invalid weights are not saved. */
  g_assert_false (cm_needs_weights_save (f->db, &invalid, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&stored, g_free);
  stored = cm_test_query_text (f->db, "SELECT value FROM settings WHERE key = 'priority_weights'");
  g_assert_cmpstr (stored, ==, "40,20,20,0,20");

  /* A damaged value is reported, not silently replaced. */
  exec_sql (f->db, "UPDATE settings SET value = '50,50,50,0,0' WHERE key = 'priority_weights'");
  g_assert_false (cm_needs_weights_load (f->db, &weights, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_clear_error (&error);

  /* The default cost per place. */
  g_assert_true (cm_needs_cost_per_place_load (f->db, &pence, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pence, ==, CM_NEEDS_DEFAULT_COST_PER_PLACE_PENCE);
  g_assert_true (cm_needs_cost_per_place_save (f->db, 6250, &error));
  g_assert_no_error (error);
  g_assert_true (cm_needs_cost_per_place_load (f->db, &pence, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pence, ==, 6250);
  g_assert_false (cm_needs_cost_per_place_save (f->db, -1, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_editing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  const gint64 groups[] = { 1, 2, 3 };
  const gint64 bad_groups[] = { 1, 99 };
  const CmNeedsLine *line;
  gint64 id;

  /* Upsert replaces the values of the same key. */
  set_line (f, 2010, 1, f->group_a, f->one, 7500, 21, 3, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 1"), ==, 5);
  g_assert_cmpint (query_int (f->db, "SELECT coverage_bp * 1000000 + compliant * 10000 + expiring * 10 + evidence"
                                     " FROM requirements WHERE year = 2010 AND half = 1"
                                     " AND staff_group_id = 1 AND competency_id = 1"),
                   ==, 7500 * G_GINT64_CONSTANT (1000000) + 21 * 10000 + 3 * 10 + 1);

  /* Out of range values and unknown rows. */
  g_assert_false (cm_needs_set_requirement (f->db, 2010, 1, 1, 1, 10001, 0, 0, 0, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cm_needs_set_requirement (f->db, 2010, 1, 1, 1, 100, 0, 0, 3, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cm_needs_set_requirement (f->db, 2010, 1, 1, 1, 100, -1, 0, 0, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cm_needs_set_requirement (f->db, 2010, 1, 99, 1, 100, 0, 0, 0, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cm_needs_set_requirement (f->db, 2010, 1, 1, 99, 100, 0, 0, 0, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Field edits by id. */
  id = query_int (f->db, "SELECT id FROM requirements WHERE year = 2010 AND half = 1"
                         " AND staff_group_id = 2 AND competency_id = 2");
  g_assert_true (cm_needs_set_coverage (f->db, id, 5000, &error));
  g_assert_no_error (error);
  g_assert_true (cm_needs_set_position (f->db, id, 6, 1, &error));
  g_assert_no_error (error);
  g_assert_true (cm_needs_set_evidence (f->db, id, 1, &error));
  g_assert_no_error (error);
  g_assert_false (cm_needs_set_evidence (f->db, 12345, 1, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cm_needs_set_position (f->db, id, 6, -2, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_clear_error (&error);

  lines = cm_needs_list_lines (f->db, 2010, 1, NULL, &error);
  g_assert_no_error (error);
  line = find_line (lines, "Beta nursery staff", "T-TWO");
  g_assert_nonnull (line);
  g_assert_cmpint (line->requirement_id, ==, id);
  g_assert_cmpint (line->coverage_bp, ==, 5000);
  g_assert_cmpint (line->compliant, ==, 6);
  g_assert_cmpint (line->expiring, ==, 1);
  g_assert_cmpint (line->evidence, ==, 1);
  /* 15 required; 6*0.18/2 = 0.54 -> 1 leaver; 4 still; 11 needed */
  g_assert_cmpint (line->required, ==, 15);
  g_assert_cmpint (line->still, ==, 4);
  g_assert_cmpint (line->needed, ==, 11);

  /* A preset sets coverage for many groups at once, keeping the rest. */
  g_assert_true (cm_needs_apply_preset (f->db, 2010, 1, f->two, groups, G_N_ELEMENTS (groups), 10000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 1"
                                     " AND competency_id = 2 AND coverage_bp = 10000"), ==, 3);
  g_assert_cmpint (query_int (f->db, "SELECT compliant FROM requirements WHERE id = (SELECT id FROM requirements"
                                     " WHERE year = 2010 AND half = 1 AND staff_group_id = 2 AND competency_id = 2)"), ==, 6);
  g_assert_cmpint (query_int (f->db, "SELECT compliant + expiring + evidence FROM requirements WHERE year = 2010"
                                     " AND half = 1 AND staff_group_id = 3 AND competency_id = 2"), ==, 0);

  /* All or nothing: one unknown group and no line changes. */
  g_assert_false (cm_needs_apply_preset (f->db, 2010, 1, f->one, bad_groups, G_N_ELEMENTS (bad_groups), 2000, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM requirements WHERE coverage_bp = 2000"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 1"), ==, 6);

  /* Works inside a caller's transaction too. */
  g_assert_true (cm_db_begin (f->db, &error));
  g_assert_true (cm_needs_apply_preset (f->db, 2011, 1, f->one, groups, 1, 3000, &error));
  g_assert_no_error (error);
  cm_db_rollback (f->db);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM requirements WHERE year = 2011"), ==, 0);

  /* Delete. */
  g_assert_true (cm_needs_delete_requirement (f->db, 2010, 1, f->group_c, f->two, &error));
  g_assert_no_error (error);
  g_assert_true (cm_needs_delete_requirement (f->db, 2010, 1, f->group_c, f->two, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 1"), ==, 5);
}

static void
test_cycles (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) cycles = NULL;
  gboolean found = TRUE;
  int year = 0;
  int half = 0;
  int step = -1;

  cm_needs_previous_cycle (2010, 1, &year, &half);
  g_assert_cmpint (year, ==, 2009);
  g_assert_cmpint (half, ==, 2);
  cm_needs_previous_cycle (2010, 2, &year, &half);
  g_assert_cmpint (year, ==, 2010);
  g_assert_cmpint (half, ==, 1);

  /* Lines created the cycle rows. */
  g_assert_true (cm_needs_get_wizard_step (f->db, 2010, 1, &step, &error));
  g_assert_no_error (error);
  g_assert_cmpint (step, ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM cycles"), ==, 2);

  g_assert_true (cm_needs_set_wizard_step (f->db, 2010, 1, 4, &error));
  g_assert_no_error (error);
  g_assert_true (cm_needs_get_wizard_step (f->db, 2010, 1, &step, &error));
  g_assert_cmpint (step, ==, 4);

  /* A step for a cycle that does not exist creates nothing. */
  g_assert_true (cm_needs_set_wizard_step (f->db, 2012, 2, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM cycles WHERE year = 2012"), ==, 0);
  g_assert_true (cm_needs_ensure_cycle (f->db, 2012, 2, &error));
  g_assert_true (cm_needs_set_wizard_step (f->db, 2012, 2, 1, &error));
  g_assert_true (cm_needs_get_wizard_step (f->db, 2012, 2, &step, &error));
  g_assert_cmpint (step, ==, 1);
  g_assert_true (cm_needs_get_wizard_step (f->db, 2030, 1, &step, &error));
  g_assert_cmpint (step, ==, 0);
  g_assert_false (cm_needs_set_wizard_step (f->db, 2010, 1, -1, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cm_needs_ensure_cycle (f->db, 1899, 1, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_clear_error (&error);

  /* A cycle with lines but no row (imported) is listed too. */
  exec_sql (f->db, "INSERT INTO requirements (year, half, staff_group_id, competency_id, coverage_bp)"
                   " VALUES (2009, 2, 1, 1, 10000)");
  cycles = cm_needs_list_cycles (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cycles->len, ==, 4);
  g_assert_cmpint (g_array_index (cycles, CmNeedsCycle, 0).year, ==, 2012);
  g_assert_cmpint (g_array_index (cycles, CmNeedsCycle, 0).half, ==, 2);
  g_assert_cmpint (g_array_index (cycles, CmNeedsCycle, 0).wizard_step, ==, 1);
  g_assert_cmpuint (g_array_index (cycles, CmNeedsCycle, 0).n_lines, ==, 0);
  g_assert_cmpint (g_array_index (cycles, CmNeedsCycle, 1).half, ==, 2);
  g_assert_cmpuint (g_array_index (cycles, CmNeedsCycle, 1).n_lines, ==, 1);
  g_assert_cmpint (g_array_index (cycles, CmNeedsCycle, 2).half, ==, 1);
  g_assert_cmpint (g_array_index (cycles, CmNeedsCycle, 2).wizard_step, ==, 4);
  g_assert_cmpuint (g_array_index (cycles, CmNeedsCycle, 2).n_lines, ==, 5);
  g_assert_cmpint (g_array_index (cycles, CmNeedsCycle, 3).year, ==, 2009);
  g_assert_cmpint (g_array_index (cycles, CmNeedsCycle, 3).wizard_step, ==, 0);

  /* The current cycle, for resuming the wizard. */
  g_assert_true (cm_needs_get_current_cycle (f->db, &found, &year, &half, &error));
  g_assert_no_error (error);
  g_assert_false (found);
  g_assert_true (cm_needs_set_current_cycle (f->db, 2013, 2, &error));
  g_assert_no_error (error);
  g_assert_true (cm_needs_get_current_cycle (f->db, &found, &year, &half, &error));
  g_assert_true (found);
  g_assert_cmpint (year, ==, 2013);
  g_assert_cmpint (half, ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM cycles WHERE year = 2013 AND half = 2"), ==, 0);
  exec_sql (f->db, "UPDATE settings SET value = '2013,7' WHERE key = 'tna_current_cycle'");
  g_assert_false (cm_needs_get_current_cycle (f->db, &found, &year, &half, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_clear_error (&error);
}

/* Attendance: commissions, events, learners and bookings by SQL.
 *   E1 2010-05-10 and E2 2010-09-30 (in H1), E3 2010-10-01 (H2),
 *   E4 2010-03-31 (2009 H2): T-ONE. E5 2010-06-01: T-TWO. E6: no competency.
 * attended in 2010 H1: A×ONE 2 (L1 twice, L2), B×ONE 1 (L7), A×TWO 1 (L1). */
static void
insert_attendance (Fixture *f)
{
  exec_sql (f->db,
            "INSERT INTO commissions (id, code, title, competency_id, year, half) VALUES"
            " (1, 'X', 'One course', 1, 2010, 1),"
            " (2, 'Y', 'Two course', 2, 2010, 1),"
            " (3, 'Z', 'Other course', NULL, 2010, 1);"
            "INSERT INTO events (id, code, commission_id, date, places) VALUES"
            " (1, 'E1', 1, '2010-05-10', 20),"
            " (2, 'E2', 1, '2010-09-30', 20),"
            " (3, 'E3', 1, '2010-10-01', 20),"
            " (4, 'E4', 1, '2010-03-31', 20),"
            " (5, 'E5', 2, '2010-06-01', 12),"
            " (6, 'E6', 3, '2010-06-01', 12);"
            "INSERT INTO learners (id, ref, organisation_id, staff_group_id) VALUES"
            " (1, 'L1', 1, 1), (2, 'L2', 1, 1), (3, 'L3', 1, 1), (4, 'L4', 1, 1),"
            " (5, 'L5', 1, 1), (6, 'L6', 1, 1), (7, 'L7', 2, 2), (8, 'L8', 2, 2),"
            " (9, 'L9', 1, NULL);"
            "INSERT INTO bookings (event_id, learner_id, status) VALUES"
            " (1, 1, 'attended'), (2, 1, 'attended'),"
            " (2, 2, 'attended'),"
            " (1, 3, 'dna'),"
            " (3, 4, 'attended'),"
            " (4, 5, 'attended'),"
            " (1, 6, 'booked'),"
            " (1, 7, 'attended'), (1, 8, 'late-cancel'),"
            " (5, 1, 'attended'),"
            " (6, 2, 'attended'),"
            " (1, 9, 'attended');");
}

static gint64
line_value (Fixture    *f,
            int         year,
            int         half,
            gint64      group,
            gint64      competency,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM requirements WHERE year = %d AND half = %d"
                                          " AND staff_group_id = %" G_GINT64_FORMAT
                                          " AND competency_id = %" G_GINT64_FORMAT,
                                          column, year, half, group, competency);

  return query_int (f->db, sql);
}

static void
test_copy_cycle (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_copied = 99;
  gint64 attended = -1;

  insert_attendance (f);

  g_assert_true (cm_needs_count_attended (f->db, 2010, 1, f->group_a, f->one, &attended, &error));
  g_assert_no_error (error);
  g_assert_cmpint (attended, ==, 2);
  g_assert_true (cm_needs_count_attended (f->db, 2010, 1, f->group_b, f->one, &attended, &error));
  g_assert_cmpint (attended, ==, 1);
  g_assert_true (cm_needs_count_attended (f->db, 2010, 1, f->group_a, f->two, &attended, &error));
  g_assert_cmpint (attended, ==, 1);
  g_assert_true (cm_needs_count_attended (f->db, 2010, 2, f->group_a, f->one, &attended, &error));
  g_assert_cmpint (attended, ==, 1);
  g_assert_true (cm_needs_count_attended (f->db, 2009, 2, f->group_a, f->one, &attended, &error));
  g_assert_cmpint (attended, ==, 1);

  /* 2010 H2 already has a line: refused, nothing written. */
  g_assert_false (cm_needs_copy_cycle (f->db, 2010, 2, &n_copied, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_CYCLE_NOT_EMPTY);
  g_assert_nonnull (strstr (error->message, "2010/11 H2"));
  g_clear_error (&error);
  g_assert_cmpuint (n_copied, ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 2"), ==, 1);

  g_assert_true (cm_needs_delete_requirement (f->db, 2010, 2, f->group_a, f->two, &error));
  g_assert_no_error (error);

  g_assert_true (cm_needs_copy_cycle (f->db, 2010, 2, &n_copied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_copied, ==, 5);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 2"), ==, 5);

  /* compliant = still(H1) + attended(H1), expiring 0, coverage and evidence kept. */
  g_assert_cmpint (line_value (f, 2010, 2, f->group_a, f->one, "compliant"), ==, 14 + 2);
  g_assert_cmpint (line_value (f, 2010, 2, f->group_b, f->one, "compliant"), ==, 7 + 1);
  g_assert_cmpint (line_value (f, 2010, 2, f->group_c, f->one, "compliant"), ==, 0);
  g_assert_cmpint (line_value (f, 2010, 2, f->group_a, f->two, "compliant"), ==, 8 + 1);
  g_assert_cmpint (line_value (f, 2010, 2, f->group_b, f->two, "compliant"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT sum(expiring) FROM requirements WHERE year = 2010 AND half = 2"), ==, 0);
  g_assert_cmpint (line_value (f, 2010, 2, f->group_a, f->two, "coverage_bp"), ==, 5000);
  g_assert_cmpint (line_value (f, 2010, 2, f->group_b, f->two, "coverage_bp"), ==, 2500);
  g_assert_cmpint (line_value (f, 2010, 2, f->group_b, f->two, "evidence"), ==, 2);
  g_assert_cmpint (line_value (f, 2010, 2, f->group_a, f->one, "evidence"), ==, 2);

  /* Again: the target now has lines. */
  g_assert_false (cm_needs_copy_cycle (f->db, 2010, 2, &n_copied, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_CYCLE_NOT_EMPTY);
  g_clear_error (&error);

  /* H2 into the next year's H1: A×ONE 16 compliant, 16*0.11/2 = 0.88 -> 1
   * leaver, 15 still, plus L4 who attended E3 on 1 October: 16. */
  g_assert_true (cm_needs_copy_cycle (f->db, 2011, 1, &n_copied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_copied, ==, 5);
  g_assert_cmpint (line_value (f, 2011, 1, f->group_a, f->one, "compliant"), ==, 16);
  /* B×ONE: 8 compliant, 8*0.18/2 = 0.72 -> 1 leaver: 7. */
  g_assert_cmpint (line_value (f, 2011, 1, f->group_b, f->one, "compliant"), ==, 7);

  /* Nothing to copy from 2011 H2. */
  g_assert_false (cm_needs_copy_cycle (f->db, 2012, 1, &n_copied, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_SOURCE_EMPTY);
  g_assert_nonnull (strstr (error->message, "2011/12 H2"));
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM requirements WHERE year = 2012"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM cycles WHERE year = 2012"), ==, 0);
}

/* Cycle sign-off (docs/figures.md, "Cycle sign-off"). */

static void
assert_line (GPtrArray  *lines,
             const char *group,
             const char *code,
             gint64      headcount,
             gint64      required,
             gint64      leavers,
             gint64      still,
             gint64      needed,
             gint64      priority_num,
             gint64      priority_den)
{
  const CmNeedsLine *line = find_line (lines, group, code);

  g_assert_nonnull (line);
  g_assert_cmpint (line->headcount, ==, headcount);
  g_assert_cmpint (line->required, ==, required);
  g_assert_cmpint (line->leavers, ==, leavers);
  g_assert_cmpint (line->still, ==, still);
  g_assert_cmpint (line->needed, ==, needed);
  /* Compared as fractions: 93/1 and 186/2 are the same priority. */
  g_assert_cmpint (line->priority_num * priority_den, ==, priority_num * line->priority_den);
}

static GPtrArray *
list_lines (Fixture *f,
            int      year,
            int      half)
{
  g_autoptr(GError) error = NULL;
  CmNeedsWeights weights;
  GPtrArray *lines;

  g_assert_true (cm_needs_weights_load (f->db, &weights, &error));
  lines = cm_needs_list_lines (f->db, year, half, &weights, &error);
  g_assert_no_error (error);
  return lines;
}

static void
assert_closed_error (GError     **error,
                     const char  *label)
{
  g_autofree char *expected = g_strdup_printf ("%s is signed off; reopen it to change it", label);

  g_assert_error (*error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_CLOSED);
  g_assert_cmpstr ((*error)->message, ==, expected);
  g_clear_error (error);
}

static void
test_sign_off (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) competencies = NULL;
  g_autoptr(CmNeedsAnalysis) analysis = NULL;
  CmNeedsCycleState state;
  CmNeedsWeights gap_only = { 0, 0, 0, 0, 100 };
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, G_DATE_NOVEMBER, 2010);

  /* Open at first. */
  g_assert_true (cm_needs_get_cycle_state (f->db, 2010, 1, &state, &error));
  g_assert_no_error (error);
  g_assert_true (state.exists);
  g_assert_false (state.closed);
  g_assert_cmpstr (state.closed_on, ==, "");

  g_assert_true (cm_needs_close_cycle (f->db, 2010, 1, &day, &error));
  g_assert_no_error (error);
  g_assert_true (cm_needs_get_cycle_state (f->db, 2010, 1, &state, &error));
  g_assert_true (state.closed);
  g_assert_cmpstr (state.closed_on, ==, "2010-11-15");
  g_assert_cmpuint (state.weights.mandatory, ==, 30);
  g_assert_cmpuint (state.weights.gap, ==, 20);
  g_assert_cmpint (query_int (f->db, "SELECT closed_headcount FROM requirements"
                                     " WHERE year = 2010 AND half = 1 AND staff_group_id = 1 AND competency_id = 1"), ==, 40);
  g_assert_cmpint (query_int (f->db, "SELECT closed_turnover_bp FROM requirements"
                                     " WHERE year = 2010 AND half = 1 AND staff_group_id = 2 AND competency_id = 1"), ==, 1800);
  /* The open cycle stores nothing. */
  g_assert_cmpint (query_int (f->db, "SELECT count(closed_headcount) FROM requirements WHERE half = 2"), ==, 0);

  /* The workforce and the weights change after the board saw H1. */
  exec_sql (f->db, "UPDATE staff_groups SET headcount = 60, turnover_bp = 2000 WHERE id = 1;"
                   "UPDATE staff_groups SET headcount = 10 WHERE id = 2;");
  g_assert_true (cm_needs_weights_save (f->db, &gap_only, &error));
  g_assert_no_error (error);

  /* H1 keeps every figure it was signed off with (see fixture_set_up). */
  lines = list_lines (f, 2010, 1);
  g_assert_cmpuint (lines->len, ==, 5);
  assert_line (lines, "Alpha social workers", "T-ONE", 40, 40, 1, 14, 26, 93, 1);
  assert_line (lines, "Beta nursery staff", "T-ONE", 30, 30, 1, 7, 23, 271, 3);
  assert_line (lines, "Gamma youth workers", "T-ONE", 0, 0, 0, 0, 0, 70, 1);
  assert_line (lines, "Alpha social workers", "T-TWO", 40, 20, 0, 8, 12, 217, 6);
  assert_line (lines, "Beta nursery staff", "T-TWO", 30, 8, 0, 0, 8, 325, 6);
  g_assert_cmpint (find_line (lines, "Alpha social workers", "T-ONE")->turnover_bp, ==, 1100);
  competencies = cm_needs_list_competencies (f->db, 2010, 1, &gap_only, 4500, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (competencies->len, ==, 2);
  g_assert_cmpint (((CmNeedsCompetency *) g_ptr_array_index (competencies, 0))->places_needed, ==, 49);
  g_assert_cmpfloat_with_epsilon (((CmNeedsCompetency *) g_ptr_array_index (competencies, 0))->priority, 93.0, 1e-9);
  g_assert_cmpint (((CmNeedsCompetency *) g_ptr_array_index (competencies, 1))->places_needed, ==, 20);

  analysis = cm_needs_read_analysis (f->db, 2010, 1, &error);
  g_assert_no_error (error);
  g_assert_true (analysis->closed);
  g_assert_cmpstr (analysis->closed_on, ==, "2010-11-15");
  g_assert_cmpuint (analysis->weights.mandatory, ==, 30);
  g_clear_pointer (&analysis, cm_needs_analysis_free);

  /* H2 is open and follows the change: A×TWO, 60 staff at 100%, 1
   * compliant, 1*0.20/2 = 0.1 -> 0 leavers, needed 59; gap only:
   * 100*59/60 = 295/3. */
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = list_lines (f, 2010, 2);
  assert_line (lines, "Alpha social workers", "T-TWO", 60, 60, 0, 1, 59, 295, 3);
  analysis = cm_needs_read_analysis (f->db, 2010, 2, &error);
  g_assert_false (analysis->closed);
  g_assert_cmpstr (analysis->closed_on, ==, "");
  g_assert_cmpuint (analysis->weights.gap, ==, 100);
  g_clear_pointer (&analysis, cm_needs_analysis_free);

  /* Closing twice, or a cycle that does not exist, is refused. */
  g_assert_false (cm_needs_close_cycle (f->db, 2010, 1, NULL, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_CLOSED);
  g_assert_cmpstr (error->message, ==, "2010/11 H1 is already signed off (on 2010-11-15)");
  g_clear_error (&error);
  g_assert_false (cm_needs_close_cycle (f->db, 2015, 1, NULL, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no cycle 2015/16 H1: it has not been created");
  g_clear_error (&error);
  g_assert_false (cm_needs_reopen_cycle (f->db, 2015, 1, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM cycles WHERE year = 2015"), ==, 0);
  g_assert_false (cm_needs_reopen_cycle (f->db, 2010, 2, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_OPEN);
  g_assert_cmpstr (error->message, ==, "2010/11 H2 is not signed off: there is nothing to reopen");
  g_clear_error (&error);
  g_assert_false (cm_needs_close_cycle (f->db, 2010, 3, NULL, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_clear_error (&error);

  /* Reopened, H1 follows the live workforce and weights again:
   *   A×ONE: 60 required, 20*0.20/2 = 2 leavers, still 20-5-2 = 13,
   *          needed 47, priority 100*47/60 = 235/3
   *   B×ONE: 10 required, 10*0.18/2 = 0.9 -> 1 leaver, still 7, needed 3,
   *          priority 100*3/10 = 30
   *   A×TWO: 30 required, 8*0.20/2 = 0.8 -> 1 leaver, still 7, needed 23,
   *          priority 100*23/30 = 230/3
   *   B×TWO: ceil (10*25%) = 3 required, needed 3, priority 100 */
  g_assert_true (cm_needs_reopen_cycle (f->db, 2010, 1, &error));
  g_assert_no_error (error);
  g_assert_true (cm_needs_get_cycle_state (f->db, 2010, 1, &state, &error));
  g_assert_false (state.closed);
  g_assert_cmpint (query_int (f->db, "SELECT count(closed_headcount) + count(closed_turnover_bp)"
                                     " FROM requirements"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM cycles WHERE closed_on IS NOT NULL"
                                     " OR closed_weights IS NOT NULL"), ==, 0);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = list_lines (f, 2010, 1);
  assert_line (lines, "Alpha social workers", "T-ONE", 60, 60, 2, 13, 47, 235, 3);
  assert_line (lines, "Beta nursery staff", "T-ONE", 10, 10, 1, 7, 3, 30, 1);
  assert_line (lines, "Alpha social workers", "T-TWO", 60, 30, 1, 7, 23, 230, 3);
  assert_line (lines, "Beta nursery staff", "T-TWO", 10, 3, 0, 0, 3, 100, 1);
}

static void
test_sign_off_read_only (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(CmStaffGroupBackup) backup = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CmImportResult result = { 0 };
  const char *import =
    "year,half,staff_group,competency,coverage_percent,compliant,expiring,evidence\n"
    "2010,2,Alpha social workers,T-ONE,100,1,0,0\n"
    "2010,1,Alpha social workers,T-TWO,80,1,0,0\n";
  const char *sums = "SELECT group_concat (id || ':' || coverage_bp || ':' || compliant || ':' || expiring"
                     " || ':' || evidence || ':' || evidence_source, ',') FROM requirements WHERE half = 1";
  gint64 line_id;
  gint64 groups[] = { 1, 2 };
  guint n = 99;

  g_assert_true (cm_needs_set_evidence_source (f->db, 1, "  Ofsted inspection, May 2010 ", &error));
  g_assert_no_error (error);
  g_assert_true (cm_needs_close_cycle (f->db, 2010, 1, NULL, &error));
  g_assert_no_error (error);
  line_id = query_int (f->db, "SELECT id FROM requirements WHERE year = 2010 AND half = 1"
                              " AND staff_group_id = 1 AND competency_id = 2");
  before = cm_test_query_text (f->db, sums);

  g_assert_false (cm_needs_set_requirement (f->db, 2010, 1, 1, 1, 5000, 1, 0, 0, &error));
  assert_closed_error (&error, "2010/11 H1");
  g_assert_false (cm_needs_set_requirement (f->db, 2010, 1, 3, 2, 5000, 1, 0, 0, &error));
  assert_closed_error (&error, "2010/11 H1");
  g_assert_false (cm_needs_delete_requirement (f->db, 2010, 1, 1, 1, &error));
  assert_closed_error (&error, "2010/11 H1");
  g_assert_false (cm_needs_set_coverage (f->db, line_id, 100, &error));
  assert_closed_error (&error, "2010/11 H1");
  g_assert_false (cm_needs_set_position (f->db, line_id, 1, 1, &error));
  assert_closed_error (&error, "2010/11 H1");
  g_assert_false (cm_needs_set_evidence (f->db, line_id, 1, &error));
  assert_closed_error (&error, "2010/11 H1");
  g_assert_false (cm_needs_set_evidence_source (f->db, line_id, "Audit", &error));
  assert_closed_error (&error, "2010/11 H1");
  g_assert_false (cm_needs_apply_preset (f->db, 2010, 1, 2, groups, G_N_ELEMENTS (groups), 100, &error));
  assert_closed_error (&error, "2010/11 H1");

  /* The import names the row and writes nothing, the open H2 row neither. */
  g_assert_false (cm_import_data (f->db, "requirements", "h1.csv", import, strlen (import), FALSE, &result, NULL, &error));
  g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW);
  g_assert_cmpstr (error->message, ==, "h1.csv:3: column 'half': 2010/11 H1 is signed off; reopen it to change it");
  g_clear_error (&error);

  /* Deleting a staff group would take lines out of H1. */
  backup = cm_workforce_delete_staff_group (f->db, 1, &error);
  g_assert_null (backup);
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_CLOSED);
  g_assert_cmpstr (error->message, ==,
                   "“Alpha social workers” has lines in a signed-off cycle: 2010/11 H1 is signed off; reopen it to change it");
  g_clear_error (&error);

  /* Copying into a signed-off cycle. */
  g_assert_true (cm_needs_delete_requirement (f->db, 2010, 2, 1, 2, &error));
  g_assert_no_error (error);
  g_assert_true (cm_needs_ensure_cycle (f->db, 2010, 2, &error));
  g_assert_true (cm_needs_close_cycle (f->db, 2010, 2, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (cm_needs_copy_cycle (f->db, 2010, 2, &n, &error));
  assert_closed_error (&error, "2010/11 H2");
  g_assert_cmpuint (n, ==, 0);

  after = cm_test_query_text (f->db, sums);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM requirements WHERE half = 2"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM staff_groups"), ==, 3);

  /* Commissioning from what the board approved is allowed. */
  g_assert_true (cm_needs_create_commissions (f->db, 2010, 1, &f->one, 1, 4500, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  /* Reopened, the same writes go through; the source is copied. */
  g_assert_true (cm_needs_reopen_cycle (f->db, 2010, 2, &error));
  g_assert_true (cm_needs_copy_cycle (f->db, 2010, 2, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 2"
                                     " AND evidence_source = 'Ofsted inspection, May 2010'"), ==, 1);
  g_assert_true (cm_needs_reopen_cycle (f->db, 2010, 1, &error));
  g_assert_true (cm_needs_set_coverage (f->db, line_id, 100, &error));
  g_assert_no_error (error);

  lines = cm_needs_list_lines (f->db, 2010, 1, NULL, &error);
  g_assert_cmpstr (find_line (lines, "Alpha social workers", "T-ONE")->evidence_source, ==,
                   "Ofsted inspection, May 2010");
  g_assert_cmpstr (find_line (lines, "Beta nursery staff", "T-ONE")->evidence_source, ==, "");

  /* Deleting and restoring a staff group keeps its lines' sources. */
  backup = cm_workforce_delete_staff_group (f->db, 1, &error);
  g_assert_no_error (error);
  g_assert_true (cm_workforce_restore_staff_group (f->db, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM requirements"
                                     " WHERE evidence_source = 'Ofsted inspection, May 2010'"), ==, 2);

  /* Bad sources: too long, or a line that does not exist. */
  {
    g_autofree char *long_text = g_strnfill (501, 'x');

    g_assert_false (cm_needs_set_evidence_source (f->db, 1, long_text, &error));
    g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "The evidence source must be text of at most 500 characters");
    g_clear_error (&error);
    g_assert_false (cm_needs_set_evidence_source (f->db, 999, "Audit", &error));
    g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_true (cm_needs_set_evidence_source (f->db, 1, NULL, &error));
    g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM requirements WHERE id = 1 AND evidence_source = ''"), ==, 1);
  }
}

/* A competency commissioned before is priced as a place cost then: the
 * NVQ bought for 75 learners at £17,000.00 is not quoted at £45.00 a place. */
static void
test_prices (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) competencies = NULL;
  g_autoptr(GHashTable) prices = NULL;
  const gint64 one[] = { 1 };
  const CmNeedsCompetency *c;

  /* Older, then newer: the newer sets the price. A cancelled one, and
   * one without places, do not count. */
  exec_sql (f->db,
            "INSERT INTO commissions (code, title, competency_id, year, half, status, events, half_days,"
            "                         places, fee_per_event_pence, cost_per_place_pence) VALUES"
            " ('OLD', 'Older', 1, 2009, 2, 'delivered', 2, 2, 10, 0, 9900),"
            " ('NVQ', 'NVQ for 75', 1, 2010, 1, 'approved', 1, 2, 75, 1700000, 0),"
            " ('GONE', 'Cancelled', 1, 2010, 2, 'cancelled', 1, 2, 10, 0, 100),"
            " ('EMPTY', 'No places', 2, 2010, 2, 'proposed', 1, 2, 0, 50000, 0);");

  prices = cm_needs_load_prices (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (prices), ==, 1);

  /* round_half_up (1700000 / 75 = 22666.67) = 22667 a place; T-ONE's 3
   * events of 20 places: 3 × 20 × 22667 = 1360020. T-TWO has no price of
   * its own: 2 × 12 × 4500 = 108000. */
  competencies = cm_needs_list_competencies (f->db, 2010, 1, NULL, 4500, &error);
  g_assert_no_error (error);
  c = g_ptr_array_index (competencies, 0);
  g_assert_cmpstr (c->code, ==, "T-ONE");
  g_assert_cmpint (c->cost_per_place_pence, ==, 22667);
  g_assert_cmpint (c->indicative_cost_pence, ==, 1360020);
  c = g_ptr_array_index (competencies, 1);
  g_assert_cmpint (c->cost_per_place_pence, ==, 4500);
  g_assert_cmpint (c->indicative_cost_pence, ==, 108000);

  /* The commission made costs what was quoted. */
  g_assert_true (cm_needs_create_commissions (f->db, 2010, 1, one, 1, 4500, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT cost_per_place_pence FROM commissions WHERE code = 'TNA-2010H1-T-ONE'"), ==, 22667);
  g_assert_cmpint (query_int (f->db, "SELECT events * places * cost_per_place_pence FROM commissions"
                                     " WHERE code = 'TNA-2010H1-T-ONE'"), ==, 1360020);
}

static void
test_create_commissions (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *row = NULL;
  const gint64 both[] = { 1, 2 };
  const gint64 one[] = { 1 };
  const gint64 none[] = { 3 };
  const gint64 bad[] = { 2, 999 };
  guint n_created = 0;

  g_assert_true (cm_needs_create_commissions (f->db, 2010, 1, both, G_N_ELEMENTS (both), 5000, &n_created, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_created, ==, 2);

  row = cm_test_query_text (f->db,
                    "SELECT group_concat(code || ':' || title || ':' || competency_id || ':' || year || ':' || half"
                    " || ':' || status || ':' || events || ':' || half_days || ':' || places || ':'"
                    " || cost_per_place_pence || ':' || fee_per_event_pence || ':' || venue_per_day_pence"
                    " || ':' || materials_per_place_pence || ':' || pvi_places || ':' || provider, ';')"
                    " FROM (SELECT * FROM commissions ORDER BY code)");
  /* T-ONE: 49 places in 20s, 3 events of 2 days; T-TWO: 20 in 12s, 2 of 1
   * day. PVI places from the nursery's share of the need:
   * round_half_up (20 × 23 / 49 = 9.39) = 9 and round_half_up (12 × 8 / 20
   * = 4.8) = 5. */
  g_assert_cmpstr (row, ==,
                   "TNA-2010H1-T-ONE:Test one:1:2010:1:proposed:3:4:20:5000:0:0:0:9:;"
                   "TNA-2010H1-T-TWO:Test two:2:2010:1:proposed:2:2:12:5000:0:0:0:5:");

  /* Each costs what the wizard said it would: whole events at £50.00 a
   * place, 3 × 20 × 5000 and 2 × 12 × 5000. */
  {
    g_autoptr(GPtrArray) priced = cm_needs_list_competencies (f->db, 2010, 1, NULL, 5000, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < priced->len; i++)
      {
        const CmNeedsCompetency *competency = g_ptr_array_index (priced, i);
        g_autofree char *sql = g_strdup_printf ("SELECT events * places * cost_per_place_pence FROM commissions"
                                                " WHERE competency_id = %" G_GINT64_FORMAT, competency->competency_id);
        gint64 planned = query_int (f->db, sql);

        g_assert_cmpint (competency->indicative_cost_pence, ==, planned);
        g_assert_cmpint (planned, ==, competency->competency_id == 1 ? 300000 : 120000);
      }
  }

  /* Codes stay unique. */
  g_assert_true (cm_needs_create_commissions (f->db, 2010, 1, one, 1, 5000, &n_created, &error));
  g_assert_no_error (error);
  g_assert_true (cm_needs_create_commissions (f->db, 2010, 1, one, 1, 5000, &n_created, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_created, ==, 1);
  codes = cm_test_query_text (f->db, "SELECT group_concat(code, ' ') FROM (SELECT code FROM commissions"
                             " WHERE competency_id = 1 ORDER BY id)");
  g_assert_cmpstr (codes, ==, "TNA-2010H1-T-ONE TNA-2010H1-T-ONE-2 TNA-2010H1-T-ONE-3");

  /* A competency without needs in the cycle still gets one event. */
  g_assert_true (cm_needs_create_commissions (f->db, 2010, 2, none, 1, 0, &n_created, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT events * 1000 + places FROM commissions WHERE code = 'TNA-2010H2-T-NONE'"),
                   ==, 1025);

  /* An unknown competency: nothing created. */
  g_assert_false (cm_needs_create_commissions (f->db, 2010, 1, bad, G_N_ELEMENTS (bad), 5000, &n_created, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (n_created, ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM commissions"), ==, 5);

  g_assert_false (cm_needs_create_commissions (f->db, 2010, 1, one, 1, -5, &n_created, &error));
  g_assert_error (error, CM_NEEDS_ERROR, CM_NEEDS_ERROR_INVALID);
  g_clear_error (&error);
}

static char *
requirements_snapshot (Fixture *f)
{
  return cm_test_query_text (f->db,
                     "SELECT count(*) || '|' || coalesce(group_concat(year || ':' || half || ':' || staff_group_id"
                     " || ':' || competency_id || ':' || coverage_bp || ':' || compliant || ':' || expiring"
                     " || ':' || evidence, ';'), '') FROM (SELECT * FROM requirements ORDER BY id)");
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CmImportResult result = { 0 };
  const char *good =
    "Year,Half,Staff_Group,Competency,Coverage_Percent,Compliant,Expiring,Evidence\r\n"
    "2010,1,Alpha social workers,T-TWO,80%,9,1,1\r\n"
    "2011,2,\"Beta nursery staff\",T-ONE,12.5,3,0,2\r\n";
  const char *unknown_group =
    "year,half,staff_group,competency,coverage_percent,compliant,expiring,evidence\n"
    "2010,1,Alpha social workers,T-ONE,100,1,0,0\n"
    "2010,1,Delta nobody,T-ONE,100,1,0,0\n";
  const char *coverage_140 =
    "year,half,staff_group,competency,coverage_percent,compliant,expiring,evidence\n"
    "2010,1,Alpha social workers,T-ONE,140,1,0,0\n";
  const char *bad_half =
    "year,half,staff_group,competency,coverage_percent,compliant,expiring,evidence\n"
    "2010,3,Alpha social workers,T-ONE,100,1,0,0\n";
  const char *bad_evidence =
    "year,half,staff_group,competency,coverage_percent,compliant,expiring,evidence\n"
    "2010,1,Alpha social workers,T-ONE,100,1,0,3\n";

  g_assert_true (g_strv_contains (cm_import_kinds (), "requirements"));

  g_assert_true (cm_import_data (f->db, "requirements", "good.csv", good, strlen (good), FALSE, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.rows, ==, 2);
  g_assert_cmpuint (result.inserted, ==, 1);
  g_assert_cmpuint (result.updated, ==, 1);
  g_assert_cmpint (line_value (f, 2010, 1, f->group_a, f->two, "coverage_bp"), ==, 8000);
  g_assert_cmpint (line_value (f, 2010, 1, f->group_a, f->two, "compliant"), ==, 9);
  g_assert_cmpint (line_value (f, 2010, 1, f->group_a, f->two, "expiring"), ==, 1);
  g_assert_cmpint (line_value (f, 2010, 1, f->group_a, f->two, "evidence"), ==, 1);
  g_assert_cmpint (line_value (f, 2011, 2, f->group_b, f->one, "coverage_bp"), ==, 1250);
  g_assert_cmpint (line_value (f, 2011, 2, f->group_b, f->one, "evidence"), ==, 2);

  before = requirements_snapshot (f);

  g_assert_false (cm_import_data (f->db, "requirements", "needs.csv", unknown_group, strlen (unknown_group),
                                  FALSE, NULL, NULL, &error));
  g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW);
  g_assert_true (g_str_has_prefix (error->message, "needs.csv:3: column 'staff_group': "));
  g_assert_nonnull (strstr (error->message, "Delta nobody"));
  g_clear_error (&error);

  g_assert_false (cm_import_data (f->db, "requirements", "needs.csv", coverage_140, strlen (coverage_140),
                                  FALSE, NULL, NULL, &error));
  g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW);
  g_assert_true (g_str_has_prefix (error->message, "needs.csv:2: column 'coverage_percent': "));
  g_assert_nonnull (strstr (error->message, "140"));
  g_clear_error (&error);

  g_assert_false (cm_import_data (f->db, "requirements", "needs.csv", bad_half, strlen (bad_half),
                                  FALSE, NULL, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "needs.csv:2: column 'half': "));
  g_clear_error (&error);

  g_assert_false (cm_import_data (f->db, "requirements", "needs.csv", bad_evidence, strlen (bad_evidence),
                                  FALSE, NULL, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "needs.csv:2: column 'evidence': "));
  g_clear_error (&error);

  after = requirements_snapshot (f);
  g_assert_cmpstr (after, ==, before);
}

/* The example data gives every staff group a few lines in both cycles and
 * shows the Level B gap in PVI early years. */
static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) competencies = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cm-test-needs-demo-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  const CmNeedsLine *line;
  gint64 h1;
  gint64 h2;

  g_assert_no_error (error);
  db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_demo_load (db, &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM staff_groups g WHERE"
                                  " (SELECT count(*) FROM requirements r WHERE r.staff_group_id = g.id"
                                  "   AND r.year = 2010 AND r.half = 1) < 3"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM staff_groups g WHERE"
                                  " (SELECT count(*) FROM requirements r WHERE r.staff_group_id = g.id"
                                  "   AND r.year = 2010 AND r.half = 2) < 2"), ==, 0);
  h1 = query_int (db, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 1");
  h2 = query_int (db, "SELECT count(*) FROM requirements WHERE year = 2010 AND half = 2");
  g_assert_cmpint (h2, <, h1);
  g_assert_cmpint (query_int (db, "SELECT sum(expiring) FROM requirements WHERE year = 2010 AND half = 2"), <,
                   query_int (db, "SELECT sum(expiring) FROM requirements WHERE year = 2010 AND half = 1"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM requirements r JOIN staff_groups g ON g.id = r.staff_group_id"
                                  " WHERE r.compliant > g.headcount"), ==, 0);

  lines = cm_needs_list_lines (db, 2010, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, h1);

  /* 150 nursery practitioners, 45 hold Level B, 10 expire, 4 leave. */
  line = find_line (lines, "Nursery practitioners, PVI settings", "SG-B");
  g_assert_nonnull (line);
  g_assert_cmpint (line->required, ==, 150);
  g_assert_cmpint (line->still, ==, 31);
  g_assert_cmpint (line->needed, ==, 119);
  g_assert_cmpstr (line->organisation_kind, ==, "private");

  /* Level B safeguarding tops the list of competencies. */
  competencies = cm_needs_aggregate_competencies (lines, CM_NEEDS_DEFAULT_COST_PER_PLACE_PENCE, NULL);
  g_assert_cmpstr (((CmNeedsCompetency *) g_ptr_array_index (competencies, 0))->code, ==, "SG-B");

  g_clear_object (&db);
  cm_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/needs/formula", test_formula_lines);
  g_test_add_func ("/needs/priority", test_priority);
  g_test_add_func ("/needs/priority-values", test_priority_values);
  g_test_add_func ("/needs/weights", test_weights);

#define add(path, func) \
  g_test_add ("/needs/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  add ("list-lines", test_list_lines);
  add ("competencies", test_competencies);
  add ("totals", test_totals);
  add ("weights-storage", test_weights_storage);
  add ("editing", test_editing);
  add ("cycles", test_cycles);
  add ("copy-cycle", test_copy_cycle);
  add ("create-commissions", test_create_commissions);
  add ("prices", test_prices);
  add ("import", test_import);
  add ("sign-off", test_sign_off);
  add ("sign-off-read-only", test_sign_off_read_only);
  g_test_add_func ("/needs/demo", test_demo);

#undef add

  return g_test_run ();
}
