/* vertebro-ruleset.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vertebro-enums.h"

G_BEGIN_DECLS

#define VERTEBRO_RULESET_FORMAT  "vertebro-rules"
#define VERTEBRO_RULESET_VERSION 1
#define VERTEBRO_RULESET_DEFAULT_RESOURCE "/io/github/vertebro/Vertebro/rules/vertebro-default.json"

#define VERTEBRO_RULESET_ERROR (vertebro_ruleset_error_quark ())

typedef enum {
  VERTEBRO_RULESET_ERROR_NOT_READABLE,
  VERTEBRO_RULESET_ERROR_SYNTAX,
  VERTEBRO_RULESET_ERROR_NEWER_VERSION,
  VERTEBRO_RULESET_ERROR_INVALID,
} VertebroRulesetError;

GQuark vertebro_ruleset_error_quark (void);

#define VERTEBRO_TYPE_RULESET (vertebro_ruleset_get_type ())

G_DECLARE_FINAL_TYPE (VertebroRuleset, vertebro_ruleset, VERTEBRO, RULESET, GObject)

VertebroRuleset *vertebro_ruleset_new_default     (GError          **error);
VertebroRuleset *vertebro_ruleset_new_from_bytes  (GBytes           *bytes,
                                                   GError          **error);
VertebroRuleset *vertebro_ruleset_new_from_file   (GFile            *file,
                                                   GError          **error);

const char      *vertebro_ruleset_get_id          (VertebroRuleset  *self);
const char      *vertebro_ruleset_get_version     (VertebroRuleset  *self);
const char      *vertebro_ruleset_get_title       (VertebroRuleset  *self);
const char      *vertebro_ruleset_get_sha256      (VertebroRuleset  *self);

const char      *vertebro_ruleset_get_citation    (VertebroRuleset  *self,
                                                   const char       *source_id);
const char      *vertebro_ruleset_get_doi         (VertebroRuleset  *self,
                                                   const char       *source_id);
gboolean         vertebro_ruleset_is_source_document (VertebroRuleset *self,
                                                   const char       *source_id);
GStrv            vertebro_ruleset_group_sources   (VertebroRuleset    *self,
                                                   const char * const *source_ids);
guint            vertebro_ruleset_get_n_sources   (VertebroRuleset  *self);
const char      *vertebro_ruleset_get_source      (VertebroRuleset  *self,
                                                   guint             index,
                                                   const char      **citation);

guint            vertebro_ruleset_get_n_thresholds (VertebroRuleset *self);
const char      *vertebro_ruleset_get_threshold    (VertebroRuleset *self,
                                                    guint            index,
                                                    double          *value,
                                                    const char     **unit,
                                                    const char     **label);
VertebroHoldUnit vertebro_ruleset_get_drug_unit     (VertebroRuleset *self,
                                                    const char      *drug);
gboolean         vertebro_ruleset_lookup_threshold (VertebroRuleset *self,
                                                    const char      *id,
                                                    double          *value);

G_END_DECLS
