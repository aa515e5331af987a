/* floor-worklist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The floor for `vertebro --worklist FOLDER`: a program built in the same
 * tree, with the same flags, that only lists FOLDER and parses each
 * *.vertebro file in it with json-glib, and prints how many it parsed.
 * Nothing a program reading every file of the folder could skip.
 */

#include "config.h"

#include <stdio.h>
#include <json-glib/json-glib.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint parsed = 0, refused = 0;

  if (argc != 2)
    {
      g_printerr ("usage: floor-worklist FOLDER\n");
      return 2;
    }
  if ((dir = g_dir_open (argv[1], 0, &error)) == NULL)
    {
      g_printerr ("floor-worklist: %s\n", error->message);
      return 1;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(JsonParser) parser = NULL;

      if (!g_str_has_suffix (name, ".vertebro"))
        continue;
      path = g_build_filename (argv[1], name, NULL);
      parser = json_parser_new ();
      if (json_parser_load_from_file (parser, path, NULL))
        parsed++;
      else
        refused++;
    }
  printf ("parsed=%u\nrefused=%u\n", parsed, refused);
  return fflush (stdout) == 0 ? 0 : 1;
}
