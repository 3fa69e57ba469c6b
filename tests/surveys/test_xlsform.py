"""Surveys to XLSForm and back: nothing lost, every language kept, and every bad workbook
refused with the sheet, row and column named and nothing written."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations as GettextTranslations
from flask import Flask
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from coprod.cli import main
from coprod.config import PROJECT_ROOT
from coprod.services.survey_xlsform import export_survey
from coprod.surveys import load_catalogue
from coprod.surveys.definitions import survey_from_dict
from coprod.surveys.presentation import present
from coprod.surveys.survey_translations import read_translations, translations_for
from coprod.surveys.xlsform_import import import_workbook
from coprod.surveys.xlsform_sheets import XLSFormError
from coprod.translate import TRANSLATIONS
from tests.surveys.kobo_form import kobo_form, kobo_sheets, workbook

SHIPPED = ["family-experience", "young-people"]


def exported(app: Flask, slug: str) -> bytes:
    with app.app_context():
        return export_survey(app.extensions["coprod.catalogue"].surveys[slug], TRANSLATIONS)


@pytest.mark.parametrize("slug", SHIPPED)
def test_ours_to_xlsform_to_ours_is_identical_in_every_language(app: Flask, slug: str) -> None:
    catalogue = app.extensions["coprod.catalogue"]
    original = catalogue.surveys[slug]
    back = import_workbook(exported(app, slug), catalogue.frameworks)
    assert back.definition == original.raw
    expected = translations_for(original.raw, read_translations(TRANSLATIONS))
    assert set(expected) == {"pl", "pa", "ur", "ro", "ar"}
    assert back.translations == expected
    assert back.notices == ()


def test_the_workbook_is_in_xlsform_layout_with_each_language_named_in_its_own_words(
    app: Flask,
) -> None:
    book = load_workbook(io.BytesIO(exported(app, "young-people")))
    assert book.sheetnames == ["survey", "choices", "settings"]
    survey = [[c.value for c in row] for row in book["survey"].iter_rows()]
    header = survey[0]
    for column in ("label::English (en)", "label::Polski (pl)", "label::اردو (ur)"):
        assert column in header
    assert "hint::العربية (ar)" in header and "coprod_easy_read::Română (ro)" in header
    rows: dict[str, list[object]] = {}
    for row in survey[1:]:
        rows.setdefault(str(row[header.index("name")]), row)
    kind = header.index("type")
    assert rows["age_band"][kind] == "select_one age_band"
    assert rows["feel_at_school"][kind] == "select_one coprod_faces"
    assert rows["feel_at_school"][header.index("coprod_type")] == "faces"
    assert rows["cards"][kind] == "begin_group"
    assert rows["whats_good"][header.index("constraint")] == "string-length(.) <= 800"
    polish = rows["whats_good"][header.index("label::Polski (pl)")]
    assert polish and polish != "What is good?"
    names, values = [[c.value for c in row] for row in book["settings"].iter_rows()]
    settings = dict(zip(names, values, strict=True))
    assert settings["form_id"] == "young-people"
    assert settings["default_language"] == "English (en)"


@pytest.mark.parametrize("slug", SHIPPED)
def test_pyxform_turns_the_export_into_an_xform_with_every_language(app: Flask, slug: str) -> None:
    warnings: list[str] = []
    xform = convert(xlsform=exported(app, slug), warnings=warnings).xform
    for language in ("English (en)", "Polski (pl)", "اردو (ur)", "ਪੰਜਾਬੀ (pa)"):
        assert f'<translation lang="{language}"' in xform
    assert warnings == []


def test_odk_validate_accepts_the_export(app: Flask) -> None:
    convert(xlsform=exported(app, "young-people"), validate=True)


def test_a_kobotoolbox_form_imports_with_its_polish_and_is_shown_in_polish(app: Flask) -> None:
    catalogue = app.extensions["coprod.catalogue"]
    imported = import_workbook(kobo_form(), catalogue.frameworks)
    definition = imported.definition
    assert definition["slug"] == "waiting-for-help"
    assert definition["about"] == ["Thank you for helping us."]
    assert [(q["id"], q["type"]) for q in definition["questions"]] == [
        ("wait_time", "single_choice"),
        ("who_helped", "multiple_choice"),
        ("weeks_off_school", "number"),
        ("one_change", "free_text"),
    ]
    assert definition["questions"][0]["required"] is True
    assert any('"start" is not kept' in notice for notice in imported.notices)
    polish = imported.translations["pl"]
    mo = io.BytesIO()
    catalog = Catalog(locale="pl", domain="surveys")
    for english, text in polish.items():
        catalog.add(english, text)
    write_mo(mo, catalog)
    mo.seek(0)
    gettext = GettextTranslations(mo, domain="surveys").gettext
    shown = present(survey_from_dict(definition), gettext, easy_read=False)
    assert shown.questions[0].text == "Jak długo czekali Państwo na pomoc?"
    assert [o.label for o in shown.questions[1].options] == ["Szkoła", "Służba zdrowia", "Nikt"]


def spoiled(change: str) -> bytes:
    sheets = kobo_sheets()
    survey, choices = sheets["survey"], sheets["choices"]
    if change == "geopoint":
        survey[8] = ["geopoint", "where", "Where do you live?", *[""] * 8]
    elif change == "missing list":
        survey[5][0] = "select_one how_long"
    elif change == "duplicate name":
        survey[8][1] = "wait_time"
    elif change == "empty name":
        survey[9][1] = ""
    elif change == "duplicate column":
        survey[0][5] = "label::Polish"
    elif change == "empty column heading":
        survey[0][7] = ""
    elif change == "relevance":
        survey[6][8] = "${wait_time} = 'still_waiting'"
    elif change == "or_other":
        survey[6][0] = "select_multiple helpers or_other"
    elif change == "unknown language":
        choices[0][3] = "label::Français (fr)"
    elif change == "no focus areas":
        survey[5][10] = ""
    elif change == "another translation":
        survey[5][4] = "Think of the longest wait."  # family-experience has it in Polish
    elif change == "no survey sheet":
        del sheets["survey"]
    return workbook(sheets)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            "geopoint",
            'survey sheet, row 9, column type: question type "geopoint" is not supported '
            "(a place on a map cannot be asked in coprod)",
        ),
        (
            "missing list",
            'survey sheet, row 6, column type: the list "how_long" is not on the choices sheet',
        ),
        (
            "duplicate name",
            'survey sheet, row 9, column name: the name "wait_time" is also used on row 6',
        ),
        ("empty name", "survey sheet, row 10, column name: the name is empty"),
        (
            "duplicate column",
            'survey sheet, row 1, column F: "label::Polish" is the same column as column D',
        ),
        ("empty column heading", "survey sheet, row 1, column H: the column has no heading"),
        ("relevance", "survey sheet, row 7, column relevant: relevant is not supported"),
        ("or_other", 'survey sheet, row 7, column type: "or_other" is not supported'),
        ("unknown language", 'choices sheet, row 1, column D: "label::Français (fr)" is in a'),
        (
            "no focus areas",
            "survey sheet, row 6, column coprod_focus_areas: a closed question must name its "
            "focus_areas",
        ),
        ("no survey sheet", 'the workbook has no "survey" sheet'),
    ],
)
def test_each_bad_workbook_is_refused_naming_where(app: Flask, change: str, message: str) -> None:
    with pytest.raises(XLSFormError) as refused:
        import_workbook(spoiled(change), app.extensions["coprod.catalogue"].frameworks)
    assert any(str(p).startswith(message) for p in refused.value.problems), refused.value


@pytest.mark.parametrize("data", [b"name,age\nSam,4\n", b"", b"PK\x03\x04 not really a zip"])
def test_a_file_that_is_not_a_workbook_is_refused(app: Flask, data: bytes) -> None:
    with pytest.raises(XLSFormError, match="not an Excel workbook"):
        import_workbook(data, app.extensions["coprod.catalogue"].frameworks)


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the survey folder and of the translations, for commands to write into."""
    surveys = tmp_path / "surveys"
    shutil.copytree(PROJECT_ROOT / "surveys", surveys)
    translations = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, translations, ignore=shutil.ignore_patterns("*.mo"))
    return surveys, translations


def test_the_command_imports_a_form_that_check_surveys_then_accepts(
    app: Flask, folders: tuple[Path, Path], tmp_path: Path
) -> None:
    surveys, translations = folders
    form = tmp_path / "waiting.xlsx"
    form.write_bytes(kobo_form())
    output = surveys / "waiting-for-help.yaml"
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "xlsform",
            "import",
            str(form),
            "--output",
            str(output),
            "--translations",
            str(translations),
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Imported waiting-for-help: 4 question(s), pl." in result.output
    assert yaml.safe_load(output.read_text(encoding="utf-8"))["title"] == "Waiting for help"
    with (translations / "pl" / "LC_MESSAGES" / "surveys.po").open("rb") as po:
        catalog = read_po(po)
    assert catalog.get("Nobody").string == "Nikt"
    assert catalog.get("What is good?").string  # what was there is kept
    assert "waiting-for-help" in load_catalogue(surveys).surveys
    checked = runner.invoke(main, ["check-surveys", str(surveys)])
    assert checked.exit_code == 0, checked.output
    assert "3 survey(s)" in checked.output


def test_the_command_writes_nothing_from_a_bad_form(
    app: Flask, folders: tuple[Path, Path], tmp_path: Path
) -> None:
    surveys, translations = folders
    form = tmp_path / "bad.xlsx"
    form.write_bytes(spoiled("geopoint"))
    polish = translations / "pl" / "LC_MESSAGES" / "surveys.po"
    before = hashlib.sha256(polish.read_bytes()).hexdigest()
    output = surveys / "bad.yaml"
    result = app.test_cli_runner().invoke(
        args=[
            "xlsform",
            "import",
            str(form),
            "--output",
            str(output),
            "--translations",
            str(translations),
        ]
    )
    assert result.exit_code != 0
    assert f'{form}: survey sheet, row 9, column type: question type "geopoint"' in result.output
    assert "Traceback" not in result.output
    assert not output.exists()
    assert hashlib.sha256(polish.read_bytes()).hexdigest() == before


def test_the_command_exports_a_survey_and_names_an_unknown_one(app: Flask, tmp_path: Path) -> None:
    runner = app.test_cli_runner()
    output = tmp_path / "young-people.xlsx"
    done = runner.invoke(args=["xlsform", "export", "young-people", "--output", str(output)])
    assert done.exit_code == 0, done.output
    assert load_workbook(output).sheetnames == ["survey", "choices", "settings"]
    unknown = runner.invoke(args=["xlsform", "export", "old-survey", "--output", str(output)])
    assert unknown.exit_code != 0
    assert "there is no survey 'old-survey'" in unknown.output


def test_the_command_keeps_a_translation_it_would_overwrite_and_writes_nothing(
    app: Flask, folders: tuple[Path, Path], tmp_path: Path
) -> None:
    surveys, translations = folders
    form = tmp_path / "clash.xlsx"
    form.write_bytes(spoiled("another translation"))
    output = surveys / "clash.yaml"
    result = app.test_cli_runner().invoke(
        args=[
            "xlsform",
            "import",
            str(form),
            "--output",
            str(output),
            "--translations",
            str(translations),
        ]
    )
    assert result.exit_code != 0
    assert "'Think of the longest wait.' is already translated as" in result.output
    assert not output.exists()
