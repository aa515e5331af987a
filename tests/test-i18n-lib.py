# test-i18n-lib.py
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A small reader of PO files for the translation tests (tests/test-i18n-*.py),
# so that they need nothing beyond Python and GNU gettext.

import re

_ESCAPES = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\', 'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v'}


def _unquote(text):
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError('not a PO string: %r' % text)
    return re.sub(r'\\(.)', lambda m: _ESCAPES.get(m.group(1), m.group(1)), text[1:-1])


class Entry:
    def __init__(self):
        self.comments = []      # extracted comments (#.)
        self.references = []    # #:
        self.flags = []         # #,
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = {}        # index → text
        self.obsolete = False

    @property
    def key(self):
        return (self.msgctxt, self.msgid)

    def describe(self):
        context = '[%s] ' % self.msgctxt if self.msgctxt is not None else ''
        return context + repr(self.msgid)


def parse(path):
    """The entries of a PO or POT file, the header (msgid "") included."""
    entries = []
    entry = None
    field = None

    def finish():
        nonlocal entry
        if entry is not None and entry.msgid is not None:
            entries.append(entry)
        entry = None

    with open(path, encoding='utf-8') as f:
        for raw in f:
            line = raw.rstrip('\n')
            if not line.strip():
                finish()
                continue
            if entry is None:
                entry = Entry()
            if line.startswith('#~'):
                entry.obsolete = True
                line = line[2:].lstrip()
                if not line or line.startswith('#'):
                    continue
            elif line.startswith('#.'):
                entry.comments.append(line[2:].strip())
                continue
            elif line.startswith('#:'):
                entry.references += line[2:].split()
                continue
            elif line.startswith('#,'):
                entry.flags += [flag.strip() for flag in line[2:].split(',')]
                continue
            elif line.startswith('#'):
                continue
            match = re.match(r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$', line)
            if match:
                keyword, index, text = match.groups()
                if keyword == 'msgstr':
                    field = ('msgstr', int(index or 0))
                    entry.msgstr[field[1]] = _unquote(text)
                else:
                    field = (keyword, None)
                    setattr(entry, keyword, _unquote(text))
            elif line.startswith('"') and field is not None:
                if field[0] == 'msgstr':
                    entry.msgstr[field[1]] += _unquote(line)
                else:
                    setattr(entry, field[0], getattr(entry, field[0]) + _unquote(line))
            else:
                raise ValueError('%s: cannot read %r' % (path, line))
    finish()
    return entries


def catalogue(path):
    """(msgctxt, msgid) → msgstr (the first form) of the translated entries."""
    return {e.key: e.msgstr.get(0, '') for e in parse(path)
            if e.msgid and not e.obsolete and 'fuzzy' not in e.flags and e.msgstr.get(0)}


def linguas(path):
    with open(path, encoding='utf-8') as f:
        return [word for line in f if not line.lstrip().startswith('#') for word in line.split()]
