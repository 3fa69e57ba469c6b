"""`coprod worker`: runs the background jobs queued in Redis (board packs, imports)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from redis.exceptions import RedisError


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the jobs waiting now, then stop.")
@with_appcontext
def worker_command(burst: bool) -> None:
    """Run background jobs from the Redis queue in COPROD_REDIS_URL until stopped. Run one or
    more on any host that reaches the database; without Redis, jobs run inside the app."""
    from coprod.jobs.queue import work

    url = current_app.config["REDIS_URL"]
    if not url:
        raise click.ClickException(
            "COPROD_REDIS_URL is not set, so jobs run inside the app itself and need no worker."
        )
    try:
        work(current_app._get_current_object(), burst=burst)  # type: ignore[attr-defined]
    except RedisError as error:
        raise click.ClickException(f"Redis (COPROD_REDIS_URL) cannot be reached: {error}") from None
