/* vertebro-decision-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vertebro-core.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_DECISION_DIALOG (vertebro_decision_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VertebroDecisionDialog, vertebro_decision_dialog, VERTEBRO, DECISION_DIALOG, AdwWindow)

VertebroDecisionDialog *vertebro_decision_dialog_new          (GtkWindow          *parent,
                                                               VertebroPatient    *patient,
                                                               VertebroAssessment *assessment,
                                                               const char         *default_by);
JsonObject             *vertebro_decision_dialog_get_decision (VertebroDecisionDialog *self);
gboolean                vertebro_decision_dialog_get_against  (VertebroDecisionDialog *self);
const char             *vertebro_decision_dialog_get_problem  (VertebroDecisionDialog *self);
void                    vertebro_decision_dialog_record       (VertebroDecisionDialog *self);

/* For tests: the dialog's inputs. */
void                    vertebro_decision_dialog_set_outcome  (VertebroDecisionDialog *self,
                                                               const char             *outcome);
void                    vertebro_decision_dialog_set_level    (VertebroDecisionDialog *self,
                                                               const char             *level,
                                                               gboolean                treat);
void                    vertebro_decision_dialog_set_reason   (VertebroDecisionDialog *self,
                                                               const char             *reason);

G_END_DECLS
