/* vertebro-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Field values: validation against the field table, GValue conversion for
 * properties, and JSON reading and writing. A value that is not valid is
 * refused, never clamped or rounded.
 */

#define G_LOG_DOMAIN "vertebro-record"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "vertebro-enum-types.h"
#include "vertebro-json.h"
#include "vertebro-patient.h"
#include "vertebro-record-private.h"
#include "vertebro-text.h"

void
vertebro_value_init (const VertebroField *field,
                     VertebroValue       *value)
{
  value->set = FALSE;
  value->number = NAN;
  value->text = NULL;
  value->choice = -1;
  value->answer = VERTEBRO_ANSWER_NOT_ASSESSED;

  if (field->kind == VERTEBRO_FIELD_CHOICE && field->fallback != NULL)
    {
      value->choice = vertebro_field_choice_index (field, field->fallback);
      value->set = TRUE;
    }
  else if (field->kind == VERTEBRO_FIELD_TEXT && !field->nullable)
    {
      value->text = g_strdup ("");
      value->set = TRUE;
    }
}

void
vertebro_value_clear (VertebroValue *value)
{
  g_clear_pointer (&value->text, g_free);
  value->set = FALSE;
}

void
vertebro_value_copy (const VertebroValue *src,
                     VertebroValue       *dest)
{
  g_free (dest->text);
  *dest = *src;
  dest->text = g_strdup (src->text);
}

gboolean
vertebro_value_equal (const VertebroField *field,
                      const VertebroValue *a,
                      const VertebroValue *b)
{
  if (a->set != b->set)
    return FALSE;
  if (!a->set)
    return TRUE;

  switch (field->kind)
    {
    case VERTEBRO_FIELD_TEXT:
    case VERTEBRO_FIELD_DATE:
      return g_strcmp0 (a->text, b->text) == 0;
    case VERTEBRO_FIELD_NUMBER:
    case VERTEBRO_FIELD_INTEGER:
      return a->number == b->number;
    case VERTEBRO_FIELD_ANSWER:
      return a->answer == b->answer;
    case VERTEBRO_FIELD_CHOICE:
      return a->choice == b->choice;
    default:
      g_assert_not_reached ();
    }
}

const char *
vertebro_value_get_choice (const VertebroField *field,
                           const VertebroValue *value)
{
  g_return_val_if_fail (field->kind == VERTEBRO_FIELD_CHOICE, NULL);

  if (!value->set || value->choice < 0)
    return NULL;
  return field->choices[value->choice].value;
}

/* Numbers are doubles with NaN for "not assessed" (a new record holds NaN;
 * GObject does not allow NaN as the declared default, so that is 0). GObject's
 * validation would refuse NaN, so the range is checked by the setter instead
 * (it is the format's range, kept in the field table) and nothing is ever
 * clamped. */
GParamSpec *
vertebro_field_param_spec (const VertebroField *field)
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  switch (field->kind)
    {
    case VERTEBRO_FIELD_TEXT:
    case VERTEBRO_FIELD_DATE:
    case VERTEBRO_FIELD_CHOICE:
      return g_param_spec_string (field->property, NULL, NULL, field->fallback, flags);
    case VERTEBRO_FIELD_NUMBER:
    case VERTEBRO_FIELD_INTEGER:
      return g_param_spec_double (field->property, NULL, NULL,
                                  -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                  flags | G_PARAM_LAX_VALIDATION);
    case VERTEBRO_FIELD_ANSWER:
      return g_param_spec_enum (field->property, NULL, NULL,
                                VERTEBRO_TYPE_ANSWER, VERTEBRO_ANSWER_NOT_ASSESSED, flags);
    default:
      g_assert_not_reached ();
    }
}

void
vertebro_value_to_gvalue (const VertebroField *field,
                          const VertebroValue *value,
                          GValue              *gvalue)
{
  switch (field->kind)
    {
    case VERTEBRO_FIELD_TEXT:
    case VERTEBRO_FIELD_DATE:
      g_value_set_string (gvalue, value->set ? value->text : NULL);
      break;
    case VERTEBRO_FIELD_CHOICE:
      g_value_set_string (gvalue, vertebro_value_get_choice (field, value));
      break;
    case VERTEBRO_FIELD_NUMBER:
    case VERTEBRO_FIELD_INTEGER:
      g_value_set_double (gvalue, value->set ? value->number : NAN);
      break;
    case VERTEBRO_FIELD_ANSWER:
      g_value_set_enum (gvalue, value->set ? value->answer : VERTEBRO_ANSWER_NOT_ASSESSED);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Checks a number against the field; returns a translated problem or NULL. */
static char *
number_problem (const VertebroField *field,
                double               number)
{
  if (!isfinite (number))
    return g_strdup (_("is not a finite number"));
  if (field->kind == VERTEBRO_FIELD_INTEGER && number != floor (number))
    {
      g_autofree char *given = vertebro_format_number (number, VERTEBRO_TEXT_LOCALIZED);

      /* Translators: %s is the number that was given. */
      return g_strdup_printf (_("%s is not a whole number"), given);
    }
  if (number < field->min || number > field->max)
    {
      g_autofree char *given = vertebro_format_number (number, VERTEBRO_TEXT_LOCALIZED);
      g_autofree char *lowest = vertebro_format_number (field->min, VERTEBRO_TEXT_LOCALIZED);
      g_autofree char *highest = vertebro_format_number (field->max, VERTEBRO_TEXT_LOCALIZED);

      /* Translators: the value given, then the lowest and highest allowed. */
      return g_strdup_printf (_("%s is outside the allowed range %s–%s"), given, lowest, highest);
    }
  return NULL;
}

/* Sets @value from @gvalue; a value the format does not allow is a
 * programming error: it is reported and @value is left as it was. */
gboolean
vertebro_value_from_gvalue (const VertebroField *field,
                            const GValue        *gvalue,
                            VertebroValue       *value)
{
  VertebroValue next;
  gboolean changed;

  vertebro_value_init (field, &next);

  switch (field->kind)
    {
    case VERTEBRO_FIELD_TEXT:
      if (g_value_get_string (gvalue) != NULL)
        {
          g_free (next.text);
          next.text = g_value_dup_string (gvalue);
          next.set = TRUE;
        }
      break;
    case VERTEBRO_FIELD_DATE:
      {
        const char *text = g_value_get_string (gvalue);
        GDate date;

        if (text != NULL)
          {
            if (!vertebro_date_parse (text, &date) || !vertebro_date_readable (&date))
              {
                g_critical ("%s: “%s” is not a date in the form YYYY-MM-DD", field->path, text);
                return FALSE;
              }
            next.text = g_strdup (text);
            next.set = TRUE;
          }
      }
      break;
    case VERTEBRO_FIELD_CHOICE:
      {
        const char *text = g_value_get_string (gvalue);

        if (text != NULL)
          {
            int index = vertebro_field_choice_index (field, text);

            if (index < 0)
              {
                g_critical ("%s: “%s” is not an allowed value", field->path, text);
                return FALSE;
              }
            next.choice = index;
            next.set = TRUE;
          }
      }
      break;
    case VERTEBRO_FIELD_NUMBER:
    case VERTEBRO_FIELD_INTEGER:
      {
        double number = g_value_get_double (gvalue);

        if (!isnan (number))
          {
            g_autofree char *problem = number_problem (field, number);

            if (problem != NULL)
              {
                g_critical ("%s: %s", field->path, problem);
                return FALSE;
              }
            next.number = number;
            next.set = TRUE;
          }
      }
      break;
    case VERTEBRO_FIELD_ANSWER:
      next.answer = g_value_get_enum (gvalue);
      next.set = next.answer != VERTEBRO_ANSWER_NOT_ASSESSED;
      break;
    default:
      g_assert_not_reached ();
    }

  changed = !vertebro_value_equal (field, value, &next);
  if (changed)
    {
      vertebro_value_clear (value);
      *value = next;
    }
  else
    vertebro_value_clear (&next);

  return changed;
}

void
vertebro_set_field_error (GError     **error,
                          const char  *path,
                          const char  *format,
                          ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, VERTEBRO_PATIENT_ERROR, VERTEBRO_PATIENT_ERROR_INVALID,
               "%s: %s", path, problem);
}

static const char *
node_kind (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY: return _("an array");
    case JSON_NODE_NULL: return _("null");
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN: return _("true or false");
        case G_TYPE_STRING: return _("a string");
        default: return _("a number");
        }
    default:
      return "?";
    }
}

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  if (type == G_TYPE_DOUBLE)
    return json_node_get_value_type (node) == G_TYPE_DOUBLE ||
           json_node_get_value_type (node) == G_TYPE_INT64;
  return json_node_get_value_type (node) == type;
}

gboolean
vertebro_value_from_json (const VertebroField *field,
                          JsonNode            *node,
                          const char          *path,
                          VertebroValue       *value,
                          GError             **error)
{
  vertebro_value_clear (value);
  vertebro_value_init (field, value);

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!field->nullable)
        {
          vertebro_set_field_error (error, path, _("must not be null"));
          return FALSE;
        }
      vertebro_value_clear (value);
      vertebro_value_init (field, value);
      return TRUE;
    }

  switch (field->kind)
    {
    case VERTEBRO_FIELD_TEXT:
      if (!node_is (node, G_TYPE_STRING))
        {
          /* Translators: a file error about a field; %s is what was found instead, such as “a
           * number” or “an array”. */
          vertebro_set_field_error (error, path, _("must be a string, not %s"), node_kind (node));
          return FALSE;
        }
      g_free (value->text);
      value->text = g_strdup (json_node_get_string (node));
      value->set = TRUE;
      return TRUE;

    case VERTEBRO_FIELD_DATE:
      {
        GDate date;

        if (!node_is (node, G_TYPE_STRING))
          {
            /* Translators: a file error about a field; keep YYYY-MM-DD; %s is what was found
             * instead, such as “a number”. */
            vertebro_set_field_error (error, path, _("must be a date written as a string \"YYYY-MM-DD\", not %s"), node_kind (node));
            return FALSE;
          }
        if (!vertebro_date_parse (json_node_get_string (node), &date))
          {
            g_autofree char *quoted = vertebro_json_quote (json_node_get_string (node));

            /* Translators: a file error about a field; %s is the text found; keep YYYY-MM-DD. */
            vertebro_set_field_error (error, path, _("“%s” is not a valid date of the form YYYY-MM-DD"),
                                      quoted);
            return FALSE;
          }
        if (!vertebro_date_readable (&date))
          {
            /* Translators: a file error about a field; %d and %d are the first and last years a
             * date may have, 2 and 9998. */
            vertebro_set_field_error (error, path, _("dates must be in the years %d to %d"),
                                      VERTEBRO_DATE_FIRST_READ_YEAR, VERTEBRO_DATE_LAST_READ_YEAR);
            return FALSE;
          }
        value->text = g_strdup (json_node_get_string (node));
        value->set = TRUE;
        return TRUE;
      }

    case VERTEBRO_FIELD_NUMBER:
    case VERTEBRO_FIELD_INTEGER:
      {
        g_autofree char *problem = NULL;
        double number;

        if (!node_is (node, G_TYPE_DOUBLE))
          {
            /* Translators: a file error about a field; %s is what was found instead, such as “a
             * string”. */
            vertebro_set_field_error (error, path, _("must be a number, not %s"), node_kind (node));
            return FALSE;
          }
        number = json_node_get_double (node);
        problem = number_problem (field, number);
        if (problem != NULL)
          {
            vertebro_set_field_error (error, path, "%s", problem);
            return FALSE;
          }
        value->number = number;
        value->set = TRUE;
        return TRUE;
      }

    case VERTEBRO_FIELD_ANSWER:
      if (!node_is (node, G_TYPE_BOOLEAN))
        {
          /* Translators: a file error about a field; keep true, false and null, words of the file
           * format; %s is what was found instead, such as “a string”. */
          vertebro_set_field_error (error, path, _("must be true, false or null, not %s"), node_kind (node));
          return FALSE;
        }
      value->answer = json_node_get_boolean (node) ? VERTEBRO_ANSWER_YES : VERTEBRO_ANSWER_NO;
      value->set = TRUE;
      return TRUE;

    case VERTEBRO_FIELD_CHOICE:
      {
        g_autoptr(GString) allowed = g_string_new (NULL);
        int index;

        if (node_is (node, G_TYPE_STRING))
          {
            index = vertebro_field_choice_index (field, json_node_get_string (node));
            if (index >= 0)
              {
                value->choice = index;
                value->set = TRUE;
                return TRUE;
              }
          }
        for (guint i = 0; field->choices[i].value != NULL; i++)
          g_string_append_printf (allowed, "%s\"%s\"", i > 0 ? ", " : "", field->choices[i].value);
        if (node_is (node, G_TYPE_STRING))
          {
            g_autofree char *quoted = vertebro_json_quote (json_node_get_string (node));

            /* Translators: the value given, then the list of allowed values. */
            vertebro_set_field_error (error, path, _("“%s” is not one of the allowed values (%s)"),
                                      quoted, allowed->str);
          }
        else
          /* Translators: a file error about a field; the list of allowed values, then what was
           * found instead, such as “a number”. */
          vertebro_set_field_error (error, path, _("must be one of %s, not %s"),
                                    allowed->str, node_kind (node));
        return FALSE;
      }

    default:
      g_assert_not_reached ();
    }
}

JsonNode *
vertebro_value_to_json (const VertebroField *field,
                        const VertebroValue *value)
{
  JsonNode *node;

  if (!value->set)
    return json_node_new (JSON_NODE_NULL);

  node = json_node_new (JSON_NODE_VALUE);
  switch (field->kind)
    {
    case VERTEBRO_FIELD_TEXT:
    case VERTEBRO_FIELD_DATE:
      json_node_set_string (node, value->text);
      break;
    case VERTEBRO_FIELD_CHOICE:
      json_node_set_string (node, vertebro_value_get_choice (field, value));
      break;
    case VERTEBRO_FIELD_NUMBER:
    case VERTEBRO_FIELD_INTEGER:
      if (value->number == floor (value->number) && fabs (value->number) < 1e15)
        json_node_set_int (node, (gint64) value->number);
      else
        json_node_set_double (node, value->number);
      break;
    case VERTEBRO_FIELD_ANSWER:
      json_node_set_boolean (node, value->answer == VERTEBRO_ANSWER_YES);
      break;
    default:
      g_assert_not_reached ();
    }
  return node;
}

static char *
member_path (const char *prefix,
             const char *member)
{
  return prefix != NULL ? g_strconcat (prefix, ".", member, NULL) : g_strdup (member);
}

gboolean
vertebro_record_read (const VertebroField *fields,
                      guint                n_fields,
                      const char          *section,
                      JsonObject          *object,
                      const char          *prefix,
                      VertebroValue       *values,
                      JsonObject          *extras,
                      GError             **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *path = NULL;

      if (g_strcmp0 (fields[i].section, section) != 0)
        continue;
      path = member_path (prefix, fields[i].member);
      node = json_object_get_member (object, fields[i].member);
      if (node == NULL)
        {
          if (fields[i].required)
            {
              vertebro_set_field_error (error, path, _("is required"));
              return FALSE;
            }
          continue;
        }
      if (!vertebro_value_from_json (&fields[i], node, path, &values[i], error))
        return FALSE;
    }

  if (extras == NULL)
    return TRUE;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      gboolean known = FALSE;

      for (guint i = 0; i < n_fields && !known; i++)
        known = g_strcmp0 (fields[i].section, section) == 0 && g_str_equal (fields[i].member, name);
      if (!known)
        json_object_set_member (extras, name, json_node_copy (node));
    }

  return TRUE;
}

void
vertebro_record_write (const VertebroField *fields,
                       guint                n_fields,
                       const char          *section,
                       const VertebroValue *values,
                       JsonObject          *into,
                       JsonObject          *extras)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  for (guint i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].section, section) != 0)
        continue;
      /* A member that may not be null is left out while it has no value
       * (an absent assessment date means "today"). */
      if (!values[i].set && !fields[i].nullable)
        continue;
      json_object_set_member (into, fields[i].member, vertebro_value_to_json (&fields[i], &values[i]));
    }

  if (extras == NULL)
    return;

  json_object_iter_init_ordered (&iter, extras);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    json_object_set_member (into, name, json_node_copy (node));
}
