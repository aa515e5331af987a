/* vertebro-first-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The benchmark hook for the first frame. `build-aux/dev bench`
 * (bench/bench-run.c) measures the time from launch to the first frame
 * that shows a verdict. When VERTEBRO_BENCH_FIRST_FRAME is set, the first
 * painted frame of a window given to vertebro_first_frame_report() prints
 * "first_frame_us=N" on stdout — microseconds since the launch — and the
 * application quits. The variable holds the launch time on
 * g_get_monotonic_time()'s clock; any other value (such as 1) means "since
 * the process started", read from /proc/self/stat (in clock ticks, so
 * coarser).
 *
 * Vertebro (vertebro-app-main.c) and its floor, a bare libadwaita window
 * (bench/floor-window.c), are measured by this same file: the floor
 * compiles it in and links nothing else of Vertebro's. Nothing here runs
 * unless the variable is set.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vertebro-first-frame.h"

gboolean
vertebro_first_frame_wanted (void)
{
  return g_getenv ("VERTEBRO_BENCH_FIRST_FRAME") != NULL;
}

static gint64
since_launch (void)
{
  const char *value = g_getenv ("VERTEBRO_BENCH_FIRST_FRAME");
  g_autofree char *stat = NULL;
  const char *p;
  char *end = NULL;
  gint64 start = g_ascii_strtoll (value, &end, 10);
  unsigned long long ticks = 0;
  struct timespec boot;

  if (end != value && *end == '\0' && start > 1)
    return g_get_monotonic_time () - start;

  /* Field 22, after the command name in parentheses (which may hold spaces). */
  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) || (p = strrchr (stat, ')')) == NULL)
    return -1;
  for (int field = 2; field < 22 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL || sscanf (p + 1, "%llu", &ticks) != 1)
    return -1;
  clock_gettime (CLOCK_BOOTTIME, &boot);
  return (gint64) boot.tv_sec * G_USEC_PER_SEC + boot.tv_nsec / 1000 -
         (gint64) (ticks * G_USEC_PER_SEC / (unsigned long long) sysconf (_SC_CLK_TCK));
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  g_print ("first_frame_us=%" G_GINT64_FORMAT "\n", since_launch ());
  fflush (stdout);
  g_application_quit (g_application_get_default ());
}

static void
on_map (GtkWidget *window)
{
  g_signal_connect_after (gtk_widget_get_frame_clock (window), "after-paint",
                          G_CALLBACK (on_after_paint), window);
}

/**
 * vertebro_first_frame_report:
 * @window: a window not yet mapped
 *
 * When VERTEBRO_BENCH_FIRST_FRAME is set, reports @window's first painted
 * frame and quits the application; otherwise does nothing.
 */
void
vertebro_first_frame_report (GtkWidget *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (vertebro_first_frame_wanted ())
    g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
}
