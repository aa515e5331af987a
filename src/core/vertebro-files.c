/* vertebro-files.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files that hold patient data, written privately and atomically
 * (vertebro_files_write_private(), for saves, PDF exports and drafts), and
 * what a killed write leaves behind. Each write goes to a temporary file of
 * its own name beside the target, then renames it; a process killed in
 * between leaves it, with the patient's data in it. The next write of the
 * same kind removes such files.
 */

#define G_LOG_DOMAIN "vertebro-files"

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

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

/* ---- Writing a file privately and atomically ----
 *
 * One way to write a file that holds patient data, for saves, PDF exports
 * and drafts: a temporary file beside the target, "." NAME ".vertebro-"
 * TAG "-XXXXXX", created 0600 so that no one else can read it while it is
 * written; flushed to disk; renamed over the target; and the folder flushed
 * so that the rename itself survives a power cut. The target is always
 * either the complete old file or the complete new one.
 */

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path,
                 const char  *label)
{
  g_autofree char *display = label == NULL ? g_filename_display_name (path) : NULL;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: what failed, then why, as in "The PDF could
                * not be written: No space left on device". */
               C_("error", "%s: %s"), label != NULL ? label : display, g_strerror (saved_errno));
  return FALSE;
}

/**
 * vertebro_files_write_all:
 * @fd: a file open for writing
 * @data: what to write
 * @length: how many bytes of @data
 *
 * Writes all of @data, however many write() calls it takes.
 *
 * Returns: 0, or the errno of the write that failed
 */
int
vertebro_files_write_all (int         fd,
                          const void *data,
                          gsize       length)
{
  const char *p = data;

  while (length > 0)
    {
      ssize_t written = write (fd, p, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return written < 0 ? errno : EIO;
      p += written;
      length -= (gsize) written;
    }
  return 0;
}

/**
 * vertebro_files_write_private:
 * @path: the file to write; a symbolic link there is replaced, not followed
 * @tag: names the temporary file, ".NAME.vertebro-TAG-XXXXXX", and what
 *   left it ("save", "export", "draft")
 * @label: (nullable): how the error message names what failed, as in "The
 *   PDF could not be written"; %NULL for @path's display name
 * @writer: writes the content to the temporary file
 * @user_data: for @writer
 * @error: where to say why @path could not be written
 *
 * Writes @path atomically, and privately: @writer writes the content to a
 * temporary file beside @path, created with mode 0600 (which @writer may
 * widen once the content is complete, as a save keeps a shared document's
 * mode); the file is then flushed to disk and renamed over @path, and the
 * folder flushed. On any failure the temporary file is removed and @path is left
 * as it was. Temporary files of the same @path and @tag that a killed
 * process left behind (%VERTEBRO_STALE_AFTER_SECONDS old or more) are
 * removed first.
 *
 * The error's message is @label (or @path's display name), a colon and the
 * reason; an error of @writer is passed on as it is, and should name the
 * file as @label does. A folder at @path is refused before anything is
 * written.
 *
 * Returns: whether @path was written
 */
gboolean
vertebro_files_write_private (const char              *path,
                              const char              *tag,
                              const char              *label,
                              VertebroFilesWriteFunc   writer,
                              gpointer                 user_data,
                              GError                 **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *template = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *what = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd, dir_fd, saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The rename would refuse it too, but only after the whole content. */
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return set_errno_error (error, EISDIR, path, label);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  prefix = g_strconcat (".", base, ".vertebro-", tag, "-", NULL);
  what = g_strconcat ("an interrupted ", tag, NULL);
  vertebro_files_remove_stale (dir, prefix, NULL, what);

  template = g_strconcat (prefix, "XXXXXX", NULL);
  tmp = g_build_filename (dir, template, NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, errno, path, label);

  if (!writer (fd, user_data, &local_error))
    {
      close (fd);
      g_unlink (tmp);
      if (local_error == NULL)
        {
          g_critical ("the writer of %s failed without saying why", path);
          return set_errno_error (error, EIO, path, label);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      goto failed;
    }
  if (close (fd) != 0)
    {
      saved_errno = errno;
      goto failed;
    }
  if (g_rename (tmp, path) != 0)
    {
      saved_errno = errno;
      goto failed;
    }

  /* The rename itself reaches the disk with the folder. */
  dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      if (fsync (dir_fd) != 0)
        g_debug ("could not flush the folder of %s: %s", path, g_strerror (errno));
      close (dir_fd);
    }
  return TRUE;

failed:
  g_unlink (tmp);
  return set_errno_error (error, saved_errno, path, label);
}

typedef struct {
  const char *contents;
  gsize       length;
  const char *path;
} Contents;

static gboolean
write_contents (int        fd,
                gpointer   user_data,
                GError   **error)
{
  Contents *c = user_data;
  int saved_errno = vertebro_files_write_all (fd, c->contents, c->length);

  if (saved_errno != 0)
    return set_errno_error (error, saved_errno, c->path, NULL);
  return TRUE;
}

/**
 * vertebro_files_write_private_contents:
 * @path: the file to write
 * @tag: as vertebro_files_write_private() has it
 * @contents: what to write
 * @length: its length, or -1 when @contents ends with a NUL
 * @error: where to say why @path could not be written; the message names it
 *
 * vertebro_files_write_private() of a string: @path holds @contents, mode
 * 0600, or is left as it was.
 *
 * Returns: whether @path was written
 */
gboolean
vertebro_files_write_private_contents (const char  *path,
                                       const char  *tag,
                                       const char  *contents,
                                       gssize       length,
                                       GError     **error)
{
  Contents c = { contents, 0, path };

  g_return_val_if_fail (contents != NULL, FALSE);

  c.length = length < 0 ? strlen (contents) : (gsize) length;
  return vertebro_files_write_private (path, tag, NULL, write_contents, &c, error);
}
