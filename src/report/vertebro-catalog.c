/* vertebro-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The leaflet is written in the patient's language, which need not be the
 * process's: a German interface hands a Spanish patient a Spanish sheet,
 * and the clinician's summary made in the same process stays German.
 *
 * gettext can only translate into the process's language: switching
 * LANGUAGE or the locale for the length of a leaflet would change, for
 * that time, every other thread's messages too (GTK's, a summary being
 * printed), and setlocale() is not thread-safe. So this file reads the
 * language's compiled catalogue (vertebro.mo, the very file gettext uses)
 * itself, once, into a hash table that is never changed afterwards:
 * lookups need no lock and touch no global state. The .mo format is the
 * one GNU gettext documents ("The Format of GNU MO Files"): a header, then
 * two tables of (length, offset) pairs, originals and translations, each
 * string NUL-terminated; a context is "CONTEXT\004MSGID"; a plural
 * original is "MSGID\0PLURAL" (the leaflet uses none; the first form is
 * kept). Fuzzy messages are not in a .mo, so they are not used either.
 *
 * The catalogue is found where the rest of Vertebro finds it:
 * VERTEBRO_LOCALEDIR when set (an uninstalled build, the tests), else the
 * installed locale folder. English needs none; a language whose catalogue
 * cannot be read gives the English texts.
 */

#define G_LOG_DOMAIN "vertebro-catalog"

#include "config.h"

#include <string.h>

#include "vertebro-catalog.h"

#define MO_MAGIC         0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

struct _VertebroCatalog
{
  char       *language;
  GHashTable *messages;   /* original → translation, both owned */
};

G_LOCK_DEFINE_STATIC (catalogs);
static GHashTable *catalogs;  /* language → VertebroCatalog, never freed */

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swapped)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

/* Reads @path into @messages; a file that is not a valid catalogue adds
 * nothing. */
static void
load_mo (GHashTable *messages,
         const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  const guint8 *data;
  gsize length;
  guint32 magic, n, originals, translations;
  gboolean swapped;

  if (file == NULL)
    return;
  data = (const guint8 *) g_mapped_file_get_contents (file);
  length = g_mapped_file_get_length (file);
  if (data == NULL || length < 20)
    return;

  memcpy (&magic, data, sizeof magic);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    return;
  swapped = magic == MO_MAGIC_SWAPPED;
  n = read_u32 (data, 8, swapped);
  originals = read_u32 (data, 12, swapped);
  translations = read_u32 (data, 16, swapped);
  if ((guint64) originals + (guint64) n * 8 > length || (guint64) translations + (guint64) n * 8 > length)
    return;

  for (guint32 i = 0; i < n; i++)
    {
      guint32 o_length = read_u32 (data, originals + 8 * (gsize) i, swapped);
      guint32 o_offset = read_u32 (data, originals + 8 * (gsize) i + 4, swapped);
      guint32 t_length = read_u32 (data, translations + 8 * (gsize) i, swapped);
      guint32 t_offset = read_u32 (data, translations + 8 * (gsize) i + 4, swapped);

      if ((guint64) o_offset + o_length >= length || (guint64) t_offset + t_length >= length)
        continue;
      if (o_length == 0)  /* the header */
        continue;
      /* strnlen: a plural original or translation keeps its first form. */
      g_hash_table_replace (messages,
                            g_strndup ((const char *) data + o_offset, strnlen ((const char *) data + o_offset, o_length)),
                            g_strndup ((const char *) data + t_offset, strnlen ((const char *) data + t_offset, t_length)));
    }
}

static char *
locale_dir (void)
{
  const char *dir = g_getenv ("VERTEBRO_LOCALEDIR");

  return g_strdup (dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR);
}

/**
 * vertebro_catalog_get:
 * @language: a language code such as "es"
 *
 * Returns: (transfer none): the catalogue of @language, read once and kept
 *   for the life of the process; empty for English or when there is none
 */
VertebroCatalog *
vertebro_catalog_get (const char *language)
{
  VertebroCatalog *catalog;

  g_return_val_if_fail (language != NULL, NULL);

  G_LOCK (catalogs);
  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_str_hash, g_str_equal);
  catalog = g_hash_table_lookup (catalogs, language);
  if (catalog == NULL)
    {
      catalog = g_new0 (VertebroCatalog, 1);
      catalog->language = g_strdup (language);
      catalog->messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (!g_str_equal (language, "en"))
        {
          g_autofree char *dir = locale_dir ();
          g_autofree char *path = g_build_filename (dir, language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

          load_mo (catalog->messages, path);
        }
      g_hash_table_insert (catalogs, catalog->language, catalog);
    }
  G_UNLOCK (catalogs);
  return catalog;
}

/**
 * vertebro_catalog_lookup:
 * @self: a catalogue
 * @context: (nullable): the message's context (msgctxt)
 * @msgid: the English message
 *
 * Returns: the translation, or @msgid when there is none
 */
const char *
vertebro_catalog_lookup (VertebroCatalog *self,
                         const char      *context,
                         const char      *msgid)
{
  const char *translation;

  g_return_val_if_fail (self != NULL, msgid);
  g_return_val_if_fail (msgid != NULL, msgid);

  if (msgid[0] == '\0')
    return msgid;
  if (context != NULL)
    {
      g_autofree char *key = g_strconcat (context, "\004", msgid, NULL);

      translation = g_hash_table_lookup (self->messages, key);
    }
  else
    translation = g_hash_table_lookup (self->messages, msgid);
  return translation != NULL && translation[0] != '\0' ? translation : msgid;
}

/* Whether @msgid has a translation (always for English). */
gboolean
vertebro_catalog_has (VertebroCatalog *self,
                      const char      *msgid)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return g_str_equal (self->language, "en") || g_hash_table_contains (self->messages, msgid);
}
