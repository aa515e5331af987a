/* floor-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The floor for `vertebro --evaluate FILE --format json`: a program built in
 * the same tree, with the same flags, that only loads FILE with json-glib
 * and prints it. Nothing a JSON-printing GLib program could skip.
 */

#include "config.h"

#include <stdio.h>
#include <json-glib/json-glib.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: floor-json FILE\n");
      return 2;
    }
  if (!json_parser_load_from_file (parser, argv[1], &error))
    {
      g_printerr ("floor-json: %s: %s\n", argv[1], error->message);
      return 1;
    }
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, json_parser_get_root (parser));
  data = json_generator_to_data (generator, NULL);
  fputs (data, stdout);
  fputc ('\n', stdout);
  return fflush (stdout) == 0 ? 0 : 1;
}
