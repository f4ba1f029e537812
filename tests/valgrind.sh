#!/bin/sh
# valgrind.sh: commissioner-cli's init, demo, every import kind and every
# export kind under valgrind's memcheck. A command fails on any invalid
# read or write, use of uninitialised memory or definite leak, or on an
# exit status other than 0. TAP, one test point per command.
#
#   valgrind.sh CLI SEEDS_DIR
#
# The imports are the valid files in tests/import-seeds, into the example
# data; the exports are of the example data's 2010/11. Valgrind cannot
# run a sanitizer build, so the plain build runs this (suite 'memory').
# No suppressions are needed: GLib and SQLite leave nothing definitely
# lost, only memory still reachable at exit, which is not an error here.
# The return layouts come from $COMMISSIONER_RETURNS_DIR, as in the tests.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

cli=$1
seeds=$2

work=$(mktemp -d "${TMPDIR:-/tmp}/commissioner-valgrind-XXXXXX")
trap 'rm -rf "$work"' EXIT

# GLib's slice allocator hides leaks from valgrind unless it uses malloc.
G_SLICE=always-malloc
G_DEBUG=gc-friendly
COMMISSIONER_TODAY=2011-03-31
export G_SLICE G_DEBUG COMMISSIONER_TODAY

n=0
failed=0

# memcheck NAME ARGS...: one test point.
memcheck () {
  name=$1
  shift
  n=$((n + 1))
  if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
       --show-leak-kinds=definite --log-file="$work/valgrind-$n.log" "$cli" "$@" >"$work/output-$n.log" 2>&1; then
    echo "ok $n - $name"
  else
    echo "not ok $n - $name"
    sed 's/^/# /' "$work/output-$n.log" "$work/valgrind-$n.log"
    failed=1
  fi
}

# The kinds as the CLI lists them, so that a new kind is checked too.
kinds () {
  "$cli" --help | sed -n "s/^$1 kinds: //p" | tr -d ',' | tr ' ' '\n'
}

import_kinds=$(kinds Import)
export_kinds=$(kinds Export)
if [ -z "$import_kinds" ] || [ -z "$export_kinds" ]; then
  echo "Bail out! commissioner-cli --help lists no import or export kinds"
  exit 1
fi

memcheck init --database "$work/init.db" init
memcheck demo --database "$work/demo.db" demo

# The imports go into a copy of the example data made without valgrind.
"$cli" --database "$work/imports.db" demo >/dev/null || {
  echo "Bail out! could not load the example data"
  exit 1
}
for kind in $import_kinds; do
  memcheck "import $kind" --database "$work/imports.db" import "$kind" "$seeds/$kind.csv"
done

for kind in $export_kinds; do
  case $kind in
    tna) half="--half 1" ;;  # the needs analysis is of one cycle
    *) half= ;;
  esac
  # shellcheck disable=SC2086
  memcheck "export $kind" --database "$work/demo.db" export "$kind" --year 2010 $half \
    --output "$work/$kind.xlsx"
done

echo "1..$n"
exit "$failed"
