#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/test-install-manifest.py MANIFEST DESKTOP METAINFO SCHEMA VERSION SOURCE_ROOT
#
# The Flatpak manifest, checked offline (no runtime can be fetched in CI):
# it parses; it pins org.gnome.Platform and org.gnome.Sdk to one stable
# branch; its permissions are exactly IPC, Wayland, X11 as a fallback and
# the GPU, so no network and no file system (files and printing go through
# portals); it builds this repository with meson and runs its tests; its
# cleanup list removes nothing the desktop needs. And it agrees with the
# other metadata: the same app id as the desktop file, the metainfo and the
# settings schema, the same command as the desktop file's Exec and the
# metainfo's binary; the metainfo's newest release is this version, and its
# screenshots are files of this repository at that version's tag.
#
# DESKTOP and METAINFO are the merged files the build installs.

import configparser
import fnmatch
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

manifest_path, desktop_path, metainfo_path, schema_path, version, source_root = sys.argv[1:7]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


# The manifest parses, as JSON (flatpak-builder also reads YAML; this one is
# JSON so that any tool can read it).
with open(manifest_path, encoding='utf-8') as f:
    manifest = json.load(f)

app_id = manifest.get('id', manifest.get('app-id'))
check(app_id == 'io.github.vertebro.Vertebro', f'manifest id is {app_id!r}')
check(manifest.get('runtime') == 'org.gnome.Platform', 'runtime is not org.gnome.Platform')
check(manifest.get('sdk') == 'org.gnome.Sdk', 'sdk is not org.gnome.Sdk')
branch = manifest.get('runtime-version', '')
# A stable GNOME branch is a number ("47"); "master" and "nightly" move.
check(re.fullmatch(r'[0-9]+', str(branch)) is not None,
      f'runtime-version {branch!r} is not a stable branch')
# GNOME 47 reached its end of life in October 2025; 50 is the oldest the
# project builds against.
check(re.fullmatch(r'[0-9]+', str(branch)) is not None and int(branch) >= 50,
      f'runtime-version {branch!r} is older than GNOME 50')
command = manifest.get('command')
check(command == 'vertebro', f'command is {command!r}')

expected_permissions = ['--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri']
permissions = manifest.get('finish-args', [])
check(sorted(permissions) == sorted(expected_permissions) and len(set(permissions)) == len(permissions),
      f'finish-args are {permissions}, expected exactly {expected_permissions}')
for key in ('build-options', 'add-extensions'):
    check(key not in manifest or 'finish-args' not in json.dumps(manifest[key]),
          f'{key} adds permissions')

modules = manifest.get('modules', [])
check(len(modules) > 0, 'no modules')
ours = modules[-1] if modules else {}
check(ours.get('name') == 'vertebro', 'the last module is not vertebro')
check(ours.get('buildsystem') == 'meson', 'vertebro is not built with meson')
check(ours.get('run-tests') is True, 'vertebro does not run its tests')
# The build sandbox has no display and the GNOME Sdk no pdftotext: those
# suites are left out by the options, never failed or faked.
for option in ('-Ddisplay_tests=false', '-Dpdf_text_tests=false'):
    check(option in ours.get('config-opts', []), f'config-opts lack {option}')
sources = ours.get('sources', [])
check(len(sources) == 1 and sources[0].get('type') == 'dir', 'vertebro is not built from one dir source')
if sources:
    source_dir = os.path.normpath(os.path.join(os.path.dirname(manifest_path), sources[0].get('path', '')))
    check(os.path.samefile(source_dir, source_root), f'the dir source {source_dir} is not this repository')

cleanup = manifest.get('cleanup', []) + ours.get('cleanup', [])
check(len(cleanup) > 0, 'no cleanup list')

# The desktop file (merged, as installed).
desktop = configparser.ConfigParser(interpolation=None, strict=False)
desktop.optionxform = str
desktop.read(desktop_path, encoding='utf-8')
entry = desktop['Desktop Entry']
check(os.path.basename(desktop_path) == f'{app_id}.desktop', f'desktop file is named {os.path.basename(desktop_path)}')
exec_words = entry.get('Exec', '').split()
check(exec_words[:1] == [command], f'desktop Exec runs {exec_words[:1]}, the manifest {command}')
check('%F' in exec_words, 'desktop Exec does not take files (%F)')
check(entry.get('Icon') == app_id, f'desktop Icon is {entry.get("Icon")!r}')
check('application/x-vertebro+json' in entry.get('MimeType', '').split(';'), 'desktop file has no MimeType for patient files')
check('MedicalSoftware' in entry.get('Categories', '').split(';'), 'desktop file is not in MedicalSoftware')

# The metainfo (merged, as installed).
component = ET.parse(metainfo_path).getroot()
check(component.findtext('id') == app_id, f'metainfo id is {component.findtext("id")!r}')
check(os.path.basename(metainfo_path) == f'{app_id}.metainfo.xml', 'metainfo is not named after the app id')
launchables = [l.text for l in component.findall('launchable') if l.get('type') == 'desktop-id']
check(launchables == [f'{app_id}.desktop'], f'metainfo launchables are {launchables}')
binaries = [b.text for b in component.findall('provides/binary')]
check(binaries == [command], f'metainfo provides binaries {binaries}, the manifest runs {command}')
check('application/x-vertebro+json' in [m.text for m in component.findall('provides/mediatype')],
      'metainfo does not provide the patient file type')
check(component.find('content_rating') is not None, 'metainfo has no content rating')
check(component.findtext("requires/display_length[@compare='ge']") == '360',
      'metainfo does not require a display of at least 360 px')
releases = [r.get('version') for r in component.findall('releases/release')]
check(releases[:1] == [version], f'the newest release is {releases[:1]}, the project is {version}')

screenshots = component.findall('screenshots/screenshot/image')
check(len(screenshots) > 0, 'metainfo has no screenshot')
for image in screenshots:
    url = image.text.strip()
    match = re.fullmatch(r'https://raw\.githubusercontent\.com/vertebro/vertebro/v([^/]+)/(.+)', url)
    check(match is not None, f'screenshot {url} is not under the project URL at a version tag')
    if match:
        check(match.group(1) == version, f'screenshot {url} is not at the tag of version {version}')
        check(os.path.isfile(os.path.join(source_root, match.group(2))), f'screenshot {url} is not a file of this repository')

# The settings schema.
schema = ET.parse(schema_path).getroot().find('schema')
check(schema is not None and schema.get('id') == app_id, 'schema id is not the app id')
check(schema is not None and schema.get('path') == '/' + app_id.replace('.', '/') + '/',
      'schema path does not follow the app id')

# What the manifest's cleanup would remove, among what the desktop needs.
needed = [
    '/bin/' + command,
    f'/share/applications/{app_id}.desktop',
    f'/share/metainfo/{app_id}.metainfo.xml',
    f'/share/icons/hicolor/scalable/apps/{app_id}.svg',
    f'/share/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg',
    f'/share/mime/packages/{app_id}.xml',
    f'/share/glib-2.0/schemas/{app_id}.gschema.xml',
    '/lib/vertebro/vertebro-app.so',
    '/lib/vertebro/vertebro-pdf.so',
]
for path in needed:
    for pattern in cleanup:
        # flatpak-builder: a pattern starting with / is a path in /app (or a
        # folder above it), else it matches file names.
        if pattern.startswith('/'):
            hit = fnmatch.fnmatch(path, pattern) or path.startswith(pattern.rstrip('/') + '/')
        else:
            hit = fnmatch.fnmatch(os.path.basename(path), pattern)
        check(not hit, f'cleanup pattern {pattern} removes {path}')

if failures:
    for failure in failures:
        print(f'test-install-manifest: {failure}', file=sys.stderr)
    sys.exit(1)
print(f'{manifest_path}: {app_id} on org.gnome.Platform {branch}, {", ".join(permissions)}')
