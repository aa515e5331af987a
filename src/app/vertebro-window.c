/* vertebro-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One assessment: the form and the verdict panel side by side, or one at a
 * time below 720 px. The document is the patient; every change is evaluated
 * at once and shown in the panel. Saving is atomic (vertebro_patient_save);
 * unsaved changes are never dropped without asking, and their draft is kept
 * on disk until they are saved or discarded.
 */

#define G_LOG_DOMAIN "vertebro-window"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vertebro-application.h"
#include "vertebro-decision-dialog.h"
#include "vertebro-drafts.h"
#include "vertebro-form.h"
#include "vertebro-leaflet.h"
#include "vertebro-host-folder.h"
#include "vertebro-recent.h"
#include "vertebro-report.h"
#include "vertebro-verdict-panel.h"
#include "vertebro-disk-watch.h"
#include "vertebro-window.h"

/* Drafts are written this long after the last change. */
#define DRAFT_DELAY_MS 1000

struct _VertebroWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *title_widget;
  GtkStack             *title_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *form_page;
  GtkWidget            *panel_page;
  GtkWidget            *form_box;
  GtkWidget            *panel_box;
  GtkWidget            *show_verdict_button;
  GtkWidget            *show_verdict_icon;
  GtkWidget            *show_verdict_label;
  GtkWidget            *show_verdict_name;
  GtkWidget            *back_button;
  GMenu                *recent_menu;

  VertebroForm         *form;
  VertebroVerdictPanel *panel;

  VertebroPatient      *patient;
  VertebroAssessment   *assessment;
  GFile                *file;
  gboolean              modified;
  gulong                changed_handler;
  char                 *draft_path;
  guint                 draft_source;
  gboolean              close_confirmed;
  GtkWidget            *form_focus;      /* weak: where F6 goes back to in the form */
  VertebroDiskWatch    *disk;            /* the file as this document read or wrote it */
  AdwToast             *disk_toast;      /* weak: "changed on disk", while shown */
  GtkRevealer          *draft_banner;
  GtkLabel             *draft_banner_label;
};

G_DEFINE_FINAL_TYPE (VertebroWindow, vertebro_window, ADW_TYPE_APPLICATION_WINDOW)

static VertebroApplication *
get_app (VertebroWindow *self)
{
  return VERTEBRO_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void
toast (VertebroWindow *self,
       const char     *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* A subtitle holds a line, not a 4 MiB name read from a file: laying that
 * out again took most of a second per keystroke. */
#define TITLE_MAX_CHARS 120

static char *
shorten (const char *text)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, TITLE_MAX_CHARS * 6 + 1) <= TITLE_MAX_CHARS)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, TITLE_MAX_CHARS);
  return g_strconcat (start, "…", NULL);
}

static void
update_title (VertebroWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *patient_name = vertebro_patient_get_text (self->patient, "patient.name");

  /* The file's name, its folder and the patient's name are each isolated
   * (vertebro_text_isolate()): a right-to-left override in one cannot
   * reorder the others. */
  if (self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);
      g_autofree char *display = g_filename_display_name (basename);
      /* Not the document portal's folder in a sandbox (vertebro-host-folder.c). */
      g_autofree char *folder = vertebro_host_folder (self->file);

      name = vertebro_text_isolate (display);
      subtitle = folder != NULL ? vertebro_text_isolate (folder) : NULL;
    }
  else
    name = g_strdup (_("New Assessment"));

  /* The unsaved-changes marker, as GNOME apps show it. */
  title = self->modified ? g_strdup_printf ("• %s", name) : g_strdup (name);

  if (patient_name != NULL && *patient_name != '\0')
    {
      g_autofree char *folder = g_steal_pointer (&subtitle);
      g_autofree char *shortened = shorten (patient_name);
      g_autofree char *shown = vertebro_text_isolate (shortened);

      subtitle = folder != NULL ? g_strdup_printf ("%s — %s", shown, folder) : g_strdup (shown);
      /* A narrow header has room for the patient's name only. */
      gtk_label_set_text (GTK_LABEL (self->show_verdict_name), shown);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->show_verdict_name), title);
  adw_window_title_set_title (self->title_widget, title);
  adw_window_title_set_subtitle (self->title_widget, subtitle != NULL ? subtitle : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* Shows the assessment as it stands with the form's invalid entries: on its
 * own when only an entry's validity changed, since the patient did not (an
 * invalid keystroke has already passed the field on as not assessed, and
 * that change evaluated). */
static void
show_assessment (VertebroWindow *self)
{
  g_autoptr(GPtrArray) invalid = NULL;
  VertebroVerdict verdict;

  if (self->assessment == NULL)
    return;

  invalid = vertebro_form_get_invalid (self->form);
  vertebro_form_show_assessment (self->form, self->assessment);
  vertebro_verdict_panel_show (self->panel, self->assessment, invalid, self->patient);

  verdict = vertebro_assessment_get_verdict (self->assessment);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->show_verdict_icon), vertebro_verdict_get_icon_name (verdict));
  if (verdict == VERTEBRO_VERDICT_INCOMPLETE)
    {
      guint answered, needed;
      g_autofree char *label = NULL;

      /* The narrow header's verdict button shows the progress too. */
      vertebro_assessment_get_progress (self->assessment, &answered, &needed);
      /* Translators: the verdict, then how many needed answers are given of how many: “Incomplete · 14/19”. */
      label = g_strdup_printf (_("%s · %u/%u"), vertebro_verdict_get_label (verdict), answered, needed);
      gtk_label_set_text (GTK_LABEL (self->show_verdict_label), label);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->show_verdict_label), vertebro_verdict_get_label (verdict));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->show_verdict_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, vertebro_verdict_get_label (verdict), -1);
}

/* Evaluates the patient once per change, and shows the result. */
static void
reevaluate (VertebroWindow *self)
{
  VertebroApplication *app = get_app (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  if (app == NULL)
    return;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
  g_clear_pointer (&self->assessment, vertebro_assessment_unref);
  self->assessment = vertebro_evaluate (vertebro_application_get_rules (app), self->patient, &today);
  show_assessment (self);
}

/* A banner that stays while drafts cannot be written (a full disk, an
 * unwritable state folder): a crash would then lose the unsaved changes,
 * and stderr is where nobody looks. @problem is NULL once a draft is
 * written again, or when there is nothing to back up. */
static void
show_draft_problem (VertebroWindow *self,
                    const char     *problem)
{
  if (problem != NULL)
    {
      /* Translators: a banner in the window; %s says why, such as “No space left on device”. */
      g_autofree char *text = g_strdup_printf (_("Unsaved changes are not being backed up: %s"), problem);

      gtk_label_set_text (self->draft_banner_label, text);
    }
  gtk_revealer_set_reveal_child (self->draft_banner, problem != NULL);
}

static gboolean
write_draft (gpointer data)
{
  VertebroWindow *self = data;
  g_autoptr(GError) error = NULL;

  self->draft_source = 0;
  if (!self->modified)
    return G_SOURCE_REMOVE;
  if (self->draft_path == NULL)
    self->draft_path = vertebro_draft_new_path ();
  if (!vertebro_draft_write (self->draft_path, self->patient, self->file, &error))
    {
      g_debug ("Could not keep a draft of the unsaved changes: %s", error->message);
      show_draft_problem (self, error->message);
    }
  else
    show_draft_problem (self, NULL);
  return G_SOURCE_REMOVE;
}

void
vertebro_window_flush_draft (VertebroWindow *self)
{
  g_clear_handle_id (&self->draft_source, g_source_remove);
  write_draft (self);
}

static void
drop_draft (VertebroWindow *self)
{
  g_clear_handle_id (&self->draft_source, g_source_remove);
  show_draft_problem (self, NULL);
  if (self->draft_path != NULL)
    vertebro_draft_remove (self->draft_path);
  g_clear_pointer (&self->draft_path, g_free);
}

static void
set_modified (VertebroWindow *self,
              gboolean        modified)
{
  self->modified = modified;
  update_title (self);
  if (modified)
    {
      g_clear_handle_id (&self->draft_source, g_source_remove);
      self->draft_source = g_timeout_add (DRAFT_DELAY_MS, write_draft, self);
    }
  else
    drop_draft (self);
}

static void
on_patient_changed (VertebroWindow *self)
{
  set_modified (self, TRUE);
  reevaluate (self);
}

static void
set_patient (VertebroWindow  *self,
             VertebroPatient *patient,
             GFile           *file)
{
  VertebroApplication *app = get_app (self);

  if (self->patient != NULL)
    g_clear_signal_handler (&self->changed_handler, self->patient);
  g_set_object (&self->patient, patient);
  g_set_object (&self->file, file);
  vertebro_disk_watch_set_file (self->disk, file);

  vertebro_form_set_patient (self->form, patient, app != NULL ? vertebro_application_get_rules (app) : NULL);
  self->changed_handler = g_signal_connect_swapped (patient, "changed", G_CALLBACK (on_patient_changed), self);
  reevaluate (self);
  /* What the file's trail says as it was opened: altered, or changed since
   * its last save (a new rule set, an edit elsewhere). */
  vertebro_verdict_panel_show_record_notice (self->panel, file != NULL ? self->assessment : NULL);
}

/* Listed in Open Recent (vertebro-recent.c) and the desktop's recent files. */
static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

/**
 * vertebro_window_load_file:
 * @self: a window
 * @file: a patient file
 * @error: why it was refused, naming the file, field and problem
 *
 * Opens @file in this window. A file that is refused leaves the window's
 * document exactly as it was.
 *
 * Returns: whether the file was opened
 */
gboolean
vertebro_window_load_file (VertebroWindow  *self,
                           GFile           *file,
                           GError         **error)
{
  g_autoptr(VertebroPatient) patient = vertebro_patient_new_from_file (file, NULL, error);

  if (patient == NULL)
    return FALSE;

  drop_draft (self);
  set_patient (self, patient, file);
  set_modified (self, FALSE);
  add_recent (file);
  return TRUE;
}

/* Restores a draft found after a crash: the document has unsaved changes. */
void
vertebro_window_recover (VertebroWindow  *self,
                         VertebroPatient *patient,
                         GFile           *origin)
{
  set_patient (self, patient, origin);
  set_modified (self, TRUE);
  toast (self, _("Unsaved changes from an earlier session were recovered"));
}

/* Who an audit entry is by: the clinician named in Preferences, else the
 * assessment's clinician, else the user's real name. */
static char *
audit_by (VertebroWindow *self)
{
  GSettings *settings = get_app (self) != NULL ? vertebro_application_get_settings (get_app (self)) : NULL;
  g_autofree char *preferred = settings != NULL ? g_settings_get_string (settings, "default-clinician") : NULL;
  const char *clinician = vertebro_patient_get_text (self->patient, "assessment.clinician");

  if (preferred != NULL && *preferred != '\0')
    return g_steal_pointer (&preferred);
  if (clinician != NULL && *clinician != '\0')
    return g_strdup (clinician);
  return g_strdup (g_get_real_name ());
}

static gboolean
save_to_full (VertebroWindow     *self,
              GFile              *file,
              VertebroSaveFlags   flags,
              GError            **error)
{
  g_autoptr(GPtrArray) invalid = vertebro_form_get_invalid (self->form);
  JsonArray *audit = vertebro_patient_get_audit (self->patient);
  guint n_entries = audit != NULL ? json_array_get_length (audit) : 0;

  /* A save whose verdict, findings, missing fields or rule set differ from
   * the trail's last entry is recorded in it (patient-format.md). */
  if (self->assessment != NULL &&
      vertebro_audit_entry_differs (n_entries > 0 ? json_array_get_object_element (audit, n_entries - 1) : NULL,
                                    self->assessment))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *by = audit_by (self);

      vertebro_patient_append_audit (self->patient, "saved", by, now, self->assessment);
    }
  if (!vertebro_patient_save_full (self->patient, file, flags, error))
    {
      /* Not saved: the entry goes too, so the trail records only saves. */
      vertebro_patient_truncate_audit (self->patient, n_entries);
      return FALSE;
    }

  if (self->file == NULL || !g_file_equal (self->file, file))
    {
      g_set_object (&self->file, file);
      vertebro_disk_watch_set_file (self->disk, file);
    }
  else
    vertebro_disk_watch_remember (self->disk);
  if (self->disk_toast != NULL)
    adw_toast_dismiss (self->disk_toast);
  /* The trail now ends with this save: only an altered trail is still said. */
  vertebro_verdict_panel_show_record_notice (self->panel, self->assessment);
  set_modified (self, FALSE);
  add_recent (file);
  if (invalid->len > 0)
    toast (self, _("Saved; invalid entries were saved as not assessed"));
  return TRUE;
}

/**
 * vertebro_window_save_to:
 * @self: a window
 * @file: where to save
 * @error: why saving failed
 *
 * Saves the document. On failure the document stays unsaved and the file
 * on disk is as it was.
 *
 * Returns: whether it was saved
 */
gboolean
vertebro_window_save_to (VertebroWindow  *self,
                         GFile           *file,
                         GError         **error)
{
  return save_to_full (self, file, VERTEBRO_SAVE_DEFAULT, error);
}

/* ---- Saving through a file chooser ---- */

typedef void (*AfterSave) (VertebroWindow *self);

static void
on_read_only_response (AdwMessageDialog *dialog,
                       const char       *response,
                       VertebroWindow   *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  AfterSave after = g_object_get_data (G_OBJECT (dialog), "after-save");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "replace"))
    return;
  if (!save_to_full (self, file, VERTEBRO_SAVE_REPLACE_READ_ONLY, &error))
    toast (self, error->message);
  else if (after != NULL)
    after (self);
}

/* A read-only document is replaced only when the user says so. */
static void
confirm_read_only (VertebroWindow *self,
                   GFile          *file,
                   AfterSave       after)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (base);
  g_autofree char *shown = vertebro_text_isolate (display);
  /* Translators: %s is a file name. */
  g_autofree char *body = g_strdup_printf (_("“%s” is read-only. Replace it anyway? It stays read-only."), shown);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace Read-Only File?"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "after-save", after);
  g_signal_connect (dialog, "response", G_CALLBACK (on_read_only_response), self);
  vertebro_name_mnemonic_buttons (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remember_folder (VertebroWindow *self,
                 GFile          *file)
{
  GSettings *settings = get_app (self) != NULL ? vertebro_application_get_settings (get_app (self)) : NULL;
  g_autoptr(GFile) parent = g_file_get_parent (file);

  if (settings != NULL && parent != NULL && g_file_peek_path (parent) != NULL)
    g_settings_set_string (settings, "last-folder", g_file_peek_path (parent));
}

static void
set_initial_folder (VertebroWindow *self,
                    GtkFileChooser *chooser)
{
  GSettings *settings = get_app (self) != NULL ? vertebro_application_get_settings (get_app (self)) : NULL;
  g_autofree char *folder = settings != NULL ? g_settings_get_string (settings, "last-folder") : NULL;

  if (folder != NULL && *folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) dir = g_file_new_for_path (folder);
      gtk_file_chooser_set_current_folder (chooser, dir, NULL);
    }
}

static GtkFileFilter *
patient_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Patient files"));
  gtk_file_filter_add_pattern (filter, "*.vertebro");
  gtk_file_filter_add_mime_type (filter, "application/x-vertebro+json");
  return filter;
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  VertebroWindow  *self)
{
  AfterSave after = g_object_get_data (G_OBJECT (dialog), "after-save");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (vertebro_window_save_to (self, file, &error))
        {
          remember_folder (self, file);
          if (after != NULL)
            after (self);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
        confirm_read_only (self, file, after);
      else
        toast (self, error->message);
    }
  g_object_unref (dialog);
}

/* The name Save As and Export offer for a document never saved:
 * "assessment-2026-11-21.pdf", from the assessment date (else today). Not
 * the patient's identifier: the name shows in window titles, recent files
 * and toasts, and stays in folder listings. The user may type any. */
static char *
neutral_name (VertebroWindow *self,
              const char     *extension)
{
  const char *date = vertebro_patient_get_text (self->patient, "assessment.date");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  /* Translators: the start of the file name offered for a new assessment,
   * before its date: "assessment-2026-11-21.vertebro". */
  return g_strdup_printf ("%s-%s%s", C_("file name", "assessment"), date != NULL && *date != '\0' ? date : today,
                          extension);
}

static void
save_as (VertebroWindow *self,
         AfterSave       after)
{
  g_autoptr(GtkFileFilter) filter = patient_filter ();
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  dialog = gtk_file_chooser_native_new (_("Save Assessment"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
  if (self->file != NULL)
    name = g_file_get_basename (self->file);
  else
    name = neutral_name (self, ".vertebro");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "after-save", after);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- No update lost ---- */

typedef struct {
  VertebroWindow *self;
  AfterSave       after;
} Conflict;

static void
on_conflict_response (AdwMessageDialog *dialog,
                      const char       *response,
                      Conflict         *conflict)
{
  VertebroWindow *self = conflict->self;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "theirs"))
    {
      g_autoptr(GFile) file = g_object_ref (self->file);

      /* Their version, and this document's changes dropped, as asked. */
      if (!vertebro_window_load_file (self, file, &error))
        toast (self, error->message);
    }
  else if (g_str_equal (response, "yours"))
    {
      if (!vertebro_window_save_to (self, self->file, &error))
        toast (self, error->message);
      else if (conflict->after != NULL)
        conflict->after (self);
    }
  else if (g_str_equal (response, "save-as"))
    save_as (self, conflict->after);
}

static void
ask_about_conflict (VertebroWindow    *self,
                    VertebroDiskState  state,
                    AfterSave          after)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *body = NULL;
  Conflict *conflict = g_new0 (Conflict, 1);
  GtkWidget *dialog;

  conflict->self = self;
  conflict->after = after;
  if (state == VERTEBRO_DISK_GONE)
    {
      /* Translators: %s is a file name. */
      body = g_strdup_printf (_("“%s” was deleted or renamed since you opened it. Save it again under "
                                "its name, or under another one?"), name);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("File No Longer There"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "save-as", _("Save _As…"),
                                        "yours", _("_Save Again"),
                                        NULL);
    }
  else
    {
      g_autoptr(VertebroPatient) theirs = vertebro_patient_new_from_file (self->file, NULL, NULL);
      g_autofree char *changes = theirs != NULL ? vertebro_patient_describe_changes (theirs, self->patient) : NULL;

      /* Translators: %s is a file name. */
      body = g_strdup_printf (_("“%s” was changed by someone else since you opened it. Saving now would "
                                "overwrite their changes."), name);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("File Changed on Disk"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "theirs", _("Keep _Theirs"),
                                        "save-as", _("Save Yours _As…"),
                                        "yours", _("_Keep Yours"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "yours", ADW_RESPONSE_DESTRUCTIVE);
      if (changes != NULL)
        {
          GtkWidget *expander = gtk_expander_new_with_mnemonic (_("Show _What Changed (Theirs → Yours)"));
          GtkWidget *scrolled = gtk_scrolled_window_new ();
          g_autofree char *safe = vertebro_worklist_safe_text (changes[0] != '\0' ? changes : _("No field differs."));
          g_auto(GStrv) lines = g_strsplit (changes, "\n", -1);
          GString *shown = g_string_new (NULL);
          GtkWidget *label;

          /* One field a line; each line made safe on its own. */
          for (guint i = 0; lines[i] != NULL; i++)
            if (lines[i][0] != '\0')
              {
                g_autofree char *line = vertebro_worklist_safe_text (lines[i]);
                g_string_append_printf (shown, "%s%s", shown->len > 0 ? "\n" : "", line);
              }
          label = gtk_label_new (shown->len > 0 ? shown->str : safe);
          g_string_free (shown, TRUE);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
          gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
          gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
          gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
          gtk_expander_set_child (GTK_EXPANDER (expander), scrolled);
          adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), expander);
        }
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_conflict_response), conflict, (GClosureNotify) g_free, 0);
  vertebro_name_mnemonic_buttons (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Someone else changed the file: an unmodified document shows their
 * version; a modified one says so, and its next save asks. */
static void
on_changed_on_disk (VertebroWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  VertebroDiskState state = vertebro_disk_watch_check (self->disk);
  AdwToast *t;

  if (self->file == NULL || state == VERTEBRO_DISK_SAME)
    return;
  name = g_file_get_basename (self->file);
  if (state == VERTEBRO_DISK_CHANGED && !self->modified)
    {
      g_autoptr(GFile) file = g_object_ref (self->file);
      g_autoptr(GError) error = NULL;

      if (vertebro_window_load_file (self, file, &error))
        {
          /* Translators: %s is a file name. */
          text = g_strdup_printf (_("“%s” was changed by someone else and has been reloaded"), name);
          toast (self, text);
          return;
        }
      /* Their version is refused: keep showing ours, and say why. */
      text = g_strdup_printf ("%s", error->message);
    }
  else if (state == VERTEBRO_DISK_CHANGED)
    /* Translators: %s is a file name. */
    text = g_strdup_printf (_("“%s” was changed on disk by someone else; saving will ask before overwriting it"), name);
  else
    /* Translators: %s is a file name. */
    text = g_strdup_printf (_("“%s” was deleted or renamed on disk; saving will ask before writing it again"), name);

  if (self->disk_toast != NULL)
    adw_toast_dismiss (self->disk_toast);
  t = adw_toast_new (text);
  adw_toast_set_timeout (t, 0);
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  g_set_weak_pointer (&self->disk_toast, t);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
save (VertebroWindow *self,
      AfterSave       after)
{
  g_autoptr(GError) error = NULL;
  VertebroDiskState state;

  if (self->file == NULL)
    {
      save_as (self, after);
      return;
    }
  /* Never over someone else's save, nor recreate a deleted file, unasked. */
  state = vertebro_disk_watch_check (self->disk);
  if (state != VERTEBRO_DISK_SAME)
    {
      ask_about_conflict (self, state, after);
      return;
    }
  if (!vertebro_window_save_to (self, self->file, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
        confirm_read_only (self, self->file, after);
      else
        toast (self, error->message);
      return;
    }
  if (after != NULL)
    after (self);
}

/* ---- Unsaved changes ---- */

static void
close_now (VertebroWindow *self)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

typedef struct {
  VertebroWindow *self;
  AfterSave       after;
  gboolean        save;
} Pending;

/* Runs once the dialog has finished: closing the window from inside the
 * dialog's own response would leave the dialog with a destroyed parent. */
static gboolean
run_pending (gpointer data)
{
  Pending *pending = data;

  if (pending->save)
    save (pending->self, pending->after);
  else
    pending->after (pending->self);
  g_object_unref (pending->self);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
on_unsaved_response (AdwMessageDialog *dialog,
                     const char       *response,
                     VertebroWindow   *self)
{
  Pending *pending;

  if (!g_str_equal (response, "discard") && !g_str_equal (response, "save"))
    return;

  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->after = g_object_get_data (G_OBJECT (dialog), "after");
  pending->save = g_str_equal (response, "save");
  if (!pending->save)
    set_modified (self, FALSE);
  g_idle_add (run_pending, pending);
}

/**
 * vertebro_name_mnemonic_buttons:
 * @root: a dialog, or any widget
 *
 * GTK 4.8 names a button with a mnemonic twice, the first time with its
 * underscore: screen readers say "_Save Save". The button's label property
 * holds the raw label, and its label widget names it as well; the label
 * widget's name is the right one. Call it on a message dialog once its
 * responses are added.
 */
void
vertebro_name_mnemonic_buttons (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_use_underline (GTK_BUTTON (child)))
        gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL);
      vertebro_name_mnemonic_buttons (child);
    }
}

/* Runs @after at once when nothing is unsaved, else asks Save / Discard /
 * Cancel first. */
static void
confirm_unsaved (VertebroWindow *self,
                 AfterSave       after)
{
  GtkWidget *dialog;

  if (!self->modified)
    {
      after (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"),
                                   _("This assessment has changes that are not saved. Unsaved changes are lost if you discard them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "after", after);
  g_signal_connect (dialog, "response", G_CALLBACK (on_unsaved_response), self);
  vertebro_name_mnemonic_buttons (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
vertebro_window_close_request (GtkWindow *window)
{
  VertebroWindow *self = VERTEBRO_WINDOW (window);
  GSettings *settings = get_app (self) != NULL ? vertebro_application_get_settings (get_app (self)) : NULL;

  if (self->modified && !self->close_confirmed)
    {
      confirm_unsaved (self, close_now);
      return TRUE;
    }

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }
  drop_draft (self);
  return GTK_WINDOW_CLASS (vertebro_window_parent_class)->close_request (window);
}

/* ---- Actions ---- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (VERTEBRO_WINDOW (widget), NULL);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (VERTEBRO_WINDOW (widget), NULL);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  VertebroWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      remember_folder (self, file);
      vertebro_application_open_window (get_app (self), file);
    }
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VertebroWindow *self = VERTEBRO_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = patient_filter ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open Assessment"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- The PDF summary and printing: one renderer (src/report/) ---- */

/* Says whether a PDF (the summary, the leaflet) was written, and if not why. */
static void
toast_exported (VertebroWindow *self,
                const char     *name,
                gboolean        written,
                const GError   *error)
{
  g_autofree char *text = NULL;

  if (written)
    /* Translators: %s is the name of the PDF file written. */
    text = g_strdup_printf (_("Exported %s"), name);
  else
    /* Translators: a file name, then why it could not be written. */
    text = g_strdup_printf (_("%s was not exported: %s"), name,
                            error != NULL ? error->message : _("not a local file"));
  toast (self, text);
}

static VertebroReport *
make_report (VertebroWindow *self)
{
  VertebroReport *report = vertebro_report_new (self->assessment, self->patient, vertebro_application_get_rules (get_app (self)));
  GSettings *settings = vertebro_application_get_settings (get_app (self));
  g_autofree char *institution = settings != NULL ? g_settings_get_string (settings, "institution-name") : NULL;

  vertebro_report_set_institution (report, institution);
  return report;
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    VertebroWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(VertebroReport) report = make_report (self);
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_file_get_basename (file);

      toast_exported (self, name, g_file_peek_path (file) != NULL &&
                                  vertebro_report_write_pdf (report, g_file_peek_path (file), &error), error);
    }
  g_object_unref (dialog);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VertebroWindow *self = VERTEBRO_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (self->file != NULL)
    {
      g_autofree char *base = g_file_get_basename (self->file);
      char *dot = strrchr (base, '.');

      if (dot != NULL)
        *dot = '\0';
      name = g_strconcat (base, ".pdf", NULL);
    }
  else
    name = neutral_name (self, ".pdf");

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  dialog = gtk_file_chooser_native_new (_("Export PDF Summary"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- The patient's leaflet (issue 17): a language, then a file ---- */

static void
on_leaflet_response (GtkNativeDialog *dialog,
                     int              response,
                     VertebroWindow  *self)
{
  const char *language = g_object_get_data (G_OBJECT (dialog), "vertebro-language");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(VertebroLeaflet) leaflet = vertebro_leaflet_new (self->assessment, self->patient, language);
      GSettings *settings = get_app (self) != NULL ? vertebro_application_get_settings (get_app (self)) : NULL;
      g_autofree char *contact = settings != NULL ? g_settings_get_string (settings, "department-contact") : NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_file_get_basename (file);

      vertebro_leaflet_set_contact (leaflet, contact);
      toast_exported (self, name, g_file_peek_path (file) != NULL &&
                                  vertebro_leaflet_write_pdf (leaflet, g_file_peek_path (file), &error), error);
    }
  g_object_unref (dialog);
}

static void
choose_leaflet_file (VertebroWindow *self,
                     const char     *language)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;
  const char *id = vertebro_patient_get_text (self->patient, "patient.identifier");
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  if (self->file != NULL)
    {
      char *dot;

      stem = g_file_get_basename (self->file);
      if ((dot = strrchr (stem, '.')) != NULL)
        *dot = '\0';
    }
  else
    stem = g_strdup (id != NULL && *id != '\0' ? id : _("assessment"));
  /* Translators: the file name offered for a patient's leaflet: the
   * document's name, then a language code such as “es”. */
  name = g_strdup_printf (_("%s-leaflet-%s.pdf"), stem, language);

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  dialog = gtk_file_chooser_native_new (_("Export Patient Leaflet"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data_full (G_OBJECT (dialog), "vertebro-language", g_strdup (language), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_leaflet_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_leaflet_language_response (AdwMessageDialog *dialog,
                              const char       *response,
                              VertebroWindow   *self)
{
  GtkDropDown *languages = g_object_get_data (G_OBJECT (dialog), "vertebro-languages");
  guint selected = gtk_drop_down_get_selected (languages);

  if (g_str_equal (response, "choose") && selected < g_strv_length ((char **) vertebro_leaflet_get_languages ()))
    choose_leaflet_file (self, vertebro_leaflet_get_languages ()[selected]);
}

/* The leaflet's language is asked first, the interface's chosen: the
 * patient's language is often not the clinician's. */
static void
export_leaflet_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VertebroWindow *self = VERTEBRO_WINDOW (widget);
  const char * const *codes = vertebro_leaflet_get_languages ();
  const char *current = vertebro_leaflet_get_default_language ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GtkWidget *dialog, *languages;
  guint selected = 0;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_ptr_array_add (names, (gpointer) vertebro_leaflet_get_language_name (codes[i]));
      if (g_str_equal (codes[i], current))
        selected = i;
    }
  g_ptr_array_add (names, NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Patient Leaflet"),
                                   _("What to do before and after the procedure, with the patient’s dates, "
                                     "for the patient to take home. Choose the patient’s language."));
  languages = gtk_drop_down_new_from_strings ((const char * const *) names->pdata);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (languages), selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (languages), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Language of the leaflet"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), languages);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "choose", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "vertebro-languages", languages);
  g_signal_connect (dialog, "response", G_CALLBACK (on_leaflet_language_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                VertebroReport    *report)
{
  vertebro_report_paginate (report, gtk_print_context_get_width (context), gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) vertebro_report_get_n_pages (report));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              VertebroReport    *report)
{
  vertebro_report_draw_page (report, gtk_print_context_get_cairo_context (context), (guint) page);
}

/* A summary printed to a file holds the patient's data. The file is made
 * readable by its owner only before it is written: cairo (an export) and
 * GIO (the dialog's "Print to File") keep the mode of a file they write
 * over, whatever the umask. */
static void
make_private_file (const char *path)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

  /* If it cannot be opened, printing says why. */
  if (fd < 0)
    return;
  if (fchmod (fd, 0600) != 0)
    g_warning ("Could not make a printed file private: %s", g_strerror (errno));
  close (fd);
}

/* The file the dialog's "Print to File" writes, or NULL. */
static char *
print_to_file_path (GtkPrintOperation *operation)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  const char *uri = settings != NULL ? gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI) : NULL;

  return uri != NULL ? g_filename_from_uri (uri, NULL, NULL) : NULL;
}

/* What a killed "Print to File" left in @path's folder: GIO writes over a
 * file through ".goutputstream-XXXXXX" beside it, and a kill leaves that,
 * hidden and with the patient's data in it. */
static void
remove_stale_prints (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  vertebro_report_remove_stale_partials (dir, VERTEBRO_REPORT_GIO_PARTIAL, TRUE);
}

static void
on_begin_print_to_file (GtkPrintOperation *operation)
{
  g_autofree char *path = print_to_file_path (operation);

  if (path != NULL)
    {
      remove_stale_prints (path);
      make_private_file (path);
    }
}

/**
 * vertebro_window_print:
 * @self: a window
 * @action: print with the dialog, or export to @export_filename
 * @export_filename: (nullable): for %GTK_PRINT_OPERATION_ACTION_EXPORT
 * @error: why printing failed
 *
 * Prints the very pages of the PDF summary through GtkPrintOperation.
 *
 * Returns: whether the job was handed on (or the user cancelled)
 */
gboolean
vertebro_window_print (VertebroWindow          *self,
                       GtkPrintOperationAction  action,
                       const char              *export_filename,
                       GError                 **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(VertebroReport) report = make_report (self);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  GtkPrintOperationResult result;
  double width, height;

  vertebro_paper_get_size (vertebro_report_get_paper (report), &width, &height);
  paper = gtk_paper_size_new_custom ("vertebro", "", width, height, GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The report lays out its own margins on the full page, in points. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, _("Vertebroplasty assessment"));
  if (export_filename != NULL)
    {
      remove_stale_prints (export_filename);
      make_private_file (export_filename);
      gtk_print_operation_set_export_filename (operation, export_filename);
    }
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), report);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_to_file), NULL);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), report);

  result = gtk_print_operation_run (operation, action, GTK_WINDOW (self), error);

  /* In case "Print to File" created its file before "begin-print". */
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_autofree char *path = print_to_file_path (operation);

      if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_chmod (path, 0600);
    }
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/* ---- Copy Summary ---- */

/* The assessment as plain text on the clipboard, in the interface's
 * language, ready to paste into a clinical note: the same text as
 * `vertebro --evaluate`. */
static void
copy_summary_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VertebroWindow *self = VERTEBRO_WINDOW (widget);
  g_autofree char *text = NULL;

  if (self->assessment == NULL || get_app (self) == NULL)
    return;
  text = vertebro_assessment_to_text (self->assessment, vertebro_application_get_rules (get_app (self)));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  toast (self, _("Summary copied"));
}

/* ---- The decision ---- */

static void
on_decision_recorded (VertebroWindow *self,
                      JsonObject     *decision)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *by = json_object_get_string_member_with_default (decision, "by", NULL) != NULL
                        ? g_strdup (json_object_get_string_member (decision, "by")) : audit_by (self);

  vertebro_patient_set_decision (self->patient, decision);
  /* The entry records the assessment the decision was made on. */
  vertebro_patient_append_audit (self->patient, "decision", by, now, self->assessment);
  toast (self, _("Decision recorded; save to keep it"));
}

static void
record_decision_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  VertebroWindow *self = VERTEBRO_WINDOW (widget);
  g_autofree char *by = audit_by (self);
  VertebroDecisionDialog *dialog;

  if (self->assessment == NULL)
    return;
  dialog = vertebro_decision_dialog_new (GTK_WINDOW (self), self->patient, self->assessment, by);
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_decision_recorded), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VertebroWindow *self = VERTEBRO_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!vertebro_window_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error))
    toast (self, error->message);
}

static void
show_verdict_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VertebroWindow *self = VERTEBRO_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->panel_page);
  /* The button goes away with the form: the focus goes to the verdict. */
  gtk_widget_child_focus (GTK_WIDGET (self->panel), GTK_DIR_TAB_FORWARD);
}

static void
show_form_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VertebroWindow *self = VERTEBRO_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->form_page);
  if (self->form_focus == NULL || !gtk_widget_grab_focus (self->form_focus))
    gtk_widget_child_focus (GTK_WIDGET (self->form), GTK_DIR_TAB_FORWARD);
}

/* F6 moves the keyboard focus between the form and the verdict panel, as
 * it moves between the panes of other GNOME apps: the form is long, and the
 * verdict should be one key away. In the form it comes back to the field it
 * left. */
static void
switch_pane_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VertebroWindow *self = VERTEBRO_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean to_form = focus != NULL && gtk_widget_is_ancestor (focus, self->panel_page);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, to_form ? self->form_page : self->panel_page);

  if (!to_form)
    gtk_widget_child_focus (GTK_WIDGET (self->panel), GTK_DIR_TAB_FORWARD);
  else if (self->form_focus == NULL || !gtk_widget_grab_focus (self->form_focus))
    gtk_widget_child_focus (GTK_WIDGET (self->form), GTK_DIR_TAB_FORWARD);
}

static void
on_focus_widget_changed (VertebroWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->form)))
    g_set_weak_pointer (&self->form_focus, focus);
}

static void
on_focus_field (VertebroWindow *self,
                const char     *path)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->form_page);
  vertebro_form_focus_field (self->form, path);
}

static gboolean
update_folded (gpointer data)
{
  VertebroWindow *self = data;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean on_panel = adw_leaflet_get_visible_child (self->leaflet) == self->panel_page;

  gtk_stack_set_visible_child (self->title_stack, folded && !on_panel ? self->show_verdict_button
                                                                      : GTK_WIDGET (self->title_widget));
  gtk_widget_set_visible (self->back_button, folded && on_panel);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* The leaflet folds while it is being allocated; the header bar's buttons
 * change after that, not in the middle of it. */
static void
on_folded (VertebroWindow *self)
{
  g_idle_add (update_folded, g_object_ref (self));
}

/* ---- Object ---- */

/* Called once the window belongs to the application: the "application"
 * property is set only after construction. Shows @opened from @file, or a
 * new assessment when @opened is %NULL: the form is built once, for the
 * document it shows. */
static void
vertebro_window_setup (VertebroWindow  *self,
                       VertebroPatient *opened,
                       GFile           *file)
{
  VertebroApplication *app = get_app (self);
  GSettings *settings = app != NULL ? vertebro_application_get_settings (app) : NULL;
  g_autoptr(VertebroPatient) patient = opened != NULL ? g_object_ref (opened) : vertebro_patient_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  if (settings != NULL)
    {
      g_autofree char *clinician = g_settings_get_string (settings, "default-clinician");

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      if (opened == NULL && *clinician != '\0')
        vertebro_patient_set_text (patient, "assessment.clinician", clinician);
      g_settings_bind (settings, "platelet-unit", self->form, "platelet-unit", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "creatinine-unit", self->form, "creatinine-unit", G_SETTINGS_BIND_DEFAULT);
    }

  /* A new assessment is made today. */
  if (opened == NULL)
    vertebro_patient_set_text (patient, "assessment.date", today);
  if (app != NULL)
    vertebro_verdict_panel_set_rules (self->panel, vertebro_application_get_rules (app),
                                      vertebro_application_is_site_rules (app));
  set_patient (self, patient, file);
  set_modified (self, FALSE);
}

static void
vertebro_window_dispose (GObject *object)
{
  VertebroWindow *self = (VertebroWindow *)object;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  g_clear_weak_pointer (&self->form_focus);
  if (self->patient != NULL)
    g_clear_signal_handler (&self->changed_handler, self->patient);
  g_clear_object (&self->patient);
  g_clear_object (&self->file);
  g_clear_pointer (&self->assessment, vertebro_assessment_unref);
  /* A draft still here was not dropped: it stays, for the next start. */
  if (self->draft_path != NULL)
    vertebro_draft_release (self->draft_path);
  g_clear_pointer (&self->draft_path, g_free);
  g_clear_weak_pointer (&self->disk_toast);
  if (self->disk != NULL)
    g_signal_handlers_disconnect_by_data (self->disk, self);
  g_clear_object (&self->disk);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERTEBRO_TYPE_WINDOW);

  G_OBJECT_CLASS (vertebro_window_parent_class)->dispose (object);
}

static void
vertebro_window_class_init (VertebroWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = vertebro_window_dispose;
  window_class->close_request = vertebro_window_close_request;

  g_type_ensure (VERTEBRO_TYPE_FORM);
  g_type_ensure (VERTEBRO_TYPE_VERDICT_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/vertebro-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, draft_banner);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, draft_banner_label);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, title_widget);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, form_page);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, panel_page);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, form);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, panel);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, show_verdict_button);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, show_verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, show_verdict_label);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, show_verdict_name);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, VertebroWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_focus_field);
  gtk_widget_class_bind_template_callback (widget_class, on_folded);
  gtk_widget_class_bind_template_callback (widget_class, show_assessment);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.export-leaflet", NULL, export_leaflet_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.record-decision", NULL, record_decision_action);
  gtk_widget_class_install_action (widget_class, "win.copy-summary", NULL, copy_summary_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-summary", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-verdict", NULL, show_verdict_action);
  gtk_widget_class_install_action (widget_class, "win.show-form", NULL, show_form_action);
  gtk_widget_class_install_action (widget_class, "win.switch-pane", NULL, switch_pane_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.switch-pane", NULL);
}

static void
vertebro_window_init (VertebroWindow *self)
{
  self->disk = vertebro_disk_watch_new ();
  g_signal_connect_swapped (self->disk, "changed-on-disk", G_CALLBACK (on_changed_on_disk), self);
  gtk_widget_init_template (GTK_WIDGET (self));
  vertebro_recent_track (self->recent_menu);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_changed), NULL);
}

VertebroWindow *
vertebro_window_new (AdwApplication *application)
{
  VertebroWindow *self = g_object_new (VERTEBRO_TYPE_WINDOW, "application", application, NULL);

  vertebro_window_setup (self, NULL, NULL);
  return self;
}

/**
 * vertebro_window_new_for_file:
 * @application: the application
 * @file: a patient file
 * @error: why it was refused, naming the file, field and problem
 *
 * Makes a window showing @file, read before the window is built.
 *
 * Returns: (transfer none) (nullable): the window, or %NULL when @file
 *   was refused
 */
VertebroWindow *
vertebro_window_new_for_file (AdwApplication  *application,
                              GFile           *file,
                              GError         **error)
{
  g_autoptr(VertebroPatient) patient = vertebro_patient_new_from_file (file, NULL, error);
  VertebroWindow *self;

  if (patient == NULL)
    return NULL;

  self = g_object_new (VERTEBRO_TYPE_WINDOW, "application", application, NULL);
  vertebro_window_setup (self, patient, file);
  add_recent (file);
  return self;
}

/* A window that shows a new assessment nobody has touched. */
gboolean
vertebro_window_is_pristine (VertebroWindow *self)
{
  return self->file == NULL && !self->modified;
}

gboolean
vertebro_window_get_modified (VertebroWindow *self)
{
  return self->modified;
}

GFile *
vertebro_window_get_file (VertebroWindow *self)
{
  return self->file;
}

VertebroPatient *
vertebro_window_get_patient (VertebroWindow *self)
{
  return self->patient;
}

VertebroAssessment *
vertebro_window_get_assessment (VertebroWindow *self)
{
  return self->assessment;
}

GtkWidget *
vertebro_window_get_form (VertebroWindow *self)
{
  return GTK_WIDGET (self->form);
}

GtkWidget *
vertebro_window_get_panel (VertebroWindow *self)
{
  return GTK_WIDGET (self->panel);
}

const char *
vertebro_window_get_draft_path (VertebroWindow *self)
{
  return self->draft_path;
}
