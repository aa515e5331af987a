/* fuzz-common.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the fuzz targets share: the libFuzzer entry points, and the checks
 * every accepted input must pass. The same target code runs under libFuzzer
 * (tests/fuzz/meson.build, -Dfuzzing=true) and, through replay.c, in the
 * ordinary test suite over the seeds and every input that ever crashed.
 */

#pragma once

#include <stddef.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "vertebro-core.h"
#include "vertebro-json.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* Prints the message, then aborts on a warning, a critical or an error. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

/* Any warning or critical (a g_return_if_fail that failed, say) is a bug
 * that the fuzzer must report as a crash. GLib's own fatal logs end in
 * G_BREAKPOINT(), a SIGTRAP that libFuzzer does not catch: it dies without
 * keeping the input. So the writer aborts itself first: SIGABRT is a crash
 * libFuzzer records (crash-… in the artifacts folder). Unstructured logs
 * (g_critical() from g_return_if_fail()) reach the writer through GLib's
 * default handler. */
static inline void
fuzz_set_up (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/* A refusal is clean: an error with a message, nothing else. */
static inline void
fuzz_assert_refused (gconstpointer  result,
                     const GError  *error)
{
  g_assert_null (result);
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static inline void
fuzz_check_item_texts (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      const VertebroItem *item = g_ptr_array_index (items, i);

      for (VertebroTextStyle style = VERTEBRO_TEXT_PORTABLE; style <= VERTEBRO_TEXT_LOCALIZED; style++)
        {
          g_autofree char *text = vertebro_item_dup_text (item, style);
          g_autofree char *remedy = vertebro_item_dup_remedy (item, style);

          g_assert_nonnull (text);
          g_assert_true (g_utf8_validate (text, -1, NULL));
          g_assert_true (remedy == NULL || g_utf8_validate (remedy, -1, NULL));
        }
      g_assert_nonnull (vertebro_item_get_id (item));
    }
}

/* Evaluates @patient against @rules and checks what every assessment must
 * satisfy: its JSON reads back strictly, the verdict is never better than
 * "incomplete" while something needed is missing, and every text renders. */
static inline void
fuzz_check_assessment (VertebroRuleset *rules,
                       VertebroPatient *patient)
{
  GDate today;
  g_autoptr(VertebroAssessment) assessment = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *missing;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 21, G_DATE_NOVEMBER, 2026);
  assessment = vertebro_evaluate (rules, patient, &today);
  g_assert_nonnull (assessment);

  json = vertebro_assessment_to_json (assessment);
  root = vertebro_json_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  missing = vertebro_assessment_get_missing (assessment);
  if (missing != NULL && missing[0] != NULL)
    g_assert_cmpint (vertebro_assessment_get_verdict (assessment), <=, VERTEBRO_VERDICT_INCOMPLETE);

  for (guint l = 0; l < vertebro_assessment_get_n_levels (assessment); l++)
    g_assert_cmpint (vertebro_assessment_get_level_verdict (assessment, l), <=, VERTEBRO_VERDICT_ELIGIBLE);

  fuzz_check_item_texts (vertebro_assessment_get_findings (assessment));
  fuzz_check_item_texts (vertebro_assessment_get_checklist (assessment));
  fuzz_check_item_texts (vertebro_assessment_get_counsel (assessment));
}
