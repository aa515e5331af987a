/* vertebro-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of the command line (patient-format.md). */
#define VERTEBRO_EXIT_OK       0
#define VERTEBRO_EXIT_REFUSED  1
#define VERTEBRO_EXIT_USAGE    2

int vertebro_cli_run (int    argc,
                      char **argv);

G_END_DECLS
