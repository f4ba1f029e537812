/* cm-demo.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-demo"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-catalogue.h"
#include "cm-demo.h"

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

typedef gboolean (*DemoLoader) (CmDb    *db,
                                GError **error);

/* In dependency order: each kind may refer to the ones before it. */
static const DemoLoader loaders[] = {
  load_organisations,
  load_staff_groups,
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

  return cm_db_commit (db, error);

failed:
  cm_db_rollback (db);
  return FALSE;
}
