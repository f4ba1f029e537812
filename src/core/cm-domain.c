/* cm-domain.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-core"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-domain.h"

typedef struct
{
  const char *ids[9];
  const char *labels[9];
} DomainTable;

/* Keep in step with the CHECK constraints in cm-db.c. */
static const DomainTable tables[CM_DOMAIN_N_SETS] = {
  [CM_DOMAIN_ORGANISATION_KIND] = {
    { "statutory", "health", "police", "school", "private", "voluntary", "independent", NULL },
    { N_("Statutory"), N_("Health"), N_("Police"), N_("School"), N_("Private"), N_("Voluntary"), N_("Independent"), NULL },
  },
  [CM_DOMAIN_SECTOR] = {
    { "early-years", "education", "social-care", "health", "youth", "justice", "sport-culture", "family-support", NULL },
    { N_("Early years"), N_("Education"), N_("Social care"), N_("Health"), N_("Youth"), N_("Justice"), N_("Sport and culture"), N_("Family support"), NULL },
  },
  [CM_DOMAIN_CATEGORY] = {
    { "safeguarding", "common-core", "integrated-working", "qualification", "management", "practice", NULL },
    { N_("Safeguarding"), N_("Common Core"), N_("Integrated working"), N_("Qualification"), N_("Management"), N_("Practice"), NULL },
  },
  [CM_DOMAIN_COMMISSION_STATUS] = {
    { "proposed", "approved", "contracted", "delivered", "cancelled", NULL },
    { N_("Proposed"), N_("Approved"), N_("Contracted"), N_("Delivered"), N_("Cancelled"), NULL },
  },
  [CM_DOMAIN_FUNDER] = {
    { "DH", "CWDC", "LSCB", "NHS", "SfC", "Core", "Other", NULL },
    { N_("Department of Health"), N_("Children's Workforce Development Council"), N_("Local Safeguarding Children Board"), N_("NHS"), N_("Skills for Care"), N_("Core budget"), N_("Other"), NULL },
  },
  [CM_DOMAIN_RETURN_KIND] = {
    { "dh", "cwdc", "lscb", "none", NULL },
    { N_("DH grant return"), N_("CWDC claim"), N_("LSCB report"), N_("No return"), NULL },
  },
  [CM_DOMAIN_BOOKING_STATUS] = {
    { "booked", "attended", "dna", "late-cancel", "cancelled", "waitlist", NULL },
    { N_("Booked"), N_("Attended"), N_("Did not attend"), N_("Late cancellation"), N_("Cancelled"), N_("Waiting list"), NULL },
  },
  [CM_DOMAIN_TRANSACTION_KIND] = {
    { "invoice", "credit", "journal", "charge-income", NULL },
    { N_("Invoice"), N_("Credit note"), N_("Journal"), N_("Charge income"), NULL },
  },
};

/**
 * cm_domain_values:
 * @set: a vocabulary
 *
 * Returns: (transfer none): the %NULL-terminated ids of @set, in display order
 */
const char * const *
cm_domain_values (CmDomainSet set)
{
  g_return_val_if_fail (set < CM_DOMAIN_N_SETS, NULL);

  return tables[set].ids;
}

/**
 * cm_domain_n_values:
 * @set: a vocabulary
 *
 * Returns: how many ids @set has
 */
guint
cm_domain_n_values (CmDomainSet set)
{
  g_return_val_if_fail (set < CM_DOMAIN_N_SETS, 0);

  return g_strv_length ((char **) tables[set].ids);
}

/**
 * cm_domain_contains:
 * @set: a vocabulary
 * @id: (nullable): an id
 *
 * Returns: %TRUE if @id is exactly one of the ids of @set
 */
gboolean
cm_domain_contains (CmDomainSet  set,
                    const char  *id)
{
  g_return_val_if_fail (set < CM_DOMAIN_N_SETS, FALSE);

  return id != NULL && g_strv_contains (tables[set].ids, id);
}

/**
 * cm_domain_lookup:
 * @set: a vocabulary
 * @text: what a person typed, for example in a CSV file
 *
 * Matches @text against the ids of @set, ignoring case and surrounding
 * space, so that "PVT" fails but "Private " and "private" both work.
 *
 * Returns: (transfer none) (nullable): the canonical id, or %NULL
 */
const char *
cm_domain_lookup (CmDomainSet  set,
                  const char  *text)
{
  g_autofree char *trimmed = NULL;
  const DomainTable *table;

  g_return_val_if_fail (set < CM_DOMAIN_N_SETS, NULL);

  if (text == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  table = &tables[set];

  for (guint i = 0; table->ids[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (trimmed, table->ids[i]) == 0 ||
          g_ascii_strcasecmp (trimmed, table->labels[i]) == 0)
        return table->ids[i];
    }

  return NULL;
}

/**
 * cm_domain_label:
 * @set: a vocabulary
 * @id: an id of @set
 *
 * Returns: (transfer none): the translated label of @id, or @id itself
 *   when it is not part of @set
 */
const char *
cm_domain_label (CmDomainSet  set,
                 const char  *id)
{
  const DomainTable *table;

  g_return_val_if_fail (set < CM_DOMAIN_N_SETS, id);

  if (id == NULL)
    return "";

  table = &tables[set];
  for (guint i = 0; table->ids[i] != NULL; i++)
    {
      if (g_str_equal (id, table->ids[i]))
        return _(table->labels[i]);
    }

  return id;
}

/**
 * cm_domain_describe_values:
 * @set: a vocabulary
 *
 * Returns: (transfer full): the ids of @set as "a, b or c", for messages
 */
char *
cm_domain_describe_values (CmDomainSet set)
{
  const char * const *ids;
  GString *str;
  guint n;

  g_return_val_if_fail (set < CM_DOMAIN_N_SETS, NULL);

  ids = tables[set].ids;
  n = cm_domain_n_values (set);
  str = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (str, i + 1 == n ? _(" or ") : ", ");
      g_string_append (str, ids[i]);
    }

  return g_string_free (str, FALSE);
}

/**
 * cm_domain_is_pvi:
 * @organisation_kind: an organisation kind id
 *
 * Returns: %TRUE for the private, voluntary and independent kinds
 */
gboolean
cm_domain_is_pvi (const char *organisation_kind)
{
  return g_strcmp0 (organisation_kind, "private") == 0 ||
         g_strcmp0 (organisation_kind, "voluntary") == 0 ||
         g_strcmp0 (organisation_kind, "independent") == 0;
}
