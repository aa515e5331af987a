/* vertebro-worklist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A folder of patient files as a worklist. Each file is read once, with
 * plain open/fstat/read (vertebro_patient_read_file(): a FIFO or a device
 * is never opened for reading),
 * evaluated with the one rule set, and reduced to a row: the patient and the
 * assessment are dropped at once, so memory stays flat in the number of
 * files. A file that is refused is a row with its error, never a verdict.
 */

#define G_LOG_DOMAIN "vertebro-worklist"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-evaluator.h"
#include "vertebro-fields.h"
#include "vertebro-json.h"
#include "vertebro-audit.h"
#include "vertebro-worklist.h"

struct _VertebroWorklistRow
{
  gatomicrefcount  ref_count;
  char            *file;
  char            *display_file;
  char            *name;
  char            *identifier;
  gboolean         has_planned;
  GDate            planned;
  gboolean         has_verdict;
  VertebroVerdict  verdict;
  const char      *decision;  /* static */
  guint            n_missing;
  VertebroItem    *next;      /* the checklist item only, not its assessment */
  int              next_days;
  char            *error;
};

G_DEFINE_BOXED_TYPE (VertebroWorklistRow, vertebro_worklist_row,
                     vertebro_worklist_row_ref, vertebro_worklist_row_unref)

static VertebroWorklistRow *
row_new (const char *file)
{
  VertebroWorklistRow *self = g_new0 (VertebroWorklistRow, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->file = g_strdup (file);
  self->display_file = g_filename_display_name (file);
  return self;
}

VertebroWorklistRow *
vertebro_worklist_row_ref (VertebroWorklistRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
vertebro_worklist_row_unref (VertebroWorklistRow *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->file);
  g_free (self->display_file);
  g_free (self->name);
  g_free (self->identifier);
  g_clear_pointer (&self->next, vertebro_item_unref);
  g_free (self->error);
  g_free (self);
}

/**
 * vertebro_worklist_row_new_error:
 * @file: the name inside the folder
 * @message: why the file was refused
 *
 * Returns: (transfer full): a row with no verdict
 */
VertebroWorklistRow *
vertebro_worklist_row_new_error (const char *file,
                                 const char *message)
{
  VertebroWorklistRow *self;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = row_new (file);
  self->error = g_strdup (message);
  return self;
}

/* The decision's outcome as a static string ("proceed", …), or NULL. The
 * reader has checked it. */
static const char *
decision_outcome (VertebroPatient *patient)
{
  static const char * const outcomes[] = {
    VERTEBRO_DECISION_PROCEED, VERTEBRO_DECISION_DO_NOT_PROCEED, VERTEBRO_DECISION_DEFER,
  };
  JsonObject *decision = vertebro_patient_get_decision (patient);
  const char *outcome = decision != NULL ? json_object_get_string_member_with_default (decision, "outcome", NULL) : NULL;

  for (guint i = 0; outcome != NULL && i < G_N_ELEMENTS (outcomes); i++)
    if (g_str_equal (outcome, outcomes[i]))
      return outcomes[i];
  return NULL;
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

/**
 * vertebro_worklist_row_new_from_data:
 * @rules: the rule set
 * @file: the name inside the folder
 * @data: the file's text
 * @length: its length
 * @today: the date the evaluation and "overdue" are about
 *
 * Returns: (transfer full): the row; with an error when the file is refused
 */
VertebroWorklistRow *
vertebro_worklist_row_new_from_data (VertebroRuleset *rules,
                                     const char      *file,
                                     const char      *data,
                                     gsize            length,
                                     const GDate     *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroPatient) patient = NULL;
  g_autoptr(VertebroAssessment) assessment = NULL;
  VertebroWorklistRow *self;
  GPtrArray *checklist;
  const char *planned;

  g_return_val_if_fail (VERTEBRO_IS_RULESET (rules), NULL);
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  patient = vertebro_patient_new_from_data (data, length, &error);
  if (patient == NULL)
    return vertebro_worklist_row_new_error (file, error->message);

  assessment = vertebro_evaluate (rules, patient, today);

  self = row_new (file);
  self->name = dup_nonempty (vertebro_patient_get_text (patient, "patient.name"));
  self->identifier = dup_nonempty (vertebro_patient_get_text (patient, "patient.identifier"));
  planned = vertebro_patient_get_text (patient, "assessment.planned_date");
  self->has_planned = planned != NULL && vertebro_date_parse (planned, &self->planned);
  self->has_verdict = TRUE;
  self->verdict = vertebro_assessment_get_verdict (assessment);
  self->decision = decision_outcome (patient);
  self->n_missing = g_strv_length ((char **) vertebro_assessment_get_missing (assessment));

  /* The next action: of the items with a due date not yet done, the
   * earliest; on a tie, the first in the checklist's order. */
  checklist = vertebro_assessment_get_checklist (assessment);
  for (guint i = 0; i < checklist->len; i++)
    {
      VertebroItem *item = g_ptr_array_index (checklist, i);
      const GDate *due = vertebro_item_get_due (item);

      if (due == NULL || vertebro_item_get_done (item))
        continue;
      if (self->next == NULL || g_date_compare (due, vertebro_item_get_due (self->next)) < 0)
        {
          g_clear_pointer (&self->next, vertebro_item_unref);
          self->next = vertebro_item_ref (item);
        }
    }
  if (self->next != NULL)
    self->next_days = g_date_days_between (today, vertebro_item_get_due (self->next));

  return self;
}

/**
 * vertebro_worklist_row_new_for_file:
 * @rules: the rule set
 * @folder: the folder's path
 * @file: the name inside it
 * @today: the date the evaluation and "overdue" are about
 *
 * Returns: (transfer full): the row; never %NULL
 */
VertebroWorklistRow *
vertebro_worklist_row_new_for_file (VertebroRuleset *rules,
                                    const char      *folder,
                                    const char      *file,
                                    const GDate     *today)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (file != NULL, NULL);

  path = g_build_filename (folder, file, NULL);
  data = vertebro_patient_read_file (path, &length, &error);
  if (data == NULL)
    return vertebro_worklist_row_new_error (file, error->message);
  return vertebro_worklist_row_new_from_data (rules, file, data, length, today);
}

const char *
vertebro_worklist_row_get_file (const VertebroWorklistRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->file;
}

const char *
vertebro_worklist_row_get_display_file (const VertebroWorklistRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->display_file;
}

const char *
vertebro_worklist_row_get_name (const VertebroWorklistRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

const char *
vertebro_worklist_row_get_identifier (const VertebroWorklistRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->identifier;
}

const GDate *
vertebro_worklist_row_get_planned_date (const VertebroWorklistRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->has_planned ? &self->planned : NULL;
}

gboolean
vertebro_worklist_row_get_verdict (const VertebroWorklistRow *self,
                                   VertebroVerdict           *verdict)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (self->has_verdict && verdict != NULL)
    *verdict = self->verdict;
  return self->has_verdict;
}

const char *
vertebro_worklist_row_get_decision (const VertebroWorklistRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->decision;
}

guint
vertebro_worklist_row_get_n_missing (const VertebroWorklistRow *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_missing;
}

const char *
vertebro_worklist_row_get_next_id (const VertebroWorklistRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->next != NULL ? vertebro_item_get_id (self->next) : NULL;
}

char *
vertebro_worklist_row_dup_next_text (const VertebroWorklistRow *self,
                                     VertebroTextStyle          style)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->next != NULL ? vertebro_item_dup_text (self->next, style) : NULL;
}

/**
 * vertebro_worklist_row_dup_due_text:
 * @self: a row with a next action
 *
 * Returns: (transfer full): when the next action is due, for people:
 *   "23 Nov 2026 (in 2 days)", "… (today)", "… (overdue)"
 */
char *
vertebro_worklist_row_dup_due_text (const VertebroWorklistRow *self)
{
  g_autofree char *date = NULL;
  int days;

  g_return_val_if_fail (self != NULL && self->next != NULL, NULL);
  date = vertebro_format_date (vertebro_worklist_row_get_next_due (self), VERTEBRO_TEXT_LOCALIZED);
  days = vertebro_worklist_row_get_next_days (self);
  if (days < 0)
    /* Translators: a due date that has passed; %s is the date. */
    return g_strdup_printf (_("%s (overdue)"), date);
  if (days == 0)
    /* Translators: a due date that is today; %s is the date. */
    return g_strdup_printf (_("%s (today)"), date);
  /* Translators: a due date; %s is the date, %d the number of days from today. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (in %d day)", "%s (in %d days)", days), date, days);
}

const GDate *
vertebro_worklist_row_get_next_due (const VertebroWorklistRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->next != NULL ? vertebro_item_get_due (self->next) : NULL;
}

int
vertebro_worklist_row_get_next_days (const VertebroWorklistRow *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->next_days;
}

gboolean
vertebro_worklist_row_get_next_overdue (const VertebroWorklistRow *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->next != NULL && self->next_days < 0;
}

const char *
vertebro_worklist_row_get_error (const VertebroWorklistRow *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->error;
}

int
vertebro_worklist_row_compare (const VertebroWorklistRow *a,
                               const VertebroWorklistRow *b)
{
  if (a->has_planned != b->has_planned)
    return a->has_planned ? -1 : 1;
  if (a->has_planned)
    {
      int order = g_date_compare (&a->planned, &b->planned);

      if (order != 0)
        return order;
    }
  return strcmp (a->file, b->file);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return vertebro_worklist_row_compare (*(VertebroWorklistRow * const *) a,
                                        *(VertebroWorklistRow * const *) b);
}

gboolean
vertebro_worklist_is_patient_name (const char *file)
{
  g_return_val_if_fail (file != NULL, FALSE);
  return g_str_has_suffix (file, VERTEBRO_WORKLIST_SUFFIX) && file[0] != '.' &&
         strlen (file) > strlen (VERTEBRO_WORKLIST_SUFFIX);
}

/**
 * vertebro_worklist_list_files:
 * @folder: the folder
 * @cancellable: (nullable): a #GCancellable
 * @error: why the folder could not be read
 *
 * Hidden files (a save's temporary file, ".NAME.vertebro.XXXXXX") are not
 * patient files; a symbolic link counts as what it points to.
 *
 * Returns: (transfer full) (element-type filename): the names, or %NULL
 */
GPtrArray *
vertebro_worklist_list_files (GFile         *folder,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (children == NULL)
    return NULL;

  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (children, &info, NULL, cancellable, error))
        return NULL;
      if (info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY ||
          !vertebro_worklist_is_patient_name (g_file_info_get_name (info)))
        continue;
      g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }
  return g_steal_pointer (&names);
}

/**
 * vertebro_worklist_read:
 * @rules: the rule set
 * @folder: the folder
 * @today: the date the evaluation and "overdue" are about
 * @cancellable: (nullable): a #GCancellable
 * @error: why the folder could not be read
 *
 * Returns: (transfer full) (element-type VertebroWorklistRow): the rows in
 *   the worklist's order, or %NULL when the folder could not be read
 */
GPtrArray *
vertebro_worklist_read (VertebroRuleset *rules,
                        GFile           *folder,
                        const GDate     *today,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (VERTEBRO_IS_RULESET (rules), NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  names = vertebro_worklist_list_files (folder, cancellable, error);
  if (names == NULL)
    return NULL;

  path = g_file_get_path (folder);
  rows = g_ptr_array_new_full (names->len, (GDestroyNotify) vertebro_worklist_row_unref);
  for (guint i = 0; i < names->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_ptr_array_add (rows, vertebro_worklist_row_new_for_file (rules, path, g_ptr_array_index (names, i), today));
    }
  g_ptr_array_sort (rows, compare_rows);
  return g_steal_pointer (&rows);
}

static gboolean
is_unsafe (gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) ||
         c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * vertebro_worklist_safe_text:
 * @text: (nullable): text from a file
 *
 * Returns: (transfer full) (nullable): @text as valid UTF-8 with every
 *   control character and bidirectional override replaced by U+FFFD
 */
char *
vertebro_worklist_safe_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_unsafe (c))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}
