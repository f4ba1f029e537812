/* cm-db.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-db"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "cm-backups.h"
#include "cm-change.h"
#include "cm-db.h"
#include "cm-db-diagnose.h"
#include "cm-db-private.h"

/* "CMSN": lets us tell our files from other SQLite databases. */
#define CM_DB_APPLICATION_ID 0x434d534e

struct _CmDb
{
  GObject   parent_instance;

  sqlite3  *handle;
  char     *path;
  char     *migration_backup;
  int       schema_version;
  gboolean  read_only;
  /* Why writes fail, as a sentence naming the file or folder at fault,
   * when the file could only be opened for reading. */
  char     *read_only_reason;
  /* A private copy in memory (a dry run, or an upgrade of a file that is
   * only read): written freely, thrown away on close. */
  gboolean  in_memory;
  /* This read-only connection may have created -wal and -shm files,
   * which must not be left behind. */
  gboolean  clean_up_wal;

  /* Waiting for another program's lock (busy_cb). */
  gint64        wait_us;
  gint64        busy_since;
  gint64        waited_us;
  guint         n_notices;
  CmDbWaitFunc  wait_func;
  gpointer      wait_data;
  gboolean  audit_each_insert;

  /* Changes announced inside the open transaction, of CmChange: they are
   * emitted once it commits and dropped if it rolls back. */
  GArray   *pending;
};

G_DEFINE_FINAL_TYPE (CmDb, cm_db, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Past this many rows of one kind in one transaction (an import), one
 * "many rows" notification says more than a list of ids. */
#define MAX_ROWS_PER_KIND 32

G_DEFINE_QUARK (cm-db-error-quark, cm_db_error)

/*
 * Migrations, one per schema version, each run in its own transaction.
 * Never edit a released migration: add a new one.
 *
 * Percentages are stored as integer basis points (hundredths of a percent)
 * and days as half days, so every formula stays in exact integer arithmetic.
 * Keep the CHECK lists in step with cm-domain.c.
 */
static const char migration_1[] =
  "CREATE TABLE organisations ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),"
  "  kind TEXT NOT NULL CHECK (kind IN ('statutory','health','police','school',"
  "                                     'private','voluntary','independent'))"
  ") STRICT;"

  "CREATE TABLE staff_groups ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),"
  "  organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,"
  "  sector TEXT NOT NULL CHECK (sector IN ('early-years','education','social-care','health',"
  "                                         'youth','justice','sport-culture','family-support')),"
  "  headcount INTEGER NOT NULL CHECK (headcount >= 0),"
  "  turnover_bp INTEGER NOT NULL DEFAULT 1100 CHECK (turnover_bp BETWEEN 0 AND 10000)"
  ") STRICT;"

  "CREATE TABLE competencies ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  category TEXT NOT NULL CHECK (category IN ('safeguarding','common-core','integrated-working',"
  "                                             'qualification','management','practice')),"
  "  mandatory INTEGER NOT NULL DEFAULT 0 CHECK (mandatory IN (0, 1)),"
  "  refresh_months INTEGER NOT NULL DEFAULT 0 CHECK (refresh_months BETWEEN 0 AND 600),"
  "  risk INTEGER NOT NULL DEFAULT 1 CHECK (risk BETWEEN 1 AND 3),"
  "  strategic INTEGER NOT NULL DEFAULT 0 CHECK (strategic BETWEEN 0 AND 2),"
  "  half_days INTEGER NOT NULL DEFAULT 2 CHECK (half_days BETWEEN 1 AND 400),"
  "  capacity INTEGER NOT NULL DEFAULT 20 CHECK (capacity BETWEEN 1 AND 10000),"
  "  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1))"
  ") STRICT;"

  /* A training cycle the needs wizard has been opened on. */
  "CREATE TABLE cycles ("
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),"
  "  half INTEGER NOT NULL CHECK (half IN (1, 2)),"
  "  wizard_step INTEGER NOT NULL DEFAULT 0 CHECK (wizard_step >= 0),"
  "  PRIMARY KEY (year, half)"
  ") STRICT;"

  "CREATE TABLE requirements ("
  "  id INTEGER PRIMARY KEY,"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),"
  "  half INTEGER NOT NULL CHECK (half IN (1, 2)),"
  "  staff_group_id INTEGER NOT NULL REFERENCES staff_groups (id) ON DELETE CASCADE,"
  "  competency_id INTEGER NOT NULL REFERENCES competencies (id) ON DELETE CASCADE,"
  "  coverage_bp INTEGER NOT NULL CHECK (coverage_bp BETWEEN 0 AND 10000),"
  "  compliant INTEGER NOT NULL DEFAULT 0 CHECK (compliant >= 0),"
  "  expiring INTEGER NOT NULL DEFAULT 0 CHECK (expiring >= 0),"
  "  evidence INTEGER NOT NULL DEFAULT 0 CHECK (evidence BETWEEN 0 AND 2),"
  "  UNIQUE (year, half, staff_group_id, competency_id)"
  ") STRICT;"

  "CREATE TABLE streams ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  funder TEXT NOT NULL CHECK (funder IN ('DH','CWDC','LSCB','NHS','SfC','Core','Other')),"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),"
  "  allocation_pence INTEGER NOT NULL CHECK (allocation_pence >= 0),"
  "  ring_fenced INTEGER NOT NULL DEFAULT 0 CHECK (ring_fenced IN (0, 1)),"
  "  expiry TEXT CHECK (expiry IS NULL OR date(expiry, '+0 days') IS expiry),"
  "  min_pvi_bp INTEGER NOT NULL DEFAULT 0 CHECK (min_pvi_bp BETWEEN 0 AND 10000),"
  "  return_kind TEXT NOT NULL DEFAULT 'none' CHECK (return_kind IN ('dh','cwdc','lscb','none'))"
  ") STRICT;"

  /* No rows for a stream means every category is eligible. */
  "CREATE TABLE stream_categories ("
  "  stream_id INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,"
  "  category TEXT NOT NULL CHECK (category IN ('safeguarding','common-core','integrated-working',"
  "                                             'qualification','management','practice')),"
  "  PRIMARY KEY (stream_id, category)"
  ") STRICT;"

  "CREATE TABLE commissions ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  competency_id INTEGER REFERENCES competencies (id) ON DELETE SET NULL,"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),"
  "  half INTEGER NOT NULL CHECK (half IN (1, 2)),"
  "  provider TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'proposed'"
  "    CHECK (status IN ('proposed','approved','contracted','delivered','cancelled')),"
  "  events INTEGER NOT NULL DEFAULT 1 CHECK (events BETWEEN 0 AND 10000),"
  "  half_days INTEGER NOT NULL DEFAULT 2 CHECK (half_days BETWEEN 0 AND 400),"
  "  places INTEGER NOT NULL DEFAULT 0 CHECK (places BETWEEN 0 AND 10000),"
  "  fee_per_event_pence INTEGER NOT NULL DEFAULT 0 CHECK (fee_per_event_pence BETWEEN 0 AND 100000000000),"
  "  venue_per_day_pence INTEGER NOT NULL DEFAULT 0 CHECK (venue_per_day_pence BETWEEN 0 AND 100000000000),"
  "  cost_per_place_pence INTEGER NOT NULL DEFAULT 0 CHECK (cost_per_place_pence BETWEEN 0 AND 100000000000),"
  "  materials_per_place_pence INTEGER NOT NULL DEFAULT 0 CHECK (materials_per_place_pence BETWEEN 0 AND 100000000000),"
  "  pvi_places INTEGER NOT NULL DEFAULT 0 CHECK (pvi_places >= 0 AND pvi_places <= places),"
  "  outcome TEXT NOT NULL DEFAULT ''"
  ") STRICT;"

  "CREATE TABLE splits ("
  "  commission_id INTEGER NOT NULL REFERENCES commissions (id) ON DELETE CASCADE,"
  "  stream_id INTEGER NOT NULL REFERENCES streams (id) ON DELETE RESTRICT,"
  "  percent_bp INTEGER CHECK (percent_bp IS NULL OR percent_bp BETWEEN 0 AND 10000),"
  "  amount_pence INTEGER CHECK (amount_pence IS NULL OR amount_pence >= 0),"
  "  CHECK ((percent_bp IS NULL) <> (amount_pence IS NULL)),"
  "  PRIMARY KEY (commission_id, stream_id)"
  ") STRICT;"

  "CREATE TABLE transactions ("
  "  id INTEGER PRIMARY KEY,"
  "  date TEXT NOT NULL CHECK (date(date, '+0 days') IS date),"
  "  amount_pence INTEGER NOT NULL,"
  "  commission_id INTEGER REFERENCES commissions (id) ON DELETE SET NULL,"
  "  stream_id INTEGER REFERENCES streams (id) ON DELETE RESTRICT,"
  "  supplier TEXT NOT NULL DEFAULT '',"
  "  reference TEXT NOT NULL UNIQUE CHECK (length(trim(reference)) > 0),"
  "  kind TEXT NOT NULL CHECK (kind IN ('invoice','credit','journal','charge-income'))"
  ") STRICT;"

  "CREATE TABLE events ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),"
  "  commission_id INTEGER NOT NULL REFERENCES commissions (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL CHECK (date(date, '+0 days') IS date),"
  "  venue TEXT NOT NULL DEFAULT '',"
  "  places INTEGER NOT NULL CHECK (places BETWEEN 0 AND 10000)"
  ") STRICT;"

  "CREATE TABLE learners ("
  "  id INTEGER PRIMARY KEY,"
  "  ref TEXT NOT NULL UNIQUE CHECK (length(trim(ref)) > 0),"
  "  organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,"
  "  staff_group_id INTEGER REFERENCES staff_groups (id) ON DELETE SET NULL,"
  "  name TEXT,"
  "  email TEXT"
  ") STRICT;"

  "CREATE TABLE bookings ("
  "  event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,"
  "  learner_id INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,"
  "  status TEXT NOT NULL DEFAULT 'booked'"
  "    CHECK (status IN ('booked','attended','dna','late-cancel','cancelled','waitlist')),"
  "  PRIMARY KEY (event_id, learner_id)"
  ") STRICT;"

  /* Kirkpatrick L1 and L2; learner_id is NULL for anonymous forms. */
  "CREATE TABLE feedback ("
  "  id INTEGER PRIMARY KEY,"
  "  event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,"
  "  learner_id INTEGER REFERENCES learners (id) ON DELETE SET NULL,"
  "  content INTEGER NOT NULL CHECK (content BETWEEN 1 AND 5),"
  "  trainer INTEGER NOT NULL CHECK (trainer BETWEEN 1 AND 5),"
  "  venue INTEGER NOT NULL CHECK (venue BETWEEN 1 AND 5),"
  "  relevance INTEGER NOT NULL CHECK (relevance BETWEEN 1 AND 5),"
  "  confidence_before INTEGER NOT NULL CHECK (confidence_before BETWEEN 1 AND 5),"
  "  confidence_after INTEGER NOT NULL CHECK (confidence_after BETWEEN 1 AND 5),"
  "  UNIQUE (event_id, learner_id)"
  ") STRICT;"

  /* Kirkpatrick L3, due twelve weeks after the event. */
  "CREATE TABLE followups ("
  "  event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,"
  "  learner_id INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL CHECK (date(date, '+0 days') IS date),"
  "  applied INTEGER NOT NULL CHECK (applied BETWEEN 0 AND 3),"
  "  comment TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (event_id, learner_id)"
  ") STRICT;";

static const char migration_2[] =
  /* Per-database settings that must travel with the data, such as the
   * DNA charge policy; per-user preferences live in GSettings. */
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX staff_groups_organisation ON staff_groups (organisation_id);"
  "CREATE INDEX requirements_cycle ON requirements (year, half);"
  "CREATE INDEX requirements_competency ON requirements (competency_id);"
  "CREATE INDEX commissions_cycle ON commissions (year, half);"
  "CREATE INDEX commissions_competency ON commissions (competency_id);"
  "CREATE INDEX streams_year ON streams (year);"
  "CREATE INDEX splits_stream ON splits (stream_id);"
  "CREATE INDEX transactions_date ON transactions (date);"
  "CREATE INDEX transactions_commission ON transactions (commission_id);"
  "CREATE INDEX transactions_stream ON transactions (stream_id);"
  "CREATE INDEX events_commission ON events (commission_id);"
  "CREATE INDEX learners_organisation ON learners (organisation_id);"
  "CREATE INDEX learners_staff_group ON learners (staff_group_id);"
  "CREATE INDEX bookings_learner ON bookings (learner_id);"
  "CREATE INDEX feedback_event ON feedback (event_id);";

/* A transaction is identified by its supplier and reference, trimmed and
 * without case: two suppliers may both send an "INV-1". */
static const char migration_3[] =
  "CREATE TABLE transactions_v3 ("
  "  id INTEGER PRIMARY KEY,"
  "  date TEXT NOT NULL CHECK (date(date, '+0 days') IS date),"
  "  amount_pence INTEGER NOT NULL,"
  "  commission_id INTEGER REFERENCES commissions (id) ON DELETE SET NULL,"
  "  stream_id INTEGER REFERENCES streams (id) ON DELETE RESTRICT,"
  "  supplier TEXT NOT NULL DEFAULT '',"
  "  reference TEXT NOT NULL CHECK (length(trim(reference)) > 0),"
  "  kind TEXT NOT NULL CHECK (kind IN ('invoice','credit','journal','charge-income'))"
  ") STRICT;"
  "INSERT INTO transactions_v3 (id, date, amount_pence, commission_id, stream_id, supplier, reference, kind)"
  "  SELECT id, date, amount_pence, commission_id, stream_id, supplier, reference, kind FROM transactions;"
  "DROP TABLE transactions;"
  "ALTER TABLE transactions_v3 RENAME TO transactions;"
  CM_DB_TRANSACTION_INDEXES;

/* A stream's code is unique within its year: the same grant keeps its
 * code from one year to the next. The table is rebuilt keeping its ids,
 * so splits, transactions and stream_categories still point at it. */
static const char migration_4[] =
  "CREATE TABLE streams_v4 ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL CHECK (length(trim(code)) > 0),"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  funder TEXT NOT NULL CHECK (funder IN ('DH','CWDC','LSCB','NHS','SfC','Core','Other')),"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),"
  "  allocation_pence INTEGER NOT NULL CHECK (allocation_pence >= 0),"
  "  ring_fenced INTEGER NOT NULL DEFAULT 0 CHECK (ring_fenced IN (0, 1)),"
  "  expiry TEXT CHECK (expiry IS NULL OR date(expiry, '+0 days') IS expiry),"
  "  min_pvi_bp INTEGER NOT NULL DEFAULT 0 CHECK (min_pvi_bp BETWEEN 0 AND 10000),"
  "  return_kind TEXT NOT NULL DEFAULT 'none' CHECK (return_kind IN ('dh','cwdc','lscb','none')),"
  "  UNIQUE (code, year)"
  ") STRICT;"
  "INSERT INTO streams_v4 (id, code, name, funder, year, allocation_pence, ring_fenced,"
  "                        expiry, min_pvi_bp, return_kind)"
  "  SELECT id, code, name, funder, year, allocation_pence, ring_fenced,"
  "         expiry, min_pvi_bp, return_kind FROM streams;"
  "DROP TABLE streams;"
  "ALTER TABLE streams_v4 RENAME TO streams;"
  "CREATE INDEX streams_year ON streams (year);";

/* Cycle sign-off (docs/figures.md, "Cycle sign-off"): a closed cycle
 * keeps the date it was closed and the weights used, and each of its
 * lines the headcount and turnover used; all NULL while it is open. The
 * evidence source says where the evidence of need comes from. */
static const char migration_5[] =
  "ALTER TABLE cycles ADD COLUMN closed_on TEXT CHECK (closed_on IS NULL OR date(closed_on, '+0 days') IS closed_on);"
  "ALTER TABLE cycles ADD COLUMN closed_weights TEXT;"
  "ALTER TABLE requirements ADD COLUMN closed_headcount INTEGER CHECK (closed_headcount >= 0);"
  "ALTER TABLE requirements ADD COLUMN closed_turnover_bp INTEGER CHECK (closed_turnover_bp BETWEEN 0 AND 10000);"
  "ALTER TABLE requirements ADD COLUMN evidence_source TEXT NOT NULL DEFAULT '';";

/* The audit trail of money changes (HACKING.md, "Audit trail"): permanent
 * triggers on the money tables write one row per changed field, whoever
 * writes (an edit, an import, Suggest Funding, an undo). Money is in
 * pence, NULL where the item did not exist (before an insert, after a
 * delete). cm_user() is defined by cm_db_open() on each connection.
 * Deleting a commission deletes its splits and unlinks its spend by
 * cascade, after the commission has gone, so its BEFORE DELETE trigger
 * records those while it can still name them. */
#define AUDIT_INSERT "INSERT INTO audit (user, kind, item_id, label, year, field, old_value, new_value)"
#define AUDIT_STREAM_LABEL(R) "printf ('%s %d/%02d', " R ".code, " R ".year, (" R ".year + 1) % 100)"
#define AUDIT_FY(DATE) "CAST (strftime ('%Y', " DATE ", '-3 months') AS INTEGER)"
#define AUDIT_SPEND_LABEL(R) "trim (" R ".supplier || ' ' || " R ".reference)"
/* An undo may put a split back before its commission (foreign keys are
 * checked at its commit), so a split's label must not need either. */
#define AUDIT_SPLIT_LABEL(R) \
  "coalesce ((SELECT code FROM commissions WHERE id = " R ".commission_id), '#' || " R ".commission_id)" \
  " || ' / ' || coalesce ((SELECT code FROM streams WHERE id = " R ".stream_id), '#' || " R ".stream_id)"
#define AUDIT_SPLIT_YEAR(R) "(SELECT year FROM commissions WHERE id = " R ".commission_id)"
#define AUDIT_COMMISSION_FIELD(F, C) \
  AUDIT_INSERT " SELECT cm_user (), 'commission', NEW.id, NEW.code, NEW.year, '" F "', OLD." C ", NEW." C \
  " WHERE OLD." C " IS NOT NEW." C ";"
#define AUDIT_SPEND_FIELD(F, OLD_VALUE, NEW_VALUE, WHEN) \
  AUDIT_INSERT " SELECT cm_user (), 'transaction', NEW.id, " AUDIT_SPEND_LABEL ("NEW") ", " \
  AUDIT_FY ("NEW.date") ", '" F "', " OLD_VALUE ", " NEW_VALUE " WHERE " WHEN ";"
#define AUDIT_POLICY_PENCE(R, KEY) \
  "CASE WHEN instr (" R ".value, ';" KEY "=') > 0 THEN CAST (substr (" R ".value," \
  " instr (" R ".value, ';" KEY "=') + length (';" KEY "=')) AS INTEGER) END"

static const char migration_6[] =
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  time TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  user TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('stream','commission','split','transaction','policy','import')),"
  "  item_id INTEGER NOT NULL,"
  "  label TEXT NOT NULL,"
  "  year INTEGER,"
  "  field TEXT NOT NULL,"
  "  old_value ANY,"
  "  new_value ANY"
  ") STRICT;"
  "CREATE INDEX audit_year ON audit (year);"
  "CREATE INDEX audit_item ON audit (item_id, kind);"

  "CREATE TRIGGER audit_streams_insert AFTER INSERT ON streams BEGIN "
  AUDIT_INSERT " VALUES (cm_user (), 'stream', NEW.id, " AUDIT_STREAM_LABEL ("NEW") ", NEW.year,"
  " 'allocation', NULL, NEW.allocation_pence); END;"
  "CREATE TRIGGER audit_streams_update AFTER UPDATE ON streams"
  " WHEN OLD.allocation_pence IS NOT NEW.allocation_pence BEGIN "
  AUDIT_INSERT " VALUES (cm_user (), 'stream', NEW.id, " AUDIT_STREAM_LABEL ("NEW") ", NEW.year,"
  " 'allocation', OLD.allocation_pence, NEW.allocation_pence); END;"
  "CREATE TRIGGER audit_streams_delete AFTER DELETE ON streams BEGIN "
  AUDIT_INSERT " VALUES (cm_user (), 'stream', OLD.id, " AUDIT_STREAM_LABEL ("OLD") ", OLD.year,"
  " 'allocation', OLD.allocation_pence, NULL); END;"

  "CREATE TRIGGER audit_commissions_insert AFTER INSERT ON commissions BEGIN "
  AUDIT_INSERT " SELECT cm_user (), 'commission', NEW.id, NEW.code, NEW.year, field, NULL, value"
  "  FROM (SELECT 1 AS n, 'fee_per_event' AS field, NEW.fee_per_event_pence AS value"
  "        UNION ALL SELECT 2, 'venue_per_day', NEW.venue_per_day_pence"
  "        UNION ALL SELECT 3, 'cost_per_place', NEW.cost_per_place_pence"
  "        UNION ALL SELECT 4, 'materials_per_place', NEW.materials_per_place_pence)"
  "  WHERE value <> 0 ORDER BY n; END;"
  "CREATE TRIGGER audit_commissions_update AFTER UPDATE ON commissions"
  " WHEN OLD.fee_per_event_pence IS NOT NEW.fee_per_event_pence"
  "   OR OLD.venue_per_day_pence IS NOT NEW.venue_per_day_pence"
  "   OR OLD.cost_per_place_pence IS NOT NEW.cost_per_place_pence"
  "   OR OLD.materials_per_place_pence IS NOT NEW.materials_per_place_pence"
  "   OR OLD.events IS NOT NEW.events OR OLD.half_days IS NOT NEW.half_days"
  "   OR OLD.places IS NOT NEW.places OR OLD.pvi_places IS NOT NEW.pvi_places BEGIN "
  AUDIT_COMMISSION_FIELD ("fee_per_event", "fee_per_event_pence")
  AUDIT_COMMISSION_FIELD ("venue_per_day", "venue_per_day_pence")
  AUDIT_COMMISSION_FIELD ("cost_per_place", "cost_per_place_pence")
  AUDIT_COMMISSION_FIELD ("materials_per_place", "materials_per_place_pence")
  AUDIT_COMMISSION_FIELD ("events", "events")
  AUDIT_COMMISSION_FIELD ("days", "half_days")
  AUDIT_COMMISSION_FIELD ("places", "places")
  AUDIT_COMMISSION_FIELD ("pvi_places", "pvi_places")
  "END;"
  "CREATE TRIGGER audit_commissions_delete BEFORE DELETE ON commissions BEGIN "
  AUDIT_INSERT " SELECT cm_user (), 'split', OLD.id, OLD.code || ' / ' || s.code, OLD.year,"
  "   CASE WHEN p.percent_bp IS NOT NULL THEN 'percent' ELSE 'amount' END,"
  "   coalesce (p.percent_bp, p.amount_pence), NULL"
  "  FROM splits p JOIN streams s ON s.id = p.stream_id WHERE p.commission_id = OLD.id ORDER BY s.code;"
  AUDIT_INSERT " SELECT cm_user (), 'transaction', t.id, " AUDIT_SPEND_LABEL ("t") ", " AUDIT_FY ("t.date") ","
  "   'commission', OLD.code, NULL FROM transactions t WHERE t.commission_id = OLD.id ORDER BY t.id;"
  AUDIT_INSERT " SELECT cm_user (), 'commission', OLD.id, OLD.code, OLD.year, field, value, NULL"
  "  FROM (SELECT 1 AS n, 'fee_per_event' AS field, OLD.fee_per_event_pence AS value"
  "        UNION ALL SELECT 2, 'venue_per_day', OLD.venue_per_day_pence"
  "        UNION ALL SELECT 3, 'cost_per_place', OLD.cost_per_place_pence"
  "        UNION ALL SELECT 4, 'materials_per_place', OLD.materials_per_place_pence)"
  "  WHERE value <> 0 ORDER BY n; END;"

  "CREATE TRIGGER audit_splits_insert AFTER INSERT ON splits BEGIN "
  AUDIT_INSERT " VALUES (cm_user (), 'split', NEW.commission_id, " AUDIT_SPLIT_LABEL ("NEW") ","
  " " AUDIT_SPLIT_YEAR ("NEW") ", CASE WHEN NEW.percent_bp IS NOT NULL THEN 'percent' ELSE 'amount' END,"
  " NULL, coalesce (NEW.percent_bp, NEW.amount_pence)); END;"
  "CREATE TRIGGER audit_splits_update AFTER UPDATE ON splits"
  " WHEN OLD.percent_bp IS NOT NEW.percent_bp OR OLD.amount_pence IS NOT NEW.amount_pence"
  "   OR OLD.stream_id IS NOT NEW.stream_id OR OLD.commission_id IS NOT NEW.commission_id BEGIN "
  AUDIT_INSERT " SELECT cm_user (), 'split', NEW.commission_id, " AUDIT_SPLIT_LABEL ("NEW") ","
  " " AUDIT_SPLIT_YEAR ("NEW") ", 'stream', (SELECT code FROM streams WHERE id = OLD.stream_id),"
  " (SELECT code FROM streams WHERE id = NEW.stream_id) WHERE OLD.stream_id IS NOT NEW.stream_id;"
  AUDIT_INSERT " SELECT cm_user (), 'split', NEW.commission_id, " AUDIT_SPLIT_LABEL ("NEW") ","
  " " AUDIT_SPLIT_YEAR ("NEW") ", 'percent', OLD.percent_bp, NEW.percent_bp"
  " WHERE OLD.percent_bp IS NOT NEW.percent_bp;"
  AUDIT_INSERT " SELECT cm_user (), 'split', NEW.commission_id, " AUDIT_SPLIT_LABEL ("NEW") ","
  " " AUDIT_SPLIT_YEAR ("NEW") ", 'amount', OLD.amount_pence, NEW.amount_pence"
  " WHERE OLD.amount_pence IS NOT NEW.amount_pence; END;"
  /* A split deleted with its commission is recorded by the commission. */
  "CREATE TRIGGER audit_splits_delete AFTER DELETE ON splits"
  " WHEN EXISTS (SELECT 1 FROM commissions WHERE id = OLD.commission_id) BEGIN "
  AUDIT_INSERT " VALUES (cm_user (), 'split', OLD.commission_id, " AUDIT_SPLIT_LABEL ("OLD") ","
  " " AUDIT_SPLIT_YEAR ("OLD") ", CASE WHEN OLD.percent_bp IS NOT NULL THEN 'percent' ELSE 'amount' END,"
  " coalesce (OLD.percent_bp, OLD.amount_pence), NULL); END;"

  /* A bulk spend import records its new rows once, not each. */
  "CREATE TRIGGER audit_transactions_insert AFTER INSERT ON transactions"
  " WHEN cm_audit_each_insert () BEGIN "
  AUDIT_INSERT " VALUES (cm_user (), 'transaction', NEW.id, " AUDIT_SPEND_LABEL ("NEW") ","
  " " AUDIT_FY ("NEW.date") ", 'amount', NULL, NEW.amount_pence); END;"
  "CREATE TRIGGER audit_transactions_update AFTER UPDATE ON transactions"
  " WHEN OLD.amount_pence IS NOT NEW.amount_pence OR OLD.date IS NOT NEW.date"
  "   OR OLD.stream_id IS NOT NEW.stream_id OR OLD.commission_id IS NOT NEW.commission_id"
  "   OR OLD.supplier IS NOT NEW.supplier OR OLD.reference IS NOT NEW.reference"
  "   OR OLD.kind IS NOT NEW.kind BEGIN "
  AUDIT_SPEND_FIELD ("amount", "OLD.amount_pence", "NEW.amount_pence", "OLD.amount_pence IS NOT NEW.amount_pence")
  AUDIT_SPEND_FIELD ("date", "OLD.date", "NEW.date", "OLD.date IS NOT NEW.date")
  AUDIT_SPEND_FIELD ("stream", "(SELECT code FROM streams WHERE id = OLD.stream_id)",
                     "(SELECT code FROM streams WHERE id = NEW.stream_id)",
                     "OLD.stream_id IS NOT NEW.stream_id")
  /* Unlinked by deleting its commission: recorded by the commission. */
  AUDIT_SPEND_FIELD ("commission", "(SELECT code FROM commissions WHERE id = OLD.commission_id)",
                     "(SELECT code FROM commissions WHERE id = NEW.commission_id)",
                     "OLD.commission_id IS NOT NEW.commission_id AND (OLD.commission_id IS NULL"
                     " OR EXISTS (SELECT 1 FROM commissions WHERE id = OLD.commission_id))")
  AUDIT_SPEND_FIELD ("supplier", "OLD.supplier", "NEW.supplier", "OLD.supplier IS NOT NEW.supplier")
  AUDIT_SPEND_FIELD ("reference", "OLD.reference", "NEW.reference", "OLD.reference IS NOT NEW.reference")
  AUDIT_SPEND_FIELD ("kind", "OLD.kind", "NEW.kind", "OLD.kind IS NOT NEW.kind")
  "END;"
  "CREATE TRIGGER audit_transactions_delete AFTER DELETE ON transactions BEGIN "
  AUDIT_INSERT " VALUES (cm_user (), 'transaction', OLD.id, " AUDIT_SPEND_LABEL ("OLD") ","
  " " AUDIT_FY ("OLD.date") ", 'amount', OLD.amount_pence, NULL); END;"

  /* The DNA charge policy's two amounts, kept in one settings row. */
  "CREATE TRIGGER audit_policy_insert AFTER INSERT ON settings"
  " WHEN NEW.key = 'dna_charge_policy' BEGIN "
  AUDIT_INSERT " SELECT cm_user (), 'policy', 0, 'DNA charges', NULL, field, NULL, value"
  "  FROM (SELECT 1 AS n, 'half_day_charge' AS field, " AUDIT_POLICY_PENCE ("NEW", "half_day_pence") " AS value"
  "        UNION ALL SELECT 2, 'full_day_charge', " AUDIT_POLICY_PENCE ("NEW", "full_day_pence") ")"
  "  WHERE value IS NOT NULL ORDER BY n; END;"
  "CREATE TRIGGER audit_policy_update AFTER UPDATE ON settings"
  " WHEN NEW.key = 'dna_charge_policy' BEGIN "
  AUDIT_INSERT " SELECT cm_user (), 'policy', 0, 'DNA charges', NULL, field, old, new"
  "  FROM (SELECT 1 AS n, 'half_day_charge' AS field,"
  "               " AUDIT_POLICY_PENCE ("OLD", "half_day_pence") " AS old,"
  "               " AUDIT_POLICY_PENCE ("NEW", "half_day_pence") " AS new"
  "        UNION ALL SELECT 2, 'full_day_charge', " AUDIT_POLICY_PENCE ("OLD", "full_day_pence") ","
  "               " AUDIT_POLICY_PENCE ("NEW", "full_day_pence") ")"
  "  WHERE old IS NOT new ORDER BY n; END;"
  "CREATE TRIGGER audit_policy_delete AFTER DELETE ON settings"
  " WHEN OLD.key = 'dna_charge_policy' BEGIN "
  AUDIT_INSERT " SELECT cm_user (), 'policy', 0, 'DNA charges', NULL, field, value, NULL"
  "  FROM (SELECT 1 AS n, 'half_day_charge' AS field, " AUDIT_POLICY_PENCE ("OLD", "half_day_pence") " AS value"
  "        UNION ALL SELECT 2, 'full_day_charge', " AUDIT_POLICY_PENCE ("OLD", "full_day_pence") ")"
  "  WHERE value IS NOT NULL ORDER BY n; END;";

#undef AUDIT_INSERT
#undef AUDIT_STREAM_LABEL
#undef AUDIT_FY
#undef AUDIT_SPEND_LABEL
#undef AUDIT_SPLIT_LABEL
#undef AUDIT_SPLIT_YEAR
#undef AUDIT_COMMISSION_FIELD
#undef AUDIT_SPEND_FIELD
#undef AUDIT_POLICY_PENCE

/* Retention of personal details (docs/figures.md): a learner never
 * booked is judged by the day they were added. Learners already stored
 * count from the day of the upgrade. */
static const char migration_7[] =
  "CREATE TABLE learners_v7 ("
  "  id INTEGER PRIMARY KEY,"
  "  ref TEXT NOT NULL UNIQUE CHECK (length(trim(ref)) > 0),"
  "  organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,"
  "  staff_group_id INTEGER REFERENCES staff_groups (id) ON DELETE SET NULL,"
  "  name TEXT,"
  "  email TEXT,"
  "  added_on TEXT NOT NULL DEFAULT (date('now')) CHECK (date(added_on, '+0 days') IS added_on)"
  ") STRICT;"
  "INSERT INTO learners_v7 (id, ref, organisation_id, staff_group_id, name, email, added_on)"
  "  SELECT id, ref, organisation_id, staff_group_id, name, email, date('now') FROM learners;"
  "DROP TABLE learners;"
  "ALTER TABLE learners_v7 RENAME TO learners;"
  "CREATE INDEX learners_organisation ON learners (organisation_id);"
  "CREATE INDEX learners_staff_group ON learners (staff_group_id);";

/* Saved what-if scenarios (docs/figures.md, "What-if"): a name and the
 * change to each stream it names, never the plan itself. */
static const char migration_8[] =
  "CREATE TABLE what_if_scenarios ("
  "  id INTEGER PRIMARY KEY,"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  created TEXT NOT NULL CHECK (date(created, '+0 days') IS created),"
  "  UNIQUE (year, name)"
  ") STRICT;"
  "CREATE TABLE what_if_changes ("
  "  scenario_id INTEGER NOT NULL REFERENCES what_if_scenarios (id) ON DELETE CASCADE,"
  "  stream_code TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('cut','allocation','withdrawn')),"
  "  value INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0),"
  "  PRIMARY KEY (scenario_id, stream_code)"
  ") STRICT;";

static const char * const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CM_DB_SCHEMA_VERSION);

/* How long a connection waits for another's lock unless told otherwise:
 * short, since the app waits on its main thread. */
#define DEFAULT_WAIT_US (5 * G_USEC_PER_SEC)
/* A lock held for less than this is not worth telling anyone about. */
#define NOTICE_AFTER_US (G_USEC_PER_SEC / 10)
#define NOTICE_INTERVAL_US (5 * G_USEC_PER_SEC)

/* A connection that only read a database in WAL mode leaves -wal and -shm
 * behind (SQLite will not delete what a reader made). Closing a
 * read-write connection, when it is the last user, checkpoints and
 * removes them; when another program still uses the database they are
 * its own, and stay. */
static void
remove_wal_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  sqlite3 *handle = NULL;

  if (!g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (shm, G_FILE_TEST_EXISTS))
    return;

  if (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
    sqlite3_exec (handle, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  sqlite3_close (handle);
}

static void
close_handle (CmDb *self)
{
  if (self->handle == NULL)
    return;

  /* Leaves no -wal/-shm files behind when we were the last user. */
  sqlite3_close_v2 (self->handle);
  self->handle = NULL;

  if (self->clean_up_wal)
    remove_wal_files (self->path);
  self->clean_up_wal = FALSE;
}

static void
cm_db_finalize (GObject *object)
{
  CmDb *self = (CmDb *)object;

  close_handle (self);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_pointer (&self->migration_backup, g_free);
  g_clear_pointer (&self->pending, g_array_unref);

  G_OBJECT_CLASS (cm_db_parent_class)->finalize (object);
}

static void
cm_db_class_init (CmDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cm_db_finalize;

  /**
   * CmDb::changed:
   * @db: the #CmDb
   * @change: (type CmChange): what changed
   *
   * Emitted after every write made through this connection has been
   * committed, once per kind, year and row; the signal's detail is the
   * kind's nick (cm_change_kind_nick()).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, CM_TYPE_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
cm_db_init (CmDb *self)
{
  self->pending = g_array_new (FALSE, FALSE, sizeof (CmChange));
  self->wait_us = DEFAULT_WAIT_US;
  self->audit_each_insert = TRUE;
}

static void
emit_change (CmDb           *self,
             const CmChange *change)
{
  g_signal_emit (self, signals[CHANGED],
                 g_quark_from_static_string (cm_change_kind_nick (change->kind)),
                 change);
}

/* Collapses the pending changes: duplicates go, and a kind with many rows
 * in one year becomes one "many rows" change. */
static void
flush_pending (CmDb *self)
{
  g_autoptr(GArray) pending = self->pending;
  g_autoptr(GArray) merged = g_array_new (FALSE, FALSE, sizeof (CmChange));

  self->pending = g_array_new (FALSE, FALSE, sizeof (CmChange));

  for (guint i = 0; i < pending->len; i++)
    {
      CmChange change = g_array_index (pending, CmChange, i);
      guint n_same_scope = 0;
      gboolean seen = FALSE;

      for (guint j = 0; j < merged->len && !seen; j++)
        {
          CmChange *other = &g_array_index (merged, CmChange, j);

          if (other->kind != change.kind || other->year != change.year || other->half != change.half)
            continue;
          if (other->id == 0 || other->id == change.id)
            seen = TRUE;
          n_same_scope++;
        }
      if (seen)
        continue;

      if (change.id != 0 && n_same_scope >= MAX_ROWS_PER_KIND)
        {
          /* Replace the scope's rows by one change for all of them. */
          for (guint j = merged->len; j > 0; j--)
            {
              CmChange *other = &g_array_index (merged, CmChange, j - 1);

              if (other->kind == change.kind && other->year == change.year && other->half == change.half)
                g_array_remove_index (merged, j - 1);
            }
          change.id = 0;
        }
      g_array_append_val (merged, change);
    }

  g_object_ref (self);
  for (guint i = 0; i < merged->len; i++)
    emit_change (self, &g_array_index (merged, CmChange, i));
  g_object_unref (self);
}

static CmDbError
error_code_from_sqlite (int rc,
                        int sys_errno)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
      return CM_DB_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return CM_DB_ERROR_NOT_COMMISSIONER;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return CM_DB_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CM_DB_ERROR_BUSY;
    case SQLITE_FULL:
      return CM_DB_ERROR_FULL;
    case SQLITE_CONSTRAINT:
      return CM_DB_ERROR_CONSTRAINT;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      /* SQLite reports a write that ran out of room, or past the
       * process's file size limit, as a mere I/O error. */
      if (sys_errno == ENOSPC || sys_errno == EDQUOT || sys_errno == EFBIG)
        return CM_DB_ERROR_FULL;
      if (sys_errno == EACCES || sys_errno == EPERM || sys_errno == EROFS)
        return CM_DB_ERROR_READ_ONLY;
      return (rc & 0xff) == SQLITE_CANTOPEN ? CM_DB_ERROR_OPEN : CM_DB_ERROR_FAILED;
    default:
      return CM_DB_ERROR_FAILED;
    }
}

/* Whether an I/O error writing the database at @path was for want of
 * room: ENOSPC for a full disk, EFBIG past the file size limit, else 0.
 * SQLite reports a failed write to the -wal as a plain I/O error, and
 * the errno it keeps may be a later call's, so we look ourselves. */
static int
find_full_errno (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  const char *files[] = { path, wal };
  struct statvfs fs;
  struct rlimit limit;

  if (statvfs (dir, &fs) == 0 && (guint64) fs.f_bavail * fs.f_frsize < 64 * 1024)
    return ENOSPC;

  if (getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        GStatBuf st;

        if (g_stat (files[i], &st) == 0 && (guint64) st.st_size + 64 * 1024 > (guint64) limit.rlim_cur)
          return EFBIG;
      }

  return 0;
}

/* @self, when given, says why writes fail and how long we waited. */
static void
set_error_full (CmDb        *self,
                GError     **error,
                const char  *path,
                int          rc,
                int          sys_errno,
                const char  *detail)
{
  CmDbError code;

  if ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_FULL)
    {
      int full_errno = find_full_errno (path);

      if (full_errno != 0)
        sys_errno = full_errno;
    }
  code = error_code_from_sqlite (rc, sys_errno);

  switch (code)
    {
    case CM_DB_ERROR_CORRUPT:
      g_set_error (error, CM_DB_ERROR, code,
                   _("The database “%s” is damaged (%s)"), path, detail);
      break;
    case CM_DB_ERROR_NOT_COMMISSIONER:
      g_set_error (error, CM_DB_ERROR, code,
                   _("“%s” is not a Commissioner database"), path);
      break;
    case CM_DB_ERROR_READ_ONLY:
      if (self != NULL && self->read_only_reason != NULL)
        g_set_error_literal (error, CM_DB_ERROR, code, self->read_only_reason);
      else if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_IOERR)
        g_set_error (error, CM_DB_ERROR, code,
                     _("Not allowed to use “%s” (%s); nothing was written"), path, g_strerror (sys_errno));
      else
        g_set_error (error, CM_DB_ERROR, code,
                     _("The database “%s” is read-only; nothing was written"), path);
      break;
    case CM_DB_ERROR_BUSY:
      g_set_error (error, CM_DB_ERROR, code,
                   _("The database “%s” is locked by another program; nothing was written (waited %d s)"),
                   path, self != NULL ? (int) ((self->waited_us + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC) : 0);
      break;
    case CM_DB_ERROR_FULL:
      if (sys_errno == EFBIG)
        g_set_error (error, CM_DB_ERROR, code,
                     _("The disk is full, or “%s” has reached the largest file allowed; nothing was written"), path);
      else
        g_set_error (error, CM_DB_ERROR, code,
                     _("The disk holding “%s” is full; nothing was written"), path);
      break;
    case CM_DB_ERROR_OPEN:
      g_set_error (error, CM_DB_ERROR, code,
                   _("Could not open the database “%s” (%s)"), path, detail);
      break;
    case CM_DB_ERROR_CONSTRAINT:
    case CM_DB_ERROR_TOO_NEW:
    case CM_DB_ERROR_MISSING:
    case CM_DB_ERROR_FAILED:
    default:
      g_set_error (error, CM_DB_ERROR, code,
                   _("Database error in “%s”: %s"), path, detail);
      break;
    }
}

/* For a connection that is not a CmDb's own, such as a copy's. */
static void
set_error_from_handle (GError     **error,
                       const char  *path,
                       sqlite3     *handle,
                       int          rc)
{
  set_error_full (NULL, error, path, handle != NULL ? sqlite3_extended_errcode (handle) : rc,
                  handle != NULL ? sqlite3_system_errno (handle) : 0,
                  handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
}

/**
 * cm_db_set_error:
 * @self: a #CmDb
 * @error: return location for a #GError
 *
 * Turns the connection's last SQLite error into a #CmDbError that names
 * the file and says what is wrong in words a person can act on.
 */
void
cm_db_set_error (CmDb    *self,
                 GError **error)
{
  g_return_if_fail (CM_IS_DB (self));

  set_error_full (self, error, self->path,
                  sqlite3_extended_errcode (self->handle),
                  sqlite3_system_errno (self->handle),
                  sqlite3_errmsg (self->handle));
}

/**
 * cm_db_error_is_not_now:
 * @error: (nullable): an error from the core
 *
 * Whether @error says the work could not be done now, although nothing
 * is wrong with the data: the database was locked, the disk full, or a
 * file or folder read-only. Nothing was written. The command line exits
 * with status 3 for these (README.md, "Command line").
 *
 * Returns: %TRUE for a lock, a full disk or a permission
 */
gboolean
cm_db_error_is_not_now (const GError *error)
{
  if (error == NULL)
    return FALSE;

  if (error->domain == CM_DB_ERROR)
    return error->code == CM_DB_ERROR_BUSY ||
           error->code == CM_DB_ERROR_FULL ||
           error->code == CM_DB_ERROR_READ_ONLY;

  if (error->domain == G_FILE_ERROR)
    return error->code == G_FILE_ERROR_NOSPC ||
           error->code == G_FILE_ERROR_ACCES ||
           error->code == G_FILE_ERROR_PERM;

  return FALSE;
}

/**
 * cm_db_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/commissioner/commissioner.db`
 */
char *
cm_db_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "commissioner", "commissioner.db", NULL);
}

/**
 * cm_db_exec:
 * @self: a #CmDb
 * @sql: one or more statements without parameters
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_db_exec (CmDb        *self,
            const char  *sql,
            GError     **error)
{
  g_return_val_if_fail (CM_IS_DB (self), FALSE);

  if (sqlite3_exec (self->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      cm_db_set_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_db_prepare:
 * @self: a #CmDb
 * @sql: one statement
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the prepared statement
 */
sqlite3_stmt *
cm_db_prepare (CmDb        *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (self), NULL);

  if (sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      cm_db_set_error (self, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

/**
 * cm_db_step_done:
 * @self: a #CmDb
 * @stmt: a statement that returns no rows
 * @error: return location for a #GError
 *
 * Runs @stmt to completion and resets it so it can be bound again.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_db_step_done (CmDb          *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc;

  g_return_val_if_fail (CM_IS_DB (self), FALSE);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;

  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * cm_db_row_exists:
 * @self: a #CmDb
 * @sql: a query with one parameter, ?1, bound to @id
 * @id: the row id to look for
 * @out_exists: (out): whether the query returned a row
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_db_row_exists (CmDb        *self,
                  const char  *sql,
                  gint64       id,
                  gboolean    *out_exists,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (self), FALSE);

  if (!(stmt = cm_db_prepare (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cm_db_set_error (self, error);
      return FALSE;
    }

  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

/**
 * cm_db_query_int64:
 * @self: a #CmDb
 * @sql: a query returning one integer (the first column of the first row)
 * @out_value: (out): the value, 0 when there is no row or it is NULL
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_db_query_int64 (CmDb        *self,
                   const char  *sql,
                   gint64      *out_value,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (self), FALSE);

  if (!(stmt = cm_db_prepare (self, sql, error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_value = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *out_value = 0;
  else
    {
      cm_db_set_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_db_begin:
 * @self: a #CmDb
 * @error: return location for a #GError
 *
 * Starts a write transaction, taking the write lock at once so that a
 * busy database fails here rather than halfway through.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_db_begin (CmDb    *self,
             GError **error)
{
  return cm_db_exec (self, "BEGIN IMMEDIATE", error);
}

/**
 * cm_db_commit:
 * @self: a #CmDb
 * @error: return location for a #GError
 *
 * Commits; on failure the transaction is rolled back so nothing is
 * half written.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_db_commit (CmDb    *self,
              GError **error)
{
  if (!cm_db_exec (self, "COMMIT", error))
    {
      cm_db_rollback (self);
      return FALSE;
    }

  flush_pending (self);
  return TRUE;
}

/**
 * cm_db_rollback:
 * @self: a #CmDb
 *
 * Rolls back the open transaction, if any.
 */
void
cm_db_rollback (CmDb *self)
{
  g_return_if_fail (CM_IS_DB (self));

  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
  g_array_set_size (self->pending, 0);
}

/**
 * cm_db_announce:
 * @self: a #CmDb
 * @kind: what changed
 * @year: the financial year it touches, or 0 for any
 * @half: the cycle's half, or 0
 * @id: the row that changed, or 0 for several
 *
 * Records a change made through this connection. Outside a transaction
 * #CmDb::changed is emitted at once; inside one, when it commits (and not
 * at all if it rolls back). Every write function of the core calls this,
 * so that callers never have to announce anything themselves.
 */
void
cm_db_announce (CmDb         *self,
                CmChangeKind  kind,
                int           year,
                int           half,
                gint64        id)
{
  CmChange change = { kind, year, half, id };

  g_return_if_fail (CM_IS_DB (self));

  if (!sqlite3_get_autocommit (self->handle))
    g_array_append_val (self->pending, change);
  else
    emit_change (self, &change);
}

/**
 * cm_db_copy_handle:
 * @source: an open SQLite connection
 * @dest_path: where to write the copy
 * @error: return location for a #GError
 *
 * Copies the main database of @source with the SQLite online backup API
 * to `DEST.part`, readable by its owner only, and renames it to
 * @dest_path once it is complete: a copy is whole or absent.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_db_copy_handle (sqlite3     *source,
                   const char  *dest_path,
                   GError     **error)
{
  g_autofree char *tmp_path = g_strconcat (dest_path, ".part", NULL);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  guint n_waits = 0;
  int rc;

  g_unlink (tmp_path);

  rc = sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_handle (error, dest_path, dest, rc);
      sqlite3_close (dest);
      g_unlink (tmp_path);
      return FALSE;
    }

  g_chmod (tmp_path, 0600);

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      set_error_from_handle (error, dest_path, dest, SQLITE_ERROR);
      sqlite3_close (dest);
      g_unlink (tmp_path);
      return FALSE;
    }

  /* Copy in steps so a briefly busy source does not fail the whole copy,
   * but give up after about five seconds rather than hang. */
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        {
          if (++n_waits > 100)
            break;
          sqlite3_sleep (50);
        }
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      set_error_full (NULL, error, dest_path, rc, sqlite3_system_errno (dest), sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (tmp_path);
      return FALSE;
    }

  /* A plain rollback journal keeps the copy a single self-contained file. */
  sqlite3_exec (dest, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);

  rc = sqlite3_close (dest);
  if (rc != SQLITE_OK)
    {
      set_error_full (NULL, error, dest_path, rc, 0, sqlite3_errstr (rc));
      g_unlink (tmp_path);
      return FALSE;
    }

  if (g_rename (tmp_path, dest_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), dest_path, g_strerror (saved_errno));
      g_unlink (tmp_path);
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_db_backup:
 * @self: a #CmDb
 * @dest_path: where to write the copy
 * @error: return location for a #GError
 *
 * Writes a consistent copy of the database with the SQLite online backup
 * API, even while another connection writes. The copy appears under
 * @dest_path only when it is complete.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_db_backup (CmDb        *self,
              const char  *dest_path,
              GError     **error)
{
  g_return_val_if_fail (CM_IS_DB (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  return cm_db_copy_handle (self->handle, dest_path, error);
}

static gboolean migrate (CmDb     *self,
                         int       target_version,
                         gboolean  existed,
                         GError  **error);

/* The first column of the first row of @sql on a bare connection. */
static char *
query_handle_text (sqlite3    *handle,
                   const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Opens @source_path for reading, if it is a whole Commissioner database
 * this version reads. */
static sqlite3 *
open_checked_copy (const char  *source_path,
                   gint64      *out_version,
                   GError     **error)
{
  g_autofree char *check = NULL;
  g_autofree char *application_id = NULL;
  g_autofree char *version_text = NULL;
  sqlite3 *source = NULL;
  gint64 version = 0;
  int rc;

  if (!g_file_test (source_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_OPEN,
                   _("The backup “%s” is missing; nothing was changed"), source_path);
      return NULL;
    }

  rc = sqlite3_open_v2 (source_path, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_handle (error, source_path, source, rc);
      sqlite3_close (source);
      return NULL;
    }

  check = query_handle_text (source, "PRAGMA quick_check");
  application_id = query_handle_text (source, "PRAGMA application_id");
  version_text = query_handle_text (source, "PRAGMA user_version");
  if (version_text != NULL)
    version = g_ascii_strtoll (version_text, NULL, 10);

  if (check == NULL || application_id == NULL ||
      g_ascii_strtoll (application_id, NULL, 10) != CM_DB_APPLICATION_ID || version < 1)
    {
      g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_NOT_COMMISSIONER,
                   _("The backup “%s” is not a Commissioner database; nothing was changed"), source_path);
      sqlite3_close (source);
      return NULL;
    }
  if (!g_str_equal (check, "ok"))
    {
      g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_CORRUPT,
                   _("The backup “%s” is damaged (%s); nothing was changed"), source_path, check);
      sqlite3_close (source);
      return NULL;
    }
  if (version > CM_DB_SCHEMA_VERSION)
    {
      g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_TOO_NEW,
                   _("The backup “%s” was written by a newer version of Commissioner (schema %d; this version reads up to %d); nothing was changed"),
                   source_path, (int) version, CM_DB_SCHEMA_VERSION);
      sqlite3_close (source);
      return NULL;
    }

  *out_version = version;
  return source;
}

/**
 * cm_db_check_copy:
 * @source_path: a copy of a Commissioner database
 * @error: return location for a #GError
 *
 * Checks @source_path as cm_db_copy_from() does, without copying it.
 *
 * Returns: %TRUE if it can be restored
 */
gboolean
cm_db_check_copy (const char  *source_path,
                  GError     **error)
{
  gint64 version = 0;
  sqlite3 *source;

  if (!(source = open_checked_copy (source_path, &version, error)))
    return FALSE;

  sqlite3_close (source);
  return TRUE;
}

/**
 * cm_db_copy_from:
 * @self: a #CmDb
 * @source_path: a copy of a Commissioner database
 * @error: return location for a #GError
 *
 * Replaces everything in the database with what @source_path holds,
 * through this connection with the SQLite online backup API, in one
 * write: other connections to the file stay valid and see the new data
 * on their next read. The copy is checked first (a Commissioner database
 * this version reads, `PRAGMA quick_check` ok); a copy of an older schema
 * is upgraded once it is in place.
 *
 * Returns: %TRUE on success; if the copy is refused or fails, nothing was
 *   changed; if upgrading it fails, it stays as it was copied
 */
gboolean
cm_db_copy_from (CmDb        *self,
                 const char  *source_path,
                 GError     **error)
{
  sqlite3 *source = NULL;
  sqlite3_backup *backup;
  gint64 version = 0;
  guint n_waits = 0;
  int rc;

  g_return_val_if_fail (CM_IS_DB (self), FALSE);
  g_return_val_if_fail (source_path != NULL, FALSE);

  if (self->read_only)
    {
      set_error_full (self, error, self->path, SQLITE_READONLY, 0, "");
      return FALSE;
    }

  if (!(source = open_checked_copy (source_path, &version, error)))
    return FALSE;

  backup = sqlite3_backup_init (self->handle, "main", source, "main");
  if (backup == NULL)
    {
      cm_db_set_error (self, error);
      sqlite3_close (source);
      return FALSE;
    }

  /* All pages in one step, so the copy is one write: whole or not at all. */
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        {
          if (++n_waits > 100)
            break;
          sqlite3_sleep (50);
        }
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  sqlite3_close (source);

  if (rc != SQLITE_DONE)
    {
      set_error_full (self, error, self->path, rc, 0, sqlite3_errstr (rc));
      return FALSE;
    }

  self->schema_version = (int) version;
  return migrate (self, CM_DB_SCHEMA_VERSION, TRUE, error);
}

/**
 * cm_db_copy_file:
 * @source_path: a copy of a Commissioner database
 * @dest_path: where to write it
 * @error: return location for a #GError
 *
 * Checks @source_path as cm_db_copy_from() does, then copies it to
 * @dest_path with cm_db_copy_handle(): for a file no connection can open.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_db_copy_file (const char  *source_path,
                 const char  *dest_path,
                 GError     **error)
{
  sqlite3 *source;
  gint64 version = 0;
  gboolean ok;

  if (!(source = open_checked_copy (source_path, &version, error)))
    return FALSE;

  ok = cm_db_copy_handle (source, dest_path, error);
  sqlite3_close (source);
  return ok;
}

/* Fails, naming the first row, when a row refers to one that is missing. */
static gboolean
check_foreign_keys (CmDb    *self,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = cm_db_prepare (self, "PRAGMA foreign_key_check", error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      cm_db_set_error (self, error);
      return FALSE;
    }

  g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_CONSTRAINT,
               _("row %" G_GINT64_FORMAT " of %s refers to a missing row of %s"),
               (gint64) sqlite3_column_int64 (stmt, 1),
               (const char *) sqlite3_column_text (stmt, 0),
               (const char *) sqlite3_column_text (stmt, 2));
  return FALSE;
}

/* cm_user (): who the audit trail names (HACKING.md, "Audit trail").
 * COMMISSIONER_USER stands in for the login name, for tests. */
static void
user_name_func (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  const char *user = g_getenv ("COMMISSIONER_USER");

  if (user == NULL || *user == '\0')
    user = g_get_user_name ();
  sqlite3_result_text (context, user, -1, SQLITE_TRANSIENT);
}

/* cm_audit_each_insert (): FALSE while a bulk import records its new
 * transactions itself (cm_db_set_audit_each_insert()). */
static void
audit_each_insert_func (sqlite3_context  *context,
                        int               argc,
                        sqlite3_value   **argv)
{
  CmDb *self = sqlite3_user_data (context);

  sqlite3_result_int (context, self->audit_each_insert ? 1 : 0);
}

/**
 * cm_db_set_audit_each_insert:
 * @self: a #CmDb
 * @each: whether each new transaction gets its own audit row
 *
 * A bulk import turns this off and records its new rows in a few rows of
 * its own (HACKING.md, "Audit trail"); it must turn it on again.
 */
void
cm_db_set_audit_each_insert (CmDb     *self,
                             gboolean  each)
{
  g_return_if_fail (CM_IS_DB (self));

  self->audit_each_insert = each;
}

static gboolean
migrate (CmDb     *self,
         int       target_version,
         gboolean  existed,
         GError  **error)
{
  if (self->schema_version >= target_version)
    return TRUE;

  if (self->read_only)
    {
      g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_READ_ONLY,
                   _("The database “%s” needs upgrading but is read-only"), self->path);
      return FALSE;
    }

  /* Keep the user's data safe from a failed or unwanted upgrade. */
  if (existed && self->schema_version > 0 && !self->in_memory)
    {
      g_autofree char *backup_path = NULL;

      if (!cm_backups_take (self, CM_BACKUP_BEFORE_UPGRADE, &backup_path, error))
        return FALSE;

      g_free (self->migration_backup);
      self->migration_backup = g_steal_pointer (&backup_path);
    }

  /* A migration that rebuilds a table others refer to drops the old one;
   * with foreign keys on, that would delete or refuse the rows that point
   * at it. They are off while migrating and checked before each commit. */
  if (!cm_db_exec (self, "PRAGMA foreign_keys=OFF", error))
    return FALSE;

  for (int version = self->schema_version + 1; version <= target_version; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version);

      if (!cm_db_begin (self, error))
        return FALSE;

      if (!cm_db_exec (self, migrations[version - 1], error) ||
          !check_foreign_keys (self, error) ||
          !cm_db_exec (self, set_version, error) ||
          (version == 1 && !cm_db_exec (self, "PRAGMA application_id = " G_STRINGIFY (CM_DB_APPLICATION_ID), error)) ||
          !cm_db_commit (self, error))
        {
          cm_db_rollback (self);
          g_prefix_error (error, _("Could not upgrade the database to version %d: "), version);
          return FALSE;
        }

      self->schema_version = version;
    }

  return cm_db_exec (self, "PRAGMA foreign_keys=ON", error);
}

/* Why the database at @path cannot be written, as the whole message, or
 * NULL when it can. SQLite itself only says "readonly database", which
 * blames the file when the folder or a leftover -shm is at fault. */
static char *
describe_read_only (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  gboolean wal_exists = g_file_test (wal, G_FILE_TEST_EXISTS);
  gboolean shm_exists = g_file_test (shm, G_FILE_TEST_EXISTS);

  if (g_access (path, R_OK) != 0 && errno == EACCES)
    return g_strdup_printf (_("Not allowed to use “%s” (%s); nothing was written"), path, g_strerror (EACCES));
  if (g_access (path, W_OK) != 0 && errno != ENOENT)
    return g_strdup_printf (_("The database “%s” is read-only; nothing was written"), path);
  if (wal_exists && g_access (wal, W_OK) != 0)
    return g_strdup_printf (_("“%s” is read-only, so the database “%s” cannot be changed; "
                              "make it writable (it may hold changes not yet in the database); nothing was written"),
                            wal, path);
  if (shm_exists && g_access (shm, W_OK) != 0)
    return g_strdup_printf (_("“%s” is read-only, so the database “%s” cannot be changed; "
                              "delete it while no program is using the database, or make it writable; nothing was written"),
                            shm, path);
  /* Writing in WAL mode needs both files beside the database. */
  if (g_access (dir, W_OK) != 0 && !(wal_exists && shm_exists))
    return g_strdup_printf (_("The folder “%s” is read-only, so the database “%s” cannot be changed; nothing was written"),
                            dir, path);

  return NULL;
}

static int
busy_cb (void *data,
         int   n_calls)
{
  CmDb *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 left;

  if (n_calls == 0)
    {
      self->busy_since = now;
      self->n_notices = 0;
    }
  self->waited_us = now - self->busy_since;
  left = self->wait_us - self->waited_us;
  if (left <= 0)
    return 0;

  if (self->wait_func != NULL &&
      self->waited_us >= NOTICE_AFTER_US + (gint64) self->n_notices * NOTICE_INTERVAL_US)
    {
      self->wait_func (self, self->n_notices * (NOTICE_INTERVAL_US / G_USEC_PER_SEC), self->wait_data);
      self->n_notices++;
    }

  /* Short sleeps first: most locks are held for a moment. */
  g_usleep (MIN (left, n_calls < 20 ? 5000 : 50000));
  return 1;
}

static gboolean
open_handle (CmDb        *self,
             const char  *filename,
             int          flags,
             GError     **error)
{
  int rc;

  /* Each connection stays on the thread that opened it (HACKING.md,
   * "Threads"): no locking per call. */
  rc = sqlite3_open_v2 (filename, &self->handle, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_full (self, error, self->path, rc,
                      self->handle != NULL ? sqlite3_system_errno (self->handle) : 0,
                      self->handle != NULL ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      close_handle (self);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_handler (self->handle, busy_cb, self);
  return TRUE;
}

/* Reads without writing anything, even beside the file. Where nobody can
 * write the database (a read-only file or folder) and no -wal holds
 * changes, it is opened immutable, which needs no -shm and takes no
 * locks. Otherwise a reader may create -wal and -shm, and closing
 * removes them again (remove_wal_files). */
static gboolean
open_read_only (CmDb    *self,
                GError **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);
  gboolean wal_exists = g_file_test (wal, G_FILE_TEST_EXISTS);
  gboolean shm_exists = g_file_test (shm, G_FILE_TEST_EXISTS);
  gboolean writable = g_access (self->path, W_OK) == 0 && g_access (dir, W_OK) == 0;

  self->read_only = TRUE;

  if (!writable && !wal_exists)
    {
      g_autofree char *escaped = g_uri_escape_string (self->path, "/", TRUE);
      g_autofree char *uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);

      return open_handle (self, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, error);
    }

  if (!open_handle (self, self->path, SQLITE_OPEN_READONLY, error))
    return FALSE;

  self->clean_up_wal = writable && !(wal_exists && shm_exists);
  return TRUE;
}

/* Replaces the connection with a copy of the database in memory, which
 * can be written (a dry run, an upgrade) without touching the file. */
static gboolean
copy_into_memory (CmDb    *self,
                  GError **error)
{
  sqlite3 *memory = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &memory, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_handle (error, self->path, memory, rc);
      sqlite3_close (memory);
      return FALSE;
    }

  backup = sqlite3_backup_init (memory, "main", self->handle, "main");
  rc = backup != NULL ? sqlite3_backup_step (backup, -1) : sqlite3_errcode (memory);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      if (backup != NULL)
        cm_db_set_error (self, error);
      else
        set_error_from_handle (error, self->path, memory, rc);
      sqlite3_close (memory);
      return FALSE;
    }

  close_handle (self);
  self->handle = memory;
  sqlite3_extended_result_codes (self->handle, 1);
  self->in_memory = TRUE;
  self->read_only = FALSE;
  return TRUE;
}

static void
set_missing_error (GError     **error,
                   const char  *path,
                   gboolean     empty)
{
  if (empty)
    g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_MISSING,
                 _("%s is empty: it is not a Commissioner database; create one with `commissioner-cli --database %s init`"),
                 path, path);
  else
    g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_MISSING,
                 _("no database at %s; create one with `commissioner-cli --database %s init`"),
                 path, path);
}

static CmDb *
open_database (const char     *path,
               CmDbOpenFlags   flags,
               int             target_version,
               GError        **error)
{
  g_autoptr(CmDb) self = NULL;
  gboolean create = (flags & CM_DB_OPEN_CREATE) != 0;
  gboolean read_only = (flags & (CM_DB_OPEN_READ_ONLY | CM_DB_OPEN_DRY_RUN)) != 0;
  gint64 version = 0;
  gint64 application_id = 0;
  gint64 n_tables = 0;
  gboolean existed;
  GStatBuf st;
  int rc;

  g_return_val_if_fail (target_version >= 0 && target_version <= CM_DB_SCHEMA_VERSION, NULL);
  g_return_val_if_fail (!(create && read_only), NULL);

  self = g_object_new (CM_TYPE_DB, NULL);
  self->path = path != NULL ? g_strdup (path) : cm_db_default_path ();

  if (create)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_OPEN,
                       _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
    }

  /* An empty file holds nothing to keep: creating may use it. */
  if (g_stat (self->path, &st) != 0)
    {
      if (errno == ENOENT && !create)
        {
          set_missing_error (error, self->path, FALSE);
          return NULL;
        }
      existed = FALSE;
    }
  else if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_OPEN,
                   _("“%s” is a folder, not a database file"), self->path);
      return NULL;
    }
  else if (st.st_size == 0 && !create)
    {
      set_missing_error (error, self->path, TRUE);
      return NULL;
    }
  else
    existed = st.st_size > 0;

  /* Before SQLite reads it: a foreign or truncated file is refused
   * untouched, with what is wrong in words a person can act on. */
  if (existed)
    {
      GError *diagnosis = cm_db_diagnose_file (self->path);

      if (diagnosis != NULL)
        {
          g_propagate_error (error, diagnosis);
          return NULL;
        }
    }

  if (!read_only)
    self->read_only_reason = describe_read_only (self->path);

  if (read_only || (self->read_only_reason != NULL && existed && !(flags & CM_DB_OPEN_WRITE)))
    {
      if (!open_read_only (self, error))
        return NULL;
    }
  else if (self->read_only_reason != NULL)
    {
      g_set_error_literal (error, CM_DB_ERROR, CM_DB_ERROR_READ_ONLY, self->read_only_reason);
      return NULL;
    }
  else
    {
      if (!open_handle (self, self->path, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), error))
        return NULL;

      /* One person's data: only they may read it. */
      if (!existed)
        g_chmod (self->path, 0600);

      self->read_only = sqlite3_db_readonly (self->handle, "main") == 1;
    }

  /* Reading the header is what detects a damaged or foreign file. */
  if (!cm_db_query_int64 (self, "PRAGMA user_version", &version, error) ||
      !cm_db_query_int64 (self, "PRAGMA application_id", &application_id, error) ||
      !cm_db_query_int64 (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return NULL;

  if ((version > 0 && application_id != CM_DB_APPLICATION_ID) ||
      (version == 0 && n_tables > 0))
    {
      g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_NOT_COMMISSIONER,
                   _("“%s” is not a Commissioner database: it is another program’s SQLite database"), self->path);
      return NULL;
    }

  if (version > CM_DB_SCHEMA_VERSION)
    {
      g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Commissioner (schema %d; this version reads up to %d)"),
                   self->path, (int) version, CM_DB_SCHEMA_VERSION);
      return NULL;
    }

  self->schema_version = (int) version;

  /* A dry run, or reading an older file: the writes or the upgrade
   * happen in a copy. */
  if ((flags & CM_DB_OPEN_DRY_RUN) || (read_only && version < target_version))
    {
      if (!copy_into_memory (self, error))
        return NULL;
    }

  if (!self->read_only && !self->in_memory)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (!(stmt = cm_db_prepare (self, "PRAGMA journal_mode=WAL", error)))
        return NULL;
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          cm_db_set_error (self, error);
          return NULL;
        }
    }

  /* A county's import touches more pages than the default 2 MB cache
   * holds; spilling them mid-transaction costs more than the import. */
  if (!cm_db_exec (self, "PRAGMA cache_size=-65536", error))
    return NULL;

  /* Each upsert keeps a statement journal so that a failed row can be
   * undone alone; in memory it costs a copy, in a file a write. */
  if (!cm_db_exec (self, "PRAGMA temp_store=MEMORY", error))
    return NULL;

  /* Read pages where they lie instead of copying each into the cache. */
  if (!cm_db_exec (self, "PRAGMA mmap_size=268435456", error))
    return NULL;

  if (!cm_db_exec (self, "PRAGMA foreign_keys=ON", error))
    return NULL;

  /* Before migrating: the audit triggers call them. */
  rc = sqlite3_create_function (self->handle, "cm_user", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                NULL, user_name_func, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (self->handle, "cm_audit_each_insert", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                  self, audit_each_insert_func, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      cm_db_set_error (self, error);
      return NULL;
    }

  if (!migrate (self, target_version, existed, error))
    return NULL;

  /* Only once the file is known to be ours and writable: a file that is
   * refused is left exactly as it was. */
  if (!self->read_only && !self->in_memory)
    cm_db_restrict_mode (self->path);

  return g_steal_pointer (&self);
}

/**
 * cm_db_open_at_version:
 * @path: (nullable): the database file, or %NULL for the default
 * @target_version: the schema version to migrate to
 * @error: return location for a #GError
 *
 * Like cm_db_open() but stops migrating at @target_version.
 *
 * Returns: (transfer full) (nullable): the database
 */
CmDb *
cm_db_open_at_version (const char  *path,
                       int          target_version,
                       GError     **error)
{
  return open_database (path, CM_DB_OPEN_CREATE, target_version, error);
}

/**
 * cm_db_open:
 * @path: (nullable): the database file, or %NULL for the default path
 * @error: return location for a #GError
 *
 * Opens or creates a Commissioner database and migrates it to the current
 * schema, backing an existing file up first (cm_backups_take(), kind
 * %CM_BACKUP_BEFORE_UPGRADE).
 * New files are readable by their owner only. A file that cannot be
 * written is opened for reading (cm_db_is_read_only()).
 *
 * Returns: (transfer full) (nullable): the database
 */
CmDb *
cm_db_open (const char  *path,
            GError     **error)
{
  return open_database (path, CM_DB_OPEN_CREATE, CM_DB_SCHEMA_VERSION, error);
}

/**
 * cm_db_open_full:
 * @path: (nullable): the database file, or %NULL for the default path
 * @flags: whether to create it, only read it, or fail unless it can be
 *   written
 * @error: return location for a #GError
 *
 * Opens a Commissioner database as @flags say. Without
 * %CM_DB_OPEN_CREATE a missing or empty file is refused with
 * %CM_DB_ERROR_MISSING, and no folder is created. With
 * %CM_DB_OPEN_READ_ONLY nothing is written, in the file or beside it.
 * With %CM_DB_OPEN_WRITE a file that cannot be written is refused with
 * %CM_DB_ERROR_READ_ONLY, naming the file or folder at fault.
 *
 * Returns: (transfer full) (nullable): the database
 */
CmDb *
cm_db_open_full (const char     *path,
                 CmDbOpenFlags   flags,
                 GError        **error)
{
  return open_database (path, flags, CM_DB_SCHEMA_VERSION, error);
}

/**
 * cm_db_set_lock_wait:
 * @self: a #CmDb
 * @seconds: how long to wait for another program's lock; 0 fails at once
 * @func: (nullable): called when the wait starts and every few seconds
 * @user_data: for @func
 *
 * Sets how long a statement waits for a lock held by another connection
 * before it fails with %CM_DB_ERROR_BUSY. The default is five seconds.
 */
void
cm_db_set_lock_wait (CmDb         *self,
                     guint         seconds,
                     CmDbWaitFunc  func,
                     gpointer      user_data)
{
  g_return_if_fail (CM_IS_DB (self));

  self->wait_us = (gint64) seconds * G_USEC_PER_SEC;
  self->wait_func = func;
  self->wait_data = user_data;
}

/**
 * cm_db_get_path:
 * @self: a #CmDb
 *
 * Returns: the file name of the database
 */
const char *
cm_db_get_path (CmDb *self)
{
  g_return_val_if_fail (CM_IS_DB (self), NULL);

  return self->path;
}

/**
 * cm_db_get_handle:
 * @self: a #CmDb
 *
 * Returns: (transfer none): the SQLite connection
 */
sqlite3 *
cm_db_get_handle (CmDb *self)
{
  g_return_val_if_fail (CM_IS_DB (self), NULL);

  return self->handle;
}

/**
 * cm_db_get_schema_version:
 * @self: a #CmDb
 *
 * Returns: the schema version of the open database
 */
int
cm_db_get_schema_version (CmDb *self)
{
  g_return_val_if_fail (CM_IS_DB (self), 0);

  return self->schema_version;
}

/**
 * cm_db_is_read_only:
 * @self: a #CmDb
 *
 * Returns: %TRUE if the file could only be opened for reading
 */
gboolean
cm_db_is_read_only (CmDb *self)
{
  g_return_val_if_fail (CM_IS_DB (self), FALSE);

  return self->read_only;
}

/**
 * cm_db_get_migration_backup:
 * @self: a #CmDb
 *
 * Returns: (nullable): the copy taken before the last migration, if any
 */
const char *
cm_db_get_migration_backup (CmDb *self)
{
  g_return_val_if_fail (CM_IS_DB (self), NULL);

  return self->migration_backup;
}

/**
 * cm_db_has_user_data:
 * @self: a #CmDb
 * @out_has_data: (out): whether anything beyond the default catalogue is stored
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_db_has_user_data (CmDb      *self,
                     gboolean  *out_has_data,
                     GError   **error)
{
  gint64 found = 0;

  g_return_val_if_fail (CM_IS_DB (self), FALSE);

  if (!cm_db_query_int64 (self,
                          "SELECT EXISTS (SELECT 1 FROM organisations)"
                          "    OR EXISTS (SELECT 1 FROM staff_groups)"
                          "    OR EXISTS (SELECT 1 FROM competencies WHERE is_default = 0)"
                          "    OR EXISTS (SELECT 1 FROM requirements)"
                          "    OR EXISTS (SELECT 1 FROM streams)"
                          "    OR EXISTS (SELECT 1 FROM commissions)"
                          "    OR EXISTS (SELECT 1 FROM transactions)"
                          "    OR EXISTS (SELECT 1 FROM learners)",
                          &found, error))
    return FALSE;

  *out_has_data = found != 0;
  return TRUE;
}

/**
 * cm_db_count_rows:
 * @self: a #CmDb
 * @table: one of the tables: "organisations", "staff_groups",
 *   "competencies", "requirements", "streams", "commissions",
 *   "transactions"
 * @out_count: (out): the number of rows
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_db_count_rows (CmDb        *self,
                  const char  *table,
                  gint64      *out_count,
                  GError     **error)
{
  static const char * const tables[] = {
    "organisations", "staff_groups", "competencies", "requirements",
    "streams", "commissions", "transactions", NULL,
  };
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CM_IS_DB (self), FALSE);
  g_return_val_if_fail (g_strv_contains (tables, table), FALSE);

  sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  return cm_db_query_int64 (self, sql, out_count, error);
}
