/* replay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ordinary build's driver for a fuzz target: every file of the folders
 * given on the command line (the seeds, tests/data/bad and every input that
 * ever crashed a fuzzer, tests/fuzz/regressions/TARGET) is one test case,
 * run through the very LLVMFuzzerTestOneInput the fuzzer runs. A case passes
 * when the input is accepted or cleanly refused; a crash, a failed check or
 * a sanitizer or valgrind report fails it.
 */

#include "config.h"

#include "fuzz-common.h"

static void
replay_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const uint8_t *) contents, length), ==, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Adds one case per file of @dir, in name order; README files and hidden
 * files are not inputs. A folder that does not exist has no cases (a
 * target's regressions folder exists once something has crashed it). */
static void
add_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *base = g_path_get_basename (dir);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (name[0] == '.' || g_str_has_prefix (name, "README") || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/fuzz/%s/%s/%s", FUZZ_TARGET, base, file);

      g_test_add_data_func_full (test_path, g_build_filename (dir, file, NULL), replay_file, g_free);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    add_folder (argv[i]);

  return g_test_run ();
}
