"""Read the cells of a spreadsheet file, whatever tool or version of Excel saved it.

CSV comes in the encodings Excel and the survey tools really write: UTF-8 (with or without the
byte-order mark), UTF-16 ("Unicode text", usually tab-separated) and Windows-1252 (Excel's plain
"CSV" on a Windows PC in the UK). Excel workbooks (.xlsx) are read from their first sheet. Anything
else is refused in plain words, never with a traceback.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook

#: Encodings by the name a person would recognise.
UTF8 = "UTF-8"
UTF16 = "UTF-16"
WINDOWS_1252 = "Windows-1252"
EXCEL = "Excel workbook"


@dataclass(frozen=True)
class ImportProblem:
    """Something wrong in the file: the row (1 is the first row) and column it is in, if any."""

    message: LazyString | str
    row: int | None = None
    column: str | None = None


@dataclass(frozen=True)
class Cells:
    """Every row of the file's first sheet as text, and how the file was read."""

    rows: list[list[str]]
    encoding: str


def not_a_spreadsheet() -> ImportProblem:
    return ImportProblem(_l("The file is not a spreadsheet: upload a CSV or Excel (.xlsx) file"))


def read_cells(data: bytes, most_rows: int | None = None) -> Cells | ImportProblem:
    """The cells of a CSV or XLSX file; ``most_rows`` stops reading a workbook early."""
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_cells(data, most_rows)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return ImportProblem(
            _l("This is an old Excel file (.xls): save it as .xlsx or CSV and try again")
        )
    decoded = _decode(data)
    if isinstance(decoded, ImportProblem):
        return decoded
    text, encoding = decoded
    if "\x00" in text:
        return not_a_spreadsheet()
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel_tab if encoding == UTF16 else csv.excel
    try:
        return Cells([list(row) for row in csv.reader(io.StringIO(text), dialect)], encoding)
    except csv.Error as error:
        return ImportProblem(
            _l("The file is not a readable CSV file (%(reason)s)", reason=str(error))
        )


def _decode(data: bytes) -> tuple[str, str] | ImportProblem:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), UTF16
        except UnicodeDecodeError:
            return not_a_spreadsheet()
    if _utf16_without_mark(data):
        try:
            return data.decode("utf-16-le"), UTF16
        except UnicodeDecodeError:
            return not_a_spreadsheet()
    if b"\x00" in data[:4096] or data.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8", b"GIF8")):
        return not_a_spreadsheet()
    try:
        return data.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError as error:
        first_bad = error.start
    try:
        return data.decode("cp1252"), WINDOWS_1252
    except UnicodeDecodeError:
        line = data[:first_bad].count(b"\n") + 1
        return ImportProblem(
            _l(
                "The file is not saved as UTF-8 (the first character it cannot read is on "
                "line %(line)s). In Excel, choose Save As and then 'CSV UTF-8', or upload the "
                ".xlsx file.",
                line=line,
            ),
            row=line,
        )


def _utf16_without_mark(data: bytes) -> bool:
    """Text saved as UTF-16 with no byte-order mark: every second byte of plain text is 0."""
    head = data[:400]
    return len(head) >= 8 and head[1::2].count(0) >= len(head) // 2 - 1 and 0 not in head[::2]


def _xlsx_cells(data: bytes, most_rows: int | None) -> Cells | ImportProblem:
    # A damaged, encrypted or odd file makes zipfile and openpyxl raise almost anything, on
    # opening or only while the sheet is read (zlib.error, EOFError, NotImplementedError,
    # RuntimeError, IndexError for a book without sheets, XML parse errors): whatever it is,
    # the person is told the file cannot be read.
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        return not_a_spreadsheet()
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(cell) for cell in row])
            if most_rows is not None and len(rows) >= most_rows:
                break
        return Cells(rows, EXCEL)
    except Exception:
        return not_a_spreadsheet()
    finally:
        book.close()


def _cell_text(cell: object) -> str:
    """A cell as the person saw it: whole numbers without ``.0``, dates in ISO form."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ", timespec="seconds")
    if isinstance(cell, date | time):
        return cell.isoformat()
    return str(cell)
