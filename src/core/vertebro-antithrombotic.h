/* vertebro-antithrombotic.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One antithrombotic the patient takes (antithrombotics[] in the file).
 */

#pragma once

#include <glib-object.h>

#include "vertebro-entry.h"
#include "vertebro-enums.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_ANTITHROMBOTIC (vertebro_antithrombotic_get_type ())

G_DECLARE_FINAL_TYPE (VertebroAntithrombotic, vertebro_antithrombotic, VERTEBRO, ANTITHROMBOTIC, VertebroEntry)

VertebroAntithrombotic *vertebro_antithrombotic_new      (const char             *drug,
                                                          double                  held);
const char             *vertebro_antithrombotic_get_drug (VertebroAntithrombotic *self);
/* NaN when not yet planned. */
double                  vertebro_antithrombotic_get_held (VertebroAntithrombotic *self);
gboolean                vertebro_antithrombotic_is_other (VertebroAntithrombotic *self);
/* For "other": the medicine's name as entered, else %NULL. */
const char             *vertebro_antithrombotic_get_name (VertebroAntithrombotic *self);
/* For "other": whether its interruption was agreed (%VERTEBRO_ANSWER_NOT_ASSESSED
 * while not recorded). */
VertebroAnswer          vertebro_antithrombotic_get_hold_agreed (VertebroAntithrombotic *self);

G_END_DECLS
