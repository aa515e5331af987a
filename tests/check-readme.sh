#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's example must print what the README says it prints.
set -eu
readme="$1/README.md"
command='$ build-aux/dev run --evaluate examples/not-ready-clopidogrel-inr.vertebro --format text'
expected=$(awk -v cmd="$command" '$0 == cmd { on = 1; next } on && /^```/ { exit } on { print }' "$readme")
actual=$(cd "$1" && "$VERTEBRO_EXE" --evaluate examples/not-ready-clopidogrel-inr.vertebro --format text)
if [ -z "$expected" ]; then
  echo "README.md has no example for: $command"
  exit 1
fi
if [ "$expected" != "$actual" ]; then
  echo "README.md's example output differs from the program's:"
  printf '%s\n' "$actual" > "${TMPDIR:-/tmp}/readme-actual.$$"
  printf '%s\n' "$expected" | diff -u - "${TMPDIR:-/tmp}/readme-actual.$$" || true
  rm -f "${TMPDIR:-/tmp}/readme-actual.$$"
  exit 1
fi
echo "README example matches"
