/* vertebro-report-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDF file of the clinician's summary and of the patient's leaflet
 * (declared in vertebro-report-file-private.h): its metadata, which says
 * nothing about the patient; written privately and atomically by the
 * core's vertebro_files_write_private(); and its language, which cairo 1.16
 * cannot set, added afterwards. Also what a killed export or print left.
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
#include "vertebro-report-file-private.h"

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
