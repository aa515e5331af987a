/* fuzz-patient.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the patient loader: any bytes are either refused
 * with a message or give a patient that is written back as a file that
 * reads again to the very same bytes, and that evaluates against the
 * built-in rules to an assessment whose JSON reads back.
 *
 *   build-aux/dev fuzz [SECONDS]
 */

#include "config.h"

#include "fuzz-common.h"

static VertebroRuleset *rules;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  fuzz_set_up ();
  /* Kept for the whole run: reachable, so never reported as a leak. */
  rules = vertebro_ruleset_new_default (&error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = NULL;
  g_autoptr(VertebroPatient) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  /* Files larger than this are refused before they are read. */
  if (size > VERTEBRO_PATIENT_MAX_BYTES)
    return 0;

  patient = vertebro_patient_new_from_data ((const char *) data, size, &error);
  if (patient == NULL)
    {
      fuzz_assert_refused (patient, error);
      return 0;
    }
  g_assert_no_error (error);

  /* Saving what was opened gives a file that opens again, and is a fixed
   * point: nothing is lost or changed by a second round. */
  g_assert_true (vertebro_patient_check (patient, &error));
  g_assert_no_error (error);
  written = vertebro_patient_to_data (patient);
  again = vertebro_patient_new_from_data (written, strlen (written), &error);
  g_assert_no_error (error);
  rewritten = vertebro_patient_to_data (again);
  g_assert_cmpstr (written, ==, rewritten);

  fuzz_check_assessment (rules, patient);
  return 0;
}
