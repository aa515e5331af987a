/* vertebro-message-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row under a form field that holds its message: why the entry is
 * invalid, a finding about it, or a value derived from it.
 *
 * The message under a field is read with the field (it is its accessible
 * description), so its row is no Tab stop. A list box, though, stops moving
 * the focus at the first row that takes none, and the rows after it would
 * be out of reach of the keyboard: this row hands the focus on to its
 * neighbour in the direction of travel instead.
 */

#define G_LOG_DOMAIN "vertebro-message-row"

#include "config.h"

#include "vertebro-message-row.h"

struct _VertebroMessageRow
{
  AdwPreferencesRow parent_instance;
};

G_DEFINE_FINAL_TYPE (VertebroMessageRow, vertebro_message_row, ADW_TYPE_PREFERENCES_ROW)

static gboolean
vertebro_message_row_focus (GtkWidget        *widget,
                            GtkDirectionType  direction)
{
  gboolean forward = direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_DOWN;
  GtkWidget *next = widget;

  if (!forward && direction != GTK_DIR_TAB_BACKWARD && direction != GTK_DIR_UP)
    return FALSE;

  while ((next = forward ? gtk_widget_get_next_sibling (next) : gtk_widget_get_prev_sibling (next)) != NULL)
    if (gtk_widget_get_visible (next) && gtk_widget_child_focus (next, direction))
      return TRUE;
  return FALSE;
}

static void
vertebro_message_row_class_init (VertebroMessageRowClass *klass)
{
  GTK_WIDGET_CLASS (klass)->focus = vertebro_message_row_focus;
}

static void
vertebro_message_row_init (VertebroMessageRow *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
}

GtkWidget *
vertebro_message_row_new (void)
{
  return g_object_new (VERTEBRO_TYPE_MESSAGE_ROW, NULL);
}
