/* vertebro-verdict-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vertebro-core.h"

G_BEGIN_DECLS

#define VERTEBRO_TYPE_VERDICT_PANEL (vertebro_verdict_panel_get_type ())

G_DECLARE_FINAL_TYPE (VertebroVerdictPanel, vertebro_verdict_panel, VERTEBRO, VERDICT_PANEL, GtkBox)

GtkWidget  *vertebro_verdict_panel_new        (void);
void        vertebro_verdict_panel_set_rules  (VertebroVerdictPanel *self,
                                               VertebroRuleset      *rules,
                                               gboolean              site);
/* @invalid: of VertebroInvalidEntry. */
void        vertebro_verdict_panel_set_document (VertebroVerdictPanel *self,
                                                 VertebroDocument     *document);
const char *vertebro_verdict_panel_get_verdict_text (VertebroVerdictPanel *self);
char       *vertebro_progress_text            (VertebroAssessment   *assessment);
void        vertebro_verdict_panel_show_record_notice (VertebroVerdictPanel *self,
                                                       VertebroAssessment   *assessment);


/* CSS class and icon of a verdict, shared with the header's verdict button. */
const char *vertebro_verdict_get_style_class  (VertebroVerdict verdict);
const char *vertebro_verdict_get_icon_name    (VertebroVerdict verdict);

G_END_DECLS
