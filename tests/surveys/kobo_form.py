"""A small XLSForm laid out as KoboToolbox exports one (its metadata rows, its ``$kuid`` column,
a group, languages as ``label::Name (code)``), with ways to spoil it for the error tests."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

SURVEY_HEADER = [
    "type",
    "name",
    "label::English (en)",
    "label::Polski (pl)",
    "hint::English (en)",
    "hint::Polski (pl)",
    "required",
    "appearance",
    "relevant",
    "$kuid",
    "coprod_focus_areas",
]
#: Rows after the header: spreadsheet row 2 is the first.
SURVEY_ROWS: list[list[Any]] = [
    ["start", "start", "", "", "", "", "", "", "", "k1", ""],
    ["end", "end", "", "", "", "", "", "", "", "k2", ""],
    [
        "note",
        "welcome",
        "Thank you for helping us.",
        "Dziękujemy za pomoc.",
        "",
        "",
        "",
        "",
        "",
        "k3",
        "",
    ],
    ["begin_group", "waiting", "Waiting", "Czekanie", "", "", "", "field-list", "", "k4", ""],
    [
        "select_one waits",
        "wait_time",
        "How long did you wait for help?",
        "Jak długo czekali Państwo na pomoc?",
        "Think of the longest time you waited.",
        "Proszę pomyśleć o najdłuższym czekaniu.",
        "true",
        "",
        "",
        "k5",
        "identification",
    ],
    [
        "select_multiple helpers",
        "who_helped",
        "Who helped you while you waited?",
        "Kto pomagał Państwu w czasie czekania?",
        "",
        "",
        "",
        "",
        "",
        "k6",
        "joint_commissioning",
    ],
    ["end_group", "", "", "", "", "", "", "", "", "k7", ""],
    [
        "integer",
        "weeks_off_school",
        "How many weeks did your child miss school?",
        "Ile tygodni szkoły opuściło Państwa dziecko?",
        "",
        "",
        "",
        "",
        "",
        "k8",
        "",
    ],
    [
        "text",
        "one_change",
        "What one thing would you change?",
        "Co jedną rzecz by Państwo zmienili?",
        "",
        "",
        "",
        "",
        "",
        "k9",
        "",
    ],
]
CHOICES_HEADER = ["list_name", "name", "label::English (en)", "label::Polski (pl)", "$kuid"]
CHOICES_ROWS: list[list[Any]] = [
    ["waits", "under_6_months", "Less than 6 months", "Mniej niż 6 miesięcy", "c1"],
    ["waits", "over_6_months", "6 months or more", "6 miesięcy lub dłużej", "c2"],
    ["waits", "still_waiting", "We are still waiting", "Nadal czekamy", "c3"],
    ["helpers", "school", "School", "Szkoła", "c4"],
    ["helpers", "health", "Health services", "Służba zdrowia", "c5"],
    ["helpers", "nobody", "Nobody", "Nikt", "c6"],
]
SETTINGS_HEADER = ["form_title", "form_id", "version", "default_language", "style"]
SETTINGS_ROWS: list[list[Any]] = [
    ["Waiting for help", "waiting_for_help", "vBq7xKe2", "English (en)", "pages"]
]


def kobo_sheets() -> dict[str, list[list[Any]]]:
    """The form's sheets, header first, each a fresh copy to change."""
    return {
        "survey": [list(SURVEY_HEADER), *[list(r) for r in SURVEY_ROWS]],
        "choices": [list(CHOICES_HEADER), *[list(r) for r in CHOICES_ROWS]],
        "settings": [list(SETTINGS_HEADER), *[list(r) for r in SETTINGS_ROWS]],
    }


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    """The sheets as an .xlsx, in the order given."""
    book = Workbook()
    book.remove(book.worksheets[0])
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def kobo_form() -> bytes:
    """The form as it comes from KoboToolbox."""
    return workbook(kobo_sheets())
