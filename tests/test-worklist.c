/* test-worklist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worklist over a folder (issue 16): the core's rows, and `vertebro
 * --worklist DIR` as a user sees it: the rows' order (planned date, undated
 * last, then the file name), the next action and whether it is overdue,
 * broken files listed with their error and no verdict, other files and
 * subfolders ignored, the exit statuses, the JSON shape, RFC 4180 CSV, and a
 * folder of 10,000 files.
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "vertebro-core.h"
#include "vertebro-test-run.h"

static char *vertebro_exe;
static char *examples_dir;
static char *template;  /* examples/eligible-osteoporotic.vertebro */

/* ---- Making patient files ---- */

typedef struct {
  const char *file;
  const char *name;
  const char *identifier;
  const char *planned;     /* NULL: no planned date */
  gboolean    hold_done;   /* the clopidogrel stop ticked */
  const char *decision;    /* decision.outcome, or NULL for none */
} Patient;

static char *
patient_text (const Patient *p)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  JsonObject *patient, *assessment, *checklist;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  /* Parsed afresh each time: json_node_copy() would share the objects. */
  g_assert_true (json_parser_load_from_data (parser, template, -1, NULL));
  root = json_parser_get_root (parser);
  object = json_node_get_object (root);
  patient = json_object_get_object_member (object, "patient");
  assessment = json_object_get_object_member (object, "assessment");
  checklist = json_object_get_object_member (object, "checklist");

  json_object_set_string_member (patient, "name", p->name);
  json_object_set_string_member (patient, "identifier", p->identifier);
  json_object_set_string_member (assessment, "date", "2026-11-30");
  if (p->planned != NULL)
    json_object_set_string_member (assessment, "planned_date", p->planned);
  else
    json_object_set_null_member (assessment, "planned_date");
  if (p->hold_done)
    json_object_set_boolean_member (checklist, "prep.hold.clopidogrel", TRUE);
  if (p->decision != NULL)
    {
      JsonObject *decision = json_object_new ();

      json_object_set_string_member (decision, "outcome", p->decision);
      json_object_set_string_member (decision, "date", "2026-11-30");
      json_object_set_string_member (decision, "by", "Dr Test");
      /* A whole decision, as patient-format.md has it: "proceed" names
       * the levels to treat. */
      if (g_str_equal (p->decision, "proceed"))
        {
          JsonArray *levels = json_array_new ();

          json_array_add_string_element (levels, "T12");
          json_object_set_array_member (decision, "levels", levels);
        }
      json_object_set_object_member (object, "decision", decision);
    }
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
write_file (const char *dir,
            const char *file,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Clopidogrel must stop 5 days before the procedure: a procedure on
 * 2026-12-10 makes it due on 2026-12-05, on 2026-12-20 due on 2026-12-15. */
static const Patient patients[] = {
  { "a-later.vertebro", "Ann Later", "MRN 1", "2026-12-20", FALSE, NULL },
  { "b-soon.vertebro", "Bob Soon", "MRN 2", "2026-12-10", FALSE, "proceed" },
  { "c-undated.vertebro", "Cy Undated", "MRN 3", NULL, FALSE, NULL },
  { "d-undated.vertebro", "Di Undated", "MRN 4", NULL, FALSE, "do_not_proceed" },
  { "e-soon-done.vertebro", "Eve Done", "MRN 5", "2026-12-10", TRUE, "defer" },
};

/* The folder every case works on: the patients above, two refused files,
 * a FIFO named like a patient file, and what the worklist ignores. */
static char *
make_folder (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-worklist");
  g_autofree char *sub = g_build_filename (dir, "locked", NULL);
  g_autofree char *folder_named = g_build_filename (dir, "folder.vertebro", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.vertebro", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (patients); i++)
    {
      g_autofree char *text = patient_text (&patients[i]);
      write_file (dir, patients[i].file, text);
    }
  write_file (dir, "broken.vertebro", "{ \"format\": \"vertebro-patient\", ");
  write_file (dir, "inr.vertebro", "{\"format\": \"vertebro-patient\", \"version\": 1, \"labs\": {\"inr\": 25}}");
  write_file (dir, "other-format.vertebro", "{\"format\": \"something-else\", \"version\": 1}");
  /* Ignored: other names, hidden files, subfolders (one unreadable). */
  write_file (dir, "notes.txt", "not a patient");
  write_file (dir, "scan.png", "\x89PNG\r\n\x1a\n");
  write_file (dir, ".hidden.vertebro", "{}");
  write_file (dir, "patient.vertebro.bak", "{}");
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  write_file (sub, "inside.vertebro", "{}");
  g_assert_cmpint (g_chmod (sub, 0), ==, 0);
  g_assert_cmpint (g_mkdir (folder_named, 0700), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  return g_steal_pointer (&dir);
}

/* What the rows must be, in order, with --today 2026-12-07. */
typedef struct {
  const char *file;
  const char *verdict;   /* NULL: refused */
  const char *planned;
  const char *next_id;
  gboolean    overdue;
  const char *decision;
  const char *error;     /* a fragment of the error */
} Expected;

static const Expected expected[] = {
  { "b-soon.vertebro", "eligible", "2026-12-10", "prep.hold.clopidogrel", TRUE, "proceed", NULL },
  { "e-soon-done.vertebro", "eligible", "2026-12-10", NULL, FALSE, "defer", NULL },
  { "a-later.vertebro", "eligible", "2026-12-20", "prep.hold.clopidogrel", FALSE, NULL, NULL },
  { "broken.vertebro", NULL, NULL, NULL, FALSE, NULL, "not valid JSON" },
  { "c-undated.vertebro", "eligible", NULL, NULL, FALSE, NULL, NULL },
  { "d-undated.vertebro", "eligible", NULL, NULL, FALSE, "do_not_proceed", NULL },
  { "fifo.vertebro", NULL, NULL, NULL, FALSE, NULL, "not a regular file" },
  { "inr.vertebro", NULL, NULL, NULL, FALSE, NULL, "labs.inr: 25 is outside the allowed range 0.5–20" },
  { "other-format.vertebro", NULL, NULL, NULL, FALSE, NULL, "not a Vertebro patient file" },
};

static void
remove_folder (const char *dir)
{
  vertebro_test_remove_tree (dir);
}

/* ---- Running vertebro ---- */

static void
run_worklist (VertebroRun        *run,
              const char * const *args)
{
  static const char * const env[] = { "LC_ALL=C.UTF-8", NULL };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, vertebro_exe);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  vertebro_run_argv (run, env, (const char * const *) argv->pdata);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static const char *
string_or_null (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  return json_node_get_string (node);
}

/* ---- The core ---- */

static void
test_core_rows (void)
{
  g_autofree char *dir = make_folder ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(VertebroRuleset) rules = vertebro_ruleset_new_default (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 7, 12, 2026);
  rows = vertebro_worklist_read (rules, folder, &today, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < rows->len; i++)
    {
      VertebroWorklistRow *row = g_ptr_array_index (rows, i);
      const Expected *e = &expected[i];
      const GDate *planned = vertebro_worklist_row_get_planned_date (row);
      g_autofree char *planned_text = planned != NULL ? vertebro_format_date (planned, VERTEBRO_TEXT_PORTABLE) : NULL;
      VertebroVerdict verdict;

      g_test_message ("row %u: %s", i, vertebro_worklist_row_get_file (row));
      g_assert_cmpstr (vertebro_worklist_row_get_file (row), ==, e->file);
      g_assert_cmpstr (planned_text, ==, e->planned);
      g_assert_cmpstr (vertebro_worklist_row_get_next_id (row), ==, e->next_id);
      g_assert_cmpint (vertebro_worklist_row_get_next_overdue (row), ==, e->overdue);
      g_assert_cmpstr (vertebro_worklist_row_get_decision (row), ==, e->decision);
      if (e->verdict == NULL)
        {
          g_assert_false (vertebro_worklist_row_get_verdict (row, &verdict));
          g_assert_nonnull (strstr (vertebro_worklist_row_get_error (row), e->error));
          g_assert_null (vertebro_worklist_row_get_name (row));
        }
      else
        {
          g_assert_true (vertebro_worklist_row_get_verdict (row, &verdict));
          g_assert_cmpstr (vertebro_verdict_to_string (verdict), ==, e->verdict);
          g_assert_null (vertebro_worklist_row_get_error (row));
        }
    }

  remove_folder (dir);
}

static void
test_core_missing_folder (void)
{
  g_autoptr(GFile) folder = g_file_new_for_path ("/nonexistent/vertebro-worklist");
  g_autoptr(VertebroRuleset) rules = vertebro_ruleset_new_default (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 7, 12, 2026);
  rows = vertebro_worklist_read (rules, folder, &today, NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

typedef struct {
  const char *in;
  const char *out;
} SafeCase;

static const SafeCase safe_cases[] = {
  { "Jane Example", "Jane Example" },
  { "Müller-Lüdenscheidt 张伟", "Müller-Lüdenscheidt 张伟" },
  { "tab\there", "tab\xEF\xBF\xBDhere" },
  { "line\nbreak", "line\xEF\xBF\xBD" "break" },
  { "\x1b[31mred", "\xEF\xBF\xBD[31mred" },
  { "C1 \xC2\x9B here", "C1 \xEF\xBF\xBD here" },
  { "evil\xE2\x80\xAEtxt.exe", "evil\xEF\xBF\xBDtxt.exe" },
  { "iso\xE2\x81\xA6late", "iso\xEF\xBF\xBDlate" },
};

static void
test_safe_text (gconstpointer data)
{
  const SafeCase *c = data;
  g_autofree char *out = vertebro_worklist_safe_text (c->in);

  g_assert_cmpstr (out, ==, c->out);
}

/* ---- The command line ---- */

static void
test_cli_json (void)
{
  g_autofree char *dir = make_folder ();
  g_auto(VertebroRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *array;
  static const char * const members[] = {
    "file", "name", "identifier", "planned_date", "verdict", "decision", "missing", "next", "error",
  };

  run_worklist (&run, (const char * const[]) { "--worklist", dir, "--format", "json", "--today", "2026-12-07", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "folder"), ==, dir);
  g_assert_cmpstr (json_object_get_string_member (object, "today"), ==, "2026-12-07");
  array = json_object_get_array_member (object, "patients");
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *row = json_array_get_object_element (array, i);
      const Expected *e = &expected[i];
      JsonNode *next = json_object_get_member (row, "next");

      g_assert_cmpuint (json_object_get_size (row), ==, G_N_ELEMENTS (members));
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_true (json_object_has_member (row, members[m]));

      g_assert_cmpstr (string_or_null (row, "file"), ==, e->file);
      g_assert_cmpstr (string_or_null (row, "verdict"), ==, e->verdict);
      g_assert_cmpstr (string_or_null (row, "planned_date"), ==, e->planned);
      g_assert_cmpstr (string_or_null (row, "decision"), ==, e->decision);
      if (e->verdict == NULL)
        {
          /* Refused: the error, and nothing else. */
          g_assert_nonnull (strstr (string_or_null (row, "error"), e->error));
          g_assert_null (string_or_null (row, "name"));
          g_assert_null (string_or_null (row, "identifier"));
          g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (row, "missing")));
          g_assert_true (JSON_NODE_HOLDS_NULL (next));
        }
      else
        {
          g_assert_null (string_or_null (row, "error"));
          g_assert_nonnull (string_or_null (row, "name"));
          g_assert_cmpint (json_object_get_int_member (row, "missing"), ==, 0);
        }
      if (e->next_id != NULL)
        {
          JsonObject *n = json_node_get_object (next);

          g_assert_cmpuint (json_object_get_size (n), ==, 4);
          g_assert_cmpstr (json_object_get_string_member (n, "id"), ==, e->next_id);
          g_assert_true (g_str_has_prefix (json_object_get_string_member (n, "text"), "Stop clopidogrel on or before 2026-12-"));
          g_assert_cmpstr (json_object_get_string_member (n, "due"), ==,
                           g_str_equal (e->planned, "2026-12-10") ? "2026-12-05" : "2026-12-15");
          g_assert_cmpint (json_object_get_boolean_member (n, "overdue"), ==, e->overdue);
        }
      else
        g_assert_true (JSON_NODE_HOLDS_NULL (next));
    }

  remove_folder (dir);
}

/* The JSON is the same under every locale, refused files' errors included. */
static void
test_cli_json_locale (void)
{
  g_autofree char *dir = make_folder ();
  g_auto(VertebroRun) c = { 0 };
  g_auto(VertebroRun) de = { 0 };
  const char * const argv_c[] = { vertebro_exe, "--worklist", dir, "--format", "json", "--today", "2026-12-07", NULL };
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autofree char *localedir_env = g_strconcat ("VERTEBRO_LOCALEDIR=", localedir, NULL);
  const char * const env_c[] = { "LC_ALL=C.UTF-8", NULL };
  const char * const env_de[] = { "LC_ALL=de_DE.UTF-8", "LANGUAGE=de", localedir_env, NULL };

  vertebro_run_argv (&c, env_c, argv_c);
  vertebro_run_argv (&de, env_de, argv_c);
  g_assert_cmpint (c.status, ==, 0);
  g_assert_cmpint (de.status, ==, 0);
  g_assert_cmpstr (c.out, ==, de.out);

  remove_folder (dir);
}

static void
test_cli_text (void)
{
  g_autofree char *dir = make_folder ();
  g_auto(VertebroRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  run_worklist (&run, (const char * const[]) { "--worklist", dir, "--today", "2026-12-07", NULL });
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);

  /* A heading, one line per row in order, a blank line and the count. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + G_N_ELEMENTS (expected) + 3);
  g_assert_true (g_str_has_prefix (lines[0], "Planned"));
  g_assert_nonnull (strstr (lines[0], "Next action"));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *line = lines[i + 1];

      g_test_message ("%s", line);
      g_assert_nonnull (strstr (line, expected[i].file));
      if (expected[i].verdict == NULL)
        {
          g_assert_nonnull (strstr (line, "Refused"));
          g_assert_nonnull (strstr (line, expected[i].error));
        }
      else
        g_assert_nonnull (strstr (line, "Eligible"));
      if (expected[i].next_id != NULL)
        {
          g_assert_nonnull (strstr (line, "Stop clopidogrel"));
          g_assert_nonnull (strstr (line, expected[i].overdue ? "5 Dec 2026 (overdue)" : "15 Dec 2026 (in 8 days)"));
        }
    }
  /* The columns line up: each row's file column starts where the heading's does. */
  for (guint i = 1; i <= G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (g_utf8_pointer_to_offset (lines[i], strstr (lines[i], expected[i - 1].file)), ==,
                     g_utf8_pointer_to_offset (lines[0], strstr (lines[0], "File")));
  g_assert_cmpstr (lines[G_N_ELEMENTS (expected) + 1], ==, "");
  g_assert_cmpstr (lines[G_N_ELEMENTS (expected) + 2], ==, "9 patient files, 4 refused");

  remove_folder (dir);
}

/* --today decides what is due and what is overdue. */
typedef struct {
  const char *today;
  const char *b_overdue;  /* b-soon, due 2026-12-05 */
  const char *a_overdue;  /* a-later, due 2026-12-15 */
} TodayCase;

static const TodayCase today_cases[] = {
  { "2026-12-04", "false", "false" },
  { "2026-12-05", "false", "false" },
  { "2026-12-06", "true", "false" },
  { "2026-12-16", "true", "true" },
};

static void
test_cli_today (gconstpointer data)
{
  const TodayCase *c = data;
  g_autofree char *dir = make_folder ();
  g_auto(VertebroRun) run = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autofree char *b = NULL;
  g_autofree char *a = NULL;

  run_worklist (&run, (const char * const[]) { "--worklist", dir, "--format", "csv", "--today", c->today, NULL });
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\r\n", -1);
  b = g_strdup_printf (",2026-12-05,%s,", c->b_overdue);
  a = g_strdup_printf (",2026-12-15,%s,", c->a_overdue);
  g_assert_true (g_str_has_prefix (lines[1], "b-soon.vertebro,"));
  g_assert_nonnull (strstr (lines[1], b));
  g_assert_true (g_str_has_prefix (lines[3], "a-later.vertebro,"));
  g_assert_nonnull (strstr (lines[3], a));

  remove_folder (dir);
}

/* RFC 4180: a name with a comma, a quote and a line break; an identifier a
 * spreadsheet would run as a formula. */
static void
test_cli_csv (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-worklist-csv");
  const Patient tricky = { "tricky.vertebro", "Smith, \"Jo\"\nJr", "=HYPERLINK(\"http://x\")", "2026-12-20", FALSE, NULL };
  g_autofree char *text = patient_text (&tricky);
  g_auto(VertebroRun) run = { 0 };

  write_file (dir, tricky.file, text);
  write_file (dir, "zz-broken.vertebro", "[1,");
  run_worklist (&run, (const char * const[]) { "--worklist", dir, "--format", "csv", "--today", "2026-12-07", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out,
    "file,name,identifier,planned_date,verdict,decision,missing,next_id,next_text,next_due,next_overdue,error\r\n"
    "tricky.vertebro,\"Smith, \"\"Jo\"\"\nJr\",\"'=HYPERLINK(\"\"http://x\"\")\",2026-12-20,eligible,,0,"
    "prep.hold.clopidogrel,\"Stop clopidogrel on or before 15 Dec 2026 (no doses from that day on), "
    "so that it has been withheld for at least 5 days by the procedure.\",2026-12-15,false,\r\n"
    "zz-broken.vertebro,,,,,,,,,,,"));
  g_assert_true (g_str_has_suffix (run.out, "\r\n"));

  remove_folder (dir);
}

/* What a file says never reaches the terminal raw. */
static void
test_cli_text_controls (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-worklist-controls");
  const Patient evil = { "evil.vertebro", "\x1b]0;pwned\x07" "Eve\xE2\x80\xAE" "cba", "MRN\r\n9", NULL, FALSE, NULL };
  g_autofree char *text = patient_text (&evil);
  g_auto(VertebroRun) run = { 0 };

  write_file (dir, evil.file, text);
  run_worklist (&run, (const char * const[]) { "--worklist", dir, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strchr (run.out, '\x1b'));
  g_assert_null (strchr (run.out, '\x07'));
  g_assert_null (strchr (run.out, '\r'));
  g_assert_null (strstr (run.out, "\xE2\x80\xAE"));
  g_assert_nonnull (strstr (run.out, "\xEF\xBF\xBD]0;pwned\xEF\xBF\xBD" "Eve\xEF\xBF\xBD" "cba"));
  g_assert_nonnull (strstr (run.out, "MRN\xEF\xBF\xBD\xEF\xBF\xBD" "9"));

  remove_folder (dir);
}

/* Exit statuses: 1 when the folder cannot be read, 2 for usage. */
typedef struct {
  const char *name;
  const char *args[8];  /* "DIR" is the case's folder */
  int         status;
  const char *fragment;  /* on stderr */
} ExitCase;

static const ExitCase exit_cases[] = {
  { "empty-folder", { "--worklist", "DIR", NULL }, 0, NULL },
  { "missing-folder", { "--worklist", "DIR/missing", NULL }, 1, "no such folder" },
  { "not-a-folder", { "--worklist", "DIR/file.vertebro", NULL }, 1, "is not a folder" },
  { "bad-format", { "--worklist", "DIR", "--format", "xml", NULL }, 2, "--format" },
  { "bad-today", { "--worklist", "DIR", "--today", "07/12/2026", NULL }, 2, "--today" },
  { "impossible-today", { "--worklist", "DIR", "--today", "2026-02-30", NULL }, 2, "--today" },
  { "today-alone", { "--today", "2026-12-07", NULL }, 2, "--today" },
  { "csv-with-evaluate", { "--evaluate", "DIR/file.vertebro", "--format", "csv", NULL }, 2, "--format" },
  { "with-evaluate", { "--worklist", "DIR", "--evaluate", "DIR/file.vertebro", NULL }, 2, "--worklist" },
  { "two-folders", { "--worklist", "DIR", "DIR", NULL }, 2, "--worklist" },
  { "no-argument", { "--worklist", NULL }, 2, "--worklist" },
};

static void
test_cli_exit (gconstpointer data)
{
  const ExitCase *c = data;
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-worklist-exit");
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_auto(VertebroRun) run = { 0 };
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);

  /* A patient file, but inside a subfolder: the empty folder's worklist
   * lists nothing. */
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  write_file (sub, "x.vertebro", "{}");
  write_file (dir, "file.vertebro", "{}");
  if (g_str_equal (c->name, "empty-folder"))
    {
      g_autofree char *file = g_build_filename (dir, "file.vertebro", NULL);
      g_remove (file);
    }

  for (guint i = 0; c->args[i] != NULL; i++)
    {
      g_autoptr(GString) arg = g_string_new (c->args[i]);

      if (g_str_has_prefix (arg->str, "DIR"))
        g_string_replace (arg, "DIR", dir, 1);
      g_ptr_array_add (args, g_string_free (g_steal_pointer (&arg), FALSE));
    }
  g_ptr_array_add (args, NULL);

  run_worklist (&run, (const char * const *) args->pdata);
  g_assert_cmpint (run.status, ==, c->status);
  if (c->status != 0)
    {
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, c->fragment));
    }
  else
    {
      g_assert_cmpstr (run.err, ==, "");
      g_assert_nonnull (strstr (run.out, "0 patient files"));
    }

  remove_folder (dir);
}

/* 10,000 files in one process: all listed, in order. Not timed (the
 * benchmark is build-aux/bench). */
static void
test_cli_many (void)
{
  g_autofree char *dir = vertebro_test_make_tmp_dir ("vertebro-worklist-many");
  g_auto(VertebroRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  const guint n = 10000;

  const Patient dated = { "", "NAME", "MRN", "2027-01-01", FALSE, NULL };
  const Patient undated = { "", "NAME", "MRN", NULL, FALSE, NULL };
  g_autofree char *dated_text = patient_text (&dated);
  g_autofree char *undated_text = patient_text (&undated);

  /* The JSON made twice, then only the name and the date replaced: quick
   * under valgrind too. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *file = g_strdup_printf ("p%05u.vertebro", i);
      g_autofree char *name = g_strdup_printf ("Patient %u", i);
      g_autofree char *planned = g_strdup_printf ("2027-%02u-%02u", 1 + i % 12, 1 + i % 28);
      g_autoptr(GString) text = g_string_new (i % 10 == 0 ? undated_text : dated_text);

      g_string_replace (text, "NAME", name, 1);
      g_string_replace (text, "2027-01-01", planned, 1);
      write_file (dir, file, i % 1000 == 999 ? "{ broken" : text->str);
    }

  run_worklist (&run, (const char * const[]) { "--worklist", dir, "--format", "json", "--today", "2026-12-07", NULL });
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  array = json_object_get_array_member (json_node_get_object (root), "patients");
  g_assert_cmpuint (json_array_get_length (array), ==, n);

  /* In order: dated rows by date, then undated ones. */
  for (guint i = 1; i < n; i++)
    {
      const char *prev = string_or_null (json_array_get_object_element (array, i - 1), "planned_date");
      const char *cur = string_or_null (json_array_get_object_element (array, i), "planned_date");

      g_assert_true (cur == NULL || (prev != NULL && strcmp (prev, cur) <= 0));
    }
  g_assert_null (string_or_null (json_array_get_object_element (array, n - 1), "planned_date"));

  remove_folder (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *template_path = NULL;
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  vertebro_exe = g_strdup (g_getenv ("VERTEBRO_EXE"));
  examples_dir = g_strdup (g_getenv ("VERTEBRO_EXAMPLES"));
  g_assert_nonnull (vertebro_exe);
  g_assert_nonnull (examples_dir);
  template_path = g_build_filename (examples_dir, "eligible-osteoporotic.vertebro", NULL);
  g_file_get_contents (template_path, &template, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/worklist/core/rows", test_core_rows);
  g_test_add_func ("/worklist/core/missing-folder", test_core_missing_folder);
  for (guint i = 0; i < G_N_ELEMENTS (safe_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/worklist/core/safe-text/%u", i);
      g_test_add_data_func (path, &safe_cases[i], test_safe_text);
    }
  g_test_add_func ("/worklist/cli/json", test_cli_json);
  g_test_add_func ("/worklist/cli/json-locale", test_cli_json_locale);
  g_test_add_func ("/worklist/cli/text", test_cli_text);
  g_test_add_func ("/worklist/cli/text-controls", test_cli_text_controls);
  g_test_add_func ("/worklist/cli/csv", test_cli_csv);
  for (guint i = 0; i < G_N_ELEMENTS (today_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/worklist/cli/today/%s", today_cases[i].today);
      g_test_add_data_func (path, &today_cases[i], test_cli_today);
    }
  for (guint i = 0; i < G_N_ELEMENTS (exit_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/worklist/cli/exit/%s", exit_cases[i].name);
      g_test_add_data_func (path, &exit_cases[i], test_cli_exit);
    }
  g_test_add_func ("/worklist/cli/10000-files", test_cli_many);

  int status = g_test_run ();

  g_free (vertebro_exe);
  g_free (examples_dir);
  g_free (template);
  return status;
}
