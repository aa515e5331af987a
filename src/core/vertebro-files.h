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

G_END_DECLS
