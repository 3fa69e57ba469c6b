"""An import whose process is killed part-way is taken back: the batches it stored are deleted
once it has been silent long enough to be known dead, and importing the file again stores it
whole. A real `coprod import` is killed with SIGKILL after its first batches are committed."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from bench.import_speed import export_file
from coprod.config import PROJECT_ROOT
from coprod.db import app_session
from coprod.models import Import, Response, Statement
from tests.scratch_database import migrated_scratch_database

ROWS = 1000
#: Seconds without a stored batch after which an import counts as stopped, in this test.
SILENCE = 2


@pytest.fixture
def kill_app(make_app: Callable[..., Flask], database_url: str, tmp_path: Path) -> Iterator[Flask]:
    with migrated_scratch_database(database_url, tmp_path, "import-kill") as url:
        app = make_app(DATABASE_URL=url, JOB_STALE_SECONDS=SILENCE)
        yield app
        app.extensions["coprod.engine"].dispose()


def counts(app: Flask) -> tuple[int, int]:
    with app_session(app) as session:
        responses = session.scalar(select(func.count()).select_from(Response)) or 0
        statements = session.scalar(select(func.count()).select_from(Statement)) or 0
        return responses, statements


def test_an_import_killed_part_way_is_taken_back_and_the_next_stores_it_whole(
    kill_app: Flask, tmp_path: Path
) -> None:
    export = tmp_path / "parents.csv"
    export.write_bytes(export_file(ROWS, seed=3))
    env = {
        **os.environ,
        "COPROD_DATABASE_URL": kill_app.config["DATABASE_URL"],
        "COPROD_INSTANCE_PATH": kill_app.instance_path,
        "COPROD_IMPORT_PROCESSES": "0",
    }
    command = [
        str(PROJECT_ROOT / ".venv" / "bin" / "coprod"),
        "import",
        str(export),
        "--survey",
        "family-experience",
    ]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while counts(kill_app)[0] == 0:
            assert process.poll() is None, "the import finished before it could be killed"
            assert time.monotonic() < deadline, "the import never stored a batch"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    stored_part, _ = counts(kill_app)
    assert 0 < stored_part < ROWS, "the import was killed part-way"
    time.sleep(SILENCE + 0.5)
    result = kill_app.test_cli_runner().invoke(
        args=["import", str(export), "--survey", "family-experience"]
    )
    assert result.exit_code == 0, result.output
    assert "Took back 1 import(s) that stopped part-way." in result.output
    assert f"{ROWS} row(s) ready, 0 imported before" in result.output
    with app_session(kill_app) as session:
        statuses = sorted(session.scalars(select(Import.status)))
        imported = session.scalar(select(func.count()).select_from(Response)) or 0
    assert statuses == ["failed", "imported"]
    assert imported == ROWS
