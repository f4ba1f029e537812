#!/usr/bin/env python3
# Checks po/POTFILES.in against the tree: every file under src/ and data/
# with translatable strings must be listed, and every listed file must exist.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

SCANNED_DIRS = ('src', 'data')

# Files translated through ITS rules or msgfmt --desktop; listed by name.
ALWAYS_TRANSLATABLE = re.compile(
    r'\.(desktop\.in(\.in)?|metainfo\.xml\.in(\.in)?|appdata\.xml\.in(\.in)?'
    r'|gschema\.xml)$')

C_SUFFIXES = ('.c', '.h')
XML_SUFFIXES = ('.ui', '.xml', '.in')

# _("…"), N_(), C_(), NC_(), Q_() and the gettext family.
C_MARKER = re.compile(
    r'(?<![A-Za-z0-9_])(?:N|C|NC|Q)?_\s*\('
    r'|(?<![A-Za-z0-9_])(?:g_)?(?:d|dc|dn|dcn|dp|dpg|n|p)?gettext2?\s*\(')
UI_MARKER = re.compile(r'translatable\s*=\s*["\'](?:yes|true|1)["\']')

C_TOKENS = re.compile(
    r'"(?:\\.|[^"\\\n])*"'        # string literal, kept
    r"|'(?:\\.|[^'\\\n])*'"       # character literal, kept
    r'|/\*.*?\*/'                 # block comment, dropped
    r'|//[^\n]*',                 # line comment, dropped
    re.S)
XML_COMMENT = re.compile(r'<!--.*?-->', re.S)


def strip_c_comments(text):
    def keep_literals(match):
        token = match.group(0)
        return ' ' if token.startswith('/') else token
    return C_TOKENS.sub(keep_literals, text)


def has_translatable_strings(relpath, text):
    name = os.path.basename(relpath)
    if ALWAYS_TRANSLATABLE.search(name):
        return True
    if name.endswith(C_SUFFIXES):
        return C_MARKER.search(strip_c_comments(text)) is not None
    if name.endswith(XML_SUFFIXES):
        return UI_MARKER.search(XML_COMMENT.sub(' ', text)) is not None
    return (C_MARKER.search(text) is not None
            or UI_MARKER.search(text) is not None)


def read_list(path):
    entries = []
    try:
        with open(path, encoding='utf-8') as f:
            for number, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith('#'):
                    continue
                # Drop an optional "[type: gettext/glade]" prefix.
                line = re.sub(r'^\[[^]]*\]\s*', '', line)
                entries.append((number, line))
    except FileNotFoundError:
        pass
    return entries


def scan(root):
    found = set()
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for filename in sorted(filenames):
                path = os.path.join(dirpath, filename)
                relpath = os.path.relpath(path, root).replace(os.sep, '/')
                try:
                    with open(path, encoding='utf-8') as f:
                        text = f.read()
                except (UnicodeDecodeError, OSError):
                    continue  # binary files such as screenshots
                if has_translatable_strings(relpath, text):
                    found.add(relpath)
    return found


def main(argv):
    if len(argv) != 2:
        print('usage: %s SOURCE_ROOT' % argv[0], file=sys.stderr)
        return 2
    root = argv[1]
    potfiles = os.path.join(root, 'po', 'POTFILES.in')
    if not os.path.isfile(potfiles):
        print('%s: missing' % potfiles, file=sys.stderr)
        return 1

    listed = read_list(potfiles)
    skipped = {entry for _, entry in
               read_list(os.path.join(root, 'po', 'POTFILES.skip'))}
    problems = 0

    seen = set()
    for number, entry in listed:
        if entry in seen:
            print('po/POTFILES.in:%d: %s is listed twice' % (number, entry),
                  file=sys.stderr)
            problems += 1
        seen.add(entry)
        if not os.path.isfile(os.path.join(root, entry)):
            print('po/POTFILES.in:%d: %s does not exist' % (number, entry),
                  file=sys.stderr)
            problems += 1

    for relpath in sorted(scan(root) - seen - skipped):
        print('po/POTFILES.in: %s has translatable strings but is not listed'
              % relpath, file=sys.stderr)
        problems += 1

    if problems:
        print('%d problem(s) with po/POTFILES.in' % problems, file=sys.stderr)
        return 1
    print('po/POTFILES.in: %d files, all present and complete' % len(seen))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
