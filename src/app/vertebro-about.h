/* vertebro-about.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vertebro-core.h"

G_BEGIN_DECLS

#define VERTEBRO_METAINFO_RESOURCE RESOURCE_BASE "/" APP_ID ".metainfo.xml"

GtkWidget *vertebro_about_window_new (VertebroRuleset *rules,
                                      gboolean         site_rules);

G_END_DECLS
