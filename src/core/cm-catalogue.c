/* cm-catalogue.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-catalogue"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-db-private.h"
#include "cm-catalogue.h"

typedef struct
{
  const char *code;
  const char *name;
  const char *category;
  gboolean    mandatory;
  int         refresh_months;   /* 0: never expires */
  int         risk;             /* 1..3 */
  int         strategic;        /* 0..2 */
  int         half_days;        /* per event */
  int         capacity;         /* places per event */
} CatalogueEntry;

/*
 * The default competencies, named as the local children's workforce
 * strategies name them: the LSCB multi-agency safeguarding programme, the
 * six areas of the Common Core, the integrated working tools, the
 * qualifications and management programmes the strategies fund, and the
 * practice programmes they single out.
 *
 * Codes are stable: imports, exports and the command line refer to them.
 * Add entries freely; never change or reuse a code.
 *
 * Single courses run one day (2 half days) for 20 to 25 people; a
 * qualification "event" is a cohort of 12 with its taught days.
 */
static const CatalogueEntry entries[] = {
  /* code          name                                                                   category              mand refresh risk strat hd  cap */
  { "SG-A",        N_("Safeguarding children Level A: child protection awareness"),       "safeguarding",       TRUE,  36, 3, 2,   1,  25 },
  { "SG-B",        N_("Safeguarding children Level B: working together across agencies"), "safeguarding",       TRUE,  36, 3, 2,   4,  20 },
  { "SG-CSA",      N_("Child sexual abuse"),                                              "safeguarding",       FALSE,  0, 3, 1,   2,  20 },
  { "SG-RISK",     N_("Risk assessment in child protection"),                             "safeguarding",       FALSE,  0, 3, 1,   2,  20 },
  { "SG-CSE",      N_("Sexual exploitation of children and young people"),                "safeguarding",       FALSE,  0, 3, 1,   2,  20 },
  { "SG-SAFER",    N_("Safer recruitment"),                                               "safeguarding",       TRUE,  60, 3, 1,   2,  20 },
  { "SG-SUPV",     N_("Supervision for managers in child protection"),                    "safeguarding",       FALSE,  0, 3, 2,   4,  16 },
  { "SG-HARM",     N_("Assessing risk of harm in youth justice"),                         "safeguarding",       FALSE,  0, 3, 1,   2,  16 },
  { "SG-HS",       N_("Health and safety in children's settings"),                        "safeguarding",       TRUE,  36, 2, 0,   2,  20 },

  { "CC-COMM",     N_("Effective communication and engagement with children, young people and families"), "common-core", TRUE, 0, 2, 2, 1, 25 },
  { "CC-DEV",      N_("Child and young person development"),                              "common-core",        TRUE,   0, 2, 2,   1,  25 },
  { "CC-WELF",     N_("Safeguarding and promoting the welfare of the child or young person"), "common-core",    TRUE,   0, 3, 2,   1,  25 },
  { "CC-TRANS",    N_("Supporting transitions"),                                          "common-core",        TRUE,   0, 1, 2,   1,  25 },
  { "CC-MULTI",    N_("Multi-agency and integrated working"),                             "common-core",        TRUE,   0, 2, 2,   1,  25 },
  { "CC-INFO",     N_("Information sharing"),                                             "common-core",        TRUE,   0, 2, 2,   1,  25 },

  { "IW-CAF",      N_("Common Assessment Framework (CAF and eCAF)"),                      "integrated-working", FALSE,  0, 2, 2,   2,  20 },
  { "IW-LP",       N_("Lead Professional role"),                                          "integrated-working", FALSE,  0, 2, 2,   1,  20 },
  { "IW-TAC",      N_("Team Around the Child and Team Around the School"),                "integrated-working", FALSE,  0, 1, 2,   1,  20 },
  { "IW-INFO",     N_("Information sharing guidance for practitioners and managers"),     "integrated-working", FALSE,  0, 2, 2,   1,  25 },
  { "IW-IND",      N_("Children's Trust multi-agency induction"),                         "integrated-working", TRUE,   0, 1, 2,   2,  25 },
  { "IW-THINK",    N_("Think Family: working with the whole family"),                     "integrated-working", FALSE,  0, 2, 2,   2,  20 },
  { "IW-FSP",      N_("Family Support Panels and locality working"),                      "integrated-working", FALSE,  0, 1, 1,   1,  20 },
  { "IW-ECM",      N_("Every Child Matters outcomes in practice"),                        "integrated-working", FALSE,  0, 1, 1,   1,  25 },

  { "Q-NVQ2",      N_("NVQ Level 2 Children's Care, Learning and Development"),           "qualification",      FALSE,  0, 1, 1,  16,  12 },
  { "Q-NVQ3",      N_("NVQ/QCF Level 3 Children and Young People's Workforce"),           "qualification",      TRUE,   0, 2, 2,  24,  12 },
  { "Q-FD",        N_("Foundation degree in early years"),                                "qualification",      FALSE,  0, 1, 1,  60,  12 },
  { "Q-EYPS",      N_("Early Years Professional Status (EYPS)"),                          "qualification",      FALSE,  0, 1, 2,  20,  12 },
  { "Q-HLTA",      N_("Higher Level Teaching Assistant status (HLTA)"),                   "qualification",      FALSE,  0, 1, 1,   6,  12 },
  { "Q-PLAY3",     N_("Level 3 qualification in playwork"),                               "qualification",      FALSE,  0, 1, 1,  16,  12 },
  { "Q-TSD",       N_("Training, Support and Development Standards for foster carers"),   "qualification",      TRUE,   0, 2, 1,   6,  12 },
  { "Q-STEPUP",    N_("Step Up to Social Work"),                                          "qualification",      FALSE,  0, 1, 2, 120,  12 },
  { "Q-NQSW",      N_("Newly Qualified Social Worker programme"),                         "qualification",      FALSE,  0, 2, 2,  12,  12 },
  { "Q-PQ",        N_("Post-qualifying award in social work (PQ)"),                       "qualification",      FALSE,  0, 2, 2,  30,  12 },
  { "Q-PRAC",      N_("Practice educator award"),                                         "qualification",      FALSE,  0, 1, 2,  12,  12 },
  { "Q-YJ",        N_("Professional Certificate in Effective Practice (Youth Justice)"),  "qualification",      FALSE,  0, 2, 1,  20,  12 },
  { "Q-ASSESS",    N_("NVQ assessor award"),                                              "qualification",      FALSE,  0, 1, 1,   8,  12 },

  { "M-CMI4",      N_("CMI Introductory Diploma in Management (Level 4)"),                "management",         FALSE,  0, 1, 2,  16,  12 },
  { "M-CMI5",      N_("CMI Diploma in Management (Level 5)"),                             "management",         FALSE,  0, 1, 2,  24,  12 },
  { "M-NVQ4",      N_("NVQ Level 4 in Management (CMI)"),                                 "management",         FALSE,  0, 1, 1,  16,  12 },
  { "M-COMM",      N_("Postgraduate Certificate in Strategic Commissioning"),             "management",         FALSE,  0, 1, 2,  24,  12 },
  { "M-FIRST",     N_("First-line management in children's services"),                    "management",         FALSE,  0, 2, 2,   6,  16 },
  { "M-SUPV",      N_("Supervision skills for managers and supervisees"),                 "management",         FALSE,  0, 2, 2,   4,  16 },
  { "M-NEW",       N_("Support for new and newly qualified managers"),                    "management",         FALSE,  0, 1, 1,   2,  16 },
  { "M-YOUTH",     N_("Youth Workforce Management Development programme"),                "management",         FALSE,  0, 1, 1,  10,  17 },
  { "M-PERF",      N_("Performance management and appraisal"),                            "management",         FALSE,  0, 1, 1,   1,  16 },
  { "M-CHANGE",    N_("Leading change: management master class"),                         "management",         FALSE,  0, 1, 1,   1,  20 },

  { "P-TRIPLEP",   N_("Triple P Positive Parenting Programme"),                           "practice",           FALSE,  0, 2, 2,   6,  20 },
  { "P-EYFS",      N_("Early Years Foundation Stage in practice"),                        "practice",           FALSE,  0, 2, 1,   2,  25 },
  { "P-SLCN",      N_("Speech, language and communication needs"),                        "practice",           FALSE,  0, 1, 1,   2,  20 },
  { "P-CAMH",      N_("Child and adolescent mental health awareness"),                    "practice",           FALSE,  0, 2, 1,   2,  20 },
  { "P-DISAB",     N_("Disability awareness and Aiming High for Disabled Children"),      "practice",           FALSE,  0, 1, 1,   2,  20 },
  { "P-EQUAL",     N_("Equality and diversity"),                                          "practice",           TRUE,  36, 1, 1,   1,  25 },
  { "P-PART",      N_("Involving children, young people and carers in services and recruitment"), "practice",   FALSE,  0, 1, 1,   1,  20 },
  { "P-HCP",       N_("Healthy Child Programme"),                                         "practice",           FALSE,  0, 1, 1,   2,  20 },
};

/**
 * cm_catalogue_get_n_entries:
 *
 * Returns: how many competencies the default catalogue ships
 */
guint
cm_catalogue_get_n_entries (void)
{
  return G_N_ELEMENTS (entries);
}

/**
 * cm_catalogue_install:
 * @db: a #CmDb
 * @error: return location for a #GError
 *
 * Adds the default competencies that @db does not hold yet, marked as
 * defaults, in one transaction. A competency whose code already exists is
 * left exactly as it is, so the user's edits survive; calling this again is
 * harmless. Names are stored translated into the current language; codes
 * never are. Must not be called inside an open transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_catalogue_install (CmDb    *db,
                      GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_db_begin (db, error))
    return FALSE;

  stmt = cm_db_prepare (db,
                        "INSERT INTO competencies (code, name, category, mandatory, refresh_months,"
                        "                          risk, strategic, half_days, capacity, is_default)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1)"
                        " ON CONFLICT (code) DO NOTHING",
                        error);
  if (stmt == NULL)
    goto failed;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      const CatalogueEntry *entry = &entries[i];

      sqlite3_bind_text (stmt, 1, entry->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, _(entry->name), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, entry->category, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, entry->mandatory ? 1 : 0);
      sqlite3_bind_int (stmt, 5, entry->refresh_months);
      sqlite3_bind_int (stmt, 6, entry->risk);
      sqlite3_bind_int (stmt, 7, entry->strategic);
      sqlite3_bind_int (stmt, 8, entry->half_days);
      sqlite3_bind_int (stmt, 9, entry->capacity);

      if (!cm_db_step_done (db, stmt, error))
        {
          g_prefix_error (error, _("Could not add the competency “%s”: "), entry->code);
          goto failed;
        }
      if (sqlite3_changes (cm_db_get_handle (db)) > 0)
        cm_db_announce (db, CM_CHANGE_CATALOGUE, 0, 0, 0);
    }

  return cm_db_commit (db, error);

failed:
  cm_db_rollback (db);
  return FALSE;
}
