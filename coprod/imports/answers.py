"""Turn one row of another tool's export into answers to a survey's questions, naming every
problem by row and column; the columns are matched to questions by a mapping.

A cell is read the way a person would read it: an option by its value or its wording in any case
("Strongly Agree", "strongly_agree"), several options from one cell however the tool joined them
("A;B;" in Microsoft Forms, "A, B" in Google Forms), an age as its band, a role by its usual words.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from coprod.forms import clean_text
from coprod.imports import layouts
from coprod.imports.dates import DateReader
from coprod.imports.layouts import Column, SourceFile
from coprod.imports.tables import ImportProblem
from coprod.languages import DEFAULT_LANGUAGE
from coprod.surveys.definitions import SurveyDefinition
from coprod.surveys.questions import QuestionType, question_type
from coprod.vocabulary import AGE_BANDS, PREFER_NOT_TO_SAY

IGNORE = "ignore"
KEY = "key"
SUBMITTED = "submitted"
QUESTION = "question"

#: Words that say who someone is, for a role question's answer in another tool's wording.
ROLE_WORDS = {
    "parent_carer": ("parent", "carer", "mum", "mother", "dad", "father", "guardian", "family"),
    "young_person": ("young person", "child", "pupil", "student", "learner", "teenager"),
    "professional": ("professional", "teacher", "senco", "worker", "practitioner", "staff"),
}
NOT_SAID = {"prefer not to say", "rather not say", "prefer_not_to_say", "n/a", "-"}


@dataclass(frozen=True)
class Target:
    """What a column is read as: left out, the tool's response id, the date sent, or a question."""

    kind: str
    question: str | None = None

    def __str__(self) -> str:
        return f"{QUESTION}:{self.question}" if self.kind == QUESTION else self.kind

    @classmethod
    def parse(cls, text: str) -> Target:
        kind, _, question = text.partition(":")
        return cls(kind, question or None)


@dataclass
class ReadRow:
    """One row's answers, ready to store, or the problems that keep it out."""

    row: int
    key: str
    submitted_at: datetime | None
    answers: dict[str, Any] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)
    #: Imported before, from this file or another with the same row.
    already: bool = False


class RowReader:
    """Reads every row of a file against a survey with a mapping of columns to targets."""

    def __init__(
        self,
        source: SourceFile,
        definition: SurveyDefinition,
        mapping: dict[int, Target],
    ) -> None:
        self.source = source
        self.definition = definition
        self.mapping = mapping
        self.columns = {c.number: c for c in source.columns}
        self.kinds = {q.id: question_type(q) for q in definition.questions}
        self.keys = [n for n, t in mapping.items() if t.kind == KEY]
        submitted = [n for n, t in mapping.items() if t.kind == SUBMITTED]
        self.submitted = submitted[0] if submitted else None
        self.dates = DateReader(
            row[self.submitted] for _, row in source.rows if self.submitted is not None
        )
        # A row's key never holds a personal detail, not even hashed.
        self.keyed = [c.number for c in source.columns if c.holds != layouts.PERSONAL]
        with force_locale(DEFAULT_LANGUAGE):
            self.options = {qid: _option_words(kind) for qid, kind in self.kinds.items()}
            self.labels = {
                qid: [str(o.label) for o in kind.options()] if self.options[qid] else []
                for qid, kind in self.kinds.items()
            }
        self._seen: dict[str, int] = {}

    def read(self, number: int, cells: list[str]) -> ReadRow:
        """The answers in one row; the key is the same however often the file is read."""
        read = ReadRow(number, self._key(cells), None)
        if self.submitted is not None:
            read.submitted_at = self._date(read, cells[self.submitted])
        for column_number, target in self.mapping.items():
            if target.kind != QUESTION or target.question not in self.kinds:
                continue
            value = clean_text(cells[column_number])
            if value:
                self._answer(read, self.columns[column_number], target.question, value)
        return read

    def _key(self, cells: list[str]) -> str:
        """The tool's own id for the response, or else the whole row (with how many times the
        same row came before, so identical answers from two people stay two)."""
        if self.keys:
            content = "\x1f".join(["id", *(cells[n].strip() for n in self.keys)])
        else:
            content = "\x1f".join(["row", *(cells[n].strip() for n in self.keyed)])
            seen = self._seen[content] = self._seen.get(content, 0) + 1
            content += f"\x1f{seen}"
        whole = f"{self.definition.slug}\x1f{self.source.tool}\x1f{content}"
        return hashlib.sha256(whole.encode("utf-8")).hexdigest()

    def _date(self, read: ReadRow, text: str) -> datetime | None:
        if not text.strip():
            return None
        when = self.dates.read(text)
        if when is None:
            column = self.columns[self.submitted or 0]
            read.problems.append(
                ImportProblem(
                    _l("'%(value)s' is not a date and time", value=text.strip()),
                    row=read.row,
                    column=column.header,
                )
            )
        return when

    def _answer(self, read: ReadRow, column: Column, qid: str, value: str) -> None:
        kind = self.kinds[qid]
        question = kind.question
        problem: Any = None
        if question.type not in ("multiple_choice", "number") and folded(value) in NOT_SAID:
            if question.prefer_not_to_say:
                read.answers[qid] = PREFER_NOT_TO_SAY
        elif question.type == "free_text":
            if len(value) > question.max_length:
                problem = _l(
                    "The answer is longer than %(most)s characters", most=question.max_length
                )
            else:
                read.answers[qid] = (
                    f"{read.answers[qid]}\n{value}" if qid in read.answers else value
                )
        elif question.type == "number":
            number = _whole_number(value)
            if number is None or not kind.allows(number):
                problem = _l("'%(value)s' is not a whole number this question allows", value=value)
            else:
                read.answers[qid] = number
        elif question.type == "multiple_choice":
            chosen, unknown = _several(value, self.options[qid])
            if unknown:
                problem = _unknown_option(unknown, self.labels[qid])
            else:
                earlier = read.answers.get(qid, [])
                read.answers[qid] = [*earlier, *(c for c in chosen if c not in earlier)]
        else:
            chosen_one = _one(value, self.options[qid], question.representation)
            if chosen_one is None:
                problem = _unknown_option(value, self.labels[qid])
            else:
                read.answers[qid] = chosen_one
        if problem is not None:
            read.problems.append(ImportProblem(problem, row=read.row, column=column.header))


def _option_words(kind: QuestionType) -> dict[str, str]:
    """Every way an option can be written (value, wording, easy-read wording) to its value."""
    if kind.question.type in ("free_text", "number", "card_sort"):
        return {}
    words: dict[str, str] = {}
    for option in kind.options():
        for said in (option.value, str(option.label), option.easy_read):
            if said:
                words.setdefault(folded(said), option.value)
    return words


def folded(text: str) -> str:
    """Text as compared: no case, no underscores, single spaces, no full stop at the end."""
    text = re.sub(r"[\s_]+", " ", text.casefold()).strip()
    return text.rstrip(".").strip()


def _one(value: str, words: dict[str, str], representation: str | None) -> str | None:
    found = words.get(folded(value))
    if found is not None or representation not in ("role", "age_band"):
        return found
    if representation == "age_band":
        band = age_band(value)
        return band if band in words.values() else None
    return next(
        (
            role
            for role, said in ROLE_WORDS.items()
            if role in words.values() and any(w in folded(value) for w in said)
        ),
        "other" if "other" in words.values() else None,
    )


def age_band(value: str) -> str | None:
    """The age band an age or range falls in ("14", "13 to 15", "13-15 years"), if only one."""
    numbers = [int(n) for n in re.findall(r"\d+", value)]
    if not numbers or len(numbers) > 2:
        return None
    bands = {band for n in numbers for band in AGE_BANDS if _in_band(n, band)}
    return bands.pop() if len(bands) == 1 else None


def _in_band(age: int, band: str) -> bool:
    low, high = (int(part) for part in band.split("-"))
    return low <= age <= high


def _several(value: str, words: dict[str, str]) -> tuple[list[str], str | None]:
    """The options in a cell that holds several, and the first part that is none of them."""
    whole = words.get(folded(value))
    if whole is not None:
        return [whole], None
    chosen: list[str] = []
    for part in (p for p in value.split(";") if p.strip()):
        found = words.get(folded(part))
        if found is None:
            found_many, unknown = _comma_separated(part, words)
            if unknown:
                return chosen, unknown
            chosen += [f for f in found_many if f not in chosen]
        elif found not in chosen:
            chosen.append(found)
    return chosen, None


def _comma_separated(part: str, words: dict[str, str]) -> tuple[list[str], str | None]:
    """Options joined by commas, where an option's own wording may hold a comma too."""
    rest = folded(part)
    chosen = []
    for said in sorted(words, key=len, reverse=True):
        pattern = rf"(?:^|,\s*){re.escape(said)}(?=\s*,|$)"
        if re.search(pattern, rest):
            chosen.append(words[said])
            rest = re.sub(pattern, "", rest, count=1)
    rest = rest.strip(" ,")
    return chosen, (rest or None)


def _unknown_option(value: str, labels: list[str]) -> Any:
    return _l(
        "'%(value)s' is not one of this question's answers: %(allowed)s",
        value=value,
        allowed=", ".join(labels[:12]) + (" …" if len(labels) > 12 else ""),
    )


def _whole_number(value: str) -> int | None:
    text = value.replace(",", "").strip()
    if re.fullmatch(r"[+-]?\d{1,9}(\.0+)?", text):
        return int(float(text))
    return None
