/* vertebro-form-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the form shares with its field rows and its sections
 * (vertebro-field-row.c, vertebro-levels-section.c, vertebro-drugs-section.c).
 */

#pragma once

#include "vertebro-field-row.h"
#include "vertebro-form.h"

G_BEGIN_DECLS

VertebroPatient *vertebro_form_get_patient           (VertebroForm        *self);
VertebroRuleset *vertebro_form_get_rules             (VertebroForm        *self);
/* A field became invalid or valid again, or its message changed. */
void             vertebro_form_invalid_changed       (VertebroForm        *self);
void             vertebro_form_show_messages         (VertebroForm        *self);
/* Shows the current assessment again, on rows just made. */
void             vertebro_form_show_assessment_again (VertebroForm        *self);
/* The unit a field typed in several is offered in first. */
guint            vertebro_form_get_unit              (VertebroForm        *self,
                                                      const VertebroField *field);
void             vertebro_form_set_unit              (VertebroForm        *self,
                                                      const VertebroField *field,
                                                      guint                unit);
/* Focuses a new row's input once it is shown, with @top above it. */
void             vertebro_form_focus_new_row         (VertebroForm        *self,
                                                      VertebroFieldRow    *row,
                                                      GtkWidget           *top);

G_END_DECLS
