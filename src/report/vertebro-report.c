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

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "vertebro-report.h"

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

#define FONT_FAMILY "Sans"

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

struct _VertebroReport
{
  GObject             parent_instance;

  VertebroAssessment *assessment;
  VertebroPatient    *patient;
  VertebroRuleset    *rules;
  GDateTime          *generated;
  VertebroPaper       paper;

  /* Set by vertebro_report_paginate(). */
  PangoContext       *pango;
  double              width;
  double              height;
  GPtrArray          *pages;      /* of cairo_surface_t, recordings */
  GArray             *bookmarks;  /* of Bookmark */
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

/* What is being laid out: the current page, and where on it. */
typedef struct {
  VertebroReport *self;
  cairo_t        *cr;      /* on the current page */
  double          left;    /* the text column */
  double          width;
  double          top;     /* the body's limits */
  double          bottom;
  double          y;       /* where the next block goes */
  double          space;   /* to leave before it, unless it starts a page */
} Flow;

/* ---- Text ---- */

static PangoContext *
create_pango_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics at 72 dpi: one point is one unit whatever the device,
   * so a page measured here is the page that prints. */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_get_default ());
  cairo_font_options_destroy (options);
  return context;
}

/* @width: where to wrap, or 0 for one line. @markup: whether @text is
 * Pango markup (escape anything that comes from the patient file). */
static PangoLayout *
new_layout (VertebroReport *self,
            Font            font,
            double          width,
            const char     *text,
            gboolean        markup)
{
  PangoLayout *layout = pango_layout_new (self->pango);
  PangoFontDescription *desc = pango_font_description_new ();
  PangoAttrList *attrs;

  pango_font_description_set_family (desc, FONT_FAMILY);
  pango_font_description_set_size (desc, (int) (font_styles[font].size * PANGO_SCALE));
  pango_font_description_set_weight (desc, font_styles[font].weight);
  pango_font_description_set_style (desc, font_styles[font].style);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);

  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);

  /* A word is never split with an added hyphen: what is printed is what
   * the text says, and a copy from the PDF reads the same. */
  attrs = pango_layout_get_attributes (layout);
  attrs = attrs != NULL ? pango_attr_list_copy (attrs) : pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
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

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  if (layout == NULL)
    return 0;
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             double       grey)
{
  if (layout == NULL)
    return;
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* ---- Lines and symbols ---- */

static void
draw_rule (cairo_t *cr,
           double   x,
           double   y,
           double   width,
           double   grey,
           double   line_width)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, x, y);
  cairo_rel_line_to (cr, width, 0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* A verdict as a shape that reads without colour: a tick in a circle for
 * eligible, a cross for contraindicated (filled) and not indicated, an
 * exclamation mark in a triangle for not ready and review, a question mark
 * in a dashed circle for incomplete. (@x, @y) is the top left corner. */
static void
draw_verdict_symbol (cairo_t         *cr,
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

    case VERTEBRO_VERDICT_NOT_READY:
    case VERTEBRO_VERDICT_REVIEW:
      cairo_move_to (cr, x + 0.5 * s, y + 0.05 * s);
      cairo_line_to (cr, x + 0.97 * s, y + 0.9 * s);
      cairo_line_to (cr, x + 0.03 * s, y + 0.9 * s);
      cairo_close_path (cr);
      cairo_stroke (cr);
      cairo_set_line_width (cr, s * 0.1);
      cairo_move_to (cr, x + 0.5 * s, y + 0.37 * s);
      cairo_line_to (cr, x + 0.5 * s, y + 0.6 * s);
      cairo_stroke (cr);
      cairo_arc (cr, x + 0.5 * s, y + 0.75 * s, s * 0.06, 0, 2 * G_PI);
      cairo_fill (cr);
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
bookmark_clear (Bookmark *bookmark)
{
  g_free (bookmark->title);
}

static void
flow_new_page (Flow *flow)
{
  VertebroReport *self = flow->self;
  cairo_rectangle_t extents = { 0, 0, self->width, self->height };
  cairo_surface_t *page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);

  g_clear_pointer (&flow->cr, cairo_destroy);
  g_ptr_array_add (self->pages, page);
  flow->cr = cairo_create (page);
  /* Nothing runs into the header or the footer, not even a block too tall
   * for any page. */
  cairo_rectangle (flow->cr, 0, flow->top, self->width, flow->bottom - flow->top);
  cairo_clip (flow->cr);
  flow->y = flow->top;
  flow->space = 0;
}

/* Asks for at least @space before the next block, unless it starts a page. */
static void
flow_space (Flow   *flow,
            double  space)
{
  flow->space = MAX (flow->space, space);
}

/* Makes room for a block of @height that must not be split: when it does
 * not fit under what is already on the page, it starts the next page.
 * Returns where its top goes; flow_advance() then moves past it. */
static double
flow_place (Flow   *flow,
            double  height)
{
  if (flow->y > flow->top)
    {
      if (flow->y + flow->space + height > flow->bottom)
        flow_new_page (flow);
      else
        flow->y += flow->space;
    }
  flow->space = 0;
  return flow->y;
}

static void
flow_advance (Flow   *flow,
              double  height)
{
  flow->y += height;
}

/* A section heading, kept on the page of the first @next_height points of
 * what follows it. */
static void
flow_heading (Flow       *flow,
              const char *title,
              double      next_height)
{
  VertebroReport *self = flow->self;
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

/* A long free text that may break between lines across pages. */
static void
flow_long_text (Flow        *flow,
                PangoLayout *layout,
                double       x,
                double       grey)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double baseline, y;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      y = flow_place (flow, (double) logical.height / PANGO_SCALE);
      cairo_set_source_rgb (flow->cr, grey, grey, grey);
      cairo_move_to (flow->cr, x + (double) logical.x / PANGO_SCALE, y + baseline);
      pango_cairo_show_layout_line (flow->cr, line);
      flow_advance (flow, (double) logical.height / PANGO_SCALE);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

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

/* A missing field's path ("labs.inr", "levels[0].acuity") in words. */
static char *
missing_label (VertebroReport *self,
               const char     *path)
{
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, path);
  const char *dot;

  if (field != NULL)
    return g_strdup (_(field->label));
  if (g_str_equal (path, "levels"))
    return g_strdup (_("At least one fractured level"));
  if (g_str_has_prefix (path, "levels[") && (dot = strchr (path, '.')) != NULL)
    {
      g_autofree char *level_path = g_strconcat ("level", dot, NULL);
      guint index = (guint) g_ascii_strtoull (path + strlen ("levels["), NULL, 10);

      field = vertebro_fields_lookup (VERTEBRO_RECORD_LEVEL, level_path);
      if (field != NULL && index < vertebro_assessment_get_n_levels (self->assessment))
        /* Translators: a level and one of its fields, as in "L1: Acuity". */
        return g_strdup_printf (_("%s: %s"), vertebro_assessment_get_level_name (self->assessment, index),
                                _(field->label));
    }
  return g_strdup (path);
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

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_ascii_strcasecmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every source id cited in the assessment, once each, sorted by id so that a
 * reader finds one as in a glossary. */
static GPtrArray *
collect_sources (VertebroAssessment *a)
{
  GPtrArray *lists[] = {
    vertebro_assessment_get_findings (a),
    vertebro_assessment_get_checklist (a),
    vertebro_assessment_get_counsel (a),
  };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *ids = g_ptr_array_new ();

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const char * const *sources = vertebro_item_get_sources (g_ptr_array_index (lists[l], i));

        for (guint s = 0; sources != NULL && sources[s] != NULL; s++)
          if (g_hash_table_add (seen, (gpointer) sources[s]))
            g_ptr_array_add (ids, (gpointer) sources[s]);
      }
  g_ptr_array_sort (ids, compare_ids);
  return ids;
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
  VertebroReport *self = flow->self;
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, "assessment.procedure");
  const char *procedure = vertebro_field_choice_label (field, vertebro_patient_get_text (self->patient, "assessment.procedure"));
  g_autoptr(PangoLayout) title = new_text (self, FONT_TITLE, flow->width, _("Pre-procedure assessment"));
  g_autoptr(PangoLayout) subtitle = NULL;
  double height, y;

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
  VertebroReport *self = flow->self;
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
  VertebroReport *self = flow->self;
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

  draw_verdict_symbol (flow->cr, verdict, flow->left + pad, y + (height - SYMBOL_SIZE) / 2, SYMBOL_SIZE);
  y += (height - text_height) / 2;
  show_layout (flow->cr, label, flow->left + text_x, y, INK);
  y += layout_height (label) + 3;
  show_layout (flow->cr, summary, flow->left + text_x, y, INK);
  y += layout_height (summary) + 3;
  show_layout (flow->cr, levels, flow->left + text_x, y, INK);
  flow_advance (flow, height);
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
  guint page = flow->self->pages->len;
  double y = flow_place (flow, height);

  if (header != NULL && flow->self->pages->len != page)
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
  VertebroReport *self = flow->self;
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
      const char *name = vertebro_assessment_get_level_name (self->assessment, i);
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
      draw_verdict_symbol (flow->cr, verdict, flow->left + row.x[6],
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
  VertebroReport *self = flow->self;
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
  VertebroReport *self = flow->self;
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
      g_autofree char *label = missing_label (self, missing[i]);
      g_autoptr(PangoLayout) text = new_text (self, FONT_BODY, flow->width - indent, label);

      bullet_item (flow, bullet, text, indent);
    }
}

/* The preparation checklist: a box (ticked when done), the item, its
 * sources, and its due date on the right. */
static void
draw_checklist (Flow *flow)
{
  VertebroReport *self = flow->self;
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
          /* Translators: %s is the date by which a checklist item is due. */
          g_autofree char *due_text = g_strdup_printf (_("Due %s"), date);

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
  VertebroReport *self = flow->self;
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
  VertebroReport *self = flow->self;
  g_autoptr(GPtrArray) ids = collect_sources (self->assessment);
  double id_width = 92;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const char *citation = vertebro_ruleset_get_citation (self->rules, id);
      g_autoptr(PangoLayout) id_layout = new_text (self, FONT_SMALL_BOLD, id_width - 6, id);
      g_autoptr(PangoLayout) citation_layout = new_text (self, FONT_SMALL, flow->width - id_width,
                                                         citation != NULL ? _(citation) : "");
      double height = MAX (layout_height (id_layout), layout_height (citation_layout));
      double y;

      if (i == 0)
        flow_heading (flow, _("References"), height);
      flow_space (flow, 3);
      y = flow_place (flow, height);
      show_layout (flow->cr, id_layout, flow->left, y, INK);
      show_layout (flow->cr, citation_layout, flow->left + id_width, y, INK);
      flow_advance (flow, height);
    }
}

/* Signature, name and date lines for the clinician and for the patient's
 * counselling, side by side, never split. */
static void
draw_signatures (Flow *flow)
{
  VertebroReport *self = flow->self;
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
      draw_verdict_symbol (cr, VERTEBRO_VERDICT_INCOMPLETE, x + pad, y + (h - symbol) / 2, symbol);
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
    self->pango = create_pango_context ();
  self->width = width_pt;
  self->height = height_pt;

  footer_init (&footer, self);

  flow.self = self;
  flow.left = MARGIN_SIDE;
  flow.width = width_pt - 2 * MARGIN_SIDE;
  flow.top = MARGIN_TOP + HEADER_HEIGHT;
  flow.bottom = height_pt - MARGIN_BOTTOM - footer.height - FOOTER_GAP;
  flow_new_page (&flow);

  draw_title (&flow);
  draw_patient (&flow);
  draw_verdict (&flow);
  draw_levels_table (&flow);
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

  cairo_save (cr);
  cairo_set_source_surface (cr, g_ptr_array_index (self->pages, page), 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* ---- The PDF file ---- */

typedef struct {
  int fd;
  int error;  /* errno of the first failed write, or 0 */
} Writer;

static cairo_status_t
write_to_fd (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  Writer *writer = closure;

  while (length > 0)
    {
      ssize_t written = write (writer->fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          writer->error = written < 0 ? errno : EIO;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += written;
      length -= (unsigned int) written;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: what failed, then why, as in "The PDF could
                * not be written: No space left on device". */
               C_("error", "%s: %s"), what, g_strerror (saved_errno));
  return FALSE;
}

static void
draw_pdf (VertebroReport  *self,
          cairo_surface_t *surface)
{
  g_autofree char *creator = g_strdup_printf ("Vertebro %s", PACKAGE_VERSION);
  g_autofree char *created = g_date_time_format (self->generated, "%Y-%m-%dT%H:%M:%S%:z");
  cairo_t *cr = cairo_create (surface);

  /* Nothing about the patient goes into the metadata: file managers,
   * indexers and mail programs show it without opening the file. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Vertebroplasty assessment"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

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
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
}

/* ---- What a killed export leaves ----
 *
 * An export writes ".NAME.pdf.vertebro-export-XXXXXX" beside NAME.pdf and
 * renames it when complete; a process killed in between leaves it behind,
 * hidden, with the patient's data in it. The next export to the same name
 * removes such files once they are a minute old (a younger one may be an
 * export under way), as saves do theirs (vertebro-patient.c). The name is
 * ours alone. "Print to File" writes through GIO, whose temporary files
 * are ".goutputstream-XXXXXX": those are removed only when they also hold
 * a PDF, which no other program's unfinished write of a minute ago does
 * that is worth keeping.
 */

#define EXPORT_SUFFIX ".vertebro-export-"
#define STALE_AFTER_SECONDS 60

static gboolean
starts_as_pdf (const char *path)
{
  char head[5];
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  gboolean pdf;

  if (fd < 0)
    return FALSE;
  pdf = read (fd, head, sizeof head) == (ssize_t) sizeof head && memcmp (head, "%PDF-", sizeof head) == 0;
  close (fd);
  return pdf;
}

/**
 * vertebro_report_remove_stale_partials:
 * @dir: a folder
 * @prefix: the start of the names, and then six characters of mkstemp()
 * @only_pdf: whether to remove only files that begin as a PDF
 *
 * Removes what a killed export or print left in @dir: the regular files of
 * this user named @prefix and six more characters, a minute old or more.
 */
void
vertebro_report_remove_stale_partials (const char *dir,
                                       const char *prefix,
                                       gboolean    only_pdf)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) || strlen (name) != strlen (prefix) + 6)
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == getuid () &&
          now - (gint64) st.st_mtime >= STALE_AFTER_SECONDS && (!only_pdf || starts_as_pdf (path)))
        {
          if (g_unlink (path) == 0)
            g_debug ("removed %s, left by an interrupted export", path);
        }
    }
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
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *prefix = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Writer writer = { -1, 0 };
  double width, height;

  g_return_val_if_fail (VERTEBRO_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return set_errno_error (error, EISDIR, _("The PDF could not be written"));

  vertebro_paper_get_size (self->paper, &width, &height);
  vertebro_report_paginate (self, width, height);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  prefix = g_strconcat (".", base, EXPORT_SUFFIX, NULL);
  vertebro_report_remove_stale_partials (dir, prefix, FALSE);
  tmp_path = g_strdup_printf ("%s%s%sXXXXXX", dir, G_DIR_SEPARATOR_S, prefix);
  writer.fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (writer.fd < 0)
    return set_errno_error (error, errno, _("The PDF could not be created"));

  surface = cairo_pdf_surface_create_for_stream (write_to_fd, &writer, width, height);
  draw_pdf (self, surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (writer.error == 0 && status == CAIRO_STATUS_SUCCESS && fsync (writer.fd) != 0)
    writer.error = errno;
  if (!g_close (writer.fd, NULL) && writer.error == 0 && status == CAIRO_STATUS_SUCCESS)
    writer.error = errno;

  if (writer.error == 0 && status == CAIRO_STATUS_SUCCESS && g_rename (tmp_path, path) != 0)
    writer.error = errno;

  if (writer.error != 0 || status != CAIRO_STATUS_SUCCESS)
    {
      int saved = writer.error;

      g_unlink (tmp_path);
      if (saved != 0)
        return set_errno_error (error, saved, _("The PDF could not be written"));
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is a technical error from the drawing library. */
                   _("The PDF could not be drawn: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
