#!/bin/sh
# tna-matrix.sh: how fast the needs engine is on a large analysis.
#
# Builds a database of 150 staff groups × 40 competencies (6,000
# requirement lines) through commissioner-cli's CSV import, then times
# `commissioner-cli needs --json` on it (with hyperfine when installed,
# otherwise ten runs with the shell's clock) and says how to open the
# application on it to try the needs matrix by hand.
#
#   bench/tna-matrix.sh [BUILD_DIR] [WORK_DIR]
#
# BUILD_DIR defaults to ./_build; WORK_DIR to a new temporary folder,
# which is kept so that the application can be opened on it afterwards.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

BUILD_DIR=${1:-_build}
CLI="$BUILD_DIR/src/cli/commissioner-cli"
APP="$BUILD_DIR/src/gui/commissioner"
WORK=${2:-$(mktemp -d "${TMPDIR:-/tmp}/cm-bench-XXXXXX")}
DB="$WORK/tna-matrix.db"
N_GROUPS=150
N_COMPETENCIES=40
RUNS=10

if [ ! -x "$CLI" ]; then
  echo "No $CLI: build first (meson setup $BUILD_DIR && meson compile -C $BUILD_DIR)" >&2
  exit 2
fi

mkdir -p "$WORK"
rm -f "$DB" "$DB-wal" "$DB-shm"

sectors="early-years education social-care health youth justice sport-culture family-support"
kinds="statutory health school private voluntary independent"
categories="safeguarding common-core integrated-working qualification management practice"

# nth WORD of a list, counting from 0 and wrapping round.
nth () {
  n=$1
  shift
  set -- $*
  shift $(( n % $# ))
  echo "$1"
}

echo "Writing the CSV files in $WORK…"

{
  echo "name,kind"
  o=0
  while [ $o -lt 12 ]; do
    echo "Bench organisation $o,$(nth $o $kinds)"
    o=$((o + 1))
  done
} > "$WORK/organisations.csv"

{
  echo "name,organisation,sector,headcount,turnover_percent"
  g=0
  while [ $g -lt $N_GROUPS ]; do
    echo "Bench staff group $g,Bench organisation $((g % 12)),$(nth $g $sectors),$((10 + (g * 37) % 140)),$((5 + g % 15))"
    g=$((g + 1))
  done
} > "$WORK/staff-groups.csv"

{
  echo "code,name,category,mandatory,refresh_months,risk,strategic,days,capacity"
  c=0
  while [ $c -lt $N_COMPETENCIES ]; do
    if [ $((c % 3)) -eq 0 ]; then mandatory=yes; else mandatory=no; fi
    echo "BENCH-$c,Bench competency $c,$(nth $c $categories),$mandatory,36,$((1 + c % 3)),$((c % 3)),$((1 + c % 4)),$((12 + (c * 7) % 14))"
    c=$((c + 1))
  done
} > "$WORK/competencies.csv"

# Every staff group needs every competency, at coverage from 25% to 100%.
awk -v groups=$N_GROUPS -v competencies=$N_COMPETENCIES 'BEGIN {
  print "year,half,staff_group,competency,coverage_percent,compliant,expiring,evidence"
  for (g = 0; g < groups; g++)
    for (c = 0; c < competencies; c++)
      printf "2010,1,Bench staff group %d,BENCH-%d,%d,%d,%d,%d\n",
             g, c, 25 * (1 + (g + c) % 4), (g * 7 + c * 3) % 40, (g + c) % 5, (g + 2 * c) % 3
}' > "$WORK/requirements.csv"

echo "Importing…"
"$CLI" --database "$DB" init > /dev/null
for kind in organisations staff-groups competencies requirements; do
  "$CLI" --database "$DB" import "$kind" "$WORK/$kind.csv" > /dev/null
done

LINES=$("$CLI" --database "$DB" needs --year 2010 --half 1 --json | grep -o '"staff_group"' | wc -l)
echo "Database: $DB ($LINES requirement lines)"

echo
echo "commissioner-cli needs --year 2010 --half 1 --json:"
if command -v hyperfine > /dev/null 2>&1; then
  hyperfine --warmup 2 --runs $RUNS \
    "'$CLI' --database '$DB' needs --year 2010 --half 1 --json > /dev/null"
else
  total=0
  run=0
  while [ $run -lt $RUNS ]; do
    start=$(date +%s%N)
    "$CLI" --database "$DB" needs --year 2010 --half 1 --json > /dev/null
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    echo "  run $((run + 1)): ${ms} ms"
    total=$((total + ms))
    run=$((run + 1))
  done
  echo "  mean over $RUNS runs: $((total / RUNS)) ms"
fi

cat <<EOF_HELP

To try the needs matrix on this database, open the application on it,
go to the Needs page and choose step 6, Review (the step list is the
button at the left of the step indicator):

  $APP --database '$DB'

The header's cycle selector must show 2010/11 H1. Scroll the matrix,
hover the cells and move through it with the arrow keys.
EOF_HELP
