/* vertebro-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vertebro-core.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_FORM (vertebro_form_get_type ())

G_DECLARE_FINAL_TYPE (VertebroForm, vertebro_form, VERTEBRO, FORM, GtkBox)

GtkWidget  *vertebro_form_new             (void);
void        vertebro_form_set_document    (VertebroForm       *self,
                                           VertebroDocument   *document);
void        vertebro_form_set_patient     (VertebroForm       *self,
                                           VertebroPatient    *patient,
                                           VertebroRuleset    *rules);
void        vertebro_form_show_assessment (VertebroForm       *self,
                                           VertebroAssessment *assessment);
/* Of VertebroInvalidEntry, in form order. */
GPtrArray  *vertebro_form_get_invalid     (VertebroForm       *self);
gboolean    vertebro_form_focus_field     (VertebroForm       *self,
                                           const char         *path);
const char *vertebro_form_get_field_label (VertebroForm       *self,
                                           const char         *path);

G_END_DECLS
