/* cm-debug-timings.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cm-debug-timings.h"

/*
 * COMMISSIONER_DEBUG=timings prints, on stderr, how long the application
 * took to show its first window and to settle, one figure a line:
 *
 *   timings: app-startup 95.0 ms
 *   timings: first-frame 412.3 ms
 *   timings: idle 903.0 ms
 *   timings: longest-stall 61.2 ms
 *   timings: startup-stall 305.9 ms
 *
 * Times count from the start of the process (from when this was attached,
 * with "timings: origin startup", where the start cannot be read). A
 * 10 ms timeout at high priority watches the main loop: how late it fires
 * is how long the loop was blocked. "idle" is when the loop last stalled
 * for more than STALL_US before QUIET_US without one, after the first
 * frame; "longest-stall" is the longest stall after the first frame and
 * "startup-stall" the longest before it. "app-startup" is when GTK was
 * ready and this was attached.
 *
 * COMMISSIONER_DEBUG=timings,quit-when-idle also quits once idle, so that
 * a script can time the start-up; GIVE_UP_S after the main loop first
 * runs, it prints what it has and quits anyway.
 *
 * COMMISSIONER_DEBUG=timings,stalls keeps watching after that and prints
 * every later stall over STALL_US as it ends, to time a page switch or a
 * wizard step by hand:
 *
 *   timings: stall 72.4 ms at 5310.2 ms
 */

#define TICK_MS   10
#define STALL_US  (50 * G_TIME_SPAN_MILLISECOND)
#define QUIET_US  (1 * G_TIME_SPAN_SECOND)
#define GIVE_UP_S 60

enum {
  DEBUG_TIMINGS        = 1 << 0,
  DEBUG_QUIT_WHEN_IDLE = 1 << 1,
  DEBUG_STALLS         = 1 << 2,
};

typedef struct
{
  GtkApplication *app;          /* unowned: it owns us */
  guint           flags;
  gint64          origin;       /* monotonic time of the process start */
  gint64          last_tick;    /* when the watch last fired */
  gint64          first_frame;  /* 0 until the first window has painted */
  gint64          last_stall;   /* end of the last stall after the first frame */
  gint64          longest_stall;
  gint64          startup_stall;
  guint           tick_id;
  guint           give_up_id;
  GtkWidget      *window;       /* weak */
  GdkFrameClock  *frame_clock;  /* weak */
  gulong          after_paint_id;
  gboolean        finished;
} CmDebugTimings;

static void
print_figure (const char *name,
              gint64      span_us)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  /* Always a decimal point, whatever the locale, for scripts. */
  g_ascii_formatd (number, sizeof number, "%.1f", span_us / 1000.0);
  fprintf (stderr, "timings: %s %s ms\n", name, number);
}

/* The monotonic time at which this process started, from the kernel's
 * start time (in clock ticks since boot), or @fallback. */
static gint64
process_start_time (gint64 fallback)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  struct timespec boot;
  const char *after_name;
  long ticks_per_second;
  guint64 start_ticks;
  gint64 now_boot;
  gint64 elapsed;

  if (!g_file_get_contents ("/proc/self/stat", &contents, NULL, NULL) ||
      (after_name = strrchr (contents, ')')) == NULL ||
      clock_gettime (CLOCK_BOOTTIME, &boot) != 0 ||
      (ticks_per_second = sysconf (_SC_CLK_TCK)) <= 0)
    return fallback;

  /* After the command name: field 3 (state) onwards; starttime is 22. */
  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 20)
    return fallback;

  start_ticks = g_ascii_strtoull (fields[19], NULL, 10);
  now_boot = (gint64) boot.tv_sec * G_USEC_PER_SEC + boot.tv_nsec / 1000;
  elapsed = now_boot - (gint64) (start_ticks * G_USEC_PER_SEC / (guint64) ticks_per_second);

  if (elapsed < 0 || elapsed > GIVE_UP_S * G_USEC_PER_SEC)
    return fallback;

  return g_get_monotonic_time () - elapsed;
}

static void
stop_watching_frames (CmDebugTimings *self)
{
  if (self->frame_clock != NULL)
    {
      g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
      g_object_remove_weak_pointer (G_OBJECT (self->frame_clock), (gpointer *) &self->frame_clock);
      self->frame_clock = NULL;
    }
  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->window, self);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
}

static void
print_stall (CmDebugTimings *self,
             gint64          late,
             gint64          now)
{
  char stall[G_ASCII_DTOSTR_BUF_SIZE];
  char at[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (stall, sizeof stall, "%.1f", late / 1000.0);
  g_ascii_formatd (at, sizeof at, "%.1f", (now - self->origin) / 1000.0);
  fprintf (stderr, "timings: stall %s ms at %s ms\n", stall, at);
}

static void
finish (CmDebugTimings *self,
        gboolean        gave_up)
{
  if (self->finished)
    return;

  self->finished = TRUE;
  if (!(self->flags & DEBUG_STALLS) || gave_up)
    g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->give_up_id, g_source_remove);
  stop_watching_frames (self);

  if (gave_up)
    fprintf (stderr, "timings: gave-up %d s\n", GIVE_UP_S);
  else
    print_figure ("idle", MAX (self->first_frame, self->last_stall) - self->origin);
  print_figure ("longest-stall", self->longest_stall);
  print_figure ("startup-stall", self->startup_stall);

  if (self->flags & DEBUG_QUIT_WHEN_IDLE)
    g_application_quit (G_APPLICATION (self->app));
}

static gboolean
give_up_cb (gpointer user_data)
{
  CmDebugTimings *self = user_data;

  self->give_up_id = 0;
  finish (self, TRUE);

  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (gpointer user_data)
{
  CmDebugTimings *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 late = now - self->last_tick - TICK_MS * G_TIME_SPAN_MILLISECOND;

  self->last_tick = now;

  /* The cap counts from when the main loop first runs, so that a long
   * block before it still gets its first frame measured. */
  if (self->give_up_id == 0)
    self->give_up_id = g_timeout_add_seconds (GIVE_UP_S, give_up_cb, self);

  if (self->first_frame == 0)
    {
      self->startup_stall = MAX (self->startup_stall, late);
      return G_SOURCE_CONTINUE;
    }

  if (self->finished)
    {
      /* Only with "stalls": each one as it ends. */
      if (late > STALL_US)
        print_stall (self, late, now);
      return G_SOURCE_CONTINUE;
    }

  if (late > STALL_US)
    self->last_stall = now;
  self->longest_stall = MAX (self->longest_stall, late);

  if (now - MAX (self->first_frame, self->last_stall) >= QUIET_US)
    {
      finish (self, FALSE);
      if (self->flags & DEBUG_STALLS)
        return G_SOURCE_CONTINUE;
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock  *frame_clock,
                CmDebugTimings *self)
{
  gint64 now = g_get_monotonic_time ();

  /* A stall that the first frame ends belongs to the start-up. */
  self->startup_stall = MAX (self->startup_stall,
                             now - self->last_tick - TICK_MS * G_TIME_SPAN_MILLISECOND);
  self->last_tick = now;
  self->first_frame = now;
  print_figure ("first-frame", now - self->origin);
  stop_watching_frames (self);
}

static void
window_realize_cb (GtkWidget      *window,
                   CmDebugTimings *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);

  if (frame_clock == NULL || self->frame_clock != NULL)
    return;

  self->frame_clock = frame_clock;
  g_object_add_weak_pointer (G_OBJECT (frame_clock), (gpointer *) &self->frame_clock);
  self->after_paint_id = g_signal_connect (frame_clock, "after-paint",
                                           G_CALLBACK (after_paint_cb), self);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 CmDebugTimings *self)
{
  /* The first window is the main one. */
  if (self->window != NULL || self->first_frame != 0 || self->finished)
    return;

  self->window = GTK_WIDGET (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);

  if (gtk_widget_get_realized (self->window))
    window_realize_cb (self->window, self);
  else
    g_signal_connect_after (window, "realize", G_CALLBACK (window_realize_cb), self);
}

static void
cm_debug_timings_free (gpointer data)
{
  CmDebugTimings *self = data;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->give_up_id, g_source_remove);
  stop_watching_frames (self);
  g_free (self);
}

/**
 * cm_debug_timings_attach:
 * @app: the application, before its first window is created
 *
 * Starts measuring the start-up of @app when `COMMISSIONER_DEBUG`
 * asks for `timings` (see the top of this file); otherwise does nothing.
 */
void
cm_debug_timings_attach (GtkApplication *app)
{
  static const GDebugKey keys[] = {
    { "timings", DEBUG_TIMINGS },
    { "quit-when-idle", DEBUG_QUIT_WHEN_IDLE },
    { "stalls", DEBUG_STALLS },
  };
  CmDebugTimings *self;
  guint flags;
  gint64 now;

  g_return_if_fail (GTK_IS_APPLICATION (app));

  flags = g_parse_debug_string (g_getenv ("COMMISSIONER_DEBUG"), keys, G_N_ELEMENTS (keys));
  if (!(flags & DEBUG_TIMINGS))
    return;

  now = g_get_monotonic_time ();

  self = g_new0 (CmDebugTimings, 1);
  self->app = app;
  self->flags = flags;
  self->origin = process_start_time (now);
  self->last_tick = now;

  if (self->origin == now)
    fprintf (stderr, "timings: origin startup\n");
  print_figure ("app-startup", now - self->origin);

  self->tick_id = g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, tick_cb, self, NULL);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), self);

  g_object_set_data_full (G_OBJECT (app), "cm-debug-timings", self, cm_debug_timings_free);
}
