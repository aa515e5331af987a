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
 * `--export-leaflet OUT.pdf [--language de|en|es|fr]` writes the patient's
 * leaflet the same way (issue 17), in its own language.
 */

#define G_LOG_DOMAIN "vertebro-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <sys/resource.h>
#include <glib/gi18n.h>

#include "vertebro-cli.h"
#include "vertebro-cli-worklist.h"
#include "vertebro-pdf-module.h"
#include "vertebro-core.h"
#include "vertebro-module.h"

/* The window's entry point, in the "app" module (src/app/). */
typedef int (*VertebroAppMain) (int    argc,
                                char **argv);



typedef struct {
  char     *evaluate;
  char     *format;
  char     *rules;
  char     *export_pdf;
  char     *paper;
  char     *export_leaflet;
  char     *language;
  gboolean  version;
  GStrv     files;
  /* --worklist (src/cli/vertebro-cli-worklist.c) */
  char     *worklist;
  char     *today;
  gboolean  window;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->evaluate);
  g_free (options->format);
  g_free (options->rules);
  g_free (options->export_pdf);
  g_free (options->paper);
  g_free (options->export_leaflet);
  g_free (options->language);
  g_strfreev (options->files);
  g_free (options->worklist);
  g_free (options->today);
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

/* A setting of the app (the department's contact line for the leaflet,
 * the institution's name for the summary) when its schema is installed:
 * the command line works without it, and the documents then go without
 * (the leaflet has a blank line to write the contact on). */
static char *
app_setting (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_string (settings, key);
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
  g_autofree char *institution = app_setting ("institution-name");
  VertebroPdfExportFunc *export;

  export = vertebro_module_lookup ("report", "vertebro-pdf", "vertebro_pdf_export", &error);
  if (export == NULL)
    {
      g_printerr ("vertebro: %s\n", error->message);
      return VERTEBRO_EXIT_REFUSED;
    }
  if (!export (assessment, patient, rules, options->export_pdf, options->paper, institution, &error))
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

/* Writes the patient's leaflet through the vertebro-pdf module. */
static int
export_leaflet (const Options      *options,
                VertebroAssessment *assessment,
                VertebroPatient    *patient)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contact = app_setting ("department-contact");
  VertebroLeafletExportFunc *export;

  export = vertebro_module_lookup ("report", "vertebro-pdf", "vertebro_pdf_export_leaflet", &error);
  if (export == NULL)
    {
      g_printerr ("vertebro: %s\n", error->message);
      return VERTEBRO_EXIT_REFUSED;
    }
  if (!export (assessment, patient, options->export_leaflet, options->paper, options->language, contact, &error))
    {
      g_autofree char *display = g_filename_display_name (options->export_leaflet);

      g_printerr (_("vertebro: %s: %s\n"), display, error->message);
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

  /* A path is read without GIO; a URI through it. */
  if (g_uri_peek_scheme (options->evaluate) == NULL)
    patient = vertebro_patient_new_from_path (options->evaluate, &error);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->evaluate);

      patient = vertebro_patient_new_from_file (file, NULL, &error);
    }
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
      if (status != VERTEBRO_EXIT_OK || (options->format == NULL && options->export_leaflet == NULL))
        return status;
    }
  if (options->export_leaflet != NULL)
    {
      int status = export_leaflet (options, assessment, patient);

      if (status != VERTEBRO_EXIT_OK || options->format == NULL)
        return status;
    }

  if (options->format == NULL || g_str_equal (options->format, "text"))
    {
      g_autofree char *text = vertebro_assessment_to_text (assessment, rules);

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
    { "export-leaflet", 0, 0, G_OPTION_ARG_FILENAME, &options.export_leaflet,
      N_("Write the patient’s leaflet (what to do before and after the procedure) to FILE as a PDF"),
      N_("FILE") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &options.language,
      N_("Language of --export-leaflet: de, en, es or fr (the default is the interface’s)"), N_("LANGUAGE") },
    { "version", 'v', 0, G_OPTION_ARG_NONE, &options.version,
      N_("Show the version and the built-in rule set"), NULL },
    { "worklist", 0, 0, G_OPTION_ARG_FILENAME, &options.worklist,
      N_("Evaluate every patient file of a folder and print one row each; --format text, json or csv"),
      N_("FOLDER") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &options.today,
      N_("The date --worklist counts due and overdue actions from (default: the current date)"),
      N_("YYYY-MM-DD") },
    { "window", 0, 0, G_OPTION_ARG_NONE, &options.window,
      N_("With --worklist: show the worklist in a window"), NULL },
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

  if (options.window && options.worklist == NULL)
    return usage_error (_("--window only goes with --worklist FOLDER"));
  if (options.worklist != NULL && options.window)
    {
      VertebroAppMain app_main;

      if (options.format != NULL || options.today != NULL)
        return usage_error (_("--window shows the worklist; it takes neither --format nor --today"));
      app_main = vertebro_module_lookup ("app", "vertebro-app", "vertebro_app_main", &error);
      if (app_main == NULL)
        {
          g_printerr ("vertebro: %s\n", error->message);
          return VERTEBRO_EXIT_REFUSED;
        }
      return app_main ((int) g_strv_length (original), original);
    }
  if (options.worklist != NULL)
    {
      if (options.evaluate != NULL || options.export_pdf != NULL || options.paper != NULL)
        return usage_error (_("--worklist goes with neither --evaluate nor --export-pdf"));
      if (options.files != NULL && options.files[0] != NULL)
        return usage_error (_("--worklist takes one folder; give no other file names"));
      return vertebro_cli_worklist (options.worklist, options.format, options.today, options.rules);
    }
  if (options.today != NULL)
    return usage_error (_("--today only goes with --worklist FOLDER"));

  if (options.format != NULL && !g_str_equal (options.format, "json") && !g_str_equal (options.format, "text"))
    return usage_error (_("--format must be “json” or “text”"));

  if (options.paper != NULL && g_ascii_strcasecmp (options.paper, "a4") != 0 &&
      g_ascii_strcasecmp (options.paper, "letter") != 0)
    return usage_error (_("--paper must be “a4” or “letter”"));
  if (options.paper != NULL && options.export_pdf == NULL && options.export_leaflet == NULL)
    return usage_error (_("--paper only goes with --export-pdf FILE"));
  if (options.language != NULL && options.export_leaflet == NULL)
    return usage_error (_("--language only goes with --export-leaflet FILE"));
  if (options.language != NULL && !g_str_equal (options.language, "de") && !g_str_equal (options.language, "en") &&
      !g_str_equal (options.language, "es") && !g_str_equal (options.language, "fr"))
    return usage_error (_("--language must be “de”, “en”, “es” or “fr”"));

  if (options.evaluate == NULL)
    {
      VertebroAppMain app_main;

      if (options.export_pdf != NULL)
        return usage_error (_("--export-pdf only goes with --evaluate FILE"));
      if (options.export_leaflet != NULL)
        return usage_error (_("--export-leaflet only goes with --evaluate FILE"));

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
