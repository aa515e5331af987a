/* vertebro-assessment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The assessment and its items are refcounted boxed types, immutable once
 * the evaluator has returned them, so a window, a PDF and a print job can
 * share one without copying.
 */

#define G_LOG_DOMAIN "vertebro-assessment"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-assessment-private.h"
#include "vertebro-fields.h"
#include "vertebro-json.h"
#include "vertebro-text.h"

G_DEFINE_BOXED_TYPE (VertebroItem, vertebro_item, vertebro_item_ref, vertebro_item_unref)
G_DEFINE_BOXED_TYPE (VertebroAssessment, vertebro_assessment, vertebro_assessment_ref, vertebro_assessment_unref)

VertebroItem *
vertebro_item_new (const char *id)
{
  VertebroItem *self = g_new0 (VertebroItem, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->id = g_strdup (id);
  self->level_index = -1;
  return self;
}

VertebroItem *
vertebro_item_ref (VertebroItem *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
vertebro_item_unref (VertebroItem *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->level);
  g_free (self->drug);
  vertebro_text_free (self->text);
  vertebro_text_free (self->remedy);
  g_strfreev (self->sources);
  g_strfreev (self->fields);
  g_free (self);
}

const char *
vertebro_item_get_id (const VertebroItem *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

VertebroSeverity
vertebro_item_get_severity (const VertebroItem *self)
{
  g_return_val_if_fail (self != NULL, VERTEBRO_SEVERITY_INFO);
  return self->severity;
}

const char *
vertebro_item_get_level (const VertebroItem *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->level;
}

/**
 * vertebro_item_get_level_index:
 * @self: a finding
 *
 * Returns: the position in levels[] of the level the finding is about (its
 *   vertebra may not be chosen yet), or -1 for a patient-wide finding
 */
int
vertebro_item_get_level_index (const VertebroItem *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->level_index;
}

/**
 * vertebro_item_get_drug:
 * @self: a finding or checklist item
 *
 * Returns: (nullable): the id of the antithrombotic the item is about, or for
 *   an "other" antithrombotic the name entered for it; %NULL otherwise
 */
const char *
vertebro_item_get_drug (const VertebroItem *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->drug;
}

char *
vertebro_item_dup_text (const VertebroItem *self,
                        VertebroTextStyle   style)
{
  g_return_val_if_fail (self != NULL, NULL);
  return vertebro_text_render (self->text, style);
}

char *
vertebro_item_dup_remedy (const VertebroItem *self,
                          VertebroTextStyle   style)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->remedy != NULL ? vertebro_text_render (self->remedy, style) : NULL;
}

const char * const *
vertebro_item_get_sources (const VertebroItem *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->sources;
}

const char * const *
vertebro_item_get_fields (const VertebroItem *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (self != NULL, NULL);
  return self->fields != NULL ? (const char * const *) self->fields : none;
}

const GDate *
vertebro_item_get_due (const VertebroItem *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->has_due ? &self->due : NULL;
}

gboolean
vertebro_item_get_done (const VertebroItem *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->done;
}

static void
level_result_clear (VertebroLevelResult *result)
{
  g_free (result->name);
}

VertebroAssessment *
vertebro_assessment_new (void)
{
  VertebroAssessment *self = g_new0 (VertebroAssessment, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->levels = g_array_new (FALSE, TRUE, sizeof (VertebroLevelResult));
  g_array_set_clear_func (self->levels, (GDestroyNotify) level_result_clear);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_item_unref);
  self->checklist = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_item_unref);
  self->counsel = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_item_unref);
  return self;
}

VertebroAssessment *
vertebro_assessment_ref (VertebroAssessment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
vertebro_assessment_unref (VertebroAssessment *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_strfreev (self->qualifying);
  g_array_unref (self->levels);
  g_ptr_array_unref (self->findings);
  g_strfreev (self->missing);
  g_strfreev (self->needed);
  g_ptr_array_unref (self->checklist);
  g_ptr_array_unref (self->counsel);
  g_free (self->ruleset_id);
  g_free (self->ruleset_version);
  g_free (self->ruleset_sha256);
  g_clear_pointer (&self->decision, json_object_unref);
  g_clear_pointer (&self->since_last, json_object_unref);
  g_free (self);
}

VertebroVerdict
vertebro_assessment_get_verdict (const VertebroAssessment *self)
{
  g_return_val_if_fail (self != NULL, VERTEBRO_VERDICT_INCOMPLETE);
  return self->verdict;
}

const char * const *
vertebro_assessment_get_qualifying_levels (const VertebroAssessment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->qualifying;
}

guint
vertebro_assessment_get_n_levels (const VertebroAssessment *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->levels->len;
}

const char *
vertebro_assessment_get_level_name (const VertebroAssessment *self,
                                    guint                     index)
{
  g_return_val_if_fail (self != NULL && index < self->levels->len, NULL);
  return g_array_index (self->levels, VertebroLevelResult, index).name;
}

/**
 * vertebro_assessment_dup_level_label:
 * @self: an assessment
 * @index: a level's position
 *
 * Returns: (transfer full): the level's vertebra ("T12"), or while none is
 *   chosen "Level N" (1-based) in the user's language
 */
char *
vertebro_assessment_dup_level_label (const VertebroAssessment *self,
                                     guint                     index)
{
  const char *name = vertebro_assessment_get_level_name (self, index);

  return name != NULL ? g_strdup (name) : vertebro_format_unchosen_level (index, VERTEBRO_TEXT_LOCALIZED);
}

/**
 * vertebro_assessment_dup_field_label:
 * @self: an assessment
 * @path: a field path as the assessment reports it ("labs.inr",
 *   "levels[0].acuity", "levels", "antithrombotics")
 *
 * The one place that names a field for people: the window, the PDF and the
 * command line all say "T11: Acuity", or "Level 1: Acuity" while the level's
 * vertebra is not chosen.
 *
 * Returns: (transfer full): the field's label in the user's language, or
 *   @path itself when it names no field
 */
char *
vertebro_assessment_dup_field_label (const VertebroAssessment *self,
                                     const char               *path)
{
  const VertebroField *field;
  const char *dot;

  g_return_val_if_fail (self != NULL && path != NULL, NULL);

  field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, path);
  if (field != NULL)
    return g_strdup (_(field->label));
  if (g_str_equal (path, "levels"))
    return g_strdup (_("At least one fractured level"));
  if (g_str_equal (path, "antithrombotics"))
    return g_strdup (_("The antithrombotics taken"));
  if (g_str_has_prefix (path, "levels[") && (dot = strchr (path, '.')) != NULL)
    {
      g_autofree char *level_path = g_strconcat ("level", dot, NULL);
      guint index = (guint) g_ascii_strtoull (path + strlen ("levels["), NULL, 10);

      field = vertebro_fields_lookup (VERTEBRO_RECORD_LEVEL, level_path);
      if (field != NULL && index < self->levels->len)
        {
          g_autofree char *level = vertebro_assessment_dup_level_label (self, index);

          /* Translators: a level and one of its fields, as in "L1: Acuity". */
          return g_strdup_printf (_("%s: %s"), level, _(field->label));
        }
    }
  return g_strdup (path);
}

VertebroVerdict
vertebro_assessment_get_level_verdict (const VertebroAssessment *self,
                                       guint                     index)
{
  g_return_val_if_fail (self != NULL && index < self->levels->len, VERTEBRO_VERDICT_INCOMPLETE);
  return g_array_index (self->levels, VertebroLevelResult, index).verdict;
}

int
vertebro_assessment_get_level_genant (const VertebroAssessment *self,
                                      guint                     index)
{
  g_return_val_if_fail (self != NULL && index < self->levels->len, -1);
  return g_array_index (self->levels, VertebroLevelResult, index).genant;
}

GPtrArray *
vertebro_assessment_get_findings (const VertebroAssessment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->findings;
}

const char * const *
vertebro_assessment_get_missing (const VertebroAssessment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->missing;
}

GPtrArray *
vertebro_assessment_get_checklist (const VertebroAssessment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->checklist;
}

GPtrArray *
vertebro_assessment_get_counsel (const VertebroAssessment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->counsel;
}

gboolean
vertebro_assessment_get_age (const VertebroAssessment *self,
                             int                      *age)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (self->has_age && age != NULL)
    *age = self->age;
  return self->has_age;
}

gboolean
vertebro_assessment_get_crcl (const VertebroAssessment *self,
                              double                   *crcl)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (self->has_crcl && crcl != NULL)
    *crcl = self->crcl;
  return self->has_crcl;
}

/**
 * vertebro_assessment_get_weeks_since_onset:
 * @self: an assessment
 * @weeks: (out) (optional): whole weeks from the pain's onset to the
 *   assessment date
 *
 * Returns: whether the onset of the pain is known
 */
gboolean
vertebro_assessment_get_weeks_since_onset (const VertebroAssessment *self,
                                           int                      *weeks)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (self->has_weeks_since_onset && weeks != NULL)
    *weeks = self->weeks_since_onset;
  return self->has_weeks_since_onset;
}

/**
 * vertebro_assessment_get_decision:
 * @self: an assessment
 * @against: (out) (optional): whether the decision is against this assessment
 * @stale: (out) (optional): whether the verdict changed since it was recorded
 *
 * Returns: (transfer none) (nullable): the patient file's decision
 */
JsonObject *
vertebro_assessment_get_decision (const VertebroAssessment *self,
                                  gboolean                 *against,
                                  gboolean                 *stale)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (against != NULL)
    *against = self->decision_against;
  if (stale != NULL)
    *stale = self->decision_stale;
  return self->decision;
}

/**
 * vertebro_assessment_get_audit:
 * @self: an assessment
 * @entries: (out) (optional): how many entries the trail has
 * @intact: (out) (optional): whether its chain verifies
 * @since_last: (out) (optional) (transfer none) (nullable): what changed since
 *   its last entry (verdict, findings, missing fields, rule set)
 *
 * Returns: whether the patient file has an audit trail
 */
gboolean
vertebro_assessment_get_audit (const VertebroAssessment  *self,
                               guint                     *entries,
                               gboolean                  *intact,
                               JsonObject               **since_last)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (entries != NULL)
    *entries = self->audit_entries;
  if (intact != NULL)
    *intact = self->audit_intact;
  if (since_last != NULL)
    *since_last = self->since_last;
  return self->has_audit;
}

/**
 * vertebro_assessment_get_progress:
 * @self: an assessment
 * @answered: (out): how many needed answers are given
 * @needed: (out): how many answers the assessment needs now
 *
 * How far along an incomplete assessment is ("14 of 19 needed answers").
 * Both counts change as answers make other questions needed.
 */
void
vertebro_assessment_get_progress (const VertebroAssessment *self,
                                  guint                    *answered,
                                  guint                    *needed)
{
  guint missing;

  g_return_if_fail (self != NULL);
  missing = g_strv_length (self->missing);
  *needed = MAX (self->n_needed, missing);
  *answered = *needed - missing;
}

gboolean
vertebro_assessment_has_finding (const VertebroAssessment *self,
                                 const char               *id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  for (guint i = 0; i < self->findings->len; i++)
    if (g_str_equal (((VertebroItem *) g_ptr_array_index (self->findings, i))->id, id))
      return TRUE;
  return FALSE;
}

/**
 * vertebro_assessment_dup_field_hint:
 * @self: an assessment
 * @path: a field path as findings name it ("labs.inr", "levels[0].collapse_percent")
 *
 * The hint shown under a field: the texts of the findings that looked at it
 * and would change a verdict (a caution or anything more severe), joined in
 * the order of the findings. An information-only finding is no hint: it
 * changes nothing, and the field's own derived value is shown instead.
 *
 * Returns: (transfer full) (nullable): the localized hint, or %NULL
 */
char *
vertebro_assessment_dup_field_hint (const VertebroAssessment *self,
                                    const char               *path)
{
  g_autoptr(GString) hint = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; i < self->findings->len; i++)
    {
      VertebroItem *item = g_ptr_array_index (self->findings, i);
      g_autofree char *text = NULL;

      if (vertebro_item_get_severity (item) > VERTEBRO_SEVERITY_CAUTION ||
          !g_strv_contains (vertebro_item_get_fields (item), path))
        continue;
      text = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
      if (hint == NULL)
        hint = g_string_new (text);
      else
        g_string_append_printf (hint, " %s", text);
    }
  return hint != NULL ? g_string_free (g_steal_pointer (&hint), FALSE) : NULL;
}

gboolean
vertebro_assessment_is_needed (const VertebroAssessment *self,
                               const char               *path)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->needed != NULL && g_strv_contains ((const char * const *) self->needed, path);
}

const char *
vertebro_assessment_get_ruleset_id (const VertebroAssessment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->ruleset_id;
}

const char *
vertebro_assessment_get_ruleset_version (const VertebroAssessment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->ruleset_version;
}

const char *
vertebro_assessment_get_ruleset_sha256 (const VertebroAssessment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->ruleset_sha256;
}

static JsonNode *
string_or_null (const char *text)
{
  JsonNode *node = json_node_new (text != NULL ? JSON_NODE_VALUE : JSON_NODE_NULL);

  if (text != NULL)
    json_node_set_string (node, text);
  return node;
}

static JsonNode *
take_string_or_null (char *text)
{
  JsonNode *node = string_or_null (text);

  g_free (text);
  return node;
}

static JsonArray *
string_array (const char * const *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    json_array_add_string_element (array, strings[i]);
  return array;
}

static JsonNode *
due_node (const VertebroItem *item)
{
  return item->has_due ? take_string_or_null (vertebro_format_date (&item->due, VERTEBRO_TEXT_PORTABLE))
                       : json_node_new (JSON_NODE_NULL);
}

/**
 * vertebro_assessment_to_json:
 * @self: an assessment
 *
 * Returns: (transfer full): the assessment in the JSON contract, pretty
 *   printed, ending with a newline
 */
char *
vertebro_assessment_to_json (const VertebroAssessment *self)
{
  g_autoptr(JsonNode) root_node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *root = json_object_new ();
  JsonObject *object;
  JsonArray *array;

  g_return_val_if_fail (self != NULL, NULL);

  json_node_take_object (root_node, root);
  json_object_set_string_member (root, "verdict", vertebro_verdict_to_string (self->verdict));

  array = json_array_new ();
  for (guint i = 0; i < self->levels->len; i++)
    {
      const VertebroLevelResult *level = &g_array_index (self->levels, VertebroLevelResult, i);

      object = json_object_new ();
      json_object_set_member (object, "level", string_or_null (level->name));
      json_object_set_string_member (object, "verdict", vertebro_verdict_to_string (level->verdict));
      if (level->genant >= 0)
        json_object_set_int_member (object, "genant_grade", level->genant);
      else
        json_object_set_null_member (object, "genant_grade");
      json_array_add_object_element (array, object);
    }
  json_object_set_array_member (root, "levels", array);

  array = json_array_new ();
  for (guint i = 0; i < self->findings->len; i++)
    {
      const VertebroItem *item = g_ptr_array_index (self->findings, i);

      object = json_object_new ();
      json_object_set_string_member (object, "id", item->id);
      json_object_set_string_member (object, "severity", vertebro_severity_to_string (item->severity));
      json_object_set_member (object, "level", string_or_null (item->level));
      json_object_set_member (object, "message", take_string_or_null (vertebro_item_dup_text (item, VERTEBRO_TEXT_PORTABLE)));
      json_object_set_member (object, "remedy", take_string_or_null (vertebro_item_dup_remedy (item, VERTEBRO_TEXT_PORTABLE)));
      json_object_set_array_member (object, "sources", string_array ((const char * const *) item->sources));
      json_object_set_member (object, "drug", string_or_null (item->drug));
      json_array_add_object_element (array, object);
    }
  json_object_set_array_member (root, "findings", array);

  json_object_set_array_member (root, "missing", string_array ((const char * const *) self->missing));

  array = json_array_new ();
  for (guint i = 0; i < self->checklist->len; i++)
    {
      const VertebroItem *item = g_ptr_array_index (self->checklist, i);

      object = json_object_new ();
      json_object_set_string_member (object, "id", item->id);
      json_object_set_member (object, "text", take_string_or_null (vertebro_item_dup_text (item, VERTEBRO_TEXT_PORTABLE)));
      json_object_set_member (object, "due", due_node (item));
      json_object_set_boolean_member (object, "done", item->done);
      json_object_set_member (object, "drug", string_or_null (item->drug));
      json_array_add_object_element (array, object);
    }
  json_object_set_array_member (root, "checklist", array);

  array = json_array_new ();
  for (guint i = 0; i < self->counsel->len; i++)
    {
      const VertebroItem *item = g_ptr_array_index (self->counsel, i);

      object = json_object_new ();
      json_object_set_string_member (object, "id", item->id);
      json_object_set_member (object, "text", take_string_or_null (vertebro_item_dup_text (item, VERTEBRO_TEXT_PORTABLE)));
      json_array_add_object_element (array, object);
    }
  json_object_set_array_member (root, "counsel", array);

  object = json_object_new ();
  json_object_set_string_member (object, "id", self->ruleset_id);
  json_object_set_string_member (object, "version", self->ruleset_version);
  json_object_set_string_member (object, "sha256", self->ruleset_sha256);
  json_object_set_object_member (root, "ruleset", object);

  object = json_object_new ();
  if (self->has_age)
    json_object_set_int_member (object, "age", self->age);
  else
    json_object_set_null_member (object, "age");
  if (self->has_crcl)
    json_object_set_double_member (object, "crcl", self->crcl);
  else
    json_object_set_null_member (object, "crcl");
  if (self->has_weeks_since_onset)
    json_object_set_int_member (object, "weeks_since_onset", self->weeks_since_onset);
  else
    json_object_set_null_member (object, "weeks_since_onset");
  json_object_set_object_member (root, "derived", object);

  if (self->decision != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      object = json_object_new ();
      json_object_iter_init_ordered (&iter, self->decision);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        json_object_set_member (object, name, json_node_copy (node));
      json_object_set_boolean_member (object, "against_assessment", self->decision_against);
      json_object_set_boolean_member (object, "stale", self->decision_stale);
      json_object_set_object_member (root, "decision", object);
    }
  else
    json_object_set_null_member (root, "decision");

  if (self->has_audit)
    {
      object = json_object_new ();
      json_object_set_int_member (object, "entries", self->audit_entries);
      json_object_set_boolean_member (object, "intact", self->audit_intact);
      if (self->since_last != NULL)
        json_object_set_object_member (object, "since_last", json_object_ref (self->since_last));
      else
        json_object_set_null_member (object, "since_last");
      json_object_set_object_member (root, "audit", object);
    }
  else
    json_object_set_null_member (root, "audit");

  return vertebro_json_to_string (root_node, TRUE);
}
