"""Questions answered in a person's own words or a number: free text and number."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median
from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import Field, StringField, TextAreaField, ValidationError

from coprod.analysis.sentences import split_sentences
from coprod.surveys.questions.base import (
    ANSWER,
    OptionCount,
    QuestionForm,
    QuestionSummary,
    QuestionType,
    StatementDraft,
)
from coprod.surveys.questions.validators import AnswerRequired, MaxLength


class FreeText(QuestionType):
    """A person's own words, up to a length limit; each sentence becomes a statement."""

    name = "free_text"
    template = "respond/questions/textarea.html"

    def fields(self) -> dict[str, Field]:
        limit = self.question.max_length
        validators: list[Any] = []
        if self.question.required:
            validators.append(AnswerRequired(str(_l("Enter your answer"))))
        validators.append(
            MaxLength(
                limit, str(_l("Your answer must be %(limit)s characters or fewer", limit=limit))
            )
        )
        return {ANSWER: TextAreaField(self.question.text, validators=validators)}

    def stored_value(self, form: QuestionForm) -> Any:
        return form[ANSWER].data or None

    def allows(self, value: Any) -> bool:
        return isinstance(value, str) and 0 < len(value) <= self.question.max_length

    def display(self, value: Any) -> list[str]:
        return [value]

    def statements(self, value: Any) -> list[StatementDraft]:
        return [
            StatementDraft(self.question.id, sentence, "free_text", self.question.focus_areas)
            for sentence in split_sentences(value)
        ]

    def summarise(self, values: Sequence[Any]) -> QuestionSummary:
        return QuestionSummary(self.question.id, len(values))


class Number(QuestionType):
    """A whole number within the question's range, such as weeks waited."""

    name = "number"
    template = "respond/questions/input.html"

    def fields(self) -> dict[str, Field]:
        validators: list[Any] = []
        if self.question.required:
            validators.append(AnswerRequired(str(_l("Enter a number"))))
        validators.append(self._whole_number_in_range)
        return {
            ANSWER: StringField(self.question.text, validators=validators, widget=GovTextInput())
        }

    def _whole_number_in_range(self, _form: Any, field: Field) -> None:
        if not field.data:
            return
        text = field.data.replace(",", "").strip()
        if not text.isascii() or not text.removeprefix("-").isdigit() or len(text) > 9:
            raise ValidationError(str(_l("Enter a whole number, like 12")))
        number = int(text)
        low, high = self.question.minimum, self.question.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValidationError(
                str(_l("Enter a number between %(low)s and %(high)s", low=low, high=high))
            )

    def form_data(self, stored: Any) -> dict[str, Any]:
        return {ANSWER: str(stored)} if stored is not None else {}

    def stored_value(self, form: QuestionForm) -> Any:
        data = form[ANSWER].data
        return int(data.replace(",", "")) if data else None

    def allows(self, value: Any) -> bool:
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        low, high = self.question.minimum, self.question.maximum
        return (low is None or value >= low) and (high is None or value <= high)

    def display(self, value: Any) -> list[str]:
        unit = f" {self.question.unit}" if self.question.unit else ""
        return [f"{value}{unit}"]

    def statements(self, value: Any) -> list[StatementDraft]:
        if not self.question.focus_areas:
            return []
        return [
            StatementDraft(
                self.question.id,
                f"{self.question.text} — {self.display(value)[0]}",
                "closed",
                self.question.focus_areas,
            )
        ]

    def summarise(self, values: Sequence[Any]) -> QuestionSummary:
        if not values:
            return QuestionSummary(self.question.id, 0)
        figures = (
            OptionCount("median", str(_l("Median")), round(median(values))),
            OptionCount("lowest", str(_l("Lowest")), min(values)),
            OptionCount("highest", str(_l("Highest")), max(values)),
        )
        return QuestionSummary(self.question.id, len(values), figures)
