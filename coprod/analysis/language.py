"""Tell English from the other languages people write in, so that only English is scored in
English: by script for Urdu, Arabic, Punjabi and others, by common words for Polish and Romanian.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from coprod.analysis.text import words

ENGLISH = "en"
#: ISO 639's code for "no linguistic content": emoji, numbers or punctuation alone.
NO_WORDS = "zxx"
UNKNOWN = "und"

LANGUAGES_FILE = Path(__file__).parent / "data" / "languages.yaml"


@dataclass(frozen=True)
class _Clues:
    common_words: dict[str, frozenset[str]]
    letters: dict[str, frozenset[str]]
    urdu_letters: frozenset[str]


@cache
def _clues() -> _Clues:
    raw = yaml.safe_load(LANGUAGES_FILE.read_text(encoding="utf-8"))
    return _Clues(
        {code: frozenset(w) for code, w in raw["common_words"].items()},
        {code: frozenset(m) for code, m in raw["letters"].items()},
        frozenset(raw["urdu_letters"]),
    )


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def _main_script(text: str) -> str:
    scripts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = "LATIN" if ch.isascii() else _script(ch)
            scripts[script] = scripts.get(script, 0) + 1
    return max(scripts, key=lambda s: scripts[s])


def detect(text: str) -> str:
    """The language code of text: en, pl, ro, ur, ar, pa, ``zxx`` for no words, else ``und``."""
    if not any(ch.isalpha() for ch in text):
        return NO_WORDS
    main = "LATIN" if text.isascii() else _main_script(text)
    if main == "ARABIC":
        return "ur" if any(ch in _clues().urdu_letters for ch in text) else "ar"
    if main == "GURMUKHI":
        return "pa"
    if main != "LATIN":
        return UNKNOWN
    said = words(text)
    clues = _clues()
    hits = {code: len(common.intersection(said)) for code, common in clues.common_words.items()}
    if not text.isascii():
        lowered = text.lower()
        for code, marks in clues.letters.items():
            hits[code] += 2 * sum(ch in marks for ch in lowered)
    best = max(hits, key=lambda code: hits[code])
    if hits[best] == 0 or hits[best] == hits["en"]:
        return ENGLISH
    return best


def is_english(text: str) -> bool:
    """Whether text can be scored in English: it reads as English, or has no words at all."""
    return detect(text) in (ENGLISH, NO_WORDS)
