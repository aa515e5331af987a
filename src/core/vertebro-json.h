/* vertebro-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A strict JSON reader and a deterministic writer on top of json-glib's node
 * types. json-glib's own parser accepts duplicate keys (keeping the last),
 * recurses without limit and has no size limit; clinical files need all three
 * refused, with a position in the message.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define VERTEBRO_JSON_MAX_DEPTH 64

#define VERTEBRO_JSON_ERROR (vertebro_json_error_quark ())

typedef enum {
  VERTEBRO_JSON_ERROR_SYNTAX,
  VERTEBRO_JSON_ERROR_ENCODING,
  VERTEBRO_JSON_ERROR_DUPLICATE_KEY,
  VERTEBRO_JSON_ERROR_TOO_DEEP,
  VERTEBRO_JSON_ERROR_NUMBER,
} VertebroJsonError;

GQuark    vertebro_json_error_quark (void);

JsonNode *vertebro_json_parse       (const char  *data,
                                     gsize        length,
                                     GError     **error);

char     *vertebro_json_to_string   (JsonNode    *node,
                                     gboolean     pretty);

void      vertebro_json_append_number (GString   *out,
                                       double     value);

/* For messages: a name or value from a file, short and on one line. */
void      vertebro_json_append_quoted (GString    *out,
                                       const char *text);
char     *vertebro_json_quote         (const char *text);

G_END_DECLS
