/* vertebro-record-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Values of table-driven records (patient, level, antithrombotic) and their
 * conversion to and from GValue and JSON. Shared by the three record classes
 * so that a field behaves the same wherever it lives.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vertebro-enums.h"
#include "vertebro-fields.h"

G_BEGIN_DECLS

typedef struct {
  gboolean        set;
  double          number;  /* NUMBER, INTEGER */
  char           *text;    /* TEXT, DATE */
  int             choice;  /* CHOICE: index into field->choices */
  VertebroAnswer  answer;  /* ANSWER */
} VertebroValue;

void        vertebro_value_init        (const VertebroField *field,
                                        VertebroValue       *value);
void        vertebro_value_clear       (VertebroValue       *value);
gboolean    vertebro_value_equal       (const VertebroField *field,
                                        const VertebroValue *a,
                                        const VertebroValue *b);
void        vertebro_value_copy        (const VertebroValue *src,
                                        VertebroValue       *dest);

GParamSpec *vertebro_field_param_spec  (const VertebroField *field);
void        vertebro_value_to_gvalue   (const VertebroField *field,
                                        const VertebroValue *value,
                                        GValue              *gvalue);
gboolean    vertebro_value_from_gvalue (const VertebroField *field,
                                        const GValue        *gvalue,
                                        VertebroValue       *value);

gboolean    vertebro_value_from_json   (const VertebroField *field,
                                        JsonNode            *node,
                                        const char          *path,
                                        VertebroValue       *value,
                                        GError             **error);
JsonNode   *vertebro_value_to_json     (const VertebroField *field,
                                        const VertebroValue *value);

const char *vertebro_value_get_choice  (const VertebroField *field,
                                        const VertebroValue *value);

/* Sets a "path: problem" error in VERTEBRO_PATIENT_ERROR. */
void        vertebro_set_field_error   (GError             **error,
                                        const char          *path,
                                        const char          *format,
                                        ...) G_GNUC_PRINTF (3, 4);

/* Reads the members of @object into @values for the fields of @fields whose
 * section is @section; keeps the other members in @extras (in file order).
 * @prefix is the path of @object ("levels[2]", "labs"), or NULL at the root. */
gboolean    vertebro_record_read       (const VertebroField *fields,
                                        guint                n_fields,
                                        const char          *section,
                                        JsonObject          *object,
                                        const char          *prefix,
                                        VertebroValue       *values,
                                        JsonObject          *extras,
                                        GError             **error);
void        vertebro_record_write      (const VertebroField *fields,
                                        guint                n_fields,
                                        const char          *section,
                                        const VertebroValue *values,
                                        JsonObject          *into,
                                        JsonObject          *extras);

G_END_DECLS
