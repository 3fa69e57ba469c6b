"""The period's statements as an Excel workbook: the same redacted rows as the CSV, and a second
sheet that says what each column means, so an analyst opening it cold can read it."""

from __future__ import annotations

from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from sqlalchemy.orm import Session

from coprod.evidence.periods import Period
from coprod.services.evidence_csv import COLUMNS, WITHHELD, statement_rows

#: What each column holds, for the "Data dictionary" sheet.
DICTIONARY = {
    "period": "The monitoring period the statement was said in, e.g. 2026-07.",
    "source": "survey (a survey answer) or session (said in a group session).",
    "role": "Who said it, in general terms: parent_carer, young_person, professional, other "
    "or unknown. Never a name.",
    "kind": "free_text (words someone wrote or said) or closed (a choice, scored).",
    "focus_areas": "The focus areas it is tagged with, separated by ';'. Only areas in which "
    "enough people were heard to report are listed.",
    "sentiment": "positive, negative, neutral or mixed.",
    "sentiment_score": "From -1 (negative) to 1 (positive).",
    "redacted_text": "The words with personal details replaced by placeholders such as [name]; "
    f"{WITHHELD} where they raised a safeguarding concern. A leading ' stops a spreadsheet "
    "running the words as a formula.",
}


def write_statements_workbook(
    session: Session, framework: str, period: Period, out: BinaryIO, threshold: int
) -> int:
    """Write the workbook to ``out``; return how many statements it holds. Every value is
    written as text, so nothing a person typed can run as a formula."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Statements")
    sheet.append(list(COLUMNS))
    written = 0
    for row in statement_rows(session, framework, period, threshold):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
        written += 1
    dictionary = book.create_sheet("Data dictionary")
    dictionary.append(["column", "what it holds"])
    for column in COLUMNS:
        dictionary.append([column, DICTIONARY[column]])
    book.save(out)
    return written
