/* vertebro-assessment-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The evaluator fills these in; everyone else reads them through the
 * accessors of vertebro-assessment.h.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vertebro-assessment.h"

G_BEGIN_DECLS

struct _VertebroItem
{
  gatomicrefcount   ref_count;
  char             *id;
  VertebroSeverity  severity;
  char             *level;        /* the level's name, NULL when patient-wide or not chosen */
  int               level_index;  /* the entry in levels[], or -1 when patient-wide */
  char             *drug;         /* the antithrombotic's id, or for "other" its name */
  VertebroText     *text;
  VertebroText     *remedy;
  GStrv             sources;
  GStrv             fields;
  gboolean          has_due;
  GDate             due;
  gboolean          done;
  /* For ordering findings: the rule's position and the entry's. */
  guint             rule_index;
  guint             entry_index;
};

typedef struct {
  char            *name;
  VertebroVerdict  verdict;
  int              genant;
} VertebroLevelResult;

struct _VertebroAssessment
{
  gatomicrefcount   ref_count;
  VertebroVerdict   verdict;
  GStrv             qualifying;
  GArray           *levels;      /* of VertebroLevelResult */
  GPtrArray        *findings;
  GStrv             missing;
  GStrv             needed;
  guint             n_needed;    /* every needed field, the levels' included */
  GPtrArray        *checklist;
  GPtrArray        *counsel;
  gboolean          has_age;
  int               age;
  gboolean          has_crcl;
  double            crcl;
  gboolean          has_weeks_since_onset;
  int               weeks_since_onset;
  /* The record of the patient file, as of this assessment. */
  JsonObject       *decision;           /* or NULL */
  gboolean          decision_against;
  gboolean          decision_stale;
  gboolean          has_audit;
  guint             audit_entries;
  gboolean          audit_intact;
  JsonObject       *since_last;         /* or NULL: no entry yet */
  char             *ruleset_id;
  char             *ruleset_version;
  char             *ruleset_sha256;
};

VertebroItem       *vertebro_item_new       (const char *id);
VertebroAssessment *vertebro_assessment_new (void);

G_END_DECLS
