#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-contrast.py — the contrast of the colours the verdicts are drawn in,
# computed as WCAG 2.1 defines it, in the light and the dark style.
#
#   test-contrast.py UI_DIR
#
# The colours are the ones the app really uses: the rules of UI_DIR/style.css,
# and for the dark style UI_DIR/style-dark.css after it, as libadwaita loads
# them, over libadwaita's named colours. Those depend on the libadwaita the
# app runs with and, from libadwaita 1.6 on, on the accent colour the user
# chose in Settings: each check runs for libadwaita 1.2 (Debian 12, a fixed
# blue accent) and for every accent colour libadwaita 1.6 and later offer,
# their standalone variants (accent_color, success_color, …) computed the
# way libadwaita computes them (adw_rgba_to_standalone: the background
# colour's OKLab lightness at most 0.5 in the light style, at least 0.85 in
# the dark). Nothing is read from the installed library: its version says
# nothing about the one a Flatpak runtime brings. Translucent colours are
# blended over what lies behind them. Text needs 4.5:1 (WCAG 1.4.3), icons
# and other graphics 3:1 (WCAG 1.4.11).
#
# Prints TAP, one line per check with its ratio.

import os
import re
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
# libadwaita 1.6 and later: the accent colours Settings offers
# (adw_accent_color_to_rgba), and the defaults the standalone colours are
# computed from (its _defaults.scss).
ACCENTS = {
    'blue': '#3584e4', 'teal': '#2190a4', 'green': '#3a944a', 'yellow': '#c88800', 'orange': '#ed5b00',
    'red': '#e62d42', 'pink': '#d56199', 'purple': '#9141ac', 'slate': '#6f8396',
}
MODERN = {
    'light': {
        'accent_fg_color': 'white',
        'success_bg_color': '#2ec27e', 'success_fg_color': 'white',
        'warning_bg_color': '#e5a50a', 'warning_fg_color': 'rgba(0, 0, 6, 0.8)',
        'error_bg_color': '#e01b24', 'error_fg_color': 'white',
        'window_bg_color': '#fafafb', 'window_fg_color': 'rgba(0, 0, 6, 0.8)',
        'view_bg_color': '#ffffff', 'view_fg_color': 'rgba(0, 0, 6, 0.8)',
        'card_bg_color': '#ffffff', 'card_fg_color': 'rgba(0, 0, 6, 0.8)',
    },
    'dark': {
        'accent_fg_color': 'white',
        'success_bg_color': '#26a269', 'success_fg_color': 'white',
        'warning_bg_color': '#cd9309', 'warning_fg_color': 'rgba(0, 0, 0, 0.8)',
        'error_bg_color': '#c01c28', 'error_fg_color': 'white',
        'window_bg_color': '#222226', 'window_fg_color': 'white',
        'view_bg_color': '#1d1d20', 'view_fg_color': 'white',
        'card_bg_color': 'rgba(255, 255, 255, 0.08)', 'card_fg_color': 'white',
    },
}

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

# ---- libadwaita 1.6's standalone colours (OKLab, Björn Ottosson's matrices) ----

def to_linear(v):
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def from_linear(v):
    return 12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055


def to_oklab(c):
    r, g, b = (to_linear(v) for v in c[:3])
    l = (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b) ** (1 / 3)
    m = (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b) ** (1 / 3)
    s = (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b) ** (1 / 3)
    return (0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
            1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
            0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s)


def from_oklab(lab):
    L, a, b = lab
    l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s = (L - 0.0894841775 * a - 1.2914855480 * b) ** 3
    rgb = (4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
           -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
           -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s)
    return tuple(min(1.0, max(0.0, from_linear(v))) for v in rgb)


def standalone(hex_colour, style):
    """adw_rgba_to_standalone: the colour as text or an icon on the window."""
    rgb = tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    L, a, b = to_oklab(rgb)
    L = min(L, 0.5) if style == 'light' else max(L, 0.85)
    r, g, b = from_oklab((L, a, b))
    return 'rgb(%f, %f, %f)' % (r * 255, g * 255, b * 255)


def named_colours(style):
    """(name of the variant, libadwaita's named colours) for each variant."""
    yield 'libadwaita 1.2', dict(PALETTE, **LIBADWAITA[style])
    for accent, hex_colour in ACCENTS.items():
        named = dict(MODERN[style])
        named['accent_bg_color'] = hex_colour
        named['accent_color'] = standalone(hex_colour, style)
        for kind in ('success', 'warning', 'error'):
            named[kind + '_color'] = standalone(named[kind + '_bg_color'], style)
        yield 'libadwaita 1.6+ %s accent' % accent, named

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

    for style, rules, defines, variant, named in (
            (style, rules, defines, variant, named)
            for style, rules, defines in (('light', light_rules, light_defines), ('dark', dark_rules, dark_defines))
            for variant, named in named_colours(style)):
        colour = Colours(dict(named, **defines))

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
            report(ratio >= minimum, '%s, %s: %s %.2f:1 (at least %.1f:1)' % (variant, style, what, ratio, minimum))

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
                report(False, '%s, %s: %s has a focus ring of another colour' % (variant, style, selector))
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
