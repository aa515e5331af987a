/* vertebro-assessment.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The immutable result of evaluating a patient against a rule set.
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "vertebro-enums.h"
#include "vertebro-text.h"

G_BEGIN_DECLS

/* ---- Items: findings, checklist items, counselling items ---- */

#define VERTEBRO_TYPE_ITEM (vertebro_item_get_type ())

typedef struct _VertebroItem VertebroItem;

GType               vertebro_item_get_type     (void) G_GNUC_CONST;
VertebroItem       *vertebro_item_ref          (VertebroItem      *self);
void                vertebro_item_unref        (VertebroItem      *self);

const char         *vertebro_item_get_id       (const VertebroItem *self);
/* Findings only. */
VertebroSeverity    vertebro_item_get_severity (const VertebroItem *self);
const char         *vertebro_item_get_level    (const VertebroItem *self);
int                 vertebro_item_get_level_index (const VertebroItem *self);
const char         *vertebro_item_get_drug     (const VertebroItem *self);
/* The message of a finding, or the text of a checklist or counselling item. */
char               *vertebro_item_dup_text     (const VertebroItem *self,
                                                VertebroTextStyle   style);
/* NULL when the finding has no remedy. */
char               *vertebro_item_dup_remedy   (const VertebroItem *self,
                                                VertebroTextStyle   style);
const char * const *vertebro_item_get_sources  (const VertebroItem *self);
/* Checklist items only: the due date (NULL when none) and the tick. */
const GDate        *vertebro_item_get_due      (const VertebroItem *self);
/* Findings only: the field paths the finding's condition looked at
 * ("labs.inr", "levels[0].collapse_percent"), so a form can show it beside
 * them. */
const char * const *vertebro_item_get_fields   (const VertebroItem *self);
gboolean            vertebro_item_get_done     (const VertebroItem *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VertebroItem, vertebro_item_unref)

/* ---- The assessment ---- */

#define VERTEBRO_TYPE_ASSESSMENT (vertebro_assessment_get_type ())

typedef struct _VertebroAssessment VertebroAssessment;

GType               vertebro_assessment_get_type        (void) G_GNUC_CONST;
VertebroAssessment *vertebro_assessment_ref             (VertebroAssessment *self);
void                vertebro_assessment_unref           (VertebroAssessment *self);

VertebroVerdict     vertebro_assessment_get_verdict     (const VertebroAssessment *self);
/* The levels at which the procedure can go ahead under the overall verdict. */
const char * const *vertebro_assessment_get_qualifying_levels (const VertebroAssessment *self);

guint               vertebro_assessment_get_n_levels      (const VertebroAssessment *self);
char               *vertebro_assessment_dup_level_label   (const VertebroAssessment *self,
                                                          guint                     index);
char               *vertebro_assessment_dup_field_label   (const VertebroAssessment *self,
                                                          const char               *path);
gboolean            vertebro_assessment_get_weeks_since_onset (const VertebroAssessment *self,
                                                              int                      *weeks);
const char         *vertebro_assessment_get_level_name    (const VertebroAssessment *self,
                                                           guint                     index);
VertebroVerdict     vertebro_assessment_get_level_verdict (const VertebroAssessment *self,
                                                           guint                     index);
/* -1 when the collapse is not assessed. */
int                 vertebro_assessment_get_level_genant  (const VertebroAssessment *self,
                                                           guint                     index);

/* Of VertebroItem, worst first. */
GPtrArray          *vertebro_assessment_get_findings    (const VertebroAssessment *self);
const char * const *vertebro_assessment_get_missing     (const VertebroAssessment *self);
GPtrArray          *vertebro_assessment_get_checklist   (const VertebroAssessment *self);
GPtrArray          *vertebro_assessment_get_counsel     (const VertebroAssessment *self);

gboolean            vertebro_assessment_get_age         (const VertebroAssessment *self,
                                                         int                      *age);
gboolean            vertebro_assessment_get_crcl        (const VertebroAssessment *self,
                                                         double                   *crcl);
JsonObject         *vertebro_assessment_get_decision    (const VertebroAssessment  *self,
                                                          gboolean                  *against,
                                                          gboolean                  *stale);
gboolean            vertebro_assessment_get_audit       (const VertebroAssessment  *self,
                                                          guint                     *entries,
                                                          gboolean                  *intact,
                                                          JsonObject               **since_last);
void                vertebro_assessment_get_progress    (const VertebroAssessment  *self,
                                                          guint                     *answered,
                                                          guint                     *needed);
gboolean            vertebro_assessment_has_finding     (const VertebroAssessment *self,
                                                         const char               *id);
/* The findings that would change a verdict, as a form shows them under the
 * field they looked at. */
char               *vertebro_assessment_dup_field_hint  (const VertebroAssessment *self,
                                                         const char               *path);
/* Whether a patient-wide field is needed for this patient (answered or not):
 * a form shows conditional questions only when they are. */
gboolean            vertebro_assessment_is_needed       (const VertebroAssessment *self,
                                                         const char               *path);

const char         *vertebro_assessment_get_ruleset_id      (const VertebroAssessment *self);
const char         *vertebro_assessment_get_ruleset_version (const VertebroAssessment *self);
const char         *vertebro_assessment_get_ruleset_sha256  (const VertebroAssessment *self);

/* The JSON contract of patient-format.md; the same bytes under every locale. */
char               *vertebro_assessment_to_json         (const VertebroAssessment *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VertebroAssessment, vertebro_assessment_unref)

G_END_DECLS
