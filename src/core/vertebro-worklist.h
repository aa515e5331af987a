/* vertebro-worklist.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The department's day: every patient file of a folder evaluated with one
 * rule set, as immutable rows that keep only what they show.
 */

#pragma once

#include <gio/gio.h>

#include "vertebro-assessment.h"
#include "vertebro-ruleset.h"

G_BEGIN_DECLS

#define VERTEBRO_WORKLIST_SUFFIX ".vertebro"

#define VERTEBRO_TYPE_WORKLIST_ROW (vertebro_worklist_row_get_type ())

typedef struct _VertebroWorklistRow VertebroWorklistRow;

GType                vertebro_worklist_row_get_type      (void) G_GNUC_CONST;
VertebroWorklistRow *vertebro_worklist_row_ref           (VertebroWorklistRow *self);
void                 vertebro_worklist_row_unref         (VertebroWorklistRow *self);

/* Reads and evaluates one file; never NULL: a file that is refused gives a
 * row with an error and no verdict. @file is the name inside the folder. */
VertebroWorklistRow *vertebro_worklist_row_new_for_file  (VertebroRuleset     *rules,
                                                          const char          *folder,
                                                          const char          *file,
                                                          const GDate         *today);
VertebroWorklistRow *vertebro_worklist_row_new_from_data (VertebroRuleset     *rules,
                                                          const char          *file,
                                                          const char          *data,
                                                          gsize                length,
                                                          const GDate         *today);
VertebroWorklistRow *vertebro_worklist_row_new_error     (const char          *file,
                                                          const char          *message);

/* The name inside the folder, in the file system's encoding, and as UTF-8. */
const char          *vertebro_worklist_row_get_file         (const VertebroWorklistRow *self);
const char          *vertebro_worklist_row_get_display_file (const VertebroWorklistRow *self);
/* NULL when the row has an error, or the file leaves it out. */
const char          *vertebro_worklist_row_get_name         (const VertebroWorklistRow *self);
const char          *vertebro_worklist_row_get_identifier   (const VertebroWorklistRow *self);
const GDate         *vertebro_worklist_row_get_planned_date (const VertebroWorklistRow *self);
/* FALSE when the file was refused: then nothing but the error is known. */
gboolean             vertebro_worklist_row_get_verdict      (const VertebroWorklistRow *self,
                                                             VertebroVerdict           *verdict);
/* "proceed", "do_not_proceed", "defer", or NULL. */
const char          *vertebro_worklist_row_get_decision     (const VertebroWorklistRow *self);
guint                vertebro_worklist_row_get_n_missing    (const VertebroWorklistRow *self);
/* The next action: the earliest due checklist item not done; NULL when none. */
const char          *vertebro_worklist_row_get_next_id      (const VertebroWorklistRow *self);
char                *vertebro_worklist_row_dup_next_text    (const VertebroWorklistRow *self,
                                                             VertebroTextStyle          style);
const GDate         *vertebro_worklist_row_get_next_due     (const VertebroWorklistRow *self);
/* Days from the evaluation's today to the due date: negative when overdue. */
int                  vertebro_worklist_row_get_next_days    (const VertebroWorklistRow *self);
gboolean             vertebro_worklist_row_get_next_overdue (const VertebroWorklistRow *self);
char                *vertebro_worklist_row_dup_due_text     (const VertebroWorklistRow *self);
const char          *vertebro_worklist_row_get_error        (const VertebroWorklistRow *self);

/* The worklist's order: planned date ascending, undated last; then by file
 * name, byte by byte, so that the order is the same under every locale. */
int                  vertebro_worklist_row_compare          (const VertebroWorklistRow *a,
                                                             const VertebroWorklistRow *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VertebroWorklistRow, vertebro_worklist_row_unref)

/* Whether a name in a folder is one the worklist reads (*.vertebro). */
gboolean   vertebro_worklist_is_patient_name (const char    *file);
/* The names of the folder's entries that the worklist lists (not sorted):
 * every entry named *.vertebro that is not a folder. Other entries are
 * ignored; subfolders are never opened. */
GPtrArray *vertebro_worklist_list_files      (GFile         *folder,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* The rows of a whole folder, in the worklist's order. */
GPtrArray *vertebro_worklist_read            (VertebroRuleset *rules,
                                              GFile           *folder,
                                              const GDate     *today,
                                              GCancellable    *cancellable,
                                              GError         **error);

/* A user's text made safe to show: control characters (C0, DEL, C1) and
 * bidirectional overrides and isolates become U+FFFD, visibly. */
char      *vertebro_worklist_safe_text       (const char    *text);

G_END_DECLS
