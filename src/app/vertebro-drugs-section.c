/* vertebro-drugs-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form's section of antithrombotics: the question whether the patient
 * takes one, then each drug listed with how long it will have been withheld
 * (or, for one the rule set has no hold for, its name and whether its
 * interruption was agreed), and a menu of the drugs to add.
 *
 * The group and its menu button stay while the list changes: only the rows
 * and the menu's items are made again. (GTK 4.8 reports a critical from
 * gdk_surface_get_device_position() when a menu button is destroyed with its
 * popover just after an item of its menu was chosen.)
 */

#define G_LOG_DOMAIN "vertebro-form"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "vertebro-drugs-section.h"
#include "vertebro-form-row.h"
#include "vertebro-form-private.h"

struct _VertebroDrugsSection
{
  AdwPreferencesGroup  parent_instance;

  GtkWidget           *add_button;
  GMenu               *add_menu;

  VertebroForm        *form;     /* unowned: the form holds the section */
  GPtrArray           *rows;     /* VertebroFieldRow: the question, then each drug's */
};

G_DEFINE_FINAL_TYPE (VertebroDrugsSection, vertebro_drugs_section, ADW_TYPE_PREFERENCES_GROUP)

static void rebuild (VertebroDrugsSection *self);

static VertebroPatient *
patient_of (VertebroDrugsSection *self)
{
  return vertebro_form_get_patient (self->form);
}

static VertebroFieldRow *
add_row (VertebroDrugsSection *self,
         GObject              *target,
         const VertebroField  *field,
         const char           *path,
         const char           *label)
{
  VertebroFieldRow *row = vertebro_field_row_new (self->form, GTK_WIDGET (self), target, field, path, label);

  g_ptr_array_add (self->rows, row);
  return row;
}

static void
on_remove_clicked (GtkButton            *button,
                   VertebroDrugsSection *self)
{
  /* The answer stays yes: the clinician says "no" once the list is empty. */
  vertebro_patient_remove_antithrombotic (patient_of (self), GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
  rebuild (self);
  gtk_widget_grab_focus (self->add_button);
}

/* A remove button at the end of @row, for the @index-th drug. */
static void
add_remove_button (VertebroDrugsSection *self,
                   VertebroFieldRow     *row,
                   guint                 index,
                   const char           *name)
{
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* Translators: %s is a drug’s name; the accessible name of a remove button. */
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), name);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  vertebro_form_row_add_suffix (VERTEBRO_FORM_ROW (row->row), remove);
}

/* A tabulated drug: how long it will have been withheld, in its unit, with
 * "no interruption planned yet" while nothing is entered. */
static void
add_held_row (VertebroDrugsSection   *self,
              VertebroAntithrombotic *drug,
              guint                   index)
{
  const VertebroField *drug_field = vertebro_fields_lookup (VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.drug");
  const VertebroField *held_field = vertebro_fields_lookup (VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.held");
  VertebroRuleset *rules = vertebro_form_get_rules (self->form);
  const char *id = vertebro_antithrombotic_get_drug (drug);
  const char *name = vertebro_field_choice_label (drug_field, id);
  gboolean doses = rules != NULL && vertebro_ruleset_get_drug_unit (rules, id) == VERTEBRO_HOLD_UNIT_DOSES;
  g_autofree char *path = g_strdup_printf ("antithrombotics[%u].held", index);
  /* Translators: "Clopidogrel: days withheld before the procedure", in days or in doses. */
  g_autofree char *label = g_strdup_printf (doses ? _("%s: doses withheld before the procedure")
                                                  /* Translators: %s is a drug’s name. */
                                                  : _("%s: days withheld before the procedure"),
                                            name);
  VertebroFieldRow *row = add_row (self, G_OBJECT (drug), held_field, path, label);
  /* Translators: the unit beside the number of a drug's hold. */
  GtkWidget *unit = gtk_label_new (doses ? _("doses") : _("days"));

  row->unit_label = g_strdup (gtk_label_get_text (GTK_LABEL (unit)));
  gtk_widget_add_css_class (unit, "dim-label");
  /* Before the remove button, after the number it measures. */
  vertebro_form_row_add_suffix (VERTEBRO_FORM_ROW (row->row), unit);
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->focus), _("no interruption planned yet"));
  add_remove_button (self, row, index, name);
}

/* An antithrombotic the rule set has no hold for: its name, and whether
 * its interruption was agreed with the prescriber or a haematologist. */
static void
add_other_rows (VertebroDrugsSection   *self,
                VertebroAntithrombotic *drug,
                guint                   index)
{
  const VertebroField *name_field = vertebro_fields_lookup (VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.name");
  const VertebroField *agreed_field = vertebro_fields_lookup (VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.hold_agreed");
  const char *name = vertebro_antithrombotic_get_name (drug);
  /* Translators: an antithrombotic whose name is still to be typed; %u counts from 1. */
  g_autofree char *shown = name != NULL ? g_strdup (name) : g_strdup_printf (_("Other antithrombotic %u"), index + 1);
  g_autofree char *name_path = g_strdup_printf ("antithrombotics[%u].name", index);
  g_autofree char *agreed_path = g_strdup_printf ("antithrombotics[%u].hold_agreed", index);
  /* Translators: the name of an antithrombotic the rule set has no entry for. */
  g_autofree char *name_label = g_strdup_printf (_("%s: name of the medicine"), shown);
  /* Translators: %s is a medicine; whether its interruption before the procedure was agreed. */
  g_autofree char *agreed_label = g_strdup_printf (_("%s: interruption agreed with the prescriber"), shown);
  VertebroFieldRow *row;

  row = add_row (self, G_OBJECT (drug), name_field, name_path, name_label);
  if (name == NULL)
    vertebro_field_row_set_invalid (row, _("Name the medicine"));
  add_remove_button (self, row, index, shown);
  add_row (self, G_OBJECT (drug), agreed_field, agreed_path, agreed_label);
}

/* The menu offers each tabulated drug not listed yet, and "other" always,
 * as often as needed. Its items are replaced, never its button. */
static void
fill_menu (VertebroDrugsSection *self)
{
  const VertebroField *drug_field = vertebro_fields_lookup (VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.drug");
  GListModel *drugs = vertebro_patient_get_antithrombotics (patient_of (self));
  guint n = g_list_model_get_n_items (drugs);

  g_menu_remove_all (self->add_menu);
  for (guint i = 0; drug_field->choices[i].value != NULL; i++)
    {
      gboolean listed = FALSE;

      for (guint j = 0; j < n && !listed; j++)
        {
          g_autoptr(VertebroAntithrombotic) drug = g_list_model_get_item (drugs, j);
          listed = !vertebro_antithrombotic_is_other (drug) &&
                   g_str_equal (vertebro_antithrombotic_get_drug (drug), drug_field->choices[i].value);
        }
      if (!listed)
        {
          g_autofree char *action = g_strdup_printf ("form.add-drug('%s')", drug_field->choices[i].value);
          g_menu_append (self->add_menu, _(drug_field->choices[i].label), action);
        }
    }
}

/* Listing a drug answers "takes antithrombotics" with yes, and "no" cannot
 * be chosen while one is listed (the file would be refused). */
static void
sync_on_antithrombotics (VertebroDrugsSection *self)
{
  guint n = g_list_model_get_n_items (vertebro_patient_get_antithrombotics (patient_of (self)));

  for (guint i = 0; i < self->rows->len; i++)
    {
      VertebroFieldRow *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (row->path, "history.on_antithrombotics"))
        gtk_widget_set_sensitive (row->toggles[1], n == 0);
    }
}

static void
clear_rows (VertebroDrugsSection *self)
{
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      VertebroFieldRow *row = g_ptr_array_index (self->rows, i);

      g_ptr_array_add (widgets, row->row);
      g_ptr_array_add (widgets, row->message_row);
    }
  /* The rows first, as the form does; the group then lets their widgets go. */
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < widgets->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (widgets, i));
}

static void
rebuild (VertebroDrugsSection *self)
{
  VertebroPatient *patient = patient_of (self);
  GListModel *drugs = vertebro_patient_get_antithrombotics (patient);
  guint n = g_list_model_get_n_items (drugs);

  clear_rows (self);
  fill_menu (self);

  /* First the question, which an empty list never answers by itself. */
  add_row (self, G_OBJECT (patient), vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, "history.on_antithrombotics"),
           "history.on_antithrombotics", NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VertebroAntithrombotic) drug = g_list_model_get_item (drugs, i);

      if (vertebro_antithrombotic_is_other (drug))
        add_other_rows (self, drug, i);
      else
        add_held_row (self, drug, i);
    }
  sync_on_antithrombotics (self);

  vertebro_form_show_assessment_again (self->form);
}

/**
 * vertebro_drugs_section_add:
 * @self: the antithrombotics section
 * @drug_id: the drug’s id in the field table ("apixaban", "other")
 *
 * Lists @drug, answers whether one is taken with yes, and moves the focus
 * to the new entry's first field. What choosing it in the menu does.
 */
void
vertebro_drugs_section_add (VertebroDrugsSection *self,
                            const char           *drug_id)
{
  VertebroPatient *patient = patient_of (self);
  g_autoptr(VertebroAntithrombotic) drug = NULL;

  g_return_if_fail (VERTEBRO_IS_DRUGS_SECTION (self));

  drug = vertebro_antithrombotic_new (drug_id, NAN);
  vertebro_patient_add_antithrombotic (patient, drug);
  /* Listing a drug answers the question whether one is taken. */
  vertebro_patient_set_answer (patient, "history.on_antithrombotics", VERTEBRO_ANSWER_YES);
  rebuild (self);
  /* The new entry's first field: the name of an "other" medicine, or how
   * long a tabulated one is withheld. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      VertebroFieldRow *row = g_ptr_array_index (self->rows, i);

      if (row->target == G_OBJECT (drug))
        {
          vertebro_form_focus_new_row (self->form, row, NULL);
          break;
        }
    }
}

/**
 * vertebro_drugs_section_get_rows:
 * @self: the antithrombotics section
 *
 * Returns: (transfer none) (element-type VertebroFieldRow): the rows of the
 *   section's fields, in order
 */
GPtrArray *
vertebro_drugs_section_get_rows (VertebroDrugsSection *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DRUGS_SECTION (self), NULL);

  return self->rows;
}

static void
vertebro_drugs_section_dispose (GObject *object)
{
  VertebroDrugsSection *self = VERTEBRO_DRUGS_SECTION (object);

  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERTEBRO_TYPE_DRUGS_SECTION);

  G_OBJECT_CLASS (vertebro_drugs_section_parent_class)->dispose (object);
}

static void
vertebro_drugs_section_finalize (GObject *object)
{
  VertebroDrugsSection *self = VERTEBRO_DRUGS_SECTION (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (vertebro_drugs_section_parent_class)->finalize (object);
}

static void
vertebro_drugs_section_class_init (VertebroDrugsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vertebro_drugs_section_dispose;
  object_class->finalize = vertebro_drugs_section_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/vertebro-drugs-section.ui");
  gtk_widget_class_bind_template_child (widget_class, VertebroDrugsSection, add_button);
  gtk_widget_class_bind_template_child (widget_class, VertebroDrugsSection, add_menu);
}

static void
vertebro_drugs_section_init (VertebroDrugsSection *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_field_row_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vertebro_drugs_section_new:
 * @form: the form the section is part of, which holds the patient
 *
 * Returns: (transfer floating): the section, showing the patient's drugs
 */
GtkWidget *
vertebro_drugs_section_new (VertebroForm *form)
{
  VertebroDrugsSection *self = g_object_new (VERTEBRO_TYPE_DRUGS_SECTION, NULL);

  self->form = form;
  rebuild (self);
  return GTK_WIDGET (self);
}
