/* test-host-folder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folder the window shows for a document: its own folder, and for a
 * file handed over through the document portal in a Flatpak sandbox
 * ($XDG_RUNTIME_DIR/doc/ID/NAME) the folder on the host that the portal
 * records in user.document-portal.host-path, or none. No display needed.
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/xattr.h>
#include <glib/gstdio.h>

#include "vertebro-host-folder.h"
#include "vertebro-test-run.h"

static char *runtime_dir;

static char *
folder_of (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return vertebro_host_folder (file);
}

static char *
make_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, "{}", -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_ordinary (void)
{
  g_autofree char *dir = g_build_filename (runtime_dir, "..", "patients", NULL);
  g_autofree char *path = make_file (dir, "a.vertebro");
  g_autofree char *folder = folder_of (path);
  g_autoptr(GFile) expected = g_file_new_for_path (dir);
  g_autofree char *expected_name = g_file_get_parse_name (expected);

  g_assert_cmpstr (folder, ==, expected_name);
}

static void
test_portal (void)
{
  g_autofree char *dir = g_build_filename (runtime_dir, "doc", "1a2b3c4d", NULL);
  g_autofree char *path = make_file (dir, "a.vertebro");
  const char *host = "/home/radiologist/Patients/März/a.vertebro";
  g_autofree char *folder = NULL;

  /* Without the attribute: no folder rather than the portal's. */
  folder = folder_of (path);
  g_assert_null (folder);

  if (setxattr (path, "user.document-portal.host-path", host, strlen (host), 0) != 0)
    {
      g_autofree char *message = g_strdup_printf ("user extended attributes: %s", g_strerror (errno));
      g_test_skip (message);
      return;
    }
  folder = folder_of (path);
  g_assert_cmpstr (folder, ==, "/home/radiologist/Patients/März");
  g_clear_pointer (&folder, g_free);

  /* With the terminating NUL counted, as some portal versions do. */
  g_assert_cmpint (setxattr (path, "user.document-portal.host-path", host, strlen (host) + 1, 0), ==, 0);
  folder = folder_of (path);
  g_assert_cmpstr (folder, ==, "/home/radiologist/Patients/März");
  g_clear_pointer (&folder, g_free);

  /* Not an absolute path: ignored. */
  g_assert_cmpint (setxattr (path, "user.document-portal.host-path", "März", strlen ("März"), 0), ==, 0);
  folder = folder_of (path);
  g_assert_null (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *base = vertebro_test_make_tmp_dir ("vertebro-test-host-folder");
  int status;

  /* A runtime folder of its own, set before GLib reads it. */
  runtime_dir = g_build_filename (base, "run", NULL);
  g_assert_cmpint (g_mkdir (runtime_dir, 0700), ==, 0);
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/host-folder/ordinary", test_ordinary);
  g_test_add_func ("/host-folder/portal", test_portal);
  status = g_test_run ();

  vertebro_test_remove_tree (base);
  g_free (runtime_dir);
  return status;
}
