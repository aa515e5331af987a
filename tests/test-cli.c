/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "vertebro-test-run.h"

/* The command-line contract of `vertebro` (patient-format.md in the spec):
 * exit 0 when an assessment was printed, 1 when the patient file or rule set
 * is refused (one line on stderr naming the file, the field path and the
 * problem; nothing on stdout), 2 for a usage error. Every case runs the real
 * program with no DISPLAY and no WAYLAND_DISPLAY.
 */

#define EXIT_OK      0
#define EXIT_REFUSED 1
#define EXIT_USAGE   2

static char *vertebro_exe;
static char *examples_dir;
static char *default_rules;

/* Running the program */

typedef VertebroRun Run;

/* @lang: NULL for LC_ALL=C.UTF-8; else LC_ALL and the LC_ variables are
 * unset and LANG is @lang (the locale need not exist). */
static void
run_vertebro_argv (Run                *run,
                   const char         *lang,
                   const char * const *args)
{
  static const char * const c_locale[] = { "LC_ALL=C.UTF-8", NULL };
  g_autoptr(GPtrArray) env = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  if (lang != NULL)
    {
      static const char * const locale_vars[] = {
        "LC_ALL", "LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE",
        "LC_MONETARY", "LC_MESSAGES", "LANGUAGE",
      };

      for (guint i = 0; i < G_N_ELEMENTS (locale_vars); i++)
        g_ptr_array_add (env, g_strconcat (locale_vars[i], "=", NULL));
      g_ptr_array_add (env, g_strconcat ("LANG=", lang, NULL));
      g_ptr_array_add (env, NULL);
    }

  g_ptr_array_add (argv, vertebro_exe);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  vertebro_run_argv (run, lang != NULL ? (const char * const *) env->pdata : c_locale,
                     (const char * const *) argv->pdata);
}

static void G_GNUC_NULL_TERMINATED
run_vertebro (Run        *run,
              const char *first_arg,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  run_vertebro_argv (run, NULL, (const char * const *) args->pdata);
}

static char *
example_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".vertebro", NULL);

  return g_build_filename (examples_dir, file, NULL);
}

/* A refusal: exit 1, nothing on stdout, one line on stderr that names the
 * file and (when given) the expected fragment, usually a field path. */
static void
assert_refused (const Run  *run,
                const char *file,
                const char *fragment)
{
  g_autofree char *basename = g_path_get_basename (file);
  const char *newline;

  g_assert_cmpint (run->status, ==, EXIT_REFUSED);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (run->err);
  newline = strchr (run->err, '\n');
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");  /* exactly one line */
  g_assert_cmpuint (newline - run->err, >, 0);
  g_assert_nonnull (strstr (run->err, basename));
  if (fragment != NULL)
    g_assert_nonnull (strstr (run->err, fragment));
}

/* JSON helpers */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));
  return json_parser_steal_root (parser);
}

static gboolean
node_is_type (JsonNode *node,
              GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    g_test_message ("member “%s” is missing", name);
  g_assert_nonnull (node);
  return node;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = get_member (object, name);

  if (!node_is_type (node, G_TYPE_STRING))
    g_test_message ("member “%s” is not a string", name);
  g_assert_true (node_is_type (node, G_TYPE_STRING));
  return json_node_get_string (node);
}

static const char *
get_string_or_null (JsonObject *object,
                    const char *name)
{
  JsonNode *node = get_member (object, name);

  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return get_string (object, name);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = get_member (object, name);

  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = get_member (object, name);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static JsonObject *
array_object (JsonArray *array,
              guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
assert_members_exactly (JsonObject         *object,
                        const char * const *expected)
{
  g_autoptr(GList) names = json_object_get_members (object);
  g_autoptr(GPtrArray) got = g_ptr_array_new ();
  g_autoptr(GPtrArray) want = g_ptr_array_new ();
  g_autofree char *got_joined = NULL;
  g_autofree char *want_joined = NULL;

  for (GList *l = names; l != NULL; l = l->next)
    g_ptr_array_add (got, l->data);
  for (guint i = 0; expected[i] != NULL; i++)
    g_ptr_array_add (want, (char *) expected[i]);
  g_ptr_array_sort (got, compare_strings);
  g_ptr_array_sort (want, compare_strings);
  g_ptr_array_add (got, NULL);
  g_ptr_array_add (want, NULL);
  got_joined = g_strjoinv (",", (char **) got->pdata);
  want_joined = g_strjoinv (",", (char **) want->pdata);
  g_assert_cmpstr (got_joined, ==, want_joined);
}

static gboolean
str_in (const char         *value,
        const char * const *allowed)
{
  return value != NULL && g_strv_contains (allowed, value);
}

static void
assert_iso_date (const char *text)
{
  guint64 y, m, d;

  g_assert_cmpuint (strlen (text), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        g_assert_cmpint (text[i], ==, '-');
      else
        g_assert_true (g_ascii_isdigit (text[i]));
    }
  y = g_ascii_strtoull (text, NULL, 10);
  m = g_ascii_strtoull (text + 5, NULL, 10);
  d = g_ascii_strtoull (text + 8, NULL, 10);
  g_assert_true (m >= 1 && m <= 12 && d >= 1 && d <= 31);
  g_assert_true (g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y));
}

static void
assert_sha256 (const char *text)
{
  g_assert_cmpuint (strlen (text), ==, 64);
  for (guint i = 0; i < 64; i++)
    g_assert_true (g_ascii_isxdigit (text[i]));
}

static const char * const verdicts[] = {
  "contraindicated", "not_indicated", "incomplete", "not_ready", "review", "eligible", NULL
};
static const char * const severities[] = {
  "absolute", "not_indicated", "requirement", "relative", "caution", "info", NULL
};

/* Checks every member the contract names, with its type; returns the root. */
static JsonObject *
assert_assessment (JsonNode *root)
{
  static const char * const top_members[] = {
    "verdict", "levels", "findings", "missing", "checklist", "counsel", "ruleset", "derived", "decision", "audit", NULL
  };
  JsonObject *assessment;
  JsonObject *ruleset;
  JsonObject *derived;
  JsonArray *array;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  assessment = json_node_get_object (root);
  assert_members_exactly (assessment, top_members);

  g_assert_true (str_in (get_string (assessment, "verdict"), verdicts));

  array = get_array (assessment, "levels");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *level = array_object (array, i);
      JsonNode *genant = get_member (level, "genant_grade");

      g_assert_nonnull (get_string (level, "level"));
      g_assert_true (str_in (get_string (level, "verdict"), verdicts));
      g_assert_true (JSON_NODE_HOLDS_NULL (genant) || node_is_type (genant, G_TYPE_INT64));
      if (!JSON_NODE_HOLDS_NULL (genant))
        g_assert_true (json_node_get_int (genant) >= 0 && json_node_get_int (genant) <= 3);
    }

  array = get_array (assessment, "findings");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *finding = array_object (array, i);
      JsonArray *sources;

      g_assert_cmpstr (get_string (finding, "id"), !=, "");
      g_assert_true (str_in (get_string (finding, "severity"), severities));
      get_string_or_null (finding, "level");
      g_assert_cmpstr (get_string (finding, "message"), !=, "");
      get_string_or_null (finding, "remedy");
      sources = get_array (finding, "sources");
      for (guint j = 0; j < json_array_get_length (sources); j++)
        g_assert_true (node_is_type (json_array_get_element (sources, j), G_TYPE_STRING));
    }

  array = get_array (assessment, "missing");
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_assert_true (node_is_type (json_array_get_element (array, i), G_TYPE_STRING));

  array = get_array (assessment, "checklist");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = array_object (array, i);
      const char *due;

      g_assert_cmpstr (get_string (item, "id"), !=, "");
      g_assert_cmpstr (get_string (item, "text"), !=, "");
      due = get_string_or_null (item, "due");
      if (due != NULL)
        assert_iso_date (due);
      g_assert_true (node_is_type (get_member (item, "done"), G_TYPE_BOOLEAN));
    }

  array = get_array (assessment, "counsel");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = array_object (array, i);

      g_assert_cmpstr (get_string (item, "id"), !=, "");
      g_assert_cmpstr (get_string (item, "text"), !=, "");
    }

  ruleset = get_object (assessment, "ruleset");
  g_assert_cmpstr (get_string (ruleset, "id"), !=, "");
  g_assert_cmpstr (get_string (ruleset, "version"), !=, "");
  assert_sha256 (get_string (ruleset, "sha256"));

  derived = get_object (assessment, "derived");
  if (json_object_has_member (derived, "age"))
    {
      JsonNode *age = get_member (derived, "age");

      g_assert_true (JSON_NODE_HOLDS_NULL (age) || node_is_type (age, G_TYPE_INT64));
    }
  if (json_object_has_member (derived, "crcl"))
    {
      JsonNode *crcl = get_member (derived, "crcl");

      g_assert_true (JSON_NODE_HOLDS_NULL (crcl) || node_is_type (crcl, G_TYPE_DOUBLE) ||
                     node_is_type (crcl, G_TYPE_INT64));
    }

  return assessment;
}

static gboolean
findings_have (JsonObject *assessment,
               const char *id)
{
  JsonArray *findings = get_array (assessment, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    if (g_str_equal (get_string (array_object (findings, i), "id"), id))
      return TRUE;
  return FALSE;
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

/* Examples */

typedef struct {
  const char *name;
  const char *verdict;
  const char *label;           /* first words of the text verdict */
  guint       n_levels;
  const char *findings[4];     /* must be present; any other finding must be caution or info */
  const char *missing[8];      /* must be present; none = nothing may be missing */
} ExampleCase;

static const ExampleCase example_cases[] = {
  { "eligible-osteoporotic", "eligible", "Eligible", 2,
    { "info.evidence", NULL }, { NULL } },
  { "not-ready-clopidogrel-inr", "not_ready", "Not ready", 1,
    { "req.inr", "req.hold.clopidogrel", NULL }, { NULL } },
  { "metastatic-review", "review", "Needs review", 1,
    { "rc.epidural_disease", "rc.posterior_wall", NULL }, { NULL } },
  { "contraindicated-infection", "contraindicated", "Contraindicated", 1,
    { "ci.infection_systemic", NULL }, { NULL } },
  { "eligible-other-antithrombotic", "eligible", "Eligible", 1,
    { "caution.early", "info.evidence", NULL }, { NULL } },
  { "incomplete-draft", "incomplete", "Incomplete", 1,
    { NULL },
    { "labs.inr", "labs.platelets", "history.allergy_pmma", "history.on_antithrombotics", "levels[0].acuity",
      "levels[0].pain_concordant", NULL } },
};

static void
test_example_json (gconstpointer data)
{
  const ExampleCase *c = data;
  g_autofree char *path = example_path (c->name);
  g_auto(VertebroRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *assessment;
  JsonArray *findings;
  JsonArray *missing;

  run_vertebro (&run, "--evaluate", path, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");

  root = parse_json (run.out);
  assessment = assert_assessment (root);
  g_assert_cmpstr (get_string (assessment, "verdict"), ==, c->verdict);
  g_assert_cmpuint (json_array_get_length (get_array (assessment, "levels")), ==, c->n_levels);

  for (guint i = 0; c->findings[i] != NULL; i++)
    {
      g_test_message ("expecting finding %s", c->findings[i]);
      g_assert_true (findings_have (assessment, c->findings[i]));
    }

  /* No finding that changes the verdict other than the intended ones. */
  findings = get_array (assessment, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = array_object (findings, i);
      const char *id = get_string (finding, "id");
      const char *severity = get_string (finding, "severity");

      if (g_str_equal (severity, "caution") || g_str_equal (severity, "info"))
        continue;
      if (!g_strv_contains (c->findings, id))
        g_test_message ("unexpected %s finding %s", severity, id);
      g_assert_true (g_strv_contains (c->findings, id));
    }

  missing = get_array (assessment, "missing");
  if (c->missing[0] == NULL)
    g_assert_cmpuint (json_array_get_length (missing), ==, 0);
  for (guint i = 0; c->missing[i] != NULL; i++)
    {
      g_test_message ("expecting missing %s", c->missing[i]);
      g_assert_true (array_has_string (missing, c->missing[i]));
    }
}

static void
test_example_text (gconstpointer data)
{
  const ExampleCase *c = data;
  g_autofree char *path = example_path (c->name);
  g_autofree char *first_line_start = g_strconcat ("Verdict: ", c->label, NULL);
  g_auto(VertebroRun) json_run = { 0 };
  g_auto(VertebroRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *assessment;
  JsonArray *findings;
  JsonArray *missing;
  const char *newline;

  run_vertebro (&run, "--evaluate", path, "--format", "text", NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, first_line_start));
  newline = strchr (run.out, '\n');
  g_assert_nonnull (newline);

  /* Every finding and every missing field of the JSON assessment is shown. */
  run_vertebro (&json_run, "--evaluate", path, "--format", "json", NULL);
  g_assert_cmpint (json_run.status, ==, EXIT_OK);
  root = parse_json (json_run.out);
  assessment = assert_assessment (root);

  findings = get_array (assessment, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      const char *message = get_string (array_object (findings, i), "message");

      g_test_message ("expecting message: %s", message);
      g_assert_nonnull (strstr (run.out, message));
    }
  missing = get_array (assessment, "missing");
  for (guint i = 0; i < json_array_get_length (missing); i++)
    g_assert_nonnull (strstr (run.out, json_array_get_string_element (missing, i)));
}

static void
test_example_stable (gconstpointer data)
{
  const ExampleCase *c = data;
  g_autofree char *path = example_path (c->name);
  const char * const args[] = { "--evaluate", path, "--format", "json", NULL };
  g_auto(VertebroRun) first = { 0 };
  g_auto(VertebroRun) second = { 0 };
  g_auto(VertebroRun) german = { 0 };

  run_vertebro_argv (&first, NULL, args);
  run_vertebro_argv (&second, NULL, args);
  run_vertebro_argv (&german, "de_DE.UTF-8", args);

  g_assert_cmpint (first.status, ==, EXIT_OK);
  g_assert_cmpint (second.status, ==, EXIT_OK);
  g_assert_cmpint (german.status, ==, EXIT_OK);
  g_assert_cmpstr (first.out, !=, "");
  g_assert_cmpstr (second.out, ==, first.out);
  g_assert_cmpstr (german.out, ==, first.out);
}

/* The built-in rule set is compiled into the program as an image of what
 * the loader made of data/rules/vertebro-default.json
 * (src/core/vertebro-ruleset-image.c); the same file given as a site's
 * rule set, through the loader at run time, gives the same bytes. */
static void
test_example_built_in (gconstpointer data)
{
  const ExampleCase *c = data;
  g_autofree char *path = example_path (c->name);

  for (guint i = 0; i < 2; i++)
    {
      const char *format = i == 0 ? "json" : "text";
      const char * const built_in_args[] = { "--evaluate", path, "--format", format, NULL };
      const char * const site_args[] = { "--evaluate", path, "--format", format, "--rules", default_rules, NULL };
      g_auto(VertebroRun) built_in = { 0 };
      g_auto(VertebroRun) site = { 0 };

      run_vertebro_argv (&built_in, NULL, built_in_args);
      run_vertebro_argv (&site, NULL, site_args);
      g_assert_cmpint (built_in.status, ==, site.status);
      g_assert_cmpstr (built_in.out, !=, "");
      g_assert_cmpstr (built_in.out, ==, site.out);
      g_assert_cmpstr (built_in.err, ==, site.err);
    }
}

/* Refused patient files */

/* A valid file (the control case below proves it); each refused case
 * changes one thing in it. */
static const char base_patient[] =
  "{\n"
  "  \"format\": \"vertebro-patient\",\n"
  "  \"version\": 1,\n"
  "  \"patient\": { \"name\": \"Test Refusal\", \"birth_date\": \"1948-03-02\", \"sex\": \"female\", \"weight_kg\": 61 },\n"
  "  \"assessment\": { \"date\": \"2026-11-21\", \"planned_date\": \"2026-11-28\" },\n"
  "  \"history\": { \"etiology\": \"osteoporotic\", \"pain_nrs\": 8 },\n"
  "  \"labs\": { \"inr\": 1.1, \"platelets\": 210000 },\n"
  "  \"antithrombotics\": [ { \"drug\": \"clopidogrel\", \"held\": 6 } ],\n"
  "  \"levels\": [\n"
  "    { \"level\": \"T12\", \"collapse_percent\": 35 },\n"
  "    { \"level\": \"L1\", \"collapse_percent\": 20 }\n"
  "  ]\n"
  "}\n";

typedef enum {
  REFUSE_REPLACE,      /* base_patient with the first @old replaced by @text */
  REFUSE_CONTENT,      /* @text is the whole file */
  REFUSE_PREFIX,       /* @text, then base_patient */
  REFUSE_TRUNCATE,     /* the first half of base_patient */
  REFUSE_DIRECTORY,    /* a folder named like a patient file */
  REFUSE_NONEXISTENT,  /* no such file */
} RefuseKind;

typedef struct {
  const char *name;
  RefuseKind  kind;
  const char *old;
  const char *text;
  const char *fragment;  /* must be in the message (field path where there is one) */
} RefusedCase;

static const RefusedCase refused_cases[] = {
  { "not-json", REFUSE_CONTENT, NULL, "Patient: Jane Example, INR 1.1\n", "JSON" },
  { "truncated", REFUSE_TRUNCATE, NULL, NULL, "JSON" },
  { "array", REFUSE_CONTENT, NULL, "[ { \"format\": \"vertebro-patient\", \"version\": 1 } ]\n", NULL },
  { "wrong-format", REFUSE_REPLACE, "\"vertebro-patient\"", "\"vertebro-rules\"", "format" },
  { "newer-version", REFUSE_REPLACE, "\"version\": 1", "\"version\": 2", "newer" },
  { "version-string", REFUSE_REPLACE, "\"version\": 1", "\"version\": \"1\"", "version" },
  { "inr-out-of-range", REFUSE_REPLACE, "\"inr\": 1.1", "\"inr\": 25", "labs.inr" },
  /* The range in plain numbers, never "2e+06". */
  { "platelets-out-of-range", REFUSE_REPLACE, "\"platelets\": 210000", "\"platelets\": 3000000", "3000000 is outside the allowed range 0–2000000" },
  { "inr-string", REFUSE_REPLACE, "\"inr\": 1.1", "\"inr\": \"1.2\"", "labs.inr" },
  { "pain-not-integer", REFUSE_REPLACE, "\"pain_nrs\": 8", "\"pain_nrs\": 7.5", "history.pain_nrs" },
  { "sex-abbreviated", REFUSE_REPLACE, "\"sex\": \"female\"", "\"sex\": \"f\"", "patient.sex" },
  { "level-duplicate", REFUSE_REPLACE, "\"level\": \"L1\"", "\"level\": \"T12\"", "levels[1].level" },
  { "nine-levels", REFUSE_REPLACE, "\"levels\": [\n",
    "\"levels\": [\n"
    "    { \"level\": \"T1\" }, { \"level\": \"T2\" }, { \"level\": \"T3\" }, { \"level\": \"T4\" },\n"
    "    { \"level\": \"T5\" }, { \"level\": \"T6\" }, { \"level\": \"T7\" },\n",
    "levels" },
  { "unknown-drug", REFUSE_REPLACE, "\"drug\": \"clopidogrel\"", "\"drug\": \"clopidogrel_xr\"", "antithrombotics[0].drug" },
  { "impossible-date", REFUSE_REPLACE, "\"birth_date\": \"1948-03-02\"", "\"birth_date\": \"1948-02-30\"", "patient.birth_date" },
  { "date-null", REFUSE_REPLACE, "\"date\": \"2026-11-21\"", "\"date\": null", "assessment.date" },
  { "byte-order-mark", REFUSE_PREFIX, NULL, "\xef\xbb\xbf", NULL },
  { "duplicate-key", REFUSE_REPLACE, "\"version\": 1,", "\"version\": 1,\n  \"version\": 1,", "version" },
  { "nan", REFUSE_REPLACE, "\"inr\": 1.1", "\"inr\": NaN", "NaN" },
  { "huge-number", REFUSE_REPLACE, "\"inr\": 1.1", "\"inr\": 1e999", "1e999" },
  { "directory", REFUSE_DIRECTORY, NULL, NULL, NULL },
  { "nonexistent", REFUSE_NONEXISTENT, NULL, NULL, NULL },
};

static char *
replace_first (const char *haystack,
               const char *old,
               const char *replacement)
{
  const char *at = strstr (haystack, old);

  g_assert_nonnull (at);  /* the table must match the base file */
  return g_strdup_printf ("%.*s%s%s", (int) (at - haystack), haystack, replacement, at + strlen (old));
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_accepted_base (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-cli");
  g_autofree char *path = g_build_filename (dir, "base.vertebro", NULL);
  g_auto(VertebroRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  write_file (path, base_patient, -1);
  run_vertebro (&run, "--evaluate", path, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");
  root = parse_json (run.out);
  assert_assessment (root);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_refused (gconstpointer data)
{
  const RefusedCase *c = data;
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-cli");
  g_autofree char *file = g_strconcat (c->name, ".vertebro", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *contents = NULL;
  g_auto(VertebroRun) run = { 0 };

  switch (c->kind)
    {
    case REFUSE_REPLACE:
      contents = replace_first (base_patient, c->old, c->text);
      break;
    case REFUSE_CONTENT:
      contents = g_strdup (c->text);
      break;
    case REFUSE_PREFIX:
      contents = g_strconcat (c->text, base_patient, NULL);
      break;
    case REFUSE_TRUNCATE:
      contents = g_strndup (base_patient, strlen (base_patient) / 2);
      break;
    case REFUSE_DIRECTORY:
      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      break;
    case REFUSE_NONEXISTENT:
      break;
    default:
      g_assert_not_reached ();
    }
  if (contents != NULL)
    write_file (path, contents, -1);

  run_vertebro (&run, "--evaluate", path, "--format", "json", NULL);
  assert_refused (&run, path, c->fragment);

  /* The text format refuses it the same way. */
  vertebro_run_clear (&run);
  run_vertebro (&run, "--evaluate", path, "--format", "text", NULL);
  assert_refused (&run, path, c->fragment);

  if (c->kind == REFUSE_DIRECTORY)
    g_assert_cmpint (g_rmdir (path), ==, 0);
  else if (c->kind != REFUSE_NONEXISTENT)
    g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Usage errors */

#define EXAMPLE_ARG "@example"

typedef struct {
  const char *name;
  const char *args[5];  /* EXAMPLE_ARG stands for an example file */
} UsageCase;

static const UsageCase usage_cases[] = {
  { "unknown-option", { "--evaluate", EXAMPLE_ARG, "--frobnicate", NULL } },
  { "format-xml", { "--evaluate", EXAMPLE_ARG, "--format", "xml", NULL } },
  { "evaluate-no-argument", { "--evaluate", NULL } },
  { "two-files", { "--evaluate", EXAMPLE_ARG, EXAMPLE_ARG, NULL } },
};

static void
test_usage (gconstpointer data)
{
  const UsageCase *c = data;
  g_autofree char *example = example_path ("eligible-osteoporotic");
  const char *args[G_N_ELEMENTS (c->args)] = { NULL };
  g_auto(VertebroRun) run = { 0 };

  for (guint i = 0; c->args[i] != NULL; i++)
    args[i] = g_str_equal (c->args[i], EXAMPLE_ARG) ? example : c->args[i];

  run_vertebro_argv (&run, NULL, args);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, !=, "");
}

/* Rule sets */

static char *
read_default_rules (gsize *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (default_rules, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static JsonObject *
rules_finding (JsonObject *rules,
               guint       i)
{
  JsonArray *findings = get_array (rules, "findings");

  g_assert_cmpuint (json_array_get_length (findings), >, i);
  return array_object (findings, i);
}

static void
rules_set_when (JsonObject *rules,
                const char *when)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (when, &error);

  g_assert_no_error (error);
  json_object_set_member (rules_finding (rules, 0), "when", node);
}

static void
break_unknown_field (JsonObject *rules)
{
  rules_set_when (rules, "{ \"field\": \"history.no_such_question\", \"is\": true }");
}

static void
break_unknown_operator (JsonObject *rules)
{
  rules_set_when (rules, "{ \"field\": \"history.infection_systemic\", \"resembles\": true }");
}

static void
break_duplicate_id (JsonObject *rules)
{
  const char *first = get_string (rules_finding (rules, 0), "id");

  json_object_set_string_member (rules_finding (rules, 1), "id", first);
}

static void
break_unknown_source (JsonObject *rules)
{
  json_array_add_string_element (get_array (rules_finding (rules, 0), "sources"), "src-not-in-table");
}

typedef struct {
  const char *name;
  void      (*edit) (JsonObject *rules);
  const char *fragment;  /* the JSON path in the rule set */
} BrokenRulesCase;

static const BrokenRulesCase broken_rules_cases[] = {
  { "unknown-field", break_unknown_field, "findings[0].when.field" },
  { "unknown-operator", break_unknown_operator, "findings[0].when" },
  { "duplicate-finding-id", break_duplicate_id, "findings[1].id" },
  { "unknown-source", break_unknown_source, "findings[0].sources" },
};

/* Writes the built-in rule set, edited by @edit, to @path. */
static void
write_edited_rules (const char *path,
                    void      (*edit) (JsonObject *rules))
{
  g_autofree char *contents = read_default_rules (NULL);
  g_autoptr(JsonNode) root = parse_json (contents);
  g_autofree char *edited = NULL;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  edit (json_node_get_object (root));
  edited = json_to_string (root, TRUE);
  write_file (path, edited, -1);
}

static void
test_rules_copy (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-cli");
  g_autofree char *path = g_build_filename (dir, "site-rules.json", NULL);
  g_autofree char *example = example_path ("eligible-osteoporotic");
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(VertebroRun) run = { 0 };
  g_auto(VertebroRun) builtin = { 0 };
  JsonObject *ruleset;
  gsize length;

  contents = read_default_rules (&length);
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  write_file (path, contents, length);

  run_vertebro (&run, "--evaluate", example, "--rules", path, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");
  root = parse_json (run.out);
  ruleset = get_object (assert_assessment (root), "ruleset");
  g_assert_cmpstr (get_string (ruleset, "id"), ==, "vertebro-default");
  g_assert_cmpstr (get_string (ruleset, "sha256"), ==, sha256);

  /* The built-in rule set is this very file. */
  run_vertebro (&builtin, "--evaluate", example, "--format", "json", NULL);
  g_assert_cmpint (builtin.status, ==, EXIT_OK);
  g_assert_cmpstr (builtin.out, ==, run.out);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
edit_site_rules (JsonObject *rules)
{
  JsonArray *thresholds = get_array (rules, "thresholds");
  gboolean found = FALSE;

  json_object_set_string_member (rules, "id", "site-test");
  json_object_set_string_member (rules, "version", "2.0.0");
  for (guint i = 0; i < json_array_get_length (thresholds); i++)
    {
      JsonObject *threshold = array_object (thresholds, i);

      if (g_str_equal (get_string (threshold, "id"), "inr_max"))
        {
          json_object_set_double_member (threshold, "value", 1.8);
          found = TRUE;
        }
    }
  g_assert_true (found);
}

/* A valid site rule set is used, not the built-in one: with an INR limit
 * of 1.8, INR 1.7 no longer needs correcting. */
static void
test_rules_site (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-cli");
  g_autofree char *path = g_build_filename (dir, "site-rules.json", NULL);
  g_autofree char *example = example_path ("not-ready-clopidogrel-inr");
  g_autoptr(JsonNode) root = NULL;
  g_auto(VertebroRun) run = { 0 };
  JsonObject *assessment;
  JsonObject *ruleset;

  write_edited_rules (path, edit_site_rules);
  run_vertebro (&run, "--evaluate", example, "--rules", path, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");
  root = parse_json (run.out);
  assessment = assert_assessment (root);
  ruleset = get_object (assessment, "ruleset");
  g_assert_cmpstr (get_string (ruleset, "id"), ==, "site-test");
  g_assert_cmpstr (get_string (ruleset, "version"), ==, "2.0.0");
  g_assert_false (findings_have (assessment, "req.inr"));
  g_assert_true (findings_have (assessment, "req.hold.clopidogrel"));
  g_assert_cmpstr (get_string (assessment, "verdict"), ==, "not_ready");

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_rules_broken (gconstpointer data)
{
  const BrokenRulesCase *c = data;
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-cli");
  g_autofree char *file = g_strconcat (c->name, ".json", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *example = example_path ("eligible-osteoporotic");
  g_auto(VertebroRun) run = { 0 };

  write_edited_rules (path, c->edit);
  run_vertebro (&run, "--evaluate", example, "--rules", path, "--format", "json", NULL);
  assert_refused (&run, path, c->fragment);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* --version and --help */

static void
test_version (void)
{
  g_auto(VertebroRun) run = { 0 };

  run_vertebro (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "vertebro "));
  g_assert_nonnull (strstr (run.out, "vertebro-default"));
}

static void
test_help (void)
{
  g_auto(VertebroRun) run = { 0 };

  run_vertebro (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);
  g_assert_nonnull (strstr (run.out, "--evaluate"));
}

/* Rule set 2.0.0's output: items about one antithrombotic name it ("drug"),
 * derived weeks of pain, and the references in --format text grouped,
 * guidelines first, with their DOIs. */
static void
test_v2_output (void)
{
  g_autofree char *other = example_path ("eligible-other-antithrombotic");
  g_autofree char *clopidogrel = example_path ("not-ready-clopidogrel-inr");
  g_autofree char *metastatic = example_path ("metastatic-review");
  g_auto(VertebroRun) json_run = { 0 };
  g_auto(VertebroRun) other_run = { 0 };
  g_auto(VertebroRun) text_run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) other_root = NULL;
  JsonArray *findings, *checklist;
  const char *literature, *documents, *doi;
  gboolean found = FALSE;

  run_vertebro (&json_run, "--evaluate", clopidogrel, "--format", "json", NULL);
  root = parse_json (json_run.out);
  findings = get_array (assert_assessment (root), "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (f, "id"), "req.hold.clopidogrel"))
        {
          g_assert_cmpstr (json_object_get_string_member (f, "drug"), ==, "clopidogrel");
          found = TRUE;
        }
      else
        g_assert_true (json_object_get_null_member (f, "drug"));
    }
  g_assert_true (found);

  run_vertebro (&other_run, "--evaluate", other, "--format", "json", NULL);
  other_root = parse_json (other_run.out);
  checklist = get_array (assert_assessment (other_root), "checklist");
  found = FALSE;
  for (guint i = 0; i < json_array_get_length (checklist); i++)
    {
      JsonObject *item = json_array_get_object_element (checklist, i);

      if (g_str_equal (json_object_get_string_member (item, "id"), "prep.hold.other"))
        {
          g_assert_cmpstr (json_object_get_string_member (item, "drug"), ==, "phenprocoumon");
          g_assert_true (json_object_get_boolean_member (item, "done"));
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (assert_assessment (other_root), "derived"),
                                               "weeks_since_onset"), ==, 4);

  run_vertebro (&text_run, "--evaluate", metastatic, NULL);
  g_assert_cmpint (text_run.status, ==, EXIT_OK);
  literature = strstr (text_run.out, "\nReferences: guidelines and literature\n");
  documents = strstr (text_run.out, "\nReferences: source documents\n");
  doi = strstr (text_run.out, "  sir-qi-2003  McGraw JK");
  g_assert_nonnull (literature);
  g_assert_nonnull (documents);
  g_assert_nonnull (doi);
  g_assert_true (literature < doi && doi < documents);
  g_assert_nonnull (strstr (doi, "https://doi.org/10.1097/01.RVI.0000082822.75926.4c\n"));
  g_assert_true (strstr (text_run.out, "  src-000  ") > documents);
  g_assert_null (strstr (literature, "  src-000  ") < documents ? strstr (literature, "  src-000  ") : NULL);
}

/* The decision and the audit trail, in JSON and in words. */
static void
test_record_output (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-cli");
  g_autofree char *path = g_build_filename (dir, "decided.vertebro", NULL);
  g_autofree char *example = example_path ("not-ready-clopidogrel-inr");
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  g_auto(VertebroRun) json_run = { 0 };
  g_auto(VertebroRun) text_run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *decision, *audit, *since;

  g_assert_true (g_file_get_contents (example, &text, NULL, NULL));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, "\n  \"notes\"",
                                      "\n  \"decision\": {\"outcome\": \"proceed\", \"levels\": [\"L2\"], \"date\": \"2026-11-25\", "
                                      "\"by\": \"Dr A. Example\", \"mdt\": true, \"attendees\": \"IR, haematology\", "
                                      "\"reason\": \"INR to be corrected on the day\", \"verdict\": \"review\"},\n"
                                      "  \"audit\": [{\"at\": \"2026-01-01T00:00:00Z\", \"by\": \"x\", \"event\": \"saved\", "
                                      "\"verdict\": \"eligible\", \"findings\": [\"info.evidence\"], \"missing\": [], "
                                      "\"ruleset\": {\"id\": \"vertebro-default\", \"version\": \"1.0.0\", \"sha256\": \"b\"}, "
                                      "\"sha256\": \"c\"}],\n  \"notes\"", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));

  run_vertebro (&json_run, "--evaluate", path, "--format", "json", NULL);
  g_assert_cmpint (json_run.status, ==, EXIT_OK);
  root = parse_json (json_run.out);
  decision = json_object_get_object_member (assert_assessment (root), "decision");
  g_assert_cmpstr (json_object_get_string_member (decision, "outcome"), ==, "proceed");
  g_assert_true (json_object_get_boolean_member (decision, "against_assessment"));
  g_assert_true (json_object_get_boolean_member (decision, "stale"));
  audit = json_object_get_object_member (assert_assessment (root), "audit");
  g_assert_cmpint (json_object_get_int_member (audit, "entries"), ==, 1);
  g_assert_false (json_object_get_boolean_member (audit, "intact"));
  since = json_object_get_object_member (audit, "since_last");
  g_assert_true (json_object_get_boolean_member (since, "ruleset_changed"));

  run_vertebro (&text_run, "--evaluate", path, NULL);
  g_assert_cmpint (text_run.status, ==, EXIT_OK);
  for (const char * const *line = (const char * const[]) {
         "\nDecision: Proceed at L2, 25 Nov 2026, by Dr A. Example, in a multidisciplinary meeting (IR, haematology)\n",
         "  Reason: INR to be corrected on the day\n",
         "  Against the assessment:",
         "  The assessment changed after this decision (it was “Needs review” then).\n",
         "Audit trail: 1 entry, ALTERED outside Vertebro\n",
         "  Since it was last saved: Eligible → Not ready; findings added: req.inr, req.hold.clopidogrel; the rule set changed\n",
         NULL };
       *line != NULL; line++)
    if (strstr (text_run.out, *line) == NULL)
      g_error ("the text output lacks %s:\n%s", *line, text_run.out);

  /* Without a record, both are null. */
  {
    g_auto(VertebroRun) plain = { 0 };
    g_autoptr(JsonNode) plain_root = NULL;

    run_vertebro (&plain, "--evaluate", example, "--format", "json", NULL);
    plain_root = parse_json (plain.out);
    g_assert_true (json_object_get_null_member (assert_assessment (plain_root), "decision"));
    g_assert_true (json_object_get_null_member (assert_assessment (plain_root), "audit"));
  }
  vertebro_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *env;
  int status;

  g_test_init (&argc, &argv, NULL);

  env = g_getenv ("VERTEBRO_EXE");
  vertebro_exe = env != NULL ? g_strdup (env)
                             : g_test_build_filename (G_TEST_BUILT, "..", "src", "vertebro", NULL);
  env = g_getenv ("VERTEBRO_EXAMPLES");
  examples_dir = env != NULL ? g_strdup (env)
                             : g_test_build_filename (G_TEST_DIST, "..", "examples", NULL);
  default_rules = g_test_build_filename (G_TEST_DIST, "..", "data", "rules", "vertebro-default.json", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (example_cases); i++)
    {
      const ExampleCase *c = &example_cases[i];
      g_autofree char *json_path = g_strdup_printf ("/cli/example/%s/json", c->name);
      g_autofree char *text_path = g_strdup_printf ("/cli/example/%s/text", c->name);
      g_autofree char *stable_path = g_strdup_printf ("/cli/example/%s/stable", c->name);
      g_autofree char *built_in_path = g_strdup_printf ("/cli/example/%s/built-in", c->name);

      g_test_add_data_func (json_path, c, test_example_json);
      g_test_add_data_func (text_path, c, test_example_text);
      g_test_add_data_func (stable_path, c, test_example_stable);
      g_test_add_data_func (built_in_path, c, test_example_built_in);
    }

  g_test_add_func ("/cli/accepted/base", test_accepted_base);
  for (guint i = 0; i < G_N_ELEMENTS (refused_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/refused/%s", refused_cases[i].name);

      g_test_add_data_func (path, &refused_cases[i], test_refused);
    }

  for (guint i = 0; i < G_N_ELEMENTS (usage_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/usage/%s", usage_cases[i].name);

      g_test_add_data_func (path, &usage_cases[i], test_usage);
    }

  g_test_add_func ("/cli/rules/copy", test_rules_copy);
  g_test_add_func ("/cli/rules/site", test_rules_site);
  for (guint i = 0; i < G_N_ELEMENTS (broken_rules_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/rules/broken/%s", broken_rules_cases[i].name);

      g_test_add_data_func (path, &broken_rules_cases[i], test_rules_broken);
    }

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/rule-set-2-output", test_v2_output);
  g_test_add_func ("/cli/record-output", test_record_output);
  g_test_add_func ("/cli/help", test_help);

  status = g_test_run ();

  g_free (vertebro_exe);
  g_free (examples_dir);
  g_free (default_rules);
  return status;
}
