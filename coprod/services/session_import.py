"""Read a filled-in spreadsheet of contributions (CSV or Excel), row by row, naming every problem
by row and column before anything is saved. The layout is an interface: the downloadable
template and the printed record sheet use the same columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from coprod.forms import clean_text
from coprod.imports.tables import ImportProblem, read_cells
from coprod.vocabulary import AGE_BANDS, CONTRIBUTION_KINDS, ROLES

#: The columns, in order. Only ``text`` must have a value.
COLUMNS = ("text", "kind", "role", "age_band", "focus_area", "whole_group")
#: More rows than any session has: a bigger file is a mistake, not a session.
MOST_ROWS = 2000
LONGEST_TEXT = 5000
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class ImportedRow:
    """One contribution read from the file."""

    row: int
    text: str
    kind: str
    role: str
    age_band: str | None
    focus_area: str | None
    whole_group: bool


@dataclass
class ImportResult:
    """The rows read and the problems found; nothing is saved while there are problems."""

    rows: list[ImportedRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def read_contributions(data: bytes, areas: dict[str, str]) -> ImportResult:
    """Read contributions from a CSV or XLSX file; ``areas`` maps focus area slug to name."""
    read = read_cells(data, most_rows=MOST_ROWS + 2)
    if isinstance(read, ImportProblem):
        return ImportResult(problems=[read])
    table = read.rows
    if not table or not any(cell.strip() for cell in table[0]):
        return ImportResult(
            problems=[ImportProblem(_l("The file is empty: the first row must name the columns"))]
        )
    header = [cell.strip().lower().replace(" ", "_") for cell in table[0]]
    problems = _header_problems(header)
    if problems:
        return ImportResult(problems=problems)
    result = ImportResult()
    body = [(n, row) for n, row in enumerate(table[1:], start=2) if any(c.strip() for c in row)]
    if len(body) > MOST_ROWS:
        result.problems.append(
            ImportProblem(
                _l(
                    "The file has %(rows)s rows: import at most %(most)s at a time",
                    rows=len(body),
                    most=MOST_ROWS,
                )
            )
        )
        return result
    for number, cells in body:
        values = {
            name: clean_text(cells[i]) if i < len(cells) else ""
            for i, name in enumerate(header)
            if name
        }
        _read_row(number, values, areas, result)
    if not body:
        result.problems.append(
            ImportProblem(_l("The file has no contributions under the first row"))
        )
    return result


def _header_problems(header: list[str]) -> list[ImportProblem]:
    problems = []
    missing = [c for c in ("text",) if c not in header]
    unknown = [c for c in header if c and c not in COLUMNS]
    repeated = sorted({c for c in header if c and header.count(c) > 1})
    expected = ", ".join(COLUMNS)
    if missing:
        problems.append(
            ImportProblem(
                _l(
                    "The first row must name the columns %(expected)s; 'text' is missing",
                    expected=expected,
                ),
                row=1,
            )
        )
    for name in unknown:
        problems.append(
            ImportProblem(
                _l(
                    "'%(column)s' is not a column of the template: use %(expected)s",
                    column=name,
                    expected=expected,
                ),
                row=1,
                column=name,
            )
        )
    for name in repeated:
        problems.append(
            ImportProblem(
                _l("The column '%(column)s' is there twice", column=name), row=1, column=name
            )
        )
    return problems


def _read_row(
    number: int, values: dict[str, str], areas: dict[str, str], result: ImportResult
) -> None:
    found: list[ImportProblem] = []

    def problem(column: str, message: LazyString) -> None:
        found.append(ImportProblem(message, row=number, column=column))

    text = values.get("text", "")
    if not text:
        problem("text", _l("What was said is empty"))
    elif len(text) > LONGEST_TEXT:
        problem(
            "text",
            _l(
                "What was said is longer than %(most)s characters: split it into two rows",
                most=LONGEST_TEXT,
            ),
        )
    kind = _choice(values.get("kind", ""), CONTRIBUTION_KINDS, default="quote")
    if kind is None:
        problem("kind", _l("'%(value)s' must be quote or paraphrase", value=values["kind"]))
    role = _choice(values.get("role", ""), ROLES, default="young_person")
    if role is None:
        problem(
            "role",
            _l(
                "'%(value)s' must be one of: %(allowed)s",
                value=values["role"],
                allowed=", ".join(ROLES),
            ),
        )
    band = _choice(values.get("age_band", "").replace(" to ", "-"), AGE_BANDS, default="")
    if band is None:
        problem(
            "age_band",
            _l(
                "'%(value)s' must be one of: %(allowed)s, or empty",
                value=values["age_band"],
                allowed=", ".join(AGE_BANDS),
            ),
        )
    area = _choice(values.get("focus_area", ""), areas, default="")
    if area is None:
        problem(
            "focus_area",
            _l(
                "'%(value)s' must be one of: %(allowed)s, or empty",
                value=values["focus_area"],
                allowed=", ".join(areas),
            ),
        )
    whole = values.get("whole_group", "").lower()
    if whole not in YES | NO:
        problem("whole_group", _l("'%(value)s' must be yes or no", value=values["whole_group"]))
    if found:
        result.problems.extend(found)
        return
    group = whole in YES
    result.rows.append(
        ImportedRow(
            number,
            text,
            "paraphrase" if group else str(kind),
            str(role),
            None if group else band or None,
            area or None,
            group,
        )
    )


def _choice(value: str, allowed: dict[str, Any], default: str) -> str | None:
    """The slug for a value given as the slug or its English label, ignoring case and spaces."""
    wanted = value.strip().lower().replace(" ", "_")
    if not wanted:
        return default
    for slug, label in allowed.items():
        if wanted in (slug.lower(), str(label).strip().lower().replace(" ", "_")):
            return slug
    return None


def template_csv() -> bytes:
    """The blank CSV template: the header row, UTF-8 with the mark Excel looks for."""
    out = io.StringIO()
    csv.writer(out).writerow(COLUMNS)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(areas: dict[str, str], guidance: Sequence[tuple[str, str]]) -> bytes:
    """The blank Excel template: the columns with drop-down lists, and a sheet of guidance."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Contributions"
    sheet.append(list(COLUMNS))
    sheet.column_dimensions["A"].width = 80
    for letter, values in zip(
        "BCDE",
        (CONTRIBUTION_KINDS, ROLES, AGE_BANDS, areas),
        strict=True,
    ):
        sheet.column_dimensions[letter].width = 22
        _drop_down(sheet, letter, values)
    _drop_down(sheet, "F", {"yes": "", "no": ""})
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("How to fill this in")
    for row in guidance:
        notes.append(list(row))
    notes.column_dimensions["A"].width = 20
    notes.column_dimensions["B"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _drop_down(sheet: Any, letter: str, values: Iterable[str]) -> None:
    listed = ",".join(values)
    check = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
    check.add(f"{letter}2:{letter}{MOST_ROWS + 1}")
    sheet.add_data_validation(check)
