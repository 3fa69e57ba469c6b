"""The question type interface: each type owns its fields, validation, statements and summary."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import Field, SelectChoice

from coprod.forms import StripWhitespaceForm
from coprod.surveys.definitions import Option, Question
from coprod.vocabulary import PREFER_NOT_TO_SAY

#: The name of the single field on a one-field question page.
ANSWER = "answer"


@dataclass(frozen=True)
class StatementDraft:
    """What one answer says, before it is stored with who said it and when."""

    question_id: str
    text: str
    #: ``free_text`` or ``closed``.
    kind: str
    focus_areas: tuple[str, ...] = ()
    #: -1 to 1 for closed answers with a meaning; None when the words must be analysed.
    sentiment_score: float | None = None
    weight: int = 1


@dataclass(frozen=True)
class OptionCount:
    """How many answers chose one option (or put a card in one pile)."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class QuestionSummary:
    """The results of one question over many responses."""

    question_id: str
    answered: int
    counts: tuple[OptionCount, ...] = ()
    #: For card sorts: counts per card, by pile.
    groups: tuple[tuple[str, tuple[OptionCount, ...]], ...] = ()


class QuestionForm(StripWhitespaceForm):
    """The form of one question page; fields are added per question type."""


def choices_for(options: Iterable[Option]) -> list[SelectChoice]:
    """WTForms choices from options."""
    return [SelectChoice(o.value, str(o.label)) for o in options]


def sentiment_label_for(score: float | None) -> str | None:
    """positive, negative or neutral for a closed answer's score."""
    if score is None:
        return None
    if score > 0.2:
        return "positive"
    if score < -0.2:
        return "negative"
    return "neutral"


class QuestionType(ABC):
    """Behaviour of one kind of question. Subclasses set ``name`` and ``template``."""

    name: ClassVar[str]
    #: The partial that renders this type's fields on the question page.
    template: ClassVar[str]

    def __init__(self, question: Question) -> None:
        self.question = question

    # Forms ---------------------------------------------------------------------------------

    @abstractmethod
    def fields(self) -> dict[str, Field]:
        """Unbound WTForms fields for the page, by name."""

    def build_form(self, formdata: MultiDict[str, Any] | None, stored: Any) -> QuestionForm:
        """A bound form: from what was posted, or filled in from the stored answer."""
        form_class = type(f"{self.name.title()}Form", (QuestionForm,), self.fields())
        if formdata is not None:
            return form_class(formdata=formdata)
        return form_class(formdata=None, data=self.form_data(stored))

    def form_data(self, stored: Any) -> dict[str, Any]:
        """The form's initial data from a stored answer."""
        return {ANSWER: stored} if stored is not None else {}

    def validate(self, form: QuestionForm) -> bool:
        """Validate a posted page; a type may add checks that span its fields."""
        return bool(form.validate())

    @abstractmethod
    def stored_value(self, form: QuestionForm) -> Any:
        """The answer to store from a validated form; None when the person skipped it."""

    @abstractmethod
    def allows(self, value: Any) -> bool:
        """Whether a stored value is one this question could have produced."""

    # Reading answers -----------------------------------------------------------------------

    def options(self) -> tuple[Option, ...]:
        """The options shown, with "Prefer not to say" (in the page's language) where offered."""
        return tuple(
            replace(o, label=gettext("Prefer not to say")) if o.value == PREFER_NOT_TO_SAY else o
            for o in self.question.all_options()
        )

    def option_values(self) -> frozenset[str]:
        """The values a person can choose (no labels needed, so no translation)."""
        return frozenset(o.value for o in self.question.all_options())

    def option_label(self, value: str) -> str:
        """The label of an option value, or the value itself if unknown."""
        return next((str(o.label) for o in self.options() if o.value == value), value)

    @abstractmethod
    def display(self, value: Any) -> list[str]:
        """The answer as lines a person reads on the check-your-answers page."""

    @abstractmethod
    def statements(self, value: Any) -> list[StatementDraft]:
        """The statements this answer yields."""

    @abstractmethod
    def summarise(self, values: Sequence[Any]) -> QuestionSummary:
        """Results over many stored answers."""

    # Helpers for subclasses ------------------------------------------------------------------

    def _count_options(self, chosen: Iterable[str], answered: int) -> QuestionSummary:
        tally = Counter(chosen)
        counts = tuple(OptionCount(o.value, str(o.label), tally[o.value]) for o in self.options())
        return QuestionSummary(self.question.id, answered, counts)

    def _closed_statement(self, option: Option, score: float | None) -> StatementDraft:
        return StatementDraft(
            question_id=self.question.id,
            text=f"{self.question.text} — {option.label}",
            kind="closed",
            focus_areas=self.question.focus_areas,
            sentiment_score=score,
        )

    def _required_message(self) -> str:
        return str(_l("Select an answer"))
