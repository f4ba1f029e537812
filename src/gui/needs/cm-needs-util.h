/* cm-needs-util.h
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cm-context.h"
#include "cm-wizard-step.h"

#include "cm-needs-item.h"

G_BEGIN_DECLS

/* Small helpers the wizard's steps share for their tables. */

void                 cm_needs_set_figure        (GtkLabel      *label,
                                                 gint64         value);
GtkListItemFactory  *cm_needs_dropdown_list_factory_new (void);

/* Whether the steps may change the cycle: the database is writable and
 * the cycle is not signed off (docs/figures.md, "Cycle sign-off"). */
gboolean             cm_needs_ui_cycle_writable  (CmContext     *context,
                                                  int            year,
                                                  int            half);

/* Table cells over CmNeedsItem rows that follow the row's changes: set
 * the cell up with cm_needs_cell_prepare() in "setup", and give the
 * factory cm_needs_cell_bind_cb() / cm_needs_cell_unbind_cb(). */
typedef void (*CmNeedsCellUpdate) (GtkWidget   *cell,
                                   CmNeedsItem *item);

void                 cm_needs_cell_prepare      (GtkWidget         *cell,
                                                 GtkListItem       *list_item,
                                                 CmNeedsCellUpdate  update);
CmNeedsItem         *cm_needs_cell_get_item     (GtkWidget         *cell);
void                 cm_needs_cell_bind_cb      (GtkSignalListItemFactory *factory,
                                                 GtkListItem              *list_item,
                                                 gpointer                  user_data);
void                 cm_needs_cell_unbind_cb    (GtkSignalListItemFactory *factory,
                                                 GtkListItem              *list_item,
                                                 gpointer                  user_data);
GtkColumnViewColumn *cm_needs_add_cell_column   (GtkColumnView            *view,
                                                 const char               *title,
                                                 GCallback                 setup,
                                                 gpointer                  user_data,
                                                 gboolean                  expand);
GtkColumnViewColumn *cm_needs_add_label_column  (GtkColumnView            *view,
                                                 const char               *title,
                                                 CmNeedsCellUpdate         update,
                                                 int                       width_chars,
                                                 gboolean                  expand);

/* Makes a step's rows (of CmNeedsItem) from a cycle's analysis, in a
 * worker thread. */
typedef GPtrArray *(*CmNeedsPrepareItems) (CmNeedsAnalysis *analysis);

/* Shows a cycle's analysis in a wizard step, with the rows prepared. */
typedef void (*CmNeedsShowAnalysis) (CmWizardStep    *step,
                                     CmNeedsAnalysis *analysis,
                                     GPtrArray       *items);

GPtrArray           *cm_needs_items_for_lines      (CmNeedsAnalysis     *analysis);
void                 cm_needs_step_read_analysis   (CmWizardStep        *step,
                                                    CmContext           *context,
                                                    int                  year,
                                                    int                  half,
                                                    GCancellable       **reading,
                                                    CmNeedsPrepareItems  prepare,
                                                    CmNeedsShowAnalysis  show);

/* Called with the position among the choices of what was chosen. */
typedef void (*CmNeedsChoiceChosen) (GtkWidget *button,
                                     guint      position,
                                     gpointer   user_data);

GtkWidget           *cm_needs_choice_button_new      (GListModel          *choices,
                                                      int                  width_chars,
                                                      gboolean             searchable,
                                                      const char          *accessible_label,
                                                      CmNeedsChoiceChosen  chosen,
                                                      gpointer             user_data);
void                 cm_needs_choice_button_set_text (GtkWidget           *button,
                                                      const char          *text);

G_END_DECLS
