/* cm-audit.c
 *
 * Reading the audit trail of money changes (HACKING.md, "Audit trail").
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-audit"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-audit.h"
#include "cm-budget.h"
#include "cm-db-private.h"
#include "cm-fiscal.h"
#include "cm-money.h"

/* Every field the triggers of schema 6 record, in cm-db.c. */
static const struct
{
  const char   *field;
  CmAuditValue  value;
  const char   *label;
} fields[] = {
  { "allocation", CM_AUDIT_VALUE_PENCE, N_("Allocation") },
  { "fee_per_event", CM_AUDIT_VALUE_PENCE, N_("Fee per event") },
  { "venue_per_day", CM_AUDIT_VALUE_PENCE, N_("Venue per day") },
  { "cost_per_place", CM_AUDIT_VALUE_PENCE, N_("Cost per place") },
  { "materials_per_place", CM_AUDIT_VALUE_PENCE, N_("Materials per place") },
  { "events", CM_AUDIT_VALUE_COUNT, N_("Events") },
  { "days", CM_AUDIT_VALUE_HALF_DAYS, N_("Days per event") },
  { "places", CM_AUDIT_VALUE_COUNT, N_("Places") },
  { "pvi_places", CM_AUDIT_VALUE_COUNT, N_("PVI places") },
  { "percent", CM_AUDIT_VALUE_BASIS_POINTS, N_("Split percent") },
  { "amount", CM_AUDIT_VALUE_PENCE, N_("Amount") },
  { "date", CM_AUDIT_VALUE_DATE, N_("Date") },
  { "stream", CM_AUDIT_VALUE_TEXT, N_("Stream") },
  { "commission", CM_AUDIT_VALUE_TEXT, N_("Commission") },
  { "supplier", CM_AUDIT_VALUE_TEXT, N_("Supplier") },
  { "reference", CM_AUDIT_VALUE_TEXT, N_("Reference") },
  { "kind", CM_AUDIT_VALUE_TEXT, N_("Kind") },
  { "imported_amount", CM_AUDIT_VALUE_PENCE, N_("New transactions, total") },
  { "half_day_charge", CM_AUDIT_VALUE_PENCE, N_("DNA charge, half day") },
  { "full_day_charge", CM_AUDIT_VALUE_PENCE, N_("DNA charge, full day") },
};

#define SELECT_ENTRIES \
  "SELECT id, time, user, kind, item_id, label, coalesce (year, 0), field, old_value, new_value FROM audit"

/**
 * cm_audit_entry_free:
 * @entry: (nullable): an entry
 */
void
cm_audit_entry_free (CmAuditEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->time);
  g_free (entry->user);
  g_free (entry->kind);
  g_free (entry->label);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Reads the rows of @stmt, bound already, newest first as selected. */
static GPtrArray *
read_entries (CmDb          *db,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_audit_entry_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CmAuditEntry *entry = g_new0 (CmAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->time = dup_column (stmt, 1);
      entry->user = dup_column (stmt, 2);
      entry->kind = dup_column (stmt, 3);
      entry->item_id = sqlite3_column_int64 (stmt, 4);
      entry->label = dup_column (stmt, 5);
      entry->year = sqlite3_column_int (stmt, 6);
      entry->field = dup_column (stmt, 7);
      entry->old_value = dup_column (stmt, 8);
      entry->new_value = dup_column (stmt, 9);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/**
 * cm_audit_list_item:
 * @db: a #CmDb
 * @item: what @id is
 * @id: the stream's, commission's or transaction's id
 * @error: return location for a #GError
 *
 * Lists the recorded changes of one item, newest first; a commission's
 * include those of its splits. Safe in a worker thread.
 *
 * Returns: (transfer container) (element-type CmAuditEntry): the entries
 */
GPtrArray *
cm_audit_list_item (CmDb         *db,
                    CmAuditItem   item,
                    gint64        id,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *kind;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  switch (item)
    {
    case CM_AUDIT_ITEM_STREAM:
      kind = "stream";
      break;
    case CM_AUDIT_ITEM_COMMISSION:
      kind = "commission";
      break;
    case CM_AUDIT_ITEM_TRANSACTION:
      kind = "transaction";
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  if (!(stmt = cm_db_prepare (db, SELECT_ENTRIES
                                  " WHERE item_id = ?2 AND (kind = ?1 OR (?1 = 'commission' AND kind = 'split'))"
                                  " ORDER BY id DESC", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);

  return read_entries (db, stmt, error);
}

/**
 * cm_audit_list_year:
 * @db: a #CmDb
 * @year: the financial year
 * @error: return location for a #GError
 *
 * Lists the recorded changes of the year's items, and of the DNA charge
 * policy, which belongs to no year, newest first. Safe in a worker thread.
 *
 * Returns: (transfer container) (element-type CmAuditEntry): the entries
 */
GPtrArray *
cm_audit_list_year (CmDb     *db,
                    int       year,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!(stmt = cm_db_prepare (db, SELECT_ENTRIES " WHERE year = ?1"
                                  " UNION ALL " SELECT_ENTRIES " WHERE year IS NULL"
                                  " ORDER BY 1 DESC", error)))
    return NULL;
  sqlite3_bind_int (stmt, 1, year);

  return read_entries (db, stmt, error);
}

/**
 * cm_audit_field_value:
 * @field: a field of an entry
 *
 * Returns: how the field's values are stored; text for a field unknown
 *   to this version
 */
CmAuditValue
cm_audit_field_value (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].field, field) == 0)
      return fields[i].value;

  return CM_AUDIT_VALUE_TEXT;
}

/**
 * cm_audit_field_label:
 * @field: a field of an entry
 *
 * Returns: the field's name as shown, "Fee per event"; the field itself
 *   when unknown to this version
 */
const char *
cm_audit_field_label (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].field, field) == 0)
      return _(fields[i].label);

  return field;
}

/**
 * cm_audit_format_value:
 * @field: the entry's field
 * @value: (nullable): its old or new value
 *
 * Returns: (transfer full): the value as shown: "£1,234.56", "50%",
 *   "2.5", "15 Nov 2010", the text, or "none"
 */
char *
cm_audit_format_value (const char *field,
                       const char *value)
{
  gint64 number;

  if (value == NULL)
    return g_strdup (_("none"));

  switch (cm_audit_field_value (field))
    {
    case CM_AUDIT_VALUE_PENCE:
      number = g_ascii_strtoll (value, NULL, 10);
      return cm_money_format (number);
    case CM_AUDIT_VALUE_BASIS_POINTS:
      {
        g_autofree char *percent = cm_budget_format_percent (g_ascii_strtoll (value, NULL, 10));

        return g_strdup_printf ("%s%%", percent);
      }
    case CM_AUDIT_VALUE_HALF_DAYS:
      number = g_ascii_strtoll (value, NULL, 10);
      if (number % 2 != 0)
        return g_strdup_printf ("%" G_GINT64_FORMAT ".5", number / 2);
      return g_strdup_printf ("%" G_GINT64_FORMAT, number / 2);
    case CM_AUDIT_VALUE_DATE:
      {
        GDate date;

        if (cm_fiscal_parse_date (value, &date, NULL))
          return cm_fiscal_format_date (&date);
        return g_strdup (value);
      }
    case CM_AUDIT_VALUE_COUNT:
    case CM_AUDIT_VALUE_TEXT:
    default:
      return g_strdup (value);
    }
}
