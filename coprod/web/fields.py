"""Form fields staff pages share: a whole-number count and a GOV.UK day-month-year date, each
with messages in plain words (WTForms' own say "Not a valid integer value")."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovTextInput
from wtforms import Field, SelectChoice
from wtforms.validators import ValidationError

DATE_PART_LABELS = {"Day": _l("Day"), "Month": _l("Month"), "Year": _l("Year")}
#: No group is bigger than this; a larger number is a typing slip.
MOST_PEOPLE = 1000


class CountInput(GovTextInput):
    """A short text box for a whole number, with the phone's number keypad."""

    def map_gov_params(self, field: Field, **kwargs: Any) -> dict[str, Any]:
        params: dict[str, Any] = super().map_gov_params(field, **kwargs)
        params.setdefault("inputmode", "numeric")
        params.setdefault("spellcheck", False)
        params["classes"] = (params.get("classes", "") + " govuk-input--width-3").strip()
        return params


class CountField(Field):
    """How many people: blank is 0; anything but a whole number from 0 to 1000 is refused."""

    widget = CountInput()

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "" if not self.data else str(self.data)

    def process_formdata(self, valuelist: list[Any]) -> None:
        raw = str(valuelist[0]).strip() if valuelist else ""
        self.data = 0
        if not raw:
            return
        digits = raw.removeprefix("-")
        if not raw.isascii() or not digits.isdigit():
            raise ValueError(_l("%(label)s must be a whole number, like 5", label=self.label.text))
        # Five significant digits tell whether it is in range; int() refuses thousands of them.
        number = int(digits.lstrip("0")[:5] or "0") * (-1 if raw.startswith("-") else 1)
        if number < 0:
            raise ValueError(_l("%(label)s cannot be less than 0", label=self.label.text))
        if number > MOST_PEOPLE:
            raise ValueError(
                _l("%(label)s must be %(most)s or fewer", label=self.label.text, most=MOST_PEOPLE)
            )
        self.data = number


class DateInput(GovDateInput):
    """GOV.UK's date input with its Day, Month and Year labels translated."""

    def map_gov_params(self, field: Field, **kwargs: Any) -> dict[str, Any]:
        params: dict[str, Any] = super().map_gov_params(field, **kwargs)
        for item in params["items"]:
            item["label"] = str(DATE_PART_LABELS.get(item["label"], item["label"]))
        return params


class DayMonthYearField(Field):
    """A date typed as day, month and year in three boxes."""

    widget = DateInput()

    def __init__(self, label: Any = None, validators: Any = None, **kwargs: Any) -> None:
        super().__init__(label, validators, **kwargs)
        self.raw_data: list[str] | None = None

    def _value(self) -> str:
        return ""

    def process_formdata(self, valuelist: list[Any]) -> None:
        parts = [str(v).strip() for v in valuelist[:3]] + [""] * (3 - len(valuelist[:3]))
        self.raw_data = parts
        self.data = None
        if not any(parts):
            return
        # No day, month or year has more than 4 digits; date() overflows on huge ones.
        if not all(p.isascii() and p.isdigit() and len(p) <= 4 for p in parts):
            raise ValueError(_l("The date must be a real date, like 27 3 2026"))
        day, month, year = (int(p) for p in parts)
        if year < 1000:
            raise ValueError(_l("The year must have 4 numbers, like 2026"))
        try:
            self.data = date(year, month, day)
        except ValueError as error:
            raise ValueError(_l("The date must be a real date, like 27 3 2026")) from error


def required_date(message: Any) -> Any:
    """A validator that asks for the date when none was typed."""

    def check(_form: Any, field: Field) -> None:
        if field.data is None and not field.errors:
            raise ValidationError(message)

    return check


def choices(labels: Mapping[str, Any]) -> list[SelectChoice]:
    """WTForms choices from a vocabulary of value to label."""
    return [SelectChoice(value, label) for value, label in labels.items()]
