/* vertebro-patient-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A patient read from a file and saved to one. The format itself, read and
 * written, is vertebro-patient.c's; this file is about the file: its size
 * and kind before it is read, and a save that never leaves the document
 * half written (vertebro_files_write_private()), that writes through a
 * symbolic link, keeps a shared document's group and mode, and does not
 * replace a read-only document unless told to.
 */

#define G_LOG_DOMAIN "vertebro-patient"

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vertebro-files.h"
#include "vertebro-patient.h"

/* ---- Reading ---- */

static char *
display_name (GFile *file)
{
  const char *path = g_file_peek_path (file);

  return path != NULL ? g_strdup (path) : g_file_get_parse_name (file);
}

static GBytes *
refuse_type (gboolean   folder,
             GError   **error)
{
  g_set_error_literal (error, VERTEBRO_PATIENT_ERROR, VERTEBRO_PATIENT_ERROR_NOT_READABLE,
                       folder ? _("is a folder, not a patient file") : _("is not a regular file"));
  return NULL;
}

static GBytes *
refuse_size (GError **error)
{
  g_set_error (error, VERTEBRO_PATIENT_ERROR, VERTEBRO_PATIENT_ERROR_NOT_READABLE,
               /* Translators: follows a file name and a colon; %d is the largest size allowed,
                * in mebibytes. */
               _("is too large for a patient file (more than %d MiB)"),
               VERTEBRO_PATIENT_MAX_BYTES / (1024 * 1024));
  return NULL;
}

static char *
refuse_errno (int       saved_errno,
              GError  **error)
{
  /* Translators: why a file could not be read; %s is the system's reason. */
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), _("cannot be read: %s"),
               g_strerror (saved_errno));
  return NULL;
}

/**
 * vertebro_patient_read_file:
 * @path: a local file, in the file system's encoding
 * @length: (out): the length of what was read
 * @error: why it was refused: it cannot be read, it is a folder or not a
 *   regular file, or it is larger than %VERTEBRO_PATIENT_MAX_BYTES
 *
 * Reads a patient file with the system's calls, for the command line and
 * the worklist: what GIO does besides cost the command line a sixth of its
 * instructions (speed-profile.md). Opened without blocking, so that a FIFO
 * is refused rather than waited on; read to its end, so that a file that
 * grew meanwhile is read whole or refused as too large.
 *
 * Returns: (transfer full) (nullable): the contents, with a NUL after them
 */
char *
vertebro_patient_read_file (const char  *path,
                            gsize       *length,
                            GError     **error)
{
  g_autofree char *buffer = NULL;
  gsize n_read = 0, room;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0);
  if (fd < 0)
    return refuse_errno (errno, error);
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      return refuse_errno (saved, error);
    }
  if (!S_ISREG (st.st_mode) || st.st_size > VERTEBRO_PATIENT_MAX_BYTES)
    {
      close (fd);
      if (!S_ISREG (st.st_mode))
        refuse_type (S_ISDIR (st.st_mode), error);
      else
        refuse_size (error);
      return NULL;
    }

  /* One byte more than the size, to see a file that grew meanwhile. */
  room = (gsize) st.st_size + 1;
  buffer = g_malloc (room + 1);
  for (;;)
    {
      gssize n = read (fd, buffer + n_read, room - n_read);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          return refuse_errno (saved, error);
        }
      if (n == 0)
        break;
      n_read += (gsize) n;
      if (n_read == room)
        {
          if (room > VERTEBRO_PATIENT_MAX_BYTES)
            {
              close (fd);
              refuse_size (error);
              return NULL;
            }
          room = MIN (room * 2, (gsize) VERTEBRO_PATIENT_MAX_BYTES + 1);
          buffer = g_realloc (buffer, room + 1);
        }
    }
  close (fd);
  buffer[n_read] = '\0';
  *length = n_read;
  return g_steal_pointer (&buffer);
}

static GBytes *
read_local (const char  *path,
            GError     **error)
{
  gsize length = 0;
  char *data = vertebro_patient_read_file (path, &length, error);

  return data != NULL ? g_bytes_new_take (data, length) : NULL;
}

/* Reads at most VERTEBRO_PATIENT_MAX_BYTES of a regular file. Directories,
 * FIFOs and devices are refused before they are opened, so nothing blocks. */
static GBytes *
read_limited (GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *buffer = NULL;
  gsize n_read = 0;

  if (g_file_peek_path (file) != NULL && g_file_is_native (file))
    return read_local (g_file_peek_path (file), error);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return refuse_type (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY, error);
  if (g_file_info_get_size (info) > VERTEBRO_PATIENT_MAX_BYTES)
    return refuse_size (error);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  buffer = g_malloc (VERTEBRO_PATIENT_MAX_BYTES + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, VERTEBRO_PATIENT_MAX_BYTES + 1,
                                &n_read, cancellable, error))
    return NULL;
  if (n_read > VERTEBRO_PATIENT_MAX_BYTES)
    return refuse_size (error);

  return g_bytes_new_take (g_realloc (g_steal_pointer (&buffer), MAX (n_read, 1)), n_read);
}

/* The patient of @bytes, or @error said as "NAME: problem". */
static VertebroPatient *
patient_from_bytes (GBytes      *bytes,
                    const char  *name,
                    GError      *read_error,
                    GError     **error)
{
  g_autoptr(GError) local_error = read_error;
  VertebroPatient *self;

  if (bytes != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      self = vertebro_patient_new_from_data (data != NULL ? data : "", length, &local_error);
      if (self != NULL)
        return self;
    }

  g_set_error (error,
               local_error->domain == VERTEBRO_PATIENT_ERROR ? VERTEBRO_PATIENT_ERROR : local_error->domain,
               local_error->code,
               "%s: %s", name, local_error->message);
  return NULL;
}

/**
 * vertebro_patient_new_from_path:
 * @path: a local patient file, in the file system's encoding
 * @error: where to put what is wrong, as "FILE: field.path: problem"
 *
 * vertebro_patient_new_from_file() for a local path, without GIO: the
 * command line's `--evaluate`, where starting GIO's virtual file system cost
 * more than reading the file.
 *
 * Returns: (transfer full) (nullable): the patient, or %NULL
 */
VertebroPatient *
vertebro_patient_new_from_path (const char  *path,
                                GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *read_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_filename_display_name (path);
  bytes = read_local (path, &read_error);
  return patient_from_bytes (bytes, name, read_error, error);
}

/**
 * vertebro_patient_new_from_file:
 * @file: a patient file
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put what is wrong, as "FILE: field.path: problem"
 *
 * Returns: (transfer full) (nullable): the patient, or %NULL
 */
VertebroPatient *
vertebro_patient_new_from_file (GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  GError *read_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = display_name (file);
  bytes = read_limited (file, cancellable, &read_error);
  return patient_from_bytes (bytes, name, read_error, error);
}

/* ---- Saving ----
 *
 * A save writes a temporary file beside the document, named
 * ".NAME.vertebro-save-XXXXXX", flushes it to disk and renames it over the
 * document (vertebro_files_write_private()). A process killed in between
 * leaves that file behind, with the patient's data in it: the next save of
 * the same document removes such files once they are a minute old (a
 * younger one may be another save under way). The name is ours alone, so
 * nothing else is ever removed.
 */

/* The file @path names once its symbolic links are followed: a save
 * writes through a link, replacing its target, and leaves the link as it
 * is. A dangling link names the file to create. */
static char *
resolve_links (const char *path)
{
  char *current = g_strdup (path);

  /* As many as the kernel follows. */
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *link = g_file_read_link (current, NULL);
      g_autofree char *dir = NULL;

      if (link == NULL)
        break;
      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_canonicalize_filename (link, dir);
    }
  return current;
}

/* Gives the new file @fd what the document @st had: its group, and its
 * permission bits, never more. When the group cannot be kept (the saver is
 * not in it), the group gets nothing: the saver's own group must not gain
 * what the document's had. */
static void
keep_access (int              fd,
             const GStatBuf  *st)
{
  mode_t mode = st->st_mode & 0777;

  if (fchown (fd, (uid_t) -1, st->st_gid) != 0)
    mode &= ~(mode_t) 0070;
  if (fchmod (fd, mode) != 0)
    g_debug ("could not keep the permissions of a saved file: %s", g_strerror (errno));
}

typedef struct {
  const char *data;
  const char *target;  /* the document, no symbolic link left */
  const char *name;    /* the document as the error message names it */
} Save;

static gboolean
write_save (int        fd,
            gpointer   user_data,
            GError   **error)
{
  Save *save = user_data;
  int saved_errno = vertebro_files_write_all (fd, save->data, strlen (save->data));
  GStatBuf st;

  if (saved_errno != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: a file name, then why it could not be saved. */
                   _("%s: not saved: %s"), save->name, g_strerror (saved_errno));
      return FALSE;
    }
  /* Only now that it is complete: an interrupted save leaves 0600, as does
   * the save of a new document. */
  if (g_lstat (save->target, &st) == 0 && S_ISREG (st.st_mode))
    keep_access (fd, &st);
  return TRUE;
}

/**
 * vertebro_patient_save:
 * @self: a patient
 * @file: where to save it; must be a local file
 * @error: where to put what went wrong
 *
 * Writes the patient to a temporary file in the same folder, flushes it to
 * disk and renames it over @file, mode 0600: @file is always either the
 * complete old or the complete new document. Temporary files that earlier
 * interrupted saves of @file left behind are removed. A patient that would
 * not open again (vertebro_patient_check()) is not written.
 *
 * Returns: %TRUE on success
 */
gboolean
vertebro_patient_save (VertebroPatient  *self,
                       GFile            *file,
                       GError          **error)
{
  return vertebro_patient_save_full (self, file, VERTEBRO_SAVE_DEFAULT, error);
}

/**
 * vertebro_patient_save_full:
 * @self: a patient
 * @file: where to save it; must be a local file
 * @flags: %VERTEBRO_SAVE_REPLACE_READ_ONLY when the user said to replace a
 *   read-only file
 * @error: where to put what went wrong
 *
 * As vertebro_patient_save(), which this is with no flags. When @file is a
 * symbolic link, its target is replaced and the link kept. A document that
 * is replaced keeps its group and its permission bits (a colleague's save
 * in a group-shared folder does not lock the others out); a new one is
 * 0600. A read-only document (no write permission for anyone) is refused
 * with %G_IO_ERROR_READ_ONLY unless @flags say otherwise.
 *
 * Returns: %TRUE on success
 */
gboolean
vertebro_patient_save_full (VertebroPatient    *self,
                            GFile              *file,
                            VertebroSaveFlags   flags,
                            GError            **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) local_error = NULL;
  Save save;
  const char *path;
  GStatBuf st;

  g_return_val_if_fail (VERTEBRO_IS_PATIENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = display_name (file);
  path = g_file_peek_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* Translators: %s is a file name. */
                   _("%s: only local files can be saved"), name);
      return FALSE;
    }

  if (!vertebro_patient_check (self, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   /* Translators: a file name, then why it could not be saved. */
                   _("%s: not saved: %s"), name, local_error->message);
      return FALSE;
    }

  target = resolve_links (path);
  if ((flags & VERTEBRO_SAVE_REPLACE_READ_ONLY) == 0 && g_stat (target, &st) == 0 && S_ISREG (st.st_mode) &&
      (st.st_mode & 0222) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                   /* Translators: %s is a file name. */
                   _("%s: not saved: the file is read-only"), name);
      return FALSE;
    }

  data = vertebro_patient_to_data (self);
  save.data = data;
  save.target = target;
  save.name = name;
  /* Translators: a file name; why it could not be saved follows. */
  label = g_strdup_printf (_("%s: not saved"), name);
  return vertebro_files_write_private (target, "save", label, write_save, &save, error);
}
