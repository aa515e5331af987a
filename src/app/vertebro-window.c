/* vertebro-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One assessment: the form and the verdict panel side by side, or one at a
 * time below 720 px. The window shows a VertebroDocument (src/core/): the
 * form writes the patient, the document evaluates it once per change, and
 * the form and the panel each show the assessment they are told of.
 *
 * This file is the shell: the title, the panes, the header's verdict, and
 * what ties the document to its widgets. Saving, opening and closing are in
 * vertebro-window-actions.c; the PDF summary, the leaflet and printing in
 * vertebro-window-export.c.
 */

#define G_LOG_DOMAIN "vertebro-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vertebro-host-folder.h"
#include "vertebro-recent.h"
#include "vertebro-window-private.h"

G_DEFINE_FINAL_TYPE (VertebroWindow, vertebro_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SETTINGS,
  PROP_SITE_RULES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
vertebro_window_toast (VertebroWindow *self,
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

/* The file's name and folder, as the title shows them: worked out when the
 * document's file changes, not at every keystroke (the folder may be asked
 * of the document portal). */
static void
update_file_names (VertebroWindow *self)
{
  GFile *file = vertebro_document_get_file (self->document);

  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->file_folder, g_free);
  /* The file's name, its folder and the patient's name are each isolated
   * (vertebro_text_isolate()): a right-to-left override in one cannot
   * reorder the others. */
  if (file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (basename);
      /* Not the document portal's folder in a sandbox (vertebro-host-folder.c). */
      g_autofree char *folder = vertebro_host_folder (file);

      self->file_name = vertebro_text_isolate (display);
      self->file_folder = folder != NULL ? vertebro_text_isolate (folder) : NULL;
    }
  else
    self->file_name = g_strdup (_("New Assessment"));
}

static void
update_title (VertebroWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *patient_name = vertebro_patient_get_text (vertebro_document_get_patient (self->document),
                                                        "patient.name");

  /* The unsaved-changes marker, as GNOME apps show it. */
  title = vertebro_document_get_modified (self->document) ? g_strdup_printf ("• %s", self->file_name)
                                                          : g_strdup (self->file_name);

  if (patient_name != NULL && *patient_name != '\0')
    {
      g_autofree char *shortened = shorten (patient_name);
      g_autofree char *shown = vertebro_text_isolate (shortened);

      subtitle = self->file_folder != NULL ? g_strdup_printf ("%s — %s", shown, self->file_folder) : g_strdup (shown);
      /* A narrow header has room for the patient's name only. */
      gtk_label_set_text (GTK_LABEL (self->show_verdict_name), shown);
    }
  else
    {
      subtitle = g_strdup (self->file_folder);
      gtk_label_set_text (GTK_LABEL (self->show_verdict_name), title);
    }
  adw_window_title_set_title (self->title_widget, title);
  adw_window_title_set_subtitle (self->title_widget, subtitle != NULL ? subtitle : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* ---- The document, shown ---- */

/* The narrow header's verdict button: the verdict, and while incomplete how
 * far along the assessment is. */
static void
update_verdict_button (VertebroWindow *self)
{
  VertebroAssessment *assessment = vertebro_document_get_assessment (self->document);
  VertebroVerdict verdict = vertebro_assessment_get_verdict (assessment);

  gtk_image_set_from_icon_name (GTK_IMAGE (self->show_verdict_icon), vertebro_verdict_get_icon_name (verdict));
  if (verdict == VERTEBRO_VERDICT_INCOMPLETE)
    {
      guint answered, needed;
      g_autofree char *label = NULL;

      vertebro_assessment_get_progress (assessment, &answered, &needed);
      /* Translators: the verdict, then how many needed answers are given of how many: “Incomplete · 14/19”. */
      label = g_strdup_printf (_("%s · %u/%u"), vertebro_verdict_get_label (verdict), answered, needed);
      gtk_label_set_text (GTK_LABEL (self->show_verdict_label), label);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->show_verdict_label), vertebro_verdict_get_label (verdict));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->show_verdict_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, vertebro_verdict_get_label (verdict), -1);
}

static void
on_draft_problem (VertebroWindow *self)
{
  const char *problem = vertebro_document_get_draft_problem (self->document);

  /* A banner that stays while drafts cannot be written (a full disk, an
   * unwritable state folder): a crash would then lose the unsaved changes,
   * and stderr is where nobody looks. */
  if (problem != NULL)
    {
      /* Translators: a banner in the window; %s says why, such as “No space left on device”. */
      g_autofree char *text = g_strdup_printf (_("Unsaved changes are not being backed up: %s"), problem);

      gtk_label_set_text (self->draft_banner_label, text);
    }
  gtk_revealer_set_reveal_child (self->draft_banner, problem != NULL);
}

/* Someone else changed the file: an unmodified document shows their
 * version; a modified one says so, and its next save asks. */
static void
on_changed_on_disk (VertebroWindow *self)
{
  GFile *file = vertebro_document_get_file (self->document);
  VertebroDiskState state = vertebro_document_check_disk (self->document);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  AdwToast *t;

  if (file == NULL || state == VERTEBRO_DISK_SAME)
    return;
  name = g_file_get_basename (file);
  if (state == VERTEBRO_DISK_CHANGED && !vertebro_document_get_modified (self->document))
    {
      g_autoptr(GFile) theirs = g_object_ref (file);
      g_autoptr(GError) error = NULL;

      if (vertebro_window_load_file (self, theirs, &error))
        {
          /* Translators: %s is a file name. */
          text = g_strdup_printf (_("“%s” was changed by someone else and has been reloaded"), name);
          vertebro_window_toast (self, text);
          return;
        }
      /* Their version is refused: keep showing ours, and say why. */
      text = g_strdup (error->message);
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

/* The file is as this document wrote it: the "changed on disk" toast no
 * longer holds. */
static void
on_file_changed (VertebroWindow *self)
{
  if (self->disk_toast != NULL)
    adw_toast_dismiss (self->disk_toast);
  update_file_names (self);
  update_title (self);
}

static void
on_assessment_changed (VertebroWindow *self)
{
  update_verdict_button (self);
  /* The name in the title follows the form as it is typed. */
  update_title (self);
}

/* Listed in Open Recent (vertebro-recent.c) and the desktop's recent files. */
void
vertebro_window_add_recent (GFile *file)
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
  g_return_val_if_fail (VERTEBRO_IS_WINDOW (self), FALSE);

  if (!vertebro_document_load (self->document, file, error))
    return FALSE;
  vertebro_window_add_recent (file);
  return TRUE;
}

/* Restores a draft found after a crash: the document has unsaved changes. */
void
vertebro_window_recover (VertebroWindow  *self,
                         VertebroPatient *patient,
                         GFile           *origin)
{
  g_return_if_fail (VERTEBRO_IS_WINDOW (self));

  vertebro_document_recover (self->document, patient, origin);
  vertebro_window_toast (self, _("Unsaved changes from an earlier session were recovered"));
}

/* Who an audit entry is by: the clinician named in Preferences, else the
 * assessment's clinician, else the user's real name. */
char *
vertebro_window_audit_by (VertebroWindow *self)
{
  g_autofree char *preferred = self->settings != NULL ? g_settings_get_string (self->settings, "default-clinician") : NULL;
  const char *clinician = vertebro_patient_get_text (vertebro_document_get_patient (self->document),
                                                     "assessment.clinician");

  if (preferred != NULL && *preferred != '\0')
    return g_steal_pointer (&preferred);
  if (clinician != NULL && *clinician != '\0')
    return g_strdup (clinician);
  return g_strdup (g_get_real_name ());
}

/* ---- File choosers ---- */

void
vertebro_window_remember_folder (VertebroWindow *self,
                                 GFile          *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);

  if (self->settings != NULL && parent != NULL && g_file_peek_path (parent) != NULL)
    g_settings_set_string (self->settings, "last-folder", g_file_peek_path (parent));
}

void
vertebro_window_set_initial_folder (VertebroWindow *self,
                                    GtkFileChooser *chooser)
{
  g_autofree char *folder = self->settings != NULL ? g_settings_get_string (self->settings, "last-folder") : NULL;

  if (folder != NULL && *folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) dir = g_file_new_for_path (folder);
      gtk_file_chooser_set_current_folder (chooser, dir, NULL);
    }
}

/* The name Save As and Export offer for a document never saved:
 * "assessment-2026-11-21.pdf", from the assessment date (else today). Not
 * the patient's identifier: the name shows in window titles, recent files
 * and toasts, and stays in folder listings. The user may type any. */
char *
vertebro_window_neutral_name (VertebroWindow *self,
                              const char     *extension)
{
  const char *date = vertebro_patient_get_text (vertebro_document_get_patient (self->document), "assessment.date");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  /* Translators: the start of the file name offered for a new assessment,
   * before its date: "assessment-2026-11-21.vertebro". */
  return g_strdup_printf ("%s-%s%s", C_("file name", "assessment"), date != NULL && *date != '\0' ? date : today,
                          extension);
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

/* ---- The panes ---- */

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

static gboolean
vertebro_window_close_request (GtkWindow *window)
{
  VertebroWindow *self = VERTEBRO_WINDOW (window);

  if (vertebro_document_get_modified (self->document) && !self->close_confirmed)
    {
      vertebro_window_confirm_close (self);
      return TRUE;
    }

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  /* Closed without saving only when the user said to discard. */
  vertebro_document_discard_changes (self->document);
  return GTK_WINDOW_CLASS (vertebro_window_parent_class)->close_request (window);
}

/* Everything is handed in by now (construct-only properties): the form is
 * built once, for the document it shows. */
static void
vertebro_window_constructed (GObject *object)
{
  VertebroWindow *self = VERTEBRO_WINDOW (object);

  G_OBJECT_CLASS (vertebro_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_settings_bind (self->settings, "platelet-unit", self->form, "platelet-unit", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "creatinine-unit", self->form, "creatinine-unit", G_SETTINGS_BIND_DEFAULT);
    }
  vertebro_verdict_panel_set_rules (self->panel, vertebro_document_get_rules (self->document), self->site_rules);
  vertebro_verdict_panel_set_document (self->panel, self->document);

  g_signal_connect_object (self->document, "notify::patient", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::file", G_CALLBACK (on_file_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::modified", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::assessment", G_CALLBACK (on_assessment_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::draft-problem", G_CALLBACK (on_draft_problem), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "changed-on-disk", G_CALLBACK (on_changed_on_disk), self,
                           G_CONNECT_SWAPPED);
  vertebro_form_set_document (self->form, self->document);

  update_file_names (self);
  on_assessment_changed (self);
  on_draft_problem (self);
  if (vertebro_document_get_file (self->document) != NULL)
    vertebro_window_add_recent (vertebro_document_get_file (self->document));
}

static void
vertebro_window_dispose (GObject *object)
{
  VertebroWindow *self = (VertebroWindow *)object;

  g_clear_weak_pointer (&self->form_focus);
  g_clear_weak_pointer (&self->disk_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERTEBRO_TYPE_WINDOW);
  /* A draft still here was not dropped: the document keeps it for the next
   * start when it goes. */
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->file_folder, g_free);

  G_OBJECT_CLASS (vertebro_window_parent_class)->dispose (object);
}

static void
vertebro_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VertebroWindow *self = VERTEBRO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_SITE_RULES:
      self->site_rules = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vertebro_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VertebroWindow *self = VERTEBRO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_SITE_RULES:
      g_value_set_boolean (value, self->site_rules);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vertebro_window_class_init (VertebroWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = vertebro_window_constructed;
  object_class->dispose = vertebro_window_dispose;
  object_class->get_property = vertebro_window_get_property;
  object_class->set_property = vertebro_window_set_property;
  window_class->close_request = vertebro_window_close_request;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, VERTEBRO_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SITE_RULES] =
    g_param_spec_boolean ("site-rules", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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

  vertebro_window_class_add_actions (widget_class);
  vertebro_window_class_add_exports (widget_class);
}

static void
vertebro_window_init (VertebroWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vertebro_recent_track (self->recent_menu);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_changed), NULL);
}

/**
 * vertebro_window_new:
 * @application: the application
 * @document: the assessment to show
 * @settings: (nullable): the app's settings (window size, units, folders)
 * @site_rules: whether @document's rule set is a site's own
 *
 * Returns: (transfer none): a window showing @document
 */
VertebroWindow *
vertebro_window_new (AdwApplication   *application,
                     VertebroDocument *document,
                     GSettings        *settings,
                     gboolean          site_rules)
{
  g_return_val_if_fail (VERTEBRO_IS_DOCUMENT (document), NULL);

  return g_object_new (VERTEBRO_TYPE_WINDOW,
                       "application", application,
                       "document", document,
                       "settings", settings,
                       "site-rules", site_rules,
                       NULL);
}

VertebroDocument *
vertebro_window_get_document (VertebroWindow *self)
{
  g_return_val_if_fail (VERTEBRO_IS_WINDOW (self), NULL);
  return self->document;
}

/* ---- For the tests ---- */

VertebroPatient *
vertebro_window_get_patient (VertebroWindow *self)
{
  return vertebro_document_get_patient (self->document);
}

VertebroAssessment *
vertebro_window_get_assessment (VertebroWindow *self)
{
  return vertebro_document_get_assessment (self->document);
}

GFile *
vertebro_window_get_file (VertebroWindow *self)
{
  return vertebro_document_get_file (self->document);
}

gboolean
vertebro_window_get_modified (VertebroWindow *self)
{
  return vertebro_document_get_modified (self->document);
}

const char *
vertebro_window_get_draft_path (VertebroWindow *self)
{
  return vertebro_document_get_draft_path (self->document);
}

void
vertebro_window_flush_draft (VertebroWindow *self)
{
  vertebro_document_flush_draft (self->document);
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
