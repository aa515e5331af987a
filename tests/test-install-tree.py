#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/test-install-tree.py MESON BUILD_ROOT SOURCE_ROOT MANIFEST PREFIX BINDIR MODULEDIR DATADIR LOCALEDIR
#
# `meson install --destdir` into a temporary folder, then the installed tree
# as a desktop and Flatpak would see it:
#  - every file the manifest, the desktop file and the metainfo refer to is
#    there: the command, its modules, the desktop file, the metainfo, the
#    icons, the MIME package of every MimeType, the schema, a catalogue for
#    every language of po/LINGUAS; nothing is installed outside the prefix;
#  - the caches gnome.post_install makes (skipped with --destdir) can be
#    made from it without a warning, and map patient files to the app;
#  - the installed `vertebro` runs from the tree: --version, --evaluate (text
#    and JSON), and --export-pdf, which loads its module from the tree.
#
# The executable looks for its modules and catalogues at the prefix compiled
# in; VERTEBRO_MODULE_DIR and VERTEBRO_LOCALEDIR point it into the tree
# instead (src/cli/vertebro-module.c, src/main.c). The module override
# replaces the compiled-in folder, so a module missing from the tree fails
# here even if another copy is installed on the machine.

import configparser
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

(meson, build_root, source_root, manifest_path,
 prefix, bindir, moduledir, datadir, localedir) = sys.argv[1:10]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        failures.append(f'{" ".join(args)} exited with {result.returncode}:\n{result.stdout}{result.stderr}')
    return result


with open(manifest_path, encoding='utf-8') as f:
    manifest = json.load(f)
app_id = manifest.get('id', manifest.get('app-id'))
command = manifest['command']

# Inside the build folder: writable wherever the tests run, flatpak-builder's
# sandbox included.
tmp = tempfile.mkdtemp(prefix='install-tree-', dir=build_root)
try:
    result = run([meson, 'install', '-C', build_root, '--destdir', tmp, '--no-rebuild', '--quiet'])
    if result.returncode != 0:
        raise SystemExit('\n'.join(failures))

    def tree(path):
        return os.path.join(tmp, path.lstrip('/'))

    def exists(path, what):
        check(os.path.isfile(tree(path)), f'{what} is not installed at {path}')

    # Nothing outside the prefix.
    for root, dirs, files in os.walk(tmp):
        for name in files:
            path = '/' + os.path.relpath(os.path.join(root, name), tmp)
            check(path.startswith(prefix.rstrip('/') + '/'), f'{path} is installed outside the prefix {prefix}')

    # What the manifest refers to.
    binary = os.path.join(bindir, command)
    exists(binary, f'the manifest command {command}')
    check(os.access(tree(binary), os.X_OK), f'{binary} is not executable')
    for module in ('vertebro-app.so', 'vertebro-pdf.so'):
        exists(os.path.join(moduledir, module), f'the module {module}')

    # What the desktop file refers to.
    desktop_path = os.path.join(datadir, 'applications', f'{app_id}.desktop')
    exists(desktop_path, 'the desktop file')
    desktop = configparser.ConfigParser(interpolation=None, strict=False)
    desktop.optionxform = str
    desktop.read(tree(desktop_path), encoding='utf-8')
    entry = desktop['Desktop Entry'] if desktop.has_section('Desktop Entry') else {}
    exists(os.path.join(bindir, entry.get('Exec', '').split()[0]), 'the desktop file Exec')
    icon = entry.get('Icon', '')
    exists(os.path.join(datadir, 'icons', 'hicolor', 'scalable', 'apps', f'{icon}.svg'), f'the icon {icon}')
    exists(os.path.join(datadir, 'icons', 'hicolor', 'symbolic', 'apps', f'{icon}-symbolic.svg'), f'the symbolic icon {icon}')

    mime_packages = os.path.join(datadir, 'mime', 'packages')
    exists(os.path.join(mime_packages, f'{app_id}.xml'), 'the MIME package')
    defined = set()
    if os.path.isdir(tree(mime_packages)):
        for name in os.listdir(tree(mime_packages)):
            root = ET.parse(os.path.join(tree(mime_packages), name)).getroot()
            ns = '{http://www.freedesktop.org/standards/shared-mime-info}'
            defined |= {t.get('type') for t in root.findall(f'{ns}mime-type')}
    for mime_type in filter(None, entry.get('MimeType', '').split(';')):
        check(mime_type in defined, f'the desktop file MimeType {mime_type} is defined by no installed MIME package')

    # What the metainfo refers to.
    metainfo_path = os.path.join(datadir, 'metainfo', f'{app_id}.metainfo.xml')
    exists(metainfo_path, 'the metainfo')
    if os.path.isfile(tree(metainfo_path)):
        component = ET.parse(tree(metainfo_path)).getroot()
        for launchable in component.findall('launchable'):
            exists(os.path.join(datadir, 'applications', launchable.text), f'the launchable {launchable.text}')
        for binary_name in component.findall('provides/binary'):
            exists(os.path.join(bindir, binary_name.text), f'the provided binary {binary_name.text}')
        for mediatype in component.findall('provides/mediatype'):
            check(mediatype.text in defined, f'the provided media type {mediatype.text} is defined by no installed MIME package')

    # The schema, and a catalogue for every language.
    exists(os.path.join(datadir, 'glib-2.0', 'schemas', f'{app_id}.gschema.xml'), 'the settings schema')
    with open(os.path.join(source_root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        languages = [w for line in f for w in line.split('#')[0].split()]
    for language in languages:
        exists(os.path.join(localedir, language, 'LC_MESSAGES', 'vertebro.mo'), f'the {language} catalogue')

    # The caches gnome.post_install makes at the real prefix.
    run(['glib-compile-schemas', '--strict', tree(os.path.join(datadir, 'glib-2.0', 'schemas'))])
    env = dict(os.environ, XDG_DATA_HOME=tree(datadir), XDG_DATA_DIRS=tree(datadir))
    result = run(['update-mime-database', tree(os.path.join(datadir, 'mime'))], env=env)
    check(result.stdout + result.stderr == '', f'update-mime-database warned:\n{result.stdout}{result.stderr}')
    run(['update-desktop-database', '-q', tree(os.path.join(datadir, 'applications'))])
    try:
        with open(tree(os.path.join(datadir, 'applications', 'mimeinfo.cache')), encoding='utf-8') as f:
            check(f'application/x-vertebro+json={app_id}.desktop;' in f.read().splitlines(),
                  'update-desktop-database does not give patient files to the app')
    except OSError as error:
        check(False, f'no mimeinfo.cache: {error}')
    for svg in (f'scalable/apps/{app_id}.svg', f'symbolic/apps/{app_id}-symbolic.svg'):
        path = tree(os.path.join(datadir, 'icons', 'hicolor', svg))
        if os.path.isfile(path):
            root = ET.parse(path).getroot()
            check(root.tag == '{http://www.w3.org/2000/svg}svg', f'{svg} is not an SVG')
            # gdk-pixbuf recognises an SVG by "<svg" near the start.
            with open(path, encoding='utf-8') as f:
                check('<svg' in f.read(256), f'{svg} does not start with <svg in its first 256 bytes')

    # The installed program, from the tree.
    env = dict(os.environ,
               VERTEBRO_MODULE_DIR=tree(moduledir),
               VERTEBRO_LOCALEDIR=tree(localedir),
               LC_ALL='C.UTF-8')
    example = os.path.join(source_root, 'examples', 'eligible-osteoporotic.vertebro')
    exe = tree(binary)

    result = run([exe, '--version'], env=env)
    with open(os.path.join(build_root, 'meson-info', 'intro-projectinfo.json'), encoding='utf-8') as f:
        version = json.load(f)['version']
    check(result.stdout.startswith(f'vertebro {version}\n'), f'--version says {result.stdout!r}')

    result = run([exe, '--evaluate', example], env=env)
    check(result.stdout.startswith('Verdict: Eligible'), f'--evaluate says {result.stdout[:80]!r}')

    result = run([exe, '--evaluate', example, '--format', 'json'], env=env)
    try:
        check(json.loads(result.stdout).get('verdict') == 'eligible', '--format json has another verdict')
    except ValueError as error:
        check(False, f'--format json is not JSON: {error}')

    pdf = os.path.join(tmp, 'summary.pdf')
    run([exe, '--evaluate', example, '--export-pdf', pdf], env=env)
    try:
        with open(pdf, 'rb') as f:
            check(f.read(5) == b'%PDF-', 'the summary is not a PDF')
    except OSError as error:
        check(False, f'--export-pdf wrote no file: {error}')
finally:
    shutil.rmtree(tmp, ignore_errors=True)

if failures:
    for failure in failures:
        print(f'test-install-tree: {failure}', file=sys.stderr)
    sys.exit(1)
print(f'test-install-tree: {app_id} installs and runs from a --destdir tree under {prefix}')
