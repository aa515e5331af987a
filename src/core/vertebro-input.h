/* vertebro-input.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a person types into a field, checked against the field: numbers in
 * the user's locale, dates in the locale's format or ISO 8601. No GTK: the
 * form shows the result, this decides it, and tests run without a display.
 */

#pragma once

#include <glib.h>

#include "vertebro-fields.h"

G_BEGIN_DECLS

typedef enum {
  VERTEBRO_INPUT_EMPTY,    /* nothing typed: not assessed */
  VERTEBRO_INPUT_VALID,
  VERTEBRO_INPUT_INVALID,  /* see the message; the value is not used */
} VertebroInputState;

/* A unit a field may be typed in: the field's own, or one a lab report at
 * hand may use instead. The file always stores the field's own. */
typedef struct {
  const char *id;      /* as a preference stores it: "10e9-per-litre" */
  const char *symbol;  /* shown beside the field: "×10⁹/L" */
  double      scale;   /* from this unit to the field's */
} VertebroInputUnit;

const VertebroInputUnit *vertebro_input_get_units      (const VertebroField *field,
                                                        guint               *n_units);
guint              vertebro_input_get_usual_unit (const VertebroField *field);
int                vertebro_input_find_unit      (const VertebroField *field,
                                                  const char          *id);
char              *vertebro_input_dup_unit_hint  (const VertebroField *field,
                                                  double               value,
                                                  guint                unit);

VertebroInputState vertebro_input_parse_number (const VertebroField *field,
                                                const char          *text,
                                                double               scale,
                                                double              *value,
                                                char               **message);
VertebroInputState vertebro_input_parse_date   (const VertebroField *field,
                                                const char          *text,
                                                GDate               *date,
                                                char               **message);
char              *vertebro_input_dup_text_problem (const VertebroField *field,
                                                    const char          *text);
char              *vertebro_input_dup_date_problem (const VertebroField *field,
                                                    const GDate         *date,
                                                    const char          *assessment_date);
char              *vertebro_input_format_number (double              value);
char              *vertebro_input_format_date   (const GDate        *date);

G_END_DECLS
