/* vertebro-files.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Files a killed write left are removed once this old: a younger one may be
 * a write under way. */
#define VERTEBRO_STALE_AFTER_SECONDS 60

typedef gboolean (*VertebroFileFilter) (const char *path);

void vertebro_files_remove_stale (const char         *dir,
                                  const char         *prefix,
                                  VertebroFileFilter  only_if,
                                  const char         *what);

/**
 * VertebroFilesWriteFunc:
 * @fd: the temporary file, open for reading and writing, empty
 * @user_data: what was given to vertebro_files_write_private()
 * @error: where to say why the content could not be written
 *
 * Writes the whole content of a file to @fd. It may read back what it
 * wrote and change the file's group and mode; it must not close @fd.
 *
 * Returns: whether the content was written
 */
typedef gboolean (*VertebroFilesWriteFunc) (int        fd,
                                            gpointer   user_data,
                                            GError   **error);

int      vertebro_files_write_all              (int                      fd,
                                                const void              *data,
                                                gsize                    length);
gboolean vertebro_files_write_private          (const char              *path,
                                                const char              *tag,
                                                const char              *label,
                                                VertebroFilesWriteFunc   writer,
                                                gpointer                 user_data,
                                                GError                 **error);
gboolean vertebro_files_write_private_contents (const char              *path,
                                                const char              *tag,
                                                const char              *contents,
                                                gssize                   length,
                                                GError                 **error);

G_END_DECLS
