/* vertebro-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The patient form. Its rows are made from the field table
 * (src/core/vertebro-fields.c) in the order of src/core/vertebro-layout.c,
 * which is the order a clinician fills them in: to move a field, move its
 * line there.
 *
 * Every keystroke is checked (vertebro-input.c decides what is valid). A
 * valid entry is passed to the patient at once; an invalid one shows the
 * error style, the accessible invalid state and a one-line message under the
 * field, and the field is passed on as not assessed. Nothing is ever clamped
 * or rounded. Widgets show state and report edits; they decide nothing
 * clinical: the hints under fields are the findings of the rule set that
 * looked at that field.
 */

#define G_LOG_DOMAIN "vertebro-form"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "vertebro-form.h"
#include "vertebro-entry-row.h"
#include "vertebro-layout.h"
#include "vertebro-message-row.h"
#include "vertebro-verdict-panel.h"

/* ---- The fields ---- */

typedef struct {
  VertebroForm        *form;
  const VertebroField *field;
  char                *path;
  char                *label;
  GObject             *target;
  const char          *shown_when_needed;
  GtkWidget           *row;
  GtkWidget           *focus;       /* what takes the keyboard focus: an entry, a combo row, "Yes" */
  GtkWidget           *message_row;
  GtkWidget           *message;
  GtkWidget           *toggles[3];
  GtkWidget           *unit;        /* the unit typed in, of vertebro_input_get_units() */
  const VertebroInputUnit *units;
  char                *unit_label;  /* a unit that is not the field's own (a drug's days or doses) */
  GtkWidget           *expander;    /* the level's row, for focusing */
  char                *invalid;
  char                *description; /* the accessible description: unit and message */
  gulong               notify_id;   /* the model's change of this field */
  gboolean             syncing;     /* the row is being set from the model */
  gboolean             writing;     /* the model is being set from the row */
} FieldRow;

struct _VertebroForm
{
  GtkBox            parent_instance;

  VertebroPatient  *patient;
  VertebroRuleset  *rules;
  GPtrArray        *rows;        /* FieldRow of the fixed sections */
  GPtrArray        *level_rows;  /* FieldRow of the levels */
  GPtrArray        *drug_rows;   /* FieldRow of the antithrombotics */
  GtkWidget        *levels_group;
  GtkWidget        *drugs_group;
  GtkWidget        *add_level;
  GtkWidget        *add_drug;
  GPtrArray        *level_expanders;
  GtkWidget        *pending_focus;   /* a new row's field, focused once it is allocated */
  GtkWidget        *pending_row;     /* its row, brought into view */
  GtkWidget        *pending_top;     /* what is shown above it: the new level's heading */
  GdkFrameClock    *pending_clock;
  gulong            pending_layout;
  guint             pending_frames;
  GtkTextBuffer    *notes;
  VertebroAssessment *assessment;
  guint             platelet_unit;    /* the unit offered first, of vertebro_input_get_units() */
  guint             creatinine_unit;
};

G_DEFINE_FINAL_TYPE (VertebroForm, vertebro_form, GTK_TYPE_BOX)

enum {
  INVALID_CHANGED,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_PLATELET_UNIT,
  PROP_CREATININE_UNIT,
  N_PROPS
};

static guint signals[N_SIGNALS];
static GParamSpec *properties[N_PROPS];

static void rebuild_levels (VertebroForm *self);
static void rebuild_drugs (VertebroForm *self);
static void show_messages (VertebroForm *self, GPtrArray *rows);

static void
field_row_free (FieldRow *row)
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

void
vertebro_invalid_entry_free (VertebroInvalidEntry *entry)
{
  g_free (entry->path);
  g_free (entry->label);
  g_free (entry->message);
  g_free (entry);
}

/* ---- Writing to the model ---- */

static void
set_number (FieldRow *row,
            double    value)
{
  row->writing = TRUE;
  g_object_set (row->target, row->field->property, value, NULL);
  row->writing = FALSE;
}

static void
set_string (FieldRow   *row,
            const char *value)
{
  row->writing = TRUE;
  g_object_set (row->target, row->field->property, value, NULL);
  row->writing = FALSE;
}

/* The widgets a screen reader meets for this field: its entry or combo row,
 * or the three answer buttons. Returns how many. */
static guint
field_inputs (FieldRow   *row,
              GtkWidget **inputs)
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

static void
set_invalid (FieldRow   *row,
             const char *message)
{
  gboolean was_invalid = row->invalid != NULL;
  GtkWidget *inputs[G_N_ELEMENTS (row->toggles)];
  guint n = field_inputs (row, inputs);

  if (g_strcmp0 (row->invalid, message) == 0)
    return;
  g_free (row->invalid);
  row->invalid = g_strdup (message);

  /* The row and its entry turn red; the input itself is marked invalid for
   * assistive technologies, and its description (set by show_messages)
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

  show_messages (row->form, NULL);
  if (was_invalid != (message != NULL) || message != NULL)
    g_signal_emit (row->form, signals[INVALID_CHANGED], 0);
}

/* The unit the user last chose for @field, and the property that keeps it. */
static guint *
remembered_unit (VertebroForm        *self,
                 const VertebroField *field,
                 GParamSpec         **pspec)
{
  gboolean platelets = g_str_equal (field->path, "labs.platelets");

  if (pspec != NULL)
    *pspec = properties[platelets ? PROP_PLATELET_UNIT : PROP_CREATININE_UNIT];
  return platelets ? &self->platelet_unit : &self->creatinine_unit;
}

/* The unit of a field typed in several: remembered for the next time. */
static void
on_unit_changed (FieldRow *row)
{
  guint chosen = gtk_drop_down_get_selected (GTK_DROP_DOWN (row->unit));
  GParamSpec *pspec;
  guint *remembered = remembered_unit (row->form, row->field, &pspec);

  if (chosen != *remembered)
    {
      *remembered = chosen;
      g_object_notify_by_pspec (G_OBJECT (row->form), pspec);
    }
  /* The unit is part of the field's accessible description. */
  show_messages (row->form, NULL);
}

/* From the unit chosen beside the field to the unit the file stores. */
static double
unit_scale (FieldRow *row)
{
  return row->unit != NULL ? row->units[gtk_drop_down_get_selected (GTK_DROP_DOWN (row->unit))].scale : 1;
}

static void
on_number_changed (FieldRow *row)
{
  g_autofree char *message = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row->row));
  double value = NAN;

  if (row->syncing)
    return;

  switch (vertebro_input_parse_number (row->field, text, unit_scale (row), &value, &message))
    {
    case VERTEBRO_INPUT_EMPTY:
      set_invalid (row, NULL);
      set_number (row, NAN);
      break;
    case VERTEBRO_INPUT_VALID:
      set_invalid (row, NULL);
      set_number (row, value);
      break;
    case VERTEBRO_INPUT_INVALID:
    default:
      /* Not passed on: the field is treated as not assessed. */
      set_number (row, NAN);
      set_invalid (row, message);
      break;
    }
}

/* A birth date or the onset of the pain after the assessment date (today
 * when none is set): why it cannot be, or NULL. */
static char *
after_assessment (FieldRow    *row,
                  const GDate *date)
{
  const char *assessed = vertebro_patient_get_text (row->form->patient, "assessment.date");
  GDate limit;

  if (!g_str_equal (row->path, "patient.birth_date") && !g_str_equal (row->path, "history.pain_onset_date"))
    return NULL;
  if (!vertebro_date_parse (assessed, &limit))
    {
      g_date_clear (&limit, 1);
      g_date_set_time_t (&limit, time (NULL));
    }
  if (g_date_compare (date, &limit) <= 0)
    return NULL;
  return g_strdup (assessed != NULL ? _("This is after the assessment date") : _("This is in the future"));
}

static void
on_date_changed (FieldRow *row)
{
  g_autofree char *message = NULL;
  GDate date;

  if (row->syncing)
    return;

  switch (vertebro_input_parse_date (row->field, gtk_editable_get_text (GTK_EDITABLE (row->row)), &date, &message))
    {
    case VERTEBRO_INPUT_EMPTY:
      set_invalid (row, NULL);
      set_string (row, NULL);
      break;
    case VERTEBRO_INPUT_VALID:
      {
        g_autofree char *iso = vertebro_format_date (&date, VERTEBRO_TEXT_PORTABLE);
        g_autofree char *late = after_assessment (row, &date);

        /* The reader refuses these too: the form accepts nothing a saved
         * file or a draft could not be opened with. */
        if (late != NULL)
          {
            set_string (row, NULL);
            set_invalid (row, late);
            break;
          }
        set_invalid (row, NULL);
        set_string (row, iso);
      }
      break;
    case VERTEBRO_INPUT_INVALID:
    default:
      set_string (row, NULL);
      set_invalid (row, message);
      break;
    }
}

#define MAX_OTHER_NAME_CHARS 80

static void
on_text_changed (FieldRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row->row));

  if (row->syncing)
    return;
  set_string (row, *text != '\0' ? text : NULL);
  /* The file format asks the same of an "other" medicine's name. */
  if (g_str_equal (row->field->path, "antithrombotic.name"))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (*stripped == '\0')
        set_invalid (row, _("Name the medicine"));
      else if (g_utf8_strlen (text, -1) > MAX_OTHER_NAME_CHARS)
        set_invalid (row, _("Shorten the name to 80 characters or fewer"));
      else
        set_invalid (row, NULL);
    }
}

/* Listing a drug answers "takes antithrombotics" with yes, and "no" cannot
 * be chosen while one is listed (the file would be refused). */
static void
sync_on_antithrombotics (VertebroForm *self)
{
  for (guint i = 0; i < self->drug_rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (self->drug_rows, i);

      if (g_str_equal (row->path, "history.on_antithrombotics"))
        gtk_widget_set_sensitive (row->toggles[1],
                                  g_list_model_get_n_items (vertebro_patient_get_antithrombotics (self->patient)) == 0);
    }
}

static void
on_answer_toggled (GtkToggleButton *button,
                   FieldRow        *row)
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
choice_taken (FieldRow   *row,
              const char *value)
{
  GListModel *model;

  if (g_str_equal (row->field->path, "level.level"))
    model = vertebro_patient_get_levels (row->form->patient);
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
on_choice_selected (FieldRow *row)
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
      set_invalid (row, message);
      return;
    }
  set_invalid (row, NULL);
  if (value != NULL || row->field->nullable)
    set_string (row, value);
}

/* ---- Reading from the model ---- */

static void
sync_row (FieldRow *row)
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
on_target_notify (FieldRow *row)
{
  if (!row->writing)
    sync_row (row);
}

/* ---- Making rows ---- */

static GtkWidget *
add_message_row (FieldRow  *row,
                 GtkWidget *parent)
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
on_calendar_day_selected (GtkCalendar *calendar,
                          FieldRow    *row)
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
on_calendar_shown (GtkPopover *popover,
                   FieldRow   *row)
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

/* A question's three answers are one radio group, and one Tab stop: only
 * the answer chosen takes the focus from Tab (a "roving" focus, as in
 * every radio group), and it is the one the field's focus goes to. */
static void
on_answer_chosen (GtkToggleButton *button,
                  FieldRow        *row)
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
choose_answer (FieldRow *row,
               int       index)
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
                       FieldRow              *row)
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
make_answer_row (FieldRow *row)
{
  static const char *labels[] = { N_("Yes"), N_("No"), N_("Not assessed") };
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *box = g_object_new (GTK_TYPE_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO_GROUP, NULL);
  GtkEventController *keys = gtk_event_controller_key_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), row->label);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (action_row), 0);
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
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), box);
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
                       FieldRow              *row)
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
make_choice_row (FieldRow *row)
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
make_entry_row (FieldRow *row)
{
  GtkWidget *entry = vertebro_entry_row_new ();
  GtkWidget *text = vertebro_entry_row_get_entry (VERTEBRO_ENTRY_ROW (entry));
  const char *unit = row->field->unit;
  guint n_units;
  const VertebroInputUnit *units = vertebro_input_get_units (row->field, &n_units);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), row->label);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (entry), 0);
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
      adw_action_row_add_suffix (ADW_ACTION_ROW (entry), row->unit);
    }
  else if (unit != NULL)
    {
      GtkWidget *label = gtk_label_new (_(unit));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (entry), label);
    }

  if (row->field->kind == VERTEBRO_FIELD_DATE)
    {
      GtkWidget *button = gtk_menu_button_new ();
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *calendar = gtk_calendar_new ();
      /* Translators: the accessible name of the calendar button beside a date field: "Birth date: pick a date". */
      g_autofree char *name = g_strdup_printf (_("%s: pick a date"), row->label);

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Pick a date"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      /* GTK 4.8's calendar names neither itself nor its days. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (calendar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, row->label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Arrow keys move between the days, Space picks one"),
                                      -1);
      gtk_popover_set_child (GTK_POPOVER (popover), calendar);
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
      g_signal_connect (calendar, "day-selected", G_CALLBACK (on_calendar_day_selected), row);
      g_signal_connect (popover, "show", G_CALLBACK (on_calendar_shown), row);
      adw_action_row_add_suffix (ADW_ACTION_ROW (entry), button);
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
          gtk_drop_down_set_selected (GTK_DROP_DOWN (row->unit), *remembered_unit (row->form, row->field, NULL));
          g_signal_connect_swapped (row->unit, "notify::selected", G_CALLBACK (on_number_changed), row);
          g_signal_connect_swapped (row->unit, "notify::selected", G_CALLBACK (on_unit_changed), row);
        }
    }
  return entry;
}

/* The accessible name of each input is the field's label, with its level
 * where there are levels ("T12: Collapse"), as "To complete" names it. */
static void
label_inputs (FieldRow *row)
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

static FieldRow *
add_field (VertebroForm        *self,
           GPtrArray           *rows,
           GtkWidget           *parent,
           GObject             *target,
           const VertebroField *field,
           const char          *path,
           const char          *label)
{
  FieldRow *row = g_new0 (FieldRow, 1);

  row->form = self;
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
  g_ptr_array_add (rows, row);
  return row;
}

/* ---- New rows ---- */

/* The layouts a new row may take to be allocated before it is given up. */
#define PENDING_FOCUS_LAYOUTS 30

static void
clear_pending_focus (VertebroForm *self)
{
  /* A window destroyed first disposes its frame clock, which drops the
   * handler on its own. */
  if (self->pending_clock != NULL && self->pending_layout != 0 &&
      g_signal_handler_is_connected (self->pending_clock, self->pending_layout))
    g_signal_handler_disconnect (self->pending_clock, self->pending_layout);
  self->pending_layout = 0;
  g_clear_object (&self->pending_clock);
  g_clear_object (&self->pending_focus);
  g_clear_object (&self->pending_row);
  g_clear_object (&self->pending_top);
}

/* Space kept between a row brought into view and the scrolled window's
 * edge: the row is seen as a row, not as a strip at the edge. */
#define SCROLL_MARGIN 12

/* Scrolls the form's scrolled window so that @row is shown, and as much
 * of @top above it as fits. */
static void
scroll_into_view (VertebroForm *self,
                  GtkWidget    *top,
                  GtkWidget    *row)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport = scrolled != NULL ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  GtkWidget *content = GTK_IS_VIEWPORT (viewport) ? gtk_viewport_get_child (GTK_VIEWPORT (viewport)) : NULL;
  GtkAdjustment *vadjustment;
  graphene_rect_t row_bounds, top_bounds;
  double start, end;

  /* Placed in what the viewport scrolls, not in the viewport: that moves
   * with the adjustment, which may not have been applied yet. */
  if (content == NULL || !gtk_widget_compute_bounds (row, content, &row_bounds))
    return;
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  start = row_bounds.origin.y - SCROLL_MARGIN;
  end = row_bounds.origin.y + row_bounds.size.height + SCROLL_MARGIN;
  if (top != NULL && gtk_widget_compute_bounds (top, content, &top_bounds) &&
      end - (top_bounds.origin.y - SCROLL_MARGIN) <= gtk_adjustment_get_page_size (vadjustment))
    start = MIN (start, top_bounds.origin.y - SCROLL_MARGIN);
  gtk_adjustment_clamp_page (vadjustment, start, end);
}

/* A new row has no place on screen until it is allocated: focused before
 * that, the scrolled window took it for the top of the form and scrolled
 * there, while the focus sat far below. It is focused and scrolled into
 * view once a layout has placed it, before that layout is painted (the
 * frame clock lays out again what the scrolling moved). */
static void
focus_pending (GdkFrameClock *clock,
               VertebroForm  *self)
{
  GtkWidget *focus = self->pending_focus;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) &&
      (!gtk_widget_get_mapped (focus) || gtk_widget_get_height (focus) == 0) &&
      ++self->pending_frames < PENDING_FOCUS_LAYOUTS)
    return;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    {
      gtk_widget_grab_focus (focus);
      scroll_into_view (self, self->pending_top, self->pending_row);
    }
  clear_pending_focus (self);
}

/* Focuses @row's input once the row is shown, with @top (or NULL) above it. */
static void
focus_new_row (VertebroForm *self,
               FieldRow     *row,
               GtkWidget    *top)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  clear_pending_focus (self);
  if (clock == NULL)
    {
      gtk_widget_grab_focus (row->focus);
      return;
    }
  g_set_object (&self->pending_focus, row->focus);
  g_set_object (&self->pending_row, row->row);
  g_set_object (&self->pending_top, top);
  self->pending_clock = g_object_ref (clock);
  self->pending_frames = 0;
  self->pending_layout = g_signal_connect_after (clock, "layout", G_CALLBACK (focus_pending), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
}

/* ---- Levels ---- */

static void
on_add_level (VertebroForm *self)
{
  g_autoptr(VertebroLevel) level = NULL;
  guint n = g_list_model_get_n_items (vertebro_patient_get_levels (self->patient));

  if (n >= VERTEBRO_PATIENT_MAX_LEVELS)
    return;
  /* No vertebra is pre-filled: a wrong level is the never-event of spinal
   * procedures, so the clinician chooses it, and until then it is "Level N"
   * and listed under "To complete". */
  level = vertebro_level_new (NULL);
  vertebro_patient_add_level (self->patient, level);
  rebuild_levels (self);
  if (self->level_expanders->len > 0)
    {
      GtkWidget *expander = g_ptr_array_index (self->level_expanders, self->level_expanders->len - 1);

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
      /* The + button went with the old group: the focus goes on to the new
       * level's first field, its vertebra, shown under the level's heading. */
      for (guint i = 0; i < self->level_rows->len; i++)
        {
          FieldRow *row = g_ptr_array_index (self->level_rows, i);

          if (row->expander == expander)
            {
              focus_new_row (self, row, expander);
              break;
            }
        }
    }
}

static void
on_remove_level (GtkButton    *button,
                 VertebroForm *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  vertebro_patient_remove_level (self->patient, index);
  rebuild_levels (self);
  gtk_widget_grab_focus (self->add_level);
}

static GtkWidget *
replace_group (VertebroForm *self,
               GtkWidget    *old,
               const char   *title,
               const char   *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  if (old != NULL)
    {
      gtk_box_insert_child_after (GTK_BOX (self), group, old);
      gtk_box_remove (GTK_BOX (self), old);
    }
  else
    gtk_box_append (GTK_BOX (self), group);
  return group;
}

/* Every label of a level — its heading, its remove button, the accessible
 * names of its inputs — names its vertebra, or "Level N" while none is
 * chosen; they follow a new choice at once. */
static void
label_level (VertebroForm  *self,
             guint          index,
             VertebroLevel *level)
{
  GtkWidget *expander = g_ptr_array_index (self->level_expanders, index);
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

  for (guint i = 0; i < self->level_rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (self->level_rows, i);

      if (row->expander != expander)
        continue;
      g_free (row->label);
      /* Translators: a level and a field, "T12: Collapse"; the level may be "Level 2". */
      row->label = g_strdup_printf (_("%s: %s"), name, _(row->field->label));
      label_inputs (row);
    }
}

static void
on_level_chosen (VertebroLevel *level,
                 GParamSpec    *pspec,
                 VertebroForm  *self)
{
  guint index;

  if (g_list_store_find (G_LIST_STORE (vertebro_patient_get_levels (self->patient)), level, &index) &&
      index < self->level_expanders->len)
    label_level (self, index, level);
}

static void
rebuild_levels (VertebroForm *self)
{
  GListModel *levels = vertebro_patient_get_levels (self->patient);
  guint n = g_list_model_get_n_items (levels);
  guint n_fields;
  const VertebroField *fields = vertebro_fields_get (VERTEBRO_RECORD_LEVEL, &n_fields);

  g_ptr_array_set_size (self->level_rows, 0);
  g_ptr_array_set_size (self->level_expanders, 0);
  self->levels_group = replace_group (self, self->levels_group, _("Fracture Levels"),
                                      _("One entry for each fractured vertebra being considered, up to eight."));

  self->add_level = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (self->add_level, "flat");
  gtk_widget_set_tooltip_text (self->add_level, _("Add Level"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_level), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Level"), -1);
  gtk_widget_set_sensitive (self->add_level, n < VERTEBRO_PATIENT_MAX_LEVELS);
  g_signal_connect_swapped (self->add_level, "clicked", G_CALLBACK (on_add_level), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->levels_group), self->add_level);

  if (n == 0)
    {
      GtkWidget *empty = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), _("No levels entered yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (empty), _("Use the + button to add the fractured vertebra."));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->levels_group), empty);
    }

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
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_level), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->levels_group), expander);
      g_ptr_array_add (self->level_expanders, expander);

      for (guint f = 0; f < n_fields; f++)
        {
          g_autofree char *path = g_strdup_printf ("levels[%u].%s", i, fields[f].member);
          FieldRow *row = add_field (self, self->level_rows, expander, G_OBJECT (level), &fields[f], path, NULL);

          row->expander = expander;
        }
      label_level (self, i, level);
      g_signal_handlers_disconnect_by_func (level, on_level_chosen, self);
      g_signal_connect_object (level, "notify::level", G_CALLBACK (on_level_chosen), self, 0);
    }

  if (self->assessment != NULL)
    vertebro_form_show_assessment (self, self->assessment);
}

/* ---- Antithrombotics ---- */

static void
on_add_drug (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  VertebroForm *self = user_data;
  g_autoptr(VertebroAntithrombotic) drug = vertebro_antithrombotic_new (g_variant_get_string (parameter, NULL), NAN);

  vertebro_patient_add_antithrombotic (self->patient, drug);
  /* Listing a drug answers the question whether one is taken. */
  vertebro_patient_set_answer (self->patient, "history.on_antithrombotics", VERTEBRO_ANSWER_YES);
  rebuild_drugs (self);
  /* The new entry's first field: the name of an "other" medicine, or how
   * long a tabulated one is withheld. */
  for (guint i = 0; i < self->drug_rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (self->drug_rows, i);

      if (row->target == G_OBJECT (drug))
        {
          focus_new_row (self, row, NULL);
          break;
        }
    }
}

static void
on_remove_drug (GtkButton    *button,
                VertebroForm *self)
{
  /* The answer stays yes: the clinician says "no" once the list is empty. */
  vertebro_patient_remove_antithrombotic (self->patient, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
  rebuild_drugs (self);
  gtk_widget_grab_focus (self->add_drug);
}

/* A remove button at the end of @row, for the @index-th drug. */
static void
add_remove_drug_button (VertebroForm *self,
                        FieldRow     *row,
                        guint         index,
                        const char   *name)
{
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* Translators: %s is a drug’s name; the accessible name of a remove button. */
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), name);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_drug), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), remove);
}

/* A tabulated drug: how long it will have been withheld, in its unit, with
 * "no interruption planned yet" while nothing is entered. */
static void
add_held_row (VertebroForm           *self,
              VertebroAntithrombotic *drug,
              guint                   index)
{
  const VertebroField *drug_field = vertebro_fields_lookup (VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.drug");
  const VertebroField *held_field = vertebro_fields_lookup (VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.held");
  const char *id = vertebro_antithrombotic_get_drug (drug);
  const char *name = vertebro_field_choice_label (drug_field, id);
  gboolean doses = self->rules != NULL && vertebro_ruleset_get_drug_unit (self->rules, id) == VERTEBRO_HOLD_UNIT_DOSES;
  g_autofree char *path = g_strdup_printf ("antithrombotics[%u].held", index);
  /* Translators: "Clopidogrel: days withheld before the procedure", in days or in doses. */
  g_autofree char *label = g_strdup_printf (doses ? _("%s: doses withheld before the procedure")
                                                  /* Translators: %s is a drug’s name. */
                                                  : _("%s: days withheld before the procedure"),
                                            name);
  FieldRow *row = add_field (self, self->drug_rows, self->drugs_group, G_OBJECT (drug), held_field, path, label);
  /* Translators: the unit beside the number of a drug's hold. */
  GtkWidget *unit = gtk_label_new (doses ? _("doses") : _("days"));

  row->unit_label = g_strdup (gtk_label_get_text (GTK_LABEL (unit)));
  gtk_widget_add_css_class (unit, "dim-label");
  /* Before the remove button, after the number it measures. */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), unit);
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->focus), _("no interruption planned yet"));
  add_remove_drug_button (self, row, index, name);
}

/* An antithrombotic the rule set has no hold for: its name, and whether
 * its interruption was agreed with the prescriber or a haematologist. */
static void
add_other_rows (VertebroForm           *self,
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
  FieldRow *row;

  row = add_field (self, self->drug_rows, self->drugs_group, G_OBJECT (drug), name_field, name_path, name_label);
  if (name == NULL)
    set_invalid (row, _("Name the medicine"));
  add_remove_drug_button (self, row, index, shown);
  add_field (self, self->drug_rows, self->drugs_group, G_OBJECT (drug), agreed_field, agreed_path, agreed_label);
}

static void
rebuild_drugs (VertebroForm *self)
{
  const VertebroField *drug_field = vertebro_fields_lookup (VERTEBRO_RECORD_ANTITHROMBOTIC, "antithrombotic.drug");
  GListModel *drugs = vertebro_patient_get_antithrombotics (self->patient);
  g_autoptr(GMenu) menu = g_menu_new ();
  guint n = g_list_model_get_n_items (drugs);

  g_ptr_array_set_size (self->drug_rows, 0);
  self->drugs_group = replace_group (self, self->drugs_group, _("Antithrombotics"),
                                     _("Every antiplatelet or anticoagulant the patient takes, and how long it will have been withheld at the procedure."));

  /* A tabulated drug is listed once; "other" as often as needed. */
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
          g_menu_append (menu, _(drug_field->choices[i].label), action);
        }
    }

  self->add_drug = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->add_drug), "list-add-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->add_drug), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (self->add_drug, "flat");
  gtk_widget_set_tooltip_text (self->add_drug, _("Add Antithrombotic"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_drug), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Antithrombotic"), -1);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->drugs_group), self->add_drug);

  /* First the question, which an empty list never answers by itself. */
  add_field (self, self->drug_rows, self->drugs_group, G_OBJECT (self->patient),
             vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, "history.on_antithrombotics"),
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

  if (self->assessment != NULL)
    vertebro_form_show_assessment (self, self->assessment);
}

/* ---- Notes ---- */

static void
on_notes_changed (VertebroForm *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (self->notes, &start, &end);
  text = gtk_text_buffer_get_text (self->notes, &start, &end, FALSE);
  vertebro_patient_set_text (self->patient, "notes", text);
}

static void
add_notes (VertebroForm *self)
{
  GtkWidget *group = replace_group (self, NULL, _("Notes"), NULL);
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  self->notes = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (self->notes, vertebro_patient_get_text (self->patient, "notes"), -1);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 120);
  /* Tab leaves the notes, as in every other field; a note needs no tabs. */
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notes"), -1);
  gtk_widget_add_css_class (frame, "view");
  gtk_widget_add_css_class (frame, "notes");
  gtk_frame_set_child (GTK_FRAME (frame), view);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  g_signal_connect_swapped (self->notes, "changed", G_CALLBACK (on_notes_changed), self);
}

/* ---- Showing the assessment at the fields ---- */

/* The accessible description of the inputs: the unit, then the message shown
 * under the field (why it is invalid, a finding about it, a derived value).
 * Set only when it changes: every keystroke comes here for every field. */
static void
update_description (FieldRow   *row,
                    const char *message)
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

static void
set_message (FieldRow   *row,
             const char *text,
             const char *style)
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

static char *
info_for (VertebroForm       *self,
          FieldRow           *row,
          VertebroAssessment *assessment)
{
  int age, level, weeks;
  double crcl;

  if (g_str_equal (row->path, "history.pain_onset_date") &&
      vertebro_assessment_get_weeks_since_onset (assessment, &weeks))
    /* Translators: shown under the date the pain began: how long the patient has had it. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Pain for %d week", "Pain for %d weeks", weeks), weeks);

  if (g_str_equal (row->path, "patient.birth_date") && vertebro_assessment_get_age (assessment, &age))
    /* Translators: shown under the birth date: the patient’s age on the assessment date. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Age %d year", "Age %d years", age), age);

  if (g_str_equal (row->path, "labs.creatinine_umol_l") &&
      !vertebro_patient_is_set (self->patient, "labs.crcl") &&
      vertebro_assessment_get_crcl (assessment, &crcl))
    {
      g_autofree char *value = vertebro_format_number (crcl, VERTEBRO_TEXT_LOCALIZED);
      /* Translators: %s is a creatinine clearance. */
      return g_strdup_printf (_("Creatinine clearance by Cockcroft–Gault: %s mL/min"), value);
    }

  /* sscanf() matches any "levels[N]." path: the suffix is checked apart. */
  if (g_str_has_suffix (row->path, "].collapse_percent") &&
      sscanf (row->path, "levels[%d].", &level) == 1 &&
      level >= 0 && (guint) level < vertebro_assessment_get_n_levels (assessment) &&
      vertebro_assessment_get_level_genant (assessment, (guint) level) >= 0)
    /* Translators: shown under a level’s collapse: the Genant grade of the fracture, 0 to 3. */
    return g_strdup_printf (_("Genant grade %d"), vertebro_assessment_get_level_genant (assessment, (guint) level));

  return NULL;
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

/* An identifier with invisible controls reads as another ("\u202E4321-NRM"
 * shows as "MRN-1234", issue 19): a warning under it shows what it holds.
 * The value itself is kept as typed. */
static char *
controls_warning (FieldRow *row)
{
  const char *text;
  g_autofree char *revealed = NULL;

  if (g_strcmp0 (row->path, "patient.identifier") != 0)
    return NULL;
  text = gtk_editable_get_text (GTK_EDITABLE (row->row));
  if (!vertebro_text_has_invisible_controls (text))
    return NULL;
  revealed = vertebro_text_reveal_controls (text, FALSE);
  /* Translators: a warning under the identifier field; %s is the identifier with its invisible
   * characters shown as <U+202E>. */
  return g_strdup_printf (_("Holds invisible characters that change how it reads: %s"), revealed);
}

static void
show_messages (VertebroForm *self,
               GPtrArray    *only)
{
  GPtrArray *groups[] = { self->rows, self->level_rows, self->drug_rows };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; i < groups[g]->len; i++)
      {
        FieldRow *row = g_ptr_array_index (groups[g], i);
        g_autofree char *hint = NULL;
        g_autofree char *info = NULL;

        if (only != NULL && only != groups[g])
          continue;
        if (row->invalid != NULL)
          {
            set_message (row, row->invalid, "error");
            continue;
          }
        /* A count that looks typed in the other unit comes first: the
         * findings about it may rest on a slip of the unit. */
        if (row->unit != NULL)
          hint = vertebro_input_dup_unit_hint (row->field,
                                               vertebro_patient_get_number (self->patient, row->path),
                                               gtk_drop_down_get_selected (GTK_DROP_DOWN (row->unit)));
        if (self->assessment != NULL && hint == NULL)
          {
            hint = vertebro_assessment_dup_field_hint (self->assessment, row->path);
            info = hint == NULL ? info_for (self, row, self->assessment) : NULL;
          }
        if (hint == NULL)
          hint = controls_warning (row);
        set_message (row, hint != NULL ? hint : info, hint != NULL ? "warning" : "dim-label");
      }
}

/**
 * vertebro_form_show_assessment:
 * @self: a form
 * @assessment: the patient's current assessment
 *
 * Shows conditional questions the assessment needs (a hidden answer is kept
 * and comes back with its question), the findings under the fields they
 * looked at, and derived values (age, Cockcroft–Gault, Genant grade).
 */
void
vertebro_form_show_assessment (VertebroForm       *self,
                               VertebroAssessment *assessment)
{
  g_return_if_fail (VERTEBRO_IS_FORM (self));

  if (self->assessment != assessment)
    {
      g_clear_pointer (&self->assessment, vertebro_assessment_unref);
      self->assessment = vertebro_assessment_ref (assessment);
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (self->rows, i);

      /* A question asked only when needed stays while it is answered yes:
       * a recorded pregnancy is never hidden. */
      if (row->shown_when_needed != NULL)
        gtk_widget_set_visible (row->row, vertebro_assessment_is_needed (assessment, row->shown_when_needed) ||
                                          (row->field->kind == VERTEBRO_FIELD_ANSWER &&
                                           vertebro_patient_get_answer (self->patient, row->path) == VERTEBRO_ANSWER_YES));
    }

  for (guint i = 0; i < self->level_expanders->len && i < vertebro_assessment_get_n_levels (assessment); i++)
    {
      GtkWidget *expander = g_ptr_array_index (self->level_expanders, i);
      int genant = vertebro_assessment_get_level_genant (assessment, i);
      g_autofree char *subtitle = NULL;

      if (genant >= 0)
        /* Translators: a level's verdict and its Genant grade. */
        subtitle = g_strdup_printf (_("%s · Genant grade %d"),
                                    vertebro_verdict_get_label (vertebro_assessment_get_level_verdict (assessment, i)), genant);
      else
        subtitle = g_strdup (vertebro_verdict_get_label (vertebro_assessment_get_level_verdict (assessment, i)));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      expander_row_describe (ADW_EXPANDER_ROW (expander), subtitle);
    }

  show_messages (self, NULL);
}

/* ---- The form ---- */

static void
clear_form (VertebroForm *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_box_remove (GTK_BOX (self), child);
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->level_rows, 0);
  g_ptr_array_set_size (self->drug_rows, 0);
  g_ptr_array_set_size (self->level_expanders, 0);
  self->levels_group = self->drugs_group = NULL;
  self->notes = NULL;
}

/**
 * vertebro_form_set_patient:
 * @self: a form
 * @patient: the patient the form edits
 * @rules: the rule set in force (for the drugs' units)
 */
void
vertebro_form_set_patient (VertebroForm    *self,
                           VertebroPatient *patient,
                           VertebroRuleset *rules)
{
  const VertebroLayoutSection *sections;
  guint n_sections;

  g_return_if_fail (VERTEBRO_IS_FORM (self));
  g_return_if_fail (VERTEBRO_IS_PATIENT (patient));

  clear_form (self);
  g_clear_pointer (&self->assessment, vertebro_assessment_unref);
  g_set_object (&self->patient, patient);
  g_set_object (&self->rules, rules);

  sections = vertebro_layout_get_sections (&n_sections);
  for (guint s = 0; s < n_sections; s++)
    {
      GtkWidget *group;

      switch (sections[s].kind)
        {
        case VERTEBRO_LAYOUT_LEVELS:
          rebuild_levels (self);
          continue;
        case VERTEBRO_LAYOUT_DRUGS:
          rebuild_drugs (self);
          continue;
        case VERTEBRO_LAYOUT_NOTES:
          add_notes (self);
          continue;
        case VERTEBRO_LAYOUT_FIELDS:
        default:
          break;
        }

      group = replace_group (self, NULL, _(sections[s].title), NULL);
      for (const VertebroLayoutField *f = sections[s].fields; f->path != NULL; f++)
        {
          const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, f->path);
          FieldRow *row = add_field (self, self->rows, group, G_OBJECT (patient), field, f->path, NULL);

          row->shown_when_needed = f->shown_when_needed;
          if (f->shown_when_needed != NULL)
            gtk_widget_set_visible (row->row, FALSE);
        }
    }
}

GPtrArray *
vertebro_form_get_invalid (VertebroForm *self)
{
  GPtrArray *invalid = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_invalid_entry_free);
  GPtrArray *groups[] = { self->rows, self->level_rows, self->drug_rows };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; i < groups[g]->len; i++)
      {
        FieldRow *row = g_ptr_array_index (groups[g], i);
        VertebroInvalidEntry *entry;

        if (row->invalid == NULL)
          continue;
        entry = g_new0 (VertebroInvalidEntry, 1);
        entry->path = g_strdup (row->path);
        entry->label = g_strdup (row->label);
        entry->message = g_strdup (row->invalid);
        g_ptr_array_add (invalid, entry);
      }
  return invalid;
}

static FieldRow *
find_row (VertebroForm *self,
          const char   *path)
{
  GPtrArray *groups[] = { self->rows, self->level_rows, self->drug_rows };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; i < groups[g]->len; i++)
      {
        FieldRow *row = g_ptr_array_index (groups[g], i);

        if (g_str_equal (row->path, path))
          return row;
      }
  return NULL;
}

const char *
vertebro_form_get_field_label (VertebroForm *self,
                               const char   *path)
{
  FieldRow *row = find_row (self, path);

  if (row != NULL)
    return row->label;
  if (g_str_equal (path, "levels"))
    return _("Fracture level");
  return path;
}

/**
 * vertebro_form_focus_field:
 * @self: a form
 * @path: a field path as the assessment names it
 *
 * Moves the keyboard focus to the field (for "To complete").
 *
 * Returns: whether there is such a field
 */
gboolean
vertebro_form_focus_field (VertebroForm *self,
                           const char   *path)
{
  FieldRow *row;

  g_return_val_if_fail (VERTEBRO_IS_FORM (self), FALSE);

  if (g_str_equal (path, "levels"))
    return gtk_widget_grab_focus (self->add_level);

  row = find_row (self, path);
  if (row == NULL)
    return FALSE;
  if (row->expander != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->expander), TRUE);
  gtk_widget_set_visible (row->row, TRUE);
  return gtk_widget_grab_focus (row->focus);
}

static void
vertebro_form_dispose (GObject *object)
{
  VertebroForm *self = (VertebroForm *)object;

  clear_pending_focus (self);
  clear_form (self);
  g_clear_object (&self->patient);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->assessment, vertebro_assessment_unref);

  G_OBJECT_CLASS (vertebro_form_parent_class)->dispose (object);
}

static void
vertebro_form_finalize (GObject *object)
{
  VertebroForm *self = (VertebroForm *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->level_rows, g_ptr_array_unref);
  g_clear_pointer (&self->drug_rows, g_ptr_array_unref);
  g_clear_pointer (&self->level_expanders, g_ptr_array_unref);

  G_OBJECT_CLASS (vertebro_form_parent_class)->finalize (object);
}

/* The field whose unit a property keeps. */
static const VertebroField *
unit_field (guint prop_id)
{
  return vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT,
                                 prop_id == PROP_PLATELET_UNIT ? "labs.platelets" : "labs.creatinine_umol_l");
}

static void
vertebro_form_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VertebroForm *self = VERTEBRO_FORM (object);

  switch (prop_id)
    {
    case PROP_PLATELET_UNIT:
    case PROP_CREATININE_UNIT:
      {
        const VertebroField *field = unit_field (prop_id);
        guint n_units;

        g_value_set_string (value, vertebro_input_get_units (field, &n_units)[*remembered_unit (self, field, NULL)].id);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vertebro_form_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VertebroForm *self = VERTEBRO_FORM (object);

  switch (prop_id)
    {
    case PROP_PLATELET_UNIT:
    case PROP_CREATININE_UNIT:
      {
        const VertebroField *field = unit_field (prop_id);
        guint *remembered = remembered_unit (self, field, NULL);
        /* An unknown unit is the field's own. */
        guint unit = (guint) MAX (0, vertebro_input_find_unit (field, g_value_get_string (value)));

        if (unit == *remembered)
          return;
        *remembered = unit;
        g_object_notify_by_pspec (object, pspec);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vertebro_form_class_init (VertebroFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vertebro_form_dispose;
  object_class->finalize = vertebro_form_finalize;
  object_class->get_property = vertebro_form_get_property;
  object_class->set_property = vertebro_form_set_property;

  /**
   * VertebroForm:platelet-unit:
   *
   * The unit the platelet count is typed in first: "per-microlitre" or
   * "10e9-per-litre" (the file always stores per µL). Kept in GSettings.
   */
  properties[PROP_PLATELET_UNIT] =
    g_param_spec_string ("platelet-unit", NULL, NULL, "10e9-per-litre",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * VertebroForm:creatinine-unit:
   *
   * The unit serum creatinine is typed in first: "micromol-per-litre" or
   * "mg-per-decilitre" (the file always stores µmol/L). Kept in GSettings.
   */
  properties[PROP_CREATININE_UNIT] =
    g_param_spec_string ("creatinine-unit", NULL, NULL, "micromol-per-litre",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VertebroForm::invalid-changed:
   *
   * Emitted when an entry becomes invalid or valid again.
   */
  signals[INVALID_CHANGED] = g_signal_new ("invalid-changed",
                                           G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
}

static void
vertebro_form_init (VertebroForm *self)
{
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  static const GActionEntry entries[] = {
    { "add-drug", on_add_drug, "s" },
  };

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 24);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) field_row_free);
  self->level_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) field_row_free);
  self->drug_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) field_row_free);
  self->level_expanders = g_ptr_array_new ();
  self->platelet_unit = vertebro_input_get_usual_unit (unit_field (PROP_PLATELET_UNIT));
  self->creatinine_unit = vertebro_input_get_usual_unit (unit_field (PROP_CREATININE_UNIT));

  g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "form", G_ACTION_GROUP (actions));
}

GtkWidget *
vertebro_form_new (void)
{
  return g_object_new (VERTEBRO_TYPE_FORM, NULL);
}
