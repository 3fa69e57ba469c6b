"""The layout of another tool's export: which tool made it, where its header is, what each
column holds, and which rows are answers.

Microsoft Forms starts with ``ID, Start time, Completion time, Email, Name``; Google Forms with
``Timestamp``; SmartSurvey with ``Response ID, Started, Ended`` over two header rows (a question
over the options it offers, merged across their columns); KoboToolbox ends with ``_id, _uuid,
_submission_time``. Anything else is read as a plain CSV whose first row names the columns.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from coprod.imports.tables import Cells, ImportProblem

MICROSOFT_FORMS = "microsoft_forms"
GOOGLE_FORMS = "google_forms"
SMARTSURVEY = "smartsurvey"
KOBOTOOLBOX = "kobotoolbox"
PLAIN_CSV = "csv"
TOOLS = {
    MICROSOFT_FORMS: _l("Microsoft Forms"),
    GOOGLE_FORMS: _l("Google Forms"),
    SMARTSURVEY: _l("SmartSurvey"),
    KOBOTOOLBOX: _l("KoboToolbox"),
    PLAIN_CSV: _l("Another tool (a spreadsheet with a row of column names)"),
}

#: What a column holds before anyone says otherwise.
KEY = "key"  # the tool's own id for a response
SUBMITTED = "submitted"  # when the answers were sent
PERSONAL = "personal"  # a name, email or other contact detail: never imported
TOOL_DETAIL = "tool_detail"  # the tool's own bookkeeping: status, start time, points
ANSWER = "answer"

#: Column names that hold who someone is, in any tool. They are never imported.
PERSONAL_NAMES = {
    "name", "full name", "first name", "last name", "surname", "your name", "child's name",
    "childs name", "email", "email address", "e-mail", "e-mail address", "respondent email",
    "your email", "phone", "phone number", "telephone", "mobile", "mobile number", "address",
    "home address", "postcode", "post code", "ip address", "ip", "contact details", "username",
    "user name", "_submitted_by", "nhs number", "date of birth", "dob", "responder",
}  # fmt: skip
TOOL_DETAIL_NAMES = {
    "start time", "last modified time", "status", "started", "duration", "tracking link",
    "total points", "quiz feedback", "score", "points", "start", "end", "today", "deviceid",
    "_id", "_index", "_status", "_validation_status", "_submission__uuid", "__version__",
    "_tags", "_notes", "_version_", "meta/instanceid", "instanceid", "language", "collector",
}  # fmt: skip
KEY_NAMES = {"id", "response id", "responseid", "respondent id", "_uuid", "userid", "user id"}
SUBMITTED_NAMES = {
    "completion time", "timestamp", "ended", "completed", "_submission_time", "submitted",
    "date submitted", "submission date", "end time", "date",
}  # fmt: skip
#: Second-row labels SmartSurvey puts under a question with a single answer column.
PLAIN_SUB_LABELS = {"response", "open-ended response", "answer", "comment", ""}


@dataclass(frozen=True)
class Column:
    """One column of the file: where it is, its name, and what it holds by default."""

    number: int
    header: str
    holds: str
    #: The question a SmartSurvey option column sits under (the merged cell above it).
    group: str | None = None

    @property
    def letter(self) -> str:
        return column_letter(self.number)


@dataclass
class SourceFile:
    """A file read as answers: the tool, its columns, its answer rows and what was noticed."""

    tool: str
    encoding: str
    columns: list[Column]
    #: (row number in the file, counting from 1, cells) for every row of answers.
    rows: list[tuple[int, list[str]]]
    notes: list[ImportProblem] = field(default_factory=list)


def column_letter(number: int) -> str:
    """A column's letters as a spreadsheet shows them: 0 is A, 26 is AA."""
    letters = ""
    number += 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def normalised(header: str) -> str:
    return re.sub(r"\s+", " ", header.strip().strip(":").lower())


def read_layout(cells: Cells, tool: str | None = None) -> SourceFile | ImportProblem:
    """The layout of the file's cells; ``tool`` overrides the tool worked out from the header."""
    rows = [(n, row) for n, row in enumerate(cells.rows, start=1) if any(c.strip() for c in row)]
    if not rows:
        return ImportProblem(_l("The file is empty: the first row must name the columns"))
    notes: list[ImportProblem] = []
    if len(rows) > 1 and _is_title(rows[0][1], rows[1][1]):
        title = _l(
            "Row %(row)s looks like a title, not column names: it is left out", row=rows[0][0]
        )
        notes.append(ImportProblem(title, row=rows[0][0]))
        rows = rows[1:]
    header_rows = [rows[0]]
    if len(rows) > 1 and _is_second_header(rows[0][1], rows[1][1]):
        header_rows.append(rows[1])
    width = max(len(row) for _, row in rows)
    headers = _headers([row for _, row in header_rows], width)
    body = rows[len(header_rows) :]
    found_tool = tool or _tool({normalised(h) for h, _ in headers}, len(header_rows))
    columns = _columns(headers, body, found_tool, notes)
    answers = []
    repeats = {tuple(c.strip() for c in row) for _, row in header_rows}
    for number, row in body:
        if tuple(c.strip() for c in row) in repeats:
            notes.append(
                ImportProblem(
                    _l("Row %(row)s repeats the column names: it is left out", row=number),
                    row=number,
                )
            )
            continue
        answers.append((number, row + [""] * (width - len(row))))
    return SourceFile(found_tool, cells.encoding, columns, answers, notes)


def _is_title(first: list[str], second: list[str]) -> bool:
    """A single filled cell above a row of many: a title the tool or a person put on top."""
    return sum(1 for c in first if c.strip()) == 1 and sum(1 for c in second if c.strip()) >= 3


def _is_second_header(first: list[str], second: list[str]) -> bool:
    """SmartSurvey's second header row: option names under a question merged across them.

    The first row has gaps (the merged cells) and the second has a name under each gap, while
    under the tool's own first column (ID) it is empty, where a row of answers never is."""
    width = max(len(first), len(second))
    first = first + [""] * (width - len(first))
    second = second + [""] * (width - len(second))
    named = [i for i, cell in enumerate(first) if cell.strip()]
    if not named or second[named[0]].strip():
        return False
    gaps = [i for i in range(named[0], width) if not first[i].strip()]
    return any(second[i].strip() for i in gaps)


def _headers(header_rows: list[list[str]], width: int) -> list[tuple[str, str | None]]:
    """Each column's name and, under a merged question, the question's name."""
    top = header_rows[0] + [""] * (width - len(header_rows[0]))
    if len(header_rows) == 1:
        return [(cell.strip(), None) for cell in top]
    sub = header_rows[1] + [""] * (width - len(header_rows[1]))
    spans: Counter[str] = Counter()
    above: list[str] = []
    current = ""
    for cell in top:
        current = cell.strip() or current
        above.append(current)
    for i, question in enumerate(above):
        if question and (top[i].strip() == "" or sub[i].strip()):
            spans[question] += 1
    named: list[tuple[str, str | None]] = []
    for i, (question, label) in enumerate(zip(above, sub, strict=True)):
        label = label.strip()
        alone = spans[question] == 1 and normalised(label) in PLAIN_SUB_LABELS
        if alone or (top[i].strip() and not label):
            named.append((question, None))
        else:
            named.append((f"{question}: {label}" if question else label, question or None))
    return named


def _tool(headers: set[str], header_rows: int) -> str:
    if {"id", "start time", "completion time"} <= headers:
        return MICROSOFT_FORMS
    if "timestamp" in headers:
        return GOOGLE_FORMS
    if {"_uuid", "_submission_time"} & headers:
        return KOBOTOOLBOX
    if {"started", "ended"} <= headers or (header_rows == 2 and "started" in headers):
        return SMARTSURVEY
    return PLAIN_CSV


def _columns(
    headers: list[tuple[str, str | None]],
    body: list[tuple[int, list[str]]],
    tool: str,
    notes: list[ImportProblem],
) -> list[Column]:
    filled = [any(i < len(row) and row[i].strip() for _, row in body) for i in range(len(headers))]
    counts = Counter(normalised(h) for h, _ in headers if h)
    columns = []
    for number, (header, group) in enumerate(headers):
        letter = column_letter(number)
        if not header and not filled[number]:
            continue  # an empty column with no name: nothing to read or lose
        if not header:
            header = str(_l("Column %(letter)s", letter=letter))
            unnamed = _l(
                "Column %(letter)s has answers but no name in the first row: it is called "
                "'%(name)s' here",
                letter=letter,
                name=header,
            )
            notes.append(ImportProblem(unnamed, column=letter))
        elif counts[normalised(header)] > 1:
            twice = _l(
                "More than one column is called '%(name)s': this one is shown as "
                "'%(name)s (column %(letter)s)'",
                name=header,
                letter=letter,
            )
            notes.append(ImportProblem(twice, column=letter))
            header = f"{header} (column {letter})"
        if not filled[number]:
            empty = _l(
                "Column %(letter)s ('%(name)s') is empty in every row", letter=letter, name=header
            )
            notes.append(ImportProblem(empty, column=letter))
        columns.append(Column(number, header, _holds(header, tool, group), group))
    return columns


def _holds(header: str, tool: str, group: str | None) -> str:
    name = normalised(re.sub(r" \(column [A-Z]+\)$", "", header))
    if group is None and name in PERSONAL_NAMES:
        return PERSONAL
    if group is None and name in KEY_NAMES and tool != GOOGLE_FORMS:
        return KEY
    if group is None and name in SUBMITTED_NAMES:
        return SUBMITTED
    if group is None and (name in TOOL_DETAIL_NAMES or (tool == KOBOTOOLBOX and name[:1] == "_")):
        return TOOL_DETAIL
    return ANSWER
