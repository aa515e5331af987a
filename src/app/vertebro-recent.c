/* vertebro-recent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Open Recent" in the primary menu: the patient files opened or saved
 * lately, newest first, kept up to date while the menu exists. The list is
 * GTK's recently used files (the desktop's own, in the Flatpak the app's),
 * filtered to patient files that are still there.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vertebro-recent.h"

/* As many as fit in a menu a clinician reads at a glance. */
#define RECENT_MAX 10

static gboolean
is_patient_file (GtkRecentInfo *info)
{
  const char *mime = gtk_recent_info_get_mime_type (info);
  const char *uri = gtk_recent_info_get_uri (info);

  return (g_strcmp0 (mime, "application/x-vertebro+json") == 0 || g_str_has_suffix (uri, ".vertebro")) &&
         gtk_recent_info_is_local (info) && gtk_recent_info_exists (info);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified (*(GtkRecentInfo **) a);
  GDateTime *tb = gtk_recent_info_get_modified (*(GtkRecentInfo **) b);

  return g_date_time_compare (tb, ta);
}

static void
fill (GMenu            *menu,
      GtkRecentManager *manager)
{
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (GList *l = items; l != NULL; l = l->next)
    if (is_patient_file (l->data))
      g_ptr_array_add (files, l->data);
  g_ptr_array_sort (files, newest_first);

  g_menu_remove_all (menu);
  for (guint i = 0; i < files->len && i < RECENT_MAX; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (files, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target_value (item, "app.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (menu, item);
    }
  if (files->len == 0)
    {
      /* Translators: the "Open Recent" submenu when nothing was opened yet. */
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Files"), "app.no-recent");

      g_menu_append_item (menu, item);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/**
 * vertebro_recent_track:
 * @menu: the "Open Recent" submenu
 *
 * Fills @menu with the recent patient files and keeps it filled for as
 * long as @menu lives. Each item activates "app.open-recent" with the
 * file's URI.
 */
static gboolean
track_later (gpointer data)
{
  GMenu *menu = data;
  GtkRecentManager *manager = gtk_recent_manager_get_default ();

  fill (menu, manager);
  g_signal_connect_object (manager, "changed", G_CALLBACK (fill), menu, G_CONNECT_SWAPPED);
  return G_SOURCE_REMOVE;
}

void
vertebro_recent_track (GMenu *menu)
{
  /* Reading the desktop's list of recent files is not needed for the
   * window's first frame: the menu is opened later, if at all. */
  g_idle_add_full (G_PRIORITY_LOW, track_later, g_object_ref (menu), g_object_unref);
}
