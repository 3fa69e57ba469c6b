"""How fast the evidence dashboard and the board pack are over 100,000 statements, on SQLite and
on PostgreSQL, beside the time to simply count the statements (and their tags by focus area) on
the same database in the same run. The goals (issue 6): the dashboard for one period in under a
second and the board pack in under 15 seconds, on both databases. The dashboard is judged warm,
when the counts of the periods that have ended are kept; beside it are its first request after
start-up (templates compiled, every period counted and kept) and a request with every period to
count again, as after a correction in each.

The statements are bulk-inserted as the app would have stored them: about three to a survey
response, a few from group sessions with their attendance, spread over four six-month monitoring
periods (most in the current one), tagged with one or two focus areas, scored, a few flagged for
safeguarding or waiting for translation. Their words are the analysis development set with a
number appended, so no two are the same. PostgreSQL's tables are analysed after loading, as its
autovacuum would do; SQLite's are not, as a deployment's never are.
"""

from __future__ import annotations

import html
import io
import json
import random
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import docx
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from coprod import create_app
from coprod.db import Base, app_session, make_engine
from coprod.evidence.periods import Period, monitoring_periods
from coprod.jobs.inprocess import stop_workers
from coprod.migrate import upgrade
from coprod.models import (
    Attendance,
    GroupSession,
    PeriodCounts,
    Response,
    Statement,
    StatementTag,
    Survey,
    SurveyVersion,
)
from coprod.services.survey_versions import store_catalogue
from coprod.services.users import create_user
from coprod.surveys.catalogue import Catalogue
from coprod.surveys.questions.base import sentiment_label_for
from tests.postgres import postgres_server

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "analysis"
POPULATION = ROOT / "surveys" / "population" / "example.yaml"
COUNT = 100_000
SEED = 6
BATCH = 5_000
#: Six-month monitoring periods, oldest first, and each one's share of the statements.
PERIOD_SHARES = (0.05, 0.10, 0.25, 0.60)
MONTHS = 6
#: Statements from group sessions; the rest come from survey responses, about three each.
SESSION_SHARE = 0.04
SESSIONS = 300
WARM_ROUNDS = 3
PACK_ROUNDS = 2
GOAL_DASHBOARD_SECONDS = 1.0
GOAL_BOARD_PACK_SECONDS = 15.0
EMAIL = "analyst@example.org"
PASSWORD = "a long enough password for the benchmark"  # noqa: S105
#: A closed answer's score and the words of the answer chosen.
ANSWERS = {1.0: "Strongly agree", 0.5: "Agree", 0.0: "Not sure", -0.5: "Disagree"}
ANSWERS[-1.0] = "Strongly disagree"
#: The range of scores the analyser gives each feeling.
SCORES = {"positive": (0.2, 0.9), "negative": (-0.9, -0.2), "neutral": (-0.1, 0.1)}
SCORES["mixed"] = (-0.2, 0.2)
AGE_BANDS = ("0-4", "5-10", "11-12", "13-15", "16-17", "18-25", None)
OTHER_LANGUAGES = ("pl", "pa", "ur", "ro", "ar")
#: The tables filled, parents first.
INSERT_ORDER: tuple[type[Base], ...] = (GroupSession, Attendance, Response, Statement, StatementTag)

Voice = tuple[str, tuple[str, ...], str]


def monitoring_start(today: date) -> date:
    """A start date giving len(PERIOD_SHARES) periods, the current one begun three months ago."""
    months = today.year * 12 + today.month - 1 - 3 - MONTHS * (len(PERIOD_SHARES) - 1)
    return date(months // 12, months % 12 + 1, 1)


def _voices() -> list[Voice]:
    """(text, focus areas, feeling) for each sentence of the development set."""
    lines = [
        json.loads(line)
        for name in ("dev_parents.jsonl", "dev_others.jsonl")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [(v["text"], tuple(v["focus_areas"]), v["sentiment"]) for v in lines]


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


class _Maker:
    """The rows of one database, made from a fixed seed, with ids given so they can be linked."""

    def __init__(
        self, catalogue: Catalogue, periods: list[Period], versions: dict[str, int]
    ) -> None:
        self.rng = random.Random(SEED)
        self.periods = periods
        self.versions = versions
        self.areas = [a.slug for a in catalogue.frameworks["default"].focus_areas]
        self.closed = {
            slug: [(q.id, q.text, q.focus_areas) for q in survey.questions if q.focus_areas]
            for slug, survey in catalogue.surveys.items()
        }
        self.free = {
            slug: [q.id for q in survey.questions if q.type == "free_text"]
            for slug, survey in catalogue.surveys.items()
        }
        self.voices = _voices()
        self.now = datetime.now(UTC)
        self.rows: dict[type[Base], list[dict[str, Any]]] = {model: [] for model in INSERT_ORDER}

    @property
    def statements(self) -> int:
        return len(self.rows[Statement])

    def _add(self, model: type[Base], **row: Any) -> int:
        row["id"] = len(self.rows[model]) + 1
        self.rows[model].append(row)
        return int(row["id"])

    def _when(self) -> datetime:
        """A moment in a period chosen by PERIOD_SHARES, never in the future."""
        period = self.rng.choices(self.periods, weights=PERIOD_SHARES)[0]
        start, end = _moment(period.start), min(_moment(period.end), self.now)
        return start + (end - start) * self.rng.random()

    def _statement(self, areas: tuple[str, ...], origin: str, **row: Any) -> None:
        """A statement, analysed when it was said, and its focus-area tags."""
        statement_id = self._add(
            Statement, redacted_text=row["text"], analysed_at=row["said_at"], **row
        )
        for area in areas:
            auto = origin == "auto"
            self._add(
                StatementTag,
                statement_id=statement_id,
                framework="default",
                focus_area=area,
                origin=origin,
                confidence=round(self.rng.uniform(0.35, 0.95), 2) if auto else None,
                terms=row["text"].split()[:2] if auto else None,
            )

    def _free_text(self, **said: Any) -> None:
        """A sentence from the development set, tagged by the tagger, flagged now and then."""
        words, areas, feeling = self.rng.choice(self.voices)
        areas = areas[:2] or (self.rng.choice(self.areas),)
        if len(areas) == 1 and self.rng.random() < 0.25:
            areas += (self.rng.choice([a for a in self.areas if a != areas[0]]),)
        untranslated = said["language"] != "en"
        flagged = self.rng.random() < 0.01
        self._statement(
            areas,
            "auto",
            kind="free_text",
            text=f"{words} ({self.statements})",
            sentiment_score=None if untranslated else round(self.rng.uniform(*SCORES[feeling]), 3),
            sentiment_label=None if untranslated else feeling,
            needs_translation=untranslated,
            safeguarding=flagged,
            safeguarding_reasons=[{"reason": "self_harm", "words": "hurt"}] if flagged else None,
            **said,
        )

    def response(self, slug: str) -> None:
        """A survey response and one to five statements from it, closed answers among them."""
        young = slug == "young-people"
        profile: dict[str, Any] = {
            "role": "young_person" if young else self.rng.choice(["parent_carer"] * 8 + ["other"]),
            "age_band": self.rng.choice(AGE_BANDS[1:] if young else AGE_BANDS),
            "language": "en" if self.rng.random() < 0.94 else self.rng.choice(OTHER_LANGUAGES),
        }
        when = self._when()
        response_id = self._add(
            Response,
            survey_version_id=self.versions[slug],
            reference=f"BENCH-{len(self.rows[Response]) + 1:07d}",
            channel="demo",
            school_phase=self.rng.choice(["primary", "secondary", "special_school", None]),
            primary_need=self.rng.choice(["autism", "learning", "speech_language", None]),
            area=self.rng.choice(["north", "east", "south", "west", None]),
            submitted_at=when,
            **profile,
        )
        said = {"response_id": response_id, "session_id": None, "source": "survey", **profile}
        said["said_at"] = when
        closed = self.rng.sample(self.closed[slug], len(self.closed[slug]))
        for _number in range(self.rng.randint(1, 5)):
            if self.rng.random() < 0.45 and closed:
                question, wording, areas = closed.pop()
                score = self.rng.choice(list(ANSWERS))
                self._statement(
                    areas,
                    "survey",
                    kind="closed",
                    question_id=question,
                    text=f"{wording} — {ANSWERS[score]}",
                    sentiment_score=score,
                    sentiment_label=sentiment_label_for(score),
                    needs_translation=False,
                    safeguarding=False,
                    safeguarding_reasons=None,
                    **said,
                )
            else:
                self._free_text(question_id=self.rng.choice(self.free[slug]), **said)

    def group_session(self, facilitator_id: int, statements: int) -> None:
        """A finalised group session, how many came (counts, no names) and what they said."""
        when = self._when().replace(hour=12, minute=0, second=0, microsecond=0)
        young = self.rng.random() < 0.6
        role = "young_person" if young else "parent_carer"
        session_id = self._add(
            GroupSession,
            group_name="Youth voice group" if young else "Parent carer forum",
            group_type="youth_forum" if young else "parent_carer_forum",
            held_on=when.date(),
            mode="in_person",
            facilitator_id=facilitator_id,
            status="final",
            consent_recorded=True,
            parental_consent_recorded=True,
            finalised_at=when,
        )
        for band in ("11-12", "13-15", "16-17") if young else (None,):
            count = self.rng.randint(2, 9)
            self._add(Attendance, session_id=session_id, role=role, age_band=band, count=count)
        said: dict[str, Any] = {"response_id": None, "session_id": session_id, "said_at": when}
        said |= {"source": "session", "role": role, "age_band": None, "language": "en"}
        for _number in range(statements):
            self._free_text(question_id=None, **said)


def fill(app: Flask, periods: list[Period]) -> None:
    """Staff accounts, the surveys' versions and COUNT statements, inserted in batches."""
    catalogue: Catalogue = app.extensions["coprod.catalogue"]
    with app_session(app) as session:
        create_user(session, EMAIL, "Bench Analyst", "analyst", PASSWORD)
        facilitator = create_user(session, "facilitator@example.org", "F", "facilitator", PASSWORD)
        store_catalogue(session, catalogue)
        found = session.execute(
            select(Survey.slug, SurveyVersion.id).join_from(SurveyVersion, Survey)
        )
        versions: dict[str, int] = {slug: version for slug, version in found}
        maker = _Maker(catalogue, periods, versions)
        from_sessions = round(COUNT * SESSION_SHARE)
        for number in range(SESSIONS):
            maker.group_session(
                facilitator.id, from_sessions // SESSIONS + (number < from_sessions % SESSIONS)
            )
        while maker.statements < COUNT:
            maker.response("young-people" if maker.rng.random() < 0.35 else "family-experience")
        # The last response may run past COUNT: drop its extra statements and their tags.
        rows = maker.rows
        rows[Statement] = rows[Statement][:COUNT]
        rows[StatementTag] = [t for t in rows[StatementTag] if t["statement_id"] <= COUNT]
        for model in INSERT_ORDER:
            for start in range(0, len(rows[model]), BATCH):
                session.execute(insert(model), rows[model][start : start + BATCH])
        session.commit()
        if session.get_bind().dialect.name == "postgresql":
            _after_bulk_load(session)


def _after_bulk_load(session: Session) -> None:
    """Move PostgreSQL's id sequences past the ids given, and gather the planner's statistics."""
    for model in INSERT_ORDER:
        table = model.__tablename__
        sequence = f"pg_get_serial_sequence('{table}', 'id')"
        session.execute(text(f"SELECT setval({sequence}, max(id)) FROM {table}"))  # noqa: S608
    session.execute(text("ANALYZE"))
    session.commit()


def baseline_seconds(engine: Engine) -> float:
    """The fastest of WARM_ROUNDS at counting the statements, and their tags by focus area."""
    best = float("inf")
    for _round in range(WARM_ROUNDS):
        started = time.perf_counter()
        with engine.connect() as connection:
            total = connection.execute(text("SELECT count(*) FROM statements")).scalar_one()
            connection.execute(
                text("SELECT focus_area, count(*) FROM statement_tags GROUP BY focus_area")
            ).all()
        best = min(best, time.perf_counter() - started)
        assert total == COUNT, f"{total} statements, not {COUNT}"
    return best


def _timed(rounds: int, client: FlaskClient, url: str) -> tuple[float, bytes]:
    """The fastest of ``rounds`` GETs of ``url`` (each must answer 200), and the last body."""
    best, body = float("inf"), b""
    for _round in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        body = response.data
        best = min(best, time.perf_counter() - started)
        assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return best, body


def _pack_timed(rounds: int, client: FlaskClient, key: str) -> tuple[float, bytes]:
    """The fastest of ``rounds`` board packs, from pressing its button (which starts a job) to
    the file downloaded from the job's page once it is ready; and the last file."""
    best, body = float("inf"), b""
    for _round in range(rounds):
        started = time.perf_counter()
        response = client.post(f"/staff/evidence/board-pack?period={key}")
        assert response.status_code == 303, f"the board pack answered {response.status_code}"
        job_page = response.headers["Location"]
        page = client.get(job_page).get_data(as_text=True)
        while 'http-equiv="refresh"' in page:
            time.sleep(0.05)
            page = client.get(job_page).get_data(as_text=True)
        found = re.search(r'href="([^"]+)" download data-job-download', page)
        assert found, "the board pack's job did not offer the file"
        body = client.get(html.unescape(found.group(1))).data
        best = min(best, time.perf_counter() - started)
    return best, body


def _recounted(client: FlaskClient, engine: Engine, url: str) -> float:
    """The fastest of WARM_ROUNDS at the dashboard when no period's counts are kept, as after a
    correction in every past period."""
    best = float("inf")
    for _round in range(WARM_ROUNDS):
        with engine.begin() as connection:
            connection.execute(delete(PeriodCounts))
        spent, _body = _timed(1, client, url)
        best = min(best, spent)
    return best


def measure(client: FlaskClient, engine: Engine, key: str) -> dict[str, Any]:
    """Time the counts, the dashboard (its first request, then warm, then with every period to
    count again), one of its charts and the board pack, checking that each shows what it
    should."""
    dashboard = f"/staff/evidence/?period={key}"
    cold, body = _timed(1, client, dashboard)
    page = body.decode()
    assert "people were heard" in page, "the dashboard shows no figures"
    assert "data-population-missing" not in page, "the population file was not found"
    found = re.search(r'data-chart="[^"]*">\s*<img src="([^"]+)"', page)
    assert found, "the dashboard has no chart to fetch"
    baseline = baseline_seconds(engine)
    warm, _body = _timed(WARM_ROUNDS, client, dashboard)
    recount = _recounted(client, engine, dashboard)
    chart, svg = _timed(WARM_ROUNDS, client, html.unescape(found.group(1)))
    assert svg.lstrip().startswith(b"<svg"), "the chart is not an SVG picture"
    pack, body = _pack_timed(PACK_ROUNDS, client, key)
    assert docx.Document(io.BytesIO(body)).paragraphs, "the board pack is empty"
    return {
        "baseline_ms": round(baseline * 1000, 1),
        "dashboard_cold_seconds": round(cold, 3),
        "dashboard_warm_seconds": round(warm, 3),
        "dashboard_recount_seconds": round(recount, 3),
        "chart_seconds": round(chart, 3),
        "board_pack_seconds": round(pack, 2),
        "dashboard_ratio": round(warm / baseline, 1),
        "board_pack_ratio": round(pack / baseline, 1),
        "dashboard_meets_goal": warm < GOAL_DASHBOARD_SECONDS,
        "board_pack_meets_goal": pack < GOAL_BOARD_PACK_SECONDS,
    }


@contextmanager
def evidence_app(url: str, folder: Path) -> Iterator[tuple[Flask, str]]:
    """An app on a migrated, filled database at ``url`` with its instance folder in ``folder``;
    yield it and the current period's key."""
    today = date.today()
    start = monitoring_start(today)
    periods = monitoring_periods(start, MONTHS, today)
    instance = folder / "instance"
    instance.mkdir(parents=True)
    shutil.copy(POPULATION, instance / "population.yaml")
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(instance),
            "DATABASE_URL": url,
            "SESSION_COOKIE_SECURE": False,
            "SECRET_KEY": "a secret for the benchmark only",
            "WTF_CSRF_ENABLED": False,
            "MONITORING_START": start.isoformat(),
            "MONITORING_MONTHS": MONTHS,
        }
    )
    try:
        fill(app, periods)
        yield app, periods[-1].key
    finally:
        stop_workers(app)
        app.extensions["coprod.engine"].dispose()


def signed_in(app: Flask) -> FlaskClient:
    """A test client signed in as the analyst."""
    client = app.test_client()
    response = client.post("/sign-in", data={"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 302, "could not sign in"
    return client


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    """A URL to an empty database: a SQLite file in ``folder``, or a throw-away PostgreSQL."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'coprod.sqlite'}"
    else:
        with postgres_server() as url:
            yield url


def run() -> dict[str, Any]:
    """Fill each database, time the evidence pages against the counts; print and return them."""
    results: dict[str, Any] = {"statements": COUNT}
    for kind in ("sqlite", "postgresql"):
        with (
            tempfile.TemporaryDirectory(prefix=f"coprod-bench-{kind}-") as name,
            database(kind, Path(name)) as url,
            evidence_app(url, Path(name)) as (app, key),
        ):
            results[kind] = measure(signed_in(app), app.extensions["coprod.engine"], key)
            results["period"] = key
    _print_table(results)
    return results


def _print_table(results: dict[str, Any]) -> None:
    print(
        f"Evidence over {COUNT:,} statements, period {results['period']}, seconds (best of a few)"
    )
    print(
        f"{'':<11}{'count':>7}{'dashboard':>10}{'first':>7}{'recount':>8}{'chart':>7}{'pack':>6}"
        f"{'dashboard/count':>16}{'pack/count':>11}"
    )
    for kind in ("sqlite", "postgresql"):
        r = results[kind]
        print(
            f"{kind:<11}{r['baseline_ms'] / 1000:>7.3f}{r['dashboard_warm_seconds']:>10.3f}"
            f"{r['dashboard_cold_seconds']:>7.3f}{r['dashboard_recount_seconds']:>8.3f}"
            f"{r['chart_seconds']:>7.3f}"
            f"{r['board_pack_seconds']:>6.2f}{r['dashboard_ratio']:>16.1f}"
            f"{r['board_pack_ratio']:>11.1f}"
        )
    for kind in ("sqlite", "postgresql"):
        r = results[kind]
        dashboard = "meets" if r["dashboard_meets_goal"] else "misses"
        pack = "meets" if r["board_pack_meets_goal"] else "misses"
        print(
            f"{kind}: the dashboard {dashboard} its goal of {GOAL_DASHBOARD_SECONDS:g} s; "
            f"the board pack {pack} its goal of {GOAL_BOARD_PACK_SECONDS:g} s"
        )
