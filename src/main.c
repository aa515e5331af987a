/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "vertebro-cli.h"

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("VERTEBRO_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* An uninstalled build has its catalogues in _build/po/LANG/LC_MESSAGES;
   * build-aux/dev run, `meson devenv` and the tests point
   * VERTEBRO_LOCALEDIR there. An installed vertebro uses LOCALEDIR. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return vertebro_cli_run (argc, argv);
}
