/* vertebro-test-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window tests share: running the main loop, and finding a widget
 * in a window or a window among the toplevels.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*VertebroWidgetMatch) (GtkWidget     *widget,
                                         gconstpointer  data);

void       vertebro_test_spin           (void);
void       vertebro_test_present        (GtkWindow           *window);
GtkWidget *vertebro_test_find_widget    (GtkWidget           *root,
                                         VertebroWidgetMatch  match,
                                         gconstpointer        data);
GtkWidget *vertebro_test_find_toplevel  (GType                type);

G_END_DECLS
