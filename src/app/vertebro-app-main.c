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

G_MODULE_EXPORT int vertebro_app_main (int    argc,
                                       char **argv);

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
  return g_application_run (G_APPLICATION (app), argc, argv);
}
