/* vertebro-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numbers are read with the locale's decimal separator and, optionally, its
 * thousands separator in groups of three ("1,4" and "210.000" in German;
 * "1.4" and "210,000" in English). The other separator is refused rather
 * than guessed, since "1.400" means 1400 to one reader and 1.4 to another.
 * A value outside the format's range is refused, never clamped.
 *
 * Dates are read as ISO 8601 (2026-11-28) everywhere and, besides, in the
 * locale's own numeric form (28.11.2026 in German, 28/11/2026 in French,
 * 11/28/2026 in American English), found from the locale rather than from
 * a list of languages; a date in another order is refused, never guessed.
 */

#define G_LOG_DOMAIN "vertebro-input"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
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

/**
 * vertebro_input_dup_text_problem:
 * @field: a text field
 * @text: what the user typed
 *
 * Why a text cannot be this field's: an "other" antithrombotic's name must
 * be there and no longer than the file format allows, which the file reader
 * checks too.
 *
 * Returns: (transfer full) (nullable): the localized reason, or %NULL
 */
char *
vertebro_input_dup_text_problem (const VertebroField *field,
                                 const char          *text)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  if (!g_str_equal (field->path, "antithrombotic.name"))
    return NULL;
  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*stripped == '\0')
    return g_strdup (_("Name the medicine"));
  if (g_utf8_strlen (text, -1) > VERTEBRO_OTHER_NAME_MAX_CHARS)
    /* The number is VERTEBRO_OTHER_NAME_MAX_CHARS. */
    return g_strdup (_("Shorten the name to 80 characters or fewer"));
  return NULL;
}

/**
 * vertebro_input_dup_date_problem:
 * @field: a date field
 * @date: a valid date typed into it
 * @assessment_date: (nullable): the patient's assessment date
 *   ("YYYY-MM-DD"), or %NULL when it has none and today counts
 *
 * Why a real date cannot be this field's: a birth date or the onset of the
 * pain after the assessment date. The file reader refuses these too, so
 * nothing is accepted that a saved file or a draft could not be opened with.
 *
 * Returns: (transfer full) (nullable): the localized reason, or %NULL
 */
char *
vertebro_input_dup_date_problem (const VertebroField *field,
                                 const GDate         *date,
                                 const char          *assessment_date)
{
  GDate limit;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (date != NULL, NULL);

  if (!vertebro_field_not_after_assessment (field))
    return NULL;
  if (!vertebro_date_parse (assessment_date, &limit))
    {
      g_date_clear (&limit, 1);
      g_date_set_time_t (&limit, time (NULL));
    }
  if (g_date_compare (date, &limit) <= 0)
    return NULL;
  return g_strdup (assessment_date != NULL ? _("This is after the assessment date") : _("This is in the future"));
}

/* ---- Units ---- */

/* Each count or concentration is entered in the unit of the lab report at
 * hand. A field not listed here is typed in its own unit only. */
static const VertebroInputUnit platelet_units[] = {
  { "per-microlitre", "/µL", 1 },
  { "10e9-per-litre", "×10⁹/L", 1000 },
};

static const VertebroInputUnit creatinine_units[] = {
  { "micromol-per-litre", "µmol/L", 1 },
  /* 1 mg/dL of creatinine is 88.4 µmol/L. */
  { "mg-per-decilitre", "mg/dL", 88.4 },
};

enum {
  PLATELETS_PER_MICROLITRE,
  PLATELETS_GIGA_PER_LITRE,
};

/**
 * vertebro_input_get_units:
 * @field: a number field
 * @n_units: (out): how many units it may be typed in
 *
 * Returns: (nullable): the units @field may be typed in, its own first;
 *   %NULL when it is typed in its own unit only
 */
const VertebroInputUnit *
vertebro_input_get_units (const VertebroField *field,
                          guint               *n_units)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field->path, "labs.platelets"))
    {
      *n_units = G_N_ELEMENTS (platelet_units);
      return platelet_units;
    }
  if (g_str_equal (field->path, "labs.creatinine_umol_l"))
    {
      *n_units = G_N_ELEMENTS (creatinine_units);
      return creatinine_units;
    }
  *n_units = 0;
  return NULL;
}

/**
 * vertebro_input_get_usual_unit:
 * @field: a number field
 *
 * Returns: the unit (an index into vertebro_input_get_units()) offered
 *   first until the user chooses another
 */
guint
vertebro_input_get_usual_unit (const VertebroField *field)
{
  g_return_val_if_fail (field != NULL, 0);

  /* At the bedside platelets are reported in ×10⁹/L. */
  if (g_str_equal (field->path, "labs.platelets"))
    return PLATELETS_GIGA_PER_LITRE;
  return 0;
}

/**
 * vertebro_input_find_unit:
 * @field: a number field
 * @id: (nullable): a unit's id, as a preference stores it
 *
 * Returns: the index of the unit of @field with that id, or -1
 */
int
vertebro_input_find_unit (const VertebroField *field,
                          const char          *id)
{
  guint n_units;
  const VertebroInputUnit *units = vertebro_input_get_units (field, &n_units);

  for (guint i = 0; i < n_units; i++)
    if (g_strcmp0 (units[i].id, id) == 0)
      return (int) i;
  return -1;
}

/**
 * vertebro_input_dup_unit_hint:
 * @field: a number field
 * @value: its value, in the field's own unit, or NaN
 * @unit: the unit it was typed in (an index into vertebro_input_get_units())
 *
 * A value that looks typed in another unit than the one chosen: 180 per µL
 * is not a platelet count anyone lives with, 180 × 10⁹/L is a normal one. A
 * hint, never a conversion: the value stays as typed.
 *
 * Returns: (transfer full) (nullable): the localized hint, or %NULL
 */
char *
vertebro_input_dup_unit_hint (const VertebroField *field,
                              double               value,
                              guint                unit)
{
  g_autofree char *other = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  if (!g_str_equal (field->path, "labs.platelets") || isnan (value))
    return NULL;
  /* The lowest count anyone lives with is far above 2000/µL, the highest
   * far below 1.5 million/µL (1500 ×10⁹/L). */
  if (unit == PLATELETS_PER_MICROLITRE && value > 0 && value < 2000)
    {
      other = vertebro_input_format_number (value);
      /* Translators: under a platelet count typed per µL that is far too low to be one; %s is the
       * number as typed. */
      return g_strdup_printf (_("A count this low is rarely per µL: did you mean %s ×10⁹/L? Check the unit."), other);
    }
  if (unit == PLATELETS_GIGA_PER_LITRE && value > 1500 * 1000)
    {
      other = vertebro_input_format_number (value / platelet_units[PLATELETS_GIGA_PER_LITRE].scale);
      /* Translators: under a platelet count typed in ×10⁹/L that is far too high to be one; %s is
       * the number as typed. */
      return g_strdup_printf (_("A count this high is rarely ×10⁹/L: did you mean %s per µL? Check the unit."), other);
    }
  return NULL;
}

typedef enum {
  DATE_PART_DAY,
  DATE_PART_MONTH,
  DATE_PART_YEAR,
} DatePart;

/* How the locale writes a date with numbers: the order of its parts and
 * the one character between them. */
typedef struct {
  DatePart order[3];
  char     separator;
} DateForm;

/* The locale's numeric date form, read from how `%x` writes 28 November
 * 2026 (every part a different number, so each is recognised whatever the
 * order). Returns FALSE when the locale writes dates in some other way
 * ("2026. 11. 28.", month names, other scripts) or exactly as ISO 8601
 * does: such a locale reads and writes ISO 8601 only. The year is read
 * whether `%x` gives it four digits or two (es_ES, en_GB): this form is
 * always written with four. The C locale has no preference of its own (its
 * `%x` is POSIX's "11/28/26"): it reads and writes ISO 8601 only. */
static gboolean
locale_date_form (DateForm *form)
{
  const char *time_locale = setlocale (LC_TIME, NULL);
  char written[64];
  const char *p;
  GDate sample;
  guint seen = 0;

  if (time_locale == NULL || g_str_equal (time_locale, "C") || g_str_equal (time_locale, "POSIX") ||
      g_str_has_prefix (time_locale, "C."))
    return FALSE;

  g_date_clear (&sample, 1);
  g_date_set_dmy (&sample, 28, G_DATE_NOVEMBER, 2026);
  if (g_date_strftime (written, sizeof written, "%x", &sample) == 0)
    return FALSE;

  p = written;
  form->separator = '\0';
  for (guint i = 0; i < 3; i++)
    {
      const char *digits = p;
      guint64 n;

      while (g_ascii_isdigit (*p))
        p++;
      if (p == digits || p - digits > 4)
        return FALSE;
      n = g_ascii_strtoull (digits, NULL, 10);
      if (n == 28)
        form->order[i] = DATE_PART_DAY;
      else if (n == 11)
        form->order[i] = DATE_PART_MONTH;
      else if (n == 2026 || n == 26)
        form->order[i] = DATE_PART_YEAR;
      else
        return FALSE;
      if (seen & (1u << form->order[i]))
        return FALSE;
      seen |= 1u << form->order[i];

      if (i == 2)
        break;
      if (*p != '.' && *p != '/' && *p != '-')
        return FALSE;
      if (form->separator != '\0' && *p != form->separator)
        return FALSE;
      form->separator = *p++;
    }
  if (*p != '\0')
    return FALSE;

  return !(form->order[0] == DATE_PART_YEAR && form->order[1] == DATE_PART_MONTH && form->separator == '-');
}

/* A date in the locale's numeric form: its order and its separator only,
 * the day and the month of one or two digits, the year of four. Nothing is
 * guessed: "28/11/2026" is no date where the locale writes the month first,
 * a two-digit year is no date (a birth in "26" is 1926 or 2026), and a day
 * the month does not have is no date, never the next month's. */
static gboolean
parse_locale_date (const DateForm *form,
                   const char     *text,
                   GDate          *date)
{
  guint day = 0, month = 0, year = 0;
  const char *p = text;

  for (guint i = 0; i < 3; i++)
    {
      const char *digits = p;
      gsize length;
      guint n;

      while (g_ascii_isdigit (*p))
        p++;
      length = (gsize) (p - digits);
      if (length == 0 || length > 4)
        return FALSE;
      n = (guint) g_ascii_strtoull (digits, NULL, 10);

      switch (form->order[i])
        {
        case DATE_PART_DAY:
          if (length > 2)
            return FALSE;
          day = n;
          break;
        case DATE_PART_MONTH:
          if (length > 2)
            return FALSE;
          month = n;
          break;
        case DATE_PART_YEAR:
          if (length != 4)
            return FALSE;
          year = n;
          break;
        default:
          g_assert_not_reached ();
        }

      if (i < 2 && *p++ != form->separator)
        return FALSE;
    }
  if (*p != '\0' || year < 1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static char *
format_locale_date (const DateForm *form,
                    const GDate    *date)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 3; i++)
    {
      if (i > 0)
        g_string_append_c (text, form->separator);
      switch (form->order[i])
        {
        case DATE_PART_DAY:
          g_string_append_printf (text, "%02u", (guint) g_date_get_day (date));
          break;
        case DATE_PART_MONTH:
          g_string_append_printf (text, "%02u", (guint) g_date_get_month (date));
          break;
        case DATE_PART_YEAR:
          g_string_append_printf (text, "%04u", (guint) g_date_get_year (date));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The date a refused date's message writes as its example. A birth date's
 * is 75 years ago, a typical age for a vertebral augmentation, so that it
 * reads as a birth date, never as today or the future; any other's is in
 * this year. Both fall on 28 November, whose day cannot be read as a
 * month: the example shows which part comes first. */
static void
date_example (const VertebroField *field,
              GDate               *example)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);

  if (g_strcmp0 (field->path, "patient.birth_date") == 0)
    year -= 75;
  g_date_clear (example, 1);
  g_date_set_dmy (example, 28, G_DATE_NOVEMBER, (GDateYear) year);
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
  g_autofree char *iso = NULL;
  DateForm form;
  gboolean has_form;
  GDate example;

  g_return_val_if_fail (field->kind == VERTEBRO_FIELD_DATE, VERTEBRO_INPUT_INVALID);

  *message = NULL;
  if (*stripped == '\0')
    return VERTEBRO_INPUT_EMPTY;

  has_form = locale_date_form (&form);
  if (vertebro_date_parse (stripped, date))
    return date_in_range (date, message);

  if (has_form && parse_locale_date (&form, stripped, date))
    return date_in_range (date, message);

  date_example (field, &example);
  iso = vertebro_format_date (&example, VERTEBRO_TEXT_PORTABLE);
  if (has_form)
    {
      g_autofree char *local = format_locale_date (&form, &example);

      /* Translators: %s is what was typed; then one example date written
       * two ways: as the user's language writes dates with numbers (such
       * as 28.11.2026), then as year-month-day (2026-11-28). */
      *message = g_strdup_printf (_("“%s” is not a date: write it as %s or %s"), stripped, local, iso);
    }
  else
    /* Translators: %s is what was typed, the second %s an example date
     * written as year-month-day (2026-11-28). */
    *message = g_strdup_printf (_("“%s” is not a date: write it as %s"), stripped, iso);
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

/* How a stored date is shown in an entry: the locale's numeric form,
 * always with a four-digit year (es_ES's `%x` has two), so that it reads
 * back as the same date; ISO 8601 where the locale has no such form. */
char *
vertebro_input_format_date (const GDate *date)
{
  DateForm form;

  if (!locale_date_form (&form))
    return vertebro_format_date (date, VERTEBRO_TEXT_PORTABLE);
  return format_locale_date (&form, date);
}
