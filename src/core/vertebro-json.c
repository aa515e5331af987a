/* vertebro-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 8259 JSON, strictly: UTF-8 only (no byte-order mark), no comments, no
 * trailing commas, no NaN or Infinity, finite numbers only, no duplicate keys,
 * at most VERTEBRO_JSON_MAX_DEPTH levels of nesting. Errors give the line and
 * column.
 */

#define G_LOG_DOMAIN "vertebro-json"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-json.h"

G_DEFINE_QUARK (vertebro-json-error-quark, vertebro_json_error)

typedef struct {
  const char *start;
  const char *p;
  const char *end;
  GError    **error;
  GString    *path;   /* where the reader is: "labs.inr", "levels[1]" */
} Reader;

static void
reader_position (Reader *r,
                 int    *line,
                 int    *column)
{
  *line = 1;
  *column = 1;
  for (const char *c = r->start; c < r->p && c < r->end; c++)
    {
      if (*c == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) *c & 0xC0) != 0x80)
        (*column)++;
    }
}

G_GNUC_PRINTF (3, 4)
static gboolean
reader_fail (Reader            *r,
             VertebroJsonError  code,
             const char        *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;
  int line, column;

  if (r->error == NULL || *r->error != NULL)
    return FALSE;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  reader_position (r, &line, &column);
  if (r->path->len > 0)
    g_set_error (r->error, VERTEBRO_JSON_ERROR, code,
                 /* Translators: a field path such as "labs.inr", then a line and a
                  * column number in a file, then what is wrong there. */
                 _("%s (line %d, column %d): %s"), r->path->str, line, column, what);
  else
    g_set_error (r->error, VERTEBRO_JSON_ERROR, code,
                 /* Translators: a line and a column number in a file, then what is
                  * wrong there. */
                 _("line %d, column %d: %s"), line, column, what);
  return FALSE;
}

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
    r->p++;
}

static JsonNode *parse_value (Reader *r, guint depth);

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Reader   *r,
           gunichar *out)
{
  gunichar v = 0;

  if (r->end - r->p < 4)
    return reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("incomplete \\u escape"));
  for (int i = 0; i < 4; i++)
    {
      int d = hex_digit (r->p[i]);
      if (d < 0)
        return reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("invalid \\u escape"));
      v = (v << 4) | (gunichar) d;
    }
  r->p += 4;
  *out = v;
  return TRUE;
}

/* Reads a string; r->p is on the opening quote. */
static char *
parse_string (Reader *r)
{
  g_autoptr(GString) s = g_string_new (NULL);

  r->p++;
  while (r->p < r->end)
    {
      guchar c = (guchar) *r->p;

      if (c == '"')
        {
          r->p++;
          return g_string_free (g_steal_pointer (&s), FALSE);
        }
      else if (c < 0x20)
        {
          reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("control character in a string"));
          return NULL;
        }
      else if (c == '\\')
        {
          gunichar u;

          r->p++;
          if (r->p >= r->end)
            break;
          switch (*r->p)
            {
            case '"': g_string_append_c (s, '"'); r->p++; break;
            case '\\': g_string_append_c (s, '\\'); r->p++; break;
            case '/': g_string_append_c (s, '/'); r->p++; break;
            case 'b': g_string_append_c (s, '\b'); r->p++; break;
            case 'f': g_string_append_c (s, '\f'); r->p++; break;
            case 'n': g_string_append_c (s, '\n'); r->p++; break;
            case 'r': g_string_append_c (s, '\r'); r->p++; break;
            case 't': g_string_append_c (s, '\t'); r->p++; break;
            case 'u':
              r->p++;
              if (!read_hex4 (r, &u))
                return NULL;
              if (u >= 0xD800 && u <= 0xDBFF)
                {
                  gunichar low;

                  if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
                    {
                      reader_fail (r, VERTEBRO_JSON_ERROR_ENCODING, _("unpaired surrogate in a \\u escape"));
                      return NULL;
                    }
                  r->p += 2;
                  if (!read_hex4 (r, &low))
                    return NULL;
                  if (low < 0xDC00 || low > 0xDFFF)
                    {
                      reader_fail (r, VERTEBRO_JSON_ERROR_ENCODING, _("unpaired surrogate in a \\u escape"));
                      return NULL;
                    }
                  u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                }
              else if (u >= 0xDC00 && u <= 0xDFFF)
                {
                  reader_fail (r, VERTEBRO_JSON_ERROR_ENCODING, _("unpaired surrogate in a \\u escape"));
                  return NULL;
                }
              if (u == 0)
                {
                  reader_fail (r, VERTEBRO_JSON_ERROR_ENCODING, _("a string contains a NUL character"));
                  return NULL;
                }
              g_string_append_unichar (s, u);
              break;
            default:
              reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("invalid escape in a string"));
              return NULL;
            }
        }
      else
        {
          g_string_append_c (s, (char) c);
          r->p++;
        }
    }

  reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("unterminated string"));
  return NULL;
}

static JsonNode *
parse_number (Reader *r)
{
  const char *begin = r->p;
  gboolean is_integer = TRUE;
  g_autofree char *text = NULL;
  JsonNode *node;

  if (r->p < r->end && *r->p == '-')
    r->p++;
  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    {
      reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("invalid number"));
      return NULL;
    }
  if (*r->p == '0')
    {
      r->p++;
      if (r->p < r->end && g_ascii_isdigit (*r->p))
        {
          reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("a number has a leading zero"));
          return NULL;
        }
    }
  else
    while (r->p < r->end && g_ascii_isdigit (*r->p))
      r->p++;

  if (r->p < r->end && *r->p == '.')
    {
      is_integer = FALSE;
      r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        {
          reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("invalid number"));
          return NULL;
        }
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      is_integer = FALSE;
      r->p++;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        {
          reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("invalid number"));
          return NULL;
        }
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }

  text = g_strndup (begin, r->p - begin);
  node = json_node_new (JSON_NODE_VALUE);

  if (is_integer && r->p - begin <= 15)
    json_node_set_int (node, g_ascii_strtoll (text, NULL, 10));
  else
    {
      double d = g_ascii_strtod (text, NULL);

      if (!isfinite (d))
        {
          json_node_unref (node);
          r->p = begin;
          /* Translators: a file error; %s is the number as written in the file. */
          reader_fail (r, VERTEBRO_JSON_ERROR_NUMBER, _("the number %s is too large"), text);
          return NULL;
        }
      json_node_set_double (node, d);
    }

  return node;
}

static gboolean
expect_literal (Reader     *r,
                const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return FALSE;
  r->p += len;
  return TRUE;
}

static JsonNode *
parse_object (Reader *r,
              guint   depth)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      goto done;
    }

  for (;;)
    {
      g_autofree char *key = NULL;
      const char *key_start;
      JsonNode *value;
      gsize path_len;

      skip_space (r);
      if (r->p >= r->end || *r->p != '"')
        {
          reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("expected a member name in quotes"));
          return NULL;
        }
      key_start = r->p;
      key = parse_string (r);
      if (key == NULL)
        return NULL;
      path_len = r->path->len;
      if (path_len > 0)
        g_string_append_c (r->path, '.');
      vertebro_json_append_quoted (r->path, key);
      if (json_object_has_member (object, key))
        {
          g_autofree char *quoted = vertebro_json_quote (key);

          r->p = key_start;
          reader_fail (r, VERTEBRO_JSON_ERROR_DUPLICATE_KEY,
                       /* Translators: a file error; %s is the name of a JSON member. */
                       _("the member “%s” appears twice"), quoted);
          return NULL;
        }
      skip_space (r);
      if (r->p >= r->end || *r->p != ':')
        {
          reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("expected “:” after a member name"));
          return NULL;
        }
      r->p++;
      value = parse_value (r, depth + 1);
      if (value == NULL)
        return NULL;
      g_string_truncate (r->path, path_len);
      json_object_set_member (object, key, value);
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == '}')
        {
          r->p++;
          break;
        }
      reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("expected “,” or “}”"));
      return NULL;
    }

done:
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

static JsonNode *
parse_array (Reader *r,
             guint   depth)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      goto done;
    }

  for (guint i = 0;; i++)
    {
      gsize path_len = r->path->len;
      JsonNode *value;

      g_string_append_printf (r->path, "[%u]", i);
      value = parse_value (r, depth + 1);
      if (value == NULL)
        return NULL;
      g_string_truncate (r->path, path_len);
      json_array_add_element (array, value);
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == ']')
        {
          r->p++;
          break;
        }
      reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("expected “,” or “]”"));
      return NULL;
    }

done:
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

static JsonNode *
parse_value (Reader *r,
             guint   depth)
{
  const char *start;

  skip_space (r);
  start = r->p;

  if (depth > VERTEBRO_JSON_MAX_DEPTH)
    {
      reader_fail (r, VERTEBRO_JSON_ERROR_TOO_DEEP,
                   /* Translators: a file error; %d is how deep objects and arrays may be nested in
                    * the file. */
                   _("nested more than %d levels deep"), VERTEBRO_JSON_MAX_DEPTH);
      return NULL;
    }

  if (r->p >= r->end)
    {
      reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("unexpected end of the file"));
      return NULL;
    }

  switch (*r->p)
    {
    case '{':
      return parse_object (r, depth);
    case '[':
      return parse_array (r, depth);
    case '"':
      {
        g_autofree char *s = parse_string (r);
        JsonNode *node;

        if (s == NULL)
          return NULL;
        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_string (node, s);
        return node;
      }
    case 't':
      if (expect_literal (r, "true"))
        {
          JsonNode *node = json_node_new (JSON_NODE_VALUE);
          json_node_set_boolean (node, TRUE);
          return node;
        }
      break;
    case 'f':
      if (expect_literal (r, "false"))
        {
          JsonNode *node = json_node_new (JSON_NODE_VALUE);
          json_node_set_boolean (node, FALSE);
          return node;
        }
      break;
    case 'n':
      if (expect_literal (r, "null"))
        return json_node_new (JSON_NODE_NULL);
      break;
    case '-':
      /* Said as plainly as NaN and Infinity, below. */
      if (r->end - r->p >= 9 && memcmp (r->p, "-Infinity", 9) == 0)
        break;
      return parse_number (r);
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number (r);
    default:
      break;
    }

  if (expect_literal (r, "NaN") || expect_literal (r, "Infinity") || expect_literal (r, "-Infinity"))
    {
      /* The position given is where the word starts. */
      r->p = start;
      reader_fail (r, VERTEBRO_JSON_ERROR_NUMBER, _("NaN and Infinity are not numbers in JSON"));
    }
  else
    reader_fail (r, VERTEBRO_JSON_ERROR_SYNTAX, _("not a JSON value"));
  return NULL;
}

/* At most this many characters of a member name or a value read from a
 * file are quoted in a message, so that a message about a huge string is
 * still one short line. */
#define QUOTE_MAX_CHARS 40

/**
 * vertebro_json_append_quoted:
 * @out: a message being built
 * @text: a member name or a string value from a file (valid UTF-8)
 *
 * Appends @text as a message may quote it: control characters escaped as
 * JSON writes them, so that it stays on one line and cannot drive a
 * terminal, and cut after %QUOTE_MAX_CHARS characters with “…”.
 */
void
vertebro_json_append_quoted (GString    *out,
                             const char *text)
{
  const char *p = text;

  for (guint n = 0; *p != '\0'; n++, p = g_utf8_next_char (p))
    {
      guchar c = (guchar) *p;

      if (n == QUOTE_MAX_CHARS)
        {
          g_string_append (out, "…");
          return;
        }
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7F)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

/* vertebro_json_append_quoted() as a new string. */
char *
vertebro_json_quote (const char *text)
{
  GString *out = g_string_new (NULL);

  vertebro_json_append_quoted (out, text);
  return g_string_free (out, FALSE);
}

/**
 * vertebro_json_parse:
 * @data: the bytes of the document
 * @length: their number
 * @error: where to put what is wrong
 *
 * Parses one strict JSON document.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set
 */
JsonNode *
vertebro_json_parse (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  Reader r = { data, data, data + length, error, path };
  const char *bad_utf8;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      g_set_error_literal (error, VERTEBRO_JSON_ERROR, VERTEBRO_JSON_ERROR_ENCODING,
                           _("the file starts with a byte-order mark, which JSON does not allow"));
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, &bad_utf8))
    {
      r.p = bad_utf8;
      reader_fail (&r, VERTEBRO_JSON_ERROR_ENCODING, _("the text is not valid UTF-8"));
      return NULL;
    }

  root = parse_value (&r, 1);
  if (root == NULL)
    return NULL;

  skip_space (&r);
  if (r.p != r.end)
    {
      json_node_unref (root);
      reader_fail (&r, VERTEBRO_JSON_ERROR_SYNTAX, _("unexpected text after the JSON document"));
      return NULL;
    }

  return root;
}

/* Appends the shortest decimal that reads back as @value, in the C locale. */
void
vertebro_json_append_number (GString *out,
                             double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (isfinite (value));

  if (value == 0)
    value = 0; /* no "-0" */

  if (fabs (value) < 1e15 && value == (double) (gint64) value)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}

static void
append_string (GString    *out,
               const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_indent (GString  *out,
               gboolean  pretty,
               guint     depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
append_node (GString  *out,
             JsonNode *node,
             gboolean  pretty,
             guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          vertebro_json_append_number (out, json_node_get_double (node));
          break;
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          break;
        default:
          g_assert_not_reached ();
        }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_indent (out, pretty, depth + 1);
            append_node (out, json_array_get_element (array, i), pretty, depth + 1);
          }
        if (n > 0)
          append_indent (out, pretty, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_indent (out, pretty, depth + 1);
            append_string (out, name);
            g_string_append (out, pretty ? ": " : ":");
            append_node (out, member, pretty, depth + 1);
          }
        if (!first)
          append_indent (out, pretty, depth);
        g_string_append_c (out, '}');
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * vertebro_json_to_string:
 * @node: a tree
 * @pretty: whether to indent by two spaces
 *
 * Writes @node as JSON, members in insertion order, numbers in their shortest
 * exact form and independent of the locale, ending with a newline.
 *
 * Returns: (transfer full): the text
 */
char *
vertebro_json_to_string (JsonNode *node,
                         gboolean  pretty)
{
  GString *out = g_string_new (NULL);

  append_node (out, node, pretty, 0);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}
