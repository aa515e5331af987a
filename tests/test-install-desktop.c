/* test-install-desktop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's side of desktop integration, in a real window under Xvfb: the
 * About window says what the installed AppStream metainfo says and names the
 * rule set with its sources; the keyboard shortcuts window opens and lists
 * exactly the key bindings there are; the primary menu has the items a
 * GNOME app has, each bound to an action that exists; the app icon is in the
 * icon theme even uninstalled.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "vertebro-application.h"
#include "vertebro-window-private.h"
#include "vertebro-test-window.h"

static VertebroApplication *app;

/* The installed metainfo, as merged by the build. */
static char *
read_metainfo (void)
{
  const char *path = g_getenv ("VERTEBRO_METAINFO");
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_nonnull (path);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
assert_element (const char *metainfo,
                const char *element,
                const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);
  g_autofree char *needle = g_strdup_printf (">%s</%s>", escaped, element);

  if (strstr (metainfo, needle) == NULL)
    g_error ("The metainfo has no <%s> “%s”", element, value);
}

static void
collect_widgets (GtkWidget  *root,
                 GType       type,
                 GPtrArray  *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect_widgets (child, type, found);
    }
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, type, found);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), text) != NULL)
      return g_ptr_array_index (labels, i);
  return NULL;
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (root, ADW_TYPE_PREFERENCES_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static AdwAboutWindow *
find_about (void)
{
  return ADW_ABOUT_WINDOW (vertebro_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW));
}

static void
test_about (void)
{
  VertebroWindow *window = vertebro_application_new_window (app, NULL);
  VertebroRuleset *rules = vertebro_application_get_rules (app);
  g_autofree char *metainfo = read_metainfo ();
  g_autofree char *rule_set = NULL;
  g_autofree char *release = NULL;
  AdwAboutWindow *about;

  vertebro_test_present (GTK_WINDOW (window));
  vertebro_test_spin ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  vertebro_test_spin ();

  about = find_about ();
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));

  /* What AppStream says, the About window says. */
  assert_element (metainfo, "name", adw_about_window_get_application_name (about));
  assert_element (metainfo, "developer_name", adw_about_window_get_developer_name (about));
  assert_element (metainfo, "url", adw_about_window_get_website (about));
  assert_element (metainfo, "url", adw_about_window_get_issue_url (about));
  assert_element (metainfo, "project_license", "GPL-3.0-or-later");
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);

  /* This version is the newest release, and its notes are shown. */
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  release = g_strdup_printf ("<release version=\"%s\"", PACKAGE_VERSION);
  g_assert_nonnull (strstr (metainfo, "<releases>"));
  g_assert_nonnull (strstr (metainfo, release));
  g_assert_true (strstr (metainfo, release) == strstr (metainfo, "<release "));
  g_assert_cmpstr (adw_about_window_get_release_notes_version (about), ==, PACKAGE_VERSION);
  g_assert_nonnull (strstr (adw_about_window_get_release_notes (about), "<p>The first release.</p>"));
  g_assert_nonnull (strstr (adw_about_window_get_release_notes (about), "<li>"));

  /* The summary and the description, down to the disclaimer; no element of
   * another language crept in. */
  g_assert_true (g_str_has_prefix (adw_about_window_get_comments (about),
                                   "Check a patient before vertebroplasty or kyphoplasty\n\n"));
  assert_element (metainfo, "summary", "Check a patient before vertebroplasty or kyphoplasty");
  g_assert_true (g_str_has_suffix (adw_about_window_get_comments (about),
                                   "Vertebro is decision support: it does not replace clinical judgement."));

  /* The rule set in force and every one of its sources. */
  rule_set = g_strdup_printf ("Rule Set %s %s", vertebro_ruleset_get_id (rules), vertebro_ruleset_get_version (rules));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (about), rule_set));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (about), vertebro_ruleset_get_sha256 (rules)));
  g_assert_cmpuint (vertebro_ruleset_get_n_sources (rules), >, 0);
  for (guint i = 0; i < vertebro_ruleset_get_n_sources (rules); i++)
    {
      const char *citation = NULL;
      const char *id = vertebro_ruleset_get_source (rules, i, &citation);
      GtkWidget *label = find_label_containing (GTK_WIDGET (about), citation);

      g_assert_nonnull (label);
      g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), id));
    }
  g_assert_nonnull (find_row (GTK_WIDGET (about), "_Rule Set and Its Sources"));
  g_assert_nonnull (strstr (adw_about_window_get_debug_info (about), vertebro_ruleset_get_sha256 (rules)));

  /* The icon comes from the program's resources when not installed. */
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (about))),
                                          APP_ID));

  gtk_window_destroy (GTK_WINDOW (about));
  gtk_window_destroy (GTK_WINDOW (window));
  vertebro_test_spin ();
}

/* gtk_accelerator_parse() and back, so that "<Primary>q", "<Control>q" and
 * "<ctrl>q" compare equal. */
static char *
normalise (const char *accelerator)
{
  guint key = 0;
  GdkModifierType mods = 0;

  if (!gtk_accelerator_parse (accelerator, &key, &mods))
    g_error ("“%s” is not an accelerator", accelerator);
  return gtk_accelerator_name (key, mods);
}

static void
add_accel (GHashTable *accels,
           const char *accelerator,
           const char *what)
{
  g_hash_table_insert (accels, normalise (accelerator), g_strdup (what));
}

/* Every key that does something in a window: the application's
 * accelerators, the window's own bindings to win./app. actions, and those
 * of the widgets that bring their own. */
static GHashTable *
bound_accels (VertebroWindow *window)
{
  GHashTable *accels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GtkWidget *menu_button = find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  GtkWidget *leaflet = find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET);

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) keys = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint j = 0; keys[j] != NULL; j++)
        add_accel (accels, keys[j], actions[i]);
    }

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          const char *name;

          if (!GTK_IS_NAMED_ACTION (action) || !GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;
          name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
          /* GtkWindow's own (focus, default, inspector) are not ours to list. */
          if (g_str_has_prefix (name, "win.") || g_str_has_prefix (name, "app."))
            {
              g_autofree char *accel = gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                                             gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));

              add_accel (accels, accel, name);
            }
        }
    }

  /* The main menu button opens with F10; the leaflet goes back with
   * Alt+Left (the form, when the window is narrow). */
  g_assert_nonnull (menu_button);
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (menu_button)));
  add_accel (accels, "F10", "primary menu");
  g_assert_nonnull (leaflet);
  g_assert_true (adw_leaflet_get_can_navigate_back (ADW_LEAFLET (leaflet)));
  add_accel (accels, "<Alt>Left", "leaflet back");

  return accels;
}

static GHashTable *
listed_accels (GtkWidget *overlay)
{
  GHashTable *listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();

  collect_widgets (overlay, GTK_TYPE_SHORTCUTS_SHORTCUT, shortcuts);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;
      g_auto(GStrv) each = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i), "accelerator", &accelerator, "title", &title, NULL);
      g_assert_nonnull (accelerator);
      each = g_strsplit (accelerator, " ", -1);
      for (guint j = 0; each[j] != NULL; j++)
        if (each[j][0] != '\0')
          add_accel (listed, each[j], title);
    }
  return listed;
}

static void
test_shortcuts (void)
{
  VertebroWindow *window = vertebro_application_new_window (app, NULL);
  g_auto(GStrv) help_keys = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_autofree char *ctrl_question = normalise ("<Control>question");
  g_autoptr(GHashTable) bound = NULL;
  g_autoptr(GHashTable) listed = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GtkShortcutsWindow *overlay;

  vertebro_test_present (GTK_WINDOW (window));
  vertebro_test_spin ();

  /* Ctrl+? opens it. */
  g_assert_nonnull (help_keys);
  g_assert_nonnull (help_keys[0]);
  {
    g_autofree char *first = normalise (help_keys[0]);

    g_assert_cmpstr (first, ==, ctrl_question);
  }
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  vertebro_test_spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  /* It lists every binding, and nothing that is not one. */
  bound = bound_accels (window);
  listed = listed_accels (GTK_WIDGET (overlay));
  g_assert_cmpuint (g_hash_table_size (bound), >=, 11);

  g_hash_table_iter_init (&iter, bound);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (listed, key))
      g_error ("%s (%s) is not in the keyboard shortcuts window", (char *) key, (char *) value);

  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (bound, key))
      g_error ("The keyboard shortcuts window lists %s (%s), which does nothing", (char *) key, (char *) value);

  gtk_window_close (GTK_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (window));
  vertebro_test_spin ();
}

static gboolean
window_has_action (VertebroWindow *window,
                   const char     *name)
{
  const char *bare = name + strlen ("win.");
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (window);
  GType owner;
  const char *installed;
  const GVariantType *parameter_type;
  const char *property;

  if (g_action_group_has_action (G_ACTION_GROUP (window), bare))
    return TRUE;
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &installed, &parameter_type, &property); i++)
    if (g_str_equal (installed, name))
      return TRUE;
  return FALSE;
}

static void
test_primary_menu (void)
{
  VertebroWindow *window = vertebro_application_new_window (app, NULL);
  GtkWidget *button;
  GMenuModel *menu;
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);

  vertebro_test_present (GTK_WINDOW (window));
  vertebro_test_spin ();
  button = find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);

  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      g_assert_nonnull (section);
      for (int i = 0; i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *action = NULL;
          g_autofree char *label = NULL;
          g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (section, i, G_MENU_LINK_SUBMENU);

          /* Open Recent: each file opens through app.open-recent; with
           * none, one placeholder without an action, shown insensitive. */
          if (submenu != NULL)
            {
              g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
              g_assert_nonnull (strchr (label, '_'));
              g_assert_cmpint (g_menu_model_get_n_items (submenu), >=, 1);
              for (int r = 0; r < g_menu_model_get_n_items (submenu); r++)
                {
                  g_autofree char *file_action = NULL;

                  g_assert_true (g_menu_model_get_item_attribute (submenu, r, G_MENU_ATTRIBUTE_ACTION, "s", &file_action));
                  if (g_str_equal (file_action, "app.open-recent"))
                    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "open-recent"));
                  else
                    g_assert_false (g_action_group_has_action (G_ACTION_GROUP (app), file_action + strlen ("app.")));
                }
              continue;
            }
          g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
          g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
          /* Every item has a mnemonic and an action that exists. */
          g_assert_nonnull (strchr (label, '_'));
          if (g_str_has_prefix (action, "app."))
            g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), action + strlen ("app.")));
          else if (g_str_has_prefix (action, "win."))
            g_assert_true (window_has_action (window, action));
          else
            g_error ("“%s” in the primary menu is neither app. nor win.", action);
          g_ptr_array_add (actions, g_steal_pointer (&action));
        }
    }

  /* The items every GNOME app's primary menu has (the HIG), last. */
  g_assert_cmpuint (actions->len, >=, 2);
  g_assert_cmpstr (g_ptr_array_index (actions, actions->len - 2), ==, "win.show-help-overlay");
  g_assert_cmpstr (g_ptr_array_index (actions, actions->len - 1), ==, "app.about");

  gtk_window_destroy (GTK_WINDOW (window));
  vertebro_test_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = vertebro_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/desktop/about", test_about);
  g_test_add_func ("/desktop/shortcuts", test_shortcuts);
  g_test_add_func ("/desktop/primary-menu", test_primary_menu);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
