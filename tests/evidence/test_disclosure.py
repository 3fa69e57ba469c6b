"""Disclosure control: no count from 1 to 9 is shown, a hidden count cannot be worked back from
the line's total, and no share or mean is given on fewer than 10 people."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod.evidence.disclosure import (
    ThresholdTooLow,
    checked_threshold,
    mean,
    share,
    suppress_line,
)

ROLES = ["parent_carer", "young_person", "professional", "other"]


@pytest.mark.parametrize(
    ("counts", "shown", "total"),
    [
        # Nothing small: everything shown.
        ({"a": 40, "b": 12, "c": 0}, {"a": 40, "b": 12, "c": 0}, 52),
        # One small count: the next smallest is hidden too, or 40 - 37 would give it away.
        ({"a": 3, "b": 12, "c": 25}, {"a": None, "b": None, "c": 25}, 40),
        # Two small counts adding to under 10: a third is hidden.
        ({"a": 3, "b": 4, "c": 25, "d": 30}, {"a": None, "b": None, "c": None, "d": 30}, 62),
        # Two small counts adding to 10 or more protect each other.
        ({"a": 6, "b": 7, "c": 25}, {"a": None, "b": None, "c": 25}, 38),
        # Zero describes nobody and is never used to protect anything.
        ({"a": 3, "b": 0, "c": 20}, {"a": None, "b": 0, "c": None}, 23),
        # Fewer than 10 in all: the total is hidden as well.
        ({"a": 3, "b": 4}, {"a": None, "b": None}, None),
    ],
)
def test_small_counts_are_hidden_and_protected(
    counts: dict[str, int], shown: dict[str, int | None], total: int | None
) -> None:
    line = suppress_line(counts)
    assert line.counts == shown
    assert line.total == total


@given(
    st.dictionaries(st.sampled_from(ROLES), st.integers(0, 60), min_size=1),
    st.integers(5, 20),
)
def test_no_small_count_survives_and_no_hidden_count_can_be_worked_out(
    counts: dict[str, int], threshold: int
) -> None:
    line = suppress_line(counts, threshold)
    shown = [v for v in line.counts.values() if v is not None]
    assert all(v == 0 or v >= threshold for v in shown)
    assert set(line.counts) == set(counts)
    if line.total is None:
        assert sum(counts.values()) < threshold
        return
    hidden = line.hidden
    assert line.total == sum(counts.values())
    # Subtracting what is shown from the total gives only the sum of the hidden counts: that
    # sum must cover two or more counts and be no small group itself.
    assert not hidden or (len(hidden) >= 2 and sum(counts[k] for k in hidden) >= threshold)
    # And every hidden count was more than zero, so "hidden" never means "nobody".
    assert all(counts[k] > 0 for k in hidden)


@given(st.integers(0, 200), st.integers(0, 200))
def test_a_share_needs_a_base_of_ten(part: int, base: int) -> None:
    found = share(part, base)
    if base < 10:
        assert found is None
    else:
        assert found == part / base


def test_no_share_of_a_hidden_count_and_no_mean_of_a_few() -> None:
    assert share(None, 50) is None
    assert share(5, None) is None
    assert mean(12.5, 9) is None
    assert mean(12.5, 10) == 1.25


@pytest.mark.parametrize("threshold", [0, 1, 4])
def test_a_threshold_under_five_is_refused_in_plain_words(threshold: int) -> None:
    with pytest.raises(ThresholdTooLow, match="must be 5 or more"):
        checked_threshold(threshold)
    with pytest.raises(ThresholdTooLow):
        suppress_line({"a": 30}, threshold)
