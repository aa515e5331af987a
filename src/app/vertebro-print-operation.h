/* vertebro-print-operation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vertebro-report.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_PRINT_OPERATION (vertebro_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (VertebroPrintOperation, vertebro_print_operation, VERTEBRO, PRINT_OPERATION, GtkPrintOperation)

VertebroPrintOperation *vertebro_print_operation_new (VertebroReport           *report);
gboolean                vertebro_print_operation_run_private (VertebroPrintOperation  *self,
                                                              GtkPrintOperationAction  action,
                                                              const char              *export_filename,
                                                              GtkWindow               *parent,
                                                              GError                 **error);

G_END_DECLS
