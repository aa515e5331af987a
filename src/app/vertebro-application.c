/* vertebro-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: one window per assessment; `vertebro FILE…` opens each
 * file in its own window, and a second launch hands its files to the
 * running instance. `--rules FILE` puts a site rule set in force; one that
 * does not load is refused (exit 1), never replaced by the built-in rules.
 */

#define G_LOG_DOMAIN "vertebro-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vertebro-about.h"
#include "vertebro-preferences.h"
#include "vertebro-application.h"
#include "vertebro-drafts.h"
#include "vertebro-worklist-window.h"

struct _VertebroApplication
{
  AdwApplication   parent_instance;

  VertebroRuleset *rules;
  gboolean         site_rules;
  GSettings       *settings;
  GtkWidget       *recover_dialog;  /* while it is shown */
  GFile           *worklist;        /* --worklist DIR --window, until activated */
};

G_DEFINE_FINAL_TYPE (VertebroApplication, vertebro_application, ADW_TYPE_APPLICATION)

VertebroApplication *
vertebro_application_new (GApplicationFlags flags)
{
  return g_object_new (VERTEBRO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

VertebroRuleset *
vertebro_application_get_rules (VertebroApplication *self)
{
  g_return_val_if_fail (VERTEBRO_IS_APPLICATION (self), NULL);
  return self->rules;
}

/* NULL when the schema is not installed (an uninstalled build without
 * GSETTINGS_SCHEMA_DIR): settings are then simply not kept. */
GSettings *
vertebro_application_get_settings (VertebroApplication *self)
{
  g_return_val_if_fail (VERTEBRO_IS_APPLICATION (self), NULL);
  return self->settings;
}

static VertebroWindow *
pristine_window (VertebroApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (VERTEBRO_IS_WINDOW (l->data) &&
        vertebro_document_is_pristine (vertebro_window_get_document (l->data)))
      return l->data;
  return NULL;
}

static void
show_refused (VertebroWindow *window,
              const char     *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), _("File Not Opened"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  vertebro_name_mnemonic_buttons (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The window that shows @file, by path or by the file itself (a link, a
 * second path to it), or NULL. */
static VertebroWindow *
window_of (VertebroApplication *self,
           GFile               *file)
{
  GStatBuf wanted;
  gboolean known = g_file_peek_path (file) != NULL && g_stat (g_file_peek_path (file), &wanted) == 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GFile *shown;
      GStatBuf st;

      if (!VERTEBRO_IS_WINDOW (l->data) || (shown = vertebro_document_get_file (vertebro_window_get_document (l->data))) == NULL)
        continue;
      if (g_file_equal (shown, file) ||
          (known && g_file_peek_path (shown) != NULL && g_stat (g_file_peek_path (shown), &st) == 0 &&
           st.st_dev == wanted.st_dev && st.st_ino == wanted.st_ino))
        return l->data;
    }
  return NULL;
}

/**
 * vertebro_application_new_window:
 * @self: the application
 * @document: (nullable): the assessment to show, or %NULL for a new one
 *
 * Makes a window for @document, with the application's rule set and
 * settings handed to it.
 *
 * Returns: (transfer none): the window, not yet presented
 */
VertebroWindow *
vertebro_application_new_window (VertebroApplication *self,
                                 VertebroDocument    *document)
{
  g_autoptr(VertebroDocument) shown = NULL;

  g_return_val_if_fail (VERTEBRO_IS_APPLICATION (self), NULL);

  if (document != NULL)
    shown = g_object_ref (document);
  else
    {
      g_autofree char *clinician = self->settings != NULL ? g_settings_get_string (self->settings, "default-clinician")
                                                          : NULL;

      shown = vertebro_document_new (self->rules, clinician);
    }
  return vertebro_window_new (ADW_APPLICATION (self), shown, self->settings, self->site_rules);
}

/**
 * vertebro_application_open_window:
 * @self: the application
 * @file: (nullable): a patient file, or %NULL for a new assessment
 *
 * Presents the window that already shows @file if there is one; else opens
 * @file in the untouched new window if there is one, else in a new window.
 * A refused file shows why, and no document is changed.
 */
void
vertebro_application_open_window (VertebroApplication *self,
                                  GFile               *file)
{
  VertebroWindow *window = NULL;
  gboolean opened = TRUE;
  g_autoptr(GError) error = NULL;

  /* A document already open is presented, not opened a second time: two
   * windows would each save over the other's changes. */
  if (file != NULL && (window = window_of (self, file)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  /* The file is read before a window is built and shown, so that the form
   * is built and laid out once, for the patient, not for an empty one
   * first. */
  if (file == NULL)
    window = vertebro_application_new_window (self, NULL);
  else if ((window = pristine_window (self)) != NULL)
    opened = vertebro_window_load_file (window, file, &error);
  else
    {
      g_autoptr(VertebroDocument) document = vertebro_document_new_for_file (self->rules, file, &error);

      opened = document != NULL;
      window = vertebro_application_new_window (self, document);
    }
  gtk_window_present (GTK_WINDOW (window));
  if (!opened)
    show_refused (window, error->message);
}

static void
on_recover_response (AdwMessageDialog *dialog,
                     const char       *response,
                     GPtrArray        *drafts)
{
  VertebroApplication *self = VERTEBRO_APPLICATION (g_application_get_default ());
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "checks");
  g_autoptr(GString) not_recovered = g_string_new (NULL);

  /* Later: every draft stays, and is offered again at the next start; its
   * lock is let go now, not when the dialog is finalized. */
  if (!g_str_equal (response, "recover") && !g_str_equal (response, "discard"))
    {
      g_ptr_array_set_size (drafts, 0);
      return;
    }

  for (guint i = 0; i < drafts->len; i++)
    {
      VertebroDraft *draft = g_ptr_array_index (drafts, i);
      g_autoptr(GFile) file = g_file_new_for_path (draft->path);
      g_autoptr(VertebroPatient) patient = NULL;
      g_autoptr(GError) error = NULL;

      /* With a list, only the drafts ticked in it; the others stay. */
      if (checks != NULL && !gtk_check_button_get_active (g_ptr_array_index (checks, i)))
        continue;

      if (g_str_equal (response, "recover"))
        {
          patient = vertebro_patient_new_from_file (file, NULL, &error);
          if (patient != NULL)
            {
              VertebroWindow *window = pristine_window (self);

              if (window == NULL)
                window = vertebro_application_new_window (self, NULL);
              vertebro_window_recover (window, patient, draft->origin);
              gtk_window_present (GTK_WINDOW (window));
            }
          else
            {
              /* Never deleted: kept aside, unchanged, and the user told
               * where, with why it could not be read. */
              g_autoptr(GError) move_error = NULL;
              g_autofree char *kept = vertebro_draft_keep_aside (draft->path, &move_error);

              if (kept != NULL)
                /* Translators: why a draft could not be read, then the file it is kept in. */
                g_string_append_printf (not_recovered, _("%s\nIt is kept, unchanged, as %s."), error->message, kept);
              else
                /* Translators: why a draft could not be read, then why it could not be moved. */
                g_string_append_printf (not_recovered, _("%s\nIt stays where it is (%s) and will be offered again."),
                                        error->message, move_error->message);
              g_string_append (not_recovered, "\n\n");
              continue;
            }
        }
      /* Recovered drafts live on as the new window's draft. */
      vertebro_draft_remove (draft->path);
    }

  /* The drafts left as they were are let go of. */
  g_ptr_array_set_size (drafts, 0);

  if (not_recovered->len > 0)
    {
      GtkWidget *message;

      g_string_truncate (not_recovered, not_recovered->len - 2);
      message = adw_message_dialog_new (parent, _("Draft Not Recovered"), not_recovered->str);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      vertebro_name_mnemonic_buttons (message);
      gtk_window_present (GTK_WINDOW (message));
    }
}

/* Several drafts are offered as a list to tick: Recover and Discard act on
 * the ticked ones only. A thousand orphaned drafts once meant a thousand
 * windows, and gigabytes. The first few are ticked. */
#define DRAFTS_TICKED 3

static void
add_draft_list (GtkWidget *dialog,
                GPtrArray *drafts)
{
  GPtrArray *checks = g_ptr_array_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < drafts->len; i++)
    {
      VertebroDraft *draft = g_ptr_array_index (drafts, i);
      g_autoptr(GFile) file = g_file_new_for_path (draft->path);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE,
                                                     NULL, NULL);
      g_autoptr(GDateTime) modified = info != NULL ? g_file_info_get_modification_date_time (info) : NULL;
      g_autoptr(GDateTime) local = modified != NULL ? g_date_time_to_local (modified) : NULL;
      g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
      g_autofree char *name = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *label = NULL;
      GtkWidget *check;

      if (draft->origin != NULL)
        {
          g_autofree char *base = g_file_get_basename (draft->origin);

          name = g_filename_display_name (base);
        }
      else
        name = g_strdup (_("New Assessment"));
      shown = vertebro_text_isolate (name);
      label = g_strdup_printf ("%s — %s", shown, when);
      check = gtk_check_button_new_with_label (label);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), i < DRAFTS_TICKED);
      gtk_list_box_append (GTK_LIST_BOX (list), check);
      g_ptr_array_add (checks, check);
    }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  g_object_set_data_full (G_OBJECT (dialog), "checks", checks, (GDestroyNotify) g_ptr_array_unref);
}

/* Drafts left by a session that ended without saving are offered back,
 * whether Vertebro starts with files or without, and whenever it is
 * launched again while another session's drafts wait. Recover and
 * Discard remove the drafts they act on; Later (Esc) keeps them all for the
 * next start. */
static void
offer_drafts (VertebroApplication *self,
              GtkWindow           *parent)
{
  g_autoptr(GPtrArray) drafts = NULL;
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (self->recover_dialog != NULL || parent == NULL)
    return;
  drafts = vertebro_drafts_find_orphaned ();
  if (drafts->len == 0)
    return;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %u is how many unsaved assessments were found. */
                                       "An assessment with unsaved changes was left open when Vertebro last stopped.",
                                       "%u assessments with unsaved changes were left open when Vertebro last stopped.",
                                       drafts->len),
                          drafts->len);
  dialog = adw_message_dialog_new (parent, _("Recover Unsaved Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Later"),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  /* Esc (and closing the dialog) is neither the destructive choice nor the
   * expensive one: everything stays for later. */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  if (drafts->len > 1)
    add_draft_list (dialog, drafts);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_recover_response),
                         g_ptr_array_ref (drafts), (GClosureNotify) g_ptr_array_unref, 0);
  vertebro_name_mnemonic_buttons (dialog);
  self->recover_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->recover_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * vertebro_application_open_worklist:
 * @self: the application
 * @folder: a folder of patient files
 *
 * Opens the worklist of @folder in a window of its own, or presents the one
 * already showing it.
 */
void
vertebro_application_open_worklist (VertebroApplication *self,
                                    GFile               *folder)
{
  VertebroWorklistWindow *window;

  g_return_if_fail (VERTEBRO_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (folder));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (VERTEBRO_IS_WORKLIST_WINDOW (l->data) &&
        g_file_equal (vertebro_worklist_window_get_folder (l->data), folder))
      {
        gtk_window_present (GTK_WINDOW (l->data));
        return;
      }
  window = vertebro_worklist_window_new (ADW_APPLICATION (self), self->rules, folder);
  gtk_window_present (GTK_WINDOW (window));
}

static void
vertebro_application_activate (GApplication *app)
{
  VertebroApplication *self = VERTEBRO_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (self->worklist != NULL)
    {
      g_autoptr(GFile) folder = g_steal_pointer (&self->worklist);

      vertebro_application_open_worklist (self, folder);
      return;
    }

  if (window == NULL)
    window = GTK_WINDOW (vertebro_application_new_window (self, NULL));
  gtk_window_present (window);
  offer_drafts (self, window);
}

static void
vertebro_application_open (GApplication  *app,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    vertebro_application_open_window (VERTEBRO_APPLICATION (app), files[i]);
  offer_drafts (VERTEBRO_APPLICATION (app), gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static int
vertebro_application_handle_local_options (GApplication *app,
                                           GVariantDict *options)
{
  VertebroApplication *self = VERTEBRO_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  const char *rules_path = NULL;
  const char *worklist_path = NULL;

  if (g_variant_dict_lookup (options, "rules", "^&ay", &rules_path))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (rules_path);

      g_clear_object (&self->rules);
      self->rules = vertebro_ruleset_new_from_file (file, &error);
      self->site_rules = TRUE;
      if (self->rules == NULL)
        {
          g_printerr (_("vertebro: rule set refused: %s\n"), error->message);
          return 1;
        }
    }

  /* `vertebro --worklist DIR --window`: the worklist in a window, in the
   * running instance if there is one. */
  if (g_variant_dict_lookup (options, "worklist", "^&ay", &worklist_path))
    {
      g_autoptr(GFile) folder = g_file_new_for_commandline_arg (worklist_path);
      g_autofree char *path = g_file_get_path (folder);

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("vertebro: %s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app))
        {
          g_action_group_activate_action (G_ACTION_GROUP (app), "open-worklist",
                                          g_variant_new_bytestring (path != NULL ? path : worklist_path));
          return 0;
        }
      g_set_object (&self->worklist, folder);
    }
  return -1;
}

static void
open_worklist_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (g_variant_get_bytestring (parameter));

  vertebro_application_open_worklist (VERTEBRO_APPLICATION (user_data), folder);
}

static void
on_folder_chosen (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  VertebroApplication *self = VERTEBRO_APPLICATION (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        vertebro_application_open_worklist (self, folder);
    }
  g_object_unref (chooser);
  g_application_release (G_APPLICATION (self));
}

static void
open_folder_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  VertebroApplication *self = VERTEBRO_APPLICATION (user_data);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Folder"),
                                         gtk_application_get_active_window (GTK_APPLICATION (self)),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (vertebro_application_new_window (user_data, NULL)));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Each window asks about its own unsaved changes. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

/* Everything in About but the rule set comes from the AppStream metainfo,
 * so that it says what software centres say (vertebro-about.c). */
static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  VertebroApplication *self = user_data;
  GtkWidget *about = vertebro_about_window_new (self->rules, self->site_rules);

  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (about));
}

/* A file to open, from Open, Open Recent or the worklist: the parameter is
 * its URI. */
static void
open_file_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  vertebro_application_open_window (user_data, file);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  VertebroApplication *self = user_data;
  GtkWindow *preferences;

  if (self->settings == NULL)
    return;
  preferences = vertebro_preferences_new (gtk_application_get_active_window (GTK_APPLICATION (self)), self->settings);
  gtk_window_present (preferences);
}

static void
vertebro_application_startup (GApplication *app)
{
  VertebroApplication *self = VERTEBRO_APPLICATION (app);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  static const GActionEntry entries[] = {
    { "new", new_action },
    { "quit", quit_action },
    { "about", about_action },
    { "preferences", preferences_action },
    { "open-folder", open_folder_action },
    { "open-file", open_file_action, "s" },
    { "open-recent", open_file_action, "s" },
    { "open-worklist", open_worklist_action, "ay" },
  };

  G_APPLICATION_CLASS (vertebro_application_parent_class)->startup (app);

  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);

  if (self->rules == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->rules = vertebro_ruleset_new_default (&error);
      /* The built-in rules are checked by the test suite; failing here is a
       * broken build, not bad input. */
      if (self->rules == NULL)
        g_error ("The built-in rule set does not load: %s", error->message);
    }

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new", (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", (const char *[]) { "<Control>comma", NULL });
}

static void
vertebro_application_dispose (GObject *object)
{
  VertebroApplication *self = VERTEBRO_APPLICATION (object);

  g_clear_object (&self->rules);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->recover_dialog);
  g_clear_object (&self->worklist);

  G_OBJECT_CLASS (vertebro_application_parent_class)->dispose (object);
}

static void
vertebro_application_class_init (VertebroApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = vertebro_application_dispose;
  app_class->activate = vertebro_application_activate;
  app_class->open = vertebro_application_open;
  app_class->startup = vertebro_application_startup;
  app_class->handle_local_options = vertebro_application_handle_local_options;
}

static void
vertebro_application_init (VertebroApplication *self)
{
  const GOptionEntry options[] = {
    { "rules", 'r', 0, G_OPTION_ARG_FILENAME, NULL, N_("Use a site rule set instead of the built-in one"), N_("FILE") },
    /* Handled here only with --window; without it, src/cli/ prints the worklist. */
    { "worklist", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Evaluate every patient file of a folder and print one row each; --format text, json or csv"),
      N_("FOLDER") },
    { "window", 0, 0, G_OPTION_ARG_NONE, NULL, N_("With --worklist: show the worklist in a window"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}
