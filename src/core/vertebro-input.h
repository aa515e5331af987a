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

VertebroInputState vertebro_input_parse_number (const VertebroField *field,
                                                const char          *text,
                                                double               scale,
                                                double              *value,
                                                char               **message);
VertebroInputState vertebro_input_parse_date   (const VertebroField *field,
                                                const char          *text,
                                                GDate               *date,
                                                char               **message);
char              *vertebro_input_format_number (double              value);
char              *vertebro_input_format_date   (const GDate        *date);

G_END_DECLS
