/* vertebro-pdf-module.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The entry points of the "vertebro-pdf" module (src/report/vertebro-pdf.c),
 * which the command line loads only to write a PDF. Declared once: the
 * module defines them with these types and the command line calls them
 * through pointers of the same types, so a change of signature on one side
 * is a compile error on the other.
 */

#pragma once

#include <gmodule.h>

#include "vertebro-core.h"

G_BEGIN_DECLS

/* The clinician's summary. @paper and @institution may be NULL. */
typedef int VertebroPdfExportFunc (VertebroAssessment  *assessment,
                                   VertebroPatient     *patient,
                                   VertebroRuleset     *rules,
                                   const char          *path,
                                   const char          *paper,
                                   const char          *institution,
                                   GError             **error);

/* The patient's leaflet. @paper, @language and @contact may be NULL. */
typedef int VertebroLeafletExportFunc (VertebroAssessment  *assessment,
                                       VertebroPatient     *patient,
                                       const char          *path,
                                       const char          *paper,
                                       const char          *language,
                                       const char          *contact,
                                       GError             **error);

G_MODULE_EXPORT VertebroPdfExportFunc     vertebro_pdf_export;
G_MODULE_EXPORT VertebroLeafletExportFunc vertebro_pdf_export_leaflet;

G_END_DECLS
