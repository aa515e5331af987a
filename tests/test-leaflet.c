/* test-leaflet.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The patient's leaflet (issue 17): `vertebro --evaluate FILE
 * --export-leaflet OUT.pdf --language L` run as a user would, under a German
 * interface, and the PDF read back with poppler-utils. Each language must
 * give the patient's stop date in its own format, the fasting and escort
 * instructions and the warning signs, in that language only; no source or
 * rule id; at most two pages for every example; a tagged PDF with its
 * language; the same privacy as the summary. The renderer's API is tested
 * directly for what the command line cannot set (the contact line) and for
 * a leaflet and a summary made in one process in two languages.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "vertebro-core.h"
#include "vertebro-leaflet.h"
#include "vertebro-report.h"
#include "vertebro-test-run.h"

static char *vertebro_exe;
static char *examples_dir;

static const char * const examples[] = {
  "eligible-osteoporotic",
  "not-ready-clopidogrel-inr",
  "metastatic-review",
  "contraindicated-infection",
  "incomplete-draft",
};

/* What a patient must find in each language, for
 * examples/not-ready-clopidogrel-inr.vertebro: the procedure is on 28
 * November 2026 and clopidogrel must be stopped from 23 November (the
 * checklist's due date), so its last dose is on 22 November. */
typedef struct {
  const char *language;
  const char *last_dose;   /* the sentence's start, with the drug's name */
  const char *stop_date;
  const char *procedure_date;
  const char *fasting;
  const char *escort;
  const char *warning;
  const char *page;
} Language;

static const Language languages[] = {
  { "en", "Take your last dose of clopidogrel on", "Sunday 22 November 2026", "Saturday 28 November 2026",
    "Do not eat anything from 6 hours before the procedure", "An adult must take you home",
    "Get help at once if", "Page 1 of 2" },
  { "de", "Nehmen Sie die letzte Dosis Clopidogrel am", "Sonntag, 22. November 2026",
    "Samstag, 28. November 2026", "Essen Sie ab 6 Stunden vor dem Eingriff nichts mehr",
    "Ein Erwachsener muss Sie danach nach Hause bringen", "Holen Sie sofort ärztliche Hilfe, wenn", "Seite 1 von 2" },
  { "es", "Tome la última dosis de clopidogrel el", "domingo, 22 de noviembre de 2026",
    "sábado, 28 de noviembre de 2026", "No coma nada desde 6 horas antes del procedimiento",
    "Un adulto debe llevarle a casa", "Busque atención médica de inmediato si", "Página 1 de 2" },
  { "fr", "Prenez la dernière dose de clopidogrel le", "dimanche 22 novembre 2026",
    "samedi 28 novembre 2026", "Ne mangez plus rien à partir de 6 heures avant l’intervention",
    "Un adulte doit vous raccompagner chez vous", "Demandez immédiatement un avis médical si", "Page 1 sur 2" },
};

/* A German interface: whatever the leaflet's language, the process's is
 * German. */
static const char * const german_env[] = {
  "LANGUAGE=de", "LANG=de_DE.UTF-8", "LC_ALL=de_DE.UTF-8", NULL
};

/* ---- Running programs ---- */

static char *
example_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".vertebro", NULL);

  return g_build_filename (examples_dir, file, NULL);
}

/* pdftotext's text or pdfinfo's report of @path. */
static char *
poppler (const char *tool,
         const char *path)
{
  g_auto(VertebroRun) run = { 0 };
  const char *text_argv[] = { tool, "-enc", "UTF-8", path, "-", NULL };
  const char *info_argv[] = { tool, path, NULL };

  vertebro_run_argv (&run, NULL, g_str_equal (tool, "pdftotext") ? text_argv : info_argv);
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

/* The PDF's text with every run of white space made one space: where a
 * line breaks depends on the language and the paper. */
static char *
pdf_text (const char *path)
{
  g_autofree char *text = poppler ("pdftotext", path);
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *info = poppler ("pdfinfo", path);
  const char *pages = strstr (info, "\nPages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("\nPages:"), NULL, 10);
}

static void
export_leaflet (const char         *example,
                const char         *language,
                const char         *out,
                const char * const *env)
{
  g_auto(VertebroRun) run = { 0 };
  g_autofree char *input = example_path (example);
  const char *argv[] = { vertebro_exe, "--evaluate", input, "--export-leaflet", out,
                         "--language", language, NULL };

  vertebro_run_argv (&run, env, argv);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (run.status, ==, 0);
}

static void
assert_contains (const char *text,
                 const char *what)
{
  if (strstr (text, what) == NULL)
    g_test_fail_printf ("“%s” not found in: %s", what, text);
}

static void
assert_lacks (const char *text,
              const char *what)
{
  if (strstr (text, what) != NULL)
    g_test_fail_printf ("“%s” found in: %s", what, text);
}

static VertebroPatient *
load_example (const char *example)
{
  g_autofree char *path = example_path (example);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  VertebroPatient *patient = vertebro_patient_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return patient;
}

/* @patient evaluated by the built-in rules on the examples' assessment
 * day, 21 November 2026. */
static VertebroAssessment *
evaluate_on_assessment_day (VertebroPatient *patient)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroRuleset) rules = vertebro_ruleset_new_default (&error);
  GDate today;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 21, 11, 2026);
  return vertebro_evaluate (rules, patient, &today);
}

static VertebroAssessment *
evaluate_example (const char       *example,
                  VertebroPatient **patient_out)
{
  *patient_out = load_example (example);
  return evaluate_on_assessment_day (*patient_out);
}

/* No id of a source, finding, checklist or counselling item: the leaflet
 * speaks plainly. */
static void
assert_no_ids (const char *example,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroRuleset) rules = vertebro_ruleset_new_default (&error);
  g_autoptr(VertebroPatient) patient = NULL;
  g_autoptr(VertebroAssessment) assessment = evaluate_example (example, &patient);
  GPtrArray *lists[3];

  g_assert_no_error (error);
  for (guint i = 0; i < vertebro_ruleset_get_n_sources (rules); i++)
    assert_lacks (text, vertebro_ruleset_get_source (rules, i, NULL));
  lists[0] = vertebro_assessment_get_findings (assessment);
  lists[1] = vertebro_assessment_get_checklist (assessment);
  lists[2] = vertebro_assessment_get_counsel (assessment);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      assert_lacks (text, vertebro_item_get_id (g_ptr_array_index (lists[l], i)));
  assert_lacks (text, "SHA-256");
}

/* The same for a whole PDF file, which is not shown when it fails. */
static void
assert_file_contains (const char *bytes,
                      const char *what)
{
  if (strstr (bytes, what) == NULL)
    g_test_fail_printf ("“%s” not found in the PDF file", what);
}

static char *
read_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  /* The PDF has NUL bytes: make them spaces to search it as text. */
  for (gsize i = 0; i < length; i++)
    if (data[i] == '\0')
      data[i] = ' ';
  return g_steal_pointer (&data);
}

/* ---- The tests ---- */

/* Under a German interface, a leaflet in each language: the patient's
 * dates in that language's format, the instructions, that language only,
 * a tagged PDF whose language is set, private like the summary. */
static void
test_language (gconstpointer data)
{
  const Language *lang = data;
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-leaflet");
  g_autofree char *out = g_build_filename (dir, "leaflet.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *lang_entry = NULL;
  g_autofree char *last_dose = NULL;
  GStatBuf st;

  export_leaflet ("not-ready-clopidogrel-inr", lang->language, out, german_env);
  text = pdf_text (out);

  last_dose = g_strdup_printf ("%s %s", lang->last_dose, lang->stop_date);
  assert_contains (text, last_dose);
  assert_contains (text, lang->procedure_date);
  assert_contains (text, lang->fasting);
  assert_contains (text, lang->escort);
  assert_contains (text, lang->warning);
  assert_contains (text, lang->page);
  assert_contains (text, "Harold Testcase");
  assert_no_ids ("not-ready-clopidogrel-inr", text);

  /* That language only: nothing of the interface's or any other. */
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (&languages[i] != lang)
      {
        assert_lacks (text, languages[i].fasting);
        assert_lacks (text, languages[i].escort);
        assert_lacks (text, languages[i].warning);
        assert_lacks (text, languages[i].stop_date);
      }

  g_assert_cmpuint (pdf_pages (out), <=, 2);
  info = poppler ("pdfinfo", out);
  assert_contains (info, "Tagged:          yes");
  assert_lacks (info, "Harold");
  assert_lacks (info, "Testcase");
  bytes = read_file (out);
  lang_entry = g_strdup_printf ("/Lang (%s)", lang->language);
  assert_file_contains (bytes, lang_entry);

  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (vertebro_test_count_entries (dir), ==, 1);
  vertebro_test_remove_tree (dir);
}

typedef struct {
  const char *example;
  const char *language;
} Case;

/* Every example in every language: at most two A4 pages, no id. */
static void
test_example (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-leaflet");
  g_autofree char *out = g_build_filename (dir, "leaflet.pdf", NULL);
  g_autofree char *text = NULL;
  const char * const env[] = { "LC_PAPER=de_DE.UTF-8", NULL };

  export_leaflet (c->example, c->language, out, env);
  g_assert_cmpuint (pdf_pages (out), <=, 2);
  text = pdf_text (out);
  assert_no_ids (c->example, text);
  vertebro_test_remove_tree (dir);
}

/* Bad command lines: status 2 and one line; nothing written. */
static void
test_usage (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-leaflet");
  g_autofree char *out = g_build_filename (dir, "leaflet.pdf", NULL);
  g_autofree char *input = example_path ("eligible-osteoporotic");
  const char *with_bad_language[] = { vertebro_exe, "--evaluate", input, "--export-leaflet", out,
                                      "--language", "xx", NULL };
  const char *language_without_leaflet[] = { vertebro_exe, "--evaluate", input, "--language", "es", NULL };
  const char *leaflet_without_evaluate[] = { vertebro_exe, "--export-leaflet", out, NULL };
  const char * const *cases[] = { with_bad_language, language_without_leaflet, leaflet_without_evaluate };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(VertebroRun) run = { 0 };

      vertebro_run_argv (&run, NULL, cases[i]);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      assert_contains (run.err, "vertebro: ");
    }
  g_assert_cmpuint (vertebro_test_count_entries (dir), ==, 0);
  vertebro_test_remove_tree (dir);
}

/* A leaflet that cannot be written: status 1, one line naming the file,
 * nothing left behind. */
static void
test_refused (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-leaflet");
  g_autofree char *out = g_build_filename (dir, "no-such-folder", "leaflet.pdf", NULL);
  g_autofree char *input = example_path ("eligible-osteoporotic");
  const char *argv[] = { vertebro_exe, "--evaluate", input, "--export-leaflet", out, "--language", "es", NULL };
  g_auto(VertebroRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  vertebro_run_argv (&run, NULL, argv);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  assert_contains (run.err, "leaflet.pdf");
  lines = g_strsplit (run.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpuint (vertebro_test_count_entries (dir), ==, 0);
  vertebro_test_remove_tree (dir);
}

/* The department's contact line (the GSettings key department-contact), or
 * a blank line to write it on. */
static void
test_contact (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-leaflet");
  const char *contacts[] = { "Spine unit +49 30 1234 5678", NULL, "   " };
  const char *expected[] = { "Spine unit +49 30 1234 5678", "Call your department: ____", "Call your department: ____" };
  g_autoptr(VertebroPatient) patient = NULL;
  g_autoptr(VertebroAssessment) assessment = evaluate_example ("eligible-osteoporotic", &patient);

  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    {
      g_autoptr(VertebroLeaflet) leaflet = vertebro_leaflet_new (assessment, patient, "en");
      g_autofree char *out = g_build_filename (dir, "leaflet.pdf", NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      vertebro_leaflet_set_contact (leaflet, contacts[i]);
      g_assert_true (vertebro_leaflet_write_pdf (leaflet, out, &error));
      g_assert_no_error (error);
      text = pdf_text (out);
      assert_contains (text, expected[i]);
    }
  vertebro_test_remove_tree (dir);
}

/* Without a procedure date, no date is made up: the team gives it, and
 * when to stop each blood thinner. */
static void
test_no_date (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-leaflet");
  g_autofree char *out = g_build_filename (dir, "leaflet.pdf", NULL);
  g_autoptr(VertebroPatient) patient = load_example ("eligible-osteoporotic");
  g_autoptr(VertebroAssessment) assessment = NULL;
  g_autoptr(VertebroLeaflet) leaflet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  vertebro_patient_clear_field (patient, "assessment.planned_date");
  assessment = evaluate_on_assessment_day (patient);
  leaflet = vertebro_leaflet_new (assessment, patient, "en");
  g_assert_true (vertebro_leaflet_write_pdf (leaflet, out, &error));
  g_assert_no_error (error);

  text = pdf_text (out);
  assert_contains (text, "Your team will tell you the date of your procedure.");
  assert_contains (text, "Your doctor will tell you when to stop clopidogrel.");
  assert_contains (text, "Printed: ");
  assert_lacks (text, "Take your last dose");
  vertebro_test_remove_tree (dir);
}

/* A drug the rule set has no hold for (rule set 2.0.0's "other", named
 * by the file): the patient is told their doctor will say when to stop it,
 * never given a date. */
static void
test_other_drug (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-leaflet");
  g_autofree char *out = g_build_filename (dir, "leaflet.pdf", NULL);
  g_autoptr(VertebroPatient) patient = load_example ("eligible-osteoporotic");
  g_autoptr(VertebroAntithrombotic) other = vertebro_antithrombotic_new ("other", NAN);
  g_autoptr(VertebroAssessment) assessment = NULL;
  g_autoptr(VertebroLeaflet) leaflet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_object_set (other, "name", "phenprocoumon", NULL);
  vertebro_patient_add_antithrombotic (patient, other);
  assessment = evaluate_on_assessment_day (patient);
  leaflet = vertebro_leaflet_new (assessment, patient, "es");
  g_assert_true (vertebro_leaflet_write_pdf (leaflet, out, &error));
  g_assert_no_error (error);

  text = pdf_text (out);
  assert_contains (text, "Su médico le dirá cuándo dejar de tomar phenprocoumon.");
  /* The clopidogrel of the file keeps its date. */
  assert_contains (text, "Tome la última dosis de clopidogrel el");
  vertebro_test_remove_tree (dir);
}

/* One process, a German interface: the leaflet in Spanish, the summary
 * still in German, either order. */
static void
test_same_process (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-leaflet");
  g_autofree char *leaflet_pdf = g_build_filename (dir, "leaflet.pdf", NULL);
  g_autofree char *summary_pdf = g_build_filename (dir, "summary.pdf", NULL);
  g_autoptr(VertebroPatient) patient = NULL;
  g_autoptr(VertebroAssessment) assessment = evaluate_example ("not-ready-clopidogrel-inr", &patient);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroRuleset) rules = vertebro_ruleset_new_default (&error);
  g_autoptr(VertebroReport) report = vertebro_report_new (assessment, patient, rules);
  g_autoptr(VertebroLeaflet) leaflet = vertebro_leaflet_new (assessment, patient, "es");
  g_autofree char *leaflet_text = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *leaflet_bytes = NULL;
  g_autofree char *summary_bytes = NULL;

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale");
      return;
    }
  g_setenv ("LANGUAGE", "de", TRUE);

  g_assert_true (vertebro_leaflet_write_pdf (leaflet, leaflet_pdf, &error));
  g_assert_true (vertebro_report_write_pdf (report, summary_pdf, &error));
  g_assert_no_error (error);
  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");

  leaflet_text = pdf_text (leaflet_pdf);
  summary_text = pdf_text (summary_pdf);
  assert_contains (leaflet_text, "Tome la última dosis de clopidogrel el domingo, 22 de noviembre de 2026");
  assert_lacks (leaflet_text, "Seite");
  assert_contains (summary_text, "Seite 1 von");
  assert_lacks (summary_text, "Página");
  /* Each file says its own language. */
  leaflet_bytes = read_file (leaflet_pdf);
  summary_bytes = read_file (summary_pdf);
  assert_file_contains (leaflet_bytes, "/Lang (es)");
  assert_file_contains (summary_bytes, "/Lang (de)");
  vertebro_test_remove_tree (dir);
}

/* The language a window offers first is the interface's. */
static void
test_default_language (void)
{
  static const struct {
    const char *language;
    const char *expected;
  } cases[] = {
    { "de", "de" }, { "es_ES", "es" }, { "fr:de", "fr" }, { "it", "en" }, { "pt_BR:es", "es" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_setenv ("LANGUAGE", cases[i].language, TRUE);
      g_assert_cmpstr (vertebro_leaflet_get_default_language (), ==, cases[i].expected);
    }
  g_unsetenv ("LANGUAGE");
  g_assert_true (vertebro_leaflet_is_language ("en"));
  g_assert_false (vertebro_leaflet_is_language ("xx"));
  g_assert_false (vertebro_leaflet_is_language (NULL));
  g_assert_cmpstr (vertebro_leaflet_get_language_name ("es"), ==, "Español");
}

int
main (int   argc,
      char *argv[])
{
  const char *env;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  const char *localedir = g_getenv ("VERTEBRO_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  env = g_getenv ("VERTEBRO_EXE");
  vertebro_exe = env != NULL ? g_strdup (env)
                             : g_test_build_filename (G_TEST_BUILT, "..", "src", "vertebro", NULL);
  env = g_getenv ("VERTEBRO_EXAMPLES");
  examples_dir = env != NULL ? g_strdup (env)
                             : g_test_build_filename (G_TEST_DIST, "..", "examples", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/leaflet/language/%s", languages[i].language);

      g_test_add_data_func (path, &languages[i], test_language);
    }
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      {
        Case *c = g_new (Case, 1);
        g_autofree char *path = g_strdup_printf ("/leaflet/example/%s/%s", examples[i], languages[l].language);

        c->example = examples[i];
        c->language = languages[l].language;
        g_ptr_array_add (cases, c);
        g_test_add_data_func (path, c, test_example);
      }
  g_test_add_func ("/leaflet/no-date", test_no_date);
  g_test_add_func ("/leaflet/contact", test_contact);
  g_test_add_func ("/leaflet/other-drug", test_other_drug);
  g_test_add_func ("/leaflet/same-process", test_same_process);
  g_test_add_func ("/leaflet/default-language", test_default_language);
  g_test_add_func ("/leaflet/usage", test_usage);
  g_test_add_func ("/leaflet/refused", test_refused);

  return g_test_run ();
}
