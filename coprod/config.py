"""Configuration: defaults here, then instance/config.py, then COPROD_* environment variables."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Defaults:
    """Settings every deployment starts from; override in instance/config.py or COPROD_*."""

    #: Shown in the header, page titles and documents.
    PARTNERSHIP_NAME = "Riverside SEND Partnership"
    #: The header and button colour, as a CSS colour (a dark shade keeps text readable).
    BRAND_COLOUR = "#1d4f91"
    #: A logo URL or path under /static; empty for text only.
    BRAND_LOGO = ""
    #: Where survey definitions (YAML) and frameworks/ live.
    SURVEYS_DIR = str(PROJECT_ROOT / "surveys")
    #: SQLAlchemy URL; empty means SQLite in the instance folder.
    DATABASE_URL = ""
    #: Seconds SQLite waits for a lock before giving up.
    SQLITE_BUSY_TIMEOUT_MS = 15000
    #: Largest request body accepted, in bytes.
    MAX_CONTENT_LENGTH = 256 * 1024
    #: A person who pauses never meets an expired form: CSRF tokens live as long as the session.
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    #: Set to False only for local development over plain HTTP.
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SECURE = True
    PERMANENT_SESSION_LIFETIME = timedelta(days=30)
    #: A staff session ends after this many minutes with nothing done, and after this many hours
    #: however busy; the person signs in again.
    STAFF_IDLE_MINUTES = 30
    STAFF_SESSION_HOURS = 12
    #: Failed sign-ins for one email address before it is locked for SIGN_IN_LOCK_MINUTES.
    SIGN_IN_MAX_FAILURES = 5
    SIGN_IN_LOCK_MINUTES = 15
    #: Rate limits per address (see coprod/web/rate_limits.py): staff sign-in attempts, looking
    #: answers up by a code or link, and answering surveys. A limit is "N per second|minute|hour",
    #: several separated by ";". Counts are kept in RATELIMIT_STORAGE_URI: "memory://" holds for
    #: one process; with several gunicorn workers or hosts use a shared store, e.g.
    #: "redis://localhost:6379". RATELIMIT_ENABLED = False turns the limits off.
    RATE_LIMIT_SIGN_IN = "10 per minute; 50 per hour"
    RATE_LIMIT_CODES = "10 per minute; 60 per hour"
    RATE_LIMIT_ANSWERS = "300 per minute"
    #: Calls to the JSON API per token (a Power BI refresh reads a few pages a minute).
    RATE_LIMIT_API = "120 per minute"
    #: Calls to the JSON API with a missing, unknown, revoked or expired token, per address.
    RATE_LIMIT_API_REFUSED = "20 per minute"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = True
    #: Where to get help now, shown after an answer that suggests a child may be at risk (beside
    #: Childline and 999): a list of {"name": ..., "phone": ...}, the partnership's own numbers.
    SAFEGUARDING_HELP = [
        {"name": "Riverside Children's Services front door (daytime)", "phone": "0300 555 0100"},
        {"name": "Riverside emergency duty team (evenings and weekends)", "phone": "0300 555 0199"},
    ]
    #: Who is emailed about each safeguarding alert (a list of addresses). Email needs these and
    #: SMTP_HOST; without them alerts wait in the app's safeguarding queue only.
    SAFEGUARDING_EMAILS: list[str] = []
    #: The mail server for alert emails; empty means no email is sent.
    SMTP_HOST = ""
    SMTP_PORT = 587
    SMTP_STARTTLS = True
    SMTP_USERNAME = ""
    SMTP_PASSWORD = ""  # nosec B105 # empty: set it in instance/config.py or the environment
    MAIL_FROM = "coprod@localhost"
    #: This service's address as people reach it, for links in emails, e.g. https://voice.example.org
    PUBLIC_URL = ""
    #: Where "Exit this page" on the young people's survey takes a child who must leave quickly:
    #: an ordinary site that gives nothing away.
    EXIT_PAGE_URL = "https://www.bbc.co.uk/weather"
    #: School names the redactor replaces with [school], beyond those it finds by their shape.
    SCHOOL_NAMES: list[str] = []
    #: How staff passwords are hashed (werkzeug's methods); the tests choose a quicker one.
    PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105  # nosec B105 # a method's name, not a password
    #: Largest file of answers from another tool that can be imported, in megabytes.
    IMPORT_MAX_MB = 50
    #: Worker processes that analyse a large import's statements while it stores them: one per
    #: core but the one the import itself uses; 0 analyses in the import's own process.
    IMPORT_PROCESSES = max(1, (os.cpu_count() or 1) - 1)
    #: Days a draft may be resumed after it was last touched; `coprod purge` deletes it after.
    DRAFT_DAYS = 90
    #: Months sent answers and session notes are kept before `coprod purge` deletes their words
    #: (the counts stay); a survey's own ``retention_months`` overrides it.
    RETENTION_MONTHS = 24
    #: When the Written Statement of Action's monitoring began (YYYY-MM-DD), and how many months
    #: each monitoring period lasts; the evidence compares period with period.
    MONITORING_START = "2025-01-01"
    MONITORING_MONTHS = 6
    #: Counts under this are shown as "fewer than 10" in every report (never below 5).
    DISCLOSURE_THRESHOLD = 10
    #: The framework whose focus areas the public "you said, we did" page is arranged by.
    PUBLIC_FRAMEWORK = "default"
    #: Who the partnership should be hearing: children with EHC plans by need, age and area
    #: (see surveys/population/example.yaml); a relative path is inside the instance folder.
    POPULATION_FILE = "population.yaml"
    #: Long work (board packs, imports) runs as a background job. With REDIS_URL empty it runs
    #: in JOB_THREADS threads inside the app's own processes; with a Redis URL (e.g.
    #: "redis://localhost:6379/0") it is queued there, on JOB_QUEUE, for `coprod worker` to run
    #: on any host, each job for at most JOB_TIMEOUT_SECONDS.
    REDIS_URL = ""
    JOB_QUEUE = "coprod"
    JOB_THREADS = 2
    JOB_TIMEOUT_SECONDS = 3600
    #: A running job writes a heartbeat every few seconds; one not heard from for this long is
    #: shown as stopped (its worker died), and one still waiting after JOB_WAIT_HOURS as never
    #: started. On SQLite a job should commit its work in batches: a heartbeat cannot be written
    #: while the job's own transaction holds the database.
    JOB_STALE_SECONDS = 120
    JOB_WAIT_HOURS = 6
    BABEL_DEFAULT_LOCALE = "en"


def instance_path(test_config: dict[str, Any] | None) -> str:
    """The instance folder: the repository's instance/, unless a test or COPROD_INSTANCE_PATH."""
    chosen = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("COPROD_INSTANCE_PATH")
    return str(Path(chosen).resolve()) if chosen else str(PROJECT_ROOT / "instance")


def load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Fill app.config from defaults, the instance file, the environment and test overrides."""
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env(prefix="COPROD")
    if test_config:
        app.config.update(test_config)
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(instance)
    if not app.config["DATABASE_URL"]:
        app.config["DATABASE_URL"] = f"sqlite:///{instance / 'coprod.sqlite'}"


def _instance_secret_key(instance: Path) -> str:
    """Read the deployment's secret key, creating it on first run (readable by the owner only)."""
    key_file = instance / "secret_key"
    if not key_file.exists():
        try:
            with key_file.open("x", encoding="ascii") as handle:
                key_file.chmod(0o600)
                handle.write(secrets.token_hex(32))
        except FileExistsError:
            pass  # another worker wrote it first; use theirs
    return key_file.read_text(encoding="ascii").strip()
