"""A survey's translations: read from and merged into the ``surveys`` gettext catalogues.

Survey files hold English; each English text is a msgid of the ``surveys`` domain and its
translation lives in ``translations/<language>/LC_MESSAGES/surveys.po`` (see coprod.translate).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from coprod.languages import DEFAULT_LANGUAGE, LANGUAGES
from coprod.surveys.extract import TRANSLATABLE

#: Language code -> English text -> translated text.
Translations = dict[str, dict[str, str]]


def survey_texts(raw: Mapping[str, Any]) -> list[str]:
    """Every text of a survey definition that a person reads, once each, in file order."""
    return list(dict.fromkeys(_texts(raw, translatable=False)))


def _texts(node: Any, translatable: bool) -> Iterator[str]:
    if isinstance(node, str):
        if translatable and node.strip():
            yield node.strip()
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield from _texts(value, key in TRANSLATABLE)
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item, translatable)


def catalogue_file(directory: Path, language: str) -> Path:
    """The ``surveys`` catalogue of one language under a translations folder."""
    return directory / language / "LC_MESSAGES" / "surveys.po"


def _read(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, domain="surveys")


def read_translations(directory: Path) -> Translations:
    """Every finished translation (not fuzzy, not empty) of every language with a catalogue."""
    found: Translations = {}
    for language in LANGUAGES:
        path = catalogue_file(directory, language)
        if language == DEFAULT_LANGUAGE or not path.is_file():
            continue
        found[language] = {
            str(message.id): str(message.string)
            for message in _read(path)
            if message.id and message.string and not message.fuzzy
        }
    return found


def translations_for(raw: Mapping[str, Any], everything: Translations) -> Translations:
    """The translations of one survey's texts, per language (languages with none are left out)."""
    texts = survey_texts(raw)
    chosen = {
        language: {text: known[text] for text in texts if text in known}
        for language, known in everything.items()
    }
    return {language: found for language, found in chosen.items() if found}


def merge_conflicts(directory: Path, translations: Translations) -> list[str]:
    """Texts the catalogues already translate differently: merging would overwrite them."""
    conflicts = []
    for language, found in translations.items():
        path = catalogue_file(directory, language)
        if not path.is_file():
            continue
        catalog = _read(path)
        for text, translated in found.items():
            message = catalog.get(text)
            if message is not None and message.string and message.string != translated:
                conflicts.append(
                    f"{path}: {text!r} is already translated as {message.string!r}, "
                    f"not {translated!r}"
                )
    return conflicts


def merge_translations(directory: Path, translations: Translations) -> list[Path]:
    """Add the translations to each language's catalogue (check merge_conflicts first)."""
    written = []
    for language, found in translations.items():
        path = catalogue_file(directory, language)
        catalog = _read(path) if path.is_file() else Catalog(locale=language, domain="surveys")
        for text, translated in found.items():
            message = catalog.get(text)
            if message is None:
                catalog.add(text, translated)
            else:
                message.string = translated
                message.flags.discard("fuzzy")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as target:
            write_po(target, catalog, width=76, omit_header=False)
        written.append(path)
    return written
