#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-a11y.py — a screen-reader and keyboard user completes an assessment,
# proven over AT-SPI.
#
#   test-a11y.py VERTEBRO_EXE
#
# Starts the real `vertebro` on an X server (Xvfb) and in a D-Bus session of
# its own, and does what a user of a screen reader does: moves with Tab and
# F6, types, presses Space and Return, and listens to what the accessibility
# tree says. It finds every field by its accessible name, enters a complete
# case, reads the verdict, makes the INR invalid and reads the invalid state
# and its message, follows "To complete" back to the field, fixes the INR and
# reads the new verdict, ticks the checklist, saves the file and exports the
# PDF from their dialogs, and hears the unsaved-changes dialog. Keys are
# synthesised through AT-SPI (XTest); values are read with the Text
# interface.
#
# Needs /usr/bin/python3 with pyatspi (Debian python3-pyatspi,
# gir1.2-atspi-2.0, at-spi2-core). Prints TAP.

import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback


def own_display():
    """Starts an X server of our own; returns it and its display name.

    The keys are synthesised on the X server: on one shared with other tests
    (meson runs them side by side), they could land in another's window.
    """
    read, write = os.pipe()
    server = subprocess.Popen(['Xvfb', '-displayfd', str(write), '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    if not number:
        server.kill()
        return None, None
    return server, ':' + number


if os.environ.get('VERTEBRO_A11Y_SESSION') is None:
    # One private session bus, hence one accessibility bus, per run: nothing
    # else on the bus, and no other instance of the app to hand over to.
    for program in ('dbus-run-session', 'Xvfb'):
        if shutil.which(program) is None:
            print('1..0 # SKIP %s is missing' % program)
            sys.exit(0)
    server, display = own_display()
    if server is None:
        print('1..0 # SKIP Xvfb did not start')
        sys.exit(0)
    os.environ['DISPLAY'] = display
    os.environ.pop('WAYLAND_DISPLAY', None)
    os.environ.pop('XAUTHORITY', None)
    # G_DEBUG=fatal-warnings is for the app; libatspi in this process warns
    # about things that are no fault of the app (a missing cache object).
    os.environ['VERTEBRO_A11Y_APP_G_DEBUG'] = os.environ.pop('G_DEBUG', '')
    # The services the bus starts print on its stdout: the TAP goes through
    # a file instead, and everything else to stderr.
    try:
        with tempfile.NamedTemporaryFile('r', prefix='vertebro-a11y-tap-') as tap:
            os.environ['VERTEBRO_A11Y_SESSION'] = tap.name
            status = subprocess.run(['dbus-run-session', '--', sys.executable] + sys.argv,
                                    stdout=sys.stderr).returncode
            sys.stdout.write(tap.read())
    finally:
        server.terminate()
        server.wait()
    sys.exit(status)

import gi
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402
import pyatspi  # noqa: E402
from vertebro_atspi import AppSession, Failure, find, find_all, text_of, texts_under  # noqa: E402

KEY_TAB, KEY_RETURN, KEY_SPACE, KEY_DOWN = 0xff09, 0xff0d, 0x20, 0xff54
KEY_F6, KEY_ESCAPE = 0xffc3, 0xff1b
# Modifiers are locked and unlocked as masks: no keycode of the keymap is
# assumed.
KEY_SHIFT, KEY_CONTROL = 1 << 0, 1 << 2

# ---- Talking to the app ----


class Session(AppSession):
    def __init__(self, exe, workdir):
        self.workdir = workdir
        # G_DEBUG=fatal-warnings is the app's, not this process's.
        super().__init__(exe, workdir, env={'G_DEBUG': os.environ.get('VERTEBRO_A11Y_APP_G_DEBUG', '')},
                         unset=('VERTEBRO_A11Y_SESSION', 'VERTEBRO_A11Y_APP_G_DEBUG'))

    # ---- Keys ----

    def key(self, keysym, modifier=None):
        if modifier is not None:
            Atspi.generate_keyboard_event(modifier, None, Atspi.KeySynthType.LOCKMODIFIERS)
        Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.PRESSRELEASE | Atspi.KeySynthType.SYM)
        if modifier is not None:
            Atspi.generate_keyboard_event(modifier, None, Atspi.KeySynthType.UNLOCKMODIFIERS)
        self.pump()

    def type(self, text):
        Atspi.generate_keyboard_event(0, text, Atspi.KeySynthType.STRING)
        self.pump(0.2)

    def tab_to(self, name, role=None, backward=False, within=None, limit=150):
        """Presses Tab (or Shift+Tab) until the named object has the focus."""
        if role is not None and not isinstance(role, tuple):
            role = (role,)
        for _ in range(limit):
            f = self.focused
            named = f is not None and (f.name.startswith(name[:-1]) if name.endswith('*') else f.name == name)
            if named and (role is None or f.getRole() in role) and (within is None or within(f)):
                return f
            self.key(KEY_TAB, KEY_SHIFT if backward else None)
        raise Failure('Tab never reached %r (last: %s)' % (name, describe(self.focused)))

    # ---- Reading ----

    def find(self, name, role=None, root=None):
        found = find(root or self.frame, lambda a: a.name == name and (role is None or a.getRole() == role))
        if found is None:
            raise Failure('no %s named %r in the accessibility tree' % (role_name(role), name))
        return found

    def verdict(self):
        status = find(self.frame, lambda a: a.getRole() == pyatspi.ROLE_STATUS_BAR)
        if status is None:
            raise Failure('the verdict is not in the accessibility tree')
        return status


def role_name(role):
    return 'object' if role is None else pyatspi.Atspi.Role(role).value_nick if hasattr(pyatspi.Atspi, 'Role') else str(role)


def describe(accessible):
    if accessible is None:
        return 'nothing'
    try:
        return '%s %r' % (accessible.getRoleName(), accessible.name)
    except GLib.GError:
        return 'a vanished object'


def has_state(accessible, state):
    return accessible.getState().contains(state)


def is_invalid(accessible):
    # GTK 4.8 reports GTK_ACCESSIBLE_STATE_INVALID as the AT-SPI state
    # "invalid"; later versions as "invalid-entry".
    return has_state(accessible, pyatspi.STATE_INVALID) or has_state(accessible, pyatspi.STATE_INVALID_ENTRY)


def in_list(name):
    """Whether an object lies in the list (a boxed list) of that name."""
    def check(accessible):
        node = accessible.parent
        while node is not None:
            if node.getRole() == pyatspi.ROLE_LIST and node.name == name:
                return True
            node = node.parent
        return False
    return check

# ---- The steps ----


def choose(s, combo, index, expected):
    """Opens a combo row with Space, moves down to a choice, takes it with Return."""
    s.tab_to(combo, pyatspi.ROLE_COMBO_BOX)
    s.key(KEY_SPACE)
    s.wait(lambda: s.focused is not None and s.focused.getRole() == pyatspi.ROLE_LIST_ITEM, 'the list of %s' % combo)
    for _ in range(index):
        s.key(KEY_DOWN)
    s.key(KEY_RETURN)
    s.wait(lambda: s.focused is not None and s.focused.name == combo, 'the focus back on %s' % combo)
    shown = texts_under(s.focused)
    if expected not in shown:
        raise Failure('%s shows %r, not %r' % (combo, shown, expected))


def type_into(s, field, text, backward=False):
    s.tab_to(field, pyatspi.ROLE_TEXT, backward=backward)
    s.key(ord('a'), KEY_CONTROL)
    s.type(text)
    s.wait(lambda: text_of(s.focused) == text, '%s to read %r' % (field, text))


ANSWER_KEYS = {'Yes': ord('y'), 'No': ord('n')}


def answer(s, question, choice):
    # A question is one radio group and one Tab stop (the answer chosen);
    # Y and N answer it.
    s.tab_to('%s: *' % question, pyatspi.ROLE_RADIO_BUTTON)
    s.key(ANSWER_KEYS[choice])
    button = s.find('%s: %s' % (question, choice), pyatspi.ROLE_RADIO_BUTTON)
    s.wait(lambda: has_state(button, pyatspi.STATE_CHECKED) and s.focused is not None and
           s.focused.name == '%s: %s' % (question, choice),
           '%s: %s to be chosen and focused' % (question, choice))


def wait_verdict(s, prefix):
    try:
        return s.wait(lambda: s.verdict().name.startswith(prefix) and s.verdict().name, 'the verdict')
    except Failure:
        todo = find(s.frame, lambda a: a.getRole() == pyatspi.ROLE_LIST and a.name == 'To Complete')
        missing = [a.name for a in find_all(todo, lambda a: a.getRole() == pyatspi.ROLE_LIST_ITEM)] if todo else []
        raise Failure('the verdict is %r, not %r; to complete: %s' % (s.verdict().name, prefix, missing))


def test_names(s):
    """Every input of the form has a name, and no name is a widget type."""
    form = s.find('Patient', pyatspi.ROLE_LIST).parent
    while form.getRole() != pyatspi.ROLE_SCROLL_PANE:
        form = form.parent
    inputs = find_all(form, lambda a: a.getRole() in (pyatspi.ROLE_TEXT, pyatspi.ROLE_COMBO_BOX,
                                                      pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON,
                                                      pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_RADIO_BUTTON)
                      and has_state(a, pyatspi.STATE_FOCUSABLE))
    groups = find_all(form, lambda a: a.name == 'Radiculopathy' and a.childCount == 3 and
                      all(a.getChildAtIndex(i).getRole() == pyatspi.ROLE_RADIO_BUTTON for i in range(3)))
    if not groups:
        raise Failure('the question "Radiculopathy" is not a group of three radio buttons named by it')
    if len(inputs) < 35:
        raise Failure('only %d inputs in the form' % len(inputs))
    for accessible in inputs:
        if not accessible.name or accessible.name.startswith(('Gtk', 'Adw')):
            raise Failure('an input has no name of its own: %s' % describe(accessible))
    weight = s.find('Weight', pyatspi.ROLE_TEXT)
    if weight.description != 'kg':
        raise Failure('Weight is described as %r, not by its unit' % weight.description)
    return '%d inputs named; Weight described as %r' % (len(inputs), weight.description)


def test_complete_case(s):
    """A complete case, typed and chosen with the keyboard, in Tab order."""
    type_into(s, 'Birth date', '1944-06-14')
    choose(s, 'Sex', 1, 'Female')
    add = s.tab_to('Add Level', pyatspi.ROLE_PUSH_BUTTON)
    s.key(KEY_SPACE)
    # A new level has no vertebra: it is "Level 1" until one is chosen, and
    # every name of its inputs follows the choice at once.
    s.wait(lambda: s.focused is not None and s.focused.name == 'Level 1: Vertebra',
           'the new, unchosen level to take the focus')
    s.key(KEY_SPACE)
    s.wait(lambda: s.focused is not None and s.focused.getRole() == pyatspi.ROLE_LIST_ITEM, 'the list of vertebrae')
    for _ in range(12):
        s.key(KEY_DOWN)
    s.key(KEY_RETURN)
    s.wait(lambda: s.focused is not None and s.focused.name == 'T12: Vertebra', 'the level to be named T12')
    type_into(s, 'T12: Collapse', '30')
    choose(s, 'T12: Acuity', 1, 'Unhealed (oedema or uptake)')
    choose(s, 'T12: Posterior wall', 1, 'Intact')
    answer(s, 'T12: Pain concordant with this level', 'Yes')
    choose(s, 'Etiology', 1, 'Osteoporotic')
    type_into(s, 'Pain (NRS)', '8')
    answer(s, 'Pain refractory to optimal management', 'Yes')
    choose(s, 'Dominant pain source', 1, 'Fracture')
    for question in ('Cord or root compression, or new neurological deficit', 'Radiculopathy',
                     'Spinal instability needing stabilisation', 'Active systemic infection',
                     'Infection at the puncture site', 'Osteomyelitis or discitis'):
        answer(s, question, 'No')
    type_into(s, 'INR', '1.0')
    # Platelets are typed in ×10⁹/L unless the user chose /µL.
    type_into(s, 'Platelets', '245')
    for question in ('Uncorrectable bleeding disorder', 'Takes an antiplatelet or anticoagulant',
                     'Allergy to PMMA bone cement', 'Unfit for sedation or the prone position'):
        answer(s, question, 'No')
    del add
    return 'the form filled with the keyboard alone'


def test_verdict_eligible(s):
    """The verdict, each level's verdict and the findings are text in the tree."""
    verdict = wait_verdict(s, 'Eligible')
    words = texts_under(s.verdict())
    if 'Eligible' not in words:
        raise Failure('the verdict box shows %r' % words)
    level = s.find('T12', pyatspi.ROLE_LIST_ITEM, s.find('Levels', pyatspi.ROLE_LIST))
    if not level.description.startswith('Eligible'):
        raise Failure("T12's verdict reads %r" % level.description)
    form_level = s.find('Level T12', pyatspi.ROLE_LIST_ITEM)
    if not form_level.description.startswith('Eligible'):
        raise Failure("the form's level T12 is described as %r" % form_level.description)
    # A finding is read with its severity (and its remedy, when it has one).
    findings = s.find('Findings', pyatspi.ROLE_LIST)
    finding = find(findings, lambda a: a.getRole() == pyatspi.ROLE_LIST_ITEM and 'sham-controlled' in a.name)
    if finding is None or finding.description != 'Information':
        raise Failure('the findings read %r' % texts_under(findings))
    return 'verdict %r; T12 %r; finding %r (%s)' % (verdict, level.description, finding.name[:40], finding.description)


def test_invalid_inr(s):
    """An invalid INR is marked invalid, with its message, and is not used."""
    type_into(s, 'INR', '1.4x', backward=True)
    inr = s.focused
    s.wait(lambda: is_invalid(inr), 'INR to be marked invalid')
    if 'not a number' not in inr.description:
        raise Failure('the invalid INR is described as %r' % inr.description)
    verdict = wait_verdict(s, 'Incomplete')
    invalid = s.find('Invalid Entries', pyatspi.ROLE_LIST)
    row = s.find('INR', pyatspi.ROLE_LIST_ITEM, invalid)
    if 'not a number' not in row.description:
        raise Failure('"Invalid entries" describes the INR as %r' % row.description)
    return 'INR invalid: %r; verdict %r' % (inr.description, verdict)


def test_to_complete(s):
    """F6 goes to the verdict; activating INR in "To complete" goes back to it."""
    s.key(KEY_F6)
    s.wait(lambda: s.focused is not None and s.focused.getRole() == pyatspi.ROLE_STATUS_BAR,
           'F6 to move the focus to the verdict')
    heard = s.focused.name
    s.tab_to('INR', pyatspi.ROLE_LIST_ITEM, within=in_list('To Complete'))
    s.key(KEY_RETURN)
    s.wait(lambda: s.focused is not None and s.focused.name == 'INR' and s.focused.getRole() == pyatspi.ROLE_TEXT,
           'the focus on the INR field')
    return 'F6 read %r; "To complete" put the focus on the INR field' % heard


def test_fixed_inr(s):
    """The corrected INR is used again, and the verdict follows it."""
    inr = s.focused
    s.key(ord('a'), KEY_CONTROL)
    s.type('1.6')
    s.wait(lambda: not is_invalid(inr), 'INR to be valid again')
    verdict = wait_verdict(s, 'Not ready')
    s.wait(lambda: '1.6' in inr.description, 'the finding about 1.6 in the INR description')
    hint = inr.description
    s.key(ord('a'), KEY_CONTROL)
    s.type('1.1')
    again = wait_verdict(s, 'Eligible')
    return 'INR 1.6: %r (%r); INR 1.1: %r' % (verdict, hint, again)


def test_checklist(s):
    """A checklist box is ticked with Space."""
    s.key(KEY_F6)
    s.wait(lambda: s.focused is not None and s.focused.getRole() == pyatspi.ROLE_STATUS_BAR, 'F6 to the verdict')
    for _ in range(100):
        s.key(KEY_TAB)
        if s.focused is not None and s.focused.getRole() == pyatspi.ROLE_CHECK_BOX:
            break
    else:
        raise Failure('Tab never reached the checklist')
    box = s.focused
    was = has_state(box, pyatspi.STATE_CHECKED)
    s.key(KEY_SPACE)
    s.wait(lambda: has_state(box, pyatspi.STATE_CHECKED) != was, 'the box to change')
    return '%r ticked' % box.name[:40]


def file_dialog(s, shortcut, title, path):
    """Ctrl+shortcut, then the path typed over the name, then Return."""
    s.key(shortcut, KEY_CONTROL)

    def name_entry():
        for i in range(s.app.childCount):
            window = s.app.getChildAtIndex(i)
            if window is not None and window.name == title:
                return find(window, lambda a: a.getRole() == pyatspi.ROLE_TEXT
                            and has_state(a, pyatspi.STATE_FOCUSED))
        return None
    # The dialog takes the focus as it opens, before any event about it can
    # be heard: its focused entry is looked up instead.
    entry = s.wait(name_entry, 'the %r dialog with the focus in its name' % title, timeout=15)
    s.key(ord('a'), KEY_CONTROL)
    s.type(path)
    s.wait(lambda: text_of(entry) == path, 'the name to read %r' % path)
    s.key(KEY_RETURN)
    s.wait(lambda: os.path.exists(path), '%s to be written' % path, timeout=15)
    s.wait(lambda: name_entry() is None, 'the %r dialog to close' % title)


def test_save_and_export(s):
    """Ctrl+S saves and Ctrl+E exports the PDF, from their dialogs."""
    saved = os.path.join(s.workdir, 'case.vertebro')
    exported = os.path.join(s.workdir, 'case.pdf')
    file_dialog(s, ord('s'), 'Save Assessment', saved)
    with open(saved, encoding='utf-8') as f:
        content = f.read()
    if '"inr": 1.1' not in content or '"prep.imaging": true' not in content:
        raise Failure('the saved file does not hold the INR and the tick: %s' % content)
    file_dialog(s, ord('e'), 'Export PDF Summary', exported)
    with open(exported, 'rb') as f:
        if not f.read(5).startswith(b'%PDF'):
            raise Failure('%s is not a PDF' % exported)
    return 'saved %s and exported %s' % (os.path.basename(saved), os.path.basename(exported))


def test_unsaved_dialog(s):
    """Closing with unsaved changes asks in words a screen reader says plainly."""
    # The focus is in the checklist: F6 goes back to the field it left.
    s.key(KEY_F6)
    s.wait(lambda: s.focused is not None and s.focused.name == 'INR', 'F6 back to the INR field')
    s.key(ord('a'), KEY_CONTROL)
    s.type('1.2')
    s.key(ord('w'), KEY_CONTROL)

    def dialog():
        for i in range(s.app.childCount):
            window = s.app.getChildAtIndex(i)
            if window is not None and window.name == 'Save Changes?':
                return window
        return None
    window = s.wait(dialog, 'the "Save Changes?" dialog')
    # libadwaita keeps a row and a column of the buttons, one of them hidden.
    names = sorted(set(b.name for b in find_all(window, lambda a: a.getRole() == pyatspi.ROLE_PUSH_BUTTON)))
    if names != ['Cancel', 'Discard', 'Save']:
        raise Failure('the dialog offers %r' % names)
    s.key(KEY_ESCAPE)
    s.wait(lambda: dialog() is None, 'Escape to cancel')
    return 'it offers %s; Escape cancels' % ', '.join(names)


STEPS = [
    ('every input has a name and its unit', test_names),
    ('a complete case entered with the keyboard', test_complete_case),
    ('the verdict read from the accessibility tree', test_verdict_eligible),
    ('an invalid INR exposes its state and message', test_invalid_inr),
    ('"To complete" moves the focus to the field', test_to_complete),
    ('the fixed INR gives a new verdict', test_fixed_inr),
    ('the checklist ticked with the keyboard', test_checklist),
    ('saved and exported with the keyboard', test_save_and_export),
    ('the unsaved-changes dialog is named plainly', test_unsaved_dialog),
]


def main():
    sys.stdout = open(os.environ['VERTEBRO_A11Y_SESSION'], 'w', encoding='utf-8')
    exe = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('VERTEBRO_EXE')
    workdir = tempfile.mkdtemp(prefix='vertebro-a11y-')
    print('1..%d' % len(STEPS))
    session = None
    failed = False
    try:
        session = Session(exe, workdir)
        wait_verdict(session, 'Incomplete')
        for number, (title, step) in enumerate(STEPS, 1):
            if failed:
                print('not ok %d - %s # SKIP an earlier step failed' % (number, title))
                continue
            try:
                result = step(session)
                print('ok %d - %s: %s' % (number, title, result), flush=True)
            except (Failure, GLib.GError) as error:
                failed = True
                print('not ok %d - %s: %s' % (number, title, error), flush=True)
                traceback.print_exc(file=sys.stderr)
    except (Failure, GLib.GError) as error:
        print('Bail out! %s' % error, flush=True)
        failed = True
    finally:
        if session is not None:
            session.close()
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
