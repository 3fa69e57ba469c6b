"""Questions answered by choosing from a list: single and multiple choice."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovRadioInput
from wtforms import Field, RadioField, SelectMultipleField

from coprod.surveys.questions.base import (
    ANSWER,
    QuestionForm,
    QuestionSummary,
    QuestionType,
    StatementDraft,
    choices_for,
)
from coprod.surveys.questions.validators import AnswerRequired, OneOf
from coprod.vocabulary import PREFER_NOT_TO_SAY


class SingleChoice(QuestionType):
    """Choose one option; the option's score, if any, is the statement's sentiment."""

    name = "single_choice"
    template = "respond/questions/radios.html"

    def fields(self) -> dict[str, Field]:
        validators: list[Any] = []
        if self.question.required:
            validators.append(AnswerRequired(self._required_message()))
        validators.append(
            OneOf([o.value for o in self.options()], str(_l("Select one of the options shown")))
        )
        return {
            ANSWER: RadioField(
                self.question.text,
                choices=choices_for(self.options()),
                validators=validators,
                validate_choice=False,
                widget=GovRadioInput(),
            )
        }

    def stored_value(self, form: QuestionForm) -> Any:
        return form[ANSWER].data or None

    def allows(self, value: Any) -> bool:
        return isinstance(value, str) and value in self.option_values()

    def display(self, value: Any) -> list[str]:
        return [self.option_label(value)]

    def statements(self, value: Any) -> list[StatementDraft]:
        if self.question.representation or value == PREFER_NOT_TO_SAY:
            return []
        option = next(o for o in self.options() if o.value == value)
        return [self._closed_statement(option, option.score)]

    def summarise(self, values: Sequence[Any]) -> QuestionSummary:
        return self._count_options(values, len(values))


class MultipleChoice(QuestionType):
    """Choose any number of options; each chosen option is a statement."""

    name = "multiple_choice"
    template = "respond/questions/checkboxes.html"

    def fields(self) -> dict[str, Field]:
        validators: list[Any] = []
        if self.question.required:
            validators.append(AnswerRequired(str(_l("Select at least one option"))))
        validators.append(
            OneOf([o.value for o in self.options()], str(_l("Select only the options shown")))
        )
        validators.append(self._prefer_not_to_say_alone)
        return {
            ANSWER: SelectMultipleField(
                self.question.text,
                choices=choices_for(self.options()),
                validators=validators,
                validate_choice=False,
                widget=GovCheckboxesInput(),
            )
        }

    @staticmethod
    def _prefer_not_to_say_alone(_form: Any, field: Field) -> None:
        from wtforms import ValidationError

        if PREFER_NOT_TO_SAY in (field.data or []) and len(field.data) > 1:
            raise ValidationError(
                str(_l("Select ‘Prefer not to say’ or the options that apply, not both"))
            )

    def form_data(self, stored: Any) -> dict[str, Any]:
        return {ANSWER: list(stored)} if stored else {}

    def stored_value(self, form: QuestionForm) -> Any:
        chosen = set(form[ANSWER].data or [])
        ordered = [o.value for o in self.options() if o.value in chosen]
        return ordered or None

    def allows(self, value: Any) -> bool:
        values = self.option_values()
        return isinstance(value, list) and bool(value) and all(v in values for v in value)

    def display(self, value: Any) -> list[str]:
        return [self.option_label(v) for v in value]

    def statements(self, value: Any) -> list[StatementDraft]:
        if self.question.representation:
            return []
        return [
            self._closed_statement(option, option.score)
            for option in self.options()
            if option.value in value and option.value != PREFER_NOT_TO_SAY
        ]

    def summarise(self, values: Sequence[Any]) -> QuestionSummary:
        return self._count_options((v for answer in values for v in answer), len(values))
