"""API tokens for analysts and admins: a list of one's own (an admin sees everyone's), making one
(its secret shown on that page only), and revoking one after a confirmation. Facilitators, who
see only the summary evidence, have none."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from coprod.db import db_session
from coprod.models import utcnow
from coprod.services import api_tokens as service
from coprod.web.access import ANALYSTS, roles_required, signed_in_staff
from coprod.web.api_tokens.forms import SCOPE_NAMES, NewTokenForm, RevokeForm

blueprint = Blueprint("api_tokens", __name__, url_prefix="/staff/api-tokens")

Page = Any
analysts_only = roles_required(*ANALYSTS)


@blueprint.app_context_processor
def _token_words() -> dict[str, Any]:
    return {"scope_names": SCOPE_NAMES, "token_last_day": service.last_day}


@blueprint.get("/")
@analysts_only
def index() -> Page:
    """The person's tokens (everyone's for an admin): what each may read and when it was used."""
    me = signed_in_staff()
    return render_template(
        "api_tokens/index.html",
        tokens=service.tokens_seen_by(db_session(), me),
        everyone=me.role == "admin",
        now=utcnow(),
    )


@blueprint.route("/new", methods=["GET", "POST"])
@analysts_only
def new() -> Page:
    """Make a token; the page that follows shows its secret, this once."""
    form = NewTokenForm()
    if form.validate_on_submit():
        made = service.create_token(
            db_session(),
            signed_in_staff(),
            form.name.data or "",
            list(form.scopes.data or []),
            form.expires_on.data,
        )
        return render_template("api_tokens/created.html", token=made.token, secret=made.secret)
    return render_template("api_tokens/new.html", form=form), 400 if form.errors else 200


@blueprint.route("/<int:token_id>/revoke", methods=["GET", "POST"])
@analysts_only
def revoke(token_id: int) -> Page:
    """Ask to be sure, then stop the token working."""
    session = db_session()
    me = signed_in_staff()
    token = service.token_seen_by(session, token_id, me) or abort(404)
    form = RevokeForm()
    if form.validate_on_submit():
        if service.revoke(session, token, me):
            flash(_("“%(name)s” is revoked: it no longer works.", name=token.name))
        else:
            flash(_("“%(name)s” was already revoked.", name=token.name))
        return redirect(url_for("api_tokens.index"))
    return render_template("api_tokens/revoke.html", form=form, token=token)
