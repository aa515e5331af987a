/* vertebro-field-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One field of the patient form: its row, what it passes to the model and
 * what it shows of it. Private to the form and its sections.
 */

#pragma once

#include <adwaita.h>

#include "vertebro-core.h"
#include "vertebro-form.h"
#include "vertebro-input.h"
#include "vertebro-layout.h"

G_BEGIN_DECLS

typedef struct {
  VertebroForm        *form;
  const VertebroField *field;
  char                *path;
  char                *label;
  GObject             *target;
  const VertebroLayoutField *layout; /* a fixed section's field: its place in the layout */
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
} VertebroFieldRow;

VertebroFieldRow *vertebro_field_row_new         (VertebroForm        *form,
                                                  GtkWidget           *parent,
                                                  GObject             *target,
                                                  const VertebroField *field,
                                                  const char          *path,
                                                  const char          *label);
void              vertebro_field_row_free        (VertebroFieldRow    *row);
void              vertebro_field_row_set_label   (VertebroFieldRow    *row,
                                                  const char          *label);
void              vertebro_field_row_set_invalid (VertebroFieldRow    *row,
                                                  const char          *message);
void              vertebro_field_row_set_message (VertebroFieldRow    *row,
                                                  const char          *text,
                                                  const char          *style);
guint             vertebro_field_row_get_unit    (VertebroFieldRow    *row);

G_END_DECLS
