#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/check-mime.sh MIME.xml PATIENT.vertebro
#
# The MIME type of patient files, checked the way shared-mime-info and GIO
# will use it:
#  1. the XML is valid against the DTD of shared-mime-info's own database
#     (the internal subset of freedesktop.org.xml; Debian ships no XSD);
#  2. update-mime-database compiles it without a warning, and its globs2 and
#     magic files have the *.vertebro glob and the format-member magic;
#  3. GIO, reading that database beside the system's, names a *.vertebro
#     file, and a patient file without an extension (by its content alone),
#     application/x-vertebro+json, and other JSON not.

set -eu

mime_xml=$1
patient=$2
type=application/x-vertebro+json

fail () {
  echo "check-mime: $*" >&2
  exit 1
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. The DTD of the database shared-mime-info installs.
reference=
for dir in $(echo "${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" | tr ':' ' '); do
  if [ -f "$dir/mime/packages/freedesktop.org.xml" ]; then
    reference=$dir/mime/packages/freedesktop.org.xml
    break
  fi
done
[ -n "$reference" ] || fail "shared-mime-info's freedesktop.org.xml is not installed"
sed -n '/<!DOCTYPE mime-info \[/,/^\]>/p' "$reference" | sed '1d;$d' > "$tmp/mime-info.dtd"
[ -s "$tmp/mime-info.dtd" ] || fail "no DTD found in $reference"
xmllint --noout --dtdvalid "$tmp/mime-info.dtd" "$mime_xml" || fail "$mime_xml is not valid against $reference's DTD"

# 2. A database with only this package, as update-mime-database builds it.
mkdir -p "$tmp/share/mime/packages"
cp "$mime_xml" "$tmp/share/mime/packages/$(basename "$mime_xml" .in)"
XDG_DATA_HOME="$tmp/share" update-mime-database "$tmp/share/mime" > "$tmp/update.log" 2>&1 || { cat "$tmp/update.log" >&2; fail "update-mime-database failed"; }
if [ -s "$tmp/update.log" ]; then
  cat "$tmp/update.log" >&2
  fail "update-mime-database warned about $mime_xml"
fi
grep -qxF "50:$type:*.vertebro" "$tmp/share/mime/globs2" || fail "globs2 does not map *.vertebro to $type"
grep -qaF "[80:$type]" "$tmp/share/mime/magic" || fail "magic has no rule for $type"
grep -qaF '"format": "vertebro-patient"' "$tmp/share/mime/magic" || fail "magic does not match the format member"

# 3. What GIO makes of files, with this database in the user's data folder
# and the system's behind it.
content_type () {
  XDG_DATA_HOME="$tmp/share" GIO_USE_VFS=local gio info -a standard::content-type "$1" \
    | sed -n 's/^ *standard::content-type: //p'
}
expect () {
  got=$(content_type "$2")
  [ "$got" = "$1" ] || fail "$(basename "$2"): GIO says \"$got\", expected \"$1\""
}

cp "$patient" "$tmp/named.vertebro"
cp "$patient" "$tmp/unnamed"
tr -d ' \n' < "$patient" > "$tmp/compact"
printf '{\n  "format": "something-else",\n  "version": 1\n}\n' > "$tmp/other"

expect "$type" "$tmp/named.vertebro"
expect "$type" "$tmp/unnamed"
expect "$type" "$tmp/compact"
got=$(content_type "$tmp/other")
[ "$got" != "$type" ] || fail "other JSON is taken for a patient file"

echo "check-mime: $mime_xml is valid; *.vertebro and the format member map to $type"
