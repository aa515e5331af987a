/* vertebro-report-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the clinician's summary share, and nothing else sees:
 * the report itself, its geometry and type styles, and what one of its
 * files calls in another.
 *
 *   vertebro-report.c           the object; paginating; the summary as a PDF
 *   vertebro-report-sections.c  the sections in document order
 *   vertebro-report-margins.c   what every page has: header and footer
 *   vertebro-report-tables.c    the table of levels, and its rows
 *   vertebro-report-texts.c     the type styles, and the words the summary
 *                               prints for a value, a label or a list
 *
 * The page primitives it shares with the leaflet are in
 * vertebro-report-page-private.h; the PDF file in
 * vertebro-report-file-private.h.
 */

#pragma once

#include "vertebro-report.h"
#include "vertebro-report-page-private.h"

G_BEGIN_DECLS

/* The geometry, in points (1/72 inch). */
#define MARGIN_SIDE       VERTEBRO_MM (20)
#define MARGIN_TOP        VERTEBRO_MM (12)
#define MARGIN_BOTTOM     VERTEBRO_MM (12)
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

/* Pango lays out a paragraph of some 350 KB as one line, of which a PDF
 * shows the start only: notes are laid out in pieces of at most this many
 * bytes, each a layout of its own. A piece ends at a line end or a space
 * when there is one in its second half, else between two characters; any
 * length is printed whole. */
#define NOTES_PIECE_BYTES (16 * 1024)

/* Shades of grey that stay legible on any printer and on a photocopy. */
#define INK               0.0
#define INK_SECONDARY     0.32
#define RULE_LIGHT        0.62
#define FILL_LIGHT        0.93
#define RULE_WIDTH        0.5

/* The type styles (vertebro-report-texts.c has their sizes). */
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

/* What is being laid out; its owner is the report. */
typedef VertebroFlow Flow;

#define FLOW_REPORT(flow) ((VertebroReport *) (flow)->owner)

/* The footer's text, laid out once for every page. */
typedef struct {
  PangoLayout *info;        /* app, rule set, generation time */
  PangoLayout *thresholds;  /* NULL unless a site rule set differs */
  PangoLayout *note;        /* decision support */
  double       height;
} Footer;

/* vertebro-report-texts.c */
PangoLayout *vertebro_report_new_text             (VertebroReport     *self,
                                                   Font                font,
                                                   double              width,
                                                   const char         *text);
PangoLayout *vertebro_report_new_markup           (VertebroReport     *self,
                                                   Font                font,
                                                   double              width,
                                                   const char         *markup);
GPtrArray   *vertebro_report_split_long_text      (const char         *text,
                                                   gsize               limit);
const char  *vertebro_report_answer_label         (VertebroAnswer      answer);
char        *vertebro_report_format_quantity      (double              value,
                                                   const char         *unit);
char        *vertebro_report_user_text            (const char         *path,
                                                   const char         *text);
char        *vertebro_report_patient_value        (VertebroReport     *self,
                                                   const char         *path);
const char  *vertebro_report_field_label          (VertebroRecord      record,
                                                   const char         *path);
const char  *vertebro_report_level_choice_label   (const char         *path,
                                                   const char         *value);
char        *vertebro_report_qualifying_text      (VertebroAssessment *a);
char        *vertebro_report_sources_markup       (const char * const *sources);
char        *vertebro_report_item_markup          (const char         *text,
                                                   const char         *sources);
char        *vertebro_report_thresholds_in_force  (VertebroReport     *self);

/* vertebro-report-sections.c */
void         vertebro_report_flow_heading         (Flow               *flow,
                                                   const char         *title,
                                                   double              next_height);
void         vertebro_report_draw_sections        (Flow               *flow);

/* vertebro-report-margins.c */
void         vertebro_report_draw_header          (VertebroReport     *self,
                                                   cairo_t            *cr,
                                                   guint               page);
void         vertebro_report_footer_init          (Footer             *footer,
                                                   VertebroReport     *self);
void         vertebro_report_footer_clear         (Footer             *footer);
void         vertebro_report_draw_footer          (VertebroReport     *self,
                                                   cairo_t            *cr,
                                                   const Footer       *footer,
                                                   guint               page,
                                                   guint               n_pages);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Footer, vertebro_report_footer_clear)

/* vertebro-report-tables.c */
void         vertebro_report_draw_levels_table    (Flow               *flow);

G_END_DECLS
