"""Sign in (throttled after repeated failures) and sign out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response as WerkzeugResponse

from coprod.db import db_session
from coprod.services.audit import record
from coprod.services.users import sign_in as check_sign_in
from coprod.web.auth.forms import SignInForm
from coprod.web.auth.timeouts import start_clock
from coprod.web.rate_limits import sign_in_limit

blueprint = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only a path on this site, so a link cannot bounce someone elsewhere after sign-in."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.netloc and not parts.scheme and "\\" not in target:
            return target
    return url_for("admin.home")


@blueprint.route("/sign-in", methods=["GET", "POST"])
@sign_in_limit
def sign_in() -> str | tuple[str, int] | WerkzeugResponse:
    """Staff sign-in."""
    form = SignInForm()
    if form.validate_on_submit():
        config = current_app.config
        result = check_sign_in(
            db_session(),
            form.email.data or "",
            form.password.data or "",
            config["SIGN_IN_MAX_FAILURES"],
            config["SIGN_IN_LOCK_MINUTES"],
        )
        if result.user is not None:
            session.clear()  # a fresh session at sign-in, so an old cookie cannot be ridden
            login_user(result.user)
            start_clock()
            return redirect(_safe_next(request.args.get("next")))
        if result.locked:
            message = _(
                "There have been too many attempts to sign in with this email address. "
                "Wait %(minutes)s minutes and try again.",
                minutes=config["SIGN_IN_LOCK_MINUTES"],
            )
            return render_template("auth/sign_in.html", form=form, locked=message), 429
        form.email.errors = [_("Enter a correct email address and password")]
    status = 400 if form.errors else 200
    return render_template("auth/sign_in.html", form=form, ended=_why_ended()), status


def _why_ended() -> str | None:
    """Why the last session was ended for the person, when a timeout sent them here."""
    config = current_app.config
    return {
        "idle": _(
            "You were signed out because nothing was done for %(minutes)s minutes. "
            "Sign in again to carry on.",
            minutes=config["STAFF_IDLE_MINUTES"],
        ),
        "limit": _(
            "You were signed out because you had been signed in for %(hours)s hours. "
            "Sign in again to carry on.",
            hours=config["STAFF_SESSION_HOURS"],
        ),
    }.get(request.args.get("ended", ""))


@blueprint.post("/sign-out")
@login_required
def sign_out() -> WerkzeugResponse:
    """End the staff session."""
    if current_user.is_authenticated:
        record(db_session(), "sign_out", user_id=current_user.id, subject=f"user:{current_user.id}")
        db_session().commit()
    logout_user()
    session.clear()
    return redirect(url_for("auth.sign_in"))
