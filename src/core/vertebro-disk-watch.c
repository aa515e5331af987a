/* vertebro-disk-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No update lost: a document remembers the file as it read or wrote it (its
 * etag, which for local files is the modification time to the microsecond,
 * and its size, from GFileInfo), and follows it with a GFileMonitor. The
 * signal "changed-on-disk" says when someone else changed, deleted or
 * renamed it; the window then reloads an unmodified document, and asks
 * before a save overwrites (or recreates) a file that is not as it was.
 */

#define G_LOG_DOMAIN "vertebro-disk-watch"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "vertebro-disk-watch.h"

#define STAMP_ATTRIBUTES G_FILE_ATTRIBUTE_ETAG_VALUE "," G_FILE_ATTRIBUTE_STANDARD_SIZE

struct _VertebroDiskWatch
{
  GObject       parent_instance;
  GFile        *file;
  char         *stamp;    /* NULL: the file was not there */
  GFileMonitor *monitor;
  guint         source;
};

G_DEFINE_FINAL_TYPE (VertebroDiskWatch, vertebro_disk_watch, G_TYPE_OBJECT)

enum { CHANGED_ON_DISK, N_SIGNALS };
static guint signals[N_SIGNALS];

static char *
stamp_of (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, STAMP_ATTRIBUTES, G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info == NULL)
    return NULL;
  return g_strdup_printf ("%s/%" G_GOFFSET_FORMAT,
                          g_file_info_get_etag (info) != NULL ? g_file_info_get_etag (info) : "",
                          g_file_info_get_size (info));
}

VertebroDiskState
vertebro_disk_watch_check (VertebroDiskWatch *self)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (VERTEBRO_IS_DISK_WATCH (self), VERTEBRO_DISK_SAME);
  if (self->file == NULL)
    return VERTEBRO_DISK_SAME;
  now = stamp_of (self->file);
  if (now == NULL)
    return self->stamp == NULL ? VERTEBRO_DISK_SAME : VERTEBRO_DISK_GONE;
  return g_strcmp0 (now, self->stamp) == 0 ? VERTEBRO_DISK_SAME : VERTEBRO_DISK_CHANGED;
}

static gboolean
on_settled (gpointer data)
{
  VertebroDiskWatch *self = data;

  self->source = 0;
  if (vertebro_disk_watch_check (self) != VERTEBRO_DISK_SAME)
    g_signal_emit (self, signals[CHANGED_ON_DISK], 0);
  return G_SOURCE_REMOVE;
}

static void
on_monitor_changed (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    VertebroDiskWatch *self)
{
  /* A save by another program is several events: look once they settle. */
  g_clear_handle_id (&self->source, g_source_remove);
  self->source = g_timeout_add (200, on_settled, self);
}

void
vertebro_disk_watch_remember (VertebroDiskWatch *self)
{
  g_return_if_fail (VERTEBRO_IS_DISK_WATCH (self));
  g_clear_pointer (&self->stamp, g_free);
  if (self->file != NULL)
    self->stamp = stamp_of (self->file);
}

void
vertebro_disk_watch_set_file (VertebroDiskWatch *self,
                              GFile             *file)
{
  g_return_if_fail (VERTEBRO_IS_DISK_WATCH (self));

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->source, g_source_remove);
  g_set_object (&self->file, file);
  vertebro_disk_watch_remember (self);
  if (file == NULL)
    return;

  /* WATCH_MOVES: a rename over the file (how every careful program saves)
   * is reported as such. */
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (on_monitor_changed), self);
}

static void
vertebro_disk_watch_dispose (GObject *object)
{
  vertebro_disk_watch_set_file (VERTEBRO_DISK_WATCH (object), NULL);
  G_OBJECT_CLASS (vertebro_disk_watch_parent_class)->dispose (object);
}

static void
vertebro_disk_watch_finalize (GObject *object)
{
  g_free (VERTEBRO_DISK_WATCH (object)->stamp);
  G_OBJECT_CLASS (vertebro_disk_watch_parent_class)->finalize (object);
}

static void
vertebro_disk_watch_class_init (VertebroDiskWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vertebro_disk_watch_dispose;
  object_class->finalize = vertebro_disk_watch_finalize;

  /**
   * VertebroDiskWatch::changed-on-disk:
   *
   * The file is no longer as this document last read or wrote it.
   */
  signals[CHANGED_ON_DISK] = g_signal_new ("changed-on-disk", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vertebro_disk_watch_init (VertebroDiskWatch *self)
{
}

VertebroDiskWatch *
vertebro_disk_watch_new (void)
{
  return g_object_new (VERTEBRO_TYPE_DISK_WATCH, NULL);
}

/* ---- What changed, field by field ---- */

static void
flatten (JsonNode   *node,
         const char *path,
         GHashTable *out)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_autofree char *child = path[0] != '\0' ? g_strconcat (path, ".", name, NULL) : g_strdup (name);
            flatten (member, child, out);
          }
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);
            flatten (json_array_get_element (array, i), child, out);
          }
        break;
      }
    case JSON_NODE_NULL:
    case JSON_NODE_VALUE:
    default:
      {
        g_autoptr(JsonGenerator) generator = json_generator_new ();

        json_generator_set_root (generator, node);
        g_hash_table_insert (out, g_strdup (path), json_generator_to_data (generator, NULL));
        break;
      }
    }
}

static GHashTable *
flat_fields (VertebroPatient *patient)
{
  g_autofree char *data = vertebro_patient_to_data (patient);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (json_parser_load_from_data (parser, data, -1, NULL))
    flatten (json_parser_get_root (parser), "", out);
  return out;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * vertebro_patient_describe_changes:
 * @theirs: the file on disk
 * @yours: the open document
 *
 * Returns: (transfer full): one line per field that differs, sorted by
 *   path, "path: theirs → yours" ("—" for absent); empty when none
 */
char *
vertebro_patient_describe_changes (VertebroPatient *theirs,
                                   VertebroPatient *yours)
{
  g_autoptr(GHashTable) a = flat_fields (theirs);
  g_autoptr(GHashTable) b = flat_fields (yours);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer path;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    if (g_strcmp0 (g_hash_table_lookup (a, path), g_hash_table_lookup (b, path)) != 0)
      g_ptr_array_add (paths, path);
  g_hash_table_iter_init (&iter, b);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    if (!g_hash_table_contains (a, path))
      g_ptr_array_add (paths, path);
  g_ptr_array_sort (paths, compare_strings);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *p = g_ptr_array_index (paths, i);
      const char *x = g_hash_table_lookup (a, p);
      const char *y = g_hash_table_lookup (b, p);

      /* Translators: one changed field of a patient file: its path, the value in the file on disk,
       * then the value in the open document. */
      g_string_append_printf (out, _("%s: %s → %s\n"), p, x != NULL ? x : "—", y != NULL ? y : "—");
    }
  return g_string_free (out, FALSE);
}
