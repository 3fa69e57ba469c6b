"""Read an XLSForm workbook's sheets into rows of cells keyed by column and language, with a
problem for each thing that stops it being read: not a workbook, a missing sheet, a column
with no heading or the same heading twice, a language coprod does not offer."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from coprod.languages import DEFAULT_LANGUAGE
from coprod.surveys.xlsform_layout import UnknownLanguage, offered_languages, split_header

#: More rows than any survey a person could finish: a sign of the wrong file.
MOST_ROWS = 2000
#: A column: its base name (``label``) and language code (None for a plain column).
Column = tuple[str, str | None]


@dataclass(frozen=True)
class XLSFormProblem:
    """One thing wrong in the workbook, where a person can find it."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [f"{self.sheet} sheet"] if self.sheet else []
        where += [f"row {self.row}"] if self.row else []
        where += [f"column {self.column}"] if self.column else []
        return f"{', '.join(where)}: {self.message}" if where else self.message


class XLSFormError(Exception):
    """The workbook cannot be imported; ``problems`` says every reason found."""

    def __init__(self, problems: list[XLSFormProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Row:
    """One filled-in row of a sheet: its number as the spreadsheet shows it, and its cells."""

    sheet: str
    number: int
    cells: dict[Column, str]
    #: The heading of each column, to name it in a message.
    headings: dict[Column, str] = field(repr=False, default_factory=dict)

    def get(self, base: str, language: str | None = None) -> str:
        """The cell's text, or "" if empty."""
        return self.cells.get((base, language), "")

    def heading(self, base: str, language: str | None = None) -> str:
        """The column's heading as written, for a message."""
        return self.headings.get((base, language), base)

    def languages(self, base: str) -> dict[str, str]:
        """Every language's text in columns of that base name, by language code."""
        return {lang: v for (b, lang), v in self.cells.items() if b == base and lang and v}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_sheets(data: bytes) -> dict[str, list[list[str]]]:
    """Every sheet of the workbook as rows of text, by lower-cased sheet name."""
    # A damaged, encrypted or odd file makes zipfile and openpyxl raise almost anything (see
    # coprod/services/session_import.py): whatever it is, the person is told it cannot be read.
    unreadable = XLSFormError(
        [XLSFormProblem("the file is not an Excel workbook (.xlsx), so it cannot be an XLSForm")]
    )
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise unreadable from None
    try:
        sheets: dict[str, list[list[str]]] = {}
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                rows.append([_text(value) for value in row])
                if len(rows) > MOST_ROWS + 1:
                    raise XLSFormError(
                        [XLSFormProblem(f"has more than {MOST_ROWS} rows", sheet.title.lower())]
                    )
            sheets[sheet.title.strip().lower()] = rows
        return sheets
    except XLSFormError:
        raise
    except Exception:
        raise unreadable from None
    finally:
        book.close()


def sheet_rows(
    name: str,
    table: list[list[str]],
    problems: list[XLSFormProblem],
    default_language: str = DEFAULT_LANGUAGE,
) -> list[Row]:
    """The filled-in rows of a sheet (its first row the headings); problems for bad headings."""
    if not table:
        return []
    columns: dict[int, Column] = {}
    headings: dict[Column, str] = {}
    seen: dict[Column, str] = {}
    for index, heading in enumerate(table[0]):
        letter = get_column_letter(index + 1)
        if not heading:
            if any(len(row) > index and row[index] for row in table[1:]):
                problems.append(XLSFormProblem("the column has no heading", name, 1, letter))
            continue
        try:
            column = split_header(heading, default_language)
        except UnknownLanguage as unknown:
            problems.append(
                XLSFormProblem(
                    f'"{heading}" is in a language coprod does not offer ({unknown}); '
                    f"it offers {offered_languages()}",
                    name,
                    1,
                    letter,
                )
            )
            continue
        if column in seen:
            problems.append(
                XLSFormProblem(
                    f'"{heading}" is the same column as column {seen[column]}; keep one of them',
                    name,
                    1,
                    letter,
                )
            )
            continue
        seen[column] = letter
        columns[index] = column
        headings[column] = heading
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = {
            columns[i]: value for i, value in enumerate(values) if i in columns and value != ""
        }
        if cells:
            rows.append(Row(name, number, cells, headings))
    return rows
