#!/usr/bin/env python3
# Prints "N passed, N failed" for a Meson build directory's last test run.
#
#   test-summary.py [--log LOGBASE]... BUILDDIR [EXTRA-BUILDDIR...]
#
# --log adds another log of BUILDDIR (meson test --logbase LOGBASE), such
# as the memory checks that CI runs apart from the rest of the suite.
#
# A GLib test program counts each of its TAP test points; a test that
# speaks no TAP counts once. Meson keeps the results per program in
# testlog.json and the TAP output only in testlog.txt, so both are read.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import sys

TAP_LINE = re.compile(r'^(not ok|ok)\b(.*)$')
BLOCK_START = re.compile(r'^=+ \d+/\d+ =+$')


def tap_points(txt_path):
    """Maps each test's name to its list of (ok, directive) TAP points."""
    points = {}
    name = None
    if not os.path.exists(txt_path):
        return points
    with open(txt_path, encoding='utf-8', errors='replace') as log:
        for line in log:
            line = line.rstrip('\n')
            if BLOCK_START.match(line):
                name = None
            elif name is None and line.startswith('test:'):
                name = line[len('test:'):].strip()
                points[name] = []
            elif name is not None:
                match = TAP_LINE.match(line)
                if match:
                    points[name].append((match.group(1) == 'ok', match.group(2)))
    return points


def count(build_dir, logbase='testlog'):
    logs = os.path.join(build_dir, 'meson-logs')
    points = tap_points(os.path.join(logs, logbase + '.txt'))
    passed = failed = skipped = 0
    with open(os.path.join(logs, logbase + '.json'), encoding='utf-8') as log:
        for line in log:
            if not line.strip():
                continue
            entry = json.loads(line)
            result = entry.get('result', '')
            program_ok = result in ('OK', 'SKIP', 'EXPECTEDFAIL')
            tap = points.get(entry.get('name'), [])
            if tap:
                for ok, directive in tap:
                    if '# SKIP' in directive.upper():
                        skipped += 1
                    elif ok:
                        passed += 1
                    else:
                        failed += 1
                # A crash after the last point still fails the program.
                if not program_ok and all(ok for ok, _ in tap):
                    failed += 1
            elif result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
    return passed, failed, skipped


def main():
    args = sys.argv[1:]
    logbases = []
    while len(args) >= 2 and args[0] == '--log':
        logbases.append(args[1])
        args = args[2:]
    if not args or args[0].startswith('-'):
        print('usage: test-summary.py [--log LOGBASE]... BUILDDIR [EXTRA-BUILDDIR...]', file=sys.stderr)
        return 2
    passed, failed, skipped = count(args[0])
    for logbase in logbases:
        p, f, s = count(args[0], logbase)
        passed += p
        failed += f
        skipped += s
    # Further builds (the sanitizer build) run the same cases again: their
    # failures count, their passes are not counted twice.
    for build_dir in args[1:]:
        p, f, s = count(build_dir)
        print(f'{build_dir}: {p} passed, {f} failed, {s} skipped')
        failed += f
    if skipped:
        print(f'{skipped} skipped')
    print(f'{passed} passed, {failed} failed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
