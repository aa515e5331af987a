/* vertebro-level.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One fractured vertebral level of a patient (levels[] in the file).
 */

#pragma once

#include <glib-object.h>

#include "vertebro-entry.h"

#include "vertebro-enums.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_LEVEL (vertebro_level_get_type ())

G_DECLARE_FINAL_TYPE (VertebroLevel, vertebro_level, VERTEBRO, LEVEL, VertebroEntry)

VertebroLevel  *vertebro_level_new              (const char     *level);
const char     *vertebro_level_get_level        (VertebroLevel  *self);
double          vertebro_level_get_collapse_percent (VertebroLevel *self);
const char     *vertebro_level_get_acuity       (VertebroLevel  *self);
const char     *vertebro_level_get_posterior_wall (VertebroLevel *self);
VertebroAnswer  vertebro_level_get_pain_concordant (VertebroLevel *self);

G_END_DECLS
