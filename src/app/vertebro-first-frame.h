/* vertebro-first-frame.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean vertebro_first_frame_wanted (void);
void     vertebro_first_frame_report (GtkWidget *window);

G_END_DECLS
