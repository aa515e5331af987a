/* vertebro-drafts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crash safety. While a document has unsaved changes its draft is written
 * (atomically, mode 0600) to $XDG_STATE_HOME/vertebro/drafts as
 * ID.vertebro, ID random, with ID.vertebro.origin naming the document it
 * belongs to. The process that writes it holds an exclusive flock() on
 * ID.lock for as long as the draft is its own; the kernel lets go when the
 * process ends, however it ends. A draft whose lock can be taken was
 * orphaned by a crash or a kill, and is offered back at the next start;
 * whoever offers it holds the lock meanwhile, so no other instance offers
 * it too. Drafts are removed once their document is saved or its changes
 * are discarded.
 *
 * Not process ids: in a PID namespace (Flatpak runs every app in one) a
 * crashed session's id is soon another live process's, or ours, so its
 * draft was never offered and was overwritten; and on a home folder two
 * machines share, one machine took the other's live drafts for orphans.
 * flock() works across NFS clients (Linux emulates it with byte-range
 * locks there).
 */

#define G_LOG_DOMAIN "vertebro-drafts"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/types.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vertebro-drafts.h"
#include "vertebro-files.h"

/* The locks this process holds on its own drafts: path of the draft → fd. */
static GHashTable *
own_locks (void)
{
  static GHashTable *locks;

  if (locks == NULL)
    locks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return locks;
}

/* "DIR/ID.vertebro" → "DIR/ID.lock". */
static char *
lock_path (const char *draft_path)
{
  g_autofree char *stem = g_str_has_suffix (draft_path, ".vertebro")
                          ? g_strndup (draft_path, strlen (draft_path) - strlen (".vertebro"))
                          : g_strdup (draft_path);

  return g_strconcat (stem, ".lock", NULL);
}

/* Opens and locks @path without waiting; -1 when another process holds it
 * (or it cannot be opened). */
static int
take_lock (const char *path)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);

  if (fd < 0)
    return -1;
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

static char *
drafts_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "vertebro", "drafts", NULL);
}

void
vertebro_draft_free (VertebroDraft *draft)
{
  /* Offered and not taken on: the lock is let go, the draft stays. */
  if (draft->lock_fd >= 0)
    close (draft->lock_fd);
  g_free (draft->path);
  g_clear_object (&draft->origin);
  g_free (draft);
}

/**
 * vertebro_draft_new_path:
 *
 * A new draft of this process: a random name, and its lock taken, held
 * until vertebro_draft_remove() or vertebro_draft_release(). The folder is
 * made when needed.
 *
 * Returns: (transfer full): the path to write the draft to
 */
char *
vertebro_draft_new_path (void)
{
  g_autofree char *dir = drafts_dir ();

  /* A relative folder is refused when the draft is written. */
  if (!g_path_is_absolute (dir))
    return g_build_filename (dir, "draft.vertebro", NULL);
  g_mkdir_with_parents (dir, 0700);
  for (;;)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *name = g_strconcat (id, ".vertebro", NULL);
      char *path = g_build_filename (dir, name, NULL);
      g_autofree char *lock = lock_path (path);
      int fd = take_lock (lock);

      /* Should the folder not be writable, the draft's write says so. */
      if (fd < 0 && errno != EWOULDBLOCK)
        return path;
      if (fd >= 0)
        {
          g_hash_table_insert (own_locks (), g_strdup (path), GINT_TO_POINTER (fd));
          return path;
        }
      g_free (path);
    }
}

/**
 * vertebro_draft_release:
 * @path: a draft of this process
 *
 * Lets go of the draft's lock and keeps the draft: it is offered back at
 * the next start, as after a crash.
 */
void
vertebro_draft_release (const char *path)
{
  gpointer key, fd;

  /* Stolen, not removed: the lock's descriptor is closed here, and the
   * key freed with it. */
  if (g_hash_table_steal_extended (own_locks (), path, &key, &fd))
    {
      close (GPOINTER_TO_INT (fd));
      g_free (key);
    }
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

  /* HOME="" makes the state folder ".local/state": drafts would land in
   * whatever folder Vertebro was started from. */
  if (!g_path_is_absolute (dir))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   /* Translators: %s is a folder name such as “.local/state/vertebro/drafts”. */
                   _("the folder for drafts, “%s”, is not an absolute path (is HOME set?)"), dir);
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  /* The folder could not be made when the path was chosen: the lock is
   * taken now that it can be. */
  if (!g_hash_table_contains (own_locks (), path))
    {
      g_autofree char *lock = lock_path (path);
      int fd = take_lock (lock);

      if (fd >= 0)
        g_hash_table_insert (own_locks (), g_strdup (path), GINT_TO_POINTER (fd));
    }
  return vertebro_files_write_private_contents (origin_file, "draft", uri, -1, error) &&
         vertebro_files_write_private_contents (path, "draft", data, -1, error);
}

/* Removes the draft, its origin and its lock file; then lets go of the lock
 * if this process holds it. */
void
vertebro_draft_remove (const char *path)
{
  g_autofree char *origin_file = origin_path (path);
  g_autofree char *lock = lock_path (path);

  g_unlink (path);
  g_unlink (origin_file);
  g_unlink (lock);
  vertebro_draft_release (path);
}

/**
 * vertebro_draft_keep_aside:
 * @path: a draft that could not be recovered
 * @error: why it could not be moved
 *
 * Moves the draft, unchanged, with its origin, to
 * $XDG_STATE_HOME/vertebro/unreadable-drafts/, where it is never offered
 * again and never removed: what could not be recovered is not deleted.
 *
 * Returns: (transfer full) (nullable): where it is now, or %NULL (the
 *   draft is then where it was)
 */
char *
vertebro_draft_keep_aside (const char  *path,
                           GError     **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "vertebro", "unreadable-drafts", NULL);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *kept = g_build_filename (dir, base, NULL);
  g_autofree char *origin_file = origin_path (path);
  g_autofree char *kept_origin = origin_path (kept);
  g_autofree char *lock = lock_path (path);

  if (g_mkdir_with_parents (dir, 0700) != 0 || g_rename (path, kept) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return NULL;
    }
  g_rename (origin_file, kept_origin);
  g_unlink (lock);
  vertebro_draft_release (path);
  return g_steal_pointer (&kept);
}

/* The draft "DIR/ID.vertebro" that @name ("ID.vertebro",
 * "ID.vertebro.origin", or a temporary file "ID.vertebro.XXXXXX" of a
 * write) belongs to, or NULL when it is no name of ours. */
static char *
draft_of (const char *dir,
          const char *name)
{
  const char *end = strstr (name, ".vertebro");
  g_autofree char *id = NULL;

  if (end == NULL || end == name)
    return NULL;
  id = g_strndup (name, end - name);
  return g_strconcat (dir, G_DIR_SEPARATOR_S, id, ".vertebro", NULL);
}

/* Drafts no running process holds, oldest name first; the caller holds
 * their locks until it frees them. What else such a process left in the
 * drafts folder, which is Vertebro's own, is removed: the temporary file of
 * a draft write it was killed in, with the patient's data in it. */
GPtrArray *
vertebro_drafts_find_orphaned (void)
{
  g_autofree char *dir = drafts_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_draft_free);
  g_autoptr(GPtrArray) leftovers = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  /* Never a folder relative to wherever Vertebro was started. */
  if (!g_path_is_absolute (dir))
    g_clear_pointer (&d, g_dir_close);

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      VertebroDraft *draft;
      g_autofree char *uri = NULL;
      g_autofree char *origin_file = NULL;
      g_autofree char *path = NULL;
      g_autofree char *lock = NULL;
      int fd;

      if (g_str_has_suffix (name, ".lock") || g_str_has_suffix (name, ".vertebro.origin"))
        continue;
      if (!g_str_has_suffix (name, ".vertebro"))
        {
          g_autofree char *owner = draft_of (dir, name);

          if (owner != NULL)
            g_ptr_array_add (leftovers, g_strdup (name));
          continue;
        }

      path = g_build_filename (dir, name, NULL);
      lock = lock_path (path);
      /* Ours, or another live process's. */
      if (g_hash_table_contains (own_locks (), path) || (fd = take_lock (lock)) < 0)
        continue;

      draft = g_new0 (VertebroDraft, 1);
      draft->path = g_steal_pointer (&path);
      draft->lock_fd = fd;
      origin_file = origin_path (draft->path);
      if (g_file_get_contents (origin_file, &uri, NULL, NULL) && *uri != '\0')
        draft->origin = g_file_new_for_uri (uri);
      g_ptr_array_add (drafts, draft);
    }

  /* A temporary file is removed when its draft is one of these, or gone. */
  for (guint i = 0; i < leftovers->len; i++)
    {
      const char *leftover_name = g_ptr_array_index (leftovers, i);
      g_autofree char *draft_path = draft_of (dir, leftover_name);
      g_autofree char *leftover = g_build_filename (dir, leftover_name, NULL);
      gboolean orphaned = FALSE;

      for (guint j = 0; j < drafts->len && !orphaned; j++)
        orphaned = g_str_equal (((VertebroDraft *) g_ptr_array_index (drafts, j))->path, draft_path);
      if (!orphaned && !g_hash_table_contains (own_locks (), draft_path))
        {
          g_autofree char *lock = lock_path (draft_path);
          int fd = take_lock (lock);

          if (fd >= 0)
            {
              orphaned = TRUE;
              /* A lock file without its draft is left by nothing live. */
              if (!g_file_test (draft_path, G_FILE_TEST_EXISTS))
                g_unlink (lock);
              close (fd);
            }
        }
      if (orphaned && g_unlink (leftover) == 0)
        g_debug ("removed %s, left by a process killed while it wrote a draft", leftover);
    }
  return drafts;
}
