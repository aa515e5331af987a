/* vertebro-drafts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crash safety. While a document has unsaved changes its draft is written
 * (atomically, mode 0600) to $XDG_STATE_HOME/vertebro/drafts as
 * PID-N.vertebro, with PID-N.origin naming the document it belongs to. A
 * draft whose process is gone was orphaned by a crash or a kill, and is
 * offered back at the next start. Drafts are removed once their document is
 * saved or its changes are discarded.
 */

#define G_LOG_DOMAIN "vertebro-drafts"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "vertebro-drafts.h"

static char *
drafts_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "vertebro", "drafts", NULL);
}

void
vertebro_draft_free (VertebroDraft *draft)
{
  g_free (draft->path);
  g_clear_object (&draft->origin);
  g_free (draft);
}

char *
vertebro_draft_new_path (void)
{
  static guint counter;
  g_autofree char *dir = drafts_dir ();
  g_autofree char *name = g_strdup_printf ("%d-%u.vertebro", (int) getpid (), ++counter);

  return g_build_filename (dir, name, NULL);
}

static char *
origin_path (const char *path)
{
  return g_strconcat (path, ".origin", NULL);
}

gboolean
vertebro_draft_write (const char       *path,
                      VertebroPatient  *patient,
                      GFile            *origin,
                      GError          **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *data = vertebro_patient_to_data (patient);
  g_autofree char *origin_file = origin_path (path);
  g_autofree char *uri = origin != NULL ? g_file_get_uri (origin) : g_strdup ("");

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents_full (origin_file, uri, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error) &&
         g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

void
vertebro_draft_remove (const char *path)
{
  g_autofree char *origin_file = origin_path (path);

  g_unlink (path);
  g_unlink (origin_file);
}

/* Drafts left by processes that no longer run, oldest name first. What
 * else such a process left in the drafts folder, which is Vertebro's own,
 * is removed: the temporary file of a draft write it was killed in, with
 * the patient's data in it. */
GPtrArray *
vertebro_drafts_find_orphaned (void)
{
  g_autofree char *dir = drafts_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_draft_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      VertebroDraft *draft;
      g_autofree char *uri = NULL;
      g_autofree char *origin_file = NULL;
      int pid;

      if (sscanf (name, "%d-", &pid) != 1 || pid <= 0)
        continue;
      if (pid == (int) getpid () || kill (pid, 0) == 0 || errno != ESRCH)
        continue;
      if (!g_str_has_suffix (name, ".vertebro"))
        {
          if (!g_str_has_suffix (name, ".vertebro.origin"))
            {
              g_autofree char *leftover = g_build_filename (dir, name, NULL);

              if (g_unlink (leftover) == 0)
                g_debug ("removed %s, left by a process killed while it wrote a draft", leftover);
            }
          continue;
        }

      draft = g_new0 (VertebroDraft, 1);
      draft->path = g_build_filename (dir, name, NULL);
      origin_file = origin_path (draft->path);
      if (g_file_get_contents (origin_file, &uri, NULL, NULL) && *uri != '\0')
        draft->origin = g_file_new_for_uri (uri);
      g_ptr_array_add (drafts, draft);
    }
  return drafts;
}
