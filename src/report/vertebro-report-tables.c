/* vertebro-report-tables.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table of levels in the clinician's summary: one row per level, its
 * header row repeated on every page the table goes on to, and its columns
 * widened where a translated heading or value has a word too long for them.
 */

#define G_LOG_DOMAIN "vertebro-report"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-report-private.h"

/* ---- Tables ---- */

#define MAX_COLUMNS 8

typedef struct {
  guint        n;
  double       x[MAX_COLUMNS];     /* from the column's left edge */
  double       width[MAX_COLUMNS];
  PangoLayout *cells[MAX_COLUMNS];
  double       height;
} Row;

static void
row_init (Row          *row,
          Flow         *flow,
          const double *shares,
          guint         n)
{
  double x = 0;

  g_assert (n <= MAX_COLUMNS);
  memset (row, 0, sizeof *row);
  row->n = n;
  for (guint i = 0; i < n; i++)
    {
      row->x[i] = x;
      row->width[i] = shares[i] * flow->width;
      x += row->width[i];
    }
}

static void
row_set (Row         *row,
         guint        column,
         PangoLayout *cell)
{
  g_clear_object (&row->cells[column]);
  row->cells[column] = cell;
  row->height = 0;
  for (guint i = 0; i < row->n; i++)
    row->height = MAX (row->height, vertebro_report_layout_height (row->cells[i]));
  row->height += 2 * CELL_PAD;
}

static void
row_clear (Row *row)
{
  for (guint i = 0; i < row->n; i++)
    g_clear_object (&row->cells[i]);
}

/* The width a cell's text may take: its column less the gap to the next. */
static double
row_text_width (const Row *row,
                guint      column,
                double     indent)
{
  return row->width[column] - indent - (column + 1 < row->n ? 6 : 0);
}

static void
row_show (const Row *row,
          Flow      *flow,
          double     y,
          gboolean   header,
          const double *indent,
          const double *grey)
{
  if (header)
    {
      cairo_save (flow->cr);
      cairo_set_source_rgb (flow->cr, FILL_LIGHT, FILL_LIGHT, FILL_LIGHT);
      cairo_rectangle (flow->cr, flow->left, y, flow->width, row->height);
      cairo_fill (flow->cr);
      cairo_restore (flow->cr);
    }
  for (guint i = 0; i < row->n; i++)
    vertebro_report_show_layout (flow->cr, row->cells[i], flow->left + row->x[i] + (indent != NULL ? indent[i] : 0),
                                 y + CELL_PAD, grey != NULL ? grey[i] : INK);
  vertebro_report_draw_rule (flow->cr, flow->left, y + row->height, flow->width, header ? INK_SECONDARY : RULE_LIGHT, RULE_WIDTH);
}

/* Places a table row; when it starts a new page, the table's header row is
 * repeated above it. */
static double
place_row (Flow      *flow,
           const Row *header,
           double     height)
{
  guint page = flow->pages->len;
  double y = vertebro_flow_place (flow, height);

  if (header != NULL && flow->pages->len != page)
    {
      row_show (header, flow, y, TRUE, NULL, NULL);
      vertebro_flow_advance (flow, header->height);
      y = flow->y;
    }
  return y;
}

/* How wide the widest word of @text is in @font. */
static double
widest_word (VertebroReport *self,
             Font            font,
             const char     *text)
{
  /* A line can break at a space or after a hyphen. */
  g_auto(GStrv) words = g_strsplit_set (text != NULL ? text : "", " \n-", -1);
  double widest = 0;

  for (guint w = 0; words[w] != NULL; w++)
    {
      g_autoptr(PangoLayout) word = vertebro_report_new_text (self, font, 0, words[w]);
      int width;

      pango_layout_get_size (word, &width, NULL);
      widest = MAX (widest, (double) width / PANGO_SCALE);
    }
  return widest;
}

/* Widens a column too narrow for its widest word (a translated heading such
 * as German "Wirbelkörper" or French "Tassement"), taking the room from the
 * columns with some to spare, so that no word is split. @need is each
 * column's widest word in points. When the words cannot all fit, @base is
 * kept. */
static void
fit_shares (Flow         *flow,
            const double *base,
            const double *need,
            guint         n,
            double       *shares)
{
  double least[MAX_COLUMNS], deficit = 0, slack = 0;

  g_assert (n <= MAX_COLUMNS);
  for (guint c = 0; c < n; c++)
    {
      /* The word, the gap to the next column and a point to spare. */
      least[c] = (need[c] + (c + 1 < n ? 6 : 0) + 1) / flow->width;
      shares[c] = base[c];
      if (least[c] > base[c])
        deficit += least[c] - base[c];
      else
        slack += base[c] - least[c];
    }
  if (deficit == 0 || deficit > slack)
    return;
  for (guint c = 0; c < n; c++)
    shares[c] = least[c] > base[c] ? least[c] : base[c] - (base[c] - least[c]) * deficit / slack;
}

/* The widest word each column of the levels table can show: its heading,
 * every value its cells can take, and "Not assessed". */
static void
levels_table_needs (VertebroReport     *self,
                    const char * const *titles,
                    const double       *indent,
                    guint               n,
                    double             *need)
{
  static const char * const choice_paths[] = { NULL, NULL, NULL, "level.acuity", "level.posterior_wall", NULL, NULL };
  static const VertebroVerdict verdicts[] = {
    VERTEBRO_VERDICT_CONTRAINDICATED, VERTEBRO_VERDICT_NOT_INDICATED, VERTEBRO_VERDICT_INCOMPLETE,
    VERTEBRO_VERDICT_NOT_READY, VERTEBRO_VERDICT_REVIEW, VERTEBRO_VERDICT_ELIGIBLE,
  };
  double not_assessed = widest_word (self, FONT_SMALL_ITALIC, _("Not assessed"));

  g_assert (n == G_N_ELEMENTS (choice_paths));
  for (guint c = 0; c < n; c++)
    {
      /* The level and its verdict are always there. */
      need[c] = widest_word (self, FONT_SMALL_BOLD, titles[c]);
      if (c > 0 && c + 1 < n)
        need[c] = MAX (need[c], not_assessed);
      if (choice_paths[c] != NULL)
        {
          const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_LEVEL, choice_paths[c]);

          for (guint i = 0; field->choices[i].value != NULL; i++)
            need[c] = MAX (need[c], widest_word (self, FONT_BODY, _(field->choices[i].label)));
        }
    }
  for (guint a = 0; a < 2; a++)
    need[5] = MAX (need[5], widest_word (self, FONT_BODY, vertebro_report_answer_label (a == 0 ? VERTEBRO_ANSWER_YES : VERTEBRO_ANSWER_NO)));
  for (guint v = 0; v < G_N_ELEMENTS (verdicts); v++)
    need[6] = MAX (need[6], widest_word (self, FONT_BODY_BOLD, vertebro_verdict_get_label (verdicts[v])));
  for (guint c = 0; c < n; c++)
    need[c] += indent[c];
}

/* One row per level: level, collapse, Genant grade, acuity, posterior
 * wall, pain concordant, and the level's verdict with its symbol. */
void
vertebro_report_draw_levels_table (Flow *flow)
{
  VertebroReport *self = FLOW_REPORT (flow);
  static const double base_shares[] = { 0.065, 0.105, 0.09, 0.22, 0.13, 0.14, 0.25 };
  double shares[G_N_ELEMENTS (base_shares)], need[G_N_ELEMENTS (base_shares)];
  const double indent[] = { 0, 0, 0, 0, 0, 0, SMALL_SYMBOL_SIZE + 4 };
  guint n = vertebro_assessment_get_n_levels (self->assessment);
  GListModel *levels = vertebro_patient_get_levels (self->patient);
  const char *titles[] = {
    /* Translators: the headings of the PDF's table of levels. Its seven
     * columns are narrow: abbreviate where your words are long. */
    C_("levels table", "Level"),
    /* Translators: a heading of the PDF's table of levels; abbreviate if long. */
    C_("levels table", "Collapse"),
    /* Translators: a heading of the PDF's table of levels; abbreviate if long. */
    C_("levels table", "Genant grade"),
    /* Translators: a heading of the PDF's table of levels; abbreviate if long. */
    C_("levels table", "Acuity"),
    /* Translators: a heading of the PDF's table of levels; abbreviate if long. */
    C_("levels table", "Posterior wall"),
    /* Translators: a heading of the PDF's table of levels; abbreviate if long. */
    C_("levels table", "Pain concordant with this level"),
    /* Translators: a heading of the PDF's table of levels; abbreviate if long. */
    C_("levels table", "Verdict"),
  };
  Row header;

  if (n == 0)
    return;

  levels_table_needs (self, titles, indent, G_N_ELEMENTS (shares), need);
  fit_shares (flow, base_shares, need, G_N_ELEMENTS (shares), shares);
  row_init (&header, flow, shares, G_N_ELEMENTS (shares));
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    row_set (&header, c, vertebro_report_new_text (self, FONT_SMALL_BOLD, row_text_width (&header, c, 0), titles[c]));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = vertebro_assessment_dup_level_label (self->assessment, i);
      g_autoptr(VertebroLevel) level = i < g_list_model_get_n_items (levels) ? g_list_model_get_item (levels, i) : NULL;
      VertebroVerdict verdict = vertebro_assessment_get_level_verdict (self->assessment, i);
      int genant = vertebro_assessment_get_level_genant (self->assessment, i);
      const char *cells[G_N_ELEMENTS (shares)] = { name, NULL, NULL, NULL, NULL, NULL, vertebro_verdict_get_label (verdict) };
      g_autofree char *collapse = NULL;
      g_autofree char *grade = NULL;
      double grey[G_N_ELEMENTS (shares)];
      Row row;
      double y;

      /* The assessment lists the patient's levels in the patient's order. */
      if (level != NULL && g_strcmp0 (vertebro_level_get_level (level), name) != 0)
        g_clear_object (&level);

      if (level != NULL && !isnan (vertebro_level_get_collapse_percent (level)))
        cells[1] = collapse = vertebro_report_format_quantity (vertebro_level_get_collapse_percent (level), "%");
      if (genant >= 0)
        cells[2] = grade = g_strdup_printf ("%d", genant);
      if (level != NULL)
        {
          cells[3] = vertebro_report_level_choice_label ("level.acuity", vertebro_level_get_acuity (level));
          cells[4] = vertebro_report_level_choice_label ("level.posterior_wall", vertebro_level_get_posterior_wall (level));
          if (vertebro_level_get_pain_concordant (level) != VERTEBRO_ANSWER_NOT_ASSESSED)
            cells[5] = vertebro_report_answer_label (vertebro_level_get_pain_concordant (level));
        }

      row_init (&row, flow, shares, G_N_ELEMENTS (shares));
      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        {
          Font font = c == 0 || c == G_N_ELEMENTS (cells) - 1 ? FONT_BODY_BOLD : FONT_BODY;

          grey[c] = cells[c] != NULL ? INK : INK_SECONDARY;
          row_set (&row, c, vertebro_report_new_text (self, cells[c] != NULL ? font : FONT_SMALL_ITALIC,
                                                      row_text_width (&row, c, indent[c]),
                                                      cells[c] != NULL ? cells[c] : _("Not assessed")));
        }

      if (i == 0)
        {
          vertebro_report_flow_heading (flow, _("Levels"), header.height + row.height);
          y = vertebro_flow_place (flow, header.height);
          row_show (&header, flow, y, TRUE, NULL, NULL);
          vertebro_flow_advance (flow, header.height);
        }
      y = place_row (flow, &header, row.height);
      row_show (&row, flow, y, FALSE, indent, grey);
      vertebro_report_draw_verdict_symbol (flow->cr, verdict, flow->left + row.x[6],
                           y + CELL_PAD + (vertebro_report_layout_height (row.cells[6]) / pango_layout_get_line_count (row.cells[6]) - SMALL_SYMBOL_SIZE) / 2,
                           SMALL_SYMBOL_SIZE);
      vertebro_flow_advance (flow, row.height);
      row_clear (&row);
    }
  row_clear (&header);
}
