"""Small validators carrying the message a person reads."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from wtforms import Field, ValidationError
from wtforms.validators import StopValidation


class AnswerRequired:
    """Stops with a message when a required question is left empty."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __call__(self, _form: Any, field: Field) -> None:
        if field.data in (None, "", [], ()):
            field.errors[:] = []
            raise StopValidation(self.message)


class OneOf:
    """Every chosen value must be one of the values shown; a tampered value gets a plain message."""

    def __init__(self, values: Collection[str], message: str) -> None:
        self.values = set(values)
        self.message = message

    def __call__(self, _form: Any, field: Field) -> None:
        data = field.data
        chosen = data if isinstance(data, list) else ([] if data in (None, "") else [data])
        if any(value not in self.values for value in chosen):
            raise ValidationError(self.message)


class MaxLength:
    """Text no longer than a limit, saying how much to cut."""

    def __init__(self, limit: int, message: str) -> None:
        self.limit = limit
        self.message = message

    def __call__(self, _form: Any, field: Field) -> None:
        if field.data and len(field.data) > self.limit:
            raise ValidationError(self.message)
