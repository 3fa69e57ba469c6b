"""Dates and times as survey tools write them, in whichever order of day and month a file uses.

Microsoft Forms writes ``11/3/2025 14:05:10`` on an American account and ``03/11/2025 14:05``
on a British one; Google Forms ``2025/11/03 2:05:10 pm GMT``; SmartSurvey and KoboToolbox ISO
dates. A file uses one order throughout, so the order is settled once, from all its dates: a
first number over 12 means day first, a second number over 12 means month first, and with
nothing to tell, day first (the UK's order).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime

_ISO = re.compile(
    r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ t](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?"
    r"\s*(am|pm)?"
)
_NUMERIC = re.compile(
    r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
    r"\s*(am|pm)?"
)


class DateReader:
    """Reads the dates of one column, with the day-and-month order its values show."""

    def __init__(self, values: Iterable[str]) -> None:
        self.day_first = True
        for value in values:
            match = _NUMERIC.match(value.strip())
            if match is None:
                continue
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12:
                break
            if second > 12:
                self.day_first = False
                break

    def read(self, text: str) -> datetime | None:
        """The moment written, in UTC (a date alone is midday, so no time zone moves its day)."""
        value = text.strip().lower()
        iso = _ISO.match(value)
        if iso is not None:
            year, month, day = (int(iso.group(i)) for i in (1, 2, 3))
            return _moment(year, month, day, iso.group(4), iso.group(5), iso.group(6), iso.group(7))
        numeric = _NUMERIC.match(value)
        if numeric is None:
            return None
        first, second, year = (int(numeric.group(i)) for i in (1, 2, 3))
        day, month = (first, second) if self.day_first else (second, first)
        year += 2000 if year < 100 else 0
        return _moment(
            year, month, day, numeric.group(4), numeric.group(5), numeric.group(6), numeric.group(7)
        )


def _moment(
    year: int,
    month: int,
    day: int,
    hour: str | None,
    minute: str | None,
    second: str | None,
    half: str | None,
) -> datetime | None:
    hours = int(hour) if hour is not None else 12
    if half == "pm" and hours < 12:
        hours += 12
    elif half == "am" and hours == 12:
        hours = 0
    try:
        when = datetime(year, month, day, hours, int(minute or 0), int(second or 0), tzinfo=UTC)
    except ValueError:
        return None
    return when if 2000 <= year <= datetime.now(UTC).year else None
