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

#include "cm-change.h"
#include "cm-db.h"
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

/* Saved what-if scenarios (docs/figures.md, "What-if"): a name and the
 * change to each stream it names, never the plan itself. */
static const char migration_6[] =
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
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CM_DB_SCHEMA_VERSION);

static void
cm_db_finalize (GObject *object)
{
  CmDb *self = (CmDb *)object;

  if (self->handle != NULL)
    {
      /* Leaves no -wal/-shm files behind when we were the last user. */
      sqlite3_close_v2 (self->handle);
      self->handle = NULL;
    }

  g_clear_pointer (&self->path, g_free);
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
error_code_from_sqlite (int rc)
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
    case SQLITE_CANTOPEN:
      return CM_DB_ERROR_OPEN;
    default:
      return CM_DB_ERROR_FAILED;
    }
}

static void
set_error_from_code (GError     **error,
                     const char  *path,
                     int          rc,
                     const char  *detail)
{
  CmDbError code = error_code_from_sqlite (rc);

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
      g_set_error (error, CM_DB_ERROR, code,
                   _("The database “%s” is read-only; nothing was changed"), path);
      break;
    case CM_DB_ERROR_BUSY:
      g_set_error (error, CM_DB_ERROR, code,
                   _("The database “%s” is locked by another program; try again when it has finished"), path);
      break;
    case CM_DB_ERROR_FULL:
      g_set_error (error, CM_DB_ERROR, code,
                   _("The disk holding “%s” is full; nothing was changed"), path);
      break;
    case CM_DB_ERROR_OPEN:
      g_set_error (error, CM_DB_ERROR, code,
                   _("Could not open the database “%s” (%s)"), path, detail);
      break;
    case CM_DB_ERROR_CONSTRAINT:
    case CM_DB_ERROR_TOO_NEW:
    case CM_DB_ERROR_FAILED:
    default:
      g_set_error (error, CM_DB_ERROR, code,
                   _("Database error in “%s”: %s"), path, detail);
      break;
    }
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

  set_error_from_code (error, self->path,
                       sqlite3_extended_errcode (self->handle),
                       sqlite3_errmsg (self->handle));
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

static gboolean
copy_database (sqlite3     *source,
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
      set_error_from_code (error, dest_path, rc, dest ? sqlite3_errmsg (dest) : "");
      sqlite3_close (dest);
      g_unlink (tmp_path);
      return FALSE;
    }

  g_chmod (tmp_path, 0600);

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      set_error_from_code (error, dest_path, sqlite3_extended_errcode (dest), sqlite3_errmsg (dest));
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
      set_error_from_code (error, dest_path, rc, sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (tmp_path);
      return FALSE;
    }

  /* A plain rollback journal keeps the copy a single self-contained file. */
  sqlite3_exec (dest, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);

  rc = sqlite3_close (dest);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, dest_path, rc, sqlite3_errstr (rc));
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

  return copy_database (self->handle, dest_path, error);
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
  if (existed && self->schema_version > 0)
    {
      g_autofree char *backup_path = g_strdup_printf ("%s.v%d.bak", self->path, self->schema_version);

      if (!copy_database (self->handle, backup_path, error))
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
  g_autoptr(CmDb) self = NULL;
  g_autofree char *dir = NULL;
  gint64 version = 0;
  gint64 application_id = 0;
  gint64 n_tables = 0;
  gboolean existed;
  int rc;

  g_return_val_if_fail (target_version >= 0 && target_version <= CM_DB_SCHEMA_VERSION, NULL);

  self = g_object_new (CM_TYPE_DB, NULL);
  self->path = path != NULL ? g_strdup (path) : cm_db_default_path ();

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_OPEN,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  existed = g_file_test (self->path, G_FILE_TEST_EXISTS);
  if (existed && g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_OPEN,
                   _("“%s” is a folder, not a database file"), self->path);
      return NULL;
    }

  rc = sqlite3_open_v2 (self->path, &self->handle,
                        /* Each connection stays on the thread that opened
                         * it (HACKING.md, "Threads"): no locking per call. */
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, self->path, rc,
                           self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      return NULL;
    }

  /* One person's data: only they may read it. */
  if (!existed)
    g_chmod (self->path, 0600);

  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, 5000);
  self->read_only = sqlite3_db_readonly (self->handle, "main") == 1;

  /* Reading the header is what detects a damaged or foreign file. */
  if (!cm_db_query_int64 (self, "PRAGMA user_version", &version, error) ||
      !cm_db_query_int64 (self, "PRAGMA application_id", &application_id, error) ||
      !cm_db_query_int64 (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return NULL;

  if ((version > 0 && application_id != CM_DB_APPLICATION_ID) ||
      (version == 0 && n_tables > 0))
    {
      g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_NOT_COMMISSIONER,
                   _("“%s” is not a Commissioner database"), self->path);
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

  if (!self->read_only)
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

  if (!migrate (self, target_version, existed, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * cm_db_open:
 * @path: (nullable): the database file, or %NULL for the default path
 * @error: return location for a #GError
 *
 * Opens or creates a Commissioner database and migrates it to the current
 * schema, copying an existing file to `FILE.vN.bak` before it is changed.
 * New files are readable by their owner only.
 *
 * Returns: (transfer full) (nullable): the database
 */
CmDb *
cm_db_open (const char  *path,
            GError     **error)
{
  return cm_db_open_at_version (path, CM_DB_SCHEMA_VERSION, error);
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
