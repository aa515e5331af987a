/* vertebro-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printable summary of an assessment (issue 4). One layout serves the
 * PDF export and printing: vertebro_report_paginate() lays the whole summary
 * out once, page by page, into cairo recording surfaces; draw_page() replays
 * a page onto whatever context it is given, so a PDF and a printout hold the
 * very same glyphs at the very same places.
 *
 * The sections are drawn in document order by draw_title(), draw_patient(),
 * draw_verdict(), draw_levels_table(), draw_findings(), draw_missing(),
 * draw_checklist(), draw_counselling(), draw_references() and
 * draw_signatures(); draw_header() and draw_footer() then mark every page.
 *
 * Pagination: every block that must stay whole (a table row, a finding, a
 * checklist item, the signature lines) is measured with pango before it is
 * placed, and goes to the next page when it does not fit (flow_place()). A
 * heading is kept with the first block under it. Only the free-text notes
 * may break between lines.
 *
 * Text is laid out at 72 dpi with unhinted metrics, so its measure does not
 * depend on the device it is finally drawn on.
 */

#define G_LOG_DOMAIN "vertebro-report"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "vertebro-catalog.h"
#include "vertebro-leaflet.h"
#include "vertebro-report.h"
#include "vertebro-report-private.h"

/* ---- Geometry, in points (1/72 inch) ---- */

#define MM(x)             ((x) * 72.0 / 25.4)
#define MARGIN_SIDE       MM (20)
#define MARGIN_TOP        MM (12)
#define MARGIN_BOTTOM     MM (12)
#define HEADER_HEIGHT     30.0   /* the band above the body on every page */
#define FOOTER_GAP        14.0   /* between the body and the footer's rule */
#define SECTION_SPACE     16.0
#define HEADING_AFTER     5.0
#define ITEM_SPACE        5.0
#define CELL_PAD          3.5
#define COLUMN_GAP        8.0
#define PAGE_NUMBER_WIDTH 80.0
#define SYMBOL_SIZE       30.0
#define SMALL_SYMBOL_SIZE 8.5
#define BOX_SIZE          8.5
#define PATIENT_VALUE_LINES 6    /* longer values are ellipsized */

/* Shades of grey that stay legible on any printer and on a photocopy. */
#define INK               0.0
#define INK_SECONDARY     0.32
#define RULE_LIGHT        0.62
#define FILL_LIGHT        0.93
#define RULE_WIDTH        0.5

typedef enum {
  FONT_TITLE,
  FONT_SUBTITLE,
  FONT_HEADING,
  FONT_VERDICT,
  FONT_BODY,
  FONT_BODY_BOLD,
  FONT_SMALL,
  FONT_SMALL_BOLD,
  FONT_SMALL_ITALIC,
  FONT_FOOTER,
  FONT_FOOTER_BOLD,
  FONT_FOOTER_ITALIC,
  N_FONTS
} Font;

static const struct {
  double      size;
  PangoWeight weight;
  PangoStyle  style;
} font_styles[N_FONTS] = {
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

/* A section heading's place, for the PDF's outline. */
typedef struct {
  char   *title;
  guint   page;
  double  y;
} Bookmark;

/* A web link's place on a page (a reference's DOI). Links are put on the PDF
 * page itself after its recording is replayed: cairo 1.16 cannot keep tags in
 * a recording surface. */
typedef struct {
  char   *uri;
  guint   page;      /* from 0 */
  double  x, y, width, height;
} Link;

struct _VertebroReport
{
  GObject             parent_instance;

  VertebroAssessment *assessment;
  VertebroPatient    *patient;
  VertebroRuleset    *rules;
  GDateTime          *generated;
  VertebroPaper       paper;
  char               *institution;  /* printed above the title, or NULL */

  /* Set by vertebro_report_paginate(). */
  PangoContext       *pango;
  double              width;
  double              height;
  GPtrArray          *pages;      /* of cairo_surface_t, recordings */
  GArray             *bookmarks;  /* of Bookmark */
  GArray             *links;      /* of Link */
};

G_DEFINE_FINAL_TYPE (VertebroReport, vertebro_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ASSESSMENT,
  PROP_PATIENT,
  PROP_RULES,
  PROP_GENERATED,
  PROP_PAPER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What is being laid out; its owner is the report. */
typedef VertebroFlow Flow;

#define FLOW_REPORT(flow) ((VertebroReport *) (flow)->owner)

/* ---- Text ---- */

static PangoLayout *
new_layout (VertebroReport *self,
            Font            font,
            double          width,
            const char     *text,
            gboolean        markup)
{
  const VertebroFontStyle style = { font_styles[font].size, font_styles[font].weight, font_styles[font].style };

  return vertebro_report_layout_new (self->pango, &style, width, text, markup);
}

static PangoLayout *
new_text (VertebroReport *self,
          Font            font,
          double          width,
          const char     *text)
{
  return new_layout (self, font, width, text, FALSE);
}

static PangoLayout *
new_markup (VertebroReport *self,
            Font            font,
            double          width,
            const char     *markup)
{
  return new_layout (self, font, width, markup, TRUE);
}

#define layout_height vertebro_report_layout_height
#define layout_width  vertebro_report_layout_width
#define show_layout   vertebro_report_show_layout
#define draw_rule     vertebro_report_draw_rule

/* ---- Lines and symbols ---- */

/* A verdict as a shape that reads without colour: a tick in a circle for
 * eligible, a cross for contraindicated (filled) and not indicated, an
 * exclamation mark in a triangle for not ready and review, a question mark
 * in a dashed circle for incomplete. (@x, @y) is the top left corner. */
/**
 * vertebro_report_set_institution:
 * @self: a report
 * @institution: (nullable): the institution's name, or %NULL for none
 *
 * Sets the line printed above the title (from the app's Preferences).
 */
void
vertebro_report_set_institution (VertebroReport *self,
                                 const char     *institution)
{
  g_return_if_fail (VERTEBRO_IS_REPORT (self));
  g_free (self->institution);
  self->institution = g_strdup (institution);
}

/* The exclamation mark inside "review"'s diamond and "not ready"'s
 * triangle, in a @s square at @x, @y: a stroke from @top to @bottom and a
 * dot centred at @dot (fractions of @s). */
static void
draw_exclamation_mark (cairo_t *cr,
                       double   x,
                       double   y,
                       double   s,
                       double   top,
                       double   bottom,
                       double   dot)
{
  cairo_set_line_width (cr, s * 0.1);
  cairo_move_to (cr, x + 0.5 * s, y + top * s);
  cairo_line_to (cr, x + 0.5 * s, y + bottom * s);
  cairo_stroke (cr);
  cairo_arc (cr, x + 0.5 * s, y + dot * s, s * 0.06, 0, 2 * G_PI);
  cairo_fill (cr);
}

/**
 * vertebro_report_draw_verdict_symbol:
 * @cr: where to draw
 * @verdict: the verdict
 * @x: left
 * @y: top
 * @size: the symbol's width and height
 *
 * Draws the verdict's black-and-white symbol: each of the six has a shape of
 * its own, so a printout tells them apart without colour.
 */
void
vertebro_report_draw_verdict_symbol (cairo_t         *cr,
                                     VertebroVerdict  verdict,
                                     double           x,
                                     double           y,
                                     double           size)
{
  double s = size;
  double cx = x + s / 2, cy = y + s / 2;
  double lw = MAX (0.8, s * 0.08);

  cairo_save (cr);
  cairo_set_source_rgb (cr, INK, INK, INK);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, lw);

  switch (verdict)
    {
    case VERTEBRO_VERDICT_ELIGIBLE:
      cairo_arc (cr, cx, cy, s / 2 - lw / 2, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_set_line_width (cr, s * 0.11);
      cairo_move_to (cr, x + 0.27 * s, y + 0.52 * s);
      cairo_line_to (cr, x + 0.43 * s, y + 0.68 * s);
      cairo_line_to (cr, x + 0.74 * s, y + 0.34 * s);
      cairo_stroke (cr);
      break;

    case VERTEBRO_VERDICT_CONTRAINDICATED:
    case VERTEBRO_VERDICT_NOT_INDICATED:
      cairo_arc (cr, cx, cy, s / 2 - lw / 2, 0, 2 * G_PI);
      if (verdict == VERTEBRO_VERDICT_CONTRAINDICATED)
        {
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 1, 1, 1);
        }
      else
        cairo_stroke (cr);
      cairo_set_line_width (cr, s * 0.11);
      cairo_move_to (cr, x + 0.33 * s, y + 0.33 * s);
      cairo_line_to (cr, x + 0.67 * s, y + 0.67 * s);
      cairo_move_to (cr, x + 0.67 * s, y + 0.33 * s);
      cairo_line_to (cr, x + 0.33 * s, y + 0.67 * s);
      cairo_stroke (cr);
      break;

    case VERTEBRO_VERDICT_REVIEW:
      /* A diamond with an exclamation mark: told apart from "not ready"
       * by its shape alone, on a black-and-white printout. */
      cairo_move_to (cr, x + 0.5 * s, y + 0.03 * s);
      cairo_line_to (cr, x + 0.97 * s, y + 0.5 * s);
      cairo_line_to (cr, x + 0.5 * s, y + 0.97 * s);
      cairo_line_to (cr, x + 0.03 * s, y + 0.5 * s);
      cairo_close_path (cr);
      cairo_stroke (cr);
      draw_exclamation_mark (cr, x, y, s, 0.27, 0.55, 0.7);
      break;

    case VERTEBRO_VERDICT_NOT_READY:
      cairo_move_to (cr, x + 0.5 * s, y + 0.05 * s);
      cairo_line_to (cr, x + 0.97 * s, y + 0.9 * s);
      cairo_line_to (cr, x + 0.03 * s, y + 0.9 * s);
      cairo_close_path (cr);
      cairo_stroke (cr);
      draw_exclamation_mark (cr, x, y, s, 0.37, 0.6, 0.75);
      break;

    case VERTEBRO_VERDICT_INCOMPLETE:
    default:
      {
        const double dash[] = { s * 0.12, s * 0.08 };

        cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
        cairo_arc (cr, cx, cy, s / 2 - lw / 2, 0, 2 * G_PI);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        cairo_set_line_width (cr, s * 0.1);
        cairo_arc (cr, cx, y + 0.38 * s, s * 0.13, G_PI * 1.05, G_PI * 2.3);
        cairo_line_to (cr, cx, y + 0.6 * s);
        cairo_stroke (cr);
        cairo_arc (cr, cx, y + 0.75 * s, s * 0.06, 0, 2 * G_PI);
        cairo_fill (cr);
      }
      break;
    }
  cairo_restore (cr);
}

static void
draw_check_box (cairo_t  *cr,
                double    x,
                double    y,
                gboolean  ticked)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, INK, INK, INK);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, x, y, BOX_SIZE, BOX_SIZE);
  cairo_stroke (cr);
  if (ticked)
    {
      cairo_set_line_width (cr, 1.4);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_move_to (cr, x + 0.2 * BOX_SIZE, y + 0.5 * BOX_SIZE);
      cairo_line_to (cr, x + 0.42 * BOX_SIZE, y + 0.75 * BOX_SIZE);
      cairo_line_to (cr, x + 0.85 * BOX_SIZE, y + 0.18 * BOX_SIZE);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* ---- The flow of pages ---- */

static void
link_clear (Link *link)
{
  g_free (link->uri);
}

static void
bookmark_clear (Bookmark *bookmark)
{
  g_free (bookmark->title);
}

#define flow_new_page vertebro_flow_new_page
#define flow_space    vertebro_flow_space
#define flow_place    vertebro_flow_place
#define flow_advance  vertebro_flow_advance

/* A section heading, kept on the page of the first @next_height points of
 * what follows it. */
static void
flow_heading (Flow       *flow,
              const char *title,
              double      next_height)
{
  VertebroReport *self = FLOW_REPORT (flow);
  g_autoptr(PangoLayout) layout = new_text (self, FONT_HEADING, flow->width, title);
  double height = layout_height (layout);
  Bookmark bookmark;
  double y;

  flow_space (flow, SECTION_SPACE);
  y = flow_place (flow, height + HEADING_AFTER + next_height);
  show_layout (flow->cr, layout, flow->left, y, INK);
  draw_rule (flow->cr, flow->left, y + height + 1.5, flow->width, INK, 0.8);
  flow_advance (flow, height + HEADING_AFTER);

  bookmark.title = g_strdup (title);
  bookmark.page = self->pages->len;  /* counted from 1, as PDF links count */
  bookmark.y = y;
  g_array_append_val (self->bookmarks, bookmark);
}

#define flow_long_text vertebro_flow_long_text

/* ---- Texts ---- */

/* Pango lays out a paragraph of some 350 KB as one line, of which a PDF
 * shows the start only: notes are laid out in pieces of at most this many
 * bytes, each a layout of its own. A piece ends at a line end or a space
 * when there is one in its second half, else between two characters; any
 * length is printed whole. */
#define NOTES_PIECE_BYTES (16 * 1024)

static GPtrArray *
split_long_text (const char *text,
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

static const char *
answer_label (VertebroAnswer answer)
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

static char *
format_quantity (double      value,
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
static char *
user_text (const char *path,
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
static char *
patient_value (VertebroReport *self,
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
      return text != NULL && text[0] != '\0' ? user_text (path, text) : NULL;

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
      return format_quantity (vertebro_patient_get_number (self->patient, path), field->unit);

    case VERTEBRO_FIELD_ANSWER:
      if (!vertebro_patient_is_set (self->patient, path))
        return NULL;
      return g_strdup (answer_label (vertebro_patient_get_answer (self->patient, path)));

    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *
field_label (VertebroRecord  record,
             const char     *path)
{
  const VertebroField *field = vertebro_fields_lookup (record, path);

  g_return_val_if_fail (field != NULL, path);
  return _(field->label);
}

static const char *
level_choice_label (const char *path,
                    const char *value)
{
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_LEVEL, path);

  return value != NULL ? vertebro_field_choice_label (field, value) : NULL;
}

/* "Levels that qualify: L2", worded for the verdict, as the command line has it. */
static char *
qualifying_text (VertebroAssessment *a)
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

static char *
sources_markup (const char * const *sources)
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
static char *
item_markup (const char *text,
             const char *sources)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (sources == NULL)
    return g_steal_pointer (&escaped);
  return g_strdup_printf ("%s <span size='small' foreground='#555555'>%s</span>", escaped, sources);
}


/* The thresholds of a site rule set that differ from the built-in ones, in
 * one line, or NULL when there are none. */
static char *
thresholds_in_force (VertebroReport *self)
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
      g_autofree char *quantity = format_quantity (value, unit);

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
          g_autofree char *builtin_quantity = format_quantity (builtin_value, unit);

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

/* ---- The sections, in document order ---- */

static void
draw_title (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, "assessment.procedure");
  const char *procedure = vertebro_field_choice_label (field, vertebro_patient_get_text (self->patient, "assessment.procedure"));
  g_autoptr(PangoLayout) title = new_text (self, FONT_TITLE, flow->width, _("Pre-procedure assessment"));
  g_autoptr(PangoLayout) subtitle = NULL;
  double height, y;

  /* The institution, from Preferences, above the title. */
  if (self->institution != NULL && *self->institution != '\0')
    {
      g_autoptr(PangoLayout) institution = new_text (self, FONT_BODY_BOLD, flow->width, self->institution);

      y = flow_place (flow, layout_height (institution) + 4);
      show_layout (flow->cr, institution, flow->left, y, INK_SECONDARY);
      flow_advance (flow, layout_height (institution) + 4);
    }
  subtitle = new_text (self, FONT_SUBTITLE, flow->width, procedure != NULL ? procedure : "");
  height = layout_height (title) + 2 + layout_height (subtitle);
  y = flow_place (flow, height);
  show_layout (flow->cr, title, flow->left, y, INK);
  show_layout (flow->cr, subtitle, flow->left, y + layout_height (title) + 2, INK_SECONDARY);
  flow_advance (flow, height);
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
      pairs[i].label = new_text (self, FONT_SMALL, label_width - 6, labels[i]);
      if (values[i] != NULL)
        pairs[i].value = new_text (self, FONT_BODY, width - label_width, values[i]);
      else
        pairs[i].value = new_text (self, FONT_SMALL_ITALIC, width - label_width, _("not recorded"));
      pango_layout_set_height (pairs[i].value, -PATIENT_VALUE_LINES);
      pango_layout_set_ellipsize (pairs[i].value, PANGO_ELLIPSIZE_END);
      height += MAX (layout_height (pairs[i].label), layout_height (pairs[i].value)) + 3;
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

      show_layout (cr, pairs[i].label, x, y + shift, INK_SECONDARY);
      show_layout (cr, pairs[i].value, x + label_width, y, values[i] != NULL ? INK : INK_SECONDARY);
      y += MAX (layout_height (pairs[i].label), layout_height (pairs[i].value)) + 3;
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
  g_autoptr(PangoLayout) patient_heading = new_text (self, FONT_SMALL_BOLD, column, _("Patient"));
  g_autoptr(PangoLayout) assessment_heading = new_text (self, FONT_SMALL_BOLD, column, _("Assessment"));
  g_autofree char *notes = patient_value (self, "notes");
  double heading, left, right, height, y;
  int age;

  for (guint i = 0; i < G_N_ELEMENTS (patient_paths); i++)
    {
      patient_labels[i] = field_label (VERTEBRO_RECORD_PATIENT, patient_paths[i]);
      patient_values[i] = patient_value (self, patient_paths[i]);
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
      assessment_labels[i] = field_label (VERTEBRO_RECORD_PATIENT, assessment_paths[i]);
      assessment_values[i] = patient_value (self, assessment_paths[i]);
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

  heading = layout_height (patient_heading) + 4;
  left = measure_pairs (self, patient_pairs, G_N_ELEMENTS (patient_paths), patient_labels, patient_values, column);
  right = measure_pairs (self, assessment_pairs, G_N_ELEMENTS (assessment_paths), assessment_labels, assessment_values, column);
  height = heading + MAX (left, right);

  flow_space (flow, SECTION_SPACE);
  y = flow_place (flow, height);
  show_layout (flow->cr, patient_heading, flow->left, y, INK_SECONDARY);
  show_layout (flow->cr, assessment_heading, flow->left + column + 2 * COLUMN_GAP, y, INK_SECONDARY);
  show_pairs (flow->cr, patient_pairs, G_N_ELEMENTS (patient_paths), patient_values,
              flow->left, y + heading, column);
  show_pairs (flow->cr, assessment_pairs, G_N_ELEMENTS (assessment_paths), assessment_values,
              flow->left + column + 2 * COLUMN_GAP, y + heading, column);
  flow_advance (flow, height);

  if (notes != NULL)
    {
      g_autoptr(PangoLayout) label = new_text (self, FONT_SMALL_BOLD, flow->width, field_label (VERTEBRO_RECORD_PATIENT, "notes"));
      g_autoptr(GPtrArray) pieces = split_long_text (notes, NOTES_PIECE_BYTES);
      g_autoptr(PangoLayout) text = new_text (self, FONT_BODY, flow->width, g_ptr_array_index (pieces, 0));

      flow_space (flow, 8);
      /* The label stays with the first line of the notes. */
      y = flow_place (flow, layout_height (label) + 2 + layout_height (text) / MAX (1, pango_layout_get_line_count (text)));
      show_layout (flow->cr, label, flow->left, y, INK_SECONDARY);
      flow_advance (flow, layout_height (label) + 2);
      flow_long_text (flow, text, flow->left, INK);
      for (guint i = 1; i < pieces->len; i++)
        {
          g_autoptr(PangoLayout) more = new_text (self, FONT_BODY, flow->width, g_ptr_array_index (pieces, i));

          flow_long_text (flow, more, flow->left, INK);
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
  g_autofree char *qualifying = qualifying_text (self->assessment);
  g_autofree char *heading = g_markup_printf_escaped ("<span size='smaller' weight='normal'>%s</span>  %s",
                                                      _("Verdict"), vertebro_verdict_get_label (verdict));
  g_autoptr(PangoLayout) label = new_markup (self, FONT_VERDICT, text_width, heading);
  g_autoptr(PangoLayout) summary = new_text (self, FONT_BODY, text_width, vertebro_verdict_get_summary (verdict));
  g_autoptr(PangoLayout) levels = new_text (self, FONT_BODY_BOLD, text_width, qualifying);
  double text_height = layout_height (label) + 3 + layout_height (summary) + 3 + layout_height (levels);
  double height = 2 * pad + MAX (SYMBOL_SIZE, text_height);
  double y;

  flow_space (flow, SECTION_SPACE);
  y = flow_place (flow, height);

  cairo_save (flow->cr);
  cairo_set_source_rgb (flow->cr, INK, INK, INK);
  cairo_set_line_width (flow->cr, 1.5);
  cairo_rectangle (flow->cr, flow->left + 0.75, y + 0.75, flow->width - 1.5, height - 1.5);
  cairo_stroke (flow->cr);
  cairo_restore (flow->cr);

  vertebro_report_draw_verdict_symbol (flow->cr, verdict, flow->left + pad, y + (height - SYMBOL_SIZE) / 2, SYMBOL_SIZE);
  y += (height - text_height) / 2;
  show_layout (flow->cr, label, flow->left + text_x, y, INK);
  y += layout_height (label) + 3;
  show_layout (flow->cr, summary, flow->left + text_x, y, INK);
  y += layout_height (summary) + 3;
  show_layout (flow->cr, levels, flow->left + text_x, y, INK);
  flow_advance (flow, height);
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
  g_autoptr(PangoLayout) layout = new_text (self, font, flow->width - indent, text);
  double y = flow_place (flow, layout_height (layout) + 2);

  if (warning)
    vertebro_report_draw_verdict_symbol (flow->cr, VERTEBRO_VERDICT_NOT_READY, flow->left, y + 1, 11);
  show_layout (flow->cr, layout, flow->left + indent, y, INK);
  flow_advance (flow, layout_height (layout) + 2);
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

  flow_heading (flow, _("Decision and record"), 40);
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
  double y = flow_place (flow, height);

  show_pairs (flow->cr, &pair, 1, values, flow->left, y, flow->width);
  flow_advance (flow, height);
}

/* A field's value as the assessment used it, with its unit; the platelet
 * count in both units, the clearance with how it was obtained. */
static char *
input_value (VertebroReport *self,
             const char     *path)
{
  g_autofree char *value = patient_value (self, path);
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
      g_autoptr(PangoLayout) title = new_text (self, FONT_SMALL_BOLD, flow->width, _(section->title));

      /* The patient's identity is in the box above, the levels in their
       * table, the notes under the patient. */
      if (section->kind == VERTEBRO_LAYOUT_LEVELS || section->kind == VERTEBRO_LAYOUT_NOTES || s == 0)
        continue;

      if (first)
        flow_heading (flow, _("What the assessment used"), layout_height (title) + 20);
      first = FALSE;
      flow_space (flow, 6);
      show_layout (flow->cr, title, flow->left, flow_place (flow, layout_height (title) + 20), INK_SECONDARY);
      flow_advance (flow, layout_height (title) + 2);

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
                                           agreed == VERTEBRO_ANSWER_NOT_ASSESSED ? _("not recorded") : answer_label (agreed));
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

/* ---- Tables ---- */

#define MAX_COLUMNS 8

typedef struct {
  guint        n;
  double       x[MAX_COLUMNS];     /* from the column's left edge */
  double       width[MAX_COLUMNS];
  PangoLayout *cells[MAX_COLUMNS];
  double       height;
} Row;

static void
row_init (Row          *row,
          Flow         *flow,
          const double *shares,
          guint         n)
{
  double x = 0;

  g_assert (n <= MAX_COLUMNS);
  memset (row, 0, sizeof *row);
  row->n = n;
  for (guint i = 0; i < n; i++)
    {
      row->x[i] = x;
      row->width[i] = shares[i] * flow->width;
      x += row->width[i];
    }
}

static void
row_set (Row         *row,
         guint        column,
         PangoLayout *cell)
{
  g_clear_object (&row->cells[column]);
  row->cells[column] = cell;
  row->height = 0;
  for (guint i = 0; i < row->n; i++)
    row->height = MAX (row->height, layout_height (row->cells[i]));
  row->height += 2 * CELL_PAD;
}

static void
row_clear (Row *row)
{
  for (guint i = 0; i < row->n; i++)
    g_clear_object (&row->cells[i]);
}

/* The width a cell's text may take: its column less the gap to the next. */
static double
row_text_width (const Row *row,
                guint      column,
                double     indent)
{
  return row->width[column] - indent - (column + 1 < row->n ? 6 : 0);
}

static void
row_show (const Row *row,
          Flow      *flow,
          double     y,
          gboolean   header,
          const double *indent,
          const double *grey)
{
  if (header)
    {
      cairo_save (flow->cr);
      cairo_set_source_rgb (flow->cr, FILL_LIGHT, FILL_LIGHT, FILL_LIGHT);
      cairo_rectangle (flow->cr, flow->left, y, flow->width, row->height);
      cairo_fill (flow->cr);
      cairo_restore (flow->cr);
    }
  for (guint i = 0; i < row->n; i++)
    show_layout (flow->cr, row->cells[i], flow->left + row->x[i] + (indent != NULL ? indent[i] : 0),
                 y + CELL_PAD, grey != NULL ? grey[i] : INK);
  draw_rule (flow->cr, flow->left, y + row->height, flow->width, header ? INK_SECONDARY : RULE_LIGHT, RULE_WIDTH);
}

/* Places a table row; when it starts a new page, the table's header row is
 * repeated above it. */
static double
place_row (Flow      *flow,
           const Row *header,
           double     height)
{
  guint page = flow->pages->len;
  double y = flow_place (flow, height);

  if (header != NULL && flow->pages->len != page)
    {
      row_show (header, flow, y, TRUE, NULL, NULL);
      flow_advance (flow, header->height);
      y = flow->y;
    }
  return y;
}

/* How wide the widest word of @text is in @font. */
static double
widest_word (VertebroReport *self,
             Font            font,
             const char     *text)
{
  /* A line can break at a space or after a hyphen. */
  g_auto(GStrv) words = g_strsplit_set (text != NULL ? text : "", " \n-", -1);
  double widest = 0;

  for (guint w = 0; words[w] != NULL; w++)
    {
      g_autoptr(PangoLayout) word = new_text (self, font, 0, words[w]);
      int width;

      pango_layout_get_size (word, &width, NULL);
      widest = MAX (widest, (double) width / PANGO_SCALE);
    }
  return widest;
}

/* Widens a column too narrow for its widest word (a translated heading such
 * as German "Wirbelkörper" or French "Tassement"), taking the room from the
 * columns with some to spare, so that no word is split. @need is each
 * column's widest word in points. When the words cannot all fit, @base is
 * kept. */
static void
fit_shares (Flow         *flow,
            const double *base,
            const double *need,
            guint         n,
            double       *shares)
{
  double least[MAX_COLUMNS], deficit = 0, slack = 0;

  g_assert (n <= MAX_COLUMNS);
  for (guint c = 0; c < n; c++)
    {
      /* The word, the gap to the next column and a point to spare. */
      least[c] = (need[c] + (c + 1 < n ? 6 : 0) + 1) / flow->width;
      shares[c] = base[c];
      if (least[c] > base[c])
        deficit += least[c] - base[c];
      else
        slack += base[c] - least[c];
    }
  if (deficit == 0 || deficit > slack)
    return;
  for (guint c = 0; c < n; c++)
    shares[c] = least[c] > base[c] ? least[c] : base[c] - (base[c] - least[c]) * deficit / slack;
}

/* The widest word each column of the levels table can show: its heading,
 * every value its cells can take, and "Not assessed". */
static void
levels_table_needs (VertebroReport     *self,
                    const char * const *titles,
                    const double       *indent,
                    guint               n,
                    double             *need)
{
  static const char * const choice_paths[] = { NULL, NULL, NULL, "level.acuity", "level.posterior_wall", NULL, NULL };
  static const VertebroVerdict verdicts[] = {
    VERTEBRO_VERDICT_CONTRAINDICATED, VERTEBRO_VERDICT_NOT_INDICATED, VERTEBRO_VERDICT_INCOMPLETE,
    VERTEBRO_VERDICT_NOT_READY, VERTEBRO_VERDICT_REVIEW, VERTEBRO_VERDICT_ELIGIBLE,
  };
  double not_assessed = widest_word (self, FONT_SMALL_ITALIC, _("Not assessed"));

  g_assert (n == G_N_ELEMENTS (choice_paths));
  for (guint c = 0; c < n; c++)
    {
      /* The level and its verdict are always there. */
      need[c] = widest_word (self, FONT_SMALL_BOLD, titles[c]);
      if (c > 0 && c + 1 < n)
        need[c] = MAX (need[c], not_assessed);
      if (choice_paths[c] != NULL)
        {
          const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_LEVEL, choice_paths[c]);

          for (guint i = 0; field->choices[i].value != NULL; i++)
            need[c] = MAX (need[c], widest_word (self, FONT_BODY, _(field->choices[i].label)));
        }
    }
  for (guint a = 0; a < 2; a++)
    need[5] = MAX (need[5], widest_word (self, FONT_BODY, answer_label (a == 0 ? VERTEBRO_ANSWER_YES : VERTEBRO_ANSWER_NO)));
  for (guint v = 0; v < G_N_ELEMENTS (verdicts); v++)
    need[6] = MAX (need[6], widest_word (self, FONT_BODY_BOLD, vertebro_verdict_get_label (verdicts[v])));
  for (guint c = 0; c < n; c++)
    need[c] += indent[c];
}

/* One row per level: level, collapse, Genant grade, acuity, posterior
 * wall, pain concordant, and the level's verdict with its symbol. */
static void
draw_levels_table (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  static const double base_shares[] = { 0.065, 0.105, 0.09, 0.22, 0.13, 0.14, 0.25 };
  double shares[G_N_ELEMENTS (base_shares)], need[G_N_ELEMENTS (base_shares)];
  const double indent[] = { 0, 0, 0, 0, 0, 0, SMALL_SYMBOL_SIZE + 4 };
  guint n = vertebro_assessment_get_n_levels (self->assessment);
  GListModel *levels = vertebro_patient_get_levels (self->patient);
  const char *titles[] = {
    /* Translators: the headings of the PDF's table of levels. Its seven
     * columns are narrow: abbreviate where your words are long. */
    C_("levels table", "Level"),
    /* Translators: a heading of the PDF's table of levels; abbreviate if long. */
    C_("levels table", "Collapse"),
    /* Translators: a heading of the PDF's table of levels; abbreviate if long. */
    C_("levels table", "Genant grade"),
    /* Translators: a heading of the PDF's table of levels; abbreviate if long. */
    C_("levels table", "Acuity"),
    /* Translators: a heading of the PDF's table of levels; abbreviate if long. */
    C_("levels table", "Posterior wall"),
    /* Translators: a heading of the PDF's table of levels; abbreviate if long. */
    C_("levels table", "Pain concordant with this level"),
    /* Translators: a heading of the PDF's table of levels; abbreviate if long. */
    C_("levels table", "Verdict"),
  };
  Row header;

  if (n == 0)
    return;

  levels_table_needs (self, titles, indent, G_N_ELEMENTS (shares), need);
  fit_shares (flow, base_shares, need, G_N_ELEMENTS (shares), shares);
  row_init (&header, flow, shares, G_N_ELEMENTS (shares));
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    row_set (&header, c, new_text (self, FONT_SMALL_BOLD, row_text_width (&header, c, 0), titles[c]));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = vertebro_assessment_dup_level_label (self->assessment, i);
      g_autoptr(VertebroLevel) level = i < g_list_model_get_n_items (levels) ? g_list_model_get_item (levels, i) : NULL;
      VertebroVerdict verdict = vertebro_assessment_get_level_verdict (self->assessment, i);
      int genant = vertebro_assessment_get_level_genant (self->assessment, i);
      const char *cells[G_N_ELEMENTS (shares)] = { name, NULL, NULL, NULL, NULL, NULL, vertebro_verdict_get_label (verdict) };
      g_autofree char *collapse = NULL;
      g_autofree char *grade = NULL;
      double grey[G_N_ELEMENTS (shares)];
      Row row;
      double y;

      /* The assessment lists the patient's levels in the patient's order. */
      if (level != NULL && g_strcmp0 (vertebro_level_get_level (level), name) != 0)
        g_clear_object (&level);

      if (level != NULL && !isnan (vertebro_level_get_collapse_percent (level)))
        cells[1] = collapse = format_quantity (vertebro_level_get_collapse_percent (level), "%");
      if (genant >= 0)
        cells[2] = grade = g_strdup_printf ("%d", genant);
      if (level != NULL)
        {
          cells[3] = level_choice_label ("level.acuity", vertebro_level_get_acuity (level));
          cells[4] = level_choice_label ("level.posterior_wall", vertebro_level_get_posterior_wall (level));
          if (vertebro_level_get_pain_concordant (level) != VERTEBRO_ANSWER_NOT_ASSESSED)
            cells[5] = answer_label (vertebro_level_get_pain_concordant (level));
        }

      row_init (&row, flow, shares, G_N_ELEMENTS (shares));
      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        {
          Font font = c == 0 || c == G_N_ELEMENTS (cells) - 1 ? FONT_BODY_BOLD : FONT_BODY;

          grey[c] = cells[c] != NULL ? INK : INK_SECONDARY;
          row_set (&row, c, new_text (self, cells[c] != NULL ? font : FONT_SMALL_ITALIC,
                                      row_text_width (&row, c, indent[c]),
                                      cells[c] != NULL ? cells[c] : _("Not assessed")));
        }

      if (i == 0)
        {
          flow_heading (flow, _("Levels"), header.height + row.height);
          y = flow_place (flow, header.height);
          row_show (&header, flow, y, TRUE, NULL, NULL);
          flow_advance (flow, header.height);
        }
      y = place_row (flow, &header, row.height);
      row_show (&row, flow, y, FALSE, indent, grey);
      vertebro_report_draw_verdict_symbol (flow->cr, verdict, flow->left + row.x[6],
                           y + CELL_PAD + (layout_height (row.cells[6]) / pango_layout_get_line_count (row.cells[6]) - SMALL_SYMBOL_SIZE) / 2,
                           SMALL_SYMBOL_SIZE);
      flow_advance (flow, row.height);
      row_clear (&row);
    }
  row_clear (&header);
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
      g_autoptr(PangoLayout) none = new_text (self, FONT_BODY, flow->width, _("No findings."));

      flow_heading (flow, _("Findings"), layout_height (none));
      show_layout (flow->cr, none, flow->left, flow_place (flow, layout_height (none)), INK);
      flow_advance (flow, layout_height (none));
      return;
    }

  for (guint i = 0; i < findings->len; i++)
    {
      VertebroItem *item = g_ptr_array_index (findings, i);
      VertebroSeverity severity = vertebro_item_get_severity (item);
      gboolean decisive = vertebro_severity_get_verdict (severity) >= 0;
      g_autofree char *message = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
      g_autofree char *remedy = vertebro_item_dup_remedy (item, VERTEBRO_TEXT_LOCALIZED);
      g_autofree char *sources = sources_markup (vertebro_item_get_sources (item));
      g_autofree char *severity_text = NULL;
      g_autoptr(PangoLayout) severity_layout = NULL;
      g_autoptr(PangoLayout) message_layout = new_text (self, FONT_BODY, text_width, message);
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
      severity_layout = new_markup (self, decisive ? FONT_SMALL_BOLD : FONT_SMALL, left_width - 10, severity_text);

      if (remedy != NULL)
        {
          /* Translators: %s says what would change a finding. */
          g_autofree char *markup = g_markup_printf_escaped (_("<i>What would change it:</i> %s"), remedy);

          remedy_layout = new_markup (self, FONT_SMALL, text_width, markup);
        }
      if (sources != NULL)
        sources_layout = new_markup (self, FONT_SMALL, text_width, sources);

      height = layout_height (message_layout);
      if (remedy_layout != NULL)
        height += 2 + layout_height (remedy_layout);
      if (sources_layout != NULL)
        height += 2 + layout_height (sources_layout);
      left_height = layout_height (severity_layout);
      height = MAX (height, left_height);

      if (i == 0)
        flow_heading (flow, _("Findings"), height);
      flow_space (flow, ITEM_SPACE + 2);
      y = flow_place (flow, height);

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
      show_layout (flow->cr, severity_layout, flow->left + 8,
                   y + (double) (pango_layout_get_baseline (message_layout) -
                                 pango_layout_get_baseline (severity_layout)) / PANGO_SCALE, INK);
      show_layout (flow->cr, message_layout, flow->left + left_width, y, INK);
      y += layout_height (message_layout) + 2;
      if (remedy_layout != NULL)
        {
          show_layout (flow->cr, remedy_layout, flow->left + left_width, y, INK);
          y += layout_height (remedy_layout) + 2;
        }
      show_layout (flow->cr, sources_layout, flow->left + left_width, y, INK_SECONDARY);
      flow_advance (flow, height);
    }
}

static void
bullet_item (Flow        *flow,
             PangoLayout *bullet,
             PangoLayout *text,
             double       indent)
{
  double height = layout_height (text);
  double y;

  flow_space (flow, ITEM_SPACE - 2);
  y = flow_place (flow, height);
  show_layout (flow->cr, bullet, flow->left + 2, y, INK);
  show_layout (flow->cr, text, flow->left + indent, y, INK);
  flow_advance (flow, height);
}

/* What the assessment still needs before a decision. */
static void
draw_missing (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  const char * const *missing = vertebro_assessment_get_missing (self->assessment);
  double indent = 12;
  g_autoptr(PangoLayout) bullet = new_text (self, FONT_BODY, 0, "•");
  g_autoptr(PangoLayout) lead = NULL;

  if (missing == NULL || missing[0] == NULL)
    return;

  lead = new_text (self, FONT_BODY, flow->width,
                   _("The assessment is incomplete: no decision can be made until these are recorded."));
  flow_heading (flow, _("To complete"), layout_height (lead) + 20);
  show_layout (flow->cr, lead, flow->left, flow_place (flow, layout_height (lead)), INK);
  flow_advance (flow, layout_height (lead));

  for (guint i = 0; missing[i] != NULL; i++)
    {
      g_autofree char *label = vertebro_assessment_dup_field_label (self->assessment, missing[i]);
      g_autoptr(PangoLayout) text = new_text (self, FONT_BODY, flow->width - indent, label);

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
      g_autofree char *sources = sources_markup (vertebro_item_get_sources (item));
      g_autofree char *markup = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      g_autoptr(PangoLayout) due = NULL;
      double height, first_line, y;

      markup = item_markup (text, sources);
      layout = new_markup (self, FONT_BODY, text_width, markup);

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

          due = new_text (self, FONT_SMALL_BOLD, due_width, due_text);
          pango_layout_set_alignment (due, PANGO_ALIGN_RIGHT);
        }

      height = MAX (layout_height (layout), layout_height (due)) + 2 * CELL_PAD;
      if (i == 0)
        flow_heading (flow, _("Preparation checklist"), height);
      y = flow_place (flow, height);

      first_line = layout_height (layout) / pango_layout_get_line_count (layout);
      draw_check_box (flow->cr, flow->left + 1, y + CELL_PAD + (first_line - BOX_SIZE) / 2, vertebro_item_get_done (item));
      show_layout (flow->cr, layout, flow->left + box_width, y + CELL_PAD, INK);
      show_layout (flow->cr, due, flow->left + flow->width - due_width, y + CELL_PAD, INK);
      draw_rule (flow->cr, flow->left, y + height, flow->width, RULE_LIGHT, RULE_WIDTH);
      flow_advance (flow, height);
    }
}

/* What to tell the patient, as a list. */
static void
draw_counselling (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  GPtrArray *items = vertebro_assessment_get_counsel (self->assessment);
  double indent = 12;
  g_autoptr(PangoLayout) bullet = new_text (self, FONT_BODY, 0, "•");

  for (guint i = 0; i < items->len; i++)
    {
      VertebroItem *item = g_ptr_array_index (items, i);
      g_autofree char *text = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
      g_autofree char *sources = sources_markup (vertebro_item_get_sources (item));
      g_autofree char *markup = item_markup (text, sources);
      g_autoptr(PangoLayout) layout = new_markup (self, FONT_BODY, flow->width - indent, markup);

      if (i == 0)
        flow_heading (flow, _("Counselling"), layout_height (layout));
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
      g_autoptr(PangoLayout) id_layout = new_text (self, FONT_SMALL_BOLD, id_width - 6, id);
      g_autoptr(PangoLayout) citation_layout = new_markup (self, FONT_SMALL, flow->width - id_width, markup);
      double height = MAX (layout_height (id_layout), layout_height (citation_layout));
      double y;

      /* Guidelines and literature first, then the documents the product was
       * specified from, under their own heading (clinical-rules.md §7.16). */
      if (i == 0)
        flow_heading (flow, _("References: guidelines and literature"), height);
      if (!in_documents && vertebro_ruleset_is_source_document (self->rules, id))
        {
          in_documents = TRUE;
          flow_heading (flow, _("References: source documents"), height);
        }
      flow_space (flow, 3);
      y = flow_place (flow, height);
      show_layout (flow->cr, id_layout, flow->left, y, INK);
      show_layout (flow->cr, citation_layout, flow->left + id_width, y, INK);
      if (doi != NULL)
        {
          /* The whole citation is a link to the DOI, for a reader who clicks. */
          Link link = { g_strdup_printf ("https://doi.org/%s", doi), self->pages->len - 1,
                        flow->left + id_width, y, layout_width (citation_layout), layout_height (citation_layout) };

          g_array_append_val (self->links, link);
        }
      flow_advance (flow, height);
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
      title_layouts[c] = new_text (self, FONT_BODY_BOLD, column, titles[c]);
      title_height = MAX (title_height, layout_height (title_layouts[c]));
    }
  for (guint l = 0; l < G_N_ELEMENTS (lines); l++)
    {
      label_layouts[l] = new_text (self, FONT_SMALL, column, lines[l]);
      label_height = MAX (label_height, layout_height (label_layouts[l]));
    }
  height = title_height + G_N_ELEMENTS (lines) * (line_space + 1.5 + label_height);

  flow_space (flow, SECTION_SPACE + 6);
  y = flow_place (flow, height);
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    {
      double x = flow->left + c * (column + 4 * COLUMN_GAP);
      double line_y = y + title_height;

      show_layout (flow->cr, title_layouts[c], x, y, INK);
      for (guint l = 0; l < G_N_ELEMENTS (lines); l++)
        {
          line_y += line_space;
          draw_rule (flow->cr, x, line_y, column, INK, 0.6);
          show_layout (flow->cr, label_layouts[l], x, line_y + 1.5, INK_SECONDARY);
          line_y += 1.5 + label_height;
        }
    }
  flow_advance (flow, height);

  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    g_object_unref (title_layouts[c]);
  for (guint l = 0; l < G_N_ELEMENTS (lines); l++)
    g_object_unref (label_layouts[l]);
}

/* ---- What every page has ---- */

/* From the second page on, who the page is about; on every page of an
 * incomplete assessment, a mark that says so. */
static void
draw_header (VertebroReport *self,
             cairo_t        *cr,
             guint           page)
{
  double left = MARGIN_SIDE, width = self->width - 2 * MARGIN_SIDE;
  double mark_width = 0;

  if (vertebro_assessment_get_verdict (self->assessment) == VERTEBRO_VERDICT_INCOMPLETE)
    {
      g_autoptr(PangoLayout) mark = new_text (self, FONT_SMALL_BOLD, 0, _("INCOMPLETE ASSESSMENT"));
      double pad = 4, symbol = 9;
      double w = layout_width (mark) + 3 * pad + symbol, h = layout_height (mark) + 2 * pad;
      double x = left + width - w, y = MARGIN_TOP;

      cairo_save (cr);
      cairo_set_source_rgb (cr, INK, INK, INK);
      cairo_set_line_width (cr, 1.2);
      cairo_rectangle (cr, x, y, w, h);
      cairo_stroke (cr);
      cairo_restore (cr);
      vertebro_report_draw_verdict_symbol (cr, VERTEBRO_VERDICT_INCOMPLETE, x + pad, y + (h - symbol) / 2, symbol);
      show_layout (cr, mark, x + 2 * pad + symbol, y + pad, INK);
      mark_width = w + 10;
    }

  if (page > 0)
    {
      const char *name = vertebro_patient_get_text (self->patient, "patient.name");
      const char *identifier = vertebro_patient_get_text (self->patient, "patient.identifier");
      g_autoptr(GString) text = g_string_new (_("Pre-procedure assessment"));
      g_autoptr(PangoLayout) layout = NULL;

      if (name != NULL && name[0] != '\0')
        {
          g_autofree char *shown = user_text ("patient.name", name);

          g_string_append_printf (text, "  ·  %s", shown);
        }
      if (identifier != NULL && identifier[0] != '\0')
        {
          g_autofree char *shown = user_text ("patient.identifier", identifier);

          g_string_append_printf (text, "  ·  %s", shown);
        }
      layout = new_text (self, FONT_SMALL, width - mark_width, text->str);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      show_layout (cr, layout, left, MARGIN_TOP + 4, INK_SECONDARY);
      draw_rule (cr, left, MARGIN_TOP + HEADER_HEIGHT - 8, width, RULE_LIGHT, RULE_WIDTH);
    }
}

typedef struct {
  PangoLayout *info;        /* app, rule set, generation time */
  PangoLayout *thresholds;  /* NULL unless a site rule set differs */
  PangoLayout *note;        /* decision support */
  double       height;
} Footer;

static void
footer_clear (Footer *footer)
{
  g_clear_object (&footer->info);
  g_clear_object (&footer->thresholds);
  g_clear_object (&footer->note);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Footer, footer_clear)

static void
footer_init (Footer         *footer,
             VertebroReport *self)
{
  double width = self->width - 2 * MARGIN_SIDE;
  g_autofree char *thresholds = thresholds_in_force (self);
  g_autofree char *date = NULL;
  g_autofree char *time = g_date_time_format (self->generated, "%X");
  g_autofree char *info = NULL;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (self->generated),
                  g_date_time_get_month (self->generated), g_date_time_get_year (self->generated));
  date = vertebro_format_date (&day, VERTEBRO_TEXT_LOCALIZED);

  /* Translators: the first line of every page's footer: the app's version;
   * the rule set's id, version and the start of its SHA-256; the date and
   * time the summary was made. */
  info = g_strdup_printf (_("Vertebro %s  ·  Rule set %s %s, SHA-256 %.12s  ·  Generated %s, %s"),
                          PACKAGE_VERSION,
                          vertebro_assessment_get_ruleset_id (self->assessment),
                          vertebro_assessment_get_ruleset_version (self->assessment),
                          vertebro_assessment_get_ruleset_sha256 (self->assessment),
                          date, time);

  footer->info = new_text (self, FONT_FOOTER, width - PAGE_NUMBER_WIDTH, info);
  if (thresholds != NULL)
    footer->thresholds = new_text (self, FONT_FOOTER, width - PAGE_NUMBER_WIDTH, thresholds);
  footer->note = new_text (self, FONT_FOOTER_ITALIC, width - PAGE_NUMBER_WIDTH,
                           _("Decision support only: it does not replace clinical judgement."));
  footer->height = 5 + layout_height (footer->info) + 1.5 + layout_height (footer->note);
  if (footer->thresholds != NULL)
    footer->height += 1.5 + layout_height (footer->thresholds);
}

/* Page N of M, the app and rule set that made the page, when, the site
 * thresholds in force, and that this is decision support. */
static void
draw_footer (VertebroReport *self,
             cairo_t        *cr,
             const Footer   *footer,
             guint           page,
             guint           n_pages)
{
  double left = MARGIN_SIDE, width = self->width - 2 * MARGIN_SIDE;
  double y = self->height - MARGIN_BOTTOM - footer->height;
  /* Translators: the page counter in every page's footer. */
  g_autofree char *counter = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
  g_autoptr(PangoLayout) number = new_text (self, FONT_FOOTER_BOLD, PAGE_NUMBER_WIDTH, counter);

  pango_layout_set_alignment (number, PANGO_ALIGN_RIGHT);
  draw_rule (cr, left, y, width, INK_SECONDARY, RULE_WIDTH);
  y += 5;
  show_layout (cr, number, left + width - PAGE_NUMBER_WIDTH, y, INK);
  show_layout (cr, footer->info, left, y, INK_SECONDARY);
  y += layout_height (footer->info) + 1.5;
  if (footer->thresholds != NULL)
    {
      show_layout (cr, footer->thresholds, left, y, INK);
      y += layout_height (footer->thresholds) + 1.5;
    }
  show_layout (cr, footer->note, left, y, INK_SECONDARY);
}

/* ---- The object ---- */

static void
vertebro_report_clear_pages (VertebroReport *self)
{
  g_ptr_array_set_size (self->pages, 0);
  g_array_set_size (self->bookmarks, 0);
  g_array_set_size (self->links, 0);
}

static void
vertebro_report_dispose (GObject *object)
{
  VertebroReport *self = VERTEBRO_REPORT (object);

  g_clear_object (&self->patient);
  g_clear_object (&self->rules);
  g_clear_object (&self->pango);
  if (self->pages != NULL)
    vertebro_report_clear_pages (self);

  G_OBJECT_CLASS (vertebro_report_parent_class)->dispose (object);
}

static void
vertebro_report_finalize (GObject *object)
{
  VertebroReport *self = VERTEBRO_REPORT (object);

  g_clear_pointer (&self->assessment, vertebro_assessment_unref);
  g_clear_pointer (&self->generated, g_date_time_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->bookmarks, g_array_unref);
  g_clear_pointer (&self->links, g_array_unref);

  g_free (self->institution);

  G_OBJECT_CLASS (vertebro_report_parent_class)->finalize (object);
}

static void
vertebro_report_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VertebroReport *self = VERTEBRO_REPORT (object);

  switch (prop_id)
    {
    case PROP_ASSESSMENT:
      g_value_set_boxed (value, self->assessment);
      break;
    case PROP_PATIENT:
      g_value_set_object (value, self->patient);
      break;
    case PROP_RULES:
      g_value_set_object (value, self->rules);
      break;
    case PROP_GENERATED:
      g_value_set_boxed (value, self->generated);
      break;
    case PROP_PAPER:
      g_value_set_enum (value, self->paper);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vertebro_report_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VertebroReport *self = VERTEBRO_REPORT (object);

  switch (prop_id)
    {
    case PROP_ASSESSMENT:
      self->assessment = g_value_dup_boxed (value);
      break;
    case PROP_PATIENT:
      self->patient = g_value_dup_object (value);
      break;
    case PROP_RULES:
      self->rules = g_value_dup_object (value);
      break;
    case PROP_GENERATED:
      vertebro_report_set_generated (self, g_value_get_boxed (value));
      break;
    case PROP_PAPER:
      vertebro_report_set_paper (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vertebro_report_class_init (VertebroReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vertebro_report_dispose;
  object_class->finalize = vertebro_report_finalize;
  object_class->get_property = vertebro_report_get_property;
  object_class->set_property = vertebro_report_set_property;

  properties[PROP_ASSESSMENT] =
    g_param_spec_boxed ("assessment", NULL, NULL, VERTEBRO_TYPE_ASSESSMENT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATIENT] =
    g_param_spec_object ("patient", NULL, NULL, VERTEBRO_TYPE_PATIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RULES] =
    g_param_spec_object ("rules", NULL, NULL, VERTEBRO_TYPE_RULESET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * VertebroReport:generated:
   *
   * When the summary was made, shown in every page's footer. Now, unless set.
   */
  properties[PROP_GENERATED] =
    g_param_spec_boxed ("generated", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * VertebroReport:paper:
   *
   * The paper vertebro_report_write_pdf() lays the pages out on; the
   * locale's unless set.
   */
  properties[PROP_PAPER] =
    g_param_spec_enum ("paper", NULL, NULL, VERTEBRO_TYPE_PAPER, VERTEBRO_PAPER_A4,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vertebro_report_init (VertebroReport *self)
{
  self->generated = g_date_time_new_now_local ();
  self->paper = vertebro_paper_get_default ();
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  self->bookmarks = g_array_new (FALSE, TRUE, sizeof (Bookmark));
  g_array_set_clear_func (self->bookmarks, (GDestroyNotify) bookmark_clear);
  self->links = g_array_new (FALSE, TRUE, sizeof (Link));
  g_array_set_clear_func (self->links, (GDestroyNotify) link_clear);
}

/**
 * vertebro_report_new:
 * @assessment: the assessment to summarise
 * @patient: the patient it was made for
 * @rules: the rule set it was made with (for the citations and thresholds)
 *
 * Returns: (transfer full): a report, not yet paginated
 */
VertebroReport *
vertebro_report_new (VertebroAssessment *assessment,
                     VertebroPatient    *patient,
                     VertebroRuleset    *rules)
{
  g_return_val_if_fail (assessment != NULL, NULL);
  g_return_val_if_fail (VERTEBRO_IS_PATIENT (patient), NULL);
  g_return_val_if_fail (VERTEBRO_IS_RULESET (rules), NULL);

  return g_object_new (VERTEBRO_TYPE_REPORT,
                       "assessment", assessment,
                       "patient", patient,
                       "rules", rules,
                       NULL);
}

VertebroAssessment *
vertebro_report_get_assessment (VertebroReport *self)
{
  g_return_val_if_fail (VERTEBRO_IS_REPORT (self), NULL);
  return self->assessment;
}

VertebroPatient *
vertebro_report_get_patient (VertebroReport *self)
{
  g_return_val_if_fail (VERTEBRO_IS_REPORT (self), NULL);
  return self->patient;
}

VertebroRuleset *
vertebro_report_get_rules (VertebroReport *self)
{
  g_return_val_if_fail (VERTEBRO_IS_REPORT (self), NULL);
  return self->rules;
}

GDateTime *
vertebro_report_get_generated (VertebroReport *self)
{
  g_return_val_if_fail (VERTEBRO_IS_REPORT (self), NULL);
  return self->generated;
}

/**
 * vertebro_report_set_generated:
 * @self: a report
 * @generated: when the summary was made
 *
 * Takes effect at the next vertebro_report_paginate().
 */
void
vertebro_report_set_generated (VertebroReport *self,
                               GDateTime      *generated)
{
  g_return_if_fail (VERTEBRO_IS_REPORT (self));
  g_return_if_fail (generated != NULL);

  if (self->generated != NULL && g_date_time_equal (self->generated, generated))
    return;
  g_clear_pointer (&self->generated, g_date_time_unref);
  self->generated = g_date_time_ref (generated);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATED]);
}

VertebroPaper
vertebro_report_get_paper (VertebroReport *self)
{
  g_return_val_if_fail (VERTEBRO_IS_REPORT (self), VERTEBRO_PAPER_A4);
  return self->paper;
}

void
vertebro_report_set_paper (VertebroReport *self,
                           VertebroPaper   paper)
{
  g_return_if_fail (VERTEBRO_IS_REPORT (self));

  if (self->paper == paper)
    return;
  self->paper = paper;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAPER]);
}

/**
 * vertebro_report_paginate:
 * @self: a report
 * @width_pt: the page's width in points
 * @height_pt: the page's height in points
 *
 * Lays the summary out on pages of this size, with its own margins. For a
 * GtkPrintOperation, call it from ::begin-print with the print context's
 * width and height, having set the operation's unit to points and
 * use-full-page to %TRUE, then set the operation's n-pages to
 * vertebro_report_get_n_pages().
 */
void
vertebro_report_paginate (VertebroReport *self,
                          double          width_pt,
                          double          height_pt)
{
  g_auto(Footer) footer = { 0 };
  Flow flow = { 0 };

  g_return_if_fail (VERTEBRO_IS_REPORT (self));
  g_return_if_fail (width_pt >= 200 && height_pt >= 300);

  vertebro_report_clear_pages (self);
  if (self->pango == NULL)
    self->pango = vertebro_report_pango_context_new (NULL);
  self->width = width_pt;
  self->height = height_pt;

  footer_init (&footer, self);

  flow.owner = self;
  flow.pages = self->pages;
  flow.page_width = width_pt;
  flow.page_height = height_pt;
  flow.left = MARGIN_SIDE;
  flow.width = width_pt - 2 * MARGIN_SIDE;
  flow.top = MARGIN_TOP + HEADER_HEIGHT;
  flow.bottom = height_pt - MARGIN_BOTTOM - footer.height - FOOTER_GAP;
  flow_new_page (&flow);

  draw_title (&flow);
  draw_patient (&flow);
  draw_verdict (&flow);
  draw_record (&flow);
  draw_levels_table (&flow);
  draw_inputs (&flow);
  draw_findings (&flow);
  draw_missing (&flow);
  draw_checklist (&flow);
  draw_counselling (&flow);
  draw_references (&flow);
  draw_signatures (&flow);
  g_clear_pointer (&flow.cr, cairo_destroy);

  /* Now that the number of pages is known, mark every page. */
  for (guint i = 0; i < self->pages->len; i++)
    {
      cairo_t *cr = cairo_create (g_ptr_array_index (self->pages, i));

      draw_header (self, cr, i);
      draw_footer (self, cr, &footer, i, self->pages->len);
      cairo_destroy (cr);
    }
}

/**
 * vertebro_report_get_n_pages:
 * @self: a report
 *
 * Returns: the number of pages, 0 before vertebro_report_paginate()
 */
guint
vertebro_report_get_n_pages (VertebroReport *self)
{
  g_return_val_if_fail (VERTEBRO_IS_REPORT (self), 0);
  return self->pages->len;
}

/**
 * vertebro_report_draw_page:
 * @self: a paginated report
 * @cr: where to draw, in points, the page's top left corner at the origin
 * @page: the page, from 0
 *
 * Draws one page as vertebro_report_paginate() laid it out.
 */
void
vertebro_report_draw_page (VertebroReport *self,
                           cairo_t        *cr,
                           guint           page)
{
  g_return_if_fail (VERTEBRO_IS_REPORT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  vertebro_report_replay_page (cr, self->pages, page);
}

/* ---- The PDF file ---- */

static void
draw_pdf (cairo_surface_t *surface,
          VertebroReport  *self)
{
  cairo_t *cr = cairo_create (surface);

  /* Nothing about the patient goes into the metadata: file managers,
   * indexers and mail programs show it without opening the file. */
  vertebro_report_set_pdf_metadata (surface, _("Vertebroplasty assessment"), self->generated);

  for (guint i = 0; i < self->bookmarks->len; i++)
    {
      const Bookmark *bookmark = &g_array_index (self->bookmarks, Bookmark, i);
      g_autofree char *link = g_strdup_printf ("page=%u pos=[%d %d]", bookmark->page,
                                               (int) MARGIN_SIDE, (int) bookmark->y);

      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, bookmark->title, link, 0);
    }

  for (guint i = 0; i < self->pages->len; i++)
    {
      vertebro_report_draw_page (self, cr, i);
      for (guint l = 0; l < self->links->len; l++)
        {
          const Link *link = &g_array_index (self->links, Link, l);
          g_autofree char *attributes = NULL;

          if (link->page != i)
            continue;
          attributes = g_strdup_printf ("rect=[%.2f %.2f %.2f %.2f] uri='%s'",
                                        link->x, link->y, link->width, link->height, link->uri);
          cairo_tag_begin (cr, CAIRO_TAG_LINK, attributes);
          cairo_tag_end (cr, CAIRO_TAG_LINK);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
}

/* The language the summary is written in, for the PDF's /Lang: that of the
 * catalogue gettext is using, recognised by its translation of a message
 * every catalogue has. NULL when it is none of Vertebro's. */
static const char *
summary_language (void)
{
  static const char probe[] = "Page %u of %u";
  /* gettext(), as _() is: g_dgettext() decides once per process whether to
   * translate at all. */
  const char *translated = gettext (probe);
  const char * const *languages = vertebro_leaflet_get_languages ();

  if (g_str_equal (translated, probe))
    return "en";
  for (guint i = 0; languages[i] != NULL; i++)
    if (g_str_equal (vertebro_catalog_lookup (vertebro_catalog_get (languages[i]), NULL, probe), translated))
      return languages[i];
  return NULL;
}

/**
 * vertebro_report_write_pdf:
 * @self: a report
 * @path: the file to write
 * @error: where to say why it could not be written
 *
 * Lays the summary out on #VertebroReport:paper and writes it as a PDF with
 * its fonts embedded. The file is written under a temporary name in the same
 * folder, readable by its owner only, and renamed to @path only when it is
 * complete: @path is never left half written, and on failure nothing is left
 * behind. The error's message does not repeat @path.
 *
 * Returns: whether the file was written
 */
gboolean
vertebro_report_write_pdf (VertebroReport  *self,
                           const char      *path,
                           GError         **error)
{
  double width, height;

  g_return_val_if_fail (VERTEBRO_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  vertebro_paper_get_size (self->paper, &width, &height);
  vertebro_report_paginate (self, width, height);
  return vertebro_report_write_pdf_file (path, width, height, summary_language (),
                                         (VertebroPdfDrawFunc) draw_pdf, self, error);
}
