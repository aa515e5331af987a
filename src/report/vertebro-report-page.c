/* vertebro-report-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page primitives the clinician's summary and the patient's leaflet
 * share (declared in vertebro-report-page-private.h): text measured with
 * pango, rules, frames, check boxes and the verdicts' symbols, and a flow
 * of blocks over recorded pages.
 *
 * Text is laid out at 72 dpi with unhinted metrics, so its measure does not
 * depend on the device it is finally drawn on.
 */

#define G_LOG_DOMAIN "vertebro-report"

#include "config.h"

#include "vertebro-report.h"
#include "vertebro-report-page-private.h"

/* ---- Text ---- */

/**
 * vertebro_report_pango_context_new:
 * @language: (nullable): the language the text is in, for the choice of
 *   glyphs and line breaks; the locale's when %NULL
 */
PangoContext *
vertebro_report_pango_context_new (PangoLanguage *language)
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
  pango_context_set_language (context, language != NULL ? language : pango_language_get_default ());
  cairo_font_options_destroy (options);
  return context;
}

/* @width: where to wrap, or 0 for one line. @markup: whether @text is
 * Pango markup (escape anything that comes from the patient file). */
PangoLayout *
vertebro_report_layout_new (PangoContext            *context,
                            const VertebroFontStyle *font,
                            double                   width,
                            const char              *text,
                            gboolean                 markup)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_new ();
  PangoAttrList *attrs;

  pango_font_description_set_family (desc, VERTEBRO_FONT_FAMILY);
  pango_font_description_set_size (desc, (int) (font->size * PANGO_SCALE));
  pango_font_description_set_weight (desc, font->weight);
  pango_font_description_set_style (desc, font->style);
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

double
vertebro_report_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  if (layout == NULL)
    return 0;
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

double
vertebro_report_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

void
vertebro_report_show_layout (cairo_t     *cr,
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

void
vertebro_report_draw_rule (cairo_t *cr,
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

/* ---- Lines and symbols ---- */

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
 * its own, so a printout tells them apart without colour: a tick in a circle
 * for eligible, a cross for contraindicated (filled) and not indicated, an
 * exclamation mark in a triangle for not ready and in a diamond for review,
 * a question mark in a dashed circle for incomplete.
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
  cairo_set_source_rgb (cr, 0, 0, 0);
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

/* A check box of @size at @x, @y (its top left corner), ticked or empty. */
void
vertebro_report_draw_check_box (cairo_t  *cr,
                                double    x,
                                double    y,
                                double    size,
                                gboolean  ticked)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, x, y, size, size);
  cairo_stroke (cr);
  if (ticked)
    {
      cairo_set_line_width (cr, 1.4);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_move_to (cr, x + 0.2 * size, y + 0.5 * size);
      cairo_line_to (cr, x + 0.42 * size, y + 0.75 * size);
      cairo_line_to (cr, x + 0.85 * size, y + 0.18 * size);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* A frame of @line_width drawn inside the rectangle @x, @y, @width,
 * @height: its outer edge on the rectangle's. */
void
vertebro_report_draw_frame (cairo_t *cr,
                            double   x,
                            double   y,
                            double   width,
                            double   height,
                            double   grey,
                            double   line_width)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_set_line_width (cr, line_width);
  cairo_rectangle (cr, x + line_width / 2, y + line_width / 2, width - line_width, height - line_width);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* ---- The flow of pages ---- */

void
vertebro_flow_new_page (VertebroFlow *flow)
{
  if (flow->target != NULL)
    {
      if (flow->cr != NULL)
        {
          vertebro_flow_finish (flow);
          flow->page++;
        }
      flow->cr = cairo_reference (flow->target);
      cairo_save (flow->cr);
    }
  else
    {
      cairo_rectangle_t extents = { 0, 0, flow->page_width, flow->page_height };
      cairo_surface_t *page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);

      if (flow->cr != NULL)
        flow->page++;
      g_clear_pointer (&flow->cr, cairo_destroy);
      g_ptr_array_add (flow->pages, page);
      flow->cr = cairo_create (page);
    }
  /* Nothing runs into the header or the footer, not even a block too tall
   * for any page. */
  cairo_rectangle (flow->cr, 0, flow->top, flow->page_width, flow->bottom - flow->top);
  cairo_clip (flow->cr);
  flow->y = flow->top;
  flow->space = 0;
}

/* Ends the current page: drawn straight on the target, it gets what every
 * page has and is shown. */
void
vertebro_flow_finish (VertebroFlow *flow)
{
  if (flow->cr == NULL)
    return;
  if (flow->target != NULL)
    {
      cairo_restore (flow->cr);
      if (flow->finish_page != NULL)
        flow->finish_page (flow, flow->cr, flow->page);
      cairo_show_page (flow->cr);
    }
  g_clear_pointer (&flow->cr, cairo_destroy);
}

/* Asks for at least @space before the next block, unless it starts a page. */
void
vertebro_flow_space (VertebroFlow *flow,
                     double        space)
{
  flow->space = MAX (flow->space, space);
}

/* Makes room for a block of @height that must not be split: when it does
 * not fit under what is already on the page, it starts the next page.
 * Returns where its top goes; vertebro_flow_advance() then moves past it. */
double
vertebro_flow_place (VertebroFlow *flow,
                     double        height)
{
  if (flow->y > flow->top)
    {
      if (flow->y + flow->space + height > flow->bottom)
        vertebro_flow_new_page (flow);
      else
        flow->y += flow->space;
    }
  flow->space = 0;
  return flow->y;
}

void
vertebro_flow_advance (VertebroFlow *flow,
                       double        height)
{
  flow->y += height;
}

/* A long free text that may break between lines across pages. */
void
vertebro_flow_long_text (VertebroFlow *flow,
                         PangoLayout  *layout,
                         double        x,
                         double        grey)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double baseline, y;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      y = vertebro_flow_place (flow, (double) logical.height / PANGO_SCALE);
      cairo_set_source_rgb (flow->cr, grey, grey, grey);
      cairo_move_to (flow->cr, x + (double) logical.x / PANGO_SCALE, y + baseline);
      pango_cairo_show_layout_line (flow->cr, line);
      vertebro_flow_advance (flow, (double) logical.height / PANGO_SCALE);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Draws a page recorded by a flow onto @cr, at the origin. */
void
vertebro_report_replay_page (cairo_t   *cr,
                             GPtrArray *pages,
                             guint      page)
{
  g_return_if_fail (page < pages->len);

  cairo_save (cr);
  cairo_set_source_surface (cr, g_ptr_array_index (pages, page), 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}
