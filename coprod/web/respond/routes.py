"""Respondent pages: home, start, one question a page, check answers, send, save and resume."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup
from werkzeug.wrappers import Response as WerkzeugResponse

from coprod.db import db_session
from coprod.models import Draft
from coprod.services import drafts as draft_service
from coprod.services.codes import grouped
from coprod.services.safeguarding import raised_concern
from coprod.services.submissions import submit_draft
from coprod.services.survey_versions import definition_of
from coprod.surveys.questions import question_type
from coprod.web import shared_device
from coprod.web.rate_limits import answer_limit, code_limit
from coprod.web.respond import children, flow
from coprod.web.respond.forms import ButtonForm, ResumeForm

blueprint = Blueprint("respond", __name__)

Page = str | tuple[str, int] | WerkzeugResponse


@blueprint.get("/")
def home() -> Page:
    """The open surveys."""
    surveys = [flow.presented(s) for s in flow.catalogue().open_surveys()]
    return render_template("respond/home.html", surveys=surveys)


@blueprint.get("/surveys/<slug>")
def start(slug: str) -> Page:
    """Who the survey is for, how long it takes, what happens to the answers."""
    definition = flow.open_survey_or_error(slug)
    draft = flow.current_draft(slug)
    if shared_device.active() and draft is not None and draft.response is not None:
        shared_device.forget_respondent()  # the last person has sent: a clean start for the next
        draft = None
    in_progress = draft is not None and draft.response is None and bool(draft.answers)
    return render_template(
        "respond/start.html",
        survey=flow.presented(definition),
        form=ButtonForm(),
        in_progress=in_progress,
    )


@blueprint.post("/surveys/<slug>/start")
@answer_limit
def begin(slug: str) -> Page:
    """Start a new draft, or carry on with this browser's unsent one."""
    definition = flow.open_survey_or_error(slug)
    draft = flow.current_draft(slug)
    if draft is None or draft.response is not None or request.form.get("fresh"):
        language, format_ = flow.presentation()
        created = draft_service.start_draft(
            db_session(), definition, language, format_, shared_device.current_session_id()
        )
        flow.remember_draft(slug, created.draft, created.secret)
        draft = created.draft
    answers = draft_service.answers_of(draft)
    if children.for_children(definition) and not answers:
        return redirect(url_for("respond.before_you_start", slug=slug))
    return redirect(flow.resume_page(definition_of(draft.version), answers))


def _unsent_draft(slug: str) -> Draft | WerkzeugResponse:
    """This browser's unsent draft, or where to send a person who has none."""
    flow.open_survey_or_error(slug)
    draft = flow.current_draft(slug)
    if draft is None:
        if shared_device.active():
            return redirect(url_for("respond.start", slug=slug))
        return redirect(url_for("respond.start", slug=slug, lost=1))
    if draft.response is not None:
        return redirect(url_for("respond.sent", slug=slug))
    return draft


@blueprint.route("/surveys/<slug>/questions/<question_id>", methods=["GET", "POST"])
@answer_limit
def question(slug: str, question_id: str) -> Page:
    """One question; its answer is saved as soon as the person presses Continue."""
    draft = _unsent_draft(slug)
    if not isinstance(draft, Draft):
        return draft
    definition = flow.presented(definition_of(draft.version))
    asked = definition.question(question_id)
    if asked is None:
        return render_template("errors/404.html"), 404
    answers = draft_service.answers_of(draft)
    waiting = children.redirect_if_waiting(definition, draft, answers, asked.id)
    if waiting is not None:
        return waiting
    kind = question_type(asked)
    changing = request.args.get("change") == "1"
    status = 200
    if request.method == "POST":
        form = kind.build_form(request.form, None)
        if kind.validate(form):
            draft_service.set_presentation(db_session(), draft, *flow.presentation())
            value = kind.stored_value(form)
            draft_service.save_answer(db_session(), draft, asked.id, value)
            waiting = children.redirect_if_waiting(definition, draft, {**answers, asked.id: value})
            if waiting is not None:
                return waiting
            if "save_and_exit" in request.form and not shared_device.active():
                return redirect(url_for("respond.saved", slug=slug))
            return redirect(flow.next_page_after(definition, asked.id, changing))
        status = 400
    else:
        form = kind.build_form(None, answers.get(asked.id))
    return (
        render_template(
            "respond/question.html",
            survey=definition,
            question=asked,
            kind=kind,
            form=form,
            number=definition.index_of(asked.id) + 1,
            back_url=flow.previous_page_before(definition, asked.id, changing),
        ),
        status,
    )


@blueprint.get("/surveys/<slug>/before-you-start")
def before_you_start(slug: str) -> Page:
    """Who reads what they write, and when someone must be told, before the first question."""
    draft = _unsent_draft(slug)
    if not isinstance(draft, Draft):
        return draft
    definition = definition_of(draft.version)
    return render_template(
        "respond/before_you_start.html",
        survey=flow.presented(definition),
        first_url=flow.resume_page(definition, draft_service.answers_of(draft)),
    )


@blueprint.route("/surveys/<slug>/grown-up", methods=["GET", "POST"])
@answer_limit
def grown_up(slug: str) -> Page:
    """An under-13's grown-up says yes, or a grown-up is helping; otherwise they wait for one."""
    draft = _unsent_draft(slug)
    if not isinstance(draft, Draft):
        return draft
    definition = definition_of(draft.version)
    answers = draft_service.answers_of(draft)
    if not children.needs_grown_up(definition, draft, answers):
        return redirect(flow.resume_page(definition, answers))
    form = children.GrownUpForm()
    alone = False
    if form.validate_on_submit():
        if form.who.data in ("parent", "helper"):
            draft_service.set_grown_up(db_session(), draft, str(form.who.data))
            return redirect(flow.resume_page(definition, answers))
        alone = True
    status = 400 if form.errors else 200
    return (
        render_template(
            "respond/grown_up.html",
            survey=flow.presented(definition),
            form=form,
            alone=alone,
            age_url=children.age_question_url(definition),
        ),
        status,
    )


@blueprint.get("/surveys/<slug>/check-answers")
def check_answers(slug: str) -> Page:
    """Every answer with a link to change it, and the button that sends them."""
    draft = _unsent_draft(slug)
    if not isinstance(draft, Draft):
        return draft
    answers = draft_service.answers_of(draft)
    waiting = children.redirect_if_waiting(definition_of(draft.version), draft, answers)
    if waiting is not None:
        return waiting
    return _check_answers_page(draft, missing=[])


def _check_answers_page(draft: Draft, missing: list[str]) -> Page:
    definition = flow.presented(definition_of(draft.version))
    answers = draft_service.answers_of(draft)
    rows = []
    for asked in definition.questions:
        change_url = url_for(
            "respond.question", slug=definition.slug, question_id=asked.id, change=1
        )
        value = answers.get(asked.id)
        if value is None:
            shown = Markup('<span class="govuk-hint">%s</span>') % _("Not answered")
        else:
            shown = Markup("<br>").join(question_type(asked).display(value))
        rows.append(
            {
                "key": {"text": asked.text},
                "value": {"html": shown},
                "actions": {
                    "items": [
                        {"href": change_url, "text": _("Change"), "visuallyHiddenText": asked.text}
                    ]
                },
            }
        )
    missing_errors = [
        {
            "text": _("Answer the question: %(question)s", question=definition.question(qid).text),  # type: ignore[union-attr]
            "href": url_for("respond.question", slug=definition.slug, question_id=qid, change=1),
        }
        for qid in missing
    ]
    return (
        render_template(
            "respond/check_answers.html",
            survey=definition,
            summary_rows=rows,
            missing_errors=missing_errors,
            form=ButtonForm(),
        ),
        400 if missing else 200,
    )


@blueprint.post("/surveys/<slug>/send")
@answer_limit
def send(slug: str) -> Page:
    """Store the response and its statements, then show the reference code (once stored)."""
    draft = _unsent_draft(slug)
    if not isinstance(draft, Draft):
        return draft  # already sent (a double click, a refresh): show the same confirmation
    definition = definition_of(draft.version)
    answers = draft_service.answers_of(draft)
    waiting = children.redirect_if_waiting(definition, draft, answers)
    if waiting is not None:
        return waiting
    missing = [q.id for q in definition.questions if q.required and answers.get(q.id) is None]
    if missing:
        return _check_answers_page(draft, missing)
    submit_draft(db_session(), draft)
    return redirect(url_for("respond.sent", slug=slug))


@blueprint.get("/surveys/<slug>/sent")
def sent(slug: str) -> Page:
    """The confirmation: reference code and what happens next."""
    definition = flow.survey_or_404(slug)
    draft = flow.current_draft(slug)
    if draft is None or draft.response is None:
        return redirect(url_for("respond.start", slug=slug))
    return render_template(
        "respond/sent.html",
        survey=flow.presented(definition_of(draft.version)),
        reference=grouped(draft.response.reference),
        start_url=url_for("respond.start", slug=definition.slug),
        form=ButtonForm(),
        help_now=raised_concern(db_session(), draft.response.id),
        help_contacts=current_app.config["SAFEGUARDING_HELP"],
    )


@blueprint.post("/surveys/<slug>/next-person")
@answer_limit
def next_person(slug: str) -> Page:
    """On a shared device: forget the person who has just sent, and start again for the next."""
    flow.survey_or_404(slug)
    if ButtonForm().validate_on_submit():
        shared_device.forget_respondent()
    return redirect(url_for("respond.start", slug=slug))


@blueprint.get("/surveys/<slug>/saved")
def saved(slug: str) -> Page:
    """The link and code to come back later; never on a shared device, where the next person
    would find them."""
    flow.survey_or_404(slug)
    if shared_device.active():
        return redirect(url_for("respond.start", slug=slug))
    draft = flow.current_draft(slug)
    if draft is None:
        return redirect(url_for("respond.start", slug=slug, lost=1))
    secret = flow.remembered_secret(slug)
    if secret is None:
        secret = draft_service.new_resume_secret(db_session(), draft)
        flow.remember_draft(slug, draft, secret)
    return render_template(
        "respond/saved.html",
        survey=flow.presented(definition_of(draft.version)),
        link=url_for("respond.resume_link", secret=secret, _external=True),
        code=grouped(draft.resume_code),
        days=current_app.config["DRAFT_DAYS"],
    )


@blueprint.route("/resume", methods=["GET", "POST"])
@code_limit
def resume() -> Page:
    """Come back with a short code."""
    form = ResumeForm()
    if form.validate_on_submit():
        days = current_app.config["DRAFT_DAYS"]
        draft = draft_service.draft_by_code(db_session(), form.code.data or "", days)
        if draft is not None:
            return _continue(draft, secret=None)
        form.code.errors = [
            _(
                "We could not find answers with that code. Check it and try again: codes "
                "stop working %(days)s days after the last answer was saved.",
                days=days,
            )
        ]
    status = 400 if form.errors else 200
    return render_template("respond/resume.html", form=form), status


@blueprint.get("/resume/<secret>")
def resume_link(secret: str) -> Page:
    """Come back with the link from the saved page."""
    draft = draft_service.draft_by_secret(
        db_session(), secret[:64], current_app.config["DRAFT_DAYS"]
    )
    if draft is None:
        form = ResumeForm(formdata=None)
        return render_template("respond/resume.html", form=form, link_expired=True), 404
    return _continue(draft, secret=secret)


def _continue(draft: Draft, secret: str | None) -> WerkzeugResponse:
    definition = definition_of(draft.version)
    flow.remember_draft(definition.slug, draft, secret)
    if draft.response is not None:
        return redirect(url_for("respond.sent", slug=definition.slug))
    return redirect(flow.resume_page(definition, draft_service.answers_of(draft)))
