/* vertebro-ruleset-image.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A loaded rule set written as an image and read back
 * (vertebro-ruleset-image.c): how the built-in rule set is compiled into
 * the program. Private to the core.
 */

#pragma once

#include "vertebro-ruleset-private.h"

G_BEGIN_DECLS

/* Where the built-in rule set's image is compiled in (src/core/meson.build). */
#define VERTEBRO_RULESET_DEFAULT_IMAGE_RESOURCE "/io/github/vertebro/Vertebro/rules/vertebro-default.rules"

GBytes          *vertebro_ruleset_write_image    (VertebroRuleset  *self);
VertebroRuleset *vertebro_ruleset_new_from_image (GBytes           *image,
                                                  GError          **error);

G_END_DECLS
