#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-icons.py — every symbolic icon the window names is in the app's own
# resources, so that it shows whatever icon theme the app runs with (newer
# Adwaita themes lack emblem-ok-symbolic, the Eligible icon).
#
#   test-icons.py SOURCE_ROOT APP_MODULE
#
# The names are every "…-symbolic" in src/app/ and ui/; each must be a
# resource RESOURCE_BASE/icons/scalable/actions/NAME.svg of the built module
# (`gresource list`), from a valid SVG in data/ui-icons/. Prints TAP.

import glob
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

RESOURCE_BASE = '/io/github/vertebro/Vertebro'


def main():
    root, module = sys.argv[1:3]
    names = set()
    for path in glob.glob(os.path.join(root, 'src', 'app', '*.[ch]')) + \
            glob.glob(os.path.join(root, 'ui', '**', '*.ui'), recursive=True):
        with open(path, encoding='utf-8') as f:
            names.update(re.findall(r'\b([a-z0-9]+(?:-[a-z0-9]+)*-symbolic)\b', f.read()))
    resources = set(subprocess.run(['gresource', 'list', module], check=True, capture_output=True,
                                   text=True).stdout.split())
    count = failed = 0

    def report(ok, text):
        nonlocal count, failed
        count += 1
        failed += not ok
        print('%s %d - %s' % ('ok' if ok else 'not ok', count, text))

    report(len(names) >= 10 and 'emblem-ok-symbolic' in names,
           'found %d icon names in src/app and ui, the Eligible icon among them' % len(names))
    for name in sorted(names):
        path = os.path.join(root, 'data', 'ui-icons', name + '.svg')
        try:
            valid = ET.parse(path).getroot().tag.endswith('svg')
        except (OSError, ET.ParseError):
            valid = False
        report(valid and '%s/icons/scalable/actions/%s.svg' % (RESOURCE_BASE, name) in resources,
               '%s is in the resources, from data/ui-icons/%s.svg' % (name, name))
    print('1..%d' % count)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
