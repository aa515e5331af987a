/* vertebro-summary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vertebro-assessment.h"
#include "vertebro-ruleset.h"

G_BEGIN_DECLS

char *vertebro_assessment_to_text     (VertebroAssessment *a,
                                       VertebroRuleset    *rules);
char *vertebro_audit_describe_changes (JsonObject         *since);

G_END_DECLS
