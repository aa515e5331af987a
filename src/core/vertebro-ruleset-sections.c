/* vertebro-ruleset-sections.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the sections of a rule set (sources, thresholds, genant,
 * definitions, needed, findings, antithrombotics, checklist, counsel) into
 * a VertebroRuleset, validating every member. The format is described at
 * the top of vertebro-condition.c; the conditions and texts are compiled
 * there, the small readers are in vertebro-ruleset-read.c.
 */

#define G_LOG_DOMAIN "vertebro-ruleset"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-ruleset-read.h"
#include "vertebro-ruleset-sections.h"

#define fail vertebro_ruleset_fail


static gboolean
load_sources (VertebroRuleset  *self,
              JsonObject       *root,
              GError          **error)
{
  static const char * const allowed[] = { "id", "citation", "doi", "kind", "cite_alone", NULL };
  static const char * const required[] = { "id", "citation", NULL };
  JsonArray *array = vertebro_ruleset_read_array (root, "sources", error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("sources[%u]", i);
      g_autofree char *id = NULL;
      g_autofree char *citation = NULL;
      g_autofree char *doi = NULL;
      g_autofree char *kind = NULL;
      JsonObject *object = vertebro_ruleset_element_object (array, i, path, error);

      if (object == NULL ||
          !vertebro_ruleset_check_members (object, path, allowed, required, error) ||
          !vertebro_ruleset_read_id (object, path, NULL, FALSE, &id, error) ||
          !vertebro_ruleset_read_string (object, "citation", path, FALSE, &citation, error) ||
          (json_object_has_member (object, "doi") &&
           !vertebro_ruleset_read_string (object, "doi", path, FALSE, &doi, error)) ||
          (json_object_has_member (object, "kind") &&
           !vertebro_ruleset_read_string (object, "kind", path, FALSE, &kind, error)))
        return FALSE;
      /* A DOI is "10.prefix/suffix"; the window and the PDF make it a link. */
      if (doi != NULL && (!g_str_has_prefix (doi, "10.") || strchr (doi, '/') == NULL || strpbrk (doi, " \t\n\"<>") != NULL))
        {
          g_autofree char *sub = vertebro_ruleset_join_path (path, "doi");
          /* Translators: a rule-set error; keep “10.”, how every DOI begins. */
          return fail (error, sub, _("must be a DOI such as 10.1000/xyz123"));
        }
      if (kind != NULL && !g_str_equal (kind, "literature") && !g_str_equal (kind, "document"))
        {
          g_autofree char *sub = vertebro_ruleset_join_path (path, "kind");
          return fail (error, sub, _("must be \"literature\" or \"document\""));
        }
      if (json_object_has_member (object, "cite_alone"))
        {
          JsonNode *alone = json_object_get_member (object, "cite_alone");

          if (JSON_NODE_TYPE (alone) != JSON_NODE_VALUE || json_node_get_value_type (alone) != G_TYPE_BOOLEAN)
            {
              g_autofree char *sub = vertebro_ruleset_join_path (path, "cite_alone");
              return fail (error, sub, _("must be true or false"));
            }
          if (!json_node_get_boolean (alone))
            g_hash_table_add (self->not_alone, g_strdup (id));
        }
      if (doi != NULL)
        g_hash_table_insert (self->dois, g_strdup (id), g_steal_pointer (&doi));
      if (kind != NULL && g_str_equal (kind, "document"))
        g_hash_table_add (self->documents, g_strdup (id));
      if (g_hash_table_contains (self->citations, id))
        {
          g_autofree char *sub = vertebro_ruleset_join_path (path, "id");
          /* Translators: a rule-set error; %s is an id such as “req.inr”. */
          return fail (error, sub, _("the id “%s” is used twice"), id);
        }
      g_ptr_array_add (self->sources, g_strdup (id));
      g_hash_table_insert (self->citations, g_steal_pointer (&id), g_steal_pointer (&citation));
    }
  return TRUE;
}

static gboolean
load_thresholds (VertebroRuleset  *self,
                 JsonObject       *root,
                 GError          **error)
{
  static const char * const allowed[] = { "id", "value", "unit", "label", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array = vertebro_ruleset_read_array (root, "thresholds", error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("thresholds[%u]", i);
      VertebroThreshold *threshold = g_new0 (VertebroThreshold, 1);
      JsonObject *object = vertebro_ruleset_element_object (array, i, path, error);

      g_ptr_array_add (self->thresholds, threshold);
      if (object == NULL ||
          !vertebro_ruleset_check_members (object, path, allowed, allowed, error) ||
          !vertebro_ruleset_read_id (object, path, seen, FALSE, &threshold->id, error) ||
          !vertebro_ruleset_read_number (object, "value", path, &threshold->value, error) ||
          !vertebro_ruleset_read_string (object, "unit", path, TRUE, &threshold->unit, error) ||
          !vertebro_ruleset_read_string (object, "label", path, FALSE, &threshold->label, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_genant (VertebroRuleset  *self,
             JsonObject       *root,
             GError          **error)
{
  static const char * const allowed[] = { "grade_1_from", "grade_2_above", "grade_3_above", "sources", NULL };
  JsonNode *node = json_object_get_member (root, "genant");
  g_auto(GStrv) sources = NULL;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, "genant", _("must be an object"));
  object = json_node_get_object (node);
  if (!vertebro_ruleset_check_members (object, "genant", allowed, allowed, error) ||
      !vertebro_ruleset_read_number (object, "grade_1_from", "genant", &self->genant.grade_1_from, error) ||
      !vertebro_ruleset_read_number (object, "grade_2_above", "genant", &self->genant.grade_2_above, error) ||
      !vertebro_ruleset_read_number (object, "grade_3_above", "genant", &self->genant.grade_3_above, error) ||
      !vertebro_ruleset_read_sources (self, object, "genant", &sources, error))
    return FALSE;
  if (!(self->genant.grade_1_from <= self->genant.grade_2_above &&
        self->genant.grade_2_above <= self->genant.grade_3_above))
    return fail (error, "genant", _("the cut points must not decrease"));
  return TRUE;
}

static gboolean
load_definitions (VertebroRuleset  *self,
                  JsonObject       *root,
                  GError          **error)
{
  JsonNode *node = json_object_get_member (root, "definitions");
  VertebroCondContext context = {
    self,
    VERTEBRO_SCOPE_BIT (VERTEBRO_SCOPE_PATIENT) | VERTEBRO_SCOPE_BIT (VERTEBRO_SCOPE_LEVEL) |
      VERTEBRO_SCOPE_BIT (VERTEBRO_SCOPE_ANTITHROMBOTIC),
    FALSE,
  };
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, "definitions", _("must be an object of named conditions"));

  /* In file order: a definition may use those before it, so there are no
   * cycles. Scopes are checked where a definition is used. */
  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_autofree char *path = g_strconcat ("definitions.", name, NULL);
      VertebroCond *cond = vertebro_cond_compile (member, path, &context, error);

      if (cond == NULL)
        return FALSE;
      g_hash_table_insert (self->definitions, g_strdup (name), cond);
    }
  return TRUE;
}

static gboolean
load_needed (VertebroRuleset  *self,
             JsonObject       *root,
             GError          **error)
{
  static const char * const allowed[] = { "id", "field", "scope", "when", "report", NULL };
  static const char * const required[] = { "id", "field", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array = vertebro_ruleset_read_array (root, "needed", error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("needed[%u]", i);
      g_autofree char *field = NULL;
      g_autofree char *field_path = vertebro_ruleset_join_path (path, "field");
      VertebroNeededRule *rule = g_new0 (VertebroNeededRule, 1);
      JsonObject *object = vertebro_ruleset_element_object (array, i, path, error);
      VertebroCondContext context;

      g_ptr_array_add (self->needed, rule);
      if (object == NULL ||
          !vertebro_ruleset_check_members (object, path, allowed, required, error) ||
          !vertebro_ruleset_read_id (object, path, seen, FALSE, &rule->id, error) ||
          !vertebro_ruleset_read_scope (object, path, FALSE, &rule->scope, error) ||
          !vertebro_ruleset_read_string (object, "field", path, FALSE, &field, error))
        return FALSE;

      context = vertebro_ruleset_context_for (self, rule->scope, FALSE);
      rule->fact = vertebro_fact_lookup (field);
      if (rule->fact == NULL)
        /* Translators: a rule-set error; %s is a field name such as “labs.inr”. */
        return fail (error, field_path, _("unknown field “%s”"), field);
      if (rule->fact->scope != rule->scope)
        /* Translators: a rule-set error; %s is a field name. */
        return fail (error, field_path, _("“%s” does not belong to this rule’s scope"), field);
      if (rule->fact->scope == VERTEBRO_SCOPE_ANTITHROMBOTIC)
        return fail (error, field_path, _("antithrombotic facts cannot be needed"));
      if (json_object_has_member (object, "report") &&
          !vertebro_ruleset_read_string (object, "report", path, FALSE, &rule->report, error))
        return FALSE;
      if (!vertebro_ruleset_read_when (object, path, &context, FALSE, &rule->when, error))
        return FALSE;

      if (rule->scope == VERTEBRO_SCOPE_PATIENT)
        g_hash_table_add (self->needed_paths, g_strdup (rule->report != NULL ? rule->report : rule->fact->name));
    }
  return TRUE;
}

static gboolean
load_findings (VertebroRuleset  *self,
               JsonObject       *root,
               GError          **error)
{
  static const char * const allowed[] = { "id", "scope", "severity", "when", "message", "remedy", "sources", NULL };
  static const char * const required[] = { "id", "severity", "when", "message", "sources", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array = vertebro_ruleset_read_array (root, "findings", error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("findings[%u]", i);
      g_autofree char *severity = NULL;
      VertebroFindingRule *rule = g_new0 (VertebroFindingRule, 1);
      JsonObject *object = vertebro_ruleset_element_object (array, i, path, error);
      VertebroCondContext context;

      g_ptr_array_add (self->findings, rule);
      if (object == NULL ||
          !vertebro_ruleset_check_members (object, path, allowed, required, error) ||
          !vertebro_ruleset_read_scope (object, path, TRUE, &rule->scope, error) ||
          !vertebro_ruleset_read_id (object, path, seen, rule->scope == VERTEBRO_SCOPE_ANTITHROMBOTIC,
                                     &rule->id, error) ||
          !vertebro_ruleset_read_string (object, "severity", path, FALSE, &severity, error))
        return FALSE;
      if (!vertebro_severity_from_string (severity, &rule->severity))
        {
          g_autofree char *sub = vertebro_ruleset_join_path (path, "severity");
          /* Translators: a rule-set error; %s is what was written where a severity such as
           * “absolute” was expected. */
          return fail (error, sub, _("unknown severity “%s”"), severity);
        }

      context = vertebro_ruleset_context_for (self, rule->scope, FALSE);
      if (!vertebro_ruleset_read_when (object, path, &context, TRUE, &rule->when, error) ||
          !vertebro_ruleset_read_template (object, "message", path, &context, &rule->message, error) ||
          (json_object_has_member (object, "remedy") &&
           !vertebro_ruleset_read_template (object, "remedy", path, &context, &rule->remedy, error)) ||
          !vertebro_ruleset_read_sources (self, object, path, &rule->sources, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_drugs (VertebroRuleset  *self,
            JsonObject       *root,
            GError          **error)
{
  static const char * const allowed[] = { "id", "name", "class", "unit", "sources", "bands", NULL };
  static const char * const band_allowed[] = { "id", "when", "hold", "lead_days", "beyond_table", NULL };
  static const char * const band_required[] = { "id", "hold", NULL };
  const VertebroField *drug_field = vertebro_fields_lookup (VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.drug");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) band_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  VertebroCondContext context = vertebro_ruleset_context_for (self, VERTEBRO_SCOPE_ANTITHROMBOTIC, FALSE);
  JsonArray *array = vertebro_ruleset_read_array (root, "antithrombotics", error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("antithrombotics[%u]", i);
      g_autofree char *unit = NULL;
      g_autofree char *bands_path = vertebro_ruleset_join_path (path, "bands");
      VertebroDrugRule *rule = g_new0 (VertebroDrugRule, 1);
      JsonObject *object = vertebro_ruleset_element_object (array, i, path, error);
      JsonNode *bands;

      g_ptr_array_add (self->drugs, rule);
      rule->bands = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_band_free);
      if (object == NULL ||
          !vertebro_ruleset_check_members (object, path, allowed, allowed, error) ||
          !vertebro_ruleset_read_id (object, path, seen, FALSE, &rule->id, error) ||
          !vertebro_ruleset_read_string (object, "name", path, FALSE, &rule->name, error) ||
          !vertebro_ruleset_read_string (object, "class", path, FALSE, &rule->klass, error) ||
          !vertebro_ruleset_read_string (object, "unit", path, FALSE, &unit, error) ||
          !vertebro_ruleset_read_sources (self, object, path, &rule->sources, error))
        return FALSE;

      if (vertebro_field_choice_index (drug_field, rule->id) < 0)
        {
          g_autofree char *sub = vertebro_ruleset_join_path (path, "id");
          /* Translators: a rule-set error; %s is a drug id such as “clopidogrel”. */
          return fail (error, sub, _("“%s” is not a drug of the patient format"), rule->id);
        }
      if (g_str_equal (unit, "days"))
        rule->unit = VERTEBRO_HOLD_UNIT_DAYS;
      else if (g_str_equal (unit, "doses"))
        rule->unit = VERTEBRO_HOLD_UNIT_DOSES;
      else
        {
          g_autofree char *sub = vertebro_ruleset_join_path (path, "unit");
          return fail (error, sub, _("must be \"days\" or \"doses\""));
        }

      bands = json_object_get_member (object, "bands");
      if (!JSON_NODE_HOLDS_ARRAY (bands) || json_array_get_length (json_node_get_array (bands)) == 0)
        return fail (error, bands_path, _("must be a non-empty array"));
      for (guint j = 0; j < json_array_get_length (json_node_get_array (bands)); j++)
        {
          g_autofree char *band_path = g_strdup_printf ("%s[%u]", bands_path, j);
          g_autofree char *hold_path = vertebro_ruleset_join_path (band_path, "hold");
          VertebroBand *band = g_new0 (VertebroBand, 1);
          JsonObject *band_object = vertebro_ruleset_element_object (json_node_get_array (bands), j, band_path, error);
          JsonNode *hold;

          g_ptr_array_add (rule->bands, band);
          if (band_object == NULL ||
              !vertebro_ruleset_check_members (band_object, band_path, band_allowed, band_required, error) ||
              !vertebro_ruleset_read_id (band_object, band_path, band_ids, FALSE, &band->id, error) ||
              !vertebro_ruleset_read_when (band_object, band_path, &context, FALSE, &band->when, error))
            return FALSE;

          hold = json_object_get_member (band_object, "hold");
          if (JSON_NODE_TYPE (hold) == JSON_NODE_VALUE && json_node_get_value_type (hold) == G_TYPE_STRING &&
              g_str_equal (json_node_get_string (hold), "none"))
            band->has_hold = FALSE;
          else if (vertebro_ruleset_read_number (band_object, "hold", band_path, &band->hold, NULL) && band->hold >= 0)
            band->has_hold = TRUE;
          else
            return fail (error, hold_path, _("must be a number of days or doses, or \"none\""));
          band->tabulated = band->has_hold;
          if (json_object_has_member (band_object, "beyond_table"))
            {
              JsonNode *beyond = json_object_get_member (band_object, "beyond_table");
              g_autofree char *sub = vertebro_ruleset_join_path (band_path, "beyond_table");

              if (JSON_NODE_TYPE (beyond) != JSON_NODE_VALUE || json_node_get_value_type (beyond) != G_TYPE_BOOLEAN)
                return fail (error, sub, _("must be true or false"));
              if (json_node_get_boolean (beyond) && !band->has_hold)
                return fail (error, sub, _("a band beyond the table still needs a numeric “hold”"));
              band->tabulated = !json_node_get_boolean (beyond);
            }

          if (json_object_has_member (band_object, "lead_days"))
            {
              if (!vertebro_ruleset_read_number (band_object, "lead_days", band_path, &band->lead_days, error))
                return FALSE;
              if (band->lead_days < 0 || band->lead_days > 60)
                {
                  g_autofree char *sub = vertebro_ruleset_join_path (band_path, "lead_days");
                  return fail (error, sub, _("must be between 0 and 60 days"));
                }
              band->has_lead_days = TRUE;
            }
          if (band->when == NULL && j + 1 < json_array_get_length (json_node_get_array (bands)))
            return fail (error, band_path, _("only the last band may have no “when”"));
        }
    }

  /* A listed drug the rules did not know could never be judged: every drug
   * of the format must have its entry. */
  for (guint i = 0; drug_field->choices[i].value != NULL; i++)
    if (!g_hash_table_contains (seen, drug_field->choices[i].value))
      /* Translators: a rule-set error; %s is a drug id such as “clopidogrel”. */
      return fail (error, "antithrombotics", _("the drug “%s” has no entry"), drug_field->choices[i].value);

  return TRUE;
}

/* Every id a finding can take, so that checklist conditions can name them. */
static void
collect_finding_ids (VertebroRuleset *self)
{
  const VertebroField *drug_field = vertebro_fields_lookup (VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.drug");

  for (guint i = 0; i < self->findings->len; i++)
    {
      const VertebroFindingRule *rule = g_ptr_array_index (self->findings, i);

      if (rule->scope != VERTEBRO_SCOPE_ANTITHROMBOTIC)
        {
          g_hash_table_add (self->finding_ids, g_strdup (rule->id));
          continue;
        }
      for (guint j = 0; drug_field->choices[j].value != NULL; j++)
        g_hash_table_add (self->finding_ids, vertebro_ruleset_expand_drug_id (rule->id, drug_field->choices[j].value));
    }
}

static gboolean
load_items (VertebroRuleset  *self,
            JsonObject       *root,
            const char       *member,
            GPtrArray        *into,
            GError          **error)
{
  static const char * const allowed[] = { "id", "scope", "when", "text", "lead_days", "done", "sources", NULL };
  static const char * const required[] = { "id", "text", "sources", NULL };
  gboolean is_checklist = g_str_equal (member, "checklist");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array = vertebro_ruleset_read_array (root, member, error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", member, i);
      VertebroItemRule *rule = g_new0 (VertebroItemRule, 1);
      JsonObject *object = vertebro_ruleset_element_object (array, i, path, error);
      VertebroCondContext context;

      g_ptr_array_add (into, rule);
      if (object == NULL || !vertebro_ruleset_check_members (object, path, allowed, required, error))
        return FALSE;
      if (!is_checklist && (json_object_has_member (object, "scope") || json_object_has_member (object, "lead_days") ||
                            json_object_has_member (object, "done")))
        return fail (error, path, _("counselling items have neither “scope”, “lead_days” nor “done”"));
      if (!vertebro_ruleset_read_scope (object, path, TRUE, &rule->scope, error) ||
          rule->scope == VERTEBRO_SCOPE_LEVEL)
        return rule->scope == VERTEBRO_SCOPE_LEVEL
               ? fail (error, path, _("items are of patient or antithrombotic scope"))
               : FALSE;
      if (!vertebro_ruleset_read_id (object, path, seen, rule->scope == VERTEBRO_SCOPE_ANTITHROMBOTIC,
                                     &rule->id, error))
        return FALSE;

      context = vertebro_ruleset_context_for (self, rule->scope, TRUE);
      if (!vertebro_ruleset_read_when (object, path, &context, FALSE, &rule->when, error) ||
          !vertebro_ruleset_read_template (object, "text", path, &context, &rule->text, error) ||
          !vertebro_ruleset_read_sources (self, object, path, &rule->sources, error))
        return FALSE;
      if (json_object_has_member (object, "done"))
        {
          g_autofree char *sub = vertebro_ruleset_join_path (path, "done");

          rule->done = vertebro_cond_compile (json_object_get_member (object, "done"), sub, &context, error);
          if (rule->done == NULL)
            return FALSE;
        }

      if (json_object_has_member (object, "lead_days"))
        {
          if (rule->scope == VERTEBRO_SCOPE_ANTITHROMBOTIC)
            return fail (error, path, _("an antithrombotic item takes its lead time from the drug’s band"));
          if (!vertebro_ruleset_read_number (object, "lead_days", path, &rule->lead_days, error))
            return FALSE;
          /* As a band's: the due date stays inside the years a date may have. */
          if (rule->lead_days < 0 || rule->lead_days > 60)
            {
              g_autofree char *sub = vertebro_ruleset_join_path (path, "lead_days");
              return fail (error, sub, _("must be between 0 and 60 days"));
            }
          rule->has_lead_days = TRUE;
        }
    }
  return TRUE;
}

/**
 * vertebro_ruleset_load_sections:
 * @self: a rule set just made, empty
 * @root_node: the parsed file, its texts already checked
 * @error: where to put what is wrong, as "json.path: problem"
 *
 * Reads and validates every section of the file into @self, in an order
 * where each section may refer to those before it.
 *
 * Returns: whether the whole rule set is valid
 */
gboolean
vertebro_ruleset_load_sections (VertebroRuleset  *self,
                                JsonNode         *root_node,
                                GError          **error)
{
  static const char * const allowed[] = {
    "format", "format_version", "id", "version", "title", "sources", "thresholds", "genant",
    "definitions", "needed", "findings", "antithrombotics", "checklist", "counsel", NULL
  };
  g_autofree char *format = NULL;
  JsonObject *root;
  double format_version;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return fail (error, "(root)", _("a rule set is one JSON object"));
  root = json_node_get_object (root_node);

  if (!json_object_has_member (root, "format") ||
      !vertebro_ruleset_read_string (root, "format", "", FALSE, &format, error) ||
      !g_str_equal (format, VERTEBRO_RULESET_FORMAT))
    {
      g_clear_error (error);
      /* Translators: a rule-set error; keep “format”, the name of a member of the file; %s is its
       * required value, “vertebro-rules”. */
      return fail (error, "format", _("not a Vertebro rule set (\"format\" must be \"%s\")"), VERTEBRO_RULESET_FORMAT);
    }
  if (!vertebro_ruleset_read_number (root, "format_version", "", &format_version, error))
    return FALSE;
  if (format_version > VERTEBRO_RULESET_VERSION)
    {
      g_set_error (error, VERTEBRO_RULESET_ERROR, VERTEBRO_RULESET_ERROR_NEWER_VERSION,
                   /* Translators: a rule-set error; keep “format_version”, the name of a member of
                    * the file; %g is the version the file has. */
                   _("format_version: made by a newer version of Vertebro (rule-set format %g)"), format_version);
      return FALSE;
    }
  if (format_version != VERTEBRO_RULESET_VERSION)
    /* Translators: a rule-set error about “format_version”; %d is the only version this program
     * reads. */
    return fail (error, "format_version", _("must be %d"), VERTEBRO_RULESET_VERSION);

  if (!vertebro_ruleset_check_members (root, "(root)", allowed, allowed, error) ||
      !vertebro_ruleset_read_string (root, "id", "", FALSE, &self->id, error) ||
      !vertebro_ruleset_read_string (root, "version", "", FALSE, &self->version, error) ||
      !vertebro_ruleset_read_string (root, "title", "", FALSE, &self->title, error) ||
      !load_sources (self, root, error) ||
      !load_thresholds (self, root, error) ||
      !load_genant (self, root, error) ||
      !load_definitions (self, root, error) ||
      !load_needed (self, root, error) ||
      !load_findings (self, root, error))
    return FALSE;

  collect_finding_ids (self);

  return load_drugs (self, root, error) &&
         load_items (self, root, "checklist", self->checklist, error) &&
         load_items (self, root, "counsel", self->counsel, error);
}
