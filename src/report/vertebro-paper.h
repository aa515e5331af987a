/* vertebro-paper.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The paper sizes a summary is laid out on.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  VERTEBRO_PAPER_A4,
  VERTEBRO_PAPER_LETTER,
} VertebroPaper;

#define VERTEBRO_TYPE_PAPER (vertebro_paper_get_type ())

GType         vertebro_paper_get_type    (void) G_GNUC_CONST;

VertebroPaper vertebro_paper_get_default (void);
gboolean      vertebro_paper_from_string (const char    *name,
                                          VertebroPaper *paper);
const char   *vertebro_paper_to_string   (VertebroPaper  paper);
void          vertebro_paper_get_size    (VertebroPaper  paper,
                                          double        *width_pt,
                                          double        *height_pt);

G_END_DECLS
