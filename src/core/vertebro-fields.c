/* vertebro-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The field table of patient format v1 (patient-format.md). Ranges are the
 * format's; clinical thresholds are not here but in the rule set.
 */

#define G_LOG_DOMAIN "vertebro-fields"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-fields.h"

static const VertebroChoice sex_choices[] = {
  { "female", N_("Female") },
  { "male", N_("Male") },
  { "other", N_("Other") },
  { NULL, NULL },
};

static const VertebroChoice procedure_choices[] = {
  { "vertebroplasty", N_("Vertebroplasty") },
  { "kyphoplasty", N_("Balloon kyphoplasty") },
  { "kyphoplasty_stent", N_("Balloon kyphoplasty with stent") },
  { NULL, NULL },
};

static const VertebroChoice etiology_choices[] = {
  { "osteoporotic", N_("Osteoporotic") },
  { "metastatic", N_("Metastatic") },
  { "myeloma", N_("Myeloma") },
  { "haemangioma", N_("Haemangioma") },
  { "osteonecrosis", N_("Osteonecrosis") },
  { "traumatic", N_("Traumatic") },
  /* Not "Other": German says "Divers" for the sex, not for a cause. */
  { "other", N_("Other cause") },
  { NULL, NULL },
};

static const VertebroChoice pain_source_choices[] = {
  { "fracture", N_("Fracture") },
  { "disc_herniation", N_("Disc herniation") },
  { "facet_arthropathy", N_("Facet joint arthropathy") },
  { "deformity", N_("Spinal deformity not caused by osteoporosis") },
  { "other", N_("Other cause") },
  { NULL, NULL },
};

static const VertebroChoice level_choices[] = {
  { "T1", "T1" }, { "T2", "T2" }, { "T3", "T3" }, { "T4", "T4" },
  { "T5", "T5" }, { "T6", "T6" }, { "T7", "T7" }, { "T8", "T8" },
  { "T9", "T9" }, { "T10", "T10" }, { "T11", "T11" }, { "T12", "T12" },
  { "L1", "L1" }, { "L2", "L2" }, { "L3", "L3" }, { "L4", "L4" }, { "L5", "L5" },
  { NULL, NULL },
};

static const VertebroChoice acuity_choices[] = {
  { "unhealed", N_("Unhealed (oedema or uptake)") },
  { "healed", N_("Healed") },
  { NULL, NULL },
};

static const VertebroChoice posterior_wall_choices[] = {
  { "intact", N_("Intact") },
  { "involved", N_("Involved") },
  { "retropulsed", N_("Retropulsed") },
  { NULL, NULL },
};

static const VertebroChoice drug_choices[] = {
  { "clopidogrel", N_("Clopidogrel") },
  { "prasugrel", N_("Prasugrel") },
  { "ticagrelor", N_("Ticagrelor") },
  { "aspirin", N_("Aspirin") },
  { "warfarin", N_("Warfarin") },
  { "lmwh_prophylactic", N_("Low-molecular-weight heparin, prophylactic dose") },
  { "lmwh_therapeutic", N_("Low-molecular-weight heparin, therapeutic dose") },
  { "apixaban", N_("Apixaban") },
  { "rivaroxaban", N_("Rivaroxaban") },
  { "dabigatran", N_("Dabigatran") },
  { "edoxaban", N_("Edoxaban") },
  /* Any antithrombotic the rule set has no hold for; the entry names it. */
  { "other", N_("Other antithrombotic") },
  { NULL, NULL },
};

#define TEXT(p, s, m, prop, l) \
  { p, s, m, prop, l, NULL, VERTEBRO_FIELD_TEXT, 0, 0, NULL, NULL, FALSE, TRUE }
#define DATE(p, s, m, prop, l) \
  { p, s, m, prop, l, NULL, VERTEBRO_FIELD_DATE, 0, 0, NULL, NULL, FALSE, TRUE }
#define NUMBER(p, s, m, prop, l, u, lo, hi) \
  { p, s, m, prop, l, u, VERTEBRO_FIELD_NUMBER, lo, hi, NULL, NULL, FALSE, TRUE }
#define INTEGER(p, s, m, prop, l, u, lo, hi) \
  { p, s, m, prop, l, u, VERTEBRO_FIELD_INTEGER, lo, hi, NULL, NULL, FALSE, TRUE }
#define ANSWER(p, s, m, prop, l) \
  { p, s, m, prop, l, NULL, VERTEBRO_FIELD_ANSWER, 0, 0, NULL, NULL, FALSE, TRUE }
#define CHOICE(p, s, m, prop, l, c) \
  { p, s, m, prop, l, NULL, VERTEBRO_FIELD_CHOICE, 0, 0, c, NULL, FALSE, TRUE }

/* In the order of the file format. */
static const VertebroField patient_fields[] = {
  TEXT ("patient.name", "patient", "name", "name", N_("Name")),
  TEXT ("patient.identifier", "patient", "identifier", "identifier", N_("Identifier")),
  DATE ("patient.birth_date", "patient", "birth_date", "birth-date", N_("Birth date")),
  CHOICE ("patient.sex", "patient", "sex", "sex", N_("Sex"), sex_choices),
  NUMBER ("patient.weight_kg", "patient", "weight_kg", "weight-kg", N_("Weight"), "kg", 20, 400),
  ANSWER ("patient.pregnant", "patient", "pregnant", "pregnant", N_("Pregnant")),

  /* Absent means today; null is not part of the format. */
  { "assessment.date", "assessment", "date", "assessment-date", N_("Assessment date"), NULL,
    VERTEBRO_FIELD_DATE, 0, 0, NULL, NULL, FALSE, FALSE },
  DATE ("assessment.planned_date", "assessment", "planned_date", "planned-date", N_("Planned procedure date")),
  { "assessment.procedure", "assessment", "procedure", "procedure", N_("Procedure"), NULL,
    VERTEBRO_FIELD_CHOICE, 0, 0, procedure_choices, "vertebroplasty", FALSE, FALSE },
  TEXT ("assessment.clinician", "assessment", "clinician", "clinician", N_("Clinician")),

  CHOICE ("history.etiology", "history", "etiology", "etiology", N_("Etiology"), etiology_choices),
  INTEGER ("history.pain_nrs", "history", "pain_nrs", "pain-nrs", N_("Pain (NRS)"), NULL, 0, 10),
  ANSWER ("history.pain_refractory", "history", "pain_refractory", "pain-refractory", N_("Pain refractory to optimal management")),
  NUMBER ("history.conservative_weeks", "history", "conservative_weeks", "conservative-weeks", N_("Conservative management"), N_("weeks"), 0, 520),
  CHOICE ("history.dominant_pain_source", "history", "dominant_pain_source", "dominant-pain-source", N_("Dominant pain source"), pain_source_choices),
  ANSWER ("history.neuro_deficit", "history", "neuro_deficit", "neuro-deficit", N_("Cord or root compression, or new neurological deficit")),
  ANSWER ("history.radiculopathy", "history", "radiculopathy", "radiculopathy", N_("Radiculopathy")),
  ANSWER ("history.unstable", "history", "unstable", "unstable", N_("Spinal instability needing stabilisation")),
  ANSWER ("history.epidural_disease", "history", "epidural_disease", "epidural-disease", N_("Epidural or canal tumour extension")),
  ANSWER ("history.hypervascular", "history", "hypervascular", "hypervascular", N_("Hypervascular lesion")),
  ANSWER ("history.infection_systemic", "history", "infection_systemic", "infection-systemic", N_("Active systemic infection")),
  ANSWER ("history.infection_local", "history", "infection_local", "infection-local", N_("Infection at the puncture site")),
  ANSWER ("history.osteomyelitis", "history", "osteomyelitis", "osteomyelitis", N_("Osteomyelitis or discitis")),
  ANSWER ("history.bleeding_disorder", "history", "bleeding_disorder", "bleeding-disorder", N_("Uncorrectable bleeding disorder")),
  ANSWER ("history.allergy_pmma", "history", "allergy_pmma", "allergy-pmma", N_("Allergy to PMMA bone cement")),
  ANSWER ("history.allergy_beta_lactam", "history", "allergy_beta_lactam", "allergy-beta-lactam", N_("Penicillin or cephalosporin allergy")),
  ANSWER ("history.allergy_contrast", "history", "allergy_contrast", "allergy-contrast", N_("Iodinated contrast allergy")),
  ANSWER ("history.unfit_for_sedation", "history", "unfit_for_sedation", "unfit-for-sedation", N_("Unfit for sedation or the prone position")),
  ANSWER ("history.on_antithrombotics", "history", "on_antithrombotics", "on-antithrombotics", N_("Takes an antiplatelet or anticoagulant")),
  DATE ("history.pain_onset_date", "history", "pain_onset_date", "pain-onset-date", N_("Pain began on")),

  NUMBER ("labs.inr", "labs", "inr", "inr", N_("INR"), NULL, 0.5, 20),
  NUMBER ("labs.platelets", "labs", "platelets", "platelets", N_("Platelets"), "/µL", 0, 2000000),
  NUMBER ("labs.crcl", "labs", "crcl", "crcl", N_("Creatinine clearance"), "mL/min", 0, 250),
  NUMBER ("labs.creatinine_umol_l", "labs", "creatinine_umol_l", "creatinine-umol-l", N_("Serum creatinine"), "µmol/L", 10, 3000),

  { "notes", NULL, "notes", "notes", N_("Notes"), NULL,
    VERTEBRO_FIELD_TEXT, 0, 0, NULL, NULL, FALSE, FALSE },
};

/* A new level has no vertebra until one is chosen: a wrong level is the
 * never-event of spinal procedures, so nothing is pre-filled. */
static const VertebroField level_fields[] = {
  /* A vertebra is chosen, not assessed: the form offers its null as such. */
  { "level.level", NULL, "level", "level", N_("Vertebra"), NULL,
    VERTEBRO_FIELD_CHOICE, 0, 0, level_choices, NULL, FALSE, TRUE, N_("Not chosen yet") },
  NUMBER ("level.collapse_percent", NULL, "collapse_percent", "collapse-percent", N_("Collapse"), "%", 0, 100),
  CHOICE ("level.acuity", NULL, "acuity", "acuity", N_("Acuity"), acuity_choices),
  CHOICE ("level.posterior_wall", NULL, "posterior_wall", "posterior-wall", N_("Posterior wall"), posterior_wall_choices),
  ANSWER ("level.pain_concordant", NULL, "pain_concordant", "pain-concordant", N_("Pain concordant with this level")),
};

/* The format gives no upper bound for "held"; a year is far beyond any
 * requirement and catches typing errors such as 50 instead of 5.0. */
static const VertebroField antithrombotic_fields[] = {
  { "antithrombotic.drug", NULL, "drug", "drug", N_("Drug"), NULL,
    VERTEBRO_FIELD_CHOICE, 0, 0, drug_choices, NULL, TRUE, FALSE },
  NUMBER ("antithrombotic.held", NULL, "held", "held", N_("Withheld before the procedure"), NULL, 0, 365),
  /* Only for "other": the medicine's name, and whether its interruption was
   * agreed with the prescriber or a haematologist. */
  TEXT ("antithrombotic.name", NULL, "name", "name", N_("Medicine")),
  ANSWER ("antithrombotic.hold_agreed", NULL, "hold_agreed", "hold-agreed", N_("Interruption agreed")),
};

const VertebroField *
vertebro_fields_get (VertebroRecord  record,
                     guint          *n_fields)
{
  switch (record)
    {
    case VERTEBRO_RECORD_PATIENT:
      *n_fields = G_N_ELEMENTS (patient_fields);
      return patient_fields;
    case VERTEBRO_RECORD_LEVEL:
      *n_fields = G_N_ELEMENTS (level_fields);
      return level_fields;
    case VERTEBRO_RECORD_ANTITHROMBOTIC:
      *n_fields = G_N_ELEMENTS (antithrombotic_fields);
      return antithrombotic_fields;
    default:
      g_return_val_if_reached (NULL);
    }
}

const VertebroField *
vertebro_fields_lookup (VertebroRecord  record,
                        const char     *path)
{
  guint n;
  const VertebroField *fields = vertebro_fields_get (record, &n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (fields[i].path, path))
      return &fields[i];
  return NULL;
}

int
vertebro_field_choice_index (const VertebroField *field,
                             const char          *value)
{
  g_return_val_if_fail (field->kind == VERTEBRO_FIELD_CHOICE, -1);

  if (value == NULL)
    return -1;
  for (int i = 0; field->choices[i].value != NULL; i++)
    if (g_str_equal (field->choices[i].value, value))
      return i;
  return -1;
}

guint
vertebro_field_n_choices (const VertebroField *field)
{
  guint n = 0;

  g_return_val_if_fail (field->kind == VERTEBRO_FIELD_CHOICE, 0);
  while (field->choices[n].value != NULL)
    n++;
  return n;
}

/* Returns the translated label of @value, or %NULL when it is not a choice. */
const char *
vertebro_field_choice_label (const VertebroField *field,
                             const char          *value)
{
  int i = vertebro_field_choice_index (field, value);

  return i < 0 ? NULL : _(field->choices[i].label);
}

/**
 * vertebro_field_not_after_assessment:
 * @field: a field
 *
 * Whether @field is a date that cannot be after the assessment date (today
 * when there is none): a birth date, or the day the pain began. The file
 * reader refuses such a date, and the form refuses it as it is typed.
 *
 * Returns: whether @field may not be after the assessment date
 */
gboolean
vertebro_field_not_after_assessment (const VertebroField *field)
{
  static const char * const not_after[] = { "patient.birth_date", "history.pain_onset_date", NULL };

  g_return_val_if_fail (field != NULL, FALSE);

  return g_strv_contains (not_after, field->path);
}

/* Strict ISO 8601 calendar date, exactly YYYY-MM-DD, a real day. */
gboolean
vertebro_date_parse (const char *text,
                     GDate      *date)
{
  guint year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);

  if (year < 1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}
