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
GPtrArray *vertebro_assessment_get_cited_sources (VertebroAssessment *a,
                                                  VertebroRuleset    *rules);

G_END_DECLS
