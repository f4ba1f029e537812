#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads exported workbooks back for tests/test-export.c, with openpyxl
# and LibreOffice (HACKING.md, "Building and testing").
#
#   export-check.py dump FILE            every cell: SHEET!A1 TAB kind TAB value TAB format
#   export-check.py recalc FILE OUT      recalculates FILE with LibreOffice into OUT, then
#                                        prints "formulas N", a "mismatch" line for each
#                                        formula whose recalculated value differs from the
#                                        cached one, and the recalculated cells as dump does
#   export-check.py set FILE OUT CELL VALUE   writes a number into SHEET!A1 and saves as OUT
#   export-check.py json FILE            `evaluation --json` output as "json!CODE.key TAB j TAB value TAB -"
#                                        lines (CODE "Total" for the totals; nulls left out)
#
# Kinds: s text, n number, d date, f formula (value: the cached result).

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

RECALC_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def show(value):
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time():
            return value.isoformat(sep=" ")
        return value.date().isoformat()
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value).replace("\t", " ").replace("\n", "\\n")


def cells(path):
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    for sheet in formulas.worksheets:
        cached = values[sheet.title]
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                value = cached[cell.coordinate].value
                if cell.data_type == "f":
                    kind = "f"
                elif isinstance(cell.value, datetime.datetime):
                    kind = "d"
                elif isinstance(cell.value, (int, float)):
                    kind = "n"
                else:
                    kind = "s"
                yield sheet.title, cell.coordinate, kind, value, cell.number_format


def dump(path):
    for sheet, coordinate, kind, value, number_format in cells(path):
        print(f"{sheet}!{coordinate}\t{kind}\t{show(value)}\t{number_format}")


def recalc(path, out):
    profile = tempfile.mkdtemp(prefix="cm-lo-profile-")
    try:
        os.makedirs(os.path.join(profile, "user"))
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
            f.write(RECALC_SETTINGS)
        outdir = tempfile.mkdtemp(prefix="cm-lo-out-")
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "xlsx", "--outdir", outdir, path],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.move(os.path.join(outdir, os.path.basename(path)), out)
        shutil.rmtree(outdir)
    finally:
        shutil.rmtree(profile, ignore_errors=True)

    recalculated = openpyxl.load_workbook(out, data_only=True)
    count = 0
    for sheet, coordinate, kind, value, number_format in cells(path):
        if kind != "f":
            continue
        count += 1
        new = recalculated[sheet][coordinate].value
        if value is None or new is None or abs(float(value) - float(new)) >= 0.005:
            print(f"mismatch {sheet}!{coordinate} cached {value} recalculated {new}")
    print(f"formulas {count}")
    for sheet in recalculated.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    print(f"{sheet.title}!{cell.coordinate}\tr\t{show(cell.value)}\t{cell.number_format}")


def set_cell(path, out, where, value):
    book = openpyxl.load_workbook(path)
    sheet, coordinate = where.split("!")
    book[sheet][coordinate].value = float(value)
    book.save(out)


def flatten(path):
    with open(path) as f:
        report = json.load(f)
    rows = [(row["code"], row) for row in report["commissions"]] + [("Total", report["totals"])]
    for code, row in rows:
        for key, value in row.items():
            if key != "code" and value is not None:
                print(f"json!{code}.{key}\tj\t{show(value)}\t-")


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(sys.argv[2])
    elif sys.argv[1] == "recalc":
        recalc(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "json":
        flatten(sys.argv[2])
    elif sys.argv[1] == "set":
        set_cell(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
