/* cm-undo-step.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cm-db-private.h"
#include "cm-undo-step.h"

/* While a connection records, temporary triggers on every table write,
 * for each row changed, the statement that puts the row back. Undoing
 * runs them newest first, recording again, which gives the redo. The
 * statements check that the row still holds what the action left, so
 * that an undo never overwrites a later change it does not know about.
 * See HACKING.md, "Undo". */

struct _CmUndoStep
{
  char         *label;
  GPtrArray    *statements;   /* of char *, in the order to run them */
  CmChangeKind  kinds;
};

#define RECORD_DEPTH_KEY "cm-record-depth"

/* Columns an undo leaves alone and does not compare: where the wizard was
 * left is bookkeeping that changes as the user moves around. */
static gboolean
is_bookkeeping_column (const char *table,
                       const char *column)
{
  return g_str_equal (table, "cycles") && g_str_equal (column, "wizard_step");
}

static CmChangeKind
kind_for_table (const char *table)
{
  static const struct { const char *table; CmChangeKind kind; } kinds[] = {
    { "organisations", CM_CHANGE_WORKFORCE },
    { "staff_groups", CM_CHANGE_WORKFORCE },
    { "competencies", CM_CHANGE_CATALOGUE },
    { "cycles", CM_CHANGE_CYCLES },
    { "requirements", CM_CHANGE_REQUIREMENTS },
    { "streams", CM_CHANGE_STREAMS },
    { "stream_categories", CM_CHANGE_STREAMS },
    { "commissions", CM_CHANGE_COMMISSIONS },
    { "splits", CM_CHANGE_SPLITS },
    { "transactions", CM_CHANGE_TRANSACTIONS },
    { "settings", CM_CHANGE_SETTINGS },
    { "events", CM_CHANGE_EVALUATION },
    { "learners", CM_CHANGE_EVALUATION },
    { "bookings", CM_CHANGE_EVALUATION },
    { "feedback", CM_CHANGE_EVALUATION },
    { "followups", CM_CHANGE_EVALUATION },
    { "what_if_scenarios", CM_CHANGE_SCENARIOS },
    { "what_if_changes", CM_CHANGE_SCENARIOS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].table, table))
      return kinds[i].kind;

  /* A table no view lists yet: tell everyone rather than no one. */
  return CM_CHANGE_ALL;
}

static char *
quote_identifier (const char *name)
{
  g_autoptr(GString) quoted = g_string_new ("\"");

  for (const char *p = name; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');

  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

/* The SQL text of a literal @text inside a string literal of the trigger. */
static void
append_literal (GString    *sql,
                const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '\'')
        g_string_append_c (sql, '\'');
      g_string_append_c (sql, *p);
    }
}

static GPtrArray *
list_tables (CmDb    *db,
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  int rc;

  /* The audit trail is not undone: an undo is one more change it records
   * (HACKING.md, "Audit trail"). */
  if (!(stmt = cm_db_prepare (db, "SELECT name FROM main.sqlite_schema"
                                  " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                                  "   AND name <> 'audit'"
                                  " ORDER BY name", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&tables);
}

static GPtrArray *
list_columns (CmDb        *db,
              const char  *table,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (!(stmt = cm_db_prepare (db, "SELECT name FROM pragma_table_info (?1, 'main') ORDER BY cid", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&columns);
}

/* Appends, for each column, `"col" = ' || quote (OLD."col") || '` (the
 * assignments of an UPDATE) or, with @compare, `"col" IS ' || quote
 * (NEW."col") || '` joined by AND (its check): pieces of the text a
 * trigger builds. */
static void
append_columns (GString    *sql,
                const char *table,
                GPtrArray  *columns,
                gboolean    compare)
{
  gboolean first = TRUE;

  for (guint i = 0; i < columns->len; i++)
    {
      const char *column = g_ptr_array_index (columns, i);
      g_autofree char *quoted = quote_identifier (column);

      if (is_bookkeeping_column (table, column))
        continue;

      if (!first)
        g_string_append (sql, compare ? " AND " : ", ");
      first = FALSE;
      if (compare)
        g_string_append_printf (sql, "%s IS ' || quote (NEW.%s) || '", quoted, quoted);
      else
        g_string_append_printf (sql, "%s = ' || quote (OLD.%s) || '", quoted, quoted);
    }
}

static char *
trigger_sql (const char *table,
             GPtrArray  *columns)
{
  g_autofree char *quoted_table = quote_identifier (table);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) target = g_string_new (NULL);

  /* The statements name the table as main.<table>; the text must survive
   * being a string literal inside the trigger. */
  g_string_append (target, "main.");
  append_literal (target, quoted_table);

  /* A row added: delete it again. */
  g_string_append_printf (sql,
                          "CREATE TEMP TRIGGER \"cm_undo_%s_insert\" AFTER INSERT ON main.%s BEGIN"
                          " INSERT INTO cm_undo_log (tbl, sql) VALUES ('",
                          table, quoted_table);
  append_literal (sql, table);
  g_string_append_printf (sql, "', 'DELETE FROM %s WHERE rowid = ' || NEW.rowid); END;", target->str);

  /* A row changed: set the old values where the new ones still stand. */
  g_string_append_printf (sql,
                          "CREATE TEMP TRIGGER \"cm_undo_%s_update\" AFTER UPDATE ON main.%s BEGIN"
                          " INSERT INTO cm_undo_log (tbl, sql) VALUES ('",
                          table, quoted_table);
  append_literal (sql, table);
  g_string_append_printf (sql, "', 'UPDATE %s SET ", target->str);
  append_columns (sql, table, columns, FALSE);
  g_string_append (sql, " WHERE rowid = ' || OLD.rowid || '");
  g_string_append (sql, " AND ");
  append_columns (sql, table, columns, TRUE);
  g_string_append (sql, "'); END;");

  /* A row removed: insert it again with the same id. */
  g_string_append_printf (sql,
                          "CREATE TEMP TRIGGER \"cm_undo_%s_delete\" AFTER DELETE ON main.%s BEGIN"
                          " INSERT INTO cm_undo_log (tbl, sql) VALUES ('",
                          table, quoted_table);
  append_literal (sql, table);
  g_string_append_printf (sql, "', 'INSERT INTO %s (rowid, ", target->str);
  for (guint i = 0; i < columns->len; i++)
    {
      g_autofree char *quoted = quote_identifier (g_ptr_array_index (columns, i));

      if (i > 0)
        g_string_append (sql, ", ");
      append_literal (sql, quoted);
    }
  g_string_append (sql, ") VALUES (' || OLD.rowid || '");
  for (guint i = 0; i < columns->len; i++)
    {
      g_autofree char *quoted = quote_identifier (g_ptr_array_index (columns, i));

      g_string_append_printf (sql, ", ' || quote (OLD.%s) || '", quoted);
    }
  g_string_append (sql, ")'); END;");

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
drop_triggers (CmDb    *db,
               GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (!(stmt = cm_db_prepare (db, "SELECT name FROM temp.sqlite_schema"
                                  " WHERE type = 'trigger' AND name LIKE 'cm\\_undo\\_%' ESCAPE '\\'", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *quoted = quote_identifier (g_ptr_array_index (names, i));
      g_autofree char *sql = g_strdup_printf ("DROP TRIGGER temp.%s", quoted);

      if (!cm_db_exec (db, sql, error))
        return FALSE;
    }

  return TRUE;
}

static int
get_depth (CmDb *db)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (db), RECORD_DEPTH_KEY));
}

static void
set_depth (CmDb *db,
           int   depth)
{
  g_object_set_data (G_OBJECT (db), RECORD_DEPTH_KEY, GINT_TO_POINTER (depth));
}

/**
 * cm_db_record_begin:
 * @db: a #CmDb
 * @error: return location for a #GError
 *
 * Starts recording what this connection writes, so that it can be taken
 * back. Calls nest: only the outermost cm_db_record_end() returns a step.
 *
 * Returns: %TRUE if recording
 */
gboolean
cm_db_record_begin (CmDb    *db,
                    GError **error)
{
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GString) sql = NULL;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (get_depth (db) > 0)
    {
      set_depth (db, get_depth (db) + 1);
      return TRUE;
    }

  if (!cm_db_exec (db, "CREATE TEMP TABLE IF NOT EXISTS cm_undo_log ("
                       "  seq INTEGER PRIMARY KEY,"
                       "  tbl TEXT NOT NULL,"
                       "  sql TEXT NOT NULL);"
                       "DELETE FROM temp.cm_undo_log;", error) ||
      !drop_triggers (db, error) ||
      !(tables = list_tables (db, error)))
    return FALSE;

  sql = g_string_new (NULL);
  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autoptr(GPtrArray) columns = NULL;
      g_autofree char *triggers = NULL;

      if (!(columns = list_columns (db, table, error)))
        return FALSE;
      triggers = trigger_sql (table, columns);
      g_string_append (sql, triggers);
    }

  if (!cm_db_exec (db, sql->str, error))
    {
      drop_triggers (db, NULL);
      return FALSE;
    }

  set_depth (db, 1);
  return TRUE;
}

/**
 * cm_db_is_recording:
 * @db: a #CmDb
 *
 * Returns: %TRUE between cm_db_record_begin() and its cm_db_record_end()
 */
gboolean
cm_db_is_recording (CmDb *db)
{
  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  return get_depth (db) > 0;
}

/**
 * cm_db_record_end:
 * @db: a #CmDb
 * @label: (nullable): what the action was, for "Undo …"
 *
 * Stops recording.
 *
 * Returns: (transfer full) (nullable): what to run to take the writes
 *   back, or %NULL if nothing was written (or an outer recording goes on)
 */
CmUndoStep *
cm_db_record_end (CmDb       *db,
                  const char *label)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(CmUndoStep) step = NULL;
  int depth;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  depth = get_depth (db);
  g_return_val_if_fail (depth > 0, NULL);
  set_depth (db, depth - 1);
  if (depth > 1)
    return NULL;

  step = g_new0 (CmUndoStep, 1);
  step->label = g_strdup (label != NULL ? label : "");
  step->statements = g_ptr_array_new_with_free_func (g_free);

  /* Triggers first, so a failure below never leaves them recording. */
  drop_triggers (db, NULL);

  if ((stmt = cm_db_prepare (db, "SELECT tbl, sql FROM temp.cm_undo_log ORDER BY seq DESC", NULL)))
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          step->kinds |= kind_for_table ((const char *) sqlite3_column_text (stmt, 0));
          g_ptr_array_add (step->statements, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  cm_db_exec (db, "DELETE FROM temp.cm_undo_log", NULL);

  if (step->statements->len == 0)
    return NULL;

  return g_steal_pointer (&step);
}

static gboolean
run_statement (CmDb        *db,
               const char  *sql,
               gboolean    *out_conflict,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *out_conflict = FALSE;
  if (!(stmt = cm_db_prepare (db, sql, error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      /* A row with that id (or key) is back: someone made it again. */
      *out_conflict = TRUE;
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  /* An update or delete that found nothing: the row has changed since. */
  if (sql[0] != 'I' && sqlite3_changes (cm_db_get_handle (db)) != 1)
    {
      *out_conflict = TRUE;
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_undo_step_apply:
 * @step: a #CmUndoStep
 * @db: the connection to write with
 * @error: return location for a #GError
 *
 * Takes back what @step recorded, all of it or (if anything it wrote has
 * changed since) none of it, and announces what changed.
 *
 * Returns: (transfer full) (nullable): the step that takes this back
 *   again (the redo), or %NULL with @error set
 */
CmUndoStep *
cm_undo_step_apply (CmUndoStep  *step,
                    CmDb        *db,
                    GError     **error)
{
  g_autoptr(CmUndoStep) inverse = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean conflict = FALSE;

  g_return_val_if_fail (step != NULL, NULL);
  g_return_val_if_fail (CM_IS_DB (db), NULL);
  g_return_val_if_fail (!cm_db_is_recording (db), NULL);

  if (!cm_db_begin (db, error))
    return NULL;

  /* Rows come back in the reverse of the order they went, so a parent can
   * briefly follow its children: check references at the end instead. */
  if (!cm_db_exec (db, "PRAGMA defer_foreign_keys = ON", &local_error) ||
      !cm_db_record_begin (db, &local_error))
    goto failed;

  for (guint i = 0; i < step->statements->len; i++)
    {
      if (!run_statement (db, g_ptr_array_index (step->statements, i), &conflict, &local_error))
        break;
    }
  inverse = cm_db_record_end (db, step->label);
  if (conflict || local_error != NULL)
    goto failed;

  for (guint bit = 1; bit <= CM_CHANGE_ALL; bit <<= 1)
    if (step->kinds & bit)
      cm_db_announce (db, bit, 0, 0, 0);

  if (!cm_db_commit (db, &local_error))
    {
      /* The deferred reference check failed: something it pointed at is
       * gone now. */
      if (g_error_matches (local_error, CM_DB_ERROR, CM_DB_ERROR_CONSTRAINT))
        conflict = TRUE;
      goto failed;
    }

  if (inverse == NULL)
    {
      inverse = g_new0 (CmUndoStep, 1);
      inverse->label = g_strdup (step->label);
      inverse->statements = g_ptr_array_new_with_free_func (g_free);
    }
  inverse->kinds |= step->kinds;
  return g_steal_pointer (&inverse);

failed:
  cm_db_rollback (db);
  if (conflict)
    g_set_error (error, CM_DB_ERROR, CM_DB_ERROR_CONSTRAINT,
                 _("“%s” can no longer be undone: what it changed has been changed again since"),
                 step->label);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

const char *
cm_undo_step_get_label (const CmUndoStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);

  return step->label;
}

void
cm_undo_step_free (CmUndoStep *step)
{
  if (step == NULL)
    return;

  g_free (step->label);
  g_ptr_array_unref (step->statements);
  g_free (step);
}
