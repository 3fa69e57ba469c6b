"""Staff sessions end after a spell with nothing done, and after a fixed time however busy: a
computer in a shared office left signed in must not stay open to the next person."""

from __future__ import annotations

import time

from flask import Flask, redirect, request, session, url_for
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response as WerkzeugResponse

from coprod.web.api.errors import is_api_request

#: The session keys holding when the member of staff signed in and when they were last seen.
SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"


def start_clock() -> None:
    """Note the sign-in, just after it, as the start of both clocks."""
    session[SIGNED_IN_AT] = session[SEEN_AT] = int(time.time())


def init_staff_timeouts(app: Flask) -> None:
    """Before each request, end a staff session that has been idle or open too long."""

    @app.before_request
    def _end_stale_session() -> WerkzeugResponse | None:
        if request.endpoint is None or request.endpoint.endswith("static"):
            return None
        if is_api_request():
            return None  # the API never reads the staff session
        if not current_user.is_authenticated:
            return None
        now = int(time.time())
        if now - session.get(SIGNED_IN_AT, 0) > app.config["STAFF_SESSION_HOURS"] * 3600:
            ended = "limit"
        elif now - session.get(SEEN_AT, 0) > app.config["STAFF_IDLE_MINUTES"] * 60:
            ended = "idle"
        else:
            session[SEEN_AT] = now
            return None
        logout_user()
        session.clear()
        wanted = request.full_path if request.method == "GET" else None
        return redirect(url_for("auth.sign_in", ended=ended, next=wanted))
