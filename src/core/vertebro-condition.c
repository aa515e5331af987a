/* vertebro-condition.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compiles the conditions and texts of a rule set into trees the evaluator
 * walks without looking at JSON again; every error names its JSON path.
 *
 * The rule language is documented here, once, beside the code that knows
 * its vocabulary: the fact table below and the compiler of conditions and
 * texts. The loader (vertebro-ruleset.c, vertebro-ruleset-sections.c and
 * the readers of vertebro-ruleset-read.c) reads the sections of the file;
 * the evaluator (vertebro-evaluator.c) computes the derived facts. The C
 * code knows this vocabulary (fields, operators, scopes, severities) and
 * never a rule by its id.
 *
 * # The rule-set format (`vertebro-rules`, format version 1)
 *
 * A rule set is one UTF-8 JSON object. The built-in one is `data/rules/vertebro-default.json`,
 * compiled into the program; a site may pass its own with `--rules FILE`. The loader validates
 * every member below and refuses the whole file, naming the JSON path
 * (`findings[3].when.all[1].field`), when anything is unknown, mistyped, duplicated or refers to
 * something that does not exist.
 *
 * ## Top level
 *
 * | member | type | meaning |
 * | --- | --- | --- |
 * | `format` | `"vertebro-rules"` | required |
 * | `format_version` | `1` | required; a higher one is refused as "made by a newer version" |
 * | `id`, `version` | string | the rule set's id and version (`vertebro-default`, `1.0.0`) |
 * | `title` | string | a name for people |
 * | `sources` | array of `{ "id", "citation", "doi"?, "kind"?, "cite_alone"? }` | every source a rule may cite; ids unique; `doi` is `10.…/…`; `kind` is `"literature"` (the default) or `"document"` (the documents the product was specified from, listed last); a source with `"cite_alone": false` may only be cited beside another |
 * | `thresholds` | array of `{ "id", "value", "unit", "label" }` | every number a rule compares against; ids unique; `unit` may be `""` |
 * | `genant` | `{ "grade_1_from", "grade_2_above", "grade_3_above", "sources" }` | Genant cut points in %: grade 1 when collapse ≥ `grade_1_from`, 2 when > `grade_2_above`, 3 when > `grade_3_above` |
 * | `definitions` | object, name → condition | named conditions, used with `{ "ref": NAME }` |
 * | `needed` | array of needed-field rules | §2 of clinical-rules.md |
 * | `findings` | array of findings | §3 |
 * | `antithrombotics` | array of drugs | §4; must cover exactly the drug ids of the patient format |
 * | `checklist` | array of checklist items | §5, in display order |
 * | `counsel` | array of counselling items | §6, in display order |
 *
 * No other members are allowed anywhere (a typo is an error, not an ignored member). No string
 * or member name may hold a control character (U+0000–U+001F, U+007F–U+009F: a terminal escape
 * sequence in a message would reach `vertebro --evaluate`'s output) or a bidirectional or
 * zero-width control (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, …), which would make a text read
 * as another. A `lead_days` is from 0 to 60.
 *
 * ## Size
 *
 * A `{ "ref": NAME }` stands for its definition wherever it is used, so a chain of definitions
 * that each use the one before twice doubles at every step. The loader counts each condition's
 * nodes with every `ref` expanded: one condition may have at most 10 000
 * (`VERTEBRO_COND_MAX_SIZE`), and all the conditions the rules evaluate (their `when`s, with those of
 * text variants) at most 200 000 together (`VERTEBRO_RULESET_MAX_EVALUATED`); beyond that the rule
 * set is refused, naming the path where the limit was passed. Evaluation is then bounded by that
 * count times the number of levels and drugs.
 *
 * ## Scopes
 *
 * Each needed rule, finding and checklist item has a `scope` (default `"patient"`):
 *
 * - `"patient"`: evaluated once.
 * - `"level"`: evaluated once per entry of `levels[]`; may use the `level.*` facts.
 * - `"antithrombotic"`: evaluated once per listed drug; may use the `drug.*` facts. `{drug}` in
 *   its `id` is replaced by the drug id (`req.hold.{drug}` → `req.hold.clopidogrel`); an id
 *   without it (`req.hold.other`) is shared by every entry the rule applies to, and each item
 *   names its drug.
 *
 * Counselling items are always patient scope.
 *
 * ## Facts (what a condition may look at)
 *
 * Every field of the patient format by its path (`patient.sex`, `history.pain_nrs`, `labs.inr`,
 * `assessment.procedure`, `assessment.planned_date`, …), plus:
 *
 * | fact | kind | meaning |
 * | --- | --- | --- |
 * | `derived.age` | number (years) | whole years from birth date to the assessment date |
 * | `derived.crcl` | number (mL/min) | `labs.crcl` when entered, else Cockcroft–Gault, rounded to 0.1 |
 * | `derived.level_count` | number | entries in `levels[]` |
 * | `derived.weeks_since_onset` | number (weeks) | whole weeks from `history.pain_onset_date` to the assessment date |
 * | `derived.days_to_procedure` | number (days) | from the assessment date to `assessment.planned_date` |
 * | `levels` | list | assessed when at least one level is entered (for `needed`) |
 * | `antithrombotics` | list | assessed when at least one drug is listed |
 * | `level.level`, `level.collapse_percent`, `level.acuity`, `level.posterior_wall`, `level.pain_concordant` | as in the format | the level being evaluated (level scope) |
 * | `level.genant_grade` | number | 0–3 from the collapse % and `genant` |
 * | `level.name` | text | the vertebra, as `level.level` |
 * | `drug.id` | choice | the drug being evaluated (antithrombotic scope) |
 * | `drug.class` | text | the drug's `class` |
 * | `drug.held` | amount | `held`, null counted as 0, in the drug's unit |
 * | `drug.min_held` | amount | the matched band's `hold` when it is a number |
 * | `drug.lead_days` | number (days) | the matched band's `lead_days` |
 * | `drug.hold_tabulated` | bool | true when the matched band has a numeric `hold` within the source's table, false when `"none"` or `beyond_table` |
 * | `drug.hold_agreed` | bool | the entry's `hold_agreed` answer |
 * | `drug.hold_planned` | bool | true when `held` was entered |
 * | `drug.stop_date` | date | `assessment.planned_date` − `drug.lead_days` |
 * | `drug.stop_date_passed` | bool | `drug.stop_date` is before the assessment date |
 * | `drug.earliest_date` | date | the assessment date + `drug.lead_days` |
 *
 * A fact whose value is not known (not assessed, or not derivable) is **unknown**.
 *
 * ## Conditions
 *
 * Three-valued (Kleene) logic: each condition is true, false or unknown. A rule applies only when
 * its condition is **true**; an unknown value never makes a rule apply, and the fields it needs are
 * reported by the `needed` rules instead.
 *
 * | form | meaning |
 * | --- | --- |
 * | `{ "all": [C, …] }` | true when all are true; false when one is false; else unknown |
 * | `{ "any": [C, …] }` | true when one is true; false when all are false; else unknown |
 * | `{ "not": C }` | negation; unknown stays unknown |
 * | `{ "ref": NAME }` | the named condition from `definitions` |
 * | `{ "field": F, "is": true/false }` | bool fact equals the value |
 * | `{ "field": F, "eq"/"ne": V }` | choice or text fact equals / differs from a string, or a number fact equals / differs from a number |
 * | `{ "field": F, "in": [V, …] }` | choice or text fact is one of the strings |
 * | `{ "field": F, "lt"/"le"/"gt"/"ge": N }` | number or amount fact compared with N |
 * | `{ "field": F, "assessed": true/false }` | two-valued: whether F is known |
 * | `{ "some": "levels"/"antithrombotics", "where": C }` | true when C holds for one entry, false when for none, else unknown |
 * | `{ "finding": ID }` | two-valued: that finding applies (checklist and counselling only) |
 * | `{ "severity": S }` | two-valued: some finding of severity S applies (checklist and counselling only) |
 * | `{ "needed": F }` | two-valued: field F is needed (checklist and counselling only) |
 *
 * A number operand `N` is a literal number, `{ "threshold": ID }` or `{ "field": F }` (another
 * number or amount fact). Strings given to `eq`, `ne` and `in` on a choice fact must be among that
 * field's allowed values.
 *
 * ## Texts
 *
 * Messages, remedies and item texts are English strings with placeholders, or a list of variants
 * `[ { "when": C, "text": "…" }, …, { "text": "…" } ]` of which the first whose condition is true is
 * used (the last has no `when`). Placeholders:
 *
 * - `{field:F}` — the value of fact F as a person reads it (a choice shows its label, an amount its
 *   unit: "5 days", "2 doses", a date the locale's or ISO format);
 * - `{threshold:ID}` — the threshold's value and unit;
 * - `{per_kg:ID}` — the threshold (a dose per kg) times `patient.weight_kg`, rounded to a whole number.
 *
 * Placeholders are checked at load time against the scope (`{field:level.level}` only in level scope).
 *
 * ## Items
 *
 * - **needed**: `{ "id", "field", "scope"?, "when"?, "report"? }` — the field is needed (listed as
 *   missing when unknown) when `when` is absent or true. `report` is the path shown instead
 *   (`derived.crcl` is reported as `labs.crcl`); in level scope `level.X` is reported as `levels[i].X`.
 * - **finding**: `{ "id", "scope"?, "severity", "when", "message", "remedy"?, "sources" }` — severity
 *   one of `absolute`, `not_indicated`, `requirement`, `relative`, `caution`, `info`; `sources` may be
 *   empty.
 * - **antithrombotic**: `{ "id", "name", "class", "unit": "days"/"doses", "sources", "bands" }` —
 *   `bands`: `[ { "id", "when"?, "hold": N or "none", "lead_days"?, "beyond_table"? } ]`; the first
 *   band whose `when` is absent or true is the matched band; if a band's `when` is unknown before one
 *   matches, the requirement is unknown. Only the last band may have no `when`. A band
 *   `"beyond_table": true` (with a numeric `hold`) lies beyond the source's table: the longest hold
 *   applies and specialist advice is needed.
 * - **checklist item**: `{ "id", "scope"?, "when"?, "text", "lead_days"?, "done"?, "sources" }` —
 *   in antithrombotic scope the lead time is the drug's `drug.lead_days`; `done` is a condition
 *   that ticks the item instead of the file's checklist.
 * - **counselling item**: `{ "id", "when"?, "text", "sources" }`.
 *
 * Every `sources` list names ids of the `sources` section, may be empty where the item allows it,
 * and never cites only sources marked `"cite_alone": false`.
 */

#define G_LOG_DOMAIN "vertebro-condition"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "vertebro-ruleset-private.h"
#include "vertebro-ruleset-read.h"

/* ---- The fact table ---- */

static GPtrArray *
build_facts (void)
{
  GPtrArray *facts = g_ptr_array_new ();
  static const struct {
    const char       *name;
    VertebroFactKind  kind;
    VertebroScope     scope;
    VertebroDerived   derived;
    const char       *unit;
  } derived[] = {
    { "derived.age", VERTEBRO_FACT_NUMBER, VERTEBRO_SCOPE_PATIENT, VERTEBRO_DERIVED_AGE, N_("years") },
    { "derived.crcl", VERTEBRO_FACT_NUMBER, VERTEBRO_SCOPE_PATIENT, VERTEBRO_DERIVED_CRCL, "mL/min" },
    { "derived.level_count", VERTEBRO_FACT_NUMBER, VERTEBRO_SCOPE_PATIENT, VERTEBRO_DERIVED_LEVEL_COUNT, NULL },
    { "levels", VERTEBRO_FACT_LIST, VERTEBRO_SCOPE_PATIENT, VERTEBRO_DERIVED_LEVELS, NULL },
    { "level.genant_grade", VERTEBRO_FACT_NUMBER, VERTEBRO_SCOPE_LEVEL, VERTEBRO_DERIVED_GENANT_GRADE, NULL },
    { "drug.id", VERTEBRO_FACT_CHOICE, VERTEBRO_SCOPE_ANTITHROMBOTIC, VERTEBRO_DERIVED_DRUG_ID, NULL },
    { "drug.class", VERTEBRO_FACT_TEXT, VERTEBRO_SCOPE_ANTITHROMBOTIC, VERTEBRO_DERIVED_DRUG_CLASS, NULL },
    { "drug.held", VERTEBRO_FACT_AMOUNT, VERTEBRO_SCOPE_ANTITHROMBOTIC, VERTEBRO_DERIVED_DRUG_HELD, NULL },
    { "drug.min_held", VERTEBRO_FACT_AMOUNT, VERTEBRO_SCOPE_ANTITHROMBOTIC, VERTEBRO_DERIVED_DRUG_MIN_HELD, NULL },
    { "drug.lead_days", VERTEBRO_FACT_NUMBER, VERTEBRO_SCOPE_ANTITHROMBOTIC, VERTEBRO_DERIVED_DRUG_LEAD_DAYS, N_("days") },
    { "drug.hold_tabulated", VERTEBRO_FACT_BOOL, VERTEBRO_SCOPE_ANTITHROMBOTIC, VERTEBRO_DERIVED_DRUG_HOLD_TABULATED, NULL },
    { "drug.stop_date", VERTEBRO_FACT_DATE, VERTEBRO_SCOPE_ANTITHROMBOTIC, VERTEBRO_DERIVED_DRUG_STOP_DATE, NULL },
    { "derived.weeks_since_onset", VERTEBRO_FACT_NUMBER, VERTEBRO_SCOPE_PATIENT, VERTEBRO_DERIVED_WEEKS_SINCE_ONSET, N_("weeks") },
    { "antithrombotics", VERTEBRO_FACT_LIST, VERTEBRO_SCOPE_PATIENT, VERTEBRO_DERIVED_ANTITHROMBOTICS, NULL },
    { "level.name", VERTEBRO_FACT_TEXT, VERTEBRO_SCOPE_LEVEL, VERTEBRO_DERIVED_LEVEL_NAME, NULL },
    { "drug.hold_agreed", VERTEBRO_FACT_BOOL, VERTEBRO_SCOPE_ANTITHROMBOTIC, VERTEBRO_DERIVED_DRUG_HOLD_AGREED, NULL },
    { "drug.hold_planned", VERTEBRO_FACT_BOOL, VERTEBRO_SCOPE_ANTITHROMBOTIC, VERTEBRO_DERIVED_DRUG_HOLD_PLANNED, NULL },
    { "drug.stop_date_passed", VERTEBRO_FACT_BOOL, VERTEBRO_SCOPE_ANTITHROMBOTIC, VERTEBRO_DERIVED_DRUG_STOP_DATE_PASSED, NULL },
    { "derived.days_to_procedure", VERTEBRO_FACT_NUMBER, VERTEBRO_SCOPE_PATIENT, VERTEBRO_DERIVED_DAYS_TO_PROCEDURE, N_("days") },
    { "drug.earliest_date", VERTEBRO_FACT_DATE, VERTEBRO_SCOPE_ANTITHROMBOTIC, VERTEBRO_DERIVED_DRUG_EARLIEST_DATE, NULL },
  };
  static const VertebroRecord records[] = { VERTEBRO_RECORD_PATIENT, VERTEBRO_RECORD_LEVEL };

  for (guint r = 0; r < G_N_ELEMENTS (records); r++)
    {
      guint n;
      const VertebroField *fields = vertebro_fields_get (records[r], &n);

      for (guint i = 0; i < n; i++)
        {
          VertebroFact *fact = g_new0 (VertebroFact, 1);

          fact->name = g_strdup (fields[i].path);
          fact->field = &fields[i];
          fact->index = (int) i;
          fact->unit = fields[i].unit;
          fact->scope = records[r] == VERTEBRO_RECORD_LEVEL ? VERTEBRO_SCOPE_LEVEL : VERTEBRO_SCOPE_PATIENT;
          fact->source = records[r] == VERTEBRO_RECORD_LEVEL ? VERTEBRO_FACT_FROM_LEVEL : VERTEBRO_FACT_FROM_PATIENT;
          switch (fields[i].kind)
            {
            case VERTEBRO_FIELD_TEXT: fact->kind = VERTEBRO_FACT_TEXT; break;
            case VERTEBRO_FIELD_DATE: fact->kind = VERTEBRO_FACT_DATE; break;
            case VERTEBRO_FIELD_NUMBER:
            case VERTEBRO_FIELD_INTEGER: fact->kind = VERTEBRO_FACT_NUMBER; break;
            case VERTEBRO_FIELD_ANSWER: fact->kind = VERTEBRO_FACT_BOOL; break;
            case VERTEBRO_FIELD_CHOICE: fact->kind = VERTEBRO_FACT_CHOICE; break;
            default: g_assert_not_reached ();
            }
          g_ptr_array_add (facts, fact);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (derived); i++)
    {
      VertebroFact *fact = g_new0 (VertebroFact, 1);

      fact->name = g_strdup (derived[i].name);
      fact->kind = derived[i].kind;
      fact->scope = derived[i].scope;
      fact->source = VERTEBRO_FACT_FROM_DERIVED;
      fact->index = derived[i].derived;
      fact->unit = derived[i].unit;
      if (derived[i].derived == VERTEBRO_DERIVED_DRUG_ID)
        fact->field = vertebro_fields_lookup (VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.drug");
      g_ptr_array_add (facts, fact);
    }

  return facts;
}

/**
 * vertebro_fact_lookup:
 * @name: a fact's name ("labs.inr", "level.acuity", "drug.held", …)
 *
 * Returns: (nullable): the fact, or %NULL if there is none of that name
 */
const VertebroFact *
vertebro_fact_lookup (const char *name)
{
  /* By name: the evaluator looks facts up for every placeholder of every
   * text it captures, so a linear search showed in its profile (bench/).
   * The facts live as long as the process. */
  static GHashTable *by_name;

  if (g_once_init_enter (&by_name))
    {
      g_autoptr(GPtrArray) facts = build_facts ();
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      /* The first fact of a name wins, as the linear search had it. */
      for (guint i = 0; i < facts->len; i++)
        {
          VertebroFact *fact = g_ptr_array_index (facts, i);

          if (!g_hash_table_contains (table, fact->name))
            g_hash_table_insert (table, (gpointer) fact->name, fact);
        }
      g_once_init_leave (&by_name, table);
    }

  return g_hash_table_lookup (by_name, name);
}

/* ---- Errors ---- */

#define fail vertebro_ruleset_fail

void
vertebro_cond_free (VertebroCond *cond)
{
  if (cond == NULL)
    return;
  g_clear_pointer (&cond->children, g_ptr_array_unref);
  g_free (cond->string);
  g_strfreev (cond->strings);
  g_free (cond);
}

static const char * const op_names[] = {
  [VERTEBRO_OP_IS] = "is",
  [VERTEBRO_OP_EQ] = "eq",
  [VERTEBRO_OP_NE] = "ne",
  [VERTEBRO_OP_IN] = "in",
  [VERTEBRO_OP_LT] = "lt",
  [VERTEBRO_OP_LE] = "le",
  [VERTEBRO_OP_GT] = "gt",
  [VERTEBRO_OP_GE] = "ge",
};

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_number (JsonNode *node)
{
  return JSON_NODE_TYPE (node) == JSON_NODE_VALUE &&
         (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static gboolean
node_is_boolean (JsonNode *node)
{
  return JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static const VertebroFact *
resolve_fact (JsonNode                  *node,
              const char                *path,
              const VertebroCondContext *context,
              VertebroCond              *cond,
              GError                   **error)
{
  const VertebroFact *fact;

  if (!node_is_string (node))
    {
      fail (error, path, _("must be the name of a field"));
      return NULL;
    }
  fact = vertebro_fact_lookup (json_node_get_string (node));
  if (fact == NULL)
    {
      /* Translators: a rule-set error; %s is a field name such as “labs.inr”. */
      fail (error, path, _("unknown field “%s”"), json_node_get_string (node));
      return NULL;
    }
  if ((context->scopes & VERTEBRO_SCOPE_BIT (fact->scope)) == 0)
    {
      /* Translators: a rule-set error; the first %s is a field name, the second the untranslated
       * scope “level” or “antithrombotic”; keep “some” as it is, a word of the rule-set format. */
      fail (error, path, _("the field “%s” is not available here (it needs a rule of %s scope or a “some”)"),
            fact->name, fact->scope == VERTEBRO_SCOPE_LEVEL ? "level" : "antithrombotic");
      return NULL;
    }
  cond->scopes |= VERTEBRO_SCOPE_BIT (fact->scope);
  return fact;
}

static gboolean
check_choice (const VertebroFact *fact,
              JsonNode           *node,
              const char         *path,
              GError            **error)
{
  if (!node_is_string (node))
    return fail (error, path, _("must be a string"));
  if (fact->kind == VERTEBRO_FACT_CHOICE && vertebro_field_choice_index (fact->field, json_node_get_string (node)) < 0)
    /* Translators: a rule-set error; the value given, then a field name such as “history.etiology”. */
    return fail (error, path, _("“%s” is not an allowed value of %s"), json_node_get_string (node), fact->name);
  return TRUE;
}

static gboolean
compile_number_operand (JsonNode                  *node,
                        const char                *path,
                        const VertebroCondContext *context,
                        VertebroCond              *cond,
                        GError                   **error)
{
  if (node_is_number (node))
    {
      cond->number = json_node_get_double (node);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (json_object_get_size (object) == 1 && json_object_has_member (object, "threshold"))
        {
          JsonNode *id = json_object_get_member (object, "threshold");
          g_autofree char *sub = g_strconcat (path, ".threshold", NULL);
          const VertebroThreshold *threshold;

          if (!node_is_string (id))
            return fail (error, sub, _("must be a threshold id"));
          threshold = vertebro_ruleset_find_threshold (context->rules, json_node_get_string (id));
          if (threshold == NULL)
            /* Translators: a rule-set error; %s is a threshold id such as “inr_max”. */
            return fail (error, sub, _("unknown threshold “%s”"), json_node_get_string (id));
          cond->number = threshold->value;
          return TRUE;
        }
      if (json_object_get_size (object) == 1 && json_object_has_member (object, "field"))
        {
          g_autofree char *sub = g_strconcat (path, ".field", NULL);
          const VertebroFact *fact = resolve_fact (json_object_get_member (object, "field"), sub, context, cond, error);

          if (fact == NULL)
            return FALSE;
          if (fact->kind != VERTEBRO_FACT_NUMBER && fact->kind != VERTEBRO_FACT_AMOUNT)
            /* Translators: a rule-set error; %s is a field name. */
            return fail (error, sub, _("“%s” is not a number"), fact->name);
          cond->operand_fact = fact;
          return TRUE;
        }
    }
  return fail (error, path, _("must be a number, {\"threshold\": ID} or {\"field\": NAME}"));
}

static gboolean
compile_field_test (JsonObject                *object,
                    const char                *path,
                    const VertebroCondContext *context,
                    VertebroCond              *cond,
                    GError                   **error)
{
  g_autofree char *field_path = g_strconcat (path, ".field", NULL);
  const char *op_name = NULL;
  g_autofree char *op_path = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *operand;
  guint n_ops = 0;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &operand))
    if (!g_str_equal (name, "field"))
      {
        op_name = name;
        n_ops++;
      }
  if (n_ops != 1)
    return fail (error, path, _("a field test needs exactly one operator besides “field”"));

  cond->fact = resolve_fact (json_object_get_member (object, "field"), field_path, context, cond, error);
  if (cond->fact == NULL)
    return FALSE;

  operand = json_object_get_member (object, op_name);
  op_path = g_strconcat (path, ".", op_name, NULL);

  if (g_str_equal (op_name, "assessed"))
    {
      cond->type = VERTEBRO_COND_ASSESSED;
      if (!node_is_boolean (operand))
        return fail (error, op_path, _("must be true or false"));
      cond->boolean = json_node_get_boolean (operand);
      return TRUE;
    }

  cond->type = VERTEBRO_COND_COMPARE;
  for (guint i = 0; i < G_N_ELEMENTS (op_names); i++)
    if (g_str_equal (op_names[i], op_name))
      {
        cond->op = (VertebroOp) i;
        goto found;
      }
  /* Translators: a rule-set error; %s is what was written where an operator such as “eq” or “lt”
   * was expected. */
  return fail (error, path, _("unknown operator “%s”"), op_name);

found:
  switch (cond->fact->kind)
    {
    case VERTEBRO_FACT_BOOL:
      if (cond->op != VERTEBRO_OP_IS)
        /* Translators: a rule-set error; %s is a field name; keep “is”, a word of the rule-set
         * format. */
        return fail (error, op_path, _("“%s” is true, false or not assessed: test it with “is”"), cond->fact->name);
      if (!node_is_boolean (operand))
        return fail (error, op_path, _("must be true or false"));
      cond->boolean = json_node_get_boolean (operand);
      return TRUE;

    case VERTEBRO_FACT_CHOICE:
    case VERTEBRO_FACT_TEXT:
      if (cond->op == VERTEBRO_OP_EQ || cond->op == VERTEBRO_OP_NE)
        {
          if (!check_choice (cond->fact, operand, op_path, error))
            return FALSE;
          cond->string = g_strdup (json_node_get_string (operand));
          return TRUE;
        }
      if (cond->op == VERTEBRO_OP_IN)
        {
          JsonArray *array;
          guint n;

          if (!JSON_NODE_HOLDS_ARRAY (operand) || json_array_get_length (json_node_get_array (operand)) == 0)
            return fail (error, op_path, _("must be a non-empty array of strings"));
          array = json_node_get_array (operand);
          n = json_array_get_length (array);
          cond->strings = g_new0 (char *, n + 1);
          for (guint i = 0; i < n; i++)
            {
              g_autofree char *sub = g_strdup_printf ("%s[%u]", op_path, i);

              if (!check_choice (cond->fact, json_array_get_element (array, i), sub, error))
                return FALSE;
              cond->strings[i] = g_strdup (json_array_get_string_element (array, i));
            }
          return TRUE;
        }
      /* Translators: a rule-set error; %s is a field name; keep eq, ne and in, words of the rule-set
       * format. */
      return fail (error, op_path, _("“%s” is not a number: use eq, ne or in"), cond->fact->name);

    case VERTEBRO_FACT_NUMBER:
    case VERTEBRO_FACT_AMOUNT:
      if (cond->op == VERTEBRO_OP_IS || cond->op == VERTEBRO_OP_IN)
        /* Translators: a rule-set error; %s is a field name; keep eq, ne, lt, le, gt and ge, words
         * of the rule-set format. */
        return fail (error, op_path, _("“%s” is a number: use eq, ne, lt, le, gt or ge"), cond->fact->name);
      return compile_number_operand (operand, op_path, context, cond, error);

    case VERTEBRO_FACT_DATE:
    case VERTEBRO_FACT_LIST:
      /* Translators: a rule-set error; %s is a field name; keep “assessed”, a word of the rule-set
       * format. */
      return fail (error, op_path, _("“%s” can only be tested with “assessed”"), cond->fact->name);

    default:
      g_assert_not_reached ();
    }
}

/* @object has no member but @a and (unless %NULL) @b. */
static gboolean
only_members (JsonObject  *object,
              const char  *path,
              const char  *a,
              const char  *b,
              GError     **error)
{
  const char *allowed[] = { a, b, NULL };
  const char *required[] = { NULL };

  return vertebro_ruleset_check_members (object, path, allowed, required, error);
}

static VertebroCond *
compile_list (VertebroCond              *cond,
              JsonNode                  *node,
              const char                *path,
              const VertebroCondContext *context,
              GError                   **error)
{
  g_autoptr(VertebroCond) owned = cond;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      fail (error, path, _("must be a non-empty array of conditions"));
      return NULL;
    }
  array = json_node_get_array (node);
  cond->children = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_cond_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);
      VertebroCond *child = vertebro_cond_compile (json_array_get_element (array, i), sub, context, error);

      if (child == NULL)
        return NULL;
      cond->scopes |= child->scopes;
      cond->uses_results |= child->uses_results;
      g_ptr_array_add (cond->children, child);
    }
  return g_steal_pointer (&owned);
}

static VertebroCond *
compile_cond (JsonNode                  *node,
              const char                *path,
              const VertebroCondContext *context,
              GError                   **error)
{
  g_autoptr(VertebroCond) cond = g_new0 (VertebroCond, 1);
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, path, _("must be a condition (an object)"));
      return NULL;
    }
  object = json_node_get_object (node);

  if (json_object_has_member (object, "all") || json_object_has_member (object, "any"))
    {
      const char *name = json_object_has_member (object, "all") ? "all" : "any";
      g_autofree char *sub = g_strconcat (path, ".", name, NULL);

      if (!only_members (object, path, name, NULL, error))
        return NULL;
      cond->type = g_str_equal (name, "all") ? VERTEBRO_COND_ALL : VERTEBRO_COND_ANY;
      return compile_list (g_steal_pointer (&cond), json_object_get_member (object, name), sub, context, error);
    }

  if (json_object_has_member (object, "not"))
    {
      g_autofree char *sub = g_strconcat (path, ".not", NULL);
      VertebroCond *child;

      if (!only_members (object, path, "not", NULL, error))
        return NULL;
      child = vertebro_cond_compile (json_object_get_member (object, "not"), sub, context, error);
      if (child == NULL)
        return NULL;
      cond->type = VERTEBRO_COND_NOT;
      cond->children = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_cond_free);
      g_ptr_array_add (cond->children, child);
      cond->scopes = child->scopes;
      cond->uses_results = child->uses_results;
      return g_steal_pointer (&cond);
    }

  if (json_object_has_member (object, "ref"))
    {
      JsonNode *name = json_object_get_member (object, "ref");
      const VertebroCond *target;

      if (!only_members (object, path, "ref", NULL, error))
        return NULL;
      if (!node_is_string (name) ||
          (target = g_hash_table_lookup (context->rules->definitions, json_node_get_string (name))) == NULL)
        {
          fail (error, path, _("“ref” must name a condition defined earlier in “definitions”"));
          return NULL;
        }
      if ((target->scopes & ~context->scopes) != 0)
        {
          /* Translators: a rule-set error; %s is the name of a named condition (a definition). */
          fail (error, path, _("the definition “%s” uses fields that are not available here"), json_node_get_string (name));
          return NULL;
        }
      if (target->uses_results && !context->allow_results)
        {
          /* Translators: a rule-set error; %s is the name of a named condition (a definition). */
          fail (error, path, _("the definition “%s” looks at findings, which only checklist and counselling items may do"),
                json_node_get_string (name));
          return NULL;
        }
      cond->type = VERTEBRO_COND_REF;
      cond->ref = target;
      cond->scopes = target->scopes;
      cond->uses_results = target->uses_results;
      return g_steal_pointer (&cond);
    }

  if (json_object_has_member (object, "some"))
    {
      JsonNode *over = json_object_get_member (object, "some");
      JsonNode *where = json_object_get_member (object, "where");
      g_autofree char *sub = g_strconcat (path, ".where", NULL);
      VertebroCondContext inner = *context;
      VertebroCond *child;

      if (!only_members (object, path, "some", "where", error))
        return NULL;
      if (node_is_string (over) && g_str_equal (json_node_get_string (over), "levels"))
        cond->some = VERTEBRO_SCOPE_LEVEL;
      else if (node_is_string (over) && g_str_equal (json_node_get_string (over), "antithrombotics"))
        cond->some = VERTEBRO_SCOPE_ANTITHROMBOTIC;
      else
        {
          g_autofree char *some_path = g_strconcat (path, ".some", NULL);

          fail (error, some_path, _("must be \"levels\" or \"antithrombotics\""));
          return NULL;
        }
      if (where == NULL)
        {
          fail (error, path, _("“some” needs a “where” condition"));
          return NULL;
        }
      inner.scopes |= VERTEBRO_SCOPE_BIT (cond->some);
      child = vertebro_cond_compile (where, sub, &inner, error);
      if (child == NULL)
        return NULL;
      cond->type = VERTEBRO_COND_SOME;
      cond->children = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_cond_free);
      g_ptr_array_add (cond->children, child);
      cond->scopes = child->scopes & ~VERTEBRO_SCOPE_BIT (cond->some);
      cond->uses_results = child->uses_results;
      return g_steal_pointer (&cond);
    }

  if (json_object_has_member (object, "finding") || json_object_has_member (object, "severity") ||
      json_object_has_member (object, "needed"))
    {
      const char *name = json_object_has_member (object, "finding") ? "finding"
                       : json_object_has_member (object, "severity") ? "severity" : "needed";
      JsonNode *value = json_object_get_member (object, name);
      g_autofree char *sub = g_strconcat (path, ".", name, NULL);

      if (!only_members (object, path, name, NULL, error))
        return NULL;
      if (!context->allow_results)
        {
          /* Translators: a rule-set error; %s is “finding”, “severity” or “needed”, words of the
           * rule-set format. */
          fail (error, path, _("only checklist and counselling items may look at “%s”"), name);
          return NULL;
        }
      if (!node_is_string (value))
        {
          fail (error, sub, _("must be a string"));
          return NULL;
        }
      cond->uses_results = TRUE;
      cond->string = g_strdup (json_node_get_string (value));
      if (g_str_equal (name, "finding"))
        {
          cond->type = VERTEBRO_COND_FINDING;
          if (context->rules->finding_ids == NULL ||
              !g_hash_table_contains (context->rules->finding_ids, cond->string))
            {
              /* Translators: a rule-set error; %s is a finding id such as “req.inr”. */
              fail (error, sub, _("unknown finding “%s”"), cond->string);
              return NULL;
            }
        }
      else if (g_str_equal (name, "severity"))
        {
          cond->type = VERTEBRO_COND_SEVERITY;
          if (!vertebro_severity_from_string (cond->string, &cond->severity))
            {
              /* Translators: a rule-set error; %s is what was written where a severity such as
               * “absolute” was expected. */
              fail (error, sub, _("unknown severity “%s”"), cond->string);
              return NULL;
            }
        }
      else
        {
          cond->type = VERTEBRO_COND_NEEDED;
          if (context->rules->needed_paths == NULL ||
              !g_hash_table_contains (context->rules->needed_paths, cond->string))
            {
              /* Translators: a rule-set error; %s is a field name. */
              fail (error, sub, _("“%s” is not a field any needed rule reports"), cond->string);
              return NULL;
            }
        }
      return g_steal_pointer (&cond);
    }

  if (json_object_has_member (object, "field"))
    {
      if (!compile_field_test (object, path, context, cond, error))
        return NULL;
      return g_steal_pointer (&cond);
    }

  fail (error, path, _("not a condition: expected all, any, not, ref, some, field, finding, severity or needed"));
  return NULL;
}

/**
 * vertebro_cond_compile:
 * @node: a condition in the rule-set vocabulary
 * @path: its JSON path, for messages
 * @context: what is in reach where the condition stands
 * @error: where to put what is wrong
 *
 * Refuses a condition that has more than %VERTEBRO_COND_MAX_SIZE nodes once
 * its references are expanded, which is what the evaluator walks.
 *
 * Returns: (transfer full) (nullable): the compiled condition
 */
VertebroCond *
vertebro_cond_compile (JsonNode                  *node,
                       const char                *path,
                       const VertebroCondContext *context,
                       GError                   **error)
{
  g_autoptr(VertebroCond) cond = compile_cond (node, path, context, error);
  guint64 size = 1;

  if (cond == NULL)
    return NULL;

  /* Children were checked when they were compiled, so each size is at most
   * the limit plus one, and the sum cannot overflow. */
  if (cond->type == VERTEBRO_COND_REF)
    size += cond->ref->size;
  else if (cond->children != NULL)
    for (guint i = 0; i < cond->children->len; i++)
      size += ((VertebroCond *) g_ptr_array_index (cond->children, i))->size;
  cond->size = MIN (size, (guint64) VERTEBRO_COND_MAX_SIZE + 1);

  if (cond->size > VERTEBRO_COND_MAX_SIZE)
    {
      /* Translators: a rule-set error; %d is the limit, such as 10000. */
      fail (error, path, _("too large: with its “ref”s expanded this condition has more than %d parts"),
            VERTEBRO_COND_MAX_SIZE);
      return NULL;
    }
  return g_steal_pointer (&cond);
}

/* ---- Texts ---- */

static void
variant_free (VertebroVariant *variant)
{
  vertebro_cond_free (variant->when);
  g_free (variant->text);
  g_free (variant);
}

/* An empty template, to which variants are added. */
VertebroTemplate *
vertebro_template_new (void)
{
  VertebroTemplate *template = g_new0 (VertebroTemplate, 1);

  template->variants = g_ptr_array_new_with_free_func ((GDestroyNotify) variant_free);
  return template;
}

void
vertebro_template_free (VertebroTemplate *template)
{
  if (template == NULL)
    return;
  g_ptr_array_unref (template->variants);
  g_free (template);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VertebroTemplate, vertebro_template_free)

/* Checks every {placeholder} of @text. */
static gboolean
check_placeholders (const char                *text,
                    const char                *path,
                    const VertebroCondContext *context,
                    GError                   **error)
{
  const char *p = text;

  while ((p = strchr (p, '{')) != NULL)
    {
      const char *end = strchr (p, '}');
      g_autofree char *inside = NULL;
      const char *colon;

      if (end == NULL)
        return fail (error, path, _("a “{” is not closed"));
      inside = g_strndup (p + 1, end - p - 1);
      colon = strchr (inside, ':');
      if (colon == NULL)
        /* Translators: a rule-set error; %s is what was written between the braces of a placeholder
         * in a text. */
        return fail (error, path, _("unknown placeholder “{%s}”"), inside);

      if (g_str_has_prefix (inside, "field:"))
        {
          VertebroCond scratch = { 0 };
          g_autoptr(JsonNode) name = json_node_new (JSON_NODE_VALUE);

          json_node_set_string (name, colon + 1);
          if (resolve_fact (name, path, context, &scratch, error) == NULL)
            return FALSE;
        }
      else if (g_str_has_prefix (inside, "threshold:") || g_str_has_prefix (inside, "per_kg:"))
        {
          if (vertebro_ruleset_find_threshold (context->rules, colon + 1) == NULL)
            /* Translators: a rule-set error; %s is a threshold id such as “inr_max”. */
            return fail (error, path, _("unknown threshold “%s”"), colon + 1);
        }
      else
        /* Translators: a rule-set error; %s is what was written between the braces of a placeholder
         * in a text. */
        return fail (error, path, _("unknown placeholder “{%s}”"), inside);

      p = end + 1;
    }
  return TRUE;
}

/**
 * vertebro_template_compile:
 * @node: a string, or an array of variants
 * @path: its JSON path
 * @context: what is in reach
 * @error: where to put what is wrong
 *
 * Returns: (transfer full) (nullable): the checked text
 */
VertebroTemplate *
vertebro_template_compile (JsonNode                  *node,
                           const char                *path,
                           const VertebroCondContext *context,
                           GError                   **error)
{
  g_autoptr(VertebroTemplate) template = vertebro_template_new ();
  JsonArray *array;
  guint n;

  if (node_is_string (node))
    {
      VertebroVariant *variant = g_new0 (VertebroVariant, 1);

      variant->text = g_strdup (json_node_get_string (node));
      g_ptr_array_add (template->variants, variant);
      if (*variant->text == '\0')
        {
          fail (error, path, _("must not be empty"));
          return NULL;
        }
      if (!check_placeholders (variant->text, path, context, error))
        return NULL;
      return g_steal_pointer (&template);
    }

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      fail (error, path, _("must be a string or a non-empty array of {\"when\", \"text\"} variants"));
      return NULL;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);
      g_autofree char *text_path = g_strconcat (sub, ".text", NULL);
      VertebroVariant *variant;
      JsonObject *object;
      JsonNode *text, *when;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          fail (error, sub, _("must be an object with “text” and, except for the last, “when”"));
          return NULL;
        }
      object = json_node_get_object (element);
      if (!only_members (object, sub, "when", "text", error))
        return NULL;
      text = json_object_get_member (object, "text");
      when = json_object_get_member (object, "when");
      if (text == NULL || !node_is_string (text) || *json_node_get_string (text) == '\0')
        {
          fail (error, text_path, _("must be a non-empty string"));
          return NULL;
        }
      if ((when == NULL) != (i == n - 1))
        {
          fail (error, sub, i == n - 1 ? _("the last variant must have no “when”: it is the default")
                                      : _("every variant but the last needs a “when”"));
          return NULL;
        }

      variant = g_new0 (VertebroVariant, 1);
      g_ptr_array_add (template->variants, variant);
      variant->text = g_strdup (json_node_get_string (text));
      if (!check_placeholders (variant->text, text_path, context, error))
        return NULL;
      if (when != NULL)
        {
          g_autofree char *when_path = g_strconcat (sub, ".when", NULL);

          variant->when = vertebro_cond_compile (when, when_path, context, error);
          if (variant->when == NULL)
            return NULL;
        }
    }

  return g_steal_pointer (&template);
}
