/* peer-first-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first-frame probe for the peers, GTK 4 applications that are not
 * ours (GNOME Text Editor, GNOME Calculator): a module loaded into them
 * with LD_PRELOAD (bench-run --preload). Their ratio to the bare window is
 * then measured, not remembered.
 *
 * It compiles in the very code that measures Vertebro and its floor
 * (src/app/vertebro-first-frame.c): the first window the application
 * realizes is handed to vertebro_first_frame_report(), which prints
 * "first_frame_us=N" at its first painted frame and quits the application.
 * Nothing happens unless VERTEBRO_BENCH_FIRST_FRAME is set.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "vertebro-first-frame.h"

/* Runs at every widget's "realize" until the first window's. A realized
 * window is not mapped yet, so its first frame is still to come. */
static gboolean
on_realize (GSignalInvocationHint *hint,
            guint                  n_values,
            const GValue          *values,
            gpointer               data)
{
  GObject *instance = g_value_get_object (&values[0]);

  if (!GTK_IS_WINDOW (instance))
    return TRUE;
  vertebro_first_frame_report (GTK_WIDGET (instance));
  return FALSE;   /* one window only: the hook is removed */
}

/* Runs when the dynamic linker loads the module, before the application's
 * main(): GTK's types exist then, but no display is open yet. */
__attribute__((constructor)) static void
peer_first_frame_init (void)
{
  GTypeClass *widget_class;

  if (!vertebro_first_frame_wanted ())
    return;
  /* A signal can be looked up only once its class exists. */
  widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
  g_signal_add_emission_hook (g_signal_lookup ("realize", GTK_TYPE_WIDGET), 0, on_realize, NULL, NULL);
  g_type_class_unref (widget_class);
}
