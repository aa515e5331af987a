#!/usr/bin/env python3
# test-i18n-po.py SOURCE_ROOT RULE_TEXTS_POT
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every language of po/LINGUAS translates every message the program has now:
# the template is made afresh from the sources of po/POTFILES.in and the rule
# set's texts (the same inputs as `ninja vertebro-pot`), so a string added to
# the code without a translation fails here. Each po file is merged with that
# template and must then have no empty and no fuzzy message; the {field:…},
# {threshold:…} and {per_kg:…} placeholders of the rule texts must be kept
# exactly; and every printf format in the template carries a comment for
# translators.
#
# When it fails: `ninja -C _build vertebro-pot vertebro-update-po`, translate
# what is new or fuzzy in po/*.po, and run it again.

import os
import re
import subprocess
import sys
import tempfile


def _load_lib():
    import importlib.util
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-i18n-lib.py')
    spec = importlib.util.spec_from_file_location('i18n_po', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


i18n_po = _load_lib()

# meson's i18n preset 'glib' (mesonbuild/modules/i18n.py), plus the -k_ meson
# always adds; what decides which strings are messages and which are formats.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments', '-k_',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]

PLACEHOLDER = re.compile(r'\{(?:field|threshold|per_kg):[^}]*\}')
# A printf conversion, not "%%" and not the "2 % of" of running text.
PRINTF = re.compile(r'%(?:\d+\$)?[-+ #0\']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfgGcspn]')


def fresh_template(source_root, rule_texts, directory):
    subprocess.run(['xgettext', '--package-name=vertebro', '-p', directory,
                    '-f', os.path.join(source_root, 'po', 'POTFILES.in'), '-D', source_root,
                    '-o', 'vertebro.pot'] + XGETTEXT_ARGS + [rule_texts],
                   check=True)
    return os.path.join(directory, 'vertebro.pot')


def main(source_root, rule_texts):
    problems = []
    with tempfile.TemporaryDirectory() as directory:
        pot = fresh_template(source_root, rule_texts, directory)
        template = [e for e in i18n_po.parse(pot) if e.msgid]
        print('# the template has %d messages' % len(template))

        for e in template:
            if ('c-format' in e.flags and PRINTF.search(e.msgid)
                    and not any('Translators' in c for c in e.comments)):
                problems.append('no translator comment on the format string %s (%s)'
                                % (e.describe(), ' '.join(e.references)))

        for lang in i18n_po.linguas(os.path.join(source_root, 'po', 'LINGUAS')):
            po = os.path.join(source_root, 'po', lang + '.po')
            if not os.path.exists(po):
                problems.append('%s is in LINGUAS but po/%s.po does not exist' % (lang, lang))
                continue
            merged = os.path.join(directory, lang + '.po')
            subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged, po, pot], check=True)
            missing = fuzzy = 0
            for e in i18n_po.parse(merged):
                if not e.msgid or e.obsolete:
                    continue
                forms = [e.msgstr.get(i, '') for i in sorted(e.msgstr)] or ['']
                if 'fuzzy' in e.flags:
                    fuzzy += 1
                    problems.append('%s: fuzzy: %s' % (lang, e.describe()))
                elif any(form == '' for form in forms):
                    missing += 1
                    problems.append('%s: not translated: %s' % (lang, e.describe()))
                else:
                    wanted = sorted(PLACEHOLDER.findall(e.msgid))
                    for form in forms:
                        if sorted(PLACEHOLDER.findall(form)) != wanted:
                            problems.append('%s: placeholders %s changed in %s'
                                            % (lang, ' '.join(wanted), e.describe()))
            print('# %s: %d messages, %d not translated, %d fuzzy' % (lang, len(template), missing, fuzzy))

    for problem in problems:
        print(problem)
    if problems:
        print('To fix: ninja -C _build vertebro-pot vertebro-update-po, then translate po/*.po.')
        return 1
    print('every message is translated in every language of LINGUAS')
    return 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.stderr.write('usage: test-i18n-po.py SOURCE_ROOT RULE_TEXTS_POT\n')
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
