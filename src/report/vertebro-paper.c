/* vertebro-paper.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A4 everywhere except where the locale's paper is US Letter, as GTK decides
 * it (gtk_paper_size_get_default), without needing GTK.
 */

#define G_LOG_DOMAIN "vertebro-paper"

#include "config.h"

#include <langinfo.h>

#include "vertebro-paper.h"

#define MM_TO_PT(mm) ((mm) * 72.0 / 25.4)

G_DEFINE_ENUM_TYPE (VertebroPaper, vertebro_paper,
                    G_DEFINE_ENUM_VALUE (VERTEBRO_PAPER_A4, "a4"),
                    G_DEFINE_ENUM_VALUE (VERTEBRO_PAPER_LETTER, "letter"))

/**
 * vertebro_paper_get_default:
 *
 * The paper of the locale's LC_PAPER: US Letter when it is 216 mm wide, A4
 * otherwise. setlocale() must have been called.
 *
 * Returns: the paper
 */
VertebroPaper
vertebro_paper_get_default (void)
{
#ifdef __GLIBC__
  /* A glibc extension (an enum value, not a macro to test for): it returns
   * the width in millimetres in place of the pointer. */
  union { unsigned int word; char *string; } width;

  width.string = nl_langinfo (_NL_PAPER_WIDTH);
  if (width.word == 216)
    return VERTEBRO_PAPER_LETTER;
#endif
  return VERTEBRO_PAPER_A4;
}

/**
 * vertebro_paper_from_string:
 * @name: "a4" or "letter", in any case
 * @paper: (out): the paper
 *
 * Returns: %FALSE when @name is neither
 */
gboolean
vertebro_paper_from_string (const char    *name,
                            VertebroPaper *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (name, "a4") == 0)
    *paper = VERTEBRO_PAPER_A4;
  else if (g_ascii_strcasecmp (name, "letter") == 0)
    *paper = VERTEBRO_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

const char *
vertebro_paper_to_string (VertebroPaper paper)
{
  switch (paper)
    {
    case VERTEBRO_PAPER_A4: return "a4";
    case VERTEBRO_PAPER_LETTER: return "letter";
    default: g_return_val_if_reached ("a4");
    }
}

/**
 * vertebro_paper_get_size:
 * @paper: a paper
 * @width_pt: (out): its width in points (1/72 inch)
 * @height_pt: (out): its height in points
 */
void
vertebro_paper_get_size (VertebroPaper  paper,
                         double        *width_pt,
                         double        *height_pt)
{
  switch (paper)
    {
    case VERTEBRO_PAPER_LETTER:
      *width_pt = 8.5 * 72.0;
      *height_pt = 11.0 * 72.0;
      break;
    case VERTEBRO_PAPER_A4:
    default:
      *width_pt = MM_TO_PT (210.0);
      *height_pt = MM_TO_PT (297.0);
      break;
    }
}
