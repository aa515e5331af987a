/* vertebro-host-folder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folder a document is in, as the user knows it. In a Flatpak sandbox
 * a file handed over by the file chooser or the file manager is seen
 * through the document portal, at $XDG_RUNTIME_DIR/doc/ID/NAME: a folder
 * that means nothing to the user. The portal records the file's real path
 * on the host in the extended attribute user.document-portal.host-path
 * (xdg-desktop-portal 1.17 and later); its folder is shown then, and no
 * folder at all when the portal does not say.
 */

#define G_LOG_DOMAIN "vertebro-host-folder"

#include "config.h"

#include <string.h>
#include <sys/types.h>
#if __has_include(<sys/xattr.h>)
# include <sys/xattr.h>
# define HAVE_XATTR 1
#endif

#include "vertebro-host-folder.h"

/* The file's host path as the document portal recorded it, or NULL. */
static char *
portal_host_path (const char *path)
{
#ifdef HAVE_XATTR
  char buffer[4096];
  ssize_t length = getxattr (path, "user.document-portal.host-path", buffer, sizeof buffer - 1);

  if (length <= 0)
    return NULL;
  /* Some versions count the terminating NUL, some do not. */
  buffer[length] = '\0';
  if (buffer[0] != '/' || strlen (buffer) < (size_t) length - 1)
    return NULL;
  return g_strdup (buffer);
#else
  (void) path;
  return NULL;
#endif
}

/**
 * vertebro_host_folder:
 * @file: a document
 *
 * Returns: (transfer full) (nullable): the display name of the folder
 * @file is in, on the host when it came through the document portal; NULL
 * when there is none to show.
 */
char *
vertebro_host_folder (GFile *file)
{
  g_autofree char *portal = g_build_filename (g_get_user_runtime_dir (), "doc", NULL);
  g_autoptr(GFile) portal_dir = g_file_new_for_path (portal);
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) host_file = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_has_prefix (file, portal_dir))
    {
      parent = g_file_get_parent (file);
      return parent != NULL ? g_file_get_parse_name (parent) : NULL;
    }

  host = portal_host_path (g_file_peek_path (file));
  if (host == NULL)
    return NULL;
  host_file = g_file_new_for_path (host);
  parent = g_file_get_parent (host_file);
  return parent != NULL ? g_file_get_parse_name (parent) : NULL;
}
