/* vertebro-first-paint.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _VertebroFirstPaint VertebroFirstPaint;

VertebroFirstPaint *vertebro_first_paint_wait   (GtkWidget          *widget,
                                                 GSourceFunc         func,
                                                 gpointer            data);
void                vertebro_first_paint_cancel (VertebroFirstPaint *wait);

G_END_DECLS
