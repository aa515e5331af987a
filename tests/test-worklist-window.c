/* test-worklist-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worklist window under Xvfb (issue 16): it lists exactly the folder's
 * patient files in the worklist's order, follows the folder while files are
 * created, changed, renamed and deleted by someone else, filters and
 * searches, opens a patient (and a refused file's message), and shows its
 * first rows of 10,000 files before it has read them all.
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "vertebro-application.h"
#include "vertebro-test-run.h"
#include "vertebro-test-window.h"
#include "vertebro-window-private.h"
#include "vertebro-worklist-window.h"

static VertebroApplication *app;
static char *template;  /* examples/eligible-osteoporotic.vertebro */

static char *
patient_text (const char *name,
              const char *planned)
{
  g_autoptr(GString) text = g_string_new (template);

  g_assert_cmpuint (g_string_replace (text, "\"Margaret Fictional\"", name, 1), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "\"2026-11-28\"", planned, 1), ==, 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
write_patient (const char *dir,
               const char *file,
               const char *name,      /* JSON, quoted */
               const char *planned)   /* JSON: "\"2026-12-01\"" or "null" */
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *text = patient_text (name, planned);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
write_text (const char *dir,
            const char *file,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static gboolean
on_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Predicate) (gpointer data);

/* Runs the main loop until @done says so, for at most @seconds. */
static gboolean
wait_until (Predicate done,
            gpointer  data,
            double    seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint wake = g_timeout_add (20, on_wake, NULL);
  gboolean ok;

  while (!(ok = done (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  return ok;
}

static gboolean
is_idle (gpointer data)
{
  return !vertebro_worklist_window_is_busy (data);
}

/* The files of the list, in its order, joined with spaces. */
static char *
listed (GListModel *model)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VertebroWorklistItem) item = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, vertebro_worklist_row_get_file (vertebro_worklist_item_get_row (item)));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct {
  VertebroWorklistWindow *window;
  const char             *expected;
} ListedQuery;

static gboolean
lists (gpointer data)
{
  ListedQuery *q = data;
  g_autofree char *now = listed (vertebro_worklist_window_get_model (q->window));

  return !vertebro_worklist_window_is_busy (q->window) && g_str_equal (now, q->expected);
}

static void
assert_lists (VertebroWorklistWindow *window,
              const char             *expected)
{
  ListedQuery q = { window, expected };

  if (!wait_until (lists, &q, 10))
    {
      g_autofree char *now = listed (vertebro_worklist_window_get_model (window));

      g_test_message ("listed: %s", now);
      g_test_message ("expected: %s", expected);
    }
  g_assert_true (lists (&q));
}

static VertebroWorklistRow *
row_of (VertebroWorklistWindow *window,
        const char             *file)
{
  GListModel *model = vertebro_worklist_window_get_all (window);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VertebroWorklistItem) item = g_list_model_get_item (model, i);
      VertebroWorklistRow *row = vertebro_worklist_item_get_row (item);

      if (g_str_equal (vertebro_worklist_row_get_file (row), file))
        return row;
    }
  return NULL;
}

static char *
make_folder (void)
{
  char *dir = vertebro_test_make_tmp_dir ("vertebro-worklist-window");

  write_patient (dir, "ann.vertebro", "\"Ann Early\"", "\"2027-01-10\"");
  write_patient (dir, "bob.vertebro", "\"Bob Later\"", "\"2027-02-10\"");
  write_patient (dir, "cy.vertebro", "\"Cy Undated\"", "null");
  write_text (dir, "broken.vertebro", "{ not json");
  write_text (dir, "notes.txt", "not a patient");
  return dir;
}

static VertebroWorklistWindow *
open_worklist (const char *dir)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  VertebroWorklistWindow *window = vertebro_worklist_window_new (ADW_APPLICATION (app), vertebro_application_get_rules (app), folder);

  vertebro_test_present (GTK_WINDOW (window));
  return window;
}

static void
close_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  vertebro_test_spin ();
}

/* Someone else changes the folder while it is shown: the list follows. */
static void
test_live (void)
{
  g_autofree char *dir = make_folder ();
  VertebroWorklistWindow *window = open_worklist (dir);
  g_autofree char *bob = g_build_filename (dir, "bob.vertebro", NULL);
  g_autofree char *bert = g_build_filename (dir, "bert.vertebro", NULL);
  g_autofree char *cy = g_build_filename (dir, "cy.vertebro", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.vertebro", NULL);
  VertebroWorklistRow *row;
  VertebroVerdict verdict;

  assert_lists (window, "ann.vertebro bob.vertebro broken.vertebro cy.vertebro");
  row = row_of (window, "broken.vertebro");
  g_assert_false (vertebro_worklist_row_get_verdict (row, &verdict));
  g_assert_nonnull (strstr (vertebro_worklist_row_get_error (row), "not valid JSON"));

  /* Created. */
  write_patient (dir, "dee.vertebro", "\"Dee New\"", "\"2027-01-01\"");
  assert_lists (window, "dee.vertebro ann.vertebro bob.vertebro broken.vertebro cy.vertebro");

  /* Changed: Ann's procedure moves after Bob's, and she is renamed. */
  write_patient (dir, "ann.vertebro", "\"Ann Moved\"", "\"2027-03-01\"");
  assert_lists (window, "dee.vertebro bob.vertebro ann.vertebro broken.vertebro cy.vertebro");
  g_assert_cmpstr (vertebro_worklist_row_get_name (row_of (window, "ann.vertebro")), ==, "Ann Moved");

  /* Renamed, deleted, repaired; other files still ignored. */
  g_assert_cmpint (g_rename (bob, bert), ==, 0);
  g_assert_cmpint (g_remove (cy), ==, 0);
  write_patient (dir, "broken.vertebro", "\"Fixed Now\"", "\"2027-01-05\"");
  write_text (dir, "other.txt", "still not a patient");
  assert_lists (window, "dee.vertebro broken.vertebro bert.vertebro ann.vertebro");
  g_assert_true (vertebro_worklist_row_get_verdict (row_of (window, "broken.vertebro"), &verdict));

  /* Broken again, by someone else: listed with its error, never hidden. */
  write_text (dir, "broken.vertebro", "[");
  assert_lists (window, "dee.vertebro bert.vertebro ann.vertebro broken.vertebro");
  g_assert_nonnull (vertebro_worklist_row_get_error (row_of (window, "broken.vertebro")));
  g_assert_cmpuint (g_list_model_get_n_items (vertebro_worklist_window_get_all (window)), ==, 4);

  close_window (GTK_WIDGET (window));
  vertebro_test_remove_tree (dir);
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (data));
}

static GtkWidget *
find (VertebroWorklistWindow *window,
      GType                   type)
{
  GtkWidget *widget = vertebro_test_find_widget (GTK_WIDGET (window), is_type, GSIZE_TO_POINTER (type));

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
is_week_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
         strstr (gtk_button_get_label (GTK_BUTTON (widget)), "_Week") != NULL;
}

/* Search, the verdict filter and "this week", as a user sets them. */
static void
test_filters (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-worklist-filters");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon_date = g_date_time_add_days (now, 8);
  g_autoptr(GDateTime) later_date = g_date_time_add_days (now, 60);
  g_autofree char *soon = g_date_time_format (soon_date, "\"%Y-%m-%d\"");
  g_autofree char *later = g_date_time_format (later_date, "\"%Y-%m-%d\"");
  VertebroWorklistWindow *window;
  GtkWidget *search, *verdicts, *week;

  /* Clopidogrel stops 5 days before: in 3 days for "soon", in 55 for "later". */
  write_patient (dir, "soon.vertebro", "\"Sam Soon\"", soon);
  write_patient (dir, "later.vertebro", "\"Lou Later\"", later);
  write_text (dir, "broken.vertebro", "{");
  window = open_worklist (dir);
  assert_lists (window, "soon.vertebro later.vertebro broken.vertebro");

  search = find (window, GTK_TYPE_SEARCH_ENTRY);
  verdicts = find (window, GTK_TYPE_DROP_DOWN);
  week = vertebro_test_find_widget (GTK_WIDGET (window), is_week_button, NULL);
  g_assert_nonnull (week);

  gtk_editable_set_text (GTK_EDITABLE (search), "lou");
  assert_lists (window, "later.vertebro");
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  assert_lists (window, "soon.vertebro later.vertebro broken.vertebro");

  /* The last choice is the files that were not read. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (verdicts),
                              g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (verdicts))) - 1);
  assert_lists (window, "broken.vertebro");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (verdicts), 1 + VERTEBRO_VERDICT_ELIGIBLE);
  assert_lists (window, "soon.vertebro later.vertebro");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (verdicts), 0);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (week), TRUE);
  assert_lists (window, "soon.vertebro");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (week), FALSE);
  assert_lists (window, "soon.vertebro later.vertebro broken.vertebro");

  close_window (GTK_WIDGET (window));
  vertebro_test_remove_tree (dir);
}

static gboolean
is_patient_window (gpointer data)
{
  return vertebro_test_find_toplevel (VERTEBRO_TYPE_WINDOW) != NULL;
}

static gboolean
is_dialog (gpointer data)
{
  return vertebro_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
row_named_bob_saved (gpointer data)
{
  VertebroWorklistRow *row = row_of (data, "bob.vertebro");

  return row != NULL && g_strcmp0 (vertebro_worklist_row_get_name (row), "Bob Saved") == 0;
}

/* Activating a row opens that patient, and saving it updates its row; a
 * refused file opens to its message. */
static void
test_open_row (void)
{
  g_autofree char *dir = make_folder ();
  VertebroWorklistWindow *window = open_worklist (dir);
  GtkWidget *patient_window, *dialog;
  g_autofree char *opened = NULL;
  g_autofree char *bob = g_build_filename (dir, "bob.vertebro", NULL);

  assert_lists (window, "ann.vertebro bob.vertebro broken.vertebro cy.vertebro");
  vertebro_worklist_window_open_row (window, 1);
  g_assert_true (wait_until (is_patient_window, NULL, 5));
  patient_window = vertebro_test_find_toplevel (VERTEBRO_TYPE_WINDOW);
  opened = g_file_get_path (vertebro_window_get_file (VERTEBRO_WINDOW (patient_window)));
  g_assert_cmpstr (opened, ==, bob);

  /* Saving the patient updates its row. */
  vertebro_patient_set_text (vertebro_window_get_patient (VERTEBRO_WINDOW (patient_window)), "patient.name", "Bob Saved");
  gtk_widget_activate_action (patient_window, "win.save", NULL);
  g_assert_true (wait_until (row_named_bob_saved, window, 10));

  vertebro_worklist_window_open_row (window, 2);
  g_assert_true (wait_until (is_dialog, NULL, 5));
  dialog = vertebro_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "not valid JSON"));

  close_window (dialog);
  close_window (patient_window);
  close_window (GTK_WIDGET (window));
  vertebro_test_remove_tree (dir);
}

typedef struct {
  VertebroWorklistWindow *window;
  guint                   n;
} CountQuery;

static gboolean
has_first_rows (gpointer data)
{
  CountQuery *q = data;

  return g_list_model_get_n_items (vertebro_worklist_window_get_model (q->window)) > 0;
}

static gboolean
on_tick (gpointer data)
{
  *(gint64 *) data = g_get_monotonic_time ();
  return G_SOURCE_CONTINUE;
}

/* 10,000 files: the first rows show while the rest are still read, the
 * main loop keeps turning, and in the end every file is listed. */
static void
test_many (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-worklist-many");
  const guint n = 10000;
  VertebroWorklistWindow *window;
  CountQuery q;
  gint64 last, longest = 0;
  guint tick;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *file = g_strdup_printf ("p%05u.vertebro", i);
      g_autofree char *name = g_strdup_printf ("\"Patient %u\"", i);
      g_autofree char *planned = g_strdup_printf ("\"2027-%02u-%02u\"", 1 + i % 12, 1 + i % 28);

      write_patient (dir, file, name, planned);
    }

  window = open_worklist (dir);
  q.window = window;
  q.n = n;
  g_assert_true (wait_until (has_first_rows, &q, 30));
  g_test_message ("first rows while busy: %d", vertebro_worklist_window_is_busy (window));
  g_assert_true (vertebro_worklist_window_is_busy (window));

  /* A tick every 10 ms: how late it comes is how long the main loop was
   * held up, as a user typing in the search would feel it. */
  last = g_get_monotonic_time ();
  tick = g_timeout_add (10, on_tick, &last);
  while (vertebro_worklist_window_is_busy (window))
    {
      g_main_context_iteration (NULL, TRUE);
      longest = MAX (longest, g_get_monotonic_time () - last);
    }
  g_source_remove (tick);
  g_test_message ("longest wait for the main loop while reading: %" G_GINT64_FORMAT " ms", longest / 1000);
  g_assert_cmpuint (g_list_model_get_n_items (vertebro_worklist_window_get_model (window)), ==, n);

  close_window (GTK_WIDGET (window));
  vertebro_test_remove_tree (dir);
}

/* A folder that is not there says so, in the window. */
static void
test_missing_folder (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-worklist-missing");
  g_autofree char *missing = g_build_filename (dir, "gone", NULL);
  VertebroWorklistWindow *window = open_worklist (missing);
  GtkWidget *status;

  g_assert_true (wait_until (is_idle, window, 10));
  status = find (window, ADW_TYPE_STATUS_PAGE);
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "Folder Not Read");

  close_window (GTK_WIDGET (window));
  vertebro_test_remove_tree (dir);
}

/* ---- No update lost: two documents on one file ---- */

static VertebroWindow *
open_document (const char *path)
{
  VertebroWindow *window = vertebro_application_new_window (app, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  vertebro_test_present (GTK_WINDOW (window));
  g_assert_true (vertebro_window_load_file (window, file, &error));
  g_assert_no_error (error);
  vertebro_test_spin ();
  return window;
}

static char *
file_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
set_name (VertebroWindow *window,
          const char     *name)
{
  vertebro_patient_set_text (vertebro_window_get_patient (window), "patient.name", name);
  vertebro_test_spin ();
  g_assert_true (vertebro_window_get_modified (window));
}

static gboolean
has_label (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static AdwMessageDialog *
conflict_dialog (const char *heading)
{
  GtkWidget *dialog = vertebro_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  /* As a click on its button: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  vertebro_test_spin ();
  g_assert_null (vertebro_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* A saves, then B saves: B is stopped and offered the choices, and the file
 * keeps A's change until B's user decides. */
static void
test_two_writers (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-two-writers");
  g_autofree char *path = g_build_filename (dir, "shared.vertebro", NULL);
  VertebroWindow *a, *b;
  AdwMessageDialog *dialog;
  g_autofree char *after_a = NULL;
  g_autofree char *after_cancel = NULL;
  g_autofree char *after_yours = NULL;

  write_patient (dir, "shared.vertebro", "\"Original Name\"", "\"2027-01-10\"");
  a = open_document (path);
  b = open_document (path);

  set_name (b, "Name By B");
  set_name (a, "Name By A");
  gtk_widget_activate_action (GTK_WIDGET (a), "win.save", NULL);
  vertebro_test_spin ();
  g_assert_false (vertebro_window_get_modified (a));
  after_a = file_text (path);
  g_assert_nonnull (strstr (after_a, "Name By A"));

  /* B saves: stopped, with what changed field by field. */
  gtk_widget_activate_action (GTK_WIDGET (b), "win.save", NULL);
  dialog = conflict_dialog ("File Changed on Disk");
  gtk_expander_set_expanded (GTK_EXPANDER (vertebro_test_find_widget (GTK_WIDGET (dialog), is_type,
                                                                      GSIZE_TO_POINTER (GTK_TYPE_EXPANDER))), TRUE);
  g_assert_nonnull (vertebro_test_find_widget (GTK_WIDGET (dialog), has_label,
                                               "patient.name: \"Name By A\" → \"Name By B\""));
  g_assert_true (vertebro_window_get_modified (b));
  g_assert_cmpstr (after_cancel = file_text (path), ==, after_a);

  /* Cancel: nothing written; saving again asks again. */
  answer (dialog, "cancel");
  g_free (after_cancel);
  g_assert_cmpstr (after_cancel = file_text (path), ==, after_a);
  gtk_widget_activate_action (GTK_WIDGET (b), "win.save", NULL);
  dialog = conflict_dialog ("File Changed on Disk");

  /* Keep theirs: B shows A's version, unmodified. */
  answer (dialog, "theirs");
  g_assert_cmpstr (vertebro_patient_get_text (vertebro_window_get_patient (b), "patient.name"), ==, "Name By A");
  g_assert_false (vertebro_window_get_modified (b));

  /* Now A is behind B: B changes and saves; A's next save asks, and
   * "keep yours" overwrites. */
  set_name (b, "Name By B Again");
  gtk_widget_activate_action (GTK_WIDGET (b), "win.save", NULL);
  vertebro_test_spin ();
  g_assert_false (vertebro_window_get_modified (b));
  set_name (a, "Name By A Again");
  gtk_widget_activate_action (GTK_WIDGET (a), "win.save", NULL);
  dialog = conflict_dialog ("File Changed on Disk");
  g_assert_nonnull (strstr (after_yours = file_text (path), "Name By B Again"));
  answer (dialog, "yours");
  g_free (after_yours);
  g_assert_nonnull (strstr (after_yours = file_text (path), "Name By A Again"));
  g_assert_false (vertebro_window_get_modified (a));

  close_window (GTK_WIDGET (a));
  close_window (GTK_WIDGET (b));
  vertebro_test_remove_tree (dir);
}

typedef struct {
  VertebroWindow *window;
  const char     *name;
} NameQuery;

static gboolean
shows_name (gpointer data)
{
  NameQuery *q = data;

  return g_strcmp0 (vertebro_patient_get_text (vertebro_window_get_patient (q->window), "patient.name"), q->name) == 0;
}

/* An open, unmodified document follows an outside edit. */
static void
test_outside_edit_reloads (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-outside-edit");
  g_autofree char *path = g_build_filename (dir, "p.vertebro", NULL);
  VertebroWindow *window;
  NameQuery q;

  write_patient (dir, "p.vertebro", "\"Before\"", "\"2027-01-10\"");
  window = open_document (path);
  write_patient (dir, "p.vertebro", "\"Edited Elsewhere\"", "\"2027-01-10\"");
  q.window = window;
  q.name = "Edited Elsewhere";
  g_assert_true (wait_until (shows_name, &q, 10));
  g_assert_false (vertebro_window_get_modified (window));

  close_window (GTK_WIDGET (window));
  vertebro_test_remove_tree (dir);
}

static gboolean
says_changed_on_disk (gpointer data)
{
  return vertebro_test_find_widget (data, has_label, "was changed on disk by someone else") != NULL;
}

/* An open document with unsaved changes keeps them when the file changes
 * on disk, and says the file changed. */
static void
test_outside_edit_while_modified (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-outside-edit-modified");
  g_autofree char *path = g_build_filename (dir, "p.vertebro", NULL);
  VertebroWindow *window;

  write_patient (dir, "p.vertebro", "\"Before\"", "\"2027-01-10\"");
  window = open_document (path);
  set_name (window, "Mine, Unsaved");
  write_patient (dir, "p.vertebro", "\"Edited Elsewhere\"", "\"2027-01-10\"");
  g_assert_true (wait_until (says_changed_on_disk, window, 10));
  g_assert_true (vertebro_window_get_modified (window));
  g_assert_cmpstr (vertebro_patient_get_text (vertebro_window_get_patient (window), "patient.name"), ==,
                   "Mine, Unsaved");

  close_window (GTK_WIDGET (window));
  vertebro_test_remove_tree (dir);
}

/* A file deleted under an open document is written again only when asked. */
static void
test_deleted_under_document (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-deleted");
  g_autofree char *path = g_build_filename (dir, "p.vertebro", NULL);
  VertebroWindow *window;
  AdwMessageDialog *dialog;

  write_patient (dir, "p.vertebro", "\"Someone\"", "\"2027-01-10\"");
  window = open_document (path);
  set_name (window, "Someone Else");
  g_assert_cmpint (g_remove (path), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  dialog = conflict_dialog ("File No Longer There");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  answer (dialog, "cancel");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (vertebro_window_get_modified (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  dialog = conflict_dialog ("File No Longer There");
  answer (dialog, "yours");
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (vertebro_window_get_modified (window));

  close_window (GTK_WIDGET (window));
  vertebro_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *template_path = NULL;
  g_autofree char *state = vertebro_test_make_tmp_dir ("vertebro-state");
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  template_path = g_build_filename (g_getenv ("VERTEBRO_EXAMPLES"), "eligible-osteoporotic.vertebro", NULL);
  g_file_get_contents (template_path, &template, NULL, &error);
  g_assert_no_error (error);

  app = vertebro_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/worklist-window/live", test_live);
  g_test_add_func ("/worklist-window/filters", test_filters);
  g_test_add_func ("/worklist-window/open-row", test_open_row);
  g_test_add_func ("/worklist-window/missing-folder", test_missing_folder);
  g_test_add_func ("/worklist-window/10000-files", test_many);
  g_test_add_func ("/document/two-writers", test_two_writers);
  g_test_add_func ("/document/outside-edit-reloads", test_outside_edit_reloads);
  g_test_add_func ("/document/outside-edit-while-modified", test_outside_edit_while_modified);
  g_test_add_func ("/document/deleted", test_deleted_under_document);

  status = g_test_run ();
  g_clear_object (&app);
  g_free (template);
  vertebro_test_remove_tree (state);
  return status;
}
