"""The app served by gunicorn on a loopback port, for tests and benchmarks that need real workers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import requests

from coprod.config import PROJECT_ROOT

BIN = PROJECT_ROOT / ".venv" / "bin"
COPROD_APP = "coprod:create_app()"
#: Seconds to wait for the workers to answer /healthz, and for them to stop.
START_TIMEOUT = 90.0
STOP_TIMEOUT = 10.0
#: For load from one loopback address, which the rate limits would rightly stop.
UNLIMITED = {"COPROD_RATELIMIT_ENABLED": "false"}


def server_env(instance_path: Path, database_url: str | None = None) -> dict[str, str]:
    """The environment the server and `coprod` commands share: instance, database, plain HTTP."""
    env = dict(os.environ)
    env["COPROD_INSTANCE_PATH"] = str(instance_path)
    # Served over plain http, a secure-only session cookie would never come back.
    env["COPROD_SESSION_COOKIE_SECURE"] = "false"
    env["COPROD_REMEMBER_COOKIE_SECURE"] = "false"
    if database_url:
        env["COPROD_DATABASE_URL"] = database_url
    return env


def coprod_command(args: list[str], env: dict[str, str]) -> str:
    """Run `coprod ARGS` in ``env`` and return its output; fail with its error output."""
    done = subprocess.run(
        [str(BIN / "coprod"), *args], env=env, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        raise RuntimeError(f"coprod {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def gunicorn_log(instance_path: Path) -> Path:
    """Where the server started for this instance folder writes its error log."""
    return instance_path / "gunicorn.log"


@contextmanager
def live_server(
    instance_path: Path,
    workers: int = 4,
    database_url: str | None = None,
    app: str = COPROD_APP,
    migrate: bool = True,
    settings: dict[str, str] | None = None,
) -> Iterator[str]:
    """Migrate (unless told not to), serve ``app`` with gunicorn and yield its base URL;
    ``settings`` are extra COPROD_* environment variables for the server."""
    instance_path.mkdir(parents=True, exist_ok=True)
    env = {**server_env(instance_path, database_url), **(settings or {})}
    if migrate:
        coprod_command(["db", "upgrade"], env)
    # The parent binds the port and hands the socket over, so no other process can take it.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    log_path = gunicorn_log(instance_path)
    with log_path.open("ab") as log, listener:
        process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                f"--bind=fd://{listener.fileno()}",
                f"--workers={workers}",
                "--worker-class=sync",
                "--timeout=60",
                "--graceful-timeout=5",
                # No control socket in the home folder, shared by every server on the machine.
                "--no-control-socket",
                app,
            ],
            env=env,
            cwd=PROJECT_ROOT,
            stdout=log,
            stderr=log,
            pass_fds=(listener.fileno(),),
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base_url, process, log_path)
        yield base_url
    finally:
        _stop(process)


def _wait_until_healthy(base_url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    """Poll /healthz until it answers 200; fail with gunicorn's log if it never does."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with requests.get(f"{base_url}/healthz", timeout=2) as response:
                if response.status_code == 200:
                    return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    log = log_path.read_text(encoding="utf-8", errors="replace")[-5000:]
    state = f"exited with {process.returncode}" if process.poll() is not None else "is not ready"
    raise RuntimeError(f"gunicorn {state} after {START_TIMEOUT:.0f} s; its log:\n{log}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the arbiter and its workers: TERM to the group, then KILL whatever lingers."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=STOP_TIMEOUT)
    # A stuck arbiter, or a worker that outlived it, is still in the group.
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=STOP_TIMEOUT)
