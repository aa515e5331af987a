/* vertebro-test-run.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Running a program from a test, with no display, and keeping what it said;
 * and the temporary folders tests work in.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  int   status;  /* exit status, or -1 when it did not exit normally */
  char *out;
  char *err;
} VertebroRun;

void vertebro_run_clear (VertebroRun        *run);
void vertebro_run_argv  (VertebroRun        *run,
                         const char * const *env,
                         const char * const *argv);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VertebroRun, vertebro_run_clear)

/* Temporary folders for tests. */
char  *vertebro_test_make_tmp_dir   (const char *prefix);
void   vertebro_test_remove_tree    (const char *path);
guint  vertebro_test_count_entries  (const char *dir);

G_END_DECLS
