"""A throw-away PostgreSQL server from Debian's packages, started and stopped by the test run."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root, and CI runs as root: drop to the postgres user."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a cluster on a Unix socket in a temporary folder; yield a SQLAlchemy URL to it."""
    if not (PG_BIN / "initdb").exists():
        raise RuntimeError(
            f"PostgreSQL is not installed ({PG_BIN}/initdb is missing): "
            "apt-get install postgresql (.ci/run does this)"
        )
    base = Path(tempfile.mkdtemp(prefix="coprod-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    data = base / "data"
    run = lambda *cmd: subprocess.run(  # noqa: E731
        _as_postgres([str(c) for c in cmd]), check=True, capture_output=True, text=True
    )
    run(PG_BIN / "initdb", "-D", data, "-U", "coprod", "--auth=trust", "-E", "UTF8", "--locale=C")
    options = f"-k {base} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    run(PG_BIN / "pg_ctl", "-D", data, "-o", options, "-l", base / "server.log", "-w", "start")
    try:
        run(PG_BIN / "createdb", "-h", base, "-U", "coprod", "coprod_test")
        yield f"postgresql+psycopg://coprod@/coprod_test?host={base}"
    finally:
        run(PG_BIN / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)
