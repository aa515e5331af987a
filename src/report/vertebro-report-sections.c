/* vertebro-report-sections.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sections of the clinician's summary, in document order
 * (vertebro_report_draw_sections()): the title, the patient, the verdict,
 * the decision and record, the levels (vertebro-report-tables.c), what the
 * assessment used, the findings, what is still needed, the preparation
 * checklist, the counselling, the references and the signatures. What
 * every page has, its header and footer, is in vertebro-report-margins.c.
 *
 * Pagination: every block that must stay whole (a finding, a checklist
 * item, the signature lines) is measured with pango before it is placed,
 * and goes to the next page when it does not fit (vertebro_flow_place()).
 * A heading is kept with the first block under it. Only the free-text
 * notes may break between lines.
 */

#define G_LOG_DOMAIN "vertebro-report"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "vertebro-report-private.h"

/* ---- Headings ---- */

/* A section heading, kept on the page of the first @next_height points of
 * what follows it. */
void
vertebro_report_flow_heading (Flow       *flow,
                              const char *title,
                              double      next_height)
{
  VertebroReport *self = FLOW_REPORT (flow);
  g_autoptr(PangoLayout) layout = vertebro_report_new_text (self, FONT_HEADING, flow->width, title);
  double height = vertebro_report_layout_height (layout);
  Bookmark bookmark;
  double y;

  vertebro_flow_space (flow, SECTION_SPACE);
  y = vertebro_flow_place (flow, height + HEADING_AFTER + next_height);
  vertebro_report_show_layout (flow->cr, layout, flow->left, y, INK);
  vertebro_report_draw_rule (flow->cr, flow->left, y + height + 1.5, flow->width, INK, 0.8);
  vertebro_flow_advance (flow, height + HEADING_AFTER);

  bookmark.title = g_strdup (title);
  bookmark.page = self->pages->len;  /* counted from 1, as PDF links count */
  bookmark.y = y;
  g_array_append_val (self->bookmarks, bookmark);
}

/* ---- The sections, in document order ---- */

static void
draw_title (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, "assessment.procedure");
  const char *procedure = vertebro_field_choice_label (field, vertebro_patient_get_text (self->patient, "assessment.procedure"));
  g_autoptr(PangoLayout) title = vertebro_report_new_text (self, FONT_TITLE, flow->width, _("Pre-procedure assessment"));
  g_autoptr(PangoLayout) subtitle = NULL;
  double height, y;

  /* The institution, from Preferences, above the title. */
  if (self->institution != NULL && *self->institution != '\0')
    {
      g_autoptr(PangoLayout) institution = vertebro_report_new_text (self, FONT_BODY_BOLD, flow->width, self->institution);

      y = vertebro_flow_place (flow, vertebro_report_layout_height (institution) + 4);
      vertebro_report_show_layout (flow->cr, institution, flow->left, y, INK_SECONDARY);
      vertebro_flow_advance (flow, vertebro_report_layout_height (institution) + 4);
    }
  subtitle = vertebro_report_new_text (self, FONT_SUBTITLE, flow->width, procedure != NULL ? procedure : "");
  height = vertebro_report_layout_height (title) + 2 + vertebro_report_layout_height (subtitle);
  y = vertebro_flow_place (flow, height);
  vertebro_report_show_layout (flow->cr, title, flow->left, y, INK);
  vertebro_report_show_layout (flow->cr, subtitle, flow->left, y + vertebro_report_layout_height (title) + 2, INK_SECONDARY);
  vertebro_flow_advance (flow, height);
}

typedef struct {
  PangoLayout *label;
  PangoLayout *value;
} Pair;

/* Label and value rows in a column of @width; returns its height. */
static double
measure_pairs (VertebroReport *self,
               Pair           *pairs,
               guint           n_pairs,
               const char    **labels,
               char          **values,
               double          width)
{
  double label_width = MIN (95.0, width * 0.38);
  double height = 0;

  for (guint i = 0; i < n_pairs; i++)
    {
      pairs[i].label = vertebro_report_new_text (self, FONT_SMALL, label_width - 6, labels[i]);
      if (values[i] != NULL)
        pairs[i].value = vertebro_report_new_text (self, FONT_BODY, width - label_width, values[i]);
      else
        pairs[i].value = vertebro_report_new_text (self, FONT_SMALL_ITALIC, width - label_width, _("not recorded"));
      pango_layout_set_height (pairs[i].value, -PATIENT_VALUE_LINES);
      pango_layout_set_ellipsize (pairs[i].value, PANGO_ELLIPSIZE_END);
      height += MAX (vertebro_report_layout_height (pairs[i].label), vertebro_report_layout_height (pairs[i].value)) + 3;
    }
  return height;
}

static void
show_pairs (cairo_t *cr,
            Pair    *pairs,
            guint    n_pairs,
            char   **values,
            double   x,
            double   y,
            double   width)
{
  double label_width = MIN (95.0, width * 0.38);

  for (guint i = 0; i < n_pairs; i++)
    {
      /* Align the label's baseline with the value's first line. */
      double shift = (double) (pango_layout_get_baseline (pairs[i].value) -
                               pango_layout_get_baseline (pairs[i].label)) / PANGO_SCALE;

      vertebro_report_show_layout (cr, pairs[i].label, x, y + shift, INK_SECONDARY);
      vertebro_report_show_layout (cr, pairs[i].value, x + label_width, y, values[i] != NULL ? INK : INK_SECONDARY);
      y += MAX (vertebro_report_layout_height (pairs[i].label), vertebro_report_layout_height (pairs[i].value)) + 3;
      g_clear_object (&pairs[i].label);
      g_clear_object (&pairs[i].value);
    }
}

/* Patient (name, identifier, birth date and age, sex, weight) on the left;
 * the assessment (dates, clinician) on the right; the notes below. */
static void
draw_patient (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  static const char *patient_paths[] = {
    "patient.name", "patient.identifier", "patient.birth_date", "patient.sex", "patient.weight_kg",
  };
  static const char *assessment_paths[] = {
    "assessment.date", "assessment.planned_date", "assessment.clinician",
  };
  const char *patient_labels[G_N_ELEMENTS (patient_paths)];
  const char *assessment_labels[G_N_ELEMENTS (assessment_paths)];
  char *patient_values[G_N_ELEMENTS (patient_paths)];
  char *assessment_values[G_N_ELEMENTS (assessment_paths)];
  Pair patient_pairs[G_N_ELEMENTS (patient_paths)] = { { 0 } };
  Pair assessment_pairs[G_N_ELEMENTS (assessment_paths)] = { { 0 } };
  double column = (flow->width - 2 * COLUMN_GAP) / 2;
  g_autoptr(PangoLayout) patient_heading = vertebro_report_new_text (self, FONT_SMALL_BOLD, column, _("Patient"));
  g_autoptr(PangoLayout) assessment_heading = vertebro_report_new_text (self, FONT_SMALL_BOLD, column, _("Assessment"));
  g_autofree char *notes = vertebro_report_patient_value (self, "notes");
  double heading, left, right, height, y;
  int age;

  for (guint i = 0; i < G_N_ELEMENTS (patient_paths); i++)
    {
      patient_labels[i] = vertebro_report_field_label (VERTEBRO_RECORD_PATIENT, patient_paths[i]);
      patient_values[i] = vertebro_report_patient_value (self, patient_paths[i]);
    }
  if (patient_values[2] != NULL && vertebro_assessment_get_age (self->assessment, &age))
    {
      /* Translators: a birth date and the age it gives on the assessment
       * date, as in "14 Jun 1944 (age 82)". */
      char *with_age = g_strdup_printf (_("%s (age %d)"), patient_values[2], age);

      g_free (patient_values[2]);
      patient_values[2] = with_age;
    }

  for (guint i = 0; i < G_N_ELEMENTS (assessment_paths); i++)
    {
      assessment_labels[i] = vertebro_report_field_label (VERTEBRO_RECORD_PATIENT, assessment_paths[i]);
      assessment_values[i] = vertebro_report_patient_value (self, assessment_paths[i]);
    }
  /* Without a date of its own, the assessment was made today: when the
   * summary was generated. */
  if (assessment_values[0] == NULL)
    {
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (self->generated),
                      g_date_time_get_month (self->generated), g_date_time_get_year (self->generated));
      assessment_values[0] = vertebro_format_date (&today, VERTEBRO_TEXT_LOCALIZED);
    }

  heading = vertebro_report_layout_height (patient_heading) + 4;
  left = measure_pairs (self, patient_pairs, G_N_ELEMENTS (patient_paths), patient_labels, patient_values, column);
  right = measure_pairs (self, assessment_pairs, G_N_ELEMENTS (assessment_paths), assessment_labels, assessment_values, column);
  height = heading + MAX (left, right);

  vertebro_flow_space (flow, SECTION_SPACE);
  y = vertebro_flow_place (flow, height);
  vertebro_report_show_layout (flow->cr, patient_heading, flow->left, y, INK_SECONDARY);
  vertebro_report_show_layout (flow->cr, assessment_heading, flow->left + column + 2 * COLUMN_GAP, y, INK_SECONDARY);
  show_pairs (flow->cr, patient_pairs, G_N_ELEMENTS (patient_paths), patient_values,
              flow->left, y + heading, column);
  show_pairs (flow->cr, assessment_pairs, G_N_ELEMENTS (assessment_paths), assessment_values,
              flow->left + column + 2 * COLUMN_GAP, y + heading, column);
  vertebro_flow_advance (flow, height);

  if (notes != NULL)
    {
      g_autoptr(PangoLayout) label = vertebro_report_new_text (self, FONT_SMALL_BOLD, flow->width, vertebro_report_field_label (VERTEBRO_RECORD_PATIENT, "notes"));
      g_autoptr(GPtrArray) pieces = vertebro_report_split_long_text (notes, NOTES_PIECE_BYTES);
      g_autoptr(PangoLayout) text = vertebro_report_new_text (self, FONT_BODY, flow->width, g_ptr_array_index (pieces, 0));

      vertebro_flow_space (flow, 8);
      /* The label stays with the first line of the notes. */
      y = vertebro_flow_place (flow, vertebro_report_layout_height (label) + 2 + vertebro_report_layout_height (text) / MAX (1, pango_layout_get_line_count (text)));
      vertebro_report_show_layout (flow->cr, label, flow->left, y, INK_SECONDARY);
      vertebro_flow_advance (flow, vertebro_report_layout_height (label) + 2);
      vertebro_flow_long_text (flow, text, flow->left, INK);
      for (guint i = 1; i < pieces->len; i++)
        {
          g_autoptr(PangoLayout) more = vertebro_report_new_text (self, FONT_BODY, flow->width, g_ptr_array_index (pieces, i));

          vertebro_flow_long_text (flow, more, flow->left, INK);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (patient_paths); i++)
    g_free (patient_values[i]);
  for (guint i = 0; i < G_N_ELEMENTS (assessment_paths); i++)
    g_free (assessment_values[i]);
}

/* The overall verdict: a symbol, the verdict in words, what it means and
 * which levels qualify, in a box. */
static void
draw_verdict (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  VertebroVerdict verdict = vertebro_assessment_get_verdict (self->assessment);
  double pad = 10;
  double text_x = pad + SYMBOL_SIZE + 12;
  double text_width = flow->width - text_x - pad;
  g_autofree char *qualifying = vertebro_report_qualifying_text (self->assessment);
  g_autofree char *heading = g_markup_printf_escaped ("<span size='smaller' weight='normal'>%s</span>  %s",
                                                      _("Verdict"), vertebro_verdict_get_label (verdict));
  g_autoptr(PangoLayout) label = vertebro_report_new_markup (self, FONT_VERDICT, text_width, heading);
  g_autoptr(PangoLayout) summary = vertebro_report_new_text (self, FONT_BODY, text_width, vertebro_verdict_get_summary (verdict));
  g_autoptr(PangoLayout) levels = vertebro_report_new_text (self, FONT_BODY_BOLD, text_width, qualifying);
  double text_height = vertebro_report_layout_height (label) + 3 + vertebro_report_layout_height (summary) + 3 + vertebro_report_layout_height (levels);
  double height = 2 * pad + MAX (SYMBOL_SIZE, text_height);
  double y;

  vertebro_flow_space (flow, SECTION_SPACE);
  y = vertebro_flow_place (flow, height);

  vertebro_report_draw_frame (flow->cr, flow->left, y, flow->width, height, INK, 1.5);

  vertebro_report_draw_verdict_symbol (flow->cr, verdict, flow->left + pad, y + (height - SYMBOL_SIZE) / 2, SYMBOL_SIZE);
  y += (height - text_height) / 2;
  vertebro_report_show_layout (flow->cr, label, flow->left + text_x, y, INK);
  y += vertebro_report_layout_height (label) + 3;
  vertebro_report_show_layout (flow->cr, summary, flow->left + text_x, y, INK);
  y += vertebro_report_layout_height (summary) + 3;
  vertebro_report_show_layout (flow->cr, levels, flow->left + text_x, y, INK);
  vertebro_flow_advance (flow, height);
}

/* ---- The record: decision and audit trail ---- */

/* One line of the record, with a black-and-white mark where it warns. */
static void
record_line (Flow       *flow,
             const char *text,
             Font        font,
             gboolean    warning)
{
  VertebroReport *self = FLOW_REPORT (flow);
  double indent = warning ? 16 : 0;
  g_autoptr(PangoLayout) layout = vertebro_report_new_text (self, font, flow->width - indent, text);
  double y = vertebro_flow_place (flow, vertebro_report_layout_height (layout) + 2);

  if (warning)
    vertebro_report_draw_verdict_symbol (flow->cr, VERTEBRO_VERDICT_NOT_READY, flow->left, y + 1, 11);
  vertebro_report_show_layout (flow->cr, layout, flow->left + indent, y, INK);
  vertebro_flow_advance (flow, vertebro_report_layout_height (layout) + 2);
}

/* The decision recorded after the assessment, beside the verdict (which it
 * never changes), and the state of the audit trail. */
static void
draw_record (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  gboolean against, stale, intact;
  JsonObject *decision = vertebro_assessment_get_decision (self->assessment, &against, &stale);
  JsonObject *since = NULL;
  guint entries = 0;
  gboolean has_audit = vertebro_assessment_get_audit (self->assessment, &entries, &intact, &since);
  JsonArray *audit = vertebro_patient_get_audit (self->patient);

  if (decision == NULL && !has_audit)
    return;

  vertebro_report_flow_heading (flow, _("Decision and record"), 40);
  if (decision != NULL)
    {
      g_autofree char *line = vertebro_decision_describe (decision);
      g_autofree char *decided = g_strdup_printf (_("Decision: %s"), line);
      const char *reason = json_object_get_string_member_with_default (decision, "reason", NULL);

      record_line (flow, decided, FONT_BODY_BOLD, FALSE);
      if (reason != NULL && *reason != '\0')
        {
          /* Translators: %s is the reason given for a decision. */
          g_autofree char *text = g_strdup_printf (_("Reason: %s"), reason);

          record_line (flow, text, FONT_BODY, FALSE);
        }
      if (against)
        record_line (flow, _("Against the assessment: the decision is to proceed although the verdict says not to."),
                     FONT_BODY_BOLD, TRUE);
      if (stale)
        {
          /* Translators: %s is the verdict when the decision was recorded. */
          g_autofree char *text = g_strdup_printf (_("The assessment changed after this decision: the verdict was “%s” when it was recorded."),
                                                   vertebro_verdict_get_label_for_id (json_object_get_string_member_with_default (decision, "verdict", NULL)));

          record_line (flow, text, FONT_BODY_BOLD, TRUE);
        }
    }
  else
    record_line (flow, _("No decision has been recorded."), FONT_BODY, FALSE);

  if (has_audit)
    {
      g_autofree char *text = NULL;
      JsonObject *last = entries > 0 ? json_array_get_object_element (audit, entries - 1) : NULL;

      if (intact)
        /* Translators: the audit trail of the patient file. */
        text = g_strdup_printf (ngettext ("Audit trail: %u entry, intact.", "Audit trail: %u entries, intact.", entries), entries);
      else
        /* Translators: the audit trail of the patient file, whose chain of checksums does not verify. */
        text = g_strdup_printf (ngettext ("Audit trail: %u entry, ALTERED outside Vertebro: it does not verify.",
                                          "Audit trail: %u entries, ALTERED outside Vertebro: they do not verify.", entries),
                                entries);
      record_line (flow, text, intact ? FONT_BODY : FONT_BODY_BOLD, !intact);
      if (last != NULL)
        {
          /* Translators: who made the audit trail's last entry, and when (UTC, as written in the file). */
          g_autofree char *saved = g_strdup_printf (_("Last entry: %s, by %s, at %s (UTC)."),
                                                    json_object_get_string_member_with_default (last, "event", "?"),
                                                    json_object_get_string_member_with_default (last, "by", "?"),
                                                    json_object_get_string_member_with_default (last, "at", "?"));

          record_line (flow, saved, FONT_SMALL, FALSE);
        }
      if (since != NULL && vertebro_audit_since_last_changed (since))
        {
          g_autofree char *changes = vertebro_audit_describe_changes (since);
          /* Translators: %s says what changed since the audit trail's last entry. */
          g_autofree char *changed = g_strdup_printf (_("Changed since the last entry: %s"), changes);

          record_line (flow, changed, FONT_BODY, TRUE);
        }
    }
}

/* ---- What the assessment used ---- */

/* One answer: its label and value, or for a needed field not answered,
 * that it is missing. */
static void
input_row (Flow       *flow,
           const char *label,
           const char *value)
{
  VertebroReport *self = FLOW_REPORT (flow);
  Pair pair = { 0 };
  char *values[] = { (char *) value };
  double height = measure_pairs (self, &pair, 1, &label, values, flow->width);
  double y = vertebro_flow_place (flow, height);

  show_pairs (flow->cr, &pair, 1, values, flow->left, y, flow->width);
  vertebro_flow_advance (flow, height);
}

/* A field's value as the assessment used it, with its unit; the platelet
 * count in both units, the clearance with how it was obtained. */
static char *
input_value (VertebroReport *self,
             const char     *path)
{
  g_autofree char *value = vertebro_report_patient_value (self, path);
  double crcl;

  if (value != NULL && g_str_equal (path, "labs.platelets"))
    {
      g_autofree char *giga = vertebro_format_number (vertebro_patient_get_number (self->patient, path) / 1000,
                                                      VERTEBRO_TEXT_LOCALIZED);

      return g_strdup_printf ("%s (%s ×10⁹/L)", value, giga);
    }
  if (g_str_equal (path, "labs.crcl") && vertebro_assessment_get_crcl (self->assessment, &crcl))
    {
      g_autofree char *number = vertebro_format_number (crcl, VERTEBRO_TEXT_LOCALIZED);

      if (value != NULL)
        /* Translators: a creatinine clearance entered as measured. */
        return g_strdup_printf (_("%s mL/min, as entered"), number);
      /* Translators: a creatinine clearance computed by the app. */
      return g_strdup_printf (_("%s mL/min, by Cockcroft–Gault from creatinine, weight, age and sex"), number);
    }
  return g_steal_pointer (&value);
}

static void
draw_inputs (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  const char * const *missing = vertebro_assessment_get_missing (self->assessment);
  GListModel *drugs = vertebro_patient_get_antithrombotics (self->patient);
  const VertebroLayoutSection *sections;
  guint n_sections;
  gboolean first = TRUE;

  sections = vertebro_layout_get_sections (&n_sections);
  for (guint s = 0; s < n_sections; s++)
    {
      const VertebroLayoutSection *section = &sections[s];
      g_autoptr(PangoLayout) title = vertebro_report_new_text (self, FONT_SMALL_BOLD, flow->width, _(section->title));

      /* The patient's identity is in the box above, the levels in their
       * table, the notes under the patient. */
      if (section->kind == VERTEBRO_LAYOUT_LEVELS || section->kind == VERTEBRO_LAYOUT_NOTES || s == 0)
        continue;

      if (first)
        vertebro_report_flow_heading (flow, _("What the assessment used"), vertebro_report_layout_height (title) + 20);
      first = FALSE;
      vertebro_flow_space (flow, 6);
      vertebro_report_show_layout (flow->cr, title, flow->left, vertebro_flow_place (flow, vertebro_report_layout_height (title) + 20), INK_SECONDARY);
      vertebro_flow_advance (flow, vertebro_report_layout_height (title) + 2);

      if (section->kind == VERTEBRO_LAYOUT_DRUGS)
        {
          g_autofree char *on = input_value (self, "history.on_antithrombotics");

          input_row (flow, _(vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, "history.on_antithrombotics")->label),
                     on != NULL ? on : g_strv_contains (missing, "history.on_antithrombotics") ? _("not answered — needed") : NULL);
          for (guint i = 0; i < g_list_model_get_n_items (drugs); i++)
            {
              g_autoptr(VertebroAntithrombotic) drug = g_list_model_get_item (drugs, i);
              g_autofree char *value = NULL;
              const char *name;

              if (vertebro_antithrombotic_is_other (drug))
                {
                  VertebroAnswer agreed = vertebro_antithrombotic_get_hold_agreed (drug);

                  name = vertebro_antithrombotic_get_name (drug) != NULL ? vertebro_antithrombotic_get_name (drug) : "?";
                  /* Translators: an antithrombotic with no tabulated hold; whether its interruption was agreed. */
                  value = g_strdup_printf (_("no tabulated hold; interruption agreed: %s"),
                                           agreed == VERTEBRO_ANSWER_NOT_ASSESSED ? _("not recorded") : vertebro_report_answer_label (agreed));
                }
              else
                {
                  double held = vertebro_antithrombotic_get_held (drug);
                  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.drug");
                  gboolean doses = vertebro_ruleset_get_drug_unit (self->rules, vertebro_antithrombotic_get_drug (drug)) == VERTEBRO_HOLD_UNIT_DOSES;

                  name = vertebro_field_choice_label (field, vertebro_antithrombotic_get_drug (drug));
                  if (isnan (held))
                    value = g_strdup (_("no interruption planned yet"));
                  else
                    {
                      g_autofree char *number = vertebro_format_number (held, VERTEBRO_TEXT_LOCALIZED);

                      /* Translators: how long a drug will have been withheld at the procedure. */
                      value = g_strdup_printf (doses ? _("withheld %s doses before the procedure")
                                                     /* Translators: how long a drug will have been withheld at the procedure. */
                                                     : _("withheld %s days before the procedure"), number);
                    }
                }
              input_row (flow, name, value);
            }
          continue;
        }

      for (const VertebroLayoutField *f = section->fields; f->path != NULL; f++)
        {
          g_autofree char *value = input_value (self, f->path);
          const char *shown = value;

          if (value == NULL && g_strv_contains (missing, f->path))
            shown = _("not answered — needed");
          /* A question that is neither answered nor needed is left out. */
          if (shown == NULL && f->shown_when_needed != NULL)
            continue;
          input_row (flow, _(vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, f->path)->label), shown);
        }
    }
}

/* Each finding whole: its severity (and level) on the left; the message,
 * what would change it and its sources on the right. */
static void
draw_findings (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  GPtrArray *findings = vertebro_assessment_get_findings (self->assessment);
  double left_width = 112;
  double text_width = flow->width - left_width;

  if (findings->len == 0)
    {
      g_autoptr(PangoLayout) none = vertebro_report_new_text (self, FONT_BODY, flow->width, _("No findings."));

      vertebro_report_flow_heading (flow, _("Findings"), vertebro_report_layout_height (none));
      vertebro_report_show_layout (flow->cr, none, flow->left, vertebro_flow_place (flow, vertebro_report_layout_height (none)), INK);
      vertebro_flow_advance (flow, vertebro_report_layout_height (none));
      return;
    }

  for (guint i = 0; i < findings->len; i++)
    {
      VertebroItem *item = g_ptr_array_index (findings, i);
      VertebroSeverity severity = vertebro_item_get_severity (item);
      gboolean decisive = vertebro_severity_get_verdict (severity) >= 0;
      g_autofree char *message = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
      g_autofree char *remedy = vertebro_item_dup_remedy (item, VERTEBRO_TEXT_LOCALIZED);
      g_autofree char *sources = vertebro_report_sources_markup (vertebro_item_get_sources (item));
      g_autofree char *severity_text = NULL;
      g_autoptr(PangoLayout) severity_layout = NULL;
      g_autoptr(PangoLayout) message_layout = vertebro_report_new_text (self, FONT_BODY, text_width, message);
      g_autoptr(PangoLayout) remedy_layout = NULL;
      g_autoptr(PangoLayout) sources_layout = NULL;
      double height, left_height, y;

      if (vertebro_item_get_level (item) != NULL)
        /* Translators: a finding's severity and the level it is about, as
         * in "Requirement" over "Level L2". */
        severity_text = g_markup_printf_escaped (_("%s\n<span weight='normal'>Level %s</span>"),
                                                 vertebro_severity_get_label (severity),
                                                 vertebro_item_get_level (item));
      else if (vertebro_item_get_level_index (item) >= 0)
        {
          g_autofree char *level = vertebro_assessment_dup_level_label (self->assessment,
                                                                        (guint) vertebro_item_get_level_index (item));

          severity_text = g_markup_printf_escaped ("%s\n<span weight='normal'>%s</span>",
                                                   vertebro_severity_get_label (severity), level);
        }
      else
        severity_text = g_markup_escape_text (vertebro_severity_get_label (severity), -1);
      severity_layout = vertebro_report_new_markup (self, decisive ? FONT_SMALL_BOLD : FONT_SMALL, left_width - 10, severity_text);

      if (remedy != NULL)
        {
          /* Translators: %s says what would change a finding. */
          g_autofree char *markup = g_markup_printf_escaped (_("<i>What would change it:</i> %s"), remedy);

          remedy_layout = vertebro_report_new_markup (self, FONT_SMALL, text_width, markup);
        }
      if (sources != NULL)
        sources_layout = vertebro_report_new_markup (self, FONT_SMALL, text_width, sources);

      height = vertebro_report_layout_height (message_layout);
      if (remedy_layout != NULL)
        height += 2 + vertebro_report_layout_height (remedy_layout);
      if (sources_layout != NULL)
        height += 2 + vertebro_report_layout_height (sources_layout);
      left_height = vertebro_report_layout_height (severity_layout);
      height = MAX (height, left_height);

      if (i == 0)
        vertebro_report_flow_heading (flow, _("Findings"), height);
      vertebro_flow_space (flow, ITEM_SPACE + 2);
      y = vertebro_flow_place (flow, height);

      /* A bar beside findings that decide the verdict, heavier than any rule. */
      if (decisive)
        {
          cairo_save (flow->cr);
          cairo_set_source_rgb (flow->cr, INK, INK, INK);
          cairo_rectangle (flow->cr, flow->left, y + 1, 2.5, height - 2);
          cairo_fill (flow->cr);
          cairo_restore (flow->cr);
        }
      /* The severity's first baseline on the message's. */
      vertebro_report_show_layout (flow->cr, severity_layout, flow->left + 8,
                                   y + (double) (pango_layout_get_baseline (message_layout) -
                                 pango_layout_get_baseline (severity_layout)) / PANGO_SCALE, INK);
      vertebro_report_show_layout (flow->cr, message_layout, flow->left + left_width, y, INK);
      y += vertebro_report_layout_height (message_layout) + 2;
      if (remedy_layout != NULL)
        {
          vertebro_report_show_layout (flow->cr, remedy_layout, flow->left + left_width, y, INK);
          y += vertebro_report_layout_height (remedy_layout) + 2;
        }
      vertebro_report_show_layout (flow->cr, sources_layout, flow->left + left_width, y, INK_SECONDARY);
      vertebro_flow_advance (flow, height);
    }
}

static void
bullet_item (Flow        *flow,
             PangoLayout *bullet,
             PangoLayout *text,
             double       indent)
{
  double height = vertebro_report_layout_height (text);
  double y;

  vertebro_flow_space (flow, ITEM_SPACE - 2);
  y = vertebro_flow_place (flow, height);
  vertebro_report_show_layout (flow->cr, bullet, flow->left + 2, y, INK);
  vertebro_report_show_layout (flow->cr, text, flow->left + indent, y, INK);
  vertebro_flow_advance (flow, height);
}

/* What the assessment still needs before a decision. */
static void
draw_missing (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  const char * const *missing = vertebro_assessment_get_missing (self->assessment);
  double indent = 12;
  g_autoptr(PangoLayout) bullet = vertebro_report_new_text (self, FONT_BODY, 0, "•");
  g_autoptr(PangoLayout) lead = NULL;

  if (missing == NULL || missing[0] == NULL)
    return;

  lead = vertebro_report_new_text (self, FONT_BODY, flow->width,
                                   _("The assessment is incomplete: no decision can be made until these are recorded."));
  vertebro_report_flow_heading (flow, _("To complete"), vertebro_report_layout_height (lead) + 20);
  vertebro_report_show_layout (flow->cr, lead, flow->left, vertebro_flow_place (flow, vertebro_report_layout_height (lead)), INK);
  vertebro_flow_advance (flow, vertebro_report_layout_height (lead));

  for (guint i = 0; missing[i] != NULL; i++)
    {
      g_autofree char *label = vertebro_assessment_dup_field_label (self->assessment, missing[i]);
      g_autoptr(PangoLayout) text = vertebro_report_new_text (self, FONT_BODY, flow->width - indent, label);

      bullet_item (flow, bullet, text, indent);
    }
}

/* The preparation checklist: a box (ticked when done), the item, its
 * sources, and its due date on the right. */
static void
draw_checklist (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  GPtrArray *items = vertebro_assessment_get_checklist (self->assessment);
  double box_width = BOX_SIZE + 8;
  double due_width = 92;
  double text_width = flow->width - box_width - due_width - 8;

  for (guint i = 0; i < items->len; i++)
    {
      VertebroItem *item = g_ptr_array_index (items, i);
      g_autofree char *text = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
      g_autofree char *sources = vertebro_report_sources_markup (vertebro_item_get_sources (item));
      g_autofree char *markup = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      g_autoptr(PangoLayout) due = NULL;
      double height, first_line, y;

      markup = vertebro_report_item_markup (text, sources);
      layout = vertebro_report_new_markup (self, FONT_BODY, text_width, markup);

      if (vertebro_item_get_due (item) != NULL)
        {
          g_autofree char *date = vertebro_format_date (vertebro_item_get_due (item), VERTEBRO_TEXT_LOCALIZED);
          GDate exported;
          g_autofree char *due_text = NULL;

          /* A date already before the export is marked in words: the stop
           * may have been missed. */
          g_date_clear (&exported, 1);
          g_date_set_dmy (&exported, g_date_time_get_day_of_month (self->generated),
                          g_date_time_get_month (self->generated), g_date_time_get_year (self->generated));
          if (g_date_compare (vertebro_item_get_due (item), &exported) < 0)
            /* Translators: %s is a due date already past when the summary was made. */
            due_text = g_strdup_printf (_("Due %s — passed"), date);
          else
            /* Translators: %s is the date by which a checklist item is due. */
            due_text = g_strdup_printf (_("Due %s"), date);

          due = vertebro_report_new_text (self, FONT_SMALL_BOLD, due_width, due_text);
          pango_layout_set_alignment (due, PANGO_ALIGN_RIGHT);
        }

      height = MAX (vertebro_report_layout_height (layout), vertebro_report_layout_height (due)) + 2 * CELL_PAD;
      if (i == 0)
        vertebro_report_flow_heading (flow, _("Preparation checklist"), height);
      y = vertebro_flow_place (flow, height);

      first_line = vertebro_report_layout_height (layout) / pango_layout_get_line_count (layout);
      vertebro_report_draw_check_box (flow->cr, flow->left + 1, y + CELL_PAD + (first_line - BOX_SIZE) / 2, BOX_SIZE,
                                      vertebro_item_get_done (item));
      vertebro_report_show_layout (flow->cr, layout, flow->left + box_width, y + CELL_PAD, INK);
      vertebro_report_show_layout (flow->cr, due, flow->left + flow->width - due_width, y + CELL_PAD, INK);
      vertebro_report_draw_rule (flow->cr, flow->left, y + height, flow->width, RULE_LIGHT, RULE_WIDTH);
      vertebro_flow_advance (flow, height);
    }
}

/* What to tell the patient, as a list. */
static void
draw_counselling (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  GPtrArray *items = vertebro_assessment_get_counsel (self->assessment);
  double indent = 12;
  g_autoptr(PangoLayout) bullet = vertebro_report_new_text (self, FONT_BODY, 0, "•");

  for (guint i = 0; i < items->len; i++)
    {
      VertebroItem *item = g_ptr_array_index (items, i);
      g_autofree char *text = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
      g_autofree char *sources = vertebro_report_sources_markup (vertebro_item_get_sources (item));
      g_autofree char *markup = vertebro_report_item_markup (text, sources);
      g_autoptr(PangoLayout) layout = vertebro_report_new_markup (self, FONT_BODY, flow->width - indent, markup);

      if (i == 0)
        vertebro_report_flow_heading (flow, _("Counselling"), vertebro_report_layout_height (layout));
      bullet_item (flow, bullet, layout, indent);
    }
}

/* The full citation of every source id the assessment cites. */
static void
draw_references (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  g_autoptr(GPtrArray) ids = vertebro_assessment_get_cited_sources (self->assessment, self->rules);
  double id_width = 92;
  gboolean in_documents = FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const char *citation = vertebro_ruleset_get_citation (self->rules, id);
      const char *doi = vertebro_ruleset_get_doi (self->rules, id);
      g_autofree char *escaped = g_markup_escape_text (citation != NULL ? _(citation) : "", -1);
      g_autofree char *markup = doi != NULL ? g_markup_printf_escaped ("%s. <span foreground='#1a4f8f' underline='single'>https://doi.org/%s</span>", escaped, doi)
                                            : g_strdup (escaped);
      g_autoptr(PangoLayout) id_layout = vertebro_report_new_text (self, FONT_SMALL_BOLD, id_width - 6, id);
      g_autoptr(PangoLayout) citation_layout = vertebro_report_new_markup (self, FONT_SMALL, flow->width - id_width, markup);
      double height = MAX (vertebro_report_layout_height (id_layout), vertebro_report_layout_height (citation_layout));
      double y;

      /* Guidelines and literature first, then the documents the product was
       * specified from, under their own heading (clinical-rules.md §7.16). */
      if (i == 0)
        vertebro_report_flow_heading (flow, _("References: guidelines and literature"), height);
      if (!in_documents && vertebro_ruleset_is_source_document (self->rules, id))
        {
          in_documents = TRUE;
          vertebro_report_flow_heading (flow, _("References: source documents"), height);
        }
      vertebro_flow_space (flow, 3);
      y = vertebro_flow_place (flow, height);
      vertebro_report_show_layout (flow->cr, id_layout, flow->left, y, INK);
      vertebro_report_show_layout (flow->cr, citation_layout, flow->left + id_width, y, INK);
      if (doi != NULL)
        {
          /* The whole citation is a link to the DOI, for a reader who clicks. */
          Link link = { g_strdup_printf ("https://doi.org/%s", doi), self->pages->len - 1,
                        flow->left + id_width, y, vertebro_report_layout_width (citation_layout), vertebro_report_layout_height (citation_layout) };

          g_array_append_val (self->links, link);
        }
      vertebro_flow_advance (flow, height);
    }
}

/* Signature, name and date lines for the clinician and for the patient's
 * counselling, side by side, never split. */
static void
draw_signatures (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  const char *titles[] = { _("Clinician"), _("Patient counselled") };
  const char *lines[] = { _("Signature"), _("Name"), _("Date") };
  double column = (flow->width - 2 * COLUMN_GAP * 2) / 2;
  double line_space = 24;
  PangoLayout *title_layouts[G_N_ELEMENTS (titles)];
  PangoLayout *label_layouts[G_N_ELEMENTS (lines)];
  double title_height = 0, label_height = 0, height, y;

  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    {
      title_layouts[c] = vertebro_report_new_text (self, FONT_BODY_BOLD, column, titles[c]);
      title_height = MAX (title_height, vertebro_report_layout_height (title_layouts[c]));
    }
  for (guint l = 0; l < G_N_ELEMENTS (lines); l++)
    {
      label_layouts[l] = vertebro_report_new_text (self, FONT_SMALL, column, lines[l]);
      label_height = MAX (label_height, vertebro_report_layout_height (label_layouts[l]));
    }
  height = title_height + G_N_ELEMENTS (lines) * (line_space + 1.5 + label_height);

  vertebro_flow_space (flow, SECTION_SPACE + 6);
  y = vertebro_flow_place (flow, height);
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    {
      double x = flow->left + c * (column + 4 * COLUMN_GAP);
      double line_y = y + title_height;

      vertebro_report_show_layout (flow->cr, title_layouts[c], x, y, INK);
      for (guint l = 0; l < G_N_ELEMENTS (lines); l++)
        {
          line_y += line_space;
          vertebro_report_draw_rule (flow->cr, x, line_y, column, INK, 0.6);
          vertebro_report_show_layout (flow->cr, label_layouts[l], x, line_y + 1.5, INK_SECONDARY);
          line_y += 1.5 + label_height;
        }
    }
  vertebro_flow_advance (flow, height);

  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    g_object_unref (title_layouts[c]);
  for (guint l = 0; l < G_N_ELEMENTS (lines); l++)
    g_object_unref (label_layouts[l]);
}

/* ---- All of them ---- */

/* The sections in document order: the summary's table of contents. */
void
vertebro_report_draw_sections (Flow *flow)
{
  draw_title (flow);
  draw_patient (flow);
  draw_verdict (flow);
  draw_record (flow);
  vertebro_report_draw_levels_table (flow);
  draw_inputs (flow);
  draw_findings (flow);
  draw_missing (flow);
  draw_checklist (flow);
  draw_counselling (flow);
  draw_references (flow);
  draw_signatures (flow);
}
