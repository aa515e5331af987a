/* test-narrow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window on a phone-sized screen, in the language meson runs it in (C,
 * de, fr, es): with every example open it fits in 360 px, and the header's
 * verdict is shown whole (not "Correction requ…"); in the form no label
 * breaks a word in two ("Platele-ts") at that width.
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "vertebro-application.h"
#include "vertebro-window-private.h"
#include "vertebro-test-window.h"

#define NARROW 360

static VertebroApplication *app;

static const char *examples[] = {
  "contraindicated-infection.vertebro",
  "eligible-osteoporotic.vertebro",
  "eligible-other-antithrombotic.vertebro",
  "incomplete-draft.vertebro",
  "metastatic-review.vertebro",
  "not-ready-clopidogrel-inr.vertebro",
};

static VertebroWindow *
open_narrow (const char *name)
{
  VertebroWindow *window = vertebro_application_new_window (app, NULL);
  g_autofree char *path = g_build_filename (g_getenv ("VERTEBRO_EXAMPLES"), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), NARROW, 800);
  vertebro_test_present (GTK_WINDOW (window));
  g_assert_true (vertebro_window_load_file (window, file, &error));
  g_assert_no_error (error);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  vertebro_test_spin ();
  return window;
}

static void
close_window (VertebroWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  vertebro_test_spin ();
}

/* A label whose layout breaks a line inside a word. */
static gboolean
breaks_a_word (GtkLabel *label)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  const char *text = pango_layout_get_text (layout);
  const PangoLogAttr *attrs;
  int n_attrs;
  PangoLayoutIter *iter;
  gboolean broken = FALSE;

  if (!gtk_widget_get_mapped (GTK_WIDGET (label)) || pango_layout_get_line_count (layout) < 2)
    return FALSE;
  attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  iter = pango_layout_get_iter (layout);
  while (pango_layout_iter_next_line (iter))
    {
      int index = pango_layout_iter_get_index (iter);
      int offset = g_utf8_pointer_to_offset (text, text + index);

      /* A line may start where a line break is allowed, or after a hyphen
       * the text has; Pango marks a break it forces inside a word by
       * breaking where no break is allowed. */
      if (offset < n_attrs && !attrs[offset].is_line_break)
        broken = TRUE;
    }
  pango_layout_iter_free (iter);
  if (broken)
    g_test_message ("“%s” breaks a word", text);
  return broken;
}

static void
collect_broken (GtkWidget *root,
                GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && breaks_a_word (GTK_LABEL (child)))
        g_string_append_printf (out, "  “%s”\n", gtk_label_get_text (GTK_LABEL (child)));
      collect_broken (child, out);
    }
}

static void
test_fits (gconstpointer data)
{
  const char *name = data;
  VertebroWindow *window = open_narrow (name);
  int minimum = 0, natural = 0;
  g_autoptr(GString) broken = g_string_new (NULL);
  PangoLayout *verdict;

  /* The content: a window's shadow is not drawn when it fills a screen. */
  gtk_widget_measure (GTK_WIDGET (window->toast_overlay), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural,
                      NULL, NULL);
  g_test_message ("%s: the window needs %d px", name, minimum);
  g_assert_cmpint (minimum, <=, NARROW);

  /* The verdict under the patient's name is never cut short. */
  g_assert_true (gtk_widget_get_mapped (window->show_verdict_button));
  verdict = gtk_label_get_layout (GTK_LABEL (window->show_verdict_label));
  g_assert_false (pango_layout_is_ellipsized (verdict));

  collect_broken (window->form_page, broken);
  if (broken->len > 0)
    {
      g_test_message ("at %d px, these labels of the form break a word:\n%s", NARROW, broken->str);
      g_test_fail ();
    }
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *language = g_getenv ("LANGUAGE");
  const char *localedir = g_getenv ("VERTEBRO_LOCALEDIR");
  int status;

  /* What the app does, with the build's catalogues. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  adw_init ();
  /* GNOME's window buttons, as on a phone: a bare X server's default adds
   * minimize and maximize, and the header bar keeps its title centred
   * between its sides. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  app = vertebro_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/narrow/%s/%s", language != NULL ? language : "C", examples[i]);

      g_test_add_data_func (path, examples[i], test_fits);
    }
  status = g_test_run ();
  g_object_unref (app);
  return status;
}
