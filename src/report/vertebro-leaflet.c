/* vertebro-leaflet.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The patient's leaflet (issue 17): one or two pages the clinician hands the
 * patient, in the patient's language, with the patient's dates: what the
 * procedure is, what to do before it (each blood thinner's last dose,
 * fasting, the medicines list, an adult to take them home), after it, when
 * to get help at once, the risks in plain words, and whom to call.
 *
 * Language. Every text is looked up in the catalogue of the leaflet's
 * language (vertebro-catalog.c says why not through gettext), never the
 * process's: N_() and NC_() only mark them for the template. The risks are
 * the rule set's counselling texts, already written to the patient and
 * translated with the rule set's texts; the before, after and warning
 * paragraphs are the leaflet's own, in plainer words than the clinician's
 * checklist. Dates are written from the tables below (day, month and
 * weekday names of each language), not with the process's locale.
 *
 * Layout. The same building blocks as the clinician's summary
 * (vertebro-report-page-private.h): body text 12 pt, headings 15 pt, black on
 * white, the warning signs in a thick black frame (not in colour), the
 * patient's name and the procedure date at the top of every page and
 * "Page N of M" at the bottom. Blocks are never split across pages.
 *
 * Accessibility. Written as a PDF, the pages are drawn straight onto the PDF
 * surface with structure tags (H1, H2, P, L, LI), so cairo writes a tagged
 * PDF; the document's language is added to the catalogue (/Lang) by
 * vertebro_report_write_pdf_file(), since cairo 1.16 cannot set it.
 */

#define G_LOG_DOMAIN "vertebro-leaflet"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-catalog.h"
#include "vertebro-leaflet.h"
#include "vertebro-report-file-private.h"
#include "vertebro-report-page-private.h"

/* ---- Geometry, in points ---- */

#define MARGIN_SIDE     VERTEBRO_MM (18)
#define MARGIN_TOP      VERTEBRO_MM (12)
#define MARGIN_BOTTOM   VERTEBRO_MM (12)
#define HEADER_HEIGHT   30.0
#define FOOTER_HEIGHT   24.0
#define SECTION_SPACE   14.0
#define HEADING_AFTER   5.0
#define ITEM_SPACE      4.0
#define BULLET_INDENT   16.0
#define BOX_PAD         9.0
#define BOX_LINE        2.2
#define LINE_SPACING    1.12

#define INK             0.0

typedef enum {
  FONT_TITLE,
  FONT_HEADING,
  FONT_BODY,
  FONT_BODY_BOLD,
  FONT_MARGIN,
  FONT_MARGIN_BOLD,
  N_FONTS
} Font;

/* Body text at 12 pt, headings larger; the page's margins (name, date,
 * page number) at 11 pt. */
static const VertebroFontStyle fonts[N_FONTS] = {
  [FONT_TITLE] = { 20.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [FONT_HEADING] = { 15.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [FONT_BODY] = { 12.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_BODY_BOLD] = { 12.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [FONT_MARGIN] = { 11.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_MARGIN_BOLD] = { 11.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
};

/* ---- Languages and dates ---- */

static const char * const languages[] = { "en", "de", "es", "fr", NULL };

static const char * const language_names[] = { "English", "Deutsch", "Español", "Français" };

static const char * const month_names[][12] = {
  { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December" },
  { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
    "November", "Dezember" },
  { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
    "noviembre", "diciembre" },
  { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre" },
};

/* Monday first, as GDateWeekday counts. */
static const char * const weekday_names[][7] = {
  { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" },
  { "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag" },
  { "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo" },
  { "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche" },
};

static int
language_index (const char *language)
{
  for (guint i = 0; languages[i] != NULL; i++)
    if (language != NULL && g_str_equal (languages[i], language))
      return (int) i;
  return -1;
}

/**
 * vertebro_leaflet_get_languages:
 *
 * Returns: (transfer none): the languages a leaflet can be written in
 */
const char * const *
vertebro_leaflet_get_languages (void)
{
  return languages;
}

/**
 * vertebro_leaflet_get_language_name:
 * @language: a language of vertebro_leaflet_get_languages()
 *
 * Returns: (nullable): its name in itself, as a language menu shows it
 */
const char *
vertebro_leaflet_get_language_name (const char *language)
{
  int i = language_index (language);

  return i >= 0 ? language_names[i] : NULL;
}

gboolean
vertebro_leaflet_is_language (const char *language)
{
  return language_index (language) >= 0;
}

const char *
vertebro_leaflet_get_default_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *code = g_strndup (names[i], strcspn (names[i], "_.@"));
      int index;

      if (g_str_equal (code, "C") || g_str_equal (code, "POSIX"))
        return "en";
      index = language_index (code);
      if (index >= 0)
        return languages[index];
    }
  return "en";
}

/* "Sunday 22 November 2026", "Sonntag, 22. November 2026", "domingo, 22 de
 * noviembre de 2026", "dimanche 22 novembre 2026". */
static char *
format_date (const char  *language,
             const GDate *date)
{
  int i = MAX (language_index (language), 0);
  const char *weekday = weekday_names[i][g_date_get_weekday (date) - 1];
  const char *month = month_names[i][g_date_get_month (date) - 1];
  guint day = g_date_get_day (date);
  guint year = g_date_get_year (date);

  switch (i)
    {
    case 1:
      return g_strdup_printf ("%s, %u. %s %u", weekday, day, month, year);
    case 2:
      return g_strdup_printf ("%s, %u de %s de %u", weekday, day, month, year);
    case 3:
      return g_strdup_printf ("%s %u %s %u", weekday, day, month, year);
    default:
      return g_strdup_printf ("%s %u %s %u", weekday, day, month, year);
    }
}

/* ---- The object ---- */

struct _VertebroLeaflet
{
  GObject             parent_instance;

  VertebroAssessment *assessment;
  VertebroPatient    *patient;
  char               *language;
  VertebroCatalog    *catalog;
  char               *contact;
  VertebroPaper       paper;
  GDateTime          *generated;

  /* Set by vertebro_leaflet_paginate(). */
  PangoContext       *pango;
  double              width;
  double              height;
  GPtrArray          *pages;      /* of cairo_surface_t, recordings */
  guint               n_pages;
};

G_DEFINE_FINAL_TYPE (VertebroLeaflet, vertebro_leaflet, G_TYPE_OBJECT)

/* A text of the leaflet in its language. */
static const char *
T (VertebroLeaflet *self,
   const char      *msgid) G_GNUC_FORMAT (2);

static const char *
T (VertebroLeaflet *self,
   const char      *msgid)
{
  return vertebro_catalog_lookup (self->catalog, NULL, msgid);
}

static const char *
TC (VertebroLeaflet *self,
    const char      *context,
    const char      *msgid)
{
  return vertebro_catalog_lookup (self->catalog, context, msgid);
}

static char *
patient_date (VertebroLeaflet *self,
              const char      *path)
{
  const char *text = vertebro_patient_get_text (self->patient, path);
  GDate date;

  if (!vertebro_date_parse (text, &date))
    return NULL;
  return format_date (self->language, &date);
}

static char *
generated_date (VertebroLeaflet *self)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (self->generated),
                  g_date_time_get_month (self->generated), g_date_time_get_year (self->generated));
  return format_date (self->language, &day);
}

/* ---- Texts ---- */

/* The medicines of the built-in rule set, in the words a patient knows them
 * by. A site rule set's other drug is named by its id. */
static const struct {
  const char *drug;
  const char *name;
} drug_names[] = {
  { "clopidogrel", NC_("medicine", "clopidogrel") },
  { "prasugrel", NC_("medicine", "prasugrel") },
  { "ticagrelor", NC_("medicine", "ticagrelor") },
  { "aspirin", NC_("medicine", "aspirin") },
  { "warfarin", NC_("medicine", "warfarin") },
  { "lmwh_prophylactic", NC_("medicine", "heparin injections (preventive dose)") },
  { "lmwh_therapeutic", NC_("medicine", "heparin injections (treatment dose)") },
  { "apixaban", NC_("medicine", "apixaban") },
  { "rivaroxaban", NC_("medicine", "rivaroxaban") },
  { "dabigatran", NC_("medicine", "dabigatran") },
  { "edoxaban", NC_("medicine", "edoxaban") },
};

static char *
drug_name (VertebroLeaflet        *self,
           VertebroAntithrombotic *entry)
{
  const char *drug = vertebro_antithrombotic_get_drug (entry);
  const char *name = vertebro_antithrombotic_get_name (entry);
  g_autofree char *stripped = name != NULL ? g_strstrip (g_strdup (name)) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (drug_names); i++)
    if (drug != NULL && g_str_equal (drug_names[i].drug, drug))
      return g_strdup (TC (self, "medicine", drug_names[i].name));

  /* An "other" medicine is named by the patient file. */
  if (stripped != NULL && stripped[0] != '\0')
    return g_steal_pointer (&stripped);
  if (drug == NULL || g_str_equal (drug, "other"))
    /* Translators: a medicine whose name the patient file does not give. */
    return g_strdup (T (self, N_("this medicine")));
  return g_strdelimit (g_strdup (drug), "_", ' ');
}

static VertebroItem *
find_item (GPtrArray  *items,
           const char *id)
{
  for (guint i = 0; i < items->len; i++)
    {
      VertebroItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (vertebro_item_get_id (item), id))
        return item;
    }
  return NULL;
}

/* What the patient is to do with one blood thinner. The checklist item
 * prep.hold.DRUG gives the first day without it (its due date): the last
 * dose is the day before. When the rule set holds the drug firmly, its text
 * starts "Stop" or "Withhold"; otherwise (aspirin, a drug the rule set has
 * no table for) the prescriber decides whether to stop it at all. With no
 * date, or for a drug the rule set has no hold for, the patient is told
 * their doctor will say when. */
static char *
drug_instruction (VertebroLeaflet        *self,
                  VertebroAntithrombotic *entry)
{
  g_autofree char *name = drug_name (self, entry);
  g_autofree char *id = g_strconcat ("prep.hold.", vertebro_antithrombotic_get_drug (entry), NULL);
  VertebroItem *item = find_item (vertebro_assessment_get_checklist (self->assessment), id);
  const GDate *due = item != NULL ? vertebro_item_get_due (item) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *last = NULL;
  g_autofree char *first = NULL;
  GDate last_day;

  if (due == NULL || !g_date_valid (due) || g_date_get_julian (due) < 2)
    /* Translators: %s is a medicine, such as “clopidogrel”. */
    return g_strdup_printf (T (self, N_("Your doctor will tell you when to stop %s.")), name);

  last_day = *due;
  g_date_subtract_days (&last_day, 1);
  last = format_date (self->language, &last_day);
  first = format_date (self->language, due);
  text = vertebro_item_dup_text (item, VERTEBRO_TEXT_PORTABLE);
  if (g_str_has_prefix (text, "Stop ") || g_str_has_prefix (text, "Withhold "))
    /* Translators: a medicine, such as “clopidogrel”, then two dates: the
     * day of the last dose and the next day. */
    return g_strdup_printf (T (self, N_("Take your last dose of %s on %s. From %s on, do not take it until your "
                                        "team tells you to start again.")),
                            name, last, first);
  /* Translators: a medicine, such as “aspirin”, then the day of the last
   * dose if it is to be stopped. */
  return g_strdup_printf (T (self, N_("Your doctor will tell you whether to stop %s. If you are to stop it, take "
                                      "your last dose on %s.")),
                          name, last);
}

/* ---- Drawing blocks ---- */

static PangoLayout *
new_text (VertebroLeaflet *self,
          Font             font,
          double           width,
          const char      *text)
{
  PangoLayout *layout = vertebro_report_layout_new (self->pango, &fonts[font], width, text, FALSE);

  pango_layout_set_line_spacing (layout, LINE_SPACING);
  return layout;
}

static void
tag_begin (VertebroFlow *flow,
           const char   *tag)
{
  /* Tags only where they survive: on the PDF surface itself. */
  if (flow->target != NULL)
    cairo_tag_begin (flow->cr, tag, NULL);
}

static void
tag_end (VertebroFlow *flow,
         const char   *tag)
{
  if (flow->target != NULL)
    cairo_tag_end (flow->cr, tag);
}

/* A heading, kept on the page of the first @next_height points under it. */
static void
draw_heading (VertebroFlow *flow,
              const char   *title,
              double        next_height)
{
  VertebroLeaflet *self = flow->owner;
  g_autoptr(PangoLayout) layout = new_text (self, FONT_HEADING, flow->width, title);
  double height = vertebro_report_layout_height (layout);
  double y;

  vertebro_flow_space (flow, SECTION_SPACE);
  y = vertebro_flow_place (flow, height + HEADING_AFTER + next_height);
  tag_begin (flow, "H2");
  vertebro_report_show_layout (flow->cr, layout, flow->left, y, INK);
  tag_end (flow, "H2");
  vertebro_report_draw_rule (flow->cr, flow->left, y + height + 1.5, flow->width, INK, 1.0);
  vertebro_flow_advance (flow, height + HEADING_AFTER);
}

static void
draw_paragraph (VertebroFlow *flow,
                Font          font,
                const char   *text)
{
  VertebroLeaflet *self = flow->owner;
  g_autoptr(PangoLayout) layout = new_text (self, font, flow->width, text);
  double height = vertebro_report_layout_height (layout);
  double y;

  vertebro_flow_space (flow, ITEM_SPACE);
  y = vertebro_flow_place (flow, height);
  tag_begin (flow, "P");
  vertebro_report_show_layout (flow->cr, layout, flow->left, y, INK);
  tag_end (flow, "P");
  vertebro_flow_advance (flow, height);
}

static double
bullets_height (VertebroLeaflet *self,
                GPtrArray       *texts,
                double           width,
                guint            n)
{
  double height = 0;

  for (guint i = 0; i < MIN (n, texts->len); i++)
    {
      g_autoptr(PangoLayout) layout = new_text (self, FONT_BODY, width - BULLET_INDENT,
                                                g_ptr_array_index (texts, i));

      height += vertebro_report_layout_height (layout) + (i > 0 ? ITEM_SPACE : 0);
    }
  return height;
}

/* One list item: a bullet (a filled square, which reads in black and
 * white) and its text, kept whole. */
static void
show_bullet (VertebroFlow *flow,
             PangoLayout  *layout,
             double        x,
             double        y)
{
  PangoRectangle ink;
  double baseline = (double) pango_layout_get_baseline (layout) / PANGO_SCALE;

  pango_layout_get_extents (layout, NULL, &ink);
  tag_begin (flow, "LI");
  tag_begin (flow, "Lbl");
  cairo_save (flow->cr);
  cairo_set_source_rgb (flow->cr, INK, INK, INK);
  cairo_rectangle (flow->cr, x + 2, y + baseline - 6.5, 5, 5);
  cairo_fill (flow->cr);
  cairo_restore (flow->cr);
  tag_end (flow, "Lbl");
  tag_begin (flow, "LBody");
  vertebro_report_show_layout (flow->cr, layout, x + BULLET_INDENT, y, INK);
  tag_end (flow, "LBody");
  tag_end (flow, "LI");
}

static void
draw_bullets (VertebroFlow *flow,
              GPtrArray    *texts)
{
  VertebroLeaflet *self = flow->owner;
  guint page = flow->page;

  if (texts->len == 0)
    return;
  tag_begin (flow, "L");
  for (guint i = 0; i < texts->len; i++)
    {
      g_autoptr(PangoLayout) layout = new_text (self, FONT_BODY, flow->width - BULLET_INDENT,
                                                g_ptr_array_index (texts, i));
      double height = vertebro_report_layout_height (layout);
      double y;

      vertebro_flow_space (flow, ITEM_SPACE);
      y = vertebro_flow_place (flow, height);
      if (flow->page != page)
        {
          /* A structure element stays on one page: the list goes on as a
           * second list on the next. */
          tag_end (flow, "L");
          tag_begin (flow, "L");
          page = flow->page;
        }
      show_bullet (flow, layout, flow->left, y);
      vertebro_flow_advance (flow, height);
    }
  tag_end (flow, "L");
}

/* The warning signs: a heading and a list in a thick black frame, kept on
 * one page, and the line to call. */
static void
draw_warning_box (VertebroFlow *flow,
                  const char   *title,
                  GPtrArray    *texts,
                  const char   *call,
                  const char   *note)
{
  VertebroLeaflet *self = flow->owner;
  double inner = flow->width - 2 * BOX_PAD - 2 * BOX_LINE;
  g_autoptr(PangoLayout) heading = new_text (self, FONT_HEADING, inner, title);
  g_autoptr(PangoLayout) call_layout = new_text (self, FONT_BODY_BOLD, inner, call);
  double heading_height = vertebro_report_layout_height (heading);
  double list_height = bullets_height (self, texts, inner, texts->len);
  g_autoptr(PangoLayout) note_layout = new_text (self, FONT_BODY, inner, note);
  double call_height = vertebro_report_layout_height (call_layout);
  double note_height = vertebro_report_layout_height (note_layout);
  double height = 2 * BOX_PAD + 2 * BOX_LINE + heading_height + HEADING_AFTER + list_height + 3 * ITEM_SPACE +
                  call_height + note_height;
  double x = flow->left + BOX_LINE + BOX_PAD, y;

  vertebro_flow_space (flow, SECTION_SPACE);
  y = vertebro_flow_place (flow, height);

  vertebro_report_draw_frame (flow->cr, flow->left, y, flow->width, height, INK, BOX_LINE);

  y += BOX_LINE + BOX_PAD;
  tag_begin (flow, "H2");
  vertebro_report_show_layout (flow->cr, heading, x, y, INK);
  tag_end (flow, "H2");
  y += heading_height + HEADING_AFTER;
  tag_begin (flow, "L");
  for (guint i = 0; i < texts->len; i++)
    {
      g_autoptr(PangoLayout) layout = new_text (self, FONT_BODY, inner - BULLET_INDENT, g_ptr_array_index (texts, i));

      show_bullet (flow, layout, x, y);
      y += vertebro_report_layout_height (layout) + ITEM_SPACE;
    }
  tag_end (flow, "L");
  y += ITEM_SPACE;
  tag_begin (flow, "P");
  vertebro_report_show_layout (flow->cr, call_layout, x, y, INK);
  tag_end (flow, "P");
  y += call_height + ITEM_SPACE;
  tag_begin (flow, "P");
  vertebro_report_show_layout (flow->cr, note_layout, x, y, INK);
  tag_end (flow, "P");
  vertebro_flow_advance (flow, height);
}

/* ---- The sections, in document order ---- */

static const char *
procedure_of (VertebroLeaflet *self)
{
  const char *procedure = vertebro_patient_get_text (self->patient, "assessment.procedure");

  return procedure != NULL ? procedure : "vertebroplasty";
}

static void
draw_title (VertebroFlow *flow)
{
  VertebroLeaflet *self = flow->owner;
  const char *procedure = procedure_of (self);
  const char *title;
  g_autoptr(PangoLayout) layout = NULL;
  double y;

  if (g_str_has_prefix (procedure, "kyphoplasty"))
    title = T (self, N_("Your balloon kyphoplasty: what to do and when"));
  else
    title = T (self, N_("Your vertebroplasty: what to do and when"));
  layout = new_text (self, FONT_TITLE, flow->width, title);
  y = vertebro_flow_place (flow, vertebro_report_layout_height (layout));
  tag_begin (flow, "H1");
  vertebro_report_show_layout (flow->cr, layout, flow->left, y, INK);
  tag_end (flow, "H1");
  vertebro_flow_advance (flow, vertebro_report_layout_height (layout));
}

static void
draw_procedure (VertebroFlow *flow)
{
  VertebroLeaflet *self = flow->owner;
  const char *procedure = procedure_of (self);
  const char * const *qualifying = vertebro_assessment_get_qualifying_levels (self->assessment);
  g_autoptr(GPtrArray) levels = g_ptr_array_new ();
  g_autofree char *date = patient_date (self, "assessment.planned_date");
  g_autofree char *joined = NULL;
  g_autofree char *line = NULL;
  const char *what;

  if (g_str_equal (procedure, "kyphoplasty_stent"))
    what = T (self, N_("A balloon kyphoplasty treats a broken bone in the spine. Through a needle in your back, "
                       "the doctor opens a small balloon inside the bone to make room, leaves a small metal "
                       "support (a stent) there, and fills the space with bone cement, which sets hard in a "
                       "few minutes. This makes the bone stronger and usually eases the pain."));
  else if (g_str_has_prefix (procedure, "kyphoplasty"))
    what = T (self, N_("A balloon kyphoplasty treats a broken bone in the spine. Through a needle in your back, "
                       "the doctor opens a small balloon inside the bone to make room, then fills the space "
                       "with bone cement, which sets hard in a few minutes. This makes the bone stronger and "
                       "usually eases the pain."));
  else
    what = T (self, N_("A vertebroplasty treats a broken bone in the spine. Through a needle in your back, the "
                       "doctor fills the bone with bone cement, which sets hard in a few minutes. This makes "
                       "the bone stronger and usually eases the pain."));

  /* The levels that can be treated; all the listed ones while none can
   * yet (the leaflet may be handed out before the last results). */
  for (guint i = 0; qualifying[i] != NULL; i++)
    g_ptr_array_add (levels, (gpointer) qualifying[i]);
  if (levels->len == 0)
    for (guint i = 0; i < vertebro_assessment_get_n_levels (self->assessment); i++)
      g_ptr_array_add (levels, (gpointer) vertebro_assessment_get_level_name (self->assessment, i));
  g_ptr_array_add (levels, NULL);

  draw_heading (flow, T (self, N_("Your procedure")), 40);
  draw_paragraph (flow, FONT_BODY, what);
  if (levels->len > 1)
    {
      joined = g_strjoinv (", ", (char **) levels->pdata);
      if (levels->len == 2)
        /* Translators: %s names a bone of the spine, such as “L2”. */
        line = g_strdup_printf (T (self, N_("Bone to be treated: %s")), joined);
      else
        /* Translators: %s lists bones of the spine, such as “T12, L1”. */
        line = g_strdup_printf (T (self, N_("Bones to be treated: %s")), joined);
      draw_paragraph (flow, FONT_BODY, line);
      g_clear_pointer (&line, g_free);
    }
  if (date != NULL)
    /* Translators: %s is a date, such as “Saturday 28 November 2026”. */
    line = g_strdup_printf (T (self, N_("Date of your procedure: %s")), date);
  else
    line = g_strdup (T (self, N_("Your team will tell you the date of your procedure.")));
  draw_paragraph (flow, FONT_BODY_BOLD, line);
}

static void
draw_before (VertebroFlow *flow)
{
  VertebroLeaflet *self = flow->owner;
  GListModel *drugs = vertebro_patient_get_antithrombotics (self->patient);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (drugs); i++)
    {
      g_autoptr(VertebroAntithrombotic) entry = g_list_model_get_item (drugs, i);

      g_ptr_array_add (texts, drug_instruction (self, entry));
    }
  g_ptr_array_add (texts, g_strdup (T (self, N_("Do not eat anything from 6 hours before the procedure. You may "
                                                "drink small sips of water until 2 hours before."))));
  g_ptr_array_add (texts, g_strdup (T (self, N_("Bring a list of all the medicines you take."))));
  g_ptr_array_add (texts, g_strdup (T (self, N_("An adult must take you home afterwards. Do not drive or use "
                                                "machines for 24 hours after the procedure."))));

  draw_heading (flow, T (self, N_("Before the procedure")), bullets_height (self, texts, flow->width, 1));
  draw_bullets (flow, texts);
}

static void
draw_after (VertebroFlow *flow)
{
  VertebroLeaflet *self = flow->owner;
  GPtrArray *counsel = vertebro_assessment_get_counsel (self->assessment);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  g_ptr_array_add (texts, (gpointer) T (self, N_("Lie flat for 1 to 2 hours. After that you may get up and walk, "
                                                 "on the same day.")));
  g_ptr_array_add (texts, (gpointer) T (self, N_("Take it easy for the first 24 hours. For about 6 weeks, do not "
                                                 "lift heavy things or do hard exercise.")));
  if (g_list_model_get_n_items (vertebro_patient_get_antithrombotics (self->patient)) > 0)
    g_ptr_array_add (texts, (gpointer) T (self, N_("Start your blood thinners again only when your team tells "
                                                   "you to. This is usually the day after the procedure.")));
  g_ptr_array_add (texts, (gpointer) T (self, N_("The place where the needle went in may ache for 2 to 3 days. "
                                                 "A cold pack wrapped in a cloth can help.")));
  if (find_item (counsel, "after.osteoporosis") != NULL)
    g_ptr_array_add (texts, (gpointer) T (self, N_("Treatment for thin bones (osteoporosis) makes more broken "
                                                   "bones less likely. Keep taking it, or start it, as your "
                                                   "doctor advises.")));

  draw_heading (flow, T (self, N_("After the procedure")), bullets_height (self, texts, flow->width, 1));
  draw_bullets (flow, texts);
}

static void
draw_warning (VertebroFlow *flow)
{
  VertebroLeaflet *self = flow->owner;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autofree char *call = NULL;

  g_ptr_array_add (texts, (gpointer) T (self, N_("you have chest pain or difficulty breathing")));
  g_ptr_array_add (texts, (gpointer) T (self, N_("you have new weakness, numbness or tingling in your legs or arms")));
  g_ptr_array_add (texts, (gpointer) T (self, N_("you cannot control your bladder or bowels")));
  g_ptr_array_add (texts, (gpointer) T (self, N_("you have a fever, or redness, swelling or more pain where "
                                                 "the needle went in")));

  if (self->contact != NULL && self->contact[0] != '\0')
    /* Translators: %s is the department's phone number or address. */
    call = g_strdup_printf (T (self, N_("Call your department: %s")), self->contact);
  else
    /* Translators: the line is left blank for the number to be written in. */
    call = g_strdup_printf (T (self, N_("Call your department: %s")), "______________________________");

  draw_warning_box (flow, T (self, N_("Get help at once if")), texts, call,
                    T (self, N_("In an emergency, call your local emergency number.")));
}

/* The rule set's counselling on risks (cx.*), written to the patient and
 * translated with the rule set's texts. A text the leaflet's language has
 * no translation for (a site rule set's own) is given in English rather
 * than left out: a risk is never dropped. */
static void
draw_risks (VertebroFlow *flow)
{
  VertebroLeaflet *self = flow->owner;
  GPtrArray *counsel = vertebro_assessment_get_counsel (self->assessment);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < counsel->len; i++)
    {
      VertebroItem *item = g_ptr_array_index (counsel, i);
      g_autofree char *text = NULL;

      if (!g_str_has_prefix (vertebro_item_get_id (item), "cx."))
        continue;
      text = vertebro_item_dup_text (item, VERTEBRO_TEXT_PORTABLE);
      g_ptr_array_add (texts, g_strdup (T (self, text)));
    }
  if (texts->len == 0)
    return;
  draw_heading (flow, T (self, N_("Possible risks")), 40);
  draw_paragraph (flow, FONT_BODY, T (self, N_("Your doctor will talk with you about these before you agree to "
                                               "the procedure. Most are rare.")));
  draw_bullets (flow, texts);
}

/* ---- What every page has ---- */

static void
draw_margins (VertebroFlow *flow,
              cairo_t      *cr,
              guint         page)
{
  VertebroLeaflet *self = flow->owner;
  /* Isolated: a right-to-left override typed in the name cannot reorder
   * the date beside it. */
  const char *typed = vertebro_patient_get_text (self->patient, "patient.name");
  g_autofree char *name = typed != NULL && typed[0] != '\0' ? vertebro_text_isolate (typed) : NULL;
  g_autofree char *date = patient_date (self, "assessment.planned_date");
  g_autofree char *printed = NULL;
  g_autofree char *when = NULL;
  g_autoptr(PangoLayout) name_layout = NULL;
  g_autoptr(PangoLayout) when_layout = NULL;
  g_autoptr(PangoLayout) counter_layout = NULL;
  g_autofree char *counter = NULL;
  double left = MARGIN_SIDE, width = self->width - 2 * MARGIN_SIDE;
  double when_width, y;

  if (date != NULL)
    /* Translators: at the top of every page, after the patient's name; %s
     * is the procedure's date. */
    when = g_strdup_printf (T (self, N_("Procedure: %s")), date);
  else
    {
      printed = generated_date (self);
      /* Translators: at the top of every page, after the patient's name; %s
       * is the date the leaflet was printed. */
      when = g_strdup_printf (T (self, N_("Printed: %s")), printed);
    }
  /* The date whole at the right; the name in what is left, shortened with
   * an ellipsis only when it does not fit. */
  when_layout = new_text (self, FONT_MARGIN_BOLD, 0, when);
  when_width = MIN (vertebro_report_layout_width (when_layout), width * 0.6);
  pango_layout_set_width (when_layout, pango_units_from_double (when_width));
  pango_layout_set_ellipsize (when_layout, PANGO_ELLIPSIZE_END);
  tag_begin (flow, "P");
  if (name != NULL && name[0] != '\0')
    {
      name_layout = new_text (self, FONT_MARGIN_BOLD, width - when_width - 18, name);
      pango_layout_set_ellipsize (name_layout, PANGO_ELLIPSIZE_END);
      vertebro_report_show_layout (cr, name_layout, left, MARGIN_TOP, INK);
    }
  vertebro_report_show_layout (cr, when_layout, left + width - when_width, MARGIN_TOP, INK);
  tag_end (flow, "P");
  vertebro_report_draw_rule (cr, left, MARGIN_TOP + HEADER_HEIGHT - 10, width, INK, 0.6);

  /* Translators: the page counter at the bottom of every page of the leaflet. */
  counter = g_strdup_printf (T (self, N_("Page %u of %u")), page + 1, self->n_pages);
  counter_layout = new_text (self, FONT_MARGIN, width, counter);
  pango_layout_set_alignment (counter_layout, PANGO_ALIGN_RIGHT);
  y = self->height - MARGIN_BOTTOM - vertebro_report_layout_height (counter_layout);
  vertebro_report_draw_rule (cr, left, y - 5, width, INK, 0.6);
  tag_begin (flow, "P");
  vertebro_report_show_layout (cr, counter_layout, left, y, INK);
  tag_end (flow, "P");
}

/* ---- Laying out ---- */

static void
lay_out (VertebroLeaflet *self,
         VertebroFlow    *flow)
{
  flow->owner = self;
  flow->page_width = self->width;
  flow->page_height = self->height;
  flow->left = MARGIN_SIDE;
  flow->width = self->width - 2 * MARGIN_SIDE;
  flow->top = MARGIN_TOP + HEADER_HEIGHT;
  flow->bottom = self->height - MARGIN_BOTTOM - FOOTER_HEIGHT;
  flow->finish_page = draw_margins;
  vertebro_flow_new_page (flow);

  tag_begin (flow, "Document");
  draw_title (flow);
  draw_procedure (flow);
  draw_before (flow);
  draw_after (flow);
  draw_warning (flow);
  draw_risks (flow);
  tag_end (flow, "Document");
  vertebro_flow_finish (flow);
}

/* ---- The object ---- */

static void
vertebro_leaflet_dispose (GObject *object)
{
  VertebroLeaflet *self = VERTEBRO_LEAFLET (object);

  g_clear_object (&self->patient);
  g_clear_object (&self->pango);
  if (self->pages != NULL)
    g_ptr_array_set_size (self->pages, 0);

  G_OBJECT_CLASS (vertebro_leaflet_parent_class)->dispose (object);
}

static void
vertebro_leaflet_finalize (GObject *object)
{
  VertebroLeaflet *self = VERTEBRO_LEAFLET (object);

  g_clear_pointer (&self->assessment, vertebro_assessment_unref);
  g_clear_pointer (&self->generated, g_date_time_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_free (self->language);
  g_free (self->contact);

  G_OBJECT_CLASS (vertebro_leaflet_parent_class)->finalize (object);
}

static void
vertebro_leaflet_class_init (VertebroLeafletClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vertebro_leaflet_dispose;
  object_class->finalize = vertebro_leaflet_finalize;
}

static void
vertebro_leaflet_init (VertebroLeaflet *self)
{
  self->generated = g_date_time_new_now_local ();
  self->paper = vertebro_paper_get_default ();
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
}

/**
 * vertebro_leaflet_new:
 * @assessment: the patient's assessment
 * @patient: the patient
 * @language: (nullable): one of vertebro_leaflet_get_languages(), or %NULL
 *   for the interface's
 *
 * Returns: (transfer full) (nullable): a leaflet, not yet paginated; %NULL
 *   when @language is not one a leaflet can be written in
 */
VertebroLeaflet *
vertebro_leaflet_new (VertebroAssessment *assessment,
                      VertebroPatient    *patient,
                      const char         *language)
{
  VertebroLeaflet *self;

  g_return_val_if_fail (assessment != NULL, NULL);
  g_return_val_if_fail (VERTEBRO_IS_PATIENT (patient), NULL);

  if (language == NULL)
    language = vertebro_leaflet_get_default_language ();
  g_return_val_if_fail (vertebro_leaflet_is_language (language), NULL);

  self = g_object_new (VERTEBRO_TYPE_LEAFLET, NULL);
  self->assessment = vertebro_assessment_ref (assessment);
  self->patient = g_object_ref (patient);
  self->language = g_strdup (language);
  self->catalog = vertebro_catalog_get (language);
  return self;
}

const char *
vertebro_leaflet_get_language (VertebroLeaflet *self)
{
  g_return_val_if_fail (VERTEBRO_IS_LEAFLET (self), NULL);
  return self->language;
}

void
vertebro_leaflet_set_paper (VertebroLeaflet *self,
                            VertebroPaper    paper)
{
  g_return_if_fail (VERTEBRO_IS_LEAFLET (self));
  self->paper = paper;
}

void
vertebro_leaflet_set_contact (VertebroLeaflet *self,
                              const char      *contact)
{
  g_return_if_fail (VERTEBRO_IS_LEAFLET (self));

  g_free (self->contact);
  self->contact = contact != NULL ? g_strstrip (g_strdup (contact)) : NULL;
}

void
vertebro_leaflet_set_generated (VertebroLeaflet *self,
                                GDateTime       *generated)
{
  g_return_if_fail (VERTEBRO_IS_LEAFLET (self));
  g_return_if_fail (generated != NULL);

  g_clear_pointer (&self->generated, g_date_time_unref);
  self->generated = g_date_time_ref (generated);
}

static void
prepare (VertebroLeaflet *self,
         double           width_pt,
         double           height_pt)
{
  g_ptr_array_set_size (self->pages, 0);
  if (self->pango == NULL)
    self->pango = vertebro_report_pango_context_new (pango_language_from_string (self->language));
  self->width = width_pt;
  self->height = height_pt;
}

/**
 * vertebro_leaflet_paginate:
 * @self: a leaflet
 * @width_pt: the page's width in points
 * @height_pt: the page's height in points
 *
 * Lays the leaflet out on pages of this size, as
 * vertebro_report_paginate() does the summary.
 */
void
vertebro_leaflet_paginate (VertebroLeaflet *self,
                           double           width_pt,
                           double           height_pt)
{
  VertebroFlow flow = { 0 };

  g_return_if_fail (VERTEBRO_IS_LEAFLET (self));
  g_return_if_fail (width_pt >= 200 && height_pt >= 300);

  prepare (self, width_pt, height_pt);
  flow.pages = self->pages;
  /* The page counter needs the number of pages: the pages are laid out,
   * then marked. */
  flow.finish_page = NULL;
  self->n_pages = 0;
  lay_out (self, &flow);
  self->n_pages = self->pages->len;
  for (guint i = 0; i < self->pages->len; i++)
    {
      cairo_t *cr = cairo_create (g_ptr_array_index (self->pages, i));

      draw_margins (&flow, cr, i);
      cairo_destroy (cr);
    }
}

guint
vertebro_leaflet_get_n_pages (VertebroLeaflet *self)
{
  g_return_val_if_fail (VERTEBRO_IS_LEAFLET (self), 0);
  return self->pages->len;
}

void
vertebro_leaflet_draw_page (VertebroLeaflet *self,
                            cairo_t         *cr,
                            guint            page)
{
  g_return_if_fail (VERTEBRO_IS_LEAFLET (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  vertebro_report_replay_page (cr, self->pages, page);
}

static void
draw_pdf (cairo_surface_t *surface,
          VertebroLeaflet *self)
{
  VertebroFlow flow = { 0 };
  cairo_t *cr = cairo_create (surface);

  /* Nothing about the patient goes into the metadata, as in the summary. */
  vertebro_report_set_pdf_metadata (surface, T (self, N_("What to do before and after your procedure")),
                                    self->generated);

  /* Drawn again, straight on the PDF surface, with its structure tags. */
  flow.target = cr;
  lay_out (self, &flow);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
}

/**
 * vertebro_leaflet_write_pdf:
 * @self: a leaflet
 * @path: the file to write
 * @error: where to say why it could not be written
 *
 * Writes the leaflet on its paper as a tagged PDF in its language, as
 * privately and atomically as vertebro_report_write_pdf() writes the
 * summary.
 *
 * Returns: whether the file was written
 */
gboolean
vertebro_leaflet_write_pdf (VertebroLeaflet  *self,
                            const char       *path,
                            GError          **error)
{
  double width, height;

  g_return_val_if_fail (VERTEBRO_IS_LEAFLET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  vertebro_paper_get_size (self->paper, &width, &height);
  vertebro_leaflet_paginate (self, width, height);
  return vertebro_report_write_pdf_file (path, width, height, self->language,
                                         (VertebroPdfDrawFunc) draw_pdf, self, error);
}
