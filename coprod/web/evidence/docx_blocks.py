"""The pieces a Word document of evidence is built from: counts as they may be shown, tables,
captions, and a chart as a picture with its text alternative followed by its figures."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from docx.document import Document as DocumentType
from docx.shared import Cm
from docx.table import Table
from flask_babel import format_number, format_percent
from flask_babel import gettext as _

from coprod.evidence.charts import Chart


def count(value: int | None, threshold: int) -> str:
    if value is None:
        return _("fewer than %(threshold)s", threshold=threshold)
    return str(format_number(value))


def share(value: float | None) -> str:
    return str(format_percent(value)) if value is not None else "–"


def table(document: DocumentType, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Light Grid Accent 1"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    return table


def caption(document: DocumentType, text: str) -> None:
    document.add_paragraph(text, style="Caption")


def chart(document: DocumentType, chart: Chart) -> None:
    """The chart as a picture with its text alternative, then its figures as a table."""
    document.add_picture(io.BytesIO(chart.png), width=Cm(16))
    picture = document.inline_shapes[-1]
    properties = picture._inline.docPr
    properties.set("descr", chart.alt)
    properties.set("title", chart.table.caption)
    caption(document, chart.table.caption)
    table(document, chart.table.headers, chart.table.rows)


def line_rows(line: Any, names: Mapping[str, Any], threshold: int, shares: Any = None) -> list:
    rows = []
    for value, n in line.counts.items():
        if n == 0 and value in ("unknown", "unscored"):
            continue
        row = [str(names.get(value, value)), count(n, threshold)]
        if shares is not None:
            row.append(share(shares.get(value)))
        rows.append(row)
    return rows
