/* vertebro-ruleset-default.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in rule set. data/rules/vertebro-default.json is loaded and
 * validated at build time by the loader (vertebro-compile-rules.c) and
 * compiled into the program as an image of what the loader made
 * (vertebro-ruleset-image.c); starting reads that image. This file alone
 * is left out of the library that the build-time tool links, as it needs
 * the image the tool makes.
 */

#define G_LOG_DOMAIN "vertebro-ruleset"

#include "config.h"

#include "vertebro-core-resources.h"
#include "vertebro-ruleset-image.h"

/**
 * vertebro_ruleset_new_default:
 * @error: where to put what is wrong
 *
 * Returns the built-in rule set, data/rules/vertebro-default.json. It was
 * validated by the same loader as any other, when it was compiled in; a
 * rule set the loader refuses fails the build.
 *
 * Returns: (transfer full) (nullable): the rule set
 */
VertebroRuleset *
vertebro_ruleset_new_default (GError **error)
{
  g_autoptr(GBytes) image = NULL;

  image = g_resource_lookup_data (vertebro_core_get_resource (), VERTEBRO_RULESET_DEFAULT_IMAGE_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (image == NULL)
    return NULL;
  return vertebro_ruleset_new_from_image (image, error);
}
