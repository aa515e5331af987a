/* vertebro-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vertebro-core.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_WINDOW (vertebro_window_get_type ())

G_DECLARE_FINAL_TYPE (VertebroWindow, vertebro_window, VERTEBRO, WINDOW, AdwApplicationWindow)

VertebroWindow   *vertebro_window_new            (AdwApplication   *application,
                                                  VertebroDocument *document,
                                                  GSettings        *settings,
                                                  gboolean          site_rules);
VertebroDocument *vertebro_window_get_document   (VertebroWindow   *self);
gboolean          vertebro_window_load_file      (VertebroWindow   *self,
                                                  GFile            *file,
                                                  GError          **error);
void              vertebro_window_recover        (VertebroWindow   *self,
                                                  VertebroPatient  *patient,
                                                  GFile            *origin);

void              vertebro_name_mnemonic_buttons (GtkWidget        *root);

G_END_DECLS
