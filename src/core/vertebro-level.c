/* vertebro-level.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fractured level: its properties are generated from the level field table
 * (vertebro-fields.c), so the file, the properties and the rules agree.
 */

#define G_LOG_DOMAIN "vertebro-level"

#include "config.h"

#include "vertebro-level.h"
#include "vertebro-patient-private.h"

#define N_FIELDS 5

struct _VertebroLevel
{
  GObject        parent_instance;
  VertebroValue  values[N_FIELDS];
  JsonObject    *extras;
};

G_DEFINE_FINAL_TYPE (VertebroLevel, vertebro_level, G_TYPE_OBJECT)

static GParamSpec *properties[N_FIELDS + 1];

static const VertebroField *
level_fields (void)
{
  guint n;
  const VertebroField *fields = vertebro_fields_get (VERTEBRO_RECORD_LEVEL, &n);

  g_assert (n == N_FIELDS);
  return fields;
}

static void
vertebro_level_finalize (GObject *object)
{
  VertebroLevel *self = (VertebroLevel *)object;

  for (guint i = 0; i < N_FIELDS; i++)
    vertebro_value_clear (&self->values[i]);
  g_clear_pointer (&self->extras, json_object_unref);

  G_OBJECT_CLASS (vertebro_level_parent_class)->finalize (object);
}

static void
vertebro_level_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VertebroLevel *self = VERTEBRO_LEVEL (object);

  if (prop_id == 0 || prop_id > N_FIELDS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  vertebro_value_to_gvalue (&level_fields ()[prop_id - 1], &self->values[prop_id - 1], value);
}

static void
vertebro_level_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VertebroLevel *self = VERTEBRO_LEVEL (object);

  if (prop_id == 0 || prop_id > N_FIELDS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (vertebro_value_from_gvalue (&level_fields ()[prop_id - 1], value, &self->values[prop_id - 1]))
    g_object_notify_by_pspec (object, pspec);
}

static void
vertebro_level_class_init (VertebroLevelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const VertebroField *fields = level_fields ();

  object_class->finalize = vertebro_level_finalize;
  object_class->get_property = vertebro_level_get_property;
  object_class->set_property = vertebro_level_set_property;

  for (guint i = 0; i < N_FIELDS; i++)
    properties[i + 1] = vertebro_field_param_spec (&fields[i]);
  g_object_class_install_properties (object_class, N_FIELDS + 1, properties);
}

static void
vertebro_level_init (VertebroLevel *self)
{
  const VertebroField *fields = level_fields ();

  for (guint i = 0; i < N_FIELDS; i++)
    vertebro_value_init (&fields[i], &self->values[i]);
  self->extras = json_object_new ();
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

  if (!vertebro_record_read (level_fields (), N_FIELDS, NULL, object, prefix,
                             self->values, self->extras, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
vertebro_level_to_json (VertebroLevel *self)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  vertebro_record_write (level_fields (), N_FIELDS, NULL, self->values, object, self->extras);
  json_node_take_object (node, object);
  return node;
}

const VertebroValue *
vertebro_level_get_values (VertebroLevel *self)
{
  return self->values;
}

const char *
vertebro_level_get_level (VertebroLevel *self)
{
  g_return_val_if_fail (VERTEBRO_IS_LEVEL (self), NULL);
  return vertebro_value_get_choice (&level_fields ()[0], &self->values[0]);
}

double
vertebro_level_get_collapse_percent (VertebroLevel *self)
{
  g_return_val_if_fail (VERTEBRO_IS_LEVEL (self), 0);
  return self->values[1].number;
}

const char *
vertebro_level_get_acuity (VertebroLevel *self)
{
  g_return_val_if_fail (VERTEBRO_IS_LEVEL (self), NULL);
  return vertebro_value_get_choice (&level_fields ()[2], &self->values[2]);
}

const char *
vertebro_level_get_posterior_wall (VertebroLevel *self)
{
  g_return_val_if_fail (VERTEBRO_IS_LEVEL (self), NULL);
  return vertebro_value_get_choice (&level_fields ()[3], &self->values[3]);
}

VertebroAnswer
vertebro_level_get_pain_concordant (VertebroLevel *self)
{
  g_return_val_if_fail (VERTEBRO_IS_LEVEL (self), VERTEBRO_ANSWER_NOT_ASSESSED);
  return self->values[4].answer;
}
