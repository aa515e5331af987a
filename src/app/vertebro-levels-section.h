/* vertebro-levels-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form's section of fracture levels. Private to the form.
 */

#pragma once

#include <adwaita.h>

#include "vertebro-form.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_LEVELS_SECTION (vertebro_levels_section_get_type ())

G_DECLARE_FINAL_TYPE (VertebroLevelsSection, vertebro_levels_section, VERTEBRO, LEVELS_SECTION, AdwPreferencesGroup)

GtkWidget *vertebro_levels_section_new             (VertebroForm          *form);
GPtrArray *vertebro_levels_section_get_rows        (VertebroLevelsSection *self);
void       vertebro_levels_section_show_assessment (VertebroLevelsSection *self,
                                                    VertebroAssessment    *assessment);
gboolean   vertebro_levels_section_focus_add       (VertebroLevelsSection *self);

G_END_DECLS
