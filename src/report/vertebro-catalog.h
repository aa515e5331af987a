/* vertebro-catalog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Vertebro's translations in one given language, whatever the process's
 * locale: what the patient's leaflet is written with.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _VertebroCatalog VertebroCatalog;

VertebroCatalog *vertebro_catalog_get      (const char      *language);
const char      *vertebro_catalog_lookup   (VertebroCatalog *self,
                                            const char      *context,
                                            const char      *msgid);
gboolean         vertebro_catalog_has      (VertebroCatalog *self,
                                            const char      *msgid);

G_END_DECLS
