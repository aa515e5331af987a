/* test-patient.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Patient files: every class of bad file refused whole with its field path,
 * a round trip that keeps unknown members, atomic 0600 saves, properties and
 * change notification.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "vertebro-core.h"
#include "vertebro-test-run.h"

#define HEADER "\"format\": \"vertebro-patient\", \"version\": 1"

static const char *complete =
  "{\n"
  "  \"format\": \"vertebro-patient\",\n"
  "  \"version\": 1,\n"
  "  \"x_root\": {\"kept\": [1, 2.5, \"three\", null, true]},\n"
  "  \"patient\": {\"name\": \"Élise Ωmega Жукова\", \"identifier\": \"MRN 1\", \"birth_date\": \"1948-03-02\",\n"
  "              \"sex\": \"female\", \"weight_kg\": 61.5, \"pregnant\": null, \"x_ward\": \"4B\"},\n"
  "  \"assessment\": {\"date\": \"2026-11-21\", \"planned_date\": \"2026-11-28\", \"procedure\": \"kyphoplasty\",\n"
  "                 \"clinician\": \"Dr A. Example\"},\n"
  "  \"history\": {\"etiology\": \"osteoporotic\", \"pain_nrs\": 8, \"pain_refractory\": true, \"x_history\": 0},\n"
  "  \"labs\": {\"inr\": 1.1, \"platelets\": 210000, \"crcl\": null, \"creatinine_umol_l\": 80},\n"
  "  \"antithrombotics\": [{\"drug\": \"clopidogrel\", \"held\": 6, \"x_dose\": \"75 mg\"}, {\"drug\": \"apixaban\", \"held\": null}],\n"
  "  \"levels\": [{\"level\": \"T12\", \"collapse_percent\": 35, \"acuity\": \"unhealed\", \"posterior_wall\": \"intact\",\n"
  "              \"pain_concordant\": true, \"x_note\": \"wedge\"}],\n"
  "  \"checklist\": {\"prep.fasting\": true, \"prep.site_specific\": false},\n"
  "  \"notes\": \"line one\\nline two \\\"quoted\\\"\"\n"
  "}\n";

static VertebroPatient *
load (const char  *text,
      GError     **error)
{
  return vertebro_patient_new_from_data (text, strlen (text), error);
}

static void
test_load_complete (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = load (complete, &error);
  g_autoptr(VertebroLevel) level = NULL;
  g_autoptr(VertebroAntithrombotic) drug = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (patient);
  g_assert_cmpstr (vertebro_patient_get_text (patient, "patient.name"), ==, "Élise Ωmega Жукова");
  g_assert_cmpstr (vertebro_patient_get_text (patient, "patient.sex"), ==, "female");
  g_assert_cmpfloat (vertebro_patient_get_number (patient, "patient.weight_kg"), ==, 61.5);
  g_assert_cmpint (vertebro_patient_get_answer (patient, "patient.pregnant"), ==, VERTEBRO_ANSWER_NOT_ASSESSED);
  g_assert_cmpint (vertebro_patient_get_answer (patient, "history.pain_refractory"), ==, VERTEBRO_ANSWER_YES);
  g_assert_false (vertebro_patient_is_set (patient, "history.neuro_deficit"));
  g_assert_true (isnan (vertebro_patient_get_number (patient, "labs.crcl")));
  g_assert_cmpstr (vertebro_patient_get_text (patient, "assessment.procedure"), ==, "kyphoplasty");
  g_assert_cmpstr (vertebro_patient_get_text (patient, "notes"), ==, "line one\nline two \"quoted\"");
  g_assert_true (vertebro_patient_get_checked (patient, "prep.fasting"));
  g_assert_false (vertebro_patient_get_checked (patient, "prep.site_specific"));
  g_assert_false (vertebro_patient_get_checked (patient, "prep.consent"));

  g_assert_cmpuint (g_list_model_get_n_items (vertebro_patient_get_levels (patient)), ==, 1);
  level = g_list_model_get_item (vertebro_patient_get_levels (patient), 0);
  g_assert_cmpstr (vertebro_level_get_level (level), ==, "T12");
  g_assert_cmpfloat (vertebro_level_get_collapse_percent (level), ==, 35);
  g_assert_cmpint (vertebro_level_get_pain_concordant (level), ==, VERTEBRO_ANSWER_YES);

  g_assert_cmpuint (g_list_model_get_n_items (vertebro_patient_get_antithrombotics (patient)), ==, 2);
  drug = g_list_model_get_item (vertebro_patient_get_antithrombotics (patient), 1);
  g_assert_cmpstr (vertebro_antithrombotic_get_drug (drug), ==, "apixaban");
  g_assert_true (isnan (vertebro_antithrombotic_get_held (drug)));
}

static void
test_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = load ("{" HEADER "}", &error);

  g_assert_no_error (error);
  /* An absent procedure is a vertebroplasty; every question starts not assessed. */
  g_assert_cmpstr (vertebro_patient_get_text (patient, "assessment.procedure"), ==, "vertebroplasty");
  g_assert_false (vertebro_patient_is_set (patient, "assessment.date"));
  g_assert_cmpint (vertebro_patient_get_answer (patient, "history.infection_systemic"), ==, VERTEBRO_ANSWER_NOT_ASSESSED);
  g_assert_cmpstr (vertebro_patient_get_text (patient, "notes"), ==, "");
}

/* Load → save → load keeps every member, unknown ones included, and a second
 * save is byte-identical to the first. */
static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) first = load (complete, &error);
  g_autofree char *data1 = vertebro_patient_to_data (first);
  g_autoptr(VertebroPatient) second = load (data1, &error);
  g_autofree char *data2 = NULL;

  g_assert_no_error (error);
  data2 = vertebro_patient_to_data (second);
  g_assert_cmpstr (data1, ==, data2);

  for (const char * const *kept = (const char * const[]) {
         "\"x_root\"", "\"kept\"", "2.5", "\"three\"", "\"x_ward\": \"4B\"", "\"x_history\": 0",
         "\"x_dose\": \"75 mg\"", "\"x_note\": \"wedge\"", "\"prep.site_specific\": false",
         "\"weight_kg\": 61.5", "\"Élise Ωmega Жукова\"", NULL };
       *kept != NULL; kept++)
    {
      if (strstr (data1, *kept) == NULL)
        g_error ("%s was lost:\n%s", *kept, data1);
    }
}

typedef struct {
  const char *name;
  const char *text;
  const char *fragment;   /* must appear in the message */
  int         code;
} BadCase;

static const BadCase bad_cases[] = {
  { "not-json", "this is not json", "not valid JSON", VERTEBRO_PATIENT_ERROR_SYNTAX },
  { "empty", "", "not valid JSON", VERTEBRO_PATIENT_ERROR_SYNTAX },
  { "truncated", "{" HEADER ", \"labs\": {\"inr\": 1.", "not valid JSON", VERTEBRO_PATIENT_ERROR_SYNTAX },
  { "array", "[1, 2]", "one JSON object", VERTEBRO_PATIENT_ERROR_NOT_A_PATIENT },
  { "no-format", "{\"version\": 1}", "format", VERTEBRO_PATIENT_ERROR_NOT_A_PATIENT },
  { "other-format", "{\"format\": \"something\", \"version\": 1}", "format", VERTEBRO_PATIENT_ERROR_NOT_A_PATIENT },
  { "newer-version", "{\"format\": \"vertebro-patient\", \"version\": 2}", "newer version", VERTEBRO_PATIENT_ERROR_NEWER_VERSION },
  { "version-zero", "{\"format\": \"vertebro-patient\", \"version\": 0}", "version", VERTEBRO_PATIENT_ERROR_INVALID },
  { "version-string", "{\"format\": \"vertebro-patient\", \"version\": \"1\"}", "version", VERTEBRO_PATIENT_ERROR_INVALID },
  { "section-not-object", "{" HEADER ", \"labs\": []}", "labs: must be an object", VERTEBRO_PATIENT_ERROR_INVALID },
  { "inr-high", "{" HEADER ", \"labs\": {\"inr\": 25}}", "labs.inr: 25 is outside", VERTEBRO_PATIENT_ERROR_INVALID },
  { "inr-low", "{" HEADER ", \"labs\": {\"inr\": 0.4}}", "labs.inr", VERTEBRO_PATIENT_ERROR_INVALID },
  { "inr-string", "{" HEADER ", \"labs\": {\"inr\": \"1.2\"}}", "labs.inr: must be a number", VERTEBRO_PATIENT_ERROR_INVALID },
  { "platelets-negative", "{" HEADER ", \"labs\": {\"platelets\": -1}}", "labs.platelets", VERTEBRO_PATIENT_ERROR_INVALID },
  { "platelets-huge", "{" HEADER ", \"labs\": {\"platelets\": 2000001}}", "labs.platelets", VERTEBRO_PATIENT_ERROR_INVALID },
  { "crcl-high", "{" HEADER ", \"labs\": {\"crcl\": 251}}", "labs.crcl", VERTEBRO_PATIENT_ERROR_INVALID },
  { "creatinine-low", "{" HEADER ", \"labs\": {\"creatinine_umol_l\": 9}}", "labs.creatinine_umol_l", VERTEBRO_PATIENT_ERROR_INVALID },
  { "weight-low", "{" HEADER ", \"patient\": {\"weight_kg\": 19.9}}", "patient.weight_kg", VERTEBRO_PATIENT_ERROR_INVALID },
  { "nrs-fraction", "{" HEADER ", \"history\": {\"pain_nrs\": 7.5}}", "history.pain_nrs: 7.5 is not a whole number", VERTEBRO_PATIENT_ERROR_INVALID },
  { "nrs-eleven", "{" HEADER ", \"history\": {\"pain_nrs\": 11}}", "history.pain_nrs", VERTEBRO_PATIENT_ERROR_INVALID },
  { "weeks-high", "{" HEADER ", \"history\": {\"conservative_weeks\": 521}}", "history.conservative_weeks", VERTEBRO_PATIENT_ERROR_INVALID },
  { "answer-string", "{" HEADER ", \"history\": {\"neuro_deficit\": \"no\"}}", "history.neuro_deficit: must be true, false or null", VERTEBRO_PATIENT_ERROR_INVALID },
  { "answer-number", "{" HEADER ", \"patient\": {\"pregnant\": 0}}", "patient.pregnant", VERTEBRO_PATIENT_ERROR_INVALID },
  { "sex-unknown", "{" HEADER ", \"patient\": {\"sex\": \"f\"}}", "patient.sex: “f” is not one of", VERTEBRO_PATIENT_ERROR_INVALID },
  { "etiology-unknown", "{" HEADER ", \"history\": {\"etiology\": \"osteoporosis\"}}", "history.etiology", VERTEBRO_PATIENT_ERROR_INVALID },
  { "procedure-null", "{" HEADER ", \"assessment\": {\"procedure\": null}}", "assessment.procedure: must not be null", VERTEBRO_PATIENT_ERROR_INVALID },
  { "date-null", "{" HEADER ", \"assessment\": {\"date\": null}}", "assessment.date: must not be null", VERTEBRO_PATIENT_ERROR_INVALID },
  { "date-impossible", "{" HEADER ", \"patient\": {\"birth_date\": \"1948-02-30\"}}", "patient.birth_date: “1948-02-30”", VERTEBRO_PATIENT_ERROR_INVALID },
  { "date-format", "{" HEADER ", \"assessment\": {\"planned_date\": \"28/11/2026\"}}", "assessment.planned_date", VERTEBRO_PATIENT_ERROR_INVALID },
  { "date-number", "{" HEADER ", \"assessment\": {\"date\": 20261121}}", "assessment.date", VERTEBRO_PATIENT_ERROR_INVALID },
  { "born-after-assessment", "{" HEADER ", \"patient\": {\"birth_date\": \"2027-01-01\"}, \"assessment\": {\"date\": \"2026-11-21\"}}",
    "patient.birth_date: 2027-01-01 is after", VERTEBRO_PATIENT_ERROR_INVALID },
  { "name-number", "{" HEADER ", \"patient\": {\"name\": 42}}", "patient.name: must be a string", VERTEBRO_PATIENT_ERROR_INVALID },
  { "notes-null", "{" HEADER ", \"notes\": null}", "notes: must not be null", VERTEBRO_PATIENT_ERROR_INVALID },
  { "levels-object", "{" HEADER ", \"levels\": {}}", "levels: must be an array", VERTEBRO_PATIENT_ERROR_INVALID },
  { "level-not-object", "{" HEADER ", \"levels\": [\"T12\"]}", "levels[0]: must be an object", VERTEBRO_PATIENT_ERROR_INVALID },
  /* Rule set 2.0.0's format: "other" antithrombotics, the question whether any is taken, dates. */
  { "other-no-name", "{" HEADER ", \"antithrombotics\": [{\"drug\": \"other\", \"hold_agreed\": true}]}", "antithrombotics[0].name: is required", VERTEBRO_PATIENT_ERROR_INVALID },
  { "other-blank-name", "{" HEADER ", \"antithrombotics\": [{\"drug\": \"other\", \"name\": \"  \"}]}", "antithrombotics[0].name: is required", VERTEBRO_PATIENT_ERROR_INVALID },
  { "other-long-name", "{" HEADER ", \"antithrombotics\": [{\"drug\": \"other\", \"name\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}]}", "antithrombotics[0].name: is longer than 80", VERTEBRO_PATIENT_ERROR_INVALID },
  { "other-twice", "{" HEADER ", \"antithrombotics\": [{\"drug\": \"clopidogrel\", \"held\": 5}, {\"drug\": \"other\", \"name\": \"Phenprocoumon\"}, {\"drug\": \"other\", \"name\": \"phenprocoumon \"}]}", "antithrombotics[2].name: phenprocoumon is listed twice (also antithrombotics[1])", VERTEBRO_PATIENT_ERROR_INVALID },
  { "other-held", "{" HEADER ", \"antithrombotics\": [{\"drug\": \"other\", \"name\": \"cilostazol\", \"held\": 3}]}", "antithrombotics[0].held: the rule set has no hold", VERTEBRO_PATIENT_ERROR_INVALID },
  { "tabulated-name", "{" HEADER ", \"antithrombotics\": [{\"drug\": \"warfarin\", \"name\": \"Coumadin\"}]}", "antithrombotics[0].name: only an “other”", VERTEBRO_PATIENT_ERROR_INVALID },
  { "tabulated-hold-agreed", "{" HEADER ", \"antithrombotics\": [{\"drug\": \"warfarin\", \"hold_agreed\": true}]}", "antithrombotics[0].hold_agreed: only an “other”", VERTEBRO_PATIENT_ERROR_INVALID },
  { "on-antithrombotics-no-but-listed", "{" HEADER ", \"history\": {\"on_antithrombotics\": false}, \"antithrombotics\": [{\"drug\": \"warfarin\", \"held\": 5}]}", "history.on_antithrombotics: answered no, but 1 antithrombotic is listed", VERTEBRO_PATIENT_ERROR_INVALID },
  { "birth-date-future-no-assessment-date", "{" HEADER ", \"patient\": {\"birth_date\": \"2999-01-01\"}}", "patient.birth_date: 2999-01-01 is in the future", VERTEBRO_PATIENT_ERROR_INVALID },
  { "pain-onset-after-assessment", "{" HEADER ", \"assessment\": {\"date\": \"2026-11-21\"}, \"history\": {\"pain_onset_date\": \"2026-11-22\"}}", "history.pain_onset_date: 2026-11-22 is after the assessment date 2026-11-21", VERTEBRO_PATIENT_ERROR_INVALID },
  { "levels-chosen-twice", "{" HEADER ", \"levels\": [{\"level\": null}, {\"level\": \"L1\"}, {\"level\": \"L1\"}]}", "levels[2].level: L1 is listed twice", VERTEBRO_PATIENT_ERROR_INVALID },
  { "level-unknown", "{" HEADER ", \"levels\": [{\"level\": \"C7\"}]}", "levels[0].level", VERTEBRO_PATIENT_ERROR_INVALID },
  { "level-duplicate", "{" HEADER ", \"levels\": [{\"level\": \"L1\"}, {\"level\": \"L1\"}]}", "levels[1].level: L1 is listed twice", VERTEBRO_PATIENT_ERROR_INVALID },
  { "level-collapse-high", "{" HEADER ", \"levels\": [{\"level\": \"L1\", \"collapse_percent\": 100.5}]}", "levels[0].collapse_percent", VERTEBRO_PATIENT_ERROR_INVALID },
  { "level-acuity", "{" HEADER ", \"levels\": [{\"level\": \"L1\", \"acuity\": \"acute\"}]}", "levels[0].acuity", VERTEBRO_PATIENT_ERROR_INVALID },
  { "level-wall", "{" HEADER ", \"levels\": [{\"level\": \"L1\", \"posterior_wall\": \"burst\"}]}", "levels[0].posterior_wall", VERTEBRO_PATIENT_ERROR_INVALID },
  { "nine-levels", "{" HEADER ", \"levels\": [{\"level\": \"T4\"}, {\"level\": \"T5\"}, {\"level\": \"T6\"}, {\"level\": \"T7\"},"
    " {\"level\": \"T8\"}, {\"level\": \"T9\"}, {\"level\": \"T10\"}, {\"level\": \"T11\"}, {\"level\": \"T12\"}]}", "levels: has 9 entries", VERTEBRO_PATIENT_ERROR_INVALID },
  { "drug-unknown", "{" HEADER ", \"antithrombotics\": [{\"drug\": \"heparin\", \"held\": 1}]}", "antithrombotics[0].drug", VERTEBRO_PATIENT_ERROR_INVALID },
  { "drug-twice", "{" HEADER ", \"antithrombotics\": [{\"drug\": \"aspirin\"}, {\"drug\": \"aspirin\"}]}", "antithrombotics[1].drug", VERTEBRO_PATIENT_ERROR_INVALID },
  { "drug-held-negative", "{" HEADER ", \"antithrombotics\": [{\"drug\": \"warfarin\", \"held\": -1}]}", "antithrombotics[0].held", VERTEBRO_PATIENT_ERROR_INVALID },
  { "drug-missing", "{" HEADER ", \"antithrombotics\": [{\"held\": 1}]}", "antithrombotics[0].drug: is required", VERTEBRO_PATIENT_ERROR_INVALID },
  { "checklist-array", "{" HEADER ", \"checklist\": [\"prep.fasting\"]}", "checklist", VERTEBRO_PATIENT_ERROR_INVALID },
  { "checklist-value", "{" HEADER ", \"checklist\": {\"prep.fasting\": \"yes\"}}", "checklist.prep.fasting", VERTEBRO_PATIENT_ERROR_INVALID },
  { "bom", "\xEF\xBB\xBF{" HEADER "}", "byte-order mark", VERTEBRO_PATIENT_ERROR_SYNTAX },
  { "invalid-utf8", "{" HEADER ", \"notes\": \"\xC3\x28\"}", "UTF-8", VERTEBRO_PATIENT_ERROR_SYNTAX },
  { "duplicate-key", "{" HEADER ", \"labs\": {\"inr\": 1.1, \"inr\": 3}}", "appears twice", VERTEBRO_PATIENT_ERROR_SYNTAX },
  { "nan", "{" HEADER ", \"labs\": {\"inr\": NaN}}", "NaN", VERTEBRO_PATIENT_ERROR_SYNTAX },
  { "infinity", "{" HEADER ", \"labs\": {\"inr\": Infinity}}", "NaN and Infinity", VERTEBRO_PATIENT_ERROR_SYNTAX },
  { "huge-number", "{" HEADER ", \"labs\": {\"inr\": 1e999}}", "too large", VERTEBRO_PATIENT_ERROR_SYNTAX },
  { "trailing-comma", "{" HEADER ",}", "not valid JSON", VERTEBRO_PATIENT_ERROR_SYNTAX },
  { "comment", "{" HEADER " /* x */}", "not valid JSON", VERTEBRO_PATIENT_ERROR_SYNTAX },
  { "trailing-text", "{" HEADER "} {}", "after the JSON document", VERTEBRO_PATIENT_ERROR_SYNTAX },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = load (c->text, &error);

  g_assert_null (patient);
  g_assert_error (error, VERTEBRO_PATIENT_ERROR, c->code);
  if (strstr (error->message, c->fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, c->fragment);
}

/* Files of rule set 2.0.0's format that open: levels not chosen yet (two of
 * them are no duplicate), "other" antithrombotics kept as written, and an old
 * file without on_antithrombotics (never refused: it is asked in the form). */
static void
test_v2_fields (void)
{
  static const char text[] =
    "{" HEADER ", \"history\": {\"pain_onset_date\": \"2026-10-30\"},"
    " \"assessment\": {\"date\": \"2026-11-21\"},"
    " \"antithrombotics\": [{\"drug\": \"other\", \"name\": \"Phenprocoumon\", \"hold_agreed\": true},"
    " {\"drug\": \"clopidogrel\", \"held\": null}, {\"drug\": \"other\", \"name\": \"cilostazol\"}],"
    " \"levels\": [{\"level\": null}, {\"collapse_percent\": 20}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = load (text, &error);
  g_autofree char *data = NULL;
  g_autoptr(VertebroAntithrombotic) other = NULL;
  g_autoptr(VertebroAntithrombotic) second = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (vertebro_patient_get_levels (patient)), ==, 2);
  other = g_list_model_get_item (vertebro_patient_get_antithrombotics (patient), 0);
  g_assert_true (vertebro_antithrombotic_is_other (other));
  g_assert_cmpstr (vertebro_antithrombotic_get_name (other), ==, "Phenprocoumon");
  g_assert_cmpint (vertebro_antithrombotic_get_hold_agreed (other), ==, VERTEBRO_ANSWER_YES);
  second = g_list_model_get_item (vertebro_patient_get_antithrombotics (patient), 2);
  g_assert_cmpint (vertebro_antithrombotic_get_hold_agreed (second), ==, VERTEBRO_ANSWER_NOT_ASSESSED);

  data = vertebro_patient_to_data (patient);
  /* Each kind keeps its own members and gains none of the other's. */
  g_assert_nonnull (strstr (data, "\"drug\": \"other\",\n      \"name\": \"Phenprocoumon\",\n      \"hold_agreed\": true\n"));
  g_assert_nonnull (strstr (data, "\"drug\": \"clopidogrel\",\n      \"held\": null\n"));
  g_assert_nonnull (strstr (data, "\"drug\": \"other\",\n      \"name\": \"cilostazol\",\n      \"hold_agreed\": null\n"));
  g_assert_nonnull (strstr (data, "\"pain_onset_date\": \"2026-10-30\""));
  g_assert_nonnull (strstr (data, "\"on_antithrombotics\": null"));
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new ("{" HEADER ", \"x\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  patient = load (text->str, &error);
  g_assert_null (patient);
  g_assert_error (error, VERTEBRO_PATIENT_ERROR, VERTEBRO_PATIENT_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "levels deep"));
}

static void
test_save (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test");
  g_autofree char *path = g_build_filename (dir, "case.vertebro", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = load (complete, &error);
  g_autoptr(VertebroPatient) again = NULL;
  g_autofree char *expected = vertebro_patient_to_data (patient);
  g_autofree char *on_disk = NULL;
  GStatBuf st;

  g_assert_true (vertebro_patient_save (patient, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, expected);
  /* No temporary file is left beside it. */
  g_assert_cmpuint (vertebro_test_count_entries (dir), ==, 1);

  /* Saving over an existing file keeps its permissions, never wider (issue
   * 19, item 5: a save in a group-shared folder must not lock the others
   * out); only a new file is 0600. */
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  vertebro_patient_set_number (patient, "labs.inr", 1.3);
  g_assert_true (vertebro_patient_save (patient, file, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  again = vertebro_patient_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (vertebro_patient_get_number (again, "labs.inr"), ==, 1.3);

  g_unlink (path);
  g_rmdir (dir);
}

/* A save removes what earlier saves of the same document left behind when
 * they were killed before their rename, once it is a minute old, and
 * nothing else: not a younger one (a save under way), not another
 * document's, not a file of the user's with a similar name. */
static void
test_save_removes_stale (void)
{
  static const struct {
    const char *name;
    gboolean    old;
    gboolean    removed;
  } files[] = {
    { ".case.vertebro.vertebro-save-Ab12Cd", TRUE, TRUE },
    { ".case.vertebro.vertebro-save-Ef34Gh", FALSE, FALSE },
    { ".other.vertebro.vertebro-save-Ij56Kl", TRUE, FALSE },
    { ".case.vertebro.vertebro-save-Mn78Op9", TRUE, FALSE },
    { "case.vertebro.backup", TRUE, FALSE },
    { "case.vertebro.Qr90St", TRUE, FALSE },
  };
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test");
  g_autofree char *path = g_build_filename (dir, "case.vertebro", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = load (complete, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *leftover = g_build_filename (dir, files[i].name, NULL);
      struct utimbuf two_minutes_ago = { time (NULL) - 120, time (NULL) - 120 };

      g_assert_true (g_file_set_contents_full (leftover, "{\"format\": \"vertebro-patient\"", -1, 0, 0600, NULL));
      if (files[i].old)
        g_assert_cmpint (g_utime (leftover, &two_minutes_ago), ==, 0);
    }

  g_assert_true (vertebro_patient_save (patient, file, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *leftover = g_build_filename (dir, files[i].name, NULL);

      if (files[i].removed == g_file_test (leftover, G_FILE_TEST_EXISTS))
        g_error ("%s was %s", files[i].name, files[i].removed ? "kept" : "removed");
    }
  g_assert_cmpuint (vertebro_test_count_entries (dir), ==, 1 + G_N_ELEMENTS (files) - 1);
  vertebro_test_remove_tree (dir);
}

static void
test_save_read_only (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test");
  g_autofree char *path = g_build_filename (dir, "case.vertebro", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = load (complete, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root can write into read-only folders; the full-disk test covers failed writes");
      g_rmdir (dir);
      return;
    }

  g_assert_true (vertebro_patient_save (patient, file, &error));
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);

  vertebro_patient_set_number (patient, "labs.inr", 1.4);
  g_assert_false (vertebro_patient_save (patient, file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  g_chmod (dir, 0700);
  g_unlink (path);
  g_rmdir (dir);
}

/* A patient that could not be opened again is not written. */
static void
test_save_refuses_invalid (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test");
  g_autofree char *path = g_build_filename (dir, "case.vertebro", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = vertebro_patient_new ();
  g_autoptr(VertebroLevel) a = vertebro_level_new ("L1");
  g_autoptr(VertebroLevel) b = vertebro_level_new ("L1");

  vertebro_patient_add_level (patient, a);
  vertebro_patient_add_level (patient, b);
  g_assert_false (vertebro_patient_check (patient, NULL));
  g_assert_false (vertebro_patient_save (patient, file, &error));
  g_assert_nonnull (strstr (error->message, "levels[1].level"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

static void
test_file_errors (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test");
  g_autofree char *fifo = g_build_filename (dir, "fifo.vertebro", NULL);
  g_autofree char *large = g_build_filename (dir, "large.vertebro", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.vertebro", NULL);
  struct {
    const char *path;
    const char *fragment;
  } cases[] = {
    { dir, "folder" },
    { fifo, "not a regular file" },
    { "/dev/zero", "not a regular file" },
    { large, "too large" },
    { missing, "missing.vertebro" },
  };
  int fd;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* 100 MB, sparse: refused by its size before anything is read. */
  fd = g_open (large, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 100 * 1000 * 1000), ==, 0);
  close (fd);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].path);
      g_autoptr(GError) error = NULL;
      g_autoptr(VertebroPatient) patient = vertebro_patient_new_from_file (file, NULL, &error);

      g_assert_null (patient);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].path));
      if (strstr (error->message, cases[i].fragment) == NULL)
        g_error ("“%s” does not contain “%s”", error->message, cases[i].fragment);
    }

  g_unlink (fifo);
  g_unlink (large);
  g_rmdir (dir);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr(VertebroPatient) patient = vertebro_patient_new ();
  g_autoptr(VertebroLevel) level = vertebro_level_new ("L2");
  guint notified = 0, changed = 0;
  double inr;
  VertebroAnswer answer;

  g_signal_connect_swapped (patient, "notify::inr", G_CALLBACK (count_notify), &notified);
  g_signal_connect_swapped (patient, "changed", G_CALLBACK (count_notify), &changed);

  g_object_get (patient, "inr", &inr, NULL);
  g_assert_true (isnan (inr));

  g_object_set (patient, "inr", 1.4, NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  /* Setting the same value again notifies nothing. */
  g_object_set (patient, "inr", 1.4, NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpfloat (vertebro_patient_get_number (patient, "labs.inr"), ==, 1.4);

  vertebro_patient_clear_field (patient, "labs.inr");
  g_assert_false (vertebro_patient_is_set (patient, "labs.inr"));
  g_assert_cmpuint (notified, ==, 2);

  g_object_set (patient, "neuro-deficit", VERTEBRO_ANSWER_NO, NULL);
  g_object_get (patient, "neuro-deficit", &answer, NULL);
  g_assert_cmpint (answer, ==, VERTEBRO_ANSWER_NO);
  g_assert_cmpuint (changed, ==, 3);

  /* Levels, their fields and checklist ticks are changes of the patient too. */
  vertebro_patient_add_level (patient, level);
  g_assert_cmpuint (changed, ==, 4);
  g_object_set (level, "collapse-percent", 40.0, NULL);
  g_assert_cmpuint (changed, ==, 5);
  vertebro_patient_set_checked (patient, "prep.consent", TRUE);
  g_assert_cmpuint (changed, ==, 6);
  vertebro_patient_set_checked (patient, "prep.consent", TRUE);
  g_assert_cmpuint (changed, ==, 6);
  vertebro_patient_remove_level (patient, 0);
  g_assert_cmpuint (changed, ==, 7);
}

/* Out of range is a programming error, never a clamp. */
static void
test_out_of_range_not_clamped (void)
{
  g_autoptr(VertebroPatient) patient = vertebro_patient_new ();

  vertebro_patient_set_number (patient, "labs.inr", 1.2);
  g_test_expect_message ("vertebro-record", G_LOG_LEVEL_CRITICAL, "*labs.inr*outside*");
  vertebro_patient_set_number (patient, "labs.inr", 25);
  g_test_assert_expected_messages ();
  g_assert_cmpfloat (vertebro_patient_get_number (patient, "labs.inr"), ==, 1.2);
}

/* A value above a field's range is refused with a message that gives the
 * range in plain numbers, for every number field of every record. */
static void
test_range_messages (void)
{
  const VertebroRecord records[] = { VERTEBRO_RECORD_PATIENT, VERTEBRO_RECORD_LEVEL, VERTEBRO_RECORD_ANTITHROMBOTIC };

  for (guint r = 0; r < G_N_ELEMENTS (records); r++)
    {
      guint n_fields;
      const VertebroField *fields = vertebro_fields_get (records[r], &n_fields);

      for (guint i = 0; i < n_fields; i++)
        {
          const VertebroField *field = &fields[i];
          g_autofree char *above = NULL;
          g_autofree char *message = NULL;
          g_autofree char *max = NULL;
          double value = NAN;

          if (field->kind != VERTEBRO_FIELD_NUMBER)
            continue;
          above = g_strdup_printf ("%.0f", field->max + 1);
          g_assert_cmpint (vertebro_input_parse_number (field, above, 1.0, &value, &message), ==, VERTEBRO_INPUT_INVALID);
          g_assert_true (isnan (value));
          g_test_message ("%s: %s", field->path, message);
          g_assert_null (strstr (message, "e+"));
          max = vertebro_input_format_number (field->max);
          g_assert_nonnull (strstr (message, max));
          g_assert_null (strstr (max, "e+"));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/patient/load/complete", test_load_complete);
  g_test_add_func ("/patient/load/defaults", test_defaults);
  g_test_add_func ("/patient/round-trip", test_round_trip);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/patient/bad/%s", bad_cases[i].name);
      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }
  g_test_add_func ("/patient/bad/deep-nesting", test_deep_nesting);
  g_test_add_func ("/patient/load/rule-set-2-fields", test_v2_fields);
  g_test_add_func ("/patient/file/errors", test_file_errors);
  g_test_add_func ("/patient/save/atomic-0600", test_save);
  g_test_add_func ("/patient/save/read-only-folder", test_save_read_only);
  g_test_add_func ("/patient/save/removes-stale", test_save_removes_stale);
  g_test_add_func ("/patient/save/refuses-invalid", test_save_refuses_invalid);
  g_test_add_func ("/patient/properties", test_properties);
  g_test_add_func ("/patient/properties/not-clamped", test_out_of_range_not_clamped);
  g_test_add_func ("/patient/input/range-messages", test_range_messages);

  return g_test_run ();
}
