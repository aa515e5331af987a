/* vertebro-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window's files share (vertebro-window.c, the shell;
 * vertebro-window-actions.c, saving, opening and closing;
 * vertebro-window-export.c, the PDF summary, the leaflet and printing),
 * and what the tests look at.
 */

#pragma once

#include "vertebro-form.h"
#include "vertebro-verdict-panel.h"
#include "vertebro-window.h"

G_BEGIN_DECLS

struct _VertebroWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *title_widget;
  GtkStack             *title_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *form_page;
  GtkWidget            *panel_page;
  GtkWidget            *show_verdict_button;
  GtkWidget            *show_verdict_icon;
  GtkWidget            *show_verdict_label;
  GtkWidget            *show_verdict_name;
  GtkWidget            *back_button;
  GMenu                *recent_menu;
  GtkRevealer          *draft_banner;
  GtkLabel             *draft_banner_label;
  VertebroForm         *form;
  VertebroVerdictPanel *panel;

  VertebroDocument     *document;
  GSettings            *settings;        /* NULL when the schema is not installed */
  gboolean              site_rules;
  gboolean              close_confirmed;
  GtkWidget            *form_focus;      /* weak: where F6 goes back to in the form */
  AdwToast             *disk_toast;      /* weak: "changed on disk", while shown */
  char                 *file_name;       /* as the title shows them (update_file_names()) */
  char                 *file_folder;
};

/* vertebro-window.c */
void                vertebro_window_toast              (VertebroWindow *self,
                                                        const char     *text);
char               *vertebro_window_audit_by           (VertebroWindow *self);
char               *vertebro_window_neutral_name       (VertebroWindow *self,
                                                        const char     *extension);
void                vertebro_window_set_initial_folder (VertebroWindow *self,
                                                        GtkFileChooser *chooser);
void                vertebro_window_remember_folder    (VertebroWindow *self,
                                                        GFile          *file);
void                vertebro_window_add_recent         (GFile          *file);

/* vertebro-window-actions.c */
void                vertebro_window_class_add_actions  (GtkWidgetClass *widget_class);
gboolean            vertebro_window_save_to            (VertebroWindow *self,
                                                        GFile          *file,
                                                        GError        **error);
void                vertebro_window_confirm_close      (VertebroWindow *self);

/* vertebro-window-export.c */
void                vertebro_window_class_add_exports  (GtkWidgetClass *widget_class);
gboolean            vertebro_window_print              (VertebroWindow          *self,
                                                        GtkPrintOperationAction  action,
                                                        const char              *export_filename,
                                                        GError                 **error);

/* For the tests: the document's state, through its window. */
VertebroPatient    *vertebro_window_get_patient        (VertebroWindow *self);
VertebroAssessment *vertebro_window_get_assessment     (VertebroWindow *self);
GFile              *vertebro_window_get_file           (VertebroWindow *self);
gboolean            vertebro_window_get_modified       (VertebroWindow *self);
const char         *vertebro_window_get_draft_path     (VertebroWindow *self);
void                vertebro_window_flush_draft        (VertebroWindow *self);
GtkWidget          *vertebro_window_get_form           (VertebroWindow *self);
GtkWidget          *vertebro_window_get_panel          (VertebroWindow *self);

G_END_DECLS
