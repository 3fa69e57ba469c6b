"""How far a job has got: steps done of how many, and the current step in plain words.

A job reports as often as it likes; the writes that reach the database are throttled (at most
one every ``every`` seconds) and each goes through its own short transaction, never the job's
own, so a page served by any process sees it while the work goes on."""

from __future__ import annotations

import time
from collections.abc import Callable

#: Writes the counts: (done, total or None, message or None).
Write = Callable[[int, int | None, str | None], None]


class Progress:
    """Handed to every job function as its first argument."""

    def __init__(
        self, write: Write, *, every: float = 0.5, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._write = write
        self._every = every
        self._clock = clock
        self._written_at: float | None = None
        self.done = 0
        self.steps: int | None = None
        self.message: str | None = None

    def total(self, steps: int, message: str | None = None) -> None:
        """Say how many steps the work has."""
        self.update(self.done, steps, message)

    def advance(self, steps: int = 1, message: str | None = None) -> None:
        """Say that ``steps`` more are done, and optionally what is being done now."""
        self.update(self.done + steps, None, message)

    def update(self, done: int, total: int | None = None, message: str | None = None) -> None:
        """Say how many steps are done (of how many), and optionally what is being done now."""
        self.done = max(0, done)
        if total is not None:
            self.steps = max(0, total)
        if self.steps is not None and self.done > self.steps:
            self.steps = self.done
        if message is not None:
            self.message = str(message)[:200]
        now = self._clock()
        if self._written_at is None or now - self._written_at >= self._every:
            self.flush()

    def flush(self) -> None:
        """Write the counts now, throttle or not."""
        self._written_at = self._clock()
        self._write(self.done, self.steps, self.message)
