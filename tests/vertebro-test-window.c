/* vertebro-test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vertebro-test-window.h"

/* Runs what the main loop has pending, at most 50 turns: the window's
 * reactions to what a test just did. */
void
vertebro_test_spin (void)
{
  for (int i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Shows @window and waits for its first frame, after which the form's
 * later sections and the panel's checklist are built
 * (src/app/vertebro-first-paint.c); then runs what is pending. */
void
vertebro_test_present (GtkWindow *window)
{
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  vertebro_test_spin ();
}

/* The first widget below @root, depth first, that @match accepts. */
GtkWidget *
vertebro_test_find_widget (GtkWidget           *root,
                           VertebroWidgetMatch  match,
                           gconstpointer        data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, data))
        return child;
      if ((found = vertebro_test_find_widget (child, match, data)) != NULL)
        return found;
    }
  return NULL;
}

/* A shown toplevel window of @type (a dialog, About), after the main loop
 * has run what was pending; or NULL. */
GtkWidget *
vertebro_test_find_toplevel (GType type)
{
  GListModel *toplevels;

  vertebro_test_spin ();
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return GTK_WIDGET (item);
    }
  return NULL;
}
