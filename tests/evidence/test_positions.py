"""Position statements: a draft written from the figures, saved by the lead as versions with
their history, and two people editing at once never overwriting each other."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import AuditEvent, PositionStatement
from tests.conftest import Respondent
from tests.evidence.dataset import known, store
from tests.staff import signed_in

PAGE = "/staff/evidence/positions/ehc_plans?period=2026-07"


@pytest.fixture
def lead(app: Flask) -> Respondent:
    return signed_in(app, "analyst")


def test_the_first_draft_is_written_from_the_figures(app: Flask, lead: Respondent) -> None:
    store(app, known())
    page = lead.get(PAGE)
    assert page.status == 200
    fields = page.form_fields()
    assert fields["conclusion"].startswith("15 people spoke about Education, Health and Care plans")
    assert "could be chance" in fields["conclusion"]
    assert "From 15 statements made in July 2026 to December 2026" in fields["how_reached"]
    assert "Figures about fewer than 10 people are not shown" in fields["how_reached"]
    assert "/staff/evidence/?framework=default&period=2026-07#area-ehc_plans" in fields["evidence"]
    assert page.soup.select_one("[data-drafted]") is not None


def test_too_few_people_gives_a_draft_that_says_so(app: Flask, lead: Respondent) -> None:
    store(app, known())
    page = lead.get("/staff/evidence/positions/local_offer?period=2026-07")
    assert page.form_fields()["conclusion"].startswith("Fewer than 10 people spoke about")


def test_each_save_is_a_new_version_with_its_history(app: Flask, lead: Respondent) -> None:
    store(app, known())
    first = lead.submit(lead.get(PAGE), {"conclusion": "Plans are on time more often."})
    assert first.status == 200, first.errors
    assert "Version 1, saved by Analyst Person" in first.text()
    second = lead.submit(first, {"sustainability": "Weekly letters are now part of the job."})
    assert "Version 2" in second.text()
    assert second.form_fields()["conclusion"] == "Plans are on time more often."
    assert len(second.soup.select("[data-history]")) == 2
    with app_session(app) as session:
        numbers = session.scalars(select(PositionStatement.number)).all()
        assert sorted(numbers) == [1, 2]
        assert session.scalar(select(AuditEvent).where(AuditEvent.action == "position_saved"))


def test_two_people_saving_at_once_never_overwrite_each_other(app: Flask, lead: Respondent) -> None:
    store(app, known())
    other = signed_in(app, "admin", email="other@example.org")
    mine = lead.get(PAGE)
    theirs = other.get(PAGE)
    assert other.submit(theirs, {"conclusion": "Their conclusion."}).status == 200
    clashed = lead.submit(mine, {"conclusion": "My conclusion."})
    assert clashed.soup.select_one("[data-clash]") is not None
    assert clashed.form_fields()["conclusion"] == "My conclusion."  # kept, not lost
    assert "Their conclusion." in clashed.soup.select_one("[data-their-version]").get_text()
    assert "Admin Person saved version 1" in clashed.text()
    with app_session(app) as session:
        assert session.scalars(select(PositionStatement.conclusion)).all() == ["Their conclusion."]
    again = lead.submit(clashed)
    assert again.soup.select_one("[data-clash]") is None
    with app_session(app) as session:
        latest = session.scalars(
            select(PositionStatement).order_by(PositionStatement.number.desc())
        ).first()
        assert latest is not None and (latest.number, latest.conclusion) == (2, "My conclusion.")


def test_an_empty_conclusion_is_explained_and_nothing_is_saved(
    app: Flask, lead: Respondent
) -> None:
    page = lead.submit(lead.get(PAGE), {"conclusion": "   ", "how_reached": "x" * 10_001})
    assert "Write the conclusion" in page.errors
    assert "Keep this under 10,000 characters" in page.errors
    with app_session(app) as session:
        assert session.scalars(select(PositionStatement)).all() == []


def test_only_analysts_edit_position_statements(app: Flask) -> None:
    facilitator = signed_in(app, "facilitator")
    assert facilitator.client.get(PAGE).status_code == 403
    assert (
        signed_in(app, "analyst", email="a@example.org")
        .client.get("/staff/evidence/positions/not_an_area")
        .status_code
        == 404
    )
