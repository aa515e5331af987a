/* vertebro-disk-watch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vertebro-patient.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_DISK_WATCH (vertebro_disk_watch_get_type ())

G_DECLARE_FINAL_TYPE (VertebroDiskWatch, vertebro_disk_watch, VERTEBRO, DISK_WATCH, GObject)

typedef enum {
  VERTEBRO_DISK_SAME,     /* as this document last read or wrote it */
  VERTEBRO_DISK_CHANGED,  /* written by someone else since */
  VERTEBRO_DISK_GONE,     /* deleted or renamed since */
} VertebroDiskState;

VertebroDiskWatch *vertebro_disk_watch_new      (void);
/* Follows @file (NULL: none) and remembers it as it is on disk now. */
void               vertebro_disk_watch_set_file (VertebroDiskWatch *self,
                                                 GFile             *file);
/* Remembers the file as it is on disk now (after this document wrote it). */
void               vertebro_disk_watch_remember (VertebroDiskWatch *self);
VertebroDiskState  vertebro_disk_watch_check    (VertebroDiskWatch *self);

/* The fields where two patients differ, one a line: "path: theirs → yours". */
char              *vertebro_patient_describe_changes (VertebroPatient *theirs,
                                                      VertebroPatient *yours);

G_END_DECLS
