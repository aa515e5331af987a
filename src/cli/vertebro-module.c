/* vertebro-module.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts of Vertebro that need GTK (the window) or cairo and pango (the
 * PDF) are loadable modules, opened only when they are used. Merely linking
 * GTK makes a process start several times slower, and `vertebro --evaluate`
 * must start as fast as a program that only reads JSON.
 *
 * A module is looked for beside the executable first (the build tree:
 * _build/src/SUBDIR/NAME.so next to _build/src/vertebro), then in the
 * installed module folder: VERTEBRO_MODULE_DIR from the environment if it is
 * set, else the folder compiled in (<prefix>/<libdir>/vertebro). The
 * variable is for running an installed tree that is not at its prefix, such
 * as `meson install --destdir` puts in a temporary folder for the tests
 * (tests/test-install-tree.sh), like VERTEBRO_LOCALEDIR for the catalogues.
 */

#define G_LOG_DOMAIN "vertebro-module"

#include "config.h"

#include <gio/gio.h>
#include <gmodule.h>
#include <glib/gi18n.h>

#include "vertebro-module.h"

static char *
executable_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL ? g_path_get_dirname (exe) : NULL;
}

/**
 * vertebro_module_lookup:
 * @subdir: the module's folder in the build tree ("app", "report")
 * @name: the module's name, without "lib" or ".so"
 * @symbol: the function to find in it
 * @error: where to put why it could not be loaded
 *
 * Opens the module (once; it stays loaded) and finds @symbol in it.
 *
 * Returns: (nullable): the symbol's address
 */
gpointer
vertebro_module_lookup (const char  *subdir,
                        const char  *name,
                        const char  *symbol,
                        GError     **error)
{
  g_autofree char *exe_dir = executable_dir ();
  g_autofree char *file = g_strconcat (name, ".so", NULL);
  g_autofree char *beside = exe_dir != NULL ? g_build_filename (exe_dir, subdir, file, NULL) : NULL;
  const char *module_dir = g_getenv ("VERTEBRO_MODULE_DIR");
  g_autofree char *installed = g_build_filename (module_dir != NULL && module_dir[0] != '\0' ? module_dir
                                                                                           : VERTEBRO_MODULE_DIR,
                                                 file, NULL);
  const char *path = beside != NULL && g_file_test (beside, G_FILE_TEST_IS_REGULAR) ? beside : installed;
  GModule *module;
  gpointer address = NULL;

  module = g_module_open (path, G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is a technical error from the system. */
                   _("A part of Vertebro could not be loaded: %s"), g_module_error ());
      return NULL;
    }
  if (!g_module_symbol (module, symbol, &address) || address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("A part of Vertebro could not be loaded: %s"), g_module_error ());
      g_module_close (module);
      return NULL;
    }
  /* Modules are never unloaded: GTK and its types cannot be. */
  g_module_make_resident (module);
  return address;
}
