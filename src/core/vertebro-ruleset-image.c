/* vertebro-ruleset-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in rule set, compiled at build time. vertebro-compile-rules
 * loads data/rules/vertebro-default.json with the loader every rule set
 * goes through — so the built-in rules are validated by the very code that
 * validates a site's — and writes what the loader made as an image. At
 * start, vertebro_ruleset_new_default() rebuilds the same structures from
 * it without parsing JSON, checking texts or compiling conditions again:
 * that was more than half of `vertebro --evaluate` (bench/). From there on
 * the built-in rule set and a site's share one code path.
 *
 * The image is typed, fixed-layout records in a fixed order (32-bit
 * numbers, doubles, and strings as offsets into one table of
 * NUL-terminated strings), in the byte order of the machine that built
 * it; its header says which, and a reader of another refuses it.
 * Conditions are written depth first; a "ref" names its definition, and
 * definitions are written before any condition that uses them. Only what
 * evaluation and the accessors use is written: the tables the loader
 * needs only while it validates (every finding id, every needed path, the
 * sources never to be cited alone) stay empty.
 *
 * vertebro-compile-rules reads every image it writes back and writes it
 * again; the build fails unless both are the same bytes, so the reader
 * cannot miss what the writer knows.
 */

#define G_LOG_DOMAIN "vertebro-ruleset"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vertebro-ruleset-image.h"

#define IMAGE_MAGIC      "VRTBRULE"
#define IMAGE_LAYOUT     1u
#define IMAGE_BYTE_ORDER 0x01020304u
#define NONE             G_MAXUINT32   /* a NULL string, list or condition */

typedef struct {
  char     magic[8];
  guint32  layout;
  guint32  byte_order;
  guint32  records_length;
  guint32  strings_length;
} ImageHeader;

/* ---- Writing ---- */

typedef struct {
  GByteArray *records;
  GString    *strings;
  GHashTable *offsets;       /* string → its offset + 1 */
  GHashTable *definitions;   /* definition's condition → its name */
  GHashTable *written;       /* names of the definitions written */
} Writer;

static void
put_u32 (Writer  *w,
         guint32  value)
{
  g_byte_array_append (w->records, (const guint8 *) &value, sizeof value);
}

static void
put_f64 (Writer *w,
         double  value)
{
  g_byte_array_append (w->records, (const guint8 *) &value, sizeof value);
}

static void
put_u64 (Writer  *w,
         guint64  value)
{
  g_byte_array_append (w->records, (const guint8 *) &value, sizeof value);
}

/* Each distinct string is stored once. */
static void
put_str (Writer     *w,
         const char *text)
{
  guint offset;

  if (text == NULL)
    {
      put_u32 (w, NONE);
      return;
    }
  offset = GPOINTER_TO_UINT (g_hash_table_lookup (w->offsets, text));
  if (offset == 0)
    {
      offset = (guint) w->strings->len + 1;
      g_string_append_len (w->strings, text, (gssize) strlen (text) + 1);
      g_hash_table_insert (w->offsets, g_strdup (text), GUINT_TO_POINTER (offset));
    }
  put_u32 (w, offset - 1);
}

static void
put_strv (Writer             *w,
          const char * const *strv)
{
  if (strv == NULL)
    {
      put_u32 (w, NONE);
      return;
    }
  put_u32 (w, g_strv_length ((char **) strv));
  for (guint i = 0; strv[i] != NULL; i++)
    put_str (w, strv[i]);
}

static void
put_cond (Writer             *w,
          const VertebroCond *cond)
{
  if (cond == NULL)
    {
      put_u32 (w, NONE);
      return;
    }
  put_u32 (w, cond->type);
  put_u32 (w, cond->op);
  put_u32 (w, cond->boolean);
  put_str (w, cond->fact != NULL ? cond->fact->name : NULL);
  put_f64 (w, cond->number);
  put_str (w, cond->operand_fact != NULL ? cond->operand_fact->name : NULL);
  put_str (w, cond->string);
  put_strv (w, (const char * const *) cond->strings);
  put_u32 (w, cond->some);
  put_u32 (w, cond->severity);
  put_u32 (w, cond->scopes);
  put_u32 (w, cond->uses_results);
  put_u64 (w, cond->size);
  put_str (w, cond->ref != NULL ? g_hash_table_lookup (w->definitions, cond->ref) : NULL);
  if (cond->children == NULL)
    {
      put_u32 (w, NONE);
      return;
    }
  put_u32 (w, cond->children->len);
  for (guint i = 0; i < cond->children->len; i++)
    put_cond (w, g_ptr_array_index (cond->children, i));
}

static void put_definition (Writer             *w,
                            const char         *name,
                            const VertebroCond *cond);

/* Writes the definitions @cond refers to, before it. */
static void
put_definitions_used (Writer             *w,
                      const VertebroCond *cond)
{
  if (cond->ref != NULL)
    put_definition (w, g_hash_table_lookup (w->definitions, cond->ref), cond->ref);
  for (guint i = 0; cond->children != NULL && i < cond->children->len; i++)
    put_definitions_used (w, g_ptr_array_index (cond->children, i));
}

static void
put_definition (Writer             *w,
                const char         *name,
                const VertebroCond *cond)
{
  if (g_hash_table_contains (w->written, name))
    return;
  put_definitions_used (w, cond);
  put_str (w, name);
  put_cond (w, cond);
  g_hash_table_add (w->written, (gpointer) name);
}

static void
put_template (Writer                 *w,
              const VertebroTemplate *template)
{
  if (template == NULL)
    {
      put_u32 (w, NONE);
      return;
    }
  put_u32 (w, template->variants->len);
  for (guint i = 0; i < template->variants->len; i++)
    {
      const VertebroVariant *variant = g_ptr_array_index (template->variants, i);

      put_cond (w, variant->when);
      put_str (w, variant->text);
    }
}

static void
put_items (Writer    *w,
           GPtrArray *items)
{
  put_u32 (w, items->len);
  for (guint i = 0; i < items->len; i++)
    {
      const VertebroItemRule *rule = g_ptr_array_index (items, i);

      put_str (w, rule->id);
      put_u32 (w, rule->scope);
      put_cond (w, rule->when);
      put_template (w, rule->text);
      put_u32 (w, rule->has_lead_days);
      put_f64 (w, rule->lead_days);
      put_cond (w, rule->done);
      put_strv (w, (const char * const *) rule->sources);
    }
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * vertebro_ruleset_write_image:
 * @self: a rule set the loader made
 *
 * Returns: (transfer full): @self as an image that
 *   vertebro_ruleset_new_from_image() reads
 */
GBytes *
vertebro_ruleset_write_image (VertebroRuleset *self)
{
  Writer w = {
    g_byte_array_new (),
    g_string_new (NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_hash_table_new (NULL, NULL),
    g_hash_table_new (g_str_hash, g_str_equal),
  };
  ImageHeader header = { IMAGE_MAGIC, IMAGE_LAYOUT, IMAGE_BYTE_ORDER, 0, 0 };
  GHashTableIter iter;
  gpointer name, cond;
  const char **names;
  guint n_names;
  GByteArray *image;

  g_return_val_if_fail (VERTEBRO_IS_RULESET (self), NULL);

  g_hash_table_iter_init (&iter, self->definitions);
  while (g_hash_table_iter_next (&iter, &name, &cond))
    g_hash_table_insert (w.definitions, cond, name);

  put_str (&w, self->id);
  put_str (&w, self->version);
  put_str (&w, self->title);
  put_str (&w, self->sha256);

  put_u32 (&w, self->sources->len);
  for (guint i = 0; i < self->sources->len; i++)
    {
      const char *id = g_ptr_array_index (self->sources, i);

      put_str (&w, id);
      put_str (&w, g_hash_table_lookup (self->citations, id));
      put_str (&w, g_hash_table_lookup (self->dois, id));
      put_u32 (&w, g_hash_table_contains (self->documents, id));
    }

  put_u32 (&w, self->thresholds->len);
  for (guint i = 0; i < self->thresholds->len; i++)
    {
      const VertebroThreshold *threshold = g_ptr_array_index (self->thresholds, i);

      put_str (&w, threshold->id);
      put_f64 (&w, threshold->value);
      put_str (&w, threshold->unit);
      put_str (&w, threshold->label);
    }

  put_f64 (&w, self->genant.grade_1_from);
  put_f64 (&w, self->genant.grade_2_above);
  put_f64 (&w, self->genant.grade_3_above);

  /* By name, each after those it uses: the same rule set always gives the
   * same bytes, whatever the order of its hash table. */
  names = (const char **) g_hash_table_get_keys_as_array (self->definitions, &n_names);
  qsort (names, n_names, sizeof *names, compare_names);
  put_u32 (&w, n_names);
  for (guint i = 0; i < n_names; i++)
    put_definition (&w, names[i], g_hash_table_lookup (self->definitions, names[i]));
  g_free (names);

  put_u32 (&w, self->needed->len);
  for (guint i = 0; i < self->needed->len; i++)
    {
      const VertebroNeededRule *rule = g_ptr_array_index (self->needed, i);

      put_str (&w, rule->id);
      put_str (&w, rule->fact->name);
      put_str (&w, rule->report);
      put_u32 (&w, rule->scope);
      put_cond (&w, rule->when);
    }

  put_u32 (&w, self->findings->len);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const VertebroFindingRule *rule = g_ptr_array_index (self->findings, i);

      put_str (&w, rule->id);
      put_u32 (&w, rule->scope);
      put_u32 (&w, rule->severity);
      put_cond (&w, rule->when);
      put_template (&w, rule->message);
      put_template (&w, rule->remedy);
      put_strv (&w, (const char * const *) rule->sources);
    }

  put_u32 (&w, self->drugs->len);
  for (guint i = 0; i < self->drugs->len; i++)
    {
      const VertebroDrugRule *rule = g_ptr_array_index (self->drugs, i);

      put_str (&w, rule->id);
      put_str (&w, rule->name);
      put_str (&w, rule->klass);
      put_u32 (&w, rule->unit);
      put_strv (&w, (const char * const *) rule->sources);
      put_u32 (&w, rule->bands->len);
      for (guint j = 0; j < rule->bands->len; j++)
        {
          const VertebroBand *band = g_ptr_array_index (rule->bands, j);

          put_str (&w, band->id);
          put_cond (&w, band->when);
          put_u32 (&w, band->has_hold);
          put_u32 (&w, band->tabulated);
          put_f64 (&w, band->hold);
          put_u32 (&w, band->has_lead_days);
          put_f64 (&w, band->lead_days);
        }
    }

  put_items (&w, self->checklist);
  put_items (&w, self->counsel);
  put_u64 (&w, self->evaluated);

  header.records_length = w.records->len;
  header.strings_length = (guint32) w.strings->len;
  image = g_byte_array_sized_new (sizeof header + w.records->len + w.strings->len);
  g_byte_array_append (image, (const guint8 *) &header, sizeof header);
  g_byte_array_append (image, w.records->data, w.records->len);
  g_byte_array_append (image, (const guint8 *) w.strings->str, (guint) w.strings->len);

  g_byte_array_unref (w.records);
  g_string_free (w.strings, TRUE);
  g_hash_table_unref (w.offsets);
  g_hash_table_unref (w.definitions);
  g_hash_table_unref (w.written);
  return g_byte_array_free_to_bytes (image);
}

/* ---- Reading ---- */

typedef struct {
  VertebroRuleset *rules;
  const guint8    *records;
  gsize            length;
  gsize            at;
  const char      *strings;
  gsize            strings_length;
  gboolean         damaged;    /* read past the end, or a value out of range */
} Reader;

static void
get_bytes (Reader  *r,
           void    *out,
           gsize    size)
{
  if (r->damaged || size > r->length - r->at)
    {
      r->damaged = TRUE;
      memset (out, 0, size);
      return;
    }
  memcpy (out, r->records + r->at, size);
  r->at += size;
}

static guint32
get_u32 (Reader *r)
{
  guint32 value;

  get_bytes (r, &value, sizeof value);
  return value;
}

static double
get_f64 (Reader *r)
{
  double value;

  get_bytes (r, &value, sizeof value);
  return value;
}

static guint64
get_u64 (Reader *r)
{
  guint64 value;

  get_bytes (r, &value, sizeof value);
  return value;
}

/* A value that must be at most @max. */
static guint32
get_enum (Reader  *r,
          guint32  max)
{
  guint32 value = get_u32 (r);

  if (value > max)
    {
      r->damaged = TRUE;
      return 0;
    }
  return value;
}

/* A number of records that follow, or NONE where @none_ok: no more than
 * bytes are left, so that a damaged count never makes a large allocation. */
static guint32
get_count_or_none (Reader   *r,
                   gboolean  none_ok)
{
  guint32 count = get_u32 (r);

  if (count == NONE && none_ok)
    return NONE;
  if (count > r->length - r->at)
    {
      r->damaged = TRUE;
      return 0;
    }
  return count;
}

static guint32
get_count (Reader *r)
{
  return get_count_or_none (r, FALSE);
}

/* Points into the image's string table, which ends with a NUL. */
static const char *
get_str (Reader *r)
{
  guint32 offset = get_u32 (r);

  if (offset == NONE)
    return NULL;
  if (offset >= r->strings_length)
    {
      r->damaged = TRUE;
      return NULL;
    }
  return r->strings + offset;
}

static char *
dup_str (Reader *r)
{
  return g_strdup (get_str (r));
}

static GStrv
get_strv (Reader *r)
{
  guint32 count = get_count_or_none (r, TRUE);
  GStrv strv;

  if (count == NONE)
    return NULL;
  strv = g_new0 (char *, count + 1);
  for (guint32 i = 0; i < count; i++)
    strv[i] = g_strdup (get_str (r));
  return strv;
}

static const VertebroFact *
get_fact (Reader *r)
{
  const char *name = get_str (r);
  const VertebroFact *fact;

  if (name == NULL)
    return NULL;
  if ((fact = vertebro_fact_lookup (name)) == NULL)
    r->damaged = TRUE;
  return fact;
}

static VertebroCond *
get_cond (Reader *r,
          guint   depth)
{
  g_autoptr(VertebroCond) cond = NULL;
  guint32 type = get_u32 (r);
  const char *ref;
  guint32 n_children;

  if (type == NONE || r->damaged)
    return NULL;
  /* No condition the loader accepts is this deep. */
  if (type > VERTEBRO_COND_NEEDED || depth > VERTEBRO_COND_MAX_SIZE)
    {
      r->damaged = TRUE;
      return NULL;
    }
  cond = g_new0 (VertebroCond, 1);
  cond->type = type;
  cond->op = get_enum (r, VERTEBRO_OP_GE);
  cond->boolean = get_u32 (r) != 0;
  cond->fact = get_fact (r);
  cond->number = get_f64 (r);
  cond->operand_fact = get_fact (r);
  cond->string = dup_str (r);
  cond->strings = get_strv (r);
  cond->some = get_enum (r, VERTEBRO_SCOPE_ANTITHROMBOTIC);
  cond->severity = get_u32 (r);
  cond->scopes = get_u32 (r);
  cond->uses_results = get_u32 (r) != 0;
  cond->size = get_u64 (r);
  if ((ref = get_str (r)) != NULL &&
      (cond->ref = g_hash_table_lookup (r->rules->definitions, ref)) == NULL)
    r->damaged = TRUE;
  n_children = get_count_or_none (r, TRUE);
  if (n_children != NONE)
    {
      cond->children = g_ptr_array_new_full (n_children, (GDestroyNotify) vertebro_cond_free);
      for (guint32 i = 0; i < n_children && !r->damaged; i++)
        {
          VertebroCond *child = get_cond (r, depth + 1);

          if (child == NULL)
            r->damaged = TRUE;
          else
            g_ptr_array_add (cond->children, child);
        }
    }
  return r->damaged ? NULL : g_steal_pointer (&cond);
}

static VertebroTemplate *
get_template (Reader *r)
{
  guint32 count = get_count_or_none (r, TRUE);
  VertebroTemplate *template;

  if (count == NONE)
    return NULL;
  template = vertebro_template_new ();
  for (guint32 i = 0; i < count && !r->damaged; i++)
    {
      VertebroVariant *variant = g_new0 (VertebroVariant, 1);

      variant->when = get_cond (r, 0);
      variant->text = dup_str (r);
      g_ptr_array_add (template->variants, variant);
    }
  return template;
}

static void
get_items (Reader    *r,
           GPtrArray *into)
{
  guint32 count = get_count (r);

  for (guint32 i = 0; i < count && !r->damaged; i++)
    {
      VertebroItemRule *rule = g_new0 (VertebroItemRule, 1);

      g_ptr_array_add (into, rule);
      rule->id = dup_str (r);
      rule->scope = get_enum (r, VERTEBRO_SCOPE_ANTITHROMBOTIC);
      rule->when = get_cond (r, 0);
      rule->text = get_template (r);
      rule->has_lead_days = get_u32 (r) != 0;
      rule->lead_days = get_f64 (r);
      rule->done = get_cond (r, 0);
      rule->sources = get_strv (r);
    }
}

static void
read_image (Reader *r)
{
  VertebroRuleset *self = r->rules;
  guint32 count;

  self->id = dup_str (r);
  self->version = dup_str (r);
  self->title = dup_str (r);
  self->sha256 = dup_str (r);

  count = get_count (r);
  for (guint32 i = 0; i < count && !r->damaged; i++)
    {
      const char *id = get_str (r);
      const char *citation = get_str (r);
      const char *doi = get_str (r);
      gboolean document = get_u32 (r) != 0;

      if (id == NULL || citation == NULL)
        {
          r->damaged = TRUE;
          return;
        }
      g_ptr_array_add (self->sources, g_strdup (id));
      g_hash_table_insert (self->citations, g_strdup (id), g_strdup (citation));
      if (doi != NULL)
        g_hash_table_insert (self->dois, g_strdup (id), g_strdup (doi));
      if (document)
        g_hash_table_add (self->documents, g_strdup (id));
    }

  count = get_count (r);
  for (guint32 i = 0; i < count && !r->damaged; i++)
    {
      VertebroThreshold *threshold = g_new0 (VertebroThreshold, 1);

      g_ptr_array_add (self->thresholds, threshold);
      threshold->id = dup_str (r);
      threshold->value = get_f64 (r);
      threshold->unit = dup_str (r);
      threshold->label = dup_str (r);
    }

  self->genant.grade_1_from = get_f64 (r);
  self->genant.grade_2_above = get_f64 (r);
  self->genant.grade_3_above = get_f64 (r);

  count = get_count (r);
  for (guint32 i = 0; i < count && !r->damaged; i++)
    {
      const char *name = get_str (r);
      VertebroCond *cond = get_cond (r, 0);

      if (name == NULL || cond == NULL)
        {
          vertebro_cond_free (cond);
          r->damaged = TRUE;
          return;
        }
      g_hash_table_insert (self->definitions, g_strdup (name), cond);
    }

  count = get_count (r);
  for (guint32 i = 0; i < count && !r->damaged; i++)
    {
      VertebroNeededRule *rule = g_new0 (VertebroNeededRule, 1);

      g_ptr_array_add (self->needed, rule);
      rule->id = dup_str (r);
      rule->fact = get_fact (r);
      rule->report = dup_str (r);
      rule->scope = get_enum (r, VERTEBRO_SCOPE_ANTITHROMBOTIC);
      rule->when = get_cond (r, 0);
      if (rule->fact == NULL)
        r->damaged = TRUE;
    }

  count = get_count (r);
  for (guint32 i = 0; i < count && !r->damaged; i++)
    {
      VertebroFindingRule *rule = g_new0 (VertebroFindingRule, 1);

      g_ptr_array_add (self->findings, rule);
      rule->id = dup_str (r);
      rule->scope = get_enum (r, VERTEBRO_SCOPE_ANTITHROMBOTIC);
      rule->severity = get_u32 (r);
      rule->when = get_cond (r, 0);
      rule->message = get_template (r);
      rule->remedy = get_template (r);
      rule->sources = get_strv (r);
      if (rule->when == NULL || rule->message == NULL)
        r->damaged = TRUE;
    }

  count = get_count (r);
  for (guint32 i = 0; i < count && !r->damaged; i++)
    {
      VertebroDrugRule *rule = g_new0 (VertebroDrugRule, 1);
      guint32 n_bands;

      g_ptr_array_add (self->drugs, rule);
      rule->id = dup_str (r);
      rule->name = dup_str (r);
      rule->klass = dup_str (r);
      rule->unit = get_enum (r, VERTEBRO_HOLD_UNIT_DOSES);
      rule->sources = get_strv (r);
      n_bands = get_count (r);
      rule->bands = g_ptr_array_new_full (n_bands, (GDestroyNotify) vertebro_band_free);
      for (guint32 j = 0; j < n_bands && !r->damaged; j++)
        {
          VertebroBand *band = g_new0 (VertebroBand, 1);

          g_ptr_array_add (rule->bands, band);
          band->id = dup_str (r);
          band->when = get_cond (r, 0);
          band->has_hold = get_u32 (r) != 0;
          band->tabulated = get_u32 (r) != 0;
          band->hold = get_f64 (r);
          band->has_lead_days = get_u32 (r) != 0;
          band->lead_days = get_f64 (r);
        }
    }

  get_items (r, self->checklist);
  get_items (r, self->counsel);
  self->evaluated = get_u64 (r);

  if (self->id == NULL || self->version == NULL || self->title == NULL || self->sha256 == NULL ||
      r->at != r->length)
    r->damaged = TRUE;
}

/**
 * vertebro_ruleset_new_from_image:
 * @image: what vertebro_ruleset_write_image() wrote, on this machine
 * @error: where to put what is wrong
 *
 * Rebuilds a rule set from its image. The image was validated when it was
 * written, by the loader; this only checks that it is whole.
 *
 * Returns: (transfer full) (nullable): the rule set, or %NULL
 */
VertebroRuleset *
vertebro_ruleset_new_from_image (GBytes  *image,
                                 GError **error)
{
  g_autoptr(VertebroRuleset) self = NULL;
  ImageHeader header;
  gsize length;
  const guint8 *data = g_bytes_get_data (image, &length);
  Reader r = { 0 };

  g_return_val_if_fail (image != NULL, NULL);

  if (length >= sizeof header)
    memcpy (&header, data, sizeof header);
  if (length < sizeof header || memcmp (header.magic, IMAGE_MAGIC, sizeof header.magic) != 0 ||
      header.layout != IMAGE_LAYOUT || header.byte_order != IMAGE_BYTE_ORDER ||
      header.records_length > length - sizeof header ||
      header.strings_length != length - sizeof header - header.records_length ||
      header.strings_length == 0 || data[length - 1] != '\0')
    {
      /* Not for people: only a broken build gets here. */
      g_set_error_literal (error, VERTEBRO_RULESET_ERROR, VERTEBRO_RULESET_ERROR_INVALID,
                           "the rule set image was not made by this build");
      return NULL;
    }

  self = g_object_new (VERTEBRO_TYPE_RULESET, NULL);
  r.rules = self;
  r.records = data + sizeof header;
  r.length = header.records_length;
  r.strings = (const char *) data + sizeof header + header.records_length;
  r.strings_length = header.strings_length;
  read_image (&r);
  if (r.damaged)
    {
      g_set_error_literal (error, VERTEBRO_RULESET_ERROR, VERTEBRO_RULESET_ERROR_INVALID,
                           "the rule set image is damaged");
      return NULL;
    }
  return g_steal_pointer (&self);
}
