/* vertebro-form-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row of the patient form: the field's title, and its inputs after it
 * (an entry and its unit, the three answers of a question). It looks like
 * an AdwActionRow, with two differences that the form needs.
 *
 * It fits a phone. When the title's longest word and the inputs do not fit
 * side by side, the inputs go under the title, at the row's full width,
 * instead of squeezing the title until its words break in two
 * ("Platele-ts", "Gerinnungsstör-ung" at 360 px).
 *
 * It is light. In GTK 4.8 a wrapping label in a horizontal GtkBox, as an
 * AdwActionRow holds its title, is measured by a binary search over widths;
 * here the title is measured once per width asked, as in the verdict
 * panel's rows (vertebro-panel-row.c). The form has some forty such rows,
 * laid out before the window's first frame.
 */

#define G_LOG_DOMAIN "vertebro-form-row"

#include "config.h"

#include "vertebro-form-row.h"

/* Between the title and the inputs beside it, and under it. */
#define SPACING_BESIDE 12
#define SPACING_UNDER 6

/* ---- The row's content: the title, then the inputs ---- */

#define VERTEBRO_TYPE_FORM_ROW_CONTENT (vertebro_form_row_content_get_type ())
G_DECLARE_FINAL_TYPE (VertebroFormRowContent, vertebro_form_row_content, VERTEBRO, FORM_ROW_CONTENT, GtkWidget)

struct _VertebroFormRowContent
{
  GtkWidget  parent_instance;

  GtkWidget *title;
  GtkWidget *suffixes;
};

G_DEFINE_FINAL_TYPE (VertebroFormRowContent, vertebro_form_row_content, GTK_TYPE_WIDGET)

typedef struct {
  gboolean stacked;
  int      title_width;
  int      suffix_width;
} Split;

/* Beside the title when its longest word still fits beside the inputs'
 * natural width; else under it. */
static Split
split (VertebroFormRowContent *self,
       int                     width)
{
  Split s = { FALSE, width, 0 };
  int title_min, title_nat, suffix_min, suffix_nat;

  if (!gtk_widget_should_layout (self->suffixes))
    return s;
  gtk_widget_measure (self->title, GTK_ORIENTATION_HORIZONTAL, -1, &title_min, &title_nat, NULL, NULL);
  gtk_widget_measure (self->suffixes, GTK_ORIENTATION_HORIZONTAL, -1, &suffix_min, &suffix_nat, NULL, NULL);
  if (width < 0)
    {
      s.title_width = title_nat;
      s.suffix_width = suffix_nat;
    }
  else if (width >= title_min + SPACING_BESIDE + suffix_nat)
    {
      s.title_width = width - SPACING_BESIDE - suffix_nat;
      s.suffix_width = suffix_nat;
    }
  else
    {
      s.stacked = TRUE;
      s.suffix_width = width;
    }
  return s;
}

static GtkSizeRequestMode
vertebro_form_row_content_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
vertebro_form_row_content_measure (GtkWidget      *widget,
                                   GtkOrientation  orientation,
                                   int             for_size,
                                   int            *minimum,
                                   int            *natural,
                                   int            *minimum_baseline,
                                   int            *natural_baseline)
{
  VertebroFormRowContent *self = VERTEBRO_FORM_ROW_CONTENT (widget);
  gboolean has_suffixes = gtk_widget_should_layout (self->suffixes);
  int title_min = 0, title_nat = 0, suffix_min = 0, suffix_nat = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->title, orientation, -1, &title_min, &title_nat, NULL, NULL);
      if (has_suffixes)
        gtk_widget_measure (self->suffixes, orientation, -1, &suffix_min, &suffix_nat, NULL, NULL);
      *minimum = MAX (title_min, suffix_min);
      *natural = has_suffixes ? title_nat + SPACING_BESIDE + suffix_nat : title_nat;
    }
  else
    {
      Split s = split (self, for_size);

      gtk_widget_measure (self->title, orientation, s.title_width, &title_min, &title_nat, NULL, NULL);
      if (has_suffixes)
        gtk_widget_measure (self->suffixes, orientation, s.suffix_width, &suffix_min, &suffix_nat, NULL, NULL);
      if (s.stacked)
        {
          *minimum = title_min + SPACING_UNDER + suffix_min;
          *natural = title_nat + SPACING_UNDER + suffix_nat;
        }
      else
        {
          *minimum = MAX (title_min, suffix_min);
          *natural = MAX (title_nat, suffix_nat);
        }
    }
  *minimum_baseline = *natural_baseline = -1;
}

static void
vertebro_form_row_content_size_allocate (GtkWidget *widget,
                                         int        width,
                                         int        height,
                                         int        baseline)
{
  VertebroFormRowContent *self = VERTEBRO_FORM_ROW_CONTENT (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  Split s = split (self, width);
  int title_height;

  gtk_widget_measure (self->title, GTK_ORIENTATION_VERTICAL, s.title_width, NULL, &title_height, NULL, NULL);
  if (s.stacked)
    {
      int suffix_height;

      gtk_widget_measure (self->suffixes, GTK_ORIENTATION_VERTICAL, width, NULL, &suffix_height, NULL, NULL);
      title_height = MIN (title_height, height);
      gtk_widget_allocate (self->title, width, title_height, -1, NULL);
      gtk_widget_allocate (self->suffixes, width, MAX (height - title_height - SPACING_UNDER, 0), -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, title_height + SPACING_UNDER)));
      return;
    }

  /* Beside each other, each centred on the row's height. */
  title_height = MIN (title_height, height);
  gtk_widget_allocate (self->title, s.title_width, title_height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (rtl ? width - s.title_width : 0,
                                                                            (height - title_height) / 2)));
  if (gtk_widget_should_layout (self->suffixes))
    gtk_widget_allocate (self->suffixes, s.suffix_width, height, -1,
                         gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (rtl ? 0 : width - s.suffix_width, 0)));
}

static void
vertebro_form_row_content_dispose (GObject *object)
{
  VertebroFormRowContent *self = VERTEBRO_FORM_ROW_CONTENT (object);

  g_clear_pointer (&self->title, gtk_widget_unparent);
  g_clear_pointer (&self->suffixes, gtk_widget_unparent);

  G_OBJECT_CLASS (vertebro_form_row_content_parent_class)->dispose (object);
}

static void
vertebro_form_row_content_class_init (VertebroFormRowContentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vertebro_form_row_content_dispose;
  widget_class->get_request_mode = vertebro_form_row_content_get_request_mode;
  widget_class->measure = vertebro_form_row_content_measure;
  widget_class->size_allocate = vertebro_form_row_content_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "box");
}

static void
vertebro_form_row_content_init (VertebroFormRowContent *self)
{
  self->title = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  /* Whole words: the row puts the inputs under the title rather than
   * breaking one. */
  gtk_label_set_wrap_mode (GTK_LABEL (self->title), PANGO_WRAP_WORD);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_widget_add_css_class (self->title, "title");
  gtk_widget_set_parent (self->title, GTK_WIDGET (self));

  self->suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (self->suffixes, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->suffixes, FALSE);
  gtk_widget_set_parent (self->suffixes, GTK_WIDGET (self));
}

/* ---- The row ---- */

typedef struct
{
  VertebroFormRowContent *content;
  GtkWidget              *activatable;  /* weak */
  GtkWidget              *list;         /* weak: the list the row is in */
  gulong                  activated_id;
} VertebroFormRowPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (VertebroFormRow, vertebro_form_row, ADW_TYPE_PREFERENCES_ROW)

static void
update_title (VertebroFormRow *self)
{
  VertebroFormRowPrivate *priv = vertebro_form_row_get_instance_private (self);
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  gtk_label_set_text (GTK_LABEL (priv->content->title), title != NULL ? title : "");
}

/* A click on the row goes to its activatable widget, as in an action row. */
static void
on_row_activated (GtkListBox      *list,
                  GtkListBoxRow   *row,
                  VertebroFormRow *self)
{
  VertebroFormRowPrivate *priv = vertebro_form_row_get_instance_private (self);

  if (row == GTK_LIST_BOX_ROW (self) && priv->activatable != NULL)
    gtk_widget_mnemonic_activate (priv->activatable, FALSE);
}

static void
forget_list (VertebroFormRow *self)
{
  VertebroFormRowPrivate *priv = vertebro_form_row_get_instance_private (self);

  if (priv->list != NULL)
    g_clear_signal_handler (&priv->activated_id, priv->list);
  g_clear_weak_pointer (&priv->list);
}

static void
on_parent_changed (VertebroFormRow *self)
{
  VertebroFormRowPrivate *priv = vertebro_form_row_get_instance_private (self);
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  forget_list (self);
  if (GTK_IS_LIST_BOX (parent) && priv->activatable != NULL)
    {
      g_set_weak_pointer (&priv->list, parent);
      priv->activated_id = g_signal_connect (parent, "row-activated", G_CALLBACK (on_row_activated), self);
    }
}

static void
vertebro_form_row_dispose (GObject *object)
{
  VertebroFormRow *self = VERTEBRO_FORM_ROW (object);
  VertebroFormRowPrivate *priv = vertebro_form_row_get_instance_private (self);

  forget_list (self);
  g_clear_weak_pointer (&priv->activatable);

  G_OBJECT_CLASS (vertebro_form_row_parent_class)->dispose (object);
}

static void
vertebro_form_row_class_init (VertebroFormRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vertebro_form_row_dispose;
}

static void
vertebro_form_row_init (VertebroFormRow *self)
{
  VertebroFormRowPrivate *priv = vertebro_form_row_get_instance_private (self);

  priv->content = g_object_new (VERTEBRO_TYPE_FORM_ROW_CONTENT, NULL);
  gtk_widget_set_valign (GTK_WIDGET (priv->content), GTK_ALIGN_CENTER);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), GTK_WIDGET (priv->content));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "form-row");
  g_signal_connect (self, "notify::title", G_CALLBACK (update_title), NULL);
  g_signal_connect (self, "notify::parent", G_CALLBACK (on_parent_changed), NULL);
}

GtkWidget *
vertebro_form_row_new (void)
{
  return g_object_new (VERTEBRO_TYPE_FORM_ROW, NULL);
}

/**
 * vertebro_form_row_add_suffix:
 * @self: a row
 * @widget: an input, or what goes with one (its unit, a button)
 *
 * Adds @widget after the title, after those added before it.
 */
void
vertebro_form_row_add_suffix (VertebroFormRow *self,
                              GtkWidget       *widget)
{
  VertebroFormRowPrivate *priv = vertebro_form_row_get_instance_private (self);

  g_return_if_fail (VERTEBRO_IS_FORM_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (GTK_BOX (priv->content->suffixes), widget);
  gtk_widget_set_visible (priv->content->suffixes, TRUE);
}

/**
 * vertebro_form_row_set_activatable_widget:
 * @self: a row
 * @widget: (nullable): what a click on the row activates (its entry)
 */
void
vertebro_form_row_set_activatable_widget (VertebroFormRow *self,
                                          GtkWidget       *widget)
{
  VertebroFormRowPrivate *priv = vertebro_form_row_get_instance_private (self);

  g_return_if_fail (VERTEBRO_IS_FORM_ROW (self));

  g_set_weak_pointer (&priv->activatable, widget);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), widget != NULL);
  on_parent_changed (self);
}
