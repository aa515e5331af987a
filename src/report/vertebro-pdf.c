/* vertebro-pdf.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loadable module behind `vertebro --evaluate FILE --export-pdf OUT.pdf`
 * and `--export-leaflet OUT.pdf`.
 * The command line opens it only when a PDF is asked for, so `vertebro`
 * itself never links cairo or pango. The module takes the core's objects
 * from the executable that loads it; it links the renderer, cairo and pango.
 */

#define G_LOG_DOMAIN "vertebro-pdf"

#include "config.h"

#include <gmodule.h>
#include <glib/gi18n.h>

#include "vertebro-leaflet.h"
#include "vertebro-pdf-module.h"
#include "vertebro-report.h"

static gboolean
paper_from_string (const char     *paper,
                   VertebroPaper  *size,
                   GError        **error)
{
  *size = vertebro_paper_get_default ();
  if (paper != NULL && !vertebro_paper_from_string (paper, size))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is what was given for the paper size. */
                   _("Unknown paper size “%s”: use a4 or letter"), paper);
      return FALSE;
    }
  return TRUE;
}

/**
 * vertebro_pdf_export:
 * @assessment: the assessment
 * @patient: the patient it was made for
 * @rules: the rule set it was made with
 * @path: the PDF file to write
 * @paper: (nullable): "a4" or "letter", or %NULL for the locale's paper
 * @institution: (nullable): the institution's name, printed above the title
 * @error: where to say why the file could not be written; the message does
 *   not repeat @path
 *
 * Returns: %TRUE when the file was written
 */
G_MODULE_EXPORT int
vertebro_pdf_export (VertebroAssessment  *assessment,
                     VertebroPatient     *patient,
                     VertebroRuleset     *rules,
                     const char          *path,
                     const char          *paper,
                     const char          *institution,
                     GError             **error)
{
  g_autoptr(VertebroReport) report = NULL;
  VertebroPaper size;

  g_return_val_if_fail (assessment != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!paper_from_string (paper, &size, error))
    return FALSE;

  report = vertebro_report_new (assessment, patient, rules);
  vertebro_report_set_paper (report, size);
  vertebro_report_set_institution (report, institution);
  return vertebro_report_write_pdf (report, path, error);
}

/**
 * vertebro_pdf_export_leaflet:
 * @assessment: the assessment
 * @patient: the patient it was made for
 * @path: the PDF file to write
 * @paper: (nullable): "a4" or "letter", or %NULL for the locale's paper
 * @language: (nullable): "en", "de", "es" or "fr", or %NULL for the
 *   interface's
 * @contact: (nullable): the department's contact line
 * @error: where to say why the file could not be written
 *
 * Returns: %TRUE when the patient's leaflet was written
 */
G_MODULE_EXPORT int
vertebro_pdf_export_leaflet (VertebroAssessment  *assessment,
                             VertebroPatient     *patient,
                             const char          *path,
                             const char          *paper,
                             const char          *language,
                             const char          *contact,
                             GError             **error)
{
  g_autoptr(VertebroLeaflet) leaflet = NULL;
  VertebroPaper size;

  g_return_val_if_fail (assessment != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!paper_from_string (paper, &size, error))
    return FALSE;
  if (language != NULL && !vertebro_leaflet_is_language (language))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is what was given for the leaflet's language. */
                   _("Unknown language “%s”: use de, en, es or fr"), language);
      return FALSE;
    }

  leaflet = vertebro_leaflet_new (assessment, patient, language);
  vertebro_leaflet_set_paper (leaflet, size);
  vertebro_leaflet_set_contact (leaflet, contact);
  return vertebro_leaflet_write_pdf (leaflet, path, error);
}
