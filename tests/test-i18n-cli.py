#!/usr/bin/env python3
# test-i18n-cli.py SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The command line and the PDF in the user's language, the JSON in none:
#
# - `--evaluate --format text` under German, French and Spanish prints every
#   line in that language (none is left as the English line), with the
#   rule texts translated and numbers and dates in the locale's format;
# - its errors (a refused patient file, a wrong command line) are translated;
# - a site rule set's own texts are shown as written, the built-in ones
#   translated;
# - the PDF under French has French headings and French clinical texts;
# - the JSON of every example is byte-identical under C.UTF-8 and each of
#   de_DE, fr_FR and es_ES.
#
# The expected texts are looked up in po/*.po, so the test follows the
# translations rather than repeating them. Run by meson with VERTEBRO_EXE,
# VERTEBRO_EXAMPLES and VERTEBRO_LOCALEDIR (the build's po/) set; skipped
# (77) when a locale is missing (build-aux/dev generates them).

import datetime
import json
import locale
import os
import re
import shutil
import subprocess
import sys
import tempfile

LOCALES = {'de': 'de_DE.UTF-8', 'fr': 'fr_FR.UTF-8', 'es': 'es_ES.UTF-8'}
EXAMPLE = 'not-ready-clopidogrel-inr.vertebro'
failures = []


def _load_lib():
    import importlib.util
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-i18n-lib.py')
    spec = importlib.util.spec_from_file_location('i18n_po', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


i18n_po = _load_lib()


def check(condition, message):
    print(('ok - ' if condition else 'not ok - ') + message)
    if not condition:
        failures.append(message)
    return condition


def run(args, lang=None, code=None, stdin=None):
    env = dict(os.environ)
    for name in ('LANGUAGE', 'LANG', 'LC_ALL', 'LC_MESSAGES', 'LC_NUMERIC', 'LC_TIME'):
        env.pop(name, None)
    if lang is None:
        env['LC_ALL'] = 'C.UTF-8'
    else:
        env.update(LANGUAGE=lang, LANG=code, LC_ALL=code)
    return subprocess.run([os.environ['VERTEBRO_EXE']] + args, env=env, input=stdin,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def locale_available(code):
    try:
        locale.setlocale(locale.LC_ALL, code)
        return True
    except locale.Error:
        return False
    finally:
        locale.setlocale(locale.LC_ALL, 'C.UTF-8')


def fill(template, values):
    for name, value in values.items():
        template = template.replace('{%s}' % name, value)
    return template


def normalise(text):
    # pdftotext breaks lines where the PDF does; no-break spaces are spaces.
    return re.sub(r'[\s\u00a0\u202f]+', ' ', text).strip()


def translated(cat, msgid, context=None):
    text = cat.get((context, msgid))
    check(text is not None, 'the catalogue translates %r' % msgid)
    return text or msgid


def test_text(lang, code, cat, examples):
    locale.setlocale(locale.LC_ALL, code)
    point = locale.localeconv()['decimal_point']
    stop_date = datetime.date(2026, 11, 23).strftime(
        translated(cat, '%-d %b %Y', 'date format'))
    locale.setlocale(locale.LC_ALL, 'C.UTF-8')

    out = run(['--evaluate', os.path.join(examples, EXAMPLE), '--format', 'text'], lang, code)
    check(out.returncode == 0, '%s: --format text exits 0' % lang)
    text = out.stdout.decode('utf-8')
    lines = text.splitlines()

    verdict = translated(cat, 'Verdict: %s — %s\n') % (translated(cat, 'Not ready', 'verdict'),
                                                      translated(cat, 'Proceed only after the problems below are corrected.'))
    check(lines[:1] == [verdict.rstrip('\n')], '%s: the verdict line is translated: %r' % (lang, lines[:1]))

    inr = fill(translated(cat, 'INR {field:labs.inr} is at or above the limit of {threshold:inr_max} '
                               'for this high bleeding-risk procedure.'),
               {'field:labs.inr': '1' + point + '7', 'threshold:inr_max': '1' + point + '5'})
    check(inr in text, '%s: the INR finding is translated, with the locale\'s decimal separator' % lang)

    remedy = fill(translated(cat, 'Stop {field:drug.id} on or before {field:drug.stop_date} (no doses from '
                                  'that day on), or move the procedure to a later date.'),
                  {'field:drug.id': translated(cat, 'clopidogrel'), 'field:drug.stop_date': stop_date})
    check(remedy in text, '%s: the remedy names the drug and the date the locale\'s way: %s' % (lang, stop_date))

    crcl = translated(cat, 'Creatinine clearance: %s mL/min\n') % ('59' + point + '9')
    check(crcl.rstrip('\n') in lines, '%s: the derived creatinine clearance is translated' % lang)

    # No line is left in English: each differs from the same line under C,
    # unless its text is one the catalogue keeps as it is ("INR").
    english = run(['--evaluate', os.path.join(examples, EXAMPLE), '--format', 'text']).stdout.decode('utf-8').splitlines()
    same = set(msgid for (context, msgid), msgstr in cat.items() if msgid == msgstr)
    check(len(english) == len(lines), '%s: as many lines as in English' % lang)
    for ours, theirs in zip(lines, english):
        core = re.sub(r'^\s*(?:- |\[[ x]\] )?|\s*\([^)]*\)$', '', ours)
        # A reference ("  sir-2019  Patel IJ et al. …") is cited as published.
        if re.match(r'^  [a-z0-9.-]+  \S', ours):
            continue
        if ours.strip() and ours == theirs and core not in same:
            check(False, '%s: line left in English: %r' % (lang, ours))


def test_errors(lang, code, cat):
    with tempfile.TemporaryDirectory() as directory:
        bad = os.path.join(directory, 'bad.vertebro')
        with open(bad, 'w', encoding='utf-8') as f:
            f.write('{"format": "vertebro-patient", "version": 1, "labs": {"inr": 25}}\n')
        out = run(['--evaluate', bad], lang, code)
    locale.setlocale(locale.LC_ALL, code)
    numbers = tuple(locale.format_string('%g', n) for n in (25, 0.5, 20))
    problem = translated(cat, '%s is outside the allowed range %s–%s') % numbers
    locale.setlocale(locale.LC_ALL, 'C.UTF-8')
    stderr = out.stderr.decode('utf-8')
    check(out.returncode == 1 and out.stdout == b'', '%s: a refused file exits 1 and prints nothing' % lang)
    check(problem in stderr, '%s: the refusal is translated: %r' % (lang, stderr.strip()))

    out = run(['--evaluate', bad, '--format', 'xml'], lang, code)
    stderr = out.stderr.decode('utf-8')
    check(out.returncode == 2, '%s: a wrong command line exits 2' % lang)
    check(translated(cat, '--format must be “json” or “text”') in stderr,
          '%s: the command-line error is translated: %r' % (lang, stderr.strip()))


def test_site_rules(root, cat, examples):
    # A site rule set's own text is shown as written (its placeholders still
    # filled in the locale's way); its texts that are the built-in ones are
    # translated.
    with open(os.path.join(root, 'data', 'rules', 'vertebro-default.json'), encoding='utf-8') as f:
        rules = json.load(f)
    for finding in rules['findings']:
        if finding['id'] == 'req.inr':
            finding['message'] = 'Site text: INR {field:labs.inr} is too high.'
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, 'site.json')
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(rules, f, ensure_ascii=False)
        out = run(['--rules', path, '--evaluate', os.path.join(examples, EXAMPLE), '--format', 'text'],
                  'de', LOCALES['de'])
    text = out.stdout.decode('utf-8')
    check(out.returncode == 0, 'de: a site rule set is accepted: %s' % out.stderr.decode('utf-8').strip())
    check('Site text: INR 1,7 is too high.' in text, 'de: a site rule set\'s own text is shown as written')
    check(translated(cat, 'Arrange reversal of anticoagulation as appropriate and repeat the INR before the '
                          'procedure.') in text,
          'de: a site rule set\'s texts that are the built-in ones are translated')


def test_json(examples):
    names = sorted(n for n in os.listdir(examples) if n.endswith('.vertebro'))
    check(len(names) > 0, 'there are examples')
    for name in names:
        path = os.path.join(examples, name)
        reference = run(['--evaluate', path, '--format', 'json'])
        check(reference.returncode == 0, '%s: JSON under C.UTF-8' % name)
        json.loads(reference.stdout)
        for lang, code in LOCALES.items():
            other = run(['--evaluate', path, '--format', 'json'], lang, code)
            check(other.returncode == 0 and other.stdout == reference.stdout,
                  '%s: the JSON under %s is byte-identical to the JSON under C.UTF-8' % (name, code))


def test_pdf(cat, examples):
    if shutil.which('pdftotext') is None:
        # Left out only when the build says so (-Dpdf_text_tests=false).
        check(os.environ.get('VERTEBRO_PDF_TEXT_TESTS') == '0',
              'fr: the PDF cannot be read back: pdftotext (poppler-utils) is not installed')
        print('# left out the PDF: -Dpdf_text_tests=false, pdftotext (poppler-utils) is not installed')
        return
    with tempfile.TemporaryDirectory() as directory:
        pdf = os.path.join(directory, 'summary.pdf')
        out = run(['--evaluate', os.path.join(examples, EXAMPLE), '--export-pdf', pdf], 'fr', LOCALES['fr'])
        if not check(out.returncode == 0, 'fr: --export-pdf exits 0: %s' % out.stderr.decode('utf-8').strip()):
            return
        text = normalise(subprocess.run(['pdftotext', '-enc', 'UTF-8', pdf, '-'], check=True,
                                        stdout=subprocess.PIPE).stdout.decode('utf-8'))

    for heading in ('Pre-procedure assessment', 'Findings', 'Preparation checklist', 'Counselling', 'References'):
        check(normalise(translated(cat, heading)) in text, 'fr: the PDF has the French heading for %r' % heading)
    check(normalise(translated(cat, 'Not ready', 'verdict')) in text, 'fr: the PDF has the French verdict')
    check(any(normalise(translated(cat, 'Page %u of %u') % (1, n)) in text for n in range(1, 10)),
          'fr: the page counter is French')
    for msgid in ('Some cement can escape from the bone into the spinal canal, the openings where nerves leave '
                  'the spine, nearby veins or the disc. This usually causes no symptoms; fewer than 2 % of '
                  'patients notice any effect.',
                  'Keep pulse, blood pressure and oxygen saturation under continuous monitoring from start to finish.'):
        check(normalise(translated(cat, msgid)) in text, 'fr: the PDF has the French text of %r' % msgid[:40])
    inr = fill(translated(cat, 'INR {field:labs.inr} is at or above the limit of {threshold:inr_max} '
                               'for this high bleeding-risk procedure.'),
               {'field:labs.inr': '1,7', 'threshold:inr_max': '1,5'})
    check(normalise(inr) in text, 'fr: the PDF has the French finding, with decimal commas')


def main(root):
    examples = os.environ['VERTEBRO_EXAMPLES']
    missing = [code for code in LOCALES.values() if not locale_available(code)]
    if missing:
        print('# skipped: the locales %s are not installed (build-aux/dev generates them)' % ', '.join(missing))
        return 77

    catalogues = {lang: i18n_po.catalogue(os.path.join(root, 'po', lang + '.po')) for lang in LOCALES}
    for lang, code in LOCALES.items():
        test_text(lang, code, catalogues[lang], examples)
        test_errors(lang, code, catalogues[lang])
    test_site_rules(root, catalogues['de'], examples)
    test_json(examples)
    test_pdf(catalogues['fr'], examples)

    if failures:
        print('# %d checks failed' % len(failures))
        return 1
    return 0


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.stderr.write('usage: test-i18n-cli.py SOURCE_ROOT\n')
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
