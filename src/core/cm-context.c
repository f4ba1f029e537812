/* cm-context.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cm-db-private.h"
#include "cm-backups.h"
#include "cm-catalogue.h"
#include "cm-context.h"
#include "cm-demo.h"
#include "cm-history.h"

/* The one object views are given: it owns the database connection and
 * tells every view, through "changed", what data under it moved. The
 * core announces its own writes (cm_db_announce()); views never do. */
struct _CmContext
{
  GObject  parent_instance;

  CmDb      *db;
  CmHistory *history;    /* what Undo can take back */
  guint      record_failures;  /* cm_context_begin_undoable() calls that could not record */
  guint      n_reading;  /* reads running in worker threads */
  gint64     data_version;  /* PRAGMA data_version when last checked */
};

G_DEFINE_FINAL_TYPE (CmContext, cm_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DB,
  PROP_N_READING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
db_changed_cb (CmContext      *self,
               const CmChange *change)
{
  g_signal_emit (self, signals[CHANGED],
                 g_quark_from_static_string (cm_change_kind_nick (change->kind)),
                 change);
}

static void
cm_context_dispose (GObject *object)
{
  CmContext *self = (CmContext *)object;

  if (self->db != NULL)
    g_signal_handlers_disconnect_by_func (self->db, db_changed_cb, self);
  g_clear_object (&self->history);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (cm_context_parent_class)->dispose (object);
}

static void
cm_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CmContext *self = CM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;

    case PROP_N_READING:
      g_value_set_uint (value, self->n_reading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CmContext *self = CM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB:
      self->db = g_value_dup_object (value);
      if (self->db != NULL)
        {
          g_signal_connect_swapped (self->db, "changed", G_CALLBACK (db_changed_cb), self);
          self->history = cm_history_new (self->db);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_context_class_init (CmContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cm_context_dispose;
  object_class->get_property = cm_context_get_property;
  object_class->set_property = cm_context_set_property;

  properties[PROP_DB] =
    g_param_spec_object ("db", NULL, NULL,
                         CM_TYPE_DB,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * CmContext:n-reading:
   *
   * How many reads started with cm_context_read_async() have not yet
   * returned: tests wait for 0 before they look at what a view shows.
   */
  properties[PROP_N_READING] =
    g_param_spec_uint ("n-reading", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CmContext::changed:
   * @context: the #CmContext
   * @change: (type CmChange): what changed
   *
   * Emitted on the main thread after a write was committed, whoever made
   * it: an editor, an import in a worker thread, the example data. The
   * detail is the kind's nick, so a view that shows only spend connects
   * to "changed::transactions".
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
cm_context_init (CmContext *self)
{
}

/**
 * cm_context_new:
 * @db: an open database
 *
 * Returns: (transfer full): a new context for @db
 */
/* Changes when another connection (another program, or a worker of
 * ours) commits; -1 if it cannot be read. */
static gint64
read_data_version (CmDb *db)
{
  gint64 version = -1;

  if (!cm_db_query_int64 (db, "PRAGMA data_version", &version, NULL))
    return -1;
  return version;
}

CmContext *
cm_context_new (CmDb *db)
{
  CmContext *self;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  self = g_object_new (CM_TYPE_CONTEXT,
                       "db", db,
                       NULL);
  self->data_version = read_data_version (db);
  return self;
}

/**
 * cm_context_new_for_path:
 * @path: (nullable): the database file, or %NULL for the default one
 * @error: return location for a #GError
 *
 * Opens (creating or migrating as needed) the database at @path and makes
 * sure the default competency catalogue is installed. A read-only file is
 * opened as it is.
 *
 * Returns: (transfer full) (nullable): a new context
 */
CmContext *
cm_context_new_for_path (const char  *path,
                         GError     **error)
{
  g_autoptr(CmDb) db = NULL;

  if (!(db = cm_db_open (path, error)))
    return NULL;

  if (!cm_db_is_read_only (db) && !cm_catalogue_install (db, error))
    return NULL;

  return cm_context_new (db);
}

/**
 * cm_context_get_db:
 * @self: a #CmContext
 *
 * Returns: (transfer none): the database connection
 */
CmDb *
cm_context_get_db (CmContext *self)
{
  g_return_val_if_fail (CM_IS_CONTEXT (self), NULL);

  return self->db;
}

/**
 * cm_context_get_path:
 * @self: a #CmContext
 *
 * Returns: the database file name
 */
const char *
cm_context_get_path (CmContext *self)
{
  g_return_val_if_fail (CM_IS_CONTEXT (self), NULL);

  return cm_db_get_path (self->db);
}

/**
 * cm_context_is_read_only:
 * @self: a #CmContext
 *
 * Returns: %TRUE if the database can be read but not changed
 */
gboolean
cm_context_is_read_only (CmContext *self)
{
  g_return_val_if_fail (CM_IS_CONTEXT (self), TRUE);

  return cm_db_is_read_only (self->db);
}

/**
 * cm_context_load_demo:
 * @self: a #CmContext
 * @error: return location for a #GError
 *
 * Loads the example data into an empty database.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_context_load_demo (CmContext  *self,
                      GError    **error)
{
  g_return_val_if_fail (CM_IS_CONTEXT (self), FALSE);

  return cm_demo_load (self->db, error);
}

typedef struct
{
  char           *db_path;
  char           *kind;
  char           *path;
  gboolean        dry_run;
  CmImportResult  result;
  GArray         *changes;  /* of CmChange, announced by the worker's connection */
  CmUndoStep     *undo;     /* what the import wrote, for the history */
} ImportData;

static void
import_data_free (gpointer pointer)
{
  ImportData *data = pointer;

  g_free (data->db_path);
  g_free (data->kind);
  g_free (data->path);
  cm_import_result_clear (&data->result);
  g_clear_pointer (&data->changes, g_array_unref);
  g_clear_pointer (&data->undo, cm_undo_step_free);
  g_free (data);
}

/* Keeps what a worker's connection announces, for the context's own
 * thread to announce again (announce_worker_changes). */
static void
collect_change_cb (CmDb           *db,
                   const CmChange *change,
                   GArray         *changes)
{
  g_array_append_val (changes, *change);
}

/* Runs in a worker thread with a connection of its own: SQLite
 * connections are not shared between threads here. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(GError) error = NULL;

  if (!(db = cm_db_open (data->db_path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_signal_connect (db, "changed", G_CALLBACK (collect_change_cb), data->changes);

  /* A copy of the data as it was, to go back to (README.md, "Backups"). */
  if (!data->dry_run && !cm_backups_take (db, CM_BACKUP_BEFORE_IMPORT, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Record the import so that Undo can take it back. */
  if (!data->dry_run && !cm_db_record_begin (db, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!cm_import_file (db, data->kind, data->path, data->dry_run, &data->result, cancellable, &error))
    {
      if (!data->dry_run)
        cm_undo_step_free (cm_db_record_end (db, NULL));
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    {
      if (!data->dry_run)
        {
          g_autofree char *basename = g_path_get_basename (data->path);
          g_autofree char *label = g_strdup_printf (_("Import of %s"), basename);

          data->undo = cm_db_record_end (db, label);
        }
      g_task_return_boolean (task, TRUE);
    }
}

/* Tells this thread's listeners what a worker's connection wrote. */
static void
announce_worker_changes (CmContext *self,
                         GArray    *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const CmChange *change = &g_array_index (changes, CmChange, i);

      cm_db_announce (self->db, change->kind, change->year, change->half, change->id);
    }
  /* What the worker wrote is announced: not a change from elsewhere. */
  self->data_version = read_data_version (self->db);
}

static void
import_thread_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CmContext *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  ImportData *data = g_task_get_task_data (task);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  announce_worker_changes (self, data->changes);
  cm_history_push (self->history, g_steal_pointer (&data->undo));
  g_task_return_boolean (task, TRUE);
}

/**
 * cm_context_import_file_async:
 * @self: a #CmContext
 * @kind: an import kind, see cm_import_kinds()
 * @path: the CSV file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread when done
 * @user_data: data for @callback
 *
 * Imports @path in a worker thread, all rows or none, then emits
 * #CmContext::changed for what it wrote before @callback runs. With
 * @dry_run, everything is checked and counted (and the changes to
 * existing spend listed) but nothing is written.
 */
void
cm_context_import_file_async (CmContext           *self,
                              const char          *kind,
                              const char          *path,
                              gboolean             dry_run,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;
  ImportData *data;

  g_return_if_fail (CM_IS_CONTEXT (self));
  g_return_if_fail (kind != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ImportData, 1);
  data->db_path = g_strdup (cm_db_get_path (self->db));
  data->kind = g_strdup (kind);
  data->path = g_strdup (path);
  data->dry_run = dry_run;
  data->changes = g_array_new (FALSE, FALSE, sizeof (CmChange));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cm_context_import_file_async);
  g_task_set_task_data (task, data, import_data_free);

  /* The inner task brings the result back to this thread, where
   * "changed" must be emitted; it borrows the outer task's data. It has
   * no source object because the worker thread may drop its reference
   * after the caller has finished: the context must not outlive that. */
  thread_task = g_task_new (NULL, cancellable, import_thread_done_cb, g_object_ref (task));
  g_task_set_task_data (thread_task, data, NULL);
  g_task_set_return_on_cancel (thread_task, FALSE);
  g_task_run_in_thread (thread_task, import_thread);
}

/**
 * cm_context_import_file_finish:
 * @self: a #CmContext
 * @result: the #GAsyncResult
 * @out_result: (out) (optional): the rows read, inserted, updated and
 *   unchanged, and the changes of existing spend; clear it with
 *   cm_import_result_clear()
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the whole file was imported
 */
gboolean
cm_context_import_file_finish (CmContext       *self,
                               GAsyncResult    *result,
                               CmImportResult  *out_result,
                               GError         **error)
{
  g_return_val_if_fail (CM_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (out_result != NULL)
    {
      ImportData *data = g_task_get_task_data (G_TASK (result));

      *out_result = data->result;
      data->result.changes = NULL;
    }

  return TRUE;
}

/**
 * cm_context_backup:
 * @self: a #CmContext
 * @dest_path: where to write the copy
 * @error: return location for a #GError
 *
 * Writes a consistent copy of the database to @dest_path.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_context_backup (CmContext   *self,
                   const char  *dest_path,
                   GError     **error)
{
  g_return_val_if_fail (CM_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  return cm_db_backup (self->db, dest_path, error);
}

typedef struct
{
  char   *db_path;
  char   *backup_path;
  char   *before_restore;
  GArray *changes;  /* of CmChange, announced by the worker's connection */
} RestoreData;

static void
restore_data_free (gpointer pointer)
{
  RestoreData *data = pointer;

  g_free (data->db_path);
  g_free (data->backup_path);
  g_free (data->before_restore);
  g_clear_pointer (&data->changes, g_array_unref);
  g_free (data);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreData *data = task_data;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(GError) error = NULL;

  if (!(db = cm_db_open (data->db_path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_signal_connect (db, "changed", G_CALLBACK (collect_change_cb), data->changes);
  if (!cm_backups_restore (db, data->backup_path, &data->before_restore, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
restore_thread_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CmContext *self = g_task_get_source_object (task);
  RestoreData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  announce_worker_changes (self, data->changes);
  g_task_return_boolean (task, TRUE);
}

/**
 * cm_context_restore_async:
 * @self: a #CmContext
 * @backup_path: a backup of this database (see cm_backups_list())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread when done
 * @user_data: data for @callback
 *
 * Restores @backup_path with cm_backups_restore() in a worker thread,
 * then emits #CmContext::changed for every kind of data before
 * @callback runs.
 */
void
cm_context_restore_async (CmContext           *self,
                          const char          *backup_path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;
  RestoreData *data;

  g_return_if_fail (CM_IS_CONTEXT (self));
  g_return_if_fail (backup_path != NULL);

  data = g_new0 (RestoreData, 1);
  data->db_path = g_strdup (cm_db_get_path (self->db));
  data->backup_path = g_strdup (backup_path);
  data->changes = g_array_new (FALSE, FALSE, sizeof (CmChange));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cm_context_restore_async);
  g_task_set_task_data (task, data, restore_data_free);

  /* As for imports: the worker's task has no source object. */
  thread_task = g_task_new (NULL, cancellable, restore_thread_done_cb, g_object_ref (task));
  g_task_set_task_data (thread_task, data, NULL);
  g_task_set_return_on_cancel (thread_task, FALSE);
  g_task_run_in_thread (thread_task, restore_thread);
}

/**
 * cm_context_restore_finish:
 * @self: a #CmContext
 * @result: the #GAsyncResult
 * @out_before_restore: (out) (optional) (transfer full): the backup taken
 *   first, which restoring undoes the restore
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the backup was restored; if not, nothing changed
 */
gboolean
cm_context_restore_finish (CmContext     *self,
                           GAsyncResult  *result,
                           char         **out_before_restore,
                           GError       **error)
{
  g_return_val_if_fail (CM_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (out_before_restore != NULL)
    {
      RestoreData *data = g_task_get_task_data (G_TASK (result));

      *out_before_restore = g_steal_pointer (&data->before_restore);
    }
  return TRUE;
}

/**
 * cm_context_get_setting:
 * @self: a #CmContext
 * @key: the setting's name
 * @error: return location for a #GError
 *
 * Reads a setting stored in the database, one that travels with the data.
 * Returns %NULL without setting @error when the key is not set.
 *
 * Returns: (transfer full) (nullable): the value
 */
char *
cm_context_get_setting (CmContext   *self,
                        const char  *key,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(stmt = cm_db_prepare (self->db, "SELECT value FROM settings WHERE key = ?", error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    cm_db_set_error (self->db, error);

  return NULL;
}

/**
 * cm_context_set_setting:
 * @self: a #CmContext
 * @key: the setting's name
 * @value: (nullable): the new value, or %NULL to remove the setting
 * @error: return location for a #GError
 *
 * Stores a setting in the database.
 *
 * Returns: %TRUE on success
 */
gboolean
cm_context_set_setting (CmContext   *self,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value != NULL)
    stmt = cm_db_prepare (self->db,
                          "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          error);
  else
    stmt = cm_db_prepare (self->db, "DELETE FROM settings WHERE key = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);

  if (!cm_db_step_done (self->db, stmt, error))
    return FALSE;

  cm_db_announce (self->db, CM_CHANGE_SETTINGS, 0, 0, 0);
  return TRUE;
}

/* Reading in a worker thread */

typedef struct
{
  char              *db_path;
  CmContextReadFunc  func;
  gpointer           data;
  GDestroyNotify     data_free;
  GDestroyNotify     result_free;
} ReadData;

static void
read_data_free (gpointer pointer)
{
  ReadData *read = pointer;

  if (read->data_free != NULL)
    read->data_free (read->data);
  g_free (read->db_path);
  g_free (read);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *read = task_data;
  g_autoptr(CmDb) db = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result;

  if (!(db = cm_db_open (read->db_path, &error)) ||
      !(result = read->func (db, read->data, cancellable, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, read->result_free);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CmContext *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  ReadData *read = g_task_get_task_data (task);
  gpointer value;

  value = g_task_propagate_pointer (G_TASK (result), &error);
  if (value == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, value, read->result_free);

  self->n_reading--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_READING]);
}

/**
 * cm_context_read_async:
 * @self: a #CmContext
 * @func: what to read
 * @data: (nullable): passed to @func
 * @data_free: (nullable): frees @data when the read is over
 * @result_free: (nullable): frees a result nobody took
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on this thread with the result
 * @user_data: data for @callback
 *
 * Runs @func in a worker thread on a connection of its own, so that
 * reading a county's year or cycle never holds up the window.
 */
void
cm_context_read_async (CmContext           *self,
                       CmContextReadFunc    func,
                       gpointer             data,
                       GDestroyNotify       data_free,
                       GDestroyNotify       result_free,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;
  ReadData *read;

  g_return_if_fail (CM_IS_CONTEXT (self));
  g_return_if_fail (func != NULL);

  read = g_new0 (ReadData, 1);
  read->db_path = g_strdup (cm_db_get_path (self->db));
  read->func = func;
  read->data = data;
  read->data_free = data_free;
  read->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cm_context_read_async);
  g_task_set_task_data (task, read, read_data_free);

  self->n_reading++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_READING]);

  /* As for imports: the worker's task has no source object, so that the
   * context is only ever released on this thread. */
  thread_task = g_task_new (NULL, cancellable, read_done_cb, g_object_ref (task));
  g_task_set_task_data (thread_task, read, NULL);
  g_task_set_return_on_cancel (thread_task, FALSE);
  g_task_run_in_thread (thread_task, read_thread);
}

/**
 * cm_context_read_finish:
 * @self: a #CmContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what the read function returned
 */
gpointer
cm_context_read_finish (CmContext     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (CM_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cm_context_get_n_reading:
 * @self: a #CmContext
 *
 * Returns: how many reads are running
 */
guint
cm_context_get_n_reading (CmContext *self)
{
  g_return_val_if_fail (CM_IS_CONTEXT (self), 0);

  return self->n_reading;
}

/**
 * cm_context_get_history:
 * @self: a #CmContext
 *
 * Returns: (transfer none): what Undo and Redo can take back and make
 *   again
 */
CmHistory *
cm_context_get_history (CmContext *self)
{
  g_return_val_if_fail (CM_IS_CONTEXT (self), NULL);

  return self->history;
}

/**
 * cm_context_begin_undoable:
 * @self: a #CmContext
 *
 * Starts recording what the next writes through the context's connection
 * change, until cm_context_end_undoable(). Calls nest. If recording
 * cannot start, the action still runs; it just cannot be undone.
 */
void
cm_context_begin_undoable (CmContext *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CM_IS_CONTEXT (self));

  if (!cm_db_record_begin (self->db, &error))
    {
      g_warning ("Cannot record for Undo: %s", error->message);
      self->record_failures++;
    }
}

/**
 * cm_context_end_undoable:
 * @self: a #CmContext
 * @label: (nullable): what the user did ("Delete transaction INV-1"), or
 *   %NULL when the action failed and there is nothing to keep
 *
 * Stops recording and, for the outermost call, adds what was written to
 * the history.
 */
void
cm_context_end_undoable (CmContext  *self,
                         const char *label)
{
  g_autoptr(CmUndoStep) step = NULL;

  g_return_if_fail (CM_IS_CONTEXT (self));

  if (self->record_failures > 0)
    {
      self->record_failures--;
      return;
    }

  step = cm_db_record_end (self->db, label);
  if (step != NULL && label != NULL)
    cm_history_push (self->history, g_steal_pointer (&step));
}

/**
 * cm_context_check_external_changes:
 * @self: a #CmContext
 *
 * Asks SQLite whether another program, such as `commissioner-cli`, has
 * committed to the database since the last check. If it has, every kind
 * of data is announced as changed (`KIND 0 0 0`), so that each view reads
 * what it shows again. Cheap enough to call whenever a window is focused.
 *
 * Returns: %TRUE if something changed
 */
gboolean
cm_context_check_external_changes (CmContext *self)
{
  gint64 version;

  g_return_val_if_fail (CM_IS_CONTEXT (self), FALSE);

  version = read_data_version (self->db);
  if (version < 0 || version == self->data_version)
    return FALSE;

  self->data_version = version;
  for (guint kind = 1; kind & CM_CHANGE_ALL; kind <<= 1)
    cm_db_announce (self->db, (CmChangeKind) kind, 0, 0, 0);

  return TRUE;
}
