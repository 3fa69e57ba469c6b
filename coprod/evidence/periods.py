"""Monitoring periods: the stretches of time the board compares, six-monthly by default from the
date the Written Statement of Action started.

A period is named by the month it starts ("2025-07"), so a period can be asked for on the
command line and in a page's address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


class BadPeriods(ValueError):
    """Monitoring periods set up in a way that cannot work, in plain words."""


@dataclass(frozen=True)
class Period:
    """From ``start`` up to (not including) ``end``."""

    start: date
    end: date

    @property
    def key(self) -> str:
        """The period's name in addresses and commands: the year and month it starts."""
        return f"{self.start:%Y-%m}"


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def monitoring_periods(first: date | str, months: int, today: date) -> list[Period]:
    """Every period from the first (starting in ``first``'s month) to the one holding today,
    oldest first. Raises BadPeriods for a start that is not a date, is in the future, or a
    length that is not 1 to 24 months."""
    if isinstance(first, str):
        try:
            first = date.fromisoformat(first)
        except ValueError:
            raise BadPeriods(
                f"The monitoring start date {first!r} is not a date: write it as 2025-01-31."
            ) from None
    if not isinstance(months, int) or not 1 <= months <= 24:
        raise BadPeriods(f"A monitoring period must be 1 to 24 months long (it is {months!r}).")
    start = date(first.year, first.month, 1)
    if start > today:
        raise BadPeriods(f"The monitoring start date {first:%d %B %Y} is in the future.")
    periods = []
    while start <= today:
        end = _add_months(start, months)
        periods.append(Period(start, end))
        start = end
    return periods


def period_named(periods: list[Period], key: str | None) -> Period | None:
    """The period with this name, or None."""
    return next((p for p in periods if p.key == key), None)
