"""A process killed while sending surveys leaves each response whole or not there at all: never a
response missing answers, statements, tags or alerts, and never a person told "sent" whose
response is not stored. A separate process sends drafts through submit_draft and is killed
with SIGKILL at random moments, many times; the database is then read afresh."""

from __future__ import annotations

import os
import random
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coprod.config import PROJECT_ROOT
from coprod.db import app_session
from coprod.models import Draft, DraftAnswer, Response, SafeguardingAlert
from coprod.services.drafts import answers_of, start_draft
from tests.scratch_database import migrated_scratch_database
from tests.survey_answers import SURVEY, young_person_answers

#: Kinds of person, each answering differently; the first draft of each is sent unharmed and
#: shows what a whole response to those answers holds.
VARIANTS = 12
KILLS = 24
DRAFTS = 160


@pytest.fixture
def kill_app(make_app: Callable[..., Flask], database_url: str, tmp_path: Path) -> Iterator[Flask]:
    with migrated_scratch_database(database_url, tmp_path, "kills") as url:
        app = make_app(DATABASE_URL=url)
        yield app
        app.extensions["coprod.engine"].dispose()


def make_drafts(app: Flask, session: Session, count: int) -> dict[int, int]:
    """``count`` drafts with every answer saved, not sent; their variant by draft id."""
    definition = app.extensions["coprod.catalogue"].surveys[SURVEY]
    variants = {}
    for n in range(count):
        draft = start_draft(session, definition, "en", "standard").draft
        answers = young_person_answers(n % VARIANTS)
        session.add_all(
            DraftAnswer(draft_id=draft.id, question_id=q, value=v) for q, v in answers.items()
        )
        variants[draft.id] = n % VARIANTS
    session.commit()
    return variants


def whole_response(session: Session, response: Response) -> dict[str, Any]:
    """Everything stored for a response that follows from its answers alone."""
    statements = sorted(
        (
            (s.question_id, s.kind, s.text, s.sentiment_label, s.safeguarding),
            sorted((t.framework, t.focus_area, t.origin) for t in s.tags),
        )
        for s in response.statements
    )
    alerts = session.scalar(
        select(func.count(SafeguardingAlert.id)).where(SafeguardingAlert.response_id == response.id)
    )
    return {
        "answers": {a.question_id: a.value for a in response.answers},
        "statements": statements,
        "alerts": alerts,
        "who": (response.role, response.age_band, response.language, response.format),
    }


@dataclass
class Round:
    """What one sender said before it ended."""

    sending: list[int] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)
    #: How long each submission it finished took.
    seconds: list[float] = field(default_factory=list)
    killed: bool = False
    failed: bool = False

    @property
    def interrupted(self) -> bool:
        """Killed after starting a submission and before finishing it."""
        return bool(self.sending) and self.sending[-1] not in self.sent


class Worker:
    """The separate process (tests/submission_worker.py) and the senders it forks."""

    def __init__(self, database_url: str, instance: Path) -> None:
        self.errors = (instance / "worker-errors.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.submission_worker", database_url, str(instance)],
            cwd=PROJECT_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
        )
        assert self._line() == "ready"

    def _line(self) -> str:
        out: IO[str] = self.process.stdout  # type: ignore[assignment]
        line = out.readline()
        assert line, f"the worker stopped: {Path(self.errors.name).read_text()}"
        return line.strip()

    def send(
        self, limit: int | None = None, kill_after: float | None = None, kill_in: int = 1
    ) -> Round:
        """Fork a sender; SIGKILL it ``kill_after`` seconds after it says it has begun its
        ``kill_in``th submission (a moment that does not depend on how long it took to start)."""
        stdin: IO[str] = self.process.stdin  # type: ignore[assignment]
        stdin.write("send\n" if limit is None else f"send {limit}\n")
        stdin.flush()
        word, pid = self._line().split()
        assert word == "sender"
        done = Round()
        while not (line := self._line()).startswith(f"ended {pid} "):
            word, draft_id, *took = line.split()
            (done.sending if word == "sending" else done.sent).append(int(draft_id))
            done.seconds += [float(t) for t in took]
            if kill_after is not None and len(done.sending) == kill_in and word == "sending":
                time.sleep(kill_after)
                with suppress(ProcessLookupError):  # it may have finished already
                    os.kill(int(pid), signal.SIGKILL)
                kill_after = None
        status = int(line.split()[2])
        done.killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        done.failed = os.WIFEXITED(status) and os.WEXITSTATUS(status) != 0
        return done

    def close(self) -> None:
        stdin: IO[str] = self.process.stdin  # type: ignore[assignment]
        stdin.write("quit\n")
        stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()  # type: ignore[union-attr]
        self.errors.close()


def check_every_response_is_whole(
    session: Session, variants: dict[int, int], told_sent: set[int]
) -> set[int]:
    """Compare each stored response with the unharmed one to the same answers; return the
    drafts that have a response."""
    drafts = session.scalars(select(Draft).order_by(Draft.id)).all()
    expected = {}
    for draft in drafts[:VARIANTS]:
        assert draft.response is not None
        expected[variants[draft.id]] = whole_response(session, draft.response)
    assert all(e["statements"] and e["answers"] for e in expected.values())
    assert any(e["alerts"] for e in expected.values())
    answered = set()
    for draft in drafts:
        if draft.response is None:
            assert draft.id not in told_sent, f"draft {draft.id} was sent but has no response"
            continue
        stored = whole_response(session, draft.response)
        assert stored == expected[variants[draft.id]], f"draft {draft.id}'s response is not whole"
        assert stored["answers"] == answers_of(draft)
        answered.add(draft.id)
    responses = session.scalar(select(func.count(Response.id)))
    assert responses == len(answered)  # none stray, none twice
    return answered


def test_a_sender_killed_at_any_moment_leaves_each_response_whole_or_absent(
    kill_app: Flask, tmp_path: Path
) -> None:
    with app_session(kill_app) as session:
        variants = make_drafts(kill_app, session, DRAFTS)
    worker = Worker(kill_app.config["DATABASE_URL"], tmp_path)
    rng = random.Random(7)
    try:
        unharmed = worker.send(limit=VARIANTS)
        assert not unharmed.killed and not unharmed.failed and len(unharmed.sent) == VARIANTS
        # Kill moments spread over a submission (the unharmed ones took about this long), from
        # when the sender says it has begun its first, second or third: the first is slower.
        typical = statistics.median(unharmed.seconds[1:])
        rounds = [
            worker.send(kill_after=rng.uniform(0, 1.2 * typical), kill_in=rng.choice((1, 2, 3)))
            for _kill in range(KILLS)
        ]
        assert not any(r.failed for r in rounds)
        assert sum(r.killed for r in rounds) >= KILLS - 2, "the senders finished before the kills"
        # The kills must land inside submissions for this test to show anything.
        assert sum(r.interrupted for r in rounds) >= KILLS // 3
        told_sent = {d for r in [unharmed, *rounds] for d in r.sent}
        with app_session(kill_app) as session:
            answered = check_every_response_is_whole(session, variants, told_sent)
        # A kill can land after a commit and before "sent"; never more than once a kill.
        assert len(answered - told_sent) <= KILLS
        assert len(answered) < DRAFTS, "every draft was sent before the last kill: make more"

        # Whatever the kills left behind, every draft can still be sent, and is sent once.
        finish = worker.send()
        assert not finish.killed and not finish.failed
    finally:
        worker.close()
    with app_session(kill_app) as session:
        assert check_every_response_is_whole(session, variants, set()) == set(variants)
