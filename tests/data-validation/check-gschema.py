#!/usr/bin/env python3
# Checks the settings schema: every key is explained, and nothing that
# belongs to the data (the needs-analysis priority weights and the default
# cost per place live in the database) is kept per user.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import sys
import xml.etree.ElementTree as ET

DATA_SETTINGS = ('weight-mandatory', 'weight-risk', 'weight-strategic',
                 'weight-evidence', 'weight-gap', 'default-cost-per-place')


def main(argv):
    if len(argv) != 3:
        print('usage: %s SCHEMA.gschema.xml SCHEMA_ID' % argv[0], file=sys.stderr)
        return 2
    path, schema_id = argv[1], argv[2]
    root = ET.parse(path).getroot()
    schema = None
    for candidate in root.findall('schema'):
        if candidate.get('id') == schema_id:
            schema = candidate
    if schema is None:
        print('%s: no schema %s' % (path, schema_id), file=sys.stderr)
        return 1

    keys = {key.get('name'): key for key in schema.findall('key')}
    problems = []
    for name in DATA_SETTINGS:
        if name in keys:
            problems.append('key %s belongs in the database settings' % name)
    for name, key in sorted(keys.items()):
        if not (key.findtext('summary') or '').strip():
            problems.append('key %s has no summary' % name)
        if not (key.findtext('description') or '').strip():
            problems.append('key %s has no description' % name)

    for problem in problems:
        print('%s: %s' % (path, problem), file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
