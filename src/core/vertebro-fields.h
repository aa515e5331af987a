/* vertebro-fields.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fields of patient format v1 as one table: where each lives in the file,
 * its kind, its allowed range or values, and its label. The patient model,
 * the file reader and writer, the rule-set loader and (later) the form are all
 * driven from here, so a field is added in one place.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest name of an "other" antithrombotic, in characters. */
#define VERTEBRO_OTHER_NAME_MAX_CHARS 80

typedef enum {
  VERTEBRO_FIELD_TEXT,     /* string or null */
  VERTEBRO_FIELD_DATE,     /* "YYYY-MM-DD" or null */
  VERTEBRO_FIELD_NUMBER,   /* finite number within [min, max], or null */
  VERTEBRO_FIELD_INTEGER,  /* whole number within [min, max], or null */
  VERTEBRO_FIELD_ANSWER,   /* true, false or null (not assessed) */
  VERTEBRO_FIELD_CHOICE,   /* one of the choices, or null */
} VertebroFieldKind;

typedef enum {
  VERTEBRO_RECORD_PATIENT,
  VERTEBRO_RECORD_LEVEL,
  VERTEBRO_RECORD_ANTITHROMBOTIC,
} VertebroRecord;

typedef struct {
  const char *value;   /* as written in the file */
  const char *label;   /* for people, marked with N_() */
} VertebroChoice;

typedef struct {
  const char           *path;      /* "labs.inr"; "level.acuity" and "antithrombotic.held" in records */
  const char           *section;   /* the member of the root object that holds it, or NULL */
  const char           *member;    /* its member name */
  const char           *property;  /* GObject property name */
  const char           *label;     /* N_() */
  const char           *unit;      /* "kg", "%", "/µL", or NULL */
  VertebroFieldKind     kind;
  double                min;
  double                max;
  const VertebroChoice *choices;   /* NULL-terminated, for CHOICE */
  const char           *fallback;  /* CHOICE value used when absent or null, or NULL */
  gboolean              required;  /* must be present and not null */
  gboolean              nullable;  /* null allowed in the file */
  const char           *unset;     /* N_(): how a form offers a nullable CHOICE's null;
                                    * NULL for "Not assessed" */
} VertebroField;

const VertebroField *vertebro_fields_get          (VertebroRecord        record,
                                                   guint                *n_fields);
const VertebroField *vertebro_fields_lookup       (VertebroRecord        record,
                                                   const char           *path);
int                  vertebro_field_choice_index  (const VertebroField  *field,
                                                   const char           *value);
guint                vertebro_field_n_choices     (const VertebroField  *field);
const char          *vertebro_field_choice_label  (const VertebroField  *field,
                                                   const char           *value);
gboolean             vertebro_field_not_after_assessment (const VertebroField *field);
gboolean             vertebro_date_parse          (const char           *text,
                                                   GDate                *date);

G_END_DECLS
