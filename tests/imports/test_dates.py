"""Dates as survey tools write them, with the day-and-month order settled by the whole column."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coprod.imports.dates import DateReader


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        (["13/06/2025 21:40"], "12/06/2025 10:02", datetime(2025, 6, 12, 10, 2, tzinfo=UTC)),
        (["3/13/2025 19:15:09"], "3/4/2025 9:20:41", datetime(2025, 3, 4, 9, 20, 41, tzinfo=UTC)),
        (["04/05/2025"], "04/05/2025", datetime(2025, 5, 4, 12, 0, tzinfo=UTC)),
        ([], "3/4/25 9:20", datetime(2025, 4, 3, 9, 20, tzinfo=UTC)),
        ([], "2025/05/02 8:14:03 pm GMT+1", datetime(2025, 5, 2, 20, 14, 3, tzinfo=UTC)),
        ([], "2025/05/02 12:05:00 am", datetime(2025, 5, 2, 0, 5, tzinfo=UTC)),
        ([], "2025-07-01T10:00:00.000+01:00", datetime(2025, 7, 1, 10, 0, tzinfo=UTC)),
        ([], "2025-03-04", datetime(2025, 3, 4, 12, 0, tzinfo=UTC)),
        ([], "14.02.2025", datetime(2025, 2, 14, 12, 0, tzinfo=UTC)),
    ],
)
def test_a_date_is_read_in_the_order_its_column_uses(
    column: list[str], value: str, expected: datetime
) -> None:
    assert DateReader([*column, value]).read(value) == expected


@pytest.mark.parametrize(
    "value", ["not a date", "31/02/2024", "2025-13-01", "00/00/0000", "1/1/1899", "1/1/2999", ""]
)
def test_what_is_not_a_real_date_is_not_read_as_one(value: str) -> None:
    assert DateReader([value]).read(value) is None
