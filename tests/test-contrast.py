#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-contrast.py — the contrast of the colours the verdicts are drawn in,
# computed as WCAG 2.1 defines it, in the light and the dark style.
#
#   test-contrast.py UI_DIR
#
# The colours are the ones the app really uses: libadwaita 1.2's named
# colours (the table below, checked against the installed libadwaita when
# its resources can be read) with the rules of UI_DIR/style.css, and for the
# dark style UI_DIR/style-dark.css after it, as libadwaita loads them.
# Translucent colours are blended over what lies behind them. Text needs
# 4.5:1 (WCAG 1.4.3), icons and other graphics 3:1 (WCAG 1.4.11).
#
# Prints TAP, one line per check with its ratio.

import os
import re
import subprocess
import sys

# libadwaita 1.2's defaults-light.css and defaults-dark.css (the colours
# these rules can name), and its palette.
PALETTE = {
    'blue_3': '#3584e4', 'blue_4': '#1c71d8',
    'green_1': '#8ff0a4', 'green_4': '#2ec27e', 'green_5': '#26a269',
    'yellow_2': '#f8e45c', 'yellow_5': '#e5a50a',
    'red_3': '#e01b24', 'red_4': '#c01c28',
}
LIBADWAITA = {
    'light': {
        'accent_bg_color': '@blue_3', 'accent_fg_color': 'white', 'accent_color': '@blue_4',
        'success_bg_color': '@green_4', 'success_fg_color': 'white', 'success_color': '#1b8553',
        'warning_bg_color': '@yellow_5', 'warning_fg_color': 'rgba(0, 0, 0, 0.8)', 'warning_color': '#9c6e03',
        'error_bg_color': '@red_3', 'error_fg_color': 'white', 'error_color': '@red_4',
        'window_bg_color': '#fafafa', 'window_fg_color': 'rgba(0, 0, 0, 0.8)',
        'view_bg_color': '#ffffff', 'view_fg_color': 'rgba(0, 0, 0, 0.8)',
        'card_bg_color': '#ffffff', 'card_fg_color': 'rgba(0, 0, 0, 0.8)',
    },
    'dark': {
        'accent_bg_color': '@blue_3', 'accent_fg_color': 'white', 'accent_color': '#78aeed',
        'success_bg_color': '@green_5', 'success_fg_color': 'white', 'success_color': '@green_1',
        'warning_bg_color': '#cd9309', 'warning_fg_color': 'rgba(0, 0, 0, 0.8)', 'warning_color': '@yellow_2',
        'error_bg_color': '@red_4', 'error_fg_color': 'white', 'error_color': '#ff7b63',
        'window_bg_color': '#242424', 'window_fg_color': 'white',
        'view_bg_color': '#1e1e1e', 'view_fg_color': 'white',
        'card_bg_color': 'rgba(255, 255, 255, 0.08)', 'card_fg_color': 'white',
    },
}
LIBADWAITA_SO = '/usr/lib/x86_64-linux-gnu/libadwaita-1.so.0'

VERDICTS = ['eligible', 'review', 'not-ready', 'incomplete', 'not-indicated', 'contraindicated']
# libadwaita 1.2's base.css: a button's background, alpha(currentColor, 0.1).
BUTTON_TINT = 0.1
TEXT, GRAPHIC = 4.5, 3.0

# ---- Colours ----

def parse_rules(text):
    """Selector → {property: value}, and the @define-color names."""
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    rules, defines = {}, {}
    for name, value in re.findall(r'@define-color\s+(\w+)\s+([^;]+);', text):
        defines[name] = value.strip()
    text = re.sub(r'@define-color[^;]*;', '', text)
    for selectors, body in re.findall(r'([^{}]+)\{([^}]*)\}', text):
        props = {}
        for decl in body.split(';'):
            if ':' in decl:
                prop, value = decl.split(':', 1)
                props[prop.strip()] = value.strip()
        for selector in selectors.split(','):
            selector = ' '.join(selector.split())
            rules.setdefault(selector, {}).update(props)
    return rules, defines


class Colours:
    def __init__(self, named):
        self.named = named

    def __call__(self, expr):
        """An RGBA tuple (0–1) for a GTK CSS colour expression."""
        expr = expr.strip()
        if expr.startswith('@'):
            return self(self.named[expr[1:]])
        if expr == 'white':
            return (1.0, 1.0, 1.0, 1.0)
        if expr == 'black':
            return (0.0, 0.0, 0.0, 1.0)
        if expr == 'transparent':
            return (0.0, 0.0, 0.0, 0.0)
        if re.fullmatch(r'#[0-9a-fA-F]{6}', expr):
            return tuple(int(expr[i:i + 2], 16) / 255 for i in (1, 3, 5)) + (1.0,)
        m = re.fullmatch(r'(\w+)\((.*)\)', expr)
        if m is None:
            raise ValueError('cannot read the colour %r' % expr)
        func, args = m.group(1), split_args(m.group(2))
        if func in ('rgb', 'rgba'):
            r, g, b = (float(a) / 255 for a in args[:3])
            return (r, g, b, float(args[3]) if len(args) > 3 else 1.0)
        if func == 'alpha':
            r, g, b, a = self(args[0])
            return (r, g, b, a * float(args[1]))
        if func == 'mix':
            c1, c2, t = self(args[0]), self(args[1]), float(args[2])
            return tuple(c1[i] + (c2[i] - c1[i]) * t for i in range(4))
        raise ValueError('cannot read the colour %r' % expr)


def split_args(text):
    args, depth, current = [], 0, ''
    for ch in text:
        if ch == ',' and depth == 0:
            args.append(current)
            current = ''
            continue
        depth += ch == '('
        depth -= ch == ')'
        current += ch
    return [a.strip() for a in args + [current]]


def over(top, below):
    """@top composited over the opaque @below."""
    a = top[3]
    return tuple(top[i] * a + below[i] * (1 - a) for i in range(3)) + (1.0,)


def luminance(c):
    def channel(v):
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg):
    l1, l2 = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (l1 + 0.05) / (l2 + 0.05)

# ---- The installed libadwaita ----

def check_installed(report):
    """The table above is libadwaita 1.2's: compare it with the library."""
    for style in ('light', 'dark'):
        try:
            css = subprocess.run(['gresource', 'extract', LIBADWAITA_SO,
                                  '/org/gnome/Adwaita/styles/defaults-%s.css' % style],
                                 capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            report(True, 'libadwaita %s colours # SKIP its resources cannot be read' % style)
            continue
        _, defines = parse_rules(css)
        for name, value in LIBADWAITA[style].items():
            report(' '.join(defines.get(name, '').split()) == ' '.join(value.split()),
                   'libadwaita %s %s is %s (installed: %s)' % (style, name, value, defines.get(name)))

# ---- The checks ----

def main():
    ui = sys.argv[1]
    count = 0
    failed = 0

    def report(ok, text):
        nonlocal count, failed
        count += 1
        failed += not ok
        print('%s %d - %s' % ('ok' if ok else 'not ok', count, text))

    check_installed(report)

    with open(os.path.join(ui, 'style.css'), encoding='utf-8') as f:
        light_rules, light_defines = parse_rules(f.read())
    dark_path = os.path.join(ui, 'style-dark.css')
    dark_rules, dark_defines = {k: dict(v) for k, v in light_rules.items()}, dict(light_defines)
    if os.path.exists(dark_path):
        with open(dark_path, encoding='utf-8') as f:
            rules, defines = parse_rules(f.read())
        for selector, props in rules.items():
            dark_rules.setdefault(selector, {}).update(props)
        dark_defines.update(defines)

    for style, rules, defines in (('light', light_rules, light_defines), ('dark', dark_rules, dark_defines)):
        colour = Colours(dict(PALETTE, **LIBADWAITA[style], **defines))

        def prop(selector, name, default=None):
            value = rules.get(selector, {}).get(name, default)
            if value is None:
                raise KeyError('%s has no %s in the style sheets' % (selector, name))
            return value

        window = colour('@window_bg_color')
        # Boxed lists and cards: the card colour over the window.
        card = over(colour('@card_bg_color'), window)
        pane = over(colour(prop('.verdict-pane', 'background-color', '@window_bg_color')), window)

        def check(what, fg, bg, minimum):
            ratio = contrast(over(fg, bg), bg)
            report(ratio >= minimum, '%s %s %.2f:1 (at least %.1f:1)' % (style, what, ratio, minimum))

        for verdict in VERDICTS:
            box = over(colour(prop('.verdict.verdict-' + verdict, 'background-color')), pane)
            text = colour(prop('.verdict.verdict-' + verdict, 'color', '@card_fg_color'))
            icon = colour(prop('.verdict-%s .verdict-icon' % verdict, 'color'))
            check('%s verdict text on its tint' % verdict, text, box, TEXT)
            check('%s verdict icon on its tint' % verdict, icon, box, GRAPHIC)
            # A level's icon, in a row of the boxed list.
            check('%s level icon' % verdict, colour(prop('image.verdict-' + verdict, 'color')), card, GRAPHIC)

        # A level's verdict words and a finding's severity, in the subtitle
        # of their row: libadwaita 1.2 dims subtitles to 55 % unless told.
        subtitle = colour('@card_fg_color')
        opacity = float(prop('.verdict-words label.subtitle', 'opacity', '0.55'))
        check('level verdict words under a level', subtitle[:3] + (subtitle[3] * opacity,), card, TEXT)
        opacity = float(prop('row label.subtitle', 'opacity', '0.55'))
        check('subtitle of a row', subtitle[:3] + (subtitle[3] * opacity,), card, TEXT)
        opacity = float(prop('.dim-label', 'opacity', '0.55'))
        check('secondary text in a row', subtitle[:3] + (subtitle[3] * opacity,), card, TEXT)
        text = colour('@window_fg_color')
        check('secondary text on the panel', text[:3] + (text[3] * opacity,), pane, TEXT)

        # The keyboard focus ring, on the window, in a boxed list, and on
        # the verdict box it rings (it is drawn just inside its edge).
        ring = colour(prop('button:focus:focus-visible', 'outline-color'))
        check('focus ring on the window', ring, window, GRAPHIC)
        check('focus ring in a list', ring, card, GRAPHIC)
        for selector in ('entry:focus-within', 'row:focus:focus-visible', '.card:focus:focus-visible'):
            if colour(prop(selector, 'outline-color')) != ring:
                report(False, '%s %s has a focus ring of another colour' % (style, selector))
        for verdict in VERDICTS:
            box = over(colour(prop('.verdict.verdict-' + verdict, 'background-color')), pane)
            check('focus ring on the %s verdict' % verdict, colour(prop('.card:focus:focus-visible', 'outline-color')),
                  box, GRAPHIC)

        # The answer given (Yes, No, Not assessed): its words on it, and the
        # pressed button against the others in the row.
        pressed = colour(prop('.answer button:checked', 'background-color'))
        check('words of the answer given', colour(prop('.answer button:checked', 'color')), pressed, TEXT)
        fg = colour('@card_fg_color')
        unpressed = over(fg[:3] + (fg[3] * BUTTON_TINT,), card)
        check('answer given beside the others', pressed, unpressed, GRAPHIC)
        check('answer given in its row', pressed, card, GRAPHIC)
        check('focus ring on the answer given',
              colour(prop('.answer button:checked:focus:focus-visible', 'outline-color')), pressed, GRAPHIC)

        # An invalid entry: its label and text in the error colour, the
        # text on the entry's tint of it (libadwaita: alpha(currentColor,
        # 0.1)), and its focus ring.
        error = colour('@error_color')
        check('label of an invalid field', error, card, TEXT)
        text = colour(prop('entry.error', 'color', '@error_color'))
        check('text of an invalid entry', text, over(text[:3] + (text[3] * BUTTON_TINT,), card), TEXT)
        check('focus ring of an invalid entry', colour(prop('entry.error:focus-within', 'outline-color')), card, GRAPHIC)

        check('invalid-entry message under a field',
              colour(prop('.field-message.error', 'color')), card, TEXT)
        check('finding hint under a field',
              colour(prop('.field-message.warning', 'color')), card, TEXT)
        check('site rule set notice', colour(prop('.site-rules', 'color')), pane, TEXT)

    print('1..%d' % count)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
