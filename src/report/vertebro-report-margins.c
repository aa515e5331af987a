/* vertebro-report-margins.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every page of the clinician's summary has, drawn once the number of
 * pages is known: the header (who the page is about, and a mark on every
 * page of an incomplete assessment) and the footer (page N of M, the app,
 * the rule set and its thresholds, when it was made, and that this is
 * decision support).
 */

#define G_LOG_DOMAIN "vertebro-report"

#include "config.h"

#include <glib/gi18n.h>

#include "vertebro-report-private.h"

/* From the second page on, who the page is about; on every page of an
 * incomplete assessment, a mark that says so. */
void
vertebro_report_draw_header (VertebroReport *self,
                             cairo_t        *cr,
                             guint           page)
{
  double left = MARGIN_SIDE, width = self->width - 2 * MARGIN_SIDE;
  double mark_width = 0;

  if (vertebro_assessment_get_verdict (self->assessment) == VERTEBRO_VERDICT_INCOMPLETE)
    {
      g_autoptr(PangoLayout) mark = vertebro_report_new_text (self, FONT_SMALL_BOLD, 0, _("INCOMPLETE ASSESSMENT"));
      double pad = 4, symbol = 9;
      double w = vertebro_report_layout_width (mark) + 3 * pad + symbol, h = vertebro_report_layout_height (mark) + 2 * pad;
      double x = left + width - w, y = MARGIN_TOP;

      cairo_save (cr);
      cairo_set_source_rgb (cr, INK, INK, INK);
      cairo_set_line_width (cr, 1.2);
      cairo_rectangle (cr, x, y, w, h);
      cairo_stroke (cr);
      cairo_restore (cr);
      vertebro_report_draw_verdict_symbol (cr, VERTEBRO_VERDICT_INCOMPLETE, x + pad, y + (h - symbol) / 2, symbol);
      vertebro_report_show_layout (cr, mark, x + 2 * pad + symbol, y + pad, INK);
      mark_width = w + 10;
    }

  if (page > 0)
    {
      const char *name = vertebro_patient_get_text (self->patient, "patient.name");
      const char *identifier = vertebro_patient_get_text (self->patient, "patient.identifier");
      g_autoptr(GString) text = g_string_new (_("Pre-procedure assessment"));
      g_autoptr(PangoLayout) layout = NULL;

      if (name != NULL && name[0] != '\0')
        {
          g_autofree char *shown = vertebro_report_user_text ("patient.name", name);

          g_string_append_printf (text, "  ·  %s", shown);
        }
      if (identifier != NULL && identifier[0] != '\0')
        {
          g_autofree char *shown = vertebro_report_user_text ("patient.identifier", identifier);

          g_string_append_printf (text, "  ·  %s", shown);
        }
      layout = vertebro_report_new_text (self, FONT_SMALL, width - mark_width, text->str);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      vertebro_report_show_layout (cr, layout, left, MARGIN_TOP + 4, INK_SECONDARY);
      vertebro_report_draw_rule (cr, left, MARGIN_TOP + HEADER_HEIGHT - 8, width, RULE_LIGHT, RULE_WIDTH);
    }
}

void
vertebro_report_footer_clear (Footer *footer)
{
  g_clear_object (&footer->info);
  g_clear_object (&footer->thresholds);
  g_clear_object (&footer->note);
}

void
vertebro_report_footer_init (Footer         *footer,
                             VertebroReport *self)
{
  double width = self->width - 2 * MARGIN_SIDE;
  g_autofree char *thresholds = vertebro_report_thresholds_in_force (self);
  g_autofree char *date = NULL;
  g_autofree char *time = g_date_time_format (self->generated, "%X");
  g_autofree char *info = NULL;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (self->generated),
                  g_date_time_get_month (self->generated), g_date_time_get_year (self->generated));
  date = vertebro_format_date (&day, VERTEBRO_TEXT_LOCALIZED);

  /* Translators: the first line of every page's footer: the app's version;
   * the rule set's id, version and the start of its SHA-256; the date and
   * time the summary was made. */
  info = g_strdup_printf (_("Vertebro %s  ·  Rule set %s %s, SHA-256 %.12s  ·  Generated %s, %s"),
                          PACKAGE_VERSION,
                          vertebro_assessment_get_ruleset_id (self->assessment),
                          vertebro_assessment_get_ruleset_version (self->assessment),
                          vertebro_assessment_get_ruleset_sha256 (self->assessment),
                          date, time);

  footer->info = vertebro_report_new_text (self, FONT_FOOTER, width - PAGE_NUMBER_WIDTH, info);
  if (thresholds != NULL)
    footer->thresholds = vertebro_report_new_text (self, FONT_FOOTER, width - PAGE_NUMBER_WIDTH, thresholds);
  footer->note = vertebro_report_new_text (self, FONT_FOOTER_ITALIC, width - PAGE_NUMBER_WIDTH,
                                           _("Decision support only: it does not replace clinical judgement."));
  footer->height = 5 + vertebro_report_layout_height (footer->info) + 1.5 + vertebro_report_layout_height (footer->note);
  if (footer->thresholds != NULL)
    footer->height += 1.5 + vertebro_report_layout_height (footer->thresholds);
}

/* Page N of M, the app and rule set that made the page, when, the site
 * thresholds in force, and that this is decision support. */
void
vertebro_report_draw_footer (VertebroReport *self,
                             cairo_t        *cr,
                             const Footer   *footer,
                             guint           page,
                             guint           n_pages)
{
  double left = MARGIN_SIDE, width = self->width - 2 * MARGIN_SIDE;
  double y = self->height - MARGIN_BOTTOM - footer->height;
  /* Translators: the page counter in every page's footer. */
  g_autofree char *counter = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
  g_autoptr(PangoLayout) number = vertebro_report_new_text (self, FONT_FOOTER_BOLD, PAGE_NUMBER_WIDTH, counter);

  pango_layout_set_alignment (number, PANGO_ALIGN_RIGHT);
  vertebro_report_draw_rule (cr, left, y, width, INK_SECONDARY, RULE_WIDTH);
  y += 5;
  vertebro_report_show_layout (cr, number, left + width - PAGE_NUMBER_WIDTH, y, INK);
  vertebro_report_show_layout (cr, footer->info, left, y, INK_SECONDARY);
  y += vertebro_report_layout_height (footer->info) + 1.5;
  if (footer->thresholds != NULL)
    {
      vertebro_report_show_layout (cr, footer->thresholds, left, y, INK);
      y += vertebro_report_layout_height (footer->thresholds) + 1.5;
    }
  vertebro_report_show_layout (cr, footer->note, left, y, INK_SECONDARY);
}
