/* vertebro-ruleset-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The compiled form of a rule set, shared by the loader and the evaluator.
 * Nothing here is JSON any more: conditions are trees of VertebroCond,
 * texts are checked templates, and every reference is resolved.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vertebro-enums.h"
#include "vertebro-fields.h"
#include "vertebro-ruleset.h"

G_BEGIN_DECLS

/* ---- Facts: what a condition can look at ---- */

typedef enum {
  VERTEBRO_FACT_BOOL,
  VERTEBRO_FACT_CHOICE,
  VERTEBRO_FACT_TEXT,
  VERTEBRO_FACT_NUMBER,
  VERTEBRO_FACT_AMOUNT,   /* a number in the drug's unit, days or doses */
  VERTEBRO_FACT_DATE,
  VERTEBRO_FACT_LIST,
} VertebroFactKind;

typedef enum {
  VERTEBRO_FACT_FROM_PATIENT,   /* a patient field: index into the patient's values */
  VERTEBRO_FACT_FROM_LEVEL,     /* a level field: index into the level's values */
  VERTEBRO_FACT_FROM_DERIVED,   /* computed by the evaluator: index is a VertebroDerived */
} VertebroFactSource;

typedef enum {
  VERTEBRO_DERIVED_AGE,
  VERTEBRO_DERIVED_CRCL,
  VERTEBRO_DERIVED_LEVEL_COUNT,
  VERTEBRO_DERIVED_LEVELS,
  VERTEBRO_DERIVED_GENANT_GRADE,
  VERTEBRO_DERIVED_DRUG_ID,
  VERTEBRO_DERIVED_DRUG_CLASS,
  VERTEBRO_DERIVED_DRUG_HELD,
  VERTEBRO_DERIVED_DRUG_MIN_HELD,
  VERTEBRO_DERIVED_DRUG_LEAD_DAYS,
  VERTEBRO_DERIVED_DRUG_HOLD_TABULATED,
  VERTEBRO_DERIVED_DRUG_STOP_DATE,
  VERTEBRO_DERIVED_WEEKS_SINCE_ONSET,
  VERTEBRO_DERIVED_ANTITHROMBOTICS,
  VERTEBRO_DERIVED_LEVEL_NAME,
  VERTEBRO_DERIVED_DRUG_HOLD_AGREED,
  VERTEBRO_DERIVED_DRUG_HOLD_PLANNED,
  VERTEBRO_DERIVED_DRUG_STOP_DATE_PASSED,
  VERTEBRO_DERIVED_DRUG_EARLIEST_DATE,
  VERTEBRO_DERIVED_DAYS_TO_PROCEDURE,
} VertebroDerived;

typedef struct {
  char                 *name;
  VertebroFactKind      kind;
  VertebroScope         scope;
  VertebroFactSource    source;
  int                   index;
  const VertebroField  *field;   /* for facts of the file format */
  const char           *unit;    /* for plain numbers, or NULL */
} VertebroFact;

const VertebroFact *vertebro_fact_lookup (const char *name);

/* ---- Conditions ---- */

typedef enum {
  VERTEBRO_COND_ALL,
  VERTEBRO_COND_ANY,
  VERTEBRO_COND_NOT,
  VERTEBRO_COND_REF,
  VERTEBRO_COND_COMPARE,
  VERTEBRO_COND_ASSESSED,
  VERTEBRO_COND_SOME,
  VERTEBRO_COND_FINDING,
  VERTEBRO_COND_SEVERITY,
  VERTEBRO_COND_NEEDED,
} VertebroCondType;

typedef enum {
  VERTEBRO_OP_IS,
  VERTEBRO_OP_EQ,
  VERTEBRO_OP_NE,
  VERTEBRO_OP_IN,
  VERTEBRO_OP_LT,
  VERTEBRO_OP_LE,
  VERTEBRO_OP_GT,
  VERTEBRO_OP_GE,
} VertebroOp;

typedef struct _VertebroCond VertebroCond;

struct _VertebroCond
{
  VertebroCondType     type;
  GPtrArray           *children;      /* ALL, ANY; NOT and SOME have one */
  const VertebroCond  *ref;           /* REF: owned by the definitions table */
  const VertebroFact  *fact;          /* COMPARE, ASSESSED */
  VertebroOp           op;
  gboolean             boolean;       /* IS, ASSESSED */
  double               number;        /* numeric operand (literal or threshold) */
  const VertebroFact  *operand_fact;  /* numeric operand that is another fact */
  char                *string;        /* EQ/NE string; FINDING id; NEEDED path */
  GStrv                strings;       /* IN */
  VertebroScope        some;          /* SOME: LEVEL or ANTITHROMBOTIC */
  VertebroSeverity     severity;      /* SEVERITY */
  guint                scopes;        /* bit mask of the scopes its facts need */
  gboolean             uses_results;  /* uses FINDING, SEVERITY or NEEDED */
  guint64              size;          /* nodes with every REF expanded, at most
                                       * VERTEBRO_COND_MAX_SIZE + 1 */
};

/* The most nodes one condition may have with its references expanded, and
 * the most all the conditions a rule set evaluates may have together. The
 * evaluator walks a REF's target again at every use, so without these a
 * chain of definitions that each use the one before twice takes exponential
 * time; with them, evaluating a patient visits at most
 * VERTEBRO_RULESET_MAX_EVALUATED nodes per level and drug. */
#define VERTEBRO_COND_MAX_SIZE         10000
#define VERTEBRO_RULESET_MAX_EVALUATED 200000

void vertebro_cond_free (VertebroCond *cond);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VertebroCond, vertebro_cond_free)

#define VERTEBRO_SCOPE_BIT(scope) (1u << (scope))

typedef struct {
  VertebroRuleset *rules;
  guint            scopes;        /* scopes whose facts are in reach */
  gboolean         allow_results; /* FINDING, SEVERITY and NEEDED allowed */
} VertebroCondContext;

VertebroCond *vertebro_cond_compile (JsonNode                  *node,
                                     const char                *path,
                                     const VertebroCondContext *context,
                                     GError                   **error);

/* ---- Texts ---- */

typedef struct {
  VertebroCond *when;   /* NULL for the default */
  char         *text;   /* English, with {placeholders} */
} VertebroVariant;

typedef struct {
  GPtrArray *variants;  /* of VertebroVariant; the last has no condition */
} VertebroTemplate;

VertebroTemplate *vertebro_template_new     (void);
void              vertebro_template_free    (VertebroTemplate          *template);
VertebroTemplate *vertebro_template_compile (JsonNode                  *node,
                                             const char                *path,
                                             const VertebroCondContext *context,
                                             GError                   **error);

/* ---- The rule set ---- */

typedef struct {
  char   *id;
  double  value;
  char   *unit;
  char   *label;
} VertebroThreshold;

typedef struct {
  char                *id;
  const VertebroFact  *fact;
  char                *report;   /* path shown when missing, or NULL for the fact's own */
  VertebroScope        scope;
  VertebroCond        *when;     /* NULL = always */
} VertebroNeededRule;

typedef struct {
  char             *id;          /* may contain {drug} in antithrombotic scope */
  VertebroScope     scope;
  VertebroSeverity  severity;
  VertebroCond     *when;
  VertebroTemplate *message;
  VertebroTemplate *remedy;      /* or NULL */
  GStrv             sources;
} VertebroFindingRule;

typedef struct {
  char         *id;
  VertebroCond *when;            /* NULL = always */
  gboolean      has_hold;        /* hold is a number */
  gboolean      tabulated;       /* ... and the band is within the source's table
                                  * ("beyond_table": the longest hold applies, and
                                  * specialist advice is needed) */
  double        hold;
  gboolean      has_lead_days;
  double        lead_days;
} VertebroBand;

void vertebro_band_free (VertebroBand *band);

typedef struct {
  char             *id;
  char             *name;
  char             *klass;
  VertebroHoldUnit  unit;
  GStrv             sources;
  GPtrArray        *bands;       /* of VertebroBand */
} VertebroDrugRule;

typedef struct {
  char             *id;
  VertebroScope     scope;
  VertebroCond     *when;        /* NULL = always */
  VertebroTemplate *text;
  gboolean          has_lead_days;
  double            lead_days;
  VertebroCond     *done;        /* ticked when true, instead of the file's checklist; or NULL */
  GStrv             sources;
} VertebroItemRule;

typedef struct {
  double grade_1_from;
  double grade_2_above;
  double grade_3_above;
} VertebroGenant;

struct _VertebroRuleset
{
  GObject           parent_instance;

  char             *id;
  char             *version;
  char             *title;
  char             *sha256;

  GPtrArray        *sources;        /* source ids, in file order */
  GHashTable       *citations;      /* id → citation */
  GHashTable       *dois;           /* id → DOI, for the sources that have one */
  GHashTable       *documents;      /* ids of the source documents (kind "document") */
  GHashTable       *not_alone;      /* ids of sources never to be cited alone */
  GPtrArray        *thresholds;     /* of VertebroThreshold */
  VertebroGenant    genant;
  GHashTable       *definitions;    /* name → VertebroCond */
  GPtrArray        *needed;         /* of VertebroNeededRule */
  GPtrArray        *findings;       /* of VertebroFindingRule */
  GPtrArray        *drugs;          /* of VertebroDrugRule, by the format's drug order */
  GPtrArray        *checklist;      /* of VertebroItemRule */
  GPtrArray        *counsel;        /* of VertebroItemRule */

  GHashTable       *finding_ids;    /* every id a finding can have, expanded */
  GHashTable       *needed_paths;   /* every path a patient-scope needed rule reports */
  guint64           evaluated;      /* nodes of every rule's conditions, expanded */
};

/* Sets a "json.path: problem" error; returns FALSE. */
gboolean                 vertebro_ruleset_fail           (GError         **error,
                                                          const char      *path,
                                                          const char      *format,
                                                          ...) G_GNUC_PRINTF (3, 4);

const VertebroThreshold *vertebro_ruleset_find_threshold (VertebroRuleset *self,
                                                          const char      *id);
const VertebroDrugRule  *vertebro_ruleset_find_drug      (VertebroRuleset *self,
                                                          const char      *drug);
char                    *vertebro_ruleset_expand_drug_id (const char      *id,
                                                          const char      *drug);

G_END_DECLS
