/* vertebro-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printable summary of an assessment (issue 4). One layout serves the
 * PDF export and printing: vertebro_report_paginate() lays the whole summary
 * out once, page by page, into cairo recording surfaces;
 * vertebro_report_draw_page() replays a page onto whatever context it is
 * given, so a PDF and a printout hold the very same glyphs at the very same
 * places.
 *
 * This file is the object, the pagination and the summary's PDF. The
 * sections, in document order, are in vertebro-report-sections.c; every
 * page's header and footer in vertebro-report-margins.c; the table of
 * levels in
 * vertebro-report-tables.c; the type styles and the words printed for
 * values and labels in vertebro-report-texts.c (vertebro-report-private.h
 * lists them). What the summary shares with the leaflet: the page primitives
 * in vertebro-report-page.c, the PDF file in vertebro-report-file.c.
 */

#define G_LOG_DOMAIN "vertebro-report"

#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>

#include "vertebro-catalog.h"
#include "vertebro-leaflet.h"
#include "vertebro-report-file-private.h"
#include "vertebro-report-private.h"

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

/* ---- Bookmarks and links ---- */

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

  vertebro_report_footer_init (&footer, self);

  flow.owner = self;
  flow.pages = self->pages;
  flow.page_width = width_pt;
  flow.page_height = height_pt;
  flow.left = MARGIN_SIDE;
  flow.width = width_pt - 2 * MARGIN_SIDE;
  flow.top = MARGIN_TOP + HEADER_HEIGHT;
  flow.bottom = height_pt - MARGIN_BOTTOM - footer.height - FOOTER_GAP;
  vertebro_flow_new_page (&flow);

  vertebro_report_draw_sections (&flow);
  g_clear_pointer (&flow.cr, cairo_destroy);

  /* Now that the number of pages is known, mark every page. */
  for (guint i = 0; i < self->pages->len; i++)
    {
      cairo_t *cr = cairo_create (g_ptr_array_index (self->pages, i));

      vertebro_report_draw_header (self, cr, i);
      vertebro_report_draw_footer (self, cr, &footer, i, self->pages->len);
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
