/* vertebro-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vertebro-enum-types.h"
#include "vertebro-enums.h"

static const char *
nick (GType type,
      int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  return v != NULL ? v->value_nick : NULL;
}

const char *
vertebro_verdict_to_string (VertebroVerdict verdict)
{
  return nick (VERTEBRO_TYPE_VERDICT, verdict);
}

const char *
vertebro_severity_to_string (VertebroSeverity severity)
{
  return nick (VERTEBRO_TYPE_SEVERITY, severity);
}

gboolean
vertebro_severity_from_string (const char       *name,
                               VertebroSeverity *severity)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (VERTEBRO_TYPE_SEVERITY);
  GEnumValue *v = g_enum_get_value_by_nick (klass, name);

  if (v == NULL)
    return FALSE;
  *severity = v->value;
  return TRUE;
}

gboolean
vertebro_verdict_from_string (const char      *name,
                              VertebroVerdict *verdict)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (VERTEBRO_TYPE_VERDICT);
  GEnumValue *v = g_enum_get_value_by_nick (klass, name);

  if (v == NULL)
    return FALSE;
  *verdict = v->value;
  return TRUE;
}

int
vertebro_severity_get_verdict (VertebroSeverity severity)
{
  switch (severity)
    {
    case VERTEBRO_SEVERITY_ABSOLUTE: return VERTEBRO_VERDICT_CONTRAINDICATED;
    case VERTEBRO_SEVERITY_NOT_INDICATED: return VERTEBRO_VERDICT_NOT_INDICATED;
    case VERTEBRO_SEVERITY_REQUIREMENT: return VERTEBRO_VERDICT_NOT_READY;
    case VERTEBRO_SEVERITY_RELATIVE: return VERTEBRO_VERDICT_REVIEW;
    case VERTEBRO_SEVERITY_CAUTION:
    case VERTEBRO_SEVERITY_INFO:
      return -1;
    default:
      g_return_val_if_reached (-1);
    }
}

const char *
vertebro_verdict_get_label (VertebroVerdict verdict)
{
  switch (verdict)
    {
    case VERTEBRO_VERDICT_CONTRAINDICATED: return C_("verdict", "Contraindicated");
    case VERTEBRO_VERDICT_NOT_INDICATED: return C_("verdict", "Not indicated");
    case VERTEBRO_VERDICT_INCOMPLETE: return C_("verdict", "Incomplete");
    case VERTEBRO_VERDICT_NOT_READY: return C_("verdict", "Not ready");
    case VERTEBRO_VERDICT_REVIEW: return C_("verdict", "Needs review");
    case VERTEBRO_VERDICT_ELIGIBLE: return C_("verdict", "Eligible");
    default: g_return_val_if_reached ("?");
    }
}

/**
 * vertebro_verdict_get_label_for_id:
 * @id: (nullable): a verdict as a file writes it ("not_ready"), if any
 *
 * Returns: its label, or "?" for a missing or unknown verdict (a record
 *   written by a later version)
 */
const char *
vertebro_verdict_get_label_for_id (const char *id)
{
  VertebroVerdict verdict;

  return id != NULL && vertebro_verdict_from_string (id, &verdict) ? vertebro_verdict_get_label (verdict) : "?";
}

const char *
vertebro_verdict_get_summary (VertebroVerdict verdict)
{
  switch (verdict)
    {
    case VERTEBRO_VERDICT_CONTRAINDICATED: return _("Do not proceed.");
    case VERTEBRO_VERDICT_NOT_INDICATED: return _("There is no valid indication for this procedure.");
    case VERTEBRO_VERDICT_INCOMPLETE: return _("Cannot decide yet: answer the questions listed under “To complete”.");
    case VERTEBRO_VERDICT_NOT_READY: return _("Proceed only after the problems below are corrected.");
    case VERTEBRO_VERDICT_REVIEW: return _("A decision for an experienced operator or the multidisciplinary team.");
    case VERTEBRO_VERDICT_ELIGIBLE: return _("The criteria are met.");
    default: g_return_val_if_reached ("?");
    }
}

const char *
vertebro_severity_get_label (VertebroSeverity severity)
{
  switch (severity)
    {
    case VERTEBRO_SEVERITY_ABSOLUTE: return C_("severity", "Absolute contraindication");
    case VERTEBRO_SEVERITY_NOT_INDICATED: return C_("severity", "Not indicated");
    case VERTEBRO_SEVERITY_REQUIREMENT: return C_("severity", "Requirement");
    case VERTEBRO_SEVERITY_RELATIVE: return C_("severity", "Relative contraindication");
    case VERTEBRO_SEVERITY_CAUTION: return C_("severity", "Caution");
    case VERTEBRO_SEVERITY_INFO: return C_("severity", "Information");
    default: g_return_val_if_reached ("?");
    }
}
