/* vertebro-document.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vertebro-assessment.h"
#include "vertebro-disk-watch.h"
#include "vertebro-patient.h"
#include "vertebro-ruleset.h"

G_BEGIN_DECLS

/* An entry the form could not take ("12,,5" for the INR): the field is
 * passed on as not assessed, and the verdict panel names it. */
typedef struct {
  char *path;     /* "labs.inr", "levels[0].collapse_percent" */
  char *label;    /* "INR", "T12: Collapse" */
  char *message;
} VertebroInvalidEntry;

VertebroInvalidEntry *vertebro_invalid_entry_new  (const char           *path,
                                                   const char           *label,
                                                   const char           *message);
void                  vertebro_invalid_entry_free (VertebroInvalidEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VertebroInvalidEntry, vertebro_invalid_entry_free)

#define VERTEBRO_TYPE_DOCUMENT (vertebro_document_get_type ())

G_DECLARE_FINAL_TYPE (VertebroDocument, vertebro_document, VERTEBRO, DOCUMENT, GObject)

VertebroDocument   *vertebro_document_new                (VertebroRuleset    *rules,
                                                          const char         *clinician);
VertebroDocument   *vertebro_document_new_for_file       (VertebroRuleset    *rules,
                                                          GFile              *file,
                                                          GError            **error);
gboolean            vertebro_document_load               (VertebroDocument   *self,
                                                          GFile              *file,
                                                          GError            **error);
void                vertebro_document_recover            (VertebroDocument   *self,
                                                          VertebroPatient    *patient,
                                                          GFile              *origin);
gboolean            vertebro_document_save               (VertebroDocument   *self,
                                                          GFile              *file,
                                                          VertebroSaveFlags   flags,
                                                          const char         *by,
                                                          GError            **error);
VertebroDiskState   vertebro_document_check_disk         (VertebroDocument   *self);
void                vertebro_document_record_decision    (VertebroDocument   *self,
                                                          JsonObject         *decision,
                                                          const char         *by);
void                vertebro_document_discard_changes    (VertebroDocument   *self);

VertebroRuleset    *vertebro_document_get_rules          (VertebroDocument   *self);
VertebroPatient    *vertebro_document_get_patient        (VertebroDocument   *self);
GFile              *vertebro_document_get_file           (VertebroDocument   *self);
gboolean            vertebro_document_get_modified       (VertebroDocument   *self);
gboolean            vertebro_document_is_pristine        (VertebroDocument   *self);
VertebroAssessment *vertebro_document_get_assessment     (VertebroDocument   *self);
guint               vertebro_document_get_n_evaluations  (VertebroDocument   *self);

GPtrArray          *vertebro_document_get_invalid        (VertebroDocument   *self);
void                vertebro_document_set_invalid        (VertebroDocument   *self,
                                                          GPtrArray          *invalid);

void                vertebro_document_set_draft_delay    (VertebroDocument   *self,
                                                          guint               milliseconds);
const char         *vertebro_document_get_draft_path     (VertebroDocument   *self);
const char         *vertebro_document_get_draft_problem  (VertebroDocument   *self);
void                vertebro_document_flush_draft        (VertebroDocument   *self);

G_END_DECLS
