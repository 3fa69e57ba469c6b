"""Group activities: a vote put to the group (hands up, stickers on faces) and a card sort.

Ready-made options (faces, yes/no) carry their meaning, so a vote of 9 happy faces counts as 9
positive voices; options a facilitator types have no score.
"""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from coprod.models import CardCount, GroupSession, Tally
from coprod.services import sessions as session_service
from coprod.services.session_checks import activity_problems, voices_problem
from coprod.vocabulary import PILES, TALLY_OPTION_SETS, in_english
from coprod.web.respond.forms import ButtonForm
from coprod.web.sessions.access import (
    blueprint,
    editable,
    editor,
    focus_areas,
    template_of,
)
from coprod.web.sessions.forms import CardSortForm, TallyForm, area_choices

Page = Any
#: Blank rows under the template's cards, for cards the group made up.
SPARE_CARDS = 3


@blueprint.route("/<int:session_id>/tallies/new", methods=["GET", "POST"])
@login_required
def new_tally(session_id: int) -> Page:
    """Record a group vote: faces, yes/no, or options the facilitator types."""
    record = editable(session_id)
    options = request.args.get("options", "own")
    preset = TALLY_OPTION_SETS.get(options)
    form = TallyForm()
    form.focus_area.choices = area_choices(focus_areas(record), _("Not chosen"))
    if request.method == "GET":
        _suggest(form, record, request.args.get("suggestion", type=int))
    if preset:
        for entry, (label, _score) in zip(form.options.entries, preset, strict=False):
            entry.form.label.data = str(label)
    if form.validate_on_submit():
        chosen = _chosen_options(form, preset)
        voices = sum(count for _label, _score, count in chosen)
        problem = voices_problem(record.attendance, form.role.data or "other", voices)
        if not chosen:
            form.options.errors = [_("Give at least one option a name")]
        elif problem:
            form.options.errors = [problem]
        else:
            tally = Tally(
                prompt=form.text.data or "",
                focus_area=form.focus_area.data or None,
                role=form.role.data or "other",
            )
            session_service.add_tally(editor(record), record, tally, chosen)
            return redirect(url_for("sessions.overview", session_id=record.id, _anchor="tallies"))
    return (
        render_template(
            "sessions/tally.html",
            record=record,
            form=form,
            preset=preset is not None,
            option_rows=len(preset) if preset else len(form.options.entries),
        ),
        400 if form.errors else 200,
    )


def _suggest(form: TallyForm, record: GroupSession, index: int | None) -> None:
    """Fill in a vote the session's template suggests."""
    template = template_of(record)
    if template is None or index is None or not 0 <= index < len(template.tallies):
        return
    suggested = template.tallies[index]
    form.text.data = suggested.text
    form.focus_area.data = suggested.focus_area


def _chosen_options(
    form: TallyForm, preset: tuple[tuple[Any, float], ...] | None
) -> list[tuple[str, float | None, int]]:
    """(label, score, count) for each option; preset labels are stored in English, like every
    statement, whatever language the page is in."""
    if preset:
        return [
            (in_english(label), score, entry.form.count.data)
            for (label, score), entry in zip(preset, form.options.entries, strict=False)
        ]
    return [
        (entry.form.label.data, None, entry.form.count.data)
        for entry in form.options.entries
        if entry.form.label.data
    ]


@blueprint.post("/<int:session_id>/tallies/<int:tally_id>/remove")
@login_required
def remove_tally(session_id: int, tally_id: int) -> Page:
    """Remove one group vote."""
    record = editable(session_id)
    removing = next((t for t in record.tallies if t.id == tally_id), None)
    if removing is None:
        abort(404)
    if ButtonForm().validate_on_submit():
        session_service.remove_item(editor(record), record, removing, "tallies")
    return redirect(url_for("sessions.overview", session_id=record.id, _anchor="tallies"))


@blueprint.route("/<int:session_id>/card-sort", methods=["GET", "POST"])
@login_required
def card_sort(session_id: int) -> Page:
    """The group card sort: how many put each card in each pile."""
    record = editable(session_id)
    form = CardSortForm()
    areas = focus_areas(record)
    if request.method == "GET":
        _fill_cards(form, record)
    for entry in form.cards.entries:
        entry.form.focus_area.choices = area_choices(areas, _("Not chosen"))
    if form.validate_on_submit():
        role = form.role.data or "other"
        cards = [
            CardCount(
                card=row.card.data,
                focus_area=row.focus_area.data or None,
                pile=pile,
                role=role,
                count=row[pile].data,
            )
            for row in (entry.form for entry in form.cards.entries)
            if row.card.data
            for pile in PILES
        ]
        problems = activity_problems(record.attendance, [], cards)
        if _duplicate_cards(form):
            form.cards.errors = [_("Each card must have a different name")]
        elif problems:
            form.cards.errors = [p.message for p in problems]
        else:
            session_service.set_card_sort(editor(record), record, cards)
            return redirect(url_for("sessions.overview", session_id=record.id, _anchor="card-sort"))
    return (
        render_template("sessions/card_sort.html", record=record, form=form, piles=PILES),
        400 if form.errors else 200,
    )


def _fill_cards(form: CardSortForm, record: GroupSession) -> None:
    """Rows for the cards sorted so far, or the template's cards, and a few blank ones."""
    rows: dict[str, dict[str, Any]] = {}
    for counted in record.card_counts:
        row = rows.setdefault(
            counted.card, {"card": counted.card, "focus_area": counted.focus_area}
        )
        row[counted.pile] = counted.count
        form.role.data = counted.role
    template = template_of(record)
    if not rows and template is not None:
        for card in template.cards:
            rows[card.text] = {"card": card.text, "focus_area": card.focus_area}
    form.cards.entries = []
    form.cards.last_index = -1
    for row in [*rows.values(), *({} for _spare in range(SPARE_CARDS))]:
        form.cards.append_entry(row)


def _duplicate_cards(form: CardSortForm) -> bool:
    names = [e.form.card.data.casefold() for e in form.cards.entries if e.form.card.data]
    return len(names) != len(set(names))
