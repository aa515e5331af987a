/* vertebro-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form's sections and the order of their fields. To move a field in the
 * form (and in the PDF's list of what the assessment used), move its line
 * here.
 */

#define G_LOG_DOMAIN "vertebro-layout"

#include "config.h"

#include <glib/gi18n.h>

#include "vertebro-fields.h"
#include "vertebro-layout.h"

static const VertebroLayoutField patient_section[] = {
  { "patient.name" }, { "patient.identifier" }, { "patient.birth_date" }, { "patient.sex" },
  { "patient.weight_kg" }, { "patient.pregnant", "patient.pregnant" }, { NULL },
};
static const VertebroLayoutField procedure_section[] = {
  { "assessment.procedure" }, { "assessment.date" }, { "assessment.planned_date" },
  { "assessment.clinician" }, { NULL },
};
static const VertebroLayoutField history_section[] = {
  { "history.etiology" }, { "history.pain_nrs" }, { "history.pain_onset_date" }, { "history.pain_refractory" },
  { "history.conservative_weeks" }, { "history.dominant_pain_source" }, { "history.neuro_deficit" },
  { "history.radiculopathy" }, { "history.unstable" },
  { "history.epidural_disease", "history.epidural_disease" },
  { "history.hypervascular", "history.hypervascular" }, { NULL },
};
static const VertebroLayoutField infection_section[] = {
  { "history.infection_systemic" }, { "history.infection_local" }, { "history.osteomyelitis" }, { NULL },
};
static const VertebroLayoutField bleeding_section[] = {
  { "labs.inr" }, { "labs.platelets" }, { "history.bleeding_disorder" },
  { "labs.crcl", "labs.crcl" }, { "labs.creatinine_umol_l", "labs.crcl" }, { NULL },
};
static const VertebroLayoutField fitness_section[] = {
  { "history.allergy_pmma" }, { "history.allergy_beta_lactam" }, { "history.allergy_contrast" },
  { "history.unfit_for_sedation" }, { NULL },
};

static const VertebroLayoutSection sections[] = {
  { N_("Patient"), VERTEBRO_LAYOUT_FIELDS, patient_section },
  { N_("Procedure"), VERTEBRO_LAYOUT_FIELDS, procedure_section },
  { N_("Fracture Levels"), VERTEBRO_LAYOUT_LEVELS, NULL },
  { N_("Pain and History"), VERTEBRO_LAYOUT_FIELDS, history_section },
  { N_("Infection"), VERTEBRO_LAYOUT_FIELDS, infection_section },
  { N_("Bleeding and Medication"), VERTEBRO_LAYOUT_FIELDS, bleeding_section },
  { N_("Antithrombotics"), VERTEBRO_LAYOUT_DRUGS, NULL },
  { N_("Allergies and Fitness for Sedation"), VERTEBRO_LAYOUT_FIELDS, fitness_section },
  { N_("Notes"), VERTEBRO_LAYOUT_NOTES, NULL },
};

/**
 * vertebro_layout_get_sections:
 * @n_sections: (out): how many there are
 *
 * Returns: the sections, in the order the form shows them
 */
const VertebroLayoutSection *
vertebro_layout_get_sections (guint *n_sections)
{
  *n_sections = G_N_ELEMENTS (sections);
  return sections;
}

/**
 * vertebro_layout_field_is_shown:
 * @field: a field of a section
 * @patient: the patient
 * @assessment: the patient's current assessment
 *
 * Whether the form shows @field. A question asked only when needed is shown
 * while the assessment needs it, and stays while it is answered yes: a
 * recorded pregnancy is never hidden. A hidden answer is kept, and comes
 * back with its question.
 *
 * Returns: whether @field is shown
 */
gboolean
vertebro_layout_field_is_shown (const VertebroLayoutField *field,
                                VertebroPatient           *patient,
                                const VertebroAssessment  *assessment)
{
  const VertebroField *entry;

  g_return_val_if_fail (field != NULL, TRUE);
  g_return_val_if_fail (VERTEBRO_IS_PATIENT (patient), TRUE);
  g_return_val_if_fail (assessment != NULL, TRUE);

  if (field->shown_when_needed == NULL || vertebro_assessment_is_needed (assessment, field->shown_when_needed))
    return TRUE;
  entry = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, field->path);
  return entry != NULL && entry->kind == VERTEBRO_FIELD_ANSWER &&
         vertebro_patient_get_answer (patient, field->path) == VERTEBRO_ANSWER_YES;
}
