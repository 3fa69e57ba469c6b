"""Email the safeguarding lead about each alert, once, retrying until it is sent.

The in-app queue is the record; email only tells the lead to look. So an email carries why the
alert was raised and a link, never the words themselves (mail is not the place for them).
An alert is tried right after the page that raised it has been answered, and again by
``coprod send-alerts`` (run it every few minutes from cron or a systemd timer) until sent.
Each send is claimed first, so two senders at once never both send the same alert.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

from flask import g, has_request_context
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from coprod.models import SafeguardingAlert, utcnow

log = logging.getLogger(__name__)

#: A claimed send that has not finished in this long is taken to have died, and is tried again.
CLAIM_EXPIRES = timedelta(minutes=5)
#: Seconds to wait for the mail server.
SMTP_TIMEOUT = 20


@dataclass(frozen=True)
class MailSettings:
    """Where and how to send, from the deployment's configuration."""

    host: str
    port: int
    starttls: bool
    username: str
    password: str
    sender: str
    recipients: tuple[str, ...]
    public_url: str
    partnership: str


def mail_settings(config: Mapping[str, Any]) -> MailSettings | None:
    """The settings, or None when email is not set up (no server or nobody to tell)."""
    recipients = tuple(config.get("SAFEGUARDING_EMAILS") or ())
    if not config.get("SMTP_HOST") or not recipients:
        return None
    return MailSettings(
        host=str(config["SMTP_HOST"]),
        port=int(config.get("SMTP_PORT") or 587),
        starttls=bool(config.get("SMTP_STARTTLS")),
        username=str(config.get("SMTP_USERNAME") or ""),
        password=str(config.get("SMTP_PASSWORD") or ""),
        sender=str(config.get("MAIL_FROM") or "coprod@localhost"),
        recipients=recipients,
        public_url=str(config.get("PUBLIC_URL") or "").rstrip("/"),
        partnership=str(config.get("PARTNERSHIP_NAME") or "coprod"),
    )


@dataclass
class Sending:
    """What a run of the sender did."""

    sent: int = 0
    problems: list[str] = field(default_factory=list)


def note_alerts_raised() -> None:
    """Mark this request as having raised an alert, so its email is tried once it is answered."""
    if has_request_context():
        g.coprod_alerts_raised = True


def alerts_raised() -> bool:
    """Whether this request raised an alert."""
    return bool(has_request_context() and g.get("coprod_alerts_raised"))


def message(alert: SafeguardingAlert, settings: MailSettings) -> EmailMessage:
    """The email for one alert: why, when and where to read it; not the words themselves."""
    reasons = ", ".join(r.get("label") or r.get("reason", "") for r in alert.reasons)
    place = (
        f"{settings.public_url}/staff/safeguarding/{alert.id}"
        if settings.public_url
        else "the Safeguarding page of coprod (sign in as staff)"
    )
    email = EmailMessage()
    email["Subject"] = f"Safeguarding alert {alert.id}: {reasons}"
    email["From"] = settings.sender
    email["To"] = ", ".join(settings.recipients)
    email.set_content(
        f"Something a child, young person or family wrote to {settings.partnership} suggests "
        f"a child may be at risk of harm.\n\n"
        f"Why it was raised: {reasons}\n"
        f"Raised: {alert.created_at:%d %B %Y at %H:%M} (UTC)\n\n"
        f"Read it and acknowledge it at {place}.\n"
        f"The words are not in this email, to keep them safe.\n\n"
        f"If a child is in immediate danger, call 999.\n"
    )
    return email


def _deliver(email: EmailMessage, settings: MailSettings) -> None:
    with smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT) as server:
        if settings.starttls:
            server.starttls()
        if settings.username:
            server.login(settings.username, settings.password)
        server.send_message(email)


def _claim(session: Session, alert_id: int) -> bool:
    """Take the alert's email on; False if it is sent or another sender has it."""
    now = utcnow()
    claimed = session.execute(
        update(SafeguardingAlert)
        .where(
            SafeguardingAlert.id == alert_id,
            SafeguardingAlert.email_sent_at.is_(None),
            or_(
                SafeguardingAlert.email_claimed_at.is_(None),
                SafeguardingAlert.email_claimed_at < now - CLAIM_EXPIRES,
            ),
        )
        .values(email_claimed_at=now)
        .returning(SafeguardingAlert.id)
    ).all()
    session.commit()
    return bool(claimed)


def send_pending(session: Session, settings: MailSettings) -> Sending:
    """Email every alert not yet emailed; each result is committed as it happens."""
    report = Sending()
    waiting = session.scalars(
        select(SafeguardingAlert.id)
        .where(SafeguardingAlert.email_sent_at.is_(None))
        .order_by(SafeguardingAlert.id)
    ).all()
    for alert_id in waiting:
        if not _claim(session, alert_id):
            continue
        alert = session.get(SafeguardingAlert, alert_id)
        assert alert is not None
        alert.email_attempts += 1
        try:
            _deliver(message(alert, settings), settings)
        except (smtplib.SMTPException, OSError) as error:
            alert.email_problem = str(error) or type(error).__name__
            alert.email_claimed_at = None
            report.problems.append(f"alert {alert_id}: {alert.email_problem}")
            log.warning("could not email safeguarding alert %s: %s", alert_id, error)
        else:
            alert.email_sent_at = utcnow()
            alert.email_problem = None
            report.sent += 1
        session.commit()
    return report
