/* bench-clock.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clock and the sorting the timed benchmarks share.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64 bench_now_ns   (void);
void   bench_sort_ns  (gint64 *times,
                       gsize   n);

G_END_DECLS
