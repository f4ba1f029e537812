/* cm-workforce-edit.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-core"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-db-private.h"
#include "cm-domain.h"
#include "cm-needs.h"
#include "cm-workforce-edit.h"

typedef struct
{
  gint64 id;
  gint64 year;
  gint64 half;
  gint64 competency_id;
  gint64 coverage_bp;
  gint64 compliant;
  gint64 expiring;
  gint64 evidence;
  char  *evidence_source;
} BackupLine;

static void
backup_line_clear (gpointer data)
{
  BackupLine *line = data;

  g_clear_pointer (&line->evidence_source, g_free);
}

struct _CmStaffGroupBackup
{
  gint64  id;
  char   *name;
  gint64  organisation_id;
  char   *sector;
  gint64  headcount;
  gint64  turnover_bp;
  GArray *lines;        /* BackupLine */
  GArray *learner_ids;  /* gint64 */
};

G_DEFINE_QUARK (cm-workforce-edit-error-quark, cm_workforce_edit_error)

/* Binds ?1 (text) and ?2 (integer), then returns the first column of the
 * first row in *@out_value, or 0 when there is no row. */
static gboolean
query_id (CmDb        *db,
          const char  *sql,
          const char  *text,
          gint64       number,
          gint64      *out_value,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = cm_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, number);
  else if (text == NULL)
    sqlite3_bind_int64 (stmt, 1, number);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_value = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *out_value = 0;
  else
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  return TRUE;
}

/* @empty_message says what is wrong when @name is blank. */
static char *
clean_name (const char  *name,
            const char  *empty_message,
            GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*copy == '\0')
    {
      g_set_error_literal (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_INVALID,
                           empty_message);
      return NULL;
    }

  return g_steal_pointer (&copy);
}

static char *
unique_name (CmDb        *db,
             const char  *sql,
             const char  *base,
             GError     **error)
{
  g_autofree char *stem = g_strstrip (g_strdup (base));

  for (guint n = 1; n < G_MAXUINT; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (stem) : g_strdup_printf ("%s %u", stem, n);
      gint64 taken = 0;

      if (!query_id (db, sql, candidate, 0, &taken, error))
        return NULL;
      if (taken == 0)
        return g_steal_pointer (&candidate);
    }

  g_assert_not_reached ();
}

/**
 * cm_workforce_save_organisation:
 * @db: a #CmDb
 * @id: the organisation to change, or 0 to add one
 * @name: its unique name
 * @kind: a CM_DOMAIN_ORGANISATION_KIND id, such as "private"
 * @out_id: (out) (optional): the organisation's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the organisation was saved
 */
gboolean
cm_workforce_save_organisation (CmDb        *db,
                                gint64       id,
                                const char  *name,
                                const char  *kind,
                                gint64      *out_id,
                                GError     **error)
{
  g_autofree char *clean = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 other = 0;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (id >= 0, FALSE);

  if (!(clean = clean_name (name, _("The organisation needs a name"), error)))
    return FALSE;

  if (!cm_domain_contains (CM_DOMAIN_ORGANISATION_KIND, kind))
    {
      g_autofree char *values = cm_domain_describe_values (CM_DOMAIN_ORGANISATION_KIND);

      g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_INVALID,
                   _("“%s” is not a kind of organisation; use one of %s"),
                   kind != NULL ? kind : "", values);
      return FALSE;
    }

  if (id > 0)
    {
      gint64 found = 0;

      if (!query_id (db, "SELECT id FROM organisations WHERE id = ?1", NULL, id, &found, error))
        return FALSE;
      if (found == 0)
        {
          g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_NOT_FOUND,
                       _("The organisation no longer exists"));
          return FALSE;
        }
    }

  if (!query_id (db, "SELECT id FROM organisations WHERE name = ?1 AND id <> ?2",
                 clean, id, &other, error))
    return FALSE;
  if (other != 0)
    {
      g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_DUPLICATE,
                   _("There is already an organisation called “%s”"), clean);
      return FALSE;
    }

  if (id > 0)
    stmt = cm_db_prepare (db, "UPDATE organisations SET name = ?1, kind = ?2 WHERE id = ?3", error);
  else
    stmt = cm_db_prepare (db, "INSERT INTO organisations (name, kind) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  if (id > 0)
    sqlite3_bind_int64 (stmt, 3, id);

  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  if (out_id != NULL)
    *out_id = id > 0 ? id : sqlite3_last_insert_rowid (cm_db_get_handle (db));

  cm_db_announce (db, CM_CHANGE_WORKFORCE, 0, 0, 0);
  return TRUE;
}

/**
 * cm_workforce_delete_organisation:
 * @db: a #CmDb
 * @id: the organisation
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the organisation was deleted
 */
gboolean
cm_workforce_delete_organisation (CmDb    *db,
                                  gint64   id,
                                  GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 found = 0;
  gint64 n_groups = 0;
  gint64 n_learners = 0;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);

  if (!query_id (db, "SELECT id FROM organisations WHERE id = ?1", NULL, id, &found, error) ||
      !query_id (db, "SELECT count(*) FROM staff_groups WHERE organisation_id = ?1", NULL, id, &n_groups, error) ||
      !query_id (db, "SELECT count(*) FROM learners WHERE organisation_id = ?1", NULL, id, &n_learners, error))
    return FALSE;

  if (found == 0)
    {
      g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_NOT_FOUND,
                   _("The organisation no longer exists"));
      return FALSE;
    }

  if (n_groups > 0)
    {
      g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_IN_USE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The organisation still has %u staff group: remove it or move it to another organisation first",
                                "The organisation still has %u staff groups: remove them or move them to another organisation first",
                                (gulong) n_groups),
                   (guint) n_groups);
      return FALSE;
    }

  if (n_learners > 0)
    {
      g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_IN_USE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u learner still belongs to the organisation",
                                "%u learners still belong to the organisation",
                                (gulong) n_learners),
                   (guint) n_learners);
      return FALSE;
    }

  if (!(stmt = cm_db_prepare (db, "DELETE FROM organisations WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  cm_db_announce (db, CM_CHANGE_WORKFORCE, 0, 0, 0);
  return TRUE;
}

/**
 * cm_workforce_unique_organisation_name:
 * @db: a #CmDb
 * @base: the name wanted
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): @base or @base with a number after
 *   it, whichever is free
 */
char *
cm_workforce_unique_organisation_name (CmDb        *db,
                                       const char  *base,
                                       GError     **error)
{
  g_return_val_if_fail (CM_IS_DB (db), NULL);
  g_return_val_if_fail (base != NULL, NULL);

  return unique_name (db, "SELECT 1 FROM organisations WHERE name = ?1", base, error);
}

/**
 * cm_workforce_save_staff_group:
 * @db: a #CmDb
 * @id: the staff group to change, or 0 to add one
 * @name: its unique name
 * @organisation_id: the organisation it belongs to
 * @sector: a CM_DOMAIN_SECTOR id, such as "early-years"
 * @headcount: the number of staff
 * @turnover_bp: the annual turnover in basis points (1100 is 11%)
 * @out_id: (out) (optional): the staff group's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the staff group was saved
 */
gboolean
cm_workforce_save_staff_group (CmDb        *db,
                               gint64       id,
                               const char  *name,
                               gint64       organisation_id,
                               const char  *sector,
                               gint64       headcount,
                               gint64       turnover_bp,
                               gint64      *out_id,
                               GError     **error)
{
  g_autofree char *clean = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 found = 0;
  gint64 other = 0;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (id >= 0, FALSE);

  if (!(clean = clean_name (name, _("The staff group needs a name"), error)))
    return FALSE;

  if (!cm_domain_contains (CM_DOMAIN_SECTOR, sector))
    {
      g_autofree char *values = cm_domain_describe_values (CM_DOMAIN_SECTOR);

      g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_INVALID,
                   _("“%s” is not a sector; use one of %s"),
                   sector != NULL ? sector : "", values);
      return FALSE;
    }

  if (headcount < 0 || headcount > CM_WORKFORCE_MAX_HEADCOUNT)
    {
      g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_INVALID,
                   _("The headcount must be between 0 and %d"),
                   (int) CM_WORKFORCE_MAX_HEADCOUNT);
      return FALSE;
    }

  if (turnover_bp < 0 || turnover_bp > 10000)
    {
      g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_INVALID,
                   _("The turnover must be between 0%% and 100%%"));
      return FALSE;
    }

  if (!query_id (db, "SELECT id FROM organisations WHERE id = ?1", NULL, organisation_id, &found, error))
    return FALSE;
  if (found == 0)
    {
      g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_NOT_FOUND,
                   _("The organisation no longer exists"));
      return FALSE;
    }

  if (id > 0)
    {
      if (!query_id (db, "SELECT id FROM staff_groups WHERE id = ?1", NULL, id, &found, error))
        return FALSE;
      if (found == 0)
        {
          g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_NOT_FOUND,
                       _("The staff group no longer exists"));
          return FALSE;
        }
    }

  if (!query_id (db, "SELECT id FROM staff_groups WHERE name = ?1 AND id <> ?2",
                 clean, id, &other, error))
    return FALSE;
  if (other != 0)
    {
      g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_DUPLICATE,
                   _("There is already a staff group called “%s”"), clean);
      return FALSE;
    }

  if (id > 0)
    stmt = cm_db_prepare (db,
                          "UPDATE staff_groups SET name = ?1, organisation_id = ?2, sector = ?3,"
                          "       headcount = ?4, turnover_bp = ?5"
                          " WHERE id = ?6",
                          error);
  else
    stmt = cm_db_prepare (db,
                          "INSERT INTO staff_groups (name, organisation_id, sector, headcount, turnover_bp)"
                          " VALUES (?1, ?2, ?3, ?4, ?5)",
                          error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, organisation_id);
  sqlite3_bind_text (stmt, 3, sector, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, headcount);
  sqlite3_bind_int64 (stmt, 5, turnover_bp);
  if (id > 0)
    sqlite3_bind_int64 (stmt, 6, id);

  if (!cm_db_step_done (db, stmt, error))
    return FALSE;

  if (out_id != NULL)
    *out_id = id > 0 ? id : sqlite3_last_insert_rowid (cm_db_get_handle (db));

  cm_db_announce (db, CM_CHANGE_WORKFORCE, 0, 0, 0);
  return TRUE;
}

void
cm_staff_group_backup_free (CmStaffGroupBackup *backup)
{
  if (backup == NULL)
    return;

  g_free (backup->name);
  g_free (backup->sector);
  g_clear_pointer (&backup->lines, g_array_unref);
  g_clear_pointer (&backup->learner_ids, g_array_unref);
  g_free (backup);
}

static gboolean
read_backup (CmDb                *db,
             CmStaffGroupBackup  *backup,
             GError             **error)
{
  g_autoptr(sqlite3_stmt) group = NULL;
  g_autoptr(sqlite3_stmt) lines = NULL;
  g_autoptr(sqlite3_stmt) learners = NULL;
  int rc;

  if (!(group = cm_db_prepare (db,
                               "SELECT name, organisation_id, sector, headcount, turnover_bp"
                               "  FROM staff_groups WHERE id = ?1",
                               error)))
    return FALSE;
  sqlite3_bind_int64 (group, 1, backup->id);

  rc = sqlite3_step (group);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_NOT_FOUND,
                   _("The staff group no longer exists"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  backup->name = g_strdup ((const char *) sqlite3_column_text (group, 0));
  backup->organisation_id = sqlite3_column_int64 (group, 1);
  backup->sector = g_strdup ((const char *) sqlite3_column_text (group, 2));
  backup->headcount = sqlite3_column_int64 (group, 3);
  backup->turnover_bp = sqlite3_column_int64 (group, 4);

  if (!(lines = cm_db_prepare (db,
                               "SELECT id, year, half, competency_id, coverage_bp, compliant, expiring, evidence,"
                               "       evidence_source"
                               "  FROM requirements WHERE staff_group_id = ?1 ORDER BY id",
                               error)))
    return FALSE;
  sqlite3_bind_int64 (lines, 1, backup->id);

  while ((rc = sqlite3_step (lines)) == SQLITE_ROW)
    {
      BackupLine line = {
        .id = sqlite3_column_int64 (lines, 0),
        .year = sqlite3_column_int64 (lines, 1),
        .half = sqlite3_column_int64 (lines, 2),
        .competency_id = sqlite3_column_int64 (lines, 3),
        .coverage_bp = sqlite3_column_int64 (lines, 4),
        .compliant = sqlite3_column_int64 (lines, 5),
        .expiring = sqlite3_column_int64 (lines, 6),
        .evidence = sqlite3_column_int64 (lines, 7),
        .evidence_source = g_strdup ((const char *) sqlite3_column_text (lines, 8)),
      };

      /* Its lines would leave a signed-off cycle's figures. */
      if (!cm_needs_check_cycle_open (db, (int) line.year, (int) line.half, error))
        {
          g_free (line.evidence_source);
          g_prefix_error (error, _("“%s” has lines in a signed-off cycle: "), backup->name);
          return FALSE;
        }

      g_array_append_val (backup->lines, line);
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  if (!(learners = cm_db_prepare (db, "SELECT id FROM learners WHERE staff_group_id = ?1 ORDER BY id", error)))
    return FALSE;
  sqlite3_bind_int64 (learners, 1, backup->id);

  while ((rc = sqlite3_step (learners)) == SQLITE_ROW)
    {
      gint64 learner_id = sqlite3_column_int64 (learners, 0);

      g_array_append_val (backup->learner_ids, learner_id);
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_workforce_delete_staff_group:
 * @db: a #CmDb
 * @id: the staff group
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what was deleted, for Undo
 */
CmStaffGroupBackup *
cm_workforce_delete_staff_group (CmDb    *db,
                                 gint64   id,
                                 GError **error)
{
  g_autoptr(CmStaffGroupBackup) backup = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  backup = g_new0 (CmStaffGroupBackup, 1);
  backup->id = id;
  backup->lines = g_array_new (FALSE, FALSE, sizeof (BackupLine));
  g_array_set_clear_func (backup->lines, backup_line_clear);
  backup->learner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!cm_db_begin (db, error))
    return NULL;

  /* The foreign keys remove the lines and unlink the learners. */
  if (!read_backup (db, backup, error) ||
      !(stmt = cm_db_prepare (db, "DELETE FROM staff_groups WHERE id = ?1", error)))
    {
      cm_db_rollback (db);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, id);
  /* Its requirement lines go with it. */
  cm_db_announce (db, CM_CHANGE_WORKFORCE, 0, 0, 0);
  cm_db_announce (db, CM_CHANGE_REQUIREMENTS, 0, 0, 0);
  if (!cm_db_step_done (db, stmt, error) || !cm_db_commit (db, error))
    {
      cm_db_rollback (db);
      return NULL;
    }

  return g_steal_pointer (&backup);
}

static gboolean
restore (CmDb                     *db,
         const CmStaffGroupBackup *backup,
         GError                  **error)
{
  g_autoptr(sqlite3_stmt) group = NULL;
  g_autoptr(sqlite3_stmt) line = NULL;
  g_autoptr(sqlite3_stmt) learner = NULL;
  gint64 taken = 0;

  if (!query_id (db, "SELECT 1 FROM staff_groups WHERE name = ?1 OR id = ?2",
                 backup->name, backup->id, &taken, error))
    return FALSE;
  if (taken != 0)
    {
      g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_DUPLICATE,
                   _("There is already a staff group called “%s”"), backup->name);
      return FALSE;
    }

  if (!query_id (db, "SELECT id FROM organisations WHERE id = ?1", NULL, backup->organisation_id, &taken, error))
    return FALSE;
  if (taken == 0)
    {
      g_set_error (error, CM_WORKFORCE_EDIT_ERROR, CM_WORKFORCE_EDIT_ERROR_NOT_FOUND,
                   _("The organisation no longer exists"));
      return FALSE;
    }

  if (!(group = cm_db_prepare (db,
                               "INSERT INTO staff_groups (id, name, organisation_id, sector, headcount, turnover_bp)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               error)))
    return FALSE;
  sqlite3_bind_int64 (group, 1, backup->id);
  sqlite3_bind_text (group, 2, backup->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (group, 3, backup->organisation_id);
  sqlite3_bind_text (group, 4, backup->sector, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (group, 5, backup->headcount);
  sqlite3_bind_int64 (group, 6, backup->turnover_bp);
  if (!cm_db_step_done (db, group, error))
    return FALSE;

  /* A line whose competency went meanwhile stays gone: the constraint
   * would refuse it, and the rest is still worth having back. */
  if (!(line = cm_db_prepare (db,
                              "INSERT INTO requirements (id, year, half, staff_group_id, competency_id,"
                              "                          coverage_bp, compliant, expiring, evidence,"
                              "                          evidence_source)"
                              " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10"
                              "  WHERE EXISTS (SELECT 1 FROM competencies WHERE id = ?5)",
                              error)))
    return FALSE;

  for (guint i = 0; i < backup->lines->len; i++)
    {
      const BackupLine *saved = &g_array_index (backup->lines, BackupLine, i);

      sqlite3_bind_int64 (line, 1, saved->id);
      sqlite3_bind_int64 (line, 2, saved->year);
      sqlite3_bind_int64 (line, 3, saved->half);
      sqlite3_bind_int64 (line, 4, backup->id);
      sqlite3_bind_int64 (line, 5, saved->competency_id);
      sqlite3_bind_int64 (line, 6, saved->coverage_bp);
      sqlite3_bind_int64 (line, 7, saved->compliant);
      sqlite3_bind_int64 (line, 8, saved->expiring);
      sqlite3_bind_int64 (line, 9, saved->evidence);
      sqlite3_bind_text (line, 10, saved->evidence_source, -1, SQLITE_STATIC);
      /* The cycle may have been signed off since. */
      if (!cm_needs_check_cycle_open (db, (int) saved->year, (int) saved->half, error))
        return FALSE;
      if (!cm_db_step_done (db, line, error))
        return FALSE;
    }

  if (!(learner = cm_db_prepare (db,
                                 "UPDATE learners SET staff_group_id = ?1"
                                 " WHERE id = ?2 AND staff_group_id IS NULL",
                                 error)))
    return FALSE;

  for (guint i = 0; i < backup->learner_ids->len; i++)
    {
      sqlite3_bind_int64 (learner, 1, backup->id);
      sqlite3_bind_int64 (learner, 2, g_array_index (backup->learner_ids, gint64, i));
      if (!cm_db_step_done (db, learner, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * cm_workforce_restore_staff_group:
 * @db: a #CmDb
 * @backup: what cm_workforce_delete_staff_group() returned
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the staff group is back
 */
gboolean
cm_workforce_restore_staff_group (CmDb                     *db,
                                  const CmStaffGroupBackup *backup,
                                  GError                  **error)
{
  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);

  if (!cm_db_begin (db, error))
    return FALSE;

  cm_db_announce (db, CM_CHANGE_WORKFORCE, 0, 0, 0);
  cm_db_announce (db, CM_CHANGE_REQUIREMENTS, 0, 0, 0);
  if (!restore (db, backup, error) || !cm_db_commit (db, error))
    {
      cm_db_rollback (db);
      return FALSE;
    }

  return TRUE;
}

/**
 * cm_staff_group_backup_get_name:
 * @backup: a #CmStaffGroupBackup
 *
 * Returns: the deleted staff group's name
 */
const char *
cm_staff_group_backup_get_name (const CmStaffGroupBackup *backup)
{
  g_return_val_if_fail (backup != NULL, NULL);

  return backup->name;
}

/**
 * cm_staff_group_backup_get_n_requirements:
 * @backup: a #CmStaffGroupBackup
 *
 * Returns: the number of requirement lines deleted with the staff group
 */
guint
cm_staff_group_backup_get_n_requirements (const CmStaffGroupBackup *backup)
{
  g_return_val_if_fail (backup != NULL, 0);

  return backup->lines->len;
}

/**
 * cm_workforce_unique_staff_group_name:
 * @db: a #CmDb
 * @base: the name wanted
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): @base or @base with a number after
 *   it, whichever is free
 */
char *
cm_workforce_unique_staff_group_name (CmDb        *db,
                                      const char  *base,
                                      GError     **error)
{
  g_return_val_if_fail (CM_IS_DB (db), NULL);
  g_return_val_if_fail (base != NULL, NULL);

  return unique_name (db, "SELECT 1 FROM staff_groups WHERE name = ?1", base, error);
}

void
cm_sector_total_free (CmSectorTotal *total)
{
  if (total == NULL)
    return;

  g_free (total->sector);
  g_free (total);
}

/**
 * cm_workforce_totals_by_sector:
 * @db: a #CmDb
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CmSectorTotal) (nullable): the
 *   staff groups and headcount of each sector that has staff groups
 */
GPtrArray *
cm_workforce_totals_by_sector (CmDb    *db,
                               GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) totals = NULL;
  g_autoptr(GHashTable) found = NULL;
  const char * const *sectors;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!(stmt = cm_db_prepare (db,
                              "SELECT sector, count(*), coalesce(sum(headcount), 0)"
                              "  FROM staff_groups GROUP BY sector",
                              error)))
    return NULL;

  found = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) cm_sector_total_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CmSectorTotal *total = g_new0 (CmSectorTotal, 1);

      total->sector = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      total->n_staff_groups = (guint) sqlite3_column_int64 (stmt, 1);
      total->headcount = sqlite3_column_int64 (stmt, 2);
      g_hash_table_replace (found, total->sector, total);
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  /* The vocabulary's order, the one every report uses. */
  totals = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_sector_total_free);
  sectors = cm_domain_values (CM_DOMAIN_SECTOR);
  for (guint i = 0; sectors[i] != NULL; i++)
    {
      gpointer key = NULL;
      gpointer value = NULL;

      if (g_hash_table_steal_extended (found, sectors[i], &key, &value))
        g_ptr_array_add (totals, value);
    }

  return g_steal_pointer (&totals);
}

/**
 * cm_workforce_list_competencies:
 * @db: a #CmDb
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a store of #CmCompetency, by code
 */
GListStore *
cm_workforce_list_competencies (CmDb    *db,
                                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GListStore) store = NULL;
  int rc;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!(stmt = cm_db_prepare (db,
                              "SELECT id, code, name, category, mandatory, risk, strategic, half_days, capacity"
                              "  FROM competencies ORDER BY code",
                              error)))
    return NULL;

  store = g_list_store_new (CM_TYPE_COMPETENCY);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CmCompetency) competency = NULL;

      competency = cm_competency_new (sqlite3_column_int64 (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 2),
                                      (const char *) sqlite3_column_text (stmt, 3),
                                      sqlite3_column_int (stmt, 4) != 0,
                                      sqlite3_column_int (stmt, 5),
                                      sqlite3_column_int (stmt, 6),
                                      sqlite3_column_int64 (stmt, 7),
                                      sqlite3_column_int64 (stmt, 8));
      g_list_store_append (store, competency);
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&store);
}
