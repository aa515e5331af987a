/* vertebro-evaluator.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vertebro-assessment.h"
#include "vertebro-patient.h"
#include "vertebro-ruleset.h"

G_BEGIN_DECLS

VertebroAssessment *vertebro_evaluate (VertebroRuleset *rules,
                                       VertebroPatient *patient,
                                       const GDate     *today);

G_END_DECLS
