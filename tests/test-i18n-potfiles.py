#!/usr/bin/env python3
# test-i18n-potfiles.py SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# po/POTFILES.in must list every file with a translatable string, and only
# files that exist, sorted (LC_ALL=C), once each. In the spirit of libadwaita's
# .gitlab-ci/check-potfiles.sh:
#
# - C sources and headers that call _(), N_(), C_(), NC_() or a gettext
#   function, outside comments;
# - GtkBuilder files with translatable="yes";
# - desktop entries, AppStream metainfo and shared-mime-info files (.in), and
#   GSettings schemas with a <summary> or <description>, which xgettext
#   translates by their ITS rules.
#
# The built-in rule set (data/rules/*.json) is not listed: po/meson.build
# extracts its texts with build-aux/extract-rule-texts.py.

import os
import re
import sys

SCANNED = ('src', 'ui', 'data')
C_MARK = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|gettext|ngettext|dgettext|dngettext|pgettext|'
                    r'g_dgettext|g_dngettext|g_dpgettext|g_dpgettext2|g_dcgettext)\s*\(')
C_COMMENT_OR_STRING = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def strip_c_comments(text):
    # Comments go; strings stay (as empty strings), so "/*" in a string is
    # not taken for a comment and a string never holds a mark.
    def replace(match):
        token = match.group(0)
        if token.startswith('/'):
            return ' '
        return token[0] * 2
    return C_COMMENT_OR_STRING.sub(replace, text)


def translatable(path, text):
    name = os.path.basename(path)
    if name.endswith(('.c', '.h')):
        return C_MARK.search(strip_c_comments(text)) is not None
    if name.endswith('.ui'):
        return re.search(r'translatable\s*=\s*["\']yes["\']', text) is not None
    if name.endswith(('.desktop.in', '.desktop.in.in')):
        return re.search(r'^(Name|GenericName|Comment|Keywords|X-GNOME-FullName)=', text, re.M) is not None
    if name.endswith(('.metainfo.xml.in', '.appdata.xml.in', '.metainfo.xml.in.in', '.appdata.xml.in.in')):
        return True
    if name.endswith(('.mime.xml.in', '.mime.xml')) or (name.endswith('.xml.in') and '<mime-info' in text):
        return '<comment' in text
    if name.endswith(('.gschema.xml', '.gschema.xml.in')):
        return re.search(r'<(summary|description)\b', text) is not None
    return False


def main(root):
    problems = []
    listed = []
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            if line.startswith('[type:'):
                line = line.split(']', 1)[1].strip()
            listed.append(line)
            if not os.path.isfile(os.path.join(root, line)):
                problems.append('po/POTFILES.in:%d: %s does not exist' % (number, line))

    if listed != sorted(listed):
        problems.append('po/POTFILES.in is not sorted; it should read:\n  ' + '\n  '.join(sorted(set(listed))))
    for path in sorted({p for p in listed if listed.count(p) > 1}):
        problems.append('po/POTFILES.in lists %s more than once' % path)

    found = []
    for top in SCANNED:
        for directory, subdirectories, files in os.walk(os.path.join(root, top)):
            subdirectories[:] = sorted(d for d in subdirectories if not d.startswith(('.', '_build')))
            for name in sorted(files):
                path = os.path.join(directory, name)
                relative = os.path.relpath(path, root)
                try:
                    with open(path, encoding='utf-8') as f:
                        text = f.read()
                except (UnicodeDecodeError, OSError):
                    continue
                if translatable(relative, text):
                    found.append(relative)

    for path in found:
        if path not in listed:
            problems.append('%s has translatable strings but is not in po/POTFILES.in' % path)

    for problem in problems:
        print(problem)
    if problems:
        return 1
    print('po/POTFILES.in lists all %d files with translatable strings, sorted' % len(found))
    return 0


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.stderr.write('usage: test-i18n-potfiles.py SOURCE_ROOT\n')
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
