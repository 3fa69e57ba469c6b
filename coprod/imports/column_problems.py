"""Problems with what a file's columns were chosen to hold, found before any row is read: a
choice column without its focus area, two columns read as the same thing, a column read as a
question it cannot answer."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from coprod.imports import new_survey
from coprod.imports.answers import QUESTION
from coprod.imports.columns import ABOUT_THEM, CHOICE, CHOICES, ColumnChoice, describe
from coprod.imports.layouts import SourceFile
from coprod.imports.tables import ImportProblem
from coprod.surveys.definitions import SurveyDefinition


def column_problems(
    source: SourceFile, choices: list[ColumnChoice], definition: SurveyDefinition | None
) -> list[ImportProblem]:
    problems = []
    columns = {c.number: c for c in source.columns}
    if not any(c.holds not in ("ignore", "key", "submitted") for c in choices):
        problems.append(ImportProblem(_l("Choose at least one column of answers to import")))
    once = ("key", "submitted") if definition is not None else ("key", "submitted", *ABOUT_THEM)
    problems += _more_than_once(choices, columns, once, definition)
    if definition is not None:
        problems += _question_problems(choices, definition, columns)
    else:
        problems += _new_survey_problems(choices, columns)
        for number, many in new_survey.choice_problems(source, choices):
            problems.append(
                ImportProblem(
                    _l(
                        "'%(column)s' has %(many)s different answers, too many for a choice: "
                        "read it as free text",
                        column=columns[number].header,
                        many=many,
                    ),
                    column=columns[number].header,
                )
            )
    return problems


def _new_survey_problems(
    choices: list[ColumnChoice], columns: dict[int, Any]
) -> list[ImportProblem]:
    problems = []
    for choice in choices:
        header = columns[choice.column].header
        if choice.holds in (CHOICE, CHOICES) and not choice.focus_area:
            problems.append(
                ImportProblem(
                    _l(
                        "Choose the focus area the answers in '%(column)s' are about", column=header
                    ),
                    column=header,
                )
            )
    return problems


def _more_than_once(
    choices: list[ColumnChoice],
    columns: dict[int, Any],
    once: tuple[str, ...],
    definition: SurveyDefinition | None,
) -> list[ImportProblem]:
    """Two columns chosen to hold what a response has one of: its number, date, role, age…"""
    problems = []
    for holds in once:
        chosen = [columns[c.column].header for c in choices if c.holds == holds]
        if len(chosen) > 1:
            problems.append(
                ImportProblem(
                    _l(
                        "Only one column can be '%(what)s': %(columns)s are",
                        what=describe(ColumnChoice(0, holds), definition),
                        columns=", ".join(f"'{c}'" for c in chosen),
                    )
                )
            )
    return problems


def _question_problems(
    choices: list[ColumnChoice], definition: SurveyDefinition, columns: dict[int, Any]
) -> list[ImportProblem]:
    problems = []
    taken: dict[str, str] = {}
    for choice in choices:
        if not choice.holds.startswith(f"{QUESTION}:"):
            continue
        header = columns[choice.column].header
        question = definition.question(choice.holds.partition(":")[2])
        if question is None or question.type == "card_sort":
            problems.append(
                ImportProblem(
                    _l("'%(column)s' cannot be read as that question", column=header),
                    column=header,
                )
            )
        elif question.id in taken and question.type != "multiple_choice":
            problems.append(
                ImportProblem(
                    _l(
                        "'%(column)s' and '%(other)s' are both read as the same question",
                        column=header,
                        other=taken[question.id],
                    ),
                    column=header,
                )
            )
        else:
            taken[question.id] = header
    return problems
