#!/usr/bin/env python3
# Checks the application icons: well-formed SVG of the right size, and a
# symbolic icon drawn in the one colour GTK recolours.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import re
import sys
import xml.etree.ElementTree as ET

SVG_NS = '{http://www.w3.org/2000/svg}'
SYMBOLIC_COLOUR = '#2e3436'
COLOUR = re.compile(r'#[0-9a-fA-F]{3,8}\b|rgba?\(|\b(?:black|white|red|blue|green)\b')


def check(path, size, symbolic):
    problems = []
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        return ['not well-formed SVG: %s' % e]
    if root.tag != SVG_NS + 'svg':
        problems.append('root element is %s, not svg' % root.tag)
    for attr in ('width', 'height'):
        if root.get(attr) != str(size):
            problems.append('%s is %r, expected %d' % (attr, root.get(attr), size))
    if root.get('viewBox', '').split() != ['0', '0', str(size), str(size)]:
        problems.append('viewBox is %r, expected 0 0 %d %d'
                        % (root.get('viewBox'), size, size))
    for element in root.iter():
        if element.tag in (SVG_NS + 'image', SVG_NS + 'text'):
            problems.append('uses <%s>, draw with paths instead'
                            % element.tag.replace(SVG_NS, ''))
        if not symbolic:
            continue
        for attr in ('fill', 'stroke', 'style', 'stop-color'):
            for colour in COLOUR.findall(element.get(attr, '')):
                if colour.lower() != SYMBOLIC_COLOUR:
                    problems.append('symbolic icon uses colour %s' % colour)
    return problems


def main(argv):
    if len(argv) != 3:
        print('usage: %s FULL_COLOUR.svg SYMBOLIC.svg' % argv[0], file=sys.stderr)
        return 2
    failed = False
    for path, size, symbolic in ((argv[1], 128, False), (argv[2], 16, True)):
        for problem in check(path, size, symbolic):
            print('%s: %s' % (path, problem), file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
