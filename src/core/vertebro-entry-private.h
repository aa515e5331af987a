/* vertebro-entry-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base of the patient's list entries (a fractured level, an
 * antithrombotic): a record of the field table whose properties, file
 * reading and writing come from that table.
 */

#pragma once

#include "vertebro-entry.h"
#include "vertebro-record-private.h"

G_BEGIN_DECLS

void                 vertebro_entry_class_install_fields (VertebroEntryClass *klass,
                                                          VertebroRecord      record);
const VertebroValue *vertebro_entry_get_values           (VertebroEntry      *self);
gboolean             vertebro_entry_read                 (VertebroEntry      *self,
                                                          JsonObject         *object,
                                                          const char         *prefix,
                                                          GError            **error);
JsonNode            *vertebro_entry_to_json              (VertebroEntry      *self);

G_END_DECLS
