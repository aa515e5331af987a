/* vertebro-ruleset-sections.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sections of a rule set (vertebro-ruleset-sections.c). Private to the
 * loader.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vertebro-ruleset-private.h"

G_BEGIN_DECLS

gboolean vertebro_ruleset_load_sections (VertebroRuleset  *self,
                                         JsonNode         *root_node,
                                         GError          **error);

G_END_DECLS
