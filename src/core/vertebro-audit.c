/* vertebro-audit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decision and the audit trail of a patient file (patient-format.md).
 *
 * The trail is kept as the JSON it was read as: entries are never changed or
 * removed, a new one is only ever appended. Each entry's "sha256" chains it
 * to the one before: the SHA-256 of the previous entry's sha256 (64 zeros
 * for the first), at, by, event, verdict, the finding ids joined by commas,
 * the missing paths joined by commas, and the rule set's id, version and
 * sha256, joined by tabs. A trail that does not verify is reported, never
 * refused: the record makes changes evident, it does not prevent them.
 */

#define G_LOG_DOMAIN "vertebro-audit"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-audit.h"
#include "vertebro-fields.h"
#include "vertebro-json.h"
#include "vertebro-record-private.h"
#include "vertebro-text.h"

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* ---- The decision ---- */

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_null_or (JsonObject *object,
            const char *member,
            GType       type)
{
  JsonNode *node = json_object_get_member (object, member);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ||
         (JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_value_type (node) == type);
}

static gboolean
fail (GError     **error,
      const char  *member,
      const char  *problem)
{
  g_autofree char *path = g_strconcat ("decision.", member, NULL);

  vertebro_set_field_error (error, path, "%s", problem);
  return FALSE;
}

static gboolean
is_verdict (const char *text)
{
  VertebroVerdict verdict;

  return text != NULL && vertebro_verdict_from_string (text, &verdict);
}

/**
 * vertebro_decision_check:
 * @decision: the file's "decision" member
 * @level_names: the vertebrae of the file's levels (those chosen)
 * @today: the date a decision may not be after
 * @error: where to say what is wrong, as "decision.member: problem"
 *
 * Returns: whether @decision is one the format allows
 */
gboolean
vertebro_decision_check (JsonObject          *decision,
                         const char * const  *level_names,
                         const GDate         *today,
                         GError             **error)
{
  const char *outcome = string_member (decision, "outcome");
  const char *date = string_member (decision, "date");
  const char *by = string_member (decision, "by");
  JsonNode *levels = json_object_get_member (decision, "levels");
  GDate d;

  if (outcome == NULL || (!g_str_equal (outcome, VERTEBRO_DECISION_PROCEED) &&
                          !g_str_equal (outcome, VERTEBRO_DECISION_DO_NOT_PROCEED) &&
                          !g_str_equal (outcome, VERTEBRO_DECISION_DEFER)))
    /* Translators: a file error; keep the three values, which are the file format's. */
    return fail (error, "outcome", _("must be \"proceed\", \"do_not_proceed\" or \"defer\""));

  if (levels != NULL && !JSON_NODE_HOLDS_NULL (levels))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (levels))
        return fail (error, "levels", _("must be a list of the levels to treat"));
      array = json_node_get_array (levels);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *member = g_strdup_printf ("levels[%u]", i);
          const char *name;

          if (JSON_NODE_TYPE (element) != JSON_NODE_VALUE || json_node_get_value_type (element) != G_TYPE_STRING)
            return fail (error, member, _("must be a level such as \"T12\""));
          name = json_node_get_string (element);
          if (level_names == NULL || !g_strv_contains (level_names, name))
            {
              g_autofree char *problem = NULL;

              /* Translators: a file error; %s is a vertebra such as “T12”. */
              problem = g_strdup_printf (_("%s is not one of the levels assessed"), name);
              return fail (error, member, problem);
            }
          for (guint j = 0; j < i; j++)
            if (g_str_equal (json_array_get_string_element (array, j), name))
              {
                g_autofree char *problem = NULL;

                /* Translators: a file error; %s is a vertebra such as “T12”. */
                problem = g_strdup_printf (_("%s is listed twice"), name);
                return fail (error, member, problem);
              }
        }
    }
  if (g_str_equal (outcome, VERTEBRO_DECISION_PROCEED) &&
      (levels == NULL || !JSON_NODE_HOLDS_ARRAY (levels) || json_array_get_length (json_node_get_array (levels)) == 0))
    return fail (error, "levels", _("a decision to proceed names the levels to treat"));

  if (date == NULL || !vertebro_date_parse (date, &d))
    return fail (error, "date", _("must be a date written YYYY-MM-DD"));
  if (today != NULL && g_date_compare (&d, today) > 0)
    return fail (error, "date", _("is in the future"));

  if (by == NULL || g_utf8_strlen (by, -1) > VERTEBRO_DECISION_MAX_BY_CHARS)
    return fail (error, "by", _("must name who decided, in at most 120 characters"));
  {
    g_autofree char *stripped = g_strstrip (g_strdup (by));

    if (*stripped == '\0')
      return fail (error, "by", _("must name who decided, in at most 120 characters"));
  }

  if (!is_null_or (decision, "mdt", G_TYPE_BOOLEAN))
    return fail (error, "mdt", _("must be true, false or null"));
  if (!is_null_or (decision, "attendees", G_TYPE_STRING))
    return fail (error, "attendees", _("must be text or null"));
  if (!is_null_or (decision, "reason", G_TYPE_STRING))
    return fail (error, "reason", _("must be text or null"));
  if (json_object_has_member (decision, "verdict") && !is_verdict (string_member (decision, "verdict")))
    return fail (error, "verdict", _("must be a verdict such as \"review\""));
  return TRUE;
}

/**
 * vertebro_decision_outcome_label:
 * @outcome: a decision's outcome ("proceed", …)
 *
 * Returns: the outcome in the user's language
 */
const char *
vertebro_decision_outcome_label (const char *outcome)
{
  if (g_strcmp0 (outcome, VERTEBRO_DECISION_PROCEED) == 0)
    return C_("decision", "Proceed");
  if (g_strcmp0 (outcome, VERTEBRO_DECISION_DO_NOT_PROCEED) == 0)
    return C_("decision", "Do not proceed");
  if (g_strcmp0 (outcome, VERTEBRO_DECISION_DEFER) == 0)
    return C_("decision", "Defer");
  return outcome;
}

/**
 * vertebro_decision_describe:
 * @decision: a checked decision
 *
 * Returns: (transfer full): one line for people: "Proceed at L3, 25 Nov 2026,
 *   by Dr A. Example, in a multidisciplinary meeting (IR, oncology)"
 */
char *
vertebro_decision_describe (JsonObject *decision)
{
  g_autoptr(GString) line = g_string_new (vertebro_decision_outcome_label (string_member (decision, "outcome")));
  JsonNode *levels = json_object_get_member (decision, "levels");
  JsonNode *mdt = json_object_get_member (decision, "mdt");
  const char *attendees = string_member (decision, "attendees");
  GDate date;

  if (levels != NULL && JSON_NODE_HOLDS_ARRAY (levels) && json_array_get_length (json_node_get_array (levels)) > 0)
    {
      JsonArray *array = json_node_get_array (levels);

      /* Translators: after a decision's outcome, the levels to treat: “Proceed at T12, L1”. */
      g_string_append_printf (line, " %s ", C_("decision", "at"));
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_string_append_printf (line, "%s%s", i > 0 ? ", " : "", json_array_get_string_element (array, i));
    }
  if (vertebro_date_parse (string_member (decision, "date"), &date))
    {
      g_autofree char *when = vertebro_format_date (&date, VERTEBRO_TEXT_LOCALIZED);

      g_string_append_printf (line, ", %s", when);
    }
  g_string_append (line, ", ");
  /* Translators: who recorded a decision: “by Dr A. Example”. */
  g_string_append_printf (line, C_("decision", "by %s"), string_member (decision, "by"));
  if (mdt != NULL && JSON_NODE_TYPE (mdt) == JSON_NODE_VALUE && json_node_get_boolean (mdt))
    {
      g_string_append_printf (line, ", %s", _("in a multidisciplinary meeting"));
      if (attendees != NULL && *attendees != '\0')
        g_string_append_printf (line, " (%s)", attendees);
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static gboolean
is_adverse (VertebroVerdict verdict)
{
  return verdict <= VERTEBRO_VERDICT_NOT_READY;
}

/**
 * vertebro_decision_is_against:
 * @decision: a checked decision
 * @assessment: the assessment now
 *
 * A decision to proceed is against the assessment when the overall verdict,
 * or the verdict of a level it decided to treat, says not to (contraindicated,
 * not indicated, incomplete or not ready).
 *
 * Returns: whether @decision is against @assessment
 */
gboolean
vertebro_decision_is_against (JsonObject               *decision,
                              const VertebroAssessment *assessment)
{
  JsonNode *levels = json_object_get_member (decision, "levels");

  if (g_strcmp0 (string_member (decision, "outcome"), VERTEBRO_DECISION_PROCEED) != 0)
    return FALSE;
  if (is_adverse (vertebro_assessment_get_verdict (assessment)))
    return TRUE;
  for (guint i = 0; levels != NULL && JSON_NODE_HOLDS_ARRAY (levels) && i < json_array_get_length (json_node_get_array (levels)); i++)
    {
      const char *name = json_array_get_string_element (json_node_get_array (levels), i);

      for (guint l = 0; l < vertebro_assessment_get_n_levels (assessment); l++)
        if (g_strcmp0 (vertebro_assessment_get_level_name (assessment, l), name) == 0 &&
            is_adverse (vertebro_assessment_get_level_verdict (assessment, l)))
          return TRUE;
    }
  return FALSE;
}

/**
 * vertebro_decision_is_stale:
 * @decision: a checked decision
 * @assessment: the assessment now
 *
 * Returns: whether the overall verdict now differs from the one shown when
 *   the decision was recorded (or that one is not known)
 */
gboolean
vertebro_decision_is_stale (JsonObject               *decision,
                            const VertebroAssessment *assessment)
{
  return g_strcmp0 (string_member (decision, "verdict"),
                    vertebro_verdict_to_string (vertebro_assessment_get_verdict (assessment))) != 0;
}

/* ---- The audit trail ---- */

/**
 * vertebro_audit_check:
 * @audit: the file's "audit" member
 * @error: where to say what is wrong
 *
 * Only the shape is checked: an array of objects. What the entries say is
 * checked by vertebro_audit_verify(), and an entry that does not verify
 * never stops a file from opening.
 *
 * Returns: whether @audit is an array of objects
 */
gboolean
vertebro_audit_check (JsonNode  *audit,
                      GError   **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (audit))
    {
      vertebro_set_field_error (error, "audit", "%s", _("must be the list of saves and decisions the app wrote"));
      return FALSE;
    }
  array = json_node_get_array (audit);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      {
        g_autofree char *path = g_strdup_printf ("audit[%u]", i);

        vertebro_set_field_error (error, path, "%s", _("must be an object"));
        return FALSE;
      }
  return TRUE;
}

/* The strings of @member, an array, joined by commas; NULL when it is not
 * an array of strings. */
static char *
joined_strings (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GString) joined = g_string_new (NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_TYPE (element) != JSON_NODE_VALUE || json_node_get_value_type (element) != G_TYPE_STRING)
        return NULL;
      if (i > 0)
        g_string_append_c (joined, ',');
      g_string_append (joined, json_node_get_string (element));
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/**
 * vertebro_audit_entry_hash:
 * @previous: the previous entry's sha256, or 64 zeros for the first
 * @entry: an entry
 *
 * Returns: (transfer full) (nullable): the lowercase hex SHA-256 the format
 *   defines for @entry, or %NULL when a member it covers is missing or of the
 *   wrong type
 */
char *
vertebro_audit_entry_hash (const char *previous,
                           JsonObject *entry)
{
  static const char * const members[] = { "at", "by", "event", "verdict" };
  JsonObject *ruleset = NULL;
  JsonNode *node = json_object_get_member (entry, "ruleset");
  g_autofree char *findings = joined_strings (entry, "findings");
  g_autofree char *missing = joined_strings (entry, "missing");
  g_autoptr(GString) text = g_string_new (previous);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    ruleset = json_node_get_object (node);
  if (findings == NULL || missing == NULL || ruleset == NULL ||
      string_member (ruleset, "id") == NULL || string_member (ruleset, "version") == NULL ||
      string_member (ruleset, "sha256") == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      if (string_member (entry, members[i]) == NULL)
        return NULL;
      g_string_append_printf (text, "\t%s", string_member (entry, members[i]));
    }
  g_string_append_printf (text, "\t%s\t%s\t%s\t%s\t%s", findings, missing, string_member (ruleset, "id"),
                          string_member (ruleset, "version"), string_member (ruleset, "sha256"));
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);
}

/**
 * vertebro_audit_verify:
 * @audit: the trail
 *
 * Returns: whether every entry's sha256 is the one its contents and the
 *   entry before give: nothing was changed, removed or reordered
 */
gboolean
vertebro_audit_verify (JsonArray *audit)
{
  const char *previous = ZERO_HASH;

  for (guint i = 0; i < json_array_get_length (audit); i++)
    {
      JsonObject *entry = json_array_get_object_element (audit, i);
      g_autofree char *hash = entry != NULL ? vertebro_audit_entry_hash (previous, entry) : NULL;

      if (hash == NULL || g_strcmp0 (hash, string_member (entry, "sha256")) != 0)
        return FALSE;
      previous = string_member (entry, "sha256");
    }
  return TRUE;
}

static JsonArray *
ids_of (GPtrArray *items)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < items->len; i++)
    json_array_add_string_element (array, vertebro_item_get_id (g_ptr_array_index (items, i)));
  return array;
}

static JsonArray *
strv_array (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

/**
 * vertebro_audit_entry_new:
 * @audit: the trail as found (possibly altered)
 * @event: "saved" or "decision"
 * @by: who
 * @at: when (converted to UTC)
 * @assessment: the assessment at that moment
 *
 * Returns: (transfer full): the entry to append, chained to the last entry
 *   as found
 */
JsonObject *
vertebro_audit_entry_new (JsonArray                *audit,
                          const char               *event,
                          const char               *by,
                          GDateTime                *at,
                          const VertebroAssessment *assessment)
{
  JsonObject *entry = json_object_new ();
  JsonObject *ruleset = json_object_new ();
  g_autoptr(GDateTime) utc = g_date_time_to_utc (at);
  g_autofree char *when = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  const char *previous = ZERO_HASH;
  g_autofree char *hash = NULL;
  guint n = audit != NULL ? json_array_get_length (audit) : 0;

  if (n > 0)
    {
      const char *last = string_member (json_array_get_object_element (audit, n - 1), "sha256");

      if (last != NULL)
        previous = last;
    }

  json_object_set_string_member (entry, "at", when);
  json_object_set_string_member (entry, "by", by);
  json_object_set_string_member (entry, "event", event);
  json_object_set_string_member (entry, "verdict", vertebro_verdict_to_string (vertebro_assessment_get_verdict (assessment)));
  json_object_set_array_member (entry, "findings", ids_of (vertebro_assessment_get_findings (assessment)));
  json_object_set_array_member (entry, "missing", strv_array (vertebro_assessment_get_missing (assessment)));
  json_object_set_string_member (ruleset, "id", vertebro_assessment_get_ruleset_id (assessment));
  json_object_set_string_member (ruleset, "version", vertebro_assessment_get_ruleset_version (assessment));
  json_object_set_string_member (ruleset, "sha256", vertebro_assessment_get_ruleset_sha256 (assessment));
  json_object_set_object_member (entry, "ruleset", ruleset);
  hash = vertebro_audit_entry_hash (previous, entry);
  json_object_set_string_member (entry, "sha256", hash);
  return entry;
}

/* Strings of @member of @entry not in @now (added) or of @now not in it. */
static JsonArray *
difference (JsonArray *from,
            JsonArray *to)
{
  JsonArray *result = json_array_new ();

  for (guint i = 0; i < json_array_get_length (to); i++)
    {
      const char *id = json_array_get_string_element (to, i);
      gboolean found = FALSE;

      for (guint j = 0; from != NULL && j < json_array_get_length (from) && !found; j++)
        found = g_strcmp0 (json_array_get_string_element (from, j), id) == 0;
      if (!found)
        json_array_add_string_element (result, id);
    }
  return result;
}

static JsonArray *
string_array_member (JsonObject *entry,
                     const char *member)
{
  g_autofree char *joined = joined_strings (entry, member);

  return joined != NULL ? json_object_get_array_member (entry, member) : NULL;
}

/**
 * vertebro_audit_since_last:
 * @entry: the trail's last entry
 * @assessment: the assessment now
 *
 * What changed since the last entry: the verdict before and now, findings
 * and missing fields added and removed, and whether the rule set changed.
 * This is how a department sees what a new rule set version, a site rule
 * set or an edit made elsewhere changed for a saved patient.
 *
 * Returns: (transfer full): the "since_last" object of the output
 */
JsonObject *
vertebro_audit_since_last (JsonObject               *entry,
                           const VertebroAssessment *assessment)
{
  JsonObject *since = json_object_new ();
  JsonArray *verdicts = json_array_new ();
  g_autoptr(JsonArray) findings = ids_of (vertebro_assessment_get_findings (assessment));
  g_autoptr(JsonArray) missing = strv_array (vertebro_assessment_get_missing (assessment));
  JsonArray *old_findings = string_array_member (entry, "findings");
  JsonArray *old_missing = string_array_member (entry, "missing");
  JsonNode *node = json_object_get_member (entry, "ruleset");
  JsonObject *ruleset = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *old_verdict = string_member (entry, "verdict");

  if (old_verdict != NULL)
    json_array_add_string_element (verdicts, old_verdict);
  else
    json_array_add_null_element (verdicts);
  json_array_add_string_element (verdicts, vertebro_verdict_to_string (vertebro_assessment_get_verdict (assessment)));
  json_object_set_array_member (since, "verdict", verdicts);
  json_object_set_array_member (since, "findings_added", difference (old_findings, findings));
  json_object_set_array_member (since, "findings_removed", old_findings != NULL ? difference (findings, old_findings) : json_array_new ());
  json_object_set_array_member (since, "missing_added", difference (old_missing, missing));
  json_object_set_array_member (since, "missing_removed", old_missing != NULL ? difference (missing, old_missing) : json_array_new ());
  json_object_set_boolean_member (since, "ruleset_changed",
                                  ruleset == NULL ||
                                  g_strcmp0 (string_member (ruleset, "id"), vertebro_assessment_get_ruleset_id (assessment)) != 0 ||
                                  g_strcmp0 (string_member (ruleset, "version"), vertebro_assessment_get_ruleset_version (assessment)) != 0 ||
                                  g_strcmp0 (string_member (ruleset, "sha256"), vertebro_assessment_get_ruleset_sha256 (assessment)) != 0);
  return since;
}

/**
 * vertebro_audit_entry_differs:
 * @entry: (nullable): the trail's last entry
 * @assessment: the assessment now
 *
 * Returns: whether a save now must append an entry: there is none yet, or
 *   the verdict, findings, missing fields or rule set differ from it
 */
gboolean
vertebro_audit_entry_differs (JsonObject               *entry,
                              const VertebroAssessment *assessment)
{
  g_autoptr(JsonObject) since = NULL;
  g_autofree char *findings = NULL;
  g_autofree char *old_findings = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *old_missing = NULL;
  g_autoptr(JsonObject) probe = NULL;

  if (entry == NULL)
    return TRUE;
  since = vertebro_audit_since_last (entry, assessment);
  /* The same ids in the same order, not only the same sets. */
  probe = json_object_new ();
  json_object_set_array_member (probe, "f", ids_of (vertebro_assessment_get_findings (assessment)));
  json_object_set_array_member (probe, "m", strv_array (vertebro_assessment_get_missing (assessment)));
  findings = joined_strings (probe, "f");
  missing = joined_strings (probe, "m");
  old_findings = joined_strings (entry, "findings");
  old_missing = joined_strings (entry, "missing");
  return g_strcmp0 (json_array_get_string_element (json_object_get_array_member (since, "verdict"), 0),
                    json_array_get_string_element (json_object_get_array_member (since, "verdict"), 1)) != 0 ||
         g_strcmp0 (findings, old_findings) != 0 || g_strcmp0 (missing, old_missing) != 0 ||
         json_object_get_boolean_member (since, "ruleset_changed");
}

/**
 * vertebro_audit_since_last_changed:
 * @since: a "since_last" object
 *
 * Returns: whether anything changed since the last entry
 */
gboolean
vertebro_audit_since_last_changed (JsonObject *since)
{
  static const char * const lists[] = { "findings_added", "findings_removed", "missing_added", "missing_removed" };
  JsonArray *verdicts = json_object_get_array_member (since, "verdict");

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (json_array_get_length (json_object_get_array_member (since, lists[i])) > 0)
      return TRUE;
  return json_object_get_boolean_member (since, "ruleset_changed") ||
         g_strcmp0 (json_array_get_string_element (verdicts, 0), json_array_get_string_element (verdicts, 1)) != 0;
}
