/* test-ruleset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in rule set loads and is what the build compiled in; every class
 * of broken rule set is refused, naming the JSON path of the problem.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "vertebro-core.h"
#include "vertebro-ruleset-image.h"

static char *
default_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "rules", "vertebro-default.json", NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
test_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroRuleset) rules = vertebro_ruleset_new_default (&error);
  g_autofree char *text = default_text ();
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autoptr(GBytes) compiled_in = NULL;
  g_autoptr(VertebroRuleset) from_bytes = NULL;
  double value;

  g_assert_no_error (error);
  g_assert_cmpstr (vertebro_ruleset_get_id (rules), ==, "vertebro-default");
  g_assert_cmpstr (vertebro_ruleset_get_version (rules), ==, "2.0.0");
  /* The compiled-in rules are the bytes of data/rules/vertebro-default.json,
   * and the SHA-256 computed when they were compiled in is theirs. */
  g_assert_cmpstr (vertebro_ruleset_get_sha256 (rules), ==, sha256);
  g_assert_cmpuint (strlen (vertebro_ruleset_get_sha256 (rules)), ==, 64);
  compiled_in = g_resources_lookup_data (VERTEBRO_RULESET_DEFAULT_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  from_bytes = vertebro_ruleset_new_from_bytes (compiled_in, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vertebro_ruleset_get_sha256 (from_bytes), ==, vertebro_ruleset_get_sha256 (rules));

  g_assert_true (vertebro_ruleset_lookup_threshold (rules, "inr_max", &value));
  g_assert_cmpfloat (value, ==, 1.5);
  g_assert_true (vertebro_ruleset_lookup_threshold (rules, "platelets_min", &value));
  g_assert_cmpfloat (value, ==, 50000);
  g_assert_true (vertebro_ruleset_lookup_threshold (rules, "collapse_severe", &value));
  g_assert_cmpfloat (value, ==, 70);

  for (const char * const *id = (const char * const[]) {
         "src-000", "src-001", "src-002", "src-003", "src-004", "nice-ta279", "nice-ipg12", "nice-cg75",
         "sir-2019", "imwg-2010", "imwg-2019", "cms-lcd", "rand-ucla-2018", "hentschel-2005",
         "cochrane-2018", "vapour-2016", "genant-1993", "moon-2010", "icm-2018", "popa-2009",
         "cirse-2017", "sir-qi-2003", "ashp-2013", "ehra-2021", "owen-2010", NULL };
       *id != NULL; id++)
    g_assert_nonnull (vertebro_ruleset_get_citation (rules, *id));

  /* Rule set 2.0.0's evidence base: DOIs, and the source documents told apart. */
  g_assert_cmpstr (vertebro_ruleset_get_doi (rules, "cirse-2017"), ==, "10.1007/s00270-017-1574-8");
  g_assert_cmpstr (vertebro_ruleset_get_doi (rules, "sir-qi-2003"), ==, "10.1097/01.RVI.0000082822.75926.4c");
  g_assert_cmpstr (vertebro_ruleset_get_doi (rules, "owen-2010"), ==, "10.1055/s-0030-1253510");
  g_assert_null (vertebro_ruleset_get_doi (rules, "src-002"));
  for (guint i = 0; i < vertebro_ruleset_get_n_sources (rules); i++)
    {
      const char *id = vertebro_ruleset_get_source (rules, i, NULL);

      g_assert_cmpint (vertebro_ruleset_is_source_document (rules, id), ==, g_str_has_prefix (id, "src-"));
    }
  {
    const char * const cited[] = { "src-000", "sir-2019", "src-002", "cirse-2017", NULL };
    g_auto(GStrv) grouped = vertebro_ruleset_group_sources (rules, cited);
    g_autofree char *joined = g_strjoinv (",", grouped);

    g_assert_cmpstr (joined, ==, "sir-2019,cirse-2017,src-000,src-002");
  }
}

/* A site rule set that changes a threshold is used as written. */
static void
test_site_threshold (void)
{
  g_autofree char *text = default_text ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) changed = g_string_new (text);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VertebroRuleset) rules = NULL;
  g_autofree char *default_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  double value;

  g_assert_cmpuint (g_string_replace (changed, "\"value\": 1.5,", "\"value\": 1.8,", 1), ==, 1);
  bytes = g_bytes_new (changed->str, changed->len);
  rules = vertebro_ruleset_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (vertebro_ruleset_lookup_threshold (rules, "inr_max", &value));
  g_assert_cmpfloat (value, ==, 1.8);
  g_assert_cmpstr (vertebro_ruleset_get_sha256 (rules), !=, default_sha256);
}

typedef void (*Mutation) (JsonObject *root);

static JsonObject *
member_object (JsonObject *object,
               const char *array,
               guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (object, array), index);
}

static void
unknown_field (JsonObject *root)
{
  JsonObject *when = json_object_get_object_member (member_object (root, "findings", 0), "when");
  json_object_set_string_member (when, "field", "history.infection_systemc");
}

static void
unknown_operator (JsonObject *root)
{
  JsonObject *when = json_object_get_object_member (member_object (root, "findings", 0), "when");
  json_object_remove_member (when, "is");
  json_object_set_boolean_member (when, "equals", TRUE);
}

static void
wrong_type (JsonObject *root)
{
  json_object_set_string_member (member_object (root, "thresholds", 0), "value", "1.5");
}

static void
wrong_operand_type (JsonObject *root)
{
  JsonObject *when = json_object_get_object_member (member_object (root, "findings", 0), "when");
  json_object_set_string_member (when, "is", "yes");
}

static void
duplicate_finding (JsonObject *root)
{
  json_object_set_string_member (member_object (root, "findings", 1), "id", "ci.infection_systemic");
}

static void
duplicate_source (JsonObject *root)
{
  json_object_set_string_member (member_object (root, "sources", 1), "id",
                                 json_object_get_string_member (member_object (root, "sources", 0), "id"));
}

static void
bad_doi (JsonObject *root)
{
  json_object_set_string_member (member_object (root, "sources", 0), "doi", "https://doi.org/10.1000/x");
}

static void
cited_alone (JsonObject *root)
{
  JsonArray *sources = json_array_new ();

  json_array_add_string_element (sources, "src-000");
  json_object_set_array_member (member_object (root, "findings", 0), "sources", sources);
}

static JsonObject *
drug_entry (JsonObject *root,
            const char *id)
{
  JsonArray *drugs = json_object_get_array_member (root, "antithrombotics");

  for (guint i = 0; i < json_array_get_length (drugs); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (drugs, i), "id"), id))
      return json_array_get_object_element (drugs, i);
  g_assert_not_reached ();
}

static void
beyond_table_without_hold (JsonObject *root)
{
  JsonArray *bands = json_object_get_array_member (drug_entry (root, "apixaban"), "bands");

  json_object_set_string_member (json_array_get_object_element (bands, 2), "hold", "none");
}

static void
missing_other_drug (JsonObject *root)
{
  JsonArray *drugs = json_object_get_array_member (root, "antithrombotics");

  json_array_remove_element (drugs, json_array_get_length (drugs) - 1);
}

static void
done_in_counsel (JsonObject *root)
{
  JsonObject *done = json_object_new ();

  json_object_set_string_member (done, "field", "history.pain_refractory");
  json_object_set_boolean_member (done, "is", TRUE);
  json_object_set_object_member (member_object (root, "counsel", 0), "done", done);
}

static void
unknown_source (JsonObject *root)
{
  JsonArray *sources = json_object_get_array_member (member_object (root, "findings", 0), "sources");
  json_array_add_string_element (sources, "src-999");
}

static void
unknown_threshold (JsonObject *root)
{
  JsonArray *findings = json_object_get_array_member (root, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (finding, "id"), "req.inr"))
        {
          JsonObject *ge = json_object_new ();
          json_object_set_string_member (ge, "threshold", "inr_limit");
          json_object_set_object_member (json_object_get_object_member (finding, "when"), "ge", ge);
        }
    }
}

static void
unknown_member (JsonObject *root)
{
  json_object_set_int_member (root, "thresholdz", 1);
}

static void
unknown_choice (JsonObject *root)
{
  JsonObject *tumour = json_object_get_object_member (json_object_get_object_member (root, "definitions"), "tumour");
  JsonArray *in = json_array_new ();

  json_array_add_string_element (in, "metastasis");
  json_object_set_array_member (tumour, "in", in);
}

static void
level_fact_in_patient_scope (JsonObject *root)
{
  JsonObject *when = json_object_get_object_member (member_object (root, "findings", 0), "when");
  json_object_set_string_member (when, "field", "level.pain_concordant");
}

static void
unknown_placeholder (JsonObject *root)
{
  json_object_set_string_member (member_object (root, "findings", 0), "message", "Infection: {field:labs.inrr}");
}

static void
missing_drug (JsonObject *root)
{
  json_array_remove_element (json_object_get_array_member (root, "antithrombotics"), 0);
}

static void
unknown_severity (JsonObject *root)
{
  json_object_set_string_member (member_object (root, "findings", 0), "severity", "fatal");
}

static void
newer_format (JsonObject *root)
{
  json_object_set_int_member (root, "format_version", 2);
}

static void
results_in_finding (JsonObject *root)
{
  JsonObject *when = json_object_new ();

  json_object_set_string_member (when, "severity", "relative");
  json_object_set_object_member (member_object (root, "findings", 0), "when", when);
}

static void
unknown_finding_reference (JsonObject *root)
{
  JsonObject *when = json_object_new ();

  json_object_set_string_member (when, "finding", "req.inr_high");
  json_object_set_object_member (member_object (root, "checklist", 0), "when", when);
}

typedef struct {
  const char *name;
  Mutation    mutate;
  const char *path;
  const char *fragment;
} BadRules;

static const BadRules bad_rules[] = {
  { "unknown-field", unknown_field, "findings[0].when.field", "unknown field" },
  { "unknown-operator", unknown_operator, "findings[0].when", "unknown operator" },
  { "wrong-type", wrong_type, "thresholds[0].value", "must be a number" },
  { "wrong-operand-type", wrong_operand_type, "findings[0].when.is", "true or false" },
  { "duplicate-finding-id", duplicate_finding, "findings[1].id", "used twice" },
  { "duplicate-source-id", duplicate_source, "sources[1].id", "used twice" },
  { "unknown-source", unknown_source, "findings[0].sources[5]", "not in the sources table" },
  { "bad-doi", bad_doi, "sources[0].doi", "must be a DOI" },
  { "cited-alone", cited_alone, "findings[0].sources", "may not be cited alone" },
  { "beyond-table-without-hold", beyond_table_without_hold, "antithrombotics[7].bands[2].beyond_table", "numeric" },
  { "missing-other-drug", missing_other_drug, "antithrombotics", "“other”" },
  { "done-in-counsel", done_in_counsel, "counsel[0]", "done" },
  { "unknown-threshold", unknown_threshold, "when.ge.threshold", "unknown threshold" },
  { "unknown-member", unknown_member, "(root)", "thresholdz" },
  { "unknown-choice", unknown_choice, "definitions.tumour.in[0]", "not an allowed value" },
  { "level-fact-in-patient-scope", level_fact_in_patient_scope, "findings[0].when.field", "not available here" },
  { "unknown-placeholder", unknown_placeholder, "findings[0].message", "labs.inrr" },
  { "missing-drug", missing_drug, "antithrombotics", "clopidogrel" },
  { "unknown-severity", unknown_severity, "findings[0].severity", "fatal" },
  { "newer-format", newer_format, "format_version", "newer version" },
  { "finding-looks-at-findings", results_in_finding, "findings[0].when", "only checklist and counselling" },
  { "unknown-finding-reference", unknown_finding_reference, "checklist[0].when.finding", "req.inr_high" },
};

static void
test_bad (gconstpointer data)
{
  const BadRules *c = data;
  g_autofree char *text = default_text ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VertebroRuleset) rules = NULL;
  g_autofree char *broken = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  c->mutate (json_node_get_object (json_parser_get_root (parser)));
  json_generator_set_root (generator, json_parser_get_root (parser));
  broken = json_generator_to_data (generator, NULL);

  bytes = g_bytes_new (broken, strlen (broken));
  rules = vertebro_ruleset_new_from_bytes (bytes, &error);
  g_assert_null (rules);
  g_assert_nonnull (error);
  g_assert_true (error->domain == VERTEBRO_RULESET_ERROR);
  if (strstr (error->message, c->path) == NULL || strstr (error->message, c->fragment) == NULL)
    g_error ("“%s” does not name “%s” and “%s”", error->message, c->path, c->fragment);
}

static void
test_not_json (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{\"format\": ", 11);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroRuleset) rules = vertebro_ruleset_new_from_bytes (bytes, &error);

  g_assert_null (rules);
  g_assert_error (error, VERTEBRO_RULESET_ERROR, VERTEBRO_RULESET_ERROR_SYNTAX);
}

/* The image compiled in is what the loader makes of the JSON compiled in. */
static void
test_default_image (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) json = g_resources_lookup_data (VERTEBRO_RULESET_DEFAULT_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_autoptr(GBytes) compiled_in = g_resources_lookup_data (VERTEBRO_RULESET_DEFAULT_IMAGE_RESOURCE,
                                                           G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_autoptr(VertebroRuleset) loaded = vertebro_ruleset_new_from_bytes (json, &error);
  g_autoptr(GBytes) image = NULL;

  g_assert_no_error (error);
  image = vertebro_ruleset_write_image (loaded);
  g_assert_true (g_bytes_equal (image, compiled_in));
}

/* An image cut short is refused, never read past its end: cut as a whole,
 * and with its records cut under a header that says so. */
static void
test_image_cut (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) image = g_resources_lookup_data (VERTEBRO_RULESET_DEFAULT_IMAGE_RESOURCE,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  const guint8 *data;
  gsize length;
  guint32 records_length, strings_length;
  const gsize header = 24;   /* magic, layout, byte order, two lengths */

  g_assert_no_error (error);
  data = g_bytes_get_data (image, &length);
  memcpy (&records_length, data + 16, sizeof records_length);
  memcpy (&strings_length, data + 20, sizeof strings_length);
  g_assert_cmpuint (header + records_length + strings_length, ==, length);

  for (gsize cut = 0; cut < length; cut += cut < 64 ? 1 : 97)
    {
      g_autoptr(GBytes) part = g_bytes_new (data, cut);
      g_autoptr(VertebroRuleset) rules = vertebro_ruleset_new_from_image (part, &error);

      g_assert_null (rules);
      g_assert_error (error, VERTEBRO_RULESET_ERROR, VERTEBRO_RULESET_ERROR_INVALID);
      g_clear_error (&error);
    }

  for (guint32 cut = 0; cut < records_length; cut += cut < 64 ? 1 : 97)
    {
      g_autoptr(GByteArray) copy = g_byte_array_new ();
      g_autoptr(GBytes) part = NULL;
      g_autoptr(VertebroRuleset) rules = NULL;

      g_byte_array_append (copy, data, 16);
      g_byte_array_append (copy, (const guint8 *) &cut, sizeof cut);
      g_byte_array_append (copy, data + 20, 4);
      g_byte_array_append (copy, data + header, cut);
      g_byte_array_append (copy, data + header + records_length, strings_length);
      part = g_byte_array_free_to_bytes (g_steal_pointer (&copy));
      rules = vertebro_ruleset_new_from_image (part, &error);

      g_assert_null (rules);
      g_assert_error (error, VERTEBRO_RULESET_ERROR, VERTEBRO_RULESET_ERROR_INVALID);
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ruleset/default", test_default);
  g_test_add_func ("/ruleset/default/image", test_default_image);
  g_test_add_func ("/ruleset/image/cut", test_image_cut);
  g_test_add_func ("/ruleset/site-threshold", test_site_threshold);
  g_test_add_func ("/ruleset/bad/not-json", test_not_json);
  for (guint i = 0; i < G_N_ELEMENTS (bad_rules); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ruleset/bad/%s", bad_rules[i].name);
      g_test_add_data_func (path, &bad_rules[i], test_bad);
    }

  return g_test_run ();
}
