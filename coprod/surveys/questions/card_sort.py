"""Card sort: each topic card placed in a pile, good / not sure / not good."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Field, RadioField

from coprod.surveys.definitions import Option
from coprod.surveys.questions.base import (
    OptionCount,
    QuestionForm,
    QuestionSummary,
    QuestionType,
    StatementDraft,
    choices_for,
)
from coprod.surveys.questions.validators import OneOf

CARD_PREFIX = "card-"


class CardSort(QuestionType):
    """Several cards, each sorted into a pile; every placed card is a statement about its area."""

    name = "card_sort"
    template = "respond/questions/card_sort.html"

    def piles(self) -> tuple[Option, ...]:
        """The three piles, with the score each gives a card."""
        return (
            Option("good", _("Good"), score=1.0, symbol="1F44D"),
            Option("not_sure", _("Not sure"), score=0.0, symbol="2753"),
            Option("not_good", _("Not good"), score=-1.0, symbol="1F44E"),
        )

    def options(self) -> tuple[Option, ...]:
        return self.piles()

    def fields(self) -> dict[str, Field]:
        piles = self.piles()
        message = str(_l("Choose good, not sure or not good for each card"))
        fields: dict[str, Field] = {
            f"{CARD_PREFIX}{card.value}": RadioField(
                card.label,
                choices=choices_for(piles),
                validators=[OneOf([p.value for p in piles], message)],
                validate_choice=False,
            )
            for card in self.question.cards
        }
        return fields

    def validate(self, form: QuestionForm) -> bool:
        valid = form.validate()
        if valid and self.question.required and self.stored_value(form) is None:
            first = form[f"{CARD_PREFIX}{self.question.cards[0].value}"]
            first.errors = [str(_l("Put at least one card in a pile"))]
            return False
        return valid

    def form_data(self, stored: Any) -> dict[str, Any]:
        return {f"{CARD_PREFIX}{card}": pile for card, pile in (stored or {}).items()}

    def stored_value(self, form: QuestionForm) -> Any:
        placed = {
            card.value: form[f"{CARD_PREFIX}{card.value}"].data
            for card in self.question.cards
            if form[f"{CARD_PREFIX}{card.value}"].data
        }
        return placed or None

    def allows(self, value: Any) -> bool:
        cards = {c.value for c in self.question.cards}
        piles = {p.value for p in self.piles()}
        return (
            isinstance(value, dict)
            and bool(value)
            and all(k in cards and v in piles for k, v in value.items())
        )

    def display(self, value: Any) -> list[str]:
        return [
            f"{card.label}: {self.option_label(value[card.value])}"
            for card in self.question.cards
            if card.value in value
        ]

    def statements(self, value: Any) -> list[StatementDraft]:
        piles = {p.value: p for p in self.piles()}
        return [
            StatementDraft(
                self.question.id,
                f"{card.label} — {piles[value[card.value]].label}",
                "closed",
                card.focus_areas or self.question.focus_areas,
                piles[value[card.value]].score,
            )
            for card in self.question.cards
            if card.value in value
        ]

    def summarise(self, values: Sequence[Any]) -> QuestionSummary:
        groups = []
        for card in self.question.cards:
            tally = Counter(answer[card.value] for answer in values if card.value in answer)
            counts = tuple(OptionCount(p.value, str(p.label), tally[p.value]) for p in self.piles())
            groups.append((card.label, counts))
        return QuestionSummary(self.question.id, len(values), groups=tuple(groups))
