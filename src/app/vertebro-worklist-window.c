/* vertebro-worklist-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The department's day in a window: every patient file of a folder, one row
 * each (src/core/vertebro-worklist.c), sorted by planned date, undated last.
 *
 * The folder is read in a thread, in batches that reach the list as they
 * are ready, so the first rows show at once and the window stays
 * responsive with thousands of files. A GFileMonitor follows the folder:
 * the names it reports are read again (again in a thread) once the first
 * reading is over, and their rows are replaced, added or removed, so the
 * list ends up showing exactly the folder. Rows are immutable; a changed
 * file gets a new row.
 */

#define G_LOG_DOMAIN "vertebro-worklist-window"

#include "config.h"

#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vertebro-verdict-panel.h"
#include "vertebro-worklist-window.h"

/* ---- The item ---- */

struct _VertebroWorklistItem
{
  GObject              parent_instance;
  VertebroWorklistRow *row;
  char                *search_key;  /* name, identifier and file, case-folded */
};

G_DEFINE_FINAL_TYPE (VertebroWorklistItem, vertebro_worklist_item, G_TYPE_OBJECT)

static void
vertebro_worklist_item_finalize (GObject *object)
{
  VertebroWorklistItem *self = VERTEBRO_WORKLIST_ITEM (object);

  g_clear_pointer (&self->row, vertebro_worklist_row_unref);
  g_free (self->search_key);
  G_OBJECT_CLASS (vertebro_worklist_item_parent_class)->finalize (object);
}

static void
vertebro_worklist_item_class_init (VertebroWorklistItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vertebro_worklist_item_finalize;
}

static void
vertebro_worklist_item_init (VertebroWorklistItem *self)
{
}

static VertebroWorklistItem *
item_new (VertebroWorklistRow *row)
{
  VertebroWorklistItem *self = g_object_new (VERTEBRO_TYPE_WORKLIST_ITEM, NULL);
  g_autofree char *key = g_strjoin ("\n",
                                    vertebro_worklist_row_get_name (row) != NULL ? vertebro_worklist_row_get_name (row) : "",
                                    vertebro_worklist_row_get_identifier (row) != NULL ? vertebro_worklist_row_get_identifier (row) : "",
                                    vertebro_worklist_row_get_display_file (row), NULL);

  self->row = vertebro_worklist_row_ref (row);
  self->search_key = g_utf8_casefold (key, -1);
  return self;
}

VertebroWorklistRow *
vertebro_worklist_item_get_row (VertebroWorklistItem *self)
{
  g_return_val_if_fail (VERTEBRO_IS_WORKLIST_ITEM (self), NULL);
  return self->row;
}

/* ---- The window ---- */

/* The verdict filter's choices: all, each verdict, then refused files. */
#define FILTER_ALL     0
#define FILTER_REFUSED (1 + VERTEBRO_VERDICT_ELIGIBLE + 1)

struct _VertebroWorklistWindow
{
  AdwApplicationWindow  parent_instance;

  GFile                *folder;
  char                 *folder_path;
  VertebroRuleset      *rules;
  GDate                 today;

  GListStore           *store;     /* of VertebroWorklistItem, in no order */
  GHashTable           *by_name;   /* file name → its item in store (borrowed) */
  GtkCustomFilter      *filter;
  GtkFilterListModel   *filtered;
  GtkSortListModel     *sorted;

  GCancellable         *cancellable;
  GFileMonitor         *monitor;
  GHashTable           *pending;   /* names reported changed, to read again */
  guint                 pending_source;
  gboolean              started;
  gboolean              loading;
  gboolean              rereading;
  char                 *folder_error;

  AdwWindowTitle       *title;
  AdwStatusPage        *status;
  GtkWidget            *search;
  GtkWidget            *verdict_filter;
  GtkWidget            *week_filter;
  GtkWidget            *list;
};

G_DEFINE_FINAL_TYPE (VertebroWorklistWindow, vertebro_worklist_window, ADW_TYPE_APPLICATION_WINDOW)

static void process_pending (VertebroWorklistWindow *self);

static void
update_status (VertebroWorklistWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  g_autofree char *subtitle = NULL;

  if (self->folder_error != NULL)
    {
      adw_window_title_set_subtitle (self->title, self->folder_error);
      adw_status_page_set_icon_name (self->status, "dialog-error-symbolic");
      adw_status_page_set_title (self->status, _("Folder Not Read"));
      adw_status_page_set_description (self->status, self->folder_error);
      gtk_widget_set_visible (GTK_WIDGET (self->status), TRUE);
      return;
    }

  if (self->loading)
    /* Translators: the worklist window's subtitle while it reads the folder; %u is how many files
     * it has read so far. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reading… %u patient file", "Reading… %u patient files", n), n);
  else if (shown != n)
    /* Translators: the worklist window's subtitle when a filter hides rows; how many rows are shown
     * of how many files. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u patient file", "%u of %u patient files", n), shown, n);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u patient file", "%u patient files", n), n);
  adw_window_title_set_subtitle (self->title, subtitle);

  gtk_widget_set_visible (GTK_WIDGET (self->status), shown == 0 && !(self->loading && n == 0));
  if (shown == 0)
    {
      adw_status_page_set_icon_name (self->status, "folder-symbolic");
      adw_status_page_set_title (self->status, n == 0 ? _("No Patient Files") : _("No Matching Patients"));
      adw_status_page_set_description (self->status,
                                       n == 0 ? _("Patient files (*.vertebro) saved in this folder appear here.")
                                              : _("Change the search or the filters to see other patients."));
    }
}

/* Puts @row in the list, in place of the row of the same file if there is
 * one; @row NULL removes that file's row. */
static void
put_row (VertebroWorklistWindow *self,
         const char             *file,
         VertebroWorklistRow    *row)
{
  VertebroWorklistItem *old = g_hash_table_lookup (self->by_name, file);
  guint position;

  if (old != NULL && g_list_store_find (self->store, old, &position))
    {
      if (row != NULL)
        {
          g_autoptr(VertebroWorklistItem) item = item_new (row);

          g_hash_table_replace (self->by_name, g_strdup (file), item);
          g_list_store_splice (self->store, position, 1, (gpointer *) &item, 1);
        }
      else
        {
          g_hash_table_remove (self->by_name, file);
          g_list_store_remove (self->store, position);
        }
    }
  else if (row != NULL)
    {
      g_autoptr(VertebroWorklistItem) item = item_new (row);

      g_hash_table_replace (self->by_name, g_strdup (file), item);
      g_list_store_append (self->store, item);
    }
}

/* ---- Reading in a thread ---- */

typedef struct {
  char            *folder_path;
  GFile           *folder;
  VertebroRuleset *rules;
  GDate            today;
  GPtrArray       *names;    /* to read again; NULL: the whole folder */
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_free (job->folder_path);
  g_clear_object (&job->folder);
  g_clear_object (&job->rules);
  g_clear_pointer (&job->names, g_ptr_array_unref);
  g_free (job);
}

/* A batch for the main loop: names and their rows (NULL: gone). */
typedef struct {
  VertebroWorklistWindow *window;
  GPtrArray              *names;
  GPtrArray              *rows;
} Batch;

static void
batch_free (Batch *batch)
{
  g_object_unref (batch->window);
  g_ptr_array_unref (batch->names);
  g_ptr_array_unref (batch->rows);
  g_free (batch);
}

static void
row_unref_nullable (gpointer row)
{
  if (row != NULL)
    vertebro_worklist_row_unref (row);
}

static Batch *
batch_new (VertebroWorklistWindow *window)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->window = g_object_ref (window);
  batch->names = g_ptr_array_new_with_free_func (g_free);
  batch->rows = g_ptr_array_new_with_free_func (row_unref_nullable);
  return batch;
}

static gboolean
apply_batch (gpointer data)
{
  Batch *batch = data;
  VertebroWorklistWindow *self = batch->window;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_cancellable_is_cancelled (self->cancellable))
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < batch->names->len; i++)
    {
      const char *name = g_ptr_array_index (batch->names, i);
      VertebroWorklistRow *row = g_ptr_array_index (batch->rows, i);

      /* New files, the usual case while the folder is first read, go in
       * with one splice. */
      if (row != NULL && !g_hash_table_contains (self->by_name, name))
        {
          VertebroWorklistItem *item = item_new (row);

          g_hash_table_insert (self->by_name, g_strdup (name), item);
          g_ptr_array_add (fresh, item);
        }
      else
        put_row (self, name, row);
    }
  if (fresh->len > 0)
    g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                         fresh->pdata, fresh->len);
  update_status (self);
  return G_SOURCE_REMOVE;
}

static void
send_batch (Batch *batch)
{
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, apply_batch, batch, (GDestroyNotify) batch_free);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  VertebroWorklistWindow *self = source_object;
  ReadJob *job = task_data;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  Batch *batch = NULL;
  gint64 sent = 0;

  if (job->names != NULL)
    names = g_ptr_array_ref (job->names);
  else if ((names = vertebro_worklist_list_files (job->folder, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (job->folder_path, name, NULL);
      VertebroWorklistRow *row = NULL;
      GStatBuf st;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      /* A name read again may be gone, or be a folder now. */
      if (job->names == NULL || (g_stat (path, &st) == 0 && !S_ISDIR (st.st_mode)))
        row = vertebro_worklist_row_new_for_file (job->rules, job->folder_path, name, &job->today);

      if (batch == NULL)
        batch = batch_new (self);
      g_ptr_array_add (batch->names, g_strdup (name));
      g_ptr_array_add (batch->rows, row);
      /* The first rows at once, then a batch at most four times a
       * second: each one re-sorts the list and rebinds the rows shown. */
      if ((sent == 0 && batch->names->len >= 25) ||
          (sent > 0 && g_get_monotonic_time () - sent >= G_USEC_PER_SEC / 4))
        {
          send_batch (g_steal_pointer (&batch));
          sent = g_get_monotonic_time ();
        }
    }
  if (batch != NULL)
    send_batch (batch);
  g_task_return_boolean (task, TRUE);
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  VertebroWorklistWindow *self = VERTEBRO_WORKLIST_WINDOW (source);
  gboolean whole = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_free (self->folder_error);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        self->folder_error = g_strdup (_("The folder does not exist."));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
        self->folder_error = g_strdup (_("This is not a folder."));
      else
        self->folder_error = g_strdup (error->message);
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (whole)
    self->loading = FALSE;
  else
    self->rereading = FALSE;
  update_status (self);
  process_pending (self);
}

static void
start_read (VertebroWorklistWindow *self,
            GPtrArray              *names)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, read_done, GINT_TO_POINTER (names == NULL));
  ReadJob *job = g_new0 (ReadJob, 1);

  job->folder_path = g_strdup (self->folder_path);
  job->folder = g_object_ref (self->folder);
  job->rules = g_object_ref (self->rules);
  job->today = self->today;
  job->names = names != NULL ? g_ptr_array_ref (names) : NULL;
  if (names == NULL)
    self->loading = TRUE;
  else
    self->rereading = TRUE;
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_thread);
}

/* ---- Following the folder ---- */

/* Reads again what the monitor reported, once the first reading is over
 * (a row read before the change must not replace one read after it) and
 * one reading again at a time. */
static void
process_pending (VertebroWorklistWindow *self)
{
  g_autoptr(GPtrArray) names = NULL;
  GHashTableIter iter;
  gpointer name;

  if (self->loading || self->rereading || g_hash_table_size (self->pending) == 0)
    return;
  names = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      g_ptr_array_add (names, g_strdup (name));
      g_hash_table_iter_remove (&iter);
    }
  start_read (self, names);
}

static gboolean
on_pending_timeout (gpointer data)
{
  VertebroWorklistWindow *self = data;

  self->pending_source = 0;
  process_pending (self);
  return G_SOURCE_REMOVE;
}

static void
note_changed (VertebroWorklistWindow *self,
              GFile                  *file)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;

  if (file == NULL)
    return;
  parent = g_file_get_parent (file);
  if (parent == NULL || !g_file_equal (parent, self->folder))
    return;
  name = g_file_get_basename (file);
  if (name == NULL || !vertebro_worklist_is_patient_name (name))
    return;
  g_hash_table_add (self->pending, g_steal_pointer (&name));
  /* A save is several events (the temporary file, the rename): read once. */
  if (self->pending_source == 0)
    self->pending_source = g_timeout_add (150, on_pending_timeout, self);
}

static void
on_folder_changed (GFileMonitor           *monitor,
                   GFile                  *file,
                   GFile                  *other_file,
                   GFileMonitorEvent       event,
                   VertebroWorklistWindow *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED:
      note_changed (self, file);
      note_changed (self, other_file);
      break;
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    default:
      break;
    }
}

/* ---- Filters and order ---- */

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  int order = vertebro_worklist_row_compare (VERTEBRO_WORKLIST_ITEM ((gpointer) a)->row,
                                             VERTEBRO_WORKLIST_ITEM ((gpointer) b)->row);

  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  VertebroWorklistWindow *self = user_data;
  VertebroWorklistRow *row = VERTEBRO_WORKLIST_ITEM (item)->row;
  guint choice = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->verdict_filter));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search));
  VertebroVerdict verdict;
  gboolean has_verdict = vertebro_worklist_row_get_verdict (row, &verdict);

  if (choice == FILTER_REFUSED && has_verdict)
    return FALSE;
  if (choice != FILTER_ALL && choice != FILTER_REFUSED && (!has_verdict || (guint) verdict != choice - 1))
    return FALSE;
  /* Needs action this week: its next action is overdue or due within 7 days. */
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->week_filter)) &&
      (vertebro_worklist_row_get_next_id (row) == NULL || vertebro_worklist_row_get_next_days (row) > 7))
    return FALSE;
  if (search[0] != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);

      if (strstr (VERTEBRO_WORKLIST_ITEM (item)->search_key, needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
on_filter_changed (VertebroWorklistWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_status (self);
}

/* ---- The rows ---- */

/* A column @width pixels wide (the same in the rows and the headings,
 * whatever their fonts), or the one that takes the rest. */
static GtkWidget *
cell (GtkWidget  *box,
      const char *key,
      int         width,
      gboolean    expand)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (width > 0)
    {
      gtk_widget_set_size_request (label, width, -1);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
    }
  gtk_widget_set_hexpand (label, expand);
  gtk_box_append (GTK_BOX (box), label);
  g_object_set_data (G_OBJECT (box), key, label);
  return label;
}

static GtkWidget *
row_box_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *who = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *next = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), icon);
  g_object_set_data (G_OBJECT (box), "icon", icon);

  cell (box, "verdict", 130, FALSE);
  gtk_box_append (GTK_BOX (box), who);
  label = cell (who, "name", 220, FALSE);
  gtk_widget_add_css_class (label, "heading");
  label = cell (who, "identifier", 220, FALSE);
  gtk_widget_add_css_class (label, "dim-label");
  g_object_set_data (G_OBJECT (box), "name", g_object_get_data (G_OBJECT (who), "name"));
  g_object_set_data (G_OBJECT (box), "identifier", g_object_get_data (G_OBJECT (who), "identifier"));

  cell (box, "planned", 110, FALSE);
  cell (box, "missing", 80, FALSE);
  cell (box, "decision", 110, FALSE);
  gtk_widget_set_hexpand (next, TRUE);
  gtk_box_append (GTK_BOX (box), next);
  label = cell (next, "due", 0, TRUE);
  label = cell (next, "next", 0, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  g_object_set_data (G_OBJECT (box), "due", g_object_get_data (G_OBJECT (next), "due"));
  g_object_set_data (G_OBJECT (box), "next", g_object_get_data (G_OBJECT (next), "next"));
  return box;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, row_box_new ());
}

/* Column headings, laid out as the rows are. */
static GtkWidget *
heading_new (void)
{
  GtkWidget *box = row_box_new ();
  static const struct {
    const char *key;
    const char *heading;
  } headings[] = {
    { "verdict", NC_("worklist", "Verdict") },
    { "name", NC_("worklist", "Patient") },
    { "planned", NC_("worklist", "Planned") },
    { "missing", NC_("worklist", "Missing") },
    { "decision", NC_("worklist", "Decision") },
    { "due", NC_("worklist", "Next action") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      GtkWidget *label = g_object_get_data (G_OBJECT (box), headings[i].key);

      gtk_label_set_text (GTK_LABEL (label), g_dpgettext2 (GETTEXT_PACKAGE, "worklist", headings[i].heading));
      /* The rows' font, so that the columns' widths in characters match. */
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "dim-label");
    }
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "identifier"), FALSE);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "next"), FALSE);
  /* As wide as an icon, but empty. */
  gtk_widget_set_size_request (g_object_get_data (G_OBJECT (box), "icon"), 16, -1);
  /* The list's rows add 2 px of padding to their boxes' margins. */
  gtk_widget_set_margin_start (box, 14);
  gtk_widget_set_margin_end (box, 14);
  gtk_widget_set_margin_top (box, 0);
  gtk_widget_set_margin_bottom (box, 0);
  gtk_accessible_update_state (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return box;
}

static void
set_cell (GtkWidget  *box,
          const char *key,
          const char *text)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (box), key);
  g_autofree char *safe = vertebro_worklist_safe_text (text != NULL ? text : "");

  gtk_label_set_text (GTK_LABEL (label), safe);
  gtk_widget_set_tooltip_text (label, safe[0] != '\0' ? safe : NULL);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  VertebroWorklistRow *row = VERTEBRO_WORKLIST_ITEM (gtk_list_item_get_item (list_item))->row;
  GtkWidget *icon = g_object_get_data (G_OBJECT (box), "icon");
  GtkWidget *due_label = g_object_get_data (G_OBJECT (box), "due");
  const GDate *planned = vertebro_worklist_row_get_planned_date (row);
  g_autofree char *planned_text = planned != NULL ? vertebro_format_date (planned, VERTEBRO_TEXT_LOCALIZED)
                                                  : g_strdup (_("No date"));
  const char *identifier = vertebro_worklist_row_get_identifier (row);
  const char *decision = vertebro_worklist_row_get_decision (row);
  VertebroVerdict verdict;

  for (int v = VERTEBRO_VERDICT_CONTRAINDICATED; v <= VERTEBRO_VERDICT_ELIGIBLE; v++)
    gtk_widget_remove_css_class (icon, vertebro_verdict_get_style_class (v));
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (due_label, "error");

  set_cell (box, "planned", planned_text);
  set_cell (box, "identifier", identifier != NULL ? identifier : vertebro_worklist_row_get_display_file (row));
  set_cell (box, "decision", decision != NULL ? vertebro_decision_outcome_label (decision) : "");

  if (vertebro_worklist_row_get_verdict (row, &verdict))
    {
      g_autofree char *missing = NULL;
      g_autofree char *next = vertebro_worklist_row_dup_next_text (row, VERTEBRO_TEXT_LOCALIZED);
      guint n_missing = vertebro_worklist_row_get_n_missing (row);

      gtk_image_set_from_icon_name (GTK_IMAGE (icon), vertebro_verdict_get_icon_name (verdict));
      gtk_widget_add_css_class (icon, vertebro_verdict_get_style_class (verdict));
      set_cell (box, "verdict", vertebro_verdict_get_label (verdict));
      set_cell (box, "name", vertebro_worklist_row_get_name (row) != NULL ? vertebro_worklist_row_get_name (row)
                                                                           : _("No name"));
      if (n_missing > 0)
        /* Translators: how many answers a patient file still lacks. */
        missing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u missing", "%u missing", n_missing), n_missing);
      set_cell (box, "missing", missing);
      if (next != NULL)
        {
          g_autofree char *due = vertebro_worklist_row_dup_due_text (row);

          set_cell (box, "due", due);
          set_cell (box, "next", next);
          if (vertebro_worklist_row_get_next_overdue (row))
            gtk_widget_add_css_class (due_label, "error");
        }
      else
        {
          set_cell (box, "due", _("No action due"));
          set_cell (box, "next", NULL);
        }
    }
  else
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
      set_cell (box, "verdict", C_("worklist", "Refused"));
      set_cell (box, "name", vertebro_worklist_row_get_display_file (row));
      set_cell (box, "missing", NULL);
      set_cell (box, "due", _("This file was not read"));
      set_cell (box, "next", vertebro_worklist_row_get_error (row));
    }
}

/* ---- Opening a patient ---- */

void
vertebro_worklist_window_open_row (VertebroWorklistWindow *self,
                                   guint                   position)
{
  g_autoptr(VertebroWorklistItem) item = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  GtkApplication *app;

  g_return_if_fail (VERTEBRO_IS_WORKLIST_WINDOW (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (item == NULL || app == NULL)
    return;
  file = g_file_get_child (self->folder, vertebro_worklist_row_get_file (item->row));
  /* A window of its own, as GNOME apps open documents; a refused file
   * shows why it was refused. */
  uri = g_file_get_uri (file);
  gtk_widget_activate_action (GTK_WIDGET (self), "app.open-file", "s", uri);
}

static void
on_activate (GtkListView            *list,
             guint                   position,
             VertebroWorklistWindow *self)
{
  vertebro_worklist_window_open_row (self, position);
}

/* ---- The class ---- */

static void
vertebro_worklist_window_dispose (GObject *object)
{
  VertebroWorklistWindow *self = VERTEBRO_WORKLIST_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
    }
  g_clear_object (&self->monitor);
  g_clear_handle_id (&self->pending_source, g_source_remove);

  G_OBJECT_CLASS (vertebro_worklist_window_parent_class)->dispose (object);
}

static void
vertebro_worklist_window_finalize (GObject *object)
{
  VertebroWorklistWindow *self = VERTEBRO_WORKLIST_WINDOW (object);

  g_clear_object (&self->folder);
  g_free (self->folder_path);
  g_clear_object (&self->rules);
  g_clear_object (&self->store);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filter);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_free (self->folder_error);

  G_OBJECT_CLASS (vertebro_worklist_window_parent_class)->finalize (object);
}

/* The folder is read once the window is shown: GTK 4.8's list view must
 * have been measured empty before rows arrive, or its first measure finds
 * rows it has no height for. */
static void
vertebro_worklist_window_map (GtkWidget *widget)
{
  VertebroWorklistWindow *self = VERTEBRO_WORKLIST_WINDOW (widget);

  GTK_WIDGET_CLASS (vertebro_worklist_window_parent_class)->map (widget);
  if (!self->started)
    {
      self->started = TRUE;
      start_read (self, NULL);
      update_status (self);
    }
}

static void
vertebro_worklist_window_class_init (VertebroWorklistWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vertebro_worklist_window_dispose;
  object_class->finalize = vertebro_worklist_window_finalize;
  GTK_WIDGET_CLASS (klass)->map = vertebro_worklist_window_map;
}

static void
vertebro_worklist_window_init (VertebroWorklistWindow *self)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new ();
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *overlay;
  g_autoptr(GtkSorter) sorter = NULL;

  self->store = g_list_store_new (VERTEBRO_TYPE_WORKLIST_ITEM);
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();

  gtk_window_set_default_size (GTK_WINDOW (self), 1100, 700);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Worklist"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (content), header);

  /* Search, the verdict filter, and "this week". */
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  self->search = gtk_search_entry_new ();
  g_object_set (self->search, "placeholder-text", _("Search by name or identifier"), NULL);
  gtk_widget_set_hexpand (self->search, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search by name or identifier"), -1);
  gtk_box_append (GTK_BOX (bar), self->search);
  g_ptr_array_add (choices, (gpointer) _("All verdicts"));
  for (int v = VERTEBRO_VERDICT_CONTRAINDICATED; v <= VERTEBRO_VERDICT_ELIGIBLE; v++)
    g_ptr_array_add (choices, (gpointer) vertebro_verdict_get_label (v));
  g_ptr_array_add (choices, (gpointer) _("Not read"));
  g_ptr_array_add (choices, NULL);
  self->verdict_filter = gtk_drop_down_new_from_strings ((const char * const *) choices->pdata);
  gtk_widget_set_tooltip_text (self->verdict_filter, _("Show one verdict only"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_filter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Verdict"), -1);
  gtk_box_append (GTK_BOX (bar), self->verdict_filter);
  self->week_filter = gtk_toggle_button_new_with_mnemonic (_("Needs Action This _Week"));
  gtk_widget_set_tooltip_text (self->week_filter, _("Only patients with an action overdue or due in the next 7 days"));
  gtk_box_append (GTK_BOX (bar), self->week_filter);
  gtk_box_append (GTK_BOX (content), bar);
  gtk_box_append (GTK_BOX (content), heading_new ());

  /* The list, sorted by planned date, undated last, then by file name. */
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_items, NULL, NULL));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)), g_object_ref (sorter));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  self->list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)))),
                                  g_object_ref (factory));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (self->list))), FALSE);
  /* Rows padded as in the headings (no "rich-list": its CSS spaces the
   * rows' boxes further than the headings'). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Patients"), -1);
  g_signal_connect (self->list, "activate", G_CALLBACK (on_activate), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_widget_set_vexpand (scrolled, TRUE);

  /* The status page (no files, nothing matches, the folder not read) lies
   * over the list rather than replacing it: GTK 4.8's list view must stay
   * shown, and measured, while its model changes. */
  self->status = ADW_STATUS_PAGE (adw_status_page_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "view");
  gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), scrolled);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (content), overlay);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), content);

  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->verdict_filter, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->week_filter, "toggled", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->sorted, "items-changed", G_CALLBACK (update_status), self);
}

/**
 * vertebro_worklist_window_new:
 * @application: the application
 * @rules: the rule set the rows are evaluated with
 * @folder: the folder to list
 *
 * Returns: (transfer full): the window, already reading @folder
 */
VertebroWorklistWindow *
vertebro_worklist_window_new (AdwApplication  *application,
                              VertebroRuleset *rules,
                              GFile           *folder)
{
  VertebroWorklistWindow *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (VERTEBRO_IS_RULESET (rules), NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  self = g_object_new (VERTEBRO_TYPE_WORKLIST_WINDOW, "application", application, NULL);
  self->folder = g_object_ref (folder);
  self->folder_path = g_file_get_path (folder);
  if (self->folder_path == NULL)
    self->folder_path = g_file_get_parse_name (folder);
  self->rules = g_object_ref (rules);
  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  name = g_file_get_basename (folder);
  adw_window_title_set_title (self->title, name != NULL ? name : self->folder_path);
  gtk_window_set_title (GTK_WINDOW (self), name != NULL ? name : self->folder_path);

  /* The monitor first, so that nothing changed while the folder is read is
   * missed: what it reports is read again after the first reading. */
  self->monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, self->cancellable, &error);
  if (self->monitor != NULL)
    {
      g_file_monitor_set_rate_limit (self->monitor, 500);
      g_signal_connect (self->monitor, "changed", G_CALLBACK (on_folder_changed), self);
    }
  else
    g_debug ("The folder is not followed: %s", error->message);

  update_status (self);
  return self;
}

GFile *
vertebro_worklist_window_get_folder (VertebroWorklistWindow *self)
{
  g_return_val_if_fail (VERTEBRO_IS_WORKLIST_WINDOW (self), NULL);
  return self->folder;
}

GListModel *
vertebro_worklist_window_get_model (VertebroWorklistWindow *self)
{
  g_return_val_if_fail (VERTEBRO_IS_WORKLIST_WINDOW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GListModel *
vertebro_worklist_window_get_all (VertebroWorklistWindow *self)
{
  g_return_val_if_fail (VERTEBRO_IS_WORKLIST_WINDOW (self), NULL);
  return G_LIST_MODEL (self->store);
}

gboolean
vertebro_worklist_window_is_busy (VertebroWorklistWindow *self)
{
  g_return_val_if_fail (VERTEBRO_IS_WORKLIST_WINDOW (self), FALSE);
  return !self->started || self->loading || self->rereading || self->pending_source != 0 || g_hash_table_size (self->pending) > 0;
}
