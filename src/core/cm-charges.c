/* cm-charges.c
 *
 * The DNA charge policy and the charge-income transactions it raises
 * (docs/figures.md, "DNA charges").
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-evaluation"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-domain.h"
#include "cm-evaluation-private.h"
#include "cm-fiscal.h"
#include "cm-needs-private.h"

struct _CmChargeSync
{
  CmDb           *db;
  CmChargePolicy *policy;
  sqlite3_stmt   *booking;
  sqlite3_stmt   *find;
  sqlite3_stmt   *insert;
  sqlite3_stmt   *update;
  sqlite3_stmt   *delete;
};

/**
 * cm_charge_policy_free:
 * @policy: (nullable): what to free
 */
void
cm_charge_policy_free (CmChargePolicy *policy)
{
  if (policy == NULL)
    return;

  g_strfreev (policy->kinds);
  g_free (policy);
}

/**
 * cm_charge_reference:
 * @event_code: the event's code
 * @learner_ref: the learner's ref
 *
 * Returns: (transfer full): the reference of the booking's charge,
 *   "DNA-<event>-<learner ref>"
 */
char *
cm_charge_reference (const char *event_code,
                     const char *learner_ref)
{
  return g_strdup_printf ("DNA-%s-%s", event_code, learner_ref);
}

/* "enabled=1;half_day_pence=5000;full_day_pence=9000;kinds=health,police" */
CmChargePolicy *
cm_charge_policy_parse (const char *text)
{
  CmChargePolicy *policy = g_new0 (CmChargePolicy, 1);
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *equals = strchr (parts[i], '=');
      const char *value;

      if (equals == NULL)
        continue;
      value = equals + 1;

      if (g_str_has_prefix (parts[i], "enabled="))
        policy->enabled = g_str_equal (value, "1");
      else if (g_str_has_prefix (parts[i], "half_day_pence="))
        policy->half_day_pence = MAX (0, g_ascii_strtoll (value, NULL, 10));
      else if (g_str_has_prefix (parts[i], "full_day_pence="))
        policy->full_day_pence = MAX (0, g_ascii_strtoll (value, NULL, 10));
      else if (g_str_has_prefix (parts[i], "kinds=") && *value != '\0')
        {
          g_strfreev (policy->kinds);
          policy->kinds = g_strsplit (value, ",", -1);
        }
    }

  if (policy->kinds == NULL)
    policy->kinds = g_new0 (char *, 1);

  return policy;
}

/**
 * cm_evaluation_charge_amount:
 * @policy: a #CmChargePolicy
 * @organisation_kind: the learner's organisation kind
 * @half_days: the length of the event in half days
 *
 * What the policy charges for a place not taken up, as a charge-income
 * amount: negative (income reduces spend), or 0 for no charge. A
 * half-day event is charged the half-day amount, a longer one the
 * full-day amount once.
 *
 * Returns: the amount in pence, ≤ 0
 */
gint64
cm_evaluation_charge_amount (const CmChargePolicy *policy,
                             const char           *organisation_kind,
                             int                   half_days)
{
  g_return_val_if_fail (policy != NULL, 0);

  if (!policy->enabled || half_days <= 0 || organisation_kind == NULL ||
      policy->kinds == NULL || !g_strv_contains ((const char * const *) policy->kinds, organisation_kind))
    return 0;

  /* A place on a half-day event costs the half-day charge; on anything
   * longer, the full-day charge once, however many days it runs. */
  return -(half_days <= 1 ? policy->half_day_pence : policy->full_day_pence);
}

/**
 * cm_evaluation_get_charge_policy:
 * @db: a #CmDb
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the stored policy; off, with no amounts and
 *   no kinds, when none is stored
 */
CmChargePolicy *
cm_evaluation_get_charge_policy (CmDb    *db,
                                 GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CM_IS_DB (db), NULL);

  if (!cm_needs_setting_get (db, CM_EVALUATION_SETTING_CHARGES, &text, error))
    return NULL;

  return cm_charge_policy_parse (text);
}

static gboolean sync_booking (CmChargeSync  *sync,
                              gint64         event_id,
                              gint64         learner_id,
                              gboolean       removing,
                              GError       **error);

/**
 * cm_charge_sync_all: (skip)
 *
 * Brings the charge of every booking in step with the policy.
 */
gboolean
cm_charge_sync_all (CmChargeSync  *sync,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (!(stmt = cm_db_prepare (sync->db, "SELECT event_id, learner_id FROM bookings ORDER BY 1, 2", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_vals (keys, pair, 2);
    }
  if (rc != SQLITE_DONE)
    {
      cm_db_set_error (sync->db, error);
      return FALSE;
    }

  for (guint i = 0; i + 1 < keys->len; i += 2)
    if (!sync_booking (sync, g_array_index (keys, gint64, i),
                       g_array_index (keys, gint64, i + 1), FALSE, error))
      return FALSE;

  return TRUE;
}

/**
 * cm_evaluation_set_charge_policy:
 * @db: a #CmDb
 * @policy: the new policy
 * @error: return location for a #GError
 *
 * Stores the policy and brings every booking's charge in step with it,
 * in one transaction.
 *
 * Returns: %TRUE on success; on failure nothing is written
 */
gboolean
cm_evaluation_set_charge_policy (CmDb                 *db,
                                 const CmChargePolicy *policy,
                                 GError              **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(CmChargeSync) sync = NULL;
  g_autofree char *kinds = NULL;
  gboolean own = FALSE;

  g_return_val_if_fail (CM_IS_DB (db), FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);

  if (policy->half_day_pence < 0 || policy->full_day_pence < 0 ||
      policy->half_day_pence > CM_NEEDS_MAX_PENCE || policy->full_day_pence > CM_NEEDS_MAX_PENCE)
    {
      g_set_error_literal (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID,
                           _("A DNA charge must be an amount from £0.00 to £1,000,000,000.00"));
      return FALSE;
    }

  for (guint i = 0; policy->kinds != NULL && policy->kinds[i] != NULL; i++)
    if (!cm_domain_contains (CM_DOMAIN_ORGANISATION_KIND, policy->kinds[i]))
      {
        g_autofree char *known = cm_domain_describe_values (CM_DOMAIN_ORGANISATION_KIND);

        g_set_error (error, CM_EVALUATION_ERROR, CM_EVALUATION_ERROR_INVALID,
                     _("“%s” is not an organisation kind; use one of %s"), policy->kinds[i], known);
        return FALSE;
      }

  kinds = policy->kinds != NULL ? g_strjoinv (",", policy->kinds) : g_strdup ("");
  g_string_append_printf (text, "enabled=%d;half_day_pence=%" G_GINT64_FORMAT
                          ";full_day_pence=%" G_GINT64_FORMAT ";kinds=%s",
                          policy->enabled ? 1 : 0, policy->half_day_pence,
                          policy->full_day_pence, kinds);

  if (!cm_needs_tx_begin (db, &own, error))
    return FALSE;

  if (!cm_needs_setting_set (db, CM_EVALUATION_SETTING_CHARGES, text->str, error) ||
      !(sync = cm_charge_sync_new (db, error)) ||
      !cm_charge_sync_all (sync, error))
    {
      cm_needs_tx_rollback (db, own);
      return FALSE;
    }

  return cm_needs_tx_commit (db, own, error);
}

/* Syncing one booking's charge. */

/**
 * cm_charge_sync_new: (skip)
 *
 * Reads the policy and prepares the statements.
 */
CmChargeSync *
cm_charge_sync_new (CmDb    *db,
                    GError **error)
{
  g_autoptr(CmChargeSync) sync = g_new0 (CmChargeSync, 1);

  sync->db = db;

  if (!(sync->policy = cm_evaluation_get_charge_policy (db, error)) ||
      !(sync->booking = cm_db_prepare (db,
                                       "SELECT e.code, e.date, e.commission_id, m.half_days,"
                                       "       o.name, o.kind, l.ref, b.status"
                                       "  FROM bookings b"
                                       "  JOIN events e ON e.id = b.event_id"
                                       "  JOIN commissions m ON m.id = e.commission_id"
                                       "  JOIN learners l ON l.id = b.learner_id"
                                       "  JOIN organisations o ON o.id = l.organisation_id"
                                       " WHERE b.event_id = ?1 AND b.learner_id = ?2",
                                       error)) ||
      /* By the commission's own spend (the transactions_commission
       * index), so that a renamed organisation still finds its line. */
      !(sync->find = cm_db_prepare (db,
                                    "SELECT id, amount_pence, date, commission_id, supplier FROM transactions"
                                    " WHERE commission_id = ?1 AND kind = 'charge-income'"
                                    "   AND lower (trim (reference)) = lower (trim (?2))",
                                    error)) ||
      !(sync->insert = cm_db_prepare (db,
                                      "INSERT INTO transactions (date, amount_pence, commission_id, stream_id,"
                                      "                          supplier, reference, kind)"
                                      " VALUES (?1, ?2, ?3, NULL, ?4, ?5, 'charge-income')",
                                      error)) ||
      !(sync->update = cm_db_prepare (db,
                                      "UPDATE transactions SET date = ?1, amount_pence = ?2, commission_id = ?3,"
                                      " supplier = ?5 WHERE id = ?4",
                                      error)) ||
      !(sync->delete = cm_db_prepare (db, "DELETE FROM transactions WHERE id = ?1", error)))
    return NULL;

  return g_steal_pointer (&sync);
}

/**
 * cm_charge_sync_free:
 * @sync: (nullable): what to free
 */
void
cm_charge_sync_free (CmChargeSync *sync)
{
  if (sync == NULL)
    return;

  cm_charge_policy_free (sync->policy);
  g_clear_pointer (&sync->booking, sqlite3_finalize);
  g_clear_pointer (&sync->find, sqlite3_finalize);
  g_clear_pointer (&sync->insert, sqlite3_finalize);
  g_clear_pointer (&sync->update, sqlite3_finalize);
  g_clear_pointer (&sync->delete, sqlite3_finalize);
  g_free (sync);
}

static void
announce_date (CmDb       *db,
               const char *iso_date,
               gint64      id)
{
  GDate date;

  g_date_clear (&date, 1);
  if (iso_date != NULL && cm_fiscal_parse_date (iso_date, &date, NULL))
    cm_db_announce (db, CM_CHANGE_TRANSACTIONS, cm_fiscal_year_of (&date), 0, id);
  else
    cm_db_announce (db, CM_CHANGE_TRANSACTIONS, 0, 0, id);
}

/* Brings one charge to @amount (0 = no charge), announcing what moved. */
static gboolean
apply_charge (CmChargeSync  *sync,
              const char    *supplier,
              const char    *reference,
              const char    *date,
              gint64         commission_id,
              gint64         amount,
              GError       **error)
{
  CmDb *db = sync->db;
  gint64 id = 0;
  gint64 old_amount = 0;
  gint64 old_commission = 0;
  g_autofree char *old_date = NULL;
  g_autofree char *old_supplier = NULL;
  int rc;

  sqlite3_bind_int64 (sync->find, 1, commission_id);
  sqlite3_bind_text (sync->find, 2, reference, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (sync->find);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (sync->find, 0);
      old_amount = sqlite3_column_int64 (sync->find, 1);
      old_date = g_strdup ((const char *) sqlite3_column_text (sync->find, 2));
      old_commission = sqlite3_column_int64 (sync->find, 3);
      old_supplier = g_strdup ((const char *) sqlite3_column_text (sync->find, 4));
    }
  sqlite3_reset (sync->find);
  sqlite3_clear_bindings (sync->find);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cm_db_set_error (db, error);
      return FALSE;
    }

  if (id == 0 && amount == 0)
    return TRUE;

  if (id == 0)
    {
      sqlite3_bind_text (sync->insert, 1, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (sync->insert, 2, amount);
      sqlite3_bind_int64 (sync->insert, 3, commission_id);
      sqlite3_bind_text (sync->insert, 4, supplier, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (sync->insert, 5, reference, -1, SQLITE_TRANSIENT);
      if (!cm_db_step_done (db, sync->insert, error))
        return FALSE;
      announce_date (db, date, sqlite3_last_insert_rowid (cm_db_get_handle (db)));
      return TRUE;
    }

  if (amount == 0)
    {
      sqlite3_bind_int64 (sync->delete, 1, id);
      if (!cm_db_step_done (db, sync->delete, error))
        return FALSE;
      announce_date (db, old_date, id);
      return TRUE;
    }

  if (old_amount == amount && old_commission == commission_id && g_strcmp0 (old_date, date) == 0 &&
      g_strcmp0 (old_supplier, supplier) == 0)
    return TRUE;

  sqlite3_bind_text (sync->update, 1, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (sync->update, 2, amount);
  sqlite3_bind_int64 (sync->update, 3, commission_id);
  sqlite3_bind_int64 (sync->update, 4, id);
  sqlite3_bind_text (sync->update, 5, supplier, -1, SQLITE_TRANSIENT);
  if (!cm_db_step_done (db, sync->update, error))
    return FALSE;
  announce_date (db, old_date, id);
  announce_date (db, date, id);
  return TRUE;
}

static gboolean
sync_booking (CmChargeSync  *sync,
              gint64         event_id,
              gint64         learner_id,
              gboolean       removing,
              GError       **error)
{
  g_autofree char *code = NULL;
  g_autofree char *date = NULL;
  g_autofree char *supplier = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *status = NULL;
  g_autofree char *reference = NULL;
  gint64 commission_id;
  gint64 amount = 0;
  int half_days;
  int rc;

  sqlite3_bind_int64 (sync->booking, 1, event_id);
  sqlite3_bind_int64 (sync->booking, 2, learner_id);
  rc = sqlite3_step (sync->booking);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (sync->booking);
      if (rc == SQLITE_DONE)
        return TRUE;
      cm_db_set_error (sync->db, error);
      return FALSE;
    }

  code = g_strdup ((const char *) sqlite3_column_text (sync->booking, 0));
  date = g_strdup ((const char *) sqlite3_column_text (sync->booking, 1));
  commission_id = sqlite3_column_int64 (sync->booking, 2);
  half_days = sqlite3_column_int (sync->booking, 3);
  supplier = g_strdup ((const char *) sqlite3_column_text (sync->booking, 4));
  kind = g_strdup ((const char *) sqlite3_column_text (sync->booking, 5));
  ref = g_strdup ((const char *) sqlite3_column_text (sync->booking, 6));
  status = g_strdup ((const char *) sqlite3_column_text (sync->booking, 7));
  sqlite3_reset (sync->booking);

  if (!removing && (g_str_equal (status, "dna") || g_str_equal (status, "late-cancel")))
    amount = cm_evaluation_charge_amount (sync->policy, kind, half_days);

  reference = cm_charge_reference (code, ref);
  return apply_charge (sync, supplier, reference, date, commission_id, amount, error);
}

/**
 * cm_charge_sync_booking: (skip)
 *
 * Adds, changes or removes the booking's charge so that it is what the
 * policy raises for its status now. A booking that does not exist has
 * nothing to do. With the policy off there is nothing to do either:
 * turning it off removed every charge (cm_evaluation_set_charge_policy()).
 */
gboolean
cm_charge_sync_booking (CmChargeSync  *sync,
                        gint64         event_id,
                        gint64         learner_id,
                        GError       **error)
{
  if (!sync->policy->enabled)
    return TRUE;

  return sync_booking (sync, event_id, learner_id, FALSE, error);
}

/**
 * cm_charge_sync_remove: (skip)
 *
 * Removes the booking's charge, before the booking itself goes.
 */
gboolean
cm_charge_sync_remove (CmChargeSync  *sync,
                       gint64         event_id,
                       gint64         learner_id,
                       GError       **error)
{
  return sync_booking (sync, event_id, learner_id, TRUE, error);
}
