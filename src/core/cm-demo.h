/* cm-demo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cm-db.h"

G_BEGIN_DECLS

#define CM_DEMO_ERROR (cm_demo_error_quark ())

typedef enum
{
  CM_DEMO_ERROR_NOT_EMPTY,
} CmDemoError;

GQuark   cm_demo_error_quark (void);
gboolean cm_demo_load        (CmDb    *db,
                              GError **error);

G_END_DECLS
