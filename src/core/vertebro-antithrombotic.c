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
enum { DRUG, HELD, NAME, HOLD_AGREED };

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

/* A tabulated drug is written as { "drug", "held" }, an "other" one as
 * { "drug", "name", "hold_agreed" }: each kind without the other's members. */
JsonNode *
vertebro_antithrombotic_to_json (VertebroAntithrombotic *self)
{
  JsonNode *node = vertebro_entry_to_json (VERTEBRO_ENTRY (self));
  JsonObject *object = json_node_get_object (node);
  const VertebroValue *values = vertebro_antithrombotic_get_values (self);

  if (vertebro_antithrombotic_is_other (self))
    {
      if (!values[HELD].set)
        json_object_remove_member (object, "held");
    }
  else
    {
      if (!values[NAME].set)
        json_object_remove_member (object, "name");
      if (!values[HOLD_AGREED].set)
        json_object_remove_member (object, "hold_agreed");
    }
  return node;
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

gboolean
vertebro_antithrombotic_is_other (VertebroAntithrombotic *self)
{
  return g_strcmp0 (vertebro_antithrombotic_get_drug (self), "other") == 0;
}

const char *
vertebro_antithrombotic_get_name (VertebroAntithrombotic *self)
{
  const VertebroValue *name;

  g_return_val_if_fail (VERTEBRO_IS_ANTITHROMBOTIC (self), NULL);
  name = &vertebro_antithrombotic_get_values (self)[NAME];
  return name->set ? name->text : NULL;
}

VertebroAnswer
vertebro_antithrombotic_get_hold_agreed (VertebroAntithrombotic *self)
{
  const VertebroValue *agreed;

  g_return_val_if_fail (VERTEBRO_IS_ANTITHROMBOTIC (self), VERTEBRO_ANSWER_NOT_ASSESSED);
  agreed = &vertebro_antithrombotic_get_values (self)[HOLD_AGREED];
  return agreed->set ? agreed->answer : VERTEBRO_ANSWER_NOT_ASSESSED;
}
