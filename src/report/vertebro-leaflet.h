/* vertebro-leaflet.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The patient's leaflet (issue 17): what to do before and after the
 * procedure, with the patient's own dates, in the patient's language, which
 * need not be the interface's. Laid out and written with the same building
 * blocks as the clinician's summary. No GTK.
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "vertebro-core.h"
#include "vertebro-paper.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_LEAFLET (vertebro_leaflet_get_type ())

G_DECLARE_FINAL_TYPE (VertebroLeaflet, vertebro_leaflet, VERTEBRO, LEAFLET, GObject)

/* The languages a leaflet can be written in ("en", "de", "es", "fr"), and
 * each one's name in itself ("Español"). */
const char * const *vertebro_leaflet_get_languages     (void);
const char         *vertebro_leaflet_get_language_name (const char *language);
gboolean            vertebro_leaflet_is_language       (const char *language);
/* The interface's language when a leaflet can be written in it, else "en". */
const char         *vertebro_leaflet_get_default_language (void);

VertebroLeaflet *vertebro_leaflet_new          (VertebroAssessment *assessment,
                                                VertebroPatient    *patient,
                                                const char         *language);

const char      *vertebro_leaflet_get_language (VertebroLeaflet    *self);
void             vertebro_leaflet_set_paper    (VertebroLeaflet    *self,
                                                VertebroPaper       paper);
/* The department's phone number or address; a blank line to write on when
 * NULL or empty. */
void             vertebro_leaflet_set_contact  (VertebroLeaflet    *self,
                                                const char         *contact);
void             vertebro_leaflet_set_generated (VertebroLeaflet   *self,
                                                 GDateTime         *generated);

void             vertebro_leaflet_paginate     (VertebroLeaflet    *self,
                                                double              width_pt,
                                                double              height_pt);
guint            vertebro_leaflet_get_n_pages  (VertebroLeaflet    *self);
void             vertebro_leaflet_draw_page    (VertebroLeaflet    *self,
                                                cairo_t            *cr,
                                                guint               page);
gboolean         vertebro_leaflet_write_pdf    (VertebroLeaflet    *self,
                                                const char         *path,
                                                GError            **error);

G_END_DECLS
