"""A first draft of a focus area's position statement, written from the evidence itself, for the
lead to edit: the conclusion the figures support, how they were reached, where to see them, and
the actions still under way as next steps."""

from __future__ import annotations

from collections.abc import Sequence

from flask import url_for
from flask_babel import format_date, format_decimal, format_number, format_percent
from flask_babel import gettext as _

from coprod.evidence.summary import AreaEvidence, Change
from coprod.models import Action
from coprod.services.positions import Written


def signed(value: float) -> str:
    """+0.25 or −0.10, with a true minus sign, in the page's number format."""
    shown = format_decimal(abs(value), "0.00")
    return f"+{shown}" if value >= 0.005 else f"\u2212{shown}" if value <= -0.005 else shown


def change_sentence(change: Change | None) -> str:
    """The change in average sentiment since the last period, and whether it is more than chance."""
    if change is None:
        return _(
            "There are not enough views in this period and the last one to say how feelings "
            "have changed."
        )
    direction = (
        _("rose")
        if change.difference > 0
        else _("fell")
        if change.difference < 0
        else _("stayed the same")
    )
    moved = _(
        "Average sentiment %(direction)s from %(before)s to %(after)s since the last period.",
        direction=direction,
        before=signed(change.before),
        after=signed(change.after),
    )
    if change.beyond_noise:
        return moved + " " + _("That is more than chance would explain.")
    return (
        moved
        + " "
        + _("That could be chance: the likely range of the change includes no change at all.")
    )


def _conclusion(evidence: AreaEvidence, area: str, period: str, threshold: int) -> str:
    now = evidence.current
    if now.people is None:
        return _(
            "Fewer than %(threshold)s people spoke about %(area)s in %(period)s, too few to draw "
            "a conclusion from their views. The next step is to hear from more families.",
            threshold=threshold,
            area=area,
            period=period,
        )
    heard = _(
        "%(people)s people spoke about %(area)s in %(period)s.",
        people=format_number(now.people),
        area=area,
        period=period,
    )
    positive, negative = now.shares.get("positive"), now.shares.get("negative")
    if positive is not None and negative is not None:
        heard += " " + _(
            "%(positive)s of what they said was positive and %(negative)s negative.",
            positive=format_percent(positive),
            negative=format_percent(negative),
        )
    return heard + " " + change_sentence(evidence.change)


def _how_reached(evidence: AreaEvidence, period: str, threshold: int) -> str:
    statements = evidence.current.statements
    counted = (
        _(
            "From %(statements)s statements made in %(period)s, in survey answers and at group "
            "sessions.",
            statements=format_number(statements),
            period=period,
        )
        if statements is not None
        else _("From what was said in %(period)s.", period=period)
    )
    return "\n".join(
        [
            counted,
            _(
                "Each statement was tagged to a focus area and scored for sentiment by coprod, "
                "and analysts checked and corrected the tags."
            ),
            _(
                "The change since the last period compares average sentiment, with a 95%% range "
                "for the difference."
            ),
            _(
                "Figures about fewer than %(threshold)s people are not shown, to protect privacy.",
                threshold=threshold,
            ),
        ]
    )


def _links(area_slug: str, framework: str, period_key: str) -> str:
    arguments = {"framework": framework, "period": period_key}
    return "\n".join(
        [
            _(
                "Evidence dashboard: %(address)s",
                address=url_for(
                    "evidence.dashboard", **arguments, _external=True, _anchor=f"area-{area_slug}"
                ),
            ),
            _(
                "Statements with their tags (CSV): %(address)s",
                address=url_for(
                    "evidence.statements_export", extension="csv", **arguments, _external=True
                ),
            ),
        ]
    )


def _next_steps(actions: Sequence[Action]) -> str:
    lines = []
    for action in actions:
        if action.status == "done":
            continue
        due = (
            _("due %(date)s", date=format_date(action.due_on, "d MMMM y"))
            if action.due_on
            else _("no date set")
        )
        lines.append(f"- {action.we_did} ({action.owner}, {due})")
    return "\n".join(lines)


def draft(
    evidence: AreaEvidence,
    area_name: str,
    framework: str,
    period_key: str,
    period_name: str,
    actions: Sequence[Action],
    threshold: int,
) -> Written:
    """A position statement the figures support, for the lead to edit and sign off."""
    return Written(
        conclusion=_conclusion(evidence, area_name, period_name, threshold),
        how_reached=_how_reached(evidence, period_name, threshold),
        evidence=_links(evidence.area, framework, period_key),
        next_steps=_next_steps(actions),
        sustainability="",
    )
