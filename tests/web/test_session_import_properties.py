"""Whatever file a facilitator uploads to import contributions (a spreadsheet filled in rightly
or nearly, another encoding, a damaged download, a picture, random bytes), nobody meets a server
error; the preview saves nothing and names each problem; and what a confirmed preview adds holds
only values a contribution may have."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy.engine import Engine
from werkzeug.datastructures import MultiDict

from coprod.vocabulary import (
    AGE_BANDS,
    ROLES,
)
from tests.pages import parse
from tests.web.hostile_input import (
    Posted,
    build_app,
    examples,
    field_of,
    junk,
    posted,
    words,
)
from tests.web.session_checks import (
    assert_answered_plainly,
    assert_refused,
    disallowed_session_values,
    recording,
    snapshot,
)

SESSION_FILES = Path(__file__).parents[1] / "data" / "sessions"
EXAMPLES = 20


@pytest.fixture(scope="module")
def app(database_url: str, engine: Engine, instance_path: Path) -> Iterator[Flask]:
    """One app for the module (see build_app)."""
    built = build_app(database_url, instance_path)
    yield built
    built.extensions["coprod.engine"].dispose()


# Importing a spreadsheet ----------------------------------------------------------------------

CELL = st.one_of(
    st.sampled_from(
        [
            "The bus is late.",
            "quote",
            "paraphrase",
            "Paraphrase",
            "young_person",
            "Parent or carer",
            "11-12",
            "13 to 15",
            "16-17",
            "transitions",
            "local_offer",
            "yes",
            "no",
            "",
            "=1+1",
            "@SUM(A1)",
        ]
    ),
    junk(),
)
COLUMN_VALUES = {
    "text": words(),
    "kind": st.sampled_from(["quote", "paraphrase", "Paraphrase", ""]),
    "role": st.sampled_from([*ROLES, "Parent or carer", ""]),
    "age_band": st.sampled_from([*AGE_BANDS, "13 to 15", ""]),
    "focus_area": st.sampled_from(["transitions", "local_offer", "Local offer", ""]),
    "whole_group": st.sampled_from(["yes", "no", "", "Y", "TRUE"]),
}
HEADERS = st.one_of(
    st.just(["text", "kind", "role", "age_band", "focus_area", "whole_group"]),
    st.just(["text", "role", "age_band"]),
    st.permutations(["text", "kind", "role", "age_band", "focus_area", "whole_group"]),
    st.lists(
        st.one_of(st.sampled_from(["text", "Text", " TEXT ", "age band", "kind"]), junk()),
        max_size=7,
    ),
)


@st.composite
def table(draw: st.DrawFn) -> list[list[Any]]:
    """A header row and a few rows: most cells right for their column, some anything at all."""
    header = draw(HEADERS)
    spoilt_in_ten = draw(st.sampled_from([0, 0, 0, 1, 5]))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        row = [
            draw(
                CELL
                if draw(st.integers(0, 9)) < spoilt_in_ten
                else COLUMN_VALUES.get(name.strip().lower(), CELL)
            )
            for name in header
        ]
        rows.append(row + draw(st.lists(CELL, max_size=1)))
    return [header, *rows]


def as_csv(rows: list[list[Any]], encoding: str) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding, errors="replace")


def as_xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        # Excel cells cannot hold control characters; a real file never has them.
        sheet.append([re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", str(c)) for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD_XLSX = (SESSION_FILES / "good.xlsx").read_bytes()


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    """A real file with a few bytes changed, cut short, or padded: what a bad download gives."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
    cut = draw(st.sampled_from([None, len(data) // 2, len(data) - 22, 30]))
    return bytes(data[:cut])


GOOD_CSV = (SESSION_FILES / "good.csv").read_bytes()
#: Files a facilitator might really upload, filled in rightly or nearly so.
FILLED_IN = st.one_of(
    st.builds(as_csv, table(), st.sampled_from(["utf-8", "utf-8-sig"])),
    st.builds(as_xlsx, table()),
    st.sampled_from([GOOD_CSV, GOOD_XLSX]),
)
#: Files nobody should upload: other encodings, damaged, not spreadsheets at all.
NOT_FILLED_IN = st.one_of(
    st.builds(as_csv, table(), st.sampled_from(["utf-16", "cp1252"])),
    damaged(GOOD_XLSX),
    damaged(GOOD_CSV),
    st.binary(max_size=200),
    st.binary(max_size=50).map(lambda b: b"PK\x03\x04" + b),
    st.sampled_from([b"", b"\xd0\xcf\x11\xe0rest", b"%PDF-1.4", b"\xff\xfe", b"text\n\x00"]),
)
SPREADSHEETS = st.one_of(FILLED_IN, FILLED_IN, NOT_FILLED_IN)


def test_whatever_spreadsheet_is_imported_is_previewed_or_refused_and_adds_only_allowed_rows(
    app: Flask,
) -> None:
    rec = recording(app)

    @examples(40)
    @given(
        spreadsheet=SPREADSHEETS,
        filename=st.sampled_from(
            ["notes.csv", "notes.xlsx", "notes", "../../x.csv", "ملاحظات.csv", "", "a" * 300]
        ),
        confirm=st.booleans(),
    )
    def upload_and_check(spreadsheet: bytes, filename: str, confirm: bool) -> None:
        known = set(disallowed_session_values(app))  # stored by earlier examples
        before = snapshot(app)
        data: MultiDict[str, Any] = MultiDict(
            [("csrf_token", rec.token), ("spreadsheet", (io.BytesIO(spreadsheet), filename))]
        )
        response = rec.post(f"{rec.session_id}/import", data, content_type="multipart/form-data")
        assert_answered_plainly(response, redirects=False)
        assert snapshot(app) == before, "a preview saves nothing"
        if response.status_code == 400:
            assert_refused(response)
            return
        assert response.status_code == 200
        page = parse(response)
        rows = page.soup.select_one("main form[action$='/import/confirm'] input[name='rows']")
        if rows is None or not confirm:
            return
        added = rec.post(
            f"{rec.session_id}/import/confirm", {"csrf_token": rec.token, "rows": rows["value"]}
        )
        assert_answered_plainly(added)
        assert added.status_code == 302
        assert not (wrong := set(disallowed_session_values(app)) - known), wrong

    upload_and_check()


def test_whatever_is_posted_to_confirm_an_import_adds_nothing_without_a_real_preview(
    app: Flask,
) -> None:
    rec = recording(app)

    @examples(EXAMPLES)
    @given(item=posted({"rows": field_of(st.just("W1tdXQ.abc"))}, rec.token))
    def post_and_check(item: Posted) -> None:
        before = snapshot(app)
        response = rec.post(f"{rec.session_id}/import/confirm", item.data)
        assert_answered_plainly(response)
        assert response.status_code in (302, 400)
        assert snapshot(app) == before

    post_and_check()


# The examples hypothesis found, kept as plain cases -----------------------------------------


def _damaged_sheet(how: str) -> bytes:
    """good.xlsx with its worksheet's compressed data broken, as a bad download leaves it."""
    data = bytearray(GOOD_XLSX)
    sheet = zipfile.ZipFile(io.BytesIO(GOOD_XLSX)).getinfo("xl/worksheets/sheet1.xml")
    start = sheet.header_offset + 30 + len(sheet.filename.encode()) + len(sheet.extra)
    at = start if how == "first byte" else start + sheet.compress_size // 2
    data[at] ^= 0xFF
    return bytes(data)


def test_a_damaged_excel_file_is_refused_plainly(app: Flask) -> None:
    """Once a server error: zlib.error escaped while openpyxl read the sheet."""
    rec = recording(app)
    before = snapshot(app)
    for how in ("first byte", "middle"):
        response = rec.post(
            f"{rec.session_id}/import",
            {
                "csrf_token": rec.token,
                "spreadsheet": (io.BytesIO(_damaged_sheet(how)), "notes.xlsx"),
            },
            content_type="multipart/form-data",
        )
        assert response.status_code == 400
        assert parse(response).errors == [
            "The file is not a spreadsheet: upload a CSV or Excel (.xlsx) file"
        ]
    assert snapshot(app) == before
