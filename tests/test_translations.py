"""Every catalogue is complete, nothing is fuzzy, placeholders match, msgfmt accepts it, and the
templates (.pot) hold every string the sources have, per domain and language."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from coprod import translate
from coprod.languages import DEFAULT_LANGUAGE, LANGUAGES

CATALOGUES = [
    (language, domain)
    for language in LANGUAGES
    if language != DEFAULT_LANGUAGE
    for domain in translate.DOMAINS
]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%\{(\w+)\}")


def read(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return read_po(handle)


def placeholders(text: str) -> list[str]:
    return sorted(a or b for a, b in PLACEHOLDER.findall(text))


@pytest.mark.parametrize(("language", "domain"), CATALOGUES)
def test_catalogue_is_complete_and_exact(language: str, domain: str) -> None:
    catalogue = read(translate.catalogue_path(language, domain))
    template = read(translate.template_path(domain))
    wanted = {m.id for m in template if m.id}
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        name = message.id if isinstance(message.id, str) else message.id[0]
        if message.fuzzy:
            problems.append(f"fuzzy: {name!r}")
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(f"missing: {name!r}")
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for translated in strings:
            if placeholders(translated) != placeholders(ids[0]):
                problems.append(f"placeholders differ: {name!r} -> {translated!r}")
    present = {m.id for m in catalogue if m.id}
    problems += [f"not in the catalogue: {m!r}" for m in sorted(wanted - present, key=str)]
    assert problems == [], f"{translate.catalogue_path(language, domain)}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("language", "domain"), CATALOGUES)
def test_msgfmt_accepts_the_catalogue(language: str, domain: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            "msgfmt",
            "--check",
            "-o",
            str(tmp_path / "out.mo"),
            str(translate.catalogue_path(language, domain)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("language", "domain"), CATALOGUES)
def test_catalogue_header_says_it_is_a_draft(language: str, domain: str) -> None:
    text = translate.catalogue_path(language, domain).read_text(encoding="utf-8")
    assert "awaiting review by a native speaker" in text


def test_the_templates_hold_every_string_in_the_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    committed = {
        domain: {m.id for m in read(translate.template_path(domain)) if m.id}
        for domain in translate.DOMAINS
    }
    monkeypatch.setattr(translate, "template_path", lambda domain: tmp_path / f"{domain}.pot")
    translate.extract()
    for domain in translate.DOMAINS:
        fresh = {m.id for m in read(tmp_path / f"{domain}.pot") if m.id}
        missing = sorted(fresh - committed[domain], key=str)
        assert missing == [], (
            f"run `coprod translate extract` and `update`: {domain} lacks {missing[:5]}"
        )
