#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/check-shell.sh SOURCE_ROOT — shellcheck over every shell script of
# build-aux/, .ci/ and tests/ (found by their first line, so a new script is
# checked without being listed here). Any finding fails. Where shellcheck is
# not installed (the Flatpak Sdk, which builds the app and has no use for
# its scripts) the test is reported as skipped (status 77), never passed;
# build-aux/dev always installs it.

set -euo pipefail
cd "$1"

if ! command -v shellcheck >/dev/null 2>&1; then
  echo "check-shell: SKIP: shellcheck is not installed" >&2
  exit 77
fi

scripts=()
while IFS= read -r -d '' file; do
  if head -n 1 "$file" | grep -qE '^#!.*(/|env )(ba)?sh\b'; then
    scripts+=("$file")
  fi
done < <(find build-aux .ci tests -type f -perm -u+x -print0 | sort -z)

if [ ${#scripts[@]} -lt 5 ]; then
  echo "check-shell: found only ${#scripts[@]} scripts: ${scripts[*]}" >&2
  exit 1
fi
echo "check-shell: ${#scripts[@]} scripts: ${scripts[*]}"
shellcheck --external-sources "${scripts[@]}"
