/* vertebro-test-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vertebro-test-run.h"

void
vertebro_run_clear (VertebroRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/**
 * vertebro_run_argv:
 * @run: where to keep the exit status and output
 * @env: (nullable): "NAME=VALUE" pairs to set; an empty VALUE unsets NAME
 * @argv: the command
 *
 * Runs @argv to the end without DISPLAY or WAYLAND_DISPLAY, as the command
 * line must work with no display.
 */
void
vertebro_run_argv (VertebroRun        *run,
                   const char * const *env,
                   const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = g_strjoinv (" ", (char **) argv);
  g_autofree char *env_text = env != NULL ? g_strjoinv (" ", (char **) env) : g_strdup ("");

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      if (pair[1] == NULL || pair[1][0] == '\0')
        g_subprocess_launcher_unsetenv (launcher, pair[0]);
      else
        g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  g_test_message ("running: %s %s", env_text, command);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;

  if (run->err != NULL && run->err[0] != '\0')
    g_test_message ("exit %d, stderr: %s", run->status, run->err);
  else
    g_test_message ("exit %d", run->status);
}
