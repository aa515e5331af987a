/* bench-pdf.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDF summary's renderer, in process: PATIENT is evaluated once, then
 * exported RUNS times to OUT.pdf on A4 with vertebro_report_write_pdf(), as
 * Export PDF… and `vertebro --export-pdf` do. The first export pays for
 * loading fonts (fontconfig, the pango font map); it is reported apart.
 *
 *   bench-pdf PATIENT OUT.pdf [RUNS [LANGUAGE]]
 *
 * With LANGUAGE ("de", "en", "es", "fr") it times the patient's leaflet in
 * that language instead (vertebro_leaflet_write_pdf(), issue 17).
 *
 * Prints first_ms, median_ms (of the later exports) and size_bytes.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "vertebro-leaflet.h"
#include "vertebro-report.h"
#include "bench-clock.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VertebroRuleset) rules = NULL;
  g_autoptr(VertebroPatient) patient = NULL;
  g_autoptr(VertebroAssessment) assessment = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDateTime) generated = g_date_time_new_utc (2026, 11, 21, 9, 0, 0);
  guint runs = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 30;
  const char *language = argc > 4 ? argv[4] : NULL;
  gint64 *times;
  GStatBuf st;
  GDate today;

  if (argc < 3 || runs < 2 || (language != NULL && !vertebro_leaflet_is_language (language)))
    {
      g_printerr ("usage: bench-pdf PATIENT OUT.pdf [RUNS ≥ 2 [de|en|es|fr]]\n");
      return 2;
    }

  rules = vertebro_ruleset_new_default (&error);
  g_assert_no_error (error);
  file = g_file_new_for_commandline_arg (argv[1]);
  patient = vertebro_patient_new_from_file (file, NULL, &error);
  if (patient == NULL)
    g_error ("%s", error->message);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 21, G_DATE_NOVEMBER, 2026);
  assessment = vertebro_evaluate (rules, patient, &today);

  times = g_new (gint64, runs);
  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(VertebroReport) report = NULL;
      gint64 start = bench_now_ns ();

      if (language != NULL)
        {
          g_autoptr(VertebroLeaflet) leaflet = vertebro_leaflet_new (assessment, patient, language);

          vertebro_leaflet_set_paper (leaflet, VERTEBRO_PAPER_A4);
          vertebro_leaflet_set_generated (leaflet, generated);
          if (!vertebro_leaflet_write_pdf (leaflet, argv[2], &error))
            g_error ("%s", error->message);
          times[i] = bench_now_ns () - start;
          continue;
        }
      report = vertebro_report_new (assessment, patient, rules);
      vertebro_report_set_paper (report, VERTEBRO_PAPER_A4);
      vertebro_report_set_generated (report, generated);
      if (!vertebro_report_write_pdf (report, argv[2], &error))
        g_error ("%s", error->message);
      times[i] = bench_now_ns () - start;
    }

  if (g_stat (argv[2], &st) != 0)
    g_error ("%s: not written", argv[2]);
  g_print ("first_ms=%.1f\n", times[0] / 1e6);
  bench_sort_ns (times + 1, runs - 1);
  g_print ("median_ms=%.1f\n", times[1 + (runs - 1) / 2] / 1e6);
  g_print ("size_bytes=%lld\n", (long long) st.st_size);
  g_free (times);
  return 0;
}
