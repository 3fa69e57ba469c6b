"""The responses export written out: as CSV (RFC 4180 line ends), with its data dictionary as a
second CSV since a CSV holds one table, or as an Excel workbook with a "Data dictionary" sheet.
Every value is written as text, and a cell that would start a formula begins with ' instead."""

from __future__ import annotations

import csv
from typing import BinaryIO, TextIO

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from coprod.services.evidence_csv import cell_text
from coprod.services.response_columns import DICTIONARY_HEADER
from coprod.services.response_rows import ResponseTable


def write_responses_csv(table: ResponseTable, out: TextIO) -> int:
    """Write the table to ``out`` as CSV; return how many responses it holds."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    written = 0
    for row in table.rows:
        writer.writerow(row)
        written += 1
    return written


def _dictionary_rows(table: ResponseTable) -> list[list[str]]:
    return [[cell_text(text) for text in column.dictionary_row()] for column in table.columns]


def write_dictionary_csv(table: ResponseTable, out: TextIO) -> None:
    """Write what each of the table's columns holds to ``out`` as CSV."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(DICTIONARY_HEADER)
    writer.writerows(_dictionary_rows(table))


def _as_text(sheet: WriteOnlyWorksheet, values: list[str]) -> list[Cell]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        cells.append(cell)
    return cells


def write_responses_workbook(table: ResponseTable, out: BinaryIO) -> int:
    """Write the table and its data dictionary to ``out`` as a workbook; return how many
    responses it holds."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Responses")
    sheet.freeze_panes = "A2"
    sheet.append(_as_text(sheet, [column.name for column in table.columns]))
    written = 0
    for row in table.rows:
        sheet.append(_as_text(sheet, row))
        written += 1
    dictionary = book.create_sheet("Data dictionary")
    dictionary.freeze_panes = "A2"
    dictionary.append(_as_text(dictionary, list(DICTIONARY_HEADER)))
    for line in _dictionary_rows(table):
        dictionary.append(_as_text(dictionary, line))
    book.save(out)
    return written
