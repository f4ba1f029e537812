/* cm-domain.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The closed vocabularies of the domain (organisation kinds, sectors,
 * categories, statuses, funders…). Ids are what the
 * database, the CSV files and the command line use; labels are for people. */
typedef enum
{
  CM_DOMAIN_ORGANISATION_KIND,
  CM_DOMAIN_SECTOR,
  CM_DOMAIN_CATEGORY,
  CM_DOMAIN_COMMISSION_STATUS,
  CM_DOMAIN_FUNDER,
  CM_DOMAIN_RETURN_KIND,
  CM_DOMAIN_BOOKING_STATUS,
  CM_DOMAIN_TRANSACTION_KIND,
  CM_DOMAIN_N_SETS
} CmDomainSet;

const char * const *cm_domain_values          (CmDomainSet  set);
guint               cm_domain_n_values        (CmDomainSet  set);
gboolean            cm_domain_contains        (CmDomainSet  set,
                                               const char  *id);
const char         *cm_domain_lookup          (CmDomainSet  set,
                                               const char  *text);
const char         *cm_domain_label           (CmDomainSet  set,
                                               const char  *id);
char               *cm_domain_describe_values (CmDomainSet  set);
gboolean            cm_domain_is_pvi          (const char  *organisation_kind);

G_END_DECLS
