/* vertebro-first-paint.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Work put off until a window has painted its first frame: what is below
 * the fold when a window opens (the form's later sections, the verdict
 * panel's checklist and counselling) is built just after it, not before.
 * Building and measuring it took about half of the instructions before the
 * first frame (speed-profile.md).
 *
 * The work runs in an idle once the window's frame clock has painted, or
 * at once (in an idle) for a widget in no window.
 */

#define G_LOG_DOMAIN "vertebro-first-paint"

#include "config.h"

#include "vertebro-first-paint.h"

struct _VertebroFirstPaint
{
  GSourceFunc    func;
  gpointer       data;
  GtkWidget     *native;    /* weak: the window, until it is realized */
  gulong         realize_id;
  GdkFrameClock *clock;
  gulong         paint_id;
  guint          idle_id;
};

static void
forget_window (VertebroFirstPaint *wait)
{
  /* A window being destroyed may have dropped its handlers already. */
  if (wait->clock != NULL && g_signal_handler_is_connected (wait->clock, wait->paint_id))
    g_signal_handler_disconnect (wait->clock, wait->paint_id);
  wait->paint_id = 0;
  g_clear_object (&wait->clock);
  if (wait->native != NULL && g_signal_handler_is_connected (wait->native, wait->realize_id))
    g_signal_handler_disconnect (wait->native, wait->realize_id);
  wait->realize_id = 0;
  g_clear_weak_pointer (&wait->native);
}

/* The work's own idle: the wait is done with when it has run. */
static gboolean
run (gpointer data)
{
  VertebroFirstPaint *wait = data;

  wait->idle_id = 0;
  wait->func (wait->data);
  g_free (wait);
  return G_SOURCE_REMOVE;
}

static void
run_soon (VertebroFirstPaint *wait)
{
  forget_window (wait);
  if (wait->idle_id == 0)
    wait->idle_id = g_idle_add (run, wait);
}

static void
watch_frame_clock (VertebroFirstPaint *wait)
{
  GdkFrameClock *clock = wait->native != NULL ? gtk_widget_get_frame_clock (wait->native) : NULL;

  forget_window (wait);
  if (clock == NULL)
    {
      run_soon (wait);
      return;
    }
  wait->clock = g_object_ref (clock);
  wait->paint_id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (run_soon), wait);
}

/**
 * vertebro_first_paint_wait:
 * @widget: a widget in the window to wait for
 * @func: the work; its return value is not used
 * @data: for @func
 *
 * Runs @func once, in an idle after @widget's window has painted a frame.
 *
 * Returns: (transfer none): the wait, valid until @func runs; give it to
 *   vertebro_first_paint_cancel() if @func must not run any more
 */
VertebroFirstPaint *
vertebro_first_paint_wait (GtkWidget   *widget,
                           GSourceFunc  func,
                           gpointer     data)
{
  VertebroFirstPaint *wait = g_new0 (VertebroFirstPaint, 1);
  GtkNative *native = gtk_widget_get_native (widget);

  wait->func = func;
  wait->data = data;
  if (native == NULL)
    run_soon (wait);
  else if (gtk_widget_get_realized (GTK_WIDGET (native)))
    {
      g_set_weak_pointer (&wait->native, GTK_WIDGET (native));
      watch_frame_clock (wait);
    }
  else
    {
      g_set_weak_pointer (&wait->native, GTK_WIDGET (native));
      wait->realize_id = g_signal_connect_swapped (native, "realize", G_CALLBACK (watch_frame_clock), wait);
    }
  return wait;
}

/**
 * vertebro_first_paint_cancel:
 * @wait: (nullable): a wait whose work has not run
 *
 * The work will not run.
 */
void
vertebro_first_paint_cancel (VertebroFirstPaint *wait)
{
  if (wait == NULL)
    return;
  forget_window (wait);
  g_clear_handle_id (&wait->idle_id, g_source_remove);
  g_free (wait);
}
