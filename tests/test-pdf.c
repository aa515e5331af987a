/* test-pdf.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDF summary (issue 4): `vertebro --evaluate FILE --export-pdf OUT.pdf`
 * run as a user would, with no display, and the PDF read back with
 * poppler-utils (pdftotext, pdfinfo, pdffonts). What the text layer must hold
 * is computed here from the same core the program runs, so a change of a rule
 * text never needs a change here. The renderer's API, which the window's
 * Export PDF… and Print… use, is tested directly too.
 */

#define _GNU_SOURCE
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <cairo.h>

#include "vertebro-core.h"
#include "vertebro-test-run.h"
#include "vertebro-report.h"

#define EXIT_OK      0
#define EXIT_REFUSED 1
#define EXIT_USAGE   2

static char *vertebro_exe;
static char *examples_dir;
static char *default_rules;

static const char * const examples[] = {
  "eligible-osteoporotic",
  "not-ready-clopidogrel-inr",
  "metastatic-review",
  "contraindicated-infection",
  "incomplete-draft",
};

/* ---- Running programs ---- */

typedef VertebroRun Run;

static void G_GNUC_NULL_TERMINATED
run_vertebro (Run                *run,
              const char * const *env,
              const char         *first_arg,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, vertebro_exe);
  va_start (ap, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  vertebro_run_argv (run, env, (const char * const *) argv->pdata);
}

/* Runs a poppler tool and returns its stdout; it must succeed. */
static char *
poppler (const char *tool,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(VertebroRun) run = { 0 };
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (char *) tool);
  va_start (ap, tool);
  for (arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  vertebro_run_argv (&run, NULL, (const char * const *) argv->pdata);
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

/* ---- Files ---- */

/* The names in @dir, sorted and joined by newlines. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

static char *
example_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".vertebro", NULL);

  return g_build_filename (examples_dir, file, NULL);
}

static char *
maximal_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "maximal.vertebro", NULL);
}

/* Writes a copy of @source whose patient is named @name. */
static void
write_named_patient (const char *source,
                     const char *name,
                     const char *dest)
{
  g_autoptr(GFile) in = g_file_new_for_path (source);
  g_autoptr(GFile) out = g_file_new_for_path (dest);
  g_autoptr(VertebroPatient) patient = NULL;
  g_autoptr(GError) error = NULL;

  patient = vertebro_patient_new_from_file (in, NULL, &error);
  g_assert_no_error (error);
  vertebro_patient_set_text (patient, "patient.name", name);
  vertebro_patient_save (patient, out, &error);
  g_assert_no_error (error);
}

/* ---- Reading the PDF ---- */

/* Text without what line wrapping changes: whitespace of any kind and
 * hyphens are dropped (pdftotext joins a word broken after a hyphen),
 * compatibility characters such as ligatures are spelled out. */
static char *
normalise (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (nfkc);
  for (const char *p = nfkc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR ||
          c == '-' || c == 0x00AD || c == 0x2010 || c == 0x2011)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  char  *path;
  char  *text;        /* pdftotext -raw, normalised */
  guint  n_pages;
} Pdf;

static void
pdf_clear (Pdf *pdf)
{
  g_clear_pointer (&pdf->path, g_free);
  g_clear_pointer (&pdf->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pdf, pdf_clear)

static guint
pdf_info_pages (const char *path)
{
  g_autofree char *info = poppler ("pdfinfo", path, NULL);
  const char *pages = strstr (info, "\nPages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("\nPages:") + strspn (pages + strlen ("\nPages:"), " "), NULL, 10);
}

static void
pdf_read (Pdf        *pdf,
          const char *path)
{
  g_autofree char *raw = poppler ("pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL);

  pdf->path = g_strdup (path);
  pdf->text = normalise (raw);
  pdf->n_pages = pdf_info_pages (path);
  g_assert_cmpuint (pdf->n_pages, >=, 1);
}

static void
assert_pdf_has (const Pdf  *pdf,
                const char *what,
                const char *expected)
{
  g_autofree char *needle = normalise (expected);

  if (strstr (pdf->text, needle) == NULL)
    g_test_message ("%s: the %s “%s” is not in the text layer", pdf->path, what, expected);
  g_assert_nonnull (strstr (pdf->text, needle));
}

/* Every font is embedded: pdffonts says "yes" in its emb column. */
static void
assert_fonts_embedded (const char *path)
{
  g_autofree char *listing = poppler ("pdffonts", path, NULL);
  g_auto(GStrv) lines = g_strsplit (listing, "\n", -1);
  guint n_fonts = 0;

  /* Two header lines; the columns from the right are emb sub uni object gen,
   * and a font's name and type may hold spaces. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (lines[i], " ", -1);
      g_autoptr(GPtrArray) columns = g_ptr_array_new ();

      for (guint w = 0; words[w] != NULL; w++)
        if (words[w][0] != '\0')
          g_ptr_array_add (columns, words[w]);
      if (columns->len == 0)
        continue;
      g_assert_cmpuint (columns->len, >=, 6);
      if (!g_str_equal (g_ptr_array_index (columns, columns->len - 5), "yes"))
        g_test_message ("%s: font not embedded: %s", path, lines[i]);
      g_assert_cmpstr (g_ptr_array_index (columns, columns->len - 5), ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

/* Each page says "Page N of M", with M the file's number of pages. */
static void
assert_page_counters (const Pdf *pdf)
{
  for (guint page = 1; page <= pdf->n_pages; page++)
    {
      g_autofree char *number = g_strdup_printf ("%u", page);
      g_autofree char *raw = poppler ("pdftotext", "-raw", "-enc", "UTF-8", "-f", number, "-l", number,
                                      pdf->path, "-", NULL);
      g_autofree char *text = normalise (raw);
      g_autofree char *counter = g_strdup_printf ("Page %u of %u", page, pdf->n_pages);
      g_autofree char *expected = normalise (counter);

      if (strstr (text, expected) == NULL)
        g_test_message ("%s: page %u does not say “%s”", pdf->path, page, counter);
      g_assert_nonnull (strstr (text, expected));
    }
}

/* The file is the owner's only, and no temporary (hidden) file is left
 * beside it. */
static void
assert_file_private (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *listing = list_dir (dir);
  g_auto(GStrv) names = g_strsplit (listing, "\n", -1);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_false (names[i][0] == '.');
}

/* ---- What the PDF must say, from the core ---- */

static VertebroAssessment *
evaluate (const char       *patient_path,
          VertebroRuleset **rules_out,
          VertebroPatient **patient_out)
{
  g_autoptr(GFile) file = g_file_new_for_path (patient_path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  VertebroRuleset *rules = vertebro_ruleset_new_default (&error);
  VertebroPatient *patient;
  GDate today;

  g_assert_no_error (error);
  patient = vertebro_patient_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  *rules_out = rules;
  *patient_out = patient;
  return vertebro_evaluate (rules, patient, &today);
}

/* The verdict in words, every finding (message and remedy), checklist item,
 * counselling item and citation, and the footer's fields. */
static void
assert_pdf_matches (const Pdf  *pdf,
                    const char *patient_path)
{
  g_autoptr(VertebroRuleset) rules = NULL;
  g_autoptr(VertebroPatient) patient = NULL;
  g_autoptr(VertebroAssessment) a = evaluate (patient_path, &rules, &patient);
  GPtrArray *lists[] = {
    vertebro_assessment_get_findings (a),
    vertebro_assessment_get_checklist (a),
    vertebro_assessment_get_counsel (a),
  };
  const char *what[] = { "finding", "checklist item", "counselling item" };
  g_autofree char *sha12 = g_strndup (vertebro_assessment_get_ruleset_sha256 (a), 12);

  assert_pdf_has (pdf, "verdict", vertebro_verdict_get_label (vertebro_assessment_get_verdict (a)));
  assert_pdf_has (pdf, "verdict summary", vertebro_verdict_get_summary (vertebro_assessment_get_verdict (a)));
  for (guint i = 0; vertebro_assessment_get_qualifying_levels (a)[i] != NULL; i++)
    assert_pdf_has (pdf, "qualifying level", vertebro_assessment_get_qualifying_levels (a)[i]);
  for (guint i = 0; i < vertebro_assessment_get_n_levels (a); i++)
    assert_pdf_has (pdf, "level", vertebro_assessment_get_level_name (a, i));

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        VertebroItem *item = g_ptr_array_index (lists[l], i);
        g_autofree char *text = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
        g_autofree char *remedy = vertebro_item_dup_remedy (item, VERTEBRO_TEXT_LOCALIZED);
        const char * const *sources = vertebro_item_get_sources (item);

        assert_pdf_has (pdf, what[l], text);
        if (l == 0)
          assert_pdf_has (pdf, "finding's severity", vertebro_severity_get_label (vertebro_item_get_severity (item)));
        if (remedy != NULL)
          assert_pdf_has (pdf, "remedy", remedy);
        for (guint s = 0; sources != NULL && sources[s] != NULL; s++)
          {
            assert_pdf_has (pdf, "source id", sources[s]);
            assert_pdf_has (pdf, "citation", vertebro_ruleset_get_citation (rules, sources[s]));
          }
      }

  if (vertebro_assessment_get_missing (a)[0] != NULL)
    assert_pdf_has (pdf, "heading", "To complete");

  if (vertebro_patient_get_text (patient, "patient.name") != NULL)
    assert_pdf_has (pdf, "patient's name", vertebro_patient_get_text (patient, "patient.name"));
  assert_pdf_has (pdf, "app version", "Vertebro " PACKAGE_VERSION);
  assert_pdf_has (pdf, "rule set id", vertebro_assessment_get_ruleset_id (a));
  assert_pdf_has (pdf, "rule set version", vertebro_assessment_get_ruleset_version (a));
  assert_pdf_has (pdf, "rule set SHA-256", sha12);
  assert_pdf_has (pdf, "note", "Decision support only: it does not replace clinical judgement.");
  assert_page_counters (pdf);
}

/* The metadata names no patient: a generic title, the creator. */
static void
assert_metadata_generic (const char *path,
                         const char *patient_name)
{
  g_autofree char *info = poppler ("pdfinfo", path, NULL);

  g_assert_nonnull (strstr (info, "Title:           Vertebroplasty assessment\n"));
  g_assert_nonnull (strstr (info, "Creator:         Vertebro " PACKAGE_VERSION "\n"));
  if (patient_name != NULL)
    g_assert_null (strstr (info, patient_name));
}

/* Exports @patient_path into @dir/NAME.pdf; returns the PDF's path. */
static char *
export_ok (const char         *patient_path,
           const char         *dir,
           const char         *name,
           const char * const *env,
           const char         *paper)
{
  g_autofree char *file = g_strconcat (name, ".pdf", NULL);
  char *out = g_build_filename (dir, file, NULL);
  g_auto(VertebroRun) run = { 0 };

  if (paper != NULL)
    run_vertebro (&run, env, "--evaluate", patient_path, "--export-pdf", out, "--paper", paper, NULL);
  else
    run_vertebro (&run, env, "--evaluate", patient_path, "--export-pdf", out, NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");
  assert_file_private (out);
  return out;
}

/* ---- The cases ---- */

static void
test_example (gconstpointer data)
{
  const char *name = data;
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *patient = example_path (name);
  g_autofree char *out = export_ok (patient, dir, name, NULL, NULL);
  g_autoptr(VertebroPatient) model = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (patient);
  g_auto(Pdf) pdf = { 0 };

  pdf_read (&pdf, out);
  assert_pdf_matches (&pdf, patient);
  assert_fonts_embedded (out);
  model = vertebro_patient_new_from_file (file, NULL, NULL);
  g_assert_nonnull (model);
  assert_metadata_generic (out, vertebro_patient_get_text (model, "patient.name"));
  if (g_str_equal (name, "incomplete-draft"))
    {
      /* Marked incomplete on every page. */
      for (guint page = 1; page <= pdf.n_pages; page++)
        {
          g_autofree char *number = g_strdup_printf ("%u", page);
          g_autofree char *text = poppler ("pdftotext", "-raw", "-f", number, "-l", number, out, "-", NULL);

          g_assert_nonnull (strstr (text, "INCOMPLETE ASSESSMENT"));
        }
    }
  else
    g_assert_null (strstr (pdf.text, "INCOMPLETEASSESSMENT"));
  vertebro_test_remove_tree (dir);
}

static void
test_maximal (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *patient = maximal_path ();
  g_autofree char *out = export_ok (patient, dir, "maximal", NULL, NULL);
  g_autoptr(VertebroRuleset) rules = NULL;
  g_autoptr(VertebroPatient) model = NULL;
  g_autoptr(VertebroAssessment) a = evaluate (patient, &rules, &model);
  GPtrArray *findings = vertebro_assessment_get_findings (a);
  gboolean severities[VERTEBRO_SEVERITY_INFO + 1] = { FALSE };
  g_auto(Pdf) pdf = { 0 };

  /* The patient is what it says: 8 levels and every kind of finding a
   * tumour allows (information is about osteoporotic fractures only). */
  g_assert_cmpuint (vertebro_assessment_get_n_levels (a), ==, 8);
  for (guint i = 0; i < findings->len; i++)
    severities[vertebro_item_get_severity (g_ptr_array_index (findings, i))] = TRUE;
  for (int s = VERTEBRO_SEVERITY_ABSOLUTE; s <= VERTEBRO_SEVERITY_CAUTION; s++)
    g_assert_true (severities[s]);
  g_assert_nonnull (vertebro_assessment_get_missing (a)[0]);

  pdf_read (&pdf, out);
  g_assert_cmpuint (pdf.n_pages, >=, 3);
  assert_pdf_matches (&pdf, patient);
  assert_fonts_embedded (out);
  assert_metadata_generic (out, vertebro_patient_get_text (model, "patient.name"));
  vertebro_test_remove_tree (dir);
}

typedef struct {
  const char *name;
  const char *patient_name;
  const char *needs_lang;  /* a language a font must cover, or NULL */
} UnicodeCase;

static const UnicodeCase unicode_cases[] = {
  { "greek", "Ελένη Παπαδοπούλου", NULL },
  { "cyrillic", "Жанна Иванова", NULL },
  { "latin", "Zoë Ångström-Łukasiewicz Nguyễn", NULL },
  { "cjk", "山田 花子", "ja" },
};

static gboolean
font_covers (const char *lang)
{
  g_autofree char *pattern = g_strdup_printf (":lang=%s", lang);
  g_autofree char *out = NULL;
  const char *argv[] = { "fc-list", pattern, NULL };
  g_auto(VertebroRun) run = { 0 };

  if (!have_program ("fc-list"))
    return FALSE;
  vertebro_run_argv (&run, NULL, argv);
  return run.status == 0 && run.out != NULL && run.out[0] != '\0';
}

static void
test_unicode (gconstpointer data)
{
  const UnicodeCase *c = data;
  g_autofree char *dir = NULL;
  g_autofree char *source = example_path ("eligible-osteoporotic");
  g_autofree char *patient = NULL;
  g_autofree char *out = NULL;
  g_auto(Pdf) pdf = { 0 };

  if (c->needs_lang != NULL && !font_covers (c->needs_lang))
    {
      g_test_skip ("no font for this script is installed");
      return;
    }

  dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  patient = g_build_filename (dir, "patient.vertebro", NULL);
  write_named_patient (source, c->patient_name, patient);
  out = export_ok (patient, dir, c->name, NULL, NULL);
  pdf_read (&pdf, out);
  assert_pdf_has (&pdf, "patient's name", c->patient_name);
  assert_fonts_embedded (out);
  assert_metadata_generic (out, c->patient_name);
  vertebro_test_remove_tree (dir);
}

/* A failed export: exit 1, nothing on stdout, one line on stderr that starts
 * with "vertebro: OUT.pdf: ", and nothing left in the folder. */
static void
assert_export_refused (const char *out,
                       const char *watched_dir)
{
  g_autofree char *example = example_path ("eligible-osteoporotic");
  g_autofree char *before = list_dir (watched_dir);
  g_autofree char *after = NULL;
  g_autofree char *prefix = g_strdup_printf ("vertebro: %s: ", out);
  g_auto(VertebroRun) run = { 0 };
  const char *newline;

  run_vertebro (&run, NULL, "--evaluate", example, "--export-pdf", out, NULL);
  g_assert_cmpint (run.status, ==, EXIT_REFUSED);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, prefix));
  g_assert_cmpuint (strlen (run.err), >, strlen (prefix) + 5);
  newline = strchr (run.err, '\n');
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  after = list_dir (watched_dir);
  g_assert_cmpstr (after, ==, before);
}

static void
test_refused_read_only (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes into read-only folders");
      return;
    }
  dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  out = g_build_filename (dir, "out.pdf", NULL);
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  assert_export_refused (out, dir);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  vertebro_test_remove_tree (dir);
}

static void
test_refused_no_folder (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *out = g_build_filename (dir, "no-such-folder", "out.pdf", NULL);

  assert_export_refused (out, dir);
  vertebro_test_remove_tree (dir);
}

static void
test_refused_directory (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *out = g_build_filename (dir, "a-folder.pdf", NULL);
  g_autofree char *listing = NULL;

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  assert_export_refused (out, dir);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_DIR));
  listing = list_dir (out);
  g_assert_cmpstr (listing, ==, "");
  vertebro_test_remove_tree (dir);
}

/* An existing file is replaced whole, and becomes the owner's only. */
static void
test_replace (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *out = g_build_filename (dir, "summary.pdf", NULL);
  g_autofree char *example = example_path ("metastatic-review");
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (out, "not a PDF", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (out, 0644), ==, 0);
  written = export_ok (example, dir, "summary", NULL, NULL);
  g_assert_cmpstr (written, ==, out);
  g_assert_cmpuint (pdf_info_pages (out), >=, 1);
  vertebro_test_remove_tree (dir);
}

typedef struct {
  const char *paper;
  const char *size;  /* as pdfinfo says it */
} PaperCase;

static const PaperCase paper_cases[] = {
  { "a4", "595.276 x 841.89 pts (A4)" },
  { "letter", "612 x 792 pts (letter)" },
  { "LETTER", "612 x 792 pts (letter)" },
};

static void
test_paper (gconstpointer data)
{
  const PaperCase *c = data;
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *example = example_path ("not-ready-clopidogrel-inr");
  g_autofree char *out = export_ok (example, dir, c->paper, NULL, c->paper);
  g_autofree char *info = poppler ("pdfinfo", out, NULL);
  g_auto(Pdf) pdf = { 0 };

  g_assert_nonnull (strstr (info, c->size));
  pdf_read (&pdf, out);
  assert_pdf_matches (&pdf, example);
  vertebro_test_remove_tree (dir);
}

/* Compiles a locale into @dir with localedef, for LOCPATH; FALSE when the
 * system cannot. */
static gboolean
make_locale (const char *dir,
             const char *name,
             const char *source)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  const char *argv[] = { "localedef", "-i", source, "-f", "UTF-8", path, NULL };
  g_auto(VertebroRun) run = { 0 };

  if (!have_program ("localedef"))
    return FALSE;
  vertebro_run_argv (&run, NULL, argv);
  return g_file_test (path, G_FILE_TEST_IS_DIR);
}

/* The paper comes from the locale (US Letter in the United States), and
 * numbers follow it (a decimal comma in Germany). The words stay English
 * (LC_MESSAGES=C) whether or not the translations are installed: after
 * `meson install`, as flatpak-builder runs the tests, the German catalogue
 * would otherwise be found and the text checked here be German. */
static void
test_locale (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *locales = g_build_filename (dir, "locales", NULL);
  g_autofree char *locpath = g_strconcat ("LOCPATH=", locales, NULL);
  g_autofree char *example = example_path ("not-ready-clopidogrel-inr");
  g_autofree char *us = NULL;
  g_autofree char *de = NULL;
  g_autofree char *us_info = NULL;
  g_autofree char *de_info = NULL;
  g_autofree char *de_text = NULL;
  const char *us_env[] = { "LC_ALL=", "LANGUAGE=", "LANG=en_US.UTF-8", "LC_MESSAGES=C", locpath, NULL };
  const char *de_env[] = { "LC_ALL=", "LANGUAGE=", "LANG=de_DE.UTF-8", "LC_MESSAGES=C", locpath, NULL };

  g_assert_cmpint (g_mkdir (locales, 0700), ==, 0);
  if (!make_locale (locales, "en_US.UTF-8", "en_US") || !make_locale (locales, "de_DE.UTF-8", "de_DE"))
    {
      g_test_skip ("localedef cannot make en_US and de_DE here");
      vertebro_test_remove_tree (dir);
      return;
    }

  us = export_ok (example, dir, "us", us_env, NULL);
  us_info = poppler ("pdfinfo", us, NULL);
  g_assert_nonnull (strstr (us_info, "(letter)"));

  de = export_ok (example, dir, "de", de_env, NULL);
  de_info = poppler ("pdfinfo", de, NULL);
  g_assert_nonnull (strstr (de_info, "(A4)"));
  de_text = poppler ("pdftotext", "-raw", de, "-", NULL);
  g_assert_nonnull (strstr (de_text, "INR 1,7"));
  vertebro_test_remove_tree (dir);
}

/* A site rule set whose thresholds differ: the footer says which, with their
 * values, on every page. */
static void
test_site_thresholds (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *rules_path = g_build_filename (dir, "site.json", NULL);
  g_autofree char *out = g_build_filename (dir, "site.pdf", NULL);
  g_autofree char *example = example_path ("eligible-osteoporotic");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_auto(VertebroRun) run = { 0 };
  g_auto(Pdf) pdf = { 0 };
  JsonObject *root;
  JsonArray *thresholds;

  json_parser_load_from_file (parser, default_rules, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (root, "id", "site-test");
  json_object_set_string_member (root, "version", "2.0.0");
  thresholds = json_object_get_array_member (root, "thresholds");
  for (guint i = 0; i < json_array_get_length (thresholds); i++)
    {
      JsonObject *threshold = json_array_get_object_element (thresholds, i);

      if (g_str_equal (json_object_get_string_member (threshold, "id"), "inr_max"))
        json_object_set_double_member (threshold, "value", 1.3);
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, rules_path, &error);
  g_assert_no_error (error);

  run_vertebro (&run, NULL, "--evaluate", example, "--rules", rules_path, "--export-pdf", out, NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);
  pdf_read (&pdf, out);
  assert_pdf_has (&pdf, "rule set id", "site-test");
  assert_pdf_has (&pdf, "rule set version", "2.0.0");
  for (guint page = 1; page <= pdf.n_pages; page++)
    {
      g_autofree char *number = g_strdup_printf ("%u", page);
      g_autofree char *raw = poppler ("pdftotext", "-raw", "-f", number, "-l", number, out, "-", NULL);
      g_autofree char *text = normalise (raw);

      g_assert_nonnull (strstr (text, "(inr_max)1.3,builtin1.5"));
    }

  /* The built-in rule set shows no such line. */
  {
    g_autofree char *plain = export_ok (example, dir, "plain", NULL, NULL);
    g_auto(Pdf) builtin = { 0 };

    pdf_read (&builtin, plain);
    g_assert_null (strstr (builtin.text, "builtin"));
  }
  vertebro_test_remove_tree (dir);
}

/* --format with --export-pdf prints the assessment as well. */
static void
test_with_format (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *out = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *example = example_path ("eligible-osteoporotic");
  g_auto(VertebroRun) run = { 0 };

  run_vertebro (&run, NULL, "--evaluate", example, "--export-pdf", out, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, EXIT_OK);
  g_assert_true (g_str_has_prefix (run.out, "{"));
  g_assert_nonnull (strstr (run.out, "\"verdict\": \"eligible\""));
  assert_file_private (out);
  vertebro_test_remove_tree (dir);
}

typedef struct {
  const char *name;
  const char *args[8];
} UsageCase;

#define EXAMPLE_ARG "@example@"
#define OUT_ARG "@out@"

static const UsageCase usage_cases[] = {
  { "export-without-evaluate", { "--export-pdf", OUT_ARG, NULL } },
  { "paper-without-export", { "--evaluate", EXAMPLE_ARG, "--paper", "a4", NULL } },
  { "paper-unknown", { "--evaluate", EXAMPLE_ARG, "--export-pdf", OUT_ARG, "--paper", "a5", NULL } },
  { "export-no-argument", { "--evaluate", EXAMPLE_ARG, "--export-pdf", NULL } },
};

static void
test_usage (gconstpointer data)
{
  const UsageCase *c = data;
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *example = example_path ("eligible-osteoporotic");
  g_autofree char *out = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(VertebroRun) run = { 0 };

  g_ptr_array_add (argv, vertebro_exe);
  for (guint i = 0; c->args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) (g_str_equal (c->args[i], EXAMPLE_ARG) ? example
                                     : g_str_equal (c->args[i], OUT_ARG) ? out : c->args[i]));
  g_ptr_array_add (argv, NULL);
  vertebro_run_argv (&run, NULL, (const char * const *) argv->pdata);
  g_assert_cmpint (run.status, ==, EXIT_USAGE);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, !=, "");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");
  vertebro_test_remove_tree (dir);
}

/* `vertebro` itself links neither cairo nor pango: the module does. */
static void
test_executable_links (void)
{
  const char *argv[] = { "ldd", vertebro_exe, NULL };
  g_auto(VertebroRun) run = { 0 };

  if (!have_program ("ldd"))
    {
      g_test_skip ("no ldd");
      return;
    }
  vertebro_run_argv (&run, NULL, argv);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "libcairo"));
  g_assert_null (strstr (run.out, "libpango"));
  g_assert_null (strstr (run.out, "libgtk"));
}

/* ---- The renderer's API, as Export PDF… and Print… use it ---- */

static VertebroReport *
new_report (const char *patient_path)
{
  g_autoptr(VertebroRuleset) rules = NULL;
  g_autoptr(VertebroPatient) patient = NULL;
  g_autoptr(VertebroAssessment) a = evaluate (patient_path, &rules, &patient);
  g_autoptr(GDateTime) generated = g_date_time_new_local (2026, 11, 21, 9, 30, 0);
  VertebroReport *report = vertebro_report_new (a, patient, rules);

  vertebro_report_set_generated (report, generated);
  return report;
}

/* What a print job does: paginate for the page, then draw every page. The
 * pages are those of the PDF, and drawing twice draws the same. */
static void
test_api_pages (void)
{
  g_autofree char *patient = maximal_path ();
  g_autoptr(VertebroReport) report = new_report (patient);
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *out = g_build_filename (dir, "api.pdf", NULL);
  g_autoptr(GError) error = NULL;
  double width, height;
  guint n_a4, n_letter;

  g_assert_cmpuint (vertebro_report_get_n_pages (report), ==, 0);

  vertebro_paper_get_size (VERTEBRO_PAPER_LETTER, &width, &height);
  vertebro_report_paginate (report, width, height);
  n_letter = vertebro_report_get_n_pages (report);
  g_assert_cmpuint (n_letter, >=, 3);

  vertebro_paper_get_size (VERTEBRO_PAPER_A4, &width, &height);
  vertebro_report_paginate (report, width, height);
  n_a4 = vertebro_report_get_n_pages (report);
  g_assert_cmpuint (n_a4, >=, 3);

  for (guint page = 0; page < n_a4; page++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
      cairo_t *cr = cairo_create (surface);
      unsigned char *data;
      gboolean inked = FALSE;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      vertebro_report_draw_page (report, cr, page);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      for (int i = 0; i < cairo_image_surface_get_stride (surface) * (int) height && !inked; i += 4)
        inked = data[i] < 128;
      g_assert_true (inked);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  vertebro_report_set_paper (report, VERTEBRO_PAPER_A4);
  g_assert_true (vertebro_report_write_pdf (report, out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_info_pages (out), ==, n_a4);
  g_assert_cmpuint (vertebro_report_get_n_pages (report), ==, n_a4);

  vertebro_report_set_paper (report, VERTEBRO_PAPER_LETTER);
  g_assert_true (vertebro_report_write_pdf (report, out, &error));
  g_assert_cmpuint (pdf_info_pages (out), ==, n_letter);

  g_assert_finalize_object (g_steal_pointer (&report));
  vertebro_test_remove_tree (dir);
}

static void
test_api_error (void)
{
  g_autofree char *patient = example_path ("eligible-osteoporotic");
  g_autoptr(VertebroReport) report = new_report (patient);
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *out = g_build_filename (dir, "missing", "out.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (vertebro_report_write_pdf (report, out, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (strstr (error->message, out));
  vertebro_test_remove_tree (dir);
}

/* Six verdicts, six symbols: each differs from every other when drawn in
 * black on white (a printout tells them apart without colour). */
static void
test_verdict_symbols (void)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_free);
  const int size = 48;

  for (VertebroVerdict v = VERTEBRO_VERDICT_CONTRAINDICATED; v <= VERTEBRO_VERDICT_ELIGIBLE; v++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, size, size);
      cairo_t *cr = cairo_create (surface);
      gsize bytes = (gsize) cairo_image_surface_get_stride (surface) * size;

      vertebro_report_draw_verdict_symbol (cr, v, 2, 2, size - 4);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      g_ptr_array_add (images, g_memdup2 (cairo_image_surface_get_data (surface), bytes));
      for (guint w = 0; w < images->len - 1; w++)
        if (memcmp (g_ptr_array_index (images, w), cairo_image_surface_get_data (surface), bytes) == 0)
          g_error ("%s and %s have the same symbol", vertebro_verdict_to_string (v),
                   vertebro_verdict_to_string ((VertebroVerdict) (VERTEBRO_VERDICT_CONTRAINDICATED + w)));
      cairo_surface_destroy (surface);
    }
}

/* The record a reviewer handed only the PDF can check: what was entered,
 * the decision and why, whether the trail was altered, passed due dates,
 * and each DOI a link. */
static void
test_record (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *source = example_path ("not-ready-clopidogrel-inr");
  g_autofree char *patient = g_build_filename (dir, "decided.vertebro", NULL);
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *raw = NULL;
  g_autoptr(GString) edited = NULL;
  g_auto(Pdf) pdf = { 0 };

  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, "\n  \"notes\"",
                                      "\n  \"decision\": {\"outcome\": \"proceed\", \"levels\": [\"L2\"], \"date\": \"2026-11-25\", "
                                      "\"by\": \"Dr Decider\", \"mdt\": true, \"attendees\": \"IR, haematology\", "
                                      "\"reason\": \"INR to be corrected on the day\", \"verdict\": \"not_ready\"},\n"
                                      "  \"audit\": [{\"at\": \"2026-11-21T09:00:00Z\", \"by\": \"Dr Saver\", \"event\": \"saved\", "
                                      "\"verdict\": \"not_ready\", \"findings\": [], \"missing\": [], "
                                      "\"ruleset\": {\"id\": \"vertebro-default\", \"version\": \"2.0.0\", \"sha256\": \"b\"}, "
                                      "\"sha256\": \"0000\"}],\n  \"notes\"", 1), ==, 1);
  g_assert_true (g_file_set_contents (patient, edited->str, -1, NULL));
  out = export_ok (patient, dir, "record", NULL, NULL);
  pdf_read (&pdf, out);

  /* What the assessment used, in the form's words. */
  for (const char * const *value = (const char * const[]) {
         "What the assessment used", "Pain refractory to optimal management", "198000/µL (198 ×10⁹/L)",
         "59.9 mL/min, by Cockcroft–Gault from creatinine", "95 µmol/L", "Warfarin", "withheld 7 days before the procedure",
         "Clopidogrel", "withheld 2 days before the procedure", "Takes an antiplatelet or anticoagulant",
         "Unfit for sedation or the prone position", "Pain began on", NULL };
       *value != NULL; value++)
    assert_pdf_has (&pdf, "input", *value);
  /* The decision, who took it and why; against the assessment, in words. */
  assert_pdf_has (&pdf, "decision", "Decision: Proceed at L2, 25 Nov 2026, by Dr Decider, in a multidisciplinary meeting (IR, haematology)");
  assert_pdf_has (&pdf, "reason", "Reason: INR to be corrected on the day");
  assert_pdf_has (&pdf, "against", "Against the assessment");
  /* The trail does not verify, and says who saved last. */
  assert_pdf_has (&pdf, "audit", "ALTERED outside Vertebro");
  assert_pdf_has (&pdf, "last entry", "by Dr Saver");
  /* The planned date (28 Nov) minus 5 days is already before any export. */
  assert_pdf_has (&pdf, "passed due date", "Due 23 Nov 2026 — passed");
  /* References grouped, and no DOI without its link annotation. */
  assert_pdf_has (&pdf, "references", "References: guidelines and literature");
  assert_pdf_has (&pdf, "references", "References: source documents");
  vertebro_test_remove_tree (dir);
}

/* The institution set in Preferences heads the summary. */
static void
test_institution (void)
{
  g_autofree char *patient = example_path ("eligible-osteoporotic");
  g_autoptr(VertebroReport) report = new_report (patient);
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *out = g_build_filename (dir, "institution.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Pdf) pdf = { 0 };

  vertebro_report_set_institution (report, "Hôpital Exemple, Radiologie interventionnelle");
  g_assert_true (vertebro_report_write_pdf (report, out, &error));
  g_assert_no_error (error);
  pdf_read (&pdf, out);
  assert_pdf_has (&pdf, "institution", "Hôpital Exemple, Radiologie interventionnelle");
  /* Above the title (the text layer is compared without spaces and dashes). */
  g_assert_nonnull (strstr (pdf.text, "HôpitalExemple"));
  g_assert_true (strstr (pdf.text, "HôpitalExemple") < strstr (pdf.text, "Preprocedureassessment"));
  vertebro_test_remove_tree (dir);
}

/* Every DOI shown is a link annotation of the PDF. */
static void
test_doi_links (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-test-pdf");
  g_autofree char *patient = example_path ("metastatic-review");
  g_autofree char *out = export_ok (patient, dir, "links", NULL, NULL);
  g_autofree char *raw = NULL;
  gsize length = 0;
  g_auto(Pdf) pdf = { 0 };
  const char needle[] = "/URI (https://doi.org/10.";
  guint shown = 0, links = 0;

  pdf_read (&pdf, out);
  g_assert_true (g_file_get_contents (out, &raw, &length, NULL));
  for (const char *p = pdf.text; (p = strstr (p, "https://doi.org/10.")) != NULL; p++)
    shown++;
  /* The file holds compressed streams, NUL bytes among them. */
  for (const char *p = raw; (p = memmem (p, length - (p - raw), needle, strlen (needle))) != NULL; p++)
    links++;
  g_assert_cmpuint (shown, >=, 1);
  g_assert_cmpuint (links, ==, shown);
  assert_pdf_has (&pdf, "the SIR 2003 DOI", "https://doi.org/10.1097/01.RVI.0000082822.75926.4c");
  vertebro_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *env;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  env = g_getenv ("VERTEBRO_EXE");
  vertebro_exe = env != NULL ? g_strdup (env)
                             : g_test_build_filename (G_TEST_BUILT, "..", "src", "vertebro", NULL);
  env = g_getenv ("VERTEBRO_EXAMPLES");
  examples_dir = env != NULL ? g_strdup (env)
                             : g_test_build_filename (G_TEST_DIST, "..", "examples", NULL);
  default_rules = g_test_build_filename (G_TEST_DIST, "..", "data", "rules", "vertebro-default.json", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pdf/example/%s", examples[i]);

      g_test_add_data_func (path, examples[i], test_example);
    }
  g_test_add_func ("/pdf/maximal", test_maximal);
  for (guint i = 0; i < G_N_ELEMENTS (unicode_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pdf/unicode/%s", unicode_cases[i].name);

      g_test_add_data_func (path, &unicode_cases[i], test_unicode);
    }
  g_test_add_func ("/pdf/refused/read-only-folder", test_refused_read_only);
  g_test_add_func ("/pdf/refused/no-such-folder", test_refused_no_folder);
  g_test_add_func ("/pdf/refused/directory", test_refused_directory);
  g_test_add_func ("/pdf/replace", test_replace);
  for (guint i = 0; i < G_N_ELEMENTS (paper_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pdf/paper/%s", paper_cases[i].paper);

      g_test_add_data_func (path, &paper_cases[i], test_paper);
    }
  g_test_add_func ("/pdf/locale", test_locale);
  g_test_add_func ("/pdf/site-thresholds", test_site_thresholds);
  g_test_add_func ("/pdf/with-format", test_with_format);
  for (guint i = 0; i < G_N_ELEMENTS (usage_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pdf/usage/%s", usage_cases[i].name);

      g_test_add_data_func (path, &usage_cases[i], test_usage);
    }
  g_test_add_func ("/pdf/executable-links", test_executable_links);
  g_test_add_func ("/pdf/api/pages", test_api_pages);
  g_test_add_func ("/pdf/api/error", test_api_error);
  g_test_add_func ("/pdf/verdict-symbols", test_verdict_symbols);
  g_test_add_func ("/pdf/record", test_record);
  g_test_add_func ("/pdf/doi-links", test_doi_links);
  g_test_add_func ("/pdf/institution", test_institution);

  return g_test_run ();
}
