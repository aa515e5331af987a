/* floor-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The floor for the window: a bare libadwaita application built in the same
 * tree — an AdwApplication with an application id (so it registers on the
 * session bus as Vertebro does) and one AdwApplicationWindow with a header
 * bar and a label. With VERTEBRO_BENCH_FIRST_FRAME set it reports its first
 * painted frame exactly as src/app/vertebro-app-main.c does, and quits.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <adwaita.h>

/* Microseconds since the launch: VERTEBRO_BENCH_FIRST_FRAME holds the
 * launch time on g_get_monotonic_time()'s clock (bench/bench-run.c sets
 * it); any other value means "since the process started", read from
 * /proc/self/stat in clock ticks. */
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

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("Eligible");

  gtk_window_set_title (GTK_WINDOW (window), "Floor");
  /* Vertebro's default size (ui/vertebro-window.ui), so both paint as many pixels. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  if (g_getenv ("VERTEBRO_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.vertebro.BenchFloor",
                                                      G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
