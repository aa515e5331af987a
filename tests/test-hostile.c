/* test-hostile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hostile and edge-of-range input (issue 19): site rule sets that would
 * hang the evaluation or write to the terminal, dates at the edge of the
 * calendar, numbers typed in another unit, and text that uses invisible
 * controls to look like something else.
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "vertebro-core.h"
#include "vertebro-test-run.h"

static char *vertebro_exe;
static char *tmp_dir;

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

/* The built-in rule set as a JSON tree, to change. */
static JsonParser *
default_tree (void)
{
  g_autofree char *text = default_text ();
  JsonParser *parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return parser;
}

static char *
tree_to_text (JsonParser *parser)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static VertebroRuleset *
load_text (const char  *text,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return vertebro_ruleset_new_from_bytes (bytes, error);
}

static char *
write_tmp (const char *name,
           const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

/* ---- Item 7: a chain of refs that doubles at every step ---- */

/* Adds definitions d0 … d(n-1), each an "any" of the one before, twice, and
 * makes the first finding's condition the last of them: 33 KB of JSON
 * whose expansion has 2^n leaves. */
static char *
ref_chain (guint n)
{
  g_autoptr(JsonParser) parser = default_tree ();
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  JsonObject *definitions = json_object_get_object_member (root, "definitions");
  JsonObject *finding = json_array_get_object_element (json_object_get_array_member (root, "findings"), 0);
  g_autofree char *last = g_strdup_printf ("d%u", n - 1);
  JsonObject *use = json_object_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("d%u", i);
      JsonObject *definition = json_object_new ();

      if (i == 0)
        {
          json_object_set_string_member (definition, "field", "history.infection_systemic");
          json_object_set_boolean_member (definition, "is", TRUE);
        }
      else
        {
          g_autofree char *before = g_strdup_printf ("d%u", i - 1);
          JsonArray *any = json_array_new ();

          for (int twice = 0; twice < 2; twice++)
            {
              JsonObject *ref = json_object_new ();

              json_object_set_string_member (ref, "ref", before);
              json_array_add_object_element (any, ref);
            }
          json_object_set_array_member (definition, "any", any);
        }
      json_object_set_object_member (definitions, name, definition);
    }
  json_object_set_string_member (use, "ref", last);
  json_object_set_object_member (finding, "when", use);
  return tree_to_text (parser);
}

static void
test_ref_chain_refused (void)
{
  g_autofree char *text = ref_chain (1000);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroRuleset) rules = load_text (text, &error);

  /* Loading it used to succeed, and evaluating then never ended. */
  g_assert_null (rules);
  g_assert_error (error, VERTEBRO_RULESET_ERROR, VERTEBRO_RULESET_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "definitions.d"));
  g_assert_nonnull (strstr (error->message, "too large"));
  g_assert_nonnull (strstr (error->message, "10000"));
}

/* A chain that stays under the limit loads and evaluates at once. */
static void
test_ref_chain_small (void)
{
  g_autofree char *text = ref_chain (8);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroRuleset) rules = load_text (text, &error);
  g_autoptr(VertebroPatient) patient = NULL;
  g_autoptr(VertebroAssessment) assessment = NULL;
  GDate today;

  g_assert_no_error (error);
  static const char patient_text[] = "{\"format\":\"vertebro-patient\",\"version\":1,"
                                     "\"history\":{\"infection_systemic\":true}}";

  patient = vertebro_patient_new_from_data (patient_text, strlen (patient_text), &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 21, G_DATE_NOVEMBER, 2026);
  assessment = vertebro_evaluate (rules, patient, &today);
  g_assert_cmpint (vertebro_assessment_get_verdict (assessment), ==, VERTEBRO_VERDICT_CONTRAINDICATED);
}

/* Many rules that each use a definition just under the limit add up. */
static void
test_ref_total_refused (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *chain = ref_chain (11);
  JsonObject *root;
  JsonArray *counsel;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroRuleset) rules = NULL;

  g_assert_true (json_parser_load_from_data (parser, chain, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  counsel = json_object_get_array_member (root, "counsel");
  for (guint i = 0; i < 100; i++)
    {
      JsonObject *item = json_object_new ();
      JsonObject *ref = json_object_new ();
      g_autofree char *id = g_strdup_printf ("counsel.extra%u", i);

      json_object_set_string_member (ref, "ref", "d10");
      json_object_set_string_member (item, "id", id);
      json_object_set_object_member (item, "when", ref);
      json_object_set_string_member (item, "text", "Extra.");
      json_object_set_array_member (item, "sources", json_array_new ());
      json_array_add_object_element (counsel, item);
    }
  text = tree_to_text (parser);
  rules = load_text (text, &error);
  g_assert_null (rules);
  g_assert_error (error, VERTEBRO_RULESET_ERROR, VERTEBRO_RULESET_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "counsel["));
  g_assert_nonnull (strstr (error->message, "200000"));
}

/* ---- Item 7: control characters in a rule set's texts ---- */

typedef struct {
  const char *name;
  const char *text;
  const char *code;
} BadText;

static const BadText bad_texts[] = {
  { "escape", "\033[2K\rVerdict: Eligible", "U+001B" },
  { "carriage-return", "Fine.\rVerdict: Eligible", "U+000D" },
  { "c1-csi", "Fine.\xc2\x9b" "2K", "U+009B" },
  { "right-to-left-override", "\xe2\x80\xae" "elbigilE", "U+202E" },
};

static void
test_control_in_text (gconstpointer data)
{
  const BadText *c = data;
  g_autoptr(JsonParser) parser = default_tree ();
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  JsonObject *counsel = json_array_get_object_element (json_object_get_array_member (root, "counsel"), 0);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroRuleset) rules = NULL;

  json_object_set_string_member (counsel, "text", c->text);
  text = tree_to_text (parser);
  rules = load_text (text, &error);
  g_assert_null (rules);
  g_assert_error (error, VERTEBRO_RULESET_ERROR, VERTEBRO_RULESET_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "counsel[0].text: "));
  g_assert_nonnull (strstr (error->message, c->code));
}

/* Whatever a file holds, the text output has no control character but its
 * line ends: a patient's name shown by a site's rule set cannot rewrite
 * the "Verdict:" line. */
static void
test_cli_prints_no_controls (void)
{
  g_autoptr(JsonParser) parser = default_tree ();
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  JsonObject *counsel = json_array_get_object_element (json_object_get_array_member (root, "counsel"), 0);
  g_autofree char *rules_text = NULL;
  g_autofree char *rules_path = NULL;
  g_autofree char *patient_path = NULL;
  g_auto(VertebroRun) run = { 0 };

  json_object_remove_member (counsel, "when");
  json_object_set_string_member (counsel, "text", "Patient: {field:patient.name}.");
  rules_text = tree_to_text (parser);
  rules_path = write_tmp ("name-rules.json", rules_text);
  patient_path = write_tmp ("escape.vertebro",
                            "{\"format\":\"vertebro-patient\",\"version\":1,"
                            "\"patient\":{\"name\":\"A\\u001b[1A\\u001b[2K\\rVerdict: Eligible\\u009b\\u202e\"}}");

  vertebro_run_argv (&run, (const char * const[]) { "LC_ALL=C.UTF-8", NULL },
                     (const char * const[]) { vertebro_exe, "--evaluate", patient_path, "--rules", rules_path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Verdict: Incomplete"));
  g_assert_nonnull (strstr (run.out, "Patient: A<U+001B>[1A<U+001B>[2K<U+000D>Verdict: Eligible<U+009B><U+202E>."));
  for (const char *p = run.out; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      g_assert_true (ch == '\n' || g_unichar_type (ch) != G_UNICODE_CONTROL);
    }
}

/* ---- Item 9: dates at the start of year 1 ---- */

static void
test_date_arithmetic (void)
{
  GDate date, result;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 3, G_DATE_JANUARY, 1);
  g_assert_false (vertebro_date_add_days_checked (&date, -5, &result));
  g_assert_false (g_date_valid (&result));
  g_assert_true (vertebro_date_add_days_checked (&date, -2, &result));
  g_assert_cmpuint (g_date_get_day (&result), ==, 1);
  g_assert_cmpuint (g_date_get_year (&result), ==, 1);

  g_date_set_dmy (&date, 28, G_DATE_NOVEMBER, 2026);
  g_assert_true (vertebro_date_add_days_checked (&date, -5, &result));
  g_assert_cmpuint (g_date_get_day (&result), ==, 23);
  g_date_set_dmy (&date, 30, G_DATE_DECEMBER, 9999);
  g_assert_false (vertebro_date_add_days_checked (&date, 2, &result));
}

/* A planned date in the first days of year 1 with a drug to stop gave a
 * GLib-CRITICAL and a stop date of the planned date; now the file is
 * refused, by the reader, by the command line and by the form alike. */
static void
test_year_one (void)
{
  static const char patient_text[] =
    "{\"format\":\"vertebro-patient\",\"version\":1,"
    "\"assessment\":{\"planned_date\":\"0001-01-03\"},"
    "\"antithrombotics\":[{\"drug\":\"clopidogrel\",\"held\":0}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = vertebro_patient_new_from_data (patient_text, strlen (patient_text), &error);
  g_autofree char *path = write_tmp ("year-one.vertebro", patient_text);
  g_auto(VertebroRun) run = { 0 };
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, "assessment.planned_date");
  g_autofree char *message = NULL;
  GDate date;

  g_assert_null (patient);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "assessment.planned_date"));
  g_assert_nonnull (strstr (error->message, "years 2 to 9998"));

  vertebro_run_argv (&run, (const char * const[]) { "LC_ALL=C.UTF-8", NULL },
                     (const char * const[]) { vertebro_exe, "--evaluate", path, NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_null (strstr (run.err, "CRITICAL"));
  g_assert_nonnull (strstr (run.err, "years 2 to 9998"));

  g_assert_cmpint (vertebro_input_parse_date (field, "0001-01-03", &date, &message), ==, VERTEBRO_INPUT_INVALID);
  g_assert_nonnull (strstr (message, "2 to 9998"));
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (vertebro_input_parse_date (field, "0002-01-03", &date, &message), ==, VERTEBRO_INPUT_VALID);
}

/* The fuzzers' log handler: a critical aborts (SIGABRT, which libFuzzer
 * records with its input), never traps (SIGTRAP, which it does not). */
static void
test_fuzz_critical_aborts (void)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "fuzz", "fuzz-critical", NULL);
  const char *argv[] = { helper, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGABRT);
  g_assert_nonnull (strstr (err, "CRITICAL"));
}

/* ---- Item 11: platelets typed in ×10⁹/L ---- */

typedef struct {
  const char *typed;
  double      per_ul;
} Platelets;

static const Platelets platelets[] = {
  { "16.1", 16100 },
  { "0.3", 300 },
  { "1.005", 1005 },
  { "16.0005", 16001 },   /* 16000.5 /µL, to whole counts per µL */
  { "210", 210000 },
  { "49.999", 49999 },
};

static void
test_platelets (void)
{
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, "labs.platelets");

  for (guint i = 0; i < G_N_ELEMENTS (platelets); i++)
    {
      g_autofree char *message = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *back = NULL;
      double value = -1;

      g_assert_cmpint (vertebro_input_parse_number (field, platelets[i].typed, 1000, &value, &message), ==,
                       VERTEBRO_INPUT_VALID);
      g_assert_cmpfloat (value, ==, platelets[i].per_ul);
      /* Everywhere it is shown: the text of the value, and the entry again. */
      shown = vertebro_format_number (value, VERTEBRO_TEXT_PORTABLE);
      g_assert_null (strchr (shown, '.'));
      back = vertebro_input_format_number (value / 1000);
      if (strcmp (platelets[i].typed, "16.0005") != 0)
        g_assert_cmpstr (back, ==, platelets[i].typed);
    }
}

/* ---- Item 6: invisible controls in what users typed ---- */

/* The text layer of the PDF summary of a patient with these texts. */
static char *
pdf_text_of (const char *name,
             const char *identifier,
             const char *clinician,
             const char *notes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *patient = NULL;
  g_autofree char *pdf = g_build_filename (tmp_dir, "bidi.pdf", NULL);
  g_auto(VertebroRun) run = { 0 };
  g_auto(VertebroRun) text = { 0 };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "vertebro-patient");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "patient");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "identifier");
  json_builder_add_string_value (builder, identifier);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "assessment");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "clinician");
  json_builder_add_string_value (builder, clinician);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, notes);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  patient = write_tmp ("bidi.vertebro", json);

  vertebro_run_argv (&run, (const char * const[]) { "LC_ALL=C.UTF-8", NULL },
                     (const char * const[]) { vertebro_exe, "--evaluate", patient, "--export-pdf", pdf, NULL });
  g_assert_cmpint (run.status, ==, 0);
  vertebro_run_argv (&text, NULL, (const char * const[]) { "pdftotext", "-raw", pdf, "-", NULL });
  g_assert_cmpint (text.status, ==, 0);
  return g_steal_pointer (&text.out);
}

static char *
without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

typedef struct {
  const char *name;
  const char *identifier;
  const char *shown;
} Identifier;

static const Identifier identifiers[] = {
  /* Shows as "MRN-1234" when the override is obeyed. */
  { "right-to-left-override", "\u202e4321-NRM", "Identifier <U+202E>4321-NRM" },
  { "isolate", "\u2066MRN\u2069-1234", "Identifier <U+2066>MRN<U+2069>-1234" },
  { "zero-width", "MRN-12\u200b34\u200d", "Identifier MRN-12<U+200B>34<U+200D>" },
};

/* An identifier never reads as another: its invisible controls are shown
 * in the PDF, where they are. */
static void
test_pdf_identifier (gconstpointer data)
{
  const Identifier *c = data;
  g_autofree char *text = pdf_text_of ("Jane Roe", c->identifier, "Dr A", "Notes.");
  g_autofree char *joined = without_spaces (text);
  g_autofree char *shown = without_spaces (c->shown);

  /* Spaces and line ends aside: a narrow column wraps the identifier. */
  if (strstr (joined, shown) == NULL)
    g_error ("the PDF does not show “%s”:\n%s", c->shown, text);
}

/* A right-to-left override in the name, the clinician or the notes stays
 * in its own text: the identifier after the name in each page's header
 * reads as it is, and so does the second line of the notes. */
static void
test_pdf_isolated (void)
{
  g_autofree char *text = pdf_text_of ("Jane \u202eRoe\u200d", "ABC-123", "Dr \u2067Who\u200b",
                                       "Line one \u202eabc\nLine two");
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint headers = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_suffix (lines[i], " · ABC-123"))
      headers++;
  if (headers == 0)
    g_error ("no page header ends with the identifier:\n%s", text);
  g_assert_nonnull (strstr (text, "\nLine two\n"));
  g_assert_nonnull (strstr (text, "Identifier ABC-123\n"));
}

/* ---- Item 8: notes of any length ---- */

/* A notes paragraph over ~350 KB disappeared from the PDF but for its first
 * line; now every word is printed, in order, however long the paragraph,
 * with or without spaces. */
static void
test_pdf_long_notes (void)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *joined = NULL;
  guint n = 0, x = 0;
  const char *p, *end;

  while (notes->len < 400 * 1024)
    g_string_append_printf (notes, "word%06u ", n++);
  g_string_append (notes, "ENDMARK\n");
  for (guint i = 0; i < 64 * 1024; i++)
    g_string_append_c (notes, 'x');
  g_string_append (notes, "LAST");

  text = pdf_text_of ("Jane Roe", "ABC-123", "Dr A", notes->str);
  joined = without_spaces (text);
  p = joined;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *word = g_strdup_printf ("word%06u", i);

      p = strstr (p, word);
      if (p == NULL)
        g_error ("the PDF lacks “%s” of the notes", word);
    }
  p = strstr (p, "ENDMARK");
  g_assert_nonnull (p);
  p += strlen ("ENDMARK");
  /* The pages' headers and footers come between its lines; they have no
   * "x". */
  end = strstr (p, "LAST");
  g_assert_nonnull (end);
  for (; p < end; p++)
    x += *p == 'x';
  g_assert_cmpuint (x, ==, 64 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  vertebro_exe = g_strdup (g_getenv ("VERTEBRO_EXE"));
  tmp_dir = vertebro_test_make_tmp_dir ("vertebro-hostile");

  g_test_add_func ("/hostile/ruleset/ref-chain-refused", test_ref_chain_refused);
  g_test_add_func ("/hostile/ruleset/ref-chain-small", test_ref_chain_small);
  g_test_add_func ("/hostile/ruleset/ref-total-refused", test_ref_total_refused);
  for (guint i = 0; i < G_N_ELEMENTS (bad_texts); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/ruleset/control/%s", bad_texts[i].name);

      g_test_add_data_func (path, &bad_texts[i], test_control_in_text);
    }
  g_test_add_func ("/hostile/cli/no-controls", test_cli_prints_no_controls);
  g_test_add_func ("/hostile/date/arithmetic", test_date_arithmetic);
  g_test_add_func ("/hostile/date/year-one", test_year_one);
  g_test_add_func ("/hostile/fuzz/critical-aborts", test_fuzz_critical_aborts);
  g_test_add_func ("/hostile/input/platelets", test_platelets);
  /* Read back with pdftotext: left out where poppler-utils is not (the
   * Flatpak's Sdk, -Dpdf_text_tests=false), like the suite "pdftext". */
  if (g_strcmp0 (g_getenv ("VERTEBRO_PDF_TEXT_TESTS"), "0") != 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (identifiers); i++)
        {
          g_autofree char *path = g_strdup_printf ("/hostile/bidi/pdf-identifier/%s", identifiers[i].name);

          g_test_add_data_func (path, &identifiers[i], test_pdf_identifier);
        }
      g_test_add_func ("/hostile/bidi/pdf-isolated", test_pdf_isolated);
      g_test_add_func ("/hostile/pdf/long-notes", test_pdf_long_notes);
    }

  status = g_test_run ();
  vertebro_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (vertebro_exe);
  return status;
}
