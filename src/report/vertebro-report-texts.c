/* vertebro-report-texts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clinician's summary's text: its type styles, and the words it prints
 * for a patient's value (with its unit, in the locale's numbers and
 * dates), a field's label, the levels that qualify, a list of sources and
 * the thresholds of a site rule set. What a user typed is isolated, and an
 * identifier's invisible controls are shown, wherever it is printed.
 */

#define G_LOG_DOMAIN "vertebro-report"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-report-private.h"

/* ---- Type styles ---- */

static const VertebroFontStyle font_styles[N_FONTS] = {
  [FONT_TITLE] = { 18.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [FONT_SUBTITLE] = { 12.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_HEADING] = { 11.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [FONT_VERDICT] = { 15.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [FONT_BODY] = { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_BODY_BOLD] = { 9.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [FONT_SMALL] = { 8.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_SMALL_BOLD] = { 8.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [FONT_SMALL_ITALIC] = { 8.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC },
  [FONT_FOOTER] = { 7.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_FOOTER_BOLD] = { 7.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [FONT_FOOTER_ITALIC] = { 7.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC },
};

static PangoLayout *
new_layout (VertebroReport *self,
            Font            font,
            double          width,
            const char     *text,
            gboolean        markup)
{
  return vertebro_report_layout_new (self->pango, &font_styles[font], width, text, markup);
}

PangoLayout *
vertebro_report_new_text (VertebroReport *self,
                          Font            font,
                          double          width,
                          const char     *text)
{
  return new_layout (self, font, width, text, FALSE);
}

PangoLayout *
vertebro_report_new_markup (VertebroReport *self,
                            Font            font,
                            double          width,
                            const char     *markup)
{
  return new_layout (self, font, width, markup, TRUE);
}

/* ---- Texts ---- */

/* Splits @text in pieces of at most @limit bytes (NOTES_PIECE_BYTES).
 * A piece ends at a line end or a space when there is one in its second
 * half, else between two characters; any length is printed whole. */
GPtrArray *
vertebro_report_split_long_text (const char *text,
                                 gsize       limit)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (strlen (p) > limit)
    {
      const char *end = p + limit;
      const char *cut = NULL;

      /* The last line end, else the last space, in the second half. */
      for (const char *q = end; q > p + limit / 2 && cut == NULL; q--)
        if (*q == '\n')
          cut = q;
      for (const char *q = end; q > p + limit / 2 && cut == NULL; q--)
        if (*q == ' ')
          cut = q;
      if (cut != NULL)
        {
          g_ptr_array_add (pieces, g_strndup (p, cut - p));
          p = cut + 1;
        }
      else
        {
          /* No space: between two characters. */
          cut = g_utf8_find_prev_char (p, end + 1);
          g_ptr_array_add (pieces, g_strndup (p, cut - p));
          p = cut;
        }
    }
  g_ptr_array_add (pieces, g_strdup (p));
  return pieces;
}

const char *
vertebro_report_answer_label (VertebroAnswer answer)
{
  switch (answer)
    {
    case VERTEBRO_ANSWER_YES: return C_("answer", "Yes");
    case VERTEBRO_ANSWER_NO: return C_("answer", "No");
    case VERTEBRO_ANSWER_NOT_ASSESSED:
    default:
      return _("Not assessed");
    }
}

char *
vertebro_report_format_quantity (double      value,
                                 const char *unit)
{
  g_autofree char *number = vertebro_format_number (value, VERTEBRO_TEXT_LOCALIZED);

  if (unit == NULL || unit[0] == '\0')
    return g_steal_pointer (&number);
  if (unit[0] == '/')
    return g_strconcat (number, unit, NULL);
  /* Translators: a number and its unit, as in "52 kg". */
  return g_strdup_printf (C_("quantity", "%s %s"), number, _(unit));
}

/* What a user typed, safe to show beside other text: isolated, so that a
 * right-to-left override in a name cannot reverse the identifier after it,
 * and an identifier with its invisible controls shown ("<U+202E>4321-NRM",
 * never "MRN-1234"). */
char *
vertebro_report_user_text (const char *path,
                           const char *text)
{
  g_autofree char *revealed = NULL;

  if (g_strcmp0 (path, "patient.identifier") == 0)
    {
      revealed = vertebro_text_reveal_controls (text, FALSE);
      text = revealed;
    }
  return vertebro_text_isolate (text);
}

/* A patient-wide field as a person reads it, or NULL when not recorded. */
char *
vertebro_report_patient_value (VertebroReport *self,
                               const char     *path)
{
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, path);
  const char *text;
  GDate date;

  g_return_val_if_fail (field != NULL, NULL);

  switch (field->kind)
    {
    case VERTEBRO_FIELD_TEXT:
      text = vertebro_patient_get_text (self->patient, path);
      return text != NULL && text[0] != '\0' ? vertebro_report_user_text (path, text) : NULL;

    case VERTEBRO_FIELD_DATE:
      text = vertebro_patient_get_text (self->patient, path);
      if (!vertebro_date_parse (text, &date))
        return NULL;
      return vertebro_format_date (&date, VERTEBRO_TEXT_LOCALIZED);

    case VERTEBRO_FIELD_CHOICE:
      text = vertebro_field_choice_label (field, vertebro_patient_get_text (self->patient, path));
      return g_strdup (text);

    case VERTEBRO_FIELD_NUMBER:
    case VERTEBRO_FIELD_INTEGER:
      if (!vertebro_patient_is_set (self->patient, path))
        return NULL;
      return vertebro_report_format_quantity (vertebro_patient_get_number (self->patient, path), field->unit);

    case VERTEBRO_FIELD_ANSWER:
      if (!vertebro_patient_is_set (self->patient, path))
        return NULL;
      return g_strdup (vertebro_report_answer_label (vertebro_patient_get_answer (self->patient, path)));

    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
vertebro_report_field_label (VertebroRecord  record,
                             const char     *path)
{
  const VertebroField *field = vertebro_fields_lookup (record, path);

  g_return_val_if_fail (field != NULL, path);
  return _(field->label);
}

const char *
vertebro_report_level_choice_label (const char *path,
                                    const char *value)
{
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_LEVEL, path);

  return value != NULL ? vertebro_field_choice_label (field, value) : NULL;
}

/* "Levels that qualify: L2", worded for the verdict, as the command line has it. */
char *
vertebro_report_qualifying_text (VertebroAssessment *a)
{
  const char * const *qualifying = vertebro_assessment_get_qualifying_levels (a);
  g_autofree char *joined = NULL;

  if (qualifying == NULL || qualifying[0] == NULL)
    {
      if (vertebro_assessment_get_verdict (a) == VERTEBRO_VERDICT_INCOMPLETE)
        return g_strdup (_("No level qualifies yet."));
      return g_strdup (_("No level qualifies."));
    }

  joined = g_strjoinv (", ", (char **) qualifying);
  switch (vertebro_assessment_get_verdict (a))
    {
    case VERTEBRO_VERDICT_NOT_READY:
      /* Translators: %s is a list of vertebral levels such as "T12, L1". */
      return g_strdup_printf (_("Levels that qualify once corrected: %s"), joined);
    case VERTEBRO_VERDICT_REVIEW:
      /* Translators: %s is a list of vertebral levels such as "T12, L1". */
      return g_strdup_printf (_("Levels that qualify, subject to review: %s"), joined);
    case VERTEBRO_VERDICT_ELIGIBLE:
    case VERTEBRO_VERDICT_CONTRAINDICATED:
    case VERTEBRO_VERDICT_NOT_INDICATED:
    case VERTEBRO_VERDICT_INCOMPLETE:
    default:
      /* Translators: %s is a list of vertebral levels such as "T12, L1". */
      return g_strdup_printf (_("Levels that qualify: %s"), joined);
    }
}

char *
vertebro_report_sources_markup (const char * const *sources)
{
  g_autofree char *joined = NULL;

  if (sources == NULL || sources[0] == NULL)
    return NULL;
  joined = g_strjoinv (", ", (char **) sources);
  /* Translators: %s is a list of source ids such as "src-002, sir-2019";
   * the full citations are under References. */
  return g_markup_printf_escaped (_("Sources: %s"), joined);
}

/* A checklist or counselling item's text, its sources after it in small. */
char *
vertebro_report_item_markup (const char *text,
                             const char *sources)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (sources == NULL)
    return g_steal_pointer (&escaped);
  return g_strdup_printf ("%s <span size='small' foreground='#555555'>%s</span>", escaped, sources);
}


/* The thresholds of a site rule set that differ from the built-in ones, in
 * one line, or NULL when there are none. */
char *
vertebro_report_thresholds_in_force (VertebroReport *self)
{
  g_autoptr(VertebroRuleset) builtin = vertebro_ruleset_new_default (NULL);
  g_autoptr(GString) line = NULL;

  if (builtin == NULL ||
      g_strcmp0 (vertebro_ruleset_get_sha256 (builtin), vertebro_ruleset_get_sha256 (self->rules)) == 0)
    return NULL;

  for (guint i = 0; i < vertebro_ruleset_get_n_thresholds (self->rules); i++)
    {
      const char *unit, *label;
      double value, builtin_value;
      const char *id = vertebro_ruleset_get_threshold (self->rules, i, &value, &unit, &label);
      g_autofree char *quantity = vertebro_report_format_quantity (value, unit);

      /* A built-in label is in the catalogue; a site's own is shown as written. */
      label = label != NULL && label[0] != '\0' ? _(label) : "";

      if (vertebro_ruleset_lookup_threshold (builtin, id, &builtin_value) && builtin_value == value)
        continue;

      if (line == NULL)
        line = g_string_new (_("Thresholds of this rule set that differ from the built-in ones:"));
      else
        g_string_append_c (line, ';');
      g_string_append_c (line, ' ');
      if (vertebro_ruleset_lookup_threshold (builtin, id, &builtin_value))
        {
          g_autofree char *builtin_quantity = vertebro_report_format_quantity (builtin_value, unit);

          /* Translators: a threshold: its label, its id, its value in this
           * rule set and in the built-in one, as in "Lowest platelet count
           * (platelets_min) 30000/µL, built-in 50000/µL". */
          g_string_append_printf (line, _("%s (%s) %s, built-in %s"), label, id, quantity, builtin_quantity);
        }
      else
        /* Translators: a threshold the built-in rule set does not have:
         * its label, its id and its value. */
        g_string_append_printf (line, _("%s (%s) %s"), label, id, quantity);
    }
  return line != NULL ? g_string_free (g_steal_pointer (&line), FALSE) : NULL;
}
