/* test-data-loss.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No document is lost:
 *
 *  - a process that saves two documents in turn over the same file is
 *    killed with SIGKILL at random moments, hundreds of times; after each
 *    kill the file is the complete old or the complete new document, and
 *    opens; what an interrupted save left beside it, the next save removes;
 *  - a save into a full file system (a 64 KiB tmpfs, mounted in a mount
 *    namespace of a child process so that nothing outlives the test) fails
 *    with a message and leaves the old file as it was; where mounting is
 *    not permitted the test is skipped and says why;
 *  - the draft of a window with unsaved changes survives a SIGKILL, and the
 *    next start of the application offers it back, with or without files
 *    to open; Recover gives a window
 *    with those changes, still unsaved (test-window tests the drafts
 *    themselves; this is the offer at start-up).
 *
 * Run under Xvfb like test-window (build-aux/dev test).
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sys/file.h>
#include <utime.h>
#include <glib/gstdio.h>

#include "vertebro-application.h"
#include "vertebro-drafts.h"
#include "vertebro-window-private.h"
#include "vertebro-test-run.h"
#include "vertebro-test-window.h"

/* The number of kills, each somewhere in the first few saves; fewer with
 * VERTEBRO_KILLS (the sanitizer build, where every start is slow). */
#define N_KILLS 250

/* Exit status of a child that could not set up what it tests. */
#define EXIT_SKIP 77

static const char doc_a[] =
  "{\"format\": \"vertebro-patient\", \"version\": 1,"
  " \"patient\": {\"name\": \"Document A\", \"sex\": \"male\"},"
  " \"labs\": {\"inr\": 1.1, \"platelets\": 210000},"
  " \"levels\": [{\"level\": \"L2\", \"acuity\": \"unhealed\"}]}";

/* Larger than A, so that a torn write would show. */
static const char doc_b[] =
  "{\"format\": \"vertebro-patient\", \"version\": 1,"
  " \"patient\": {\"name\": \"Document B\", \"sex\": \"female\", \"birth_date\": \"1950-05-05\"},"
  " \"history\": {\"etiology\": \"osteoporotic\", \"pain_nrs\": 7, \"radiculopathy\": false},"
  " \"labs\": {\"inr\": 1.7, \"platelets\": 45000, \"creatinine_umol_l\": 90},"
  " \"antithrombotics\": [{\"drug\": \"warfarin\", \"held\": 3}],"
  " \"levels\": [{\"level\": \"T12\", \"collapse_percent\": 30}, {\"level\": \"L1\"}]}";

static VertebroApplication *app;

static VertebroPatient *
patient_from (const char *text,
              gsize       notes_size)
{
  g_autoptr(GError) error = NULL;
  VertebroPatient *patient = vertebro_patient_new_from_data (text, strlen (text), &error);

  g_assert_no_error (error);
  if (notes_size > 0)
    {
      g_autofree char *notes = g_malloc (notes_size + 1);

      memset (notes, 'n', notes_size);
      notes[notes_size] = '\0';
      vertebro_patient_set_text (patient, "notes", notes);
    }
  return patient;
}

/* ---- SIGKILL during saves ---- */

/* The child: saves A and B in turn over @path until it is killed. */
static int
save_loop (const char *path)
{
  g_autoptr(VertebroPatient) a = patient_from (doc_a, 0);
  g_autoptr(VertebroPatient) b = patient_from (doc_b, 20000);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* The parent's signal to start the clock. */
  if (write (STDOUT_FILENO, "r", 1) != 1)
    return 1;
  for (;;)
    {
      g_autoptr(GError) error = NULL;

      if (!vertebro_patient_save (a, file, &error) || !vertebro_patient_save (b, file, &error))
        g_error ("%s", error->message);
    }
}

/* Files in @dir other than @keep: temporary files of interrupted saves,
 * named so that the next save of @keep removes them once they are old
 * (test-patient tests that). Makes them old. */
static guint
age_others (const char *dir,
            const char *keep,
            GHashTable *seen)
{
  g_autofree char *prefix = g_strconcat (".", keep, ".vertebro-save-", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  struct utimbuf two_minutes_ago = { time (NULL) - 120, time (NULL) - 120 };
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_str_equal (name, keep))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        if (!g_str_has_prefix (name, prefix))
          g_error ("an interrupted save left %s, which no later save removes", name);
        g_assert_cmpint (g_utime (path, &two_minutes_ago), ==, 0);
        /* Counted once, though a child killed early may not have removed it. */
        if (g_hash_table_add (seen, g_strdup (name)))
          n++;
      }
  return n;
}

static void
test_sigkill_during_saves (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vertebro-kill-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "case.vertebro", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(VertebroPatient) a = patient_from (doc_a, 0);
  g_autoptr(VertebroPatient) b = patient_from (doc_b, 20000);
  g_autofree char *data_a = vertebro_patient_to_data (a);
  g_autofree char *data_b = vertebro_patient_to_data (b);
  const char *self = g_test_get_filename (G_TEST_BUILT, "test-data-loss", NULL);
  const char *argv[] = { self, "--save-loop", path, NULL };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint seen_a = 0, seen_b = 0, interrupted = 0;
  guint n_kills = g_getenv ("VERTEBRO_KILLS") != NULL ? (guint) g_ascii_strtoull (g_getenv ("VERTEBRO_KILLS"), NULL, 10) : N_KILLS;
  gint64 start, cycle;

  g_assert_no_error (error);

  /* How long one save of A and one of B take here, to spread the kills
   * over the first three of them. */
  start = g_get_monotonic_time ();
  for (int i = 0; i < 10; i++)
    {
      g_assert_true (vertebro_patient_save (a, file, &error));
      g_assert_true (vertebro_patient_save (b, file, &error));
    }
  cycle = MAX ((g_get_monotonic_time () - start) / 10, 100);
  g_assert_true (vertebro_patient_save (a, file, &error));
  g_test_message ("one save of A and one of B: %" G_GINT64_FORMAT " µs", cycle);

  g_assert_cmpuint (n_kills, >, 0);
  for (guint i = 0; i < n_kills; i++)
    {
      g_autofree char *on_disk = NULL;
      g_autoptr(VertebroPatient) opened = NULL;
      GPid pid;
      int out, status;
      char ready;
      GStatBuf st;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (read (out, &ready, 1), ==, 1);
      g_usleep (g_rand_int_range (rand, 0, 3 * cycle));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      close (out);
      g_spawn_close_pid (pid);

      g_assert_true (g_file_get_contents (path, &on_disk, NULL, &error));
      g_assert_no_error (error);
      if (g_str_equal (on_disk, data_a))
        seen_a++;
      else if (g_str_equal (on_disk, data_b))
        seen_b++;
      else
        g_error ("after kill %u the file is neither document:\n%s", i, on_disk);
      opened = vertebro_patient_new_from_file (file, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);

      /* What the kill left, the next child's first save removes. */
      interrupted += age_others (dir, "case.vertebro", seen);
    }

  g_test_message ("%u kills: %u times A, %u times B on disk; %u saves killed before their rename",
                  n_kills, seen_a, seen_b, interrupted);
  /* Nothing with the patient's data is left once the document is saved. */
  age_others (dir, "case.vertebro", seen);
  g_assert_true (vertebro_patient_save (a, file, &error));
  g_assert_cmpuint (vertebro_test_count_entries (dir), ==, 1);
  /* The kills landed at many points: between saves of either document and
   * in the middle of saves (a temporary file was left behind). */
  g_assert_cmpuint (seen_a, >, 0);
  g_assert_cmpuint (seen_b, >, 0);
  g_assert_cmpuint (interrupted, >, 0);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- A full file system ---- */

/* The child, in a mount namespace of its own: a 64 KiB tmpfs on @dir, a
 * document saved there, the file system filled up, and a larger document
 * saved over the first. */
static int
full_disk (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "case.vertebro", NULL);
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(VertebroPatient) a = patient_from (doc_a, 0);
  g_autoptr(VertebroPatient) b = patient_from (doc_b, 20000);
  g_autofree char *data_a = vertebro_patient_to_data (a);
  g_autofree char *data_b = vertebro_patient_to_data (b);
  g_autofree char *on_disk = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  char block[4096];
  int fd;
  ssize_t written;

  if (mount ("vertebro-test", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0700") != 0)
    {
      g_printerr ("mounting a tmpfs is not permitted here: %s\n", g_strerror (errno));
      return EXIT_SKIP;
    }

  g_assert_true (vertebro_patient_save (a, file, &error));
  g_assert_no_error (error);

  memset (block, 'x', sizeof block);
  fd = g_open (filler, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  while ((written = write (fd, block, sizeof block)) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  /* What is left is less than a block: any partial write fills it. */
  while ((written = write (fd, block, 1)) > 0)
    ;
  close (fd);

  g_assert_false (vertebro_patient_save (b, file, &error));
  g_assert_nonnull (error);
  g_printerr ("refused as it should be: %s\n", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "not saved"));
  g_clear_error (&error);

  /* The old document is there, whole, and nothing else was left behind. */
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, &error));
  g_assert_cmpstr (on_disk, ==, data_a);
  d = g_dir_open (dir, 0, &error);
  for (const char *name; (name = g_dir_read_name (d)) != NULL;)
    if (!g_str_equal (name, "case.vertebro") && !g_str_equal (name, "filler"))
      g_error ("%s was left behind by the failed save", name);

  /* With room again, the same save succeeds. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_assert_true (vertebro_patient_save (b, file, &error));
  g_assert_no_error (error);
  g_clear_pointer (&on_disk, g_free);
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, &error));
  g_assert_cmpstr (on_disk, ==, data_b);

  /* The tmpfs goes away with this process's mount namespace. */
  return 0;
}

static void
test_full_disk (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vertebro-full-XXXXXX", &error);
  const char *self = g_test_get_filename (G_TEST_BUILT, "test-data-loss", NULL);
  /* As root, a mount namespace; otherwise a user namespace with one, where
   * the kernel allows it. */
  const char *root_argv[] = { "unshare", "--mount", "--propagation", "private", self, "--full-disk", dir, NULL };
  const char *user_argv[] = { "unshare", "--user", "--map-root-user", "--mount", "--propagation", "private",
                              self, "--full-disk", dir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) (geteuid () == 0 ? root_argv : user_argv), NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  if (WIFEXITED (status) && WEXITSTATUS (status) == EXIT_SKIP)
    {
      g_test_skip ("mounting a small tmpfs is not permitted here, so a full disk cannot be made");
      return;
    }
  if (WIFEXITED (status) && WEXITSTATUS (status) == 1 && g_str_has_prefix (err, "unshare:"))
    {
      g_autofree char *why = g_strdup_printf ("no mount namespace for a small tmpfs here (%s)", g_strstrip (err));

      g_test_skip (why);
      return;
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* ---- A draft survives SIGKILL and is offered back ---- */

/* The child: a document with an unsaved change, its draft written, then
 * SIGKILL. */
static void
test_draft_child (void)
{
  g_autofree char *example = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  VertebroWindow *window;

  if (!g_test_subprocess ())
    return;

  example = g_build_filename (g_getenv ("VERTEBRO_EXAMPLES"), "eligible-osteoporotic.vertebro", NULL);
  file = g_file_new_for_path (example);
  window = vertebro_application_new_window (app, NULL);
  vertebro_test_present (GTK_WINDOW (window));
  g_assert_true (vertebro_window_load_file (window, file, &error));
  vertebro_test_spin ();
  vertebro_patient_set_number (vertebro_window_get_patient (window), "labs.inr", 1.35);
  vertebro_test_spin ();
  vertebro_window_flush_draft (window);
  g_assert_nonnull (vertebro_window_get_draft_path (window));
  kill (getpid (), SIGKILL);
}

static AdwMessageDialog *
find_dialog (void)
{
  return ADW_MESSAGE_DIALOG (vertebro_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static void
test_draft_offered (void)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GList) windows = NULL;
  g_autofree char *leftover = NULL;
  AdwMessageDialog *dialog;
  VertebroWindow *recovered = NULL;

  g_test_trap_subprocess ("/data-loss/draft/child", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  drafts = vertebro_drafts_find_orphaned ();
  g_assert_cmpuint (drafts->len, ==, 1);

  /* A draft write the kill interrupted leaves GLib's temporary file beside
   * the draft, with the patient's data in it: looking for drafts removes
   * it, and keeps the draft and its origin. */
  leftover = g_strconcat (((VertebroDraft *) g_ptr_array_index (drafts, 0))->path, ".Ab12Cd", NULL);
  g_assert_true (g_file_set_contents (leftover, "{\"format\": \"vertebro-", -1, NULL));
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = vertebro_drafts_find_orphaned ();
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
  g_assert_nonnull (((VertebroDraft *) g_ptr_array_index (drafts, 0))->origin);
  /* Looking holds the drafts' locks; the application looks again. */
  g_clear_pointer (&drafts, g_ptr_array_unref);

  /* The next start: the application is activated as `vertebro` would be. */
  g_application_activate (G_APPLICATION (app));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Recover Unsaved Changes?");
  adw_message_dialog_response (dialog, "recover");
  vertebro_test_spin ();
  vertebro_test_spin ();

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  for (GList *l = windows; l != NULL; l = l->next)
    if (VERTEBRO_IS_WINDOW (l->data) &&
        vertebro_patient_get_number (vertebro_window_get_patient (l->data), "labs.inr") == 1.35)
      recovered = l->data;
  g_assert_nonnull (recovered);
  g_assert_true (vertebro_window_get_modified (recovered));
  g_assert_nonnull (vertebro_window_get_file (recovered));

  /* The dead process's draft is gone; the recovered changes have a draft of
   * this process instead, so they survive another crash. */
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = vertebro_drafts_find_orphaned ();
  g_assert_cmpuint (drafts->len, ==, 0);
  vertebro_window_flush_draft (recovered);
  g_assert_nonnull (vertebro_window_get_draft_path (recovered));
  g_assert_true (g_file_test (vertebro_window_get_draft_path (recovered), G_FILE_TEST_EXISTS));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  vertebro_test_spin ();

  /* The recovered window's draft outlives it, as a crash's would: the next
   * test starts without it. */
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = vertebro_drafts_find_orphaned ();
  g_assert_cmpuint (drafts->len, ==, 1);
  vertebro_draft_remove (((VertebroDraft *) g_ptr_array_index (drafts, 0))->path);
}

/* Started with a file after a crash (`vertebro FILE`), Vertebro opens the
 * file and offers the draft as well; Discard removes it. */
static void
test_draft_offered_with_file (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("VERTEBRO_EXAMPLES"), "metastatic-review.vertebro", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (example);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GList) windows = NULL;
  AdwMessageDialog *dialog;
  guint opened = 0;

  g_test_trap_subprocess ("/data-loss/draft/child", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  drafts = vertebro_drafts_find_orphaned ();
  g_assert_cmpuint (drafts->len, ==, 1);
  g_clear_pointer (&drafts, g_ptr_array_unref);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Recover Unsaved Changes?");
  adw_message_dialog_response (dialog, "discard");
  vertebro_test_spin ();

  drafts = vertebro_drafts_find_orphaned ();
  g_assert_cmpuint (drafts->len, ==, 0);
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  for (GList *l = windows; l != NULL; l = l->next)
    if (VERTEBRO_IS_WINDOW (l->data))
      {
        GFile *shown = vertebro_window_get_file (l->data);

        g_assert_nonnull (shown);
        g_assert_true (g_file_equal (shown, file));
        opened++;
      }
  g_assert_cmpuint (opened, ==, 1);

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  vertebro_test_spin ();
}

/* ---- Drafts are told apart by their locks, not by process ids ---- */

static gboolean
draft_found (GPtrArray  *drafts,
             const char *path)
{
  for (guint i = 0; i < drafts->len; i++)
    if (g_str_equal (((VertebroDraft *) g_ptr_array_index (drafts, i))->path, path))
      return TRUE;
  return FALSE;
}

/* Issue 19, item 1. In a PID namespace (Flatpak) a crashed session's
 * process id is soon in use again, here 1, which is always alive: its draft
 * is still offered. On a home folder two machines share, a live session of
 * the other machine holds its draft's lock while its process id means
 * nothing here: that draft is not offered, until the session ends. */
static void
test_draft_lock (void)
{
  static const char draft[] = "{\"format\": \"vertebro-patient\", \"version\": 1}";
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "vertebro", "drafts", NULL);
  g_autofree char *reused = g_build_filename (dir, "1-1.vertebro", NULL);
  g_autofree char *live = g_build_filename (dir, "999999-1.vertebro", NULL);
  g_autofree char *live_lock = g_build_filename (dir, "999999-1.lock", NULL);
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean held = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (reused, draft, -1, NULL));
  g_assert_true (g_file_set_contents (live, draft, -1, NULL));
  /* One process that holds the lock and ends when killed. */
  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sh", "-c", "exec 9>\"$0\"; flock -x 9; exec sleep 60",
                             live_lock, NULL);
  g_assert_no_error (error);
  /* Until the other session holds its lock. */
  for (int i = 0; i < 500 && !held; i++)
    {
      int fd = g_open (live_lock, O_RDWR | O_CLOEXEC, 0);

      held = fd >= 0 && flock (fd, LOCK_EX | LOCK_NB) != 0;
      if (fd >= 0)
        close (fd);
      if (!held)
        g_usleep (10000);
    }
  g_assert_true (held);

  drafts = vertebro_drafts_find_orphaned ();
  g_assert_true (draft_found (drafts, reused));
  g_assert_false (draft_found (drafts, live));
  /* While one instance offers a draft, another does not offer it too. */
  {
    g_autoptr(GPtrArray) again = vertebro_drafts_find_orphaned ();

    g_assert_false (draft_found (again, reused));
  }
  g_clear_pointer (&drafts, g_ptr_array_unref);

  g_subprocess_force_exit (holder);
  g_assert_true (g_subprocess_wait (holder, NULL, NULL));
  drafts = vertebro_drafts_find_orphaned ();
  g_assert_true (draft_found (drafts, reused));
  g_assert_true (draft_found (drafts, live));
  g_clear_pointer (&drafts, g_ptr_array_unref);

  vertebro_draft_remove (reused);
  vertebro_draft_remove (live);
}

static AdwMessageDialog *
find_dialog_with (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;
  return NULL;
}

/* Issue 19, item 2: "Recover" used to delete a draft it could not read,
 * silently. Now the draft is kept aside, unchanged, and the user is told
 * where. */
static void
test_draft_unreadable_kept (void)
{
  static const char draft[] =
    "{\"format\": \"vertebro-patient\", \"version\": 1,"
    " \"patient\": {\"birth_date\": \"2030-01-01\"}, \"assessment\": {\"date\": \"2026-11-21\"}}";
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "vertebro", "drafts", NULL);
  g_autofree char *path = g_build_filename (dir, "unreadable.vertebro", NULL);
  g_autofree char *kept = g_build_filename (g_get_user_state_dir (), "vertebro", "unreadable-drafts",
                                            "unreadable.vertebro", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GList) windows = NULL;
  AdwMessageDialog *dialog;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, draft, -1, NULL));

  g_application_activate (G_APPLICATION (app));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Recover Unsaved Changes?");
  adw_message_dialog_response (dialog, "recover");
  vertebro_test_spin ();

  /* Kept, byte for byte, and said so. */
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, draft);
  dialog = find_dialog_with ("Draft Not Recovered");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), kept));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "birth_date"));
  adw_message_dialog_response (dialog, "close");
  vertebro_test_spin ();
  /* And not offered again. */
  {
    g_autoptr(GPtrArray) drafts = vertebro_drafts_find_orphaned ();

    g_assert_cmpuint (drafts->len, ==, 0);
  }

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  vertebro_test_spin ();
  g_unlink (kept);
}

/* ---- Saves in shared folders (issue 19, item 5) ---- */

static const char shared_text[] = "{\"format\": \"vertebro-patient\", \"version\": 1, \"labs\": {\"inr\": 1.1}}";

static VertebroPatient *
shared_patient (void)
{
  g_autoptr(GError) error = NULL;
  VertebroPatient *patient = vertebro_patient_new_from_data (shared_text, strlen (shared_text), &error);

  g_assert_no_error (error);
  vertebro_patient_set_number (patient, "labs.inr", 1.4);
  return patient;
}

/* A colleague's save keeps the document's group and permission bits: the
 * author and the team can still open it. */
static void
test_save_keeps_access (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-shared");
  g_autofree char *path = g_build_filename (dir, "case.vertebro", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(VertebroPatient) patient = shared_patient ();
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = g_build_filename (dir, "new.vertebro", NULL);
  g_autoptr(GFile) fresh_file = g_file_new_for_path (fresh);
  GStatBuf st;
  gid_t group = getgid () == 0 ? 100 : getgid ();

  g_assert_true (g_file_set_contents (path, shared_text, -1, NULL));
  g_assert_cmpint (chown (path, (uid_t) -1, group), ==, 0);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);

  g_assert_true (vertebro_patient_save (patient, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_assert_cmpint (st.st_gid, ==, group);

  /* A new document is its owner's only, as before. */
  g_assert_true (vertebro_patient_save (patient, fresh_file, &error));
  g_assert_cmpint (g_stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  vertebro_test_remove_tree (dir);
}

/* A save through a symbolic link replaces its target and keeps the link. */
static void
test_save_through_link (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-shared");
  g_autofree char *real_dir = g_build_filename (dir, "real", NULL);
  g_autofree char *target = g_build_filename (real_dir, "case.vertebro", NULL);
  g_autofree char *link = g_build_filename (dir, "link.vertebro", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(VertebroPatient) patient = shared_patient ();
  g_autoptr(VertebroPatient) again = NULL;
  g_autoptr(GFile) target_file = g_file_new_for_path (target);
  g_autoptr(GError) error = NULL;
  g_autofree char *points_to = NULL;

  g_assert_cmpint (g_mkdir (real_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, shared_text, -1, NULL));
  g_assert_cmpint (symlink ("real/case.vertebro", link), ==, 0);

  g_assert_true (vertebro_patient_save (patient, file, &error));
  g_assert_no_error (error);
  points_to = g_file_read_link (link, NULL);
  g_assert_cmpstr (points_to, ==, "real/case.vertebro");
  again = vertebro_patient_new_from_file (target_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (vertebro_patient_get_number (again, "labs.inr"), ==, 1.4);
  vertebro_test_remove_tree (dir);
}

/* A read-only document is not replaced unless the user says so; then it
 * stays read-only. The window asks. */
static void
test_save_read_only (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-shared");
  g_autofree char *path = g_build_filename (dir, "case.vertebro", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(VertebroPatient) patient = shared_patient ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  VertebroWindow *window;
  AdwMessageDialog *dialog;
  GStatBuf st;

  g_assert_true (g_file_set_contents (path, shared_text, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);

  g_assert_false (vertebro_patient_save (patient, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, shared_text);
  g_clear_pointer (&contents, g_free);

  /* The window: Save asks, Replace saves, and the file stays 0444. */
  window = vertebro_application_new_window (app, NULL);
  vertebro_test_present (GTK_WINDOW (window));
  g_assert_true (vertebro_window_load_file (window, file, &error));
  g_assert_no_error (error);
  vertebro_test_spin ();
  vertebro_patient_set_number (vertebro_window_get_patient (window), "labs.inr", 1.7);
  vertebro_test_spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  vertebro_test_spin ();
  dialog = find_dialog_with ("Replace Read-Only File?");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  adw_message_dialog_response (dialog, "replace");
  gtk_window_destroy (GTK_WINDOW (dialog));
  vertebro_test_spin ();
  g_assert_false (vertebro_window_get_modified (window));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "1.7"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0444);

  gtk_window_destroy (GTK_WINDOW (window));
  vertebro_test_spin ();
  vertebro_test_remove_tree (dir);
}

/* Opening a document that is already open presents its window, even by
 * another path to it, instead of a second copy. */
static void
test_open_twice (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-shared");
  g_autofree char *path = g_build_filename (dir, "case.vertebro", NULL);
  g_autofree char *link = g_build_filename (dir, "other-name.vertebro", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) by_link = g_file_new_for_path (link);
  g_autoptr(GList) windows = NULL;
  guint showing = 0;

  g_assert_true (g_file_set_contents (path, shared_text, -1, NULL));
  g_assert_cmpint (symlink ("case.vertebro", link), ==, 0);
  vertebro_application_open_window (VERTEBRO_APPLICATION (app), file);
  vertebro_application_open_window (VERTEBRO_APPLICATION (app), file);
  vertebro_application_open_window (VERTEBRO_APPLICATION (app), by_link);
  vertebro_test_spin ();

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  for (GList *l = windows; l != NULL; l = l->next)
    if (VERTEBRO_IS_WINDOW (l->data) && vertebro_window_get_file (l->data) != NULL)
      showing++;
  g_assert_cmpuint (showing, ==, 1);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  vertebro_test_spin ();
  vertebro_test_remove_tree (dir);
}

/* ---- Many drafts: a list, and Esc keeps them ---- */

static gboolean
is_check_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

static void
collect_checks (GtkWidget *widget,
                GPtrArray *checks)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    g_ptr_array_add (checks, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_checks (child, checks);
}

static guint
count_vertebro_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    n += VERTEBRO_IS_WINDOW (l->data);
  return n;
}

/* Issue 19, item 4: 1,000 orphaned drafts made "Recover", the default and
 * Esc alike, open 1,000 windows. Now Esc keeps every draft for later and
 * opens nothing, and several drafts are a list to choose from: Recover
 * opens the ticked ones only. */
static void
test_draft_many (void)
{
  static const char draft[] = "{\"format\": \"vertebro-patient\", \"version\": 1, \"labs\": {\"inr\": 1.4}}";
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "vertebro", "drafts", NULL);
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GList) windows = NULL;
  AdwMessageDialog *dialog;
  guint before;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("many-%02u.vertebro", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_set_contents (path, draft, -1, NULL));
    }
  before = count_vertebro_windows ();

  /* Esc. */
  g_application_activate (G_APPLICATION (app));
  dialog = find_dialog_with ("Recover Unsaved Changes?");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, adw_message_dialog_get_close_response (dialog));
  /* As a button does, the dialog closes after its response. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  vertebro_test_spin ();
  g_assert_cmpuint (count_vertebro_windows (), <=, before + 1);
  drafts = vertebro_drafts_find_orphaned ();
  g_assert_cmpuint (drafts->len, ==, 40);
  g_clear_pointer (&drafts, g_ptr_array_unref);

  /* A list; two ticked, then Recover. */
  g_application_activate (G_APPLICATION (app));
  dialog = find_dialog_with ("Recover Unsaved Changes?");
  g_assert_nonnull (dialog);
  collect_checks (GTK_WIDGET (dialog), checks);
  g_assert_cmpuint (checks->len, ==, 40);
  for (guint i = 0; i < checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (checks, i), i == 5 || i == 17);
  before = count_vertebro_windows ();
  adw_message_dialog_response (dialog, "recover");
  gtk_window_destroy (GTK_WINDOW (dialog));
  vertebro_test_spin ();
  vertebro_test_spin ();
  /* Two windows at most: one may be the untouched window reused. */
  g_assert_cmpuint (count_vertebro_windows (), <=, before + 2);
  drafts = vertebro_drafts_find_orphaned ();
  g_assert_cmpuint (drafts->len, ==, 38);

  for (guint i = 0; i < drafts->len; i++)
    vertebro_draft_remove (((VertebroDraft *) g_ptr_array_index (drafts, i))->path);
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (VERTEBRO_IS_WINDOW (l->data) && vertebro_window_get_draft_path (l->data) != NULL)
        vertebro_draft_remove (vertebro_window_get_draft_path (l->data));
      gtk_window_destroy (l->data);
    }
  vertebro_test_spin ();
  (void) is_check_button;
}

/* ---- A draft that cannot be written is shown, not only logged ---- */

static gboolean
is_draft_banner (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "draft-banner");
}

/* The banner's text while it is shown, else NULL. */
static const char *
draft_banner (VertebroWindow *window)
{
  GtkWidget *label = vertebro_test_find_widget (GTK_WIDGET (window), is_draft_banner, NULL);

  g_assert_nonnull (label);
  g_assert_true (GTK_IS_REVEALER (gtk_widget_get_parent (label)));
  return gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (label)))
         ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* A window whose document has an unsaved change and has tried to write its
 * draft. */
static VertebroWindow *
changed_window (void)
{
  VertebroWindow *window = vertebro_application_new_window (app, NULL);

  vertebro_test_present (GTK_WINDOW (window));
  vertebro_test_spin ();
  vertebro_patient_set_number (vertebro_window_get_patient (window), "labs.inr", 1.2);
  vertebro_test_spin ();
  vertebro_window_flush_draft (window);
  vertebro_test_spin ();
  return window;
}

/* Issue 19, item 3: a draft that cannot be written (here the drafts folder
 * is a file) was reported on stderr only; now a banner says so for as long
 * as it lasts. */
static void
test_draft_unwritable_banner (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "vertebro", "drafts", NULL);
  g_autofree char *aside = g_strconcat (dir, ".aside", NULL);
  VertebroWindow *window;
  const char *banner;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (g_rename (dir, aside), ==, 0);
  g_assert_true (g_file_set_contents (dir, "not a folder", -1, NULL));

  window = changed_window ();
  banner = draft_banner (window);
  g_assert_nonnull (banner);
  g_assert_true (g_str_has_prefix (banner, "Unsaved changes are not being backed up: "));

  /* Once drafts can be written again, the banner goes. */
  g_assert_cmpint (g_unlink (dir), ==, 0);
  g_assert_cmpint (g_rename (aside, dir), ==, 0);
  vertebro_patient_set_number (vertebro_window_get_patient (window), "labs.inr", 1.3);
  vertebro_test_spin ();
  vertebro_window_flush_draft (window);
  g_assert_null (draft_banner (window));
  g_assert_true (g_file_test (vertebro_window_get_draft_path (window), G_FILE_TEST_EXISTS));

  vertebro_draft_remove (vertebro_window_get_draft_path (window));
  gtk_window_destroy (GTK_WINDOW (window));
  vertebro_test_spin ();
}

/* The child: drafts under a relative state folder (as HOME="" gives). */
static void
test_draft_relative_child (void)
{
  VertebroWindow *window;
  const char *banner;

  if (!g_test_subprocess ())
    return;
  window = changed_window ();
  banner = draft_banner (window);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, "not an absolute path"));
}

/* A relative state folder is refused, not used under the current folder. */
static void
test_draft_relative (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("XDG_STATE_HOME"));
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *relative = g_strconcat ("vertebro-relative-", id, NULL);

  g_setenv ("XDG_STATE_HOME", relative, TRUE);
  g_test_trap_subprocess ("/data-loss/draft/relative/child", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("XDG_STATE_HOME", saved, TRUE);
  g_test_trap_assert_passed ();
  /* The child runs in this process's first folder. */
  g_assert_false (g_file_test (relative, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  /* The children of the save tests need no display and no test harness. */
  if (argc == 3 && g_str_equal (argv[1], "--save-loop"))
    return save_loop (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--full-disk"))
    return full_disk (argv[2]);

  /* One folder for drafts and recent files, shared with the draft test's
   * child, removed at the end. */
  if (g_getenv ("VERTEBRO_TEST_HOME") == NULL)
    {
      home = g_dir_make_tmp ("vertebro-home-XXXXXX", NULL);
      g_setenv ("VERTEBRO_TEST_HOME", home, TRUE);
      g_setenv ("XDG_STATE_HOME", home, TRUE);
      g_setenv ("XDG_DATA_HOME", home, TRUE);
    }

  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = vertebro_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/data-loss/sigkill-during-saves", test_sigkill_during_saves);
  g_test_add_func ("/data-loss/full-disk", test_full_disk);
  g_test_add_func ("/data-loss/draft/child", test_draft_child);
  g_test_add_func ("/data-loss/draft/offered-after-sigkill", test_draft_offered);
  g_test_add_func ("/data-loss/draft/offered-with-a-file", test_draft_offered_with_file);
  g_test_add_func ("/data-loss/draft/lock", test_draft_lock);
  g_test_add_func ("/data-loss/draft/unreadable-kept", test_draft_unreadable_kept);
  g_test_add_func ("/data-loss/draft/unwritable-banner", test_draft_unwritable_banner);
  g_test_add_func ("/data-loss/draft/many", test_draft_many);
  g_test_add_func ("/data-loss/save/keeps-access", test_save_keeps_access);
  g_test_add_func ("/data-loss/save/through-link", test_save_through_link);
  g_test_add_func ("/data-loss/save/read-only", test_save_read_only);
  g_test_add_func ("/data-loss/open-twice", test_open_twice);
  g_test_add_func ("/data-loss/draft/relative/child", test_draft_relative_child);
  g_test_add_func ("/data-loss/draft/relative", test_draft_relative);

  status = g_test_run ();
  g_clear_object (&app);
  if (home != NULL)
    vertebro_test_remove_tree (home);
  return status;
}
