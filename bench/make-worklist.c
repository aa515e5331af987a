/* make-worklist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes COUNT patient files into FOLDER for the worklist's benchmark: the
 * examples in turn, each with its own name, identifier and planned date (one
 * in ten undated), so that the worklist has something to sort.
 *
 *   make-worklist EXAMPLES_DIR FOLDER COUNT
 */

#include "config.h"

#include <json-glib/json-glib.h>

static const char *examples[] = {
  "eligible-osteoporotic", "not-ready-clopidogrel-inr", "metastatic-review",
  "contraindicated-infection", "incomplete-draft",
};

int
main (int   argc,
      char *argv[])
{
  guint count;

  if (argc != 4 || (count = (guint) g_ascii_strtoull (argv[3], NULL, 10)) == 0)
    {
      g_printerr ("usage: make-worklist EXAMPLES_DIR FOLDER COUNT\n");
      return 2;
    }
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *file = g_strconcat (examples[i % G_N_ELEMENTS (examples)], ".vertebro", NULL);
      g_autofree char *path = g_build_filename (argv[1], file, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("Patient %05u", i);
      g_autofree char *identifier = g_strdup_printf ("MRN %07u", i);
      g_autofree char *planned = g_strdup_printf ("2026-%02u-%02u", 11 + i % 2, 1 + i % 28);
      g_autofree char *out_name = g_strdup_printf ("p%05u.vertebro", i);
      g_autofree char *out_path = g_build_filename (argv[2], out_name, NULL);
      JsonObject *root;

      if (!json_parser_load_from_file (parser, path, &error))
        g_error ("%s: %s", path, error->message);
      root = json_node_get_object (json_parser_get_root (parser));
      json_object_set_string_member (json_object_get_object_member (root, "patient"), "name", name);
      json_object_set_string_member (json_object_get_object_member (root, "patient"), "identifier", identifier);
      if (i % 10 == 9)
        json_object_set_null_member (json_object_get_object_member (root, "assessment"), "planned_date");
      else
        json_object_set_string_member (json_object_get_object_member (root, "assessment"), "planned_date", planned);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, json_parser_get_root (parser));
      if (!json_generator_to_file (generator, out_path, &error))
        g_error ("%s: %s", out_path, error->message);
    }
  return 0;
}
