/* vertebro-panel-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row of the verdict panel: a title and a subtitle that wrap, a prefix
 * (an icon, a tick box) and a suffix, and optionally details that the row
 * reveals when it is activated (a finding's sources).
 *
 * It looks like an AdwActionRow but lays out its text in a GtkGrid. In GTK
 * 4.8 a wrapping label inside a horizontal GtkBox, as AdwActionRow and
 * AdwExpanderRow hold their title and subtitle, is measured by a binary
 * search over widths: about 85 text layouts per row, against 10 in a grid
 * (counted with a Pango shim over 20 rows). The panel shows dozens of long
 * texts and builds some again on every keystroke, so this is what makes
 * the window start and follow the typing quickly.
 *
 * Screen readers read the title as the row's name and the subtitle as its
 * description, as they do for an AdwActionRow.
 */

#define G_LOG_DOMAIN "vertebro-panel-row"

#include "config.h"

#include "vertebro-panel-row.h"

struct _VertebroPanelRow
{
  GtkListBoxRow parent_instance;

  GtkWidget *grid;
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *prefix;
  GtkWidget *suffix;
  GtkWidget *revealer;   /* the details, or NULL */
  GtkWidget *details;    /* GtkBox in the revealer */
  GtkWidget *arrow;      /* shows whether the details are shown */
};

G_DEFINE_FINAL_TYPE (VertebroPanelRow, vertebro_panel_row, GTK_TYPE_LIST_BOX_ROW)

static GtkWidget *
wrapping_label (const char *text,
                const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, style);
  return label;
}

static void
vertebro_panel_row_class_init (VertebroPanelRowClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "row");
}

static void
vertebro_panel_row_init (VertebroPanelRow *self)
{
  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 3);
  gtk_widget_set_valign (self->grid, GTK_ALIGN_CENTER);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), self->grid);
  gtk_widget_add_css_class (GTK_WIDGET (self), "panel-row");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
}

/**
 * vertebro_panel_row_new:
 * @title: what the row says
 * @subtitle: (nullable): said under it, smaller
 *
 * Returns: a row; neither text is markup
 */
GtkWidget *
vertebro_panel_row_new (const char *title,
                        const char *subtitle)
{
  VertebroPanelRow *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (VERTEBRO_TYPE_PANEL_ROW, NULL);
  self->title = wrapping_label (title, "title");
  gtk_grid_attach (GTK_GRID (self->grid), self->title, 1, 0, 1, 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (subtitle != NULL && *subtitle != '\0')
    {
      self->subtitle = wrapping_label (subtitle, "subtitle");
      gtk_grid_attach (GTK_GRID (self->grid), self->subtitle, 1, 1, 1, 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
    }
  return GTK_WIDGET (self);
}

const char *
vertebro_panel_row_get_title (VertebroPanelRow *self)
{
  g_return_val_if_fail (VERTEBRO_IS_PANEL_ROW (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->title));
}

/**
 * vertebro_panel_row_get_subtitle:
 *
 * Returns: the subtitle, or "" when there is none
 */
const char *
vertebro_panel_row_get_subtitle (VertebroPanelRow *self)
{
  g_return_val_if_fail (VERTEBRO_IS_PANEL_ROW (self), NULL);
  return self->subtitle != NULL ? gtk_label_get_text (GTK_LABEL (self->subtitle)) : "";
}

/* Beside the text, centred on it, in column @column. */
static void
set_side (VertebroPanelRow *self,
          GtkWidget       **slot,
          GtkWidget        *widget,
          int               column)
{
  if (*slot != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), *slot);
  *slot = widget;
  if (widget != NULL)
    {
      gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
      /* Beside the subtitle too, if there is one: an empty second line
       * would still take the grid's row spacing under a lone title. */
      gtk_grid_attach (GTK_GRID (self->grid), widget, column, 0, 1, self->subtitle != NULL ? 2 : 1);
    }
}

void
vertebro_panel_row_set_prefix (VertebroPanelRow *self,
                               GtkWidget        *prefix)
{
  g_return_if_fail (VERTEBRO_IS_PANEL_ROW (self));
  set_side (self, &self->prefix, prefix, 0);
}

void
vertebro_panel_row_set_suffix (VertebroPanelRow *self,
                               GtkWidget        *suffix)
{
  g_return_if_fail (VERTEBRO_IS_PANEL_ROW (self));
  set_side (self, &self->suffix, suffix, 2);
}

/**
 * vertebro_panel_row_add_detail:
 * @title: the detail's name (a source's id, or a group's heading)
 * @text: (nullable): what it says (the citation)
 * @uri: (nullable): a link shown under it (the source's DOI)
 *
 * Adds a detail, shown when the row is expanded. A row with details is
 * activatable and shows an arrow; activating it (the panel does, on
 * GtkListBox::row-activated) expands or collapses it.
 */
void
vertebro_panel_row_add_detail (VertebroPanelRow *self,
                               const char       *title,
                               const char       *text,
                               const char       *uri)
{
  GtkWidget *name;

  g_return_if_fail (VERTEBRO_IS_PANEL_ROW (self));

  if (self->revealer == NULL)
    {
      self->details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_margin_top (self->details, 6);
      self->revealer = gtk_revealer_new ();
      gtk_revealer_set_child (GTK_REVEALER (self->revealer), self->details);
      gtk_grid_attach (GTK_GRID (self->grid), self->revealer, 1, 2, 1, 1);
      self->arrow = gtk_image_new_from_icon_name ("pan-end-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      vertebro_panel_row_set_suffix (self, self->arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE, -1);
    }

  name = wrapping_label (title, "heading");
  gtk_box_append (GTK_BOX (self->details), name);
  if (text != NULL)
    gtk_box_append (GTK_BOX (self->details), wrapping_label (text, "subtitle"));
  if (uri != NULL)
    {
      /* A link a screen reader reads as one, opened in the browser. */
      g_autofree char *markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", uri, uri);
      GtkWidget *link = wrapping_label (NULL, "subtitle");

      gtk_label_set_markup (GTK_LABEL (link), markup);
      gtk_box_append (GTK_BOX (self->details), link);
    }
}

gboolean
vertebro_panel_row_get_expanded (VertebroPanelRow *self)
{
  g_return_val_if_fail (VERTEBRO_IS_PANEL_ROW (self), FALSE);
  return self->revealer != NULL && gtk_revealer_get_reveal_child (GTK_REVEALER (self->revealer));
}

void
vertebro_panel_row_set_expanded (VertebroPanelRow *self,
                                 gboolean          expanded)
{
  g_return_if_fail (VERTEBRO_IS_PANEL_ROW (self));

  if (self->revealer == NULL)
    return;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), expanded);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->arrow), expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);
}
