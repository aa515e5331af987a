/* vertebro-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vertebro-text"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-json.h"
#include "vertebro-text.h"

typedef enum {
  ARG_NUMBER,
  ARG_AMOUNT,
  ARG_LABEL,
  ARG_DATE,
  ARG_UNKNOWN,
  ARG_VERBATIM,
  ARG_UNCHOSEN_LEVEL,
} ArgKind;

typedef struct {
  char             *key;
  ArgKind           kind;
  double            number;
  char             *text;    /* LABEL: English; NUMBER: unit; VERBATIM: as typed */
  VertebroHoldUnit  unit;
  GDate             date;
} Arg;

struct _VertebroText
{
  char   *template;
  GArray *args;      /* of Arg, or NULL while there are none */
};

static void
arg_clear (Arg *arg)
{
  g_free (arg->key);
  g_free (arg->text);
}

VertebroText *
vertebro_text_new (const char *template)
{
  VertebroText *self = g_new0 (VertebroText, 1);

  /* The arguments are made on the first one: most texts of an assessment
   * have none, and the evaluator makes dozens of texts per assessment. */
  self->template = g_strdup (template);
  return self;
}

void
vertebro_text_free (VertebroText *self)
{
  if (self == NULL)
    return;
  g_free (self->template);
  g_clear_pointer (&self->args, g_array_unref);
  g_free (self);
}

static Arg *
add_arg (VertebroText *self,
         const char   *key,
         ArgKind       kind)
{
  Arg arg = { g_strdup (key), kind, 0, NULL, 0, { 0 } };

  if (self->args == NULL)
    {
      self->args = g_array_new (FALSE, TRUE, sizeof (Arg));
      g_array_set_clear_func (self->args, (GDestroyNotify) arg_clear);
    }
  g_array_append_val (self->args, arg);
  return &g_array_index (self->args, Arg, self->args->len - 1);
}

void
vertebro_text_add_number (VertebroText *self,
                          const char   *key,
                          double        value,
                          const char   *unit)
{
  Arg *arg = add_arg (self, key, ARG_NUMBER);

  arg->number = value;
  arg->text = g_strdup (unit);
}

void
vertebro_text_add_amount (VertebroText     *self,
                          const char       *key,
                          double            value,
                          VertebroHoldUnit  unit)
{
  Arg *arg = add_arg (self, key, ARG_AMOUNT);

  arg->number = value;
  arg->unit = unit;
}

void
vertebro_text_add_label (VertebroText *self,
                         const char   *key,
                         const char   *label)
{
  add_arg (self, key, ARG_LABEL)->text = g_strdup (label);
}

void
vertebro_text_add_date (VertebroText *self,
                        const char   *key,
                        const GDate  *date)
{
  add_arg (self, key, ARG_DATE)->date = *date;
}

void
vertebro_text_add_verbatim (VertebroText *self,
                            const char   *key,
                            const char   *text)
{
  add_arg (self, key, ARG_VERBATIM)->text = g_strdup (text);
}

void
vertebro_text_add_unchosen_level (VertebroText *self,
                                  const char   *key,
                                  guint         index)
{
  add_arg (self, key, ARG_UNCHOSEN_LEVEL)->number = index;
}

/* "Level 2" for the second entry of levels[] while its vertebra is not chosen. */
char *
vertebro_format_unchosen_level (guint             index,
                                VertebroTextStyle style)
{
  /* Translators: a fracture level whose vertebra is not chosen yet; %u counts from 1. */
  return g_strdup_printf (style == VERTEBRO_TEXT_LOCALIZED ? _("Level %u") : "Level %u", index + 1);
}

void
vertebro_text_add_unknown (VertebroText *self,
                           const char   *key)
{
  add_arg (self, key, ARG_UNKNOWN);
}

/* Inserts "," every three digits of the integer part of @digits. */
static char *
group_thousands (const char *digits)
{
  const char *start = digits[0] == '-' ? digits + 1 : digits;
  const char *dot = strchr (start, '.');
  gsize int_len = dot != NULL ? (gsize) (dot - start) : strlen (start);
  GString *out = g_string_new (NULL);

  if (start != digits)
    g_string_append_c (out, '-');
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, start[i]);
    }
  g_string_append (out, start + int_len);
  return g_string_free (out, FALSE);
}

/**
 * vertebro_format_number:
 * @value: a finite number
 * @style: portable or for the reader
 *
 * Formats @value with exactly the digits it has (never rounded). Portable
 * numbers use "." and group thousands of 10,000 and more with ","; localized
 * ones follow LC_NUMERIC.
 *
 * Returns: (transfer full): the text
 */
char *
vertebro_format_number (double            value,
                        VertebroTextStyle style)
{
  g_autoptr(GString) exact = g_string_new (NULL);
  const char *dot;
  int decimals = 0;

  vertebro_json_append_number (exact, value);
  if (strchr (exact->str, 'e') != NULL)
    return g_strdup (exact->str);

  dot = strchr (exact->str, '.');
  if (dot != NULL)
    decimals = (int) strlen (dot + 1);

  if (style == VERTEBRO_TEXT_PORTABLE)
    return fabs (value) >= 10000 ? group_thousands (exact->str) : g_strdup (exact->str);

  return g_strdup_printf (fabs (value) >= 10000 ? "%'.*f" : "%.*f", decimals, value);
}

/**
 * vertebro_format_date:
 * @date: a valid date
 * @style: portable (ISO 8601) or for the reader
 *
 * Returns: (transfer full): the text
 */
char *
vertebro_format_date (const GDate       *date,
                      VertebroTextStyle  style)
{
  g_autoptr(GDateTime) dt = NULL;

  if (style == VERTEBRO_TEXT_PORTABLE)
    return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));

  dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 12, 0, 0);
  /* Translators: how a date is written in a sentence, as in "stop on or
   * before 23 Nov 2026"; see the GDateTime format documentation. */
  return g_date_time_format (dt, C_("date format", "%-d %b %Y"));
}

/* The count ngettext() chooses a plural form by: the number itself when it
 * is whole (French writes "0 jour" where English writes "0 days"), else 2. */
static gulong
plural_count (double number)
{
  return number >= 0 && number <= G_MAXUINT && number == floor (number) ? (gulong) number : 2;
}

static char *
render_arg (const Arg         *arg,
            VertebroTextStyle  style)
{
  g_autofree char *number = NULL;
  gboolean localized = style == VERTEBRO_TEXT_LOCALIZED;

  switch (arg->kind)
    {
    case ARG_NUMBER:
      number = vertebro_format_number (arg->number, style);
      if (arg->text == NULL || *arg->text == '\0')
        return g_steal_pointer (&number);
      if (arg->text[0] == '/')
        return g_strconcat (number, arg->text, NULL);
      return g_strconcat (number, " ", localized ? _(arg->text) : arg->text, NULL);

    case ARG_AMOUNT:
      number = vertebro_format_number (arg->number, style);
      if (arg->unit == VERTEBRO_HOLD_UNIT_DAYS)
        /* Translators: how long a medicine is withheld, as in “withheld for 5 days”; %s is the
         * number. */
        return g_strdup_printf (localized ? ngettext ("%s day", "%s days", plural_count (arg->number))
                                          : (arg->number == 1 ? "%s day" : "%s days"),
                                number);
      /* Translators: how many doses of a medicine are skipped, as in “withheld for 2 doses”; %s is
       * the number. */
      return g_strdup_printf (localized ? ngettext ("%s dose", "%s doses", plural_count (arg->number))
                                        : (arg->number == 1 ? "%s dose" : "%s doses"),
                              number);

    case ARG_LABEL:
      /* gettext ("") would return the catalogue's header. */
      return g_strdup (localized && arg->text[0] != '\0' ? _(arg->text) : arg->text);

    case ARG_DATE:
      return vertebro_format_date (&arg->date, style);

    case ARG_VERBATIM:
      return g_strdup (arg->text);

    case ARG_UNCHOSEN_LEVEL:
      return vertebro_format_unchosen_level ((guint) arg->number, style);

    case ARG_UNKNOWN:
      /* Texts guard their placeholders with conditions; this only shows if a
       * rule set forgot to. */
      return g_strdup (localized ? _("(not assessed)") : "(not assessed)");

    default:
      g_assert_not_reached ();
    }
}

/**
 * vertebro_text_render:
 * @self: a text
 * @style: portable or for the reader
 *
 * Returns: (transfer full): the text with every placeholder replaced
 */
char *
vertebro_text_render (const VertebroText *self,
                      VertebroTextStyle   style)
{
  const char *template = style == VERTEBRO_TEXT_LOCALIZED ? _(self->template) : self->template;
  GString *out = g_string_new (NULL);
  const char *p = template;

  while (*p)
    {
      const char *open = strchr (p, '{');
      const char *close;
      gboolean found = FALSE;

      if (open == NULL || (close = strchr (open, '}')) == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      for (guint i = 0; self->args != NULL && i < self->args->len; i++)
        {
          const Arg *arg = &g_array_index (self->args, Arg, i);

          if (strlen (arg->key) == (gsize) (close - open - 1) && strncmp (arg->key, open + 1, close - open - 1) == 0)
            {
              g_autofree char *value = render_arg (arg, style);

              g_string_append (out, value);
              found = TRUE;
              break;
            }
        }
      if (!found)
        g_string_append_len (out, open, close - open + 1);
      p = close + 1;
    }

  return g_string_free (out, FALSE);
}

/* ---- Display safety ---- */

/**
 * vertebro_unichar_is_invisible_control:
 * @c: a character
 *
 * Whether @c is a bidirectional control (marks, embeddings, overrides,
 * isolates) or a zero-width character: invisible, and able to make a text
 * look like another (`U+202E 4321-NRM` shows as "MRN-1234").
 *
 * Returns: %TRUE for such a character
 */
gboolean
vertebro_unichar_is_invisible_control (gunichar c)
{
  return c == 0x061C ||                      /* ARABIC LETTER MARK */
         c == 0x180E ||                      /* MONGOLIAN VOWEL SEPARATOR */
         (c >= 0x200B && c <= 0x200F) ||     /* ZWSP, ZWNJ, ZWJ, LRM, RLM */
         (c >= 0x202A && c <= 0x202E) ||     /* LRE, RLE, PDF, LRO, RLO */
         (c >= 0x2060 && c <= 0x2064) ||     /* WORD JOINER, invisible operators */
         (c >= 0x2066 && c <= 0x2069) ||     /* LRI, RLI, FSI, PDI */
         c == 0xFEFF;                        /* ZERO WIDTH NO-BREAK SPACE */
}

static gboolean
is_hidden (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_CONTROL || vertebro_unichar_is_invisible_control (c);
}

/**
 * vertebro_text_has_invisible_controls:
 * @text: (nullable): UTF-8 text
 *
 * Returns: %TRUE when @text has a control character, a bidirectional
 *   control or a zero-width character: what the form warns about under an
 *   identifier
 */
gboolean
vertebro_text_has_invisible_controls (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_hidden (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/**
 * vertebro_text_isolate:
 * @text: (nullable): UTF-8 text a user or a file wrote
 *
 * Wraps @text in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so that
 * whatever bidirectional controls it holds cannot reorder the text around
 * it: a right-to-left override in a name cannot reverse the identifier
 * shown after it. Each line is isolated on its own; other control
 * characters (C0, C1) are replaced by U+FFFD.
 *
 * Returns: (transfer full): the text to show
 */
char *
vertebro_text_isolate (const char *text)
{
  GString *out = g_string_new ("\u2068");

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* A line break ends a paragraph, and with it every isolate: each
       * line of notes is isolated on its own. */
      if (c == '\n')
        g_string_append (out, "\u2069\n\u2068");
      else if (g_unichar_type (c) == G_UNICODE_CONTROL)
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }
  g_string_append (out, "\u2069");
  return g_string_free (out, FALSE);
}

/**
 * vertebro_text_reveal_controls:
 * @text: (nullable): UTF-8 text
 * @keep_newlines: whether "\n" stays as it is
 *
 * Replaces every control character, bidirectional control and zero-width
 * character of @text by its code point in brackets ("<U+202E>"), so that it
 * can be seen: for identifiers, which must read as what they are, and for a
 * terminal, where an escape sequence could overwrite what was printed.
 *
 * Returns: (transfer full): the text to show
 */
char *
vertebro_text_reveal_controls (const char *text,
                               gboolean    keep_newlines)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' && keep_newlines)
        g_string_append_c (out, '\n');
      else if (is_hidden (c))
        g_string_append_printf (out, "<U+%04X>", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* ---- Dates ---- */

/**
 * vertebro_date_readable:
 * @date: a valid date
 *
 * Returns: %TRUE when a file or the form may hold @date: its year is from
 *   %VERTEBRO_DATE_FIRST_READ_YEAR to %VERTEBRO_DATE_LAST_READ_YEAR
 */
gboolean
vertebro_date_readable (const GDate *date)
{
  return g_date_valid (date) &&
         g_date_get_year (date) >= VERTEBRO_DATE_FIRST_READ_YEAR &&
         g_date_get_year (date) <= VERTEBRO_DATE_LAST_READ_YEAR;
}

/**
 * vertebro_date_add_days_checked:
 * @date: a valid date
 * @days: days to add, or to subtract when negative
 * @result: (out caller-allocates): @date + @days, when it is in range
 *
 * GDate only counts days from 1 January of year 1 to the end of year 65535,
 * and g_date_subtract_days() leaves the range with a critical and a wrong
 * date. Vertebro keeps dates in years %VERTEBRO_DATE_MIN_YEAR to
 * %VERTEBRO_DATE_MAX_YEAR.
 *
 * Returns: %TRUE and @result set when @date + @days falls in those years,
 *   %FALSE (and @result cleared) otherwise
 */
gboolean
vertebro_date_add_days_checked (const GDate *date,
                                int          days,
                                GDate       *result)
{
  GDate first, last;
  gint64 julian, target;

  g_return_val_if_fail (result != NULL, FALSE);
  g_date_clear (result, 1);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, VERTEBRO_DATE_MIN_YEAR);
  g_date_set_dmy (&last, 31, G_DATE_DECEMBER, VERTEBRO_DATE_MAX_YEAR);
  julian = g_date_get_julian (date);
  target = julian + days;
  if (target < (gint64) g_date_get_julian (&first) || target > (gint64) g_date_get_julian (&last))
    return FALSE;
  g_date_set_julian (result, (guint32) target);
  return TRUE;
}
