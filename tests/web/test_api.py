"""The JSON API as a Power BI refresh meets it: a token lets it in (a cookie never does), its
scopes and rate limit hold, every call is audited, the counts are the dashboard's, and no
original words, names, reference codes or safeguarding concerns ever leave."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import Tag
from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import ApiToken, AuditEvent, Response, User
from tests.evidence.dataset import AUTUMN, SPRING, Said, known, store
from tests.staff import signed_in
from tests.web.api_helpers import call, make_token, store_analysed

LABELS = ("positive", "negative", "neutral", "mixed", "unscored")
WITH_DETAILS = [
    "Mrs Khan at Oakfield Primary School said the plan was late again, email amina.khan@example.org",
    "My son Daniel Okafor waited two years for his EHC plan, call 07700 900123.",
]
#: Everything a statement carries: no original text, name or reference among them.
STATEMENT_FIELDS = {
    "id",
    "period",
    "source",
    "kind",
    "role",
    "text",
    "sentiment",
    "focus_areas",
    "weight",
}
FLAGGED = "I want to hurt myself because nobody listens about my plan."


def test_no_token_or_a_made_up_one_is_refused_in_json(app: Flask) -> None:
    client = app.test_client()
    for secret in (None, "coprod_made-up", "not-even-ours"):
        response = call(client, "/api/v1/periods", secret)
        assert response.status_code == 401
        assert response.content_type == "application/json"
        assert response.json is not None and response.json["status"] == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    bare = client.get("/api/v1/periods", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert bare.status_code == 401


def test_being_signed_in_to_the_staff_pages_does_not_open_the_api(app: Flask) -> None:
    analyst = signed_in(app, "analyst")
    assert analyst.client.get("/staff/evidence/").status_code == 200
    response = analyst.client.get("/api/v1/statements")
    assert response.status_code == 401
    assert response.json is not None
    assert "Set-Cookie" not in response.headers


def test_a_revoked_or_expired_token_or_one_whose_owner_left_is_refused(app: Flask) -> None:
    client = app.test_client()
    revoked = make_token(app, email="one@example.org")
    expired = make_token(
        app, email="two@example.org", expires_on=datetime.now(UTC).date() + timedelta(days=3)
    )
    left = make_token(app, email="three@example.org")
    for secret in (revoked, expired, left):
        assert call(client, "/api/v1/periods", secret).status_code == 200
    with app_session(app) as session:
        now = datetime.now(UTC)
        tokens = {t.user_id: t for t in session.scalars(select(ApiToken))}
        people = {u.email: u for u in session.scalars(select(User))}
        tokens[people["one@example.org"].id].revoked_at = now
        tokens[people["two@example.org"].id].expires_at = now - timedelta(seconds=1)
        people["three@example.org"].role = "facilitator"
        session.commit()
    messages = [call(client, "/api/v1/periods", s).json for s in (revoked, expired, left)]
    assert [m["status"] for m in messages if m] == [401, 401, 401]
    assert "revoked" in messages[0]["message"]  # type: ignore[index]
    assert "expired" in messages[1]["message"]  # type: ignore[index]
    assert "can no longer read the evidence" in messages[2]["message"]  # type: ignore[index]


def test_each_scope_opens_only_its_own_operation(app: Flask) -> None:
    client = app.test_client()
    counts_only = make_token(app, scopes=["aggregates:read"])
    words_only = make_token(app, email="words@example.org", scopes=["statements:read"])
    assert call(client, "/api/v1/aggregates", counts_only).status_code == 200
    refused = call(client, "/api/v1/statements", counts_only)
    assert refused.status_code == 403
    assert refused.json is not None and "statements:read" in refused.json["message"]
    assert call(client, "/api/v1/statements", words_only).status_code == 200
    assert call(client, "/api/v1/aggregates", words_only).status_code == 403
    for shared in ("/api/v1/focus-areas", "/api/v1/periods"):
        assert call(client, shared, counts_only).status_code == 200
        assert call(client, shared, words_only).status_code == 200


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [
        ("/api/v1/statements", {"period": "2019-01"}, "period"),
        ("/api/v1/statements", {"period": "soon"}, "period"),
        ("/api/v1/statements", {"focus_area": "parking"}, "focus_area"),
        ("/api/v1/statements", {"role": "headteacher"}, "role"),
        ("/api/v1/statements", {"sentiment": "angry"}, "sentiment"),
        ("/api/v1/statements", {"since": "31/03/2026"}, "since"),
        ("/api/v1/statements", {"since": "2026-02-30"}, "since"),
        ("/api/v1/statements", {"page": "0"}, "page"),
        ("/api/v1/statements", {"page_size": "501"}, "page_size"),
        ("/api/v1/statements", {"page_size": "ten"}, "page_size"),
        ("/api/v1/aggregates", {"framework": "nowhere"}, "framework"),
        ("/api/v1/aggregates", {"age_band": "12-14"}, "age_band"),
        ("/api/v1/aggregates", {"language": "xx"}, "language"),
        ("/api/v1/focus-areas", {"framework": ""}, "framework"),
    ],
)
def test_a_bad_parameter_is_named_in_plain_words(
    app: Flask, path: str, query: dict[str, str], parameter: str
) -> None:
    response = call(app.test_client(), path, make_token(app), **query)
    assert response.status_code == 400
    assert response.json is not None
    assert response.json["parameter"] == parameter
    assert response.json["message"].startswith(parameter)


def test_unknown_addresses_and_other_methods_answer_in_json(app: Flask) -> None:
    client = app.test_client()
    missing = client.get("/api/v1/people", headers={"Authorization": "Bearer x"})
    assert missing.status_code == 404 and missing.json is not None
    posted = client.post("/api/v1/statements", data={"a": "b"})
    assert posted.status_code == 405 and posted.json is not None
    assert "GET" in posted.headers["Allow"]


def test_over_the_rate_limit_a_token_waits_and_others_carry_on(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(RATE_LIMIT_API="3 per minute")
    client = app.test_client()
    busy = make_token(app)
    other = make_token(app, email="other@example.org")
    statuses = [call(client, "/api/v1/periods", busy).status_code for _ in range(3)]
    blocked = call(client, "/api/v1/focus-areas", busy)
    assert statuses == [200, 200, 200]
    assert blocked.status_code == 429
    assert blocked.json is not None and "Too many requests" in blocked.json["message"]
    assert int(blocked.headers["Retry-After"]) > 0
    assert call(client, "/api/v1/periods", other).status_code == 200


def test_an_address_guessing_tokens_is_slowed_and_a_good_token_still_works(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(RATE_LIMIT_API_REFUSED="3 per minute")
    client = app.test_client()
    good = make_token(app)
    guesses = [call(client, "/api/v1/periods", f"guess-{n}") for n in range(4)]
    assert [r.status_code for r in guesses] == [401, 401, 401, 429]
    assert guesses[3].json is not None and "not valid" in guesses[3].json["message"]
    assert int(guesses[3].headers["Retry-After"]) > 0
    assert client.get("/api/v1/periods").status_code == 429  # no token at all counts too
    assert call(client, "/api/v1/periods", good).status_code == 200


def dashboard_figures(section: Tag) -> dict[str, object]:
    """One area on the dashboard, as the API would put it."""
    if section.select_one("[data-nobody]"):
        return {"people": 0, "statements": 0, "sentiment": dict.fromkeys(LABELS, 0)}
    if section.select_one("[data-too-few]"):
        return {"people": None, "statements": None, "sentiment": dict.fromkeys(LABELS)}
    heard = section.select_one("[data-heard]")
    assert heard is not None
    people, statements = (int(w) for w in heard.get_text().split() if w.isdigit())
    sentiment: dict[str, int | None] = dict.fromkeys(LABELS, 0)
    for row in section.select("table[data-table=by-feeling] tr[data-row]"):
        cell = row.select_one("td")
        assert cell is not None
        shown = cell.get_text(strip=True)
        sentiment[str(row["data-row"])] = None if cell.select_one("[data-hidden]") else int(shown)
    return {"people": people, "statements": statements, "sentiment": sentiment}


@pytest.mark.parametrize("filters", [{}, {"role": "young_person"}, {"role": "parent_carer"}])
def test_the_counts_are_the_dashboards_with_small_counts_hidden(
    app: Flask, filters: dict[str, str]
) -> None:
    store(app, [*known(), Said("ehc_plans", -0.5, AUTUMN, safeguarding=True)])
    lead = signed_in(app, "analyst")
    client = app.test_client()
    secret = make_token(app)
    for period in ("2026-01", "2026-07"):
        answer = call(client, "/api/v1/aggregates", secret, period=period, **filters).json
        assert answer is not None and answer["threshold"] == 10
        page = lead.get(
            "/staff/evidence/?"
            + "&".join(f"{k}={v}" for k, v in {"period": period, **filters}.items())
        )
        for item in answer["items"]:
            section = page.soup.select_one(f"[data-area={item['focus_area']}]")
            assert section is not None
            shown = {k: item[k] for k in ("people", "statements", "sentiment")}
            assert shown == dashboard_figures(section), (period, item["focus_area"])
            hidden = None in (item["people"], item["statements"], *item["sentiment"].values())
            assert item["suppressed"] is hidden
            for n in (item["people"], item["statements"], *item["sentiment"].values()):
                assert n is None or n == 0 or n >= 10


def test_the_autumn_figures_by_hand(app: Flask) -> None:
    """15 parents on EHC plans (10 positive, 5 negative: both hidden, since 5 alone could be
    worked out), 4 on the local offer (too few: all hidden), nobody on transitions (zeros)."""
    store(app, known())
    answer = call(app.test_client(), "/api/v1/aggregates", make_token(app), period="2026-07").json
    assert answer is not None
    items = {i["focus_area"]: i for i in answer["items"]}
    assert items["ehc_plans"]["people"] == 15 and items["ehc_plans"]["statements"] == 15
    assert items["ehc_plans"]["sentiment"]["positive"] is None
    assert items["ehc_plans"]["sentiment"]["negative"] is None
    assert items["ehc_plans"]["suppressed"] is True
    assert items["local_offer"]["people"] is None and items["local_offer"]["suppressed"] is True
    assert items["transitions"]["statements"] == 0 and items["transitions"]["suppressed"] is False
    all_periods = call(
        app.test_client(), "/api/v1/aggregates", make_token(app, email="b@example.org")
    ).json
    assert all_periods is not None
    assert {i["period"] for i in all_periods["items"]} >= {"2026-01", "2026-07"}


def every_answer(app: Flask, secret: str) -> str:
    """Every operation's answer, every page of statements included, as one text."""
    client = app.test_client()
    bodies = [
        call(client, path, secret).get_data(as_text=True)
        for path in ("/api/v1/aggregates", "/api/v1/focus-areas", "/api/v1/periods")
    ]
    address: str | None = "/api/v1/statements?page_size=5"
    while address:
        response = client.get(address, headers={"Authorization": f"Bearer {secret}"})
        assert response.status_code == 200
        bodies.append(response.get_data(as_text=True))
        address = response.json["next"] if response.json else None
    return "\n".join(bodies)


def test_no_original_words_names_codes_or_concerns_ever_leave(app: Flask) -> None:
    store_analysed(app, WITH_DETAILS * 6, SPRING)
    flagged = store_analysed(app, [FLAGGED], SPRING)
    secret = make_token(app)
    text = every_answer(app, secret)
    for original in (*WITH_DETAILS, FLAGGED, "hurt myself"):
        assert original not in text
    for detail in ("Khan", "amina.khan@example.org", "Oakfield", "Daniel Okafor", "07700 900123"):
        assert detail not in text
    with app_session(app) as session:
        for reference in session.scalars(select(Response.reference)):
            assert reference not in text
    assert "[name] at [school] said the plan was late again, email [email]" in text
    answer = call(app.test_client(), "/api/v1/statements", secret, page_size=500).json
    assert answer is not None
    given = {item["id"] for item in answer["items"]}
    assert len(given) == 12 and flagged[0] not in given
    for item in answer["items"]:
        assert [(t["focus_area"], t["origin"]) for t in item["focus_areas"]] == [
            ("ehc_plans", "auto")
        ]
        assert 0 < item["focus_areas"][0]["confidence"] <= 1
        assert set(item) == STATEMENT_FIELDS
    counted = call(app.test_client(), "/api/v1/aggregates", secret, period="2026-01").json
    assert counted is not None
    ehc = next(i for i in counted["items"] if i["focus_area"] == "ehc_plans")
    assert ehc["statements"] == 13  # the flagged statement is counted, never quoted


def test_statements_of_areas_where_few_were_heard_are_left_out_and_filters_work(
    app: Flask,
) -> None:
    store(app, known())
    client = app.test_client()
    secret = make_token(app)
    autumn = call(client, "/api/v1/statements", secret, period="2026-07").json
    assert autumn is not None and autumn["count"] == 15  # not the 4 on the local offer
    assert {i["focus_areas"][0]["focus_area"] for i in autumn["items"]} == {"ehc_plans"}
    assert {i["period"] for i in autumn["items"]} == {"2026-07"}
    negative = call(
        client, "/api/v1/statements", secret, period="2026-07", sentiment="negative"
    ).json
    assert negative is not None
    assert {i["text"] for i in negative["items"]} == {
        "We waited far too long and nobody told us why."
    }
    young = call(client, "/api/v1/statements", secret, role="young_person").json
    assert young is not None and young["count"] == 3
    assert call(client, "/api/v1/statements", secret, since="2026-09-15").json["count"] == 15  # type: ignore[index]
    assert call(client, "/api/v1/statements", secret, focus_area="local_offer").json["count"] == 0  # type: ignore[index]
    assert call(client, "/api/v1/statements", secret, source="session").json["count"] == 0  # type: ignore[index]


def test_paging_follows_next_to_the_end(app: Flask) -> None:
    store(app, known())
    client = app.test_client()
    secret = make_token(app)
    seen: list[int] = []
    address: str | None = "/api/v1/statements?page_size=10&period=2026-07"
    while address:
        answer = client.get(address, headers={"Authorization": f"Bearer {secret}"}).json
        assert answer is not None
        seen.extend(i["id"] for i in answer["items"])
        address = answer["next"]
        assert address is None or address.startswith("http://localhost/api/v1/statements?")
    assert len(seen) == 15 == len(set(seen)) and seen == sorted(seen)


def test_every_call_is_audited_and_the_token_marked_used(app: Flask) -> None:
    store(app, known())
    client = app.test_client()
    secret = make_token(app)
    call(client, "/api/v1/statements", secret, period="2026-07")
    call(client, "/api/v1/aggregates", secret, period="bad")
    with app_session(app) as session:
        events = list(
            session.scalars(
                select(AuditEvent).where(AuditEvent.action == "api_read").order_by(AuditEvent.id)
            )
        )
        token = session.scalar(select(ApiToken))
        assert token is not None and token.last_used_at is not None
        assert [e.subject for e in events] == [f"api_token:{token.id}"] * 2
        assert [e.user_id for e in events] == [token.user_id] * 2
        assert events[0].detail == {
            "path": "/api/v1/statements",
            "query": {"period": "2026-07"},
            "status": 200,
            "returned": 15,
        }
        assert events[1].detail is not None and events[1].detail["status"] == 400


def test_the_openapi_description_is_served_without_a_token_and_is_valid(app: Flask) -> None:
    from openapi_spec_validator import validate

    response = app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.content_type == "application/json"
    document = response.json
    assert document is not None
    validate(document)
    assert set(document["paths"]) == {
        "/openapi.json",
        "/focus-areas",
        "/periods",
        "/statements",
        "/aggregates",
    }
    rules = {r.rule for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")}
    assert rules == {f"/api/v1{path}" for path in document["paths"]}


def test_settings_that_cannot_work_are_explained_not_a_crash(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(MONITORING_START="2099-01-01")
    secret = make_token(app)
    for path in ("/api/v1/periods", "/api/v1/statements", "/api/v1/aggregates"):
        response = call(app.test_client(), path, secret)
        assert response.status_code == 503
        assert response.json is not None
        assert (
            response.json["message"]
            == "The monitoring start date 01 January 2099 is in the future."
        )
