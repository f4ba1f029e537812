#!/usr/bin/python3
# openpyxl-finance.py WORKBOOK OUT: the comparison for bench/run. Reads
# every cell of a finance workbook that commissioner-cli exported (values,
# formulas, number formats; not timed), then times openpyxl writing the
# same cells in its fastest mode (write_only) to OUT, and prints the
# seconds that took.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import sys
import time

import openpyxl
from openpyxl.cell import WriteOnlyCell

source = openpyxl.load_workbook(sys.argv[1], read_only=True)
sheets = []
for sheet in source.worksheets:
    rows = []
    for row in sheet.iter_rows():
        rows.append([(cell.value, cell.number_format) for cell in row
                     if getattr(cell, "value", None) is not None])
    sheets.append((sheet.title, rows))
source.close()

start = time.perf_counter()
book = openpyxl.Workbook(write_only=True)
for title, rows in sheets:
    sheet = book.create_sheet(title)
    for row in rows:
        cells = []
        for value, number_format in row:
            cell = WriteOnlyCell(sheet, value=value)
            if number_format != "General":
                cell.number_format = number_format
            cells.append(cell)
        sheet.append(cells)
book.save(sys.argv[2])
print(f"{time.perf_counter() - start:.4f}")
