/* test-privacy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Patient data stays private:
 *
 *  - patient files (saved by the core and by the window), drafts and their
 *    folder, and exported PDFs (the command line's --export-pdf, the
 *    window's Export PDF… and Print… to a file) are created readable by
 *    their owner only, even with a umask of 0;
 *  - Vertebro opens no network socket: the command line (evaluation and
 *    PDF export) and the window (started as `vertebro FILE`, in a D-Bus
 *    session of its own, and quit through its "quit" action) run under
 *    `strace -f -e trace=socket`, which must show no AF_INET or AF_INET6
 *    socket;
 *  - no patient data is logged: with G_MESSAGES_DEBUG=all, neither the
 *    command line's nor the window's stderr, nor any message logged in this
 *    process while a document is opened, edited, saved and exported, holds
 *    the patient's name, identifier, birth date, clinician or notes;
 *  - no patient data is in a PDF's metadata (pdfinfo, with its XMP).
 *
 * Run under Xvfb like test-window (build-aux/dev test).
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <utime.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "vertebro-application.h"
#include "vertebro-report.h"
#include "vertebro-test-run.h"
#include "vertebro-window-private.h"
#include "vertebro-test-window.h"

/* A patient whose every identifying field is a string found nowhere else. */
#define NAME       "Zyqvor Privacyperson"
#define IDENTIFIER "MRN-PRIV-48151623"
#define BIRTH_DATE "1951-07-13"
#define CLINICIAN  "Dr Quillfeather Xanadu"
#define NOTES      "Confidential note 7Q2WX"

static const char * const identifying[] = { NAME, IDENTIFIER, BIRTH_DATE, CLINICIAN, NOTES, NULL };

static const char patient_text[] =
  "{\"format\": \"vertebro-patient\", \"version\": 1,"
  " \"patient\": {\"name\": \"" NAME "\", \"identifier\": \"" IDENTIFIER "\","
  "   \"birth_date\": \"" BIRTH_DATE "\", \"sex\": \"male\", \"weight_kg\": 70},"
  " \"assessment\": {\"date\": \"2026-11-21\", \"planned_date\": \"2026-11-28\", \"clinician\": \"" CLINICIAN "\"},"
  " \"history\": {\"etiology\": \"osteoporotic\", \"pain_nrs\": 8, \"pain_refractory\": true,"
  "   \"dominant_pain_source\": \"fracture\", \"neuro_deficit\": false, \"radiculopathy\": false,"
  "   \"unstable\": false, \"infection_systemic\": false, \"infection_local\": false, \"osteomyelitis\": false,"
  "   \"bleeding_disorder\": false, \"allergy_pmma\": false, \"unfit_for_sedation\": false},"
  " \"labs\": {\"inr\": 1.6, \"platelets\": 200000, \"creatinine_umol_l\": 80},"
  " \"antithrombotics\": [{\"drug\": \"clopidogrel\", \"held\": 2}],"
  " \"levels\": [{\"level\": \"L1\", \"collapse_percent\": 30, \"acuity\": \"unhealed\","
  "   \"posterior_wall\": \"intact\", \"pain_concordant\": true}],"
  " \"notes\": \"" NOTES "\"}";

static VertebroApplication *app;
static char *work_dir;
static char *patient_path;

/* ---- Helpers ---- */

static void
assert_private_text (const char *what,
                     const char *text)
{
  for (guint i = 0; identifying[i] != NULL; i++)
    if (text != NULL && strstr (text, identifying[i]) != NULL)
      g_error ("%s holds the patient's “%s”:\n%s", what, identifying[i], text);
}

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  if ((st.st_mode & 0777) != mode)
    g_error ("%s has mode %03o, not %03o", path, st.st_mode & 0777, mode);
}

static char *
work_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static void
run (VertebroRun        *run_,
     const char * const *argv)
{
  static const char * const env[] = { "LC_ALL=C.UTF-8", "G_MESSAGES_DEBUG=all", NULL };

  vertebro_run_argv (run_, env, argv);
}

static char *
pdf_metadata (const char *path)
{
  g_auto(VertebroRun) info = { 0 };
  g_auto(VertebroRun) meta = { 0 };
  const char *info_argv[] = { "pdfinfo", "-isodates", path, NULL };
  const char *meta_argv[] = { "pdfinfo", "-meta", path, NULL };

  run (&info, info_argv);
  g_assert_cmpint (info.status, ==, 0);
  run (&meta, meta_argv);
  g_assert_cmpint (meta.status, ==, 0);
  return g_strconcat (info.out, meta.out, NULL);
}

static VertebroWindow *
open_window (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (patient_path);
  g_autoptr(GError) error = NULL;
  VertebroWindow *window = vertebro_application_new_window (app, NULL);

  vertebro_test_present (GTK_WINDOW (window));
  g_assert_true (vertebro_window_load_file (window, file, &error));
  g_assert_no_error (error);
  vertebro_test_spin ();
  return window;
}

/* ---- Modes ---- */

static void
test_modes (void)
{
  g_autofree char *core_saved = work_path ("core.vertebro");
  g_autofree char *window_saved = work_path ("window.vertebro");
  g_autofree char *cli_pdf = work_path ("cli.pdf");
  g_autofree char *window_pdf = work_path ("window.pdf");
  g_autofree char *printed_pdf = work_path ("printed.pdf");
  g_autofree char *drafts = g_build_filename (g_get_user_state_dir (), "vertebro", "drafts", NULL);
  g_autofree char *origin = NULL;
  g_autoptr(GFile) core_file = g_file_new_for_path (core_saved);
  g_autoptr(GFile) window_file = g_file_new_for_path (window_saved);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = vertebro_patient_new_from_data (patient_text, strlen (patient_text), &error);
  g_autoptr(VertebroReport) report = NULL;
  g_auto(VertebroRun) cli = { 0 };
  const char *cli_argv[] = { g_getenv ("VERTEBRO_EXE"), "--evaluate", patient_path, "--export-pdf", cli_pdf, NULL };
  VertebroWindow *window;
  mode_t old_umask;

  g_assert_no_error (error);

  /* Nothing of the umask's protection: every file would be 0666 and every
   * folder 0777 unless Vertebro asks for less. The command line inherits it. */
  old_umask = umask (0);

  g_assert_true (vertebro_patient_save (patient, core_file, &error));
  g_assert_no_error (error);
  assert_mode (core_saved, 0600);

  window = open_window ();
  g_assert_true (vertebro_window_save_to (window, window_file, &error));
  g_assert_no_error (error);
  assert_mode (window_saved, 0600);

  /* An unsaved change: its draft, the draft's note of its document, and
   * the folders they are in. */
  vertebro_patient_set_number (vertebro_window_get_patient (window), "labs.inr", 1.2);
  vertebro_test_spin ();
  vertebro_window_flush_draft (window);
  g_assert_nonnull (vertebro_window_get_draft_path (window));
  assert_mode (vertebro_window_get_draft_path (window), 0600);
  origin = g_strconcat (vertebro_window_get_draft_path (window), ".origin", NULL);
  assert_mode (origin, 0600);
  assert_mode (drafts, 0700);

  /* Export PDF… writes what vertebro_report_write_pdf() writes. */
  report = vertebro_report_new (vertebro_window_get_assessment (window), vertebro_window_get_patient (window),
                                vertebro_application_get_rules (app));
  g_assert_true (vertebro_report_write_pdf (report, window_pdf, &error));
  g_assert_no_error (error);
  assert_mode (window_pdf, 0600);

  /* Print… to a file: an export through GtkPrintOperation, which writes the
   * file through cairo. */
  g_assert_true (vertebro_window_print (window, GTK_PRINT_OPERATION_ACTION_EXPORT, printed_pdf, &error));
  g_assert_no_error (error);
  vertebro_test_spin ();
  assert_mode (printed_pdf, 0600);

  run (&cli, cli_argv);
  g_assert_cmpint (cli.status, ==, 0);
  assert_mode (cli_pdf, 0600);

  umask (old_umask);

  /* The window's draft goes with its folder at the end of the run. */
  gtk_window_destroy (GTK_WINDOW (window));
  vertebro_test_spin ();
}

/* ---- No network ---- */

/* The address families of the sockets in an strace log. */
static void
assert_no_network (const char *log_path)
{
  g_autofree char *log = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_sockets = 0;

  g_assert_true (g_file_get_contents (log_path, &log, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], " socket(") == NULL)
        continue;
      n_sockets++;
      if (strstr (lines[i], "AF_INET") != NULL)
        g_error ("a network socket was opened: %s", lines[i]);
    }
  g_test_message ("%s: %u sockets, none of them AF_INET or AF_INET6", log_path, n_sockets);
}

static void
test_no_network_cli (void)
{
  g_autofree char *log = work_path ("strace-cli.log");
  g_autofree char *pdf = work_path ("strace-cli.pdf");
  const char *exe = g_getenv ("VERTEBRO_EXE");
  /* Both uses of the command line: an evaluation, and an export, which
   * loads the PDF module, fontconfig and pango. LeakSanitizer cannot work
   * under ptrace, so it is off in the traced process when the sanitizers
   * are on. */
  const char *argvs[][16] = {
    { "strace", "-f", "-qq", "-e", "trace=socket", "-o", log, "env", "ASAN_OPTIONS=detect_leaks=0",
      exe, "--evaluate", patient_path, "--format", "json", NULL },
    { "strace", "-f", "-qq", "-e", "trace=socket", "-o", log, "env", "ASAN_OPTIONS=detect_leaks=0",
      exe, "--evaluate", patient_path, "--export-pdf", pdf, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (argvs); i++)
    {
      g_auto(VertebroRun) traced = { 0 };

      run (&traced, argvs[i]);
      g_assert_cmpint (traced.status, ==, 0);
      assert_no_network (log);
      assert_private_text ("the command line's stderr", traced.err);
    }
}

/* The real program opens the window on the patient's file in a D-Bus
 * session of its own, with every debug message on, under strace; once it
 * has its name on the bus and has had time to show the file, its "quit"
 * action closes it. */
static void
test_no_network_window (void)
{
  g_autofree char *log = work_path ("strace-window.log");
  g_autofree char *script = NULL;
  g_auto(VertebroRun) traced = { 0 };
  g_autofree char *display = g_strconcat ("DISPLAY=", g_getenv ("DISPLAY"), NULL);
  const char *argv[] = { "dbus-run-session", "--", "sh", "-c", NULL, NULL };
  /* As a user runs it: with the accessibility bus (GTK_A11Y unset). */
  const char * const env[] = { "G_MESSAGES_DEBUG=all", "LC_ALL=C.UTF-8", "ASAN_OPTIONS=detect_leaks=0", "GTK_A11Y=",
                               display, NULL };
  g_autofree char *log_text = NULL;

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("no X display: build-aux/dev test runs this under Xvfb");
      return;
    }

  script = g_strdup_printf ("strace -f -qq -s 4096 -e trace=socket,openat -o '%s' '%s' '%s' & pid=$!\n"
                            "gdbus wait --session --timeout 60 %s || { kill $pid; exit 3; }\n"
                            "sleep 3\n"
                            "gdbus call --session --dest %s --object-path %s"
                            " --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null\n"
                            "wait $pid\n",
                            log, g_getenv ("VERTEBRO_EXE"), patient_path, APP_ID, APP_ID, RESOURCE_BASE);
  argv[4] = script;
  vertebro_run_argv (&traced, env, argv);

  g_assert_cmpint (traced.status, ==, 0);
  assert_no_network (log);
  /* It did start and read the patient's file. */
  g_assert_true (g_file_get_contents (log, &log_text, NULL, NULL));
  if (strstr (log_text, patient_path) == NULL)
    g_error ("the window did not open %s:\n%s\n%s", patient_path, log_text, traced.err);
  assert_private_text ("the window's stderr", traced.err);
}

/* A crash of the window leaves no core file with the patient's data in it
 * (issue 19, item 10): the process's core limit is 0 whatever it was
 * given, here "unlimited". */
static void
test_no_core_dumps (void)
{
  g_autofree char *script = NULL;
  g_auto(VertebroRun) run = { 0 };
  g_autofree char *display = g_strconcat ("DISPLAY=", g_getenv ("DISPLAY"), NULL);
  const char *argv[] = { "dbus-run-session", "--", "sh", "-c", NULL, NULL };
  const char * const env[] = { "LC_ALL=C.UTF-8", "GTK_A11Y=none", display, NULL };
  g_autoptr(GRegex) zero = g_regex_new ("^Max core file size +0 +0 ", G_REGEX_MULTILINE, 0, NULL);

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("no X display: build-aux/dev test runs this under Xvfb");
      return;
    }

  script = g_strdup_printf ("ulimit -c unlimited || exit 77\n"
                            "'%s' '%s' & pid=$!\n"
                            "gdbus wait --session --timeout 60 %s || { kill $pid; exit 3; }\n"
                            "grep '^Max core file size' /proc/$pid/limits\n"
                            "gdbus call --session --dest %s --object-path %s"
                            " --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null\n"
                            "wait $pid\n",
                            g_getenv ("VERTEBRO_EXE"), patient_path, APP_ID, APP_ID, RESOURCE_BASE);
  argv[4] = script;
  vertebro_run_argv (&run, env, argv);
  if (run.status == 77)
    {
      g_test_skip ("the hard core-size limit is 0 here: nothing to show");
      return;
    }
  g_assert_cmpint (run.status, ==, 0);
  if (!g_regex_match (zero, run.out, 0, NULL))
    g_error ("the window may write a core dump:\n%s", run.out);
}

/* The name Save As and Export PDF… offer for a new assessment does not
 * name the patient (issue 19, item 10): it would show in window titles,
 * recent files and toasts. */
static void
test_neutral_file_names (void)
{
  static const char * const actions[][2] = {
    { "win.save-as", "assessment-2026-11-21.vertebro" },
    { "win.export-pdf", "assessment-2026-11-21.pdf" },
  };
  VertebroWindow *window = vertebro_application_new_window (app, NULL);
  VertebroPatient *patient = vertebro_window_get_patient (window);

  vertebro_test_present (GTK_WINDOW (window));
  vertebro_patient_set_text (patient, "patient.identifier", IDENTIFIER);
  vertebro_patient_set_text (patient, "assessment.date", "2026-11-21");
  vertebro_test_spin ();

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *dialog;
      g_autofree char *name = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), actions[i][0], NULL));
      vertebro_test_spin ();
      dialog = vertebro_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
      g_assert_nonnull (dialog);
      name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
      assert_private_text (actions[i][0], name);
      g_assert_cmpstr (name, ==, actions[i][1]);
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
      vertebro_test_spin ();
    }

  vertebro_window_flush_draft (window);
  gtk_window_destroy (GTK_WINDOW (window));
  vertebro_test_spin ();
}

/* Writes @name in @dir, @age seconds old. */
static char *
write_aged (const char *dir,
            const char *name,
            const char *contents,
            int         age)
{
  char *path = g_build_filename (dir, name, NULL);
  struct utimbuf times;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  times.actime = times.modtime = time (NULL) - age;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
  return path;
}

/* What a killed export or "Print to File" left beside its PDF, hidden and
 * with the patient's data in it, is removed by the next one once a minute
 * old (issue 19, item 10); what may be under way, or is not a PDF of ours,
 * stays. */
static void
test_stale_partials (void)
{
  g_autofree char *dir = work_path ("partials");
  g_autofree char *out = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *stale_export = NULL;
  g_autofree char *young_export = NULL;
  g_autofree char *stale_print = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(VertebroRun) run = { 0 };
  VertebroWindow *window;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  out = g_build_filename (dir, "summary.pdf", NULL);
  printed = g_build_filename (dir, "printed.pdf", NULL);
  stale_export = write_aged (dir, ".summary.pdf.vertebro-export-AAAAAA", "%PDF-1.5 " NAME, 120);
  young_export = write_aged (dir, ".summary.pdf.vertebro-export-BBBBBB", "%PDF-1.5 " NAME, 0);
  stale_print = write_aged (dir, ".goutputstream-CCCCCC", "%PDF-1.5 " NAME, 120);
  other = write_aged (dir, ".goutputstream-DDDDDD", "a document of another program", 120);

  vertebro_run_argv (&run, NULL, (const char * const[]) { g_getenv ("VERTEBRO_EXE"), "--evaluate", patient_path,
                                                          "--export-pdf", out, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_false (g_file_test (stale_export, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (young_export, G_FILE_TEST_EXISTS));

  window = vertebro_application_new_window (app, NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (patient_path);

    g_assert_true (vertebro_window_load_file (window, file, &error));
    g_assert_no_error (error);
  }
  g_assert_true (vertebro_window_print (window, GTK_PRINT_OPERATION_ACTION_EXPORT, printed, &error));
  g_assert_no_error (error);
  vertebro_test_spin ();
  g_assert_false (g_file_test (stale_print, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (printed, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  vertebro_test_spin ();
}

/* ---- Logs in this process ---- */

static GLogWriterOutput
checking_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      {
        g_autofree char *message = fields[i].length < 0 ? g_strdup (fields[i].value)
                                                        : g_strndup (fields[i].value, fields[i].length);

        assert_private_text ("a logged message", message);
      }
  /* Debug messages were only wanted to be checked. */
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* Every message logged while a document is opened, edited, saved,
 * exported, printed to a file and closed, with G_MESSAGES_DEBUG=all, goes
 * through checking_writer(). */
static void
test_logs (void)
{
  g_autofree char *saved = work_path ("logs.vertebro");
  g_autofree char *pdf = work_path ("logs.pdf");
  g_autofree char *printed = work_path ("logs-printed.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (saved);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroReport) report = NULL;
  g_autofree char *exported_metadata = NULL;
  g_autofree char *printed_metadata = NULL;
  VertebroWindow *window = open_window ();

  vertebro_patient_set_number (vertebro_window_get_patient (window), "labs.inr", 1.1);
  vertebro_test_spin ();
  vertebro_window_flush_draft (window);
  g_assert_true (vertebro_window_save_to (window, file, &error));
  g_assert_no_error (error);
  report = vertebro_report_new (vertebro_window_get_assessment (window), vertebro_window_get_patient (window),
                                vertebro_application_get_rules (app));
  g_assert_true (vertebro_report_write_pdf (report, pdf, &error));
  g_assert_true (vertebro_window_print (window, GTK_PRINT_OPERATION_ACTION_EXPORT, printed, &error));
  g_assert_no_error (error);
  vertebro_test_spin ();
  gtk_window_destroy (GTK_WINDOW (window));
  vertebro_test_spin ();

  g_assert_true (g_file_test (printed, G_FILE_TEST_EXISTS));
  exported_metadata = pdf_metadata (pdf);
  assert_private_text ("the metadata of the window's Export PDF…", exported_metadata);
  printed_metadata = pdf_metadata (printed);
  assert_private_text ("the metadata of the window's Print… to a file", printed_metadata);
}

/* ---- PDF metadata ---- */

static void
test_pdf_metadata (void)
{
  g_autofree char *pdf = work_path ("metadata.pdf");
  g_autofree char *metadata = NULL;
  g_auto(VertebroRun) cli = { 0 };
  const char *argv[] = { g_getenv ("VERTEBRO_EXE"), "--evaluate", patient_path, "--export-pdf", pdf, NULL };

  run (&cli, argv);
  g_assert_cmpint (cli.status, ==, 0);
  assert_private_text ("the command line's stderr", cli.err);
  metadata = pdf_metadata (pdf);
  g_test_message ("%s", metadata);
  assert_private_text ("the PDF's metadata", metadata);
  /* The metadata is there, and generic. */
  g_assert_nonnull (strstr (metadata, "Title:"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("vertebro-home-XXXXXX", NULL);
  int status;

  /* Drafts, recent files and the test's files in folders of this run. */
  g_setenv ("XDG_STATE_HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_log_set_writer_func (checking_writer, NULL, NULL);

  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  work_dir = g_build_filename (home, "work", NULL);
  g_assert_cmpint (g_mkdir (work_dir, 0700), ==, 0);
  patient_path = work_path ("patient.vertebro");
  g_assert_true (g_file_set_contents (patient_path, patient_text, -1, NULL));

  app = vertebro_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/privacy/modes", test_modes);
  g_test_add_func ("/privacy/no-network/cli", test_no_network_cli);
  g_test_add_func ("/privacy/no-network/window", test_no_network_window);
  g_test_add_func ("/privacy/logs", test_logs);
  g_test_add_func ("/privacy/pdf-metadata", test_pdf_metadata);
  g_test_add_func ("/privacy/no-core-dumps", test_no_core_dumps);
  g_test_add_func ("/privacy/neutral-file-names", test_neutral_file_names);
  g_test_add_func ("/privacy/stale-partials", test_stale_partials);

  status = g_test_run ();
  g_clear_object (&app);
  vertebro_test_remove_tree (home);
  g_free (work_dir);
  g_free (patient_path);
  return status;
}
