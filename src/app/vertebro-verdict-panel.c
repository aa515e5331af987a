/* vertebro-verdict-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The verdict panel beside the form, redrawn from each new assessment: the
 * verdict in words with an icon and a colour (never colour alone) and the
 * levels that qualify; each level's verdict; entries that are invalid and
 * not used; the findings, worst first, with their remedies and sources;
 * "To complete", whose rows move the focus to their field; the checklist,
 * whose ticks are part of the document; the counselling list; and which
 * rule set is in force.
 *
 * Each section keeps its rows from one assessment to the next: a row is
 * keyed by everything it shows, built only for a key it did not show
 * before and dropped when its key goes. A keystroke that adds one finding
 * builds and lays out that one row, and ticking a checklist box keeps the
 * keyboard focus where it is.
 */

#define G_LOG_DOMAIN "vertebro-verdict-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "vertebro-first-paint.h"
#include "vertebro-panel-row.h"
#include "vertebro-verdict-panel.h"

/* ---- The verdict box ----
 *
 * A Tab stop of its own, so that the keyboard reaches the verdict and a
 * screen reader reads it (its accessible name is the whole verdict). A
 * GtkBox only ever passes the focus on to its children, and none of these
 * takes it.
 */

#define VERTEBRO_TYPE_VERDICT_BOX (vertebro_verdict_box_get_type ())
G_DECLARE_FINAL_TYPE (VertebroVerdictBox, vertebro_verdict_box, VERTEBRO, VERDICT_BOX, GtkBox)

struct _VertebroVerdictBox
{
  GtkBox parent_instance;
};

G_DEFINE_FINAL_TYPE (VertebroVerdictBox, vertebro_verdict_box, GTK_TYPE_BOX)

static gboolean
vertebro_verdict_box_grab_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root == NULL || !gtk_widget_get_focusable (widget))
    return FALSE;
  gtk_root_set_focus (root, widget);
  return TRUE;
}

/* One step in, one step out, whichever the direction. */
static gboolean
vertebro_verdict_box_focus (GtkWidget        *widget,
                            GtkDirectionType  direction)
{
  if (gtk_widget_is_focus (widget))
    return FALSE;
  return gtk_widget_grab_focus (widget);
}

static void
vertebro_verdict_box_class_init (VertebroVerdictBoxClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->focus = vertebro_verdict_box_focus;
  widget_class->grab_focus = vertebro_verdict_box_grab_focus;
}

static void
vertebro_verdict_box_init (VertebroVerdictBox *self)
{
}

/* ---- The panel ---- */

/* The sections below the verdict, in the order they are shown. */
typedef enum {
  SECTION_LEVELS,
  SECTION_INVALID,
  SECTION_FINDINGS,
  SECTION_MISSING,
  SECTION_CHECKLIST,
  SECTION_COUNSEL,
  N_SECTIONS
} SectionId;

typedef struct {
  GtkWidget  *group;  /* AdwPreferencesGroup: the title and description */
  GtkWidget  *list;   /* the boxed list of its rows */
  GHashTable *rows;   /* key → row; the list owns the rows */
} Section;

struct _VertebroVerdictPanel
{
  GtkBox           parent_instance;

  GtkWidget       *verdict_box;

  GtkWidget            *decision_box;

  GtkWidget            *record_notice;

  GtkWidget            *record_notice_label;

  GtkWidget            *decision_label;

  GtkWidget            *decision_reason;

  GtkWidget            *decision_against;

  GtkWidget            *decision_stale;

  GtkWidget            *decision_stale_label;

  GtkWidget            *decision_button;
  GtkWidget       *verdict_icon;
  GtkWidget       *verdict_label;
  GtkWidget       *summary_label;
  GtkWidget       *qualifying_label;
  GtkWidget       *sections;      /* GtkBox of the sections' groups */
  GtkWidget       *rules_label;

  VertebroRuleset *rules;
  VertebroDocument *document;
  VertebroPatient *patient;
  Section          section[N_SECTIONS];
  char            *verdict_text;

  /* The checklist and the counselling wait for the window's first frame. */
  gboolean            lower_pending;
  VertebroFirstPaint *lower_wait;
};

G_DEFINE_FINAL_TYPE (VertebroVerdictPanel, vertebro_verdict_panel, GTK_TYPE_BOX)

enum {
  FOCUS_FIELD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
vertebro_verdict_get_style_class (VertebroVerdict verdict)
{
  switch (verdict)
    {
    case VERTEBRO_VERDICT_CONTRAINDICATED: return "verdict-contraindicated";
    case VERTEBRO_VERDICT_NOT_INDICATED: return "verdict-not-indicated";
    case VERTEBRO_VERDICT_INCOMPLETE: return "verdict-incomplete";
    case VERTEBRO_VERDICT_NOT_READY: return "verdict-not-ready";
    case VERTEBRO_VERDICT_REVIEW: return "verdict-review";
    case VERTEBRO_VERDICT_ELIGIBLE: return "verdict-eligible";
    default: g_return_val_if_reached (NULL);
    }
}

const char *
vertebro_verdict_get_icon_name (VertebroVerdict verdict)
{
  switch (verdict)
    {
    case VERTEBRO_VERDICT_CONTRAINDICATED: return "process-stop-symbolic";
    case VERTEBRO_VERDICT_NOT_INDICATED: return "action-unavailable-symbolic";
    case VERTEBRO_VERDICT_INCOMPLETE: return "vertebro-incomplete-symbolic";
    case VERTEBRO_VERDICT_NOT_READY: return "dialog-warning-symbolic";
    case VERTEBRO_VERDICT_REVIEW: return "system-users-symbolic";
    case VERTEBRO_VERDICT_ELIGIBLE: return "emblem-ok-symbolic";
    default: g_return_val_if_reached (NULL);
    }
}

static const char *
severity_icon (VertebroSeverity severity)
{
  switch (severity)
    {
    case VERTEBRO_SEVERITY_ABSOLUTE: return "process-stop-symbolic";
    case VERTEBRO_SEVERITY_NOT_INDICATED: return "action-unavailable-symbolic";
    case VERTEBRO_SEVERITY_REQUIREMENT: return "dialog-warning-symbolic";
    case VERTEBRO_SEVERITY_RELATIVE: return "system-users-symbolic";
    case VERTEBRO_SEVERITY_CAUTION: return "dialog-information-symbolic";
    case VERTEBRO_SEVERITY_INFO: return "help-about-symbolic";
    default: g_return_val_if_reached (NULL);
    }
}

static GtkWidget *
prefix_icon (const char *icon_name,
             const char *style)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  if (style != NULL)
    gtk_widget_add_css_class (icon, style);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  return icon;
}

/* A row of "To complete" or of the invalid entries goes to its field; a
 * finding shows or hides its sources; a checklist row ticks its box. */
static void
on_row_activated (GtkListBox           *list,
                  GtkListBoxRow        *row,
                  VertebroVerdictPanel *self)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");
  GtkWidget *check = g_object_get_data (G_OBJECT (row), "check");

  if (path != NULL)
    g_signal_emit (self, signals[FOCUS_FIELD], 0, path);
  else if (check != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  else if (VERTEBRO_IS_PANEL_ROW (row))
    vertebro_panel_row_set_expanded (VERTEBRO_PANEL_ROW (row), !vertebro_panel_row_get_expanded (VERTEBRO_PANEL_ROW (row)));
}

/* Builds the row for item @i of what a section shows. */
typedef GtkWidget *(*BuildRow) (VertebroVerdictPanel *self,
                                gpointer              data,
                                guint                 i);

/* Shows one row per key of @keys, in that order: rows whose key was shown
 * before stay as they are, the others are built by @build, and rows whose
 * key is gone are removed. A section without rows is hidden. */
static void
update_rows (VertebroVerdictPanel *self,
             SectionId             id,
             GPtrArray            *keys,
             BuildRow              build,
             gpointer              data)
{
  Section *section = &self->section[id];
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, row;

  /* Two items that show the same are told apart by their rank. */
  for (guint i = 0; i < keys->len; i++)
    {
      char *k = g_ptr_array_index (keys, i);

      for (guint n = 2; g_hash_table_contains (wanted, k); n++)
        {
          char *ranked = g_strdup_printf ("%s\x1f%u", (char *) g_ptr_array_index (keys, i), n);

          g_ptr_array_index (keys, i) = ranked;
          g_free (k);
          k = ranked;
        }
      g_hash_table_add (wanted, k);
    }

  g_hash_table_iter_init (&iter, section->rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    if (!g_hash_table_contains (wanted, key))
      {
        gtk_list_box_remove (GTK_LIST_BOX (section->list), row);
        g_hash_table_iter_remove (&iter);
      }

  for (guint i = 0; i < keys->len; i++)
    {
      const char *k = g_ptr_array_index (keys, i);

      row = g_hash_table_lookup (section->rows, k);
      if (row == NULL)
        {
          row = build (self, data, i);
          gtk_list_box_insert (GTK_LIST_BOX (section->list), row, (int) i);
          g_hash_table_insert (section->rows, g_strdup (k), row);
        }
      else if (gtk_list_box_row_get_index (row) != (int) i)
        {
          /* Kept, but moved: rows in between went or came after it. */
          g_object_ref (row);
          gtk_list_box_remove (GTK_LIST_BOX (section->list), row);
          gtk_list_box_insert (GTK_LIST_BOX (section->list), row, (int) i);
          g_object_unref (row);
        }
    }

  gtk_widget_set_visible (section->group, keys->len > 0);
}

static void
clear_rows (VertebroVerdictPanel *self,
            SectionId             id)
{
  Section *section = &self->section[id];
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, section->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    {
      gtk_list_box_remove (GTK_LIST_BOX (section->list), row);
      g_hash_table_iter_remove (&iter);
    }
}

static void
show_decision (VertebroVerdictPanel *self,
               VertebroAssessment   *assessment)
{
  gboolean against, stale;
  JsonObject *decision = vertebro_assessment_get_decision (assessment, &against, &stale);
  VertebroVerdict verdict = vertebro_assessment_get_verdict (assessment);

  gtk_widget_set_visible (self->decision_box, decision != NULL || verdict == VERTEBRO_VERDICT_REVIEW);
  gtk_button_set_label (GTK_BUTTON (self->decision_button), decision != NULL ? _("Change Decision…") : _("Record Decision…"));
  if (decision != NULL)
    {
      g_autofree char *line = vertebro_decision_describe (decision);
      /* Translators: the decision recorded after the assessment, in words. */
      g_autofree char *text = g_strdup_printf (_("Decision: %s"), line);
      const char *reason = json_object_get_string_member_with_default (decision, "reason", NULL);
      VertebroVerdict then;
      g_autofree char *stale_text = NULL;

      gtk_label_set_text (GTK_LABEL (self->decision_label), text);
      if (reason != NULL && *reason != '\0')
        {
          /* Translators: %s is the reason given for a decision. */
          g_autofree char *reason_text = g_strdup_printf (_("Reason: %s"), reason);

          gtk_label_set_text (GTK_LABEL (self->decision_reason), reason_text);
        }
      gtk_widget_set_visible (self->decision_reason, reason != NULL && *reason != '\0');
      gtk_widget_set_visible (self->decision_against, against);
      if (stale)
        stale_text = g_strdup_printf (_("The assessment changed after this decision: the verdict was “%s” when it was recorded."),
                                      vertebro_verdict_from_string (json_object_get_string_member_with_default (decision, "verdict", ""), &then)
                                      ? vertebro_verdict_get_label (then) : "?");
      gtk_label_set_text (GTK_LABEL (self->decision_stale_label), stale_text != NULL ? stale_text : "");
      gtk_widget_set_visible (self->decision_stale, stale);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->decision_label),
                          _("This verdict needs a decision by an experienced operator or the multidisciplinary team."));
      gtk_widget_set_visible (self->decision_reason, FALSE);
      gtk_widget_set_visible (self->decision_against, FALSE);
      gtk_widget_set_visible (self->decision_stale, FALSE);
    }
}

/**
 * vertebro_progress_text:
 * @assessment: an incomplete assessment
 *
 * Returns: (transfer full): "14 of 19 needed answers given"
 */
char *
vertebro_progress_text (VertebroAssessment *assessment)
{
  guint answered, needed;

  vertebro_assessment_get_progress (assessment, &answered, &needed);
  /* Translators: how far along an incomplete assessment is; the first %u is how many of the second
   * are answered. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u needed answer given", "%u of %u needed answers given",
                                       needed),
                          answered, needed);
}

static void
show_verdict (VertebroVerdictPanel *self,
              VertebroAssessment   *assessment)
{
  VertebroVerdict verdict = vertebro_assessment_get_verdict (assessment);
  const char * const *qualifying = vertebro_assessment_get_qualifying_levels (assessment);

  for (int v = VERTEBRO_VERDICT_CONTRAINDICATED; v <= VERTEBRO_VERDICT_ELIGIBLE; v++)
    gtk_widget_remove_css_class (self->verdict_box, vertebro_verdict_get_style_class (v));
  gtk_widget_add_css_class (self->verdict_box, vertebro_verdict_get_style_class (verdict));
  gtk_image_set_from_icon_name (GTK_IMAGE (self->verdict_icon), vertebro_verdict_get_icon_name (verdict));
  gtk_label_set_text (GTK_LABEL (self->verdict_label), vertebro_verdict_get_label (verdict));
  gtk_label_set_text (GTK_LABEL (self->summary_label), vertebro_verdict_get_summary (verdict));

  if (qualifying[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) qualifying);
      g_autofree char *text = NULL;

      /* Translators: each %s lists vertebral levels such as "T12, L1". */
      if (verdict == VERTEBRO_VERDICT_NOT_READY)
        text = g_strdup_printf (_("Levels that qualify once corrected: %s"), joined);
      else if (verdict == VERTEBRO_VERDICT_REVIEW)
        text = g_strdup_printf (_("Levels that qualify, subject to review: %s"), joined);
      else
        text = g_strdup_printf (_("Levels that qualify: %s"), joined);

      gtk_label_set_text (GTK_LABEL (self->qualifying_label), text);
    }
  else if (verdict == VERTEBRO_VERDICT_INCOMPLETE)
    {
      /* How far along the assessment is; an incomplete one has no level
       * that qualifies, so the line is free. */
      g_autofree char *text = vertebro_progress_text (assessment);

      gtk_label_set_text (GTK_LABEL (self->qualifying_label), text);
    }
  gtk_widget_set_visible (self->qualifying_label, qualifying[0] != NULL || verdict == VERTEBRO_VERDICT_INCOMPLETE);

  g_free (self->verdict_text);
  self->verdict_text = g_strdup_printf ("%s. %s", vertebro_verdict_get_label (verdict), vertebro_verdict_get_summary (verdict));
  /* The verdict box is a status: screen readers hear every change, and
   * its name is all that the box says. */
  if (gtk_widget_get_visible (self->qualifying_label))
    {
      g_autofree char *name = g_strdup_printf ("%s %s", self->verdict_text,
                                               gtk_label_get_text (GTK_LABEL (self->qualifying_label)));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_box),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->verdict_text, -1);
}

/* ---- Levels ---- */

static GtkWidget *
build_level_row (VertebroVerdictPanel *self,
                 gpointer              data,
                 guint                 i)
{
  VertebroAssessment *assessment = data;
  VertebroVerdict verdict = vertebro_assessment_get_level_verdict (assessment, i);
  int genant = vertebro_assessment_get_level_genant (assessment, i);
  g_autofree char *subtitle = NULL;
  g_autofree char *name = vertebro_assessment_dup_level_label (assessment, i);
  GtkWidget *row;

  if (genant >= 0)
    subtitle = g_strdup_printf (_("%s · Genant grade %d"), vertebro_verdict_get_label (verdict), genant);
  else
    subtitle = g_strdup (vertebro_verdict_get_label (verdict));
  /* The verdict is the row's description: read with the level. */
  row = vertebro_panel_row_new (name, subtitle);
  gtk_widget_add_css_class (row, "verdict-words");
  vertebro_panel_row_set_prefix (VERTEBRO_PANEL_ROW (row),
                                 prefix_icon (vertebro_verdict_get_icon_name (verdict), vertebro_verdict_get_style_class (verdict)));
  return row;
}

static void
show_levels (VertebroVerdictPanel *self,
             VertebroAssessment   *assessment)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < vertebro_assessment_get_n_levels (assessment); i++)
    {
      g_autofree char *name = vertebro_assessment_dup_level_label (assessment, i);

      g_ptr_array_add (keys, g_strdup_printf ("%s\n%d\n%d", name,
                                              vertebro_assessment_get_level_verdict (assessment, i),
                                              vertebro_assessment_get_level_genant (assessment, i)));
    }
  update_rows (self, SECTION_LEVELS, keys, build_level_row, assessment);
}

/* ---- Invalid entries and "To complete": rows that lead to a field ---- */

static GtkWidget *
focus_row (VertebroVerdictPanel *self,
           const char           *path,
           const char           *title,
           const char           *subtitle)
{
  GtkWidget *row = vertebro_panel_row_new (title, subtitle);

  vertebro_panel_row_set_suffix (VERTEBRO_PANEL_ROW (row), prefix_icon ("go-next-symbolic", NULL));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* on_row_activated () moves the focus there. */
  g_object_set_data_full (G_OBJECT (row), "path", g_strdup (path), g_free);
  return row;
}

static GtkWidget *
build_invalid_row (VertebroVerdictPanel *self,
                   gpointer              data,
                   guint                 i)
{
  VertebroInvalidEntry *entry = g_ptr_array_index ((GPtrArray *) data, i);
  GtkWidget *row = focus_row (self, entry->path, entry->label, entry->message);

  vertebro_panel_row_set_prefix (VERTEBRO_PANEL_ROW (row), prefix_icon ("dialog-error-symbolic", "error"));
  return row;
}

static void
show_invalid (VertebroVerdictPanel *self,
              GPtrArray            *invalid)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; invalid != NULL && i < invalid->len; i++)
    {
      VertebroInvalidEntry *entry = g_ptr_array_index (invalid, i);
      g_ptr_array_add (keys, g_strdup_printf ("%s\n%s\n%s", entry->path, entry->label, entry->message));
    }
  update_rows (self, SECTION_INVALID, keys, build_invalid_row, invalid);
}

/* "To complete" names each field as the command line and the PDF do (the
 * core's words), so a level just added reads "Level 1: Vertebra", never a
 * path. */
static GtkWidget *
build_missing_row (VertebroVerdictPanel *self,
                   gpointer              data,
                   guint                 i)
{
  VertebroAssessment *assessment = data;
  const char *path = vertebro_assessment_get_missing (assessment)[i];
  g_autofree char *label = vertebro_assessment_dup_field_label (assessment, path);

  return focus_row (self, path, label, NULL);
}

static void
show_missing (VertebroVerdictPanel *self,
              VertebroAssessment   *assessment)
{
  const char * const *missing = vertebro_assessment_get_missing (assessment);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; missing[i] != NULL; i++)
    {
      g_autofree char *label = vertebro_assessment_dup_field_label (assessment, missing[i]);

      g_ptr_array_add (keys, g_strdup_printf ("%s\n%s", missing[i], label));
    }
  update_rows (self, SECTION_MISSING, keys, build_missing_row, assessment);
}

/* ---- Findings ---- */

static char *
finding_subtitle (VertebroItem *item)
{
  VertebroSeverity severity = vertebro_item_get_severity (item);
  g_autofree char *remedy = vertebro_item_dup_remedy (item, VERTEBRO_TEXT_LOCALIZED);

  if (remedy != NULL)
    /* Translators: a finding's severity, then what would change it. */
    return g_strdup_printf (_("%s — %s"), vertebro_severity_get_label (severity), remedy);
  return g_strdup (vertebro_severity_get_label (severity));
}

static GtkWidget *
build_finding_row (VertebroVerdictPanel *self,
                   gpointer              data,
                   guint                 i)
{
  VertebroItem *item = g_ptr_array_index ((GPtrArray *) data, i);
  g_autofree char *message = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
  g_autofree char *subtitle = finding_subtitle (item);
  const char * const *sources = vertebro_item_get_sources (item);
  GtkWidget *row = vertebro_panel_row_new (message, subtitle);

  gtk_widget_add_css_class (row, "verdict-words");
  vertebro_panel_row_set_prefix (VERTEBRO_PANEL_ROW (row), prefix_icon (severity_icon (vertebro_item_get_severity (item)), NULL));
  /* The sources, shown when the row is activated: guidelines and
   * literature first, then the source documents under their own heading,
   * each DOI a link. */
  for (guint s = 0; sources != NULL && sources[s] != NULL; s++)
    {
      const char *citation = vertebro_ruleset_get_citation (self->rules, sources[s]);
      const char *doi = vertebro_ruleset_get_doi (self->rules, sources[s]);
      g_autofree char *uri = doi != NULL ? g_strconcat ("https://doi.org/", doi, NULL) : NULL;

      if (vertebro_ruleset_is_source_document (self->rules, sources[s]) &&
          (s == 0 || !vertebro_ruleset_is_source_document (self->rules, sources[s - 1])))
        vertebro_panel_row_add_detail (VERTEBRO_PANEL_ROW (row), _("Source documents"), NULL, NULL);
      vertebro_panel_row_add_detail (VERTEBRO_PANEL_ROW (row), sources[s], citation != NULL ? _(citation) : "", uri);
    }
  return row;
}

static void
show_findings (VertebroVerdictPanel *self,
               VertebroAssessment   *assessment)
{
  GPtrArray *findings = vertebro_assessment_get_findings (assessment);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < findings->len; i++)
    {
      VertebroItem *item = g_ptr_array_index (findings, i);
      g_autofree char *message = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
      g_autofree char *subtitle = finding_subtitle (item);
      g_autofree char *sources = g_strjoinv (",", (char **) vertebro_item_get_sources (item));

      g_ptr_array_add (keys, g_strdup_printf ("%s\n%s\n%s\n%d", message, subtitle, sources,
                                              vertebro_item_get_severity (item)));
    }
  update_rows (self, SECTION_FINDINGS, keys, build_finding_row, findings);
}

/* ---- The checklist ---- */

static void
on_check_toggled (GtkCheckButton       *check,
                  VertebroVerdictPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "item-id");
  const char *drug = g_object_get_data (G_OBJECT (check), "item-drug");
  GListModel *drugs;

  if (self->patient == NULL)
    return;
  /* An "other" antithrombotic's item is done when its interruption is
   * agreed: the tick records that on the entry itself. */
  drugs = vertebro_patient_get_antithrombotics (self->patient);
  for (guint i = 0; drug != NULL && i < g_list_model_get_n_items (drugs); i++)
    {
      g_autoptr(VertebroAntithrombotic) entry = g_list_model_get_item (drugs, i);

      if (g_strcmp0 (vertebro_antithrombotic_get_name (entry), drug) == 0 && g_str_equal (id, "prep.hold.other"))
        {
          g_object_set (entry, "hold-agreed",
                        gtk_check_button_get_active (check) ? VERTEBRO_ANSWER_YES : VERTEBRO_ANSWER_NOT_ASSESSED, NULL);
          return;
        }
    }
  vertebro_patient_set_checked (self->patient, id, gtk_check_button_get_active (check));
}

static GtkWidget *
build_checklist_row (VertebroVerdictPanel *self,
                     gpointer              data,
                     guint                 i)
{
  VertebroItem *item = g_ptr_array_index ((GPtrArray *) data, i);
  g_autofree char *text = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
  const GDate *due = vertebro_item_get_due (item);
  g_autofree char *subtitle = NULL;
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *row;

  if (due != NULL)
    {
      g_autofree char *date = vertebro_format_date (due, VERTEBRO_TEXT_LOCALIZED);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GDate today;

      /* A stop date already past is said in words: it may have been missed. */
      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
      if (g_date_compare (due, &today) < 0)
        /* Translators: %s is a due date already past. */
        subtitle = g_strdup_printf (_("Due %s — passed"), date);
      else
        /* Translators: %s is a date. */
        subtitle = g_strdup_printf (_("Due %s"), date);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
    }
  row = vertebro_panel_row_new (text, subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), vertebro_item_get_done (item));
  g_object_set_data_full (G_OBJECT (check), "item-id", g_strdup (vertebro_item_get_id (item)), g_free);
  g_object_set_data_full (G_OBJECT (check), "item-drug", g_strdup (vertebro_item_get_drug (item)), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
  vertebro_panel_row_set_prefix (VERTEBRO_PANEL_ROW (row), check);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  /* A click anywhere on the row ticks the box (on_row_activated ()); Tab
   * goes straight to the box, without a stop on the row. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "check", check);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static void
show_checklist (VertebroVerdictPanel *self,
                VertebroAssessment   *assessment)
{
  GPtrArray *items = vertebro_assessment_get_checklist (assessment);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  /* The tick is not part of the key: a kept row keeps its box, and the
   * keyboard focus on it, when it is ticked. */
  for (guint i = 0; i < items->len; i++)
    {
      VertebroItem *item = g_ptr_array_index (items, i);
      g_autofree char *text = vertebro_item_dup_text (item, VERTEBRO_TEXT_LOCALIZED);
      const GDate *due = vertebro_item_get_due (item);

      g_ptr_array_add (keys, g_strdup_printf ("%s\n%s\n%u", vertebro_item_get_id (item), text,
                                              due != NULL ? g_date_get_julian (due) : 0));
    }
  update_rows (self, SECTION_CHECKLIST, keys, build_checklist_row, items);

  /* An item can be done by what is recorded elsewhere (an "other"
   * antithrombotic's agreed interruption, answered in the form): each box
   * shows what the assessment says. */
  for (guint i = 0; i < items->len; i++)
    {
      GtkWidget *row = g_hash_table_lookup (self->section[SECTION_CHECKLIST].rows, g_ptr_array_index (keys, i));
      GtkWidget *check = row != NULL ? g_object_get_data (G_OBJECT (row), "check") : NULL;
      gboolean done = vertebro_item_get_done (g_ptr_array_index (items, i));

      if (check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)) != done)
        {
          g_signal_handlers_block_by_func (check, on_check_toggled, self);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), done);
          g_signal_handlers_unblock_by_func (check, on_check_toggled, self);
        }
    }
}

/* ---- Counselling ---- */

static GtkWidget *
build_counsel_row (VertebroVerdictPanel *self,
                   gpointer              data,
                   guint                 i)
{
  g_autofree char *text = vertebro_item_dup_text (g_ptr_array_index ((GPtrArray *) data, i), VERTEBRO_TEXT_LOCALIZED);

  return vertebro_panel_row_new (text, NULL);
}

static void
show_counsel (VertebroVerdictPanel *self,
              VertebroAssessment   *assessment)
{
  GPtrArray *items = vertebro_assessment_get_counsel (assessment);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (keys, vertebro_item_dup_text (g_ptr_array_index (items, i), VERTEBRO_TEXT_LOCALIZED));
  update_rows (self, SECTION_COUNSEL, keys, build_counsel_row, items);
}

/* ---- Below the fold ---- */

/* The checklist and the counselling are below the fold when a window
 * opens. Building and measuring their rows took a quarter of the
 * instructions before the first frame (speed-profile.md): they are built
 * just after it, and from then on with the rest. */
static void
show_lower (VertebroVerdictPanel *self)
{
  VertebroAssessment *assessment = vertebro_document_get_assessment (self->document);

  show_checklist (self, assessment);
  show_counsel (self, assessment);
}

static gboolean
show_lower_later (gpointer data)
{
  VertebroVerdictPanel *self = data;

  self->lower_wait = NULL;
  self->lower_pending = FALSE;
  if (self->document != NULL)
    show_lower (self);
  return G_SOURCE_REMOVE;
}

/* The document's assessment as it stands, with the entries the form could
 * not take. */
static void
show_document (VertebroVerdictPanel *self)
{
  VertebroAssessment *assessment = vertebro_document_get_assessment (self->document);
  VertebroPatient *patient = vertebro_document_get_patient (self->document);

  if (self->patient != patient)
    {
      g_set_object (&self->patient, patient);
      clear_rows (self, SECTION_CHECKLIST);
    }

  show_verdict (self, assessment);
  show_decision (self, assessment);
  show_levels (self, assessment);
  show_invalid (self, vertebro_document_get_invalid (self->document));
  show_findings (self, assessment);
  show_missing (self, assessment);
  if (!self->lower_pending)
    show_lower (self);
  else if (self->lower_wait == NULL)
    self->lower_wait = vertebro_first_paint_wait (GTK_WIDGET (self), show_lower_later, self);
}

/* Another patient is shown: what its file's trail says as it was opened. */
static void
on_patient_replaced (VertebroVerdictPanel *self)
{
  vertebro_verdict_panel_show_record_notice (self, vertebro_document_get_file (self->document) != NULL
                                                   ? vertebro_document_get_assessment (self->document) : NULL);
}

/**
 * vertebro_verdict_panel_set_document:
 * @self: a panel
 * @document: the document to show
 *
 * Shows @document's assessment, and again each time it changes or the
 * form's invalid entries do.
 */
void
vertebro_verdict_panel_set_document (VertebroVerdictPanel *self,
                                     VertebroDocument     *document)
{
  g_return_if_fail (VERTEBRO_IS_VERDICT_PANEL (self));
  g_return_if_fail (VERTEBRO_IS_DOCUMENT (document));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  g_signal_connect_object (document, "notify::assessment", G_CALLBACK (show_document), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::invalid", G_CALLBACK (show_document), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::patient", G_CALLBACK (on_patient_replaced), self, G_CONNECT_SWAPPED);
  show_document (self);
  on_patient_replaced (self);
}

/**
 * vertebro_verdict_panel_show_record_notice:
 * @self: a panel
 * @assessment: (nullable): the assessment of the file as opened or saved,
 *   or %NULL to hide the notice
 *
 * Shows, under the verdict, what the file's audit trail says: that it was
 * altered outside Vertebro, and what changed since the file was last saved
 * (a new rule set version, a site rule set, an edit elsewhere). This is how
 * a department sees what moving to a new rule set did to a saved patient.
 */
void
vertebro_verdict_panel_show_record_notice (VertebroVerdictPanel *self,
                                           VertebroAssessment   *assessment)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *since = NULL;
  gboolean intact = TRUE;

  g_return_if_fail (VERTEBRO_IS_VERDICT_PANEL (self));

  if (assessment != NULL && vertebro_assessment_get_audit (assessment, NULL, &intact, &since))
    {
      if (!intact)
        g_string_append (text, _("The audit trail of this file was altered outside Vertebro: it does not verify."));
      if (since != NULL && vertebro_audit_since_last_changed (since))
        {
          g_autofree char *changes = vertebro_audit_describe_changes (since);

          if (text->len > 0)
            g_string_append_c (text, '\n');
          /* Translators: %s says what changed since the file was last saved, such as
           * “Eligible → Needs review; the rule set changed”. */
          g_string_append_printf (text, _("Changed since this file was last saved: %s"), changes);
        }
    }
  gtk_label_set_text (GTK_LABEL (self->record_notice_label), text->str);
  gtk_widget_set_visible (self->record_notice, text->len > 0);
}

void
vertebro_verdict_panel_set_rules (VertebroVerdictPanel *self,
                                  VertebroRuleset      *rules,
                                  gboolean              site)
{
  g_autofree char *text = NULL;

  g_return_if_fail (VERTEBRO_IS_VERDICT_PANEL (self));

  g_set_object (&self->rules, rules);
  if (site)
    /* Translators: a site's own rule set is in force: its title, id and version. */
    text = g_strdup_printf (_("Site rule set in force: %s (%s %s)"), _(vertebro_ruleset_get_title (rules)),
                            vertebro_ruleset_get_id (rules), vertebro_ruleset_get_version (rules));
  else
    /* Translators: the built-in rule set's title, id and version. */
    text = g_strdup_printf (_("Rule set: %s (%s %s)"), _(vertebro_ruleset_get_title (rules)),
                            vertebro_ruleset_get_id (rules), vertebro_ruleset_get_version (rules));
  gtk_label_set_text (GTK_LABEL (self->rules_label), text);
  if (site)
    gtk_widget_add_css_class (self->rules_label, "site-rules");
  else
    gtk_widget_remove_css_class (self->rules_label, "site-rules");
}

const char *
vertebro_verdict_panel_get_verdict_text (VertebroVerdictPanel *self)
{
  g_return_val_if_fail (VERTEBRO_IS_VERDICT_PANEL (self), NULL);
  return self->verdict_text;
}

static void
vertebro_verdict_panel_dispose (GObject *object)
{
  VertebroVerdictPanel *self = (VertebroVerdictPanel *)object;

  g_clear_object (&self->rules);
  g_clear_pointer (&self->lower_wait, vertebro_first_paint_cancel);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->patient);
  for (guint i = 0; i < N_SECTIONS; i++)
    g_clear_pointer (&self->section[i].rows, g_hash_table_unref);
  g_clear_pointer (&self->verdict_text, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), VERTEBRO_TYPE_VERDICT_PANEL);

  G_OBJECT_CLASS (vertebro_verdict_panel_parent_class)->dispose (object);
}

static void
vertebro_verdict_panel_class_init (VertebroVerdictPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vertebro_verdict_panel_dispose;

  /**
   * VertebroVerdictPanel::focus-field:
   * @path: the field path
   *
   * Emitted when a row of "To complete" or of the invalid entries is
   * activated.
   */
  signals[FOCUS_FIELD] = g_signal_new ("focus-field",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (VERTEBRO_TYPE_VERDICT_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/vertebro-verdict-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, decision_box);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, record_notice);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, record_notice_label);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, decision_label);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, decision_reason);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, decision_against);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, decision_stale);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, decision_stale_label);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, decision_button);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, qualifying_label);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, sections);
  gtk_widget_class_bind_template_child (widget_class, VertebroVerdictPanel, rules_label);
}

static void
vertebro_verdict_panel_init (VertebroVerdictPanel *self)
{
  const struct {
    const char *title;
    const char *description;
  } sections[N_SECTIONS] = {
    [SECTION_LEVELS] = { N_("Levels"), NULL },
    [SECTION_INVALID] = { N_("Invalid Entries"), N_("These entries are not used: each counts as not assessed until it is corrected.") },
    [SECTION_FINDINGS] = { N_("Findings"), NULL },
    [SECTION_MISSING] = { N_("To Complete"), N_("Answer these to reach a decision. Activate one to go to its field.") },
    [SECTION_CHECKLIST] = { N_("Preparation Checklist"), NULL },
    [SECTION_COUNSEL] = { N_("Counselling"), N_("What to discuss with the patient before consent.") },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->lower_pending = TRUE;

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      Section *section = &self->section[i];

      section->group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (section->group), _(sections[i].title));
      if (sections[i].description != NULL)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (section->group), _(sections[i].description));
      /* A list of our own, since a group of libadwaita 1.2 only appends. */
      section->list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (section->list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (section->list, "boxed-list");
      g_signal_connect (section->list, "row-activated", G_CALLBACK (on_row_activated), self);
      /* Named and described as a group's own list is. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (section->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _(sections[i].title), -1);
      if (sections[i].description != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (section->list), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                        _(sections[i].description), -1);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (section->group), section->list);
      gtk_widget_set_visible (section->group, FALSE);
      gtk_box_append (GTK_BOX (self->sections), section->group);
      section->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
}

GtkWidget *
vertebro_verdict_panel_new (void)
{
  return g_object_new (VERTEBRO_TYPE_VERDICT_PANEL, NULL);
}
