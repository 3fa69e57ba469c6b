"""Where a respondent is: their draft (kept in the signed session) and the next page."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, session, url_for
from flask_babel import Domain, get_locale

from coprod.config import PROJECT_ROOT
from coprod.db import db_session
from coprod.models import Draft
from coprod.services import drafts as draft_service
from coprod.surveys import Catalogue, SurveyDefinition
from coprod.surveys.presentation import present
from coprod.web.presentation import current_format

DRAFTS_KEY = "drafts"
#: Survey wording is translated in its own gettext domain, separate from the interface.
SURVEY_TEXT = Domain(translation_directories=str(PROJECT_ROOT / "translations"), domain="surveys")


def catalogue() -> Catalogue:
    """The surveys loaded at start-up."""
    loaded: Catalogue = current_app.extensions["coprod.catalogue"]
    return loaded


def survey_or_404(slug: str) -> SurveyDefinition:
    """The survey with that slug; 404 if there is none."""
    definition = catalogue().surveys.get(slug)
    if definition is None:
        abort(404)
    return definition


def open_survey_or_error(slug: str) -> SurveyDefinition:
    """The survey if people can answer it now; 404 if unknown, 410 if closed."""
    definition = survey_or_404(slug)
    if not definition.is_open:
        abort(410)
    return definition


def remember_draft(slug: str, draft: Draft, secret: str | None) -> None:
    """Tie a draft to this browser for the survey, keeping its resume secret if known."""
    drafts: dict[str, Any] = dict(session.get(DRAFTS_KEY, {}))
    drafts[slug] = {"id": draft.id, "secret": secret}
    session[DRAFTS_KEY] = drafts
    session.permanent = True


def remembered_secret(slug: str) -> str | None:
    """The resume secret for this browser's draft, if it started or resumed by link here."""
    entry = session.get(DRAFTS_KEY, {}).get(slug)
    return entry.get("secret") if isinstance(entry, dict) else None


def current_draft(slug: str) -> Draft | None:
    """This browser's draft for the survey, if it has one that is still kept."""
    entry = session.get(DRAFTS_KEY, {}).get(slug)
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), int):
        return None
    draft = draft_service.draft_by_id(db_session(), entry["id"])
    if draft is None or draft.version.survey.slug != slug:
        return None
    return draft if draft_service.is_kept(draft, current_app.config["DRAFT_DAYS"]) else None


#: Presented surveys by (wording, language, format): translations do not change while running.
_PRESENTED: dict[tuple[str, str, str], SurveyDefinition] = {}


def presented(definition: SurveyDefinition) -> SurveyDefinition:
    """The survey in the person's language and format (untranslated strings stay in English)."""
    page_format = current_format()
    key = (definition.checksum, str(get_locale()), page_format)
    if key not in _PRESENTED:
        _PRESENTED[key] = present(definition, SURVEY_TEXT.gettext, page_format == "easy-read")
    return _PRESENTED[key]


def presentation() -> tuple[str, str]:
    """The language and format the person is using now."""
    return str(get_locale() or "en"), current_format()


def next_page_after(definition: SurveyDefinition, question_id: str, changing: bool) -> str:
    """Where the person goes after answering a question."""
    slug = definition.slug
    if changing:
        return url_for("respond.check_answers", slug=slug)
    index = definition.index_of(question_id)
    if index + 1 < len(definition.questions):
        return url_for(
            "respond.question", slug=slug, question_id=definition.questions[index + 1].id
        )
    return url_for("respond.check_answers", slug=slug)


def previous_page_before(definition: SurveyDefinition, question_id: str, changing: bool) -> str:
    """The back link of a question page."""
    slug = definition.slug
    if changing:
        return url_for("respond.check_answers", slug=slug)
    index = definition.index_of(question_id)
    if index == 0:
        return url_for("respond.start", slug=slug)
    return url_for("respond.question", slug=slug, question_id=definition.questions[index - 1].id)


def resume_page(definition: SurveyDefinition, answers: dict[str, Any]) -> str:
    """Where a returning person carries on: after the last page they saved, or the check page."""
    seen = [i for i, q in enumerate(definition.questions) if q.id in answers]
    if not seen:
        return url_for(
            "respond.question", slug=definition.slug, question_id=definition.questions[0].id
        )
    return next_page_after(definition, definition.questions[max(seen)].id, changing=False)
