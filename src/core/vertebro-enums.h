/* vertebro-enums.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The small closed vocabularies of the clinical core. Their nicks are the
 * strings of the file format and of the JSON output, so they must not change.
 */

#pragma once

#include <glib-object.h>

/* Clinical software: assertions and precondition checks stay in every build. */
#if defined (G_DISABLE_ASSERT) || defined (G_DISABLE_CHECKS)
# error "Vertebro must be built with GLib assertions and checks enabled"
#endif

G_BEGIN_DECLS

/**
 * VertebroAnswer:
 * @VERTEBRO_ANSWER_NOT_ASSESSED: nobody has answered yet; never read as "no"
 * @VERTEBRO_ANSWER_NO: assessed, and the answer is no
 * @VERTEBRO_ANSWER_YES: assessed, and the answer is yes
 *
 * A three-valued clinical question.
 */
typedef enum {
  VERTEBRO_ANSWER_NOT_ASSESSED,
  VERTEBRO_ANSWER_NO,
  VERTEBRO_ANSWER_YES,
} VertebroAnswer;

/**
 * VertebroVerdict:
 *
 * Verdicts from worst to best (clinical-rules.md §1); a lower value is worse.
 */
typedef enum /*< prefix=VERTEBRO_VERDICT >*/
{
  VERTEBRO_VERDICT_CONTRAINDICATED, /*< nick=contraindicated >*/
  VERTEBRO_VERDICT_NOT_INDICATED,   /*< nick=not_indicated >*/
  VERTEBRO_VERDICT_INCOMPLETE,      /*< nick=incomplete >*/
  VERTEBRO_VERDICT_NOT_READY,       /*< nick=not_ready >*/
  VERTEBRO_VERDICT_REVIEW,          /*< nick=review >*/
  VERTEBRO_VERDICT_ELIGIBLE,        /*< nick=eligible >*/
} VertebroVerdict;

/**
 * VertebroSeverity:
 *
 * Finding severities from worst to best. Caution and info never change a
 * verdict.
 */
typedef enum /*< prefix=VERTEBRO_SEVERITY >*/
{
  VERTEBRO_SEVERITY_ABSOLUTE,      /*< nick=absolute >*/
  VERTEBRO_SEVERITY_NOT_INDICATED, /*< nick=not_indicated >*/
  VERTEBRO_SEVERITY_REQUIREMENT,   /*< nick=requirement >*/
  VERTEBRO_SEVERITY_RELATIVE,      /*< nick=relative >*/
  VERTEBRO_SEVERITY_CAUTION,       /*< nick=caution >*/
  VERTEBRO_SEVERITY_INFO,          /*< nick=info >*/
} VertebroSeverity;

/**
 * VertebroScope:
 *
 * What a rule is evaluated over.
 */
typedef enum /*< prefix=VERTEBRO_SCOPE >*/
{
  VERTEBRO_SCOPE_PATIENT,        /*< nick=patient >*/
  VERTEBRO_SCOPE_LEVEL,          /*< nick=level >*/
  VERTEBRO_SCOPE_ANTITHROMBOTIC, /*< nick=antithrombotic >*/
} VertebroScope;

/**
 * VertebroHoldUnit:
 *
 * The unit of an antithrombotic's hold.
 */
typedef enum /*< prefix=VERTEBRO_HOLD_UNIT >*/
{
  VERTEBRO_HOLD_UNIT_DAYS,  /*< nick=days >*/
  VERTEBRO_HOLD_UNIT_DOSES, /*< nick=doses >*/
} VertebroHoldUnit;

const char      *vertebro_verdict_to_string   (VertebroVerdict   verdict);
gboolean         vertebro_verdict_from_string (const char       *name,
                                               VertebroVerdict  *verdict);
const char      *vertebro_severity_to_string  (VertebroSeverity  severity);
gboolean         vertebro_severity_from_string (const char       *nick,
                                                VertebroSeverity *severity);
/* The verdict a finding of @severity imposes, or -1 for caution and info. */
int              vertebro_severity_get_verdict (VertebroSeverity severity);

G_END_DECLS

G_BEGIN_DECLS

/* For people, translated. */
const char      *vertebro_verdict_get_label    (VertebroVerdict  verdict);
const char      *vertebro_verdict_get_label_for_id (const char       *id);
const char      *vertebro_verdict_get_summary  (VertebroVerdict  verdict);
const char      *vertebro_severity_get_label   (VertebroSeverity severity);

G_END_DECLS
