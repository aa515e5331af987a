/* vertebro-report-file-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDF file of the summary and of the leaflet: its metadata, and the file
 * written privately and atomically with the document's language. Defined in
 * vertebro-report-file.c. Not installed, not used outside src/report/.
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

void          vertebro_report_set_pdf_metadata  (cairo_surface_t         *surface,
                                                 const char              *title,
                                                 GDateTime               *created);

/* Draws the whole document on a PDF surface and finishes it. */
typedef void (*VertebroPdfDrawFunc) (cairo_surface_t *surface,
                                     gpointer         user_data);

gboolean      vertebro_report_write_pdf_file    (const char              *path,
                                                 double                   width_pt,
                                                 double                   height_pt,
                                                 const char              *language,
                                                 VertebroPdfDrawFunc      draw,
                                                 gpointer                 user_data,
                                                 GError                 **error);

G_END_DECLS
