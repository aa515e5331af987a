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
#include "vertebro-patient-private.h"

#define N_FIELDS 2

struct _VertebroAntithrombotic
{
  GObject        parent_instance;
  VertebroValue  values[N_FIELDS];
  JsonObject    *extras;
};

G_DEFINE_FINAL_TYPE (VertebroAntithrombotic, vertebro_antithrombotic, G_TYPE_OBJECT)

static GParamSpec *properties[N_FIELDS + 1];

static const VertebroField *
drug_fields (void)
{
  guint n;
  const VertebroField *fields = vertebro_fields_get (VERTEBRO_RECORD_ANTITHROMBOTIC, &n);

  g_assert (n == N_FIELDS);
  return fields;
}

static void
vertebro_antithrombotic_finalize (GObject *object)
{
  VertebroAntithrombotic *self = (VertebroAntithrombotic *)object;

  for (guint i = 0; i < N_FIELDS; i++)
    vertebro_value_clear (&self->values[i]);
  g_clear_pointer (&self->extras, json_object_unref);

  G_OBJECT_CLASS (vertebro_antithrombotic_parent_class)->finalize (object);
}

static void
vertebro_antithrombotic_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  VertebroAntithrombotic *self = VERTEBRO_ANTITHROMBOTIC (object);

  if (prop_id == 0 || prop_id > N_FIELDS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  vertebro_value_to_gvalue (&drug_fields ()[prop_id - 1], &self->values[prop_id - 1], value);
}

static void
vertebro_antithrombotic_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  VertebroAntithrombotic *self = VERTEBRO_ANTITHROMBOTIC (object);

  if (prop_id == 0 || prop_id > N_FIELDS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (vertebro_value_from_gvalue (&drug_fields ()[prop_id - 1], value, &self->values[prop_id - 1]))
    g_object_notify_by_pspec (object, pspec);
}

static void
vertebro_antithrombotic_class_init (VertebroAntithromboticClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const VertebroField *fields = drug_fields ();

  object_class->finalize = vertebro_antithrombotic_finalize;
  object_class->get_property = vertebro_antithrombotic_get_property;
  object_class->set_property = vertebro_antithrombotic_set_property;

  for (guint i = 0; i < N_FIELDS; i++)
    properties[i + 1] = vertebro_field_param_spec (&fields[i]);
  g_object_class_install_properties (object_class, N_FIELDS + 1, properties);
}

static void
vertebro_antithrombotic_init (VertebroAntithrombotic *self)
{
  const VertebroField *fields = drug_fields ();

  for (guint i = 0; i < N_FIELDS; i++)
    vertebro_value_init (&fields[i], &self->values[i]);
  self->extras = json_object_new ();
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

  if (!vertebro_record_read (drug_fields (), N_FIELDS, NULL, object, prefix,
                             self->values, self->extras, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
vertebro_antithrombotic_to_json (VertebroAntithrombotic *self)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  vertebro_record_write (drug_fields (), N_FIELDS, NULL, self->values, object, self->extras);
  json_node_take_object (node, object);
  return node;
}

const VertebroValue *
vertebro_antithrombotic_get_values (VertebroAntithrombotic *self)
{
  return self->values;
}

const char *
vertebro_antithrombotic_get_drug (VertebroAntithrombotic *self)
{
  g_return_val_if_fail (VERTEBRO_IS_ANTITHROMBOTIC (self), NULL);
  return vertebro_value_get_choice (&drug_fields ()[0], &self->values[0]);
}

double
vertebro_antithrombotic_get_held (VertebroAntithrombotic *self)
{
  g_return_val_if_fail (VERTEBRO_IS_ANTITHROMBOTIC (self), NAN);
  return self->values[1].set ? self->values[1].number : NAN;
}
