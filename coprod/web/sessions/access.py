"""Who may see and change a session, the session a page is about, and its focus areas."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, TypeVar

from flask import Blueprint, abort
from flask_babel import format_date
from flask_login import current_user, login_required

from coprod.db import db_session
from coprod.languages import LANGUAGES
from coprod.models import GroupSession, User
from coprod.services import sessions as session_service
from coprod.surveys.session_templates import SessionTemplate
from coprod.vocabulary import (
    ADJUSTMENTS,
    AGE_BANDS,
    CONTRIBUTION_KINDS,
    GROUP_TYPES,
    PILES,
    ROLES,
    SESSION_MODES,
)
from coprod.web.respond.flow import SURVEY_TEXT, catalogue

blueprint = Blueprint("sessions", __name__, url_prefix="/staff/sessions")

View = TypeVar("View", bound=Callable[..., Any])


def staff() -> User:
    """The signed-in member of staff."""
    user: User = current_user._get_current_object()
    return user


def recorders_only(view: View) -> View:
    """Sign-in required, and only facilitators and admins: analysts read sessions, not record."""

    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not session_service.can_record(staff()):
            abort(403)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def viewable(session_id: int) -> GroupSession:
    """The session, if this person may see it; a draft of someone else's is not found."""
    record = session_service.session_by_id(db_session(), session_id)
    if record is None or not session_service.can_view(staff(), record):
        abort(404)
    return record


def editable(session_id: int) -> GroupSession:
    """The session, if this person may change it now; 403 once final unless an admin."""
    record = viewable(session_id)
    if not session_service.can_edit(staff(), record):
        abort(403)
    return record


def template_of(record: GroupSession) -> SessionTemplate | None:
    """The template the session was recorded with, if it still exists."""
    return catalogue().session_templates.get(record.template or "")


def framework_slug(record: GroupSession) -> str:
    """The framework the session's focus areas come from."""
    return catalogue().session_framework(record.template)


def editor(record: GroupSession) -> session_service.Editor:
    """The signed-in person changing this session."""
    return session_service.Editor(db_session(), staff(), framework_slug(record))


def focus_areas(record: GroupSession) -> list[tuple[str, str]]:
    """The session's focus areas as (slug, name in the page's language)."""
    return framework_areas(framework_slug(record))


def framework_areas(slug: str) -> list[tuple[str, str]]:
    """A framework's focus areas as (slug, name in the page's language)."""
    framework = catalogue().frameworks.get(slug)
    if framework is None:
        return []
    return [(a.slug, SURVEY_TEXT.gettext(a.name)) for a in framework.focus_areas]


def survey_text(text: str) -> str:
    """Survey, framework or template wording in the page's language."""
    return str(SURVEY_TEXT.gettext(text))


def today() -> date:
    """Today's date where the partnership is (UK)."""
    return date.today()


@blueprint.app_template_filter("session_date")
def session_date(value: date) -> str:
    """A date in words in the page's language, e.g. 27 March 2026."""
    return str(format_date(value, "d MMMM y"))


@blueprint.context_processor
def _vocabulary() -> dict[str, Any]:
    """The words for stored values, in the page's language."""
    return {
        "roles": ROLES,
        "age_bands": AGE_BANDS,
        "group_types": GROUP_TYPES,
        "session_modes": SESSION_MODES,
        "adjustments": ADJUSTMENTS,
        "kinds": CONTRIBUTION_KINDS,
        "piles": PILES,
        "all_languages": LANGUAGES,
    }
