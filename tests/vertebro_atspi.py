# SPDX-License-Identifier: GPL-3.0-or-later
#
# vertebro_atspi.py — the real `vertebro` driven over AT-SPI, as a screen
# reader and a keyboard user meet it: started with a new assessment and
# settings and drafts of its own, its window found on the accessibility
# bus, the focus followed, the tree searched. Shared by tests/test-a11y.py
# and bench/form-entry.py, which add their keys and what they read.
#
# Needs /usr/bin/python3 with pyatspi (Debian python3-pyatspi,
# gir1.2-atspi-2.0, at-spi2-core), in a D-Bus session of its own.

import os
import subprocess
import time

import gi
gi.require_version('Atspi', '2.0')
from gi.repository import GLib  # noqa: E402
import pyatspi  # noqa: E402

TIMEOUT = 10


class Failure(Exception):
    pass


class AppSession:
    """`vertebro` started for one run, its window found.

    key_delay is how long pump() runs by default (after a key), and
    wait_interval how often wait() asks again.
    """

    key_delay = 0.08
    wait_interval = 0.05

    def __init__(self, exe, workdir, env=None, unset=(), stdout=None):
        self.focused = None
        pyatspi.Registry.registerEventListener(self._on_focus, 'object:state-changed:focused')
        full_env = dict(os.environ)
        full_env.update({
            'VERTEBRO_NON_UNIQUE': '1',
            'GTK_A11Y': 'atspi',
            'GDK_DEBUG': 'gl-disable',
            'GSETTINGS_BACKEND': 'memory',
            # No drafts of other runs to offer, and none left behind.
            'XDG_STATE_HOME': os.path.join(workdir, 'state'),
            'XDG_CONFIG_HOME': os.path.join(workdir, 'config'),
            'LANGUAGE': 'C',
            'LC_ALL': 'C.UTF-8',
        })
        full_env.update(env or {})
        for name in unset:
            full_env.pop(name, None)
        self.process = subprocess.Popen([exe], env=full_env, stdout=stdout)
        self.app = self.wait(self._find_app, 'the app on the accessibility bus')
        self.frame = self.wait(self._child_frame, 'its window')

    def _on_focus(self, event):
        if event.detail1:
            self.focused = event.source
            self.focus_moved()

    def focus_moved(self):
        """Called when an object takes the focus (self.focused)."""

    def _find_app(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.get_process_id() == self.process.pid:
                return app
        return None

    def _child_frame(self):
        for i in range(self.app.childCount):
            child = self.app.getChildAtIndex(i)
            if child is not None and child.getRole() == pyatspi.ROLE_FRAME and \
               child.getState().contains(pyatspi.STATE_SHOWING):
                return child
        return None

    def close(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def pump(self, seconds=None):
        """Runs this process's main loop (AT-SPI events) for a while."""
        context = GLib.MainContext.default()
        end = time.monotonic() + (self.key_delay if seconds is None else seconds)
        while True:
            while context.pending():
                context.iteration(False)
            if time.monotonic() >= end:
                break
            time.sleep(0.01)
        if self.process.poll() is not None:
            raise Failure('vertebro exited with status %d' % self.process.returncode)

    def wait(self, get, what, timeout=TIMEOUT):
        """Asks get() until it answers, or fails after timeout seconds."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                value = get()
            except GLib.GError:
                value = None
            if value:
                return value
            self.pump(self.wait_interval)
        raise Failure(self.timed_out(what))

    def timed_out(self, what):
        return 'timed out waiting for %s' % what


def find(root, predicate):
    """The first object under root, depth first, that predicate accepts."""
    stack = [root]
    while stack:
        node = stack.pop()
        try:
            if node is not None and predicate(node):
                return node
            stack.extend(reversed([node.getChildAtIndex(i) for i in range(node.childCount)]))
        except (GLib.GError, AttributeError):
            continue
    return None


def find_all(root, predicate):
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        try:
            if node is None:
                continue
            if predicate(node):
                out.append(node)
            stack.extend(reversed([node.getChildAtIndex(i) for i in range(node.childCount)]))
        except GLib.GError:
            continue
    return out


def text_of(accessible):
    # On GTK 4.8, getText (0, -1) returns nothing: ask for the exact length.
    text = accessible.queryText()
    return text.getText(0, text.characterCount)


def texts_under(accessible):
    return [text_of(a) for a in find_all(accessible, lambda a: 'Text' in pyatspi.utils.listInterfaces(a))]
