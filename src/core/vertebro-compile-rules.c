/* vertebro-compile-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compiles a rule set at build time (src/core/meson.build):
 *
 *   vertebro-compile-rules RULES.json IMAGE
 *
 * loads RULES.json with the loader every rule set goes through, and fails
 * the build with its message ("json.path: problem") if it refuses it;
 * otherwise writes what the loader made as an image
 * (vertebro-ruleset-image.c), which vertebro_ruleset_new_default() reads
 * at start. The image is read back and written again before it is kept:
 * if the two differ, the reader missed something the writer knows, and the
 * build fails.
 */

#define G_LOG_DOMAIN "vertebro-compile-rules"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "vertebro-ruleset-image.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(VertebroRuleset) rules = NULL;
  g_autoptr(VertebroRuleset) again = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) image_again = NULL;
  g_autoptr(GError) error = NULL;

  /* So that a refusal's quotation marks show as they are. */
  setlocale (LC_ALL, "");

  if (argc != 3)
    {
      g_printerr ("usage: vertebro-compile-rules RULES.json IMAGE\n");
      return 2;
    }

  source = g_file_new_for_commandline_arg (argv[1]);
  rules = vertebro_ruleset_new_from_file (source, &error);
  if (rules == NULL)
    {
      g_printerr ("vertebro-compile-rules: %s\n", error->message);
      return EXIT_FAILURE;
    }

  image = vertebro_ruleset_write_image (rules);
  again = vertebro_ruleset_new_from_image (image, &error);
  if (again == NULL)
    {
      g_printerr ("vertebro-compile-rules: %s: %s\n", argv[1], error->message);
      return EXIT_FAILURE;
    }
  image_again = vertebro_ruleset_write_image (again);
  if (!g_bytes_equal (image, image_again))
    {
      g_printerr ("vertebro-compile-rules: %s: the image read back differs from the image written\n", argv[1]);
      return EXIT_FAILURE;
    }

  if (!g_file_set_contents (argv[2], g_bytes_get_data (image, NULL), (gssize) g_bytes_get_size (image), &error))
    {
      g_printerr ("vertebro-compile-rules: %s\n", error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
