"""The read-only JSON API under /api/v1/: a token in the Authorization header lets a tool in
(cookies never do), its scopes say what it may read, each token has its own rate limit, and every
call it makes is in the audit log with how many rows went out.

Every call with a valid token is audited, rather than a daily tally: a refresh reads a few pages
of up to 500 statements, so even a large partnership writes a few hundred events a day, and the
log can then say exactly what left, when, and through which token.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import yaml
from flask import Blueprint, Response, current_app, g, jsonify, request, url_for
from flask_babel import gettext as _

from coprod.db import db_session
from coprod.evidence.cells import LABELS, Scope
from coprod.evidence.periods import Period
from coprod.languages import LANGUAGES
from coprod.services.api_statements import StatementQuery, statements_page
from coprod.services.api_tokens import TokenRefused, note_use, token_for
from coprod.services.evidence import evidence_settings, figures_by_period
from coprod.vocabulary import AGE_BANDS, ROLES
from coprod.web.api import params
from coprod.web.api.errors import BadParameter, error_response
from coprod.web.api.shapes import aggregate_json, period_json, statement_json
from coprod.web.rate_limits import api_limit, refused_api_call_allowed
from coprod.web.respond.flow import SURVEY_TEXT, catalogue

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")
View = TypeVar("View", bound=Callable[..., Any])

#: The OpenAPI description, read once; served as JSON.
OPENAPI = json.dumps(yaml.safe_load(Path(__file__).with_name("openapi.yaml").read_text("utf-8")))
SOURCES = ("survey", "session")
SENTIMENTS = tuple(label for label in LABELS if label != "unscored")
STATEMENT_ROLES = (*ROLES, "unknown")
DEFAULT_PAGE_SIZE = 100
LARGEST_PAGE = 500
#: No one pages this far; a larger number is refused rather than asking the database for it.
LAST_PAGE = 100_000


def _refusals() -> dict[str, str]:
    return {
        "unknown": _("This API token is not known. Check it was copied whole."),
        "revoked": _("This API token has been revoked. Ask for a new one."),
        "expired": _("This API token has expired. Make a new one on the API tokens page."),
        "owner": _("The person this API token belongs to can no longer read the evidence."),
    }


@blueprint.before_request
def _let_in() -> Response | None:
    """Everything but the OpenAPI file needs a valid token, sent as ``Bearer <token>``."""
    if request.endpoint == "api.openapi":
        return None
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return _refused()
    try:
        token = token_for(db_session(), secret.strip())
    except TokenRefused as refused:
        return _refused(_refusals()[refused.key])
    g.api_token_id = token.id
    g.api_scopes = tuple(token.scopes)
    return None


def _refused(message: str | None = None) -> Response:
    """401 with the reason, or 429 once this address has had too many tokens refused."""
    if not refused_api_call_allowed():
        response = error_response(
            429, _("Too many requests with a token that is not valid: wait a minute.")
        )
        response.headers["Retry-After"] = "60"
        return response
    return error_response(401, message)


@blueprint.after_request
def _audit(response: Response) -> Response:
    """Note every call a token made (but those refused for coming too fast)."""
    if "api_token_id" in g and response.status_code != 429:
        session = db_session()
        session.rollback()  # reading only: nothing of the request's own is lost
        asked = {name[:60]: value[:100] for name, value in list(request.args.items())[:20]}
        note_use(
            session,
            g.api_token_id,
            {
                "path": request.path,
                "query": asked,
                "status": response.status_code,
                "returned": g.get("api_returned", 0),
            },
        )
    return response


@blueprint.errorhandler(BadParameter)
def _bad_parameter(error: BadParameter) -> Response:
    return error_response(400, error.message, error.parameter)


def scope_required(scope: str) -> Callable[[View], View]:
    """Only tokens given this scope may call the view; others get 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if scope not in g.api_scopes:
                return error_response(
                    403,
                    _("This token may not read this: it needs the %(scope)s scope.", scope=scope),
                )
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


class _Unavailable(Exception):
    """The evidence settings cannot work, so nothing can be counted."""


@blueprint.errorhandler(_Unavailable)
def _unavailable(error: _Unavailable) -> Response:
    return error_response(503, str(error))


def _settings() -> tuple[list[Period], int]:
    """The monitoring periods and disclosure threshold; a setting that cannot work is the
    service's problem, said plainly (503), not a crash."""
    try:
        return evidence_settings(current_app.config, date.today())
    except ValueError as problem:
        raise _Unavailable(str(problem)) from None


def _framework() -> str:
    frameworks = catalogue().frameworks
    default = "default" if "default" in frameworks else next(iter(frameworks))
    return params.choice("framework", list(frameworks)) or default


def _areas(framework: str) -> list[str]:
    return [area.slug for area in catalogue().frameworks[framework].focus_areas]


def _answer(body: dict[str, Any], rows: int) -> Response:
    g.api_returned = rows
    return jsonify(body)


@blueprint.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI description of this API; no token needed."""
    return Response(OPENAPI, mimetype="application/json")


@blueprint.get("/focus-areas")
@api_limit
def focus_areas() -> Response:
    """The framework's focus areas, with their names in the caller's language."""
    framework = catalogue().frameworks[_framework()]
    items = [
        {
            "slug": area.slug,
            "name": SURVEY_TEXT.gettext(area.name),
            "description": SURVEY_TEXT.gettext(area.description),
        }
        for area in framework.focus_areas
    ]
    body = {"framework": framework.slug, "name": SURVEY_TEXT.gettext(framework.name)}
    return _answer({**body, "items": items}, len(items))


@blueprint.get("/periods")
@api_limit
def periods() -> Response:
    """The monitoring periods, oldest first, and the disclosure threshold."""
    found, threshold = _settings()
    items = [period_json(p, p is found[-1]) for p in found]
    return _answer({"threshold": threshold, "items": items}, len(items))


@blueprint.get("/statements")
@api_limit
@scope_required("statements:read")
def statements() -> Response:
    """A page of statements, redacted, in focus areas in which enough people were heard."""
    found, threshold = _settings()
    framework = _framework()
    chosen = params.period(found)
    query = StatementQuery(
        framework,
        [chosen] if chosen else found,
        focus_area=params.choice("focus_area", _areas(framework)),
        source=params.choice("source", SOURCES),
        role=params.choice("role", STATEMENT_ROLES),
        sentiment=params.choice("sentiment", SENTIMENTS),
        since=params.day("since"),
    )
    page = params.whole_number("page", 1, 1, LAST_PAGE)
    size = params.whole_number("page_size", DEFAULT_PAGE_SIZE, 1, LARGEST_PAGE)
    shared, more = statements_page(db_session(), query, threshold, page, size)
    following = None
    if more and page < LAST_PAGE:
        asked: dict[str, Any] = {**request.args.to_dict(), "page": page + 1}
        following = url_for(".statements", _external=True, **asked)
    body = {"page": page, "page_size": size, "count": len(shared), "next": following}
    return _answer({**body, "items": [statement_json(s) for s in shared]}, len(shared))


@blueprint.get("/aggregates")
@api_limit
@scope_required("aggregates:read")
def aggregates() -> Response:
    """Counts by focus area and period, with the sentiment split, exactly as the dashboard
    shows them: small counts are null."""
    found, threshold = _settings()
    framework = _framework()
    chosen = params.period(found)
    area = params.choice("focus_area", _areas(framework))
    scope = Scope(
        framework,
        role=params.choice("role", list(ROLES)),
        source=params.choice("source", SOURCES),
        age_band=params.choice("age_band", list(AGE_BANDS)),
        language=params.choice("language", list(LANGUAGES)),
    )
    rows = figures_by_period(
        db_session(),
        scope,
        [area] if area else _areas(framework),
        [chosen] if chosen else found,
        threshold,
    )
    items = [aggregate_json(a, figures) for a, figures in rows]
    return _answer({"framework": framework, "threshold": threshold, "items": items}, len(items))
