/* vertebro-app-main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's entry point in the "vertebro-app" module, which the
 * `vertebro` executable loads only when it opens a window.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <gmodule.h>

#include "vertebro-application.h"
#include "vertebro-window.h"

G_MODULE_EXPORT int vertebro_app_main (int    argc,
                                       char **argv);

/* ---- Benchmark hook ----
 *
 * `build-aux/dev bench` (bench/bench-run.c) measures the time from launch
 * to the first frame that shows a verdict. When VERTEBRO_BENCH_FIRST_FRAME
 * is set, the first painted frame of the first Vertebro window prints
 * "first_frame_us=N" on stdout — microseconds since the launch — and the
 * application quits. `vertebro FILE` presents the window and loads FILE in
 * the same main-loop turn, so that first frame already shows FILE's
 * verdict. The variable holds the launch time on
 * g_get_monotonic_time()'s clock; any other value (such as 1) means "since
 * the process started", read from /proc/self/stat (in clock ticks, so
 * coarser). bench/floor-window.c does the same for a bare window. Nothing
 * here runs unless the variable is set. */

static gint64
bench_since_launch (void)
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
bench_after_paint (GdkFrameClock *clock,
                   GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint, window);
  g_print ("first_frame_us=%" G_GINT64_FORMAT "\n", bench_since_launch ());
  fflush (stdout);
  g_application_quit (g_application_get_default ());
}

static void
bench_on_map (GtkWidget *window)
{
  g_signal_connect_after (gtk_widget_get_frame_clock (window), "after-paint",
                          G_CALLBACK (bench_after_paint), window);
}

static void
bench_on_window_added (GtkApplication *app,
                       GtkWindow      *window)
{
  if (VERTEBRO_IS_WINDOW (window))
    g_signal_connect (window, "map", G_CALLBACK (bench_on_map), NULL);
}

G_MODULE_EXPORT int
vertebro_app_main (int    argc,
                   char **argv)
{
  g_autoptr(VertebroApplication) app = NULL;
  GApplicationFlags flags = G_APPLICATION_DEFAULT_FLAGS;

  /* Tests run several instances side by side. */
  if (g_getenv ("VERTEBRO_NON_UNIQUE") != NULL)
    flags |= G_APPLICATION_NON_UNIQUE;

  app = vertebro_application_new (flags);
  if (g_getenv ("VERTEBRO_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (app, "window-added", G_CALLBACK (bench_on_window_added), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
