#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/test-dev-setup.sh — the set-up logic of build-aux/dev (`build-aux/dev
# deps`), run against stand-ins for dpkg-query, apt-get, locale and locale-gen
# on PATH: no root needed, nothing on the system touched. Speaks TAP.
#
# The stand-ins behave like Debian's: dpkg-query prints the packages it knows
# and exits 1 when any package was never installed (a fresh machine: all of
# them), apt-get install records what it installed, locale-gen turns the
# enabled lines of the locale.gen file into locales that `locale -a` lists.

set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/vertebro-test-dev-XXXXXX")
trap 'rm -rf "$work"' EXIT

stubs=$work/bin
mkdir -p "$stubs"

cat > "$stubs/dpkg-query" <<'EOF'
#!/bin/sh
# dpkg-query -W -f=FORMAT PACKAGE…
shift 2
status=0
for p in "$@"; do
  if grep -qxF "$p" "$STUB/installed"; then
    echo "$p installed"
  else
    echo "dpkg-query: no packages found matching $p" >&2
    status=1
  fi
done
exit $status
EOF

cat > "$stubs/apt-get" <<'EOF'
#!/bin/sh
echo "apt-get $*" >> "$STUB/log"
case "$*" in
  *update*) [ -e "$STUB/update-fails" ] && { echo "E: could not resolve deb.debian.org" >&2; exit 100; } ;;
  *install*)
    [ -e "$STUB/install-fails" ] && { echo "E: Unable to locate package" >&2; exit 100; }
    for p in "$@"; do
      case "$p" in -*|install) ;; *) echo "$p" >> "$STUB/installed" ;; esac
    done ;;
esac
exit 0
EOF

cat > "$stubs/locale" <<'EOF'
#!/bin/sh
cat "$STUB/locales"
EOF

cat > "$stubs/locale-gen" <<'EOF'
#!/bin/sh
echo "locale-gen" >> "$STUB/log"
[ -e "$STUB/locale-gen-breaks" ] && exit 0
sed -n 's/^\([a-z][a-z]_[A-Z][A-Z]\)\.UTF-8 UTF-8$/\1.utf8/p' "$VERTEBRO_LOCALE_GEN" >> "$STUB/locales"
EOF

# Root without being root: as_root then runs the stand-ins directly.
cat > "$stubs/id" <<'EOF'
#!/bin/sh
echo 0
EOF
chmod +x "$stubs"/*

n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=1
  echo "not ok $n - $1"
  sed 's/^/# /' "$case_dir/stderr"
}

# Sets up a machine with the packages named in $1 (one a line) installed,
# the locales $2 (one a line) generated, and a Debian-like locale.gen; then
# runs `build-aux/dev deps`. Leaves exit status in $status.
machine () {
  case_dir=$work/case$n
  rm -rf "$case_dir"
  mkdir -p "$case_dir"
  printf '%s' "$1" > "$case_dir/installed"
  printf 'C.utf8\nPOSIX\n%s' "$2" > "$case_dir/locales"
  : > "$case_dir/log"
  printf '# de_DE.UTF-8 UTF-8\n# en_US.UTF-8 UTF-8\n# es_ES.UTF-8 UTF-8\n' > "$case_dir/locale.gen"
  for flag in "${@:3}"; do
    touch "$case_dir/$flag"
  done
  env PATH="$stubs:$PATH" STUB="$case_dir" VERTEBRO_LOCALE_GEN="$case_dir/locale.gen" \
    "$top/build-aux/dev" deps > "$case_dir/stdout" 2> "$case_dir/stderr"
  status=$?
}

installs () {
  grep '^apt-get .*install' "$case_dir/log" | tr ' ' '\n' | grep -v '^-' | grep -vxE 'apt-get|install' | sort
}

# The project's whole package list, as apt-get is asked for it on a fresh machine.
machine "" ""
all=$(installs)
count=$(grep -c . <<<"$all")

if [ "$status" -eq 0 ] && [ "$count" -ge 10 ] && grep -qxF meson <<<"$all" \
   && grep -q "installing $count packages" "$case_dir/stderr"; then
  ok "fresh machine: all $count packages installed, and said so"
else
  not_ok "fresh machine: exit $status, $count packages installed"
fi

if grep -q '^apt-get .*update' "$case_dir/log" && grep -q '^locale-gen' "$case_dir/log" \
   && grep -q 'generating locales' "$case_dir/stderr" \
   && grep -qx 'de_DE.UTF-8 UTF-8' "$case_dir/locale.gen" \
   && grep -qx 'fr_FR.UTF-8 UTF-8' "$case_dir/locale.gen" \
   && grep -qx 'es_ES.UTF-8 UTF-8' "$case_dir/locale.gen" \
   && grep -qx '# en_US.UTF-8 UTF-8' "$case_dir/locale.gen"; then
  ok "fresh machine: package lists updated, de/fr/es locales enabled and generated"
else
  not_ok "fresh machine: locales or apt-get update"
fi

# The peers build-aux/bench measures are for `build-aux/dev bench` alone.
if grep -q '^bench_packages=(.*gnome-text-editor' "$top/build-aux/dev" \
   && ! grep -qxE 'gnome-text-editor|gnome-calculator' <<<"$all"; then
  ok "fresh machine: the benchmark's peers (Text Editor, Calculator) not installed"
else
  not_ok "fresh machine: the benchmark's peers installed, or no longer listed for bench"
fi

if [ ! -s "$case_dir/stdout" ]; then
  ok "fresh machine: nothing on stdout"
else
  not_ok "fresh machine: set-up wrote on stdout"
fi

# Some installed: only the others are asked for.
half=$(sed -n '1~2p' <<<"$all")
rest=$(sed -n '2~2p' <<<"$all")
machine "$half"$'\n' "de_DE.utf8"$'\n'"fr_FR.utf8"$'\n'"es_ES.utf8"$'\n'
if [ "$status" -eq 0 ] && [ "$(installs)" = "$rest" ] && ! grep -q locale-gen "$case_dir/log"; then
  ok "some installed: exactly the $(grep -c . <<<"$rest") missing packages installed, no locale generated"
else
  not_ok "some installed: exit $status, installed: $(installs | tr '\n' ' ')"
fi

# All installed: nothing done, nothing asked.
machine "$all"$'\n' "de_DE.UTF-8"$'\n'"fr_FR.utf8"$'\n'"es_ES.utf8"$'\n'
if [ "$status" -eq 0 ] && [ ! -s "$case_dir/log" ]; then
  ok "all installed: neither apt-get nor locale-gen run"
else
  not_ok "all installed: exit $status, ran: $(tr '\n' ';' < "$case_dir/log")"
fi

# apt-get install fails: a message naming the step, non-zero.
machine "$half"$'\n' "" install-fails
if [ "$status" -ne 0 ] && grep -q 'FAILED: apt-get install' "$case_dir/stderr" \
   && ! grep -q locale-gen "$case_dir/log"; then
  ok "apt-get install fails: exit $status with a message naming it"
else
  not_ok "apt-get install fails: exit $status"
fi

# apt-get update fails (no network): the same.
machine "" "" update-fails
if [ "$status" -ne 0 ] && grep -q 'FAILED: apt-get update' "$case_dir/stderr" \
   && ! grep -q 'install' "$case_dir/log"; then
  ok "apt-get update fails: exit $status with a message naming it"
else
  not_ok "apt-get update fails: exit $status"
fi

# Locales missing after locale-gen: named, non-zero.
machine "$all"$'\n' "de_DE.utf8"$'\n' locale-gen-breaks
if [ "$status" -ne 0 ] && grep -q 'FAILED: locale-gen ran but these locales are still missing: fr_FR.UTF-8 es_ES.UTF-8' "$case_dir/stderr"; then
  ok "locales still missing after locale-gen: exit $status naming them"
else
  not_ok "locales still missing after locale-gen: exit $status"
fi

echo "1..$n"
exit $failed
