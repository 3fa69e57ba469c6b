"""What each column of an imported file holds, as the person chose it on the mapping screen (or
on the command line), and the first guess offered before they choose.

Into an existing survey a column is one of its questions. Into a new "imported" survey a column
is free text (each sentence a statement), one choice or several choices (each a closed answer
with the column's focus area), or who answered (their role or age band).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from coprod.imports import layouts
from coprod.imports.answers import IGNORE, KEY, QUESTION, SUBMITTED, folded
from coprod.imports.layouts import Column, SourceFile
from coprod.surveys.definitions import SurveyDefinition

FREE_TEXT = "free_text"
CHOICE = "choice"
CHOICES = "choices"
ROLE = "role"
AGE_BAND = "age_band"
#: Facts about who answered that the representation reports count, read as the file has them.
AREA = "area"
SCHOOL_PHASE = "school_phase"
PRIMARY_NEED = "primary_need"
ABOUT_THEM = (ROLE, AGE_BAND, AREA, SCHOOL_PHASE, PRIMARY_NEED)

#: What a column can hold in a new survey, in the order the mapping screen offers them.
NEW_SURVEY_HOLDS: dict[str, LazyString] = {
    IGNORE: _l("Leave out"),
    FREE_TEXT: _l("Free text: each sentence is a statement"),
    CHOICE: _l("One choice: a closed answer"),
    CHOICES: _l("Several choices: each a closed answer"),
    ROLE: _l("Who answered: their role"),
    AGE_BAND: _l("The child's or young person's age"),
    AREA: _l("Which part of the area they live in"),
    SCHOOL_PHASE: _l("Where the child spends their day (school or setting)"),
    PRIMARY_NEED: _l("The child's main need"),
    SUBMITTED: _l("When the answers were sent"),
    KEY: _l("Response number, from the tool"),
}
#: A choice column with more different answers than this is written in people's own words.
MOST_OPTIONS = 40
#: How alike a column's name and a question's wording must be to be offered as a match.
ALIKE = 0.8


@dataclass(frozen=True)
class ColumnChoice:
    """What one column holds: ``ignore``, ``key``, ``submitted``, ``question:<id>`` for an
    existing survey, or one of NEW_SURVEY_HOLDS for a new one, with a focus area if it has one."""

    column: int
    holds: str
    focus_area: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"column": self.column, "holds": self.holds, "focus_area": self.focus_area}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ColumnChoice:
        return cls(int(raw["column"]), str(raw["holds"]), raw.get("focus_area") or None)


def suggested(source: SourceFile, definition: SurveyDefinition | None) -> list[ColumnChoice]:
    """A first guess for every column: the tool's own columns by name, personal details left
    out, and each answer column matched to the question it most resembles (or, for a new
    survey, read as free text or a choice from what is in it)."""
    return [_guess(source, column, definition) for column in source.columns]


def _guess(source: SourceFile, column: Column, definition: SurveyDefinition | None) -> ColumnChoice:
    if column.holds == layouts.KEY:
        return ColumnChoice(column.number, KEY)
    if column.holds == layouts.SUBMITTED:
        return ColumnChoice(column.number, SUBMITTED)
    if column.holds != layouts.ANSWER:
        return ColumnChoice(column.number, IGNORE)
    if definition is not None:
        question = _closest_question(column, definition)
        holds = f"{QUESTION}:{question}" if question else IGNORE
        return ColumnChoice(column.number, holds)
    return ColumnChoice(column.number, _kind_of_answers(source, column))


def _closest_question(column: Column, definition: SurveyDefinition) -> str | None:
    name = folded(column.header)
    best, score = None, ALIKE
    for question in definition.questions:
        for said in (question.id, question.text, question.easy_read):
            if not said:
                continue
            alike = SequenceMatcher(None, name, folded(said)).ratio()
            if alike >= score:
                best, score = question.id, alike
    return best


def _kind_of_answers(source: SourceFile, column: Column) -> str:
    name = folded(column.header)
    if re.search(r"\b(age|how old)\b", name):
        return AGE_BAND
    if re.search(r"\b(you are|describes you|your role|are you a|who are you)\b", name):
        return ROLE
    if re.search(r"\b(your area|where do you live|locality|district)\b", name):
        return AREA
    if column.group is not None:
        return CHOICES
    values = distinct_values(source, column.number)
    if not values:
        return IGNORE
    words = sum(len(v.split()) for v in values) / len(values)
    if len(values) > MOST_OPTIONS or max(len(v) for v in values) > 80 or words >= 5:
        return FREE_TEXT
    if any(";" in v for v in values):
        return CHOICES
    return CHOICE


def distinct_values(source: SourceFile, number: int, split: bool = False) -> list[str]:
    """The different answers in a column, most common first; split into single choices where
    the tool joined several in one cell."""
    counted: Counter[str] = Counter()
    joiner = _joiner(source, number) if split else None
    for _row, cells in source.rows:
        value = cells[number].strip()
        if not value:
            continue
        parts = [p.strip() for p in value.split(joiner)] if joiner else [value]
        counted.update(p for p in parts if p)
    return [value for value, _count in counted.most_common()]


def _joiner(source: SourceFile, number: int) -> str:
    """How the tool joined several choices: Microsoft Forms with ";", Google Forms with ", "."""
    if source.tool == layouts.GOOGLE_FORMS and not any(";" in c[number] for _, c in source.rows):
        return ", "
    return ";"


def describe(
    choice: ColumnChoice, definition: SurveyDefinition | None, column: Column | None = None
) -> str:
    """What a column holds, in words for the preview and the command line."""
    if column is not None and column.holds == layouts.PERSONAL:
        return str(_l("Never imported: personal details"))
    if choice.holds.startswith(f"{QUESTION}:") and definition is not None:
        question = definition.question(choice.holds.partition(":")[2])
        return str(question.text) if question else choice.holds
    return str(NEW_SURVEY_HOLDS.get(choice.holds, choice.holds))
