/* cm-workforce-edit.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cm-competency.h"
#include "cm-db.h"

G_BEGIN_DECLS

/*
 * Editing the workforce by hand (the needs wizard's Workforce step):
 * organisations and staff groups one at a time, with the same rules the
 * CSV import applies. Every function is one statement or one transaction.
 */

#define CM_WORKFORCE_EDIT_ERROR (cm_workforce_edit_error_quark ())

typedef enum
{
  CM_WORKFORCE_EDIT_ERROR_INVALID,    /* a value out of its range or vocabulary */
  CM_WORKFORCE_EDIT_ERROR_NOT_FOUND,  /* an organisation or staff group that does not exist */
  CM_WORKFORCE_EDIT_ERROR_DUPLICATE,  /* the name is taken by another row */
  CM_WORKFORCE_EDIT_ERROR_IN_USE,     /* an organisation that staff groups or learners still belong to */
} CmWorkforceEditError;

/* The largest headcount one staff group may have. */
#define CM_WORKFORCE_MAX_HEADCOUNT G_GINT64_CONSTANT (1000000)

/**
 * CmSectorTotal:
 * @sector: the sector id, such as "early-years"
 * @n_staff_groups: the staff groups in the sector
 * @headcount: their headcount
 *
 * The workforce of one sector. Free with cm_sector_total_free().
 */
typedef struct
{
  char   *sector;
  guint   n_staff_groups;
  gint64  headcount;
} CmSectorTotal;

/* What cm_workforce_delete_staff_group() removed, so that Undo can put it
 * back: the staff group, its requirement lines and its learners' links. */
typedef struct _CmStaffGroupBackup CmStaffGroupBackup;

GQuark              cm_workforce_edit_error_quark           (void);

/* Organisations */

/* Inserts (@id 0) or updates organisation @id. @name is trimmed and must
 * not be empty or taken (CM_WORKFORCE_EDIT_ERROR_DUPLICATE); @kind is a
 * CM_DOMAIN_ORGANISATION_KIND id. @out_id (optional) gets the row's id. */
gboolean            cm_workforce_save_organisation          (CmDb                     *db,
                                                             gint64                    id,
                                                             const char               *name,
                                                             const char               *kind,
                                                             gint64                   *out_id,
                                                             GError                  **error);
/* Deletes an organisation nobody belongs to; CM_WORKFORCE_EDIT_ERROR_IN_USE
 * while staff groups or learners still name it. */
gboolean            cm_workforce_delete_organisation        (CmDb                     *db,
                                                             gint64                    id,
                                                             GError                  **error);
/* @base, or "@base 2", "@base 3"… whichever no organisation has. */
char               *cm_workforce_unique_organisation_name   (CmDb                     *db,
                                                             const char               *base,
                                                             GError                  **error);

/* Staff groups */

/* Inserts (@id 0) or updates staff group @id: @name trimmed, not empty,
 * not taken; @organisation_id must exist; @sector a CM_DOMAIN_SECTOR id;
 * @headcount 0..CM_WORKFORCE_MAX_HEADCOUNT; @turnover_bp 0..10000. */
gboolean            cm_workforce_save_staff_group           (CmDb                     *db,
                                                             gint64                    id,
                                                             const char               *name,
                                                             gint64                    organisation_id,
                                                             const char               *sector,
                                                             gint64                    headcount,
                                                             gint64                    turnover_bp,
                                                             gint64                   *out_id,
                                                             GError                  **error);
/* Deletes staff group @id with its requirement lines (its learners stay,
 * without a staff group), in one transaction. Returns what was removed,
 * for cm_workforce_restore_staff_group(); NULL on error. A staff group
 * with lines in a signed-off cycle is refused (CM_NEEDS_ERROR_CLOSED). */
CmStaffGroupBackup *cm_workforce_delete_staff_group         (CmDb                     *db,
                                                             gint64                    id,
                                                             GError                  **error);
/* Puts back, with the same ids, what @backup holds, in one transaction.
 * Fails, writing nothing, if the name or id was taken meanwhile, the
 * organisation is gone or one of its cycles was signed off. */
gboolean            cm_workforce_restore_staff_group        (CmDb                     *db,
                                                             const CmStaffGroupBackup *backup,
                                                             GError                  **error);
/* The name of the staff group @backup holds. */
const char         *cm_staff_group_backup_get_name          (const CmStaffGroupBackup *backup);
/* The number of requirement lines @backup holds. */
guint               cm_staff_group_backup_get_n_requirements (const CmStaffGroupBackup *backup);
void                cm_staff_group_backup_free              (CmStaffGroupBackup       *backup);
/* @base, or "@base 2", "@base 3"… whichever no staff group has. */
char               *cm_workforce_unique_staff_group_name    (CmDb                     *db,
                                                             const char               *base,
                                                             GError                  **error);

/* Totals and lists */

/* (element-type CmSectorTotal): one entry per sector that has staff
 * groups, in the order of the sector vocabulary. */
GPtrArray          *cm_workforce_totals_by_sector           (CmDb                     *db,
                                                             GError                  **error);
void                cm_sector_total_free                    (CmSectorTotal            *total);
/* Every competency of the catalogue, by code: a store of #CmCompetency. */
GListStore         *cm_workforce_list_competencies          (CmDb                     *db,
                                                             GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmStaffGroupBackup, cm_staff_group_backup_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmSectorTotal, cm_sector_total_free)

G_END_DECLS
