/* vertebro-cli-worklist.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vertebro-worklist.h"

G_BEGIN_DECLS

int   vertebro_cli_worklist          (const char                *folder,
                                      const char                *format,
                                      const char                *today_text,
                                      const char                *rules_path);

G_END_DECLS
