/* vertebro-host-folder.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *vertebro_host_folder (GFile *file);

G_END_DECLS
