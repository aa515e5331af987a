#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench/form-entry.py — counts the keys a keyboard user presses to enter one
# ordinary patient, and what a screen reader hears on one question.
#
#   xvfb-run -a dbus-run-session -- /usr/bin/python3 bench/form-entry.py \
#       _build/src/vertebro [--json OUT.json] [--log OUT.log]
#   /usr/bin/python3 bench/form-entry.py --table BEFORE.json AFTER.json
#
# Starts `vertebro` with a new assessment (no file) and enters, from the
# first field to the last needed answer and with the keyboard only, the
# patient of the form's usability issue: a 72-year-old woman, osteoporotic
# L1 fracture with 40 % collapse, unhealed, NRS 8, refractory, on apixaban,
# creatinine 120 µmol/L, 58 kg, INR 1.1, platelets 180 ×10⁹/L. Every other
# answer the verdict needs is "No" (or "Intact" for the posterior wall) and
# apixaban is withheld for the six doses its band asks for.
#
# The user moves as a keyboard user who knows the form would: with Tab
# (Shift+Tab only to go back up to a field that appeared further down),
# types the value, opens a drop-down with Space and moves to the choice with
# the arrow keys, takes it with Return. A Yes/No question is answered with Y
# or N when it is one radio group (the form since the issue), or with Tab to
# its button and Space when it is three buttons (as at 104fb25). The script
# finds its way by the focused object's accessible name, as it would by
# sight, but every key it sends is one a user presses: keys are counted as
# they are sent, through AT-SPI (XTest on the X server), one per key press;
# Shift+Tab and Ctrl+A count as one press each.
#
# The same plan drives the form at 104fb25 (the "before" of the issue),
# where the UI differs: a question is three buttons; a new level is T12 and
# its list opens at T1, and its fields keep the name "T12: …" after L1 is
# chosen; platelets are typed per µL (180000); there is no "Takes an
# antiplatelet or anticoagulant" question. In both, the serum creatinine
# appears only once apixaban is added, above it: the user goes back up with
# Shift+Tab, then down again. The pointer is parked in the screen's corner
# first (a mouse event, not counted): a popover opened under it would move
# the focus to the item it hovers.
#
# At the end it reads the verdict from the window's status bar, and fails
# unless it is definitive (not "Incomplete"): then the "To complete" list is
# printed. Needs /usr/bin/python3 with pyatspi (python3-pyatspi,
# gir1.2-atspi-2.0, at-spi2-core), an X server and a D-Bus session of its
# own (xvfb-run, dbus-run-session). Not run by meson test or build-aux/dev.

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

# The AT-SPI session is the accessibility test's (tests/vertebro_atspi.py);
# nothing is written into the source tree (no __pycache__).
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, 'tests'))
import gi  # noqa: E402
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402
import pyatspi  # noqa: E402
from vertebro_atspi import AppSession, Failure, find, find_all, text_of, texts_under  # noqa: E402

# The question whose announcement is recorded, and the patient.
ANNOUNCED = 'Pain refractory to optimal management'
BIRTH_DATE = '1954-05-10'   # 72 years old from 2026-05-10 to 2027-05-09

KEY_TAB, KEY_RETURN, KEY_SPACE = 0xff09, 0xff0d, 0x20
KEY_UP, KEY_DOWN = 0xff52, 0xff54
KEY_SHIFT, KEY_CONTROL = 1 << 0, 1 << 2
KEY_DELAY = 0.05


def parse_arguments():
    parser = argparse.ArgumentParser(description='Count the keys of one scripted patient entry.')
    parser.add_argument('exe', nargs='?', help='the vertebro executable')
    parser.add_argument('--json', help='write the figures to this file')
    parser.add_argument('--log', help='write every key and where the focus went to this file')
    parser.add_argument('--table', nargs=2, metavar=('BEFORE', 'AFTER'),
                        help='print the table of two runs\' JSON files and exit')
    arguments = parser.parse_args()
    if arguments.table is None and arguments.exe is None:
        parser.error('name the vertebro executable, or --table BEFORE AFTER')
    return arguments


# ---- The table of two runs (needs no display) ----

ROWS = [
    ('keys', 'Key presses in total'),
    ('tab', 'Tab presses'),
    ('shift_tab', 'Shift+Tab presses'),
    ('arrows', 'Arrow presses (in drop-downs and menus)'),
    ('navigation', 'Navigation only (Tab, Shift+Tab, arrows)'),
    ('actions', 'Open, choose, answer (Space, Return, Y, N)'),
    ('typed', 'Characters typed'),
    ('select_all', 'Ctrl+A'),
    ('focus_stops', 'Focus stops passed'),
]


def print_table(before_path, after_path):
    with open(before_path, encoding='utf-8') as f:
        before = json.load(f)
    with open(after_path, encoding='utf-8') as f:
        after = json.load(f)
    width = max(len(title) for _, title in ROWS)
    print('%-*s  %8s  %8s' % (width, '', 'before', 'after'))
    for key, title in ROWS:
        print('%-*s  %8s  %8s' % (width, title, before['counts'].get(key, '-'), after['counts'].get(key, '-')))
    print('%-*s  %8s  %8s' % (width, 'Verdict', before['verdict'].split('.')[0], after['verdict'].split('.')[0]))
    for name, run in (('before', before), ('after', after)):
        print('\n%s (%s): %r as Tab reaches it' % (name.capitalize(), run['revision'], ANNOUNCED))
        for line in run['announcement']['lines']:
            print('  ' + line)
        print('and once answered Yes:')
        for line in run['answered']['lines']:
            print('  ' + line)


# ---- Talking to the app ----

class Session(AppSession):
    key_delay = KEY_DELAY
    wait_interval = 0.02

    def __init__(self, exe, workdir, log):
        self.focus_events = 0
        self.log = log
        self.counts = {key: 0 for key, _ in ROWS}
        self.counts['focus_stops'] = 0
        # Its own list of recent files too.
        super().__init__(exe, workdir, env={'XDG_DATA_HOME': os.path.join(workdir, 'data')},
                         stdout=subprocess.DEVNULL)
        # The pointer is parked in a corner, out of the way of every popover.
        Atspi.generate_mouse_event(0, 0, 'abs')
        # Let the window settle: the first frame, then the focus GTK gives it.
        self.pump(1.5)
        self.note('start: focus on %s' % describe(self.focused))

    def note(self, line):
        if self.log is not None:
            self.log.write(line + '\n')

    def focus_moved(self):
        self.focus_events += 1

    def timed_out(self, what):
        return 'timed out waiting for %s (focus on %s)' % (what, describe(self.focused))

    # ---- Keys: every one sent is counted ----

    def key(self, keysym, kind, modifier=None, moves=False):
        """Presses one key; kind is the row of the table it counts in.

        With moves, waits for the focus to move (a Tab, an arrow in a list),
        so that the next decision is taken on where the focus is now.
        """
        events = self.focus_events
        if modifier is not None:
            Atspi.generate_keyboard_event(modifier, None, Atspi.KeySynthType.LOCKMODIFIERS)
        Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.PRESSRELEASE | Atspi.KeySynthType.SYM)
        if modifier is not None:
            Atspi.generate_keyboard_event(modifier, None, Atspi.KeySynthType.UNLOCKMODIFIERS)
        self.counts['keys'] += 1
        self.counts[kind] += 1
        if kind in ('tab', 'shift_tab', 'arrows'):
            self.counts['navigation'] += 1
        if moves:
            try:
                self.wait(lambda: self.focus_events > events, 'the focus to move', timeout=3)
            except Failure:
                pass
            # A focus event can be followed by another of the same move (a
            # row, then the entry in it).
            self.pump(KEY_DELAY)
        else:
            self.pump()
        self.note('%4d %-9s %-9s -> %s' % (self.counts['keys'], kind, key_name(keysym, modifier), describe(self.focused)))

    def tab(self, backward=False):
        self.key(KEY_TAB, 'shift_tab' if backward else 'tab', KEY_SHIFT if backward else None, moves=True)
        self.counts['focus_stops'] += 1

    def type(self, text):
        for character in text:
            Atspi.generate_keyboard_event(0, character, Atspi.KeySynthType.STRING)
            self.counts['keys'] += 1
            self.counts['typed'] += 1
            self.pump(0.02)
        self.pump(0.1)
        self.note('     typed %r' % text)

    def tab_to(self, matches, what, backward=False, limit=80):
        """Presses Tab (or Shift+Tab) until the focused object matches."""
        for _ in range(limit):
            f = self.focused
            try:
                if f is not None and matches(f):
                    return f
            except GLib.GError:
                pass
            self.tab(backward)
        raise Failure('Tab never reached %s (last: %s)' % (what, describe(self.focused)))

    # ---- Reading ----

    def verdict(self):
        status = find(self.frame, lambda a: a.getRole() == pyatspi.ROLE_STATUS_BAR)
        if status is None:
            raise Failure('the verdict is not in the accessibility tree')
        return status.name

    def to_complete(self):
        todo = find(self.frame, lambda a: a.getRole() == pyatspi.ROLE_LIST and a.name == 'To Complete')
        if todo is None:
            return []
        return [a.name for a in find_all(todo, lambda a: a.getRole() == pyatspi.ROLE_LIST_ITEM)]


def key_name(keysym, modifier):
    names = {KEY_TAB: 'Tab', KEY_RETURN: 'Return', KEY_SPACE: 'Space', KEY_UP: 'Up', KEY_DOWN: 'Down'}
    name = names.get(keysym, chr(keysym) if keysym < 0x100 else hex(keysym))
    return {KEY_SHIFT: 'Shift+', KEY_CONTROL: 'Ctrl+'}.get(modifier, '') + name


def label_of(accessible):
    """What an item shows: its name, else the text of its labels."""
    if accessible.name:
        return accessible.name
    return ' '.join(t for t in texts_under(accessible) if t)


def describe(accessible):
    if accessible is None:
        return 'nothing'
    try:
        name = accessible.name
        if not name and accessible.getRole() == pyatspi.ROLE_LIST_ITEM:
            name = label_of(accessible)
        return '%s %r' % (accessible.getRoleName(), name)
    except GLib.GError:
        return 'a vanished object'


def role_is(accessible, *roles):
    return accessible.getRole() in roles


# ---- What a screen reader hears ----

def announcement(accessible):
    """What AT-SPI exposes about a focused object, as a screen reader reads it."""
    states = sorted(pyatspi.stateToString(s) for s in accessible.getState().getStates())
    relations = []
    for relation in accessible.getRelationSet():
        targets = [describe(relation.getTarget(i)) for i in range(relation.getNTargets())]
        relations.append('%s: %s' % (pyatspi.relationToString(relation.getRelationType()), ', '.join(targets)))
    parent = accessible.parent
    siblings = [parent.getChildAtIndex(i) for i in range(parent.childCount)] if parent is not None else []
    position = accessible.getIndexInParent()
    attributes = accessible.getAttributes() or []
    record = {
        'role': accessible.getRoleName(),
        'name': accessible.name,
        'description': accessible.description,
        'states': states,
        'relations': relations,
        'attributes': list(attributes),
        'parent': describe(parent),
        'parent_description': parent.description if parent is not None else '',
        'siblings': [describe(s) for s in siblings],
        'position': '%d of %d' % (position + 1, len(siblings)),
    }
    record['lines'] = [
        'focused: %s %r' % (record['role'], record['name']),
        'description: %r' % record['description'],
        'states: %s' % ', '.join(states),
        'relations: %s' % ('; '.join(relations) or 'none'),
        'group: %s, %s, holding %s' % (record['parent'], record['position'], ', '.join(record['siblings'])),
    ]
    return record


# ---- The entry ----

class Entry:
    """Enters the patient in form order; copes with both forms it measures."""

    def __init__(self, s):
        self.s = s
        self.announcement = None
        self.answered = None
        self.flavour = None   # 'group' (one Tab stop a question) or 'buttons' (three)

    def text(self, name, value, backward=False):
        s = self.s
        s.tab_to(lambda a: a.name == name and role_is(a, pyatspi.ROLE_TEXT), 'the field %r' % name, backward)
        if text_of(s.focused):
            # Only a field that was filled in before is cleared first.
            s.key(ord('a'), 'select_all', KEY_CONTROL)
        s.type(value)
        focused = s.focused
        s.wait(lambda: text_of(focused) == value, '%s to read %r' % (name, value))

    def open_list(self, what):
        """Space on a drop-down, then the focus in its list."""
        s = self.s
        s.key(KEY_SPACE, 'actions', moves=True)
        s.wait(lambda: s.focused is not None and role_is(s.focused, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_MENU_ITEM),
               'the list of %s' % what)

    def move_in_list(self, choice, what):
        """Arrows from the focused item to the one showing choice.

        choice may be a tuple of the names one choice has had.
        """
        s = self.s
        item = s.focused
        parent = item.parent
        labels = [label_of(parent.getChildAtIndex(i)) for i in range(parent.childCount)]
        if isinstance(choice, tuple):
            choice = next((c for c in choice if c in labels), choice[0])
        if choice not in labels:
            raise Failure('%s offers %r, not %r' % (what, labels, choice))
        here = item.getIndexInParent()
        for _ in range(abs(labels.index(choice) - here)):
            s.key(KEY_DOWN if labels.index(choice) > here else KEY_UP, 'arrows', moves=True)
        if label_of(s.focused) != choice:
            raise Failure('the arrows reached %r in %s, not %r' % (label_of(s.focused), what, choice))

    def choose(self, name, choice):
        s = self.s
        s.tab_to(lambda a: a.name == name and role_is(a, pyatspi.ROLE_COMBO_BOX), 'the drop-down %r' % name)
        self.choose_here(name, choice)

    def choose_here(self, name, choice):
        s = self.s
        self.open_list(name)
        self.move_in_list(choice, name)
        s.key(KEY_RETURN, 'actions', moves=True)
        s.wait(lambda: s.focused is not None and role_is(s.focused, pyatspi.ROLE_COMBO_BOX), 'the focus back on %s' % name)

    def answer(self, question, choice):
        s = self.s
        prefix = question + ': '

        def in_question(a):
            return a.name.startswith(prefix) and role_is(a, pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON,
                                                         pyatspi.ROLE_PUSH_BUTTON)
        first = s.tab_to(in_question, 'the question %r' % question)
        if question == ANNOUNCED and self.announcement is None:
            self.announcement = announcement(first)
        if role_is(first, pyatspi.ROLE_RADIO_BUTTON):
            # One radio group: Y or N answers it where the focus is.
            self.flavour = 'group'
            s.key(ord(choice[0].lower()), 'actions', moves=False)
        else:
            # Three buttons, three Tab stops: Tab to the answer, Space.
            self.flavour = 'buttons'
            s.tab_to(lambda a: a.name == prefix + choice, 'the answer %r' % (prefix + choice))
            s.key(KEY_SPACE, 'actions')
        button = find(s.frame, lambda a: a.name == prefix + choice and in_question(a))
        s.wait(lambda: button.getState().contains(pyatspi.STATE_CHECKED) or
               button.getState().contains(pyatspi.STATE_PRESSED), '%s%s to be chosen' % (prefix, choice))
        if question == ANNOUNCED and self.answered is None:
            s.pump(0.2)
            self.answered = announcement(s.focused)

    def add_level(self, vertebra):
        s = self.s
        s.tab_to(lambda a: a.name in ('Add Level', 'Add Fracture Level') and role_is(a, pyatspi.ROLE_PUSH_BUTTON),
                 'the Add Level button')
        s.key(KEY_SPACE, 'actions', moves=True)
        # The new level takes the focus: its vertebra, unchosen ("Level 1:
        # Vertebra") in the current form, T12 ("T12: Level") at 104fb25.
        combo = s.wait(lambda: s.focused is not None and role_is(s.focused, pyatspi.ROLE_COMBO_BOX) and
                       s.focused.name.endswith((': Vertebra', ': Level')) and s.focused, 'the new level')
        self.choose_here(combo.name, vertebra)
        s.wait(lambda: vertebra in texts_under(combo), 'the level to show %s' % vertebra)
        # Its fields are named after the vertebra now (the current form), or
        # keep the name of the one it was added as (104fb25, until the levels
        # are rebuilt): the prefix the next fields have is returned.
        try:
            s.wait(lambda: find(s.frame, lambda a: a.name.startswith(vertebra + ': ')), 'the level to be named %s' % vertebra,
                   timeout=2)
            return vertebra
        except Failure:
            return combo.name.split(':')[0]

    def add_drug(self, drug):
        s = self.s
        s.tab_to(lambda a: a.name == 'Add Antithrombotic', 'the Add Antithrombotic button')
        s.key(KEY_SPACE, 'actions', moves=True)
        try:
            s.wait(lambda: s.focused is not None and role_is(s.focused, pyatspi.ROLE_MENU_ITEM), 'the menu', timeout=2)
        except Failure:
            # A menu opened with the keyboard may leave the focus on itself.
            s.key(KEY_DOWN, 'arrows', moves=True)
        self.move_in_list(drug, 'the menu of antithrombotics')
        s.key(KEY_RETURN, 'actions', moves=True)


def enter_patient(s, e):
    e.text('Birth date', BIRTH_DATE)
    e.choose('Sex', 'Female')
    e.text('Weight', '58')
    level = e.add_level('L1')
    e.text(level + ': Collapse', '40')
    e.choose(level + ': Acuity', 'Unhealed (oedema or uptake)')
    e.choose(level + ': Posterior wall', 'Intact')
    e.answer(level + ': Pain concordant with this level', 'Yes')
    e.choose('Etiology', 'Osteoporotic')
    e.text('Pain (NRS)', '8')
    e.answer(ANNOUNCED, 'Yes')
    # The choice was named "the fracture" at 104fb25.
    e.choose('Dominant pain source', ('Fracture', 'the fracture'))
    for question in ('Cord or root compression, or new neurological deficit', 'Radiculopathy',
                     'Spinal instability needing stabilisation', 'Active systemic infection',
                     'Infection at the puncture site', 'Osteomyelitis or discitis'):
        e.answer(question, 'No')
    e.text('INR', '1.1')
    platelets = find(s.frame, lambda a: a.name == 'Platelets' and role_is(a, pyatspi.ROLE_TEXT))
    # 180 ×10⁹/L: typed in that unit when the form offers it, else per µL.
    e.text('Platelets', '180000' if platelets.description.startswith('/µL') else '180')
    e.answer('Uncorrectable bleeding disorder', 'No')
    e.add_drug('Apixaban')
    e.text('Apixaban: doses withheld before the procedure', '6')
    # Apixaban's hold depends on the creatinine clearance: its field has just
    # appeared, above, in "Bleeding and Medication".
    e.text('Serum creatinine', '120', backward=True)
    e.answer('Allergy to PMMA bone cement', 'No')
    e.answer('Unfit for sedation or the prone position', 'No')


def run(arguments):
    workdir = tempfile.mkdtemp(prefix='vertebro-form-entry-')
    log = open(arguments.log, 'w', encoding='utf-8') if arguments.log else None
    s = None
    try:
        s = Session(arguments.exe, workdir, log)
        e = Entry(s)
        try:
            enter_patient(s, e)
        except Failure as error:
            print('the entry stopped: %s' % error, file=sys.stderr)
            print('to complete: %s' % s.to_complete(), file=sys.stderr)
            return 1
        try:
            verdict = s.wait(lambda: not s.verdict().startswith('Incomplete') and s.verdict(), 'a definitive verdict',
                             timeout=5)
        except Failure:
            print('the verdict is %r; to complete: %s' % (s.verdict(), s.to_complete()), file=sys.stderr)
            return 1
        revision = subprocess.run(['git', '-C', os.path.dirname(os.path.abspath(arguments.exe)), 'describe', '--always',
                                   '--dirty'], capture_output=True, text=True).stdout.strip()
        result = {
            'revision': revision,
            'questions': e.flavour,
            'counts': s.counts,
            'verdict': verdict,
            'announcement': e.announcement,
            'answered': e.answered,
        }
        for key, title in ROWS:
            print('%-45s %5d' % (title, s.counts[key]))
        print('Verdict: %s' % verdict)
        print('Announcement of %r as Tab reaches it:' % ANNOUNCED)
        for line in e.announcement['lines']:
            print('  ' + line)
        print('and once answered Yes:')
        for line in e.answered['lines']:
            print('  ' + line)
        if arguments.json:
            with open(arguments.json, 'w', encoding='utf-8') as f:
                json.dump(result, f, indent=2, ensure_ascii=False)
        return 0
    finally:
        if s is not None:
            s.close()
        if log is not None:
            log.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    ARGUMENTS = parse_arguments()
    if ARGUMENTS.table is not None:
        print_table(*ARGUMENTS.table)
        sys.exit(0)
    sys.exit(run(ARGUMENTS))
