/* vertebro-entry-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A form row with a text entry that screen readers can follow (see the .c).
 */

#pragma once

#include "vertebro-form-row.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_ENTRY_ROW (vertebro_entry_row_get_type ())

G_DECLARE_FINAL_TYPE (VertebroEntryRow, vertebro_entry_row, VERTEBRO, ENTRY_ROW, VertebroFormRow)

GtkWidget *vertebro_entry_row_new       (void);
GtkWidget *vertebro_entry_row_get_entry (VertebroEntryRow *self);

G_END_DECLS
