/* test-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The open assessment without a window (src/core/vertebro-document.c): one
 * evaluation per change, unsaved changes and their draft, saves recorded
 * in the trail and never half done, a refused file leaving the document as
 * it was, someone else's save noticed, a decision recorded.
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "vertebro-core.h"

static VertebroRuleset *rules;
static char *state_dir;

static GFile *
example (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("VERTEBRO_EXAMPLES"), name, NULL);

  return g_file_new_for_path (path);
}

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("vertebro-document-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* A copy of an example in a folder of its own. */
static GFile *
copy_example (const char *name,
              const char *dir)
{
  g_autoptr(GFile) from = example (name);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GFile *to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return to;
}

static void
count (GObject    *object,
       GParamSpec *pspec,
       guint      *n)
{
  (*n)++;
}

static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer data)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return done (data);
}

static void
test_new (void)
{
  g_autoptr(VertebroDocument) document = vertebro_document_new (rules, "Dr A. Example");
  VertebroPatient *patient = vertebro_document_get_patient (document);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_assert_false (vertebro_document_get_modified (document));
  g_assert_true (vertebro_document_is_pristine (document));
  g_assert_null (vertebro_document_get_file (document));
  g_assert_cmpstr (vertebro_patient_get_text (patient, "assessment.date"), ==, today);
  g_assert_cmpstr (vertebro_patient_get_text (patient, "assessment.clinician"), ==, "Dr A. Example");
  g_assert_cmpint (vertebro_document_get_n_evaluations (document), ==, 1);
  /* A new assessment is never anything but incomplete. */
  g_assert_cmpint (vertebro_assessment_get_verdict (vertebro_document_get_assessment (document)), ==,
                   VERTEBRO_VERDICT_INCOMPLETE);
}

/* Each change of the patient: one evaluation, one "assessment" notification;
 * "modified" flips once. What the form could not take evaluates nothing. */
static void
test_one_evaluation_per_change (void)
{
  g_autoptr(GFile) file = example ("eligible-osteoporotic.vertebro");
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroDocument) document = vertebro_document_new_for_file (rules, file, &error);
  g_autoptr(GPtrArray) invalid = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_invalid_entry_free);
  VertebroPatient *patient;
  guint assessments = 0, modified = 0, invalids = 0;
  guint before;

  g_assert_no_error (error);
  patient = vertebro_document_get_patient (document);
  g_assert_cmpint (vertebro_assessment_get_verdict (vertebro_document_get_assessment (document)), ==,
                   VERTEBRO_VERDICT_ELIGIBLE);
  g_signal_connect (document, "notify::assessment", G_CALLBACK (count), &assessments);
  g_signal_connect (document, "notify::modified", G_CALLBACK (count), &modified);
  g_signal_connect (document, "notify::invalid", G_CALLBACK (count), &invalids);
  before = vertebro_document_get_n_evaluations (document);

  vertebro_patient_set_text (patient, "patient.name", "Jane Roe");
  g_assert_cmpuint (vertebro_document_get_n_evaluations (document) - before, ==, 1);
  g_assert_cmpuint (assessments, ==, 1);
  g_assert_cmpuint (modified, ==, 1);
  g_assert_true (vertebro_document_get_modified (document));

  /* The INR is taken away (typed as "1,,1"): not assessed, and the verdict
   * can no longer be eligible. */
  vertebro_patient_clear_field (patient, "labs.inr");
  g_assert_cmpuint (vertebro_document_get_n_evaluations (document) - before, ==, 2);
  g_assert_cmpuint (assessments, ==, 2);
  g_assert_cmpuint (modified, ==, 1);
  g_assert_cmpint (vertebro_assessment_get_verdict (vertebro_document_get_assessment (document)), !=,
                   VERTEBRO_VERDICT_ELIGIBLE);

  g_ptr_array_add (invalid, vertebro_invalid_entry_new ("labs.inr", "INR", "Not a number"));
  vertebro_document_set_invalid (document, invalid);
  g_assert_cmpuint (vertebro_document_get_n_evaluations (document) - before, ==, 2);
  g_assert_cmpuint (invalids, ==, 1);
  g_assert_cmpuint (vertebro_document_get_invalid (document)->len, ==, 1);
  g_assert_cmpstr (((VertebroInvalidEntry *) g_ptr_array_index (vertebro_document_get_invalid (document), 0))->label,
                   ==, "INR");
}

/* A refused file leaves the document as it was; a good one replaces the
 * patient, unmodified, evaluated once. */
static void
test_load (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *bad_path = g_build_filename (dir, "bad.vertebro", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) good = example ("contraindicated-infection.vertebro");
  g_autoptr(VertebroDocument) document = vertebro_document_new (rules, NULL);
  g_autoptr(GError) error = NULL;
  VertebroPatient *before = vertebro_document_get_patient (document);
  guint patients = 0;

  g_signal_connect (document, "notify::patient", G_CALLBACK (count), &patients);
  vertebro_patient_set_text (before, "patient.name", "Unsaved Name");
  g_assert_true (g_file_set_contents (bad_path, "{\"format\": \"vertebro-patient\", \"version\": 1, ", -1, NULL));

  g_assert_false (vertebro_document_load (document, bad, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "bad.vertebro"));
  g_assert_true (vertebro_document_get_patient (document) == before);
  g_assert_true (vertebro_document_get_modified (document));
  g_assert_cmpuint (patients, ==, 0);
  g_clear_error (&error);

  g_assert_true (vertebro_document_load (document, good, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (patients, ==, 1);
  g_assert_false (vertebro_document_get_modified (document));
  g_assert_true (g_file_equal (vertebro_document_get_file (document), good));
  g_assert_cmpint (vertebro_assessment_get_verdict (vertebro_document_get_assessment (document)), ==,
                   VERTEBRO_VERDICT_CONTRAINDICATED);
  g_assert_null (vertebro_document_get_draft_path (document));
  g_unlink (bad_path);
  g_rmdir (dir);
}

static gboolean
draft_written (gpointer data)
{
  const char *path = vertebro_document_get_draft_path (data);

  return path != NULL && g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
draft_problem (gpointer data)
{
  return vertebro_document_get_draft_problem (data) != NULL;
}

/* Unsaved changes are kept in a draft (0600) shortly after; a save drops
 * it; a draft that cannot be written is said, and said no more once one
 * is written again. */
static void
test_draft (void)
{
  g_autofree char *dir = temp_dir ();
  g_autoptr(GFile) file = copy_example ("eligible-osteoporotic.vertebro", dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroDocument) document = vertebro_document_new_for_file (rules, file, &error);
  g_autofree char *drafts = g_build_filename (state_dir, "vertebro", "drafts", NULL);
  g_autofree char *draft = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  vertebro_document_set_draft_delay (document, 10);
  vertebro_patient_set_text (vertebro_document_get_patient (document), "patient.name", "Draft Name");
  g_assert_null (vertebro_document_get_draft_path (document));
  g_assert_true (wait_until (draft_written, document));
  draft = g_strdup (vertebro_document_get_draft_path (document));
  g_assert_true (g_str_has_prefix (draft, drafts));
  g_assert_cmpint (g_stat (draft, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (draft, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Draft Name"));
  g_assert_null (vertebro_document_get_draft_problem (document));

  g_assert_true (vertebro_document_save (document, file, VERTEBRO_SAVE_DEFAULT, "Dr A. Example", &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
  g_assert_null (vertebro_document_get_draft_path (document));

  /* The drafts folder cannot be written: a file stands in its place (a
   * folder without write permission would not stop root). */
  {
    g_autofree char *aside = g_strconcat (drafts, ".aside", NULL);

    g_assert_cmpint (g_rename (drafts, aside), ==, 0);
    g_assert_true (g_file_set_contents (drafts, "not a folder", -1, NULL));
    vertebro_patient_set_text (vertebro_document_get_patient (document), "patient.name", "Second Name");
    g_assert_true (wait_until (draft_problem, document));
    g_assert_true (vertebro_document_get_modified (document));

    g_assert_cmpint (g_unlink (drafts), ==, 0);
    g_assert_cmpint (g_rename (aside, drafts), ==, 0);
    vertebro_document_flush_draft (document);
    g_assert_null (vertebro_document_get_draft_problem (document));
    g_assert_true (draft_written (document));
  }
  vertebro_document_discard_changes (document);
  g_assert_null (vertebro_document_get_draft_path (document));
  g_assert_false (vertebro_document_get_modified (document));
}

/* A save is recorded in the trail when the assessment differs from the
 * last entry; a failed save records nothing and keeps the changes. */
static void
test_save (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "new.vertebro", NULL);
  g_autofree char *nowhere_path = g_build_filename (dir, "no-such-folder", "new.vertebro", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path (nowhere_path);
  g_autoptr(VertebroDocument) document = vertebro_document_new (rules, NULL);
  VertebroPatient *patient = vertebro_document_get_patient (document);
  g_autoptr(GError) error = NULL;
  JsonArray *audit;

  vertebro_patient_set_text (patient, "patient.name", "Jane Roe");
  g_assert_false (vertebro_document_save (document, nowhere, VERTEBRO_SAVE_DEFAULT, "Dr A", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  audit = vertebro_patient_get_audit (patient);
  g_assert_true (audit == NULL || json_array_get_length (audit) == 0);
  g_assert_true (vertebro_document_get_modified (document));
  g_assert_null (vertebro_document_get_file (document));

  g_assert_true (vertebro_document_save (document, file, VERTEBRO_SAVE_DEFAULT, "Dr A", &error));
  g_assert_no_error (error);
  g_assert_false (vertebro_document_get_modified (document));
  g_assert_false (vertebro_document_is_pristine (document));
  g_assert_true (g_file_equal (vertebro_document_get_file (document), file));
  audit = vertebro_patient_get_audit (patient);
  g_assert_cmpuint (json_array_get_length (audit), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (audit, 0), "event"), ==, "saved");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (audit, 0), "by"), ==, "Dr A");

  /* Nothing the trail records changed: no second entry. */
  vertebro_patient_set_text (patient, "patient.name", "Jane Q. Roe");
  g_assert_true (vertebro_document_save (document, file, VERTEBRO_SAVE_DEFAULT, "Dr A", &error));
  g_assert_cmpuint (json_array_get_length (vertebro_patient_get_audit (patient)), ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
flag_set (gpointer data)
{
  return *(guint *) data > 0;
}

static void
on_changed_on_disk (VertebroDocument *document,
                    guint            *n)
{
  (*n)++;
}

/* Someone else's save is noticed (and said), and so is a deleted file. */
static void
test_conflict (void)
{
  g_autofree char *dir = temp_dir ();
  g_autoptr(GFile) file = copy_example ("metastatic-review.vertebro", dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroDocument) document = vertebro_document_new_for_file (rules, file, &error);
  g_autofree char *text = NULL;
  guint said = 0;

  g_assert_no_error (error);
  g_signal_connect (document, "changed-on-disk", G_CALLBACK (on_changed_on_disk), &said);
  g_assert_cmpint (vertebro_document_check_disk (document), ==, VERTEBRO_DISK_SAME);

  g_assert_true (g_file_get_contents (g_file_peek_path (file), &text, NULL, NULL));
  g_assert_true (g_file_set_contents (g_file_peek_path (file), text, strlen (text) - 1, NULL));
  g_assert_cmpint (vertebro_document_check_disk (document), ==, VERTEBRO_DISK_CHANGED);
  g_assert_true (wait_until (flag_set, &said));

  /* Saving again makes the file this document's again. */
  g_assert_true (vertebro_document_save (document, file, VERTEBRO_SAVE_DEFAULT, "Dr A", &error));
  g_assert_cmpint (vertebro_document_check_disk (document), ==, VERTEBRO_DISK_SAME);

  g_assert_cmpint (g_unlink (g_file_peek_path (file)), ==, 0);
  g_assert_cmpint (vertebro_document_check_disk (document), ==, VERTEBRO_DISK_GONE);
  g_rmdir (dir);
}

static void
test_recover_and_decide (void)
{
  g_autoptr(GFile) origin = example ("metastatic-review.vertebro");
  g_autoptr(VertebroPatient) patient = vertebro_patient_new_from_file (origin, NULL, NULL);
  g_autoptr(VertebroDocument) document = vertebro_document_new (rules, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *audit;
  guint n_entries;

  g_assert_nonnull (patient);
  vertebro_document_set_draft_delay (document, 60000);
  vertebro_document_recover (document, patient, origin);
  g_assert_true (vertebro_document_get_patient (document) == patient);
  g_assert_true (vertebro_document_get_modified (document));
  g_assert_true (g_file_equal (vertebro_document_get_file (document), origin));
  g_assert_cmpint (vertebro_assessment_get_verdict (vertebro_document_get_assessment (document)), ==,
                   VERTEBRO_VERDICT_REVIEW);

  audit = vertebro_patient_get_audit (patient);
  n_entries = audit != NULL ? json_array_get_length (audit) : 0;
  g_assert_true (json_parser_load_from_data (parser, "{\"outcome\": \"proceed\", \"reason\": \"Discussed at the "
                                             "tumour board\", \"at\": \"2026-12-07T09:00:00Z\"}", -1, NULL));
  vertebro_document_record_decision (document, json_node_get_object (json_parser_get_root (parser)), "Dr B");
  audit = vertebro_patient_get_audit (patient);
  g_assert_cmpuint (json_array_get_length (audit), ==, n_entries + 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (audit, n_entries), "event"), ==,
                   "decision");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (audit, n_entries), "by"), ==,
                   "Dr B");
  g_assert_nonnull (vertebro_patient_get_decision (patient));
  vertebro_document_discard_changes (document);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Drafts go to a state folder of the test's own, set before GLib reads
   * the environment. */
  state_dir = temp_dir ();
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);
  g_test_init (&argc, &argv, NULL);

  rules = vertebro_ruleset_new_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/document/new", test_new);
  g_test_add_func ("/document/one-evaluation-per-change", test_one_evaluation_per_change);
  g_test_add_func ("/document/load", test_load);
  g_test_add_func ("/document/draft", test_draft);
  g_test_add_func ("/document/save", test_save);
  g_test_add_func ("/document/conflict", test_conflict);
  g_test_add_func ("/document/recover-and-decide", test_recover_and_decide);

  status = g_test_run ();
  g_object_unref (rules);
  return status;
}
