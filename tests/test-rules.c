/* test-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "vertebro-core.h"

/* The clinical rules of the built-in rule set, checked against the contract
 * (shared/spec/clinical-rules.md and patient-format.md).
 *
 * Every case starts from one complete, eligible baseline patient (see
 * baseline_patient()) and applies a few edits, written as short strings:
 *
 *   "labs.inr=1.5"                    a patient field; "null" clears it
 *   "levels[1].acuity=healed"         a field of the i-th level; "null" clears it
 *   "levels=T12,L1"                   replace the levels by complete ones
 *                                     (35 %, unhealed, intact, concordant);
 *                                     "levels=" removes them all
 *   "drug=apixaban:4"                 list a drug, held 4 (its unit); "drug=x:null"
 *                                     for a hold not yet planned
 *   "checked=prep.fasting"            tick a checklist item in the file
 *
 * It then asserts the overall verdict and a list of expectations:
 *
 *   "finding:ID" / "finding:ID@T12"   the finding applies (at that level)
 *   "!finding:ID" / "!finding:ID@T12" it does not
 *   "missing:PATH" / "!missing:PATH"  the path is / is not reported missing
 *   "missing=P,Q"                     exactly these paths are missing (any order)
 *   "check:ID" / "!check:ID"          checklist item present / absent
 *   "checklist=A,B"                   exactly these checklist items, in this order
 *   "counsel:ID" / "!counsel:ID"      counselling item present / absent
 *   "counsel=A,B"                     exactly these counselling items
 *   "text:ID~SUB" / "!text:ID~SUB"    checklist or counselling text contains SUB / not
 *   "message:ID~SUB" / "!message:…"   the finding's message contains SUB / not
 *   "remedy:ID~SUB" / "!remedy:ID~SUB" the finding's remedy exists and contains SUB / not;
 *                                     "!remedy:ID" means it has no remedy
 *   "due:ID=YYYY-MM-DD" / "due:ID="   the checklist item's due date / none
 *   "done:ID" / "!done:ID"            the checklist item is present and ticked / not ticked
 *   "sources:ID=a,b,c?"               the finding's sources, as a set ("?" = allowed,
 *                                     not required)
 *   "qualifying=T12,L1"               exactly these qualifying levels, in order
 *   "verdict[i]=VERDICT"              the verdict of level i
 *   "genant[i]=N"                     the Genant grade of level i (-1: not assessed)
 *   "nlevels=N"                       the number of levels in the assessment
 *   "age=N" / "age="                  derived age / none
 *   "crcl=X" / "crcl="                derived creatinine clearance / none
 *   "weeks=N" / "weeks="              whole weeks since the pain began / none
 *   "drugs=ID:A,B"                    the drugs named by the items of that id, in order
 *   "drug=other:NAME:AGREED"          (edit) an "other" antithrombotic, hold_agreed AGREED
 *
 * Besides, every case checks what must hold of any assessment: each finding
 * has the severity and scope of §3, findings are worst first, checklist items
 * follow §5's order, nothing better than "incomplete" while anything is
 * missing, the overall verdict is the best level verdict (capped at
 * "incomplete" when something is missing), the qualifying levels are the ones
 * sharing an eligible/review/not_ready overall verdict, and evaluating twice
 * gives the same JSON.
 */

#define MAX_EDITS  16
#define MAX_EXPECT 24

/* Verdicts, worst first. */
#define CI  VERTEBRO_VERDICT_CONTRAINDICATED
#define NI  VERTEBRO_VERDICT_NOT_INDICATED
#define INC VERTEBRO_VERDICT_INCOMPLETE
#define NR  VERTEBRO_VERDICT_NOT_READY
#define RV  VERTEBRO_VERDICT_REVIEW
#define EL  VERTEBRO_VERDICT_ELIGIBLE
#define ANY (-1)

/* A tumour etiology with both tumour fields answered "no". */
#define TUMOUR(etiology) \
  "history.etiology=" etiology, "history.epidural_disease=false", "history.hypervascular=false"

typedef struct {
  const char *name;
  const char *edits[MAX_EDITS];
  int         verdict;
  const char *expect[MAX_EXPECT];
} RuleCase;

static VertebroRuleset *rules;
static GDate today;
/* Strings and cases built at run time, freed after the run. */
static GPtrArray *owned;

/* ---- The contract, as tables ---- */

typedef struct {
  const char       *id;
  VertebroSeverity  severity;
  gboolean          per_level;
  const char       *sources[6];
  const char       *trigger[4];   /* edits that make it apply */
} SpecFinding;

/* clinical-rules.md §3. req.hold.{drug} is handled with the drugs below. */
static const SpecFinding spec_findings[] = {
  { "ci.infection_systemic", VERTEBRO_SEVERITY_ABSOLUTE, FALSE,
    { "sir-qi-2003", "cirse-2017", "imwg-2010", "src-001", "src-002" }, { "history.infection_systemic=true" } },
  { "ci.infection_local", VERTEBRO_SEVERITY_ABSOLUTE, FALSE,
    { "cirse-2017", "imwg-2010", "src-001", "src-002" }, { "history.infection_local=true" } },
  { "ci.osteomyelitis", VERTEBRO_SEVERITY_ABSOLUTE, FALSE,
    { "sir-qi-2003", "cirse-2017", "cms-lcd" }, { "history.osteomyelitis=true" } },
  { "ci.bleeding_disorder", VERTEBRO_SEVERITY_ABSOLUTE, FALSE,
    { "sir-qi-2003", "cirse-2017", "imwg-2010", "src-002" }, { "history.bleeding_disorder=true" } },
  { "ci.neuro_deficit", VERTEBRO_SEVERITY_ABSOLUTE, FALSE,
    { "imwg-2010", "nice-cg75" }, { "history.neuro_deficit=true" } },
  { "ci.unstable", VERTEBRO_SEVERITY_ABSOLUTE, FALSE,
    { "imwg-2010", "nice-cg75" }, { "history.unstable=true" } },
  { "ci.allergy_pmma", VERTEBRO_SEVERITY_ABSOLUTE, FALSE,
    { "sir-qi-2003", "cirse-2017", "imwg-2010" }, { "history.allergy_pmma=true" } },
  { "ci.pregnancy", VERTEBRO_SEVERITY_ABSOLUTE, FALSE,
    { "imwg-2010", "cms-lcd", "src-002" }, { "patient.pregnant=true" } },
  { "ci.unfit_for_sedation", VERTEBRO_SEVERITY_ABSOLUTE, FALSE,
    { "imwg-2010" }, { "history.unfit_for_sedation=true" } },
  { "ni.asymptomatic", VERTEBRO_SEVERITY_NOT_INDICATED, FALSE,
    { "sir-qi-2003", "cirse-2017", "src-002" }, { "history.pain_nrs=0" } },
  { "ni.pain_controlled", VERTEBRO_SEVERITY_NOT_INDICATED, FALSE,
    { "nice-ta279", "sir-qi-2003" }, { "history.pain_refractory=false" } },
  { "ni.other_pain_source", VERTEBRO_SEVERITY_NOT_INDICATED, FALSE,
    { "src-002", "cms-lcd", "imwg-2010" }, { "history.dominant_pain_source=other" } },
  { "ni.healed", VERTEBRO_SEVERITY_NOT_INDICATED, TRUE,
    { "src-002", "src-001", "nice-ta279" }, { "levels[0].acuity=healed" } },
  { "ni.pain_not_concordant", VERTEBRO_SEVERITY_NOT_INDICATED, TRUE,
    { "nice-ta279" }, { "levels[0].pain_concordant=false" } },
  { "req.inr", VERTEBRO_SEVERITY_REQUIREMENT, FALSE,
    { "src-002", "sir-2019" }, { "labs.inr=2" } },
  { "req.platelets", VERTEBRO_SEVERITY_REQUIREMENT, FALSE,
    { "src-002", "sir-2019" }, { "labs.platelets=20000" } },
  { "rc.radiculopathy", VERTEBRO_SEVERITY_RELATIVE, FALSE,
    { "sir-qi-2003", "src-000" }, { "history.radiculopathy=true" } },
  { "rc.epidural_disease", VERTEBRO_SEVERITY_RELATIVE, FALSE,
    { "sir-qi-2003", "imwg-2010", "src-001", "src-002" },
    { "history.etiology=metastatic", "history.epidural_disease=true", "history.hypervascular=false" } },
  { "rc.pain_mild", VERTEBRO_SEVERITY_RELATIVE, FALSE,
    { "cms-lcd", "imwg-2019" }, { "history.pain_nrs=3" } },
  { "rc.traumatic", VERTEBRO_SEVERITY_RELATIVE, FALSE,
    { "src-004", "rand-ucla-2018" }, { "history.etiology=traumatic" } },
  { "rc.levels_over_3", VERTEBRO_SEVERITY_RELATIVE, FALSE,
    { "sir-qi-2003", "imwg-2010", "cms-lcd" }, { "levels=T12,L1,L2,L3" } },
  { "rc.doac_renal", VERTEBRO_SEVERITY_RELATIVE, FALSE,
    { "sir-2019", "ehra-2021" }, { "drug=apixaban:null", "labs.crcl=20" } },
  { "rc.severe_collapse", VERTEBRO_SEVERITY_RELATIVE, TRUE,
    { "sir-qi-2003", "imwg-2010" }, { "levels[0].collapse_percent=80" } },
  { "rc.posterior_wall", VERTEBRO_SEVERITY_RELATIVE, TRUE,
    { "src-000", "src-002" }, { "levels[0].posterior_wall=involved" } },
  { "rc.retropulsion", VERTEBRO_SEVERITY_RELATIVE, TRUE,
    { "sir-qi-2003", "imwg-2010", "cms-lcd", "src-001" }, { "levels[0].posterior_wall=retropulsed" } },
  { "rc.upper_thoracic", VERTEBRO_SEVERITY_RELATIVE, TRUE,
    { "imwg-2010" }, { "levels=T2" } },
  { "req.hold.other", VERTEBRO_SEVERITY_REQUIREMENT, FALSE,
    { "sir-2019" }, { "drug=other:phenprocoumon:null" } },
  { "req.planned_date", VERTEBRO_SEVERITY_REQUIREMENT, FALSE,
    { NULL }, { "assessment.planned_date=2026-11-20" } },
  { "caution.aspirin", VERTEBRO_SEVERITY_CAUTION, FALSE,
    { "sir-2019" }, { "drug=aspirin:null" } },
  { "caution.contrast_allergy", VERTEBRO_SEVERITY_CAUTION, FALSE,
    { NULL }, { "history.allergy_contrast=true" } },
  { "caution.stent", VERTEBRO_SEVERITY_CAUTION, FALSE,
    { "nice-ta279", "src-003" }, { "assessment.procedure=kyphoplasty_stent" } },
  { "caution.early", VERTEBRO_SEVERITY_CAUTION, FALSE,
    { "nice-ta279", "src-000" }, { "history.conservative_weeks=2" } },
  { "info.evidence", VERTEBRO_SEVERITY_INFO, FALSE,
    { "cochrane-2018", "vapour-2016" }, { NULL } },
};

/* clinical-rules.md §5, in display order; prep.hold.* stands for every drug. */
static const char * const spec_checklist_order[] = {
  "prep.imaging", "prep.mdt", "prep.dxa", "prep.labs", "prep.inr_correction",
  "prep.platelet_transfusion", "prep.hold.*", "prep.hold.other", "prep.medicines", "prep.pregnancy",
  "prep.antibiotic", "prep.uti_screen", "prep.fasting", "prep.escort", "prep.sedation",
  "prep.monitoring", "prep.consent", "prep.radiotherapy", "prep.embolization",
  "prep.contrast", NULL,
};

static const char * const always_checklist[] = {
  "prep.imaging", "prep.labs", "prep.medicines", "prep.antibiotic", "prep.uti_screen",
  "prep.fasting", "prep.escort", "prep.sedation", "prep.monitoring", "prep.consent", NULL,
};

static const char * const always_counsel[] = {
  "cx.cement_leakage", "cx.pulmonary_embolism", "cx.neurological", "cx.infection",
  "cx.bleeding", "cx.pain_flare", "cx.new_fracture", "cx.thermal", "cx.cement_reaction",
  "cx.positioning", "out.relief", "after.activity", "after.warning", NULL,
};

/* ---- Reporting ---- */

G_GNUC_PRINTF (1, 2)
static void
fail (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("FAIL: %s", message);
  g_test_fail ();
}

static const char *
verdict_name (int verdict)
{
  return verdict < 0 ? "(any)" : vertebro_verdict_to_string ((VertebroVerdict) verdict);
}

static int
verdict_from_name (const char *name)
{
  for (int v = CI; v <= EL; v++)
    if (g_str_equal (name, vertebro_verdict_to_string ((VertebroVerdict) v)))
      return v;
  g_error ("unknown verdict “%s” in a test table", name);
  return -1;
}

static const char *
own (char *string)
{
  g_ptr_array_add (owned, string);
  return string;
}

/* ---- Building patients ---- */

static VertebroAnswer
parse_answer (const char *text)
{
  if (g_str_equal (text, "true"))
    return VERTEBRO_ANSWER_YES;
  if (g_str_equal (text, "false"))
    return VERTEBRO_ANSWER_NO;
  if (g_str_equal (text, "null"))
    return VERTEBRO_ANSWER_NOT_ASSESSED;
  g_error ("“%s” is not true, false or null", text);
  return VERTEBRO_ANSWER_NOT_ASSESSED;
}

static double
parse_number (const char *text)
{
  char *end = NULL;
  double value;

  if (g_str_equal (text, "null"))
    return NAN;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    g_error ("“%s” is not a number", text);
  return value;
}

static VertebroLevel *
complete_level (const char *name)
{
  VertebroLevel *level = vertebro_level_new (name);

  g_object_set (level,
                "collapse-percent", 35.0,
                "acuity", "unhealed",
                "posterior-wall", "intact",
                "pain-concordant", VERTEBRO_ANSWER_YES,
                NULL);
  return level;
}

/* The complete eligible patient every case starts from: a woman of 78
 * (pregnancy status not needed) with a painful, refractory, unhealed
 * osteoporotic fracture of T12 after 8 weeks of conservative care, every
 * needed question answered "no" and normal labs. */
static VertebroPatient *
baseline_patient (void)
{
  static const char * const answered_no[] = {
    "history.neuro_deficit", "history.radiculopathy", "history.unstable",
    "history.infection_systemic", "history.infection_local", "history.osteomyelitis",
    "history.bleeding_disorder", "history.allergy_pmma", "history.allergy_beta_lactam",
    "history.allergy_contrast", "history.unfit_for_sedation", "history.on_antithrombotics", NULL,
  };
  VertebroPatient *patient = vertebro_patient_new ();
  g_autoptr(VertebroLevel) level = complete_level ("T12");

  vertebro_patient_set_text (patient, "patient.sex", "female");
  vertebro_patient_set_text (patient, "patient.birth_date", "1948-03-02");
  vertebro_patient_set_text (patient, "assessment.date", "2026-11-21");
  vertebro_patient_set_text (patient, "assessment.procedure", "vertebroplasty");
  vertebro_patient_set_text (patient, "history.etiology", "osteoporotic");
  vertebro_patient_set_number (patient, "history.pain_nrs", 8);
  vertebro_patient_set_answer (patient, "history.pain_refractory", VERTEBRO_ANSWER_YES);
  vertebro_patient_set_number (patient, "history.conservative_weeks", 8);
  vertebro_patient_set_text (patient, "history.dominant_pain_source", "fracture");
  for (guint i = 0; answered_no[i] != NULL; i++)
    vertebro_patient_set_answer (patient, answered_no[i], VERTEBRO_ANSWER_NO);
  vertebro_patient_set_number (patient, "labs.inr", 1.1);
  vertebro_patient_set_number (patient, "labs.platelets", 210000);
  vertebro_patient_add_level (patient, level);
  return patient;
}

static void
set_level_field (VertebroLevel *level,
                 const char    *name,
                 const char    *value)
{
  g_autofree char *path = g_strconcat ("level.", name, NULL);
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_LEVEL, path);
  gboolean null = g_str_equal (value, "null");

  if (field == NULL)
    g_error ("no level field “%s”", name);

  switch (field->kind)
    {
    case VERTEBRO_FIELD_NUMBER:
    case VERTEBRO_FIELD_INTEGER:
      g_object_set (level, field->property, parse_number (value), NULL);
      break;
    case VERTEBRO_FIELD_CHOICE:
    case VERTEBRO_FIELD_TEXT:
    case VERTEBRO_FIELD_DATE:
      g_object_set (level, field->property, null ? NULL : value, NULL);
      break;
    case VERTEBRO_FIELD_ANSWER:
      g_object_set (level, field->property, parse_answer (value), NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
set_patient_field (VertebroPatient *patient,
                   const char      *path,
                   const char      *value)
{
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, path);

  if (field == NULL)
    g_error ("no patient field “%s”", path);

  if (g_str_equal (value, "null"))
    {
      vertebro_patient_clear_field (patient, path);
      g_assert_false (vertebro_patient_is_set (patient, path));
      return;
    }

  switch (field->kind)
    {
    case VERTEBRO_FIELD_ANSWER:
      vertebro_patient_set_answer (patient, path, parse_answer (value));
      break;
    case VERTEBRO_FIELD_NUMBER:
    case VERTEBRO_FIELD_INTEGER:
      vertebro_patient_set_number (patient, path, parse_number (value));
      break;
    case VERTEBRO_FIELD_TEXT:
    case VERTEBRO_FIELD_DATE:
    case VERTEBRO_FIELD_CHOICE:
      vertebro_patient_set_text (patient, path, value);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_true (vertebro_patient_is_set (patient, path));
}

static void
apply_edit (VertebroPatient *patient,
            const char      *edit)
{
  const char *eq = strchr (edit, '=');
  g_autofree char *key = NULL;
  const char *value;

  if (eq == NULL)
    g_error ("edit “%s” has no “=”", edit);
  key = g_strndup (edit, eq - edit);
  value = eq + 1;

  if (g_str_equal (key, "levels"))
    {
      GListModel *levels = vertebro_patient_get_levels (patient);
      g_auto(GStrv) names = g_strsplit (value, ",", -1);

      while (g_list_model_get_n_items (levels) > 0)
        vertebro_patient_remove_level (patient, 0);
      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autoptr(VertebroLevel) level = complete_level (names[i]);

          vertebro_patient_add_level (patient, level);
        }
    }
  else if (g_str_equal (key, "checked"))
    vertebro_patient_set_checked (patient, value, TRUE);
  else if (g_str_equal (key, "drug"))
    {
      g_auto(GStrv) parts = g_strsplit (value, ":", 3);
      g_autoptr(VertebroAntithrombotic) drug = NULL;

      if (parts[1] == NULL)
        g_error ("drug edit “%s” has no held value", edit);
      if (g_str_equal (parts[0], "other"))
        {
          /* "drug=other:NAME:AGREED" */
          if (parts[2] == NULL)
            g_error ("drug edit “%s” has no hold_agreed value", edit);
          drug = vertebro_antithrombotic_new ("other", NAN);
          g_object_set (drug, "name", parts[1], "hold-agreed", parse_answer (parts[2]), NULL);
        }
      else
        drug = vertebro_antithrombotic_new (parts[0], parse_number (parts[1]));
      vertebro_patient_add_antithrombotic (patient, drug);
      /* As the form does: listing a drug answers the question. */
      vertebro_patient_set_answer (patient, "history.on_antithrombotics", VERTEBRO_ANSWER_YES);
    }
  else if (g_str_has_prefix (key, "levels["))
    {
      char *end = NULL;
      guint64 index = g_ascii_strtoull (key + strlen ("levels["), &end, 10);
      g_autoptr(VertebroLevel) level = NULL;

      if (end == NULL || !g_str_has_prefix (end, "]."))
        g_error ("bad level edit “%s”", edit);
      level = g_list_model_get_item (vertebro_patient_get_levels (patient), (guint) index);
      if (level == NULL)
        g_error ("edit “%s”: no such level", edit);
      set_level_field (level, end + 2, value);
    }
  else
    set_patient_field (patient, key, value);
}

static VertebroPatient *
make_patient (const char * const *edits)
{
  VertebroPatient *patient = baseline_patient ();

  for (guint i = 0; i < MAX_EDITS && edits[i] != NULL; i++)
    apply_edit (patient, edits[i]);
  return patient;
}

static VertebroAssessment *
evaluate (VertebroPatient *patient)
{
  return vertebro_evaluate (rules, patient, &today);
}

/* ---- Looking things up in an assessment ---- */

static const VertebroItem *
find_item (GPtrArray  *items,
           const char *id,
           const char *level)
{
  for (guint i = 0; i < items->len; i++)
    {
      const VertebroItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (vertebro_item_get_id (item), id) &&
          (level == NULL || g_strcmp0 (vertebro_item_get_level (item), level) == 0))
        return item;
    }
  return NULL;
}

static const SpecFinding *
spec_finding (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (spec_findings); i++)
    if (g_str_equal (spec_findings[i].id, id))
      return &spec_findings[i];
  return NULL;
}

static const char * const drug_ids[] = {
  "clopidogrel", "prasugrel", "ticagrelor", "aspirin", "warfarin", "lmwh_prophylactic",
  "lmwh_therapeutic", "apixaban", "rivaroxaban", "dabigatran", "edoxaban", NULL,
};

static gboolean
is_hold_finding (const char *id)
{
  return g_str_has_prefix (id, "req.hold.") &&
         g_strv_contains (drug_ids, id + strlen ("req.hold."));
}

static int
checklist_rank (const char *id)
{
  for (int i = 0; spec_checklist_order[i] != NULL; i++)
    {
      if (g_str_equal (spec_checklist_order[i], "prep.hold.*"))
        {
          if (g_str_has_prefix (id, "prep.hold.") && g_strv_contains (drug_ids, id + strlen ("prep.hold.")) &&
              !g_str_equal (id, "prep.hold.other"))
            return i;
        }
      else if (g_str_equal (spec_checklist_order[i], id))
        return i;
    }
  return -1;
}

static char *
join_ids (GPtrArray *items)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const VertebroItem *item = g_ptr_array_index (items, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, vertebro_item_get_id (item));
      if (vertebro_item_get_level (item) != NULL)
        g_string_append_printf (out, "@%s", vertebro_item_get_level (item));
    }
  return g_string_free (out, FALSE);
}

static char *
join_strv (const char * const *strv)
{
  return strv != NULL ? g_strjoinv (",", (char **) strv) : g_strdup ("");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Order-insensitive equality of a NULL-terminated list and a comma list. */
static gboolean
same_set (const char * const *actual,
          const char         *expected)
{
  g_auto(GStrv) want = *expected != '\0' ? g_strsplit (expected, ",", -1) : g_new0 (char *, 1);
  g_autoptr(GPtrArray) have = g_ptr_array_new ();
  guint n_want = g_strv_length (want);

  for (guint i = 0; actual != NULL && actual[i] != NULL; i++)
    g_ptr_array_add (have, (gpointer) actual[i]);
  if (have->len != n_want)
    return FALSE;
  g_ptr_array_sort (have, compare_strings);
  qsort (want, n_want, sizeof (char *), compare_strings);
  for (guint i = 0; i < n_want; i++)
    if (!g_str_equal (g_ptr_array_index (have, i), want[i]))
      return FALSE;
  return TRUE;
}

/* ---- Expectations ---- */

static void
check_finding (VertebroAssessment *a,
               const char         *arg,
               gboolean            negated)
{
  g_auto(GStrv) parts = g_strsplit (arg, "@", 2);
  const VertebroItem *item = find_item (vertebro_assessment_get_findings (a), parts[0], parts[1]);
  g_autofree char *all = join_ids (vertebro_assessment_get_findings (a));

  if (!negated && item == NULL)
    fail ("finding %s expected, findings are [%s]", arg, all);
  else if (negated && item != NULL)
    fail ("finding %s not expected, findings are [%s]", arg, all);

  if (!negated && parts[1] == NULL && vertebro_assessment_has_finding (a, parts[0]) != (item != NULL))
    fail ("vertebro_assessment_has_finding (%s) disagrees with the findings", parts[0]);
}

/* "ID~SUB": the item's text (or remedy) contains SUB. */
static void
check_text (VertebroAssessment *a,
            const char         *kind,
            const char         *arg,
            gboolean            negated)
{
  g_auto(GStrv) parts = g_strsplit (arg, "~", 2);
  const VertebroItem *item = NULL;
  g_autofree char *text = NULL;

  if (g_str_equal (kind, "text"))
    {
      item = find_item (vertebro_assessment_get_checklist (a), parts[0], NULL);
      if (item == NULL)
        item = find_item (vertebro_assessment_get_counsel (a), parts[0], NULL);
    }
  else
    item = find_item (vertebro_assessment_get_findings (a), parts[0], NULL);

  if (item == NULL)
    {
      fail ("%s of %s: no such item", kind, parts[0]);
      return;
    }

  text = g_str_equal (kind, "remedy") ? vertebro_item_dup_remedy (item, VERTEBRO_TEXT_PORTABLE)
                                      : vertebro_item_dup_text (item, VERTEBRO_TEXT_PORTABLE);

  if (parts[1] == NULL)
    {
      /* "remedy:ID": has one; "!remedy:ID": has none. */
      if (negated != (text == NULL))
        fail ("%s of %s: expected %s, got “%s”", kind, parts[0],
              negated ? "none" : "one", text != NULL ? text : "(none)");
      return;
    }

  if (text == NULL)
    {
      fail ("%s of %s: expected a text, got none", kind, parts[0]);
      return;
    }
  if (negated == (strstr (text, parts[1]) != NULL))
    fail ("%s of %s: expected %s“%s”, got “%s”", kind, parts[0],
          negated ? "no " : "", parts[1], text);
}

static void
check_due (VertebroAssessment *a,
           const char         *arg)
{
  g_auto(GStrv) parts = g_strsplit (arg, "=", 2);
  const VertebroItem *item = find_item (vertebro_assessment_get_checklist (a), parts[0], NULL);
  const GDate *due;
  g_autofree char *actual = NULL;

  if (item == NULL)
    {
      fail ("due date of %s: no such checklist item", parts[0]);
      return;
    }
  due = vertebro_item_get_due (item);
  actual = due != NULL ? vertebro_format_date (due, VERTEBRO_TEXT_PORTABLE) : g_strdup ("");
  if (g_strcmp0 (actual, parts[1]) != 0)
    fail ("due date of %s: expected “%s”, got “%s”", parts[0], parts[1], actual);
}

static void
check_sources (VertebroAssessment *a,
               const char         *arg)
{
  g_auto(GStrv) parts = g_strsplit (arg, "=", 2);
  g_auto(GStrv) expected = parts[1][0] != '\0' ? g_strsplit (parts[1], ",", -1) : g_new0 (char *, 1);
  const VertebroItem *item = find_item (vertebro_assessment_get_findings (a), parts[0], NULL);
  const char * const *sources;
  g_autofree char *actual = NULL;

  if (item == NULL)
    {
      fail ("sources of %s: the finding does not apply", parts[0]);
      return;
    }
  sources = vertebro_item_get_sources (item);
  actual = join_strv (sources);

  for (guint i = 0; sources != NULL && sources[i] != NULL; i++)
    {
      gboolean listed = FALSE;

      for (guint j = 0; j < i; j++)
        if (g_str_equal (sources[i], sources[j]))
          fail ("sources of %s: %s cited twice", parts[0], sources[i]);
      for (guint j = 0; expected[j] != NULL; j++)
        {
          g_autofree char *bare = g_strdup (expected[j]);

          if (g_str_has_suffix (bare, "?"))
            bare[strlen (bare) - 1] = '\0';
          listed |= g_str_equal (bare, sources[i]);
        }
      if (!listed)
        fail ("sources of %s: %s is not among the spec's [%s]; got [%s]", parts[0], sources[i], parts[1], actual);
    }
  for (guint j = 0; expected[j] != NULL; j++)
    if (!g_str_has_suffix (expected[j], "?") &&
        (sources == NULL || !g_strv_contains (sources, expected[j])))
      fail ("sources of %s: %s missing; got [%s]", parts[0], expected[j], actual);
}

static void
check_expectation (VertebroAssessment *a,
                   const char         *expect)
{
  gboolean negated = expect[0] == '!';
  const char *e = negated ? expect + 1 : expect;
  const char *sep = strpbrk (e, ":=");
  g_autofree char *kind = NULL;
  const char *arg;

  if (sep == NULL)
    g_error ("bad expectation “%s”", expect);
  kind = g_strndup (e, sep - e);
  arg = sep + 1;

  if (*sep == ':')
    {
      if (g_str_equal (kind, "finding"))
        check_finding (a, arg, negated);
      else if (g_str_equal (kind, "missing"))
        {
          const char * const *missing = vertebro_assessment_get_missing (a);
          g_autofree char *all = join_strv (missing);

          if (negated == g_strv_contains (missing, arg))
            fail ("%s expected %sin missing, missing is [%s]", arg, negated ? "not " : "", all);
        }
      else if (g_str_equal (kind, "check") || g_str_equal (kind, "counsel"))
        {
          GPtrArray *items = g_str_equal (kind, "check") ? vertebro_assessment_get_checklist (a)
                                                         : vertebro_assessment_get_counsel (a);
          g_autofree char *all = join_ids (items);

          if (negated == (find_item (items, arg, NULL) != NULL))
            fail ("%s item %s expected %s, items are [%s]", kind, arg, negated ? "absent" : "present", all);
        }
      else if (g_str_equal (kind, "text") || g_str_equal (kind, "message") || g_str_equal (kind, "remedy"))
        check_text (a, kind, arg, negated);
      else if (g_str_equal (kind, "due") && !negated)
        check_due (a, arg);
      else if (g_str_equal (kind, "done"))
        {
          const VertebroItem *item = find_item (vertebro_assessment_get_checklist (a), arg, NULL);

          if (item == NULL)
            fail ("checklist item %s: not present", arg);
          else if (negated == vertebro_item_get_done (item))
            fail ("checklist item %s: expected %sticked", arg, negated ? "not " : "");
        }
      else if (g_str_equal (kind, "sources") && !negated)
        check_sources (a, arg);
      else
        g_error ("bad expectation “%s”", expect);
      return;
    }

  if (negated)
    g_error ("bad expectation “%s”", expect);

  if (g_str_equal (kind, "missing"))
    {
      g_autofree char *all = join_strv (vertebro_assessment_get_missing (a));

      if (!same_set (vertebro_assessment_get_missing (a), arg))
        fail ("missing expected [%s], got [%s]", arg, all);
    }
  else if (g_str_equal (kind, "checklist") || g_str_equal (kind, "counsel"))
    {
      GPtrArray *items = g_str_equal (kind, "checklist") ? vertebro_assessment_get_checklist (a)
                                                         : vertebro_assessment_get_counsel (a);
      g_autofree char *all = join_ids (items);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      for (guint i = 0; i < items->len; i++)
        g_ptr_array_add (ids, (gpointer) vertebro_item_get_id (g_ptr_array_index (items, i)));
      g_ptr_array_add (ids, NULL);
      /* The checklist's order is part of the contract (§5); the
       * counselling list's is not. */
      if (g_str_equal (kind, "checklist") ? !g_str_equal (all, arg)
                                          : !same_set ((const char * const *) ids->pdata, arg))
        fail ("%s expected [%s], got [%s]", kind, arg, all);
    }
  else if (g_str_equal (kind, "qualifying"))
    {
      g_autofree char *all = join_strv (vertebro_assessment_get_qualifying_levels (a));

      if (!g_str_equal (all, arg))
        fail ("qualifying levels expected [%s], got [%s]", arg, all);
    }
  else if (g_str_has_prefix (kind, "verdict[") || g_str_has_prefix (kind, "genant["))
    {
      guint index = (guint) g_ascii_strtoull (strchr (kind, '[') + 1, NULL, 10);

      if (index >= vertebro_assessment_get_n_levels (a))
        fail ("%s: the assessment has %u levels", kind, vertebro_assessment_get_n_levels (a));
      else if (kind[0] == 'v')
        {
          VertebroVerdict v = vertebro_assessment_get_level_verdict (a, index);

          if ((int) v != verdict_from_name (arg))
            fail ("level %u (%s) verdict expected %s, got %s", index,
                  vertebro_assessment_get_level_name (a, index), arg, vertebro_verdict_to_string (v));
        }
      else
        {
          int genant = vertebro_assessment_get_level_genant (a, index);

          if (genant != (int) g_ascii_strtoll (arg, NULL, 10))
            fail ("level %u Genant grade expected %s, got %d", index, arg, genant);
        }
    }
  else if (g_str_equal (kind, "nlevels"))
    {
      if (vertebro_assessment_get_n_levels (a) != (guint) g_ascii_strtoull (arg, NULL, 10))
        fail ("expected %s levels, got %u", arg, vertebro_assessment_get_n_levels (a));
    }
  else if (g_str_equal (kind, "age"))
    {
      int age = -1;
      gboolean has_age = vertebro_assessment_get_age (a, &age);

      if (*arg == '\0' ? has_age : (!has_age || age != (int) g_ascii_strtoll (arg, NULL, 10)))
        fail ("age expected “%s”, got %s%d", arg, has_age ? "" : "none ", age);
    }
  else if (g_str_equal (kind, "crcl"))
    {
      double crcl = NAN;
      gboolean has_crcl = vertebro_assessment_get_crcl (a, &crcl);

      if (*arg == '\0' ? has_crcl : (!has_crcl || fabs (crcl - parse_number (arg)) > 1e-9))
        fail ("CrCl expected “%s”, got %s%.17g", arg, has_crcl ? "" : "none ", crcl);
    }
  else if (g_str_equal (kind, "weeks"))
    {
      int weeks = -1;
      gboolean has_weeks = vertebro_assessment_get_weeks_since_onset (a, &weeks);

      if (*arg == '\0' ? has_weeks : (!has_weeks || weeks != (int) g_ascii_strtoll (arg, NULL, 10)))
        fail ("weeks since onset expected “%s”, got %s%d", arg, has_weeks ? "" : "none ", weeks);
    }
  else if (g_str_equal (kind, "drugs"))
    {
      /* "drugs=ID:A,B": the drugs the findings and checklist items of that id name, in order */
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = g_strsplit (arg, ":", 2);
      GPtrArray *lists[] = { vertebro_assessment_get_findings (a), vertebro_assessment_get_checklist (a) };
      g_auto(GStrv) got = NULL;
      g_autofree char *joined = NULL;

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint i = 0; i < lists[l]->len; i++)
          if (g_str_equal (vertebro_item_get_id (g_ptr_array_index (lists[l], i)), parts[0]))
            g_strv_builder_add (builder, vertebro_item_get_drug (g_ptr_array_index (lists[l], i)));
      got = g_strv_builder_end (builder);
      joined = g_strjoinv (",", got);
      if (!g_str_equal (joined, parts[1]))
        fail ("%s names drugs [%s], expected [%s]", parts[0], joined, parts[1]);
    }
  else
    g_error ("bad expectation “%s”", expect);
}

/* What must hold of every assessment. */
static void
check_invariants (VertebroAssessment *a)
{
  GPtrArray *findings = vertebro_assessment_get_findings (a);
  GPtrArray *checklist = vertebro_assessment_get_checklist (a);
  const char * const *missing = vertebro_assessment_get_missing (a);
  VertebroVerdict verdict = vertebro_assessment_get_verdict (a);
  guint n_levels = vertebro_assessment_get_n_levels (a);
  gboolean any_missing = missing != NULL && missing[0] != NULL;
  VertebroVerdict patient_worst = EL;
  int last_rank = -1;

  if (missing == NULL)
    fail ("the missing list is NULL rather than empty");

  for (guint i = 0; i < findings->len; i++)
    {
      const VertebroItem *item = g_ptr_array_index (findings, i);
      const char *id = vertebro_item_get_id (item);
      VertebroSeverity severity = vertebro_item_get_severity (item);
      const SpecFinding *spec = spec_finding (id);
      VertebroSeverity want = VERTEBRO_SEVERITY_REQUIREMENT;
      gboolean per_level = FALSE;

      if (spec != NULL)
        {
          want = spec->severity;
          per_level = spec->per_level;
        }
      else if (!is_hold_finding (id))
        {
          fail ("finding %s is not in the spec", id);
          continue;
        }

      if (severity != want)
        fail ("finding %s has severity %s, the spec says %s", id,
              vertebro_severity_to_string (severity), vertebro_severity_to_string (want));
      if (per_level != (vertebro_item_get_level_index (item) >= 0))
        fail ("finding %s: level %s, but it is %s", id,
              vertebro_item_get_level (item) != NULL ? vertebro_item_get_level (item) : "(none)",
              per_level ? "per level" : "patient-wide");
      if (i > 0 && severity < vertebro_item_get_severity (g_ptr_array_index (findings, i - 1)))
        fail ("findings are not worst first: %s after %s", id,
              vertebro_item_get_id (g_ptr_array_index (findings, i - 1)));
      if (vertebro_item_get_level_index (item) < 0 && vertebro_severity_get_verdict (severity) >= 0)
        patient_worst = MIN (patient_worst, (VertebroVerdict) vertebro_severity_get_verdict (severity));
    }

  for (guint i = 0; i < checklist->len; i++)
    {
      const VertebroItem *item = g_ptr_array_index (checklist, i);
      int rank = checklist_rank (vertebro_item_get_id (item));

      if (rank < 0)
        fail ("checklist item %s is not in the spec", vertebro_item_get_id (item));
      else if (rank < last_rank)
        fail ("checklist item %s is out of the spec's order", vertebro_item_get_id (item));
      last_rank = MAX (rank, last_rank);
      if (rank >= 0 && !g_str_has_prefix (vertebro_item_get_id (item), "prep.hold.") &&
          vertebro_item_get_due (item) != NULL)
        fail ("checklist item %s has a due date but no lead time", vertebro_item_get_id (item));
    }

  if (any_missing && verdict > INC)
    fail ("verdict %s while something is missing", vertebro_verdict_to_string (verdict));
  if (verdict > patient_worst)
    fail ("verdict %s is better than a patient-wide finding allows (%s)",
          vertebro_verdict_to_string (verdict), vertebro_verdict_to_string (patient_worst));

  if (n_levels == 0)
    {
      const char * const *qualifying = vertebro_assessment_get_qualifying_levels (a);

      if (missing == NULL || !g_strv_contains (missing, "levels"))
        fail ("no levels, but “levels” is not missing");
      if (qualifying != NULL && qualifying[0] != NULL)
        fail ("no levels, but qualifying levels are given");
    }
  else
    {
      VertebroVerdict best = CI;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) qualifying = NULL;
      g_autofree char *want = NULL;
      g_autofree char *got = NULL;

      for (guint l = 0; l < n_levels; l++)
        {
          VertebroVerdict v = vertebro_assessment_get_level_verdict (a, l);

          best = MAX (best, v);
          if (v > patient_worst)
            fail ("level %s verdict %s is better than a patient-wide finding allows (%s)",
                  vertebro_assessment_get_level_name (a, l), vertebro_verdict_to_string (v),
                  vertebro_verdict_to_string (patient_worst));
        }
      if (any_missing)
        best = MIN (best, INC);
      if (verdict != best)
        fail ("overall verdict %s, but the best level verdict (capped by missing data) is %s",
              vertebro_verdict_to_string (verdict), vertebro_verdict_to_string (best));

      for (guint l = 0; l < n_levels; l++)
        if (verdict >= NR && vertebro_assessment_get_level_verdict (a, l) == verdict)
          g_strv_builder_add (builder, vertebro_assessment_get_level_name (a, l));
      qualifying = g_strv_builder_end (builder);
      want = join_strv ((const char * const *) qualifying);
      got = join_strv (vertebro_assessment_get_qualifying_levels (a));
      if (!g_str_equal (want, got))
        fail ("qualifying levels [%s], expected [%s]", got, want);
    }
}

static void
test_case (gconstpointer data)
{
  const RuleCase *rc = data;
  g_autoptr(VertebroPatient) patient = make_patient (rc->edits);
  g_autoptr(VertebroAssessment) a = evaluate (patient);
  g_autoptr(VertebroAssessment) again = evaluate (patient);
  g_autofree char *json = vertebro_assessment_to_json (a);
  g_autofree char *json_again = vertebro_assessment_to_json (again);
  VertebroVerdict verdict = vertebro_assessment_get_verdict (a);

  if (rc->verdict >= 0 && (int) verdict != rc->verdict)
    fail ("verdict expected %s, got %s", verdict_name (rc->verdict), vertebro_verdict_to_string (verdict));

  check_invariants (a);
  for (guint i = 0; i < MAX_EXPECT && rc->expect[i] != NULL; i++)
    check_expectation (a, rc->expect[i]);

  if (!g_str_equal (json, json_again))
    fail ("evaluating the same patient twice gave different JSON");

  if (g_test_failed ())
    {
      g_autoptr(GString) edits = g_string_new (NULL);

      for (guint i = 0; i < MAX_EDITS && rc->edits[i] != NULL; i++)
        g_string_append_printf (edits, "%s%s", i > 0 ? " " : "", rc->edits[i]);
      g_test_message ("edits to the baseline: %s", edits->len > 0 ? edits->str : "(none)");
      g_test_message ("assessment: %s", json);
    }
}

/* ---- Tables ---- */

/* §3 findings, when they apply and near misses; §5 and §6 items. */
static const RuleCase finding_cases[] = {
  { "baseline/complete", { NULL }, EL,
    { "missing=", "qualifying=T12", "nlevels=1", "verdict[0]=eligible", "genant[0]=2", "age=78", "crcl=",
      "finding:info.evidence", "!finding:caution.early", "!check:prep.pregnancy",
      "text:prep.labs~1.5", "text:prep.labs~50,000", "!done:prep.fasting",
      "checklist=prep.imaging,prep.dxa,prep.labs,prep.medicines,prep.antibiotic,prep.uti_screen,"
      "prep.fasting,prep.escort,prep.sedation,prep.monitoring,prep.consent",
      "counsel=cx.cement_leakage,cx.pulmonary_embolism,cx.neurological,cx.infection,cx.bleeding,"
      "cx.pain_flare,cx.new_fracture,cx.thermal,cx.cement_reaction,cx.positioning,out.relief,"
      "out.evidence,after.activity,after.warning,after.osteoporosis" } },

  /* ci.pregnancy, for a woman of 40 */
  { "ci.pregnancy/true", { "patient.birth_date=1986-05-10", "patient.pregnant=true" }, CI,
    { "finding:ci.pregnancy", "age=40", "check:prep.pregnancy", "verdict[0]=contraindicated", "qualifying=", "missing=" } },
  { "ci.pregnancy/false", { "patient.birth_date=1986-05-10", "patient.pregnant=false" }, EL,
    { "!finding:ci.pregnancy", "missing=", "check:prep.pregnancy" } },
  { "ci.pregnancy/null", { "patient.birth_date=1986-05-10" }, INC,
    { "!finding:ci.pregnancy", "missing=patient.pregnant", "check:prep.pregnancy" } },

  /* ni.asymptomatic and rc.pain_mild: NRS 0 / 1 / 4 / 5 */
  { "ni.asymptomatic/nrs-0", { "history.pain_nrs=0" }, NI,
    { "finding:ni.asymptomatic", "!finding:rc.pain_mild", "verdict[0]=not_indicated", "qualifying=" } },
  { "ni.asymptomatic/nrs-1", { "history.pain_nrs=1" }, RV,
    { "!finding:ni.asymptomatic", "finding:rc.pain_mild" } },
  { "ni.asymptomatic/null", { "history.pain_nrs=null" }, INC,
    { "!finding:ni.asymptomatic", "!finding:rc.pain_mild", "missing=history.pain_nrs" } },
  { "rc.pain_mild/nrs-1", { "history.pain_nrs=1" }, RV,
    { "finding:rc.pain_mild", "check:prep.mdt", "message:rc.pain_mild~1/10", "qualifying=T12", "verdict[0]=review" } },
  { "rc.pain_mild/nrs-4", { "history.pain_nrs=4" }, RV,
    { "finding:rc.pain_mild", "message:rc.pain_mild~4/10", "!finding:ni.asymptomatic" } },
  { "rc.pain_mild/nrs-5", { "history.pain_nrs=5" }, EL,
    { "!finding:rc.pain_mild", "!finding:ni.asymptomatic", "!check:prep.mdt" } },
  { "rc.pain_mild/nrs-10", { "history.pain_nrs=10" }, EL,
    { "!finding:rc.pain_mild" } },

  /* ni.other_pain_source: every other source, named in the message */
  { "ni.other_pain_source/disc_herniation", { "history.dominant_pain_source=disc_herniation" }, NI,
    { "finding:ni.other_pain_source", "message:ni.other_pain_source~Disc herniation" } },
  { "ni.other_pain_source/facet_arthropathy", { "history.dominant_pain_source=facet_arthropathy" }, NI,
    { "finding:ni.other_pain_source", "message:ni.other_pain_source~Facet joint arthropathy" } },
  { "ni.other_pain_source/deformity", { "history.dominant_pain_source=deformity" }, NI,
    { "finding:ni.other_pain_source", "message:ni.other_pain_source~Spinal deformity not caused by osteoporosis" } },
  { "ni.other_pain_source/other", { "history.dominant_pain_source=other" }, NI,
    { "finding:ni.other_pain_source", "message:ni.other_pain_source~Other cause" } },
  { "ni.other_pain_source/fracture", { "history.dominant_pain_source=fracture" }, EL,
    { "!finding:ni.other_pain_source" } },
  { "ni.other_pain_source/null", { "history.dominant_pain_source=null" }, INC,
    { "!finding:ni.other_pain_source", "missing=history.dominant_pain_source" } },

  /* ni.healed, ni.pain_not_concordant: per level */
  { "ni.healed/healed", { "levels[0].acuity=healed" }, NI,
    { "finding:ni.healed@T12", "verdict[0]=not_indicated", "qualifying=", "missing=" } },
  { "ni.healed/unhealed", { "levels[0].acuity=unhealed" }, EL,
    { "!finding:ni.healed" } },
  { "ni.healed/null", { "levels[0].acuity=null" }, INC,
    { "!finding:ni.healed", "missing=levels[0].acuity", "verdict[0]=incomplete" } },
  { "ni.healed/second-level", { "levels=L1,L2", "levels[1].acuity=healed" }, EL,
    { "finding:ni.healed@L2", "!finding:ni.healed@L1", "verdict[0]=eligible", "verdict[1]=not_indicated",
      "qualifying=L1" } },
  { "ni.pain_not_concordant/false", { "levels[0].pain_concordant=false" }, NI,
    { "finding:ni.pain_not_concordant@T12", "verdict[0]=not_indicated", "qualifying=" } },
  { "ni.pain_not_concordant/true", { "levels[0].pain_concordant=true" }, EL,
    { "!finding:ni.pain_not_concordant" } },
  { "ni.pain_not_concordant/null", { "levels[0].pain_concordant=null" }, INC,
    { "!finding:ni.pain_not_concordant", "missing=levels[0].pain_concordant" } },

  /* req.inr: 1.49 passes, 1.5 does not */
  { "req.inr/1.5", { "labs.inr=1.5" }, NR,
    { "finding:req.inr", "remedy:req.inr~", "check:prep.inr_correction", "verdict[0]=not_ready", "qualifying=T12" } },
  { "req.inr/1.49", { "labs.inr=1.49" }, EL,
    { "!finding:req.inr", "!check:prep.inr_correction" } },
  { "req.inr/3.2", { "labs.inr=3.2" }, NR,
    { "finding:req.inr", "message:req.inr~3.2" } },
  { "req.inr/null", { "labs.inr=null" }, INC,
    { "!finding:req.inr", "!check:prep.inr_correction", "missing=labs.inr" } },

  /* req.platelets: 50,000 exactly passes */
  { "req.platelets/49999", { "labs.platelets=49999" }, NR,
    { "finding:req.platelets", "remedy:req.platelets~", "check:prep.platelet_transfusion", "qualifying=T12" } },
  { "req.platelets/50000", { "labs.platelets=50000" }, EL,
    { "!finding:req.platelets", "!check:prep.platelet_transfusion" } },
  { "req.platelets/null", { "labs.platelets=null" }, INC,
    { "!finding:req.platelets", "!check:prep.platelet_transfusion", "missing=labs.platelets" } },

  /* rc.epidural_disease: only for tumour etiologies */
  { "rc.epidural_disease/metastatic", { TUMOUR ("metastatic"), "history.epidural_disease=true" }, RV,
    { "finding:rc.epidural_disease", "check:prep.mdt", "counsel:cx.tumour_relative", "!finding:info.evidence",
      "!check:prep.dxa", "!counsel:out.evidence", "!counsel:after.osteoporosis" } },
  { "rc.epidural_disease/myeloma", { TUMOUR ("myeloma"), "history.epidural_disease=true" }, RV,
    { "finding:rc.epidural_disease" } },
  { "rc.epidural_disease/haemangioma", { TUMOUR ("haemangioma"), "history.epidural_disease=true" }, RV,
    { "finding:rc.epidural_disease" } },
  { "rc.epidural_disease/metastatic-false", { TUMOUR ("metastatic") }, EL,
    { "!finding:rc.epidural_disease", "check:prep.mdt", "!counsel:cx.tumour_relative", "missing=" } },
  { "rc.epidural_disease/not-tumour", { "history.epidural_disease=true" }, EL,
    { "!finding:rc.epidural_disease" } },
  { "rc.epidural_disease/null", { TUMOUR ("metastatic"), "history.epidural_disease=null" }, INC,
    { "!finding:rc.epidural_disease", "missing=history.epidural_disease" } },

  /* rc.traumatic */
  { "rc.traumatic/traumatic", { "history.etiology=traumatic" }, RV,
    { "finding:rc.traumatic", "check:prep.mdt", "!finding:info.evidence", "!check:prep.dxa", "missing=" } },
  { "rc.traumatic/osteonecrosis", { "history.etiology=osteonecrosis" }, EL,
    { "!finding:rc.traumatic", "missing=" } },
  { "rc.traumatic/other", { "history.etiology=other" }, EL,
    { "!finding:rc.traumatic" } },

  /* rc.levels_over_3: 3 passes, 4 does not */
  { "rc.levels_over_3/4", { "levels=T12,L1,L2,L3" }, RV,
    { "finding:rc.levels_over_3", "message:rc.levels_over_3~4", "qualifying=T12,L1,L2,L3", "verdict[3]=review" } },
  { "rc.levels_over_3/3", { "levels=T12,L1,L2" }, EL,
    { "!finding:rc.levels_over_3", "qualifying=T12,L1,L2" } },
  { "rc.levels_over_3/8", { "levels=T5,T6,T7,T8,T9,T10,T11,T12" }, RV,
    { "finding:rc.levels_over_3", "nlevels=8" } },

  /* rc.doac_renal (bands in crcl_cases) */
  { "rc.doac_renal/apixaban-29.9", { "drug=apixaban:6", "labs.crcl=29.9" }, RV,
    { "finding:rc.doac_renal", "message:rc.doac_renal~29.9", "!finding:req.hold.apixaban",
      "check:prep.hold.apixaban", "text:prep.hold.apixaban~6 doses", "counsel:after.antithrombotics",
      "check:prep.mdt" } },
  /* Below the lowest band the longest tabulated hold still applies. */
  { "rc.doac_renal/apixaban-29.9-held-5", { "drug=apixaban:5", "labs.crcl=29.9" }, NR,
    { "finding:rc.doac_renal", "finding:req.hold.apixaban", "message:req.hold.apixaban~6 doses" } },
  { "rc.doac_renal/apixaban-30", { "drug=apixaban:6", "labs.crcl=30" }, EL,
    { "!finding:rc.doac_renal", "check:prep.hold.apixaban" } },
  { "rc.doac_renal/two-doacs", { "drug=apixaban:6", "drug=rivaroxaban:3", "labs.crcl=20" }, RV,
    { "finding:rc.doac_renal", "!finding:req.hold.apixaban", "!finding:req.hold.rivaroxaban",
      "check:prep.hold.apixaban", "check:prep.hold.rivaroxaban", "text:prep.hold.rivaroxaban~3 doses" } },
  { "rc.doac_renal/not-a-doac", { "drug=warfarin:5", "labs.crcl=10" }, EL,
    { "!finding:rc.doac_renal", "check:prep.hold.warfarin" } },
  /* Edoxaban's < 15 band (2.0.0): the same hold, and specialist advice. */
  { "rc.doac_renal/edoxaban-10", { "drug=edoxaban:2", "labs.crcl=10" }, RV,
    { "finding:rc.doac_renal", "!finding:req.hold.edoxaban", "check:prep.hold.edoxaban" } },
  { "rc.doac_renal/edoxaban-15", { "drug=edoxaban:2", "labs.crcl=15" }, EL,
    { "!finding:rc.doac_renal", "!finding:req.hold.edoxaban", "check:prep.hold.edoxaban" } },

  /* rc.severe_collapse: 70 passes, 70.1 does not */
  { "rc.severe_collapse/70.1", { "levels[0].collapse_percent=70.1" }, RV,
    { "finding:rc.severe_collapse@T12", "message:rc.severe_collapse~70.1", "verdict[0]=review", "genant[0]=3" } },
  { "rc.severe_collapse/70", { "levels[0].collapse_percent=70" }, EL,
    { "!finding:rc.severe_collapse", "genant[0]=3" } },
  { "rc.severe_collapse/100", { "levels[0].collapse_percent=100" }, RV,
    { "finding:rc.severe_collapse@T12" } },

  /* rc.posterior_wall and rc.retropulsion */
  { "rc.posterior_wall/involved", { "levels[0].posterior_wall=involved" }, RV,
    { "finding:rc.posterior_wall@T12", "!finding:rc.retropulsion", "!check:prep.radiotherapy", "check:prep.mdt" } },
  { "rc.posterior_wall/intact", { "levels[0].posterior_wall=intact" }, EL,
    { "!finding:rc.posterior_wall", "!finding:rc.retropulsion" } },
  { "rc.posterior_wall/null", { "levels[0].posterior_wall=null" }, INC,
    { "!finding:rc.posterior_wall", "!finding:rc.retropulsion", "missing=levels[0].posterior_wall" } },
  { "rc.retropulsion/retropulsed", { "levels[0].posterior_wall=retropulsed" }, RV,
    { "finding:rc.retropulsion@T12", "!finding:rc.posterior_wall" } },
  { "rc.retropulsion/involved", { "levels[0].posterior_wall=involved" }, RV,
    { "!finding:rc.retropulsion" } },

  /* rc.upper_thoracic: T1–T3; T4 is not */
  { "rc.upper_thoracic/T1", { "levels=T1" }, RV, { "finding:rc.upper_thoracic@T1" } },
  { "rc.upper_thoracic/T2", { "levels=T2" }, RV, { "finding:rc.upper_thoracic@T2" } },
  { "rc.upper_thoracic/T3", { "levels=T3" }, RV, { "finding:rc.upper_thoracic@T3", "qualifying=T3" } },
  { "rc.upper_thoracic/T4", { "levels=T4" }, EL, { "!finding:rc.upper_thoracic", "qualifying=T4" } },
  { "rc.upper_thoracic/T3+T4", { "levels=T3,T4" }, EL,
    { "finding:rc.upper_thoracic@T3", "!finding:rc.upper_thoracic@T4", "verdict[0]=review",
      "verdict[1]=eligible", "qualifying=T4" } },

  /* caution.aspirin: a caution, no hold requirement */
  { "caution.aspirin/listed", { "drug=aspirin:null" }, EL,
    { "finding:caution.aspirin", "!finding:req.hold.aspirin", "check:prep.hold.aspirin",
      "text:prep.hold.aspirin~prescriber", "counsel:after.antithrombotics", "qualifying=T12" } },
  { "caution.aspirin/held-0", { "drug=aspirin:0" }, EL,
    { "finding:caution.aspirin", "!finding:req.hold.aspirin" } },
  { "caution.aspirin/not-listed", { "drug=clopidogrel:5" }, EL,
    { "!finding:caution.aspirin", "!check:prep.hold.aspirin" } },

  /* caution.stent; cx.balloon_rupture */
  { "caution.stent/kyphoplasty_stent", { "assessment.procedure=kyphoplasty_stent" }, EL,
    { "finding:caution.stent", "counsel:cx.balloon_rupture" } },
  { "caution.stent/kyphoplasty", { "assessment.procedure=kyphoplasty" }, EL,
    { "!finding:caution.stent", "counsel:cx.balloon_rupture" } },
  { "caution.stent/vertebroplasty", { "assessment.procedure=vertebroplasty" }, EL,
    { "!finding:caution.stent", "!counsel:cx.balloon_rupture" } },

  /* caution.early: weeks 5.9 / 6; only osteoporotic; optional field */
  { "caution.early/5.9", { "history.conservative_weeks=5.9" }, EL,
    { "finding:caution.early", "message:caution.early~5.9" } },
  { "caution.early/6", { "history.conservative_weeks=6" }, EL,
    { "!finding:caution.early" } },
  { "caution.early/0", { "history.conservative_weeks=0" }, EL,
    { "finding:caution.early" } },
  { "caution.early/null", { "history.conservative_weeks=null" }, EL,
    { "!finding:caution.early", "missing=" } },
  { "caution.early/traumatic", { "history.etiology=traumatic", "history.conservative_weeks=2" }, RV,
    { "!finding:caution.early", "finding:rc.traumatic" } },
  { "caution.early/metastatic", { TUMOUR ("metastatic"), "history.conservative_weeks=2" }, EL,
    { "!finding:caution.early" } },

  /* info.evidence */
  { "info.evidence/osteoporotic", { "history.etiology=osteoporotic" }, EL,
    { "finding:info.evidence", "counsel:out.evidence" } },
  { "info.evidence/other", { "history.etiology=other" }, EL,
    { "!finding:info.evidence" } },
  { "info.evidence/myeloma", { TUMOUR ("myeloma") }, EL,
    { "!finding:info.evidence" } },

  /* §5 checklist items with a condition */
  { "prep.mdt/tumour", { TUMOUR ("haemangioma") }, EL, { "check:prep.mdt" } },
  { "prep.mdt/relative", { "history.radiculopathy=true" }, RV, { "check:prep.mdt" } },
  { "prep.mdt/level-relative", { "levels[0].collapse_percent=75" }, RV, { "check:prep.mdt" } },
  { "prep.mdt/caution-only", { "history.allergy_contrast=true" }, EL, { "!check:prep.mdt" } },
  { "prep.mdt/none", { NULL }, EL, { "!check:prep.mdt" } },
  { "prep.dxa/osteoporotic", { "history.etiology=osteoporotic" }, EL, { "check:prep.dxa" } },
  { "prep.dxa/other", { "history.etiology=other" }, EL, { "!check:prep.dxa" } },
  { "prep.dxa/metastatic", { TUMOUR ("metastatic") }, EL, { "!check:prep.dxa" } },
  { "prep.hold/none-listed", { NULL }, EL,
    { "!check:prep.hold.clopidogrel", "!check:prep.hold.aspirin", "!counsel:after.antithrombotics" } },
  { "prep.antibiotic/no-allergy", { "history.allergy_beta_lactam=false", "patient.weight_kg=61" }, EL,
    { "text:prep.antibiotic~cefazolin", "!text:prep.antibiotic~vancomycin", "!text:prep.antibiotic~915" } },
  { "prep.antibiotic/allergy-61kg", { "history.allergy_beta_lactam=true", "patient.weight_kg=61" }, EL,
    { "text:prep.antibiotic~vancomycin", "text:prep.antibiotic~915 mg", "text:prep.antibiotic~clindamycin",
      "!text:prep.antibiotic~cefazolin" } },
  { "prep.antibiotic/allergy-80kg", { "history.allergy_beta_lactam=true", "patient.weight_kg=80" }, EL,
    { "text:prep.antibiotic~vancomycin", "text:prep.antibiotic~1200 mg" } },
  { "prep.antibiotic/allergy-no-weight", { "history.allergy_beta_lactam=true" }, EL,
    { "text:prep.antibiotic~vancomycin", "text:prep.antibiotic~15 mg/kg", "!text:prep.antibiotic~cefazolin",
      "!text:prep.antibiotic~915" } },
  { "prep.antibiotic/allergy-unknown", { "history.allergy_beta_lactam=null" }, EL,
    { "check:prep.antibiotic", "text:prep.antibiotic~cefazolin", "missing=" } },
  { "prep.radiotherapy/metastatic-involved", { TUMOUR ("metastatic"), "levels[0].posterior_wall=involved" }, RV,
    { "check:prep.radiotherapy", "finding:rc.posterior_wall@T12", "counsel:cx.tumour_relative" } },
  { "prep.radiotherapy/myeloma-retropulsed", { TUMOUR ("myeloma"), "levels=T12,L1", "levels[1].posterior_wall=retropulsed" }, EL,
    { "check:prep.radiotherapy", "finding:rc.retropulsion@L1", "qualifying=T12" } },
  { "prep.radiotherapy/metastatic-intact", { TUMOUR ("metastatic") }, EL,
    { "!check:prep.radiotherapy" } },
  { "prep.radiotherapy/osteoporotic-involved", { "levels[0].posterior_wall=involved" }, RV,
    { "!check:prep.radiotherapy" } },
  { "prep.embolization/hypervascular", { TUMOUR ("metastatic"), "history.hypervascular=true" }, EL,
    { "check:prep.embolization" } },
  { "prep.embolization/not-hypervascular", { TUMOUR ("metastatic") }, EL,
    { "!check:prep.embolization" } },
  { "prep.embolization/null", { TUMOUR ("metastatic"), "history.hypervascular=null" }, INC,
    { "!check:prep.embolization", "missing=history.hypervascular" } },
  { "prep.contrast/allergy", { "history.allergy_contrast=true" }, EL,
    { "check:prep.contrast", "finding:caution.contrast_allergy" } },
  { "prep.contrast/no-allergy", { "history.allergy_contrast=false" }, EL,
    { "!check:prep.contrast", "!finding:caution.contrast_allergy" } },

  /* §6 counselling items with a condition */
  { "cx.tumour_relative/tumour+relative", { TUMOUR ("metastatic"), "history.radiculopathy=true" }, RV,
    { "counsel:cx.tumour_relative" } },
  { "cx.tumour_relative/tumour+level-relative", { TUMOUR ("myeloma"), "levels[0].collapse_percent=75" }, RV,
    { "counsel:cx.tumour_relative" } },
  { "cx.tumour_relative/tumour-only", { TUMOUR ("metastatic") }, EL,
    { "!counsel:cx.tumour_relative" } },
  { "cx.tumour_relative/relative-only", { "history.radiculopathy=true" }, RV,
    { "!counsel:cx.tumour_relative" } },
  { "out.evidence/metastatic", { TUMOUR ("metastatic") }, EL, { "!counsel:out.evidence" } },
  { "after.antithrombotics/listed", { "drug=warfarin:5" }, EL, { "counsel:after.antithrombotics" } },
  { "after.antithrombotics/none", { NULL }, EL, { "!counsel:after.antithrombotics" } },
  { "after.osteoporosis/osteoporotic", { NULL }, EL, { "counsel:after.osteoporosis" } },
  { "after.osteoporosis/other", { "history.etiology=other" }, EL, { "!counsel:after.osteoporosis" } },

  /* checklist ticks: "done" mirrors the file's checklist */
  { "checklist/done", { "checked=prep.fasting", "checked=prep.hold.clopidogrel", "drug=clopidogrel:5" }, EL,
    { "done:prep.fasting", "done:prep.hold.clopidogrel", "!done:prep.escort" } },
  { "checklist/done-not-listed", { "checked=prep.contrast" }, EL,
    { "!check:prep.contrast", "!done:prep.fasting" } },

  /* Genant grades: 0 (< 20), 1 (20–25), 2 (> 25–40), 3 (> 40) */
  { "genant/0", { "levels[0].collapse_percent=0" }, EL, { "genant[0]=0" } },
  { "genant/19.9", { "levels[0].collapse_percent=19.9" }, EL, { "genant[0]=0" } },
  { "genant/20", { "levels[0].collapse_percent=20" }, EL, { "genant[0]=1" } },
  { "genant/25", { "levels[0].collapse_percent=25" }, EL, { "genant[0]=1" } },
  { "genant/25.1", { "levels[0].collapse_percent=25.1" }, EL, { "genant[0]=2" } },
  { "genant/40", { "levels[0].collapse_percent=40" }, EL, { "genant[0]=2" } },
  { "genant/40.1", { "levels[0].collapse_percent=40.1" }, EL, { "genant[0]=3" } },
  { "genant/null", { "levels[0].collapse_percent=null" }, INC,
    { "genant[0]=-1", "missing=levels[0].collapse_percent" } },
  { "genant/per-level", { "levels=T11,T12,L1", "levels[0].collapse_percent=22", "levels[2].collapse_percent=55" }, EL,
    { "genant[0]=1", "genant[1]=2", "genant[2]=3" } },
};

/* §2 needed fields. */
static const RuleCase needed_cases[] = {
  { "needed/levels", { "levels=" }, INC,
    { "missing=levels", "nlevels=0", "qualifying=" } },
  { "needed/levels+contraindicated", { "levels=", "history.neuro_deficit=true" }, CI,
    { "missing=levels", "finding:ci.neuro_deficit", "nlevels=0", "qualifying=" } },
  { "needed/levels+not_indicated", { "levels=", "history.pain_nrs=0" }, NI,
    { "missing=levels", "finding:ni.asymptomatic" } },
  { "needed/levels+review", { "levels=", "history.radiculopathy=true" }, INC,
    { "missing=levels", "finding:rc.radiculopathy" } },
  { "needed/levels+not_ready", { "levels=", "labs.inr=2" }, INC,
    { "missing=levels", "finding:req.inr" } },
  { "needed/levels+missing", { "levels=", "labs.inr=null" }, INC,
    { "missing=levels,labs.inr" } },
  { "needed/levels[0].collapse_percent", { "levels[0].collapse_percent=null" }, INC,
    { "missing=levels[0].collapse_percent", "verdict[0]=incomplete", "qualifying=" } },
  { "needed/levels[0].acuity", { "levels[0].acuity=null" }, INC,
    { "missing=levels[0].acuity" } },
  { "needed/levels[0].posterior_wall", { "levels[0].posterior_wall=null" }, INC,
    { "missing=levels[0].posterior_wall" } },
  { "needed/levels[0].pain_concordant", { "levels[0].pain_concordant=null" }, INC,
    { "missing=levels[0].pain_concordant" } },
  { "needed/levels[2].all", { "levels=T10,T11,T12",
                              "levels[2].collapse_percent=null", "levels[2].acuity=null",
                              "levels[2].posterior_wall=null", "levels[2].pain_concordant=null" }, INC,
    { "missing=levels[2].collapse_percent,levels[2].acuity,levels[2].posterior_wall,levels[2].pain_concordant",
      "verdict[0]=eligible", "verdict[1]=eligible", "verdict[2]=incomplete", "qualifying=" } },

  /* patient.pregnant: female or other, aged 12–55 or of unknown age */
  { "needed/pregnant/female-55", { "patient.birth_date=1971-11-21" }, INC,
    { "age=55", "missing=patient.pregnant", "check:prep.pregnancy" } },
  { "needed/pregnant/female-55-day-before-56", { "patient.birth_date=1970-11-22" }, INC,
    { "age=55", "missing=patient.pregnant", "check:prep.pregnancy" } },
  { "needed/pregnant/female-56", { "patient.birth_date=1970-11-21" }, EL,
    { "age=56", "missing=", "!check:prep.pregnancy" } },
  { "needed/pregnant/female-12", { "patient.birth_date=2014-11-21" }, INC,
    { "age=12", "missing=patient.pregnant", "check:prep.pregnancy" } },
  { "needed/pregnant/female-11", { "patient.birth_date=2014-11-22" }, EL,
    { "age=11", "missing=", "!check:prep.pregnancy" } },
  { "needed/pregnant/female-30-answered", { "patient.birth_date=1996-01-15", "patient.pregnant=false" }, EL,
    { "age=30", "missing=", "check:prep.pregnancy" } },
  { "needed/pregnant/male-30", { "patient.sex=male", "patient.birth_date=1996-01-15" }, EL,
    { "missing=", "!check:prep.pregnancy" } },
  { "needed/pregnant/male-12", { "patient.sex=male", "patient.birth_date=2014-11-21" }, EL,
    { "missing=", "!check:prep.pregnancy" } },
  { "needed/pregnant/male-no-birth-date", { "patient.sex=male", "patient.birth_date=null" }, EL,
    { "age=", "missing=", "!check:prep.pregnancy" } },
  { "needed/pregnant/other-30", { "patient.sex=other", "patient.birth_date=1996-01-15" }, INC,
    { "missing=patient.pregnant", "check:prep.pregnancy" } },
  { "needed/pregnant/other-78", { "patient.sex=other" }, EL,
    { "missing=", "!check:prep.pregnancy" } },
  { "needed/pregnant/female-no-birth-date", { "patient.birth_date=null" }, INC,
    { "age=", "missing=patient.pregnant", "check:prep.pregnancy" } },
  { "needed/pregnant/other-no-birth-date", { "patient.sex=other", "patient.birth_date=null" }, INC,
    { "age=", "missing=patient.pregnant", "check:prep.pregnancy" } },

  /* tumour fields */
  { "needed/tumour/metastatic", { "history.etiology=metastatic" }, INC,
    { "missing=history.epidural_disease,history.hypervascular" } },
  { "needed/tumour/myeloma", { "history.etiology=myeloma" }, INC,
    { "missing=history.epidural_disease,history.hypervascular" } },
  { "needed/tumour/haemangioma", { "history.etiology=haemangioma" }, INC,
    { "missing=history.epidural_disease,history.hypervascular" } },
  { "needed/tumour/metastatic-hypervascular-only", { "history.etiology=metastatic", "history.epidural_disease=false" }, INC,
    { "missing=history.hypervascular" } },
  { "needed/tumour/metastatic-answered", { TUMOUR ("metastatic") }, EL,
    { "missing=" } },
  { "needed/tumour/osteoporotic", { "history.etiology=osteoporotic" }, EL,
    { "missing=" } },
  { "needed/tumour/osteonecrosis", { "history.etiology=osteonecrosis" }, EL,
    { "missing=" } },
  { "needed/tumour/traumatic", { "history.etiology=traumatic" }, RV,
    { "missing=" } },
  { "needed/tumour/other", { "history.etiology=other" }, EL,
    { "missing=" } },

  /* labs.crcl for a DOAC */
  { "needed/crcl/apixaban-no-renal-data", { "drug=apixaban:4" }, INC,
    { "missing=labs.crcl", "crcl=", "!finding:req.hold.apixaban", "!finding:rc.doac_renal",
      "counsel:after.antithrombotics" } },
  { "needed/crcl/rivaroxaban-no-renal-data", { "drug=rivaroxaban:2" }, INC,
    { "missing=labs.crcl", "!finding:req.hold.rivaroxaban" } },
  { "needed/crcl/dabigatran-no-renal-data", { "drug=dabigatran:4" }, INC,
    { "missing=labs.crcl", "!finding:req.hold.dabigatran" } },
  { "needed/crcl/edoxaban-no-renal-data", { "drug=edoxaban:2" }, INC,
    { "missing=labs.crcl" } },
  { "needed/crcl/apixaban-creatinine-without-weight", { "drug=apixaban:4", "labs.creatinine_umol_l=80" }, INC,
    { "missing=labs.crcl", "crcl=" } },
  { "needed/crcl/apixaban-weight-without-creatinine", { "drug=apixaban:4", "patient.weight_kg=61" }, INC,
    { "missing=labs.crcl", "crcl=" } },
  { "needed/crcl/apixaban-derivable", { "drug=apixaban:6", "labs.creatinine_umol_l=80", "patient.weight_kg=61" }, EL,
    { "missing=", "crcl=49.3" } },
  { "needed/crcl/apixaban-entered", { "drug=apixaban:4", "labs.crcl=60" }, EL,
    { "missing=", "crcl=60" } },
  { "needed/crcl/apixaban-sex-other", { "patient.sex=other", "drug=apixaban:6", "labs.creatinine_umol_l=80",
                                        "patient.weight_kg=61" }, INC,
    { "missing=labs.crcl", "crcl=" } },
  { "needed/crcl/apixaban-sex-other-entered", { "patient.sex=other", "drug=apixaban:4", "labs.crcl=60",
                                                "labs.creatinine_umol_l=80", "patient.weight_kg=61" }, EL,
    { "missing=", "crcl=60" } },
  { "needed/crcl/apixaban-no-birth-date", { "patient.sex=male", "patient.birth_date=null", "drug=apixaban:6",
                                            "labs.creatinine_umol_l=80", "patient.weight_kg=61" }, INC,
    { "missing=labs.crcl", "crcl=" } },
  { "needed/crcl/two-doacs-reported-once", { "drug=apixaban:4", "drug=edoxaban:2" }, INC,
    { "missing=labs.crcl" } },
  { "needed/crcl/clopidogrel", { "drug=clopidogrel:5" }, EL,
    { "missing=", "!missing:labs.crcl" } },
  { "needed/crcl/warfarin", { "drug=warfarin:5" }, EL,
    { "missing=" } },
  { "needed/crcl/lmwh_therapeutic", { "drug=lmwh_therapeutic:2" }, EL,
    { "missing=" } },

  /* optional fields are never missing */
  { "needed/optional", { "history.conservative_weeks=null", "history.allergy_beta_lactam=null",
                         "history.allergy_contrast=null", "patient.weight_kg=null",
                         "assessment.planned_date=null" }, EL,
    { "missing=" } },
  { "needed/optional-birth-date-male", { "patient.sex=male", "patient.birth_date=null" }, EL,
    { "missing=" } },

  /* a definite no is reported even when data are missing */
  { "needed/definite-no/contraindicated", { "history.neuro_deficit=true", "labs.inr=null" }, CI,
    { "finding:ci.neuro_deficit", "missing=labs.inr", "verdict[0]=contraindicated" } },
  { "needed/definite-no/not_indicated", { "history.pain_refractory=false", "labs.platelets=null" }, NI,
    { "finding:ni.pain_controlled", "missing=labs.platelets" } },
  { "needed/definite-no/level-not_indicated", { "levels[0].acuity=healed", "history.unstable=null" }, NI,
    { "finding:ni.healed@T12", "missing=history.unstable" } },
  { "needed/definite-no/unknown-never-triggers", { "history.neuro_deficit=null", "history.unstable=null",
                                                   "history.pain_refractory=null", "labs.inr=null" }, INC,
    { "!finding:ci.neuro_deficit", "!finding:ci.unstable", "!finding:ni.pain_controlled", "!finding:req.inr",
      "missing=history.neuro_deficit,history.unstable,history.pain_refractory,labs.inr" } },
};

/* Per level against overall (decision: best level; never better than
 * "incomplete" while anything is missing). */
static const RuleCase level_cases[] = {
  { "levels/eligible+healed", { "levels=T12,L1", "levels[1].acuity=healed" }, EL,
    { "verdict[0]=eligible", "verdict[1]=not_indicated", "qualifying=T12", "finding:ni.healed@L1" } },
  { "levels/healed+eligible", { "levels=T12,L1", "levels[0].acuity=healed" }, EL,
    { "verdict[0]=not_indicated", "verdict[1]=eligible", "qualifying=L1" } },
  { "levels/eligible+missing-acuity", { "levels=T12,L1", "levels[1].acuity=null" }, INC,
    { "verdict[0]=eligible", "verdict[1]=incomplete", "missing=levels[1].acuity", "qualifying=" } },
  { "levels/healed+missing-acuity", { "levels=T12,L1", "levels[0].acuity=healed", "levels[1].acuity=null" }, INC,
    { "verdict[0]=not_indicated", "verdict[1]=incomplete", "missing=levels[1].acuity" } },
  { "levels/absolute-everywhere", { "levels=T12,L1,L2", "history.osteomyelitis=true" }, CI,
    { "verdict[0]=contraindicated", "verdict[1]=contraindicated", "verdict[2]=contraindicated", "qualifying=" } },
  { "levels/not_indicated-everywhere", { "levels=T12,L1", "history.pain_refractory=false" }, NI,
    { "verdict[0]=not_indicated", "verdict[1]=not_indicated", "qualifying=" } },
  { "levels/not_ready-everywhere", { "levels=T12,L1", "labs.inr=1.8" }, NR,
    { "verdict[0]=not_ready", "verdict[1]=not_ready", "qualifying=T12,L1" } },
  { "levels/review+eligible", { "levels=T12,L1", "levels[0].collapse_percent=75" }, EL,
    { "verdict[0]=review", "verdict[1]=eligible", "qualifying=L1" } },
  { "levels/review+review", { "levels=T12,L1", "levels[0].posterior_wall=involved",
                              "levels[1].collapse_percent=80" }, RV,
    { "verdict[0]=review", "verdict[1]=review", "qualifying=T12,L1",
      "finding:rc.posterior_wall@T12", "finding:rc.severe_collapse@L1" } },
  { "levels/healed+review", { "levels=T12,L1", "levels[0].acuity=healed", "levels[1].posterior_wall=retropulsed" }, RV,
    { "verdict[0]=not_indicated", "verdict[1]=review", "qualifying=L1" } },
  { "levels/healed+not-concordant", { "levels=T12,L1", "levels[0].acuity=healed",
                                      "levels[1].pain_concordant=false" }, NI,
    { "verdict[0]=not_indicated", "verdict[1]=not_indicated", "qualifying=" } },
  { "levels/not_ready+review-level", { "levels=T12,L1", "labs.platelets=30000",
                                       "levels[1].posterior_wall=involved" }, NR,
    { "verdict[0]=not_ready", "verdict[1]=not_ready", "qualifying=T12,L1" } },
  { "levels/review-patient+level-not_indicated", { "levels=T12,L1", "history.radiculopathy=true",
                                                   "levels[1].acuity=healed" }, RV,
    { "verdict[0]=review", "verdict[1]=not_indicated", "qualifying=T12" } },
  { "levels/same-finding-two-levels", { "levels=T12,L1", "levels[0].collapse_percent=80",
                                        "levels[1].collapse_percent=90" }, RV,
    { "finding:rc.severe_collapse@T12", "finding:rc.severe_collapse@L1", "qualifying=T12,L1" } },
  { "levels/upper-thoracic+eligible", { "levels=T2,L4" }, EL,
    { "verdict[0]=review", "verdict[1]=eligible", "qualifying=L4" } },
};

/* Due dates: planned 2026-11-28 minus the lead days of §4. */
static const RuleCase due_cases[] = {
  { "due/clopidogrel", { "assessment.planned_date=2026-11-28", "drug=clopidogrel:5" }, EL,
    { "due:prep.hold.clopidogrel=2026-11-23", "text:prep.hold.clopidogrel~2026-11-23", "!finding:req.hold.clopidogrel" } },
  { "due/clopidogrel-no-planned-date", { "drug=clopidogrel:5" }, EL,
    { "due:prep.hold.clopidogrel=", "text:prep.hold.clopidogrel~5 days", "!text:prep.hold.clopidogrel~2026-" } },
  { "due/clopidogrel-across-month", { "assessment.planned_date=2026-12-02", "drug=clopidogrel:5" }, EL,
    { "due:prep.hold.clopidogrel=2026-11-27" } },
  { "due/prasugrel", { "assessment.planned_date=2026-11-28", "drug=prasugrel:7" }, EL,
    { "due:prep.hold.prasugrel=2026-11-21" } },
  { "due/ticagrelor", { "assessment.planned_date=2026-11-28", "drug=ticagrelor:5" }, EL,
    { "due:prep.hold.ticagrelor=2026-11-23" } },
  { "due/warfarin", { "assessment.planned_date=2026-11-28", "drug=warfarin:5" }, EL,
    { "due:prep.hold.warfarin=2026-11-23" } },
  { "due/aspirin", { "assessment.planned_date=2026-11-28", "drug=aspirin:null" }, EL,
    { "due:prep.hold.aspirin=2026-11-23", "text:prep.hold.aspirin~prescriber", "text:prep.hold.aspirin~2026-11-23" } },
  { "due/aspirin-no-planned-date", { "drug=aspirin:null" }, EL,
    { "due:prep.hold.aspirin=", "text:prep.hold.aspirin~prescriber", "text:prep.hold.aspirin~5 days" } },
  { "due/lmwh_prophylactic", { "assessment.planned_date=2026-11-28", "drug=lmwh_prophylactic:1" }, EL,
    { "due:prep.hold.lmwh_prophylactic=2026-11-27" } },
  { "due/lmwh_therapeutic", { "assessment.planned_date=2026-11-28", "drug=lmwh_therapeutic:2" }, EL,
    { "due:prep.hold.lmwh_therapeutic=2026-11-27" } },
  { "due/apixaban-crcl-60", { "assessment.planned_date=2026-11-28", "drug=apixaban:4", "labs.crcl=60" }, EL,
    { "due:prep.hold.apixaban=2026-11-26", "text:prep.hold.apixaban~2026-11-26" } },
  { "due/apixaban-crcl-40", { "assessment.planned_date=2026-11-28", "drug=apixaban:6", "labs.crcl=40" }, EL,
    { "due:prep.hold.apixaban=2026-11-25" } },
  { "due/apixaban-crcl-20", { "assessment.planned_date=2026-11-28", "drug=apixaban:6", "labs.crcl=20" }, RV,
    { "due:prep.hold.apixaban=2026-11-25", "finding:rc.doac_renal" } },
  { "due/rivaroxaban-crcl-60", { "assessment.planned_date=2026-11-28", "drug=rivaroxaban:2", "labs.crcl=60" }, EL,
    { "due:prep.hold.rivaroxaban=2026-11-26" } },
  { "due/rivaroxaban-crcl-20", { "assessment.planned_date=2026-11-28", "drug=rivaroxaban:3", "labs.crcl=20" }, EL,
    { "due:prep.hold.rivaroxaban=2026-11-25" } },
  { "due/dabigatran-crcl-60", { "assessment.planned_date=2026-11-28", "drug=dabigatran:4", "labs.crcl=60" }, EL,
    { "due:prep.hold.dabigatran=2026-11-26" } },
  { "due/dabigatran-crcl-40", { "assessment.planned_date=2026-11-28", "drug=dabigatran:6", "labs.crcl=40" }, EL,
    { "due:prep.hold.dabigatran=2026-11-24" } },
  { "due/edoxaban", { "assessment.planned_date=2026-11-28", "drug=edoxaban:2", "labs.crcl=60" }, EL,
    { "due:prep.hold.edoxaban=2026-11-26" } },
  { "due/two-drugs", { "assessment.planned_date=2026-11-28", "drug=clopidogrel:5", "drug=apixaban:4",
                       "labs.crcl=60" }, EL,
    { "due:prep.hold.clopidogrel=2026-11-23", "due:prep.hold.apixaban=2026-11-26" } },
  { "due/other-items-have-none", { "assessment.planned_date=2026-11-28" }, EL,
    { "due:prep.imaging=", "due:prep.labs=", "due:prep.antibiotic=", "due:prep.fasting=" } },
  { "due/remedy-names-date", { "assessment.planned_date=2026-11-28", "drug=clopidogrel:2" }, NR,
    { "finding:req.hold.clopidogrel", "remedy:req.hold.clopidogrel~2026-11-23" } },
  { "due/remedy-apixaban-date", { "assessment.planned_date=2026-11-28", "drug=apixaban:null", "labs.crcl=60" }, NR,
    { "remedy:req.hold.apixaban~2026-11-26" } },
  { "due/remedy-without-date", { "drug=clopidogrel:2" }, NR,
    { "remedy:req.hold.clopidogrel~", "!remedy:req.hold.clopidogrel~2026-" } },
};

/* Derived CrCl (Cockcroft–Gault) and age.
 *
 * Worked example: man of 78, 61 kg, creatinine 80 µmol/L.
 *   creatinine in mg/dL = 80 / 88.4 = 0.904977…
 *   CrCl = (140 − 78) × 61 / (72 × 0.904977…) = 3782 / 65.158… = 58.0432… → 58.0 mL/min
 * The same woman: × 0.85 = 49.3367… → 49.3 (apixaban band 30–49: 6 doses).
 * A woman of 77 (birthday tomorrow): (140 − 77) × 61 × 0.85 / 65.158… = 50.1325… → 50.1.
 * Rounding: man of 78, 44 kg, creatinine 67 µmol/L: 62 × 44 / (72 × 67 / 88.4) = 49.9907… → 50.0,
 * which is in the ≥ 50 band; 61 kg, creatinine 93 µmol/L: 49.9296… → 49.9, in the 30–49 band. */
static const RuleCase crcl_cases[] = {
  { "crcl/worked-example-male", { "patient.sex=male", "patient.weight_kg=61", "labs.creatinine_umol_l=80",
                                  "drug=apixaban:4" }, EL,
    { "crcl=58", "age=78", "!finding:req.hold.apixaban", "missing=" } },
  { "crcl/female-factor", { "patient.weight_kg=61", "labs.creatinine_umol_l=80", "drug=apixaban:4" }, NR,
    { "crcl=49.3", "finding:req.hold.apixaban", "message:req.hold.apixaban~6 doses" } },
  { "crcl/female-factor-met", { "patient.weight_kg=61", "labs.creatinine_umol_l=80", "drug=apixaban:6" }, EL,
    { "crcl=49.3", "!finding:req.hold.apixaban" } },
  { "crcl/without-doac", { "patient.weight_kg=61", "labs.creatinine_umol_l=80" }, EL,
    { "crcl=49.3", "missing=" } },
  { "crcl/entered-wins-low", { "patient.sex=male", "patient.weight_kg=61", "labs.creatinine_umol_l=80",
                               "labs.crcl=25", "drug=apixaban:4" }, NR,
    { "crcl=25", "finding:rc.doac_renal", "finding:req.hold.apixaban", "message:req.hold.apixaban~6 doses" } },
  { "crcl/entered-as-entered", { "labs.crcl=49.96", "drug=apixaban:4" }, NR,
    { "crcl=49.96", "finding:req.hold.apixaban" } },
  { "crcl/entered-wins-high", { "patient.weight_kg=61", "labs.creatinine_umol_l=400", "labs.crcl=60",
                                "drug=apixaban:4" }, EL,
    { "crcl=60", "!finding:req.hold.apixaban" } },
  { "crcl/birthday-yesterday", { "patient.birth_date=1948-11-20", "patient.weight_kg=61",
                                 "labs.creatinine_umol_l=80", "drug=apixaban:4" }, NR,
    { "age=78", "crcl=49.3", "finding:req.hold.apixaban" } },
  { "crcl/birthday-today", { "patient.birth_date=1948-11-21", "patient.weight_kg=61",
                             "labs.creatinine_umol_l=80", "drug=apixaban:4" }, NR,
    { "age=78", "crcl=49.3", "finding:req.hold.apixaban" } },
  { "crcl/birthday-tomorrow", { "patient.birth_date=1948-11-22", "patient.weight_kg=61",
                                "labs.creatinine_umol_l=80", "drug=apixaban:4" }, EL,
    { "age=77", "crcl=50.1", "!finding:req.hold.apixaban" } },
  /* Rounded down, never up into the band above (1.0.0 rounded 49.99 to 50.0
   * and asked for the shorter hold). */
  { "crcl/rounded-down-not-to-50.0", { "patient.sex=male", "patient.weight_kg=44", "labs.creatinine_umol_l=67",
                                       "drug=apixaban:4" }, NR,
    { "crcl=49.9", "finding:req.hold.apixaban", "message:req.hold.apixaban~6 doses" } },
  { "crcl/edge-49.96", { "patient.weight_kg=40", "labs.creatinine_umol_l=51.8", "drug=apixaban:4" }, NR,
    { "crcl=49.9", "finding:req.hold.apixaban", "message:req.hold.apixaban~6 doses" } },
  { "crcl/edge-49.96-dabigatran", { "patient.weight_kg=40", "labs.creatinine_umol_l=51.8", "drug=dabigatran:4" }, NR,
    { "crcl=49.9", "finding:req.hold.dabigatran", "message:req.hold.dabigatran~6 doses" } },
  { "crcl/edge-29.99", { "patient.weight_kg=40", "labs.creatinine_umol_l=86.3", "drug=rivaroxaban:2" }, NR,
    { "crcl=29.9", "finding:req.hold.rivaroxaban", "message:req.hold.rivaroxaban~3 doses" } },
  { "crcl/edge-29.99-apixaban", { "patient.weight_kg=40", "labs.creatinine_umol_l=86.3", "drug=apixaban:6" }, RV,
    { "crcl=29.9", "!finding:req.hold.apixaban", "finding:rc.doac_renal" } },
  { "crcl/edge-14.99", { "patient.weight_kg=40", "labs.creatinine_umol_l=172.6", "drug=rivaroxaban:3" }, RV,
    { "crcl=14.9", "!finding:req.hold.rivaroxaban", "finding:rc.doac_renal" } },
  { "crcl/edge-14.98-edoxaban", { "patient.weight_kg=40", "labs.creatinine_umol_l=172.7", "drug=edoxaban:2" }, RV,
    { "crcl=14.9", "!finding:req.hold.edoxaban", "finding:rc.doac_renal" } },
  { "crcl/rounded-to-49.9", { "patient.sex=male", "patient.weight_kg=61", "labs.creatinine_umol_l=93",
                              "drug=apixaban:4" }, NR,
    { "crcl=49.9", "finding:req.hold.apixaban" } },
  { "crcl/sex-other", { "patient.sex=other", "patient.weight_kg=61", "labs.creatinine_umol_l=80",
                        "drug=dabigatran:6" }, INC,
    { "crcl=", "missing=labs.crcl", "!finding:req.hold.dabigatran", "!finding:rc.doac_renal" } },
  { "crcl/age-from-assessment-date", { "patient.birth_date=1948-03-02" }, EL,
    { "age=78" } },
};

/* What rule set 2.0.0 changed (clinical-rules.md §9); each case gave another
 * answer under 1.0.0. */
static const RuleCase v2_cases[] = {
  /* §9.1: a recorded "yes" contraindicates whatever the sex and age. */
  { "2.0.0/pregnancy/age-56", { "patient.birth_date=1970-01-01", "patient.pregnant=true" }, CI,
    { "finding:ci.pregnancy", "age=56" } },
  { "2.0.0/pregnancy/age-11", { "patient.birth_date=2015-01-01", "patient.pregnant=true" }, CI,
    { "finding:ci.pregnancy" } },
  { "2.0.0/pregnancy/male", { "patient.sex=male", "patient.pregnant=true" }, CI,
    { "finding:ci.pregnancy" } },
  { "2.0.0/pregnancy/no-birth-date", { "patient.birth_date=null", "patient.pregnant=true" }, CI,
    { "finding:ci.pregnancy" } },
  { "2.0.0/pregnancy/no", { "patient.birth_date=1990-01-01", "patient.pregnant=false" }, EL,
    { "!finding:ci.pregnancy", "missing=" } },

  /* §9.3: antithrombotics asked, never assumed. */
  { "2.0.0/on-antithrombotics/not-asked", { "history.on_antithrombotics=null" }, INC,
    { "missing=history.on_antithrombotics" } },
  { "2.0.0/on-antithrombotics/yes-none-listed", { "history.on_antithrombotics=true" }, INC,
    { "missing=antithrombotics" } },
  { "2.0.0/on-antithrombotics/answered-by-the-list", { "history.on_antithrombotics=null", "drug=warfarin:5" }, EL,
    { "missing=" } },
  { "2.0.0/other/not-agreed", { "drug=other:phenprocoumon:null" }, NR,
    { "finding:req.hold.other", "message:req.hold.other~phenprocoumon", "remedy:req.hold.other~phenprocoumon",
      "drugs=req.hold.other:phenprocoumon", "check:prep.hold.other", "!done:prep.hold.other",
      "drugs=prep.hold.other:phenprocoumon", "counsel:after.antithrombotics" } },
  { "2.0.0/other/refused", { "drug=other:fondaparinux:false" }, NR,
    { "finding:req.hold.other", "!done:prep.hold.other" } },
  { "2.0.0/other/agreed", { "drug=other:phenprocoumon:true" }, EL,
    { "!finding:req.hold.other", "done:prep.hold.other", "text:prep.hold.other~phenprocoumon" } },
  { "2.0.0/other/two", { "drug=other:phenprocoumon:null", "drug=other:cilostazol:false" }, NR,
    { "drugs=req.hold.other:phenprocoumon,cilostazol", "drugs=prep.hold.other:phenprocoumon,cilostazol" } },
  { "2.0.0/other/with-a-tabulated-drug", { "drug=other:acenocoumarol:true", "drug=clopidogrel:5" }, EL,
    { "drugs=prep.hold.clopidogrel:clopidogrel", "drugs=prep.hold.other:acenocoumarol" } },

  /* §9.6: holds not planned, stop dates passed, planned date in the past. */
  { "2.0.0/held-not-planned", { "drug=clopidogrel:null" }, NR,
    { "message:req.hold.clopidogrel~No interruption of clopidogrel is planned yet",
      "!message:req.hold.clopidogrel~0 days" } },
  { "2.0.0/stop-date-passed", { "assessment.planned_date=2026-11-23", "drug=clopidogrel:2" }, NR,
    { "remedy:req.hold.clopidogrel~has already passed", "remedy:req.hold.clopidogrel~2026-11-18",
      "remedy:req.hold.clopidogrel~2026-11-26", "due:prep.hold.clopidogrel=2026-11-18" } },
  { "2.0.0/stop-date-today", { "assessment.planned_date=2026-11-26", "drug=clopidogrel:2" }, NR,
    { "!remedy:req.hold.clopidogrel~has already passed", "remedy:req.hold.clopidogrel~2026-11-21" } },
  { "2.0.0/planned-date-past", { "assessment.planned_date=2026-11-20" }, NR,
    { "finding:req.planned_date", "remedy:req.planned_date~planned" } },
  { "2.0.0/planned-date-today", { "assessment.planned_date=2026-11-21" }, EL,
    { "!finding:req.planned_date" } },

  /* §9.5: the vertebra is needed; "Level N" until chosen. */
  { "2.0.0/level/unchosen", { "levels[0].level=null" }, INC,
    { "missing=levels[0].level", "qualifying=" } },
  { "2.0.0/level/unchosen-named", { "levels=T12,L1", "levels[1].level=null", "levels[1].acuity=healed" }, INC,
    { "missing=levels[1].level", "message:ni.healed~Level 2:", "verdict[1]=not_indicated", "verdict[0]=eligible",
      "qualifying=" } },
  { "2.0.0/level/unchosen-not-upper-thoracic", { "levels[0].level=null" }, INC,
    { "!finding:rc.upper_thoracic" } },

  /* §9.7: the onset of the pain. */
  { "2.0.0/onset/early", { "history.pain_onset_date=2026-10-30", "history.conservative_weeks=8" }, EL,
    { "weeks=3", "finding:caution.early", "message:caution.early~3 weeks",
      "message:info.evidence~this patient is in that group" } },
  { "2.0.0/onset/late", { "history.pain_onset_date=2026-10-03", "history.conservative_weeks=2" }, EL,
    { "weeks=7", "!finding:caution.early", "!message:info.evidence~this patient is in that group" } },
  { "2.0.0/onset/5-weeks-6-days", { "history.pain_onset_date=2026-10-12" }, EL,
    { "weeks=5", "finding:caution.early" } },
  { "2.0.0/onset/6-weeks", { "history.pain_onset_date=2026-10-10" }, EL,
    { "weeks=6", "!finding:caution.early" } },
  { "2.0.0/onset/mild-pain", { "history.pain_onset_date=2026-10-30", "history.pain_nrs=6" }, EL,
    { "!message:info.evidence~this patient is in that group" } },
  { "2.0.0/onset/unknown", { "history.conservative_weeks=3" }, EL,
    { "weeks=", "finding:caution.early", "message:caution.early~3 weeks of conservative care" } },

  /* §9.8: antibiotic prophylaxis per ashp-2013. */
  { "2.0.0/antibiotic/119.9-kg", { "patient.weight_kg=119.9" }, EL,
    { "text:prep.antibiotic~cefazolin 2 g", "!text:prep.antibiotic~3 g" } },
  { "2.0.0/antibiotic/120-kg", { "patient.weight_kg=120" }, EL,
    { "text:prep.antibiotic~cefazolin 3 g" } },
  { "2.0.0/antibiotic/allergy", { "history.allergy_beta_lactam=true", "patient.weight_kg=70" }, EL,
    { "text:prep.antibiotic~clindamycin 900 mg", "text:prep.antibiotic~1050 mg", "!text:prep.antibiotic~cefazolin" } },
};

/* Precedence: one trigger of each verdict class, patient-wide and per level. */
typedef struct {
  const char      *name;
  VertebroVerdict  verdict;
  const char      *edit;
  const char      *expect;
} Trigger;

static const Trigger triggers[] = {
  { "contraindicated", CI, "history.neuro_deficit=true", "finding:ci.neuro_deficit" },
  { "not_indicated", NI, "history.pain_refractory=false", "finding:ni.pain_controlled" },
  { "incomplete", INC, "labs.platelets=null", "missing:labs.platelets" },
  { "not_ready", NR, "labs.inr=1.5", "finding:req.inr" },
  { "review", RV, "history.radiculopathy=true", "finding:rc.radiculopathy" },
  { "level-not_indicated", NI, "levels[0].acuity=healed", "finding:ni.healed@T12" },
  { "level-incomplete", INC, "levels[0].pain_concordant=null", "missing:levels[0].pain_concordant" },
  { "level-review", RV, "levels[0].posterior_wall=involved", "finding:rc.posterior_wall@T12" },
};

/* The drugs of §4: what held value just fails and just meets the requirement. */
typedef struct {
  const char *drug;
  const char *crcl;        /* CrCl to enter, for the DOACs */
  const char *unmet;
  const char *met;
  const char *unmet_text;  /* as the message shows held and requirement */
  const char *min_text;
  const char *sources;     /* of req.hold.DRUG: sir-2019 (+ src-002 for clopidogrel and LMWH) */
} HoldRule;

static const HoldRule hold_rules[] = {
  { "clopidogrel", NULL, "4", "5", "4 days", "5 days", "sir-2019,src-002" },
  { "prasugrel", NULL, "6", "7", "6 days", "7 days", "sir-2019" },
  { "ticagrelor", NULL, "4", "5", "4 days", "5 days", "sir-2019" },
  { "warfarin", NULL, "4", "5", "4 days", "5 days", "sir-2019" },
  { "lmwh_prophylactic", NULL, "0", "1", "0 doses", "1 dose", "sir-2019,src-002" },
  /* §3 says "+ src-002 for … LMWH", §4 cites only sir-2019 for the
   * therapeutic dose: either is accepted. */
  { "lmwh_therapeutic", NULL, "1", "2", "1 dose", "2 doses", "sir-2019,src-002?" },
  { "apixaban", "60", "3", "4", "3 doses", "4 doses", "sir-2019" },
  { "rivaroxaban", "60", "1", "2", "1 dose", "2 doses", "sir-2019" },
  { "dabigatran", "60", "3", "4", "3 doses", "4 doses", "sir-2019" },
  { "edoxaban", "60", "1", "2", "1 dose", "2 doses", "sir-2019,ehra-2021?" },
};

/* DOAC bands at their CrCl edges: the hold needed there, and whether that is
 * below the lowest tabulated band (the longest hold still applies, with
 * rc.doac_renal for specialist advice; 1.0.0 asked for no hold at all). */
typedef struct {
  const char *drug;
  const char *crcl;
  int         needed;
  gboolean    below_table;
} CrclBand;

static const CrclBand crcl_bands[] = {
  { "apixaban", "50", 4, FALSE }, { "apixaban", "49.9", 6, FALSE }, { "apixaban", "30", 6, FALSE },
  { "apixaban", "29.9", 6, TRUE },
  { "rivaroxaban", "30", 2, FALSE }, { "rivaroxaban", "29.9", 3, FALSE }, { "rivaroxaban", "15", 3, FALSE },
  { "rivaroxaban", "14.9", 3, TRUE },
  { "dabigatran", "50", 4, FALSE }, { "dabigatran", "49.9", 6, FALSE }, { "dabigatran", "30", 6, FALSE },
  { "dabigatran", "29.9", 6, TRUE },
  { "edoxaban", "15", 2, FALSE }, { "edoxaban", "14.9", 2, TRUE },
};

/* Patient fields needed always (§2). */
static const char * const always_needed[] = {
  "patient.sex", "history.etiology", "history.pain_nrs", "history.pain_refractory",
  "history.dominant_pain_source", "history.neuro_deficit", "history.radiculopathy",
  "history.unstable", "history.infection_systemic", "history.infection_local",
  "history.osteomyelitis", "history.bleeding_disorder", "history.allergy_pmma",
  "history.unfit_for_sedation", "labs.inr", "labs.platelets", NULL,
};

/* Yes/no questions that trigger a finding, with their near misses. */
typedef struct {
  const char      *path;
  const char      *id;
  const char      *trigger;   /* "true" or "false" */
  VertebroVerdict  verdict;
  gboolean         needed;
  const char      *extra;     /* one more expectation when it applies */
} AnswerRule;

static const AnswerRule answer_rules[] = {
  { "history.infection_systemic", "ci.infection_systemic", "true", CI, TRUE, NULL },
  { "history.infection_local", "ci.infection_local", "true", CI, TRUE, NULL },
  { "history.osteomyelitis", "ci.osteomyelitis", "true", CI, TRUE, NULL },
  { "history.bleeding_disorder", "ci.bleeding_disorder", "true", CI, TRUE, NULL },
  { "history.neuro_deficit", "ci.neuro_deficit", "true", CI, TRUE, "remedy:ci.neuro_deficit~surgical assessment" },
  { "history.unstable", "ci.unstable", "true", CI, TRUE, "remedy:ci.unstable~spinal surg" },
  { "history.allergy_pmma", "ci.allergy_pmma", "true", CI, TRUE, NULL },
  { "history.unfit_for_sedation", "ci.unfit_for_sedation", "true", CI, TRUE, NULL },
  { "history.pain_refractory", "ni.pain_controlled", "false", NI, TRUE, NULL },
  { "history.radiculopathy", "rc.radiculopathy", "true", RV, TRUE, "check:prep.mdt" },
  { "history.allergy_contrast", "caution.contrast_allergy", "true", EL, FALSE, "check:prep.contrast" },
};

/* ---- Generating cases from the tables ---- */

static RuleCase *
new_case (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

static RuleCase *
new_case (const char *format,
          ...)
{
  RuleCase *rc = g_new0 (RuleCase, 1);
  va_list args;

  va_start (args, format);
  rc->name = own (g_strdup_vprintf (format, args));
  va_end (args);
  g_ptr_array_add (owned, rc);
  return rc;
}

static void
add_edit (RuleCase   *rc,
          const char *edit)
{
  guint i = 0;

  while (rc->edits[i] != NULL)
    i++;
  g_assert_cmpuint (i, <, MAX_EDITS - 1);
  rc->edits[i] = edit;
}

static void
add_expect (RuleCase   *rc,
            const char *expect)
{
  guint i = 0;

  while (rc->expect[i] != NULL)
    i++;
  g_assert_cmpuint (i, <, MAX_EXPECT - 1);
  rc->expect[i] = expect;
}

static void
register_case (const RuleCase *rc)
{
  g_autofree char *path = g_strconcat ("/rules/", rc->name, NULL);

  g_test_add_data_func (path, rc, test_case);
}

static void
register_table (const RuleCase *cases,
                gsize           n)
{
  for (gsize i = 0; i < n; i++)
    register_case (&cases[i]);
}

static void
register_answer_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (answer_rules); i++)
    {
      const AnswerRule *r = &answer_rules[i];
      const char *other = g_str_equal (r->trigger, "true") ? "false" : "true";
      RuleCase *rc;

      rc = new_case ("%s/%s", r->id, r->trigger);
      add_edit (rc, own (g_strdup_printf ("%s=%s", r->path, r->trigger)));
      rc->verdict = r->verdict;
      add_expect (rc, own (g_strdup_printf ("finding:%s", r->id)));
      add_expect (rc, "missing=");
      add_expect (rc, r->verdict >= NR ? "qualifying=T12" : "qualifying=");
      add_expect (rc, own (g_strdup_printf ("verdict[0]=%s", vertebro_verdict_to_string (r->verdict))));
      if (r->extra != NULL)
        add_expect (rc, r->extra);
      register_case (rc);

      rc = new_case ("%s/%s", r->id, other);
      add_edit (rc, own (g_strdup_printf ("%s=%s", r->path, other)));
      rc->verdict = EL;
      add_expect (rc, own (g_strdup_printf ("!finding:%s", r->id)));
      add_expect (rc, "missing=");
      register_case (rc);

      rc = new_case ("%s/null", r->id);
      add_edit (rc, own (g_strdup_printf ("%s=null", r->path)));
      rc->verdict = r->needed ? INC : EL;
      add_expect (rc, own (g_strdup_printf ("!finding:%s", r->id)));
      add_expect (rc, r->needed ? own (g_strdup_printf ("missing=%s", r->path)) : "missing=");
      register_case (rc);
    }
}

static void
register_needed (void)
{
  for (guint i = 0; always_needed[i] != NULL; i++)
    {
      RuleCase *rc = new_case ("needed/%s", always_needed[i]);

      add_edit (rc, own (g_strdup_printf ("%s=null", always_needed[i])));
      rc->verdict = INC;
      add_expect (rc, own (g_strdup_printf ("missing:%s", always_needed[i])));
      /* With the sex unknown, whether pregnancy matters is unknown too. */
      if (!g_str_equal (always_needed[i], "patient.sex"))
        add_expect (rc, own (g_strdup_printf ("missing=%s", always_needed[i])));
      add_expect (rc, "qualifying=");
      add_expect (rc, "verdict[0]=incomplete");
      register_case (rc);
    }
}

static void
register_holds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hold_rules); i++)
    {
      const HoldRule *h = &hold_rules[i];
      const char *crcl = h->crcl != NULL ? own (g_strdup_printf ("labs.crcl=%s", h->crcl)) : NULL;
      const char *finding = own (g_strdup_printf ("finding:req.hold.%s", h->drug));
      const char *no_finding = own (g_strdup_printf ("!finding:req.hold.%s", h->drug));
      const char *check = own (g_strdup_printf ("check:prep.hold.%s", h->drug));
      RuleCase *rc;

      /* Held just short of the requirement. */
      rc = new_case ("req.hold.%s/held-%s", h->drug, h->unmet);
      add_edit (rc, own (g_strdup_printf ("drug=%s:%s", h->drug, h->unmet)));
      if (crcl != NULL)
        add_edit (rc, crcl);
      rc->verdict = NR;
      add_expect (rc, finding);
      add_expect (rc, check);
      add_expect (rc, "counsel:after.antithrombotics");
      add_expect (rc, "qualifying=T12");
      add_expect (rc, own (g_strdup_printf ("message:req.hold.%s~%s", h->drug, h->unmet_text)));
      add_expect (rc, own (g_strdup_printf ("message:req.hold.%s~%s", h->drug, h->min_text)));
      add_expect (rc, own (g_strdup_printf ("remedy:req.hold.%s~", h->drug)));
      add_expect (rc, own (g_strdup_printf ("text:prep.hold.%s~%s", h->drug, h->min_text)));
      register_case (rc);

      /* Held exactly as required. */
      rc = new_case ("req.hold.%s/held-%s", h->drug, h->met);
      add_edit (rc, own (g_strdup_printf ("drug=%s:%s", h->drug, h->met)));
      if (crcl != NULL)
        add_edit (rc, crcl);
      rc->verdict = EL;
      add_expect (rc, no_finding);
      add_expect (rc, check);
      add_expect (rc, "counsel:after.antithrombotics");
      add_expect (rc, "missing=");
      register_case (rc);

      /* Not yet planned counts as 0. */
      rc = new_case ("req.hold.%s/held-null", h->drug);
      add_edit (rc, own (g_strdup_printf ("drug=%s:null", h->drug)));
      if (crcl != NULL)
        add_edit (rc, crcl);
      rc->verdict = NR;
      add_expect (rc, finding);
      add_expect (rc, check);
      add_expect (rc, own (g_strdup_printf ("message:req.hold.%s~%s", h->drug, h->min_text)));
      register_case (rc);

      /* The finding's sources. */
      rc = new_case ("sources/req.hold.%s", h->drug);
      add_edit (rc, own (g_strdup_printf ("drug=%s:null", h->drug)));
      if (crcl != NULL)
        add_edit (rc, crcl);
      rc->verdict = ANY;
      add_expect (rc, own (g_strdup_printf ("sources:req.hold.%s=%s", h->drug, h->sources)));
      register_case (rc);
    }

  /* Aspirin has no tabulated hold: never req.hold.aspirin. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const held[] = { "null", "0", "10" };
      RuleCase *rc = new_case ("req.hold.aspirin/held-%s", held[i]);

      add_edit (rc, own (g_strdup_printf ("drug=aspirin:%s", held[i])));
      rc->verdict = EL;
      add_expect (rc, "!finding:req.hold.aspirin");
      add_expect (rc, "finding:caution.aspirin");
      add_expect (rc, "check:prep.hold.aspirin");
      add_expect (rc, "text:prep.hold.aspirin~prescriber");
      register_case (rc);
    }

  /* All eleven together, none held: every tabulated one fires. */
  {
    RuleCase *rc = new_case ("req.hold/all-drugs");

    for (guint i = 0; drug_ids[i] != NULL; i++)
      add_edit (rc, own (g_strdup_printf ("drug=%s:null", drug_ids[i])));
    add_edit (rc, "labs.crcl=60");
    rc->verdict = NR;
    for (guint i = 0; drug_ids[i] != NULL; i++)
      {
        add_expect (rc, own (g_strdup_printf ("%sfinding:req.hold.%s",
                                              g_str_equal (drug_ids[i], "aspirin") ? "!" : "",
                                              drug_ids[i])));
        add_expect (rc, own (g_strdup_printf ("check:prep.hold.%s", drug_ids[i])));
      }
    register_case (rc);
  }
}

static void
register_crcl_bands (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (crcl_bands); i++)
    {
      const CrclBand *b = &crcl_bands[i];
      const char *crcl = own (g_strdup_printf ("labs.crcl=%s", b->crcl));
      RuleCase *rc;

      rc = new_case ("crcl-band/%s/%s/held-%d", b->drug, b->crcl, b->needed);
      add_edit (rc, own (g_strdup_printf ("drug=%s:%d", b->drug, b->needed)));
      add_edit (rc, crcl);
      rc->verdict = b->below_table ? RV : EL;
      add_expect (rc, own (g_strdup_printf ("!finding:req.hold.%s", b->drug)));
      add_expect (rc, b->below_table ? "finding:rc.doac_renal" : "!finding:rc.doac_renal");
      add_expect (rc, own (g_strdup_printf ("check:prep.hold.%s", b->drug)));
      add_expect (rc, own (g_strdup_printf ("text:prep.hold.%s~%d doses", b->drug, b->needed)));
      add_expect (rc, own (g_strdup_printf ("crcl=%s", b->crcl)));
      register_case (rc);

      rc = new_case ("crcl-band/%s/%s/held-%d", b->drug, b->crcl, b->needed - 1);
      add_edit (rc, own (g_strdup_printf ("drug=%s:%d", b->drug, b->needed - 1)));
      add_edit (rc, crcl);
      rc->verdict = NR;
      add_expect (rc, own (g_strdup_printf ("finding:req.hold.%s", b->drug)));
      add_expect (rc, own (g_strdup_printf ("message:req.hold.%s~%d doses", b->drug, b->needed)));
      add_expect (rc, b->below_table ? "finding:rc.doac_renal" : "!finding:rc.doac_renal");
      add_expect (rc, own (g_strdup_printf ("check:prep.hold.%s", b->drug)));
      register_case (rc);
    }
}

static void
register_precedence (void)
{
  guint n = G_N_ELEMENTS (triggers);

  for (guint i = 0; i < n; i++)
    {
      RuleCase *rc = new_case ("precedence/%s+eligible", triggers[i].name);

      add_edit (rc, triggers[i].edit);
      rc->verdict = triggers[i].verdict;
      add_expect (rc, triggers[i].expect);
      register_case (rc);

      for (guint j = i + 1; j < n; j++)
        {
          rc = new_case ("precedence/%s+%s", triggers[i].name, triggers[j].name);
          add_edit (rc, triggers[i].edit);
          add_edit (rc, triggers[j].edit);
          rc->verdict = MIN (triggers[i].verdict, triggers[j].verdict);
          /* Both are reported, whichever wins. */
          add_expect (rc, triggers[i].expect);
          add_expect (rc, triggers[j].expect);
          register_case (rc);
        }
    }

  {
    RuleCase *rc = new_case ("precedence/all");

    for (guint i = 0; i < n; i++)
      {
        add_edit (rc, triggers[i].edit);
        add_expect (rc, triggers[i].expect);
      }
    rc->verdict = CI;
    register_case (rc);
  }
}

static void
register_sources (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (spec_findings); i++)
    {
      const SpecFinding *f = &spec_findings[i];
      g_autofree char *sources = g_strjoinv (",", (char **) f->sources);
      RuleCase *rc = new_case ("sources/%s", f->id);

      for (guint j = 0; j < G_N_ELEMENTS (f->trigger) && f->trigger[j] != NULL; j++)
        add_edit (rc, f->trigger[j]);
      rc->verdict = ANY;
      add_expect (rc, own (g_strdup_printf ("sources:%s=%s", f->id, sources)));
      register_case (rc);
    }
}

static void
register_always (void)
{
  /* Items shown always: also for a contraindicated patient with no level,
   * no labs and a non-osteoporotic etiology. */
  static const char * const worst[] = {
    "history.neuro_deficit=true", "levels=", "labs.inr=null", "history.etiology=other",
  };

  for (guint k = 0; k < 2; k++)
    {
      const char * const *ids = k == 0 ? always_checklist : always_counsel;

      for (guint i = 0; ids[i] != NULL; i++)
        {
          RuleCase *rc = new_case ("%s/always", ids[i]);

          for (guint j = 0; j < G_N_ELEMENTS (worst); j++)
            add_edit (rc, worst[j]);
          rc->verdict = CI;
          add_expect (rc, own (g_strdup_printf ("%s:%s", k == 0 ? "check" : "counsel", ids[i])));
          register_case (rc);
        }
    }
}

/* ---- Hand-written tests ---- */

static void
test_baseline (void)
{
  g_autoptr(VertebroPatient) patient = baseline_patient ();
  g_autoptr(VertebroAssessment) a = evaluate (patient);
  GPtrArray *findings = vertebro_assessment_get_findings (a);
  const char * const *missing = vertebro_assessment_get_missing (a);

  g_assert_cmpstr (vertebro_verdict_to_string (vertebro_assessment_get_verdict (a)), ==, "eligible");
  g_assert_nonnull (missing);
  g_assert_null (missing[0]);
  for (guint i = 0; i < findings->len; i++)
    {
      const VertebroItem *item = g_ptr_array_index (findings, i);

      if (vertebro_item_get_severity (item) <= VERTEBRO_SEVERITY_RELATIVE)
        fail ("baseline has finding %s (%s)", vertebro_item_get_id (item),
              vertebro_severity_to_string (vertebro_item_get_severity (item)));
    }
  check_invariants (a);
}

/* A patient with much going on, for the determinism tests. */
static VertebroPatient *
busy_patient (void)
{
  static const char * const edits[] = {
    "assessment.planned_date=2026-11-28", "assessment.procedure=kyphoplasty", "patient.weight_kg=61",
    "labs.creatinine_umol_l=80", "history.etiology=myeloma", "history.epidural_disease=true",
    "history.hypervascular=true", "levels=T3,T12,L1", "levels[1].posterior_wall=retropulsed",
    "levels[2].collapse_percent=null", "drug=apixaban:4", "drug=clopidogrel:null", NULL,
  };

  return make_patient (edits);
}

/* ---- The hint under a field (vertebro_assessment_dup_field_hint) ---- */

typedef struct {
  const char *name;
  const char *edits[MAX_EDITS];
  const char *path;
  const char *hint;   /* a part of the hint, or NULL: no hint */
} HintCase;

static const HintCase hint_cases[] = {
  { "inr-requirement", { "labs.inr=1.7", NULL }, "labs.inr", "INR 1.7 is at or above" },
  { "inr-fine", { "labs.inr=1.1", NULL }, "labs.inr", NULL },
  { "platelets-requirement", { "labs.platelets=20000", NULL }, "labs.platelets", "below the minimum" },
  { "level-field", { "levels=T12", "levels[0].acuity=healed", NULL }, "levels[0].acuity", "" },
  { "unrelated-field", { "labs.inr=1.7", NULL }, "patient.name", NULL },
};

/* A finding is part of a field's hint exactly when it looked at the field
 * and is a caution or more severe: information is never a hint. */
static void
check_hints_by_severity (VertebroAssessment *a)
{
  GPtrArray *findings = vertebro_assessment_get_findings (a);

  for (guint i = 0; i < findings->len; i++)
    {
      const VertebroItem *item = g_ptr_array_index (findings, i);
      const char * const *fields = vertebro_item_get_fields (item);
      g_autofree char *text = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);

      for (guint f = 0; fields[f] != NULL; f++)
        {
          g_autofree char *hint = vertebro_assessment_dup_field_hint (a, fields[f]);
          gboolean shown = hint != NULL && strstr (hint, text) != NULL;

          if (shown != (vertebro_item_get_severity (item) <= VERTEBRO_SEVERITY_CAUTION))
            fail ("finding %s (%s) %s in the hint of %s", vertebro_item_get_id (item),
                  vertebro_severity_to_string (vertebro_item_get_severity (item)),
                  shown ? "is" : "is not", fields[f]);
        }
    }
}

static void
test_field_hint (gconstpointer data)
{
  const HintCase *hc = data;
  g_autoptr(VertebroPatient) patient = make_patient (hc->edits);
  g_autoptr(VertebroAssessment) a = evaluate (patient);
  g_autofree char *hint = vertebro_assessment_dup_field_hint (a, hc->path);

  if (hc->hint == NULL)
    g_assert_null (hint);
  else
    {
      g_assert_nonnull (hint);
      g_assert_nonnull (strstr (hint, hc->hint));
    }
  check_hints_by_severity (a);
}

static void
test_field_hint_severity (void)
{
  g_autoptr(VertebroPatient) patient = busy_patient ();
  g_autoptr(VertebroAssessment) a = evaluate (patient);

  check_hints_by_severity (a);
}

/* ---- Questions the form shows only when needed (vertebro_layout_field_is_shown) ---- */

typedef struct {
  const char *name;
  const char *edits[MAX_EDITS];
  const char *path;
  gboolean    shown;
} ShownCase;

static const ShownCase shown_cases[] = {
  { "pregnant/female-78-hidden", { NULL }, "patient.pregnant", FALSE },
  { "pregnant/other-30-shown", { "patient.sex=other", "patient.birth_date=1996-01-15", NULL }, "patient.pregnant", TRUE },
  /* A recorded pregnancy is never hidden, needed or not. */
  { "pregnant/male-yes-kept", { "patient.sex=male", "patient.pregnant=true", NULL }, "patient.pregnant", TRUE },
  { "pregnant/male-no-hidden", { "patient.sex=male", "patient.pregnant=false", NULL }, "patient.pregnant", FALSE },
  /* Only an answer yes stays: a number is hidden with its question (and kept). */
  { "crcl/not-needed-hidden", { "labs.crcl=60", NULL }, "labs.crcl", FALSE },
  { "crcl/apixaban-shown", { "drug=apixaban:4", NULL }, "labs.crcl", TRUE },
  { "creatinine/apixaban-shown", { "drug=apixaban:4", NULL }, "labs.creatinine_umol_l", TRUE },
  { "creatinine/not-needed-hidden", { NULL }, "labs.creatinine_umol_l", FALSE },
  { "inr/always-shown", { NULL }, "labs.inr", TRUE },
};

static const VertebroLayoutField *
layout_field (const char *path)
{
  guint n_sections;
  const VertebroLayoutSection *sections = vertebro_layout_get_sections (&n_sections);

  for (guint s = 0; s < n_sections; s++)
    for (const VertebroLayoutField *f = sections[s].fields; f != NULL && f->path != NULL; f++)
      if (g_str_equal (f->path, path))
        return f;
  return NULL;
}

static void
test_field_shown (gconstpointer data)
{
  const ShownCase *sc = data;
  g_autoptr(VertebroPatient) patient = make_patient (sc->edits);
  g_autoptr(VertebroAssessment) a = evaluate (patient);
  const VertebroLayoutField *field = layout_field (sc->path);

  g_assert_nonnull (field);
  g_assert_cmpint (vertebro_layout_field_is_shown (field, patient, a), ==, sc->shown);
}

static void
test_determinism_twice (void)
{
  g_autoptr(VertebroPatient) patient = busy_patient ();
  g_autoptr(VertebroAssessment) a = evaluate (patient);
  g_autoptr(VertebroAssessment) b = evaluate (patient);
  g_autofree char *ja = vertebro_assessment_to_json (a);
  g_autofree char *jb = vertebro_assessment_to_json (b);

  g_assert_cmpstr (ja, ==, jb);
  check_invariants (a);
}

static void
test_determinism_fresh_patient (void)
{
  g_autoptr(VertebroPatient) p1 = busy_patient ();
  g_autoptr(VertebroPatient) p2 = busy_patient ();
  g_autoptr(VertebroAssessment) a = evaluate (p1);
  g_autoptr(VertebroAssessment) b = evaluate (p2);
  g_autofree char *ja = vertebro_assessment_to_json (a);
  g_autofree char *jb = vertebro_assessment_to_json (b);

  g_assert_cmpstr (ja, ==, jb);
}

static void
test_determinism_reloaded (void)
{
  g_autoptr(VertebroPatient) patient = busy_patient ();
  g_autofree char *data = vertebro_patient_to_data (patient);
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) reloaded = vertebro_patient_new_from_data (data, strlen (data), &error);
  g_autoptr(VertebroAssessment) a = NULL;
  g_autoptr(VertebroAssessment) b = NULL;
  g_autofree char *ja = NULL;
  g_autofree char *jb = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (reloaded);
  a = evaluate (patient);
  b = evaluate (reloaded);
  ja = vertebro_assessment_to_json (a);
  jb = vertebro_assessment_to_json (b);
  g_assert_cmpstr (ja, ==, jb);
}

/* With an assessment date, "today" does not matter. */
static void
test_determinism_today (void)
{
  g_autoptr(VertebroPatient) patient = busy_patient ();
  g_autoptr(GDate) other = g_date_new_dmy (1, G_DATE_JANUARY, 2001);
  g_autoptr(VertebroAssessment) a = evaluate (patient);
  g_autoptr(VertebroAssessment) b = vertebro_evaluate (rules, patient, other);
  g_autofree char *ja = vertebro_assessment_to_json (a);
  g_autofree char *jb = vertebro_assessment_to_json (b);

  g_assert_cmpstr (ja, ==, jb);
}

/* The JSON output says the same as the accessors. */
static void
test_json (void)
{
  g_autoptr(VertebroPatient) patient = busy_patient ();
  g_autoptr(VertebroAssessment) a = evaluate (patient);
  g_autofree char *json = vertebro_assessment_to_json (a);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *derived;
  JsonArray *levels, *missing;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==,
                   vertebro_verdict_to_string (vertebro_assessment_get_verdict (a)));

  levels = json_object_get_array_member (root, "levels");
  g_assert_cmpuint (json_array_get_length (levels), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *level = json_array_get_object_element (levels, i);

      g_assert_cmpstr (json_object_get_string_member (level, "level"), ==,
                       vertebro_assessment_get_level_name (a, i));
      g_assert_cmpstr (json_object_get_string_member (level, "verdict"), ==,
                       vertebro_verdict_to_string (vertebro_assessment_get_level_verdict (a, i)));
    }
  /* Collapse not assessed at L1: grade null in JSON, -1 in C. */
  g_assert_cmpint (vertebro_assessment_get_level_genant (a, 2), ==, -1);
  g_assert_true (json_object_has_member (json_array_get_object_element (levels, 2), "genant_grade"));
  g_assert_true (json_object_get_null_member (json_array_get_object_element (levels, 2), "genant_grade"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (levels, 0), "genant_grade"), ==, 2);

  missing = json_object_get_array_member (root, "missing");
  g_assert_cmpuint (json_array_get_length (missing), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (missing, 0), ==, "levels[2].collapse_percent");

  derived = json_object_get_object_member (root, "derived");
  g_assert_cmpint (json_object_get_int_member (derived, "age"), ==, 78);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (derived, "crcl"), 49.3, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  rules = vertebro_ruleset_new_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (rules);
  /* Never used when the patient has an assessment date, as every case does. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JUNE, 2030);
  owned = g_ptr_array_new_with_free_func (g_free);

  g_test_add_func ("/rules/baseline/no-relative-or-worse", test_baseline);
  register_table (finding_cases, G_N_ELEMENTS (finding_cases));
  register_answer_rules ();
  register_holds ();
  register_crcl_bands ();
  register_table (needed_cases, G_N_ELEMENTS (needed_cases));
  register_needed ();
  register_table (level_cases, G_N_ELEMENTS (level_cases));
  register_precedence ();
  register_table (due_cases, G_N_ELEMENTS (due_cases));
  register_table (crcl_cases, G_N_ELEMENTS (crcl_cases));
  register_table (v2_cases, G_N_ELEMENTS (v2_cases));
  register_sources ();
  register_always ();
  for (guint i = 0; i < G_N_ELEMENTS (hint_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/rules/field-hint/%s", hint_cases[i].name);

      g_test_add_data_func (path, &hint_cases[i], test_field_hint);
    }
  g_test_add_func ("/rules/field-hint/by-severity", test_field_hint_severity);
  for (guint i = 0; i < G_N_ELEMENTS (shown_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/rules/form-shows/%s", shown_cases[i].name);

      g_test_add_data_func (path, &shown_cases[i], test_field_shown);
    }
  g_test_add_func ("/rules/determinism/twice", test_determinism_twice);
  g_test_add_func ("/rules/determinism/fresh-patient", test_determinism_fresh_patient);
  g_test_add_func ("/rules/determinism/reloaded", test_determinism_reloaded);
  g_test_add_func ("/rules/determinism/today-unused", test_determinism_today);
  g_test_add_func ("/rules/determinism/json", test_json);

  status = g_test_run ();

  g_ptr_array_unref (owned);
  g_object_unref (rules);
  return status;
}
