#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A second launch hands its files to the running instance: in a private
# D-Bus session, `vertebro` runs; `vertebro FILE` then exits at once and the
# first instance shows a second window. Windows are counted through the
# action groups GtkApplication exports on the bus for each window.

set -eu
if [ -z "${VERTEBRO_HANDOFF_INNER:-}" ]; then
  VERTEBRO_HANDOFF_INNER=1 exec dbus-run-session -- "$0" "$@"
fi

exe="$VERTEBRO_EXE"
first_file="$VERTEBRO_EXAMPLES/eligible-osteoporotic.vertebro"
second_file="$VERTEBRO_EXAMPLES/metastatic-review.vertebro"
object=/io/github/vertebro/Vertebro/window

count_windows () {
  gdbus introspect --session --dest io.github.vertebro.Vertebro --object-path "$object" 2>/dev/null \
    | grep -c '^ *node [0-9]' || true
}

# The first instance shows a document, so the second file cannot go into
# an untouched window and must get its own.
"$exe" "$first_file" >/tmp/vertebro-handoff.$$ 2>&1 &
first=$!
trap 'kill $first 2>/dev/null || true; rm -f /tmp/vertebro-handoff.$$' EXIT

for _ in $(seq 1 100); do
  [ "$(count_windows)" -ge 1 ] && break
  sleep 0.1
done
if [ "$(count_windows)" -ne 1 ]; then
  echo "not ok: the first instance shows $(count_windows) windows, expected 1"
  cat /tmp/vertebro-handoff.$$
  exit 1
fi

# The second launch returns (its work is done by the first instance).
timeout 20 "$exe" "$second_file"
status=$?
if [ "$status" -ne 0 ]; then
  echo "not ok: the second launch exited with $status"
  exit 1
fi

for _ in $(seq 1 100); do
  [ "$(count_windows)" -ge 2 ] && break
  sleep 0.1
done
if [ "$(count_windows)" -ne 2 ]; then
  echo "not ok: the first instance shows $(count_windows) windows after the hand-off, expected 2"
  exit 1
fi
if ! kill -0 "$first" 2>/dev/null; then
  echo "not ok: the first instance is gone"
  exit 1
fi
echo "ok: the second launch handed its file to the running instance"
