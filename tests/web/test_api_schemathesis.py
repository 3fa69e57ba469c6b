"""schemathesis against the API: every operation in the OpenAPI file, called with a real token on
real SQLite data, with parameters that fit the file and parameters that do not, never fails on
the server and answers with the status codes, content types and shapes the file describes.

Each operation runs as a test of its own, from the operation's Hypothesis strategy (schemathesis'
pytest loader for fixtures does not run under pytest 9)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import schemathesis
import yaml
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from coprod.config import PROJECT_ROOT
from tests.evidence.dataset import SPRING, known, store
from tests.web.api_helpers import make_token, store_analysed

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
#: Examples per operation and kind of data: enough to reach each parameter's edges, while the
#: whole file runs in well under a minute.
EXAMPLES = 25
DESCRIBED = yaml.safe_load(Path(PROJECT_ROOT / "coprod/web/api/openapi.yaml").read_text("utf-8"))
#: Each operation with data that fits its description, and (where it takes parameters) data that
#: does not.
RUNS = [
    (path, mode)
    for path, item in sorted(DESCRIBED["paths"].items())
    for mode in schemathesis.GenerationMode
    if mode.is_positive or item["get"].get("parameters")
]


@pytest.fixture
def api_app(make_app: Callable[..., Flask]) -> Flask:
    """The app with evidence in it: counts shown, hidden and none, and redacted statements."""
    app = make_app(RATE_LIMIT_API="100000 per minute")
    store(app, known())
    store_analysed(app, ["My son Daniel Okafor waited two years for his EHC plan."] * 11, SPRING)
    return app


@pytest.mark.parametrize(("path", "mode"), RUNS)
def test_the_operation_keeps_to_its_description(
    api_app: Flask, path: str, mode: schemathesis.GenerationMode
) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", api_app)
    operation = schema[path]["GET"]
    headers = {"Authorization": f"Bearer {make_token(api_app)}"}
    calls = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        database=None,
    )
    def keeps_to_it(case: schemathesis.Case) -> None:
        calls.append(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

    keeps_to_it()
    assert calls, f"no examples were tried for {path}"


def test_every_operation_is_tried() -> None:
    assert {path for path, _mode in RUNS} == set(DESCRIBED["paths"])
