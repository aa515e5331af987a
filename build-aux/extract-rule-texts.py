#!/usr/bin/env python3
# extract-rule-texts.py
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes every text of a rule set that people read (title, source citations,
# threshold labels and units, drug names, finding messages and remedies,
# checklist and counselling texts, every variant of each) as a PO template
# fragment. po/meson.build runs it at configure time and hands the result to
# xgettext with the sources listed in POTFILES.in, so `ninja vertebro-pot`
# makes one template with the interface and the rules, and nothing is copied
# by hand. xgettext 0.21 cannot read JSON, but it reads PO files and keeps
# their comments and references.
#
# The program looks the texts up with a plain gettext() when it shows them
# (src/core/vertebro-text.c, the verdict panel, the report), so the entries
# have no msgctxt: a site rule set's text that equals a built-in one is
# simply found, and any other is shown as written.
#
#   extract-rule-texts.py RULES.json OUT.pot [SHOWN-PATH]
#
# SHOWN-PATH is the rule set's path in the references (#:), relative to the
# source tree; it defaults to RULES.json as given.

import json
import re
import sys

PLACEHOLDER = re.compile(r'\{(field|threshold|per_kg):([^}]*)\}')

# What each placeholder becomes, for the translators (see "Texts" in
# src/core/vertebro-condition.c).
FIELD_HINTS = {
    'drug.id': 'a medicine’s name, such as “clopidogrel”',
    'drug.held': 'an amount such as “2 days” or “1 dose”',
    'drug.min_held': 'an amount such as “5 days” or “4 doses”',
    'drug.lead_days': 'a number of days, such as “5”',
    'drug.stop_date': 'a date',
    'level.level': 'a vertebra, such as “T12”',
    'level.collapse_percent': 'a number',
    'derived.level_count': 'a number',
    'derived.crcl': 'a number',
    'history.pain_nrs': 'a number from 0 to 10',
    'history.conservative_weeks': 'a number',
    'history.dominant_pain_source': 'a choice from the form, such as “Facet joint”',
    'patient.weight_kg': 'a number',
}


def placeholder_hint(text):
    hints = []
    for kind, name in PLACEHOLDER.findall(text):
        token = '{%s:%s}' % (kind, name)
        if kind == 'threshold':
            what = 'a number with its unit'
        elif kind == 'per_kg':
            what = 'a whole number'
        else:
            what = FIELD_HINTS.get(name, 'a value')
        hint = '%s is %s' % (token, what)
        if hint not in hints:
            hints.append(hint)
    if not hints:
        return None
    return ('Keep each {…} placeholder exactly as written; the program fills it in: ' +
            '; '.join(hints) + '.')


def po_quote(text):
    escaped = text.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('\t', '\\t')
    return '"%s"' % escaped


class Catalogue:
    def __init__(self, raw, shown_path):
        self.raw = raw
        self.shown_path = shown_path
        self.entries = {}          # msgid → entry, in the order first met
        self.searched = {}         # (key, text) → where the next search starts

    def line_of(self, key, text):
        """The line of the next `"key": "text"` in the file, in document order."""
        needle = '"%s": %s' % (key, json.dumps(text, ensure_ascii=False))
        start = self.searched.get((key, text), 0)
        at = self.raw.find(needle, start)
        if at < 0:
            at = self.raw.find(needle)
        if at < 0:
            return None
        self.searched[(key, text)] = at + len(needle)
        return self.raw.count('\n', 0, at) + 1

    def add(self, text, key, comment):
        if not isinstance(text, str) or text == '':
            return
        line = self.line_of(key, text)
        entry = self.entries.setdefault(text, {'comments': [], 'lines': []})
        if comment not in entry['comments']:
            entry['comments'].append(comment)
        if line is not None:
            entry['lines'].append(line)

    def add_text(self, value, key, comment):
        """A text, or a list of variants of which the first that applies is shown."""
        if isinstance(value, list):
            for i, variant in enumerate(value):
                if isinstance(variant, dict):
                    self.add(variant.get('text'), 'text',
                             '%s, variant %d of %d.' % (comment, i + 1, len(value)))
        else:
            self.add(value, key, comment + '.')

    def write(self, out):
        out.write('# Texts of the built-in rule set, made by build-aux/extract-rule-texts.py.\n'
                  '# Do not edit: the rule set is the original.\n'
                  'msgid ""\n'
                  'msgstr ""\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Content-Transfer-Encoding: 8bit\\n"\n')
        for text, entry in self.entries.items():
            out.write('\n')
            comments = list(entry['comments'])
            hint = placeholder_hint(text)
            if hint is not None:
                comments.append(hint)
            for comment in comments:
                out.write('#. %s\n' % comment)
            if entry['lines']:
                out.write('#: %s\n' % ' '.join('%s:%d' % (self.shown_path, line) for line in entry['lines']))
            # The texts are never printf formats, even when one reads like
            # one ("2 % of patients").
            out.write('#, no-c-format\n')
            out.write('msgid %s\n' % po_quote(text))
            out.write('msgstr ""\n')


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write('usage: extract-rule-texts.py RULES.json OUT.pot [SHOWN-PATH]\n')
        return 2
    with open(argv[1], encoding='utf-8') as f:
        raw = f.read()
    rules = json.loads(raw)
    cat = Catalogue(raw, argv[3] if len(argv) == 4 else argv[1])

    cat.add(rules.get('title'), 'title', 'Rule set: the title of the built-in rule set.')
    for source in rules.get('sources', []):
        cat.add(source.get('citation'), 'citation',
                'Rule set: source %s, a bibliographic reference. Keep the authors and the '
                'titles of articles, journals and guidelines as published; translate the '
                'words that describe it (kind of page, “last updated”, dates).' % source.get('id'))
    for threshold in rules.get('thresholds', []):
        cat.add(threshold.get('label'), 'label',
                'Rule set: what threshold %s means, shown when a site rule set changes it.'
                % threshold.get('id'))
        unit = threshold.get('unit', '')
        # Units that start with "/" are joined to the number untranslated;
        # "%" needs no translation.
        if re.search(r'[^\W\d_]', unit) and not unit.startswith('/'):
            cat.add(unit, 'unit',
                    'Rule set: a unit, shown after a number (“min” is minutes, “g” grams, '
                    '“mg” milligrams).')
    for drug in rules.get('antithrombotics', []):
        cat.add(drug.get('name'), 'name',
                'Rule set: the name of antithrombotic %s as it is written inside a sentence '
                '(“Stop clopidogrel on or before …”); use the name clinicians use, in lower '
                'case unless your language capitalises it there.' % drug.get('id'))
    for finding in rules.get('findings', []):
        cat.add_text(finding.get('message'), 'message',
                     'Rule set: the message of finding %s, for the clinician' % finding.get('id'))
        if 'remedy' in finding:
            cat.add_text(finding.get('remedy'), 'remedy',
                         'Rule set: what would change finding %s (its remedy)' % finding.get('id'))
    for item in rules.get('checklist', []):
        cat.add_text(item.get('text'), 'text',
                     'Rule set: preparation checklist item %s, for the care team' % item.get('id'))
    for item in rules.get('counsel', []):
        cat.add_text(item.get('text'), 'text',
                     'Rule set: counselling item %s, said to the patient in plain words' % item.get('id'))

    with open(argv[2], 'w', encoding='utf-8') as out:
        cat.write(out)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
