/* cm-test-ui.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cm-test-ui.h"

/* The context whose reads in worker threads cm_test_iterate() waits for. */
static GWeakRef watched;

/* Makes cm_test_iterate() wait for @context's reads too. */
void
cm_test_watch_context (CmContext *context)
{
  g_weak_ref_set (&watched, context);
}

static guint
n_reading (void)
{
  g_autoptr(CmContext) context = g_weak_ref_get (&watched);

  return context != NULL ? cm_context_get_n_reading (context) : 0;
}

/* Runs the main loop until nothing is pending and the watched context has
 * no read running in a worker thread: what the views show is then what
 * the database holds. */
void
cm_test_iterate (void)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (n_reading () == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits until @widget is on screen; fails the test after ten seconds. */
void
cm_test_wait_for_mapped (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (!gtk_widget_get_mapped (widget) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
  cm_test_iterate ();
}

/* The first toplevel window of @type, or %NULL. */
GtkWindow *
cm_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}
