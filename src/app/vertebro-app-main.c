/* vertebro-app-main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's entry point in the "vertebro-app" module, which the
 * `vertebro` executable loads only when it opens a window.
 */

#include "config.h"

#include <gmodule.h>

#include "vertebro-application.h"
#include "vertebro-first-frame.h"
#include "vertebro-window.h"

G_MODULE_EXPORT int vertebro_app_main (int    argc,
                                       char **argv);

/* The benchmark's first frame (vertebro-first-frame.c): `vertebro FILE`
 * presents the window and loads FILE in the same main-loop turn, so the
 * first frame of the first Vertebro window already shows FILE's verdict. */
static void
bench_on_window_added (GtkApplication *app,
                       GtkWindow      *window)
{
  if (VERTEBRO_IS_WINDOW (window))
    vertebro_first_frame_report (GTK_WIDGET (window));
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
  if (vertebro_first_frame_wanted ())
    g_signal_connect (app, "window-added", G_CALLBACK (bench_on_window_added), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
