/* floor-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The floor for the window: a bare libadwaita application built in the same
 * tree — an AdwApplication with an application id (so it registers on the
 * session bus as Vertebro does) and one AdwApplicationWindow with a header
 * bar and a label. With VERTEBRO_BENCH_FIRST_FRAME set it reports its first
 * painted frame and quits, through the very code Vertebro uses
 * (src/app/vertebro-first-frame.c, compiled in; nothing else of Vertebro's
 * is linked).
 */

#include "config.h"

#include <adwaita.h>

#include "vertebro-first-frame.h"

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
  vertebro_first_frame_report (window);
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
