/* vertebro-report.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printable summary of an assessment: laid out once on pages of a given
 * size, then drawn page by page onto any cairo context (a PDF file, a
 * GtkPrintOperation's pages, a preview). No GTK.
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "vertebro-core.h"
#include "vertebro-paper.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_REPORT (vertebro_report_get_type ())

G_DECLARE_FINAL_TYPE (VertebroReport, vertebro_report, VERTEBRO, REPORT, GObject)

VertebroReport *vertebro_report_new           (VertebroAssessment *assessment,
                                               VertebroPatient    *patient,
                                               VertebroRuleset    *rules);

VertebroAssessment *vertebro_report_get_assessment (VertebroReport *self);
VertebroPatient    *vertebro_report_get_patient    (VertebroReport *self);
VertebroRuleset    *vertebro_report_get_rules      (VertebroReport *self);

GDateTime      *vertebro_report_get_generated (VertebroReport     *self);
void            vertebro_report_set_generated (VertebroReport     *self,
                                               GDateTime          *generated);
VertebroPaper   vertebro_report_get_paper     (VertebroReport     *self);
void            vertebro_report_set_paper     (VertebroReport     *self,
                                               VertebroPaper       paper);

void            vertebro_report_paginate      (VertebroReport     *self,
                                               double              width_pt,
                                               double              height_pt);
guint           vertebro_report_get_n_pages   (VertebroReport     *self);
void            vertebro_report_draw_page     (VertebroReport     *self,
                                               cairo_t            *cr,
                                               guint               page);

/* The start of the names of what a killed "Print to File" leaves: GIO's. */
#define VERTEBRO_REPORT_GIO_PARTIAL ".goutputstream-"

void            vertebro_report_remove_stale_partials (const char *dir,
                                                       const char *prefix,
                                                       gboolean    only_pdf);
gboolean        vertebro_report_write_pdf     (VertebroReport     *self,
                                               const char         *path,
                                               GError            **error);

void            vertebro_report_draw_verdict_symbol (cairo_t         *cr,
                                                     VertebroVerdict  verdict,
                                                     double           x,
                                                     double           y,
                                                     double           size);

void            vertebro_report_set_institution (VertebroReport *self,
                                                 const char     *institution);

G_END_DECLS
