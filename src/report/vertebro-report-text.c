/* vertebro-report-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the clinician's summary and the patient's leaflet share (declared in
 * vertebro-report-private.h): text measured with pango, a flow of blocks
 * over recorded pages, and the PDF file written privately and atomically
 * (by the core's vertebro_files_write_private()).
 *
 * Text is laid out at 72 dpi with unhinted metrics, so its measure does not
 * depend on the device it is finally drawn on.
 */

#define _GNU_SOURCE  /* memmem() */
#define G_LOG_DOMAIN "vertebro-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>

#include "vertebro-files.h"
#include "vertebro-report.h"
#include "vertebro-report-private.h"

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

/* ---- The PDF file ---- */

/* A generic @title, the app and when: nothing about the patient goes into
 * the metadata, which file managers, indexers and mail programs show
 * without opening the file. */
void
vertebro_report_set_pdf_metadata (cairo_surface_t *surface,
                                  const char      *title,
                                  GDateTime       *created)
{
  g_autofree char *creator = g_strdup_printf ("Vertebro %s", PACKAGE_VERSION);
  g_autofree char *date = g_date_time_format (created, "%Y-%m-%dT%H:%M:%S%:z");

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

/* Where cairo's stream goes: the temporary file. */
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

  if (writer->error != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  writer->error = vertebro_files_write_all (writer->fd, data, length);
  return writer->error == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
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

/* memmem(): the PDF has binary streams, with NUL bytes, which
 * g_strstr_len() would stop at. */
static const char *
find (const char *haystack,
      const char *end,
      const char *needle)
{
  return end > haystack ? memmem (haystack, (gsize) (end - haystack), needle, strlen (needle)) : NULL;
}

static const char *
find_last (const char *haystack,
           const char *end,
           const char *needle)
{
  const char *last = NULL;

  for (const char *p = haystack; (p = find (p, end, needle)) != NULL; p++)
    last = p;
  return last;
}

/* The last number after @key in the @length bytes of @text, or -1. */
static gint64
last_number_after (const char *text,
                   gsize       length,
                   const char *key)
{
  gint64 value = -1;
  gsize key_length = strlen (key);

  for (const char *p = text; (p = find (p, text + length, key)) != NULL; p += key_length)
    {
      const char *digits = p + key_length;

      while (digits < text + length && g_ascii_isspace (*digits))
        digits++;
      if (digits < text + length && g_ascii_isdigit (*digits))
        value = g_ascii_strtoll (digits, NULL, 10);
    }
  return value;
}

/* cairo 1.16 has no way to set the document's language (the catalogue's
 * /Lang, which screen readers and translation tools read). This appends it
 * as a PDF incremental update (ISO 32000-1 §7.5.6): a new revision of the
 * catalogue object, with /Lang added, a cross-reference section for it, and
 * a trailer pointing back at cairo's. Nothing cairo wrote is changed. When
 * the file is not as expected (no classic trailer), it is left as it is:
 * the document is still complete, only without its language. */
static int
append_language (int         fd,
                 const char *language)
{
  g_autofree char *data = NULL;
  g_autoptr(GString) update = NULL;
  g_autofree char *object_start = NULL;
  const char *trailer, *object, *dict, *end;
  gint64 root, size, prev, info;
  off_t length;
  gsize got = 0;

  length = lseek (fd, 0, SEEK_END);
  if (length <= 0 || length > 64 * 1024 * 1024)
    return 0;
  data = g_malloc ((gsize) length + 1);
  while (got < (gsize) length)
    {
      ssize_t n = pread (fd, data + got, (gsize) length - got, (off_t) got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return n < 0 ? errno : EIO;
      got += (gsize) n;
    }
  data[length] = '\0';

  trailer = find_last (data, data + length, "trailer");
  if (trailer == NULL)
    return 0;
  root = last_number_after (trailer, data + length - trailer, "/Root");
  size = last_number_after (trailer, data + length - trailer, "/Size");
  info = last_number_after (trailer, data + length - trailer, "/Info");
  prev = last_number_after (trailer, data + length - trailer, "startxref");
  if (root <= 0 || size <= root || prev <= 0)
    return 0;

  object_start = g_strdup_printf ("\n%" G_GINT64_FORMAT " 0 obj", root);
  object = find (data, data + length, object_start);
  if (object == NULL)
    return 0;
  dict = find (object, data + length, "<<");
  end = find (object, data + length, "endobj");
  if (dict == NULL || end == NULL || dict > end || find (dict, end, "/Lang") != NULL)
    return 0;

  update = g_string_new (NULL);
  g_string_append_printf (update, "\n%" G_GINT64_FORMAT " 0 obj\n<< /Lang (%s)", root, language);
  g_string_append_len (update, dict + 2, end - (dict + 2));
  g_string_append (update, "endobj\n");
  {
    gint64 object_offset = (gint64) length + 1;
    gint64 xref_offset = (gint64) length + (gint64) update->len;

    g_string_append_printf (update, "xref\n%" G_GINT64_FORMAT " 1\n%010" G_GINT64_FORMAT " 00000 n \n",
                            root, object_offset);
    g_string_append_printf (update, "trailer\n<< /Size %" G_GINT64_FORMAT " /Root %" G_GINT64_FORMAT " 0 R",
                            size, root);
    if (info > 0)
      g_string_append_printf (update, " /Info %" G_GINT64_FORMAT " 0 R", info);
    g_string_append_printf (update, " /Prev %" G_GINT64_FORMAT " >>\nstartxref\n%" G_GINT64_FORMAT "\n%%%%EOF\n",
                            prev, xref_offset);
  }
  return vertebro_files_write_all (fd, update->str, update->len);
}

/* ---- What a killed export leaves ----
 *
 * An export writes ".NAME.pdf.vertebro-export-XXXXXX" beside NAME.pdf and
 * renames it when complete (vertebro_files_write_private()); a process
 * killed in between leaves it behind, hidden, with the patient's data in
 * it. The next export to the same name removes such files once they are a
 * minute old (a younger one may be an export under way), as saves do
 * theirs. The name is ours alone. "Print to File" writes through GIO,
 * whose temporary files are ".goutputstream-XXXXXX": those are removed
 * only when they also hold a PDF, which no other program's unfinished
 * write of a minute ago does that is worth keeping.
 */

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
  vertebro_files_remove_stale (dir, prefix, only_pdf ? starts_as_pdf : NULL, "an interrupted export");
}

/* What vertebro_report_write_pdf_file() was asked to write. */
typedef struct {
  double               width;
  double               height;
  const char          *language;
  VertebroPdfDrawFunc  draw;
  gpointer             user_data;
} Document;

/* Streams the document into @fd through cairo, then adds its language. */
static gboolean
write_document (int        fd,
                gpointer   user_data,
                GError   **error)
{
  Document *document = user_data;
  Writer writer = { fd, 0 };
  cairo_surface_t *surface;
  cairo_status_t status;

  surface = cairo_pdf_surface_create_for_stream (write_to_fd, &writer, document->width, document->height);
  document->draw (surface, document->user_data);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (writer.error == 0 && status == CAIRO_STATUS_SUCCESS && document->language != NULL)
    writer.error = append_language (fd, document->language);
  if (writer.error != 0)
    return set_errno_error (error, writer.error, _("The PDF could not be written"));
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is a technical error from the drawing library. */
                   _("The PDF could not be drawn: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * vertebro_report_write_pdf_file:
 * @path: the file to write
 * @width_pt: the pages' width
 * @height_pt: the pages' height
 * @language: (nullable): the document's language, such as "es"
 * @draw: draws every page on the PDF surface it is given, and finishes it
 * @user_data: for @draw
 * @error: where to say why it could not be written
 *
 * The file is written by vertebro_files_write_private(): under a temporary
 * name in the same folder, readable by its owner only, and renamed to @path
 * only when it is complete; @path is never left half written, and on
 * failure nothing is left behind. The error's message does not repeat
 * @path: the window and the command line put the file's name before it.
 *
 * Returns: whether the file was written
 */
gboolean
vertebro_report_write_pdf_file (const char           *path,
                                double                width_pt,
                                double                height_pt,
                                const char           *language,
                                VertebroPdfDrawFunc   draw,
                                gpointer              user_data,
                                GError              **error)
{
  Document document = { width_pt, height_pt, language, draw, user_data };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return vertebro_files_write_private (path, "export", _("The PDF could not be written"),
                                       write_document, &document, error);
}
