/* cm-demo.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-demo"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-db-private.h"
#include "cm-catalogue.h"
#include "cm-demo.h"
#include "cm-evaluation-private.h"
#include "cm-fiscal.h"

G_DEFINE_QUARK (cm-demo-error-quark, cm_demo_error)

/*
 * The example data is modelled on Westminster's children's workforce
 * strategy (2010): about 1,900 people in statutory and PVI organisations,
 * 76% of them in statutory posts (about 800 directly employed by the
 * council), annual turnover 11%, higher in private and voluntary early
 * years settings. Teachers are outside the figure, as in the strategy.
 *
 * Names of people's roles are plain English example data, not
 * translated: they describe one English borough.
 */

typedef struct
{
  const char *name;
  const char *kind;
} DemoOrganisation;

typedef struct
{
  const char *name;
  const char *organisation;
  const char *sector;
  int         headcount;
  int         turnover_bp;
} DemoStaffGroup;

static const DemoOrganisation organisations[] = {
  { "Westminster Children's Services",                          "statutory" },
  { "Westminster Early Years, Extended Services and Play",      "statutory" },
  { "Westminster Youth Service",                                "statutory" },
  { "Westminster Youth Offending Team",                         "statutory" },
  { "Westminster Schools and Learning",                         "statutory" },
  { "Westminster Sport, Leisure and Libraries",                 "statutory" },
  { "NHS Westminster",                                          "health" },
  { "Central London Community Healthcare",                      "health" },
  { "Central and North West London NHS Foundation Trust CAMHS", "health" },
  { "Imperial College Healthcare NHS Trust",                    "health" },
  { "Metropolitan Police Child Abuse Investigation Team",       "police" },
  { "North Westminster Primary Schools Cluster",                "school" },
  { "South Westminster Primary Schools Cluster",                "school" },
  { "Westminster Secondary Schools Partnership",                "school" },
  { "Little Acorns Day Nurseries Ltd",                          "private" },
  { "Westminster Childminding Network",                         "private" },
  { "Westminster Children's Society",                           "voluntary" },
  { "Paddington Youth Partnership",                             "voluntary" },
  { "Church Street Family Centre",                              "voluntary" },
  { "Capital Independent Fostering",                            "independent" },
  { "St Edward's Children's Home",                              "independent" },
  { "Westminster Independent Schools Association",              "independent" },
};

/* Headcounts: council 800, health 265, police 25, schools 354 (1,444 or
 * 76% statutory), PVI 456; 1,900 in all. */
static const DemoStaffGroup staff_groups[] = {
  { "Social workers, children in need and child protection",    "Westminster Children's Services",                          "social-care",    100, 1400 },
  { "Social workers, looked after children and leaving care",   "Westminster Children's Services",                          "social-care",     55, 1400 },
  { "Social care team managers and senior practitioners",       "Westminster Children's Services",                          "social-care",     35,  900 },
  { "Residential child care workers",                           "Westminster Children's Services",                          "social-care",     40, 1300 },
  { "Foster carers, Westminster Family Placements Service",     "Westminster Children's Services",                          "social-care",    105,  800 },
  { "Family support workers, children's services",              "Westminster Children's Services",                          "family-support",  50, 1100 },
  { "Family Recovery Programme key workers",                    "Westminster Children's Services",                          "family-support",  25, 1100 },
  { "Children's centre practitioners",                          "Westminster Early Years, Extended Services and Play",      "early-years",    110, 1100 },
  { "Play workers, adventure playgrounds",                      "Westminster Early Years, Extended Services and Play",      "youth",           30, 1100 },
  { "Youth workers, statutory youth service",                   "Westminster Youth Service",                                "youth",           65, 1100 },
  { "Connexions personal advisers",                             "Westminster Youth Service",                                "youth",           35, 1100 },
  { "Youth offending team practitioners",                       "Westminster Youth Offending Team",                         "justice",         30, 1100 },
  { "Education welfare and inclusion officers",                 "Westminster Schools and Learning",                         "education",       45, 1100 },
  { "Sports development officers and coaches",                  "Westminster Sport, Leisure and Libraries",                 "sport-culture",   40, 1100 },
  { "Library and arts staff working with children",             "Westminster Sport, Leisure and Libraries",                 "sport-culture",   35, 1100 },
  { "Health visitors",                                          "Central London Community Healthcare",                      "health",          70, 1100 },
  { "School nurses",                                            "Central London Community Healthcare",                      "health",          30, 1100 },
  { "Speech and language therapists",                           "Central London Community Healthcare",                      "health",          20, 1100 },
  { "CAMHS clinicians",                                         "Central and North West London NHS Foundation Trust CAMHS", "health",          45, 1100 },
  { "Paediatric nurses and midwives",                           "Imperial College Healthcare NHS Trust",                    "health",         100, 1100 },
  { "Child abuse investigation officers",                       "Metropolitan Police Child Abuse Investigation Team",       "justice",         25, 1100 },
  { "Teaching assistants, north Westminster primary schools",   "North Westminster Primary Schools Cluster",                "education",      120, 1100 },
  { "Teaching assistants, south Westminster primary schools",   "South Westminster Primary Schools Cluster",                "education",      105, 1100 },
  { "Teaching assistants and learning mentors, secondary schools", "Westminster Secondary Schools Partnership",             "education",      129, 1100 },
  { "Nursery practitioners, PVI settings",                      "Little Acorns Day Nurseries Ltd",                          "early-years",    150, 1800 },
  { "Nursery managers and room leaders, PVI settings",          "Little Acorns Day Nurseries Ltd",                          "early-years",     30, 1400 },
  { "Registered childminders",                                  "Westminster Childminding Network",                         "early-years",     70, 1500 },
  { "Pre-school practitioners, voluntary settings",             "Westminster Children's Society",                           "early-years",     40, 1500 },
  { "Youth workers, voluntary sector",                          "Paddington Youth Partnership",                             "youth",           50, 1500 },
  { "Family support workers, voluntary sector",                 "Church Street Family Centre",                              "family-support",  30, 1300 },
  { "Foster carers, independent fostering agencies",            "Capital Independent Fostering",                            "social-care",     40,  900 },
  { "Residential care workers, independent children's homes",   "St Edward's Children's Home",                              "social-care",     16, 1600 },
  { "Pastoral and boarding staff, independent schools",         "Westminster Independent Schools Association",              "education",       30, 1100 },
};

static gboolean
load_organisations (CmDb    *db,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = cm_db_prepare (db, "INSERT INTO organisations (name, kind) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (organisations); i++)
    {
      sqlite3_bind_text (stmt, 1, organisations[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, organisations[i].kind, -1, SQLITE_STATIC);

      if (!cm_db_step_done (db, stmt, error))
        {
          g_prefix_error (error, _("Could not add the organisation “%s”: "), organisations[i].name);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load_staff_groups (CmDb    *db,
                   GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* An unknown organisation name yields NULL and fails NOT NULL. */
  stmt = cm_db_prepare (db,
                        "INSERT INTO staff_groups (name, organisation_id, sector, headcount, turnover_bp)"
                        " VALUES (?1, (SELECT id FROM organisations WHERE name = ?2), ?3, ?4, ?5)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (staff_groups); i++)
    {
      const DemoStaffGroup *group = &staff_groups[i];

      sqlite3_bind_text (stmt, 1, group->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, group->organisation, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, group->sector, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, group->headcount);
      sqlite3_bind_int (stmt, 5, group->turnover_bp);

      if (!cm_db_step_done (db, stmt, error))
        {
          g_prefix_error (error, _("Could not add the staff group “%s”: "), group->name);
          return FALSE;
        }
    }

  return TRUE;
}

/*
 * The needs analysis for 2010/11: one line per staff group and competency,
 * in both halves unless h2_compliant is negative. The picture follows the
 * strategies: Level B safeguarding well short in PVI early years, where
 * turnover is highest; CAF and lead professional training wanted in
 * schools, health and family support; the Common Core for youth workers;
 * NVQ 3 and TSD qualifications in social care. H2 reflects the training
 * of H1: more staff compliant, fewer certificates expiring.
 */
typedef struct
{
  const char *staff_group;
  const char *competency;
  int         coverage_percent;
  int         evidence;
  int         h1_compliant;
  int         h1_expiring;
  int         h2_compliant;
  int         h2_expiring;
} DemoRequirement;

static const DemoRequirement requirements[] = {
  { "Social workers, children in need and child protection",      "SG-B",      100, 2,  78, 12,  86,  4 },
  { "Social workers, children in need and child protection",      "SG-RISK",   100, 2,  60,  0,  72,  0 },
  { "Social workers, children in need and child protection",      "SG-CSE",     50, 2,  20,  0,  28,  0 },
  { "Social workers, children in need and child protection",      "IW-CAF",     50, 1,  30,  0,  34,  0 },
  { "Social workers, children in need and child protection",      "Q-PQ",       30, 1,  18,  0,  -1,  0 },
  { "Social workers, looked after children and leaving care",     "SG-B",      100, 2,  44,  8,  48,  3 },
  { "Social workers, looked after children and leaving care",     "CC-TRANS",  100, 1,  30,  0,  38,  0 },
  { "Social workers, looked after children and leaving care",     "SG-CSE",     50, 1,  12,  0,  16,  0 },
  { "Social workers, looked after children and leaving care",     "Q-PQ",       30, 1,  10,  0,  -1,  0 },
  { "Social care team managers and senior practitioners",         "SG-SUPV",   100, 2,  22,  4,  28,  1 },
  { "Social care team managers and senior practitioners",         "SG-SAFER",  100, 2,  25,  5,  29,  2 },
  { "Social care team managers and senior practitioners",         "M-FIRST",    60, 1,  15,  0,  18,  0 },
  { "Social care team managers and senior practitioners",         "M-CMI5",     30, 0,   6,  0,   8,  0 },
  { "Residential child care workers",                             "Q-NVQ3",     80, 2,  24,  0,  26,  0 },
  { "Residential child care workers",                             "SG-B",      100, 2,  28,  6,  32,  2 },
  { "Residential child care workers",                             "SG-CSE",    100, 2,  15,  0,  24,  0 },
  { "Residential child care workers",                             "CC-DEV",    100, 1,  30,  0,  33,  0 },
  { "Foster carers, Westminster Family Placements Service",       "Q-TSD",     100, 2,  70,  0,  82,  0 },
  { "Foster carers, Westminster Family Placements Service",       "SG-A",      100, 1,  80, 10,  88,  6 },
  { "Foster carers, Westminster Family Placements Service",       "P-CAMH",     50, 1,  20,  0,  -1,  0 },
  { "Family support workers, children's services",                "IW-CAF",    100, 2,  30,  0,  40,  0 },
  { "Family support workers, children's services",                "IW-LP",      60, 1,  15,  0,  20,  0 },
  { "Family support workers, children's services",                "SG-B",      100, 2,  35,  7,  40,  3 },
  { "Family support workers, children's services",                "P-TRIPLEP",  50, 1,  10,  0,  16,  0 },
  { "Family Recovery Programme key workers",                      "IW-THINK",  100, 2,  12,  0,  18,  0 },
  { "Family Recovery Programme key workers",                      "IW-LP",     100, 1,  14,  0,  19,  0 },
  { "Family Recovery Programme key workers",                      "SG-B",      100, 2,  18,  3,  20,  1 },
  { "Children's centre practitioners",                            "SG-B",      100, 2,  70, 15,  80,  6 },
  { "Children's centre practitioners",                            "IW-CAF",     60, 2,  35,  0,  45,  0 },
  { "Children's centre practitioners",                            "P-EYFS",    100, 1,  80,  0,  88,  0 },
  { "Children's centre practitioners",                            "P-SLCN",     50, 1,  20,  0,  -1,  0 },
  { "Play workers, adventure playgrounds",                        "Q-PLAY3",    60, 1,  10,  0,  12,  0 },
  { "Play workers, adventure playgrounds",                        "SG-A",      100, 1,  20,  4,  24,  2 },
  { "Play workers, adventure playgrounds",                        "CC-COMM",   100, 1,  15,  0,  20,  0 },
  { "Youth workers, statutory youth service",                     "CC-COMM",   100, 1,  35,  0,  45,  0 },
  { "Youth workers, statutory youth service",                     "CC-WELF",   100, 1,  40,  0,  48,  0 },
  { "Youth workers, statutory youth service",                     "SG-A",      100, 2,  45,  8,  52,  3 },
  { "Youth workers, statutory youth service",                     "SG-CSE",     50, 2,  10,  0,  18,  0 },
  { "Youth workers, statutory youth service",                     "IW-CAF",     50, 1,  15,  0,  -1,  0 },
  { "Connexions personal advisers",                               "IW-CAF",    100, 2,  20,  0,  27,  0 },
  { "Connexions personal advisers",                               "CC-TRANS",  100, 1,  22,  0,  26,  0 },
  { "Connexions personal advisers",                               "SG-A",      100, 1,  28,  5,  30,  2 },
  { "Youth offending team practitioners",                         "SG-HARM",   100, 2,  18,  0,  24,  0 },
  { "Youth offending team practitioners",                         "SG-B",      100, 2,  22,  4,  25,  1 },
  { "Youth offending team practitioners",                         "Q-YJ",       50, 1,   8,  0,  10,  0 },
  { "Education welfare and inclusion officers",                   "SG-B",      100, 2,  30,  6,  35,  2 },
  { "Education welfare and inclusion officers",                   "IW-CAF",    100, 2,  25,  0,  32,  0 },
  { "Education welfare and inclusion officers",                   "IW-LP",      50, 1,  10,  0,  14,  0 },
  { "Sports development officers and coaches",                    "SG-A",      100, 1,  18,  4,  26,  2 },
  { "Sports development officers and coaches",                    "CC-COMM",    50, 0,  10,  0,  12,  0 },
  { "Sports development officers and coaches",                    "SG-SAFER",   20, 1,   3,  0,   5,  0 },
  { "Library and arts staff working with children",               "SG-A",      100, 1,  15,  3,  22,  1 },
  { "Library and arts staff working with children",               "CC-COMM",    50, 0,   8,  0,  -1,  0 },
  { "Library and arts staff working with children",               "P-EQUAL",   100, 0,  20,  5,  24,  2 },
  { "Health visitors",                                            "SG-B",      100, 2,  55, 10,  62,  4 },
  { "Health visitors",                                            "IW-CAF",    100, 2,  40,  0,  52,  0 },
  { "Health visitors",                                            "P-HCP",     100, 1,  50,  0,  58,  0 },
  { "Health visitors",                                            "P-TRIPLEP",  30, 1,   8,  0,  12,  0 },
  { "School nurses",                                              "SG-B",      100, 2,  22,  5,  26,  2 },
  { "School nurses",                                              "IW-CAF",    100, 1,  18,  0,  22,  0 },
  { "School nurses",                                              "SG-CSE",     50, 1,   6,  0,   9,  0 },
  { "Speech and language therapists",                             "SG-A",      100, 1,  16,  3,  18,  1 },
  { "Speech and language therapists",                             "IW-CAF",     50, 1,   5,  0,   7,  0 },
  { "Speech and language therapists",                             "P-SLCN",    100, 0,  18,  0,  -1,  0 },
  { "CAMHS clinicians",                                           "SG-B",      100, 2,  35,  8,  40,  3 },
  { "CAMHS clinicians",                                           "IW-CAF",     50, 1,  12,  0,  16,  0 },
  { "CAMHS clinicians",                                           "IW-INFO",   100, 1,  25,  0,  32,  0 },
  { "Paediatric nurses and midwives",                             "SG-A",      100, 1,  75, 15,  85,  6 },
  { "Paediatric nurses and midwives",                             "SG-B",       40, 2,  25,  5,  30,  2 },
  { "Paediatric nurses and midwives",                             "IW-INFO",   100, 1,  50,  0,  62,  0 },
  { "Child abuse investigation officers",                         "SG-B",      100, 2,  20,  3,  22,  1 },
  { "Child abuse investigation officers",                         "SG-CSE",    100, 2,  12,  0,  18,  0 },
  { "Child abuse investigation officers",                         "IW-IND",    100, 1,  10,  0,  15,  0 },
  { "Teaching assistants, north Westminster primary schools",     "SG-A",      100, 1,  80, 20,  92,  8 },
  { "Teaching assistants, north Westminster primary schools",     "IW-CAF",     30, 2,   8,  0,  14,  0 },
  { "Teaching assistants, north Westminster primary schools",     "CC-DEV",    100, 1,  60,  0,  70,  0 },
  { "Teaching assistants, north Westminster primary schools",     "Q-HLTA",     10, 0,   4,  0,   6,  0 },
  { "Teaching assistants, south Westminster primary schools",     "SG-A",      100, 1,  70, 18,  80,  7 },
  { "Teaching assistants, south Westminster primary schools",     "IW-CAF",     30, 2,   6,  0,  12,  0 },
  { "Teaching assistants, south Westminster primary schools",     "CC-DEV",    100, 1,  50,  0,  60,  0 },
  { "Teaching assistants, south Westminster primary schools",     "Q-HLTA",     10, 0,   5,  0,  -1,  0 },
  { "Teaching assistants and learning mentors, secondary schools", "SG-A",     100, 1,  85, 25, 100, 10 },
  { "Teaching assistants and learning mentors, secondary schools", "IW-CAF",    40, 2,  12,  0,  20,  0 },
  { "Teaching assistants and learning mentors, secondary schools", "IW-TAC",    40, 1,  10,  0,  16,  0 },
  { "Teaching assistants and learning mentors, secondary schools", "CC-TRANS",  50, 1,  20,  0,  26,  0 },
  { "Nursery practitioners, PVI settings",                        "SG-B",      100, 2,  45, 10,  62,  5 },
  { "Nursery practitioners, PVI settings",                        "Q-NVQ3",     80, 2,  70,  0,  78,  0 },
  { "Nursery practitioners, PVI settings",                        "P-EYFS",    100, 1,  90,  0, 100,  0 },
  { "Nursery practitioners, PVI settings",                        "IW-CAF",     30, 1,   5,  0,  10,  0 },
  { "Nursery managers and room leaders, PVI settings",            "SG-B",      100, 2,  14,  3,  19,  1 },
  { "Nursery managers and room leaders, PVI settings",            "SG-SAFER",  100, 2,  12,  2,  16,  1 },
  { "Nursery managers and room leaders, PVI settings",            "Q-EYPS",     50, 2,   5,  0,   7,  0 },
  { "Nursery managers and room leaders, PVI settings",            "M-FIRST",    50, 1,   6,  0,  -1,  0 },
  { "Registered childminders",                                    "SG-A",      100, 2,  40,  8,  48,  3 },
  { "Registered childminders",                                    "SG-B",       50, 2,  10,  2,  15,  1 },
  { "Registered childminders",                                    "P-EYFS",    100, 1,  45,  0,  52,  0 },
  { "Registered childminders",                                    "SG-HS",     100, 1,  35, 10,  42,  4 },
  { "Pre-school practitioners, voluntary settings",               "SG-B",      100, 2,  15,  4,  22,  2 },
  { "Pre-school practitioners, voluntary settings",               "Q-NVQ3",     80, 2,  18,  0,  21,  0 },
  { "Pre-school practitioners, voluntary settings",               "P-EYFS",    100, 1,  25,  0,  30,  0 },
  { "Youth workers, voluntary sector",                            "SG-A",      100, 2,  25,  5,  31,  2 },
  { "Youth workers, voluntary sector",                            "CC-COMM",   100, 1,  20,  0,  28,  0 },
  { "Youth workers, voluntary sector",                            "CC-WELF",   100, 1,  18,  0,  25,  0 },
  { "Youth workers, voluntary sector",                            "IW-CAF",     30, 1,   3,  0,   6,  0 },
  { "Youth workers, voluntary sector",                            "M-YOUTH",    10, 0,   1,  0,  -1,  0 },
  { "Family support workers, voluntary sector",                   "SG-B",      100, 2,  14,  3,  19,  1 },
  { "Family support workers, voluntary sector",                   "IW-CAF",    100, 2,  10,  0,  16,  0 },
  { "Family support workers, voluntary sector",                   "P-TRIPLEP",  50, 1,   4,  0,   7,  0 },
  { "Foster carers, independent fostering agencies",              "Q-TSD",     100, 2,  25,  0,  30,  0 },
  { "Foster carers, independent fostering agencies",              "SG-A",      100, 1,  28,  4,  32,  2 },
  { "Foster carers, independent fostering agencies",              "P-CAMH",     50, 1,   8,  0,  11,  0 },
  { "Residential care workers, independent children's homes",     "Q-NVQ3",     80, 2,   8,  0,   9,  0 },
  { "Residential care workers, independent children's homes",     "SG-B",      100, 2,   9,  2,  12,  1 },
  { "Residential care workers, independent children's homes",     "SG-CSE",    100, 2,   4,  0,   8,  0 },
  { "Pastoral and boarding staff, independent schools",           "SG-A",      100, 1,  20,  5,  24,  2 },
  { "Pastoral and boarding staff, independent schools",           "SG-SAFER",   20, 1,   2,  0,   4,  0 },
  { "Pastoral and boarding staff, independent schools",           "CC-WELF",    50, 0,   8,  0,  -1,  0 },
};

static gboolean
load_requirements (CmDb    *db,
                   GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Both cycles exist for the needs wizard, which starts at their first step. */
  if (!cm_db_exec (db, "INSERT OR IGNORE INTO cycles (year, half) VALUES (2010, 1), (2010, 2)", error))
    return FALSE;

  /* An unknown staff group or competency yields NULL and fails NOT NULL. */
  stmt = cm_db_prepare (db,
                        "INSERT INTO requirements (year, half, staff_group_id, competency_id,"
                        "                          coverage_bp, compliant, expiring, evidence)"
                        " VALUES (2010, ?1, (SELECT id FROM staff_groups WHERE name = ?2),"
                        "         (SELECT id FROM competencies WHERE code = ?3), ?4, ?5, ?6, ?7)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (int half = 1; half <= 2; half++)
    for (guint i = 0; i < G_N_ELEMENTS (requirements); i++)
      {
        const DemoRequirement *line = &requirements[i];
        int compliant = half == 1 ? line->h1_compliant : line->h2_compliant;
        int expiring = half == 1 ? line->h1_expiring : line->h2_expiring;

        if (compliant < 0)
          continue;

        sqlite3_bind_int (stmt, 1, half);
        sqlite3_bind_text (stmt, 2, line->staff_group, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 3, line->competency, -1, SQLITE_STATIC);
        sqlite3_bind_int (stmt, 4, line->coverage_percent * 100);
        sqlite3_bind_int (stmt, 5, compliant);
        sqlite3_bind_int (stmt, 6, expiring);
        sqlite3_bind_int (stmt, 7, line->evidence);

        if (!cm_db_step_done (db, stmt, error))
          {
            g_prefix_error (error, _("Could not add the requirement “%s” for “%s”: "),
                            line->competency, line->staff_group);
            return FALSE;
          }
      }

  return TRUE;
}

/*
 * The 2010/11 budget: the funding streams of Westminster's strategy
 * (DH Children's Social Care Workforce Development Grant, the CWDC grants,
 * the LSCB's contribution and the council's core training budget), the
 * commissions they pay for across both halves of the year, and a year of
 * spend. The figures are chosen so the planner has something to say:
 * the PVI share of the DH grant is below half, the youth grant is
 * overspent, Step Up to Social Work is running well under its grant, one
 * management course is charged to the safeguarding budget, and a few
 * invoices are late, early or not coded.
 */

#define GBP(pounds) ((gint64) (pounds) * 100)

typedef struct
{
  const char *code;
  const char *name;
  const char *funder;
  gint64      allocation_pence;
  gboolean    ring_fenced;
  const char *expiry;
  int         min_pvi_bp;
  const char *categories;   /* ;-separated, NULL = every category */
  const char *return_kind;
} DemoStream;

typedef struct
{
  const char *code;
  const char *title;
  const char *competency;
  int         half;
  const char *provider;
  const char *status;
  int         events;
  int         half_days;
  int         places;
  gint64      fee_pence;
  gint64      venue_pence;
  gint64      cost_pence;
  gint64      materials_pence;
  int         pvi_places;
} DemoCommission;

typedef struct
{
  const char *commission;
  const char *stream;
  int         percent_bp;    /* -1: a fixed amount */
  gint64      amount_pence;
} DemoSplit;

typedef struct
{
  const char *date;
  gint64      amount_pence;
  const char *commission;
  const char *stream;
  const char *supplier;
  const char *reference;
  const char *kind;
} DemoSpend;

static const DemoStream streams[] = {
  { "DH-WDG",      "Children's Social Care Workforce Development Grant", "DH",   GBP (240000), TRUE,  "2011-03-31", 5000,
    "safeguarding;common-core;qualification;management;practice", "dh" },
  { "CWDC-IW",     "CWDC Integrated Working",                           "CWDC", GBP (50000),  TRUE,  "2011-03-31", 0, "integrated-working;common-core", "cwdc" },
  { "CWDC-WSPP",   "CWDC Workforce Strategy for PVI Partners (WSPP)",   "CWDC", GBP (20000),  TRUE,  "2011-03-31", 0, "common-core;practice;qualification", "cwdc" },
  { "CWDC-YOUTH",  "CWDC Youth Provision",                              "CWDC", GBP (15000),  TRUE,  "2011-03-31", 0, "management;practice;common-core", "cwdc" },
  { "CWDC-NQSW",   "CWDC Newly Qualified Social Worker programme",      "CWDC", GBP (30000),  TRUE,  "2011-03-31", 0, "qualification;management", "cwdc" },
  { "CWDC-SWP",    "CWDC Social Work placements (with Skills for Care)", "CWDC", GBP (12000), TRUE,  "2011-03-31", 0, "qualification", "cwdc" },
  { "CWDC-STEPUP", "CWDC Step Up to Social Work",                       "CWDC", GBP (75000),  TRUE,  "2011-03-31", 0, "qualification", "cwdc" },
  { "LSCB",        "LSCB multi-agency training contributions",          "LSCB", GBP (60000),  FALSE, NULL,         0, "safeguarding", "lscb" },
  { "CORE",        "Council core workforce development budget",         "Core", GBP (42000),  FALSE, NULL,         0, NULL, "none" },
};

static const DemoCommission commissions[] = {
  /* The LSCB multi-agency safeguarding programme. */
  { "LSCB-A-H1",      "Safeguarding Level A: child protection awareness (April–September)", "SG-A", 1, "NSPCC Training and Consultancy", "delivered", 6, 1, 25, GBP (350), GBP (120), 0, GBP (4), 10 },
  { "LSCB-A-H2",      "Safeguarding Level A: child protection awareness (October–March)", "SG-A", 2, "NSPCC Training and Consultancy", "contracted", 6, 1, 25, GBP (350), GBP (120), 0, GBP (4), 10 },
  { "LSCB-B-H1",      "Safeguarding Level B: working together (April–September)", "SG-B", 1, "Safeguarding Training Partnership", "delivered", 6, 4, 20, GBP (900), GBP (150), 0, GBP (6), 6 },
  { "LSCB-B-H2",      "Safeguarding Level B: working together (October–March)", "SG-B", 2, "Safeguarding Training Partnership", "contracted", 6, 4, 20, GBP (900), GBP (150), 0, GBP (6), 6 },
  { "LSCB-CSA",       "Child sexual abuse: recognition and response", "SG-CSA", 2, "NSPCC Training and Consultancy", "approved", 2, 2, 20, GBP (800), GBP (150), 0, GBP (5), 6 },
  { "LSCB-RISK",      "Risk assessment in child protection", "SG-RISK", 1, "In Control Safeguarding Ltd", "delivered", 3, 2, 20, GBP (800), GBP (150), 0, GBP (5), 4 },
  { "LSCB-CSE",       "Sexual exploitation of children and young people", "SG-CSE", 2, "Barnardo's Training", "contracted", 2, 2, 20, GBP (800), GBP (150), 0, GBP (5), 8 },
  { "LSCB-SUPV",      "Supervision for managers in child protection", "SG-SUPV", 2, "In Control Safeguarding Ltd", "approved", 2, 4, 16, GBP (1200), GBP (150), 0, GBP (8), 4 },
  { "LSCB-SAFER",     "Safer recruitment", "SG-SAFER", 1, "Safer Recruitment Consortium", "delivered", 3, 2, 20, GBP (700), GBP (150), 0, GBP (5), 10 },
  { "LSCB-ELEARN",    "Safeguarding Level A e-learning licences", "SG-A", 1, "Virtual College", "contracted", 1, 0, 500, 0, 0, GBP (22), 0, 300 },
  { "LSCB-SCR",       "Learning from serious case reviews: seminars", "SG-RISK", 2, "In Control Safeguarding Ltd", "contracted", 4, 1, 30, GBP (600), GBP (150), 0, GBP (3), 6 },
  { "LSCB-CONF",      "LSCB annual safeguarding conference", NULL, 2, "Westminster LSCB", "approved", 1, 2, 150, GBP (2500), GBP (1800), 0, GBP (3), 50 },
  { "LSCB-HARM",      "Assessing risk of harm in youth justice", "SG-HARM", 2, "Youth Justice Board trainers", "proposed", 2, 2, 16, GBP (800), GBP (150), 0, 0, 0 },

  /* The DH grant: social care qualifications, management and practice. */
  { "DH-NVQ3-H1",     "NVQ/QCF Level 3 Children and Young People's Workforce, cohort 1", "Q-NVQ3", 1, "Westminster NVQ Centre", "contracted", 1, 48, 12, 0, 0, GBP (1650), GBP (50), 8 },
  { "DH-NVQ3-H2",     "NVQ/QCF Level 3 Children and Young People's Workforce, cohort 2", "Q-NVQ3", 2, "Westminster NVQ Centre", "approved", 1, 48, 12, 0, 0, GBP (1650), GBP (50), 7 },
  { "DH-PQ",          "Post-qualifying award in social work", "Q-PQ", 1, "Middlesex University", "contracted", 1, 60, 14, 0, 0, GBP (2400), 0, 0 },
  { "DH-PQ-CP",       "PQ specialist award in child protection", "Q-PQ", 2, "Middlesex University", "approved", 1, 60, 10, 0, 0, GBP (2400), 0, 0 },
  { "DH-PRAC",        "Practice educator award", "Q-PRAC", 1, "University of Westminster", "delivered", 1, 24, 6, 0, 0, GBP (1500), 0, 2 },
  { "DH-TSD",         "Training, Support and Development Standards for foster carers", "Q-TSD", 1, "The Fostering Network", "delivered", 4, 12, 12, GBP (1200), GBP (100), 0, GBP (15), 6 },
  { "DH-FOSTER",      "TSD Standards for independent fostering agency carers", "Q-TSD", 2, "The Fostering Network", "approved", 4, 12, 12, GBP (1200), GBP (100), 0, GBP (15), 12 },
  { "DH-CMI4",        "CMI Introductory Diploma in Management (Level 4)", "M-CMI4", 1, "CMI Centre London", "contracted", 1, 32, 16, 0, 0, GBP (1350), 0, 6 },
  { "DH-CMI5",        "CMI Diploma in Management (Level 5)", "M-CMI5", 2, "CMI Centre London", "approved", 1, 48, 10, 0, 0, GBP (1900), 0, 3 },
  { "DH-FIRST",       "First-line management in children's services", "M-FIRST", 2, "Leadership Matters", "approved", 2, 12, 16, GBP (3000), GBP (140), 0, GBP (20), 6 },
  { "DH-PVI-MGR",     "Support for new managers in PVI settings", "M-NEW", 2, "Leadership Matters", "approved", 2, 4, 16, GBP (1400), GBP (120), 0, GBP (10), 16 },
  { "DH-CAMH",        "Child and adolescent mental health awareness", "P-CAMH", 1, "CAMHS Training Unit", "delivered", 3, 2, 20, GBP (750), GBP (120), 0, GBP (5), 10 },
  { "DH-TRIPLEP",     "Triple P Positive Parenting Programme", "P-TRIPLEP", 2, "Triple P UK", "contracted", 2, 6, 20, GBP (2800), GBP (120), GBP (95), 0, 12 },
  { "DH-EYFS",        "Early Years Foundation Stage in practice", "P-EYFS", 1, "Early Years Training Co-operative", "delivered", 4, 2, 25, GBP (600), GBP (100), 0, GBP (5), 20 },
  { "DH-CP-ADV",      "Advanced child protection practice for social workers", "SG-RISK", 2, "In Control Safeguarding Ltd", "contracted", 4, 4, 20, GBP (1500), GBP (150), 0, GBP (10), 4 },
  { "DH-CHILDM",      "NVQ Level 3 for registered childminders", "Q-NVQ3", 2, "Westminster NVQ Centre", "contracted", 1, 48, 10, 0, 0, GBP (1650), GBP (50), 10 },
  { "DH-NVQ2",        "NVQ Level 2 for PVI nursery practitioners", "Q-NVQ2", 2, "Westminster NVQ Centre", "proposed", 1, 32, 12, 0, 0, GBP (1100), 0, 10 },
  { "DH-EYPS",        "Early Years Professional Status bursaries", "Q-EYPS", 2, "London Metropolitan University", "proposed", 1, 40, 6, 0, 0, GBP (2000), 0, 6 },
  { "DH-SLCN",        "Speech, language and communication needs", "P-SLCN", 2, "Speech and Language Partners", "cancelled", 2, 2, 20, GBP (700), GBP (100), 0, 0, 12 },

  /* The CWDC grants. */
  { "IW-CAF-H1",      "Common Assessment Framework and eCAF (April–September)", "IW-CAF", 1, "Integrated Working Associates", "delivered", 6, 2, 20, GBP (650), GBP (110), 0, GBP (3), 6 },
  { "IW-CAF-H2",      "Common Assessment Framework and eCAF (October–March)", "IW-CAF", 2, "Integrated Working Associates", "contracted", 6, 2, 20, GBP (650), GBP (110), 0, GBP (3), 6 },
  { "IW-LP",          "Lead Professional role", "IW-LP", 1, "Integrated Working Associates", "delivered", 4, 1, 20, GBP (400), GBP (110), 0, 0, 6 },
  { "IW-TAC",         "Team Around the Child and Team Around the School", "IW-TAC", 2, "Integrated Working Associates", "approved", 4, 1, 20, GBP (400), GBP (110), 0, 0, 6 },
  { "IW-IND",         "Children's Trust multi-agency induction", "IW-IND", 2, "Children's Trust Training Pool", "contracted", 6, 2, 25, GBP (500), GBP (120), 0, GBP (4), 8 },
  { "IW-THINK",       "Think Family: working with the whole family", "IW-THINK", 2, "Family Recovery Programme", "approved", 3, 2, 20, GBP (850), GBP (120), 0, 0, 6 },
  { "IW-OFFICER",     "Integrated Working development officer (locality working)", "IW-FSP", 1, "Westminster City Council", "contracted", 1, 0, 0, GBP (28000), 0, 0, 0, 0 },
  { "WSPP-PVI",       "Common Core skills for PVI settings", "CC-DEV", 1, "Early Years Training Co-operative", "delivered", 5, 2, 25, GBP (450), 0, 0, GBP (6), 25 },
  { "WSPP-EQUAL",     "Equality and diversity for PVI partners", "P-EQUAL", 2, "Equality Works", "contracted", 4, 1, 25, GBP (300), GBP (80), 0, 0, 25 },
  { "WSPP-NVQ",       "NVQ Level 3 bursaries for PVI settings", "Q-NVQ3", 2, "Westminster NVQ Centre", "approved", 1, 48, 6, 0, 0, GBP (1650), GBP (50), 6 },
  { "WSPP-EYFS",      "EYFS practice network for voluntary pre-schools", "P-EYFS", 2, "Early Years Training Co-operative", "contracted", 5, 2, 25, GBP (600), 0, 0, GBP (5), 25 },
  { "WSPP-CM",        "Communication with children for childminders", "CC-COMM", 2, "Westminster Childminding Network", "approved", 4, 2, 20, GBP (450), GBP (80), 0, GBP (4), 20 },
  { "YOUTH-MGMT",     "Youth Workforce Management Development programme", "M-YOUTH", 1, "Youth Leadership Partnership", "delivered", 1, 20, 17, GBP (6800), GBP (150), 0, GBP (20), 5 },
  { "YOUTH-PART",     "Involving young people in services and recruitment", "P-PART", 2, "Paddington Youth Partnership", "contracted", 3, 2, 20, GBP (700), GBP (100), 0, GBP (5), 8 },
  { "YOUTH-CAMH",     "Mental health awareness for youth workers", "P-CAMH", 2, "CAMHS Training Unit", "approved", 3, 2, 20, GBP (750), GBP (100), 0, 0, 8 },
  { "NQSW-PROG",      "Newly Qualified Social Worker programme", "Q-NQSW", 1, "West London Alliance", "contracted", 1, 24, 14, 0, 0, GBP (2000), 0, 0 },
  { "SWP-PLACE",      "Social work student placements: practice educators", "Q-PRAC", 1, "University of Westminster", "contracted", 1, 24, 8, 0, 0, GBP (1500), 0, 0 },
  { "STEPUP-1",       "Step Up to Social Work, cohort 1", "Q-STEPUP", 2, "West London Alliance", "contracted", 1, 240, 4, 0, 0, GBP (9500), 0, 0 },
  { "STEPUP-2",       "Step Up to Social Work, cohort 2", "Q-STEPUP", 2, "West London Alliance", "proposed", 1, 240, 3, 0, 0, GBP (9500), 0, 0 },

  /* The council's core budget. */
  { "CORE-INFO",      "Information sharing for practitioners and managers", "IW-INFO", 1, "Children's Trust Training Pool", "delivered", 4, 1, 25, GBP (350), GBP (90), 0, 0, 5 },
  { "CORE-SUPV",      "Supervision skills for managers and supervisees", "M-SUPV", 2, "Leadership Matters", "approved", 2, 4, 16, GBP (1100), GBP (140), 0, 0, 2 },
  { "CORE-PERF",      "Performance management and appraisal", "M-PERF", 2, "Leadership Matters", "proposed", 2, 2, 16, GBP (600), GBP (120), 0, 0, 0 },
  { "CORE-NVQ3",      "NVQ Level 3 for council residential staff", "Q-NVQ3", 1, "Westminster NVQ Centre", "contracted", 1, 48, 8, 0, 0, GBP (1650), GBP (50), 0 },
  { "CORE-EQUAL",     "Equality and diversity", "P-EQUAL", 1, "Equality Works", "delivered", 6, 1, 25, GBP (300), GBP (90), 0, 0, 3 },
  { "CORE-COMM",      "Postgraduate Certificate in Strategic Commissioning", "M-COMM", 1, "Institute of Public Care", "contracted", 1, 48, 4, 0, 0, GBP (3200), 0, 0 },
  { "CORE-HS",        "Health and safety in children's settings", "SG-HS", 2, "Westminster Health and Safety Unit", "contracted", 4, 2, 20, GBP (450), GBP (90), 0, GBP (3), 6 },
  { "CORE-CHANGE",    "Leading change: management master class", "M-CHANGE", 2, "Leadership Matters", "approved", 2, 2, 20, GBP (1500), GBP (150), 0, 0, 2 },
};

/* Percent splits unless percent_bp is -1. CORE-SUPV's half from the LSCB
 * is the ineligible one (a management course on the safeguarding budget);
 * WSPP-NVQ is short of funding and CORE-PERF has a little too much. */
static const DemoSplit splits[] = {
  { "LSCB-A-H1", "LSCB", 10000, 0 },
  { "LSCB-A-H2", "LSCB", 10000, 0 },
  { "LSCB-B-H1", "LSCB", 10000, 0 },
  { "LSCB-B-H2", "LSCB", 10000, 0 },
  { "LSCB-CSA", "LSCB", 10000, 0 },
  { "LSCB-RISK", "LSCB", 10000, 0 },
  { "LSCB-CSE", "LSCB", 10000, 0 },
  { "LSCB-SUPV", "LSCB", 10000, 0 },
  { "LSCB-SAFER", "LSCB", 10000, 0 },
  { "LSCB-ELEARN", "LSCB", 10000, 0 },
  { "LSCB-SCR", "LSCB", 10000, 0 },
  { "LSCB-CONF", "LSCB", 10000, 0 },
  { "LSCB-HARM", "LSCB", 10000, 0 },
  { "DH-NVQ3-H1", "DH-WDG", 10000, 0 },
  { "DH-NVQ3-H2", "DH-WDG", 10000, 0 },
  { "DH-PQ", "DH-WDG", 10000, 0 },
  { "DH-PQ-CP", "DH-WDG", -1, GBP (24000) },
  { "DH-PRAC", "DH-WDG", 10000, 0 },
  { "DH-TSD", "DH-WDG", 10000, 0 },
  { "DH-FOSTER", "DH-WDG", 10000, 0 },
  { "DH-CMI4", "DH-WDG", 10000, 0 },
  { "DH-CMI5", "DH-WDG", 10000, 0 },
  { "DH-FIRST", "DH-WDG", 10000, 0 },
  { "DH-PVI-MGR", "DH-WDG", 10000, 0 },
  { "DH-CAMH", "DH-WDG", 10000, 0 },
  { "DH-TRIPLEP", "DH-WDG", 10000, 0 },
  { "DH-EYFS", "DH-WDG", 10000, 0 },
  { "DH-CP-ADV", "DH-WDG", 10000, 0 },
  { "DH-CHILDM", "DH-WDG", 10000, 0 },
  { "DH-NVQ2", "DH-WDG", 10000, 0 },
  { "DH-EYPS", "DH-WDG", 10000, 0 },
  { "DH-SLCN", "DH-WDG", 10000, 0 },
  { "IW-CAF-H1", "CWDC-IW", 10000, 0 },
  { "IW-CAF-H2", "CWDC-IW", 10000, 0 },
  { "IW-LP", "CWDC-IW", 10000, 0 },
  { "IW-TAC", "CWDC-IW", 10000, 0 },
  { "IW-IND", "CWDC-IW", 6000, 0 },
  { "IW-IND", "CORE", 4000, 0 },
  { "IW-THINK", "CWDC-IW", 10000, 0 },
  { "IW-OFFICER", "CWDC-IW", -1, GBP (28000) },
  { "WSPP-PVI", "CWDC-WSPP", 10000, 0 },
  { "WSPP-EQUAL", "CWDC-WSPP", 10000, 0 },
  { "WSPP-NVQ", "CWDC-WSPP", -1, GBP (8000) },
  { "WSPP-EYFS", "CWDC-WSPP", 10000, 0 },
  { "WSPP-CM", "CWDC-WSPP", 10000, 0 },
  { "YOUTH-MGMT", "CWDC-YOUTH", 10000, 0 },
  { "YOUTH-PART", "CWDC-YOUTH", 10000, 0 },
  { "YOUTH-CAMH", "CWDC-YOUTH", 10000, 0 },
  { "NQSW-PROG", "CWDC-NQSW", -1, GBP (28000) },
  { "SWP-PLACE", "CWDC-SWP", 10000, 0 },
  { "STEPUP-1", "CWDC-STEPUP", 10000, 0 },
  { "STEPUP-2", "CWDC-STEPUP", 10000, 0 },
  { "CORE-INFO", "CORE", 10000, 0 },
  { "CORE-SUPV", "LSCB", 5000, 0 },
  { "CORE-SUPV", "CORE", 5000, 0 },
  { "CORE-PERF", "CORE", -1, GBP (1600) },
  { "CORE-NVQ3", "CORE", 10000, 0 },
  { "CORE-EQUAL", "CORE", 10000, 0 },
  { "CORE-COMM", "CORE", 10000, 0 },
  { "CORE-HS", "CORE", 10000, 0 },
  { "CORE-CHANGE", "CORE", 10000, 0 },
};

static const DemoSpend spend[] = {
  /* Paid in March 2010, before the year began. */
  { "2010-03-25", GBP (2040),   "DH-NVQ3-H1",  NULL,   "Westminster NVQ Centre",            "INV-0931", "invoice" },
  { "2010-05-03", GBP (11000),  "LSCB-ELEARN", NULL,   "Virtual College",                   "INV-1008", "invoice" },
  { "2010-05-14", GBP (1530),   "LSCB-A-H1",   NULL,   "NSPCC Training and Consultancy",    "INV-1001", "invoice" },
  { "2010-05-28", GBP (3300),   "DH-EYFS",     NULL,   "Early Years Training Co-operative", "INV-2011", "invoice" },
  { "2010-06-04", GBP (1580),   "CORE-INFO",   NULL,   "Children's Trust Training Pool",    "INV-4001", "invoice" },
  { "2010-06-11", GBP (3150),   "LSCB-RISK",   NULL,   "In Control Safeguarding Ltd",       "INV-1006", "invoice" },
  { "2010-06-18", GBP (2910),   "DH-CAMH",     NULL,   "CAMHS Training Unit",               "INV-2009", "invoice" },
  { "2010-06-25", GBP (4920),   "IW-CAF-H1",   NULL,   "Integrated Working Associates",     "INV-3001", "invoice" },
  { "2010-06-30", GBP (3960),   "LSCB-B-H1",   NULL,   "Safeguarding Training Partnership", "INV-1004", "invoice" },
  { "2010-06-30", GBP (8160),   "DH-NVQ3-H1",  NULL,   "Westminster NVQ Centre",            "INV-2001", "invoice" },
  { "2010-07-02", GBP (3000),   "WSPP-PVI",    NULL,   "Early Years Training Co-operative", "INV-3007", "invoice" },
  { "2010-07-09", GBP (1530),   "LSCB-A-H1",   NULL,   "NSPCC Training and Consultancy",    "INV-1002", "invoice" },
  { "2010-07-16", GBP (9000),   "DH-PRAC",     NULL,   "University of Westminster",         "INV-2005", "invoice" },
  { "2010-07-20", -GBP (350),   "LSCB-A-H1",   NULL,   "NSPCC Training and Consultancy",    "CN-1003",  "credit" },
  { "2010-07-23", GBP (2070),   "CORE-EQUAL",  NULL,   "Equality Works",                    "INV-4003", "invoice" },
  { "2010-07-30", GBP (1820),   "IW-LP",       NULL,   "Integrated Working Associates",     "INV-3002", "invoice" },
  { "2010-08-06", GBP (2850),   "LSCB-SAFER",  NULL,   "Safer Recruitment Consortium",      "INV-1007", "invoice" },
  { "2010-08-27", GBP (7920),   "DH-TSD",      NULL,   "The Fostering Network",             "INV-2006", "invoice" },
  { "2010-09-03", GBP (6800),   "CORE-NVQ3",   NULL,   "Westminster NVQ Centre",            "INV-4002", "invoice" },
  { "2010-09-10", GBP (10800),  "DH-CMI4",     NULL,   "CMI Centre London",                 "INV-2007", "invoice" },
  /* Nobody has coded this one yet. */
  { "2010-09-14", GBP (480),    NULL,          NULL,   "Church Street Library",             "INV-4007", "invoice" },
  /* The residential weekend ran over. */
  { "2010-09-17", GBP (9950),   "YOUTH-MGMT",  NULL,   "Youth Leadership Partnership",      "INV-3010", "invoice" },
  { "2010-09-24", GBP (3960),   "LSCB-B-H1",   NULL,   "Safeguarding Training Partnership", "INV-1005", "invoice" },
  { "2010-09-30", GBP (14000),  "IW-OFFICER",  NULL,   "Westminster City Council",          "JNL-3005", "journal" },
  { "2010-10-05", -GBP (450),   NULL,          "LSCB", "Partner agencies (DNA charges)",    "DNA-2010-Q2", "charge-income" },
  { "2010-10-08", GBP (6400),   "CORE-COMM",   NULL,   "Institute of Public Care",          "INV-4004", "invoice" },
  /* The cancellation fee of a cancelled course. */
  { "2010-10-15", GBP (350),    "DH-SLCN",     NULL,   "Speech and Language Partners",      "INV-2012", "invoice" },
  { "2010-10-22", GBP (14000),  "NQSW-PROG",   NULL,   "West London Alliance",              "INV-3012", "invoice" },
  { "2010-10-29", GBP (16800),  "DH-PQ",       NULL,   "Middlesex University",              "INV-2003", "invoice" },
  { "2010-11-05", GBP (6000),   "SWP-PLACE",   NULL,   "University of Westminster",         "INV-3014", "invoice" },
  { "2010-11-12", GBP (4320),   "IW-IND",      NULL,   "Children's Trust Training Pool",    "INV-3004", "invoice" },
  { "2010-11-19", GBP (1530),   "LSCB-SCR",    NULL,   "In Control Safeguarding Ltd",       "INV-1014", "invoice" },
  { "2010-11-26", -GBP (240),   "DH-TSD",      NULL,   "The Fostering Network",             "CN-2016",  "credit" },
  { "2010-12-03", GBP (5060),   "DH-TRIPLEP",  NULL,   "Triple P UK",                       "INV-2010", "invoice" },
  { "2010-12-10", GBP (1530),   "LSCB-A-H2",   NULL,   "NSPCC Training and Consultancy",    "INV-1009", "invoice" },
  { "2010-12-17", GBP (10200),  "DH-NVQ3-H1",  NULL,   "Westminster NVQ Centre",            "INV-2002", "invoice" },
  { "2010-12-22", GBP (3625),   "WSPP-EYFS",   NULL,   "Early Years Training Co-operative", "INV-3009", "invoice" },
  { "2011-01-07", GBP (2700),   "YOUTH-PART",  NULL,   "Paddington Youth Partnership",      "INV-3011", "invoice" },
  { "2011-01-14", GBP (2460),   "IW-CAF-H2",   NULL,   "Integrated Working Associates",     "INV-3003", "invoice" },
  /* Shared half and half with the LSCB: the odd penny goes to CORE. */
  { "2011-01-19", 138055,       "CORE-SUPV",   NULL,   "Leadership Matters",                "INV-4008", "invoice" },
  { "2011-01-21", GBP (3960),   "LSCB-B-H2",   NULL,   "Safeguarding Training Partnership", "INV-1011", "invoice" },
  { "2011-01-28", GBP (8500),   "DH-CHILDM",   NULL,   "Westminster NVQ Centre",            "INV-2013", "invoice" },
  { "2011-01-31", GBP (19000),  "STEPUP-1",    NULL,   "West London Alliance",              "INV-3016", "invoice" },
  { "2011-02-04", GBP (1360),   "WSPP-EQUAL",  NULL,   "Equality Works",                    "INV-3008", "invoice" },
  { "2011-02-11", GBP (10800),  "DH-CMI4",     NULL,   "CMI Centre London",                 "INV-2008", "invoice" },
  { "2011-02-15", GBP (1250),   NULL,          "CORE", "Westminster Council House",         "INV-4005", "invoice" },
  { "2011-02-18", GBP (1530),   "LSCB-A-H2",   NULL,   "NSPCC Training and Consultancy",    "INV-1010", "invoice" },
  { "2011-02-25", GBP (9500),   "DH-CMI5",     NULL,   "CMI Centre London",                 "INV-2015", "invoice" },
  { "2011-03-01", -GBP (120),   NULL,          "CORE", "Westminster Council House",         "CN-4006",  "credit" },
  { "2011-03-04", GBP (2100),   "LSCB-CSE",    NULL,   "Barnardo's Training",               "INV-1013", "invoice" },
  { "2011-03-10", GBP (6000),   "SWP-PLACE",   NULL,   "University of Westminster",         "INV-3015", "invoice" },
  { "2011-03-11", GBP (16800),  "DH-PQ",       NULL,   "Middlesex University",              "INV-2004", "invoice" },
  { "2011-03-15", GBP (14000),  "NQSW-PROG",   NULL,   "West London Alliance",              "INV-3013", "invoice" },
  { "2011-03-18", GBP (4000),   "DH-CP-ADV",   NULL,   "In Control Safeguarding Ltd",       "INV-2014", "invoice" },
  { "2011-03-25", GBP (4980),   "LSCB-CONF",   NULL,   "Westminster LSCB",                  "INV-1015", "invoice" },
  { "2011-03-31", GBP (14000),  "IW-OFFICER",  NULL,   "Westminster City Council",          "JNL-3006", "journal" },
  /* Arrived after the year end. */
  { "2011-04-20", GBP (3960),   "LSCB-B-H2",   NULL,   "Safeguarding Training Partnership", "INV-1012", "invoice" },
};

static gboolean
load_streams (CmDb    *db,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) category = NULL;

  stmt = cm_db_prepare (db,
                        "INSERT INTO streams (code, name, funder, year, allocation_pence, ring_fenced,"
                        "                     expiry, min_pvi_bp, return_kind)"
                        " VALUES (?1, ?2, ?3, 2010, ?4, ?5, ?6, ?7, ?8)",
                        error);
  if (stmt == NULL)
    return FALSE;

  category = cm_db_prepare (db,
                            "INSERT INTO stream_categories (stream_id, category)"
                            " VALUES ((SELECT id FROM streams WHERE code = ?1 AND year = 2010), ?2)",
                            error);
  if (category == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (streams); i++)
    {
      const DemoStream *stream = &streams[i];
      g_auto(GStrv) categories = NULL;

      sqlite3_bind_text (stmt, 1, stream->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, stream->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, stream->funder, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, stream->allocation_pence);
      sqlite3_bind_int (stmt, 5, stream->ring_fenced ? 1 : 0);
      if (stream->expiry != NULL)
        sqlite3_bind_text (stmt, 6, stream->expiry, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 6);
      sqlite3_bind_int (stmt, 7, stream->min_pvi_bp);
      sqlite3_bind_text (stmt, 8, stream->return_kind, -1, SQLITE_STATIC);

      if (!cm_db_step_done (db, stmt, error))
        {
          g_prefix_error (error, _("Could not add the funding stream “%s”: "), stream->code);
          return FALSE;
        }

      if (stream->categories == NULL)
        continue;

      categories = g_strsplit (stream->categories, ";", -1);
      for (guint c = 0; categories[c] != NULL; c++)
        {
          sqlite3_bind_text (category, 1, stream->code, -1, SQLITE_STATIC);
          sqlite3_bind_text (category, 2, categories[c], -1, SQLITE_STATIC);
          if (!cm_db_step_done (db, category, error))
            {
              g_prefix_error (error, _("Could not add the funding stream “%s”: "), stream->code);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
load_commissions (CmDb    *db,
                  GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* An unknown competency code yields -1, which the foreign key refuses. */
  stmt = cm_db_prepare (db,
                        "INSERT INTO commissions (code, title, competency_id, year, half, provider, status,"
                        "                         events, half_days, places, fee_per_event_pence,"
                        "                         venue_per_day_pence, cost_per_place_pence,"
                        "                         materials_per_place_pence, pvi_places)"
                        " VALUES (?1, ?2, CASE WHEN ?3 IS NULL THEN NULL"
                        "                  ELSE coalesce ((SELECT id FROM competencies WHERE code = ?3), -1) END,"
                        "         2010, ?4, ?5, ?6,"
                        "         ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (commissions); i++)
    {
      const DemoCommission *commission = &commissions[i];

      sqlite3_bind_text (stmt, 1, commission->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, commission->title, -1, SQLITE_STATIC);
      if (commission->competency != NULL)
        sqlite3_bind_text (stmt, 3, commission->competency, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int (stmt, 4, commission->half);
      sqlite3_bind_text (stmt, 5, commission->provider, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, commission->status, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 7, commission->events);
      sqlite3_bind_int (stmt, 8, commission->half_days);
      sqlite3_bind_int (stmt, 9, commission->places);
      sqlite3_bind_int64 (stmt, 10, commission->fee_pence);
      sqlite3_bind_int64 (stmt, 11, commission->venue_pence);
      sqlite3_bind_int64 (stmt, 12, commission->cost_pence);
      sqlite3_bind_int64 (stmt, 13, commission->materials_pence);
      sqlite3_bind_int (stmt, 14, commission->pvi_places);

      if (!cm_db_step_done (db, stmt, error))
        {
          g_prefix_error (error, _("Could not add the commission “%s”: "), commission->code);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load_splits (CmDb    *db,
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Unknown codes yield -1, which the foreign keys refuse. A stream is
   * the one of the commission's year, as in a CSV file. */
  stmt = cm_db_prepare (db,
                        "INSERT INTO splits (commission_id, stream_id, percent_bp, amount_pence)"
                        " VALUES (coalesce ((SELECT id FROM commissions WHERE code = ?1), -1),"
                        "         coalesce ((SELECT s.id FROM streams s JOIN commissions c"
                        "                    ON c.code = ?1 AND s.year = c.year WHERE s.code = ?2), -1), ?3, ?4)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (splits); i++)
    {
      const DemoSplit *split = &splits[i];

      sqlite3_bind_text (stmt, 1, split->commission, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, split->stream, -1, SQLITE_STATIC);
      if (split->percent_bp >= 0)
        {
          sqlite3_bind_int (stmt, 3, split->percent_bp);
          sqlite3_bind_null (stmt, 4);
        }
      else
        {
          sqlite3_bind_null (stmt, 3);
          sqlite3_bind_int64 (stmt, 4, split->amount_pence);
        }

      if (!cm_db_step_done (db, stmt, error))
        {
          g_prefix_error (error, _("Could not add the split of “%s” onto “%s”: "), split->commission, split->stream);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load_spend (CmDb    *db,
            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Unknown codes yield -1, which the foreign keys refuse. A stream is
   * the one of the financial year of the date, as in a CSV file. */
  stmt = cm_db_prepare (db,
                        "INSERT INTO transactions (date, amount_pence, commission_id, stream_id,"
                        "                          supplier, reference, kind)"
                        " VALUES (?1, ?2,"
                        "         CASE WHEN ?3 IS NULL THEN NULL"
                        "              ELSE coalesce ((SELECT id FROM commissions WHERE code = ?3), -1) END,"
                        "         CASE WHEN ?4 IS NULL THEN NULL"
                        "              ELSE coalesce ((SELECT id FROM streams WHERE code = ?4 AND year ="
                        "                              CAST (strftime ('%Y', date (?1, '-3 months')) AS INTEGER)), -1) END,"
                        "         ?5, ?6, ?7)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (spend); i++)
    {
      const DemoSpend *line = &spend[i];

      sqlite3_bind_text (stmt, 1, line->date, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, line->amount_pence);
      if (line->commission != NULL)
        sqlite3_bind_text (stmt, 3, line->commission, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 3);
      if (line->stream != NULL)
        sqlite3_bind_text (stmt, 4, line->stream, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_text (stmt, 5, line->supplier, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, line->reference, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, line->kind, -1, SQLITE_STATIC);

      if (!cm_db_step_done (db, stmt, error))
        {
          g_prefix_error (error, _("Could not add the transaction “%s”: "), line->reference);
          return FALSE;
        }
    }

  return TRUE;
}

/*
 * The evaluation tracker's example data: about 600 learners, an event
 * for each run of the delivered and contracted commissions, bookings
 * with about one in ten places not taken up, feedback from most
 * attendees, and follow-ups, some done and some overdue. It is drawn
 * from a generator with a fixed seed, so it is the same every time.
 */

#define DEMO_SEED 20100401

/* Westminster's charge for places not taken up: partner agencies pay,
 * council services and schools do not. */
static const char demo_charge_policy[] =
  "enabled=1;half_day_pence=5000;full_day_pence=9000;kinds=health,police,private,voluntary,independent";

static const char * const venues[] = {
  "Council House, Marylebone Road",
  "Church Street Children's Centre",
  "Lisson Grove Training Suite",
  "Paddington Green Family Hub",
};

static const char * const comments[] = {
  "Uses the checklist in supervision",
  "Shared the learning with the team",
  "Has changed how referrals are written",
  "Not yet had the chance to apply it",
  "Applies it in every home visit",
};

typedef struct
{
  const char *commission;
  const char *outcome;
} DemoOutcome;

static const DemoOutcome outcomes[] = {
  { "LSCB-A-H1", "Referrals from partner agencies to children's social care were better evidenced: the MASH returned fewer for more information in the second half of the year." },
  { "IW-CAF-H1", "CAFs started by schools and health visitors rose from 41 to 67 between the first and second half of 2010/11." },
  { "DH-EYFS", "Two PVI nurseries inspected after the course moved from satisfactory to good." },
};

/* The event that had more requests than places: its waiting list stays. */
#define DEMO_WAITLIST_EVENT "LSCB-B-H1-E1"
#define DEMO_WAITLIST_EXTRA 4

static gboolean
load_learners (CmDb    *db,
               GError **error)
{
  g_autoptr(sqlite3_stmt) groups = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  guint n = 0;
  int rc;

  if (!(groups = cm_db_prepare (db, "SELECT id, organisation_id, headcount FROM staff_groups ORDER BY id", error)) ||
      !(insert = cm_db_prepare (db, "INSERT INTO learners (ref, organisation_id, staff_group_id) VALUES (?1, ?2, ?3)", error)))
    return FALSE;

  while ((rc = sqlite3_step (groups)) == SQLITE_ROW)
    {
      /* Nearly a third of each group's headcount: 600 of 1,900. */
      gint64 count = (sqlite3_column_int64 (groups, 2) * 6 + 9) / 19;

      for (gint64 i = 0; i < count; i++)
        {
          g_autofree char *ref = g_strdup_printf ("WL%04u", ++n);

          sqlite3_bind_text (insert, 1, ref, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (insert, 2, sqlite3_column_int64 (groups, 1));
          sqlite3_bind_int64 (insert, 3, sqlite3_column_int64 (groups, 0));
          if (!cm_db_step_done (db, insert, error))
            return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  return TRUE;
}

/* The learners a commission draws on: the staff groups that need its
 * competency, or everyone for the LSCB's multi-agency programme. */
static GArray *
candidates_for (CmDb        *db,
                const char  *code,
                gint64       competency_id,
                GRand       *rand,
                GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean everyone = g_str_has_prefix (code, "LSCB-") || competency_id == 0;
  int rc;

  if (!(stmt = cm_db_prepare (db,
                              "SELECT l.id FROM learners l"
                              " WHERE ?1 OR l.staff_group_id IN (SELECT staff_group_id FROM requirements"
                              "                                   WHERE competency_id = ?2)"
                              " ORDER BY l.id",
                              error)))
    return NULL;

  sqlite3_bind_int (stmt, 1, everyone);
  sqlite3_bind_int64 (stmt, 2, competency_id);
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

  /* Too few who need it: anyone may come. */
  if (ids->len < 40 && !everyone)
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      g_array_set_size (ids, 0);
      return candidates_for (db, "LSCB-", 0, rand, error);
    }

  for (guint i = ids->len; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      gint64 swap = g_array_index (ids, gint64, i - 1);

      g_array_index (ids, gint64, i - 1) = g_array_index (ids, gint64, j);
      g_array_index (ids, gint64, j) = swap;
    }

  return g_steal_pointer (&ids);
}

static const char *
random_status (GRand *rand)
{
  int r = g_rand_int_range (rand, 0, 100);

  if (r < 84)
    return "attended";
  if (r < 91)
    return "dna";
  if (r < 94)
    return "late-cancel";
  return "cancelled";
}

typedef struct
{
  sqlite3_stmt *event;
  sqlite3_stmt *booking;
  sqlite3_stmt *feedback;
  sqlite3_stmt *followup;
} DemoStatements;

static void
demo_statements_clear (DemoStatements *st)
{
  g_clear_pointer (&st->event, sqlite3_finalize);
  g_clear_pointer (&st->booking, sqlite3_finalize);
  g_clear_pointer (&st->feedback, sqlite3_finalize);
  g_clear_pointer (&st->followup, sqlite3_finalize);
}

static gboolean
add_feedback (CmDb            *db,
              DemoStatements  *st,
              gint64           event_id,
              gint64           learner_id,
              GRand           *rand,
              GError         **error)
{
  int before = g_rand_int_range (rand, 1, 4);
  int after = g_rand_int_range (rand, 0, 10) == 0 ? before : MIN (5, before + g_rand_int_range (rand, 1, 3));

  sqlite3_bind_int64 (st->feedback, 1, event_id);
  if (learner_id != 0)
    sqlite3_bind_int64 (st->feedback, 2, learner_id);
  else
    sqlite3_bind_null (st->feedback, 2);
  sqlite3_bind_int (st->feedback, 3, g_rand_int_range (rand, 3, 6));
  sqlite3_bind_int (st->feedback, 4, g_rand_int_range (rand, 3, 6));
  sqlite3_bind_int (st->feedback, 5, g_rand_int_range (rand, 2, 6));
  sqlite3_bind_int (st->feedback, 6, g_rand_int_range (rand, 3, 6));
  sqlite3_bind_int (st->feedback, 7, before);
  sqlite3_bind_int (st->feedback, 8, after);
  return cm_db_step_done (db, st->feedback, error);
}

/* Attendance, feedback and follow-up of one booking. */
static gboolean
add_booking (CmDb            *db,
             DemoStatements  *st,
             gint64           event_id,
             const GDate     *date,
             gint64           learner_id,
             const char      *status,
             GRand           *rand,
             GError         **error)
{
  sqlite3_bind_int64 (st->booking, 1, event_id);
  sqlite3_bind_int64 (st->booking, 2, learner_id);
  sqlite3_bind_text (st->booking, 3, status, -1, SQLITE_STATIC);
  if (!cm_db_step_done (db, st->booking, error))
    return FALSE;

  if (!g_str_equal (status, "attended"))
    return TRUE;

  /* Four in five attendees hand in a form. */
  if (g_rand_int_range (rand, 0, 5) != 0 &&
      !add_feedback (db, st, event_id, learner_id, rand, error))
    return FALSE;

  /* Two in three of the first months' attendees have been followed up;
   * the rest are overdue. */
  if (g_date_get_month (date) >= G_DATE_APRIL && g_date_get_month (date) <= G_DATE_NOVEMBER &&
      g_rand_int_range (rand, 0, 3) != 0)
    {
      GDate done = *date;
      g_autofree char *iso = NULL;

      g_date_add_days (&done, 7 * CM_EVALUATION_DEFAULT_FOLLOWUP_WEEKS + (guint) g_rand_int_range (rand, 0, 21));
      iso = cm_fiscal_format_iso (&done);
      sqlite3_bind_int64 (st->followup, 1, event_id);
      sqlite3_bind_int64 (st->followup, 2, learner_id);
      sqlite3_bind_text (st->followup, 3, iso, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (st->followup, 4, g_rand_int_range (rand, 0, 10) < 2 ? 1 : g_rand_int_range (rand, 2, 4));
      sqlite3_bind_text (st->followup, 5, comments[g_rand_int_range (rand, 0, G_N_ELEMENTS (comments))], -1, SQLITE_STATIC);
      if (!cm_db_step_done (db, st->followup, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_event (CmDb            *db,
            DemoStatements  *st,
            const char      *commission_code,
            gint64           commission_id,
            int              k,
            int              n_events,
            int              half,
            int              places,
            GArray          *candidates,
            guint           *next,
            GRand           *rand,
            GError         **error)
{
  g_autofree char *code = g_strdup_printf ("%s-E%d", commission_code, k + 1);
  g_autofree char *iso = NULL;
  gboolean waitlist = g_str_equal (code, DEMO_WAITLIST_EVENT);
  GDate date;
  gint64 event_id;
  int booked;
  int promoted = 0;

  /* Spread over the cycle's months, on weekdays. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, half == 1 ? G_DATE_APRIL : G_DATE_OCTOBER, 2010);
  g_date_add_days (&date, 10 + (guint) (k * 160 / MAX (1, n_events)));
  while (g_date_get_weekday (&date) == G_DATE_SATURDAY || g_date_get_weekday (&date) == G_DATE_SUNDAY)
    g_date_add_days (&date, 1);
  iso = cm_fiscal_format_iso (&date);

  sqlite3_bind_text (st->event, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st->event, 2, commission_id);
  sqlite3_bind_text (st->event, 3, iso, -1, SQLITE_STATIC);
  sqlite3_bind_text (st->event, 4, venues[(guint) k % G_N_ELEMENTS (venues)], -1, SQLITE_STATIC);
  sqlite3_bind_int (st->event, 5, places);
  if (!cm_db_step_done (db, st->event, error))
    return FALSE;
  event_id = sqlite3_last_insert_rowid (cm_db_get_handle (db));

  /* Most courses are nearly full; the waiting list one is over-full. */
  booked = waitlist ? places + DEMO_WAITLIST_EXTRA : places - g_rand_int_range (rand, 0, places / 5 + 1);

  for (int i = 0; i < booked && *next < candidates->len; i++)
    {
      gint64 learner_id = g_array_index (candidates, gint64, (*next)++);
      const char *status;

      if (i < places)
        status = random_status (rand);
      else if (promoted > 0)
        {
          /* Given a place someone cancelled. */
          promoted--;
          status = "attended";
        }
      else
        status = "waitlist";

      if (waitlist && (g_str_equal (status, "cancelled") || g_str_equal (status, "late-cancel")))
        promoted++;

      if (!add_booking (db, st, event_id, &date, learner_id, status, rand, error))
        return FALSE;
    }

  /* Some forms come back without a name. */
  if (g_str_has_prefix (commission_code, "LSCB-") &&
      !add_feedback (db, st, event_id, 0, rand, error))
    return FALSE;

  return TRUE;
}

static gboolean
load_evaluation (CmDb    *db,
                 GError **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEMO_SEED);
  g_autoptr(sqlite3_stmt) commissions_stmt = NULL;
  g_autoptr(sqlite3_stmt) outcome = NULL;
  g_autoptr(sqlite3_stmt) setting = NULL;
  g_autoptr(CmChargeSync) sync = NULL;
  DemoStatements st = { NULL };
  gboolean ok = FALSE;
  int rc;

  if (!load_learners (db, error))
    return FALSE;

  if (!(st.event = cm_db_prepare (db, "INSERT INTO events (code, commission_id, date, venue, places) VALUES (?1, ?2, ?3, ?4, ?5)", error)) ||
      !(st.booking = cm_db_prepare (db, "INSERT INTO bookings (event_id, learner_id, status) VALUES (?1, ?2, ?3)", error)) ||
      !(st.feedback = cm_db_prepare (db,
                                     "INSERT INTO feedback (event_id, learner_id, content, trainer, venue, relevance,"
                                     "                      confidence_before, confidence_after)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                     error)) ||
      !(st.followup = cm_db_prepare (db,
                                     "INSERT INTO followups (event_id, learner_id, date, applied, comment)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5)",
                                     error)) ||
      /* E-learning licences and posts are not events. */
      !(commissions_stmt = cm_db_prepare (db,
                                          "SELECT id, code, coalesce (competency_id, 0), half, events, places"
                                          "  FROM commissions"
                                          " WHERE status IN ('delivered', 'contracted')"
                                          "   AND events > 0 AND half_days > 0 AND places BETWEEN 1 AND 100"
                                          " ORDER BY code",
                                          error)))
    goto out;

  while ((rc = sqlite3_step (commissions_stmt)) == SQLITE_ROW)
    {
      g_autofree char *code = g_strdup ((const char *) sqlite3_column_text (commissions_stmt, 1));
      gint64 id = sqlite3_column_int64 (commissions_stmt, 0);
      int n_events = sqlite3_column_int (commissions_stmt, 4);
      g_autoptr(GArray) candidates = NULL;
      guint next = 0;

      if (!(candidates = candidates_for (db, code, sqlite3_column_int64 (commissions_stmt, 2), rand, error)))
        goto out;

      for (int k = 0; k < n_events; k++)
        if (!load_event (db, &st, code, id, k, n_events, sqlite3_column_int (commissions_stmt, 3),
                         sqlite3_column_int (commissions_stmt, 5), candidates, &next, rand, error))
          goto out;
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      goto out;
    }

  if (!(outcome = cm_db_prepare (db, "UPDATE commissions SET outcome = ?2 WHERE code = ?1", error)))
    goto out;
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      sqlite3_bind_text (outcome, 1, outcomes[i].commission, -1, SQLITE_STATIC);
      sqlite3_bind_text (outcome, 2, outcomes[i].outcome, -1, SQLITE_STATIC);
      if (!cm_db_step_done (db, outcome, error))
        goto out;
    }

  if (!(setting = cm_db_prepare (db, "INSERT INTO settings (key, value) VALUES (?1, ?2)", error)))
    goto out;
  sqlite3_bind_text (setting, 1, CM_EVALUATION_SETTING_CHARGES, -1, SQLITE_STATIC);
  sqlite3_bind_text (setting, 2, demo_charge_policy, -1, SQLITE_STATIC);
  if (!cm_db_step_done (db, setting, error))
    goto out;

  /* The charges the policy raises for the places not taken up. */
  if (!(sync = cm_charge_sync_new (db, error)) ||
      !cm_charge_sync_all (sync, error))
    goto out;

  ok = TRUE;

out:
  demo_statements_clear (&st);
  return ok;
}

typedef gboolean (*DemoLoader) (CmDb    *db,
                                GError **error);

/* In dependency order: each kind may refer to the ones before it. */
static const DemoLoader loaders[] = {
  load_organisations,
  load_staff_groups,
  load_requirements,
  load_streams,
  load_commissions,
  load_splits,
  load_spend,
  load_evaluation,
};

/**
 * cm_demo_load:
 * @db: a #CmDb
 * @error: return location for a #GError
 *
 * Installs the default competency catalogue, then loads the example data
 * in one transaction: all of it or none. A database that already holds
 * anything beyond the default catalogue is refused with
 * %CM_DEMO_ERROR_NOT_EMPTY and left unchanged.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_demo_load (CmDb    *db,
              GError **error)
{
  gboolean has_data = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_catalogue_install (db, error))
    return FALSE;

  /* Check inside the write transaction so nobody can add data in between. */
  if (!cm_db_begin (db, error))
    return FALSE;

  if (!cm_db_has_user_data (db, &has_data, error))
    goto failed;

  if (has_data)
    {
      g_set_error_literal (error, CM_DEMO_ERROR, CM_DEMO_ERROR_NOT_EMPTY,
                           _("The database already holds data; example data can only be loaded into an empty database"));
      goto failed;
    }

  for (guint i = 0; i < G_N_ELEMENTS (loaders); i++)
    if (!loaders[i] (db, error))
      goto failed;

  /* Everything but the settings is new. */
  for (CmChangeKind kind = CM_CHANGE_WORKFORCE; kind <= CM_CHANGE_EVALUATION; kind <<= 1)
    if (kind != CM_CHANGE_SETTINGS)
      cm_db_announce (db, kind, 0, 0, 0);

  return cm_db_commit (db, error);

failed:
  cm_db_rollback (db);
  return FALSE;
}
