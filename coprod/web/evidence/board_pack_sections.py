"""The board pack's closing sections: who has been heard, every "you said, we did", and how
the figures were made, with the period's data quality."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from docx.document import Document as DocumentType
from flask_babel import format_date
from flask_babel import gettext as _

from coprod.db import db_session
from coprod.evidence.cells import Scope
from coprod.evidence.disclosure import shown_count
from coprod.evidence.periods import Period
from coprod.services.evidence_quality import data_quality
from coprod.web.evidence.docx_blocks import count, share, table

Context = Mapping[str, Any]


def actions_summary(document: DocumentType, context: Context) -> None:
    document.add_heading(_("You said, we did: every action"), level=1)
    rows = [
        [
            context["area_names"].get(action.focus_area, action.focus_area),
            action.you_said,
            action.we_did,
            str(context["status_names"][action.status]),
            action.owner,
            format_date(action.done_on or action.due_on, "MMM y")
            if (action.done_on or action.due_on)
            else "",
        ]
        for listed in context["actions"].values()
        for action in listed
    ]
    if not rows:
        document.add_paragraph(_("No actions recorded yet."))
        return
    table(
        document,
        [_("Focus area"), _("You said"), _("We did"), _("Status"), _("Owner"), _("Done or due")],
        rows,
    )


def representation(document: DocumentType, context: Context) -> None:
    document.add_heading(_("Who has been heard"), level=1)
    heard = context["heard"]
    if heard.population is None:
        document.add_paragraph(
            heard.problem or _("No population figures have been set up, so this is not shown.")
        )
        return
    threshold = context["threshold"]
    document.add_paragraph(
        _(
            "Compared with: %(title)s (%(source)s).",
            title=heard.population.title,
            source=heard.population.source,
        )
    )
    if heard.under_heard:
        named = ", ".join(
            context["answer_names"].get(row.attribute, {}).get(row.value, row.value)
            for row in heard.under_heard
        )
        document.add_paragraph(_("Under-heard in this period: %(groups)s.", groups=named))
    rows = [
        [
            context["answer_names"].get(row.attribute, {}).get(row.value, row.value),
            share(row.population_share),
            count(row.heard, threshold),
            share(row.heard_share),
            _("Under-heard") if row.under_heard else "",
        ]
        for row in heard.comparisons
        if row.kind == "group"
    ]
    table(
        document,
        [_("Group"), _("Share of children"), _("People heard"), _("Share of those heard"), ""],
        rows,
    )


def methods(document: DocumentType, scope: Scope, period: Period, context: Context) -> None:
    threshold = context["threshold"]
    quality = data_quality(db_session(), scope, period)
    document.add_heading(_("How these figures were made"), level=1)
    for text in (
        _(
            "Every answer to a survey and every contribution at a group session becomes "
            "statements. Each statement is tagged to the focus areas it speaks about, scored "
            "for sentiment from −1 (negative) to +1 (positive), has personal details replaced "
            "before it can be quoted, and is checked for signs that a child may be at risk."
        ),
        _(
            "Analysts review the tags and sentiment and correct them; the analysis learns from "
            "their corrections. Statements that raised a safeguarding concern are never quoted."
        ),
        _(
            "Counts under %(threshold)s are shown as “fewer than %(threshold)s”, with a second "
            "count hidden where needed so the first cannot be worked out; no share or average is "
            "given for fewer than %(threshold)s; an area where fewer than %(threshold)s people "
            "were heard shows no figures.",
            threshold=threshold,
        ),
        _(
            "The change since the last period is the difference in average sentiment with a 95%% "
            "interval (1.96 standard errors). It is called more than chance only when the whole "
            "interval is on one side of no change."
        ),
    ):
        document.add_paragraph(text)
    document.add_heading(_("Data quality in this period"), level=2)
    found = (
        (_("All statements"), quality.statements),
        (_("Checked by a person"), quality.reviewed),
        (_("Tagged to no focus area"), quality.untagged),
        (_("Waiting for translation (not scored)"), quality.awaiting_translation),
        (_("Not analysed yet"), quality.not_analysed),
        (_("Withheld from quotes for safeguarding"), quality.safeguarding),
    )
    table(
        document,
        [_("Statements"), _("Number")],
        [[name, count(shown_count(n, threshold), threshold)] for name, n in found],
    )
