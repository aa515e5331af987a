/* vertebro-about.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The About window, built from the AppStream metainfo that `meson install`
 * puts in share/metainfo and that is compiled into the program as a
 * resource, so that the window and software centres say the same thing:
 * name, summary and description, developer, website, issue tracker,
 * licence, and the notes of this version's release. The rule set in force
 * is added beside them: its id, version and SHA-256 and the full list of
 * its sources, as a legal section.
 *
 * libadwaita 1.5 has adw_about_window_new_from_appdata(); Debian 12 has
 * 1.2, so the few elements needed are read here with GMarkup. Only the
 * untranslated elements are read (those without xml:lang); each text goes
 * through the same catalogue from which i18n.merge_file merged the
 * installed file's translations, so the result is the same. Descriptions
 * are read as plain paragraphs and list items, which is all ours use.
 */

#define G_LOG_DOMAIN "vertebro-about"

#include "config.h"

#include <glib/gi18n.h>

#include "vertebro-about.h"

typedef struct
{
  const char *release;     /* the version whose notes are wanted */
  guint       skip;        /* depth inside an element with xml:lang */
  gboolean    in_release;  /* inside the wanted <release> */
  GString    *text;        /* the text of the element being read */

  char       *name;
  char       *summary;
  char       *developer;
  char       *license;
  char       *homepage;
  char       *bugtracker;
  char       *help;
  char       *url_type;
  GString    *description; /* plain text, for the Details page */
  GString    *notes;       /* AppStream markup, for What's New */
} Metainfo;

static void
metainfo_clear (Metainfo *info)
{
  g_string_free (info->text, TRUE);
  g_free (info->name);
  g_free (info->summary);
  g_free (info->developer);
  g_free (info->license);
  g_free (info->homepage);
  g_free (info->bugtracker);
  g_free (info->help);
  g_free (info->url_type);
  g_string_free (info->description, TRUE);
  g_string_free (info->notes, TRUE);
}

/* What xgettext made of the text: runs of white space as one space, none
 * at either end; then its translation. */
static char *
translate (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;
  g_autofree char *msgid = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_strv_builder_add (builder, words[i]);
  kept = g_strv_builder_end (builder);
  msgid = g_strjoinv (" ", kept);

  /* The empty msgid is the catalogue's header. */
  if (msgid[0] == '\0')
    return g_steal_pointer (&msgid);
  return g_strdup (g_dgettext (GETTEXT_PACKAGE, msgid));
}

static const char *
parent_name (GMarkupParseContext *context)
{
  const GSList *stack = g_markup_parse_context_get_element_stack (context);

  return stack != NULL && stack->next != NULL ? stack->next->data : "";
}

static gboolean
inside (GMarkupParseContext *context,
        const char          *element)
{
  for (const GSList *l = g_markup_parse_context_get_element_stack (context); l != NULL; l = l->next)
    if (g_str_equal (l->data, element))
      return TRUE;
  return FALSE;
}

static void
on_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  Metainfo *info = user_data;

  if (info->skip > 0 || g_strv_contains ((const char * const *) names, "xml:lang"))
    {
      info->skip++;
      return;
    }

  /* Inline markup stays part of its paragraph's text. */
  if (!g_str_equal (element, "em") && !g_str_equal (element, "code"))
    g_string_truncate (info->text, 0);

  if (g_str_equal (element, "url"))
    {
      g_free (info->url_type);
      info->url_type = NULL;
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "type"))
          info->url_type = g_strdup (values[i]);
    }
  else if (g_str_equal (element, "release"))
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "version"))
          info->in_release = g_str_equal (values[i], info->release);
    }
  else if ((g_str_equal (element, "ul") || g_str_equal (element, "ol")) && info->in_release)
    g_string_append_printf (info->notes, "<%s>", element);
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  Metainfo *info = user_data;

  if (info->skip == 0)
    g_string_append_len (info->text, text, length);
}

static void
take (char       **field,
      const char  *text)
{
  g_free (*field);
  *field = translate (text);
}

/* An attribute value or a URL, as written but without surrounding space. */
static void
take_verbatim (char       **field,
               const char  *text)
{
  g_free (*field);
  *field = g_strstrip (g_strdup (text));
}

static void
on_end (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  Metainfo *info = user_data;
  const char *parent = parent_name (context);

  if (info->skip > 0)
    {
      info->skip--;
      return;
    }

  if (g_str_equal (element, "p") || g_str_equal (element, "li"))
    {
      g_autofree char *text = translate (info->text->str);

      if (info->in_release)
        {
          g_autofree char *escaped = g_markup_escape_text (text, -1);

          g_string_append_printf (info->notes, "<%s>%s</%s>", element, escaped, element);
        }
      else if (!inside (context, "releases"))
        {
          if (info->description->len > 0)
            g_string_append (info->description, g_str_equal (element, "li") ? "\n" : "\n\n");
          if (g_str_equal (element, "li"))
            g_string_append (info->description, "• ");
          g_string_append (info->description, text);
        }
    }
  else if ((g_str_equal (element, "ul") || g_str_equal (element, "ol")) && info->in_release)
    g_string_append_printf (info->notes, "</%s>", element);
  else if (g_str_equal (element, "release"))
    info->in_release = FALSE;
  else if (g_str_equal (parent, "component"))
    {
      if (g_str_equal (element, "name"))
        take (&info->name, info->text->str);
      else if (g_str_equal (element, "summary"))
        take (&info->summary, info->text->str);
      else if (g_str_equal (element, "developer_name") && info->developer == NULL)
        take (&info->developer, info->text->str);
      else if (g_str_equal (element, "project_license"))
        take_verbatim (&info->license, info->text->str);
      else if (g_str_equal (element, "url") && info->url_type != NULL)
        {
          char **field = g_str_equal (info->url_type, "homepage") ? &info->homepage :
                         g_str_equal (info->url_type, "bugtracker") ? &info->bugtracker :
                         g_str_equal (info->url_type, "help") ? &info->help : NULL;

          if (field != NULL)
            take_verbatim (field, info->text->str);
        }
    }
  else if (g_str_equal (element, "name") && g_str_equal (parent, "developer"))
    take (&info->developer, info->text->str);
}

static GtkLicense
license_type (const char *spdx)
{
  static const struct { const char *spdx; GtkLicense type; } known[] = {
    { "GPL-2.0-or-later", GTK_LICENSE_GPL_2_0 },
    { "GPL-3.0-or-later", GTK_LICENSE_GPL_3_0 },
    { "LGPL-2.1-or-later", GTK_LICENSE_LGPL_2_1 },
    { "LGPL-3.0-or-later", GTK_LICENSE_LGPL_3_0 },
    { "GPL-2.0-only", GTK_LICENSE_GPL_2_0_ONLY },
    { "GPL-3.0-only", GTK_LICENSE_GPL_3_0_ONLY },
    { "AGPL-3.0-or-later", GTK_LICENSE_AGPL_3_0 },
    { "MIT", GTK_LICENSE_MIT_X11 },
  };

  for (guint i = 0; spdx != NULL && i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (spdx, known[i].spdx))
      return known[i].type;
  return GTK_LICENSE_CUSTOM;
}

static void
read_metainfo (Metainfo *info)
{
  static const GMarkupParser parser = { on_start, on_end, on_text, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (VERTEBRO_METAINFO_RESOURCE, 0, &error);
  g_autoptr(GMarkupParseContext) context = NULL;
  gsize size;
  const char *data;

  /* The build makes the resource from the metainfo in data/, which
   * appstreamcli validates: failing here is a broken build. */
  if (bytes == NULL)
    {
      g_critical ("No metainfo for the About window: %s", error->message);
      return;
    }
  data = g_bytes_get_data (bytes, &size);
  context = g_markup_parse_context_new (&parser, 0, info, NULL);
  if (!g_markup_parse_context_parse (context, data, size, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    g_critical ("The metainfo for the About window does not parse: %s", error->message);
}

/* The empty msgid is the catalogue's header, never a translation. */
static const char *
translated (const char *text)
{
  return text != NULL && text[0] != '\0' ? _(text) : "";
}

static char *
debug_info (VertebroRuleset *rules,
            gboolean         site_rules)
{
  /* For bug reports, so in English whatever the locale. */
  return g_strdup_printf ("Vertebro %s (%s)\n"
                          "Rule set: %s %s (%s)\n"
                          "Rule set SHA-256: %s\n"
                          "GLib %u.%u.%u, GTK %u.%u.%u, libadwaita %u.%u.%u\n",
                          PACKAGE_VERSION, APP_ID,
                          vertebro_ruleset_get_id (rules), vertebro_ruleset_get_version (rules),
                          site_rules ? "site rule set" : "built-in",
                          vertebro_ruleset_get_sha256 (rules),
                          glib_major_version, glib_minor_version, glib_micro_version,
                          gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
                          adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version ());
}

static void
add_rule_set (AdwAboutWindow  *about,
              VertebroRuleset *rules,
              gboolean         site_rules,
              const char      *homepage)
{
  g_autoptr(GString) sources = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *origin = NULL;

  /* Translators: the heading of the rule set's section in About; the first
   * %s is its id ("vertebro-default"), the second its version ("1.0.0"). */
  title = g_strdup_printf (_("Rule Set %s %s"), vertebro_ruleset_get_id (rules),
                           vertebro_ruleset_get_version (rules));
  /* The built-in rule set's texts are in the catalogue (po/meson.build);
   * a site rule set's are shown as written. */
  origin = g_markup_printf_escaped ("%s\n%s\nSHA-256 %s",
                                    translated (vertebro_ruleset_get_title (rules)),
                                    site_rules ? _("A site rule set, loaded from a file at start-up.")
                                               : _("Built into this version of Vertebro."),
                                    vertebro_ruleset_get_sha256 (rules));

  /* Guidelines and literature first, then the source documents the
   * product was specified from; each DOI is a link. */
  for (int documents = 0; documents < 2; documents++)
    {
      g_string_append_printf (sources, "%s<b>%s</b>", sources->len > 0 ? "\n\n" : "",
                              documents ? _("Source documents") : _("Guidelines and literature"));
      for (guint i = 0; i < vertebro_ruleset_get_n_sources (rules); i++)
        {
          const char *citation = NULL;
          const char *id = vertebro_ruleset_get_source (rules, i, &citation);
          const char *doi = vertebro_ruleset_get_doi (rules, id);
          g_autofree char *line = NULL;

          if (vertebro_ruleset_is_source_document (rules, id) != documents)
            continue;
          if (doi != NULL)
            line = g_markup_printf_escaped ("\n\n<b>%s</b>  %s <a href=\"https://doi.org/%s\">doi:%s</a>",
                                            id, translated (citation), doi, doi);
          else
            line = g_markup_printf_escaped ("\n\n<b>%s</b>  %s", id, translated (citation));
          g_string_append (sources, line);
        }
    }

  adw_about_window_add_legal_section (about, title, origin, GTK_LICENSE_CUSTOM, sources->str);

  /* The built-in rule set, with every source, as published with this
   * version; a site rule set is the site's own file. */
  if (!site_rules && homepage != NULL)
    {
      g_autofree char *url = g_strdup_printf ("%s/blob/v%s/data/rules/%s.json", homepage, PACKAGE_VERSION,
                                              vertebro_ruleset_get_id (rules));

      adw_about_window_add_link (about, _("_Rule Set and Its Sources"), url);
    }
}

/**
 * vertebro_about_window_new:
 * @rules: the rule set in force
 * @site_rules: whether @rules is a site rule set rather than the built-in one
 *
 * Returns: (transfer floating): a new About window
 */
GtkWidget *
vertebro_about_window_new (VertebroRuleset *rules,
                           gboolean         site_rules)
{
  Metainfo info = { .release = PACKAGE_VERSION };
  AdwAboutWindow *about;
  g_autofree char *debug = NULL;
  GtkLicense license;

  g_return_val_if_fail (VERTEBRO_IS_RULESET (rules), NULL);

  info.text = g_string_new (NULL);
  info.description = g_string_new (NULL);
  info.notes = g_string_new (NULL);
  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  debug = debug_info (rules, site_rules);
  read_metainfo (&info);
  license = license_type (info.license);

  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_application_name (about, info.name != NULL ? info.name : "Vertebro");
  adw_about_window_set_version (about, PACKAGE_VERSION);
  if (info.developer != NULL)
    adw_about_window_set_developer_name (about, info.developer);
  if (info.summary != NULL)
    {
      /* The summary, then the description: its last paragraph says that
       * Vertebro is decision support only. */
      g_autofree char *comments = info.description->len > 0
                                  ? g_markup_printf_escaped ("%s\n\n%s", info.summary, info.description->str)
                                  : g_markup_escape_text (info.summary, -1);

      adw_about_window_set_comments (about, comments);
    }
  if (info.homepage != NULL)
    adw_about_window_set_website (about, info.homepage);
  if (info.bugtracker != NULL)
    adw_about_window_set_issue_url (about, info.bugtracker);
  if (info.help != NULL)
    adw_about_window_set_support_url (about, info.help);
  adw_about_window_set_license_type (about, license);
  if (license == GTK_LICENSE_CUSTOM && info.license != NULL)
    adw_about_window_set_license (about, info.license);
  if (info.notes->len > 0)
    {
      adw_about_window_set_release_notes_version (about, PACKAGE_VERSION);
      adw_about_window_set_release_notes (about, info.notes->str);
    }
  /* Translators: your name and e-mail address, one translator per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_set_debug_info (about, debug);
  adw_about_window_set_debug_info_filename (about, "vertebro-debug-info.txt");

  add_rule_set (about, rules, site_rules, info.homepage);

  metainfo_clear (&info);
  return GTK_WIDGET (about);
}
