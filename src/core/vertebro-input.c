/* vertebro-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numbers are read with the locale's decimal separator and, optionally, its
 * thousands separator in groups of three ("1,4" and "210.000" in German;
 * "1.4" and "210,000" in English). The other separator is refused rather
 * than guessed, since "1.400" means 1400 to one reader and 1.4 to another.
 * A value outside the format's range is refused, never clamped.
 */

#define G_LOG_DOMAIN "vertebro-input"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-input.h"
#include "vertebro-text.h"

static gboolean
is_group_space (gunichar c)
{
  return c == ' ' || c == 0x00A0 || c == 0x202F;
}

/* Rewrites @text into a C-locale number, or returns NULL. */
static char *
normalise (const char *text)
{
  const struct lconv *lc = localeconv ();
  gunichar decimal = g_utf8_get_char (lc->decimal_point);
  gunichar thousands = lc->thousands_sep != NULL && *lc->thousands_sep ? g_utf8_get_char (lc->thousands_sep) : 0;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean seen_decimal = FALSE, seen_group = FALSE;
  guint digits_in_group = 0, n_digits = 0;
  const char *p = text;

  if (*p == '-' || *p == '+')
    g_string_append_c (out, *p++);

  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        {
          g_string_append_c (out, (char) c);
          digits_in_group++;
          n_digits++;
        }
      else if (c == decimal && !seen_decimal)
        {
          if (seen_group && digits_in_group != 3)
            return NULL;
          seen_decimal = TRUE;
          g_string_append_c (out, '.');
          digits_in_group = 0;
        }
      else if (!seen_decimal && thousands != 0 &&
               (c == thousands || (is_group_space (thousands) && is_group_space (c))))
        {
          /* A group separator: the first group has 1–3 digits, later ones 3. */
          if (digits_in_group == 0 || digits_in_group > 3 || (seen_group && digits_in_group != 3))
            return NULL;
          seen_group = TRUE;
          digits_in_group = 0;
        }
      else
        return NULL;
    }

  if (n_digits == 0 || (seen_group && !seen_decimal && digits_in_group != 3))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* @c_number (a C-locale number, as normalise() writes it) times @scale,
 * the factor from a coarser unit to the field's. Multiplying the double
 * would be inexact (16.1 × 1000 = 16100.000000000002): when @scale is a
 * power of ten the decimal point is moved in the text instead, and the
 * value is rounded to whole units of the field's unit, its resolution
 * (platelets are counted per µL). */
static double
convert (const char *c_number,
         double      scale)
{
  g_autoptr(GString) shifted = g_string_new (c_number);
  const char *dot = strchr (c_number, '.');
  gsize dot_at = dot != NULL ? (gsize) (dot - c_number) : strlen (c_number);
  int shift = 0;
  double power = 1;

  while (power < scale && shift < 15)
    {
      power *= 10;
      shift++;
    }
  if (power != scale)
    return round (g_ascii_strtod (c_number, NULL) * scale);

  if (dot != NULL)
    g_string_erase (shifted, dot_at, 1);
  /* The digits after the point, padded with zeros to @shift of them. */
  while (shifted->len < dot_at + shift)
    g_string_append_c (shifted, '0');
  g_string_insert_c (shifted, dot_at + shift, '.');
  return round (g_ascii_strtod (shifted->str, NULL));
}

static char *
describe_range (const VertebroField *field)
{
  g_autofree char *lo = vertebro_format_number (field->min, VERTEBRO_TEXT_LOCALIZED);
  g_autofree char *hi = vertebro_format_number (field->max, VERTEBRO_TEXT_LOCALIZED);

  if (field->unit != NULL)
    /* Translators: the lowest and highest allowed value and their unit. */
    return g_strdup_printf (_("Enter a value from %s to %s %s"), lo, hi, _(field->unit));
  /* Translators: the lowest and highest allowed value. */
  return g_strdup_printf (_("Enter a value from %s to %s"), lo, hi);
}

/**
 * vertebro_input_parse_number:
 * @field: a number field
 * @text: what the user typed
 * @scale: the factor from the unit typed to the field's unit (1, or 1000
 *   for platelets typed in ×10⁹/L)
 * @value: (out): the value in the field's unit, when valid
 * @message: (out) (transfer full): why it is invalid, when it is
 *
 * Returns: whether the text is empty, a valid value or invalid
 */
VertebroInputState
vertebro_input_parse_number (const VertebroField  *field,
                             const char           *text,
                             double                scale,
                             double               *value,
                             char                **message)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *c_number = NULL;
  char *end = NULL;
  double v;

  g_return_val_if_fail (field->kind == VERTEBRO_FIELD_NUMBER || field->kind == VERTEBRO_FIELD_INTEGER,
                        VERTEBRO_INPUT_INVALID);

  *message = NULL;
  if (*stripped == '\0')
    return VERTEBRO_INPUT_EMPTY;

  c_number = normalise (stripped);
  if (c_number != NULL)
    v = g_ascii_strtod (c_number, &end);
  if (c_number == NULL || end == NULL || *end != '\0' || !isfinite (v))
    {
      const struct lconv *lc = localeconv ();

      /* Translators: %s is what was typed; the second %s is the decimal
       * separator of the user's language, such as "," or ".". */
      *message = g_strdup_printf (_("“%s” is not a number (decimals are written with “%s”)"),
                                  stripped, lc->decimal_point);
      return VERTEBRO_INPUT_INVALID;
    }

  if (scale != 1)
    v = convert (c_number, scale);
  if (field->kind == VERTEBRO_FIELD_INTEGER && v != floor (v))
    {
      *message = g_strdup (_("Enter a whole number"));
      return VERTEBRO_INPUT_INVALID;
    }
  if (v < field->min || v > field->max)
    {
      *message = describe_range (field);
      return VERTEBRO_INPUT_INVALID;
    }

  *value = v;
  return VERTEBRO_INPUT_VALID;
}

/* A date in the locale's numeric format. g_date_set_parse() guesses
 * generously ("2" is a day); only numeric dates with three parts, the
 * year of four digits, are accepted, in the locale's order. */
static gboolean
parse_locale_date (const char *text,
                   GDate      *date)
{
  g_auto(GStrv) parts = NULL;

  g_date_clear (date, 1);
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != '.' && *p != '/' && *p != '-')
      return FALSE;
  parts = g_strsplit_set (text, "./-", -1);
  if (g_strv_length (parts) != 3 || strlen (parts[2]) != 4)
    return FALSE;
  g_date_set_parse (date, text);
  return g_date_valid (date);
}

/* The form holds what a file may hold (vertebro_date_readable()). */
static VertebroInputState
date_in_range (const GDate  *date,
               char        **message)
{
  if (vertebro_date_readable (date))
    return VERTEBRO_INPUT_VALID;
  /* Translators: %d and %d are the first and last years a date may have, 2 and 9998. */
  *message = g_strdup_printf (_("Enter a date in the years %d to %d"),
                              VERTEBRO_DATE_FIRST_READ_YEAR, VERTEBRO_DATE_LAST_READ_YEAR);
  return VERTEBRO_INPUT_INVALID;
}

/**
 * vertebro_input_parse_date:
 * @field: a date field
 * @text: what the user typed: the locale's format or YYYY-MM-DD
 * @date: (out): the date, when valid
 * @message: (out) (transfer full): why it is invalid, when it is
 *
 * Returns: whether the text is empty, a valid date or invalid
 */
VertebroInputState
vertebro_input_parse_date (const VertebroField  *field,
                           const char           *text,
                           GDate                *date,
                           char                **message)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  *message = NULL;
  if (*stripped == '\0')
    return VERTEBRO_INPUT_EMPTY;

  if (vertebro_date_parse (stripped, date))
    return date_in_range (date, message);

  if (parse_locale_date (stripped, date))
    return date_in_range (date, message);

  {
    GDate sample;
    g_autofree char *example = NULL;

    g_date_clear (&sample, 1);
    g_date_set_dmy (&sample, 28, 11, 2026);
    example = vertebro_input_format_date (&sample);

    /* Translators: %s is what was typed, the second %s an example date in
     * the user's format. */
    *message = g_strdup_printf (_("“%s” is not a date: write it as %s or 2026-11-28"), stripped, example);
  }
  return VERTEBRO_INPUT_INVALID;
}

/* How a stored number is shown in an entry: the locale's decimal separator,
 * every digit it has, no grouping (so that it reads back the same). */
char *
vertebro_input_format_number (double value)
{
  g_autofree char *portable = vertebro_format_number (value, VERTEBRO_TEXT_PORTABLE);
  const char *dot = strchr (portable, '.');
  int decimals = dot != NULL ? (int) strlen (dot + 1) : 0;

  /* "2.5e-05" has as many decimals as its mantissa has, less the exponent
   * (found by fuzz-input: 0.00001 showed as "0"). */
  if (strchr (portable, 'e') != NULL)
    {
      const char *e = strchr (portable, 'e');
      int exponent = (int) g_ascii_strtoll (e + 1, NULL, 10);
      int mantissa = dot != NULL && dot < e ? (int) (e - dot - 1) : 0;

      decimals = MAX (0, mantissa - exponent);
    }
  return g_strdup_printf ("%.*f", decimals, value);
}

/* How a stored date is shown in an entry: the locale's own numeric format
 * when it writes the year with four digits (so that it reads back), else
 * ISO 8601. */
char *
vertebro_input_format_date (const GDate *date)
{
  char buffer[64], probe[64];
  GDate sample;

  GDate back;

  g_date_clear (&sample, 1);
  g_date_set_dmy (&sample, 28, 11, 2026);
  /* The year of 10 is written "10", which reads as no date: whatever does
   * not read back as the same date is shown in ISO 8601. */
  if (g_date_strftime (probe, sizeof probe, "%x", &sample) == 0 || strstr (probe, "2026") == NULL ||
      g_date_strftime (buffer, sizeof buffer, "%x", date) == 0 ||
      !parse_locale_date (buffer, &back) || g_date_compare (&back, date) != 0)
    return vertebro_format_date (date, VERTEBRO_TEXT_PORTABLE);
  return g_strdup (buffer);
}
