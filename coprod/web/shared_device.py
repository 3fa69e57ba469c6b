"""Shared-device mode: one tablet passed round a group, each person answering in turn.

The browser's signed session remembers only the group session. Starting the mode
signs the facilitator out on that device, so nobody who picks it up can reach staff pages.
After each person sends, the device forgets their draft; every respondent page is served with
``Cache-Control: no-store``, so going back re-asks the server, which then shows the start page.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import session

KEY = "shared_device"
#: A shared device stops collecting for the session after this long: the end of a long event.
LASTS = timedelta(hours=12)


def start(group_session_id: int) -> None:
    """Put this browser into shared-device mode for a session; everything else in it is dropped."""
    session.clear()
    until = datetime.now(UTC) + LASTS
    session[KEY] = {
        "session_id": group_session_id,
        "until": until.isoformat(),
    }
    session.permanent = True


def current_session_id() -> int | None:
    """The group session this device is collecting answers for, if it is in shared-device mode."""
    entry = session.get(KEY)
    if not isinstance(entry, dict) or not isinstance(entry.get("session_id"), int):
        return None
    try:
        until = datetime.fromisoformat(str(entry.get("until")))
    except ValueError:
        return None
    if until.tzinfo is None or until < datetime.now(UTC):
        session.pop(KEY, None)
        return None
    return int(entry["session_id"])


def active() -> bool:
    """Whether this browser is a shared device."""
    return current_session_id() is not None


def forget_respondent() -> None:
    """Drop the last person's draft, and any answers they opened by code, keeping the mode."""
    session.pop("drafts", None)
    session.pop("your_answers", None)
