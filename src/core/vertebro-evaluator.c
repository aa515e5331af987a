/* vertebro-evaluator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * (rule set, patient, today) → assessment, as clinical-rules.md §1–§2 say:
 *
 *  1. derived values: age, creatinine clearance, Genant grades, and for each
 *     listed antithrombotic the band of the rule set that applies to it;
 *  2. needed fields (a field is missing when it is needed and not assessed);
 *  3. findings, whose conditions are three-valued: a finding applies only
 *     when its condition is definitely true;
 *  4. verdicts: each level's is the worst over the patient-wide findings and
 *     missing fields and its own; the overall is the best level's, and never
 *     better than "incomplete" while anything needed is missing;
 *  5. the checklist and the counselling list, whose conditions may also look
 *     at the findings and needed fields.
 *
 * Pure: no I/O, no globals, no clock (today is a parameter), and nothing
 * depends on hash-table order, so the same input gives the same output.
 */

#define G_LOG_DOMAIN "vertebro-evaluator"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-assessment-private.h"
#include "vertebro-audit.h"
#include "vertebro-evaluator.h"
#include "vertebro-text.h"
#include "vertebro-patient-private.h"
#include "vertebro-ruleset-private.h"

typedef enum {
  TRUTH_FALSE,
  TRUTH_TRUE,
  TRUTH_UNKNOWN,
} Truth;

typedef struct {
  const VertebroValue *values;
  const char          *name;     /* the vertebra, or NULL while not chosen */
  int                  genant;
  VertebroVerdict      verdict;
} LevelContext;

typedef struct {
  VertebroAntithrombotic *entry;
  const VertebroDrugRule *rule;
  gboolean                planned; /* "held" was entered */
  double                  held;
  const VertebroBand     *band;   /* the matched band, or NULL when unknown */
} DrugContext;

typedef struct {
  gboolean          known;
  double            number;
  const char       *string;
  const char       *label;
  gboolean          verbatim;  /* the label is someone's text, never translated */
  gboolean          boolean;
  GDate             date;
  VertebroHoldUnit  unit;
} FactValue;

typedef struct {
  VertebroRuleset     *rules;
  const VertebroValue *patient;
  const VertebroField *fields;

  GDate                assessment_date;
  gboolean             has_age;
  int                  age;
  gboolean             has_crcl;
  double               crcl;
  gboolean             has_planned;
  GDate                planned;
  gboolean             has_weeks;
  int                  weeks;

  guint                n_levels;
  LevelContext         levels[VERTEBRO_PATIENT_MAX_LEVELS];
  GArray              *drugs;     /* of DrugContext */

  int                  level;     /* the entry being evaluated, or -1 */
  int                  drug;

  GPtrArray           *findings;  /* of VertebroItem */
  guint                n_level_needed;  /* needed fields of the levels, counted over every level */
  GPtrArray           *needed;    /* patient-scope paths whose rule applies */
} Context;

static Truth eval (Context *c, const VertebroCond *cond);

/* ---- Facts ---- */

static const VertebroValue *
patient_value (Context    *c,
               const char *path)
{
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, path);

  return &c->patient[field - c->fields];
}

static void
value_fact (const VertebroField *field,
            const VertebroValue *value,
            FactValue           *out)
{
  out->known = value->set;
  if (!value->set)
    return;
  switch (field->kind)
    {
    case VERTEBRO_FIELD_TEXT:
      out->string = out->label = value->text;
      break;
    case VERTEBRO_FIELD_DATE:
      vertebro_date_parse (value->text, &out->date);
      break;
    case VERTEBRO_FIELD_NUMBER:
    case VERTEBRO_FIELD_INTEGER:
      out->number = value->number;
      break;
    case VERTEBRO_FIELD_ANSWER:
      out->boolean = value->answer == VERTEBRO_ANSWER_YES;
      /* Translated when a text shows it ({field:history.radiculopathy} → "yes"). */
      out->label = out->boolean ? N_("yes") : N_("no");
      break;
    case VERTEBRO_FIELD_CHOICE:
      out->string = field->choices[value->choice].value;
      out->label = field->choices[value->choice].label;
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
fact_value (Context            *c,
            const VertebroFact *fact,
            FactValue          *out)
{
  const DrugContext *drug = c->drug >= 0 ? &g_array_index (c->drugs, DrugContext, c->drug) : NULL;

  memset (out, 0, sizeof *out);

  switch (fact->source)
    {
    case VERTEBRO_FACT_FROM_PATIENT:
      value_fact (fact->field, &c->patient[fact->index], out);
      return;

    case VERTEBRO_FACT_FROM_LEVEL:
      g_assert (c->level >= 0);
      value_fact (fact->field, &c->levels[c->level].values[fact->index], out);
      return;

    case VERTEBRO_FACT_FROM_DERIVED:
      break;

    default:
      g_assert_not_reached ();
    }

  switch ((VertebroDerived) fact->index)
    {
    case VERTEBRO_DERIVED_AGE:
      out->known = c->has_age;
      out->number = c->age;
      break;
    case VERTEBRO_DERIVED_CRCL:
      out->known = c->has_crcl;
      out->number = c->crcl;
      break;
    case VERTEBRO_DERIVED_LEVEL_COUNT:
      out->known = TRUE;
      out->number = c->n_levels;
      break;
    case VERTEBRO_DERIVED_LEVELS:
      out->known = c->n_levels > 0;
      break;
    case VERTEBRO_DERIVED_GENANT_GRADE:
      g_assert (c->level >= 0);
      out->known = c->levels[c->level].genant >= 0;
      out->number = c->levels[c->level].genant;
      break;
    case VERTEBRO_DERIVED_DRUG_ID:
      g_assert (drug != NULL);
      out->known = TRUE;
      out->string = drug->rule->id;
      out->label = drug->rule->name;
      /* An "other" medicine is called what the clinician typed. */
      if (vertebro_antithrombotic_get_name (drug->entry) != NULL)
        {
          out->label = vertebro_antithrombotic_get_name (drug->entry);
          out->verbatim = TRUE;
        }
      break;
    case VERTEBRO_DERIVED_DRUG_CLASS:
      g_assert (drug != NULL);
      out->known = TRUE;
      out->string = out->label = drug->rule->klass;
      break;
    case VERTEBRO_DERIVED_DRUG_HELD:
      g_assert (drug != NULL);
      out->known = TRUE;
      out->number = drug->held;
      out->unit = drug->rule->unit;
      break;
    case VERTEBRO_DERIVED_DRUG_MIN_HELD:
      g_assert (drug != NULL);
      out->known = drug->band != NULL && drug->band->has_hold;
      out->number = out->known ? drug->band->hold : 0;
      out->unit = drug->rule->unit;
      break;
    case VERTEBRO_DERIVED_DRUG_LEAD_DAYS:
      g_assert (drug != NULL);
      out->known = drug->band != NULL && drug->band->has_lead_days;
      out->number = out->known ? drug->band->lead_days : 0;
      break;
    case VERTEBRO_DERIVED_DRUG_HOLD_TABULATED:
      g_assert (drug != NULL);
      out->known = drug->band != NULL;
      out->boolean = out->known && drug->band->tabulated;
      break;
    case VERTEBRO_DERIVED_DRUG_STOP_DATE:
    case VERTEBRO_DERIVED_DRUG_STOP_DATE_PASSED:
      g_assert (drug != NULL);
      out->known = c->has_planned && drug->band != NULL && drug->band->has_lead_days &&
                   vertebro_date_add_days_checked (&c->planned, -(int) drug->band->lead_days, &out->date);
      out->boolean = out->known && g_date_compare (&out->date, &c->assessment_date) < 0;
      break;
    case VERTEBRO_DERIVED_DRUG_EARLIEST_DATE:
      g_assert (drug != NULL);
      out->known = drug->band != NULL && drug->band->has_lead_days &&
                   vertebro_date_add_days_checked (&c->assessment_date, (int) drug->band->lead_days, &out->date);
      break;
    case VERTEBRO_DERIVED_DRUG_HOLD_AGREED:
      g_assert (drug != NULL);
      out->known = vertebro_antithrombotic_get_hold_agreed (drug->entry) != VERTEBRO_ANSWER_NOT_ASSESSED;
      out->boolean = vertebro_antithrombotic_get_hold_agreed (drug->entry) == VERTEBRO_ANSWER_YES;
      break;
    case VERTEBRO_DERIVED_DRUG_HOLD_PLANNED:
      g_assert (drug != NULL);
      out->known = TRUE;
      out->boolean = drug->planned;
      break;
    case VERTEBRO_DERIVED_DAYS_TO_PROCEDURE:
      out->known = c->has_planned;
      out->number = c->has_planned ? g_date_days_between (&c->assessment_date, &c->planned) : 0;
      break;
    case VERTEBRO_DERIVED_WEEKS_SINCE_ONSET:
      out->known = c->has_weeks;
      out->number = c->weeks;
      break;
    case VERTEBRO_DERIVED_ANTITHROMBOTICS:
      out->known = c->drugs->len > 0;
      break;
    case VERTEBRO_DERIVED_LEVEL_NAME:
      g_assert (c->level >= 0);
      out->known = TRUE;
      out->string = out->label = c->levels[c->level].name;
      break;
    default:
      g_assert_not_reached ();
    }
}

/* ---- Conditions, in Kleene's three-valued logic ---- */

static Truth
truth (gboolean value)
{
  return value ? TRUTH_TRUE : TRUTH_FALSE;
}

static Truth
compare (Context            *c,
         const VertebroCond *cond)
{
  FactValue value, operand;
  double right;

  fact_value (c, cond->fact, &value);
  if (!value.known)
    return TRUTH_UNKNOWN;

  switch (cond->op)
    {
    case VERTEBRO_OP_IS:
      return truth (value.boolean == cond->boolean);
    case VERTEBRO_OP_IN:
      return truth (g_strv_contains ((const char * const *) cond->strings, value.string));
    case VERTEBRO_OP_EQ:
    case VERTEBRO_OP_NE:
    case VERTEBRO_OP_LT:
    case VERTEBRO_OP_LE:
    case VERTEBRO_OP_GT:
    case VERTEBRO_OP_GE:
      break;
    default:
      g_assert_not_reached ();
    }

  if (cond->string != NULL)
    {
      gboolean equal = g_strcmp0 (value.string, cond->string) == 0;

      return truth (cond->op == VERTEBRO_OP_EQ ? equal : !equal);
    }

  right = cond->number;
  if (cond->operand_fact != NULL)
    {
      fact_value (c, cond->operand_fact, &operand);
      if (!operand.known)
        return TRUTH_UNKNOWN;
      right = operand.number;
    }

  switch (cond->op)
    {
    case VERTEBRO_OP_EQ: return truth (value.number == right);
    case VERTEBRO_OP_NE: return truth (value.number != right);
    case VERTEBRO_OP_LT: return truth (value.number < right);
    case VERTEBRO_OP_LE: return truth (value.number <= right);
    case VERTEBRO_OP_GT: return truth (value.number > right);
    case VERTEBRO_OP_GE: return truth (value.number >= right);
    case VERTEBRO_OP_IS:
    case VERTEBRO_OP_IN:
    default:
      g_assert_not_reached ();
    }
}

static Truth
eval_some (Context            *c,
           const VertebroCond *cond)
{
  const VertebroCond *where = g_ptr_array_index (cond->children, 0);
  gboolean levels = cond->some == VERTEBRO_SCOPE_LEVEL;
  guint n = levels ? c->n_levels : c->drugs->len;
  int saved = levels ? c->level : c->drug;
  Truth result = TRUTH_FALSE;

  for (guint i = 0; i < n && result != TRUTH_TRUE; i++)
    {
      Truth t;

      if (levels)
        c->level = (int) i;
      else
        c->drug = (int) i;
      t = eval (c, where);
      if (t == TRUTH_TRUE || (t == TRUTH_UNKNOWN && result == TRUTH_FALSE))
        result = t;
    }

  if (levels)
    c->level = saved;
  else
    c->drug = saved;
  return result;
}

static Truth
eval (Context            *c,
      const VertebroCond *cond)
{
  switch (cond->type)
    {
    case VERTEBRO_COND_ALL:
      {
        Truth result = TRUTH_TRUE;

        for (guint i = 0; i < cond->children->len; i++)
          {
            Truth t = eval (c, g_ptr_array_index (cond->children, i));

            if (t == TRUTH_FALSE)
              return TRUTH_FALSE;
            if (t == TRUTH_UNKNOWN)
              result = TRUTH_UNKNOWN;
          }
        return result;
      }

    case VERTEBRO_COND_ANY:
      {
        Truth result = TRUTH_FALSE;

        for (guint i = 0; i < cond->children->len; i++)
          {
            Truth t = eval (c, g_ptr_array_index (cond->children, i));

            if (t == TRUTH_TRUE)
              return TRUTH_TRUE;
            if (t == TRUTH_UNKNOWN)
              result = TRUTH_UNKNOWN;
          }
        return result;
      }

    case VERTEBRO_COND_NOT:
      {
        Truth t = eval (c, g_ptr_array_index (cond->children, 0));

        return t == TRUTH_UNKNOWN ? t : truth (t == TRUTH_FALSE);
      }

    case VERTEBRO_COND_REF:
      return eval (c, cond->ref);

    case VERTEBRO_COND_COMPARE:
      return compare (c, cond);

    case VERTEBRO_COND_ASSESSED:
      {
        FactValue value;

        fact_value (c, cond->fact, &value);
        return truth (value.known == cond->boolean);
      }

    case VERTEBRO_COND_SOME:
      return eval_some (c, cond);

    case VERTEBRO_COND_FINDING:
      for (guint i = 0; i < c->findings->len; i++)
        if (g_str_equal (((VertebroItem *) g_ptr_array_index (c->findings, i))->id, cond->string))
          return TRUTH_TRUE;
      return TRUTH_FALSE;

    case VERTEBRO_COND_SEVERITY:
      for (guint i = 0; i < c->findings->len; i++)
        if (((VertebroItem *) g_ptr_array_index (c->findings, i))->severity == cond->severity)
          return TRUTH_TRUE;
      return TRUTH_FALSE;

    case VERTEBRO_COND_NEEDED:
      for (guint i = 0; i < c->needed->len; i++)
        if (g_str_equal (g_ptr_array_index (c->needed, i), cond->string))
          return TRUTH_TRUE;
      return TRUTH_FALSE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
applies (Context            *c,
         const VertebroCond *cond)
{
  return cond == NULL || eval (c, cond) == TRUTH_TRUE;
}

/* ---- Texts ---- */

static VertebroText *
capture_text (Context                *c,
              const VertebroTemplate *template)
{
  const VertebroVariant *chosen = NULL;
  VertebroText *text;
  const char *p;

  for (guint i = 0; i < template->variants->len && chosen == NULL; i++)
    {
      const VertebroVariant *variant = g_ptr_array_index (template->variants, i);

      if (applies (c, variant->when))
        chosen = variant;
    }
  g_assert (chosen != NULL);

  text = vertebro_text_new (chosen->text);
  for (p = strchr (chosen->text, '{'); p != NULL; p = strchr (p + 1, '{'))
    {
      const char *close = strchr (p, '}');
      g_autofree char *key = g_strndup (p + 1, close - p - 1);
      const char *arg = strchr (key, ':') + 1;

      if (g_str_has_prefix (key, "field:"))
        {
          const VertebroFact *fact = vertebro_fact_lookup (arg);
          FactValue value;

          fact_value (c, fact, &value);
          if (fact->scope == VERTEBRO_SCOPE_LEVEL && c->levels[c->level].name == NULL &&
              ((fact->source == VERTEBRO_FACT_FROM_DERIVED && fact->index == VERTEBRO_DERIVED_LEVEL_NAME) ||
               g_str_equal (fact->name, "level.level")))
            vertebro_text_add_unchosen_level (text, key, (guint) c->level);
          else if (!value.known)
            vertebro_text_add_unknown (text, key);
          else if (value.verbatim)
            vertebro_text_add_verbatim (text, key, value.label);
          else if (fact->kind == VERTEBRO_FACT_NUMBER)
            vertebro_text_add_number (text, key, value.number, NULL);
          else if (fact->kind == VERTEBRO_FACT_AMOUNT)
            vertebro_text_add_amount (text, key, value.number, value.unit);
          else if (fact->kind == VERTEBRO_FACT_DATE)
            vertebro_text_add_date (text, key, &value.date);
          else
            vertebro_text_add_label (text, key, value.label);
        }
      else
        {
          const VertebroThreshold *threshold = vertebro_ruleset_find_threshold (c->rules, arg);

          if (g_str_has_prefix (key, "threshold:"))
            vertebro_text_add_number (text, key, threshold->value, threshold->unit);
          else if (patient_value (c, "patient.weight_kg")->set)
            vertebro_text_add_number (text, key, round (threshold->value * patient_value (c, "patient.weight_kg")->number), NULL);
          else
            vertebro_text_add_unknown (text, key);
        }
    }
  return text;
}

static char *
expand_id (const char *id,
           Context    *c)
{
  if (c->drug < 0)
    return g_strdup (id);
  return vertebro_ruleset_expand_drug_id (id, g_array_index (c->drugs, DrugContext, c->drug).rule->id);
}

/* The item's sources, and in antithrombotic scope the drug's after them. */
static GStrv
item_sources (Context            *c,
              const char * const *sources)
{
  const char * const *drug_sources = NULL;
  guint n = g_strv_length ((GStrv) sources), n_drug = 0, k = 0;
  GStrv result, grouped;

  /* Sized once and filled: every item of every assessment comes here, so
   * growing arrays showed in the evaluator's profile (bench/). */
  if (c->drug >= 0)
    {
      drug_sources = (const char * const *) g_array_index (c->drugs, DrugContext, c->drug).rule->sources;
      n_drug = g_strv_length ((GStrv) drug_sources);
    }
  result = g_new (char *, n + n_drug + 1);
  for (guint i = 0; i < n; i++)
    result[k++] = g_strdup (sources[i]);
  for (guint i = 0; i < n_drug; i++)
    if (!g_strv_contains (sources, drug_sources[i]))
      result[k++] = g_strdup (drug_sources[i]);
  result[k] = NULL;
  /* Guidelines and literature first, the source documents after them. */
  grouped = vertebro_ruleset_group_sources (c->rules, (const char * const *) result);
  g_strfreev (result);
  return grouped;
}

/* ---- Steps ---- */

static int
whole_years (const GDate *from,
             const GDate *to)
{
  int years = (int) g_date_get_year (to) - (int) g_date_get_year (from);

  if (g_date_get_month (to) < g_date_get_month (from) ||
      (g_date_get_month (to) == g_date_get_month (from) && g_date_get_day (to) < g_date_get_day (from)))
    years--;
  return years;
}

static void
derive (Context     *c,
        const GDate *today)
{
  const VertebroValue *date = patient_value (c, "assessment.date");
  const VertebroValue *birth = patient_value (c, "patient.birth_date");
  const VertebroValue *planned = patient_value (c, "assessment.planned_date");
  const VertebroValue *onset = patient_value (c, "history.pain_onset_date");
  const VertebroValue *crcl = patient_value (c, "labs.crcl");
  const VertebroValue *creatinine = patient_value (c, "labs.creatinine_umol_l");
  const VertebroValue *weight = patient_value (c, "patient.weight_kg");
  const VertebroValue *sex = patient_value (c, "patient.sex");
  const VertebroField *sex_field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, "patient.sex");

  if (date->set)
    vertebro_date_parse (date->text, &c->assessment_date);
  else
    c->assessment_date = *today;

  if (birth->set)
    {
      GDate b;

      vertebro_date_parse (birth->text, &b);
      c->age = whole_years (&b, &c->assessment_date);
      c->has_age = c->age >= 0;
    }

  c->has_planned = planned->set;
  if (planned->set)
    vertebro_date_parse (planned->text, &c->planned);

  /* Whole weeks of pain, counted like whole years of age. */
  if (onset->set)
    {
      GDate o;
      int days;

      vertebro_date_parse (onset->text, &o);
      days = g_date_days_between (&o, &c->assessment_date);
      c->has_weeks = days >= 0;
      c->weeks = days / 7;
    }

  /* Cockcroft–Gault is defined for women and men; for "other", or when any
   * input is missing, a measured clearance must be entered. It is rounded
   * *down* to 0.1 mL/min, and that value is both shown and compared: the
   * number a clinician reads is the one the bands were applied to, and a
   * clearance of 49.96 is never rounded up into the band of 50 and over,
   * whose hold is shorter. */
  if (crcl->set)
    {
      c->has_crcl = TRUE;
      c->crcl = crcl->number;
    }
  else if (creatinine->set && weight->set && c->has_age && c->age < 140 && sex->set)
    {
      const char *s = vertebro_value_get_choice (sex_field, sex);

      if (g_str_equal (s, "female") || g_str_equal (s, "male"))
        {
          double mg_dl = creatinine->number / 88.4;
          double value = (140 - c->age) * weight->number * (g_str_equal (s, "female") ? 0.85 : 1.0) / (72 * mg_dl);

          c->has_crcl = TRUE;
          c->crcl = floor (value * 10) / 10;
        }
    }

  for (guint i = 0; i < c->n_levels; i++)
    {
      const VertebroValue *collapse = &c->levels[i].values[1];
      const VertebroGenant *g = &c->rules->genant;

      if (!collapse->set)
        c->levels[i].genant = -1;
      else if (collapse->number > g->grade_3_above)
        c->levels[i].genant = 3;
      else if (collapse->number > g->grade_2_above)
        c->levels[i].genant = 2;
      else if (collapse->number >= g->grade_1_from)
        c->levels[i].genant = 1;
      else
        c->levels[i].genant = 0;
    }

  /* The first band whose condition holds applies; a band whose condition
   * cannot be decided (renal function unknown) leaves the requirement
   * unknown, and the needed rules report what is missing. */
  for (guint i = 0; i < c->drugs->len; i++)
    {
      DrugContext *drug = &g_array_index (c->drugs, DrugContext, i);

      c->drug = (int) i;
      for (guint j = 0; j < drug->rule->bands->len; j++)
        {
          const VertebroBand *band = g_ptr_array_index (drug->rule->bands, j);
          Truth t = band->when != NULL ? eval (c, band->when) : TRUTH_TRUE;

          if (t == TRUTH_TRUE)
            drug->band = band;
          if (t != TRUTH_FALSE)
            break;
        }
      c->drug = -1;
    }
}

static char *
level_path (guint       index,
            const char *fact_name)
{
  return g_strdup_printf ("levels[%u].%s", index, fact_name + strlen ("level."));
}

/* Fills @missing (patient-wide) and each level's missing list. */
static void
find_missing (Context   *c,
              GPtrArray *missing,
              GPtrArray *level_missing[])
{
  for (guint i = 0; i < c->rules->needed->len; i++)
    {
      const VertebroNeededRule *rule = g_ptr_array_index (c->rules->needed, i);
      FactValue value;

      if (rule->scope == VERTEBRO_SCOPE_PATIENT)
        {
          const char *path = rule->report != NULL ? rule->report : rule->fact->name;

          if (!applies (c, rule->when))
            continue;
          g_ptr_array_add (c->needed, (gpointer) path);
          fact_value (c, rule->fact, &value);
          if (!value.known)
            g_ptr_array_add (missing, g_strdup (path));
          continue;
        }

      for (guint l = 0; l < c->n_levels; l++)
        {
          c->level = (int) l;
          if (applies (c, rule->when))
            {
              c->n_level_needed++;
              fact_value (c, rule->fact, &value);
              if (!value.known)
                g_ptr_array_add (level_missing[l], level_path (l, rule->report != NULL ? rule->report : rule->fact->name));
            }
        }
      c->level = -1;
    }
}

/* The field paths a condition reads, as a form names them. */
static void
collect_fields (Context            *c,
                const VertebroCond *cond,
                GPtrArray          *paths)
{
  const VertebroFact *facts[2];

  if (cond->type == VERTEBRO_COND_REF)
    {
      collect_fields (c, cond->ref, paths);
      return;
    }
  if (cond->children != NULL)
    {
      for (guint i = 0; i < cond->children->len; i++)
        collect_fields (c, g_ptr_array_index (cond->children, i), paths);
      return;
    }

  facts[0] = cond->fact;
  facts[1] = cond->operand_fact;
  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      const VertebroFact *fact = facts[i];
      char *path = NULL;

      if (fact == NULL)
        continue;
      if (fact->source == VERTEBRO_FACT_FROM_PATIENT)
        path = g_strdup (fact->name);
      else if (fact->source == VERTEBRO_FACT_FROM_LEVEL && c->level >= 0)
        path = level_path ((guint) c->level, fact->name);
      else if (fact->index == VERTEBRO_DERIVED_GENANT_GRADE && c->level >= 0)
        path = g_strdup_printf ("levels[%d].collapse_percent", c->level);
      else if (fact->index == VERTEBRO_DERIVED_CRCL)
        path = g_strdup ("labs.crcl");
      else if (fact->index == VERTEBRO_DERIVED_AGE)
        path = g_strdup ("patient.birth_date");
      else if (fact->index == VERTEBRO_DERIVED_WEEKS_SINCE_ONSET)
        path = g_strdup ("history.pain_onset_date");
      else if (fact->index == VERTEBRO_DERIVED_DRUG_HELD && c->drug >= 0)
        path = g_strdup_printf ("antithrombotics[%d].held", c->drug);

      if (path != NULL && !g_ptr_array_find_with_equal_func (paths, path, g_str_equal, NULL))
        g_ptr_array_add (paths, path);
      else
        g_free (path);
    }
}

/* What an item about one antithrombotic names it by: its id, or for "other"
 * the name entered for it. */
static char *
dup_drug (Context *c)
{
  const DrugContext *drug;

  if (c->drug < 0)
    return NULL;
  drug = &g_array_index (c->drugs, DrugContext, c->drug);
  if (vertebro_antithrombotic_get_name (drug->entry) != NULL)
    return g_strdup (vertebro_antithrombotic_get_name (drug->entry));
  return g_strdup (drug->rule->id);
}

static void
add_finding (Context                   *c,
             const VertebroFindingRule *rule,
             guint                      rule_index,
             guint                      entry_index)
{
  VertebroItem *item;
  g_autofree char *id = expand_id (rule->id, c);

  item = vertebro_item_new (id);
  item->severity = rule->severity;
  item->level = c->level >= 0 ? g_strdup (c->levels[c->level].name) : NULL;
  item->level_index = c->level;
  item->drug = dup_drug (c);
  item->text = capture_text (c, rule->message);
  item->remedy = rule->remedy != NULL ? capture_text (c, rule->remedy) : NULL;
  item->sources = item_sources (c, (const char * const *) rule->sources);
  {
    GPtrArray *paths = g_ptr_array_new ();

    collect_fields (c, rule->when, paths);
    g_ptr_array_add (paths, NULL);
    item->fields = (GStrv) g_ptr_array_free (paths, FALSE);
  }
  item->rule_index = rule_index;
  item->entry_index = entry_index;
  g_ptr_array_add (c->findings, item);
}

static void
find_findings (Context *c)
{
  for (guint i = 0; i < c->rules->findings->len; i++)
    {
      const VertebroFindingRule *rule = g_ptr_array_index (c->rules->findings, i);

      switch (rule->scope)
        {
        case VERTEBRO_SCOPE_PATIENT:
          if (applies (c, rule->when))
            add_finding (c, rule, i, 0);
          break;

        case VERTEBRO_SCOPE_LEVEL:
          for (guint l = 0; l < c->n_levels; l++)
            {
              c->level = (int) l;
              if (applies (c, rule->when))
                add_finding (c, rule, i, l);
            }
          c->level = -1;
          break;

        case VERTEBRO_SCOPE_ANTITHROMBOTIC:
          for (guint d = 0; d < c->drugs->len; d++)
            {
              c->drug = (int) d;
              if (applies (c, rule->when))
                add_finding (c, rule, i, d);
            }
          c->drug = -1;
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const VertebroItem *x = *(const VertebroItem **) a;
  const VertebroItem *y = *(const VertebroItem **) b;

  if (x->severity != y->severity)
    return x->severity < y->severity ? -1 : 1;
  if (x->rule_index != y->rule_index)
    return x->rule_index < y->rule_index ? -1 : 1;
  return x->entry_index < y->entry_index ? -1 : x->entry_index > y->entry_index;
}

static VertebroVerdict
worse (VertebroVerdict a,
       VertebroVerdict b)
{
  return MIN (a, b);
}

static void
decide (Context            *c,
        VertebroAssessment *a,
        gboolean            patient_missing,
        GPtrArray          *level_missing[],
        gboolean            any_missing)
{
  VertebroVerdict patient_wide = patient_missing ? VERTEBRO_VERDICT_INCOMPLETE : VERTEBRO_VERDICT_ELIGIBLE;
  g_autoptr(GStrvBuilder) qualifying = g_strv_builder_new ();

  for (guint i = 0; i < c->findings->len; i++)
    {
      const VertebroItem *item = g_ptr_array_index (c->findings, i);
      int v = vertebro_severity_get_verdict (item->severity);

      if (v >= 0 && item->level_index < 0)
        patient_wide = worse (patient_wide, (VertebroVerdict) v);
    }

  if (c->n_levels == 0)
    a->verdict = patient_wide;
  else
    {
      VertebroVerdict best = VERTEBRO_VERDICT_CONTRAINDICATED;

      for (guint l = 0; l < c->n_levels; l++)
        {
          VertebroVerdict v = patient_wide;

          if (level_missing[l]->len > 0)
            v = worse (v, VERTEBRO_VERDICT_INCOMPLETE);
          for (guint i = 0; i < c->findings->len; i++)
            {
              const VertebroItem *item = g_ptr_array_index (c->findings, i);
              int fv = vertebro_severity_get_verdict (item->severity);

              if (fv >= 0 && item->level_index == (int) l)
                v = worse (v, (VertebroVerdict) fv);
            }
          c->levels[l].verdict = v;
          best = MAX (best, v);
        }
      a->verdict = best;
    }

  /* The best level decides, but "eligible" (or any verdict better than
   * "incomplete") is never given while something needed is missing, even at
   * another level. This also keeps verdicts monotonic: a worse answer never
   * gives a better verdict. */
  if (any_missing && a->verdict > VERTEBRO_VERDICT_INCOMPLETE)
    a->verdict = VERTEBRO_VERDICT_INCOMPLETE;

  for (guint l = 0; l < c->n_levels; l++)
    {
      VertebroLevelResult result = { g_strdup (c->levels[l].name), c->levels[l].verdict, c->levels[l].genant };

      g_array_append_val (a->levels, result);
      /* A level whose vertebra is not chosen is missing it, so it never
       * qualifies; the check keeps that true whatever a rule set says. */
      if (a->verdict >= VERTEBRO_VERDICT_NOT_READY && c->levels[l].verdict == a->verdict &&
          c->levels[l].name != NULL)
        g_strv_builder_add (qualifying, c->levels[l].name);
    }
  a->qualifying = g_strv_builder_end (qualifying);
}

static VertebroItem *
make_item (Context                *c,
           const VertebroItemRule *rule,
           VertebroPatient        *patient)
{
  g_autofree char *id = expand_id (rule->id, c);
  VertebroItem *item = vertebro_item_new (id);
  double lead_days = rule->lead_days;
  gboolean has_lead = rule->has_lead_days;

  item->text = capture_text (c, rule->text);
  item->sources = item_sources (c, (const char * const *) rule->sources);
  item->drug = dup_drug (c);
  /* An item with its own "done" condition mirrors what the file records
   * elsewhere (an "other" antithrombotic's hold_agreed), not a tick. */
  item->done = rule->done != NULL ? applies (c, rule->done) : vertebro_patient_get_checked (patient, id);

  if (c->drug >= 0)
    {
      const VertebroBand *band = g_array_index (c->drugs, DrugContext, c->drug).band;

      has_lead = band != NULL && band->has_lead_days;
      lead_days = has_lead ? band->lead_days : 0;
    }
  if (has_lead && c->has_planned)
    item->has_due = vertebro_date_add_days_checked (&c->planned, -(int) lead_days, &item->due);
  return item;
}

static void
list_items (Context         *c,
            GPtrArray       *rules,
            GPtrArray       *into,
            VertebroPatient *patient)
{
  for (guint i = 0; i < rules->len; i++)
    {
      const VertebroItemRule *rule = g_ptr_array_index (rules, i);

      if (rule->scope == VERTEBRO_SCOPE_ANTITHROMBOTIC)
        {
          for (guint d = 0; d < c->drugs->len; d++)
            {
              c->drug = (int) d;
              if (applies (c, rule->when))
                g_ptr_array_add (into, make_item (c, rule, patient));
            }
          c->drug = -1;
        }
      else if (applies (c, rule->when))
        g_ptr_array_add (into, make_item (c, rule, patient));
    }
}

/**
 * vertebro_evaluate:
 * @rules: a rule set
 * @patient: a patient
 * @today: the date used when the patient has no assessment date
 *
 * Returns: (transfer full): the assessment
 */
VertebroAssessment *
vertebro_evaluate (VertebroRuleset *rules,
                   VertebroPatient *patient,
                   const GDate     *today)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *level_missing[VERTEBRO_PATIENT_MAX_LEVELS];
  VertebroAssessment *a;
  GListModel *levels, *drugs;
  guint n_fields;
  gboolean any_missing;
  Context c = { 0 };

  g_return_val_if_fail (VERTEBRO_IS_RULESET (rules), NULL);
  g_return_val_if_fail (VERTEBRO_IS_PATIENT (patient), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  c.rules = rules;
  c.patient = vertebro_patient_get_values (patient);
  c.fields = vertebro_fields_get (VERTEBRO_RECORD_PATIENT, &n_fields);
  c.level = c.drug = -1;
  c.findings = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_item_unref);
  c.needed = g_ptr_array_new ();
  c.drugs = g_array_new (FALSE, TRUE, sizeof (DrugContext));

  levels = vertebro_patient_get_levels (patient);
  c.n_levels = MIN (g_list_model_get_n_items (levels), VERTEBRO_PATIENT_MAX_LEVELS);
  for (guint i = 0; i < c.n_levels; i++)
    {
      g_autoptr(VertebroLevel) level = g_list_model_get_item (levels, i);

      /* The patient keeps a reference to each level for as long as the
       * evaluation runs, so borrowed pointers are safe. */
      c.levels[i].values = vertebro_level_get_values (level);
      c.levels[i].name = vertebro_level_get_level (level);
      level_missing[i] = g_ptr_array_new_with_free_func (g_free);
    }

  drugs = vertebro_patient_get_antithrombotics (patient);
  for (guint i = 0; i < g_list_model_get_n_items (drugs); i++)
    {
      g_autoptr(VertebroAntithrombotic) entry = g_list_model_get_item (drugs, i);
      DrugContext drug = { 0 };
      double held = vertebro_antithrombotic_get_held (entry);

      if (vertebro_antithrombotic_get_drug (entry) == NULL)
        continue;
      /* The patient keeps its entries alive while the evaluation runs. */
      drug.entry = entry;
      drug.rule = vertebro_ruleset_find_drug (rules, vertebro_antithrombotic_get_drug (entry));
      /* Not yet planned counts as not withheld at all. */
      drug.planned = !isnan (held);
      drug.held = isnan (held) ? 0 : held;
      g_assert (drug.rule != NULL);
      g_array_append_val (c.drugs, drug);
    }

  derive (&c, today);
  find_missing (&c, missing, level_missing);
  find_findings (&c);
  g_ptr_array_sort (c.findings, compare_findings);

  a = vertebro_assessment_new ();
  any_missing = missing->len > 0;
  for (guint l = 0; l < c.n_levels; l++)
    any_missing |= level_missing[l]->len > 0;
  decide (&c, a, missing->len > 0, level_missing, any_missing);

  for (guint l = 0; l < c.n_levels; l++)
    {
      for (guint i = 0; i < level_missing[l]->len; i++)
        g_ptr_array_add (missing, g_strdup (g_ptr_array_index (level_missing[l], i)));
      g_ptr_array_unref (level_missing[l]);
    }
  g_ptr_array_add (missing, NULL);
  a->missing = (GStrv) g_ptr_array_steal (missing, NULL);
  a->n_needed = c.needed->len + c.n_level_needed;
  a->needed = g_new0 (char *, c.needed->len + 1);
  for (guint i = 0; i < c.needed->len; i++)
    a->needed[i] = g_strdup (g_ptr_array_index (c.needed, i));

  g_ptr_array_extend_and_steal (a->findings, g_steal_pointer (&c.findings));
  c.findings = a->findings;
  list_items (&c, rules->checklist, a->checklist, patient);
  list_items (&c, rules->counsel, a->counsel, patient);

  a->has_age = c.has_age;
  a->age = c.age;
  a->has_crcl = c.has_crcl;
  a->crcl = c.crcl;
  a->has_weeks_since_onset = c.has_weeks;
  a->weeks_since_onset = c.weeks;
  a->ruleset_id = g_strdup (rules->id);
  a->ruleset_version = g_strdup (rules->version);
  a->ruleset_sha256 = g_strdup (rules->sha256);

  /* The record, read against this assessment: a decision is never part of
   * the verdict, it is shown beside it. */
  if (vertebro_patient_get_decision (patient) != NULL)
    {
      a->decision = json_object_ref (vertebro_patient_get_decision (patient));
      a->decision_against = vertebro_decision_is_against (a->decision, a);
      a->decision_stale = vertebro_decision_is_stale (a->decision, a);
    }
  if (vertebro_patient_get_audit (patient) != NULL)
    {
      JsonArray *audit = vertebro_patient_get_audit (patient);

      a->has_audit = TRUE;
      a->audit_entries = json_array_get_length (audit);
      a->audit_intact = vertebro_patient_get_audit_intact (patient);
      if (a->audit_entries > 0)
        a->since_last = vertebro_audit_since_last (json_array_get_object_element (audit, a->audit_entries - 1), a);
    }

  g_ptr_array_unref (c.needed);
  g_array_unref (c.drugs);
  return a;
}
