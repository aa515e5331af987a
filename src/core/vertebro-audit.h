/* vertebro-audit.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record a department can defend (patient-format.md, "The decision" and
 * "The audit trail"): the decision recorded after an assessment, and the
 * chained trail of saves and decisions.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vertebro-assessment.h"

G_BEGIN_DECLS

/* The outcomes of decision.outcome. */
#define VERTEBRO_DECISION_PROCEED        "proceed"
#define VERTEBRO_DECISION_DO_NOT_PROCEED "do_not_proceed"
#define VERTEBRO_DECISION_DEFER          "defer"

#define VERTEBRO_DECISION_MAX_BY_CHARS 120

gboolean    vertebro_decision_check         (JsonObject               *decision,
                                             const char * const       *level_names,
                                             const GDate              *today,
                                             GError                  **error);
const char *vertebro_decision_outcome_label (const char              *outcome);
char       *vertebro_decision_describe      (JsonObject               *decision);
gboolean    vertebro_decision_is_against    (JsonObject               *decision,
                                             const VertebroAssessment *assessment);
gboolean    vertebro_decision_is_stale      (JsonObject               *decision,
                                             const VertebroAssessment *assessment);

gboolean    vertebro_audit_check            (JsonNode                 *audit,
                                             GError                  **error);
gboolean    vertebro_audit_verify           (JsonArray                *audit);
char       *vertebro_audit_entry_hash       (const char               *previous,
                                             JsonObject               *entry);
JsonObject *vertebro_audit_entry_new        (JsonArray                *audit,
                                             const char               *event,
                                             const char               *by,
                                             GDateTime                *at,
                                             const VertebroAssessment *assessment);
gboolean    vertebro_audit_entry_differs    (JsonObject               *entry,
                                             const VertebroAssessment *assessment);
JsonObject *vertebro_audit_since_last       (JsonObject               *entry,
                                             const VertebroAssessment *assessment);
gboolean    vertebro_audit_since_last_changed (JsonObject             *since);

G_END_DECLS
