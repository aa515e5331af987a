/* bench-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs a program, or a program and its floor in turn, and prints medians.
 *
 *   bench-run [--runs N] [--first-frame] [--preload MODULE] -- PROGRAM ARGS… [--vs FLOOR ARGS…]
 *
 * Each run is timed from just before the process is spawned to its exit,
 * with its stdout read through a pipe (as a caller of `vertebro --format
 * json` would read it). Peak memory is the child's ru_maxrss. With
 * --first-frame the time is the one the program reports itself
 * ("first_frame_us=N", see src/app/vertebro-first-frame.c): the environment
 * gets VERTEBRO_BENCH_FIRST_FRAME set to the launch time. The program and
 * its floor alternate, each pair in the opposite order to the previous one,
 * after one untimed run of each to warm the page cache. --preload loads
 * MODULE into PROGRAM only (LD_PRELOAD), as the peers, which are not built
 * with the first-frame hook, get it (bench/peer-first-frame.c).
 *
 * A run that fails (it cannot be started, exits with an error, or reports
 * no first frame) ends bench-run with status 1 and one line on stderr
 * saying why, so that build-aux/bench can print it.
 * Prints key=value lines: a_median_us, a_maxrss_kb (median), and with a
 * floor b_median_us, b_maxrss_kb and ratio (the median of the per-pair
 * ratios a/b) and rss_ratio.
 */

#include "config.h"

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gprintf.h>

extern char **environ;

typedef struct {
  double us;
  double maxrss_kb;
} Run;

static gboolean first_frame;
static const char *preload;

static void G_GNUC_NORETURN G_GNUC_PRINTF (1, 2)
die (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  g_vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  exit (1);
}

static Run
run (char     **argv,
     gboolean   is_program)
{
  g_autoptr(GPtrArray) env = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *output = NULL;
  GString *out = g_string_new (NULL);
  posix_spawn_file_actions_t actions;
  struct rusage usage;
  char buf[65536];
  int fds[2], status;
  gint64 start;
  pid_t pid;
  ssize_t n;
  const char *mark;
  Run r;

  if (pipe (fds) != 0)
    g_error ("pipe: %s", g_strerror (errno));
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_adddup2 (&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose (&actions, fds[0]);
  posix_spawn_file_actions_addclose (&actions, fds[1]);

  for (char **e = environ; *e != NULL; e++)
    if (!g_str_has_prefix (*e, "VERTEBRO_BENCH_FIRST_FRAME=") &&
        !(preload != NULL && is_program && g_str_has_prefix (*e, "LD_PRELOAD=")))
      g_ptr_array_add (env, g_strdup (*e));
  if (preload != NULL && is_program)
    g_ptr_array_add (env, g_strconcat ("LD_PRELOAD=", preload, NULL));

  start = g_get_monotonic_time ();
  if (first_frame)
    g_ptr_array_add (env, g_strdup_printf ("VERTEBRO_BENCH_FIRST_FRAME=%" G_GINT64_FORMAT, start));
  g_ptr_array_add (env, NULL);

  if ((errno = posix_spawnp (&pid, argv[0], &actions, NULL, argv, (char **) env->pdata)) != 0)
    die ("%s: %s", argv[0], g_strerror (errno));
  close (fds[1]);
  while ((n = read (fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (out, buf, n);
  close (fds[0]);
  while (wait4 (pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      g_error ("wait4: %s", g_strerror (errno));
  r.us = (double) (g_get_monotonic_time () - start);
  r.maxrss_kb = (double) usage.ru_maxrss;
  posix_spawn_file_actions_destroy (&actions);
  output = g_string_free (out, FALSE);

  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      if (WIFSIGNALED (status))
        die ("%s was killed by signal %d (%s)", argv[0], WTERMSIG (status), g_strsignal (WTERMSIG (status)));
      die ("%s exited with status %d", argv[0], WEXITSTATUS (status));
    }
  if (first_frame)
    {
      if ((mark = strstr (output, "first_frame_us=")) == NULL)
        die ("%s reported no first frame", argv[0]);
      r.us = g_ascii_strtod (mark + strlen ("first_frame_us="), NULL);
    }
  return r;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);
  if (values->len == 0)
    return 0;
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1) + g_array_index (values, double, values->len / 2)) / 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) a_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) b_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) a_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) b_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss_ratios = g_array_new (FALSE, FALSE, sizeof (double));
  char **a = NULL, **b = NULL;
  guint runs = 30;
  int i;

  for (i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    {
      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        runs = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--first-frame"))
        first_frame = TRUE;
      else if (g_str_equal (argv[i], "--preload") && i + 1 < argc)
        preload = argv[++i];
      else
        break;
    }
  if (i >= argc || !g_str_equal (argv[i], "--") || i + 1 >= argc || runs == 0)
    {
      g_printerr ("usage: bench-run [--runs N] [--first-frame] [--preload MODULE] -- PROGRAM ARGS… [--vs FLOOR ARGS…]\n");
      return 2;
    }
  a = &argv[i + 1];
  for (int j = i + 1; j < argc; j++)
    if (g_str_equal (argv[j], "--vs"))
      {
        argv[j] = NULL;
        b = &argv[j + 1];
        break;
      }

  /* Warm-up, untimed. */
  run (a, TRUE);
  if (b != NULL)
    run (b, FALSE);

  for (guint r = 0; r < runs; r++)
    {
      Run ra, rb = { 0, 0 };

      if (b != NULL && r % 2 == 1)
        {
          rb = run (b, FALSE);
          ra = run (a, TRUE);
        }
      else
        {
          ra = run (a, TRUE);
          if (b != NULL)
            rb = run (b, FALSE);
        }
      g_array_append_val (a_us, ra.us);
      g_array_append_val (a_rss, ra.maxrss_kb);
      if (b != NULL)
        {
          double ratio = ra.us / rb.us, rss_ratio = ra.maxrss_kb / rb.maxrss_kb;

          g_array_append_val (b_us, rb.us);
          g_array_append_val (b_rss, rb.maxrss_kb);
          g_array_append_val (ratios, ratio);
          g_array_append_val (rss_ratios, rss_ratio);
        }
    }

  g_print ("runs=%u\n", runs);
  g_print ("a_median_us=%.0f\n", median (a_us));
  g_print ("a_maxrss_kb=%.0f\n", median (a_rss));
  if (b != NULL)
    {
      g_print ("b_median_us=%.0f\n", median (b_us));
      g_print ("b_maxrss_kb=%.0f\n", median (b_rss));
      g_print ("ratio=%.2f\n", median (ratios));
      g_print ("rss_ratio=%.2f\n", median (rss_ratios));
    }
  return 0;
}
