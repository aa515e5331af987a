/* vertebro-patient.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The patient: every field of patient format v1 (patient-format.md) as a
 * property generated from the field table, the fractured levels and the
 * antithrombotics as list models, the ticked checklist items, and every
 * member this version does not understand, kept to be written back.
 *
 * A file is read completely and checked before anything is kept: a bad file
 * is refused as a whole with one message naming the file, the field path and
 * the problem. Reading from a file and saving to one are in
 * vertebro-patient-file.c: a save writes a temporary file that is flushed
 * and renamed over the target, mode 0600.
 */

#define G_LOG_DOMAIN "vertebro-patient"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-audit.h"
#include "vertebro-json.h"
#include "vertebro-patient-private.h"

#define N_FIELDS 35

/* The root members this version understands, in the order they are written. */
static const char * const sections[] = { "patient", "assessment", "history", "labs" };

struct _VertebroPatient
{
  GObject        parent_instance;

  VertebroValue  values[N_FIELDS];
  GListStore    *levels;
  GListStore    *antithrombotics;
  JsonObject    *checklist;

  /* The record: the decision as read or recorded (or NULL), and the audit
   * trail exactly as read, only ever appended to (or NULL: none yet). */
  JsonObject    *decision;
  JsonArray     *audit;
  gboolean       audit_intact;

  /* Unknown members, kept in file order: at the root and in each section. */
  JsonObject    *extras;
  JsonObject    *section_extras[G_N_ELEMENTS (sections)];
};

G_DEFINE_FINAL_TYPE (VertebroPatient, vertebro_patient, G_TYPE_OBJECT)

G_DEFINE_QUARK (vertebro-patient-error-quark, vertebro_patient_error)

enum {
  PROP_LEVELS = N_FIELDS + 1,
  PROP_ANTITHROMBOTICS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const VertebroField *
patient_fields (void)
{
  guint n;
  const VertebroField *fields = vertebro_fields_get (VERTEBRO_RECORD_PATIENT, &n);

  g_assert (n == N_FIELDS);
  return fields;
}

static int
field_index (const char *path)
{
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, path);

  return field != NULL ? (int) (field - patient_fields ()) : -1;
}

static void
emit_changed (VertebroPatient *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_entry_notify (VertebroPatient *self)
{
  emit_changed (self);
}

static void
on_items_changed (GListModel      *model,
                  guint            position,
                  guint            removed,
                  guint            added,
                  VertebroPatient *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_signal_connect_object (item, "notify", G_CALLBACK (on_entry_notify), self, G_CONNECT_SWAPPED);
    }
  emit_changed (self);
}

static void
vertebro_patient_dispose (GObject *object)
{
  VertebroPatient *self = (VertebroPatient *)object;

  g_clear_object (&self->levels);
  g_clear_object (&self->antithrombotics);

  G_OBJECT_CLASS (vertebro_patient_parent_class)->dispose (object);
}

static void
vertebro_patient_finalize (GObject *object)
{
  VertebroPatient *self = (VertebroPatient *)object;

  for (guint i = 0; i < N_FIELDS; i++)
    vertebro_value_clear (&self->values[i]);
  g_clear_pointer (&self->checklist, json_object_unref);
  g_clear_pointer (&self->decision, json_object_unref);
  g_clear_pointer (&self->audit, json_array_unref);
  g_clear_pointer (&self->extras, json_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_clear_pointer (&self->section_extras[i], json_object_unref);

  G_OBJECT_CLASS (vertebro_patient_parent_class)->finalize (object);
}

static void
vertebro_patient_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VertebroPatient *self = VERTEBRO_PATIENT (object);

  if (prop_id >= 1 && prop_id <= N_FIELDS)
    vertebro_value_to_gvalue (&patient_fields ()[prop_id - 1], &self->values[prop_id - 1], value);
  else if (prop_id == PROP_LEVELS)
    g_value_set_object (value, self->levels);
  else if (prop_id == PROP_ANTITHROMBOTICS)
    g_value_set_object (value, self->antithrombotics);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
vertebro_patient_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VertebroPatient *self = VERTEBRO_PATIENT (object);

  if (prop_id >= 1 && prop_id <= N_FIELDS)
    {
      if (vertebro_value_from_gvalue (&patient_fields ()[prop_id - 1], value, &self->values[prop_id - 1]))
        {
          g_object_notify_by_pspec (object, pspec);
          emit_changed (self);
        }
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
vertebro_patient_class_init (VertebroPatientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const VertebroField *fields = patient_fields ();

  object_class->dispose = vertebro_patient_dispose;
  object_class->finalize = vertebro_patient_finalize;
  object_class->get_property = vertebro_patient_get_property;
  object_class->set_property = vertebro_patient_set_property;

  for (guint i = 0; i < N_FIELDS; i++)
    properties[i + 1] = vertebro_field_param_spec (&fields[i]);

  properties[PROP_LEVELS] =
    g_param_spec_object ("levels", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANTITHROMBOTICS] =
    g_param_spec_object ("antithrombotics", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VertebroPatient::changed:
   *
   * Emitted after any change: a field, a level or drug and their fields,
   * or a checklist tick.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
vertebro_patient_init (VertebroPatient *self)
{
  const VertebroField *fields = patient_fields ();

  for (guint i = 0; i < N_FIELDS; i++)
    vertebro_value_init (&fields[i], &self->values[i]);

  self->levels = g_list_store_new (VERTEBRO_TYPE_LEVEL);
  self->antithrombotics = g_list_store_new (VERTEBRO_TYPE_ANTITHROMBOTIC);
  g_signal_connect_object (self->levels, "items-changed", G_CALLBACK (on_items_changed), self, 0);
  g_signal_connect_object (self->antithrombotics, "items-changed", G_CALLBACK (on_items_changed), self, 0);

  self->checklist = json_object_new ();
  self->extras = json_object_new ();
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    self->section_extras[i] = json_object_new ();
}

VertebroPatient *
vertebro_patient_new (void)
{
  return g_object_new (VERTEBRO_TYPE_PATIENT, NULL);
}

static gboolean
is_known_root_member (const char *name)
{
  static const char * const others[] = {
    "format", "version", "antithrombotics", "levels", "checklist", "notes", "decision", "audit",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (name, sections[i]))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    if (g_str_equal (name, others[i]))
      return TRUE;
  return FALSE;
}

static gboolean
read_header (JsonObject  *root,
             GError     **error)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  double v;

  if (format == NULL || JSON_NODE_TYPE (format) != JSON_NODE_VALUE ||
      json_node_get_value_type (format) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (format), VERTEBRO_PATIENT_FORMAT))
    {
      g_set_error (error, VERTEBRO_PATIENT_ERROR, VERTEBRO_PATIENT_ERROR_NOT_A_PATIENT,
                   /* Translators: a file error; keep “format”, the name of a member of the file; %s
                    * is its required value, “vertebro-patient”. */
                   _("format: not a Vertebro patient file (\"format\" must be \"%s\")"),
                   VERTEBRO_PATIENT_FORMAT);
      return FALSE;
    }

  if (version == NULL || JSON_NODE_TYPE (version) != JSON_NODE_VALUE ||
      (json_node_get_value_type (version) != G_TYPE_INT64 &&
       json_node_get_value_type (version) != G_TYPE_DOUBLE))
    {
      /* Translators: a file error about the member “version”; %d is the only version this program
       * reads. */
      vertebro_set_field_error (error, "version", _("must be the number %d"), VERTEBRO_PATIENT_VERSION);
      return FALSE;
    }

  v = json_node_get_double (version);
  if (v > VERTEBRO_PATIENT_VERSION && v == floor (v))
    {
      g_set_error (error, VERTEBRO_PATIENT_ERROR, VERTEBRO_PATIENT_ERROR_NEWER_VERSION,
                   /* Translators: %g is a file format version number. */
                   _("version: made by a newer version of Vertebro (format version %g); please update Vertebro to open it"),
                   v);
      return FALSE;
    }
  if (v != VERTEBRO_PATIENT_VERSION)
    {
      /* Translators: a file error about the member “version”; %d is the only version this program
       * reads. */
      vertebro_set_field_error (error, "version", _("must be the number %d"), VERTEBRO_PATIENT_VERSION);
      return FALSE;
    }
  return TRUE;
}

typedef GObject *(*EntryReader) (JsonObject  *object,
                                 const char  *prefix,
                                 GError     **error);
typedef const char *(*EntryKey) (gpointer entry);

/* Reads the array @member ("levels", "antithrombotics") into @store: each
 * element an object read by @reader, none with the same @key_member twice,
 * at most @max of them. */
static gboolean
read_entries (JsonObject   *root,
              const char   *member,
              const char   *key_member,
              guint         max,
              EntryReader   reader,
              EntryKey      key,
              GListStore   *store,
              GError      **error)
{
  JsonNode *node = json_object_get_member (root, member);
  JsonArray *array;
  guint n;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      vertebro_set_field_error (error, member, _("must be an array"));
      return FALSE;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > max)
    {
      /* Translators: a file error about a list such as “levels”; how many entries it has, then how
       * many are allowed. */
      vertebro_set_field_error (error, member, _("has %u entries; at most %u can be assessed at once"), n, max);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *prefix = g_strdup_printf ("%s[%u]", member, i);
      g_autoptr(GObject) entry = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          vertebro_set_field_error (error, prefix, _("must be an object"));
          return FALSE;
        }
      entry = reader (json_node_get_object (element), prefix, error);
      if (entry == NULL)
        return FALSE;

      for (guint j = 0; j < i; j++)
        {
          g_autoptr(GObject) other = g_list_model_get_item (G_LIST_MODEL (store), j);

          /* A key of NULL (a level whose vertebra is not chosen yet, an
           * "other" antithrombotic) is never a duplicate here. */
          if (key (entry) != NULL && g_strcmp0 (key (other), key (entry)) == 0)
            {
              g_autofree char *path = g_strconcat (prefix, ".", key_member, NULL);

              /* Translators: "L1 is listed twice (also levels[0])". */
              vertebro_set_field_error (error, path, _("%s is listed twice (also %s[%u])"), key (entry), member, j);
              return FALSE;
            }
        }
      g_list_store_append (store, entry);
    }
  return TRUE;
}

static gboolean
read_checklist (VertebroPatient  *self,
                JsonObject       *root,
                GError          **error)
{
  JsonNode *node = json_object_get_member (root, "checklist");
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      vertebro_set_field_error (error, "checklist", _("must be an object of item ids and true or false"));
      return FALSE;
    }

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (JSON_NODE_TYPE (member) != JSON_NODE_VALUE || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        {
          g_autofree char *quoted = vertebro_json_quote (name);
          g_autofree char *path = g_strdup_printf ("checklist.%s", quoted);

          vertebro_set_field_error (error, path, _("must be true or false"));
          return FALSE;
        }
      json_object_set_boolean_member (self->checklist, name, json_node_get_boolean (member));
    }
  return TRUE;
}

/* Neither the birth date nor the onset of the pain may be after the
 * assessment date, which is today when the file has none
 * (vertebro_field_not_after_assessment()). */
static gboolean
check_dates (VertebroPatient  *self,
             GError          **error)
{
  guint n_fields;
  const VertebroField *fields = vertebro_fields_get (VERTEBRO_RECORD_PATIENT, &n_fields);
  const VertebroValue *date = &self->values[field_index ("assessment.date")];
  GDate d;

  if (date->set)
    vertebro_date_parse (date->text, &d);
  else
    {
      g_date_clear (&d, 1);
      g_date_set_time_t (&d, time (NULL));
    }

  for (guint i = 0; i < n_fields; i++)
    {
      const VertebroValue *value = &self->values[field_index (fields[i].path)];
      GDate v;

      if (!vertebro_field_not_after_assessment (&fields[i]) || !value->set)
        continue;
      vertebro_date_parse (value->text, &v);
      if (g_date_compare (&v, &d) <= 0)
        continue;
      if (date->set)
        /* Translators: a file error about a date such as the birth date; that date, then the
         * assessment date, both as written in the file (YYYY-MM-DD). */
        vertebro_set_field_error (error, fields[i].path, _("%s is after the assessment date %s"),
                                  value->text, date->text);
      else
        /* Translators: a file error about a date such as the birth date, as written in the file
         * (YYYY-MM-DD); the file has no assessment date, so today counts. */
        vertebro_set_field_error (error, fields[i].path, _("%s is in the future"), value->text);
      return FALSE;
    }
  return TRUE;
}

/* The vertebrae chosen for the levels, for the decision's check. */
static GStrv
level_names (VertebroPatient *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->levels)); i++)
    {
      g_autoptr(VertebroLevel) level = g_list_model_get_item (G_LIST_MODEL (self->levels), i);

      if (vertebro_level_get_level (level) != NULL)
        g_strv_builder_add (builder, vertebro_level_get_level (level));
    }
  return g_strv_builder_end (builder);
}

/* "decision" is checked as the format says; "audit" only for its shape:
 * a trail whose chain does not verify opens all the same, and says so. */
static gboolean
read_record (VertebroPatient  *self,
             JsonObject       *root,
             GError          **error)
{
  JsonNode *decision = json_object_get_member (root, "decision");
  JsonNode *audit = json_object_get_member (root, "audit");

  if (decision != NULL && !JSON_NODE_HOLDS_NULL (decision))
    {
      g_auto(GStrv) names = level_names (self);
      GDate today;

      if (!JSON_NODE_HOLDS_OBJECT (decision))
        {
          vertebro_set_field_error (error, "decision", _("must be an object"));
          return FALSE;
        }
      g_date_clear (&today, 1);
      g_date_set_time_t (&today, time (NULL));
      if (!vertebro_decision_check (json_node_get_object (decision), (const char * const *) names, &today, error))
        return FALSE;
      self->decision = json_object_ref (json_node_get_object (decision));
    }
  if (audit != NULL)
    {
      if (!vertebro_audit_check (audit, error))
        return FALSE;
      self->audit = json_array_ref (json_node_get_array (audit));
      self->audit_intact = vertebro_audit_verify (self->audit);
    }
  return TRUE;
}

/* The key of a tabulated drug for read_entries() (no drug twice); "other"
 * entries are told apart by their names, in check_antithrombotics(). */
static const char *
drug_key (VertebroAntithrombotic *drug)
{
  return vertebro_antithrombotic_is_other (drug) ? NULL : vertebro_antithrombotic_get_drug (drug);
}

/* What the format says of antithrombotics beyond single fields: an "other"
 * entry has a name (1–80 characters, none twice, compared without case) and
 * no "held"; a tabulated drug has neither "name" nor "hold_agreed"; and
 * history.on_antithrombotics is not "no" while drugs are listed. */
static gboolean
check_antithrombotics (VertebroPatient  *self,
                       GError          **error)
{
  GListModel *drugs = G_LIST_MODEL (self->antithrombotics);
  guint n = g_list_model_get_n_items (drugs);
  const VertebroValue *on = &self->values[field_index ("history.on_antithrombotics")];
  /* Casefolded names of "other" entries, NULL for tabulated drugs. */
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VertebroAntithrombotic) drug = g_list_model_get_item (drugs, i);
      const char *name = vertebro_antithrombotic_get_name (drug);
      g_autofree char *prefix = g_strdup_printf ("antithrombotics[%u]", i);
      g_autofree char *name_path = g_strconcat (prefix, ".name", NULL);
      g_autofree char *stripped = NULL;
      char *folded;

      if (!vertebro_antithrombotic_is_other (drug))
        {
          if (name != NULL || vertebro_antithrombotic_get_hold_agreed (drug) != VERTEBRO_ANSWER_NOT_ASSESSED)
            {
              g_autofree char *path = g_strconcat (prefix, name != NULL ? ".name" : ".hold_agreed", NULL);

              /* Translators: a file error; “other” is a value of the file format, keep it. */
              vertebro_set_field_error (error, path, _("only an “other” antithrombotic has this member"));
              return FALSE;
            }
          /* names[] is indexed like the list, for the message below. */
          g_ptr_array_add (names, NULL);
          continue;
        }

      if (!isnan (vertebro_antithrombotic_get_held (drug)))
        {
          g_autofree char *path = g_strconcat (prefix, ".held", NULL);

          /* Translators: a file error; “other” and “hold_agreed” are names of the file format, keep
           * them. */
          vertebro_set_field_error (error, path, _("the rule set has no hold for an “other” antithrombotic: record “hold_agreed” instead"));
          return FALSE;
        }
      stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
      if (*stripped == '\0')
        {
          /* Translators: a file error about the name of an “other” antithrombotic. */
          vertebro_set_field_error (error, name_path, _("is required: name the medicine"));
          return FALSE;
        }
      if (g_utf8_strlen (name, -1) > VERTEBRO_OTHER_NAME_MAX_CHARS)
        {
          /* Translators: a file error about the name of an “other” antithrombotic; %d is the most
           * characters allowed. */
          vertebro_set_field_error (error, name_path, _("is longer than %d characters"), VERTEBRO_OTHER_NAME_MAX_CHARS);
          return FALSE;
        }
      folded = g_utf8_casefold (stripped, -1);
      for (guint j = 0; j < names->len; j++)
        {
          const char *seen = g_ptr_array_index (names, j);

          if (seen != NULL && g_str_equal (seen, folded))
            {
              g_free (folded);
              vertebro_set_field_error (error, name_path, _("%s is listed twice (also %s[%u])"), stripped, "antithrombotics", j);
              return FALSE;
            }
        }
      g_ptr_array_add (names, folded);
    }

  if (n > 0 && on->set && on->answer == VERTEBRO_ANSWER_NO)
    {
      vertebro_set_field_error (error, "history.on_antithrombotics",
                                /* Translators: a file error about history.on_antithrombotics; %u is how
                                 * many are listed. */
                                ngettext ("answered no, but %u antithrombotic is listed",
                                          "answered no, but %u antithrombotics are listed", n),
                                n);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_root (VertebroPatient  *self,
           JsonNode         *root_node,
           GError          **error)
{
  const VertebroField *fields = patient_fields ();
  JsonObject *root;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, VERTEBRO_PATIENT_ERROR, VERTEBRO_PATIENT_ERROR_NOT_A_PATIENT,
                   _("not a Vertebro patient file: the file must hold one JSON object"));
      return FALSE;
    }
  root = json_node_get_object (root_node);

  if (!read_header (root, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      JsonNode *section = json_object_get_member (root, sections[i]);

      if (section == NULL)
        continue;
      if (!JSON_NODE_HOLDS_OBJECT (section))
        {
          vertebro_set_field_error (error, sections[i], _("must be an object"));
          return FALSE;
        }
      if (!vertebro_record_read (fields, N_FIELDS, sections[i], json_node_get_object (section),
                                 sections[i], self->values, self->section_extras[i], error))
        return FALSE;
    }

  /* Members at the root itself ("notes"). */
  if (!vertebro_record_read (fields, N_FIELDS, NULL, root, NULL, self->values, NULL, error))
    return FALSE;

  if (!read_entries (root, "antithrombotics", "drug", G_MAXUINT,
                     (EntryReader) vertebro_antithrombotic_new_from_json,
                     (EntryKey) drug_key, self->antithrombotics, error) ||
      !read_entries (root, "levels", "level", VERTEBRO_PATIENT_MAX_LEVELS,
                     (EntryReader) vertebro_level_new_from_json,
                     (EntryKey) vertebro_level_get_level, self->levels, error) ||
      !read_checklist (self, root, error) ||
      !check_antithrombotics (self, error) ||
      !check_dates (self, error) ||
      !read_record (self, root, error))
    return FALSE;

  json_object_iter_init_ordered (&iter, root);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (!is_known_root_member (name))
      json_object_set_member (self->extras, name, json_node_copy (node));

  return TRUE;
}

/**
 * vertebro_patient_new_from_data:
 * @data: the text of a patient file
 * @length: its length in bytes
 * @error: where to put what is wrong, as "field.path: problem"
 *
 * Returns: (transfer full) (nullable): the patient, or %NULL if the text is
 *   not a valid patient file, in which case nothing of it is kept
 */
VertebroPatient *
vertebro_patient_new_from_data (const char  *data,
                                gsize        length,
                                GError     **error)
{
  g_autoptr(VertebroPatient) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  root = vertebro_json_parse (data, length, &local_error);
  if (root == NULL)
    {
      g_set_error (error, VERTEBRO_PATIENT_ERROR, VERTEBRO_PATIENT_ERROR_SYNTAX,
                   /* Translators: a file error; %s is what the JSON reader found wrong, with its
                    * line and column. */
                   _("not valid JSON: %s"), local_error->message);
      return NULL;
    }

  self = vertebro_patient_new ();
  if (!read_root (self, root, error))
    return NULL;

  return g_steal_pointer (&self);
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/**
 * vertebro_patient_to_data:
 * @self: a patient
 *
 * Writes the patient as format v1, with every member it did not understand
 * where it was found.
 *
 * Returns: (transfer full): the file's text
 */
char *
vertebro_patient_to_data (VertebroPatient *self)
{
  const VertebroField *fields = patient_fields ();
  g_autoptr(JsonNode) root_node = NULL;
  JsonObject *root = json_object_new ();
  JsonArray *array;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (VERTEBRO_IS_PATIENT (self), NULL);

  root_node = object_node (root);
  json_object_set_string_member (root, "format", VERTEBRO_PATIENT_FORMAT);
  json_object_set_int_member (root, "version", VERTEBRO_PATIENT_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      JsonObject *section = json_object_new ();

      vertebro_record_write (fields, N_FIELDS, sections[i], self->values, section, self->section_extras[i]);
      json_object_set_member (root, sections[i], object_node (section));
    }

  array = json_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->antithrombotics)); i++)
    {
      g_autoptr(VertebroAntithrombotic) drug = g_list_model_get_item (G_LIST_MODEL (self->antithrombotics), i);
      json_array_add_element (array, vertebro_antithrombotic_to_json (drug));
    }
  json_object_set_array_member (root, "antithrombotics", array);

  array = json_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->levels)); i++)
    {
      g_autoptr(VertebroLevel) level = g_list_model_get_item (G_LIST_MODEL (self->levels), i);
      json_array_add_element (array, vertebro_level_to_json (level));
    }
  json_object_set_array_member (root, "levels", array);

  json_object_set_member (root, "checklist", object_node (json_object_ref (self->checklist)));
  if (self->decision != NULL)
    json_object_set_member (root, "decision", object_node (json_object_ref (self->decision)));
  if (self->audit != NULL)
    {
      JsonNode *audit = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (audit, self->audit);
      json_object_set_member (root, "audit", audit);
    }

  vertebro_record_write (fields, N_FIELDS, NULL, self->values, root, NULL);

  json_object_iter_init_ordered (&iter, self->extras);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    json_object_set_member (root, name, json_node_copy (node));

  return vertebro_json_to_string (root_node, TRUE);
}

/**
 * vertebro_patient_check:
 * @self: a patient
 * @error: where to put what is wrong
 *
 * Checks what single fields cannot: that levels and drugs are named and not
 * listed twice, that there are at most eight levels, and that the birth date
 * is not after the assessment date. A patient that passes is written as a
 * file that opens again.
 *
 * Returns: %TRUE when the patient can be saved as it is
 */
gboolean
vertebro_patient_check (VertebroPatient  *self,
                        GError          **error)
{
  g_autofree char *data = NULL;
  g_autoptr(VertebroPatient) copy = NULL;

  g_return_val_if_fail (VERTEBRO_IS_PATIENT (self), FALSE);

  /* The reader is the one definition of a valid file, so the check is a
   * round trip through it. */
  data = vertebro_patient_to_data (self);
  copy = vertebro_patient_new_from_data (data, strlen (data), error);
  return copy != NULL;
}

static int
checked_index (const char *path)
{
  int index = field_index (path);

  if (index < 0)
    g_critical ("“%s” is not a field of the patient format", path);
  return index;
}

static void
set_field (VertebroPatient *self,
           int              index,
           const GValue    *value)
{
  g_object_set_property (G_OBJECT (self), properties[index + 1]->name, value);
}

gboolean
vertebro_patient_is_set (VertebroPatient *self,
                         const char      *path)
{
  int index;

  g_return_val_if_fail (VERTEBRO_IS_PATIENT (self), FALSE);
  index = checked_index (path);
  return index >= 0 && self->values[index].set;
}

void
vertebro_patient_clear_field (VertebroPatient *self,
                              const char      *path)
{
  g_auto(GValue) value = G_VALUE_INIT;
  int index;

  g_return_if_fail (VERTEBRO_IS_PATIENT (self));
  index = checked_index (path);
  if (index < 0)
    return;
  g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (properties[index + 1]));
  if (G_VALUE_HOLDS_DOUBLE (&value))
    g_value_set_double (&value, NAN);
  else if (G_VALUE_HOLDS_ENUM (&value))
    g_value_set_enum (&value, VERTEBRO_ANSWER_NOT_ASSESSED);
  else
    g_value_set_string (&value, NULL);
  set_field (self, index, &value);
}

double
vertebro_patient_get_number (VertebroPatient *self,
                             const char      *path)
{
  int index;

  g_return_val_if_fail (VERTEBRO_IS_PATIENT (self), NAN);
  index = checked_index (path);
  return index >= 0 && self->values[index].set ? self->values[index].number : NAN;
}

void
vertebro_patient_set_number (VertebroPatient *self,
                             const char      *path,
                             double           number)
{
  g_auto(GValue) value = G_VALUE_INIT;
  int index;

  g_return_if_fail (VERTEBRO_IS_PATIENT (self));
  index = checked_index (path);
  if (index < 0)
    return;
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, number);
  set_field (self, index, &value);
}

VertebroAnswer
vertebro_patient_get_answer (VertebroPatient *self,
                             const char      *path)
{
  int index;

  g_return_val_if_fail (VERTEBRO_IS_PATIENT (self), VERTEBRO_ANSWER_NOT_ASSESSED);
  index = checked_index (path);
  return index >= 0 && self->values[index].set ? self->values[index].answer : VERTEBRO_ANSWER_NOT_ASSESSED;
}

void
vertebro_patient_set_answer (VertebroPatient *self,
                             const char      *path,
                             VertebroAnswer   answer)
{
  g_return_if_fail (VERTEBRO_IS_PATIENT (self));
  if (checked_index (path) < 0)
    return;
  g_object_set (self, properties[checked_index (path) + 1]->name, answer, NULL);
}

/* Text, date and choice fields, as written in the file. */
const char *
vertebro_patient_get_text (VertebroPatient *self,
                           const char      *path)
{
  const VertebroField *field;
  int index;

  g_return_val_if_fail (VERTEBRO_IS_PATIENT (self), NULL);
  index = checked_index (path);
  if (index < 0)
    return NULL;
  field = &patient_fields ()[index];
  if (field->kind == VERTEBRO_FIELD_CHOICE)
    return vertebro_value_get_choice (field, &self->values[index]);
  return self->values[index].set ? self->values[index].text : NULL;
}

void
vertebro_patient_set_text (VertebroPatient *self,
                           const char      *path,
                           const char      *text)
{
  g_return_if_fail (VERTEBRO_IS_PATIENT (self));
  if (checked_index (path) < 0)
    return;
  g_object_set (self, properties[checked_index (path) + 1]->name, text, NULL);
}

GListModel *
vertebro_patient_get_levels (VertebroPatient *self)
{
  g_return_val_if_fail (VERTEBRO_IS_PATIENT (self), NULL);
  return G_LIST_MODEL (self->levels);
}

void
vertebro_patient_add_level (VertebroPatient *self,
                            VertebroLevel   *level)
{
  g_return_if_fail (VERTEBRO_IS_PATIENT (self));
  g_return_if_fail (VERTEBRO_IS_LEVEL (level));
  g_return_if_fail (g_list_model_get_n_items (G_LIST_MODEL (self->levels)) < VERTEBRO_PATIENT_MAX_LEVELS);

  g_list_store_append (self->levels, level);
}

void
vertebro_patient_remove_level (VertebroPatient *self,
                               guint            position)
{
  g_return_if_fail (VERTEBRO_IS_PATIENT (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->levels)));

  g_list_store_remove (self->levels, position);
}

GListModel *
vertebro_patient_get_antithrombotics (VertebroPatient *self)
{
  g_return_val_if_fail (VERTEBRO_IS_PATIENT (self), NULL);
  return G_LIST_MODEL (self->antithrombotics);
}

void
vertebro_patient_add_antithrombotic (VertebroPatient        *self,
                                     VertebroAntithrombotic *drug)
{
  g_return_if_fail (VERTEBRO_IS_PATIENT (self));
  g_return_if_fail (VERTEBRO_IS_ANTITHROMBOTIC (drug));

  g_list_store_append (self->antithrombotics, drug);
}

void
vertebro_patient_remove_antithrombotic (VertebroPatient *self,
                                        guint            position)
{
  g_return_if_fail (VERTEBRO_IS_PATIENT (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->antithrombotics)));

  g_list_store_remove (self->antithrombotics, position);
}

gboolean
vertebro_patient_get_checked (VertebroPatient *self,
                              const char      *item_id)
{
  JsonNode *node;

  g_return_val_if_fail (VERTEBRO_IS_PATIENT (self), FALSE);

  node = json_object_get_member (self->checklist, item_id);
  return node != NULL && json_node_get_boolean (node);
}

void
vertebro_patient_set_checked (VertebroPatient *self,
                              const char      *item_id,
                              gboolean         checked)
{
  g_return_if_fail (VERTEBRO_IS_PATIENT (self));
  g_return_if_fail (item_id != NULL);

  if (vertebro_patient_get_checked (self, item_id) == !!checked &&
      json_object_has_member (self->checklist, item_id))
    return;
  json_object_set_boolean_member (self->checklist, item_id, checked);
  emit_changed (self);
}

const VertebroValue *
vertebro_patient_get_values (VertebroPatient *self)
{
  return self->values;
}

/* ---- The record: decision and audit trail ---- */

/**
 * vertebro_patient_get_decision:
 * @self: a patient
 *
 * Returns: (transfer none) (nullable): the recorded decision, as in the file
 */
JsonObject *
vertebro_patient_get_decision (VertebroPatient *self)
{
  g_return_val_if_fail (VERTEBRO_IS_PATIENT (self), NULL);
  return self->decision;
}

/**
 * vertebro_patient_set_decision:
 * @self: a patient
 * @decision: (nullable): a decision vertebro_decision_check() accepts
 *
 * Records the decision; the caller appends a "decision" entry to the trail.
 */
void
vertebro_patient_set_decision (VertebroPatient *self,
                               JsonObject      *decision)
{
  g_return_if_fail (VERTEBRO_IS_PATIENT (self));

  if (decision == self->decision)
    return;
  g_clear_pointer (&self->decision, json_object_unref);
  if (decision != NULL)
    self->decision = json_object_ref (decision);
  emit_changed (self);
}

/**
 * vertebro_patient_get_audit:
 * @self: a patient
 *
 * Returns: (transfer none) (nullable): the audit trail, or %NULL when the
 *   file has none
 */
JsonArray *
vertebro_patient_get_audit (VertebroPatient *self)
{
  g_return_val_if_fail (VERTEBRO_IS_PATIENT (self), NULL);
  return self->audit;
}

/**
 * vertebro_patient_get_audit_intact:
 * @self: a patient
 *
 * Returns: whether the trail's chain verifies (%TRUE when there is none)
 */
gboolean
vertebro_patient_get_audit_intact (VertebroPatient *self)
{
  g_return_val_if_fail (VERTEBRO_IS_PATIENT (self), FALSE);
  return self->audit == NULL || self->audit_intact;
}

/**
 * vertebro_patient_append_audit:
 * @self: a patient
 * @event: "saved" or "decision"
 * @by: who
 * @at: when
 * @assessment: the patient's assessment at that moment
 *
 * Appends an entry, chained to the last one as found. Nothing before it
 * is changed; an altered trail stays altered (and is reported so).
 */
void
vertebro_patient_append_audit (VertebroPatient          *self,
                               const char               *event,
                               const char               *by,
                               GDateTime                *at,
                               const VertebroAssessment *assessment)
{
  JsonObject *entry;

  g_return_if_fail (VERTEBRO_IS_PATIENT (self));

  if (self->audit == NULL)
    {
      self->audit = json_array_new ();
      self->audit_intact = TRUE;
    }
  entry = vertebro_audit_entry_new (self->audit, event, by, at, assessment);
  json_array_add_object_element (self->audit, entry);
  emit_changed (self);
}

/**
 * vertebro_patient_truncate_audit:
 * @self: a patient
 * @n_entries: how many entries to keep
 *
 * Takes back entries appended for a save that then failed: only entries
 * that never reached the file may go.
 */
void
vertebro_patient_truncate_audit (VertebroPatient *self,
                                 guint            n_entries)
{
  g_return_if_fail (VERTEBRO_IS_PATIENT (self));

  while (self->audit != NULL && json_array_get_length (self->audit) > n_entries)
    json_array_remove_element (self->audit, json_array_get_length (self->audit) - 1);
  if (self->audit != NULL && n_entries == 0)
    g_clear_pointer (&self->audit, json_array_unref);
}
