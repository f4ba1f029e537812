/* cm-workforce.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-core"

#include "config.h"

#include <string.h>

#include "cm-db-private.h"
#include "cm-workforce.h"

/* Names are sorted the way a person reads a list, not by byte value:
 * case-insensitively and by the current locale's collation. */
typedef struct
{
  char    *key;
  gint64   id;
  GObject *item;
} SortEntry;

static void
sort_entry_free (gpointer data)
{
  SortEntry *entry = data;

  g_free (entry->key);
  g_clear_object (&entry->item);
  g_free (entry);
}

static void
add_entry (GPtrArray  *entries,
           const char *name,
           gint64      id,
           gpointer    item)
{
  SortEntry *entry = g_new0 (SortEntry, 1);
  g_autofree char *folded = g_utf8_casefold (name, -1);

  entry->key = g_utf8_collate_key (folded, -1);
  entry->id = id;
  entry->item = item;
  g_ptr_array_add (entries, entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *entry_a = *(const SortEntry * const *) a;
  const SortEntry *entry_b = *(const SortEntry * const *) b;
  int cmp = strcmp (entry_a->key, entry_b->key);

  if (cmp != 0)
    return cmp;

  return (entry_a->id > entry_b->id) - (entry_a->id < entry_b->id);
}

static GListStore *
store_from_entries (GType      item_type,
                    GPtrArray *entries)
{
  g_autoptr(GPtrArray) items = g_ptr_array_sized_new (entries->len);
  GListStore *store = g_list_store_new (item_type);

  g_ptr_array_sort (entries, compare_entries);

  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (items, ((SortEntry *) g_ptr_array_index (entries, i))->item);

  g_list_store_splice (store, 0, 0, items->pdata, items->len);

  return store;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/**
 * cm_workforce_list_organisations:
 * @db: a #CmDb
 * @error: return location for a #GError
 *
 * Lists every organisation with the number of its staff groups and their
 * total headcount, sorted by name.
 *
 * Returns: (transfer full) (nullable): a store of #CmOrganisation
 */
GListStore *
cm_workforce_list_organisations (CmDb    *db,
                                 GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  stmt = cm_db_prepare (db,
                        "SELECT o.id, o.name, o.kind, count(s.id), coalesce(sum(s.headcount), 0)"
                        "  FROM organisations o"
                        "  LEFT JOIN staff_groups s ON s.organisation_id = o.id"
                        " GROUP BY o.id",
                        error);
  if (stmt == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func (sort_entry_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = column_text (stmt, 1);
      CmOrganisation *organisation = cm_organisation_new (id, name, column_text (stmt, 2));

      cm_organisation_set_n_staff_groups (organisation, (guint) sqlite3_column_int64 (stmt, 3));
      cm_organisation_set_headcount (organisation, sqlite3_column_int64 (stmt, 4));
      add_entry (entries, name, id, organisation);
    }

  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return store_from_entries (CM_TYPE_ORGANISATION, entries);
}

/**
 * cm_workforce_list_staff_groups:
 * @db: a #CmDb
 * @error: return location for a #GError
 *
 * Lists every staff group with its organisation's name, sorted by name.
 *
 * Returns: (transfer full) (nullable): a store of #CmStaffGroup
 */
GListStore *
cm_workforce_list_staff_groups (CmDb    *db,
                                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  stmt = cm_db_prepare (db,
                        "SELECT s.id, s.name, o.name, s.sector, s.headcount, s.turnover_bp"
                        "  FROM staff_groups s"
                        "  JOIN organisations o ON o.id = s.organisation_id",
                        error);
  if (stmt == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func (sort_entry_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = column_text (stmt, 1);
      CmStaffGroup *group = cm_staff_group_new (id, name,
                                                column_text (stmt, 2),
                                                column_text (stmt, 3),
                                                sqlite3_column_int64 (stmt, 4),
                                                (guint) sqlite3_column_int64 (stmt, 5));

      add_entry (entries, name, id, group);
    }

  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return store_from_entries (CM_TYPE_STAFF_GROUP, entries);
}

/**
 * cm_workforce_count_staff:
 * @db: a #CmDb
 * @out_groups: (out) (optional): the number of staff groups
 * @out_headcount: (out) (optional): the headcount over all staff groups
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_workforce_count_staff (CmDb     *db,
                          gint64   *out_groups,
                          gint64   *out_headcount,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  stmt = cm_db_prepare (db, "SELECT count(*), coalesce(sum(headcount), 0) FROM staff_groups", error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  if (out_groups != NULL)
    *out_groups = sqlite3_column_int64 (stmt, 0);
  if (out_headcount != NULL)
    *out_headcount = sqlite3_column_int64 (stmt, 1);

  return TRUE;
}
