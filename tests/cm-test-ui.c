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

/* The first widget of @type in @root's tree, @root included, or %NULL. */
GtkWidget *
cm_test_find_widget (GtkWidget *root,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cm_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The widget whose id in its template or builder file is @name, or %NULL. */
GtkWidget *
cm_test_find_widget_named (GtkWidget  *root,
                           const char *name)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cm_test_find_widget_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
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

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     modifiers)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    return (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
            gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers);

  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return (trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, modifiers) ||
            trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, modifiers));

  return FALSE;
}

/* Runs @widget's local shortcut controllers of @phase on the key. */
static GtkShortcut *
run_shortcuts (GtkWidget           *widget,
               GtkPropagationPhase  phase,
               guint                keyval,
               GdkModifierType      modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      GListModel *shortcuts;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != phase ||
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) != GTK_SHORTCUT_SCOPE_LOCAL)
        continue;

      shortcuts = G_LIST_MODEL (controller);
      for (guint j = 0; j < g_list_model_get_n_items (shortcuts); j++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (shortcuts, j);
          GtkShortcut *shortcut;

          if (!GTK_IS_SHORTCUT (item))
            continue;

          shortcut = GTK_SHORTCUT (item);
          if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, modifiers) &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                            GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return g_object_ref (shortcut);
        }
    }

  return NULL;
}

/**
 * cm_test_press_key:
 * @focus: the widget with the focus
 * @keyval: the key pressed
 * @modifiers: the modifiers held
 * @out_owner: (out) (optional): the widget whose shortcut took the key
 *
 * What pressing a key while @focus has the focus does through the
 * shortcuts of @focus and the widgets around it, in the order GTK runs
 * them: capture phase from the window down to @focus, then bubble phase
 * back up. GTK 4 has no public way to make key events.
 *
 * Returns: (transfer full) (nullable): the shortcut that took the key
 */
GtkShortcut *
cm_test_press_key (GtkWidget        *focus,
                   guint             keyval,
                   GdkModifierType   modifiers,
                   GtkWidget       **out_owner)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  GtkShortcut *shortcut = NULL;
  GtkWidget *owner = NULL;

  for (GtkWidget *widget = focus; widget != NULL; widget = gtk_widget_get_parent (widget))
    g_ptr_array_insert (path, 0, widget);

  for (guint i = 0; i < path->len && shortcut == NULL; i++)
    {
      owner = g_ptr_array_index (path, i);
      shortcut = run_shortcuts (owner, GTK_PHASE_CAPTURE, keyval, modifiers);
    }

  if (shortcut == NULL)
    {
      owner = focus;
      shortcut = run_shortcuts (owner, GTK_PHASE_TARGET, keyval, modifiers);
    }

  for (guint i = path->len; i > 0 && shortcut == NULL; i--)
    {
      owner = g_ptr_array_index (path, i - 1);
      shortcut = run_shortcuts (owner, GTK_PHASE_BUBBLE, keyval, modifiers);
    }

  if (out_owner != NULL)
    *out_owner = shortcut != NULL ? owner : NULL;

  cm_test_iterate ();
  return shortcut;
}
