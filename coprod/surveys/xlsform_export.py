"""A survey definition and its translations as an XLSForm workbook (survey, choices, settings).

The workbook opens in KoboToolbox and ODK, and ``xlsform_import`` turns it back into the same
definition and translations. See ``xlsform_layout`` for the columns both agree on.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from coprod.languages import DEFAULT_LANGUAGE, LANGUAGES
from coprod.surveys.definitions import SurveyDefinition
from coprod.surveys.survey_translations import Translations
from coprod.surveys.xlsform_layout import (
    CHOICE_TEXTS,
    NOTE_PARTS,
    PILES_LIST,
    QUESTION_TEXTS,
    SCALE_LISTS,
    SETTINGS_TEXTS,
    SETTINGS_VALUES,
    choice_header,
    language_header,
    language_label,
)
from coprod.vocabulary import PREFER_NOT_TO_SAY

#: A label in each language, by language code.
Labels = Mapping[str, str]


@dataclass(frozen=True)
class FixedLists:
    """Answers coprod words itself (the scales, the card piles, "Prefer not to say"), in each
    language, from the interface's translations: ``lists[list name]`` is ``[(value, labels)]``."""

    lists: Mapping[str, list[tuple[str, Labels]]]
    prefer_not_to_say: Labels


SURVEY_COLUMNS = (
    "type",
    "name",
    *[f"{base}::" for _key, base in QUESTION_TEXTS[:2]],
    "required",
    "constraint",
    "appearance",
    "coprod_type",
    "coprod_focus_areas",
    "coprod_representation",
    "coprod_prefer_not_to_say",
    "coprod_reverse",
    "coprod_unit",
    "coprod_symbol",
    *[f"{base}::" for _key, base in QUESTION_TEXTS[2:]],
    "coprod_part",
)
CHOICE_COLUMNS = (
    "list_name",
    "name",
    *[f"{base}::" for _key, base in CHOICE_TEXTS],
    "coprod_score",
    "coprod_symbol",
)


Header = Callable[[str, str], str]


def _headers(columns: tuple[str, ...], header: Header) -> list[str]:
    """Columns ending in ``::`` become one column per language, English first."""
    headers: list[str] = []
    for column in columns:
        if column.endswith("::"):
            headers += [header(column[:-2], code) for code in LANGUAGES]
        else:
            headers.append(column)
    return headers


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


class _Sheet:
    """Rows of one sheet, each a dict from column (``label::…`` given by key and language)."""

    def __init__(
        self, sheet: Worksheet, columns: tuple[str, ...], header: Header = language_header
    ) -> None:
        self.sheet = sheet
        self.headers = _headers(columns, header)
        sheet.append(self.headers)

    def add(self, cells: Mapping[str, Any]) -> None:
        self.sheet.append(["" if cells.get(h) is None else cells.get(h) for h in self.headers])
        for cell in self.sheet[self.sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with


class _Writer:
    def __init__(self, translations: Translations, fixed: FixedLists) -> None:
        self.translations = translations
        self.fixed = fixed
        self.lists_used: list[str] = []

    def texts(
        self,
        raw: Mapping[str, Any],
        pairs: tuple[tuple[str, str], ...],
        header: Header = language_header,
    ) -> dict[str, str]:
        """Every language's column for each text key the item has."""
        cells: dict[str, str] = {}
        for key, base in pairs:
            text = raw.get(key)
            if not text:
                continue
            for code in LANGUAGES:
                cells[header(base, code)] = (
                    text
                    if code == DEFAULT_LANGUAGE
                    else self.translations.get(code, {}).get(text.strip(), "")
                )
        return cells

    def labels(self, labels: Labels) -> dict[str, str]:
        return {language_header("label", code): labels.get(code, "") for code in LANGUAGES}

    def question(self, survey: _Sheet, choices: _Sheet, raw: Mapping[str, Any]) -> None:
        kind = raw["type"]
        cells: dict[str, Any] = {
            "name": raw["id"],
            **self.texts(raw, QUESTION_TEXTS),
            "required": _yes_no(raw.get("required")),
            "coprod_focus_areas": " ".join(raw.get("focus_areas", ())),
            "coprod_representation": raw.get("representation"),
            "coprod_prefer_not_to_say": _yes_no(raw.get("prefer_not_to_say")),
            "coprod_reverse": _yes_no(raw.get("reverse")),
            "coprod_unit": raw.get("unit"),
            "coprod_symbol": raw.get("symbol"),
        }
        if kind in ("single_choice", "multiple_choice"):
            select = "select_one" if kind == "single_choice" else "select_multiple"
            survey.add({**cells, "type": f"{select} {raw['id']}"})
            self.options(choices, raw["id"], raw["options"], raw.get("prefer_not_to_say"))
        elif kind in SCALE_LISTS:
            list_name = raw["id"] if raw.get("prefer_not_to_say") else SCALE_LISTS[kind]
            survey.add({**cells, "type": f"select_one {list_name}", "coprod_type": kind})
            if list_name == raw["id"]:
                for value, labels in self.fixed.lists[SCALE_LISTS[kind]]:
                    choices.add({"list_name": list_name, "name": value, **self.labels(labels)})
                self.prefer_not_to_say(choices, list_name)
            elif list_name not in self.lists_used:
                self.lists_used.append(list_name)
        elif kind == "card_sort":
            self.card_sort(survey, cells, raw)
        elif kind == "free_text":
            limit = raw.get("max_length")
            constraint = f"string-length(.) <= {limit}" if limit is not None else ""
            survey.add({**cells, "type": "text", "constraint": constraint})
        else:
            bounds = [(">=", raw.get("minimum")), ("<=", raw.get("maximum"))]
            constraint = " and ".join(f". {op} {n}" for op, n in bounds if n is not None)
            survey.add({**cells, "type": "integer", "constraint": constraint})

    def options(
        self, choices: _Sheet, list_name: str, options: list[Any], prefer: bool | None
    ) -> None:
        for option in options:
            choices.add(
                {
                    "list_name": list_name,
                    "name": option["value"],
                    **self.texts(option, CHOICE_TEXTS, choice_header),
                    "coprod_score": option.get("score"),
                    "coprod_symbol": option.get("symbol"),
                }
            )
        if prefer:
            self.prefer_not_to_say(choices, list_name)

    def prefer_not_to_say(self, choices: _Sheet, list_name: str) -> None:
        labels = self.labels(self.fixed.prefer_not_to_say)
        choices.add({"list_name": list_name, "name": PREFER_NOT_TO_SAY, **labels})

    def card_sort(self, survey: _Sheet, cells: dict[str, Any], raw: Mapping[str, Any]) -> None:
        """A group of cards, each a select_one of the piles: how KoboToolbox shows a grid."""
        group = {**cells, "type": "begin_group", "appearance": "field-list"}
        survey.add({**group, "coprod_type": "card_sort"})
        for card in raw["cards"]:
            survey.add(
                {
                    "type": f"select_one {PILES_LIST}",
                    "name": card["value"],
                    **self.texts(card, CHOICE_TEXTS),
                    "coprod_focus_areas": " ".join(card.get("focus_areas", ())),
                    "coprod_symbol": card.get("symbol"),
                }
            )
        survey.add({"type": "end_group", "name": raw["id"]})
        if PILES_LIST not in self.lists_used:
            self.lists_used.append(PILES_LIST)

    def notes(self, survey: _Sheet, raw: Mapping[str, Any], part: str) -> None:
        for number, paragraph in enumerate(raw.get(part, ()), start=1):
            cells = self.texts({"text": paragraph}, QUESTION_TEXTS[:1])
            survey.add({"type": "note", "name": f"{part}_{number}", **cells, "coprod_part": part})

    def settings(self, sheet: Worksheet, definition: SurveyDefinition) -> None:
        raw = definition.raw
        cells: dict[str, Any] = {
            "form_title": raw["title"],
            "form_id": raw["slug"],
            "version": definition.checksum[:12],
            "default_language": language_label(DEFAULT_LANGUAGE),
            **self.texts(raw, SETTINGS_TEXTS),
            **{column: raw.get(key) for key, column in SETTINGS_VALUES},
        }
        del cells[language_header("coprod_title", DEFAULT_LANGUAGE)]  # it is the form_title
        headers = [h for h, v in cells.items() if v is not None]
        sheet.append(headers)
        sheet.append([cells[h] for h in headers])
        for cell in sheet[2]:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def export_workbook(
    definition: SurveyDefinition, translations: Translations, fixed: FixedLists
) -> bytes:
    """The survey as an XLSForm .xlsx, with its text in every language coprod offers."""
    book = Workbook()
    book.remove(book.worksheets[0])
    survey = _Sheet(book.create_sheet("survey"), SURVEY_COLUMNS)
    choices = _Sheet(book.create_sheet("choices"), CHOICE_COLUMNS, choice_header)
    writer = _Writer(translations, fixed)
    raw = definition.raw
    writer.notes(survey, raw, NOTE_PARTS[0])
    for question in raw["questions"]:
        writer.question(survey, choices, question)
    writer.notes(survey, raw, NOTE_PARTS[1])
    for list_name in writer.lists_used:
        for value, labels in fixed.lists[list_name]:
            choices.add({"list_name": list_name, "name": value, **writer.labels(labels)})
    writer.settings(book.create_sheet("settings"), definition)
    for sheet in book.worksheets:
        sheet.freeze_panes = "A2"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
