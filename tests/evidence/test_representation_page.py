"""Who has been heard, on the evidence dashboard: the population file beside the period's
respondents with under-heard groups named, and a file that does not add up explained."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask import Flask

from tests.evidence.test_representation_sql import add
from tests.staff import signed_in

EXAMPLE = Path(__file__).resolve().parents[2] / "surveys" / "population" / "example.yaml"


def test_under_heard_groups_are_named_on_the_dashboard(make_app: object, tmp_path: Path) -> None:
    population = tmp_path / "population.yaml"
    shutil.copyfile(EXAMPLE, population)
    app: Flask = make_app(POPULATION_FILE=str(population))  # type: ignore[operator]
    # 60 answers: autism is a third of the children with plans but only 5 of those heard.
    add(
        app,
        *([{"primary_need": "autism"}] * 5),
        *([{"primary_need": "learning"}] * 40),
        *([{"primary_need": "speech_language"}] * 15),
    )
    page = signed_in(app, "analyst").get("/staff/evidence/?period=2026-01")
    section = page.soup.select_one("[data-representation]")
    assert section is not None
    warning = section.select_one("[data-under-heard]")
    assert warning is not None and "Autism" in warning.get_text()
    assert "Learning" not in warning.get_text()
    autism = section.select_one("[data-row=autism]")
    assert autism is not None and "fewer than 10" in autism.get_text()  # not "5"
    assert "Nobody answered this question in this period." in section.get_text()  # age band


def test_a_population_file_that_does_not_add_up_is_explained(
    make_app: object, tmp_path: Path
) -> None:
    population = tmp_path / "population.yaml"
    population.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("autism: 790", "autism: 770"), encoding="utf-8"
    )
    app: Flask = make_app(POPULATION_FILE=str(population))  # type: ignore[operator]
    page = signed_in(app, "analyst").get("/staff/evidence/")
    assert page.status == 200
    problem = page.soup.select_one("[data-population-problem]")
    assert problem is not None
    assert "groups → primary_need: the counts add up to 2,380 but the total is 2,400" in (
        problem.get_text()
    )
    assert page.soup.select("[data-area]")  # the rest of the evidence is still shown


def test_without_a_population_file_the_dashboard_says_how_to_add_one(
    make_app: object, tmp_path: Path
) -> None:
    app: Flask = make_app(POPULATION_FILE=str(tmp_path / "none.yaml"))  # type: ignore[operator]
    page = signed_in(app, "analyst").get("/staff/evidence/")
    assert (
        "surveys/population/example.yaml"
        in page.soup.select_one("[data-population-missing]").get_text()
    )
