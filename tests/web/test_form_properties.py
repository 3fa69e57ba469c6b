"""Whatever a browser posts to a respondent form (any text, numbers, option values, fields
missing, repeated or unknown, a good or bad form token), the person never meets a server error;
a bad value gets the page again with the error summary; and no draft or sent answer is ever one
its question does not allow. Each property runs against every question of every shipped survey
(and the test survey's number question, the one type no shipped survey asks)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.engine import Engine

from coprod.db import app_session
from coprod.models import Answer, Draft, DraftAnswer, Response
from coprod.services.codes import grouped, normalise_code
from coprod.surveys import SurveyDefinition
from coprod.surveys.catalogue import load_catalogue
from coprod.surveys.questions import question_type
from tests.conftest import Respondent
from tests.pages import parse
from tests.web.answer_checks import (
    MISSING,
    assert_plain_page,
    assert_refused_plainly,
    disallowed_stored_answers,
    draft_id_of,
    expected_answer,
    fields_for,
    first_value,
    local_path,
    stored_answer,
)
from tests.web.hostile_input import (
    Posted,
    build_app,
    choice,
    examples,
    field_of,
    junk,
    posted,
)

SHIPPED = Path(__file__).parents[2] / "surveys"
TEST_SURVEYS = Path(__file__).parents[1] / "data" / "surveys"
#: Examples per question page: ~40 pages, so the whole file stays near half a minute. The number
#: question, the only one with typed digits, gets more.
EXAMPLES_PER_QUESTION = 10
EXAMPLES_FOR_NUMBERS = 40


def _questions(shipped: dict[str, SurveyDefinition]) -> list[Any]:
    cases = [
        pytest.param(SHIPPED, slug, q.id, id=f"{slug}-{q.id}")
        for slug, survey in sorted(shipped.items())
        for q in survey.questions
    ]
    # No shipped survey asks for a number, and the test survey's text has a shorter limit.
    return cases + [
        pytest.param(TEST_SURVEYS, "every-type", qid, id=f"every-type-{qid}")
        for qid in ("weeks", "story")
    ]


_SHIPPED_SURVEYS = load_catalogue(SHIPPED).surveys
QUESTIONS = _questions(_SHIPPED_SURVEYS)
SHIPPED_SLUGS = sorted(_SHIPPED_SURVEYS)


# The properties ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app_for(
    database_url: str, engine: Engine, instance_path: Path
) -> Iterator[Callable[[Path], Flask]]:
    """One app per survey folder for the whole module (see build_app)."""
    built: dict[Path, Flask] = {}

    def app_for(surveys: Path) -> Flask:
        if surveys not in built:
            built[surveys] = build_app(database_url, instance_path, SURVEYS_DIR=str(surveys))
        return built[surveys]

    yield app_for
    for app in built.values():
        app.extensions["coprod.engine"].dispose()


@pytest.mark.parametrize(("surveys", "slug", "question_id"), QUESTIONS)
def test_whatever_is_posted_to_a_question_page_is_refused_plainly_or_saved_as_allowed(
    app_for: Callable[[Path], Flask], surveys: Path, slug: str, question_id: str
) -> None:
    app = app_for(surveys)
    person = Respondent(app.test_client())
    person.start(slug)
    url = f"/surveys/{slug}/questions/{question_id}"
    token = person.get(url).form_fields()["csrf_token"]
    draft_id = draft_id_of(person, slug)
    question = app.extensions["coprod.catalogue"].surveys[slug].question(question_id)
    options = [o.value for o in question.all_options()]
    if question.type in ("agreement", "faces", "yes_no"):
        with app.test_request_context():
            options = sorted(question_type(question).option_values())
    most = len(options) + 1 if question.type == "multiple_choice" else 3

    @examples(EXAMPLES_FOR_NUMBERS if question.type == "number" else EXAMPLES_PER_QUESTION)
    @given(
        item=posted(fields_for(question, options), token, most_repeats=most),
        query=st.sampled_from(["", "?change=1", "?format=easy-read", "?format=%00&lang=xx"]),
    )
    def post_and_check(item: Posted, query: str) -> None:
        known = set(disallowed_stored_answers(app))  # stored by earlier examples
        before = stored_answer(app, draft_id, question_id)
        response = person.client.post(url + query, data=item.data)
        after = stored_answer(app, draft_id, question_id)
        assert response.status_code < 500
        expected = expected_answer(question, set(options), item)
        if response.status_code == 413 or not item.token_ok:
            assert_plain_page(response)
            assert after == before, "nothing is saved from a post the app refused whole"
        elif not expected.saved:
            assert_refused_plainly(response)
            assert after == before, "a refused answer leaves the saved one as it was"
        else:
            assert response.status_code == 302, parse(response).errors
            assert local_path(response).startswith(f"/surveys/{slug}/")
            assert after == expected.value
        assert not (wrong := set(disallowed_stored_answers(app)) - known), wrong

    post_and_check()
    # Whatever was saved last still shows on its page and on the check answers page (unless the
    # survey asks for a step first, as a grown-up's agreement for a child under 13).
    for page_url in (url, f"/surveys/{slug}/check-answers"):
        shown = person.client.get(page_url)
        assert shown.status_code in (200, 302), page_url
        if shown.status_code == 200:
            parse(shown)
        else:
            assert local_path(shown).startswith(f"/surveys/{slug}/")


def code_variants(code: str) -> st.SearchStrategy[str]:
    """The code as people type it back: grouped, spaced, in lower case, with stray characters."""
    return st.one_of(
        st.sampled_from(
            [code, grouped(code), code.lower(), f" {grouped(code).lower()} ", " ".join(code)]
        ),
        st.builds(
            lambda ch, at: code[:at] + ch + code[at:],
            st.sampled_from(["\x00", "\u200b", "-", "O", "0", "é", "\n"]),
            st.integers(0, len(code)),
        ),
    )


def test_whatever_is_posted_to_the_resume_form_finds_that_draft_or_says_plainly(
    app_for: Callable[[Path], Flask],
) -> None:
    app = app_for(SHIPPED)
    owner = Respondent(app.test_client())
    owner.submit(owner.start("young-people"), {"answer": "13-15"})
    with app_session(app) as session:
        code = session.scalars(select(Draft.resume_code)).one()
    person = Respondent(app.test_client())
    token = person.get("/resume").form_fields()["csrf_token"]

    @examples(30)
    @given(item=posted({"code": field_of(code_variants(code))}, token))
    def post_and_check(item: Posted) -> None:
        response = person.client.post("/resume", data=item.data)
        assert response.status_code < 500
        typed = first_value(item, "code")
        if not item.token_ok or response.status_code == 413:
            assert_plain_page(response)
        elif typed and len(typed) <= 20 and normalise_code(typed) == code:
            assert response.status_code == 302
            # On with that draft: after its one saved answer (or a page about starting first).
            assert local_path(response).startswith("/surveys/young-people/")
        else:
            assert_refused_plainly(response)

    post_and_check()


def test_any_resume_link_but_a_real_one_is_not_found_plainly(
    app_for: Callable[[Path], Flask],
) -> None:
    client = app_for(SHIPPED).test_client()

    @examples(25)
    @given(secret=st.one_of(junk(), st.text(min_size=60, max_size=80)).filter(bool))
    def follow(secret: str) -> None:
        response = client.get("/resume/" + quote(secret, safe=""))
        assert response.status_code < 500
        assert_plain_page(response)

    follow()


@pytest.mark.parametrize("slug", SHIPPED_SLUGS)
def test_whatever_is_posted_to_start_and_next_person_starts_one_draft_or_says_plainly(
    app_for: Callable[[Path], Flask], slug: str
) -> None:
    app = app_for(SHIPPED)
    person = Respondent(app.test_client())
    token = person.get(f"/surveys/{slug}").form_fields()["csrf_token"]
    first_question = app.extensions["coprod.catalogue"].surveys[slug].questions[0].id

    @examples(25)
    @given(
        item=posted({"fresh": choice(["1", "y"])}, token),
        action=st.sampled_from(["start", "next-person"]),
        target=st.one_of(st.just(slug), st.just(slug), junk()),
        query=st.sampled_from(["", "?lang=cy", "?format=easy-read", "?lang=%00&format=big"]),
    )
    def post_and_check(item: Posted, action: str, target: str, query: str) -> None:
        known = set(disallowed_stored_answers(app))  # stored by earlier examples
        with app_session(app) as session:
            drafts_before = len(session.scalars(select(Draft.id)).all())
        url = f"/surveys/{quote(target, safe='')}/{action}{query}"
        response = person.client.post(url, data=item.data)
        with app_session(app) as session:
            drafts_after = len(session.scalars(select(Draft.id)).all())
        assert response.status_code < 500
        assert drafts_after - drafts_before in (0, 1)
        if 300 <= response.status_code < 400:
            path = local_path(response)
            if target == slug and action == "start":
                assert path.startswith(f"/surveys/{slug}/") and path != f"/surveys/{slug}"
            elif target == slug:
                assert path == f"/surveys/{slug}"
            else:  # an address with doubled slashes, sent to its tidy form
                assert drafts_after == drafts_before
        else:
            assert_plain_page(response)
            assert drafts_after == drafts_before
        assert not (wrong := set(disallowed_stored_answers(app)) - known), wrong

    post_and_check()
    # The browser can still start and answer afterwards.
    assert person.get(f"/surveys/{slug}/questions/{first_question}").status in (200, 302)


@pytest.mark.parametrize("slug", SHIPPED_SLUGS)
def test_a_draft_answered_with_anything_is_sent_only_when_complete_and_only_as_allowed(
    app_for: Callable[[Path], Flask], slug: str
) -> None:
    app = app_for(SHIPPED)
    definition = app.extensions["coprod.catalogue"].surveys[slug]
    person = Respondent(app.test_client())
    token = person.get(f"/surveys/{slug}").form_fields()["csrf_token"]
    with app.test_request_context():
        fields = {
            q.id: fields_for(
                q,
                sorted(question_type(q).option_values()) if q.type != "card_sort" else [],
            )
            for q in definition.questions
        }

    @st.composite
    def answers(draw: st.DrawFn) -> list[tuple[str, Posted]]:
        chosen = draw(st.lists(st.sampled_from(definition.questions), max_size=4))
        return [(q.id, draw(posted(fields[q.id], token))) for q in chosen]

    @examples(15)
    @given(pages=answers(), send=posted({}, token))
    def answer_and_send(pages: list[tuple[str, Posted]], send: Posted) -> None:
        known = set(disallowed_stored_answers(app))  # stored by earlier examples
        started = person.client.post(
            f"/surveys/{slug}/start", data={"csrf_token": token, "fresh": "1"}
        )
        assert started.status_code == 302
        draft_id = draft_id_of(person, slug)
        for question_id, item in pages:
            response = person.client.post(
                f"/surveys/{slug}/questions/{question_id}", data=item.data
            )
            assert response.status_code < 500
        # The check page shows whatever was saved; or it sends the person to a step the survey
        # asks first (a grown-up's agreement for a child under 13).
        check = person.client.get(f"/surveys/{slug}/check-answers")
        assert check.status_code in (200, 302)
        if check.status_code == 200:
            parse(check)
        with app_session(app) as session:
            saved = {
                a.question_id: a.value
                for a in session.scalars(
                    select(DraftAnswer).where(DraftAnswer.draft_id == draft_id)
                )
            }
        missing = [q for q in definition.questions if q.required and saved.get(q.id) is None]
        response = person.client.post(f"/surveys/{slug}/send", data=send.data)
        assert response.status_code < 500
        with app_session(app) as session:
            sent = session.scalar(select(Response).where(Response.draft_id == draft_id))
            sent_answers = (
                {}
                if sent is None
                else {
                    a.question_id: a.value
                    for a in session.scalars(select(Answer).where(Answer.response_id == sent.id))
                }
            )
        if not send.token_ok:
            assert_plain_page(response)
            assert sent is None
        elif response.status_code == 302 and local_path(response) == f"/surveys/{slug}/sent":
            assert not missing
            assert sent is not None
            assert sent_answers == {k: v for k, v in saved.items() if v is not None}
            assert person.get(f"/surveys/{slug}/sent").status == 200
        elif response.status_code == 302:
            assert local_path(response).startswith(f"/surveys/{slug}/")  # a step asked first
            assert sent is None
        else:
            assert missing
            assert_refused_plainly(response)
            assert len(parse(response).errors) == len(missing)
            assert sent is None
        assert not (wrong := set(disallowed_stored_answers(app)) - known), wrong

    answer_and_send()


# The examples hypothesis found, kept as plain cases -----------------------------------------


@pytest.mark.parametrize("typed", ["--5", "--", "-5-", "1" * 12])
def test_a_number_with_two_minus_signs_is_refused_plainly(
    app_for: Callable[[Path], Flask], typed: str
) -> None:
    """Once a server error: "--5" passed the digits check, then int() refused it."""
    app = app_for(TEST_SURVEYS)
    person = Respondent(app.test_client())
    person.start("every-type")
    page = person.get("/surveys/every-type/questions/weeks")
    result = person.submit(page, {"answer": typed})
    assert result.status == 400
    assert result.errors == ["Enter a whole number, like 12"]
    assert stored_answer(app, draft_id_of(person, "every-type"), "weeks") is MISSING
