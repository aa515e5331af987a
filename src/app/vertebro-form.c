/* vertebro-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The patient form. Its rows are made from the field table
 * (src/core/vertebro-fields.c) in the order of src/core/vertebro-layout.c,
 * which is the order a clinician fills them in: to move a field, move its
 * line there. Each field is a VertebroFieldRow (vertebro-field-row.c); the
 * fracture levels and the antithrombotics are sections of their own
 * (vertebro-levels-section.c, vertebro-drugs-section.c).
 *
 * Widgets show state and report edits; they decide nothing clinical: the
 * hints under fields are the findings of the rule set that looked at that
 * field, and the core says which units a field takes and when a value
 * looks typed in the wrong one.
 */

#define G_LOG_DOMAIN "vertebro-form"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "vertebro-drugs-section.h"
#include "vertebro-form-private.h"
#include "vertebro-layout.h"
#include "vertebro-first-paint.h"
#include "vertebro-levels-section.h"

struct _VertebroForm
{
  GtkBox            parent_instance;

  VertebroDocument *document;
  guint             n_built;       /* the sections built so far, of vertebro_layout_get_sections() */
  VertebroFirstPaint *rest_wait;   /* for the window's first frame, to build the rest */
  VertebroPatient  *patient;
  VertebroRuleset  *rules;
  GPtrArray        *rows;        /* VertebroFieldRow of the fixed sections */
  GtkWidget        *levels;      /* VertebroLevelsSection */
  GtkWidget        *drugs;       /* VertebroDrugsSection */
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

/* The rows of every field, in form order; @groups has room for three. */
static guint
row_groups (VertebroForm *self,
            GPtrArray    *groups[3])
{
  guint n = 0;

  groups[n++] = self->rows;
  if (self->levels != NULL)
    groups[n++] = vertebro_levels_section_get_rows (VERTEBRO_LEVELS_SECTION (self->levels));
  if (self->drugs != NULL)
    groups[n++] = vertebro_drugs_section_get_rows (VERTEBRO_DRUGS_SECTION (self->drugs));
  return n;
}

/* ---- What the field rows and the sections ask of the form ---- */

/* The unit the user last chose for @field, and the property that keeps it. */
static guint *
remembered_unit (VertebroForm         *self,
                 const VertebroField  *field,
                 GParamSpec          **pspec)
{
  gboolean platelets = g_str_equal (field->path, "labs.platelets");

  if (pspec != NULL)
    *pspec = properties[platelets ? PROP_PLATELET_UNIT : PROP_CREATININE_UNIT];
  return platelets ? &self->platelet_unit : &self->creatinine_unit;
}

guint
vertebro_form_get_unit (VertebroForm        *self,
                        const VertebroField *field)
{
  return *remembered_unit (self, field, NULL);
}

/* The unit chosen beside a field typed in several: remembered for the next
 * time (and kept in GSettings by the window). */
void
vertebro_form_set_unit (VertebroForm        *self,
                        const VertebroField *field,
                        guint                unit)
{
  GParamSpec *pspec;
  guint *remembered = remembered_unit (self, field, &pspec);

  if (unit == *remembered)
    return;
  *remembered = unit;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

VertebroPatient *
vertebro_form_get_patient (VertebroForm *self)
{
  return self->patient;
}

VertebroRuleset *
vertebro_form_get_rules (VertebroForm *self)
{
  return self->rules;
}

void
vertebro_form_invalid_changed (VertebroForm *self)
{
  g_signal_emit (self, signals[INVALID_CHANGED], 0);
}

void
vertebro_form_show_assessment_again (VertebroForm *self)
{
  if (self->assessment != NULL)
    vertebro_form_show_assessment (self, self->assessment);
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
void
vertebro_form_focus_new_row (VertebroForm     *self,
                             VertebroFieldRow *row,
                             GtkWidget        *top)
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

/* ---- Notes ---- */

static GtkWidget *
add_group (VertebroForm *self,
           const char   *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (self), group);
  return group;
}

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
  GtkWidget *group = add_group (self, _("Notes"));
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

static char *
info_for (VertebroForm       *self,
          VertebroFieldRow   *row,
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

/* An identifier with invisible controls reads as another ("\u202E4321-NRM"
 * shows as "MRN-1234", issue 19): a warning under it shows what it holds.
 * The value itself is kept as typed. */
static char *
controls_warning (VertebroFieldRow *row)
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

/* Shows under each field why it is invalid, a hint (a finding about it or a
 * unit that looks wrong) or a value derived from it. */
void
vertebro_form_show_messages (VertebroForm *self)
{
  GPtrArray *groups[3];
  guint n_groups = row_groups (self, groups);

  for (guint g = 0; g < n_groups; g++)
    for (guint i = 0; i < groups[g]->len; i++)
      {
        VertebroFieldRow *row = g_ptr_array_index (groups[g], i);
        g_autofree char *hint = NULL;
        g_autofree char *info = NULL;

        if (row->invalid != NULL)
          {
            vertebro_field_row_set_message (row, row->invalid, "error");
            continue;
          }
        /* A count that looks typed in the other unit comes first: the
         * findings about it may rest on a slip of the unit. */
        if (row->unit != NULL)
          hint = vertebro_input_dup_unit_hint (row->field,
                                               vertebro_patient_get_number (self->patient, row->path),
                                               vertebro_field_row_get_unit (row));
        if (self->assessment != NULL && hint == NULL)
          {
            hint = vertebro_assessment_dup_field_hint (self->assessment, row->path);
            info = hint == NULL ? info_for (self, row, self->assessment) : NULL;
          }
        if (hint == NULL)
          hint = controls_warning (row);
        vertebro_field_row_set_message (row, hint != NULL ? hint : info, hint != NULL ? "warning" : "dim-label");
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
      VertebroFieldRow *row = g_ptr_array_index (self->rows, i);

      /* A question asked only when needed (the core says when). */
      if (row->layout->shown_when_needed != NULL)
        gtk_widget_set_visible (row->row, vertebro_layout_field_is_shown (row->layout, self->patient, assessment));
    }

  if (self->levels != NULL)
    vertebro_levels_section_show_assessment (VERTEBRO_LEVELS_SECTION (self->levels), assessment);

  vertebro_form_show_messages (self);
}

/* ---- The form ---- */

static void
clear_form (VertebroForm *self)
{
  GtkWidget *child;

  /* The sections take their rows with them: the form no longer asks them. */
  self->levels = self->drugs = NULL;
  self->notes = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_box_remove (GTK_BOX (self), child);
  g_ptr_array_set_size (self->rows, 0);
}

/* The sections a window shows when it opens; those under them are built
 * just after its first frame (vertebro-first-paint.c). */
#define SECTIONS_FIRST 3

static void
build_section (VertebroForm                *self,
               const VertebroLayoutSection *section)
{
  GtkWidget *group;

  switch (section->kind)
    {
    case VERTEBRO_LAYOUT_LEVELS:
      self->levels = vertebro_levels_section_new (self);
      gtk_box_append (GTK_BOX (self), self->levels);
      return;
    case VERTEBRO_LAYOUT_DRUGS:
      self->drugs = vertebro_drugs_section_new (self);
      gtk_box_append (GTK_BOX (self), self->drugs);
      return;
    case VERTEBRO_LAYOUT_NOTES:
      add_notes (self);
      return;
    case VERTEBRO_LAYOUT_FIELDS:
    default:
      break;
    }

  group = add_group (self, _(section->title));
  for (const VertebroLayoutField *f = section->fields; f->path != NULL; f++)
    {
      const VertebroField *field = vertebro_fields_lookup (VERTEBRO_RECORD_PATIENT, f->path);
      VertebroFieldRow *row = vertebro_field_row_new (self, group, G_OBJECT (self->patient), field, f->path, NULL);

      g_ptr_array_add (self->rows, row);

      row->layout = f;
      if (f->shown_when_needed != NULL)
        gtk_widget_set_visible (row->row, FALSE);
    }
}

/* The sections not built yet, now: the window has painted, or a field of
 * theirs is asked for. */
static void
build_rest (VertebroForm *self)
{
  const VertebroLayoutSection *sections;
  guint n_sections;

  g_clear_pointer (&self->rest_wait, vertebro_first_paint_cancel);
  sections = vertebro_layout_get_sections (&n_sections);
  if (self->patient == NULL || self->n_built >= n_sections)
    return;
  for (; self->n_built < n_sections; self->n_built++)
    build_section (self, &sections[self->n_built]);
  vertebro_form_show_assessment_again (self);
}

static gboolean
build_rest_later (gpointer data)
{
  VertebroForm *self = data;

  self->rest_wait = NULL;
  build_rest (self);
  return G_SOURCE_REMOVE;
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

  g_clear_pointer (&self->rest_wait, vertebro_first_paint_cancel);
  clear_form (self);
  g_clear_pointer (&self->assessment, vertebro_assessment_unref);
  g_set_object (&self->patient, patient);
  g_set_object (&self->rules, rules);

  /* Once the window is shown, the whole form is built at once. */
  sections = vertebro_layout_get_sections (&n_sections);
  for (self->n_built = 0; self->n_built < n_sections; self->n_built++)
    {
      if (self->n_built == SECTIONS_FIRST && !gtk_widget_get_mapped (GTK_WIDGET (self)))
        {
          self->rest_wait = vertebro_first_paint_wait (GTK_WIDGET (self), build_rest_later, self);
          break;
        }
      build_section (self, &sections[self->n_built]);
    }
}

/* The document's patient is the one edited here. */
static void
on_document_patient (VertebroForm *self)
{
  vertebro_form_set_patient (self, vertebro_document_get_patient (self->document),
                             vertebro_document_get_rules (self->document));
}

static void
on_document_assessment (VertebroForm *self)
{
  vertebro_form_show_assessment (self, vertebro_document_get_assessment (self->document));
}

/* What the form cannot take is the document's to show. */
static void
on_invalid_changed (VertebroForm *self)
{
  g_autoptr(GPtrArray) invalid = vertebro_form_get_invalid (self);

  vertebro_document_set_invalid (self->document, invalid);
}

/**
 * vertebro_form_set_document:
 * @self: a form
 * @document: the document whose patient the form edits
 *
 * The form edits @document's patient (and the one that replaces it when
 * another file is opened), shows its assessment at the fields, and hands
 * it the entries it could not take.
 */
void
vertebro_form_set_document (VertebroForm     *self,
                            VertebroDocument *document)
{
  g_return_if_fail (VERTEBRO_IS_FORM (self));
  g_return_if_fail (VERTEBRO_IS_DOCUMENT (document));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  g_signal_connect_object (document, "notify::patient", G_CALLBACK (on_document_patient), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::assessment", G_CALLBACK (on_document_assessment), self,
                           G_CONNECT_SWAPPED);
  if (!g_signal_handler_find (self, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_invalid_changed, NULL))
    g_signal_connect (self, "invalid-changed", G_CALLBACK (on_invalid_changed), NULL);
  on_document_patient (self);
  on_document_assessment (self);
}

GPtrArray *
vertebro_form_get_invalid (VertebroForm *self)
{
  GPtrArray *invalid = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_invalid_entry_free);
  GPtrArray *groups[3];
  guint n_groups = row_groups (self, groups);

  for (guint g = 0; g < n_groups; g++)
    for (guint i = 0; i < groups[g]->len; i++)
      {
        VertebroFieldRow *row = g_ptr_array_index (groups[g], i);

        if (row->invalid != NULL)
          g_ptr_array_add (invalid, vertebro_invalid_entry_new (row->path, row->label, row->invalid));
      }
  return invalid;
}

static VertebroFieldRow *
find_row (VertebroForm *self,
          const char   *path)
{
  GPtrArray *groups[3];
  guint n_groups = row_groups (self, groups);

  for (guint g = 0; g < n_groups; g++)
    for (guint i = 0; i < groups[g]->len; i++)
      {
        VertebroFieldRow *row = g_ptr_array_index (groups[g], i);

        if (g_str_equal (row->path, path))
          return row;
      }
  return NULL;
}

const char *
vertebro_form_get_field_label (VertebroForm *self,
                               const char   *path)
{
  VertebroFieldRow *row = find_row (self, path);

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
  VertebroFieldRow *row;

  g_return_val_if_fail (VERTEBRO_IS_FORM (self), FALSE);

  build_rest (self);
  if (g_str_equal (path, "levels"))
    return self->levels != NULL && vertebro_levels_section_focus_add (VERTEBRO_LEVELS_SECTION (self->levels));

  row = find_row (self, path);
  if (row == NULL)
    return FALSE;
  if (row->expander != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->expander), TRUE);
  gtk_widget_set_visible (row->row, TRUE);
  return gtk_widget_grab_focus (row->focus);
}

/* What choosing a drug in the menu of "Add Antithrombotic" does. */
static void
on_add_drug (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  VertebroForm *self = user_data;

  build_rest (self);
  if (self->drugs != NULL)
    vertebro_drugs_section_add (VERTEBRO_DRUGS_SECTION (self->drugs), g_variant_get_string (parameter, NULL));
}

static void
vertebro_form_dispose (GObject *object)
{
  VertebroForm *self = (VertebroForm *)object;

  clear_pending_focus (self);
  g_clear_pointer (&self->rest_wait, vertebro_first_paint_cancel);
  clear_form (self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
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
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) vertebro_field_row_free);
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
