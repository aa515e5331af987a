/* vertebro-entry-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row of the form's text, number and date fields.
 *
 * AdwEntryRow in libadwaita 1.2 keeps the keyboard focus in an inner GtkText
 * that has no accessible role, so assistive technologies never learn that
 * the field has the focus and a screen reader stays silent when Tab reaches
 * it (libadwaita fixed this only with GTK 4.10 API). The form's text fields
 * are therefore a form row (vertebro-form-row.c) holding a GtkEntry, which
 * reports its focus, name, description and invalid state. The row is itself
 * a GtkEditable that delegates to its entry, so it is read and typed into
 * like any entry.
 */

#define G_LOG_DOMAIN "vertebro-entry-row"

#include "config.h"

#include "vertebro-entry-row.h"

struct _VertebroEntryRow
{
  VertebroFormRow  parent_instance;

  GtkWidget    *entry;
};

static GtkEditable *
vertebro_entry_row_get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (VERTEBRO_ENTRY_ROW (editable)->entry);
}

static void
vertebro_entry_row_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = vertebro_entry_row_get_delegate;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (VertebroEntryRow, vertebro_entry_row, VERTEBRO_TYPE_FORM_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE, vertebro_entry_row_editable_init))

static void
vertebro_entry_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  if (!gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
vertebro_entry_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  if (!gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
vertebro_entry_row_dispose (GObject *object)
{
  VertebroEntryRow *self = VERTEBRO_ENTRY_ROW (object);

  if (self->entry != NULL)
    gtk_editable_finish_delegate (GTK_EDITABLE (self));
  /* The entry belongs to the row's suffix box, which the row disposes. */
  self->entry = NULL;

  G_OBJECT_CLASS (vertebro_entry_row_parent_class)->dispose (object);
}

static void
vertebro_entry_row_class_init (VertebroEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vertebro_entry_row_dispose;
  object_class->set_property = vertebro_entry_row_set_property;
  object_class->get_property = vertebro_entry_row_get_property;
  gtk_editable_install_properties (object_class, 1);
}

static void
vertebro_entry_row_init (VertebroEntryRow *self)
{
  self->entry = gtk_entry_new ();
  gtk_widget_set_valign (self->entry, GTK_ALIGN_CENTER);
  vertebro_form_row_add_suffix (VERTEBRO_FORM_ROW (self), self->entry);
  /* A click anywhere on the row puts the cursor in the entry. */
  vertebro_form_row_set_activatable_widget (VERTEBRO_FORM_ROW (self), self->entry);
  gtk_editable_init_delegate (GTK_EDITABLE (self));
  /* Tab goes straight to the entry, without a stop on the row. */
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

GtkWidget *
vertebro_entry_row_new (void)
{
  return g_object_new (VERTEBRO_TYPE_ENTRY_ROW, NULL);
}

/**
 * vertebro_entry_row_get_entry:
 * @self: an entry row
 *
 * Returns: (transfer none): the entry that takes the keyboard focus
 */
GtkWidget *
vertebro_entry_row_get_entry (VertebroEntryRow *self)
{
  g_return_val_if_fail (VERTEBRO_IS_ENTRY_ROW (self), NULL);

  return self->entry;
}
