"""The evidence charts, drawn with matplotlib's Figure API (never pyplot, never a global backend):
each chart comes back as inline SVG for the pages, a PNG for the Word board pack, its text
alternative and a table of the same figures, so page and document print the same data.

Every word is passed in already translated. Text stays real ``<text>`` in the SVG, so the browser
shapes Arabic, Urdu and Gurmukhi itself; in the PNG, matplotlib shapes it (libraqm).
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any, Protocol

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from coprod.evidence.chart_svg import WANTED_FAMILIES, inline_svg

#: The PNG fills 16 cm (6.3 in), an A4 page's text width in Word, at 150 dots an inch.
PRINT_WIDTH_PT = 6.3 * 72
PNG_DPI = 150
#: The SVG is drawn narrower, so that scaled to a phone's width its text stays about 11 px.
WEB_WIDTH_PT = 4.2 * 72
BASE_PT = 11.0
SMALL_PT = 10.0
#: Segments narrower than this share get no label inside; the table still gives their value.
MIN_INSIDE = 0.06
INK = "#0b0c0c"
QUIET = "#505a5f"
GRID = "#dcdcdc"
#: Okabe–Ito colours, each at least 3:1 against white, with the ink for a value written on it
#: (at least 4.5:1). Series are named beside their bars, so nobody has to match colours.
PALETTE = {
    "positive": ("#0072B2", "#ffffff"),
    "mixed": ("#CC79A7", INK),
    "neutral": ("#767676", "#ffffff"),
    "negative": ("#D55E00", INK),
}
OTHER_COLOURS = ("#595959", "#ffffff")
#: Fallbacks for the scripts DejaVu Sans lacks. matplotlib is given only the installed ones (it
#: complains about any it cannot find); browsers get the whole list.
_INSTALLED = {entry.name for entry in font_manager.fontManager.ttflist}
FAMILIES = [name for name in WANTED_FAMILIES if name in _INSTALLED] or ["DejaVu Sans"]
#: Where a line of text starts, left to right and right to left.
_START = {False: "left", True: "right"}
_BEHIND = {"facecolor": "white", "edgecolor": "none", "pad": 1}


def format_percent(share: float) -> str:
    """A share (0 to 1) as a whole percentage: "45%"."""
    return f"{share * 100:.0f}%"


def format_mean(mean: float) -> str:
    """A mean sentiment, signed, with a true minus sign: "+0.25", "−0.10", "0.00"."""
    text = f"{mean:+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text.replace("-", "\u2212")


@dataclass(frozen=True)
class ChartText:
    """Every word a chart shows, already translated, and the direction it reads in: `too_few`
    is written wherever disclosure control hides a figure, `period_heading` heads the table's
    first column, `period_names` name the bars or points oldest first, `axis` says what the
    values measure, `labels` name the series (slug → name) in the order they are stacked."""

    title: str
    alt: str
    too_few: str
    period_heading: str
    period_names: Sequence[str]
    axis: str
    labels: Mapping[str, str] = field(default_factory=dict)
    rtl: bool = False
    percent: Callable[[float], str] = format_percent
    mean: Callable[[float], str] = format_mean


@dataclass(frozen=True)
class ChartTable:
    """The chart's figures as formatted strings, to print beside it."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """One chart: inline SVG for a page, PNG for Word, its text alternative and its table.

    Each picture is drawn the first time it is asked for, so a page pays only for the SVG and
    the board pack only for the PNG."""

    alt: str
    table: ChartTable
    title: str
    prefix: str
    draw: Callable[[float], Figure] = field(repr=False, compare=False)

    @cached_property
    def png(self) -> bytes:
        out = io.BytesIO()
        FigureCanvasAgg(self.draw(PRINT_WIDTH_PT)).print_png(out)
        return out.getvalue()

    @cached_property
    def svg(self) -> str:
        out, figure, rc = io.StringIO(), self.draw(WEB_WIDTH_PT), matplotlib.rcParams
        with _SVG_LOCK:
            fonttype, salt = rc["svg.fonttype"], rc["svg.hashsalt"]
            rc["svg.fonttype"], rc["svg.hashsalt"] = "none", self.prefix
            try:
                FigureCanvasSVG(figure).print_svg(out, metadata=dict(_NO_METADATA))
            finally:
                rc["svg.fonttype"], rc["svg.hashsalt"] = fonttype, salt
        return inline_svg(out.getvalue(), self.title, self.alt, self.prefix)


class FeelingRow(Protocol):
    """One period's share of statements per label; `summary.PeriodFigures` is one."""

    @property
    def shares(self) -> Mapping[str, float | None]: ...

    @property
    def too_few(self) -> bool: ...


Stack = list[tuple[str, float, float]]


def feeling_chart(
    rows: Sequence[FeelingRow], text: ChartText, *, id_prefix: str | None = None
) -> Chart:
    """One stacked bar per period of the share of statements with each label, named directly;
    a period too few people spoke in shows the too-few words instead of a bar."""
    series = list(text.labels)
    shown = [not row.too_few and any(row.shares.get(s) is not None for s in series) for row in rows]
    stacks = [_stack(r.shares, series) if ok else None for r, ok in zip(rows, shown, strict=True)]
    table = ChartTable(
        text.title,
        (text.period_heading, *(text.labels[s] for s in series)),
        tuple(
            (name, *(_shown(row.shares.get(s) if ok else None, text.percent, text) for s in series))
            for name, row, ok in zip(text.period_names, rows, shown, strict=True)
        ),
    )
    return _chart(partial(_draw_feeling, stacks, text), text, table, id_prefix)


def trend_chart(
    points: Sequence[float | None], text: ChartText, *, id_prefix: str | None = None
) -> Chart:
    """The mean sentiment per period on a −1 to +1 scale, each point labelled with its value;
    a hidden mean is a gap in the line with the too-few words in its place."""
    rows = zip(text.period_names, points, strict=True)
    shown = tuple((name, _shown(value, text.mean, text)) for name, value in rows)
    table = ChartTable(text.title, (text.period_heading, text.axis), shown)
    return _chart(partial(_draw_trend, points, text), text, table, id_prefix)


class _Drawing:
    """A figure of a fixed width, in points, whose text can be measured before it is placed."""

    def __init__(self, width: float) -> None:
        self.width = width
        self.figure = Figure(figsize=(width / 72, 3), dpi=PNG_DPI, facecolor="white")
        self._renderer = FigureCanvasAgg(self.figure).get_renderer()

    def size(self, text: str, points: float) -> tuple[float, float]:
        """The width and height of some lines of text."""
        prop = FontProperties(family=FAMILIES, size=points)
        lines = text.split("\n")
        measure = self._renderer.get_text_width_height_descent
        widths = [measure(line or " ", prop, ismath=False)[0] for line in lines]
        return max(widths) * 72 / PNG_DPI, len(lines) * points * 1.25

    def wrap(self, text: str, points: float, width: float) -> str:
        """The text in lines no wider than width where it can be: broken between words, or
        after a dash."""
        lines: list[str] = []
        for word in re.findall(r"[^\s–-]+[–-]?\s*|[–-]\s*", text):
            if lines and self.size((lines[-1] + word).strip(), points)[0] <= width:
                lines[-1] += word
            else:
                lines.append(word)
        return "\n".join(line.strip() for line in lines)

    def axes(self, box: tuple[float, ...], xlim: tuple[float, float], rtl: bool, grid: str) -> Axes:
        """Plain axes, the figure sized to fit them: box is their start margin, width, bottom
        margin, height and top margin; right to left, the x axis runs from the right."""
        start, width, bottom, height, top = box
        total = bottom + height + top
        self.figure.set_size_inches(self.width / 72, total / 72)
        left = self.width - start - width if rtl else start
        ax = self.figure.add_axes(
            (left / self.width, bottom / total, width / self.width, height / total)
        )
        ax.set_frame_on(False)
        ax.tick_params(colors=QUIET, labelcolor=INK, labelsize=SMALL_PT, labelfontfamily=FAMILIES)
        ax.grid(axis=grid, color=GRID, lw=0.8)  # type: ignore[arg-type]
        ax.set_axisbelow(True)
        ax.set_xlim(xlim[::-1] if rtl else xlim)
        if rtl:
            ax.yaxis.tick_right()
        return ax


def _draw_feeling(stacks: list[Stack | None], text: ChartText, width: float) -> Figure:
    draw = _Drawing(width)
    names = [draw.wrap(name, BASE_PT, width * 0.3) for name in text.period_names]
    start_margin = max(draw.size(name, BASE_PT)[0] for name in names) + 14
    area = width - start_margin - 16
    first = next((i for i, stack in enumerate(stacks) if stack), None)
    labels = _series_labels(draw, [s for s in stacks if s], text.labels, area)
    levels = 1 + max((level for *_, level in labels), default=0)
    row_h = max(32.0, max(draw.size(name, BASE_PT)[1] for name in names) + 10)
    centres, y = [], 4.0
    for i in range(len(stacks)):
        y += levels * SMALL_PT * 1.4 + 10 if i == first else 0
        centres.append(y + row_h / 2)
        y += row_h
    axis = draw.wrap(text.axis, BASE_PT, area)
    box = (start_margin, area, 30 + draw.size(axis, BASE_PT)[1], y, 6)
    ax = draw.axes(box, (0, 1), text.rtl, grid="x")
    ax.set_ylim(y, 0)
    ax.set_xticks([0, 0.5, 1], [text.percent(t) for t in (0, 0.5, 1)])
    ax.set_yticks(centres, names, parse_math=False)
    ax.tick_params(axis="y", length=0, pad=8)
    ax.set_xlabel(axis, labelpad=6, **_font(BASE_PT, va="top"))
    ax.axvline(0, color=QUIET, lw=0.8)
    for centre, stack in zip(centres, stacks, strict=True):
        if stack is None:
            words = draw.wrap(text.too_few, SMALL_PT, area - 8)
            ax.text(0.015, centre, words, **_font(SMALL_PT, QUIET, ha=_START[text.rtl]))
        for slug, start, share in stack or []:
            fill, ink = PALETTE.get(slug, OTHER_COLOURS)
            ax.barh(centre, share, left=start, height=20, color=fill, edgecolor="white", lw=1)
            value = text.percent(share)
            if share >= MIN_INSIDE and draw.size(value, SMALL_PT)[0] + 6 <= share * area:
                ax.text(start + share / 2, centre, value, **_font(SMALL_PT, ink))
    bar_top = centres[first] - 10 if first is not None else 0
    for slug, anchor, x, leader, level in labels:
        name_y = bar_top - 8 - level * SMALL_PT * 1.4
        if leader:
            colour = PALETTE.get(slug, OTHER_COLOURS)[0]
            ax.plot([anchor, anchor, x], [bar_top, bar_top - 4, name_y], color=colour, lw=1)
        ax.text(x, name_y, text.labels[slug], **_font(SMALL_PT, va="bottom", bbox=_BEHIND))
    return draw.figure


def _draw_trend(points: Sequence[float | None], text: ChartText, width: float) -> Figure:
    draw, count = _Drawing(width), len(points)
    ticks, tick_labels = [-1, -0.5, 0, 0.5, 1], ["\u22121", "\u22120.5", "0", "+0.5", "+1"]
    start_margin = max(draw.size(label, SMALL_PT)[0] for label in tick_labels) + 12
    area = width - start_margin - 12
    for size in (SMALL_PT, 9.0, 8.0):  # smaller, if the names would not fit
        names = [draw.wrap(name, size, area / count - 4) for name in text.period_names]
        if max(draw.size(name, size)[0] for name in names) <= area / count - 4:
            break
    axis = draw.wrap(text.axis, BASE_PT, width - 16)
    top = 16 + draw.size(axis, BASE_PT)[1]
    bottom = 14 + max(draw.size(name, size)[1] for name in names)
    ax = draw.axes((start_margin, area, bottom, 170, top), (-0.5, count - 0.5), text.rtl, grid="y")
    ax.set_ylim(-1.25, 1.25)
    ax.set_xticks(range(count), names, parse_math=False)
    ax.set_yticks(ticks, tick_labels)
    ax.tick_params(axis="x", length=0, pad=8, labelsize=size)
    ax.axhline(0, color=QUIET, lw=1, zorder=1)
    values = [math.nan if p is None else p for p in points]
    ax.plot(range(count), values, color=PALETTE["positive"][0], lw=2, marker="o", ms=6, zorder=3)
    for i, value in enumerate(points):
        if value is None:
            words = draw.wrap(text.too_few, SMALL_PT, area / count - 6)
            ax.text(i, 0, words, **_font(SMALL_PT, QUIET, bbox=_BEHIND))
            continue
        near = [values[j] for j in (i - 1, i + 1) if 0 <= j < count and not math.isnan(values[j])]
        offset, va = (8, "bottom") if sum(near) <= value * len(near) else (-8, "top")
        font = _font(SMALL_PT, va=va, bbox=_BEHIND)  # away from the line, over it at worst
        ax.annotate(text.mean(value), (i, value), (0, offset), textcoords="offset points", **font)
    height = draw.figure.get_figheight() * 72
    x = 1 - 8 / width if text.rtl else 8 / width
    draw.figure.text(x, 1 - 8 / height, axis, **_font(BASE_PT, ha=_START[text.rtl], va="top"))
    return draw.figure


def _shown(value: float | None, formatted: Callable[[float], str], text: ChartText) -> str:
    return text.too_few if value is None else formatted(value)


def _font(size: float, colour: str = INK, **more: Any) -> dict[str, Any]:
    """A text's properties: centred unless told, and never read as mathematics ("$5")."""
    font = {"fontfamily": FAMILIES, "fontsize": size, "color": colour, "parse_math": False}
    return {**font, "ha": "center", "va": "center", "zorder": 4, **more}


def _stack(shares: Mapping[str, float | None], series: list[str]) -> Stack:
    """Each segment to draw: its label, where it starts and its share; hidden and zero left out."""
    stack, start = [], 0.0
    for slug in series:
        share = shares.get(slug)
        if share:
            stack.append((slug, start, share))
            start += share
    return stack


def _series_labels(
    draw: _Drawing, stacks: list[Stack], names: Mapping[str, str], area: float
) -> list[tuple[str, float, float, bool, int]]:
    """Where to name each series above the first bar: its label, its segment's middle, the
    name's middle pushed clear of its neighbours, whether the first bar has the segment, and
    on which line (a second when one is too narrow for all the names)."""
    anchors: dict[str, tuple[float, bool]] = {}
    for stack in stacks:
        for slug, start, share in stack:
            anchors.setdefault(slug, (start + share / 2, stack is stacks[0]))
    order = sorted(anchors, key=lambda slug: anchors[slug][0])
    half = {slug: (draw.size(names[slug], SMALL_PT)[0] / 2 + 4) / area for slug in order}
    levels = 1 if 2 * sum(half.values()) <= 1 else 2
    placed = []
    for level in range(levels):
        line = order[level::levels]
        xs = [anchors[slug][0] for slug in line]
        for i in range(len(line)):
            after = xs[i - 1] + half[line[i - 1]] if i else 0
            xs[i] = max(xs[i], after + half[line[i]])
        for i in reversed(range(len(line))):
            before = xs[i + 1] - half[line[i + 1]] if i + 1 < len(line) else 1
            xs[i] = min(xs[i], before - half[line[i]])
        placed += [(s, anchors[s][0], xs[i], anchors[s][1], level) for i, s in enumerate(line)]
    return placed


_ID = re.compile(r"[A-Za-z][\w-]*")
#: matplotlib's SVG writer reads its font type and id salt from the global rcParams only: they
#: are set for one save at a time and put back at once; nothing else in coprod writes SVG.
_SVG_LOCK = threading.Lock()
_NO_METADATA = dict.fromkeys(("Creator", "Date", "Format", "Type"))


def _chart(
    draw: Callable[[float], Figure], text: ChartText, table: ChartTable, id_prefix: str | None
) -> Chart:
    if not table.rows:
        raise ValueError("A chart needs at least one period.")
    content = repr((text.alt, text.rtl, table)).encode()
    prefix = id_prefix or f"chart-{hashlib.sha256(content).hexdigest()[:10]}"
    if not _ID.fullmatch(prefix):
        raise ValueError(f"{prefix!r} cannot start an id: use letters, digits, - and _.")
    return Chart(text.alt, table, text.title, prefix, draw)
