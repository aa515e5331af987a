/* vertebro-print-operation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing the PDF summary: the very pages of the report (src/report/),
 * laid out on the printer's paper, through GtkPrintOperation. A summary
 * printed or exported to a file holds the patient's data, so that file is
 * made readable by its owner only, and what a killed "Print to File" left
 * beside it is removed.
 */

#define G_LOG_DOMAIN "vertebro-print"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vertebro-print-operation.h"

struct _VertebroPrintOperation
{
  GtkPrintOperation  parent_instance;

  VertebroReport    *report;
};

G_DEFINE_FINAL_TYPE (VertebroPrintOperation, vertebro_print_operation, GTK_TYPE_PRINT_OPERATION)

/* The file is made readable by its owner only before it is written: cairo
 * (an export) and GIO (the dialog's "Print to File") keep the mode of a
 * file they write over, whatever the umask. */
static void
make_private_file (const char *path)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

  /* If it cannot be opened, printing says why. */
  if (fd < 0)
    return;
  if (fchmod (fd, 0600) != 0)
    g_warning ("Could not make a printed file private: %s", g_strerror (errno));
  close (fd);
}

/* The file the dialog's "Print to File" writes, or NULL. */
static char *
print_to_file_path (GtkPrintOperation *operation)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  const char *uri = settings != NULL ? gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI) : NULL;

  return uri != NULL ? g_filename_from_uri (uri, NULL, NULL) : NULL;
}

/* What a killed "Print to File" left in @path's folder: GIO writes over a
 * file through ".goutputstream-XXXXXX" beside it, and a kill leaves that,
 * hidden and with the patient's data in it. */
static void
remove_stale_prints (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  vertebro_report_remove_stale_partials (dir, VERTEBRO_REPORT_GIO_PARTIAL, TRUE);
}

static void
vertebro_print_operation_begin_print (GtkPrintOperation *operation,
                                      GtkPrintContext   *context)
{
  VertebroPrintOperation *self = VERTEBRO_PRINT_OPERATION (operation);
  g_autofree char *path = print_to_file_path (operation);

  if (path != NULL)
    {
      remove_stale_prints (path);
      make_private_file (path);
    }
  vertebro_report_paginate (self->report, gtk_print_context_get_width (context),
                            gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) vertebro_report_get_n_pages (self->report));
}

static void
vertebro_print_operation_draw_page (GtkPrintOperation *operation,
                                    GtkPrintContext   *context,
                                    int                page)
{
  VertebroPrintOperation *self = VERTEBRO_PRINT_OPERATION (operation);

  vertebro_report_draw_page (self->report, gtk_print_context_get_cairo_context (context), (guint) page);
}

/**
 * vertebro_print_operation_run_private:
 * @self: a print operation
 * @action: print with the dialog, or export to @export_filename
 * @export_filename: (nullable): for %GTK_PRINT_OPERATION_ACTION_EXPORT
 * @parent: (nullable): the window the dialog belongs to
 * @error: why printing failed
 *
 * Runs the operation, keeping any file it writes private.
 *
 * Returns: whether the job was handed on (or the user cancelled)
 */
gboolean
vertebro_print_operation_run_private (VertebroPrintOperation  *self,
                                      GtkPrintOperationAction  action,
                                      const char              *export_filename,
                                      GtkWindow               *parent,
                                      GError                 **error)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  GtkPrintOperationResult result;

  g_return_val_if_fail (VERTEBRO_IS_PRINT_OPERATION (self), FALSE);

  if (export_filename != NULL)
    {
      remove_stale_prints (export_filename);
      make_private_file (export_filename);
      gtk_print_operation_set_export_filename (operation, export_filename);
    }
  result = gtk_print_operation_run (operation, action, parent, error);

  /* In case "Print to File" created its file before "begin-print". */
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_autofree char *path = print_to_file_path (operation);

      if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_chmod (path, 0600);
    }
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
vertebro_print_operation_finalize (GObject *object)
{
  VertebroPrintOperation *self = VERTEBRO_PRINT_OPERATION (object);

  g_clear_object (&self->report);

  G_OBJECT_CLASS (vertebro_print_operation_parent_class)->finalize (object);
}

static void
vertebro_print_operation_class_init (VertebroPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = vertebro_print_operation_finalize;
  operation_class->begin_print = vertebro_print_operation_begin_print;
  operation_class->draw_page = vertebro_print_operation_draw_page;
}

static void
vertebro_print_operation_init (VertebroPrintOperation *self)
{
}

/**
 * vertebro_print_operation_new:
 * @report: the PDF summary to print
 *
 * Returns: (transfer full): an operation printing @report on its own paper
 *   size, with the report's own margins
 */
VertebroPrintOperation *
vertebro_print_operation_new (VertebroReport *report)
{
  VertebroPrintOperation *self = g_object_new (VERTEBRO_TYPE_PRINT_OPERATION, NULL);
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  double width, height;

  self->report = g_object_ref (report);
  vertebro_paper_get_size (vertebro_report_get_paper (report), &width, &height);
  paper = gtk_paper_size_new_custom ("vertebro", "", width, height, GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The report lays out its own margins on the full page, in points. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, _("Vertebroplasty assessment"));
  return self;
}
