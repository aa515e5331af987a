/* fuzz-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for what the form reads from its entries
 * (src/core/vertebro-input.c): any text is empty, invalid with a message,
 * or a value inside the field's range that the form shows again as a text
 * that reads back to the very same value. The first byte picks the field,
 * the unit (platelets in /µL or ×10⁹/L) and the locale (C or German, whose
 * decimal separator is a comma); the rest is what was typed.
 *
 *   build-aux/dev fuzz [SECONDS]
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "fuzz-common.h"

static const char * const number_fields[] = {
  "patient.weight_kg", "history.pain_nrs", "history.conservative_weeks", "labs.inr",
  "labs.platelets", "labs.crcl", "labs.creatinine_umol_l",
};

static const char * const date_fields[] = {
  "patient.birth_date", "assessment.planned_date",
};

static gboolean german;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_set_up ();
  /* One locale for the whole run (setlocale() for each input would be slow
   * and is not what the form does): German when it exists, for its comma. */
  german = setlocale (LC_ALL, "de_DE.UTF-8") != NULL;
  if (!german)
    setlocale (LC_ALL, "C.UTF-8");
  return 0;
}

static void
check_message (const char *message)
{
  g_assert_nonnull (message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_cmpuint (strlen (message), >, 0);
}

static void
fuzz_number (const VertebroField *field,
             double               scale,
             const char          *text)
{
  g_autofree char *message = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *message_again = NULL;
  double value = NAN, again = NAN;

  switch (vertebro_input_parse_number (field, text, scale, &value, &message))
    {
    case VERTEBRO_INPUT_EMPTY:
      g_assert_null (message);
      return;
    case VERTEBRO_INPUT_INVALID:
      check_message (message);
      return;
    case VERTEBRO_INPUT_VALID:
    default:
      break;
    }
  g_assert_null (message);
  g_assert_true (isfinite (value));
  g_assert_cmpfloat (value, >=, field->min);
  g_assert_cmpfloat (value, <=, field->max);
  if (field->kind == VERTEBRO_FIELD_INTEGER || scale != 1)
    g_assert_cmpfloat (value, ==, floor (value));

  /* What the form shows reads back to the same value. */
  shown = vertebro_input_format_number (value / scale);
  g_assert_cmpint (vertebro_input_parse_number (field, shown, scale, &again, &message_again), ==, VERTEBRO_INPUT_VALID);
  g_assert_cmpfloat (again, ==, value);
}

static void
fuzz_date (const VertebroField *field,
           const char          *text)
{
  g_autofree char *message = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *message_again = NULL;
  GDate date, again;

  switch (vertebro_input_parse_date (field, text, &date, &message))
    {
    case VERTEBRO_INPUT_EMPTY:
      g_assert_null (message);
      return;
    case VERTEBRO_INPUT_INVALID:
      check_message (message);
      return;
    case VERTEBRO_INPUT_VALID:
    default:
      break;
    }
  /* The form holds only what a file may hold, and shows it readably. */
  g_assert_true (vertebro_date_readable (&date));
  shown = vertebro_input_format_date (&date);
  g_assert_cmpint (vertebro_input_parse_date (field, shown, &again, &message_again), ==, VERTEBRO_INPUT_VALID);
  g_assert_cmpint (g_date_compare (&date, &again), ==, 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  guint choice;

  /* An entry holds UTF-8 text without NULs; a 4 MiB name is the form's
   * problem, not the parser's. */
  if (size == 0 || size > 4096)
    return 0;
  text = g_strndup ((const char *) data + 1, size - 1);
  if (!g_utf8_validate (text, -1, NULL))
    return 0;

  choice = data[0] % (G_N_ELEMENTS (number_fields) + 1 + G_N_ELEMENTS (date_fields));
  if (choice < G_N_ELEMENTS (number_fields))
    fuzz_number (vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, number_fields[choice]), 1, text);
  else if (choice == G_N_ELEMENTS (number_fields))
    fuzz_number (vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, "labs.platelets"), 1000, text);
  else
    fuzz_date (vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT,
                                       date_fields[choice - G_N_ELEMENTS (number_fields) - 1]),
               text);
  return 0;
}
