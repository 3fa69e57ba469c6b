"""The safeguarding queue: every alert, the open ones first; read one and acknowledge it with a
note of what was done."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from coprod.db import app_session, db_session
from coprod.forms import StripWhitespaceForm
from coprod.models import SafeguardingAlert
from coprod.services import safeguarding
from coprod.services.alert_email import alerts_raised, mail_settings, send_pending
from coprod.vocabulary import AGE_BANDS, ROLES
from coprod.web.access import ANALYSTS, roles_required, signed_in_staff

blueprint = Blueprint("safeguarding", __name__, url_prefix="/staff/safeguarding")
leads_only = roles_required(*ANALYSTS)


class AcknowledgeForm(StripWhitespaceForm):
    """What the lead did about the alert."""

    note = TextAreaField(
        _l("What did you do?"),
        description=_l(
            "For example: passed to the children's services front door at 10:15, reference 4471."
        ),
        validators=[
            DataRequired(message=_l("Say what you did about this alert")),
            Length(max=2000, message=_l("The note must be 2,000 characters or fewer")),
        ],
        widget=GovTextArea(),
    )
    submit = SubmitField(_l("Acknowledge"), widget=GovSubmitInput())


@blueprint.context_processor
def _vocabulary() -> dict[str, Any]:
    email_on = mail_settings(current_app.config) is not None
    return {"roles": ROLES, "age_bands": AGE_BANDS, "email_on": email_on}


@blueprint.app_context_processor
def _open_alerts() -> dict[str, Any]:
    """Whether the staff menu offers Review and Safeguarding, and the count of alerts waiting,
    worked out only on pages that show the menu."""
    return {
        "is_analyst": lambda: current_user.is_authenticated and current_user.role in ANALYSTS,
        "open_alerts": lambda: safeguarding.open_count(db_session()),
    }


@blueprint.after_app_request
def _email_after_answering(response: Response) -> Response:
    """Once a page that raised an alert has been answered, try emailing the lead straight away
    (``coprod send-alerts`` tries again later if this fails)."""
    if alerts_raised() and mail_settings(current_app.config) is not None:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        response.call_on_close(lambda: _send_now(app))
    return response


def _send_now(app: Flask) -> None:
    try:
        settings = mail_settings(app.config)
        if settings is not None:
            with app.app_context(), app_session(app) as session:
                send_pending(session, settings)
    except Exception:  # the page is answered already; send-alerts tries again
        app.logger.exception("Could not email safeguarding alerts after a page")


@blueprint.get("/")
@leads_only
def queue() -> Any:
    """Open alerts, the longest-waiting first, then the latest acknowledged."""
    session = db_session()
    return render_template(
        "safeguarding/queue.html",
        waiting=safeguarding.open_alerts(session),
        done=safeguarding.acknowledged_alerts(session),
    )


@blueprint.route("/<int:alert_id>", methods=["GET", "POST"])
@leads_only
def alert(alert_id: int) -> Any:
    """One alert in full, with the form to acknowledge it."""
    session = db_session()
    found = session.get(SafeguardingAlert, alert_id)
    if found is None:
        abort(404)
    form = AcknowledgeForm()
    if found.acknowledged_at is None and form.validate_on_submit():
        try:
            safeguarding.acknowledge(session, found, signed_in_staff(), form.note.data or "")
        except safeguarding.AlreadyAcknowledged:
            flash(_("Someone else acknowledged this alert first. Their note is below."), "problem")
            return redirect(url_for("safeguarding.alert", alert_id=alert_id))
        flash(_("Alert acknowledged"))
        return redirect(url_for("safeguarding.queue"))
    return render_template(
        "safeguarding/alert.html",
        alert=found,
        form=form,
        acknowledged_by=safeguarding.acknowledger(session, found),
    )
