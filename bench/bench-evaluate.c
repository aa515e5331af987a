/* bench-evaluate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The evaluator's speed: COUNT patients are generated from a fixed seed
 * (every field of the format, set, unset or out of the usual range, 0–8
 * levels, 0–4 antithrombotics), each is evaluated against the built-in rule
 * set, loaded once, and only vertebro_evaluate() is timed.
 *
 *   bench-evaluate [COUNT]            prints median and 99th percentile (ns)
 *   bench-evaluate --untimed [COUNT]  no clock at all, for
 *       valgrind --tool=callgrind --toggle-collect=vertebro_evaluate
 *   bench-evaluate --json [COUNT]     prints every assessment's JSON, so
 *       that an optimisation can be checked to change no output (diff the
 *       output of the builds before and after)
 *
 * A benchmark, not a test: it prints figures and fails only when a
 * generated patient is refused (a bug in the generator).
 */

#include "config.h"

#include <stdio.h>
#include <math.h>
#include <string.h>

#include "vertebro-core.h"
#include "bench-clock.h"

static const char *sexes[] = { "female", "male", "other" };
static const char *procedures[] = { "vertebroplasty", "kyphoplasty", "kyphoplasty_stent" };
static const char *etiologies[] = { "osteoporotic", "osteoporotic", "osteoporotic", "metastatic", "myeloma",
                                    "haemangioma", "osteonecrosis", "traumatic", "other" };
static const char *pain_sources[] = { "disc_herniation", "facet_arthropathy", "deformity", "other" };
static const char *level_names[] = { "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9",
                                     "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5" };
static const char *walls[] = { "intact", "intact", "involved", "retropulsed" };
static const char *drugs[] = { "clopidogrel", "prasugrel", "ticagrelor", "aspirin", "warfarin",
                               "lmwh_prophylactic", "lmwh_therapeutic", "apixaban", "rivaroxaban",
                               "dabigatran", "edoxaban" };
static const char *history_answers[] = {
  "pain_refractory", "neuro_deficit", "radiculopathy", "unstable", "epidural_disease",
  "hypervascular", "infection_systemic", "infection_local", "osteomyelitis", "bleeding_disorder",
  "allergy_pmma", "allergy_beta_lactam", "allergy_contrast", "unfit_for_sedation",
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* Most answers are the reassuring one, so that every verdict occurs. */
static void
add_answer (GString    *json,
            GRand      *rand,
            const char *name,
            gboolean    last)
{
  double p = g_rand_double (rand);
  const char *value = p < 0.01 ? "null" : p < 0.985 ? "false" : "true";

  if (g_str_equal (name, "pain_refractory"))
    value = p < 0.01 ? "null" : p < 0.1 ? "false" : "true";
  g_string_append_printf (json, "    \"%s\": %s%s\n", name, value, last ? "" : ",");
}

static void
add_number (GString    *json,
            GRand      *rand,
            const char *name,
            double      null_p,
            double      low,
            double      high,
            int         decimals,
            gboolean    last)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (g_rand_double (rand) < null_p)
    g_string_append_printf (json, "    \"%s\": null", name);
  else
    {
      double scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
      double value = floor (g_rand_double_range (rand, low, high) * scale) / scale;

      g_string_append_printf (json, "    \"%s\": %s", name, g_ascii_formatd (buf, sizeof buf, "%.2f", value));
    }
  g_string_append (json, last ? "\n" : ",\n");
}

static char *
generate (GRand *rand)
{
  GString *json = g_string_new ("{\n  \"format\": \"vertebro-patient\",\n  \"version\": 1,\n");
  guint n_levels, n_drugs;
  int drug_draw;
  gboolean used[G_N_ELEMENTS (level_names)] = { FALSE };
  gboolean used_drug[G_N_ELEMENTS (drugs)] = { FALSE };
  const char *sex = g_rand_double (rand) < 0.02 ? NULL : PICK (rand, sexes);

  g_string_append (json, "  \"patient\": {\n    \"name\": \"Bench Patient\",\n");
  if (g_rand_double (rand) < 0.02)
    g_string_append (json, "    \"birth_date\": null,\n");
  else
    g_string_append_printf (json, "    \"birth_date\": \"%04d-%02d-%02d\",\n",
                            g_rand_int_range (rand, 1920, 2008), g_rand_int_range (rand, 1, 13),
                            g_rand_int_range (rand, 1, 29));
  if (sex == NULL)
    g_string_append (json, "    \"sex\": null,\n");
  else
    g_string_append_printf (json, "    \"sex\": \"%s\",\n", sex);
  add_number (json, rand, "weight_kg", 0.02, 38, 120, 1, FALSE);
  if (sex == NULL || !g_str_equal (sex, "female"))
    g_string_append (json, "    \"pregnant\": null\n  },\n");
  else
    {
      add_answer (json, rand, "pregnant", TRUE);
      g_string_append (json, "  },\n");
    }

  g_string_append (json, "  \"assessment\": {\n    \"date\": \"2026-11-21\",\n");
  if (g_rand_double (rand) < 0.15)
    g_string_append (json, "    \"planned_date\": null,\n");
  else
    g_string_append_printf (json, "    \"planned_date\": \"2026-%02d-%02d\",\n",
                            g_rand_int_range (rand, 11, 13), g_rand_int_range (rand, 22, 29));
  g_string_append_printf (json, "    \"procedure\": \"%s\"\n  },\n", PICK (rand, procedures));

  g_string_append (json, "  \"history\": {\n");
  if (g_rand_double (rand) < 0.02)
    g_string_append (json, "    \"etiology\": null,\n");
  else
    g_string_append_printf (json, "    \"etiology\": \"%s\",\n", PICK (rand, etiologies));
  add_number (json, rand, "pain_nrs", 0.02, 2, 11, 0, FALSE);
  add_number (json, rand, "conservative_weeks", 0.02, 0, 20, 0, FALSE);
  g_string_append_printf (json, "    \"dominant_pain_source\": \"%s\",\n",
                          g_rand_double (rand) < 0.9 ? "fracture" : PICK (rand, pain_sources));
  for (guint i = 0; i < G_N_ELEMENTS (history_answers); i++)
    add_answer (json, rand, history_answers[i], i + 1 == G_N_ELEMENTS (history_answers));
  g_string_append (json, "  },\n");

  g_string_append (json, "  \"labs\": {\n");
  add_number (json, rand, "inr", 0.03, 0.8, 1.7, 1, FALSE);
  add_number (json, rand, "platelets", 0.03, 20000, 400000, 0, FALSE);
  add_number (json, rand, "crcl", 0.6, 10, 120, 0, FALSE);
  add_number (json, rand, "creatinine_umol_l", 0.05, 40, 300, 0, TRUE);
  g_string_append (json, "  },\n");

  /* Mostly one or two drugs or none, sometimes four. */
  drug_draw = g_rand_int_range (rand, -2, 5);
  n_drugs = (guint) CLAMP (drug_draw, 0, 4);
  g_string_append (json, "  \"antithrombotics\": [");
  for (guint i = 0; i < n_drugs; i++)
    {
      guint d;

      do
        d = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (drugs));
      while (used_drug[d]);
      used_drug[d] = TRUE;
      g_string_append_printf (json, "%s\n    { \"drug\": \"%s\", \"held\": ", i > 0 ? "," : "", drugs[d]);
      if (g_rand_double (rand) < 0.1)
        g_string_append (json, "null }");
      else
        g_string_append_printf (json, "%d }", g_rand_int_range (rand, 0, 12));
    }
  g_string_append (json, "\n  ],\n");

  /* Usually one to three levels, sometimes none, up to the maximum of 8. */
  n_levels = g_rand_double (rand) < 0.02 ? 0
           : g_rand_double (rand) < 0.05 ? (guint) g_rand_int_range (rand, 4, VERTEBRO_PATIENT_MAX_LEVELS + 1)
           : (guint) g_rand_int_range (rand, 1, 4);
  g_string_append (json, "  \"levels\": [");
  for (guint i = 0; i < n_levels; i++)
    {
      guint l;

      do
        l = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (level_names));
      while (used[l]);
      used[l] = TRUE;
      g_string_append_printf (json, "%s\n    { \"level\": \"%s\", ", i > 0 ? "," : "", level_names[l]);
      if (g_rand_double (rand) < 0.03)
        g_string_append (json, "\"collapse_percent\": null, ");
      else
        g_string_append_printf (json, "\"collapse_percent\": %d, ", g_rand_int_range (rand, 5, 90));
      if (g_rand_double (rand) < 0.03)
        g_string_append (json, "\"acuity\": null, ");
      else
        g_string_append_printf (json, "\"acuity\": \"%s\", ", g_rand_double (rand) < 0.9 ? "unhealed" : "healed");
      g_string_append_printf (json, "\"posterior_wall\": \"%s\", ", PICK (rand, walls));
      g_string_append_printf (json, "\"pain_concordant\": %s }",
                              g_rand_double (rand) < 0.02 ? "null" : g_rand_double (rand) < 0.9 ? "true" : "false");
    }
  g_string_append (json, "\n  ]\n}\n");

  return g_string_free (json, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroRuleset) rules = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  gboolean timed = TRUE, json = FALSE;
  guint count = 100000;
  guint verdicts[VERTEBRO_VERDICT_ELIGIBLE + 1] = { 0 };
  gint64 *times;
  GDate today;
  int arg = 1;

  if (arg < argc && (g_str_equal (argv[arg], "--untimed") || g_str_equal (argv[arg], "--json")))
    {
      json = g_str_equal (argv[arg], "--json");
      timed = FALSE;
      arg++;
    }
  if (arg < argc)
    count = (guint) g_ascii_strtoull (argv[arg], NULL, 10);
  if (count == 0)
    {
      g_printerr ("usage: bench-evaluate [--untimed|--json] [COUNT]\n");
      return 2;
    }

  rules = vertebro_ruleset_new_default (&error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 21, G_DATE_NOVEMBER, 2026);
  times = g_new (gint64, count);

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *data = generate (rand);
      g_autoptr(VertebroPatient) patient = vertebro_patient_new_from_data (data, strlen (data), &error);
      VertebroAssessment *assessment;
      gint64 start = 0;

      if (patient == NULL)
        g_error ("generated patient %u refused: %s\n%s", i, error->message, data);

      if (timed)
        start = bench_now_ns ();
      assessment = vertebro_evaluate (rules, patient, &today);
      if (timed)
        times[i] = bench_now_ns () - start;

      verdicts[vertebro_assessment_get_verdict (assessment)]++;
      if (json)
        {
          g_autofree char *text = vertebro_assessment_to_json (assessment);

          g_print ("%s\n", text);
        }
      vertebro_assessment_unref (assessment);
    }

  g_printerr ("bench-evaluate: %u patients:", count);
  for (guint v = 0; v < G_N_ELEMENTS (verdicts); v++)
    g_printerr (" %s %u", vertebro_verdict_to_string (v), verdicts[v]);
  g_printerr ("\n");

  if (timed)
    {
      bench_sort_ns (times, count);
      g_print ("median_ns=%" G_GINT64_FORMAT "\n", times[count / 2]);
      g_print ("p99_ns=%" G_GINT64_FORMAT "\n", times[MIN (count - 1, (guint) ((count * 99ull) / 100))]);
    }
  g_free (times);
  return 0;
}
