/* vertebro-layout.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order in which a clinician fills the fields in, section by section:
 * the form is built in this order, and the PDF's "What the assessment used"
 * lists the answers in it.
 */

#pragma once

#include <glib.h>

#include "vertebro-assessment.h"
#include "vertebro-patient.h"

G_BEGIN_DECLS

typedef enum {
  VERTEBRO_LAYOUT_FIELDS,   /* the fields listed */
  VERTEBRO_LAYOUT_LEVELS,   /* the fracture levels */
  VERTEBRO_LAYOUT_DRUGS,    /* the antithrombotics, after the question whether one is taken */
  VERTEBRO_LAYOUT_NOTES,    /* the free-text notes */
} VertebroLayoutKind;

typedef struct {
  const char *path;
  const char *shown_when_needed;   /* a needed path, or NULL: always shown */
} VertebroLayoutField;

typedef struct {
  const char                *title;   /* N_() */
  VertebroLayoutKind         kind;
  const VertebroLayoutField *fields;  /* NULL-terminated, for VERTEBRO_LAYOUT_FIELDS */
} VertebroLayoutSection;

const VertebroLayoutSection *vertebro_layout_get_sections   (guint                     *n_sections);
gboolean                     vertebro_layout_field_is_shown (const VertebroLayoutField *field,
                                                             VertebroPatient           *patient,
                                                             const VertebroAssessment  *assessment);

G_END_DECLS
