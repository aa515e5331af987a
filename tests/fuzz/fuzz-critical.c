/* fuzz-critical.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks the fuzz targets' log handling (fuzz-common.h): a failed
 * g_return_if_fail() — here the one date arithmetic out of range used to
 * hit — must end the process with SIGABRT, which libFuzzer records with the
 * input that did it; test-hostile runs this and looks at how it ended.
 */

#include "config.h"

#include "fuzz-common.h"

int
main (void)
{
  GDate date;

  fuzz_set_up ();
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1);
  g_date_subtract_days (&date, 5);
  return 0;
}
