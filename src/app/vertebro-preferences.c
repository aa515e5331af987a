/* vertebro-preferences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences: who the assessments and decisions are by, the institution
 * printed on the summary, the department's contact line for the patient's
 * leaflet, and the units lab values are typed in. Every row is bound to
 * its GSettings key, so a change is kept at once.
 */

#define G_LOG_DOMAIN "vertebro-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "vertebro-preferences.h"

typedef struct {
  const char *key;
  const char *values[3];   /* the key's choices, in the combo row's order */
} UnitKey;

static const UnitKey platelet_unit = { "platelet-unit", { "10e9-per-litre", "per-microlitre", NULL } };
static const UnitKey creatinine_unit = { "creatinine-unit", { "micromol-per-litre", "mg-per-decilitre", NULL } };

static gboolean
unit_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  data)
{
  const UnitKey *unit = data;
  const char *choice = g_variant_get_string (variant, NULL);

  for (guint i = 0; unit->values[i] != NULL; i++)
    if (g_str_equal (choice, unit->values[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
selected_to_unit (const GValue       *value,
                  const GVariantType *type,
                  gpointer            data)
{
  const UnitKey *unit = data;
  guint selected = g_value_get_uint (value);

  return selected < 2 ? g_variant_new_string (unit->values[selected]) : NULL;
}

static void
add_entry (AdwPreferencesGroup *group,
           GSettings           *settings,
           const char          *key,
           const char          *title,
           const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = gtk_entry_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  g_settings_bind (settings, key, entry, "text", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (group, row);
}

static void
add_unit (AdwPreferencesGroup *group,
          GSettings           *settings,
          const UnitKey       *unit,
          const char          *title,
          const char * const  *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_settings_bind_with_mapping (settings, unit->key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                unit_to_selected, selected_to_unit, (gpointer) unit, NULL);
  adw_preferences_group_add (group, row);
}

/**
 * vertebro_preferences_new:
 * @parent: the window it is opened from
 * @settings: the app's settings
 *
 * Returns: (transfer full): the Preferences window, not yet shown
 */
GtkWindow *
vertebro_preferences_new (GtkWindow *parent,
                          GSettings *settings)
{
  AdwPreferencesWindow *window = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *people = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *units = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  static const char * const platelet_labels[] = { "×10⁹/L", "/µL", NULL };
  static const char * const creatinine_labels[] = { "µmol/L", "mg/dL", NULL };

  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  adw_preferences_window_set_search_enabled (window, FALSE);

  adw_preferences_group_set_title (people, _("Clinician and Department"));
  add_entry (people, settings, "default-clinician", _("Clinician"),
             _("Who new assessments, decisions and saves are by"));
  add_entry (people, settings, "institution-name", _("Institution"),
             _("Printed at the top of the PDF summary"));
  add_entry (people, settings, "department-contact", _("Department contact"),
             _("The phone number or address on the patient's leaflet"));
  adw_preferences_page_add (page, people);

  adw_preferences_group_set_title (units, _("Units"));
  adw_preferences_group_set_description (units, _("The unit a lab value is typed in; files always store /µL and µmol/L."));
  add_unit (units, settings, &platelet_unit, _("Platelets"), platelet_labels);
  add_unit (units, settings, &creatinine_unit, _("Serum creatinine"), creatinine_labels);
  adw_preferences_page_add (page, units);

  adw_preferences_window_add (window, page);
  return GTK_WINDOW (window);
}
