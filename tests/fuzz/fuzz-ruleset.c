/* fuzz-ruleset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the rule-set loader: any bytes are either refused
 * with a message or give a rule set that evaluates a few fixed patients
 * (nothing known; everything known, with levels and drugs) to assessments
 * whose JSON reads back and whose texts all render.
 *
 *   build-aux/dev fuzz [SECONDS]
 */

#include "config.h"

#include "fuzz-common.h"

static const char * const patient_texts[] = {
  "{\"format\": \"vertebro-patient\", \"version\": 1}",

  "{\"format\": \"vertebro-patient\", \"version\": 1,"
  " \"patient\": {\"name\": \"Fuzz\", \"birth_date\": \"1950-01-31\", \"sex\": \"female\", \"weight_kg\": 55, \"pregnant\": false},"
  " \"assessment\": {\"date\": \"2026-11-21\", \"planned_date\": \"2026-11-28\", \"procedure\": \"kyphoplasty_stent\"},"
  " \"history\": {\"etiology\": \"metastatic\", \"pain_nrs\": 5, \"pain_refractory\": true, \"conservative_weeks\": 2,"
  "  \"dominant_pain_source\": \"fracture\", \"neuro_deficit\": false, \"radiculopathy\": true, \"unstable\": false,"
  "  \"epidural_disease\": true, \"hypervascular\": true, \"infection_systemic\": false, \"infection_local\": false,"
  "  \"osteomyelitis\": false, \"bleeding_disorder\": false, \"allergy_pmma\": false, \"allergy_beta_lactam\": true,"
  "  \"allergy_contrast\": true, \"unfit_for_sedation\": false},"
  " \"labs\": {\"inr\": 1.6, \"platelets\": 40000, \"crcl\": null, \"creatinine_umol_l\": 150},"
  " \"antithrombotics\": [{\"drug\": \"clopidogrel\", \"held\": 2}, {\"drug\": \"apixaban\", \"held\": null},"
  "  {\"drug\": \"dabigatran\", \"held\": 3}, {\"drug\": \"aspirin\", \"held\": 0}, {\"drug\": \"warfarin\", \"held\": 5}],"
  " \"levels\": [{\"level\": \"T2\", \"collapse_percent\": 45, \"acuity\": \"unhealed\", \"posterior_wall\": \"retropulsed\", \"pain_concordant\": true},"
  "  {\"level\": \"L1\", \"collapse_percent\": 22, \"acuity\": \"healed\", \"posterior_wall\": \"intact\", \"pain_concordant\": false},"
  "  {\"level\": \"L4\", \"collapse_percent\": null, \"acuity\": null, \"posterior_wall\": \"involved\", \"pain_concordant\": null}],"
  " \"checklist\": {\"prep.fasting\": true}}",

  "{\"format\": \"vertebro-patient\", \"version\": 1,"
  " \"patient\": {\"birth_date\": \"1990-06-15\", \"sex\": \"other\", \"weight_kg\": 80},"
  " \"assessment\": {\"date\": \"2026-11-21\", \"procedure\": \"vertebroplasty\"},"
  " \"history\": {\"etiology\": \"osteoporotic\", \"pain_nrs\": 9, \"pain_refractory\": true, \"conservative_weeks\": 8},"
  " \"labs\": {\"inr\": 1.0, \"platelets\": 250000, \"crcl\": 90},"
  " \"antithrombotics\": [{\"drug\": \"lmwh_therapeutic\", \"held\": 1}, {\"drug\": \"rivaroxaban\", \"held\": 4}],"
  " \"levels\": [{\"level\": \"T12\", \"collapse_percent\": 30, \"acuity\": \"unhealed\", \"posterior_wall\": \"intact\", \"pain_concordant\": true}]}",
};

static VertebroPatient *patients[G_N_ELEMENTS (patient_texts)];

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_set_up ();
  /* Kept for the whole run: reachable, so never reported as a leak. */
  for (guint i = 0; i < G_N_ELEMENTS (patient_texts); i++)
    {
      g_autoptr(GError) error = NULL;

      patients[i] = vertebro_patient_new_from_data (patient_texts[i], strlen (patient_texts[i]), &error);
      g_assert_no_error (error);
    }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroRuleset) rules = NULL;

  rules = vertebro_ruleset_new_from_bytes (bytes, &error);
  if (rules == NULL)
    {
      fuzz_assert_refused (rules, error);
      return 0;
    }
  g_assert_no_error (error);

  g_assert_nonnull (vertebro_ruleset_get_id (rules));
  g_assert_cmpuint (strlen (vertebro_ruleset_get_sha256 (rules)), ==, 64);
  for (guint i = 0; i < vertebro_ruleset_get_n_thresholds (rules); i++)
    g_assert_nonnull (vertebro_ruleset_get_threshold (rules, i, NULL, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (patients); i++)
    fuzz_check_assessment (rules, patients[i]);
  return 0;
}
