/* vertebro-message-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row of a form field's message, which the keyboard passes over.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VERTEBRO_TYPE_MESSAGE_ROW (vertebro_message_row_get_type ())

G_DECLARE_FINAL_TYPE (VertebroMessageRow, vertebro_message_row, VERTEBRO, MESSAGE_ROW, AdwPreferencesRow)

GtkWidget *vertebro_message_row_new (void);

G_END_DECLS
