/* vertebro-form-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VERTEBRO_TYPE_FORM_ROW (vertebro_form_row_get_type ())

G_DECLARE_DERIVABLE_TYPE (VertebroFormRow, vertebro_form_row, VERTEBRO, FORM_ROW, AdwPreferencesRow)

struct _VertebroFormRowClass
{
  AdwPreferencesRowClass parent_class;
};

GtkWidget *vertebro_form_row_new                     (void);
void       vertebro_form_row_add_suffix              (VertebroFormRow *self,
                                                      GtkWidget       *widget);
void       vertebro_form_row_set_activatable_widget  (VertebroFormRow *self,
                                                      GtkWidget       *widget);

G_END_DECLS
