"""An XLSForm workbook (from KoboToolbox, ODK or our own export) as a survey definition and its
translations, checked like a survey file; or every reason it cannot be, and nothing at all.

Questions come from the ``survey`` sheet, their answers from ``choices`` and the survey's own
wording from ``settings`` (see ``xlsform_layout`` for the columns). Text in English is the
definition; text in other languages becomes translations of it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from coprod.languages import DEFAULT_LANGUAGE
from coprod.surveys.catalogue import Framework, definition_problems
from coprod.surveys.survey_translations import Translations
from coprod.surveys.xlsform_layout import (
    NOTE_PARTS,
    SETTINGS_TEXTS,
    SETTINGS_VALUES,
    UnknownLanguage,
    language_code,
    offered_languages,
)
from coprod.surveys.xlsform_places import Places, TextCollector
from coprod.surveys.xlsform_questions import QuestionReader
from coprod.surveys.xlsform_sheets import (
    Row,
    XLSFormError,
    XLSFormProblem,
    read_sheets,
    sheet_rows,
)

SURVEY = "survey"
#: Which column holds what a definition key says, to name it in a message.
COLUMN_OF_KEY = {
    "id": "name",
    "type": "type",
    "text": "label",
    "focus_areas": "coprod_focus_areas",
    "representation": "coprod_representation",
    "value": "name",
    "label": "label",
    "slug": "form_id",
    "title": "form_title",
    "framework": "coprod_framework",
}


@dataclass(frozen=True)
class ImportedSurvey:
    """A definition that passed every check, its translations, and what was changed or left
    out on the way (a metadata column, a group flattened), each in words for the author."""

    definition: dict[str, Any]
    translations: Translations
    notices: tuple[str, ...]


def slug_from(text: str) -> str:
    """A survey slug from a form id or title: ``Family Survey 2025`` -> ``family-survey-2025``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


def import_workbook(
    data: bytes,
    frameworks: Mapping[str, Framework],
    taken_slugs: Collection[str] = (),
    slug: str | None = None,
) -> ImportedSurvey:
    """The survey an XLSForm holds; raises XLSFormError naming every problem found."""
    sheets = read_sheets(data)
    problems: list[XLSFormProblem] = []
    if SURVEY not in sheets:
        names = ", ".join(f'"{n}"' for n in sheets) or "none"
        raise XLSFormError(
            [XLSFormProblem(f'the workbook has no "survey" sheet (its sheets: {names})')]
        )
    settings_rows = sheet_rows("settings", sheets.get("settings", []), problems)
    settings = settings_rows[0] if settings_rows else Row("settings", 2, {})
    default = _default_language(settings, problems)
    survey_rows = sheet_rows(SURVEY, sheets[SURVEY], problems, default)
    choice_rows = sheet_rows("choices", sheets.get("choices", []), problems, default)
    if problems:
        raise XLSFormError(problems)
    if survey_rows and ("type", None) not in survey_rows[0].headings:
        raise XLSFormError([XLSFormProblem('there is no "type" column', SURVEY, 1)])
    texts = TextCollector(problems)
    places = Places()
    notices: list[str] = []
    reader = QuestionReader(choice_rows, texts, places, problems, notices)
    reader.read(survey_rows)
    raw = _survey(settings, texts, places, notices, reader, slug)
    if not problems:
        _check(raw, frameworks, taken_slugs, places, problems)
    if problems:
        raise XLSFormError(problems)
    return ImportedSurvey(raw, texts.translations(), tuple(notices))


def _default_language(settings: Row, problems: list[XLSFormProblem]) -> str:
    named = settings.get("default_language")
    if not named or named.lower() == "default":
        return DEFAULT_LANGUAGE
    try:
        return language_code(named)
    except UnknownLanguage:
        problems.append(
            XLSFormProblem(
                f'default_language "{named}" is not a language coprod offers '
                f"({offered_languages()})",
                "settings",
                settings.number,
                "default_language",
            )
        )
        return DEFAULT_LANGUAGE


def _survey(
    settings: Row,
    texts: TextCollector,
    places: Places,
    notices: list[str],
    reader: QuestionReader,
    slug: str | None,
) -> dict[str, Any]:
    """The survey's own keys from the settings sheet, then its paragraphs and questions."""
    at = ("settings", settings.number)
    form_title = settings.get("form_title") or settings.get("coprod_title", DEFAULT_LANGUAGE)
    form_id = settings.get("form_id")
    raw: dict[str, Any] = {"slug": slug or slug_from(form_id or form_title)}
    places.mark(("slug",), *at, "form_id")
    translated = {"title": {**settings.languages("coprod_title"), DEFAULT_LANGUAGE: form_title}}
    for key, column in SETTINGS_TEXTS:
        languages = translated.get(key) or settings.languages(column)
        english = languages.get(DEFAULT_LANGUAGE, "")
        if not english:
            if key == "title":
                texts.problems.append(XLSFormProblem("form_title is empty", *at, "form_title"))
                continue
            english = "Everyone" if key == "audience" else form_title
            notices.append(
                f"settings sheet: no {column}::English (en), so the survey's {key} is "
                f'"{english}": change it in the survey file'
            )
        raw[key] = english
        places.mark((key,), *at, column)
        texts.add(english, languages, settings, column)
    for key, column in SETTINGS_VALUES:
        value = settings.get(column)
        if value:
            raw[key] = int(value) if value.lstrip("-").isdigit() else value
            places.mark((key,), *at, column)
    for part in NOTE_PARTS:
        if reader.notes[part]:
            raw[part] = reader.notes[part]
    raw["questions"] = reader.questions
    return raw


def _check(
    raw: dict[str, Any],
    frameworks: Mapping[str, Framework],
    taken_slugs: Collection[str],
    places: Places,
    problems: list[XLSFormProblem],
) -> None:
    """The checks every survey file passes, each problem named by sheet, row and column."""
    if raw["slug"] in taken_slugs:
        sheet, row, column = places.place(("slug",))
        problems.append(
            XLSFormProblem(
                f'there is already a survey "{raw["slug"]}": give this form another form_id',
                sheet,
                row,
                column,
            )
        )
    for problem in definition_problems(raw, places.lines, dict(frameworks), "(xlsform)"):
        sheet, row, column = places.at_line(problem.line)
        last = problem.key.rsplit(".", 1)[-1].split("[")[0]
        column = column or COLUMN_OF_KEY.get(last)
        message = problem.message
        if message == "a closed question must name its focus_areas":
            column = "coprod_focus_areas"
            message += " (the slugs of its focus areas, separated by spaces)"
        problems.append(XLSFormProblem(message, sheet, row, column))
