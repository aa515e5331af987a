/* vertebro-core.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clinical core of Vertebro: patient model, rule set, evaluator and
 * assessment. GLib, GObject, Gio and json-glib only.
 */

#pragma once

#include "vertebro-antithrombotic.h"
#include "vertebro-assessment.h"
#include "vertebro-audit.h"
#include "vertebro-disk-watch.h"
#include "vertebro-document.h"
#include "vertebro-drafts.h"
#include "vertebro-enum-types.h"
#include "vertebro-enums.h"
#include "vertebro-evaluator.h"
#include "vertebro-fields.h"
#include "vertebro-input.h"
#include "vertebro-layout.h"
#include "vertebro-level.h"
#include "vertebro-patient.h"
#include "vertebro-ruleset.h"
#include "vertebro-summary.h"
#include "vertebro-text.h"
#include "vertebro-worklist.h"
