"""The evidence charts as a reader meets them: the SVG inlined in a page, the PNG in the Word
board pack and the table printed beside both, in English and in right-to-left Urdu and Arabic."""

from __future__ import annotations

import io
import logging
import re
import warnings
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date

import matplotlib
import pytest
from matplotlib.text import Text
from PIL import Image

from coprod.evidence.charts import (
    PNG_DPI,
    PRINT_WIDTH_PT,
    WEB_WIDTH_PT,
    Chart,
    ChartText,
    _draw_feeling,
    _draw_trend,
    _stack,
    feeling_chart,
    format_mean,
    format_percent,
    trend_chart,
)
from coprod.evidence.disclosure import Line
from coprod.evidence.periods import Period
from coprod.evidence.summary import PeriodFigures

SVG = "{http://www.w3.org/2000/svg}"
LABELS = {"positive": "Positive", "mixed": "Mixed", "neutral": "Neutral", "negative": "Negative"}
NAMES = ["Jan to Jun 2025", "Jul to Dec 2025", "Jan to Jun 2026", "Jul to Dec 2026"]
ENGLISH = ChartText(
    title="How families felt about EHC plans",
    alt="Bar chart of how families felt about EHC plans in each period.",
    too_few="Too few people to show",
    period_heading="Period",
    period_names=NAMES,
    axis="Share of statements",
    labels=LABELS,
)
URDU = ChartText(
    title="خاندانوں نے ای ایچ سی منصوبوں کے بارے میں کیسا محسوس کیا",
    alt="ہر مدت میں خاندانوں کے احساسات کا بار چارٹ",
    too_few="دکھانے کے لیے بہت کم لوگ",
    period_heading="مدت",
    period_names=[
        "جنوری تا جون 2025",
        "جولائی تا دسمبر 2025",
        "جنوری تا جون 2026",
        "جولائی تا دسمبر 2026",
    ],
    axis="بیانات کا حصہ",
    labels={"positive": "مثبت", "mixed": "ملا جلا", "neutral": "غیر جانبدار", "negative": "منفی"},
    rtl=True,
)
OTHER_LANGUAGES = {
    "ar": ChartText(
        title="شعور العائلات",
        alt="مخطط شريطي",
        too_few="عدد قليل جدًا",
        period_heading="الفترة",
        period_names=[
            "يناير–يونيو 2025",
            "يوليو–ديسمبر 2025",
            "يناير–يونيو 2026",
            "يوليو–ديسمبر 2026",
        ],
        axis="حصة العبارات",
        labels={"positive": "إيجابي", "mixed": "مختلط", "neutral": "محايد", "negative": "سلبي"},
        rtl=True,
    ),
    "pa": ChartText(
        title="ਪਰਿਵਾਰਾਂ ਨੇ ਕਿਵੇਂ ਮਹਿਸੂਸ ਕੀਤਾ",
        alt="ਹਰ ਮਿਆਦ ਦਾ ਬਾਰ ਚਾਰਟ",
        too_few="ਦਿਖਾਉਣ ਲਈ ਬਹੁਤ ਘੱਟ ਲੋਕ",
        period_heading="ਮਿਆਦ",
        period_names=["ਜਨਵਰੀ–ਜੂਨ 2025", "ਜੁਲਾਈ–ਦਸੰਬਰ 2025", "ਜਨਵਰੀ–ਜੂਨ 2026", "ਜੁਲਾਈ–ਦਸੰਬਰ 2026"],
        axis="ਬਿਆਨਾਂ ਦਾ ਹਿੱਸਾ",
        labels={
            "positive": "ਸਕਾਰਾਤਮਕ",
            "mixed": "ਮਿਲੇ-ਜੁਲੇ",
            "neutral": "ਨਿਰਪੱਖ",
            "negative": "ਨਕਾਰਾਤਮਕ",
        },
    ),
    "pl": ChartText(
        title="Jak czuły się rodziny",
        alt="Wykres słupkowy",
        too_few="Za mało osób, by pokazać",
        period_heading="Okres",
        period_names=[
            "styczeń–czerwiec 2025",
            "lipiec–grudzień 2025",
            "styczeń–czerwiec 2026",
            "lipiec–grudzień 2026",
        ],
        axis="Udział wypowiedzi",
        labels={
            "positive": "Pozytywne",
            "mixed": "Mieszane",
            "neutral": "Neutralne",
            "negative": "Negatywne",
        },
    ),
    "ro": ChartText(
        title="Cum s-au simțit familiile",
        alt="Grafic cu bare",
        too_few="Prea puține persoane pentru a afișa",
        period_heading="Perioada",
        period_names=[
            "ianuarie–iunie 2025",
            "iulie–decembrie 2025",
            "ianuarie–iunie 2026",
            "iulie–decembrie 2026",
        ],
        axis="Ponderea afirmațiilor",
        labels={
            "positive": "Pozitive",
            "mixed": "Mixte",
            "neutral": "Neutre",
            "negative": "Negative",
        },
    ),
}


def figures(shares: dict[str, float | None] | None = None, too_few: bool = False) -> PeriodFigures:
    """One period's figures as coprod.evidence.summary hands them over."""
    empty = Line({}, None)
    period = Period(date(2025, 1, 1), date(2025, 7, 1))
    return PeriodFigures(period, too_few, None, None, empty, empty, empty, shares or {}, None)


#: The second period heard too few people: its shares must never be shown, even if present.
ROWS = [
    figures({"positive": 0.45, "mixed": 0.12, "neutral": 0.28, "negative": 0.15}),
    figures({"positive": 0.33, "mixed": 0.22, "neutral": 0.11, "negative": 0.34}, too_few=True),
    figures({"positive": 0.30, "mixed": 0.04, "neutral": None, "negative": 0.38}),
    figures({"positive": 0.62, "mixed": 0.08, "neutral": 0.0, "negative": 0.30}),
]
MEANS = [0.25, None, -0.1, 0.41]
#: Short enough never to be broken over lines, so each can be found by its text.
SHORT = ["H1 2025", "H2 2025", "H1 2026", "H2 2026"]
SHORT_URDU = ["جنوری 25", "جولائی 25", "جنوری 26", "جولائی 26"]


def parsed(chart: Chart) -> ET.Element:
    return ET.fromstring(chart.svg)  # noqa: S314 - our own output, parsed to check it


def texts(chart: Chart) -> list[ET.Element]:
    return list(parsed(chart).iter(f"{SVG}text"))


def words(chart: Chart) -> list[str]:
    return [element.text or "" for element in texts(chart)]


def says(chart: Chart, text: str) -> bool:
    """Whether the chart shows the text, on one line or broken over several."""
    return re.sub(r"\s", "", text) in re.sub(r"\s", "", "".join(words(chart)))


def x_of(chart: Chart, text: str) -> float:
    """Where a text is anchored, across the chart (several lines: the first)."""
    return next(float(t.get("x") or re.findall(r"translate\(([\d.]+)", t.get("transform", ""))[0])
                for t in texts(chart) if t.text == text)  # fmt: skip


@pytest.fixture(scope="module")
def feeling() -> Chart:
    return feeling_chart(ROWS, ENGLISH, id_prefix="feeling-ehc")


@pytest.fixture(scope="module")
def trend() -> Chart:
    return trend_chart(MEANS, replace(ENGLISH, axis="Average feeling, −1 to +1"))


@pytest.mark.parametrize("which", ["feeling", "trend"])
def test_the_svg_is_an_image_a_screen_reader_can_name(
    which: str, request: pytest.FixtureRequest
) -> None:
    chart: Chart = request.getfixturevalue(which)
    root = parsed(chart)
    assert chart.svg.startswith("<svg ")
    assert "<?xml" not in chart.svg and "DOCTYPE" not in chart.svg
    assert root.get("role") == "img"
    assert root.get("aria-label") == chart.alt == ENGLISH.alt
    assert root[0].tag == f"{SVG}title" and root[0].text == ENGLISH.title
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}style"))
    assert "style=" not in chart.svg, "inline styles would be refused by a strict CSP"


@pytest.mark.parametrize("which", ["feeling", "trend"])
def test_the_svg_scales_to_a_phone(which: str, request: pytest.FixtureRequest) -> None:
    root = parsed(request.getfixturevalue(which))
    assert root.get("width") == "100%" and root.get("height") is None
    width = float((root.get("viewBox") or "").split()[2])
    assert width == pytest.approx(WEB_WIDTH_PT)


def test_text_stays_text_in_fonts_that_fall_back_for_every_script(feeling: Chart) -> None:
    family = texts(feeling)[0].get("font-family") or ""
    assert family.startswith("'DejaVu Sans', 'Noto Sans Arabic'") and family.endswith("sans-serif")
    assert "<path" in feeling.svg and "glyph" not in feeling.svg


def test_each_shown_share_names_its_period_and_series(feeling: Chart) -> None:
    shown = words(feeling)
    for text in ["45%", "28%", "30%", "38%", "62%", *LABELS.values()]:
        assert text in shown
    assert all(says(feeling, name) for name in [*NAMES, "Too few people to show"])
    shown_shares = {w for w in shown if w.endswith("%")} - {"0%", "50%", "100%"}
    assert shown_shares <= {cell for row in feeling.table.rows for cell in row}


def test_a_period_with_too_few_people_shows_the_words_and_never_a_value(feeling: Chart) -> None:
    shown = words(feeling)
    for hidden in ["33%", "22%", "11%", "34%"]:
        assert hidden not in shown
        assert all(hidden not in cell for row in feeling.table.rows for cell in row)
    assert feeling.table.rows[1] == ("Jul to Dec 2025", *["Too few people to show"] * 4)


def test_a_row_whose_every_share_is_hidden_shows_the_words_not_a_zero_bar() -> None:
    hidden = figures(dict.fromkeys(LABELS, None))
    chart = feeling_chart([hidden], replace(ENGLISH, period_names=["Jan to Jun 2025"]))
    assert "Too few people to show" in words(chart)
    assert not [w for w in words(chart) if w.endswith("%") and w not in ("0%", "50%", "100%")]
    assert chart.table.rows == (("Jan to Jun 2025", *["Too few people to show"] * 4),)


def test_narrow_segments_go_unlabelled_but_keep_their_value_in_the_table(feeling: Chart) -> None:
    assert "4%" not in words(feeling)
    assert feeling.table.rows[2] == (
        "Jan to Jun 2026",
        "30%",
        "4%",
        "Too few people to show",
        "38%",
    )
    assert feeling.table.rows[3] == ("Jul to Dec 2026", "62%", "8%", "0%", "30%")


def test_the_feeling_table_heads_its_columns(feeling: Chart) -> None:
    assert feeling.table.caption == ENGLISH.title
    assert feeling.table.headers == ("Period", "Positive", "Mixed", "Neutral", "Negative")
    assert feeling.table.rows[0] == ("Jan to Jun 2025", "45%", "12%", "28%", "15%")


def test_hidden_and_empty_shares_draw_no_segment() -> None:
    assert _stack(
        {"positive": 0.5, "mixed": None, "neutral": 0.0, "negative": 0.25}, list(LABELS)
    ) == [
        ("positive", 0.0, 0.5),
        ("negative", 0.5, 0.25),
    ]


def test_the_trend_labels_each_point_with_a_true_minus_and_a_gap_where_hidden(trend: Chart) -> None:
    shown = words(trend)
    assert {"+0.25", "\u22120.10", "+0.41"} <= set(shown)
    assert "-0.10" not in trend.svg
    assert says(trend, "Too few people to show")
    assert trend.table.headers == ("Period", "Average feeling, −1 to +1")
    assert trend.table.rows == (
        ("Jan to Jun 2025", "+0.25"),
        ("Jul to Dec 2025", "Too few people to show"),
        ("Jan to Jun 2026", "\u22120.10"),
        ("Jul to Dec 2026", "+0.41"),
    )


def test_the_too_few_words_stand_where_the_hidden_point_would_be() -> None:
    chart = trend_chart(MEANS, replace(ENGLISH, period_names=SHORT, too_few="Too few"))
    assert x_of(chart, "Too few") == pytest.approx(x_of(chart, "H2 2025"))


def test_right_to_left_time_runs_from_the_right() -> None:
    chart = trend_chart(MEANS, replace(URDU, period_names=SHORT_URDU))
    assert x_of(chart, SHORT_URDU[0]) > x_of(chart, SHORT_URDU[1]) > x_of(chart, SHORT_URDU[3])
    assert x_of(chart, "+0.25") > x_of(chart, "+0.41")
    english = trend_chart(MEANS, replace(ENGLISH, period_names=SHORT))
    assert x_of(english, SHORT[0]) < x_of(english, SHORT[3])
    assert x_of(english, "+0.25") < x_of(english, "+0.41")


def test_right_to_left_bars_start_from_the_right_with_their_periods_beside_them() -> None:
    chart = feeling_chart(ROWS, replace(URDU, period_names=SHORT_URDU))
    assert x_of(chart, "0%") > x_of(chart, "100%")
    assert x_of(chart, SHORT_URDU[0]) > x_of(chart, "0%")
    assert x_of(chart, "45%") > x_of(chart, "15%"), "positive comes first, from the right"
    english = feeling_chart(ROWS, replace(ENGLISH, period_names=SHORT))
    assert x_of(english, SHORT[0]) < x_of(english, "0%") < x_of(english, "100%")
    assert x_of(english, "45%") < x_of(english, "15%")


def test_right_to_left_text_is_marked_and_anchored_where_it_was_measured() -> None:
    chart = feeling_chart(ROWS, replace(URDU, period_names=SHORT_URDU))
    name = next(t for t in texts(chart) if t.text == SHORT_URDU[0])
    value = next(t for t in texts(chart) if t.text == "45%")
    # Measured from its left edge beside the axis; an RTL text ends at its left edge.
    assert (name.get("direction"), name.get("text-anchor")) == ("rtl", "end")
    assert value.get("direction") is None
    assert parsed(chart).get("direction") == "ltr"


def test_two_charts_on_one_page_share_no_id(feeling: Chart, trend: Chart) -> None:
    ids = [{e.get("id") for e in parsed(c).iter() if e.get("id")} for c in (feeling, trend)]
    assert ids[0] and ids[1] and not ids[0] & ids[1]
    assert all(i.startswith("feeling-ehc-") for i in ids[0])
    for chart, known in zip((feeling, trend), ids, strict=True):
        referred = set(re.findall(r'(?:url\(#|href="#)([^")]+)', chart.svg))
        assert referred and referred <= known


def test_the_same_chart_draws_the_same_svg_and_refuses_a_bad_id() -> None:
    assert trend_chart(MEANS, ENGLISH).svg == trend_chart(MEANS, ENGLISH).svg
    with pytest.raises(ValueError, match="cannot start an id"):
        trend_chart(MEANS, ENGLISH, id_prefix='1" onload="x')


def test_words_are_escaped_not_read_as_markup_or_mathematics() -> None:
    text = replace(
        ENGLISH,
        title='Feeling <b>& "quotes"',
        alt="Chart <script>alert(1)</script>",
        period_names=["<b>& $5 a month", *NAMES[1:]],
        labels={**LABELS, "positive": "<b>&"},
    )
    chart = feeling_chart(ROWS, text)
    root = parsed(chart)
    assert "<b>" not in chart.svg and "<script" not in chart.svg
    assert "&lt;b&gt;&amp;" in chart.svg
    assert root.get("aria-label") == "Chart <script>alert(1)</script>"
    assert root[0].text == 'Feeling <b>& "quotes"'
    assert "<b>&" in words(chart) and says(chart, "<b>& $5 a month")


@pytest.mark.parametrize("which", ["feeling", "trend"])
def test_the_png_fills_sixteen_centimetres_of_a_word_page(
    which: str, request: pytest.FixtureRequest
) -> None:
    chart: Chart = request.getfixturevalue(which)
    assert chart.png.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(chart.png)) as image:
        assert image.width == round(PRINT_WIDTH_PT / 72 * PNG_DPI)
        assert image.info["dpi"][0] == pytest.approx(PNG_DPI, abs=0.1)
        assert image.width / image.info["dpi"][0] * 2.54 == pytest.approx(16, abs=0.05)
        assert 0.3 < image.height / image.width < 1


@pytest.mark.parametrize("language", ["ur", *OTHER_LANGUAGES])
def test_every_script_draws_without_a_missing_glyph(
    language: str, caplog: pytest.LogCaptureFixture
) -> None:
    text = URDU if language == "ur" else OTHER_LANGUAGES[language]
    with (
        warnings.catch_warnings(record=True) as caught,
        caplog.at_level(logging.WARNING, "matplotlib"),
    ):
        warnings.simplefilter("always")
        charts = [feeling_chart(ROWS, text), trend_chart(MEANS, replace(text, axis=text.axis))]
    assert [str(w.message) for w in caught] == []
    assert [r.getMessage() for r in caplog.records] == []
    for chart in charts:
        assert says(chart, text.period_names[0]) and says(chart, text.too_few)


@pytest.mark.parametrize("language", ["en", "ur", *OTHER_LANGUAGES])
@pytest.mark.parametrize("width", [WEB_WIDTH_PT, PRINT_WIDTH_PT])
def test_no_words_overlap_or_fall_off_the_edge(language: str, width: float) -> None:
    text = {"en": ENGLISH, "ur": URDU, **OTHER_LANGUAGES}[language]
    stacks = [_stack(r.shares, list(text.labels)) if not r.too_few else None for r in ROWS]
    six = replace(text, period_names=[*text.period_names, *text.period_names[:2]])
    for figure in (
        _draw_feeling(stacks, text, width),
        _draw_trend([*MEANS, 0.9, -0.95], six, width),
    ):
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        figure.draw(renderer)
        boxes = [
            t.get_window_extent(renderer)
            for t in figure.findobj(Text)
            if t.get_visible() and t.get_text()
        ]
        edge = figure.bbox
        for box in boxes:
            assert (
                edge.x0 <= box.x0 and box.x1 <= edge.x1 and edge.y0 <= box.y0 and box.y1 <= edge.y1
            )
        for i, box in enumerate(boxes):
            assert not any(box.overlaps(other) for other in boxes[i + 1 :])


def test_charts_drawn_in_several_threads_keep_their_text_and_leave_settings_alone() -> None:
    fonttype = matplotlib.rcParams["svg.fonttype"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        charts = list(pool.map(lambda i: feeling_chart(ROWS, ENGLISH, id_prefix=f"c{i}"), range(8)))
    assert matplotlib.rcParams["svg.fonttype"] == fonttype
    assert len({re.sub(r'(id="|#)c\d-\w+', r"\1", c.svg) for c in charts}) == 1
    assert all("45%" in words(c) for c in charts)


@pytest.mark.parametrize(
    ("mean", "shown"),
    [(0.25, "+0.25"), (-0.1, "\u22120.10"), (0.0, "0.00"), (-0.001, "0.00"), (1.0, "+1.00")],
)
def test_means_are_signed_with_a_true_minus(mean: float, shown: str) -> None:
    assert format_mean(mean) == shown


@pytest.mark.parametrize(
    ("share", "shown"), [(0.45, "45%"), (0.0, "0%"), (1.0, "100%"), (0.126, "13%")]
)
def test_shares_are_whole_percentages(share: float, shown: str) -> None:
    assert format_percent(share) == shown


def test_a_chart_needs_a_name_for_each_period() -> None:
    with pytest.raises(ValueError):
        trend_chart(MEANS[:2], ENGLISH)
    with pytest.raises(ValueError):
        trend_chart([], replace(ENGLISH, period_names=[]))


def test_a_chart_with_every_period_hidden_still_draws_and_says_why() -> None:
    text = replace(ENGLISH, period_names=SHORT[:2], too_few="Too few")
    for chart in (
        trend_chart([None, None], text),
        feeling_chart([figures(too_few=True)] * 2, text),
    ):
        assert words(chart).count("Too few") == 2
        assert {cell for row in chart.table.rows for cell in row[1:]} == {"Too few"}
