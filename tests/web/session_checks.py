"""A facilitator's session to throw posts at, what no stored session may hold, and how a
response must look: the checks the property-based tests of the session forms make
(test_session_form_properties.py and test_session_import_properties.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import Flask
from sqlalchemy import select
from werkzeug.test import TestResponse

from coprod.db import app_session
from coprod.forms import clean_text
from coprod.languages import LANGUAGES
from coprod.models import (
    AgreedAction,
    Attendance,
    CardCount,
    Contribution,
    GroupSession,
    Tally,
)
from coprod.services.session_checks import (
    EARLIEST,
    activity_problems,
    contribution_problems,
)
from coprod.vocabulary import (
    ADJUSTMENTS,
    AGE_BANDS,
    CONTRIBUTION_KINDS,
    GROUP_TYPES,
    PILES,
    ROLES,
    SESSION_MODES,
    TALLY_OPTION_SETS,
)
from coprod.web.fields import MOST_PEOPLE
from coprod.web.sessions.forms import ATTENDANCE_ROWS
from tests.conftest import Respondent
from tests.pages import parse
from tests.staff import (
    add_contribution,
    csrf_token,
    record_attendance,
    signed_in,
    start_session,
)

#: What Python or WTForms say when a value slips past the form's own checks: a person must never
#: read these.
INTERNAL_MESSAGES = re.compile(
    r"invalid literal|Exceeds the limit|int\(\)|Traceback|could not convert"
)


# A session to throw things at -------------------------------------------------------------


@dataclass
class Recording:
    """A signed-in member of staff, a draft session with who came and a little said, and the
    form token their pages carry."""

    app: Flask
    staff: Respondent
    session_id: int
    token: str
    areas: list[str] = field(default_factory=list)

    def post(self, path: str, data: Any, **kwargs: Any) -> TestResponse:
        return self.staff.client.post(f"/staff/sessions/{path}", data=data, **kwargs)

    def ids(self, model: type[Any]) -> list[int]:
        with app_session(self.app) as session:
            return list(session.scalars(select(model.id)))


def recording(app: Flask, role: str = "facilitator") -> Recording:
    """Start a session through its pages, as a facilitator would."""
    staff = signed_in(app, role=role)
    session_id, _ = start_session(staff)
    record_attendance(
        staff,
        session_id,
        young_person_5_10=4,
        young_person_11_12=6,
        young_person_13_15=6,
        young_person_16_17=2,
        parent_carer=4,
        professional=3,
        other=2,
    )
    add_contribution(staff, session_id, "The quiet room helps me.", age_band="13-15")
    add_contribution(staff, session_id, "Nobody rang us back.", role="parent_carer", age_band="")
    staff.submit(
        staff.get(f"/staff/sessions/{session_id}/actions"),
        {"text": "Ask the school about the quiet room", "owner": "SEND team"},
    )
    staff.submit(
        staff.get(f"/staff/sessions/{session_id}/tallies/new?options=faces"),
        {"text": "How is school?", "options-0-count": "4", "options-2-count": "2"},
    )
    areas = [a.slug for a in app.extensions["coprod.catalogue"].frameworks["default"].focus_areas]
    return Recording(app, staff, session_id, csrf_token(staff), areas)


# What no stored session may hold ----------------------------------------------------------


def _text_ok(value: Any, longest: int) -> bool:
    return isinstance(value, str) and 0 < len(value) <= longest and value == clean_text(value)


def disallowed_session_values(app: Flask) -> list[str]:
    """Everything stored in any session that its form could not have let through."""
    catalogue = app.extensions["coprod.catalogue"]
    areas = {a.slug for a in catalogue.frameworks["default"].focus_areas}
    scores = {None} | {score for preset in TALLY_OPTION_SETS.values() for _, score in preset}
    wrong: list[str] = []

    def check(ok: bool, what: str) -> None:
        if not ok:
            wrong.append(what)

    with app.test_request_context(), app_session(app) as db:
        for record in db.scalars(select(GroupSession)):
            name = f"session {record.id}"
            check(_text_ok(record.group_name, 120), f"{name} group_name {record.group_name!r}")
            check(record.group_type in GROUP_TYPES, f"{name} group_type {record.group_type!r}")
            check(record.mode in SESSION_MODES, f"{name} mode {record.mode!r}")
            check(
                record.template is None or record.template in catalogue.session_templates,
                f"{name} template {record.template!r}",
            )
            check(EARLIEST <= record.held_on <= date.today(), f"{name} held_on {record.held_on}")
            for listed, allowed in (
                (record.adjustments, ADJUSTMENTS),
                (record.languages, LANGUAGES),
            ):
                check(
                    all(v in allowed for v in listed) and len(set(listed)) == len(listed),
                    f"{name} {listed!r}",
                )
            for came in record.attendance:
                check(
                    (came.role, came.age_band) in ATTENDANCE_ROWS and 0 < came.count <= MOST_PEOPLE,
                    f"{name} attendance {(came.role, came.age_band, came.count)}",
                )
            for said in record.contributions:
                check(
                    _text_ok(said.text, 5000)
                    and said.kind in CONTRIBUTION_KINDS
                    and said.role in ROLES
                    and (said.age_band is None or said.age_band in AGE_BANDS)
                    and (said.focus_area is None or said.focus_area in areas)
                    and (
                        not said.whole_group or (said.kind, said.age_band) == ("paraphrase", None)
                    ),
                    f"{name} contribution {vars(said)!r}",
                )
            positions = [c.position for c in record.contributions]
            check(len(set(positions)) == len(positions), f"{name} contribution positions")
            for tally in record.tallies:
                check(
                    _text_ok(tally.prompt, 500)
                    and (tally.focus_area is None or tally.focus_area in areas)
                    and tally.role in ROLES
                    and bool(tally.counts),
                    f"{name} tally {tally.prompt!r} {tally.focus_area!r} {tally.role!r}",
                )
                for option in tally.counts:
                    check(
                        _text_ok(option.label, 200)
                        and 0 <= option.count <= MOST_PEOPLE
                        and option.score in scores,
                        f"{name} tally option {(option.label, option.count, option.score)!r}",
                    )
            for card in record.card_counts:
                check(
                    _text_ok(card.card, 200)
                    and (card.focus_area is None or card.focus_area in areas)
                    and card.pile in PILES
                    and card.role in ROLES
                    and 0 < card.count <= MOST_PEOPLE,
                    f"{name} card {(card.card, card.focus_area, card.pile, card.count)!r}",
                )
            for action in record.actions:
                check(
                    _text_ok(action.text, 1000) and _text_ok(action.owner, 200),
                    f"{name} action {(action.text, action.owner)!r}",
                )
            # Counts that add up to more people than came are refused wherever they are typed.
            check(
                not contribution_problems(record.attendance, record.contributions),
                f"{name} contributions from people who did not come",
            )
            check(
                not activity_problems(record.attendance, record.tallies, record.card_counts),
                f"{name} more votes than people",
            )
    return wrong


def snapshot(app: Flask) -> list[Any]:
    """Everything stored about every session, to tell whether a post changed anything."""
    with app_session(app) as db:
        rows: list[Any] = []
        for model in (GroupSession, Attendance, Contribution, Tally, CardCount, AgreedAction):
            for row in db.scalars(select(model).order_by(model.id)):
                rows.append(
                    {k: v for k, v in vars(row).items() if k not in ("_sa_instance_state",)}
                )
        return rows


# How a response must look ------------------------------------------------------------------


def assert_answered_plainly(
    response: TestResponse, *, redirects: bool = True, unshown: str | None = None
) -> None:
    """Never a 5xx; a redirect within the service, or a page a person can read, whose error
    summary (if any) is in plain words and links to something on the page (but for fields
    matching ``unshown``, which the page does not show and only a forged post sends)."""
    assert response.status_code < 500, response.status_code
    if response.status_code in (302, 303):
        assert redirects, "this post should have got its page again"
        assert response.headers["Location"].startswith(("/", "http://localhost/"))
        return
    page = parse(response)
    for message in page.errors:
        assert not INTERNAL_MESSAGES.search(message), message
    for link in page.soup.select(".govuk-error-summary__list a"):
        target = str(link["href"])
        if unshown and re.match(unshown, target):
            continue
        assert target.startswith("#") and page.soup.find(id=target[1:]) is not None, target


def assert_refused(response: TestResponse) -> None:
    """The form came back with an error summary (or the plain form-token page)."""
    assert response.status_code == 400, response.status_code
    page = parse(response)
    assert page.errors or "We could not save that page" in page.title, page.title
