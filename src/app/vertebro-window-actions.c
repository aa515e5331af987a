/* vertebro-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window does with its document: save (atomically, never over
 * someone else's save unasked), Save As, Open, Close (never dropping
 * unsaved changes unasked), Copy Summary, Record Decision, and moving
 * between the form and the verdict (F6).
 */

#define G_LOG_DOMAIN "vertebro-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vertebro-decision-dialog.h"
#include "vertebro-window-private.h"

typedef void (*AfterSave) (VertebroWindow *self);

static gboolean
save_to_full (VertebroWindow     *self,
              GFile              *file,
              VertebroSaveFlags   flags,
              GError            **error)
{
  g_autofree char *by = vertebro_window_audit_by (self);

  if (!vertebro_document_save (self->document, file, flags, by, error))
    return FALSE;

  /* The file is as this document wrote it. */
  if (self->disk_toast != NULL)
    adw_toast_dismiss (self->disk_toast);
  /* The trail now ends with this save: only an altered trail is still said. */
  vertebro_verdict_panel_show_record_notice (self->panel, vertebro_document_get_assessment (self->document));
  vertebro_window_add_recent (file);
  if (vertebro_document_get_invalid (self->document)->len > 0)
    vertebro_window_toast (self, _("Saved; invalid entries were saved as not assessed"));
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
    vertebro_window_toast (self, error->message);
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
          vertebro_window_remember_folder (self, file);
          if (after != NULL)
            after (self);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
        confirm_read_only (self, file, after);
      else
        vertebro_window_toast (self, error->message);
    }
  g_object_unref (dialog);
}

static void
save_as (VertebroWindow *self,
         AfterSave       after)
{
  g_autoptr(GtkFileFilter) filter = patient_filter ();
  GFile *file = vertebro_document_get_file (self->document);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  dialog = gtk_file_chooser_native_new (_("Save Assessment"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  vertebro_window_set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    name = g_file_get_basename (file);
  else
    name = vertebro_window_neutral_name (self, ".vertebro");
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
  g_autoptr(GFile) file = g_object_ref (vertebro_document_get_file (self->document));
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "theirs"))
    {
      /* Their version, and this document's changes dropped, as asked. */
      if (!vertebro_window_load_file (self, file, &error))
        vertebro_window_toast (self, error->message);
    }
  else if (g_str_equal (response, "yours"))
    {
      if (!vertebro_window_save_to (self, file, &error))
        vertebro_window_toast (self, error->message);
      else if (conflict->after != NULL)
        conflict->after (self);
    }
  else if (g_str_equal (response, "save-as"))
    save_as (self, conflict->after);
}

/* Their changes, field by field, one line each and each made safe to show. */
static GtkWidget *
changes_expander (const char *changes)
{
  GtkWidget *expander = gtk_expander_new_with_mnemonic (_("Show _What Changed (Theirs → Yours)"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autofree char *safe = vertebro_worklist_safe_text (changes[0] != '\0' ? changes : _("No field differs."));
  g_auto(GStrv) lines = g_strsplit (changes, "\n", -1);
  g_autoptr(GString) shown = g_string_new (NULL);
  GtkWidget *label;

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      {
        g_autofree char *line = vertebro_worklist_safe_text (lines[i]);
        g_string_append_printf (shown, "%s%s", shown->len > 0 ? "\n" : "", line);
      }
  label = gtk_label_new (shown->len > 0 ? shown->str : safe);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_expander_set_child (GTK_EXPANDER (expander), scrolled);
  return expander;
}

static void
ask_about_conflict (VertebroWindow    *self,
                    VertebroDiskState  state,
                    AfterSave          after)
{
  GFile *file = vertebro_document_get_file (self->document);
  g_autofree char *name = g_file_get_basename (file);
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
      g_autoptr(VertebroPatient) theirs = vertebro_patient_new_from_file (file, NULL, NULL);
      g_autofree char *changes = theirs != NULL
        ? vertebro_patient_describe_changes (theirs, vertebro_document_get_patient (self->document)) : NULL;

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
        adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), changes_expander (changes));
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_conflict_response), conflict, (GClosureNotify) g_free, 0);
  vertebro_name_mnemonic_buttons (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save (VertebroWindow *self,
      AfterSave       after)
{
  GFile *file = vertebro_document_get_file (self->document);
  g_autoptr(GError) error = NULL;
  VertebroDiskState state;

  if (file == NULL)
    {
      save_as (self, after);
      return;
    }
  /* Never over someone else's save, nor recreate a deleted file, unasked. */
  state = vertebro_document_check_disk (self->document);
  if (state != VERTEBRO_DISK_SAME)
    {
      ask_about_conflict (self, state, after);
      return;
    }
  if (!vertebro_window_save_to (self, file, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
        confirm_read_only (self, file, after);
      else
        vertebro_window_toast (self, error->message);
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
    vertebro_document_discard_changes (self->document);
  g_idle_add (run_pending, pending);
}

/* Runs @after at once when nothing is unsaved, else asks Save / Discard /
 * Cancel first. */
static void
confirm_unsaved (VertebroWindow *self,
                 AfterSave       after)
{
  GtkWidget *dialog;

  if (!vertebro_document_get_modified (self->document))
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

/* The window is asked to close with unsaved changes. */
void
vertebro_window_confirm_close (VertebroWindow *self)
{
  confirm_unsaved (self, close_now);
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

/* The application decides where a file opens (the window that shows it
 * already, an untouched one, or a new one): "app.open-file". */
static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  VertebroWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *uri = g_file_get_uri (file);

      vertebro_window_remember_folder (self, file);
      gtk_widget_activate_action (GTK_WIDGET (self), "app.open-file", "s", uri);
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
  vertebro_window_set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The assessment as plain text on the clipboard, in the interface's
 * language, ready to paste into a clinical note: the same text as
 * `vertebro --evaluate`. */
static void
copy_summary_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VertebroWindow *self = VERTEBRO_WINDOW (widget);
  g_autofree char *text = vertebro_assessment_to_text (vertebro_document_get_assessment (self->document),
                                                       vertebro_document_get_rules (self->document));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  vertebro_window_toast (self, _("Summary copied"));
}

/* ---- The decision ---- */

static void
on_decision_recorded (VertebroWindow *self,
                      JsonObject     *decision)
{
  const char *named = json_object_get_string_member_with_default (decision, "by", NULL);
  g_autofree char *by = named != NULL ? g_strdup (named) : vertebro_window_audit_by (self);

  vertebro_document_record_decision (self->document, decision, by);
  vertebro_window_toast (self, _("Decision recorded; save to keep it"));
}

static void
record_decision_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  VertebroWindow *self = VERTEBRO_WINDOW (widget);
  g_autofree char *by = vertebro_window_audit_by (self);
  VertebroDecisionDialog *dialog;

  dialog = vertebro_decision_dialog_new (GTK_WINDOW (self), vertebro_document_get_patient (self->document),
                                         vertebro_document_get_assessment (self->document), by);
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_decision_recorded), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- The panes: the form and the verdict ---- */

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
focus_form (VertebroWindow *self)
{
  if (self->form_focus == NULL || !gtk_widget_grab_focus (self->form_focus))
    gtk_widget_child_focus (GTK_WIDGET (self->form), GTK_DIR_TAB_FORWARD);
}

static void
show_form_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VertebroWindow *self = VERTEBRO_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->form_page);
  focus_form (self);
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

  if (to_form)
    focus_form (self);
  else
    gtk_widget_child_focus (GTK_WIDGET (self->panel), GTK_DIR_TAB_FORWARD);
}

void
vertebro_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.record-decision", NULL, record_decision_action);
  gtk_widget_class_install_action (widget_class, "win.copy-summary", NULL, copy_summary_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-summary", NULL);

  gtk_widget_class_install_action (widget_class, "win.show-verdict", NULL, show_verdict_action);
  gtk_widget_class_install_action (widget_class, "win.show-form", NULL, show_form_action);
  gtk_widget_class_install_action (widget_class, "win.switch-pane", NULL, switch_pane_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.switch-pane", NULL);
}
