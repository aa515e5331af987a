/* vertebro-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vertebro-entry"

#include "config.h"

#include "vertebro-entry-private.h"

typedef struct
{
  VertebroValue *values;
  JsonObject    *extras;   /* members this version does not know, kept */
} VertebroEntryPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (VertebroEntry, vertebro_entry, G_TYPE_OBJECT)

static VertebroEntryPrivate *
get_priv (VertebroEntry *self)
{
  VertebroEntryPrivate *priv = vertebro_entry_get_instance_private (self);
  VertebroEntryClass *klass = VERTEBRO_ENTRY_GET_CLASS (self);

  /* Allocated on first use: the base's instance_init cannot see the
   * subclass's field table yet. */
  if (priv->values == NULL)
    {
      priv->values = g_new0 (VertebroValue, klass->n_fields);
      for (guint i = 0; i < klass->n_fields; i++)
        vertebro_value_init (&klass->fields[i], &priv->values[i]);
    }
  return priv;
}

static void
vertebro_entry_finalize (GObject *object)
{
  VertebroEntry *self = VERTEBRO_ENTRY (object);
  VertebroEntryPrivate *priv = vertebro_entry_get_instance_private (self);

  for (guint i = 0; priv->values != NULL && i < VERTEBRO_ENTRY_GET_CLASS (self)->n_fields; i++)
    vertebro_value_clear (&priv->values[i]);
  g_free (priv->values);
  g_clear_pointer (&priv->extras, json_object_unref);

  G_OBJECT_CLASS (vertebro_entry_parent_class)->finalize (object);
}

static void
vertebro_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VertebroEntry *self = VERTEBRO_ENTRY (object);
  VertebroEntryClass *klass = VERTEBRO_ENTRY_GET_CLASS (self);

  if (prop_id == 0 || prop_id > klass->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  vertebro_value_to_gvalue (&klass->fields[prop_id - 1], &get_priv (self)->values[prop_id - 1], value);
}

static void
vertebro_entry_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VertebroEntry *self = VERTEBRO_ENTRY (object);
  VertebroEntryClass *klass = VERTEBRO_ENTRY_GET_CLASS (self);

  if (prop_id == 0 || prop_id > klass->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (vertebro_value_from_gvalue (&klass->fields[prop_id - 1], value, &get_priv (self)->values[prop_id - 1]))
    g_object_notify_by_pspec (object, pspec);
}

static void
vertebro_entry_class_init (VertebroEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vertebro_entry_finalize;
}

static void
vertebro_entry_init (VertebroEntry *self)
{
  VertebroEntryPrivate *priv = vertebro_entry_get_instance_private (self);

  priv->extras = json_object_new ();
}

/**
 * vertebro_entry_class_install_fields:
 * @klass: a subclass's class
 * @record: its field table
 *
 * Installs one property per field of @record, named as the table names it.
 */
void
vertebro_entry_class_install_fields (VertebroEntryClass *klass,
                                     VertebroRecord      record)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* GObject does not pass these on to subclasses. */
  object_class->get_property = vertebro_entry_get_property;
  object_class->set_property = vertebro_entry_set_property;
  klass->fields = vertebro_fields_get (record, &klass->n_fields);
  for (guint i = 0; i < klass->n_fields; i++)
    g_object_class_install_property (object_class, i + 1, vertebro_field_param_spec (&klass->fields[i]));
}

const VertebroValue *
vertebro_entry_get_values (VertebroEntry *self)
{
  return get_priv (self)->values;
}

gboolean
vertebro_entry_read (VertebroEntry  *self,
                     JsonObject     *object,
                     const char     *prefix,
                     GError        **error)
{
  VertebroEntryClass *klass = VERTEBRO_ENTRY_GET_CLASS (self);
  VertebroEntryPrivate *priv = get_priv (self);

  return vertebro_record_read (klass->fields, klass->n_fields, NULL, object, prefix,
                               priv->values, priv->extras, error);
}

JsonNode *
vertebro_entry_to_json (VertebroEntry *self)
{
  VertebroEntryClass *klass = VERTEBRO_ENTRY_GET_CLASS (self);
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  vertebro_record_write (klass->fields, klass->n_fields, NULL, get_priv (self)->values, object, get_priv (self)->extras);
  json_node_take_object (node, object);
  return node;
}
