/* cm-audit.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cm-db.h"

G_BEGIN_DECLS

/*
 * The audit trail of money changes: every change to an allocation, a
 * commission's costs and counts, a split, a transaction or the DNA charge
 * policy, with its time, the user, and the old and new value. The rows are
 * written by triggers in the database, whatever writes (HACKING.md,
 * "Audit trail"); this module reads them.
 */

/* What a history is asked for. */
typedef enum
{
  CM_AUDIT_ITEM_STREAM,
  CM_AUDIT_ITEM_COMMISSION,   /* the commission and its splits */
  CM_AUDIT_ITEM_TRANSACTION,
} CmAuditItem;

/* How a field's values are stored. */
typedef enum
{
  CM_AUDIT_VALUE_PENCE,
  CM_AUDIT_VALUE_BASIS_POINTS,
  CM_AUDIT_VALUE_COUNT,
  CM_AUDIT_VALUE_HALF_DAYS,
  CM_AUDIT_VALUE_DATE,        /* ISO 8601 text */
  CM_AUDIT_VALUE_TEXT,
} CmAuditValue;

/* One changed field of one item. */
typedef struct
{
  gint64  id;
  char   *time;       /* when, ISO 8601 UTC: "2026-11-30T07:40:12Z" */
  char   *user;       /* who: the login name */
  char   *kind;       /* "stream", "commission", "split", "transaction", "policy",
                       * "import" (a bulk import's new transactions) */
  gint64  item_id;    /* a split's is its commission's; 0 for the policy and imports */
  char   *label;      /* "DH-WDG 2010/11", "CM-001", "CM-001 / DH-WDG", "Acme INV-1" */
  int     year;       /* the item's financial year; 0 for the policy */
  char   *field;      /* "allocation", "amount", "fee_per_event"… */
  char   *old_value;  /* NULL: none (the item was added); numbers in decimal */
  char   *new_value;  /* NULL: none (the item was deleted) */
} CmAuditEntry;

void          cm_audit_entry_free    (CmAuditEntry  *entry);

GPtrArray    *cm_audit_list_item     (CmDb          *db,
                                      CmAuditItem    item,
                                      gint64         id,
                                      GError       **error);
GPtrArray    *cm_audit_list_year     (CmDb          *db,
                                      int            year,
                                      GError       **error);

CmAuditValue  cm_audit_field_value   (const char    *field);
const char   *cm_audit_field_label   (const char    *field);
char         *cm_audit_format_value  (const char    *field,
                                      const char    *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmAuditEntry, cm_audit_entry_free)

G_END_DECLS
