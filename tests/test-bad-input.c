/* test-bad-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bad-input corpus: every file of tests/data/bad, and the ones too big
 * or too strange to commit (100,000 levels of nesting, huge strings, a
 * sparse 100 MB file, a folder, a FIFO, /dev/zero), made at run time.
 *
 * Each is refused by `vertebro --evaluate` as a patient file and by
 * `--rules` as a rule set: exit status 1, nothing on stdout, one short line
 * on stderr naming the file and what is wrong, in well under a second, with
 * no crash and no hang. Opened in the window, none touches the document that
 * is open there: neither the document in memory nor its file on disk.
 *
 * Run under Xvfb like test-window (build-aux/dev test).
 */

#include "config.h"

#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "vertebro-application.h"
#include "vertebro-test-run.h"
#include "vertebro-window-private.h"
#include "vertebro-test-window.h"

#define HEADER "\"format\": \"vertebro-patient\", \"version\": 1"

/* "Well under a second": a refusal takes milliseconds; the limit leaves a
 * wide margin for a loaded machine and for the sanitizer builds. */
#define TIME_LIMIT_USEC G_USEC_PER_SEC

/* A message is one line, short enough to read in a dialog: the file's path
 * plus this much. */
#define MESSAGE_MAX 300

typedef struct {
  const char *name;      /* in tests/data/bad, or made at run time */
  const char *fragment;  /* the patient loader's message contains it */
} BadFile;

/* Every file of tests/data/bad must be listed here, with what its message
 * must say, so that a file added there is also given an expectation. */
static const BadFile committed[] = {
  { "bare-fraction.vertebro", "not a JSON value" },
  { "byte-order-mark.vertebro", "byte-order mark" },
  { "comment.vertebro", "unexpected text after the JSON document" },
  { "control-character.vertebro", "control character" },
  { "duplicate-key-root.vertebro", "“version” appears twice" },
  { "duplicate-key-unknown-member.vertebro", "“a” appears twice" },
  { "duplicate-key.vertebro", "“inr” appears twice" },
  { "empty.vertebro", "unexpected end of the file" },
  { "huge-integer.vertebro", "labs.platelets" },
  { "huge-negative-number.vertebro", "too large" },
  { "huge-number-unknown-member.vertebro", "too large" },
  { "huge-number.vertebro", "the number 1e999 is too large" },
  { "infinity.vertebro", "NaN and Infinity" },
  { "invalid-utf8-overlong.vertebro", "not valid UTF-8" },
  { "invalid-utf8-surrogate.vertebro", "not valid UTF-8" },
  { "invalid-utf8.vertebro", "not valid UTF-8" },
  { "latin1.vertebro", "not valid UTF-8" },
  { "leading-zero.vertebro", "leading zero" },
  { "lone-surrogate.vertebro", "unpaired surrogate" },
  { "minus-infinity.vertebro", "NaN and Infinity" },
  { "nan.vertebro", "NaN and Infinity" },
  { "not-json.vertebro", "not valid JSON" },
  { "nul-byte.vertebro", "not valid UTF-8" },
  { "nul-escape.vertebro", "NUL character" },
  { "plus-sign.vertebro", "labs.inr" },
  { "png.vertebro", "not valid UTF-8" },
  { "root-array.vertebro", "one JSON object" },
  { "root-string.vertebro", "one JSON object" },
  { "single-quotes.vertebro", "expected a member name in quotes" },
  { "trailing-comma.vertebro", "expected a member name in quotes" },
  { "truncated-in-number.vertebro", "labs.inr" },
  { "truncated-in-string.vertebro", "unterminated string" },
  { "truncated.vertebro", "not valid JSON" },
  { "two-documents.vertebro", "unexpected text after the JSON document" },
  { "utf16.vertebro", "not valid UTF-8" },
  { "whitespace.vertebro", "unexpected end of the file" },
};

/* Made at run time in a temporary folder (see make_generated()). */
static const BadFile generated[] = {
  { "deep-arrays.vertebro", "levels deep" },
  { "deep-objects.vertebro", "levels deep" },
  { "deep-in-known-member.vertebro", "levels deep" },
  { "huge-string-choice.vertebro", "patient.sex" },
  { "huge-string-date.vertebro", "patient.birth_date" },
  { "huge-string-level.vertebro", "levels[0].level" },
  { "huge-member-name-duplicate.vertebro", "appears twice" },
  { "huge-member-name-syntax.vertebro", "not valid JSON" },
  { "huge-checklist-id.vertebro", "must be true or false" },
  { "huge-string-over-limit.vertebro", "too large" },
  { "sparse-100MB.vertebro", "too large" },
  { "folder.vertebro", "folder" },
  { "fifo.vertebro", "not a regular file" },
  { "link-to-fifo.vertebro", "not a regular file" },
  { "/dev/zero", "not a regular file" },
};

static VertebroApplication *app;
static char *bad_dir;
static char *generated_dir;
static char *good_patient;

static char *
generated_path (const char *name)
{
  return g_path_is_absolute (name) ? g_strdup (name) : g_build_filename (generated_dir, name, NULL);
}

static void
write_file (const char *name,
            GString    *text)
{
  g_autofree char *path = generated_path (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));
  g_assert_no_error (error);
}

static GString *
repeated (char  c,
          gsize n)
{
  GString *s = g_string_sized_new (n + 1);

  g_string_set_size (s, n);
  memset (s->str, c, n);
  return s;
}

/* Three MiB: under the size limit, so the parser reads it whole. */
#define HUGE_STRING (3 * 1024 * 1024)

static void
make_generated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) huge = repeated ('A', HUGE_STRING);
  g_autoptr(GString) text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *fifo = NULL;
  int fd;

  generated_dir = g_dir_make_tmp ("vertebro-bad-XXXXXX", &error);
  g_assert_no_error (error);

  /* 100,000 levels of nesting, far beyond the parser's limit of 64. */
  text = g_string_new ("{" HEADER ", \"x_deep\": ");
  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  write_file ("deep-arrays.vertebro", text);

  g_string_assign (text, "{" HEADER ", \"x_deep\": ");
  for (int i = 0; i < 100000; i++)
    g_string_append (text, "{\"a\":");
  g_string_append (text, "1");
  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, '}');
  g_string_append_c (text, '}');
  write_file ("deep-objects.vertebro", text);

  g_string_assign (text, "{" HEADER ", \"labs\": {\"inr\": ");
  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  write_file ("deep-in-known-member.vertebro", text);

  /* Huge strings where the loader quotes what it found: the message must
   * stay short all the same. */
  g_string_printf (text, "{" HEADER ", \"patient\": {\"sex\": \"%s\"}}", huge->str);
  write_file ("huge-string-choice.vertebro", text);
  g_string_printf (text, "{" HEADER ", \"patient\": {\"birth_date\": \"%s\"}}", huge->str);
  write_file ("huge-string-date.vertebro", text);
  g_string_printf (text, "{" HEADER ", \"levels\": [{\"level\": \"%s\"}]}", huge->str);
  write_file ("huge-string-level.vertebro", text);
  g_string_truncate (huge, HUGE_STRING / 2);
  g_string_printf (text, "{" HEADER ", \"%s\": 1, \"%s\": 2}", huge->str, huge->str);
  write_file ("huge-member-name-duplicate.vertebro", text);
  g_string_printf (text, "{" HEADER ", \"%s\": [1, }", huge->str);
  write_file ("huge-member-name-syntax.vertebro", text);
  g_string_printf (text, "{" HEADER ", \"checklist\": {\"%s\": 1}}", huge->str);
  write_file ("huge-checklist-id.vertebro", text);

  /* Over the size limit, refused before it is read. */
  g_string_free (huge, TRUE);
  huge = repeated ('A', 5 * 1024 * 1024);
  g_string_printf (text, "{" HEADER ", \"notes\": \"%s\"}", huge->str);
  write_file ("huge-string-over-limit.vertebro", text);

  /* 100 MB, sparse: nothing is written, and nothing may be read. */
  path = generated_path ("sparse-100MB.vertebro");
  fd = g_open (path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 100 * 1000 * 1000), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);

  g_clear_pointer (&path, g_free);
  path = generated_path ("folder.vertebro");
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);

  /* Nobody writes into the FIFO: opening it to read would block. */
  fifo = generated_path ("fifo.vertebro");
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_clear_pointer (&path, g_free);
  path = generated_path ("link-to-fifo.vertebro");
  g_assert_cmpint (symlink (fifo, path), ==, 0);
}

static void
remove_generated (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (generated); i++)
    {
      g_autofree char *path = generated_path (generated[i].name);

      if (g_str_has_prefix (path, generated_dir))
        g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (generated_dir), ==, 0);
}

static char *
path_of (const BadFile *bad)
{
  if (bad >= committed && bad < committed + G_N_ELEMENTS (committed))
    return g_build_filename (bad_dir, bad->name, NULL);
  return generated_path (bad->name);
}

/* Exit 1, nothing on stdout, one short line on stderr naming @path. */
static void
assert_refused (const VertebroRun *run,
                const char        *path,
                const char        *fragment,
                gint64             usec)
{
  const char *newline;

  g_test_message ("%s: %.3f s", path, usec / (double) G_USEC_PER_SEC);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (run->err);
  newline = strchr (run->err, '\n');
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "vertebro: "));
  g_assert_nonnull (strstr (run->err, path));
  g_assert_cmpuint (strlen (run->err), <=, strlen (path) + MESSAGE_MAX);
  if (fragment != NULL && strstr (run->err, fragment) == NULL)
    g_error ("“%s” does not say “%s”", run->err, fragment);
  g_assert_cmpint (usec, <, TIME_LIMIT_USEC);
}

static gint64
run_timed (VertebroRun        *run,
           const char * const *argv)
{
  static const char * const env[] = { "LC_ALL=C.UTF-8", NULL };
  gint64 start = g_get_monotonic_time ();

  vertebro_run_argv (run, env, argv);
  return g_get_monotonic_time () - start;
}

static void
test_cli_patient (gconstpointer data)
{
  const BadFile *bad = data;
  g_autofree char *path = path_of (bad);
  g_auto(VertebroRun) run = { 0 };
  const char *argv[] = { g_getenv ("VERTEBRO_EXE"), "--evaluate", path, "--format", "json", NULL };
  gint64 usec = run_timed (&run, argv);

  assert_refused (&run, path, bad->fragment, usec);
}

/* The same bytes given as a site rule set: the rule-set loader shares the
 * strict parser and has its own size limit and file-type checks. */
static void
test_cli_rules (gconstpointer data)
{
  const BadFile *bad = data;
  g_autofree char *path = path_of (bad);
  g_auto(VertebroRun) run = { 0 };
  const char *argv[] = { g_getenv ("VERTEBRO_EXE"), "--evaluate", good_patient, "--rules", path, NULL };
  gint64 usec = run_timed (&run, argv);

  assert_refused (&run, path, NULL, usec);
  g_assert_true (g_str_has_prefix (run.err, "vertebro: rule set refused: "));
}

static char *
read_bytes (const char *path,
            gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

/* A document is open in a window, first as saved and then with an unsaved
 * change; every bad file is opened in the same window. Each is refused, and
 * the document, its file name, its unsaved state, its verdict and its file
 * on disk stay exactly as they were. */
static void
test_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vertebro-open-XXXXXX", &error);
  g_autofree char *doc_path = g_build_filename (dir, "open.vertebro", NULL);
  g_autoptr(GFile) doc = g_file_new_for_path (doc_path);
  g_autofree char *original = NULL;
  gsize original_length;
  VertebroWindow *window;

  original = read_bytes (good_patient, &original_length);
  g_assert_true (g_file_set_contents (doc_path, original, original_length, &error));

  window = vertebro_application_new_window (app, NULL);
  vertebro_test_present (GTK_WINDOW (window));
  g_assert_true (vertebro_window_load_file (window, doc, &error));
  g_assert_no_error (error);
  vertebro_test_spin ();

  for (int round = 0; round < 2; round++)
    {
      g_autofree char *before = NULL;
      VertebroVerdict verdict_before;
      gboolean modified_before;

      if (round == 1)
        {
          /* An unsaved change, which must survive too. */
          vertebro_patient_set_number (vertebro_window_get_patient (window), "labs.inr", 1.6);
          vertebro_test_spin ();
          g_assert_true (vertebro_window_get_modified (window));
        }
      before = vertebro_patient_to_data (vertebro_window_get_patient (window));
      verdict_before = vertebro_assessment_get_verdict (vertebro_window_get_assessment (window));
      modified_before = vertebro_window_get_modified (window);

      for (guint set = 0; set < 2; set++)
        {
          const BadFile *files = set == 0 ? committed : generated;
          guint n = set == 0 ? G_N_ELEMENTS (committed) : G_N_ELEMENTS (generated);

          for (guint i = 0; i < n; i++)
            {
              g_autofree char *path = path_of (&files[i]);
              g_autoptr(GFile) file = g_file_new_for_path (path);
              g_autoptr(GError) load_error = NULL;
              g_autofree char *after = NULL;
              g_autofree char *on_disk = NULL;
              gsize on_disk_length;
              gint64 start = g_get_monotonic_time ();
              gint64 usec;

              g_assert_false (vertebro_window_load_file (window, file, &load_error));
              usec = g_get_monotonic_time () - start;
              vertebro_test_spin ();

              g_assert_nonnull (load_error);
              g_assert_nonnull (strstr (load_error->message, path));
              g_assert_cmpuint (strlen (load_error->message), <=, strlen (path) + MESSAGE_MAX);
              g_assert_cmpint (usec, <, TIME_LIMIT_USEC);

              after = vertebro_patient_to_data (vertebro_window_get_patient (window));
              g_assert_cmpstr (after, ==, before);
              g_assert_true (g_file_equal (vertebro_window_get_file (window), doc));
              g_assert_cmpint (vertebro_window_get_modified (window), ==, modified_before);
              g_assert_cmpint (vertebro_assessment_get_verdict (vertebro_window_get_assessment (window)), ==, verdict_before);

              on_disk = read_bytes (doc_path, &on_disk_length);
              g_assert_cmpmem (on_disk, on_disk_length, original, original_length);
            }
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
  vertebro_test_spin ();
  g_assert_cmpint (g_unlink (doc_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Every file in tests/data/bad has an entry in the table above. */
static void
test_corpus_listed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (bad_dir, 0, &error);
  const char *name;
  guint n = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (committed); i++)
        listed |= g_str_equal (committed[i].name, name);
      if (!listed)
        g_error ("tests/data/bad/%s has no entry in test-bad-input.c", name);
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (committed));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("vertebro-home-XXXXXX", NULL);
  int status;

  /* Drafts of the window's unsaved change and the recent files list go to a
   * folder of this run, removed at the end. */
  g_setenv ("XDG_STATE_HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);

  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  bad_dir = g_test_build_filename (G_TEST_DIST, "data", "bad", NULL);
  good_patient = g_build_filename (g_getenv ("VERTEBRO_EXAMPLES"), "not-ready-clopidogrel-inr.vertebro", NULL);
  make_generated ();

  app = vertebro_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/bad-input/corpus-listed", test_corpus_listed);
  for (guint set = 0; set < 2; set++)
    {
      const BadFile *files = set == 0 ? committed : generated;
      guint n = set == 0 ? G_N_ELEMENTS (committed) : G_N_ELEMENTS (generated);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *base = g_path_get_basename (files[i].name);
          g_autofree char *patient_path = g_strdup_printf ("/bad-input/cli/patient/%s", base);
          g_autofree char *rules_path = g_strdup_printf ("/bad-input/cli/rules/%s", base);

          g_test_add_data_func (patient_path, &files[i], test_cli_patient);
          g_test_add_data_func (rules_path, &files[i], test_cli_rules);
        }
    }
  g_test_add_func ("/bad-input/window", test_window);

  status = g_test_run ();

  g_clear_object (&app);
  remove_generated ();
  vertebro_test_remove_tree (home);
  g_free (bad_dir);
  g_free (good_patient);
  g_free (generated_dir);
  return status;
}
