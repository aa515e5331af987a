/* vertebro-module.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gpointer vertebro_module_lookup (const char  *subdir,
                                 const char  *name,
                                 const char  *symbol,
                                 GError     **error);

G_END_DECLS
