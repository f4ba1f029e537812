#!/usr/bin/env bash
# workbook-screenshots.sh [BUILD_DIR]: renders the first page of the
# example data's finance Summary, DH return and LSCB report, as LibreOffice prints
# them, to data/screenshots/ (LibreOffice to PDF, then pdftoppm).
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$top/_build}"
cli="$build/src/cli/commissioner-cli"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

export COMMISSIONER_TODAY=2011-01-14
export COMMISSIONER_RETURNS_DIR="$top/data/returns"
"$cli" --database "$work/demo.db" demo > /dev/null
"$cli" --database "$work/demo.db" export finance --year 2010 --output "$work/finance.xlsx"
"$cli" --database "$work/demo.db" export dh-return --year 2010 --output "$work/dh-return.xlsx"
"$cli" --database "$work/demo.db" export lscb-report --year 2010 --output "$work/lscb-report.xlsx"

for name in finance dh-return lscb-report; do
  soffice -env:UserInstallation="file://$work/profile" --headless \
    --convert-to 'pdf:calc_pdf_Export:{"PageRange":{"type":"string","value":"1"}}' \
    --outdir "$work" "$work/$name.xlsx" > /dev/null 2>&1
  pdftoppm -png -r 100 -f 1 -l 1 -singlefile "$work/$name.pdf" "$top/data/screenshots/workbook-$name"
done
echo "data/screenshots/workbook-finance.png data/screenshots/workbook-dh-return.png data/screenshots/workbook-lscb-report.png"
