/* cm-money-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CM_TYPE_MONEY_ROW (cm_money_row_get_type ())

G_DECLARE_FINAL_TYPE (CmMoneyRow, cm_money_row, CM, MONEY_ROW, AdwEntryRow)

GtkWidget *cm_money_row_new                (void);
gint64     cm_money_row_get_pence          (CmMoneyRow *self);
void       cm_money_row_set_pence          (CmMoneyRow *self,
                                            gint64      pence);
gboolean   cm_money_row_get_valid          (CmMoneyRow *self);
gboolean   cm_money_row_get_allow_negative (CmMoneyRow *self);
void       cm_money_row_set_allow_negative (CmMoneyRow *self,
                                            gboolean    allow_negative);

G_END_DECLS
