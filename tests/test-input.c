/* test-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates as a person types them into the form (issue 18): ISO 8601 in every
 * locale, the locale's own numeric form besides (day first in German,
 * French and Spanish, month first in American English), never a guess, and
 * a refused date's message with one example written the way the field
 * takes it. The locales come from build-aux/dev; a case whose locale is not
 * generated is skipped, naming it.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <glib.h>

#include "vertebro-fields.h"
#include "vertebro-input.h"
#include "vertebro-text.h"
#include "vertebro-test-run.h"

#define PLANNED "assessment.planned_date"
#define BIRTH   "patient.birth_date"

typedef struct {
  const char *name;
  const char *locale;
  const char *field;
  const char *typed;
  const char *date;     /* the ISO date read, or NULL when refused */
  const char *message;  /* when refused; @Y@ is this year, @B@ 75 years ago */
} ParseCase;

static const ParseCase parse_cases[] = {
  /* C.UTF-8 writes dates as ISO 8601: one form, named once. */
  { "c/iso", "C.UTF-8", PLANNED, "2026-11-28", "2026-11-28", NULL },
  { "c/iso-spaces", "C.UTF-8", PLANNED, " 2026-11-28 ", "2026-11-28", NULL },
  { "c/day-first-refused", "C.UTF-8", PLANNED, "28/11/2026", NULL,
    "“28/11/2026” is not a date: write it as @Y@-11-28" },
  { "c/dots-refused", "C.UTF-8", PLANNED, "28.11.2026", NULL,
    "“28.11.2026” is not a date: write it as @Y@-11-28" },
  { "c/birth-example-past", "C.UTF-8", BIRTH, "28.11.2026", NULL,
    "“28.11.2026” is not a date: write it as @B@-11-28" },
  { "c/iso-feb-31", "C.UTF-8", PLANNED, "2026-02-31", NULL,
    "“2026-02-31” is not a date: write it as @Y@-11-28" },

  /* German: DD.MM.YYYY. */
  { "de/dots", "de_DE.UTF-8", PLANNED, "28.11.2026", "2026-11-28", NULL },
  { "de/one-digit", "de_DE.UTF-8", PLANNED, "5.1.2026", "2026-01-05", NULL },
  { "de/iso", "de_DE.UTF-8", PLANNED, "2026-11-28", "2026-11-28", NULL },
  { "de/birth", "de_DE.UTF-8", BIRTH, "14.03.1948", "1948-03-14", NULL },
  { "de/feb-31", "de_DE.UTF-8", PLANNED, "31.02.2026", NULL,
    "“31.02.2026” is not a date: write it as 28.11.@Y@ or @Y@-11-28" },
  { "de/day-zero", "de_DE.UTF-8", PLANNED, "00.01.2026", NULL,
    "“00.01.2026” is not a date: write it as 28.11.@Y@ or @Y@-11-28" },
  { "de/month-13", "de_DE.UTF-8", PLANNED, "01.13.2026", NULL,
    "“01.13.2026” is not a date: write it as 28.11.@Y@ or @Y@-11-28" },
  { "de/two-digit-year", "de_DE.UTF-8", BIRTH, "14.03.48", NULL,
    "“14.03.48” is not a date: write it as 28.11.@B@ or @B@-11-28" },
  { "de/slashes-refused", "de_DE.UTF-8", PLANNED, "28/11/2026", NULL,
    "“28/11/2026” is not a date: write it as 28.11.@Y@ or @Y@-11-28" },
  { "de/trailing-dot", "de_DE.UTF-8", PLANNED, "28.11.2026.", NULL,
    "“28.11.2026.” is not a date: write it as 28.11.@Y@ or @Y@-11-28" },

  /* French: DD/MM/YYYY. */
  { "fr/slashes", "fr_FR.UTF-8", PLANNED, "28/11/2026", "2026-11-28", NULL },
  { "fr/iso", "fr_FR.UTF-8", PLANNED, "2026-11-28", "2026-11-28", NULL },
  { "fr/april-31", "fr_FR.UTF-8", PLANNED, "31/04/2026", NULL,
    "“31/04/2026” is not a date: write it as 28/11/@Y@ or @Y@-11-28" },
  { "fr/birth-example", "fr_FR.UTF-8", BIRTH, "1948", NULL,
    "“1948” is not a date: write it as 28/11/@B@ or @B@-11-28" },

  /* Spanish: DD/MM/YYYY, though its `%x` writes the year with two digits. */
  { "es/slashes", "es_ES.UTF-8", PLANNED, "28/11/2026", "2026-11-28", NULL },
  { "es/two-digit-year", "es_ES.UTF-8", PLANNED, "28/11/26", NULL,
    "“28/11/26” is not a date: write it as 28/11/@Y@ or @Y@-11-28" },
  { "es/feb-29-not-leap", "es_ES.UTF-8", PLANNED, "29/02/2026", NULL,
    "“29/02/2026” is not a date: write it as 28/11/@Y@ or @Y@-11-28" },
  { "es/feb-29-leap", "es_ES.UTF-8", PLANNED, "29/02/2028", "2028-02-29", NULL },

  /* American English: MM/DD/YYYY, and never a day first. */
  { "en-us/month-first", "en_US.UTF-8", PLANNED, "11/28/2026", "2026-11-28", NULL },
  { "en-us/ambiguous-is-month-first", "en_US.UTF-8", PLANNED, "01/02/2026", "2026-01-02", NULL },
  { "en-us/iso", "en_US.UTF-8", PLANNED, "2026-11-28", "2026-11-28", NULL },
  { "en-us/day-first-refused", "en_US.UTF-8", PLANNED, "28/11/2026", NULL,
    "“28/11/2026” is not a date: write it as 11/28/@Y@ or @Y@-11-28" },
  { "en-us/dots-refused", "en_US.UTF-8", PLANNED, "01.02.2026", NULL,
    "“01.02.2026” is not a date: write it as 11/28/@Y@ or @Y@-11-28" },
};

typedef struct {
  const char *name;
  const char *locale;
  const char *date;   /* ISO */
  const char *shown;  /* in the form */
} FormatCase;

static const FormatCase format_cases[] = {
  { "c", "C.UTF-8", "2026-11-28", "2026-11-28" },
  { "de", "de_DE.UTF-8", "2026-11-28", "28.11.2026" },
  { "de/padded", "de_DE.UTF-8", "2026-01-05", "05.01.2026" },
  { "de/early-year", "de_DE.UTF-8", "0010-03-04", "04.03.0010" },
  { "fr", "fr_FR.UTF-8", "2026-11-28", "28/11/2026" },
  { "es/four-digit-year", "es_ES.UTF-8", "2026-11-28", "28/11/2026" },
  { "es/not-a-century", "es_ES.UTF-8", "1948-03-14", "14/03/1948" },
  { "en-us", "en_US.UTF-8", "2026-11-28", "11/28/2026" },
};

static char *compiled_dir;

/* Compiles @locale ("en_US.UTF-8") into compiled_dir from the system's
 * locale sources, once. localedef may warn and exit non-zero for a locale
 * that works: what counts is whether it wrote one. */
static gboolean
compile_locale (const char *locale)
{
  g_auto(GStrv) parts = g_strsplit (locale, ".", 2);
  g_autofree char *out = NULL;

  if (g_strv_length (parts) != 2)
    return FALSE;
  if (compiled_dir == NULL)
    compiled_dir = vertebro_test_make_tmp_dir ("vertebro-locales");
  out = g_build_filename (compiled_dir, locale, NULL);
  if (!g_file_test (out, G_FILE_TEST_IS_DIR))
    {
      const char *argv[] = { "localedef", "-i", parts[0], "-f", parts[1], out, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL,
                    G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, NULL, NULL);
    }
  return g_file_test (out, G_FILE_TEST_IS_DIR);
}

static void
restore_locale (void)
{
  g_unsetenv ("LOCPATH");
  setlocale (LC_ALL, "C.UTF-8");
}

/* Switches to @locale for one case; FALSE (and the case skipped, naming
 * the locale) when it is neither generated nor can be compiled. */
static gboolean
use_locale (const char *locale)
{
  g_autofree char *reason = NULL;

  restore_locale ();
  if (setlocale (LC_ALL, locale) != NULL)
    return TRUE;
  if (compile_locale (locale))
    {
      /* glibc reads LOCPATH at every setlocale(), and then only there. */
      g_setenv ("LOCPATH", compiled_dir, TRUE);
      if (setlocale (LC_ALL, locale) != NULL)
        return TRUE;
      restore_locale ();
    }
  reason = g_strdup_printf ("the %s locale is missing and localedef could not compile it", locale);
  g_test_skip (reason);
  return FALSE;
}

static char *
expected_message (const char *pattern)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *year = g_strdup_printf ("%04d", g_date_time_get_year (now));
  g_autofree char *birth = g_strdup_printf ("%04d", g_date_time_get_year (now) - 75);
  g_autoptr(GString) text = g_string_new (pattern);

  g_string_replace (text, "@Y@", year, 0);
  g_string_replace (text, "@B@", birth, 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_parse (gconstpointer data)
{
  const ParseCase *c = data;
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, c->field);
  g_autofree char *message = NULL;
  GDate date;

  if (!use_locale (c->locale))
    return;

  g_assert_nonnull (field);
  if (c->date != NULL)
    {
      g_autofree char *iso = NULL;

      g_assert_cmpint (vertebro_input_parse_date (field, c->typed, &date, &message), ==, VERTEBRO_INPUT_VALID);
      g_assert_null (message);
      iso = vertebro_format_date (&date, VERTEBRO_TEXT_PORTABLE);
      g_assert_cmpstr (iso, ==, c->date);
    }
  else
    {
      g_autofree char *expected = expected_message (c->message);

      g_assert_cmpint (vertebro_input_parse_date (field, c->typed, &date, &message), ==, VERTEBRO_INPUT_INVALID);
      g_assert_cmpstr (message, ==, expected);
    }
  restore_locale ();
}

/* What the form shows reads back as the same date. */
static void
test_format (gconstpointer data)
{
  const FormatCase *c = data;
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, PLANNED);
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;
  GDate date, back;

  if (!use_locale (c->locale))
    return;

  g_assert_true (vertebro_date_parse (c->date, &date));
  shown = vertebro_input_format_date (&date);
  g_assert_cmpstr (shown, ==, c->shown);
  g_assert_cmpint (vertebro_input_parse_date (field, shown, &back, &message), ==,
                   vertebro_date_readable (&date) ? VERTEBRO_INPUT_VALID : VERTEBRO_INPUT_INVALID);
  if (vertebro_date_readable (&date))
    g_assert_cmpint (g_date_compare (&back, &date), ==, 0);
  restore_locale ();
}

/* The birth date's example is a birth date: in the past, and not by days. */
static void
test_birth_example_in_past (void)
{
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, BIRTH);
  g_autofree char *message = NULL;
  const char *as;
  GDate example, today;

  setlocale (LC_ALL, "C.UTF-8");
  g_assert_cmpint (vertebro_input_parse_date (field, "soon", &example, &message), ==, VERTEBRO_INPUT_INVALID);
  as = strstr (message, "write it as ");
  g_assert_nonnull (as);
  g_assert_true (vertebro_date_parse (as + strlen ("write it as "), &example));
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  g_assert_cmpint (g_date_days_between (&example, &today), >, 365 * 18);
}

/* ---- Units (vertebro_input_get_units, vertebro_input_dup_unit_hint) ---- */

typedef struct {
  const char *name;
  const char *field;
  const char *unit;     /* the unit's id */
  const char *typed;
  double      stored;   /* the value the file stores */
  const char *hint;     /* a part of the hint, or NULL: none */
} UnitCase;

static const UnitCase unit_cases[] = {
  { "platelets/giga", "labs.platelets", "10e9-per-litre", "180", 180000, NULL },
  { "platelets/giga-decimal", "labs.platelets", "10e9-per-litre", "16.1", 16100, NULL },
  { "platelets/giga-too-high", "labs.platelets", "10e9-per-litre", "180000", 180000000, NULL },
  { "platelets/giga-looks-per-ul", "labs.platelets", "10e9-per-litre", "1600", 1600000, "did you mean 1600 per µL?" },
  { "platelets/giga-highest-plausible", "labs.platelets", "10e9-per-litre", "1500", 1500000, NULL },
  { "platelets/per-ul", "labs.platelets", "per-microlitre", "180000", 180000, NULL },
  { "platelets/per-ul-looks-giga", "labs.platelets", "per-microlitre", "180", 180, "did you mean 180 ×10⁹/L?" },
  { "platelets/per-ul-lowest-plausible", "labs.platelets", "per-microlitre", "2000", 2000, NULL },
  { "platelets/per-ul-zero", "labs.platelets", "per-microlitre", "0", 0, NULL },
  { "creatinine/umol", "labs.creatinine_umol_l", "micromol-per-litre", "80", 80, NULL },
  { "creatinine/mg-dl", "labs.creatinine_umol_l", "mg-per-decilitre", "1", 88, NULL },
  { "creatinine/mg-dl-decimal", "labs.creatinine_umol_l", "mg-per-decilitre", "2.5", 221, NULL },
};

static void
test_unit (gconstpointer data)
{
  const UnitCase *uc = data;
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, uc->field);
  guint n_units;
  const VertebroInputUnit *units = vertebro_input_get_units (field, &n_units);
  int unit = vertebro_input_find_unit (field, uc->unit);
  g_autofree char *message = NULL;
  g_autofree char *hint = NULL;
  double value = NAN;
  VertebroInputState state;

  g_assert_nonnull (units);
  g_assert_cmpint (unit, >=, 0);
  g_assert_cmpint (unit, <, n_units);
  /* The field's own unit first: the one the file stores. */
  g_assert_cmpfloat (units[0].scale, ==, 1);
  g_assert_cmpstr (units[0].symbol, ==, field->unit);

  state = vertebro_input_parse_number (field, uc->typed, units[unit].scale, &value, &message);
  if (uc->stored > field->max)
    {
      /* Refused, never clamped; no hint about a value not used. */
      g_assert_cmpint (state, ==, VERTEBRO_INPUT_INVALID);
      return;
    }
  g_assert_cmpint (state, ==, VERTEBRO_INPUT_VALID);
  g_assert_cmpfloat (value, ==, uc->stored);

  hint = vertebro_input_dup_unit_hint (field, value, (guint) unit);
  if (uc->hint == NULL)
    g_assert_null (hint);
  else
    {
      g_assert_nonnull (hint);
      g_assert_nonnull (strstr (hint, uc->hint));
    }
}

static void
test_usual_units (void)
{
  const VertebroField *platelets = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, "labs.platelets");
  const VertebroField *creatinine = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, "labs.creatinine_umol_l");
  const VertebroField *inr = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, "labs.inr");
  guint n_units;

  /* Platelets are offered in ×10⁹/L, creatinine in µmol/L, until the
   * user chooses another unit. */
  g_assert_cmpstr (vertebro_input_get_units (platelets, &n_units)[vertebro_input_get_usual_unit (platelets)].id,
                   ==, "10e9-per-litre");
  g_assert_cmpstr (vertebro_input_get_units (creatinine, &n_units)[vertebro_input_get_usual_unit (creatinine)].id,
                   ==, "micromol-per-litre");
  g_assert_null (vertebro_input_get_units (inr, &n_units));
  g_assert_cmpuint (n_units, ==, 0);
  g_assert_cmpint (vertebro_input_find_unit (platelets, "mg-per-decilitre"), ==, -1);
  g_assert_null (vertebro_input_dup_unit_hint (inr, 1.2, 0));
  g_assert_null (vertebro_input_dup_unit_hint (platelets, NAN, 0));
}

/* ---- Dates that cannot be after the assessment (vertebro_input_dup_date_problem) ---- */

typedef struct {
  const char *name;
  const char *field;
  const char *date;        /* "YYYY-MM-DD", or "+N" / "-N" days from today */
  const char *assessed;    /* the assessment date, or NULL: today counts */
  const char *problem;     /* or NULL */
} DateProblemCase;

static const DateProblemCase date_problem_cases[] = {
  { "birth/before", BIRTH, "1948-03-14", "2026-11-21", NULL },
  { "birth/same-day", BIRTH, "2026-11-21", "2026-11-21", NULL },
  { "birth/day-after", BIRTH, "2026-11-22", "2026-11-21", "This is after the assessment date" },
  { "onset/day-after", "history.pain_onset_date", "2026-11-22", "2026-11-21", "This is after the assessment date" },
  { "onset/before", "history.pain_onset_date", "2026-10-01", "2026-11-21", NULL },
  { "birth/tomorrow-no-assessment", BIRTH, "+1", NULL, "This is in the future" },
  { "birth/today-no-assessment", BIRTH, "+0", NULL, NULL },
  { "onset/tomorrow-no-assessment", "history.pain_onset_date", "+1", NULL, "This is in the future" },
  /* A procedure is planned after the assessment, of course. */
  { "planned/after", PLANNED, "2026-11-28", "2026-11-21", NULL },
  { "planned/tomorrow-no-assessment", PLANNED, "+1", NULL, NULL },
};

static void
test_date_problem (gconstpointer data)
{
  const DateProblemCase *dc = data;
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, dc->field);
  g_autofree char *problem = NULL;
  GDate date;

  if (dc->date[0] == '+')
    {
      g_date_clear (&date, 1);
      g_date_set_time_t (&date, time (NULL));
      g_date_add_days (&date, (guint) g_ascii_strtoull (dc->date + 1, NULL, 10));
    }
  else
    g_assert_true (vertebro_date_parse (dc->date, &date));
  problem = vertebro_input_dup_date_problem (field, &date, dc->assessed);
  g_assert_cmpstr (problem, ==, dc->problem);
  /* The reader refuses exactly the same fields. */
  g_assert_true (vertebro_field_not_after_assessment (field) ==
                 (g_str_equal (dc->field, BIRTH) || g_str_equal (dc->field, "history.pain_onset_date")));
}

/* ---- An "other" antithrombotic's name (vertebro_input_dup_text_problem) ---- */

typedef struct {
  const char *name;
  const char *field;
  const char *typed;     /* "@81" for 81 characters */
  const char *problem;   /* or NULL */
} TextProblemCase;

static const TextProblemCase text_problem_cases[] = {
  { "name/given", "antithrombotic.name", "Cangrelor", NULL },
  { "name/empty", "antithrombotic.name", "", "Name the medicine" },
  { "name/spaces", "antithrombotic.name", "   ", "Name the medicine" },
  { "name/80", "antithrombotic.name", "@80", NULL },
  { "name/81", "antithrombotic.name", "@81", "Shorten the name to 80 characters or fewer" },
  /* Characters, not bytes. */
  { "name/80-accented", "antithrombotic.name", "@80é", NULL },
  { "clinician/empty", "assessment.clinician", "", NULL },
};

static void
test_text_problem (gconstpointer data)
{
  const TextProblemCase *tc = data;
  VertebroRecord record = g_str_has_prefix (tc->field, "antithrombotic.") ? VERTEBRO_RECORD_ANTITHROMBOTIC
                                                                           : VERTEBRO_RECORD_PATIENT;
  const VertebroField *field = vertebro_fields_lookup (record, tc->field);
  g_autofree char *typed = NULL;
  g_autofree char *problem = NULL;

  g_assert_nonnull (field);
  if (tc->typed[0] == '@')
    {
      guint64 n = g_ascii_strtoull (tc->typed + 1, NULL, 10);
      const char *unit = strstr (tc->typed, "é") != NULL ? "é" : "x";
      GString *built = g_string_new (NULL);

      for (guint64 i = 0; i < n; i++)
        g_string_append (built, unit);
      typed = g_string_free (built, FALSE);
    }
  else
    typed = g_strdup (tc->typed);
  problem = vertebro_input_dup_text_problem (field, typed);
  g_assert_cmpstr (problem, ==, tc->problem);
}

/* A level's vertebra is chosen, not assessed: a form offers its null as
 * "Not chosen yet"; every other nullable choice as not assessed. */
static void
test_unset_choice_labels (void)
{
  const VertebroRecord records[] = { VERTEBRO_RECORD_PATIENT, VERTEBRO_RECORD_LEVEL, VERTEBRO_RECORD_ANTITHROMBOTIC };

  for (guint r = 0; r < G_N_ELEMENTS (records); r++)
    {
      guint n_fields;
      const VertebroField *fields = vertebro_fields_get (records[r], &n_fields);

      for (guint i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].path, "level.level"))
          g_assert_cmpstr (fields[i].unset, ==, "Not chosen yet");
        else
          g_assert_null (fields[i].unset);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  /* Messages in English, whatever catalogue a locale would find. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/input/date/parse/%s", parse_cases[i].name);

      g_test_add_data_func (path, &parse_cases[i], test_parse);
    }
  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/input/date/shown/%s", format_cases[i].name);

      g_test_add_data_func (path, &format_cases[i], test_format);
    }
  g_test_add_func ("/input/date/birth-example-in-past", test_birth_example_in_past);
  for (guint i = 0; i < G_N_ELEMENTS (unit_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/input/unit/%s", unit_cases[i].name);

      g_test_add_data_func (path, &unit_cases[i], test_unit);
    }
  g_test_add_func ("/input/unit/usual", test_usual_units);
  for (guint i = 0; i < G_N_ELEMENTS (text_problem_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/input/text/%s", text_problem_cases[i].name);

      g_test_add_data_func (path, &text_problem_cases[i], test_text_problem);
    }
  for (guint i = 0; i < G_N_ELEMENTS (date_problem_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/input/date/not-after-assessment/%s", date_problem_cases[i].name);

      g_test_add_data_func (path, &date_problem_cases[i], test_date_problem);
    }
  g_test_add_func ("/input/choice/unset-labels", test_unset_choice_labels);

  status = g_test_run ();
  if (compiled_dir != NULL)
    vertebro_test_remove_tree (compiled_dir);
  g_free (compiled_dir);
  return status;
}
