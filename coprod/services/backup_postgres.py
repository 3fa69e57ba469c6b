"""PostgreSQL's own tools for backups: pg_dump in its custom format, and pg_restore."""

from __future__ import annotations

import os
import shutil
import subprocess  # nosec B404 # runs pg_dump and pg_restore with our own arguments
from pathlib import Path

from sqlalchemy.engine import URL

#: Debian's PostgreSQL 15 server package, used when the client programs are not on PATH.
DEBIAN_BIN = Path("/usr/lib/postgresql/15/bin")


class ToolError(Exception):
    """pg_dump or pg_restore is missing or failed; the message is plain, for the person."""


def tool(name: str) -> str:
    """The path of pg_dump or pg_restore, from PATH or Debian's PostgreSQL folder."""
    found = shutil.which(name)
    if found:
        return found
    if (DEBIAN_BIN / name).is_file():
        return str(DEBIAN_BIN / name)
    raise ToolError(
        f"{name} is not installed (looked on PATH and in {DEBIAN_BIN}); "
        "install PostgreSQL's client programs (apt-get install postgresql-client)"
    )


def dump(url: URL, snapshot: str, target: Path) -> None:
    """Write the database, as it was in the exported ``snapshot``, to ``target``."""
    _run(
        [
            tool("pg_dump"),
            "--format=custom",
            f"--snapshot={snapshot}",
            f"--file={target}",
            f"--dbname={conninfo(url)}",
        ],
        url,
    )


def restore(url: URL, source: Path) -> None:
    """Replace the database's tables with those in ``source``, all in one transaction, so a
    restore that fails part-way leaves the database as it was."""
    _run(
        [
            tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={conninfo(url)}",
            str(source),
        ],
        url,
    )


def conninfo(url: URL) -> str:
    """libpq's key=value form of a SQLAlchemy URL, without the password (see ``_environment``)."""
    fields: dict[str, str] = {}
    for key, value in url.query.items():
        fields[key] = ",".join(value) if isinstance(value, tuple) else value
    named = {"host": url.host, "port": url.port, "user": url.username, "dbname": url.database}
    fields.update({key: str(value) for key, value in named.items() if value is not None})
    return " ".join(f"{key}={_quoted(value)}" for key, value in fields.items())


def _quoted(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


def _environment(url: URL) -> dict[str, str]:
    """The password goes in the environment, where other users' `ps` cannot read it."""
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    return env


def _run(command: list[str], url: URL) -> None:
    done = subprocess.run(  # noqa: S603  # nosec B603 # our own arguments, no shell
        command, env=_environment(url), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        name = Path(command[0]).name
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        errors = [line.split("error:", 1)[1].strip() for line in lines if "error:" in line]
        reason = (errors or lines or [f"exit status {done.returncode}"])[0]
        raise ToolError(f"{name} failed: {reason}")
