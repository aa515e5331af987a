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

/* Showing what a user or a file wrote (vertebro-text.c, "Display safety"). */
gboolean      vertebro_unichar_is_invisible_control (gunichar            c);
gboolean      vertebro_text_has_invisible_controls  (const char         *text);
char         *vertebro_text_isolate                 (const char         *text);
char         *vertebro_text_reveal_controls         (const char         *text,
                                                     gboolean            keep_newlines);

/* Date arithmetic that stays inside GDate's range. */
#define VERTEBRO_DATE_MIN_YEAR 1
#define VERTEBRO_DATE_MAX_YEAR 9999
/* Dates a file or the form may hold: a year inside those bounds, so that a
 * lead time (at most 60 days) added or subtracted stays in range. */
#define VERTEBRO_DATE_FIRST_READ_YEAR (VERTEBRO_DATE_MIN_YEAR + 1)
#define VERTEBRO_DATE_LAST_READ_YEAR  (VERTEBRO_DATE_MAX_YEAR - 1)
gboolean      vertebro_date_readable                (const GDate        *date);
gboolean      vertebro_date_add_days_checked        (const GDate        *date,
                                                     int                 days,
                                                     GDate              *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VertebroText, vertebro_text_free)

G_END_DECLS
