/* vertebro-window-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What leaves the window on paper: the PDF summary (Export PDF Summary…),
 * the patient's leaflet in the patient's language (Export Patient
 * Leaflet…) and printing — one renderer for each, in src/report/.
 */

#define G_LOG_DOMAIN "vertebro-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-leaflet.h"
#include "vertebro-print-operation.h"
#include "vertebro-report.h"
#include "vertebro-window-private.h"

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
  vertebro_window_toast (self, text);
}

static VertebroReport *
make_report (VertebroWindow *self)
{
  VertebroReport *report = vertebro_report_new (vertebro_document_get_assessment (self->document),
                                                vertebro_document_get_patient (self->document),
                                                vertebro_document_get_rules (self->document));
  g_autofree char *institution = self->settings != NULL ? g_settings_get_string (self->settings, "institution-name") : NULL;

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

  if (vertebro_document_get_file (self->document) != NULL)
    {
      g_autofree char *base = g_file_get_basename (vertebro_document_get_file (self->document));
      char *dot = strrchr (base, '.');

      if (dot != NULL)
        *dot = '\0';
      name = g_strconcat (base, ".pdf", NULL);
    }
  else
    name = vertebro_window_neutral_name (self, ".pdf");

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  dialog = gtk_file_chooser_native_new (_("Export PDF Summary"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  vertebro_window_set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
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
      g_autoptr(VertebroLeaflet) leaflet = vertebro_leaflet_new (vertebro_document_get_assessment (self->document),
                                                                 vertebro_document_get_patient (self->document),
                                                                 language);
      g_autofree char *contact = self->settings != NULL ? g_settings_get_string (self->settings, "department-contact") : NULL;
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
  const char *id = vertebro_patient_get_text (vertebro_document_get_patient (self->document), "patient.identifier");
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  if (vertebro_document_get_file (self->document) != NULL)
    {
      char *dot;

      stem = g_file_get_basename (vertebro_document_get_file (self->document));
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
  vertebro_window_set_initial_folder (self, GTK_FILE_CHOOSER (dialog));
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

/**
 * vertebro_window_print:
 * @self: a window
 * @action: print with the dialog, or export to @export_filename
 * @export_filename: (nullable): for %GTK_PRINT_OPERATION_ACTION_EXPORT
 * @error: why printing failed
 *
 * Prints the very pages of the PDF summary (vertebro-print-operation.c).
 *
 * Returns: whether the job was handed on (or the user cancelled)
 */
gboolean
vertebro_window_print (VertebroWindow          *self,
                       GtkPrintOperationAction  action,
                       const char              *export_filename,
                       GError                 **error)
{
  g_autoptr(VertebroReport) report = make_report (self);
  g_autoptr(VertebroPrintOperation) operation = vertebro_print_operation_new (report);

  return vertebro_print_operation_run_private (operation, action, export_filename, GTK_WINDOW (self), error);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VertebroWindow *self = VERTEBRO_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!vertebro_window_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error))
    vertebro_window_toast (self, error->message);
}

void
vertebro_window_class_add_exports (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.export-leaflet", NULL, export_leaflet_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
}
