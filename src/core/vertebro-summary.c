/* vertebro-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The assessment in plain text: the verdict, the levels, the decision and
 * the audit trail, the findings with what would change them, what is left
 * to complete, the checklist with due dates, the counselling, and the
 * references. One text for the command line and the window's clipboard.
 */

#define G_LOG_DOMAIN "vertebro-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "vertebro-audit.h"
#include "vertebro-summary.h"

static void
print_sources (GString            *out,
               const char * const *sources)
{
  if (sources == NULL || sources[0] == NULL)
    return;
  g_autofree char *joined = g_strjoinv (", ", (char **) sources);
  /* Translators: a list of source ids such as "src-002, sir-2019". */
  g_string_append_printf (out, _("      Sources: %s\n"), joined);
}

/* Every source the assessment cites, in the rule set's order: guidelines and
 * literature first, then the source documents, each with its DOI when it
 * has one. */
static void
print_references (GString            *out,
                  VertebroAssessment *a,
                  VertebroRuleset    *rules)
{
  g_autoptr(GPtrArray) cited = vertebro_assessment_get_cited_sources (a, rules);
  gboolean in_documents = FALSE;

  for (guint i = 0; i < cited->len; i++)
    {
      const char *id = g_ptr_array_index (cited, i);
      const char *doi = vertebro_ruleset_get_doi (rules, id);

      if (i == 0)
        g_string_append_printf (out, "\n%s\n", _("References: guidelines and literature"));
      if (!in_documents && vertebro_ruleset_is_source_document (rules, id))
        {
          in_documents = TRUE;
          g_string_append_printf (out, "\n%s\n", _("References: source documents"));
        }
      /* The built-in rule set's citations are in the catalogue. */
      g_string_append_printf (out, "  %s  %s", id, _(vertebro_ruleset_get_citation (rules, id)));
      if (doi != NULL)
        g_string_append_printf (out, ". https://doi.org/%s", doi);
      g_string_append_c (out, '\n');
    }
}

static void
append_ids (GString    *out,
            const char *label,
            JsonArray  *ids)
{
  if (json_array_get_length (ids) == 0)
    return;
  g_string_append_printf (out, "; %s ", label);
  for (guint i = 0; i < json_array_get_length (ids); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", json_array_get_string_element (ids, i));
}

/* The decision beside the verdict (never changing it), and the audit trail:
 * whether it is intact, and what changed since the file was last saved. */
static void
print_record (GString            *out,
              VertebroAssessment *a)
{
  gboolean against, stale, intact;
  JsonObject *decision = vertebro_assessment_get_decision (a, &against, &stale);
  JsonObject *since;
  guint entries;
  gboolean has_audit = vertebro_assessment_get_audit (a, &entries, &intact, &since);

  if (decision != NULL || has_audit)
    g_string_append_c (out, '\n');
  if (decision != NULL)
    {
      g_autofree char *line = vertebro_decision_describe (decision);
      const char *reason = json_object_get_string_member_with_default (decision, "reason", NULL);

      /* Translators: the decision recorded after the assessment, in words. */
      g_string_append_printf (out, _("Decision: %s\n"), line);
      if (reason != NULL && *reason != '\0')
        /* Translators: keep the leading spaces; %s is the decision's reason as typed. */
        g_string_append_printf (out, _("  Reason: %s\n"), reason);
      if (against)
        g_string_append_printf (out, "  %s\n", _("Against the assessment: the decision is to proceed although the verdict says not to."));
      if (stale)
        /* Translators: keep the leading spaces; %s is the verdict when the decision was recorded. */
        g_string_append_printf (out, _("  The assessment changed after this decision (it was “%s” then).\n"),
                                vertebro_verdict_get_label_for_id (json_object_get_string_member_with_default (decision, "verdict", NULL)));
    }

  if (has_audit)
    {
      if (intact)
        g_string_append_printf (out,
                                /* Translators: the patient file's audit trail, whose chain verifies. */
                                ngettext ("Audit trail: %u entry, intact\n", "Audit trail: %u entries, intact\n", entries),
                                entries);
      else
        g_string_append_printf (out,
                                /* Translators: an audit trail whose chain does not verify. */
                                ngettext ("Audit trail: %u entry, ALTERED outside Vertebro\n",
                                          "Audit trail: %u entries, ALTERED outside Vertebro\n", entries),
                                entries);
      if (since != NULL && vertebro_audit_since_last_changed (since))
        {
          g_autofree char *changes = vertebro_audit_describe_changes (since);

          /* Translators: keep the leading spaces; %s says what changed since the last save. */
          g_string_append_printf (out, _("  Since it was last saved: %s\n"), changes);
        }
    }
}

/**
 * vertebro_assessment_get_cited_sources:
 * @a: an assessment
 * @rules: the rule set it was made with
 *
 * The references of an assessment, as the command line, the PDF and the
 * window list them: every source its findings, checklist and counselling
 * cite, once each, in the rule set's order, guidelines and literature first
 * and the source documents after them (clinical-rules.md §7.16).
 *
 * Returns: (transfer container): the source ids, owned by @rules
 */
GPtrArray *
vertebro_assessment_get_cited_sources (VertebroAssessment *a,
                                       VertebroRuleset    *rules)
{
  GPtrArray *lists[] = {
    vertebro_assessment_get_findings (a),
    vertebro_assessment_get_checklist (a),
    vertebro_assessment_get_counsel (a),
  };
  g_autoptr(GHashTable) cited = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *ids = g_ptr_array_new ();

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const char * const *sources = vertebro_item_get_sources (g_ptr_array_index (lists[l], i));

        for (guint s = 0; sources != NULL && sources[s] != NULL; s++)
          g_hash_table_add (cited, (gpointer) sources[s]);
      }
  for (int documents = 0; documents < 2; documents++)
    for (guint i = 0; i < vertebro_ruleset_get_n_sources (rules); i++)
      {
        const char *id = vertebro_ruleset_get_source (rules, i, NULL);

        if (g_hash_table_contains (cited, id) && vertebro_ruleset_is_source_document (rules, id) == documents)
          g_ptr_array_add (ids, (gpointer) id);
      }
  return ids;
}

/**
 * vertebro_audit_describe_changes:
 * @since: a "since_last" object that changed
 *
 * Returns: (transfer full): what changed since the last entry, in words:
 *   "Eligible → Needs review; findings added: rc.radiculopathy; the rule set
 *   changed"
 */
char *
vertebro_audit_describe_changes (JsonObject *since)
{
  JsonArray *verdicts = json_object_get_array_member (since, "verdict");
  GString *line = g_string_new (NULL);

  /* Translators: the verdict when the file was last saved, then now. */
  g_string_append_printf (line, _("%s → %s"),
                          vertebro_verdict_get_label_for_id (json_array_get_string_element (verdicts, 0)),
                          vertebro_verdict_get_label_for_id (json_array_get_string_element (verdicts, 1)));
  append_ids (line, _("findings added:"), json_object_get_array_member (since, "findings_added"));
  append_ids (line, _("findings removed:"), json_object_get_array_member (since, "findings_removed"));
  append_ids (line, _("missing now:"), json_object_get_array_member (since, "missing_added"));
  append_ids (line, _("no longer missing:"), json_object_get_array_member (since, "missing_removed"));
  if (json_object_get_boolean_member (since, "ruleset_changed"))
    g_string_append_printf (line, "; %s", _("the rule set changed"));
  return g_string_free (line, FALSE);
}

/**
 * vertebro_assessment_to_text:
 * @a: an assessment
 * @rules: the rule set it was made with
 *
 * The assessment as plain text for a person, in the user's language: what
 * `vertebro --evaluate` prints and "Copy Summary" puts on the clipboard,
 * ready to paste into a clinical note.
 *
 * Returns: (transfer full): the text, ending with a newline
 */
char *
vertebro_assessment_to_text (VertebroAssessment *a,
                             VertebroRuleset    *rules)
{
  GString *out = g_string_new (NULL);
  const char * const *qualifying = vertebro_assessment_get_qualifying_levels (a);
  const char * const *missing = vertebro_assessment_get_missing (a);
  GPtrArray *items;
  double crcl;
  int age;

  /* Translators: the first line of the text output: the verdict, such as “Not ready”, then what it
   * means. */
  g_string_append_printf (out, _("Verdict: %s — %s\n"),
                          vertebro_verdict_get_label (vertebro_assessment_get_verdict (a)),
                          vertebro_verdict_get_summary (vertebro_assessment_get_verdict (a)));
  if (qualifying[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) qualifying);

      switch (vertebro_assessment_get_verdict (a))
        {
        case VERTEBRO_VERDICT_NOT_READY:
          /* Translators: %s lists vertebral levels such as “T12, L1”. */
          g_string_append_printf (out, _("Levels that qualify once corrected: %s\n"), joined);
          break;
        case VERTEBRO_VERDICT_REVIEW:
          /* Translators: %s lists vertebral levels such as “T12, L1”. */
          g_string_append_printf (out, _("Levels that qualify, subject to review: %s\n"), joined);
          break;
        case VERTEBRO_VERDICT_ELIGIBLE:
        case VERTEBRO_VERDICT_CONTRAINDICATED:
        case VERTEBRO_VERDICT_NOT_INDICATED:
        case VERTEBRO_VERDICT_INCOMPLETE:
        default:
          /* Translators: %s lists vertebral levels such as “T12, L1”. */
          g_string_append_printf (out, _("Levels that qualify: %s\n"), joined);
          break;
        }
    }

  if (vertebro_assessment_get_n_levels (a) > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Levels"));
      for (guint i = 0; i < vertebro_assessment_get_n_levels (a); i++)
        {
          int genant = vertebro_assessment_get_level_genant (a, i);
          /* Translators: the Genant grade of a vertebral fracture, 0 to 3. */
          g_autofree char *grade = genant >= 0 ? g_strdup_printf (_("Genant grade %d"), genant)
                                               : g_strdup (_("collapse not assessed"));

          g_autofree char *name = vertebro_assessment_dup_level_label (a, i);

          g_string_append_printf (out, "  %-4s %s (%s)\n", name,
                                  vertebro_verdict_get_label (vertebro_assessment_get_level_verdict (a, i)), grade);
        }
    }

  print_record (out, a);

  items = vertebro_assessment_get_findings (a);
  if (items->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Findings"));
      for (guint i = 0; i < items->len; i++)
        {
          VertebroItem *item = g_ptr_array_index (items, i);
          g_autofree char *message = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
          g_autofree char *remedy = vertebro_item_dup_remedy (item, VERTEBRO_TEXT_LOCALIZED);

          g_string_append_printf (out, "  [%s] %s\n", vertebro_severity_get_label (vertebro_item_get_severity (item)), message);
          if (remedy != NULL)
            /* Translators: keep the leading spaces (the indentation of the text output); %s says
             * what would change a finding. */
            g_string_append_printf (out, _("      What would change it: %s\n"), remedy);
          print_sources (out, vertebro_item_get_sources (item));
        }
    }

  if (missing[0] != NULL)
    {
      g_string_append_printf (out, "\n%s\n", _("To complete"));
      for (guint i = 0; missing[i] != NULL; i++)
        {
          g_autofree char *label = vertebro_assessment_dup_field_label (a, missing[i]);

          g_string_append_printf (out, "  - %s (%s)\n", label, missing[i]);
        }
    }

  items = vertebro_assessment_get_checklist (a);
  if (items->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Preparation checklist"));
      for (guint i = 0; i < items->len; i++)
        {
          VertebroItem *item = g_ptr_array_index (items, i);
          g_autofree char *text = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
          const GDate *due = vertebro_item_get_due (item);

          g_string_append_printf (out, "  [%s] %s", vertebro_item_get_done (item) ? "x" : " ", text);
          if (due != NULL)
            {
              g_autofree char *date = vertebro_format_date (due, VERTEBRO_TEXT_LOCALIZED);
              /* Translators: %s is a date. */
              g_string_append_printf (out, _(" (due %s)"), date);
            }
          g_string_append_c (out, '\n');
        }
    }

  items = vertebro_assessment_get_counsel (a);
  if (items->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Counselling"));
      for (guint i = 0; i < items->len; i++)
        {
          g_autofree char *text = vertebro_item_dup_text (g_ptr_array_index (items, i), VERTEBRO_TEXT_LOCALIZED);
          g_string_append_printf (out, "  - %s\n", text);
        }
    }

  g_string_append_c (out, '\n');
  if (vertebro_assessment_get_age (a, &age))
    /* Translators: the patient’s age in whole years on the assessment date. */
    g_string_append_printf (out, ngettext ("Age: %d year\n", "Age: %d years\n", age), age);
  if (vertebro_assessment_get_crcl (a, &crcl))
    {
      g_autofree char *value = vertebro_format_number (crcl, VERTEBRO_TEXT_LOCALIZED);
      /* Translators: %s is a number in the user’s format, such as “59.9”. */
      g_string_append_printf (out, _("Creatinine clearance: %s mL/min\n"), value);
    }
  print_references (out, a, rules);

  g_string_append_c (out, '\n');
  /* Translators: rule set id, version, and the start of its SHA-256. */
  g_string_append_printf (out, _("Rule set: %s %s (SHA-256 %.12s)\n"),
                          vertebro_assessment_get_ruleset_id (a),
                          vertebro_assessment_get_ruleset_version (a),
                          vertebro_assessment_get_ruleset_sha256 (a));
  g_string_append_printf (out, "%s\n", _("Decision support only: it does not replace clinical judgement."));

  return g_string_free (out, FALSE);
}

