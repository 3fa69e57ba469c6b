"""Survey files are checked on load, and every problem is named by file, line and key."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coprod import create_app
from coprod.config import PROJECT_ROOT
from coprod.surveys import DefinitionError, load_catalogue

SURVEYS = PROJECT_ROOT / "surveys"
#: DESIGN.md's focus-area slugs: an interface, so spelled out here rather than read from the file.
SIX_AREAS = [
    "identification",
    "ehc_plans",
    "joint_commissioning",
    "coproduction",
    "transitions",
    "local_offer",
]

GOOD_QUESTION = """\
  - id: listened
    type: agreement
    text: People listen to me.
    focus_areas: [coproduction]
"""


def survey_folder(tmp_path: Path, questions: str, header: str = "") -> Path:
    """A folder with the shipped frameworks and one survey holding ``questions``."""
    folder = tmp_path / "surveys"
    shutil.copytree(SURVEYS / "frameworks", folder / "frameworks")
    (folder / "broken.yaml").write_text(
        "slug: broken\n"
        "title: A survey\n"
        "summary: For testing.\n"
        "audience: Parents\n"
        f"{header}"
        "questions:\n"
        f"{questions}",
        encoding="utf-8",
    )
    return folder


def problems_in(folder: Path) -> list[str]:
    with pytest.raises(DefinitionError) as raised:
        load_catalogue(folder)
    return [str(p).replace(str(folder) + "/", "") for p in raised.value.problems]


def test_the_shipped_surveys_are_valid() -> None:
    catalogue = load_catalogue(SURVEYS)
    assert set(catalogue.surveys) == {"family-experience", "young-people"}
    assert [a.slug for a in catalogue.frameworks["default"].focus_areas] == SIX_AREAS


def test_the_family_survey_covers_every_focus_area_with_free_text() -> None:
    survey = load_catalogue(SURVEYS).surveys["family-experience"]
    areas = {a for q in survey.questions for a in q.focus_areas}
    assert areas == set(SIX_AREAS)
    assert 2 <= sum(q.type == "free_text" for q in survey.questions) <= 3


def test_the_young_peoples_survey_has_faces_a_card_sort_and_the_free_text_trio() -> None:
    survey = load_catalogue(SURVEYS).surveys["young-people"]
    types = [q.type for q in survey.questions]
    assert "faces" in types and "card_sort" in types
    assert [q.id for q in survey.questions if q.type == "free_text"] == [
        "whats_good",
        "whats_hard",
        "make_better",
    ]


@pytest.mark.parametrize(
    ("questions", "expected"),
    [
        (
            "  - id: a\n    type: slider\n    text: Hi\n",
            "broken.yaml:7: questions[0].type: 'slider' is not one of",
        ),
        ("  - id: a\n    type: free_text\n", "broken.yaml:6: questions[0]: 'text' is missing"),
        (
            "  - id: a\n    type: free_text\n    text: Hi\n    colour: red\n",
            "broken.yaml:6: questions[0]: unknown key ('colour' was unexpected)",
        ),
        (
            GOOD_QUESTION + GOOD_QUESTION,
            "broken.yaml:10: questions[1].id: 'listened' is used by another question",
        ),
        (
            "  - id: a\n    type: agreement\n    text: Hi\n",
            "broken.yaml:6: questions[0]: a closed question must name its focus_areas",
        ),
        (
            "  - id: a\n    type: agreement\n    text: Hi\n    focus_areas: [parking]\n",
            "broken.yaml:9: questions[0].focus_areas: 'parking' is not a focus area of 'default'",
        ),
        (
            "  - id: a\n    type: free_text\n    text: What is your child's name?\n",
            "broken.yaml:8: questions[0].text: asks for something that identifies a person",
        ),
        (
            "  - id: a\n    type: free_text\n    text: Your email address\n",
            "broken.yaml:8: questions[0].text: asks for something that identifies a person",
        ),
        (
            "  - id: a\n    type: free_text\n    text: What is your postcode?\n",
            "broken.yaml:8: questions[0].text: asks for something that identifies a person",
        ),
        (
            "  - id: a\n    type: free_text\n    text: Which school do they go to?\n",
            "broken.yaml:8: questions[0].text: asks for something that identifies a person",
        ),
        (
            "  - id: a\n    type: free_text\n    text: Date of birth\n",
            "broken.yaml:8: questions[0].text: asks for something that identifies a person",
        ),
        (
            "  - id: a\n    type: single_choice\n    text: Do you?\n    focus_areas: [ehc_plans]\n    options:\n"
            "      - value: y\n        label: Yes\n      - value: n\n        label: No\n",
            "broken.yaml:12: questions[0].options[0].label: must be text: put words such as Yes, No, On or Off in quotes",
        ),
        (
            "  - id: a\n    type: single_choice\n    text: Who are you?\n    representation: role\n    options:\n"
            "      - value: parent_carer\n        label: Parent\n      - value: grandparent\n        label: Grandparent\n",
            "broken.yaml:6: questions[0]: a question about the person must offer prefer_not_to_say: true",
        ),
        (
            "  - id: a\n    type: single_choice\n    text: Who are you?\n    representation: role\n    prefer_not_to_say: true\n    options:\n"
            "      - value: parent_carer\n        label: Parent\n      - value: grandparent\n        label: Grandparent\n",
            "broken.yaml:14: questions[0].options[1].value: 'grandparent' is not one of: parent_carer, young_person, professional, other",
        ),
        (
            "  - id: a\n    type: single_choice\n    text: Pick\n    focus_areas: [ehc_plans]\n",
            "broken.yaml:6: questions[0]: 'options' is missing",
        ),
        (
            "  - id: a\n    type: card_sort\n    text: Sort\n    cards: []\n",
            "broken.yaml:9: questions[0].cards: needs at least 2 items",
        ),
        (
            "  - id: a\n    type: number\n    text: Weeks\n    minimum: 10\n    maximum: 1\n",
            "broken.yaml:9: questions[0].minimum: is greater than maximum",
        ),
        (
            "  - id: Bad Id\n    type: free_text\n    text: Hi\n",
            "broken.yaml:6: questions[0].id: 'Bad Id' must be lower-case letters",
        ),
        (
            "  - id: a\n    type: free_text\n    text: [unclosed\n",
            "broken.yaml:9: (file): not valid YAML",
        ),
    ],
)
def test_each_problem_is_named_by_file_line_and_key(
    tmp_path: Path, questions: str, expected: str
) -> None:
    found = problems_in(survey_folder(tmp_path, questions))
    assert any(p.startswith(expected) for p in found), found


def test_an_unknown_framework_is_named(tmp_path: Path) -> None:
    found = problems_in(survey_folder(tmp_path, GOOD_QUESTION, header="framework: nowhere\n"))
    assert "broken.yaml:5: framework: no framework 'nowhere' in frameworks/" in found


def test_every_problem_in_a_file_is_reported_not_just_the_first(tmp_path: Path) -> None:
    questions = "  - id: a\n    type: slider\n    text: Hi\n  - id: b\n    type: free_text\n"
    found = problems_in(survey_folder(tmp_path, questions))
    assert len(found) == 2


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    folder = survey_folder(tmp_path, GOOD_QUESTION)
    (folder / "broken.yaml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    assert problems_in(folder)[0].startswith("broken.yaml:1: (file): the file is not UTF-8 text")


def test_the_app_refuses_to_start_with_an_invalid_survey(tmp_path: Path) -> None:
    folder = survey_folder(tmp_path, "  - id: a\n    type: slider\n    text: Hi\n")
    with pytest.raises(DefinitionError, match=r"broken.yaml:7: questions\[0\].type"):
        create_app({"SURVEYS_DIR": str(folder), "INSTANCE_PATH": str(tmp_path / "instance")})


def test_check_surveys_prints_problems_and_exits_non_zero(tmp_path: Path) -> None:
    folder = survey_folder(tmp_path, "  - id: a\n    type: slider\n    text: Hi\n")
    result = subprocess.run(
        [sys.executable, "-m", "coprod.cli", "check-surveys", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert f"{folder}/broken.yaml:7: questions[0].type: 'slider' is not one of" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_surveys_passes_the_shipped_surveys() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coprod.cli", "check-surveys"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "2 survey(s), 2 framework(s) and 2 session template(s) are valid." in result.stdout


def test_an_edited_survey_file_is_read_again_and_an_unchanged_one_is_not(tmp_path: Path) -> None:
    folder = tmp_path / "surveys"
    shutil.copytree(PROJECT_ROOT / "surveys", folder)
    first = load_catalogue(folder)
    assert load_catalogue(folder) is first, "nothing changed, so nothing is parsed again"
    survey = folder / "family-experience.yaml"
    survey.write_text(
        survey.read_text(encoding="utf-8").replace(
            "title: Your family's experience of SEND support",
            "title: Your family's experience of SEND support in 2027",
        ),
        encoding="utf-8",
    )
    again = load_catalogue(folder)
    assert again.surveys["family-experience"].title.endswith("in 2027")
    (folder / "young-people.yaml").unlink()
    assert "young-people" not in load_catalogue(folder).surveys
