"""What a respondent's post should come to, and what may be stored: the checks the
property-based tests of the respondent forms make (see test_form_properties.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.test import TestResponse

from coprod.db import app_session
from coprod.forms import clean_text
from coprod.languages import FORMATS, LANGUAGES
from coprod.models import Draft, DraftAnswer, Response
from coprod.services.survey_versions import definition_of
from coprod.surveys import SurveyDefinition
from coprod.surveys.definitions import Question
from coprod.surveys.questions import question_type
from coprod.surveys.questions.card_sort import CARD_PREFIX
from coprod.vocabulary import PREFER_NOT_TO_SAY
from tests.conftest import Respondent
from tests.pages import parse
from tests.web.hostile_input import (
    Field,
    Posted,
    around,
    choice,
    field_of,
    junk,
    number_like,
    words,
)

PILES = ["good", "not_sure", "not_good"]


# What the app should make of a post --------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """Saved with this value (None: skipped), or refused with the page shown again."""

    saved: bool
    value: Any = None


REFUSED = Expected(saved=False)


def first_value(item: Posted, name: str) -> str:
    """The first value posted under a name, cleaned as every form cleans text."""
    values = item.values(name)
    return clean_text(values[0]) if values else ""


def expected_answer(question: Question, option_values: set[str], item: Posted) -> Expected:
    """What a person who posted ``item`` should get, worked out from the question alone."""
    kind = question.type
    if kind == "card_sort":
        placed = {}
        for card in question.cards:
            pile = first_value(item, f"{CARD_PREFIX}{card.value}")
            if pile and pile not in PILES:
                return REFUSED
            if pile:
                placed[card.value] = pile
        if question.required and not placed:
            return REFUSED
        return Expected(True, placed or None)
    if kind == "multiple_choice":
        chosen = item.values("answer")
        if any(value not in option_values for value in chosen):
            return REFUSED
        if PREFER_NOT_TO_SAY in chosen and len(chosen) > 1:
            return REFUSED
        if not chosen:
            return REFUSED if question.required else Expected(True, None)
        return Expected(
            True, [v for v in sorted(option_values, key=_order(question)) if v in chosen]
        )
    typed = first_value(item, "answer")
    if not typed:
        return REFUSED if question.required else Expected(True, None)
    if kind == "free_text":
        return Expected(True, typed) if len(typed) <= question.max_length else REFUSED
    if kind == "number":
        digits = typed.replace(",", "").strip()
        if not re.fullmatch(r"-?[0-9]{1,8}|[0-9]{9}", digits):
            return REFUSED
        number = int(digits)
        low, high = question.minimum, question.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            return REFUSED
        return Expected(True, number)
    return Expected(True, typed) if typed in option_values else REFUSED


def _order(question: Question) -> Callable[[str], int]:
    """Options in the order the question lists them."""
    listed = [o.value for o in question.all_options()]
    return lambda value: listed.index(value) if value in listed else -1


def fields_for(question: Question, option_values: list[str]) -> dict[str, Field]:
    """The fields of a question's page, each with values right and wrong for it."""
    if question.type == "card_sort":
        return {f"{CARD_PREFIX}{card.value}": choice(PILES) for card in question.cards}
    if question.type == "free_text":
        return {"answer": field_of(words(), st.one_of(junk(), around(question.max_length)))}
    if question.type == "number":
        low, high = question.minimum or 0, question.maximum or 10**6
        return {
            "answer": field_of(st.integers(low, high).map(str), st.one_of(number_like(), junk()))
        }
    return {"answer": choice(option_values)}


# Reading what was stored -------------------------------------------------------------------

MISSING = object()


def stored_answer(app: Flask, draft_id: int, question_id: str) -> Any:
    """The draft's stored answer to a question: its value, None if skipped, MISSING if unsaved."""
    with app_session(app) as session:
        row = session.scalar(
            select(DraftAnswer).where(
                DraftAnswer.draft_id == draft_id, DraftAnswer.question_id == question_id
            )
        )
        return MISSING if row is None else row.value


def disallowed_stored_answers(app: Flask) -> list[str]:
    """Every draft or sent answer in the database that its question could not have produced."""
    wrong: list[str] = []
    with app.test_request_context(), app_session(app) as session:
        for draft in session.scalars(select(Draft)):
            definition = definition_of(draft.version)
            if draft.language not in LANGUAGES or draft.format not in FORMATS:
                wrong.append(f"draft {draft.id} presentation {draft.language!r} {draft.format!r}")
            for answer in draft.answers:
                wrong += _check(
                    definition, f"draft {draft.id}", answer.question_id, answer.value, True
                )
        for response in session.scalars(select(Response)):
            definition = definition_of(response.version)
            for sent in response.answers:
                wrong += _check(
                    definition, f"response {response.id}", sent.question_id, sent.value, False
                )
    return wrong


def _check(
    definition: SurveyDefinition, where: str, question_id: str, value: Any, may_be_none: bool
) -> list[str]:
    asked = definition.question(question_id)
    if asked is None:
        return [f"{where} {question_id} {value!r}"]
    if value is None and may_be_none:
        return []
    kind = question_type(asked)
    ok = kind.allows(value)
    if ok and isinstance(value, str):
        ok = value == clean_text(value)  # stored text is always the cleaned text
    return [] if ok else [f"{where} {question_id} {value!r}"]


def draft_id_of(person: Respondent, slug: str) -> int:
    """The draft this browser is answering."""
    with person.client.session_transaction() as browser:
        return int(browser["drafts"][slug]["id"])


def assert_refused_plainly(response: TestResponse) -> None:
    """A refused post gets its page again, with an error summary whose links reach a field on
    the page (or, for a question not answered, that question's page)."""
    assert response.status_code == 400, response.status_code
    page = parse(response)
    assert page.errors, "a refused answer must say what is wrong"
    for link in page.soup.select(".govuk-error-summary__list a"):
        target = str(link["href"])
        if target.startswith("#"):
            assert page.soup.find(id=target[1:]) is not None, f"{target} links to nothing"
        else:
            assert target.startswith("/surveys/"), target


def assert_plain_page(response: TestResponse) -> None:
    """A 4xx page a person can read: a title, a language, no traceback."""
    assert 400 <= response.status_code < 500, response.status_code
    page = parse(response)
    assert "Traceback" not in page.text()


def local_path(response: TestResponse) -> str:
    """Where a redirect goes; always within the service."""
    target = urlsplit(response.headers["Location"])
    assert target.netloc in ("", "localhost"), response.headers["Location"]
    return target.path
