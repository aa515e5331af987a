/* vertebro-ruleset-read.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader's small readers (vertebro-ruleset-read.c), for the sections
 * of the rule set (vertebro-ruleset-sections.c). Private to the loader.
 * Every one that can fail sets a "json.path: problem" error and returns
 * FALSE or NULL; @path is the JSON path of the object being read, "" at the
 * top level.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vertebro-ruleset-private.h"

G_BEGIN_DECLS

/* Refuses a member not in @allowed and a missing one of @required. */
gboolean             vertebro_ruleset_check_members  (JsonObject                 *object,
                                                      const char                 *path,
                                                      const char * const         *allowed,
                                                      const char * const         *required,
                                                      GError                    **error);
/* "path.member", or "member" at the top level. */
char                *vertebro_ruleset_join_path      (const char                 *path,
                                                      const char                 *member);
gboolean             vertebro_ruleset_read_string    (JsonObject                 *object,
                                                      const char                 *member,
                                                      const char                 *path,
                                                      gboolean                    allow_empty,
                                                      char                      **out,
                                                      GError                    **error);
gboolean             vertebro_ruleset_read_number    (JsonObject                 *object,
                                                      const char                 *member,
                                                      const char                 *path,
                                                      double                     *out,
                                                      GError                    **error);
/* A top-level array, such as "findings". */
JsonArray           *vertebro_ruleset_read_array     (JsonObject                 *object,
                                                      const char                 *member,
                                                      GError                    **error);
JsonObject          *vertebro_ruleset_element_object (JsonArray                  *array,
                                                      guint                       index,
                                                      const char                 *path,
                                                      GError                    **error);
gboolean             vertebro_ruleset_read_id        (JsonObject                 *object,
                                                      const char                 *path,
                                                      GHashTable                 *seen,
                                                      gboolean                    template_ok,
                                                      char                      **out,
                                                      GError                    **error);
/* Source ids, each in the sources section already read. */
gboolean             vertebro_ruleset_read_sources   (VertebroRuleset            *self,
                                                      JsonObject                 *object,
                                                      const char                 *path,
                                                      GStrv                      *out,
                                                      GError                    **error);
/* "scope", "patient" when it is absent; "antithrombotic" only if @drug_ok. */
gboolean             vertebro_ruleset_read_scope     (JsonObject                 *object,
                                                      const char                 *path,
                                                      gboolean                    drug_ok,
                                                      VertebroScope              *scope,
                                                      GError                    **error);
/* What a condition of a rule of @scope may look at. */
VertebroCondContext  vertebro_ruleset_context_for    (VertebroRuleset            *self,
                                                      VertebroScope               scope,
                                                      gboolean                    allow_results);
/* "when", compiled and counted against VERTEBRO_RULESET_MAX_EVALUATED;
 * *out is NULL when it is absent and not @required. */
gboolean             vertebro_ruleset_read_when      (JsonObject                 *object,
                                                      const char                 *path,
                                                      const VertebroCondContext  *context,
                                                      gboolean                    required,
                                                      VertebroCond              **out,
                                                      GError                    **error);
/* A text or list of text variants, compiled; its variants' conditions are
 * counted as "when"s are. */
gboolean             vertebro_ruleset_read_template  (JsonObject                 *object,
                                                      const char                 *member,
                                                      const char                 *path,
                                                      const VertebroCondContext  *context,
                                                      VertebroTemplate          **out,
                                                      GError                    **error);
/* Refuses invalid UTF-8 and control characters in every string and member
 * name under @node; @path holds the JSON path so far and is left as it was. */
gboolean             vertebro_ruleset_check_texts    (JsonNode                   *node,
                                                      GString                    *path,
                                                      GError                    **error);

G_END_DECLS
