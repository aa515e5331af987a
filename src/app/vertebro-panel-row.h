/* vertebro-panel-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VERTEBRO_TYPE_PANEL_ROW (vertebro_panel_row_get_type ())
G_DECLARE_FINAL_TYPE (VertebroPanelRow, vertebro_panel_row, VERTEBRO, PANEL_ROW, GtkListBoxRow)

GtkWidget  *vertebro_panel_row_new          (const char       *title,
                                             const char       *subtitle);
const char *vertebro_panel_row_get_title    (VertebroPanelRow *self);
const char *vertebro_panel_row_get_subtitle (VertebroPanelRow *self);
void        vertebro_panel_row_set_prefix   (VertebroPanelRow *self,
                                             GtkWidget        *prefix);
void        vertebro_panel_row_set_suffix   (VertebroPanelRow *self,
                                             GtkWidget        *suffix);
void        vertebro_panel_row_add_detail   (VertebroPanelRow *self,
                                             const char       *title,
                                             const char       *text,
                                             const char       *uri);
gboolean    vertebro_panel_row_get_expanded (VertebroPanelRow *self);
void        vertebro_panel_row_set_expanded (VertebroPanelRow *self,
                                             gboolean          expanded);

G_END_DECLS
