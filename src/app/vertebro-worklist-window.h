/* vertebro-worklist-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vertebro-core.h"

G_BEGIN_DECLS

/* One row of the list: an immutable VertebroWorklistRow as a GObject. */
#define VERTEBRO_TYPE_WORKLIST_ITEM (vertebro_worklist_item_get_type ())

G_DECLARE_FINAL_TYPE (VertebroWorklistItem, vertebro_worklist_item, VERTEBRO, WORKLIST_ITEM, GObject)

VertebroWorklistRow *vertebro_worklist_item_get_row (VertebroWorklistItem *self);

#define VERTEBRO_TYPE_WORKLIST_WINDOW (vertebro_worklist_window_get_type ())

G_DECLARE_FINAL_TYPE (VertebroWorklistWindow, vertebro_worklist_window, VERTEBRO, WORKLIST_WINDOW, AdwApplicationWindow)

VertebroWorklistWindow *vertebro_worklist_window_new        (AdwApplication         *application,
                                                             VertebroRuleset        *rules,
                                                             GFile                  *folder);
GFile                  *vertebro_worklist_window_get_folder (VertebroWorklistWindow *self);
/* What the list shows, in its order: VertebroWorklistItems. */
GListModel             *vertebro_worklist_window_get_model  (VertebroWorklistWindow *self);
/* Every file of the folder, whatever the filters. */
GListModel             *vertebro_worklist_window_get_all    (VertebroWorklistWindow *self);
/* TRUE while the folder is read or changed files are read again. */
gboolean                vertebro_worklist_window_is_busy    (VertebroWorklistWindow *self);
/* Opens the patient of the shown row at @position, as activating it does. */
void                    vertebro_worklist_window_open_row   (VertebroWorklistWindow *self,
                                                             guint                   position);

G_END_DECLS
