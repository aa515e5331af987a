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

/* An entry the user typed that is not valid; its field is not assessed. */
typedef struct {
  char *path;     /* "labs.inr", "levels[0].collapse_percent" */
  char *label;    /* "INR", "T12: Collapse" */
  char *message;
} VertebroInvalidEntry;

void        vertebro_invalid_entry_free   (VertebroInvalidEntry *entry);

GtkWidget  *vertebro_form_new             (void);
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
