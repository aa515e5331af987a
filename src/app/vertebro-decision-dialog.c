/* vertebro-decision-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Record Decision…": what the clinician or the multidisciplinary team
 * decided after the assessment — the outcome, the levels to treat, when,
 * by whom, in a meeting or not, and why. A decision against the assessment
 * says so plainly, in words and with an icon, and cannot be recorded
 * without a reason. The decision never changes the verdict: the window
 * shows both side by side.
 *
 * What is valid is the core's to say (vertebro_decision_check ()): the
 * dialog builds the decision as the file will hold it and asks.
 */

#define G_LOG_DOMAIN "vertebro-decision-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vertebro-decision-dialog.h"

struct _VertebroDecisionDialog
{
  AdwWindow           parent_instance;

  VertebroPatient    *patient;
  VertebroAssessment *assessment;

  GtkWidget          *record;
  GtkWidget          *against;       /* the warning, shown when against the assessment */
  GtkWidget          *against_label;
  GtkWidget          *problem;
  GtkWidget          *outcome;
  GtkWidget          *date;
  GtkWidget          *by;
  GtkWidget          *mdt;
  GtkWidget          *attendees;
  GtkWidget          *reason;
  GPtrArray          *level_checks;  /* GtkCheckButton, the vertebra in "level" */

  JsonObject         *decision;      /* as it stands, or NULL when not valid */
  gboolean            is_against;
  char               *problem_text;
};

G_DEFINE_FINAL_TYPE (VertebroDecisionDialog, vertebro_decision_dialog, ADW_TYPE_WINDOW)

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const outcomes[] = {
  VERTEBRO_DECISION_PROCEED, VERTEBRO_DECISION_DO_NOT_PROCEED, VERTEBRO_DECISION_DEFER,
};

static const char *
entry_text (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static void
set_string_or_null (JsonObject *object,
                    const char *member,
                    const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped != '\0')
    json_object_set_string_member (object, member, text);
  else
    json_object_set_null_member (object, member);
}

/* Builds the decision from the inputs and says what, if anything, keeps it
 * from being recorded. */
static void
update (VertebroDecisionDialog *self)
{
  g_autoptr(JsonObject) decision = json_object_new ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) level_names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  JsonArray *levels = json_array_new ();
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->outcome));
  VertebroField date_field = { .path = "decision.date", .label = N_("Date"), .kind = VERTEBRO_FIELD_DATE };
  GDate date, today;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  json_object_set_string_member (decision, "outcome", outcomes[MIN (selected, G_N_ELEMENTS (outcomes) - 1)]);
  for (guint i = 0; i < self->level_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->level_checks, i);
      const char *name = g_object_get_data (G_OBJECT (check), "level");

      g_strv_builder_add (names, name);
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        json_array_add_string_element (levels, name);
    }
  json_object_set_array_member (decision, "levels", levels);
  if (vertebro_input_parse_date (&date_field, entry_text (self->date), &date, &message) == VERTEBRO_INPUT_VALID)
    {
      g_autofree char *iso = vertebro_format_date (&date, VERTEBRO_TEXT_PORTABLE);

      json_object_set_string_member (decision, "date", iso);
    }
  json_object_set_string_member (decision, "by", entry_text (self->by));
  json_object_set_boolean_member (decision, "mdt", gtk_switch_get_active (GTK_SWITCH (self->mdt)));
  set_string_or_null (decision, "attendees", entry_text (self->attendees));
  set_string_or_null (decision, "reason", entry_text (self->reason));
  json_object_set_string_member (decision, "verdict",
                                 vertebro_verdict_to_string (vertebro_assessment_get_verdict (self->assessment)));

  self->is_against = vertebro_decision_is_against (decision, self->assessment);
  gtk_widget_set_visible (self->against, self->is_against);
  if (self->is_against)
    {
      /* Translators: %s is the verdict, such as “Not ready”. */
      g_autofree char *text = g_strdup_printf (_("This decision goes against the assessment, whose verdict is “%s”. "
                                                 "Say why in the reason: it is required."),
                                               vertebro_verdict_get_label (vertebro_assessment_get_verdict (self->assessment)));

      gtk_label_set_text (GTK_LABEL (self->against_label), text);
    }

  level_names = g_strv_builder_end (names);
  g_clear_pointer (&self->problem_text, g_free);
  g_clear_pointer (&self->decision, json_object_unref);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
  if (message != NULL)
    self->problem_text = g_steal_pointer (&message);
  else if (!vertebro_decision_check (decision, (const char * const *) level_names, &today, &error))
    self->problem_text = g_strdup (error->message);
  else if (self->is_against && json_object_get_null_member (decision, "reason"))
    self->problem_text = g_strdup (_("A decision against the assessment needs a reason."));
  else
    self->decision = json_object_ref (decision);

  gtk_label_set_text (GTK_LABEL (self->problem), self->problem_text != NULL ? self->problem_text : "");
  gtk_widget_set_visible (self->problem, self->problem_text != NULL);
  gtk_widget_set_sensitive (self->record, self->decision != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->record), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->problem_text != NULL ? self->problem_text : "", -1);
}

static GtkWidget *
entry_row (AdwPreferencesGroup *group,
           const char          *title,
           GtkWidget          **entry)
{
  GtkWidget *row = adw_action_row_new ();

  *entry = gtk_entry_new ();
  gtk_widget_set_valign (*entry, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (*entry, TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), *entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), *entry);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*entry), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_group_add (group, row);
  return row;
}

static void
on_record_clicked (VertebroDecisionDialog *self)
{
  vertebro_decision_dialog_record (self);
}

static void
vertebro_decision_dialog_dispose (GObject *object)
{
  VertebroDecisionDialog *self = VERTEBRO_DECISION_DIALOG (object);

  g_clear_object (&self->patient);
  g_clear_pointer (&self->assessment, vertebro_assessment_unref);
  g_clear_pointer (&self->decision, json_object_unref);
  g_clear_pointer (&self->level_checks, g_ptr_array_unref);
  g_clear_pointer (&self->problem_text, g_free);

  G_OBJECT_CLASS (vertebro_decision_dialog_parent_class)->dispose (object);
}

static void
vertebro_decision_dialog_class_init (VertebroDecisionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vertebro_decision_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /**
   * VertebroDecisionDialog::recorded:
   * @decision: the decision, valid, as the file will hold it
   *
   * Emitted when the clinician records the decision.
   */
  signals[RECORDED] = g_signal_new ("recorded",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, JSON_TYPE_OBJECT);
}

static void
vertebro_decision_dialog_init (VertebroDecisionDialog *self)
{
  self->level_checks = g_ptr_array_new ();
}

/* Builds the inputs for @patient; @default_by is who decides unless
 * changed (the clinician in Preferences). An existing decision is shown to
 * be changed. */
static void
build (VertebroDecisionDialog *self,
       const char             *default_by)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  AdwPreferencesGroup *what = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *levels = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *who = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *why = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) outcome_model = gtk_string_list_new (NULL);
  JsonObject *old = vertebro_patient_get_decision (self->patient);
  const char * const *qualifying = vertebro_assessment_get_qualifying_levels (self->assessment);
  GListModel *patient_levels = vertebro_patient_get_levels (self->patient);
  GtkWidget *mdt_row = adw_action_row_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;
  g_autofree char *today_text = NULL;

  gtk_window_set_title (GTK_WINDOW (self), _("Record Decision"));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->record = gtk_button_new_with_mnemonic (_("_Record"));
  gtk_widget_add_css_class (self->record, "suggested-action");
  g_signal_connect_swapped (self->record, "clicked", G_CALLBACK (on_record_clicked), self);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->record);
  gtk_box_append (GTK_BOX (toolbar), header);

  /* Against the assessment: an icon and words, never colour alone. */
  self->against = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->against_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->against_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->against_label), 0);
  gtk_widget_add_css_class (self->against, "card");
  gtk_widget_add_css_class (self->against_label, "heading");
  gtk_widget_set_margin_start (icon, 12);
  gtk_widget_set_margin_top (self->against_label, 12);
  gtk_widget_set_margin_bottom (self->against_label, 12);
  gtk_widget_set_margin_end (self->against_label, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
  gtk_box_append (GTK_BOX (self->against), icon);
  gtk_box_append (GTK_BOX (self->against), self->against_label);
  gtk_box_append (GTK_BOX (page), self->against);

  adw_preferences_group_set_title (what, _("Decision"));
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    gtk_string_list_append (outcome_model, vertebro_decision_outcome_label (outcomes[i]));
  self->outcome = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->outcome), _("Outcome"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->outcome), G_LIST_MODEL (outcome_model));
  adw_preferences_group_add (what, self->outcome);
  entry_row (what, _("Date"), &self->date);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
  today_text = vertebro_input_format_date (&today);
  gtk_editable_set_text (GTK_EDITABLE (self->date), today_text);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (what));

  adw_preferences_group_set_title (levels, _("Levels to Treat"));
  for (guint i = 0; i < g_list_model_get_n_items (patient_levels); i++)
    {
      g_autoptr(VertebroLevel) level = g_list_model_get_item (patient_levels, i);
      const char *name = vertebro_level_get_level (level);
      GtkWidget *row, *check;

      if (name == NULL)
        continue;
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (check), "level", g_strdup (name), g_free);
      /* The levels that qualify are offered ticked. */
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), qualifying != NULL && g_strv_contains (qualifying, name));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update), self);
      adw_preferences_group_add (levels, row);
      g_ptr_array_add (self->level_checks, check);
    }
  if (self->level_checks->len == 0)
    adw_preferences_group_set_description (levels, _("No level's vertebra has been chosen yet."));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (levels));

  adw_preferences_group_set_title (who, _("Who Decided"));
  entry_row (who, _("Decided by"), &self->by);
  gtk_editable_set_text (GTK_EDITABLE (self->by), default_by != NULL ? default_by : "");
  self->mdt = gtk_switch_new ();
  gtk_widget_set_valign (self->mdt, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (mdt_row), _("Decided in a multidisciplinary meeting"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (mdt_row), self->mdt);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (mdt_row), self->mdt);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mdt), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Decided in a multidisciplinary meeting"), -1);
  adw_preferences_group_add (who, mdt_row);
  entry_row (who, _("Attendees"), &self->attendees);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (who));

  adw_preferences_group_set_title (why, _("Reason"));
  entry_row (why, _("Why"), &self->reason);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (why));

  self->problem = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->problem), 0);
  gtk_widget_add_css_class (self->problem, "error");
  gtk_box_append (GTK_BOX (page), self->problem);

  /* A decision recorded before is shown, to be changed. */
  if (old != NULL)
    {
      const char *outcome = json_object_get_string_member_with_default (old, "outcome", NULL);

      for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
        if (g_strcmp0 (outcome, outcomes[i]) == 0)
          adw_combo_row_set_selected (ADW_COMBO_ROW (self->outcome), i);
      gtk_editable_set_text (GTK_EDITABLE (self->by), json_object_get_string_member_with_default (old, "by", ""));
      gtk_editable_set_text (GTK_EDITABLE (self->attendees), json_object_get_string_member_with_default (old, "attendees", ""));
      gtk_editable_set_text (GTK_EDITABLE (self->reason), json_object_get_string_member_with_default (old, "reason", ""));
      gtk_switch_set_active (GTK_SWITCH (self->mdt), json_object_get_boolean_member_with_default (old, "mdt", FALSE));
    }

  g_signal_connect_swapped (self->outcome, "notify::selected", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->date, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->by, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->mdt, "notify::active", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->attendees, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->reason, "changed", G_CALLBACK (update), self);

  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
  update (self);
}

/**
 * vertebro_decision_dialog_new:
 * @parent: the patient's window
 * @patient: the patient
 * @assessment: its current assessment
 * @default_by: (nullable): who decides, unless changed
 *
 * Returns: (transfer full): the dialog, not yet shown
 */
VertebroDecisionDialog *
vertebro_decision_dialog_new (GtkWindow          *parent,
                              VertebroPatient    *patient,
                              VertebroAssessment *assessment,
                              const char         *default_by)
{
  VertebroDecisionDialog *self = g_object_new (VERTEBRO_TYPE_DECISION_DIALOG,
                                               "transient-for", parent, NULL);

  self->patient = g_object_ref (patient);
  self->assessment = vertebro_assessment_ref (assessment);
  build (self, default_by);
  return self;
}

/* Returns: (transfer none) (nullable): the decision, or %NULL while it
 * cannot be recorded. */
JsonObject *
vertebro_decision_dialog_get_decision (VertebroDecisionDialog *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DECISION_DIALOG (self), NULL);
  return self->decision;
}

gboolean
vertebro_decision_dialog_get_against (VertebroDecisionDialog *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DECISION_DIALOG (self), FALSE);
  return self->is_against;
}

/* Returns: (nullable): why the decision cannot be recorded yet. */
const char *
vertebro_decision_dialog_get_problem (VertebroDecisionDialog *self)
{
  g_return_val_if_fail (VERTEBRO_IS_DECISION_DIALOG (self), NULL);
  return self->problem_text;
}

/* Records the decision (what the Record button does) and closes. */
void
vertebro_decision_dialog_record (VertebroDecisionDialog *self)
{
  g_return_if_fail (VERTEBRO_IS_DECISION_DIALOG (self));

  if (self->decision == NULL)
    return;
  g_signal_emit (self, signals[RECORDED], 0, self->decision);
  gtk_window_close (GTK_WINDOW (self));
}

void
vertebro_decision_dialog_set_outcome (VertebroDecisionDialog *self,
                                      const char             *outcome)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    if (g_str_equal (outcome, outcomes[i]))
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->outcome), i);
}

void
vertebro_decision_dialog_set_level (VertebroDecisionDialog *self,
                                    const char             *level,
                                    gboolean                treat)
{
  for (guint i = 0; i < self->level_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->level_checks, i);

      if (g_str_equal (g_object_get_data (G_OBJECT (check), "level"), level))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), treat);
    }
}

void
vertebro_decision_dialog_set_reason (VertebroDecisionDialog *self,
                                     const char             *reason)
{
  gtk_editable_set_text (GTK_EDITABLE (self->reason), reason);
}
