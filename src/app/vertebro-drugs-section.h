/* vertebro-drugs-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form's section of antithrombotics. Private to the form.
 */

#pragma once

#include <adwaita.h>

#include "vertebro-form.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_DRUGS_SECTION (vertebro_drugs_section_get_type ())

G_DECLARE_FINAL_TYPE (VertebroDrugsSection, vertebro_drugs_section, VERTEBRO, DRUGS_SECTION, AdwPreferencesGroup)

GtkWidget *vertebro_drugs_section_new      (VertebroForm         *form);
GPtrArray *vertebro_drugs_section_get_rows (VertebroDrugsSection *self);
void       vertebro_drugs_section_add      (VertebroDrugsSection *self,
                                            const char           *drug_id);

G_END_DECLS
