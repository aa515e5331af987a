/* vertebro-report-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page primitives the clinician's summary (vertebro-report*.c) and the
 * patient's leaflet (vertebro-leaflet.c) share: text laid out with pango at
 * 72 dpi, rules, frames and check boxes, and a flow of blocks over pages
 * recorded as cairo recording surfaces. Defined in vertebro-report-page.c.
 * Not installed, not used outside src/report/.
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define VERTEBRO_FONT_FAMILY "Sans"

/* Millimetres in points (1/72 inch), the unit of every page. */
#define VERTEBRO_MM(x) ((x) * 72.0 / 25.4)

/* One text style: its size in points, weight and slant. */
typedef struct {
  double      size;
  PangoWeight weight;
  PangoStyle  style;
} VertebroFontStyle;

PangoContext *vertebro_report_pango_context_new (PangoLanguage           *language);
PangoLayout  *vertebro_report_layout_new        (PangoContext            *context,
                                                 const VertebroFontStyle *font,
                                                 double                   width,
                                                 const char              *text,
                                                 gboolean                 markup);
double        vertebro_report_layout_height     (PangoLayout             *layout);
double        vertebro_report_layout_width      (PangoLayout             *layout);
void          vertebro_report_show_layout       (cairo_t                 *cr,
                                                 PangoLayout             *layout,
                                                 double                   x,
                                                 double                   y,
                                                 double                   grey);
void          vertebro_report_draw_rule         (cairo_t                 *cr,
                                                 double                   x,
                                                 double                   y,
                                                 double                   width,
                                                 double                   grey,
                                                 double                   line_width);
void          vertebro_report_draw_frame        (cairo_t                 *cr,
                                                 double                   x,
                                                 double                   y,
                                                 double                   width,
                                                 double                   height,
                                                 double                   grey,
                                                 double                   line_width);
void          vertebro_report_draw_check_box    (cairo_t                 *cr,
                                                 double                   x,
                                                 double                   y,
                                                 double                   size,
                                                 gboolean                 ticked);

typedef struct _VertebroFlow VertebroFlow;

/* Draws what every page has (a header, a footer) on a finished page. */
typedef void (*VertebroFlowPageFunc) (VertebroFlow *flow,
                                      cairo_t      *cr,
                                      guint         page);

/* What is being laid out: the pages so far, the current one, and where on
 * it the next block goes. Pages are recorded into @pages, or, when @target
 * is set, drawn straight onto it (a PDF surface's context: cairo keeps the
 * structure tags of tagged PDF only when they are drawn on the PDF surface
 * itself, not replayed from a recording), each page finished with
 * @finish_page and cairo_show_page(). */
struct _VertebroFlow {
  gpointer   owner;        /* the report or leaflet laying itself out */
  GPtrArray *pages;        /* of cairo_surface_t, recordings; or NULL */
  cairo_t   *target;       /* or where to draw directly */
  VertebroFlowPageFunc finish_page;
  guint      page;         /* the current page, from 0 */
  double     page_width;
  double     page_height;
  cairo_t   *cr;           /* on the current page */
  double     left;         /* the text column */
  double     width;
  double     top;          /* the body's limits */
  double     bottom;
  double     y;            /* where the next block goes */
  double     space;        /* to leave before it, unless it starts a page */
};

void          vertebro_flow_new_page            (VertebroFlow            *flow);
void          vertebro_flow_finish              (VertebroFlow            *flow);
void          vertebro_flow_space               (VertebroFlow            *flow,
                                                 double                   space);
double        vertebro_flow_place               (VertebroFlow            *flow,
                                                 double                   height);
void          vertebro_flow_advance             (VertebroFlow            *flow,
                                                 double                   height);
void          vertebro_flow_long_text           (VertebroFlow            *flow,
                                                 PangoLayout             *layout,
                                                 double                   x,
                                                 double                   grey);

void          vertebro_report_replay_page       (cairo_t                 *cr,
                                                 GPtrArray               *pages,
                                                 guint                    page);

G_END_DECLS
