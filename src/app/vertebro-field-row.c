/* vertebro-field-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One field of the patient form, made from its entry in the field table
 * (src/core/vertebro-fields.c): a text, number or date entry, a drop-down
 * of choices, or three answers; and the row of its message under it.
 *
 * Every keystroke is checked (vertebro-input.c decides what is valid). A
 * valid entry is passed to the model at once; an invalid one shows the
 * error style, the accessible invalid state and a one-line message under the
 * field, and the field is passed on as not assessed. Nothing is ever clamped
 * or rounded. A change of the model made elsewhere is shown at once.
 */

#define G_LOG_DOMAIN "vertebro-form"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "vertebro-entry-row.h"
#include "vertebro-field-row.h"
#include "vertebro-form-row.h"
#include "vertebro-form-private.h"
#include "vertebro-message-row.h"

void
vertebro_field_row_free (VertebroFieldRow *row)
{
  g_clear_signal_handler (&row->notify_id, row->target);
  g_clear_object (&row->target);
  g_free (row->path);
  g_free (row->label);
  g_free (row->invalid);
  g_free (row->description);
  g_free (row->unit_label);
  g_free (row);
}

/* ---- Writing to the model ---- */

static void
set_number (VertebroFieldRow *row,
            double            value)
{
  row->writing = TRUE;
  g_object_set (row->target, row->field->property, value, NULL);
  row->writing = FALSE;
}

static void
set_string (VertebroFieldRow *row,
            const char       *value)
{
  row->writing = TRUE;
  g_object_set (row->target, row->field->property, value, NULL);
  row->writing = FALSE;
}

/* The widgets a screen reader meets for this field: its entry or combo row,
 * or the three answer buttons. Returns how many. */
static guint
field_inputs (VertebroFieldRow  *row,
              GtkWidget        **inputs)
{
  if (row->toggles[0] != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (row->toggles); i++)
        inputs[i] = row->toggles[i];
      return G_N_ELEMENTS (row->toggles);
    }
  inputs[0] = row->focus;
  return 1;
}

/**
 * vertebro_field_row_set_invalid:
 * @row: a field's row
 * @message: (nullable): why what was typed is not valid, or %NULL when it is
 */
void
vertebro_field_row_set_invalid (VertebroFieldRow *row,
                                const char       *message)
{
  gboolean was_invalid = row->invalid != NULL;
  GtkWidget *inputs[G_N_ELEMENTS (row->toggles)];
  guint n = field_inputs (row, inputs);

  if (g_strcmp0 (row->invalid, message) == 0)
    return;
  g_free (row->invalid);
  row->invalid = g_strdup (message);

  /* The row and its entry turn red; the input itself is marked invalid for
   * assistive technologies, and its description (vertebro_form_show_messages())
   * becomes the message. */
  for (guint i = 0; i < n; i++)
    if (message != NULL)
      {
        gtk_widget_add_css_class (inputs[i], "error");
        gtk_accessible_update_state (GTK_ACCESSIBLE (inputs[i]),
                                     GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      }
    else
      {
        gtk_widget_remove_css_class (inputs[i], "error");
        gtk_accessible_reset_state (GTK_ACCESSIBLE (inputs[i]), GTK_ACCESSIBLE_STATE_INVALID);
      }
  if (message != NULL)
    gtk_widget_add_css_class (row->row, "error");
  else
    gtk_widget_remove_css_class (row->row, "error");

  vertebro_form_show_messages (row->form);
  if (was_invalid != (message != NULL) || message != NULL)
    vertebro_form_invalid_changed (row->form);
}

/* The unit of a field typed in several: remembered for the next time. */
static void
on_unit_changed (VertebroFieldRow *row)
{
  vertebro_form_set_unit (row->form, row->field, vertebro_field_row_get_unit (row));
  /* The unit is part of the field's accessible description. */
  vertebro_form_show_messages (row->form);
}

/* From the unit chosen beside the field to the unit the file stores. */
static double
unit_scale (VertebroFieldRow *row)
{
  return row->unit != NULL ? row->units[vertebro_field_row_get_unit (row)].scale : 1;
}

static void
on_number_changed (VertebroFieldRow *row)
{
  g_autofree char *message = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row->row));
  double value = NAN;

  if (row->syncing)
    return;

  switch (vertebro_input_parse_number (row->field, text, unit_scale (row), &value, &message))
    {
    case VERTEBRO_INPUT_EMPTY:
      vertebro_field_row_set_invalid (row, NULL);
      set_number (row, NAN);
      break;
    case VERTEBRO_INPUT_VALID:
      vertebro_field_row_set_invalid (row, NULL);
      set_number (row, value);
      break;
    case VERTEBRO_INPUT_INVALID:
    default:
      /* Not passed on: the field is treated as not assessed. */
      set_number (row, NAN);
      vertebro_field_row_set_invalid (row, message);
      break;
    }
}

static void
on_date_changed (VertebroFieldRow *row)
{
  g_autofree char *message = NULL;
  GDate date;

  if (row->syncing)
    return;

  switch (vertebro_input_parse_date (row->field, gtk_editable_get_text (GTK_EDITABLE (row->row)), &date, &message))
    {
    case VERTEBRO_INPUT_EMPTY:
      vertebro_field_row_set_invalid (row, NULL);
      set_string (row, NULL);
      break;
    case VERTEBRO_INPUT_VALID:
      {
        g_autofree char *iso = vertebro_format_date (&date, VERTEBRO_TEXT_PORTABLE);
        VertebroPatient *patient = vertebro_form_get_patient (row->form);
        g_autofree char *late = vertebro_input_dup_date_problem (row->field, &date,
                                                                 vertebro_patient_get_text (patient, "assessment.date"));

        /* A birth date after the assessment date, say: the reader refuses
         * these too, so the form accepts nothing a saved file or a draft
         * could not be opened with. */
        if (late != NULL)
          {
            set_string (row, NULL);
            vertebro_field_row_set_invalid (row, late);
            break;
          }
        vertebro_field_row_set_invalid (row, NULL);
        set_string (row, iso);
      }
      break;
    case VERTEBRO_INPUT_INVALID:
    default:
      set_string (row, NULL);
      vertebro_field_row_set_invalid (row, message);
      break;
    }
}

static void
on_text_changed (VertebroFieldRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row->row));
  g_autofree char *problem = NULL;

  if (row->syncing)
    return;
  set_string (row, *text != '\0' ? text : NULL);
  /* Passed on all the same (a name too long is still the clinician's
   * note), but marked, as the file format refuses it. */
  problem = vertebro_input_dup_text_problem (row->field, text);
  vertebro_field_row_set_invalid (row, problem);
}

static void
on_answer_toggled (GtkToggleButton  *button,
                   VertebroFieldRow *row)
{
  static const VertebroAnswer answers[] = { VERTEBRO_ANSWER_YES, VERTEBRO_ANSWER_NO, VERTEBRO_ANSWER_NOT_ASSESSED };

  if (row->syncing || !gtk_toggle_button_get_active (button))
    return;
  row->writing = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    if (GTK_WIDGET (button) == row->toggles[i])
      g_object_set (row->target, row->field->property, answers[i], NULL);
  row->writing = FALSE;
}

/* Levels and drugs may not be listed twice: the choice is refused in place. */
static gboolean
choice_taken (VertebroFieldRow *row,
              const char       *value)
{
  GListModel *model;

  if (g_str_equal (row->field->path, "level.level"))
    model = vertebro_patient_get_levels (vertebro_form_get_patient (row->form));
  else
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);
      g_autofree char *name = NULL;

      if (other == row->target)
        continue;
      g_object_get (other, row->field->property, &name, NULL);
      if (g_strcmp0 (name, value) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
on_choice_selected (VertebroFieldRow *row)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row->row));
  guint offset = row->field->nullable ? 1 : 0;
  const char *value;

  if (row->syncing)
    return;
  if (selected == GTK_INVALID_LIST_POSITION || selected < offset)
    value = NULL;
  else
    value = row->field->choices[selected - offset].value;

  if (value != NULL && choice_taken (row, value))
    {
      /* Translators: %s is the choice picked twice, such as a drug already in the list. */
      g_autofree char *message = g_strdup_printf (_("%s is already listed"),
                                                  _(row->field->choices[selected - offset].label));
      vertebro_field_row_set_invalid (row, message);
      return;
    }
  vertebro_field_row_set_invalid (row, NULL);
  if (value != NULL || row->field->nullable)
    set_string (row, value);
}

/* ---- Reading from the model ---- */

static void
sync_row (VertebroFieldRow *row)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (row->target), row->field->property);

  g_value_init (&value, pspec->value_type);
  g_object_get_property (row->target, row->field->property, &value);
  row->syncing = TRUE;

  switch (row->field->kind)
    {
    case VERTEBRO_FIELD_NUMBER:
    case VERTEBRO_FIELD_INTEGER:
      {
        double v = g_value_get_double (&value);
        g_autofree char *text = isnan (v) ? g_strdup ("") : vertebro_input_format_number (v / unit_scale (row));

        gtk_editable_set_text (GTK_EDITABLE (row->row), text);
      }
      break;
    case VERTEBRO_FIELD_DATE:
      {
        GDate date;
        g_autofree char *text = NULL;

        if (vertebro_date_parse (g_value_get_string (&value), &date))
          text = vertebro_input_format_date (&date);
        gtk_editable_set_text (GTK_EDITABLE (row->row), text != NULL ? text : "");
      }
      break;
    case VERTEBRO_FIELD_TEXT:
      gtk_editable_set_text (GTK_EDITABLE (row->row), g_value_get_string (&value) != NULL ? g_value_get_string (&value) : "");
      break;
    case VERTEBRO_FIELD_ANSWER:
      {
        VertebroAnswer answer = g_value_get_enum (&value);
        guint index = answer == VERTEBRO_ANSWER_YES ? 0 : answer == VERTEBRO_ANSWER_NO ? 1 : 2;

        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (row->toggles[index]), TRUE);
      }
      break;
    case VERTEBRO_FIELD_CHOICE:
      {
        int index = vertebro_field_choice_index (row->field, g_value_get_string (&value));
        guint offset = row->field->nullable ? 1 : 0;

        adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), index < 0 ? 0 : (guint) index + offset);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  row->syncing = FALSE;
}

static void
on_target_notify (VertebroFieldRow *row)
{
  if (!row->writing)
    sync_row (row);
}

/* ---- Making rows ---- */

static GtkWidget *
add_message_row (VertebroFieldRow *row,
                 GtkWidget        *parent)
{
  GtkWidget *list_row = vertebro_message_row_new ();

  row->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (row->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (row->message), 0);
  gtk_widget_add_css_class (row->message, "field-message");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), row->message);
  gtk_widget_set_visible (list_row, FALSE);
  return list_row;
}

static void
on_calendar_day_selected (GtkCalendar      *calendar,
                          VertebroFieldRow *row)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (calendar);
  GDate date;
  g_autofree char *text = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (picked), g_date_time_get_month (picked),
                  g_date_time_get_year (picked));
  text = vertebro_input_format_date (&date);
  gtk_editable_set_text (GTK_EDITABLE (row->row), text);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER)));
}

/* The calendar opens at the date in the field and takes the focus: the
 * arrow keys move in its month, Space picks a day. (GTK 4.8 starts its
 * keyboard cursor at the first day shown, not at the selected one; the
 * field itself takes a typed date.) */
static void
on_calendar_shown (GtkPopover       *popover,
                   VertebroFieldRow *row)
{
  GtkWidget *calendar = gtk_popover_get_child (popover);
  GDate date;
  g_autofree char *message = NULL;

  if (vertebro_input_parse_date (row->field, gtk_editable_get_text (GTK_EDITABLE (row->row)), &date, &message) == VERTEBRO_INPUT_VALID)
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                                        g_date_get_day (&date), 12, 0, 0);

      g_signal_handlers_block_by_func (calendar, on_calendar_day_selected, row);
      gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
      g_signal_handlers_unblock_by_func (calendar, on_calendar_day_selected, row);
    }
  gtk_widget_grab_focus (calendar);
}

/* The calendar is made when it is first opened, not with its row: a
 * GtkCalendar is some forty widgets, the form has four date fields, and
 * most dates are typed. */
static void
create_calendar (GtkMenuButton *button,
                 gpointer       data)
{
  VertebroFieldRow *row = data;
  GtkWidget *popover;
  GtkWidget *calendar;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;
  popover = gtk_popover_new ();
  calendar = gtk_calendar_new ();
  /* GTK 4.8's calendar names neither itself nor its days. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (calendar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row->label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Arrow keys move between the days, Space picks one"),
                                  -1);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_calendar_day_selected), row);
  g_signal_connect (popover, "show", G_CALLBACK (on_calendar_shown), row);
  gtk_menu_button_set_popover (button, popover);
}

/* A question's three answers are one radio group, and one Tab stop: only
 * the answer chosen takes the focus from Tab (a "roving" focus, as in
 * every radio group), and it is the one the field's focus goes to. */
static void
on_answer_chosen (GtkToggleButton  *button,
                  VertebroFieldRow *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (row->toggles); i++)
    {
      gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (row->toggles[i]));

      gtk_widget_set_focusable (row->toggles[i], active);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row->toggles[i]),
                                   GTK_ACCESSIBLE_STATE_CHECKED, active ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                                                        : GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
      if (active)
        row->focus = row->toggles[i];
    }
}

/* Chooses the @index-th answer and moves the focus to it, as the arrow
 * keys and the Y and N keys do. */
static void
choose_answer (VertebroFieldRow *row,
               int               index)
{
  gboolean had_focus = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (row->toggles); i++)
    had_focus |= gtk_widget_has_focus (row->toggles[i]);
  if (!gtk_widget_is_sensitive (row->toggles[index]))
    return;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (row->toggles[index]), TRUE);
  if (had_focus)
    gtk_widget_grab_focus (row->toggles[index]);
}

static gboolean
on_answer_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       VertebroFieldRow      *row)
{
  guint n = G_N_ELEMENTS (row->toggles);
  guint current = 0;
  int step = 0;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  for (guint i = 0; i < n; i++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (row->toggles[i])))
      current = i;

  switch (keyval)
    {
    case GDK_KEY_y:
    case GDK_KEY_Y:
      choose_answer (row, 0);
      return GDK_EVENT_STOP;
    case GDK_KEY_n:
    case GDK_KEY_N:
      choose_answer (row, 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      step = n - 1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      step = 1;
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }
  /* On to the next answer that can be chosen, round the group. */
  for (guint k = 1; k < n; k++)
    {
      guint next = (current + k * step) % n;

      if (gtk_widget_is_sensitive (row->toggles[next]))
        {
          choose_answer (row, (int) next);
          break;
        }
    }
  return GDK_EVENT_STOP;
}

static GtkWidget *
make_answer_row (VertebroFieldRow *row)
{
  static const char *labels[] = { N_("Yes"), N_("No"), N_("Not assessed") };
  GtkWidget *action_row = vertebro_form_row_new ();
  GtkWidget *box = g_object_new (GTK_TYPE_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO_GROUP, NULL);
  GtkEventController *keys = gtk_event_controller_key_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), row->label);
  /* Tab goes straight to the answers, without a stop on the row. */
  gtk_widget_set_focusable (action_row, FALSE);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_add_css_class (box, "answer");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      row->toggles[i] = g_object_new (GTK_TYPE_TOGGLE_BUTTON,
                                      "label", _(labels[i]),
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                      NULL);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (row->toggles[i]), GTK_TOGGLE_BUTTON (row->toggles[0]));
      g_signal_connect (row->toggles[i], "toggled", G_CALLBACK (on_answer_toggled), row);
      g_signal_connect (row->toggles[i], "toggled", G_CALLBACK (on_answer_chosen), row);
      gtk_box_append (GTK_BOX (box), row->toggles[i]);
    }
  /* The group is named by the question; each answer by "question: answer". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, row->label, -1);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_answer_key_pressed), row);
  gtk_widget_add_controller (box, keys);
  vertebro_form_row_add_suffix (VERTEBRO_FORM_ROW (action_row), box);
  row->focus = row->toggles[0];
  return action_row;
}

static void
free_string (GString *string)
{
  g_string_free (string, TRUE);
}

/* Type-ahead on a closed vertebra list: "t", "1", "2" picks T12, "l1"
 * picks L1; a pause of a second starts a new search. Space, Return and the
 * arrow keys keep their usual meaning. */
static gboolean
on_choice_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       VertebroFieldRow      *row)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  GString *typed = g_object_get_data (G_OBJECT (row->row), "typed");
  gint64 now = g_get_monotonic_time ();
  gint64 *last = g_object_get_data (G_OBJECT (row->row), "typed-at");
  guint offset = row->field->nullable ? 1 : 0;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || !g_unichar_isalnum (c))
    return GDK_EVENT_PROPAGATE;
  if (now - *last > G_USEC_PER_SEC)
    g_string_truncate (typed, 0);
  *last = now;
  g_string_append_unichar (typed, g_unichar_toupper (c));

  /* The exact choice first (typing "T1" must not stop at T10), then the
   * first that begins with what was typed. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; row->field->choices[i].value != NULL; i++)
      {
        const char *label = row->field->choices[i].value;

        if (pass == 0 ? g_str_equal (label, typed->str) : g_str_has_prefix (label, typed->str))
          {
            adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), i + offset);
            return GDK_EVENT_STOP;
          }
      }
  return GDK_EVENT_STOP;
}

/* Whether a choice of @field may not fit beside its title: the wrapping
 * labels below cost more to lay out, so short choices keep the default. */
static gboolean
has_long_choice (const VertebroField *field)
{
  for (guint i = 0; field->choices[i].value != NULL; i++)
    if (g_utf8_strlen (_(field->choices[i].label), -1) > 16)
      return TRUE;
  return FALSE;
}

/* A choice is shown whole, on more lines where it must, never cut short
 * ("Unhealed (oedema or …"): in the row, right-aligned beside the title,
 * and in the popover's list. */
static void
setup_choice_label (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  in_row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), in_row != NULL ? 20 : 36);
  gtk_label_set_xalign (GTK_LABEL (label), in_row != NULL ? 1.0 : 0.0);
  if (in_row != NULL)
    gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_label (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkStringObject *choice = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (choice));
}

static GtkListItemFactory *
choice_label_factory (gboolean in_row)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_label), GINT_TO_POINTER (in_row));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_label), NULL);
  return factory;
}

static GtkWidget *
make_choice_row (VertebroFieldRow *row)
{
  GtkWidget *combo = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  if (row->field->nullable)
    gtk_string_list_append (model, row->field->unset != NULL ? _(row->field->unset) : _("Not assessed"));
  for (guint i = 0; row->field->choices[i].value != NULL; i++)
    gtk_string_list_append (model, _(row->field->choices[i].label));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), row->label);
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (model));
  if (has_long_choice (row->field))
    {
      g_autoptr(GtkListItemFactory) shown = choice_label_factory (TRUE);
      g_autoptr(GtkListItemFactory) listed = choice_label_factory (FALSE);

      adw_combo_row_set_factory (ADW_COMBO_ROW (combo), shown);
      adw_combo_row_set_list_factory (ADW_COMBO_ROW (combo), listed);
    }
  g_signal_connect_swapped (combo, "notify::selected", G_CALLBACK (on_choice_selected), row);
  if (g_str_equal (row->field->path, "level.level"))
    {
      GtkEventController *keys = gtk_event_controller_key_new ();

      g_object_set_data_full (G_OBJECT (combo), "typed", g_string_new (NULL), (GDestroyNotify) free_string);
      g_object_set_data_full (G_OBJECT (combo), "typed-at", g_new0 (gint64, 1), g_free);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_choice_key_pressed), row);
      gtk_widget_add_controller (combo, keys);
    }
  row->focus = combo;
  return combo;
}

static GtkWidget *
make_entry_row (VertebroFieldRow *row)
{
  GtkWidget *entry = vertebro_entry_row_new ();
  GtkWidget *text = vertebro_entry_row_get_entry (VERTEBRO_ENTRY_ROW (entry));
  const char *unit = row->field->unit;
  guint n_units;
  const VertebroInputUnit *units = vertebro_input_get_units (row->field, &n_units);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), row->label);
  row->focus = text;

  /* Names and the like are longer; numbers and dates are short. */
  if (row->field->kind == VERTEBRO_FIELD_TEXT)
    gtk_editable_set_width_chars (GTK_EDITABLE (text), 16);
  else if (row->field->kind == VERTEBRO_FIELD_DATE)
    gtk_editable_set_width_chars (GTK_EDITABLE (text), 10);
  else
    gtk_editable_set_width_chars (GTK_EDITABLE (text), 6);

  if (units != NULL)
    {
      /* Entered in the unit of the lab report at hand (the core says which
       * units); the file stores the field's own. */
      g_autoptr(GtkStringList) symbols = gtk_string_list_new (NULL);
      const char *name = g_str_equal (row->field->path, "labs.platelets") ? _("Platelet count unit") : _("Creatinine unit");
      GtkWidget *button;

      for (guint i = 0; i < n_units; i++)
        gtk_string_list_append (symbols, units[i].symbol);
      row->unit = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&symbols)), NULL);
      row->units = units;
      gtk_widget_set_valign (row->unit, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->unit), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      /* GTK 4.8 gives the drop-down's own button, which takes the focus,
       * no name of its own: screen readers would say "GtkToggleButton". */
      for (button = gtk_widget_get_first_child (row->unit); button != NULL; button = gtk_widget_get_next_sibling (button))
        if (GTK_IS_TOGGLE_BUTTON (button))
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      vertebro_form_row_add_suffix (VERTEBRO_FORM_ROW (entry), row->unit);
    }
  else if (unit != NULL)
    {
      GtkWidget *label = gtk_label_new (_(unit));

      gtk_widget_add_css_class (label, "dim-label");
      vertebro_form_row_add_suffix (VERTEBRO_FORM_ROW (entry), label);
    }

  if (row->field->kind == VERTEBRO_FIELD_DATE)
    {
      GtkWidget *button = gtk_menu_button_new ();
      /* Translators: the accessible name of the calendar button beside a date field: "Birth date: pick a date". */
      g_autofree char *name = g_strdup_printf (_("%s: pick a date"), row->label);

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Pick a date"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_calendar, row, NULL);
      vertebro_form_row_add_suffix (VERTEBRO_FORM_ROW (entry), button);
      g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_date_changed), row);
    }
  else if (row->field->kind == VERTEBRO_FIELD_TEXT)
    g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_text_changed), row);
  else
    {
      gtk_editable_set_alignment (GTK_EDITABLE (entry), 0);
      g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_number_changed), row);
      if (row->unit != NULL)
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (row->unit), vertebro_form_get_unit (row->form, row->field));
          g_signal_connect_swapped (row->unit, "notify::selected", G_CALLBACK (on_number_changed), row);
          g_signal_connect_swapped (row->unit, "notify::selected", G_CALLBACK (on_unit_changed), row);
        }
    }
  return entry;
}

/* The accessible name of each input is the field's label, with its level
 * where there are levels ("T12: Collapse"), as "To complete" names it. */
static void
label_inputs (VertebroFieldRow *row)
{
  static const char *answers[] = { N_("Yes"), N_("No"), N_("Not assessed") };

  if (row->toggles[0] != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row->toggles[0])),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, row->label, -1);
      for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
        {
          /* Translators: the accessible name of an answer button: "Radiculopathy: Yes". */
          g_autofree char *name = g_strdup_printf (_("%s: %s"), row->label, _(answers[i]));

          gtk_accessible_update_property (GTK_ACCESSIBLE (row->toggles[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        }
    }
  else
    {
      /* The row's title labels the input too; GTK 4.8 would read both. */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (row->focus), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->focus), GTK_ACCESSIBLE_PROPERTY_LABEL, row->label, -1);
    }
}

/**
 * vertebro_field_row_new:
 * @form: the form the row is part of
 * @parent: the preferences group or the expander row (a level) to add it to
 * @target: the patient, a level or an antithrombotic
 * @field: the field it edits
 * @path: the field's path as the assessment names it ("levels[0].acuity")
 * @label: (nullable): its label, if not the field's own
 *
 * Makes the row of a field and its message, adds them to @parent and shows
 * the field's value.
 *
 * Returns: (transfer full): the row, for vertebro_field_row_free()
 */
VertebroFieldRow *
vertebro_field_row_new (VertebroForm        *form,
                        GtkWidget           *parent,
                        GObject             *target,
                        const VertebroField *field,
                        const char          *path,
                        const char          *label)
{
  VertebroFieldRow *row = g_new0 (VertebroFieldRow, 1);

  row->form = form;
  row->field = field;
  row->target = g_object_ref (target);
  row->path = g_strdup (path);
  row->label = g_strdup (label != NULL ? label : _(field->label));

  switch (field->kind)
    {
    case VERTEBRO_FIELD_ANSWER:
      row->row = make_answer_row (row);
      break;
    case VERTEBRO_FIELD_CHOICE:
      row->row = make_choice_row (row);
      break;
    case VERTEBRO_FIELD_TEXT:
    case VERTEBRO_FIELD_DATE:
    case VERTEBRO_FIELD_NUMBER:
    case VERTEBRO_FIELD_INTEGER:
    default:
      row->row = make_entry_row (row);
      break;
    }
  row->message_row = add_message_row (row, parent);

  if (ADW_IS_PREFERENCES_GROUP (parent))
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row->row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row->message_row);
    }
  else
    {
      adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row->row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row->message_row);
    }

  label_inputs (row);
  sync_row (row);
  /* A change made elsewhere (a checklist tick that records an agreed
   * interruption) is shown here too; the row's own writes are not read
   * back, so typing is never disturbed. */
  {
    g_autofree char *signal = g_strconcat ("notify::", field->property, NULL);

    row->notify_id = g_signal_connect_swapped (target, signal, G_CALLBACK (on_target_notify), row);
  }
  return row;
}

/* ---- Its message ---- */

/* The accessible description of the inputs: the unit, then the message shown
 * under the field (why it is invalid, a finding about it, a derived value).
 * Set only when it changes: every keystroke comes here for every field. */
static void
update_description (VertebroFieldRow *row,
                    const char       *message)
{
  GtkWidget *inputs[G_N_ELEMENTS (row->toggles)];
  guint n = field_inputs (row, inputs);
  const char *unit = row->unit_label != NULL ? row->unit_label : row->field->unit != NULL ? _(row->field->unit) : NULL;
  g_autofree char *description = NULL;

  if (row->unit != NULL)
    unit = gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (row->unit))));

  if (unit != NULL && message != NULL)
    /* Translators: an accessible description: a field's unit, then the message under it. */
    description = g_strdup_printf (_("%s. %s"), unit, message);
  else
    description = g_strdup (unit != NULL ? unit : message);

  if (g_strcmp0 (description, row->description) == 0)
    return;
  g_free (row->description);
  row->description = g_steal_pointer (&description);

  for (guint i = 0; i < n; i++)
    if (row->description != NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (inputs[i]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, row->description, -1);
    else
      gtk_accessible_reset_property (GTK_ACCESSIBLE (inputs[i]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * vertebro_field_row_set_message:
 * @row: a field's row
 * @text: (nullable): the message under the field, or %NULL for none
 * @style: (nullable): its style class: "error", "warning" or "dim-label"
 */
void
vertebro_field_row_set_message (VertebroFieldRow *row,
                                const char       *text,
                                const char       *style)
{
  static const char * const styles[] = { "error", "warning", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (row->message, styles[i]);
  gtk_label_set_text (GTK_LABEL (row->message), text != NULL ? text : "");
  if (style != NULL)
    gtk_widget_add_css_class (row->message, style);
  gtk_widget_set_visible (row->message_row, text != NULL && gtk_widget_get_visible (row->row));
  update_description (row, text);
}

/**
 * vertebro_field_row_set_label:
 * @row: a field's row
 * @label: its new label, such as "T12: Collapse" once a level's vertebra is chosen
 *
 * Names the row's inputs anew.
 */
void
vertebro_field_row_set_label (VertebroFieldRow *row,
                              const char       *label)
{
  g_free (row->label);
  row->label = g_strdup (label);
  label_inputs (row);
}

/**
 * vertebro_field_row_get_unit:
 * @row: a field's row
 *
 * Returns: the unit chosen beside the field, of vertebro_input_get_units();
 *   0 for a field typed in its own unit only
 */
guint
vertebro_field_row_get_unit (VertebroFieldRow *row)
{
  return row->unit != NULL ? gtk_drop_down_get_selected (GTK_DROP_DOWN (row->unit)) : 0;
}
