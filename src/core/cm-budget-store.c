/* cm-budget-store.c
 *
 * Reading and writing streams, commissions, splits and transactions, so
 * that the budget page never needs SQL of its own.
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-budget"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-db-private.h"
#include "cm-budget.h"
#include "cm-budget-private.h"
#include "cm-domain.h"
#include "cm-fiscal.h"

#define MAX_MONEY G_GINT64_CONSTANT (100000000000)

/* Reading columns. */

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static void
column_date (sqlite3_stmt *stmt,
             int           column,
             GDate        *out_date)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  g_date_clear (out_date, 1);
  if (text != NULL)
    cm_fiscal_parse_date ((const char *) text, out_date, NULL);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_date_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const GDate  *date)
{
  if (g_date_valid (date))
    {
      g_autofree char *iso = cm_fiscal_format_iso (date);

      sqlite3_bind_text (stmt, index, iso, -1, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
step_row (CmDb          *db,
          sqlite3_stmt  *stmt,
          gboolean      *out_has_row,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *out_has_row = TRUE;
      return TRUE;
    }
  *out_has_row = FALSE;
  if (rc == SQLITE_DONE)
    return TRUE;

  cm_db_set_error (db, error);
  return FALSE;
}

/* Looks a code up; 0 when there is no such row. A stream's code is
 * unique only within its year, which the query takes as ?2. */
static gboolean
lookup_id (CmDb        *db,
           const char  *sql,
           const char  *key,
           int          year,
           gint64      *out_id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = cm_db_prepare (db, sql, error);
  gboolean has_row = FALSE;

  *out_id = 0;
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int (stmt, 2, year);
  if (!step_row (db, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    *out_id = sqlite3_column_int64 (stmt, 0);

  return TRUE;
}


static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static gboolean G_GNUC_PRINTF (2, 3)
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (CM_BUDGET_ERROR, CM_BUDGET_ERROR_INVALID, format, args));
  va_end (args);

  return FALSE;
}

/* Change notifications (HACKING.md, "Data flow"). Each write announces
 * what it changed for every financial year the row touches, before and
 * after the change, so that a row moved between years is seen by both. */

/* The year of a date's financial year, in SQL: April starts the year. */
#define FISCAL_YEAR_SQL(date) "CAST (strftime ('%Y', date (" date ", '-3 months')) AS INTEGER)"

#define STREAM_YEARS_SQL "SELECT year FROM streams WHERE id = ?1"
#define COMMISSION_YEARS_SQL \
  "SELECT year FROM commissions WHERE id = ?1" \
  " UNION SELECT y.year FROM splits sp JOIN streams y ON y.id = sp.stream_id WHERE sp.commission_id = ?1"
#define TRANSACTION_YEARS_SQL \
  "SELECT " FISCAL_YEAR_SQL ("t.date") " FROM transactions t WHERE t.id = ?1" \
  " UNION SELECT s.year FROM transactions t JOIN streams s ON s.id = t.stream_id WHERE t.id = ?1" \
  " UNION SELECT c.year FROM transactions t JOIN commissions c ON c.id = t.commission_id WHERE t.id = ?1" \
  " UNION SELECT y.year FROM transactions t JOIN splits sp ON sp.commission_id = t.commission_id" \
  "   JOIN streams y ON y.id = sp.stream_id WHERE t.id = ?1"

static void
announce_years (CmDb         *db,
                CmChangeKind  kind,
                const char   *years_sql,
                gint64        id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* A row not yet saved touches no year: its save announces it after. */
  if (id <= 0)
    return;

  stmt = cm_db_prepare (db, years_sql, NULL);
  if (stmt == NULL)
    {
      cm_db_announce (db, kind, 0, 0, id);
      return;
    }

  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    cm_db_announce (db, kind, sqlite3_column_int (stmt, 0), 0, id);
}

/* A commission's row and its splits go together. */
static void
announce_commission (CmDb   *db,
                     gint64  id)
{
  announce_years (db, CM_CHANGE_COMMISSIONS, COMMISSION_YEARS_SQL, id);
  announce_years (db, CM_CHANGE_SPLITS, COMMISSION_YEARS_SQL, id);
}

static int
category_rank (const char *category)
{
  const char * const *values = cm_domain_values (CM_DOMAIN_CATEGORY);

  for (int i = 0; values[i] != NULL; i++)
    if (g_str_equal (values[i], category))
      return i;

  return G_MAXINT;
}

static int
compare_categories (gconstpointer a,
                    gconstpointer b)
{
  return category_rank (*(const char * const *) a) - category_rank (*(const char * const *) b);
}

/* Streams. */

#define STREAM_COLUMNS \
  "s.id, s.code, s.name, s.funder, s.year, s.allocation_pence, s.ring_fenced," \
  " s.expiry, s.min_pvi_bp, s.return_kind," \
  " (SELECT group_concat (category, ';') FROM stream_categories WHERE stream_id = s.id)"

static CmBudgetStream *
stream_from_row (sqlite3_stmt *stmt)
{
  CmBudgetStream *stream = g_new0 (CmBudgetStream, 1);
  const unsigned char *categories;

  stream->id = sqlite3_column_int64 (stmt, 0);
  stream->code = column_dup (stmt, 1);
  stream->name = column_dup (stmt, 2);
  stream->funder = column_dup (stmt, 3);
  stream->year = sqlite3_column_int (stmt, 4);
  stream->allocation_pence = sqlite3_column_int64 (stmt, 5);
  stream->ring_fenced = sqlite3_column_int (stmt, 6) != 0;
  column_date (stmt, 7, &stream->expiry);
  stream->min_pvi_bp = sqlite3_column_int (stmt, 8);
  stream->return_kind = column_dup (stmt, 9);

  categories = sqlite3_column_text (stmt, 10);
  if (categories != NULL && *categories != '\0')
    {
      stream->eligible_categories = g_strsplit ((const char *) categories, ";", -1);
      qsort (stream->eligible_categories, g_strv_length (stream->eligible_categories),
             sizeof (char *), compare_categories);
    }

  return stream;
}

/**
 * cm_budget_list_streams:
 * @db: a #CmDb
 * @year: a financial year, or 0 for every year
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CmBudgetStream): the streams, by code
 */
GPtrArray *
cm_budget_list_streams (CmDb    *db,
                        int      year,
                        GError **error)
{
  g_autoptr(GPtrArray) streams = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_stream_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  stmt = cm_db_prepare (db,
                        "SELECT " STREAM_COLUMNS " FROM streams s"
                        " WHERE ?1 = 0 OR s.year = ?1 ORDER BY s.code",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, year);
  for (;;)
    {
      if (!step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (streams, stream_from_row (stmt));
    }

  return g_steal_pointer (&streams);
}

/**
 * cm_budget_get_stream:
 * @db: a #CmDb
 * @id: the stream's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the stream
 */
CmBudgetStream *
cm_budget_get_stream (CmDb    *db,
                      gint64   id,
                      GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  stmt = cm_db_prepare (db, "SELECT " STREAM_COLUMNS " FROM streams s WHERE s.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_row (db, stmt, &has_row, error))
    return NULL;

  if (!has_row)
    {
      g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                   _("There is no funding stream with id %" G_GINT64_FORMAT), id);
      return NULL;
    }

  return stream_from_row (stmt);
}

static gboolean
validate_stream (const CmBudgetStream  *stream,
                 GError               **error)
{
  if (is_blank (stream->code))
    return invalid (error, _("The stream’s code must not be empty"));
  if (is_blank (stream->name))
    return invalid (error, _("The stream “%s” needs a name"), stream->code);
  if (!cm_domain_contains (CM_DOMAIN_FUNDER, stream->funder))
    return invalid (error, _("“%s” is not a funder"), stream->funder ? stream->funder : "");
  if (stream->year < 1900 || stream->year > 9999)
    return invalid (error, _("The stream’s year %d is not a financial year"), stream->year);
  if (stream->allocation_pence < 0 || stream->allocation_pence > G_MAXINT64 / 4)
    return invalid (error, _("The allocation of “%s” cannot be negative"), stream->code);
  if (stream->min_pvi_bp < 0 || stream->min_pvi_bp > 10000)
    return invalid (error, _("The minimum PVI share of “%s” must be from 0%% to 100%%"), stream->code);
  if (stream->return_kind != NULL && !cm_domain_contains (CM_DOMAIN_RETURN_KIND, stream->return_kind))
    return invalid (error, _("“%s” is not a kind of grant return"), stream->return_kind);

  for (guint i = 0; stream->eligible_categories != NULL && stream->eligible_categories[i] != NULL; i++)
    if (!cm_domain_contains (CM_DOMAIN_CATEGORY, stream->eligible_categories[i]))
      return invalid (error, _("“%s” is not a competency category"), stream->eligible_categories[i]);

  return TRUE;
}

typedef enum
{
  UNIQUE_STREAM_CODE,
  UNIQUE_COMMISSION_CODE,
} UniqueKey;

/* @year is the stream's; commission codes are unique across years. */
static gboolean
check_unique (CmDb        *db,
              UniqueKey    what,
              const char  *key,
              int          year,
              gint64       own_id,
              GError     **error)
{
  static const char * const sql[] = {
    [UNIQUE_STREAM_CODE] = "SELECT id FROM streams WHERE code = ?1 AND year = ?2",
    [UNIQUE_COMMISSION_CODE] = "SELECT id FROM commissions WHERE code = ?1",
  };
  gint64 other = 0;

  if (!lookup_id (db, sql[what], key, year, &other, error))
    return FALSE;

  if (other == 0 || other == own_id)
    return TRUE;

  switch (what)
    {
    case UNIQUE_STREAM_CODE:
      {
        g_autofree char *label = cm_fiscal_year_label (year);

        /* Translators: the second %s is a financial year such as "2010/11" */
        g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_DUPLICATE,
                     _("There is already a funding stream with code “%s” in %s"), key, label);
      }
      break;
    case UNIQUE_COMMISSION_CODE:
    default:
      g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_DUPLICATE,
                   _("There is already a commission with code “%s”"), key);
      break;
    }

  return FALSE;
}

/* A transaction is its supplier's reference, trimmed and without case, as
 * the transactions_key index has it: two suppliers may both send an INV-1. */
static gboolean
check_transaction_unique (CmDb        *db,
                          const char  *supplier,
                          const char  *reference,
                          gint64       own_id,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row = FALSE;

  if (!(stmt = cm_db_prepare (db,
                              "SELECT id FROM transactions"
                              " WHERE lower (trim (supplier)) = lower (?1) AND lower (trim (reference)) = lower (?2)",
                              error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, supplier, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, reference, -1, SQLITE_STATIC);
  if (!step_row (db, stmt, &has_row, error))
    return FALSE;

  if (!has_row || sqlite3_column_int64 (stmt, 0) == own_id)
    return TRUE;

  g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_DUPLICATE,
               _("There is already a transaction from “%s” with reference “%s”"), supplier, reference);
  return FALSE;
}

static gboolean
save_stream_in_transaction (CmDb            *db,
                            CmBudgetStream  *stream,
                            GError         **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) add = NULL;
  g_autofree char *code = g_strstrip (g_strdup (stream->code));
  g_autofree char *name = g_strstrip (g_strdup (stream->name));
  gint64 id;

  if (!check_unique (db, UNIQUE_STREAM_CODE, code, stream->year, stream->id, error))
    return FALSE;

  announce_years (db, CM_CHANGE_STREAMS, STREAM_YEARS_SQL, stream->id);

  upsert = cm_db_prepare (db,
                          "INSERT INTO streams (id, code, name, funder, year, allocation_pence,"
                          " ring_fenced, expiry, min_pvi_bp, return_kind)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                          " ON CONFLICT (id) DO UPDATE SET code = excluded.code,"
                          " name = excluded.name, funder = excluded.funder, year = excluded.year,"
                          " allocation_pence = excluded.allocation_pence,"
                          " ring_fenced = excluded.ring_fenced, expiry = excluded.expiry,"
                          " min_pvi_bp = excluded.min_pvi_bp, return_kind = excluded.return_kind",
                          error);
  if (upsert == NULL)
    return FALSE;

  bind_id_or_null (upsert, 1, stream->id);
  sqlite3_bind_text (upsert, 2, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 3, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 4, stream->funder, -1, SQLITE_STATIC);
  sqlite3_bind_int (upsert, 5, stream->year);
  sqlite3_bind_int64 (upsert, 6, stream->allocation_pence);
  sqlite3_bind_int (upsert, 7, stream->ring_fenced ? 1 : 0);
  bind_date_or_null (upsert, 8, &stream->expiry);
  sqlite3_bind_int (upsert, 9, stream->min_pvi_bp);
  sqlite3_bind_text (upsert, 10, stream->return_kind ? stream->return_kind : "none", -1, SQLITE_STATIC);

  if (!cm_db_step_done (db, upsert, error))
    return FALSE;

  id = stream->id > 0 ? stream->id : sqlite3_last_insert_rowid (cm_db_get_handle (db));

  clear = cm_db_prepare (db, "DELETE FROM stream_categories WHERE stream_id = ?1", error);
  add = cm_db_prepare (db, "INSERT OR IGNORE INTO stream_categories (stream_id, category) VALUES (?1, ?2)", error);
  if (clear == NULL || add == NULL)
    return FALSE;

  sqlite3_bind_int64 (clear, 1, id);
  if (!cm_db_step_done (db, clear, error))
    return FALSE;

  for (guint i = 0; stream->eligible_categories != NULL && stream->eligible_categories[i] != NULL; i++)
    {
      sqlite3_bind_int64 (add, 1, id);
      sqlite3_bind_text (add, 2, stream->eligible_categories[i], -1, SQLITE_STATIC);
      if (!cm_db_step_done (db, add, error))
        return FALSE;
    }

  stream->id = id;
  announce_years (db, CM_CHANGE_STREAMS, STREAM_YEARS_SQL, id);
  return TRUE;
}

/**
 * cm_budget_save_stream:
 * @db: a #CmDb
 * @stream: the stream; its id is set when it is new
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_budget_save_stream (CmDb            *db,
                       CmBudgetStream  *stream,
                       GError         **error)
{
  gint64 old_id;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);

  if (!validate_stream (stream, error))
    return FALSE;

  if (!cm_db_begin (db, error))
    return FALSE;

  old_id = stream->id;
  if (!save_stream_in_transaction (db, stream, error) || !cm_db_commit (db, error))
    {
      cm_db_rollback (db);
      stream->id = old_id;
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_budget_delete_stream:
 * @db: a #CmDb
 * @id: the stream's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_budget_delete_stream (CmDb    *db,
                         gint64   id,
                         GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n_commissions = 0, n_named = 0, n_through = 0;
  gboolean exists = FALSE;
  g_autofree char *count_commissions = NULL;
  g_autofree char *count_named = NULL;
  g_autofree char *count_through = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_db_begin (db, error))
    return FALSE;

  /* Everything that depends on the stream: the commissions it funds, the
   * spend that names it, and the spend of those commissions that their
   * splits share onto it. */
  count_commissions = g_strdup_printf ("SELECT count(DISTINCT commission_id) FROM splits"
                                       " WHERE stream_id = %" G_GINT64_FORMAT, id);
  count_named = g_strdup_printf ("SELECT count(*) FROM transactions WHERE stream_id = %" G_GINT64_FORMAT, id);
  count_through = g_strdup_printf ("SELECT count(*) FROM transactions WHERE stream_id IS NULL AND commission_id IN"
                                   " (SELECT commission_id FROM splits WHERE stream_id = %" G_GINT64_FORMAT ")", id);

  if (!cm_db_row_exists (db, "SELECT 1 FROM streams WHERE id = ?1", id, &exists, error) ||
      !cm_db_query_int64 (db, count_commissions, &n_commissions, error) ||
      !cm_db_query_int64 (db, count_named, &n_named, error) ||
      !cm_db_query_int64 (db, count_through, &n_through, error))
    goto failed;

  if (!exists)
    {
      g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                   _("There is no funding stream with id %" G_GINT64_FORMAT), id);
      goto failed;
    }

  if (n_commissions > 0 || n_named > 0)
    {
      g_autoptr(GPtrArray) uses = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *listed = NULL;

      if (n_commissions > 0)
        g_ptr_array_add (uses, g_strdup_printf (ngettext ("%d commission is funded from it",
                                                          "%d commissions are funded from it",
                                                          (gulong) n_commissions),
                                                (int) n_commissions));
      if (n_through > 0)
        g_ptr_array_add (uses, g_strdup_printf (ngettext ("%d transaction of theirs is charged to it through their funding",
                                                          "%d transactions of theirs are charged to it through their funding",
                                                          (gulong) n_through),
                                                (int) n_through));
      if (n_named > 0)
        g_ptr_array_add (uses, g_strdup_printf (ngettext ("%d transaction names it",
                                                          "%d transactions name it",
                                                          (gulong) n_named),
                                                (int) n_named));
      g_ptr_array_add (uses, NULL);
      listed = g_strjoinv ("; ", (char **) uses->pdata);

      /* Translators: %s lists what uses the stream, such as "2 commissions are funded from it; 1 transaction names it" */
      g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_IN_USE,
                   _("The funding stream is still in use: %s. Move them to another stream first"),
                   listed);
      goto failed;
    }

  announce_years (db, CM_CHANGE_STREAMS, STREAM_YEARS_SQL, id);
  if (!(stmt = cm_db_prepare (db, "DELETE FROM streams WHERE id = ?1", error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cm_db_step_done (db, stmt, error))
    goto failed;
  g_clear_pointer (&stmt, sqlite3_finalize);

  return cm_db_commit (db, error);

failed:
  cm_db_rollback (db);
  return FALSE;
}

/* A date @years later, or earlier; 29 February becomes the 28th in a
 * year without one. */
static void
shift_years (GDate *date,
             int    years)
{
  if (!g_date_valid (date) || years == 0)
    return;

  if (years > 0)
    g_date_add_years (date, (guint) years);
  else
    g_date_subtract_years (date, (guint) -years);
}

/**
 * cm_budget_copy_streams:
 * @db: a #CmDb
 * @from_year: the financial year to copy from
 * @to_year: the financial year to start
 * @out_copied: (out) (optional) (transfer full) (element-type utf8): the
 *   codes copied, by code
 * @out_skipped: (out) (optional) (transfer full) (element-type utf8): the
 *   codes @to_year already had, by code
 * @error: return location for a #GError
 *
 * Copies every stream of @from_year into @to_year with an allocation of
 * 0, keeping its code, name, funder, ring fence, minimum PVI share,
 * eligible categories and return kind, and moving its expiry date by the
 * years between the two. A stream whose code @to_year already has is left
 * as it is. All in one transaction: %CM_BUDGET_ERROR_INVALID when the
 * years are the same, %CM_BUDGET_ERROR_NOT_FOUND when @from_year has no
 * streams.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_budget_copy_streams (CmDb       *db,
                        int         from_year,
                        int         to_year,
                        GPtrArray **out_copied,
                        GPtrArray **out_skipped,
                        GError    **error)
{
  g_autoptr(GPtrArray) streams = NULL;
  g_autoptr(GPtrArray) copied = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *from_label = cm_fiscal_year_label (from_year);
  g_autofree char *to_label = cm_fiscal_year_label (to_year);

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (from_year < 1900 || from_year > 9999)
    return invalid (error, _("%d is not a financial year"), from_year);
  if (to_year < 1900 || to_year > 9999)
    return invalid (error, _("%d is not a financial year"), to_year);
  if (from_year == to_year)
    /* Translators: %s is a financial year such as "2010/11" */
    return invalid (error, _("The streams of %s cannot be copied into the same year"), from_label);

  if (!cm_db_begin (db, error))
    return FALSE;

  if (!(streams = cm_budget_list_streams (db, from_year, error)))
    goto failed;

  if (streams->len == 0)
    {
      /* Translators: %s is a financial year such as "2010/11" */
      g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                   _("There are no funding streams in %s to copy"), from_label);
      goto failed;
    }

  for (guint i = 0; i < streams->len; i++)
    {
      CmBudgetStream *stream = g_ptr_array_index (streams, i);
      gint64 existing = 0;

      if (!lookup_id (db, "SELECT id FROM streams WHERE code = ?1 AND year = ?2",
                      stream->code, to_year, &existing, error))
        goto failed;

      if (existing != 0)
        {
          g_ptr_array_add (skipped, g_strdup (stream->code));
          continue;
        }

      stream->id = 0;
      stream->year = to_year;
      stream->allocation_pence = 0;
      shift_years (&stream->expiry, to_year - from_year);

      if (!validate_stream (stream, error) ||
          !save_stream_in_transaction (db, stream, error))
        goto failed;
      g_ptr_array_add (copied, g_strdup (stream->code));
    }

  if (!cm_db_commit (db, error))
    goto failed;

  if (out_copied != NULL)
    *out_copied = g_steal_pointer (&copied);
  if (out_skipped != NULL)
    *out_skipped = g_steal_pointer (&skipped);
  return TRUE;

failed:
  cm_db_rollback (db);
  return FALSE;
}

/**
 * cm_budget_previous_stream_year:
 * @db: a #CmDb
 * @year: a financial year
 * @out_year: (out): the latest year before @year with streams, or 0
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_budget_previous_stream_year (CmDb    *db,
                                int      year,
                                int     *out_year,
                                GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT max (year) FROM streams WHERE year < %d", year);
  gint64 found = 0;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (out_year != NULL, FALSE);

  if (!cm_db_query_int64 (db, sql, &found, error))
    return FALSE;

  *out_year = (int) found;
  return TRUE;
}

/* Commissions and splits. */

#define COMMISSION_COLUMNS \
  "c.id, c.code, c.title, c.competency_id, k.code, k.name, k.category, c.year, c.half," \
  " c.provider, c.status, c.events, c.half_days, c.places, c.fee_per_event_pence," \
  " c.venue_per_day_pence, c.cost_per_place_pence, c.materials_per_place_pence," \
  " c.pvi_places, c.outcome," \
  " (SELECT coalesce (sum (t.amount_pence), 0) FROM transactions t WHERE t.commission_id = c.id)"

static CmBudgetCommission *
commission_from_row (sqlite3_stmt *stmt)
{
  CmBudgetCommission *commission = g_new0 (CmBudgetCommission, 1);

  commission->id = sqlite3_column_int64 (stmt, 0);
  commission->code = column_dup (stmt, 1);
  commission->title = column_dup (stmt, 2);
  commission->competency_id = sqlite3_column_int64 (stmt, 3);
  commission->competency_code = column_dup (stmt, 4);
  commission->competency_name = column_dup (stmt, 5);
  commission->category = column_dup (stmt, 6);
  commission->year = sqlite3_column_int (stmt, 7);
  commission->half = sqlite3_column_int (stmt, 8);
  commission->provider = column_dup (stmt, 9);
  commission->status = column_dup (stmt, 10);
  commission->events = sqlite3_column_int (stmt, 11);
  commission->half_days = sqlite3_column_int (stmt, 12);
  commission->places = sqlite3_column_int (stmt, 13);
  commission->fee_per_event_pence = sqlite3_column_int64 (stmt, 14);
  commission->venue_per_day_pence = sqlite3_column_int64 (stmt, 15);
  commission->cost_per_place_pence = sqlite3_column_int64 (stmt, 16);
  commission->materials_per_place_pence = sqlite3_column_int64 (stmt, 17);
  commission->pvi_places = sqlite3_column_int (stmt, 18);
  commission->outcome = column_dup (stmt, 19);
  commission->actual_pence = sqlite3_column_int64 (stmt, 20);
  commission->splits = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_split_free);

  return commission;
}

/* Fills planned, split values, funded and unfunded from the fields. */
static void
commission_refresh_figures (CmBudgetCommission *commission)
{
  commission->planned_pence = cm_budget_planned_cost (commission);
  commission->funded_pence = 0;

  for (guint i = 0; i < commission->splits->len; i++)
    {
      CmBudgetSplit *split = g_ptr_array_index (commission->splits, i);

      split->value_pence = cm_budget_split_value (split, commission->planned_pence);
      commission->funded_pence += split->value_pence;
    }

  commission->unfunded_pence = commission->planned_pence - commission->funded_pence;
}

/* Reads the commissions matching @where (binding ?1 to @key) with their splits. */
static GPtrArray *
load_commissions (CmDb        *db,
                  const char  *where,
                  gint64       key,
                  GError     **error)
{
  g_autoptr(GPtrArray) commissions = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_commission_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) splits = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *splits_sql = NULL;
  gboolean has_row = FALSE;

  sql = g_strdup_printf ("SELECT " COMMISSION_COLUMNS " FROM commissions c"
                         " LEFT JOIN competencies k ON k.id = c.competency_id"
                         " WHERE %s ORDER BY c.code", where);
  if (!(stmt = cm_db_prepare (db, sql, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, key);
  for (;;)
    {
      CmBudgetCommission *commission;

      if (!step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      commission = commission_from_row (stmt);

      g_ptr_array_add (commissions, commission);
      g_hash_table_insert (by_id, &commission->id, commission);
    }

  splits_sql = g_strdup_printf ("SELECT sp.commission_id, sp.stream_id, s.code, sp.percent_bp, sp.amount_pence"
                                " FROM splits sp JOIN streams s ON s.id = sp.stream_id"
                                " JOIN commissions c ON c.id = sp.commission_id"
                                " WHERE %s ORDER BY s.code, s.year", where);
  if (!(splits = cm_db_prepare (db, splits_sql, error)))
    return NULL;

  sqlite3_bind_int64 (splits, 1, key);
  for (;;)
    {
      gint64 commission_id;
      CmBudgetCommission *commission;
      CmBudgetSplit *split;

      if (!step_row (db, splits, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      commission_id = sqlite3_column_int64 (splits, 0);
      commission = g_hash_table_lookup (by_id, &commission_id);
      if (commission == NULL)
        continue;

      split = g_new0 (CmBudgetSplit, 1);
      split->commission_id = commission_id;
      split->stream_id = sqlite3_column_int64 (splits, 1);
      split->stream_code = column_dup (splits, 2);
      split->is_percent = sqlite3_column_type (splits, 3) != SQLITE_NULL;
      split->percent_bp = sqlite3_column_int (splits, 3);
      split->amount_pence = sqlite3_column_int64 (splits, 4);
      g_ptr_array_add (commission->splits, split);
    }

  for (guint i = 0; i < commissions->len; i++)
    commission_refresh_figures (g_ptr_array_index (commissions, i));

  return g_steal_pointer (&commissions);
}

/**
 * cm_budget_list_commissions:
 * @db: a #CmDb
 * @year: a financial year, or 0 for every year
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CmBudgetCommission): the
 *   commissions, by code
 */
GPtrArray *
cm_budget_list_commissions (CmDb    *db,
                            int      year,
                            GError **error)
{
  g_return_val_if_fail (CM_IS_DB (db), NULL);

  return load_commissions (db, "?1 = 0 OR c.year = ?1", year, error);
}

/**
 * cm_budget_get_commission:
 * @db: a #CmDb
 * @id: the commission's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the commission
 */
CmBudgetCommission *
cm_budget_get_commission (CmDb    *db,
                          gint64   id,
                          GError **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!(found = load_commissions (db, "c.id = ?1", id, error)))
    return NULL;

  if (found->len == 0)
    {
      g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                   _("There is no commission with id %" G_GINT64_FORMAT), id);
      return NULL;
    }

  return g_ptr_array_steal_index (found, 0);
}

static gboolean
check_money (gint64       value,
             const char  *what,
             const char  *code,
             GError     **error)
{
  if (value < 0 || value > MAX_MONEY)
    return invalid (error, _("The %s of “%s” must be from £0.00 to £1,000,000,000.00"), what, code);

  return TRUE;
}

static gboolean
validate_commission (const CmBudgetCommission  *commission,
                     GError                   **error)
{
  const char *code = commission->code;

  if (is_blank (code))
    return invalid (error, _("The commission’s code must not be empty"));
  if (is_blank (commission->title))
    return invalid (error, _("The commission “%s” needs a title"), code);
  if (commission->year < 1900 || commission->year > 9999)
    return invalid (error, _("The year %d of “%s” is not a financial year"), commission->year, code);
  if (commission->half != 1 && commission->half != 2)
    return invalid (error, _("The half of “%s” must be 1 or 2"), code);
  if (!cm_domain_contains (CM_DOMAIN_COMMISSION_STATUS, commission->status))
    return invalid (error, _("“%s” is not a commission status"), commission->status ? commission->status : "");
  if (commission->events < 0 || commission->events > 10000)
    return invalid (error, _("The number of events of “%s” must be from 0 to 10000"), code);
  if (commission->half_days < 0 || commission->half_days > 400)
    return invalid (error, _("The days per event of “%s” must be from 0 to 200 in steps of 0.5"), code);
  if (commission->places < 0 || commission->places > 10000)
    return invalid (error, _("The places per event of “%s” must be from 0 to 10000"), code);
  if (commission->pvi_places < 0 || commission->pvi_places > commission->places)
    return invalid (error, _("The PVI places of “%s” must be from 0 to its places per event"), code);

  if (!check_money (commission->fee_per_event_pence, _("fee per event"), code, error) ||
      !check_money (commission->venue_per_day_pence, _("venue cost per day"), code, error) ||
      !check_money (commission->cost_per_place_pence, _("cost per place"), code, error) ||
      !check_money (commission->materials_per_place_pence, _("materials per place"), code, error))
    return FALSE;

  for (guint i = 0; commission->splits != NULL && i < commission->splits->len; i++)
    {
      const CmBudgetSplit *split = g_ptr_array_index (commission->splits, i);

      if (split->is_percent && (split->percent_bp < 0 || split->percent_bp > 10000))
        return invalid (error, _("A split of “%s” must be from 0%% to 100%%"), code);
      if (!split->is_percent && (split->amount_pence < 0 || split->amount_pence > MAX_MONEY))
        return invalid (error, _("A split of “%s” must be an amount from £0.00 to £1,000,000,000.00"), code);
      if (split->stream_id <= 0 && is_blank (split->stream_code))
        return invalid (error, _("A split of “%s” names no funding stream"), code);
    }

  return TRUE;
}

/* The row of @table (streams, commissions or competencies: each has a
 * unique code, a stream's within its year) that @id names, else @code
 * (in @year when @year is not 0); 0 when both are blank. Sets
 * @out_missing when one was given but no such row exists. */
static gboolean
resolve_reference (CmDb        *db,
                   const char  *table,
                   gint64       id,
                   const char  *code,
                   int          year,
                   gint64      *out_id,
                   gboolean    *out_missing,
                   GError     **error)
{
  g_autofree char *by_id = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1", table);
  g_autofree char *by_code = g_strdup_printf ("SELECT id FROM %s WHERE code = ?1%s", table,
                                              year != 0 ? " AND year = ?2" : "");
  gboolean exists = FALSE;

  *out_id = 0;
  *out_missing = FALSE;

  if (id > 0)
    {
      if (!cm_db_row_exists (db, by_id, id, &exists, error))
        return FALSE;
      *out_missing = !exists;
      *out_id = exists ? id : 0;
      return TRUE;
    }

  if (is_blank (code))
    return TRUE;

  if (!lookup_id (db, by_code, code, year, out_id, error))
    return FALSE;
  *out_missing = *out_id == 0;

  return TRUE;
}

/* The stream a split or transaction means: its id, else its code in
 * @year, the year of the commission or of the transaction's date. */
static gboolean
resolve_stream (CmDb        *db,
                gint64       id,
                const char  *code,
                int          year,
                gint64      *out_id,
                GError     **error)
{
  gboolean missing = FALSE;

  if (!resolve_reference (db, "streams", id, code, year, out_id, &missing, error))
    return FALSE;

  if (missing && id > 0)
    g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                 _("There is no funding stream with id %" G_GINT64_FORMAT), id);
  else if (missing)
    {
      g_autofree char *label = cm_fiscal_year_label (year);

      /* Translators: the second %s is a financial year such as "2011/12" */
      g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                   _("There is no funding stream “%s” in %s"), code, label);
    }

  return !missing;
}

static gboolean
resolve_commission (CmDb        *db,
                    gint64       id,
                    const char  *code,
                    gint64      *out_id,
                    GError     **error)
{
  gboolean missing = FALSE;

  if (!resolve_reference (db, "commissions", id, code, 0, out_id, &missing, error))
    return FALSE;

  if (missing && id > 0)
    g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                 _("There is no commission with id %" G_GINT64_FORMAT), id);
  else if (missing)
    g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                 _("There is no commission with code “%s”"), code);

  return !missing;
}

static gboolean
resolve_competency (CmDb        *db,
                    gint64       id,
                    const char  *code,
                    gint64      *out_id,
                    GError     **error)
{
  gboolean missing = FALSE;

  if (!resolve_reference (db, "competencies", id, code, 0, out_id, &missing, error))
    return FALSE;

  if (missing && id > 0)
    g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                 _("There is no competency with id %" G_GINT64_FORMAT), id);
  else if (missing)
    g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                 _("There is no competency with code “%s”"), code);

  return !missing;
}

static gboolean
delete_split_row (CmDb    *db,
                  gint64   commission_id,
                  gint64   stream_id,
                  GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = cm_db_prepare (db, "DELETE FROM splits WHERE commission_id = ?1 AND stream_id = ?2", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, commission_id);
  sqlite3_bind_int64 (stmt, 2, stream_id);
  return cm_db_step_done (db, stmt, error);
}

static gboolean
write_split (CmDb                 *db,
             gint64                commission_id,
             gint64                stream_id,
             const CmBudgetSplit  *split,
             GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = cm_db_prepare (db,
                        "INSERT INTO splits (commission_id, stream_id, percent_bp, amount_pence)"
                        " VALUES (?1, ?2, ?3, ?4)"
                        " ON CONFLICT (commission_id, stream_id) DO UPDATE SET"
                        " percent_bp = excluded.percent_bp, amount_pence = excluded.amount_pence",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, commission_id);
  sqlite3_bind_int64 (stmt, 2, stream_id);
  if (split->is_percent)
    {
      sqlite3_bind_int (stmt, 3, split->percent_bp);
      sqlite3_bind_null (stmt, 4);
    }
  else
    {
      sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int64 (stmt, 4, split->amount_pence);
    }

  return cm_db_step_done (db, stmt, error);
}

static gboolean
save_commission_in_transaction (CmDb                *db,
                                CmBudgetCommission  *commission,
                                GError             **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *code = g_strstrip (g_strdup (commission->code));
  g_autofree char *title = g_strstrip (g_strdup (commission->title));
  gboolean has_row = FALSE;
  gint64 competency_id = 0;
  gint64 id;

  if (!check_unique (db, UNIQUE_COMMISSION_CODE, code, 0, commission->id, error) ||
      !resolve_competency (db, commission->competency_id, commission->competency_code, &competency_id, error))
    return FALSE;

  announce_commission (db, commission->id);

  upsert = cm_db_prepare (db,
                          "INSERT INTO commissions (id, code, title, competency_id, year, half, provider,"
                          " status, events, half_days, places, fee_per_event_pence, venue_per_day_pence,"
                          " cost_per_place_pence, materials_per_place_pence, pvi_places, outcome)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
                          " ON CONFLICT (id) DO UPDATE SET code = excluded.code, title = excluded.title,"
                          " competency_id = excluded.competency_id, year = excluded.year,"
                          " half = excluded.half, provider = excluded.provider, status = excluded.status,"
                          " events = excluded.events, half_days = excluded.half_days,"
                          " places = excluded.places, fee_per_event_pence = excluded.fee_per_event_pence,"
                          " venue_per_day_pence = excluded.venue_per_day_pence,"
                          " cost_per_place_pence = excluded.cost_per_place_pence,"
                          " materials_per_place_pence = excluded.materials_per_place_pence,"
                          " pvi_places = excluded.pvi_places, outcome = excluded.outcome",
                          error);
  if (upsert == NULL)
    return FALSE;

  bind_id_or_null (upsert, 1, commission->id);
  sqlite3_bind_text (upsert, 2, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 3, title, -1, SQLITE_STATIC);
  bind_id_or_null (upsert, 4, competency_id);
  sqlite3_bind_int (upsert, 5, commission->year);
  sqlite3_bind_int (upsert, 6, commission->half);
  sqlite3_bind_text (upsert, 7, commission->provider ? commission->provider : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 8, commission->status, -1, SQLITE_STATIC);
  sqlite3_bind_int (upsert, 9, commission->events);
  sqlite3_bind_int (upsert, 10, commission->half_days);
  sqlite3_bind_int (upsert, 11, commission->places);
  sqlite3_bind_int64 (upsert, 12, commission->fee_per_event_pence);
  sqlite3_bind_int64 (upsert, 13, commission->venue_per_day_pence);
  sqlite3_bind_int64 (upsert, 14, commission->cost_per_place_pence);
  sqlite3_bind_int64 (upsert, 15, commission->materials_per_place_pence);
  sqlite3_bind_int (upsert, 16, commission->pvi_places);
  sqlite3_bind_text (upsert, 17, commission->outcome ? commission->outcome : "", -1, SQLITE_STATIC);

  if (!cm_db_step_done (db, upsert, error))
    return FALSE;

  id = commission->id > 0 ? commission->id : sqlite3_last_insert_rowid (cm_db_get_handle (db));

  for (guint i = 0; commission->splits != NULL && i < commission->splits->len; i++)
    {
      CmBudgetSplit *split = g_ptr_array_index (commission->splits, i);
      gint64 stream_id = 0;

      if (!resolve_stream (db, split->stream_id, split->stream_code, commission->year, &stream_id, error))
        return FALSE;

      if (g_hash_table_contains (seen, &stream_id))
        return invalid (error, _("“%s” is split onto the same funding stream twice"), code);
      g_hash_table_add (seen, g_memdup2 (&stream_id, sizeof stream_id));

      if (!write_split (db, id, stream_id, split, error))
        return FALSE;
    }

  /* Only the splits no longer there are deleted, so that a split kept as
   * it was is not recorded as changed (HACKING.md, "Audit trail"). */
  if (!(clear = cm_db_prepare (db, "SELECT stream_id FROM splits WHERE commission_id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (clear, 1, id);
  if (!step_row (db, clear, &has_row, error))
    return FALSE;
  while (has_row)
    {
      gint64 stream_id = sqlite3_column_int64 (clear, 0);

      if (!g_hash_table_contains (seen, &stream_id))
        g_array_append_val (gone, stream_id);
      if (!step_row (db, clear, &has_row, error))
        return FALSE;
    }
  for (guint i = 0; i < gone->len; i++)
    if (!delete_split_row (db, id, g_array_index (gone, gint64, i), error))
      return FALSE;

  commission->id = id;
  announce_commission (db, id);
  return TRUE;
}

/* For callers that write several rows in their own transaction, such as
 * creating commissions from the needs analysis: validates and saves. */
gboolean
cm_budget_save_commission_in_transaction (CmDb                *db,
                                          CmBudgetCommission  *commission,
                                          GError             **error)
{
  return validate_commission (commission, error) &&
         save_commission_in_transaction (db, commission, error);
}

/* Re-reads what the database now holds into @commission. */
static gboolean
reload_commission (CmDb                *db,
                   CmBudgetCommission  *commission,
                   GError             **error)
{
  g_autoptr(CmBudgetCommission) fresh = cm_budget_get_commission (db, commission->id, error);
  CmBudgetCommission tmp;

  if (fresh == NULL)
    return FALSE;

  /* Swap contents so the caller's pointer stays valid. */
  tmp = *commission;
  *commission = *fresh;
  *fresh = tmp;

  return TRUE;
}

/**
 * cm_budget_save_commission:
 * @db: a #CmDb
 * @commission: the commission and its splits; its id is set when it is new
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_budget_save_commission (CmDb                *db,
                           CmBudgetCommission  *commission,
                           GError             **error)
{
  gint64 old_id;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (commission != NULL, FALSE);

  if (!validate_commission (commission, error))
    return FALSE;

  if (!cm_db_begin (db, error))
    return FALSE;

  old_id = commission->id;
  if (!save_commission_in_transaction (db, commission, error) || !cm_db_commit (db, error))
    {
      cm_db_rollback (db);
      commission->id = old_id;
      return FALSE;
    }

  return reload_commission (db, commission, error);
}

static gboolean
run_on_id (CmDb        *db,
           const char  *sql,
           gint64       id,
           int         *out_changes,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = cm_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  if (out_changes != NULL)
    *out_changes = sqlite3_changes (cm_db_get_handle (db));
  return TRUE;
}

/**
 * cm_budget_delete_commission:
 * @db: a #CmDb
 * @id: the commission's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_budget_delete_commission (CmDb    *db,
                             gint64   id,
                             GError **error)
{
  int changes = 0;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_db_begin (db, error))
    return FALSE;

  /* Its spend stays, no longer linked to it. */
  announce_commission (db, id);
  cm_db_announce (db, CM_CHANGE_TRANSACTIONS, 0, 0, 0);
  if (!run_on_id (db, "DELETE FROM commissions WHERE id = ?1", id, &changes, error))
    goto failed;

  if (changes == 0)
    {
      g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                   _("There is no commission with id %" G_GINT64_FORMAT), id);
      goto failed;
    }

  return cm_db_commit (db, error);

failed:
  cm_db_rollback (db);
  return FALSE;
}

/**
 * cm_budget_set_commission_status:
 * @db: a #CmDb
 * @id: the commission's id
 * @status: the new status
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_budget_set_commission_status (CmDb        *db,
                                 gint64       id,
                                 const char  *status,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_domain_contains (CM_DOMAIN_COMMISSION_STATUS, status))
    return invalid (error, _("“%s” is not a commission status"), status ? status : "");

  if (!(stmt = cm_db_prepare (db, "UPDATE commissions SET status = ?2 WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_STATIC);
  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  if (sqlite3_changes (cm_db_get_handle (db)) == 0)
    {
      g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                   _("There is no commission with id %" G_GINT64_FORMAT), id);
      return FALSE;
    }

  announce_years (db, CM_CHANGE_COMMISSIONS, COMMISSION_YEARS_SQL, id);
  return TRUE;
}

/**
 * cm_budget_save_split:
 * @db: a #CmDb
 * @split: the split; commission_id must be set, the stream by id or code
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_budget_save_split (CmDb                 *db,
                      const CmBudgetSplit  *split,
                      GError              **error)
{
  gint64 commission_id = 0, stream_id = 0, year = 0;
  g_autofree char *year_sql = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (split != NULL, FALSE);

  if (split->is_percent && (split->percent_bp < 0 || split->percent_bp > 10000))
    return invalid (error, _("A split must be from 0%% to 100%%"));
  if (!split->is_percent && (split->amount_pence < 0 || split->amount_pence > MAX_MONEY))
    return invalid (error, _("A split must be an amount from £0.00 to £1,000,000,000.00"));
  if (split->stream_id <= 0 && is_blank (split->stream_code))
    return invalid (error, _("The split names no funding stream"));
  if (split->commission_id <= 0)
    return invalid (error, _("The split names no commission"));

  if (!cm_db_begin (db, error))
    return FALSE;

  /* A code names the stream of the commission's own year. */
  year_sql = g_strdup_printf ("SELECT year FROM commissions WHERE id = %" G_GINT64_FORMAT, split->commission_id);
  if (!resolve_commission (db, split->commission_id, NULL, &commission_id, error) ||
      !cm_db_query_int64 (db, year_sql, &year, error) ||
      !resolve_stream (db, split->stream_id, split->stream_code, (int) year, &stream_id, error) ||
      !write_split (db, commission_id, stream_id, split, error))
    {
      cm_db_rollback (db);
      return FALSE;
    }

  announce_years (db, CM_CHANGE_SPLITS, COMMISSION_YEARS_SQL, commission_id);
  return cm_db_commit (db, error);
}

/**
 * cm_budget_delete_split:
 * @db: a #CmDb
 * @commission_id: the commission
 * @stream_id: the stream
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_budget_delete_split (CmDb    *db,
                        gint64   commission_id,
                        gint64   stream_id,
                        GError **error)
{
  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!delete_split_row (db, commission_id, stream_id, error))
    return FALSE;

  if (sqlite3_changes (cm_db_get_handle (db)) > 0)
    {
      announce_years (db, CM_CHANGE_SPLITS, COMMISSION_YEARS_SQL, commission_id);
      announce_years (db, CM_CHANGE_SPLITS, STREAM_YEARS_SQL, stream_id);
    }
  return TRUE;
}

/* Transactions. */

static CmBudgetTransaction *
transaction_from_row (sqlite3_stmt *stmt)
{
  CmBudgetTransaction *transaction = g_new0 (CmBudgetTransaction, 1);

  transaction->id = sqlite3_column_int64 (stmt, 0);
  column_date (stmt, 1, &transaction->date);
  transaction->amount_pence = sqlite3_column_int64 (stmt, 2);
  transaction->commission_id = sqlite3_column_int64 (stmt, 3);
  transaction->commission_code = column_dup (stmt, 4);
  transaction->stream_id = sqlite3_column_int64 (stmt, 5);
  transaction->stream_code = column_dup (stmt, 6);
  transaction->supplier = column_dup (stmt, 7);
  transaction->reference = column_dup (stmt, 8);
  transaction->kind = column_dup (stmt, 9);

  return transaction;
}

GPtrArray *
cm_budget_load_transactions (CmDb    *db,
                             int      year,
                             gint64   commission_id,
                             gint64   transaction_id,
                             GError **error)
{
  g_autoptr(GPtrArray) transactions = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_budget_transaction_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row = FALSE;
  GDate start, end;
  g_autofree char *start_iso = NULL;
  g_autofree char *end_iso = NULL;

  stmt = cm_db_prepare (db,
                        "SELECT t.id, t.date, t.amount_pence, t.commission_id, c.code,"
                        " t.stream_id, s.code, t.supplier, t.reference, t.kind"
                        " FROM transactions t"
                        " LEFT JOIN commissions c ON c.id = t.commission_id"
                        " LEFT JOIN streams s ON s.id = t.stream_id"
                        " WHERE (?4 = 0 OR t.commission_id = ?4) AND (?5 = 0 OR t.id = ?5) AND"
                        " (?1 = 0 OR t.date BETWEEN ?2 AND ?3"
                        "  OR s.year = ?1"
                        "  OR t.commission_id IN (SELECT sp.commission_id FROM splits sp"
                        "                         JOIN streams y ON y.id = sp.stream_id WHERE y.year = ?1))"
                        " ORDER BY t.date, t.reference, t.id",
                        error);
  if (stmt == NULL)
    return NULL;

  if (year > 0)
    {
      cm_fiscal_year_bounds (year, &start, &end);
      start_iso = cm_fiscal_format_iso (&start);
      end_iso = cm_fiscal_format_iso (&end);
    }

  sqlite3_bind_int (stmt, 1, year);
  bind_text_or_null (stmt, 2, start_iso);
  bind_text_or_null (stmt, 3, end_iso);
  sqlite3_bind_int64 (stmt, 4, commission_id);
  sqlite3_bind_int64 (stmt, 5, transaction_id);

  for (;;)
    {
      if (!step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (transactions, transaction_from_row (stmt));
    }

  return g_steal_pointer (&transactions);
}

/* The money fields only (id, date, amount, commission and stream ids;
 * no strings) of the same transactions as cm_budget_load_transactions():
 * what the figures need, read in one lean pass. */
GArray *
cm_budget_load_spend (CmDb    *db,
                      int      year,
                      GError **error)
{
  g_autoptr(GArray) spend = g_array_new (FALSE, TRUE, sizeof (CmBudgetTransaction));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *start_iso = NULL;
  g_autofree char *end_iso = NULL;
  GDate start, end;
  int rc;

  stmt = cm_db_prepare (db,
                        "SELECT t.id, t.date, t.amount_pence, t.commission_id, t.stream_id"
                        " FROM transactions t"
                        " WHERE ?1 = 0 OR t.date BETWEEN ?2 AND ?3"
                        "  OR t.stream_id IN (SELECT id FROM streams WHERE year = ?1)"
                        "  OR t.commission_id IN (SELECT sp.commission_id FROM splits sp"
                        "                         JOIN streams y ON y.id = sp.stream_id WHERE y.year = ?1)",
                        error);
  if (stmt == NULL)
    return NULL;

  if (year > 0)
    {
      cm_fiscal_year_bounds (year, &start, &end);
      start_iso = cm_fiscal_format_iso (&start);
      end_iso = cm_fiscal_format_iso (&end);
    }

  sqlite3_bind_int (stmt, 1, year);
  bind_text_or_null (stmt, 2, start_iso);
  bind_text_or_null (stmt, 3, end_iso);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CmBudgetTransaction transaction = { 0 };

      transaction.id = sqlite3_column_int64 (stmt, 0);
      column_date (stmt, 1, &transaction.date);
      transaction.amount_pence = sqlite3_column_int64 (stmt, 2);
      transaction.commission_id = sqlite3_column_int64 (stmt, 3);
      transaction.stream_id = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (spend, transaction);
    }

  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&spend);
}

/**
 * cm_budget_list_transactions:
 * @db: a #CmDb
 * @year: a financial year, or 0 for every year
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CmBudgetTransaction): the
 *   transactions, by date then reference
 */
GPtrArray *
cm_budget_list_transactions (CmDb    *db,
                             int      year,
                             GError **error)
{
  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (year == 0)
    return cm_budget_load_transactions (db, 0, 0, 0, error);

  return cm_budget_list_ledger (db, year, 0, NULL, error);
}

/**
 * cm_budget_get_transaction:
 * @db: a #CmDb
 * @id: the transaction's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the transaction
 */
CmBudgetTransaction *
cm_budget_get_transaction (CmDb    *db,
                           gint64   id,
                           GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  stmt = cm_db_prepare (db,
                        "SELECT t.id, t.date, t.amount_pence, t.commission_id, c.code,"
                        " t.stream_id, s.code, t.supplier, t.reference, t.kind"
                        " FROM transactions t"
                        " LEFT JOIN commissions c ON c.id = t.commission_id"
                        " LEFT JOIN streams s ON s.id = t.stream_id"
                        " WHERE t.id = ?1",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_row (db, stmt, &has_row, error))
    return NULL;

  if (!has_row)
    {
      g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                   _("There is no transaction with id %" G_GINT64_FORMAT), id);
      return NULL;
    }

  return transaction_from_row (stmt);
}

static gboolean
validate_transaction (const CmBudgetTransaction  *transaction,
                      GError                    **error)
{
  if (is_blank (transaction->reference))
    return invalid (error, _("The transaction’s reference must not be empty"));
  if (!g_date_valid (&transaction->date))
    return invalid (error, _("The transaction “%s” needs a date"), transaction->reference);
  if (!cm_domain_contains (CM_DOMAIN_TRANSACTION_KIND, transaction->kind))
    return invalid (error, _("“%s” is not a kind of transaction"), transaction->kind ? transaction->kind : "");
  if (transaction->amount_pence < -MAX_MONEY || transaction->amount_pence > MAX_MONEY)
    return invalid (error, _("The amount of “%s” must be from −£1,000,000,000.00 to £1,000,000,000.00"),
                    transaction->reference);

  return TRUE;
}

static gboolean
save_transaction_in_transaction (CmDb                 *db,
                                 CmBudgetTransaction  *transaction,
                                 GError              **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autofree char *reference = g_strstrip (g_strdup (transaction->reference));
  g_autofree char *supplier = g_strstrip (g_strdup (transaction->supplier ? transaction->supplier : ""));
  gint64 commission_id = 0, stream_id = 0;

  if (!check_transaction_unique (db, supplier, reference, transaction->id, error) ||
      !resolve_commission (db, transaction->commission_id, transaction->commission_code, &commission_id, error) ||
      !resolve_stream (db, transaction->stream_id, transaction->stream_code,
                       cm_fiscal_year_of (&transaction->date), &stream_id, error))
    return FALSE;

  announce_years (db, CM_CHANGE_TRANSACTIONS, TRANSACTION_YEARS_SQL, transaction->id);

  upsert = cm_db_prepare (db,
                          "INSERT INTO transactions (id, date, amount_pence, commission_id, stream_id,"
                          " supplier, reference, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                          " ON CONFLICT (id) DO UPDATE SET date = excluded.date,"
                          " amount_pence = excluded.amount_pence, commission_id = excluded.commission_id,"
                          " stream_id = excluded.stream_id, supplier = excluded.supplier,"
                          " reference = excluded.reference, kind = excluded.kind",
                          error);
  if (upsert == NULL)
    return FALSE;

  bind_id_or_null (upsert, 1, transaction->id);
  bind_date_or_null (upsert, 2, &transaction->date);
  sqlite3_bind_int64 (upsert, 3, transaction->amount_pence);
  bind_id_or_null (upsert, 4, commission_id);
  bind_id_or_null (upsert, 5, stream_id);
  sqlite3_bind_text (upsert, 6, supplier, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 7, reference, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 8, transaction->kind, -1, SQLITE_STATIC);

  if (!cm_db_step_done (db, upsert, error))
    return FALSE;

  if (transaction->id <= 0)
    transaction->id = sqlite3_last_insert_rowid (cm_db_get_handle (db));
  transaction->commission_id = commission_id;
  transaction->stream_id = stream_id;
  announce_years (db, CM_CHANGE_TRANSACTIONS, TRANSACTION_YEARS_SQL, transaction->id);

  return TRUE;
}

/**
 * cm_budget_save_transaction:
 * @db: a #CmDb
 * @transaction: the transaction; its id and resolved commission and
 *   stream ids are set on success
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_budget_save_transaction (CmDb                 *db,
                            CmBudgetTransaction  *transaction,
                            GError              **error)
{
  CmBudgetTransaction saved;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (transaction != NULL, FALSE);

  if (!validate_transaction (transaction, error))
    return FALSE;

  if (!cm_db_begin (db, error))
    return FALSE;

  saved = *transaction;
  if (!save_transaction_in_transaction (db, transaction, error) || !cm_db_commit (db, error))
    {
      cm_db_rollback (db);
      transaction->id = saved.id;
      transaction->commission_id = saved.commission_id;
      transaction->stream_id = saved.stream_id;
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_budget_delete_transaction:
 * @db: a #CmDb
 * @id: the transaction's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
cm_budget_delete_transaction (CmDb    *db,
                              gint64   id,
                              GError **error)
{
  int changes = 0;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!cm_db_begin (db, error))
    return FALSE;

  announce_years (db, CM_CHANGE_TRANSACTIONS, TRANSACTION_YEARS_SQL, id);
  if (!run_on_id (db, "DELETE FROM transactions WHERE id = ?1", id, &changes, error))
    goto failed;

  if (changes == 0)
    {
      g_set_error (error, CM_BUDGET_ERROR, CM_BUDGET_ERROR_NOT_FOUND,
                   _("There is no transaction with id %" G_GINT64_FORMAT), id);
      goto failed;
    }

  return cm_db_commit (db, error);

failed:
  cm_db_rollback (db);
  return FALSE;
}

/* The model. */

void
cm_budget_model_free (CmBudgetModel *model)
{
  if (model == NULL)
    return;

  g_clear_pointer (&model->streams_by_id, g_hash_table_unref);
  g_clear_pointer (&model->commissions_by_id, g_hash_table_unref);
  g_clear_pointer (&model->streams, g_ptr_array_unref);
  g_clear_pointer (&model->commissions, g_ptr_array_unref);
  g_free (model);
}

CmBudgetModel *
cm_budget_model_load (CmDb    *db,
                      GError **error)
{
  g_autoptr(CmBudgetModel) model = g_new0 (CmBudgetModel, 1);

  if (!(model->streams = cm_budget_list_streams (db, 0, error)) ||
      !(model->commissions = cm_budget_list_commissions (db, 0, error)))
    return NULL;

  model->streams_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  model->commissions_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < model->streams->len; i++)
    {
      CmBudgetStream *stream = g_ptr_array_index (model->streams, i);

      g_hash_table_insert (model->streams_by_id, &stream->id, stream);
    }

  for (guint i = 0; i < model->commissions->len; i++)
    {
      CmBudgetCommission *commission = g_ptr_array_index (model->commissions, i);

      g_hash_table_insert (model->commissions_by_id, &commission->id, commission);
    }

  return g_steal_pointer (&model);
}

const CmBudgetStream *
cm_budget_model_find_stream (CmBudgetModel *model,
                             gint64         id)
{
  return g_hash_table_lookup (model->streams_by_id, &id);
}

CmBudgetCommission *
cm_budget_model_find_commission (CmBudgetModel *model,
                                 gint64         id)
{
  return g_hash_table_lookup (model->commissions_by_id, &id);
}

/* The parts of one transaction (docs/figures.md, "Attributing spend").
 * Parts of 0 are left out unless the whole amount is 0. */
GArray *
cm_budget_model_attribute (CmBudgetModel             *model,
                           const CmBudgetTransaction *transaction)
{
  GArray *parts = g_array_new (FALSE, TRUE, sizeof (CmBudgetAttribution));
  CmBudgetCommission *commission = NULL;
  CmBudgetAttribution part = { NULL, transaction->amount_pence };

  if (transaction->stream_id > 0)
    {
      part.stream = cm_budget_model_find_stream (model, transaction->stream_id);
      g_array_append_val (parts, part);
      return parts;
    }

  if (transaction->commission_id > 0)
    commission = cm_budget_model_find_commission (model, transaction->commission_id);

  if (commission != NULL && commission->splits->len > 0)
    {
      guint n = commission->splits->len;
      g_autofree CmBudgetShare *shares = g_new0 (CmBudgetShare, n);
      g_autofree gint64 *amounts = g_new0 (gint64, n);

      for (guint i = 0; i < n; i++)
        {
          const CmBudgetSplit *split = g_ptr_array_index (commission->splits, i);

          shares[i].stream_code = split->stream_code;
          shares[i].weight_pence = split->value_pence;
        }

      if (cm_budget_attribute (transaction->amount_pence, shares, n, amounts))
        {
          for (guint i = 0; i < n; i++)
            {
              const CmBudgetSplit *split = g_ptr_array_index (commission->splits, i);

              if (amounts[i] == 0 && transaction->amount_pence != 0)
                continue;

              part.stream = cm_budget_model_find_stream (model, split->stream_id);
              part.amount_pence = amounts[i];
              g_array_append_val (parts, part);

              if (transaction->amount_pence == 0)
                break;
            }
          return parts;
        }
    }

  g_array_append_val (parts, part);
  return parts;
}
