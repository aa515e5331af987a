/* vertebro-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `vertebro --evaluate FILE [--format json|text] [--rules FILE]`: prints an
 * assessment, and works with no display. Exit status 0 when an assessment
 * was printed (whatever the verdict), 1 when the patient file or rule set
 * was refused (one line on stderr, nothing on stdout), 2 for a usage error.
 * With `--export-pdf OUT.pdf [--paper a4|letter]` it writes the PDF summary
 * (src/report/) instead of printing, and exits 1 when it cannot be written.
 */

#define G_LOG_DOMAIN "vertebro-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <sys/resource.h>
#include <glib/gi18n.h>

#include "vertebro-cli.h"
#include "vertebro-core.h"
#include "vertebro-module.h"

/* The window's entry point, in the "app" module (src/app/). */
typedef int (*VertebroAppMain) (int    argc,
                                char **argv);

/* The PDF export, in the "vertebro-pdf" module (src/report/vertebro-pdf.c). */
typedef int (*VertebroPdfExport) (VertebroAssessment  *assessment,
                                  VertebroPatient     *patient,
                                  VertebroRuleset     *rules,
                                  const char          *path,
                                  const char          *paper,
                                  GError             **error);

typedef struct {
  char     *evaluate;
  char     *format;
  char     *rules;
  char     *export_pdf;
  char     *paper;
  gboolean  version;
  GStrv     files;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->evaluate);
  g_free (options->format);
  g_free (options->rules);
  g_free (options->export_pdf);
  g_free (options->paper);
  g_strfreev (options->files);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* What a file said, safe to print: a file's text never reaches the terminal
 * with its control characters (an escape sequence could rewrite the
 * "Verdict:" line); they are shown as <U+001B>. */
static const char *
printable (const char  *text,
           char       **owned)
{
  *owned = vertebro_text_reveal_controls (text, FALSE);
  return *owned;
}

static int
usage_error (const char *message)
{
  /* Translators: %s says what is wrong with the command line. */
  g_printerr (_("vertebro: %s\nRun “vertebro --help” to see the options.\n"), message);
  return VERTEBRO_EXIT_USAGE;
}

static const char *
missing_label (const char *path,
               char      **owned)
{
  const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, path);
  const char *dot;

  if (field != NULL)
    return _(field->label);
  if (g_str_equal (path, "levels"))
    return _("At least one fractured level");
  if (g_str_has_prefix (path, "levels[") && (dot = strchr (path, '.')) != NULL)
    {
      g_autofree char *level_path = g_strconcat ("level", dot, NULL);

      field = vertebro_fields_lookup (VERTEBRO_RECORD_LEVEL, level_path);
      if (field != NULL)
        {
          /* Translators: "Level 1: Acuity"; %u is the level's position. */
          *owned = g_strdup_printf (_("Level %u: %s"),
                                    (guint) g_ascii_strtoull (path + strlen ("levels["), NULL, 10) + 1,
                                    _(field->label));
          return *owned;
        }
    }
  return path;
}

static void
print_sources (GString            *out,
               const char * const *sources)
{
  if (sources == NULL || sources[0] == NULL)
    return;
  g_autofree char *joined = g_strjoinv (", ", (char **) sources);
  /* Translators: a list of source ids such as "src-002, sir-2019". */
  g_string_append_printf (out, _("      Sources: %s\n"), joined);
}

static char *
assessment_to_text (VertebroAssessment *a)
{
  GString *out = g_string_new (NULL);
  const char * const *qualifying = vertebro_assessment_get_qualifying_levels (a);
  const char * const *missing = vertebro_assessment_get_missing (a);
  GPtrArray *items;
  double crcl;
  int age;

  /* Translators: the first line of the text output: the verdict, such as “Not ready”, then what it
   * means. */
  g_string_append_printf (out, _("Verdict: %s — %s\n"),
                          vertebro_verdict_get_label (vertebro_assessment_get_verdict (a)),
                          vertebro_verdict_get_summary (vertebro_assessment_get_verdict (a)));
  if (qualifying[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) qualifying);

      switch (vertebro_assessment_get_verdict (a))
        {
        case VERTEBRO_VERDICT_NOT_READY:
          /* Translators: %s lists vertebral levels such as “T12, L1”. */
          g_string_append_printf (out, _("Levels that qualify once corrected: %s\n"), joined);
          break;
        case VERTEBRO_VERDICT_REVIEW:
          /* Translators: %s lists vertebral levels such as “T12, L1”. */
          g_string_append_printf (out, _("Levels that qualify, subject to review: %s\n"), joined);
          break;
        case VERTEBRO_VERDICT_ELIGIBLE:
        case VERTEBRO_VERDICT_CONTRAINDICATED:
        case VERTEBRO_VERDICT_NOT_INDICATED:
        case VERTEBRO_VERDICT_INCOMPLETE:
        default:
          /* Translators: %s lists vertebral levels such as “T12, L1”. */
          g_string_append_printf (out, _("Levels that qualify: %s\n"), joined);
          break;
        }
    }

  if (vertebro_assessment_get_n_levels (a) > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Levels"));
      for (guint i = 0; i < vertebro_assessment_get_n_levels (a); i++)
        {
          int genant = vertebro_assessment_get_level_genant (a, i);
          /* Translators: the Genant grade of a vertebral fracture, 0 to 3. */
          g_autofree char *grade = genant >= 0 ? g_strdup_printf (_("Genant grade %d"), genant)
                                               : g_strdup (_("collapse not assessed"));

          g_string_append_printf (out, "  %-4s %s (%s)\n", vertebro_assessment_get_level_name (a, i),
                                  vertebro_verdict_get_label (vertebro_assessment_get_level_verdict (a, i)), grade);
        }
    }

  items = vertebro_assessment_get_findings (a);
  if (items->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Findings"));
      for (guint i = 0; i < items->len; i++)
        {
          VertebroItem *item = g_ptr_array_index (items, i);
          g_autofree char *message = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
          g_autofree char *remedy = vertebro_item_dup_remedy (item, VERTEBRO_TEXT_LOCALIZED);

          g_string_append_printf (out, "  [%s] %s\n", vertebro_severity_get_label (vertebro_item_get_severity (item)), message);
          if (remedy != NULL)
            /* Translators: keep the leading spaces (the indentation of the text output); %s says
             * what would change a finding. */
            g_string_append_printf (out, _("      What would change it: %s\n"), remedy);
          print_sources (out, vertebro_item_get_sources (item));
        }
    }

  if (missing[0] != NULL)
    {
      g_string_append_printf (out, "\n%s\n", _("To complete"));
      for (guint i = 0; missing[i] != NULL; i++)
        {
          g_autofree char *owned = NULL;

          g_string_append_printf (out, "  - %s (%s)\n", missing_label (missing[i], &owned), missing[i]);
        }
    }

  items = vertebro_assessment_get_checklist (a);
  if (items->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Preparation checklist"));
      for (guint i = 0; i < items->len; i++)
        {
          VertebroItem *item = g_ptr_array_index (items, i);
          g_autofree char *text = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
          const GDate *due = vertebro_item_get_due (item);

          g_string_append_printf (out, "  [%s] %s", vertebro_item_get_done (item) ? "x" : " ", text);
          if (due != NULL)
            {
              g_autofree char *date = vertebro_format_date (due, VERTEBRO_TEXT_LOCALIZED);
              /* Translators: %s is a date. */
              g_string_append_printf (out, _(" (due %s)"), date);
            }
          g_string_append_c (out, '\n');
        }
    }

  items = vertebro_assessment_get_counsel (a);
  if (items->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Counselling"));
      for (guint i = 0; i < items->len; i++)
        {
          g_autofree char *text = vertebro_item_dup_text (g_ptr_array_index (items, i), VERTEBRO_TEXT_LOCALIZED);
          g_string_append_printf (out, "  - %s\n", text);
        }
    }

  g_string_append_c (out, '\n');
  if (vertebro_assessment_get_age (a, &age))
    /* Translators: the patient’s age in whole years on the assessment date. */
    g_string_append_printf (out, ngettext ("Age: %d year\n", "Age: %d years\n", age), age);
  if (vertebro_assessment_get_crcl (a, &crcl))
    {
      g_autofree char *value = vertebro_format_number (crcl, VERTEBRO_TEXT_LOCALIZED);
      /* Translators: %s is a number in the user’s format, such as “59.9”. */
      g_string_append_printf (out, _("Creatinine clearance: %s mL/min\n"), value);
    }
  /* Translators: rule set id, version, and the start of its SHA-256. */
  g_string_append_printf (out, _("Rule set: %s %s (SHA-256 %.12s)\n"),
                          vertebro_assessment_get_ruleset_id (a),
                          vertebro_assessment_get_ruleset_version (a),
                          vertebro_assessment_get_ruleset_sha256 (a));
  g_string_append_printf (out, "%s\n", _("Decision support only: it does not replace clinical judgement."));

  return g_string_free (out, FALSE);
}

/* Writes the PDF summary through the vertebro-pdf module, loaded only now:
 * cairo and pango are never loaded for anything else. */
static int
export_pdf (const Options      *options,
            VertebroAssessment *assessment,
            VertebroPatient    *patient,
            VertebroRuleset    *rules)
{
  g_autoptr(GError) error = NULL;
  VertebroPdfExport export;

  export = vertebro_module_lookup ("report", "vertebro-pdf", "vertebro_pdf_export", &error);
  if (export == NULL)
    {
      g_printerr ("vertebro: %s\n", error->message);
      return VERTEBRO_EXIT_REFUSED;
    }
  if (!export (assessment, patient, rules, options->export_pdf, options->paper, &error))
    {
      g_autofree char *display = g_filename_display_name (options->export_pdf);
      g_autofree char *owned = NULL;

      /* Translators: the PDF file named on the command line, then why it
       * could not be written. */
      g_printerr (_("vertebro: %s: %s\n"), display, printable (error->message, &owned));
      return VERTEBRO_EXIT_REFUSED;
    }
  return VERTEBRO_EXIT_OK;
}

static int
evaluate (const Options *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroRuleset) rules = NULL;
  g_autoptr(VertebroPatient) patient = NULL;
  g_autoptr(VertebroAssessment) assessment = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->evaluate);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *output = NULL;
  GDate today;

  if (options->rules != NULL)
    {
      g_autoptr(GFile) rules_file = g_file_new_for_commandline_arg (options->rules);

      rules = vertebro_ruleset_new_from_file (rules_file, &error);
    }
  else
    rules = vertebro_ruleset_new_default (&error);
  if (rules == NULL)
    {
      g_autofree char *owned = NULL;

      /* Translators: %s names the rule set file and what is wrong in it. */
      g_printerr (_("vertebro: rule set refused: %s\n"), printable (error->message, &owned));
      return VERTEBRO_EXIT_REFUSED;
    }

  patient = vertebro_patient_new_from_file (file, NULL, &error);
  if (patient == NULL)
    {
      g_autofree char *owned = NULL;

      g_printerr ("vertebro: %s\n", printable (error->message, &owned));
      return VERTEBRO_EXIT_REFUSED;
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
  assessment = vertebro_evaluate (rules, patient, &today);

  if (options->export_pdf != NULL)
    {
      int status = export_pdf (options, assessment, patient, rules);

      /* With --export-pdf the assessment is printed only when asked for. */
      if (status != VERTEBRO_EXIT_OK || options->format == NULL)
        return status;
    }

  if (options->format == NULL || g_str_equal (options->format, "text"))
    {
      g_autofree char *text = assessment_to_text (assessment);

      output = vertebro_text_reveal_controls (text, TRUE);
    }
  else
    output = vertebro_assessment_to_json (assessment);

  fputs (output, stdout);
  return fflush (stdout) == 0 ? VERTEBRO_EXIT_OK : VERTEBRO_EXIT_REFUSED;
}

/* A core dump of this process would hold the patient's data (the file, the
 * form, drafts) in a file that nothing cleans up, often kept by the crash
 * reporter and sent on by it: none is ever written. The window runs in
 * this process too. A core limit of 0 is honoured by the kernel and by
 * systemd-coredump and apport when the kernel pipes the core to them.
 * prctl (PR_SET_DUMPABLE, 0) would also do, but it makes /proc/PID/root
 * unreadable to xdg-desktop-portal, which then refuses every request of
 * the process (xdg-desktop-portal issue 785): in the Flatpak no file could
 * be opened, saved or printed. */
static void
forbid_core_dumps (void)
{
  const struct rlimit none = { 0, 0 };

  if (setrlimit (RLIMIT_CORE, &none) != 0)
    g_debug ("setrlimit (RLIMIT_CORE): %s", g_strerror (errno));
}

/**
 * vertebro_cli_run:
 * @argc: as main() has it
 * @argv: as main() has it
 *
 * Returns: the exit status
 */
int
vertebro_cli_run (int    argc,
                  char **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  /* The window parses the command line again, so keep it as it was. */
  g_auto(GStrv) original = g_strdupv (argv);
  const GOptionEntry entries[] = {
    { "evaluate", 'e', 0, G_OPTION_ARG_FILENAME, &options.evaluate,
      N_("Evaluate a patient file and print the assessment"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &options.format,
      N_("Output format of --evaluate: text (the default) or json"), N_("FORMAT") },
    { "rules", 'r', 0, G_OPTION_ARG_FILENAME, &options.rules,
      N_("Use a site rule set instead of the built-in one"), N_("FILE") },
    { "export-pdf", 0, 0, G_OPTION_ARG_FILENAME, &options.export_pdf,
      N_("Write the assessment as a PDF summary to FILE; nothing is printed unless --format is given"),
      N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &options.paper,
      N_("Paper of --export-pdf: a4 or letter (the default is the locale’s)"), N_("PAPER") },
    { "version", 'v', 0, G_OPTION_ARG_NONE, &options.version,
      N_("Show the version and the built-in rule set"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.files, NULL, N_("[FILE…]") },
    { NULL }
  };

  forbid_core_dumps ();

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Decide whether a patient can safely have vertebroplasty or "
                                  "kyphoplasty, and prepare and counsel them."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);

  if (options.version)
    {
      g_autoptr(VertebroRuleset) rules = vertebro_ruleset_new_default (NULL);

      g_print ("vertebro %s\n", PACKAGE_VERSION);
      if (rules != NULL)
        /* Translators: printed by --version: the built-in rule set’s id, version and SHA-256. */
        g_print (_("Built-in rule set: %s %s (SHA-256 %s)\n"), vertebro_ruleset_get_id (rules),
                 vertebro_ruleset_get_version (rules), vertebro_ruleset_get_sha256 (rules));
      return VERTEBRO_EXIT_OK;
    }

  if (options.format != NULL && !g_str_equal (options.format, "json") && !g_str_equal (options.format, "text"))
    return usage_error (_("--format must be “json” or “text”"));

  if (options.paper != NULL && g_ascii_strcasecmp (options.paper, "a4") != 0 &&
      g_ascii_strcasecmp (options.paper, "letter") != 0)
    return usage_error (_("--paper must be “a4” or “letter”"));
  if (options.paper != NULL && options.export_pdf == NULL)
    return usage_error (_("--paper only goes with --export-pdf FILE"));

  if (options.evaluate == NULL)
    {
      VertebroAppMain app_main;

      if (options.export_pdf != NULL)
        return usage_error (_("--export-pdf only goes with --evaluate FILE"));

      if (options.format != NULL)
        return usage_error (_("--format only goes with --evaluate FILE"));

      app_main = vertebro_module_lookup ("app", "vertebro-app", "vertebro_app_main", &error);
      if (app_main == NULL)
        {
          g_printerr ("vertebro: %s\n", error->message);
          return VERTEBRO_EXIT_REFUSED;
        }
      return app_main ((int) g_strv_length (original), original);
    }

  if (options.files != NULL && options.files[0] != NULL)
    return usage_error (_("--evaluate takes one file; give no other file names"));

  return evaluate (&options);
}
