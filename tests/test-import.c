/* test-import.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cm-budget.h"
#include "cm-db-private.h"
#include "cm-db.h"
#include "cm-evaluation.h"
#include "cm-import.h"
#include "cm-import-private.h"

#include "cm-test-util.h"

typedef struct
{
  char *dir;
  CmDb *db;
} Fixture;


static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("cm-test-import-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (f->dir, "test.db", NULL);
  f->db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->db);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  cm_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}



static void
exec (CmDb       *db,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

/* Imports @csv as the file "bad.csv". */
static gboolean
import (CmDb            *db,
        const char      *kind,
        const char      *csv,
        gboolean         dry_run,
        CmImportResult  *result,
        GError         **error)
{
  return cm_import_data (db, kind, "bad.csv", csv, strlen (csv), dry_run, result, NULL, error);
}

static void
import_ok (CmDb       *db,
           const char *kind,
           const char *csv,
           guint       rows,
           guint       inserted,
           guint       updated)
{
  g_autoptr(GError) error = NULL;
  CmImportResult result = { 99, 99, 99 };

  g_assert_true (import (db, kind, csv, FALSE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.rows, ==, rows);
  g_assert_cmpuint (result.inserted, ==, inserted);
  g_assert_cmpuint (result.updated, ==, updated);
  /* Every other row was already stored exactly so. */
  g_assert_cmpuint (result.unchanged, ==, rows - inserted - updated);
  cm_import_result_clear (&result);
}

static void
import_fails (CmDb          *db,
              const char    *kind,
              const char    *csv,
              CmImportError  code,
              const char    *message)
{
  g_autoptr(GError) error = NULL;
  CmImportResult result = { 99, 99, 99 };

  g_assert_false (import (db, kind, csv, FALSE, &result, &error));
  g_assert_error (error, CM_IMPORT_ERROR, (int) code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (result.rows, ==, 0);
  g_assert_cmpuint (result.inserted, ==, 0);
  g_assert_cmpuint (result.updated, ==, 0);
}

static const char organisations_csv[] =
  "name,kind\n"
  "Westminster City Council,statutory\n"
  "Central London Community Healthcare,health\n"
  "Little Acorns Nursery,private\n";

static void
add_organisations (Fixture *f)
{
  import_ok (f->db, "organisations", organisations_csv, 3, 3, 0);
}

static void
test_import_kinds (void)
{
  const char * const *kinds = cm_import_kinds ();

  /* Later kinds are appended after the first three. */
  g_assert_cmpuint (g_strv_length ((char **) kinds), >=, 4);
  g_assert_true (g_strv_contains (kinds, "requirements"));
  g_assert_cmpstr (kinds[0], ==, "organisations");
  g_assert_cmpstr (kinds[1], ==, "staff-groups");
  g_assert_cmpstr (kinds[2], ==, "competencies");
}

static void
test_import_organisations (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *rows = NULL;

  import_ok (f->db, "organisations",
             "name,kind\n"
             "Westminster City Council,statutory\n"
             "\"Barnardo's, London\",Voluntary\n"
             "  Little Acorns Nursery  , PRIVATE \n",
             3, 3, 0);

  rows = cm_test_query_text (f->db,
                     "SELECT group_concat(name || '=' || kind, ';')"
                     " FROM (SELECT * FROM organisations ORDER BY id)");
  g_assert_cmpstr (rows, ==,
                   "Westminster City Council=statutory;"
                   "Barnardo's, London=voluntary;"
                   "Little Acorns Nursery=private");
}

static void
test_import_staff_groups (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *rows = NULL;

  add_organisations (f);
  import_ok (f->db, "staff-groups",
             "name,organisation,sector,headcount,turnover_percent\n"
             "\"Nursery practitioners, PVI settings\",Little Acorns Nursery,early-years,420,11\n"
             "Social workers,Westminster City Council,Social care,185,12.5\n"
             "Health visitors,Central London Community Healthcare,health,0,7%\n"
             "School nurses,Central London Community Healthcare,health,100000,0.25\n",
             4, 4, 0);

  rows = cm_test_query_text (f->db,
                     "SELECT group_concat(row, ';') FROM ("
                     " SELECT s.name || '|' || o.name || '|' || s.sector || '|' ||"
                     "        s.headcount || '|' || s.turnover_bp AS row"
                     " FROM staff_groups s JOIN organisations o ON o.id = s.organisation_id"
                     " ORDER BY s.id)");
  g_assert_cmpstr (rows, ==,
                   "Nursery practitioners, PVI settings|Little Acorns Nursery|early-years|420|1100;"
                   "Social workers|Westminster City Council|social-care|185|1250;"
                   "Health visitors|Central London Community Healthcare|health|0|700;"
                   "School nurses|Central London Community Healthcare|health|100000|25");
}

static const char competencies_csv[] =
  "code,name,category,mandatory,refresh_months,risk,strategic,days,capacity\n"
  "SG-A,Safeguarding Level A,safeguarding,yes,36,3,2,0.5,30\n"
  "CC-1,Effective communication,Common Core,N,0,1,1,1,20\n"
  "CAF,Common Assessment Framework,integrated-working,TRUE,24,2,2,1.5,16\n"
  "NVQ3,NVQ Level 3,qualification,0,0,1,0,200,12\n";

static void
test_import_competencies (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *rows = NULL;

  import_ok (f->db, "competencies", competencies_csv, 4, 4, 0);

  rows = cm_test_query_text (f->db,
                     "SELECT group_concat(row, ';') FROM ("
                     " SELECT code || '|' || name || '|' || category || '|' || mandatory || '|' ||"
                     "        refresh_months || '|' || risk || '|' || strategic || '|' ||"
                     "        half_days || '|' || capacity || '|' || is_default AS row"
                     " FROM competencies ORDER BY id)");
  g_assert_cmpstr (rows, ==,
                   "SG-A|Safeguarding Level A|safeguarding|1|36|3|2|1|30|0;"
                   "CC-1|Effective communication|common-core|0|0|1|1|2|20|0;"
                   "CAF|Common Assessment Framework|integrated-working|1|24|2|2|3|16|0;"
                   "NVQ3|NVQ Level 3|qualification|0|0|1|0|400|12|0");
}

static void
test_import_competency_bad_values (Fixture       *f,
                                   gconstpointer  data)
{
  const char *header = "code,name,category,mandatory,refresh_months,risk,strategic,days,capacity\n";
  g_autofree char *days = g_strconcat (header, "X,X,practice,no,0,1,0,1.25,10\n", NULL);
  g_autofree char *zero = g_strconcat (header, "X,X,practice,no,0,1,0,0,10\n", NULL);
  g_autofree char *risk = g_strconcat (header, "X,X,practice,no,0,4,0,1,10\n", NULL);
  g_autofree char *yes_no = g_strconcat (header, "X,X,practice,maybe,0,1,0,1,10\n", NULL);
  g_autofree char *empty = g_strconcat (header, "X,,practice,no,0,1,0,1,10\n", NULL);

  import_fails (f->db, "competencies", days, CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'days': “1.25” must be a number of days from 0.5 to 200 in steps of 0.5");
  import_fails (f->db, "competencies", zero, CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'days': “0” must be a number of days from 0.5 to 200 in steps of 0.5");
  import_fails (f->db, "competencies", risk, CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'risk': “4” must be a whole number from 1 to 3");
  import_fails (f->db, "competencies", yes_no, CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'mandatory': “maybe” must be yes or no");
  import_fails (f->db, "competencies", empty, CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'name': a value is required");
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM competencies"), ==, 0);
}

static void
test_import_competency_keeps_default (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *rows = NULL;

  exec (f->db,
        "INSERT INTO competencies (code, name, category, mandatory, is_default)"
        " VALUES ('SG-B', 'Safeguarding Level B', 'safeguarding', 1, 1)");

  import_ok (f->db, "competencies",
             "code,name,category,mandatory,refresh_months,risk,strategic,days,capacity\n"
             "SG-B,Safeguarding Level B (multi-agency),safeguarding,yes,36,3,2,2,24\n"
             "SUP,Supervision for CP managers,management,no,0,2,1,1,12\n",
             2, 1, 1);

  rows = cm_test_query_text (f->db,
                     "SELECT group_concat(row, ';') FROM ("
                     " SELECT code || '|' || name || '|' || half_days || '|' || capacity || '|' ||"
                     "        is_default AS row FROM competencies ORDER BY id)");
  g_assert_cmpstr (rows, ==,
                   "SG-B|Safeguarding Level B (multi-agency)|4|24|1;"
                   "SUP|Supervision for CP managers|2|12|0");
}

static void
test_import_reimport_updates (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *rows = NULL;

  add_organisations (f);

  /* The same file again changes nothing and says so. */
  import_ok (f->db, "organisations", organisations_csv, 3, 0, 0);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM organisations"), ==, 3);

  import_ok (f->db, "organisations",
             "name,kind\n"
             "Little Acorns Nursery,voluntary\n"
             "St Mary's Primary,school\n",
             2, 1, 1);

  rows = cm_test_query_text (f->db,
                     "SELECT group_concat(row, ';') FROM ("
                     " SELECT id || '=' || name || '=' || kind AS row FROM organisations ORDER BY id)");
  g_assert_cmpstr (rows, ==,
                   "1=Westminster City Council=statutory;"
                   "2=Central London Community Healthcare=health;"
                   "3=Little Acorns Nursery=voluntary;"
                   "4=St Mary's Primary=school");

  /* Staff groups keep their ids too, and follow a changed organisation. */
  import_ok (f->db, "staff-groups",
             "name,organisation,sector,headcount,turnover_percent\n"
             "Social workers,Westminster City Council,social-care,185,11\n",
             1, 1, 0);
  import_ok (f->db, "staff-groups",
             "name,organisation,sector,headcount,turnover_percent\n"
             "Social workers,St Mary's Primary,education,190,9.75\n",
             1, 0, 1);
  g_clear_pointer (&rows, g_free);
  rows = cm_test_query_text (f->db,
                     "SELECT group_concat(row, ';') FROM ("
                     " SELECT s.id || '|' || o.name || '|' || s.sector || '|' ||"
                     "        s.headcount || '|' || s.turnover_bp AS row"
                     " FROM staff_groups s JOIN organisations o ON o.id = s.organisation_id)");
  g_assert_cmpstr (rows, ==, "1|St Mary's Primary|education|190|975");
}

static void
test_import_header_any_order (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *rows = NULL;

  add_organisations (f);
  import_ok (f->db, "staff-groups",
             " Turnover_Percent ,SECTOR,name,  Headcount,Organisation\n"
             "11%,youth,Youth workers,64,Westminster City Council\n",
             1, 1, 0);

  rows = cm_test_query_text (f->db,
                     "SELECT name || '|' || sector || '|' || headcount || '|' || turnover_bp"
                     " FROM staff_groups");
  g_assert_cmpstr (rows, ==, "Youth workers|youth|64|1100");
}

static void
test_import_header_errors (Fixture       *f,
                           gconstpointer  data)
{
  import_fails (f->db, "staff-groups",
                "name,organisation,sector,headcnt,turnover_percent\n",
                CM_IMPORT_ERROR_HEADER,
                "bad.csv:1: column 'headcnt': unknown column "
                "(expected name, organisation, sector, headcount, turnover_percent)");

  import_fails (f->db, "staff-groups",
                "name,organisation,sector,headcount\n"
                "Social workers,Westminster City Council,social-care,185\n",
                CM_IMPORT_ERROR_HEADER,
                "bad.csv:1: column 'turnover_percent': required column is missing");

  import_fails (f->db, "organisations",
                "name,kind, Name \n",
                CM_IMPORT_ERROR_HEADER,
                "bad.csv:1: column 'Name': duplicate column (it is also column 1)");

  import_fails (f->db, "organisations", "",
                CM_IMPORT_ERROR_HEADER,
                "bad.csv:1: column 'name': the file is empty; "
                "its first line must name the columns (name, kind)");

  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM staff_groups"), ==, 0);
}

static void
test_import_unknown_organisation (Fixture       *f,
                                  gconstpointer  data)
{
  add_organisations (f);
  import_fails (f->db, "staff-groups",
                "name,organisation,sector,headcount,turnover_percent\n"
                "Social workers,Westminster City Council,social-care,185,11\n"
                "Family support workers,Nowhere Trust,family-support,40,11\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:3: column 'organisation': no organisation named “Nowhere Trust”");
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM staff_groups"), ==, 0);
}

static void
test_import_negative_headcount (Fixture       *f,
                                gconstpointer  data)
{
  add_organisations (f);
  import_fails (f->db, "staff-groups",
                "name,organisation,sector,headcount,turnover_percent\n"
                "Social workers,Westminster City Council,social-care,-4,11\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'headcount': “-4” must be a whole number from 0 to 100000");
}

static void
test_import_turnover_out_of_range (Fixture       *f,
                                   gconstpointer  data)
{
  add_organisations (f);
  import_fails (f->db, "staff-groups",
                "name,organisation,sector,headcount,turnover_percent\n"
                "Social workers,Westminster City Council,social-care,185,140\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'turnover_percent': “140” must be a percentage from 0 to 100");
  import_fails (f->db, "staff-groups",
                "name,organisation,sector,headcount,turnover_percent\n"
                "Social workers,Westminster City Council,social-care,185,12.125\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'turnover_percent': “12.125” is not a percentage "
                "such as 11, 12.5 or 11% (at most two decimals)");
}

static void
test_import_bad_sector (Fixture       *f,
                        gconstpointer  data)
{
  add_organisations (f);
  import_fails (f->db, "staff-groups",
                "name,organisation,sector,headcount,turnover_percent\n"
                "Social workers,Westminster City Council,Space,185,11\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'sector': “Space” is not a sector (expected early-years, "
                "education, social-care, health, youth, justice, sport-culture or family-support)");
}

static void
test_import_bad_last_row (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *snapshot = "SELECT count(*) || ':' || group_concat(name || '=' || kind, ';') FROM organisations";

  add_organisations (f);
  before = cm_test_query_text (f->db, snapshot);

  /* Good rows (one an update) then a bad one on the last line. */
  import_fails (f->db, "organisations",
                "name,kind\n"
                "Little Acorns Nursery,voluntary\n"
                "St Mary's Primary,school\n"
                "The Hub,charity\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:4: column 'kind': “charity” is not an organisation kind (expected "
                "statutory, health, police, school, private, voluntary or independent)");

  after = cm_test_query_text (f->db, snapshot);
  g_assert_cmpstr (before, ==, "3:Westminster City Council=statutory;"
                               "Central London Community Healthcare=health;"
                               "Little Acorns Nursery=private");
  g_assert_cmpstr (after, ==, before);
}

/* Every bad row is named, each on its own line, and nothing is written. */
static void
test_import_every_bad_row (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GString) many = g_string_new ("name,organisation,sector,headcount,turnover_percent\n");

  add_organisations (f);
  import_fails (f->db, "staff-groups",
                "name,organisation,sector,headcount,turnover_percent\n"
                "Social workers,Westminster City Council,social-care,-4,11\n"
                "Family support workers,Westminster City Council,family-support,40,11\n"
                "Youth workers,Nowhere Trust,youth,12,10\n"
                "Childminders,Westminster City Council,early-years,30,140\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'headcount': “-4” must be a whole number from 0 to 100000\n"
                "bad.csv:4: column 'organisation': no organisation named “Nowhere Trust”\n"
                "bad.csv:5: column 'turnover_percent': “140” must be a percentage from 0 to 100");
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM staff_groups"), ==, 0);

  /* 103 bad rows: the first 100 are named, the other 3 counted. */
  for (guint i = 0; i < 103; i++)
    g_string_append_printf (many, "Group %u,Westminster City Council,youth,-%u,10\n", i, i + 1);
  {
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_false (cm_import_data (f->db, "staff-groups", "many.csv", many->str, many->len,
                                    FALSE, NULL, NULL, &error));
    g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW);
    lines = g_strsplit (error->message, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 101);
    g_assert_cmpstr (lines[0], ==, "many.csv:2: column 'headcount': “-1” must be a whole number from 0 to 100000");
    g_assert_cmpstr (lines[99], ==, "many.csv:101: column 'headcount': “-100” must be a whole number from 0 to 100000");
    g_assert_cmpstr (lines[100], ==, "many.csv: 3 more rows have problems");
  }
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM staff_groups"), ==, 0);
}

static void
test_import_unterminated_quote (Fixture       *f,
                                gconstpointer  data)
{
  import_fails (f->db, "organisations",
                "name,kind\n"
                "A,school\n"
                "\"B\nwith two lines\",police\n"
                "\"C,health\n"
                "D,voluntary\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:5: column 'name': unterminated quoted field");

  /* In the second column, the error names it. */
  import_fails (f->db, "organisations",
                "name,kind\n"
                "A,\"school\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'kind': unterminated quoted field");

  /* While reading the header the kind's first column is named. */
  import_fails (f->db, "organisations",
                "name,ki\"nd\n",
                CM_IMPORT_ERROR_HEADER,
                "bad.csv:1: column 'name': a quote inside an unquoted field "
                "(put the whole field in quotes and double the quote)");

  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM organisations"), ==, 0);
}

static void
test_import_invalid_utf8 (Fixture       *f,
                          gconstpointer  data)
{
  import_fails (f->db, "organisations",
                "name,kind\n"
                "A,school\n"
                "Caf\xe9 Nursery,private\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:3: column 'name': the text is not valid UTF-8 (save the file as UTF-8)");
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM organisations"), ==, 0);
}

static void
test_import_dry_run (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CmImportResult result = { 0 };
  const char *snapshot = "SELECT count(*) || ':' || group_concat(name || '=' || kind, ';') FROM organisations";

  add_organisations (f);
  before = cm_test_query_text (f->db, snapshot);

  g_assert_true (import (f->db, "organisations",
                         "name,kind\n"
                         "Little Acorns Nursery,voluntary\n"
                         "St Mary's Primary,school\n"
                         "Police Child Abuse Investigation Team,police\n",
                         TRUE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.rows, ==, 3);
  g_assert_cmpuint (result.inserted, ==, 2);
  g_assert_cmpuint (result.updated, ==, 1);

  after = cm_test_query_text (f->db, snapshot);
  g_assert_cmpstr (after, ==, before);

  /* A dry run still finds errors, references included. */
  g_assert_false (import (f->db, "staff-groups",
                          "name,organisation,sector,headcount,turnover_percent\n"
                          "Social workers,St Mary's Primary,education,10,11\n",
                          TRUE, &result, &error));
  g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW);
  g_assert_cmpstr (error->message, ==,
                   "bad.csv:2: column 'organisation': no organisation named “St Mary's Primary”");
}

static void
test_import_duplicate_key (Fixture       *f,
                           gconstpointer  data)
{
  import_fails (f->db, "organisations",
                "name,kind\n"
                "A,school\n"
                "B,police\n"
                "  A ,health\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:4: column 'name': “A” already appears on line 2 of this file");
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM organisations"), ==, 0);
}

static void
test_import_row_shape (Fixture       *f,
                       gconstpointer  data)
{
  /* Blank rows and empty trailing cells, as spreadsheets write them. */
  import_ok (f->db, "organisations",
             "name,kind,\n"
             ",,\n"
             "A,school,\n"
             "\n"
             "B,police,,,\n"
             " , \n",
             2, 2, 0);

  import_ok (f->db, "organisations", "name,kind\n", 0, 0, 0);

  import_fails (f->db, "organisations",
                "name,kind\n"
                "C\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'kind': this row has a different number of fields (1) from the header (2)");
  import_fails (f->db, "organisations",
                "name,kind\n"
                "C,school,extra\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'kind': this row has a different number of fields (3) from the header (2)");
  import_fails (f->db, "organisations",
                "name,kind,\n"
                "C,school,stray\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column '': “stray” is in a column without a name");

  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM organisations"), ==, 2);
}

static void
test_import_database_error (Fixture       *f,
                            gconstpointer  data)
{
  add_organisations (f);
  exec (f->db,
        "CREATE TEMP TRIGGER no_police BEFORE INSERT ON organisations"
        " WHEN NEW.kind = 'police'"
        " BEGIN SELECT RAISE (ABORT, 'kind police is closed'); END");

  import_fails (f->db, "organisations",
                "name,kind\n"
                "St Mary's Primary,school\n"
                "Police Child Abuse Investigation Team,police\n",
                CM_IMPORT_ERROR_DATABASE,
                "bad.csv:3: column 'kind': the database refused the row: kind police is closed");
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM organisations"), ==, 3);
}

static void
test_import_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const char *csv = "name,kind\nA,school\n";

  g_cancellable_cancel (cancellable);
  g_assert_false (cm_import_data (f->db, "organisations", "bad.csv", csv, strlen (csv),
                                  FALSE, NULL, cancellable, &error));
  g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "bad.csv: the import was cancelled; nothing was changed");
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM organisations"), ==, 0);
}

static void
test_import_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "organisations.csv", NULL);
  g_autofree char *bad_path = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *rows = NULL;
  CmImportResult result = { 0 };

  /* As a spreadsheet saves it: BOM, CRLF, quotes. */
  g_assert_true (g_file_set_contents (path,
                                      "\xef\xbb\xbfName,Kind\r\n"
                                      "\"Barnardo's, London\",voluntary\r\n"
                                      "Little Acorns Nursery,private",
                                      -1, &error));
  g_assert_no_error (error);

  g_assert_true (cm_import_file (f->db, "organisations", path, FALSE, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.rows, ==, 2);
  g_assert_cmpuint (result.inserted, ==, 2);
  rows = cm_test_query_text (f->db, "SELECT group_concat(name || '=' || kind, ';') FROM organisations");
  g_assert_cmpstr (rows, ==, "Barnardo's, London=voluntary;Little Acorns Nursery=private");

  /* Messages name the file as it was given. */
  g_assert_true (g_file_set_contents (bad_path, "name,kind\nA,pvt\n", -1, &error));
  g_assert_false (cm_import_file (f->db, "organisations", bad_path, FALSE, NULL, NULL, &error));
  g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW);
  expected = g_strdup_printf ("%s:2: column 'kind': “pvt” is not an organisation kind (expected "
                              "statutory, health, police, school, private, voluntary or independent)",
                              bad_path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  g_assert_false (cm_import_file (f->db, "organisations", missing, FALSE, NULL, NULL, &error));
  g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_IO);
  expected = g_strdup_printf ("Could not read “%s”: there is no such file", missing);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_false (cm_import_file (f->db, "organisation", path, FALSE, NULL, NULL, &error));
  g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_UNKNOWN_KIND);
  g_assert_true (g_str_has_prefix (error->message,
                                   "Unknown import kind “organisation” (kinds: organisations, staff-groups, competencies, "));
}

/* The typed columns that no kind of this file uses yet. */
static void
assert_value_fails (const CmImportColumn *column,
                    const char           *text,
                    const char           *message)
{
  g_autoptr(GError) error = NULL;
  CmImportValue value;

  g_assert_false (cm_import_parse_value (column, text, &value, &error));
  g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW);
  g_assert_cmpstr (error->message, ==, message);
}

/* A field typed in the app is refused in the words of a CSV error for
 * the same column, and accepted in the same stored units. */
static void
test_import_check_field (void)
{
  struct {
    const char *kind;
    const char *column;
    const char *text;
    gint64      value;
    const char *message;   /* NULL when the text is valid */
  } cases[] = {
    { "staff-groups", "headcount", " 208 ", 208, NULL },
    { "staff-groups", "headcount", "-5", 0, "“-5” must be a whole number from 0 to 100000" },
    { "staff-groups", "turnover_percent", "12.5", 1250, NULL },
    { "staff-groups", "turnover_percent", "abc", 0,
      "“abc” is not a percentage such as 11, 12.5 or 11% (at most two decimals)" },
    { "requirements", "coverage_percent", "150", 0, "“150” must be a percentage from 0 to 100" },
    { "requirements", "coverage_percent", "100%", 10000, NULL },
    { "commissions", "fee_per_event", "£1,234.50", 123450, NULL },
    { "commissions", "fee_per_event", "abc", 0, "“abc” is not an amount of money" },
    { "commissions", "fee_per_event", "-5", 0, "“-5” must be an amount from £0.00 to £1,000,000,000.00" },
    { "spend", "amount", "-12.34", -1234, NULL },
    { "spend", "date", "31/02/2011", 0, "“31/02/2011” is not a valid date (use YYYY-MM-DD or DD/MM/YYYY)" },
    /* 1 April 2010 is Julian day 733863. */
    { "spend", "date", "01/04/2010", 733863, NULL },
    { "spend", "date", "", 0, "a value is required" },
    { "streams", "expiry", "  ", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = -1;
      gboolean ok = cm_import_check_field (cases[i].kind, cases[i].column, cases[i].text, &value, &error);

      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (value, ==, cases[i].value);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }
}

static void
test_import_parse_value (void)
{
  const CmImportColumn money = { .name = "fee", .type = CM_IMPORT_MONEY, .min = 0, .max = 100000000 };
  const CmImportColumn credit = { .name = "amount", .type = CM_IMPORT_MONEY, .min = G_MININT64, .max = G_MAXINT64 };
  const CmImportColumn date = { .name = "expiry", .type = CM_IMPORT_DATE, .flags = CM_IMPORT_OPTIONAL };
  const CmImportColumn percent = { .name = "coverage_percent", .type = CM_IMPORT_PERCENT, .min = 0, .max = 10000 };
  const CmImportColumn days = { .name = "days", .type = CM_IMPORT_HALF_DAYS, .min = 0, .max = 400 };
  const CmImportColumn yes_no = { .name = "ring_fenced", .type = CM_IMPORT_YES_NO };
  const CmImportColumn year = { .name = "year", .type = CM_IMPORT_INTEGER, .min = 1900, .max = 9999 };
  const CmImportColumn signed_int = { .name = "delta", .type = CM_IMPORT_INTEGER, .min = -10, .max = 10 };
  const CmImportColumn status = { .name = "status", .type = CM_IMPORT_VOCABULARY, .vocabulary = CM_DOMAIN_COMMISSION_STATUS };
  struct { const CmImportColumn *column; const char *text; gint64 expected; } good[] = {
    { &money, "£1,234.56", 123456 },
    { &money, "1234.5", 123450 },
    { &money, "0", 0 },
    { &credit, "-12.00", -1200 },
    { &percent, "12.5", 1250 },
    { &percent, "11 %", 1100 },
    { &percent, ".5", 50 },
    { &percent, "100", 10000 },
    { &days, "0", 0 },
    { &days, "0.5", 1 },
    { &days, "1.50", 3 },
    { &days, "2", 4 },
    { &yes_no, "Yes", 1 },
    { &yes_no, "y", 1 },
    { &yes_no, "1", 1 },
    { &yes_no, "FALSE", 0 },
    { &yes_no, "n", 0 },
    { &year, "2010", 2010 },
    { &signed_int, "-3", -3 },
    { &signed_int, "+3", 3 },
  };
  g_autoptr(GError) error = NULL;
  CmImportValue value;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (cm_import_parse_value (good[i].column, good[i].text, &value, &error));
      g_assert_no_error (error);
      g_assert_true (value.present);
      g_assert_cmpint (value.integer, ==, good[i].expected);
    }

  g_assert_true (cm_import_parse_value (&date, "01/04/2010", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (value.iso_date, ==, "2010-04-01");
  g_assert_true (cm_import_parse_value (&date, "2011-03-31", &value, &error));
  g_assert_cmpstr (value.iso_date, ==, "2011-03-31");
  g_assert_true (cm_import_parse_value (&date, "", &value, &error));
  g_assert_false (value.present);

  g_assert_true (cm_import_parse_value (&status, "Approved", &value, &error));
  g_assert_cmpstr (value.text, ==, "approved");

  assert_value_fails (&money, "-5", "“-5” must be an amount from £0.00 to £1,000,000.00");
  assert_value_fails (&money, "12.345", "“12.345” is not an amount of money");
  assert_value_fails (&money, "", "a value is required");
  assert_value_fails (&date, "31/02/2010", "“31/02/2010” is not a valid date (use YYYY-MM-DD or DD/MM/YYYY)");
  assert_value_fails (&percent, "-1", "“-1” is not a percentage such as 11, 12.5 or 11% (at most two decimals)");
  assert_value_fails (&percent, "100.01", "“100.01” must be a percentage from 0 to 100");
  assert_value_fails (&percent, "1e2", "“1e2” is not a percentage such as 11, 12.5 or 11% (at most two decimals)");
  assert_value_fails (&days, "0.25", "“0.25” must be a number of days from 0 to 200 in steps of 0.5");
  assert_value_fails (&days, "200.5", "“200.5” must be a number of days from 0 to 200 in steps of 0.5");
  assert_value_fails (&yes_no, "2", "“2” must be yes or no");
  assert_value_fails (&year, "+2010", "“+2010” must be a whole number from 1900 to 9999");
  assert_value_fails (&year, "2010.0", "“2010.0” must be a whole number from 1900 to 9999");
  assert_value_fails (&year, "99999999999999999999", "“99999999999999999999” must be a whole number from 1900 to 9999");
  assert_value_fails (&signed_int, "-11", "“-11” must be a whole number from -10 to 10");
  assert_value_fails (&status, "done", "“done” is not a commission status (expected proposed, approved, "
                                       "contracted, delivered or cancelled)");
}

/* The evaluation tracker's kinds, with their keys (docs/figures.md,
 * "Evaluation"; help/C/import.page). */
static void
test_import_evaluation_kinds (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CmImportResult result = { 0 };

  add_organisations (f);
  exec (f->db,
        "INSERT INTO staff_groups (name, organisation_id, sector, headcount)"
        "  VALUES ('Nursery staff', (SELECT id FROM organisations WHERE kind = 'private'), 'early-years', 20);"
        "INSERT INTO commissions (code, title, year, half, half_days, places) VALUES ('LSCB-A', 'Level A', 2010, 1, 2, 20);"
        "INSERT INTO settings (key, value) VALUES ('dna_charge_policy',"
        "  'enabled=1;half_day_pence=5000;full_day_pence=9000;kinds=private')");

  import_ok (f->db, "events",
             "code,commission,date,venue,places\n"
             "A1,LSCB-A,2010-05-04,Council House,20\n"
             "A2,LSCB-A,15/06/2010,Council House,20\n",
             2, 2, 0);
  import_ok (f->db, "learners",
             "ref,organisation,staff_group,name,email\n"
             "P1,Little Acorns Nursery,Nursery staff,,\n"
             "S1,Westminster City Council,,Sam,sam@example.org\n",
             2, 2, 0);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM learners WHERE name IS NULL AND staff_group_id IS NOT NULL"), ==, 1);

  /* A dry run of a DNA writes no booking and no charge. */
  g_assert_true (import (f->db, "bookings", "event,learner,status\nA1,P1,dna\n", TRUE, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 1);
  cm_import_result_clear (&result);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM bookings"), ==, 0);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM transactions"), ==, 0);

  import_ok (f->db, "bookings",
             "event,learner,status\n"
             "A1,P1,dna\n"
             "A1,S1,attended\n"
             "A2,P1,attended\n",
             3, 3, 0);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT sum(amount_pence) FROM transactions WHERE reference = 'DNA-A1-P1'"), ==, -9000);

  /* Keyed by (event, learner): P1 came after all, and the charge goes. */
  import_ok (f->db, "bookings",
             "event,learner,status\n"
             "A1,P1,attended\n"
             "A1,S1,attended\n",
             2, 0, 1);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM transactions"), ==, 0);

  /* Feedback: keyed by (event, learner); without a learner, a new form. */
  import_ok (f->db, "feedback",
             "event,learner,content,trainer,venue,relevance,confidence_before,confidence_after\n"
             "A1,P1,5,4,4,5,2,4\n"
             "A1,,3,3,3,3,1,2\n",
             2, 2, 0);
  import_ok (f->db, "feedback",
             "event,learner,content,trainer,venue,relevance,confidence_before,confidence_after\n"
             "A1,P1,5,4,4,5,2,5\n"
             "A1,,3,3,3,3,1,2\n",
             2, 1, 1);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM feedback WHERE learner_id IS NULL"), ==, 2);

  import_ok (f->db, "followups",
             "event,learner,date,applied,comment\n"
             "A1,P1,2010-08-01,3,Uses it weekly\n"
             "A1,S1,2010-08-02,0,\n",
             2, 2, 0);
  import_ok (f->db, "followups",
             "event,learner,date,applied,comment\n"
             "A1,P1,2010-08-01,3,Uses it weekly\n"
             "A1,S1,2010-08-02,0,\n",
             2, 0, 0);

  /* Every bad row named, nothing written. */
  import_fails (f->db, "bookings",
                "event,learner,status\n"
                "A9,P1,booked\n"
                "A2,S1,maybe\n"
                "A2,S1,booked\n"
                "A2,S1,attended\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'event': no event with code “A9”\n"
                "bad.csv:3: column 'status': “maybe” is not a booking status (expected booked, attended, dna, "
                "late-cancel, cancelled or waitlist)\n"
                "bad.csv:5: column 'event': “A2, S1” already appears on line 4 of this file");
  import_fails (f->db, "feedback",
                "event,learner,content,trainer,venue,relevance,confidence_before,confidence_after\n"
                "A2,S1,6,4,4,4,2,4\n"
                "A2,,4,4,4,4,0,4\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'content': “6” must be a whole number from 1 to 5\n"
                "bad.csv:3: column 'confidence_before': “0” must be a whole number from 1 to 5");
  import_fails (f->db, "followups",
                "event,learner,date,applied,comment\n"
                "A2,S1,2010-13-01,1,\n"
                "A2,S1,2010-09-01,4,\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:2: column 'date': “2010-13-01” is not a valid date (use YYYY-MM-DD or DD/MM/YYYY)\n"
                "bad.csv:3: column 'applied': “4” must be a whole number from 0 to 3");
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM bookings"), ==, 3);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM feedback"), ==, 3);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM followups"), ==, 2);
}

/* A stream's code is unique within its year: DH-WDG 2010 and DH-WDG 2011
 * are the same grant in two years, and a reference to it resolves in the
 * year of the commission or of the transaction's date. */
static const char streams_2010_csv[] =
  "code,name,funder,year,allocation,ring_fenced,expiry,min_pvi_percent,return\n"
  "DH-WDG,DH Workforce Development Grant,DH,2010,\"£240,000.00\",yes,2011-03-31,50,dh\n"
  "LSCB,LSCB training,LSCB,2010,60000,no,,0,lscb\n";

static void
test_import_streams_by_year (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *stream_2010 = NULL;
  g_autofree char *stream_2011 = NULL;

  import_ok (f->db, "streams", streams_2010_csv, 2, 2, 0);

  /* DH-WDG for 2011 is a new stream; 2010's keeps its allocation. */
  import_ok (f->db, "streams",
             "code,name,funder,year,allocation,ring_fenced,expiry,min_pvi_percent,return\n"
             "DH-WDG,DH Workforce Development Grant 2011/12,DH,2011,250000,yes,2012-03-31,50,dh\n",
             1, 1, 0);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM streams"), ==, 3);
  stream_2010 = cm_test_query_text (f->db, "SELECT name || ' ' || allocation_pence || ' ' || expiry"
                                           " FROM streams WHERE code = 'DH-WDG' AND year = 2010");
  g_assert_cmpstr (stream_2010, ==, "DH Workforce Development Grant 24000000 2011-03-31");
  stream_2011 = cm_test_query_text (f->db, "SELECT name || ' ' || allocation_pence || ' ' || expiry"
                                           " FROM streams WHERE code = 'DH-WDG' AND year = 2011");
  g_assert_cmpstr (stream_2011, ==, "DH Workforce Development Grant 2011/12 25000000 2012-03-31");

  /* Importing both years again changes nothing; changing one year's
   * allocation updates that row only. */
  import_ok (f->db, "streams", streams_2010_csv, 2, 0, 0);
  import_ok (f->db, "streams",
             "code,name,funder,year,allocation,ring_fenced,expiry,min_pvi_percent,return\n"
             "DH-WDG,DH Workforce Development Grant 2011/12,DH,2011,251000,yes,2012-03-31,50,dh\n",
             1, 0, 1);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT allocation_pence FROM streams WHERE code = 'DH-WDG' AND year = 2010"),
                   ==, 24000000);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT allocation_pence FROM streams WHERE code = 'DH-WDG' AND year = 2011"),
                   ==, 25100000);

  /* One file may hold both years, but not one code twice in a year. */
  import_ok (f->db, "streams",
             "code,name,funder,year,allocation,ring_fenced,min_pvi_percent,return\n"
             "CORE,Core budget,Core,2010,30000,no,0,none\n"
             "CORE,Core budget,Core,2011,31000,no,0,none\n",
             2, 2, 0);
  import_fails (f->db, "streams",
                "code,name,funder,year,allocation,ring_fenced,min_pvi_percent,return\n"
                "CORE,Core budget,Core,2012,30000,no,0,none\n"
                "CORE,Core budget again,Core,2012,31000,no,0,none\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:3: column 'code': “CORE, 2012” already appears on line 2 of this file");
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM streams WHERE year = 2012"), ==, 0);
}

static void
test_import_references_by_year (Fixture       *f,
                                gconstpointer  data)
{
  gint64 dh_2010, dh_2011, lscb_2010;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  import_ok (f->db, "streams", streams_2010_csv, 2, 2, 0);
  import_ok (f->db, "streams",
             "code,name,funder,year,allocation,ring_fenced,min_pvi_percent,return\n"
             "DH-WDG,DH Workforce Development Grant,DH,2011,250000,yes,50,dh\n",
             1, 1, 0);
  dh_2010 = cm_test_query_int64 (f->db, "SELECT id FROM streams WHERE code = 'DH-WDG' AND year = 2010");
  dh_2011 = cm_test_query_int64 (f->db, "SELECT id FROM streams WHERE code = 'DH-WDG' AND year = 2011");
  lscb_2010 = cm_test_query_int64 (f->db, "SELECT id FROM streams WHERE code = 'LSCB' AND year = 2010");
  g_assert_cmpint (dh_2010, !=, dh_2011);

  import_ok (f->db, "commissions",
             "code,title,year,half,provider,status,events,days,places,fee_per_event,venue_per_day,"
             "cost_per_place,materials_per_place,pvi_places\n"
             "NVQ-10,NVQ Level 3,2010,2,Westminster NVQ Centre,approved,1,1,10,1000,0,0,0,5\n"
             "NVQ-11,NVQ Level 3,2011,1,Westminster NVQ Centre,approved,1,1,10,1000,0,0,0,5\n",
             2, 2, 0);

  /* A split lands on the stream of its commission's year. */
  import_ok (f->db, "splits",
             "commission,stream,percent\n"
             "NVQ-10,DH-WDG,100\n"
             "NVQ-11,DH-WDG,100\n",
             2, 2, 0);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT sp.stream_id FROM splits sp JOIN commissions c"
                                               " ON c.id = sp.commission_id WHERE c.code = 'NVQ-10'"), ==, dh_2010);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT sp.stream_id FROM splits sp JOIN commissions c"
                                               " ON c.id = sp.commission_id WHERE c.code = 'NVQ-11'"), ==, dh_2011);

  /* Spend lands on the stream of its date's financial year: 31 March is
   * still 2010/11, 1 April is 2011/12. */
  import_ok (f->db, "spend",
             "date,amount,stream,supplier,reference,kind\n"
             "2011-03-31,100.00,DH-WDG,Middlesex University,INV-1,invoice\n"
             "01/04/2011,200.00,DH-WDG,Middlesex University,INV-2,invoice\n"
             "2010-04-01,50.00,LSCB,NSPCC,INV-3,invoice\n",
             3, 3, 0);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT stream_id FROM transactions WHERE reference = 'INV-1'"), ==, dh_2010);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT stream_id FROM transactions WHERE reference = 'INV-2'"), ==, dh_2011);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT stream_id FROM transactions WHERE reference = 'INV-3'"), ==, lscb_2010);

  /* A code that the year does not have is an error naming the line, the
   * column, the code and the year, and nothing is written. */
  before = cm_test_query_text (f->db, "SELECT group_concat (reference || '=' || stream_id, ',') FROM transactions");
  import_fails (f->db, "spend",
                "date,amount,stream,supplier,reference,kind\n"
                "2011-03-31,100.00,LSCB,NSPCC,INV-4,invoice\n"
                "2011-04-01,100.00,LSCB,NSPCC,INV-5,invoice\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:3: column 'stream': no stream “LSCB” in 2011/12, the year of the date 2011-04-01");
  import_fails (f->db, "splits",
                "Commission,Stream,Amount\n"
                "NVQ-10,LSCB,10\n"
                "NVQ-11,LSCB,10\n",
                CM_IMPORT_ERROR_ROW,
                "bad.csv:3: column 'Stream': no stream “LSCB” in 2011/12, the year of commission “NVQ-11”");
  after = cm_test_query_text (f->db, "SELECT group_concat (reference || '=' || stream_id, ',') FROM transactions");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM splits"), ==, 2);
}

/* Quoted free text is stored exactly as written; unquoted fields, keys
 * and references are trimmed (help/C/import.page, "How fields are read"). */
static void
test_import_quoted_text_exact (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) learners = NULL;
  g_autoptr(GPtrArray) commissions = NULL;
  g_autofree char *name = NULL;
  const CmBudgetCommission *commission;
  const CmLearner *learner;
  const char learners_csv[] =
    "ref,organisation,staff_group,name,email\r\n"
    "\"  L1  \",\" Little Acorns Nursery \",,\"  two spaces  \",\"line1\r\nline2\"\r\n"
    "  L2  ,Little Acorns Nursery,,  unquoted  ,\"   \"\r\n";
  const char commissions_csv[] =
    "code,title,year,half,provider,status,events,days,places,fee_per_event,"
    "venue_per_day,cost_per_place,materials_per_place,pvi_places\n"
    "\" C1 \",\"line1\r\nline2  \",\" 2010 \",1,\" Acme \",\" approved \",1,1,20,100,0,0,0,5\n";

  add_organisations (f);
  import_ok (f->db, "learners", learners_csv, 2, 2, 0);

  learners = cm_evaluation_find_learners (f->db, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (learners->len, ==, 2);
  learner = g_ptr_array_index (learners, 0);
  g_assert_cmpstr (learner->ref, ==, "L1");
  g_assert_cmpstr (learner->organisation_name, ==, "Little Acorns Nursery");
  g_assert_cmpstr (learner->name, ==, "  two spaces  ");
  g_assert_cmpstr (learner->email, ==, "line1\r\nline2");
  learner = g_ptr_array_index (learners, 1);
  g_assert_cmpstr (learner->ref, ==, "L2");
  g_assert_cmpstr (learner->name, ==, "unquoted");
  /* Blanks only, even in quotes, are an empty field. */
  g_assert_null (learner->email);

  /* The same file again finds every row stored exactly so. */
  import_ok (f->db, "learners", learners_csv, 2, 0, 0);
  /* The same keys unquoted and unpadded are the same rows. */
  import_ok (f->db, "learners",
             "ref,organisation,staff_group,name,email\n"
             "L1,Little Acorns Nursery,,  two spaces  ,\"line1\r\nline2\"\n",
             1, 0, 1);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM learners"), ==, 2);
  name = cm_test_query_text (f->db, "SELECT name FROM learners WHERE ref = 'L1'");
  g_assert_cmpstr (name, ==, "two spaces");

  /* A commission's title, read back through the budget. */
  import_ok (f->db, "commissions", commissions_csv, 1, 1, 0);
  commissions = cm_budget_list_commissions (f->db, 2010, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (commissions->len, ==, 1);
  commission = g_ptr_array_index (commissions, 0);
  g_assert_cmpstr (commission->code, ==, "C1");
  g_assert_cmpstr (commission->title, ==, "line1\r\nline2  ");
  g_assert_cmpstr (commission->provider, ==, " Acme ");
  g_assert_cmpstr (commission->status, ==, "approved");
  g_assert_cmpint (commission->year, ==, 2010);
  import_ok (f->db, "commissions", commissions_csv, 1, 0, 0);
}

/* A huge value is quoted in part: the message stays short enough to show. */
static void
test_import_long_value_message (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *kind = g_strnfill (600, 'x');
  g_autofree char *column = g_strnfill (100, 'y');
  g_autofree char *csv = g_strdup_printf ("name,kind\nA,%s\n", kind);
  g_autofree char *header = g_strdup_printf ("name,%s\nA,school\n", column);
  g_autofree char *shown_kind = g_strnfill (499, 'x');
  g_autofree char *shown_column = g_strnfill (80, 'y');
  g_autofree char *message = g_strdup_printf ("bad.csv:2: column 'kind': “%s…", shown_kind);
  g_autofree char *header_message = g_strdup_printf ("bad.csv:1: column '%s…': unknown column (expected name, kind)",
                                                     shown_column);

  import_fails (f->db, "organisations", csv, CM_IMPORT_ERROR_ROW, message);
  import_fails (f->db, "organisations", header, CM_IMPORT_ERROR_HEADER, header_message);
  g_assert_cmpint (cm_test_query_int64 (f->db, "SELECT count(*) FROM organisations"), ==, 0);
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import/kinds", test_import_kinds);
  g_test_add_func ("/import/parse-value", test_import_parse_value);
  g_test_add_func ("/import/check-field", test_import_check_field);
  add_test ("/import/organisations", test_import_organisations);
  add_test ("/import/staff-groups", test_import_staff_groups);
  add_test ("/import/competencies", test_import_competencies);
  add_test ("/import/competency-bad-values", test_import_competency_bad_values);
  add_test ("/import/competency-keeps-default", test_import_competency_keeps_default);
  add_test ("/import/reimport-updates", test_import_reimport_updates);
  add_test ("/import/header-any-order", test_import_header_any_order);
  add_test ("/import/header-errors", test_import_header_errors);
  add_test ("/import/unknown-organisation", test_import_unknown_organisation);
  add_test ("/import/negative-headcount", test_import_negative_headcount);
  add_test ("/import/turnover-out-of-range", test_import_turnover_out_of_range);
  add_test ("/import/bad-sector", test_import_bad_sector);
  add_test ("/import/bad-last-row", test_import_bad_last_row);
  add_test ("/import/every-bad-row", test_import_every_bad_row);
  add_test ("/import/unterminated-quote", test_import_unterminated_quote);
  add_test ("/import/invalid-utf8", test_import_invalid_utf8);
  add_test ("/import/dry-run", test_import_dry_run);
  add_test ("/import/duplicate-key", test_import_duplicate_key);
  add_test ("/import/row-shape", test_import_row_shape);
  add_test ("/import/database-error", test_import_database_error);
  add_test ("/import/cancelled", test_import_cancelled);
  add_test ("/import/file", test_import_file);
  add_test ("/import/evaluation-kinds", test_import_evaluation_kinds);
  add_test ("/import/streams-by-year", test_import_streams_by_year);
  add_test ("/import/references-by-year", test_import_references_by_year);
  add_test ("/import/quoted-text-exact", test_import_quoted_text_exact);
  add_test ("/import/long-value-message", test_import_long_value_message);

  return g_test_run ();
}
