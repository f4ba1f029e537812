/* cm-import.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-db-private.h"
#include "cm-csv.h"
#include "cm-evaluation-private.h"
#include "cm-fiscal.h"
#include "cm-import.h"
#include "cm-import-private.h"
#include "cm-money.h"
#include "cm-needs.h"

typedef struct _ImportContext ImportContext;

/* Stores one validated row; sets @out_outcome to tell a new row from an
 * update. Errors come from import_row_error() or import_database_error(). */
typedef enum
{
  ROW_INSERTED,
  ROW_UPDATED,
  ROW_UNCHANGED,  /* the row was already stored exactly so: nothing written */
} RowOutcome;

typedef gboolean (*ImportRowFunc) (ImportContext        *ctx,
                                   const CmImportValue  *values,
                                   RowOutcome           *out_outcome,
                                   GError              **error);

/*
 * A kind of CSV file: its columns and how a row is stored. The generic
 * row function binds column N as SQL parameter ?N to exists_sql (a query
 * that returns a row when the key is already stored) and then to
 * upsert_sql. A kind with rules across columns supplies its own row
 * function instead.
 */
typedef struct
{
  const char           *name;
  const CmImportColumn *columns;
  guint                 n_columns;
  const char           *exists_sql;
  const char           *upsert_sql;
  ImportRowFunc         row;
  CmChangeKind          change;      /* what a successful import announces */
} ImportKind;

struct _ImportContext
{
  CmDb              *db;
  const ImportKind  *kind;
  const char        *file;
  GPtrArray         *header;        /* names as written, trimmed */
  int               *field_column;  /* per header field: kind column or -1 */
  int               *column_field;  /* per kind column: header field or -1 */
  CmImportValue     *values;        /* per kind column, for the current row */
  sqlite3_stmt      *exists;
  sqlite3_stmt      *upsert;
  sqlite3_stmt     **lookups;       /* per kind column, prepared on first use */
  sqlite3_stmt      *commission_year; /* for a stream named in a commission's year */
  GHashTable       **found;         /* per kind column: name or code -> &id, so
                                     * that a file naming the same commission
                                     * 500 times looks it up once */
  GHashTable        *spend;         /* spend: folded key -> StoredSpend */
  CmChargeSync      *charges;       /* bookings: their DNA charges */
  sqlite3_stmt      *insert;        /* spend: a new transaction */
  sqlite3_stmt      *update;        /* spend: a changed one, by id */
  guint              n_lines;       /* lines in the file, an upper bound on rows */
  gboolean           rebuild_indexes;
  gint64             last_stored_id;   /* a bulk import's new rows come after it */
  GHashTable        *keys;          /* key of each row so far -> its line */
  GPtrArray         *changes;       /* of CmImportChange, or NULL */
  guint              header_line;
  guint              line;          /* of the current row */
};

G_DEFINE_QUARK (cm-import-error-quark, cm_import_error)

/* How much of a problem and of a column's name a message shows. */
#define MAX_MESSAGE_CHARS 500
#define MAX_COLUMN_CHARS 80

static const CmImportColumn organisation_columns[] = {
  { .name = "name", .type = CM_IMPORT_TEXT, .flags = CM_IMPORT_KEY, .db_column = "name" },
  { .name = "kind", .type = CM_IMPORT_VOCABULARY, .vocabulary = CM_DOMAIN_ORGANISATION_KIND, .db_column = "kind" },
};

static const CmImportColumn staff_group_columns[] = {
  { .name = "name", .type = CM_IMPORT_TEXT, .flags = CM_IMPORT_KEY, .db_column = "name" },
  { .name = "organisation", .type = CM_IMPORT_REFERENCE, .target = CM_IMPORT_TARGET_ORGANISATION, .db_column = "organisation_id" },
  { .name = "sector", .type = CM_IMPORT_VOCABULARY, .vocabulary = CM_DOMAIN_SECTOR, .db_column = "sector" },
  { .name = "headcount", .type = CM_IMPORT_INTEGER, .min = 0, .max = 100000, .db_column = "headcount" },
  { .name = "turnover_percent", .type = CM_IMPORT_PERCENT, .min = 0, .max = 10000, .db_column = "turnover_bp" },
};

static const CmImportColumn competency_columns[] = {
  { .name = "code", .type = CM_IMPORT_TEXT, .flags = CM_IMPORT_KEY, .db_column = "code" },
  { .name = "name", .type = CM_IMPORT_TEXT, .db_column = "name" },
  { .name = "category", .type = CM_IMPORT_VOCABULARY, .vocabulary = CM_DOMAIN_CATEGORY, .db_column = "category" },
  { .name = "mandatory", .type = CM_IMPORT_YES_NO, .db_column = "mandatory" },
  { .name = "refresh_months", .type = CM_IMPORT_INTEGER, .min = 0, .max = 600, .db_column = "refresh_months" },
  { .name = "risk", .type = CM_IMPORT_INTEGER, .min = 1, .max = 3, .db_column = "risk" },
  { .name = "strategic", .type = CM_IMPORT_INTEGER, .min = 0, .max = 2, .db_column = "strategic" },
  { .name = "days", .type = CM_IMPORT_HALF_DAYS, .min = 1, .max = 400, .db_column = "half_days" },
  { .name = "capacity", .type = CM_IMPORT_INTEGER, .min = 1, .max = 10000, .db_column = "capacity" },
};

static const CmImportColumn requirement_columns[] = {
  { .name = "year", .type = CM_IMPORT_INTEGER, .flags = CM_IMPORT_KEY, .min = 1900, .max = 9999, .db_column = "year" },
  { .name = "half", .type = CM_IMPORT_INTEGER, .flags = CM_IMPORT_KEY, .min = 1, .max = 2, .db_column = "half" },
  { .name = "staff_group", .type = CM_IMPORT_REFERENCE, .flags = CM_IMPORT_KEY, .target = CM_IMPORT_TARGET_STAFF_GROUP, .db_column = "staff_group_id" },
  { .name = "competency", .type = CM_IMPORT_REFERENCE, .flags = CM_IMPORT_KEY, .target = CM_IMPORT_TARGET_COMPETENCY, .db_column = "competency_id" },
  { .name = "coverage_percent", .type = CM_IMPORT_PERCENT, .min = 0, .max = 10000, .db_column = "coverage_bp" },
  { .name = "compliant", .type = CM_IMPORT_INTEGER, .min = 0, .max = 1000000, .db_column = "compliant" },
  { .name = "expiring", .type = CM_IMPORT_INTEGER, .min = 0, .max = 1000000, .db_column = "expiring" },
  { .name = "evidence", .type = CM_IMPORT_INTEGER, .min = 0, .max = 2, .db_column = "evidence" },
};

/* Funding streams, commissions, splits and spend (the budget planner). */
static const CmImportColumn stream_columns[] = {
  /* A stream's code is unique within its year (docs/figures.md, "Funding streams and their years"). */
  { .name = "code", .type = CM_IMPORT_TEXT, .flags = CM_IMPORT_KEY, .db_column = "code" },
  { .name = "name", .type = CM_IMPORT_TEXT, .db_column = "name" },
  { .name = "funder", .type = CM_IMPORT_VOCABULARY, .vocabulary = CM_DOMAIN_FUNDER, .db_column = "funder" },
  { .name = "year", .type = CM_IMPORT_INTEGER, .flags = CM_IMPORT_KEY, .min = 1900, .max = 9999, .db_column = "year" },
  { .name = "allocation", .type = CM_IMPORT_MONEY, .min = 0, .max = G_GINT64_CONSTANT (100000000000), .db_column = "allocation_pence" },
  { .name = "ring_fenced", .type = CM_IMPORT_YES_NO, .db_column = "ring_fenced" },
  { .name = "expiry", .type = CM_IMPORT_DATE, .flags = CM_IMPORT_OPTIONAL, .db_column = "expiry" },
  { .name = "min_pvi_percent", .type = CM_IMPORT_PERCENT, .min = 0, .max = 10000, .db_column = "min_pvi_bp" },
  { .name = "return", .type = CM_IMPORT_VOCABULARY, .vocabulary = CM_DOMAIN_RETURN_KIND, .db_column = "return_kind" },
  /* Stored in stream_categories by import_stream_row(), not bound. */
  { .name = "eligible_categories", .type = CM_IMPORT_TEXT, .flags = CM_IMPORT_OPTIONAL, .db_column = "category" },
};

static const CmImportColumn commission_columns[] = {
  { .name = "code", .type = CM_IMPORT_TEXT, .flags = CM_IMPORT_KEY, .db_column = "code" },
  { .name = "title", .type = CM_IMPORT_TEXT, .db_column = "title" },
  { .name = "competency", .type = CM_IMPORT_REFERENCE, .flags = CM_IMPORT_OPTIONAL, .target = CM_IMPORT_TARGET_COMPETENCY, .db_column = "competency_id" },
  { .name = "year", .type = CM_IMPORT_INTEGER, .min = 1900, .max = 9999, .db_column = "year" },
  { .name = "half", .type = CM_IMPORT_INTEGER, .min = 1, .max = 2, .db_column = "half" },
  { .name = "provider", .type = CM_IMPORT_TEXT, .db_column = "provider" },
  { .name = "status", .type = CM_IMPORT_VOCABULARY, .vocabulary = CM_DOMAIN_COMMISSION_STATUS, .db_column = "status" },
  { .name = "events", .type = CM_IMPORT_INTEGER, .min = 0, .max = 10000, .db_column = "events" },
  { .name = "days", .type = CM_IMPORT_HALF_DAYS, .min = 0, .max = 400, .db_column = "half_days" },
  { .name = "places", .type = CM_IMPORT_INTEGER, .min = 0, .max = 10000, .db_column = "places" },
  { .name = "fee_per_event", .type = CM_IMPORT_MONEY, .min = 0, .max = G_GINT64_CONSTANT (100000000000), .db_column = "fee_per_event_pence" },
  { .name = "venue_per_day", .type = CM_IMPORT_MONEY, .min = 0, .max = G_GINT64_CONSTANT (100000000000), .db_column = "venue_per_day_pence" },
  { .name = "cost_per_place", .type = CM_IMPORT_MONEY, .min = 0, .max = G_GINT64_CONSTANT (100000000000), .db_column = "cost_per_place_pence" },
  { .name = "materials_per_place", .type = CM_IMPORT_MONEY, .min = 0, .max = G_GINT64_CONSTANT (100000000000), .db_column = "materials_per_place_pence" },
  { .name = "pvi_places", .type = CM_IMPORT_INTEGER, .min = 0, .max = 10000, .db_column = "pvi_places" },
};

static const CmImportColumn split_columns[] = {
  { .name = "commission", .type = CM_IMPORT_REFERENCE, .flags = CM_IMPORT_KEY, .target = CM_IMPORT_TARGET_COMMISSION, .db_column = "commission_id" },
  { .name = "stream", .type = CM_IMPORT_REFERENCE, .flags = CM_IMPORT_KEY, .target = CM_IMPORT_TARGET_STREAM, .db_column = "stream_id", .year_from = 1 },
  { .name = "percent", .type = CM_IMPORT_PERCENT, .flags = CM_IMPORT_OPTIONAL, .min = 0, .max = 10000, .db_column = "percent_bp" },
  { .name = "amount", .type = CM_IMPORT_MONEY, .flags = CM_IMPORT_OPTIONAL, .min = 0, .max = G_GINT64_CONSTANT (100000000000), .db_column = "amount_pence" },
};

static const CmImportColumn spend_columns[] = {
  { .name = "date", .type = CM_IMPORT_DATE, .db_column = "date" },
  { .name = "amount", .type = CM_IMPORT_MONEY, .min = G_GINT64_CONSTANT (-100000000000), .max = G_GINT64_CONSTANT (100000000000), .db_column = "amount_pence" },
  { .name = "commission", .type = CM_IMPORT_REFERENCE, .flags = CM_IMPORT_OPTIONAL, .target = CM_IMPORT_TARGET_COMMISSION, .db_column = "commission_id" },
  { .name = "stream", .type = CM_IMPORT_REFERENCE, .flags = CM_IMPORT_OPTIONAL, .target = CM_IMPORT_TARGET_STREAM, .db_column = "stream_id", .year_from = 1 },
  { .name = "supplier", .type = CM_IMPORT_TEXT, .flags = CM_IMPORT_KEY | CM_IMPORT_FOLD_CASE, .db_column = "supplier" },
  { .name = "reference", .type = CM_IMPORT_TEXT, .flags = CM_IMPORT_KEY | CM_IMPORT_FOLD_CASE, .db_column = "reference" },
  { .name = "kind", .type = CM_IMPORT_VOCABULARY, .vocabulary = CM_DOMAIN_TRANSACTION_KIND, .db_column = "kind" },
};

/* The evaluation tracker. */
static const CmImportColumn event_columns[] = {
  { .name = "code", .type = CM_IMPORT_TEXT, .flags = CM_IMPORT_KEY, .db_column = "code" },
  { .name = "commission", .type = CM_IMPORT_REFERENCE, .target = CM_IMPORT_TARGET_COMMISSION, .db_column = "commission_id" },
  { .name = "date", .type = CM_IMPORT_DATE, .db_column = "date" },
  { .name = "venue", .type = CM_IMPORT_TEXT, .db_column = "venue" },
  { .name = "places", .type = CM_IMPORT_INTEGER, .min = 0, .max = 10000, .db_column = "places" },
};

static const CmImportColumn learner_columns[] = {
  { .name = "ref", .type = CM_IMPORT_TEXT, .flags = CM_IMPORT_KEY, .db_column = "ref" },
  { .name = "organisation", .type = CM_IMPORT_REFERENCE, .target = CM_IMPORT_TARGET_ORGANISATION, .db_column = "organisation_id" },
  { .name = "staff_group", .type = CM_IMPORT_REFERENCE, .flags = CM_IMPORT_OPTIONAL, .target = CM_IMPORT_TARGET_STAFF_GROUP, .db_column = "staff_group_id" },
  { .name = "name", .type = CM_IMPORT_TEXT, .flags = CM_IMPORT_OPTIONAL, .db_column = "name" },
  { .name = "email", .type = CM_IMPORT_TEXT, .flags = CM_IMPORT_OPTIONAL, .db_column = "email" },
};

static const CmImportColumn booking_columns[] = {
  { .name = "event", .type = CM_IMPORT_REFERENCE, .flags = CM_IMPORT_KEY, .target = CM_IMPORT_TARGET_EVENT, .db_column = "event_id" },
  { .name = "learner", .type = CM_IMPORT_REFERENCE, .flags = CM_IMPORT_KEY, .target = CM_IMPORT_TARGET_LEARNER, .db_column = "learner_id" },
  { .name = "status", .type = CM_IMPORT_VOCABULARY, .vocabulary = CM_DOMAIN_BOOKING_STATUS, .db_column = "status" },
};

/* Without a learner, a row is a new anonymous form: NULL never matches
 * the unique (event_id, learner_id), so it is always inserted. */
static const CmImportColumn feedback_columns[] = {
  { .name = "event", .type = CM_IMPORT_REFERENCE, .flags = CM_IMPORT_KEY, .target = CM_IMPORT_TARGET_EVENT, .db_column = "event_id" },
  { .name = "learner", .type = CM_IMPORT_REFERENCE, .flags = CM_IMPORT_KEY | CM_IMPORT_OPTIONAL, .target = CM_IMPORT_TARGET_LEARNER, .db_column = "learner_id" },
  { .name = "content", .type = CM_IMPORT_INTEGER, .min = 1, .max = 5, .db_column = "content" },
  { .name = "trainer", .type = CM_IMPORT_INTEGER, .min = 1, .max = 5, .db_column = "trainer" },
  { .name = "venue", .type = CM_IMPORT_INTEGER, .min = 1, .max = 5, .db_column = "venue" },
  { .name = "relevance", .type = CM_IMPORT_INTEGER, .min = 1, .max = 5, .db_column = "relevance" },
  { .name = "confidence_before", .type = CM_IMPORT_INTEGER, .min = 1, .max = 5, .db_column = "confidence_before" },
  { .name = "confidence_after", .type = CM_IMPORT_INTEGER, .min = 1, .max = 5, .db_column = "confidence_after" },
};

static const CmImportColumn followup_columns[] = {
  { .name = "event", .type = CM_IMPORT_REFERENCE, .flags = CM_IMPORT_KEY, .target = CM_IMPORT_TARGET_EVENT, .db_column = "event_id" },
  { .name = "learner", .type = CM_IMPORT_REFERENCE, .flags = CM_IMPORT_KEY, .target = CM_IMPORT_TARGET_LEARNER, .db_column = "learner_id" },
  { .name = "date", .type = CM_IMPORT_DATE, .db_column = "date" },
  { .name = "applied", .type = CM_IMPORT_INTEGER, .min = 0, .max = 3, .db_column = "applied" },
  { .name = "comment", .type = CM_IMPORT_TEXT, .flags = CM_IMPORT_OPTIONAL, .db_column = "comment" },
};

static gboolean import_booking_row    (ImportContext        *ctx,
                                       const CmImportValue  *values,
                                       RowOutcome           *out_outcome,
                                       GError              **error);
static gboolean import_stream_row     (ImportContext        *ctx,
                                       const CmImportValue  *values,
                                       RowOutcome           *out_outcome,
                                       GError              **error);
static gboolean import_commission_row (ImportContext        *ctx,
                                       const CmImportValue  *values,
                                       RowOutcome           *out_outcome,
                                       GError              **error);
static gboolean import_split_row      (ImportContext        *ctx,
                                       const CmImportValue  *values,
                                       RowOutcome           *out_outcome,
                                       GError              **error);
static gboolean import_requirement_row (ImportContext       *ctx,
                                        const CmImportValue *values,
                                        RowOutcome          *out_outcome,
                                        GError             **error);
static gboolean prepare_spend         (ImportContext        *ctx,
                                       GError              **error);
static gboolean import_spend_row      (ImportContext        *ctx,
                                       const CmImportValue  *values,
                                       RowOutcome           *out_outcome,
                                       GError              **error);

static const ImportKind kinds[] = {
  {
    "organisations",
    organisation_columns, G_N_ELEMENTS (organisation_columns),
    "SELECT 1 FROM organisations WHERE name = ?1",
    "INSERT INTO organisations (name, kind) VALUES (?1, ?2)"
    " ON CONFLICT (name) DO UPDATE SET kind = excluded.kind"
    " WHERE kind IS NOT excluded.kind",
    NULL,
    CM_CHANGE_WORKFORCE,
  },
  {
    "staff-groups",
    staff_group_columns, G_N_ELEMENTS (staff_group_columns),
    "SELECT 1 FROM staff_groups WHERE name = ?1",
    "INSERT INTO staff_groups (name, organisation_id, sector, headcount, turnover_bp)"
    " VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (name) DO UPDATE SET organisation_id = excluded.organisation_id,"
    " sector = excluded.sector, headcount = excluded.headcount,"
    " turnover_bp = excluded.turnover_bp"
    " WHERE (organisation_id, sector, headcount, turnover_bp) IS NOT"
    " (excluded.organisation_id, excluded.sector, excluded.headcount, excluded.turnover_bp)",
    NULL,
    CM_CHANGE_WORKFORCE,
  },
  {
    /* Imported competencies are the user's own; updating one of the
     * default catalogue keeps it marked as a default. */
    "competencies",
    competency_columns, G_N_ELEMENTS (competency_columns),
    "SELECT 1 FROM competencies WHERE code = ?1",
    "INSERT INTO competencies (code, name, category, mandatory, refresh_months,"
    " risk, strategic, half_days, capacity, is_default)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0)"
    " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
    " category = excluded.category, mandatory = excluded.mandatory,"
    " refresh_months = excluded.refresh_months, risk = excluded.risk,"
    " strategic = excluded.strategic, half_days = excluded.half_days,"
    " capacity = excluded.capacity"
    " WHERE (name, category, mandatory, refresh_months, risk, strategic, half_days, capacity) IS NOT"
    " (excluded.name, excluded.category, excluded.mandatory, excluded.refresh_months,"
    "  excluded.risk, excluded.strategic, excluded.half_days, excluded.capacity)",
    NULL,
    CM_CHANGE_CATALOGUE,
  },
  {
    /* One needs analysis line; the cycle's row in `cycles` is not needed:
     * cycles with lines are listed from the lines themselves. */
    "requirements",
    requirement_columns, G_N_ELEMENTS (requirement_columns),
    "SELECT 1 FROM requirements WHERE year = ?1 AND half = ?2"
    " AND staff_group_id = ?3 AND competency_id = ?4",
    "INSERT INTO requirements (year, half, staff_group_id, competency_id,"
    " coverage_bp, compliant, expiring, evidence)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT (year, half, staff_group_id, competency_id) DO UPDATE SET"
    " coverage_bp = excluded.coverage_bp, compliant = excluded.compliant,"
    " expiring = excluded.expiring, evidence = excluded.evidence"
    " WHERE (coverage_bp, compliant, expiring, evidence) IS NOT"
    " (excluded.coverage_bp, excluded.compliant, excluded.expiring, excluded.evidence)",
    import_requirement_row,
    CM_CHANGE_REQUIREMENTS,
  },
  {
    "streams",
    stream_columns, G_N_ELEMENTS (stream_columns),
    "SELECT 1 FROM streams WHERE code = ?1 AND year = ?4",
    "INSERT INTO streams (code, name, funder, year, allocation_pence, ring_fenced,"
    " expiry, min_pvi_bp, return_kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (code, year) DO UPDATE SET name = excluded.name, funder = excluded.funder,"
    " allocation_pence = excluded.allocation_pence,"
    " ring_fenced = excluded.ring_fenced, expiry = excluded.expiry,"
    " min_pvi_bp = excluded.min_pvi_bp, return_kind = excluded.return_kind"
    " WHERE (name, funder, allocation_pence, ring_fenced, expiry, min_pvi_bp, return_kind) IS NOT"
    " (excluded.name, excluded.funder, excluded.allocation_pence,"
    "  excluded.ring_fenced, excluded.expiry, excluded.min_pvi_bp, excluded.return_kind)",
    import_stream_row,
    CM_CHANGE_STREAMS,
  },
  {
    /* The outcome narrative is the evaluation's, so it is left alone. */
    "commissions",
    commission_columns, G_N_ELEMENTS (commission_columns),
    "SELECT 1 FROM commissions WHERE code = ?1",
    "INSERT INTO commissions (code, title, competency_id, year, half, provider, status,"
    " events, half_days, places, fee_per_event_pence, venue_per_day_pence,"
    " cost_per_place_pence, materials_per_place_pence, pvi_places)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
    " ON CONFLICT (code) DO UPDATE SET title = excluded.title,"
    " competency_id = excluded.competency_id, year = excluded.year, half = excluded.half,"
    " provider = excluded.provider, status = excluded.status, events = excluded.events,"
    " half_days = excluded.half_days, places = excluded.places,"
    " fee_per_event_pence = excluded.fee_per_event_pence,"
    " venue_per_day_pence = excluded.venue_per_day_pence,"
    " cost_per_place_pence = excluded.cost_per_place_pence,"
    " materials_per_place_pence = excluded.materials_per_place_pence,"
    " pvi_places = excluded.pvi_places"
    " WHERE (title, competency_id, year, half, provider, status, events, half_days, places,"
    "        fee_per_event_pence, venue_per_day_pence, cost_per_place_pence,"
    "        materials_per_place_pence, pvi_places) IS NOT"
    " (excluded.title, excluded.competency_id, excluded.year, excluded.half, excluded.provider,"
    "  excluded.status, excluded.events, excluded.half_days, excluded.places,"
    "  excluded.fee_per_event_pence, excluded.venue_per_day_pence, excluded.cost_per_place_pence,"
    "  excluded.materials_per_place_pence, excluded.pvi_places)",
    import_commission_row,
    CM_CHANGE_COMMISSIONS,
  },
  {
    "splits",
    split_columns, G_N_ELEMENTS (split_columns),
    "SELECT 1 FROM splits WHERE commission_id = ?1 AND stream_id = ?2",
    "INSERT INTO splits (commission_id, stream_id, percent_bp, amount_pence)"
    " VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (commission_id, stream_id) DO UPDATE SET"
    " percent_bp = excluded.percent_bp, amount_pence = excluded.amount_pence"
    " WHERE (percent_bp, amount_pence) IS NOT (excluded.percent_bp, excluded.amount_pence)",
    import_split_row,
    CM_CHANGE_SPLITS,
  },
  {
    "spend",
    spend_columns, G_N_ELEMENTS (spend_columns),
    /* Keyed on supplier and reference; see import_spend_row(). */
    NULL,
    NULL,
    import_spend_row,
    CM_CHANGE_TRANSACTIONS,
  },
  {
    "events",
    event_columns, G_N_ELEMENTS (event_columns),
    "SELECT 1 FROM events WHERE code = ?1",
    "INSERT INTO events (code, commission_id, date, venue, places) VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (code) DO UPDATE SET commission_id = excluded.commission_id,"
    " date = excluded.date, venue = excluded.venue, places = excluded.places"
    " WHERE (commission_id, date, venue, places) IS NOT"
    " (excluded.commission_id, excluded.date, excluded.venue, excluded.places)",
    NULL,
    CM_CHANGE_EVALUATION,
  },
  {
    "learners",
    learner_columns, G_N_ELEMENTS (learner_columns),
    "SELECT 1 FROM learners WHERE ref = ?1",
    "INSERT INTO learners (ref, organisation_id, staff_group_id, name, email) VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (ref) DO UPDATE SET organisation_id = excluded.organisation_id,"
    " staff_group_id = excluded.staff_group_id, name = excluded.name, email = excluded.email"
    " WHERE (organisation_id, staff_group_id, name, email) IS NOT"
    " (excluded.organisation_id, excluded.staff_group_id, excluded.name, excluded.email)",
    NULL,
    CM_CHANGE_EVALUATION,
  },
  {
    "bookings",
    booking_columns, G_N_ELEMENTS (booking_columns),
    "SELECT 1 FROM bookings WHERE event_id = ?1 AND learner_id = ?2",
    "INSERT INTO bookings (event_id, learner_id, status) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (event_id, learner_id) DO UPDATE SET status = excluded.status"
    " WHERE status IS NOT excluded.status",
    import_booking_row,
    CM_CHANGE_EVALUATION,
  },
  {
    "feedback",
    feedback_columns, G_N_ELEMENTS (feedback_columns),
    "SELECT 1 FROM feedback WHERE event_id = ?1 AND learner_id = ?2",
    "INSERT INTO feedback (event_id, learner_id, content, trainer, venue, relevance,"
    " confidence_before, confidence_after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT (event_id, learner_id) DO UPDATE SET content = excluded.content,"
    " trainer = excluded.trainer, venue = excluded.venue, relevance = excluded.relevance,"
    " confidence_before = excluded.confidence_before, confidence_after = excluded.confidence_after"
    " WHERE (content, trainer, venue, relevance, confidence_before, confidence_after) IS NOT"
    " (excluded.content, excluded.trainer, excluded.venue, excluded.relevance,"
    "  excluded.confidence_before, excluded.confidence_after)",
    NULL,
    CM_CHANGE_EVALUATION,
  },
  {
    "followups",
    followup_columns, G_N_ELEMENTS (followup_columns),
    "SELECT 1 FROM followups WHERE event_id = ?1 AND learner_id = ?2",
    "INSERT INTO followups (event_id, learner_id, date, applied, comment)"
    " VALUES (?1, ?2, ?3, ?4, coalesce (?5, ''))"
    " ON CONFLICT (event_id, learner_id) DO UPDATE SET date = excluded.date,"
    " applied = excluded.applied, comment = excluded.comment"
    " WHERE (date, applied, comment) IS NOT (excluded.date, excluded.applied, excluded.comment)",
    NULL,
    CM_CHANGE_EVALUATION,
  },
};

static const char * const kind_names[] = {
  "organisations",
  "staff-groups",
  "competencies",
  "requirements",
  "streams",
  "commissions",
  "splits",
  "spend",
  "events",
  "learners",
  "bookings",
  "feedback",
  "followups",
  NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == G_N_ELEMENTS (kinds) + 1);

/* How each reference target is found by its unique name or code; a
 * stream's code is unique within its year, ?2. */
static const char * const target_sql[] = {
  [CM_IMPORT_TARGET_NONE] = NULL,
  [CM_IMPORT_TARGET_ORGANISATION] = "SELECT id FROM organisations WHERE name = ?1",
  [CM_IMPORT_TARGET_STAFF_GROUP] = "SELECT id FROM staff_groups WHERE name = ?1",
  [CM_IMPORT_TARGET_COMPETENCY] = "SELECT id FROM competencies WHERE code = ?1",
  [CM_IMPORT_TARGET_COMMISSION] = "SELECT id FROM commissions WHERE code = ?1",
  [CM_IMPORT_TARGET_STREAM] = "SELECT id FROM streams WHERE code = ?1 AND year = ?2",
  [CM_IMPORT_TARGET_EVENT] = "SELECT id FROM events WHERE code = ?1",
  [CM_IMPORT_TARGET_LEARNER] = "SELECT id FROM learners WHERE ref = ?1",
};

/**
 * cm_import_kinds:
 *
 * Returns: (transfer none): the %NULL-terminated names of the kinds of
 *   CSV file that can be imported, as the command line spells them
 */
const char * const *
cm_import_kinds (void)
{
  return kind_names;
}

static const ImportKind *
find_kind (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].name, name) == 0)
      return &kinds[i];

  return NULL;
}

static void
set_unknown_kind (GError     **error,
                  const char  *name)
{
  g_autofree char *names = g_strjoinv (", ", (char **) kind_names);

  g_set_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_UNKNOWN_KIND,
               _("Unknown import kind “%s” (kinds: %s)"), name, names);
}

/* Parsing of field text. */

static void
set_value_error (GError     **error,
                 const char  *message)
{
  g_set_error_literal (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW, message);
}

static char *
format_integer (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* Hundredths as "12", "12.5" or "12.25". */
static char *
format_hundredths (gint64 value)
{
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
  const char *sign = value < 0 ? "-" : "";
  guint64 whole = magnitude / 100;
  guint fraction = (guint) (magnitude % 100);

  if (fraction == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, whole);
  if (fraction % 10 == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%u", sign, whole, fraction / 10);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", sign, whole, fraction);
}

/* A whole number of plain digits; a sign only when @signed_ok. */
static gboolean
parse_integer (const char *text,
               gboolean    signed_ok,
               gint64     *out_value)
{
  const char *p = text;
  gboolean negative = FALSE;
  gint64 value = 0;
  guint n_digits = 0;

  if (*p == '-' || *p == '+')
    {
      if (!signed_ok)
        return FALSE;
      negative = *p == '-';
      p++;
    }

  for (; g_ascii_isdigit (*p); p++)
    {
      /* Eighteen digits always fit in a gint64. */
      if (++n_digits > 18)
        return FALSE;
      value = value * 10 + (*p - '0');
    }

  if (n_digits == 0 || *p != '\0')
    return FALSE;

  *out_value = negative ? -value : value;
  return TRUE;
}

/* A decimal with at most two decimals, in hundredths: "12", "12.5", ".5". */
static gboolean
parse_hundredths (const char *text,
                  gboolean    signed_ok,
                  gint64     *out_value)
{
  const char *p = text;
  gboolean negative = FALSE;
  gint64 whole = 0;
  gint64 fraction = 0;
  guint n_whole = 0;
  guint n_fraction = 0;

  if (*p == '-' || *p == '+')
    {
      if (!signed_ok)
        return FALSE;
      negative = *p == '-';
      p++;
    }

  for (; g_ascii_isdigit (*p); p++)
    {
      if (++n_whole > 15)
        return FALSE;
      whole = whole * 10 + (*p - '0');
    }

  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++)
        {
          if (++n_fraction > 2)
            return FALSE;
          fraction = fraction * 10 + (*p - '0');
        }
      if (n_fraction == 0)
        return FALSE;
      if (n_fraction == 1)
        fraction *= 10;
    }

  if ((n_whole == 0 && n_fraction == 0) || *p != '\0')
    return FALSE;

  *out_value = (negative ? -1 : 1) * (whole * 100 + fraction);
  return TRUE;
}

static gboolean
parse_percent (const char *text,
               gboolean    signed_ok,
               gint64     *out_bp)
{
  g_autofree char *copy = g_strdup (text);
  gsize len = strlen (copy);

  /* "11%" and "11 %" both mean 11. */
  if (len > 0 && copy[len - 1] == '%')
    {
      copy[len - 1] = '\0';
      g_strchomp (copy);
    }

  return parse_hundredths (copy, signed_ok, out_bp);
}

static gboolean
parse_yes_no (const char *text,
              gint64     *out_value)
{
  static const char * const yes[] = { "yes", "y", "true", "1" };
  static const char * const no[] = { "no", "n", "false", "0" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0)
        {
          *out_value = 1;
          return TRUE;
        }
      if (g_ascii_strcasecmp (text, no[i]) == 0)
        {
          *out_value = 0;
          return TRUE;
        }
    }

  return FALSE;
}

static char *
describe_bad_vocabulary (CmDomainSet  set,
                         const char  *text)
{
  g_autofree char *values = cm_domain_describe_values (set);

  switch (set)
    {
    case CM_DOMAIN_ORGANISATION_KIND:
      return g_strdup_printf (_("“%s” is not an organisation kind (expected %s)"), text, values);
    case CM_DOMAIN_SECTOR:
      return g_strdup_printf (_("“%s” is not a sector (expected %s)"), text, values);
    case CM_DOMAIN_CATEGORY:
      return g_strdup_printf (_("“%s” is not a competency category (expected %s)"), text, values);
    case CM_DOMAIN_COMMISSION_STATUS:
      return g_strdup_printf (_("“%s” is not a commission status (expected %s)"), text, values);
    case CM_DOMAIN_FUNDER:
      return g_strdup_printf (_("“%s” is not a funder (expected %s)"), text, values);
    case CM_DOMAIN_RETURN_KIND:
      return g_strdup_printf (_("“%s” is not a return kind (expected %s)"), text, values);
    case CM_DOMAIN_BOOKING_STATUS:
      return g_strdup_printf (_("“%s” is not a booking status (expected %s)"), text, values);
    case CM_DOMAIN_TRANSACTION_KIND:
      return g_strdup_printf (_("“%s” is not a transaction kind (expected %s)"), text, values);
    case CM_DOMAIN_N_SETS:
    default:
      return g_strdup_printf (_("“%s” is not one of %s"), text, values);
    }
}

static char *
describe_missing_target (CmImportTarget  target,
                         const char     *text)
{
  switch (target)
    {
    case CM_IMPORT_TARGET_ORGANISATION:
      return g_strdup_printf (_("no organisation named “%s”"), text);
    case CM_IMPORT_TARGET_STAFF_GROUP:
      return g_strdup_printf (_("no staff group named “%s”"), text);
    case CM_IMPORT_TARGET_COMPETENCY:
      return g_strdup_printf (_("no competency with code “%s”"), text);
    case CM_IMPORT_TARGET_COMMISSION:
      return g_strdup_printf (_("no commission with code “%s”"), text);
    case CM_IMPORT_TARGET_STREAM:
      return g_strdup_printf (_("no funding stream with code “%s”"), text);
    case CM_IMPORT_TARGET_EVENT:
      return g_strdup_printf (_("no event with code “%s”"), text);
    case CM_IMPORT_TARGET_LEARNER:
      return g_strdup_printf (_("no learner with reference “%s”"), text);
    case CM_IMPORT_TARGET_NONE:
    default:
      return g_strdup_printf (_("“%s” was not found"), text);
    }
}

/**
 * cm_import_parse_value:
 * @column: the column the text comes from
 * @text: the field, already stripped of surrounding blanks
 * @out_value: (out caller-allocates): the value; its text may point
 *   into @text
 * @error: return location for a #GError
 *
 * Checks and converts one field as its column's type says. A reference is
 * only checked to be present here; looking it up needs the database.
 *
 * Returns: %TRUE on success; on failure @error is a %CM_IMPORT_ERROR_ROW
 *   whose message says what is wrong, without file, line or column
 */
gboolean
cm_import_parse_value (const CmImportColumn  *column,
                       const char            *text,
                       CmImportValue         *out_value,
                       GError               **error)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 value = 0;

  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  memset (out_value, 0, sizeof *out_value);

  if (*text == '\0')
    {
      if (column->flags & CM_IMPORT_OPTIONAL)
        return TRUE;

      set_value_error (error, _("a value is required"));
      return FALSE;
    }

  out_value->present = TRUE;

  switch (column->type)
    {
    case CM_IMPORT_TEXT:
    case CM_IMPORT_REFERENCE:
      out_value->text = text;
      return TRUE;

    case CM_IMPORT_INTEGER:
      if (parse_integer (text, column->min < 0, &value) &&
          value >= column->min && value <= column->max)
        break;
      min = format_integer (column->min);
      max = format_integer (column->max);
      message = g_strdup_printf (_("“%s” must be a whole number from %s to %s"), text, min, max);
      set_value_error (error, message);
      return FALSE;

    case CM_IMPORT_PERCENT:
      if (!parse_percent (text, column->min < 0, &value))
        {
          message = g_strdup_printf (_("“%s” is not a percentage such as 11, 12.5 or 11%% (at most two decimals)"), text);
          set_value_error (error, message);
          return FALSE;
        }
      if (value < column->min || value > column->max)
        {
          min = format_hundredths (column->min);
          max = format_hundredths (column->max);
          message = g_strdup_printf (_("“%s” must be a percentage from %s to %s"), text, min, max);
          set_value_error (error, message);
          return FALSE;
        }
      break;

    case CM_IMPORT_MONEY:
      if (!cm_money_parse (text, &value, &local_error))
        {
          set_value_error (error, local_error->message);
          return FALSE;
        }
      if (value < column->min || value > column->max)
        {
          min = cm_money_format (column->min);
          max = cm_money_format (column->max);
          message = g_strdup_printf (_("“%s” must be an amount from %s to %s"), text, min, max);
          set_value_error (error, message);
          return FALSE;
        }
      break;

    case CM_IMPORT_DATE:
      {
        GDate date;
        g_autofree char *iso = NULL;

        g_date_clear (&date, 1);
        if (!cm_fiscal_parse_date (text, &date, &local_error))
          {
            set_value_error (error, local_error->message);
            return FALSE;
          }
        iso = cm_fiscal_format_iso (&date);
        g_strlcpy (out_value->iso_date, iso, sizeof out_value->iso_date);
      }
      return TRUE;

    case CM_IMPORT_YES_NO:
      if (!parse_yes_no (text, &value))
        {
          message = g_strdup_printf (_("“%s” must be yes or no"), text);
          set_value_error (error, message);
          return FALSE;
        }
      break;

    case CM_IMPORT_HALF_DAYS:
      /* Hundredths of a day: half days are the multiples of 50. */
      if (parse_hundredths (text, column->min < 0, &value) &&
          value % 50 == 0 &&
          value / 50 >= column->min && value / 50 <= column->max)
        {
          value /= 50;
          break;
        }
      min = format_hundredths (column->min * 50);
      max = format_hundredths (column->max * 50);
      message = g_strdup_printf (_("“%s” must be a number of days from %s to %s in steps of 0.5"), text, min, max);
      set_value_error (error, message);
      return FALSE;

    case CM_IMPORT_VOCABULARY:
      out_value->text = cm_domain_lookup (column->vocabulary, text);
      if (out_value->text == NULL)
        {
          message = describe_bad_vocabulary (column->vocabulary, text);
          set_value_error (error, message);
          return FALSE;
        }
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }

  out_value->integer = value;
  return TRUE;
}

/**
 * cm_import_check_field:
 * @kind: a kind of CSV file, as cm_import_kinds() names it
 * @column: one of its columns, as its header names it
 * @text: what was typed
 * @out_value: (out) (optional): the value in stored units: pence, basis
 *   points, half days, a whole number, 1 or 0 for yes or no, or the
 *   Julian day of a date; 0 for an empty optional field
 * @error: return location for a #GError
 *
 * Checks a field typed in the app as the import checks that column, so
 * an editor and a CSV file refuse the same text in the same words. The
 * text is stripped of surrounding blanks first; names and codes are only
 * checked to be present.
 *
 * Returns: %TRUE if the text is valid; on failure @error is a
 *   %CM_IMPORT_ERROR_ROW whose message says what is wrong, as in a CSV
 *   error without its file, line and column
 */
gboolean
cm_import_check_field (const char  *kind,
                       const char  *column,
                       const char  *text,
                       gint64      *out_value,
                       GError     **error)
{
  const ImportKind *import_kind = find_kind (kind);
  const CmImportColumn *found = NULL;
  g_autofree char *stripped = NULL;
  g_autoptr(GError) local_error = NULL;
  CmImportValue value;

  g_return_val_if_fail (import_kind != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < import_kind->n_columns && found == NULL; i++)
    if (g_strcmp0 (import_kind->columns[i].name, column) == 0)
      found = &import_kind->columns[i];

  g_return_val_if_fail (found != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));

  if (!cm_import_parse_value (found, stripped, &value, &local_error))
    {
      GDate date;

      /* A date typed in a field may also be in the form the app shows
       * dates in, "15 Nov 2010" (docs/figures.md, "Dates and periods"); a
       * CSV file keeps to its two forms. */
      g_date_clear (&date, 1);
      if (found->type == CM_IMPORT_DATE && cm_fiscal_parse_entered_date (stripped, &date, NULL))
        {
          if (out_value != NULL)
            *out_value = g_date_get_julian (&date);
          return TRUE;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (out_value != NULL)
    {
      *out_value = value.integer;
      if (found->type == CM_IMPORT_DATE && value.present)
        {
          GDate date;

          g_date_clear (&date, 1);
          cm_fiscal_parse_date (stripped, &date, NULL);
          *out_value = g_date_get_julian (&date);
        }
    }

  return TRUE;
}

/* Reporting. */

static const char *
column_label (ImportContext *ctx,
              guint          column)
{
  int field = ctx->column_field != NULL ? ctx->column_field[column] : -1;

  if (field >= 0)
    return g_ptr_array_index (ctx->header, field);

  return ctx->kind->columns[column].name;
}

/* Where a problem belongs to no column in particular: the first column
 * of the file, or while the header is not read yet, the kind's first. */
static const char *
first_column_label (ImportContext *ctx)
{
  if (ctx->header != NULL && ctx->header->len > 0)
    return g_ptr_array_index (ctx->header, 0);

  return ctx->kind->columns[0].name;
}

static const char *
field_label (ImportContext *ctx,
             guint          field)
{
  if (ctx->header == NULL || ctx->header->len == 0)
    return ctx->kind->columns[0].name;

  return g_ptr_array_index (ctx->header, MIN (field, ctx->header->len - 1));
}

static void import_error (ImportContext  *ctx,
                          GError        **error,
                          CmImportError   code,
                          guint           line,
                          const char     *column,
                          const char     *format,
                          ...) G_GNUC_PRINTF (6, 7);

/* At most @max_chars characters of @text, then "…": a message quoting a
 * 1 MB field must still be short enough to show. */
static char *
shorten (const char *text,
         guint       max_chars)
{
  const char *end = text;

  for (guint n = 0; *end != '\0' && n < max_chars; n++)
    end = g_utf8_next_char (end);

  if (*end == '\0')
    return g_strdup (text);

  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

/* The one shape of every row and header error: FILE:LINE: column 'NAME': … */
static void
import_error (ImportContext  *ctx,
              GError        **error,
              CmImportError   code,
              guint           line,
              const char     *column,
              const char     *format,
              ...)
{
  g_autofree char *what = NULL;
  g_autofree char *short_what = NULL;
  g_autofree char *short_column = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  short_what = shorten (what, MAX_MESSAGE_CHARS);
  short_column = shorten (column, MAX_COLUMN_CHARS);
  g_set_error (error, CM_IMPORT_ERROR, code,
               "%s:%u: column '%s': %s", ctx->file, line, short_column, short_what);
}

static gboolean
is_identifier_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* The column whose database name appears as a word in @detail, if any. */
static const char *
column_in_detail (ImportContext *ctx,
                  const char    *detail)
{
  for (guint c = 0; c < ctx->kind->n_columns; c++)
    {
      const char *db_column = ctx->kind->columns[c].db_column;
      gsize len;

      if (db_column == NULL)
        continue;

      len = strlen (db_column);
      for (const char *p = strstr (detail, db_column); p != NULL; p = strstr (p + 1, db_column))
        {
          if ((p == detail || !is_identifier_char (p[-1])) && !is_identifier_char (p[len]))
            return column_label (ctx, c);
        }
    }

  return first_column_label (ctx);
}

static void
import_database_error (ImportContext  *ctx,
                       GError        **error,
                       guint           line,
                       const GError   *db_error)
{
  /* A lock, a full disk or a read-only file is no fault of any line, and
   * callers tell it apart by its domain and code. */
  if (cm_db_error_is_not_now (db_error))
    g_set_error_literal (error, db_error->domain, db_error->code, db_error->message);
  else if (g_error_matches (db_error, CM_DB_ERROR, CM_DB_ERROR_CONSTRAINT))
    {
      const char *detail = sqlite3_errmsg (cm_db_get_handle (ctx->db));

      import_error (ctx, error, CM_IMPORT_ERROR_DATABASE, line, column_in_detail (ctx, detail),
                    _("the database refused the row: %s"), detail);
    }
  else
    {
      import_error (ctx, error, CM_IMPORT_ERROR_DATABASE, line, first_column_label (ctx),
                    "%s", db_error->message);
    }
}

static void
import_sqlite_error (ImportContext  *ctx,
                     GError        **error)
{
  g_autoptr(GError) db_error = NULL;

  cm_db_set_error (ctx->db, &db_error);
  import_database_error (ctx, error, ctx->line, db_error);
}

/* Storing rows. */

static void
bind_values (ImportContext       *ctx,
             sqlite3_stmt        *stmt,
             const CmImportValue *values)
{
  int n_parameters = sqlite3_bind_parameter_count (stmt);

  for (guint c = 0; c < ctx->kind->n_columns && (int) c < n_parameters; c++)
    {
      const CmImportValue *value = &values[c];
      int index = (int) c + 1;

      if (!value->present)
        {
          sqlite3_bind_null (stmt, index);
          continue;
        }

      switch (ctx->kind->columns[c].type)
        {
        case CM_IMPORT_TEXT:
        case CM_IMPORT_VOCABULARY:
          sqlite3_bind_text (stmt, index, value->text, -1, SQLITE_STATIC);
          break;
        case CM_IMPORT_DATE:
          sqlite3_bind_text (stmt, index, value->iso_date, -1, SQLITE_STATIC);
          break;
        case CM_IMPORT_INTEGER:
        case CM_IMPORT_PERCENT:
        case CM_IMPORT_MONEY:
        case CM_IMPORT_YES_NO:
        case CM_IMPORT_HALF_DAYS:
        case CM_IMPORT_REFERENCE:
        default:
          sqlite3_bind_int64 (stmt, index, value->integer);
          break;
        }
    }
}

/* The usual row: find out whether the key exists, then upsert. */
static gboolean
upsert_row (ImportContext        *ctx,
            const CmImportValue  *values,
            RowOutcome           *out_outcome,
            GError              **error)
{
  g_autoptr(GError) db_error = NULL;
  int rc;

  bind_values (ctx, ctx->exists, values);
  rc = sqlite3_step (ctx->exists);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      import_sqlite_error (ctx, error);
      sqlite3_reset (ctx->exists);
      sqlite3_clear_bindings (ctx->exists);
      return FALSE;
    }
  sqlite3_reset (ctx->exists);
  sqlite3_clear_bindings (ctx->exists);

  bind_values (ctx, ctx->upsert, values);
  if (!cm_db_step_done (ctx->db, ctx->upsert, &db_error))
    {
      import_database_error (ctx, error, ctx->line, db_error);
      sqlite3_clear_bindings (ctx->upsert);
      return FALSE;
    }
  sqlite3_clear_bindings (ctx->upsert);

  /* The upserts update only when a value differs. */
  if (rc == SQLITE_DONE)
    *out_outcome = ROW_INSERTED;
  else if (sqlite3_changes (cm_db_get_handle (ctx->db)) > 0)
    *out_outcome = ROW_UPDATED;
  else
    *out_outcome = ROW_UNCHANGED;
  return TRUE;
}

/* The financial year a stream reference of this row is looked up in, the
 * commission's or the date's (docs/figures.md, "Funding streams and their
 * years"), and what gave it, for the message when there is no such stream. */
static gboolean
reference_year (ImportContext  *ctx,
                guint           column,
                int            *out_year,
                char          **out_source,
                GError        **error)
{
  guint from = ctx->kind->columns[column].year_from - 1;
  const CmImportColumn *col = &ctx->kind->columns[from];
  const CmImportValue *value = &ctx->values[from];
  int rc;

  *out_year = 0;

  if (col->type == CM_IMPORT_DATE)
    {
      GDate date;

      g_date_clear (&date, 1);
      if (!cm_fiscal_parse_date (value->iso_date, &date, NULL))
        g_return_val_if_reached (FALSE);
      *out_year = cm_fiscal_year_of (&date);
      /* Translators: where a stream's year comes from: "the date 2011-04-01" */
      *out_source = g_strdup_printf (_("the date %s"), value->iso_date);
      return TRUE;
    }

  g_return_val_if_fail (col->target == CM_IMPORT_TARGET_COMMISSION, FALSE);

  if (ctx->commission_year == NULL)
    {
      g_autoptr(GError) db_error = NULL;

      ctx->commission_year = cm_db_prepare (ctx->db, "SELECT year FROM commissions WHERE id = ?1", &db_error);
      if (ctx->commission_year == NULL)
        {
          import_database_error (ctx, error, ctx->line, db_error);
          return FALSE;
        }
    }

  sqlite3_bind_int64 (ctx->commission_year, 1, value->integer);
  rc = sqlite3_step (ctx->commission_year);
  if (rc == SQLITE_ROW)
    *out_year = sqlite3_column_int (ctx->commission_year, 0);
  else if (rc != SQLITE_DONE)
    {
      import_sqlite_error (ctx, error);
      sqlite3_reset (ctx->commission_year);
      return FALSE;
    }
  sqlite3_reset (ctx->commission_year);

  /* Translators: where a stream's year comes from: "commission “LSCB-LEVA”" */
  *out_source = g_strdup_printf (_("commission “%s”"), value->text);
  return TRUE;
}

static gboolean
lookup_reference (ImportContext  *ctx,
                  guint           column,
                  CmImportValue  *value,
                  GError        **error)
{
  const CmImportColumn *col = &ctx->kind->columns[column];
  sqlite3_stmt *stmt = ctx->lookups[column];
  g_autofree char *year_source = NULL;
  g_autofree char *year_key = NULL;
  const char *found_key = value->text;
  gboolean found = FALSE;
  int year = 0;
  int rc;

  if (col->year_from > 0)
    {
      /* The column that gives the year is a required one, read first. */
      g_return_val_if_fail (ctx->values[col->year_from - 1].present, FALSE);
      if (!reference_year (ctx, column, &year, &year_source, error))
        return FALSE;
      year_key = g_strdup_printf ("%s\x1f%d", value->text, year);
      found_key = year_key;
    }

  if (stmt == NULL)
    {
      g_autoptr(GError) db_error = NULL;

      g_return_val_if_fail (target_sql[col->target] != NULL, FALSE);

      stmt = cm_db_prepare (ctx->db, target_sql[col->target], &db_error);
      if (stmt == NULL)
        {
          import_database_error (ctx, error, ctx->line, db_error);
          return FALSE;
        }
      ctx->lookups[column] = stmt;
    }

  if (ctx->found[column] != NULL)
    {
      gint64 *id = g_hash_table_lookup (ctx->found[column], found_key);

      if (id != NULL)
        {
          value->integer = *id;
          return TRUE;
        }
    }

  sqlite3_bind_text (stmt, 1, value->text, -1, SQLITE_STATIC);
  if (col->year_from > 0)
    sqlite3_bind_int (stmt, 2, year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      value->integer = sqlite3_column_int64 (stmt, 0);
      found = TRUE;
      if (ctx->found[column] == NULL)
        ctx->found[column] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (ctx->found[column], g_strdup (found_key),
                           g_memdup2 (&value->integer, sizeof value->integer));
    }
  else if (rc != SQLITE_DONE)
    {
      import_sqlite_error (ctx, error);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (!found && year_source != NULL)
    {
      g_autofree char *label = cm_fiscal_year_label (year);

      /* Translators: "no stream “DH-WDG” in 2011/12, the year of the date 2011-04-01" */
      import_error (ctx, error, CM_IMPORT_ERROR_ROW, ctx->line, column_label (ctx, column),
                    _("no stream “%s” in %s, the year of %s"), value->text, label, year_source);
      return FALSE;
    }

  if (!found)
    {
      g_autofree char *message = describe_missing_target (col->target, value->text);

      import_error (ctx, error, CM_IMPORT_ERROR_ROW, ctx->line, column_label (ctx, column),
                    "%s", message);
      return FALSE;
    }

  return TRUE;
}

/* A second row with the same key in one file is refused: it is more
 * likely a mistake than a deliberate correction. */
static gboolean
check_duplicate_key (ImportContext  *ctx,
                     GError        **error)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GString) shown = g_string_new (NULL);
  int first_key = -1;
  gpointer previous;

  for (guint c = 0; c < ctx->kind->n_columns; c++)
    {
      const CmImportColumn *col = &ctx->kind->columns[c];
      const CmImportValue *value = &ctx->values[c];

      if (!(col->flags & CM_IMPORT_KEY))
        continue;

      /* A row without its whole key (an anonymous one) cannot clash. */
      if (!value->present)
        return TRUE;

      if (first_key < 0)
        first_key = (int) c;
      else
        {
          g_string_append_c (key, '\x1f');
          g_string_append (shown, ", ");
        }

      switch (col->type)
        {
        case CM_IMPORT_TEXT:
        case CM_IMPORT_VOCABULARY:
          if (col->flags & CM_IMPORT_FOLD_CASE)
            {
              g_autofree char *folded = g_ascii_strdown (value->text, -1);

              g_string_append (key, folded);
            }
          else
            g_string_append (key, value->text);
          g_string_append (shown, value->text);
          break;
        case CM_IMPORT_REFERENCE:
          g_string_append_printf (key, "#%" G_GINT64_FORMAT, value->integer);
          g_string_append (shown, value->text);
          break;
        case CM_IMPORT_DATE:
          g_string_append (key, value->iso_date);
          g_string_append (shown, value->iso_date);
          break;
        case CM_IMPORT_INTEGER:
        case CM_IMPORT_PERCENT:
        case CM_IMPORT_MONEY:
        case CM_IMPORT_YES_NO:
        case CM_IMPORT_HALF_DAYS:
        default:
          g_string_append_printf (key, "%" G_GINT64_FORMAT, value->integer);
          g_string_append_printf (shown, "%" G_GINT64_FORMAT, value->integer);
          break;
        }
    }

  if (first_key < 0)
    return TRUE;

  previous = g_hash_table_lookup (ctx->keys, key->str);
  if (previous != NULL)
    {
      import_error (ctx, error, CM_IMPORT_ERROR_ROW, ctx->line, column_label (ctx, (guint) first_key),
                    _("“%s” already appears on line %u of this file"),
                    shown->str, GPOINTER_TO_UINT (previous));
      return FALSE;
    }

  g_hash_table_insert (ctx->keys, g_string_free (g_steal_pointer (&key), FALSE),
                       GUINT_TO_POINTER (ctx->line));
  return TRUE;
}

static char *
describe_expected_columns (const ImportKind *kind)
{
  GString *str = g_string_new (NULL);

  for (guint c = 0; c < kind->n_columns; c++)
    {
      if (c > 0)
        g_string_append (str, ", ");
      if (kind->columns[c].flags & CM_IMPORT_OPTIONAL)
        g_string_append_printf (str, "[%s]", kind->columns[c].name);
      else
        g_string_append (str, kind->columns[c].name);
    }

  return g_string_free (str, FALSE);
}

static void
strip_fields (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    g_strstrip (g_ptr_array_index (fields, i));
}

/* Quoted free text is stored exactly as written; everything else is
 * trimmed: unquoted fields, numbers, dates, yes/no, vocabularies, and the
 * names and codes that identify rows, which must match however a file
 * spaces them. A field of blanks only is empty (help/C/import.page, "How
 * fields are read"). */
static void
normalise_fields (ImportContext *ctx,
                  CmCsvReader   *reader,
                  GPtrArray     *fields)
{
  for (guint f = 0; f < fields->len; f++)
    {
      char *text = g_ptr_array_index (fields, f);
      int c = f < ctx->header->len ? ctx->field_column[f] : -1;
      const CmImportColumn *column = c >= 0 ? &ctx->kind->columns[c] : NULL;
      const char *p;

      if (column != NULL && column->type == CM_IMPORT_TEXT && !(column->flags & CM_IMPORT_KEY) &&
          cm_csv_reader_get_quoted (reader, f))
        {
          for (p = text; g_ascii_isspace (*p); p++)
            ;
          if (*p == '\0')
            *text = '\0';
          continue;
        }

      g_strstrip (text);
    }
}

static gboolean
is_blank_record (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    if (*(const char *) g_ptr_array_index (fields, i) != '\0')
      return FALSE;

  return TRUE;
}

static gboolean
read_header (ImportContext  *ctx,
             CmCsvReader    *reader,
             GError        **error)
{
  const ImportKind *kind = ctx->kind;
  g_autoptr(GError) csv_error = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  guint line = 0;

  if (!cm_csv_reader_next (reader, &fields, &line, &csv_error))
    {
      import_error (ctx, error, CM_IMPORT_ERROR_HEADER, line, kind->columns[0].name,
                    "%s", cm_csv_error_describe (csv_error->code));
      return FALSE;
    }

  if (fields == NULL)
    {
      g_autofree char *expected = describe_expected_columns (kind);

      import_error (ctx, error, CM_IMPORT_ERROR_HEADER, 1, kind->columns[0].name,
                    _("the file is empty; its first line must name the columns (%s)"), expected);
      return FALSE;
    }

  strip_fields (fields);
  ctx->header_line = line;
  ctx->header = g_steal_pointer (&fields);
  ctx->field_column = g_new (int, ctx->header->len);
  ctx->column_field = g_new (int, kind->n_columns);

  for (guint c = 0; c < kind->n_columns; c++)
    ctx->column_field[c] = -1;

  for (guint f = 0; f < ctx->header->len; f++)
    {
      const char *name = g_ptr_array_index (ctx->header, f);
      int found = -1;

      ctx->field_column[f] = -1;

      /* Spreadsheets add empty columns at the end; their cells must stay empty. */
      if (*name == '\0')
        continue;

      for (guint c = 0; c < kind->n_columns; c++)
        if (g_ascii_strcasecmp (name, kind->columns[c].name) == 0)
          found = (int) c;

      if (found < 0)
        {
          g_autofree char *expected = describe_expected_columns (kind);

          import_error (ctx, error, CM_IMPORT_ERROR_HEADER, line, name,
                        _("unknown column (expected %s)"), expected);
          return FALSE;
        }

      if (ctx->column_field[found] >= 0)
        {
          import_error (ctx, error, CM_IMPORT_ERROR_HEADER, line, name,
                        _("duplicate column (it is also column %d)"),
                        ctx->column_field[found] + 1);
          return FALSE;
        }

      ctx->field_column[f] = found;
      ctx->column_field[found] = (int) f;
    }

  for (guint c = 0; c < kind->n_columns; c++)
    {
      if (ctx->column_field[c] < 0 && !(kind->columns[c].flags & CM_IMPORT_OPTIONAL))
        {
          import_error (ctx, error, CM_IMPORT_ERROR_HEADER, line, kind->columns[c].name,
                        _("required column is missing"));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
import_record (ImportContext  *ctx,
               GPtrArray      *fields,
               RowOutcome     *out_outcome,
               GError        **error)
{
  const ImportKind *kind = ctx->kind;
  guint n_header = ctx->header->len;

  if (fields->len < n_header)
    {
      import_error (ctx, error, CM_IMPORT_ERROR_ROW, ctx->line,
                    field_label (ctx, fields->len),
                    _("this row has a different number of fields (%u) from the header (%u)"),
                    fields->len, n_header);
      return FALSE;
    }

  /* Empty cells beyond the header are what spreadsheets leave behind. */
  for (guint f = n_header; f < fields->len; f++)
    {
      if (*(const char *) g_ptr_array_index (fields, f) != '\0')
        {
          import_error (ctx, error, CM_IMPORT_ERROR_ROW, ctx->line, field_label (ctx, f),
                        _("this row has a different number of fields (%u) from the header (%u)"),
                        fields->len, n_header);
          return FALSE;
        }
    }

  for (guint f = 0; f < n_header; f++)
    {
      if (ctx->field_column[f] < 0 && *(const char *) g_ptr_array_index (fields, f) != '\0')
        {
          import_error (ctx, error, CM_IMPORT_ERROR_ROW, ctx->line, field_label (ctx, f),
                        _("“%s” is in a column without a name"),
                        (const char *) g_ptr_array_index (fields, f));
          return FALSE;
        }
    }

  for (guint c = 0; c < kind->n_columns; c++)
    {
      g_autoptr(GError) value_error = NULL;
      int f = ctx->column_field[c];
      const char *text = f >= 0 ? g_ptr_array_index (fields, f) : "";

      if (!cm_import_parse_value (&kind->columns[c], text, &ctx->values[c], &value_error))
        {
          import_error (ctx, error, CM_IMPORT_ERROR_ROW, ctx->line, column_label (ctx, c),
                        "%s", value_error->message);
          return FALSE;
        }

      if (kind->columns[c].type == CM_IMPORT_REFERENCE && ctx->values[c].present &&
          !lookup_reference (ctx, c, &ctx->values[c], error))
        return FALSE;
    }

  if (!check_duplicate_key (ctx, error))
    return FALSE;

  return (kind->row != NULL ? kind->row : upsert_row) (ctx, ctx->values, out_outcome, error);
}

static gboolean
prepare_statements (ImportContext  *ctx,
                    GError        **error)
{
  g_autoptr(GError) db_error = NULL;

  ctx->lookups = g_new0 (sqlite3_stmt *, ctx->kind->n_columns);
  ctx->found = g_new0 (GHashTable *, ctx->kind->n_columns);

  if (ctx->kind->row == import_spend_row)
    return prepare_spend (ctx, error);

  if (ctx->kind->row == import_booking_row &&
      !(ctx->charges = cm_charge_sync_new (ctx->db, &db_error)))
    goto failed;

  if (ctx->kind->exists_sql != NULL &&
      !(ctx->exists = cm_db_prepare (ctx->db, ctx->kind->exists_sql, &db_error)))
    goto failed;

  if (ctx->kind->upsert_sql != NULL &&
      !(ctx->upsert = cm_db_prepare (ctx->db, ctx->kind->upsert_sql, &db_error)))
    goto failed;

  return TRUE;

failed:
  import_database_error (ctx, error, ctx->header_line, db_error);
  return FALSE;
}

static gboolean
check_cancelled (ImportContext  *ctx,
                 GCancellable   *cancellable,
                 GError        **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return TRUE;

  g_set_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_CANCELLED,
               _("%s: the import was cancelled; nothing was changed"), ctx->file);
  return FALSE;
}

/* Everything between BEGIN and COMMIT; the caller rolls back on failure. */
static gboolean
import_rows (ImportContext   *ctx,
             CmCsvReader     *reader,
             CmImportResult  *result,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *message = NULL;
  guint n_problems = 0;

  if (!prepare_statements (ctx, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(GError) csv_error = NULL;
      g_autoptr(GError) row_error = NULL;
      g_autoptr(GPtrArray) fields = NULL;
      RowOutcome outcome = ROW_INSERTED;

      if (!check_cancelled (ctx, cancellable, error))
        return FALSE;

      if (!cm_csv_reader_next (reader, &fields, &ctx->line, &csv_error))
        {
          /* The reader cannot go on past broken quoting: the last problem. */
          import_error (ctx, &row_error, CM_IMPORT_ERROR_ROW, ctx->line,
                        field_label (ctx, cm_csv_reader_get_error_field (reader)),
                        "%s", cm_csv_error_describe (csv_error->code));
          n_problems++;
          g_ptr_array_add (problems, g_strdup (row_error->message));
          break;
        }

      if (fields == NULL)
        break;

      normalise_fields (ctx, reader, fields);

      /* Rows left blank, such as ",,,," from a spreadsheet, are not data. */
      if (is_blank_record (fields))
        continue;

      if (!import_record (ctx, fields, &outcome, &row_error))
        {
          /* A bad row is listed and the rest are still checked, so that
           * one import names every problem; anything else stops it. */
          if (!g_error_matches (row_error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW))
            {
              if (n_problems == 0)
                {
                  g_propagate_error (error, g_steal_pointer (&row_error));
                  return FALSE;
                }
              n_problems++;
              g_ptr_array_add (problems, g_strdup (row_error->message));
              break;
            }

          if (n_problems++ < CM_IMPORT_MAX_PROBLEMS)
            g_ptr_array_add (problems, g_strdup (row_error->message));
          continue;
        }

      result->rows++;
      if (outcome == ROW_INSERTED)
        result->inserted++;
      else if (outcome == ROW_UPDATED)
        result->updated++;
      else
        result->unchanged++;
    }

  if (n_problems == 0)
    return TRUE;

  if (n_problems > problems->len)
    {
      guint more = n_problems - problems->len;

      g_ptr_array_add (problems, g_strdup_printf (ngettext ("%s: %u more row has a problem",
                                                            "%s: %u more rows have problems", more),
                                                  ctx->file, more));
    }
  g_ptr_array_add (problems, NULL);
  message = g_strjoinv ("\n", (char **) problems->pdata);
  g_set_error_literal (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_ROW, message);
  return FALSE;
}

static void
finalize_statements (ImportContext *ctx)
{
  g_clear_pointer (&ctx->exists, sqlite3_finalize);
  g_clear_pointer (&ctx->upsert, sqlite3_finalize);
  g_clear_pointer (&ctx->insert, sqlite3_finalize);
  g_clear_pointer (&ctx->update, sqlite3_finalize);
  g_clear_pointer (&ctx->commission_year, sqlite3_finalize);

  if (ctx->lookups != NULL)
    for (guint c = 0; c < ctx->kind->n_columns; c++)
      g_clear_pointer (&ctx->lookups[c], sqlite3_finalize);
  if (ctx->found != NULL)
    for (guint c = 0; c < ctx->kind->n_columns; c++)
      g_clear_pointer (&ctx->found[c], g_hash_table_unref);

  g_clear_pointer (&ctx->lookups, g_free);
  g_clear_pointer (&ctx->found, g_free);
  g_clear_pointer (&ctx->spend, g_hash_table_unref);
  g_clear_pointer (&ctx->charges, cm_charge_sync_free);
}

static void
import_context_clear (ImportContext *ctx)
{
  finalize_statements (ctx);
  g_clear_pointer (&ctx->header, g_ptr_array_unref);
  g_clear_pointer (&ctx->field_column, g_free);
  g_clear_pointer (&ctx->column_field, g_free);
  g_clear_pointer (&ctx->values, g_free);
  g_clear_pointer (&ctx->keys, g_hash_table_unref);
  g_clear_pointer (&ctx->changes, g_ptr_array_unref);
}

static gboolean audit_bulk_insert (ImportContext  *ctx,
                                   GError        **error);

/**
 * cm_import_data:
 * @db: the database to write to
 * @kind: one of cm_import_kinds()
 * @display_name: the name of the data in messages, usually its file name
 * @data: the CSV text, UTF-8 with or without a byte order mark
 * @length: the length of @data in bytes
 * @dry_run: check everything, as far as really running the statements,
 *   then roll back
 * @result: (out) (optional): how many data rows were read, inserted and
 *   updated
 * @cancellable: (nullable): checked between rows
 * @error: return location for a #GError
 *
 * Imports one CSV file (the format is in help/C/import.page): a header row
 * naming the columns (any case and order), then one row per record,
 * stored in one transaction so the database gets all rows or none. A row
 * whose key is already stored updates it; a key seen twice in the same
 * file is an error. Rows with only empty cells are skipped.
 *
 * Every header, row and database error reads
 * `FILE:LINE: column 'NAME': what is wrong`, LINE being the physical line
 * where the record starts (the header is line 1) and NAME the column as
 * the header spells it. A CSV syntax error names the column where it
 * was found. A problem that belongs to no column (a database error
 * without a column, say) names the file's first column, or while the
 * header itself is being read, the kind's first column. A lock, a full
 * disk or a read-only database (cm_db_error_is_not_now()) is no line's
 * fault: that error is passed on as the database gave it.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_import_data (CmDb            *db,
                const char      *kind,
                const char      *display_name,
                const char      *data,
                gsize            length,
                gboolean         dry_run,
                CmImportResult  *result,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(CmCsvReader) reader = NULL;
  g_autoptr(GError) db_error = NULL;
  CmImportResult counts = { 0 };
  ImportContext ctx = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (result != NULL)
    *result = counts;

  ctx.kind = find_kind (kind);
  if (ctx.kind == NULL)
    {
      set_unknown_kind (error, kind);
      return FALSE;
    }

  ctx.db = db;
  ctx.file = display_name;
  ctx.values = g_new0 (CmImportValue, ctx.kind->n_columns);
  ctx.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  reader = cm_csv_reader_new (data, length);
  for (const char *p = data; p != NULL && p < data + length; ctx.n_lines++)
    if ((p = memchr (p, '\n', data + length - p)) != NULL)
      p++;

  if (!read_header (&ctx, reader, error) ||
      !check_cancelled (&ctx, cancellable, error))
    goto out;

  if (!cm_db_begin (db, &db_error))
    {
      import_database_error (&ctx, error, ctx.header_line, db_error);
      goto out;
    }

  if (!import_rows (&ctx, reader, &counts, cancellable, error))
    {
      cm_db_rollback (db);
      goto out;
    }

  /* Statements must be finished before the transaction ends. */
  finalize_statements (&ctx);

  if (ctx.rebuild_indexes &&
      (!audit_bulk_insert (&ctx, &db_error) || !cm_db_exec (db, CM_DB_TRANSACTION_INDEXES, &db_error)))
    {
      cm_db_rollback (db);
      import_database_error (&ctx, error, ctx.header_line, db_error);
      goto out;
    }

  if (counts.inserted + counts.updated > 0)
    cm_db_announce (db, ctx.kind->change, 0, 0, 0);

  if (dry_run)
    cm_db_rollback (db);
  else if (!cm_db_commit (db, &db_error))
    {
      import_database_error (&ctx, error, ctx.header_line, db_error);
      goto out;
    }

  counts.changes = g_steal_pointer (&ctx.changes);
  if (result != NULL)
    *result = counts;
  else
    g_clear_pointer (&counts.changes, g_ptr_array_unref);
  ok = TRUE;

out:
  cm_db_set_audit_each_insert (db, TRUE);
  import_context_clear (&ctx);
  return ok;
}

static const char *
describe_file_error (const GError *error)
{
  if (error->domain == G_FILE_ERROR)
    {
      switch (error->code)
        {
        case G_FILE_ERROR_NOENT:
          return _("there is no such file");
        case G_FILE_ERROR_ACCES:
        case G_FILE_ERROR_PERM:
          return _("permission denied");
        case G_FILE_ERROR_ISDIR:
          return _("it is a folder, not a file");
        default:
          break;
        }
    }

  return error->message;
}

/**
 * cm_import_file:
 * @db: the database to write to
 * @kind: one of cm_import_kinds()
 * @path: the CSV file; messages name it exactly as given
 * @dry_run: check everything, then roll back
 * @result: (out) (optional): how many data rows were read, inserted and
 *   updated
 * @cancellable: (nullable): checked between rows
 * @error: return location for a #GError
 *
 * Reads @path and imports it with cm_import_data(). A file that cannot be
 * read is a %CM_IMPORT_ERROR_IO naming it.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_import_file (CmDb            *db,
                const char      *kind,
                const char      *path,
                gboolean         dry_run,
                CmImportResult  *result,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (result != NULL)
    *result = (CmImportResult) { 0 };

  if (find_kind (kind) == NULL)
    {
      set_unknown_kind (error, kind);
      return FALSE;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, CM_IMPORT_ERROR, CM_IMPORT_ERROR_IO,
                   _("Could not read “%s”: %s"), path, describe_file_error (local_error));
      return FALSE;
    }

  return cm_import_data (db, kind, path, contents, length, dry_run, result, cancellable, error);
}

/* Rows of the budget planner's kinds that need more than one statement
 * or a rule across columns. */

static gboolean
run_for_key (ImportContext  *ctx,
             const char     *sql,
             const char     *key,
             gint64          id,
             const char     *text,
             GError        **error)
{
  g_autoptr(GError) db_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = cm_db_prepare (ctx->db, sql, &db_error);

  if (stmt == NULL)
    {
      import_database_error (ctx, error, ctx->line, db_error);
      return FALSE;
    }

  if (key != NULL)
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);

  if (!cm_db_step_done (ctx->db, stmt, &db_error))
    {
      import_database_error (ctx, error, ctx->line, db_error);
      return FALSE;
    }

  return TRUE;
}

/* Whether the stream already has exactly @categories (ids, possibly
 * repeated) as its eligible categories. */
static gboolean
same_categories (ImportContext  *ctx,
                 gint64          stream_id,
                 GPtrArray      *categories,
                 gboolean       *out_same,
                 GError        **error)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GPtrArray) stored = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) db_error = NULL;
  int rc;

  if (!(stmt = cm_db_prepare (ctx->db, "SELECT category FROM stream_categories WHERE stream_id = ?1 ORDER BY category",
                              &db_error)))
    {
      import_database_error (ctx, error, ctx->line, db_error);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, stream_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (stored, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      import_sqlite_error (ctx, error);
      return FALSE;
    }

  for (guint i = 0; i < categories->len; i++)
    if (!g_ptr_array_find_with_equal_func (wanted, categories->pdata[i], g_str_equal, NULL))
      g_ptr_array_add (wanted, categories->pdata[i]);

  *out_same = wanted->len == stored->len;
  for (guint i = 0; *out_same && i < wanted->len; i++)
    *out_same = g_ptr_array_find_with_equal_func (stored, wanted->pdata[i], g_str_equal, NULL);

  return TRUE;
}

/* streams: eligible_categories is a `;`-separated list of categories,
 * stored one row each in stream_categories; empty means every category. */
static gboolean
import_stream_row (ImportContext        *ctx,
                   const CmImportValue  *values,
                   RowOutcome           *out_outcome,
                   GError              **error)
{
  const guint categories_column = G_N_ELEMENTS (stream_columns) - 1;
  g_autoptr(GPtrArray) categories = g_ptr_array_new ();
  g_autoptr(GError) db_error = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;
  gint64 stream_id = 0;
  gboolean same = FALSE;

  /* Every category is checked before anything is written. */
  if (values[categories_column].present)
    {
      g_auto(GStrv) names = g_strsplit (values[categories_column].text, ";", -1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          const char *category;

          g_strstrip (names[i]);
          if (*names[i] == '\0')
            continue;

          category = cm_domain_lookup (CM_DOMAIN_CATEGORY, names[i]);
          if (category == NULL)
            {
              g_autofree char *message = describe_bad_vocabulary (CM_DOMAIN_CATEGORY, names[i]);

              import_error (ctx, error, CM_IMPORT_ERROR_ROW, ctx->line,
                            column_label (ctx, categories_column), "%s", message);
              return FALSE;
            }
          g_ptr_array_add (categories, (gpointer) category);
        }
    }

  if (!upsert_row (ctx, values, out_outcome, error))
    return FALSE;

  if (!(find = cm_db_prepare (ctx->db, target_sql[CM_IMPORT_TARGET_STREAM], &db_error)))
    {
      import_database_error (ctx, error, ctx->line, db_error);
      return FALSE;
    }
  sqlite3_bind_text (find, 1, values[0].text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (find, 2, values[3].integer);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      import_sqlite_error (ctx, error);
      return FALSE;
    }
  stream_id = sqlite3_column_int64 (find, 0);

  if (!same_categories (ctx, stream_id, categories, &same, error))
    return FALSE;
  if (same)
    return TRUE;
  if (*out_outcome == ROW_UNCHANGED)
    *out_outcome = ROW_UPDATED;

  if (!run_for_key (ctx, "DELETE FROM stream_categories WHERE stream_id = ?1", NULL, stream_id, NULL, error))
    return FALSE;

  for (guint i = 0; i < categories->len; i++)
    if (!run_for_key (ctx, "INSERT OR IGNORE INTO stream_categories (stream_id, category) VALUES (?1, ?2)",
                      NULL, stream_id, g_ptr_array_index (categories, i), error))
      return FALSE;

  return TRUE;
}

/* commissions: PVI places are some of the places per event. */
static gboolean
import_commission_row (ImportContext        *ctx,
                       const CmImportValue  *values,
                       RowOutcome           *out_outcome,
                       GError              **error)
{
  const guint places_column = 9;
  const guint pvi_column = 14;

  if (values[pvi_column].integer > values[places_column].integer)
    {
      import_error (ctx, error, CM_IMPORT_ERROR_ROW, ctx->line, column_label (ctx, pvi_column),
                    _("%" G_GINT64_FORMAT " PVI places is more than the %" G_GINT64_FORMAT " places per event"),
                    values[pvi_column].integer, values[places_column].integer);
      return FALSE;
    }

  return upsert_row (ctx, values, out_outcome, error);
}

/* splits: a split is either a percentage of the planned cost or a fixed
 * amount, never both. */
static gboolean
import_split_row (ImportContext        *ctx,
                  const CmImportValue  *values,
                  RowOutcome           *out_outcome,
                  GError              **error)
{
  const guint percent_column = 2;
  const guint amount_column = 3;

  if (values[percent_column].present && values[amount_column].present)
    {
      import_error (ctx, error, CM_IMPORT_ERROR_ROW, ctx->line, column_label (ctx, amount_column),
                    _("give either a percent or an amount, not both"));
      return FALSE;
    }

  if (!values[percent_column].present && !values[amount_column].present)
    {
      import_error (ctx, error, CM_IMPORT_ERROR_ROW, ctx->line, column_label (ctx, percent_column),
                    _("give a percent or an amount"));
      return FALSE;
    }

  return upsert_row (ctx, values, out_outcome, error);
}

/* A booking's DNA charge follows its status (docs/figures.md, "DNA charges"). */
static gboolean
import_booking_row (ImportContext        *ctx,
                    const CmImportValue  *values,
                    RowOutcome           *out_outcome,
                    GError              **error)
{
  g_autoptr(GError) db_error = NULL;

  if (!upsert_row (ctx, values, out_outcome, error))
    return FALSE;

  if (*out_outcome != ROW_UNCHANGED &&
      !cm_charge_sync_booking (ctx->charges, values[0].integer, values[1].integer, &db_error))
    {
      import_database_error (ctx, error, ctx->line, db_error);
      return FALSE;
    }

  return TRUE;
}

/* A signed-off cycle is read-only (docs/figures.md, "Cycle sign-off"). */
static gboolean
import_requirement_row (ImportContext        *ctx,
                        const CmImportValue  *values,
                        RowOutcome           *out_outcome,
                        GError              **error)
{
  const guint year_column = 0;
  const guint half_column = 1;
  g_autoptr(GError) closed = NULL;

  if (!cm_needs_check_cycle_open (ctx->db, (int) values[year_column].integer,
                                  (int) values[half_column].integer, &closed))
    {
      import_error (ctx, error, CM_IMPORT_ERROR_ROW, ctx->line, column_label (ctx, half_column),
                    "%s", closed->message);
      return FALSE;
    }

  return upsert_row (ctx, values, out_outcome, error);
}

void
cm_import_change_free (CmImportChange *change)
{
  if (change == NULL)
    return;

  g_free (change->supplier);
  g_free (change->reference);
  g_free (change);
}

/**
 * cm_import_result_clear:
 * @result: a #CmImportResult
 *
 * Frees the list of changes and zeroes the counts.
 */
void
cm_import_result_clear (CmImportResult *result)
{
  g_clear_pointer (&result->changes, g_ptr_array_unref);
  *result = (CmImportResult) { 0 };
}

/* A stored YYYY-MM-DD date as dates are shown: "6 May 2010". */
static char *
shown_date (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  if (!cm_fiscal_parse_date (iso, &date, NULL))
    return g_strdup (iso);

  return cm_fiscal_format_date (&date);
}

/**
 * cm_import_change_describe:
 * @change: a #CmImportChange
 *
 * Returns: (transfer full): one line such as
 *   "line 14: Acme Training INV-1: amount £1,200.00 → £1,300.00"
 */
char *
cm_import_change_describe (const CmImportChange *change)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("line %u: %s %s:"), change->line, change->supplier, change->reference);
  if (change->old_amount_pence != change->new_amount_pence)
    {
      g_autofree char *from = cm_money_format (change->old_amount_pence);
      g_autofree char *to = cm_money_format (change->new_amount_pence);

      g_string_append_printf (text, _(" amount %s → %s"), from, to);
    }
  if (strcmp (change->old_date, change->new_date) != 0)
    {
      g_autofree char *from = shown_date (change->old_date);
      g_autofree char *to = shown_date (change->new_date);

      if (change->old_amount_pence != change->new_amount_pence)
        g_string_append_c (text, ',');
      g_string_append_printf (text, _(" date %s → %s"), from, to);
    }

  return g_string_free (text, FALSE);
}

/* spend: two suppliers may both send an "INV-1", so a transaction is
 * its supplier and reference, trimmed and without (ASCII) case, as the
 * transactions_key index has it. The stored spend is read once into a
 * table by that key: a county's ledger is then imported with one
 * statement per new or changed row and none for an unchanged one. */
typedef struct
{
  gint64  id;
  char    date[11];
  gint64  amount_pence;
  gint64  commission_id;
  gint64  stream_id;
  char   *supplier;
  char   *reference;
  char   *kind;
} StoredSpend;

static void
stored_spend_free (gpointer pointer)
{
  StoredSpend *stored = pointer;

  g_free (stored->supplier);
  g_free (stored->reference);
  g_free (stored->kind);
  g_free (stored);
}

static char *
spend_key (const char *supplier,
           const char *reference)
{
  g_autofree char *folded_supplier = g_ascii_strdown (supplier, -1);
  g_autofree char *folded_reference = g_ascii_strdown (reference, -1);

  return g_strconcat (folded_supplier, "\x1f", folded_reference, NULL);
}

/* The audit trail of a bulk import's new rows: one row per financial
 * year, the file, how many and their total (HACKING.md, "Audit trail").
 * Changes of stored rows were recorded one by one. */
static gboolean
audit_bulk_insert (ImportContext  *ctx,
                   GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = g_path_get_basename (ctx->file);

  if (!(stmt = cm_db_prepare (ctx->db,
                              "INSERT INTO audit (user, kind, item_id, label, year, field, old_value, new_value)"
                              " SELECT cm_user (), 'import', 0, ?1 || ': ' || count(*) || ' new transactions',"
                              "   CAST (strftime ('%Y', date, '-3 months') AS INTEGER) AS fy, 'imported_amount',"
                              "   NULL, sum (amount_pence)"
                              " FROM transactions WHERE id > ?2 GROUP BY fy ORDER BY fy",
                              error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, ctx->last_stored_id);

  return cm_db_step_done (ctx->db, stmt, error);
}

/* From this many rows on, a spend import that doubles the ledger builds
 * its indexes after the rows (see prepare_spend()). */
#define BULK_ROWS 10000

static gboolean
prepare_spend (ImportContext  *ctx,
               GError        **error)
{
  g_autoptr(GError) db_error = NULL;
  g_autoptr(sqlite3_stmt) stored = NULL;
  int rc;

  ctx->spend = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stored_spend_free);

  if (!(stored = cm_db_prepare (ctx->db,
                                "SELECT id, date, amount_pence, commission_id, stream_id,"
                                " trim (supplier), trim (reference), kind FROM transactions",
                                &db_error)) ||
      !(ctx->insert = cm_db_prepare (ctx->db,
                                     "INSERT INTO transactions (date, amount_pence, commission_id, stream_id,"
                                     " supplier, reference, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                     &db_error)) ||
      !(ctx->update = cm_db_prepare (ctx->db,
                                     "UPDATE transactions SET date = ?1, amount_pence = ?2,"
                                     " commission_id = ?3, stream_id = ?4, supplier = ?5,"
                                     " reference = ?6, kind = ?7 WHERE id = ?8",
                                     &db_error)))
    goto failed;

  while ((rc = sqlite3_step (stored)) == SQLITE_ROW)
    {
      StoredSpend *row = g_new0 (StoredSpend, 1);

      row->id = sqlite3_column_int64 (stored, 0);
      g_strlcpy (row->date, (const char *) sqlite3_column_text (stored, 1), sizeof row->date);
      row->amount_pence = sqlite3_column_int64 (stored, 2);
      row->commission_id = sqlite3_column_int64 (stored, 3);
      row->stream_id = sqlite3_column_int64 (stored, 4);
      row->supplier = g_strdup ((const char *) sqlite3_column_text (stored, 5));
      row->reference = g_strdup ((const char *) sqlite3_column_text (stored, 6));
      row->kind = g_strdup ((const char *) sqlite3_column_text (stored, 7));
      g_hash_table_replace (ctx->spend, spend_key (row->supplier, row->reference), row);
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (ctx->db, &db_error);
      goto failed;
    }

  /* A file that at least doubles the ledger: the keys are checked here
   * (the table above and the file's own), so the indexes can be built
   * once at the end. A failure rolls the drop back with the rest. */
  if (ctx->n_lines >= BULK_ROWS && ctx->n_lines > g_hash_table_size (ctx->spend))
    {
      if (!cm_db_exec (ctx->db, CM_DB_DROP_TRANSACTION_INDEXES, &db_error) ||
          !cm_db_query_int64 (ctx->db, "SELECT coalesce (max (id), 0) FROM transactions",
                              &ctx->last_stored_id, &db_error))
        goto failed;
      ctx->rebuild_indexes = TRUE;
      /* An audit row for each would cost more than the import itself. */
      cm_db_set_audit_each_insert (ctx->db, FALSE);
    }

  return TRUE;

failed:
  import_database_error (ctx, error, ctx->header_line, db_error);
  return FALSE;
}

static gboolean
import_spend_row (ImportContext        *ctx,
                  const CmImportValue  *values,
                  RowOutcome           *out_outcome,
                  GError              **error)
{
  enum { DATE, AMOUNT, COMMISSION, STREAM, SUPPLIER, REFERENCE, KIND };
  g_autoptr(GError) db_error = NULL;
  g_autofree char *key = spend_key (values[SUPPLIER].text, values[REFERENCE].text);
  const StoredSpend *stored = g_hash_table_lookup (ctx->spend, key);
  gint64 commission_id = values[COMMISSION].present ? values[COMMISSION].integer : 0;
  gint64 stream_id = values[STREAM].present ? values[STREAM].integer : 0;
  sqlite3_stmt *stmt;

  if (stored == NULL)
    *out_outcome = ROW_INSERTED;
  else if (strcmp (stored->date, values[DATE].iso_date) == 0 &&
           stored->amount_pence == values[AMOUNT].integer &&
           stored->commission_id == commission_id &&
           stored->stream_id == stream_id &&
           g_strcmp0 (stored->supplier, values[SUPPLIER].text) == 0 &&
           g_strcmp0 (stored->reference, values[REFERENCE].text) == 0 &&
           g_strcmp0 (stored->kind, values[KIND].text) == 0)
    {
      *out_outcome = ROW_UNCHANGED;
      return TRUE;
    }
  else
    *out_outcome = ROW_UPDATED;

  stmt = stored == NULL ? ctx->insert : ctx->update;
  bind_values (ctx, stmt, values);
  if (stored != NULL)
    sqlite3_bind_int64 (stmt, 8, stored->id);

  if (!cm_db_step_done (ctx->db, stmt, &db_error))
    {
      import_database_error (ctx, error, ctx->line, db_error);
      sqlite3_clear_bindings (stmt);
      return FALSE;
    }
  sqlite3_clear_bindings (stmt);

  if (stored != NULL &&
      (stored->amount_pence != values[AMOUNT].integer || strcmp (stored->date, values[DATE].iso_date) != 0))
    {
      CmImportChange *change = g_new0 (CmImportChange, 1);

      change->line = ctx->line;
      change->supplier = g_strdup (values[SUPPLIER].text);
      change->reference = g_strdup (values[REFERENCE].text);
      g_strlcpy (change->old_date, stored->date, sizeof change->old_date);
      g_strlcpy (change->new_date, values[DATE].iso_date, sizeof change->new_date);
      change->old_amount_pence = stored->amount_pence;
      change->new_amount_pence = values[AMOUNT].integer;

      if (ctx->changes == NULL)
        ctx->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_import_change_free);
      g_ptr_array_add (ctx->changes, change);
    }

  return TRUE;
}
