"""A response always points at the exact wording that was answered."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from coprod.db import app_session
from coprod.models import Response, SurveyVersion
from tests.conftest import Respondent
from tests.surveys.test_catalogue import SURVEYS


def test_changing_the_wording_mid_survey_keeps_the_version_the_person_started(
    make_app: Callable[..., Flask], tmp_path: Path
) -> None:
    folder = tmp_path / "surveys"
    shutil.copytree(SURVEYS, folder)
    before = make_app(SURVEYS_DIR=str(folder))
    person = Respondent(before.test_client())
    person.start("young-people")

    path = folder / "young-people.yaml"
    path.write_text(path.read_text().replace("What is good?", "What is going well?"))
    after = make_app(SURVEYS_DIR=str(folder))
    person.client.application = after  # the same browser, now served by the new wording
    page = person.get("/surveys/young-people/questions/whats_good")
    assert page.h1 == "What is good?"
    person.send(person.get("/surveys/young-people/check-answers"))

    newcomer = Respondent(after.test_client())
    newcomer.start("young-people")
    assert newcomer.get("/surveys/young-people/questions/whats_good").h1 == "What is going well?"
    newcomer.send(newcomer.get("/surveys/young-people/check-answers"))

    with app_session(after) as session:
        numbers = [
            r.version.number for r in session.scalars(select(Response).order_by(Response.id))
        ]
        wordings = {
            v.number: v.definition["questions"][7]["text"]
            for v in session.scalars(select(SurveyVersion))
        }
    assert numbers == [1, 2]
    assert wordings == {1: "What is good?", 2: "What is going well?"}
