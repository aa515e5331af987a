/* vertebro-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One open assessment, with no window in sight: the patient, the file it
 * was read from or saved to (and that file as it was then, to notice
 * someone else's save), whether it has unsaved changes, its draft, and the
 * assessment of the patient as it stands.
 *
 * The patient is evaluated once per change to it, and "notify::assessment"
 * says so: the window's form and verdict panel each listen, and neither
 * asks the other for anything. What the form could not take (an INR of
 * "1,,1") is handed to the document as invalid entries; it changes no
 * verdict by itself — the form has already passed such a field on as not
 * assessed — so it is shown without evaluating again.
 */

#define G_LOG_DOMAIN "vertebro-document"

#include "config.h"

#include <glib/gi18n.h>

#include "vertebro-audit.h"
#include "vertebro-document.h"
#include "vertebro-drafts.h"
#include "vertebro-evaluator.h"

/* Drafts are written this long after the last change. */
#define DEFAULT_DRAFT_DELAY_MS 1000

struct _VertebroDocument
{
  GObject             parent_instance;

  VertebroRuleset    *rules;
  VertebroPatient    *patient;
  GFile              *file;
  gboolean            modified;
  VertebroAssessment *assessment;
  guint               n_evaluations;
  GPtrArray          *invalid;        /* of VertebroInvalidEntry */
  gulong              changed_handler;

  VertebroDiskWatch  *disk;           /* the file as this document read or wrote it */

  char               *draft_path;
  char               *draft_problem;  /* why drafts cannot be written, or NULL */
  guint               draft_delay;
  guint               draft_source;
};

G_DEFINE_FINAL_TYPE (VertebroDocument, vertebro_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATIENT,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_ASSESSMENT,
  PROP_INVALID,
  PROP_DRAFT_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum { CHANGED_ON_DISK, N_SIGNALS };
static guint signals[N_SIGNALS];

VertebroInvalidEntry *
vertebro_invalid_entry_new (const char *path,
                            const char *label,
                            const char *message)
{
  VertebroInvalidEntry *entry = g_new0 (VertebroInvalidEntry, 1);

  entry->path = g_strdup (path);
  entry->label = g_strdup (label);
  entry->message = g_strdup (message);
  return entry;
}

void
vertebro_invalid_entry_free (VertebroInvalidEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->path);
  g_free (entry->label);
  g_free (entry->message);
  g_free (entry);
}

/* ---- The assessment ---- */

static void
evaluate (VertebroDocument *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_clear_pointer (&self->assessment, vertebro_assessment_unref);
  self->assessment = vertebro_evaluate (self->rules, self->patient, &today);
  self->n_evaluations++;
}

/* ---- Drafts (vertebro-drafts.c) ---- */

static void
set_draft_problem (VertebroDocument *self,
                   const char       *problem)
{
  if (g_strcmp0 (self->draft_problem, problem) == 0)
    return;
  g_free (self->draft_problem);
  self->draft_problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT_PROBLEM]);
}

static gboolean
write_draft (gpointer data)
{
  VertebroDocument *self = data;
  g_autoptr(GError) error = NULL;

  self->draft_source = 0;
  if (!self->modified)
    return G_SOURCE_REMOVE;
  if (self->draft_path == NULL)
    self->draft_path = vertebro_draft_new_path ();
  if (!vertebro_draft_write (self->draft_path, self->patient, self->file, &error))
    {
      g_debug ("Could not keep a draft of the unsaved changes: %s", error->message);
      set_draft_problem (self, error->message);
    }
  else
    set_draft_problem (self, NULL);
  return G_SOURCE_REMOVE;
}

/**
 * vertebro_document_flush_draft:
 * @self: a document
 *
 * Writes the draft of the unsaved changes now rather than after the delay.
 */
void
vertebro_document_flush_draft (VertebroDocument *self)
{
  g_return_if_fail (VERTEBRO_IS_DOCUMENT (self));

  g_clear_handle_id (&self->draft_source, g_source_remove);
  write_draft (self);
}

static void
drop_draft (VertebroDocument *self)
{
  g_clear_handle_id (&self->draft_source, g_source_remove);
  set_draft_problem (self, NULL);
  if (self->draft_path != NULL)
    vertebro_draft_remove (self->draft_path);
  g_clear_pointer (&self->draft_path, g_free);
}

/* ---- State ---- */

static void
set_modified (VertebroDocument *self,
              gboolean          modified)
{
  if (modified)
    {
      g_clear_handle_id (&self->draft_source, g_source_remove);
      self->draft_source = g_timeout_add (self->draft_delay, write_draft, self);
    }
  else
    drop_draft (self);
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
set_file (VertebroDocument *self,
          GFile            *file)
{
  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    {
      vertebro_disk_watch_remember (self->disk);
      return;
    }
  g_set_object (&self->file, file);
  vertebro_disk_watch_set_file (self->disk, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/* One change of the patient: one evaluation, one notification. */
static void
on_patient_changed (VertebroDocument *self)
{
  evaluate (self);
  set_modified (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSESSMENT]);
}

/* A patient replaces the one shown (opened, reloaded, recovered). It is
 * evaluated before anything is said, so that whoever hears "patient" can
 * already show its assessment. */
static void
set_patient (VertebroDocument *self,
             VertebroPatient  *patient,
             GFile            *file,
             gboolean          modified)
{
  if (self->patient != NULL)
    g_clear_signal_handler (&self->changed_handler, self->patient);
  g_set_object (&self->patient, patient);
  self->changed_handler = g_signal_connect_swapped (patient, "changed", G_CALLBACK (on_patient_changed), self);
  if (self->invalid->len > 0)
    {
      g_ptr_array_set_size (self->invalid, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVALID]);
    }
  evaluate (self);

  set_file (self, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
  set_modified (self, modified);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSESSMENT]);
}

/**
 * vertebro_document_load:
 * @self: a document
 * @file: a patient file
 * @error: why it was refused, naming the file, field and problem
 *
 * Shows @file in this document, its unsaved changes (and their draft)
 * dropped. A file that is refused leaves the document exactly as it was.
 *
 * Returns: whether the file was opened
 */
gboolean
vertebro_document_load (VertebroDocument  *self,
                        GFile             *file,
                        GError           **error)
{
  g_autoptr(VertebroPatient) patient = NULL;

  g_return_val_if_fail (VERTEBRO_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  patient = vertebro_patient_new_from_file (file, NULL, error);
  if (patient == NULL)
    return FALSE;
  drop_draft (self);
  set_patient (self, patient, file, FALSE);
  return TRUE;
}

/**
 * vertebro_document_recover:
 * @self: a document
 * @patient: the patient of a draft found after a crash
 * @origin: (nullable): the file it was a draft of
 *
 * Shows a recovered draft: the document then has unsaved changes.
 */
void
vertebro_document_recover (VertebroDocument *self,
                           VertebroPatient  *patient,
                           GFile            *origin)
{
  g_return_if_fail (VERTEBRO_IS_DOCUMENT (self));
  g_return_if_fail (VERTEBRO_IS_PATIENT (patient));

  set_patient (self, patient, origin, TRUE);
}

/**
 * vertebro_document_save:
 * @self: a document
 * @file: where to save
 * @flags: whether a read-only file may be replaced
 * @by: who saves, for the audit trail
 * @error: why saving failed
 *
 * Saves the patient (atomically, vertebro_patient_save_full()). A save
 * whose verdict, findings, missing fields or rule set differ from the
 * trail's last entry is recorded in the trail (patient-format.md). On
 * failure the document keeps its unsaved changes, the trail is as it was
 * and the file on disk is untouched. This does not ask whether someone
 * else changed the file: vertebro_document_check_disk() says that.
 *
 * Returns: whether it was saved
 */
gboolean
vertebro_document_save (VertebroDocument   *self,
                        GFile              *file,
                        VertebroSaveFlags   flags,
                        const char         *by,
                        GError            **error)
{
  JsonArray *audit;
  guint n_entries;

  g_return_val_if_fail (VERTEBRO_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  audit = vertebro_patient_get_audit (self->patient);
  n_entries = audit != NULL ? json_array_get_length (audit) : 0;
  if (vertebro_audit_entry_differs (n_entries > 0 ? json_array_get_object_element (audit, n_entries - 1) : NULL,
                                    self->assessment))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      vertebro_patient_append_audit (self->patient, "saved", by, now, self->assessment);
    }
  if (!vertebro_patient_save_full (self->patient, file, flags, error))
    {
      /* Not saved: the entry goes too, so the trail records only saves. */
      vertebro_patient_truncate_audit (self->patient, n_entries);
      return FALSE;
    }
  set_file (self, file);
  set_modified (self, FALSE);
  return TRUE;
}

/**
 * vertebro_document_check_disk:
 * @self: a document
 *
 * Says whether the document's file is still as this document last read or
 * wrote it; a save over a changed file, or writing a deleted one again,
 * should be asked first.
 *
 * Returns: the file's state
 */
VertebroDiskState
vertebro_document_check_disk (VertebroDocument *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DOCUMENT (self), VERTEBRO_DISK_SAME);

  return vertebro_disk_watch_check (self->disk);
}

/**
 * vertebro_document_record_decision:
 * @self: a document
 * @decision: the decision, checked by vertebro_decision_check()
 * @by: who made it
 *
 * Records the decision and a "decision" entry in the trail for the
 * assessment it was made on. The document then has unsaved changes.
 */
void
vertebro_document_record_decision (VertebroDocument *self,
                                   JsonObject       *decision,
                                   const char       *by)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_if_fail (VERTEBRO_IS_DOCUMENT (self));
  g_return_if_fail (decision != NULL);

  vertebro_patient_set_decision (self->patient, decision);
  vertebro_patient_append_audit (self->patient, "decision", by, now, self->assessment);
}

/**
 * vertebro_document_discard_changes:
 * @self: a document
 *
 * Forgets that the document has unsaved changes, and drops their draft:
 * the user chose to discard them (the window closes next).
 */
void
vertebro_document_discard_changes (VertebroDocument *self)
{
  g_return_if_fail (VERTEBRO_IS_DOCUMENT (self));

  set_modified (self, FALSE);
}

/* ---- Invalid entries ---- */

/**
 * vertebro_document_set_invalid:
 * @self: a document
 * @invalid: (element-type VertebroInvalidEntry): the form's invalid
 *   entries, in the form's order
 *
 * What the form could not take. Nothing is evaluated again: an invalid
 * field has already been passed on as not assessed.
 */
void
vertebro_document_set_invalid (VertebroDocument *self,
                               GPtrArray        *invalid)
{
  g_return_if_fail (VERTEBRO_IS_DOCUMENT (self));
  g_return_if_fail (invalid != NULL);

  g_ptr_array_set_size (self->invalid, 0);
  for (guint i = 0; i < invalid->len; i++)
    {
      VertebroInvalidEntry *entry = g_ptr_array_index (invalid, i);

      g_ptr_array_add (self->invalid, vertebro_invalid_entry_new (entry->path, entry->label, entry->message));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVALID]);
}

/**
 * vertebro_document_get_invalid:
 * @self: a document
 *
 * Returns: (transfer none) (element-type VertebroInvalidEntry): the
 *   entries the form could not take
 */
GPtrArray *
vertebro_document_get_invalid (VertebroDocument *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DOCUMENT (self), NULL);

  return self->invalid;
}

/* ---- Getters ---- */

VertebroRuleset *
vertebro_document_get_rules (VertebroDocument *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DOCUMENT (self), NULL);
  return self->rules;
}

VertebroPatient *
vertebro_document_get_patient (VertebroDocument *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DOCUMENT (self), NULL);
  return self->patient;
}

GFile *
vertebro_document_get_file (VertebroDocument *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DOCUMENT (self), NULL);
  return self->file;
}

gboolean
vertebro_document_get_modified (VertebroDocument *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DOCUMENT (self), FALSE);
  return self->modified;
}

/* A new assessment nobody has touched: a file opened next may take its
 * place rather than open another window. */
gboolean
vertebro_document_is_pristine (VertebroDocument *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DOCUMENT (self), FALSE);
  return self->file == NULL && !self->modified;
}

VertebroAssessment *
vertebro_document_get_assessment (VertebroDocument *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DOCUMENT (self), NULL);
  return self->assessment;
}

/* How many times the patient was evaluated: once when it is shown, then
 * once per change (the benchmark and the tests count). */
guint
vertebro_document_get_n_evaluations (VertebroDocument *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DOCUMENT (self), 0);
  return self->n_evaluations;
}

void
vertebro_document_set_draft_delay (VertebroDocument *self,
                                   guint             milliseconds)
{
  g_return_if_fail (VERTEBRO_IS_DOCUMENT (self));
  self->draft_delay = milliseconds;
}

const char *
vertebro_document_get_draft_path (VertebroDocument *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DOCUMENT (self), NULL);
  return self->draft_path;
}

/* Why unsaved changes are not being backed up (a full disk, an unwritable
 * state folder), or NULL: a crash would then lose them. */
const char *
vertebro_document_get_draft_problem (VertebroDocument *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DOCUMENT (self), NULL);
  return self->draft_problem;
}

/* ---- Object ---- */

static void
on_changed_on_disk (VertebroDocument *self)
{
  g_signal_emit (self, signals[CHANGED_ON_DISK], 0);
}

static void
vertebro_document_dispose (GObject *object)
{
  VertebroDocument *self = VERTEBRO_DOCUMENT (object);

  g_clear_handle_id (&self->draft_source, g_source_remove);
  /* A draft still here was not dropped: it stays, for the next start. */
  if (self->draft_path != NULL)
    vertebro_draft_release (self->draft_path);
  g_clear_pointer (&self->draft_path, g_free);
  if (self->patient != NULL)
    g_clear_signal_handler (&self->changed_handler, self->patient);
  g_clear_object (&self->patient);
  if (self->disk != NULL)
    g_signal_handlers_disconnect_by_data (self->disk, self);
  g_clear_object (&self->disk);
  g_clear_object (&self->file);
  g_clear_object (&self->rules);

  G_OBJECT_CLASS (vertebro_document_parent_class)->dispose (object);
}

static void
vertebro_document_finalize (GObject *object)
{
  VertebroDocument *self = VERTEBRO_DOCUMENT (object);

  g_clear_pointer (&self->assessment, vertebro_assessment_unref);
  g_clear_pointer (&self->invalid, g_ptr_array_unref);
  g_free (self->draft_problem);

  G_OBJECT_CLASS (vertebro_document_parent_class)->finalize (object);
}

static void
vertebro_document_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VertebroDocument *self = VERTEBRO_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_PATIENT:
      g_value_set_object (value, self->patient);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_ASSESSMENT:
      g_value_set_boxed (value, self->assessment);
      break;
    case PROP_INVALID:
      g_value_set_boxed (value, self->invalid);
      break;
    case PROP_DRAFT_PROBLEM:
      g_value_set_string (value, self->draft_problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vertebro_document_class_init (VertebroDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vertebro_document_dispose;
  object_class->finalize = vertebro_document_finalize;
  object_class->get_property = vertebro_document_get_property;

  properties[PROP_PATIENT] =
    g_param_spec_object ("patient", NULL, NULL, VERTEBRO_TYPE_PATIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ASSESSMENT] =
    g_param_spec_boxed ("assessment", NULL, NULL, VERTEBRO_TYPE_ASSESSMENT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INVALID] =
    g_param_spec_boxed ("invalid", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DRAFT_PROBLEM] =
    g_param_spec_string ("draft-problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VertebroDocument::changed-on-disk:
   *
   * Someone else changed, deleted or renamed the document's file.
   */
  signals[CHANGED_ON_DISK] = g_signal_new ("changed-on-disk", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vertebro_document_init (VertebroDocument *self)
{
  self->draft_delay = DEFAULT_DRAFT_DELAY_MS;
  self->invalid = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_invalid_entry_free);
  self->disk = vertebro_disk_watch_new ();
  g_signal_connect_swapped (self->disk, "changed-on-disk", G_CALLBACK (on_changed_on_disk), self);
}

static VertebroDocument *
document_new (VertebroRuleset *rules,
              VertebroPatient *patient,
              GFile           *file)
{
  VertebroDocument *self = g_object_new (VERTEBRO_TYPE_DOCUMENT, NULL);

  self->rules = g_object_ref (rules);
  set_patient (self, patient, file, FALSE);
  return self;
}

/**
 * vertebro_document_new:
 * @rules: the rule set to evaluate with
 * @clinician: (nullable): who assesses, as Preferences names them
 *
 * A new assessment, made today.
 *
 * Returns: (transfer full): a document with no file
 */
VertebroDocument *
vertebro_document_new (VertebroRuleset *rules,
                       const char      *clinician)
{
  g_autoptr(VertebroPatient) patient = vertebro_patient_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (VERTEBRO_IS_RULESET (rules), NULL);

  vertebro_patient_set_text (patient, "assessment.date", today);
  if (clinician != NULL && *clinician != '\0')
    vertebro_patient_set_text (patient, "assessment.clinician", clinician);
  return document_new (rules, patient, NULL);
}

/**
 * vertebro_document_new_for_file:
 * @rules: the rule set to evaluate with
 * @file: a patient file
 * @error: why it was refused, naming the file, field and problem
 *
 * Returns: (transfer full) (nullable): a document showing @file, or %NULL
 *   when it was refused
 */
VertebroDocument *
vertebro_document_new_for_file (VertebroRuleset  *rules,
                                GFile            *file,
                                GError          **error)
{
  g_autoptr(VertebroPatient) patient = NULL;

  g_return_val_if_fail (VERTEBRO_IS_RULESET (rules), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  patient = vertebro_patient_new_from_file (file, NULL, error);
  if (patient == NULL)
    return NULL;
  return document_new (rules, patient, file);
}
