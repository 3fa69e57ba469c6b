"""An "imported" survey made from a file's columns: its questions are the columns the person chose
to keep, worded as the file's column names, with the answers the file holds as their options.

It is stored like any other survey (a closed one: nobody answers it in coprod), so its answers
count in the evidence exactly as answers given here do.
"""

from __future__ import annotations

import re
from typing import Any

from coprod.imports.answers import IGNORE, KEY, NOT_SAID, QUESTION, SUBMITTED, Target, folded
from coprod.imports.columns import (
    ABOUT_THEM,
    AGE_BAND,
    CHOICE,
    CHOICES,
    FREE_TEXT,
    MOST_OPTIONS,
    ROLE,
    ColumnChoice,
    distinct_values,
)
from coprod.imports.layouts import TOOLS, SourceFile
from coprod.vocabulary import AGE_BANDS, ROLES

#: Where a common answer sits from -1 (a bad experience) to 1 (a good one), so a scale from
#: another tool scores its statements as ours do. Answers with no such meaning have no score.
SCALE_SCORES = {
    "strongly agree": 1.0, "agree": 0.5, "neither agree nor disagree": 0.0, "neutral": 0.0,
    "disagree": -0.5, "strongly disagree": -1.0, "very satisfied": 1.0, "satisfied": 0.5,
    "neither satisfied nor dissatisfied": 0.0, "dissatisfied": -0.5, "very dissatisfied": -1.0,
    "excellent": 1.0, "very good": 1.0, "good": 0.5, "okay": 0.0, "ok": 0.0, "fair": 0.0,
    "average": 0.0, "poor": -0.5, "bad": -0.5, "very poor": -1.0, "very bad": -1.0,
    "very happy": 1.0, "happy": 0.5, "unhappy": -0.5, "sad": -0.5, "very unhappy": -1.0,
    "very sad": -1.0, "very helpful": 1.0, "helpful": 0.5, "unhelpful": -0.5,
    "not helpful": -0.5, "very unhelpful": -1.0, "not at all helpful": -1.0,
}  # fmt: skip
IMPORTED_PREFIX = "imported-"


def slug_for(title: str) -> str:
    """The survey slug for a new imported survey's title."""
    return IMPORTED_PREFIX + (_slug(title, 49) or "survey")


def _slug(text: str, most: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", folded(text).encode("ascii", "ignore").decode()).strip("-")
    return slug[:most].strip("-")


def build(
    source: SourceFile,
    choices: list[ColumnChoice],
    *,
    title: str,
    filename: str,
    framework: str,
) -> tuple[dict[str, Any], dict[int, Target]]:
    """The new survey's definition and what each column is read as, to store its answers."""
    columns = {c.number: c for c in source.columns}
    questions: list[dict[str, Any]] = []
    targets: dict[int, Target] = {}
    by_group: dict[str, str] = {}
    ids: set[str] = set()
    for choice in choices:
        if choice.holds in (IGNORE, KEY, SUBMITTED):
            targets[choice.column] = Target(choice.holds)
            continue
        column = columns[choice.column]
        if choice.holds == CHOICES and column.group and column.group in by_group:
            question = next(q for q in questions if q["id"] == by_group[column.group])
            _add_options(question, distinct_values(source, choice.column, split=True))
            targets[choice.column] = Target(QUESTION, question["id"])
            continue
        wording = column.group if choice.holds == CHOICES and column.group else column.header
        qid = _unique(_slug(wording, 60) or f"column-{column.letter.lower()}", ids)
        question = _question(source, choice, qid, wording)
        if choice.holds == CHOICES and column.group:
            by_group[column.group] = qid
        questions.append(question)
        targets[choice.column] = Target(QUESTION, qid)
    for question in questions:
        if (
            question["type"] in ("single_choice", "multiple_choice")
            and len(question["options"]) < 2
        ):
            question["type"] = "free_text"  # one answer in every row is no choice
            question.pop("options")
            question["max_length"] = 10000
    tool = str(TOOLS.get(source.tool, source.tool))
    definition = {
        "slug": slug_for(title),
        "title": title,
        "summary": f"Answers imported from {filename[:200]} ({tool}).",
        "audience": f"The people who answered it in {tool}.",
        "framework": framework,
        "status": "closed",
        "questions": questions,
    }
    return definition, targets


def _question(source: SourceFile, choice: ColumnChoice, qid: str, wording: str) -> dict[str, Any]:
    question: dict[str, Any] = {"id": qid, "text": wording[:1000] or qid}
    if choice.holds in ABOUT_THEM:
        question.update(type="single_choice", representation=choice.holds, prefer_not_to_say=True)
        fixed = {ROLE: ROLES, AGE_BAND: AGE_BANDS}.get(choice.holds)
        if fixed is not None:
            question["options"] = [{"value": v, "label": str(label)} for v, label in fixed.items()]
        else:
            question["options"] = []
            _add_options(question, distinct_values(source, choice.column)[:MOST_OPTIONS])
        return question
    if choice.focus_area:
        question["focus_areas"] = [choice.focus_area]
    if choice.holds == FREE_TEXT:
        question.update(type="free_text", max_length=10000)
        return question
    question["type"] = "single_choice" if choice.holds == CHOICE else "multiple_choice"
    question["options"] = []
    values = distinct_values(source, choice.column, split=choice.holds == CHOICES)
    _add_options(question, values[:MOST_OPTIONS])
    return question


def _add_options(question: dict[str, Any], labels: list[str]) -> None:
    taken = {o["value"] for o in question["options"]}
    known = {folded(o["label"]) for o in question["options"]}
    for label in labels:
        if folded(label) in known or not label or folded(label) in NOT_SAID:
            continue
        option: dict[str, Any] = {
            "value": _unique(_slug(label, 60) or "answer", taken),
            "label": label[:1000],
        }
        score = SCALE_SCORES.get(folded(label))
        if score is not None:
            option["score"] = score
        known.add(folded(label))
        question["options"].append(option)


def _unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug[:56]}-{n}"
    taken.add(candidate)
    return candidate


def choice_problems(source: SourceFile, choices: list[ColumnChoice]) -> list[tuple[int, int]]:
    """Columns read as a choice that hold more different answers than a choice can have:
    (column number, how many different answers)."""
    found = []
    for choice in choices:
        if choice.holds in (CHOICE, CHOICES):
            many = len(distinct_values(source, choice.column, split=choice.holds == CHOICES))
            if many > MOST_OPTIONS:
                found.append((choice.column, many))
    return found
