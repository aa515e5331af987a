/* vertebro-drafts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vertebro-patient.h"

G_BEGIN_DECLS

typedef struct {
  char  *path;      /* the draft file */
  GFile *origin;    /* the document it is a draft of, or NULL for a new one */
  int    lock_fd;   /* its lock, held while it is offered */
} VertebroDraft;

void       vertebro_draft_free           (VertebroDraft    *draft);
char      *vertebro_draft_new_path       (void);
gboolean   vertebro_draft_write          (const char       *path,
                                          VertebroPatient  *patient,
                                          GFile            *origin,
                                          GError          **error);
void       vertebro_draft_remove         (const char       *path);
void       vertebro_draft_release        (const char       *path);
char      *vertebro_draft_keep_aside     (const char       *path,
                                          GError          **error);
GPtrArray *vertebro_drafts_find_orphaned (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VertebroDraft, vertebro_draft_free)

G_END_DECLS
