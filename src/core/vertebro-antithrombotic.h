/* vertebro-antithrombotic.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One antithrombotic the patient takes (antithrombotics[] in the file).
 */

#pragma once

#include <glib-object.h>

#include "vertebro-entry.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_ANTITHROMBOTIC (vertebro_antithrombotic_get_type ())

G_DECLARE_FINAL_TYPE (VertebroAntithrombotic, vertebro_antithrombotic, VERTEBRO, ANTITHROMBOTIC, VertebroEntry)

VertebroAntithrombotic *vertebro_antithrombotic_new      (const char             *drug,
                                                          double                  held);
const char             *vertebro_antithrombotic_get_drug (VertebroAntithrombotic *self);
/* NaN when not yet planned. */
double                  vertebro_antithrombotic_get_held (VertebroAntithrombotic *self);

G_END_DECLS
