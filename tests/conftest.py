"""Fixtures: one migrated database per run (SQLite, or PostgreSQL with --postgres), emptied after
each test; an app and client per test; a respondent who reads pages like a person."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.engine import Engine

from coprod import create_app
from coprod.db import Base, make_engine
from coprod.jobs.inprocess import stop_workers
from coprod.migrate import upgrade
from tests.pages import Page, parse
from tests.postgres import postgres_server


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--postgres",
        action="store_true",
        help="run against a PostgreSQL server that the test run starts from Debian's packages",
    )


#: Tests that never open the database: with --postgres they are left out, having run on SQLite.
WITHOUT_DATABASE = (
    "tests/analysis/",
    "tests/imports/",
    "tests/surveys/",
    "tests/test_architecture.py",
    "tests/test_translations.py",
    "tests/evidence/test_charts.py",
    "tests/evidence/test_disclosure.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--postgres"):
        return
    root = Path(str(config.rootpath))
    kept, left_out = [], []
    for item in items:
        where = Path(str(item.path)).relative_to(root).as_posix()
        (left_out if where.startswith(WITHOUT_DATABASE) else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(scope="session")
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.config.getoption("--postgres"):
        with postgres_server() as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'coprod.sqlite'}"


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """The schema, built once per run by the migrations (not by create_all)."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _empty_database(engine: Engine) -> Iterator[None]:
    yield
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(scope="session")
def instance_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("instance")


@pytest.fixture
def make_app(
    database_url: str, engine: Engine, instance_path: Path
) -> Iterator[Callable[..., Flask]]:
    """Build an app on the test database, with any settings overridden."""
    made: list[Flask] = []

    def make(**overrides: Any) -> Flask:
        config = {
            "TESTING": True,
            "INSTANCE_PATH": str(instance_path),
            "DATABASE_URL": database_url,
            "SESSION_COOKIE_SECURE": False,
            "SECRET_KEY": "a secret for tests only",
            # A tenth of a second a sign-in adds up over a thousand tests; test_config checks
            # that a deployment hashes with scrypt.
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            **overrides,
        }
        app = create_app(config)
        made.append(app)
        return app

    yield make
    for app in made:
        stop_workers(app)  # a job still running in the background ends before the next test
        app.extensions["coprod.engine"].dispose()


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class Respondent:
    """A person answering surveys through the test client, reading every page."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def get(self, url: str, **kwargs: Any) -> Page:
        return parse(self.client.get(url, **kwargs))

    def post(self, url: str, data: dict[str, Any]) -> Page:
        return parse(self.client.post(url, data=data))

    def submit(
        self, page: Page, changes: dict[str, Any] | None = None, button: str | None = None
    ) -> Page:
        """Fill the page's main form with ``changes`` and press its button (or the named one)."""
        form = page.main_form()
        data = page.form_fields(form)
        data.update(changes or {})
        if button:
            data[button] = "1"
        # A form without an action posts to the page's own address, query string included.
        action = str(form.get("action") or page.response.request.full_path.rstrip("?"))
        response = self.client.post(action, data=data)
        if response.status_code in (301, 302, 303):
            return self.get(response.headers["Location"])
        return parse(response)

    def start(self, slug: str) -> Page:
        """Open the start page and press Start now (and, on the young people's survey, read the
        screen before the first question and press its start button); return the first question."""
        page = self.submit(self.get(f"/surveys/{slug}"))
        if page.response.request.path.endswith("/before-you-start"):
            button = page.soup.select_one("main a.govuk-button--start")
            assert button is not None, "the screen before the first question has no start button"
            page = self.get(str(button["href"]))
        return page

    def answer_all(self, slug: str, answers: dict[str, Any]) -> Page:
        """Start and answer every page (``answers`` by question id), reaching check answers."""
        page = self.start(slug)
        while "/questions/" in page.response.request.path:
            question_id = page.response.request.path.rsplit("/", 1)[1]
            page = self.submit(page, answers.get(question_id, {}))
            assert page.status == 200, page.errors
        return page

    def send(self, check_page: Page) -> Page:
        """Press Send my answers on the check answers page."""
        return self.submit(check_page)


@pytest.fixture
def respondent(client: FlaskClient) -> Respondent:
    return Respondent(client)
