"""With COPROD_REDIS_URL set, a job waits in a real Redis server until `coprod worker`, a
process of its own, runs it; its progress rises to completion where every process sees it."""

from __future__ import annotations

import io
import subprocess
import time
from pathlib import Path

import docx
from flask import Flask
from sqlalchemy import select
from sqlalchemy.engine import Engine

from coprod.db import app_session
from coprod.models import Job
from tests.evidence.dataset import known, store
from tests.job_pages import follow_job, refreshes, start_board_pack
from tests.jobs.test_progress import watch
from tests.live_server import BIN, server_env
from tests.redis_server import redis_server
from tests.staff import signed_in


def test_a_board_pack_queued_in_redis_is_run_by_coprod_worker(
    make_app, database_url: str, instance_path: Path, engine: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with redis_server(tmp_path / "redis") as redis_url:
        app: Flask = make_app(REDIS_URL=redis_url)
        store(app, known())
        lead = signed_in(app, "analyst")
        waiting = start_board_pack(lead, lead.get("/staff/evidence/?period=2026-07"))
        assert refreshes(waiting)
        assert "Waiting to start" in waiting.text()
        time.sleep(1)
        with app_session(app) as session:
            job = session.scalars(select(Job)).one()
        assert job.status == "queued", "nothing but a worker should run a queued job"
        env = {**server_env(instance_path, database_url), "COPROD_REDIS_URL": redis_url}
        worker = subprocess.Popen(
            [str(BIN / "coprod"), "worker", "--burst"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            seen = watch(engine, job.id, timeout=180)
            output, _unused = worker.communicate(timeout=60)
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
        assert worker.returncode == 0, output
    assert seen[-1][0] == "done", (seen, output)
    done, total = seen[-1][1], seen[-1][2]
    assert total is not None and done == total > 2
    running = [(done, total) for status, done, total, _message in seen if status == "running"]
    assert running, f"the job was never seen running: {seen}"
    assert [done for done, _total in running] == sorted(done for done, _total in running)
    finished, _pages = follow_job(lead, waiting)
    assert not refreshes(finished)
    link = finished.soup.select_one("a[data-job-download]")
    assert link is not None, finished.text()
    pack = docx.Document(io.BytesIO(lead.client.get(str(link["href"])).data))
    assert "15 people were heard" in "\n".join(p.text for p in pack.paragraphs)


def test_without_redis_the_worker_says_it_is_not_needed(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["worker", "--burst"])
    assert result.exit_code == 1
    assert "COPROD_REDIS_URL is not set" in result.output
    assert "Traceback" not in result.output


def test_a_queue_that_cannot_be_reached_shows_a_plain_message(make_app) -> None:  # type: ignore[no-untyped-def]
    app: Flask = make_app(REDIS_URL="redis://127.0.0.1:1/0")
    store(app, known())
    lead = signed_in(app, "analyst")
    page = start_board_pack(lead, lead.get("/staff/evidence/?period=2026-07"))
    assert page.status == 200
    assert not refreshes(page)
    error = page.soup.select_one("[data-job-error]")
    assert error is not None
    assert "the queue for long work is not answering" in error.get_text()
