/* vertebro-recent.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void vertebro_recent_track (GMenu *menu);

G_END_DECLS
