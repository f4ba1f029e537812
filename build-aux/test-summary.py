#!/usr/bin/env python3
# Prints "N passed, N failed" from Meson's testlog.json files.
#
# A GLib test program counts each of its TAP test points; a plain test
# counts once. Skipped points are reported separately.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import re
import sys

TAP_LINE = re.compile(r'^(not ok|ok)\b(.*)$')


def count(path):
    passed = failed = skipped = 0
    with open(path, encoding='utf-8') as log:
        for line in log:
            if not line.strip():
                continue
            entry = json.loads(line)
            result = entry.get('result', '')
            points = []
            if entry.get('protocol') == 'tap':
                for out in (entry.get('stdout') or '').splitlines():
                    match = TAP_LINE.match(out)
                    if match:
                        points.append(match)
            if points:
                for match in points:
                    directive = match.group(2)
                    if '# SKIP' in directive.upper():
                        skipped += 1
                    elif match.group(1) == 'ok':
                        passed += 1
                    else:
                        failed += 1
                # A crash after the last point still fails the program.
                if result not in ('OK', 'SKIP', 'EXPECTEDFAIL') and \
                        all(m.group(1) == 'ok' for m in points):
                    failed += 1
            elif result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
    return passed, failed, skipped


def main():
    if len(sys.argv) < 2:
        print('usage: test-summary.py TESTLOG.json [EXTRA-TESTLOG.json...]', file=sys.stderr)
        return 2
    passed, failed, skipped = count(sys.argv[1])
    # Further logs (the sanitizer build) run the same cases again: their
    # failures count, their passes are not counted twice.
    for path in sys.argv[2:]:
        p, f, s = count(path)
        print(f'{path}: {p} passed, {f} failed, {s} skipped')
        failed += f
    if skipped:
        print(f'{skipped} skipped')
    print(f'{passed} passed, {failed} failed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
