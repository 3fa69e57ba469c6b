"""Disclosure control: no figure that leaves the review screens lets anyone pick out a family.

The rules, applied to every table of counts before it is shown or exported:

- A count from 1 to one less than the threshold (10 by default, never below 5) is hidden and
  shown as "fewer than 10". Zero is shown: it describes nobody.
- Hidden counts are protected from subtraction. A line of counts shown with its total hides
  either nothing or at least two counts that add up to the threshold or more; otherwise the next
  smallest counts are hidden too (complementary suppression). A line whose total is under the
  threshold hides its total as well.
- A percentage or a mean is given only on a base of the threshold or more, and never for a
  hidden count.

Lines are plain dictionaries of counts, so this works the same for the dashboard, the board
pack and the CSV, and the rules can be checked on their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_THRESHOLD = 10
#: The threshold may be raised by a partnership, never lowered below this.
LOWEST_THRESHOLD = 5


class ThresholdTooLow(ValueError):
    """A configured threshold that would let small groups be seen."""


def checked_threshold(value: int) -> int:
    """The threshold to use, refusing one that is too low to protect anyone."""
    if value < LOWEST_THRESHOLD:
        raise ThresholdTooLow(
            f"The disclosure threshold must be {LOWEST_THRESHOLD} or more (it is {value}): "
            "smaller counts could identify a family."
        )
    return value


@dataclass(frozen=True)
class Line:
    """One line of counts after disclosure control: hidden counts are None."""

    counts: dict[str, int | None]
    #: The line's total, or None if it must be hidden too.
    total: int | None

    @property
    def hidden(self) -> list[str]:
        """The keys whose counts are hidden."""
        return [k for k, v in self.counts.items() if v is None]


def _protect(counts: dict[str, int], hidden: set[str], threshold: int) -> bool:
    """Hide more counts in one line until what is hidden cannot be worked out from its total;
    return False if that cannot be done (then the total must be hidden)."""
    while hidden and (len(hidden) < 2 or sum(counts[k] for k in hidden) < threshold):
        shown = [k for k in counts if k not in hidden and counts[k] > 0]
        if not shown:
            return False
        hidden.add(min(shown, key=lambda k: (counts[k], k)))
    return True


def suppress_line(counts: Mapping[str, int], threshold: int = DEFAULT_THRESHOLD) -> Line:
    """A line of counts (such as voices by role) made safe to show with its total."""
    threshold = checked_threshold(threshold)
    values = dict(counts)
    total = sum(values.values())
    if total < threshold:
        return Line({k: (0 if v == 0 else None) for k, v in values.items()}, None)
    hidden = {k for k, v in values.items() if 0 < v < threshold}
    _protect(values, hidden, threshold)
    return Line({k: (None if k in hidden else v) for k, v in values.items()}, total)


def shown_count(n: int, threshold: int = DEFAULT_THRESHOLD) -> int | None:
    """One count standing alone (not part of a line with a total): none at all is 0, and a
    count under the threshold is hidden."""
    return n if n == 0 or n >= checked_threshold(threshold) else None


def share(part: int | None, base: int | None, threshold: int = DEFAULT_THRESHOLD) -> float | None:
    """``part`` as a fraction of ``base``, or None when either is hidden or the base is small."""
    if part is None or base is None or base < checked_threshold(threshold):
        return None
    return part / base


def mean(total: float, base: int, threshold: int = DEFAULT_THRESHOLD) -> float | None:
    """A mean over ``base`` people, or None when there are too few to show one."""
    if base < checked_threshold(threshold):
        return None
    return total / base
