/* cm-export.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cm-db.h"
#include "cm-what-if.h"

G_BEGIN_DECLS

/*
 * Excel workbooks: the finance workbook, the grant returns and the needs
 * analysis (docs/figures.md, "Workbooks"). Every export is written to a
 * temporary file beside the target and renamed into place, so a failed
 * export leaves an existing file as it was; numbers are written in the
 * "C" numeric locale whatever the process locale is.
 */

#define CM_EXPORT_ERROR (cm_export_error_quark ())

typedef enum
{
  CM_EXPORT_ERROR_INVALID,      /* an unknown kind, a bad year or half */
  CM_EXPORT_ERROR_UNAVAILABLE,  /* the kind needs data this version does not keep */
  CM_EXPORT_ERROR_LAYOUT,       /* a return layout file is wrong */
  CM_EXPORT_ERROR_WRITE,        /* the file could not be written */
  CM_EXPORT_ERROR_CANCELLED,    /* the export was cancelled */
  CM_EXPORT_ERROR_NOT_NOW,      /* not written now: the disk is full, the folder
                                 * is not writable or the file is open elsewhere */
} CmExportError;

typedef enum
{
  CM_EXPORT_FINANCE,
  CM_EXPORT_DH_RETURN,
  CM_EXPORT_CWDC_CLAIM,
  CM_EXPORT_LSCB_REPORT,
  CM_EXPORT_TNA,
  CM_EXPORT_EVALUATION,
  CM_EXPORT_N_KINDS,
} CmExportKind;

/* What a workbook may include beyond its figures. */
typedef enum
{
  CM_EXPORT_FLAGS_NONE = 0,
  /* Learners' names and emails, in a kind that lists people
   * (cm_export_kind_lists_people()); left out unless asked for. */
  CM_EXPORT_WITH_NAMES = 1 << 0,
} CmExportFlags;

GQuark              cm_export_error_quark   (void);

/* The kinds' names as the CLI takes them ("finance", "dh-return", …),
 * NULL-terminated, in CmExportKind order. */
const char * const *cm_export_kinds         (void);
gboolean            cm_export_kind_from_name (const char   *name,
                                              CmExportKind *out_kind);
/* One line saying who the kind is for (translated). */
const char         *cm_export_kind_purpose  (CmExportKind  kind);
/* Whether the kind is for a cycle (year and half) rather than a year. */
gboolean            cm_export_kind_uses_half (CmExportKind kind);
/* Whether the kind lists learners, so that CM_EXPORT_WITH_NAMES can
 * add their names and emails. */
gboolean            cm_export_kind_lists_people (CmExportKind kind);
/* Whether this version can write the kind. */
gboolean            cm_export_kind_available (CmExportKind kind);
/* "Commissioner finance 2010-11.xlsx", "Commissioner tna 2010-11 H1.xlsx" */
char               *cm_export_suggest_name  (CmExportKind  kind,
                                             int           year,
                                             int           half);

/* Writes the workbook of @kind for financial year @year (and @half, 1 or
 * 2, for kinds that take a cycle; 0 otherwise) to @path. @today dates the
 * warnings and the footer. @progress (nullable) is called with a fraction
 * from 0 to 1 as sheets are written. */
gboolean            cm_export_write         (CmDb          *db,
                                             CmExportKind   kind,
                                             int            year,
                                             int            half,
                                             const GDate   *today,
                                             const char    *path,
                                             void         (*progress) (double   fraction,
                                                                       gpointer user_data),
                                             gpointer       user_data,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* The same, with @flags: CM_EXPORT_WITH_NAMES is refused for a kind that
 * lists nobody. */
gboolean            cm_export_write_full    (CmDb          *db,
                                             CmExportKind   kind,
                                             int            year,
                                             int            half,
                                             CmExportFlags  flags,
                                             const GDate   *today,
                                             const char    *path,
                                             void         (*progress) (double   fraction,
                                                                       gpointer user_data),
                                             gpointer       user_data,
                                             GCancellable  *cancellable,
                                             GError       **error);

/* Writes the what-if workbook of @year under @scenario to @path: sheets
 * Streams (before and after), Kept, Deferred (with the stream that
 * blocked each) and Unmet (docs/figures.md, "What-if"). @name (nullable)
 * names the scenario in the title. Reads the year itself, so it can run
 * in a worker thread with its own connection. */
gboolean            cm_export_what_if       (CmDb                   *db,
                                             int                     year,
                                             const CmWhatIfScenario *scenario,
                                             const GDate            *today,
                                             const char             *path,
                                             GCancellable           *cancellable,
                                             GError                **error);
/* "Commissioner what-if 2010-11.xlsx" */
char               *cm_export_what_if_suggest_name (int year);

G_END_DECLS
