"""The board pack: the period's evidence as a Word document for the partnership board and the
DfE monitoring visit. A section per focus area (its figures, charts with their text
alternatives and tables, recurring themes, quotes, position statement and actions), who has
been heard, "you said, we did", and how the figures were made.

It shows exactly what the dashboard shows, from the same disclosure-controlled figures. It is
written in the language of the request it is made in; the command writes it in English.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import IO, Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
from docx.shared import Cm
from flask import current_app
from flask_babel import format_date, format_number
from flask_babel import gettext as _

from coprod.evidence.cells import Scope
from coprod.evidence.periods import Period
from coprod.evidence.summary import AreaEvidence, PeriodFigures
from coprod.jobs import Progress
from coprod.web.evidence.area_charts import area_charts
from coprod.web.evidence.board_pack_sections import actions_summary, methods, representation
from coprod.web.evidence.docx_blocks import caption, chart, count, line_rows, share, table
from coprod.web.evidence.drafting import change_sentence, signed
from coprod.web.evidence.routes import evidence_context

Context = Mapping[str, Any]


def _figures(document: DocumentType, now: PeriodFigures, context: Context) -> None:
    threshold = context["threshold"]
    document.add_paragraph(
        _(
            "%(people)s people were heard, in %(statements)s statements.",
            people=format_number(now.people),
            statements=format_number(now.statements),
        )
    )
    for title, header, line, names, shares in (
        (_("Who was heard"), _("Who"), now.by_role, context["role_names"], None),
        (_("Where they said it"), _("Where"), now.by_source, context["source_names"], None),
        (_("How people felt"), _("Feeling"), now.by_label, context["label_names"], now.shares),
    ):
        caption(document, title)
        headers = [header, _("Statements")] + ([_("Share")] if shares is not None else [])
        table(document, headers, line_rows(line, names, threshold, shares))


def _area(document: DocumentType, item: AreaEvidence, context: Context) -> None:
    name = context["area_names"][item.area]
    threshold = context["threshold"]
    document.add_heading(name, level=1)
    now = item.current
    if now.too_few:
        document.add_paragraph(
            _(
                "Fewer than %(threshold)s people spoke about this in this period, so no figures "
                "are shown, to protect their privacy.",
                threshold=threshold,
            )
        )
    elif now.people is None:
        document.add_paragraph(_("Nobody spoke about this in this period."))
    else:
        _figures(document, now, context)
        document.add_heading(_("Since the last period"), level=2)
        document.add_paragraph(change_sentence(item.change))
        charts = area_charts(
            item.area, item.trend, name, context["label_names"], context["period_name"]
        )
        chart(document, charts.feeling)
        chart(document, charts.trend)
        if item.closed:
            caption(document, _("Answers to questions with a choice of answers"))
            table(
                document,
                [_("Question"), _("Answers"), _("Answered favourably"), _("Last period")],
                [
                    [
                        context["questions"].get(row.question_id, row.question_id),
                        count(row.answered, threshold),
                        share(row.favourable),
                        share(row.previous),
                    ]
                    for row in item.closed
                ],
            )
        themes = context["themes"].get(item.area, [])
        if themes:
            document.add_heading(_("Recurring themes"), level=2)
            for theme in themes:
                document.add_paragraph(
                    _(
                        "“%(phrase)s”, said by %(people)s people",
                        phrase=theme.phrase,
                        people=format_number(theme.people),
                    ),
                    style="List Bullet",
                )
        if item.quotes:
            document.add_heading(_("In their words"), level=2)
            for quote in item.quotes:
                said = document.add_paragraph(quote.text, style="Quote")
                said.alignment = WD_PARAGRAPH_ALIGNMENT.LEFT
                document.add_paragraph(
                    f"{context['label_names'][quote.label]} · "
                    f"{context['role_names'].get(quote.role, _('Not known'))} · "
                    f"{context['source_names'][quote.source]}",
                    style="Caption",
                )
    _position(document, item.area, context)
    _actions_of(document, item.area, context)


def _position(document: DocumentType, area: str, context: Context) -> None:
    document.add_heading(_("Position statement"), level=2)
    position = context["positions"].get(area)
    if position is None:
        document.add_paragraph(_("Not written yet."))
        return
    document.add_paragraph(
        _(
            "Version %(number)s, saved on %(when)s.",
            number=position.number,
            when=format_date(position.written_at, "d MMMM y"),
        ),
        style="Caption",
    )
    for part, heading in (
        ("conclusion", _("Conclusion")),
        ("how_reached", _("How it was reached")),
        ("evidence", _("Links to the evidence")),
        ("next_steps", _("Next steps")),
        ("sustainability", _("Sustainability")),
    ):
        text = getattr(position, part)
        if text:
            document.add_heading(heading, level=3)
            for paragraph in text.split("\n"):
                document.add_paragraph(paragraph)


def _actions_of(document: DocumentType, area: str, context: Context) -> None:
    document.add_heading(_("You said, we did"), level=2)
    listed = context["actions"].get(area, [])
    if not listed:
        document.add_paragraph(_("No actions recorded yet."))
        return
    for action in listed:
        document.add_paragraph(
            f"{action.we_did} ({context['status_names'][action.status]}, {action.owner})",
            style="List Bullet",
        )


def write_board_pack(
    scope: Scope,
    periods: list[Period],
    period: Period,
    threshold: int,
    out: IO[bytes],
    progress: Progress | None = None,
) -> None:
    """Write the board pack for ``period`` to ``out`` (call inside a request context), telling
    ``progress`` each step: the figures, each focus area, the closing sections, saving."""
    progress = progress or Progress(lambda *_counts: None)
    progress.update(0, None, _("Counting the evidence"))
    context = evidence_context(scope, periods, period, threshold)
    progress.update(1, len(context["evidence"]) + 4, _("Writing the summary"))
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Cm(2.5)
    core = document.core_properties
    core.title = _("Co-production evidence: %(period)s", period=context["period_name"](period))
    core.author = str(current_app.config.get("PARTNERSHIP_NAME", "coprod"))
    core.language = str(context.get("html_lang", "en"))
    document.add_heading(core.title, level=0)
    document.add_paragraph(
        _(
            "%(framework)s. Written on %(today)s.",
            framework=context["framework_name"],
            today=format_date(date.today(), "d MMMM y"),
        )
    )
    if context["filters"]:
        document.add_paragraph(_("Only: %(filters)s.", filters=", ".join(context["filters"])))
    document.add_heading(_("Summary"), level=1)
    table(
        document,
        [_("Focus area"), _("People heard"), _("Average sentiment"), _("Since the last period")],
        [_summary_row(item, context) for item in context["evidence"]],
    )
    for item in context["evidence"]:
        progress.advance(1, _("Writing %(area)s", area=context["area_names"][item.area]))
        _area(document, item, context)
    progress.advance(1, _("Writing who has been heard and how the figures were made"))
    representation(document, context)
    actions_summary(document, context)
    methods(document, scope, period, context)
    progress.advance(1, _("Saving the document"))
    document.save(out)


def _summary_row(item: AreaEvidence, context: Context) -> list[str]:
    now = item.current
    people = (
        count(now.people, context["threshold"])
        if now.people is not None
        else _("fewer than %(threshold)s", threshold=context["threshold"])
        if now.too_few
        else "0"
    )
    change = item.change
    moved = (
        ""
        if change is None
        else f"{signed(change.difference)}"
        + (f" ({_('more than chance')})" if change.beyond_noise else f" ({_('could be chance')})")
    )
    return [
        str(context["area_names"][item.area]),
        people,
        signed(now.mean) if now.mean is not None else "–",
        moved,
    ]
