"""The one translation workflow: pybabel extract, update and compile, for both domains.

``messages`` holds the interface (code and templates); ``surveys`` holds the wording of survey,
session-template and framework files, found by our extractor (coprod.surveys.extract).
"""

from __future__ import annotations

from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface

from coprod.config import PROJECT_ROOT
from coprod.languages import DEFAULT_LANGUAGE, LANGUAGES

TRANSLATIONS = PROJECT_ROOT / "translations"
DOMAINS: dict[str, tuple[str, list[str]]] = {
    "messages": ("babel-ui.cfg", ["coprod", "templates"]),
    "surveys": ("babel-surveys.cfg", ["surveys"]),
}
HEADER_NOTE = (
    "DRAFT translation written for coprod, awaiting review by a native speaker. "
    "Please report any wording that is wrong or unclear."
)


def _pybabel(*arguments: str) -> None:
    CommandLineInterface().run(["pybabel", "--quiet", *arguments])


def template_path(domain: str) -> Path:
    """The .pot file of a domain."""
    return TRANSLATIONS / f"{domain}.pot"


def catalogue_path(language: str, domain: str) -> Path:
    """The .po file of a language and domain."""
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{domain}.po"


def extract() -> None:
    """Write each domain's .pot from the sources."""
    for domain, (config, sources) in DOMAINS.items():
        _pybabel(
            "extract",
            "-F",
            str(TRANSLATIONS / config),
            "-o",
            str(template_path(domain)),
            "--no-location",
            "--sort-output",
            "--project",
            "coprod",
            "--add-comments",
            "Translators:",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            *[str(PROJECT_ROOT / s) for s in sources],
        )


def update() -> None:
    """Merge each .pot into every language's .po, creating catalogues that are missing."""
    for domain in DOMAINS:
        for language in LANGUAGES:
            if language == DEFAULT_LANGUAGE:
                continue
            command = "update" if catalogue_path(language, domain).exists() else "init"
            arguments = [
                "-i",
                str(template_path(domain)),
                "-d",
                str(TRANSLATIONS),
                "-D",
                domain,
                "-l",
                language,
            ]
            if command == "update":
                arguments += ["--no-fuzzy-matching", "--ignore-obsolete"]
            _pybabel(command, *arguments)
            _mark_as_draft(catalogue_path(language, domain))


def _mark_as_draft(path: Path) -> None:
    """Say in the catalogue's header that it awaits a native speaker's review."""
    text = path.read_text(encoding="utf-8")
    if "awaiting review by a native speaker" not in text:
        path.write_text(f"# {HEADER_NOTE}\n{text}", encoding="utf-8")


def compile_catalogues() -> None:
    """Build the .mo files the app reads (never committed)."""
    for domain in DOMAINS:
        _pybabel("compile", "-d", str(TRANSLATIONS), "-D", domain, "--statistics")


@click.command("translate")
@click.argument("step", type=click.Choice(["extract", "update", "compile"]))
def translate_command(step: str) -> None:
    """Translations: extract the .pot files, update the .po files, or compile the .mo files."""
    {"extract": extract, "update": update, "compile": compile_catalogues}[step]()
