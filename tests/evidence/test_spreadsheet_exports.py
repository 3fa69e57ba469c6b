"""The statements leave as a CSV and as an Excel workbook with a data dictionary sheet: the
same redacted rows, safe against formulas, and both open in LibreOffice as a person's
spreadsheet would (LibreOffice Calc, headless, from Debian's packages)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import AuditEvent, Statement
from coprod.services.evidence_csv import COLUMNS
from tests.evidence.dataset import AUTUMN, Said, store
from tests.staff import signed_in

ORIGINAL = 'Mrs Khan said the plan, again, was "late"\nand nobody rang back.'
REDACTED = '[name] said the plan, again, was "late"\nand nobody rang back.'
FORMULA = '=HYPERLINK("http://example.invalid","click")'


def stored(app: Flask) -> None:
    said = [Said("ehc_plans", -0.5, AUTUMN, text=ORIGINAL) for _ in range(12)]
    said += [Said("ehc_plans", 0.4, AUTUMN, text=FORMULA) for _ in range(2)]
    store(app, said)
    with app_session(app) as session:
        for statement in session.scalars(select(Statement)):
            statement.redacted_text = REDACTED if statement.text == ORIGINAL else FORMULA
        session.commit()


CALC_CSV = "Text - txt - csv (StarCalc):44,34,76"


def libreoffice_converts(source: Path, folder: Path) -> Path:
    """What LibreOffice Calc shows of ``source``, written back out as CSV."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (libreoffice-calc-nogui) is needed: .ci/run installs it"
    profile = folder / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            *([f"--infilter={CALC_CSV},1"] if source.suffix == ".csv" else []),
            "--convert-to",
            f"csv:{CALC_CSV}",
            "--outdir",
            str(folder / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = list((folder / "out").glob(f"{source.stem}.*"))
    assert converted, f"LibreOffice wrote nothing for {source.name}"
    return converted[0]


def test_the_workbook_has_the_rows_and_a_data_dictionary_and_is_audited(
    app: Flask, tmp_path: Path
) -> None:
    stored(app)
    lead = signed_in(app, "analyst")
    response = lead.client.get("/staff/evidence/statements.xlsx?period=2026-07")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    assert book.sheetnames == ["Statements", "Data dictionary"]
    rows = list(book["Statements"].iter_rows(values_only=True))
    assert rows[0] == COLUMNS and len(rows) == 15
    texts = {row[COLUMNS.index("redacted_text")] for row in rows[1:]}
    assert texts == {REDACTED, "'" + FORMULA}
    assert all(cell.data_type == "s" for row in book["Statements"].iter_rows() for cell in row)
    described = {row[0] for row in book["Data dictionary"].iter_rows(min_row=2, values_only=True)}
    assert described == set(COLUMNS)
    with app_session(app) as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "evidence_exported"))
        assert event is not None and event.detail["format"] == "xlsx"


def test_libreoffice_opens_both_and_runs_no_formula(app: Flask, tmp_path: Path) -> None:
    stored(app)
    lead = signed_in(app, "analyst")
    for extension in ("csv", "xlsx"):
        response = lead.client.get(f"/staff/evidence/statements.{extension}?period=2026-07")
        source = tmp_path / f"statements.{extension}"
        source.write_bytes(response.get_data())
        if extension == "csv":
            body = response.get_data()
            assert body.startswith("\ufeff".encode()) and b"\r\n" in body
        # LibreOffice reads the file as Calc would and writes what it shows as CSV.
        shown = libreoffice_converts(source, tmp_path / extension)
        rows = list(csv.reader(io.StringIO(shown.read_text(encoding="utf-8").lstrip("\ufeff"))))
        assert rows[0] == list(COLUMNS), extension
        texts = [row[COLUMNS.index("redacted_text")] for row in rows[1:]]
        assert REDACTED in texts, extension  # commas, quotes and the line break survive
        assert not any(text in ("click", "#NAME?") for text in texts), extension
        assert any(text.endswith(FORMULA) for text in texts), extension
