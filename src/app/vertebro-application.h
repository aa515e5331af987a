/* vertebro-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vertebro-core.h"
#include "vertebro-window.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_APPLICATION (vertebro_application_get_type ())

G_DECLARE_FINAL_TYPE (VertebroApplication, vertebro_application, VERTEBRO, APPLICATION, AdwApplication)

VertebroApplication *vertebro_application_new           (GApplicationFlags    flags);
VertebroRuleset     *vertebro_application_get_rules     (VertebroApplication *self);
GSettings           *vertebro_application_get_settings  (VertebroApplication *self);
VertebroWindow      *vertebro_application_new_window    (VertebroApplication *self,
                                                         VertebroDocument    *document);
void                 vertebro_application_open_window   (VertebroApplication *self,
                                                         GFile               *file);
void                 vertebro_application_open_worklist (VertebroApplication *self,
                                                         GFile               *folder);

G_END_DECLS
