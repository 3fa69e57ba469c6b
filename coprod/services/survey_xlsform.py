"""Surveys to and from XLSForm (KoboToolbox, ODK), for the command line and the staff pages.

Survey definitions are files (surveys/*.yaml) loaded by every host at start-up, and their
translations are the ``surveys`` gettext catalogues (translations/<language>/LC_MESSAGES/). An
import therefore makes files: on the server the command writes them into place; the staff
page, which must not write into the code's folders (several hosts may serve one partnership),
hands them back as a zip to be added the same way.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from flask_babel import force_locale
from flask_babel import gettext as _

from coprod.languages import LANGUAGES
from coprod.surveys.catalogue import Catalogue
from coprod.surveys.definitions import SurveyDefinition
from coprod.surveys.questions.scales import Agreement, Faces, YesNo
from coprod.surveys.survey_translations import (
    merge_conflicts,
    merge_translations,
    read_translations,
    translations_for,
)
from coprod.surveys.xlsform_export import FixedLists, Labels, export_workbook
from coprod.surveys.xlsform_import import ImportedSurvey, import_workbook
from coprod.surveys.xlsform_layout import PILES, PILES_LIST, SCALE_LISTS


class SaveError(Exception):
    """The imported survey cannot be written where asked; nothing was written."""


def fixed_lists() -> FixedLists:
    """The scales, piles and "Prefer not to say" in every language (needs an app context)."""
    lists: dict[str, list[tuple[str, Labels]]] = {}
    by_language: dict[str, dict[str, list[tuple[str, str]]]] = {}
    prefer: dict[str, str] = {}
    for code in LANGUAGES:
        with force_locale(code):
            by_language[code] = {
                SCALE_LISTS[kind.name]: [(o.value, o.label) for o in kind.scale()]
                for kind in (Agreement, Faces, YesNo)
            }
            by_language[code][PILES_LIST] = [(value, _(label)) for value, label in PILES]
            prefer[code] = _("Prefer not to say")
    for list_name, english in by_language["en"].items():
        lists[list_name] = [
            (value, {code: dict(by_language[code][list_name])[value] for code in LANGUAGES})
            for value, _label in english
        ]
    return FixedLists(lists, prefer)


def export_survey(definition: SurveyDefinition, translations_dir: Path) -> bytes:
    """The survey and its translations as an XLSForm workbook."""
    translations = translations_for(definition.raw, read_translations(translations_dir))
    return export_workbook(definition, translations, fixed_lists())


def import_survey(data: bytes, catalogue: Catalogue, slug: str | None = None) -> ImportedSurvey:
    """The survey an XLSForm holds, checked against the frameworks and the surveys there are
    (raises XLSFormError)."""
    return import_workbook(data, catalogue.frameworks, set(catalogue.surveys), slug)


def survey_yaml(imported: ImportedSurvey, source: str) -> str:
    """The definition as a survey file, saying where it came from."""
    body = yaml.safe_dump(
        imported.definition, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return f"# Imported from the XLSForm {source}; wording in English, translations in .po.\n{body}"


def save_imported(
    imported: ImportedSurvey, source: str, output: Path, translations_dir: Path
) -> list[Path]:
    """Write the survey file and add its translations to the catalogues; all or nothing."""
    if output.exists():
        raise SaveError(f"{output} already exists; choose another --output or remove it first")
    if not output.parent.is_dir():
        raise SaveError(f"there is no folder {output.parent}")
    conflicts = merge_conflicts(translations_dir, imported.translations)
    if conflicts:
        raise SaveError(conflicts[0] + " (keep one translation, then import again)")
    output.write_text(survey_yaml(imported, source), encoding="utf-8")
    return [output, *merge_translations(translations_dir, imported.translations)]


def survey_bundle(imported: ImportedSurvey, source: str) -> bytes:
    """A zip of the survey file and one .po file of its translations per language."""
    slug = imported.definition["slug"]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(f"surveys/{slug}.yaml", survey_yaml(imported, source))
        for language, found in imported.translations.items():
            catalog = Catalog(locale=language, domain="surveys")
            for english, translated in found.items():
                catalog.add(english, translated)
            po = io.BytesIO()
            write_po(po, catalog, width=76)
            bundle.writestr(f"translations/{language}/{slug}.po", po.getvalue())
    return output.getvalue()
