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

VertebroWindow     *vertebro_window_new              (AdwApplication   *application);
VertebroWindow     *vertebro_window_new_for_file     (AdwApplication   *application,
                                                      GFile            *file,
                                                      GError          **error);
gboolean            vertebro_window_load_file        (VertebroWindow   *self,
                                                      GFile            *file,
                                                      GError          **error);
gboolean            vertebro_window_save_to          (VertebroWindow   *self,
                                                      GFile            *file,
                                                      GError          **error);
void                vertebro_window_recover          (VertebroWindow   *self,
                                                      VertebroPatient  *patient,
                                                      GFile            *origin);
gboolean            vertebro_window_is_pristine      (VertebroWindow   *self);
gboolean            vertebro_window_get_modified     (VertebroWindow   *self);
GFile              *vertebro_window_get_file         (VertebroWindow   *self);
VertebroPatient    *vertebro_window_get_patient      (VertebroWindow   *self);
VertebroAssessment *vertebro_window_get_assessment   (VertebroWindow   *self);
GtkWidget          *vertebro_window_get_form         (VertebroWindow   *self);
GtkWidget          *vertebro_window_get_panel        (VertebroWindow   *self);
const char         *vertebro_window_get_draft_path   (VertebroWindow   *self);
void                vertebro_window_flush_draft      (VertebroWindow   *self);
gboolean            vertebro_window_print            (VertebroWindow          *self,
                                                      GtkPrintOperationAction  action,
                                                      const char              *export_filename,
                                                      GError                 **error);

void                vertebro_name_mnemonic_buttons   (GtkWidget        *root);

G_END_DECLS
