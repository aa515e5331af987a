/* vertebro-ruleset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads and validates a rule set. The format and the condition vocabulary
 * the rules are written in are described at the top of
 * vertebro-condition.c, beside their compiler. The C code knows the
 * vocabulary (fields, operators, scopes, severities) and never a rule by
 * its id.
 */

#define G_LOG_DOMAIN "vertebro-ruleset"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-core-resources.h"
#include "vertebro-default-digest.h"
#include "vertebro-json.h"
#include "vertebro-ruleset-private.h"
#include "vertebro-text.h"

/* Rule sets are small; a larger file is refused before it is read. */
#define MAX_RULESET_BYTES (4 * 1024 * 1024)

G_DEFINE_FINAL_TYPE (VertebroRuleset, vertebro_ruleset, G_TYPE_OBJECT)

G_DEFINE_QUARK (vertebro-ruleset-error-quark, vertebro_ruleset_error)

gboolean
vertebro_ruleset_fail (GError     **error,
                       const char  *path,
                       const char  *format,
                       ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, VERTEBRO_RULESET_ERROR, VERTEBRO_RULESET_ERROR_INVALID, "%s: %s", path, problem);
  return FALSE;
}

#define fail vertebro_ruleset_fail

static void
threshold_free (VertebroThreshold *threshold)
{
  g_free (threshold->id);
  g_free (threshold->unit);
  g_free (threshold->label);
  g_free (threshold);
}

static void
needed_free (VertebroNeededRule *rule)
{
  g_free (rule->id);
  g_free (rule->report);
  vertebro_cond_free (rule->when);
  g_free (rule);
}

static void
finding_free (VertebroFindingRule *rule)
{
  g_free (rule->id);
  vertebro_cond_free (rule->when);
  vertebro_template_free (rule->message);
  vertebro_template_free (rule->remedy);
  g_strfreev (rule->sources);
  g_free (rule);
}

static void
band_free (VertebroBand *band)
{
  g_free (band->id);
  vertebro_cond_free (band->when);
  g_free (band);
}

static void
drug_free (VertebroDrugRule *rule)
{
  g_free (rule->id);
  g_free (rule->name);
  g_free (rule->klass);
  g_strfreev (rule->sources);
  g_clear_pointer (&rule->bands, g_ptr_array_unref);
  g_free (rule);
}

static void
item_free (VertebroItemRule *rule)
{
  g_free (rule->id);
  vertebro_cond_free (rule->when);
  vertebro_cond_free (rule->done);
  vertebro_template_free (rule->text);
  g_strfreev (rule->sources);
  g_free (rule);
}

static void
vertebro_ruleset_finalize (GObject *object)
{
  VertebroRuleset *self = (VertebroRuleset *)object;

  g_free (self->id);
  g_free (self->version);
  g_free (self->title);
  g_free (self->sha256);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->citations, g_hash_table_unref);
  g_clear_pointer (&self->dois, g_hash_table_unref);
  g_clear_pointer (&self->documents, g_hash_table_unref);
  g_clear_pointer (&self->not_alone, g_hash_table_unref);
  g_clear_pointer (&self->thresholds, g_ptr_array_unref);
  /* Conditions may point into definitions: free the rules first. */
  g_clear_pointer (&self->needed, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->drugs, g_ptr_array_unref);
  g_clear_pointer (&self->checklist, g_ptr_array_unref);
  g_clear_pointer (&self->counsel, g_ptr_array_unref);
  g_clear_pointer (&self->definitions, g_hash_table_unref);
  g_clear_pointer (&self->finding_ids, g_hash_table_unref);
  g_clear_pointer (&self->needed_paths, g_hash_table_unref);

  G_OBJECT_CLASS (vertebro_ruleset_parent_class)->finalize (object);
}

static void
vertebro_ruleset_class_init (VertebroRulesetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vertebro_ruleset_finalize;
}

static void
vertebro_ruleset_init (VertebroRuleset *self)
{
  self->sources = g_ptr_array_new_with_free_func (g_free);
  self->citations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->dois = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->not_alone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->thresholds = g_ptr_array_new_with_free_func ((GDestroyNotify) threshold_free);
  self->definitions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) vertebro_cond_free);
  self->needed = g_ptr_array_new_with_free_func ((GDestroyNotify) needed_free);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  self->drugs = g_ptr_array_new_with_free_func ((GDestroyNotify) drug_free);
  self->checklist = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->counsel = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->finding_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->needed_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ---- Small readers; each names the JSON path of what is wrong ---- */

static gboolean
check_members (JsonObject         *object,
               const char         *path,
               const char * const *allowed,
               const char * const *required,
               GError            **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (!g_strv_contains (allowed, name))
      /* Translators: a file error; %s is the name of a JSON member that is not allowed there. */
      return fail (error, path, _("unexpected member “%s”"), name);

  for (guint i = 0; required[i] != NULL; i++)
    if (!json_object_has_member (object, required[i]))
      /* Translators: a file error; %s is the name of a required JSON member. */
      return fail (error, path, _("the member “%s” is missing"), required[i]);

  return TRUE;
}

static char *
join_path (const char *path,
           const char *member)
{
  return *path != '\0' ? g_strconcat (path, ".", member, NULL) : g_strdup (member);
}

static gboolean
read_string (JsonObject  *object,
             const char  *member,
             const char  *path,
             gboolean     allow_empty,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *sub = join_path (path, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, sub, _("must be a string"));
  if (!allow_empty && *json_node_get_string (node) == '\0')
    return fail (error, sub, _("must not be empty"));
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_number (JsonObject  *object,
             const char  *member,
             const char  *path,
             double      *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *sub = join_path (path, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return fail (error, sub, _("must be a number"));
  *out = json_node_get_double (node);
  return TRUE;
}

static JsonArray *
read_array (JsonObject  *object,
            const char  *member,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (error, member, _("must be an array"));
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
element_object (JsonArray   *array,
                guint        index,
                const char  *path,
                GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, path, _("must be an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

/* An id: unique within @seen, made of letters, digits, ".", "_", "-" and,
 * where @template_ok, the one placeholder "{drug}". */
static gboolean
read_id (JsonObject  *object,
         const char  *path,
         GHashTable  *seen,
         gboolean     template_ok,
         char       **out,
         GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *sub = join_path (path, "id");
  g_autofree char *bare = NULL;

  if (!read_string (object, "id", path, FALSE, &id, error))
    return FALSE;

  bare = g_strdup (id);
  if (template_ok)
    {
      char *at = strstr (bare, "{drug}");

      /* Without it, every entry the rule applies to gives an item of the
       * same id ("req.hold.other"), told apart by the drug it names. */
      if (at != NULL)
        memmove (at, at + 6, strlen (at + 6) + 1);
    }
  for (const char *c = bare; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '.' && *c != '_' && *c != '-')
      /* Translators: a rule-set error; %s is the id as written. */
      return fail (error, sub, _("“%s” is not a valid id (letters, digits, “.”, “_” and “-” only)"), id);

  if (seen != NULL)
    {
      if (g_hash_table_contains (seen, id))
        /* Translators: a rule-set error; %s is an id such as “req.inr”. */
        return fail (error, sub, _("the id “%s” is used twice"), id);
      g_hash_table_add (seen, g_strdup (id));
    }
  *out = g_steal_pointer (&id);
  return TRUE;
}

static gboolean
read_sources (VertebroRuleset  *self,
              JsonObject       *object,
              const char       *path,
              GStrv            *out,
              GError          **error)
{
  g_autofree char *sub = join_path (path, "sources");
  JsonNode *node = json_object_get_member (object, "sources");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean alone_ok = FALSE;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, sub, _("must be an array of source ids"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", sub, i);

      if (JSON_NODE_TYPE (element) != JSON_NODE_VALUE || json_node_get_value_type (element) != G_TYPE_STRING)
        return fail (error, element_path, _("must be a source id"));
      if (!g_hash_table_contains (self->citations, json_node_get_string (element)))
        /* Translators: a rule-set error; %s is a source id such as “sir-2019”. */
        return fail (error, element_path, _("“%s” is not in the sources table"), json_node_get_string (element));
      if (!g_hash_table_contains (self->not_alone, json_node_get_string (element)))
        alone_ok = TRUE;
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  /* A source that must not stand alone (an unreviewed web page) is only
   * ever cited beside a guideline or a published study. */
  if (json_array_get_length (array) > 0 && !alone_ok)
    return fail (error, sub, _("cites only sources that may not be cited alone: add a guideline or a published source"));
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_scope (JsonObject     *object,
            const char     *path,
            gboolean        drug_ok,
            VertebroScope  *scope,
            GError        **error)
{
  g_autofree char *name = NULL;

  *scope = VERTEBRO_SCOPE_PATIENT;
  if (!json_object_has_member (object, "scope"))
    return TRUE;
  if (!read_string (object, "scope", path, FALSE, &name, error))
    return FALSE;
  if (g_str_equal (name, "patient"))
    *scope = VERTEBRO_SCOPE_PATIENT;
  else if (g_str_equal (name, "level"))
    *scope = VERTEBRO_SCOPE_LEVEL;
  else if (g_str_equal (name, "antithrombotic") && drug_ok)
    *scope = VERTEBRO_SCOPE_ANTITHROMBOTIC;
  else
    {
      g_autofree char *sub = join_path (path, "scope");

      return fail (error, sub, drug_ok ? _("must be \"patient\", \"level\" or \"antithrombotic\"")
                                       : _("must be \"patient\" or \"level\""));
    }
  return TRUE;
}

static VertebroCondContext
context_for (VertebroRuleset *self,
             VertebroScope    scope,
             gboolean         allow_results)
{
  VertebroCondContext context = {
    self,
    VERTEBRO_SCOPE_BIT (VERTEBRO_SCOPE_PATIENT) | VERTEBRO_SCOPE_BIT (scope),
    allow_results,
  };
  return context;
}

/* Counts what evaluating @cond visits against the rule set's limit. */
static gboolean
charge (VertebroRuleset     *self,
        const VertebroCond  *cond,
        const char          *path,
        GError             **error)
{
  self->evaluated += cond->size;
  if (self->evaluated > VERTEBRO_RULESET_MAX_EVALUATED)
    /* Translators: a rule-set error; %d is the limit, such as 200000. */
    return fail (error, path, _("too large: with their “ref”s expanded the conditions up to here have more than %d parts"),
                 VERTEBRO_RULESET_MAX_EVALUATED);
  return TRUE;
}

static gboolean
read_when (JsonObject                *object,
           const char                *path,
           const VertebroCondContext *context,
           gboolean                   required,
           VertebroCond             **out,
           GError                   **error)
{
  JsonNode *node = json_object_get_member (object, "when");
  g_autofree char *sub = join_path (path, "when");

  *out = NULL;
  if (node == NULL)
    return required ? fail (error, path, _("the member “when” is missing")) : TRUE;
  *out = vertebro_cond_compile (node, sub, context, error);
  return *out != NULL && charge (context->rules, *out, sub, error);
}

static gboolean
read_template (JsonObject                *object,
               const char                *member,
               const char                *path,
               const VertebroCondContext *context,
               VertebroTemplate         **out,
               GError                   **error)
{
  g_autofree char *sub = join_path (path, member);

  *out = vertebro_template_compile (json_object_get_member (object, member), sub, context, error);
  if (*out == NULL)
    return FALSE;
  for (guint i = 0; i < (*out)->variants->len; i++)
    {
      const VertebroVariant *variant = g_ptr_array_index ((*out)->variants, i);

      if (variant->when != NULL && !charge (context->rules, variant->when, sub, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- Sections ---- */

static gboolean
load_sources (VertebroRuleset  *self,
              JsonObject       *root,
              GError          **error)
{
  static const char * const allowed[] = { "id", "citation", "doi", "kind", "cite_alone", NULL };
  static const char * const required[] = { "id", "citation", NULL };
  JsonArray *array = read_array (root, "sources", error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("sources[%u]", i);
      g_autofree char *id = NULL;
      g_autofree char *citation = NULL;
      g_autofree char *doi = NULL;
      g_autofree char *kind = NULL;
      JsonObject *object = element_object (array, i, path, error);

      if (object == NULL ||
          !check_members (object, path, allowed, required, error) ||
          !read_id (object, path, NULL, FALSE, &id, error) ||
          !read_string (object, "citation", path, FALSE, &citation, error) ||
          (json_object_has_member (object, "doi") && !read_string (object, "doi", path, FALSE, &doi, error)) ||
          (json_object_has_member (object, "kind") && !read_string (object, "kind", path, FALSE, &kind, error)))
        return FALSE;
      /* A DOI is "10.prefix/suffix"; the window and the PDF make it a link. */
      if (doi != NULL && (!g_str_has_prefix (doi, "10.") || strchr (doi, '/') == NULL || strpbrk (doi, " \t\n\"<>") != NULL))
        {
          g_autofree char *sub = join_path (path, "doi");
          /* Translators: a rule-set error; keep “10.”, how every DOI begins. */
          return fail (error, sub, _("must be a DOI such as 10.1000/xyz123"));
        }
      if (kind != NULL && !g_str_equal (kind, "literature") && !g_str_equal (kind, "document"))
        {
          g_autofree char *sub = join_path (path, "kind");
          return fail (error, sub, _("must be \"literature\" or \"document\""));
        }
      if (json_object_has_member (object, "cite_alone"))
        {
          JsonNode *alone = json_object_get_member (object, "cite_alone");

          if (JSON_NODE_TYPE (alone) != JSON_NODE_VALUE || json_node_get_value_type (alone) != G_TYPE_BOOLEAN)
            {
              g_autofree char *sub = join_path (path, "cite_alone");
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
          g_autofree char *sub = join_path (path, "id");
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
  JsonArray *array = read_array (root, "thresholds", error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("thresholds[%u]", i);
      VertebroThreshold *threshold = g_new0 (VertebroThreshold, 1);
      JsonObject *object = element_object (array, i, path, error);

      g_ptr_array_add (self->thresholds, threshold);
      if (object == NULL ||
          !check_members (object, path, allowed, allowed, error) ||
          !read_id (object, path, seen, FALSE, &threshold->id, error) ||
          !read_number (object, "value", path, &threshold->value, error) ||
          !read_string (object, "unit", path, TRUE, &threshold->unit, error) ||
          !read_string (object, "label", path, FALSE, &threshold->label, error))
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
  if (!check_members (object, "genant", allowed, allowed, error) ||
      !read_number (object, "grade_1_from", "genant", &self->genant.grade_1_from, error) ||
      !read_number (object, "grade_2_above", "genant", &self->genant.grade_2_above, error) ||
      !read_number (object, "grade_3_above", "genant", &self->genant.grade_3_above, error) ||
      !read_sources (self, object, "genant", &sources, error))
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
  JsonArray *array = read_array (root, "needed", error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("needed[%u]", i);
      g_autofree char *field = NULL;
      g_autofree char *field_path = join_path (path, "field");
      VertebroNeededRule *rule = g_new0 (VertebroNeededRule, 1);
      JsonObject *object = element_object (array, i, path, error);
      VertebroCondContext context;

      g_ptr_array_add (self->needed, rule);
      if (object == NULL ||
          !check_members (object, path, allowed, required, error) ||
          !read_id (object, path, seen, FALSE, &rule->id, error) ||
          !read_scope (object, path, FALSE, &rule->scope, error) ||
          !read_string (object, "field", path, FALSE, &field, error))
        return FALSE;

      context = context_for (self, rule->scope, FALSE);
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
          !read_string (object, "report", path, FALSE, &rule->report, error))
        return FALSE;
      if (!read_when (object, path, &context, FALSE, &rule->when, error))
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
  JsonArray *array = read_array (root, "findings", error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("findings[%u]", i);
      g_autofree char *severity = NULL;
      VertebroFindingRule *rule = g_new0 (VertebroFindingRule, 1);
      JsonObject *object = element_object (array, i, path, error);
      VertebroCondContext context;

      g_ptr_array_add (self->findings, rule);
      if (object == NULL ||
          !check_members (object, path, allowed, required, error) ||
          !read_scope (object, path, TRUE, &rule->scope, error) ||
          !read_id (object, path, seen, rule->scope == VERTEBRO_SCOPE_ANTITHROMBOTIC, &rule->id, error) ||
          !read_string (object, "severity", path, FALSE, &severity, error))
        return FALSE;
      if (!vertebro_severity_from_string (severity, &rule->severity))
        {
          g_autofree char *sub = join_path (path, "severity");
          /* Translators: a rule-set error; %s is what was written where a severity such as
           * “absolute” was expected. */
          return fail (error, sub, _("unknown severity “%s”"), severity);
        }

      context = context_for (self, rule->scope, FALSE);
      if (!read_when (object, path, &context, TRUE, &rule->when, error) ||
          !read_template (object, "message", path, &context, &rule->message, error) ||
          (json_object_has_member (object, "remedy") &&
           !read_template (object, "remedy", path, &context, &rule->remedy, error)) ||
          !read_sources (self, object, path, &rule->sources, error))
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
  VertebroCondContext context = context_for (self, VERTEBRO_SCOPE_ANTITHROMBOTIC, FALSE);
  JsonArray *array = read_array (root, "antithrombotics", error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("antithrombotics[%u]", i);
      g_autofree char *unit = NULL;
      g_autofree char *bands_path = join_path (path, "bands");
      VertebroDrugRule *rule = g_new0 (VertebroDrugRule, 1);
      JsonObject *object = element_object (array, i, path, error);
      JsonNode *bands;

      g_ptr_array_add (self->drugs, rule);
      rule->bands = g_ptr_array_new_with_free_func ((GDestroyNotify) band_free);
      if (object == NULL ||
          !check_members (object, path, allowed, allowed, error) ||
          !read_id (object, path, seen, FALSE, &rule->id, error) ||
          !read_string (object, "name", path, FALSE, &rule->name, error) ||
          !read_string (object, "class", path, FALSE, &rule->klass, error) ||
          !read_string (object, "unit", path, FALSE, &unit, error) ||
          !read_sources (self, object, path, &rule->sources, error))
        return FALSE;

      if (vertebro_field_choice_index (drug_field, rule->id) < 0)
        {
          g_autofree char *sub = join_path (path, "id");
          /* Translators: a rule-set error; %s is a drug id such as “clopidogrel”. */
          return fail (error, sub, _("“%s” is not a drug of the patient format"), rule->id);
        }
      if (g_str_equal (unit, "days"))
        rule->unit = VERTEBRO_HOLD_UNIT_DAYS;
      else if (g_str_equal (unit, "doses"))
        rule->unit = VERTEBRO_HOLD_UNIT_DOSES;
      else
        {
          g_autofree char *sub = join_path (path, "unit");
          return fail (error, sub, _("must be \"days\" or \"doses\""));
        }

      bands = json_object_get_member (object, "bands");
      if (!JSON_NODE_HOLDS_ARRAY (bands) || json_array_get_length (json_node_get_array (bands)) == 0)
        return fail (error, bands_path, _("must be a non-empty array"));
      for (guint j = 0; j < json_array_get_length (json_node_get_array (bands)); j++)
        {
          g_autofree char *band_path = g_strdup_printf ("%s[%u]", bands_path, j);
          g_autofree char *hold_path = join_path (band_path, "hold");
          VertebroBand *band = g_new0 (VertebroBand, 1);
          JsonObject *band_object = element_object (json_node_get_array (bands), j, band_path, error);
          JsonNode *hold;

          g_ptr_array_add (rule->bands, band);
          if (band_object == NULL ||
              !check_members (band_object, band_path, band_allowed, band_required, error) ||
              !read_id (band_object, band_path, band_ids, FALSE, &band->id, error) ||
              !read_when (band_object, band_path, &context, FALSE, &band->when, error))
            return FALSE;

          hold = json_object_get_member (band_object, "hold");
          if (JSON_NODE_TYPE (hold) == JSON_NODE_VALUE && json_node_get_value_type (hold) == G_TYPE_STRING &&
              g_str_equal (json_node_get_string (hold), "none"))
            band->has_hold = FALSE;
          else if (read_number (band_object, "hold", band_path, &band->hold, NULL) && band->hold >= 0)
            band->has_hold = TRUE;
          else
            return fail (error, hold_path, _("must be a number of days or doses, or \"none\""));
          band->tabulated = band->has_hold;
          if (json_object_has_member (band_object, "beyond_table"))
            {
              JsonNode *beyond = json_object_get_member (band_object, "beyond_table");
              g_autofree char *sub = join_path (band_path, "beyond_table");

              if (JSON_NODE_TYPE (beyond) != JSON_NODE_VALUE || json_node_get_value_type (beyond) != G_TYPE_BOOLEAN)
                return fail (error, sub, _("must be true or false"));
              if (json_node_get_boolean (beyond) && !band->has_hold)
                return fail (error, sub, _("a band beyond the table still needs a numeric “hold”"));
              band->tabulated = !json_node_get_boolean (beyond);
            }

          if (json_object_has_member (band_object, "lead_days"))
            {
              if (!read_number (band_object, "lead_days", band_path, &band->lead_days, error))
                return FALSE;
              if (band->lead_days < 0 || band->lead_days > 60)
                {
                  g_autofree char *sub = join_path (band_path, "lead_days");
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

/**
 * vertebro_ruleset_expand_drug_id:
 * @id: an antithrombotic-scope id, with or without "{drug}"
 * @drug: a drug id
 *
 * Returns: (transfer full): @id with "{drug}" replaced by @drug
 */
char *
vertebro_ruleset_expand_drug_id (const char *id,
                                 const char *drug)
{
  g_auto(GStrv) parts = g_strsplit (id, "{drug}", 2);

  return parts[1] == NULL ? g_strdup (id) : g_strconcat (parts[0], drug, parts[1], NULL);
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
  JsonArray *array = read_array (root, member, error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", member, i);
      VertebroItemRule *rule = g_new0 (VertebroItemRule, 1);
      JsonObject *object = element_object (array, i, path, error);
      VertebroCondContext context;

      g_ptr_array_add (into, rule);
      if (object == NULL || !check_members (object, path, allowed, required, error))
        return FALSE;
      if (!is_checklist && (json_object_has_member (object, "scope") || json_object_has_member (object, "lead_days") ||
                            json_object_has_member (object, "done")))
        return fail (error, path, _("counselling items have neither “scope”, “lead_days” nor “done”"));
      if (!read_scope (object, path, TRUE, &rule->scope, error) ||
          rule->scope == VERTEBRO_SCOPE_LEVEL)
        return rule->scope == VERTEBRO_SCOPE_LEVEL
               ? fail (error, path, _("items are of patient or antithrombotic scope"))
               : FALSE;
      if (!read_id (object, path, seen, rule->scope == VERTEBRO_SCOPE_ANTITHROMBOTIC, &rule->id, error))
        return FALSE;

      context = context_for (self, rule->scope, TRUE);
      if (!read_when (object, path, &context, FALSE, &rule->when, error) ||
          !read_template (object, "text", path, &context, &rule->text, error) ||
          !read_sources (self, object, path, &rule->sources, error))
        return FALSE;
      if (json_object_has_member (object, "done"))
        {
          g_autofree char *sub = join_path (path, "done");

          rule->done = vertebro_cond_compile (json_object_get_member (object, "done"), sub, &context, error);
          if (rule->done == NULL)
            return FALSE;
        }

      if (json_object_has_member (object, "lead_days"))
        {
          if (rule->scope == VERTEBRO_SCOPE_ANTITHROMBOTIC)
            return fail (error, path, _("an antithrombotic item takes its lead time from the drug’s band"));
          if (!read_number (object, "lead_days", path, &rule->lead_days, error))
            return FALSE;
          /* As a band's: the due date stays inside the years a date may have. */
          if (rule->lead_days < 0 || rule->lead_days > 60)
            {
              g_autofree char *sub = join_path (path, "lead_days");
              return fail (error, sub, _("must be between 0 and 60 days"));
            }
          rule->has_lead_days = TRUE;
        }
    }
  return TRUE;
}

static gboolean
load_root (VertebroRuleset  *self,
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
      !read_string (root, "format", "", FALSE, &format, error) ||
      !g_str_equal (format, VERTEBRO_RULESET_FORMAT))
    {
      g_clear_error (error);
      /* Translators: a rule-set error; keep “format”, the name of a member of the file; %s is its
       * required value, “vertebro-rules”. */
      return fail (error, "format", _("not a Vertebro rule set (\"format\" must be \"%s\")"), VERTEBRO_RULESET_FORMAT);
    }
  if (!read_number (root, "format_version", "", &format_version, error))
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

  if (!check_members (root, "(root)", allowed, allowed, error) ||
      !read_string (root, "id", "", FALSE, &self->id, error) ||
      !read_string (root, "version", "", FALSE, &self->version, error) ||
      !read_string (root, "title", "", FALSE, &self->title, error) ||
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

/* Whether @c may not appear in a rule set's text: control characters (a
 * terminal escape sequence in a message would reach the command line's
 * output) and the bidirectional controls, which reorder what is shown. */
static gboolean
forbidden_char (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_CONTROL || vertebro_unichar_is_invisible_control (c);
}

static gboolean
check_string (const char  *text,
              const char  *path,
              GError     **error)
{
  if (!g_utf8_validate (text, -1, NULL))
    return fail (error, path, _("is not valid UTF-8"));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (forbidden_char (g_utf8_get_char (p)))
      /* Translators: a rule-set error; %04X is the character’s code point, such as 001B. */
      return fail (error, path, _("contains the control character U+%04X"), g_utf8_get_char (p));
  return TRUE;
}

/* Refuses a control character in any string or member name of the rule
 * set, before anything else reads it. @path is the JSON path so far. */
static gboolean
check_texts (JsonNode  *node,
             GString   *path,
             GError   **error)
{
  gsize length = path->len;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          if (length > 0)
            g_string_append_c (path, '.');
          if (!check_string (name, path->len > 0 ? path->str : "(root)", error))
            return FALSE;
          g_string_append (path, name);
          if (!check_texts (member, path, error))
            return FALSE;
          g_string_truncate (path, length);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_string_append_printf (path, "[%u]", i);
          if (!check_texts (json_array_get_element (array, i), path, error))
            return FALSE;
          g_string_truncate (path, length);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return check_string (json_node_get_string (node), path->len > 0 ? path->str : "(root)", error);
  return TRUE;
}

/* Parses @bytes; @sha256 is their SHA-256 when it is known already. */
static VertebroRuleset *
ruleset_new (GBytes      *bytes,
             const char  *sha256,
             GError     **error)
{
  g_autoptr(VertebroRuleset) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) texts_path = g_string_new (NULL);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_return_val_if_fail (bytes != NULL, NULL);

  if (length > MAX_RULESET_BYTES)
    {
      g_set_error (error, VERTEBRO_RULESET_ERROR, VERTEBRO_RULESET_ERROR_NOT_READABLE,
                   /* Translators: follows a file name and a colon; %d is the largest size allowed,
                    * in mebibytes. */
                   _("too large for a rule set (more than %d MiB)"), MAX_RULESET_BYTES / (1024 * 1024));
      return NULL;
    }

  root = vertebro_json_parse (data != NULL ? data : "", length, &local_error);
  if (root == NULL)
    {
      g_set_error (error, VERTEBRO_RULESET_ERROR, VERTEBRO_RULESET_ERROR_SYNTAX,
                   /* Translators: a file error; %s is what the JSON reader found wrong, with its
                    * line and column. */
                   _("not valid JSON: %s"), local_error->message);
      return NULL;
    }

  if (!check_texts (root, texts_path, error))
    return NULL;

  self = g_object_new (VERTEBRO_TYPE_RULESET, NULL);
  if (!load_root (self, root, error))
    return NULL;

  self->sha256 = sha256 != NULL ? g_strdup (sha256)
                                 : g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  return g_steal_pointer (&self);
}

/**
 * vertebro_ruleset_new_from_bytes:
 * @bytes: the text of a rule set
 * @error: where to put what is wrong, as "json.path: problem"
 *
 * Parses and validates a rule set completely; a rule set with any error is
 * refused as a whole.
 *
 * Returns: (transfer full) (nullable): the rule set, or %NULL
 */
VertebroRuleset *
vertebro_ruleset_new_from_bytes (GBytes  *bytes,
                                 GError **error)
{
  return ruleset_new (bytes, NULL, error);
}

/**
 * vertebro_ruleset_new_from_file:
 * @file: a site rule set
 * @error: where to put what is wrong, as "FILE: json.path: problem"
 *
 * Returns: (transfer full) (nullable): the rule set, or %NULL
 */
VertebroRuleset *
vertebro_ruleset_new_from_file (GFile   *file,
                                GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  VertebroRuleset *self = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_peek_path (file) != NULL ? g_strdup (g_file_peek_path (file)) : g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    g_set_error_literal (&local_error, VERTEBRO_RULESET_ERROR, VERTEBRO_RULESET_ERROR_NOT_READABLE,
                         _("is not a regular file"));
  else if (info != NULL && g_file_info_get_size (info) > MAX_RULESET_BYTES)
    g_set_error (&local_error, VERTEBRO_RULESET_ERROR, VERTEBRO_RULESET_ERROR_NOT_READABLE,
                 /* Translators: follows a file name and a colon; %d is the largest size allowed, in
                  * mebibytes. */
                 _("too large for a rule set (more than %d MiB)"), MAX_RULESET_BYTES / (1024 * 1024));
  else if (info != NULL)
    bytes = g_file_load_bytes (file, NULL, NULL, &local_error);

  if (bytes != NULL)
    self = vertebro_ruleset_new_from_bytes (bytes, &local_error);
  if (self != NULL)
    return self;

  g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
  return NULL;
}

/**
 * vertebro_ruleset_new_default:
 * @error: where to put what is wrong
 *
 * Loads the built-in rule set, data/rules/vertebro-default.json, compiled
 * into the program with its SHA-256 (build-aux/sha256-header.py). It is
 * validated like any other; a build whose built-in rules do not load fails
 * its tests.
 *
 * Returns: (transfer full) (nullable): the rule set
 */
VertebroRuleset *
vertebro_ruleset_new_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resource_lookup_data (vertebro_core_get_resource (), VERTEBRO_RULESET_DEFAULT_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  /* Its SHA-256 was computed when it was compiled in. */
  return ruleset_new (bytes, VERTEBRO_RULESET_DEFAULT_SHA256, error);
}

const char *
vertebro_ruleset_get_id (VertebroRuleset *self)
{
  g_return_val_if_fail (VERTEBRO_IS_RULESET (self), NULL);
  return self->id;
}

const char *
vertebro_ruleset_get_version (VertebroRuleset *self)
{
  g_return_val_if_fail (VERTEBRO_IS_RULESET (self), NULL);
  return self->version;
}

const char *
vertebro_ruleset_get_title (VertebroRuleset *self)
{
  g_return_val_if_fail (VERTEBRO_IS_RULESET (self), NULL);
  return self->title;
}

/* The SHA-256 of the rule set's bytes, as 64 lower-case hex digits. */
const char *
vertebro_ruleset_get_sha256 (VertebroRuleset *self)
{
  g_return_val_if_fail (VERTEBRO_IS_RULESET (self), NULL);
  return self->sha256;
}

const char *
vertebro_ruleset_get_citation (VertebroRuleset *self,
                               const char      *source_id)
{
  g_return_val_if_fail (VERTEBRO_IS_RULESET (self), NULL);
  return g_hash_table_lookup (self->citations, source_id);
}

/**
 * vertebro_ruleset_get_doi:
 * @self: a rule set
 * @source_id: a source's id
 *
 * Returns: (nullable): the source's DOI ("10.1007/…"), or %NULL
 */
const char *
vertebro_ruleset_get_doi (VertebroRuleset *self,
                          const char      *source_id)
{
  g_return_val_if_fail (VERTEBRO_IS_RULESET (self), NULL);
  return g_hash_table_lookup (self->dois, source_id);
}

/**
 * vertebro_ruleset_is_source_document:
 * @self: a rule set
 * @source_id: a source's id
 *
 * Returns: whether the source is one of the documents the product was
 *   specified from (web articles, listed after the guidelines and the
 *   published literature)
 */
gboolean
vertebro_ruleset_is_source_document (VertebroRuleset *self,
                                     const char      *source_id)
{
  g_return_val_if_fail (VERTEBRO_IS_RULESET (self), FALSE);
  return g_hash_table_contains (self->documents, source_id);
}

/**
 * vertebro_ruleset_group_sources:
 * @self: a rule set
 * @source_ids: source ids, as an item cites them
 *
 * Every list of references shows guidelines and published literature
 * first and the source documents after them, so that a reader sees at once
 * which is which (clinical-rules.md §7.16).
 *
 * Returns: (transfer full): the same ids, literature first, each group in
 *   the order given
 */
GStrv
vertebro_ruleset_group_sources (VertebroRuleset    *self,
                                const char * const *source_ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (VERTEBRO_IS_RULESET (self), NULL);

  for (int pass = 0; pass < 2 && source_ids != NULL; pass++)
    for (guint i = 0; source_ids[i] != NULL; i++)
      if (g_hash_table_contains (self->documents, source_ids[i]) == (pass == 1))
        g_strv_builder_add (builder, source_ids[i]);
  return g_strv_builder_end (builder);
}

guint
vertebro_ruleset_get_n_sources (VertebroRuleset *self)
{
  g_return_val_if_fail (VERTEBRO_IS_RULESET (self), 0);
  return self->sources->len;
}

/**
 * vertebro_ruleset_get_source:
 * @self: a rule set
 * @index: from 0 to vertebro_ruleset_get_n_sources() - 1, in the file's order
 * @citation: (out) (optional): where to put the source's citation
 *
 * Returns: the source's id
 */
const char *
vertebro_ruleset_get_source (VertebroRuleset  *self,
                             guint             index,
                             const char      **citation)
{
  const char *id;

  g_return_val_if_fail (VERTEBRO_IS_RULESET (self), NULL);
  g_return_val_if_fail (index < self->sources->len, NULL);

  id = g_ptr_array_index (self->sources, index);
  if (citation != NULL)
    *citation = g_hash_table_lookup (self->citations, id);
  return id;
}

guint
vertebro_ruleset_get_n_thresholds (VertebroRuleset *self)
{
  g_return_val_if_fail (VERTEBRO_IS_RULESET (self), 0);
  return self->thresholds->len;
}

/* Returns the id of threshold @index and its value, unit and label. */
const char *
vertebro_ruleset_get_threshold (VertebroRuleset  *self,
                                guint             index,
                                double           *value,
                                const char      **unit,
                                const char      **label)
{
  const VertebroThreshold *threshold;

  g_return_val_if_fail (VERTEBRO_IS_RULESET (self), NULL);
  g_return_val_if_fail (index < self->thresholds->len, NULL);

  threshold = g_ptr_array_index (self->thresholds, index);
  if (value != NULL)
    *value = threshold->value;
  if (unit != NULL)
    *unit = threshold->unit;
  if (label != NULL)
    *label = threshold->label;
  return threshold->id;
}

gboolean
vertebro_ruleset_lookup_threshold (VertebroRuleset *self,
                                   const char      *id,
                                   double          *value)
{
  const VertebroThreshold *threshold = vertebro_ruleset_find_threshold (self, id);

  if (threshold != NULL && value != NULL)
    *value = threshold->value;
  return threshold != NULL;
}

const VertebroThreshold *
vertebro_ruleset_find_threshold (VertebroRuleset *self,
                                 const char      *id)
{
  for (guint i = 0; i < self->thresholds->len; i++)
    {
      const VertebroThreshold *threshold = g_ptr_array_index (self->thresholds, i);

      if (g_str_equal (threshold->id, id))
        return threshold;
    }
  return NULL;
}

const VertebroDrugRule *
vertebro_ruleset_find_drug (VertebroRuleset *self,
                            const char      *drug)
{
  for (guint i = 0; i < self->drugs->len; i++)
    {
      const VertebroDrugRule *rule = g_ptr_array_index (self->drugs, i);

      if (g_str_equal (rule->id, drug))
        return rule;
    }
  return NULL;
}

/* The unit in which a drug's hold is counted: days or doses. */
VertebroHoldUnit
vertebro_ruleset_get_drug_unit (VertebroRuleset *self,
                                const char      *drug)
{
  const VertebroDrugRule *rule;

  g_return_val_if_fail (VERTEBRO_IS_RULESET (self), VERTEBRO_HOLD_UNIT_DAYS);
  rule = vertebro_ruleset_find_drug (self, drug);
  g_return_val_if_fail (rule != NULL, VERTEBRO_HOLD_UNIT_DAYS);
  return rule->unit;
}
