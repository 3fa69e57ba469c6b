"""A separate process that sends drafts through the service the web form uses, for a test that
kills it part-way through.

    python -m tests.submission_worker DATABASE_URL INSTANCE_PATH

It starts the app and warms up the analyser once, then waits for commands on stdin. ``send`` (or
``send N``) forks a sender that sends every unsent draft (or the first N) in id order, printing
``sending ID`` before each and ``sent ID SECONDS`` after. The worker prints ``sender PID`` at
once, so the test can kill it, and ``ended PID STATUS`` once it is gone. Forking spares each
sender the seconds the app takes to start, so the test can kill many. ``quit`` ends the worker.
"""

from __future__ import annotations

import os
import sys
import time
import traceback

from flask import Flask
from sqlalchemy import select

from coprod import create_app
from coprod.db import app_session
from coprod.models import Draft
from coprod.services.drafts import draft_by_id
from coprod.services.statement_analysis import analyser_for
from coprod.services.submissions import submit_draft
from tests.survey_answers import HARD, SURVEY


def say(line: str) -> None:
    print(line, flush=True)


def send_unsent(app: Flask, limit: int | None) -> None:
    """What a sender does: each unsent draft, through submit_draft, as the web form sends it."""
    with app_session(app) as session:
        query = select(Draft.id).where(~Draft.response.has()).order_by(Draft.id)
        for draft_id in session.scalars(query.limit(limit)).all():
            draft = draft_by_id(session, draft_id)
            assert draft is not None
            say(f"sending {draft_id}")
            began = time.perf_counter()
            submit_draft(session, draft)
            say(f"sent {draft_id} {time.perf_counter() - began:.6f}")


def warm_up(app: Flask) -> None:
    """Train the analyser and run it once, writing nothing, so the senders inherit it warm and
    spend their short lives submitting rather than starting up."""
    definition = app.extensions["coprod.catalogue"].surveys[SURVEY]
    with app_session(app) as session:
        analyser = analyser_for(definition.framework, session.connection())
    analyser.analyse(HARD[0])


def main(database_url: str, instance_path: str) -> None:
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": instance_path,
            "SECRET_KEY": "a secret for tests only",
        }
    )
    engine = app.extensions["coprod.engine"]
    with app.app_context():
        warm_up(app)
        engine.dispose()  # a sender opens its own connections; none may be shared across fork
        say("ready")
        for command in sys.stdin:
            words = command.split()
            if words[:1] != ["send"]:
                break
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    send_unsent(app, int(words[1]) if len(words) > 1 else None)
                    code = 0
                except BaseException:
                    traceback.print_exc()
                finally:
                    sys.stdout.flush()
                    os._exit(code)  # never back into the worker's loop
            say(f"sender {pid}")
            _, status = os.waitpid(pid, 0)
            say(f"ended {pid} {status}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
