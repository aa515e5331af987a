/* test-files.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one private, atomic write of the core (vertebro_files_write_private()),
 * which saves, PDF exports and drafts go through: the content arrives whole
 * with mode 0600, and a write that fails leaves the target as it was, no
 * temporary file behind, and an error that names the file.
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sys/stat.h>

#include "vertebro-files.h"
#include "vertebro-test-run.h"

/* g_ptr_array_sort() hands over pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir other than @keep, sorted and joined, for a message. */
static char *
others_in (const char *dir,
           const char *keep)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (keep == NULL || !g_str_equal (name, keep))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
assert_content (const char *path,
                const char *expected)
{
  g_autofree char *content = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &content, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (content, ==, expected);
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static void
test_contents (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-files");
  g_autofree char *path = g_build_filename (dir, "case.vertebro", NULL);
  g_autofree char *others = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (vertebro_files_write_private_contents (path, "draft", "{ \"first\": 1 }\n", -1, &error));
  g_assert_no_error (error);
  assert_content (path, "{ \"first\": 1 }\n");
  g_assert_cmpuint (mode_of (path), ==, 0600);

  /* A length: the string need not end there. */
  g_assert_true (vertebro_files_write_private_contents (path, "draft", "abcdef", 3, &error));
  assert_content (path, "abc");

  others = others_in (dir, "case.vertebro");
  g_assert_cmpstr (others, ==, "");
  vertebro_test_remove_tree (dir);
}

/* A file readable by others is replaced by one that is not: what decides
 * to keep a document's access is the caller's (the patient's save). */
static void
test_replaces_private (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-files");
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  g_assert_true (vertebro_files_write_private_contents (path, "export", "new", -1, &error));
  g_assert_no_error (error);
  assert_content (path, "new");
  g_assert_cmpuint (mode_of (path), ==, 0600);
  g_assert_cmpuint (vertebro_test_count_entries (dir), ==, 1);
  vertebro_test_remove_tree (dir);
}

typedef struct {
  const char *dir;
  guint       calls;
  gboolean    fail;
} Writer;

/* Writes half of something, checks what it writes into, then fails or
 * finishes. */
static gboolean
write_half (int        fd,
            gpointer   user_data,
            GError   **error)
{
  Writer *writer = user_data;
  g_autofree char *others = NULL;
  struct stat st;

  writer->calls++;
  g_assert_cmpint (vertebro_files_write_all (fd, "half", 4), ==, 0);

  /* While it is written, the content is in a file no one else can read,
   * in the target's folder, of a name that says what it is. */
  g_assert_cmpint (fstat (fd, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpuint (st.st_mode & 07777, ==, 0600);
  others = others_in (writer->dir, "case.vertebro");
  g_assert_true (g_str_has_prefix (others, ".case.vertebro.vertebro-save-"));
  g_assert_cmpuint (strlen (others), ==, strlen (".case.vertebro.vertebro-save-") + 6);

  if (writer->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "case.vertebro: the writer gave up");
      return FALSE;
    }
  return vertebro_files_write_all (fd, " and half", 9) == 0;
}

static void
test_failing_writer (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-files");
  g_autofree char *path = g_build_filename (dir, "case.vertebro", NULL);
  g_autofree char *others = NULL;
  g_autoptr(GError) error = NULL;
  Writer writer = { dir, 0, TRUE };

  g_assert_true (g_file_set_contents (path, "the old document", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);

  g_assert_false (vertebro_files_write_private (path, "save", NULL, write_half, &writer, &error));
  g_assert_cmpuint (writer.calls, ==, 1);
  /* The writer's own error, as it said it. */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpstr (error->message, ==, "case.vertebro: the writer gave up");
  g_clear_error (&error);

  /* The old document is there, whole and as it was, and nothing else. */
  assert_content (path, "the old document");
  g_assert_cmpuint (mode_of (path), ==, 0640);
  others = others_in (dir, "case.vertebro");
  g_assert_cmpstr (others, ==, "");

  /* The same write, not failing, replaces it. */
  writer.fail = FALSE;
  g_assert_true (vertebro_files_write_private (path, "save", NULL, write_half, &writer, &error));
  g_assert_no_error (error);
  assert_content (path, "half and half");
  g_assert_cmpuint (vertebro_test_count_entries (dir), ==, 1);
  vertebro_test_remove_tree (dir);
}

static gboolean
write_nothing (int        fd,
               gpointer   user_data,
               GError   **error)
{
  guint *calls = user_data;

  (*calls)++;
  return TRUE;
}

/* A file that cannot be written gives an error naming it (unless the caller
 * names it otherwise), and leaves nothing behind. */
static void
assert_refused (const char  *path,
                const char  *watched_dir,
                GIOErrorEnum code)
{
  g_autoptr(GError) error = NULL;
  guint before = vertebro_test_count_entries (watched_dir);
  guint calls = 0;

  g_assert_false (vertebro_files_write_private (path, "export", NULL, write_nothing, &calls, &error));
  g_assert_error (error, G_IO_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (calls, ==, 0);
  g_clear_error (&error);

  /* With a label, the message begins with it instead. */
  g_assert_false (vertebro_files_write_private (path, "export", "The PDF could not be written",
                                                write_nothing, &calls, &error));
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "The PDF could not be written: "));
  g_assert_null (strstr (error->message, path));
  g_assert_cmpuint (calls, ==, 0);

  g_assert_cmpuint (vertebro_test_count_entries (watched_dir), ==, before);
}

static void
test_no_folder (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-files");
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "out.pdf", NULL);

  assert_refused (path, dir, G_IO_ERROR_NOT_FOUND);
  vertebro_test_remove_tree (dir);
}

/* A "folder" that is a file: refused for root too. */
static void
test_folder_is_a_file (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-files");
  g_autofree char *file = g_build_filename (dir, "a-file", NULL);
  g_autofree char *path = g_build_filename (file, "out.pdf", NULL);

  g_assert_true (g_file_set_contents (file, "", -1, NULL));
  assert_refused (path, dir, G_IO_ERROR_NOT_DIRECTORY);
  vertebro_test_remove_tree (dir);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes into read-only folders");
      return;
    }
  dir = vertebro_test_make_tmp_dir ("vertebro-test-files");
  path = g_build_filename (dir, "out.pdf", NULL);
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  assert_refused (path, dir, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_chmod (dir, 0700);
  vertebro_test_remove_tree (dir);
}

/* A folder where the file should be is refused before anything is drawn or
 * written. */
static void
test_target_is_a_folder (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-files");
  g_autofree char *path = g_build_filename (dir, "a-folder.pdf", NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  assert_refused (path, dir, G_IO_ERROR_IS_DIRECTORY);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  vertebro_test_remove_tree (dir);
}

/* What a killed write of the same file and tag left, a minute old, goes;
 * a younger one may be a write under way, and another tag's is not ours
 * to remove. */
static void
test_stale (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-files");
  g_autofree char *path = g_build_filename (dir, "case.vertebro", NULL);
  g_autofree char *old = g_build_filename (dir, ".case.vertebro.vertebro-save-AbC123", NULL);
  g_autofree char *young = g_build_filename (dir, ".case.vertebro.vertebro-save-XyZ789", NULL);
  g_autofree char *other = g_build_filename (dir, ".case.vertebro.vertebro-draft-AbC123", NULL);
  g_autofree char *others = NULL;
  g_autoptr(GError) error = NULL;
  struct utimbuf long_ago = { 0 };

  long_ago.actime = long_ago.modtime = time (NULL) - 2 * VERTEBRO_STALE_AFTER_SECONDS;
  g_assert_true (g_file_set_contents (old, "killed", -1, NULL));
  g_assert_true (g_file_set_contents (young, "under way", -1, NULL));
  g_assert_true (g_file_set_contents (other, "a draft", -1, NULL));
  g_assert_cmpint (utime (old, &long_ago), ==, 0);
  g_assert_cmpint (utime (other, &long_ago), ==, 0);

  g_assert_true (vertebro_files_write_private_contents (path, "save", "new", -1, &error));
  g_assert_no_error (error);
  others = others_in (dir, "case.vertebro");
  g_assert_cmpstr (others, ==, ".case.vertebro.vertebro-draft-AbC123 .case.vertebro.vertebro-save-XyZ789");
  vertebro_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/files/write/contents", test_contents);
  g_test_add_func ("/files/write/replaces-private", test_replaces_private);
  g_test_add_func ("/files/write/failing-writer", test_failing_writer);
  g_test_add_func ("/files/refused/no-folder", test_no_folder);
  g_test_add_func ("/files/refused/folder-is-a-file", test_folder_is_a_file);
  g_test_add_func ("/files/refused/read-only-folder", test_read_only_folder);
  g_test_add_func ("/files/refused/target-is-a-folder", test_target_is_a_folder);
  g_test_add_func ("/files/stale", test_stale);

  return g_test_run ();
}
