/* vertebro-levels-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form's section of fracture levels: an expander row for each level with
 * the level's fields, a button to add a level and one on each level to
 * remove it. The group and its add button stay while the levels change: only
 * the rows of the levels are made again.
 */

#define G_LOG_DOMAIN "vertebro-form"

#include "config.h"

#include <glib/gi18n.h>

#include "vertebro-form-private.h"
#include "vertebro-levels-section.h"

struct _VertebroLevelsSection
{
  AdwPreferencesGroup  parent_instance;

  GtkWidget           *add_button;
  GtkWidget           *empty_row;

  VertebroForm        *form;       /* unowned: the form holds the section */
  GPtrArray           *rows;       /* VertebroFieldRow of every level */
  GPtrArray           *expanders;  /* one for each level */
};

G_DEFINE_FINAL_TYPE (VertebroLevelsSection, vertebro_levels_section, ADW_TYPE_PREFERENCES_GROUP)

static void rebuild (VertebroLevelsSection *self);

static VertebroPatient *
patient_of (VertebroLevelsSection *self)
{
  return vertebro_form_get_patient (self->form);
}

static void
on_add_clicked (VertebroLevelsSection *self)
{
  VertebroPatient *patient = patient_of (self);
  g_autoptr(VertebroLevel) level = NULL;
  GtkWidget *expander;

  if (g_list_model_get_n_items (vertebro_patient_get_levels (patient)) >= VERTEBRO_PATIENT_MAX_LEVELS)
    return;
  /* No vertebra is pre-filled (see the level's fields in
   * src/core/vertebro-fields.c): until the clinician chooses it, it is
   * "Level N" and listed under "To complete". */
  level = vertebro_level_new (NULL);
  vertebro_patient_add_level (patient, level);
  rebuild (self);
  if (self->expanders->len == 0)
    return;

  expander = g_ptr_array_index (self->expanders, self->expanders->len - 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  /* The focus goes on to the new level's first field, its vertebra, shown
   * under the level's heading. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      VertebroFieldRow *row = g_ptr_array_index (self->rows, i);

      if (row->expander == expander)
        {
          vertebro_form_focus_new_row (self->form, row, expander);
          break;
        }
    }
}

static void
on_remove_clicked (GtkButton             *button,
                   VertebroLevelsSection *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  vertebro_patient_remove_level (patient_of (self), index);
  rebuild (self);
  gtk_widget_grab_focus (self->add_button);
}

/* Every label of a level — its heading, its remove button, the accessible
 * names of its inputs — names its vertebra, or "Level N" while none is
 * chosen; they follow a new choice at once. */
static void
label_level (VertebroLevelsSection *self,
             guint                  index,
             VertebroLevel         *level)
{
  GtkWidget *expander = g_ptr_array_index (self->expanders, index);
  GtkWidget *remove = g_object_get_data (G_OBJECT (expander), "remove");
  const char *vertebra = vertebro_level_get_level (level);
  /* Translators: %u counts the levels from 1; the title of a level whose vertebra is not chosen. */
  g_autofree char *name = vertebra != NULL ? g_strdup (vertebra) : g_strdup_printf (_("Level %u"), index + 1);
  /* Translators: %s is a vertebra such as “T12”; the title of a treated level. */
  g_autofree char *title = vertebra != NULL ? g_strdup_printf (_("Level %s"), vertebra) : g_strdup (name);
  /* Translators: %s is a vertebra such as "T12"; the accessible name of a remove button. */
  g_autofree char *remove_label = vertebra != NULL ? g_strdup_printf (_("Remove level %s"), vertebra)
                                                   /* Translators: %s is “Level 2”, a level whose vertebra is not chosen. */
                                                   : g_strdup_printf (_("Remove %s"), title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);

  for (guint i = 0; i < self->rows->len; i++)
    {
      VertebroFieldRow *row = g_ptr_array_index (self->rows, i);
      g_autofree char *label = NULL;

      if (row->expander != expander)
        continue;
      /* Translators: a level and a field, "T12: Collapse"; the level may be "Level 2". */
      label = g_strdup_printf (_("%s: %s"), name, _(row->field->label));
      vertebro_field_row_set_label (row, label);
    }
}

static void
on_level_chosen (VertebroLevel         *level,
                 GParamSpec            *pspec,
                 VertebroLevelsSection *self)
{
  guint index;

  if (g_list_store_find (G_LIST_STORE (vertebro_patient_get_levels (patient_of (self))), level, &index) &&
      index < self->expanders->len)
    label_level (self, index, level);
}

static void
clear_levels (VertebroLevelsSection *self)
{
  g_autoptr(GPtrArray) expanders = g_ptr_array_copy (self->expanders, NULL, NULL);

  /* The rows first, as the form does: their widgets go with the expanders. */
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->expanders, 0);
  for (guint i = 0; i < expanders->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (expanders, i));
}

static void
rebuild (VertebroLevelsSection *self)
{
  GListModel *levels = vertebro_patient_get_levels (patient_of (self));
  guint n = g_list_model_get_n_items (levels);
  guint n_fields;
  const VertebroField *fields = vertebro_fields_get (VERTEBRO_RECORD_LEVEL, &n_fields);

  clear_levels (self);
  gtk_widget_set_sensitive (self->add_button, n < VERTEBRO_PATIENT_MAX_LEVELS);
  gtk_widget_set_visible (self->empty_row, n == 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VertebroLevel) level = g_list_model_get_item (levels, i);
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
      /* Its subtitle is the level's verdict: not dimmed. */
      gtk_widget_add_css_class (expander, "verdict-words");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (expander), "remove", remove);
      g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), expander);
      g_ptr_array_add (self->expanders, expander);

      for (guint f = 0; f < n_fields; f++)
        {
          g_autofree char *path = g_strdup_printf ("levels[%u].%s", i, fields[f].member);
          VertebroFieldRow *row = vertebro_field_row_new (self->form, expander, G_OBJECT (level), &fields[f], path, NULL);

          row->expander = expander;
          g_ptr_array_add (self->rows, row);
        }
      label_level (self, i, level);
      g_signal_handlers_disconnect_by_func (level, on_level_chosen, self);
      g_signal_connect_object (level, "notify::level", G_CALLBACK (on_level_chosen), self, 0);
    }

  vertebro_form_show_assessment_again (self->form);
}

/* Gives an expander row's header, which is what takes the keyboard focus, an
 * accessible description, so that a screen reader reads the subtitle (a
 * level's verdict) with the title.
 * libadwaita 1.2 has no API for the header: it is the first action row
 * inside the expander row; if there is none, nothing is done.
 */
static void
expander_row_describe (AdwExpanderRow *row,
                       const char     *description)
{
  GtkWidget *header = GTK_WIDGET (row);

  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));

  while (header != NULL && !ADW_IS_ACTION_ROW (header))
    {
      GtkWidget *next = gtk_widget_get_first_child (header);

      /* Depth first: the header comes before the rows added to the row. */
      while (next == NULL && header != GTK_WIDGET (row))
        {
          next = gtk_widget_get_next_sibling (header);
          if (next == NULL)
            header = gtk_widget_get_parent (header);
        }
      header = next;
    }
  if (header != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/**
 * vertebro_levels_section_show_assessment:
 * @self: the levels section
 * @assessment: the patient's current assessment
 *
 * Shows each level's verdict and Genant grade under its heading.
 */
void
vertebro_levels_section_show_assessment (VertebroLevelsSection *self,
                                         VertebroAssessment    *assessment)
{
  g_return_if_fail (VERTEBRO_IS_LEVELS_SECTION (self));

  for (guint i = 0; i < self->expanders->len && i < vertebro_assessment_get_n_levels (assessment); i++)
    {
      GtkWidget *expander = g_ptr_array_index (self->expanders, i);
      int genant = vertebro_assessment_get_level_genant (assessment, i);
      const char *verdict = vertebro_verdict_get_label (vertebro_assessment_get_level_verdict (assessment, i));
      g_autofree char *subtitle = NULL;

      if (genant >= 0)
        /* Translators: a level's verdict and its Genant grade. */
        subtitle = g_strdup_printf (_("%s · Genant grade %d"), verdict, genant);
      else
        subtitle = g_strdup (verdict);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      expander_row_describe (ADW_EXPANDER_ROW (expander), subtitle);
    }
}

/**
 * vertebro_levels_section_get_rows:
 * @self: the levels section
 *
 * Returns: (transfer none) (element-type VertebroFieldRow): the rows of
 *   every level's fields, level by level
 */
GPtrArray *
vertebro_levels_section_get_rows (VertebroLevelsSection *self)
{
  g_return_val_if_fail (VERTEBRO_IS_LEVELS_SECTION (self), NULL);

  return self->rows;
}

/* The answer to "To complete: Fracture level": the button that adds one. */
gboolean
vertebro_levels_section_focus_add (VertebroLevelsSection *self)
{
  g_return_val_if_fail (VERTEBRO_IS_LEVELS_SECTION (self), FALSE);

  return gtk_widget_grab_focus (self->add_button);
}

static void
vertebro_levels_section_dispose (GObject *object)
{
  VertebroLevelsSection *self = VERTEBRO_LEVELS_SECTION (object);

  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->expanders, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERTEBRO_TYPE_LEVELS_SECTION);

  G_OBJECT_CLASS (vertebro_levels_section_parent_class)->dispose (object);
}

static void
vertebro_levels_section_finalize (GObject *object)
{
  VertebroLevelsSection *self = VERTEBRO_LEVELS_SECTION (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->expanders, g_ptr_array_unref);

  G_OBJECT_CLASS (vertebro_levels_section_parent_class)->finalize (object);
}

static void
vertebro_levels_section_class_init (VertebroLevelsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vertebro_levels_section_dispose;
  object_class->finalize = vertebro_levels_section_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/vertebro-levels-section.ui");
  gtk_widget_class_bind_template_child (widget_class, VertebroLevelsSection, add_button);
  gtk_widget_class_bind_template_child (widget_class, VertebroLevelsSection, empty_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
}

static void
vertebro_levels_section_init (VertebroLevelsSection *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_field_row_free);
  self->expanders = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vertebro_levels_section_new:
 * @form: the form the section is part of, which holds the patient
 *
 * Returns: (transfer floating): the section, showing the patient's levels
 */
GtkWidget *
vertebro_levels_section_new (VertebroForm *form)
{
  VertebroLevelsSection *self = g_object_new (VERTEBRO_TYPE_LEVELS_SECTION, NULL);

  self->form = form;
  rebuild (self);
  return GTK_WIDGET (self);
}
