/* vertebro-ruleset-read.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader's small readers. Each reads one member of a rule set's JSON,
 * checks its type and what it may hold, and names the JSON path of what is
 * wrong, so that every section (vertebro-ruleset-sections.c) refuses a bad
 * file in the same words. Here too is the first check of all: no string or
 * member name of the file may hold a control character.
 */

#define G_LOG_DOMAIN "vertebro-ruleset"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-ruleset-read.h"
#include "vertebro-text.h"

#define fail vertebro_ruleset_fail

/* ---- Members ---- */

gboolean
vertebro_ruleset_check_members (JsonObject         *object,
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

char *
vertebro_ruleset_join_path (const char *path,
                            const char *member)
{
  return *path != '\0' ? g_strconcat (path, ".", member, NULL) : g_strdup (member);
}

gboolean
vertebro_ruleset_read_string (JsonObject  *object,
                              const char  *member,
                              const char  *path,
                              gboolean     allow_empty,
                              char       **out,
                              GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *sub = vertebro_ruleset_join_path (path, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, sub, _("must be a string"));
  if (!allow_empty && *json_node_get_string (node) == '\0')
    return fail (error, sub, _("must not be empty"));
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
vertebro_ruleset_read_number (JsonObject  *object,
                              const char  *member,
                              const char  *path,
                              double      *out,
                              GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *sub = vertebro_ruleset_join_path (path, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return fail (error, sub, _("must be a number"));
  *out = json_node_get_double (node);
  return TRUE;
}

JsonArray *
vertebro_ruleset_read_array (JsonObject  *object,
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

JsonObject *
vertebro_ruleset_element_object (JsonArray   *array,
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
gboolean
vertebro_ruleset_read_id (JsonObject  *object,
                          const char  *path,
                          GHashTable  *seen,
                          gboolean     template_ok,
                          char       **out,
                          GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *sub = vertebro_ruleset_join_path (path, "id");
  g_autofree char *bare = NULL;

  if (!vertebro_ruleset_read_string (object, "id", path, FALSE, &id, error))
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

gboolean
vertebro_ruleset_read_sources (VertebroRuleset  *self,
                               JsonObject       *object,
                               const char       *path,
                               GStrv            *out,
                               GError          **error)
{
  g_autofree char *sub = vertebro_ruleset_join_path (path, "sources");
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

gboolean
vertebro_ruleset_read_scope (JsonObject     *object,
                             const char     *path,
                             gboolean        drug_ok,
                             VertebroScope  *scope,
                             GError        **error)
{
  g_autofree char *name = NULL;

  *scope = VERTEBRO_SCOPE_PATIENT;
  if (!json_object_has_member (object, "scope"))
    return TRUE;
  if (!vertebro_ruleset_read_string (object, "scope", path, FALSE, &name, error))
    return FALSE;
  if (g_str_equal (name, "patient"))
    *scope = VERTEBRO_SCOPE_PATIENT;
  else if (g_str_equal (name, "level"))
    *scope = VERTEBRO_SCOPE_LEVEL;
  else if (g_str_equal (name, "antithrombotic") && drug_ok)
    *scope = VERTEBRO_SCOPE_ANTITHROMBOTIC;
  else
    {
      g_autofree char *sub = vertebro_ruleset_join_path (path, "scope");

      return fail (error, sub, drug_ok ? _("must be \"patient\", \"level\" or \"antithrombotic\"")
                                       : _("must be \"patient\" or \"level\""));
    }
  return TRUE;
}

VertebroCondContext
vertebro_ruleset_context_for (VertebroRuleset *self,
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

gboolean
vertebro_ruleset_read_when (JsonObject                *object,
                            const char                *path,
                            const VertebroCondContext *context,
                            gboolean                   required,
                            VertebroCond             **out,
                            GError                   **error)
{
  JsonNode *node = json_object_get_member (object, "when");
  g_autofree char *sub = vertebro_ruleset_join_path (path, "when");

  *out = NULL;
  if (node == NULL)
    return required ? fail (error, path, _("the member “when” is missing")) : TRUE;
  *out = vertebro_cond_compile (node, sub, context, error);
  return *out != NULL && charge (context->rules, *out, sub, error);
}

gboolean
vertebro_ruleset_read_template (JsonObject                *object,
                                const char                *member,
                                const char                *path,
                                const VertebroCondContext *context,
                                VertebroTemplate         **out,
                                GError                   **error)
{
  g_autofree char *sub = vertebro_ruleset_join_path (path, member);

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

/* ---- Texts ---- */

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
gboolean
vertebro_ruleset_check_texts (JsonNode  *node,
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
          if (!vertebro_ruleset_check_texts (member, path, error))
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
          if (!vertebro_ruleset_check_texts (json_array_get_element (array, i), path, error))
            return FALSE;
          g_string_truncate (path, length);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return check_string (json_node_get_string (node), path->len > 0 ? path->str : "(root)", error);
  return TRUE;
}
