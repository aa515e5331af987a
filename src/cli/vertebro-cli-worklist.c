/* vertebro-cli-worklist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `vertebro --worklist DIR [--format text|json|csv] [--today YYYY-MM-DD]`:
 * every patient file of a folder, one row each, in the worklist's order
 * (src/core/vertebro-worklist.c), in one process with no display. Exit 0
 * when the folder was read, whatever its files; 1 when it could not be; 2
 * for a usage error.
 *
 * text is a table for a person: names and identifiers from the files never
 * reach the terminal raw (vertebro_worklist_safe_text()). json is for
 * programs and the same under every locale (messages in English, ISO dates).
 * csv is RFC 4180 (CRLF, fields with a comma, quote or line break quoted,
 * quotes doubled) for a spreadsheet audit; a cell that a spreadsheet would
 * read as a formula (starting with =, +, -, @, a tab or a carriage return)
 * gets a leading apostrophe.
 */

#define G_LOG_DOMAIN "vertebro-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-cli.h"
#include "vertebro-cli-worklist.h"
#include "vertebro-core.h"
#include "vertebro-json.h"

/* ---- text ---- */

static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

enum { COL_PLANNED, COL_VERDICT, COL_MISSING, COL_DECISION, COL_NAME, COL_IDENTIFIER, COL_FILE,
       COL_DUE, COL_NEXT, N_COLS };

static void
append_cell (GString    *out,
             const char *text,
             guint       width,
             gboolean    last)
{
  g_string_append (out, text);
  if (last)
    return;
  for (guint w = display_width (text); w < width + 2; w++)
    g_string_append_c (out, ' ');
}

static char *
worklist_to_text (GPtrArray *rows)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint widths[N_COLS] = { 0 };
  guint n_refused = 0;
  GString *out = g_string_new (NULL);
  const char *headers[N_COLS] = {
    /* Translators: column headings of `vertebro --worklist DIR`. */
    C_("worklist", "Planned"), C_("worklist", "Verdict"), C_("worklist", "Missing"),
    C_("worklist", "Decision"), C_("worklist", "Patient"), C_("worklist", "Identifier"),
    C_("worklist", "File"), C_("worklist", "Due"), C_("worklist", "Next action"),
  };

  for (guint c = 0; c < N_COLS; c++)
    g_ptr_array_add (cells, g_strdup (headers[c]));
  for (guint i = 0; i < rows->len; i++)
    {
      VertebroWorklistRow *row = g_ptr_array_index (rows, i);
      const GDate *planned = vertebro_worklist_row_get_planned_date (row);
      VertebroVerdict verdict;
      const char *outcome = vertebro_worklist_row_get_decision (row);
      const char *decision = outcome != NULL ? vertebro_decision_outcome_label (outcome) : NULL;
      const char *error = vertebro_worklist_row_get_error (row);
      g_autofree char *next = vertebro_worklist_row_dup_next_text (row, VERTEBRO_TEXT_LOCALIZED);

      g_ptr_array_add (cells, planned != NULL ? vertebro_format_date (planned, VERTEBRO_TEXT_LOCALIZED) : g_strdup ("—"));
      if (vertebro_worklist_row_get_verdict (row, &verdict))
        {
          g_ptr_array_add (cells, g_strdup (vertebro_verdict_get_label (verdict)));
          g_ptr_array_add (cells, g_strdup_printf ("%u", vertebro_worklist_row_get_n_missing (row)));
        }
      else
        {
          /* Translators: the verdict column of a file the worklist could not read. */
          g_ptr_array_add (cells, g_strdup (C_("worklist", "Refused")));
          g_ptr_array_add (cells, g_strdup ("—"));
          n_refused++;
        }
      g_ptr_array_add (cells, g_strdup (decision != NULL ? decision : "—"));
      g_ptr_array_add (cells, vertebro_worklist_safe_text (vertebro_worklist_row_get_name (row) != NULL
                                                           ? vertebro_worklist_row_get_name (row) : "—"));
      g_ptr_array_add (cells, vertebro_worklist_safe_text (vertebro_worklist_row_get_identifier (row) != NULL
                                                           ? vertebro_worklist_row_get_identifier (row) : "—"));
      g_ptr_array_add (cells, vertebro_worklist_safe_text (vertebro_worklist_row_get_display_file (row)));
      if (error != NULL)
        {
          g_ptr_array_add (cells, g_strdup ("—"));
          g_ptr_array_add (cells, vertebro_worklist_safe_text (error));
        }
      else if (next != NULL)
        {
          g_ptr_array_add (cells, vertebro_worklist_row_dup_due_text (row));
          g_ptr_array_add (cells, vertebro_worklist_safe_text (next));
        }
      else
        {
          g_ptr_array_add (cells, g_strdup ("—"));
          g_ptr_array_add (cells, g_strdup ("—"));
        }
    }

  for (guint i = 0; i < cells->len; i++)
    widths[i % N_COLS] = MAX (widths[i % N_COLS], display_width (g_ptr_array_index (cells, i)));
  for (guint i = 0; i < cells->len; i++)
    {
      append_cell (out, g_ptr_array_index (cells, i), widths[i % N_COLS], i % N_COLS == N_COLS - 1);
      if (i % N_COLS == N_COLS - 1)
        g_string_append_c (out, '\n');
    }

  g_string_append_c (out, '\n');
  /* Translators: the last line of `vertebro --worklist DIR`; %u is a number of files. */
  g_string_append_printf (out, ngettext ("%u patient file", "%u patient files", rows->len), rows->len);
  if (n_refused > 0)
    /* Translators: follows "N patient files"; %u is how many of them could not be read. */
    g_string_append_printf (out, ngettext (", %u refused", ", %u refused", n_refused), n_refused);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* ---- json ---- */

static void
add_date (JsonBuilder *builder,
          const char  *member,
          const GDate *date)
{
  json_builder_set_member_name (builder, member);
  if (date != NULL)
    {
      g_autofree char *text = vertebro_format_date (date, VERTEBRO_TEXT_PORTABLE);
      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* One row as a JSON object, as the whole output indents it. */
static void
append_row_json (GString             *out,
                 VertebroWorklistRow *row)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  const char *error = vertebro_worklist_row_get_error (row);
  VertebroVerdict verdict;

  json_builder_begin_object (builder);
  add_string (builder, "file", vertebro_worklist_row_get_display_file (row));
  add_string (builder, "name", vertebro_worklist_row_get_name (row));
  add_string (builder, "identifier", vertebro_worklist_row_get_identifier (row));
  add_date (builder, "planned_date", vertebro_worklist_row_get_planned_date (row));
  add_string (builder, "verdict", vertebro_worklist_row_get_verdict (row, &verdict)
                                    ? vertebro_verdict_to_string (verdict) : NULL);
  add_string (builder, "decision", vertebro_worklist_row_get_decision (row));
  json_builder_set_member_name (builder, "missing");
  if (error == NULL)
    json_builder_add_int_value (builder, vertebro_worklist_row_get_n_missing (row));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "next");
  if (vertebro_worklist_row_get_next_id (row) != NULL)
    {
      g_autofree char *next = vertebro_worklist_row_dup_next_text (row, VERTEBRO_TEXT_PORTABLE);

      json_builder_begin_object (builder);
      add_string (builder, "id", vertebro_worklist_row_get_next_id (row));
      add_string (builder, "text", next);
      add_date (builder, "due", vertebro_worklist_row_get_next_due (row));
      json_builder_set_member_name (builder, "overdue");
      json_builder_add_boolean_value (builder, vertebro_worklist_row_get_next_overdue (row));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  add_string (builder, "error", error);
  json_builder_end_object (builder);

  /* Line breaks inside strings are escaped, so each line of the text is a
   * line of the layout. */
  node = json_builder_get_root (builder);
  text = vertebro_json_to_string (node, TRUE);
  g_strchomp (text);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "%s    %s", i > 0 ? "\n" : "", lines[i]);
}

/* The rows are written one by one, each from a small tree of its own, so
 * that memory does not grow with a tree of the whole folder. */
static char *
worklist_to_json (GPtrArray   *rows,
                  const char  *folder,
                  const GDate *today)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *head = NULL;
  GString *out;

  json_builder_begin_object (builder);
  add_string (builder, "folder", folder);
  add_date (builder, "today", today);
  json_builder_set_member_name (builder, "patients");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  head = vertebro_json_to_string (root, TRUE);
  if (rows->len == 0)
    return g_steal_pointer (&head);

  /* Everything before the empty array's "[]", then the rows. */
  g_assert (g_str_has_suffix (head, "[]\n}\n"));
  out = g_string_new_len (head, strlen (head) - strlen ("[]\n}\n"));
  g_string_append (out, "[\n");
  for (guint i = 0; i < rows->len; i++)
    {
      append_row_json (out, g_ptr_array_index (rows, i));
      g_string_append (out, i + 1 < rows->len ? ",\n" : "\n");
    }
  g_string_append (out, "  ]\n}\n");
  return g_string_free (out, FALSE);
}

/* ---- csv ---- */

static void
append_csv (GString    *out,
            const char *value,
            gboolean    last)
{
  gboolean formula, quote;

  if (value == NULL)
    value = "";
  formula = strchr ("=+-@\t\r", value[0]) != NULL && value[0] != '\0';
  quote = formula || strpbrk (value, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
  g_string_append (out, last ? "\r\n" : ",");
}

static char *
worklist_to_csv (GPtrArray *rows)
{
  static const char * const header[] = {
    "file", "name", "identifier", "planned_date", "verdict", "decision", "missing",
    "next_id", "next_text", "next_due", "next_overdue", "error",
  };
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    append_csv (out, header[c], c == G_N_ELEMENTS (header) - 1);

  for (guint i = 0; i < rows->len; i++)
    {
      VertebroWorklistRow *row = g_ptr_array_index (rows, i);
      const GDate *planned = vertebro_worklist_row_get_planned_date (row);
      const char *error = vertebro_worklist_row_get_error (row);
      g_autofree char *planned_text = planned != NULL ? vertebro_format_date (planned, VERTEBRO_TEXT_PORTABLE) : NULL;
      g_autofree char *missing = error == NULL ? g_strdup_printf ("%u", vertebro_worklist_row_get_n_missing (row)) : NULL;
      g_autofree char *next = vertebro_worklist_row_dup_next_text (row, VERTEBRO_TEXT_LOCALIZED);
      g_autofree char *due = next != NULL ? vertebro_format_date (vertebro_worklist_row_get_next_due (row), VERTEBRO_TEXT_PORTABLE) : NULL;
      VertebroVerdict verdict;

      append_csv (out, vertebro_worklist_row_get_display_file (row), FALSE);
      append_csv (out, vertebro_worklist_row_get_name (row), FALSE);
      append_csv (out, vertebro_worklist_row_get_identifier (row), FALSE);
      append_csv (out, planned_text, FALSE);
      append_csv (out, vertebro_worklist_row_get_verdict (row, &verdict) ? vertebro_verdict_to_string (verdict) : NULL, FALSE);
      append_csv (out, vertebro_worklist_row_get_decision (row), FALSE);
      append_csv (out, missing, FALSE);
      append_csv (out, vertebro_worklist_row_get_next_id (row), FALSE);
      append_csv (out, next, FALSE);
      append_csv (out, due, FALSE);
      append_csv (out, next == NULL ? NULL : vertebro_worklist_row_get_next_overdue (row) ? "true" : "false", FALSE);
      append_csv (out, error, TRUE);
    }
  return g_string_free (out, FALSE);
}

/**
 * vertebro_cli_worklist:
 * @folder: the folder named on the command line
 * @format: (nullable): "text" (the default), "json" or "csv"
 * @today_text: (nullable): YYYY-MM-DD, or %NULL for the current date
 * @rules_path: (nullable): a site rule set, or %NULL for the built-in one
 *
 * Returns: the exit status
 */
int
vertebro_cli_worklist (const char *folder,
                       const char *format,
                       const char *today_text,
                       const char *rules_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroRuleset) rules = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (folder);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *display = g_filename_display_name (folder);
  g_autofree char *output = NULL;
  GDate today;

  if (format == NULL)
    format = "text";
  if (!g_str_equal (format, "text") && !g_str_equal (format, "json") && !g_str_equal (format, "csv"))
    {
      /* Translators: %s says what is wrong with the command line. */
      g_printerr (_("vertebro: %s\nRun “vertebro --help” to see the options.\n"),
                  _("--format of --worklist must be “text”, “json” or “csv”"));
      return VERTEBRO_EXIT_USAGE;
    }

  if (today_text != NULL)
    {
      if (!vertebro_date_parse (today_text, &today))
        {
          g_printerr (_("vertebro: %s\nRun “vertebro --help” to see the options.\n"),
                      _("--today must be a date written YYYY-MM-DD"));
          return VERTEBRO_EXIT_USAGE;
        }
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }

  /* The JSON output is the same under every locale: its messages (the
   * errors of refused files) in English too, with C numbers. */
  if (g_str_equal (format, "json"))
    {
      if (setlocale (LC_ALL, "C.UTF-8") == NULL)
        setlocale (LC_ALL, "C");
      /* gettext ignores LANGUAGE only under the C locale itself. */
      setlocale (LC_MESSAGES, "C");
    }

  if (rules_path != NULL)
    {
      g_autoptr(GFile) rules_file = g_file_new_for_commandline_arg (rules_path);

      rules = vertebro_ruleset_new_from_file (rules_file, &error);
    }
  else
    rules = vertebro_ruleset_new_default (&error);
  if (rules == NULL)
    {
      /* Translators: %s names the rule set file and what is wrong in it. */
      g_printerr (_("vertebro: rule set refused: %s\n"), error->message);
      return VERTEBRO_EXIT_REFUSED;
    }

  rows = vertebro_worklist_read (rules, file, &today, NULL, &error);
  if (rows == NULL)
    {
      const char *why = error->message;

      /* GIO's messages name the folder again; ours say only what is wrong. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        why = _("no such folder");
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
        why = _("is not a folder");
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        why = _("the folder cannot be read: permission denied");
      /* Translators: the folder named on the command line, then why it could not be read. */
      g_printerr (_("vertebro: %s: %s\n"), display, why);
      return VERTEBRO_EXIT_REFUSED;
    }

  if (g_str_equal (format, "json"))
    output = worklist_to_json (rows, display, &today);
  else if (g_str_equal (format, "csv"))
    output = worklist_to_csv (rows);
  else
    output = worklist_to_text (rows);

  fputs (output, stdout);
  return fflush (stdout) == 0 ? VERTEBRO_EXIT_OK : VERTEBRO_EXIT_REFUSED;
}
