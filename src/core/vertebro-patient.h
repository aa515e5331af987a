/* vertebro-patient.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "vertebro-antithrombotic.h"
#include "vertebro-assessment.h"
#include "vertebro-enums.h"
#include "vertebro-fields.h"
#include "vertebro-level.h"

G_BEGIN_DECLS

#define VERTEBRO_PATIENT_FORMAT      "vertebro-patient"
#define VERTEBRO_PATIENT_VERSION     1
#define VERTEBRO_PATIENT_MAX_LEVELS  8
/* Patient files are small; anything larger is refused before it is read. */
#define VERTEBRO_PATIENT_MAX_BYTES   (4 * 1024 * 1024)

#define VERTEBRO_PATIENT_ERROR (vertebro_patient_error_quark ())

typedef enum {
  VERTEBRO_PATIENT_ERROR_NOT_READABLE,  /* not a regular file, too large, I/O */
  VERTEBRO_PATIENT_ERROR_SYNTAX,        /* not JSON */
  VERTEBRO_PATIENT_ERROR_NOT_A_PATIENT, /* JSON, but not this format */
  VERTEBRO_PATIENT_ERROR_NEWER_VERSION, /* made by a newer version */
  VERTEBRO_PATIENT_ERROR_INVALID,       /* a field is wrong */
} VertebroPatientError;

GQuark vertebro_patient_error_quark (void);

#define VERTEBRO_TYPE_PATIENT (vertebro_patient_get_type ())

G_DECLARE_FINAL_TYPE (VertebroPatient, vertebro_patient, VERTEBRO, PATIENT, GObject)

VertebroPatient *vertebro_patient_new              (void);
VertebroPatient *vertebro_patient_new_from_data    (const char       *data,
                                                    gsize             length,
                                                    GError          **error);
char            *vertebro_patient_read_file        (const char       *path,
                                                    gsize            *length,
                                                    GError          **error);
VertebroPatient *vertebro_patient_new_from_path    (const char       *path,
                                                    GError          **error);
VertebroPatient *vertebro_patient_new_from_file    (GFile            *file,
                                                    GCancellable     *cancellable,
                                                    GError          **error);
char            *vertebro_patient_to_data          (VertebroPatient  *self);
typedef enum {
  VERTEBRO_SAVE_DEFAULT           = 0,
  VERTEBRO_SAVE_REPLACE_READ_ONLY = 1 << 0,  /* the user said to replace a read-only file */
} VertebroSaveFlags;

gboolean         vertebro_patient_save_full        (VertebroPatient   *self,
                                                    GFile             *file,
                                                    VertebroSaveFlags  flags,
                                                    GError           **error);
gboolean         vertebro_patient_save             (VertebroPatient  *self,
                                                    GFile            *file,
                                                    GError          **error);
gboolean         vertebro_patient_check            (VertebroPatient  *self,
                                                    GError          **error);

/* Fields by path ("labs.inr", "history.neuro_deficit", …). */
gboolean         vertebro_patient_is_set           (VertebroPatient  *self,
                                                    const char       *path);
void             vertebro_patient_clear_field      (VertebroPatient  *self,
                                                    const char       *path);
double           vertebro_patient_get_number       (VertebroPatient  *self,
                                                    const char       *path);
void             vertebro_patient_set_number       (VertebroPatient  *self,
                                                    const char       *path,
                                                    double            value);
VertebroAnswer   vertebro_patient_get_answer       (VertebroPatient  *self,
                                                    const char       *path);
void             vertebro_patient_set_answer       (VertebroPatient  *self,
                                                    const char       *path,
                                                    VertebroAnswer    answer);
const char      *vertebro_patient_get_text         (VertebroPatient  *self,
                                                    const char       *path);
void             vertebro_patient_set_text         (VertebroPatient  *self,
                                                    const char       *path,
                                                    const char       *text);

GListModel      *vertebro_patient_get_levels          (VertebroPatient       *self);
void             vertebro_patient_add_level           (VertebroPatient       *self,
                                                       VertebroLevel         *level);
void             vertebro_patient_remove_level        (VertebroPatient       *self,
                                                       guint                  position);
GListModel      *vertebro_patient_get_antithrombotics (VertebroPatient       *self);
void             vertebro_patient_add_antithrombotic  (VertebroPatient       *self,
                                                       VertebroAntithrombotic *drug);
void             vertebro_patient_remove_antithrombotic (VertebroPatient     *self,
                                                         guint                position);

gboolean         vertebro_patient_get_checked      (VertebroPatient  *self,
                                                    const char       *item_id);
void             vertebro_patient_set_checked      (VertebroPatient  *self,
                                                    const char       *item_id,
                                                    gboolean          checked);

JsonObject      *vertebro_patient_get_decision      (VertebroPatient  *self);
void             vertebro_patient_set_decision      (VertebroPatient  *self,
                                                     JsonObject       *decision);
JsonArray       *vertebro_patient_get_audit         (VertebroPatient  *self);
gboolean         vertebro_patient_get_audit_intact  (VertebroPatient  *self);
void             vertebro_patient_truncate_audit    (VertebroPatient  *self,
                                                     guint             n_entries);
void             vertebro_patient_append_audit      (VertebroPatient          *self,
                                                     const char               *event,
                                                     const char               *by,
                                                     GDateTime                *at,
                                                     const VertebroAssessment *assessment);

G_END_DECLS
