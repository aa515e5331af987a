/* vertebro-patient-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Direct access to record values for the file reader and the evaluator,
 * which must not pay for GValue boxing on every field.
 */

#pragma once

#include "vertebro-patient.h"
#include "vertebro-record-private.h"

G_BEGIN_DECLS

const VertebroValue *vertebro_patient_get_values        (VertebroPatient        *self);
const VertebroValue *vertebro_level_get_values          (VertebroLevel          *self);
const VertebroValue *vertebro_antithrombotic_get_values (VertebroAntithrombotic *self);

VertebroLevel          *vertebro_level_new_from_json          (JsonObject  *object,
                                                               const char  *prefix,
                                                               GError     **error);
JsonNode               *vertebro_level_to_json                (VertebroLevel *self);
VertebroAntithrombotic *vertebro_antithrombotic_new_from_json (JsonObject  *object,
                                                               const char  *prefix,
                                                               GError     **error);
JsonNode               *vertebro_antithrombotic_to_json       (VertebroAntithrombotic *self);

G_END_DECLS
