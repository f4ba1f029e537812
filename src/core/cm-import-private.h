/* cm-import-private.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cm-domain.h"
#include "cm-import.h"

G_BEGIN_DECLS

/* How the text of a CSV field becomes a value bound to SQL. */
typedef enum
{
  CM_IMPORT_TEXT,         /* trimmed text */
  CM_IMPORT_INTEGER,      /* whole number in [min, max]; a sign only if min < 0 */
  CM_IMPORT_PERCENT,      /* "12.5", "11%": basis points in [min, max] */
  CM_IMPORT_MONEY,        /* cm_money_parse(): pence in [min, max] */
  CM_IMPORT_DATE,         /* cm_fiscal_parse_date(): ISO text */
  CM_IMPORT_YES_NO,       /* 1 or 0 */
  CM_IMPORT_HALF_DAYS,    /* days in 0.5 steps: half days in [min, max] */
  CM_IMPORT_VOCABULARY,   /* cm_domain_lookup(): the canonical id */
  CM_IMPORT_REFERENCE,    /* a unique name or code: the row id */
} CmImportType;

/* The tables a column may refer to, by their unique name or code. */
typedef enum
{
  CM_IMPORT_TARGET_NONE,
  CM_IMPORT_TARGET_ORGANISATION,
  CM_IMPORT_TARGET_STAFF_GROUP,
  CM_IMPORT_TARGET_COMPETENCY,
  CM_IMPORT_TARGET_COMMISSION,
  CM_IMPORT_TARGET_STREAM,
  CM_IMPORT_TARGET_EVENT,
  CM_IMPORT_TARGET_LEARNER,
} CmImportTarget;

typedef enum
{
  CM_IMPORT_REQUIRED = 0,
  CM_IMPORT_OPTIONAL = 1 << 0,  /* the column may be absent or empty */
  CM_IMPORT_KEY      = 1 << 1,  /* part of what identifies the row */
  CM_IMPORT_FOLD_CASE = 1 << 2, /* a key compared without (ASCII) case */
} CmImportFlags;

typedef struct
{
  const char     *name;        /* as in the CSV header */
  CmImportType    type;
  CmImportFlags   flags;
  gint64          min;         /* for the numeric types, in stored units */
  gint64          max;
  CmDomainSet     vocabulary;  /* for CM_IMPORT_VOCABULARY */
  CmImportTarget  target;      /* for CM_IMPORT_REFERENCE */
  const char     *db_column;   /* to tell which column a constraint names */
  guint           year_from;   /* a stream reference: 1 + the column that
                                * gives its year (a date: the financial
                                * year; a commission: the commission's) */
} CmImportColumn;

typedef struct
{
  gboolean    present;       /* FALSE for an empty optional field */
  gint64      integer;       /* the numeric types, yes/no and references */
  const char *text;          /* text, vocabulary ids, references as written */
  char        iso_date[11];  /* dates, as YYYY-MM-DD */
} CmImportValue;

gboolean cm_import_parse_value (const CmImportColumn  *column,
                                const char            *text,
                                CmImportValue         *out_value,
                                GError               **error);

G_END_DECLS
