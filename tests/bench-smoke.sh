#!/bin/sh
# bench-smoke.sh: bench/run at the tiny scale, with the binaries of this
# build, gives exit status 0 and a results file. No timing is checked.
#
#   bench-smoke.sh SOURCE_ROOT BUILD_ROOT [bench/run options...]
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

source_root=$1
build_root=$2
shift 2

work=$(mktemp -d "${TMPDIR:-/tmp}/commissioner-bench-smoke-XXXXXX")
trap 'rm -rf "$work"' EXIT

"$source_root/bench/run" tiny --runs 1 --build-dir "$build_root" --no-build \
  --gui-timeout 30 --work "$work/run" --results "$work/results.json" "$@"

/usr/bin/python3 - "$work/results.json" <<'PY'
import json
import sys

with open(sys.argv[1], encoding='utf-8') as f:
    results = json.load(f)

assert results['scale'] == 'tiny', results['scale']
for name in ('import_spend', 'sqlite3_import_spend', 'summary', 'needs', 'what_if', 'what_if_recompute'):
    operation = results['operations'][name]
    assert len(operation['runs']) == 1, name
    assert operation['median'] >= 0, name
# When the application ran, it must have reported its figures.
if 'gui_first_frame' in results['operations']:
    for name in ('gui_first_frame', 'gui_idle', 'gui_longest_stall'):
        assert results['operations'][name]['median'] is not None, results.get('note')
print('results file is complete: %d operations' % len(results['operations']))
PY
