"""Recurring themes: the phrases that set a focus area apart, worked out on statements where the
answer is known, and read from the database without anything that must not be shown."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask, render_template_string

from coprod.analysis.learned import is_stop_words
from coprod.db import app_session
from coprod.evidence.cells import Scope
from coprod.evidence.disclosure import ThresholdTooLow
from coprod.evidence.periods import monitoring_periods
from coprod.evidence.themes import Theme, distinctive, terms
from coprod.models import GroupSession, Response, Statement, StatementTag, Survey, SurveyVersion
from coprod.services.evidence_themes import PER_AREA, themes
from tests.evidence.dataset import AUTUMN, SPRING
from tests.factories import make_user

#: What families said about each area, none of it about waiting lists or short breaks.
BACKGROUND = {
    "identification": [
        "The school noticed she was struggling with reading in year two.",
        "Our GP listened and referred him for an autism assessment.",
        "Nobody picked up his speech delay until he started school.",
        "The SENCO was kind and the support helped our family.",
        "She masks all day at school and falls apart at home.",
    ],
    "ehc_plans": [
        "The draft plan did not mention his speech needs at all.",
        "Our caseworker changed three times this year.",
        "The final plan named the right school in the end.",
        "Staff were kind and the support helped our family.",
        "Section F was vague about how many therapy hours he gets.",
    ],
    "transitions": [
        "College visits helped him feel ready for September.",
        "The move to secondary was rushed and nobody explained it.",
        "Nobody planned for what happens after he turns sixteen.",
        "The support helped our family get ready for college.",
        "She met her new tutor before the summer holidays.",
    ],
    "local_offer": [
        "The website was hard to search on my phone.",
        "I found the holiday clubs through the newsletter.",
        "Nobody told us about the local offer until last year.",
        "The support helped our family find the right group.",
        "The directory still listed groups that had closed.",
    ],
}

#: Twelve people in their own words, each mentioning the waiting list.
WAITING = [
    "We have been on the waiting list for two years now.",
    "The waiting list for CAMHS is endless.",
    "Still on the waiting list and nobody rings us back.",
    "The waiting list means she gets no help at all.",
    "They put him on the waiting list and forgot him.",
    "Our GP says the waiting list is out of her hands.",
    "My son gave up hope on the waiting list.",
    "Being on the waiting list feels like being forgotten.",
    "A waiting list of eighteen months is cruel.",
    "The waiting list keeps growing every time I ask.",
    "I phoned about the waiting list again today.",
    "Every letter says the waiting list is under review.",
    "Sitting on a waiting list while she stops eating.",
    "The school cannot help because of the waiting list.",
    "The waiting list has no end date.",
]


def background(people_each: int = 15) -> list[tuple[str, Hashable, str]]:
    """Each area's everyday statements, each from a different person."""
    return [
        (area, ("bg", area, n), texts[n % len(texts)])
        for area, texts in BACKGROUND.items()
        for n in range(people_each)
    ]


def said(
    area: str, texts: list[str], people: int, tag: str = "p"
) -> list[tuple[str, Hashable, str]]:
    """``texts`` in ``area``, spread over ``people`` different people."""
    return [(area, (tag, n % people), text) for n, text in enumerate(texts)]


def phrases(found: dict[str, list[Theme]], area: str) -> list[str]:
    return [theme.phrase for theme in found.get(area, [])]


def test_a_phrase_many_people_use_in_one_area_comes_out_top() -> None:
    rows = [
        *background(),
        *said("identification", WAITING[:12], 12),
        ("ehc_plans", ("elsewhere", 1), "We are on a waiting list for the panel."),
    ]
    found = distinctive(rows, threshold=10)
    top = found["identification"][0]
    assert (top.phrase, top.people, top.statements) == ("waiting list", 12, 12)
    assert top.score > 1.96
    assert all(
        "waiting" not in p
        for area in BACKGROUND
        for p in phrases(found, area)
        if area != "identification"
    )


def test_a_phrase_said_by_fewer_people_than_the_threshold_never_appears() -> None:
    found = distinctive([*background(), *said("identification", WAITING[:9], 9)], threshold=10)
    assert not any("waiting" in p or "list" in p for area in found for p in phrases(found, area))


def test_one_person_saying_it_again_and_again_counts_once() -> None:
    insistent = [("identification", ("insistent", 1), WAITING[n % 15]) for n in range(15)]
    alone = distinctive([*background(), *insistent], threshold=10)
    assert "waiting list" not in phrases(alone, "identification")
    nine_more = said("identification", WAITING[:9], 9)
    found = distinctive([*background(), *insistent, *nine_more], threshold=10)
    top = found["identification"][0]
    assert (top.phrase, top.people, top.statements) == ("waiting list", 10, 24)


def test_a_word_common_to_every_area_is_not_distinctive() -> None:
    found = distinctive([*background(), *said("identification", WAITING[:12], 12)], threshold=5)
    every = ("support", "helped", "family", "support helped", "helped our", "nobody")
    assert not any(word in phrases(found, area) for area in BACKGROUND for word in every)


def test_placeholders_stop_words_numbers_and_single_letters_never_appear() -> None:
    redacted = [
        f"[name] at [school] said to ring [phone] about the {n} forms, it was a mess."
        for n in range(2, 14)
    ] + [f"Call [NHS number] on [date of birth] or [postcode] {n}." for n in range(12)]
    found = distinctive([*background(), *said("ehc_plans", redacted, 12)], threshold=10)
    shown = [p for area in found for p in phrases(found, area)]
    assert "forms" in shown  # said by all twelve, and only here
    for phrase in shown:
        assert not set(phrase.split()) & {
            "name",
            "school",
            "phone",
            "nhs",
            "number",
            "date",
            "birth",
            "postcode",
        }
        assert not any(
            is_stop_words(word) or word.isdigit() or len(word) < 2 for word in phrase.split()
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Placeholders are dropped and end a phrase: no "met today".
        ("We met [name] today.", {"met", "today"}),
        (
            "[name] at [school] said the waiting list is 2 years",
            {"said", "waiting", "list", "waiting list", "years"},
        ),
        # A phrase neither starts nor ends with a stop word, nor runs over a comma.
        ("Nobody’s listening, honestly", {"nobodys", "listening", "nobodys listening", "honestly"}),
        ("A plan for a b c 2026", {"plan"}),
        ("The EHC plan, post-16", {"ehc", "plan", "ehc plan", "post"}),
    ],
)
def test_the_words_and_phrases_a_statement_uses(text: str, expected: set[str]) -> None:
    assert terms(text)[0] == expected


def test_a_phrase_wins_over_its_own_words_unless_the_word_is_used_more_widely() -> None:
    found = distinctive([*background(), *said("identification", WAITING[:12], 12)], threshold=10)
    shown = phrases(found, "identification")
    assert "waiting list" in shown and "waiting" not in shown and "list" not in shown
    waiting_for = [
        f"Waiting for {what} again." for what in ("an assessment", "a diagnosis", "SALT")
    ] * 5
    wider = distinctive(
        [
            *background(),
            *said("identification", WAITING[:12], 12),
            *said("identification", waiting_for, 15, "w"),
        ],
        threshold=10,
    )
    assert {"waiting list", "waiting"} <= set(phrases(wider, "identification"))


def test_a_phrase_is_shown_as_people_wrote_it() -> None:
    listened = [f"They didn't listen to us about {what}." for what in WAITING[:12]]
    found = distinctive([*background(), *said("local_offer", listened, 12)], threshold=10)
    assert "didn't listen" in phrases(found, "local_offer")


def test_at_most_the_limit_in_order_of_score_then_phrase() -> None:
    assessed = [f"The autism assessment took {n} months." for n in range(3, 15)]
    therapy = [f"Speech therapy stopped after {n} sessions." for n in range(3, 15)]
    rows = [
        *background(people_each=40),
        *said("identification", WAITING, 15),
        *said("identification", assessed, 12, "a"),
        *said("identification", therapy, 12, "t"),
    ]
    everything = distinctive(rows, threshold=10, limit=10)["identification"]
    assert {"waiting list", "autism assessment", "speech therapy"} <= {t.phrase for t in everything}
    assert everything == sorted(everything, key=lambda t: (-t.score, t.phrase))
    assert distinctive(rows, threshold=10, limit=2)["identification"] == everything[:2]


def test_a_threshold_that_protects_nobody_is_refused() -> None:
    with pytest.raises(ThresholdTooLow):
        distinctive(background(), threshold=3)


def test_nothing_said_has_no_themes() -> None:
    assert distinctive([], threshold=10) == {}
    assert distinctive(said("ehc_plans", WAITING, 15), threshold=10) == {"ehc_plans": []}


# From the database.

PERIOD = monitoring_periods("2025-01-01", 6, date(2026, 11, 23))[-1]  # July to December 2026

SHORT_BREAKS = [
    "We only heard about short breaks from another parent.",
    "Short breaks are the lifeline we rely on.",
    "The short breaks offer was cut without warning.",
    "Nobody explained how to apply for short breaks.",
    "Short breaks at weekends keep our family together.",
    "The form for short breaks was twenty pages long.",
    "He loves his short breaks club on Saturdays.",
    "We waited a year for short breaks funding.",
    "Short breaks in the holidays saved my sanity.",
    "Our social worker never mentioned short breaks.",
    "There are not enough short breaks for older children.",
    "Short breaks should be easier to find online.",
]


@dataclass(frozen=True)
class Spoken:
    """One statement as stored, with everything that decides whether its words may be read."""

    area: str
    text: str
    when: datetime = AUTUMN
    kind: str = "free_text"
    safeguarding: bool = False
    needs_translation: bool = False
    role: str = "parent_carer"
    #: Said at this group session (by number) rather than in a survey response of its own.
    session: int | None = None


def store(app: Flask, spoken: list[Spoken]) -> None:
    """Each statement in its own survey response, or from its group session, tagged to its area
    twice over (as survey and person tags are)."""
    facilitator = make_user(app, role="facilitator").id
    with app_session(app) as session:
        survey = Survey(slug="themes", title="Themes")
        version = SurveyVersion(survey=survey, number=1, checksum="0" * 64, definition={})
        session.add_all([survey, version])
        session.flush()
        groups: dict[int, int] = {}
        for n, item in enumerate(spoken):
            response_id = session_id = None
            if item.session is None:
                response = Response(
                    survey_version_id=version.id, reference=f"THEME-{n:05d}", submitted_at=item.when
                )
                session.add(response)
                session.flush()
                response_id = response.id
            else:
                if item.session not in groups:
                    group = GroupSession(
                        group_name="Youth voice group",
                        group_type="youth_forum",
                        held_on=item.when.date(),
                        mode="in_person",
                        facilitator_id=facilitator,
                    )
                    session.add(group)
                    session.flush()
                    groups[item.session] = group.id
                session_id = groups[item.session]
            statement = Statement(
                response_id=response_id,
                session_id=session_id,
                source="survey" if session_id is None else "session",
                kind=item.kind,
                role=item.role,
                language="en",
                said_at=item.when,
                text=item.text,
                redacted_text=item.text,
                safeguarding=item.safeguarding,
                needs_translation=item.needs_translation,
            )
            session.add(statement)
            session.flush()
            for origin in ("survey", "person"):
                session.add(
                    StatementTag(
                        statement_id=statement.id,
                        framework="default",
                        focus_area=item.area,
                        origin=origin,
                    )
                )
        session.commit()


def everyday(role: str = "parent_carer") -> list[Spoken]:
    """Fifteen people on each area this autumn."""
    return [
        Spoken(area, text, AUTUMN - timedelta(days=1), role=role) for area, _, text in background()
    ]


def found_in(
    app: Flask, scope: Scope | None = None, per_area: int = PER_AREA
) -> dict[str, list[Theme]]:
    with app_session(app) as session:
        return themes(session, scope or Scope("default"), PERIOD, 10, per_area)


def test_the_period_s_free_text_gives_the_area_its_theme(app: Flask) -> None:
    store(app, [*everyday(), *[Spoken("local_offer", text) for text in SHORT_BREAKS]])
    found = found_in(app)
    top = found["local_offer"][0]
    assert (top.phrase, top.people, top.statements) == ("short breaks", 12, 12)
    assert set(found) == set(BACKGROUND)


@pytest.mark.parametrize(
    "left_out",
    [
        {"safeguarding": True},
        {"needs_translation": True},
        {"kind": "closed"},
        {"when": SPRING},
        {"session": 1},  # everyone at one session counts once: one person, not twelve
    ],
    ids=["safeguarding", "untranslated", "closed", "another period", "one session"],
)
def test_what_must_not_be_read_is_left_out(app: Flask, left_out: dict[str, Any]) -> None:
    store(
        app,
        [*everyday(), *[replace(Spoken("local_offer", text), **left_out) for text in SHORT_BREAKS]],
    )
    found = found_in(app)
    assert not any("short" in p or "breaks" in p for area in found for p in phrases(found, area))


def test_only_the_most_recent_statements_of_an_area_are_read(app: Flask) -> None:
    earlier = [Spoken("local_offer", text, AUTUMN - timedelta(days=30)) for text in SHORT_BREAKS]
    store(app, [*everyday(), *earlier])
    assert "short breaks" in phrases(found_in(app), "local_offer")
    assert "short breaks" not in phrases(found_in(app, per_area=15), "local_offer")


def test_the_filters_choose_whose_words_are_read(app: Flask) -> None:
    young = [Spoken("local_offer", text, role="young_person") for text in SHORT_BREAKS]
    store(app, [*everyday(), *everyday("young_person"), *young])
    assert "short breaks" in phrases(
        found_in(app, Scope("default", role="young_person")), "local_offer"
    )
    assert "short breaks" not in phrases(
        found_in(app, Scope("default", role="parent_carer")), "local_offer"
    )


# On the page.


def render_themes(app: Flask, found: list[Theme]) -> BeautifulSoup:
    with app.test_request_context("/"):
        html = render_template_string(
            '{% from "evidence/_themes.html" import themes %}{{ themes(found) }}', found=found
        )
    return BeautifulSoup(html, "html.parser")


def test_themes_read_as_phrases_each_said_by_so_many_people(app: Flask) -> None:
    page = render_themes(
        app, [Theme("waiting list", 1234, 1500, 9.1), Theme("didn't listen", 12, 12, 3.0)]
    )
    assert page.h3 is not None and page.h3.get_text(strip=True) == "Recurring themes"
    shown = page.select("ul[data-themes].govuk-list--bullet li")
    assert [" ".join(li.get_text().split()) for li in shown] == [
        "waiting list: said by 1,234 people",
        "didn't listen: said by 12 people",
    ]


def test_no_themes_is_said_plainly(app: Flask) -> None:
    page = render_themes(app, [])
    assert page.select("[data-themes]") == []
    assert page.select_one("[data-no-themes]") is not None
