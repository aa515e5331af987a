/* vertebro-ruleset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rule set: loads one (a site's file; the built-in one at build time,
 * vertebro-compile-rules.c) and answers what the evaluator, the window and
 * the reports ask of it. At start the built-in one is read from an image
 * of what this loader made of it (vertebro-ruleset-image.c,
 * vertebro-ruleset-default.c). The format and the condition vocabulary the
 * rules are written in are described at the top of vertebro-condition.c,
 * beside their compiler; the sections of the file are read in
 * vertebro-ruleset-sections.c, with the small readers of
 * vertebro-ruleset-read.c. The C code knows the vocabulary (fields,
 * operators, scopes, severities) and never a rule by its id.
 */

#define G_LOG_DOMAIN "vertebro-ruleset"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-json.h"
#include "vertebro-ruleset-private.h"
#include "vertebro-ruleset-read.h"
#include "vertebro-ruleset-sections.h"

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

void
vertebro_band_free (VertebroBand *band)
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

  if (!vertebro_ruleset_check_texts (root, texts_path, error))
    return NULL;

  self = g_object_new (VERTEBRO_TYPE_RULESET, NULL);
  if (!vertebro_ruleset_load_sections (self, root, error))
    return NULL;

  self->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  return g_steal_pointer (&self);
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
