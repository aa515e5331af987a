/* test-properties.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties of the evaluation over thousands of generated valid patients,
 * with the built-in rules:
 *
 *  - the same input always gives the same output (twice, and after a save
 *    and reload);
 *  - no verdict better than "incomplete" (so never "eligible"), overall or
 *    for a level, while anything needed for it is missing;
 *  - making any single answer worse (an absolute contraindication true, the
 *    INR up, the platelets down, a held count down, an unhealed level healed,
 *    concordant pain at a level not concordant) never makes any verdict
 *    better, overall or for any level; verdicts from worst to best: contraindicated, not_indicated,
 *    incomplete, not_ready, review, eligible;
 *  - the JSON output always parses and has the contract's shape.
 *
 * Patients are generated from the field tables of the format, starting
 * from an eligible patient so that every verdict is well represented: half
 * of them up to three random changes away from it, half with each field
 * changed at random with a chance of one in five. Each case has its own
 * generator, seeded from the run's seed and the case number, so that a
 * failure names the one case to run again:
 *
 *   VERTEBRO_PROPERTY_SEED=S VERTEBRO_PROPERTY_CASE=N test-properties
 *
 * VERTEBRO_PROPERTY_CASES sets how many cases are generated (default 2000;
 * fewer under valgrind, which looks for memory errors, not for more cases).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vertebro-core.h"
#include "vertebro-json.h"

#define DEFAULT_SEED  20261121u
#define DEFAULT_CASES 2000u
/* At most this many failing cases are printed in full per test. */
#define MAX_REPORTED  5

static guint32 seed = DEFAULT_SEED;
static guint n_cases = DEFAULT_CASES;
static gint64 only_case = -1;
static VertebroRuleset *rules;
static GDate today;

/* The generated patients, as JSON trees; made once, read by every test. */
static GPtrArray *cases;

/* ---- Generating patients ---- */

/* An eligible patient: the starting point of the "near" half. */
static const char eligible_text[] =
  "{\"format\": \"vertebro-patient\", \"version\": 1,"
  " \"patient\": {\"name\": \"Property Example\", \"identifier\": \"P-1\", \"birth_date\": \"1944-06-14\","
  "   \"sex\": \"female\", \"weight_kg\": 58, \"pregnant\": null},"
  " \"assessment\": {\"date\": \"2026-11-21\", \"planned_date\": \"2026-11-28\", \"procedure\": \"vertebroplasty\"},"
  " \"history\": {\"etiology\": \"osteoporotic\", \"pain_nrs\": 8, \"pain_refractory\": true, \"conservative_weeks\": 7,"
  "   \"dominant_pain_source\": \"fracture\", \"neuro_deficit\": false, \"radiculopathy\": false, \"unstable\": false,"
  "   \"epidural_disease\": null, \"hypervascular\": null, \"infection_systemic\": false, \"infection_local\": false,"
  "   \"osteomyelitis\": false, \"bleeding_disorder\": false, \"allergy_pmma\": false, \"allergy_beta_lactam\": false,"
  "   \"allergy_contrast\": false, \"unfit_for_sedation\": false, \"on_antithrombotics\": true},"
  " \"labs\": {\"inr\": 1.0, \"platelets\": 245000, \"crcl\": null, \"creatinine_umol_l\": 72},"
  " \"antithrombotics\": [{\"drug\": \"clopidogrel\", \"held\": 7}],"
  " \"levels\": [{\"level\": \"T12\", \"collapse_percent\": 32, \"acuity\": \"unhealed\", \"posterior_wall\": \"intact\","
  "   \"pain_concordant\": true},"
  "  {\"level\": \"L1\", \"collapse_percent\": 22, \"acuity\": \"unhealed\", \"posterior_wall\": \"intact\","
  "   \"pain_concordant\": true}],"
  " \"checklist\": {\"prep.imaging\": true}}";

static const char * const absolute_conditions[] = {
  "history.infection_systemic", "history.infection_local", "history.osteomyelitis",
  "history.bleeding_disorder", "history.neuro_deficit", "history.unstable",
  "history.allergy_pmma", "history.unfit_for_sedation", "patient.pregnant",
};

static JsonObject *
section_of (JsonObject *root,
            const char *section)
{
  if (section == NULL)
    return root;
  if (!json_object_has_member (root, section))
    json_object_set_object_member (root, section, json_object_new ());
  return json_object_get_object_member (root, section);
}

/* Numbers as a form would give them: whole, or with one or two decimals. */
static double
round_like_input (GRand  *rand,
                  double  value)
{
  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0: return round (value);
    case 1: return round (value * 10) / 10;
    default: return round (value * 100) / 100;
    }
}

/* Most numbers near where the rules look, some anywhere in the range. */
static double
random_number (GRand               *rand,
               const VertebroField *field)
{
  static const struct {
    const char *path;
    double      low;
    double      high;
  } typical[] = {
    { "labs.inr", 0.8, 2.2 },
    { "labs.platelets", 20000, 300000 },
    { "labs.crcl", 10, 120 },
    { "labs.creatinine_umol_l", 40, 400 },
    { "patient.weight_kg", 35, 130 },
    { "history.conservative_weeks", 0, 20 },
    { "level.collapse_percent", 0, 90 },
    { "antithrombotic.held", 0, 10 },
  };
  double low = field->min, high = field->max, value;

  for (guint i = 0; i < G_N_ELEMENTS (typical); i++)
    if (g_str_equal (field->path, typical[i].path) && g_rand_int_range (rand, 0, 5) > 0)
      {
        low = typical[i].low;
        high = typical[i].high;
      }
  if (field->kind == VERTEBRO_FIELD_INTEGER)
    return g_rand_int_range (rand, (gint32) low, (gint32) high + 1);
  value = round_like_input (rand, g_rand_double_range (rand, low, high));
  return CLAMP (value, field->min, field->max);
}

static void
set_date (JsonObject  *object,
          const char  *member,
          const GDate *date)
{
  char text[16];

  g_snprintf (text, sizeof text, "%04d-%02d-%02d",
              g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
  json_object_set_string_member (object, member, text);
}

/* Sets @field of @object to a random valid value: null (not assessed)
 * sometimes, else a value of its kind in its range. Dates are set by
 * random_dates(), which keeps them consistent. */
static void
set_random_value (GRand               *rand,
                  JsonObject          *object,
                  const VertebroField *field)
{
  static const char * const texts[] = { "Ann Example", "Zoë Ωmega-Жукова", "line\nbreak \"quoted\"", "" };

  if (field->nullable && field->kind != VERTEBRO_FIELD_DATE && g_rand_int_range (rand, 0, 8) == 0)
    {
      json_object_set_null_member (object, field->member);
      return;
    }

  switch (field->kind)
    {
    case VERTEBRO_FIELD_TEXT:
      json_object_set_string_member (object, field->member, texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))]);
      break;
    case VERTEBRO_FIELD_DATE:
      break;
    case VERTEBRO_FIELD_NUMBER:
    case VERTEBRO_FIELD_INTEGER:
      json_object_set_double_member (object, field->member, random_number (rand, field));
      break;
    case VERTEBRO_FIELD_ANSWER:
      /* Most questions are about a problem, which most patients do not
       * have; a "yes" one time in four. */
      json_object_set_boolean_member (object, field->member, g_rand_int_range (rand, 0, 4) == 0);
      break;
    case VERTEBRO_FIELD_CHOICE:
      {
        guint n = vertebro_field_n_choices (field);

        json_object_set_string_member (object, field->member, field->choices[g_rand_int_range (rand, 0, n)].value);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The assessment date (or none: today), a birth date before it (or none)
 * and a planned date after it (or none). Ages from 10 to 100 cover both
 * sides of the pregnancy question's age band. */
static void
random_dates (GRand      *rand,
              JsonObject *root)
{
  JsonObject *patient = section_of (root, "patient");
  JsonObject *assessment = section_of (root, "assessment");
  GDate date, birth, planned;

  g_date_clear (&date, 1);
  if (g_rand_int_range (rand, 0, 4) == 0)
    {
      json_object_remove_member (assessment, "date");
      date = today;
    }
  else
    {
      g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2025);
      g_date_add_days (&date, g_rand_int_range (rand, 0, 3 * 365));
      set_date (assessment, "date", &date);
    }

  if (g_rand_int_range (rand, 0, 8) == 0)
    json_object_set_null_member (patient, "birth_date");
  else
    {
      birth = date;
      g_date_subtract_days (&birth, g_rand_int_range (rand, 10 * 365, 100 * 365));
      set_date (patient, "birth_date", &birth);
    }

  /* The pain began up to 20 weeks before the assessment, or is not dated. */
  if (g_rand_int_range (rand, 0, 3) == 0)
    json_object_set_null_member (section_of (root, "history"), "pain_onset_date");
  else
    {
      GDate onset = date;

      g_date_subtract_days (&onset, g_rand_int_range (rand, 0, 20 * 7));
      set_date (section_of (root, "history"), "pain_onset_date", &onset);
    }

  if (g_rand_int_range (rand, 0, 4) == 0)
    json_object_set_null_member (assessment, "planned_date");
  else
    {
      planned = date;
      g_date_add_days (&planned, g_rand_int_range (rand, 0, 30));
      set_date (assessment, "planned_date", &planned);
    }
}

static JsonObject *
random_entry (GRand           *rand,
              VertebroRecord   record,
              const char      *key_member,
              const char      *key)
{
  JsonObject *entry = json_object_new ();
  guint n;
  const VertebroField *fields = vertebro_fields_get (record, &n);

  json_object_set_string_member (entry, key_member, key);
  for (guint i = 0; i < n; i++)
    if (!g_str_equal (fields[i].member, key_member))
      set_random_value (rand, entry, &fields[i]);
  return entry;
}

/* @count distinct values of the key field of @record, in random order. */
static GPtrArray *
random_keys (GRand          *rand,
             VertebroRecord  record,
             const char     *key_path,
             guint           count)
{
  const VertebroField *key = vertebro_fields_lookup (record, key_path);
  guint n = vertebro_field_n_choices (key);
  g_autofree guint *order = g_new (guint, n);
  GPtrArray *keys = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1), t = order[i];

      order[i] = order[j];
      order[j] = t;
    }
  for (guint i = 0; i < MIN (count, n); i++)
    g_ptr_array_add (keys, (gpointer) key->choices[order[i]].value);
  return keys;
}

static void
random_lists (GRand      *rand,
              JsonObject *root)
{
  /* Mostly one to three levels, sometimes none, sometimes up to eight. */
  static const guint level_counts[] = { 0, 1, 1, 1, 2, 2, 3, 4, 8 };
  guint n_levels = level_counts[g_rand_int_range (rand, 0, G_N_ELEMENTS (level_counts))];
  guint n_drugs = g_rand_int_range (rand, 0, 4);
  g_autoptr(GPtrArray) levels = random_keys (rand, VERTEBRO_RECORD_LEVEL, "level.level", n_levels);
  g_autoptr(GPtrArray) drugs = random_keys (rand, VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.drug", n_drugs);
  JsonArray *array;

  array = json_array_new ();
  for (guint i = 0; i < levels->len; i++)
    json_array_add_object_element (array, random_entry (rand, VERTEBRO_RECORD_LEVEL, "level", levels->pdata[i]));
  json_object_set_array_member (root, "levels", array);

  array = json_array_new ();
  for (guint i = 0; i < drugs->len; i++)
    json_array_add_object_element (array, random_entry (rand, VERTEBRO_RECORD_ANTITHROMBOTIC, "drug", drugs->pdata[i]));
  json_object_set_array_member (root, "antithrombotics", array);
}

/* A patient-wide field other than a date, at random. */
static const VertebroField *
random_patient_field (GRand *rand)
{
  guint n;
  const VertebroField *fields = vertebro_fields_get (VERTEBRO_RECORD_PATIENT, &n);

  for (;;)
    {
      const VertebroField *field = &fields[g_rand_int_range (rand, 0, n)];

      if (field->kind != VERTEBRO_FIELD_DATE && field->section != NULL)
        return field;
    }
}

/* Changes that lead to the verdicts between the worst and the best: labs
 * near their limits (not ready), a relative contraindication (review), a
 * drug held for about as long as it must be. */
static void
nudge (GRand      *rand,
       JsonObject *root,
       int         what)
{
  static const char * const relative[] = {
    "history.radiculopathy", "history.etiology", "levels", "weight",
  };

  switch (what)
    {
    case 0:
      if (g_rand_boolean (rand))
        json_object_set_double_member (section_of (root, "labs"), "inr", round (g_rand_double_range (rand, 1.2, 1.9) * 10) / 10);
      else
        json_object_set_double_member (section_of (root, "labs"), "platelets", round (g_rand_double_range (rand, 30000, 90000)));
      break;
    case 1:
      {
        const char *which = relative[g_rand_int_range (rand, 0, G_N_ELEMENTS (relative))];
        JsonArray *levels = json_object_get_array_member (root, "levels");

        if (g_str_equal (which, "history.radiculopathy"))
          json_object_set_boolean_member (section_of (root, "history"), "radiculopathy", TRUE);
        else if (g_str_equal (which, "history.etiology"))
          json_object_set_string_member (section_of (root, "history"), "etiology",
                                         g_rand_boolean (rand) ? "traumatic" : "metastatic");
        else if (json_array_get_length (levels) > 0)
          {
            JsonObject *level = json_array_get_object_element (levels, g_rand_int_range (rand, 0, json_array_get_length (levels)));

            if (g_rand_boolean (rand))
              json_object_set_string_member (level, "posterior_wall", g_rand_boolean (rand) ? "involved" : "retropulsed");
            else
              json_object_set_double_member (level, "collapse_percent", g_rand_int_range (rand, 60, 96));
          }
      }
      break;
    case 2:
      {
        g_autoptr(GPtrArray) drugs = random_keys (rand, VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.drug", 1);
        JsonArray *array = json_array_new ();
        JsonObject *drug = json_object_new ();

        json_object_set_string_member (drug, "drug", drugs->pdata[0]);
        json_object_set_double_member (drug, "held", g_rand_int_range (rand, 0, 11));
        json_array_add_object_element (array, drug);
        json_object_set_array_member (root, "antithrombotics", array);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* What the format asks beyond single fields (patient-format.md): an "other"
 * antithrombotic has a name and no "held", a tabulated one neither "name"
 * nor "hold_agreed", and "no antithrombotics" is not answered while one is
 * listed. */
static void
make_consistent (GRand      *rand,
                 JsonObject *root)
{
  static const char * const others[] = { "phenprocoumon", "acenocoumarol", "fondaparinux", "cilostazol" };
  JsonArray *drugs = json_object_get_array_member (root, "antithrombotics");
  JsonObject *history = section_of (root, "history");

  for (guint i = 0; drugs != NULL && i < json_array_get_length (drugs); i++)
    {
      JsonObject *drug = json_array_get_object_element (drugs, i);

      if (g_str_equal (json_object_get_string_member (drug, "drug"), "other"))
        {
          json_object_remove_member (drug, "held");
          json_object_set_string_member (drug, "name", others[g_rand_int_range (rand, 0, G_N_ELEMENTS (others))]);
        }
      else
        {
          json_object_remove_member (drug, "name");
          json_object_remove_member (drug, "hold_agreed");
        }
    }
  if (drugs != NULL && json_array_get_length (drugs) > 0 &&
      json_object_has_member (history, "on_antithrombotics") &&
      !json_object_get_null_member (history, "on_antithrombotics") &&
      !json_object_get_boolean_member (history, "on_antithrombotics"))
    json_object_set_boolean_member (history, "on_antithrombotics", TRUE);
}

static JsonNode *
generate (guint index)
{
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GError) error = NULL;
  guint32 seeds[2] = { seed, index };
  JsonNode *node;
  JsonObject *root;

  rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  node = vertebro_json_parse (eligible_text, strlen (eligible_text), &error);
  g_assert_no_error (error);
  root = json_node_get_object (node);

  if (index % 2 == 0)
    {
      /* Near: up to three random changes to the eligible patient. */
      guint changes = g_rand_int_range (rand, 0, 4);

      for (guint i = 0; i < changes; i++)
        {
          int what = g_rand_int_range (rand, 0, 12);

          if (what < 5)
            {
              const VertebroField *field = random_patient_field (rand);

              set_random_value (rand, section_of (root, field->section), field);
            }
          else if (what == 5)
            random_dates (rand, root);
          else if (what == 6)
            random_lists (rand, root);
          else if (what < 9)
            {
              JsonArray *levels = json_object_get_array_member (root, "levels");
              guint n_levels = json_array_get_length (levels);
              guint n;
              const VertebroField *fields = vertebro_fields_get (VERTEBRO_RECORD_LEVEL, &n);

              if (n_levels > 0)
                set_random_value (rand, json_array_get_object_element (levels, g_rand_int_range (rand, 0, n_levels)),
                                  &fields[g_rand_int_range (rand, 1, n)]);
            }
          else
            nudge (rand, root, what - 9);
        }
    }
  else
    {
      /* Far: each field changed with a chance of one in five, and new
       * dates, levels and drugs. */
      guint n;
      const VertebroField *fields = vertebro_fields_get (VERTEBRO_RECORD_PATIENT, &n);

      for (guint i = 0; i < n; i++)
        if (fields[i].kind != VERTEBRO_FIELD_DATE && fields[i].section != NULL && g_rand_int_range (rand, 0, 5) == 0)
          set_random_value (rand, section_of (root, fields[i].section), &fields[i]);
      random_dates (rand, root);
      if (g_rand_boolean (rand))
        random_lists (rand, root);
    }

  make_consistent (rand, root);
  return node;
}

/* ---- Evaluating ---- */

typedef struct {
  guint               index;
  char               *text;        /* the patient file */
  char               *saved;       /* the patient saved again */
  JsonNode           *node;        /* its tree, for the contract's checks */
  VertebroPatient    *patient;
  VertebroAssessment *assessment;
  char               *json;        /* the assessment's JSON output */
} Case;

static void
case_free (Case *c)
{
  g_free (c->text);
  g_free (c->saved);
  json_node_unref (c->node);
  g_object_unref (c->patient);
  vertebro_assessment_unref (c->assessment);
  g_free (c->json);
  g_free (c);
}

static Case *
case_new (guint index)
{
  Case *c = g_new0 (Case, 1);
  g_autoptr(GError) error = NULL;

  c->index = index;
  c->node = generate (index);
  c->text = vertebro_json_to_string (c->node, FALSE);
  c->patient = vertebro_patient_new_from_data (c->text, strlen (c->text), &error);
  if (c->patient == NULL)
    g_error ("a generated patient was refused: %s (VERTEBRO_PROPERTY_SEED=%u VERTEBRO_PROPERTY_CASE=%u)\n%s",
             error->message, seed, index, c->text);
  c->saved = vertebro_patient_to_data (c->patient);
  c->assessment = vertebro_evaluate (rules, c->patient, &today);
  c->json = vertebro_assessment_to_json (c->assessment);
  return c;
}

static guint n_failures;

G_GNUC_PRINTF (3, 4)
static void
report (const Case *c,
        const char *worse_text,
        const char *format,
        ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (n_failures++ < MAX_REPORTED)
    {
      g_test_message ("patient:\n%s", c->text);
      if (worse_text != NULL)
        g_test_message ("made worse:\n%s", worse_text);
      g_test_fail_printf ("%s (reproduce with VERTEBRO_PROPERTY_SEED=%u VERTEBRO_PROPERTY_CASE=%u)",
                          what, seed, c->index);
    }
  else
    g_test_fail ();
}

typedef void (*CaseFunc) (Case *c);

static void
for_each_case (CaseFunc func)
{
  n_failures = 0;
  for (guint i = 0; i < cases->len; i++)
    func (g_ptr_array_index (cases, i));
  if (n_failures > 0)
    g_test_message ("%u failures in %u cases", n_failures, cases->len);
}

/* ---- Properties ---- */

/* Every generated patient is valid, and its saved form is a fixed point. */
static void
check_valid (Case *c)
{
  g_autoptr(VertebroPatient) again = vertebro_patient_new_from_data (c->saved, strlen (c->saved), NULL);
  g_autofree char *saved_again = again != NULL ? vertebro_patient_to_data (again) : NULL;

  if (g_strcmp0 (c->saved, saved_again) != 0)
    report (c, NULL, "saving and opening again changed the patient");
}

static void
test_valid (void)
{
  for_each_case (check_valid);
}

static guint n_applied;

/* Rule set 2.0.0 (clinical-rules.md §9.1): a recorded "yes" to pregnancy
 * always contraindicates, whatever the sex and age. Each patient is asked
 * again with the answer set to yes. */
static void
check_pregnancy (Case *c)
{
  g_autoptr(VertebroPatient) pregnant = vertebro_patient_new_from_data (c->saved, strlen (c->saved), NULL);
  g_autoptr(VertebroAssessment) a = NULL;

  vertebro_patient_set_answer (pregnant, "patient.pregnant", VERTEBRO_ANSWER_YES);
  a = vertebro_evaluate (rules, pregnant, &today);
  if (vertebro_assessment_get_verdict (a) != VERTEBRO_VERDICT_CONTRAINDICATED ||
      !vertebro_assessment_has_finding (a, "ci.pregnancy"))
    report (c, NULL, "a recorded pregnancy gave %s", vertebro_verdict_to_string (vertebro_assessment_get_verdict (a)));
}

static void
test_pregnancy (void)
{
  for_each_case (check_pregnancy);
}

/* §9.2: the Cockcroft–Gault clearance is never rounded up: it is at most
 * the exact value, and less than 0.1 mL/min below it. */
static void
check_crcl_rounding (Case *c)
{
  JsonObject *root = json_node_get_object (c->node);
  JsonObject *labs = section_of (root, "labs");
  JsonObject *patient = section_of (root, "patient");
  const char *sex;
  double crcl, exact;
  int age;

  if (!json_object_has_member (labs, "crcl") || !json_object_get_null_member (labs, "crcl") ||
      !vertebro_assessment_get_crcl (c->assessment, &crcl) ||
      !vertebro_assessment_get_age (c->assessment, &age))
    return;
  sex = json_object_get_string_member (patient, "sex");
  exact = (140 - age) * json_object_get_double_member (patient, "weight_kg") *
          (g_str_equal (sex, "female") ? 0.85 : 1.0) /
          (72 * json_object_get_double_member (labs, "creatinine_umol_l") / 88.4);
  n_applied++;
  if (crcl > exact || exact - crcl >= 0.1 + 1e-9)
    report (c, NULL, "CrCl %.17g shown for an exact %.17g", crcl, exact);
}

static void
test_crcl_rounding (void)
{
  n_applied = 0;
  for_each_case (check_crcl_rounding);
  /* The property is not tested vacuously. */
  if (only_case < 0)
    g_assert_cmpuint (n_applied, >=, cases->len / 10);
}

static void
check_deterministic (Case *c)
{
  g_autoptr(VertebroAssessment) second = vertebro_evaluate (rules, c->patient, &today);
  g_autoptr(VertebroPatient) reloaded = vertebro_patient_new_from_data (c->saved, strlen (c->saved), NULL);
  g_autoptr(VertebroAssessment) third = vertebro_evaluate (rules, reloaded, &today);
  g_autofree char *json2 = vertebro_assessment_to_json (second);
  g_autofree char *json3 = vertebro_assessment_to_json (third);

  if (!g_str_equal (c->json, json2))
    report (c, NULL, "evaluating twice gave two outputs");
  else if (!g_str_equal (c->json, json3))
    report (c, NULL, "evaluating after a save and reload gave another output");
}

static void
test_deterministic (void)
{
  for_each_case (check_deterministic);
}

static gboolean
missing_for_level (const char * const *missing,
                   guint               level)
{
  g_autofree char *prefix = g_strdup_printf ("levels[%u].", level);

  for (guint i = 0; missing[i] != NULL; i++)
    if (g_str_has_prefix (missing[i], prefix))
      return TRUE;
  return FALSE;
}

static gboolean
missing_patient_wide (const char * const *missing)
{
  for (guint i = 0; missing[i] != NULL; i++)
    if (!g_str_has_prefix (missing[i], "levels["))
      return TRUE;
  return FALSE;
}

/* No verdict better than "incomplete" while something it needs is missing;
 * checked for every patient, the generated ones and the ones made worse. */
static void
check_complete_assessment (const Case         *c,
                           const char         *worse_text,
                           VertebroAssessment *a)
{
  const char * const *missing = vertebro_assessment_get_missing (a);
  VertebroVerdict verdict = vertebro_assessment_get_verdict (a);

  if (missing[0] != NULL && verdict > VERTEBRO_VERDICT_INCOMPLETE)
    report (c, worse_text, "verdict %s while %s is missing", vertebro_verdict_to_string (verdict), missing[0]);

  for (guint l = 0; l < vertebro_assessment_get_n_levels (a); l++)
    {
      VertebroVerdict level_verdict = vertebro_assessment_get_level_verdict (a, l);

      if (level_verdict > VERTEBRO_VERDICT_INCOMPLETE &&
          (missing_patient_wide (missing) || missing_for_level (missing, l)))
        report (c, worse_text, "level %u is %s while something it needs is missing",
                l, vertebro_verdict_to_string (level_verdict));
    }

  /* The levels that qualify are only named when the overall verdict lets
   * the procedure go ahead once corrected. */
  for (const char * const *q = vertebro_assessment_get_qualifying_levels (a); *q != NULL; q++)
    if (verdict < VERTEBRO_VERDICT_NOT_READY)
      report (c, worse_text, "%s qualifies under the verdict %s", *q, vertebro_verdict_to_string (verdict));
}

static void
check_complete (Case *c)
{
  check_complete_assessment (c, NULL, c->assessment);
}

static void
test_complete (void)
{
  for_each_case (check_complete);
}

/* ---- Making one answer worse ---- */

/* Changes are made to the case's patient through its properties, each
 * undone after its evaluation: loading a patient costs more than
 * evaluating one. */
typedef struct {
  GObject    *object;
  const char *property;
  GValue      value;
} Saved;

static void
change (GArray       *saved,
        gpointer      object,
        const char   *property,
        const GValue *value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  Saved s = { g_object_ref (object), property, G_VALUE_INIT };

  g_assert_nonnull (pspec);
  g_value_init (&s.value, pspec->value_type);
  g_object_get_property (object, property, &s.value);
  g_array_append_val (saved, s);
  g_object_set_property (object, property, value);
}

static void
undo (GArray *saved)
{
  for (guint i = saved->len; i > 0; i--)
    {
      Saved *s = &g_array_index (saved, Saved, i - 1);

      g_object_set_property (s->object, s->property, &s->value);
      g_value_unset (&s->value);
      g_object_unref (s->object);
    }
  g_array_set_size (saved, 0);
}

static const char *
property_of (VertebroRecord  record,
             const char     *path)
{
  const VertebroField *field = vertebro_fields_lookup (record, path);

  g_assert_nonnull (field);
  return field->property;
}

static void
change_double (GArray     *saved,
               gpointer    object,
               const char *property,
               double      number)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, number);
  change (saved, object, property, &value);
}

typedef struct {
  const char *name;
  /* Makes variant @k of the change; FALSE when this patient has no such
   * variant or it would change nothing. */
  gboolean  (*worsen) (GRand *rand, VertebroPatient *patient, guint k, GArray *saved);
} Worsening;

static gboolean
worsen_absolute (GRand           *rand,
                 VertebroPatient *patient,
                 guint            k,
                 GArray          *saved)
{
  g_auto(GValue) yes = G_VALUE_INIT;

  if (k >= G_N_ELEMENTS (absolute_conditions) ||
      vertebro_patient_get_answer (patient, absolute_conditions[k]) == VERTEBRO_ANSWER_YES)
    return FALSE;
  g_value_init (&yes, VERTEBRO_TYPE_ANSWER);
  g_value_set_enum (&yes, VERTEBRO_ANSWER_YES);
  change (saved, patient, property_of (VERTEBRO_RECORD_PATIENT, absolute_conditions[k]), &yes);
  return TRUE;
}

/* Up to the format's limit of 20: a little, to the limit of 1.5, at
 * random, to 20. */
static gboolean
worsen_inr (GRand           *rand,
            VertebroPatient *patient,
            guint            k,
            GArray          *saved)
{
  double inr = vertebro_patient_get_number (patient, "labs.inr");
  double targets[4];

  if (isnan (inr) || k >= G_N_ELEMENTS (targets))
    return FALSE;
  targets[0] = inr + 0.01;
  targets[1] = MAX (inr, 1.5);
  targets[2] = inr + round (g_rand_double_range (rand, 0, 20 - inr) * 10) / 10;
  targets[3] = 20;
  if (targets[k] > 20 || targets[k] == inr)
    return FALSE;
  change_double (saved, patient, property_of (VERTEBRO_RECORD_PATIENT, "labs.inr"), targets[k]);
  return TRUE;
}

/* Down to none: a little, to just under the limit of 50000/µL, at random,
 * to none. */
static gboolean
worsen_platelets (GRand           *rand,
                  VertebroPatient *patient,
                  guint            k,
                  GArray          *saved)
{
  double platelets = vertebro_patient_get_number (patient, "labs.platelets");
  double targets[4];

  if (isnan (platelets) || k >= G_N_ELEMENTS (targets))
    return FALSE;
  targets[0] = platelets - 1;
  targets[1] = MIN (platelets, 49999);
  targets[2] = floor (g_rand_double_range (rand, 0, platelets));
  targets[3] = 0;
  if (targets[k] < 0 || targets[k] == platelets)
    return FALSE;
  change_double (saved, patient, property_of (VERTEBRO_RECORD_PATIENT, "labs.platelets"), targets[k]);
  return TRUE;
}

/* Each drug's hold one day or dose shorter, and shorter at random. A hold
 * not yet planned counts as 0 already. */
static gboolean
worsen_held (GRand           *rand,
             VertebroPatient *patient,
             guint            k,
             GArray          *saved)
{
  GListModel *drugs = vertebro_patient_get_antithrombotics (patient);
  g_autoptr(VertebroAntithrombotic) drug = NULL;
  double held;

  if (k / 2 >= g_list_model_get_n_items (drugs))
    return FALSE;
  drug = g_list_model_get_item (drugs, k / 2);
  held = vertebro_antithrombotic_get_held (drug);
  if (isnan (held) || held <= 0)
    return FALSE;
  change_double (saved, drug, property_of (VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.held"),
                 k % 2 == 0 ? MAX (held - 1, 0) : floor (g_rand_double_range (rand, 0, held)));
  return TRUE;
}

/* An answer made worse is an answer given: "unhealed" becomes "healed",
 * "concordant" becomes "not concordant". A level that was not assessed is
 * not made worse by being assessed: while it was missing the overall
 * verdict was at best "incomplete", and once it is answered (even healed)
 * the overall verdict is rightly the best of the other levels, which may be
 * better (VERTEBRO_PROPERTY_CASE=1284 of the default seed). */
static gboolean
worsen_healed (GRand           *rand,
               VertebroPatient *patient,
               guint            k,
               GArray          *saved)
{
  GListModel *levels = vertebro_patient_get_levels (patient);
  g_autoptr(VertebroLevel) level = NULL;
  g_auto(GValue) healed = G_VALUE_INIT;

  if (k >= g_list_model_get_n_items (levels))
    return FALSE;
  level = g_list_model_get_item (levels, k);
  if (g_strcmp0 (vertebro_level_get_acuity (level), "unhealed") != 0)
    return FALSE;
  g_value_init (&healed, G_TYPE_STRING);
  g_value_set_static_string (&healed, "healed");
  change (saved, level, property_of (VERTEBRO_RECORD_LEVEL, "level.acuity"), &healed);
  return TRUE;
}

static gboolean
worsen_not_concordant (GRand           *rand,
                       VertebroPatient *patient,
                       guint            k,
                       GArray          *saved)
{
  GListModel *levels = vertebro_patient_get_levels (patient);
  g_autoptr(VertebroLevel) level = NULL;
  g_auto(GValue) no = G_VALUE_INIT;

  if (k >= g_list_model_get_n_items (levels))
    return FALSE;
  level = g_list_model_get_item (levels, k);
  if (vertebro_level_get_pain_concordant (level) != VERTEBRO_ANSWER_YES)
    return FALSE;
  g_value_init (&no, VERTEBRO_TYPE_ANSWER);
  g_value_set_enum (&no, VERTEBRO_ANSWER_NO);
  change (saved, level, property_of (VERTEBRO_RECORD_LEVEL, "level.pain_concordant"), &no);
  return TRUE;
}

static const Worsening worsenings[] = {
  { "absolute-condition", worsen_absolute },
  { "inr-up", worsen_inr },
  { "platelets-down", worsen_platelets },
  { "held-down", worsen_held },
  { "level-healed", worsen_healed },
  { "pain-not-concordant", worsen_not_concordant },
};

/* The most variants any worsening has for one patient. */
#define MAX_VARIANTS 16

static const Worsening *current_worsening;

static void
check_monotonic (Case *c)
{
  guint32 seeds[3] = { seed, c->index, 1 };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  g_autoptr(GArray) saved = g_array_new (FALSE, FALSE, sizeof (Saved));
  VertebroAssessment *before = c->assessment;
  g_autofree char *restored = NULL;

  for (guint k = 0; k < MAX_VARIANTS; k++)
    {
      g_autoptr(VertebroAssessment) after = NULL;
      g_autofree char *worse_text = NULL;
      VertebroVerdict v0, v1;

      if (!current_worsening->worsen (rand, c->patient, k, saved))
        continue;
      n_applied++;
      after = vertebro_evaluate (rules, c->patient, &today);
      worse_text = vertebro_patient_to_data (c->patient);
      undo (saved);

      check_complete_assessment (c, worse_text, after);

      v0 = vertebro_assessment_get_verdict (before);
      v1 = vertebro_assessment_get_verdict (after);
      if (v1 > v0)
        report (c, worse_text, "%s made the verdict better: %s → %s", current_worsening->name,
                vertebro_verdict_to_string (v0), vertebro_verdict_to_string (v1));

      g_assert_cmpuint (vertebro_assessment_get_n_levels (after), ==, vertebro_assessment_get_n_levels (before));
      for (guint l = 0; l < vertebro_assessment_get_n_levels (before); l++)
        {
          v0 = vertebro_assessment_get_level_verdict (before, l);
          v1 = vertebro_assessment_get_level_verdict (after, l);
          if (v1 > v0)
            report (c, worse_text, "%s made the verdict of %s better: %s → %s", current_worsening->name,
                    vertebro_assessment_get_level_name (before, l),
                    vertebro_verdict_to_string (v0), vertebro_verdict_to_string (v1));
        }
    }

  /* Every change was undone. */
  restored = vertebro_patient_to_data (c->patient);
  g_assert_cmpstr (restored, ==, c->saved);
}

static void
test_monotonic (gconstpointer data)
{
  current_worsening = data;
  n_applied = 0;
  for_each_case (check_monotonic);
  g_test_message ("%s: %u patients made worse", current_worsening->name, n_applied);
  /* The property is not tested vacuously. */
  if (only_case < 0)
    g_assert_cmpuint (n_applied, >=, cases->len / 10);
}

/* ---- The JSON contract ---- */

static gboolean
is_member (JsonObject *object,
           const char *name,
           GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_value_type (node) == type;
}

static gboolean
is_null_or (JsonObject *object,
            const char *name,
            GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && (JSON_NODE_HOLDS_NULL (node) || is_member (object, name, type));
}

static gboolean
is_number (JsonObject *object,
           const char *name)
{
  return is_member (object, name, G_TYPE_INT64) || is_member (object, name, G_TYPE_DOUBLE);
}

static gboolean
has_exactly (JsonObject         *object,
             const char * const *names)
{
  guint n = 0;

  for (; names[n] != NULL; n++)
    if (!json_object_has_member (object, names[n]))
      return FALSE;
  return json_object_get_size (object) == n;
}

static gboolean
is_verdict (const char *text)
{
  for (VertebroVerdict v = VERTEBRO_VERDICT_CONTRAINDICATED; v <= VERTEBRO_VERDICT_ELIGIBLE; v++)
    if (g_strcmp0 (text, vertebro_verdict_to_string (v)) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_iso_date (const char *text)
{
  GDate date;

  return strlen (text) == 10 && vertebro_date_parse (text, &date);
}

static gboolean
all_strings (JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
object_element (JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* NULL when @json has the contract's shape (patient-format.md, "Assessment
 * output"), else what is wrong. */
static const char *
shape_problem (const char      *json,
               JsonNode        *patient_node)
{
  static const char * const top[] = { "verdict", "levels", "findings", "missing", "checklist", "counsel", "ruleset", "derived",
                                      "decision", "audit", NULL };
  static const char * const level_members[] = { "level", "verdict", "genant_grade", NULL };
  static const char * const finding_members[] = { "id", "severity", "level", "message", "remedy", "sources", "drug", NULL };
  static const char * const item_members[] = { "id", "text", "due", "done", "drug", NULL };
  static const char * const counsel_members[] = { "id", "text", NULL };
  static const char * const ruleset_members[] = { "id", "version", "sha256", NULL };
  static const char * const derived_members[] = { "age", "crcl", "weeks_since_onset", NULL };
  g_autoptr(JsonNode) root_node = vertebro_json_parse (json, strlen (json), NULL);
  JsonObject *root, *o;
  JsonArray *a, *patient_levels;
  VertebroSeverity severity;

  if (root_node == NULL)
    return "the output is not strict JSON";
  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return "the output is not an object";
  root = json_node_get_object (root_node);
  if (!has_exactly (root, top))
    return "the top-level members are not those of the contract";
  if (!is_member (root, "verdict", G_TYPE_STRING) || !is_verdict (json_object_get_string_member (root, "verdict")))
    return "verdict";

  patient_levels = json_object_get_array_member (json_node_get_object (patient_node), "levels");
  if ((a = array_member (root, "levels")) == NULL ||
      json_array_get_length (a) != (patient_levels != NULL ? json_array_get_length (patient_levels) : 0))
    return "levels: not one entry per level of the patient";
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *patient_level = json_array_get_object_element (patient_levels, i);

      if ((o = object_element (a, i)) == NULL || !has_exactly (o, level_members) ||
          !is_null_or (o, "level", G_TYPE_STRING) ||
          g_strcmp0 (json_object_get_string_member (o, "level"), json_object_get_string_member (patient_level, "level")) != 0 ||
          !is_member (o, "verdict", G_TYPE_STRING) || !is_verdict (json_object_get_string_member (o, "verdict")) ||
          !is_null_or (o, "genant_grade", G_TYPE_INT64) ||
          (!json_object_get_null_member (o, "genant_grade") &&
           (json_object_get_int_member (o, "genant_grade") < 0 || json_object_get_int_member (o, "genant_grade") > 3)))
        return "levels[]";
    }

  if ((a = array_member (root, "findings")) == NULL)
    return "findings";
  for (guint i = 0; i < json_array_get_length (a); i++)
    if ((o = object_element (a, i)) == NULL || !has_exactly (o, finding_members) ||
        !is_member (o, "id", G_TYPE_STRING) || !is_member (o, "severity", G_TYPE_STRING) ||
        !vertebro_severity_from_string (json_object_get_string_member (o, "severity"), &severity) ||
        !is_null_or (o, "level", G_TYPE_STRING) || !is_member (o, "message", G_TYPE_STRING) ||
        strlen (json_object_get_string_member (o, "message")) == 0 ||
        !is_null_or (o, "remedy", G_TYPE_STRING) ||
        array_member (o, "sources") == NULL || !all_strings (array_member (o, "sources")) ||
        !is_null_or (o, "drug", G_TYPE_STRING))
      return "findings[]";

  if ((a = array_member (root, "missing")) == NULL || !all_strings (a))
    return "missing";

  if ((a = array_member (root, "checklist")) == NULL)
    return "checklist";
  for (guint i = 0; i < json_array_get_length (a); i++)
    if ((o = object_element (a, i)) == NULL || !has_exactly (o, item_members) ||
        !is_member (o, "id", G_TYPE_STRING) || !is_member (o, "text", G_TYPE_STRING) ||
        !is_null_or (o, "due", G_TYPE_STRING) ||
        (!json_object_get_null_member (o, "due") && !is_iso_date (json_object_get_string_member (o, "due"))) ||
        !is_member (o, "done", G_TYPE_BOOLEAN) || !is_null_or (o, "drug", G_TYPE_STRING))
      return "checklist[]";

  if ((a = array_member (root, "counsel")) == NULL)
    return "counsel";
  for (guint i = 0; i < json_array_get_length (a); i++)
    if ((o = object_element (a, i)) == NULL || !has_exactly (o, counsel_members) ||
        !is_member (o, "id", G_TYPE_STRING) || !is_member (o, "text", G_TYPE_STRING))
      return "counsel[]";

  if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "ruleset")) ||
      !has_exactly ((o = json_object_get_object_member (root, "ruleset")), ruleset_members) ||
      !is_member (o, "id", G_TYPE_STRING) || !is_member (o, "version", G_TYPE_STRING) ||
      !is_member (o, "sha256", G_TYPE_STRING) || strlen (json_object_get_string_member (o, "sha256")) != 64)
    return "ruleset";

  if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "derived")) ||
      !has_exactly ((o = json_object_get_object_member (root, "derived")), derived_members) ||
      !is_null_or (o, "age", G_TYPE_INT64) ||
      !(json_object_get_null_member (o, "crcl") || is_number (o, "crcl")) ||
      !is_null_or (o, "weeks_since_onset", G_TYPE_INT64))
    return "derived";

  return NULL;
}

static void
check_json_shape (Case *c)
{
  const char *problem = shape_problem (c->json, c->node);

  if (problem != NULL)
    {
      g_test_message ("output:\n%s", c->json);
      report (c, NULL, "the JSON output is not of the contract's shape: %s", problem);
    }
}

static void
test_json_shape (void)
{
  for_each_case (check_json_shape);
}

/* The generator reaches every verdict, so no property holds vacuously. */
static void
test_coverage (void)
{
  guint counts[VERTEBRO_VERDICT_ELIGIBLE + 1] = { 0 };

  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = g_ptr_array_index (cases, i);

      counts[vertebro_assessment_get_verdict (c->assessment)]++;
    }
  for (VertebroVerdict v = VERTEBRO_VERDICT_CONTRAINDICATED; v <= VERTEBRO_VERDICT_ELIGIBLE; v++)
    {
      g_test_message ("%-16s %u", vertebro_verdict_to_string (v), counts[v]);
      if (only_case < 0)
        g_assert_cmpuint (counts[v], >=, cases->len / 100);
    }
}

static guint64
env_number (const char *name,
            guint64     fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || *text == '\0')
    return fallback;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, NULL))
    g_error ("%s must be a whole number, not “%s”", name, text);
  return value;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  seed = env_number ("VERTEBRO_PROPERTY_SEED", DEFAULT_SEED);
  n_cases = env_number ("VERTEBRO_PROPERTY_CASES", DEFAULT_CASES);
  if (g_getenv ("VERTEBRO_PROPERTY_CASE") != NULL)
    only_case = env_number ("VERTEBRO_PROPERTY_CASE", 0);
  g_test_message ("VERTEBRO_PROPERTY_SEED=%u VERTEBRO_PROPERTY_CASES=%u", seed, n_cases);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 21, G_DATE_NOVEMBER, 2026);
  rules = vertebro_ruleset_new_default (&error);
  g_assert_no_error (error);

  cases = g_ptr_array_new_with_free_func ((GDestroyNotify) case_free);
  if (only_case >= 0)
    g_ptr_array_add (cases, case_new ((guint) only_case));
  else
    for (guint i = 0; i < n_cases; i++)
      g_ptr_array_add (cases, case_new (i));

  g_test_add_func ("/properties/valid", test_valid);
  g_test_add_func ("/properties/coverage", test_coverage);
  g_test_add_func ("/properties/deterministic", test_deterministic);
  g_test_add_func ("/properties/never-better-than-incomplete-while-missing", test_complete);
  for (guint i = 0; i < G_N_ELEMENTS (worsenings); i++)
    {
      g_autofree char *path = g_strdup_printf ("/properties/monotonic/%s", worsenings[i].name);

      g_test_add_data_func (path, &worsenings[i], test_monotonic);
    }
  g_test_add_func ("/properties/json-shape", test_json_shape);
  g_test_add_func ("/properties/a-recorded-pregnancy-always-contraindicates", test_pregnancy);
  g_test_add_func ("/properties/derived-crcl-never-rounds-up", test_crcl_rounding);

  status = g_test_run ();

  g_ptr_array_unref (cases);
  g_object_unref (rules);
  return status;
}
