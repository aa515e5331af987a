/* test-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record a department can defend (patient-format.md, "The decision" and
 * "The audit trail"): the decision read and checked, "against the
 * assessment" and "stale", the chained trail verified against a test vector
 * computed by hand from the format's definition, tampering reported but
 * never refused, and nothing of the record lost on a save.
 */

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "vertebro-core.h"

#define HEADER "\"format\": \"vertebro-patient\", \"version\": 1"
#define RULESET "{\"id\": \"vertebro-default\", \"version\": \"2.0.0\", \"sha256\": \"" \
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}"

/* Two entries and their sha256, computed outside the program (Python's
 * hashlib over the tab-joined fields the format lists). */
#define HASH_1 "06e1e090022b8f4b8487cdd9cbacc5d8479d958670177d6f8dc3d95071071bd9"
#define HASH_2 "6adb3100c40b0edbb45f315cfd9d50e572b32162a82c8eaca1ed407039d241a7"
#define ENTRY_1 "{\"at\": \"2026-11-21T09:30:12Z\", \"by\": \"Dr A. Example\", \"event\": \"saved\", " \
  "\"verdict\": \"review\", \"findings\": [\"rc.radiculopathy\", \"info.evidence\"], \"missing\": [], " \
  "\"ruleset\": " RULESET ", \"sha256\": \"" HASH_1 "\"}"
#define ENTRY_2 "{\"at\": \"2026-11-25T14:02:00Z\", \"by\": \"Dr Zoë Ωmega\", \"event\": \"decision\", " \
  "\"verdict\": \"review\", \"findings\": [\"rc.radiculopathy\", \"info.evidence\"], \"missing\": [\"labs.crcl\"], " \
  "\"ruleset\": " RULESET ", \"sha256\": \"" HASH_2 "\"}"

static VertebroRuleset *rules;
static GDate today;

static char *
example_text (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("VERTEBRO_EXAMPLES"), name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* An example with @members spliced in at the end of its root object. */
static char *
with_members (const char *example,
              const char *members)
{
  g_autofree char *text = example_text (example);
  char *end = strrchr (text, '}');

  g_assert_nonnull (end);
  *end = '\0';
  return g_strconcat (text, ", ", members, "}\n", NULL);
}

static VertebroPatient *
load (const char  *text,
      GError     **error)
{
  return vertebro_patient_new_from_data (text, strlen (text), error);
}

static JsonObject *
output_of (VertebroPatient *patient,
           JsonNode       **root)
{
  g_autoptr(VertebroAssessment) a = vertebro_evaluate (rules, patient, &today);
  g_autofree char *json = vertebro_assessment_to_json (a);
  g_autoptr(GError) error = NULL;

  *root = json_from_string (json, &error);
  g_assert_no_error (error);
  return json_node_get_object (*root);
}

/* ---- The chain ---- */

static void
test_chain_vector (void)
{
  g_autofree char *text = with_members ("metastatic-review.vertebro", "\"audit\": [" ENTRY_1 ", " ENTRY_2 "]");
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = load (text, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *hash = NULL;
  JsonObject *audit;

  g_assert_no_error (error);
  g_assert_true (vertebro_patient_get_audit_intact (patient));
  g_assert_cmpuint (json_array_get_length (vertebro_patient_get_audit (patient)), ==, 2);
  hash = vertebro_audit_entry_hash ("0000000000000000000000000000000000000000000000000000000000000000",
                                    json_array_get_object_element (vertebro_patient_get_audit (patient), 0));
  g_assert_cmpstr (hash, ==, HASH_1);

  audit = json_object_get_object_member (output_of (patient, &root), "audit");
  g_assert_cmpint (json_object_get_int_member (audit, "entries"), ==, 2);
  g_assert_true (json_object_get_boolean_member (audit, "intact"));
}

typedef struct {
  const char *name;
  const char *trail;
} Tampering;

static const Tampering tamperings[] = {
  { "entry-changed", "[" ENTRY_1 ", " ENTRY_2 "]" },      /* the verdict of entry 1 is edited below */
  { "entry-removed", "[" ENTRY_2 "]" },
  { "pair-reordered", "[" ENTRY_2 ", " ENTRY_1 "]" },
  { "hash-missing", "[{\"at\": \"2026-11-21T09:30:12Z\", \"by\": \"x\", \"event\": \"saved\"}]" },
};

/* A tampered trail is reported (intact: false), never refused: the file
 * opens, is evaluated and saved, and the new entry chains from the last
 * entry as found. */
static void
test_tampered (gconstpointer data)
{
  const Tampering *t = data;
  g_autofree char *members = g_strconcat ("\"audit\": ", t->trail, NULL);
  g_autofree char *text = with_members ("metastatic-review.vertebro", members);
  g_autoptr(GString) edited = g_string_new (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = NULL;
  g_autoptr(VertebroPatient) reopened = NULL;
  g_autoptr(VertebroAssessment) a = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_utc (2026, 12, 1, 8, 0, 0);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *saved = NULL;
  JsonArray *audit;
  const char *last_before;
  guint n;

  if (g_str_equal (t->name, "entry-changed"))
    g_assert_cmpuint (g_string_replace (edited, "\"verdict\": \"review\", \"findings\": [\"rc.radiculopathy\", \"info.evidence\"], \"missing\": []",
                                        "\"verdict\": \"eligible\", \"findings\": [\"rc.radiculopathy\", \"info.evidence\"], \"missing\": []", 1), ==, 1);
  patient = load (edited->str, &error);
  g_assert_no_error (error);
  g_assert_false (vertebro_patient_get_audit_intact (patient));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (output_of (patient, &root), "audit"),
                                                  "intact"));

  audit = vertebro_patient_get_audit (patient);
  n = json_array_get_length (audit);
  last_before = json_object_get_string_member_with_default (json_array_get_object_element (audit, n - 1), "sha256", NULL);
  a = vertebro_evaluate (rules, patient, &today);
  vertebro_patient_append_audit (patient, "saved", "Dr Test", at, a);
  saved = vertebro_patient_to_data (patient);
  reopened = load (saved, &error);
  g_assert_no_error (error);
  audit = vertebro_patient_get_audit (reopened);
  g_assert_cmpuint (json_array_get_length (audit), ==, n + 1);
  /* Still altered: appending never mends a trail. */
  g_assert_false (vertebro_patient_get_audit_intact (reopened));
  {
    JsonObject *entry = json_array_get_object_element (audit, n);
    g_autofree char *expected = vertebro_audit_entry_hash (last_before != NULL ? last_before
                                                           : "0000000000000000000000000000000000000000000000000000000000000000",
                                                           entry);

    g_assert_cmpstr (json_object_get_string_member (entry, "sha256"), ==, expected);
  }
}

/* Appending to an intact trail keeps it intact; the entry has what the
 * format lists, in the output's order. */
static void
test_append (void)
{
  g_autofree char *text = example_text ("metastatic-review.vertebro");
  g_autoptr(VertebroPatient) patient = load (text, NULL);
  g_autoptr(VertebroAssessment) a = vertebro_evaluate (rules, patient, &today);
  g_autoptr(GDateTime) at = g_date_time_new_utc (2026, 11, 21, 9, 30, 12);
  g_autoptr(VertebroPatient) reopened = NULL;
  g_autofree char *saved = NULL;
  JsonObject *entry;
  JsonArray *findings;

  g_assert_null (vertebro_patient_get_audit (patient));
  vertebro_patient_append_audit (patient, "saved", "Dr A. Example", at, a);
  vertebro_patient_append_audit (patient, "decision", "Dr A. Example", at, a);
  saved = vertebro_patient_to_data (patient);
  reopened = load (saved, NULL);
  g_assert_nonnull (reopened);
  g_assert_true (vertebro_patient_get_audit_intact (reopened));
  entry = json_array_get_object_element (vertebro_patient_get_audit (reopened), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "at"), ==, "2026-11-21T09:30:12Z");
  g_assert_cmpstr (json_object_get_string_member (entry, "event"), ==, "saved");
  g_assert_cmpstr (json_object_get_string_member (entry, "verdict"), ==, "review");
  findings = json_object_get_array_member (entry, "findings");
  g_assert_cmpstr (json_array_get_string_element (findings, 0), ==, "rc.epidural_disease");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "ruleset"), "version"), ==, "2.0.0");
  g_assert_cmpuint (strlen (json_object_get_string_member (entry, "sha256")), ==, 64);
  g_assert_false (vertebro_audit_entry_differs (json_array_get_object_element (vertebro_patient_get_audit (reopened), 1), a));
}

/* ---- What changed since the last entry ---- */

static void
test_since_last (void)
{
  /* The trail says "eligible" with an older rule set; now it is review. */
  g_autofree char *text = with_members ("metastatic-review.vertebro",
                                        "\"audit\": [{\"at\": \"2026-01-01T00:00:00Z\", \"by\": \"x\", \"event\": \"saved\", "
                                        "\"verdict\": \"eligible\", \"findings\": [\"rc.posterior_wall\", \"caution.stent\"], "
                                        "\"missing\": [\"labs.crcl\"], \"ruleset\": {\"id\": \"vertebro-default\", "
                                        "\"version\": \"1.0.0\", \"sha256\": \"b\"}, \"sha256\": \"c\"}]");
  g_autoptr(VertebroPatient) patient = load (text, NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *since = json_object_get_object_member (json_object_get_object_member (output_of (patient, &root), "audit"),
                                                     "since_last");
  JsonArray *verdict = json_object_get_array_member (since, "verdict");

  g_assert_cmpstr (json_array_get_string_element (verdict, 0), ==, "eligible");
  g_assert_cmpstr (json_array_get_string_element (verdict, 1), ==, "review");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (since, "findings_added"), 0), ==, "rc.epidural_disease");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (since, "findings_removed"), 0), ==, "caution.stent");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (since, "missing_added")), ==, 0);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (since, "missing_removed"), 0), ==, "labs.crcl");
  g_assert_true (json_object_get_boolean_member (since, "ruleset_changed"));
}

/* ---- The decision ---- */

typedef struct {
  const char *name;
  const char *decision;
  gboolean    against;
  gboolean    stale;
} DecisionCase;

/* metastatic-review is "review" at L3; not-ready is "not_ready" at L2. */
static const DecisionCase decision_cases[] = {
  { "proceed-review", "\"decision\": {\"outcome\": \"proceed\", \"levels\": [\"L3\"], \"date\": \"2026-11-25\", "
    "\"by\": \"Dr A. Example\", \"mdt\": true, \"attendees\": \"IR, spine, oncology\", \"reason\": \"MDT\", \"verdict\": \"review\"}",
    FALSE, FALSE },
  { "proceed-stale", "\"decision\": {\"outcome\": \"proceed\", \"levels\": [\"L3\"], \"date\": \"2026-11-25\", "
    "\"by\": \"Dr A. Example\", \"verdict\": \"eligible\"}", FALSE, TRUE },
  { "defer", "\"decision\": {\"outcome\": \"defer\", \"date\": \"2026-11-25\", \"by\": \"Dr A. Example\", "
    "\"verdict\": \"review\"}", FALSE, FALSE },
};

static void
test_decision (gconstpointer data)
{
  const DecisionCase *c = data;
  g_autofree char *text = with_members ("metastatic-review.vertebro", c->decision);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = load (text, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(VertebroPatient) reopened = NULL;
  g_autofree char *saved = NULL;
  JsonObject *decision;

  g_assert_no_error (error);
  decision = json_object_get_object_member (output_of (patient, &root), "decision");
  g_assert_cmpint (json_object_get_boolean_member (decision, "against_assessment"), ==, c->against);
  g_assert_cmpint (json_object_get_boolean_member (decision, "stale"), ==, c->stale);
  /* The verdict itself never changes because of a decision. */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "verdict"), ==, "review");

  /* Open → save → open keeps the decision as written. */
  saved = vertebro_patient_to_data (patient);
  reopened = load (saved, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_equal (vertebro_patient_get_decision (reopened), vertebro_patient_get_decision (patient)));
}

/* Proceeding against a not-ready assessment is "against the assessment". */
static void
test_decision_against (void)
{
  g_autofree char *text = with_members ("not-ready-clopidogrel-inr.vertebro",
                                        "\"decision\": {\"outcome\": \"proceed\", \"levels\": [\"L2\"], \"date\": \"2026-11-25\", "
                                        "\"by\": \"Dr A. Example\", \"reason\": \"INR to be corrected on the day\", \"verdict\": \"not_ready\"}");
  g_autoptr(VertebroPatient) patient = load (text, NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *decision = json_object_get_object_member (output_of (patient, &root), "decision");

  g_assert_true (json_object_get_boolean_member (decision, "against_assessment"));
  g_assert_false (json_object_get_boolean_member (decision, "stale"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "verdict"), ==, "not_ready");
}

typedef struct {
  const char *name;
  const char *decision;
  const char *fragment;
} BadDecision;

static const BadDecision bad_decisions[] = {
  { "not-an-object", "\"decision\": [1]", "decision: must be an object" },
  { "outcome", "\"decision\": {\"outcome\": \"go\", \"date\": \"2026-11-25\", \"by\": \"x\"}", "decision.outcome:" },
  { "proceed-no-levels", "\"decision\": {\"outcome\": \"proceed\", \"date\": \"2026-11-25\", \"by\": \"x\"}", "decision.levels: a decision to proceed" },
  { "level-not-assessed", "\"decision\": {\"outcome\": \"proceed\", \"levels\": [\"T4\"], \"date\": \"2026-11-25\", \"by\": \"x\"}", "decision.levels[0]: T4 is not one of the levels assessed" },
  { "level-twice", "\"decision\": {\"outcome\": \"proceed\", \"levels\": [\"L3\", \"L3\"], \"date\": \"2026-11-25\", \"by\": \"x\"}", "decision.levels[1]: L3 is listed twice" },
  { "date-missing", "\"decision\": {\"outcome\": \"defer\", \"by\": \"x\"}", "decision.date:" },
  { "date-future", "\"decision\": {\"outcome\": \"defer\", \"date\": \"2999-01-01\", \"by\": \"x\"}", "decision.date: is in the future" },
  { "by-missing", "\"decision\": {\"outcome\": \"defer\", \"date\": \"2026-11-25\"}", "decision.by:" },
  { "by-blank", "\"decision\": {\"outcome\": \"defer\", \"date\": \"2026-11-25\", \"by\": \" \"}", "decision.by:" },
  { "mdt", "\"decision\": {\"outcome\": \"defer\", \"date\": \"2026-11-25\", \"by\": \"x\", \"mdt\": \"yes\"}", "decision.mdt:" },
  { "verdict", "\"decision\": {\"outcome\": \"defer\", \"date\": \"2026-11-25\", \"by\": \"x\", \"verdict\": \"ok\"}", "decision.verdict:" },
  { "audit-not-array", "\"audit\": {}", "audit: must be" },
  { "audit-entry", "\"audit\": [1]", "audit[0]: must be an object" },
};

static void
test_bad_decision (gconstpointer data)
{
  const BadDecision *c = data;
  g_autofree char *text = with_members ("metastatic-review.vertebro", c->decision);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = load (text, &error);

  g_assert_null (patient);
  g_assert_nonnull (error);
  if (strstr (error->message, c->fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, c->fragment);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rules = vertebro_ruleset_new_default (&error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 21, G_DATE_NOVEMBER, 2026);

  g_test_add_func ("/record/audit/test-vector", test_chain_vector);
  for (guint i = 0; i < G_N_ELEMENTS (tamperings); i++)
    {
      g_autofree char *path = g_strdup_printf ("/record/audit/tampered/%s", tamperings[i].name);
      g_test_add_data_func (path, &tamperings[i], test_tampered);
    }
  g_test_add_func ("/record/audit/append", test_append);
  g_test_add_func ("/record/audit/since-last", test_since_last);
  for (guint i = 0; i < G_N_ELEMENTS (decision_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/record/decision/%s", decision_cases[i].name);
      g_test_add_data_func (path, &decision_cases[i], test_decision);
    }
  g_test_add_func ("/record/decision/against", test_decision_against);
  for (guint i = 0; i < G_N_ELEMENTS (bad_decisions); i++)
    {
      g_autofree char *path = g_strdup_printf ("/record/bad/%s", bad_decisions[i].name);
      g_test_add_data_func (path, &bad_decisions[i], test_bad_decision);
    }
  return g_test_run ();
}
