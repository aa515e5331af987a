/* vertebro-level.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fractured level: its properties are generated from the level field table
 * (vertebro-fields.c), so the file, the properties and the rules agree.
 */

#define G_LOG_DOMAIN "vertebro-level"

#include "config.h"

#include "vertebro-entry-private.h"
#include "vertebro-level.h"
#include "vertebro-patient-private.h"

/* Positions in the level field table. */
enum { LEVEL, COLLAPSE, ACUITY, POSTERIOR_WALL, PAIN_CONCORDANT };

struct _VertebroLevel
{
  VertebroEntry parent_instance;
};

G_DEFINE_FINAL_TYPE (VertebroLevel, vertebro_level, VERTEBRO_TYPE_ENTRY)

static void
vertebro_level_class_init (VertebroLevelClass *klass)
{
  vertebro_entry_class_install_fields (VERTEBRO_ENTRY_CLASS (klass), VERTEBRO_RECORD_LEVEL);
}

static void
vertebro_level_init (VertebroLevel *self)
{
}

/**
 * vertebro_level_new:
 * @level: (nullable): the vertebra, "T1"…"T12" or "L1"…"L5"
 *
 * Returns: (transfer full): a level with nothing else assessed
 */
VertebroLevel *
vertebro_level_new (const char *level)
{
  return g_object_new (VERTEBRO_TYPE_LEVEL, "level", level, NULL);
}

VertebroLevel *
vertebro_level_new_from_json (JsonObject  *object,
                              const char  *prefix,
                              GError     **error)
{
  g_autoptr(VertebroLevel) self = g_object_new (VERTEBRO_TYPE_LEVEL, NULL);

  if (!vertebro_entry_read (VERTEBRO_ENTRY (self), object, prefix, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
vertebro_level_to_json (VertebroLevel *self)
{
  return vertebro_entry_to_json (VERTEBRO_ENTRY (self));
}

const VertebroValue *
vertebro_level_get_values (VertebroLevel *self)
{
  return vertebro_entry_get_values (VERTEBRO_ENTRY (self));
}

static const char *
choice (VertebroLevel *self,
        guint          index)
{
  return vertebro_value_get_choice (&VERTEBRO_ENTRY_GET_CLASS (self)->fields[index], &vertebro_level_get_values (self)[index]);
}

const char *
vertebro_level_get_level (VertebroLevel *self)
{
  g_return_val_if_fail (VERTEBRO_IS_LEVEL (self), NULL);
  return choice (self, LEVEL);
}

/* NaN when not assessed. */
double
vertebro_level_get_collapse_percent (VertebroLevel *self)
{
  g_return_val_if_fail (VERTEBRO_IS_LEVEL (self), 0);
  return vertebro_level_get_values (self)[COLLAPSE].number;
}

const char *
vertebro_level_get_acuity (VertebroLevel *self)
{
  g_return_val_if_fail (VERTEBRO_IS_LEVEL (self), NULL);
  return choice (self, ACUITY);
}

const char *
vertebro_level_get_posterior_wall (VertebroLevel *self)
{
  g_return_val_if_fail (VERTEBRO_IS_LEVEL (self), NULL);
  return choice (self, POSTERIOR_WALL);
}

VertebroAnswer
vertebro_level_get_pain_concordant (VertebroLevel *self)
{
  g_return_val_if_fail (VERTEBRO_IS_LEVEL (self), VERTEBRO_ANSWER_NOT_ASSESSED);
  return vertebro_level_get_values (self)[PAIN_CONCORDANT].answer;
}
