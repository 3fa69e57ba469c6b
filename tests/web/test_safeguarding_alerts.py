"""The safeguarding lead's queue and the alert emails: every alert reaches the queue, is
acknowledged with a note of what was done, and is emailed once, retried until a real mail
server (aiosmtpd, started by the test) has it."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import AuditEvent, SafeguardingAlert
from tests.conftest import Respondent
from tests.staff import signed_in
from tests.web.test_analysis_on_save import send_young_persons_answer

DISCLOSURE = "I dont feel safe at home because of dad"


class Inbox:
    """An SMTP server's handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 Message accepted"


class ServedClient(FlaskClient):
    """A test client that finishes each response as a server does once it has been sent, so
    work the app leaves until then (emailing an alert) happens."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["buffered"] = True
        return super().open(*args, **kwargs)


def served(app: Flask) -> Respondent:
    app.test_client_class = ServedClient
    return Respondent(app.test_client())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def mail_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


def mail_config(port: int) -> dict[str, Any]:
    return {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": port,
        "SMTP_STARTTLS": False,
        "SAFEGUARDING_EMAILS": ["lead@example.org"],
        "MAIL_FROM": "coprod@example.org",
        "PUBLIC_URL": "https://voice.example.org",
    }


def alerts(app: Flask) -> list[SafeguardingAlert]:
    with app_session(app) as session:
        found = list(session.scalars(select(SafeguardingAlert).order_by(SafeguardingAlert.id)))
        session.expunge_all()
        return found


def test_the_lead_reads_and_acknowledges_an_alert_with_a_note(
    app: Flask, respondent: Respondent
) -> None:
    send_young_persons_answer(respondent, DISCLOSURE)
    lead = signed_in(app, "analyst")
    home = lead.get("/staff/")
    count = home.soup.select_one("[data-open-alerts]")
    assert count is not None and count.get_text(" ", strip=True).startswith("1")
    queue = lead.get("/staff/safeguarding/")
    assert queue.soup.select_one("[data-waiting='1']") is not None
    assert DISCLOSURE in queue.text()
    assert "Child or young person" in queue.text()
    (alert,) = alerts(app)
    page = lead.get(f"/staff/safeguarding/{alert.id}")
    nothing = lead.submit(page, {"note": "   "})
    assert nothing.errors == ["Say what you did about this alert"]
    assert alerts(app)[0].acknowledged_at is None
    done = lead.submit(nothing, {"note": "Passed to the front door at 10:15, ref 4471"})
    assert "Alert acknowledged" in done.text()
    assert done.soup.select_one("[data-waiting='0']") is not None
    assert "acknowledged by Analyst Person" in done.text()
    (alert,) = alerts(app)
    assert alert.note == "Passed to the front door at 10:15, ref 4471"
    assert alert.acknowledged_at is not None
    with app_session(app) as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert "safeguarding_acknowledged" in actions
    again = lead.get(f"/staff/safeguarding/{alert.id}")
    assert "Passed to the front door" in again.text()
    assert again.soup.select_one("main form textarea") is None


def test_a_second_acknowledgement_keeps_the_first(app: Flask, respondent: Respondent) -> None:
    send_young_persons_answer(respondent, DISCLOSURE)
    (alert,) = alerts(app)
    first = signed_in(app, "analyst", "first@example.org")
    second = signed_in(app, "admin", "second@example.org")
    first_page = first.get(f"/staff/safeguarding/{alert.id}")
    second_page = second.get(f"/staff/safeguarding/{alert.id}")
    first.submit(first_page, {"note": "Called the family's social worker"})
    later = second.submit(second_page, {"note": "Rang the front door"})
    assert "Called the family's social worker" in later.text()
    assert alerts(app)[0].note == "Called the family's social worker"


def test_an_alert_is_emailed_once_the_answer_is_in_without_the_words(
    make_app: Any, mail_server: tuple[Inbox, int]
) -> None:
    inbox, port = mail_server
    app = make_app(**mail_config(port))
    sent = send_young_persons_answer(served(app), DISCLOSURE)
    assert sent.soup.select_one("[data-help-now]") is not None
    assert len(inbox.messages) == 1
    email = inbox.messages[0]
    assert email.rcpt_tos == ["lead@example.org"]
    body = email.content.decode()
    (alert,) = alerts(app)
    assert f"https://voice.example.org/staff/safeguarding/{alert.id}" in body
    assert "because of dad" not in body and DISCLOSURE not in body
    assert alert.email_sent_at is not None and alert.email_attempts == 1
    result = app.test_cli_runner().invoke(args=["send-alerts"])
    assert result.exit_code == 0 and "Emailed 0" in result.output
    assert len(inbox.messages) == 1  # never twice


def test_an_alert_is_retried_until_the_mail_server_takes_it(
    make_app: Any, mail_server: tuple[Inbox, int]
) -> None:
    inbox, port = mail_server
    down = make_app(**mail_config(free_port()))
    send_young_persons_answer(served(down), DISCLOSURE)
    (alert,) = alerts(down)
    assert alert.email_sent_at is None
    assert alert.email_attempts == 1 and alert.email_problem
    failed = down.test_cli_runner().invoke(args=["send-alerts"])
    assert failed.exit_code == 1
    assert f"Not sent, will try again: alert {alert.id}" in failed.output
    assert alerts(down)[0].email_attempts == 2
    lead = signed_in(down, "analyst")
    assert "Not sent yet, tried 2 times" in lead.get("/staff/safeguarding/").text()
    up = make_app(**mail_config(port))
    result = up.test_cli_runner().invoke(args=["send-alerts"])
    assert result.exit_code == 0 and "Emailed 1" in result.output
    assert len(inbox.messages) == 1
    (alert,) = alerts(up)
    assert alert.email_sent_at is not None and alert.email_problem is None


def test_without_email_set_up_alerts_wait_in_the_queue(app: Flask, respondent: Respondent) -> None:
    send_young_persons_answer(respondent, DISCLOSURE)
    result = app.test_cli_runner().invoke(args=["send-alerts"])
    assert result.exit_code == 0
    assert "Email is not set up" in result.output
    (alert,) = alerts(app)
    assert alert.email_attempts == 0
    lead = signed_in(app, "analyst")
    assert "Email is not set up" in lead.get("/staff/safeguarding/").text()
