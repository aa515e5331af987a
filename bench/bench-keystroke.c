/* bench-keystroke.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keystroke to panel: the real window (as tests/test-window.c builds it)
 * with an example loaded, INR set to "1.6" ("Not ready"). Each edit is one
 * keystroke that flips the verdict: typing "0" after "1." (1.06,
 * "Eligible"), then deleting it again (1.6). It is timed from the
 * keystroke's change to the editable to its return — by then the form has
 * parsed the number, the patient has changed, the evaluator has run and
 * the panel and the header show the new verdict (all synchronous) — and on
 * to the frame clock's next after-paint, which lays out and draws the
 * changed panel. Between edits the main loop runs until it is idle and the
 * frame clock has rested, so no edit waits for the previous frame.
 *
 * One keystroke is one change of the text. gtk_editable_set_text() would
 * be two, a deletion and an insertion, each evaluated: what selecting the
 * whole value and typing over it does.
 *
 *   bench-keystroke EXAMPLE.vertebro [EDITS]
 *
 * Prints median_us, p95_us, p99_us, frame_median_us and
 * evaluations_per_edit. Run under Xvfb with
 * GDK_DEBUG=gl-disable, LANGUAGE=C (the row is found by its title).
 */

#include "config.h"

#include <locale.h>

#include "vertebro-application.h"
#include "vertebro-verdict-panel.h"
#include "vertebro-window-private.h"
#include "bench-clock.h"

static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_row (child, type, title)) != NULL)
        return found;
    }
  return NULL;
}

static void
spin (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
on_after_paint (GdkFrameClock *clock,
                gint64        *painted)
{
  if (*painted == 0)
    *painted = bench_now_ns ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VertebroApplication) app = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  VertebroWindow *window;
  GtkWidget *inr;
  GdkFrameClock *clock;
  guint edits = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 1000;
  const guint warm_up = 20;
  gint64 *sync, *frame, painted = 0;
  guint evaluations;

  if (argc < 2 || edits == 0)
    {
      g_printerr ("usage: bench-keystroke EXAMPLE.vertebro [EDITS]\n");
      return 2;
    }

  setlocale (LC_ALL, "");
  gtk_init ();
  adw_init ();

  app = vertebro_application_new (G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  window = vertebro_application_new_window (app, NULL);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!vertebro_window_load_file (window, file, &error))
    g_error ("%s", error->message);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The form's field rows are preferences rows that are editables (as
   * tests/test-window.c finds them). */
  inr = find_row (vertebro_window_get_form (window), ADW_TYPE_PREFERENCES_ROW, "INR");
  if (inr == NULL || !GTK_IS_EDITABLE (inr))
    g_error ("no editable INR row (run with LANGUAGE=C)");
  gtk_editable_set_text (GTK_EDITABLE (inr), "1.6");
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);

  evaluations = vertebro_document_get_n_evaluations (vertebro_window_get_document (window));
  sync = g_new (gint64, edits);
  frame = g_new (gint64, edits);
  for (guint i = 0; i < warm_up + edits; i++)
    {
      gboolean not_ready = i % 2 == 1;
      const char *verdict;
      gint64 start, returned;

      spin ();
      /* Let the frame clock rest, so the next frame is not held back to
       * keep the frame rate. */
      g_usleep (20000);
      spin ();

      painted = 0;
      start = bench_now_ns ();
      if (not_ready)
        gtk_editable_delete_text (GTK_EDITABLE (inr), 2, 3);
      else
        {
          int position = 2;

          gtk_editable_insert_text (GTK_EDITABLE (inr), "0", 1, &position);
        }
      returned = bench_now_ns ();
      while (painted == 0)
        g_main_context_iteration (NULL, TRUE);

      verdict = vertebro_verdict_panel_get_verdict_text (VERTEBRO_VERDICT_PANEL (vertebro_window_get_panel (window)));
      if (!g_str_has_prefix (verdict, not_ready ? "Not ready" : "Eligible"))
        g_error ("edit %u: the panel shows “%s”", i, verdict);
      if (i >= warm_up)
        {
          sync[i - warm_up] = returned - start;
          frame[i - warm_up] = painted - start;
        }
    }

  bench_sort_ns (sync, edits);
  bench_sort_ns (frame, edits);
  g_print ("edits=%u\n", edits);
  g_print ("median_us=%.0f\n", sync[edits / 2] / 1000.0);
  g_print ("p95_us=%.0f\n", sync[MIN (edits - 1, edits * 95 / 100)] / 1000.0);
  g_print ("p99_us=%.0f\n", sync[MIN (edits - 1, edits * 99 / 100)] / 1000.0);
  g_print ("frame_median_us=%.0f\n", frame[edits / 2] / 1000.0);
  g_print ("evaluations_per_edit=%.2f\n",
           (vertebro_document_get_n_evaluations (vertebro_window_get_document (window)) - evaluations) /
           (double) (warm_up + edits));
  g_free (sync);
  g_free (frame);

  /* The window holds unsaved edits; leave without asking. */
  vertebro_window_flush_draft (window);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
