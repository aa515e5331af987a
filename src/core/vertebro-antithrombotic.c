/* vertebro-antithrombotic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A listed antithrombotic and how long it will have been withheld, in the
 * drug's own unit (days or doses, from the rule set).
 */

#define G_LOG_DOMAIN "vertebro-antithrombotic"

#include "config.h"

#include <math.h>

#include "vertebro-antithrombotic.h"
#include "vertebro-entry-private.h"
#include "vertebro-patient-private.h"

/* Positions in the antithrombotic field table. */
enum { DRUG, HELD };

struct _VertebroAntithrombotic
{
  VertebroEntry parent_instance;
};

G_DEFINE_FINAL_TYPE (VertebroAntithrombotic, vertebro_antithrombotic, VERTEBRO_TYPE_ENTRY)

static void
vertebro_antithrombotic_class_init (VertebroAntithromboticClass *klass)
{
  vertebro_entry_class_install_fields (VERTEBRO_ENTRY_CLASS (klass), VERTEBRO_RECORD_ANTITHROMBOTIC);
}

static void
vertebro_antithrombotic_init (VertebroAntithrombotic *self)
{
}

/**
 * vertebro_antithrombotic_new:
 * @drug: a drug id of the format ("clopidogrel", …)
 * @held: how long it will have been withheld, or NaN when not yet planned
 *
 * Returns: (transfer full): a new entry
 */
VertebroAntithrombotic *
vertebro_antithrombotic_new (const char *drug,
                             double      held)
{
  return g_object_new (VERTEBRO_TYPE_ANTITHROMBOTIC, "drug", drug, "held", held, NULL);
}

VertebroAntithrombotic *
vertebro_antithrombotic_new_from_json (JsonObject  *object,
                                       const char  *prefix,
                                       GError     **error)
{
  g_autoptr(VertebroAntithrombotic) self = g_object_new (VERTEBRO_TYPE_ANTITHROMBOTIC, NULL);

  if (!vertebro_entry_read (VERTEBRO_ENTRY (self), object, prefix, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
vertebro_antithrombotic_to_json (VertebroAntithrombotic *self)
{
  return vertebro_entry_to_json (VERTEBRO_ENTRY (self));
}

const VertebroValue *
vertebro_antithrombotic_get_values (VertebroAntithrombotic *self)
{
  return vertebro_entry_get_values (VERTEBRO_ENTRY (self));
}

const char *
vertebro_antithrombotic_get_drug (VertebroAntithrombotic *self)
{
  g_return_val_if_fail (VERTEBRO_IS_ANTITHROMBOTIC (self), NULL);
  return vertebro_value_get_choice (&VERTEBRO_ENTRY_GET_CLASS (self)->fields[DRUG],
                                    &vertebro_antithrombotic_get_values (self)[DRUG]);
}

double
vertebro_antithrombotic_get_held (VertebroAntithrombotic *self)
{
  const VertebroValue *held;

  g_return_val_if_fail (VERTEBRO_IS_ANTITHROMBOTIC (self), NAN);
  held = &vertebro_antithrombotic_get_values (self)[HELD];
  return held->set ? held->number : NAN;
}
