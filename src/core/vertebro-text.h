/* vertebro-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rule text with its placeholders' values captured at evaluation time,
 * rendered later either portably (English, ISO dates, C numbers: for the JSON
 * output, identical under every locale) or for the reader (translated, in the
 * locale's number and date format: for the window, the PDF and --format text).
 */

#pragma once

#include <glib.h>

#include "vertebro-enums.h"

G_BEGIN_DECLS

typedef enum {
  VERTEBRO_TEXT_PORTABLE,
  VERTEBRO_TEXT_LOCALIZED,
} VertebroTextStyle;

typedef struct _VertebroText VertebroText;

VertebroText *vertebro_text_new         (const char         *template);
void          vertebro_text_free        (VertebroText       *self);
void          vertebro_text_add_number  (VertebroText       *self,
                                         const char         *key,
                                         double              value,
                                         const char         *unit);
void          vertebro_text_add_amount  (VertebroText       *self,
                                         const char         *key,
                                         double              value,
                                         VertebroHoldUnit    unit);
void          vertebro_text_add_label   (VertebroText       *self,
                                         const char         *key,
                                         const char         *label);
void          vertebro_text_add_date    (VertebroText       *self,
                                         const char         *key,
                                         const GDate        *date);
/* Text someone typed (an "other" medicine's name): never translated. */
void          vertebro_text_add_verbatim (VertebroText      *self,
                                          const char        *key,
                                          const char        *text);
/* A level whose vertebra is not chosen yet, as "Level N" (@index + 1). */
void          vertebro_text_add_unchosen_level (VertebroText *self,
                                                const char   *key,
                                                guint         index);
void          vertebro_text_add_unknown (VertebroText       *self,
                                         const char         *key);
char         *vertebro_text_render      (const VertebroText *self,
                                         VertebroTextStyle   style);

char         *vertebro_format_number    (double              value,
                                         VertebroTextStyle   style);
char         *vertebro_format_date      (const GDate        *date,
                                         VertebroTextStyle   style);
char         *vertebro_format_unchosen_level (guint          index,
                                              VertebroTextStyle style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VertebroText, vertebro_text_free)

G_END_DECLS
