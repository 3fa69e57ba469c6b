"""Tell English from the other languages people write in, so that only English is scored in
English: by script for Urdu, Arabic, Punjabi and others, by common words for Polish and Romanian.
"""

from __future__ import annotations

import unicodedata

from coprod.analysis.text import words

ENGLISH = "en"
#: ISO 639's code for "no linguistic content": emoji, numbers or punctuation alone.
NO_WORDS = "zxx"
UNKNOWN = "und"

_COMMON = {
    "en": set(
        [
            "the",
            "and",
            "to",
            "of",
            "a",
            "i",
            "is",
            "in",
            "it",
            "was",
            "my",
            "we",
            "he",
            "she",
            "they",
            "that",
            "for",
            "not",
            "have",
            "with",
            "but",
            "be",
            "on",
            "are",
            "at",
            "this",
            "you",
            "so",
            "our",
            "as",
            "had",
            "his",
            "her",
            "no",
            "them",
            "me",
            "what",
            "when",
            "been",
            "would",
            "there",
            "do",
            "all",
            "about",
            "can",
            "one",
            "just",
            "him",
            "from",
            "did",
            "get",
            "help",
            "school",
            "if",
            "has",
            "were",
            "an",
            "or",
            "by",
            "told",
            "said",
        ]
    ),
    "pl": set(
        [
            "i",
            "w",
            "na",
            "nie",
            "jest",
            "się",
            "z",
            "że",
            "do",
            "to",
            "jak",
            "ale",
            "mój",
            "moja",
            "syn",
            "córka",
            "szkoła",
            "mamy",
            "bardzo",
            "tylko",
            "dla",
            "był",
            "była",
            "po",
            "jest",
            "są",
            "nam",
            "nas",
            "przez",
            "czy",
            "już",
            "jeszcze",
            "też",
            "co",
            "go",
            "ją",
            "pomoc",
        ]
    ),
    "ro": set(
        [
            "și",
            "în",
            "nu",
            "este",
            "să",
            "cu",
            "la",
            "de",
            "pe",
            "că",
            "mai",
            "am",
            "fost",
            "copilul",
            "meu",
            "mea",
            "fiul",
            "fiica",
            "școala",
            "foarte",
            "dar",
            "pentru",
            "sunt",
            "ne",
            "ni",
            "au",
            "un",
            "o",
            "ce",
            "din",
            "care",
            "ajutor",
        ]
    ),
}
_LETTERS_OF = {"pl": set("ąćęłńóśźż"), "ro": set("ăâîșțşţ")}
_URDU_LETTERS = set("ٹڈڑںےھۓکگی")


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
        return "ur" if any(ch in _URDU_LETTERS for ch in text) else "ar"
    if main == "GURMUKHI":
        return "pa"
    if main != "LATIN":
        return UNKNOWN
    said = words(text)
    hits = {code: len(common.intersection(said)) for code, common in _COMMON.items()}
    if not text.isascii():
        lowered = text.lower()
        for code, marks in _LETTERS_OF.items():
            hits[code] += 2 * sum(ch in marks for ch in lowered)
    best = max(hits, key=lambda code: hits[code])
    if hits[best] == 0 or hits[best] == hits["en"]:
        return ENGLISH
    return best


def is_english(text: str) -> bool:
    """Whether text can be scored in English: it reads as English, or has no words at all."""
    return detect(text) in (ENGLISH, NO_WORDS)
