/* vertebro-files.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a killed write leaves behind. Saves, drafts and PDF exports write a
 * temporary file of their own name beside the target, then rename it; a
 * process killed in between leaves it, with the patient's data in it. The
 * next write of the same kind removes such files.
 */

#define G_LOG_DOMAIN "vertebro-files"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "vertebro-files.h"

/**
 * vertebro_files_remove_stale:
 * @dir: a folder
 * @prefix: the start of the names; six characters of mkstemp() follow
 * @only_if: (nullable): removes only the files it says yes to
 * @what: what writes such files, for the debug message ("an interrupted save")
 *
 * Removes the regular files of this user in @dir named @prefix and six more
 * characters, %VERTEBRO_STALE_AFTER_SECONDS old or more. The names are the
 * app's own, so nothing else is ever removed.
 */
void
vertebro_files_remove_stale (const char         *dir,
                             const char         *prefix,
                             VertebroFileFilter  only_if,
                             const char         *what)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) || strlen (name) != strlen (prefix) + 6)
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == getuid () &&
          now - (gint64) st.st_mtime >= VERTEBRO_STALE_AFTER_SECONDS && (only_if == NULL || only_if (path)) &&
          g_unlink (path) == 0)
        g_debug ("removed %s, left by %s", path, what);
    }
}
