/* vertebro-entry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base class of a patient's list entries (VertebroLevel,
 * VertebroAntithrombotic): one property per field of its table.
 */

#pragma once

#include <glib-object.h>

#include "vertebro-fields.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_ENTRY (vertebro_entry_get_type ())

G_DECLARE_DERIVABLE_TYPE (VertebroEntry, vertebro_entry, VERTEBRO, ENTRY, GObject)

struct _VertebroEntryClass
{
  GObjectClass         parent_class;

  /*< private >*/
  const VertebroField *fields;
  guint                n_fields;
};

G_END_DECLS
